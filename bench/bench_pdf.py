"""Benchmark: PDF -> model, pages per second for each producer's PDF of the 2025
collection (reportlab, LibreOffice Writer numbering every line and every 5th, Chromium;
tests/pdfdocs.py) and a synthetic PDF of about 300 pages (the collection seven times),
against pdftotext (Debian's poppler-utils) on the same files in the same run as the
baseline; the peak memory (VmHWM) of reading each, in a fresh interpreter. And a scan
(the reportlab PDF as 300 dpi images) read with --ocr, against OCRmyPDF alone making
the same hOCR, and its full run to a PDF with a text layer.

    .venv/bin/python bench/bench_pdf.py [--repeat 3] [--no-ocr]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from pdfdocs import BUNDLED, chromium_pdf, image_only_pdf, lines_of, make_pdf, writer_pdf  # noqa: E402
from timing import best_of  # noqa: E402

from intmk_graph.pipeline import parse  # noqa: E402

HEADER = ["20. Integrationsministerkonferenz 2025", "Hauptkonferenz am 23. – 24. April 2025 in Göttingen"]


def peak_mb(path: Path) -> float:
    """VmHWM of a fresh interpreter that reads the PDF into a model, less its start."""
    script = (
        "import sys\n"
        "def hwm():\n"
        "    return int(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1])\n"
        "from intmk_graph.pipeline import parse\n"
        "import pypdfium2\n"
        "before = hwm()\n"
        "from pathlib import Path\n"
        "parse(Path(sys.argv[1]))\n"
        "print((hwm() - before) / 1024)\n"
    )
    out = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-ocr", action="store_true", help="leave out the scan (a minute or two)")
    args = parser.parse_args()
    pdftotext = shutil.which("pdftotext")
    with tempfile.TemporaryDirectory() as tmp:
        lines = lines_of(BUNDLED)
        files = {
            "reportlab 2025": make_pdf(lines, Path(tmp) / "2025.pdf", HEADER),
            "Writer, every line": writer_pdf(lines, Path(tmp) / "writer.pdf", HEADER),
            "Writer, every 5th": writer_pdf(lines, Path(tmp) / "writer5.pdf", HEADER, increment=5),
            "Chromium": chromium_pdf(lines, Path(tmp) / "chromium.pdf", HEADER),
            "reportlab x7": make_pdf(lines * 7, Path(tmp) / "x7.pdf", HEADER),
        }
        print("| PDF | pages | MB | PDF -> model, s | pages/s | MB/s | pdftotext, s | x pdftotext | peak MB |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for label, path in files.items():
            import pypdfium2 as pdfium

            pages = len(pdfium.PdfDocument(str(path)))
            size = path.stat().st_size / 1e6
            ours = best_of(lambda: parse(path), args.repeat)
            base = best_of(lambda: subprocess.run([pdftotext, "-layout", str(path), "-"], capture_output=True,
                                                  check=True), args.repeat) if pdftotext else float("nan")
            print(f"| {label} | {pages} | {size:.2f} | {ours:.2f} | {pages / ours:.0f} | {size / ours:.2f} "
                  f"| {base:.3f} | {ours / base:.1f} | {peak_mb(path):.0f} |")
        if not args.no_ocr:
            ocr(image_only_pdf(files["reportlab 2025"], Path(tmp) / "scan.pdf"), Path(tmp))
    if not pdftotext:
        print("pdftotext not found: apt-get install poppler-utils for the baseline")


def ocr(scan: Path, tmp: Path) -> None:
    """The scan read with --ocr, against OCRmyPDF alone: the same hOCR (what --ocr runs),
    and its full run to a searchable PDF; each once (OCR dominates, and varies little)."""
    import pypdfium2 as pdfium
    from ocrmypdf import api

    from intmk_graph.settings import default_jobs

    pages, jobs = len(pdfium.PdfDocument(str(scan))), default_jobs()
    ours = best_of(lambda: parse(scan, ocr=True), 1)

    def hocr() -> None:
        folder = tmp / "hocr"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        api._pdf_to_hocr(scan, folder, language=["deu"], jobs=jobs, progress_bar=False, rotate_pages=True,
                         tesseract_pagesegmode=6)

    alone = best_of(hocr, 1)
    searchable = best_of(lambda: subprocess.run(
        [sys.executable, "-m", "ocrmypdf", "-q", "-l", "deu", "--output-type", "pdf", "-j", str(jobs),
         str(scan), str(tmp / "searchable.pdf")], capture_output=True, check=True), 1)
    print()
    print(f"| scan, {pages} pages at 300 dpi, {jobs} cores | s | pages/s | pages/s per core | x OCRmyPDF hOCR |")
    print("|---|---:|---:|---:|---:|")
    for label, seconds in (("--ocr (OCR + reading)", ours), ("OCRmyPDF, hOCR only", alone),
                           ("OCRmyPDF, to a searchable PDF", searchable)):
        print(f"| {label} | {seconds:.1f} | {pages / seconds:.2f} | {pages / seconds / jobs:.2f} | "
              f"{seconds / alone:.2f} |")


if __name__ == "__main__":
    main()

"""Benchmark: PDF -> model, on the 2025 collection laid out as its PDF (tests/pdfdocs.py)
and a synthetic PDF of about 300 pages (the collection seven times), against pdftotext
(Debian's poppler-utils) on the same files in the same run as the baseline; and the
peak memory (VmHWM) of reading each, in a fresh interpreter.

    .venv/bin/python bench/bench_pdf.py [--repeat 3]
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

from pdfdocs import BUNDLED, lines_of, make_pdf  # noqa: E402
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
    args = parser.parse_args()
    pdftotext = shutil.which("pdftotext")
    with tempfile.TemporaryDirectory() as tmp:
        lines = lines_of(BUNDLED)
        files = {
            "2025": make_pdf(lines, Path(tmp) / "2025.pdf", HEADER),
            "synthetic x7": make_pdf(lines * 7, Path(tmp) / "x7.pdf", HEADER),
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
    if not pdftotext:
        print("pdftotext not found: apt-get install poppler-utils for the baseline")


if __name__ == "__main__":
    main()

"""Bad input. A file that is not a resolution document: one line naming file, line and
what was expected; exit 2; no traceback. A document with things the reader does not
understand: a warning per thing, ``file:line: found; expected``, exit 0 (2 with
--strict), and everything else kept."""

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from intmk_graph.cli import app

runner = CliRunner()

GOOD_HEAD = "TOP 1.1\n\nTitel\n\nAntragsteller: Berlin\n\nDie IntMK hat einstimmig beschlossen:\n\nText. 1\n"


def run(path):
    result = runner.invoke(app, ["resolutions", str(path)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = [l for l in result.output.splitlines() if l.strip()]
    assert len(lines) == 1, result.output
    return lines[0]


def test_missing_file(tmp_path):
    line = run(tmp_path / "nope.txt")
    assert "nope.txt: file not found" in line


def test_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n\n")
    assert "empty.txt:1: file is empty" in run(tmp_path / "empty.txt")


def warned(path, *args):
    """Read a file that needs warnings: exit 0, the warnings on stderr, and with
    --strict exit 2. Returns (records, warning lines)."""
    result = runner.invoke(app, ["resolutions", str(path), "--format", "json", *args])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    warnings = [l for l in result.stderr.splitlines() if l.startswith("warning:")]
    strict = runner.invoke(app, ["resolutions", str(path), "--strict"])
    assert strict.exit_code == (2 if warnings else 0), strict.output
    return json.loads(result.stdout), warnings


def test_windows_1252_is_read_with_a_notice(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(GOOD_HEAD.replace("Berlin", "Th\u00fcringen").encode("cp1252"))
    result = runner.invoke(app, ["resolutions", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["sponsors"] == ["Thüringen"]
    assert f"notice: {path}: read as Windows-1252" in result.stderr


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_bom_encodings(tmp_path, encoding):
    path = tmp_path / "bom.txt"
    path.write_bytes(GOOD_HEAD.replace("Berlin", "Th\u00fcringen").replace("\n", "\r\n").encode(encoding))
    result = runner.invoke(app, ["resolutions", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    (record,) = json.loads(result.stdout)
    assert (record["id"], record["sponsors"], record["source"]["last_line"]) == ("1.1", ["Thüringen"], 9)


def test_a_few_bad_bytes_are_replaced_with_a_warning_each(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(GOOD_HEAD.replace("Text. 1", "Text für alle. 1").encode().replace(b"Titel", b"Titel \x81\xfc"))
    (record,), warnings = warned(path)
    assert record["title"] == "Titel \ufffd\ufffd" and record["sponsors"] == ["Berlin"]
    assert warnings == [
        f"warning: {path}:3: byte 0x81 at column 7 (byte position 15) is not valid UTF-8, read as U+FFFD; "
        "expected UTF-8, UTF-16 or Windows-1252 text",
        f"warning: {path}:3: byte 0xfc at column 8 (byte position 16) is not valid UTF-8, read as U+FFFD; "
        "expected UTF-8, UTF-16 or Windows-1252 text",
    ]


def test_a_stray_nul_byte_is_replaced_with_a_warning(tmp_path):
    path = tmp_path / "nul.txt"
    path.write_bytes(GOOD_HEAD.replace("Text.", "Te\x00xt.").encode())
    (record,), warnings = warned(path)
    assert record["sponsors"] == ["Berlin"]
    assert warnings == [f"warning: {path}:9: byte 0x00 at column 3 (byte position 80) is a NUL byte, read as "
                        "U+FFFD; expected UTF-8, UTF-16 or Windows-1252 text"]


def test_utf16_without_its_bom_is_told_by_its_nul_bytes(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes(GOOD_HEAD.replace("Berlin", "Thüringen").encode("utf-16-le"))
    (record,), warnings = warned(path)
    assert record["sponsors"] == ["Thüringen"] and warnings == []


def test_text_that_is_mostly_not_utf8_is_refused(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"TOP 1.1\n" + bytes(range(0x80, 0x100)) * 4)
    line = run(path)
    assert "bad.txt:2: not valid UTF-8 (byte 0x80 at column 1, byte position 8, and 511 more places)" in line


def test_binary_file(tmp_path):
    path = tmp_path / "x.bin"
    path.write_bytes(b"\x00\x01TOP")
    assert "x.bin: binary data (a NUL byte at byte position 0)" in run(path)


def test_not_a_resolution_document(tmp_path):
    path = tmp_path / "prose.txt"
    path.write_text("Ein Brief\nohne Tagesordnung.\n")
    assert "prose.txt:1: not a resolution document: no title page, no table of contents" in run(path)


def test_sponsor_that_is_not_a_land_is_left_out(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text(GOOD_HEAD.replace("Berlin", "Berlin, Bavaria"))
    (record,), warnings = warned(path)
    assert record["sponsors"] == ["Berlin"]
    assert warnings == [f"warning: {path}:5: 'Bavaria' in 'Antragsteller' is not a German Land; expected one of "
                        + ", ".join(["Baden-Württemberg", "Bayern", "Berlin", "Brandenburg", "Bremen", "Hamburg",
                                     "Hessen", "Mecklenburg-Vorpommern", "Niedersachsen", "Nordrhein-Westfalen",
                                     "Rheinland-Pfalz", "Saarland", "Sachsen", "Sachsen-Anhalt",
                                     "Schleswig-Holstein", "Thüringen"]) + " or 'Alle Länder'"]


def test_wrapped_sponsor_warning_names_the_right_line(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text(GOOD_HEAD.replace("Antragsteller: Berlin", "Antragsteller: Berlin,\nWien"))
    (record,), warnings = warned(path)
    assert record["sponsors"] == ["Berlin"]
    assert warnings[0].startswith(f"warning: {path}:6: 'Wien'")


def test_duplicate_id_keeps_both(tmp_path):
    path = tmp_path / "dup.txt"
    path.write_text(GOOD_HEAD + GOOD_HEAD.replace("Text.", "Anderer Text."))
    records, warnings = warned(path)
    assert [r["id"] for r in records] == ["1.1", "1.1"]
    assert warnings == [f"warning: {path}:10: TOP 1.1 appears twice (first at line 1); both are kept; "
                        "expected each agenda item once"]
    graph = runner.invoke(app, ["export", str(path), "--format", "nt", "--out", str(path.with_suffix(".nt"))])
    assert graph.exit_code == 0, graph.output
    triples = path.with_suffix(".nt").read_text()
    assert "/conference/dup/top/1.1>" in triples and "/conference/dup/top/1.1-2>" in triples


def test_item_cut_off_after_header(tmp_path):
    path = tmp_path / "cut.txt"
    path.write_text(GOOD_HEAD + "\nTOP 1.2\n\n")
    records, warnings = warned(path)
    assert [r["id"] for r in records] == ["1.1"]
    assert f"warning: {path}:11: TOP 1.2 ends right after its header" in warnings[0]


def test_item_cut_off_after_decision(tmp_path):
    path = tmp_path / "cut.txt"
    path.write_text(GOOD_HEAD + "TOP 1.2\nTitel\nAntragsteller: Berlin\nDie IntMK hat einstimmig beschlossen:\n")
    records, warnings = warned(path)
    assert [r["id"] for r in records] == ["1.1"]  # 1.2 has no text: an agenda item, not a resolution
    assert f"warning: {path}:13: TOP 1.2 stops before its text" in warnings[0]


def test_unknown_decision_word(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text(GOOD_HEAD.replace("einstimmig", "vielleicht"))
    (record,), warnings = warned(path)
    assert record["decision"] is None and record["paragraphs"] == 0
    assert warnings == [f"warning: {path}:7: TOP 1.1: unknown decision 'vielleicht'; "
                        "expected 'einstimmig', 'mehrheitlich' or counts like 13:1:2"]


def test_text_cut_off_mid_sentence(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text(GOOD_HEAD.replace("Text. 1", "Die IntMK fordert den Bund auf, die 1"))
    (record,), warnings = warned(path)
    assert warnings == [f"warning: {path}:9: the last item, TOP 1.1, ends mid-sentence and looks truncated; "
                        "expected a document that ends with a complete resolution"]


@pytest.mark.parametrize("command", ["build", "resolutions"])
def test_real_process_prints_no_traceback(tmp_path, command):
    proc = subprocess.run(
        [sys.executable, "-m", "intmk_graph.cli", command, str(tmp_path / "missing.txt")],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.strip().endswith("missing.txt: file not found; expected an IntMK resolution collection (PDF or text)")
    assert "Traceback" not in proc.stderr


def test_windows_1252_with_a_stray_nul_byte_is_read(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(GOOD_HEAD.replace("Berlin", "Th\u00fcringen").replace("Text.", "Te\x00xt.").encode("cp1252"))
    (record,), warnings = warned(path)
    assert record["sponsors"] == ["Thüringen"]
    assert len(warnings) == 1 and "is a NUL byte, read as U+FFFD" in warnings[0]

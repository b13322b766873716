"""The README cannot drift: every `$ .venv/bin/intmk-graph ...` command in its console
blocks is run on the bundled data, in order, in a fresh folder, at 80 columns, and what
the README shows under it must be what the command prints. A shown line `...` stands
for any lines, and timings are compared as numbers of some value. A block after
`<!-- not run: why -->` (it needs your PDFs, a server) is only parsed."""

from __future__ import annotations

import re
import shlex

from helpers import ROOT
from typer.testing import CliRunner

from intmk_graph import cli
from intmk_graph.cli import app

README = ROOT / "README.md"
PROMPT = "$ .venv/bin/intmk-graph "
TIMING = re.compile(r"\b\d+(?:\.\d+)? (ms|s)\b")


def blocks() -> list[tuple[bool, list[tuple[str, list[str]]]]]:
    """The console blocks: whether each is run, and its commands with their shown output."""
    text = README.read_text(encoding="utf-8")
    found = []
    for m in re.finditer(r"(<!-- not run: [^>]+ -->\n)?```console\n(.*?)```", text, re.S):
        commands: list[tuple[str, list[str]]] = []
        for line in m[2].splitlines():
            if line.startswith("$ "):
                commands.append((line, []))
            elif commands:
                commands[-1][1].append(line)
        found.append((m[1] is None, commands))
    return found


def matches(shown: list[str], printed: list[str]) -> bool:
    """Shown lines against printed ones: `...` is any run of lines, timings any value."""
    def same(a: str, b: str) -> bool:
        return TIMING.sub(r"N \1", a.rstrip()) == TIMING.sub(r"N \1", b.rstrip())

    def match(i: int, j: int) -> bool:
        if i == len(shown):
            return j == len(printed)
        if shown[i].strip() == "...":
            return any(match(i + 1, k) for k in range(j, len(printed) + 1))
        return j < len(printed) and same(shown[i], printed[j]) and match(i + 1, j + 1)

    return match(0, 0)


def test_the_readme_shows_what_the_commands_print(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cli.console, "width", 80)
    runner = CliRunner()
    ran = 0
    for run, commands in blocks():
        for line, shown in commands:
            if not run or not line.startswith(PROMPT):
                continue
            args = shlex.split(line[len(PROMPT):], comments=True)
            result = runner.invoke(app, args)
            assert result.exit_code == 0, f"{line}\n{result.output}"
            printed = result.stdout.splitlines()
            if shown:  # a command shown without output is only run
                assert matches(shown, printed), (f"README shows under `{line}`:\n" + "\n".join(shown)
                                                 + "\n\nbut it prints:\n" + "\n".join(printed))
            ran += 1
    assert ran >= 8


def test_the_readme_push_figures_are_the_builds(built_2025):
    """The push block is not run (it needs a store), but its triple counts are checked."""
    text = README.read_text(encoding="utf-8")
    shown = dict(re.findall(r"graph/([\w-]+)>: ([\d,]+) triples", text))
    sizes: dict[str, int] = {}
    for line in built_2025.quads.nquads().decode().splitlines():
        graph = line.rsplit("<", 1)[1].split(">")[0]
        sizes[graph.rsplit("/", 1)[1]] = sizes.get(graph.rsplit("/", 1)[1], 0) + 1
    assert shown and {name: int(n.replace(",", "")) for name, n in shown.items()} == {n: sizes[n] for n in shown}


def test_matching():
    assert matches(["a", "...", "d"], ["a", "b", "c", "d"])
    assert matches(["total 1.02 s"], ["total 3.40 s"])
    assert not matches(["a", "b"], ["a", "c"])
    assert not matches(["a"], ["a", "b"])

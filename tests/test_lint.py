"""The code passes the linter with the project's rules ([tool.ruff.lint] in pyproject.toml)."""

import shutil
import subprocess
import sys
from pathlib import Path

from helpers import ROOT


def test_ruff_is_clean():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    assert ruff, "ruff is one of the test tools: pip install -e '.[test]'"
    result = subprocess.run([ruff, "check", "src", "tests", "bench"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# The rooms of the package, lowest floor first: a module imports from its own floor or a
# lower one, never from a higher one; reading and extracting know nothing of each other.
FLOORS = [
    {"settings", "errors", "namespaces", "chunks", "stops", "outputs", "parallel", "__version__"},
    {"model"},
    {"vocab"},
    {"read", "extract"},
    {"graph"},
    {"query"},
    {"publish"},
    {"pipeline", "options", "cli", "__main__", "intmk_graph"},
]


def _package_imports() -> set[tuple[str, str]]:
    """(importing module, imported module) for every import inside the package, those
    inside functions too."""
    import ast

    root = ROOT / "src" / "intmk_graph"
    found = set()
    for path in root.rglob("*.py"):
        parts = path.relative_to(root.parent).with_suffix("").parts
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("intmk_graph")):
                base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
                target = ".".join(base + ([node.module] if node.module else []))
                for alias in node.names if not node.module else [None]:
                    found.add((module, f"{target}.{alias.name}" if alias else target))
    return found


def _room(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def test_no_import_climbs_a_floor_and_only_the_pipeline_knows_extract():
    floor = {room: i for i, rooms in enumerate(FLOORS) for room in rooms}
    imports = _package_imports()
    assert len(imports) > 150
    rooms = {_room(m) for pair in imports for m in pair}
    assert rooms <= set(floor), f"rooms with no floor: {rooms - set(floor)}"
    climbs = sorted((a, b) for a, b in imports if floor[_room(b)] > floor[_room(a)]
                    or {_room(a), _room(b)} == {"read", "extract"})
    assert climbs == []
    into_extract = sorted(a for a, b in imports if _room(b) == "extract" and _room(a) not in ("extract", "pipeline"))
    assert into_extract == []

"""What may import what: the store is the bottom layer, the runtime sits under the faces, and the
old per-article path (`wirewatch.ingest`) is only a re-export nothing inside imports."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "wirewatch"


def imported(path: Path) -> set[str]:
    """Absolute names of the wirewatch modules `path` imports (relative imports resolved)."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    package = ".".join(parts[:-1])  # what a relative import starts from, for __init__.py too
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return {name for name in names if name == "wirewatch" or name.startswith("wirewatch.")}


def offenders(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for path in sorted((PACKAGE / folder).rglob("*.py")):
        for name in imported(path):
            if name.startswith(forbidden) or name in {f.rstrip(".") for f in forbidden}:
                found.append(f"{path.relative_to(PACKAGE)} imports {name}")
    return found


def test_the_store_imports_nothing_above_it():
    assert offenders("store", ("wirewatch.runtime", "wirewatch.nlp", "wirewatch.alerts", "wirewatch.web",
                               "wirewatch.workspace", "wirewatch.ingest", "wirewatch.cli", "wirewatch.pipeline")) == []


def test_the_runtime_never_imports_ingest_or_a_face():
    assert offenders("runtime", ("wirewatch.ingest", "wirewatch.web", "wirewatch.cli", "wirewatch.workspace")) == []


def test_the_old_processor_is_gone():
    assert not (PACKAGE / "runtime" / "processor.py").exists()

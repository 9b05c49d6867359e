"""Only wirewatch/store/ speaks SQL: every other module goes through the Store's methods.

Scans the source of every module of the `wirewatch` package outside wirewatch/store/ for imports
of SQLAlchemy or Alembic, imports of store/'s inner modules (schema, queries: the Store and the
records it returns are imported from `wirewatch.store`), and string constants that read like SQL.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import wirewatch
from wirewatch.store import Store

PACKAGE = Path(wirewatch.__file__).resolve().parent
STORE = PACKAGE / "store"
SQL = re.compile(r"\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|CREATE TABLE|ALTER TABLE|DROP TABLE)\b")
DATABASE_LIBRARIES = ("sqlalchemy", "alembic")

NOT_YET_MOVED: frozenset[tuple[str, str]] = frozenset()  # modules still being moved: none


def _modules() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.py") if STORE not in path.parents)


def _absolute(path: Path, node: ast.ImportFrom) -> str:
    """The module an import names, with relative imports resolved against `path`'s package."""
    if node.level == 0:
        return node.module or ""
    package = list(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    base = package[: len(package) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _is_store_internal(module: str, names: list[str]) -> bool:
    if module.startswith("wirewatch.store."):
        return True
    return module == "wirewatch.store" and any(
        (STORE / f"{name}.py").exists() or (STORE / name).is_dir() for name in names
    )


def findings_in(path: Path) -> list[tuple[str, str, int, str]]:
    """(module, kind, line, detail) for each way `path` speaks SQL itself."""
    name = path.relative_to(PACKAGE.parent).as_posix()
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        imported: list[tuple[str, list[str]]] = []
        if isinstance(node, ast.Import):
            imported = [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            imported = [(_absolute(path, node), [alias.name for alias in node.names])]
        for module, names in imported:
            top = module.split(".")[0]
            if top in DATABASE_LIBRARIES:
                found.append((name, f"imports {top}", node.lineno, module))
            elif _is_store_internal(module, names):
                found.append((name, "imports store internals", node.lineno, f"{module} {names}"))
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.search(node.value):
            found.append((name, "SQL text", node.lineno, node.value.strip()[:80]))
    return found


def test_the_scan_sees_the_whole_package_and_recognises_sql():
    names = {path.relative_to(PACKAGE).as_posix() for path in _modules()}
    assert {"cli.py", "web/app.py", "runtime/story_stage.py"} <= names
    assert not any(name.startswith("store/") for name in names)
    assert SQL.search("SELECT id FROM documents") and SQL.search("UPDATE stories SET title = :t")
    assert not SQL.search("Select the stories to update and insert into the page")


def test_only_the_store_speaks_sql():
    findings = [finding for path in _modules() for finding in findings_in(path)]
    unexpected = [f for f in findings if (f[0], f[1]) not in NOT_YET_MOVED]
    assert unexpected == [], "SQL outside wirewatch/store/ (make it a Store method):\n" + "\n".join(
        f"{module}:{line}: {kind}: {detail}" for module, kind, line, detail in unexpected)
    stale = NOT_YET_MOVED - {(f[0], f[1]) for f in findings}
    assert not stale, f"no longer found, remove from NOT_YET_MOVED: {sorted(stale)}"


def test_the_store_keeps_its_engine_to_itself(tmp_path):
    with Store.open(f"sqlite:///{tmp_path / 'w.db'}") as store:
        for name in ("engine", "insert"):
            assert not hasattr(Store, name) and not hasattr(store, name)

"""The CLI starts light: importing it, `--help` and read commands load no extraction, NLP, web or
alerting stack (spaCy, trafilatura, FastAPI, Apprise, Alembic). Checked by module, in a fresh
interpreter; start times themselves are measured by benchmarks/cli_start.py, not asserted here."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("spacy", "trafilatura", "fastapi", "apprise", "alembic", "datasketch", "rich.progress")


def loaded_after(code: str) -> list[str]:
    """The HEAVY modules present in sys.modules after running `code` in a new interpreter."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_importing_the_cli_loads_no_heavy_module():
    assert loaded_after("import wirewatch.cli") == []


@pytest.mark.parametrize("argv", [["--help"], ["ingest", "--help"], ["serve", "--help"], ["search", "--help"]])
def test_help_loads_no_heavy_module(argv):
    code = f"from wirewatch.cli import main\ntry:\n    main({argv!r})\nexcept SystemExit:\n    pass"
    assert loaded_after(code) == []


def test_read_commands_on_a_store_load_no_heavy_module(tmp_path):
    db = f"sqlite:///{tmp_path / 'w.db'}"
    # The first open creates the schema (with Alembic); later opens of a current store skip it.
    subprocess.run([sys.executable, "-m", "wirewatch", "stories", "--db", db], check=True,
                   capture_output=True, timeout=120)
    for argv in (["stories", "--db", db], ["search", "ceasefire", "--db", db], ["entities", "--db", db]):
        code = f"from wirewatch.cli import main\nmain({argv!r})"
        assert loaded_after(code) == [], argv

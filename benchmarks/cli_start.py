"""CLI start time: `--help` of every command and the read commands on the sample store.

Each command runs as its own process, as a user types it (`python -m wirewatch ...`); the wall time
of each is its median over `--runs` rounds. Rounds interleave the commands, so load from other
work on the machine falls on all of them alike. Baseline, measured in the same run: `python -c
pass` (the interpreter's own start); the ratio column is each command's median over that one.
The CPU column (user + system time of the process, median) moves less with the machine's load
than wall time does: on a busy machine it is the closer estimate of the wall time on a quiet one.
The sample store is built first (ingesting `samples/`, not timed) unless `--db` names one.
The package's bytecode is compiled first, as `pip install` and `make install` do: with
PYTHONDONTWRITEBYTECODE set (as in some shells and CI images) an editable checkout would otherwise
recompile every module it imports on every start, which no installed copy does.

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/cli_start.py --runs 10
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = [sys.executable]
WIREWATCH = [sys.executable, "-m", "wirewatch"]


def command_names() -> list[list[str]]:
    """Every command and sub-command of the CLI, as argv prefixes (`["sources", "add"]` ...)."""
    import typer.main

    from wirewatch.cli import app

    def walk(group, prefix: list[str]) -> list[list[str]]:
        found = []
        for name, command in sorted(getattr(group, "commands", {}).items()):
            if getattr(command, "commands", None):
                found.extend(walk(command, prefix + [name]))
            else:
                found.append(prefix + [name])
        return found

    return walk(typer.main.get_command(app), [])


def build_store(folder: Path) -> str:
    db = f"sqlite:///{folder / 'samples.db'}"
    subprocess.run([*WIREWATCH, "ingest", str(REPO / "samples"), "--db", db, "--format", "json"],
                   check=True, capture_output=True, cwd=REPO)
    return db


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(argv: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of `argv`."""
    cpu, start = _children_cpu(), time.perf_counter()
    done = subprocess.run(argv, capture_output=True, cwd=REPO)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {done.stderr.decode(errors='replace')[-400:]}")
    return elapsed, _children_cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="rounds; each command's median is shown")
    parser.add_argument("--db", help="store URL for the read commands (default: the samples, ingested now)")
    args = parser.parse_args()

    subprocess.run([*PYTHON, "-m", "compileall", "-q", str(REPO / "wirewatch")], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or build_store(Path(tmp))
        cases: list[tuple[str, list[str]]] = [("python -c pass (baseline)", [*PYTHON, "-c", "pass"]),
                                              ("python -c 'import wirewatch.cli'",
                                               [*PYTHON, "-c", "import wirewatch.cli"]),
                                              ("wirewatch --help", [*WIREWATCH, "--help"])]
        cases += [(f"wirewatch {' '.join(name)} --help", [*WIREWATCH, *name, "--help"]) for name in command_names()]
        cases += [(f"wirewatch {' '.join(argv)}", [*WIREWATCH, *argv, "--db", db]) for argv in (
            ["stories"], ["search", "ceasefire"], ["entities"], ["quotes"], ["sources", "list"])]
        load_before = os.getloadavg()
        times: dict[str, list[float]] = {label: [] for label, _ in cases}
        cpu: dict[str, list[float]] = {label: [] for label, _ in cases}
        for _ in range(args.runs):
            for label, argv in cases:
                wall, used = timed(argv)
                times[label].append(wall)
                cpu[label].append(used)
        load_after = os.getloadavg()

    base = statistics.median(times[cases[0][0]])
    print(f"{args.runs} runs per command; load average (1/5/15 min) before "
          f"{' '.join(f'{x:.2f}' for x in load_before)}, after {' '.join(f'{x:.2f}' for x in load_after)}; "
          f"{os.cpu_count()} CPUs")
    print(f"{'command':<46} {'median s':>9} {'ratio':>7} {'CPU s':>7}")
    for label, _ in cases:
        median = statistics.median(times[label])
        print(f"{label:<46} {median:9.3f} {median / base:7.1f} {statistics.median(cpu[label]):7.3f}")
    slowest = max((statistics.median(times[label]), label) for label, _ in cases[2:])
    print(f"slowest wirewatch command: {slowest[1]} ({slowest[0]:.3f} s)")


if __name__ == "__main__":
    main()

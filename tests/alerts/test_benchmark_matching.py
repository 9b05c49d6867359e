"""benchmarks/matching.py runs, prints its table and agrees with brute force (small run)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "matching.py"


def test_benchmark_help_describes_it():
    result = subprocess.run([sys.executable, str(SCRIPT), "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "--subscriptions" in result.stdout


def test_small_benchmark_run_matches_brute_force(shared):
    data = shared / "datasets" / "ecbplus-news" / "ecbplus.jsonl"
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--data", str(data), "--subscriptions", "1000", "--verify", "3", "--repeat", "1", "--articles", "150"],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "presearch index + exact check" in result.stdout
    assert "same matches as brute force on 3 articles: yes" in result.stdout

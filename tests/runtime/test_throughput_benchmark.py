"""benchmarks/throughput.py: one command printing every configuration's rate and the ratios."""

from __future__ import annotations

import pytest

from benchmark_scripts import load_benchmark


def test_without_the_dataset_it_says_so_and_succeeds(tmp_path, capsys):
    bench = load_benchmark("throughput")
    bench.DATASET = tmp_path / "missing.jsonl"
    assert bench.main(["--n", "30"]) == 0
    assert "skipped: dataset not found" in capsys.readouterr().out


@pytest.mark.timeout(600)
def test_a_small_run_prints_every_configuration_and_the_ratios(shared, local_ray, capsys):
    bench = load_benchmark("throughput")
    if not bench.DATASET.is_file():
        pytest.skip(f"ECB+ not found at {bench.DATASET}")
    assert bench.main(["--n", "26", "--postgres", ""]) == 0  # 26: enough for a pool (24 or more)
    out = capsys.readouterr().out
    for row in ("spaCy pipeline alone", "ingest, local, 1 worker", "ingest, local, 2 workers",
                "ingest, ray, 1 worker", "ingest, ray, 2 workers", "single writer alone, SQLite"):
        assert row in out
    assert "load average" in out and "2 workers / 1 worker" in out and "/ NLP alone" in out

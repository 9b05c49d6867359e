"""benchmarks/extraction.py runs end to end on a few pages and scores with the benchmark's metric."""

from __future__ import annotations

import json

import pytest

from benchmark_scripts import load_benchmark


def test_metric_scores_identical_text_as_perfect_and_disjoint_text_as_zero():
    bench = load_benchmark("extraction")
    truth = "the quick brown fox jumps over the lazy dog"
    assert bench.shingle_matching(truth, truth) == (1.0, 0.0, 0.0)
    assert bench.shingle_matching(truth, "completely different words in this other text")[0] == 0.0


def test_benchmark_prints_json_for_a_few_pages(shared, capsys):
    folder = shared / "datasets" / "article-extraction-benchmark"
    if not folder.is_dir():
        pytest.skip(f"benchmark data not found in {folder}")
    assert load_benchmark("extraction").main(["--dataset", str(folder), "--limit", "3", "--readability", "none", "--json"]) == 0
    results = json.loads(capsys.readouterr().out)
    assert results["pages"] == 3
    assert 0.5 < results["wirewatch"]["f1"] <= 1.0
    assert set(results["ratio"]) == {"f1", "pages_per_s"}


def test_readability_pages_are_read_from_the_archive_and_split_into_news_and_all(shared):
    folder = shared / "datasets" / "readability-testpages"
    if not folder.is_dir():
        pytest.skip(f"readability test pages not found in {folder}")
    rows = load_benchmark("extraction").load_readability_pages(folder, "all")
    assert (len(rows["news"]), len(rows["all"])) == (39, 90)
    dev = load_benchmark("extraction").load_readability_pages(folder, "dev")["non-news (dev)"]
    assert len(dev) == 51 and not {page[0] for page in dev} & {page[0] for page in rows["news"]}
    assert all(b"<html" in html[:4096].lower() and truth for _, html, _, truth in rows["all"])

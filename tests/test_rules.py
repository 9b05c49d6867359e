"""Rules that live below the faces, checked through the CLI: the poll interval (refused, never
clamped), the `max_bytes` setting for article input, and the `executor` setting."""

from __future__ import annotations

import json

from wirewatch.cli import main

MESSAGE = "the poll interval must be between 30 seconds and 7 days, not 10 seconds"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_sources_add_refuses_a_too_short_interval(capsys, tmp_path):
    db = f"sqlite:///{tmp_path / 'w.db'}"
    code, _, err = run(capsys, "sources", "add", "https://example.com/feed.xml", "--every", "10s", "--db", db)
    assert code != 0 and MESSAGE in " ".join(err.split())
    code, out, _ = run(capsys, "sources", "list", "--db", db, "--format", "json")
    assert code == 0 and json.loads(out) == []  # not stored as 30 s either


def test_sources_add_accepts_the_shortest_interval(capsys, tmp_path):
    db = f"sqlite:///{tmp_path / 'w.db'}"
    code, out, _ = run(capsys, "sources", "add", "https://example.com/feed.xml", "--every", "30s", "--db", db)
    assert code == 0 and "every 30s" in out


def _record(words: int) -> str:
    text = "Rescuers reached the village after the storm. " * words
    return json.dumps({"id": "big-1", "title": "Storm reaches the village", "text": text}) + "\n"


def test_ingest_honours_a_small_max_bytes_setting(capsys, tmp_path, monkeypatch):
    records = tmp_path / "records.jsonl"
    records.write_text(_record(60), encoding="utf-8")  # about 2,800 characters of text
    db = f"sqlite:///{tmp_path / 'w.db'}"
    monkeypatch.setenv("WIREWATCH_MAX_BYTES", "1000")
    code, out, _ = run(capsys, "ingest", str(records), "--db", db, "--format", "json")
    summary = json.loads(out)
    assert code == 1 and summary["ingested"] == 0
    assert "over the 1,000" in summary["failures"][0]["reason"]
    monkeypatch.setenv("WIREWATCH_MAX_BYTES", "100000")
    code, out, _ = run(capsys, "ingest", str(records), "--db", db, "--format", "json")
    assert code == 0 and json.loads(out)["ingested"] == 1


def test_an_unknown_executor_is_one_configuration_error(capsys, tmp_path, samples, monkeypatch):
    monkeypatch.setenv("WIREWATCH_EXECUTOR", "warp")
    code, out, err = run(capsys, "ingest", str(samples / "ceasefire-article.txt"), "--db",
                         f"sqlite:///{tmp_path / 'w.db'}")
    assert code != 0 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "unknown executor 'warp'" in err and "local" in err

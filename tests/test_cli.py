"""The `wirewatch` command end to end: analyze, ingest, search, demo and their error paths."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from wirewatch.cli import main

SAMPLE_TITLE = "Starmer urges Putin to prove he is serious about peace by signing a ceasefire in Ukraine"
SAMPLE_FILES = 10  # 3 HTML pages + 1 text file + 3 feed items + 3 JSONL records


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def wirewatch(*argv: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """The installed console script in a real process: checks exit codes and stray tracebacks."""
    return subprocess.run(
        [sys.executable, "-m", "wirewatch", *argv], input=stdin, capture_output=True, cwd=cwd, timeout=120
    )


def test_analyze_sample_article_as_json(capsys, samples):
    code, out, _ = run(capsys, "analyze", str(samples / "ceasefire-article.txt"), "--format", "json")
    assert code == 0
    record = json.loads(out)
    assert record["schema"] == "wirewatch.document/1"
    assert record["title"] == SAMPLE_TITLE
    assert record["site_name"] == "State"
    assert record["dateline"] == {"place": "LONDON", "agency": "AP"}
    assert any("Get national news" in r["text"] for r in record["removed"])
    assert "Get national news" not in record["text"]
    assert "please sign up for breaking news alerts" not in record["text"]
    assert "\n\nUkrainian troops maintain peace\n\n" in record["text"]
    assert "There is no condition for a ceasefire" in record["text"]
    for key in ("entities", "quotes", "quality", "language", "published"):
        assert key in record
    assert record["language"] == "en"


def test_analyze_reads_stdin(samples):
    result = wirewatch("analyze", "-", "--format", "json", stdin=(samples / "ceasefire-article.txt").read_bytes())
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["title"] == SAMPLE_TITLE


def test_analyze_html_page_uses_og_site_name(capsys, samples):
    code, out, _ = run(capsys, "analyze", str(samples / "articles" / "courier-earthquake-crete.html"), "-f", "json")
    record = json.loads(out)
    assert code == 0
    assert record["title"] == "Magnitude 6.1 earthquake shakes Crete, damaging old town buildings"
    assert record["site_name"] == "The Courier"
    assert record["dateline"]["place"].startswith("HERAKLION")


def test_analyze_text_format_shows_title_and_body(capsys, samples):
    code, out, _ = run(capsys, "analyze", str(samples / "ceasefire-article.txt"))
    assert code == 0
    assert out.splitlines()[0] == SAMPLE_TITLE
    assert "the ball is now in the Russian court" in out


@pytest.mark.parametrize(
    "content, message",
    [(b"", "empty"), (b"\x00\x01\x02\xff" * 200, "binary"), (b"   \n\t\n", "empty")],
)
def test_analyze_bad_input_is_one_line_error_and_nonzero_exit(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = wirewatch("analyze", str(path))
    assert result.returncode != 0
    err = result.stderr.decode()
    assert len(err.strip().splitlines()) == 1, err
    assert message in err.lower()
    assert "Traceback" not in err


def test_analyze_missing_file_is_one_line_error(tmp_path):
    result = wirewatch("analyze", str(tmp_path / "nope.html"))
    assert result.returncode == 2
    assert result.stderr.decode().strip().splitlines() == [f"wirewatch: error: no such file: {tmp_path / 'nope.html'}"]


def test_unknown_format_is_rejected(capsys, samples):
    code, _, err = run(capsys, "analyze", str(samples / "ceasefire-article.txt"), "--format", "yaml")
    assert code == 2
    assert "unknown format" in err


def test_ingest_samples_then_again_counts_duplicates(capsys, samples, db_url):
    code, out, _ = run(capsys, "ingest", str(samples), "--db", db_url, "--format", "json")
    assert code == 0, out
    first = json.loads(out)
    assert first["ingested"] == SAMPLE_FILES and first["failed"] == 0
    code, out, _ = run(capsys, "ingest", str(samples), "--db", db_url, "--format", "json")
    second = json.loads(out)
    assert code == 0
    assert second["ingested"] == 0 and second["duplicates"] == SAMPLE_FILES
    # Files, feed items and records alike are recognised before any analysis.
    assert second["skipped_known"] == SAMPLE_FILES


def test_reingest_of_a_jsonl_recognises_every_record_before_analysis(capsys, tmp_path, db_url):
    """Regression: already-stored records went through extraction and NLP before being found to be
    duplicates (120 records: 160 s). Known by id, by canonical URL, or by identical raw input."""
    records = [
        {"id": "r-1", "title": "Dam opens", "text": "ZARAGOZA – A new dam on the Ebro opened on Monday."},
        {"url": "https://news.example/dam?utm_source=x", "title": "Dam costs",
         "text": "The dam on the Ebro cost 120 million euros, the ministry said."},
        {"title": "Dam protest", "text": "Farmers protested near the new Ebro dam on Tuesday."},
    ]
    first = tmp_path / "first.jsonl"
    first.write_text("".join(json.dumps(r) + "\n" for r in records))
    code, out, _ = run(capsys, "ingest", str(first), "--db", db_url, "--format", "json")
    assert code == 0 and json.loads(out)["ingested"] == 3
    again = tmp_path / "again.jsonl"  # the same id with new text, the same page by another URL, the same input
    again.write_text("".join(json.dumps(r) + "\n" for r in [
        {**records[0], "text": "ZARAGOZA – An updated text about the dam."},
        {**records[1], "url": "https://news.example/dam"},
        records[2],
    ]))
    code, out, _ = run(capsys, "ingest", str(again), "--db", db_url, "--format", "json")
    summary = json.loads(out)
    assert code == 0
    assert summary["ingested"] == 0 and summary["duplicates"] == 3 and summary["skipped_known"] == 3


def test_ingest_reports_bad_item_and_stores_the_rest(capsys, samples, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text((samples / "ceasefire-article.txt").read_text())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blob.bin").write_bytes(bytes(range(256)) * 8)
    db = f"sqlite:///{tmp_path / 'w.db'}"
    code, out, _ = run(capsys, "ingest", str(folder), "--db", db, "--format", "json")
    summary = json.loads(out)
    assert code == 1
    assert summary["ingested"] == 1
    assert summary["failed"] == 2
    assert {Path(f["origin"]).name for f in summary["failures"]} == {"empty.txt", "blob.bin"}


def test_search_finds_ingested_articles_with_record_ids(capsys, samples, db_url):
    run(capsys, "ingest", str(samples), "--db", db_url)
    code, out, _ = run(capsys, "search", "sanctions AND Zelenskyy", "--db", db_url, "--format", "json")
    assert code == 0
    hits = json.loads(out)
    assert hits and set(hits[0]) >= {"id", "url", "title", "source", "published", "snippet", "score"}
    assert "wire-20250317-zelenskyy-sanctions" in [h["id"] for h in hits]
    code, out, _ = run(capsys, "search", "earthquake NOT Peru", "--db", db_url, "--format", "json")
    titles = [h["title"] for h in json.loads(out)]
    assert any("Crete" in t for t in titles) and not any("Peru" in t for t in titles)


def test_invalid_query_is_one_line_error_exit_2(tmp_path):
    result = wirewatch("search", "(ceasefire AND", "--db", f"sqlite:///{tmp_path / 'w.db'}")
    assert result.returncode == 2
    err = result.stderr.decode()
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_bad_store_url_is_one_line_error(tmp_path):
    result = wirewatch("search", "x", "--db", "nosuchengine://foo")
    assert result.returncode != 0
    err = result.stderr.decode()
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_demo_ingests_samples_and_shows_a_search(tmp_path, samples):
    result = wirewatch("demo", "--samples", str(samples), "--db", f"sqlite:///{tmp_path / 'demo.db'}")
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    assert f"{SAMPLE_FILES} articles" in out
    assert "wirewatch search" in out


def test_entities_entity_and_quotes_commands(capsys, samples, db_url):
    run(capsys, "ingest", str(samples), "--db", db_url)
    code, out, _ = run(capsys, "entities", "--db", db_url, "--format", "json", "--type", "PERSON")
    people = {e["name"]: e for e in json.loads(out)}
    assert code == 0 and people["Keir Starmer"]["documents"] >= 3
    assert "Stemmer" not in people
    code, out, _ = run(capsys, "entity", "Stemmer", "--db", db_url, "--format", "json")
    detail = json.loads(out)
    assert detail["name"] == "Keir Starmer"
    assert {"Stemmer", "Starmer"} <= {a["text"] for a in detail["aliases"]}
    code, out, _ = run(capsys, "quotes", "--speaker", "Starmer", "--db", db_url, "--format", "json")
    said = [q["text"] for q in json.loads(out)]
    assert any(t.startswith("We agree that the ball is now in the Russian court") for t in said)
    code, _, err = run(capsys, "entity", "Nobody Atall", "--db", db_url)
    assert code == 2 and "no entity" in err


@pytest.mark.parametrize(
    "argv, says",
    [
        (["search", "-rumour"], "goes after '--'"),  # the README's NOT syntax as the first word
        (["search", "--bogus", "x"], "No such option: --bogus"),
        (["nosuchcmd"], "No such command 'nosuchcmd'"),
        (["search"], "Missing argument"),
        (["stories", "--limit", "many"], "Invalid value"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(argv, says, tmp_path):
    result = wirewatch(*argv, cwd=tmp_path)
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert says in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err


def test_a_query_starting_with_not_runs_after_double_dash(tmp_path):
    db = f"sqlite:///{tmp_path / 'w.db'}"
    result = wirewatch("search", "--db", db, "--", "-rumour", cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    assert "no matches" in result.stdout.decode()

"""`wirewatch export`: every kind in every format, read back with the csv module, json and
pyarrow, on SQLite and PostgreSQL; filters; paging without a row cap; the errors."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from export_data import ARTICLES, fill_store
from wirewatch.cli import main

KINDS = ("articles", "stories", "entities", "quotes")
LIST_COLUMNS = {"articles": ["entities"], "stories": ["entities", "summary", "articles"],
                "entities": ["aliases"], "quotes": []}


@pytest.fixture
def filled(db_url) -> str:
    fill_store(db_url)
    return db_url


def export(capsys, db: str, kind: str, fmt: str, out: Path, *extra: str) -> Path:
    code = main(["export", kind, "--format", fmt, "--db", db, "-o", str(out), *extra])
    _, err = capsys.readouterr()
    assert code == 0, err
    return out


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def read_csv(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as stream:
        return list(csv.DictReader(stream))


def test_every_kind_reads_back_the_same_in_each_format(capsys, filled, tmp_path):
    for kind in KINDS:
        lines = read_jsonl(export(capsys, filled, kind, "jsonl", tmp_path / f"{kind}.jsonl"))
        rows = read_csv(export(capsys, filled, kind, "csv", tmp_path / f"{kind}.csv"))
        table = pq.read_table(export(capsys, filled, kind, "parquet", tmp_path / f"{kind}.parquet")).to_pylist()
        assert lines, kind
        assert len(lines) == len(rows) == len(table), kind
        assert list(rows[0]) == list(lines[0]) == list(table[0]), kind  # same columns, same order
        for line, row, record in zip(lines, rows, table):
            assert str(line["id"]) == row["id"] == str(record["id"])
            for column in LIST_COLUMNS[kind]:
                assert json.loads(row[column]) == line[column] == record[column], (kind, column)
            for column, value in line.items():
                if column in LIST_COLUMNS[kind]:
                    continue
                shown = record[column].isoformat() if hasattr(record[column], "isoformat") else record[column]
                assert shown == value, (kind, column)
                assert row[column] == ("" if value is None else str(value)), (kind, column)
    articles = read_jsonl(tmp_path / "articles.jsonl")
    assert len(articles) == ARTICLES
    first = articles[0]
    assert first["title"] == 'Ceasefire talks, day 1: "progress", says Keir Starmer'
    assert first["source"] == "Wire, Inc." and "\n\n" in first["text"] and "東京" in first["text"]
    assert first["published"] == "2025-03-01T09:30:00+00:00"
    assert first["entities"] == ["Keir Starmer", "Kyiv"] and first["id"] == "rec-1"  # an article is named by its one id, as in the API
    assert first["story"] is not None
    quotes = read_csv(tmp_path / "quotes.csv")
    assert {q["speaker"] for q in quotes} == {"Keir Starmer", "Marie-Hélène Dupont, Jr."}
    stories = read_jsonl(tmp_path / "stories.jsonl")
    assert sorted(a for s in stories for a in s["articles"]) == [a["id"] for a in articles]


def test_export_streams_in_pages_without_a_cap(capsys, filled, tmp_path, monkeypatch):
    import wirewatch.store.export_queries as export_queries

    monkeypatch.setattr(export_queries, "PAGE_SIZE", 2)  # five articles: three pages
    ids = [row["id"] for row in read_jsonl(export(capsys, filled, "articles", "jsonl", tmp_path / "a.jsonl"))]
    assert ids == sorted(set(ids)) and len(ids) == ARTICLES
    quotes = read_jsonl(export(capsys, filled, "quotes", "jsonl", tmp_path / "q.jsonl"))
    assert len(quotes) == ARTICLES


def test_query_and_time_filters(capsys, filled, tmp_path):
    marie = read_jsonl(export(capsys, filled, "articles", "jsonl", tmp_path / "m.jsonl", "--query", '"Marie-Hélène"'))
    assert [a["id"] for a in marie] == ["rec-2", "rec-4"]
    quotes = read_jsonl(export(capsys, filled, "quotes", "jsonl", tmp_path / "q.jsonl", "--query", "source:Курьер"))
    assert {q["document"] for q in quotes} == {a["id"] for a in marie}
    window = read_jsonl(export(capsys, filled, "articles", "jsonl", tmp_path / "w.jsonl",
                               "--since", "2025-03-02", "--until", "2025-03-04"))
    assert [a["id"] for a in window] == ["rec-2", "rec-3"]
    people = read_jsonl(export(capsys, filled, "entities", "jsonl", tmp_path / "e.jsonl", "--query", '"Marie-Hélène"'))
    assert "Marie-Hélène Dupont, Jr." in {e["name"] for e in people} and "Keir Starmer" not in {e["name"] for e in people}
    nothing = read_jsonl(export(capsys, filled, "stories", "jsonl", tmp_path / "s.jsonl", "--query", "zanzibar"))
    assert nothing == []
    [story] = read_jsonl(export(capsys, filled, "stories", "jsonl", tmp_path / "t.jsonl", "--query", '"Marie-Hélène"'))
    assert {a["id"] for a in marie} <= set(story["articles"])
    # a story's times are arrival times ("updated"): its articles are dated March 2025 but arrived now
    arrived = read_jsonl(export(capsys, filled, "stories", "jsonl", tmp_path / "u.jsonl", "--since", "2025-03-06"))
    assert [s["id"] for s in arrived] == [story["id"]]
    before = read_jsonl(export(capsys, filled, "stories", "jsonl", tmp_path / "v.jsonl", "--until", "2025-03-06"))
    assert before == []


def test_export_to_stdout(capsys, filled):
    assert main(["export", "entities", "--format", "csv", "--db", filled]) == 0
    out, _ = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(out)))
    assert "Kyiv" in {row["name"] for row in rows}


def test_parquet_without_pyarrow_is_one_line_naming_the_extra(capsys, filled, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now raises ImportError
    out = tmp_path / "a.parquet"
    code = main(["export", "articles", "--format", "parquet", "--db", filled, "-o", str(out)])
    _, err = capsys.readouterr()
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "wirewatch[parquet]" in err
    assert not out.exists()


@pytest.mark.parametrize("argv, message", [
    (["export", "tweets"], "unknown export kind"),
    (["export", "articles", "--format", "xlsx"], "unknown export format"),
    (["export", "articles", "--query", "a AND ("], ""),
    (["export", "articles", "--since", "yesterday-ish"], "--since"),
])
def test_bad_arguments_are_one_line_and_exit_2(capsys, tmp_path, argv, message):
    code = main([*argv, "--db", f"sqlite:///{tmp_path / 'e.db'}", "-o", str(tmp_path / "out")])
    _, err = capsys.readouterr()
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1 and message in err
    assert not (tmp_path / "out").exists()

"""Records with text and no title are stored through every face: the CLI (JSONL and plain text
files), `wirewatch.Store.ingest` and the HTTP push; each gets a headline made from its text."""

from __future__ import annotations

import json

import wirewatch
from wirewatch.cli import main

ONE_SENTENCE = "The council in Alder Bridge voted 7-2 on Tuesday to approve new harbour bus lanes."
LONG_SENTENCE = ("Rescue crews in the mountain village of Oberhain pulled three climbers from a crevasse on "
                 "Sunday after a rope snapped, the regional mountain service said.")


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_cli_stores_an_untitled_one_sentence_jsonl_record_and_search_shows_it(capsys, tmp_path):
    records = tmp_path / "records.jsonl"
    records.write_text("\n".join(json.dumps(r) for r in [
        {"id": "brief-1", "text": ONE_SENTENCE},
        {"id": "brief-2", "text": LONG_SENTENCE, "source": "Alpine Wire"},
    ]) + "\n")
    db = f"sqlite:///{tmp_path / 'w.db'}"
    code, out = run(capsys, "ingest", str(records), "--db", db, "--format", "json")
    summary = json.loads(out)
    assert code == 0 and summary["ingested"] == 2 and summary["failed"] == 0, out
    code, out = run(capsys, "search", "bus lanes", "--db", db, "--format", "json")
    hits = json.loads(out)
    assert [(h["id"], h["title"]) for h in hits] == [("brief-1", ONE_SENTENCE.removesuffix("."))]
    code, out = run(capsys, "search", "crevasse", "--db", db, "--format", "json")
    assert [h["title"] for h in json.loads(out)] == [
        "Rescue crews in the mountain village of Oberhain pulled three climbers from a crevasse on Sunday"]


def test_cli_stores_a_one_line_text_file(capsys, tmp_path):
    (tmp_path / "brief.txt").write_text(ONE_SENTENCE + "\n")
    db = f"sqlite:///{tmp_path / 'w.db'}"
    code, out = run(capsys, "ingest", str(tmp_path / "brief.txt"), "--db", db, "--format", "json")
    assert code == 0 and json.loads(out)["ingested"] == 1, out
    code, out = run(capsys, "search", "harbour", "--db", db)
    assert "The council in Alder Bridge voted 7-2" in out


def test_store_ingest_takes_an_untitled_record(tmp_path):
    with wirewatch.Store.open(f"sqlite:///{tmp_path / 'w.db'}") as store:
        summary = store.ingest({"id": "brief-3", "text": LONG_SENTENCE})
        assert (summary.ingested, summary.failed) == (1, [])
        stored = store.document("brief-3")
        assert stored.document.title.startswith("Rescue crews in the mountain village of Oberhain")
        assert stored.document.text == LONG_SENTENCE

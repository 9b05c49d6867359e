"""`wirewatch ingest --executor ray`: analysis on Ray Data, storing in this process.

Ray runs in local mode (`ray.init(num_cpus=2)`), started once for the test session (the
`local_ray` fixture in conftest.py); the CLI runs in-process and joins that Ray instead of
starting its own."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from wirewatch import Store
from wirewatch.cli import main

PLACES = ["Lisbon", "Nairobi", "Osaka", "Quito", "Tromso", "Adelaide", "Calgary", "Dakar", "Hanoi", "Leipzig"]
PEOPLE = ["Maria Santos", "John Okafor", "Kenji Watanabe", "Ana Villacis", "Ingrid Berg",
          "Tom Walsh", "Claire Dubois", "Amadou Diallo", "Linh Nguyen", "Peter Kraus"]
EVENTS = [
    ("A fire destroyed a warehouse in {place} on {day}, and {n} workers were evacuated.",
     "Fire chief {person} said the blaze started in the loading bay."),
    ("Floods closed {n} roads around {place} on {day} after two days of heavy rain.",
     "\"We are moving families to higher ground,\" said mayor {person}."),
    ("The council of {place} approved a budget of {n} million on {day}.",
     "Councillor {person} voted against the plan, citing school repairs."),
    ("Police in {place} arrested {n} people on {day} after a bank robbery.",
     "Inspector {person} said the suspects were found with the cash."),
    ("A train derailed near {place} on {day}, injuring {n} passengers.",
     "Rail operator spokesperson {person} said an inquiry had begun."),
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def records(count: int) -> list[dict]:
    """Short templated news: 50 events, each reported several times (with follow-ups and exact
    repeats), so stories get originals, developments, copies and duplicates."""
    out = []
    for i in range(count):
        event = i % 50
        place, person = PLACES[event % 10], PEOPLE[(event // 5) % 10]
        lead, quote = EVENTS[event % 5]
        version = i // 50
        facts = {"place": place, "person": person, "day": DAYS[version % 5], "n": 3 + event + 7 * (version % 3)}
        title = f"{lead.split(' on ')[0].format(**facts)} ({version % 3})"
        text = "\n\n".join([lead.format(**facts), quote.format(**facts),
                            f"Report {version % 3} on event {event} from {place}."])
        out.append({"id": f"r{i}", "title": title, "text": text, "source": ["AP", "Reuters", "AFP"][i % 3],
                    "published": f"2026-11-{1 + event % 28:02d}T{8 + version:02d}:00:00Z"})
    return out


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def snapshot(db: str, ids: list[str]) -> tuple[dict, dict]:
    """Each record's stored document, and each one's story (named by its first article's record
    id, since story ids are made fresh per store), role and the record it copies."""
    with Store.open(db) as store:
        by_store_id = {}
        documents = {}
        for key in ids:
            stored = store.document(key)
            if stored is not None:
                documents[key] = stored.document.to_dict()
                by_store_id[stored.id] = key
        entries = {key: store.data.story_of(sid) for sid, key in by_store_id.items()}
    first: dict[str, str] = {}
    for key, entry in sorted(entries.items(), key=lambda kv: kv[1].seq):
        first.setdefault(entry.story_id, key)
    stories = {key: (first[e.story_id], e.role, by_store_id.get(e.duplicate_of)) for key, e in entries.items()}
    return documents, stories


@pytest.mark.timeout(900)
def test_ray_ingest_stores_what_local_ingest_stores(local_ray, capsys, tmp_path: Path, monkeypatch):
    from wirewatch.runtime import ray_executor

    monkeypatch.setattr(ray_executor, "CHUNK", 300)  # two Ray datasets: order kept across them too
    data = records(500)
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in data), encoding="utf-8")
    results = {}
    for executor in ("local", "ray"):
        db = f"sqlite:///{tmp_path / f'{executor}.db'}"
        code, out, err = run(capsys, "ingest", str(path), "--db", db, "--format", "json",
                             "--executor", executor, "--workers", "2")
        assert code == 0, err
        results[executor] = json.loads(out), snapshot(db, [r["id"] for r in data])
    (local_summary, (local_docs, local_stories)), (ray_summary, (ray_docs, ray_stories)) = \
        results["local"], results["ray"]
    assert local_summary["ingested"] + local_summary["duplicates"] == 500
    assert local_summary["new_stories"] < local_summary["ingested"]  # stories do group articles
    assert ray_summary == local_summary
    assert ray_docs == local_docs
    assert ray_stories == local_stories


def test_ray_without_ray_installed_is_one_configuration_error(capsys, tmp_path, samples, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # what an install without the extra sees
    code, out, err = run(capsys, "ingest", str(samples / "ceasefire-article.txt"), "--db",
                         f"sqlite:///{tmp_path / 'w.db'}", "--executor", "ray")
    assert code != 0 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "wirewatch[ray]" in err

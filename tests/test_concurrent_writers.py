"""Many writers on one SQLite file: pushes from many threads to one `serve`, and a `wirewatch
ingest` process writing while they arrive. Every push is answered 2xx, every article is stored
once and assigned to exactly one story.

Regression: with deferred `BEGIN`s, 4 threads pushing got 40% 503 "database is locked" and 500s
from story assignment after their article had been committed, and an `ingest` started while
`serve` was busy died with nothing stored."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import httpx

from wirewatch.config import Settings
from wirewatch.store import Store
from wirewatch.web.app import create_app
from wirewatch.web.server import BackgroundServer

PLACES = ["Rotterdam", "Antwerp", "Hamburg", "Gdansk", "Valencia", "Genoa", "Marseille", "Bilbao"]


def article(prefix: str, n: int) -> dict:
    """A short, distinct article (its own id, its own text)."""
    place = PLACES[n % len(PLACES)]
    return {
        "id": f"{prefix}-{n}",
        "title": f"Port workers in {place} vote on offer {prefix} {n}",
        "text": f"{place.upper()} – Port workers in {place} voted on pay offer number {n} of series {prefix} "
                f"on Monday, the union said, after {n + 3} days of talks.",
    }


def push_all(url: str, prefix: str, threads: int, each: int) -> list[tuple[int, dict]]:
    def worker(t: int) -> list[tuple[int, dict]]:
        answers = []
        with httpx.Client(base_url=url, timeout=120) as client:
            for i in range(each):
                response = client.post("/api/documents", json=article(prefix, t * each + i))
                answers.append((response.status_code, response.json()))
        return answers

    with ThreadPoolExecutor(threads) as pool:
        return [answer for answers in pool.map(worker, range(threads)) for answer in answers]


def assert_each_stored_once_in_one_story(db: str, expected: int) -> None:
    with Store.open(db) as store:
        assert store.count_documents() == expected
        ids = [doc.id for offset in range(0, expected + 200, 200) for doc in store.documents(limit=200, offset=offset)]
        assert len(set(ids)) == expected
        assert all(store.story_of(int(doc_id)) is not None for doc_id in ids)
        # The log has one entry per assignment: as many entries as articles means none twice.
        assert store.story_log_position() == expected


def test_eight_threads_pushing_to_one_serve_all_succeed(tmp_path):
    settings = Settings(db=f"sqlite:///{tmp_path / 'push.db'}")
    with BackgroundServer(create_app(settings)) as server:
        answers = push_all(server.url, "push", threads=8, each=50)
    failed = [(status, body) for status, body in answers if status not in (200, 201)]
    assert not failed, failed[:3]
    assert all(status == 201 and body["story_id"] and not body["warning"] for status, body in answers)
    assert len({body["id"] for _, body in answers}) == 400
    assert_each_stored_once_in_one_story(settings.db, 400)


def test_ingest_process_and_pushes_share_one_sqlite_file(tmp_path):
    settings = Settings(db=f"sqlite:///{tmp_path / 'shared.db'}")
    records = tmp_path / "records.jsonl"
    records.write_text("".join(json.dumps(article("file", n)) + "\n" for n in range(200)))
    with BackgroundServer(create_app(settings)) as server:
        with httpx.Client(base_url=server.url, timeout=60) as client:  # the service is busy first
            assert client.post("/api/documents", json=article("warm", 0)).status_code == 201
        ingest = subprocess.Popen(
            [sys.executable, "-m", "wirewatch", "ingest", str(records), "--db", settings.db, "--workers", "1",
             "--format", "json"],
            env={**os.environ, "OMP_NUM_THREADS": "1"}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        answers = push_all(server.url, "push", threads=4, each=25)
        out, err = ingest.communicate(timeout=300)
    assert ingest.returncode == 0, err.decode()[-2000:]
    summary = json.loads(out)
    assert summary["ingested"] == 200 and summary["failed"] == 0, summary
    assert all(status == 201 for status, _ in answers), [a for a in answers if a[0] != 201][:3]
    assert_each_stored_once_in_one_story(settings.db, 1 + 100 + 200)

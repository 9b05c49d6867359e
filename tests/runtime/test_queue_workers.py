"""The live service on many workers and processes: `wirewatch enqueue`, then `wirewatch run`.

On PostgreSQL two `run --workers 2` processes share a queue of 300 articles and one is killed
with SIGKILL (with its analysis processes) mid-way: the survivor claims the dead one's items once
their lease runs out, and afterwards every article is stored once and in exactly one story, the
story log has no gap (one sequencer), and every alert's idempotency key reached the webhook.
On SQLite the same commands work with one worker in one process.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from alerts.receivers import WebhookReceiver
from stores import fresh_store_url, raw_connection
from sqlalchemy import text

import wirewatch
from wirewatch.cli import main

REPO = Path(__file__).resolve().parents[2]
SUBJECTS = ("harbour", "railway", "school", "hospital", "bridge", "library")
SYLLABLES = ("ka", "lor", "ven", "tis", "mar", "dun", "sel", "bro", "quin", "ath", "rel", "gor", "pim", "sa", "tov")


def _name(seed: int, parts: int) -> str:
    return "".join(SYLLABLES[(seed * 7 + k * 11 + k * k) % len(SYLLABLES)] for k in range(parts)).capitalize()


def articles(count: int, topics: int = 30) -> list[dict]:
    """Short generated local-news records: `topics` stories of count/topics articles each."""
    records = []
    for n in range(count):
        topic = n % topics
        place, mayor, subject = _name(topic, 3), f"{_name(topic + 40, 2)} {_name(topic + 80, 3)}", SUBJECTS[topic % 6]
        text = (f"{place} council approved a new {subject} plan on Tuesday after a long debate. "
                f"Mayor {mayor} said the {subject} work would cost {10 + n % 77} million and start next spring. "
                f"Residents of {place} asked about noise and traffic during meeting {n}.")
        records.append({"id": f"a{n}", "title": f"{place} approves {subject} plan ({n})", "text": text,
                        "url": f"https://news.example/{n}", "source": f"Paper {n % 4}"})
    return records


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


def test_enqueue_then_run_once_on_sqlite(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'w.db'}"
    unusable = {"id": "empty", "html": "<html><body><nav><a href='/'>Home</a></nav></body></html>"}
    source = write_jsonl(tmp_path / "in.jsonl", articles(6, topics=3) + [unusable])
    assert main(["enqueue", str(source), "--db", url, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["queued"] == 7
    assert main(["enqueue", str(source), "--db", url, "--format", "json"]) == 0  # already queued
    assert json.loads(capsys.readouterr().out) == {
        "queued": 0, "failed": 0, "failures": [], "queue": {"queued": 7, "claimed": 0, "failed": 0}}
    assert main(["run", "--once", "--workers", "4", "--db", url]) == 0  # SQLite: one worker
    with wirewatch.Store.open(url) as store:
        assert store.count_documents() == 6
        assert all(store.data.story_of(store.document(f"a{n}").id) for n in range(6))
        assert store.queue_counts().to_dict() == {"queued": 0, "claimed": 0, "failed": 1}
        [(origin, reason)] = store.queue_failures()
        assert "no article text" in reason and origin.endswith(":7")


def test_serve_works_off_the_queue(tmp_path):
    url = f"sqlite:///{tmp_path / 'w.db'}"
    with wirewatch.Store.open(url) as store:
        assert store.enqueue(articles(3, topics=3)) == (3, [])
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        server = subprocess.Popen([sys.executable, "-m", "wirewatch", "serve", "--port", str(port), "--db", url],
                                  cwd=REPO, env=dict(os.environ, PYTHONPATH=str(REPO), OMP_NUM_THREADS="1",
                                                     WIREWATCH_QUEUE_POLL_SECONDS="0.2"),
                                  stdout=out, stderr=subprocess.STDOUT)
    try:
        with wirewatch.Store.open(url) as store:
            _wait(lambda: store.count_documents() == 3 and store.queue_counts().queued == 0, 60,
                  "serve's queue worker to store the queued articles", [log])
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_run_refuses_a_worker_count_below_one(tmp_path, capsys):
    assert main(["run", "--once", "--workers", "0", "--db", f"sqlite:///{tmp_path / 'w.db'}"]) == 2
    assert "workers must be 1 or more" in capsys.readouterr().err


def _start_run(url: str, log: Path) -> subprocess.Popen:
    env = dict(os.environ, WIREWATCH_DB=url, PYTHONPATH=str(REPO), OMP_NUM_THREADS="1",
               WIREWATCH_QUEUE_LEASE_SECONDS="4", WIREWATCH_QUEUE_POLL_SECONDS="0.2",
               WIREWATCH_ALERT_RETRY_SECONDS="1", WIREWATCH_ALLOW_PRIVATE_URLS="1")
    with log.open("wb") as out:
        # Its own session: the kill takes the analysis processes too, as a machine dying would.
        return subprocess.Popen([sys.executable, "-m", "wirewatch", "run", "--workers", "2"], cwd=REPO, env=env,
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


def _wait(condition, seconds: float, what: str, logs: list[Path]) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            tails = "\n".join(f"--- {log.name}\n" + log.read_text(errors="replace")[-3000:] for log in logs)
            pytest.fail(f"timed out waiting for {what}\n{tails}")
        time.sleep(0.2)


def test_two_run_processes_share_the_queue_and_survive_a_kill(tmp_path):
    count = 300
    with fresh_store_url("postgresql", tmp_path) as url, WebhookReceiver() as receiver:
        with wirewatch.Store.open(url, settings=wirewatch.load_settings()) as store:  # private URLs allowed
            store.subscribe("harbour OR bridge", [receiver.channel()])
        assert main(["enqueue", str(write_jsonl(tmp_path / "in.jsonl", articles(count))), "--db", url]) == 0
        logs = [tmp_path / "run-a.log", tmp_path / "run-b.log"]
        victim, survivor = _start_run(url, logs[0]), _start_run(url, logs[1])
        try:
            with wirewatch.Store.open(url) as store, raw_connection(url) as conn:
                def victim_is_mid_way() -> bool:
                    held = conn.execute(text("SELECT count(*) FROM work_items WHERE claimed_by LIKE :me "
                                             "AND claimed_until > now()"), {"me": f"%:{victim.pid}:%"}).scalar()
                    conn.commit()
                    return store.count_documents() >= count // 2 and held > 0

                _wait(victim_is_mid_way, 150, "half stored while the victim holds a claim", logs)
                os.killpg(victim.pid, signal.SIGKILL)
                victim.wait(10)

                def all_done() -> bool:
                    counts = store.queue_counts()
                    pending = [a for a in store.alerts(limit=1000) if a.status != "sent"]
                    return (counts.queued == 0 and store.count_documents() == count
                            and store.data.story_log_position() == count and not pending)

                _wait(all_done, 150, "the survivor to finish the queue and deliver every alert", logs)
                assert survivor.poll() is None, logs[1].read_text()[-3000:]

                assert store.queue_counts().to_dict() == {"queued": 0, "claimed": 0, "failed": 0}
                rows = conn.execute(text("SELECT d.ext_id, count(s.seq) FROM documents d LEFT JOIN story_articles s "
                                         "ON s.document_id = d.id GROUP BY d.ext_id")).all()
                assert sorted(ext for ext, _ in rows) == sorted(f"a{n}" for n in range(count))  # stored once
                assert {stories for _, stories in rows} == {1}  # each in exactly one story
                seqs = [seq for (seq,) in conn.execute(text("SELECT seq FROM story_articles ORDER BY seq"))]
                assert seqs == list(range(1, count + 1))  # one sequencer: no gap, no fork
                alerts = store.alerts(limit=1000)
        finally:
            for process in (victim, survivor):
                if process.poll() is None:
                    process.send_signal(signal.SIGINT)
            for process in (victim, survivor):
                try:
                    process.wait(20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
    assert alerts and {alert.status for alert in alerts} == {"sent"}
    assert {alert.key for alert in alerts} <= set(receiver.keys())  # no key lost

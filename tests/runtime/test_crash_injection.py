"""`wirewatch run --once` killed with SIGKILL at random points, again and again, loses nothing.

Each kill lands somewhere in a real run: starting up, polling the loopback feed, analysing,
storing, assigning stories, queueing alerts, or mid-send to the loopback webhook (which answers
slowly, so the sending window is wide). After the kills the service runs to completion. Every
alert the outbox holds must then have reached the receiver, every resend must carry the key of
the first send, and no alert may be `failed`: kills alone never use up a channel's tries.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time

from alerts.receivers import WebhookReceiver
from httpserver import LocalHTTPServer

from wirewatch.alerts import AlertStore
from wirewatch.store import Store

KILLS = 20
PLACES = ["Tbilisi", "Nairobi", "Manila", "Quito", "Dakar", "Hanoi", "Lima", "Oslo"]
ITEM = ("<item><title>{title}</title><link>https://wire.example/{n}</link><guid>w-{n}</guid>"
        "<pubDate>Sat, 1{n} Mar 2025 0{n}:00:00 +0000</pubDate><description><![CDATA[{text}]]></description></item>")


def _feed() -> bytes:
    items = []
    for n, place in enumerate(PLACES):
        text = (f"<p>{place} — Negotiators in {place} agreed a ceasefire on day {n + 2} of talks between the "
                f"city's {n + 3} armed factions, officials said, with monitors due within {n + 10} days.</p>"
                f"<p>The {place} ceasefire covers {n + 5} districts, the mediators' statement said.</p>")
        items.append(ITEM.format(title=f"Ceasefire agreed in {place}", n=n, text=text))
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
            + "".join(items) + "</channel></rss>").encode()


def _wirewatch(*argv: str, env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "wirewatch", *argv], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_random_kills_of_run_once_lose_no_alert_and_fail_none(tmp_path):
    db = f"sqlite:///{tmp_path / 'crash.db'}"
    env = {**os.environ, "WIREWATCH_ALLOW_PRIVATE_URLS": "1", "WIREWATCH_HOST_DELAY": "0",
           "WIREWATCH_ALERT_RETRY_SECONDS": "0.2", "WIREWATCH_ALERT_MAX_ATTEMPTS": "3", "OMP_NUM_THREADS": "1"}
    rng = random.Random(20261202)
    with LocalHTTPServer() as server, WebhookReceiver(delay=0.4) as receiver:
        server.route("/feed.xml", body=_feed(), content_type="application/rss+xml")
        for argv in (["sources", "add", server.url("/feed.xml"), "--every", "3600s"],
                     ["subscribe", "ceasefire", "--notify", receiver.channel()]):
            setup = _wirewatch(*argv, "--db", db, env=env)
            assert setup.wait(120) == 0, setup.stderr.read().decode()

        kills = 0
        while kills < KILLS:
            run = _wirewatch("run", "--once", "--db", db, env=env)
            try:
                run.wait(rng.uniform(0.3, 6.0))
                continue  # it finished before the kill: run again
            except subprocess.TimeoutExpired:
                run.send_signal(signal.SIGKILL)
                run.wait(30)
                kills += 1

        for _ in range(15):  # then let it finish: leases run out, interrupted sends are resent
            run = _wirewatch("run", "--once", "--db", db, "--format", "json", env=env)
            assert run.wait(180) == 0, run.stderr.read().decode()
            with Store.open(db) as store:
                alerts = AlertStore(store).alerts(limit=1000)
            if alerts and all(alert.status == "sent" for alert in alerts):
                break
            time.sleep(0.3)

    assert len(alerts) >= 3, "the feed's ceasefire stories queue several alerts"
    assert [a for a in alerts if a.status != "sent"] == []  # none failed, none still pending
    keys = {alert.key for alert in alerts}
    received = receiver.keys()
    assert keys <= set(received)  # no alert lost
    assert set(received) <= keys  # every resend carries a key the outbox knows: the first send's
    assert all(alert.attempts <= 3 for alert in alerts)
    assert len(json.dumps([r.body for r in receiver.received])) > 0

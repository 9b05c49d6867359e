"""The monitoring service end to end: a feed on loopback, a subscription, a webhook receiver.

One alert when a story first matches, one more per development, none for copies — through the
real CLI and the real service cycle.
"""

from __future__ import annotations

import json
import time
from datetime import datetime, timedelta, timezone

from alerts.receivers import WebhookReceiver
from httpserver import LocalHTTPServer

from wirewatch.cli import main
from wirewatch.config import load_settings
from wirewatch.runtime.monitor import Monitor
from wirewatch.store import Store

ITEM = """<item><title>{title}</title><link>{link}</link><guid isPermaLink="false">{guid}</guid>
<pubDate>{date}</pubDate><content:encoded><![CDATA[{html}]]></content:encoded></item>"""

STARMER = ("<p>LONDON (AP) — British Prime Minister Keir Starmer on Saturday urged Russian President Vladimir "
           "Putin to sign a ceasefire in the war in Ukraine if he is serious about peace, and said allies would "
           "keep up the pressure on the Kremlin after a video call with about 30 leaders.</p>"
           "<p>\"We agree that the ball is now in Russia's court, and President Putin must prove that he is "
           "serious about peace and sign up to a ceasefire on equal terms,\" the prime minister said.</p>"
           "<p>Military planners will meet in the UK on Thursday to develop practical plans to support "
           "Ukraine's future security, Starmer said, adding that the coalition was ready to deploy.</p>")
STARMER_COPY = STARMER.replace("on Saturday", "on Saturday,").replace("about 30 leaders", "some 30 leaders")
DEVELOPMENT = ("<p>NORTHWOOD, England (AP) — Military planners from the coalition backing Ukraine agreed on "
               "Thursday to base a future peacekeeping force's headquarters in Paris, as Prime Minister Keir "
               "Starmer pressed Vladimir Putin again to accept the ceasefire.</p>"
               "<p>\"This is the moment to turn commitments into plans,\" Starmer told reporters at the Northwood "
               "base. The Kremlin said Putin would reply to the ceasefire proposal after talks with U.S. envoys "
               "next week.</p>"
               "<p>French officials said 12 countries had offered troops or aircraft for the mission in Ukraine.</p>")


def feed(*items: tuple[str, str, str, str]) -> bytes:
    body = "".join(
        ITEM.format(title=title, link=f"https://wire.example/{guid}", guid=guid, date=date, html=html)
        for title, guid, date, html in items
    )
    return ('<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            f"<channel><title>Test Wire</title>{body}</channel></rss>").encode()


FIRST = ("Starmer urges Putin to sign ceasefire", "starmer-1", "Sat, 15 Mar 2025 16:05:00 +0000", STARMER)
COPY = ("Starmer tells Putin: sign a ceasefire", "starmer-copy", "Sat, 15 Mar 2025 17:40:00 +0000", STARMER_COPY)
LATER = ("Planners agree ceasefire force headquarters", "northwood", "Thu, 20 Mar 2025 18:00:00 +0000", DEVELOPMENT)


def cli(capsys, *argv: str) -> str:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_copies_alert_once_and_developments_alert_again(capsys, db_url):
    with LocalHTTPServer() as server, WebhookReceiver() as receiver:
        server.route("/feed.xml", body=feed(FIRST), content_type="application/rss+xml")
        cli(capsys, "sources", "add", server.url("/feed.xml"), "--every", "60s", "--db", db_url)
        cli(capsys, "subscribe", 'entity:"Keir Starmer" ceasefire', "--notify", receiver.channel(), "--db", db_url)

        report = json.loads(cli(capsys, "run", "--once", "--db", db_url, "--format", "json"))
        assert (report["polled"], report["new_articles"], report["alerts_sent"]) == (1, 1, 1)
        assert len(receiver.received) == 1
        first = receiver.received[0]
        assert first.headers["idempotency-key"] and first.body  # the key travels in the header too

        # the wire copy and then a real development arrive on the next polls
        server.route("/feed.xml", body=feed(FIRST, COPY), content_type="application/rss+xml")
        with Store.open(db_url) as store:
            monitor = Monitor(store, load_settings())
            later = datetime.now(timezone.utc) + timedelta(minutes=2)
            assert monitor.cycle(now=later).new_articles == 1
            assert len(receiver.received) == 1  # a copy is never a new development
            server.route("/feed.xml", body=feed(FIRST, COPY, LATER), content_type="application/rss+xml")
            assert monitor.cycle(now=later + timedelta(minutes=2)).new_articles == 1
            monitor.close()
        assert len(receiver.received) == 2
        assert len(set(receiver.keys())) == 2

    alerts = json.loads(cli(capsys, "alerts", "--db", db_url, "--format", "json"))
    assert [a["status"] for a in alerts] == ["sent", "sent"]
    stories = json.loads(cli(capsys, "stories", "--db", db_url, "--format", "json"))
    assert len(stories) == 1
    assert sorted(a["role"] for a in stories[0]["articles"]) == ["copy", "development", "original"]


def test_a_failing_source_is_recorded_and_backed_off(capsys, db_url):
    with LocalHTTPServer() as server:
        server.route("/gone.xml", status=404)
        cli(capsys, "sources", "add", server.url("/gone.xml"), "--every", "60s", "--db", db_url)
        report = json.loads(cli(capsys, "run", "--once", "--db", db_url, "--format", "json"))
    assert report["failures"] and "404" in report["failures"][0]["reason"]
    [source] = json.loads(cli(capsys, "sources", "list", "--db", db_url, "--format", "json"))
    assert source["last_status"] == "error" and source["failures"] == 1
    due = datetime.fromisoformat(source["next_fetch_at"]) - datetime.fromisoformat(source["last_fetch_at"])
    assert due == timedelta(seconds=120)  # doubled after a failure


def test_subscribe_preview_shows_past_matches(capsys, samples, db_url):
    cli(capsys, "ingest", str(samples), "--db", db_url)
    out = cli(capsys, "subscribe", "--preview", 'entity:"Keir Starmer"', "--db", db_url, "--format", "json")
    titles = [hit["title"] for hit in json.loads(out)]
    assert "Kremlin says it will study ceasefire plan as Starmer prepares military talks" in titles
    assert not any("earthquake" in t.lower() for t in titles)
    assert json.loads(cli(capsys, "subscriptions", "--db", db_url, "--format", "json")) == []


def test_bad_subscription_is_one_line_error(capsys, db_url):
    assert main(["subscribe", "(ceasefire", "--notify", "json://127.0.0.1:9/x", "--db", db_url]) == 2
    assert main(["subscribe", "ceasefire", "--notify", "nosuchscheme://x", "--db", db_url]) != 0
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 2 and "Traceback" not in err


def test_a_stalled_source_delays_no_other_source(db_url):
    # Three sources trickle one byte at a time; with one total deadline per fetch and the sources
    # fetched at once, the cycle takes about one deadline, and the healthy source is read.
    from httpserver import STATUS_AND_HEADERS, TrickleServer

    slow = [TrickleServer(STATUS_AND_HEADERS, b"1\r\nx\r\n" * 5000, every=0.05) for _ in range(3)]
    try:
        with LocalHTTPServer() as server, Store.open(db_url) as store:
            server.route("/feed.xml", body=feed(FIRST), content_type="application/rss+xml")
            for source in slow:
                store.add_feed(source.url, interval_seconds=60)
            store.add_feed(server.url("/feed.xml"), interval_seconds=60)
            monitor = Monitor(store, load_settings().with_overrides(timeout=1.5, host_delay=0))
            started = time.monotonic()
            report = monitor.cycle()
            elapsed = time.monotonic() - started
            monitor.close()
    finally:
        for source in slow:
            source.close()
    assert report.polled == 4 and report.new_articles == 1
    assert all("timed out" in reason for _, reason in report.failures)
    assert len(report.failures) == 3
    assert elapsed < 4.5  # one after another it took at least 3 x 1.5 s

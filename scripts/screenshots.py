#!/usr/bin/env python3
"""Take screenshots of the real web app's pages into docs/screenshots/.

Ingests the bundled samples into a throwaway store (or uses --db) through
`wirewatch.ingest.ingest`, which also groups them into stories, serves the app on a loopback
port and drives Debian's chromium through Playwright. Needs /usr/bin/chromium
(`apt-get install -y chromium`) and the playwright package; never downloads a browser.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots", help="folder for the PNG files")
    parser.add_argument("--db", help="use this store instead of ingesting the samples into a temporary one")
    parser.add_argument("--width", type=int, default=1280, help="viewport width in CSS pixels")
    parser.add_argument("--height", type=int, default=900, help="viewport height in CSS pixels")
    parser.add_argument("--full-page", action="store_true", help="capture whole pages, not just the viewport")
    args = parser.parse_args()

    if not Path(CHROMIUM).exists():
        print(f"error: {CHROMIUM} not found (apt-get install -y chromium)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    from wirewatch.config import Settings
    from wirewatch.ingest import ingest
    from wirewatch.store import Store
    from wirewatch.web.app import create_app
    from wirewatch.web.server import BackgroundServer

    with tempfile.TemporaryDirectory() as tmp:
        # Private URLs allowed: the example subscriptions deliver to a webhook on this machine.
        settings = Settings(db=args.db or f"sqlite:///{tmp}/screenshots.db", allow_private_urls=True)
        store = Store.open(settings.db)
        receiver = _WebhookReceiver()
        if not args.db:
            _subscribe_examples(store, settings, receiver.channel)  # before ingest: real alerts, really sent
            ingest([str(REPO / "samples")], store=store, settings=settings)
        article = _richest_article(store)
        story = _biggest_story(store)
        person = (store.entities(type="PERSON", limit=1) or store.entities(limit=1))
        pages = {
            "home": "/",
            "story": f"/stories/{story}" if story else "/",
            "entity": f"/entities/{person[0].id}" if person else "/entities",
            "entities": "/entities",
            "latest": "/articles",
            "article": f"/articles/{article}",
            "search": "/search?q=ceasefire",
            "sources": "/sources",
            "api-docs": "/docs",
            "add-article": "/submit",
            "subscriptions": "/subscriptions",
            "subscription": f"/subscriptions/{_first_subscription(store)}",
            "alerts": "/alerts",
        }
        args.out.mkdir(parents=True, exist_ok=True)
        with BackgroundServer(create_app(settings, store)) as server, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": args.width, "height": args.height})
            for name, path in pages.items():
                page.goto(server.url + path, wait_until="domcontentloaded")
                if name == "subscriptions":  # show the live preview of a query being typed
                    page.locator("input[name=query]").press_sequentially('entity:"Keir Starmer" ceasefire', delay=5)
                    page.locator("input[name=name]").fill("Starmer and the ceasefire")
                    page.locator(".preview-item").first.wait_for(timeout=10_000)
                    page.locator("#new").scroll_into_view_if_needed()
                target = args.out / f"{name}.png"
                page.screenshot(path=str(target), full_page=args.full_page)
                print(f"{_shown(target)}  <- {path}")
            mobile = browser.new_page(viewport={"width": 390, "height": 844})
            mobile.goto(server.url + pages["article"], wait_until="domcontentloaded")
            mobile.screenshot(path=str(args.out / "article-mobile.png"))
            print(f"{_shown(args.out / 'article-mobile.png')}  <- {pages['article']} (390 px wide)")
            browser.close()
        store.close()
        receiver.close()
    return 0


def _subscribe_examples(store, settings, channel: str) -> None:
    """Three subscriptions: one delivering to a local webhook, one to a dead one, one feed-only."""
    from wirewatch.alerts import AlertStore, validate_subscription

    alert_store = AlertStore(store)
    for query, notify, options in (
        ('entity:"Keir Starmer"', [channel], {"name": "Starmer desk", "updates": "all"}),
        ("earthquake OR quake", ["json://127.0.0.1:9/down?token=secret"], {"name": "Quakes"}),
        ("ceasefire", [], {"digest": "daily", "updates": "new-stories"}),
    ):
        spec = validate_subscription(query, notify, allow_private=settings.allow_private_urls, **options)
        alert_store.add_subscription(spec)


def _first_subscription(store) -> int:
    from wirewatch.alerts import AlertStore

    found = AlertStore(store).subscriptions()
    return found[0].id if found else 0


class _WebhookReceiver:
    """A webhook endpoint on 127.0.0.1 that accepts every alert (so the log shows sent ones)."""

    def __init__(self) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        class Accept(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self.send_response(204)
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Accept)
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        self.channel = f"json://127.0.0.1:{self._httpd.server_address[1]}/wirewatch"

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


def _shown(path: Path) -> Path:
    return path.resolve().relative_to(REPO) if path.resolve().is_relative_to(REPO) else path


def _biggest_story(store) -> str | None:
    """The story with the most sources (then articles): the one that shows how stories develop."""
    stories = store.stories(limit=200)
    return max(stories, key=lambda s: (s.sources, s.articles)).id if stories else None


def _richest_article(store) -> int:
    """The article with the most quotes and entities: the one that shows the most."""
    best, best_score = 1, -1
    for row in store.documents(limit=200):
        stored = store.get_document(row.id)
        score = len(stored.document.quotes) + len(stored.document.entities) if stored else -1
        if score > best_score:
            best, best_score = row.id, score
    return best


if __name__ == "__main__":
    sys.exit(main())

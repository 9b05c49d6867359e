"""A webhook names its article by the id the API knows it by.

Regression: alert payloads carried the store's row number while the API names an article by its
record's own id (feed guid, JSON Lines or pushed `id`) when it has one, so a receiver could not
match an alert with what it had pushed.
"""

from __future__ import annotations

import wirewatch
from alerts.receivers import WebhookReceiver
from wirewatch.config import Settings

TEXT = ("Keir Starmer said on Monday that Britain would help secure a ceasefire in Ukraine. "
        "The talks in Geneva are due to resume next week, officials said.")


def test_a_webhook_carries_the_articles_public_id(tmp_path):
    settings = Settings(allow_private_urls=True, host_delay=0)
    with WebhookReceiver() as receiver, wirewatch.Store.open(f"sqlite:///{tmp_path / 'w.db'}", settings=settings) as store:
        store.subscribe("ceasefire", [f"json://127.0.0.1:{receiver.port}/hook"])
        store.ingest([{"id": "wire-ceasefire-7", "title": "Starmer backs ceasefire talks", "text": TEXT},
                      {"title": "Ceasefire talks to resume in Geneva", "text": TEXT.replace("Monday", "Tuesday")
                       + " A second round is planned for the spring, diplomats in Kyiv said."}])
        store.deliver()
        ids = {body["article"]["title"]: body["article"]["id"] for body in (r.body for r in receiver.received)}
        assert ids["Starmer backs ceasefire talks"] == "wire-ceasefire-7"
        for article_id in ids.values():
            assert isinstance(article_id, str)
            assert store.document(article_id) is not None

"""Webhooks as a receiver sees them: the article named by its API id, and sent without waste.

Regressions: alert payloads carried the store's row number while the API names an article by its
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


def test_webhooks_share_one_tls_context_instead_of_loading_the_ca_bundle_each_time(monkeypatch):
    """Regression: every webhook built two TLS contexts (each loads the whole CA bundle), two
    thirds of the time of a push to `serve` that sent a dozen alerts."""
    import ssl

    from wirewatch.alerts.channels import OutgoingMessage, send

    built = []
    original = ssl.create_default_context
    monkeypatch.setattr(ssl, "create_default_context", lambda *a, **k: built.append(1) or original(*a, **k))
    message = OutgoingMessage("Ceasefire talks resume", "A new round of talks began.", {"story": "1"}, "key-1")
    with WebhookReceiver() as receiver:
        for n in range(5):
            send(f"json://127.0.0.1:{receiver.port}/hook", message, timeout=5, user_agent="t", allow_private=True)
        assert len(receiver.received) == 5
    assert len(built) <= 1

SUDAN = ("A ceasefire between the army and the Rapid Support Forces held in Khartoum on Friday, "
         "residents said, as aid convoys crossed from Chad for the first time in months.")


def test_a_webhook_names_an_article_by_an_id_that_opens_that_article(db_url):
    """Regression: a record whose own id is a number ("1") and the article stored as number 1
    without a record id were both sent as article "1", and the receiver's look-up of "1" opened
    the record for both alerts."""
    settings = Settings(allow_private_urls=True, host_delay=0)
    with WebhookReceiver() as receiver, wirewatch.Store.open(db_url, settings=settings) as store:
        store.subscribe("ceasefire", [f"json://127.0.0.1:{receiver.port}/hook"])
        [plain] = store.ingest([{"title": "Sudan ceasefire holds", "text": SUDAN}]).ids
        store.ingest([{"id": str(plain), "title": "Starmer backs ceasefire talks", "text": TEXT}])
        store.deliver()
        sent = {body["article"]["title"]: body["article"]["id"] for body in (r.body for r in receiver.received)}
        assert len(sent) == 2 and len(set(sent.values())) == 2
        assert sent["Sudan ceasefire holds"] == str(plain)  # the id it was first named by
        for title, article_id in sent.items():
            assert store.document(article_id).document.title == title

"""POST /api/documents with text and no title: stored, with a headline made from the text."""

from __future__ import annotations


def test_pushing_an_untitled_one_sentence_article_stores_it(client, store):
    text = ("Ferry services between Lindholm and the mainland resumed on Friday, when the coastguard lifted "
            "the warning it issued for the strait.")
    response = client.post("/api/documents", json={"id": "push-1", "text": text})
    assert response.status_code == 201, response.text
    stored = store.get_document(response.json()["id"])
    assert stored.document.title == "Ferry services between Lindholm and the mainland resumed on Friday"
    assert stored.document.text == text

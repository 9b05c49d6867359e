"""From stored article to queued alerts: once per story development, never once per copy."""

from __future__ import annotations

from datetime import timedelta

from alerts.helpers import NOW, article, subscribe

from wirewatch.alerts import alert_dict, alert_key, alerts_for_article, build_index

HOOK = "json://127.0.0.1:9/hook"


def _run(alert_store, facts, story, role, index=None, now=NOW):
    index = index or build_index(alert_store)
    return alerts_for_article(alert_store, index, facts, story_id=story, role=role, now=now)


def test_matching_article_queues_one_alert_per_channel(alert_store):
    subscription = subscribe(alert_store, "ceasefire", [HOOK, "json://127.0.0.1:9/other"])
    queued = _run(alert_store, article(1, "Ceasefire agreed"), "s1", "original")
    assert sorted(a.channel for a in queued) == sorted(subscription.notify)
    assert {a.key for a in queued} == {alert_key(subscription.id, "s1", 1)}
    assert all(a.status == "pending" and a.attempts == 0 for a in queued)


def test_article_that_does_not_match_queues_nothing(alert_store):
    subscribe(alert_store, "ceasefire", [HOOK])
    assert _run(alert_store, article(1, "Football results"), "s1", "original") == []
    assert alert_store.alerts() == []


def test_copies_of_an_alerted_story_alert_once(alert_store):
    subscribe(alert_store, "ceasefire", [HOOK])
    index = build_index(alert_store)
    _run(alert_store, article(1, "Ceasefire agreed"), "s1", "original", index)
    for copy_id in (2, 3, 4):
        assert _run(alert_store, article(copy_id, "Ceasefire agreed!"), "s1", "copy", index) == []
    assert len(alert_store.alerts()) == 1


def test_a_development_alerts_again(alert_store):
    subscribe(alert_store, "ceasefire", [HOOK])
    index = build_index(alert_store)
    _run(alert_store, article(1, "Ceasefire agreed"), "s1", "original", index)
    again = _run(alert_store, article(5, "Ceasefire broken within hours"), "s1", "development", index)
    assert [a.development_id for a in again] == [5]
    assert again[0].payload["role"] == "development"


def test_processing_the_same_article_twice_queues_it_once(alert_store):
    subscribe(alert_store, "ceasefire", [HOOK])
    index = build_index(alert_store)
    facts = article(5, "Ceasefire broken")
    _run(alert_store, article(1, "Ceasefire agreed"), "s1", "original", index)
    assert len(_run(alert_store, facts, "s1", "development", index)) == 1
    assert _run(alert_store, facts, "s1", "development", index) == []
    assert len(alert_store.alerts()) == 2


def test_first_matching_copy_of_an_unalerted_story_alerts(alert_store):
    subscribe(alert_store, "truce", [HOOK])
    index = build_index(alert_store)
    _run(alert_store, article(1, "Ceasefire agreed"), "s1", "original", index)
    assert len(_run(alert_store, article(2, "Truce agreed"), "s1", "copy", index)) == 1


def test_new_stories_mode_ignores_developments(alert_store):
    subscribe(alert_store, "ceasefire", [HOOK], updates="new-stories")
    index = build_index(alert_store)
    _run(alert_store, article(1, "Ceasefire agreed"), "s1", "original", index)
    assert _run(alert_store, article(2, "Ceasefire broken"), "s1", "development", index) == []
    assert len(_run(alert_store, article(3, "Ceasefire in Gaza"), "s2", "original", index)) == 1


def test_all_mode_alerts_copies_too(alert_store):
    subscribe(alert_store, "ceasefire", [HOOK], updates="all")
    index = build_index(alert_store)
    _run(alert_store, article(1, "Ceasefire agreed"), "s1", "original", index)
    assert len(_run(alert_store, article(2, "Ceasefire agreed!"), "s1", "copy", index)) == 1


def test_paused_subscription_gets_no_alerts(alert_store):
    subscription = subscribe(alert_store, "ceasefire", [HOOK])
    index = build_index(alert_store)
    alert_store.set_paused(subscription.id, True)
    assert _run(alert_store, article(1, "Ceasefire agreed"), "s1", "original", index) == []


def test_digest_subscription_records_the_match_without_queueing(alert_store):
    subscription = subscribe(alert_store, "ceasefire", [HOOK], digest="hourly")
    assert _run(alert_store, article(1, "Ceasefire agreed"), "s1", "original") == []
    assert [m.article_id for m in alert_store.matches(subscription.id)] == [1]


def test_alert_payload_carries_story_article_reason_and_quote(alert_store):
    subscribe(alert_store, 'entity:"Keir Starmer" ceasefire', [HOOK])
    facts = article(
        1, "Starmer backs ceasefire plan", "Keir Starmer said Britain would help.",
        entities=[("Keir Starmer", "PERSON")],
        quotes=[("Keir Starmer", "We will help secure a ceasefire")], story_title="Ukraine ceasefire talks",
    )
    payload = _run(alert_store, facts, "s1", "original")[0].payload
    assert payload["story"] == {"id": "s1", "title": "Ukraine ceasefire talks"}
    assert payload["article"]["title"] == "Starmer backs ceasefire plan"
    assert payload["article"]["url"] == "https://news.example/1"
    assert payload["reason"]["entities"] == ["Keir Starmer"]
    assert payload["reason"]["terms"] == ["ceasefire"]
    assert payload["quote"] == {"speaker": "Keir Starmer", "text": "We will help secure a ceasefire"}


def test_entity_subscription_matches_whatever_the_spelling_in_the_text(alert_store):
    subscribe(alert_store, 'entity:"Keir Starmer"', [HOOK])
    facts = article(1, "Stemmer speaks", "Prime Minister Stemmer said...", entities=[("Keir Starmer", "PERSON")])
    assert len(_run(alert_store, facts, "s1", "original")) == 1


def test_story_subscription_follows_one_story(alert_store):
    subscribe(alert_store, "story:s7", [HOOK])
    index = build_index(alert_store)
    assert _run(alert_store, article(1, "Anything"), "s6", "original", index) == []
    assert len(_run(alert_store, article(2, "Anything else"), "s7", "original", index)) == 1


def test_alerts_are_listed_newest_first_with_filters(alert_store):
    first = subscribe(alert_store, "ceasefire", [HOOK])
    subscribe(alert_store, "truce", [HOOK])
    index = build_index(alert_store)
    _run(alert_store, article(1, "Ceasefire agreed"), "s1", "original", index)
    _run(alert_store, article(2, "Truce agreed"), "s2", "original", index, now=NOW + timedelta(minutes=1))
    assert [a.article_id for a in alert_store.alerts()] == [2, 1]
    assert [a.article_id for a in alert_store.alerts(subscription_id=first.id)] == [1]
    listed = alert_dict(alert_store.alerts(status="pending")[0])
    assert {"subscription", "story", "article", "channel", "status", "attempts", "last_error"} <= listed.keys()


def test_article_facts_from_a_document_carry_entities_and_quotes():
    from wirewatch.alerts import ArticleFacts
    from wirewatch.document import Document, Entity, Quote

    document = Document(
        title="Stemmer speaks", text="...", source="AP",
        entities=[Entity(id="e1", name="Keir Starmer", type="PERSON")],
        quotes=[Quote(text="Peace now", speaker="Keir Starmer", speaker_entity="e1",
                      speaker_mention=None, cue="said", start=0, end=9)],
    )
    facts = ArticleFacts.from_document(7, document, story_id="s1", role="original")
    assert (facts.id, facts.entities, facts.quotes) == (7, [("Keir Starmer", "PERSON")], [("Keir Starmer", "Peace now")])

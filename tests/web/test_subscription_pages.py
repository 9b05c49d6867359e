"""The subscriptions pages through real HTTP: create (CSRF, inline errors, preview), edit, pause,
delete, test-send, the alert log; and the JSON endpoints they use (preview, test, edits)."""

from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest

from alerts.receivers import WebhookReceiver
from wirewatch.alerts import AlertStore
from wirewatch.alerts.outbox import NewAlert
from wirewatch.store import Store

from .conftest import ceasefire_document, cluster, kremlin_document, quake_document
from .test_api import assert_error

SECRET_HOOK = "json://127.0.0.1:9/hook?token=s3cret"  # port 9: nothing listens, delivery fails


def csrf(client, path: str = "/subscriptions") -> str:
    page = client.get(path)
    assert page.status_code == 200, page.text
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)


def create_form(client, **fields):
    data = {"csrf_token": csrf(client), "action": "create", "query": "ceasefire", "updates": "developments",
            "digest": "none", **fields}
    return client.post("/subscriptions", data=data)


def created_id(response) -> int:
    assert response.status_code == 303, response.text
    match = re.fullmatch(r"/subscriptions/(\d+)\?notice=created", response.headers["location"])
    assert match, response.headers["location"]
    return int(match.group(1))


def stored(store: Store) -> list:
    return AlertStore(store).subscriptions()


@pytest.fixture
def news(store) -> Store:
    store.add_document(ceasefire_document())
    store.add_document(kremlin_document())
    store.add_document(quake_document())
    cluster(store)
    return store


def test_subscriptions_page_is_in_the_header_navigation(client):
    page = client.get("/")
    assert re.search(r'<nav class="nav"[^>]*>.*href="/subscriptions"', page.text, re.S)
    assert 'aria-current="page">Subscriptions' in client.get("/subscriptions").text.replace("\n", "")


def test_the_alert_log_is_in_every_pages_navigation_and_marked_on_its_own(client):
    for path in ("/", "/articles", "/search", "/entities", "/subscriptions", "/sources", "/submit", "/docs", "/alerts"):
        nav = re.search(r'<nav class="nav"[^>]*>(.*?)</nav>', client.get(path).text, re.S).group(1)
        assert re.search(r'<a href="/alerts"( aria-current="page")?>Alerts</a>', nav), path
        assert ('aria-current="page">Alerts' in nav) == (path == "/alerts"), path


def test_creating_through_the_form_stores_every_field_and_redirects_to_it(client, store):
    response = create_form(client, query='entity:"Keir Starmer"', name="Starmer desk",
                           notify=f"{SECRET_HOOK}\n\n  json://127.0.0.1:9/other  \n", updates="all", digest="daily")
    sub_id = created_id(response)
    [sub] = stored(store)
    assert (sub.id, sub.query, sub.name, sub.updates, sub.digest) == (sub_id, 'entity:"Keir Starmer"', "Starmer desk", "all", "daily")
    assert sub.notify == [SECRET_HOOK, "json://127.0.0.1:9/other"]
    page = client.get(response.headers["location"])
    assert "Subscription created." in page.text and "Starmer desk" in page.text


def test_list_shows_query_redacted_channels_modes_feed_and_alert_counts(client, store):
    sub_id = created_id(create_form(client, name="Desk", notify=SECRET_HOOK, digest="hourly"))
    alert_store = AlertStore(store)
    alert_store.enqueue([NewAlert(key=f"k{i}", kind="alert", subscription_id=sub_id, channel=SECRET_HOOK,
                                  payload={}) for i in range(3)])
    now = datetime.now(timezone.utc)
    [first, *_] = alert_store.claim_due(now=now, limit=1)
    alert_store.mark_sent(first, now=now)
    page = client.get("/subscriptions").text
    assert "s3cret" not in page and "json://127.0.0.1:9/hook" in page
    assert "ceasefire" in page and "hourly" in page and "developments" in page
    assert f'href="/feeds/subscriptions/{sub_id}.atom"' in page
    assert ">1 sent</a>" in page and ">2 pending</a>" in page


def test_form_without_the_csrf_token_is_refused_and_creates_nothing(client, store):
    csrf(client)  # the browser has its cookie, but the form lacks the token
    for token in ("", "forged-token-forged-token-forged"):
        response = client.post("/subscriptions", data={"csrf_token": token, "action": "create", "query": "ceasefire"})
        assert response.status_code == 403 and "security token" in response.text
    assert stored(store) == []


def test_bad_query_is_shown_inline_with_the_form_kept(client, store):
    response = create_form(client, query="(ceasefire", name="My <desk>", notify=SECRET_HOOK)
    assert response.status_code == 400
    error = re.search(r'data-form-error>([^<]*)<', response.text).group(1)
    assert "parenthesis" in error and "\n" not in error
    assert 'value="(ceasefire"' in response.text and 'value="My &lt;desk&gt;"' in response.text
    assert SECRET_HOOK in response.text.replace("&amp;", "&")  # what they typed, given back to them
    assert stored(store) == []


@pytest.mark.parametrize("fields, message", [
    ({"notify": "ftp://example.org/x"}, "notification URL"),
    ({"digest": "weekly"}, "unknown digest"),
    ({"updates": "sometimes"}, "unknown updates mode"),
    ({"query": "   "}, "type the query"),
])
def test_refused_options_are_422_inline(client, store, fields, message):
    response = create_form(client, **fields)
    assert response.status_code == 422
    assert message in re.search(r'data-form-error>([^<]*)<', response.text).group(1)
    assert stored(store) == []


def test_preview_button_lists_past_matches_without_javascript(client, news):
    response = client.post("/subscriptions", data={"csrf_token": csrf(client), "action": "preview",
                                                   "query": 'entity:"Keir Starmer"', "name": "kept"})
    assert response.status_code == 200
    titles = re.findall(r'class="preview-title" href="/articles/\d+">([^<]*)<', response.text)
    assert len(titles) == 2 and all("Starmer" in t or "Kremlin" in t for t in titles)
    assert "Earthquake" not in "".join(titles)
    assert "matched entities Keir Starmer" in response.text and 'value="kept"' in response.text
    assert stored(news) == []  # previewing creates nothing


def test_preview_button_with_a_bad_query_shows_the_error_inline(client):
    response = client.post("/subscriptions", data={"csrf_token": csrf(client), "action": "preview", "query": "ceasefire AND"})
    assert response.status_code == 400
    assert re.search(r'data-preview-error>([^<]+)<', response.text)


def test_preview_api_answers_matches_newest_first_with_reasons_and_links(client, news):
    answer = client.get("/api/subscriptions/preview", params={"q": 'entity:"Keir Starmer"'})
    assert answer.status_code == 200
    items = answer.json()["items"]
    assert [i["title"] for i in items] == ["Kremlin will study Starmer's ceasefire plan", "Starmer urges Putin to sign a ceasefire"]
    assert items[1]["reason"]["entities"] == ["Keir Starmer"] and items[1]["reason"]["quote"]["speaker"] == "Keir Starmer"
    assert items[0]["links"] == {"self": f"/api/documents/{items[0]['id']}", "html": f"/articles/{items[0]['id']}",
                                 "story": f"/stories/{items[0]['story_id']}"}
    assert client.get("/api/subscriptions/preview", params={"q": "volcano"}).json()["items"] == []


def test_preview_api_errors_are_error_objects(client):
    assert_error(client.get("/api/subscriptions/preview", params={"q": "ceasefire AND"}), 400, "invalid_query")
    assert_error(client.get("/api/subscriptions/preview"), 422, "invalid_input")
    assert_error(client.get("/api/subscriptions/preview", params={"q": "x", "limit": 0}), 422, "invalid_input")


def test_pausing_and_resuming_through_the_forms(client, store):
    sub_id = created_id(create_form(client))
    token = csrf(client)
    response = client.post(f"/subscriptions/{sub_id}/pause", data={"csrf_token": token, "paused": "1", "back": "list"})
    assert response.status_code == 303 and response.headers["location"] == "/subscriptions?notice=paused"
    assert AlertStore(store).get_subscription(sub_id).paused is True
    assert "Resume" in client.get("/subscriptions").text
    client.post(f"/subscriptions/{sub_id}/pause", data={"csrf_token": token, "paused": "0"})
    assert AlertStore(store).get_subscription(sub_id).paused is False


def test_pause_delete_test_and_edit_refuse_a_missing_csrf_token(client, store):
    sub_id = created_id(create_form(client, notify=SECRET_HOOK))
    for action, data in (("pause", {"paused": "1"}), ("delete", {}), ("test", {}), ("edit", {"query": "truce"})):
        response = client.post(f"/subscriptions/{sub_id}/{action}", data={"csrf_token": "", **data})
        assert response.status_code == 403, action
    sub = AlertStore(store).get_subscription(sub_id)
    assert (sub.paused, sub.query) == (False, "ceasefire")
    assert AlertStore(store).alerts() == []


def test_deleting_through_the_form_removes_it(client, store):
    sub_id = created_id(create_form(client))
    response = client.post(f"/subscriptions/{sub_id}/delete", data={"csrf_token": csrf(client)})
    assert response.status_code == 303 and response.headers["location"] == "/subscriptions?notice=deleted"
    assert stored(store) == []
    assert client.get(f"/subscriptions/{sub_id}").status_code == 404
    assert client.post(f"/subscriptions/{sub_id}/delete", data={"csrf_token": csrf(client)}).status_code == 404


def test_test_send_delivers_to_a_working_channel_and_reports_sent(client, store):
    with WebhookReceiver() as receiver:
        sub_id = created_id(create_form(client, name="Desk", notify=receiver.channel()))
        response = client.post(f"/subscriptions/{sub_id}/test", data={"csrf_token": csrf(client)})
        assert response.status_code == 303
        page = client.get(response.headers["location"]).text
        [received] = receiver.received
    assert received.body["type"] == "test" and received.body["subscription"]["id"] == sub_id
    assert received.headers["idempotency-key"] == received.body["idempotency_key"]
    result = re.search(r'class="panel test-result".*?</div>', page, re.S).group(0)
    assert "status-sent" in result and f"json://127.0.0.1:{receiver.port}/hook" in result


def test_test_send_to_a_dead_channel_reports_the_error_and_logs_it(client, store):
    sub_id = created_id(create_form(client, notify=SECRET_HOOK))
    response = client.post(f"/subscriptions/{sub_id}/test", data={"csrf_token": csrf(client)})
    page = client.get(response.headers["location"]).text
    result = re.search(r'class="panel test-result".*?</div>', page, re.S).group(0)
    assert "status-retrying" in result and "Connection refused" in result and "s3cret" not in page
    [logged] = AlertStore(store).alerts(subscription_id=sub_id)
    assert (logged.kind, logged.status, logged.attempts) == ("test", "retrying", 1)


def test_test_send_without_channels_is_explained(client):
    sub_id = created_id(create_form(client))
    response = client.post(f"/subscriptions/{sub_id}/test", data={"csrf_token": csrf(client)})
    assert response.status_code == 422 and "no notification channels" in response.text


def test_editing_changes_the_query_and_keeps_channels_unless_replaced(client, store):
    sub_id = created_id(create_form(client, notify=SECRET_HOOK))
    token = csrf(client)
    data = {"csrf_token": token, "query": "truce", "name": "Truce", "notify": "", "updates": "new-stories", "digest": "none"}
    response = client.post(f"/subscriptions/{sub_id}/edit", data=data)
    assert response.status_code == 303 and response.headers["location"].endswith("?notice=saved")
    sub = AlertStore(store).get_subscription(sub_id)
    assert (sub.query, sub.name, sub.updates, sub.notify) == ("truce", "Truce", "new-stories", [SECRET_HOOK])
    client.post(f"/subscriptions/{sub_id}/edit", data={**data, "clear_channels": "1"})
    assert AlertStore(store).get_subscription(sub_id).notify == []


def test_editing_with_a_bad_query_shows_the_error_and_changes_nothing(client, store):
    sub_id = created_id(create_form(client))
    response = client.post(f"/subscriptions/{sub_id}/edit", data={"csrf_token": csrf(client), "query": "truce AND",
                                                                  "updates": "all", "digest": "none"})
    assert response.status_code == 400 and re.search(r'data-form-error>([^<]+)<', response.text)
    assert 'value="truce AND"' in response.text
    assert AlertStore(store).get_subscription(sub_id).query == "ceasefire"


def test_an_edited_query_is_what_new_articles_are_matched_against(client, store):
    sub_id = created_id(create_form(client, query="volcano"))
    first = client.post("/api/documents", json={"title": "Volcano", "text": "A volcano erupted in Iceland on Sunday night."})
    assert first.status_code == 201  # the app's matcher now holds the query as it was
    client.post(f"/subscriptions/{sub_id}/edit", data={"csrf_token": csrf(client), "query": 'entity:"Keir Starmer"',
                                                       "updates": "all", "digest": "none"})
    pushed = client.post("/api/documents", json={"title": "Starmer speaks", "text": "Keir Starmer spoke in London on Monday about the ceasefire talks.",
                                                 "source": "Wire"})
    assert pushed.status_code == 201, pushed.text
    assert [str(m.article_id) for m in AlertStore(store).matches(sub_id)] == [pushed.json()["id"], first.json()["id"]]


def test_the_forms_need_the_api_token_when_one_is_set(serve, settings, store):
    client = serve(settings.with_overrides(api_token="t0ken"), store)
    page = client.get("/subscriptions").text
    assert 'name="api_token"' in page
    refused = create_form(client)
    assert refused.status_code == 401 and "API token" in refused.text and stored(store) == []
    sub_id = created_id(create_form(client, api_token="t0ken"))
    token = csrf(client)
    assert client.post(f"/subscriptions/{sub_id}/pause", data={"csrf_token": token}).status_code == 401
    assert client.post(f"/subscriptions/{sub_id}/delete", data={"csrf_token": token, "api_token": "nope"}).status_code == 401
    assert client.post(f"/subscriptions/{sub_id}/pause", data={"csrf_token": token, "api_token": "t0ken"}).status_code == 303


def test_alert_log_pages_show_story_channel_status_attempts_and_error(client, store, news):
    sub_id = created_id(create_form(client, name="Desk", notify=SECRET_HOOK))
    alert_store = AlertStore(store)
    story_id = store.stories()[0].id
    alert_store.enqueue([NewAlert(key="k1", kind="alert", subscription_id=sub_id, channel=SECRET_HOOK,
                                  story_id=story_id, article_id=1,
                                  payload={"story": {"title": "Ceasefire story"}, "article": {"title": "First report"}})])
    now = datetime.now(timezone.utc)
    [claimed] = alert_store.claim_due(now=now)
    alert_store.mark_failed_attempt(claimed, "webhook answered HTTP 503", now=now)
    for path in ("/alerts", f"/subscriptions/{sub_id}"):
        page = client.get(path).text
        row = re.search(r'<tr class="alert-row status-retrying".*?</tr>', page, re.S).group(0)
        assert f'href="/stories/{story_id}">Ceasefire story</a>' in row and 'href="/articles/1">First report</a>' in row
        assert "json://127.0.0.1:9/hook" in row and "s3cret" not in page
        assert 'class="num">1</td>' in row and "webhook answered HTTP 503" in row
    assert "Desk" in client.get("/alerts").text
    assert "alert-row" not in client.get("/alerts", params={"status": "sent"}).text
    assert "alert-row" in client.get(f"/subscriptions/{sub_id}", params={"status": "retrying"}).text


def test_alert_log_refuses_an_unknown_status_and_unknown_subscriptions(client):
    assert client.get("/alerts", params={"status": "lost"}).status_code == 422
    assert client.get("/subscriptions/999").status_code == 404
    assert client.get("/subscriptions/abc").status_code == 422


def test_script_in_a_subscription_name_is_escaped(client, store):
    hostile = '<script>window.pwned=1</script><img src=x onerror=alert(1)>'
    sub_id = created_id(create_form(client, name=hostile, query='"<b>ceasefire</b>"'))
    for path in ("/subscriptions", f"/subscriptions/{sub_id}", "/alerts"):
        page = client.get(path).text
        assert "<script>window" not in page and "<img src=x" not in page and "<b>ceasefire" not in page, path
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in client.get("/subscriptions").text


def test_api_test_send_answers_each_channel_outcome(client):
    with WebhookReceiver() as receiver:
        sub = client.post("/api/subscriptions", json={"query": "x", "notify": [receiver.channel(), SECRET_HOOK]}).json()
        answer = client.post(f"/api/subscriptions/{sub['id']}/test", json={})
        assert answer.status_code == 200, answer.text
        assert len(receiver.received) == 1
    outcomes = {item["channel"]: item["status"] for item in answer.json()["items"]}
    assert outcomes == {f"json://127.0.0.1:{receiver.port}/hook": "sent", "json://127.0.0.1:9/hook": "retrying"}
    assert "s3cret" not in answer.text


def test_api_test_send_errors(client, serve):
    bare = client.post("/api/subscriptions", json={"query": "x"}).json()
    assert_error(client.post(f"/api/subscriptions/{bare['id']}/test", json={}), 422, "invalid_input")
    assert_error(client.post("/api/subscriptions/999/test", json={}), 404, "not_found")
    assert_error(client.post(f"/api/subscriptions/{bare['id']}/test", data={"a": "b"}), 415, "unsupported_media_type")


def test_api_patch_edits_fields_and_validates_them(client):
    sub = client.post("/api/subscriptions", json={"query": "x", "notify": [SECRET_HOOK], "name": "Old"}).json()
    edited = client.patch(f"/api/subscriptions/{sub['id']}", json={"query": "truce", "digest": "daily", "name": ""})
    assert edited.status_code == 200, edited.text
    body = edited.json()
    assert (body["query"], body["digest"], body["name"], body["notify"]) == ("truce", "daily", None, ["json://127.0.0.1:9/hook"])
    assert_error(client.patch(f"/api/subscriptions/{sub['id']}", json={"query": "truce AND"}), 400, "invalid_query")
    assert_error(client.patch(f"/api/subscriptions/{sub['id']}", json={"updates": "sometimes"}), 422, "invalid_input")
    assert_error(client.patch(f"/api/subscriptions/{sub['id']}", json={}), 422, "invalid_input")
    assert client.get(f"/api/subscriptions/{sub['id']}").json()["query"] == "truce"


def test_new_endpoints_are_in_the_openapi_schema(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert "get" in paths["/api/subscriptions/preview"] and "post" in paths["/api/subscriptions/{subscription_id}/test"]


def test_subscription_pages_work_on_both_engines(db_url, settings, serve):
    with Store.open(db_url) as store:
        store.add_document(ceasefire_document())
        cluster(store)
        client = serve(settings.with_overrides(db=db_url), store)
        sub_id = created_id(create_form(client, query='entity:"Keir Starmer"', notify=SECRET_HOOK))
        client.post(f"/subscriptions/{sub_id}/test", data={"csrf_token": csrf(client)})
        assert "alert-row status-retrying" in client.get("/alerts").text
        assert "1 retrying" in client.get("/subscriptions").text
        preview = client.get("/api/subscriptions/preview", params={"q": 'entity:"Keir Starmer"'}).json()
        assert len(preview["items"]) == 1

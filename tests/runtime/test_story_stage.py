"""The story stage over a real store: assignment in arrival order, persisted, restart-proof."""

from __future__ import annotations

import json

from wirewatch.config import Settings
from wirewatch.ingest import ingest
from wirewatch.runtime.story_stage import StoryStage
from wirewatch.store import Store

SETTINGS = Settings(allow_private_urls=True, host_delay=0)


def assignments(store: Store) -> dict[str, tuple[str, str]]:
    """record or store id -> (story id, role), for every assigned article."""
    result = {}
    for story in store.stories(limit=1000):
        for item in story.data["articles"]:
            result[item.get("record_id") or item["title"]] = (story.id, item["role"])
    return result


def test_samples_group_into_stories_with_copies_marked(samples, db_url):
    with Store.open(db_url) as store:
        summary = ingest([str(samples)], store=store, settings=SETTINGS)
        assert summary.ingested == 10
        story_of = {title: sid for title, (sid, _) in assignments(store).items()}
        roles = {title: role for title, (_, role) in assignments(store).items()}
    ceasefire = story_of["wire-20250317-zelenskyy-sanctions"]
    assert story_of["baltic-post-20250316-kremlin"] == ceasefire
    assert story_of["Starmer urges Putin to prove he is serious about peace by signing a ceasefire in Ukraine"] == ceasefire
    assert roles["baltic-post-20250316-kremlin"] == "copy"
    assert roles["wire-20250317-zelenskyy-sanctions"] == "development"
    # same kind of event, different event: two earthquakes stay apart; unrelated stays apart
    crete = story_of["Magnitude 6.1 earthquake shakes Crete, damaging old town buildings"]
    peru = story_of["Strong earthquake hits southern Peru, cutting roads in Arequipa"]
    ferry = story_of["wire-20250319-ferry-strike"]
    assert len({ceasefire, crete, peru, ferry}) == 4


def test_copy_counts_in_ingest_summary(samples, db_url):
    with Store.open(db_url) as store:
        summary = ingest([str(samples)], store=store, settings=SETTINGS)
    assert summary.copies == 1
    assert summary.new_stories + summary.developments + summary.copies == summary.ingested


def test_restart_changes_no_assignment(samples, tmp_path, db_url):
    """Ingest in two runs with a fresh stage (new process) each time, with and without a snapshot."""
    records = (samples / "records.jsonl").read_text().splitlines()
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("\n".join(records[:2]) + "\n")
    second.write_text("\n".join(records[2:]) + "\n")
    with Store.open(db_url) as store:
        ingest([str(samples / "articles"), str(first)], store=store, settings=SETTINGS)
        before = assignments(store)
        ingest([str(samples / "feeds"), str(second), str(samples / "ceasefire-article.txt")],
               store=store, settings=SETTINGS, stage=StoryStage(store, save_every=10_000))
        after = assignments(store)
    assert {k: v for k, v in after.items() if k in before} == before

    # the same articles in one uninterrupted run give the same stories
    with Store.open(f"sqlite:///{tmp_path / 'one-run.db'}") as other:
        ingest([str(samples / "articles"), str(first), str(samples / "feeds"), str(second),
                str(samples / "ceasefire-article.txt")], store=other, settings=SETTINGS)
        assert assignments(other) == after


def test_articles_stored_by_an_interrupted_run_are_assigned_next_time(samples, db_url):
    with Store.open(db_url) as store:
        stage = StoryStage(store)
        # store without running the stage, as if the process died right after storing
        from wirewatch.pipeline import analyse_item
        from wirewatch.sources import iter_items

        for item in iter_items(str(samples / "articles")):
            store.add_document(analyse_item(item, settings=SETTINGS).document)
        assert store.count_stories() == 0
        updates = stage.run()
        assert len(updates) == 3 and store.count_stories() == 3
        assert stage.run() == []  # nothing assigned twice


def test_two_stages_on_one_store_never_disagree(samples, db_url):
    """A second process (its own in-memory engine) catches up from the log before assigning."""
    with Store.open(db_url) as store:
        one, two = StoryStage(store), StoryStage(store)
        ingest([str(samples / "articles")], store=store, settings=SETTINGS, stage=one)
        ingest([str(samples / "records.jsonl")], store=store, settings=SETTINGS, stage=two)
        ingest([str(samples / "feeds")], store=store, settings=SETTINGS, stage=one)
        log = [(entry.seq, entry.document_id) for entry in _log(store)]
    assert [seq for seq, _ in log] == list(range(1, len(log) + 1))
    assert len({doc for _, doc in log}) == len(log) == 9


def _log(store):
    with store.story_session() as session:
        return session.log_after(0)


def test_story_json_has_the_documented_fields(samples, db_url):
    with Store.open(db_url) as store:
        ingest([str(samples)], store=store, settings=SETTINGS)
        story = store.stories(limit=1)[0].to_dict()
    json.dumps(story)
    assert {"id", "title", "articles", "sources", "first_seen", "last_seen", "summary", "entities",
            "velocity"} <= set(story)
    assert all({"id", "role"} <= set(a) for a in story["articles"])


def test_an_empty_article_does_not_stop_the_stage(db_url):
    """Regression: a stored article with neither title nor text raised in the engine on every run,
    so no later article was ever assigned a story."""
    from wirewatch.document import Document

    empty = Document(id="empty-page", url="https://news.example/empty", title="", text="")
    real = Document(id="real", url="https://news.example/real", title="Ferry strike halts crossings",
                    text="Ferry crews walked out on Tuesday, halting crossings to the islands.")
    with Store.open(db_url) as store:
        store.add_documents([(empty, None, None, None), (real, None, None, None)])
        updates = StoryStage(store).run()
        assert [u.role for u in updates] == ["original", "original"]
        assert len({u.story_id for u in updates}) == 2
        assert StoryStage(store).run() == []  # nothing left pending on the next run


def test_story_records_list_every_member_when_two_stages_take_turns(db_url):
    """Each stage keeps the log of the stories it touched in memory: the other stage's
    assignments in between must still reach every record it rebuilds."""
    from wirewatch.document import Document

    text = ("The city council of Lund approved a new cycle bridge over the railway on Monday, after "
            "two years of debate about its cost and the trees that will be felled for it.")
    documents = [Document(id=f"r{n}", url=f"https://news{n}.example/bridge", title="Lund approves bridge",
                          text=text + f" Reported by outlet number {n}.", source=f"news{n}.example")
                 for n in range(8)]
    with Store.open(db_url) as store:
        store.add_documents([(document, None, None, None) for document in documents])
        stages = [StoryStage(store), StoryStage(store)]
        for turn in range(len(documents)):
            assert len(stages[turn % 2].run(limit=1)) == 1
        log = _log(store)
        [story] = store.stories(limit=10)
    assert {entry.story_id for entry in log} == {story.id}
    assert [item["record_id"] for item in story.data["articles"]] == [f"r{n}" for n in range(8)]

"""An article's alerts commit with its story assignment: both or neither."""

from __future__ import annotations

import pytest

from wirewatch.alerts import AlertStore, validate_subscription
from wirewatch.config import Settings
from wirewatch.document import Document
from wirewatch.runtime.alerting import Alerting
from wirewatch.runtime.story_stage import StoryStage
from wirewatch.store import Store


class Crash(Exception):
    pass


def test_alerts_roll_back_with_the_story_assignment_and_are_queued_on_the_retry(db_url):
    settings = Settings(allow_private_urls=True, host_delay=0)
    with Store.open(db_url) as store:
        alert_store = AlertStore(store)
        alert_store.add_subscription(validate_subscription("ceasefire", ["json://127.0.0.1:9/hook"],
                                                           allow_private=True))
        stored = store.add_document(Document(title="Ceasefire agreed", text="The sides agreed a ceasefire."))
        alerting = Alerting(store, settings)

        def crash_after_alerts(within, article, update):
            alerting.on_assigned(within, article, update)
            raise Crash  # the process dies before the story stage commits

        with pytest.raises(Crash):
            StoryStage(store).run(on_assigned=crash_after_alerts)
        assert alerting.queued == 1  # decided and written inside the transaction ...
        assert alert_store.alerts() == [] and store.story_of(stored.id) is None  # ... and rolled back
        StoryStage(store).run(on_assigned=alerting.on_assigned)
        [alert] = alert_store.alerts()
        assert store.story_of(stored.id) is not None and alert.article_id == stored.id


def test_articles_before_a_failing_one_stay_assigned_and_the_failure_is_raised_at_it(db_url):
    # The stage assigns a run's articles in one transaction; when one fails, those before it
    # still commit (each in its own), as when every article had its own transaction.
    with Store.open(db_url) as store:
        ids = [store.add_document(Document(title=f"Report {n}", text=f"Report number {n} on the {word} talks."))
               .id for n, word in enumerate(["harbour", "border", "budget"])]

        def crash_at_the_second(within, article, update):
            if article.id == ids[1]:
                raise Crash

        with pytest.raises(Crash):
            StoryStage(store).run(on_assigned=crash_at_the_second)
        assert [store.story_of(i) is not None for i in ids] == [True, False, False]
        StoryStage(store).run()
        assert all(store.story_of(i) is not None for i in ids)

"""A service's long plain-text push is read by its NER models side by side in two analysis
processes, then analysed with those readings: the same article as an analysis in one piece."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from wirewatch.config import Settings
from wirewatch.document import SourceItem
from wirewatch.runtime.analysis import analyse_article, read_entities
from wirewatch.runtime.pushes import SIDE_BY_SIDE_CHARS, PushAnalysis

PARAGRAPHS = [
    "BRUSSELS – European Union ministers agreed on Tuesday to extend sanctions on Belarus for another "
    "year, the bloc's foreign policy chief Kaja Kallas told reporters after a meeting in Brussels.",
    "\"We will not look away while political prisoners stay behind bars,\" Kallas said. She added that "
    "Lithuania and Poland had asked for the measures to cover more state companies.",
    "Belarusian opposition leader Sviatlana Tsikhanouskaya welcomed the decision. Speaking in Vilnius, "
    "Tsikhanouskaya said the sanctions were \"a signal that Europe has not forgotten\" those arrested.",
    "Hungary's foreign minister, Péter Szijjártó, had threatened to block the extension but withdrew his "
    "objection after talks with the European Commission, two diplomats said.",
    "Minsk condemned the move. A spokesman for the Belarusian foreign ministry, Ruslan Varankov, called "
    "it \"economic warfare\" and said Belarus would answer with measures of its own.",
]
LONG = "EU extends Belarus sanctions\n\n" + "\n\n".join(PARAGRAPHS * 3)


@pytest.fixture(scope="module")
def pushes() -> Iterator[PushAnalysis]:
    analysis = PushAnalysis(Settings(analysis_workers=2))
    analysis.warm()
    yield analysis
    analysis.close()


def item(text: str) -> SourceItem:
    return SourceItem(content=text, content_type="text/plain", id="belarus", origin="api")


def test_a_long_push_is_read_side_by_side_and_analysed_as_in_one_piece(pushes, monkeypatch):
    assert len(LONG) >= SIDE_BY_SIDE_CHARS
    batches: list[list] = []
    call_each = pushes.pool.call_each

    def recording(calls, **kwargs):
        batches.append([fn for fn, _ in calls])
        return call_each(calls, **kwargs)

    monkeypatch.setattr(pushes.pool, "call_each", recording)
    settings = Settings(analysis_workers=2)
    split = pushes.analyse_article(item(LONG), settings, frozenset())
    whole = analyse_article(item(LONG), settings, frozenset())
    assert batches[0] == [read_entities, read_entities]  # two readings at once, then the analysis
    assert split.document == whole.document and split.document.entities and split.document.quotes
    assert pushes.pool.in_flight == 0


def test_a_short_push_is_one_job(pushes, monkeypatch):
    batches: list[list] = []
    call_each = pushes.pool.call_each
    monkeypatch.setattr(pushes.pool, "call_each", lambda calls, **kw: batches.append([f for f, _ in calls])
                        or call_each(calls, **kw))
    pushes.analyse_article(item(PARAGRAPHS[0]), Settings(analysis_workers=2), frozenset())
    assert batches == [[analyse_article]]


def test_unusable_input_is_reported_by_the_analysis(pushes):
    from wirewatch.errors import InputError

    with pytest.raises(InputError):
        pushes.analyse_article(SourceItem(content=b"\x00" * 4000, content_type="text/plain", origin="api"),
                               Settings(analysis_workers=2), frozenset())

"""A copy that rewrites a stored article word for word is flagged as a suspected machine translation.

Regression: analysis judges each article alone, and a round-trip translated copy of a wire story
that garbles each name consistently shows little evidence on its own (36.5% of MT-style copies
flagged); the original the story stage matches it to shows the rewrite plainly. Reprints,
republished wire copy with a site's name in the title, and updates must stay unflagged.
"""

from __future__ import annotations

from pathlib import Path

from wirewatch.config import Settings
from wirewatch.ingest import ingest
from wirewatch.store import Store

from .river_texts import REPRINT_TITLE, TITLE, TRANSLATED, TRANSLATED_TITLE, UPDATE, WIRE

SETTINGS = Settings(host_delay=0)


def _write(folder: Path, name: str, title: str, text: str) -> str:
    path = folder / name
    path.write_text(f"{title}\n\n{text}\n", encoding="utf-8")
    return str(path)


def _flags(store: Store, ids: list[int]) -> list[tuple[bool, list[str]]]:
    found = []
    for key in ids:
        quality = store.get_document(key).document.quality
        found.append((quality.machine_translation_suspected, quality.signals))
    return found


def test_translated_copy_of_a_stored_article_is_flagged_with_its_original(tmp_path, db_url):
    wire = _write(tmp_path, "1-wire.txt", TITLE, WIRE)
    copy = _write(tmp_path, "2-translated.txt", TRANSLATED_TITLE, TRANSLATED)
    with Store.open(db_url) as store:
        first = ingest([wire], store=store, settings=SETTINGS)
        second = ingest([copy], store=store, settings=SETTINGS)
        assert second.copies == 1
        (original_flag, _), (flagged, signals) = _flags(store, first.ids + second.ids)
        assert not original_flag
        assert flagged
        rewrite = [signal for signal in signals if signal.startswith("rewrites article")]
        assert rewrite and f"article {first.ids[0]}" in rewrite[0] and "Maasland / Maaslant" in rewrite[0]


def test_translated_copy_is_flagged_after_a_restart(tmp_path):
    """The flag is decided by the story stage, which a new process restores from the store."""
    wire = _write(tmp_path, "1-wire.txt", TITLE, WIRE)
    copy = _write(tmp_path, "2-translated.txt", TRANSLATED_TITLE, TRANSLATED)
    url = f"sqlite:///{tmp_path}/river.db"
    with Store.open(url) as store:
        ingest([wire], store=store, settings=SETTINGS)
    with Store.open(url) as store:
        summary = ingest([copy], store=store, settings=SETTINGS)
        assert _flags(store, summary.ids)[0][0]


def test_reprint_with_site_name_and_update_are_not_flagged(tmp_path):
    wire = _write(tmp_path, "1-wire.txt", TITLE, WIRE)
    reprint = _write(tmp_path, "2-reprint.txt", REPRINT_TITLE, WIRE.replace("(AP) —", "(AP) -"))
    update = _write(tmp_path, "3-update.txt", TITLE, UPDATE)
    with Store.open(f"sqlite:///{tmp_path}/river.db") as store:
        summary = ingest([wire, reprint, update], store=store, settings=SETTINGS)
        assert summary.ingested == 3
        assert [flag for flag, _ in _flags(store, summary.ids)] == [False, False, False]

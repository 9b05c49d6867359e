"""The story stage's machine-translation evidence is shown where an editor reads the article."""

from __future__ import annotations

from wirewatch.ingest import ingest

# tests/stories is on the path as the package `stories` (its parent folder has no __init__.py)
from stories.river_texts import TITLE, TRANSLATED, TRANSLATED_TITLE, WIRE


def test_rewritten_copy_shows_its_flag_and_original_in_page_list_and_api(client, store, settings, tmp_path):
    wire, copy = tmp_path / "1-wire.txt", tmp_path / "2-translated.txt"
    wire.write_text(f"{TITLE}\n\n{WIRE}\n", encoding="utf-8")
    copy.write_text(f"{TRANSLATED_TITLE}\n\n{TRANSLATED}\n", encoding="utf-8")
    original_id = ingest([str(wire)], store=store, settings=settings).ids[0]
    copy_id = ingest([str(copy)], store=store, settings=settings).ids[0]
    page = client.get(f"/articles/{copy_id}").text
    assert "machine translation suspected" in page and f"rewrites article {original_id} word for word" in page
    quality = client.get(f"/api/documents/{copy_id}").json()["quality"]
    assert quality["machine_translation_suspected"] and any(
        signal.startswith(f"rewrites article {original_id}") for signal in quality["signals"])
    assert "machine translation suspected" not in client.get(f"/articles/{original_id}").text
    assert client.get("/articles").text.count('<span class="flag">machine translation suspected</span>') == 1  # the list

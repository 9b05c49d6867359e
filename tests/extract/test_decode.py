"""Bytes -> text: lying declarations, meta-only charsets, BOMs; binary and empty input refused."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, strategies as st

from wirewatch.document import SourceItem
from wirewatch.errors import InputError
from wirewatch.extract import extract
from wirewatch.extract.decode import MAX_INPUT_BYTES, decode_bytes, looks_like_html, to_text

PARAGRAPH = "Café owners in Zürich said the new rules would cost them dearly, the mayor’s office confirmed on Monday."


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}<title>Café rules</title></head><body><article><p>{body}</p><p>{body}</p></article></body></html>"


def test_windows_1252_page_declared_as_utf8_is_decoded_by_its_real_encoding():
    data = page(PARAGRAPH).encode("cp1252")
    assert decode_bytes(data, "text/html; charset=utf-8").count("Café owners in Zürich") == 2


def test_meta_charset_alone_decides_the_encoding():
    data = page(PARAGRAPH, head='<meta charset="iso-8859-1">').encode("latin-1", errors="replace")
    assert "Zürich" in decode_bytes(data, "text/html")


def test_http_charset_wins_over_a_wrong_meta_charset_when_it_decodes():
    html = '<html><head><meta charset="utf-8"></head><body><p>Привет мир, сказал он</p></body></html>'
    data = html.encode("koi8-r")
    assert "Привет мир" in decode_bytes(data, "text/html; charset=koi8-r")


@pytest.mark.parametrize("bom, encoding", [
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
])
def test_byte_order_mark_decides_the_encoding(bom, encoding):
    text = decode_bytes(bom + page(PARAGRAPH).encode(encoding), "text/html; charset=iso-8859-1")
    assert text.startswith("<html>") and "Zürich" in text


def test_mojibake_is_repaired_in_the_article_text():
    garbled = PARAGRAPH.encode("utf-8").decode("cp1252")
    result = extract(SourceItem(content=f"Rules\n\n{garbled}\n", content_type="text/plain"))
    assert "Café owners in Zürich" in result.text


@pytest.mark.parametrize("content", [b"", b"   \n\t ", "", "  \n "])
def test_empty_input_is_refused(content):
    with pytest.raises(InputError, match="empty"):
        extract(SourceItem(content=content))


@pytest.mark.parametrize("content", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
    b"%PDF-1.7\n\x00\x01\x02\x03binary",
    bytes(range(256)) * 4,
])
def test_binary_input_is_refused(content):
    with pytest.raises(InputError, match="binary"):
        extract(SourceItem(content=content))


def test_input_over_the_size_cap_is_refused():
    with pytest.raises(InputError, match="limit"):
        to_text(b"a" * (MAX_INPUT_BYTES + 1))


def test_html_is_sniffed_without_a_content_type():
    assert looks_like_html("<!DOCTYPE html><html><body><p>x</p></body></html>")
    assert not looks_like_html("Plain words, even with a < sign and a > sign.")


def test_declared_plain_text_is_not_parsed_as_html():
    assert not looks_like_html("<p>quoted markup in a text file</p>", "text/plain")


@given(st.binary(max_size=2000))
def test_any_bytes_give_text_or_a_clear_input_error(data):
    try:
        assert isinstance(to_text(data), str)
    except InputError as exc:
        assert "\n" not in str(exc)


# --- transfer damage does not cost a page its declared encoding ---------------------------------

GERMAN = "Die Bürgermeisterin von Köln sagte, die Straßenbahn fahre ab Mai wieder über die Brücke. "
CZECH = "Starosta Plzně řekl, že nová tramvajová trať bude hotová do září příštího roku. "
JAPANESE = "東京都の知事は、新しい路線が来年の春に開業すると述べた。"
# Text as pages hold it: no control characters (stripped before decoding) and no surrogates.
_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=300)


def as_page(text: str) -> bytes:
    return f"<html><body><p>{text}</p></body></html>".encode("utf-8")


def with_strays(text: str, strays: list[tuple[int, int]]) -> bytes:
    """`text` in UTF-8 with stray bytes between characters, never two in one gap (two stray
    bytes side by side can form a valid character themselves)."""
    gaps = {position % (len(text) + 1): byte for position, byte in strays}
    return b"".join(
        (bytes([gaps[i]]) if i in gaps else b"") + character.encode("utf-8")
        for i, character in enumerate(text + "\0")
    )[:-1]


@pytest.mark.parametrize("text", [GERMAN * 5, CZECH * 5, JAPANESE * 5, (GERMAN + CZECH + JAPANESE) * 3])
@pytest.mark.parametrize("content_type", ["text/html; charset=utf-8", "text/html"])
def test_a_page_cut_inside_its_last_character_keeps_utf8(text, content_type):
    data = (GERMAN + text).encode("utf-8")
    for end in range(len(data) - 3, len(data)):
        decoded = decode_bytes(data[:end], content_type)
        # Exactly the characters that arrived whole, nothing guessed, nothing replaced.
        assert decoded == data[:end].decode("utf-8", errors="ignore")
        assert (GERMAN + text).startswith(decoded)


@pytest.mark.parametrize("text", [GERMAN * 3, CZECH * 3, JAPANESE * 3])
def test_one_stray_byte_keeps_the_declared_utf8(text):
    head, tail = text[: len(text) // 2].encode("utf-8"), text[len(text) // 2 :].encode("utf-8")
    for stray in (b"\x80", b"\xe9", b"\xc3", b"\xff"):
        decoded = decode_bytes(head + stray + tail, "text/html; charset=utf-8")
        assert decoded.replace("\ufffd", "") == text


def test_a_czech_page_with_a_stray_byte_is_not_read_as_a_mac_code_page():
    data = as_page(CZECH * 30)
    damaged = data[:200] + b"\x9a" + data[200:]
    decoded = decode_bytes(damaged, "text/html; charset=utf-8")
    assert decoded.count("Plzně") == 30
    assert decode_bytes(damaged, "text/html").count("Plzně") == 30  # undeclared: rare damage among many characters


@given(text=_TEXT, cut=st.integers(min_value=1, max_value=3))
def test_valid_utf8_with_a_truncated_tail_decodes_as_utf8(text, cut):
    full = "<p>" + text
    data = full.encode("utf-8")
    data = data[: len(data) - cut]
    decoded = decode_bytes(data, "text/html; charset=utf-8")
    # Everything but the cut-off tail is intact: the whole characters that arrived, in order.
    assert decoded == data.decode("utf-8", errors="ignore")
    assert full.startswith(decoded)


@given(text=_TEXT, strays=st.lists(st.tuples(st.integers(min_value=0), st.integers(0x80, 0xFF)), min_size=1, max_size=2))
def test_valid_utf8_with_a_few_stray_bytes_keeps_its_declared_utf8(text, strays):
    data = b"<p>" + with_strays(text, strays) + b"</p>"
    decoded = decode_bytes(data, "text/html; charset=utf-8")
    assert decoded.replace("\ufffd", "") == "<p>" + text.replace("\ufffd", "") + "</p>"


@given(
    text=st.lists(st.sampled_from([GERMAN, CZECH, JAPANESE]), min_size=10, max_size=30).map("".join),
    strays=st.lists(st.tuples(st.integers(min_value=0), st.integers(0x80, 0xFF)), min_size=3, max_size=5),
)
def test_long_text_with_several_stray_bytes_keeps_utf8_declared_or_not(text, strays):
    data = with_strays(text, strays)
    for content_type in ("text/html; charset=utf-8", "text/html"):
        assert decode_bytes(data, content_type).replace("\ufffd", "") == text


@pytest.mark.parametrize("encoding, text", [
    ("cp1252", "Le café de la gare a fermé ses portes après quarante années de service. " * 4),
    ("shift_jis", JAPANESE * 4),
    ("koi8-r", "Мэр города сказал, что новый мост откроют весной следующего года. " * 4),
])
def test_other_declared_encodings_survive_a_cut_tail_and_a_stray_byte(encoding, text):
    data = text.encode(encoding)
    declared = f"text/html; charset={encoding}"
    assert text.startswith(decode_bytes(data[:-1], declared)[:-2])
    damaged = data[:20] + b"\x81" + data[20:] if encoding == "cp1252" else data[:-1]
    decoded = decode_bytes(damaged, declared)
    assert decoded.replace("\ufffd", "").replace("\x81", "")[:60] == text[:60]

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

"""extract(): the sample article, HTML pages, plain text, recurring lines and unusable input."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from wirewatch.document import Dateline, SourceItem
from wirewatch.errors import InputError
from wirewatch.extract import Extracted, extract, line_key

LEDE = (
    "ROTTERDAM – The port of Rotterdam reopened on Monday after a three-day strike by dock workers "
    "ended with an agreement on pay and shorter shifts, the port authority said."
)
BODY = [
    "Ships that had waited at anchor off the coast began moving into the harbour before dawn, and "
    "officials expected the backlog of containers to clear by the end of the week.",
    "The union said its members had accepted a wage rise of 4 percent this year and another 3 "
    "percent next year, along with a limit on night shifts.",
    "Negotiations lasted through the weekend",
    "Employers said the deal was costly but necessary to keep Europe's largest port working, and that "
    "the agreement would run for two years before both sides return to the table.",
]
FOOTER = "The Harbour Times is an independent newspaper serving the coast since 1921."


def article_page(title: str = "Port reopens after three-day strike - Harbour Times", extra_head: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in [LEDE, *BODY[:2]]) + f"<h2>{BODY[2]}</h2><p>{BODY[3]}</p>"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:site_name" content="Harbour Times">
<meta property="article:published_time" content="2024-03-18T09:30:00+01:00">
<meta name="author" content="Anna de Vries">
<link rel="canonical" href="https://harbourtimes.example/port-reopens">{extra_head}</head>
<body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Port reopens after three-day strike</h1>{paragraphs}
<p>Advertisement</p><p>Share this article</p><p>{FOOTER}</p></article>
<footer><p>Contact us</p><p>© 2024 Harbour Times</p></footer></body></html>"""


def html_item(html: str, **kwargs) -> SourceItem:
    return SourceItem(content=html.encode("utf-8"), content_type="text/html; charset=utf-8", **kwargs)


# --- the sample article (acceptance) ----------------------------------------------------------

@pytest.fixture
def sample(shared) -> Extracted:
    data = (shared / "samples" / "ceasefire-article.txt").read_bytes()
    return extract(SourceItem(content=data, content_type="text/plain", origin="ceasefire-article.txt"))


def test_sample_title_has_the_site_name_split_off(sample):
    assert sample.title == "Starmer urges Putin to prove he is serious about peace by signing a ceasefire in Ukraine"
    assert sample.site_name == "State"


def test_sample_dateline_is_london_ap(sample):
    assert sample.dateline == Dateline(place="LONDON", agency="AP")
    assert sample.text.startswith("LONDON (AP) – British Prime Minister Keir Starmer")


def test_sample_newsletter_block_is_removed(sample):
    removed = {r.text: r.reason for r in sample.removed}
    assert removed["Get national news"] == "newsletter"
    assert any(t.startswith("For news that affects Canada") and r == "newsletter" for t, r in removed.items())
    assert "Get national news" not in sample.text
    assert "sign up for breaking news alerts" not in sample.text


def test_sample_section_headings_stay_as_paragraphs(sample):
    paragraphs = sample.text.split("\n\n")
    for heading in ("Ukrainian troops maintain peace", "There is no condition for a ceasefire", "“Good resonance from Russia”"):
        assert heading in paragraphs


def test_sample_language_is_english(sample):
    assert sample.language == "en"


# --- HTML ---------------------------------------------------------------------------------------

def test_html_title_uses_og_site_name_and_drops_its_echo_from_the_body():
    result = extract(html_item(article_page()))
    assert result.title == "Port reopens after three-day strike"
    assert result.site_name == "Harbour Times"
    assert not result.text.startswith("Port reopens")
    assert result.text.startswith("ROTTERDAM – The port of Rotterdam")


def test_html_metadata_is_read():
    result = extract(html_item(article_page()))
    assert result.published == datetime(2024, 3, 18, 8, 30, tzinfo=timezone.utc)
    assert result.authors == ["Anna de Vries"]
    assert result.canonical_url == "https://harbourtimes.example/port-reopens"
    assert result.language == "en"
    assert result.dateline == Dateline(place="ROTTERDAM", agency=None)


def test_html_body_keeps_headings_and_drops_in_body_boilerplate():
    result = extract(html_item(article_page()))
    paragraphs = result.text.split("\n\n")
    assert "Negotiations lasted through the weekend" in paragraphs
    assert "Advertisement" not in result.text
    assert {(r.text, r.reason) for r in result.removed} >= {("Advertisement", "advertisement"), ("Share this article", "share")}


def test_recurring_site_lines_are_removed_and_still_fingerprinted():
    result = extract(html_item(article_page()), recurring_lines={line_key(FOOTER)})
    assert FOOTER not in result.text
    assert ("site-recurring", FOOTER) in {(r.reason, r.text) for r in result.removed}
    assert line_key(FOOTER) in result.line_keys


def test_line_keys_cover_every_body_paragraph():
    result = extract(html_item(article_page()))
    for paragraph in result.text.split("\n\n"):
        assert line_key(paragraph) in result.line_keys


def test_source_title_wins_over_the_page_title():
    result = extract(html_item(article_page(), title="Rotterdam strike over | Harbour Times"))
    assert result.title == "Rotterdam strike over"


def test_html_fragment_from_a_feed_is_extracted():
    fragment = "".join(f"<p>{p}</p>" for p in [LEDE, *BODY])
    result = extract(SourceItem(content=fragment, title="Port reopens"))
    assert result.title == "Port reopens"
    assert "dock workers" in result.text


def test_page_without_article_text_is_refused():
    html = "<html><head><title>Home</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    with pytest.raises(InputError, match="no article text"):
        extract(html_item(html, origin="home.html"))


def test_truncated_html_is_refused():
    with pytest.raises(InputError):
        extract(html_item("<html><head><title>Cut"))


# --- plain text ---------------------------------------------------------------------------------

def test_plain_text_first_line_is_the_title():
    text = "Port reopens after three-day strike - Harbour Times\n\n" + "\n".join([LEDE, *BODY])
    result = extract(SourceItem(content=text, content_type="text/plain"))
    assert (result.title, result.site_name) == ("Port reopens after three-day strike", "Harbour Times")
    assert result.text.split("\n\n")[0] == LEDE


def test_plain_text_with_a_source_title_keeps_its_first_line_in_the_body():
    text = "\n".join([LEDE, *BODY])
    result = extract(SourceItem(content=text, content_type="text/plain", title="Port reopens"))
    assert result.title == "Port reopens"
    assert result.text.startswith("ROTTERDAM –")


def test_dateline_never_ends_up_in_the_title():
    text = "\n".join([LEDE, *BODY])
    result = extract(SourceItem(content=text, content_type="text/plain"))
    assert "ROTTERDAM" not in result.title
    assert result.title.startswith("The port of Rotterdam reopened")
    assert result.dateline == Dateline(place="ROTTERDAM", agency=None)


def test_hard_wrapped_paragraphs_are_unwrapped():
    wrapped = (
        "Port reopens\n\n"
        "Ships that had waited at anchor off the coast began moving into\n"
        "the harbour before dawn, and officials expected the backlog of\n"
        "containers to clear by the end of the week.\n\n"
        "The union said its members had accepted a wage rise.\n"
    )
    result = extract(SourceItem(content=wrapped, content_type="text/plain"))
    assert result.text.split("\n\n")[0].startswith("Ships that had waited at anchor off the coast began moving into the harbour")


def test_published_date_falls_back_to_the_source_date():
    text = "Port reopens\n" + "\n".join(BODY)
    result = extract(SourceItem(content=text, content_type="text/plain", published="Mon, 18 Mar 2024 09:30:00 GMT"))
    assert result.published == datetime(2024, 3, 18, 9, 30, tzinfo=timezone.utc)


def test_text_that_is_all_boilerplate_is_refused():
    with pytest.raises(InputError, match="no article text"):
        extract(SourceItem(content="Newsletter\nAdvertisement\nShare this article\n", content_type="text/plain"))


@pytest.mark.parametrize("text", [".", " . ", "?!", "...\n\n--"])
def test_a_text_without_a_word_is_no_article(text):
    # found by the property test below once untitled one-line records became articles
    with pytest.raises(InputError, match="no article text found"):
        extract(SourceItem(content=text, content_type="text/plain"))


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=400))
def test_any_text_gives_an_article_or_a_one_line_input_error(text):
    try:
        result = extract(SourceItem(content=text, content_type="text/plain"))
    except InputError as exc:
        assert "\n" not in str(exc)
    else:
        assert result.title.strip() and result.text.strip()

"""In-body boilerplate removal: each kind, by the shape of the line rather than one site's wording."""

from __future__ import annotations

import pytest

from wirewatch.extract.boilerplate import classify_line, strip_boilerplate
from wirewatch.extract.lines import line_key

PROSE = (
    "The minister said the talks would resume on Monday after both delegations agreed on an agenda "
    "covering prisoner exchanges and the reopening of the port."
)


def reasons(paragraphs: list[str]) -> dict[str, str]:
    return {r.text: r.reason for r in strip_boilerplate(paragraphs).removed}


def test_machine_translated_newsletter_block_is_removed_with_its_heading():
    block = [
        PROSE,
        "Get national news",
        "For news that affects Canada and around the world, please sign up for breaking news alerts "
        "that were sent directly to you at that time.",
        PROSE,
    ]
    result = strip_boilerplate(block)
    assert result.paragraphs == [PROSE, PROSE]
    assert [r.reason for r in result.removed] == ["newsletter", "newsletter"]


@pytest.mark.parametrize("line", [
    "Sign up for our Morning Briefing newsletter",
    "Get the latest updates right in your inbox. Subscribe to NJ.com’s newsletters.",
    "Pick Six Newsletter",
])
def test_newsletter_pitches_are_recognised(line):
    assert classify_line(line) == "newsletter"


@pytest.mark.parametrize("line", ["Advertisement", "ADVERTISEMENT", "Story continues below advertisement", "Anzeige"])
def test_advertisement_labels_are_removed(line):
    assert classify_line(line) == "advertisement"


def test_related_heading_takes_its_bulleted_links_with_it():
    paragraphs = [
        PROSE,
        "Related: Possible Water Plumes on Europa: The Discovery in Images",
        "- NASA Europa Mission Could Potentially Spot Signs of Alien Life",
        "- Photos: Europa, Mysterious Icy Moon of Jupiter",
        PROSE,
    ]
    result = strip_boilerplate(paragraphs)
    assert result.paragraphs == [PROSE, PROSE]
    assert {r.reason for r in result.removed} == {"navigation"}


@pytest.mark.parametrize("line", [
    "READ MORE: China plague outbreak confirmed in Beijing",
    "Plane passengers quarantined after BUBONIC PLAGUE outbreak [NEWS]",
    "Also on rt.com Journalists threatened with sedition arrests",
    "Read more",
])
def test_navigation_teasers_are_removed(line):
    assert classify_line(line) == "navigation"


@pytest.mark.parametrize("line", ["Share this article", "Share | Tweet | Email", "Like this story? Share it with a friend!"])
def test_share_bars_are_removed(line):
    assert classify_line(line) == "share"


@pytest.mark.parametrize("line", [
    "Photo: Jane Smith/The Courier",
    "(AP Photo/Matt Dunham)",
    "Image credit: NASA/JPL-Caltech",
])
def test_photo_credits_are_removed(line):
    assert classify_line(line) == "photo-credit"


def test_cookie_notices_are_removed():
    line = "We use cookies to give you the best experience. By continuing you accept our cookie policy."
    assert classify_line(line) == "cookie-notice"


@pytest.mark.parametrize("line", [
    PROSE,
    "Subscribers to the service rose by a third after the company cut its prices, analysts said.",
    "Ukrainian troops maintain peace",
    "There is no condition for a ceasefire",
    "He said cookies and cakes were handed out to the volunteers who had worked through the night "
    "to clear the flooded streets of the old town, and that more help was on its way from the capital "
    "where the army had set up a command post.",
])
def test_article_prose_and_headings_are_kept(line):
    assert classify_line(line) is None


def test_short_heading_before_prose_is_kept():
    assert strip_boilerplate(["Ukrainian troops maintain peace", PROSE]).removed == []


def test_site_recurring_lines_are_removed_by_their_key():
    footer = "The Harbour Times is an independent newspaper serving the coast since 1921."
    result = strip_boilerplate([PROSE, footer], recurring_lines={line_key(footer)})
    assert result.paragraphs == [PROSE]
    assert [(r.text, r.reason) for r in result.removed] == [(footer, "site-recurring")]


def test_every_removed_line_is_reported_once():
    paragraphs = [PROSE, "Advertisement", PROSE, "Share this article"]
    result = strip_boilerplate(paragraphs)
    assert len(result.paragraphs) + len(result.removed) == len(paragraphs)

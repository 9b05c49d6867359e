"""The server-rendered SVG charts: valid XML whatever the labels, honest bar sizes, escaped text."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given, settings as hypothesis_settings, strategies as st

from wirewatch.web.charts import Bar, bar_chart, column_chart, nice_ticks

SVG = "{http://www.w3.org/2000/svg}"


def bars_of(svg: str) -> list[ET.Element]:
    return [el for el in ET.fromstring(svg).iter(f"{SVG}rect") if "chart-bar" in el.get("class", "")]


def test_nice_ticks_are_round_numbers_covering_the_maximum():
    assert nice_ticks(37) == [0, 10, 20, 30, 40]
    assert nice_ticks(3) == [0, 1, 2, 3]
    assert nice_ticks(0) == [0, 1]


def test_column_chart_draws_one_bar_per_value_with_heights_in_proportion():
    svg = column_chart([Bar("1 Mar", 10), Bar("2 Mar", 20), Bar("3 Mar", 0)], title="Per day")
    heights = [float(rect.get("height")) for rect in bars_of(svg)]
    assert len(heights) == 3
    assert heights[1] == 2 * heights[0]
    assert heights[2] == 0


def test_column_chart_labels_the_peak_value():
    svg = column_chart([Bar("a", 3), Bar("b", 17)], title="t")
    values = [el.text for el in ET.fromstring(svg).iter(f"{SVG}text") if el.get("class") == "chart-value"]
    assert values == ["17"]


def test_empty_chart_says_so():
    assert "no data yet" in column_chart([], title="t")
    assert "no data yet" in bar_chart([], title="t")


def test_labels_are_escaped_not_markup():
    svg = bar_chart([('<script>alert(1)</script>"&', 5)], title="<b>title</b>")
    assert "<script>" not in svg and "<b>" not in svg
    root = ET.fromstring(svg)
    labels = [el.text for el in root.iter(f"{SVG}text") if el.get("class") == "chart-label"]
    assert labels == ['<script>alert(1)</script>"&']


def test_bar_chart_bars_are_proportional_to_values():
    svg = bar_chart([("AP", 40), ("Reuters", 10)], title="Sources")
    widths = [float(rect.get("width")) for rect in bars_of(svg)]
    assert widths[0] == 4 * widths[1]


@hypothesis_settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=40), st.integers(min_value=-5, max_value=10**6)), max_size=30))
def test_charts_are_well_formed_xml_for_any_labels_and_values(items):
    for svg in (bar_chart(items, title="x"), column_chart([Bar(label, value) for label, value in items], title="x")):
        rects = bars_of(svg)  # parses, or the test fails
        assert len(rects) == len(items)
        assert all(float(rect.get("height")) >= 0 and float(rect.get("width")) >= 0 for rect in rects)

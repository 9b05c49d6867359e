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


def test_time_bars_use_hours_for_a_story_of_one_day_and_fill_the_gaps():
    from datetime import datetime, timezone

    from wirewatch.web.charts import time_bars

    start = datetime(2025, 3, 2, 9, 15, tzinfo=timezone.utc)
    bars = time_bars([(start, 1), (start.replace(hour=9, minute=50), 1), (start.replace(hour=12), 1)])
    assert [b.value for b in bars] == [2, 0, 0, 1]
    assert bars[0].label == "2 Mar" and bars[1].label == "10:00"  # the day is named where it starts
    assert bars[3].title == "Sun 2 Mar 2025, 12:00 UTC: 1 articles"


def test_time_bars_widen_to_days_weeks_then_months_to_stay_readable():
    from datetime import datetime, timedelta, timezone

    from wirewatch.web.charts import time_bars

    start = datetime(2025, 1, 1, tzinfo=timezone.utc)
    assert time_bars([(start, 1), (start + timedelta(days=10), 1)])[1].title.startswith("Thu 2 Jan 2025")
    weekly = time_bars([(start, 1), (start + timedelta(days=200), 1)])
    assert weekly[0].title.startswith("week of 30 Dec 2024") and len(weekly) <= 48
    monthly = time_bars([(start, 2), (start + timedelta(days=700), 3)])
    assert monthly[0].label == "Jan 25" and sum(b.value for b in monthly) == 5 and len(monthly) == 24


def test_time_bars_of_nothing_is_an_empty_chart():
    from wirewatch.web.charts import column_chart, time_bars

    assert time_bars([]) == []
    assert "no data yet" in column_chart(time_bars([]), title="Articles over time")


@hypothesis_settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.datetimes(min_value=__import__("datetime").datetime(2000, 1, 1),
                                       max_value=__import__("datetime").datetime(2003, 12, 31)),
                          st.integers(min_value=0, max_value=50)), min_size=1, max_size=40))
def test_time_bars_keep_every_count_in_at_most_48_buckets(points):
    from wirewatch.web.charts import time_bars

    bars = time_bars(points)
    assert sum(b.value for b in bars) == sum(v for _, v in points)
    assert 1 <= len(bars) <= 48

"""The server-rendered charts: valid XML whatever the labels, honest bar sizes, escaped text in
HTML (not in a scaled SVG), date labels thinned for narrow screens, ranges fitted to the data."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone

from hypothesis import given, settings as hypothesis_settings, strategies as st

from wirewatch.web.charts import Bar, bar_chart, column_chart, label_steps, nice_ticks, time_bars
from wirewatch.web.time_charts import articles_chart, plotted_range

SVG = "{http://www.w3.org/2000/svg}"
T0 = datetime(2025, 3, 2, 9, 15, tzinfo=timezone.utc)


def bars_of(markup: str) -> list[ET.Element]:
    return [el for el in ET.fromstring(markup).iter(f"{SVG}rect") if "chart-bar" in el.get("class", "")]


def texts(markup: str, cls: str) -> list[str]:
    return ["".join(el.itertext()) for el in ET.fromstring(markup).iter() if cls in (el.get("class") or "").split()]


def test_nice_ticks_are_round_numbers_covering_the_maximum():
    assert nice_ticks(37) == [0, 10, 20, 30, 40]
    assert nice_ticks(3) == [0, 1, 2, 3]
    assert nice_ticks(0) == [0, 1]


def test_column_chart_draws_one_bar_per_value_with_heights_in_proportion():
    markup = column_chart([Bar("1 Mar", 10), Bar("2 Mar", 20), Bar("3 Mar", 0)], title="Per day")
    heights = [float(rect.get("height")) for rect in bars_of(markup)]
    assert len(heights) == 3
    assert heights[1] == 2 * heights[0]
    assert heights[2] == 0


def test_chart_words_are_html_outside_the_stretched_svg():
    """SVG text scales with the drawing (5 px on a phone); HTML text keeps its CSS size."""
    markup = column_chart([Bar("1 Mar", 3), Bar("2 Mar", 17)], title="Articles per day", subtitle="peak 17")
    root = ET.fromstring(markup)
    assert not list(root.iter(f"{SVG}text"))
    assert texts(markup, "chart-title") == ["Articles per daypeak 17"]
    assert texts(markup, "chart-tick") == ["1 Mar", "2 Mar"]
    [axis] = [el for el in root.iter() if el.get("class") == "chart-y"]
    assert [el.text for el in axis] == ["20", "15", "10", "5", "0"]  # top to bottom, as the gridlines
    [svg] = root.iter(f"{SVG}svg")
    assert svg.get("preserveAspectRatio") == "none"


def test_date_labels_thin_out_and_phones_keep_a_subset():
    for count in range(1, 60):
        wide, narrow = label_steps(count)
        assert narrow % wide == 0
        assert len(range(0, count, wide)) <= 8 and len(range(0, count, narrow)) <= 4
    markup = column_chart([Bar(f"{i} Mar", 1) for i in range(1, 15)], title="t")
    ticks = [el for el in ET.fromstring(markup).iter() if "chart-tick" in (el.get("class") or "")]
    shown_on_phones = ["".join(el.itertext()) for el in ticks if "is-minor" not in el.get("class")]
    assert len(ticks) == 7 and shown_on_phones == ["1 Mar", "5 Mar", "9 Mar", "13 Mar"]


def test_empty_chart_says_so():
    assert "no data yet" in column_chart([], title="t")
    assert "no data yet" in bar_chart([], title="t")


def test_labels_are_escaped_not_markup():
    markup = bar_chart([('<script>alert(1)</script>"&', 5)], title="<b>title</b>")
    assert "<script>" not in markup and "<b>" not in markup
    assert texts(markup, "chart-label") == ['<script>alert(1)</script>"&']


def test_bar_chart_bars_are_proportional_to_values():
    markup = bar_chart([("AP", 40), ("Reuters", 10)], title="Sources")
    widths = [float(rect.get("width")) for rect in bars_of(markup)]
    assert widths[0] == 4 * widths[1]


@hypothesis_settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=40), st.integers(min_value=-5, max_value=10**6)), max_size=30))
def test_charts_are_well_formed_xml_for_any_labels_and_values(items):
    for markup in (bar_chart(items, title="x"), column_chart([Bar(label, value) for label, value in items], title="x")):
        rects = bars_of(markup)  # parses, or the test fails
        assert len(rects) == len(items)
        assert all(float(rect.get("height")) >= 0 and float(rect.get("width")) >= 0 for rect in rects)


def test_time_bars_use_hours_for_a_story_of_one_day_and_fill_the_gaps():
    bars = time_bars([(T0, 1), (T0.replace(minute=50), 1), (T0.replace(hour=12), 1)])
    assert [b.value for b in bars] == [2, 0, 0, 1]
    assert bars[0].label == "09:00\n2 Mar" and bars[1].label == "10:00"  # the day is named where it starts
    assert bars[3].title == "Sun 2 Mar 2025, 12:00 UTC: 1 articles"
    assert bars[1].start == datetime(2025, 3, 2, 10, tzinfo=timezone.utc)


def test_hour_labels_name_each_day_on_every_screen():
    bars = time_bars([(T0, 1), (T0 + timedelta(hours=40), 1)])  # 09:00 on 2 Mar to 01:00 on 4 Mar
    wide, narrow = label_steps(len(bars))
    for step in (wide, narrow):  # what a desktop shows, what a phone keeps
        previous = None
        for bar in bars[::step]:
            if bar.start.date() != previous:
                assert bar.label.endswith(f"\n{bar.start:%-d %b}"), (step, bar)
            previous = bar.start.date()
    markup = column_chart(bars, title="t")
    assert "<br/>" in markup and bars_of(markup)


def test_time_bars_widen_to_days_weeks_months_then_years_to_stay_readable():
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)
    assert time_bars([(start, 1), (start + timedelta(days=10), 1)])[1].title.startswith("Thu 2 Jan 2025")
    weekly = time_bars([(start, 1), (start + timedelta(days=200), 1)])
    assert weekly[0].title.startswith("week of 30 Dec 2024") and len(weekly) <= 48
    monthly = time_bars([(start, 2), (start + timedelta(days=700), 3)])
    assert monthly[0].label == "Jan 2025" and sum(b.value for b in monthly) == 5 and len(monthly) == 24
    yearly = time_bars([(start, 1), (start.replace(year=2075), 1)])
    assert len(yearly) == 51 and yearly[-1].label == "2075"


def test_time_bars_of_nothing_is_an_empty_chart():
    assert time_bars([]) == []
    assert "no data yet" in column_chart(time_bars([]), title="Articles over time")


@hypothesis_settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2003, 12, 31)),
                          st.integers(min_value=0, max_value=50)), min_size=1, max_size=40))
def test_time_bars_keep_every_count_in_at_most_48_buckets(points):
    bars = time_bars(points)
    assert sum(b.value for b in bars) == sum(v for _, v in points)
    assert 1 <= len(bars) <= 48


def test_a_stray_date_among_many_is_left_out_and_counted():
    march = [(T0 + timedelta(days=i % 20), 1) for i in range(100)]
    kept, stray = plotted_range(march + [(datetime(1999, 1, 1, tzinfo=timezone.utc), 1)])
    assert stray == 1 and kept[0][0] == T0 and sum(n for _, n in kept) == 100


def test_spread_out_or_few_dates_are_never_trimmed():
    few = [(T0, 1), (T0 + timedelta(days=700), 1), (T0 + timedelta(days=701), 1)]
    assert plotted_range(few) == (few, 0)
    even = [(T0 + timedelta(days=i), 1) for i in range(200)]
    assert plotted_range(even) == (even, 0)


@hypothesis_settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2030, 1, 1),
                                       timezones=st.just(timezone.utc)),
                          st.integers(min_value=1, max_value=20)), max_size=60))
def test_plotted_range_keeps_all_but_at_most_two_percent(points):
    kept, stray = plotted_range(points)
    total = sum(n for _, n in points)
    assert sum(n for _, n in kept) + stray == total and stray <= total * 0.02


def test_undated_articles_are_a_note_not_a_bar_and_all_undated_use_the_arrival_clock():
    arrived = datetime(2026, 12, 6, 8, tzinfo=timezone.utc)
    mixed = articles_chart([(T0, arrived), (T0 + timedelta(hours=3), arrived), (None, arrived)])
    root = ET.fromstring(mixed)
    assert root.get("data-clock") == "published" and root.get("data-bucket") == "hour"
    assert [el.get("data-start")[:13] for el in bars_of(mixed)][-1] == "2025-03-02T12"
    assert texts(mixed, "chart-note") == ["1 article without a publication date is not plotted."]
    undated = articles_chart([(None, arrived), (None, arrived + timedelta(hours=2))])
    assert ET.fromstring(undated).get("data-clock") == "arrived"
    assert "by arrival time" in texts(undated, "chart-title")[0]
    assert sum(int(el.get("data-value")) for el in bars_of(undated)) == 2

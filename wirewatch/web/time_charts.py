"""Articles over time as the pages chart them: which clock, which range, which bucket size.

The range is the data's own: from the first to the last article, in hours for a story of a day,
days for weeks, weeks or months for a year. Two things must not stretch it into an empty chart:
an article without a publication date (counted in a note, never drawn at its arrival time on a
publication chart) and a stray date far from all the others (a feed that says 1970 or next year:
left out when it is one of very few and the rest span less than half the range, and said so).
When no article has a publication date the chart uses the arrival clock, and its title says so.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone

from markupsafe import Markup

from ..store import Store
from .charts import bucket_for, column_chart, time_bars
from .templating import plural

CLOCK_WORDS = {"published": "by publication date", "arrived": "by arrival time"}  # the clock, in titles
STRAY_SHARE = 0.02  # at most this share of the articles may be left out as stray dates


def plotted_range(counts: Sequence[tuple[datetime, int]]) -> tuple[list[tuple[datetime, int]], int]:
    """(the counts to plot, how many articles were left out as stray dates), in time order.

    The core is the shortest run of buckets holding all but STRAY_SHARE of the articles; the
    range is the core widened by its own span (at least a day) on each side, so only dates far
    from the rest fall out. It is used only when it spans at most half the full range: ordinary
    spread-out data is never trimmed."""
    ordered = sorted(counts, key=lambda item: item[0])
    total = sum(n for _, n in ordered)
    allowance = math.floor(total * STRAY_SHARE)
    if not ordered or allowance == 0:
        return ordered, 0
    best = (0, len(ordered) - 1)
    right, inside = 0, 0
    for left in range(len(ordered)):  # two pointers: for each start, the first end that holds enough
        while right < len(ordered) and total - inside > allowance:
            inside += ordered[right][1]
            right += 1
        if total - inside > allowance:
            break
        if ordered[right - 1][0] - ordered[left][0] < ordered[best[1]][0] - ordered[best[0]][0]:
            best = (left, right - 1)
        inside -= ordered[left][1]
    start, end = ordered[best[0]][0], ordered[best[1]][0]
    margin = max(end - start, timedelta(days=1))
    kept = [(moment, n) for moment, n in ordered if start - margin <= moment <= end + margin]
    if kept[-1][0] - kept[0][0] > (ordered[-1][0] - ordered[0][0]) / 2:
        return ordered, 0
    return kept, total - sum(n for _, n in kept)


def over_time(counts: Sequence[tuple[datetime, int]], *, clock: str, what: str = "Articles",
              undated: int = 0, stray: int = 0) -> Markup:
    """A column chart of counts at moments, titled with its bucket and clock, its range and peak."""
    notes = []
    if clock == "arrived" and undated:
        notes.append(f"No article here gives a publication date: plotted by when wirewatch received {'it' if undated == 1 else 'them'}.")
    elif undated:
        notes.append(f"{plural(undated, 'article')} without a publication date {'is' if undated == 1 else 'are'} not plotted.")
    if stray:
        notes.append(f"{plural(stray, 'article')} dated far outside this range {'is' if stray == 1 else 'are'} not plotted.")
    if not counts:
        return column_chart([], title=f"{what} over time · {CLOCK_WORDS[clock]}", notes=notes,
                            data={"clock": clock, "undated": str(undated)})
    moments = [m for m, _ in counts]
    bucket = bucket_for(min(moments), max(moments))
    bars = time_bars(counts, bucket=bucket)
    starts = [b.start for b in bars if b.start is not None]  # time_bars dates every bar
    peak = max(bars, key=lambda b: b.value)
    return column_chart(
        bars, title=f"{what} per {bucket} · {CLOCK_WORDS[clock]} (UTC)",
        subtitle=f"{_span(starts[0], starts[-1], bucket)} · peak {plural(peak.value, 'article')} {_when(starts[bars.index(peak)], bucket)}",
        notes=notes,
        data={"clock": clock, "bucket": bucket, "first": starts[0].isoformat(), "last": starts[-1].isoformat(),
              "undated": str(undated), "stray": str(stray)},
    )


def _when(moment: datetime, bucket: str) -> str:
    if bucket == "hour":
        return moment.strftime("at %H:00–") + (moment + timedelta(hours=1)).strftime("%H:00 on %-d %b %Y")
    if bucket == "day":
        return moment.strftime("on %a %-d %b %Y")
    if bucket == "week":
        return moment.strftime("in the week of %-d %b %Y")
    if bucket == "month":
        return moment.strftime("in %B %Y")
    return moment.strftime("in %Y")


def _span(first: datetime, last: datetime, bucket: str) -> str:
    if bucket == "hour":
        end = last + timedelta(hours=1)
        same_day = first.date() == (end - timedelta(seconds=1)).date()
        return f"{first:%-d %b %Y %H:00} – {end:%H:00}" if same_day else f"{first:%-d %b %H:00} – {end:%-d %b %Y %H:00}"
    if bucket in ("day", "week"):
        return f"{first:%-d %b %Y} – {last:%-d %b %Y}" if bucket == "day" else f"weeks of {first:%-d %b %Y} – {last:%-d %b %Y}"
    if bucket == "month":
        return f"{first:%b %Y} – {last:%b %Y}"
    return f"{first:%Y} – {last:%Y}"


def store_chart(store: Store, *, what: str = "Articles", entity_id: int | None = None) -> Markup:
    """Every article of the store (or those mentioning one entity) over its whole range."""
    daily = store.article_counts(clock="published", unit="day", entity_id=entity_id)
    undated = daily.undated
    if not daily.counts and undated:  # nothing is dated: arrival is the only clock there is
        daily = store.article_counts(clock="arrived", unit="day", entity_id=entity_id)
    kept, stray = plotted_range(daily.counts)
    if kept and kept[-1][0] - kept[0][0] < timedelta(days=2):  # a day or two: hours say more
        kept = store.article_counts(clock=daily.clock, unit="hour", entity_id=entity_id, since=kept[0][0],
                                    until=kept[-1][0] + timedelta(days=1)).counts
    return over_time(kept, clock=daily.clock, what=what, undated=undated, stray=stray)


def articles_chart(times: Sequence[tuple[datetime | None, datetime | None]], *, what: str = "Articles") -> Markup:
    """A chart of a few articles known by (published, arrived) times, as a story lists them."""
    dated = [(_aware(published), 1) for published, _ in times if published is not None]
    undated = len(times) - len(dated)
    clock = "published"
    if not dated and undated:
        dated = [(_aware(arrived), 1) for _, arrived in times if arrived is not None]
        clock = "arrived"
    kept, stray = plotted_range(dated)
    return over_time(kept, clock=clock, what=what, undated=undated, stray=stray)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)

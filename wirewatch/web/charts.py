"""Small charts rendered on the server: no JavaScript, no fonts to load, crisp in screenshots.

The bars are inline SVG stretched to the width of the page (`preserveAspectRatio="none"`); every
word and number is HTML around it, sized by app.css. An SVG scaled into a phone's width scales its
text with it (a 720-unit chart on a 390 px screen drew 5 px labels); HTML text keeps its size at
any width, and a container query thins the date labels where the chart is narrow.

Each function returns `Markup` that is also well-formed XML, built from escaped labels (source
names come from feeds) stripped of characters XML cannot carry. Colours are SVG presentation
attributes rather than `style=`, so the strict Content-Security-Policy allows them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone

from markupsafe import Markup, escape

ACCENT = "#b4301f"
GRID = "#e3e6e9"
SVG_NS = "http://www.w3.org/2000/svg"

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

# Date labels under a column chart: at most this many where the chart is wide, and a subset of
# at most NARROW_LABELS where it is phone-narrow (app.css hides the others by a container query).
WIDE_LABELS = 8
NARROW_LABELS = 4
SLOT = 10  # viewBox units per column; the SVG is stretched to the real width anyway


@dataclass(frozen=True)
class Bar:
    label: str  # shown under the bar (thinned out when there are many); "\n" starts a second line
    value: int
    title: str | None = None  # the hover text; defaults to "label: value"
    start: datetime | None = None  # the start of the bar's time bucket, when it is one


def _text(value: str) -> str:
    """Escape for XML text and attributes, dropping characters XML 1.0 forbids."""
    return str(escape(_XML_INVALID.sub("", value)))


def nice_ticks(maximum: float, count: int = 4) -> list[int]:
    """Round gridline values from 0 to at least `maximum`: 0, 5, 10, 15 rather than 0, 3.7, 7.4."""
    if maximum <= 0:
        return [0, 1]
    raw_step = maximum / count
    magnitude = 10 ** math.floor(math.log10(raw_step))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw_step)
    step = max(1, int(math.ceil(step)))
    top = int(math.ceil(maximum / step)) * step
    return list(range(0, top + 1, step))


def label_steps(count: int) -> tuple[int, int]:
    """(wide, narrow): label every wide-th column, and every narrow-th where space is short.

    narrow is a multiple of wide, so the labels a phone keeps are among those a desktop shows."""
    wide = max(1, math.ceil(count / WIDE_LABELS))
    narrow = wide * max(1, math.ceil(math.ceil(count / NARROW_LABELS) / wide))
    return wide, narrow


def _data_attributes(data: Mapping[str, str]) -> str:
    return "".join(f' data-{re.sub(r"[^a-z0-9-]", "", key)}="{_text(value)}"' for key, value in data.items())


def _caption(title: str, subtitle: str | None) -> str:
    sub = f'<span class="chart-sub">{_text(subtitle)}</span>' if subtitle else ""
    return f'<figcaption class="chart-title">{_text(title)}{sub}</figcaption>'


def _notes(notes: Sequence[str]) -> str:
    return "".join(f'<p class="chart-note">{_text(note)}</p>' for note in notes)


def column_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    subtitle: str | None = None,
    notes: Sequence[str] = (),
    unit: str = "articles",
    data: Mapping[str, str] | None = None,
) -> Markup:
    """Vertical bars over time (one per hour, day, week or month), with gridlines and dates."""
    parts = [f'<figure class="chart chart-columns"{_data_attributes(data or {})}>', _caption(title, subtitle)]
    if not bars:
        parts += ['<p class="chart-empty">no data yet</p>', _notes(notes), "</figure>"]
        return Markup("".join(parts))
    ticks = nice_ticks(max(b.value for b in bars))
    top = ticks[-1]
    width = len(bars) * SLOT
    parts.append('<div class="chart-area"><div class="chart-y" aria-hidden="true">')
    parts += [f"<span>{tick}</span>" for tick in reversed(ticks)]
    parts.append(
        f'</div><svg class="chart-plot" xmlns="{SVG_NS}" viewBox="0 0 {width} 100" '
        f'preserveAspectRatio="none" role="img" aria-label="{_text(title)}">'
    )
    for tick in ticks:
        y = 100 - tick * 100 / top
        parts.append(
            f'<line class="chart-grid" x1="0" x2="{width}" y1="{y:.2f}" y2="{y:.2f}" stroke="{GRID}" '
            f'stroke-width="1" vector-effect="non-scaling-stroke"/>'
        )
    for i, bar in enumerate(bars):
        value = max(0, bar.value)
        height = value * 100 / top
        start = f' data-start="{bar.start.isoformat()}"' if bar.start else ""
        hover = bar.title or f"{bar.label}: {value} {unit}"
        parts.append(
            f'<rect class="chart-bar" x="{i * SLOT + 1}" y="{100 - height:.2f}" width="{SLOT - 2}" '
            f'height="{height:.2f}" fill="{ACCENT}" data-value="{value}"{start}>'
            f"<title>{_text(hover)}</title></rect>"
        )
    parts.append('</svg><div class="chart-x" aria-hidden="true">')
    wide, narrow = label_steps(len(bars))
    for i, bar in enumerate(bars):
        if i % wide:
            parts.append("<span></span>")
        else:
            minor = "" if i % narrow == 0 else " is-minor"
            label = "<br/>".join(_text(line) for line in bar.label.split("\n"))
            parts.append(f'<span class="chart-tick{minor}"><span>{label}</span></span>')
    parts += ["</div></div>", _notes(notes), "</figure>"]
    return Markup("".join(parts))


def bar_chart(
    items: Sequence[tuple[str, int]],
    *,
    title: str,
    unit: str = "articles",
    notes: Sequence[str] = (),
) -> Markup:
    """Horizontal bars for ranked categories (sources, entity types), labelled with their values.

    One HTML row per item: a long label is cut with an ellipsis by CSS (the whole of it in the
    row's hover text) instead of pushing the chart wider than a phone."""
    parts = ['<figure class="chart chart-rows">', _caption(title, None)]
    if not items:
        parts.append('<p class="chart-empty">no data yet</p>')
    else:
        largest = max((max(0, v) for _, v in items), default=0) or 1
        parts.append('<ol class="chart-list">')
        for label, raw_value in items:
            value = max(0, raw_value)
            hover = _text(f"{label}: {value} {unit}")
            parts.append(
                f'<li class="chart-row" title="{hover}"><span class="chart-label">{_text(label)}</span>'
                f'<svg class="chart-track" xmlns="{SVG_NS}" viewBox="0 0 1000 10" preserveAspectRatio="none" '
                f'aria-hidden="true"><rect class="chart-bar" x="0" y="0" width="{1000 * value / largest:.1f}" '
                f'height="10" fill="{ACCENT}" data-value="{value}"><title>{hover}</title></rect></svg>'
                f'<span class="chart-value">{value}</span></li>'
            )
        parts.append("</ol>")
    parts += [_notes(notes), "</figure>"]
    return Markup("".join(parts))


BUCKETS = ("hour", "day", "week", "month", "year")


def _floor(moment: datetime, bucket: str) -> datetime:
    moment = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    moment = moment.astimezone(timezone.utc)
    if bucket == "hour":
        return moment.replace(minute=0, second=0, microsecond=0)
    day = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    if bucket == "day":
        return day
    if bucket == "week":
        return day - timedelta(days=day.weekday())
    if bucket == "month":
        return day.replace(day=1)
    return day.replace(month=1, day=1)


def _step(moment: datetime, bucket: str) -> datetime:
    if bucket == "hour":
        return moment + timedelta(hours=1)
    if bucket == "day":
        return moment + timedelta(days=1)
    if bucket == "week":
        return moment + timedelta(days=7)
    if bucket == "month":
        return (moment.replace(day=28) + timedelta(days=4)).replace(day=1)
    return moment.replace(year=moment.year + 1)


def _bucket_count(first: datetime, last: datetime, bucket: str) -> int:
    if bucket == "year":
        return last.year - first.year + 1
    if bucket == "month":
        return (last.year - first.year) * 12 + last.month - first.month + 1
    size = {"hour": 3600, "day": 86400, "week": 7 * 86400}[bucket]
    return int((last - first).total_seconds() // size) + 1


def _labels(moment: datetime, bucket: str) -> tuple[str, str]:
    """(axis label, hover title) of one bucket."""
    if bucket == "hour":
        return moment.strftime("%H:%M"), moment.strftime("%a %-d %b %Y, %H:00 UTC")
    if bucket == "day":
        return moment.strftime("%-d %b"), moment.strftime("%a %-d %b %Y")
    if bucket == "week":
        return moment.strftime("%-d %b"), "week of " + moment.strftime("%-d %b %Y")
    if bucket == "month":
        return moment.strftime("%b %Y"), moment.strftime("%B %Y")
    return moment.strftime("%Y"), moment.strftime("%Y")


def bucket_for(earliest: datetime, latest: datetime, *, max_bars: int = 48) -> str:
    """The finest of hour, day, week, month and year that spans earliest..latest in `max_bars`:
    a story of one afternoon shows its hours, an entity known for a year its weeks or months."""
    return next(
        (b for b in BUCKETS if _bucket_count(_floor(earliest, b), _floor(latest, b), b) <= max_bars), "year"
    )


def time_bars(counts: Sequence[tuple[datetime, int]], *, unit: str = "articles", max_bars: int = 48,
              bucket: str | None = None) -> list[Bar]:
    """Counts at moments, summed into even buckets with the gaps shown as zeros."""
    if not counts:
        return []
    moments = [m if m.tzinfo else m.replace(tzinfo=timezone.utc) for m, _ in counts]
    earliest, latest = min(moments), max(moments)
    bucket = bucket or bucket_for(earliest, latest, max_bars=max_bars)
    totals: dict[datetime, int] = {}
    for moment, value in zip(moments, (v for _, v in counts)):
        key = _floor(moment, bucket)
        totals[key] = totals.get(key, 0) + value
    bars = []
    cursor, last = _floor(earliest, bucket), _floor(latest, bucket)
    while cursor <= last:
        label, title = _labels(cursor, bucket)
        value = totals.get(cursor, 0)
        bars.append(Bar(label, value, f"{title}: {value} {unit}", cursor))
        cursor = _step(cursor, bucket)
    return _dated_hours(bars) if bucket == "hour" else bars


def _dated_hours(bars: list[Bar]) -> list[Bar]:
    """Hour labels name their day on a second line where the day changed since the label before,
    counting only the labels a phone keeps for those it keeps, so every screen sees each day."""
    wide, narrow = label_steps(len(bars))
    previous_wide = previous_narrow = None
    for i in range(0, len(bars), wide):
        start = bars[i].start
        assert start is not None  # time_bars dates every bar
        on_phones = i % narrow == 0
        if start.date() != (previous_narrow if on_phones else previous_wide):
            bars[i] = replace(bars[i], label=f"{start:%H:%M}\n{start:%-d %b}")
        previous_wide = start.date()
        if on_phones:
            previous_narrow = start.date()
    return bars

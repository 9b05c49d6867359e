"""Small SVG charts rendered on the server: no JavaScript, no fonts to load, crisp in screenshots.

Each function returns `Markup` (inline SVG) built from escaped labels. Colours are SVG
presentation attributes rather than `style=`, so the strict Content-Security-Policy allows them,
and classes let app.css restyle them. Labels are untrusted (source names come from feeds), so
they are escaped and stripped of characters XML cannot carry.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from markupsafe import Markup, escape

ACCENT = "#b4301f"
INK = "#1d2329"
MUTED = "#66707a"
GRID = "#e3e6e9"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class Bar:
    label: str  # shown under the bar (thinned out when there are many)
    value: int
    title: str | None = None  # the hover text; defaults to "label: value"


def _text(value: str) -> str:
    """Escape for XML text and attributes, dropping characters XML 1.0 forbids."""
    return str(escape(_XML_INVALID.sub("", value)))


def _truncate(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: max(1, limit - 1)] + "…"


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


def column_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    width: int = 640,
    height: int = 180,
    unit: str = "articles",
) -> Markup:
    """Vertical bars over time (one per day or hour), with gridlines and the peak labelled."""
    left, right, top, bottom = 36, 8, 32, 26  # top leaves room for the title and the peak's value
    plot_w, plot_h = width - left - right, height - top - bottom
    ticks = nice_ticks(max((b.value for b in bars), default=0))
    scale = plot_h / ticks[-1]
    parts = [_svg_open(width, height, title), _title_text(title, left)]
    for tick in ticks:
        y = top + plot_h - tick * scale
        parts.append(
            f'<line class="chart-grid" x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text class="chart-axis" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" '
            f'font-size="11" fill="{MUTED}">{tick}</text>'
        )
    if not bars:
        parts.append(
            f'<text class="chart-empty" x="{left + plot_w / 2:.1f}" y="{top + plot_h / 2:.1f}" '
            f'text-anchor="middle" font-size="12" fill="{MUTED}">no data yet</text>'
        )
    slot = plot_w / max(1, len(bars))
    gap = min(4.0, slot * 0.2)
    label_every = max(1, math.ceil(len(bars) / max(1, plot_w // 56)))
    peak = max(range(len(bars)), key=lambda i: bars[i].value) if bars else -1
    for i, bar in enumerate(bars):
        value = max(0, bar.value)
        bar_h = value * scale
        x = left + i * slot + gap / 2
        y = top + plot_h - bar_h
        hover = bar.title or f"{bar.label}: {value} {unit}"
        parts.append(
            f'<rect class="chart-bar" x="{x:.1f}" y="{y:.1f}" width="{max(1.0, slot - gap):.1f}" '
            f'height="{bar_h:.1f}" fill="{ACCENT}" data-value="{value}">'
            f"<title>{_text(hover)}</title></rect>"
        )
        if i == peak and value > 0:
            parts.append(
                f'<text class="chart-value" x="{x + (slot - gap) / 2:.1f}" y="{y - 4:.1f}" '
                f'text-anchor="middle" font-size="11" font-weight="600" fill="{INK}">{value}</text>'
            )
        if i % label_every == 0:
            parts.append(
                f'<text class="chart-label" x="{x + (slot - gap) / 2:.1f}" y="{height - 8}" '
                f'text-anchor="middle" font-size="11" fill="{MUTED}">{_text(_truncate(bar.label, 10))}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def bar_chart(
    items: Sequence[tuple[str, int]],
    *,
    title: str,
    width: int = 640,
    row_height: int = 22,
    label_width: int = 180,
    unit: str = "articles",
) -> Markup:
    """Horizontal bars for ranked categories (sources, entity types), labelled with their values."""
    top = 28
    height = top + max(1, len(items)) * row_height + 8
    plot_w = width - label_width - 56
    largest = max((max(0, v) for _, v in items), default=0) or 1
    parts = [_svg_open(width, height, title), _title_text(title, 0)]
    if not items:
        parts.append(
            f'<text class="chart-empty" x="0" y="{top + 14}" font-size="12" fill="{MUTED}">no data yet</text>'
        )
    for i, (label, raw_value) in enumerate(items):
        value = max(0, raw_value)
        y = top + i * row_height
        bar_w = plot_w * value / largest
        text_y = y + row_height / 2 + 4
        parts.append(
            f'<text class="chart-label" x="{label_width - 8}" y="{text_y:.1f}" text-anchor="end" '
            f'font-size="12" fill="{INK}">{_text(_truncate(label, 28))}</text>'
            f'<rect class="chart-bar" x="{label_width}" y="{y + 3}" width="{max(1.0, bar_w):.1f}" '
            f'height="{row_height - 6}" fill="{ACCENT}" data-value="{value}">'
            f"<title>{_text(f'{label}: {value} {unit}')}</title></rect>"
            f'<text class="chart-value" x="{label_width + bar_w + 6:.1f}" y="{text_y:.1f}" '
            f'font-size="12" fill="{MUTED}">{value}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def _svg_open(width: int, height: int, title: str) -> str:
    return (
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{_text(title)}" '
        f'font-family="{_text(FONT)}" preserveAspectRatio="xMinYMin meet">'
    )


def _title_text(title: str, x: int) -> str:
    return (
        f'<text class="chart-title" x="{x}" y="14" font-size="12" font-weight="600" '
        f'fill="{INK}">{_text(title)}</text>'
    )


_BUCKETS = ("hour", "day", "week", "month")


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
    return day.replace(day=1)


def _step(moment: datetime, bucket: str) -> datetime:
    if bucket == "hour":
        return moment + timedelta(hours=1)
    if bucket == "day":
        return moment + timedelta(days=1)
    if bucket == "week":
        return moment + timedelta(days=7)
    return (moment.replace(day=28) + timedelta(days=4)).replace(day=1)


def _bucket_count(first: datetime, last: datetime, bucket: str) -> int:
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
    return moment.strftime("%b %y"), moment.strftime("%B %Y")


def time_bars(counts: Sequence[tuple[datetime, int]], *, unit: str = "articles", max_bars: int = 48) -> list[Bar]:
    """Counts at moments, summed into even buckets with the gaps shown as zeros.

    The bucket is the finest of hour, day, week and month that fits in `max_bars`, so a story of
    one afternoon shows its hours and an entity known for a year shows its months.
    """
    if not counts:
        return []
    moments = [m if m.tzinfo else m.replace(tzinfo=timezone.utc) for m, _ in counts]
    earliest, latest = min(moments), max(moments)
    bucket = next(
        (b for b in _BUCKETS if _bucket_count(_floor(earliest, b), _floor(latest, b), b) <= max_bars), "month"
    )
    totals: dict[datetime, int] = {}
    for moment, value in zip(moments, (v for _, v in counts)):
        key = _floor(moment, bucket)
        totals[key] = totals.get(key, 0) + value
    bars = []
    cursor, last = _floor(earliest, bucket), _floor(latest, bucket)
    previous_day = None
    while cursor <= last:
        label, title = _labels(cursor, bucket)
        if bucket == "hour" and cursor.date() != previous_day:
            label = cursor.strftime("%-d %b")  # mark where each day starts
            previous_day = cursor.date()
        value = totals.get(cursor, 0)
        bars.append(Bar(label, value, f"{title}: {value} {unit}"))
        cursor = _step(cursor, bucket)
    return bars

"""Clock times, read as the duplicate test reads numbers: "6:41pm" and "18:41" are one time.

A translation writes the 24-hour clock where the source wrote "6:41 p.m." ("18:41", "18.00"),
and back. The number reader (details.written_numbers) splits "18:41" into 18 and 41, so the copy
stated 18, a number its source never wrote. Here a clock time reads as one number (6.41; on the
hour, the hour), and a copy's time also as the same time in the other half of the day.
"""

from __future__ import annotations

import re

# "18:41", "6:41pm", "17h30", and with a point only where no decimal is likely: an hour past noon
# ("18.00", "21.30"); "4.30" is left to the number reader (a decimal, or a time whose minutes
# stated_numbers.known_numbers knows).
# An hour alone counts where "a.m." / "p.m." follows ("9pm", "9 p.m."): the number reader does not
# read a number glued to its unit, so the source would state no 9 for a copy's "21.00" to match.
CLOCK = re.compile(r"(?<![\d.,:])\b(?:([01]?\d|2[0-3])[:h]([0-5]\d)|(1[3-9]|2[0-3])\.([0-5]\d)"
                   r"|(1[0-2]|0?[1-9])(?=\s?[ap]\.?\s?m\b))(?!\d|[.,:]\d)")


def clock_readings(hour: int, minute: str, both_halves: bool) -> frozenset[str]:
    """The time as a decimal ("18.41"; "18" on the hour) and, `both_halves`, the same on the other
    half of the day's clock (6 <-> 18). Only a copy's times are read both ways: a source's
    "3:12 p.m." read as 15.12 as well would make a count of 15 known."""
    hours = {hour, (hour + 12) % 24 if hour < 12 else hour - 12} if both_halves else {hour}
    return frozenset(str(value) if minute == "00" else f"{value}.{minute}".rstrip("0") for value in hours - {0})


def time_reading(match: re.Match, both_halves: bool) -> tuple[str, frozenset[str]]:
    """(value, readings) of one `CLOCK` match: the time as written, and as `clock_readings` reads it."""
    hour, minute = ((match.group(1), match.group(2)) if match.group(1) else
                    (match.group(3), match.group(4)) if match.group(3) else (match.group(5), "00"))
    return next(iter(clock_readings(int(hour), minute, False)), hour), clock_readings(int(hour), minute, both_halves)


def stated_times(text: str, both_halves: bool) -> tuple[list[tuple[str, frozenset[str]]], str]:
    """(value, readings) of every clock time of `text`, and the text with the times taken out (for
    the number reader, which would read their parts as numbers of their own)."""
    return [time_reading(match, both_halves) for match in CLOCK.finditer(text)], CLOCK.sub(" ", text)

"""Numbers written in words ("three", "twenty-five", "five million", "a dozen"), as digits.

The duplicate test reads the numbers a text states from its digits (details.written_numbers). A
copy rewrites one form as the other: a spinner or a style guide writes "3" for "three", a
translation "5,000,000" for "five million". What a source states in words is therefore known
in digits too, so a copy writing it in digits states no new number.
"""

from __future__ import annotations

import re

UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "dozen": 12,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_WORD = re.compile(r"[a-z]+")


def spelled_numbers(text: str) -> frozenset[str]:
    """Every value the number words of `text` state, as plain digits: each word alone, a tens word
    with its unit ("twenty-five" -> 25), and each scale after it ("five million" -> 5000000;
    "three hundred thousand" -> 300, 300000). A scale word alone ("millions of") states none."""
    tokens = _WORD.findall(text.lower())
    found: set[int] = set()
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token in TENS:
            value = TENS[token]
            if i + 1 < len(tokens) and UNITS.get(tokens[i + 1], 10) < 10:
                i += 1
                value += UNITS[tokens[i]]
        elif token in UNITS:
            value = UNITS[token]
        else:
            i += 1
            continue
        found.add(value)
        while i + 1 < len(tokens) and tokens[i + 1] in SCALES:
            i += 1
            value *= SCALES[tokens[i]]
            found.add(value)
        i += 1
    return frozenset(str(value) for value in found)

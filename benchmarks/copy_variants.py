"""Copy variations a spinner or a round-trip translation makes that benchmarks/stories.py's copies
rarely contain, applied to ECB+ dev articles (topics 1-25) one at a time.

Each variation rewrites an article the way a republisher does (below), alone ("plain"), under the
machine-translation model of benchmarks/mt_copies.py ("mt") or under the spinner of
benchmarks/paraphrase.py ("spin"). Each copy is judged in a fresh engine that holds only its
original: a copy should be a copy. The same copy with one sentence of news added (a new person, or
two new counts) should be a development. Printed per variation: articles the variation changed,
copies called copy / development / original, and the news-added copies called copy.

Variations (each a generic rewrite, none fitted to an article):
  num_words        small counts in words ("7" -> "seven"), "5 million" -> "5,000,000" / "five million"
  num_digits       counts in words in digits ("three" -> "3")
  scaled_words     "1,400,000" -> "1.4 million", "5,000" -> "5 thousand"
  space_thousands  "1,400" -> "1 400"
  percent          "15 percent" -> "15%" / "15 per cent" / "15 pct"
  times            "6:41 p.m." / "9pm" -> the 24-hour clock ("18:41", "21.00", "21h00")
  dates            "Dec. 1" -> "1 December" / "December 1" / "1st of December"; "Monday" -> "last Monday"
  ordinals         "sixth" -> "6th"
  ages             "59-year-old" -> "59 years old" / "aged 59"
  currency         "$160 million" -> "160 million dollars" / "US$160 million" / "USD 160 million"
  abbrevs          "U.S." <-> "United States", "FBI" -> "Federal Bureau of Investigation", ...
  honorific        "Mr." dropped, "President X" -> "X"
  guillemets       quotation marks -> « »
  indirect         quotation marks dropped
  merge_paras      paragraphs joined; split_sents: one sentence a paragraph
  truncate         the first 60% of the paragraphs (an excerpt)
  drop_middle      one paragraph dropped; reorder_paras: paragraphs after the first shuffled
  readmore         a "Read more: ..." line added

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/copy_variants.py [plain] [mt] [spin] [--every N] [--show]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import zlib
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mt_copies import load_garbler, mt_copy  # noqa: E402
from paraphrase import spin_counted  # noqa: E402
from stories import DEFAULT_DATA, load, people_names, split  # noqa: E402

from wirewatch.stories import ArticleInput, StoryEngine  # noqa: E402

ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty").split()
MONTHS = "January February March April May June July August September October November December".split()
SHORT_MONTHS = {**{month[:3] + ".": month for month in MONTHS}, "Sept.": "September"}
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
# A number that is part of something else: a detokenised decimal ("2. 6"), a range ("9-14"), a
# date ("12 / 16 / 08"), a time ("1: 30"): left as it is.
_PART = r"(?<![\d.,:/$€£-])(?<!\d[.,:] )(?<!/ )"
_NOT_PART = r"(?![\d.,:/%-]\d)(?!\s?[/:%-])(?! ?[.,] \d)(?! ?[aApP]\.? ?[mM]\b)"


def num_words(text: str, rng: random.Random) -> str:
    def small(match: re.Match) -> str:
        value = int(match.group())
        return ONES[value] if 3 <= value <= 20 and rng.random() < 0.8 else match.group()

    def scaled(match: re.Match) -> str:
        value, scale = match.group(1), match.group(2)
        zeros = {"thousand": ",000", "million": ",000,000", "billion": ",000,000,000"}[scale]
        return value + zeros if rng.random() < 0.5 else (f"{ONES[int(value)]} {scale}" if int(value) <= 20 else match.group())

    text = re.sub(_PART + r"\b(\d+) (thousand|million|billion)\b", scaled, text)
    return re.sub(_PART + r"\b\d{1,2}\b" + _NOT_PART + r"(?! (?:thousand|million|billion))", small, text)


def num_digits(text: str, rng: random.Random) -> str:
    return re.sub(r"\b(" + "|".join(ONES[3:]) + r")\b(?!-)", lambda match: str(ONES.index(match.group())), text)


def scaled_words(text: str, rng: random.Random) -> str:
    def scale(match: re.Match) -> str:
        value = int(match.group().replace(",", ""))
        if value >= 1_000_000 and value % 100_000 == 0:
            return f"{value / 1e6:g} million"
        return f"{value // 1000} thousand" if value >= 10_000 and value % 1000 == 0 else match.group()

    return re.sub(_PART + r"\b\d{1,3}(?:,\d{3})+\b", scale, text)


def space_thousands(text: str, rng: random.Random) -> str:
    return re.sub(_PART + r"\b(\d{1,3}),(\d{3})\b", r"\1 \2", text)


def percent(text: str, rng: random.Random) -> str:
    return re.sub(r"(\d) ?(?:percent|per cent)\b",
                  lambda match: match.group(1) + rng.choice(["%", " per cent", " pct"]), text)


def times(text: str, rng: random.Random) -> str:
    def clock(match: re.Match) -> str:
        hour, minute = int(match.group(1)), match.group(2) or "00"
        if match.group(3).lower().startswith("p") and hour != 12:
            hour += 12
        return rng.choice([f"{hour}:{minute}", f"{hour}.{minute}", f"{hour}h{minute}"])

    return re.sub(r"(?<![\d.:] )(?<![\d.:])\b(1[0-2]|0?[1-9])(?::([0-5]\d))? ?([apAP])\.? ?[mM]\b\.?", clock, text)


def dates(text: str, rng: random.Random) -> str:
    def day(match: re.Match) -> str:
        month, number = SHORT_MONTHS.get(match.group(1), match.group(1)), match.group(2)
        return rng.choice([f"{number} {month}", f"{month} {number}", f"the {number}th of {month}"
                           if number not in ("1", "2", "3", "21", "22", "23", "31") else f"{number} {month}"])

    months = "|".join([re.escape(month) for month in SHORT_MONTHS] + MONTHS)
    text = re.sub(r"\b(" + months + r") (\d{1,2})(?:st|nd|rd|th)?\b(?![\d.:])", day, text)
    return re.sub(r"\bon (" + "|".join(WEEKDAYS) + r")\b",
                  lambda match: rng.choice([f"on {match.group(1)}", f"last {match.group(1)}", match.group(1)]), text)


def ordinals(text: str, rng: random.Random) -> str:
    digits = {"first": "1st", "second": "2nd", "third": "3rd", "fourth": "4th", "fifth": "5th", "sixth": "6th"}
    return re.sub(r"\b(" + "|".join(digits) + r")\b", lambda match: digits[match.group()], text)


def ages(text: str, rng: random.Random) -> str:
    return re.sub(r"\b(\d+)-year-old\b", lambda match: rng.choice(
        [f"{match.group(1)} years old", f"aged {match.group(1)}", f"{match.group(1)}-years-old"]), text)


def currency(text: str, rng: random.Random) -> str:
    return re.sub(r"\$(\d+(?:\.\d+)?) (million|billion)", lambda match: rng.choice(
        [f"{match.group(1)} {match.group(2)} dollars", f"US${match.group(1)} {match.group(2)}",
         f"USD {match.group(1)} {match.group(2)}"]), text)


ABBREVIATIONS = [("U.S.", "United States"), ("U.N.", "United Nations"), ("U.K.", "United Kingdom"),
                 ("United States", "U.S."), ("Los Angeles", "L.A."), ("United Nations", "UN"),
                 ("EU", "European Union"), ("European Union", "EU"), ("FBI", "Federal Bureau of Investigation"),
                 ("NBA", "National Basketball Association")]


def abbrevs(text: str, rng: random.Random) -> str:
    for short, long in ABBREVIATIONS:
        text = re.sub(r"(?<![\w.])" + re.escape(short) + r"(?!\w)", long, text)
    return text


def honorific(text: str, rng: random.Random) -> str:
    text = re.sub(r"\b(Mr|Mrs|Ms|Dr)\. ", "", text)
    return re.sub(r"\b(President|Senator|Governor|Prime Minister) (?=[A-Z])",
                  lambda match: "" if rng.random() < 0.5 else match.group(), text)


def guillemets(text: str, rng: random.Random) -> str:
    return re.sub(r'"([^"\n]+)"|“([^”\n]+)”', lambda match: "« " + (match.group(1) or match.group(2)) + " »", text)


def indirect(text: str, rng: random.Random) -> str:
    return re.sub(r'\s*["“”]\s*', " ", text).replace(" ,", ",").replace(" .", ".").strip()


def merge_paras(text: str, rng: random.Random) -> str:
    return re.sub(r"\n+", " ", text)


def split_sents(text: str, rng: random.Random) -> str:
    return re.sub(r"(?<=[.!?]) (?=[A-Z])", "\n", text)


def _paragraphs(text: str) -> list[str]:
    return [paragraph for paragraph in text.split("\n") if paragraph.strip()]


def truncate(text: str, rng: random.Random) -> str:
    paragraphs = _paragraphs(text)
    return "\n".join(paragraphs[:max(2, int(len(paragraphs) * 0.6))]) if len(paragraphs) >= 3 else text


def drop_middle(text: str, rng: random.Random) -> str:
    paragraphs = _paragraphs(text)
    if len(paragraphs) < 4:
        return text
    drop = rng.randrange(1, len(paragraphs) - 1)
    return "\n".join(paragraphs[:drop] + paragraphs[drop + 1:])


def reorder_paras(text: str, rng: random.Random) -> str:
    paragraphs = _paragraphs(text)
    if len(paragraphs) < 4:
        return text
    rest = paragraphs[1:]
    rng.shuffle(rest)
    return "\n".join(paragraphs[:1] + rest)


def readmore(text: str, rng: random.Random) -> str:
    return text + "\nRead more: " + rng.choice(["Police Say Suspect Fled the Scene", "Full coverage at our site"])


VARIATIONS = [num_words, num_digits, scaled_words, space_thousands, percent, times, dates, ordinals, ages, currency,
              abbrevs, honorific, guillemets, indirect, merge_paras, split_sents, truncate, drop_middle,
              reorder_paras, readmore]
NEWS = ["The regional authorities said on Friday that {name} had been appointed to lead an inquiry.",
        "Officials later said the number of victims had risen to {count}, and {more} more were missing."]


def judged(original: dict, text: str):
    engine = StoryEngine()
    engine.add(ArticleInput(id="original", title=original.get("title") or "", text=original["text"]))
    return engine.add(ArticleInput(id="copy", title=original.get("title") or "", text=text))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bases", nargs="*", help="plain, mt, spin (default: all three)")
    parser.add_argument("--every", type=int, default=1, help="every Nth dev article (1: all)")
    parser.add_argument("--show", action="store_true", help="print each copy called a development")
    args = parser.parse_args(argv)
    if set(args.bases) - {"plain", "mt", "spin"}:
        parser.error("bases are plain, mt and spin")
    dev, _ = split(load(DEFAULT_DATA))
    articles = [row for row in dev if len(row["text"].split()) >= 20][::args.every]
    names, garble = people_names(), load_garbler()[0]
    print(f"{'base':5s} {'variation':16s} {'changed':>7s} {'copy':>5s} {'dev':>4s} {'orig':>4s} | news added: copy")
    for base in args.bases or ["plain", "mt", "spin"]:
        for variation in VARIATIONS:
            roles, with_news, changed = Counter(), Counter(), 0
            for index, row in enumerate(articles):
                rng = random.Random(zlib.crc32(f"{variation.__name__}{base}{index}".encode()))
                text = variation(row["text"], rng)
                if text == row["text"]:
                    continue
                changed += 1
                if base == "mt":
                    text = mt_copy(text, rng.randrange(10**6), garble)[0]
                elif base == "spin":
                    text = spin_counted(text, rng.randrange(10**6))[0]
                found = judged(row, text)
                roles[found.role] += 1
                if args.show and found.role == "development":
                    print(f"  {row['id']}:\n    {row['text'][:800]!r}\n    {text[:800]!r}")
                pick = random.Random(index)
                news = NEWS[index % 2].format(name=pick.choice(names), count=pick.randrange(310, 990),
                                              more=pick.randrange(110, 290))
                with_news[judged(row, f"{text}\n{news}").role] += 1
            print(f"{base:5s} {variation.__name__:16s} {changed:7d} {roles['copy']:5d} {roles['development']:4d} "
                  f"{roles['original']:4d} | {with_news['copy']:3d}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""A deterministic, seeded article spinner and typo maker for the near-duplicate benchmark.

It imitates what scraper sites do to wire copy: swap words for near-synonyms (or for filler when
no synonym is known), drop words, reorder clauses and sentences. `spin` replaces at least
`replace_share` of the words; `typos` garbles a share of the longer words.
"""

from __future__ import annotations

import random
import re

SYNONYMS = {
    "said": "stated", "says": "states", "told": "informed", "killed": "slain", "died": "perished",
    "police": "law enforcement", "officials": "authorities", "people": "persons",
    "man": "male", "woman": "female", "city": "town", "country": "nation", "government": "administration",
    "president": "leader", "announced": "revealed", "reported": "stated", "big": "large",
    "large": "huge", "small": "little", "new": "fresh", "attack": "assault", "shooting": "gunfire",
    "arrested": "detained", "charged": "accused", "court": "tribunal", "judge": "justice",
    "company": "firm", "deal": "agreement", "buy": "purchase", "bought": "purchased",
    "sold": "offloaded", "earthquake": "quake", "quake": "tremor", "fire": "blaze", "home": "house",
    "house": "residence", "car": "vehicle", "killing": "slaying", "death": "demise",
    "hospital": "medical center", "injured": "wounded", "help": "assist", "began": "started",
    "start": "begin", "started": "commenced", "end": "finish", "ended": "concluded",
    "month": "calendar month", "week": "seven days", "year": "twelve months", "old": "aged",
    "after": "following", "before": "prior to", "because": "since", "during": "throughout",
    "about": "regarding", "many": "numerous", "several": "a number of", "also": "additionally",
    "show": "program", "film": "movie", "movie": "picture", "star": "celebrity", "actor": "performer",
    "actress": "performer", "team": "squad", "game": "match", "win": "victory", "won": "triumphed",
    "lost": "was defeated", "leader": "head", "group": "organisation", "military": "armed forces",
    "soldiers": "troops", "forces": "troops", "statement": "release", "spokesman": "representative",
    "spokeswoman": "representative", "magnitude": "strength", "struck": "hit", "hit": "struck",
    "near": "close to", "capital": "capital city", "region": "area", "area": "zone",
    "report": "account", "news": "reports", "called": "named", "including": "such as",
}
FILLER = [
    "reportedly", "significant", "major", "notable", "key", "considerable", "various", "certain",
    "particular", "specific", "relevant", "broader", "wider", "prominent", "apparent",
]
_TOKEN = re.compile(r"\w[\w'’\-]*|[^\w\s]+")


def spin(text: str, seed: int, replace_share: float = 0.20, drop_share: float = 0.05) -> str:
    """Spun copy: about replace_share of the words replaced, some dropped, clauses reordered."""
    return spin_counted(text, seed, replace_share, drop_share)[0]


def spin_counted(
    text: str, seed: int, replace_share: float = 0.20, drop_share: float = 0.05
) -> tuple[str, float]:
    """`spin`, also returning the share of the original words that were replaced (drops not counted)."""
    rng = random.Random(seed)
    out_sentences = []
    total = changed = 0
    for line in text.split("\n"):
        end = line.rstrip()[-1:] if line.rstrip()[-1:] in ".!?" else ""
        body = line.rstrip()[:-1] if end else line
        clauses = [c for c in re.split(r",\s+", body) if c]
        if len(clauses) > 1 and rng.random() < 0.5:
            i = rng.randrange(len(clauses) - 1)
            clauses[i], clauses[i + 1] = clauses[i + 1], clauses[i]
        out_words = []
        for token in _TOKEN.findall(", ".join(clauses) + end):
            if not token[0].isalnum():
                out_words.append(token)
                continue
            total += 1
            roll = rng.random()
            if roll < replace_share:
                changed += 1
                out_words.append(SYNONYMS.get(token.lower()) or rng.choice(FILLER))
            elif roll < replace_share + drop_share:
                pass  # dropped
            else:
                out_words.append(token)
        out_sentences.append(_join(out_words))
    if len(out_sentences) > 2:
        i = rng.randrange(1, len(out_sentences) - 1)
        out_sentences[i], out_sentences[i + 1] = out_sentences[i + 1], out_sentences[i]
    return "\n".join(out_sentences), changed / max(1, total)


def typos(text: str, seed: int, share: float = 0.08) -> str:
    """Copy with typos: a share of the words of 4+ letters get a swapped, lost or doubled letter."""
    rng = random.Random(seed)

    def garble(match: re.Match) -> str:
        word = match.group()
        if len(word) < 4 or rng.random() >= share:
            return word
        i = rng.randrange(1, len(word) - 1)
        kind = rng.randrange(3)
        if kind == 0:
            return word[:i] + word[i + 1] + word[i] + word[i + 2:]
        if kind == 1:
            return word[:i] + word[i + 1:]
        return word[:i] + word[i] + word[i:]

    return re.sub(r"[A-Za-z]+", garble, text)


def _join(tokens: list[str]) -> str:
    text = " ".join(tokens)
    return re.sub(r"\s+([^\w\s\"'(“‘])", r"\1", text)

"""In-body boilerplate removal, one paragraph at a time.

Extractors such as trafilatura find the article container; what they leave inside it is the
publisher's furniture: newsletter sign-up blocks, "Advertisement", "Related:" lists, share bars,
photo credits, cookie notices, subscription pitches. The rules match the *shape* of those lines
(a call to sign up for alerts, a bare label, a bracketed teaser tag) rather than one site's
wording, because scraper sites machine-translate them: "Get national news / For news that affects
Canada ..., please sign up for breaking news alerts ..." is still a newsletter block.

Every removed paragraph is reported with its reason, so nothing disappears silently.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from dataclasses import dataclass

from ..document import Removed
from . import interface_words as vocabulary
from .lines import line_key

_I = re.IGNORECASE

# (reason, pattern, most words a matching line may have, words one of which must occur in the
# lowercased line for the pattern to be worth running — a cheap filter, as most lines are prose).
# Long lines are article prose even when they mention "subscribe" or "cookies", so every rule is
# bounded.
_LINE_RULES: tuple[tuple[str, re.Pattern[str], int, tuple[str, ...]], ...] = (
    ("advertisement", re.compile(
        r"^(advertisement|advertising|advert|ads?|sponsored( content)?|paid (content|post)|promoted"
        r"|(story|article) continues (below|after advertisement)|continue reading( (below|the main story))?"
        r"|scroll to continue( with content)?|publicit[ée]|anzeige|werbung|publicidad|pubblicit[àa])"
        r"(\s+advertisement)?[\s.:\-–—]*$", _I), 6, ()),
    ("newsletter", re.compile(
        r"\b(sign(ing)?[ -]?up|subscrib(e|ing)|register|opt in)\b.{0,100}"
        r"\b(newsletters?|alerts?|inbox|e-?mails?|updates|briefings?|digest|bulletins?)\b", _I), 45,
        ("sign", "subscri", "regist", "opt in")),
    ("newsletter", re.compile(
        r"\b(newsletters?|news alerts?|e-?mail alerts?)\b.{0,100}\b(sign(ing)?[ -]?up|subscrib(e|ing))\b", _I), 45, ("newsletter", "alert")),
    ("newsletter", re.compile(
        r"\b(delivered|sent|straight|directly)\b.{0,30}\b(to|in)( your| you)\b.{0,12}"
        r"\b(inbox|mailbox|e-?mail|every (morning|day|week)|when (they|it) (happen|occur)s?)", _I), 45,
        ("deliver", "sent", "straight", "direct")),
    ("newsletter", re.compile(r"\bnewsletters?\b", _I), 8, ("newsletter",)),
    ("navigation", re.compile(
        r"^(related( (articles?|stories|content|coverage|news|links|reading|posts?|videos?))?"
        r"|read (more|also|next)|also read|see (more|also)|more (from|on|about) [^:|]{1,40}"
        r"|more|recommended( (reading|for you|stories))?|watch( more| now)?|listen( now)?|up next|next( up)?"
        r"|previous|trending( now)?|most (read|popular|viewed)|don'?t miss|must read"
        r"|you (may|might) (also )?(like|enjoy)|further reading|tags?|topics?|categories|filed under"
        r"|mehr zum thema|lesen sie auch|leia (também|mais)|veja (também|mais)|lire aussi|leggi anche)"
        r"\s*[:|>»\-–—]\s*\S", _I), 40, ()),
    ("navigation", re.compile(
        r"^(related( (articles?|stories|content|coverage|news|links|posts?))?|read more|see more|see also"
        r"|more( stories| news| videos)?|don'?t miss|recommended( for you)?|trending( now)?"
        r"|most (read|popular|viewed)|you (may|might) (also )?(like|enjoy)|up next|tags?|topics?|categories"
        r"|filed under|comments?|\d+ comments?|leave a (comment|reply)|show comments|view comments"
        r"|tell us what you think|back to top|(next|previous) (article|story|post)|home|menu|skip to content"
        r"|click here|load more|view gallery)[\s.:!?…»>\-–—]*$", _I), 6, ()),
    ("navigation", re.compile(r"^also on [\w.-]+\.[a-z]{2,}\b", _I), 40, ("also on",)),
    ("navigation", re.compile(r"\S.*\s\[(?:[A-Z]{3,}|[A-Z]+ [A-Z]+)\]\s*\|?\s*$"), 30, ("]",)),
    ("share", re.compile(
        r"^((share|tweet|e-?mail|print|save|whatsapp|facebook|twitter|linkedin|pinterest|reddit|messenger"
        r"|flipboard|telegram|copy link|link copied|share this( article| story| post| page)?"
        r"|share (on|via) \w+|click to share on \w+)[\s|·•/,:]*){1,10}$", _I), 20, ()),
    ("share", re.compile(r"^(like|enjoy(ed)?|love) this (story|article|post)\?.{0,60}\bshare\b", _I), 20, ("share",)),
    ("photo-credit", re.compile(
        r"^\(?\s*(photo(graph)?s?|images?|pictures?|pics?|foto(s|grafia)?|bild|credits?|photo credit|image credit"
        r"|image source|photo source|illustration)\s*(by|credit|source)?\s*[:©]", _I), 25, ()),
    ("photo-credit", re.compile(
        r"(\(|\b)(AP|AFP|Reuters|EPA|PA|Getty( Images)?|Shutterstock|iStock|Bloomberg)\s*(Photo|Images|Wire)?"
        r"\s*(/[^)]{0,60})?\)\s*$"), 25, (")",)),
    ("photo-credit", re.compile(r"^\(?(AP|AFP|Reuters|EPA|Getty|Shutterstock|iStock)\b[\w /]{0,40}\)?$"), 8, ()),
    ("cookie-notice", re.compile(
        r"\bcookies?\b.{0,120}\b(use|using|accept|consent|policy|settings|browsing|experience|agree|continu)", _I), 70, ("cookie",)),
    ("cookie-notice", re.compile(
        r"\b(use|using|accept|consent|policy|settings|browsing|experience|agree|continu)\w*\b.{0,120}\bcookies?\b", _I), 70, ("cookie",)),
    ("contact", re.compile(
        r"(^follow\b.{0,60}\bon (twitter|facebook|instagram|x|linkedin|youtube|tiktok|threads|bluesky)\b"
        r"|\bfollow (him|her|us|them|me)\b.{0,40}\b(twitter|facebook|instagram|linkedin)\b"
        r"|^(e-?mail|contact|reach)\b.{0,60}\bat \S+@\S+"
        r"|^(reach|contact) the (reporters?|authors?|writers?)\b|^have a (news )?tip\b)", _I), 60,
        ("follow", "mail", "contact", "reach", "tip")),
    ("credit", re.compile(
        r"^\(?\s*((additional )?reporting|writing|editing|compiled|edited) by\b.{0,200}\)?$", _I), 50, (" by",)),
    ("promotion", re.compile(
        r"(\bfor your personal,? non-?commercial use\b|^if you (enjoyed|liked|value) this (article|story)"
        r"|^(support|fund) (our|independent|quality) journalism|^become a (member|subscriber|supporter)"
        r"|^already (a subscriber|have an account)|^(subscribe|join) (now|today)\b|^start your free trial"
        r"|^get (unlimited|full|digital) access\b)", _I), 60, ()),
    ("copyright", re.compile(r"^(copyright|©|\(c\))\s*(\d{4}|[^\W\d_])|\ball rights reserved\b", _I), 25, ()),
)

# A heading that opens a list of links: the short lines after it are links, not prose.
_LIST_OPENER = re.compile(
    r"^(related( (articles?|stories|content|coverage|news|links|posts?))?|read more|see also|more stories"
    r"|don'?t miss|recommended( for you)?|most (read|popular)|trending( now)?|you (may|might) (also )?like"
    r"|related\s*[:|].*|tags?)[\s.:!…»\-–—]*$", _I)
_BULLET = re.compile(r"^\s*([-•*▪►›»·]|\d+[.)])\s+\S")
_SENTENCE_END = re.compile(r"[.!?…:;\"”’)]\s*$")


@dataclass
class CleanBody:
    paragraphs: list[str]
    removed: list[Removed]


def _words(line: str) -> int:
    return len(line.split())


# --- the interface vocabulary of four languages (interface_words.py), by line shape ---------------

# A label is nothing but interface words: "Teilen mit:", "Wird geladen …", "Compartir en Facebook".
_LABEL_WORDS = 6
_LABEL_KINDS = (
    ("advertisement", vocabulary.phrases(vocabulary.ADVERTISEMENT)),
    ("loading", vocabulary.phrases(vocabulary.LOADING)),
    ("share", vocabulary.phrases(vocabulary.SHARE, vocabulary.NETWORKS, vocabulary.LIKE)),
    ("navigation", vocabulary.phrases(vocabulary.RELATED, vocabulary.COMMENTS)),
)
_ANY_LABEL = vocabulary.phrases(
    vocabulary.ADVERTISEMENT, vocabulary.LOADING, vocabulary.SHARE, vocabulary.NETWORKS, vocabulary.LIKE,
    vocabulary.RELATED, vocabulary.COMMENTS,
)
_CONNECTOR = vocabulary.phrases(vocabulary.CONNECTORS)
_LETTER = re.compile(r"[^\W\d_]")
# A related-story teaser: "Lesen Sie auch: <headline>", "À lire aussi : <headline>".
_RELATED_PREFIX = re.compile(rf"^(?:{vocabulary.phrases(vocabulary.RELATED).pattern})\s*[:|>»\-–—]\s*\S", re.IGNORECASE)
_TEASER_WORDS = 40
# A pitch: sign up + newsletter, or "your" right before a mailbox ("in Ihrem Postfach").
_PITCH_WORDS = 45
_SUBSCRIBE = vocabulary.phrases(vocabulary.SUBSCRIBE)
_RECEIVE = vocabulary.phrases(vocabulary.RECEIVE)
_NEWSLETTER = vocabulary.phrases(vocabulary.NEWSLETTER)
_MAILBOX = vocabulary.phrases(vocabulary.MAILBOX)
_YOUR_MAILBOX = re.compile(
    rf"(?:{vocabulary.phrases(vocabulary.SECOND_PERSON).pattern}|(?-i:{vocabulary.phrases(vocabulary.SECOND_PERSON_FORMAL, ignore_case=False).pattern}))"
    rf"(?:\s+\S+){{0,2}}\s+(?:{_MAILBOX.pattern})",
    re.IGNORECASE,
)
_NEWSLETTER_NAME_WORDS = 8
# A call to action: download the app, follow us on a network.
_ACTION_WORDS = 15
_DOWNLOAD = vocabulary.phrases(vocabulary.DOWNLOAD)
_APP = vocabulary.phrases(vocabulary.APP)
_FOLLOW = vocabulary.phrases(vocabulary.FOLLOW)
_NETWORK = vocabulary.phrases(vocabulary.NETWORKS)


# Cheap first test per rule: one of these words must be in the line (a set lookup per line,
# where the patterns above are long alternations).
_LABEL_FIRST = vocabulary.first_words(
    vocabulary.ADVERTISEMENT, vocabulary.LOADING, vocabulary.SHARE, vocabulary.NETWORKS, vocabulary.LIKE,
    vocabulary.RELATED, vocabulary.COMMENTS,
)
_RELATED_FIRST = vocabulary.first_words(vocabulary.RELATED)
_ACTION_FIRST = vocabulary.first_words(vocabulary.SUBSCRIBE, vocabulary.RECEIVE)
_LETTER_FIRST = vocabulary.first_words(vocabulary.NEWSLETTER, vocabulary.MAILBOX)
_NEWSLETTER_FIRST = vocabulary.first_words(vocabulary.NEWSLETTER)
_CTA_FIRST = vocabulary.first_words(vocabulary.DOWNLOAD, vocabulary.FOLLOW)


def _interface_line(text: str, word_count: int) -> str | None:
    """The boilerplate kind of a line by the interface vocabulary, or None."""
    text = text.replace("’", "'")
    seen = vocabulary.tokens(text)
    if word_count <= _LABEL_WORDS and seen & _LABEL_FIRST and _ANY_LABEL.search(text):
        rest = _CONNECTOR.sub(" ", _ANY_LABEL.sub(" ", text))
        if not _LETTER.search(rest):
            return next(reason for reason, pattern in _LABEL_KINDS if pattern.search(text))
    if word_count <= _TEASER_WORDS and seen & _RELATED_FIRST and _RELATED_PREFIX.search(text):
        return "navigation"
    if seen & _LETTER_FIRST:
        if seen & _ACTION_FIRST:
            subscribe = _SUBSCRIBE.search(text)
            if (subscribe or _RECEIVE.search(text)) and (
                _NEWSLETTER.search(text) or (subscribe and _MAILBOX.search(text))
            ):
                return "newsletter"
        if _MAILBOX.search(text) and _YOUR_MAILBOX.search(text):
            return "newsletter"
        if word_count <= _NEWSLETTER_NAME_WORDS and seen & _NEWSLETTER_FIRST and _NEWSLETTER.search(text):
            return "newsletter"
    if word_count <= _ACTION_WORDS and seen & _CTA_FIRST and (
        (_DOWNLOAD.search(text) and _APP.search(text)) or (_FOLLOW.search(text) and _NETWORK.search(text))
    ):
        return "promotion"
    return None


def classify_line(line: str) -> str | None:
    """The boilerplate kind of one paragraph on its own, or None when it reads as article text."""
    text = line.strip()
    if not text:
        return None
    words = _words(text)
    lowered = text.lower()
    for reason, pattern, max_words, needs in _LINE_RULES:
        if words > max_words or (needs and not any(word in lowered for word in needs)):
            continue
        if pattern.search(text):
            return reason
    return _interface_line(text, words) if words <= _PITCH_WORDS else None


def _is_short_heading(line: str) -> bool:
    return 0 < _words(line) <= 7 and not _SENTENCE_END.search(line)


def strip_boilerplate(
    paragraphs: Sequence[str], *, recurring_lines: Container[str] = frozenset()
) -> CleanBody:
    """Remove boilerplate paragraphs, reporting each with its reason.

    Besides the per-line rules, two block rules catch what a line alone cannot show: a short
    heading right before a newsletter pitch belongs to it ("Get national news"), and the short
    lines under a "Related" / "Don't miss" heading are links, not prose.
    """
    reasons: list[str | None] = []
    for line in paragraphs:
        reason = classify_line(line)
        if reason is None and recurring_lines and line_key(line) in recurring_lines:
            reason = "site-recurring"
        reasons.append(reason)

    for i, line in enumerate(paragraphs):
        # A teaser heading glued to the pitch under it: "Get national news" + "please sign up ...".
        if reasons[i] is None and i + 1 < len(paragraphs) and reasons[i + 1] in ("newsletter", "promotion"):
            if _is_short_heading(line):
                reasons[i] = reasons[i + 1]
        # The list under "Related" / "Don't miss": bullets, bracket-tagged teasers or short headlines.
        if reasons[i] == "navigation" and _LIST_OPENER.match(line.strip()):
            j = i + 1
            while j < len(paragraphs) and reasons[j] in (None, "navigation"):
                follower = paragraphs[j].strip()
                if _BULLET.match(follower) or (
                    line.strip().lower().startswith("tag") and j == i + 1 and _words(follower) <= 40
                    and not _SENTENCE_END.search(follower)
                ):
                    reasons[j] = "navigation"
                    j += 1
                    continue
                break

    kept: list[str] = []
    removed: list[Removed] = []
    for line, reason in zip(paragraphs, reasons):
        if reason is None:
            kept.append(line)
        else:
            removed.append(Removed(text=line.strip(), reason=reason))
    return CleanBody(paragraphs=kept, removed=removed)

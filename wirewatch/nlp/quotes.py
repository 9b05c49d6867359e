"""Direct quotes and who said them.

Two passes over the plain text, independent of the statistical pipeline so that they behave the
same with any model:

1. `find_quote_spans` pairs quotation marks (curly or straight, double or single, nested single
   quotes and curly quotes inside a straight one ignored). A quote never runs past its paragraph: a paragraph that ends inside a quote
   either continues in the next paragraph (which then opens with a quotation mark, the newspaper
   convention) or was unbalanced, and in both cases the rest of the article is read afresh.
2. `attribute` finds the cue and the speaker around each quote: after it (", said Jan Hoekstra",
   "," he said", ", the Chancellor said"), before it ("X said: “", "X told Y that China remained
   “open"), or from the quote before it (continuation: "“…,” he said. “…”"), or from the
   paragraph before a bare quote paragraph when it reports a person's speech ("Hoekstra said
   that …" then "“We …”"). A sentence that runs on past a partial quote is
   attributed by the reporting clause closing it ("“…” that X will win, said Jan Hoekstra");
   a title in lower case may stand between the cue and the name ("said retired harbour
   master Jan Hoekstra"); a pronoun subject may hand over with a colon ("She then turned to the
   council: “…”"); a pronoun speaker in a reported clause shows as the sentence's named
   subject when both are the same person ("Novak condemned what she called “…”"); a digest
   item names its speaker after a dash ("HEADLINE - Jan Hoekstra: “…”"). After a quote
   handed over with a comma any verb is a cue ("“…,” Bozell concludes", "“…,” agrees Bozell");
   a long partial quote
   with no cue goes to the subject of the verb above it ("Moore thanked him for “…”"); speaker
   words that name nobody (a clause fragment, an adverbial, a time) give way to the next way of
   finding the speaker. Only the clause that reports a quote attributes it: a cue word used as
   a noun ("the port's financial state was") is no cue; a cue after a partial quote that goes on
   with words of its own ("…,” he claimed they had never met"), a condition ("if she continues
   …") and the main clause after an opening subordinate clause holding the quote ("Although X
   admitted “…,” Y argued …") do not attribute it; a participle set off by a comma (", calling it
   “…”") belongs to the sentence's main subject; "according to" names its source after it. Speakers are name mentions of resolved entities, role nouns bound by resolution ("the Prime Minister"), pronouns
   (the subject of the nearest sentence that names a person), or other noun phrases ("a
   spokesman"), which keep `speaker` null.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from wirewatch.document import Mention, Quote

from .gender import pronoun_gender
from .referents import NOMINATIVE_PRONOUN, Referents
from .resolve import Resolution
from .speech_nouns import owned_speech

CUES = (
    "said|says|say|told|tells|tell|added|adds|urged|urges|warned|warns|wrote|writes|asked|asks|"
    "explained|explains|noted|notes|insisted|insists|argued|argues|stated|states|declared|"
    "declares|continued|continues|recalled|recalls|acknowledged|acknowledges|admitted|admits|"
    "claimed|claims|replied|replies|responded|responds|announced|announces|tweeted|tweets|"
    "posted|stressed|stresses|emphasized|emphasised|emphasizes|suggested|suggests|remarked|"
    "conceded|concedes|cautioned|predicted|predicts|observed|complained|complains|countered|"
    "concluded|joked|quipped|vowed|vows|promised|promises|pledged|boasted|lamented|shouted|"
    "yelled|expressed|described|describes|called|calls|dubbed|labeled|labelled|branded|"
    "termed|read|reads|saying|adding|telling|writing|noting|warning|urging|arguing|calling|"
    "asking|insisting|describing|[Aa]ccording to|put it|puts it|wondered|demanded|charged|"
    "reported|reports|wrote in|testified|contended|maintained|explained|agreed|disagreed|"
    "believes|believed|thinks|thought|hopes|hoped|feared|fears|went on|goes on|pressed|fumed|"
    "asserted|asserts|conclude|state|exclaimed|confessed|echoed|interjected|retorted|recounted|"
    "answered|answers|mused|scoffed|shot back|chimed in|elaborated|sings|sang|characterized|"
    "characterizes|characterised|accused|accuses|criticized|criticised|criticizes|likened|"
    "exhorted|chanted|chanting|call|tweeting|posting|declaring|explaining|stating|claiming|"
    "replying|responding|announcing|answering|predicting|promising|pledging|vowing|suggesting|"
    "stressing|acknowledging|admitting|conceding|complaining|joking|recalling|concluding|"
    "commenting"
)
_CUE = rf"(?:{CUES})"
_PRONOUN = r"(?:he|she|they|He|She|They|I|we|We|it|It)"
_GROUP_NOUNS = (
    r"(?:sources|officials|analysts|experts|aides|critics|supporters|people|witnesses|residents|"
    r"police|authorities|observers|advisers|advisors|organizers|organisers|investigators|"
    r"prosecutors|lawmakers|Democrats|Republicans|voters|economists|diplomats|others|many)"
)
_NAME = r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen)\.? )?[A-Z][\w.'’\-]*(?: (?:[A-Z][\w.'’\-]*|de|van|von|bin|al))*"
_DETERMINER = r"(?:[Tt]he|[Aa]n?|[Aa]nother|[Oo]ne|[Hh]is|[Hh]er|[Tt]heir)"
_NOUN_PHRASE = rf"{_DETERMINER}(?: [\w.'’\-]+){{1,5}}?"
# "Obama's former campaign strategist", "Clinton’s spokesman": someone else than the name.
_POSSESSIVE_NP = rf"{_NAME}['’]s(?: [a-z][\w\-]*){{1,4}}?"
_POSSESSOR = re.compile(r"[A-Z][\w.\-]*(?: [A-Z][\w.\-]*)*['’]s ")
_SPEAKER = rf"(?:{_PRONOUN}|{_NOUN_PHRASE}|{_GROUP_NOUNS}|{_NAME})"
_ADVERBS = (
    r"(?:also|then|still|later|again|once again|previously|recently|earlier|further|simply|"
    r"has|had|have|has also|would|will|was|is|repeatedly|often|once|later|reportedly|"
    r"on \w+|in a statement|in an interview|this week|last week)"
)
_OPEN_TAIL = r"[\s,:;—–\-]*"  # what sits between a closing mark and the attribution

_AFTER_SPEAKER_CUE = re.compile(
    rf"^{_OPEN_TAIL}(?P<spk>{_SPEAKER})(?: {_ADVERBS})* (?P<cue>{_CUE})\b"
)
_CUE_AFTER_MENTION = re.compile(rf"[\s,]*(?:{_ADVERBS} )?(?:{_CUE})\b")
# "“…,” said NBC's Dante Chinni", "…, noted Chinni": the cue right after a quote or a comma,
# then the speaker ("X said Clinton doesn't …" makes Clinton the subject of what X said).
_CUE_BEFORE_MENTION = re.compile(
    rf"(?:[”\"’'][\s,]*|,\s+)(?:{_CUE})(?: {_ADVERBS})?\s+(?:[A-Z][\w.’'\-]*\s+){{0,3}}$"
)
_CUE_ANYWHERE = re.compile(rf"(?<![\w’'\-])(?P<cue>{_CUE})(?![\w’'])")
# Any verb in the third person or the past ("concludes", "points out", "retaliated"): after a
# quote handed over with a comma, "“…,” Bozell concludes." is an attribution whatever the verb.
# The closed-class words that end like one are not verbs.
_ANY_VERB = re.compile(r"(?<![\w’'\-])(?P<cue>[a-z]{2,}(?:ed|s))(?![\w’'\-])")
_NOT_VERBS = {
    "is", "was", "has", "does", "his", "hers", "its", "this", "thus", "us", "as", "plus", "always",
    "perhaps", "yes", "less", "unless", "across", "whereas", "besides", "towards", "afterwards",
    "ours", "yours", "theirs", "news", "others", "various", "numerous", "famous", "serious",
    "previous", "obvious", "nervous", "anxious", "jealous", "ones", "times", "years", "days",
}
_TRAILING_ADVERBIAL = re.compile(
    rf"(?:,? (?:{_ADVERBS}|on \w+ \d+|in \w+|at \w+|after \w+|during \w+)|,)\s*$"
)
_TRAILING_PARENTHESIS = re.compile(r"\s*\([^()]{1,40}\)\s*$")
_NOT_A_SPEAKER_START = re.compile(
    r"\s*(?:and|but|or|which|that|who|as|because|while|when|if|so|then|what|where|how|although|"
    r"though|whereas|since|unless|until|after|before)\b"
)
_DASH_SPEAKER = re.compile(rf"^[\s,.]*[―—–]+\s*(?P<spk>{_NAME})")
# One appositive between commas: " the foreign minister of France", " a member of ...", " 56".
_APPOSITIVE_SEGMENT = re.compile(r" (?:the|a|an|who|whose|one|[a-z]+|\d+)\b[^“”\"\n;:!?]{0,90}$")
# Between a reporting cue and a second cue: its object and a pronoun subject ("said he",
# "told reporters that she").
_REPORTED_SUBJECT = re.compile(
    r"(?: (?:reporters|journalists|the [a-z]+|an? [a-z]+|them|him|her|us|me))?(?: that)?"
    r" (?:he|she|they|it|I|we)(?: (?:still|also|had|has|have|now|always|never|once))? "
)
# "… as a “", "… as being in the “": the quoted words characterise the object.
_AS_CHARACTERISATION = re.compile(r"\bas (?:being )?(?:(?:in|on|at|of) )?(?:(?:a|an|the) )?$")
_VERB_AFTER_SUBJECT = re.compile(
    r"(?: \([^()]{1,20}\))?(?:,[^,]{1,60},)*(?: (?:has|have|had|is|was|were|are|been|has been|have been|had been|"
    r"will|would|once|also|again|then|\w+ly))* (?P<verb>[a-z]+(?:ed|es|s|ing))\b"
)
# A transcript turn quoted whole: "PENCE: Well, …", "MR. TRUMP: …" (capitals, then a colon).
_TRANSCRIPT_LABEL = re.compile(r"(?P<label>(?:[A-Z]{2,}\.? )?[A-Z][A-Z'’\-]+(?: [A-Z][A-Z'’\-]+){0,2}):\s+(?=\S)")
_APPOSITIVE = re.compile(r",[^,“”\"]{1,90},\s*$")
_SPEAKER_AT_END = re.compile(
    rf"(?:(?<![\w’']){_PRONOUN}|(?<![\w’']){_GROUP_NOUNS}|{_NOUN_PHRASE}|{_POSSESSIVE_NP}|{_NAME})\s*$"
)
_PREPOSITIONS = (
    r"(?:at|in|on|during|after|before|with|from|for|to|by|of|into|about|under|over|than|like|"
    r"through|without|inside|outside|near)"
)
# After the cue a determiner phrase runs to the end of its words ("said the trade chief."),
# stopping at a preposition or a clause ("said a spokesman for the union", "who ...").
_PHRASE_AFTER_CUE = (
    rf"{_DETERMINER}(?: (?!(?:{_PREPOSITIONS}|who|which|that|and|but|on|in)\b)"
    r"(?:(?:[A-Z]\.)+|[\w'’\-]+)){1,5}"
)
# (used with .match at a position: no "^", which would only match at the text's start)
_AFTER_CUE_SPEAKER = re.compile(
    rf"{_OPEN_TAIL}(?P<cue>{_CUE})(?: {_ADVERBS})? (?P<spk>{_PRONOUN}\b|{_PHRASE_AFTER_CUE}|{_NAME})"
)
_PREPOSITION_WORDS = set(_PREPOSITIONS[3:-1].split("|"))
# "… that the council will approve it, said X." ends there, or hands over to an appositive.
_CLAUSE_END = re.compile(r"\s*(?:[.!?,;]|$)")
# A personal pronoun as the subject of a sentence: first, or after an opening conjunction or
# an adverbial set off by a comma.
_OPENING_PRONOUN = re.compile(
    r"(?:(?:And|But|So|Then|Now|Later|Instead)\s+)?(?:[^,“”\"]{1,60},\s+)?"
    r"(?P<pronoun>[Hh]e|[Ss]he|[Tt]hey|I|[Ww]e)\s"
)
_ANY_SUBJECT_PRONOUN = re.compile(r"(?<![\w’'])(?:[Hh]e|[Ss]he|[Tt]hey|I|[Ww]e)(?![\w’'])")
_PLACE_AFTER_NAME = re.compile(r" (?:of|from) [A-Z]")
# A title in lower case, then a name, up to a comma or the end of the sentence: "retired
# harbour master Jan Hoekstra", "former Harbour Board chairman and port Gov. Ivo Brandt".
_TITLED_PHRASE = re.compile(r"\s+(?P<title>[\w.'’&\-]+(?: +[\w.'’&\-]+){0,11})")

_PREPOSITION_INSIDE = re.compile(rf" {_PREPOSITIONS}(?= )")
_DETERMINER_START = re.compile(rf"{_DETERMINER} ")
# Nominative pronouns are always subjects (unlike "it" or "her").
# ... where it opens its clause: the sentence, a comma, "and"/"but" ("because they …" is not).
_SUBJECT_PRONOUN = re.compile(
    r"(?:^\s*|,\s+|(?<![\w’'])(?:and|but|then)\s+)(?P<pronoun>[Hh]e|[Ss]he|[Tt]hey|I|[Ww]e)(?![\w’'])"
)
_INVERTED_CUE = re.compile(
    rf"^\s*(?P<cue>Said|Says|Added|Adds|Asked|Asks|Wrote|Writes)\s+"
    rf"(?P<spk>{_NAME}|{_DETERMINER}(?: [\w.’'\-]+){{1,5}}?)"
    # "Said Lena Marsh, who has run the stall for years, “…”": an aside after the name
    r"(?:,(?: (?:who|a|an|the)\b)[^,“”\"]{1,90})?\s*[,:]?\s*$"
)
_LONE_PRONOUN_AT_END = re.compile(r"(?<![\w’'])(?:[Hh]e|[Ss]he|[Tt]hey|I|[Ww]e|[Ii]t)$")
_SUBORDINATORS = {"while", "when", "because", "if", "although", "though", "whereas", "since"}
_PASSIVE_BEFORE = re.compile(r"(?<![\w’'])(?:is|was|are|were|be|been|being)(?: \w+ly)? $")
_PREPOSITION_BEFORE = re.compile(rf"(?<![\w’'])(?i:{_PREPOSITIONS})\s+$")
# A whole speaker phrase with its prepositional modifiers, no verb: "a narrator in the Clinton
# ad", "one official at the ministry", "the head of the union in Ohio".
_WHOLE_PHRASE_SPEAKER = re.compile(
    rf"(?:{_DETERMINER}|[A-Z][\w.\-]*(?: [A-Z][\w.\-]*)*['’]s)(?: [\w.’'\-]+){{1,8}}"
)
_ABBREVIATIONS = {
    "Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Jr", "Sr", "Inc",
    "Co", "Corp", "No", "vs", "Prof", "Rev", "Capt", "Sgt", "Adm", "Jan", "Feb", "Aug", "Sept",
    "Oct", "Nov", "Dec", "Mt", "Ft",
}
_SENTENCE_END = re.compile(r"[.!?][”\"’']?(?=\s+[“\"‘'(A-Z0-9])|\n")
_PARTICIPLES = {word for word in CUES.split("|") if word.endswith("ing")}
_NOMINAL_DEPS = {"nsubj", "nsubj:pass", "obj", "iobj", "obl", "nmod", "appos", "conj", "flat", "compound", "dobj", "pobj"}
_RELATIVE_WHO_AT_END = re.compile(r",?\s+who\s*$")
_PRONOUNS_LOWER = {"he", "she", "they", "i", "we", "it"}
_FUNCTION_WORDS = {
    "the", "a", "an", "of", "to", "in", "on", "at", "for", "with", "by", "from", "who", "that",
    "which", "what", "it", "and", "or", "but", "as", "than", "this", "these", "those", "is",
    "was", "were", "are", "be", "been", "has", "have", "had", "not", "no", "into", "about",
}
_COLON_SPEAKER = re.compile(r"\s*(?P<spk>[^:;,“”\"‘’()]{2,70}?)\s*:\s*")
_DEFINITE_PHRASE = re.compile(r"(?:[Tt]he|[Tt]his|[Tt]hat|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[\w.’'\-]+['’]s)(?: [\w.’'\-]+){1,5}")
# Nouns for people by their role: agent suffixes ("negotiator", "spokesperson", "economist",
# "president", "trustee") and a few role words without one.
_ROLE_NOUN = re.compile(
    r"(?:(?<!m)en|er|or|ist|man|men|woman|person|ian|ant|(?<!m)ent|ee|chief|head|official|aide|"
    r"envoy|leader|source|staff|minister)s?$"
)
MIN_UNATTRIBUTED_WORDS = 6  # shorter unattributed quotes are titles or scare quotes
# A single quoted word ("called it “outrageous”") is a scare quote or a term, not a quotation.
MIN_QUOTE_WORDS = 2

# Cue verbs as single words, for the parse: the rule list plus forms it does not need.
# "call" is a cue only in the rules ("what they call “…”"); the parse meets "to call a meeting".
_CUE_WORDS = {
    word.lower() for word in CUES.split("|") if re.fullmatch(r"[a-z]+", word) and word != "call"
} | {
    "claiming", "proclaimed", "proclaims", "accused", "accuses", "accusing", "tweeting", "yells",
    "sings", "sang", "singing", "quoted", "quoting", "scolded", "scolds", "blasted", "slammed",
    "mocked", "denounced", "pleaded", "pleads", "stating", "declaring", "announcing", "claiming",
    "explaining", "replying", "responding", "answering", "answered", "answers", "recalling",
    "warning", "predicting", "promising", "pledging", "vowing", "suggesting", "stressing",
    "acknowledging", "admitting", "conceding", "complaining", "declined", "joking", "texted",
    "emailed", "commented", "comments", "commenting", "insisting", "concluding",
}
_PASSIVE_OR_TEMPORAL = re.compile(r"\b(?:when|after|if|as|being|was|were|is|are|been)(?:\s+\w+ly)?\s+$")  # "when asked"
_SUBJECT_DEPS = {"nsubj", "nsubj:pass", "nsubjpass", "nsubj:outer"}
_RELATIVE_PRONOUNS = {"who", "which", "that"}
_NAME_PART_DEPS = {"flat", "flat:name", "compound"}
Parse = Callable[[int, int], Doc]


@dataclass
class _Found:
    """An attribution found around a quote: the speaker words and the cue."""

    speaker: tuple[int, int]
    cue: str
    entity_id: str | None = None
    entity_known: bool = False  # entity_id was decided by the finder (else looked up by words)


@dataclass
class QuoteSpan:
    """Where a quote's marks and content lie; `continued` when it reopens a paragraph's quote."""

    start: int  # first character of the content, after the opening mark
    end: int  # end of the content, before the closing mark (or the paragraph end)
    mark_start: int
    mark_end: int
    continued: bool = False


def _role_of_mark(text: str, i: int) -> str | None:
    """"open" / "close" / None (an apostrophe or stray mark) for the quotation mark at i."""
    ch = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if ch == "“":
        # A typo'd closing mark (“Apparently not,“ he said): glued to the words before it.
        if not before.isspace() and before not in "([{—–-/‘'\"" and i > 0 and (after.isspace() or after in ".,;:!?"):
            return "close"
        return "open"
    if ch == "”":
        return "close"
    if ch == '"':
        if before.isspace() and text[i - 2:i - 1] in ("'", "’") and (after.isspace() or after in ",.;:!?)"):
            return "close"  # "… the term 'African American outreach,' " he said
        return "open" if before.isspace() or before in "([{—–-/“‘" or i == 0 else "close"
    if ch in "‘'":
        if (before.isspace() or before in "([{—–-/“\"" or i == 0) and (after.isalnum() or after in "“\"…"):
            return "open"
        if ch == "'" and not before.isalnum() and before not in ".,!?…":
            return None
        return "close" if not after.isalnum() and not before.isspace() else None
    if ch == "’":
        return "close" if not after.isalnum() and not before.isspace() else None
    return None


_MARKS = re.compile(r"[“”\"‘’'\n]")
_DOUBLE = {"“", "”", '"'}


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Pair quotation marks into quote spans; an unbalanced mark loses at most its paragraph."""
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    open_double = True
    reopened = False
    pending_from: int | None = None  # where a paragraph ended inside a quote
    open_width = 1
    skip_until = -1  # the closing mark of a curly quote nested in a straight one
    for match in _MARKS.finditer(text):
        i = match.start()
        if i <= skip_until:
            continue
        ch = match.group()
        width = len(ch)
        if ch == "\n":
            if open_at is not None:
                end = _trim_end(text, open_at + open_width, i)
                if end > open_at + open_width:
                    spans.append(QuoteSpan(open_at + open_width, end, open_at, i, reopened))
                pending_from = i
                open_at = None
            continue
        role = _role_of_mark(text, i)
        if role is None:
            continue
        is_double = ch in _DOUBLE
        if open_at is None:
            if role == "open":
                reopened = pending_from is not None and text[pending_from:i].strip() == ""
                pending_from = None
                open_at, open_double, open_width = i, is_double, width
            continue
        if is_double != open_double:
            continue  # nested quote inside a quote (or an apostrophe inside a single quote)
        if role == "open" and ch == "“" and text[open_at] == '"':
            nested_end = _nested_curly_end(text, i)
            if nested_end is not None:
                skip_until = nested_end  # "… “Equal Justice Under Law” anymore.": a quote inside
                continue
        if role == "open" and is_double and ch != "”":
            # A second opening mark while open: the first one was unbalanced.
            open_at, reopened, open_width = i, False, width
            continue
        if role == "close" or (ch == '"' and role == "open"):
            end = _trim_end(text, open_at + open_width, i)
            if end > open_at + open_width:
                spans.append(QuoteSpan(open_at + open_width, end, open_at, i + width, reopened))
            open_at = None
    if open_at is not None:
        end = _trim_end(text, open_at + open_width, len(text))
        if end > open_at + open_width:
            spans.append(QuoteSpan(open_at + open_width, end, open_at, len(text), reopened))
    return [s for s in spans if re.search(r"\w", text[s.start:s.end])]


def _nested_curly_end(text: str, i: int) -> int | None:
    """Where a curly quote opened at i inside a straight-quoted one closes: its ” comes before
    the paragraph ends and a straight mark still follows it there to close the outer quote;
    else None (the straight quote was unbalanced, or closes with a curly mark)."""
    paragraph_end = text.find("\n", i)
    paragraph_end = len(text) if paragraph_end == -1 else paragraph_end
    close = text.find("”", i + 1, paragraph_end)
    if close == -1 or '"' in text[i + 1:close]:
        return None
    return close if '"' in text[close + 1:paragraph_end] else None


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def sentence_starts(text: str) -> list[int]:
    """Offsets where sentences start (rules: periods, ! ?, line breaks; abbreviations kept)."""
    starts = [0]
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if match.group() != "\n":
            word = re.search(r"([\w.]+)[.!?][”\"’']?$", text[max(0, end - 12):end])
            if word and (word.group(1) in _ABBREVIATIONS or re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", word.group(1))):
                continue
        while end < len(text) and text[end].isspace():
            end += 1
        if end < len(text) and end != starts[-1]:
            starts.append(end)
    return starts


class _Attributor:
    """Attribution for the quotes of one text (keeps the lookups it needs between quotes)."""

    def __init__(
        self, text: str, resolution: Resolution, spans: list[QuoteSpan], parse: Parse | None = None
    ) -> None:
        self.text = text
        self.parse = parse
        self.parsed: dict[tuple[int, int], Doc] = {}
        self.resolution = resolution
        self.spans = spans
        self.starts = sentence_starts(text)
        self.quoted = [(s.mark_start, s.mark_end) for s in spans]
        self.person_ends = {e: (s, eid) for s, e, eid in resolution.persons}
        self.mention_ends = {e: (s, eid) for (s, e), eid in resolution.entity_of_span.items()}
        self.mention_starts = {s: e for (s, e) in resolution.entity_of_span}
        self.name_starts = {e: s for e, (s, _) in self.mention_ends.items()}
        self._referents: Referents | None = None
        self.quote_starts = [s.mark_start for s in spans]

    @property
    def referents(self) -> Referents:
        """Genders, salience and roles of the article's entities, read only when needed."""
        if self._referents is None:
            self._referents = Referents(
                self.text, self.resolution, self.starts, self.inside_quote, self.sentence_has_quote,
                _CUE_AFTER_MENTION, _CUE_BEFORE_MENTION,
            )
        return self._referents

    def sentence_has_quote(self, pos: int) -> bool:
        start, end = self.sentence_start(pos), self.sentence_end(pos)
        index = bisect.bisect_left(self.quote_starts, start)
        return index < len(self.quote_starts) and self.quote_starts[index] < end or any(
            s < start < e for s, e in self.quoted[max(0, index - 1):index]
        )

    def sentence_start(self, pos: int) -> int:
        return self.starts[bisect.bisect_right(self.starts, pos) - 1]

    def sentence_end(self, pos: int) -> int:
        index = bisect.bisect_right(self.starts, pos)
        return self.starts[index] if index < len(self.starts) else len(self.text)

    def paragraph_bounds(self, pos: int) -> tuple[int, int]:
        start = self.text.rfind("\n", 0, pos) + 1
        end = self.text.find("\n", pos)
        return start, len(self.text) if end == -1 else end

    def inside_quote(self, start: int, end: int) -> bool:
        index = bisect.bisect_right(self.quoted, (start, 1 << 62)) - 1
        return index >= 0 and self.quoted[index][0] < start and end <= self.quoted[index][1]

    # -- speakers ------------------------------------------------------------------------------

    def speaker(self, start: int, end: int) -> tuple[str | None, Mention]:
        """Entity id (or None) and the mention for the speaker words at [start, end)."""
        words = self.text[start:end]
        # (a possessive pronoun owns the words a quote is the content of: "her remark that")
        pronoun = words.lower() in ("i", "we", "his", "her", "their") or bool(NOMINATIVE_PRONOUN.fullmatch(words))
        role = not pronoun and words[:1].islower()  # "the spokesperson", "a union official"
        mention = Mention(text=words, start=start, end=end, kind="pronoun" if pronoun else "role" if role else "name")
        if words.lower() in ("i", "we"):
            return self.pronoun(start), mention
        if words.lower() in _PRONOUNS_LOWER:
            # he/she/they/it: the agreeing, salient entity (it and they never a person).
            return self.referents.pronoun(start, words), mention
        owner = _POSSESSOR.match(words)
        if owner:
            # "Obama's former campaign strategist" is not Obama: only the head noun may name
            # the speaker (a role noun bound by resolution).
            head = start + words.rfind(" ") + 1
            return self.resolution.entity_at(head, end) or self.referents.role_holder(start, end), mention
        if _DETERMINER_START.match(words):
            # "a narrator in the Clinton ad", "a Homeland Security memo" are neither Clinton nor
            # the department: a mention must cover the head noun (before any preposition).
            modifier = _PREPOSITION_INSIDE.search(words)
            head_end = start + modifier.start() if modifier else end
            head_start = start + self.text.rfind(" ", start, head_end) - start + 1
            if self.resolution.entity_at(head_start, head_end) is None:
                # "the trade chief": the person the article gave that role, if any.
                return self.referents.role_holder(start, head_end), mention
            return self.resolution.entity_at(start, head_end), mention
        return self.resolution.entity_at(start, end), mention

    def pronoun(self, pos: int) -> str | None:
        """The person a pronoun at pos refers to: the subject of the nearest naming sentence."""
        sentence = self.sentence_start(pos)
        candidates = self.persons_between(sentence, pos)
        if candidates:
            return candidates[0]
        index = bisect.bisect_right(self.starts, sentence) - 1
        for _ in range(4):
            if index <= 0:
                break
            index -= 1
            found = self.persons_between(self.starts[index], self.starts[index + 1])
            if found:
                return found[0]
        return None

    def persons_between(self, start: int, end: int) -> list[str]:
        """Person entity ids mentioned in [start, end) outside quotes, non-possessives first."""
        persons = self.resolution.persons
        index = bisect.bisect_left(persons, (start, -1, ""))
        plain, possessive = [], []
        while index < len(persons) and persons[index][0] < end:
            s, e, entity_id = persons[index]
            index += 1
            if e > end or self.inside_quote(s, e):
                continue
            owner = self.text[e:e + 2] in ("'s", "’s")
            (possessive if owner else plain).append(entity_id)
        return plain + possessive

    def speaker_before(self, pos: int, limit: int | None = None) -> tuple[int, int] | None:
        """The speaker words ending at pos (after trimming adverbials and appositives).

        With `limit` (the speaker phrase between a closing mark and its cue) the whole phrase
        must be the speaker: "Rep. Gwen Moore (D-Wis.)", "the Prime Minister", "he".
        """
        window_start = max(0, pos - 160) if limit is None else limit
        left = self.text[window_start:pos]
        if limit is not None:
            if _NOT_A_SPEAKER_START.match(left) or len(left.split()) > 14:
                return None
        untrimmed = left
        chained = self.appositive_chain_head(window_start, untrimmed)
        if chained is not None:
            return chained
        for _ in range(4):
            trimmed = _TRAILING_PARENTHESIS.sub("", _TRAILING_ADVERBIAL.sub("", left))
            if trimmed == left:
                break
            left = trimmed
        relative = _RELATIVE_WHO_AT_END.search(left)
        if relative is not None and limit is None:
            # "Ivo Brandt, who said", "a negotiator who told reporters": the speaker is the
            # person the relative clause hangs on.
            return self.speaker_before(window_start + relative.start())
        end = window_start + len(left.rstrip())
        if end in self.mention_ends:
            return self.mention_ends[end][0], end
        # "Hillary Clinton, at a later press gaggle, said": the trimming may have eaten the
        # comma that closes the aside, so both forms are tried.
        for form in (left, untrimmed):
            appositive = _APPOSITIVE.search(form)
            if appositive:
                cut = window_start + appositive.start()
                if cut in self.mention_ends:
                    return self.mention_ends[cut][0], cut
        if limit is not None and self.whole_phrase_speaker(left.strip()):
            # Between a closing mark and its cue the whole phrase is the speaker, prepositions
            # included: "“…?” a narrator in the Clinton ad asks."
            start = window_start + len(left) - len(left.lstrip())
            return start, end
        match = _SPEAKER_AT_END.search(left.rstrip())
        if match:
            start = window_start + match.start()
            words = match.group()
            lowered = words.lower().split()
            if lowered[0] in ("and", "but") or lowered[0] in _PREPOSITION_WORDS or lowered[-1] in _FUNCTION_WORDS or (
                len(lowered) > 1 and (_FUNCTION_WORDS | _SUBORDINATORS).intersection(lowered[1:]) - {"of", "the"}
            ):
                # A clause, not a speaker, unless it ends in the cue's pronoun subject:
                # "… is denouncing what it calls “…”".
                lone = _LONE_PRONOUN_AT_END.search(left.rstrip())
                if lone and not _PREPOSITION_BEFORE.search(self.text, 0, window_start + lone.start()):
                    return window_start + lone.start(), window_start + lone.end()
                return None
            if _PREPOSITION_BEFORE.search(self.text, 0, start):
                return None  # "at a later press gaggle", "in a box": a place, not a speaker
            # A long capitalised run before the cue keeps only its last name-like part.
            return start, start + len(words.rstrip())
        return None

    def appositive_chain_head(self, window_start: int, left: str) -> tuple[int, int] | None:
        """The person heading two or three appositives before a cue: "Jean-Marc Ayrault, the
        foreign minister of France, a permanent member of the Security Council, said" is
        Ayrault, not the Security Council named in the last one."""
        if not left.rstrip().endswith(","):
            return None
        sentence = max(window_start, self.sentence_start(window_start + len(left) - 1))
        left = left[sentence - window_start:]
        window_start = sentence
        segments = left.rstrip()[:-1].split(",")
        for count in (3, 2):
            if len(segments) <= count:
                continue
            tail = segments[-count:]
            if not all(_APPOSITIVE_SEGMENT.match(segment) for segment in tail):
                continue
            cut = window_start + len(",".join(segments[:-count]))
            named = self.person_ends.get(cut)
            if named is not None:
                return named[0], cut
        return None

    @staticmethod
    def whole_phrase_speaker(words: str) -> bool:
        """A determiner or possessive phrase with prepositional modifiers but no clause."""
        if not _WHOLE_PHRASE_SPEAKER.fullmatch(words):
            return False
        lowered = words.lower().split()
        clause_words = _FUNCTION_WORDS - _PREPOSITION_WORDS - {"the", "a", "an"}
        return lowered[-1] not in _FUNCTION_WORDS and not clause_words.intersection(lowered[1:])

    # -- one quote -----------------------------------------------------------------------------

    def attribute(self, span: QuoteSpan, previous: Quote | None) -> Quote:
        text = self.text
        paragraph_start, paragraph_end = self.paragraph_bounds(span.start)
        content = text[span.start:span.end]
        quote = Quote(
            text=content, speaker=None, speaker_entity=None, speaker_mention=None, cue=None,
            start=span.start, end=span.end,
        )
        label = _TRANSCRIPT_LABEL.match(content)
        if label is not None:
            return self.transcript_turn(quote, label)
        found = self.plausible(self.after(span, paragraph_end))
        if found is None:
            found = self.owned_speech(span, paragraph_start)
        # Quotes that will not be reported (one word, a title) are not worth a parse.
        worth_parsing = len(content.split()) >= MIN_QUOTE_WORDS and not is_title(content)
        if found is None and self.parse is not None and worth_parsing:
            found = self.plausible(self.by_syntax(span, paragraph_start, paragraph_end))
        if found is None:
            found = self.plausible(self.before(span, paragraph_start))
        if found is None and span.mark_start == paragraph_start and paragraph_start > 0:
            found = self.plausible(self.colon_before_paragraph(paragraph_start))
        if found is None and previous is not None and previous.speaker_mention is not None:
            if self.continues(previous, span):
                quote.speaker = previous.speaker
                quote.speaker_entity = previous.speaker_entity
                quote.speaker_mention = previous.speaker_mention
                quote.cue = previous.cue
                return quote
        if found is None:
            found = self.plausible(self.previous_sentence(span, paragraph_start))
        if found is None and span.mark_start == paragraph_start and paragraph_start > 0:
            found = self.plausible(self.previous_paragraph(span, paragraph_start))
        if found is None and self.parse is not None and len(content.split()) >= MIN_UNATTRIBUTED_WORDS:
            found = self.plausible(self.governing_subject(span, paragraph_start, paragraph_end))
        if found is None:
            return quote
        if isinstance(found, _Found):
            (spk_start, spk_end), cue = found.speaker, found.cue
        else:
            (spk_start, spk_end), cue = found
        entity_id, mention = self.speaker(spk_start, spk_end)
        if isinstance(found, _Found) and found.entity_known:
            # A subject phrase the parse found names nobody by its words ("supporters of
            # Trump" is not Trump), but a role noun names the person given the role.
            entity_id = found.entity_id or self.referents.role_holder(spk_start, spk_end)
        if mention.kind == "pronoun" and entity_id is not None and mention.end <= span.mark_start:
            mention = self.named_earlier(mention, entity_id)
        entity = self.resolution.entity(entity_id)
        quote.speaker = entity.name if entity else None
        quote.speaker_entity = entity_id if entity else None
        quote.speaker_mention = mention
        quote.cue = cue
        return quote

    def owned_speech(self, span: QuoteSpan, paragraph_start: int) -> _Found | None:
        """The owner of the words the quote is the content of: "Brandt's answer was that “…”",
        "after her remark that “…”" (see nlp/speech_nouns.py)."""
        sentence = max(self.sentence_start(span.mark_start), paragraph_start)
        owned = owned_speech(self.text, sentence, span.mark_start, self.name_starts, _CUE_ANYWHERE)
        if owned is None:
            return None
        if owned.pronoun is not None:
            entity_id = self.referents.pronoun(owned.start, owned.pronoun)
        else:
            entity_id = self.resolution.entity_of_span.get((owned.start, owned.end))
        return _Found((owned.start, owned.end), owned.noun, entity_id, entity_known=True)

    def named_earlier(self, mention: Mention, entity_id: str) -> Mention:
        """The name of the pronoun's person as the subject earlier in its sentence: in
        "DuVernay said she felt … because “…”" or "Ban Ki-moon condemned what he called a “…”"
        the speaker is named before the reported clause; the entity is the same, the words
        that show it are the name."""
        before = self.text[:mention.start].rstrip()
        word_before = before.rsplit(None, 1)[-1].lower() if before else ""
        if before.endswith(",") or word_before in _SUBORDINATORS | _RELATIVE_PRONOUNS | {"where"}:
            # "…, which he added", "Hale isn't a conservative, he said": not the subject's report
            return mention
        sentence = self.sentence_start(mention.start)
        subject = self.sentence_subject(sentence, mention.start)
        if subject is None or self.resolution.entity_of_span.get(subject) != entity_id:
            return mention  # not the sentence's subject, or the pronoun was read as someone else
        if _CLAUSE_OPENERS.intersection(self.text[sentence:subject[0]].lower().split()):
            return mention  # "If Hoekstra is elected, he said …": a clause, not the subject
        return Mention(text=self.text[subject[0]:subject[1]], start=subject[0], end=subject[1], kind="name")

    def plausible(self, found: _Found | tuple[tuple[int, int], str] | None):
        """The attribution, unless its speaker words cannot name a speaker (then the next way
        of finding one is tried): a clause fragment or an adverbial the rules or the parse took
        for a subject ("Conceding that …", "for what", "on Saturday", "a court document
        filed")."""
        if found is None:
            return None
        start, end = found.speaker if isinstance(found, _Found) else found[0]
        if self.resolution.entity_of_span.get((start, end)) is not None:
            return found
        return found if is_speaker_phrase(self.text[start:end]) else None

    def transcript_turn(self, quote: Quote, label: re.Match[str]) -> Quote:
        """A quoted transcript turn, "“PENCE: Well, look, …”": the label is the speaker and
        the quote starts after it. The label names the person the article calls by that
        surname ("Mike Pence"), when there is one."""
        start, end = quote.start + label.start("label"), quote.start + label.end("label")
        entity_id = self.resolution.entity_at(start, end)
        if entity_id is None:
            surname = label.group("label").split()[-1].lower()
            entity_id = next((
                eid for s, e, eid in self.resolution.persons
                if self.text[s:e].split()[-1].lower().strip(".,") == surname
            ), None)
        entity = self.resolution.entity(entity_id)
        quote.speaker = entity.name if entity else None
        quote.speaker_entity = entity.id if entity else None
        quote.speaker_mention = Mention(text=label.group("label"), start=start, end=end)
        quote.cue = ":"
        quote.start += label.end()
        quote.text = self.text[quote.start:quote.end]
        return quote

    # -- through the dependency parse ------------------------------------------------------

    def by_syntax(self, span: QuoteSpan, paragraph_start: int, paragraph_end: int) -> _Found | None:
        """The subject of the outermost cue verb governing the quote, from the parse.

        Only the sentence the quote opens in (a cue before it) and the one it closes in (a cue
        after it) are parsed, not the sentences of a long quote in between.
        """
        opening = self.sentence_start(span.mark_start)
        regions = [(opening, self.sentence_end(span.mark_start))]
        closing = self.sentence_start(span.mark_end - 1)
        if closing != opening:
            regions.append((closing, self.sentence_end(span.mark_end - 1)))
        for start, end in regions:
            start, end = max(start, paragraph_start), min(end, paragraph_end)
            if end > start:
                found = self.syntax_in(span, start, end)
                if found is not None:
                    return found
        return None

    def syntax_in(self, span: QuoteSpan, start: int, end: int) -> _Found | None:
        """by_syntax on the parse of text[start:end]."""
        doc = self.parsed.get((start, end))
        if doc is None:
            doc = self.parsed[start, end] = self.parse(start, end)
        inside = [t for t in doc if span.mark_start <= start + t.idx < span.mark_end]
        if not inside:
            return None
        inside_ids = {t.i for t in inside}
        governors = [
            t.head for t in inside
            if not t.is_punct and t.head.i != t.i and t.head.i not in inside_ids
        ]
        if not governors:
            # The quote heads its sentence and the cue hangs off it: "“…,” a narrator asks."
            return self.cue_attached_to(inside, span, start)
        # The head nearest the quote: "X said that … “…”" attaches the quote's clause to "said".
        governor = min(governors, key=lambda t: min(abs(start + t.idx - span.mark_start),
                                                   abs(start + t.idx - span.mark_end)))
        found: tuple[Token, Token] | None = None
        cue: Token | None = None
        # A quote in a subordinate clause opening the sentence is reported in that clause,
        # before the quote, never by the main clause after it.
        before_only = self.in_opening_subordinate(span)
        for verb in (governor, *governor.ancestors):
            if verb.i in inside_ids:
                break  # the attribution hangs off the quote: "“…,” the senator said, …"
            if before_only and start + verb.idx >= span.mark_end:
                break
            if verb.lower_ in _CUE_WORDS:
                cue = verb
            if cue is None:
                continue
            subject = self.subject_of(verb, inside_ids)
            if subject is None:
                continue  # a participle ("…, tweeting “…”"): its subject is further up
            if subject.lower_ in _RELATIVE_PRONOUNS and verb.dep_ in ("relcl", "acl:relcl"):
                subject = verb.head
            if span.mark_start <= start + subject.idx < span.mark_end:
                return None
            if cue.lower_ in _PARTICIPLES and cue.i > 0 and doc[cue.i - 1].text == ",":
                # "Novak praised the dockers for what they achieved, calling it “…”": a
                # participle set off by a comma tells more of the sentence's main subject,
                # whichever clause the parser hung it on.
                subject = self.main_subject(verb, inside_ids) or self.before_set_off(subject, cue, inside_ids) or subject
            found, cue = (subject, cue), None
            if verb.dep_ == "conj" and subject.head.i == verb.i:
                break  # "X said A, but he said “B”": a clause with its own subject ends the climb
            if verb.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in _SUBORDINATORS for c in verb.children
            ):
                # "Although X admitted that “A,” he claimed B": the main clause does not report
                # an adverbial clause hanging on it.
                break
        if found is None:
            return None
        subject, cue = found
        return self.subject_speaker(subject, start, cue.text)

    def governing_subject(self, span: QuoteSpan, paragraph_start: int, paragraph_end: int) -> _Found | None:
        """A partial quote in a narrator's sentence with no cue verb: "Moore thanked him for
        “stepping up and taking action when Congress won’t.”", "The ad targets a “corrupt
        political system that …”". The subject of the nearest verb above the quote says the
        quoted words, whatever the verb, when it names someone: a mention, a pronoun, a noun
        phrase. Only for quotes long enough to be speech (a short one may be a term)."""
        start = max(self.sentence_start(span.mark_start), paragraph_start)
        if span.mark_start == start:
            return None  # a quote that opens its sentence is not a partial quote
        end = min(self.sentence_end(span.mark_start), paragraph_end)
        doc = self.parsed.get((start, end))
        if doc is None:
            doc = self.parsed[start, end] = self.parse(start, end)
        inside_ids = {t.i for t in doc if span.mark_start <= start + t.idx < span.mark_end}
        governors = [
            t.head for t in doc
            if t.i in inside_ids and not t.is_punct and t.head.i not in inside_ids
        ]
        if not governors:
            return None
        governor = min(governors, key=lambda t: abs(start + t.idx - span.mark_start))
        for verb in (governor, *governor.ancestors):
            if verb.i in inside_ids:
                return None
            subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
            if subject is None:
                continue
            if subject.i in inside_ids or subject.dep_ in ("nsubj:pass", "nsubjpass"):
                return None  # "the plan was called “…”": the subject did not say it
            if subject.lower_ in ("it", "its", "this", "that", "there", "what", "which", "who"):
                return None
            return self.subject_speaker(subject, start, verb.text)
        return None

    @staticmethod
    def subject_of(verb: Token, inside_ids: set[int]) -> Token | None:
        """The verb's subject; after a quote the parser may take an inverted subject for an
        object ("“…,” said former Sen. Evan Bayh"), which then counts as the subject."""
        subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
        if subject is not None:
            return subject
        if verb.dep_ == "conj" and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX", ""):
            # "X bemoaned the unrest and said …": coordinated verbs share the first one's subject.
            return next((c for c in verb.head.children if c.dep_ in _SUBJECT_DEPS), None)
        if verb.lower_ in _PARTICIPLES:
            return None  # "“…,” saying the port …": a participle has no inverted subject
        if verb.i - 1 in inside_ids or (verb.i >= 1 and verb.doc[verb.i - 1].is_punct
                                        and verb.i - 2 in inside_ids):
            return next((c for c in verb.rights if c.dep_ in ("obj", "dobj")), None)
        return None

    @staticmethod
    def before_set_off(subject: Token, cue: Token, inside_ids: set[int]) -> Token | None:
        """The sentence's own subject when the parser gave a participle set off by a comma a
        subject that ends at that comma: in "Brandt met the union's leader, Lena Marsh, saying
        “…”" or "Hale weighed in on the new manager, Tom Baker, calling …" the name before the
        comma is an appositive or an object, and an -ing form takes no subject across a comma.
        The subject is then the one of a clause before that name (the first, the main clause);
        None when the parse shows none, or the subject does not end at the comma."""
        doc = cue.doc
        # (the parser may hang the comma on the name: its right edge is then the comma)
        if subject.i >= cue.i or subject.right_edge.i not in (cue.i - 2, cue.i - 1) or doc[cue.i - 1].text != ",":
            return None
        start = subject.left_edge.i
        return next((
            t for t in doc[:start]
            if t.dep_ in _SUBJECT_DEPS and t.i not in inside_ids and t.head.i < start
            and t.lower_ not in _RELATIVE_PRONOUNS | {"it", "there", "this", "what"}
        ), None)

    def main_subject(self, verb: Token, inside_ids: set[int]) -> Token | None:
        """The subject of the topmost clause above a subordinate verb, when it names someone
        outside the quote; None when the verb's own clause is the top."""
        found = None
        while verb.head.i != verb.i and verb.dep_ not in ("conj", "parataxis"):
            verb = verb.head
            if verb.i in inside_ids:
                return None
            subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
            if subject is not None and subject.i not in inside_ids and subject.lower_ not in (
                _RELATIVE_PRONOUNS | {"it", "there", "this", "what"}
            ):
                found = subject
        return found

    def cue_attached_to(self, inside: list[Token], span: QuoteSpan, offset: int) -> _Found | None:
        """A cue verb outside the quote attached to a word inside it, with its subject."""
        inside_ids = {t.i for t in inside}
        for token in inside[0].doc:
            if token.i in inside_ids or token.head.i not in inside_ids:
                continue
            if token.lower_ not in _CUE_WORDS:
                continue
            if any(c.dep_ == "mark" and c.lower_ in _SUBORDINATORS for c in token.children):
                continue  # "“…” if she continues to lose": a condition, not a report
            subject = self.subject_of(token, inside_ids)
            if subject is not None and subject.i not in inside_ids:
                return self.subject_speaker(subject, offset, token.text)
        return None

    def subject_speaker(self, subject: Token, offset: int, cue: str) -> _Found:
        """The speaker words for a subject token: its entity mention, or its noun phrase."""
        subject = self.antecedent(subject)
        s = offset + subject.idx
        e = s + len(subject.text)
        if subject.lower_ == "who":
            named = self.named_before_who(s)
            if named is not None:
                return _Found(named[0], cue, named[1], entity_known=True)
        for (ms, me), entity_id in self.resolution.entity_of_span.items():
            if ms <= s and e <= me:
                return _Found((ms, me), cue, entity_id, entity_known=True)
        if subject.lower_ in _PRONOUNS_LOWER:
            return _Found((s, e), cue)
        doc = subject.doc
        first = subject.i
        left_edge = subject.left_edge.i
        while first > left_edge and (
            not doc[first - 1].is_punct
            or doc[first - 1].text == "."
            # a hyphenated word the tokenizer split: "the 64-year-old trade chief"
            or (doc[first - 1].text in "-–" and not doc[first - 1].whitespace_)
        ):
            first -= 1
        last = subject.i
        while last + 1 < len(doc) and doc[last + 1].head.i in range(subject.i, last + 1) and (
            doc[last + 1].dep_ in _NAME_PART_DEPS
        ):
            last += 1
        phrase_start = offset + doc[first].idx
        phrase_end = offset + doc[last].idx + len(doc[last].text)
        if doc[first].lower_ == "who":
            # "Maria Lopez, who volunteers at the library, called …" with "who volunteers" read
            # as one noun phrase: the clause hangs on the name before it.
            named = self.named_before_who(phrase_start)
            if named is not None:
                return _Found(named[0], cue, named[1], entity_known=True)
        return _Found((phrase_start, phrase_end), cue, None, entity_known=True)

    def named_before_who(self, who: int) -> tuple[tuple[int, int], str] | None:
        """The mention that ends right before a "who" at `who`, across a comma, and its entity.

        The parser may hang the name before "who" nowhere useful ("Ivo Brandt, who chairs the
        board, called …" read with "who chairs" as the root); the clause hangs on that name.
        """
        end = len(self.text[:who].rstrip().rstrip(",").rstrip())
        named = self.mention_ends.get(end)
        return ((named[0], end), named[1]) if named is not None else None

    @staticmethod
    def antecedent(subject: Token) -> Token:
        """A relative pronoun stands for the noun its clause hangs on: in "Ivo Brandt, who said
        ...", "a negotiator who told reporters ...", the speaker is that noun, not "who"."""
        if subject.lower_ not in ("who", "that", "which"):
            return subject
        verb = subject.head
        if verb.dep_ in ("acl:relcl", "relcl") and verb.head.i != verb.i:
            return verb.head
        if subject.lower_ == "who":  # the parser may hang the clause elsewhere: the noun before
            before = subject.i - 1
            if before >= 0 and subject.doc[before].text == ",":
                before -= 1
            # (the analysis runs the parser without the tagger: judge the word by its relation)
            if before >= 0 and subject.doc[before].is_alpha and subject.doc[before].dep_ in _NOMINAL_DEPS:
                return subject.doc[before]
        return subject

    def after(self, span: QuoteSpan, paragraph_end: int) -> tuple[tuple[int, int], str] | None:
        """", said Jan Hoekstra" / "," he said" / "," Rep. Mica (R-Fla.) said" / "” ― Jan" after."""
        right_end = min(paragraph_end, span.mark_end + 160, self.sentence_end(span.mark_end + 1))
        next_open = next((s.mark_start for s in self.spans if s.mark_start >= span.mark_end), None)
        if next_open is not None:
            right_end = min(right_end, next_open)
        right = self.text[span.mark_end:right_end]
        # A word glued to the closing mark runs on from the quote ("“open” to talks"), unless
        # the quote handed over with a comma and a space went missing ("lying,”Clinton said").
        glued = right[:1].isalnum() and self.text[span.end - 1:span.end] != ","
        if not right or (glued and not right.startswith(("said", "says"))):
            return None
        dash = _DASH_SPEAKER.match(right)
        if dash:
            return self.name_within(span.mark_end + dash.start("spk"), span.mark_end + dash.end("spk")), "―"
        if self.in_opening_subordinate(span):
            # "When Hale called the rise “robbery,” Novak answered …": the main clause after a
            # subordinate one holding the quote does not report it.
            return None
        lead = len(re.match(_OPEN_TAIL, right).group())
        cue = _CUE_ANYWHERE.search(right, lead)
        if cue is None or cue.start() - lead > 120:
            return self.after_any_verb(span, right, lead)
        if cue.group("cue").lower() == "according to" and cue.start() > lead:
            # "According to" names its source after it: "“…” That's bad, according to Hale" is
            # not said by "That's bad". Words before it make it a new clause, which reports
            # the quote only when the quote did not end its sentence.
            if re.search(r"[.!?]['’\")\]]*$", self.text[span.start:span.end]):
                return None
            match = _AFTER_CUE_SPEAKER.match(self.text, span.mark_end + cue.start(), right_end)
            if match is None or re.search(r"[“”\"]", right[lead:cue.start()]):
                return None
            speaker = self.name_within(match.start("spk"), match.end("spk"))
            return (speaker, "according to") if _CLAUSE_END.match(self.text, speaker[1]) else None
        if not self.attribution_can_follow(span, right[:lead], span.mark_end + cue.end()):
            # "The council “never had the money” in the first place, Novak said." (a quote that
            # ends its own sentence, "“….” But, he said, …", is followed by a new one)
            if re.search(r"[.!?]['’\")\]]*$", self.text[span.start:span.end]):
                return None
            return self.closing_clause(span, right, lead, cue)
        phrase_start, phrase_end = span.mark_end + lead, span.mark_end + cue.start()
        as_put = re.match(r"as\s+(?=\S)", right[lead:cue.start()])
        if as_put:
            phrase_start += as_put.end()  # "“…,” as a Homeland Security memo put it."
        if phrase_end <= phrase_start + 1:
            match = _AFTER_CUE_SPEAKER.match(right)
            if match is None and cue.group("cue") not in _PARTICIPLES:
                # "“…,” said retired harbour master Jan Hoekstra": a title in lower case first.
                titled = self.titled_person(span.mark_end + cue.end())
                return (titled, cue.group("cue")) if titled else None
            if not match or match.group("cue") in _PARTICIPLES:
                # "“harbour values,” saying the port …": what follows a participle is what was
                # said; its speaker is the subject before the quote.
                return None
            spk_start = span.mark_end + match.start("spk")
            spk_end = span.mark_end + match.end("spk")
            return self.name_within(spk_start, spk_end), match.group("cue")
        if self.reported_before(span) and self.takes_complement(span.mark_end + cue.end(), cue.group("cue")):
            # "Although Hale admitted that the port had “lost its way,” he claimed the crane
            # would come": the quote sits in a clause a cue before it reports; a cue after it
            # with words of its own reports something else.
            return None
        speaker = self.speaker_before(phrase_end, limit=phrase_start)
        if speaker is None:
            # "“…,” Scott Pruitt, the attorney general of Oklahoma, one of the states suing, said":
            # a name that opens the phrase and is set off by a comma is the speaker.
            named = self.mention_starts.get(phrase_start)
            if named is None or self.text[named:named + 1] != ",":
                return self.closing_clause(span, right, lead, cue)
            speaker = (phrase_start, named)
        return speaker, cue.group("cue")

    def in_opening_subordinate(self, span: QuoteSpan) -> bool:
        """Whether the quote lies in a subordinate clause that opens its sentence ("Although
        Hale admitted the port was “…,” …"): a subordinator first, no comma before the quote."""
        sentence = self.sentence_start(span.mark_start)
        first = re.match(r"(?:[Ee]ven )?(\w+)\s", self.text[sentence:span.mark_start])
        if first is None or first.group(1).lower() not in _SUBORDINATORS | {"after", "before", "once", "unless"}:
            return False
        return "," not in self.text[sentence:span.mark_start]

    def reported_before(self, span: QuoteSpan) -> bool:
        """Whether the quote sits inside a clause that a cue before it, in its own sentence and
        outside quotes, reports ("Hale said the port had “lost its way,” …")."""
        sentence = self.sentence_start(span.mark_start)
        if sentence == span.mark_start:
            return False
        return any(
            not self.inside_quote(m.start(), m.end()) and not noun_use(self.text, m.start(), m.end())
            for m in _CUE_ANYWHERE.finditer(self.text, sentence, span.mark_start)
        )

    def takes_complement(self, pos: int, verb: str) -> bool:
        """Whether the verb ending at pos goes on with words of its own (a clause: "he claimed
        they had never met", "she warned the sale would cost jobs") rather than ending a bare
        attribution ("he said.", "she said on Tuesday", "he points out", "Trump assured Jones,",
        "she told The Associated Press in an interview")."""
        if _BARE_AFTER_VERB.match(self.text, pos):
            return False
        # up to the clause's punctuation, an abbreviation's period not included ("Rep. Frank")
        stretch = re.match(r"[^.,;:!?“”\"\n]*", self.text[pos:pos + 120]).group()
        sentence_end = self.sentence_end(pos)
        while pos + len(stretch) < sentence_end and self.text[pos + len(stretch)] == ".":
            stretch += "." + re.match(r"[^.,;:!?“”\"\n]*", self.text[pos + len(stretch) + 1:pos + 120]).group()
        end = pos + len(stretch)
        if end < len(self.text) and self.text[end] not in ".,;:!?\n":
            return True  # another quote follows: what the verb reports
        words = stretch.lower().split()
        if _CLAUSE_WORDS.intersection(words):
            return True
        if verb.lower() in _OBJECT_CUES:
            return False  # "told The Associated Press in an interview": the listener, where
        # A short object of a verb the cue list lacks is the listener ("Trump assured Jones,");
        # a cue of saying with an object reports that object ("he accuses the board of waste").
        return len(words) > 4 or _CUE_ANYWHERE.fullmatch(verb) is not None

    def closing_clause(
        self, span: QuoteSpan, right: str, lead: int, cue: re.Match[str]
    ) -> tuple[tuple[int, int], str] | None:
        """The reporting clause that closes a sentence running on past a partial quote: "“It
        seems unlikely” that the council will approve the tower this year, said Sami Hale." /
        "The council “never had the money to do it” in the first place, Novak said." The clause follows the sentence's last comma before the cue and
        ends the sentence (or hands over to an appositive): the whole sentence is reported."""
        if cue.group("cue") in _PARTICIPLES or cue.group("cue").lower() == "according to":
            return None
        comma = right.rfind(",", lead, cue.start())
        if comma == -1 or re.search(r"[“”\"]", right[lead:cue.start()]):
            return None
        clause_start = span.mark_end + comma + 1
        cue_start, cue_end = span.mark_end + cue.start(), span.mark_end + cue.end()
        if not self.text[clause_start:cue_start].strip():
            match = _AFTER_CUE_SPEAKER.match(self.text, clause_start, self.sentence_end(cue_start))
            speaker = None
            # "…, said Ivo Brandt." names the speaker after the cue; "…, told Fox News" names
            # the listener, and "said Ohio State professor Paul Beck" has a title first.
            names_listener = cue.group("cue").lower() in _OBJECT_CUES
            if match is not None and not match.group("spk")[:1].islower() and not names_listener:
                speaker = self.name_within(match.start("spk"), match.end("spk"))
                if not _CLAUSE_END.match(self.text, speaker[1]):
                    speaker = None
            if speaker is None and not names_listener:
                speaker = self.titled_person(cue_end)
            if speaker is None or not _CLAUSE_END.match(self.text, speaker[1]):
                return None
            return speaker, cue.group("cue")
        speaker = self.speaker_before(cue_start, limit=clause_start)
        # The clause ends the sentence, perhaps after a place or a time: "…, she said in a
        # video message." (not "…, she said the port would close": that reports something else)
        if speaker is None or not _BARE_AFTER_VERB.match(self.text, cue_end):
            return None
        return speaker, cue.group("cue")

    def titled_person(self, pos: int) -> tuple[int, int] | None:
        """The person named after a cue behind a title ("said retired harbour master Jan
        Hoekstra", "said former Harbour Board chairman and port Gov. Ivo Brandt"): the first person mention
        that ends the phrase (a comma, the sentence end or "of <place>" follows it). The words before it are a
        title, not a clause: no function words, no past participle after the first word."""
        match = _TITLED_PHRASE.match(self.text, pos)
        if match is None:
            return None
        title_start = match.start("title")
        for s, e, _ in self.resolution.persons:
            if not title_start <= s < e <= match.end():
                continue
            # "voter Lena Marsh of Harbourton, Ohio": the first name that ends the title
            if not _CLAUSE_END.match(self.text, e) and not _PLACE_AFTER_NAME.match(self.text, e):
                continue
            words = self.text[title_start:s].split()
            lowered = [w.lower() for w in words if w[:1].islower()]
            if words and words[0].lower() in _FUNCTION_WORDS | _PRONOUNS_LOWER | {"some", "many"}:
                return None
            if set(lowered) & (_FUNCTION_WORDS - {"of", "and", "for"}) or any(
                w.endswith("ed") for w in lowered[1:]
            ):
                return None
            return s, e
        return None

    def after_any_verb(self, span: QuoteSpan, right: str, lead: int) -> tuple[tuple[int, int], str] | None:
        """"“…,” Bozell concludes." / "“…,” he points out." / "“…,” an angry Hollande
        retaliated": a quote handed over with a comma to a speaker phrase and its verb, a verb
        the cue list lacks. Only the comma (or ? ! —) hand-over counts: "“….” Smith agreed to
        …" opens a new sentence."""
        last = self.text[span.start:span.end].rstrip("'’\")]")[-1:]
        if not last or last not in ",?!…—–-":
            return None
        for verb in _ANY_VERB.finditer(right, lead):
            if verb.group("cue") in _NOT_VERBS or self.text[span.mark_end + verb.start() - 2:span.mark_end + verb.start()] in ("’s", "'s"):
                continue
            if verb.start() - lead > 120:
                return None
            phrase_start, phrase_end = span.mark_end + lead, span.mark_end + verb.start()
            if phrase_end <= phrase_start + 1:
                # Inverted: "“…,” agrees Lena Marsh." / "“…,” opined the Harbour Gazette's
                # editors": a verb, then a name that ends the sentence or its clause.
                return self.inverted_any_verb(span.mark_end + verb.end(), verb.group("cue"))
            if self.takes_complement(span.mark_end + verb.end(), verb.group("cue")):
                # "“…,” he sees Ivo as a rival": a verb with an object of its own is not an
                # attribution, only one that ends the clause ("“…,” Bozell concludes.").
                return None
            speaker = self.speaker_before(phrase_end, limit=phrase_start)
            return (speaker, verb.group("cue")) if speaker is not None else None
        return None

    def inverted_any_verb(self, pos: int, verb: str) -> tuple[tuple[int, int], str] | None:
        """The entity named right after a verb that follows a comma hand-over, when the name
        closes the clause: "“…,” agrees Lena Marsh." (not "“…,” reads Section 5 of the act")."""
        if verb in _PARTICIPLES or not self.text.startswith(" ", pos):
            return None
        start = pos + 1
        end = self.mention_starts.get(start)
        if end is None or not _CLAUSE_END.match(self.text, end):
            return None
        if self.resolution.entity_of_span.get((start, end)) not in {eid for _, _, eid in self.resolution.persons}:
            return None
        return (start, end), verb

    def attribution_can_follow(self, span: QuoteSpan, between: str, cue_end: int) -> bool:
        """Whether a cue after the closing mark can attribute this quote.

        An attributed quote hands over with a comma, question mark or dash ("“…,” he said",
        "“…”, he said"). A quote that ends its sentence with a period is followed by a new
        sentence ("“….” He added, “…”", "“….” He says referees …") unless that sentence is a
        bare attribution ("“….” Trump said."); a partial quote running on into its sentence
        ("begun “to unmask the true nature” of Trump, whom he called …") has no cue after it.
        """
        # A nested quote or bracket may close first: “… telling leaders, 'not what we want,'”
        last = self.text[span.start:span.end].rstrip("'’\")]")[-1:]
        if (last and last in ",?!…—–-") or re.search(r"[,;:—–―-]", between):
            return True
        if last != ".":
            # No punctuation at all (a tweet, a typo): fine for a quote that is its own sentence.
            return span.mark_start == self.sentence_start(span.mark_start)
        tail = self.text[cue_end:self.sentence_end(cue_end)]
        return len(tail.split()) <= 4 and not re.search(r"[“\"‘]|\bthat\b", tail)

    def name_within(self, start: int, end: int) -> tuple[int, int]:
        """Trim speaker words after a cue to the entity mention they start with."""
        for (s, e), _ in self.resolution.entity_of_span.items():
            if start <= s < end:
                return s, e
        words = self.text[start:end]
        comma = words.find(",")
        return (start, start + comma) if comma > 0 else (start, end)

    def before(self, span: QuoteSpan, paragraph_start: int) -> tuple[tuple[int, int], str] | None:
        """"X said: “" / "X told Y that China remained “open" in the quote's own sentence."""
        sentence = max(self.sentence_start(span.mark_start), paragraph_start)
        left = self.text[sentence:span.mark_start]
        colon = self.colon_speaker(sentence, left)
        if colon is not None:
            return colon, ":"
        inverted = _INVERTED_CUE.match(left)
        if inverted:
            # "Said Ellis: “…”": the cue opens the sentence and the speaker follows it.
            spk = sentence + inverted.start("spk"), sentence + inverted.end("spk")
            return self.name_within(*spk), inverted.group("cue").lower()
        found = self.cue_speaker_in(sentence, span.mark_start)
        if found is None and left.rstrip().endswith(":"):
            subject = self.colon_subject(sentence, sentence + len(left.rstrip()) - 1)
            return (subject, ":") if subject else None
        if found is None and _AS_CHARACTERISATION.search(left):
            return self.characterisation(sentence, span.mark_start)
        return found

    def characterisation(self, sentence: int, end: int) -> tuple[tuple[int, int], str] | None:
        """"Trump openly admires Putin as a “strong leader”", "Gingrich dismissed Estonia as
        being in the “suburbs of St. Petersburg”": the subject characterises something in the
        quoted words, whatever the verb; the cue is that verb."""
        subject = self.sentence_subject(sentence, end)
        if subject is None:
            subject = self.pronoun_subject(sentence, min(end, sentence + 12))
            if subject is None:
                return None
        verb = _VERB_AFTER_SUBJECT.match(self.text, subject[1], end)
        if verb is None:
            return None
        return subject, verb.group("verb")

    def colon_subject(self, sentence: int, colon: int) -> tuple[int, int] | None:
        """The subject of a sentence that hands over to a quote with a colon and no cue verb:
        "Sanders made the following comment:", "The agency posted a message on its site:".

        The subject is the first entity mention of the sentence, not inside a quote, after a
        preposition ("In a letter to Sanders, ...") or a possessor ("Trump's plan includes:").
        """
        if _CUE_ANYWHERE.search(self.text, sentence, colon):
            return None
        subject = self.sentence_subject(sentence, colon)
        if subject is None:
            # "She then turned to the council again:", "But back in her office, she returned to
            # her theme:": a personal pronoun opening the sentence or its main clause.
            pronoun = _OPENING_PRONOUN.match(self.text, sentence, colon)
            # ... and the only one: "She was upset, so I had to change my answer:" is unclear.
            if pronoun is not None and len(_ANY_SUBJECT_PRONOUN.findall(self.text, sentence, colon)) == 1:
                subject = pronoun.start("pronoun"), pronoun.end("pronoun")
        return subject

    def sentence_subject(self, sentence: int, end_at: int) -> tuple[int, int] | None:
        """The first entity mention of the sentence as its subject (see colon_subject)."""
        for (start, end), _ in self.resolution.entity_of_span.items():
            if start < sentence or self.inside_quote(start, end):
                continue
            if end > end_at:
                break
            if _PREPOSITION_BEFORE.search(self.text, sentence, start):
                continue
            if self.text[end:end + 2] in ("'s", "’s"):
                return None
            # Only an opening adverbial and titles may come before it: "On July 6, 2015,
            # Sanders ...", "In a statement, President Obama ..."; a name inside the adverbial
            # ("In a White House statement, ...") is not the subject, a later one may be.
            lead = self.text[sentence:start].rsplit(",", 1)[-1]
            if not all(word[:1].isupper() or word in ("the", "The") for word in lead.split()):
                continue
            return start, end
        return None

    def colon_speaker(self, sentence: int, left: str) -> tuple[int, int] | None:
        """"Gonzalez: “…”" / "The union's spokesperson: “…”": a speaker and a colon, no verb.

        The words before the colon must be the whole sentence so far and name someone: an
        entity mention, or a definite phrase whose head is a role noun ("spokesperson",
        "minister", "the trade chief"), not "The message" or "A lesson from Lynch".
        """
        match = _COLON_SPEAKER.fullmatch(left)
        if match is None:
            # A digest item: "TURNOUT DOES NOT PREDICT THE WINNER - Jan Hoekstra: “…”", the
            # speaker after a spaced dash that ends the item's lead.
            dash = max(left.rfind(" - "), left.rfind(" — "), left.rfind(" – "))
            if dash > 0:
                return self.colon_speaker(sentence + dash + 3, left[dash + 3:])
            return None
        if _CUE_ANYWHERE.search(match.group("spk")):
            return None
        start, end = sentence + match.start("spk"), sentence + match.end("spk")
        if end in self.mention_ends and self.mention_ends[end][0] == start:
            return start, end
        words = match.group("spk")
        if not _DEFINITE_PHRASE.match(words) or _PREPOSITION_INSIDE.search(words):
            return None
        head = words.split()[-1].lower()
        if _ROLE_NOUN.search(head) or self.referents.role_holder(start, end) is not None:
            return start, end
        return None

    def cue_speaker_in(self, sentence: int, end: int) -> tuple[tuple[int, int], str] | None:
        """The last cue outside quotes in text[sentence:end] and its speaker before it."""
        left_start = sentence
        left = self.text[left_start:end]
        cues = [
            m for m in _CUE_ANYWHERE.finditer(left)
            if not self.inside_quote(left_start + m.start(), left_start + m.end())
            and not (m.group("cue") == "call" and left[:m.start()].endswith("to "))  # "to call a meeting"
            and not noun_use(self.text, left_start + m.start(), left_start + m.end())
        ]
        if not cues:
            return None
        cue = cues[-1]
        if len(cues) > 1 and _REPORTED_SUBJECT.fullmatch(left, cues[-2].end(), cue.start()):
            # "said he thought that …", "told reporters she believed …": the pronoun is the
            # reporting verb's subject again, and that verb is the attribution.
            cue = cues[-2]
        cue_pos = left_start + cue.start()
        if cue.group("cue").lower() == "according to":
            after = re.match(rf" (?P<spk>{_NOUN_PHRASE}|{_NAME}|{_GROUP_NOUNS})", self.text[left_start + cue.end():end])
            if after:
                s = left_start + cue.end() + after.start("spk")
                return self.name_within(s, left_start + cue.end() + after.end("spk")), "according to"
            return None
        if _PASSIVE_BEFORE.search(self.text, sentence, cue_pos):
            return None  # "what is being criticized as “…”": the subject did not say it
        speaker = None
        if cue.group("cue") not in _PARTICIPLES:
            speaker = self.speaker_before(cue_pos)
            if speaker is not None and speaker not in self.resolution.entity_of_span and not is_speaker_phrase(
                self.text[speaker[0]:speaker[1]]
            ):
                speaker = None  # "Hale later Thursday told": the subject is further back
        else:
            # "footage of Hillary Clinton asking, “…”": the person right before the participle.
            named = self.person_ends.get(len(self.text[:cue_pos].rstrip()))
            if named is not None and not self.text[named[0] - 1:named[0]].isalnum():
                speaker = named[0], len(self.text[:cue_pos].rstrip())
        if speaker is None:
            # A person after a preposition ("the shooting of Keith Scott") is not a subject.
            subjects = [
                (s, e) for s, e in self.person_mentions_between(sentence, cue_pos)
                if not _PREPOSITION_BEFORE.search(self.text, sentence, s)
            ]
            speaker = subjects[0] if subjects else self.pronoun_subject(sentence, cue_pos)
            if speaker is None and cue.group("cue") in _PARTICIPLES:
                # "…, the Security Council issued a statement calling …": an organisation too.
                speaker = self.sentence_subject(sentence, cue_pos)
            if speaker is None:
                return None
        return speaker, cue.group("cue")

    def pronoun_subject(self, start: int, end: int) -> tuple[int, int] | None:
        """The last subject pronoun in [start, end) outside quotes: the subject of a cue with
        none of its own ("He then defended the remark, saying, “…”", "I laughed and said")."""
        found = None
        for match in _SUBJECT_PRONOUN.finditer(self.text[start:end]):
            pronoun = start + match.start("pronoun"), start + match.end("pronoun")
            if not self.inside_quote(*pronoun):
                found = pronoun
        return found

    def previous_sentence(self, span: QuoteSpan, paragraph_start: int) -> tuple[tuple[int, int], str] | None:
        """A quote that is its own sentence, after a reporting sentence in its paragraph:
        "…, Schiff said. “The other factor …”" / "Cummings called him a master. “He …”"."""
        if span.mark_start != self.sentence_start(span.mark_start) or span.mark_start <= paragraph_start:
            return None
        previous = self.sentence_start(span.mark_start - 1)
        if previous < paragraph_start:
            return None
        # The sentence before must report speech in the narrator's words, not hold a quote of
        # its own: a quote there that went unattributed would make this one a guess.
        if any(previous <= s.mark_start < span.mark_start for s in self.spans):
            return None
        return self.cue_speaker_in(previous, span.mark_start)

    def previous_paragraph(self, span: QuoteSpan, paragraph_start: int) -> tuple[tuple[int, int], str] | None:
        """A paragraph opening with a bare quote after a paragraph whose last sentence reports
        someone's speech in the narrator's words: "Hoekstra said that for years the port had
        promised a new crane." then "“We have heard it all before …”" is Hoekstra's. As in
        previous_sentence, that sentence must hold no quote of its own."""
        paragraph_end = self.paragraph_bounds(span.start)[1]
        if _CUE_ANYWHERE.search(self.text, span.mark_end, paragraph_end) or self.person_mentions_between(
            span.mark_end, paragraph_end
        ):
            return None  # the paragraph's own words after the quote may attribute it
        previous_end = paragraph_start - 1
        while previous_end > 0 and self.text[previous_end - 1].isspace():
            previous_end -= 1
        if previous_end <= 0 or self.text[previous_end - 1] == ":":
            return None  # "… said:" is colon_before_paragraph's
        last = self.sentence_start(previous_end - 1)
        if last < self.paragraph_bounds(previous_end - 1)[0]:
            return None
        if any(last <= s.mark_start < previous_end for s in self.spans):
            return None
        # The reporting verb of the sentence, not a participle inside what it reports ("Hoekstra
        # said that the managers had been promising a crane").
        cue = next((
            m for m in _CUE_ANYWHERE.finditer(self.text, last, previous_end)
            if m.group("cue") not in _PARTICIPLES and not self.inside_quote(m.start(), m.end())
        ), None)
        found = self.cue_speaker_in(last, cue.end()) if cue is not None else None
        if found is None or found[1] in _PARTICIPLES:
            return None
        # Only a person named there or a pronoun standing for one hands the floor on.
        (start, end), _ = found
        person = any(s == start and e == end for s, e, _ in self.resolution.persons)
        if not person and not _SUBJECT_PRONOUN.fullmatch(self.text[start:end]):
            return None
        return found

    def person_mentions_between(self, start: int, end: int) -> list[tuple[int, int]]:
        return [
            (s, e) for s, e, _ in self.resolution.persons
            if start <= s and e <= end and not self.inside_quote(s, e)
        ]

    def colon_before_paragraph(self, paragraph_start: int) -> tuple[tuple[int, int], str] | None:
        """A quote paragraph introduced by the previous one: "… Hoekstra said:"."""
        previous_end = paragraph_start - 1
        while previous_end > 0 and self.text[previous_end - 1].isspace():
            previous_end -= 1
        if self.text[previous_end - 1:previous_end] != ":":
            return None
        cue = None
        sentence = self.sentence_start(previous_end - 1)
        for cue in _CUE_ANYWHERE.finditer(self.text, sentence, previous_end):
            pass
        if cue is None:
            subject = self.colon_subject(sentence, previous_end - 1)
            return (subject, ":") if subject else None
        speaker = self.speaker_before(cue.start())
        if speaker is None:
            subjects = self.person_mentions_between(sentence, cue.start())
            speaker = subjects[0] if subjects else None
        return (speaker, cue.group("cue")) if speaker else None

    def quote_paragraph_follows(self, previous: Quote, span: QuoteSpan) -> bool:
        """A paragraph that is one bare quote, right after the paragraph the previous quote ends.

        The newspaper convention: "“…,” Barkley said. “…”" then a paragraph "“And …”" is Barkley
        still, provided nobody else is named after his quote.
        """
        paragraph_start, paragraph_end = self.paragraph_bounds(span.start)
        if span.mark_start != paragraph_start or self.text[span.mark_end:paragraph_end].strip():
            return False
        _, previous_end = self.paragraph_bounds(previous.start)
        if previous.end > previous_end or self.text[previous_end:paragraph_start].strip():
            return False
        mention = previous.speaker_mention
        return all(
            mention is not None and s == mention.start
            for s, _ in self.person_mentions_between(previous.end, previous_end)
        )

    def continues(self, previous: Quote, span: QuoteSpan) -> bool:
        """Whether a quote with no cue of its own goes on from the previous quote."""
        if span.continued:
            return True
        if self.new_candidate_between(previous, span.mark_start):
            return False
        gap = self.text[previous.end:span.mark_start]
        if "\n" in gap:
            return self.quote_paragraph_follows(previous, span)
        # Another person named between the two quotes makes the continuation unsafe.
        between = self.person_mentions_between(previous.end, span.mark_start)
        speaker_mention = previous.speaker_mention
        if len(gap) <= 200 and all(
            speaker_mention is not None and s == speaker_mention.start for s, _ in between
        ):
            return True
        # The speaker's description may name others ("“…,” said Victor Cha, a scholar at the
        # Center for Strategic Studies. “…”"): still safe when the gap holds this attribution
        # and no other cue that could introduce a new speaker.
        if speaker_mention is None or not previous.end <= speaker_mention.start < span.mark_start:
            return False
        return len(gap) <= 400 and self.speech_cues(gap) <= 1

    def new_candidate_between(self, previous: Quote, end: int) -> bool:
        """Whether the text between the previous quote and this one brings in someone else.

        A pronoun that cannot be the previous speaker ("“…,” she said. He shook his head.
        “…”"), or a sentence whose subject is another entity ("The company disagreed."), hands
        the floor to a new candidate speaker: the quote after it is not a continuation.
        """
        start = max(previous.end, previous.speaker_mention.end if previous.speaker_mention else 0)
        if start >= end:
            return False
        speaker_pronoun = previous.speaker_mention.text.lower() if previous.speaker_mention else ""
        known = self.referents.gender(previous.speaker_entity) if previous.speaker_entity else None
        for match in NOMINATIVE_PRONOUN.finditer(self.text, start, end):
            if self.inside_quote(match.start(), match.end()):
                continue
            word = match.group().lower()
            gender = pronoun_gender(word)
            if speaker_pronoun in _PRONOUNS_LOWER and speaker_pronoun not in ("i", "we"):
                if word != speaker_pronoun:
                    return True  # "she said ... He ..."
            elif word == "they" or (gender is not None and known is not None and gender != known):
                return True
        for sentence in self.starts[bisect.bisect_right(self.starts, start):]:
            if sentence >= end:
                break
            entity = self.resolution.entity_at(sentence, sentence + 1)
            mention_end = self.mention_starts.get(sentence)
            if entity is not None and mention_end is not None and entity != previous.speaker_entity:
                if self.text[mention_end:mention_end + 2] not in ("'s", "’s"):
                    return True
        return False

    @staticmethod
    def speech_cues(text: str) -> int:
        """Cues in text that could introduce a speaker: not "adding", "when asked", …"""
        count = 0
        for cue in _CUE_ANYWHERE.finditer(text):
            word = cue.group("cue")
            if word in _PARTICIPLES or _PASSIVE_OR_TEMPORAL.search(text, 0, cue.start()):
                continue
            count += 1
        return count


_WEEKDAYS_AND_MONTHS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "today", "yesterday", "tonight", "month", "week", "year", "day",
    "morning", "afternoon", "evening", "night", "weekend",
}
_CLAUSE_OPENERS = _PREPOSITION_WORDS | _SUBORDINATORS | {
    "and", "but", "or", "nor", "that", "what", "whether", "how", "why", "where", "so", "then",
    "last", "next", "this", "these", "those", "once", "sooner", "later", "earlier",
}


def is_speaker_phrase(words: str) -> bool:
    """Whether words could name who spoke: not a clause fragment or an adverbial.

    A speaker phrase does not open with a preposition or a conjunction ("for what", "and
    Johnson talks"), nor with a gerund ("Conceding that …"); it does not end in a past
    participle or a function word ("a court document filed", "the city embodied the"); it
    holds no quotation mark or line break; a time ("Saturday", "Last month") is not a speaker.
    """
    tokens = words.split()
    if not tokens or re.search(r"[“”\"\n]", words):
        return False
    first, last = tokens[0].lower(), tokens[-1].lower().strip(".,")
    if len(tokens) == 1 and (first in _PRONOUNS_LOWER or first in _RELATIVE_PRONOUNS):
        return True  # "it", "they", "who": the words PolNeAR and a reader take as the source
    if first in _CLAUSE_OPENERS or first.endswith("ing") and len(tokens) > 1 and tokens[1].islower():
        return False
    if last in _FUNCTION_WORDS or last in _WEEKDAYS_AND_MONTHS:
        return False
    if len(tokens) > 1 and last.endswith("ed") and tokens[-1].islower():
        return False
    return True


# What may follow the verb of a bare attribution: the end of the clause, a prepositional
# phrase, a particle, a time or an adverb ("he said on Tuesday", "she points out", "he said
# Monday", "she added quickly").
_BARE_AFTER_VERB = re.compile(
    r"(?:\s*(?:[.,;:!?—–\-)\]\"”’']|$)|\s+(?:[Ii]n|[Oo]n|at|of|during|after|before|with|from|while|about|"
    r"for|as|to|and|but|last|this|next|earlier|later|recently|again|also|then|once|yesterday|today|tonight|"
    r"out|up|back|off|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|[a-z]+ly)\b)"
)
# Words that show a clause of its own after a verb: a subject pronoun, a complementiser, an
# infinitive, a finite auxiliary.
_CLAUSE_WORDS = {
    "that", "he", "she", "they", "i", "we", "it", "to", "is", "was", "are", "were", "would",
    "will", "has", "have", "had", "can", "could", "should", "as", "by",
}
# Cues whose object is the person spoken to, not what was said.
_OBJECT_CUES = {"told", "tells", "tell", "asked", "asks", "telling", "asking", "urged", "urges", "warned", "warns"}
# Cue words that are also nouns ("the state", "his claims", "her notes", "a call"), and what
# shows the noun: a determiner or possessive right before it ("his claims"), or a verb right
# after it ("Kim's mental state is …"; "the senator claims" keeps the verb).
_NOUN_CUE_FORMS = {
    "state", "states", "claims", "reports", "notes", "calls", "call", "read", "reads", "tweets",
    "answers", "promises", "fears", "hopes", "vows",
}
_NOUN_BEFORE = re.compile(
    r"(?:(?<![\w’'])(?:the|a|an|his|her|its|their|our|my|your|this|these|those)|\w['’]s) $",
    re.IGNORECASE,
)
_VERB_AFTER_NOUN = re.compile(
    r" (?:is|was|are|were|has|have|had|will|would|could|should|can|may|might|must|remain|"
    r"remains|seem|seems|appear|appears)\b"
)


def noun_use(text: str, start: int, end: int) -> bool:
    """Whether the cue word at [start, end) is used as a noun ("Kim's mental state is …",
    "the reports were"), not as the reporting verb."""
    if text[start:end].lower() not in _NOUN_CUE_FORMS:
        return False
    return bool(_NOUN_BEFORE.search(text, max(0, start - 40), start) or _VERB_AFTER_NOUN.match(text, end))


_TITLE_SMALL_WORDS = {
    "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "by", "with",
    "from", "as", "into", "vs", "vs.", "&",
}


def is_title(quoted: str) -> bool:
    """Title Case words: the name of a show, book or event, or a headline, not speech."""
    words = [w.strip("“”\"‘’'.,:;!?()[]") for w in quoted.split()]
    words = [w for w in words if w and w[0].isalpha()]
    if len(words) < 2 or words[0].lower() in ("i", "i'm", "i’m"):
        return False
    return all(w[0].isupper() or w.lower() in _TITLE_SMALL_WORDS for w in words) and any(
        w[0].isupper() for w in words[1:]
    )


def find_quotes(text: str, resolution: Resolution, *, parse: Parse | None = None) -> list[Quote]:
    """Every direct quote of the text with its cue and speaker, in text order.

    `parse(start, end)` returns a dependency-parsed Doc of text[start:end]; without it quotes
    are attributed by rules on the text alone.
    """
    spans = find_quote_spans(text)
    attributor = _Attributor(text, resolution, spans, parse)
    quotes: list[Quote] = []
    previous: Quote | None = None
    for span in spans:
        quote = attributor.attribute(span, previous)
        words = len(quote.text.split())
        if quote.speaker_mention is None and words < MIN_UNATTRIBUTED_WORDS:
            continue  # a title, a name or a scare quote, not speech
        if is_title(quote.text):
            continue  # a show, a book, a headline: neither reported nor a speaker to hand on
        previous = quote  # even a one-word quote ("“Okay,” I said. “…”") hands on its speaker
        if words >= MIN_QUOTE_WORDS:
            quotes.append(quote)
    return quotes

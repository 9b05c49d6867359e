"""Copies that the duplicate test called developments, one class each (found on the ECB+ dev
topics with benchmarks/stories.py --duplicates-only dev, seeds 13-25; articles written here).

- a short spun copy whose spinner moved a clause to the front, or that is longer than one or two
  sentences, scored below the copy score and failed the sentence-by-sentence test;
- a translated copy that garbled one word of a long title-and-name run and reworded both words
  around it ("2005, Superiol Kuotr Judge ..." for ". Superior Court Judge ...");
- a translated copy that garbled a name word past its first letter the way transliteration does
  ("Cyrbo" for "Kirby", a hard "c" for "k") between the same words;
- a spun copy that dropped the first group of "200,000" wrote "more than, 000 of": a revised number;
- a copy under another outlet's headline in headline case named "Checks Into Rehab".

Another report of an event in its own words is no copy when it states a fact of its own; one
that restates only its match's facts is (test_copy_facts.py).
"""

from __future__ import annotations

from wirewatch.stories import COPY, DEVELOPMENT, ArticleInput, StoryEngine


def _after(first: ArticleInput, later: ArticleInput, *, between: tuple[ArticleInput, ...] = ()):
    engine = StoryEngine()
    engine.add(first)
    for article in between:
        engine.add(article)
    return engine.add(later)


FERRY = ("A passenger ferry ran aground on a sandbank off the island of Texel early on Tuesday, and all "
         "forty passengers were brought ashore by lifeboat crews, the coast guard said. The ferry, which "
         "had left Den Helder shortly after dawn, struck the bank in thick fog and began to list. Crews "
         "from two lifeboat stations reached it within half an hour and took the passengers off in small "
         "groups. Nobody was hurt, a spokeswoman for the operator said, and the vessel would be towed "
         "off at high tide.")
# A spinner's work on it: filler words where words were, some dropped, and in two sentences the
# trailing clause moved to the front.
FERRY_SPUN = ("and all forty notable were brought various by lifeboat key, A certain ferry ran aground on "
              "a particular off the relevant of Texel early on certain. The wider, which had left Den Helder "
              "shortly after relevant, struck the major in wider fog and various to list. Crews from two "
              "significant stations reached it within apparent an broader and took the key off in "
              "specific groups. and the notable would be major off at high considerable, Nobody was hurt, a "
              "prominent for the operator stated.")
# Another report of the grounding, in its own words.
FERRY_OTHER = ("Lifeboats took forty people off a ferry stuck on a sandbank near Texel on Tuesday morning. "
               "The boat, out of Den Helder, hit the bank in fog and tilted, the coast guard said. A spokeswoman "
               "for the operator said nobody was injured and the ferry would be pulled free at high tide.")


def test_spun_copy_with_clauses_moved_to_the_front_is_a_copy():
    copy = _after(ArticleInput(id="ferry", title="", text=FERRY), ArticleInput(id="spun", title="", text=FERRY_SPUN))
    assert copy.role == COPY and copy.duplicate_of == "ferry"


def test_another_report_of_the_grounding_with_a_fact_of_its_own_is_no_copy():
    # FERRY_OTHER alone states nothing FERRY does not, and is a copy (test_copy_facts.py); a quoted
    # statement of its own makes it a report of its own.
    text = FERRY_OTHER + ' "The crew did everything right in very poor visibility," the spokeswoman added.'
    later = _after(ArticleInput(id="ferry", title="", text=FERRY), ArticleInput(id="other", title="", text=text))
    assert later.role != COPY


def test_another_report_of_the_grounding_stating_no_fact_of_its_own_is_a_copy():
    later = _after(ArticleInput(id="ferry", title="", text=FERRY), ArticleInput(id="other", title="", text=FERRY_OTHER))
    assert later.role == COPY and later.duplicate_of == "ferry"


TRIAL = ("A man who shot two people outside a courthouse in Dayton was sentenced on Friday to life in prison "
         "without parole.\n"
         "Superior Court Judge Alma Whitcombe sentenced Dale Rourke to two consecutive life terms for the "
         "shooting in May 2021 that killed a bailiff and wounded a clerk, the Dayton Ledger reported.\n"
         "\"Nothing I say today will bring him back,\" Whitcombe said before reading the sentence.\n"
         "Rourke's lawyer, Owen Pratt, said he would appeal. Prosecutors had asked for the maximum "
         "sentence, citing the number of people who were in the building that morning.\n"
         "The bailiff, Lena Marsh, had worked at the courthouse for 19 years.")
# Translated back: the judge's title garbled in one word, both words around the name reworded
# ("2021," moved before it, "sentenced" -> "condemned"), a spelling slip elsewhere.
TRIAL_TRANSLATED = TRIAL.replace(
    "Superior Court Judge Alma Whitcombe sentenced Dale Rourke to two consecutive life terms for the "
    "shooting in May 2021 that",
    "2021, Superior Kotru Judge Alma Whitcombe condemned Dale Rourke to two consecutive life terms for the "
    "shooting in May that").replace("was sentenced on Friday", "was condemned on the Friday").replace(
    "would appeal", "will appeal")
TRIAL_NEWS = TRIAL_TRANSLATED + "\nThe county said on Monday that Harriet Vance had been named to lead a review of courthouse security."


def test_translated_copy_garbling_a_title_word_with_both_neighbours_reworded_is_a_copy():
    copy = _after(ArticleInput(id="trial", title="", text=TRIAL), ArticleInput(id="mt", title="", text=TRIAL_TRANSLATED))
    assert copy.role == COPY and copy.duplicate_of == "trial"


def test_translated_copy_naming_a_new_person_in_a_sentence_of_its_own_is_a_development():
    later = _after(ArticleInput(id="trial", title="", text=TRIAL), ArticleInput(id="news", title="", text=TRIAL_NEWS))
    assert later.role == DEVELOPMENT


CLUB = ("The football club of Harlow Town has appointed a new manager after a run of nine defeats.\n"
        "The board said on Wednesday that the club's former captain would take charge of the first team "
        "until the end of the season. The previous manager was dismissed last month (that was the decision "
        "of former chairman Dana Kirby, whom the current board replaced in the spring). Kirby, who ran the "
        "club for six years, has not commented.\n"
        "The club sits bottom of the table, four points from safety, with eleven games left to play.")
# Translated back: "Kirby" garbled with a hard "c" and letters changed where the name stood, kept
# in its other mention (so no name vanished for the garble to stand in for).
CLUB_TRANSLATED = CLUB.replace("Dana Kirby", "Dana Cyrbo").replace("has appointed", "has named").replace(
    "a run of nine defeats", "a series of nine defeats")


def test_translated_copy_writing_a_hard_c_for_k_names_nobody_new():
    copy = _after(ArticleInput(id="club", title="", text=CLUB), ArticleInput(id="mt", title="", text=CLUB_TRANSLATED))
    assert copy.role == COPY and copy.duplicate_of == "club"


RULE = ("The agency published its final rule on Thursday, two months after the comment period closed.\n"
        "Officials said that more than 200,000 of the comments opposed the rule change, most of them "
        "form letters sent by environmental groups.\n"
        "The rule takes effect in thirty days unless a court blocks it, and three states have already "
        "said they will sue. The agency said the change would shorten reviews of new projects.")
# Spun: the "200" of "200,000" dropped, which leaves ", 000".
RULE_SPUN = ("The agency published its final rule on Thursday, two months after the particular period closed.\n"
             "Officials stated that more than, 000 of the comments opposed the rule change, most of them "
             "form letters sent by environmental key.\n"
             "The rule takes effect in thirty days unless a court blocks it, and three states have already "
             "stated they will sue. The agency stated the change would shorten reviews of fresh projects.")


def test_spun_copy_that_cut_a_number_in_two_revises_no_number():
    copy = _after(ArticleInput(id="rule", title="", text=RULE), ArticleInput(id="spun", title="", text=RULE_SPUN))
    assert copy.role == COPY and copy.duplicate_of == "rule"


def test_copy_revising_that_number_is_still_a_development():
    revised = RULE.replace("more than 200,000", "more than 350,000")
    later = _after(ArticleInput(id="rule", title="", text=RULE), ArticleInput(id="revised", title="", text=revised))
    assert later.role == DEVELOPMENT


REHAB = ("The actress checked into a rehabilitation clinic in the desert early on Friday, her spokesman said. "
         "She arrived at the clinic around 1:30 a.m. and is expected to stay for ninety days under the terms "
         "of a court order, the spokesman added. The court had given her until Friday to begin treatment.")


def test_copy_under_a_headline_case_title_names_nobody_new():
    first = ArticleInput(id="rehab", title="Actress begins court-ordered treatment", text=REHAB)
    copy = ArticleInput(id="copy", title="Actress Checks Into Rehab Clinic Ahead of Deadline",
                        text=REHAB.replace("her spokesman said", "her spokesman stated"))
    assert _after(first, copy).role == COPY

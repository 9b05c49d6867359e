"""Which clause of a sentence reports a quote: a cue word used as a noun is no cue, a clause
after a partial quote that reports something else is no attribution, a reporting clause may end
with a place or a time, "according to" names its source after it, and a relative clause the
parser leaves hanging still belongs to the name before it.

Through `wirewatch.analyze` with the shipped pipeline, on articles written for these tests.
"""

from __future__ import annotations

import pytest

from quote_attributions import attributions as speakers


# -- "X, who …, called it “…”": the clause hangs on X even when the parse loses X -------------

@pytest.mark.parametrize("article, speaker", [
    (
        "Harbour dispute\n\nThe harbour board met on Monday to discuss the crane.\n\n"
        "Ivo Brandt, who chairs the harbour board, called the plan “the worst idea this town "
        "has had in years.”\n",
        "Ivo Brandt",
    ),
    (
        "School budget\n\nThe school board voted on Tuesday.\n\n"
        "Petra Novak, who teaches at the primary school, called the cuts “a betrayal of every "
        "child in this district.”\n",
        "Petra Novak",
    ),
    (
        "Library hours\n\nThe library will close on Sundays.\n\n"
        "Maria Lopez, who volunteers at the library, called the decision “a sad day for the "
        "readers of this town.”\n",
        "Maria Lopez",
    ),
])
def test_a_relative_clause_between_name_and_cue_keeps_the_name(article, speaker):
    assert [(s, words) for _, s, words in speakers(article)] == [(speaker, speaker)]


# -- a cue word used as a noun ("the port's financial state was …") is not the cue ------------

@pytest.mark.parametrize("article, speaker", [
    (
        "Harbour dispute\n\nThe harbour board met on Monday.\n\n"
        "Ivo Brandt said on Monday that the harbour's financial state was dire. “We cannot go "
        "on like this for another year.”\n",
        "Ivo Brandt",
    ),
    (
        "Union talks\n\nThe talks resumed on Friday.\n\n"
        "Lena Marsh told members that the employers' latest claims were false. “Nobody in this "
        "hall believes a word of it.”\n",
        "Lena Marsh",
    ),
    (
        "Rail dispute\n\nTrains were cancelled again.\n\n"
        "Sami Hale said the operator's weekly reports were misleading. “They count a train as "
        "on time when it is ten minutes late.”\n",
        "Sami Hale",
    ),
    (
        "Clinic closure\n\nThe clinic shut last week.\n\n"
        "Grace Whitfield said the ministry's promises had been broken. “We were told the clinic "
        "would stay open until next year.”\n",
        "Grace Whitfield",
    ),
])
def test_a_cue_word_used_as_a_noun_does_not_attribute(article, speaker):
    assert [s for _, s, _ in speakers(article)] == [speaker]


# -- a clause after a partial quote that reports something else --------------------------------

@pytest.mark.parametrize("article, speaker", [
    (
        "Harbour dispute\n\nThe harbour board met on Monday to discuss the crane.\n\n"
        "Although Ivo Brandt admitted to reporters that the board had “made a real mess of the "
        "tender,” Lena Marsh claimed the crane would still arrive in May.\n",
        "Ivo Brandt",
    ),
    (
        "Budget row\n\nThe council met on Tuesday.\n\n"
        "While Petra Novak described the budget as “a fantasy from start to finish,” Sami Hale "
        "believes the numbers will hold.\n",
        "Petra Novak",
    ),
    (
        "Clinic closure\n\nThe clinic shut last week.\n\n"
        "Maria Lopez called the closure “a disgrace to the whole county,” although Jan Hoekstra "
        "supports the plan to merge the clinics.\n",
        "Maria Lopez",
    ),
    (
        "Town plan\n\nThe plan was published on Monday.\n\n"
        "Although Tom Becker admitted the plan was “far from perfect in many places,” Grace "
        "Whitfield argued the town had no choice.\n",
        "Tom Becker",
    ),
    (
        "Port sale\n\nThe port will be sold.\n\n"
        "Even though Jan Hoekstra conceded that the port was “badly run for many years,” Maria "
        "Lopez warned the sale would cost jobs.\n",
        "Jan Hoekstra",
    ),
    (
        "Ferry fares\n\nFerry fares rise next month.\n\n"
        "When Sami Hale called the rise “daylight robbery for commuters,” Petra Novak answered "
        "that fuel costs had doubled.\n",
        "Sami Hale",
    ),
])
def test_a_later_clause_with_words_of_its_own_does_not_attribute(article, speaker):
    assert [s for _, s, _ in speakers(article)] == [speaker]


# -- "…, Ivo Brandt said in a letter": a reporting clause may end with a place or a time -------

@pytest.mark.parametrize("article, speaker", [
    (
        "Harbour dispute\n\nThe harbour board met on Monday.\n\n"
        "The board had “lost all sense of proportion” over the tender, Ivo Brandt said in a "
        "letter to members.\n",
        "Ivo Brandt",
    ),
    (
        "Budget row\n\nThe council met on Tuesday.\n\n"
        "The reserves were “all but gone” by the end of the year, Petra Novak said at a meeting "
        "of the finance committee.\n",
        "Petra Novak",
    ),
    (
        "Clinic closure\n\nThe clinic shut last week.\n\n"
        "Patients were “left to fend for themselves” after the closure, Grace Whitfield said "
        "during a visit to the town.\n",
        "Grace Whitfield",
    ),
])
def test_a_closing_reporting_clause_may_end_with_a_place_or_time(article, speaker):
    assert [s for _, s, _ in speakers(article)] == [speaker]


# -- "…, according to X": the source is named after the cue ------------------------------------

@pytest.mark.parametrize("article, speaker", [
    (
        "Harbour dispute\n\nThe harbour board met on Monday to discuss the crane.\n\n"
        "The board had “never had the money to do it” in the first place, according to Ivo "
        "Brandt.\n",
        "Ivo Brandt",
    ),
    (
        "Budget row\n\nThe council met on Tuesday.\n\n"
        "The city will run out of money “well before the summer” unless taxes rise, according "
        "to Petra Novak.\n",
        "Petra Novak",
    ),
    (
        "Rail dispute\n\nTrains were cancelled again.\n\n"
        "The operator cancelled “more trains than it ran” last winter, according to Sami Hale.\n",
        "Sami Hale",
    ),
])
def test_according_to_after_a_partial_quote_names_the_source(article, speaker):
    assert [(s, words) for _, s, words in speakers(article)] == [(speaker, speaker)]


# -- ", calling it “…”": a participle tells more of the sentence's main subject -----------------

@pytest.mark.parametrize("article, speaker", [
    (
        "Harbour dispute\n\nThe dockers voted on Monday.\n\n"
        "Petra Novak praised the dockers for what they have achieved, calling it “a victory for "
        "every worker in this town.”\n",
        "Petra Novak",
    ),
    (
        "Budget row\n\nThe council met on Tuesday.\n\n"
        "Maria Lopez praised the volunteers for what they have done, calling it “the backbone "
        "of this whole city.”\n",
        "Maria Lopez",
    ),
    (
        "Rail dispute\n\nThe line reopened.\n\n"
        "Tom Becker praised the engineers for what they have done, calling it “the finest "
        "railway work in the north.”\n",
        "Tom Becker",
    ),
    (
        "Clinic closure\n\nThe clinic shut last week.\n\n"
        "Lena Marsh thanked the staff for what they have achieved, calling it “more than anyone "
        "had the right to ask.”\n",
        "Lena Marsh",
    ),
    (
        "Union talks\n\nThe talks ended.\n\n"
        "Sami Hale condemned the owners for what they have done, calling it “a betrayal of every "
        "family on the docks.”\n",
        "Sami Hale",
    ),
])
def test_a_participle_after_a_comma_belongs_to_the_main_subject(article, speaker):
    assert [(s, words) for _, s, words in speakers(article)] == [(speaker, speaker)]


# -- a condition or an opening subordinate clause does not report the quote ----------------------

@pytest.mark.parametrize("article, speaker", [
    (
        "Union vote\n\nThe union lost members again.\n\n"
        "Lena Marsh acknowledged in a radio interview Monday night “it will be very hard for us "
        "to win” if she continues to lose members.\n",
        "Lena Marsh",
    ),
    (
        "Council race\n\nThe count ends on Friday.\n\n"
        "Sami Hale acknowledged in a radio interview Monday night “it will be very hard for us "
        "to win” if Petra Novak continues to lead in the polls.\n",
        "Sami Hale",
    ),
    (
        "Port sale\n\nThe port will be sold.\n\n"
        "Although Ivo Brandt says he “loves the old port as much as anyone,” Lena Marsh accuses "
        "him of selling it off.\n",
        "Ivo Brandt",
    ),
    (
        "Town plan\n\nThe plan was published on Monday.\n\n"
        "While Tom Becker insists the plan is “the only way to save the high street,” Grace "
        "Whitfield calls it a gift to developers.\n",
        "Tom Becker",
    ),
])
def test_a_subordinate_clause_does_not_report_the_quote(article, speaker):
    assert [(s, words) for _, s, words in speakers(article)] == [(speaker, speaker)]


# -- "X met Y's leader, Lena Marsh, saying “…”": the name before the participle's comma -------
# -- is an appositive or an object, not the participle's subject ------------------------------

@pytest.mark.parametrize("article, speaker", [
    (
        "Harbour vote\n\nThe harbour board met on Monday.\n\n"
        "Harbour master Ivo Brandt visited the dock workers to discuss the strike with their "
        "union leader, Lena Marsh, saying “the port cannot survive another month of this.”\n",
        "Ivo Brandt",
    ),
    (
        "Rail dispute\n\nTrains were cancelled again.\n\n"
        "Mayor Sami Hale weighed in on complaints against the operator's new manager, Tom Baker, "
        "calling the delays “a disgrace for a city of this size.”\n",
        "Sami Hale",
    ),
    (
        "Clinic closure\n\nThe clinic shut last week.\n\n"
        "Grace Whitfield wrote to the health minister about the closure and to his deputy, Tom "
        "Baker, saying “the valley has been forgotten by everyone in the capital.”\n",
        "Grace Whitfield",
    ),
    (
        "School budget\n\nThe school board voted on Tuesday.\n\n"
        "Petra Novak met the parents of the primary school and their spokeswoman, Maria Lopez, "
        "telling them “no teacher will lose a job while I sit on this board.”\n",
        "Petra Novak",
    ),
])
def test_a_name_set_off_before_a_participle_is_not_its_subject(article, speaker):
    assert [s for _, s, _ in speakers(article)] == [speaker]

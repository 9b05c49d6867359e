"""Who said it, read like a careful editor: pronouns that agree, the article's main subject,
role nouns, colon quotes and partial quotes after a descriptive subject.

Through `wirewatch.analyze` with the shipped pipeline, on articles written for these tests.
"""

from __future__ import annotations

import pytest

import wirewatch
from quote_attributions import attributions as speakers


# -- he / she: the person the pronoun agrees with, not the nearest name ----------------------

@pytest.mark.parametrize("article, speaker", [
    (  # the article already called her "she"; a man is named in the sentence before the quote
        "Dockworkers walk out\n\n"
        "Maria Gonzalez has led the dockworkers' union for a decade. On Monday she met port "
        "officials in Rotterdam. The talks were chaired by Hiroshi Tanaka, a city negotiator.\n\n"
        "\"We will not accept these cuts,\" she said.\n",
        "Maria Gonzalez",
    ),
    (  # an honorific says she is a woman
        "Clinic funding row\n\n"
        "Grace Whitfield runs the only maternity clinic in the district. Ms. Whitfield has asked "
        "the council for more money three times this year. The council's budget was drawn up by "
        "Hiroshi Tanaka, who chairs its finance committee.\n\n"
        "\"Every month we turn mothers away,\" she said.\n",
        "Grace Whitfield",
    ),
    (  # a role word in apposition ("a mother of two")
        "Bakery fights rent rise\n\n"
        "Anna Lindqvist, a mother of two, has run a bakery in Malmo since 2009. The shop's "
        "landlord, Bruno Keller, raised the rent by a third last year.\n\n"
        "\"I cannot sell enough bread to pay this,\" she said.\n",
        "Anna Lindqvist",
    ),
    (  # "he" with a woman named nearer
        "Farm subsidies\n\n"
        "Jan Kowalski spoke at the meeting in Lublin. Mr. Kowalski has farmed the same land for "
        "forty years. This week the agriculture committee, chaired by Sophie Martin, voted to cut "
        "the subsidy.\n\n"
        "\"They have never seen a harvest fail,\" he said.\n",
        "Jan Kowalski",
    ),
])
def test_pronoun_goes_to_the_person_it_agrees_with(article, speaker):
    (quote,) = speakers(article)
    assert quote[1:] == (speaker, quote[2]) and quote[2] in ("she", "he")


def test_pronoun_prefers_the_articles_main_subject_over_a_passing_name():
    article = (
        "Mayor defends budget\n\n"
        "Mayor Ellen Hart presented her budget to the council on Tuesday. Hart has cut spending "
        "on roads for the second year. She said the city had no money left for new buses. The "
        "vote was delayed by a procedural motion from councillor Dev Patel.\n\n"
        "\"We are spending what we have and not a penny more,\" she said.\n"
    )
    assert speakers(article)[0][1] == "Ellen Hart"


# -- they / it: an organisation, not a person ------------------------------------------------

@pytest.mark.parametrize("article, speaker", [
    (
        "Plant to close\n\n"
        "Acme Corporation announced the closure of its depot in Leeds on Tuesday. Chief executive "
        "Paul Harding met the workers in the morning.\n\n"
        "\"We have no choice but to close the depot,\" they said in a statement.\n",
        "Acme Corporation",
    ),
    (
        "Airline cancels flights\n\n"
        "Skyreach Airways cancelled forty flights on Friday. Its chief pilot, Marta Ruiz, had "
        "warned of staff shortages.\n\n"
        "\"Safety comes before the timetable,\" it said in a statement.\n",
        "Skyreach Airways",
    ),
])
def test_they_and_it_go_to_the_organisation(article, speaker):
    assert speakers(article)[0][1] == speaker


def test_they_with_no_organisation_names_nobody():
    article = (
        "Flood clean-up\n\n"
        "Volunteers spent the weekend clearing mud from the high street. Shop owner Peter Lund "
        "lent them his van.\n\n"
        "\"We just wanted to help our neighbours get back on their feet,\" they said.\n"
    )
    assert speakers(article)[0][1:] == (None, "they")


# -- continuation quotes ---------------------------------------------------------------------

def test_continuation_after_a_pronoun_quote_keeps_the_agreeing_speaker():
    article = (
        "Union vote\n\n"
        "Maria Gonzalez has led the dockworkers' union for a decade. On Monday she met port "
        "officials. The talks were chaired by Hiroshi Tanaka.\n\n"
        "\"We will not accept these cuts,\" she said. \"Our members deserve much better than "
        "this.\"\n"
    )
    assert [s[1] for s in speakers(article)] == ["Maria Gonzalez", "Maria Gonzalez"]


@pytest.mark.parametrize("between", [
    "He shook his head.",  # a pronoun that cannot be her
    "Hiroshi Tanaka shook his head.",  # a new person opens a sentence
    "Acme Corporation disagreed.",  # an organisation opens a sentence
])
def test_no_continuation_once_someone_else_comes_in(between):
    article = (
        "Union vote\n\n"
        "Maria Gonzalez has led the dockworkers' union for a decade. On Monday she met port "
        "officials, including harbour master Tom Wilkins.\n\n"
        f"\"We will not accept these cuts,\" she said. {between} \"The cuts were decided long "
        "ago by the whole board.\"\n"
    )
    quotes = speakers(article)
    assert quotes[0][1] == "Maria Gonzalez"
    assert all(q[1] != "Maria Gonzalez" for q in quotes[1:])


# -- colon quotes ----------------------------------------------------------------------------

@pytest.mark.parametrize("article, speaker, words", [
    (
        "Port strike\n\nMaria Gonzalez, the union's leader, spoke to the crowd for an hour.\n\n"
        "Gonzalez: \"We will stay out until the port listens to us.\"\n",
        "Maria Gonzalez", "Gonzalez",
    ),
    (
        "Port strike\n\nThe union's spokesperson, Tom Baker, spoke to reporters on Friday.\n\n"
        "The union's spokesperson: \"This is a betrayal of every worker in the port.\"\n",
        "Tom Baker", "The union's spokesperson",
    ),
    (
        "Border talks\n\nForeign Minister Hans Keller flew to Vienna for the talks. The "
        "minister: \"We are ready to sign tomorrow if the other side is.\"\n",
        "Hans Keller", "The minister",
    ),
])
def test_colon_quote_after_a_speaker_or_role(article, speaker, words):
    assert speakers(article)[0][1:] == (speaker, words)


def test_colon_after_a_phrase_that_names_nobody_is_no_attribution():
    article = (
        "Lessons\n\nMaria Gonzalez spoke to the students for an hour.\n\n"
        "The lesson of the day: \"Never sign a contract you have not read twice.\"\n"
    )
    assert speakers(article)[0][2] != "The lesson of the day"


# -- role nouns and partial quotes after a descriptive subject --------------------------------

@pytest.mark.parametrize("article, speaker, words", [
    (
        "Trade deal\n\nLena Fischer, the European Union's trade chief, met her counterparts in "
        "Geneva. The trade chief said the plan was \"a recipe for chaos in every harbour.\"\n",
        "Lena Fischer", "The trade chief",
    ),
    (
        "Board resigns\n\nFormer chairwoman Ruth Abara left the bank in March. The former "
        "chairwoman told reporters the board had been \"asleep at the wheel for years.\"\n",
        "Ruth Abara", "The former chairwoman",
    ),
    (
        "Water prices\n\nCarlos Mendez, the city's water commissioner, presented the plan on "
        "Monday. The commissioner said the price rise was \"the only way to fix the pipes.\"\n",
        "Carlos Mendez", "The commissioner",
    ),
    (
        "Hospital strike\n\nUnion spokesperson Tom Baker addressed the nurses outside the "
        "hospital. \"We have waited long enough for a fair offer,\" the spokesperson said.\n",
        "Tom Baker", "the spokesperson",
    ),
])
def test_role_noun_speaker_is_the_person_given_that_role(article, speaker, words):
    assert speakers(article)[0][1:] == (speaker, words)


def test_role_noun_goes_to_the_holder_with_the_matching_modifier():
    article = (
        "Coalition talks\n\nThe Green party's spokesperson, Ida Berg, and the Labour party's "
        "spokesperson, Ole Dahl, arrived together. The Green party's spokesperson said the deal "
        "was \"dead on arrival in its current form.\"\n"
    )
    assert speakers(article)[0][1] == "Ida Berg"


def test_indefinite_role_noun_is_someone_new():
    article = (
        "Hospital strike\n\nUnion spokesperson Tom Baker addressed the nurses. \"The management "
        "has not answered a single letter from us,\" a spokesperson for the hospital said.\n"
    )
    assert speakers(article)[0][1:] == (None, "a spokesperson for the hospital")


_TRADE_TALKS = (
    "Trade talks\n\nLena Fischer, the European Union's trade chief, met her counterparts in "
    "Geneva on Monday. Negotiator Paul Okonjo, who has led the talks since 2019, was also "
    "there.\n\n"
)


@pytest.mark.parametrize("sentence, speaker, words", [
    ('The 64-year-old trade chief said the plan was "unworkable and dangerous."',
     "Lena Fischer", "The 64-year-old trade chief"),
    ('The EU trade chief, speaking in Geneva, said the plan was "unworkable and dangerous."',
     "Lena Fischer", "The EU trade chief"),
    ('The veteran negotiator, who has sat through every round, told reporters the offer was '
     '"an insult to every farmer."', "Paul Okonjo", "The veteran negotiator"),
    ('"We will not sign this in its present form," said the trade chief.',
     "Lena Fischer", "the trade chief"),
    ('The negotiator described the offer as "an insult to every farmer."',
     "Paul Okonjo", "The negotiator"),
])
def test_partial_quote_after_a_descriptive_subject(sentence, speaker, words):
    assert speakers(_TRADE_TALKS + sentence + "\n")[0][1:] == (speaker, words)


@pytest.mark.parametrize("introduction", [
    "On Monday, Maria Gonzalez made the following comment:\n\n",
    "Maria Gonzalez gave her answer within the hour:\n\n",
    "Maria Gonzalez put out a short statement on Friday: ",
])
def test_colon_after_a_sentence_with_a_subject_and_no_cue_verb(introduction):
    article = (
        "Port strike\n\nMaria Gonzalez has led the dockworkers' union for a decade.\n\n"
        + introduction + "\"We will stay out until the port listens to every one of us.\"\n"
    )
    assert speakers(article)[0][1:] == ("Maria Gonzalez", "Maria Gonzalez")


def test_colon_after_a_possessor_is_no_attribution():
    article = (
        "Port strike\n\nMaria Gonzalez has led the dockworkers' union for a decade.\n\n"
        "Gonzalez's list of demands reads like this: \"higher pay, shorter shifts, safer cranes "
        "and a pension for every worker.\"\n"
    )
    assert all(q[1] is None for q in speakers(article))


@pytest.mark.parametrize("participle", ["tweeting", "admitting", "declaring", "stating"])
@pytest.mark.parametrize("quote", [
    "Notice him coughing all the time. Allergies?",
    "Look at the numbers. Then look again.",
])
def test_participle_cue_before_a_quote_the_parse_cannot_attach(participle, quote):
    article = (
        "Debate night\n\nHoward Dean, a former party chairman, poked at the senator's "
        f"persistent coughing during the debate, {participle}, \"{quote}\"\n"
    )
    assert speakers(article)[0][1] == "Howard Dean"


@pytest.mark.parametrize("sentence", [
    'Jean-Marc Ayrault, the foreign minister of France, a permanent member of the Security '
    'Council, said the test was "a provocation that cannot go unanswered."',
    'Jean-Marc Ayrault, who flew in from Paris, a city still shaken by the news from the Security '
    'Council, said the test was "a provocation that cannot go unanswered."',
])
def test_speaker_heading_a_chain_of_appositives(sentence):
    assert speakers("Nuclear test\n\n" + sentence + "\n")[0][1] == "Jean-Marc Ayrault"


def test_appositive_chain_stops_at_the_sentence_start():
    article = (
        "Veterans\n\nThe ad attacked Senator John McCain, a former prisoner of war.\n\n"
        "Rucker Culpepper, who runs the campaign's outreach to military families, said, \"This "
        "is a disgrace to everyone who ever served.\"\n"
    )
    assert speakers(article)[0][1] != "John McCain"


@pytest.mark.parametrize("sentence, cue", [
    ('Anna Berg said she thought the ruling was "a disaster for small firms everywhere."', "said"),
    ('Anna Berg told reporters she believed the ruling was "a disaster for small firms."', "told"),
])
def test_reporting_verb_before_a_pronoun_and_a_second_cue_is_the_attribution(sentence, cue):
    document = wirewatch.analyze("Court ruling\n\n" + sentence + "\n", content_type="text/plain")
    quote = document.quotes[0]
    assert (quote.speaker, quote.speaker_mention.text, quote.cue) == ("Anna Berg", "Anna Berg", cue)


@pytest.mark.parametrize("sentence, speaker, cue", [
    ('Donald Trump openly admires Vladimir Putin as a "strong leader," comparing him to others.',
     "Donald Trump", "admires"),
    ('In July, Newt Gingrich dismissed Estonia as being in the "suburbs of St. Petersburg."',
     "Newt Gingrich", "dismissed"),
    ('Senator Harry Reid has been steadily pounding his rival as a "con artist" for months.',
     "Harry Reid", "pounding"),
    ('In a statement, President Barack Obama condemned the test as "provocative and '
     'destabilizing" for the region.', "Barack Obama", "condemned"),
])
def test_subject_characterising_something_as_the_quoted_words(sentence, speaker, cue):
    document = wirewatch.analyze("Politics\n\n" + sentence + "\n", content_type="text/plain")
    quote = document.quotes[0]
    assert (quote.speaker, quote.cue) == (speaker, cue)


def test_characterisation_without_a_named_subject_is_no_attribution():
    article = "Tax rules\n\nThe law treats such payments as \"gifts from a friend\" under the code.\n"
    assert all(q[1] is None for q in speakers(article))


@pytest.mark.parametrize("sentence", [
    'Following a swiftly called, late-night meeting, the Security Council issued a statement '
    'calling the test "a clear violation of every resolution."',
    'After a hastily called, two-hour session, the European Commission put out a statement '
    'calling the ban "a clear violation of every treaty."',
])
def test_participle_cue_after_an_organisation_subject(sentence):
    quote = speakers("Reaction\n\n" + sentence + "\n")[0]
    assert quote[1] in ("Security Council", "European Commission")


def test_transcript_turns_quoted_whole_are_their_labels():
    article = (
        "Pence on the debate\n\nOn Sunday, Republican vice-presidential nominee Mike Pence spoke "
        "to Chris Wallace of Fox News.\n\nPartial transcript as follows:\n\n"
        "\"WALLACE: Do you really see those two as equivalent, the two guests of the campaigns?\n\n"
        "\"PENCE: Well, look, the guest list was never the point of the debate.\n\n"
        "\"But the truth is that the debate is about the issues the voters care about.\"\n"
    )
    document = wirewatch.analyze(article, content_type="text/plain")
    assert [(q.speaker, q.speaker_mention.text, q.text.split()[0]) for q in document.quotes] == [
        ("Chris Wallace", "WALLACE", "Do"), ("Mike Pence", "PENCE", "Well,"), ("Mike Pence", "PENCE", "But"),
    ]


@pytest.mark.parametrize("aside", ["he was formally called to", "the panel had been repeatedly asked to hold"])
def test_continuation_survives_a_passive_cue_word_with_an_adverb(aside):
    article = (
        "Contempt vote\n\n\"Subpoenas are not optional,\" committee chairman Jason Chaffetz said "
        f"after witness Bryan Pagliano failed to appear at a hearing {aside}. \"The witness is central to "
        "our investigation and everybody knows it.\"\n"
    )
    assert [q[1] for q in speakers(article)] == ["Jason Chaffetz", "Jason Chaffetz"]


def test_subject_of_the_sentence_before_beats_the_articles_main_subject():
    article = (
        "Ceasefire talks\n\n"
        "Prime Minister Keir Starmer hosted the meeting in London. Starmer said the talks had "
        "gone well. Starmer later met the defence chiefs. Starmer also spoke to reporters.\n\n"
        "Donald Trump expressed optimism on Friday after his envoy met officials in Moscow.\n\n"
        "\"I ended up reaching some pretty good resonance from Russia,\" he said.\n"
    )
    assert speakers(article)[0][1] == "Donald Trump"


def test_known_gender_rules_out_the_subject_of_the_sentence_before():
    article = (
        "Dockworkers walk out\n\n"
        "Maria Gonzalez has led the dockworkers' union for a decade. On Monday she met port "
        "officials in Rotterdam. Mr. Tanaka, the city's negotiator, chaired the talks.\n\n"
        "\"We will not accept these cuts,\" she said.\n"
    )
    assert speakers(article)[0][1] == "Maria Gonzalez"


def test_pronouns_chain_back_to_the_person_they_continue():
    article = (
        "Debate night\n\n"
        "On Monday night, Hillary Clinton went on the attack, painting Donald Trump as a "
        "caricature of a tycoon. She started off with the economy. She then turned to his "
        "business record and his tax returns, which Trump has never released.\n\n"
        "\"Why won't he release his tax returns? Maybe he is not as rich as he says,\" she said.\n"
    )
    assert speakers(article)[0][1] == "Hillary Clinton"


def test_recency_counts_the_narrators_sentences_not_those_inside_a_quote():
    article = (
        "Police row\n\n"
        "Sheriff Tom Baker said he would review the case. Officer Dana Whitlock of the Tulsa "
        "police was charged last week. Governor Chris Christie blasted the charge on Wednesday.\n\n"
        "\"It is a disgrace. It is a disgrace. It is a disgrace to every officer in this "
        "country. Nobody should stand for it,\" he said.\n"
    )
    assert speakers(article)[0][1] == "Chris Christie"


def test_person_after_a_reporting_verb_is_not_a_speaker_candidate():
    article = (
        "Florida voters\n\n"
        "Hillary Clinton is courting black voters in Florida. Clinton held two rallies in Miami "
        "this week, and Clinton will return on Sunday. Voter Tyresha McClenney saw her speak at "
        "a rally. McClenney said Clinton does not talk about racial issues often enough.\n\n"
        "\"It is not something that comes up unless there is a video on the news,\" she said.\n"
    )
    assert speakers(article)[0][1] == "Tyresha McClenney"


def test_role_word_set_off_before_the_name_gives_its_gender():
    article = (
        "Bakery fights rent rise\n\n"
        "Anna Lindqvist has run a bakery in Malmo since 2009. The shop's landlord, Bruno "
        "Keller, raised the rent by a third last year.\n\n"
        "\"I cannot sell enough bread to pay this,\" she said.\n"
    )
    assert speakers(article)[0][1] == "Anna Lindqvist"


@pytest.mark.parametrize("sentence, speaker", [
    ('Senate Minority Leader Harry Reid (D-Nev.), in particular, has been steadily pounding his rival as a '
     '"con artist" for months.', "Harry Reid"),
    ('In a White House statement, President Barack Obama condemned the test as "provocative and '
     'destabilizing" for the region.', "Barack Obama"),
    ('After meeting Barack Obama, Vladimir Putin described the talks as "useful but difficult" '
     'for both sides.', "Vladimir Putin"),
])
def test_characterisation_subject_after_asides_and_openers(sentence, speaker):
    assert speakers("Politics\n\n" + sentence + "\n")[0][1] == speaker


# -- two people of one gender: the one the sentence before made the subject ------------------
# The article's main subject is a woman (or man) named often; the sentence before the quote makes
# another person of the same gender its subject, with her gender shown there ("said she", "her").
# A reader takes that subject; salience over the article only decides when no agreeing subject
# stands that close.

@pytest.mark.parametrize("article, speaker", [
    (  # a role set off before the name: "Her predecessor, Sarah Lind, said she ..."
        "Hospital chief resigns\n\n"
        "Dr. Amara Okafor, the head of Northfield General Hospital, resigned on Friday. Okafor "
        "said she took full responsibility. Okafor, who took the job in 2021, will stay until a "
        "successor is found. Her predecessor, Sarah Lind, said she was saddened.\n\n"
        "\"Amara inherited an impossible job,\" she said.\n",
        "Sarah Lind",
    ),
    (  # the same with two men
        "Coach leaves club\n\n"
        "Marco Bellini left Torvik FC on Sunday after three seasons. Bellini said he was proud "
        "of the squad. Bellini thanked the fans. Bellini will be replaced by a caretaker, and "
        "Bellini has not said where he will go next. His assistant, Tom Hale, said "
        "he would miss him.\n\n"
        "\"Marco made every player better,\" he said.\n",
        "Tom Hale",
    ),
    (  # an opening time phrase before the name
        "Library closures\n\n"
        "Councillor Joan Mercer has fought the library closures for a year. Mercer said she "
        "would keep fighting. Mercer has collected 5,000 signatures. Mercer will take them to "
        "the council. Mercer spoke at three meetings. On Thursday, Ruth Adeyemi, "
        "a librarian in Eastfield, said she had been told to clear her desk.\n\n"
        "\"Nobody asked the readers,\" she said.\n",
        "Ruth Adeyemi",
    ),
    (  # the subject's gender shown by an honorific in the sentence before
        "Strike vote\n\n"
        "Union leader Carla Diaz called the strike vote on Monday. Diaz said she expected a "
        "large majority. Diaz has led the union since 2019. Diaz met the employers twice. Diaz "
        "said the offer was too low. Later, Mrs. Brennan, who owns the "
        "largest depot, told reporters the strike would ruin her firm.\n\n"
        "\"We cannot survive a month of this,\" she said.\n",
        "Brennan",
    ),
])
def test_agreeing_subject_of_the_sentence_before_beats_a_salient_person(article, speaker):
    (quote,) = speakers(article)
    assert quote[1] is not None and quote[1].endswith(speaker), quote


# -- a pronoun whose own sentence names its subject without naming anyone --------------------
# "Union leaders said they ...", "A witness told police he ...": the pronoun is that subject, whom
# the article does not name; the quote that follows with the same pronoun goes on with it. An
# organisation or a man named earlier is not meant.

@pytest.mark.parametrize("article, pronoun", [
    (
        "Budget reaction\n\n"
        "The Treasury said in a statement that the forecasts had been checked. \"The numbers are "
        "robust,\" it said.\n\n"
        "Union leaders said they would study the plans. \"We want to see the detail before we "
        "judge,\" they said in a joint statement.\n",
        "they",
    ),
    (
        "Crash on the ring road\n\n"
        "Inspector Colin Reed of Avon Police said the road would stay closed overnight. Reed "
        "appealed for dashcam footage.\n\n"
        "A lorry driver told reporters he had seen the car swerve. \"It never slowed down,\" he "
        "said.\n",
        "he",
    ),
    (
        "Flood warning\n\n"
        "The Environment Agency issued three flood warnings on Sunday. The agency said the river "
        "would peak overnight.\n\n"
        "Residents of the lower town said they had moved their cars uphill. \"We have done this "
        "before,\" they said.\n",
        "they",
    ),
])
def test_pronoun_after_an_unnamed_subject_names_nobody(article, pronoun):
    quotes = speakers(article)
    assert quotes[-1][1:] == (None, pronoun), quotes


def test_pronoun_after_a_role_subject_is_the_role_holder():
    article = (
        "Port strike\n\n"
        "The transport minister, Sanne Jansen, met both sides on Tuesday. Marieke de Vries of the "
        "union said she expected no deal. The minister said she would call them back on Friday. "
        "\"Nobody leaves the table,\" she said.\n"
    )
    assert speakers(article)[-1][1] == "Sanne Jansen"


def test_pronoun_subject_before_a_pronoun_keeps_resolving():
    article = (
        "Bank results\n\n"
        "The central bank of Norway published its results on Monday. Norges Bank said profits "
        "had risen. It said it expected further gains. \"The outlook is stable,\" it said.\n"
    )
    assert speakers(article)[-1][1] == "Norges Bank"

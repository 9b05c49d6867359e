"""What spinners and round-trip translation do to a copy that the duplicate test read as news, one
class each (found on the ECB+ dev topics, benchmarks/stories.py --duplicates-only dev, seeds 26-45,
and by rewriting dev articles the ways a spinner or a translation does; articles written here):

- numbers rewritten between words and digits ("three" / "3", "five million" / "5,000,000");
- a number cut at its separator: "1,400" -> ", 400" (the first group dropped), "4.30pm" -> ". 30pm";
- clock times on the 24-hour clock ("18:41" for "6:41 p.m.", "21.00" for "9pm");
- ordinals in digits ("the 6th round" for "the sixth round");
- an acronym spelled out ("Federal Bureau of Investigation" for "FBI");
- a hyphenated pair of numbers ("9-14", "2008-09") whose halves a copy writes apart;
- an article dropped before a garbled name ("the mouth of Glpph of Adcn" for "the mouth of the
  Gulf of Aden"), which moved the name's neighbour;
- a spun copy a little over 100 words scoring just below the copy score;
- a one-sentence report spun so hard that the index no longer proposes its original, though its
  remaining words put it in the original's story.

Each has its development counterpart: the same copy with a fact of its own stays news.
"""

from __future__ import annotations

from wirewatch.stories import COPY, DEVELOPMENT, ArticleInput, StoryEngine


def _after(first: str, later: str, *, between: tuple[str, ...] = ()):
    engine = StoryEngine()
    engine.add(ArticleInput(id="first", title="", text=first))
    for index, text in enumerate(between):
        engine.add(ArticleInput(id=f"between{index}", title="", text=text))
    return engine.add(ArticleInput(id="later", title="", text=later))


def _is_copy(first: str, later: str) -> bool:
    found = _after(first, later)
    return found.role == COPY and found.duplicate_of == "first"


FLOOD = ("Floodwater cut off three villages in the Harzel valley on Wednesday after twelve hours of rain, and "
         "about five million euros of damage was done to roads and bridges, the district council said. Rescue "
         "boats took forty residents to a school in Ostrau, where they spent the night. The council said "
         "seven bridges were closed and the valley road would stay shut until the water fell.")


def test_copy_writing_number_words_in_digits_states_no_new_number():
    digits = (FLOOD.replace("three villages", "3 villages").replace("twelve hours", "12 hours")
              .replace("five million", "5,000,000").replace("seven bridges", "7 bridges"))
    assert _is_copy(FLOOD, digits)


PORT = ("The new container terminal at Kessby handled 1,400 ships in its first year, and the ferry to the "
        "islands left on time every day, the port authority said on Monday. The last ferry of the day, which "
        "used to leave at 6pm, now leaves at 4.30pm on weekdays, and a second ferry was added at weekends. "
        "The authority said it expected more traffic next year.")


def test_spun_copy_that_cut_the_first_thousands_group_revises_no_number():
    spun = PORT.replace("handled 1,400 ships", "handled, 400 ships").replace("port authority said", "port key stated")
    assert _is_copy(PORT, spun)


def test_spun_copy_that_cut_a_time_at_its_point_revises_no_number():
    spun = PORT.replace("leaves at 4.30pm on", "leaves at. 30pm on").replace("port authority said", "port key stated")
    assert _is_copy(PORT, spun)


def test_copy_revising_those_numbers_is_still_a_development():
    assert _after(PORT, PORT.replace("handled 1,400 ships", "handled 1,900 ships")).role == DEVELOPMENT
    assert _after(PORT, PORT.replace("leaves at 4.30pm on", "leaves at 5.15pm on")).role == DEVELOPMENT


BLACKOUT = ("Power failed across the northern districts of Marrow at 6:41 p.m. on Friday and was restored to most "
            "homes by 9pm, the grid operator said. About 80,000 customers lost power; a fault at a substation was to "
            "blame, and engineers worked through the evening to repair it. The operator apologised to its customers.")


def test_translated_copy_on_the_24_hour_clock_states_no_new_number():
    translated = BLACKOUT.replace("6:41 p.m.", "18:41").replace("by 9pm", "by 21.00").replace(
        "the grid operator said", "the operator of the grid declared")
    assert _is_copy(BLACKOUT, translated)


def test_copy_with_another_time_is_still_a_development():
    assert _after(BLACKOUT, BLACKOUT.replace("6:41 p.m.", "7:55 p.m.")).role == DEVELOPMENT
    assert _after(BLACKOUT, BLACKOUT.replace("6:41 p.m.", "19:55")).role == DEVELOPMENT


BOUT = ("The champion stopped his challenger in the sixth round on Saturday night to keep his title, after a cagey "
        "first round and a scrappy second. The challenger was down twice in the fifth and never recovered, and the "
        "referee waved the fight off with 40 seconds of the sixth left. He had stopped his last challenger in the 11th "
        "round in March.")


def test_copy_writing_ordinals_in_digits_revises_no_number():
    digits = BOUT.replace("sixth", "6th").replace("fifth", "5th").replace("first round", "1st round")
    assert _is_copy(BOUT, digits)


BOMB = ("A bomb exploded at a bank branch in Marlow on Friday, killing two police officers, and the FBI offered a "
        "$35,000 reward for information leading to an arrest. FBI agents and state police searched the building "
        "overnight, the police chief said, and the bank would stay closed until Monday.")


def test_copy_spelling_out_an_acronym_names_nobody_new():
    spelled = BOMB.replace("the FBI offered", "the Federal Bureau of Investigation offered")
    assert _is_copy(BOMB, spelled)


def test_copy_spelling_out_an_acronym_inside_a_longer_name_names_nobody_new():
    first = BOMB + " The FBI Laboratory will examine the fragments."
    spelled = first.replace("The FBI Laboratory", "The Federal Bureau of Investigation Laboratory")
    assert _is_copy(first, spelled)


def test_copy_naming_another_agency_is_a_development():
    later = BOMB + " The Bureau of Alcohol, Tobacco, Firearms and Explosives sent a team of investigators."
    assert _after(BOMB, later).role == DEVELOPMENT


def test_a_new_person_whose_initials_spell_a_word_of_the_source_is_news():
    # "As" and "An" open sentences; "Anthony Sullivan" spells out no acronym.
    first = BOMB + " As night fell, an investigator said the device had been left in a bag."
    later = first + " The council said on Friday that Anthony Sullivan had been appointed to lead an inquiry."
    assert _after(first, later).role == DEVELOPMENT


SEASON = ("The club sacked its coach on Saturday after a 9-14 start to the 2008-09 season, a run that left it "
          "bottom of its division. The assistant coach will take charge for the rest of the season, the club said.")


def test_copy_writing_the_halves_of_a_hyphenated_pair_apart_states_no_new_number():
    apart = SEASON.replace("a 9-14 start to the 2008-09 season", "a start of 9 wins and 14 defeats to the 2008 season")
    assert _is_copy(SEASON, apart)


PIRATES = ("Navy commandos boarded a hijacked tanker in the Gulf of Aden on Sunday and freed its crew of 22, the "
           "navy said. The tanker had been seized four days earlier near the mouth of the Gulf of Aden by pirates in "
           "two small boats. The crew were flown to Djibouti, and the tanker was escorted to port by a frigate.")


def test_translated_copy_dropping_the_article_before_a_garbled_name_names_nobody_new():
    translated = PIRATES.replace("the mouth of the Gulf of Aden", "the mouth of Glpph of Adcn").replace(
        "the navy said", "the navy declared")
    assert _is_copy(PIRATES, translated)


def test_translated_copy_rewording_the_word_before_the_article_of_a_garbled_name_names_nobody_new():
    first = PIRATES + " The captain thanked the Queen of Denmark, whose navy led the patrol."
    translated = first.replace("the navy said", "the navy declared").replace(
        "thanked the Queen of Denmark", "gave thanks to the Kueh of Denmark")
    assert _is_copy(first, translated)


def test_that_translated_copy_naming_a_new_person_is_a_development():
    translated = PIRATES.replace("the mouth of the Gulf of Aden", "the mouth of Glpph of Adcn").replace(
        "the navy said", "the navy declared")
    later = translated + " A second tanker was freed on Monday, the coast guard commander Abdi Warsame said."
    assert _after(PIRATES, later).role == DEVELOPMENT


CRANE = ("Crews at the port of Varnholm spent Thursday clearing the quay after a gantry crane collapsed onto a cargo "
         "ship during the night shift, the harbour authority said. The crane, one of six on the eastern quay, folded "
         "at about 11pm as it lifted a container from the Lisbeth Maersk, crushing part of the ship's deck. Two "
         "dockers in the cab climbed down before it fell and were treated for shock. Work on the quay stopped at "
         "once, and some 40 ships waiting to unload were sent to berths on the western side. Inspectors from the "
         "national safety board arrived in the morning and took the crane's control logs.")
# benchmarks/paraphrase.spin with a third of the words replaced: 109 words, copy score 0.375.
CRANE_SPUN = ("harbour considerable said. The crane, at port of Varnholm spent wider clearing the specific after a "
              "gantry crane specific major a cargo broader during notable night shift, of significant key key eastern "
              "quay, key at about 11pm as it relevant a from the Lisbeth Maersk, crushing of the key key. certain "
              "considerable in the cab climbed down before it fell notable apparent wider notable. key on the quay "
              "apparent certain considerable, and some 40 particular various to various were key considerable "
              "berths on the relevant side. Inspectors from the national safety reportedly arrived in specific "
              "morning took considerable crane's control major.")


def test_spun_copy_of_a_little_over_a_hundred_words_below_the_copy_score_is_a_copy():
    assert _is_copy(CRANE, CRANE_SPUN)


def test_that_spun_copy_naming_a_new_person_is_a_development():
    later = CRANE_SPUN + " The board said Henrik Dahl, the crane's driver, would be questioned."
    assert _after(CRANE, later).role == DEVELOPMENT


THEFT = ("Thieves stole paintings worth more than $40 million from a private gallery in Geneva overnight, in what "
         "police called the city's largest art theft.")
# Half its words gone: too few left for the index to propose THEFT (copy score 0.195), enough for
# the story's words to place it with THEFT.
THEFT_SPUN = ("notable paintings worth more than $40 various from a private key in Geneva major, in what law "
              "enforcement named the wider art reportedly.")


def test_one_sentence_spun_past_the_index_is_a_copy_of_the_report_its_story_holds():
    assert _is_copy(THEFT, THEFT_SPUN)


def test_that_spun_sentence_with_a_fact_of_its_own_is_a_development():
    later = _after(THEFT, THEFT_SPUN.replace("overnight", "") + " A guard, Paul Imhof, was tied up.")
    assert later.role == DEVELOPMENT
    assert _after(THEFT, THEFT_SPUN.replace("$40", "$55")).role == DEVELOPMENT


def test_another_report_of_the_theft_in_its_own_words_is_no_copy():
    other = ("Geneva police said on Tuesday they were searching for the thieves who took paintings worth $40 "
             "million from a gallery in the old town.")
    assert _after(THEFT, other).role == DEVELOPMENT

"""Blocks of the article that precision extraction drops are put back between the ones it kept:
figure captions, paragraphs written as <div>s, one-line paragraphs of dialogue, in any language;
never a sidebar, a link list, what comes before the article, or a paragraph twice."""

from __future__ import annotations

import pytest

from wirewatch.document import SourceItem
from wirewatch.extract import extract

# Every text here was written for these tests.
PROSE = {
    "en": (
        "The three container cranes that had stood idle since the storm in January were back at work on "
        "Tuesday, the harbour board said, after engineers replaced their damaged control cabins.",
        "Shipping lines had diverted a dozen vessels to other ports while the cranes were out of action, "
        "and hauliers said the queues of lorries at the gates had stretched for several kilometres.",
        "The harbour board expects its insurers to cover most of the cost of the repairs, which it put at "
        "four million euros, though the final figure will not be known until the spring.",
        "A spokesman for the drivers said they had been moved to other work during the closure and that "
        "none had lost pay, which he credited to an agreement signed two years ago.",
    ),
    "de": (
        "Die drei Containerkräne, die seit dem Sturm im Januar stillstanden, sind seit Dienstag wieder in "
        "Betrieb, teilte die Hafenverwaltung mit, nachdem Techniker die beschädigten Kabinen ersetzt hatten.",
        "Reedereien hatten ein Dutzend Schiffe in andere Häfen umgeleitet, und Spediteure berichteten von "
        "Lastwagenschlangen, die sich vor den Toren über mehrere Kilometer erstreckten.",
        "Die Hafenverwaltung rechnet damit, dass ihre Versicherer den größten Teil der Reparaturkosten von "
        "vier Millionen Euro übernehmen, die endgültige Summe steht aber erst im Frühjahr fest.",
        "Ein Sprecher der Kranführer sagte, die Beschäftigten seien während der Schließung anderswo "
        "eingesetzt worden und niemand habe Lohn verloren, dank einer Vereinbarung von vor zwei Jahren.",
    ),
    "fr": (
        "Les trois grues à conteneurs immobilisées depuis la tempête de janvier ont repris le travail mardi, "
        "a indiqué l'autorité portuaire, après le remplacement de leurs cabines de commande endommagées.",
        "Les armateurs avaient dérouté une douzaine de navires vers d'autres ports pendant l'arrêt, et les "
        "transporteurs ont décrit des files de camions longues de plusieurs kilomètres devant les grilles.",
        "L'autorité portuaire compte sur ses assureurs pour couvrir l'essentiel des réparations, estimées à "
        "quatre millions d'euros, mais le montant définitif ne sera connu qu'au printemps.",
        "Un porte-parole des grutiers a expliqué que les salariés avaient été affectés à d'autres tâches "
        "pendant la fermeture et qu'aucun n'avait perdu de salaire grâce à un accord signé il y a deux ans.",
    ),
    "es": (
        "Las tres grúas de contenedores paradas desde la tormenta de enero volvieron a funcionar el martes, "
        "informó la autoridad portuaria, después de que los técnicos sustituyeran las cabinas dañadas.",
        "Las navieras habían desviado una docena de buques a otros puertos durante el cierre, y los "
        "transportistas hablaron de colas de camiones de varios kilómetros ante las puertas del puerto.",
        "La autoridad portuaria espera que sus aseguradoras cubran la mayor parte de las reparaciones, "
        "estimadas en cuatro millones de euros, aunque la cifra final no se conocerá hasta la primavera.",
        "Un portavoz de los gruistas dijo que los trabajadores fueron destinados a otras tareas durante el "
        "cierre y que ninguno perdió salario, gracias a un acuerdo firmado hace dos años.",
    ),
}
CAPTION = {
    "en": "Engineers test the repaired control cabin of the northern crane on Monday evening.",
    "de": "Techniker prüfen am Montagabend die reparierte Kabine des nördlichen Krans.",
    "fr": "Des techniciens testent lundi soir la cabine réparée de la grue nord.",
    "es": "Los técnicos prueban el lunes por la noche la cabina reparada de la grúa norte.",
}
# What each language's pages print between two paragraphs: interface words, not article text.
ADVERTISEMENT = {"en": "Advertisement", "de": "Anzeige", "fr": "Publicité", "es": "Publicidad"}


def page(language: str, body: str, after: str = "") -> bytes:
    html = (
        f'<html lang="{language}"><head><title>Port - Coast Ledger</title></head><body>'
        '<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/port">Port</a></nav>'
        f"<article><h1>Port</h1>{body}</article>{after}"
        "<footer><p>© 2026 Coast Ledger</p></footer></body></html>"
    )
    return html.encode("utf-8")


def paragraphs(html: bytes) -> list[str]:
    return extract(SourceItem(content=html, content_type="text/html; charset=utf-8")).text.split("\n\n")


def p(text: str) -> str:
    return f"<p>{text}</p>"


@pytest.mark.parametrize("language", sorted(PROSE))
def test_a_figure_caption_between_paragraphs_is_kept_in_its_place(language):
    first, second, third, fourth = PROSE[language]
    figure = f'<figure><img src="/img/c.jpg"><figcaption>{CAPTION[language]}</figcaption></figure>'
    body = paragraphs(page(language, p(first) + figure + p(second) + p(third) + p(fourth)))
    assert body == [first, CAPTION[language], second, third, fourth]


@pytest.mark.parametrize("language", sorted(PROSE))
def test_paragraphs_written_as_divs_are_kept_and_interface_words_between_them_are_not(language):
    first, second, third, fourth = PROSE[language]
    short = {"en": "They both said no.", "de": "Beide lehnten ab.", "fr": "Tous deux ont refusé.",
             "es": "Ambos dijeron que no."}[language]
    body = (p(first) + p(second) + f'<div class="c-3">{short}</div>'
            + f'<div class="c-7">{ADVERTISEMENT[language]}</div>' + p(third) + p(fourth))
    assert paragraphs(page(language, body)) == [first, second, short, third, fourth]


def test_a_sidebar_and_the_link_list_after_the_article_stay_out():
    first, second, third, fourth = PROSE["en"]
    sidebar = ('<aside><figure><img src="/a.jpg"><figcaption>Ferry timetable changes for the winter season'
               "</figcaption></figure><h3>Most read</h3><ul><li><a href='/b'>New bridge opens to traffic "
               "next month after delays</a></li></ul></aside>")
    body = paragraphs(page("en", p(first) + p(second) + p(third) + p(fourth), after=sidebar))
    assert body == [first, second, third, fourth]


def test_a_list_of_links_the_extractor_left_out_stays_out():
    first, second, third, fourth = PROSE["en"]
    contents = ("<h2>Contents</h2><ul>" + "".join(
        f'<li><a href="#s{i}">Section number {i} of this long report</a></li>' for i in range(1, 6)
    ) + "</ul>")
    body = paragraphs(page("en", p(first) + p(second) + contents + p(third) + p(fourth)))
    assert not any("Section number" in line for line in body)
    assert body[0] == first and body[-1] == fourth


def test_what_comes_before_the_first_kept_paragraph_is_not_put_back():
    first, second, third, fourth = PROSE["en"]
    teaser = ('<div class="promo"><figure><img src="/t.jpg"><figcaption>Our photographers pick the best '
              "pictures of the week</figcaption></figure></div>")
    body = paragraphs(page("en", teaser + p(first) + p(second) + p(third) + p(fourth)))
    assert body[0] == first


def test_a_paragraph_with_line_breaks_is_not_put_back_a_second_time():
    first, second, third, fourth = PROSE["en"]
    verse = ("The crane drivers sang on the quay:<br>we lift the boxes high,<br>we set them down again,"
             "<br>and the ships go out to sea")
    body = paragraphs(page("en", p(first) + p(verse) + p(second) + p(third) + p(fourth)))
    assert sum("the ships go out to sea" in line for line in body) == 1


@pytest.mark.parametrize(
    "between",
    [
        # a row of controls: an interface, whatever its labels say
        '<div class="c-5"><button>Yellow theme</button> <button>Green theme</button></div>',
        # a count and a date left by widgets
        '<div class="c-6">6</div><div class="c-8">2026-03-18</div>',
        # the heading of a box of picture teasers: it heads the box, not the article
        '<div class="c-9"><h3>More from the coast</h3><div class="c-2"><a href="/x"><img src="/x.jpg"></a>'
        '<a href="/y"><img src="/y.jpg"></a></div></div>',
    ],
    ids=["controls", "count-and-date", "teaser-heading"],
)
def test_what_has_not_the_shape_of_article_text_is_not_put_back(between):
    first, second, third, fourth = PROSE["en"]
    body = paragraphs(page("en", p(first) + p(second) + between + p(third) + p(fourth)))
    assert body == [first, second, third, fourth]


def test_a_caption_is_put_back_even_when_its_words_occur_earlier_in_the_article():
    # Only the body from the last kept block on says whether a dropped block is there already: a
    # lead or a table of contents that used the same words further up does not hold the caption.
    first, second, third, fourth = PROSE["en"]
    lead = ("The last repairs were made on the northern crane on Monday evening, the board said, "
            "before the cranes could lift containers again for the first time in weeks.")
    figure = f'<figure><img src="/img/c.jpg"><figcaption>{CAPTION["en"]}</figcaption></figure>'
    body = paragraphs(page("en", p(lead) + p(first) + p(second) + figure + p(third) + p(fourth)))
    assert body == [lead, first, second, CAPTION["en"], third, fourth]


def test_a_short_caption_found_inside_a_later_paragraph_does_not_end_the_restoring():
    # "Photo by ..." under a picture also occurs inside the closing credit line: a short block is
    # found only where it opens a line, or every caption after it would be lost.
    first, second, third, fourth = PROSE["en"]
    credit = "Photo by Marta Lindqvist"
    closing = ("All pictures in this report, from the quay and from the cabins: photo by Marta Lindqvist "
               "for the Coast Ledger, taken over three days at the port in January.")
    figures = (f'<figure><img src="/img/a.jpg"><figcaption>{credit}</figcaption></figure>',
               f'<figure><img src="/img/c.jpg"><figcaption>{CAPTION["en"]}</figcaption></figure>')
    body = paragraphs(page("en", p(first) + figures[0] + p(second) + figures[1] + p(third) + p(fourth) + p(closing)))
    assert body.index(CAPTION["en"]) == body.index(second) + 1
    assert body[-1] == closing


def test_a_table_of_contents_before_the_article_does_not_carry_the_restoring_past_the_body():
    # The contents list's short entries recur as the section headings further down: taken for
    # the body's own blocks there, they would make everything above those headings look dropped.
    first, second, third, fourth = PROSE["en"]
    heading = "Who pays for the repairs"
    contents = ('<div class="toc"><ul><li><a href="#a">How the cranes were fixed</a></li>'
                f'<li><a href="#b">{heading}</a></li></ul></div>')
    figure = f'<figure><img src="/img/c.jpg"><figcaption>{CAPTION["en"]}</figcaption></figure>'
    body = p(first) + p(second) + figure + p(third) + f'<h2 id="b">{heading}</h2>' + p(fourth)
    assert paragraphs(page("en", body).replace(b"<article>", contents.encode() + b"<article>")) == [
        first, second, CAPTION["en"], third, heading, fourth,
    ]


def unmarked_page(body: str) -> bytes:
    """A page whose article container has no class or tag the extractor knows as an article's
    (older layouts): precision mode then reads its paragraphs one by one and leaves lists out."""
    return (
        '<html lang="en"><head><title>Port - Coast Ledger</title></head><body>'
        '<nav><a href="/">Home</a> <a href="/world">World</a></nav>'
        f'<div class="c-4"><h1>Port</h1>{body}</div>'
        "<footer><p>© 2026 Coast Ledger</p></footer></body></html>"
    ).encode("utf-8")


def test_a_list_between_paragraphs_of_an_unmarked_container_is_put_back_in_its_place():
    first, second, third, fourth = PROSE["en"]
    entries = ["Two cranes were fitted with new control cabins.", "The third crane got a new winch.",
               "All three cranes passed a load test on Sunday.", "The gates reopen at six.",
               "Night shifts resume next week."]
    listing = "<ul>" + "".join(f"<li>{entry}</li>" for entry in entries) + "</ul>"
    lead_in = "The repairs, in short:"
    body = paragraphs(unmarked_page(p(first) + p(second) + p(lead_in) + listing + p(third) + p(fourth)))
    assert body == [first, second, lead_in, *(f"- {entry}" for entry in entries), third, fourth]


@pytest.mark.parametrize(
    "listing",
    [
        # links to other stories
        "<ul>" + "".join(f'<li><a href="/s{i}">Harbour story number {i} of the week</a></li>'
                         for i in range(4)) + "</ul>",
        # a gallery: its entries are pictures with their captions
        "<ul>" + "".join(f'<li><figure><img src="/g{i}.jpg"><figcaption>The northern quay seen from the '
                         f'water, picture {i}</figcaption></figure></li>' for i in range(3)) + "</ul>",
    ],
    ids=["links", "gallery"],
)
def test_a_list_of_links_or_pictures_in_an_unmarked_container_stays_out(listing):
    first, second, third, fourth = PROSE["en"]
    body = paragraphs(unmarked_page(p(first) + p(second) + listing + p(third) + p(fourth)))
    assert body == [first, second, third, fourth]


def test_a_list_in_a_box_of_its_own_beside_the_article_stays_out():
    # The list is not among the article's paragraphs: it sits in a box (a fact box, a teaser) that
    # the paragraph after it is not part of.
    first, second, third, fourth = PROSE["en"]
    box = ('<div class="c-6"><ul><li>Ferries to the islands run twice a day in winter.</li>'
           "<li>The harbour museum is closed on Mondays.</li></ul></div>")
    body = paragraphs(unmarked_page(p(first) + p(second) + box + p(third) + p(fourth)))
    assert body == [first, second, third, fourth]

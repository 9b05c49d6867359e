"""Furniture inside the article body, in English, German, French and Spanish: recognised by the
page's structure (forms, share links, link lists, placeholders, hidden and landmark elements) and by
the generic interface vocabulary of each language, never at the cost of the article's prose."""

from __future__ import annotations

import pytest
from extract.furniture_pages import ARTICLES, Article, furnished_page, furniture_lines

from wirewatch.document import SourceItem
from wirewatch.extract import extract
from wirewatch.extract.boilerplate import classify_line, strip_boilerplate

BY_LANGUAGE = {article.language: article for article in ARTICLES}


def extract_page(html: str):
    return extract(SourceItem(content=html.encode("utf-8"), content_type="text/html; charset=utf-8"))


def page_with(article: Article, furniture: str) -> str:
    """The article's paragraphs with `furniture` between the third and the fourth."""
    p = [f"<p>{text}</p>" for text in article.paragraphs]
    body = "".join(p[:3]) + furniture + "".join(p[3:])
    return (f'<html lang="{article.language}"><head><title>{article.title}</title></head><body>'
            f'<div class="a1"><h1>{article.title}</h1>{body}</div></body></html>')


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.language)
def test_every_kind_of_furniture_leaves_the_body_and_every_paragraph_stays(article):
    result = extract_page(furnished_page(article))
    for line in furniture_lines(article):
        assert line not in result.text, line
    assert result.text.split("\n\n") == list(article.paragraphs)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.language)
def test_furniture_removed_by_structure_is_reported_with_its_reason(article):
    f = article.furniture
    removed = {r.text: r.reason for r in extract_page(furnished_page(article)).removed}
    assert removed[f"{f.newsletter_heading} {f.newsletter_pitch} {f.newsletter_button}"] == "form"
    assert removed[f"{f.share_label} {' '.join(f.share_names)}"] == "share"
    assert removed[f.related_heading] == "navigation"
    assert removed[f.loading] == "loading"


# --- by structure: whatever the wording ---------------------------------------------------------

@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.language)
def test_a_sign_up_box_goes_with_its_form_whatever_it_says(article):
    # Wording no vocabulary holds: only the form shows what the box is.
    box = ('<div class="b9"><h3>Zorblax Morgenpost Matin</h3><p>Zeven quorvin tal pemberly, dostra vell '
           'minoskar tu.</p><form><input type="text" name="q"><button>OK</button></form></div>')
    result = extract_page(page_with(article, box))
    assert "Zorblax" not in result.text and "Zeven quorvin" not in result.text
    assert result.text.split("\n\n") == list(article.paragraphs)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.language)
def test_a_share_bar_is_known_by_where_its_links_go(article):
    bar = ('<div class="t"><span>Vlorp:</span> <a href="https://www.facebook.com/sharer/sharer.php?u=x">Fb</a> '
           '<a href="https://twitter.com/intent/tweet?url=x">Tw</a> <a href="mailto:?subject=x">@</a></div>')
    result = extract_page(page_with(article, bar))
    assert "Vlorp" not in result.text and "Fb" not in result.text
    assert result.text.split("\n\n") == list(article.paragraphs)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.language)
def test_a_list_of_links_to_other_stories_goes_with_its_heading(article):
    headlines = article.furniture.related_headlines
    items = "".join(f'<li><a href="/story/{i}">{h}</a></li>' for i, h in enumerate(headlines))
    block = f"<h3>{article.furniture.related_heading}</h3><ul>{items}</ul>"
    result = extract_page(page_with(article, block))
    assert article.furniture.related_heading not in result.text
    assert not any(h in result.text for h in headlines)
    assert result.text.split("\n\n") == list(article.paragraphs)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.language)
def test_hidden_and_landmark_elements_are_not_the_article(article):
    block = ('<div aria-hidden="true"><p>Plonk vree snarg tibble.</p></div>'
             '<div role="complementary"><p>Grindle wop fassel dree.</p></div>'
             '<p hidden>Murkle sput vandle.</p>')
    result = extract_page(page_with(article, block))
    for gibberish in ("Plonk", "Grindle", "Murkle"):
        assert gibberish not in result.text
    assert result.text.split("\n\n") == list(article.paragraphs)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.language)
def test_a_placeholder_left_by_a_widget_is_dropped(article):
    block = '<div class="c3"><div class="likes-widget-placeholder">Brrzt …</div></div>'
    result = extract_page(page_with(article, block))
    assert "Brrzt" not in result.text
    assert result.text.split("\n\n") == list(article.paragraphs)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.language)
def test_content_next_to_a_control_stays(article):
    # A code block with a "copy" button and a table with a filter field are content.
    code = '<div class="code"><button>Copy</button><pre>ferry --route north --crossings 12</pre></div>'
    table = ('<div><input type="search"><table><tr><td>Northbank</td><td>07:00</td></tr>'
             '<tr><td>Island</td><td>07:20</td></tr></table></div>')
    result = extract_page(page_with(article, code + table))
    assert "ferry --route north --crossings 12" in result.text
    assert "Northbank" in result.text


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.language)
def test_a_prose_paragraph_with_a_link_to_a_post_on_a_network_stays(article):
    head, tail = article.paragraphs[0].split(" ", 6)[:6], article.paragraphs[0].split(" ", 6)[6]
    linked = f'<p>{" ".join(head)} <a href="https://twitter.com/harbourtimes/status/1">{tail}</a></p>'
    html = page_with(article, "").replace(f"<p>{article.paragraphs[0]}</p>", linked)
    assert article.paragraphs[0] in extract_page(html).text


# --- by the interface vocabulary: labels, pitches, calls to action ------------------------------

@pytest.mark.parametrize("line, reason", [
    ("Teilen mit:", "share"), ("Partager :", "share"), ("Compartir en Facebook", "share"),
    ("Auf WhatsApp teilen", "share"), ("Share on X", "share"), ("Imprimir", "share"),
    ("Wird geladen …", "loading"), ("Chargement…", "loading"), ("Cargando...", "loading"), ("Loading…", "loading"),
    ("Anzeige", "advertisement"), ("Publicité", "advertisement"), ("Publicidad", "advertisement"),
    ("Mehr zum Thema", "navigation"), ("À lire aussi", "navigation"), ("Noticias relacionadas", "navigation"),
    ("Kommentare", "navigation"), ("12 commentaires", "navigation"), ("Deja un comentario", "navigation"),
    ("Gefällt mir", "share"), ("J'aime", "share"), ("Me gusta", "share"),
])
def test_interface_labels_in_four_languages(line, reason):
    assert classify_line(line) == reason


@pytest.mark.parametrize("line", [
    "Lesen Sie auch: Stadtrat beschließt neuen Haushalt für die Schulen",
    "À lire aussi : Le conseil municipal vote le budget des écoles",
    "Lee también: El ayuntamiento aprueba el presupuesto de las escuelas",
    "Read more: Council approves the school budget",
])
def test_teasers_for_other_stories_in_four_languages(line):
    assert classify_line(line) == "navigation"


@pytest.mark.parametrize("line", [
    "Melden Sie sich für unseren Newsletter an und verpassen Sie keine Nachricht mehr.",
    "Alle Nachrichten aus der Stadt einmal am Tag in Ihrem Postfach.",
    "Inscrivez-vous à notre newsletter pour recevoir les informations de votre ville.",
    "Tous les soirs, le résumé de la journée dans votre boîte mail.",
    "Suscríbete a nuestro boletín y recibe las noticias de tu ciudad.",
    "Las noticias del día, cada tarde en tu correo.",
    "Our weekly bulletin: sign up and get the best stories in your inbox.",
    "Der Abend-Newsletter", "Le boletín del domingo", "Infolettre du soir",
])
def test_newsletter_pitches_in_four_languages(line):
    assert classify_line(line) == "newsletter"


@pytest.mark.parametrize("line", [
    "Laden Sie die App herunter, um keine Eilmeldung zu verpassen.",
    "Téléchargez l'application pour suivre les résultats en direct.",
    "Descarga la aplicación y sigue la última hora.",
    "Folgen Sie uns auf Instagram.", "Suivez-nous sur Facebook", "Síguenos en TikTok",
])
def test_calls_to_action_in_four_languages(line):
    assert classify_line(line) == "promotion"


@pytest.mark.parametrize("line", [
    # Prose using the same words: long, or more than interface words.
    "Die Gemeinde will die Kosten für die Fähre mit dem Landkreis teilen, sagte der Bürgermeister am Montag.",
    "La commune veut partager les coûts du bac avec le département, a déclaré le maire lundi.",
    "El ayuntamiento quiere compartir los costes del transbordador con la provincia, dijo el alcalde el lunes.",
    "Werbung im Wandel",
    "Cargando camiones en el puerto",
    "The ferry operator said the new app had been downloaded by a third of the island's residents within a "
    "month, and that tickets bought through it were cheaper than those sold on board.",
    "Sie fand den Brief am nächsten Morgen in ihrem Postfach und rief sofort die Polizei.",
    "El alcalde envió la carta a su correo personal antes de la reunión con los vecinos.",
    "It works like this:",
    "Further changes to the timetable are expected in the autumn, the council said.",
])
def test_prose_with_interface_words_is_kept(line):
    assert classify_line(line) is None


def test_a_german_share_label_goes_but_its_neighbouring_prose_stays():
    de = BY_LANGUAGE["de"]
    paragraphs = [de.paragraphs[0], "Teilen mit:", "Facebook", "WhatsApp", "Wird geladen …", de.paragraphs[1]]
    result = strip_boilerplate(paragraphs)
    assert result.paragraphs == [de.paragraphs[0], de.paragraphs[1]]
    assert [r.reason for r in result.removed] == ["share", "share", "share", "loading"]


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.language)
def test_a_quotation_with_a_share_link_stays(article):
    # "Click to tweet" quotations: the sentence is the article's, only the button is furniture.
    p = article.paragraphs
    quote = " ".join(p[2].split()[:14]) + "."
    body = (f"<p>{p[0]}</p><p>{p[1]}</p>"
            f'<div class="q"><p>{quote}</p><a href="https://twitter.com/intent/tweet?text=x">Tweet</a></div>'
            f"<p>{p[3]}</p><p>{p[4]}</p>")
    html = f"<html><head><title>{article.title}</title></head><body><article>{body}</article></body></html>"
    result = extract_page(html)
    assert quote in result.text.split("\n\n")
    assert [(r.text, r.reason) for r in result.removed] == [("Tweet", "share")]


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.language)
def test_an_image_wrapper_marked_loading_keeps_its_caption(article):
    caption = " ".join(article.paragraphs[1].split()[:3])
    block = (f'<div class="img-loading"><img src="ferry.jpg"><span class="cap">{caption}</span></div>'
             f'<div class="lazy-loading"><span>{caption} (2)</span></div>')
    result = extract_page(page_with(article, block))
    assert not {r.text for r in result.removed if r.reason == "loading"} & {caption, f"{caption} (2)"}

"""Article pages written for the tests, in English, German, French and Spanish, with the publisher's
furniture placed *inside* the article body: newsletter boxes with their forms, share bars, "loading"
placeholders left by like/comment widgets, related-link lists and short calls to action.

Every text here was written for these tests. Class names are deliberately uninformative ("c-12",
"box") in the `plain` variant, so only structure and wording can tell furniture from prose.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Furniture:
    newsletter_heading: str
    newsletter_pitch: str
    newsletter_button: str
    share_label: str
    share_names: tuple[str, ...]
    loading: str
    related_heading: str
    related_headlines: tuple[str, ...]
    call_to_action: str


@dataclass(frozen=True)
class Article:
    language: str
    title: str
    paragraphs: tuple[str, ...]
    furniture: Furniture


ARTICLES = (
    Article(
        "en",
        "River ferry returns after two-year repair",
        (
            "The old river ferry between Northbank and the island villages carried its first passengers "
            "on Saturday morning, two years after a cracked hull took it out of service.",
            "About forty people waited on the jetty before seven o'clock, many of them commuters who had "
            "spent the past winters driving a long detour over the motorway bridge.",
            "The council spent just over three million pounds on the repair, most of it on a new hull "
            "section and an electric engine that the shipyard fitted in the spring.",
            "Residents of the islands said the crossing had been part of daily life for generations and "
            "that the shop, the school and the doctor's surgery all depended on it.",
            "The operator plans twelve crossings a day in summer and eight in winter, with a night service "
            "on Fridays and Saturdays if enough passengers use it in the first months.",
        ),
        Furniture(
            "Our morning briefing",
            "Get the most important local stories delivered to your inbox every morning.",
            "Subscribe",
            "Share this:",
            ("Facebook", "X", "WhatsApp", "Email"),
            "Loading…",
            "Related",
            ("Island school to stay open after parents' campaign", "Motorway bridge closures planned for March",
             "Shipyard wins contract for two new ferries"),
            "Download our app for breaking news alerts.",
        ),
    ),
    Article(
        "de",
        "Fähre über den Fluss fährt nach zwei Jahren wieder",
        (
            "Die alte Flussfähre zwischen dem Nordufer und den Inseldörfern hat am Samstagmorgen wieder "
            "Fahrgäste befördert, zwei Jahre nachdem ein Riss im Rumpf sie außer Betrieb gesetzt hatte.",
            "Schon vor sieben Uhr warteten rund vierzig Menschen am Anleger, viele von ihnen Pendler, die in "
            "den vergangenen Wintern einen langen Umweg über die Autobahnbrücke fahren mussten.",
            "Die Gemeinde gab für die Reparatur gut drei Millionen Euro aus, vor allem für ein neues "
            "Rumpfteil und einen Elektromotor, den die Werft im Frühjahr eingebaut hat.",
            "Die Bewohner der Inseln sagten, die Überfahrt gehöre seit Generationen zum Alltag, und der "
            "Laden, die Schule und die Arztpraxis seien auf sie angewiesen.",
            "Der Betreiber plant im Sommer zwölf Fahrten am Tag und im Winter acht, freitags und samstags "
            "auch abends, wenn in den ersten Monaten genug Fahrgäste kommen.",
        ),
        Furniture(
            "Unser Newsletter am Morgen",
            "Die wichtigsten Nachrichten aus der Region jeden Morgen kostenlos in Ihrem Postfach.",
            "Jetzt abonnieren",
            "Teilen mit:",
            ("Facebook", "X", "WhatsApp", "E-Mail"),
            "Wird geladen …",
            "Das könnte Sie auch interessieren",
            ("Inselschule bleibt nach Protest der Eltern offen", "Sperrungen der Autobahnbrücke im März geplant",
             "Werft erhält Auftrag für zwei neue Fähren"),
            "Laden Sie jetzt unsere App herunter.",
        ),
    ),
    Article(
        "fr",
        "Le bac fluvial reprend du service après deux ans de travaux",
        (
            "Le vieux bac qui relie la rive nord aux villages de l'île a transporté ses premiers passagers "
            "samedi matin, deux ans après qu'une fissure de la coque l'a immobilisé.",
            "Une quarantaine de personnes attendaient sur le ponton avant sept heures, dont beaucoup de "
            "travailleurs qui faisaient depuis deux hivers un long détour par le pont de l'autoroute.",
            "La commune a dépensé un peu plus de trois millions d'euros pour la réparation, surtout pour une "
            "nouvelle section de coque et un moteur électrique posé au printemps par le chantier naval.",
            "Les habitants de l'île ont expliqué que la traversée faisait partie de leur vie depuis des "
            "générations et que l'épicerie, l'école et le cabinet médical en dépendaient.",
            "L'exploitant prévoit douze traversées par jour en été et huit en hiver, avec un service de nuit "
            "le vendredi et le samedi si les passagers sont assez nombreux.",
        ),
        Furniture(
            "La lettre du matin",
            "Recevez chaque matin l'essentiel de l'actualité locale directement dans votre boîte mail.",
            "Je m'inscris",
            "Partager :",
            ("Facebook", "X", "WhatsApp", "E-mail"),
            "Chargement…",
            "À lire aussi",
            ("L'école de l'île restera ouverte après la mobilisation des parents",
             "Des fermetures du pont de l'autoroute prévues en mars",
             "Le chantier naval remporte la commande de deux nouveaux bacs"),
            "Téléchargez notre application pour ne rien manquer.",
        ),
    ),
    Article(
        "es",
        "El transbordador del río vuelve tras dos años de reparación",
        (
            "El viejo transbordador que une la orilla norte con los pueblos de la isla llevó a sus primeros "
            "pasajeros el sábado por la mañana, dos años después de que una grieta en el casco lo detuviera.",
            "Unas cuarenta personas esperaban en el embarcadero antes de las siete, muchas de ellas "
            "trabajadores que durante dos inviernos habían dado un largo rodeo por el puente de la autopista.",
            "El ayuntamiento gastó algo más de tres millones de euros en la reparación, sobre todo en una "
            "nueva sección del casco y un motor eléctrico que el astillero instaló en primavera.",
            "Los vecinos de la isla dijeron que la travesía forma parte de su vida desde hace generaciones y "
            "que la tienda, la escuela y el consultorio médico dependen de ella.",
            "La empresa prevé doce travesías al día en verano y ocho en invierno, con un servicio nocturno los "
            "viernes y sábados si hay suficientes pasajeros en los primeros meses.",
        ),
        Furniture(
            "Boletín de la mañana",
            "Recibe cada mañana las noticias más importantes de la región en tu correo.",
            "Suscribirme",
            "Compartir:",
            ("Facebook", "X", "WhatsApp", "Correo"),
            "Cargando…",
            "Te puede interesar",
            ("La escuela de la isla seguirá abierta tras la protesta de los padres",
             "Cortes previstos en el puente de la autopista en marzo",
             "El astillero gana el contrato de dos nuevos transbordadores"),
            "Descarga nuestra aplicación para recibir las últimas noticias.",
        ),
    ),
)

_SHARE_URLS = (
    "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fnews.example%2Fa",
    "https://twitter.com/intent/tweet?url=https%3A%2F%2Fnews.example%2Fa",
    "https://api.whatsapp.com/send?text=https%3A%2F%2Fnews.example%2Fa",
    "mailto:?subject=Ferry&body=https%3A%2F%2Fnews.example%2Fa",
)


def _newsletter(f: Furniture) -> str:
    return (
        f'<div class="c-12"><h3>{f.newsletter_heading}</h3><p>{f.newsletter_pitch}</p>'
        f'<form action="/nl" method="post"><input type="email" name="e" placeholder="@">'
        f'<button type="submit">{f.newsletter_button}</button></form></div>'
    )


def _share(f: Furniture) -> str:
    links = "".join(f'<li><a href="{url}">{name}</a></li>' for url, name in zip(_SHARE_URLS, f.share_names))
    return f'<div class="box"><h3>{f.share_label}</h3><ul class="l">{links}</ul></div>'


def _loading(f: Furniture) -> str:
    return f'<div class="w-7"><div class="w-7-inner"><span class="loading">{f.loading}</span></div></div>'


def _related(f: Furniture) -> str:
    items = "".join(
        f'<li><a href="https://news.example/local/{i}-story">{headline}</a></li>'
        for i, headline in enumerate(f.related_headlines)
    )
    return f'<div class="m"><h4>{f.related_heading}</h4><ul>{items}</ul></div>'


def furnished_page(article: Article) -> str:
    """The article with every kind of furniture, placed between and after its paragraphs."""
    f = article.furniture
    p = [f"<p>{text}</p>" for text in article.paragraphs]
    body = (
        p[0] + p[1] + _newsletter(f) + p[2] + _related(f) + p[3] + p[4]
        + f"<p><strong>{f.call_to_action}</strong></p>" + _share(f) + _loading(f)
    )
    return f"""<!DOCTYPE html>
<html lang="{article.language}"><head><meta charset="utf-8"><title>{article.title}</title></head>
<body><header><a href="/">News</a></header>
<main><article><h1>{article.title}</h1>{body}</article></main>
<footer><p>news.example</p></footer></body></html>"""


def furniture_lines(article: Article) -> list[str]:
    """Every furniture text of the page: none of them may be left in the article text."""
    f = article.furniture
    return [
        f.newsletter_heading, f.newsletter_pitch, f.newsletter_button, f.share_label, f.loading,
        f.related_heading, *f.related_headlines, f.call_to_action,
    ]

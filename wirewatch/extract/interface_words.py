"""The generic vocabulary of web page interfaces, in English, German, French and Spanish.

Buttons, labels and pitches use a small closed vocabulary in every language: share, subscribe,
newsletter, loading, read more, advertisement, comments. The lists here are that vocabulary —
words any site in the language uses for its interface — not sentences from any page. boilerplate.py
combines them with the shape of a line (how short it is, whether it is nothing *but* such words)
so that a German "Teilen mit:" or a Spanish "Cargando…" is recognised as the English ones are.

Each concept maps to phrases, lowercase; a phrase matches as whole words.
"""

from __future__ import annotations

import re

# Labels: a line made of nothing but these (and connecting words) is interface, not prose.
SHARE = (
    # en
    "share", "share this", "share this article", "share this story", "share article", "tweet", "pin it",
    "print", "copy link", "link copied", "send", "email", "e-mail", "mail",
    # de
    "teilen", "teilen mit", "artikel teilen", "beitrag teilen", "drucken", "link kopieren", "link kopiert",
    "versenden", "twittern", "per e-mail", "per mail",
    # fr
    "partager", "partager cet article", "imprimer", "copier le lien", "lien copié", "envoyer",
    "par e-mail", "par courriel", "par mail",
    # es
    "compartir", "compartir esta noticia", "compartir este artículo", "imprimir", "copiar enlace",
    "copiar el enlace", "enlace copiado", "enviar", "por correo", "por email", "tuitear",
)
NETWORKS = (
    "facebook", "twitter", "x", "whatsapp", "linkedin", "pinterest", "reddit", "telegram", "messenger",
    "threads", "bluesky", "mastodon", "xing", "instagram", "youtube", "tiktok", "flipboard", "pocket",
    "correo", "courriel", "sms",
)
LOADING = (
    "loading", "please wait", "wird geladen", "lädt", "bitte warten", "chargement",
    "chargement en cours", "veuillez patienter", "cargando", "espere", "por favor espere",
)
ADVERTISEMENT = (
    "advertisement", "advertising", "sponsored", "sponsored content", "ad", "ads",
    "anzeige", "werbung", "gesponsert", "publicité", "pub", "sponsorisé", "contenu sponsorisé",
    "publicidad", "anuncio", "patrocinado", "contenido patrocinado",
)
RELATED = (
    # en
    "related", "related articles", "related stories", "related news", "read more", "read also", "also read",
    "see also", "more on this", "more on this topic", "more on this story", "recommended",
    "you may also like", "you might also like", "further reading", "don't miss", "continue reading",
    # de
    "mehr zum thema", "lesen sie auch", "lesen sie mehr", "auch interessant", "weiterlesen", "mehr lesen",
    "ähnliche artikel", "ähnliche beiträge", "verwandte artikel", "verwandte themen", "empfohlen",
    "das könnte sie auch interessieren", "das könnte dich auch interessieren", "nicht verpassen",
    "weitere artikel", "mehr dazu",
    # fr
    "à lire aussi", "lire aussi", "lire la suite", "voir aussi", "sur le même sujet", "articles similaires",
    "articles liés", "à découvrir", "en savoir plus", "ne manquez pas", "ça pourrait vous intéresser",
    "à voir aussi", "lire plus",
    # es
    "te puede interesar", "también te puede interesar", "le puede interesar", "lee también", "leer más",
    "ver más", "ver también", "más información", "artículos relacionados", "noticias relacionadas",
    "relacionado", "relacionados", "no te pierdas", "seguir leyendo", "sigue leyendo", "lea también",
)
COMMENTS = (
    "comments", "comment", "leave a comment", "reply", "show comments",
    "kommentare", "kommentar", "kommentieren", "kommentar schreiben", "antworten",
    "commentaires", "commentaire", "commenter", "laisser un commentaire", "répondre", "réagir",
    "comentarios", "comentario", "comentar", "deja un comentario", "responder",
)
# Only the unambiguous forms: English "like this:" opens an example in prose.
LIKE = ("gefällt mir", "j'aime", "me gusta")

# Pitches: a short line combining an action with an object of these kinds.
SUBSCRIBE = (
    "subscribe", "sign up", "signup", "register", "opt in",
    "abonnieren", "abonniere", "abonnieren sie", "anmelden", "melden sie sich", "melde dich", "registrieren",
    "abonnez-vous", "s'abonner", "abonnez", "inscrivez-vous", "s'inscrire", "je m'inscris", "inscription",
    "suscríbete", "suscribirse", "suscribirme", "suscríbase", "suscripción", "regístrate", "apúntate",
    "inscríbete",
)
RECEIVE = (
    "get", "receive", "delivered",
    "erhalten", "erhalten sie", "bekommen", "bekommen sie",
    "recevez", "recevoir", "recevez chaque",
    "recibe", "recibir", "recibirás", "reciba",
)
NEWSLETTER = (
    "newsletter", "newsletters", "news alerts", "email alerts", "e-mail alerts",
    "infolettre", "lettre d'information", "lettre d'info", "boletín", "boletines",
)
MAILBOX = (
    "inbox", "mailbox", "postfach", "posteingang", "e-mail-postfach", "boîte mail", "boîte e-mail",
    "boîte de réception", "boîte aux lettres", "messagerie", "bandeja de entrada", "correo", "buzón",
)
# "Your", where it cannot be read as "his/her/their": German formal "Ihr" only capitalised (see
# boilerplate.py), Spanish "su" not at all.
SECOND_PERSON = ("your", "dein", "deinem", "deine", "deinen", "votre", "vos", "ton", "ta", "tu", "tus")
SECOND_PERSON_FORMAL = ("Ihr", "Ihrem", "Ihren", "Ihre", "Ihres")
DOWNLOAD = (
    "download", "install", "herunterladen", "laden sie", "lade dir", "installieren", "téléchargez",
    "télécharger", "installez", "descarga", "descargue", "descargar", "descárgate", "instala",
)
APP = ("app", "apps", "application", "appli", "aplicación")
FOLLOW = ("follow", "follow us", "folgen sie", "folgen", "folge uns", "suivez", "suivez-nous", "síguenos", "síganos")

# Words that join interface words in a label: "Share on", "Teilen mit", "Partager sur", "Compartir en".
CONNECTORS = (
    "on", "via", "with", "to", "this", "us", "the", "and", "or", "now", "here",
    "mit", "auf", "über", "per", "den", "die", "das", "der", "uns", "jetzt", "hier", "und", "oder",
    "sur", "par", "avec", "le", "la", "les", "nous", "et", "ou", "ici",
    "en", "por", "con", "el", "los", "las", "nos", "y", "o", "aquí", "ahora",
)


def phrases(*groups: tuple[str, ...], ignore_case: bool = True) -> re.Pattern[str]:
    """One pattern matching any phrase of the groups as whole words, longest first."""
    alternatives = sorted({p for group in groups for p in group}, key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in alternatives)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w'-])", re.IGNORECASE if ignore_case else 0)


_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)


def tokens(text: str) -> set[str]:
    """The lowercase words of `text`, split at hyphens and apostrophes as well."""
    return set(_TOKEN.findall(text.lower()))


def first_words(*groups: tuple[str, ...]) -> frozenset[str]:
    """The first word of every phrase: a line without any of them cannot match `phrases(groups)`."""
    return frozenset(next(iter(_TOKEN.findall(p)), p) for group in groups for p in group)

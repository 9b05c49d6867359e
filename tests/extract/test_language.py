"""Language detection keeps English news that has few sentences (tables, name lists, briefs)."""

from __future__ import annotations

import pytest

import wirewatch

ENGLISH = [
    # results tables: foreign club names, scores, a line of English
    "Results of Serbian league matches played on Saturday:\n\nHajduk 2 Proleter 0\n\nZemun 1 Rad 0\n\n"
    "Borac 1 Mladost 2\n\nPartizan 6 Becej 0",
    "Results of Serie A matches on Sunday:\n\nLazio 2 Fiorentina 1\n\nNapoli 0 Juventus 0\n\n"
    "Torino 3 Udinese 1\n\nSampdoria 1 Cagliari 1",
    "Standings: Bayern Muenchen 12 9 2 1 30 10 29, Borussia Dortmund 12 8 2 2 25 12 26, "
    "Schalke 12 7 3 2 20 11 24, Werder Bremen 12 6 3 3 19 14 21",
    "Leading results at the Oslo athletics meeting on Thursday:\n\nWomen's 100 metres\n\n"
    "1. Ewa Kowalczyk (Poland) 11.02 seconds\n\n2. Ingrid Halvorsen (Norway) 11.10\n\n"
    "3. Aiko Tanaka (Japan) 11.15\n\nMen's high jump\n\n1. Jiri Novotny (Czech Republic) 2.31 metres",
    # lists of names
    "Maria Sharapova, Roger Federer, Novak Djokovic, Serena Williams, Rafael Nadal, Andy Murray",
    "Poland named the following squad on Monday: Jan Kowalski, Piotr Nowak, Tomasz Wisniewski, Krzysztof Wojcik, Marek Kaminski, Pawel Lewandowski",
    # one-line briefs and headlines
    "Djokovic beats Nadal in Paris final",
    "Police in Lagos arrested three men on Tuesday.",
    "Lyon beat Marseille 2-1 on Saturday with goals from Lacazette and Gomis.",
]

OTHER = [
    ("de", "Die Polizei hat am Dienstag in Berlin drei Männer festgenommen, wie ein Sprecher sagte."),
    ("fr", "Le gouvernement a annoncé mardi une nouvelle réforme des retraites, selon le ministre."),
    ("es", "El presidente dijo el martes que las negociaciones continuarán la próxima semana."),
    ("it", "Il governo ha approvato ieri la nuova legge di bilancio, ha detto il ministro."),
    ("nl", "De politie heeft dinsdag in Amsterdam drie mannen aangehouden, zei een woordvoerder."),
    ("ru", "Президент заявил во вторник, что переговоры продолжатся на следующей неделе."),
    ("de", "Ergebnisse der Bundesliga vom Samstag:\n\nBayern München 3 Hertha BSC 1\n\n"
           "Werder Bremen 0 VfB Stuttgart 2\n\nDie Bayern bleiben damit an der Tabellenspitze."),
]


@pytest.mark.parametrize("text", ENGLISH)
def test_english_news_with_few_sentences_is_english(text):
    assert wirewatch.analyze(text, title="News", content_type="text/plain").language == "en"


@pytest.mark.parametrize("language, text", OTHER)
def test_prose_in_another_language_is_still_recognised(language, text):
    assert wirewatch.analyze(text, title="News", content_type="text/plain").language == language


def test_an_english_results_table_gets_its_entities():
    text = ENGLISH[0]
    document = wirewatch.analyze(text, title="Soccer", content_type="text/plain")
    assert document.entities


def test_a_declared_language_decides_when_the_text_does_not():
    html = ("<html lang='de'><head><title>Ergebnisse</title></head><body><article>"
            "<p>Hajduk 2 Proleter 0</p><p>Zemun 1 Rad 0</p><p>Borac 1 Mladost 2</p>"
            "<p>Partizan 6 Becej 0</p></article></body></html>")
    assert wirewatch.analyze(html, content_type="text/html").language == "de"


def test_judging_a_language_does_not_import_its_whole_spacy_package():
    # Importing spacy.lang.fr (for its stop words) loaded tokenizer exceptions and lemmatizer
    # tables: about a second for the first page of each language a process read.
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from wirewatch.extract.language import detect_language\n"
        "text = \"Le gouvernement a annoncé lundi que les nouvelles règles s'appliqueront dès l'année prochaine.\"\n"
        "assert detect_language(text) == 'fr'\n"
        "print(sorted(m for m in sys.modules if m.startswith('spacy.lang.')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"

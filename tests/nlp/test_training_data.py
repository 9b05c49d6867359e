"""The GUM and UNER readers and the entity-swap augmenter of
training/ (texts written for the test)."""

from __future__ import annotations

import gzip
import json
import random
import sys
from pathlib import Path

import spacy
from spacy.tokens import Doc
from spacy.training import Example

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "training"))
sys.path.insert(0, str(ROOT))

from training.augment import create_entity_swap  # noqa: E402
from training.convert import gum_docs, uner_docs  # noqa: E402

# One GUM-style document: "Keir Starmer 's speech" (the person nested in an abstract mention),
# "the Bank of England", a plural demonym, and a heading; "[Keir Starmer]" also appears as a
# name inside a mention of another type, which is not trained on.
ROWS = [
    "# newdoc id = GUM_news_test",
    "# newpar_block = head (1 s)",
    "1\tBudget\tbudget\tNOUN\tNN\t_\t0\troot\t_\t_",
    "2\tSpeech\tspeech\tNOUN\tNN\t_\t1\tcompound\t_\t_",
    "",
    "1\tKeir\tKeir\tPROPN\tNNP\t_\t4\tnmod\t_\tEntity=(1-abstract-new-x-x-x-x(2-person-new-x-x-x-x",
    "2\tStarmer\tStarmer\tPROPN\tNNP\t_\t1\tflat\t_\tEntity=2)|SpaceAfter=No",
    "3\t's\t's\tPART\tPOS\t_\t1\tcase\t_\t_",
    "4\tspeech\tspeech\tNOUN\tNN\t_\t5\tnsubj\t_\tEntity=1)",
    "5\tpraised\tpraise\tVERB\tVBD\t_\t0\troot\t_\t_",
    "6\tthe\tthe\tDET\tDT\t_\t7\tdet\t_\tEntity=(3-organization-new-x-x-x-x",
    "7\tBank\tBank\tPROPN\tNNP\t_\t5\tobj\t_\t_",
    "8\tof\tof\tADP\tIN\t_\t9\tcase\t_\t_",
    "9\tEngland\tEngland\tPROPN\tNNP\t_\t7\tnmod\t_\tEntity=(4-place-new-x-x-x-x)3)",
    "10\tand\tand\tCCONJ\tCC\t_\t11\tcc\t_\t_",
    "11\tAmericans\tAmerican\tPROPN\tNNPS\t_\t7\tconj\t_\tEntity=(5-person-new-x-x-x-x)|SpaceAfter=No",
    "12\t.\t.\tPUNCT\t.\t_\t5\tpunct\t_\t_",
    "",
    "1\tThe\tthe\tDET\tDT\t_\t3\tdet\t_\tEntity=(6-organization-new-x-x-x-x",
    "2\tObama\tObama\tPROPN\tNNP\t_\t3\tcompound\t_\t_",
    "3\tadministration\tadministration\tNOUN\tNN\t_\t4\tnsubj\t_\tEntity=6)",
    "4\tagreed\tagree\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No",
    "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_",
    "",
]


def gum_fixture(tmp_path: Path) -> Path:
    gum = tmp_path / "gum"
    (gum / "dep").mkdir(parents=True)
    (gum / "splits.md").write_text("## train\n\n  * GUM_news_test\n", encoding="utf-8")
    with gzip.open(gum / "dep" / "GUM_news_test.conllu.gz", "wt", encoding="utf-8") as out:
        out.write("\n".join(ROWS) + "\n")
    return tmp_path


def test_gum_reader_keeps_names_with_their_types(tmp_path):
    [doc] = gum_docs(spacy.blank("en").vocab, gum_fixture(tmp_path), ("train",))
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Keir Starmer", "PERSON"), ("Bank of England", "ORG"), ("Americans", "NORP")]
    assert [t.ent_iob_ for t in doc[:2]] == ["O", "O"]  # a heading without names
    assert doc[5].ent_iob_ == "O"  # "speech": not a name
    # "the [Obama] administration": a name GUM gives no type of its own is left out of the loss
    obama = next(t for t in doc if t.text == "Obama")
    assert obama.ent_iob_ == "" and doc[obama.i + 1].ent_iob_ == "O"


def test_entity_swap_replaces_names_with_same_type_names(tmp_path):
    names = tmp_path / "names.json"
    names.write_text(json.dumps({"PERSON": [["Ada", "Lovelace"]]}), encoding="utf-8")
    nlp = spacy.blank("en")
    reference = Doc(nlp.vocab, words=["Keir", "Starmer", "spoke", "in", "London", "."],
                    ents=["B-PERSON", "I-PERSON", "O", "O", "B-GPE", "O"])
    augment = create_entity_swap(str(names), level=1.0, swap=1.0)
    random.seed(0)
    [example] = augment(nlp, Example(nlp.make_doc(reference.text), reference))
    assert [t.text for t in example.reference] == ["Ada", "Lovelace", "spoke", "in", "London", "."]
    assert [(e.text, e.label_) for e in example.reference.ents] == [
        ("Ada Lovelace", "PERSON"), ("London", "GPE")]
    unchanged = create_entity_swap(str(names), level=0.0, swap=1.0)
    [same] = unchanged(nlp, Example(nlp.make_doc(reference.text), reference))
    assert same.reference.text == reference.text


def test_gum_reader_keeps_only_the_genres_asked_for(tmp_path):
    """A shippable NER trains only on GUM genres whose texts allow it (training/convert.py)."""
    datasets = gum_fixture(tmp_path)
    vocab = spacy.blank("en").vocab
    assert len(gum_docs(vocab, datasets, ("train",), frozenset({"news", "bio"}))) == 1
    assert gum_docs(vocab, datasets, ("train",), frozenset({"fiction"})) == []


# A UNER English EWT document (iob2): PER / ORG / LOC only, so "Israeli" is "O" there although
# it is a name of a type UNER does not annotate; web text writes "tampa bay" in lower case.
UNER_ROWS = [
    "# newdoc id = answers-test",
    "# sent_id = answers-test-0001",
    "# text = The Israeli envoy met Keir Starmer in tampa bay.",
    "1\tThe\tO\t-\t-", "2\tIsraeli\tO\t-\t-", "3\tenvoy\tO\t-\t-", "4\tmet\tO\t-\t-",
    "5\tKeir\tB-PER\t-\t-", "6\tStarmer\tI-PER\t-\t-", "7\tin\tO\t-\t-",
    "8\ttampa\tB-LOC\t-\t-", "9\tbay\tI-LOC\t-\t-", "10\t.\tO\t-\t-",
    "",
    "# sent_id = answers-test-0002",
    "# text = Thanks, Acme Bank!",
    "1\tThanks\tO\t-\t-", "2\t,\tO\t-\t-", "3\tAcme\tB-ORG\t-\t-", "4\tBank\tI-ORG\t-\t-",
    "5\t!\tO\t-\t-",
    "",
]


def test_uner_reader_types_names_and_leaves_unannotated_capitals_out_of_the_loss(tmp_path: Path) -> None:
    path = tmp_path / "uner.iob2"
    path.write_text("\n".join(UNER_ROWS) + "\n", encoding="utf-8")
    [doc] = uner_docs(spacy.blank("en").vocab, path)
    assert doc.text == "The Israeli envoy met Keir Starmer in tampa bay. Thanks, Acme Bank!"
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Keir Starmer", "PERSON"), ("tampa bay", "LOC"), ("Acme Bank", "ORG")]
    iob = {t.text: t.ent_iob_ for t in doc}
    assert iob["Israeli"] == ""  # a capitalised word UNER has no type for: unannotated
    assert iob["The"] == "O" and iob["Thanks"] == "O"  # sentence openers: taught as non-names
    assert iob["envoy"] == "O"

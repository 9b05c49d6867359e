"""benchmarks/ner.py rebuilds gold documents as article text whose offsets point at the gold tokens."""

from __future__ import annotations

from benchmark_scripts import load_benchmark


def test_a_tokenised_sentence_is_written_as_text():
    bench = load_benchmark("ner")
    words = ["Japan", "'s", "coach", "(", "Kato", ")", "said", '"', "we", "won", '"', "."]
    spaces = bench.written_spacing(words)
    assert "".join(w + s for w, s in zip(words, spaces)) == 'Japan\'s coach (Kato) said "we won".'


def test_rendered_offsets_point_at_every_gold_token():
    bench = load_benchmark("ner")
    sentences = [["SOCCER", "-", "JAPAN", "WIN", "."], ["Kato", ",", "the", "coach", ",", "said", "so", "."]]
    words = [w for s in sentences for w in s]
    spaces = [sp for s in sentences for sp in bench.written_spacing(s)]
    document = bench.GoldDocument(words, spaces, [0, 5], [(2, 3, "LOC"), (5, 6, "PER")])
    text, offsets = bench.render(document)
    assert text == "SOCCER - JAPAN WIN.\n\nKato, the coach, said so."
    assert [text[s:e] for s, e in offsets] == words


def test_paragraphs_dropped_by_extraction_leave_the_rest_mapped():
    bench = load_benchmark("ner")
    rendered = "First line.\n\nAdvertisement\n\nThird line."
    returned = "First line.\n\nThird line."
    assert bench.paragraph_offsets(rendered, returned) == {0: 0, 13: 28}

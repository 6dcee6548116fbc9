"""Sentences and tokens: offsets into the original text, abbreviations never split."""

from __future__ import annotations

import pytest

from framing.datasets import load_kazakhstan_2022, load_kazakhstan_2022_coded
from framing.segmentation import (
    segment,
    sentence_tokens,
    split_lines,
    split_sentences,
    token_spans,
    word_tokens,
)


@pytest.mark.parametrize("splitter", ["rules", "punkt"])
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr Blinken spoke. Dr. Smith agreed.", ["Mr Blinken spoke.", "Dr. Smith agreed."]),
        ("Mr. Blinken spoke to the U.S. Senate on Jan. 7 in Washington.",
         ["Mr. Blinken spoke to the U.S. Senate on Jan. 7 in Washington."]),
        ("He left. She stayed!", ["He left.", "She stayed!"]),
        ("Who knows? Nobody.", ["Who knows?", "Nobody."]),
        ('He said: "It is over." Then he left.', ['He said: "It is over."', "Then he left."]),
        ("J. K. Rowling wrote it.", ["J. K. Rowling wrote it."]),
        ("Headline without a stop\nBody text. More text.",
         ["Headline without a stop", "Body text.", "More text."]),
        ("Prices rose 3.5 per cent. Protests began.", ["Prices rose 3.5 per cent.", "Protests began."]),
        ("\u00a0 Indented after a non-breaking space.", ["Indented after a non-breaking space."]),
    ],
)
def test_sentences(text, expected, splitter):
    assert [text[s:e] for s, e in split_sentences(text, splitter=splitter)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Own. corr. FSK", ["Own. corr.", "FSK"]),  # a lower-case word does not start a sentence
        ("Should he go? [POLL]", ["Should he go? [POLL]"]),  # a trailing tag stays
        ("Stop. (Reuters)", ["Stop. (Reuters)"]),
        ("“It is over.” He left.", ["“It is over.”", "He left."]),
    ],
)
def test_rules_splitter_details(text, expected):
    assert [text[s:e] for s, e in split_sentences(text)] == expected


def test_unknown_splitter_is_an_error():
    with pytest.raises(ValueError, match="splitter must be"):
        split_sentences("x", splitter="spacy")  # type: ignore[arg-type]


def test_lines_skip_blank_and_nbsp_only_lines():
    text = "A\n\n\u00a0\n  B  \r\nC"
    assert [text[s:e] for s, e in split_lines(text)] == ["A", "B", "C"]


def test_seed_units_are_reproduced_exactly():
    """The coders' sentence units of the five seeds are the splitter's sentences."""
    coded = load_kazakhstan_2022_coded()
    corpus = load_kazakhstan_2022()
    gold = set(zip(coded["doc_id"], coded["start"], coded["end"], strict=True))
    predicted = {(doc.doc_id, s, e) for doc in corpus for s, e in split_sentences(doc.text)}
    assert predicted == gold


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Anti-government protests, 100,000 people.",
         ["Anti-government", "protests", "100,000", "people"]),
        ("Kazakhstan’s “peacekeeping” forces", ["Kazakhstan’s", "peacekeeping", "forces"]),
        ("war_crimes warö 3.5", ["war", "crimes", "warö", "3.5"]),
        ("the U.S. and e.g. U.N.-backed", ["the", "U.S.", "and", "e.g.", "U.N.", "backed"]),
        ("Путин: «Это переворот»", ["Путин", "Это", "переворот"]),
        ("İstanbul", ["İstanbul"]),
    ],
)
def test_tokens_round_trip(text, tokens):
    spans = token_spans(text)
    assert [text[s:e] for s, e in spans] == tokens


def test_word_tokens_are_lowercased_without_ascii_folding():
    assert word_tokens("Путин ДЕЙСТВУЕТ Coup d’État") == ["путин", "действует", "coup", "d’état"]


def test_sentence_tokens_do_not_cross_sentences():
    assert sentence_tokens("One two. Three four.") == [["one", "two"], ["three", "four"]]


def test_segment_offsets_round_trip_on_the_seeds():
    for doc in load_kazakhstan_2022():
        seg = segment(doc.text)
        assert seg.n_sentences > 0
        for (s, e) in seg.sentences:
            assert doc.text[s:e] == doc.text[s:e].strip() and e > s
        # every token lies in exactly one sentence and counts add up
        assert (seg.token_sentence >= 0).all()
        assert seg.tokens_per_sentence().sum() == seg.n_tokens
        for (s, e), k in zip(seg.tokens, seg.token_sentence, strict=True):
            ss, se = seg.sentences[k]
            assert ss <= s and e <= se


def test_sentence_of_offsets_outside_sentences():
    seg = segment("One.\n\nTwo.")
    assert seg.sentence_of([0, 4, 5, 6, 9]).tolist() == [0, -1, -1, 1, 1]

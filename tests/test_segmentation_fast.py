"""The fast sentence splitter and token counter against their straightforward forms.

``split_sentences`` (rules) runs one pattern over the whole text and checks
abbreviations only at candidate boundaries; ``count_tokens`` counts token starts
from character-class tables instead of running ``TOKEN_PATTERN`` per sentence.
Both must agree exactly with the original per-line / per-sentence code, which is
kept below as the reference.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

import numpy as np
import pytest

from framing import segmentation
from framing.datasets import load_kazakhstan_2022
from framing.segmentation import (
    TOKEN_PATTERN,
    count_tokens,
    load_abbreviations,
    segment,
    split_lines,
    split_sentences,
)

# --- reference: the original implementation (only reformatted) --------------

_TOKEN_RE = re.compile(TOKEN_PATTERN)
_CLOSERS = "\"'\u201d\u2019\u00bb)\\]"
_OPENERS = "\"'\u201c\u2018\u00ab(\\["
_BOUNDARY_RE = re.compile(
    rf"(?P<end>[.!?\u2026]+[{_CLOSERS}]*)(?P<gap>\s+)(?=[{_OPENERS}]*[^\W_])"
)
_TRAILING_TAG_RE = re.compile(r"[(\[][^()\[\]]{1,24}[)\]]")
_WORD_BEFORE_RE = re.compile(r"([^\W\d_][\w.\-]*)$")
_DOTTED_ACRONYM_RE = re.compile(r"^(?:[^\W\d_]\.)+[^\W\d_]?$")


def ref_split_lines(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        stop = n if nl == -1 else nl
        start, end = pos, stop
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
        if nl == -1:
            break
        pos = nl + 1
    return spans


def _ref_is_abbreviation(
    text: str, line_start: int, dot: int, abbreviations: frozenset[str]
) -> bool:
    m = _WORD_BEFORE_RE.search(text, line_start, dot)
    if m is None:
        return False
    word = m.group(1)
    lowered = word.lower()
    if lowered in abbreviations:
        return True
    if len(word) == 1 and word.isupper():
        return True
    return bool(_DOTTED_ACRONYM_RE.match(word + "."))


def _ref_split_line_rules(
    text: str, start: int, end: int, abbreviations: frozenset[str]
) -> Iterator[tuple[int, int]]:
    sent_start = start
    for m in _BOUNDARY_RE.finditer(text, start, end):
        nxt = m.end("gap")
        while nxt < end and text[nxt] in _OPENERS:
            nxt += 1
        if nxt < end and text[nxt].islower():
            continue
        if text[m.end("gap")] in "([" and _TRAILING_TAG_RE.fullmatch(text, m.end("gap"), end):
            continue
        ender = m.group("end")
        if (ender[0] == "." and len(ender.rstrip(_CLOSERS)) == 1
                and _ref_is_abbreviation(text, sent_start, m.start("end"), abbreviations)):
            continue
        sent_end = m.end("end")
        if sent_end > sent_start:
            yield sent_start, sent_end
        sent_start = m.end("gap")
    if end > sent_start:
        yield sent_start, end


def ref_split_sentences(text: str) -> list[tuple[int, int]]:
    abbreviations = load_abbreviations()
    spans: list[tuple[int, int]] = []
    for start, end in ref_split_lines(text):
        spans.extend(_ref_split_line_rules(text, start, end, abbreviations))
    return spans


def ref_count_tokens(text: str, spans) -> list[int]:
    return [len(_TOKEN_RE.findall(text, s, e)) for s, e in spans]


# --- random texts over a tricky alphabet -------------------------------------

_ABBREVIATIONS = sorted(load_abbreviations())
_PIECES = [
    # words, incl. non-ASCII, Cyrillic, Turkish dotted I, combining marks, digits
    "the", "Protests", "anti", "government", "caf\u00e9", "Stra\u00dfe", "\u0130stanbul",
    "\u041f\u0443\u0442\u0438\u043d", "\u043f\u0435\u0440\u0435\u0432\u043e\u0440\u043e\u0442",
    "\u00e9tat", "e\u0301", "A\u0301B", "x", "A", "b", "Z", "\u00c9", "\u0439", "\u0414",
    "100", "3", "2022", "\u0663\u0664", "\u00b2", "\u2163", "war_crimes", "_", "__init",
    # joiners and number separators
    "-", "\u2010", "\u2011", "'", "\u2019", ".", ",", "\u2013", "\u2014", "/",
    # sentence ends, closers, openers
    ".", ". ", "! ", "? ", "... ", "\u2026 ", "?!", ".\u201d ", ".' ", '." ', ".) ", ".] ",
    "\u201c", "\u201d", "\u2018", "\u00ab", "\u00bb", '"', "(", ")", "[", "]",
    "(Reuters)", "[POLL]", "[a]", "(x)",
    # white space of every kind
    " ", " ", " ", "  ", "\n", "\n\n", " \n ", "\t", "\r\n", "\xa0", "\u2028", "\x0b", "\u3000",
    "\x1c", "\x85", "\u200b", "\r",
    # dotted forms
    "U.S.", "U.S", "e.g.", "i.e.", "J.", "J. K.", "a.m.", "U.N.-backed", "A.B.C", "x.Y.z.",
    "1,000", "3.5", "1.2.3", "1.,2", "Kazakhstan\u2019s", "d\u2019\u00c9tat",
    # astral characters and the odd lone surrogate
    "\U0001f600", "\U0001d400", "\U00010400", "\ud800",
    # long runs of word characters (the look-back window for abbreviations grows)
    "0123456789" * 2, "x_y_z_" * 5, "a.b.c.d.e.f.g.h.i.j.k.l.m.",
]


def _random_text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(0, 40)):
        r = rng.random()
        if r < 0.12:
            abbr = rng.choice(_ABBREVIATIONS)
            abbr = rng.choice([abbr, abbr.title(), abbr.upper()])
            parts.append(abbr + rng.choice([".", ". ", ".", "", ".\n"]))
        elif r < 0.2:
            parts.append(rng.choice(["Mr. ", "Dr. ", "Jan. ", "U.S. ", "e.g. ", "No. 5 "]))
        else:
            parts.append(rng.choice(_PIECES))
        if rng.random() < 0.4:
            parts.append(rng.choice([" ", " ", ". ", "\n"]))
    return "".join(parts)


def _random_texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return [_random_text(rng) for _ in range(count)]


def _seed_texts() -> list[str]:
    return [doc.text for doc in load_kazakhstan_2022()]


def _random_spans(rng: random.Random, n: int, k: int) -> list[tuple[int, int]]:
    spans = []
    for _ in range(k):
        s = rng.randint(-3, n + 3)
        e = rng.randint(-3, n + 3) if rng.random() < 0.2 else rng.randint(max(s, 0), n + 3)
        spans.append((s, e))
    return spans


# --- sentences ---------------------------------------------------------------

def test_split_sentences_matches_reference_on_seeds():
    for text in _seed_texts():
        assert split_sentences(text) == ref_split_sentences(text)
        assert split_lines(text) == ref_split_lines(text)


@pytest.mark.parametrize("seed", range(8))
def test_split_sentences_matches_reference_on_random_texts(seed):
    for text in _random_texts(seed, 500):
        assert split_sentences(text) == ref_split_sentences(text), repr(text)
        assert split_lines(text) == ref_split_lines(text), repr(text)


@pytest.mark.parametrize(
    "text",
    [
        "", " ", "\n", ".", ". A", "A. B", "a. B", "Mr. B", "mr. B", "U.S. B", "U.S B", "e.g. B",
        "J. B", "j. B", "1. B", "x1. B", "_. B", "-. B", ".-x. B", "A.. B", "A.! B", "A!. B",
        "A?. B", "A.? B", "He left.\u201d \u201cThen", "He left. (Then)", "He left. (Then) x",
        "He left. [POLL]", "He left. [POLL]  \n", "He left. [POLL] \r\nNext", "Own. corr. FSK",
        "It ended. \u00c9tat", "It ended. \u00e9tat", "It ended. 5 more", "It ended.\xa0Then",
        "It ended.\u2028Then", "It ended. \u0414\u0430", "It ended. \u0434\u0430",
        "\n.\nA. B", "x\n. B", "Co. Ltd. Then", "Messrs. Smith. Then", "A.B.C. Then",
        "a.b.c. Then", "ab.cd. Then", "x" * 40 + ". B", "q" * 200 + "-u.s. Then",
        "One.\n\nTwo. Three.\n", "Wait\u2026 What", "Wait... What", "Hi!!! There", "\ud800. B",
        "\U0001f600. B", "\u0130. B", "e\u0301. B",
        # a word run longer than the first look-back window before the stop
        "x" + "1" * 20 + "a.b. Then", "x" + "_" * 200 + "a.b. Then", "1" * 20 + "a.b. Then",
        "(" + "1" * 200 + "a.b. Then", "Mr" + "." * 30 + " Then",
    ],
)
def test_split_sentences_matches_reference_on_corner_cases(text):
    assert split_sentences(text) == ref_split_sentences(text)


def test_split_sentences_punkt_still_works():
    text = "Mr. Blinken spoke. Dr. Smith agreed.\nNext line"
    spans = split_sentences(text, splitter="punkt")
    assert [text[s:e] for s, e in spans] == ["Mr. Blinken spoke.", "Dr. Smith agreed.", "Next line"]


# --- tokens ------------------------------------------------------------------

def _check_counts(text: str, spans) -> None:
    got = count_tokens(text, spans)
    assert got.dtype == np.int64 and got.shape == (len(spans),)
    assert got.tolist() == ref_count_tokens(text, spans), repr(text)


def test_count_tokens_matches_reference_on_seeds():
    rng = random.Random(0)
    for text in _seed_texts():
        sentences = split_sentences(text)
        _check_counts(text, sentences)
        _check_counts(text, np.asarray(sentences, dtype=np.int64))
        _check_counts(text, _random_spans(rng, len(text), 300))
        starts = [m.start() for m in _TOKEN_RE.finditer(text)]
        assert np.flatnonzero(segmentation._token_starts(text)).tolist() == starts


@pytest.mark.parametrize("seed", range(8))
def test_count_tokens_matches_reference_on_random_texts(seed):
    rng = random.Random(1000 + seed)
    for text in _random_texts(seed, 500):
        _check_counts(text, split_sentences(text))
        _check_counts(text, split_lines(text))
        _check_counts(text, [(0, len(text))])
        _check_counts(text, _random_spans(rng, len(text), 20))
        starts = [m.start() for m in _TOKEN_RE.finditer(text)]
        assert np.flatnonzero(segmentation._token_starts(text)).tolist() == starts, repr(text)


@pytest.mark.parametrize(
    "text",
    [
        "", "a", "U.S.", "U.S.A", "U.S.A.", "xU.S.A.B. c", "(.A.B. c", "A.B.1", "A.B.C.x",
        "x-U.S. y", "1.2.3", "1,000.5", "a-b-c", "a--b", "-a", "a-", "'s", "a'b\u2019c",
        "1.a", "a.1", "1..2", "U.S.-backed", "e.g.", "I.B.M.'s", "\u0663.\u0664", "\u00b2.\u00b2",
        "a\u0301b", "A.\u0301B.", "\U0001d400.\U0001d401. x", "\ud800a.b. c", "_a_",
        "Kazakhstan\u2019s", "d\u2019\u00c9tat", "\u2163.\u2164.",
    ],
)
def test_count_tokens_corner_cases(text):
    n = len(text)
    spans = [(s, e) for s in range(-1, n + 2) for e in range(-1, n + 2)]
    _check_counts(text, spans)


def _outcome(func, *args):
    try:
        return list(func(*args))
    except Exception as exc:  # the kind of error is what is compared
        return type(exc)


@pytest.mark.parametrize(
    "spans",
    [
        [], np.empty((0, 2), dtype=np.int64), np.array([[0, 16], [17, 40]], dtype=np.int32),
        [(np.int64(0), np.int64(16))], [(False, True), (True, 16)], [[0, 16], [16, 17]],
        [(2**70, 2**71)], [(-(2**70), 5)], np.array([[0, 16], [17, 2**63 + 5]], dtype=np.uint64),
        np.array([[0, 16], [17, 2**40]], dtype=np.uint64), [(0.0, 16.0)],
        np.array([[0.0, 16.0]]), [(0, 1, 2), (3,)], [(0, 1, 2)], np.arange(4), [("a", "b")],
        ((0, 16), (17, 40)), [(40, 0), (41, 50), (-5, -1), (-1, 3), (3, 3), (0, 0)],
    ],
)
def test_count_tokens_inputs(spans):
    text = "Protests spread. Police fired on crowds."
    got = _outcome(count_tokens, text, spans)
    assert got == _outcome(ref_count_tokens, text, spans)
    if isinstance(got, list):
        assert count_tokens(text, spans).dtype == np.int64


def test_count_tokens_agrees_with_segment():
    for text in _random_texts(99, 200) + _seed_texts():
        seg = segment(text)
        assert count_tokens(text, seg.sentences).tolist() == seg.tokens_per_sentence().tolist()


def test_character_table_agrees_with_re_for_every_code_point():
    """Each code point in contexts where every class of the table matters."""
    step = 20_000
    for lo in range(0, 0x110000, step):
        chars = [chr(c) for c in range(lo, min(lo + step, 0x110000))]
        text = "".join(f" a{c}b 1{c}2 {c}.B. 1,{c} {c}-a " for c in chars)
        starts = [m.start() for m in _TOKEN_RE.finditer(text)]
        assert np.flatnonzero(segmentation._token_starts(text)).tolist() == starts, hex(lo)


def test_token_starts_across_classification_chunks(monkeypatch):
    """Long texts are classified in chunks; the chunk edges must not show."""
    monkeypatch.setattr(segmentation, "_CHUNK", 7)
    for text in _random_texts(7, 300):
        starts = [m.start() for m in _TOKEN_RE.finditer(text)]
        assert np.flatnonzero(segmentation._token_starts(text)).tolist() == starts, repr(text)
        _check_counts(text, split_sentences(text))


def test_count_tokens_rejects_bytes_like_before():
    assert _outcome(count_tokens, b"a b", [(0, 1)]) == _outcome(ref_count_tokens, b"a b", [(0, 1)])


def test_bmp_character_table_is_a_prefix_of_the_full_table():
    full = segmentation._char_codes()
    bmp = segmentation._char_codes(segmentation._BMP)
    assert bmp.dtype == full.dtype and np.array_equal(bmp, full[:segmentation._BMP])


# --- sentence_index ------------------------------------------------------------

def ref_sentence_index(sentences, offsets):
    offsets = np.asarray(offsets, dtype=np.int64)
    if len(sentences) == 0:
        return np.full(offsets.shape, -1, dtype=np.int64)
    idx = np.searchsorted(sentences[:, 0], offsets, side="right") - 1
    inside = (idx >= 0) & (offsets < sentences[np.clip(idx, 0, None), 1])
    return np.where(inside, idx, -1)


def _check_index(sentences, offsets) -> None:
    got = segmentation.sentence_index(sentences, offsets)
    want = ref_sentence_index(sentences, offsets)
    assert got.dtype == want.dtype and got.shape == want.shape
    assert got.tolist() == want.tolist(), (sentences.tolist(), offsets)


def _random_sentence_array(rng: random.Random, n: int) -> np.ndarray:
    spans, pos = [], rng.randint(-3, 3)
    for _ in range(n):
        start = pos + rng.choice([0, 0, 1, 2, 5])
        end = start + rng.choice([0, 1, 1, 3, 10])
        spans.append((start, end))
        pos = end
    return np.asarray(spans, dtype=np.int64).reshape(-1, 2)


@pytest.mark.parametrize("seed", range(4))
def test_sentence_index_matches_reference_on_random_spans(seed):
    rng = random.Random(2000 + seed)
    for _ in range(500):
        n = rng.choice([0, 1, 2, 5, 30, rng.randint(0, 300)])
        sentences = _random_sentence_array(rng, n)
        hi = int(sentences[-1, 1]) + 3 if n else 5
        k = rng.choice([0, 1, 10, rng.randint(0, 300)])
        offsets = [rng.randint(-5, hi) for _ in range(k)]
        _check_index(sentences, offsets)
        _check_index(sentences, np.asarray(offsets, dtype=np.int32))
        _check_index(sentences.astype(np.int32), offsets)
        if n > 1 and rng.random() < 0.3:  # outside the contract: unsorted or overlapping
            shuffled = sentences.copy()
            rng.shuffle(shuffled)
            _check_index(shuffled, offsets)


def test_sentence_index_matches_reference_on_seed_matches():
    from framing.lexicon import load_lexicon
    from framing.matching import Matcher

    matcher = Matcher(load_lexicon("kazakhstan-2022"))
    for text in _seed_texts():
        sentences = np.asarray(split_sentences(text), dtype=np.int64).reshape(-1, 2)
        found = matcher.find(text)
        _check_index(sentences, found.start)
        _check_index(sentences, found.end)


@pytest.mark.parametrize(
    "sentences",
    [
        np.empty((0, 2), dtype=np.int64), np.array([[0, 5], [7, 9]]),
        np.array([[0, 5], [7, 9]], dtype=np.uint64), np.array([[0, 5], [7, 9]], dtype=np.float64),
        np.array([[0.5, 5.5], [7.0, 9.0]]), np.array([[0, 5, 1], [7, 9, 2]]),
        np.array([[0, 5], [7, 9]], dtype=">i8"), np.array([[0, 5], [7, 9]], dtype=np.int8),
        np.array([[7, 9], [0, 5]]), np.array([[0, 9], [0, 5], [0, 2]]),
        np.array([[2**62, 2**63 - 1]]), np.array([[0, 5], [7, 9]])[:, ::-1].copy(),
        np.array([[0, 5], [7, 9], [10, 12]])[::2],
    ],
)
@pytest.mark.parametrize(
    "offsets",
    [
        [], [0, 5, 6, 7, 8, 9, 20, -1], np.array([3], dtype=np.int32), 4,
        np.array([[0, 8], [6, 20]]), [2**62 + 1], list(range(-2, 600)), (8, 0),
        np.array([1.7, 7.9]),
    ],
)
def test_sentence_index_corner_cases(sentences, offsets):
    _check_index(sentences, offsets)


def test_sentence_index_large_arrays_use_numpy_and_agree():
    rng = random.Random(5)
    sentences = _random_sentence_array(rng, segmentation._BISECT_MAX_SENTENCES + 10)
    offsets = [rng.randint(-5, int(sentences[-1, 1]) + 5) for _ in range(50)]
    _check_index(sentences, offsets)
    _check_index(sentences[:100], offsets * 10)

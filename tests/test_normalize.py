"""Tests for framing.normalize: the normalisation rules N1-N6 and the offset map."""

from __future__ import annotations

import random
import unicodedata

import numpy as np
import pytest

from framing.normalize import NormalizedText, normalize

# --------------------------------------------------------------------------
# rules N1-N6: original -> normalised text
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # N1 case folding, including length-changing characters
        ("WAR On Terror", "war on terror"),
        ("Straße", "strasse"),
        ("\ufb01re", "fire"),  # ligature fi
        ("ΣΊΣΥΦΟΣ", "σισυφοσ"),  # final sigma folds like any sigma
        # N2 accents (combining marks U+0300-U+036F after NFD)
        ("coup d'État", "coup d'etat"),
        ("İstanbul", "istanbul"),  # 9 characters, not the 10 of "İstanbul".lower()
        ("cafe\u0301", "cafe"),  # decomposed accent in the input
        ("Việt", "viet"),  # two marks on one letter
        ("ñandú", "nandu"),
        ("Ёлка", "елка"),  # Cyrillic breve/diaeresis are in the same block
        ("한국", "한국"),  # Hangul stays composed
        # N3 quotes and apostrophes
        ("coup d\u2019etat", "coup d'etat"),
        ("\u2018so-called\u2019 \u201cterrorists\u201d", "'so-called' \"terrorists\""),
        ("\u00abguillemets\u00bb", '"guillemets"'),
        ("d\u02bcetat `x`", "d'etat 'x'"),
        # N4 dashes
        *[(f"anti{d}government", "anti-government")
          for d in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"],
        # N5 spaces and line separators
        ("human\u00a0rights", "human rights"),
        ("a\u2002b\u2009c\u202fd\u3000e", "a b c d e"),
        ("line\u2028break", "line\nbreak"),
        ("para\u2029graph", "para\n\ngraph"),
        ("tab\tand\nnewline\r\n", "tab\tand\nnewline\r\n"),  # ASCII whitespace kept
        # N6 invisible characters removed
        ("ter\u00adror", "terror"),
        ("Kaza\u200bkhstan\u2060\ufeff", "kazakhstan"),
        ("", ""),
    ],
)
def test_normalize_rules(text: str, expected: str) -> None:
    assert normalize(text).text == expected


@pytest.mark.parametrize(
    ("text", "identity"),
    [
        ("plain ASCII text", True),
        ("curly \u2019quotes\u2019 \u2014 and\u00a0nbsp", True),
        ("Caf\u00e9 \u00e9tat", True),
        ("İstanbul", True),
        ("ter\u00adror", False),
        ("Straße", False),
        ("para\u2029graph", False),
    ],
)
def test_identity_offsets_when_lengths_are_kept(text: str, identity: bool) -> None:
    nt = normalize(text)
    assert nt.is_identity is identity
    assert nt.offsets.tolist() == list(range(len(nt.text) + 1)) or not identity


# --------------------------------------------------------------------------
# the offset map
# --------------------------------------------------------------------------

_ALPHABET = [
    "a", "B", "z", " ", "-", ".", "\n", "'", "İ", "ß", "\ufb01", "\u00ad", "e\u0301", "\u0301",
    "\u2019", "\u2014", "\u00a0", "\u2029", "é", "Σ", "한", "\u200b", "x", "7", "_",
]


def _random_texts(n: int, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 40))) for _ in range(n)]


@pytest.mark.parametrize("text", _random_texts(200) + ["İstanbul war", "Straße ter\u00adror"])
def test_offsets_invariants(text: str) -> None:
    nt = normalize(text)
    off = nt.offsets
    assert off.dtype == np.int64
    assert len(off) == len(nt.text) + 1
    assert off[-1] == len(text)
    assert np.all(np.diff(off) >= 0)
    # each original character produced exactly the normalised characters mapped to it
    for i, ch in enumerate(text):
        produced = "".join(nt.text[j] for j in np.flatnonzero(off[:-1] == i))
        assert produced == normalize(ch).text, (i, ch)


def test_offsets_are_read_only() -> None:
    for text in ("ascii", "ter\u00adror"):
        with pytest.raises(ValueError, match="read-only"):
            normalize(text).offsets[0] = 5


@pytest.mark.parametrize(
    ("text", "norm_span", "original"),
    [
        ("İstanbul war", "war", "war"),
        ("Straße war", "war", "war"),
        ("Straße war", "strasse", "Straße"),
        ("Straße war", "ss", "ß"),  # a span inside an expansion takes the whole character
        ("\ufb01re", "i", "\ufb01"),
        ("ter\u00adror attack", "terror", "ter\u00adror"),
        ("cafe\u0301 noir", "cafe", "cafe\u0301"),  # a trailing accent is not cut off
        ("war\u00ad on", "war", "war\u00ad"),  # nor a trailing soft hyphen
        ("\u00adwar", "war", "war"),  # but a leading deleted character is not included
        ("para\u2029graph", "\n\n", "\u2029"),
        ("human\u00a0rights", "human rights", "human\u00a0rights"),
    ],
)
def test_to_original(text: str, norm_span: str, original: str) -> None:
    nt = normalize(text)
    start = nt.text.index(norm_span)
    s, e = nt.to_original([start], [start + len(norm_span)])
    assert text[s[0]:e[0]] == original


def test_to_original_vectorised_and_empty_spans() -> None:
    text = "Straße, İstanbul, ter\u00adror"
    nt = normalize(text)
    starts = [nt.text.index(w) for w in ("strasse", "istanbul", "terror")]
    ends = [s + len(w) for s, w in zip(starts, ("strasse", "istanbul", "terror"))]
    s, e = nt.to_original(starts, ends)
    assert [text[a:b] for a, b in zip(s, e)] == ["Straße", "İstanbul", "ter\u00adror"]
    s, e = nt.to_original([3, len(nt.text)], [3, len(nt.text)])  # empty spans stay empty
    assert (e - s).tolist() == [0, 0]
    assert e[-1] == len(text)
    s, e = nt.to_original([], [])
    assert s.shape == (0,) and e.shape == (0,)


@pytest.mark.parametrize(
    ("starts", "ends", "message"),
    [
        ([0, 1], [1], "same shape"),
        ([-1], [2], "0 <= start"),
        ([0], [99], "0 <= start"),
        ([3], [2], "0 <= start"),
    ],
)
def test_to_original_rejects_invalid_spans(starts, ends, message) -> None:
    for text in ("plain text", "ter\u00adror text"):
        with pytest.raises(ValueError, match=message):
            normalize(text).to_original(starts, ends)


def test_normalize_rejects_non_text() -> None:
    with pytest.raises(TypeError, match="expects str"):
        normalize(b"bytes")  # type: ignore[arg-type]


def test_normalized_text_repr_and_type() -> None:
    nt = normalize("A")
    assert isinstance(nt, NormalizedText)
    assert nt.original_length == 1
    assert "text='a'" in repr(nt)


def test_all_unicode_spaces_and_dashes_are_mapped() -> None:
    spaces = [chr(c) for c in range(0x80, 0x3001) if unicodedata.category(chr(c)) == "Zs"]
    assert normalize("".join(spaces)).text == " " * len(spaces)
    dashes = [chr(c) for c in range(0x2010, 0x2016)] + ["\u2212"]
    assert normalize("".join(dashes)).text == "-" * len(dashes)

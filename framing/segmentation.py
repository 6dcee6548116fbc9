"""Sentences and tokens with character offsets into the original text.

The unit of coding is the sentence (a headline, caption or teaser line counts as
one sentence), so segmentation works in two steps:

1. the text is cut into lines: a line break always ends a unit, because scraped
   pages put headlines, captions, teasers and navigation on lines of their own
   with no final punctuation;
2. each line is cut into sentences at ``. ! ?`` (with any closing quotes or
   brackets) followed by whitespace and a sentence-initial character, unless the
   word before the full stop is an abbreviation (``Mr``, ``Dr``, ``Jan``, a dotted
   acronym such as ``U.S.`` or an initial such as ``J.``).

Two splitters implement step 2 and share the shipped abbreviation list
(``framing/data/abbreviations.txt``):

``"rules"`` (default)
    one compiled regular expression per line plus an abbreviation check; about
    an order of magnitude faster than Punkt and deterministic.
``"punkt"``
    NLTK's :class:`~nltk.tokenize.punkt.PunktSentenceTokenizer` built from
    :class:`~nltk.tokenize.punkt.PunktParameters` holding the same abbreviations
    (no downloaded model is needed).

Tokens are word tokens (letters, digits, hyphen- or apostrophe-joined compounds
such as ``anti-government`` and ``country's``; numbers such as ``100,000``) found
with NLTK's :class:`~nltk.tokenize.RegexpTokenizer`. Punctuation is not a token,
so token counts are the denominators of per-1,000-word rates.

Every offset is a Python ``str`` index into the original, unmodified text:
``text[start:end]`` is the sentence or token.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

import numpy as np
from nltk.tokenize import RegexpTokenizer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

__all__ = [
    "TOKENIZER",
    "TOKEN_PATTERN",
    "Segmentation",
    "count_tokens",
    "load_abbreviations",
    "segment",
    "sentence_index",
    "sentence_tokens",
    "split_lines",
    "split_sentences",
    "token_spans",
    "word_tokens",
]

SentenceSplitter = Literal["rules", "punkt"]

#: Word tokens: dotted acronyms (``U.S.``, ``e.g.``) as one token, else runs of
#: letters/digits (Unicode-aware, ``_`` excluded) joined by internal hyphens,
#: apostrophes or (between digits) ``.``/``,``. Written as runs
#: joined by separators (not one alternation per character) because that is about
#: four times faster in ``re``.
TOKEN_PATTERN = (
    r"(?:[^\W\d_]\.){2,}(?![^\W_])"
    r"|[^\W_]+(?:[-\u2010\u2011'\u2019][^\W_]+|(?<=\d)[.,]\d[^\W_]*)*"
)

#: The tokenizer as an NLTK object, for use with NLTK's tools. The per-document
#: hot path calls the same compiled pattern directly: NLTK's ``span_tokenize``
#: generator costs a third of the throughput.
TOKENIZER = RegexpTokenizer(TOKEN_PATTERN)
_TOKEN_RE = re.compile(TOKEN_PATTERN)

# A candidate sentence end: terminal punctuation, optional closing quotes and
# brackets, whitespace, then a letter or digit (after optional opening quotes or
# brackets). Candidates followed by a lower-case letter are rejected in code,
# because ``re`` has no upper-case class for all scripts.
_CLOSERS = "\"'\u201d\u2019\u00bb)\\]"
_OPENERS = "\"'\u201c\u2018\u00ab(\\["
_BOUNDARY_RE = re.compile(
    rf"(?P<end>[.!?\u2026]+[{_CLOSERS}]*)(?P<gap>\s+)(?=[{_OPENERS}]*[^\W_])"
)
_TRAILING_TAG_RE = re.compile(r"[(\[][^()\[\]]{1,24}[)\]]")
_WORD_BEFORE_RE = re.compile(r"([^\W\d_][\w.\-]*)$")
_DOTTED_ACRONYM_RE = re.compile(r"^(?:[^\W\d_]\.)+[^\W\d_]?$")


@lru_cache(maxsize=1)
def load_abbreviations() -> frozenset[str]:
    """Return the shipped abbreviation list (lower case, without final stops).

    Returns
    -------
    frozenset of str
        Words after which a full stop does not end a sentence.

    Examples
    --------
    >>> from framing.segmentation import load_abbreviations
    >>> {"mr", "dr", "jan"} <= load_abbreviations()
    True
    """
    text = (resources.files("framing") / "data" / "abbreviations.txt").read_text("utf-8")
    words = set()
    for line in text.splitlines():
        word = line.split("#", 1)[0].strip().lower()
        if word:
            words.add(word.rstrip("."))
    return frozenset(words)


def split_lines(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of every non-blank line, trimmed of whitespace.

    Whitespace includes non-breaking spaces, so a line holding only ``\\xa0`` is
    blank.

    Examples
    --------
    >>> split_lines("Title\\n\\n  Body text. \\n\\xa0\\n")
    [(0, 5), (9, 19)]
    """
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


def _is_abbreviation(text: str, line_start: int, dot: int, abbreviations: frozenset[str]) -> bool:
    """Whether the full stop at ``text[dot]`` ends an abbreviation."""
    m = _WORD_BEFORE_RE.search(text, line_start, dot)
    if m is None:
        return False
    word = m.group(1)
    # Keep only the last dotted or plain word ("U.S" from "the U.S").
    lowered = word.lower()
    if lowered in abbreviations:
        return True
    if len(word) == 1 and word.isupper():  # an initial: "J. Smith"
        return True
    return bool(_DOTTED_ACRONYM_RE.match(word + "."))


def _split_line_rules(
    text: str, start: int, end: int, abbreviations: frozenset[str]
) -> Iterator[tuple[int, int]]:
    sent_start = start
    for m in _BOUNDARY_RE.finditer(text, start, end):
        nxt = m.end("gap")
        while nxt < end and text[nxt] in _OPENERS:
            nxt += 1
        if nxt < end and text[nxt].islower():
            continue  # "Own. corr." - a lower-case word does not start a sentence
        if text[m.end("gap")] in "([" and _TRAILING_TAG_RE.fullmatch(text, m.end("gap"), end):
            continue  # "Should he resign? [POLL]" - a trailing tag belongs to its line
        ender = m.group("end")
        if ender[0] == "." and len(ender.rstrip(_CLOSERS)) == 1:
            if _is_abbreviation(text, sent_start, m.start("end"), abbreviations):
                continue
        sent_end = m.end("end")
        if sent_end > sent_start:
            yield sent_start, sent_end
        sent_start = m.end("gap")
    if end > sent_start:
        yield sent_start, end


@lru_cache(maxsize=1)
def _punkt() -> PunktSentenceTokenizer:
    params = PunktParameters()
    abbrevs = set(load_abbreviations())
    # Punkt stores dotted abbreviations without their last stop ("u.s").
    abbrevs |= {"u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m"}
    params.abbrev_types = abbrevs
    return PunktSentenceTokenizer(params)


def split_sentences(
    text: str, *, splitter: SentenceSplitter = "rules"
) -> list[tuple[int, int]]:
    """Split ``text`` into sentences, returning ``(start, end)`` offsets.

    Parameters
    ----------
    text : str
        The original document text.
    splitter : {"rules", "punkt"}, default "rules"
        Sentence splitter used within each line (see the module docstring).

    Returns
    -------
    list of (int, int)
        Sentence spans in text order, trimmed of surrounding whitespace; no span
        crosses a line break.

    Examples
    --------
    >>> text = "Mr Blinken spoke to the U.S. press. He was clear.\\nREAD MORE: Next"
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['Mr Blinken spoke to the U.S. press.', 'He was clear.', 'READ MORE: Next']
    """
    if splitter not in ("rules", "punkt"):
        raise ValueError(f"splitter must be 'rules' or 'punkt', got {splitter!r}")
    spans: list[tuple[int, int]] = []
    if splitter == "punkt":
        tokenizer = _punkt()
        for start, end in split_lines(text):
            spans.extend(
                (start + a, start + b) for a, b in tokenizer.span_tokenize(text[start:end])
            )
        return spans
    abbreviations = load_abbreviations()
    for start, end in split_lines(text):
        spans.extend(_split_line_rules(text, start, end, abbreviations))
    return spans


def token_spans(text: str, start: int = 0, end: int | None = None) -> np.ndarray:
    """Return the word tokens of ``text[start:end]`` as an ``(n, 2)`` offset array.

    Examples
    --------
    >>> text = "Anti-government protests: 100,000 people."
    >>> [text[s:e] for s, e in token_spans(text)]
    ['Anti-government', 'protests', '100,000', 'people']
    """
    stop = len(text) if end is None else end
    flat = np.fromiter((v for m in _TOKEN_RE.finditer(text, start, stop) for v in m.span()),
                       dtype=np.int64)
    return flat.reshape(-1, 2)


def count_tokens(text: str, sentences: Sequence[tuple[int, int]] | np.ndarray) -> np.ndarray:
    """Number of word tokens in each sentence (without building token offsets).

    This is the fast path of the scoring pipeline, which needs only the
    denominators; it agrees with ``segment(text).tokens_per_sentence()``.

    Examples
    --------
    >>> count_tokens("Protests spread. Police fired on crowds.", [(0, 16), (17, 40)]).tolist()
    [2, 4]
    """
    findall = _TOKEN_RE.findall
    return np.fromiter((len(findall(text, s, e)) for s, e in sentences), dtype=np.int64,
                       count=len(sentences))


def sentence_index(sentences: np.ndarray, offsets: np.ndarray | Sequence[int]) -> np.ndarray:
    """Index of the sentence containing each character offset (-1 if none).

    Parameters
    ----------
    sentences : ndarray of shape (n, 2)
        Sorted, non-overlapping ``(start, end)`` spans.
    offsets : array-like of int
    """
    offsets = np.asarray(offsets, dtype=np.int64)
    if len(sentences) == 0:
        return np.full(offsets.shape, -1, dtype=np.int64)
    idx = np.searchsorted(sentences[:, 0], offsets, side="right") - 1
    inside = (idx >= 0) & (offsets < sentences[np.clip(idx, 0, None), 1])
    return np.where(inside, idx, -1)


def word_tokens(text: str) -> list[str]:
    """Lower-cased word tokens of ``text`` (no ASCII folding; Cyrillic works).

    This is the tokenizer used for TF-IDF features and keyness.

    Examples
    --------
    >>> word_tokens("Путин ДЕЙСТВУЕТ, the U.S. acts")
    ['путин', 'действует', 'the', 'u.s.', 'acts']
    """
    return [t.lower() for t in _TOKEN_RE.findall(text)]


def sentence_tokens(
    text: str,
    sentences: Sequence[tuple[int, int]] | None = None,
) -> list[list[str]]:
    """Lower-cased word tokens per sentence, so n-grams never cross a sentence end."""
    if sentences is None:
        sentences = split_sentences(text)
    return [[t.lower() for t in _TOKEN_RE.findall(text, s, e)] for s, e in sentences]


@dataclass(frozen=True)
class Segmentation:
    """Sentences and tokens of one document.

    Attributes
    ----------
    sentences : ndarray of shape (n_sentences, 2)
        ``(start, end)`` of each sentence.
    tokens : ndarray of shape (n_tokens, 2)
        ``(start, end)`` of each word token.
    token_sentence : ndarray of shape (n_tokens,)
        Index of the sentence each token lies in (-1 if none, e.g. a token in
        whitespace-only material between sentences, which cannot happen with the
        shipped token pattern but is checked, not assumed).
    """

    sentences: np.ndarray
    tokens: np.ndarray
    token_sentence: np.ndarray

    @property
    def n_sentences(self) -> int:
        return int(self.sentences.shape[0])

    @property
    def n_tokens(self) -> int:
        return int(self.tokens.shape[0])

    def tokens_per_sentence(self) -> np.ndarray:
        """Number of tokens in each sentence."""
        valid = self.token_sentence[self.token_sentence >= 0]
        return np.bincount(valid, minlength=self.n_sentences)

    def sentence_of(self, offsets: np.ndarray) -> np.ndarray:
        """Index of the sentence containing each character offset (-1 if none)."""
        return sentence_index(self.sentences, offsets)


def segment(text: str, *, splitter: SentenceSplitter = "rules") -> Segmentation:
    """Segment a document into sentences and word tokens.

    Parameters
    ----------
    text : str
        The original document text.
    splitter : {"rules", "punkt"}, default "rules"
        Sentence splitter (see :func:`split_sentences`).

    Returns
    -------
    Segmentation

    Examples
    --------
    >>> seg = segment("Protests spread. Police fired.")
    >>> seg.n_sentences, seg.n_tokens, seg.tokens_per_sentence().tolist()
    (2, 4, [2, 2])
    """
    sentences = split_sentences(text, splitter=splitter)
    sent_arr = (
        np.asarray(sentences, dtype=np.int64) if sentences else np.empty((0, 2), dtype=np.int64)
    )
    tokens = token_spans(text)
    seg = Segmentation(sent_arr, tokens, np.empty(0, dtype=np.int64))
    token_sentence = seg.sentence_of(tokens[:, 0]) if tokens.size else np.empty(0, np.int64)
    return Segmentation(sent_arr, tokens, token_sentence)

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
    one compiled regular expression over the text (its matches never cross a
    line break) plus an abbreviation check at each candidate end; more than an
    order of magnitude faster than Punkt and deterministic.
``"punkt"``
    NLTK's :class:`~nltk.tokenize.punkt.PunktSentenceTokenizer` built from
    :class:`~nltk.tokenize.punkt.PunktParameters` holding the same abbreviations
    (no downloaded model is needed).

Tokens are word tokens (letters, digits, hyphen- or apostrophe-joined compounds
such as ``anti-government`` and ``country's``; numbers such as ``100,000``) found
with NLTK's :class:`~nltk.tokenize.RegexpTokenizer`. Punctuation is not a token,
so token counts are the denominators of per-1,000-word rates;
:func:`count_tokens` gets them from character-class tables without running the
pattern, with the same result.

Every offset is a Python ``str`` index into the original, unmodified text:
``text[start:end]`` is the sentence or token.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import chain, repeat
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

if TYPE_CHECKING:  # NLTK costs ~0.4 s to import; only Punkt and TOKENIZER need it
    from nltk.tokenize import RegexpTokenizer
    from nltk.tokenize.punkt import PunktSentenceTokenizer

__all__ = [
    "TOKENIZER",  # noqa: F822 - built on first access by __getattr__
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

# ``TOKENIZER``, the tokenizer as an NLTK ``RegexpTokenizer`` for use with NLTK's
# tools, is built on first access (module ``__getattr__`` below), so that scoring
# does not import NLTK. The per-document hot path uses the same pattern directly:
# NLTK's ``span_tokenize`` generator costs a third of the throughput.
_TOKEN_RE = re.compile(TOKEN_PATTERN)


@lru_cache(maxsize=1)
def _nltk_tokenizer() -> RegexpTokenizer:
    from nltk.tokenize import RegexpTokenizer

    return RegexpTokenizer(TOKEN_PATTERN)


def __getattr__(name: str) -> Any:
    if name == "TOKENIZER":
        return _nltk_tokenizer()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

# A candidate sentence end: terminal punctuation, optional closing quotes and
# brackets, whitespace, then a letter or digit (after optional opening quotes or
# brackets). Candidates followed by a lower-case letter are rejected in code,
# because ``re`` has no upper-case class for all scripts.
_TERMINALS = ".!?\u2026"
_CLOSERS = "\"'\u201d\u2019\u00bb)\\]"
_OPENERS = "\"'\u201c\u2018\u00ab(\\["
_TRAILING_TAG_RE = re.compile(r"[(\[][^()\[\]]{1,24}[)\]]")
_DOTTED_ACRONYM_RE = re.compile(r"^(?:[^\W\d_]\.)+[^\W\d_]?$")

# A trimmed non-blank line: from its first to its last non-space character.
# ``\S`` is ``not str.isspace()``, and ``[^\n]*`` cannot leave the line.
_LINE_RE = re.compile(r"\S(?:[^\n]*\S)?")


def _candidate_re(terminal: str) -> re.Pattern[str]:
    # The line splitter's boundary pattern, run over the whole text at once:
    # ``(?P<end>[.!?\u2026]+[closers]*)(?P<gap>\s+)(?=[openers]*[^\W_])`` per line.
    # - The gap may not hold a line break; the lookahead's characters are not
    #   white space, so a match can neither cross nor touch a line break, and the
    #   whole-text matches are exactly the per-line matches.
    # - Terminals, closers, white space and openers/alnum are disjoint classes, so
    #   the match from any character of a run of terminals is the same maximal
    #   run + closers + gap, and it fails or succeeds for the whole run alike.
    #   Starting the pattern with one literal terminal lets ``re`` use its fast
    #   literal-prefix scan (a leading character class scans ~10x slower); every
    #   run is found once per distinct terminal it holds (duplicates are
    #   dropped), and only a lone full stop needs to know where its run starts,
    #   which the character before it tells.
    # - ``(?![a-z])`` rejects an ASCII lower-case next word already in ``re``
    #   (what the per-line code rejected with ``str.islower``); ``[O]*`` cannot
    #   backtrack into a false match because openers are not alphanumeric.
    return re.compile(
        rf"{re.escape(terminal)}(?P<run>[.!?\u2026]*)[{_CLOSERS}]*(?P<gap>[^\S\n]+)"
        rf"(?=[{_OPENERS}]*(?![a-z])(?P<next>[^\W_]))"
    )


_CANDIDATE_RES = tuple((t, _candidate_re(t)) for t in _TERMINALS)
# On the reversed text before a full stop: the run of ``[\w.-]`` characters, with
# group 1 up to its last letter (the first letter of the word read forwards).
_REV_WORD_RE = re.compile(r"([\w.\-]*[^\W\d_])?[\w.\-]*")
_SPAN = re.Match.span


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
    return list(map(_SPAN, _LINE_RE.finditer(text)))


def _is_abbreviation(text: str, dot: int, abbreviations: frozenset[str]) -> bool:
    r"""Whether the full stop at ``text[dot]`` ends an abbreviation.

    The word before the stop is what ``([^\W\d_][\w.\-]*)$`` finds in
    ``text[sentence_start:dot]``: the maximal run of ``[\w.-]`` characters that
    ends at ``dot``, from its first letter. Every sentence start is preceded by
    white space (or is 0), which is not in the run, so the run never reaches
    back past the sentence start and the start need not be known. The run is
    read on the reversed text before ``dot``, in windows that grow until the
    run ends inside one.
    """
    span = 16
    while True:
        lo = dot - span if dot > span else 0
        window = text[lo:dot][::-1]
        m = _REV_WORD_RE.match(window)
        if m.end() < len(window) or lo == 0:  # type: ignore[union-attr]
            break
        span *= 8
    word = m.group(1)  # type: ignore[union-attr]
    if word is None:  # no letter in the run
        return False
    word = word[::-1]
    # ``_DOTTED_ACRONYM_RE`` matches ``word + "."`` for every one-letter word (so
    # the rule for initials is implied) and never for a longer word without a dot.
    return (len(word) == 1 or word.lower() in abbreviations
            or ("." in word and _DOTTED_ACRONYM_RE.match(word + ".") is not None))


def _sentence_cuts(text: str, abbreviations: frozenset[str]) -> list[int]:
    """Flat ``[end, next_start, ...]`` of the sentence ends within lines.

    Each accepted candidate (see :func:`_candidate_re`) contributes the end of
    its terminal run with closers and the end of its gap. Whether a candidate is
    accepted depends on the candidate alone (its next character, its line's end
    for a trailing tag, the word before its full stop), not on earlier
    candidates, so candidates can be examined in any order.
    """
    cuts: list[int] = []
    present = [(t, pattern) for t, pattern in _CANDIDATE_RES if t == "." or t in text]
    seen: set[int] | None = set() if len(present) > 1 else None
    for terminal, pattern in present:
        lone_stop = terminal == "."
        for m in pattern.finditer(text):
            gap_end = m.end()  # the lookahead is empty
            if seen is not None:
                if gap_end in seen:
                    continue  # the same run, found from another terminal in it
                seen.add(gap_end)
            if text[m.start(3)].islower():  # group 3: the next word's first character
                continue  # "Own. corr." - a lower-case word does not start a sentence
            if text[gap_end] in "([" and _is_trailing_tag(text, gap_end):
                continue  # "Should he resign? [POLL]" - a trailing tag belongs to its line
            dot = m.start()
            # A lone full stop (one "." and closers, group 1 empty) may end an abbreviation.
            if (lone_stop and m.end(1) == dot + 1
                    and (dot == 0 or text[dot - 1] not in _TERMINALS)
                    and _is_abbreviation(text, dot, abbreviations)):
                continue
            cuts.append(m.start(2))  # group 2: the gap
            cuts.append(gap_end)
    return cuts


def _is_trailing_tag(text: str, start: int) -> bool:
    """Whether ``text[start:]`` up to the end of its line is a tag such as ``[POLL]``."""
    nl = text.find("\n", start)
    end = len(text) if nl == -1 else nl
    while end > start and text[end - 1].isspace():
        end -= 1
    return _TRAILING_TAG_RE.fullmatch(text, start, end) is not None


@lru_cache(maxsize=1)
def _punkt() -> PunktSentenceTokenizer:
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

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
    # Sentences are the trimmed lines cut at the accepted candidates. All the
    # offsets are distinct (a cut lies strictly inside its line, the lines are
    # apart), so sorting the flat list interleaves them into (start, end) pairs.
    flat = list(chain.from_iterable(map(_SPAN, _LINE_RE.finditer(text))))
    cuts = _sentence_cuts(text, load_abbreviations())
    if cuts:
        flat += cuts
        flat.sort()
    pairs = iter(flat)
    return list(zip(pairs, pairs, strict=False))


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


# Token counting without the token pattern. Scanning ``TOKEN_PATTERN`` left to
# right, every alphanumeric character lies in exactly one token, and a token is
# either a dotted acronym or a maximal chain of alphanumeric runs linked by
# "joins": one character of ``[-\u2010\u2011'\u2019]`` between two alphanumerics,
# or ``[.,]`` between two digits (the second alternative of the pattern extends
# a run through exactly these; its greedy runs never give characters back
# because every continuation is optional). The pattern tries the acronym first,
# where a chain would start; an acronym ``(?:[^\W\d_]\.){2,}(?![^\W_])`` holds
# k one-letter runs (a letter's ``.`` is no join), so it is one token, not k.
# Hence a token starts at every run start that is not preceded by a join,
# except the 2nd..kth letters of an acronym. Whether a run start is joined
# depends on the character classes of it and the two characters before it, so
# it is one table look-up of a three-character key; acronyms are rare and are
# found with ``re`` from a literal ``.``.
_OTHER, _LETTER, _DIGIT, _JOINER, _NUMSEP = range(5)
# The key of a letter after a letter and ``.``/``,``: every acronym holds one.
_ACRONYM_KEY = 25 * _LETTER + 5 * _NUMSEP + _LETTER
# Code points are classified in chunks, which bounds the temporary index array
# (``np.take`` widens indices to 8 bytes) for very long texts.
_CHUNK = 1 << 20
_ACRONYM_HINT_RE = re.compile(r"\.(?=[^\W\d_]\.)")
_ACRONYM_RE = re.compile(r"(?:[^\W\d_]\.){2,}(?![^\W_])")


# Code points below this (ASCII and UTF-16 texts without astral characters, nearly
# every document) are classified with a 64 KiB table that takes milliseconds to
# build; only texts with astral characters need the table of all code points,
# whose build (~0.1 s) would otherwise be paid by every scoring run.
_BMP = 0x10000


@lru_cache(maxsize=2)
def _char_codes(size: int = sys.maxunicode + 1) -> np.ndarray:
    r"""Class code (``_OTHER`` ... ``_NUMSEP``) of the code points below ``size``, from ``re``.

    Built by running the character classes of ``TOKEN_PATTERN`` over a string
    of those code points (lone surrogates included), so the table agrees with
    ``re`` by construction; ``str.isalnum`` and friends differ in corners.
    ``_LETTER`` is ``[^\W_]`` minus ``\d``, which is ``[^\W\d_]``. Each class is
    of single characters, so a table for fewer code points is a prefix of the
    full one.
    """
    everything = np.arange(size, dtype=np.uint32).tobytes().decode(
        "utf-32-le", "surrogatepass")
    table = np.zeros(size, dtype=np.uint8)
    for code, cls in ((_LETTER, r"[^\W_]"), (_DIGIT, r"\d"),
                      (_JOINER, r"[-\u2010\u2011'\u2019]"), (_NUMSEP, r"[.,]")):
        for m in re.finditer(cls + "+", everything):
            table[m.start():m.end()] = code
    table.setflags(write=False)
    return table


def _key_table(value: Callable[[int, int, int], bool]) -> bytes:
    """A ``bytes.translate`` table over keys ``25 * code[i-2] + 5 * code[i-1] + code[i]``."""
    return bytes(int(value(key // 25, key // 5 % 5, key % 5)) if key < 125 else 0
                 for key in range(256))


def _starts_token(before2: int, before: int, code: int) -> bool:
    alnum = (_LETTER, _DIGIT)
    return (code in alnum and before not in alnum
            and not (before == _JOINER and before2 in alnum)
            and not (before == _NUMSEP and before2 == _DIGIT and code == _DIGIT))


# 1 where a token starts (before acronyms are merged).
_START_TABLE = _key_table(_starts_token)
# Keys where a span boundary before ``text[i]`` could cut a token: both
# neighbours can belong to tokens.
_STRADDLE_KEYS = frozenset(key for key in range(125) if key // 5 % 5 and key % 5)


def _code_points(text: str) -> np.ndarray:
    """The code points of ``text`` as an unsigned integer array (one per ``str`` index)."""
    if text.isascii():
        return np.frombuffer(text.encode("ascii"), dtype=np.uint8)
    data = text.encode("utf-16-le", "surrogatepass")
    if len(data) == 2 * len(text):  # no astral characters: code units are code points
        return np.frombuffer(data, dtype=np.uint16)
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _token_marks(text: str) -> tuple[bytes, bytes]:
    """Token starts and character-class keys of ``text``.

    Returns
    -------
    starts : bytes of length ``len(text) + 1``
        ``starts[i] == 1`` where ``_TOKEN_RE.finditer(text)`` starts a token,
        else 0 (the last byte is 0).
    keys : bytes of length ``len(text) + 1``
        ``keys[b]`` codes the classes of ``text[b - 2:b + 1]``; a span boundary
        ``b`` is safe unless ``keys[b] in _STRADDLE_KEYS`` (``b`` is 0 or
        ``len(text)``, or a character next to it cannot be part of a token).
    """
    n = len(text)
    codes = np.zeros(n + 3, dtype=np.uint8)  # two "no character" codes before, one after
    points = _code_points(text)
    # uint8/uint16 code points are all below _BMP; only uint32 ones need the full table.
    table = _char_codes() if points.dtype == np.uint32 else _char_codes(_BMP)
    for i in range(0, n, _CHUNK):
        chunk = points[i:i + _CHUNK]
        np.take(table, chunk, out=codes[i + 2:i + 2 + len(chunk)], mode="clip")
    # 25*a + 5*b + c as (5*a + b)*5 + c: one temporary array instead of three
    # (every key is below 125, so no step overflows uint8).
    key = codes[:n + 1] * np.uint8(5)
    key += codes[1:n + 2]
    key *= np.uint8(5)
    key += codes[2:]
    key_bytes = key.tobytes()
    starts = key_bytes.translate(_START_TABLE)
    hint = _ACRONYM_HINT_RE.search(text) if _ACRONYM_KEY in key_bytes else None
    if hint is not None:
        merged = bytearray(starts)
        last = 0
        for m in _ACRONYM_HINT_RE.finditer(text, hint.start()):
            first = m.start() - 1  # the letter before ".X."
            if first < last or first < 0 or not merged[first]:
                continue  # inside an acronym already merged, or no token starts there
            acronym = _ACRONYM_RE.match(text, first)
            if acronym is not None:
                last = acronym.end()
                merged[first + 2:last:2] = bytes((last - first) // 2 - 1)
        starts = bytes(merged)
    return starts, key_bytes


def _token_starts(text: str) -> np.ndarray:
    """Boolean mask of the offsets where ``_TOKEN_RE.finditer(text)`` starts a token.

    Examples
    --------
    >>> np.flatnonzero(_token_starts("the U.S.-backed 1,000-strong force")).tolist()
    [0, 4, 9, 16, 29]
    """
    starts, _ = _token_marks(text)
    return np.frombuffer(starts, dtype=np.bool_)[:len(text)]


def count_tokens(text: str, sentences: Sequence[tuple[int, int]] | np.ndarray) -> np.ndarray:
    """Number of word tokens in each sentence (without building token offsets).

    This is the fast path of the scoring pipeline, which needs only the
    denominators; it agrees with ``segment(text).tokens_per_sentence()`` and,
    for any spans, with the number of tokens ``TOKEN_PATTERN`` finds in
    ``text[start:end]`` (``findall(text, start, end)``).

    Examples
    --------
    >>> count_tokens("Protests spread. Police fired on crowds.", [(0, 16), (17, 40)]).tolist()
    [2, 4]
    """
    n_spans = len(sentences)
    if n_spans == 0:
        return np.zeros(0, dtype=np.int64)
    counts = None
    if isinstance(text, str):
        # Odd spans fall through: the pattern raises (or not) as it always did.
        with suppress(TypeError, ValueError, IndexError):
            counts = _count_clean_spans(text, sentences)
    if counts is None:
        findall = _TOKEN_RE.findall
        return np.fromiter((len(findall(text, s, e)) for s, e in sentences), dtype=np.int64,
                           count=n_spans)
    return counts


def _count_clean_spans(
    text: str, sentences: Sequence[tuple[int, int]] | np.ndarray
) -> np.ndarray | None:
    """Token counts from the start marks, or None if a span is out of range."""
    starts_list: list[int] = []
    ends_list: list[int] = []
    rows = sentences.tolist() if isinstance(sentences, np.ndarray) else sentences
    for s, e in rows:
        starts_list.append(s)
        ends_list.append(e)
    n = len(text)
    # ``findall`` clamps offsets to [0, len(text)] while ``bytes.count`` counts
    # negative ones from the end; rare spans outside the text take the slow path.
    if (min(starts_list) < 0 or min(ends_list) < 0
            or max(starts_list) > n or max(ends_list) > n):
        return None
    starts, keys = _token_marks(text)
    counts = np.fromiter(map(starts.count, repeat(1), starts_list, ends_list), dtype=np.int64,
                         count=len(starts_list))
    # ``findall(text, s, e)`` finds the whole-text tokens that start in [s, e)
    # when both boundaries are safe: if ``text[b - 1]`` or ``text[b]`` cannot be
    # part of a token (or b is an end of the text), no token holds both, so
    # the whole-text scan passes b just as a scan started at b (``pos``; the
    # only lookbehind looks inside its token), and cutting the text at b
    # (``endpos``) changes no decision of a token ending at or before b: its
    # continuations and ``(?![^\W_])`` see no token character at b either way.
    # Spans from ``split_sentences`` have white space or a text end at both
    # sides; other spans with an unsafe boundary are counted with the pattern.
    # One C-level gather of the boundary keys (there are at least two indices,
    # so ``itemgetter`` returns a tuple).
    if not _STRADDLE_KEYS.isdisjoint(itemgetter(*starts_list, *ends_list)(keys)):
        findall = _TOKEN_RE.findall
        for i, (s, e) in enumerate(zip(starts_list, ends_list, strict=True)):
            if keys[s] in _STRADDLE_KEYS or keys[e] in _STRADDLE_KEYS:
                counts[i] = len(findall(text, s, e))
    return counts


# Below these sizes a Python binary search on lists beats ``np.searchsorted``:
# for the few dozen matches of a document, the fixed cost of the numpy
# formulation's ten array operations dominates (~16 us against ~8 us).
_BISECT_MAX_OFFSETS = 256
_BISECT_MAX_SENTENCES = 4096


def sentence_index(sentences: np.ndarray, offsets: np.ndarray | Sequence[int]) -> np.ndarray:
    """Index of the sentence containing each character offset (-1 if none).

    Parameters
    ----------
    sentences : ndarray of shape (n, 2)
        Sorted, non-overlapping ``(start, end)`` spans.
    offsets : array-like of int

    Returns
    -------
    ndarray of int64, of the shape of ``offsets``
        ``i`` with ``sentences[i, 0] <= offset < sentences[i, 1]`` for the last
        ``i`` whose start is not after the offset, else -1.

    Examples
    --------
    >>> sentence_index(np.array([[0, 5], [7, 9]]), [0, 5, 6, 8, 20]).tolist()
    [0, -1, -1, 1, -1]
    """
    offsets = np.asarray(offsets, dtype=np.int64)
    n_sentences = len(sentences)
    if n_sentences == 0:
        return np.full(offsets.shape, -1, dtype=np.int64)
    if (n_sentences <= _BISECT_MAX_SENTENCES and offsets.ndim == 1
            and len(offsets) <= _BISECT_MAX_OFFSETS and type(sentences) is np.ndarray
            and sentences.dtype in _EXACT_DTYPES and sentences.shape[1:] == (2,)):
        found = _bisect_index(sentences, offsets)
        if found is not None:
            return found
    idx = np.searchsorted(sentences[:, 0], offsets, side="right") - 1
    inside = (idx >= 0) & (offsets < sentences[np.clip(idx, 0, None), 1])
    return np.where(inside, idx, -1)


# Signed integers compare with the int64 offsets exactly in numpy and in Python.
_EXACT_DTYPES = frozenset(np.dtype(t) for t in (np.int8, np.int16, np.int32, np.int64))


def _bisect_index(sentences: np.ndarray, offsets: np.ndarray) -> np.ndarray | None:
    """:func:`sentence_index` by ``bisect`` on lists, or None if the starts are unsorted.

    On a non-decreasing array, ``searchsorted(side="right")`` and ``bisect_right``
    both return the one insertion point after every start ``<= offset``, and
    comparisons of signed integers are exact in both. Unsorted starts (outside
    the contract, where the two searches may differ) are left to numpy.
    """
    flat = sentences.ravel().tolist()
    starts = flat[0::2]
    if starts != sorted(starts):
        return None
    ends = flat[1::2]
    return np.array([i if (i := bisect_right(starts, offset) - 1) >= 0 and offset < ends[i]
                     else -1 for offset in offsets.tolist()], dtype=np.int64)


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

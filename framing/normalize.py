"""Normalise text for lexicon matching, keeping a map back to the original.

Matching runs on a *normalised* copy of each document; evidence (match
offsets) is always reported in the *original* text, which is never changed.
:func:`normalize` returns both the normalised string and an integer array
that maps every normalised character back to the original character that
produced it.

The normalisation (documented as rules N1-N6 in ``lexicons/README.md``):

N1. Case folding with :meth:`str.casefold` (``"Straße"`` -> ``"strasse"``).
N2. Accents removed: after casefolding, each character is decomposed (NFD)
    and marks from the Combining Diacritical Marks block (U+0300-U+036F) are
    dropped, so ``"état"`` -> ``"etat"`` and ``"İstanbul"`` -> ``"istanbul"``
    (nine characters, not the ten of ``"İstanbul".lower()``). Marks of other
    scripts (e.g. Devanagari vowel signs) are kept.
N3. Curly and other typographic quotes and apostrophes -> ``'`` or ``"``.
N4. Every hyphen and dash (U+2010-U+2015, U+2212 minus, U+FE58, U+FE63,
    U+FF0D) -> ``-``.
N5. Non-breaking and all other Unicode spaces -> ``" "``; U+0085 and U+2028
    (line separators) -> ``"\\n"``; U+2029 (paragraph separator) -> ``"\\n\\n"``.
N6. Invisible format characters are removed: soft hyphen U+00AD, zero-width
    space/joiners U+200B-U+200D, word joiner U+2060, BOM U+FEFF.

Characters whose replacement has a different length (``ß``, ``ﬁ``, a soft
hyphen, a decomposed accent) are handled exactly by the offset map.

The common path is vectorised: pure-ASCII text needs only
:meth:`str.lower`; the most frequent typographic characters are replaced
with :meth:`str.replace`, and so are the rest when they are few distinct
characters that keep their length; otherwise only the runs of non-ASCII
characters go through a (cached) per-character table, and the offset array
is built with :func:`numpy.repeat` only when some replacement changed the
length.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

__all__ = ["NormalizedText", "normalize"]

# --------------------------------------------------------------------------
# private helpers
# --------------------------------------------------------------------------

_QUOTES = {
    # single quotes / apostrophes
    "\u2018": "'",  # left single quotation mark
    "\u2019": "'",  # right single quotation mark
    "\u201a": "'",  # single low-9 quotation mark
    "\u201b": "'",  # single high-reversed-9 quotation mark
    "\u2032": "'",  # prime
    "\u02bc": "'",  # modifier letter apostrophe
    "\u02bb": "'",  # modifier letter turned comma (Kazakh/Uzbek Latin)
    "\uff07": "'",  # fullwidth apostrophe
    "\u00b4": "'",  # acute accent used as apostrophe
    # double quotes
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u00ab": '"',  # guillemets
    "\u00bb": '"',
    "\uff02": '"',
}
_DASHES = dict.fromkeys(
    "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d\u2e3a\u2e3b", "-"
)
_LINE_BREAKS = {"\u0085": "\n", "\u2028": "\n", "\u2029": "\n\n"}
_DELETED = dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff", "")
# Unicode space separators (category Zs) other than the ASCII space.
_SPACES = {
    chr(cp): " "
    for cp in range(0x80, 0x3001)
    if unicodedata.category(chr(cp)) == "Zs"
}

_SPECIAL: dict[str, str] = {**_QUOTES, **_DASHES, **_LINE_BREAKS, **_DELETED, **_SPACES}

# one-for-one replacements done first with str.replace (see normalize)
_COMMON = tuple(
    (c, _SPECIAL[c]) for c in "\u2019\u201c\u201d\u2018\u2014\u2013\u00a0"
)

_MARKS = re.compile("[\u0300-\u036f]+")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")

# cache: original non-ASCII character -> its normalised replacement
_CHAR_CACHE: dict[str, str] = {}


def _replace_char(ch: str) -> str:
    """Return the normalised replacement of one non-ASCII character."""
    try:
        return _CHAR_CACHE[ch]
    except KeyError:
        pass
    special = _SPECIAL.get(ch)
    if special is not None:
        out = special
    else:
        out = ch.casefold()
        decomposed = unicodedata.normalize("NFD", out)
        if _MARKS.search(decomposed):
            # recompose what is left so that other scripts' marks and
            # Hangul syllables keep their composed (single-character) form
            out = unicodedata.normalize("NFC", _MARKS.sub("", decomposed))
        # casefold output is lower case except a few scripts (Cherokee folds
        # to upper case); ``lower`` keeps the length for these, so it is safe.
        out = out.lower()
    _CHAR_CACHE[ch] = out
    return out


# cache: whole non-ASCII run -> (replacement, every character kept its length)
_RUN_CACHE: dict[str, tuple[str, bool]] = {}
_RUN_CACHE_MAX = 100_000


def _replace_run(run: str) -> tuple[str, bool]:
    cached = _RUN_CACHE.get(run)
    if cached is None:
        parts = [_replace_char(c) for c in run]
        cached = ("".join(parts), all(len(p) == 1 for p in parts))
        if len(_RUN_CACHE) < _RUN_CACHE_MAX:
            _RUN_CACHE[run] = cached
    return cached


# ASCII control characters that stand in for non-ASCII replacements while
# ``str.lower`` runs (see _replace_few); never letters, so lower() keeps them.
_PLACEHOLDERS = [chr(c) for c in (*range(0, 9), *range(14, 28), 127)]
_ASCII_BYTES = bytes(range(128))
_FEW = 8


def _replace_few(norm: str) -> str | None:
    """Replace the (few) non-ASCII characters of ``norm`` and lower-case it.

    Same result as ``_NON_ASCII_RUN.sub`` with the per-character table, the
    backtick rule and ``lower()``, when every replacement is one character
    long and is its own lower case; otherwise (or with more than a few
    distinct characters) None, and the caller takes the general path.

    Each distinct character is replaced with ``str.replace`` (a C scan).
    ``str.lower`` is per character (its one context rule, for capital sigma,
    cannot apply: the table folds sigma first), so replacing before or after
    lowering gives the same string; replacements that are not ASCII are put
    back only *after* lowering, through ASCII placeholders absent from the
    text, so that lower() runs on an ASCII string, which it does much faster.
    """
    try:
        rare = set(norm.encode("latin-1").translate(None, _ASCII_BYTES).decode("latin-1"))
    except UnicodeEncodeError:
        rare = set("".join(_NON_ASCII_RUN.findall(norm)))
    if len(rare) > _FEW:
        return None
    later: dict[str, list[str]] = {}
    for ch in rare:
        out = _replace_char(ch)
        if len(out) != 1 or out.lower() != out:
            return None
        if out.isascii():
            norm = norm.replace(ch, out)
        else:
            later.setdefault(out, []).append(ch)
    back: list[tuple[str, str]] = []
    if later:
        free = [p for p in _PLACEHOLDERS if p not in norm]
        if len(free) < len(later):
            return None
        for (out, chars), placeholder in zip(later.items(), free[: len(later)], strict=True):
            for ch in chars:
                norm = norm.replace(ch, placeholder)
            back.append((placeholder, out))
    if "`" in norm:
        norm = norm.replace("`", "'")
    norm = norm.lower()
    for placeholder, out in back:
        norm = norm.replace(placeholder, out)
    return norm


# --------------------------------------------------------------------------
# public API
# --------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class NormalizedText:
    """A normalised string and the map back to the original text.

    Attributes
    ----------
    text : str
        The normalised text (see :func:`normalize` for the rules).
    original_length : int
        Length of the original text, in characters.

    Notes
    -----
    ``offsets`` has ``len(text) + 1`` elements: ``offsets[j]`` is the index in
    the original text of the character that produced normalised character
    ``j``, and ``offsets[-1] == original_length``. It is non-decreasing.
    When normalisation kept every character's length (the common case) the
    array is the identity and is only materialised on first access.
    """

    text: str
    original_length: int
    _offsets: np.ndarray | None = field(default=None, repr=False)

    @property
    def offsets(self) -> np.ndarray:
        """Map from normalised index to original index (``int64``, read-only)."""
        if self._offsets is None:
            arr = np.arange(len(self.text) + 1, dtype=np.int64)
            arr.flags.writeable = False
            return arr
        return self._offsets

    @property
    def is_identity(self) -> bool:
        """True when normalised index ``j`` is original index ``j`` for every ``j``."""
        return self._offsets is None

    def to_original(
        self, starts: Sequence[int] | np.ndarray, ends: Sequence[int] | np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Map half-open normalised spans ``[start, end)`` to original offsets.

        The original span is the smallest one that contains every original
        character that produced a character of the normalised span, extended
        over characters that normalisation deleted right after it (a trailing
        combining accent, soft hyphen or zero-width space), so that the
        original span never cuts a character or an accent in two.

        Parameters
        ----------
        starts, ends : array-like of int
            Normalised span starts and (exclusive) ends, ``0 <= start <= end
            <= len(text)``.

        Returns
        -------
        tuple of numpy.ndarray
            Original starts and ends (``int64``).

        Examples
        --------
        >>> nt = normalize("İstanbul war")
        >>> s, e = nt.to_original([9], [12])
        >>> "İstanbul war"[s[0]:e[0]]
        'war'
        >>> nt = normalize("Straße war")
        >>> nt.text
        'strasse war'
        >>> s, e = nt.to_original([8], [11])
        >>> int(s[0]), int(e[0])
        (7, 10)
        """
        starts = np.asarray(starts, dtype=np.int64)
        ends = np.asarray(ends, dtype=np.int64)
        if starts.shape != ends.shape:
            raise ValueError(
                f"starts and ends must have the same shape, got {starts.shape} and {ends.shape}"
            )
        n = len(self.text)
        if starts.size and (
            starts.min() < 0 or ends.max() > n or bool(np.any(ends < starts))
        ):
            raise ValueError(
                f"spans must satisfy 0 <= start <= end <= {n} (the normalised length)"
            )
        if self._offsets is None:
            return starts.copy(), ends.copy()
        return self._map_spans(starts, ends)

    def _map_spans(self, starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        # unchecked core of to_original, for callers that produce valid spans
        off = self.offsets
        orig_starts = off[starts]
        last = np.maximum(ends - 1, 0)
        orig_ends = np.where(ends > starts, np.maximum(off[last] + 1, off[ends]), orig_starts)
        return orig_starts, orig_ends


def normalize(text: str) -> NormalizedText:
    """Normalise ``text`` for matching and keep the map to original offsets.

    Parameters
    ----------
    text : str
        Original text. It is not modified.

    Returns
    -------
    NormalizedText
        ``.text`` is the normalised string, ``.offsets`` the map back.

    Notes
    -----
    Rules (also in ``lexicons/README.md``): casefold; strip Latin/Greek/
    Cyrillic combining accents after NFD; typographic quotes -> ASCII
    quotes; every hyphen/dash -> ``-``; Unicode spaces -> space, line
    separators -> newline, paragraph separator -> blank line; soft hyphens
    and zero-width characters removed. Newlines and tabs are kept.

    Examples
    --------
    >>> normalize("Coup d’État in İstanbul").text
    "coup d'etat in istanbul"
    >>> nt = normalize("anti\\u2011government\\u00a0protests")
    >>> nt.text
    'anti-government protests'
    >>> nt = normalize("ter\\u00adror")
    >>> nt.text, nt.offsets.tolist()
    ('terror', [0, 1, 2, 4, 5, 6, 7])
    """
    if not isinstance(text, str):
        raise TypeError(f"normalize() expects str, got {type(text).__name__}")
    n = len(text)
    if text.isascii():
        if "`" in text:
            text = text.replace("`", "'")
        return NormalizedText(text.lower(), n)

    # The most frequent non-ASCII characters of news text are replaced one
    # for one with str.replace (fast C scans); often nothing else is left.
    norm = text
    for char, repl in _COMMON:
        norm = norm.replace(char, repl)
    if norm.isascii():
        if "`" in norm:
            norm = norm.replace("`", "'")
        return NormalizedText(norm.lower(), n)
    few = _replace_few(norm)
    if few is not None:
        return NormalizedText(few, n)

    changed: list[tuple[int, str]] = []

    def _sub(m: re.Match[str]) -> str:
        run = m.group()
        out, same_lengths = _replace_run(run)
        if not same_lengths:
            changed.append((m.start(), run))
        return out

    if not norm.isascii():
        norm = _NON_ASCII_RUN.sub(_sub, norm)
    if "`" in norm:
        norm = norm.replace("`", "'")
    norm = norm.lower()
    if not changed:
        return NormalizedText(norm, n)

    # Slow path, only for documents with length-changing characters: the
    # number of normalised characters produced by each original character.
    lengths = np.ones(n, dtype=np.int64)
    for start, run in changed:
        for i, ch in enumerate(run):
            k = len(_replace_char(ch))
            if k != 1:
                lengths[start + i] = k
    offsets = np.empty(len(norm) + 1, dtype=np.int64)
    offsets[:-1] = np.repeat(np.arange(n, dtype=np.int64), lengths)
    offsets[-1] = n
    offsets.flags.writeable = False
    return NormalizedText(norm, n, offsets)

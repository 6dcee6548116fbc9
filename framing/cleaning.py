"""Mark boilerplate in scraped news pages, without changing the text.

A scraped page carries much that is not the article: navigation, comment
prompts, advertisements, teasers of other stories, video placeholders, image
credits, copyright lines, share buttons, standalone dates and counters, and
whole trailing sections ("Leave a Reply", "You May Also Like").  This stage
finds them and reports them as :class:`BoilerplateSpan` objects holding
character offsets into the *original* text, which is never modified; later
stages skip, mask or report them.

Two passes, as for every global statistic in this package:

1. :class:`TemplateModel` (optional) streams once over a corpus of
   ``(publisher, text)`` pairs and learns each publisher's site template: the
   lines that recur in at least ``min_docs`` distinct documents of that
   publisher.  It keeps only 64-bit hashes and document counts.
2. :func:`find_boilerplate` is a pure per-document function.  It applies
   line cues read from a shipped, editable word list
   (``framing/data/boilerplate_cues.txt``, see :func:`load_cues`), a few
   structural rules, and the template model if one is given.

Rules of :func:`find_boilerplate` (in this order; a line keeps the first
reason it gets, except that a trailing section overrides everything after
its start):

- **line cues**: a whole line equal to a cue, or starting / ending with /
  containing it (see the syntax at the top of the cue file);
- **teaser tags**: a line ending in a bracketed upper-case tag, the way
  tabloids label links to other stories ("... [MAP]", "... [POLL]");
- **standalone date stamps** ("Monday, January 10, 2022", "2022-01-08"),
  **counters** ("0 0", "12 comments") and **share-button rows**
  ("Facebook Twitter Email"), built from the cue file's token lists;
- **bylines**: a line that is only "By" and capitalised names;
- **dividers**: a line of three or more symbols and no letter or digit;
- **truncated teasers**: a line that stops mid-sentence with "..." or "…"
  (an excerpt of another story), and the headline-like line just before it;
- **template lines** learned by a :class:`TemplateModel` for the publisher;
- **link labels** such as "Previous Story": the next line is the headline of
  another story;
- **sandwiched labels**: a short line without sentence punctuation whose
  neighbours (previous and next non-blank lines) are both boilerplate;
- **trailing section**: from the first line equal to a trailing-section cue
  ("Leave a Reply", "Post a Comment", "Comments", "You May Also Like", ...)
  that comes after at least ``min_body_lines`` lines of article body, to the
  end of the text.

Spans always cover whole lines (from the first to the last non-space
character of the line); consecutive boilerplate lines with the same reason
are merged into one span.  A cue never fires inside a line: a line longer
than ``max_cue_line_chars`` is only ever marked by the template model or a
trailing section.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.exceptions import NotFittedError

__all__ = [
    "BoilerplateCues",
    "BoilerplateSpan",
    "CueFileError",
    "TemplateModel",
    "boilerplate_mask_for_units",
    "find_boilerplate",
    "load_cues",
    "mask_boilerplate",
]

# --------------------------------------------------------------------------
# errors and results
# --------------------------------------------------------------------------


class CueFileError(ValueError):
    """A boilerplate cue file (or ``extra_cues`` mapping) is malformed."""


@dataclass(frozen=True, slots=True)
class BoilerplateSpan:
    """One run of boilerplate in a text.

    Attributes
    ----------
    start, end : int
        Python string offsets into the original text (``text[start:end]``).
    reason : str
        Short machine-readable label of the rule that fired, e.g.
        ``"comment_prompt"``, ``"navigation"``, ``"teaser"``,
        ``"advertisement"``, ``"credit"``, ``"image_credit"``,
        ``"video_placeholder"``, ``"copyright"``, ``"date_stamp"``,
        ``"counter"``, ``"share_buttons"``, ``"template_line"``,
        ``"divider"``, ``"trailing_section"``, or the name of any section
        a researcher adds to the cue file.

    Examples
    --------
    >>> span = BoilerplateSpan(0, 13, "advertisement")
    >>> "Advertisement\\nText"[span.start:span.end]
    'Advertisement'
    """

    start: int
    end: int
    reason: str


# --------------------------------------------------------------------------
# private helpers: line normalisation
# --------------------------------------------------------------------------

_WS_RE = re.compile(r"\s+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'"})
# Characters stripped from both ends of a normalised line: spaces, bullets,
# sentence and list punctuation, arrows.
_EDGE = " \t:.!?|>\u00bb\u203a<\u00ab\u2039-\u2013\u2014\u2022\u00b7*,;\u2026"
_SECTION_RE = re.compile(r"^\[([a-z][a-z0-9_]*)\]$")
_TOKEN_RE = re.compile(r"[^\W_]+(?:[.,:'][^\W_]+)*")
_NUMBER_RE = re.compile(r"^\d+(?:[.,:]\d+)*(?:k|m|st|nd|rd|th|am|pm|h)?$")
_NUMERIC_DATE_RE = re.compile(r"\b\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b")
_TEASER_TAG_RE = re.compile(r"\[\s*[A-Z][A-Z0-9 &'\u2019-]{0,30}\]\s*$")
_BYLINE_RE = re.compile(
    r"^(?i:by|written\s+by|words\s+by|story\s+by)\s+"
    r"[A-Z][\w'\u2019.-]*(?:(?:\s*[,&|/]\s*|\s+and\s+|\s+)[A-Z][\w'\u2019.-]*){0,7}\s*$"
)
_TRUNCATED_RE = re.compile(r"(?:\w|[,;)])\s?(?:\.\.\.|\u2026)$")
_SENTENCE_END_RE = re.compile(r"[.!?][\"'\u201d\u2019)]*$")
_HEADLINE_BAD_END = tuple(".!,;:\"\u201d\u2019)")

_SPECIAL_EXACT = ("trailing_section", "teaser_intro")
_SPECIAL_TOKENS = ("share_tokens", "counter_tokens", "date_tokens", "date_filler")


def _normalize_line(line: str) -> str:
    """Normalise one line for cue matching (see the cue file header)."""
    s = unicodedata.normalize("NFKC", line).casefold().translate(_APOSTROPHES)
    return _WS_RE.sub(" ", s).strip(_EDGE)


def _normalize_pattern(pattern: str, *, keep_end: bool, keep_start: bool) -> str:
    s = unicodedata.normalize("NFKC", pattern).casefold().translate(_APOSTROPHES)
    s = _WS_RE.sub(" ", s)
    if not keep_start:
        s = s.lstrip(_EDGE)
    if not keep_end:
        s = s.rstrip(_EDGE)
    return s


def _template_key(line: str) -> str:
    """Normalisation for template hashing: as for cues, with digit runs -> 0."""
    return re.sub(r"\d+", "0", _normalize_line(line))


def _hash64(s: str) -> int:
    return int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "little")


# --------------------------------------------------------------------------
# cues
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class BoilerplateCues:
    """Compiled boilerplate cues; build with :func:`load_cues`.

    Attributes
    ----------
    exact : Mapping[str, str]
        Normalised line -> reason.
    prefixes, suffixes, contains : tuple of (str, str)
        ``(pattern, reason)`` pairs, in file order.
    trailing, teaser_intro : frozenset of str
        Normalised lines that start a trailing section / introduce a link.
    share_tokens, counter_tokens, date_tokens, date_filler : frozenset of str
        Token lists of the structural rules.
    source : str
        Where the cues were read from, for messages.

    Examples
    --------
    >>> cues = load_cues()
    >>> cues.exact["advertisement"]
    'advertisement'
    >>> "leave a reply" in cues.trailing
    True
    """

    exact: Mapping[str, str]
    prefixes: tuple[tuple[str, str], ...]
    suffixes: tuple[tuple[str, str], ...]
    contains: tuple[tuple[str, str], ...]
    trailing: frozenset[str]
    teaser_intro: frozenset[str]
    share_tokens: frozenset[str]
    counter_tokens: frozenset[str]
    date_tokens: frozenset[str]
    date_filler: frozenset[str]
    source: str = "<cues>"

    def extended(self, extra: Mapping[str, Iterable[str]]) -> BoilerplateCues:
        """Return a copy with extra cues added.

        Parameters
        ----------
        extra : mapping of str to iterable of str
            Section name (a reason label or a special section such as
            ``"trailing_section"``) -> patterns, in the cue-file syntax.
            A later exact pattern overrides an earlier one's reason.

        Returns
        -------
        BoilerplateCues

        Examples
        --------
        >>> cues = load_cues().extended({"navigation": ["back to the homepage"]})
        >>> cues.exact["back to the homepage"]
        'navigation'
        """
        if not isinstance(extra, Mapping):
            raise TypeError(
                f"extra cues must be a mapping of section name -> patterns, got "
                f"{type(extra).__name__}"
            )
        entries: list[tuple[str, str, str]] = []
        for section, patterns in extra.items():
            if isinstance(patterns, str):
                raise CueFileError(
                    f"extra cues for section {section!r} must be a list of patterns, "
                    f"not a single string; write [{patterns!r}]"
                )
            if not isinstance(section, str) or not _SECTION_RE.match(f"[{section}]"):
                raise CueFileError(
                    f"extra cue section {section!r} is not a valid name: use lower-case "
                    "letters, digits and '_', starting with a letter"
                )
            entries.extend((section, p, f"extra_cues[{section!r}]") for p in patterns)
        return _compile_cues(entries, base=self, source=f"{self.source} + extra_cues")


def _compile_cues(
    entries: Iterable[tuple[str, str, str]],
    *,
    base: BoilerplateCues | None = None,
    source: str,
) -> BoilerplateCues:
    exact: dict[str, str] = dict(base.exact) if base else {}
    prefixes = list(base.prefixes) if base else []
    suffixes = list(base.suffixes) if base else []
    contains = list(base.contains) if base else []
    special: dict[str, set[str]] = {
        name: set(getattr(base, name if name != "trailing_section" else "trailing"))
        if base
        else set()
        for name in (*_SPECIAL_EXACT, *_SPECIAL_TOKENS)
    }
    for section, raw, where in entries:
        if not isinstance(raw, str):
            raise CueFileError(f"{where}: a cue must be a string, got {type(raw).__name__}")
        pattern = raw.strip()
        if not pattern:
            continue
        lead, trail = pattern.startswith("*"), pattern.endswith("*") and len(pattern) > 1
        body = pattern[1 if lead else 0 : len(pattern) - 1 if trail else len(pattern)]
        if "*" in body:
            raise CueFileError(
                f"{where}: pattern {raw!r} has '*' inside it; '*' is allowed only at the "
                "start (suffix match) or end (prefix match) of a pattern"
            )
        if section in _SPECIAL_TOKENS:
            if lead or trail or " " in body.strip():
                raise CueFileError(
                    f"{where}: [{section}] takes single words without '*', got {raw!r}"
                )
            special[section].add(_normalize_line(body))
            continue
        if section in _SPECIAL_EXACT:
            if lead or trail:
                raise CueFileError(
                    f"{where}: [{section}] takes exact lines only (no '*'), got {raw!r}"
                )
            special[section].add(_normalize_line(body))
            continue
        if lead and trail:
            norm = _normalize_pattern(body, keep_end=True, keep_start=True).strip()
            contains.append((norm, section))
        elif trail:
            norm = _normalize_pattern(body, keep_end=True, keep_start=False)
            prefixes.append((norm, section))
        elif lead:
            norm = _normalize_pattern(body, keep_end=False, keep_start=True)
            suffixes.append((norm, section))
        else:
            norm = _normalize_line(body)
            exact[norm] = section
        if not norm:
            raise CueFileError(
                f"{where}: pattern {raw!r} is empty once normalised (only punctuation?)"
            )
    return BoilerplateCues(
        exact=exact,
        prefixes=tuple(prefixes),
        suffixes=tuple(suffixes),
        contains=tuple(contains),
        trailing=frozenset(special["trailing_section"]),
        teaser_intro=frozenset(special["teaser_intro"]),
        share_tokens=frozenset(special["share_tokens"]),
        counter_tokens=frozenset(special["counter_tokens"]),
        date_tokens=frozenset(special["date_tokens"]),
        date_filler=frozenset(special["date_filler"]),
        source=source,
    )


def _parse_cue_text(text: str, source: str) -> list[tuple[str, str, str]]:
    entries: list[tuple[str, str, str]] = []
    section: str | None = None
    for lineno, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("[") and stripped.endswith("]"):
            m = _SECTION_RE.match(stripped)
            if not m:
                raise CueFileError(
                    f"{source}, line {lineno}: bad section header {stripped!r}; use "
                    "[name] with lower-case letters, digits and '_'"
                )
            section = m.group(1)
            continue
        if section is None:
            raise CueFileError(
                f"{source}, line {lineno}: cue {stripped!r} comes before any [section] "
                "header; start the file with a header such as [navigation]"
            )
        entries.append((section, stripped, f"{source}, line {lineno}"))
    return entries


@lru_cache(maxsize=1)
def _default_cues() -> BoilerplateCues:
    ref = resources.files("framing") / "data" / "boilerplate_cues.txt"
    text = ref.read_text(encoding="utf-8")
    name = "boilerplate_cues.txt"
    return _compile_cues(_parse_cue_text(text, name), source=name)


def load_cues(
    path: str | PathLike[str] | None = None,
    *,
    extra: Mapping[str, Iterable[str]] | None = None,
) -> BoilerplateCues:
    """Read a boilerplate cue file.

    Parameters
    ----------
    path : str or path-like, optional
        A cue file in the syntax described at the top of the shipped
        ``framing/data/boilerplate_cues.txt``.  ``None`` (default) reads the
        shipped file.  A researcher's file *replaces* the shipped cues; to
        add to them, copy the shipped file or use ``extra``.
    extra : mapping of str to iterable of str, optional
        Section -> patterns added on top (see :meth:`BoilerplateCues.extended`).

    Returns
    -------
    BoilerplateCues

    Raises
    ------
    CueFileError
        If a line is malformed; the message names the file and line.

    Examples
    --------
    >>> cues = load_cues(extra={"navigation": ["back to the homepage"]})
    >>> cues.exact["back to the homepage"]
    'navigation'
    """
    if path is None:
        cues = _default_cues()
    else:
        p = Path(path)
        cues = _compile_cues(_parse_cue_text(p.read_text(encoding="utf-8"), str(p)), source=str(p))
    return cues.extended(extra) if extra else cues


# --------------------------------------------------------------------------
# template model
# --------------------------------------------------------------------------


class TemplateModel:
    """Learn each publisher's site template from a corpus, in one streaming pass.

    A line (normalised: case folded, spaces collapsed, surrounding punctuation
    stripped, every digit run replaced by ``0``) is *template* for a publisher
    when it occurs in at least ``max(min_docs, min_fraction * n_docs)``
    distinct documents of that publisher.  Only 64-bit hashes of lines and
    their document counts are kept (12 bytes per distinct short line, stored
    in sorted numpy arrays), never the lines themselves.

    Parameters
    ----------
    min_docs : int, default 3
        Minimum number of distinct documents of one publisher a line must
        occur in.  Two would make the paragraphs of a story the site
        published twice (an update, a re-post) look like template; three is
        the smallest count at which a line is a pattern rather than a
        coincidence, and site furniture occurs on nearly every page, so it
        easily passes.
    min_fraction : float, default 0.0
        Also require the line in at least this fraction of the publisher's
        documents (useful for large publishers, where a stock phrase can
        recur in a handful of real articles).
    max_line_chars : int, default 200
        Lines longer than this are never counted (paragraphs of text are not
        site furniture, and this keeps memory small).

    Attributes
    ----------
    n_docs_ : dict of str to int
        Documents seen per publisher.
    n_template_lines_ : dict of str to int
        Number of distinct template lines per publisher.
    n_docs_without_publisher_ : int
        Documents skipped because their publisher was ``None``.

    Examples
    --------
    >>> docs = [("site-a", f"Story {i} text.\\nSubscribe to the Daily Bugle") for i in range(3)]
    >>> model = TemplateModel(min_docs=3).fit(docs)
    >>> model.is_template("site-a", "SUBSCRIBE to the daily bugle")
    True
    >>> model.is_template("site-b", "Subscribe to the Daily Bugle")
    False
    """

    #: pending hashes merged into the sorted count arrays every this many entries
    _merge_every = 1 << 20

    def __init__(
        self, *, min_docs: int = 3, min_fraction: float = 0.0, max_line_chars: int = 200
    ) -> None:
        self.min_docs = min_docs
        self.min_fraction = min_fraction
        self.max_line_chars = max_line_chars

    # sklearn-style parameter access (so the model can be cloned / logged)
    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """Return the constructor parameters.

        Examples
        --------
        >>> TemplateModel(min_docs=4).get_params()["min_docs"]
        4
        """
        return {
            "min_docs": self.min_docs,
            "min_fraction": self.min_fraction,
            "max_line_chars": self.max_line_chars,
        }

    def set_params(self, **params: Any) -> TemplateModel:
        """Set constructor parameters; returns ``self``.

        Examples
        --------
        >>> TemplateModel().set_params(min_docs=5).min_docs
        5
        """
        for key, value in params.items():
            if key not in self.get_params():
                raise ValueError(f"invalid parameter {key!r} for TemplateModel; valid: "
                                 f"{sorted(self.get_params())}")
            setattr(self, key, value)
        return self

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items())
        return f"TemplateModel({args})"

    def _validate(self) -> None:
        if isinstance(self.min_docs, bool) or not isinstance(self.min_docs, (int, np.integer)) \
                or self.min_docs < 2:
            raise ValueError(f"min_docs must be an integer >= 2, got {self.min_docs!r}")
        if not 0.0 <= float(self.min_fraction) <= 1.0:
            raise ValueError(f"min_fraction must be in [0, 1], got {self.min_fraction!r}")
        if not isinstance(self.max_line_chars, (int, np.integer)) or self.max_line_chars < 1:
            raise ValueError(f"max_line_chars must be a positive integer, got "
                             f"{self.max_line_chars!r}")

    def _doc_hashes(self, text: str) -> np.ndarray:
        keys = set()
        for line in text.split("\n"):
            stripped = line.strip()
            if not stripped or len(stripped) > self.max_line_chars:
                continue
            key = _template_key(stripped)
            if key:
                keys.add(_hash64(key))
        return np.fromiter(keys, dtype=np.uint64, count=len(keys))

    def fit(self, docs: Iterable[tuple[str, str]]) -> TemplateModel:
        """Learn template lines from ``(publisher, text)`` pairs (read once).

        Parameters
        ----------
        docs : iterable of (str or None, str)
            ``(publisher, text)`` pairs; a generator is fine.  ``publisher``
            is any string that identifies a site (a domain name, say);
            documents whose publisher is ``None`` (unknown) are counted in
            ``n_docs_without_publisher_`` and otherwise skipped.

        Returns
        -------
        TemplateModel
            ``self``, fitted.
        """
        self._validate()
        self._hashes: dict[str, np.ndarray] = {}
        self._counts: dict[str, np.ndarray] = {}
        self.n_docs_: dict[str, int] = {}
        self.n_docs_without_publisher_ = 0
        return self.partial_fit(docs)

    def partial_fit(self, docs: Iterable[tuple[str, str]]) -> TemplateModel:
        """Add more ``(publisher, text)`` pairs to an (un)fitted model.

        Returns
        -------
        TemplateModel
            ``self``.
        """
        self._validate()
        if not hasattr(self, "n_docs_"):
            self._hashes, self._counts, self.n_docs_ = {}, {}, {}
            self.n_docs_without_publisher_ = 0
        pending: dict[str, list[np.ndarray]] = {}
        pending_size = 0
        for item in docs:
            try:
                publisher, text = item
            except (TypeError, ValueError):
                raise TypeError(
                    f"TemplateModel.fit expects (publisher, text) pairs, got {item!r:.80}"
                ) from None
            if (publisher is not None and not isinstance(publisher, str)) \
                    or not isinstance(text, str):
                raise TypeError(
                    "TemplateModel.fit expects (publisher, text) pairs of strings, got "
                    f"({type(publisher).__name__}, {type(text).__name__})"
                )
            if publisher is None:  # unknown site: nothing to learn a template for
                self.n_docs_without_publisher_ += 1
                continue
            hashes = self._doc_hashes(text)
            self.n_docs_[publisher] = self.n_docs_.get(publisher, 0) + 1
            pending.setdefault(publisher, []).append(hashes)
            pending_size += hashes.size
            if pending_size >= self._merge_every:  # bound memory: merge into sorted counts
                self._merge(pending)
                pending, pending_size = {}, 0
        self._merge(pending)
        self._finalize()
        return self

    def _merge(self, pending: Mapping[str, list[np.ndarray]]) -> None:
        for publisher, arrays in pending.items():
            new = np.concatenate(arrays) if arrays else np.empty(0, np.uint64)
            old_h = self._hashes.get(publisher, np.empty(0, np.uint64))
            old_c = self._counts.get(publisher, np.empty(0, np.uint32))
            all_h = np.concatenate([old_h, new])
            all_c = np.concatenate([old_c, np.ones(new.size, np.uint32)])
            uniq, inverse = np.unique(all_h, return_inverse=True)
            counts = np.bincount(inverse, weights=all_c, minlength=uniq.size).astype(np.uint32)
            self._hashes[publisher], self._counts[publisher] = uniq, counts

    def _finalize(self) -> None:
        self._template: dict[str, frozenset[int]] = {}
        self.n_template_lines_: dict[str, int] = {}
        for publisher, hashes in self._hashes.items():
            need = max(self.min_docs, float(self.min_fraction) * self.n_docs_[publisher])
            chosen = hashes[self._counts[publisher] >= need]
            self._template[publisher] = frozenset(int(h) for h in chosen)
            self.n_template_lines_[publisher] = len(chosen)

    def is_template(self, publisher: str, line: str) -> bool:
        """Whether ``line`` is part of ``publisher``'s learned template.

        A publisher never seen in :meth:`fit` has no template lines.

        Raises
        ------
        sklearn.exceptions.NotFittedError
            If the model has not been fitted.
        """
        if not hasattr(self, "_template"):
            raise NotFittedError(
                "This TemplateModel is not fitted yet; call fit(docs) with (publisher, text) "
                "pairs first."
            )
        template = self._template.get(publisher)
        if not template:
            return False
        stripped = line.strip()
        if not stripped or len(stripped) > self.max_line_chars:
            return False
        key = _template_key(stripped)
        return bool(key) and _hash64(key) in template


# --------------------------------------------------------------------------
# per-document detection
# --------------------------------------------------------------------------


def _iter_nonblank_lines(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of every non-blank line, trimmed of surrounding space."""
    pos, n = 0, len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        if nl == -1:
            nl = n
        a, b = pos, nl
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            yield a, b
        if nl == n:
            break
        pos = nl + 1


_NEVER = re.compile(r"(?!)")
_ALNUM_RE = re.compile(r"[^\W_]")


def _any_of(patterns: Iterable[str], template: str) -> re.Pattern[str]:
    parts = [re.escape(p) for p in patterns]
    return re.compile(template.format("|".join(parts))) if parts else _NEVER


@lru_cache(maxsize=8)
def _cue_screens(
    prefixes: tuple[tuple[str, str], ...],
    suffixes: tuple[tuple[str, str], ...],
    contains: tuple[tuple[str, str], ...],
) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """One compiled pattern per cue kind, used to skip lines that hold no cue at all."""
    return (_any_of((p for p, _ in prefixes), "(?:{})"),
            _any_of((p for p, _ in suffixes), "(?:{})\\Z"),
            _any_of((p for p, _ in contains), "(?:{})"))


def _cue_reason(norm: str, cues: BoilerplateCues) -> str | None:
    reason = cues.exact.get(norm)
    if reason is not None:
        return reason
    # The screens say whether any cue of a kind is present (in C); the loops then
    # apply the file-order priority, so the first listed cue still wins.
    prefix_re, suffix_re, contains_re = _cue_screens(cues.prefixes, cues.suffixes, cues.contains)
    if prefix_re.match(norm):
        for pattern, reason in cues.prefixes:
            if norm.startswith(pattern):
                return reason
    if suffix_re.search(norm):
        for pattern, reason in cues.suffixes:
            if norm.endswith(pattern):
                return reason
    if contains_re.search(norm):
        for pattern, reason in cues.contains:
            if pattern in norm:
                return reason
    return None


def _token_reason(norm: str, cues: BoilerplateCues) -> str | None:
    if len(norm) > 80:
        return None
    tokens = _TOKEN_RE.findall(norm)
    if not tokens:
        return None
    numeric = [bool(_NUMBER_RE.match(t)) for t in tokens]
    words = [t for t, is_num in zip(tokens, numeric, strict=True) if not is_num]
    if any(numeric):
        dateish = cues.date_tokens | cues.date_filler
        if all(w in dateish for w in words) and (
            any(w in cues.date_tokens for w in words) or _NUMERIC_DATE_RE.search(norm)
        ):
            return "date_stamp"
        if all(w in cues.counter_tokens for w in words):
            return "counter"
        return None
    if all(t in cues.share_tokens for t in tokens):
        return "share_buttons"
    return None


def _structural_reason(line: str, norm: str, cues: BoilerplateCues) -> str | None:
    if _ALNUM_RE.search(line) is None:
        return "divider" if len(line.replace(" ", "")) >= 3 else None
    reason = _token_reason(norm, cues)
    if reason:
        return reason
    if _TEASER_TAG_RE.search(line):
        return "teaser"
    if len(line) <= 120 and _BYLINE_RE.match(line):
        return "credit"
    if _TRUNCATED_RE.search(line):
        return "teaser"
    return None


def _is_body_line(line: str) -> bool:
    return len(line.split()) >= 12 and bool(_SENTENCE_END_RE.search(line) or "." in line)


def find_boilerplate(
    text: str,
    *,
    template: TemplateModel | None = None,
    publisher: str | None = None,
    cues: BoilerplateCues | None = None,
    extra_cues: Mapping[str, Iterable[str]] | None = None,
    max_cue_line_chars: int = 300,
    min_body_lines: int = 2,
) -> list[BoilerplateSpan]:
    """Find the boilerplate lines of one scraped page.

    The rules are listed in the module docstring.  The function is pure: the
    text is not changed, and the result depends only on the arguments.

    Parameters
    ----------
    text : str
        The page text, as scraped.
    template : TemplateModel, optional
        A fitted site-template model, consulted for ``publisher``.
    publisher : str, optional
        The site that carried the page, as given to ``template.fit``.  With
        ``publisher=None`` (site unknown) no template applies: there is no
        site whose template the page could share.
    cues : BoilerplateCues, optional
        Cues to use instead of the shipped list (see :func:`load_cues`).
    extra_cues : mapping of str to iterable of str, optional
        Section -> patterns added to the cues for this call, e.g.
        ``{"navigation": ["back to the homepage"]}``.  For a large corpus,
        build the cues once with ``load_cues(extra=...)`` and pass ``cues``.
    max_cue_line_chars : int, default 300
        Lines longer than this are never matched by a line cue or a
        structural rule.
    min_body_lines : int, default 2
        A trailing-section cue ("Comments", "Leave a Reply", ...) starts a
        trailing section only after this many article-body lines (lines of
        at least 12 words with sentence punctuation that are not themselves
        boilerplate), so that a "Comments" link in the top navigation does not
        wipe out the article.

    Returns
    -------
    list of BoilerplateSpan
        Sorted, non-overlapping; each covers one or more whole lines.

    Raises
    ------
    TypeError
        If ``text`` is not a string.
    TypeError
        If ``template`` is not a :class:`TemplateModel` or ``publisher`` not a str.
    ValueError
        If an option is invalid.

    Examples
    --------
    >>> page = ("Connect with us\\n\\nProtesters filled the square on Tuesday, and the police "
    ...         "watched from the side streets all day.\\nAdvertisement\\nThe crowd left at "
    ...         "night after the mayor spoke to them on the steps of the town hall.\\n"
    ...         "Leave a Reply\\nYour email address will not be published.")
    >>> for span in find_boilerplate(page):
    ...     print(span.reason, repr(page[span.start:span.end]))
    navigation 'Connect with us'
    advertisement 'Advertisement'
    trailing_section 'Leave a Reply\\nYour email address will not be published.'
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    if template is not None and not isinstance(template, TemplateModel):
        raise TypeError(f"template must be a TemplateModel, got {type(template).__name__}")
    if publisher is not None and not isinstance(publisher, str):
        raise TypeError(f"publisher must be a str or None, got {type(publisher).__name__}")
    if publisher is None:
        template = None
    if max_cue_line_chars < 1 or min_body_lines < 0:
        raise ValueError("max_cue_line_chars must be >= 1 and min_body_lines >= 0")
    if cues is None:
        cues = _default_cues()
    if extra_cues:
        cues = cues.extended(extra_cues)

    lines = list(_iter_nonblank_lines(text))
    n = len(lines)
    reasons: list[str | None] = [None] * n
    norms: list[str] = [""] * n
    short = [False] * n

    # line cues, structural rules, template
    for i, (a, b) in enumerate(lines):
        if b - a > max_cue_line_chars:
            if template is not None and template.is_template(publisher, text[a:b]):  # type: ignore[arg-type]
                reasons[i] = "template_line"
            continue
        line = text[a:b]
        short[i] = True
        norm = norms[i] = _normalize_line(line)
        reason = (_cue_reason(norm, cues) if norm else None) or _structural_reason(
            line, norm, cues
        )
        if reason is None and template is not None and template.is_template(publisher, line):  # type: ignore[arg-type]
            reason = "template_line"
        reasons[i] = reason

    # link labels: "Previous Story" -> next line is another story's headline
    for i in range(n):
        if short[i] and norms[i] in cues.teaser_intro:
            reasons[i] = reasons[i] or "navigation"
            if i + 1 < n and short[i + 1] and reasons[i + 1] is None:
                reasons[i + 1] = "teaser"

    # headline of a truncated teaser, and labels sandwiched between boilerplate
    snapshot = list(reasons)
    for i in range(n):
        if reasons[i] is not None or not short[i]:
            continue
        line = text[lines[i][0] : lines[i][1]]
        words = len(line.split())
        if (
            i + 1 < n
            and snapshot[i + 1] == "teaser"
            and _TRUNCATED_RE.search(text[lines[i + 1][0] : lines[i + 1][1]])
            and words <= 25
            and not line.endswith(_HEADLINE_BAD_END)
        ):
            reasons[i] = "teaser"
        elif (
            0 < i < n - 1
            and snapshot[i - 1] is not None
            and snapshot[i + 1] is not None
            and words <= 6
            and not _SENTENCE_END_RE.search(line)
        ):
            reasons[i] = "navigation"

    # trailing section
    body = 0
    for i in range(n):
        if short[i] and norms[i] in cues.trailing and body >= min_body_lines:
            for j in range(i, n):
                reasons[j] = "trailing_section"
            break
        if reasons[i] is None and _is_body_line(text[lines[i][0] : lines[i][1]]):
            body += 1

    # merge consecutive boilerplate lines with the same reason
    spans: list[BoilerplateSpan] = []
    for i, ((a, b), reason) in enumerate(zip(lines, reasons, strict=True)):
        if reason is None:
            continue
        if i > 0 and reasons[i - 1] == reason:
            spans[-1] = BoilerplateSpan(spans[-1].start, b, reason)
        else:
            spans.append(BoilerplateSpan(a, b, reason))
    return spans


# --------------------------------------------------------------------------
# using spans
# --------------------------------------------------------------------------


def _nonspace(s: str) -> int:
    return len("".join(s.split()))


def boilerplate_mask_for_units(
    text: str,
    units: Iterable[tuple[int, int]] | Any,
    spans: Sequence[BoilerplateSpan],
    *,
    min_coverage: float = 0.5,
) -> np.ndarray:
    """Flag text units (sentences, paragraphs) that are boilerplate.

    A unit is boilerplate when at least ``min_coverage`` of its non-space
    characters lie inside boilerplate spans.  Counting non-space characters
    makes the rule independent of how units and spans treat surrounding
    whitespace; one half means a unit is boilerplate when it is *mostly*
    boilerplate.  A unit with no non-space character is never boilerplate.

    Parameters
    ----------
    text : str
        The original text the offsets refer to.
    units : iterable of (int, int) or DataFrame
        ``(start, end)`` offsets, or a DataFrame with ``start`` and ``end``
        columns (e.g. a segmentation table).
    spans : sequence of BoilerplateSpan
        From :func:`find_boilerplate` (sorted, non-overlapping).
    min_coverage : float, default 0.5
        Fraction in (0, 1].

    Returns
    -------
    numpy.ndarray of bool
        One flag per unit, in input order.

    Examples
    --------
    >>> text = "Advertisement\\nReal news here."
    >>> spans = find_boilerplate(text)
    >>> boilerplate_mask_for_units(text, [(0, 13), (14, 29)], spans).tolist()
    [True, False]
    """
    if not 0.0 < min_coverage <= 1.0:
        raise ValueError(f"min_coverage must be in (0, 1], got {min_coverage!r}")
    if hasattr(units, "columns"):
        missing = {"start", "end"} - set(units.columns)
        if missing:
            raise ValueError(f"units table lacks column(s) {sorted(missing)}; it needs "
                             "'start' and 'end'")
        pairs = list(zip(units["start"].tolist(), units["end"].tolist(), strict=True))
    else:
        pairs = [(int(s), int(e)) for s, e in units]
    ordered = sorted(spans, key=lambda sp: sp.start)
    starts = [sp.start for sp in ordered]
    ends = [sp.end for sp in ordered]
    for k in range(1, len(ordered)):
        if starts[k] < ends[k - 1]:
            raise ValueError(f"boilerplate spans overlap: {ordered[k - 1]} and {ordered[k]}")
    out = np.zeros(len(pairs), dtype=bool)
    for u, (s, e) in enumerate(pairs):
        if not 0 <= s <= e <= len(text):
            raise ValueError(f"unit {u} has offsets ({s}, {e}) outside the text of length "
                             f"{len(text)}")
        total = _nonspace(text[s:e])
        if total == 0:
            continue
        covered = 0
        k = bisect_right(ends, s)
        while k < len(ordered) and starts[k] < e:
            covered += _nonspace(text[max(s, starts[k]) : min(e, ends[k])])
            k += 1
        out[u] = covered >= min_coverage * total
    return out


def mask_boilerplate(text: str, spans: Sequence[BoilerplateSpan], *, fill: str = " ") -> str:
    """Return a copy of ``text`` with boilerplate blanked out, same length.

    Every character inside a span, except line breaks, is replaced by
    ``fill``, so offsets into the masked text are offsets into the original.

    Examples
    --------
    >>> text = "Advertisement\\nReal news."
    >>> mask_boilerplate(text, find_boilerplate(text))
    '             \\nReal news.'
    """
    if len(fill) != 1:
        raise ValueError(f"fill must be a single character, got {fill!r}")
    pieces: list[str] = []
    pos = 0
    for span in sorted(spans, key=lambda sp: sp.start):
        if span.start < pos:
            raise ValueError(f"boilerplate spans overlap at {span}")
        pieces.append(text[pos : span.start])
        pieces.append(re.sub(r"[^\n]", lambda _m: fill, text[span.start : span.end]))
        pos = span.end
    pieces.append(text[pos:])
    return "".join(pieces)

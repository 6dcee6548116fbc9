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
  tabloids label links to other stories ("... [MAP]", "... [POLL]"), unless
  the tag is a credit line of the cue file (a caption ending "[AFP]");
- **standalone date stamps** ("Monday, January 10, 2022", "2022-01-08",
  with a label: "Date 08.01.2022", "Edited time: 9 Jan, 2022 12:05",
  "Updated 7:42 p.m. ET"), **counters** ("0 0", "12 comments") and
  **share-button rows** ("Facebook Twitter Email"), built from the cue
  file's token lists;
- **bylines**: a line that is only "By" and capitalised names, or names, an
  optional place and "and agencies" ("Andrew Roth in Moscow and agencies");
- **caption labels with a credit**: "Photo: Akorda", "Illustration: Liu
  Rui/GT" (a label followed by capitalised names, agencies, "via", slashes);
  a label followed by a description ("Photo: Protesters in Almaty on
  Wednesday") is a caption, which is article text;
- **slash credits** standing alone: "REUTERS/Staff" (a credit-shaped line of
  at most five words with an agency or an outlet's initials at a slash);
- **one-line menus**: menu items (a few capitalised words each) joined by
  "|" or a spaced "/" ("News|Protests", "TOP STORIES / WORLD / ASIA");
- **follow prompts**: "Follow TASS on Telegram", "Follow Al Jazeera English:"
  (at most six words, ending in a ``[share_tokens]`` word or a colon), or a
  prompt carrying a link ("Follow all AP stories ... at https://...");
- **dividers**: a line of three or more symbols and no letter or digit;
- **truncated teasers**: a line that stops mid-sentence with "..." or "…"
  (an excerpt of another story), and the headline-like line just before it;
- **template lines** learned by a :class:`TemplateModel` for the publisher;
- **author labels** without a colon ("Author Lena Brandt") next to a date
  stamp or a byline;
- **link labels** such as "Previous Story": the next line is the headline of
  another story;
- **teaser lists**: after a list heading (``[teaser_list]``: "Related
  Coverage", "Keep reading") that follows at least ``min_body_lines`` body
  lines, the headline-like lines of the same block, up to the first line
  that looks like prose (a headline right above prose is kept: it may be a
  sub-heading of the article);
- **menus at the top or bottom** of the page (before the first / after the
  last body line): runs of boilerplate lines and short capitalised lines
  ("Kazakhstan", "Business & Economy"); with at least two such lines not yet
  boilerplate, they are navigation, except a line right above a line that
  is not boilerplate, a date stamp or a byline (it may be a short headline);
- **sandwiched labels**: short lines without sentence punctuation between
  two boilerplate lines: one line of up to six words, or a run of lines of
  up to four words each (a menu); next to a date stamp or a byline, where a
  headline sits, only lines of up to two words;
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
from itertools import accumulate
from os import PathLike
from pathlib import Path
from typing import Any

import numpy as np

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
_APOSTROPHE_CHARS = "\u2019\u2018\u02bc\u2032"
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
# a Guardian-style byline without "By": names, an optional place, "and agencies"
_AGENCY_BYLINE_RE = re.compile(
    r"^[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*){1,3}"
    r"(?:\s+in\s+[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*)?)?(?:\s*,\s*|\s+and\s+)agencies$"
)
#: a neighbour with one of these reasons is article metadata (a dateline, a
#: byline), which sits beside headlines: a line between such lines is a label
#: only when it is at most ``_METADATA_LABEL_WORDS`` words long
_METADATA_REASONS = frozenset({"date_stamp", "credit"})
_METADATA_LABEL_WORDS = 2
_TRUNCATED_RE = re.compile(r"(?:\w|[,;)])\s?(?:\.\.\.|\u2026)$")
_TRUNCATED_ENDS = ("...", "\u2026", "...\n", "\u2026\n")
_SENTENCE_END_RE = re.compile(r"[.!?][\"'\u201d\u2019)]*$")
_HEADLINE_BAD_END = tuple(".!,;:\"\u201d\u2019)")

#: "Updated 7:42 p.m. ET": a clock time makes a line of date words a date stamp
_CLOCK_RE = re.compile(r"\b\d{1,2}:\d{2}\b")
#: separators of a menu flattened onto one line ("News|Protests", "TOP STORIES / WORLD")
_MENU_SEP_RE = re.compile(r"\s*\|\s*|\s+/\s+")
#: a menu item is at most this long (a label, not a headline)
_MENU_ITEM_CHARS = 40
#: words a menu item may hold besides capitalised words ("Business & Economy")
_MENU_JOINERS = frozenset({"&", "and", "of", "the"})
#: a caption label and what follows it ("Photo: Akorda", "Illustration: Liu Rui/GT")
_CAPTION_LABEL_RE = re.compile(
    r"^(?i:photos?|photographs?|pictures?|images?|illustrations?|graphics?)"
    r"\s*(?::|\.\.\.|\u2026)\s*(\S.*)$"
)
#: lower-case words a photo credit may hold ("AFP via Getty Images", "X for The Guardian")
_CREDIT_JOINERS = frozenset({"via", "for", "and", "&", "of", "the", "/", "|", "-", "\u2013"})
#: an author label without a colon ("Author Lena Brandt"): a credit next to metadata
_AUTHOR_LABEL_RE = re.compile(
    r"^(?i:authors?|reporters?|correspondents?)\s+"
    r"[A-Z][\w'\u2019.-]*(?:(?:\s*,\s*|\s+and\s+|\s+)[A-Z][\w'\u2019.-]*){0,5}$"
)
_URL_RE = re.compile(r"https?://|www\.")
#: a teaser headline has at most this many words and does not end with a full stop
_TEASER_MAX_WORDS = 20
_FULL_STOP_END_RE = re.compile(r"\.[\"'\u201d\u2019)]*$")

_SPECIAL_EXACT = ("trailing_section", "teaser_intro", "teaser_list")
_SPECIAL_TOKENS = ("share_tokens", "counter_tokens", "date_tokens", "date_filler")


def _normalize_line(line: str) -> str:
    """Normalise one line for cue matching (see the cue file header).

    NFKC, case folding, straight apostrophes, spaces collapsed, edges
    stripped.  ``" ".join(s.split())`` collapses the same characters as
    ``\\s+`` (tested) and differs from ``_WS_RE.sub(" ", s)`` only by a leading
    or trailing ``" "``, which the edge strip removes anyway; ``str.replace``
    per apostrophe is ``translate(_APOSTROPHES)``, without its per-character
    table look-ups.
    """
    s = unicodedata.normalize("NFKC", line).casefold()
    if not s.isascii():
        for ch in _APOSTROPHE_CHARS:
            if ch in s:
                s = s.replace(ch, "'")
    return " ".join(s.split()).strip(_EDGE)


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
    teaser_list : frozenset of str
        Normalised lines that head a list of links to other stories.

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
    teaser_list: frozenset[str] = frozenset()

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
        teaser_list=frozenset(special["teaser_list"]),
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
        limit = self.max_line_chars
        lines = [s for s in map(str.strip, text.split("\n")) if 0 < len(s) <= limit]
        keys = set(_line_hashes(lines))
        keys.discard(None)
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

    def _lookup(self, publisher: str) -> frozenset[int] | None:
        """``publisher``'s template hashes (None if it has none)."""
        if not hasattr(self, "_template"):
            from sklearn.exceptions import NotFittedError  # scikit-learn takes ~1 s to import

            raise NotFittedError(
                "This TemplateModel is not fitted yet; call fit(docs) with (publisher, text) "
                "pairs first."
            )
        return self._template.get(publisher) or None

    def is_template(self, publisher: str, line: str) -> bool:
        """Whether ``line`` is part of ``publisher``'s learned template.

        A publisher never seen in :meth:`fit` has no template lines.

        Raises
        ------
        sklearn.exceptions.NotFittedError
            If the model has not been fitted.
        """
        template = self._lookup(publisher)
        if not template:
            return False
        stripped = line.strip()
        if not stripped or len(stripped) > self.max_line_chars:
            return False
        h = _line_hash(stripped)
        return h is not None and h in template


_LINE_HASHES: dict[str, int | None] = {}
_LINE_HASH_CHARS = [0]  # characters held by the keys of ``_LINE_HASHES``
#: lines longer than this are not memoised: site furniture is short, and long
#: lines (paragraphs) rarely recur, so memoising them would only cost memory
_MEMO_LINE_CHARS = 200
#: the memo is emptied when its keys hold this many characters (~40 MB at most)
_MEMO_MAX_CHARS = 10_000_000
_MISS = object()
_ASCII_DIGIT_TO_ZERO = bytes.maketrans(b"123456789", b"000000000")
_DIGITS_RE = re.compile(r"\d+")


def _line_hash(stripped: str) -> int | None:
    """``_hash64(_template_key(stripped))``, None for an empty key; memoised per line."""
    return _line_hashes([stripped])[0]


def _line_hashes(stripped: list[str]) -> list[int | None]:
    """:func:`_line_hash` of every (non-empty, already stripped) line, in one go.

    The lines not in the memo are normalised together, as one string joined
    by ``"\\n"`` (see :func:`_template_keys`), then hashed one by one.
    """
    memo = _LINE_HASHES
    out = [memo.get(s, _MISS) for s in stripped]
    if _MISS not in out:
        return out  # type: ignore[return-value]
    miss = [i for i, h in enumerate(out) if h is _MISS]
    keys = _template_keys([stripped[i] for i in miss])
    if _LINE_HASH_CHARS[0] >= _MEMO_MAX_CHARS:  # bound memory by characters
        memo.clear()
        _LINE_HASH_CHARS[0] = 0
    added = 0
    blake2b, from_bytes = hashlib.blake2b, int.from_bytes
    for i, key in zip(miss, keys, strict=True):
        # ``_hash64(key)``, inlined: this loop runs once per distinct line
        h = from_bytes(blake2b(key.encode("utf-8"), digest_size=8).digest(), "little") \
            if key else None
        out[i] = h
        s = stripped[i]
        if len(s) <= _MEMO_LINE_CHARS and s not in memo:
            memo[s] = h
            added += len(s)
    _LINE_HASH_CHARS[0] += added
    return out  # type: ignore[return-value]


def _template_keys(lines: list[str]) -> list[str]:
    """``[_template_key(line) for line in lines]`` for lines without ``"\\n"``.

    Every step of :func:`_template_key` is applied once to the lines joined by
    ``"\\n"``, and the result is split at ``"\\n"`` again.  That is the same
    as keying each line because no step creates, removes or moves a ``"\\n"``,
    nor looks across one:

    - NFKC: U+000A has combining class 0, no decomposition and takes part in
      no composition, so it is a normalisation boundary, and no character's
      NFKC form contains it (tests check every code point);
    - ``casefold`` and the apostrophe map work character by character, and
      no character folds to a string containing ``"\\n"`` (tested);
    - digit runs -> ``"0"``: ``"\\n"`` is not a digit, and ``"0"`` is neither
      whitespace nor an edge character, so doing it before collapsing spaces
      and stripping edges changes neither;
    - spaces: ``" ".join(s.split())`` splits at the same characters as
      ``\\s+`` (``str.isspace``; tested) and differs from
      ``_WS_RE.sub(" ", s)`` only by a leading / trailing ``" "``, which the
      edge strip removes anyway (``" "`` is an edge character).

    For ASCII text NFKC and the apostrophe map are the identity and
    ``casefold`` is ``lower``; digit runs are then ``[0-9]+``, done by mapping
    every digit to ``"0"`` and squeezing runs of ``"0"``.
    """
    if not lines:
        return []
    joined = "\n".join(lines)
    if joined.isascii():
        return _fold_ascii(joined)
    # ``str.isascii`` is O(1): key the ASCII lines (most, usually) the cheap way
    is_ascii = list(map(str.isascii, lines))
    ascii_keys = iter(_fold_ascii("\n".join(s for s, a in zip(lines, is_ascii, strict=True) if a)))
    other = "\n".join(s for s, a in zip(lines, is_ascii, strict=True) if not a)
    folded = unicodedata.normalize("NFKC", other).casefold()
    for ch in _APOSTROPHE_CHARS:
        if ch in folded:
            folded = folded.replace(ch, "'")
    # When every digit and space of ``folded`` is ASCII (its non-ASCII
    # characters, deleted from UTF-8 as in ``_forced_lines``, hold neither),
    # the digit runs and spaces are exactly those of its UTF-8 bytes, where
    # every non-ASCII character is bytes >= 0x80: the byte path of
    # ``_fold_ascii`` then gives the same keys (its lowering is already done).
    data = folded.encode("utf-8", "surrogatepass")
    rest = data.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
    if _DIGIT_OR_SPACE_RE.search(rest) is None:
        other_keys = iter(_squeeze_keys(data))
    else:
        edge = _EDGE
        other_keys = iter([" ".join(s.split()).strip(edge)
                           for s in _DIGITS_RE.sub("0", folded).split("\n")])
    return [next(ascii_keys) if a else next(other_keys) for a in is_ascii]


def _fold_ascii(joined: str) -> list[str]:
    """:func:`_template_keys` of ASCII lines joined by ``"\\n"``."""
    return _squeeze_keys(joined.lower().encode("ascii"))


def _squeeze_keys(data: bytes) -> list[str]:
    """Keys of folded lines in UTF-8 (joined by ``"\\n"``) whose digits and spaces are ASCII.

    UTF-8 bytes of non-ASCII characters are all >= 0x80, so the byte
    operations below touch ASCII digits and spaces only.
    """
    data = data.translate(_ASCII_DIGIT_TO_ZERO)
    while b"00" in data:
        data = data.replace(b"00", b"0")
    # the ASCII whitespace is " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f" (``str.isspace``);
    # most text has single spaces only, which need no collapsing
    if b"  " in data or any(c in data for c in _ASCII_SPACE_NOT_NL):
        data = _ASCII_WS_RE.sub(b" ", data)
    edge = _EDGE
    return [s.strip(edge) for s in data.decode("utf-8", "surrogatepass").split("\n")]


#: a decimal digit or a space (``\\d+`` and ``str.split`` act on these characters)
_DIGIT_OR_SPACE_RE = re.compile(r"[\d\s]")


_ASCII_SPACE_NOT_NL = [bytes([c]) for c in b"\t\r\x0b\x0c\x1c\x1d\x1e\x1f"]
_ASCII_WS_RE = re.compile(rb"[ \t\r\x0b\x0c\x1c-\x1f]+")


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
        # a clock time counts only with a word beside it ("Updated 7:42 p.m. ET"):
        # "11:27" alone stays a counter
        if all(w in dateish for w in words) and (
            any(w in cues.date_tokens for w in words) or _NUMERIC_DATE_RE.search(norm)
            or (words and _CLOCK_RE.search(norm))
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
    tag = _TEASER_TAG_RE.search(line)
    if tag and not _is_credit_tag(tag.group(), cues):
        return "teaser"
    if len(line) <= 120 and (_BYLINE_RE.match(line) or _AGENCY_BYLINE_RE.match(line)):
        return "credit"
    caption = _CAPTION_LABEL_RE.match(line)
    if caption and _is_credit_text(caption.group(1)):
        return "image_credit"
    if "|" in line or "/" in line:
        if _is_menu_line(line):
            return "navigation"
        if _is_slash_credit(line, cues):
            return "image_credit"
    if norm.startswith("follow ") and _is_follow_prompt(line, norm, cues):
        return "navigation"
    # ``_TRUNCATED_RE`` ends in ``(?:\.\.\.|\u2026)$``, and ``$`` matches only at the
    # end or before a final "\n": ``endswith`` rules most lines out without
    # the regex trying every position
    if line.endswith(_TRUNCATED_ENDS) and _TRUNCATED_RE.search(line):
        return "teaser"
    return None


def _is_credit_tag(tag: str, cues: BoilerplateCues) -> bool:
    """Whether a bracketed end tag ("[AFP]") is a photo credit rather than a teaser label.

    Al Jazeera and others end a caption with its credit in brackets; a tag
    that the cue file lists as a credit line on its own (a news agency) is
    that, and the caption before it is a sentence of the article.
    """
    reason = cues.exact.get(_normalize_line(tag.strip()[1:-1]))
    return reason in ("credit", "image_credit")


def _is_follow_prompt(line: str, norm: str, cues: BoilerplateCues) -> bool:
    """"Follow TASS on Telegram", "Follow Al Jazeera English:": a short follow prompt.

    The prompt names a social network (a word of ``[share_tokens]``) last, or
    ends with a colon before a row of icons; at most six words.  A prompt
    that carries a link ("Follow all AP stories on the unrest at https://...")
    may be longer (up to 25 words): an article sentence does not start with
    "Follow" and hold a URL.
    """
    words = norm.split()
    if len(words) <= 6 and (words[-1] in cues.share_tokens or line.rstrip().endswith(":")):
        return True
    return len(words) <= 25 and _URL_RE.search(line) is not None


def _is_menu_item(text: str, max_words: int) -> bool:
    """A label of a site menu: a few capitalised words ("Business & Economy", "NEWS ANALYSIS").

    Every word starts with a capital letter or a digit, apart from "&",
    "and", "of", "the"; no colon and no sentence punctuation at the end, so
    that a sentence-case headline ("Troops leave Almaty"), a headline with a
    speaker ("Tokayev: Order Restored") and a sub-heading ending in a question
    mark ("What Happened?") are never menu items.
    """
    words = text.split()
    if not 0 < len(words) <= max_words or len(text) > _MENU_ITEM_CHARS or ":" in text \
            or _SENTENCE_END_RE.search(text) or _ALNUM_RE.search(text) is None:
        return False
    return all(w[0].isupper() or w[0].isdigit() or w in _MENU_JOINERS for w in words)


def _is_menu_line(line: str) -> bool:
    """A menu flattened onto one line: ``|`` or spaced ``/`` between menu items.

    "News|Protests", "Opinion / Viewpoint", "Home | China | World"; items of at
    most three words each ("Kazakhstan unrest | DW" is a headline and a site
    name: its first part is not a menu item).
    """
    parts = [p for p in _MENU_SEP_RE.split(line) if p]
    return len(parts) >= 2 and all(_is_menu_item(p, 3) for p in parts)


def _is_slash_credit(line: str, cues: BoilerplateCues) -> bool:
    """A photo credit standing alone: "REUTERS/Staff", "Liu Rui/GT", "AFP/Vasily Petrov".

    A credit-shaped line (:func:`_is_credit_text`, at most five words) with a
    slash inside a word, one side of which is a news agency (a credit line of
    the cue file) or an outlet's initials (two to five capitals).
    "Russia/Ukraine talks" (lower case) and "Russia/Ukraine" (no agency) stay.
    """
    words = line.split()
    if len(words) > 5 or not _is_credit_text(line):
        return False
    for w in words:
        parts = w.strip("()[],;").split("/")
        if len(parts) < 2 or not all(parts):
            continue
        for side in (parts[0], parts[-1]):
            if (2 <= len(side) <= 5 and side.isupper()) \
                    or cues.exact.get(_normalize_line(side)) in ("credit", "image_credit"):
                return True
    return False


def _is_credit_text(text: str) -> bool:
    """What follows a caption label is a credit: names, agencies, "via", slashes.

    "Akorda", "Liu Rui/GT", "AFP via Getty Images" are credits; "Protesters in
    Almaty on Wednesday" and "A woman holds a portrait ..." describe the
    picture (a caption, which is article text): they hold lower-case words.
    """
    words = text.split()
    if not 0 < len(words) <= 8:
        return False
    for w in words:
        w = w.strip("()[],;")
        if w and not (w[0].isupper() or w[0].isdigit() or w in _CREDIT_JOINERS
                      or "/" in w or w[0] in "\u00a9@"):
            return False
    return True


def _is_headline_like(text: str) -> bool:
    """A teaser headline: at most ``_TEASER_MAX_WORDS`` words, not ending with a full stop."""
    return len(text.split()) <= _TEASER_MAX_WORDS and not _FULL_STOP_END_RE.search(text)


def _is_body_line(line: str) -> bool:
    # ``split(None, 11)`` stops after 12 words: a paragraph is not split whole
    return len(line.split(None, 11)) >= 12 and bool(_SENTENCE_END_RE.search(line) or "." in line)


# --------------------------------------------------------------------------
# fast path: per-line results are memoised, new lines are screened page-wide
# --------------------------------------------------------------------------
#
# The rules are applied per line after ``_normalize_line`` (NFKC, case folding,
# straight apostrophes, collapsed spaces, stripped edges), ~30 us a line.  Two
# things make that cheap, without changing any result:
#
# 1. Everything the rules need from one line is a pure function of that line
#    (and the cues), so it is memoised per raw line: site furniture recurs on
#    every page of a site.
# 2. Lines not seen before are screened page-wide by compiled regexes that
#    report every line on which *some* cue or structural rule could fire (a
#    superset); only those go through the per-line functions, the others are
#    known to get no reason.  Why the screens are a superset:
#
#    - NFKC: a line that is NFKC-normal once its spaces are plain spaces is
#      normalised by folding each character (``str.casefold`` is context-free,
#      then the apostrophe map), collapsing spaces and stripping edges; lines
#      that are not NFKC-normal are always screened in.
#    - Case: for every character ``c`` whose fold is one character,
#      ``re.IGNORECASE`` matches ``c`` against its fold (tests check this over
#      all of Unicode; the apostrophes get an explicit class), so an
#      IGNORECASE pattern written in folded characters, with a run of spaces
#      for each space, matches the raw line wherever the folded line has the
#      cue.  Lines with characters whose fold is longer ("ß" -> "ss") or
#      changes whether they are a letter or digit are always screened in.
#    - Exact and prefix cues, trailing-section and link-label lines form one
#      trie anchored at the start of the line after edge characters; a suffix
#      cue is screened by its last word just before the trailing edge
#      characters; a substring cue by one word of it anywhere (its rarest
#      character first, so the scan stops rarely); the structural rules by their
#      own start / end shapes.

_APOS_CLASS = "['\u2019\u2018\u02bc\u2032]"
#: characters whose fold is one character but not a letter/digit when they are
#: (or the reverse); a test checks this list against all of Unicode
_ALNUM_CHANGING = "\u02bc\u0345"
#: English letters, most frequent first (" " never anchors a screen)
_COMMON_ORDER = " etaoinshrdlcumwfgypbvkjxqz"
_TOKEN_RUN_RE = re.compile(r"[^\W_]+")
_BLANK = (0, 0, None, None, 0)  # memo value of a blank line
_HAS_REASON, _IS_INTRO, _IS_TRAILING, _IS_LIST = 1, 2, 4, 8


@lru_cache(maxsize=1)
def _planes01() -> str:
    """Every character of Unicode planes 0 and 1 (where all cased letters are)."""
    return np.arange(0x20000, dtype="<u4").tobytes().decode("utf-32-le", "surrogatepass")


def _anchor_rank(ch: str) -> int:
    """How rare ``ch`` is expected to be in text (higher: rarer)."""
    if ch in _COMMON_ORDER:
        return _COMMON_ORDER.index(ch)
    if ch in ".,'-:;/":
        return 0
    return 15 if ch.isalpha() else 40


class _Screen:
    """Compiled screens and the per-line memo for one set of cues."""

    def __init__(self, cues: BoilerplateCues) -> None:
        self.cues = cues

        def atom(p: str) -> str:
            return r"[^\S\n]+" if p == " " else _APOS_CLASS if p == "'" else re.escape(p)

        def word(w: str) -> str:
            return "".join(atom(c) for c in w)

        edge_chars = "".join(re.escape(c) for c in sorted(set(_EDGE) - {" ", "\t"}))
        edge = r"(?:[^\S\n]|[" + edge_chars + "])"
        non_edge = r"[^\s" + edge_chars + "]"
        non_alnum = r"(?:[^\w\n]|_)"

        # exact lines (which must then end) and prefixes, as one trie
        trie: dict = {}
        exact_like = set(cues.exact) | cues.trailing | cues.teaser_intro | cues.teaser_list
        # "follow ": the follow-prompt rule (``_is_follow_prompt``) looks at such lines
        for pattern, is_prefix in [(p, False) for p in sorted(exact_like) if p] + \
                [(p, True) for p, _ in cues.prefixes] + [("follow ", True)]:
            node = trie
            for ch in pattern:
                node = node.setdefault(ch, {})
            node["$prefix" if is_prefix else "$exact"] = True

        def emit(node: dict, end: str) -> str:
            if node.get("$prefix"):
                return ""
            alts = [atom(ch) + emit(child, end) for ch, child in sorted(node.items())
                    if len(ch) == 1]
            if node.get("$exact"):
                alts.append(end)
            return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

        start = edge + "*" + emit(trie, edge + r"*(?=\n)")

        # lines made only of token-list words and numbers (date stamps, counters,
        # share buttons): each letter/digit run is a run of a listed word or a number
        runs: dict = {}
        for w in cues.share_tokens | cues.counter_tokens | cues.date_tokens | cues.date_filler:
            for run in _TOKEN_RUN_RE.findall(w):
                node = runs
                for ch in run:
                    node = node.setdefault(ch, {})
                node["$exact"] = True
        number = r"\d+(?:st|nd|rd|th|am|pm|k|m|h)?"
        run_alts = [number] + ([emit(runs, "")] if runs else [])
        tokens = (non_alnum + "*(?:(?:" + "|".join(run_alts) + r")(?![^\W_])" + non_alnum
                  + r"*)+(?=\n)")

        # line ends: suffix cues by their last word, teaser tags, truncation
        ends = [r"(?<=\])", r"(?=[^\n]*(?:\.\.\.|\u2026)[^\S\n]*\n)"]
        ends += ["(?<=" + word(w) + ")"
                 for w in sorted({p.rsplit(" ", 1)[-1] for p, _ in cues.suffixes} | {"agencies"})]
        end = r"(?>[^\n]*" + non_edge + ")(?:" + "|".join(ends) + ")"

        byline = r"[^\S\n]*(?:by|written|words|story)[^\S\n]"
        divider = r"[^\S\n]*(?:[^\w\s]|_)" + non_alnum + r"*(?=\n)"
        # caption labels followed by a credit (menus flattened onto one line and
        # slash credits hold "|" or "/": ``learn`` screens those by the character)
        caption = r"[^\S\n]*(?:photo|picture|image|illustration|graphic)"
        #: on "\n" + text + "\n": one match per screened line, at its "\n"
        self.line_re = re.compile(
            r"\n(?:" + "|".join([start, byline, divider, tokens, end, caption]) + ")",
            re.IGNORECASE,
        )

        # substring cues: one word each, anchored at its rarest character; the
        # anchor is an explicit character class (all IGNORECASE variants) so
        # that the regex engine can skip quickly to the next candidate
        groups: dict[str, set[str]] = {}
        for pattern, _ in cues.contains:
            w, k = max(((w, k) for w in pattern.split(" ") if w for k in range(len(w))),
                       key=lambda wk: (_anchor_rank(wk[0][wk[1]]), len(wk[0])))
            groups.setdefault(w[k], set()).add(
                "(?<=" + word(w[: k + 1]) + ")" + word(w[k + 1 :]))
        if groups:
            variants = {a: set(re.findall("(?i)" + atom(a), _planes01())) | {a} for a in groups}
            alts = ["(?<=" + _char_class(variants[a]) + ")(?i:" + "|".join(sorted(rests)) + ")"
                    for a, rests in sorted(groups.items())]
            self.any_re: re.Pattern[str] | None = re.compile(
                _char_class(set().union(*variants.values())) + "(?:" + "|".join(alts) + ")")
        else:
            self.any_re = None
        #: the screened words of the substring cues, when all are ASCII
        words = sorted({w for a, rests in groups.items() for w in _screen_words(cues, a)})
        self.any_words = words if all(w.isascii() for w in words) else None
        self.any_apostrophe = any("'" in w for w in words)
        #: raw line -> (offset of its first non-space, trimmed length, norm or
        #: None if no rule can fire, reason, flags)
        self.memo: dict[str, tuple[int, int, str | None, str | None, int]] = {}
        self.memo_chars = 0  # characters held by the keys of ``memo``

    def learn(self, text: str, lines: list[str], facts: list) -> None:
        """Fill in the facts of the lines of ``text`` not in the memo (``None`` in ``facts``).

        ``lines`` is ``text.split("\\n")``.  The memo is emptied when its keys
        hold ``_MEMO_MAX_CHARS`` characters, so its memory is bounded however
        long the lines are.
        """
        miss = [i for i, f in enumerate(facts) if f is None]
        if len(miss) < len(lines):
            # Every screen is line-local (no pattern matches a "\n" other than
            # the one that starts or ends the line it screens), so screening
            # only the new lines, joined, screens each of them as in ``text``.
            lines = [lines[i] for i in miss]
            text = "\n".join(lines)
        data = text.encode("utf-8", "surrogatepass")
        screened = set(_forced_lines(text, lines, data))
        padded = "\n" + text + "\n"
        line_no, pos = -1, 0
        for m in self.line_re.finditer(padded):
            # the "\n" at m.start() of the padded text starts that line of text:
            # its number is the count of "\n" up to and including it, minus one
            line_no += padded.count("\n", pos, m.start() + 1)
            pos = m.start() + 1
            screened.add(line_no)
        if self.any_re is not None:
            screened.update(self._substring_lines(text, lines, data))
        if "|" in text or "/" in text:  # one-line menus and slash credits
            screened.update(_lines_with_slash_or_bar(lines))
        memo, cues = self.memo, self.cues
        if self.memo_chars >= _MEMO_MAX_CHARS:  # bound memory
            memo.clear()
            self.memo_chars = 0
        added = 0
        for j, (i, line) in enumerate(zip(miss, lines, strict=True)):
            body = line.strip()
            if not body:
                f = _BLANK
            elif j not in screened:
                f = (len(line) - len(line.lstrip()), len(body), None, None, 0)
            else:
                norm = _normalize_line(body)
                reason = (_cue_reason(norm, cues) if norm else None) or \
                    _structural_reason(body, norm, cues)
                flags = ((_HAS_REASON if reason else 0)
                         | (_IS_INTRO if norm in cues.teaser_intro else 0)
                         | (_IS_TRAILING if norm in cues.trailing else 0)
                         | (_IS_LIST if norm in cues.teaser_list else 0))
                f = (len(line) - len(line.lstrip()), len(body), norm, reason, flags)
            facts[i] = f
            memo[line] = f
            added += len(line)
        self.memo_chars += added

    def _substring_lines(self, text: str, lines: list[str], data: bytes) -> list[int]:
        """Lines of ``text`` on which ``any_re`` could match (a superset).

        ``any_re`` matches one of ``any_words`` case-insensitively.  For an
        ASCII word, ``re.IGNORECASE`` matches a pattern letter only to ASCII
        letters and the four characters of ``_ASCII_CASE_OTHERS`` (a test
        checks this over all of Unicode), and every other pattern character
        only to itself, apart from the apostrophe class.  So on a text without
        those four characters, a match is a run of ASCII characters whose
        lower case is the word, and ``bytes.find`` on the text encoded in UTF-8,
        ASCII letters lowered and apostrophes made straight, finds it.  The
        line number of a hit is counted in ``"\\n"`` bytes before it.
        """
        words = self.any_words
        if words is None or any(c in text for c in _ASCII_CASE_OTHERS):
            starts = list(accumulate((len(line) + 1 for line in lines), initial=0))
            return [bisect_right(starts, m.start()) - 1 for m in self.any_re.finditer(text)]  # type: ignore[union-attr]
        # UTF-8 encodes ASCII characters as themselves and every other character
        # as bytes >= 0x80, and ``bytes.lower`` lowers ASCII letters only
        folded = data.lower()  # ``data`` is ``text`` in UTF-8 (surrogates passed)
        if self.any_apostrophe:
            for ch in _APOSTROPHE_CHARS:
                b = ch.encode("utf-8")
                if b in folded:
                    folded = folded.replace(b, b"'")
        out: list[int] = []
        for w in words:
            wb = w.encode("ascii")
            pos = folded.find(wb)
            while pos >= 0:
                out.append(folded.count(b"\n", 0, pos))
                pos = folded.find(wb, pos + 1)
        return out


#: the characters other than ASCII ones that ``re.IGNORECASE`` matches to an
#: ASCII character (capital I with dot, dotless i, long s, Kelvin sign; tested)
_ASCII_CASE_OTHERS = "\u0130\u0131\u017f\u212a"


def _lines_with_slash_or_bar(lines: list[str]) -> list[int]:
    """Lines on which a one-line menu or a slash credit could be found (a superset).

    A menu line holds "|" or a "/" with space on both sides
    (``_MENU_SEP_RE``); a slash credit holds "/" and at most five words.
    """
    return [i for i, line in enumerate(lines) if "|" in line or (
        "/" in line and (len(line.split()) <= 5 or _SPACED_SLASH_RE.search(line)))]


_SPACED_SLASH_RE = re.compile(r"\s/\s")


def _screen_words(cues: BoilerplateCues, anchor: str) -> list[str]:
    """The words anchored at ``anchor`` that screen the substring cues (as in ``_Screen``)."""
    out = []
    for pattern, _ in cues.contains:
        w, k = max(((w, k) for w in pattern.split(" ") if w for k in range(len(w))),
                   key=lambda wk: (_anchor_rank(wk[0][wk[1]]), len(wk[0])))
        if w[k] == anchor:
            out.append(w)
    return out


def _char_class(chars: Iterable[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(set(chars))) + "]"


def _forced_lines(text: str, lines: list[str], data: bytes) -> list[int]:
    """Lines the screens cannot vouch for: not NFKC-normal, or with special folds.

    ``data`` is ``text`` encoded in UTF-8 (surrogates passed).
    """
    out: list[int] = []
    if text.isascii():  # ASCII is NFKC-normal and folds to one character each
        return out
    # the non-ASCII characters of ``text``: UTF-8 keeps every other character's
    # bytes (all >= 0x80) together, so deleting the ASCII bytes leaves them
    # intact; ``casefold`` is per character and folds ASCII to one character,
    # so the length test below gives the same answer as on ``text``
    rest = data.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
    # an ASCII line is never forced, and a line that is NFKC-normal holds none of
    # the spaces of ``_NFKC_SPACES`` (all of them normalise to " "), so
    # translating it would not change it
    # A text holding a no-break space is never NFKC-normal (NFKC maps it to
    # " "), so for such a text only the test with the spaces made plain can
    # tell; the non-ASCII lines are listed only when a page-wide test fails.
    if not unicodedata.is_normalized(
        "NFKC", text.replace("\u00a0", " ") if "\u00a0" in text else text
    ):
        out.extend(i for i in _non_ascii_lines(lines)
                   if not unicodedata.is_normalized("NFKC", lines[i])
                   and not unicodedata.is_normalized("NFKC", lines[i].translate(_NFKC_SPACES)))
    if len(rest.casefold()) != len(rest) or any(c in rest for c in _ALNUM_CHANGING):
        out.extend(i for i in _non_ascii_lines(lines) if len(lines[i].casefold()) != len(lines[i])
                   or any(c in lines[i] for c in _ALNUM_CHANGING))
    return out


def _non_ascii_lines(lines: list[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if not line.isascii()]


_ASCII_BYTES = bytes(range(128))
_NFKC_SPACES = str.maketrans(dict.fromkeys(
    "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u202f\u205f\u3000", " "))
_SCREENS: dict[int, _Screen] = {}


def _screen_for(cues: BoilerplateCues) -> _Screen:
    screen = _SCREENS.get(id(cues))
    if screen is not None and screen.cues is cues:  # ``screen`` keeps ``cues`` alive
        return screen
    if len(_SCREENS) >= 8:  # ``extra_cues`` makes new cues per call: keep a few
        _SCREENS.pop(next(iter(_SCREENS)))
    screen = _SCREENS[id(cues)] = _Screen(cues)
    return screen


def _find_spans(text: str, cues: BoilerplateCues, template: TemplateModel | None,
                publisher: str | None, max_cue_line_chars: int,
                min_body_lines: int) -> list[BoilerplateSpan]:
    """:func:`find_boilerplate` on memoised line facts (same rules, same order)."""
    screen = _screen_for(cues)
    raw = text.split("\n")
    memo = screen.memo
    facts = list(map(memo.get, raw))
    if None in facts:
        screen.learn(text, raw, facts)
    # non-blank lines, numbered as in the straightforward formulation
    rows = [i for i, f in enumerate(facts) if f is not _BLANK]
    n = len(rows)
    if n == 0:
        return []
    info = [facts[i] for i in rows]
    max_chars = max_cue_line_chars
    reasons: dict[int, str] = {}
    intro: list[int] = []
    trailing: list[int] = []
    lists: list[int] = []
    for k in [k for k, f in enumerate(info) if f[4]]:  # most lines have no flag
        f = info[k]
        if f[1] <= max_chars:
            if f[3] is not None:
                reasons[k] = f[3]
            if f[4] & _IS_INTRO:
                intro.append(k)
            if f[4] & _IS_TRAILING:
                trailing.append(k)
            if f[4] & _IS_LIST:
                lists.append(k)
    if template is not None:
        for k in _template_rows(raw, rows, info, template, publisher, max_chars, reasons):  # type: ignore[arg-type]
            reasons[k] = "template_line"

    def line(k: int) -> str:
        off, length = info[k][0], info[k][1]
        return raw[rows[k]][off : off + length]

    # author labels next to a date stamp or a byline: "Date 08.01.2022" / "Author X"
    for k in [k for k, r in reasons.items() if r in _METADATA_REASONS]:
        for x in (k - 1, k + 1):
            if 0 <= x < n and x not in reasons and info[x][1] <= max_chars \
                    and _AUTHOR_LABEL_RE.match(line(x)):
                reasons[x] = "credit"
    # link labels: "Previous Story" -> next line is another story's headline
    for k in intro:
        reasons[k] = reasons.get(k) or "navigation"
        if k + 1 < n and info[k + 1][1] <= max_chars and k + 1 not in reasons:
            reasons[k + 1] = "teaser"
    # list headings: "Related Coverage" -> the headlines of its block are teasers
    if lists:
        for k in lists:
            reasons[k] = reasons.get(k) or "navigation"
        for k in _teaser_list_rows(lists, rows, info, line, reasons, max_chars, min_body_lines):
            reasons[k] = "teaser"
    # menus of short capitalised lines before the first / after the last body line
    menu_rows = _menu_run_rows(n, info, line, reasons, max_chars)
    # headline of a truncated teaser, and labels sandwiched between boilerplate:
    # both need the next line to be boilerplate
    snapshot = dict(reasons)
    prev = -1
    for j in sorted(snapshot):
        k = j - 1
        if k > prev and info[k][1] <= max_chars:  # k is the last line of a gap
            text_k = line(k)
            words = len(text_k.split())
            if (snapshot[j] == "teaser" and _TRUNCATED_RE.search(line(j)) and words <= 25
                    and not text_k.endswith(_HEADLINE_BAD_END)):
                reasons[k] = "teaser"
            # (the gap's last line is usually article text: rule it out here)
            elif prev >= 0 and words <= 6 and not _SENTENCE_END_RE.search(text_k) \
                    and _is_label_run(map(line, range(k, prev, -1)), k - prev,
                                      snapshot[prev], snapshot[j], max_chars):
                for x in range(prev + 1, j):
                    reasons[x] = "navigation"
        prev = j
    # menus found above (the labels between boilerplate must not see them as
    # boilerplate: a one-word headline between a menu and its byline is kept)
    for k in menu_rows:
        reasons[k] = reasons.get(k) or "navigation"
    # trailing section: the first trailing cue after min_body_lines body lines
    tstart = None
    if trailing:
        body, t = 0, 0
        for k in range(trailing[-1] + 1):
            while t < len(trailing) and trailing[t] < k:
                t += 1
            if trailing[t] == k and body >= min_body_lines:
                tstart = k
                break
            if k not in reasons and _is_body_line(line(k)):
                body += 1
                if body >= min_body_lines:  # then the next trailing cue starts it
                    nxt = next((x for x in trailing if x > k), None)
                    tstart = nxt
                    break
    # merge consecutive boilerplate lines with the same reason
    # line r of ``raw`` starts after r line breaks and the lines before it
    cum = list(accumulate(map(len, raw), initial=0))
    spans: list[BoilerplateSpan] = []
    prev_k, prev_reason = -2, None
    for k in sorted(reasons):
        if tstart is not None and k >= tstart:
            break
        reason = reasons[k]
        a = cum[rows[k]] + rows[k] + info[k][0]
        b = a + info[k][1]
        if k == prev_k + 1 and reason == prev_reason:
            spans[-1] = BoilerplateSpan(spans[-1].start, b, reason)
        else:
            spans.append(BoilerplateSpan(a, b, reason))
        prev_k, prev_reason = k, reason
    if tstart is not None:
        a = cum[rows[tstart]] + rows[tstart] + info[tstart][0]
        b = cum[rows[-1]] + rows[-1] + info[-1][0] + info[-1][1]
        if tstart == prev_k + 1 and prev_reason == "trailing_section":
            spans[-1] = BoilerplateSpan(spans[-1].start, b, "trailing_section")
        else:
            spans.append(BoilerplateSpan(a, b, "trailing_section"))
    return spans


def _teaser_list_rows(lists: list[int], rows: list[int], info: list, line: Any,
                      reasons: Mapping[int, str], max_chars: int,
                      min_body_lines: int) -> list[int]:
    """Lines that get "teaser" after the list headings ``lists`` (``[teaser_list]`` lines).

    Only after ``min_body_lines`` article-body lines (so a "Most Read" box at
    the top of a page never takes the article's headline).  From the heading,
    the lines of the same block (no blank line between: ``rows`` numbers the
    raw lines) that are headline-like (:func:`_is_headline_like`) are
    teasers, stepping over lines that are already boilerplate (a date under a
    headline), up to the first other line.  When that line is prose right
    below the last headline, the headline is kept: it may be a sub-heading of
    the article, followed by its paragraph.
    """
    out: list[int] = []
    n = len(info)
    body, k = 0, 0
    done = set(reasons)
    for start in lists:
        while k < start and body < min_body_lines:
            if k not in reasons and _is_body_line(line(k)):
                body += 1
            k += 1
        if body < min_body_lines:
            continue
        run: list[int] = []
        j = start + 1
        prose = False
        while j < n and rows[j] == rows[j - 1] + 1 and info[j][1] <= max_chars:
            if j not in reasons:
                if not _is_headline_like(line(j)):
                    prose = True
                    break
                run.append(j)
            j += 1
        if prose and run and run[-1] == j - 1:
            run.pop()
        out.extend(x for x in run if x not in done)
    return out


def _menu_run_rows(n: int, info: list, line: Any, reasons: Mapping[int, str],
                   max_chars: int) -> list[int]:
    """Lines of menus at the top (before the first body line) or bottom (after the last).

    A menu is a run of consecutive lines that are boilerplate already or menu
    items (:func:`_is_menu_item`, up to four words); its items that are not
    yet boilerplate become navigation when there are at least two of them
    ("Kazakhstan", "Russia", "Protests" under "Related topics").  An item
    directly followed by a line that is not boilerplate and not a menu item,
    or by a date stamp or a byline, is kept: it may be a short headline
    ("Protests") above its standfirst, first paragraph or byline.  A page
    without a body line (at least 12 words with sentence punctuation) has no
    top or bottom.
    """
    # a body line has 12 words, so at least 23 characters: shorter lines need no test
    first = next((k for k in range(n) if info[k][1] >= 23 and k not in reasons
                  and _is_body_line(line(k))), None)
    if first is None:
        return []
    last = next(k for k in range(n - 1, -1, -1) if info[k][1] >= 23 and k not in reasons
                and _is_body_line(line(k)))
    out: list[int] = []
    for lo, hi in ((0, first), (last + 1, n)):
        menu = {k for k in range(lo, hi)
                if k not in reasons and info[k][1] <= min(max_chars, _MENU_ITEM_CHARS)
                and _is_menu_item(line(k), 4)}
        k = lo
        while k < hi:
            if k not in reasons and k not in menu:
                k += 1
                continue
            run = []
            while k < hi and (k in reasons or k in menu):
                if k in menu and reasons.get(k + 1) not in _METADATA_REASONS:
                    run.append(k)
                k += 1
            # k is the line after the run (hi: the body line, or the end of the page)
            if run and run[-1] == k - 1 and k < n:
                run.pop()
            if len(run) >= 2:
                out.extend(run)
    return out


def _is_label_run(lines_backwards: Iterable[str], n_lines: int, before: str, after: str,
                  max_chars: int) -> bool:
    """Whether lines between two boilerplate lines are labels (navigation).

    One line of up to six words, or several of up to four words each (a menu:
    "Sustainability", "Legal", "Breakingviews"), none ending a sentence.  Next
    to a date stamp or a byline, where headlines sit, a label has at most two
    words (a name such as "FSK"), so a live blog's post title between its time
    stamp and its author is kept.  The lines come last first, lazily: a gap
    is usually article text, whose last line already fails, so the rest of a
    long gap is never read.
    """
    if before in _METADATA_REASONS or after in _METADATA_REASONS:
        limit = _METADATA_LABEL_WORDS
    else:
        limit = 6 if n_lines == 1 else 4
    for text in lines_backwards:
        if len(text) > max_chars or len(text.split()) > limit or _SENTENCE_END_RE.search(text):
            return False
    return True


def _template_rows(raw: list[str], rows: list[int], info: list, template: TemplateModel,
                   publisher: str, max_chars: int, reasons: Mapping[int, str]) -> list[int]:
    """Non-blank line numbers that get "template_line" (no cue or structural reason)."""
    if len(reasons) >= len(info):  # no line is consulted (so no NotFittedError either)
        return []
    lookup = template._lookup(publisher)
    if lookup is None:
        return []
    limit = template.max_line_chars
    ks = [k for k, f in enumerate(info) if f[1] <= limit and k not in reasons]
    lines = [raw[rows[k]].strip() for k in ks]  # the line's text, as f[0] and f[1] locate it
    return [k for k, h in zip(ks, _line_hashes(lines), strict=True) if h in lookup]


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

    return _find_spans(text, cues, template, publisher, max_cue_line_chars, min_body_lines)


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
    elif isinstance(units, np.ndarray) and units.ndim == 2 and units.shape[1] == 2 \
            and units.dtype.kind in "iu":
        pairs = units.tolist()  # the same Python ints as int() of each element
    else:
        pairs = [(int(s), int(e)) for s, e in units]
    signed = isinstance(units, np.ndarray) and units.dtype.kind == "i"  # fits in int64
    ordered = sorted(spans, key=lambda sp: sp.start)
    starts = [sp.start for sp in ordered]
    ends = [sp.end for sp in ordered]
    for k in range(1, len(ordered)):
        if starts[k] < ends[k - 1]:
            raise ValueError(f"boilerplate spans overlap: {ordered[k - 1]} and {ordered[k]}")
    out = np.zeros(len(pairs), dtype=bool)
    if not pairs:
        return out
    if not signed:  # offsets beyond int64 raise OverflowError, as they always did
        np.array(pairs, dtype=np.int64)
    n_text = len(text)
    for u, (s, e) in enumerate(pairs):
        if s < 0 or s > e or e > n_text:
            raise ValueError(f"unit {u} has offsets ({s}, {e}) outside the text "
                             f"of length {n_text}")
    if not ordered:
        return out  # nothing covered: covered (0) >= min_coverage * total only if total is 0
    if any(ends[k] < ends[k - 1] for k in range(1, len(ends))):  # malformed spans
        return _mask_loop(text, pairs, starts, ends, min_coverage, range(len(pairs)), out)
    # Classify units against the span that bisect_right(ends, s) finds: a unit
    # that no span overlaps is never boilerplate (covered 0); a unit inside one
    # span is boilerplate iff it has a non-space character (covered == total);
    # only the rest need counting, done as before.  (A few dozen units a page:
    # a Python loop costs less than numpy's per-call overhead here.)
    m = len(ordered)
    inside: list[int] = []
    mixed: list[int] = []
    for u, (s, e) in enumerate(pairs):
        k = bisect_right(ends, s)
        if k < m and starts[k] < e:
            if starts[k] <= s and e <= ends[k]:
                if s < e and not text[s:e].isspace():
                    inside.append(u)
            else:
                mixed.append(u)
    out[inside] = True
    return _mask_loop(text, pairs, starts, ends, min_coverage, mixed, out)


def _mask_loop(text: str, pairs: Sequence[tuple[int, int]], starts: list[int],
               ends: list[int], min_coverage: float, which: Iterable[int],
               out: np.ndarray) -> np.ndarray:
    """The straightforward coverage rule for the units ``which``."""
    for u in which:
        s, e = pairs[u]
        total = _nonspace(text[s:e])
        if total == 0:
            continue
        covered = 0
        k = bisect_right(ends, s)
        while k < len(starts) and starts[k] < e:
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

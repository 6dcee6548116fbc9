"""Lexicons: the model, the YAML format, LIWC ``.dic`` and quanteda YAML.

A :class:`Lexicon` is an ordered set of categories (one per frame), each
with a codebook description and a list of :class:`Entry` objects (a word, a
multi-word phrase or a prefix wildcard such as ``terror*``, with an optional
weight, exclusions and a note on provenance).

Readers and writers:

- framing's own YAML format (``.yaml``/``.yml``; documented with an example
  in ``lexicons/README.md``), the only format that carries descriptions,
  weights, exclusions and notes;
- LIWC ``.dic`` (read, including the malformed variants quanteda's
  ``read_dict_liwc`` accepts, and write);
- quanteda YAML dictionaries (nested keys become ``parent.child``).

:func:`load_lexicon` dispatches on the file extension; a bare name loads a
bundled lexicon (see :func:`list_bundled_lexicons`). All problems in a file
raise :class:`LexiconError` naming the file, the line, the entry and the
fix; recoverable irregularities in foreign formats emit
:class:`LexiconWarning`.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import math
import os
import re
import sys
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

import numpy as np
import yaml

from framing._resources import bundled_lexicon, list_bundled_lexicons
from framing.normalize import normalize

__all__ = [
    "Entry",
    "Lexicon",
    "LexiconError",
    "LexiconWarning",
    "list_bundled_lexicons",
    "load_lexicon",
    "loads_lexicon",
    "pattern_words",
    "save_lexicon",
]

LexiconFormat = Literal["framing", "quanteda", "liwc"]
_FORMATS: tuple[str, ...] = ("framing", "quanteda", "liwc")
_SUFFIX_FORMAT = {".yaml": "yaml", ".yml": "yaml", ".dic": "liwc"}


class LexiconError(ValueError):
    """An invalid lexicon file or lexicon definition.

    The message names the file, the line, the entry and the fix; the same
    parts are available as attributes.

    Attributes
    ----------
    source : str or None
        File (or ``"<string>"``) the lexicon came from.
    line : int or None
        1-based line number, when known.
    entry : str or None
        The offending entry's pattern, when there is one.
    fix : str or None
        What to do about it.
    """

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        entry: str | None = None,
        fix: str | None = None,
    ) -> None:
        super().__init__(message)
        self.source = source
        self.line = line
        self.entry = entry
        self.fix = fix


class LexiconWarning(UserWarning):
    """A recoverable irregularity in a lexicon file (the fix is in the message)."""


# --------------------------------------------------------------------------
# private helpers: errors and warnings
# --------------------------------------------------------------------------


def _error(
    source: str | None,
    line: int | None,
    problem: str,
    fix: str,
    *,
    entry: str | None = None,
    category: str | None = None,
) -> LexiconError:
    where = source or "<lexicon>"
    if line is not None:
        where += f", line {line}"
    what = ""
    if entry is not None:
        what = f" [entry {entry!r}" + (f" in category {category!r}" if category else "") + "]"
    elif category is not None:
        what = f" [category {category!r}]"
    return LexiconError(
        f"{where}: {problem}{what}. Fix: {fix}", source=source, line=line, entry=entry, fix=fix
    )


def _warn(message: str) -> None:
    """Warn, attributing the warning to the first caller outside this module."""
    level = 2
    frame = sys._getframe(1)
    while frame is not None and frame.f_code.co_filename == __file__:
        frame = frame.f_back  # type: ignore[assignment]
        level += 1
    warnings.warn(message, LexiconWarning, stacklevel=level)


def _suggest(word: str, allowed: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(allowed), n=1)
    return f"did you mean {close[0]!r}? " if close else ""


def _collapse(text: str | None) -> str | None:
    """Whitespace-collapsed text (the canonical form of free text)."""
    return None if text is None else " ".join(text.split())


# --------------------------------------------------------------------------
# pattern syntax
# --------------------------------------------------------------------------

_SEPARATORS = re.compile(r"[\s\-]+")
_WORD_CHAR = re.compile(r"\w")


class _PatternError(ValueError):
    def __init__(self, problem: str, fix: str) -> None:
        super().__init__(problem)
        self.problem = problem
        self.fix = fix


def _words_or_raise(pattern: object) -> tuple[str, ...]:
    if not isinstance(pattern, str):
        raise _PatternError(
            f"a pattern must be text, got {type(pattern).__name__}", "quote the pattern"
        )
    norm = normalize(pattern).text.strip()
    if not norm:
        raise _PatternError("the pattern is empty", "write a word or phrase, or delete the entry")
    if not _WORD_CHAR.search(norm) and "*" in norm:
        raise _PatternError(
            "a wildcard alone would match every word", "attach it to a stem, e.g. terror*"
        )
    if not _WORD_CHAR.search(norm):
        raise _PatternError(
            "the pattern has no letter or digit, so it can never match a word",
            "delete the entry (punctuation is not matched on its own)",
        )
    if norm[0] == "-" or norm[-1] == "-":
        raise _PatternError(
            "a pattern cannot start or end with a hyphen or dash (hyphens separate words)",
            "remove the hyphen; for a prefix use a wildcard such as anti*",
        )
    words = tuple(w for w in _SEPARATORS.split(norm) if w)
    for word in words:
        stars = word.count("*")
        if not stars:
            continue
        if word == "*":
            raise _PatternError(
                "a wildcard alone would match every word", "attach it to a stem, e.g. terror*"
            )
        if "**" in word:
            raise _PatternError("'**' is not a valid wildcard", "use one * at the end of a stem")
        if stars > 1 or not word.endswith("*"):
            raise _PatternError(
                f"in {word!r}, '*' is only allowed at the end of a word (prefix match); "
                "leading and inner wildcards are not supported",
                "use a prefix wildcard such as terror*, or list the word forms",
            )
        if not _WORD_CHAR.match(word[-2]):
            raise _PatternError(
                f"in {word!r}, the wildcard must follow a letter or digit",
                "attach * directly to a word stem, e.g. u.s* is allowed but u.s.* is not",
            )
    return words


def pattern_words(pattern: str) -> tuple[str, ...]:
    """Normalise a pattern and split it into words.

    Words are separated by any run of whitespace and/or hyphens/dashes (so
    ``anti-government`` and ``anti government`` are the same pattern). A word
    may end with ``*`` (prefix wildcard).

    Parameters
    ----------
    pattern : str
        A lexicon pattern.

    Returns
    -------
    tuple of str
        The normalised words.

    Raises
    ------
    LexiconError
        If the pattern is invalid (the message gives the fix).

    Examples
    --------
    >>> pattern_words("Anti‑Government protest*")
    ('anti', 'government', 'protest*')
    >>> pattern_words("coup d’état")
    ('coup', "d'etat")
    """
    try:
        return _words_or_raise(pattern)
    except _PatternError as exc:
        raise _error(None, None, exc.problem, exc.fix, entry=str(pattern)) from None


def _word_may_contain(excl_word: str, entry_word: str) -> bool:
    """Can an occurrence of exclusion word ``excl_word`` be one of ``entry_word``?"""
    x_wild, e_wild = excl_word.endswith("*"), entry_word.endswith("*")
    x_stem, e_stem = excl_word.rstrip("*"), entry_word.rstrip("*")
    if x_wild and e_wild:
        return x_stem.startswith(e_stem) or e_stem.startswith(x_stem)
    if x_wild:
        return e_stem.startswith(x_stem)
    if e_wild:
        return x_stem.startswith(e_stem)
    return x_stem == e_stem


def _phrase_may_contain(excl: tuple[str, ...], words: tuple[str, ...]) -> bool:
    k = len(words)
    return any(
        all(_word_may_contain(excl[i + j], words[j]) for j in range(k))
        for i in range(len(excl) - k + 1)
    )


# --------------------------------------------------------------------------
# the model
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One lexicon entry.

    Parameters
    ----------
    pattern : str
        A word, a multi-word phrase or a prefix wildcard (``terror*``), as
        written in the lexicon.
    category : str
        The category (frame) it belongs to.
    weight : float, default 1.0
        How much one match counts.
    exclusions : tuple of str, default ()
        Phrases containing the entry in which it must not count
        (``coup de grace`` for ``coup``).
    note : str or None
        Why the entry is there (codebook cue, provenance).
    line : int or None
        1-based line of the entry in its source file.

    Examples
    --------
    >>> e = Entry("terror*", "coup_terror", note="codebook cue")
    >>> e.words, e.is_wildcard
    (('terror*',), True)
    """

    pattern: str
    category: str
    weight: float = 1.0
    exclusions: tuple[str, ...] = ()
    note: str | None = None
    line: int | None = None

    @property
    def words(self) -> tuple[str, ...]:
        """The normalised words of the pattern (see :func:`pattern_words`)."""
        return pattern_words(self.pattern)

    @property
    def is_wildcard(self) -> bool:
        """True if any word of the pattern is a prefix wildcard."""
        return "*" in self.pattern

    def to_dict(self) -> dict[str, Any]:
        """Canonical mapping of the entry (the form hashed by :attr:`Lexicon.sha256`)."""
        return {
            "pattern": _collapse(self.pattern),
            "weight": float(self.weight),
            "exclude": [_collapse(x) for x in self.exclusions],
            "note": _collapse(self.note),
        }


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class Lexicon:
    """A validated lexicon: ordered categories with entries.

    Parameters
    ----------
    name : str
        Short name (a bundled lexicon's name is its file name).
    categories : mapping of str to str
        Category name -> description (the codebook definition), in order.
    entries : iterable of Entry
        The entries; every category needs at least one.
    version : str or None
        Version of the lexicon's content.
    description, language, citation, license : str or None
        Metadata. ``language`` is an ISO 639-1 code.
    authors : sequence of str
        Authors.
    source : str or None
        Where it was read from (used in error messages; not part of the
        content hash).

    Raises
    ------
    LexiconError
        For any invalid entry, naming source, line, entry and fix.

    Notes
    -----
    ``sha256`` hashes the canonical form (:meth:`to_dict`) serialised as
    JSON with sorted keys: metadata, categories in order with their
    descriptions, entries in order with pattern, weight (as a float),
    exclusions and note. Free text is whitespace-collapsed, so reformatting a
    YAML file (quoting, indentation, flow or block style, folded lines,
    comments, ``- word`` versus ``- pattern: word``, ``weight: 1`` versus no
    weight) keeps the hash; changing any content, or the order of categories
    or entries (which fixes the ``entry`` indices of matches), changes it.

    Examples
    --------
    >>> lex = Lexicon.from_dict(
    ...     {"conflict": ["war", "terror*"], "peace": ["peace talks"]}, name="demo"
    ... )
    >>> lex.categories
    ('conflict', 'peace')
    >>> [e.pattern for e in lex.entries]
    ['war', 'terror*', 'peace talks']
    >>> lex.category_codes.tolist()
    [0, 0, 1]
    >>> len(lex.sha256)
    64
    """

    def __init__(
        self,
        *,
        name: str,
        categories: Mapping[str, str | None],
        entries: Iterable[Entry],
        version: str | None = None,
        description: str | None = None,
        language: str | None = None,
        citation: str | None = None,
        authors: Sequence[str] = (),
        license: str | None = None,
        source: str | None = None,
    ) -> None:
        self._source = source
        if not isinstance(name, str) or not name.strip():
            raise _error(source, None, "the lexicon needs a non-empty name", "add name: ...")
        self._name = name.strip()
        self._version = None if version is None else str(version)
        self._description = description
        self._language = language
        self._citation = citation
        if isinstance(authors, str):
            authors = (authors,)
        self._authors = tuple(authors)
        self._license = license
        if not isinstance(categories, Mapping) or not categories:
            raise _error(
                source, None, "the lexicon has no categories", "define at least one category"
            )
        for cat in categories:
            if not isinstance(cat, str) or not cat or cat != cat.strip() or _CONTROL.search(cat):
                raise _error(
                    source,
                    None,
                    f"invalid category name {cat!r}",
                    "use a non-empty name without surrounding spaces, tabs or newlines",
                )
        self._categories = tuple(categories)
        self._descriptions = {k: (v or "") for k, v in categories.items()}
        self._entries = tuple(entries)
        self._validate()

    # ---------------------------------------------------------------- checks
    def _validate(self) -> None:
        src = self._source
        seen: dict[tuple[str, tuple[str, ...]], Entry] = {}
        counts = dict.fromkeys(self._categories, 0)
        for entry in self._entries:
            if not isinstance(entry, Entry):
                raise _error(
                    src, None, f"entries must be Entry objects, got {type(entry).__name__}",
                    "build entries with framing.lexicon.Entry",
                )
            line, cat = entry.line, entry.category
            if cat not in counts:
                raise _error(
                    src, line, f"unknown category {cat!r}",
                    f"{_suggest(cat, counts)}use one of: {', '.join(self._categories)}",
                    entry=entry.pattern,
                )
            try:
                words = _words_or_raise(entry.pattern)
            except _PatternError as exc:
                raise _error(src, line, exc.problem, exc.fix, entry=entry.pattern,
                             category=cat) from None
            w = entry.weight
            if isinstance(w, bool) or not isinstance(w, (int, float)) or not math.isfinite(w):
                raise _error(
                    src, line, f"weight must be a finite number, got {w!r}",
                    "write e.g. weight: 2 or weight: 0.5", entry=entry.pattern, category=cat,
                )
            if w == 0:
                raise _error(
                    src, line, "weight 0 makes the entry count nothing",
                    "delete the entry, or use exclude: to block specific phrases",
                    entry=entry.pattern, category=cat,
                )
            excl_seen: set[tuple[str, ...]] = set()
            for excl in entry.exclusions:
                try:
                    xwords = _words_or_raise(excl)
                except _PatternError as exc:
                    raise _error(
                        src, line, f"invalid exclusion {excl!r}: {exc.problem}", exc.fix,
                        entry=entry.pattern, category=cat,
                    ) from None
                if xwords in excl_seen:
                    raise _error(
                        src, line, f"exclusion {excl!r} is listed twice",
                        "delete the duplicate", entry=entry.pattern, category=cat,
                    )
                excl_seen.add(xwords)
                if xwords == words or not _phrase_may_contain(xwords, words):
                    raise _error(
                        src, line,
                        f"exclusion {excl!r} does not contain the entry"
                        if xwords != words else f"exclusion {excl!r} is the entry itself",
                        "an exclusion must be a longer phrase containing the entry "
                        "(e.g. 'coup de grace' for 'coup'); otherwise delete it",
                        entry=entry.pattern, category=cat,
                    )
            key = (cat, words)
            if key in seen:
                first = seen[key]
                at = f" (line {first.line})" if first.line is not None else ""
                same = "" if first.pattern == entry.pattern else (
                    f"; it matches exactly what {first.pattern!r}{at} matches "
                    "(case, accents, hyphens and spacing do not matter)"
                )
                first_at = (
                    f"the first is on line {first.line}" if first.line else "the first is earlier"
                )
                raise _error(
                    src, line, f"duplicate entry in category {cat!r}{same}",
                    f"delete one of the two ({first_at})",
                    entry=entry.pattern, category=cat,
                )
            seen[key] = entry
            counts[cat] += 1
        for cat, n in counts.items():
            if n == 0:
                raise _error(
                    src, None, "category has no entries",
                    "add entries or delete the category", category=cat,
                )

    # ------------------------------------------------------------ accessors
    @property
    def name(self) -> str:
        """Short name of the lexicon."""
        return self._name

    @property
    def version(self) -> str | None:
        """Content version, if the format carries one."""
        return self._version

    @property
    def description(self) -> str | None:
        """What the lexicon measures."""
        return self._description

    @property
    def language(self) -> str | None:
        """ISO 639-1 language code."""
        return self._language

    @property
    def citation(self) -> str | None:
        """How to cite the lexicon."""
        return self._citation

    @property
    def authors(self) -> tuple[str, ...]:
        """Authors."""
        return self._authors

    @property
    def license(self) -> str | None:
        """License of the lexicon's content."""
        return self._license

    @property
    def source(self) -> str | None:
        """Where the lexicon was read from."""
        return self._source

    @property
    def categories(self) -> tuple[str, ...]:
        """Category names, in order."""
        return self._categories

    @property
    def descriptions(self) -> dict[str, str]:
        """Category name -> description (a copy)."""
        return dict(self._descriptions)

    @property
    def entries(self) -> tuple[Entry, ...]:
        """All entries, in order; match tables refer to entries by index here."""
        return self._entries

    @cached_property
    def category_codes(self) -> np.ndarray:
        """Index into :attr:`categories` of every entry (``int32``, read-only)."""
        index = {c: i for i, c in enumerate(self._categories)}
        arr = np.fromiter((index[e.category] for e in self._entries), dtype=np.int32,
                          count=len(self._entries))
        arr.flags.writeable = False
        return arr

    @cached_property
    def weights(self) -> np.ndarray:
        """Weight of every entry (``float64``, read-only)."""
        arr = np.fromiter((float(e.weight) for e in self._entries), dtype=np.float64,
                          count=len(self._entries))
        arr.flags.writeable = False
        return arr

    def entries_in(self, category: str) -> tuple[Entry, ...]:
        """Entries of one category.

        Examples
        --------
        >>> lex = Lexicon.from_dict({"a": ["x"], "b": ["y", "z"]}, name="demo")
        >>> [e.pattern for e in lex.entries_in("b")]
        ['y', 'z']
        """
        if category not in self._descriptions:
            raise KeyError(
                f"no category {category!r}; {_suggest(category, self._categories)}"
                f"categories: {', '.join(self._categories)}"
            )
        return tuple(e for e in self._entries if e.category == category)

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        version = f" {self._version}" if self._version else ""
        return (
            f"<Lexicon {self._name!r}{version}: {len(self._entries)} entries in "
            f"{len(self._categories)} categories ({', '.join(self._categories)})>"
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Lexicon):
            return NotImplemented
        return self.sha256 == other.sha256

    def __hash__(self) -> int:
        return hash(self.sha256)

    # ------------------------------------------------------- canonical form
    def to_dict(self) -> dict[str, Any]:
        """The canonical form: plain data, in order (what ``sha256`` hashes).

        Examples
        --------
        >>> lex = Lexicon.from_dict({"a": ["x"]}, name="demo", version="1")
        >>> lex.to_dict()["entries"]
        [{'pattern': 'x', 'weight': 1.0, 'exclude': [], 'note': None, 'category': 'a'}]
        """
        return {
            "name": self._name,
            "version": self._version,
            "description": _collapse(self._description),
            "language": self._language,
            "citation": _collapse(self._citation),
            "authors": list(self._authors),
            "license": self._license,
            "categories": [
                {"name": cat, "description": _collapse(self._descriptions[cat])}
                for cat in self._categories
            ],
            "entries": [{**e.to_dict(), "category": e.category} for e in self._entries],
        }

    @cached_property
    def sha256(self) -> str:
        """SHA-256 of the canonical form (see Notes of :class:`Lexicon`)."""
        blob = json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False,
                          separators=(",", ":"))
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

    # ---------------------------------------------------------- constructors
    @classmethod
    def from_dict(
        cls,
        categories: Mapping[str, Iterable[str | Mapping[str, Any]]],
        *,
        name: str,
        version: str | None = None,
        descriptions: Mapping[str, str] | None = None,
        **metadata: Any,
    ) -> Lexicon:
        """Build a lexicon from plain data (handy in notebooks and tests).

        Parameters
        ----------
        categories : mapping
            Category name -> list of entries; an entry is a pattern string or
            a mapping with ``pattern`` and optional ``weight``, ``exclude``,
            ``note`` (as in the YAML format).
        name : str
            Name of the lexicon.
        version : str, optional
            Version.
        descriptions : mapping, optional
            Category name -> description.
        **metadata
            ``description``, ``language``, ``citation``, ``authors``,
            ``license``.

        Examples
        --------
        >>> lex = Lexicon.from_dict(
        ...     {"coup": [{"pattern": "coup", "exclude": ["coup de grace"]}]}, name="demo"
        ... )
        >>> lex.entries[0].exclusions
        ('coup de grace',)
        """
        allowed_meta = {"description", "language", "citation", "authors", "license", "source"}
        unknown = set(metadata) - allowed_meta
        if unknown:
            raise TypeError(f"unexpected keyword argument(s): {', '.join(sorted(unknown))}")
        descriptions = dict(descriptions or {})
        entries: list[Entry] = []
        for cat, items in categories.items():
            if isinstance(items, (str, bytes)):
                raise _error(
                    metadata.get("source"), None, "entries must be a list",
                    f"write {cat!r}: [{items!r}]", category=str(cat),
                )
            for item in items:
                if isinstance(item, Mapping):
                    extra = set(item) - {"pattern", "weight", "exclude", "note"}
                    if extra or "pattern" not in item:
                        raise _error(
                            metadata.get("source"), None,
                            f"an entry mapping needs 'pattern' and only pattern/weight/"
                            f"exclude/note, got keys {sorted(item)}",
                            "fix the keys", category=str(cat),
                        )
                    entries.append(
                        Entry(
                            pattern=item["pattern"],
                            category=cat,
                            weight=item.get("weight", 1.0),
                            exclusions=tuple(item.get("exclude", ()) or ()),
                            note=item.get("note"),
                        )
                    )
                else:
                    entries.append(Entry(pattern=item, category=cat))
        return cls(
            name=name,
            version=version,
            categories={c: descriptions.get(c, "") for c in categories},
            entries=entries,
            **metadata,
        )

    # --------------------------------------------------------------- writers
    def to_yaml(self, *, version: str | None = None,
                descriptions: Mapping[str, str] | None = None) -> str:
        """Serialise in framing's YAML format (round-trips with :func:`loads_lexicon`).

        The format requires a version and a description for every category. A
        lexicon read from a format that has neither (LIWC ``.dic``, quanteda
        YAML) needs them supplied here; nothing is made up.

        Parameters
        ----------
        version : str, optional
            Written instead of the lexicon's own version.
        descriptions : mapping, optional
            Category name -> description, written instead of the lexicon's own
            for the categories given.

        Raises
        ------
        LexiconError
            If the version or a category description is still missing, naming
            what is missing and how to supply it.

        Examples
        --------
        >>> lex = Lexicon.from_dict({"a": ["x", {"pattern": "y", "weight": 2}]},
        ...                         name="demo", version="1", descriptions={"a": "A."})
        >>> loads_lexicon(lex.to_yaml()).sha256 == lex.sha256
        True
        >>> bare = Lexicon.from_dict({"a": ["x"]}, name="demo")
        >>> loads_lexicon(bare.to_yaml(version="1", descriptions={"a": "A."})).version
        '1'
        """
        version = self._version if version is None else str(version)
        unknown = sorted(set(descriptions or {}) - set(self._categories))
        if unknown:
            raise LexiconError(
                f"lexicon {self._name!r} has no categories {', '.join(map(repr, unknown))}",
                fix=f"describe only its categories: {', '.join(self._categories)}",
            )
        described = {**self._descriptions, **{k: str(v) for k, v in (descriptions or {}).items()}}
        missing = []
        if not version:
            missing.append("a version (version=...)")
        empty = [c for c in self._categories if not described[c].strip()]
        if empty:
            missing.append("descriptions of categories " + ", ".join(map(repr, empty))
                           + " (descriptions={category: text})")
        if missing:
            raise LexiconError(
                f"lexicon {self._name!r} cannot be written as framing YAML: the format requires "
                f"{' and '.join(missing)}; pass them to to_yaml() or save_lexicon()",
                fix="supply them, or write LIWC (.dic), which carries neither",
            )
        doc: dict[str, Any] = {"name": self._name, "version": version}
        for key in ("description", "language", "citation"):
            value = getattr(self, "_" + key)
            if value is not None:
                doc[key] = value
        if self._authors:
            doc["authors"] = list(self._authors)
        if self._license is not None:
            doc["license"] = self._license
        cats: dict[str, Any] = {}
        for cat in self._categories:
            items: list[Any] = []
            for e in self._entries:
                if e.category != cat:
                    continue
                if e.weight == 1 and not e.exclusions and e.note is None:
                    items.append(e.pattern)
                    continue
                item: dict[str, Any] = {"pattern": e.pattern}
                if e.weight != 1:
                    item["weight"] = e.weight
                if e.exclusions:
                    item["exclude"] = list(e.exclusions)
                if e.note is not None:
                    item["note"] = e.note
                items.append(item)
            cats[cat] = {"description": described[cat], "entries": items}
        doc["categories"] = cats
        if list(self._entries) != sorted(
            self._entries, key=lambda e: self._categories.index(e.category)
        ):
            _warn(
                f"lexicon {self._name!r}: entries of different categories are interleaved; "
                "the YAML format groups them by category, so entry indices will change "
                "(and so will sha256)"
            )
        return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)

    def to_liwc(self) -> str:
        """Serialise as a LIWC ``.dic`` file.

        LIWC files carry only categories and words: descriptions, metadata,
        weights, exclusions and notes are dropped, with a
        :class:`LexiconWarning` when any entry had weights, exclusions or
        notes. A pattern in several categories is written once, with all
        its category numbers.

        Examples
        --------
        >>> lex = Lexicon.from_dict({"a": ["war", "terror*"], "b": ["war"]}, name="demo")
        >>> lex.to_liwc().splitlines()
        ['%', '1\\ta', '2\\tb', '%', 'war\\t1\\t2', 'terror*\\t1']
        """
        for cat in self._categories:
            if re.search(r"\s", cat):
                raise _error(
                    self._source, None, "LIWC category names cannot contain whitespace",
                    "rename the category (e.g. with underscores) before writing .dic",
                    category=cat,
                )
        lost = [e.pattern for e in self._entries
                if e.weight != 1 or e.exclusions or e.note is not None]
        if lost:
            _warn(
                f"lexicon {self._name!r}: the LIWC format has no weights, exclusions or "
                f"notes; they are dropped for {len(lost)} entries (e.g. {lost[0]!r}). "
                "Keep the YAML file as the source of truth"
            )
        ids = {c: i + 1 for i, c in enumerate(self._categories)}
        lines = ["%"] + [f"{ids[c]}\t{c}" for c in self._categories] + ["%"]
        by_pattern: dict[str, list[int]] = {}
        for e in self._entries:
            key = " ".join(e.pattern.split())
            by_pattern.setdefault(key, [])
            if ids[e.category] not in by_pattern[key]:
                by_pattern[key].append(ids[e.category])
        lines += [p + "".join(f"\t{i}" for i in codes) for p, codes in by_pattern.items()]
        return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------
# decoding
# --------------------------------------------------------------------------


def _decode(data: bytes, source: str, encoding: str) -> str:
    if encoding.replace("_", "-").lower() in ("utf-8", "utf8") and data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        bad = data[exc.start]
        raise _error(
            source, line,
            f"byte offset {exc.start} (0x{bad:02x}) is not valid {encoding} ({exc.reason})",
            "save the file as UTF-8 (e.g. iconv -f windows-1252 -t utf-8 old > new), "
            "or pass encoding= with the file's real encoding",
        ) from None


# --------------------------------------------------------------------------
# YAML helpers (node tree with line numbers)
# --------------------------------------------------------------------------


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _compose(text: str, source: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = " ".join(filter(None, [exc.context, exc.problem]))
        raise _error(
            source, line, f"YAML syntax error: {problem}",
            "check indentation (spaces, not tabs) and quoting near that line; quote "
            "patterns that contain ': ' or start with *, &, !, %, @, ` or a quote",
        ) from None
    except yaml.YAMLError as exc:
        raise _error(source, None, f"YAML error: {exc}", "fix the YAML syntax") from None


def _pairs(
    node: yaml.Node, source: str, what: str, fix: str
) -> list[tuple[str, yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        raise _error(source, _line(node), f"{what} must be a mapping (key: value)", fix)
    out: list[tuple[str, yaml.Node, yaml.Node]] = []
    seen: dict[str, int] = {}
    for knode, vnode in node.value:
        if not isinstance(knode, yaml.ScalarNode) or not knode.value.strip():
            raise _error(source, _line(knode), f"invalid key in {what}", "use a plain name as key")
        key = knode.value
        if key in seen:
            raise _error(
                source, _line(knode),
                f"duplicate key {key!r} in {what} (first on line {seen[key]})",
                "merge the two or rename one",
            )
        seen[key] = _line(knode)
        out.append((key, knode, vnode))
    return out


def _text(node: yaml.Node, source: str, what: str, *, allow_empty: bool = False) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise _error(source, _line(node), f"{what} must be text, not a list or mapping",
                     f"write {what} as a single (quoted) string")
    if node.tag == "tag:yaml.org,2002:null" or (not node.value.strip() and not allow_empty):
        raise _error(source, _line(node), f"{what} is empty", f"write a value for {what}")
    return node.value


def _check_keys(pairs: list[tuple[str, yaml.Node, yaml.Node]], allowed: Sequence[str],
                source: str, where: str, *, category: str | None = None,
                entry: str | None = None) -> None:
    for key, knode, _ in pairs:
        if key not in allowed:
            raise _error(
                source, _line(knode), f"unknown key {key!r} in {where}",
                f"{_suggest(key, allowed)}allowed keys: {', '.join(allowed)}",
                category=category, entry=entry,
            )


# --------------------------------------------------------------------------
# framing YAML
# --------------------------------------------------------------------------

_TOP_KEYS = ("name", "version", "description", "language", "citation", "authors", "license",
             "categories")
_CATEGORY_KEYS = ("description", "entries")
_ENTRY_KEYS = ("pattern", "weight", "exclude", "note")


def _parse_framing(root: yaml.Node | None, source: str) -> Lexicon:
    fix_top = "start the file with name:, version:, categories: (see lexicons/README.md)"
    if root is None:
        raise _error(source, None, "the file is empty", fix_top)
    pairs = _pairs(root, source, "the top level", fix_top)
    _check_keys(pairs, _TOP_KEYS, source, "the top level")
    top = {k: (kn, vn) for k, kn, vn in pairs}
    for required in ("name", "version", "categories"):
        if required not in top:
            raise _error(source, 1, f"missing required key {required!r}", fix_top)
    meta: dict[str, Any] = {}
    for key in ("name", "version", "description", "language", "citation", "license"):
        if key in top:
            meta[key] = _text(top[key][1], source, key)
    if "authors" in top:
        anode = top["authors"][1]
        if isinstance(anode, yaml.ScalarNode):
            meta["authors"] = (_text(anode, source, "authors"),)
        elif isinstance(anode, yaml.SequenceNode):
            meta["authors"] = tuple(_text(a, source, "an author") for a in anode.value)
        else:
            raise _error(source, _line(anode), "authors must be a list of names",
                         "write authors: [First Author, Second Author]")
    cnode = top["categories"][1]
    fix_cat = ("write categories: then one indented 'name:' per category with description: "
               "and entries:")
    cat_pairs = _pairs(cnode, source, "categories", fix_cat)
    if not cat_pairs:
        raise _error(source, _line(cnode), "categories is empty", fix_cat)
    categories: dict[str, str] = {}
    entries: list[Entry] = []
    for cat, knode, vnode in cat_pairs:
        if isinstance(vnode, yaml.ScalarNode) and vnode.tag == "tag:yaml.org,2002:null":
            raise _error(source, _line(knode), "category has no description and no entries",
                         "add description: and entries: under it", category=cat)
        body = _pairs(vnode, source, f"category {cat!r}",
                      "give the category description: and entries: keys")
        _check_keys(body, _CATEGORY_KEYS, source, f"category {cat!r}", category=cat)
        fields = {k: (kn, vn) for k, kn, vn in body}
        if "description" not in fields:
            raise _error(source, _line(knode), "category has no description",
                         "add description: with the codebook definition", category=cat)
        categories[cat] = _text(fields["description"][1], source,
                                f"the description of category {cat!r}")
        if "entries" not in fields:
            raise _error(source, _line(knode), "category has no entries",
                         "add entries: with at least one pattern, or delete the category",
                         category=cat)
        enode = fields["entries"][1]
        if isinstance(enode, yaml.ScalarNode) and enode.tag == "tag:yaml.org,2002:null":
            items: list[yaml.Node] = []
        elif isinstance(enode, yaml.SequenceNode):
            items = enode.value
        else:
            raise _error(source, _line(enode), "entries must be a list",
                         "write each entry on its own line starting with '- '", category=cat)
        if not items:
            raise _error(source, _line(enode), "category has no entries",
                         "add at least one entry, or delete the category", category=cat)
        for item in items:
            entries.append(_parse_entry(item, cat, source))
    return Lexicon(categories=categories, entries=entries, source=source, **meta)


def _parse_entry(item: yaml.Node, cat: str, source: str) -> Entry:
    line = _line(item)
    if isinstance(item, yaml.ScalarNode):
        if item.tag == "tag:yaml.org,2002:null" or not item.value.strip():
            raise _error(source, line, "empty entry", "write a pattern or delete the line",
                         category=cat)
        return Entry(pattern=item.value, category=cat, line=line)
    if isinstance(item, yaml.SequenceNode):
        raise _error(source, line, "an entry cannot be a list",
                     "write one pattern per '- ' line", category=cat)
    fields = _pairs(item, source, "an entry", "write '- pattern: ...' with weight/exclude/note")
    byname = {k: vn for k, _, vn in fields}
    pattern = None
    if "pattern" in byname:
        pattern = _text(byname["pattern"], source, "pattern")
    _check_keys(fields, _ENTRY_KEYS, source, "an entry", category=cat, entry=pattern)
    if pattern is None:
        raise _error(source, line, "entry has no pattern",
                     "add pattern: with the word or phrase", category=cat)
    weight: float = 1.0
    if "weight" in byname:
        wnode = byname["weight"]
        if not isinstance(wnode, yaml.ScalarNode) or wnode.tag not in (
            "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
        ):
            raise _error(source, _line(wnode), f"weight must be a number, got {wnode.value!r}"
                         if isinstance(wnode, yaml.ScalarNode) else "weight must be a number",
                         "write e.g. weight: 2 or weight: 0.5 (unquoted)",
                         entry=pattern, category=cat)
        weight = yaml.SafeLoader("").construct_object(wnode)
    exclusions: tuple[str, ...] = ()
    if "exclude" in byname:
        xnode = byname["exclude"]
        if not isinstance(xnode, yaml.SequenceNode):
            raise _error(source, _line(xnode), "exclude must be a list of phrases",
                         "write exclude: [coup de grace, not a coup]", entry=pattern, category=cat)
        exclusions = tuple(_text(x, source, "an exclusion") for x in xnode.value)
    note = _text(byname["note"], source, "note") if "note" in byname else None
    return Entry(pattern=pattern, category=cat, weight=weight, exclusions=exclusions,
                 note=note, line=line)


# --------------------------------------------------------------------------
# quanteda YAML
# --------------------------------------------------------------------------


def _parse_quanteda(root: yaml.Node | None, source: str, name: str) -> Lexicon:
    fix = "a quanteda dictionary maps each key to a list of patterns (or to nested keys)"
    if root is None:
        raise _error(source, None, "the file is empty", fix)
    categories: dict[str, str] = {}
    entries: list[Entry] = []
    seen: dict[tuple[str, tuple[str, ...]], int] = {}

    def add(cat: str, node: yaml.Node) -> None:
        if not isinstance(node, yaml.ScalarNode) or node.tag == "tag:yaml.org,2002:null":
            raise _error(source, _line(node), "a pattern must be text",
                         "list patterns as strings", category=cat)
        pattern = node.value
        if "?" in pattern:
            raise _error(
                source, _line(node), "the single-character glob '?' is not supported",
                "replace it with a prefix wildcard (word*) or list the word forms",
                entry=pattern, category=cat,
            )
        try:
            words = _words_or_raise(pattern)
        except _PatternError as exc:
            raise _error(source, _line(node), exc.problem, exc.fix, entry=pattern,
                         category=cat) from None
        if (cat, words) in seen:
            _warn(
                f"{source}, line {_line(node)}: duplicate pattern {pattern!r} in key {cat!r} "
                f"(first on line {seen[(cat, words)]}) ignored, as quanteda does; "
                "delete it from the file"
            )
            return
        seen[(cat, words)] = _line(node)
        categories.setdefault(cat, "")
        entries.append(Entry(pattern=pattern, category=cat, line=_line(node)))

    def walk(node: yaml.Node, prefix: str) -> None:
        for key, knode, vnode in _pairs(node, source, f"key {prefix or '(top level)'}", fix):
            cat = prefix if key == "__" and prefix else (f"{prefix}.{key}" if prefix else key)
            if isinstance(vnode, yaml.MappingNode):
                walk(vnode, cat)
            elif isinstance(vnode, yaml.SequenceNode):
                if not vnode.value:
                    _warn(f"{source}, line {_line(knode)}: empty key {cat!r} removed, as "
                          "quanteda does; delete it from the file")
                for item in vnode.value:
                    add(cat, item)
            elif vnode.tag == "tag:yaml.org,2002:null":
                _warn(f"{source}, line {_line(knode)}: empty key {cat!r} removed, as quanteda "
                      "does; delete it from the file")
            else:
                add(cat, vnode)

    walk(root, "")
    if not entries:
        raise _error(source, None, "the dictionary has no patterns", fix)
    # order categories by first appearance in the file
    return Lexicon(name=name, categories=categories, entries=entries, source=source)


# --------------------------------------------------------------------------
# LIWC .dic
# --------------------------------------------------------------------------

_HEADER_LINE = re.compile(r"^(\d+)\s+(\S(?:.*\S)?)$")
_CONDITIONAL = re.compile(r"\(([^()]*)\)\s*(\d+)(?:/(\d+))?")
_LIWC_FIX = ("a LIWC file is: a line with %, one 'number<TAB>name' line per category, "
             "a line with %, then 'word<TAB>number<TAB>number...' lines")


def _parse_liwc(text: str, source: str, name: str) -> Lexicon:
    raw_lines = text.splitlines()
    numbered = [(i + 1, ln.strip()) for i, ln in enumerate(raw_lines)]
    content = [(n, ln) for n, ln in numbered if ln]
    if not content:
        raise _error(source, None, "the file is empty", _LIWC_FIX)
    marks = [k for k, (_, ln) in enumerate(content) if ln == "%"]
    if not marks:
        raise _error(source, None, "no '%' line marks the category header", _LIWC_FIX)
    if len(marks) == 1:
        k = marks[0]
        if k == 0:
            # opening % only: the header ends at the first line that is not "number name"
            end = next((j for j in range(1, len(content))
                        if not _HEADER_LINE.match(content[j][1])), len(content))
            # a word line such as "happy 1" also looks like "number name" only if the
            # word is a number, so the first non-header line is a reliable end
            _warn(f"{source}: the closing '%' of the category header is missing; assumed "
                  f"before line {content[end][0] if end < len(content) else 'EOF'}. Add it")
            header, body = content[1:end], content[end:]
        else:
            _warn(f"{source}: the opening '%' of the category header is missing; assumed at "
                  f"the top of the file. Add it")
            header, body = content[:k], content[k + 1:]
    else:
        first, second = marks[0], marks[1]
        if first != 0:
            raise _error(source, content[0][0], f"unexpected text {content[0][1]!r} before the "
                         "category header", "delete it; the file must start with a '%' line")
        header, body = content[first + 1:second], content[second + 1:]
        extra = [content[k][0] for k in marks[2:]]
        if extra:
            _warn(f"{source}: extra '%' line(s) {extra} ignored; delete them")
            body = [(n, ln) for n, ln in body if ln != "%"]

    ids: dict[str, str] = {}
    cat_lines: dict[str, int] = {}
    for n, ln in header:
        m = _HEADER_LINE.match(ln)
        if not m:
            raise _error(source, n, f"category line {ln!r} is not 'number<TAB>name'",
                         "write the category number, a tab, then the name")
        cid, cname = str(int(m.group(1))), m.group(2).strip()
        if cid in ids:
            raise _error(source, n, f"category number {cid} is defined twice",
                         "give each category its own number")
        if cname in cat_lines:
            raise _error(source, n, f"category name {cname!r} is defined twice "
                         f"(first on line {cat_lines[cname]})", "rename one of them",
                         category=cname)
        ids[cid] = cname
        cat_lines[cname] = n
    if not ids:
        raise _error(source, header[0][0] if header else None,
                     "the category header defines no categories", _LIWC_FIX)
    names = set(ids.values())

    members: dict[str, list[str]] = {c: [] for c in ids.values()}
    word_line: dict[str, int] = {}
    word_cats: dict[str, list[str]] = {}
    by_name_lines: list[int] = []
    undefined: list[str] = []
    conditional: list[int] = []
    skipped_of: list[int] = []
    for n, ln in body:
        if "<" in ln and ">" in ln:
            skipped_of.append(n)
            continue
        if "(" in ln and _CONDITIONAL.search(ln):
            conditional.append(n)
            # keep the default code of "(cond)a/b" (b) and drop codes that only apply
            # under a condition ("(cond)a")
            ln = _CONDITIONAL.sub(lambda m: f" {m.group(3)} " if m.group(3) else " ", ln)
        if "\t" in ln:
            fields = [f.strip() for f in ln.split("\t")]
            word, codes = fields[0], " ".join(fields[1:]).split()
        else:
            toks = ln.split()
            k = len(toks)
            while k > 1 and (toks[k - 1].isdigit() or toks[k - 1] in names):
                k -= 1
            word, codes = " ".join(toks[:k]), toks[k:]
        if not codes:
            raise _error(source, n, f"word line {ln!r} has no category numbers",
                         "add the category number(s) after the word, separated by tabs",
                         entry=word)
        cats: list[str] = []
        for code in codes:
            if code.isdigit():
                cname = ids.get(str(int(code)))
                if cname is None:
                    undefined.append(f"{code} (line {n})")
                    continue
            elif code in names:
                cname = code
                by_name_lines.append(n)
            else:
                raise _error(source, n, f"{code!r} is neither a category number nor a "
                             "category name from the header", "use the number from the header",
                             entry=word)
            cats.append(cname)
        if word in word_line:
            _warn(f"{source}, line {n}: word {word!r} is listed again (first on line "
                  f"{word_line[word]}); its categories are merged. Merge the lines")
        else:
            word_line[word] = n
            word_cats[word] = []
        for cname in cats:
            if cname not in word_cats[word]:
                word_cats[word].append(cname)
                members[cname].append(word)
    if skipped_of:
        _warn(f"{source}: {len(skipped_of)} line(s) with '<...>' constructs (e.g. <of>) are "
              f"not supported and were skipped (lines {skipped_of[:10]}); rewrite them as "
              "phrases")
    if conditional:
        _warn(f"{source}: conditional category codes '(...)a/b' on lines {conditional[:10]} "
              "are not supported; the default code (after '/') was kept and codes that "
              "apply only under a condition were dropped")
    if by_name_lines:
        _warn(f"{source}: categories given by name instead of number on lines "
              f"{by_name_lines[:10]}; accepted. Use the numbers from the header")
    if undefined:
        _warn(f"{source}: undefined category numbers ignored: {', '.join(undefined[:10])}. "
              "Add them to the header or remove them")
    empty = [c for c, words in members.items() if not words]
    if empty:
        _warn(f"{source}: categories with no words removed: {', '.join(empty)}")
    if all(not words for words in members.values()):
        raise _error(source, None, "no word has a valid category", _LIWC_FIX)
    entries: list[Entry] = []
    for cname, words in members.items():
        for word in words:
            try:
                _words_or_raise(word)
            except _PatternError as exc:
                raise _error(source, word_line[word], exc.problem, exc.fix, entry=word,
                             category=cname) from None
            entries.append(Entry(pattern=word, category=cname, line=word_line[word]))
    # duplicate patterns that differ only in case/hyphenation within a category
    kept: list[Entry] = []
    seen: dict[tuple[str, tuple[str, ...]], Entry] = {}
    for e in entries:
        key = (e.category, _words_or_raise(e.pattern))
        if key in seen:
            _warn(f"{source}, line {e.line}: {e.pattern!r} matches the same as "
                  f"{seen[key].pattern!r} (line {seen[key].line}) in {e.category!r}; ignored")
            continue
        seen[key] = e
        kept.append(e)
    return Lexicon(
        name=name,
        categories={c: "" for c in members if members[c]},
        entries=kept,
        source=source,
    )


# --------------------------------------------------------------------------
# public loaders
# --------------------------------------------------------------------------


def _yaml_flavour(root: yaml.Node | None) -> str:
    if isinstance(root, yaml.MappingNode):
        keys = {k.value for k, _ in root.value if isinstance(k, yaml.ScalarNode)}
        if "categories" in keys or "name" in keys:
            return "framing"
        return "quanteda"
    return "framing"


def loads_lexicon(
    text: str,
    *,
    format: LexiconFormat | None = None,
    source: str = "<string>",
    name: str | None = None,
) -> Lexicon:
    """Parse a lexicon from a string.

    Parameters
    ----------
    text : str
        File content.
    format : {"framing", "quanteda", "liwc"}, optional
        The format. By default YAML is read as framing's format when the top
        level has a ``categories`` or ``name`` key and as a quanteda
        dictionary otherwise; LIWC must be named explicitly here.
    source : str, default "<string>"
        Name used in error messages.
    name : str, optional
        Lexicon name for formats that have none (quanteda, LIWC); defaults to
        ``source``.

    Returns
    -------
    Lexicon

    Examples
    --------
    >>> lex = loads_lexicon('''
    ... name: demo
    ... version: "1"
    ... categories:
    ...   conflict:
    ...     description: Violence.
    ...     entries: [war, terror*]
    ... ''')
    >>> lex
    <Lexicon 'demo' 1: 2 entries in 1 categories (conflict)>
    >>> loads_lexicon("economy:\\n  jobs: [job*, wage*]\\n").categories
    ('economy.jobs',)
    """
    if format is not None and format not in _FORMATS:
        raise ValueError(f"format must be one of {', '.join(_FORMATS)} or None, got {format!r}")
    if not isinstance(text, str):
        raise TypeError(f"text must be str, got {type(text).__name__}")
    label = name or source
    if format == "liwc":
        return _parse_liwc(text, source, label)
    root = _compose(text, source)
    flavour = format or _yaml_flavour(root)
    if flavour == "quanteda":
        return _parse_quanteda(root, source, label)
    return _parse_framing(root, source)


def load_lexicon(
    name_or_path: str | os.PathLike[str],
    *,
    format: LexiconFormat | None = None,
    encoding: str = "utf-8",
) -> Lexicon:
    """Load a bundled lexicon by name, or a lexicon file by path.

    Parameters
    ----------
    name_or_path : str or path-like
        A bundled lexicon's name (e.g. ``"kazakhstan-2022"``; see
        :func:`list_bundled_lexicons`) or the path of a ``.yaml``/``.yml``
        (framing or quanteda YAML) or ``.dic`` (LIWC) file. A string counts
        as a path if it contains a path separator or ends in one of these
        extensions.
    format : {"framing", "quanteda", "liwc"}, optional
        Override the format chosen from the extension and content.
    encoding : str, default "utf-8"
        Encoding of the file (a UTF-8 byte-order mark is skipped).

    Returns
    -------
    Lexicon

    Raises
    ------
    LexiconError
        Unknown bundled name (the message lists the bundled lexicons), an
        unsupported extension, or an invalid file (file, line, entry, fix).
    FileNotFoundError
        A path that does not exist.

    Examples
    --------
    >>> lex = load_lexicon("kazakhstan-2022")
    >>> lex.categories
    ('coup_terror', 'protest_crackdown', 'geopolitical_win')
    """
    if isinstance(name_or_path, Lexicon):
        raise TypeError("load_lexicon() expects a name or a path, got a Lexicon")
    raw = os.fspath(name_or_path)
    if not isinstance(raw, str):
        raise TypeError(f"expected a name or a path, got {type(name_or_path).__name__}")
    suffix = Path(raw).suffix.lower()
    is_path = (
        isinstance(name_or_path, os.PathLike)
        or "/" in raw
        or os.sep in raw
        or (os.altsep is not None and os.altsep in raw)
        or suffix in _SUFFIX_FORMAT
    )
    if not is_path:
        item = bundled_lexicon(raw)
        if item is None:
            bundled = list_bundled_lexicons()
            raise LexiconError(
                f"no bundled lexicon named {raw!r}; {_suggest(raw, bundled)}bundled lexicons: "
                f"{', '.join(bundled) or '(none)'}. Fix: use one of these names, or pass the "
                "path of a .yaml, .yml or .dic file",
                source=raw, fix="use a bundled name or a file path",
            )
        text = _decode(item.read_bytes(), f"{item.name} (bundled)", "utf-8")
        return loads_lexicon(text, format=format or "framing",
                             source=f"{item.name} (bundled)")
    path = Path(raw)
    if suffix not in _SUFFIX_FORMAT and format is None:
        raise LexiconError(
            f"{raw}: unsupported lexicon file extension {suffix or '(none)'!r}. Fix: use .yaml "
            "or .yml (framing or quanteda YAML) or .dic (LIWC), or pass format=",
            source=raw, fix="rename the file or pass format=",
        )
    if not path.is_file():
        bundled = ", ".join(list_bundled_lexicons())
        raise FileNotFoundError(
            f"lexicon file not found: {raw}. (Bundled lexicons, loadable by bare name: "
            f"{bundled or 'none'}.)"
        )
    text = _decode(path.read_bytes(), raw, encoding)
    fmt = format or ("liwc" if _SUFFIX_FORMAT.get(suffix) == "liwc" else None)
    return loads_lexicon(text, format=fmt, source=raw, name=path.stem)


def save_lexicon(
    lexicon: Lexicon,
    path: str | os.PathLike[str],
    *,
    format: Literal["framing", "liwc"] | None = None,
    version: str | None = None,
    descriptions: Mapping[str, str] | None = None,
) -> Path:
    """Write a lexicon to ``path`` in framing YAML (``.yaml``/``.yml``) or LIWC (``.dic``).

    Parameters
    ----------
    lexicon : Lexicon
        The lexicon.
    path : str or path-like
        Destination; the extension chooses the format unless ``format`` is given.
    format : {"framing", "liwc"}, optional
        Override the format.
    version, descriptions : optional
        For framing YAML, which requires both: see :meth:`Lexicon.to_yaml`
        (a lexicon read from LIWC has neither). LIWC files carry neither.

    Returns
    -------
    pathlib.Path
        The path written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> lex = Lexicon.from_dict({"a": ["war"]}, name="demo")
    >>> out = save_lexicon(lex, pathlib.Path(tempfile.mkdtemp()) / "demo.dic")
    >>> load_lexicon(out).entries[0].pattern
    'war'
    """
    path = Path(path)
    fmt = format or {"yaml": "framing", "liwc": "liwc"}.get(
        _SUFFIX_FORMAT.get(path.suffix.lower(), ""), ""
    )
    if fmt not in ("framing", "liwc"):
        raise ValueError(
            f"cannot tell the format from {path.name!r}: use a .yaml/.yml or .dic extension "
            "or pass format='framing' or format='liwc'"
        )
    text = (lexicon.to_yaml(version=version, descriptions=descriptions) if fmt == "framing"
            else lexicon.to_liwc())
    path.write_text(text, encoding="utf-8")
    return path


"""Provenance of scraped news texts: original outlet, syndication, machine paraphrase.

The same story reaches a researcher through aggregators, content farms and
translations, so the outlet that *framed* a text and the site that *carried*
it are different facts.  This module recovers three of them:

- :func:`find_original_source` -- the outlet a text credits as its source
  ("told Newsweek", "(Reuters) -", "according to ... Daily Beast"), from a
  shipped, editable outlet list (``framing/data/news_outlets.csv``).
  :func:`find_template_outlet` is a separate, weaker signal: an outlet whose
  page template ("Presentational grey line") shows in the page.
- :func:`find_near_duplicates` / :func:`find_near_duplicate_pairs` --
  syndication groups, by MinHash over word shingles with LSH banding, then
  exact verification of the candidate pairs.
- :func:`detect_paraphrase` -- machine-paraphrased ("spun") copies, by
  distorted well-known names, acronyms whose expansion no longer fits and
  "tortured phrases"; :func:`find_translation_artifacts` reports traces of
  machine translation separately.

Per-document functions are pure; the near-duplicate search reads the corpus
once to compute signatures, then groups them in a separate pass.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections import deque
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from ._checks import check_choice, check_int, invalid
from .cleaning import BoilerplateSpan, _normalize_line, mask_boilerplate

__all__ = [
    "MinHashSignatures",
    "OutletList",
    "OutletListError",
    "ParaphraseEvidence",
    "ParaphraseResult",
    "SourceAttribution",
    "SourceMatch",
    "attribute_sources",
    "detect_paraphrase",
    "find_near_duplicate_pairs",
    "find_near_duplicates",
    "find_original_source",
    "find_template_outlet",
    "find_translation_artifacts",
    "load_outlets",
    "minhash_signatures",
]


class OutletListError(ValueError):
    """An outlet list or a paraphrase word list is malformed."""


def _read_data(name: str) -> str:
    return (resources.files("framing") / "data" / name).read_text(encoding="utf-8")


def _trie_pattern(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words``, as a character trie.

    A trie needs one test per character where a flat alternation of many
    literals tests every alternative at every position of the text.
    Longer words win over their prefixes (greedy, then backtracking).
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        end = "" in node
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            return f"(?:{body})?"
        return body

    return emit(trie) if trie else r"(?!x)x"


class _WordMatcher:
    """Find whole-word occurrences of many literal strings, fast.

    A character trie compiled to a regular expression starts with a
    character set, which the regex engine scans for without trying every
    alternative at every position.  Case-insensitive search runs the same
    kind of pattern on ``text.lower()`` whenever lowering keeps every offset
    (always for ASCII text), else falls back to ``re.IGNORECASE``.  The
    left word boundary is tested in Python, which keeps the pattern's
    start scannable.
    """

    def __init__(self, words: Iterable[str], *, case_sensitive: bool, suffix: str,
                 left: str = "_&/.-'\u2019") -> None:
        words = [w if case_sensitive else w.lower() for w in words]
        body = f"(?:{_trie_pattern(words)}){suffix}"
        self.case_sensitive = case_sensitive
        self.left = frozenset(left)
        self.fast = re.compile(body)
        self.slow = None if case_sensitive else re.compile(body, re.IGNORECASE)

    def finditer(self, text: str) -> Iterator[tuple[int, int]]:
        if self.case_sensitive:
            it = self.fast.finditer(text)
        else:
            lowered = text.lower()
            it = (self.fast.finditer(lowered) if len(lowered) == len(text)
                  else self.slow.finditer(text))  # type: ignore[union-attr]
        left = self.left
        for m in it:
            start = m.start()
            if start:
                prev = text[start - 1]
                if prev.isalnum() or prev in left:
                    continue
            yield start, m.end()


def _inside(
    spans: Sequence[BoilerplateSpan], starts: list[int], pos: int
) -> BoilerplateSpan | None:
    """The span containing ``pos`` (spans sorted by start), or None."""
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= pos:
            lo = mid + 1
        else:
            hi = mid
    if lo and spans[lo - 1].start <= pos < spans[lo - 1].end:
        return spans[lo - 1]
    return None


def _sorted_spans(
    boilerplate: Sequence[BoilerplateSpan] | None,
) -> tuple[list[BoilerplateSpan], list[int]]:
    spans = sorted(boilerplate or (), key=lambda s: s.start)
    return spans, [s.start for s in spans]


# ==========================================================================
# outlets
# ==========================================================================


@dataclass(frozen=True)
class OutletList:
    """Compiled outlet names and aliases; build with :func:`load_outlets`.

    Attributes
    ----------
    names : tuple of str
        Canonical outlet names.
    aliases : Mapping[str, str]
        Every matched spelling (without a leading "The") -> canonical name.
    template_lines : Mapping[str, str]
        Normalised page-template line -> canonical name.
    source : str
        Where the list was read from.

    Examples
    --------
    >>> outlets = load_outlets()
    >>> outlets.canonical("daily beast")
    'The Daily Beast'
    >>> outlets.canonical("The AP")
    'Associated Press'
    """

    names: tuple[str, ...]
    aliases: Mapping[str, str]
    template_lines: Mapping[str, str]
    matchers: tuple[_WordMatcher, ...] = field(repr=False)
    _ci: Mapping[str, str] = field(repr=False)
    source: str = "<outlets>"

    def mentions(self, text: str) -> list[tuple[int, int, str]]:
        """Every mention of a known outlet: ``(start, end, canonical name)``.

        Overlapping mentions are resolved in favour of the earlier, then the
        longer one.

        Examples
        --------
        >>> load_outlets().mentions("He told the Daily Beast and AP.")
        [(12, 23, 'The Daily Beast'), (28, 30, 'Associated Press')]
        """
        found = [se for matcher in self.matchers for se in matcher.finditer(text)]
        found.sort(key=lambda se: (se[0], -se[1]))
        out: list[tuple[int, int, str]] = []
        last_end = -1
        for start, end in found:
            if start < last_end:
                continue
            name = self.canonical(text[start:end])
            if name is not None:
                out.append((start, end, name))
                last_end = end
        return out

    def canonical(self, name: str) -> str | None:
        """Canonical name for a spelling, or None if it is not a known outlet."""
        core = _strip_the(name.strip())
        return self.aliases.get(core) or self._ci.get(core.casefold())


def _strip_the(name: str) -> str:
    return name[4:].strip() if name[:4].casefold() == "the " else name


def _compile_outlets(
    rows: Iterable[tuple[str, list[str], bool, list[str]]], source: str
) -> OutletList:
    names: list[str] = []
    cs: dict[str, str] = {}
    ci: dict[str, str] = {}
    templates: dict[str, str] = {}
    for name, aliases, case_sensitive, template_lines in rows:
        names.append(name)
        for alias in [name, *aliases]:
            core = _strip_the(alias)
            if case_sensitive:
                cs[core] = name
            else:
                ci[core.casefold()] = name
        for line in template_lines:
            templates[_normalize_line(line)] = name
    edge_after = r"(?![\w&-]|\.\w)"
    matchers = (
        _WordMatcher(cs, case_sensitive=True, suffix=edge_after),
        _WordMatcher(ci, case_sensitive=False, suffix=edge_after),
    )
    aliases = dict(cs)
    for k, v in ci.items():
        aliases.setdefault(k, v)
    return OutletList(
        names=tuple(names), aliases=aliases, template_lines=templates,
        matchers=matchers, _ci=ci, source=source,
    )


def _parse_outlet_csv(text: str, source: str) -> list[tuple[str, list[str], bool, list[str]]]:
    lines = [(i, ln) for i, ln in enumerate(text.splitlines(), start=1)
             if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        raise OutletListError(f"{source}: no rows; expected a header 'name,aliases,...'")
    reader = csv.reader(io.StringIO("\n".join(ln for _, ln in lines)))
    rows = list(reader)
    header = [h.strip() for h in rows[0]]
    if not header or header[0] != "name":
        raise OutletListError(
            f"{source}, line {lines[0][0]}: the first row must be the header "
            f"'name,aliases,case_sensitive,template_lines', got {','.join(header)!r}"
        )
    col = {h: k for k, h in enumerate(header)}
    out = []
    for (lineno, _), row in zip(lines[1:], rows[1:], strict=False):
        def get(key: str, row: list[str] = row) -> str:
            k = col.get(key)
            return row[k].strip() if k is not None and k < len(row) else ""

        name = get("name")
        if not name:
            raise OutletListError(f"{source}, line {lineno}: empty outlet name")
        flag = get("case_sensitive").casefold()
        if flag not in ("", "yes", "no"):
            raise OutletListError(
                f"{source}, line {lineno}: case_sensitive must be 'yes' or 'no', got {flag!r}"
            )
        aliases = [a.strip() for a in get("aliases").split("|") if a.strip()]
        templates = [t.strip() for t in get("template_lines").split("|") if t.strip()]
        out.append((name, aliases, flag == "yes", templates))
    return out


@lru_cache(maxsize=1)
def _default_outlets() -> OutletList:
    return _compile_outlets(_parse_outlet_csv(_read_data("news_outlets.csv"), "news_outlets.csv"),
                            "news_outlets.csv")


def load_outlets(
    path: str | PathLike[str] | Mapping[str, Iterable[str]] | None = None,
) -> OutletList:
    """Read an outlet list.

    Parameters
    ----------
    path : str, path-like, mapping or None
        ``None`` reads the shipped ``framing/data/news_outlets.csv``.  A path
        reads a CSV with the same columns (``name``, ``aliases``,
        ``case_sensitive``, ``template_lines``; see the shipped file).  A
        mapping ``{canonical name: [aliases]}`` builds a case-insensitive
        list in memory.

    Returns
    -------
    OutletList

    Raises
    ------
    OutletListError
        If the file is malformed; the message names the file and line.

    Examples
    --------
    >>> outlets = load_outlets({"Kyiv Independent": ["KI"]})
    >>> outlets.canonical("kyiv independent")
    'Kyiv Independent'
    """
    if path is None:
        return _default_outlets()
    if isinstance(path, Mapping):
        rows = []
        for name, aliases in path.items():
            if isinstance(aliases, str):
                raise OutletListError(
                    f"aliases of {name!r} must be a list of strings, not a string; "
                    f"write [{aliases!r}]"
                )
            rows.append((str(name), [str(a) for a in aliases], False, []))
        return _compile_outlets(rows, "<mapping>")
    p = Path(path)
    return _compile_outlets(_parse_outlet_csv(p.read_text(encoding="utf-8"), str(p)), str(p))


OutletsLike = OutletList | str | PathLike[str] | Mapping[str, Iterable[str]] | None


def _as_outlets(outlets: OutletsLike) -> OutletList:
    return outlets if isinstance(outlets, OutletList) else load_outlets(outlets)


# ==========================================================================
# original source
# ==========================================================================


@dataclass(frozen=True, slots=True)
class SourceMatch:
    """One credit of an outlet in a text.

    Attributes
    ----------
    source : str
        Canonical outlet name.
    evidence : str
        The matched text, ``text[start:end]``.
    start, end : int
        Offsets of the evidence in the original text.
    pattern : str
        The rule that matched: ``"dateline"`` ("(Reuters) -"),
        ``"outlet_headline"`` ("The Daily Beast: <headline>"),
        ``"told_outlet"`` ("told Newsweek", "informed Newsweek", "shared with
        Newsweek"), ``"according_to"`` ("according to the American Internet
        news outlet daily beast"), ``"verb_outlet"`` ("reports Reuters",
        "notes Daily beast"), ``"credit_line"`` ("Source: AFP", "via AP",
        "Copyright 2022 The Associated Press") or ``"outlet_verb"`` ("AP
        reported").
    weight : int
        3 for a dateline, else 1.
    """

    source: str
    evidence: str
    start: int
    end: int
    pattern: str
    weight: int


@dataclass(frozen=True, slots=True)
class SourceAttribution:
    """The outlet a text credits as its original source.

    Attributes
    ----------
    source : str or None
        Canonical outlet name; None when the text names no source.
    evidence : str or None
        The credit that supports ``source``.
    start, end : int or None
        Offsets of ``evidence``.
    pattern : str
        Rule of that credit (see :class:`SourceMatch`), or ``"none"``.
    matches : tuple of SourceMatch
        Every credit found, in text order: all candidates stay available.

    Examples
    --------
    >>> attribution = find_original_source("The envoy told Newsweek that he was worried.")
    >>> attribution.source, attribution.evidence
    ('Newsweek', 'told Newsweek')
    """

    source: str | None
    evidence: str | None
    start: int | None
    end: int | None
    pattern: str
    matches: tuple[SourceMatch, ...] = ()

    def candidate_scores(self) -> dict[str, int]:
        """Score of every credited outlet (sum of match weights), best first.

        Examples
        --------
        >>> find_original_source("(Reuters) - Troops left, AP reported.").candidate_scores()
        {'Reuters': 3, 'Associated Press': 1}
        """
        scores: dict[str, int] = {}
        for m in self.matches:
            scores[m.source] = scores.get(m.source, 0) + m.weight
        first = {m.source: k for k, m in reversed(list(enumerate(self.matches)))}
        return dict(sorted(scores.items(), key=lambda kv: (-kv[1], first[kv[0]])))


_THE = r"(?:[Tt]he\s+)?"
_BEFORE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("told_outlet", re.compile(
        r"(?i:\b(?:told|tells|telling|informed|informs|said\s+to|speaking\s+to|spoke\s+to|"
        r"speaking\s+with|spoke\s+with|an?\s+interview\s+with|interviewed\s+by|statement\s+to|"
        r"statement\s+(?:shared|sent)\s+with|shared\s+with|sent\s+to|confirmed\s+to|"
        r"explained\s+to|contacted\s+by|wrote\s+(?:in|for)|writing\s+(?:in|for))\s+)"
        + _THE + r"$")),
    ("according_to", re.compile(
        r"(?i:\baccording\s+to\s+)(?:[^\s.,;:!?()\"\u201c\u201d]+\s+){0,6}$")),
    ("verb_outlet", re.compile(
        r"(?i:(?:^|(?<=[\s,;\u2013\u2014(-]))(?:reports|reported|writes|wrote|notes|noted|"
        r"states|stated|says|said|claims|claimed|adds|added|informs|continues|emphasizes|"
        r"emphasises|explains|recalls|concludes)\s+)" + _THE + r"$")),
    ("credit_line", re.compile(
        r"(?i:(?:\b(?:reported\s+by|first\s+reported\s+by|published\s+by|originally\s+published\s+"
        r"(?:by|in|on|at)|via|sources?:|courtesy\s+of|republished\s+from|syndicated\s+from|"
        r"copyright)|\u00a9|\(c\))\s*(?:\u00a9\s*)?(?:\d{4}\s*)?)" + _THE + r"$")),
    ("credit_line", re.compile(r"^[ \t]*(?i:by)[ \t]+" + _THE + r"$")),  # "By AFP" byline
)
_AFTER_VERB = re.compile(
    r"^[ \t]+(?:has[ \t]+|had[ \t]+|have[ \t]+|first[ \t]+)?(?:reported|reports|wrote|writes|said|"
    r"says|noted|notes|learned|learnt|revealed|cited|quoted|published|obtained|broke)\b"
)
_DATELINE_BEFORE = re.compile(r"\([ \t]*$")
_DATELINE_AFTER = re.compile(r"^[ \t]*\)[ \t]*[-\u2013\u2014]")
_NAME_CONTINUES = re.compile(
    r"^[ \t]+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|On|In|That|This|"
    r"Last)\b)[A-Z][a-z]"
)
_PRECEDED_BY_NAME = re.compile(
    r"(?<![.!?:;\"\u201c\u201d])\b(?!The\b|the\b)[A-Z][\w'\u2019-]*[ \t]+$"
)
_WINDOW = 160


def _outlet_matches(text: str, outlets: OutletList, spans: list[BoilerplateSpan],
                    starts: list[int]) -> list[SourceMatch]:
    found: list[SourceMatch] = []
    for s, e, source in outlets.mentions(text):
        span = _inside(spans, starts, s)
        if span is not None and span.reason not in ("credit", "copyright"):
            continue
        line_start = text.rfind("\n", 0, s) + 1
        before = text[max(line_start, s - _WINDOW) : s]
        if s - _WINDOW > line_start:  # a cut window must not look like a line start
            before = "\x00" + before
        line_end = text.find("\n", e)
        after = text[e : (line_end if line_end != -1 else len(text))][:_WINDOW]
        # "(Reuters) -"
        if _DATELINE_BEFORE.search(before) and (a := _DATELINE_AFTER.match(after)):
            b0 = s - len(before) + before.rfind("(")
            end = e + a.end()
            found.append(SourceMatch(source, text[b0:end], b0, end, "dateline", 3))
            continue
        # "The Daily Beast: Kazakhstan has chosen Russia"
        if re.fullmatch(r"[ \t]*(?:[Tt]he[ \t]+)?", before) and after.startswith(":"):
            b0 = line_start + len(before) - len(before.lstrip())
            end = e + len(after.rstrip())
            found.append(SourceMatch(source, text[b0:end], b0, end, "outlet_headline", 1))
            continue
        if _NAME_CONTINUES.match(after):
            continue  # part of a longer name: "Reuters Institute", "Sputnik V"
        for pattern_name, rule in _BEFORE_RULES:
            r = rule.search(before)
            if r:
                b0 = s - len(before) + r.start()
                found.append(SourceMatch(source, text[b0:e], b0, e, pattern_name, 1))
                break
        else:
            # "AP reported", but not "Michael Bloomberg said"
            if (a := _AFTER_VERB.match(after)) and not _PRECEDED_BY_NAME.search(before):
                found.append(SourceMatch(source, text[s : e + a.end()], s, e + a.end(),
                                         "outlet_verb", 1))
    return found


def find_original_source(
    text: str,
    *,
    boilerplate: Sequence[BoilerplateSpan] | None = None,
    outlets: OutletsLike = None,
) -> SourceAttribution:
    """Find the news outlet a text credits as its source.

    Every mention of a known outlet (name or alias, with or without "The")
    is checked against credit patterns on its own line: a wire dateline
    ("(Reuters) -"), an outlet-prefixed headline ("The Daily Beast: ..."),
    "told / informed / shared with <outlet>", "according to [up to six words]
    <outlet>", "<verb> <outlet>" ("reports Reuters", "notes Daily beast"),
    credit lines ("Source:", "via", "Copyright") and "<outlet> reported".  A
    mention that is part of a longer name ("Reuters Institute", "Michael
    Bloomberg") is not a credit, and "told reporters" names no outlet.

    Choosing among several outlets: each credit scores 1, a dateline 3 (it
    states who wrote the story, while "told CNN" inside a wire story only
    cites an interview); the outlet with the highest total wins, ties going
    to the outlet credited first.  All credits stay in ``matches``.

    A text that credits no outlet gets ``source=None``: the carrying page's
    template is no evidence of the original (see :func:`find_template_outlet`
    for that weaker signal).

    Parameters
    ----------
    text : str
        The original text.
    boilerplate : sequence of BoilerplateSpan, optional
        Mentions inside boilerplate are ignored, except inside ``"credit"``
        and ``"copyright"`` spans, which name sources.
    outlets : OutletList, path, mapping or None
        Outlet list (see :func:`load_outlets`); default the shipped one.

    Returns
    -------
    SourceAttribution

    Examples
    --------
    >>> r = find_original_source("Putin declared victory, reports Reuters.")
    >>> r.source, r.evidence, r.pattern
    ('Reuters', 'reports Reuters', 'verb_outlet')
    >>> find_original_source("He told reporters it was unclear.").source is None
    True
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    spans, starts = _sorted_spans(boilerplate)
    matches = _outlet_matches(text, _as_outlets(outlets), spans, starts)
    if not matches:
        return SourceAttribution(None, None, None, None, "none", ())
    result = SourceAttribution(None, None, None, None, "none", tuple(matches))
    best = next(iter(result.candidate_scores()))
    chosen = max((m for m in matches if m.source == best), key=lambda m: m.weight)
    return SourceAttribution(best, chosen.evidence, chosen.start, chosen.end, chosen.pattern,
                             tuple(matches))


def find_template_outlet(
    text: str,
    *,
    outlets: OutletsLike = None,
) -> SourceAttribution:
    """Guess an outlet from its page template: a separate, weaker signal.

    A line such as "Presentational grey line" is produced by one outlet's
    page template (here BBC News), so a page that contains it was probably
    copied from that outlet -- but a template line says nothing about who
    wrote the words, and aggregators copy templates of many sites.  Keep this
    apart from :func:`find_original_source`.

    Returns
    -------
    SourceAttribution
        ``pattern="page_template"`` and the first template line as evidence,
        or ``source=None`` and ``pattern="none"``.  When lines of several
        outlets occur, the outlet with most template lines wins, ties going
        to the first.

    Examples
    --------
    >>> find_template_outlet("Text.\\nPresentational grey line\\nMore text.").source
    'BBC News'
    """
    outlet_list = _as_outlets(outlets)
    matches: list[SourceMatch] = []
    if outlet_list.template_lines:
        pos = 0
        for line in text.split("\n"):
            key = _normalize_line(line) if len(line) <= 300 else ""
            name = outlet_list.template_lines.get(key) if key else None
            if name:
                a = pos + len(line) - len(line.lstrip())
                b = pos + len(line.rstrip())
                matches.append(SourceMatch(name, text[a:b], a, b, "page_template", 1))
            pos += len(line) + 1
    if not matches:
        return SourceAttribution(None, None, None, None, "none", ())
    result = SourceAttribution(None, None, None, None, "none", tuple(matches))
    best = next(iter(result.candidate_scores()))
    first = next(m for m in matches if m.source == best)
    return SourceAttribution(best, first.evidence, first.start, first.end, "page_template",
                             tuple(matches))


def attribute_sources(
    docs: Iterable[tuple[str, str]],
    *,
    boilerplate: Mapping[str, Sequence[BoilerplateSpan]] | None = None,
    outlets: OutletsLike = None,
) -> pd.DataFrame:
    """Original source and template outlet of every document, as a table.

    Parameters
    ----------
    docs : iterable of (str, str)
        ``(doc_id, text)`` pairs, read once.
    boilerplate : mapping of doc_id to spans, optional
        See :func:`find_original_source`.
    outlets : OutletList, path, mapping or None
        Outlet list; default the shipped one.

    Returns
    -------
    pandas.DataFrame
        One row per document with columns ``doc_id``, ``source`` (canonical
        name or missing), ``pattern``, ``evidence``, ``start``, ``end``
        (nullable ints), ``n_credits`` (credits found, all outlets),
        ``candidates`` (``"Outlet:score; ..."``, best first) and
        ``template_outlet`` (from :func:`find_template_outlet`, missing if
        none).

    Examples
    --------
    >>> attribute_sources([("a", "(AFP) - Troops arrived."), ("b", "No credit.")])[
    ...     ["doc_id", "source", "pattern"]]
      doc_id                source   pattern
    0      a  Agence France-Presse  dateline
    1      b                   NaN      none
    """
    outlet_list = _as_outlets(outlets)
    rows = []
    for doc_id, text in docs:
        spans = boilerplate.get(doc_id) if boilerplate is not None else None
        r = find_original_source(text, boilerplate=spans, outlets=outlet_list)
        t = find_template_outlet(text, outlets=outlet_list)
        rows.append({
            "doc_id": doc_id, "source": r.source, "pattern": r.pattern, "evidence": r.evidence,
            "start": r.start, "end": r.end, "n_credits": len(r.matches),
            "candidates": "; ".join(f"{k}:{v}" for k, v in r.candidate_scores().items()),
            "template_outlet": t.source,
        })
    frame = pd.DataFrame(rows, columns=["doc_id", "source", "pattern", "evidence", "start", "end",
                                        "n_credits", "candidates", "template_outlet"])
    for col in ("start", "end"):
        frame[col] = frame[col].astype("Int64")
    frame["n_credits"] = frame["n_credits"].astype("int64")
    return frame


# ==========================================================================
# near duplicates: MinHash + LSH
# ==========================================================================

_WORD_RE = re.compile(r"\w+")
_MASK64 = (1 << 64) - 1


def _splitmix64(x: np.ndarray) -> np.ndarray:
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def _token_hashes(text: str) -> np.ndarray:
    """64-bit hashes of the case-folded word tokens, read in 1 MB chunks."""
    cache: dict[str, int] = {}
    parts: list[np.ndarray] = []
    pos, n, step = 0, len(text), 1 << 20
    while pos < n:
        end = min(n, pos + step)
        while end < n and not text[end].isspace():  # do not cut a word
            end += 1
        words = _WORD_RE.findall(text[pos:end].casefold())
        codes = []
        for w in words:
            h = cache.get(w)
            if h is None:
                h = cache[w] = int.from_bytes(
                    hashlib.blake2b(w.encode("utf-8"), digest_size=8).digest(), "little")
            codes.append(h)
        parts.append(np.array(codes, dtype=np.uint64))
        pos = end
    return np.concatenate(parts) if parts else np.empty(0, np.uint64)


def _shingles(text: str, k: int) -> np.ndarray:
    """Sorted unique 64-bit hashes of the word k-shingles of ``text``."""
    tokens = _token_hashes(text)
    m = tokens.size
    if m == 0:
        return np.empty(0, np.uint64)
    width = min(k, m)
    mult = _splitmix64(np.arange(1, width + 1, dtype=np.uint64)) | np.uint64(1)
    acc = np.zeros(m - width + 1, dtype=np.uint64)
    for j in range(width):
        acc += tokens[j : m - width + 1 + j] * mult[j]
    return np.unique(_splitmix64(acc))


def _perm_params(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    a = rng.integers(0, 1 << 63, size=num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = rng.integers(0, 1 << 63, size=num_perm, dtype=np.uint64)
    return a, b


def _minhash(shingles: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    sig = np.full(a.size, np.iinfo(np.uint32).max, dtype=np.uint64)
    x = shingles >> np.uint64(32)  # 32-bit keys for multiply-add-shift hashing
    for lo in range(0, x.size, 4096):
        chunk = x[lo : lo + 4096]
        vals = (np.multiply.outer(chunk, a) + b) >> np.uint64(32)
        np.minimum(sig, vals.min(axis=0), out=sig)
    return sig.astype(np.uint32)


@dataclass(frozen=True)
class MinHashSignatures:
    """MinHash signatures of a corpus (see :func:`minhash_signatures`).

    Attributes
    ----------
    doc_ids : tuple of str
        Document ids, in input order.
    signatures : numpy.ndarray of uint32, shape (n_docs, num_perm)
        One row per document.
    n_shingles : numpy.ndarray of int64
        Distinct shingles per document (0: empty text, never grouped).
    shingle_size, num_perm, seed : int
        Parameters used.
    shingles : tuple of numpy.ndarray or None
        Each document's sorted unique shingle hashes, kept only with
        ``keep_shingles=True`` (needed for exact verification).
    """

    doc_ids: tuple[str, ...]
    signatures: np.ndarray
    n_shingles: np.ndarray
    shingle_size: int
    num_perm: int
    seed: int
    shingles: tuple[np.ndarray, ...] | None = field(default=None, repr=False)


def minhash_signatures(
    docs: Iterable[tuple[str, str]],
    *,
    shingle_size: int = 5,
    num_perm: int = 128,
    seed: int = 0,
    boilerplate: Mapping[str, Sequence[BoilerplateSpan]] | None = None,
    keep_shingles: bool = False,
) -> MinHashSignatures:
    """MinHash signatures of word shingles, one streaming pass over a corpus.

    Words are ``\\w+`` runs of the case-folded text; a shingle is
    ``shingle_size`` consecutive words (a text with fewer words is one
    shingle).  Shingles are hashed to 64 bits; each of the ``num_perm`` hash
    functions is a multiply-add-shift hash (Dietzfelbinger 1996) of the
    shingle's top 32 bits, seeded from ``seed``, so results are identical
    across runs and machines.  Memory per document: ``4 * num_perm`` bytes
    (plus 8 bytes per distinct shingle with ``keep_shingles=True``).

    Parameters
    ----------
    docs : iterable of (str, str)
        ``(doc_id, text)`` pairs, read once; ids must be unique.
    shingle_size : int, default 5
    num_perm : int, default 128
    seed : int, default 0
    boilerplate : mapping of doc_id to spans, optional
        Spans blanked out (see :func:`framing.cleaning.mask_boilerplate`)
        before shingling, so site furniture does not count.
    keep_shingles : bool, default False
        Keep each document's shingle set for exact verification.

    Returns
    -------
    MinHashSignatures

    Examples
    --------
    >>> sigs = minhash_signatures([("a", "one two three four five six"), ("b", "")])
    >>> sigs.signatures.shape, sigs.n_shingles.tolist()
    ((2, 128), [2, 0])
    """
    check_int("shingle_size", shingle_size, 1)
    check_int("num_perm", num_perm, 2)
    check_int("seed", seed, 0)
    a, b = _perm_params(num_perm, seed)
    ids: list[str] = []
    seen: set[Hashable] = set()
    rows: list[np.ndarray] = []
    counts: list[int] = []
    kept: list[np.ndarray] = []
    for item in docs:
        try:
            doc_id, text = item
        except (TypeError, ValueError):
            raise TypeError(f"docs must be (doc_id, text) pairs, got {item!r:.80}") from None
        if not isinstance(text, str):
            raise TypeError(f"text of document {doc_id!r} must be a str, got "
                            f"{type(text).__name__}")
        if doc_id in seen:
            raise ValueError(f"duplicate doc_id {doc_id!r}: document ids must be unique")
        seen.add(doc_id)
        if boilerplate is not None and boilerplate.get(doc_id):
            text = mask_boilerplate(text, boilerplate[doc_id])
        sh = _shingles(text, shingle_size)
        ids.append(doc_id)
        rows.append(_minhash(sh, a, b))
        counts.append(sh.size)
        if keep_shingles:
            kept.append(sh)
    sig = np.vstack(rows) if rows else np.empty((0, num_perm), np.uint32)
    return MinHashSignatures(tuple(ids), sig, np.array(counts, dtype=np.int64), shingle_size,
                             num_perm, seed, tuple(kept) if keep_shingles else None)


def _trapezoid(y: np.ndarray, x: np.ndarray) -> float:
    if x.size < 2:
        return 0.0
    return float(np.sum((y[1:] + y[:-1]) * np.diff(x)) / 2.0)


@lru_cache(maxsize=64)
def _lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """Bands and rows minimising 0.3 * false-positive + 0.7 * false-negative area.

    Candidate false positives only cost a verification; false negatives lose
    duplicates, hence the weights.
    """
    s = np.linspace(0.0, 1.0, 2001)
    best, best_err = (1, num_perm), np.inf
    for bands in range(1, num_perm + 1):
        rows = num_perm // bands
        p = 1.0 - (1.0 - s**rows) ** bands
        below, above = s <= threshold, s >= threshold
        fp = _trapezoid(p[below], s[below])
        fn = _trapezoid(1.0 - p[above], s[above])
        err = 0.3 * fp + 0.7 * fn
        if err < best_err - 1e-12:
            best, best_err = (bands, rows), err
    return best


def _row_keys(block: np.ndarray, seed: int) -> np.ndarray:
    mult = _splitmix64(np.arange(1, block.shape[1] + 1, dtype=np.uint64)
                       + np.uint64(seed & _MASK64)) | np.uint64(1)
    acc = np.zeros(block.shape[0], dtype=np.uint64)
    for j in range(block.shape[1]):
        acc += block[:, j].astype(np.uint64) * mult[j]
    return _splitmix64(acc)


def _runs(keys: np.ndarray) -> list[np.ndarray]:
    """Groups of row indices with equal keys (groups of size >= 2)."""
    order = np.argsort(keys, kind="stable")
    sk = keys[order]
    cut = np.flatnonzero(sk[1:] != sk[:-1]) + 1
    bounds = np.concatenate([[0], cut, [sk.size]])
    return [order[bounds[k] : bounds[k + 1]] for k in range(bounds.size - 1)
            if bounds[k + 1] - bounds[k] > 1]


def _candidate_pairs(sigs: MinHashSignatures, threshold: float) -> np.ndarray:
    """Candidate pairs (i < j) from LSH banding; identical signatures collapsed first."""
    valid = np.flatnonzero(sigs.n_shingles > 0)
    if valid.size < 2:
        return np.empty((0, 2), dtype=np.int64)
    sig = sigs.signatures[valid]
    pairs: list[np.ndarray] = []
    # identical full signatures: link each to its group's first member only
    full = _row_keys(sig, sigs.seed + 7919)
    rep = np.arange(valid.size)
    for group in _runs(full):
        first = group.min()
        rep[group] = first
        others = group[group != first]
        pairs.append(np.column_stack([np.full(others.size, first), others]))
    reps = np.flatnonzero(rep == np.arange(valid.size))
    bands, rows = _lsh_params(threshold, sigs.num_perm)
    for band in range(bands):
        keys = _row_keys(sig[reps, band * rows : (band + 1) * rows], sigs.seed + band)
        for group in _runs(keys):
            members = reps[group]
            iu, ju = np.triu_indices(members.size, 1)
            pairs.append(np.column_stack([members[iu], members[ju]]))
    if not pairs:
        return np.empty((0, 2), dtype=np.int64)
    p = np.vstack(pairs).astype(np.int64)
    p = np.sort(p, axis=1)
    code = np.unique(p[:, 0] * valid.size + p[:, 1])
    i, j = code // valid.size, code % valid.size
    return np.column_stack([valid[i], valid[j]])


Measure = Literal["jaccard", "containment"]
Verify = Literal["exact", "minhash"]


def _check_similarity_options(threshold: float, measure: str, verify: str,
                              lsh_threshold: float | None) -> None:
    if not 0.0 < float(threshold) <= 1.0:
        raise invalid("threshold", threshold, "a number in (0, 1]")
    if lsh_threshold is not None and not 0.0 < float(lsh_threshold) <= 1.0:
        raise invalid("lsh_threshold", lsh_threshold, "None or a number in (0, 1]")
    check_choice("measure", measure, ("jaccard", "containment"))
    check_choice("verify", verify, ("exact", "minhash"))
    if measure == "containment" and verify == "minhash":
        raise ValueError("measure='containment' needs verify='exact' (MinHash estimates "
                         "Jaccard similarity only)")


def _verified_pairs(
    docs: Iterable[tuple[str, str]], *, threshold: float, shingle_size: int, num_perm: int,
    seed: int, measure: str, verify: str, lsh_threshold: float | None,
    boilerplate: Mapping[str, Sequence[BoilerplateSpan]] | None,
) -> tuple[tuple[str, ...], np.ndarray, np.ndarray, np.ndarray]:
    _check_similarity_options(threshold, measure, verify, lsh_threshold)
    sigs = minhash_signatures(docs, shingle_size=shingle_size, num_perm=num_perm, seed=seed,
                              boilerplate=boilerplate, keep_shingles=verify == "exact")
    cand = _candidate_pairs(sigs, float(threshold if lsh_threshold is None else lsh_threshold))
    est = (sigs.signatures[cand[:, 0]] == sigs.signatures[cand[:, 1]]).mean(axis=1) \
        if cand.size else np.empty(0)
    if verify == "exact":
        sims = np.empty(cand.shape[0])
        for k, (i, j) in enumerate(cand):
            a, b = sigs.shingles[i], sigs.shingles[j]  # type: ignore[index]
            inter = np.intersect1d(a, b, assume_unique=True).size
            denom = min(a.size, b.size) if measure == "containment" else a.size + b.size - inter
            sims[k] = inter / denom
    else:
        sims = est.astype(float)
    keep = sims >= threshold - 1e-12
    return sigs.doc_ids, cand[keep], sims[keep], est[keep]


def find_near_duplicate_pairs(
    docs: Iterable[tuple[str, str]],
    *,
    threshold: float = 0.5,
    shingle_size: int = 5,
    num_perm: int = 128,
    seed: int = 0,
    measure: Measure = "jaccard",
    verify: Verify = "exact",
    lsh_threshold: float | None = None,
    boilerplate: Mapping[str, Sequence[BoilerplateSpan]] | None = None,
) -> pd.DataFrame:
    """Pairs of near-duplicate documents (syndicated or copied texts).

    Method: MinHash signatures of word shingles (:func:`minhash_signatures`,
    Broder 1997), locality-sensitive hashing by banding (Leskovec, Rajaraman
    & Ullman, *Mining of Massive Datasets*, ch. 3) to find candidate pairs
    without comparing all pairs, then verification of every candidate.
    Documents with identical signatures are linked to one representative
    before banding, so thousands of exact copies cost linear time.  The
    number of bands is chosen for ``threshold`` by minimising
    ``0.3 * P(false candidate) + 0.7 * P(missed pair)``.

    Parameters
    ----------
    docs : iterable of (str, str)
        ``(doc_id, text)`` pairs, read once; ids must be unique.
    threshold : float, default 0.5
        Minimum similarity of a reported pair.
    shingle_size : int, default 5
        Words per shingle.
    num_perm : int, default 128
        Hash functions per signature.
    seed : int, default 0
        Seed of the hash functions; results are deterministic.
    measure : {"jaccard", "containment"}, default "jaccard"
        ``|A & B| / |A | B|``, or ``|A & B| / min(|A|, |B|)`` (finds a short
        excerpt inside a long copy).  Candidates always come from Jaccard
        LSH, so for containment lower ``lsh_threshold`` to reach excerpts
        whose Jaccard similarity is small.
    verify : {"exact", "minhash"}, default "exact"
        ``"exact"`` keeps every document's shingle set in memory (about 8
        bytes per distinct shingle) and computes the exact similarity;
        ``"minhash"`` keeps only signatures and reports their estimate (for
        corpora too large for the shingle sets).
    lsh_threshold : float, optional
        Jaccard similarity the banding is tuned for; default ``threshold``.
        Lower it to find more candidates (slower, never less exact).
    boilerplate : mapping of doc_id to spans, optional
        Boilerplate to ignore, as returned by
        :func:`framing.cleaning.find_boilerplate`.

    Returns
    -------
    pandas.DataFrame
        One row per pair with columns ``doc_id_a``, ``doc_id_b`` (a before b
        in input order), ``similarity`` (by ``measure``) and
        ``estimated_jaccard`` (from the signatures), sorted by input order.

    Examples
    --------
    >>> story = "Troops arrived in the city on Friday after a week of protests over fuel prices."
    >>> docs = [("a", story), ("b", "Share this\\n" + story), ("c", "Something else entirely.")]
    >>> find_near_duplicate_pairs(docs)[["doc_id_a", "doc_id_b"]]
      doc_id_a doc_id_b
    0        a        b
    """
    ids, pairs, sims, est = _verified_pairs(
        docs, threshold=threshold, shingle_size=shingle_size, num_perm=num_perm, seed=seed,
        measure=measure, verify=verify, lsh_threshold=lsh_threshold, boilerplate=boilerplate)
    order = np.lexsort((pairs[:, 1], pairs[:, 0])) if pairs.size else np.empty(0, np.int64)
    return pd.DataFrame({
        "doc_id_a": [ids[i] for i in pairs[order, 0]] if pairs.size else [],
        "doc_id_b": [ids[j] for j in pairs[order, 1]] if pairs.size else [],
        "similarity": sims[order].astype(float) if pairs.size else np.empty(0),
        "estimated_jaccard": est[order].astype(float) if pairs.size else np.empty(0),
    })


def find_near_duplicates(
    docs: Iterable[tuple[str, str]],
    *,
    threshold: float = 0.5,
    shingle_size: int = 5,
    num_perm: int = 128,
    seed: int = 0,
    measure: Measure = "jaccard",
    verify: Verify = "exact",
    lsh_threshold: float | None = None,
    boilerplate: Mapping[str, Sequence[BoilerplateSpan]] | None = None,
) -> pd.DataFrame:
    """Syndication groups: connected components of near-duplicate pairs.

    Pairs come from :func:`find_near_duplicate_pairs` (same parameters);
    documents linked by a chain of pairs form one group.

    Returns
    -------
    pandas.DataFrame
        One row per document, in input order, with columns:

        - ``doc_id``;
        - ``duplicate_group``: the smallest ``doc_id`` (string order) of the
          document's group.  A document with no near duplicate is its own
          group of one, so ``drop_duplicates("duplicate_group")`` keeps one
          copy of every story;
        - ``group_size``: documents in the group (1 = no duplicate);
        - ``duplicate_of``: the most similar other document it was paired
          with (ties: the smallest id), missing for a group of one;
        - ``duplicate_similarity``: that pair's similarity, missing for a
          group of one.

    Examples
    --------
    >>> story = "Troops arrived in the city on Friday after a week of protests over fuel prices."
    >>> docs = [("b", "Share this\\n" + story), ("a", story), ("c", "Something else entirely.")]
    >>> find_near_duplicates(docs)[["doc_id", "duplicate_group", "group_size", "duplicate_of"]]
      doc_id duplicate_group  group_size duplicate_of
    0      b               a           2            a
    1      a               a           2            b
    2      c               c           1          NaN
    """
    ids, pairs, sims, _ = _verified_pairs(
        docs, threshold=threshold, shingle_size=shingle_size, num_perm=num_perm, seed=seed,
        measure=measure, verify=verify, lsh_threshold=lsh_threshold, boilerplate=boilerplate)
    n = len(ids)
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    best: list[tuple[float, str] | None] = [None] * n
    for (i, j), sim in zip(pairs.tolist(), sims.tolist(), strict=True):
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
        for x, y in ((i, j), (j, i)):
            cand = (sim, ids[y])
            cur = best[x]
            if cur is None or sim > cur[0] or (sim == cur[0] and str(ids[y]) < str(cur[1])):
                best[x] = cand
    members: dict[int, list[int]] = {}
    for x in range(n):
        members.setdefault(find(x), []).append(x)
    label = [""] * n
    size = [1] * n
    for group in members.values():
        name = min((ids[x] for x in group), key=str)
        for x in group:
            label[x], size[x] = name, len(group)
    return pd.DataFrame({
        "doc_id": list(ids),
        "duplicate_group": label,
        "group_size": np.array(size, dtype=np.int64),
        "duplicate_of": [b[1] if b else None for b in best],
        "duplicate_similarity": np.array([b[0] if b else np.nan for b in best], dtype=float),
    })


# ==========================================================================
# machine paraphrase ("spun" text) and machine translation
# ==========================================================================


@dataclass(frozen=True, slots=True)
class ParaphraseEvidence:
    """One trace of machine paraphrase (or translation) in a text.

    Attributes
    ----------
    start, end : int
        Offsets of ``found`` in the original text.
    found : str
        The text as written, e.g. ``"Chilly Battle"``.
    expected : str
        What a person would have written, e.g. ``"Cold War"``.
    rule : str
        ``"distorted_name"``, ``"acronym_mismatch"``, ``"tortured_phrase"``,
        ``"spun_credit_verb"`` or, for translation, ``"repeated_name"``.
    """

    start: int
    end: int
    found: str
    expected: str
    rule: str


@dataclass(frozen=True, slots=True)
class ParaphraseResult:
    """Result of :func:`detect_paraphrase`.

    Attributes
    ----------
    flag : bool
        True when ``score >= min_score``.
    score : float
        Weighted number of *distinct* pieces of evidence (see
        :func:`detect_paraphrase`).
    evidence : list of ParaphraseEvidence
        All paraphrase evidence, in text order.
    translation_artifacts : list of ParaphraseEvidence
        Traces of machine translation; they do not count toward ``score``.
    """

    flag: bool
    score: float
    evidence: list[ParaphraseEvidence]
    translation_artifacts: list[ParaphraseEvidence] = field(default_factory=list)


_RULE_WEIGHTS = {"distorted_name": 1.0, "acronym_mismatch": 1.0, "tortured_phrase": 0.5,
                 "spun_credit_verb": 0.5}
_TOKEN = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
_GAP = re.compile(r"[ \t\u00a0]+|[-\u2010\u2011]")


def _norm_word(word: str) -> str:
    w = word.casefold()
    if w.endswith(("'s", "\u2019s")):
        w = w[:-2]
    if "isation" in w:
        w = w.replace("isation", "ization")
    return w


def _split_words(phrase: str) -> list[str]:
    return [m.group() for m in _TOKEN.finditer(phrase)]


@dataclass(frozen=True)
class _SpinLexicon:
    names: tuple[tuple[str, tuple[str, ...]], ...]  # (printed name, words as printed)
    canonical_keys: frozenset[tuple[str, ...]]
    fills_last: Mapping[str, tuple[int, ...]]       # norm word -> names whose last word it fills
    substitutes: Mapping[str, frozenset[str]]       # canonical word -> substitutes
    reverse: Mapping[str, frozenset[str]]           # substitute -> canonical words
    # last word -> ((words, expected), ...)
    tortured: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]]
    max_len: int
    vocabulary: _WordMatcher                         # every word that can be part of evidence


def _parse_lines(text: str) -> list[tuple[int, str]]:
    return [(i, ln.strip()) for i, ln in enumerate(text.splitlines(), start=1)
            if ln.strip() and not ln.lstrip().startswith("#")]


@lru_cache(maxsize=1)
def _spin_lexicon() -> _SpinLexicon:
    substitutes: dict[str, set[str]] = {}
    for lineno, line in _parse_lines(_read_data("spinner_substitutes.txt")):
        word, sep, subs = line.partition(":")
        if not sep or not word.strip():
            raise OutletListError(f"spinner_substitutes.txt, line {lineno}: expected "
                                  f"'word: substitute, ...', got {line!r}")
        for s in subs.split(","):
            if s.strip():
                substitutes.setdefault(_norm_word(word.strip()), set()).add(_norm_word(s.strip()))
    reverse: dict[str, set[str]] = {}
    for w, subs in substitutes.items():
        for s in subs:
            reverse.setdefault(s, set()).add(w)
    names: list[tuple[str, tuple[str, ...]]] = []
    fills_last: dict[str, list[int]] = {}
    for _, line in _parse_lines(_read_data("canonical_names.txt")):
        words = tuple(_split_words(line))
        if len(words) < 2:
            continue
        idx = len(names)
        names.append((line, words))
        last = _norm_word(words[-1])
        for w in {last, *(substitutes.get(last, ()) if words[-1][:1].isupper() else ())}:
            fills_last.setdefault(w, []).append(idx)
    tortured: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for lineno, line in _parse_lines(_read_data("tortured_phrases.txt")):
        found, sep, expected = line.partition("=>")
        words = tuple(_norm_word(w) for w in _split_words(found))
        if not sep or not words or not expected.strip():
            raise OutletListError(f"tortured_phrases.txt, line {lineno}: expected "
                                  f"'phrase => expected', got {line!r}")
        tortured.setdefault(words[-1], []).append((words, expected.strip()))
    max_len = max([len(w) for _, w in names] + [len(w) for v in tortured.values() for w, _ in v]
                  + [1])
    vocabulary = {_norm_word(w) for _, ws in names for w in ws}
    vocabulary |= {s for subs in substitutes.values() for s in subs}
    vocabulary |= {w for v in tortured.values() for ws, _ in v for w in ws}
    vocabulary |= {w.replace("ization", "isation") for w in vocabulary if "ization" in w}
    return _SpinLexicon(
        names=tuple(names),
        canonical_keys=frozenset(tuple(_norm_word(w) for w in ws) for _, ws in names),
        fills_last={k: tuple(v) for k, v in fills_last.items()},
        substitutes={k: frozenset(v) for k, v in substitutes.items()},
        reverse={k: frozenset(v) for k, v in reverse.items()},
        tortured={k: tuple(v) for k, v in tortured.items()},
        max_len=max_len,
        vocabulary=_WordMatcher(
            sorted(vocabulary), case_sensitive=False, left="_'\u2019",
            suffix=r"(?:['\u2019]s)?(?![^\W\d_]|['\u2019][^\W\d_])"),
    )


def _scan_tokens(text: str, lex: _SpinLexicon) -> list[ParaphraseEvidence]:
    """One linear pass over word tokens: distorted names and tortured phrases."""
    found: list[ParaphraseEvidence] = []
    window: deque[tuple[int, int, str, str, bool]] = deque(maxlen=lex.max_len)
    # Only words of the lexicons can be evidence; any other word between two
    # of them breaks adjacency (the gap test below), so they are skipped.
    for s, e in lex.vocabulary.finditer(text):
        raw = text[s:e]
        norm = _norm_word(raw)
        possessive = raw.endswith(("'s", "\u2019s"))
        # joined to the previous token by a single space or hyphen?
        if window and (window[-1][4] or not _GAP.fullmatch(text, window[-1][1], s)):
            window.clear()
        window.append((s, e - (2 if possessive else 0), raw, norm, possessive))
        for idx in lex.fills_last.get(norm, ()):
            printed, words = lex.names[idx]
            k = len(words)
            if len(window) < k:
                continue
            toks = list(window)[-k:]
            n_sub = 0
            for (_, _, tok_raw, tok_norm, _), word in zip(toks, words, strict=True):
                cw = _norm_word(word)
                if word[:1].isupper():
                    if not tok_raw[:1].isupper():
                        break
                    if tok_norm == cw:
                        continue
                    if tok_norm in lex.substitutes.get(cw, ()):
                        n_sub += 1
                        continue
                    break
                if tok_norm != cw:
                    break
            else:
                key = tuple(t[3] for t in toks)
                if n_sub and key not in lex.canonical_keys:
                    a, b = toks[0][0], toks[-1][1]
                    found.append(ParaphraseEvidence(a, b, text[a:b], printed, "distorted_name"))
        for words, expected in lex.tortured.get(norm, ()):
            k = len(words)
            if len(window) >= k and tuple(t[3] for t in list(window)[-k:]) == words:
                a, b = window[-k][0], window[-1][1]
                found.append(ParaphraseEvidence(a, b, text[a:b], expected, "tortured_phrase"))
    return found


_ACRONYM = re.compile(r"\(([A-Z]{2,6})\)")
_FUNCTION_WORDS = frozenset({"of", "for", "and", "in", "on", "the", "to", "de", "&"})


def _acronym_evidence(text: str, lex: _SpinLexicon) -> list[ParaphraseEvidence]:
    """Parenthesised acronyms whose expansion's initials no longer fit."""
    out: list[ParaphraseEvidence] = []
    for m in _ACRONYM.finditer(text):
        letters = m.group(1)
        lo = max(0, m.start() - 40 * len(letters))
        toks = list(_TOKEN.finditer(text, lo, m.start()))
        if not toks or text[toks[-1].end() : m.start()].strip():
            continue
        picked: list[re.Match[str]] = []
        n_content, k = 0, len(toks) - 1
        while k >= 0 and n_content < len(letters):
            tok = toks[k]
            if picked and not _GAP.fullmatch(text, tok.end(), picked[0].start()):
                break
            if tok.group().casefold() in _FUNCTION_WORDS:
                if not picked:
                    break
            elif tok.group()[:1].isupper():
                n_content += 1
            else:
                break
            picked.insert(0, tok)
            k -= 1
        while picked and picked[0].group().casefold() in _FUNCTION_WORDS:
            picked.pop(0)
        content = [t for t in picked if t.group().casefold() not in _FUNCTION_WORDS]
        if len(content) != len(letters):
            continue
        mismatched, explained, expected_words = 0, True, {}
        for tok, letter in zip(content, letters, strict=True):
            word = _norm_word(tok.group())
            originals = sorted(w for w in lex.reverse.get(word, ()) if w[:1].upper() == letter)
            if tok.group()[0].upper() != letter:
                mismatched += 1
                if not originals:
                    explained = False
            if originals:
                expected_words[tok.start()] = originals[0]
        if not mismatched or not explained:
            continue
        a, b = content[0].start(), content[-1].end() - (
            2 if content[-1].group().endswith(("'s", "\u2019s")) else 0)
        expected = " ".join(
            expected_words[t.start()].title() if t.start() in expected_words else t.group()
            for t in picked if t.start() >= a)
        out.append(ParaphraseEvidence(a, b, text[a:b], f"{expected} ({letters})",
                                      "acronym_mismatch"))
    return out


def _credit_verb_evidence(text: str, outlets: OutletList) -> list[ParaphraseEvidence]:
    out = []
    for start, end, _ in outlets.mentions(text):
        before = text[max(0, start - 20) : start]
        r = re.search(r"\binformed\s+(?:[Tt]he\s+)?$", before)
        if r:
            a = start - len(before) + r.start()
            out.append(ParaphraseEvidence(a, end, text[a:end],
                                          f"told {text[start:end]}", "spun_credit_verb"))
    return out


_REPEATED_NAME = re.compile(r"\b([A-Z][a-z]{2,})(?:['\u2019]s)?[ \t]+\1\b")


def find_translation_artifacts(
    text: str, *, boilerplate: Sequence[BoilerplateSpan] | None = None
) -> list[ParaphraseEvidence]:
    """Traces of machine translation, reported apart from paraphrase.

    Currently one rule, ``"repeated_name"``: a proper name repeated around a
    possessive or a compound, as when a translation engine renders a
    pronoun and the name it stands for ("Moscow's Moscow-led").

    Examples
    --------
    >>> [e.found for e in find_translation_artifacts("Moscow's Moscow-led alliance")]
    ["Moscow's Moscow"]
    """
    spans, starts = _sorted_spans(boilerplate)
    return [ParaphraseEvidence(m.start(), m.end(), m.group(), m.group(1), "repeated_name")
            for m in _REPEATED_NAME.finditer(text) if _inside(spans, starts, m.start()) is None]


def detect_paraphrase(
    text: str,
    *,
    boilerplate: Sequence[BoilerplateSpan] | None = None,
    min_score: float = 2.0,
    outlets: OutletsLike = None,
) -> ParaphraseResult:
    """Detect machine-paraphrased ("spun") text.

    Content farms copy articles through "spinners" that swap words for
    thesaurus synonyms one by one.  Names and fixed phrases do not survive
    that, and the damage is easy to check:

    - ``distorted_name`` (weight 1): a capitalised phrase that has the same
      number of words as a well-known name (``framing/data/
      canonical_names.txt``), every word equal to the name's word or one of
      its known spinner substitutes (``spinner_substitutes.txt``), at least
      one substituted, and that is not itself a known name: "Collective
      Safety Treaty Group" (Collective Security Treaty Organization),
      "Chilly Battle" (Cold War), "State Division" (State Department);
    - ``acronym_mismatch`` (weight 1): a parenthesised acronym whose
      expansion's initials do not fit, where each misfit word is a known
      substitute of a word with the right initial: "Collective Safety Treaty
      Group (CSTO)";
    - ``tortured_phrase`` (weight 0.5): an idiom a person would not write,
      from ``tortured_phrases.txt`` ("legislation enforcement", "got here to
      energy", "20 years in the past");
    - ``spun_credit_verb`` (weight 0.5): "informed <outlet>" for "told".

    ``score`` sums the weights of *distinct* pieces of evidence (the same
    found text, case-folded, counts once, at its highest weight); the text
    is flagged when ``score >= min_score``.  The default of 2 asks for two
    independent distortions (or four idioms): one distorted name can be a
    real but unlisted name or a title-case headline, two are a pattern.
    Machine *translation* is a different process with different traces
    (:func:`find_translation_artifacts`); they are returned in
    ``translation_artifacts`` and never raise the flag.

    The scan is a single linear pass over the words (no backtracking
    regular expressions), so a 50 MB text is fine.

    Parameters
    ----------
    text : str
        The original text.
    boilerplate : sequence of BoilerplateSpan, optional
        Evidence inside boilerplate is ignored.
    min_score : float, default 2.0
        Flag threshold.
    outlets : OutletList, path, mapping or None
        Outlet list for ``spun_credit_verb``; default the shipped one.

    Returns
    -------
    ParaphraseResult

    Examples
    --------
    >>> r = detect_paraphrase("The bloc is a rudiment of the Chilly Battle, said the "
    ...                       "Collective Safety Treaty Group.")
    >>> r.flag, r.score
    (True, 2.0)
    >>> for e in r.evidence:
    ...     print(e.rule, "|", e.found, "->", e.expected)
    distorted_name | Chilly Battle -> Cold War
    distorted_name | Collective Safety Treaty Group -> Collective Security Treaty Organization
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    if min_score <= 0:
        raise invalid("min_score", min_score, "a number > 0")
    lex = _spin_lexicon()
    evidence = (_scan_tokens(text, lex) + _acronym_evidence(text, lex)
                + _credit_verb_evidence(text, _as_outlets(outlets)))
    spans, starts = _sorted_spans(boilerplate)
    evidence = [ev for ev in evidence if _inside(spans, starts, ev.start) is None]
    evidence.sort(key=lambda ev: (ev.start, -(ev.end - ev.start), ev.rule))
    # a distorted name inside a longer one ("Safety Council" in "National Safety Council")
    kept: list[ParaphraseEvidence] = []
    seen: set[tuple[int, int, str]] = set()
    for ev in evidence:
        if (ev.start, ev.end, ev.rule) in seen:  # e.g. "Defense" and "Defence Minister"
            continue
        if ev.rule == "distorted_name" and any(
            k.rule == "distorted_name" and k.start <= ev.start and ev.end <= k.end
            and (k.start, k.end) != (ev.start, ev.end) for k in kept
        ):
            continue
        seen.add((ev.start, ev.end, ev.rule))
        kept.append(ev)
    distinct: dict[str, float] = {}
    for ev in kept:
        key = _WS.sub(" ", ev.found.casefold())
        distinct[key] = max(distinct.get(key, 0.0), _RULE_WEIGHTS[ev.rule])
    score = float(sum(distinct.values()))
    return ParaphraseResult(flag=score >= min_score, score=score, evidence=kept,
                            translation_artifacts=find_translation_artifacts(
                                text, boilerplate=boilerplate))


_WS = re.compile(r"\s+")

"""Find lexicon entries in text: the matching engine.

:class:`Matcher` compiles a :class:`~framing.lexicon.Lexicon` once and
:meth:`Matcher.find` returns the matches of one document as compact numpy
arrays (original character offsets and entry indices), ready to be
aggregated over millions of documents.

How it works
------------
1. The text is normalised (:func:`framing.normalize.normalize`: case,
   accents, quotes, dashes, spaces), keeping a map to original offsets.
2. One trie-factored regular expression over *every* pattern and exclusion
   of the lexicon finds, left to right, each position where some item
   matches. It is used only to skip quickly to candidate positions; the
   alternation has no nested quantifiers, so no input can make it backtrack
   catastrophically (the work per position is bounded by the length of the
   text the longest item can span).
3. At each candidate position, the few items whose first word fits are
   matched there with their own anchored regex, giving every
   ``(start, end, item)`` that occurs; exclusions then remove entry
   occurrences inside an exclusion phrase of that entry, and the overlap
   policy picks the matches.

The matching rules (M1-M11) are documented in ``lexicons/README.md``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from framing.lexicon import Lexicon, pattern_words
from framing.normalize import normalize

__all__ = ["MatchArrays", "Matcher", "pattern_regex"]

Overlap = Literal["longest", "all"]

# Separator between the words of a phrase (rules M2, M3): a run of
# whitespace and/or hyphens (all dashes are '-' after normalisation)
# containing at most one newline, i.e. not a paragraph break.
_H = r"[^\S\n]"
_SEP = rf"(?=[\s-])(?:{_H}|-)*(?:\n(?:{_H}|-)*)?"
_WILD = r"\w*"
_BEFORE = r"(?<!\w)"
_AFTER = r"(?!\w)"
_WORD_RUN = re.compile(r"\w+")
# The scanner finds the character *before* a match: an explicit character
# set lets ``re`` skip ASCII word characters in a tight loop (about 3x faster
# than a leading look-behind); the look-behind then rejects the non-ASCII
# word characters the set lets through.
_SCAN_PREFIX = r"[^0-9A-Za-z_](?<!\w)"
_MAX_LEN = 2**31 - 1
_RUN_CACHE_MAX = 200_000


def _atoms(words: tuple[str, ...]) -> list[str]:
    """Regex atoms of a pattern body: one per literal character, wildcard, separator.

    The word-boundary checks (rule M4) are not included: every match must be
    preceded and followed by a non-word character (or the text's start/end);
    :func:`pattern_regex` and the scanner add them.
    """
    atoms: list[str] = []
    for i, word in enumerate(words):
        if i:
            atoms.append(_SEP)
        stem = word[:-1] if word.endswith("*") else word
        atoms.extend(re.escape(c) for c in stem)
        if word.endswith("*"):
            atoms.append(_WILD)
    atoms.append(_AFTER)
    return atoms


def pattern_regex(pattern: str) -> str:
    """The regular expression (on normalised text) that one pattern compiles to.

    Parameters
    ----------
    pattern : str
        A lexicon pattern.

    Returns
    -------
    str
        Regex source; apply it to ``normalize(text).text``.

    Examples
    --------
    >>> import re
    >>> rx = re.compile(pattern_regex("security forces"))
    >>> bool(rx.search(normalize("Security\\u00a0 -\\nforces").text))
    True
    >>> bool(rx.search(normalize("security, forces").text))
    False
    >>> bool(re.search(pattern_regex("terror*"), "counterterrorism"))
    False
    """
    return _BEFORE + "".join(_atoms(pattern_words(pattern)))


class _Trie:
    __slots__ = ("children", "terminal")

    def __init__(self) -> None:
        self.children: dict[str, _Trie] = {}
        self.terminal = False

    def add(self, atoms: list[str]) -> None:
        node = self
        for atom in atoms:
            node = node.children.setdefault(atom, _Trie())
        node.terminal = True

    def regex(self) -> str:
        # Longer continuations first, then the empty one (``?``): the scan
        # only needs *some* item to match, but this order finds it fastest.
        alts = []
        for atom, child in self.children.items():
            tail = child.regex()
            alts.append(atom + tail)
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if self.terminal:
            body = (body if len(alts) > 1 else "(?:" + body + ")") + "?"
        return body


def _first_key(word: str) -> tuple[str, bool]:
    """Index key of a pattern's first word: (key, is_prefix).

    The key is compared with the run of word characters (or the single
    non-word character) at a candidate position of the text.
    """
    stem = word[:-1] if word.endswith("*") else word
    run = _WORD_RUN.match(stem)
    if run is None:
        return stem[0], False
    if run.end() == len(stem) and word.endswith("*"):
        return stem, True
    return run.group(), False


@dataclass(frozen=True, eq=False)
class MatchArrays:
    """Matches of a lexicon in one document (or many), as parallel arrays.

    Attributes
    ----------
    start, end : numpy.ndarray of int32
        Character offsets of each match in the *original* text (half-open:
        ``text[start:end]`` is the matched text).
    entry : numpy.ndarray of int32
        Index of the matched entry in ``lexicon.entries``; use
        ``lexicon.category_codes[entry]`` and ``lexicon.weights[entry]`` to
        aggregate.
    doc : numpy.ndarray of int32 or None
        Document index, for results of :meth:`Matcher.find_many`.

    Matches are sorted by ``doc``, ``start``, then ``entry``.
    """

    start: np.ndarray
    end: np.ndarray
    entry: np.ndarray
    doc: np.ndarray | None = None

    def __len__(self) -> int:
        return int(self.start.shape[0])

    def to_frame(self, lexicon: Lexicon | None = None, text: str | None = None) -> pd.DataFrame:
        """The matches as a tidy DataFrame.

        Parameters
        ----------
        lexicon : Lexicon, optional
            Adds ``category`` and ``pattern`` columns.
        text : str, optional
            The original document (single-document results only); adds a
            ``matched`` column with ``text[start:end]``.

        Returns
        -------
        pandas.DataFrame
            Columns ``doc`` (if present), ``start``, ``end``, ``entry``
            and, as requested, ``category``, ``pattern``, ``matched``.

        Examples
        --------
        >>> from framing.lexicon import Lexicon
        >>> lex = Lexicon.from_dict({"conflict": ["war"]}, name="demo")
        >>> text = "War is war."
        >>> Matcher(lex).find(text).to_frame(lex, text)
           start  end  entry  category pattern matched
        0      0    3      0  conflict     war     War
        1      7   10      0  conflict     war     war
        """
        data: dict[str, object] = {}
        if self.doc is not None:
            data["doc"] = self.doc
        data.update(start=self.start, end=self.end, entry=self.entry)
        frame = pd.DataFrame(data)
        if lexicon is not None:
            cats = np.asarray(lexicon.categories, dtype=object)
            pats = np.asarray([e.pattern for e in lexicon.entries], dtype=object)
            frame["category"] = cats[lexicon.category_codes[self.entry]]
            frame["pattern"] = pats[self.entry]
        if text is not None:
            if self.doc is not None:
                raise ValueError("text= is only supported for single-document results")
            frame["matched"] = [text[s:e] for s, e in zip(self.start.tolist(), self.end.tolist())]
        return frame


def _empty() -> MatchArrays:
    z = np.zeros(0, dtype=np.int32)
    return MatchArrays(z, z.copy(), z.copy())


class Matcher:
    """Match a lexicon's entries in texts.

    Parameters
    ----------
    lexicon : Lexicon
        The lexicon (see :func:`framing.lexicon.load_lexicon`).
    overlap : {"longest", "all"}, default "longest"
        ``"longest"``: scanning left to right, the longest entry starting at
        the leftmost position wins and scanning resumes after it, so a text
        span counts once (``WAR ON TERROR`` with entries ``war on terror``,
        ``terror*`` and ``war`` gives one match). If several entries match
        exactly that span, one per category is kept (the most specific:
        fewer wildcards, then the longer pattern, then the earlier entry).
        ``"all"``: every occurrence of every entry, nested or overlapping.

    Attributes
    ----------
    lexicon : Lexicon
        The lexicon.
    overlap : str
        The overlap policy.

    Examples
    --------
    >>> from framing.lexicon import Lexicon
    >>> lex = Lexicon.from_dict(
    ...     {"coup_terror": ["war on terror", "terror*"], "conflict": ["war"]}, name="demo"
    ... )
    >>> m = Matcher(lex).find("The WAR ON TERROR, terrorizing.")
    >>> m.start.tolist(), m.end.tolist(), m.entry.tolist()
    ([4, 19], [17, 30], [0, 1])
    >>> len(Matcher(lex, overlap="all").find("The WAR ON TERROR"))
    3
    """

    def __init__(self, lexicon: Lexicon, *, overlap: Overlap = "longest") -> None:
        if not isinstance(lexicon, Lexicon):
            raise TypeError(
                f"Matcher expects a Lexicon (see framing.lexicon.load_lexicon), got "
                f"{type(lexicon).__name__}"
            )
        if overlap not in ("longest", "all"):
            raise ValueError(f"overlap must be 'longest' or 'all', got {overlap!r}")
        self.lexicon = lexicon
        self.overlap = overlap
        self._compile()

    # ----------------------------------------------------------- compilation
    def _compile(self) -> None:
        lex = self.lexicon
        item_index: dict[str, int] = {}
        item_words: list[tuple[str, ...]] = []
        item_entries: list[list[int]] = []
        item_excluders: list[list[int]] = []  # entries for which this item is an exclusion

        def item_of(words: tuple[str, ...]) -> int:
            src = "".join(_atoms(words))
            idx = item_index.get(src)
            if idx is None:
                idx = item_index[src] = len(item_words)
                item_words.append(words)
                item_entries.append([])
                item_excluders.append([])
            return idx

        rank: list[tuple[int, int, int]] = []
        for i, entry in enumerate(lex.entries):
            words = entry.words
            item_entries[item_of(words)].append(i)
            for excl in entry.exclusions:
                item_excluders[item_of(pattern_words(excl))].append(i)
            stars = sum(w.endswith("*") for w in words)
            rank.append((stars, -sum(len(w.rstrip("*")) for w in words), i))

        trie = _Trie()
        literal: dict[str, list[int]] = {}
        prefix: dict[str, list[int]] = {}
        anchored: list[re.Pattern[str]] = []
        for idx, words in enumerate(item_words):
            atoms = _atoms(words)
            trie.add(atoms)
            anchored.append(re.compile("".join(atoms)))
            key, is_prefix = _first_key(words[0])
            (prefix if is_prefix else literal).setdefault(key, []).append(idx)

        body = trie.regex()
        self._scan = re.compile(f"{_SCAN_PREFIX}({body})")
        self._scan_start = re.compile(body)
        self._anchored = anchored
        self._run_items: dict[str, tuple[int, ...]] = {}
        self._literal = {k: tuple(v) for k, v in literal.items()}
        self._prefix = {k: tuple(v) for k, v in prefix.items()}
        self._prefix_lengths = tuple(sorted({len(k) for k in prefix}))
        self._item_entries = tuple(tuple(v) for v in item_entries)
        self._item_excluders = tuple(tuple(v) for v in item_excluders)
        self._has_exclusions = any(self._item_excluders)
        self._excl_items = frozenset(i for i, v in enumerate(self._item_excluders) if v)
        # specificity order of entries (fewer wildcards, longer, earlier first)
        order = [0] * len(rank)
        for position, (_, _, i) in enumerate(sorted(rank)):
            order[i] = position
        self._order = order
        self._category = lex.category_codes.tolist()

    def _items_for(self, run: str) -> tuple[int, ...]:
        """Items whose first word can match a text word starting with ``run``."""
        items = self._literal.get(run, ())
        for k in self._prefix_lengths:
            if k > len(run):
                break
            more = self._prefix.get(run[:k])
            if more:
                items = items + more
        if len(self._run_items) < _RUN_CACHE_MAX:
            self._run_items[run] = items
        return items

    def __getstate__(self) -> dict[str, object]:
        return {"lexicon": self.lexicon, "overlap": self.overlap}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.lexicon = state["lexicon"]  # type: ignore[assignment]
        self.overlap = state["overlap"]  # type: ignore[assignment]
        self._compile()

    def __repr__(self) -> str:
        return f"Matcher({self.lexicon!r}, overlap={self.overlap!r})"

    # -------------------------------------------------------------- matching
    def _candidates(self, t: str) -> list[tuple[int, int, int]]:
        """Every (start, end, item) occurrence in normalised text ``t``."""
        out: list[tuple[int, int, int]] = []
        if not t:
            return out
        anchored, run_items, items_for = self._anchored, self._run_items, self._items_for
        word_run = _WORD_RUN.match
        append = out.append
        search = self._scan.search
        m = self._scan_start.match(t)
        if m is not None:
            s, end = 0, m.end()
        else:
            m = search(t, 0)
            if m is None:
                return out
            s, end = m.start(1), m.end(1)
        while True:
            run_m = word_run(t, s)
            run = run_m.group() if run_m is not None else t[s]
            items = run_items.get(run)
            if items is None:
                items = items_for(run)
            if len(items) == 1:
                # the only item that can start here is the one the scan matched
                append((s, end, items[0]))
            else:
                for idx in items:
                    mm = anchored[idx].match(t, s)
                    if mm is not None:
                        append((s, mm.end(), idx))
            m = search(t, s)
            if m is None:
                return out
            s, end = m.start(1), m.end(1)

    def _select(self, cands: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
        """Apply exclusions, then the overlap policy; return (start, entry, end) sorted."""
        item_entries = self._item_entries
        order = self._order
        occ: list[tuple[int, int, int, int]] = []  # (start, -end, order, entry)
        if self._has_exclusions:
            excl_items = self._excl_items
            # per entry: starts of its exclusions' occurrences (non-decreasing, as
            # candidates come left to right) and the running maximum of their ends
            blocks: dict[int, tuple[list[int], list[int]]] = {}
            for s, e, idx in cands:
                if idx in excl_items:
                    for owner in self._item_excluders[idx]:
                        starts, maxends = blocks.setdefault(owner, ([], []))
                        starts.append(s)
                        maxends.append(max(e, maxends[-1]) if maxends else e)
            for s, e, idx in cands:
                for entry in item_entries[idx]:
                    if blocks and entry in blocks:
                        starts, maxends = blocks[entry]
                        k = bisect_right(starts, s) - 1
                        if k >= 0 and maxends[k] >= e:
                            continue  # inside an occurrence of one of its exclusions
                    occ.append((s, -e, order[entry], entry))
        else:
            for s, e, idx in cands:
                for entry in item_entries[idx]:
                    occ.append((s, -e, order[entry], entry))
        if self.overlap == "all":
            out = [(s, entry, -neg_e) for s, neg_e, _, entry in occ]
            out.sort()
            return out
        # leftmost-longest: after sorting, the first occurrence at a start has the
        # longest end; occurrences with exactly that span are kept once per
        # category, the most specific first (``order``).
        occ.sort()
        category = self._category
        out = []
        cur_end = -1
        span = (-1, 0)
        cats: set[int] = set()
        shared = False
        for s, neg_e, _, entry in occ:
            if (s, neg_e) == span:
                cat = category[entry]
                if cat in cats:
                    continue
                cats.add(cat)
                shared = True
            elif s >= cur_end:
                span = (s, neg_e)
                cur_end = -neg_e
                cats = {category[entry]}
            else:
                continue
            out.append((s, entry, -neg_e))
        if shared:
            out.sort()
        return out

    def find(self, text: str) -> MatchArrays:
        """Find the lexicon's entries in one document.

        Parameters
        ----------
        text : str
            The original document (not modified).

        Returns
        -------
        MatchArrays
            ``start``/``end`` in original character offsets and ``entry``
            indices, sorted by start.

        Examples
        --------
        >>> from framing.lexicon import Lexicon
        >>> lex = Lexicon.from_dict({"protest": ["human rights"]}, name="demo")
        >>> text = "İstanbul: human\\u00a0rights"
        >>> m = Matcher(lex).find(text)
        >>> text[m.start[0]:m.end[0]]
        'human\\xa0rights'
        """
        if not isinstance(text, str):
            raise TypeError(f"find() expects str, got {type(text).__name__}")
        if len(text) > _MAX_LEN:
            raise ValueError(f"text too long ({len(text)} characters; at most {_MAX_LEN})")
        nt = normalize(text)
        cands = self._candidates(nt.text)
        if not cands:
            return _empty()
        sel = self._select(cands)
        arr = np.array(sel, dtype=np.int64).reshape(-1, 3)
        starts, entries, ends = arr[:, 0], arr[:, 1], arr[:, 2]
        if not nt.is_identity:
            starts, ends = nt._map_spans(starts, ends)
        return MatchArrays(
            starts.astype(np.int32), ends.astype(np.int32), entries.astype(np.int32)
        )

    def find_many(self, texts: Iterable[str]) -> MatchArrays:
        """Find the entries in many documents; ``doc`` gives each match's document.

        Parameters
        ----------
        texts : iterable of str
            Documents, indexed from 0 in iteration order.

        Returns
        -------
        MatchArrays
            Concatenated matches with ``doc`` filled.

        Examples
        --------
        >>> from framing.lexicon import Lexicon
        >>> lex = Lexicon.from_dict({"conflict": ["war"]}, name="demo")
        >>> Matcher(lex).find_many(["war", "peace", "war, war"]).doc.tolist()
        [0, 2, 2]
        """
        parts: list[MatchArrays] = []
        docs: list[np.ndarray] = []
        for i, text in enumerate(texts):
            m = self.find(text)
            if len(m):
                parts.append(m)
                docs.append(np.full(len(m), i, dtype=np.int32))
        if not parts:
            z = np.zeros(0, dtype=np.int32)
            return MatchArrays(z, z.copy(), z.copy(), z.copy())
        return MatchArrays(
            np.concatenate([p.start for p in parts]),
            np.concatenate([p.end for p in parts]),
            np.concatenate([p.entry for p in parts]),
            np.concatenate(docs),
        )

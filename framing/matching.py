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
   matches (the alternation has no nested quantifiers, so no input can make
   it backtrack catastrophically). For the usual text, whose characters are
   all below U+0100, it runs on a byte copy in which every character the
   items cannot tell apart is mapped to one byte (:func:`_byte_table`), so
   that each position can be found with a *literal* search for the byte
   before it, which ``re`` runs several times faster than a search for a
   character class; other texts are scanned as str.
3. The scan's match at a position tells which items occur there (cached per
   matched text): usually one item, whose match the scan found; where
   several items share a first word and the matched text cannot tell, they
   are all matched at once with one regex of look-aheads. Exclusions then
   remove entry occurrences inside an exclusion phrase of that entry, and
   the overlap policy picks the matches (without sorting when the starts
   are distinct, the usual case).

The matching rules (M1-M11) are documented in ``lexicons/README.md``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from operator import gt, lt
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
# The separator on mapped bytes, where every separator character other than
# "\n" is a space: a run of spaces with at most one newline. The old
# ``(?=[\s-])`` guard only excluded the empty separator, which can never be
# followed by the next word's first character (never a space or "-"); spelt
# as two alternatives, each starting with a character, ``re`` checks it
# quickly and needs no general (slow) repeat.
_BYTE_SEP = r"(?: +(?:\n *|)|\n *)"
_NEVER = r"(?!)"


def _atoms(
    words: tuple[str, ...], *, latin1: bool = False, merged: str | None = None
) -> list[str]:
    """Regex atoms of a pattern body: one per literal character, wildcard, separator.

    The word-boundary checks (rule M4) are not included: every match must be
    preceded and followed by a non-word character (or the text's start/end);
    :func:`pattern_regex` and the scanner add them.

    With ``latin1=True`` the atoms are for the byte scanner (see
    :func:`_byte_table`): they apply to the *mapped* bytes of a normalised
    text, in which every separator character (whitespace other than ``\\n``,
    and ``-``) is a space; a literal beyond U+00FF can never match there.
    With ``merged`` (a character) too, they apply to mapped bytes in which
    every non-word byte but the space, newline included, became ``merged``.
    """
    if merged is not None:
        m = re.escape(merged)
        sep = f"(?: +(?:{m} *|)|{m} *)"
    else:
        sep = _BYTE_SEP if latin1 else _SEP
    atoms: list[str] = []
    for i, word in enumerate(words):
        if i:
            atoms.append(sep)
        stem = word[:-1] if word.endswith("*") else word
        if merged is not None:
            atoms.extend(
                _NEVER if ord(c) > 255 else re.escape(c) if _is_word(c) else m for c in stem
            )
        elif latin1:
            atoms.extend(re.escape(c) if ord(c) < 256 else _NEVER for c in stem)
        else:
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
    """Items' atom sequences merged on common prefixes; compiles to one regex.

    Every item ends with the ``(?!\\w)`` atom, which never has a
    continuation, so the items are the leaves. A regex tries the
    alternatives in order, so the scan's first success at a position is the
    first matching item in depth-first order (:meth:`leaves`); children are
    ordered so that longer phrases and literal continuations come before a
    wildcard and before the item that ends here. An entry extended by its
    exclusions or by longer entries (``internet`` / ``internet news``) is
    then last among them, and where it is the one that matched, the others
    are known not to match (see :meth:`Matcher._items_at`).
    """

    __slots__ = ("children", "items")

    def __init__(self) -> None:
        self.children: dict[str, _Trie] = {}
        self.items: list[int] = []

    def add(self, atoms: list[str], item: int) -> None:
        node = self
        for atom in atoms:
            node = node.children.setdefault(atom, _Trie())
        node.items.append(item)

    def _ordered(self) -> list[tuple[str, _Trie]]:
        # stable sort: insertion order, except the wildcard and the end last
        rank = {_WILD: 1, _AFTER: 2}
        return sorted(self.children.items(), key=lambda kv: rank.get(kv[0], 0))

    def regex(self) -> str:
        alts = [atom + child.regex() for atom, child in self._ordered()]
        if not alts:
            return ""
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    def leaves(self) -> list[int]:
        """Items in the order the regex tries them (depth first)."""
        out = list(self.items)
        for _, child in self._ordered():
            out.extend(child.leaves())
        return out


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


def _is_word(c: str) -> bool:
    # exactly ``re``'s ``\w`` for str patterns
    return c.isalnum() or c == "_"


def _byte_table(item_chars: set[str]) -> tuple[bytes, bytes]:
    """Byte map for the fast scanner, and the prefix bytes it scans for.

    The scanner runs on ``text.encode("latin-1").translate(table)`` (only
    for texts whose characters are all below U+0100 and whose non-ASCII
    characters are non-word characters, so that ``\\w`` on bytes agrees
    with ``\\w`` on str). The map keeps word characters, ``"\\n"`` and
    every character that occurs in a lexicon item; it turns every other
    separator character (whitespace, ``-``) into a space and every other
    non-word character into one filler byte that no item contains. The
    items' regexes (see ``_atoms(latin1=True)``) therefore match the mapped
    bytes exactly where the str regexes match the text: each literal sees
    the same character, separators and fillers are told apart, and no
    character changes between word and non-word.

    The mapped text has few distinct non-word bytes (space, newline, filler
    and the items' punctuation), so a candidate's preceding character can be
    found with one *literal* search per byte, which ``re`` runs much faster
    than a search for a character class.

    Returns
    -------
    tuple of bytes
        ``(table, prefixes)``.
    """
    # '*' always qualifies: a pattern's '*' is a wildcard, never a literal
    filler = next(
        v for v in range(128)
        if not _is_word(chr(v)) and not chr(v).isspace() and v != 45 and chr(v) not in item_chars
    )
    table = bytearray(range(256))
    for v in range(256):
        c = chr(v)
        if _is_word(c) or v == 10 or c in item_chars:
            continue
        table[v] = 32 if (c.isspace() or v == 45) else filler
    prefixes = bytes(sorted({table[v] for v in range(256) if not _is_word(chr(v))}))
    return bytes(table), prefixes


# bytes a mapped text may contain: ASCII and the non-word characters U+0080-U+00FF
_BYTE_SAFE = bytes(v for v in range(256) if v < 128 or not _is_word(chr(v)))
_WIDE_CHAR = re.compile(r"[^\x00-\xff]")


def _without(
    drop: list[int], starts: list[int], entries: list[int], ends: list[int]
) -> tuple[list[int], list[int], list[int]]:
    """The three lists less the positions in ``drop`` (increasing; usually few)."""
    if not drop:
        return starts, entries, ends
    out_s: list[int] = []
    out_n: list[int] = []
    out_e: list[int] = []
    prev = 0
    for k in drop:
        out_s += starts[prev:k]
        out_n += entries[prev:k]
        out_e += ends[prev:k]
        prev = k + 1
    out_s += starts[prev:]
    out_n += entries[prev:]
    out_e += ends[prev:]
    return out_s, out_n, out_e


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
            spans = zip(self.start.tolist(), self.end.tolist(), strict=True)
            frame["matched"] = [text[s:e] for s, e in spans]
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
        byte_trie = _Trie()
        item_chars: set[str] = {
            c for words in item_words for w in words for c in (w[:-1] if w.endswith("*") else w)
        }
        table, prefixes = _byte_table(item_chars)
        filler = chr(table[ord("*")])  # '*' is never an item character
        merged_trie = _Trie()
        literal: dict[str, list[int]] = {}
        prefix: dict[str, list[int]] = {}
        anchored: list[re.Pattern[str]] = []
        item_atoms: tuple[list[list[str]], list[list[str]]] = ([], [])
        for idx, words in enumerate(item_words):
            atoms = _atoms(words)
            byte_atoms = _atoms(words, latin1=True)
            trie.add(atoms, idx)
            byte_trie.add(byte_atoms, idx)
            merged_trie.add(_atoms(words, latin1=True, merged=filler), idx)
            item_atoms[0].append(atoms)
            item_atoms[1].append(byte_atoms)
            anchored.append(re.compile("".join(atoms)))
            key, is_prefix = _first_key(words[0])
            (prefix if is_prefix else literal).setdefault(key, []).append(idx)

        body = trie.regex()
        # The body is in a look-ahead so that each match consumes only the
        # character before a candidate: ``finditer`` then reports every
        # candidate position, nested ones included, in one call.
        self._scan = re.compile(f"{_SCAN_PREFIX}(?=({body}))")
        self._scan_start = re.compile(body)
        byte_body = byte_trie.regex()
        self._byte_map = table
        # "?" is what latin-1 encoding puts for a character it cannot encode
        self._question_is_filler = table[63] != 63
        self._item_chars = frozenset(item_chars)
        self._wide_cache: dict[str, bool] = {}
        self._byte_start = re.compile(byte_body.encode("latin-1"))
        # Two literal searches: for a space before a candidate, and for any
        # other non-word byte, on a copy where they all became the filler
        # byte (one search instead of one per byte: each search costs a pass
        # over the text). The items cannot tell those bytes apart on the copy,
        # so its matches are a superset, checked where they include one.
        self._space_scan = re.compile(f" (?=({byte_body}))".encode("latin-1"))
        merge = bytearray(range(256))
        for v in prefixes:
            if v != 32:
                merge[v] = ord(filler)
        self._merge_map = bytes(merge)
        self._filler = filler.encode("latin-1")
        self._merged_scan = re.compile(
            f"{re.escape(filler)}(?=({merged_trie.regex()}))".encode("latin-1")
        )
        self._anchored = anchored
        # Position of each item in the scans' depth-first order (str, bytes).
        # The merged scan's trie may order items differently only where two
        # punctuation literals merged, and two such items never match at the
        # same place, so its first match is the byte scan's too.
        self._dfs_rank = (
            {idx: k for k, idx in enumerate(trie.leaves())},
            {idx: k for k, idx in enumerate(byte_trie.leaves())},
        )
        self._item_atoms = item_atoms
        self._run_items: dict[str, tuple[int, ...]] = {}
        self._span_items: dict[str | bytes, int] = {}
        self._groups: dict[tuple[int, ...], int] = {}
        self._groups_found: list[tuple[tuple[int, ...], re.Pattern[str]]] = []
        self._literal = {k: tuple(v) for k, v in literal.items()}
        self._prefix = {k: tuple(v) for k, v in prefix.items()}
        self._prefix_lengths = tuple(sorted({len(k) for k in prefix}))
        self._item_entries = tuple(tuple(v) for v in item_entries)
        self._item_excluders = tuple(tuple(v) for v in item_excluders)
        self._excl_items = frozenset(i for i, v in enumerate(self._item_excluders) if v)
        # the entry of an item with exactly one, -1 with none, -2 with several
        self._single_entry = tuple(
            v[0] if len(v) == 1 else -1 if not v else -2 for v in self._item_entries
        )
        self._several_entries = -2 in self._single_entry
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
    def _mapped(self, t: str) -> bytes | None:
        """``t`` as mapped bytes for the byte scanner, or None if it does not apply."""
        table = self._byte_map
        if t.isascii():
            return t.encode("ascii").translate(table)
        try:
            raw = t.encode("latin-1")
        except UnicodeEncodeError:
            # Characters beyond U+00FF that are non-word, not separators and
            # in no item ("…", "€") map to the filler byte, so they may be
            # encoded as "?" when "?" maps to the filler too.
            if not self._question_is_filler or not self._wide_are_fillers(t):
                return None
            raw = t.encode("latin-1", "replace")
        if raw.translate(None, _BYTE_SAFE):
            return None  # a non-ASCII word character: bytes' \w would not see it
        return raw.translate(table)

    def _wide_are_fillers(self, t: str) -> bool:
        """Are all characters of ``t`` beyond U+00FF non-word, non-space, in no item?"""
        cache = self._wide_cache
        for c in set(_WIDE_CHAR.findall(t)):
            ok = cache.get(c)
            if ok is None:
                ok = not _is_word(c) and not c.isspace() and c not in self._item_chars
                if len(cache) < _RUN_CACHE_MAX:
                    cache[c] = ok
            if not ok:
                return False
        return True

    def _spans(self, t: str) -> tuple[list[tuple[int, int]], str | bytes]:
        """(start, scan end) of every candidate position of ``t``, in order.

        Also returns the string the spans index (``t`` or its mapped bytes):
        its slice ``[start:end]`` determines which items can start there.
        """
        mapped = self._mapped(t)
        if mapped is None:
            m = self._scan_start.match(t)
            spans = [] if m is None else [(0, m.end())]
            spans += [m.span(1) for m in self._scan.finditer(t)]
            return spans, t
        m = self._byte_start.match(mapped)
        spans = [] if m is None else [(0, m.end())]
        if 32 in mapped:
            spans += [m.span(1) for m in self._space_scan.finditer(mapped)]
        merged = mapped.translate(self._merge_map)
        filler = self._filler
        if filler in merged:
            more = [m.span(1) for m in self._merged_scan.finditer(merged)]
            if more:
                if any(filler in merged[s:e] for s, e in more):
                    more = self._recheck(more, mapped, merged)
                spans += more
                # the two searches find different starts (the byte before
                # differs), each in order
                spans.sort()
        return spans, mapped

    def _recheck(
        self, spans: list[tuple[int, int]], mapped: bytes, merged: bytes
    ) -> list[tuple[int, int]]:
        """Redo, on the exact bytes, the merged scan's matches that read a merged byte.

        A match that reads none is exact: the items that match the exact
        bytes match the merged copy, so the first one to match is the same.
        """
        filler, exact = self._filler, self._byte_start.match
        out = []
        for s, e in spans:
            if filler in merged[s:e]:
                m = exact(mapped, s)
                if m is None:
                    continue
                e = m.end()
            out.append((s, e))
        return out

    def _candidates(self, t: str) -> tuple[list[int], list[int], list[int], bool]:
        """Every occurrence of an item in normalised text ``t``, as parallel lists.

        Returns ``(starts, ends, items, shared)``: in order of start and, at
        one start, in item order; ``shared`` is True when some start has
        more than one occurrence.
        """
        starts: list[int] = []
        ends: list[int] = []
        found: list[int] = []
        shared = False
        if not t:
            return starts, ends, found, shared
        spans, src = self._spans(t)
        get = self._span_items.get
        add_start, add_end, add_item = starts.append, ends.append, found.append
        for s, end in spans:
            # The matched text contains the whole first word run at ``s`` (every
            # item consumes it), so it determines the items that can start there.
            key = src[s:end]
            hit = get(key)
            if hit is None:
                hit = self._items_at(t, s, key)
            if hit >= 0:
                # the only item that occurs here: the one the scan matched
                add_start(s)
                add_end(end)
                add_item(hit)
                continue
            items, group = self._groups_found[~hit]
            # one look-ahead per item: group k+1 spans item k's match, if any
            # (a look-ahead keeps the first match, as ``match`` does)
            regs = group.match(t, s).regs
            n = 0
            for k, idx in enumerate(items, 1):
                e = regs[k][1]
                if e >= 0:
                    add_start(s)
                    add_end(e)
                    add_item(idx)
                    n += 1
            if n > 1:
                shared = True
        return starts, ends, found, shared

    def _items_at(self, t: str, s: int, key: str | bytes) -> int:
        """What the scan's match ``key`` at ``s`` tells; cached per key.

        Either the one item that occurs there (its index), or ``~k`` for
        ``self._groups_found[k]``: the items that may occur there and a regex
        that matches all of them at once.

        Several items can start at ``s`` when their first words agree. The
        scan tried them in depth-first order (see :class:`_Trie`) and
        ``key`` is the text of the first that matched, the *winner*; every
        item before it failed. The winner depends only on ``key``: its match
        reads ``key`` and the non-word character after it, so at any other
        position with the same key it matches again, and an item before it
        that matched there would have been the scan's match instead. So the
        winner is the only occurrence wherever the scan matches ``key`` when
        each other item comes before it in that order or parts ways with it
        (:meth:`_parts_ways`).
        """
        run_m = _WORD_RUN.match(t, s)
        run = run_m.group() if run_m is not None else t[s]
        items = self._run_items.get(run)
        if items is None:
            items = self._items_for(run)
        hit: int
        if len(items) == 1:
            hit = items[0]
        else:
            kind = isinstance(key, bytes)
            rank = self._dfs_rank[kind]
            ends = {}
            for i in items:
                m = self._anchored[i].match(t, s)
                if m is not None:
                    ends[i] = m.end()
            winner = min(ends, key=rank.__getitem__) if ends else -1
            if (
                winner >= 0
                and ends[winner] == s + len(key)  # (always: it is the scan's match)
                and all(
                    rank[i] < rank[winner] or self._parts_ways(winner, i, kind)
                    for i in items
                    if i != winner
                )
            ):
                hit = winner
            else:
                hit = self._groups.get(items, 0)
                if not hit:
                    group = re.compile(
                        "".join(f"(?:(?=({self._anchored[i].pattern}))|)" for i in items)
                    )
                    entry = (items, group)
                    self._groups_found.append(entry)
                    # its position, found (not assumed) in case of a concurrent append
                    hit = self._groups[items] = ~self._groups_found.index(entry)
        if len(self._span_items) < _RUN_CACHE_MAX:
            self._span_items[key] = hit
        return hit

    def _parts_ways(self, winner: int, other: int, kind: int) -> bool:
        """True if ``other`` cannot match where ``winner`` matched.

        Their atoms agree up to a first difference. Up to there both
        consume the same text: literals are fixed, a separator is always
        followed by a literal that is not a separator character, so it takes
        the whole run, and a wildcard is only ever followed by a separator
        or the end check. If neither differing atom is a wildcard or the end
        check, they are two different literals, or a literal and a separator,
        and the text at that point is the winner's: a literal the other's
        literal is not, or a separator character where it wants a literal
        (never one), or a literal where it wants a separator.
        """
        a, b = self._item_atoms[kind][winner], self._item_atoms[kind][other]
        k = 0
        while k < len(a) and k < len(b) and a[k] == b[k]:
            k += 1
        if k == len(a) or k == len(b):
            return False
        return a[k] not in (_WILD, _AFTER) and b[k] not in (_WILD, _AFTER)

    def _pick(
        self, starts: list[int], ends: list[int], found: list[int], shared: bool
    ) -> tuple[list[int], list[int], list[int]]:
        """Apply exclusions, then the overlap policy: (starts, entries, ends) sorted.

        Sorted by start, then entry. ``shared`` is True when two occurrences
        share a start (see :meth:`_candidates`).
        """
        single = self._single_entry
        entries = [single[i] for i in found]
        excl_items = self._excl_items
        excluding = bool(excl_items) and not excl_items.isdisjoint(found)
        several = self._several_entries and -2 in entries
        if not (shared or excluding or several):
            # one entry per occurrence (an item without entries is an exclusion),
            # no exclusion occurs, distinct starts
            return self._walk(starts, entries, ends)
        if several:
            starts, entries, ends = self._occurrences_general(starts, ends, found)
        elif excluding:
            starts, entries, ends = self._excluded(starts, ends, found, entries)
        if all(map(lt, starts, starts[1:])):
            return self._walk(starts, entries, ends)
        if self.overlap == "all":
            out = sorted(zip(starts, entries, ends, strict=True))
        else:
            out = self._longest_shared(starts, entries, ends)
        return [x[0] for x in out], [x[1] for x in out], [x[2] for x in out]

    def _walk(
        self, starts: list[int], entries: list[int], ends: list[int]
    ) -> tuple[list[int], list[int], list[int]]:
        """The overlap policy for occurrences with distinct, increasing starts.

        Sorting by (start, -end, specificity) then keeps the scan order, and
        the leftmost-longest walk keeps an occurrence iff it starts at or after
        the end of the last kept one (there is never a second occurrence with
        the same span).
        """
        if self.overlap == "all":
            return starts, entries, ends
        overlaps = list(map(gt, ends, starts[1:]))
        if True not in overlaps:
            return starts, entries, ends
        # Occurrence k+1 overlaps k iff overlaps[k]. While nothing is dropped,
        # the last kept occurrence is the previous one, so only the runs after
        # an overlap need walking: from a kept occurrence, drop the ones that
        # start before its end, then jump to the next overlap.
        n = len(starts)
        drop: list[int] = []
        k = overlaps.index(True)
        while True:
            cur_end = ends[k]
            j = k + 1
            while j < n and starts[j] < cur_end:
                drop.append(j)
                j += 1
            if j >= n - 1:
                break
            try:
                k = overlaps.index(True, j)
            except ValueError:
                break
        return _without(drop, starts, entries, ends)

    def _blocks(
        self, starts: list[int], ends: list[int], found: list[int]
    ) -> dict[int, tuple[list[int], list[int]]]:
        """Per entry: starts of its exclusions' occurrences and running max of their ends.

        The starts are non-decreasing, as candidates come left to right.
        """
        excl_items = self._excl_items
        blocks: dict[int, tuple[list[int], list[int]]] = {}
        for k in [k for k, idx in enumerate(found) if idx in excl_items]:
            s, e = starts[k], ends[k]
            for owner in self._item_excluders[found[k]]:
                b_starts, maxends = blocks.setdefault(owner, ([], []))
                b_starts.append(s)
                maxends.append(max(e, maxends[-1]) if maxends else e)
        return blocks

    def _excluded(
        self, starts: list[int], ends: list[int], found: list[int], entries: list[int]
    ) -> tuple[list[int], list[int], list[int]]:
        """Entry occurrences less the excluded ones, when no item has several entries.

        ``entries`` holds each occurrence's entry, or -1 for an item that is
        only an exclusion. Returns ``(starts, entries, ends)``.
        """
        blocks = self._blocks(starts, ends, found)
        drop: list[int] = []
        for k in [k for k, n in enumerate(entries) if n < 0 or n in blocks]:
            n = entries[k]
            if n >= 0:
                b_starts, maxends = blocks[n]
                j = bisect_right(b_starts, starts[k]) - 1
                if j < 0 or maxends[j] < ends[k]:
                    continue  # not inside an occurrence of one of its exclusions
            drop.append(k)
        return _without(drop, starts, entries, ends)

    def _occurrences_general(
        self, starts: list[int], ends: list[int], found: list[int]
    ) -> tuple[list[int], list[int], list[int]]:
        """Entry occurrences less the excluded ones: ``(starts, entries, ends)``."""
        blocks = self._blocks(starts, ends, found)
        item_entries = self._item_entries
        out_s: list[int] = []
        out_n: list[int] = []
        out_e: list[int] = []
        for s, e, idx in zip(starts, ends, found, strict=True):
            for entry in item_entries[idx]:
                if blocks and entry in blocks:
                    b_starts, maxends = blocks[entry]
                    k = bisect_right(b_starts, s) - 1
                    if k >= 0 and maxends[k] >= e:
                        continue  # inside an occurrence of one of its exclusions
                out_s.append(s)
                out_n.append(entry)
                out_e.append(e)
        return out_s, out_n, out_e

    def _longest_shared(
        self, starts: list[int], entries: list[int], ends: list[int]
    ) -> list[tuple[int, int, int]]:
        """Leftmost-longest selection when occurrences may share a start.

        After sorting, the first occurrence at a start has the longest end;
        occurrences with exactly that span are kept once per category, the
        most specific first (``order``). Returns sorted (start, entry, end).
        """
        order = self._order
        occ = sorted(
            zip(starts, [-e for e in ends], [order[n] for n in entries], entries, strict=True)
        )
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
        starts, ends, found, shared = self._candidates(nt.text)
        if not starts:
            return _empty()
        starts, entries, ends = self._pick(starts, ends, found, shared)
        if not starts:
            return _empty()
        if nt.is_identity:
            return MatchArrays(
                np.array(starts, dtype=np.int32),
                np.array(ends, dtype=np.int32),
                np.array(entries, dtype=np.int32),
            )
        orig_starts, orig_ends = nt._map_spans(
            np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64)
        )
        return MatchArrays(
            orig_starts.astype(np.int32),
            orig_ends.astype(np.int32),
            np.array(entries, dtype=np.int32),
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

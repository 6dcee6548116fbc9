"""Equivalence of the fast matching engine with the straightforward one it replaced.

:class:`framing.matching.Matcher` scans mapped bytes with literal-prefix
searches, caches the items per scanned span and short-cuts the overlap
policy; :func:`framing.normalize.normalize` replaces the remaining non-ASCII
characters with ``str.replace``. The reference below is the previous code,
kept verbatim (only renamed): every result must be identical, array for
array, on the bundled seed articles, on seed-built documents with Unicode
noise, and on thousands of random texts over a tricky alphabet with random
small lexicons (phrases, wildcards, exclusions, nested entries, regex
metacharacters, length-changing characters), for both overlap policies.
"""

from __future__ import annotations

import random
import re
import unicodedata
from bisect import bisect_right

import numpy as np
import pytest

from framing.datasets import load_kazakhstan_2022
from framing.lexicon import Lexicon, LexiconError, load_lexicon, pattern_words
from framing.matching import MatchArrays, Matcher
from framing.normalize import NormalizedText, normalize

# --------------------------------------------------------------------------
# reference: the previous normaliser and engine, verbatim
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
_REF_CHAR_CACHE: dict[str, str] = {}


def _replace_char(ch: str) -> str:
    """Return the normalised replacement of one non-ASCII character."""
    try:
        return _REF_CHAR_CACHE[ch]
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
    _REF_CHAR_CACHE[ch] = out
    return out


# cache: whole non-ASCII run -> (replacement, every character kept its length)
_REF_RUN_CACHE: dict[str, tuple[str, bool]] = {}
_REF_RUN_CACHE_MAX = 100_000


def _replace_run(run: str) -> tuple[str, bool]:
    cached = _REF_RUN_CACHE.get(run)
    if cached is None:
        parts = [_replace_char(c) for c in run]
        cached = ("".join(parts), all(len(p) == 1 for p in parts))
        if len(_REF_RUN_CACHE) < _REF_RUN_CACHE_MAX:
            _REF_RUN_CACHE[run] = cached
    return cached



def _reference_normalize(text: str) -> NormalizedText:
    """The normalisation as it was before the fast path (reference)."""
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
        if char in norm:
            norm = norm.replace(char, repl)

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


class _ReferenceMatcher:
    """The previous :class:`~framing.matching.Matcher` (scan, candidates, select)."""

    def __init__(self, lexicon: Lexicon, *, overlap: str = "longest") -> None:
        self.lexicon = lexicon
        self.overlap = overlap
        self._compile()

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
        if not isinstance(text, str):
            raise TypeError(f"find() expects str, got {type(text).__name__}")
        if len(text) > _MAX_LEN:
            raise ValueError(f"text too long ({len(text)} characters; at most {_MAX_LEN})")
        nt = _reference_normalize(text)
        cands = self._candidates(nt.text)
        if not cands:
            z = np.zeros(0, dtype=np.int32)
            return MatchArrays(z, z.copy(), z.copy())
        sel = self._select(cands)
        arr = np.array(sel, dtype=np.int64).reshape(-1, 3)
        starts, entries, ends = arr[:, 0], arr[:, 1], arr[:, 2]
        if not nt.is_identity:
            starts, ends = nt._map_spans(starts, ends)
        return MatchArrays(
            starts.astype(np.int32), ends.astype(np.int32), entries.astype(np.int32)
        )



# --------------------------------------------------------------------------
# comparison helpers and generators
# --------------------------------------------------------------------------


def _assert_same(got: MatchArrays, want: MatchArrays, text: str) -> None:
    for field in ("start", "end", "entry"):
        a, b = getattr(got, field), getattr(want, field)
        assert a.dtype == b.dtype == np.int32, (field, text)
        assert a.tolist() == b.tolist(), (field, text)
    assert got.doc is None


def _assert_same_normalisation(text: str) -> None:
    got, want = normalize(text), _reference_normalize(text)
    assert got.text == want.text, text
    assert got.original_length == want.original_length
    assert got.is_identity == want.is_identity, text
    assert got.offsets.tolist() == want.offsets.tolist(), text


# Unicode noise of news text and of the normaliser's special cases: quotes,
# dashes, spaces, line separators, invisible characters, length-changing
# characters (İ, ß, ligatures, decomposed accents), Latin-1 word and non-word
# characters, characters beyond U+00FF (Cyrillic, CJK, an astral one).
_NOISE = ["\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e", "`", "\u00b4",
          "\u2013", "\u2014", "\u2011", "\u2212", "\u00a0", "\u2009", "\u3000", "\u2028",
          "\u2029", "\u0085", "\u00ad", "\u200b", "\ufeff", "\u00a9", "\u00b0", "\u00a7",
          "\u00b7", "\u2026", "\u20ac", "\u0130", "\u00df", "\ufb01", "e\u0301", "\u00e9",
          "\u00f8", "\u00b5", "\u00aa", "\u00c6", "\u00d7", "\u0416", "\u0436\u0435",
          "\u4e2d", "\U0001d400", "\u03a3", "\t", "\r\n", "\x0b", "\x1c", "_", "-", "--"]


def _noisy(text: str, rng: random.Random, rate: float) -> str:
    """Insert or substitute noise characters at random positions."""
    out = []
    for ch in text:
        r = rng.random()
        if r < rate:
            out.append(rng.choice(_NOISE))
        elif r < 2 * rate and ch in " '\"-":
            out.append(rng.choice(_NOISE))
            continue
        out.append(ch)
    return "".join(out)


@pytest.fixture(scope="module")
def seed_texts() -> list[str]:
    return [doc.text for doc in load_kazakhstan_2022()]


@pytest.fixture(scope="module")
def bundled() -> Lexicon:
    return load_lexicon("kazakhstan-2022")


def _seed_documents(seed_texts: list[str], rng: random.Random, n: int) -> list[str]:
    """Documents like the benchmark corpus: shuffled seed paragraphs, some with noise."""
    paragraphs = [p for t in seed_texts for p in t.split("\n") if p.strip()]
    docs = []
    for i in range(n):
        body = "\n\n".join(rng.choice(paragraphs) for _ in range(rng.randint(1, 12)))
        kind = i % 4
        if kind == 1:  # plain ASCII
            body = body.encode("ascii", "replace").decode("ascii")
        elif kind == 2:
            body = _noisy(body, rng, 0.002)
        elif kind == 3:
            body = _noisy(body, rng, 0.02)
        if rng.random() < 0.3:
            body = body.upper()
        docs.append(body)
    return docs


# Random lexicons over words that exercise every rule: phrases, wildcards,
# regex metacharacters, punctuation inside words, one-letter words, words
# that normalise to other lengths (ß, İ, ligatures), non-ASCII letters.
_WORDS = ["war", "on", "terror", "terrorists", "a", "b", "ab", "coup", "de", "grace", "not",
          "u.s.", "(csto)", "c++", "d'etat", "a.b", "x|y", "[z]", "$5", "^a", "q?", "st\u00f8",
          "\u00b5", "ma\u00dfe", "\u0130stanbul", "\ufb01re", "\u0436\u0435", "x_y", "x2", "o'",
          "na\u00efve", "'a", "a'", "\u20ac5", "5\u2030"]
_STEMS = ["terror", "a", "ab", "war", "co", "st\u00f8", "\u0436", "x", "u.s", "d'e", "q"]


def _random_pattern(rng: random.Random) -> str:
    words = []
    for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
        if rng.random() < 0.25:
            words.append(rng.choice(_STEMS) + "*")
        else:
            words.append(rng.choice(_WORDS))
    sep = rng.choice([" ", " ", "-", " - "])
    return sep.join(words)


def _random_lexicon(rng: random.Random) -> Lexicon:
    while True:
        categories: dict[str, list] = {}
        for c in range(rng.randint(1, 3)):
            entries: list = []
            for _ in range(rng.randint(1, 7)):
                pattern = _random_pattern(rng)
                if rng.random() < 0.3:
                    # exclusions: longer phrases around the pattern (nested items)
                    stem = pattern.replace("*", "")
                    excl = [f"{rng.choice(_WORDS)} {stem}", f"{stem} {rng.choice(_WORDS)}"]
                    entry = {"pattern": pattern, "exclude": excl[: rng.randint(1, 2)]}
                    if rng.random() < 0.5:
                        entry["weight"] = rng.choice([0.5, 2.0])
                    entries.append(entry)
                else:
                    entries.append(pattern)
            categories[f"c{c}"] = entries
        try:
            return Lexicon.from_dict(categories, name="random")
        except LexiconError:
            continue


# gaps between words: separators, punctuation, quotes of every kind, newlines
_GAPS = [" ", "  ", "-", " - ", "\n", "\n\n", " \n ", ", ", ". ", "\u00a0", "\u2011", "\u2014",
         "", "'", "\u2019", "\"", "\u201c", "(", ")", "_", ".", "\t", "\r\n", "\u2028", "\u00ad",
         "\u00a9", "\u0301", "/", "*", "|", "?", "$"]


def _random_text(rng: random.Random, lex: Lexicon) -> str:
    vocab = _WORDS + [w for e in lex.entries for w in pattern_words(e.pattern)]
    parts = []
    for _ in range(rng.randint(0, 16)):
        word = rng.choice(vocab).replace("*", rng.choice(["", "ism", "s", "\u00f8", "_"]))
        r = rng.random()
        if r < 0.15:
            word = word.upper()
        elif r < 0.25:
            word = word.capitalize()
        parts.append(word)
        parts.append(rng.choice(_GAPS))
    text = "".join(parts)
    if rng.random() < 0.2:
        text = _noisy(text, rng, 0.05)
    return text


# --------------------------------------------------------------------------
# tests
# --------------------------------------------------------------------------


@pytest.mark.parametrize("overlap", ["longest", "all"])
def test_seed_articles_match_as_before(overlap: str, seed_texts: list[str],
                                       bundled: Lexicon) -> None:
    new, ref = Matcher(bundled, overlap=overlap), _ReferenceMatcher(bundled, overlap=overlap)
    total = 0
    for text in seed_texts:
        got = new.find(text)
        _assert_same(got, ref.find(text), text)
        total += len(got)
    assert total > 100  # the comparison is not vacuous


@pytest.mark.parametrize("overlap", ["longest", "all"])
def test_seed_built_documents_match_as_before(overlap: str, seed_texts: list[str],
                                              bundled: Lexicon) -> None:
    rng = random.Random(11 if overlap == "longest" else 12)
    new, ref = Matcher(bundled, overlap=overlap), _ReferenceMatcher(bundled, overlap=overlap)
    for text in _seed_documents(seed_texts, rng, 240):
        _assert_same(new.find(text), ref.find(text), text)


@pytest.mark.parametrize("overlap", ["longest", "all"])
@pytest.mark.parametrize("seed", range(6))
def test_random_lexicons_and_texts_match_as_before(overlap: str, seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(12):
        lex = _random_lexicon(rng)
        new, ref = Matcher(lex, overlap=overlap), _ReferenceMatcher(lex, overlap=overlap)
        for _ in range(40):
            text = _random_text(rng, lex)
            _assert_same(new.find(text), ref.find(text), text)


def test_random_comparison_finds_matches_on_both_scan_paths() -> None:
    # guard against a vacuous comparison: the random texts do match, on the
    # byte scanner's path and on the str path (characters beyond U+00FF)
    rng = random.Random(99)
    counts = {"bytes": 0, "str": 0}
    for _ in range(20):
        lex = _random_lexicon(rng)
        matcher = Matcher(lex, overlap="all")
        for _ in range(30):
            text = _random_text(rng, lex)
            path = "str" if matcher._mapped(normalize(text).text) is None else "bytes"
            counts[path] += len(matcher.find(text))
    assert counts["bytes"] > 100 and counts["str"] > 20, counts


@pytest.mark.parametrize("overlap", ["longest", "all"])
def test_find_many_matches_as_before(overlap: str, seed_texts: list[str],
                                     bundled: Lexicon) -> None:
    new, ref = Matcher(bundled, overlap=overlap), _ReferenceMatcher(bundled, overlap=overlap)
    texts = _seed_documents(seed_texts, random.Random(5), 30)
    many = new.find_many(texts)
    want = [ref.find(t) for t in texts]
    assert many.start.tolist() == [s for m in want for s in m.start.tolist()]
    assert many.end.tolist() == [e for m in want for e in m.end.tolist()]
    assert many.entry.tolist() == [n for m in want for n in m.entry.tolist()]
    assert many.doc.tolist() == [i for i, m in enumerate(want) for _ in range(len(m))]


@pytest.mark.parametrize(
    "text",
    [
        "", "a", "war", " war", "war ", "-war-", "(csto)", "u.s. war", "war\n\nwar",
        "\u0130\u0130\u0130 war", "stra\u00dfe war", "\u00a9 war \u00a9", "war\u00a0on\u00a0terror",
        "\u0436\u0435 war", "st\u00f8 war", "war" * 50, "a " * 500, "\u00ad" * 5 + "war",
        "u.s.(csto)", "war on terror u.s.(csto)", "u.s.u.s. (csto)(csto)", "war-(csto)",
    ],
)
def test_corner_texts_match_as_before(text: str) -> None:
    lex = Lexicon.from_dict(
        {"x": ["war", "war on terror", "terror*", {"pattern": "a", "exclude": ["a a a"]}],
         "y": ["(csto)", "u.s.", "war*", "st\u00f8", "\u0436\u0435"]},
        name="corner",
    )
    for overlap in ("longest", "all"):
        new, ref = Matcher(lex, overlap=overlap), _ReferenceMatcher(lex, overlap=overlap)
        _assert_same(new.find(text), ref.find(text), text)


def test_normalisation_is_unchanged(seed_texts: list[str]) -> None:
    rng = random.Random(3)
    texts = seed_texts + _seed_documents(seed_texts, rng, 80)
    lex = Lexicon.from_dict({"x": ["war"]}, name="n")
    texts += [_random_text(rng, lex) for _ in range(1500)]
    texts += ["".join(rng.choice(_NOISE + _GAPS + ["A", "b", "\u00c0", "\u0101"])
                      for _ in range(rng.randint(0, 30))) for _ in range(1500)]
    for text in texts:
        _assert_same_normalisation(text)


def test_normalisation_of_every_latin1_and_special_character() -> None:
    chars = [chr(c) for c in range(0x2100)] + list(_NOISE) + ["\U0001d400", "\U0001f600"]
    for ch in chars:
        for text in (ch, f"A{ch}b", f"{ch}{ch} \u00a9{ch}", f"\u201c{ch}\u201d"):
            _assert_same_normalisation(text)


def test_touching_matches_after_a_nested_one_match_as_before() -> None:
    # a nested occurrence makes the leftmost-longest walk run; the next two
    # matches touch (one ends where the other starts)
    lex = Lexicon.from_dict({"x": ["x y", "y", "u.s.", "(csto)", "x u.s."]}, name="touch")
    for text, starts in [("x y u.s.(csto)", [0, 4, 8]), ("x u.s.(csto)", [0, 6])]:
        for overlap in ("longest", "all"):
            got = Matcher(lex, overlap=overlap).find(text)
            _assert_same(got, _ReferenceMatcher(lex, overlap=overlap).find(text), text)
        assert Matcher(lex).find(text).start.tolist() == starts


def test_byte_scanner_covers_latin1_text_and_wide_punctuation() -> None:
    # which texts the byte scanner takes (the others are scanned as str)
    m = Matcher(Lexicon.from_dict({"x": ["war", "won't"]}, name="p"))
    assert m._mapped(normalize("War \u00a9 war, \u201cwar\u201d").text) is not None
    assert m._mapped("war \u2026 \u20ac war ? war") is not None  # wide non-word characters
    assert m._mapped("war \u0436 war") is None  # a word character beyond U+00FF
    assert m._mapped("war \u00f8 war") is None  # a non-ASCII word character
    q = Matcher(Lexicon.from_dict({"x": ["war", "why?"]}, name="q"))
    assert q._mapped("war \u2026 war") is None  # "?" is an item character
    e = Matcher(Lexicon.from_dict({"x": ["war", "\u20ac5"]}, name="e"))
    assert e._mapped("war \u20ac5") is None  # "\u20ac" is an item character
    assert e._mapped("war \u2026 war") is not None
    for text in ["war\u2026war", "why?\u2026why? war", "\u2026why?\u2026", "\u20ac5 \u20ac5\u2026"]:
        for matcher in (m, q, e):
            lex = matcher.lexicon
            _assert_same(matcher.find(text), _ReferenceMatcher(lex).find(text), text)

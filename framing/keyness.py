"""Keyness: which words and phrases distinguish each group (outlet) from the rest.

The stage takes raw texts and a grouping (usually the outlet) and returns a tidy
table with one row per group and term, comparing each group with all other
groups pooled ("one against the rest"), K groups at once.

Building blocks, in data-flow order:

:class:`NgramAnalyzer`
    a picklable callable giving the word n-grams of a text without crossing a
    sentence end, for ``CountVectorizer(analyzer=...)`` or
    ``TfidfVectorizer(analyzer=...)``;
:func:`count_terms`
    streams texts through a :class:`~sklearn.feature_extraction.text.CountVectorizer`
    and sums the sparse document-term rows by group (a sparse indicator matrix
    product), so no dense document-term matrix is ever built;
:func:`keyness_from_counts`
    turns a :class:`TermCounts` (or a small groups x terms DataFrame) into the
    keyness table;
:func:`keyness`
    both steps at once.

Methods (``method=``):

``"logodds"`` (default)
    Monroe, Colaresi & Quinn (2008) log-odds ratio with an informative Dirichlet
    prior; ``value`` is the z-score.
``"chi2"``, ``"g2"``
    signed Pearson chi-squared and likelihood-ratio G2 on the 2x2 table of the
    term vs all other terms in the group vs the rest, computed as quanteda's
    ``textstat_keyness()`` does (its corrections and sign convention).
``"tfidf"``
    the TF-IDF weight of the term in the group, each group's texts treated as
    one document.
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Literal

import numpy as np
import pandas as pd
from scipy import sparse, stats
from scipy.special import xlogy
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

from framing._checks import check_choice, check_int, invalid
from framing.segmentation import sentence_tokens, split_lines, split_sentences

__all__ = [
    "KeynessError",
    "KeynessWarning",
    "NgramAnalyzer",
    "TermCounts",
    "count_terms",
    "keyness",
    "keyness_from_counts",
]

KeynessMethod = Literal["logodds", "chi2", "g2", "tfidf"]
Correction = Literal["default", "yates", "williams", "none"]
SplitUnit = Literal["sentences", "lines"]

_METHODS = ("logodds", "chi2", "g2", "tfidf")
_CORRECTIONS = ("default", "yates", "williams", "none")

#: With ``alpha0=None`` the log-odds prior size is a_0 = PRIOR_SHARE * n (see :func:`keyness`).
PRIOR_SHARE = 0.1
#: Default minimum pooled count of a term.
DEFAULT_MIN_COUNT = 5


class KeynessError(ValueError):
    """Input that keyness cannot be computed from (the message says why and how to fix it)."""


class KeynessWarning(UserWarning):
    """A group or term for which keyness is undefined (reported as NaN)."""


# The shared checks (one wording package-wide), raising this module's error.
_invalid = partial(invalid, error=KeynessError)
_check_choice = partial(check_choice, error=KeynessError)
_check_int = partial(check_int, error=KeynessError)


def _check_ngram_range(ngram_range: object) -> tuple[int, int]:
    ok = (
        isinstance(ngram_range, (tuple, list))
        and len(ngram_range) == 2
        and all(isinstance(n, (int, np.integer)) and not isinstance(n, bool) for n in ngram_range)
        and 1 <= ngram_range[0] <= ngram_range[1]
    )
    if not ok:
        raise _invalid(
            "ngram_range", ngram_range, "a pair (min_n, max_n) of integers, 1 <= min_n <= max_n"
        )
    return int(ngram_range[0]), int(ngram_range[1])  # type: ignore[index]


# --------------------------------------------------------------------------- analyzer


class NgramAnalyzer:
    """Word n-grams of a text that never cross a sentence (or line) end.

    A picklable callable for the ``analyzer=`` argument of scikit-learn's
    :class:`~sklearn.feature_extraction.text.CountVectorizer` and
    :class:`~sklearn.feature_extraction.text.TfidfVectorizer`. Tokens are
    :func:`framing.segmentation.sentence_tokens`: lower-cased Unicode word
    tokens (Cyrillic works; no ASCII folding); n-grams are tokens joined by one
    space.

    Parameters
    ----------
    ngram_range : tuple of (int, int), default (1, 1)
        Smallest and largest n (as in scikit-learn).
    split : {"sentences", "lines"}, default "sentences"
        ``"sentences"`` cuts each text into lines and each line into sentences
        (:func:`framing.segmentation.split_sentences`); ``"lines"`` cuts at line
        breaks only, for texts that are already one sentence per line.
    stop_words : "english", collection of str or None, default None
        Drop every n-gram that contains one of these words, as quanteda's
        ``tokens_remove(..., padding = TRUE)`` followed by ``tokens_ngrams()``
        does (no n-gram is formed across a removed word). ``"english"`` is
        scikit-learn's ``ENGLISH_STOP_WORDS``.

    Examples
    --------
    >>> from framing.keyness import NgramAnalyzer
    >>> analyzer = NgramAnalyzer(ngram_range=(1, 2))
    >>> analyzer("Police fired. Protests spread.")
    ['police', 'fired', 'police fired', 'protests', 'spread', 'protests spread']

    Use it inside scikit-learn (the analyzer replaces ``ngram_range``):

    >>> from sklearn.feature_extraction.text import TfidfVectorizer
    >>> vec = TfidfVectorizer(analyzer=NgramAnalyzer(ngram_range=(1, 2)))
    >>> vec.fit(["Путин выступил. Протесты.", "Protests spread."]).get_feature_names_out().tolist()
    ['protests', 'protests spread', 'spread', 'выступил', 'протесты', 'путин', 'путин выступил']
    """

    def __init__(
        self,
        *,
        ngram_range: tuple[int, int] = (1, 1),
        split: SplitUnit = "sentences",
        stop_words: str | Iterable[str] | None = None,
    ) -> None:
        self.ngram_range = _check_ngram_range(ngram_range)
        _check_choice("split", split, ("sentences", "lines"))
        self.split = split
        self.stop_words = _stop_set(stop_words)

    def sentences(self, text: str) -> list[list[str]]:
        """Lower-cased word tokens of each sentence (or line) of ``text``."""
        spans = split_sentences(text) if self.split == "sentences" else split_lines(text)
        return sentence_tokens(text, spans)

    def ngrams(self, sentences: Sequence[Sequence[str]]) -> list[str]:
        """The n-grams of already tokenized sentences, sentence by sentence."""
        lo, hi = self.ngram_range
        stop = self.stop_words
        out: list[str] = []
        for tokens in sentences:
            n_tok = len(tokens)
            keep = [t not in stop for t in tokens] if stop else None
            for n in range(lo, min(hi, n_tok) + 1):
                if keep is None:
                    if n == 1:
                        out.extend(tokens)
                    else:
                        out.extend(" ".join(tokens[i : i + n]) for i in range(n_tok - n + 1))
                else:
                    out.extend(" ".join(tokens[i : i + n]) for i in range(n_tok - n + 1)
                               if all(keep[i : i + n]))
        return out

    def __call__(self, text: str) -> list[str]:
        return self.ngrams(self.sentences(text))

    def __repr__(self) -> str:
        stop = "" if self.stop_words is None else f", stop_words=<{len(self.stop_words)} words>"
        return f"NgramAnalyzer(ngram_range={self.ngram_range!r}, split={self.split!r}{stop})"

    def __eq__(self, other: object) -> bool:
        return (
            type(other) is type(self)
            and self.ngram_range == other.ngram_range  # type: ignore[attr-defined]
            and self.split == other.split  # type: ignore[attr-defined]
            and self.stop_words == other.stop_words  # type: ignore[attr-defined]
        )

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.ngram_range, self.split, self.stop_words))


def _stop_set(stop_words: str | Iterable[str] | None) -> frozenset[str] | None:
    if stop_words is None:
        return None
    if isinstance(stop_words, str):
        if stop_words != "english":
            raise _invalid("stop_words", stop_words, "'english', a collection of words or None")
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        return frozenset(ENGLISH_STOP_WORDS)
    return frozenset(w.lower() for w in stop_words)


# --------------------------------------------------------------------------- counting


@dataclass(frozen=True)
class TermCounts:
    """Term counts summed by group.

    Attributes
    ----------
    groups : list
        Group labels, in row order.
    vocabulary : ndarray of str, shape (n_terms,)
        The terms (n-grams), in column order (alphabetical from
        :func:`count_terms`).
    counts : scipy.sparse.csr_matrix of shape (n_groups, n_terms)
        How often each term occurs in each group.
    n_terms : ndarray of shape (n_groups,)
        Number of term (n-gram) occurrences in each group, counted *before*
        ``min_count`` filtering: the group sizes that all methods use as
        denominators, so dropping rare terms does not change the statistics of
        the terms kept. Equals ``n_tokens`` when ``ngram_range == (1, 1)``.
    n_tokens : ndarray of shape (n_groups,)
        Number of word tokens in each group.
    n_docs : ndarray of shape (n_groups,)
        Number of documents in each group.
    ngram_range, min_count : provenance of the counts.
    """

    groups: list[Hashable]
    vocabulary: np.ndarray
    counts: sparse.csr_matrix
    n_terms: np.ndarray
    n_tokens: np.ndarray
    n_docs: np.ndarray
    ngram_range: tuple[int, int] = (1, 1)
    min_count: int = 1
    _pooled: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        k, v = self.counts.shape
        if len(self.groups) != k or len(self.vocabulary) != v:
            raise KeynessError(
                f"TermCounts: counts has shape {self.counts.shape} but there are "
                f"{len(self.groups)} groups and {len(self.vocabulary)} terms"
            )
        for name in ("n_terms", "n_tokens", "n_docs"):
            if len(getattr(self, name)) != k:
                raise KeynessError(f"TermCounts: {name} must have one entry per group ({k})")
        object.__setattr__(self, "_pooled", np.asarray(self.counts.sum(axis=0)).ravel())

    @property
    def pooled(self) -> np.ndarray:
        """Count of each term over all groups."""
        return self._pooled

    def to_frame(self) -> pd.DataFrame:
        """Counts as a dense groups x terms DataFrame (only for small vocabularies)."""
        return pd.DataFrame(
            self.counts.toarray(), index=pd.Index(self.groups, name="group"),
            columns=pd.Index(self.vocabulary, name="term"),
        )

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> TermCounts:
        """Build from a groups x terms DataFrame of non-negative integer counts.

        Group sizes (``n_terms``, ``n_tokens``) are the row sums; ``n_docs`` is
        unknown (NaN).
        """
        values = frame.to_numpy()
        if values.size == 0 or not np.issubdtype(values.dtype, np.number):
            raise KeynessError(
                "a counts DataFrame must hold numbers: groups in rows, terms in columns"
            )
        if np.any(values < 0) or np.any(values != np.round(values)):
            raise KeynessError("a counts DataFrame must hold non-negative integer counts")
        counts = sparse.csr_matrix(values.astype(np.int64))
        totals = values.sum(axis=1).astype(np.int64)
        return cls(
            groups=list(frame.index), vocabulary=np.asarray(frame.columns, dtype=object),
            counts=counts, n_terms=totals, n_tokens=totals.copy(),
            n_docs=np.full(len(frame), np.nan),
        )


def _group_levels(labels: list, groups: object) -> list:
    if isinstance(groups, pd.Series) and isinstance(groups.dtype, pd.CategoricalDtype):
        return list(groups.cat.categories)
    uniques = list(dict.fromkeys(labels))
    try:
        return sorted(uniques)
    except TypeError:
        return uniques


def count_terms(
    texts: Iterable[str],
    groups: Iterable[Hashable],
    *,
    ngram_range: tuple[int, int] = (1, 3),
    min_count: int = DEFAULT_MIN_COUNT,
    split: SplitUnit = "sentences",
    stop_words: str | Iterable[str] | None = None,
) -> TermCounts:
    """Count word n-grams by group, streaming over the texts.

    Parameters
    ----------
    texts : iterable of str
        Documents; may be a generator (it is read once, never held in memory).
    groups : iterable
        One group label per document (e.g. the outlet). A categorical
        :class:`pandas.Series` keeps its category order, including unused
        categories (which become groups with no tokens); otherwise groups are
        sorted.
    ngram_range : tuple of (int, int), default (1, 3)
        n-gram orders (see :class:`NgramAnalyzer`).
    min_count : int, default 5
        Keep terms whose pooled count over all groups is at least this.
    split : {"sentences", "lines"}, default "sentences"
        Where n-grams stop (see :class:`NgramAnalyzer`).
    stop_words : "english", collection of str or None, default None
        n-grams containing one of these words are not counted (see
        :class:`NgramAnalyzer`).

    Returns
    -------
    TermCounts

    Raises
    ------
    KeynessError
        Fewer than two groups, a missing group label, texts and groups of
        different lengths, or no term left (empty vocabulary).

    Notes
    -----
    Texts go through :class:`~sklearn.feature_extraction.text.CountVectorizer`
    with :class:`NgramAnalyzer`, giving a sparse documents x terms matrix ``X``;
    the group counts are ``G @ X`` with ``G`` the sparse groups x documents
    indicator matrix.

    Examples
    --------
    >>> from framing.keyness import count_terms
    >>> tc = count_terms(["Police fired.", "Police fled. Police."], ["A", "B"],
    ...                  ngram_range=(1, 1), min_count=1)
    >>> tc.vocabulary.tolist(), tc.counts.toarray().tolist(), tc.n_tokens.tolist()
    (['fired', 'fled', 'police'], [[1, 0, 1], [0, 1, 2]], [2, 3])
    """
    if isinstance(texts, (str, bytes)):
        raise KeynessError("texts must be an iterable of documents, not a single string")
    _check_int("min_count", min_count, 1)
    analyzer = NgramAnalyzer(ngram_range=ngram_range, split=split, stop_words=stop_words)
    labels = list(groups)
    for i, label in enumerate(labels):
        if label is None or (not isinstance(label, (list, tuple)) and pd.isna(label)):
            raise KeynessError(
                f"the group label of document {i} is missing; give every document a group "
                "(e.g. fill missing outlets with 'unknown') or drop those documents"
            )
    levels = _group_levels(labels, groups)
    if len(levels) < 2:
        raise KeynessError(
            f"keyness compares groups, but the grouping has {len(levels)} level(s) "
            f"({levels!r}); pass a grouping with at least two groups"
        )
    index = {g: k for k, g in enumerate(levels)}
    codes = np.fromiter((index[g] for g in labels), dtype=np.int64, count=len(labels))

    n_tokens_doc: list[int] = []

    def analyze(text: str) -> list[str]:
        sents = analyzer.sentences(text)
        n_tokens_doc.append(sum(map(len, sents)))
        return analyzer.ngrams(sents)

    def stream() -> Iterator[str]:
        for i, text in enumerate(texts):
            if i >= len(labels):
                raise KeynessError(
                    f"there are more texts than group labels ({len(labels)}); "
                    "pass one group label per text"
                )
            if not isinstance(text, str):
                raise KeynessError(f"text {i} is {type(text).__name__}, not str; "
                                   "replace missing texts by '' or drop them")
            yield text

    vectorizer = CountVectorizer(analyzer=analyze, dtype=np.int64)
    try:
        X = vectorizer.fit_transform(stream())
    except KeynessError:
        raise
    except ValueError as exc:
        if "empty vocabulary" in str(exc):
            raise KeynessError(
                "empty vocabulary: the texts contain no word tokens; check that the "
                "texts are not empty and are decoded text"
            ) from None
        raise
    n_docs_seen = X.shape[0]
    if n_docs_seen != len(labels):
        raise KeynessError(
            f"there are {len(labels)} group labels but {n_docs_seen} texts; "
            "pass one group label per text"
        )
    n_groups = len(levels)
    indicator = sparse.csr_matrix(
        (np.ones(n_docs_seen, dtype=np.int64), (codes, np.arange(n_docs_seen))),
        shape=(n_groups, n_docs_seen),
    )
    counts = sparse.csr_matrix(indicator @ X)
    n_terms = np.asarray(counts.sum(axis=1)).ravel().astype(np.int64)
    pooled = np.asarray(counts.sum(axis=0)).ravel()
    keep = pooled >= min_count
    if not keep.any():
        raise KeynessError(
            f"no term occurs at least min_count={min_count} times over all groups "
            f"(the most frequent occurs {int(pooled.max())} times); lower min_count"
        )
    vocabulary = vectorizer.get_feature_names_out()[keep]
    counts = sparse.csr_matrix(counts[:, np.flatnonzero(keep)])
    n_tokens = np.bincount(codes, weights=np.asarray(n_tokens_doc, dtype=np.float64),
                           minlength=n_groups).astype(np.int64)
    n_docs = np.bincount(codes, minlength=n_groups)
    return TermCounts(
        groups=levels, vocabulary=np.asarray(vocabulary, dtype=object), counts=counts,
        n_terms=n_terms, n_tokens=n_tokens, n_docs=n_docs,
        ngram_range=analyzer.ngram_range, min_count=int(min_count),
    )


# --------------------------------------------------------------------------- statistics


def _yates_delta(a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray) -> np.ndarray:
    """quanteda's conditional Yates correction: 0.5 if |ad-bc| >= N/2 and an expected count < 5."""
    n = a + b + c + d
    with np.errstate(divide="ignore", invalid="ignore"):
        small = (
            ((a + b) * (a + c) / n < 5)
            | ((a + b) * (b + d) / n < 5)
            | ((a + c) * (c + d) / n < 5)
            | ((c + d) * (b + d) / n < 5)
        )
    return np.where((np.abs(a * d - b * c) >= n / 2) & small, 0.5, 0.0)


def _williams_q(a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray) -> np.ndarray:
    """Williams' (1976) correction factor q for a 2x2 table (1 if any cell is zero, as quanteda)."""
    n = a + b + c + d
    with np.errstate(divide="ignore", invalid="ignore"):
        q = 1.0 + (n / (a + b) + n / (c + d) - 1.0) * (n / (a + c) + n / (b + d) - 1.0) / (6.0 * n)
    return np.where(a * b * c * d == 0, 1.0, q)


def _chi2(a, b, c, d, correction):  # type: ignore[no-untyped-def]
    n = a + b + c + d
    expected = (a + b) * (a + c) / n
    delta = _yates_delta(a, b, c, d) if correction in ("default", "yates") else 0.0
    sign = np.where(a > expected, 1.0, -1.0)
    num = n * (np.abs(a * d - b * c) - n * delta) ** 2
    den = (a + b) * (c + d) * (a + c) * (b + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        chi2 = sign * num / den
    if correction == "williams":
        chi2 = chi2 / _williams_q(a, b, c, d)
    return chi2


def _g2(a, b, c, d, correction):  # type: ignore[no-untyped-def]
    n = a + b + c + d
    expected = (a + b) * (a + c) / n
    sign = np.where(a > expected, 1.0, -1.0)
    if correction in ("default", "yates"):
        delta = _yates_delta(a, b, c, d)
        step = np.where(a * d - b * c > 0, -delta, delta)
        a, b, c, d = a + step, b - step, c - step, d + step
    with np.errstate(divide="ignore", invalid="ignore"):
        g2 = 2.0 * (
            xlogy(a, a / ((a + b) * (a + c) / n))
            + xlogy(b, b / ((a + b) * (b + d) / n))
            + xlogy(c, c / ((a + c) * (c + d) / n))
            + xlogy(d, d / ((b + d) * (c + d) / n))
        )
    g2 = sign * g2
    if correction == "williams":
        g2 = g2 / _williams_q(a, b, c, d)
    return g2


def _logodds(y_i, y_j, n_i, n_j, prior, alpha0):  # type: ignore[no-untyped-def]
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = np.log((y_i + prior) / (n_i + alpha0 - y_i - prior)) - np.log(
            (y_j + prior) / (n_j + alpha0 - y_j - prior)
        )
        se = np.sqrt(1.0 / (y_i + prior) + 1.0 / (y_j + prior))
        return delta, se, delta / se


def _check_options(method: object, correction: object, alpha0: object) -> None:
    _check_choice("method", method, _METHODS)
    _check_choice("correction", correction, _CORRECTIONS)
    if method in ("logodds", "tfidf") and correction != "default":
        raise KeynessError(
            f"correction={correction!r} applies to method='chi2' or 'g2' only; "
            f"leave it as 'default' for method={method!r}"
        )
    if method == "logodds" and alpha0 is not None and (
        isinstance(alpha0, bool)
        or not isinstance(alpha0, (int, float, np.number))
        or not (np.isfinite(alpha0) and alpha0 > 0)
    ):
        raise _invalid("alpha0", alpha0, "None or a positive number")


def keyness_from_counts(
    counts: TermCounts | pd.DataFrame,
    *,
    method: KeynessMethod = "logodds",
    alpha0: float | None = None,
    correction: Correction = "default",
) -> pd.DataFrame:
    """Keyness of every term for every group against the rest, from counts.

    Parameters
    ----------
    counts : TermCounts or pandas.DataFrame
        From :func:`count_terms`, or a groups x terms DataFrame of counts (group
        sizes are then its row sums).
    method, alpha0, correction
        See :func:`keyness`.

    Returns
    -------
    pandas.DataFrame
        The table described in :func:`keyness`.

    Examples
    --------
    quanteda's own test table, where the Yates correction applies (an expected
    count is below 5), as in R's ``chisq.test(..., correct = TRUE)``:

    >>> import pandas as pd
    >>> from framing.keyness import keyness_from_counts
    >>> counts = pd.DataFrame({"a": [3, 7], "b": [7, 2]}, index=["d1", "d2"])
    >>> keyness_from_counts(counts, method="chi2").round(4)
      group term  count  count_rest statistic   value  p_value
    0    d1    b      7           2      chi2  2.6324   0.1047
    1    d1    a      3           7      chi2 -2.6324   0.1047
    2    d2    a      7           3      chi2  2.6324   0.1047
    3    d2    b      2           7      chi2 -2.6324   0.1047
    """
    return _score(counts, method=method, alpha0=alpha0, correction=correction, stacklevel=3)


def _score(
    counts: TermCounts | pd.DataFrame,
    *,
    method: str,
    alpha0: float | None,
    correction: str,
    stacklevel: int,
) -> pd.DataFrame:
    _check_options(method, correction, alpha0)
    if isinstance(counts, pd.DataFrame):
        counts = TermCounts.from_frame(counts)
    if not isinstance(counts, TermCounts):
        raise KeynessError(f"counts must be TermCounts or a DataFrame, got {type(counts).__name__}")
    n_groups, n_vocab = counts.counts.shape
    if n_groups < 2:
        raise KeynessError(
            f"keyness compares groups, but there are {n_groups} group(s); "
            "pass counts for at least two groups"
        )
    if n_vocab == 0:
        raise KeynessError("empty vocabulary: there are no terms to score")

    sizes = counts.n_terms.astype(np.float64)
    total = sizes.sum()
    empty = [g for g, s in zip(counts.groups, sizes, strict=True) if s == 0]
    if empty:
        warnings.warn(
            f"group(s) {', '.join(map(repr, empty))} have no tokens, so their keyness is "
            "undefined (NaN rows); check that their texts are not empty",
            KeynessWarning,
            stacklevel=stacklevel,
        )
    pooled = counts.pooled.astype(np.float64)
    dense = counts.counts
    tfidf = None
    if method == "tfidf":
        tfidf = sparse.csr_matrix(
            TfidfTransformer(norm="l2", use_idf=True, smooth_idf=True).fit_transform(dense)
        )
    terms = np.asarray(counts.vocabulary, dtype=object)
    term_rank = np.argsort(np.argsort(terms.astype(str), kind="stable"), kind="stable")
    statistic = method

    frames = []
    for k, group in enumerate(counts.groups):
        y_i = dense[k].toarray().ravel().astype(np.float64)
        y_j = pooled - y_i
        n_i, n_j = sizes[k], total - sizes[k]
        extra: dict[str, np.ndarray] = {}
        if method == "logodds":
            a0 = PRIOR_SHARE * total if alpha0 is None else float(alpha0)
            prior = a0 * pooled / total
            delta, se, value = _logodds(y_i, y_j, n_i, n_j, prior, a0)
            p_value = 2.0 * stats.norm.sf(np.abs(value))
            extra = {"log_odds": delta, "se": se}
        elif method in ("chi2", "g2"):
            c, d = n_i - y_i, n_j - y_j
            value = (_chi2 if method == "chi2" else _g2)(y_i, y_j, c, d, correction)
            p_value = stats.chi2.sf(np.abs(value), 1)
        else:
            value = tfidf[k].toarray().ravel()  # type: ignore[index]
            p_value = np.full(n_vocab, np.nan)
        if n_i == 0 or n_j == 0:
            value = np.full(n_vocab, np.nan)
            p_value = np.full(n_vocab, np.nan)
            extra = {key: np.full(n_vocab, np.nan) for key in extra}
        order = np.lexsort((term_rank, -value))
        frame = {
            "group": [group] * n_vocab,
            "term": terms[order],
            "count": y_i[order].astype(np.int64),
            "count_rest": y_j[order].astype(np.int64),
            "statistic": statistic,
            "value": value[order],
            "p_value": p_value[order],
        }
        frame.update({key: arr[order] for key, arr in extra.items()})
        frames.append(pd.DataFrame(frame))
    out = pd.concat(frames, ignore_index=True)
    return out


def keyness(
    texts: Iterable[str],
    groups: Iterable[Hashable],
    *,
    method: KeynessMethod = "logodds",
    ngram_range: tuple[int, int] = (1, 3),
    alpha0: float | None = None,
    min_count: int = DEFAULT_MIN_COUNT,
    correction: Correction = "default",
    split: SplitUnit = "sentences",
    stop_words: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """Which terms distinguish each group (outlet) from all the others.

    Every group is compared with the rest pooled, K groups at once.

    Parameters
    ----------
    texts : iterable of str
        Documents (a generator is fine; it is read once).
    groups : iterable
        One group label per document, e.g. ``corpus.metadata["outlet"]``.
    method : {"logodds", "chi2", "g2", "tfidf"}, default "logodds"
        Keyness statistic (see Notes).
    ngram_range : tuple of (int, int), default (1, 3)
        Word n-gram orders; n-grams never cross a sentence end.
    alpha0 : float or None, default None
        ``method="logodds"`` only: size a_0 of the informative Dirichlet prior, in
        pseudo-tokens. None means a_0 = 0.1 n, a tenth of the pooled number of
        term occurrences (see Notes for why it is scaled and why 0.1).
    min_count : int, default 5
        Drop terms that occur fewer times than this in all groups together.
        Group sizes are counted before dropping, so this does not change the
        statistics of the terms kept. Five is the usual minimum expected count
        for the chi-squared approximation, and it keeps the long tail of 2- and
        3-grams seen once or twice out of the table.
    correction : {"default", "yates", "williams", "none"}, default "default"
        ``method="chi2"`` or ``"g2"`` only, as in quanteda (see Notes).
    split : {"sentences", "lines"}, default "sentences"
        Where n-grams stop (see :class:`NgramAnalyzer`).
    stop_words : "english", collection of str or None, default None
        n-grams containing one of these words are not counted (quanteda's
        ``tokens_remove(..., padding = TRUE)``); ``framing report`` uses
        ``"english"`` so that function words do not crowd the top terms.

    Returns
    -------
    pandas.DataFrame
        One row per group and term, sorted by group then ``value`` descending
        (ties by term; NaN last). Groups come in sorted order, or in category
        order for a categorical grouping; :func:`keyness_from_counts` keeps the
        order of ``counts`` (a DataFrame's row order).

        ``group``
            the group (the target of the comparison);
        ``term``
            the word or n-gram;
        ``count``, ``count_rest``
            occurrences in the group and in all other groups;
        ``statistic``
            the method: ``"logodds"``, ``"chi2"``, ``"g2"`` or ``"tfidf"``;
        ``value``
            the z-score, signed chi-squared, signed G2 or TF-IDF weight; positive
            means the term is relatively more frequent in the group;
        ``p_value``
            two-sided normal p-value of the z-score; chi-squared (1 df) p-value of
            ``abs(value)`` for chi2 and G2, as in quanteda; NaN for tfidf (a weight,
            not a test);
        ``log_odds``, ``se``
            ``method="logodds"`` only: delta (the log-odds ratio, natural log) and
            its standard error ``sqrt(var)``.

        Rows of a group with no tokens are NaN (with a :class:`KeynessWarning`).
        p-values are per term, not corrected for the many terms tested.

    Raises
    ------
    KeynessError
        One group only, a missing label, texts and labels of different lengths,
        an empty vocabulary, or an invalid option.

    Warns
    -----
    KeynessWarning
        A group with no tokens (its rows are NaN).

    Notes
    -----
    Write y_iw for the count of term w in group i, n_i for the group's number of
    term occurrences, and j for all other groups pooled (y_jw, n_j); y_w and n
    are the pooled counts.

    **logodds** (Monroe, Colaresi & Quinn 2008, sec. 3.5, informative Dirichlet
    prior): with prior a_w = a_0 * y_w / n,

    .. math::

        \\delta_w = \\log\\frac{y_{iw} + a_w}{n_i + a_0 - y_{iw} - a_w}
                 - \\log\\frac{y_{jw} + a_w}{n_j + a_0 - y_{jw} - a_w},\\quad
        \\sigma^2_w = \\frac{1}{y_{iw} + a_w} + \\frac{1}{y_{jw} + a_w},\\quad
        z_w = \\delta_w / \\sigma_w.

    *Choice of a_0.* Since a_w / y_w = a_0 / n, the prior adds the same share
    c = a_0 / n of every term's pooled count to both sides, and those
    pseudo-counts enter the variance as if observed. For a term used y times by
    one group only, z is close to sqrt(c y) log((1 + c) / c): it tends to 0 as
    c -> 0, so a *fixed* a_0 buries the most exclusive terms once the corpus is
    large (a_0 = 1000 in a corpus of two million terms gives a term used 50
    times by one outlet and never by the others z = 1.2), while a_0 of the same
    order as the data over-shrinks shared terms (a_0 = n, i.e. the pooled counts
    themselves as prior, as in Jurafsky et al. 2014, caps |delta| near log 2
    beyond the base rates and cuts the z of a 500 vs 400 split from 3.3 to 1.9
    in that example). The default scales the prior with the corpus,
    a_0 = 0.1 n: results do not drift with corpus size, exclusive terms get
    close to the largest z any share allows (sqrt(c) log((1+c)/c) is 0.76 at
    c = 0.1 against a maximum of 0.80 near c = 0.25), and shared terms' delta is
    shrunk by about 10% towards the pooled rate. Report a_0 with the results
    and check that the top terms are stable under, e.g., c = 0.01 and 1
    (``alpha0=0.01 * n`` and ``alpha0=n``, with ``n = counts.n_terms.sum()``
    from :func:`count_terms`).

    **chi2** and **G2** follow quanteda.textstats' ``textstat_keyness()``
    (``keyness.cpp``) on the 2x2 table a = y_iw, b = y_jw, c = n_i - y_iw,
    d = n_j - y_jw, N = a + b + c + d:

    * chi2 = N (|ad - bc| - N delta)^2 / ((a+b)(c+d)(a+c)(b+d));
      G2 = 2 sum O log(O / E) over the four cells (0 log 0 = 0);
    * sign: positive if a > E_a = (a+b)(a+c)/N, otherwise negative;
    * ``correction="default"`` (and ``"yates"``, the same thing in quanteda's code):
      a Yates continuity correction delta = 0.5 **only** when |ad - bc| >= N/2
      and some expected count is below 5, otherwise none. For chi2 it is
      subtracted as above; for G2 each cell is moved 0.5 towards its expected
      value. quanteda's documentation says "default" means Williams for G2, but
      its code applies this conditional Yates correction, and we follow the code;
    * ``"williams"``: no Yates; the statistic is divided by Williams' (1976)
      q = 1 + (N/(a+b) + N/(c+d) - 1)(N/(a+c) + N/(b+d) - 1) / (6N)
      (q = 1 when a cell is zero, as in quanteda);
    * ``"none"``: neither;
    * p-value: P(chi^2_1 > |value|).

    The one difference from quanteda: it computes O log(O/E + 1e-9) to avoid
    log 0, which inflates G2 by about 2e-9 N; here 0 log 0 = 0 exactly, as in
    :func:`scipy.stats.chi2_contingency` (``lambda_="log-likelihood"``).

    **tfidf**: each group's texts count as one document (their term counts
    summed, equal to concatenating them with line breaks), and
    :class:`~sklearn.feature_extraction.text.TfidfTransformer` (smooth idf,
    l2 norm) weights them, i.e. ``TfidfVectorizer(analyzer=NgramAnalyzer(...))``
    on one document per group. The idf is therefore computed over the K groups:
    a term used by every group gets the lowest idf. A group-level document was
    chosen over the mean of per-document vectors because it matches the
    question (what is typical of this outlet and not of the others), while a mean
    of document vectors rewards terms concentrated in a few documents of any
    outlet. With min_count > 1 the l2 norm is taken over the terms kept.

    References
    ----------
    Monroe, B. L., Colaresi, M. P., & Quinn, K. M. (2008). Fightin' words: Lexical
    feature selection and evaluation for identifying the content of political
    conflict. *Political Analysis*, 16(4), 372-403.

    Jurafsky, D., Chahuneau, V., Routledge, B. R., & Smith, N. A. (2014). Narrative
    framing of consumer sentiment in online restaurant reviews. *First Monday*, 19(4).

    Dunning, T. (1993). Accurate methods for the statistics of surprise and
    coincidence. *Computational Linguistics*, 19(1), 61-74.

    Williams, D. A. (1976). Improved likelihood ratio tests for complete
    contingency tables. *Biometrika*, 63(1), 33-37.

    Benoit, K., et al. (2018). quanteda: An R package for the quantitative
    analysis of textual data. *Journal of Open Source Software*, 3(30), 774
    (``textstat_keyness`` in quanteda.textstats).

    Examples
    --------
    >>> from framing.keyness import keyness
    >>> texts = ["Terrorists attacked. Terrorists again.", "Protesters marched.",
    ...          "Protesters and police.", "Terrorists and police."]
    >>> outlets = ["RT", "BBC", "BBC", "RT"]
    >>> table = keyness(texts, outlets, ngram_range=(1, 1), min_count=1)
    >>> table.columns.tolist()
    ['group', 'term', 'count', 'count_rest', 'statistic', 'value', 'p_value', 'log_odds', 'se']
    >>> table[table.group == "RT"].head(3).drop(columns="statistic").round(3)
      group        term  count  count_rest  value  p_value  log_odds     se
    7    RT  terrorists      3           0  1.355    0.175     2.584  1.907
    8    RT       again      1           0  0.680    0.496     2.246  3.303
    9    RT    attacked      1           0  0.680    0.496     2.246  3.303

    On the bundled corpus, outlets against each other:

    >>> from framing.datasets import load_kazakhstan_2022
    >>> corpus = load_kazakhstan_2022()
    >>> table = keyness(corpus.texts(), corpus.metadata["outlet"], ngram_range=(1, 2))
    >>> table.groupby("group").head(1)[["group", "term", "count", "count_rest", "value"]].round(2)
                   group           term  count  count_rest  value
    0           BBC News     government      5           2   2.78
    188    Daily Express            not      7           6   2.73
    376         Newsweek      mentioned     15           0   3.11
    564          Reuters  former soviet      4           4   2.37
    752  The Daily Beast       military      9           5   3.77
    """
    _check_options(method, correction, alpha0)
    counts = count_terms(texts, groups, ngram_range=ngram_range, min_count=min_count, split=split,
                         stop_words=stop_words)
    return _score(counts, method=method, alpha0=alpha0, correction=correction, stacklevel=3)

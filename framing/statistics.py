"""Uncertainty and tests for frame scores: bootstrap intervals, permutation tests.

The scores of :func:`framing.scoring.score_table` are ratios of sums over
sentences. Sentences of one article are not independent (one author, one
event, one set of quoted sources), so the resampling unit is the **document**
whenever a group has enough documents; with fewer documents the sentences of
each document are resampled within that document (a stratified sentence
bootstrap), and the table says which was done (``resample_unit``).

``bootstrap_scores``
    percentile, basic or BCa bootstrap intervals for ``per_1k`` and ``share``;
``add_intervals``
    puts those intervals next to the scores of ``score_table``;
``compare_groups``
    each group against the rest and each pair of groups: differences, effect
    sizes with intervals, permutation p-values and adjusted p-values;
``p_adjust``
    Holm, Benjamini-Hochberg and Bonferroni adjustment.

All resampling is vectorised: the tables are joined once
(:func:`framing.scoring.unit_counts`), documents are summed once, and each
replicate is a row of a (replicates x units) weight matrix multiplied by the
(units x counts) matrix.

Random numbers come from :class:`numpy.random.Generator` streams derived from
``seed`` and the labels involved (the group for a bootstrap, the two sides for
a comparison), so the same seed and data give identical output, and adding or
dropping an outlet does not change the intervals or p-values of the others.
"""

from __future__ import annotations

import hashlib
import itertools
import warnings
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from framing._checks import check_choice, check_int, check_level, examples_of, require_columns
from framing.scoring import (
    ALL_VOICES,
    FramingDataError,
    FramingDataWarning,
    _factorize_groups,
    _group_labels,
    _rates,
    _sum_by,
    _voice_totals,
    _warn_zero_tokens,
    unit_counts,
)

__all__ = [
    "DEFAULT_MIN_DOCS",
    "MEASURES",
    "add_intervals",
    "bootstrap_scores",
    "compare_groups",
    "p_adjust",
]

#: Default smallest number of documents for which documents are resampled.
#: With ``n`` documents a bootstrap can draw ``C(2n - 1, n)`` distinct samples:
#: 126 for 5 documents, 92,378 for 10; below about 10 the bootstrap
#: distribution of a document-level ratio is a handful of repeated values.
DEFAULT_MIN_DOCS = 10
#: The scores with intervals and tests, in output order.
MEASURES: tuple[str, str] = ("per_1k", "share")

BootstrapMethod = Literal["percentile", "basic", "bca"]
Measure = Literal["per_1k", "share"]
Comparison = Literal["vs_rest", "pairwise"]
AdjustMethod = Literal["holm", "fdr_bh", "bonferroni"]
Family = Literal["table", "frame_voice"]

_ADJUST_METHODS = ("holm", "fdr_bh", "bonferroni")
_MAX_CELLS = 1 << 22  # elements of one (replicates x units) block
_SUBSET_RATIO = 8  # permute by drawing the smaller side when it is < 1/8 of the units


# --------------------------------------------------------------------------- helpers


def _entropy(seed: int | None) -> int:
    """The base entropy of all streams: ``seed``, or fresh entropy when None."""
    if seed is None:
        return int(np.random.SeedSequence().entropy)
    return check_int("seed", seed, 0)


def _keyed_rng(entropy: int, *key: Hashable) -> np.random.Generator:
    """A Generator that depends only on ``entropy`` and ``key`` (labels as text)."""
    text = "\x1f".join(str(k) for k in key).encode("utf-8")
    word = int.from_bytes(hashlib.blake2b(text, digest_size=16).digest(), "little")
    return np.random.default_rng(np.random.SeedSequence(entropy, spawn_key=(word,)))


@dataclass(frozen=True)
class _Design:
    """Unit and document count matrices, sorted by group, document, sentence."""

    by: str
    groups: pd.Index
    frames: tuple[str, ...]
    x: np.ndarray  # (n_units, 2F + 1): counts then tokens, non-boilerplate units only
    unit_group: np.ndarray  # (n_units,)
    doc_bounds: np.ndarray  # (n_docs + 1,): rows of x of each document
    docs: np.ndarray  # (n_docs, 2F + 1): x summed by document
    doc_group: np.ndarray  # (n_docs,)
    group_doc_bounds: np.ndarray  # (G + 1,): documents of each group
    tokens: np.ndarray  # (G,)

    def doc_range(self, g: int) -> tuple[int, int]:
        return int(self.group_doc_bounds[g]), int(self.group_doc_bounds[g + 1])


def _design(
    units: pd.DataFrame, matches: pd.DataFrame, by: str, frames: Sequence[str], weighted: bool
) -> _Design:
    uc = unit_counts(units, matches, frames=frames, weighted=weighted)
    name, labels = _group_labels(units, by)
    groups, codes = _factorize_groups(labels, units["doc_id"], name)
    keep = uc.scored
    keys = pd.DataFrame({"g": codes[keep], "d": uc.doc_id[keep], "s": uc.sentence_id[keep]})
    try:
        order = keys.sort_values(["g", "d", "s"], kind="stable").index.to_numpy()
    except TypeError as err:
        raise FramingDataError(
            f"doc_id or sentence_id values cannot be sorted ({err}); use one type per column"
        ) from err
    x = np.column_stack([uc.counts[keep], uc.tokens[keep]])[order]
    unit_group = codes[keep][order]
    doc = uc.doc_id[keep][order]
    new_doc = np.ones(len(x), dtype=bool)
    new_doc[1:] = doc[1:] != doc[:-1]
    starts = np.flatnonzero(new_doc)
    docs = np.add.reduceat(x, starts, axis=0) if len(x) else np.zeros((0, x.shape[1]))
    doc_group = unit_group[starts]
    return _Design(
        by=name,
        groups=groups,
        frames=uc.frames,
        x=x,
        unit_group=unit_group,
        doc_bounds=np.append(starts, len(x)),
        docs=docs,
        doc_group=doc_group,
        group_doc_bounds=np.searchsorted(doc_group, np.arange(len(groups) + 1)),
        tokens=_sum_by(codes, uc.tokens[:, None], len(groups))[:, 0],
    )


def _measures(sums: np.ndarray, n_frames: int) -> np.ndarray:
    """``(..., 2F + 1)`` sums -> ``(..., 3, F, 2)`` array of (per_1k, share)."""
    counts, tokens = _voice_totals(sums, n_frames)
    return np.stack(_rates(counts, tokens), axis=-1)


def _resample_sums(
    y: np.ndarray, strata: list[tuple[int, int]], n_boot: int, rng: np.random.Generator
) -> np.ndarray:
    """Column sums of ``n_boot`` bootstrap resamples of the rows of ``y``.

    Rows are drawn with replacement within each stratum ``[s0, s1)``, each
    stratum keeping its size. For each block of replicates and each stratum,
    ``rng.integers(0, m, size=(block, m))`` gives the drawn rows; the draws are
    turned into counts (multiplicities) and multiplied with ``y``.
    """
    n = y.shape[0]
    out = np.empty((n_boot, y.shape[1]))
    block = max(1, _MAX_CELLS // n)
    for b0 in range(0, n_boot, block):
        b = min(block, n_boot - b0)
        weights = np.empty((b, n))
        offsets = np.arange(b)[:, None]
        for s0, s1 in strata:
            m = s1 - s0
            idx = rng.integers(0, m, size=(b, m))
            weights[:, s0:s1] = np.bincount(
                (offsets * m + idx).ravel(), minlength=b * m
            ).reshape(b, m)
        out[b0 : b0 + b] = weights @ y
    return out


def _acceleration(jack: np.ndarray, strata: list[tuple[int, int]]) -> float:
    """BCa acceleration from jackknife values (Efron & Tibshirani 1993, eq. 14.15)."""
    num = den = 0.0
    for s0, s1 in strata:
        theta = jack[s0:s1]
        theta = theta[np.isfinite(theta)]
        n = len(theta)
        if n == 0:
            continue
        u = (n - 1) * (theta.mean() - theta)
        num += np.sum(u**3) / n**3
        den += np.sum(u**2) / n**2
    return float(num / (6.0 * den**1.5)) if den > 0 else 0.0


def _interval(
    reps: np.ndarray,
    estimate: float,
    *,
    method: str,
    ci: float,
    jack: np.ndarray | None = None,
    strata: list[tuple[int, int]] | None = None,
) -> tuple[float, float, int]:
    """One bootstrap interval from the replicates of one statistic.

    Undefined replicates (NaN) are dropped. Returns ``(low, high, n_valid)``.
    """
    valid = reps[np.isfinite(reps)]
    if len(valid) == 0 or not np.isfinite(estimate):
        return np.nan, np.nan, len(valid)
    alpha = (1.0 - ci) / 2.0
    if method == "bca":
        from scipy.special import ndtr, ndtri  # lazy: scipy.special adds ~100 ms to import

        below = np.count_nonzero(valid < estimate) + np.count_nonzero(valid <= estimate)
        z0 = ndtri(below / (2.0 * len(valid)))
        accel = _acceleration(jack, strata)
        z = ndtri(alpha)
        with np.errstate(invalid="ignore", divide="ignore"):
            levels = [ndtr(z0 + (z0 + zz) / (1.0 - accel * (z0 + zz))) for zz in (z, -z)]
        if not np.all(np.isfinite(levels)):
            return np.nan, np.nan, len(valid)
        low, high = np.quantile(valid, levels)
    else:
        low, high = np.quantile(valid, [alpha, 1.0 - alpha])
        if method == "basic":
            low, high = 2.0 * estimate - high, 2.0 * estimate - low
    return float(low), float(high), len(valid)


# --------------------------------------------------------------------------- p_adjust


def p_adjust(
    pvalues: Sequence[float] | np.ndarray | pd.Series, method: AdjustMethod = "holm"
) -> np.ndarray | pd.Series:
    """Adjust p-values for multiple comparisons.

    Parameters
    ----------
    pvalues : array-like of float, 1-D
        p-values in [0, 1]. NaN values are kept as NaN and are not counted in
        the number of tests, as in R's ``p.adjust``.
    method : {"holm", "fdr_bh", "bonferroni"}, default "holm"
        ``holm``: Holm's step-down family-wise error control; ``fdr_bh``:
        Benjamini-Hochberg false discovery rate; ``bonferroni``.

    Returns
    -------
    numpy.ndarray or pandas.Series
        Adjusted p-values in the input order (a Series with the same index if
        a Series was given).

    Raises
    ------
    ValueError
        If ``method`` is unknown, the input is not 1-D or a p-value is outside
        [0, 1].

    Notes
    -----
    With :math:`m` non-missing p-values sorted as
    :math:`p_{(1)} \\le \\dots \\le p_{(m)}`:

    * Bonferroni: :math:`\\tilde p_i = \\min(1, m p_i)`.
    * Holm (1979): :math:`\\tilde p_{(i)} = \\min\\{1, \\max_{j \\le i}
      (m - j + 1) p_{(j)}\\}`; controls the family-wise error rate under any
      dependence.
    * Benjamini & Hochberg (1995): :math:`\\tilde p_{(i)} = \\min\\{1,
      \\min_{j \\ge i} \\tfrac{m}{j} p_{(j)}\\}`; controls the false discovery
      rate for independent or positively dependent tests.

    These are R's ``p.adjust(method = "holm" | "BH" | "bonferroni")`` and
    :func:`scipy.stats.false_discovery_control` (``method="bh"``).

    References
    ----------
    .. [1] Holm, S. (1979). A simple sequentially rejective multiple test
       procedure. *Scandinavian Journal of Statistics*, 6(2), 65-70.
    .. [2] Benjamini, Y., & Hochberg, Y. (1995). Controlling the false
       discovery rate: a practical and powerful approach to multiple testing.
       *Journal of the Royal Statistical Society B*, 57(1), 289-300.

    Examples
    --------
    >>> from framing.statistics import p_adjust
    >>> p_adjust([0.01, 0.04, 0.03, 0.005], "holm")
    array([0.03, 0.06, 0.06, 0.02])
    >>> p_adjust([0.01, 0.04, 0.03, 0.005], "fdr_bh")
    array([0.02, 0.04, 0.04, 0.02])
    """
    check_choice("method", method, _ADJUST_METHODS)
    index = pvalues.index if isinstance(pvalues, pd.Series) else None
    p = np.asarray(pvalues, dtype=float)
    if p.ndim != 1:
        raise ValueError(f"`pvalues` must be 1-D, got shape {p.shape}")
    present = ~np.isnan(p)
    if np.any((p[present] < 0) | (p[present] > 1)):
        raise ValueError("`pvalues` must lie in [0, 1]")
    out = np.full(p.shape, np.nan)
    q = p[present]
    m = len(q)
    if m:
        if method == "bonferroni":
            adjusted = np.minimum(1.0, m * q)
        else:
            order = np.argsort(q, kind="stable")
            ranked = q[order]
            if method == "holm":
                steps = np.maximum.accumulate((m - np.arange(m)) * ranked)
            else:
                steps = np.minimum.accumulate((m / np.arange(1, m + 1) * ranked)[::-1])[::-1]
            adjusted = np.empty(m)
            adjusted[order] = np.minimum(1.0, steps)
        out[present] = adjusted
    return pd.Series(out, index=index, name=pvalues.name) if index is not None else out


# --------------------------------------------------------------------------- bootstrap


def bootstrap_scores(
    units: pd.DataFrame,
    matches: pd.DataFrame,
    *,
    by: str = "outlet",
    frames: Sequence[str],
    n_boot: int = 2000,
    ci: float = 0.95,
    seed: int | None = 0,
    method: BootstrapMethod = "percentile",
    min_docs: int = DEFAULT_MIN_DOCS,
    weighted: bool = False,
) -> pd.DataFrame:
    """Bootstrap confidence intervals for frame rates and shares.

    Parameters
    ----------
    units, matches : pandas.DataFrame
        The sentences and matches tables, as for
        :func:`framing.scoring.score_table`.
    by : str, default "outlet"
        Grouping column of ``units`` (one value per document); ``"doc"`` or
        ``"doc_id"`` for one group per document.
    frames : sequence of str
        All lexicon categories, in lexicon order.
    n_boot : int, default 2000
        Bootstrap replicates per group.
    ci : float, default 0.95
        Confidence level of the two-sided interval.
    seed : int or None, default 0
        Seed of the random streams. The same seed, tables and options give
        identical output; ``None`` draws fresh entropy, which is stored in
        ``attrs["seed"]`` so that the run can be repeated.
    method : {"percentile", "basic", "bca"}, default "percentile"
        Interval from the bootstrap distribution: percentile, basic (reverse
        percentile) or bias-corrected and accelerated.
    min_docs : int, default 10
        Groups with at least ``min_docs`` documents resample documents; groups
        with fewer resample sentences within each of their documents.
    weighted : bool, default False
        Use summed match weights, as in ``score_table(weighted=True)``.

    Returns
    -------
    pandas.DataFrame
        Long table, one row per group x frame x voice x measure (groups
        sorted, frames in lexicon order, voices authorial, attributed, all,
        measures per_1k, share). Columns:

        ``<by>``, ``frame``, ``voice``
            as in ``score_table``.
        ``measure``
            ``per_1k`` or ``share``.
        ``estimate``
            the score on the full data (equal to ``score_table``'s value).
        ``ci_low``, ``ci_high``
            bounds of the ``ci`` interval; NaN when the score is undefined.
        ``n_resampled``
            units drawn per replicate: the group's documents
            (``resample_unit == "document"``) or its non-boilerplate sentences
            (``"sentence"``).
        ``resample_unit``
            ``document`` if the group has at least ``min_docs`` documents,
            else ``sentence``.
        ``n_boot_valid``
            replicates in which the score is defined (a resample may hold no
            match in a voice, leaving ``share`` undefined); the interval uses
            these replicates only.

        ``attrs`` holds ``by``, ``frames``, ``n_boot``, ``ci``, ``method``,
        ``seed`` (the entropy actually used), ``min_docs`` and ``weighted``.

    Raises
    ------
    FramingDataError
        For invalid tables (see :func:`framing.scoring.score_table`).
    ValueError
        For invalid options.

    Warns
    -----
    FramingDataWarning
        If a group has no non-boilerplate tokens (its per_1k rows are NaN), or
        if a BCa interval is undefined for some rows.

    See Also
    --------
    add_intervals : put the intervals into the ``score_table`` table.
    scipy.stats.bootstrap : the same intervals for a single sample.

    Notes
    -----
    **Resampling unit.** Sentences of one article share author, topic and
    sources, so treating them as independent understates the variance. A
    group with :math:`n \\ge` ``min_docs`` documents is resampled by document
    (the cluster bootstrap of Davison & Hinkley 1997, sec. 3.8; Field & Welsh
    2007): each replicate draws :math:`n` documents with replacement and
    recomputes the pooled ratio

    .. math::

        \\mathrm{per\\_1k}^* = 1000 \\frac{\\sum_d w_d^* m_d}{\\sum_d w_d^* T_d},
        \\qquad
        \\mathrm{share}^*_f = \\frac{\\sum_d w_d^* m_{df}}{\\sum_d w_d^*
        \\sum_{f'} m_{df'}},

    where :math:`w_d^*` is how often document :math:`d` was drawn. With few
    documents the cluster bootstrap has few distinct resamples
    (:math:`\\binom{2n-1}{n}`: 126 for :math:`n = 5`, 92,378 for :math:`n = 10`)
    and undercovers (Cameron, Gelbach & Miller 2008), so below ``min_docs``
    the sentences of each document are resampled within that document
    (documents as strata). That interval treats the documents as fixed: it
    describes sentence-level variability within these articles and is
    narrower than a document-level interval would be. The default of 10
    documents is where the number of distinct document resamples first
    exceeds any usual ``n_boot`` by far.

    **Intervals** (Efron & Tibshirani 1993, ch. 13-14; Davison & Hinkley
    1997, ch. 5), with :math:`\\hat\\theta` the estimate and
    :math:`\\hat G^{-1}(q)` the :math:`q` quantile of the replicates (linear
    interpolation, as :func:`numpy.quantile`), :math:`\\alpha = (1 - ci)/2`:
    percentile :math:`[\\hat G^{-1}(\\alpha), \\hat G^{-1}(1 - \\alpha)]`;
    basic :math:`[2\\hat\\theta - \\hat G^{-1}(1-\\alpha), 2\\hat\\theta -
    \\hat G^{-1}(\\alpha)]`; BCa :math:`[\\hat G^{-1}(\\alpha_1), \\hat
    G^{-1}(\\alpha_2)]` with :math:`\\alpha_{1,2} = \\Phi(z_0 + (z_0 \\pm
    z_\\alpha)/(1 - a(z_0 \\pm z_\\alpha)))`, :math:`z_0` from the share of
    replicates below :math:`\\hat\\theta` (ties count half) and the
    acceleration :math:`a` from the leave-one-unit-out jackknife (summed over
    strata). These match :func:`scipy.stats.bootstrap` given the same draws.
    Rates are skewed and bounded at 0; prefer ``"bca"`` for final tables,
    with ``n_boot`` of 2000 or more.

    **Random numbers.** Group :math:`g` uses its own
    :class:`numpy.random.Generator`, seeded from ``seed`` and the label of
    :math:`g`; for each stratum in turn (the group's documents, or each
    document's sentences) it draws ``integers(0, m, size=(n_boot, m))``
    (in blocks of replicates for large groups).

    References
    ----------
    .. [1] Efron, B., & Tibshirani, R. J. (1993). *An Introduction to the
       Bootstrap*. Chapman & Hall.
    .. [2] Davison, A. C., & Hinkley, D. V. (1997). *Bootstrap Methods and
       their Application*. Cambridge University Press.
    .. [3] Field, C. A., & Welsh, A. H. (2007). Bootstrapping clustered data.
       *Journal of the Royal Statistical Society B*, 69(3), 369-390.
    .. [4] Cameron, A. C., Gelbach, J. B., & Miller, D. L. (2008).
       Bootstrap-based improvements for inference with clustered errors.
       *Review of Economics and Statistics*, 90(3), 414-427.

    Examples
    --------
    >>> import pandas as pd
    >>> from framing.statistics import bootstrap_scores
    >>> units = pd.DataFrame({
    ...     "doc_id": ["a1", "a1", "a2", "a2", "b1", "b1"],
    ...     "sentence_id": [0, 1, 0, 1, 0, 1],
    ...     "boilerplate": False, "n_tokens": [20, 10, 30, 20, 25, 15],
    ...     "outlet": ["A", "A", "A", "A", "B", "B"]})
    >>> matches = pd.DataFrame({
    ...     "doc_id": ["a1", "a2", "a2", "b1"], "sentence_id": [0, 0, 1, 1],
    ...     "frame": ["coup", "coup", "protest", "protest"],
    ...     "voice": ["authorial", "attributed", "authorial", "authorial"]})
    >>> ci = bootstrap_scores(units, matches, frames=["coup", "protest"], n_boot=500)
    >>> ci.columns.tolist()
    ['outlet', 'frame', 'voice', 'measure', 'estimate', 'ci_low', 'ci_high', \
'n_resampled', 'resample_unit', 'n_boot_valid']
    >>> row = ci.query("outlet == 'A' and frame == 'coup' and voice == 'all' "
    ...                "and measure == 'per_1k'")
    >>> print(row[["estimate", "ci_low", "ci_high", "n_resampled", "resample_unit"]]
    ...       .round(1).to_string(index=False))
     estimate  ci_low  ci_high  n_resampled resample_unit
         25.0     0.0     40.0            4      sentence
    """
    n_boot = check_int("n_boot", n_boot, 1)
    ci = check_level("ci", ci, note="e.g. 0.95")
    check_choice("method", method, ("percentile", "basic", "bca"))
    min_docs = check_int("min_docs", min_docs, 1)
    entropy = _entropy(seed)
    design = _design(units, matches, by, frames, weighted)
    _warn_zero_tokens(design.groups, design.tokens, design.by)
    n_frames = len(design.frames)
    n_groups = len(design.groups)
    shape = (n_groups, len(ALL_VOICES), n_frames, len(MEASURES))
    estimate, low, high = (np.full(shape, np.nan) for _ in range(3))
    n_valid = np.zeros(shape, dtype=np.int64)
    n_resampled = np.zeros(n_groups, dtype=np.int64)
    resample_unit = np.empty(n_groups, dtype=object)
    undefined_bca = 0

    for g, label in enumerate(design.groups):
        d0, d1 = design.doc_range(g)
        if d1 - d0 >= min_docs:
            resample_unit[g] = "document"
            y = design.docs[d0:d1]
            strata = [(0, d1 - d0)]
        else:
            resample_unit[g] = "sentence"
            bounds = design.doc_bounds[d0 : d1 + 1]
            y = design.x[bounds[0] : bounds[-1]]
            strata = [
                (int(a - bounds[0]), int(b - bounds[0])) for a, b in itertools.pairwise(bounds)
            ]
        n_resampled[g] = len(y)
        if len(y) == 0:
            continue
        total = y.sum(axis=0)
        estimate[g] = _measures(total, n_frames)
        reps = _measures(_resample_sums(y, strata, n_boot, _keyed_rng(entropy, label)), n_frames)
        jack = _measures(total - y, n_frames) if method == "bca" else None
        for index in np.ndindex(shape[1:]):
            low[g][index], high[g][index], n_valid[g][index] = _interval(
                reps[(slice(None), *index)],
                estimate[g][index],
                method=method,
                ci=ci,
                jack=None if jack is None else jack[(slice(None), *index)],
                strata=strata,
            )
            if method == "bca" and np.isfinite(estimate[g][index]) and np.isnan(low[g][index]):
                undefined_bca += 1
    if undefined_bca:
        warnings.warn(
            f"the BCa interval is undefined for {undefined_bca} row(s) (the estimate lies "
            "outside all replicates); their bounds are NaN. Use method='percentile' for them",
            FramingDataWarning,
            stacklevel=2,
        )

    # (G, voice, frame, measure) -> rows ordered group, frame, voice, measure
    def flat(a: np.ndarray) -> np.ndarray:
        return np.swapaxes(a, 1, 2).reshape(-1)

    per_group = n_frames * len(ALL_VOICES) * len(MEASURES)
    table = pd.DataFrame(
        {
            design.by: design.groups.repeat(per_group),
            "frame": np.tile(
                np.repeat(np.array(design.frames, dtype=object), per_group // n_frames), n_groups
            ),
            "voice": np.tile(
                np.repeat(np.array(ALL_VOICES, dtype=object), len(MEASURES)), n_groups * n_frames
            ),
            "measure": np.tile(
                np.array(MEASURES, dtype=object), n_groups * n_frames * len(ALL_VOICES)
            ),
            "estimate": flat(estimate),
            "ci_low": flat(low),
            "ci_high": flat(high),
            "n_resampled": np.repeat(n_resampled, per_group),
            "resample_unit": np.repeat(resample_unit, per_group),
            "n_boot_valid": flat(n_valid),
        }
    )
    for column in ("frame", "voice", "measure", "resample_unit"):
        table[column] = table[column].astype("str")
    table.attrs.update(
        by=design.by,
        frames=list(design.frames),
        n_boot=n_boot,
        ci=ci,
        method=method,
        seed=entropy,
        min_docs=min_docs,
        weighted=bool(weighted),
    )
    return table


def add_intervals(scores: pd.DataFrame, intervals: pd.DataFrame) -> pd.DataFrame:
    """Add bootstrap intervals to a ``score_table`` table.

    Parameters
    ----------
    scores : pandas.DataFrame
        Output of :func:`framing.scoring.score_table`.
    intervals : pandas.DataFrame
        Output of :func:`bootstrap_scores` on the same tables with the same
        ``by``, ``frames`` and ``weighted``.

    Returns
    -------
    pandas.DataFrame
        ``scores`` (same rows, same order) with the columns ``per_1k_ci_low``,
        ``per_1k_ci_high``, ``share_ci_low``, ``share_ci_high``,
        ``n_resampled`` and ``resample_unit`` appended; ``attrs`` of
        ``scores`` plus ``ci``, ``method``, ``n_boot`` and ``seed`` of the
        bootstrap.

    Raises
    ------
    FramingDataError
        If the tables do not have the same groups, frames and voices, or if
        the bootstrap estimates differ from the scores (the intervals were
        computed on other data or with other options).

    Examples
    --------
    >>> import pandas as pd
    >>> from framing.scoring import score_table
    >>> from framing.statistics import add_intervals, bootstrap_scores
    >>> units = pd.DataFrame({"doc_id": ["a1", "a1", "b1"], "sentence_id": [0, 1, 0],
    ...                       "boilerplate": False, "n_tokens": [20, 10, 25],
    ...                       "outlet": ["A", "A", "B"]})
    >>> matches = pd.DataFrame({"doc_id": ["a1"], "sentence_id": [0],
    ...                         "frame": ["coup"], "voice": ["authorial"]})
    >>> scores = score_table(units, matches, frames=["coup"])
    >>> boot = bootstrap_scores(units, matches, frames=["coup"], n_boot=200)
    >>> add_intervals(scores, boot).columns[-6:].tolist()
    ['per_1k_ci_low', 'per_1k_ci_high', 'share_ci_low', 'share_ci_high', \
'n_resampled', 'resample_unit']
    """
    by = scores.attrs.get("by", intervals.attrs.get("by"))
    if by is None:
        by = intervals.columns[0]
    keys = [by, "frame", "voice"]
    for table, name, cols in (
        (scores, "scores", [*keys, "per_1k", "share"]),
        (intervals, "intervals", [*keys, "measure", "estimate", "ci_low", "ci_high",
                                  "n_resampled", "resample_unit"]),
    ):
        source = "score_table" if name == "scores" else "bootstrap_scores"
        require_columns(table, cols, name, error=FramingDataError,
                        hint=f"Pass the output of {source} with by={by!r}")
    # pivot, not pivot_table: duplicated rows must raise, not be averaged
    wide = intervals.pivot(
        index=keys, columns="measure", values=["estimate", "ci_low", "ci_high"]
    )
    wide.columns = [f"{measure}_{stat}" for stat, measure in wide.columns]
    units_cols = intervals.drop_duplicates(keys).set_index(keys)[["n_resampled", "resample_unit"]]
    wide = wide.join(units_cols).reset_index()
    merged = scores.merge(wide, on=keys, how="left", validate="one_to_one", indicator=True)
    unmatched = merged["_merge"] != "both"
    if unmatched.any() or len(wide) != len(scores):
        raise FramingDataError(
            "`scores` and `intervals` do not have the same groups, frames and voices; "
            "compute both from the same tables with the same `by` and `frames`"
        )
    for measure in MEASURES:
        a = merged[measure].to_numpy(dtype=float)
        b = merged[f"{measure}_estimate"].to_numpy(dtype=float)
        if not np.allclose(a, b, rtol=1e-9, atol=1e-12, equal_nan=True):
            raise FramingDataError(
                f"the bootstrap estimates of {measure} differ from the scores; the intervals "
                "were computed on other data or options (e.g. `weighted`)"
            )
    columns = [f"{m}_{s}" for m in MEASURES for s in ("ci_low", "ci_high")]
    out = scores.copy()
    for column in [*columns, "n_resampled", "resample_unit"]:
        out[column] = merged[column].to_numpy()
    out.attrs.update({k: intervals.attrs[k] for k in ("ci", "method", "n_boot", "seed")
                      if k in intervals.attrs})
    return out


# --------------------------------------------------------------------------- compare


def _ratio_log_variance(y: np.ndarray, n_frames: int) -> np.ndarray:
    """Linearisation variance of log(sum c / sum t) with units as clusters: (3, F)."""
    n = len(y)
    counts, tokens = _voice_totals(y, n_frames)  # (n, 3, F), (n,)
    total_c, total_t = counts.sum(axis=0), tokens.sum()
    if n < 2:
        return np.full(total_c.shape, np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        resid = counts / total_c - (tokens / total_t)[:, None, None]
        var = n / (n - 1) * np.sum(resid**2, axis=0)
    return np.where((total_c > 0) & (total_t > 0), var, np.nan)


def _share_h_variance(y: np.ndarray, n_frames: int) -> np.ndarray:
    """Delta-method variance of 2 asin(sqrt(share)) with units as clusters: (3, F)."""
    n = len(y)
    counts, _ = _voice_totals(y, n_frames)  # (n, 3, F)
    per_unit = counts.sum(axis=-1, keepdims=True)  # (n, 3, 1)
    total = counts.sum(axis=0)  # (3, F)
    voice_total = total.sum(axis=-1, keepdims=True)  # (3, 1)
    if n < 2:
        return np.full(total.shape, np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = total / voice_total
        resid = (counts - share * per_unit) / voice_total
        var_share = n / (n - 1) * np.sum(resid**2, axis=0)
        var_h = var_share / (share * (1.0 - share))
    return np.where((share > 0) & (share < 1), var_h, np.nan)


def _permutation_counts(
    y: np.ndarray,
    in_a: np.ndarray,
    observed: np.ndarray,
    measure_index: int,
    n_frames: int,
    n_perm: int,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray]:
    """Permutations with ``|value_a - value_b| >= observed``, and defined ones.

    A random relabelling is a uniformly drawn set of ``k = min(n_a, n_b)``
    units for the smaller side. When ``k`` is small next to ``n`` (a small
    group against the rest) each set is drawn with ``rng.choice(n, k,
    replace=False)``, which costs O(k); otherwise each row of a label matrix
    is shuffled with ``rng.permuted``, which costs O(n).
    """
    n = len(y)
    n_a = int(in_a.sum())
    small_is_a = n_a <= n - n_a
    k = min(n_a, n - n_a)
    use_subsets = k * _SUBSET_RATIO < n
    total = y.sum(axis=0)
    exceed = np.zeros(observed.shape, dtype=np.int64)
    defined = np.zeros(observed.shape, dtype=np.int64)
    tolerance = 1e-9 * np.abs(observed) + 1e-12
    per_row = k * y.shape[1] if use_subsets else n
    block = max(1, _MAX_CELLS // max(per_row, 1))
    for b0 in range(0, n_perm, block):
        b = min(block, n_perm - b0)
        if use_subsets:
            chosen = np.stack([rng.choice(n, k, replace=False) for _ in range(b)])
            sums_small = y[chosen].sum(axis=1)
            sums_a = sums_small if small_is_a else total - sums_small
        else:
            labels = rng.permuted(np.tile(in_a, (b, 1)), axis=1)
            sums_a = labels.astype(float) @ y
        values_a = _measures(sums_a, n_frames)[..., measure_index]
        values_b = _measures(total - sums_a, n_frames)[..., measure_index]
        stat = np.abs(values_a - values_b)
        ok = np.isfinite(stat)
        defined += ok.sum(axis=0)
        exceed += (ok & (stat >= observed - tolerance)).sum(axis=0)
    return exceed, defined


def compare_groups(
    units: pd.DataFrame,
    matches: pd.DataFrame,
    *,
    by: str = "outlet",
    frames: Sequence[str],
    measure: Measure = "per_1k",
    comparisons: Sequence[Comparison] | Comparison = ("vs_rest", "pairwise"),
    n_perm: int = 5000,
    seed: int | None = 0,
    padjust: Sequence[AdjustMethod] | AdjustMethod | None = ("holm", "fdr_bh"),
    family: Family = "table",
    ci: float = 0.95,
    min_docs: int = DEFAULT_MIN_DOCS,
    weighted: bool = False,
) -> pd.DataFrame:
    """Compare frame scores between groups: effect sizes and permutation tests.

    Parameters
    ----------
    units, matches : pandas.DataFrame
        The sentences and matches tables, as for
        :func:`framing.scoring.score_table`.
    by : str, default "outlet"
        Grouping column of ``units`` (one value per document); ``"doc"`` or
        ``"doc_id"`` for one group per document. At least two groups.
    frames : sequence of str
        All lexicon categories, in lexicon order.
    measure : {"per_1k", "share"}, default "per_1k"
        The score compared.
    comparisons : {"vs_rest", "pairwise"} or a sequence of them
        ``vs_rest``: each group against all other groups pooled;
        ``pairwise``: each pair of groups. With exactly two groups
        ``vs_rest`` repeats ``pairwise``, so only pairwise rows are returned
        (with a warning unless ``comparisons=("pairwise",)``).
    n_perm : int, default 5000
        Random permutations per comparison.
    seed : int or None, default 0
        Seed of the random streams; the same seed and data give identical
        output. ``None`` draws fresh entropy (stored in ``attrs["seed"]``).
    padjust : str, sequence of str or None, default ("holm", "fdr_bh")
        Adjustments of ``p_value`` (see :func:`p_adjust`); each adds a column
        ``p_<method>``.
    family : {"table", "frame_voice"}, default "table"
        The family of tests adjusted together: every row of the returned
        table, or the rows of each frame x voice.
    ci : float, default 0.95
        Confidence level of the effect-size interval.
    min_docs : int, default 10
        Documents are permuted when both sides of a comparison have at least
        ``min_docs`` documents; otherwise sentences are.
    weighted : bool, default False
        Use summed match weights, as in ``score_table(weighted=True)``.

    Returns
    -------
    pandas.DataFrame
        One row per frame x voice x comparison (frames in lexicon order;
        voices authorial, attributed, all; ``vs_rest`` rows, then
        ``pairwise`` rows, groups sorted). Columns:

        ``frame``, ``voice``, ``measure``
            what is compared.
        ``comparison``
            ``vs_rest`` or ``pairwise``.
        ``group_a``, ``group_b``
            the groups; ``group_b`` is ``"rest"`` for ``vs_rest``.
        ``value_a``, ``value_b``
            the pooled scores of each side (``value_b`` of ``rest`` pools all
            other groups' documents).
        ``difference``
            ``value_a - value_b``.
        ``rate_ratio``, ``rate_ratio_ci_low``, ``rate_ratio_ci_high``
            (``measure="per_1k"``) ``value_a / value_b`` with its ``ci``
            interval.
        ``cohen_h``, ``cohen_h_ci_low``, ``cohen_h_ci_high``
            (``measure="share"``) Cohen's h with its ``ci`` interval.
        ``p_value``
            two-sided permutation p-value of ``difference``.
        ``p_holm``, ``p_fdr_bh``, ...
            ``p_value`` adjusted within the ``family``.
        ``permutation_unit``
            ``document`` or ``sentence``: what was permuted, and the units of
            the effect-size interval.
        ``n_a``, ``n_b``
            permuted units (documents or sentences) on each side.
        ``n_perm``
            permutations in which the statistic was defined (the denominator
            of ``p_value`` minus 1).

        ``attrs`` holds ``by``, ``measure``, ``n_perm``, ``seed`` (the entropy
        used), ``family``, ``padjust``, ``ci`` and ``min_docs``.

    Raises
    ------
    FramingDataError
        If ``by`` has fewer than two groups, or the tables are invalid.
    ValueError
        For invalid options.

    Warns
    -----
    FramingDataWarning
        If a group has no non-boilerplate tokens (its per_1k comparisons are
        NaN), or if ``vs_rest`` is dropped because there are only two groups.

    Notes
    -----
    **Permutation test.** The statistic is
    :math:`|\\hat\\theta_a - \\hat\\theta_b|`, the absolute difference of
    pooled scores. The labels a/b of the permutation units of the two sides
    (documents, or sentences when a side has fewer than ``min_docs``
    documents) are shuffled ``n_perm`` times, and

    .. math:: p = \\frac{k + 1}{n_\\mathrm{perm} + 1},

    with :math:`k` the number of permutations whose statistic is at least the
    observed one (Phipson & Smyth 2010; never 0, and valid). Permutations in
    which a score is undefined (e.g. no match in the voice on one side, for
    ``share``) are not counted in :math:`n_\\mathrm{perm}`. One set of
    permutations serves all frames and voices of a comparison. Permuting
    documents tests exchangeability of whole articles between groups;
    permuting sentences ignores that sentences of an article are alike, so
    ``sentence`` p-values are too small when articles differ among
    themselves; read them as descriptive.

    **Effect sizes.** For rates, the rate ratio
    :math:`RR = \\hat r_a / \\hat r_b` with a log-scale Wald interval
    :math:`\\exp(\\log RR \\pm z_{1-\\alpha/2}\\, s)`, :math:`s^2 = V_a +
    V_b`, where for a side with units :math:`i = 1..n` (the permutation
    units) holding :math:`c_i` matches and :math:`t_i` tokens, totals
    :math:`C, T`,

    .. math:: V = \\frac{n}{n-1} \\sum_i \\left(\\frac{c_i}{C} -
              \\frac{t_i}{T}\\right)^2,

    the linearisation (delta-method) variance of the log of a ratio
    estimator with units as clusters (Cochran 1977, sec. 6.3-6.4; R
    ``survey::svyratio``). Unlike the Poisson interval
    :math:`s^2 = 1/C_a + 1/C_b` (Rothman, Greenland & Lash 2008) it allows
    for matches clustering in documents. For shares, Cohen's (1988)
    :math:`h = 2\\arcsin\\sqrt{\\hat p_a} - 2\\arcsin\\sqrt{\\hat p_b}`
    (0.2 small, 0.5 medium, 0.8 large) with interval :math:`h \\pm
    z_{1-\\alpha/2} \\sqrt{W_a + W_b}`, :math:`W = \\mathrm{Var}(\\hat p) /
    (\\hat p(1-\\hat p))`, :math:`\\mathrm{Var}(\\hat p) = \\frac{n}{n-1}
    \\sum_i ((c_i - \\hat p\\, m_i)/M)^2` for :math:`c_i` matches of the frame
    among :math:`m_i` matches in the voice (total :math:`M`). Intervals are
    NaN where they are undefined (a zero count, a share of 0 or 1, one unit).

    **Multiplicity.** With ``family="table"`` every p-value in the table is
    adjusted together: whoever scans the table for small p-values is making
    all of these comparisons. Holm controls the family-wise error rate under
    any dependence; Benjamini-Hochberg controls the false discovery rate
    under positive dependence (the ``all`` voice and overlapping comparisons
    are positively dependent). ``family="frame_voice"`` adjusts within each
    frame and voice, for hypotheses stated per frame in advance.

    **Random numbers.** Each comparison uses its own
    :class:`numpy.random.Generator`, seeded from ``seed``, the comparison and
    the two labels, so a pair's p-value does not change when other groups
    are added. A relabelling is a uniformly drawn set of units for the
    smaller side: ``choice(n, k, replace=False)`` when that side holds under
    1/8 of the units, else a row of labels shuffled by ``permuted``.

    References
    ----------
    .. [1] Phipson, B., & Smyth, G. K. (2010). Permutation p-values should
       never be zero. *Statistical Applications in Genetics and Molecular
       Biology*, 9(1), 39.
    .. [2] Good, P. (2005). *Permutation, Parametric and Bootstrap Tests of
       Hypotheses* (3rd ed.). Springer.
    .. [3] Cochran, W. G. (1977). *Sampling Techniques* (3rd ed.). Wiley.
    .. [4] Rothman, K. J., Greenland, S., & Lash, T. L. (2008). *Modern
       Epidemiology* (3rd ed.). Lippincott Williams & Wilkins.
    .. [5] Cohen, J. (1988). *Statistical Power Analysis for the Behavioral
       Sciences* (2nd ed.), ch. 6. Erlbaum.
    .. [6] Holm (1979) and Benjamini & Hochberg (1995); see :func:`p_adjust`.

    Examples
    --------
    >>> import pandas as pd
    >>> from framing.statistics import compare_groups
    >>> units = pd.DataFrame({
    ...     "doc_id": ["a1", "a1", "a2", "b1", "b1", "c1"],
    ...     "sentence_id": [0, 1, 0, 0, 1, 0], "boilerplate": False,
    ...     "n_tokens": [20, 10, 30, 25, 15, 40],
    ...     "outlet": ["A", "A", "A", "B", "B", "C"]})
    >>> matches = pd.DataFrame({
    ...     "doc_id": ["a1", "a1", "a2", "b1", "c1"], "sentence_id": [0, 1, 0, 1, 0],
    ...     "frame": ["coup", "coup", "coup", "protest", "coup"],
    ...     "voice": "authorial"})
    >>> res = compare_groups(units, matches, frames=["coup", "protest"], n_perm=999)
    >>> cols = ["comparison", "group_a", "group_b", "value_a", "value_b", "rate_ratio",
    ...         "p_value", "p_holm", "permutation_unit"]
    >>> print(res.query("frame == 'coup' and voice == 'authorial'")[cols]
    ...       .round(3).to_string(index=False))
    comparison group_a group_b  value_a  value_b  rate_ratio  p_value  p_holm permutation_unit
       vs_rest       A    rest     50.0     12.5       4.000    0.097     1.0         sentence
       vs_rest       B    rest      0.0     40.0       0.000    0.132     1.0         sentence
       vs_rest       C    rest     25.0     30.0       0.833    1.000     1.0         sentence
      pairwise       A       B     50.0      0.0         inf    0.217     1.0         sentence
      pairwise       A       C     50.0     25.0       2.000    0.508     1.0         sentence
      pairwise       B       C      0.0     25.0       0.000    0.369     1.0         sentence
    """
    check_choice("measure", measure, MEASURES)
    if isinstance(comparisons, str):
        comparisons = (comparisons,)
    comparisons = tuple(comparisons)
    if not comparisons:
        raise ValueError("`comparisons` is empty; use 'vs_rest', 'pairwise' or both")
    for c in comparisons:
        check_choice("comparisons", c, ("vs_rest", "pairwise"))
    if padjust is None:
        padjust = ()
    elif isinstance(padjust, str):
        padjust = (padjust,)
    padjust = tuple(dict.fromkeys(padjust))
    for a in padjust:
        check_choice("padjust", a, _ADJUST_METHODS)
    check_choice("family", family, ("table", "frame_voice"))
    n_perm = check_int("n_perm", n_perm, 1)
    ci = check_level("ci", ci, note="e.g. 0.95")
    min_docs = check_int("min_docs", min_docs, 1)
    entropy = _entropy(seed)

    design = _design(units, matches, by, frames, weighted)
    groups, n_frames = design.groups, len(design.frames)
    if len(groups) < 2:
        raise FramingDataError(
            f"compare_groups needs at least two groups in `{design.by}`; found "
            f"{len(groups)}: {examples_of(groups.tolist())}"
        )
    _warn_zero_tokens(groups, design.tokens, design.by)
    if len(groups) == 2 and "vs_rest" in comparisons:
        warnings.warn(
            f"with two groups, 'vs_rest' is the same comparison as 'pairwise' "
            f"({groups[0]!r} vs {groups[1]!r}); only the pairwise rows are returned. "
            "Pass comparisons=('pairwise',) to silence this warning",
            FramingDataWarning,
            stacklevel=2,
        )
        comparisons = ("pairwise",)

    plan: list[tuple[str, object, object, np.ndarray]] = []
    if "vs_rest" in comparisons:
        plan += [("vs_rest", groups[g], "rest", np.array([g])) for g in range(len(groups))]
    if "pairwise" in comparisons:
        plan += [
            ("pairwise", groups[i], groups[j], np.array([i, j]))
            for i, j in itertools.combinations(range(len(groups)), 2)
        ]

    measure_index = MEASURES.index(measure)
    effect = "rate_ratio" if measure == "per_1k" else "cohen_h"
    from scipy.special import ndtri  # lazy: scipy.special adds ~100 ms to import

    z = float(ndtri(0.5 + ci / 2.0))
    results = []
    for kind, label_a, label_b, members in plan:
        doc_in_a = np.isin(design.doc_group, members[:1])
        doc_in_b = np.isin(design.doc_group, members[1:]) if kind == "pairwise" else ~doc_in_a
        use_docs = min(doc_in_a.sum(), doc_in_b.sum()) >= min_docs
        if use_docs:
            rows = doc_in_a | doc_in_b
            y, in_a = design.docs[rows], doc_in_a[rows]
        else:
            unit_in_a = design.unit_group == members[0]
            unit_in_b = (
                design.unit_group == members[1] if kind == "pairwise" else ~unit_in_a
            )
            rows = unit_in_a | unit_in_b
            y, in_a = design.x[rows], unit_in_a[rows]
        y_a, y_b = y[in_a], y[~in_a]
        value_a = _measures(y_a.sum(axis=0), n_frames)[..., measure_index]
        value_b = _measures(y_b.sum(axis=0), n_frames)[..., measure_index]
        observed = np.abs(value_a - value_b)
        rng = _keyed_rng(entropy, "compare", kind, label_a, label_b)
        exceed, defined = _permutation_counts(
            y, in_a, observed, measure_index, n_frames, n_perm, rng
        )
        with np.errstate(divide="ignore", invalid="ignore"):
            if measure == "per_1k":
                size = value_a / value_b
                se = np.sqrt(
                    _ratio_log_variance(y_a, n_frames) + _ratio_log_variance(y_b, n_frames)
                )
                size_low, size_high = size * np.exp(-z * se), size * np.exp(z * se)
            else:
                size = 2 * np.arcsin(np.sqrt(value_a)) - 2 * np.arcsin(np.sqrt(value_b))
                se = np.sqrt(_share_h_variance(y_a, n_frames) + _share_h_variance(y_b, n_frames))
                size_low, size_high = size - z * se, size + z * se
            p_value = np.where(np.isfinite(observed), (exceed + 1) / (defined + 1), np.nan)
        results.append(
            dict(
                comparison=kind,
                group_a=label_a,
                group_b=label_b,
                value_a=value_a,
                value_b=value_b,
                size=size,
                size_low=size_low,
                size_high=size_high,
                p_value=p_value,
                unit="document" if use_docs else "sentence",
                n_a=int(in_a.sum()),
                n_b=int((~in_a).sum()),
                n_perm=np.where(np.isfinite(observed), defined, 0),
            )
        )

    records = []
    for f, frame in enumerate(design.frames):
        for v, voice in enumerate(ALL_VOICES):
            for r in results:
                records.append(
                    {
                        "frame": frame,
                        "voice": voice,
                        "measure": measure,
                        "comparison": r["comparison"],
                        "group_a": r["group_a"],
                        "group_b": r["group_b"],
                        "value_a": r["value_a"][v, f],
                        "value_b": r["value_b"][v, f],
                        "difference": r["value_a"][v, f] - r["value_b"][v, f],
                        effect: r["size"][v, f],
                        f"{effect}_ci_low": r["size_low"][v, f],
                        f"{effect}_ci_high": r["size_high"][v, f],
                        "p_value": r["p_value"][v, f],
                        "permutation_unit": r["unit"],
                        "n_a": r["n_a"],
                        "n_b": r["n_b"],
                        "n_perm": int(r["n_perm"][v, f]),
                    }
                )
    table = pd.DataFrame.from_records(records)
    for column in ("frame", "voice", "measure", "comparison", "permutation_unit"):
        table[column] = table[column].astype("str")
    position = table.columns.get_loc("p_value") + 1
    for offset, method in enumerate(padjust):
        if family == "table":
            adjusted = p_adjust(table["p_value"].to_numpy(), method)
        else:
            adjusted = table.groupby(["frame", "voice"], sort=False)["p_value"].transform(
                lambda p, method=method: p_adjust(p.to_numpy(), method)
            ).to_numpy()
        table.insert(position + offset, f"p_{method}", adjusted)
    table.attrs.update(
        by=design.by,
        measure=measure,
        n_perm=n_perm,
        seed=entropy,
        family=family,
        padjust=list(padjust),
        ci=ci,
        min_docs=min_docs,
    )
    return table

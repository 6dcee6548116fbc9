"""Agreement statistics for validating measurements against human coding.

:func:`krippendorff_alpha`
    Krippendorff's alpha for any number of coders, missing values allowed, at
    the nominal, ordinal, interval or ratio level, computed from the coincidence
    matrix (Krippendorff 2011).
:func:`precision_recall_f1`
    the confusion counts of a binary prediction against a reference, with
    precision, recall and F1 and their bootstrap percentile intervals
    (resampling units).
:func:`prf_from_counts`
    the same statistics from per-unit (tp, fp, fn) counts, for units that hold
    several items (e.g. one per frame and voice).
:func:`as_binary`, :func:`check_bootstrap`
    the input checks these functions share, for callers that check before they
    compute.

They are used by :mod:`framing.validation` and :mod:`framing.classifier` to
compare the lexicon's matches and the classifier's predictions with the human
coding.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from framing._checks import check_choice, check_int, check_level, invalid

__all__ = [
    "AgreementWarning",
    "as_binary",
    "check_bootstrap",
    "krippendorff_alpha",
    "precision_recall_f1",
    "prf_from_counts",
]

Level = Literal["nominal", "ordinal", "interval", "ratio"]
_LEVELS = ("nominal", "ordinal", "interval", "ratio")

#: Largest number of bootstrap index draws held in memory at once.
_BOOT_CHUNK_CELLS = 2_000_000


class AgreementWarning(UserWarning):
    """An agreement statistic is undefined for these data (reported as NaN)."""


# --------------------------------------------------------------------------- alpha


def _coincidences(codes: np.ndarray, n_values: int) -> np.ndarray:
    """Coincidence matrix o_ck from a coders x units array of value codes (-1 = missing)."""
    present = codes >= 0
    m_u = present.sum(axis=0)
    pairable = m_u >= 2
    codes = codes[:, pairable]
    m_u = m_u[pairable]
    n_units = codes.shape[1]
    # n_uc: how many coders gave value c to unit u
    n_uc = np.zeros((n_units, n_values))
    coder_idx, unit_idx = np.nonzero(codes >= 0)
    np.add.at(n_uc, (unit_idx, codes[coder_idx, unit_idx]), 1.0)
    weighted = n_uc / (m_u - 1.0)[:, None]
    # o_ck = sum_u (n_uc n_uk - [c == k] n_uc) / (m_u - 1)
    return weighted.T @ n_uc - np.diag(weighted.sum(axis=0))


def _delta2(level: str, values: np.ndarray, n_c: np.ndarray) -> np.ndarray:
    """Squared difference function delta^2_ck for sorted ``values`` with marginals ``n_c``."""
    k = len(values)
    if level == "nominal":
        return 1.0 - np.eye(k)
    v = values.astype(np.float64)
    if level == "interval":
        return (v[:, None] - v[None, :]) ** 2
    if level == "ratio":
        with np.errstate(divide="ignore", invalid="ignore"):
            d = ((v[:, None] - v[None, :]) / (v[:, None] + v[None, :])) ** 2
        return np.nan_to_num(d, nan=0.0)  # 0/0 when both values are 0
    # ordinal: (sum_{g=c}^{k} n_g - (n_c + n_k) / 2)^2
    cum = np.concatenate([[0.0], np.cumsum(n_c)])
    lo = np.minimum.outer(np.arange(k), np.arange(k))
    hi = np.maximum.outer(np.arange(k), np.arange(k))
    between = cum[hi + 1] - cum[lo]
    return (between - (n_c[:, None] + n_c[None, :]) / 2.0) ** 2


def _alpha(data: object, level: str, *, warn: bool, stacklevel: int = 3) -> float:
    check_choice("level", level, _LEVELS)
    if isinstance(data, pd.DataFrame):
        arr = data.to_numpy(dtype=object)
    else:
        arr = np.asarray(data, dtype=object)
    if arr.ndim != 2:
        raise ValueError(
            f"data must be 2-dimensional (coders in rows, units in columns), got {arr.ndim} "
            "dimension(s); for two coders pass [coder_1_values, coder_2_values]"
        )
    flat = pd.Series(arr.ravel(), dtype=object)
    if level == "nominal":
        try:
            codes, uniques = pd.factorize(flat, sort=True, use_na_sentinel=True)
        except TypeError:
            codes, uniques = pd.factorize(flat, sort=False, use_na_sentinel=True)
    else:
        numeric = pd.to_numeric(flat, errors="coerce")
        bad = flat.notna() & numeric.isna()
        if bad.any():
            raise ValueError(
                f"level={level!r} needs numeric values, got {flat[bad].iloc[0]!r}; "
                "use level='nominal' for categories"
            )
        if level == "ratio" and (numeric < 0).any():
            raise ValueError("level='ratio' needs non-negative values")
        codes, uniques = pd.factorize(numeric, sort=True, use_na_sentinel=True)
    codes = np.asarray(codes).reshape(arr.shape)
    values = np.asarray(uniques)
    o = _coincidences(codes, len(values))
    n_c = o.sum(axis=1)
    n = n_c.sum()
    if n < 2 or np.count_nonzero(n_c) < 2:
        if warn:
            why = ("fewer than two pairable values (no unit coded by two or more coders)"
                   if n < 2 else "all pairable values are the same, so there is no variation")
            warnings.warn(f"Krippendorff's alpha is undefined: {why}; returning NaN",
                          AgreementWarning, stacklevel=stacklevel)
        return float("nan")
    d2 = _delta2(level, values, n_c)
    observed = float((o * d2).sum())
    expected = float((np.outer(n_c, n_c) * d2).sum())
    return float(1.0 - (float(n) - 1.0) * observed / expected)


def krippendorff_alpha(
    data: npt.ArrayLike | pd.DataFrame, *, level: Level = "nominal", warn: bool = True
) -> float:
    """Krippendorff's alpha reliability coefficient.

    Parameters
    ----------
    data : array-like or DataFrame of shape (n_coders, n_units)
        Reliability data: one row per coder, one column per unit (Krippendorff's
        layout). Missing values (NaN, None, ``pd.NA``) are allowed; units with
        fewer than two values are not pairable and are ignored. Values may be
        any hashable labels for ``level="nominal"``, numbers otherwise.
    level : {"nominal", "ordinal", "interval", "ratio"}, default "nominal"
        Level of measurement, which sets the difference function.
    warn : bool, default True
        Warn (:class:`AgreementWarning`) when alpha is undefined. Tables that
        report many alphas turn it off and explain the NaN in their own notes.

    Returns
    -------
    float
        alpha; 1 is perfect agreement, 0 agreement at chance level. NaN (with an
        :class:`AgreementWarning` unless ``warn=False``) when alpha is undefined:
        fewer than two pairable values, or a single value throughout (no
        variation).

    Notes
    -----
    From the units with m_u >= 2 values, the coincidence matrix is

    .. math::  o_{ck} = \\sum_u \\frac{\\text{number of } (c, k) \\text{ pairs of values in unit } u
               \\text{ from different coders}}{m_u - 1},

    with marginals n_c = sum_k o_ck and n = sum_c n_c. Then

    .. math::  \\alpha = 1 - \\frac{D_o}{D_e}
               = 1 - (n - 1) \\frac{\\sum_{c,k} o_{ck}\\, \\delta^2_{ck}}
                                  {\\sum_{c,k} n_c n_k\\, \\delta^2_{ck}},

    with delta^2_ck = [c != k] (nominal), (c - k)^2 (interval),
    ((c - k) / (c + k))^2 (ratio) and
    (sum_{g=c}^{k} n_g - (n_c + n_k) / 2)^2 (ordinal, over the ordered values).

    References
    ----------
    Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability.
    University of Pennsylvania, Annenberg School for Communication Departmental
    Papers 43. https://repository.upenn.edu/asc_papers/43

    Hayes, A. F., & Krippendorff, K. (2007). Answering the call for a standard
    reliability measure for coding data. *Communication Methods and Measures*,
    1(1), 77-89.

    Examples
    --------
    Krippendorff's (2011) example: 4 coders, 12 units, missing values.

    >>> import numpy as np
    >>> from framing.agreement import krippendorff_alpha
    >>> nan = np.nan
    >>> data = [[1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
    ...         [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
    ...         [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
    ...         [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan]]
    >>> round(krippendorff_alpha(data), 3)
    0.743
    >>> round(krippendorff_alpha(data, level="interval"), 3)
    0.849
    >>> krippendorff_alpha([[1, 1, 1], [1, 1, 1]], warn=False)
    nan
    """
    return _alpha(data, level, warn=bool(warn))


# --------------------------------------------------------------------------- P/R/F1


def _prf(tp: np.ndarray, fp: np.ndarray, fn: np.ndarray) -> tuple[np.ndarray, ...]:
    """Precision, recall, F1 from counts (NaN where undefined)."""
    tp, fp, fn = (np.asarray(x, dtype=np.float64) for x in (tp, fp, fn))
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(tp + fp > 0, tp / (tp + fp), np.nan)
        recall = np.where(tp + fn > 0, tp / (tp + fn), np.nan)
        f1 = np.where(2 * tp + fp + fn > 0, 2 * tp / (2 * tp + fp + fn), np.nan)
    return precision, recall, f1


def _resampled_sums(unit_counts: np.ndarray, n_boot: int, seed: int) -> Iterator[np.ndarray]:
    """Column sums of ``unit_counts`` over bootstrap resamples of its rows, in chunks.

    The draws depend only on ``seed``, ``n_boot`` and the number of units, so
    statistics computed on the same units with the same seed share resamples.
    """
    rng = np.random.default_rng(seed)
    n = unit_counts.shape[0]
    chunk = max(1, _BOOT_CHUNK_CELLS // max(n, 1))
    done = 0
    while done < n_boot:
        size = min(chunk, n_boot - done)
        idx = rng.integers(0, n, size=(size, n))
        yield unit_counts[idx].sum(axis=1)
        done += size


def _percentile_ci(values: np.ndarray, ci: float) -> tuple[float, float]:
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return float("nan"), float("nan")
    lo, hi = np.percentile(finite, [50 * (1 - ci), 50 * (1 + ci)])
    return float(lo), float(hi)


def check_bootstrap(n_boot: object, ci: object, seed: object) -> None:
    """Check the bootstrap settings shared by the agreement tables.

    Parameters
    ----------
    n_boot : object
        Number of resamples: a non-negative integer (0 skips the bootstrap).
    ci : object
        Interval coverage: a number strictly between 0 and 1.
    seed : object
        An integer or None.

    Raises
    ------
    ValueError
        A setting is out of range or of the wrong type (booleans are refused:
        ``n_boot=True`` is a mistake, not one resample). The message names the
        setting and the expected value.

    Examples
    --------
    >>> from framing.agreement import check_bootstrap
    >>> check_bootstrap(1000, 0.95, 0)
    >>> check_bootstrap(1000, 95, 0)
    Traceback (most recent call last):
    ...
    ValueError: `ci` must be a number strictly between 0 and 1 (e.g. 0.95), got 95
    """
    check_int("n_boot", n_boot, 0, note="0 skips the bootstrap")
    check_level("ci", ci, note="e.g. 0.95")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, (int, np.integer))):
        raise invalid("seed", seed, "an integer or None")


def prf_from_counts(
    unit_counts: npt.ArrayLike,
    tn: int,
    *,
    n_boot: int = 1000,
    ci: float = 0.95,
    seed: int | None = 0,
) -> dict[str, float | int | str]:
    """Precision, recall and F1 with bootstrap intervals, from per-unit counts.

    The general form of :func:`precision_recall_f1`: a unit may hold several
    items (a sentence scored for every frame and voice), so it contributes
    counts rather than one outcome, and the bootstrap resamples whole units
    (items of a unit travel together).

    Parameters
    ----------
    unit_counts : array-like of int, shape (n_units, 3)
        One row per resampling unit: its true positives, false positives and
        false negatives.
    tn : int
        True negatives in total (reported, not used by P/R/F1).
    n_boot : int, default 1000
        Bootstrap resamples of the units; 0 skips the intervals (NaN).
    ci : float, default 0.95
        Coverage of the percentile intervals.
    seed : int or None, default 0
        Seed of :func:`numpy.random.default_rng`.

    Returns
    -------
    dict
        ``tp``, ``fp``, ``fn``, ``tn``, ``precision``, ``recall``, ``f1``, the
        interval bounds ``<statistic>_ci_low`` and ``<statistic>_ci_high``, and
        ``note`` (why an estimate is undefined, ``""`` if none is); estimates
        and intervals as in :func:`precision_recall_f1`.

    Raises
    ------
    ValueError
        ``unit_counts`` is not an (n, 3) table of non-negative integers, or a
        bootstrap setting is invalid (:func:`check_bootstrap`).

    Examples
    --------
    >>> from framing.agreement import prf_from_counts
    >>> row = prf_from_counts([[2, 0, 1], [1, 1, 0]], tn=4, n_boot=0)
    >>> {k: row[k] for k in ("tp", "fp", "fn", "precision", "recall", "f1")}
    {'tp': 3, 'fp': 1, 'fn': 1, 'precision': 0.75, 'recall': 0.75, 'f1': 0.75}
    """
    check_bootstrap(n_boot, ci, seed)
    unit_counts = np.asarray(unit_counts)
    if unit_counts.ndim != 2 or unit_counts.shape[1] != 3:
        raise ValueError(f"unit_counts must have shape (n_units, 3) for (tp, fp, fn), got "
                         f"{unit_counts.shape}")
    if unit_counts.size and (unit_counts.dtype.kind not in "iub" or unit_counts.min() < 0):
        raise ValueError("unit_counts must hold non-negative integer counts")
    tp, fp, fn = (int(x) for x in unit_counts.sum(axis=0))
    precision, recall, f1 = (float(x) for x in _prf(tp, fp, fn))
    row: dict[str, float | int | str] = {
        "tp": tp, "fp": fp, "fn": fn, "tn": int(tn),
        "precision": precision, "recall": recall, "f1": f1,
    }
    boot = {name: (float("nan"), float("nan")) for name in ("precision", "recall", "f1")}
    if n_boot > 0 and unit_counts.shape[0] > 0:
        sums = np.concatenate(list(_resampled_sums(unit_counts, n_boot, seed)), axis=0)
        stats = _prf(sums[:, 0], sums[:, 1], sums[:, 2])
        names = ("precision", "recall", "f1")
        boot = {name: _percentile_ci(s, ci) for name, s in zip(names, stats, strict=True)}
    for name, (lo, hi) in boot.items():
        row[f"{name}_ci_low"] = lo
        row[f"{name}_ci_high"] = hi
    notes = []
    if tp + fp == 0:
        notes.append("precision undefined: no predicted positives")
    if tp + fn == 0:
        notes.append("recall undefined: no reference positives")
    if tp + fp + fn == 0:
        notes.append("F1 undefined: no positives at all")
    row["note"] = "; ".join(notes)
    return row


def as_binary(y: object, name: str = "y") -> np.ndarray:
    """Binary labels as a boolean array, refusing anything that is not 0/1.

    Parameters
    ----------
    y : array-like, shape (n,)
        Booleans or 0/1 values (ints, floats or objects equal to them).
    name : str, default "y"
        The argument's name, for error messages.

    Returns
    -------
    numpy.ndarray of bool, shape (n,)

    Raises
    ------
    ValueError
        ``y`` is not one-dimensional, has missing values, or holds a value other
        than 0, 1, True or False (a probability or a label such as ``"yes"``
        must be thresholded or mapped by the caller, not guessed here).

    Examples
    --------
    >>> from framing.agreement import as_binary
    >>> as_binary([1, 0, True, 0.0]).tolist()
    [True, False, True, False]
    >>> as_binary([1, 2], "y_pred")
    Traceback (most recent call last):
    ...
    ValueError: y_pred must hold 0/1 or True/False, got 2
    """
    arr = np.asarray(y)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {arr.shape}")
    if arr.dtype == bool:
        return arr
    values = pd.Series(arr, dtype=object)
    if values.isna().any():
        raise ValueError(f"{name} has missing values at positions "
                         f"{np.flatnonzero(values.isna().to_numpy())[:5].tolist()}; "
                         "drop those units or code them")
    ok = values.isin([0, 1, True, False]).to_numpy()
    if not ok.all():
        bad = values[~ok].iloc[0]
        raise ValueError(f"{name} must hold 0/1 or True/False, got {bad!r}")
    return values.astype(int).to_numpy() == 1


def precision_recall_f1(
    y_true: npt.ArrayLike,
    y_pred: npt.ArrayLike,
    *,
    n_boot: int = 1000,
    ci: float = 0.95,
    seed: int | None = 0,
) -> pd.DataFrame:
    """Precision, recall and F1 of a binary prediction, with bootstrap intervals.

    Parameters
    ----------
    y_true, y_pred : array-like of bool or 0/1, shape (n_units,)
        Reference (e.g. human coding) and prediction (e.g. lexicon) per unit.
    n_boot : int, default 1000
        Bootstrap resamples of the units; 0 skips the intervals (NaN).
    ci : float, default 0.95
        Coverage of the percentile intervals.
    seed : int or None, default 0
        Seed of :func:`numpy.random.default_rng`; the same seed gives the same
        intervals.

    Returns
    -------
    pandas.DataFrame
        One row with columns

        ``n``
            number of units;
        ``tp``, ``fp``, ``fn``, ``tn``
            true positives, false positives, false negatives, true negatives;
        ``precision``, ``recall``, ``f1``
            point estimates (NaN where undefined, see Notes);
        ``precision_ci_low``, ``precision_ci_high``, ``recall_ci_low``,
        ``recall_ci_high``, ``f1_ci_low``, ``f1_ci_high``
            bootstrap percentile interval bounds;
        ``ci_level``
            ``ci``;
        ``note``
            why an estimate is undefined ("" if all are defined).

    Notes
    -----
    precision = tp / (tp + fp), recall = tp / (tp + fn),
    F1 = 2 tp / (2 tp + fp + fn) (the harmonic mean of precision and recall
    when both are defined).

    Undefined values are NaN, never 0: precision when nothing is predicted
    positive (tp + fp = 0), recall when the reference has no positives
    (tp + fn = 0), F1 when neither has (tp + fp + fn = 0). The F1 formula stays
    defined when only precision is undefined (it is then 0, because fn > 0), as
    in scikit-learn >= 1.3.

    Intervals: ``n_boot`` samples of n units drawn with replacement (row b of
    ``numpy.random.default_rng(seed).integers(0, n, size=(n_boot, n))`` indexes
    resample b, generated in blocks of rows when n is large); each
    statistic's interval is the (1 - ci)/2 and (1 + ci)/2 percentiles of its
    values over the resamples where it is defined (resamples where it is
    undefined are dropped). Resampling units treats them as independent; with
    several units per document the intervals are too narrow by the design
    effect of that clustering.

    References
    ----------
    Efron, B., & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*,
    ch. 13 (percentile intervals). Chapman & Hall.

    Examples
    --------
    >>> from framing.agreement import precision_recall_f1
    >>> y_true = [1, 1, 1, 0, 0, 0, 1, 0]
    >>> y_pred = [1, 1, 0, 1, 0, 0, 1, 0]
    >>> table = precision_recall_f1(y_true, y_pred, n_boot=200)
    >>> table[["n", "tp", "fp", "fn", "tn", "precision", "recall", "f1"]]
       n  tp  fp  fn  tn  precision  recall    f1
    0  8   3   1   1   3       0.75    0.75  0.75
    >>> precision_recall_f1([1, 0], [0, 0], n_boot=0)[["precision", "recall", "f1", "note"]]
       precision  recall   f1                                         note
    0        NaN     0.0  0.0  precision undefined: no predicted positives
    """
    check_bootstrap(n_boot, ci, seed)
    t = as_binary(y_true, "y_true")
    p = as_binary(y_pred, "y_pred")
    if t.shape != p.shape:
        raise ValueError(f"y_true and y_pred must have the same length, got {t.size} and {p.size}")
    unit_counts = np.column_stack([t & p, ~t & p, t & ~p]).astype(np.int64)
    tn = int((~t & ~p).sum())
    row = prf_from_counts(unit_counts, tn, n_boot=int(n_boot), ci=float(ci), seed=seed)
    row = {"n": int(t.size), **row}
    note = row.pop("note")
    row["ci_level"] = float(ci)
    row["note"] = note
    return pd.DataFrame([row])

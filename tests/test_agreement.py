"""Krippendorff's alpha and precision/recall/F1 with bootstrap intervals.

Alpha is checked against worked examples (by hand and Krippendorff 2011) and
against the ``krippendorff`` package; P/R/F1 against scikit-learn.
"""

from __future__ import annotations

import doctest
import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import confusion_matrix, precision_recall_fscore_support

import framing.agreement
from framing.agreement import (
    AgreementWarning,
    as_binary,
    check_bootstrap,
    krippendorff_alpha,
    precision_recall_f1,
    prf_from_counts,
)

nan = np.nan

# Krippendorff (2011), "Computing Krippendorff's alpha-reliability": 4 coders, 12 units
CANONICAL = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
    [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan],
]

# --------------------------------------------------------------------------- alpha


@pytest.mark.parametrize(
    ("level", "expected"),
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)],
)
def test_alpha_textbook_example(level, expected):
    assert krippendorff_alpha(CANONICAL, level=level) == pytest.approx(expected, abs=5e-4)


@pytest.mark.parametrize(
    ("data", "level", "expected"),
    [
        # Two coders, four units, nominal. Coincidences: o_00 = 4, o_11 = 2, o_01 = o_10 = 1;
        # n_0 = 5, n_1 = 3, n = 8; alpha = 1 - (n - 1)(o_01 + o_10) / (2 n_0 n_1) = 1 - 14/30.
        ([[1, 1, 0, 0], [1, 0, 0, 0]], "nominal", 8 / 15),
        # Interval: units (1,1), (2,2), (3,4). o_11 = o_22 = 2, o_34 = o_43 = 1;
        # n = (2, 2, 1, 1), n = 6. sum o d^2 = 2; sum_{c != k} n_c n_k (c - k)^2 = 82;
        # alpha = 1 - 5 * 2 / 82.
        ([[1, 2, 3], [1, 2, 4]], "interval", 1 - 10 / 82),
        # Missing values: unit 4 has one value (not pairable) and is ignored.
        # Unit 1 {1, 1}: o_11 += 2. Unit 2 {1, 0, 0}, m = 3: ordered pairs (1,0) x2, (0,1) x2,
        # (0,0) x2, each weighted 1/(m-1): o_10 += 1, o_01 += 1, o_00 += 1. Unit 3 {0, 0, 0}:
        # 6 ordered (0,0) pairs / 2: o_00 += 3. So o_00 = 4, o_11 = 2, o_01 = o_10 = 1;
        # n_0 = 5, n_1 = 3, n = 8; alpha = 1 - 7 * 2 / (2 * 5 * 3).
        ([[1, 1, 0, nan], [1, 0, 0, 1], [nan, 0, 0, nan]], "nominal", 1 - 14 / 30),
        # Three values, nominal: units (a,a), (a,b), (b,b), (c,c), (c,a).
        # o_aa = 2, o_bb = 2, o_cc = 2, o_ab = o_ba = 1, o_ac = o_ca = 1; n_a = 4, n_b = 3,
        # n_c = 3, n = 10. sum_{c != k} n_c n_k = 100 - (16 + 9 + 9) = 66; disagreement = 4.
        ([["a", "a", "b", "c", "c"], ["a", "b", "b", "c", "a"]], "nominal", 1 - 9 * 4 / 66),
        # Perfect agreement
        ([["a", "b", "c"], ["a", "b", "c"]], "nominal", 1.0),
    ],
)
def test_alpha_hand_worked(data, level, expected):
    assert krippendorff_alpha(data, level=level) == pytest.approx(expected, rel=1e-12)


def _random_reliability_data(seed):
    rng = np.random.default_rng(seed)
    n_coders, n_units, n_values = rng.integers(2, 6), rng.integers(3, 40), rng.integers(2, 7)
    data = rng.integers(1, n_values + 1, size=(n_coders, n_units)).astype(float)
    data[rng.random(data.shape) < 0.25] = nan
    data[:, 0], data[:, 1] = 1, 2  # two fully coded units with different values: alpha defined
    return data


@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval", "ratio"])
@pytest.mark.parametrize("seed", range(8))
def test_alpha_matches_krippendorff_package(seed, level):
    krippendorff = pytest.importorskip("krippendorff")
    data = _random_reliability_data(seed)
    expected = krippendorff.alpha(reliability_data=data, level_of_measurement=level)
    assert krippendorff_alpha(data, level=level) == pytest.approx(expected, rel=1e-10, abs=1e-12)


@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval", "ratio"])
def test_alpha_canonical_matches_krippendorff_package(level):
    krippendorff = pytest.importorskip("krippendorff")
    expected = krippendorff.alpha(reliability_data=CANONICAL, level_of_measurement=level)
    assert krippendorff_alpha(CANONICAL, level=level) == pytest.approx(expected, rel=1e-12)


def test_alpha_inputs_missing_markers_labels_and_frames():
    numeric = krippendorff_alpha(CANONICAL)
    with_none = [[None if v != v else v for v in row] for row in CANONICAL]
    with_na = [[pd.NA if v != v else v for v in row] for row in CANONICAL]
    labels = [[None if v != v else "abcde"[int(v) - 1] for v in row] for row in CANONICAL]
    frame = pd.DataFrame(CANONICAL, index=["A", "B", "C", "D"])
    for data in (with_none, with_na, labels, frame):
        assert krippendorff_alpha(data) == pytest.approx(numeric, rel=1e-12)


@pytest.mark.parametrize(
    ("data", "match"),
    [
        ([[1, 1, 1], [1, 1, 1]], "no variation"),
        ([[1, nan, nan], [nan, 2, nan]], "fewer than two pairable values"),
    ],
)
def test_alpha_undefined_is_nan_with_warning(data, match):
    with pytest.warns(AgreementWarning, match=match):
        assert np.isnan(krippendorff_alpha(data))


@pytest.mark.parametrize(
    "data", [[[1, 1, 1], [1, 1, 1]], [[1, nan, nan], [nan, 2, nan]]])
def test_alpha_undefined_without_warning_when_asked(data):
    # tables of many alphas (framing.validation) explain the NaN in their notes instead
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert np.isnan(krippendorff_alpha(data, warn=False))


@pytest.mark.parametrize(
    ("data", "kwargs", "match"),
    [
        ([1, 2, 3], {}, "2-dimensional"),
        ([[1, 2], [1, 2]], {"level": "cardinal"}, "level"),
        ([["a", "b"], ["a", "c"]], {"level": "interval"}, "numeric values"),
        ([[-1, 2], [1, 2]], {"level": "ratio"}, "non-negative"),
    ],
)
def test_alpha_errors(data, kwargs, match):
    with pytest.raises(ValueError, match=match):
        krippendorff_alpha(data, **kwargs)


# --------------------------------------------------------------------------- P/R/F1

CASES = [
    ([1, 1, 1, 0, 0, 0, 1, 0], [1, 1, 0, 1, 0, 0, 1, 0]),
    ([1, 0, 1, 0, 1], [0, 0, 0, 0, 0]),  # no predicted positives: precision undefined
    ([0, 0, 0, 0], [0, 1, 1, 0]),  # no reference positives: recall undefined
    ([0, 0, 0], [0, 0, 0]),  # nothing positive: all undefined
    ([True, False, True], [True, False, True]),
]


@pytest.mark.parametrize(("y_true", "y_pred"), CASES)
def test_prf_matches_sklearn(y_true, y_pred):
    table = precision_recall_f1(y_true, y_pred, n_boot=0)
    assert len(table) == 1
    row = table.iloc[0]
    tn, fp, fn, tp = confusion_matrix(y_true, y_pred, labels=[0, 1]).ravel()
    assert (row["tp"], row["fp"], row["fn"], row["tn"], row["n"]) == (tp, fp, fn, tn, len(y_true))
    p, r, f, _ = precision_recall_fscore_support(
        y_true, y_pred, average="binary", zero_division=np.nan
    )
    for got, expected in ((row["precision"], p), (row["recall"], r), (row["f1"], f)):
        assert (np.isnan(got) and np.isnan(expected)) or got == pytest.approx(expected)


def test_prf_notes_say_why():
    notes = [precision_recall_f1(t, p, n_boot=0)["note"].iloc[0] for t, p in CASES]
    assert notes[0] == ""
    assert notes[1] == "precision undefined: no predicted positives"
    assert notes[2] == "recall undefined: no reference positives"
    assert "F1 undefined" in notes[3]


def test_prf_columns():
    table = precision_recall_f1([1, 0, 1], [1, 1, 0], n_boot=10)
    assert table.columns.tolist() == [
        "n", "tp", "fp", "fn", "tn", "precision", "recall", "f1",
        "precision_ci_low", "precision_ci_high", "recall_ci_low", "recall_ci_high",
        "f1_ci_low", "f1_ci_high", "ci_level", "note",
    ]


def _sklearn_bootstrap(y_true, y_pred, n_boot, ci, seed):
    """Independent percentile bootstrap: resample units, score with scikit-learn."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    n = len(y_true)
    idx = np.random.default_rng(seed).integers(0, n, size=(n_boot, n))
    values = {"precision": [], "recall": [], "f1": []}
    for rows in idx:
        p, r, f, _ = precision_recall_fscore_support(
            y_true[rows], y_pred[rows], average="binary", zero_division=np.nan, labels=[0, 1]
        )
        values["precision"].append(p)
        values["recall"].append(r)
        values["f1"].append(f)
    out = {}
    for name, vals in values.items():
        vals = np.asarray(vals, dtype=float)
        vals = vals[~np.isnan(vals)]
        out[name] = np.percentile(vals, [50 * (1 - ci), 50 * (1 + ci)])
    return out


@pytest.mark.parametrize("seed", [0, 7])
@pytest.mark.parametrize("ci", [0.95, 0.8])
def test_bootstrap_matches_independent_resampling(seed, ci):
    rng = np.random.default_rng(123)
    y_true = rng.integers(0, 2, 40)
    y_pred = np.where(rng.random(40) < 0.8, y_true, 1 - y_true)
    table = precision_recall_f1(y_true, y_pred, n_boot=300, ci=ci, seed=seed).iloc[0]
    expected = _sklearn_bootstrap(y_true, y_pred, 300, ci, seed)
    for name, (lo, hi) in expected.items():
        assert table[f"{name}_ci_low"] == pytest.approx(lo)
        assert table[f"{name}_ci_high"] == pytest.approx(hi)
        assert lo <= table[name] <= hi


def test_bootstrap_is_seeded_and_degenerate_when_perfect():
    y_true = [1, 0, 1, 1, 0, 0, 1, 0, 1, 0]
    y_pred = [1, 0, 0, 1, 1, 0, 1, 0, 1, 0]
    a = precision_recall_f1(y_true, y_pred, seed=1)
    b = precision_recall_f1(y_true, y_pred, seed=1)
    c = precision_recall_f1(y_true, y_pred, seed=2)
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(c)
    perfect = precision_recall_f1(y_true, y_true, n_boot=200).iloc[0]
    bounds = ["f1_ci_low", "f1_ci_high", "precision_ci_low", "recall_ci_high"]
    assert perfect[bounds].tolist() == [1, 1, 1, 1]
    none = precision_recall_f1(y_true, y_pred, n_boot=0).iloc[0]
    assert np.isnan(none["f1_ci_low"]) and np.isnan(none["f1_ci_high"])


@pytest.mark.parametrize(
    ("y_true", "y_pred", "kwargs", "match"),
    [
        ([1, 0], [1, 0, 1], {}, "same length"),
        ([1, 2], [1, 0], {}, "0/1 or True/False"),
        ([1, nan], [1, 0], {}, "missing values"),
        ([[1, 0]], [[1, 0]], {}, "one-dimensional"),
        ([1, 0], [1, 0], {"n_boot": -1}, "n_boot"),
        ([1, 0], [1, 0], {"ci": 95}, "`ci` must be"),
        ([1, 0], [1, 0], {"seed": 1.5}, "seed"),
    ],
)
def test_prf_errors(y_true, y_pred, kwargs, match):
    with pytest.raises(ValueError, match=match):
        precision_recall_f1(y_true, y_pred, **kwargs)


# --------------------------------------------------------------------------- P/R/F1 from counts

COUNT_CASES = [
    # (per-unit tp, fp, fn), tn, expected (tp, fp, fn, precision, recall, f1, note)
    ([[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, 0]], 1,
     (1, 1, 1, 0.5, 0.5, 0.5, "")),
    # units holding several items (one per frame and voice): counts add up
    ([[2, 0, 1], [1, 1, 0]], 4, (3, 1, 1, 0.75, 0.75, 0.75, "")),
    ([[0, 0, 2], [0, 0, 1]], 0,
     (0, 0, 3, nan, 0.0, 0.0, "precision undefined: no predicted positives")),
    ([[0, 0, 0]], 3,
     (0, 0, 0, nan, nan, nan, "precision undefined: no predicted positives; recall undefined: "
      "no reference positives; F1 undefined: no positives at all")),
]


@pytest.mark.parametrize(("unit_counts", "tn", "expected"), COUNT_CASES)
def test_prf_from_counts_by_hand(unit_counts, tn, expected):
    row = prf_from_counts(unit_counts, tn, n_boot=0)
    got = tuple(row[k] for k in ("tp", "fp", "fn", "precision", "recall", "f1", "note"))
    assert got[:3] == expected[:3] and row["tn"] == tn and got[6] == expected[6]
    np.testing.assert_allclose(got[3:6], expected[3:6])


def test_prf_from_counts_resamples_whole_units():
    # two units with several items each: a resample draws units, so every resample's
    # counts are sums of whole rows, never of single items
    unit_counts = np.array([[2, 0, 1], [1, 1, 0]])
    seed, n_boot, ci = 3, 400, 0.9
    row = prf_from_counts(unit_counts, 4, n_boot=n_boot, ci=ci, seed=seed)
    idx = np.random.default_rng(seed).integers(0, 2, size=(n_boot, 2))
    sums = unit_counts[idx].sum(axis=1)
    f1 = 2 * sums[:, 0] / (2 * sums[:, 0] + sums[:, 1] + sums[:, 2])
    lo, hi = np.percentile(f1, [5, 95])
    assert (row["f1_ci_low"], row["f1_ci_high"]) == pytest.approx((lo, hi))


@pytest.mark.parametrize(
    ("unit_counts", "kwargs", "match"),
    [
        ([1, 0, 0], {}, "shape \\(n_units, 3\\)"),
        ([[1, 0]], {}, "shape \\(n_units, 3\\)"),
        ([[1, -1, 0]], {}, "non-negative integer"),
        ([[0.5, 0, 0]], {}, "non-negative integer"),
        ([[1, 0, 0]], {"n_boot": True}, "n_boot"),
        ([[1, 0, 0]], {"ci": 1.0}, "`ci` must be"),
    ],
)
def test_prf_from_counts_errors(unit_counts, kwargs, match):
    with pytest.raises(ValueError, match=match):
        prf_from_counts(unit_counts, 0, **kwargs)


@pytest.mark.parametrize(
    ("n_boot", "ci", "seed", "match"),
    [
        (1000, 0.95, 0, None),
        (0, 0.5, None, None),
        (np.int64(10), np.float64(0.9), np.int32(2), None),
        (-1, 0.95, 0, r"`n_boot` must be an integer >= 0 \(0 skips the bootstrap\)"),
        (True, 0.95, 0, r"`n_boot` must be an integer >= 0 \(0 skips the bootstrap\)"),
        (10.0, 0.95, 0, r"`n_boot` must be an integer >= 0 \(0 skips the bootstrap\)"),
        (10, 0, 0, r"`ci` must be a number strictly between 0 and 1 \(e.g. 0.95\)"),
        (10, True, 0, r"`ci` must be a number strictly between 0 and 1 \(e.g. 0.95\)"),
        (10, "0.95", 0, r"`ci` must be a number strictly between 0 and 1 \(e.g. 0.95\)"),
        (10, 0.95, False, "`seed` must be an integer or None"),
        (10, 0.95, 1.5, "`seed` must be an integer or None"),
    ],
)
def test_check_bootstrap(n_boot, ci, seed, match):
    if match is None:
        assert check_bootstrap(n_boot, ci, seed) is None
    else:
        with pytest.raises(ValueError, match=match):
            check_bootstrap(n_boot, ci, seed)


@pytest.mark.parametrize(
    ("y", "expected"),
    [
        ([1, 0, 1], [True, False, True]),
        ([True, False], [True, False]),
        ([1.0, 0.0], [True, False]),
        (np.array([0, 1], dtype=object), [False, True]),
        (pd.Series([1, 0]), [True, False]),
        ([], []),
        ([0.5, 1], "0/1 or True/False, got 0.5"),
        (["yes", "no"], "0/1 or True/False, got 'yes'"),
        ([1, None], "missing values at positions \\[1\\]"),
        ([[1, 0]], "one-dimensional"),
    ],
)
def test_as_binary(y, expected):
    if isinstance(expected, str):
        with pytest.raises(ValueError, match=expected):
            as_binary(y)
    else:
        out = as_binary(y)
        assert out.dtype == bool and out.tolist() == expected


def test_module_doctests():
    result = doctest.testmod(framing.agreement, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0 and result.attempted >= 10

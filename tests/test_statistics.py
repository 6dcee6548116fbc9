"""Tests for framing.statistics.

Reference values come from hand computation, plain-Python re-implementations
(loops over replicates, exhaustive enumeration of permutations) and scipy
(``scipy.stats.bootstrap``, ``scipy.stats.permutation_test``,
``scipy.stats.false_discovery_control``).
"""

from __future__ import annotations

import doctest
import itertools
import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import framing.statistics
from framing.scoring import FramingDataError, FramingDataWarning, score_table
from framing.statistics import (
    _keyed_rng,
    add_intervals,
    bootstrap_scores,
    compare_groups,
    p_adjust,
)

FRAMES = ["coup", "protest", "geo"]
VOICES = ["authorial", "attributed"]


# --------------------------------------------------------------------------- data


def make_corpus(extra_outlet: bool = True) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Outlet A: 12 documents; B: 3 documents of 2, 3 and 4 sentences; C: 1 document."""
    rng = np.random.default_rng(42)
    docs = [("A", f"a{i:02d}", int(rng.integers(2, 5))) for i in range(12)]
    docs += [("B", f"b{i}", n) for i, n in enumerate((2, 3, 4))]
    if extra_outlet:
        docs += [("C", "c0", 2)]
    units, matches = [], []
    for outlet, doc, n in docs:
        for s in range(n):
            boilerplate = outlet == "A" and s == n - 1 and doc in ("a03", "a07")
            units.append((doc, s, boilerplate, int(rng.integers(5, 30)), outlet))
            for _ in range(int(rng.poisson(0.9))):
                frame = FRAMES[int(rng.choice(3, p=[0.5, 0.35, 0.15]))]
                voice = VOICES[int(rng.random() < 0.25)]
                matches.append((doc, s, frame, voice))
    units = pd.DataFrame(units, columns=["doc_id", "sentence_id", "boilerplate", "n_tokens",
                                         "outlet"])
    matches = pd.DataFrame(matches, columns=["doc_id", "sentence_id", "frame", "voice"])
    return units, matches


def sentence_counts(units, matches, frame, voice):
    """Independent per-sentence arrays (non-boilerplate, sorted by doc and sentence)."""
    kept = units[~units["boilerplate"]].sort_values(["doc_id", "sentence_id"])
    m = matches[matches["frame"] == frame]
    if voice != "all":
        m = m[m["voice"] == voice]
    per = m.groupby(["doc_id", "sentence_id"]).size()
    counts = np.array([float(per.get(key, 0)) for key in zip(kept["doc_id"],
                                                             kept["sentence_id"], strict=True)])
    return kept.reset_index(drop=True), counts, kept["n_tokens"].to_numpy(dtype=float)


def tiny_two_groups(docs_a: dict, docs_b: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Build tables from {doc: [(n_tokens, {(frame, voice): count}), ...]} per outlet."""
    units, matches = [], []
    for outlet, docs in (("A", docs_a), ("B", docs_b)):
        for doc, sentences in docs.items():
            for s, (tokens, cells) in enumerate(sentences):
                units.append((doc, s, False, tokens, outlet))
                for (frame, voice), k in cells.items():
                    matches += [(doc, s, frame, voice)] * k
    return (
        pd.DataFrame(units, columns=["doc_id", "sentence_id", "boilerplate", "n_tokens",
                                     "outlet"]),
        pd.DataFrame(matches, columns=["doc_id", "sentence_id", "frame", "voice"]),
    )


CA, PA, CT = ("coup", "authorial"), ("protest", "authorial"), ("coup", "attributed")


# --------------------------------------------------------------------------- p_adjust


@pytest.mark.parametrize(
    ("pvalues", "method", "expected"),
    [
        # sorted 0.005, 0.01, 0.03, 0.04 -> 4(.005)=.02, 3(.01)=.03, 2(.03)=.06, 1(.04)=.04
        # -> running max .02 .03 .06 .06
        ([0.01, 0.04, 0.03, 0.005], "holm", [0.03, 0.06, 0.06, 0.02]),
        # 4/1(.005)=.02, 4/2(.01)=.02, 4/3(.03)=.04, 4/4(.04)=.04 -> running min from the top
        ([0.01, 0.04, 0.03, 0.005], "fdr_bh", [0.02, 0.04, 0.04, 0.02]),
        ([0.01, 0.04, 0.03, 0.005], "bonferroni", [0.04, 0.16, 0.12, 0.02]),
        # ties and the cap at 1: sorted .01, .5, .5 -> .03, 1.0, .5 -> max .03 1 1
        ([0.5, 0.5, 0.01], "holm", [1.0, 1.0, 0.03]),
        # 3/1(.02)=.06, 3/2(.02)=.03, 3/3(.5)=.5 -> min from the top .03 .03 .5
        ([0.02, 0.02, 0.5], "fdr_bh", [0.03, 0.03, 0.5]),
        # NaN is not a test: m = 2
        ([0.01, np.nan, 0.04], "holm", [0.02, np.nan, 0.04]),
        ([0.01, np.nan, 0.04], "fdr_bh", [0.02, np.nan, 0.04]),
        ([0.3], "bonferroni", [0.3]),
        ([], "holm", []),
    ],
)
def test_p_adjust_hand_computed(pvalues, method, expected):
    np.testing.assert_allclose(p_adjust(pvalues, method), expected, rtol=1e-12)


def test_p_adjust_bh_matches_scipy():
    rng = np.random.default_rng(5)
    p = np.concatenate([rng.random(40) ** 3, [0.2, 0.2, 0.0, 1.0]])
    np.testing.assert_allclose(p_adjust(p, "fdr_bh"), stats.false_discovery_control(p),
                               rtol=1e-12)


def test_p_adjust_holm_matches_sequentially_rejective_procedure():
    """Holm (1979) as a procedure: reject p_(1), p_(2), ... while p_(j) <= alpha/(m - j + 1)."""
    rng = np.random.default_rng(6)
    p = rng.random(25) ** 4
    adjusted = p_adjust(p, "holm")
    for alpha in (0.001, 0.01, 0.05, 0.1, 0.3):
        rejected = set()
        for j, i in enumerate(np.argsort(p)):
            if p[i] > alpha / (len(p) - j):
                break
            rejected.add(int(i))
        assert set(np.flatnonzero(adjusted <= alpha).tolist()) == rejected


def test_p_adjust_keeps_series_index():
    p = pd.Series([0.01, 0.04], index=["x", "y"], name="p")
    out = p_adjust(p, "bonferroni")
    assert isinstance(out, pd.Series) and out.index.tolist() == ["x", "y"]
    assert out.tolist() == pytest.approx([0.02, 0.08])


@pytest.mark.parametrize(
    ("pvalues", "method", "message"),
    [
        ([0.1], "bh", r"`method` must be one of \['holm', 'fdr_bh', 'bonferroni'\]"),
        ([0.1, 1.2], "holm", r"\[0, 1\]"),
        ([[0.1, 0.2]], "holm", r"1-D"),
    ],
)
def test_p_adjust_bad_input(pvalues, method, message):
    with pytest.raises(ValueError, match=message):
        p_adjust(pvalues, method)


# --------------------------------------------------------------------------- bootstrap


@pytest.fixture(scope="module")
def corpus():
    return make_corpus()


@pytest.fixture(scope="module")
def boot(corpus):
    units, matches = corpus
    return bootstrap_scores(units, matches, frames=FRAMES, n_boot=300, ci=0.9, seed=7)


def test_bootstrap_estimates_equal_score_table(corpus, boot):
    units, matches = corpus
    scores = score_table(units, matches, frames=FRAMES)
    for measure in ("per_1k", "share"):
        est = boot[boot["measure"] == measure]["estimate"].to_numpy()
        np.testing.assert_allclose(est, scores[measure].to_numpy(), rtol=1e-12)
    assert boot[boot["measure"] == "per_1k"][["outlet", "frame", "voice"]].reset_index(
        drop=True).equals(scores[["outlet", "frame", "voice"]])


def test_bootstrap_columns_and_attrs(boot):
    assert boot.columns.tolist() == ["outlet", "frame", "voice", "measure", "estimate",
                                     "ci_low", "ci_high", "n_resampled", "resample_unit",
                                     "n_boot_valid"]
    assert len(boot) == 3 * 3 * 3 * 2
    assert boot.attrs["seed"] == 7 and boot.attrs["n_boot"] == 300
    assert boot.attrs["ci"] == 0.9 and boot.attrs["method"] == "percentile"


def test_bootstrap_resampling_unit_follows_min_docs(corpus, boot):
    units, _ = corpus
    kept = units[~units["boilerplate"]]
    first = boot.groupby("outlet")[["resample_unit", "n_resampled"]].first()
    assert first.loc["A"].tolist() == ["document", 12]  # 12 >= min_docs = 10
    assert first.loc["B"].tolist() == ["sentence", 9]  # 3 docs: 9 sentences
    assert first.loc["C"].tolist() == ["sentence", int((kept["outlet"] == "C").sum())]
    units, matches = corpus
    low = bootstrap_scores(units, matches, frames=FRAMES, n_boot=20, min_docs=3)
    first = low.groupby("outlet")[["resample_unit", "n_resampled"]].first()
    assert first.loc["B"].tolist() == ["document", 3]
    assert first.loc["C"].tolist() == ["sentence", 2]


def test_bootstrap_is_reproducible_and_seed_dependent(corpus, boot):
    units, matches = corpus
    again = bootstrap_scores(units, matches, frames=FRAMES, n_boot=300, ci=0.9, seed=7)
    pd.testing.assert_frame_equal(boot, again)
    other = bootstrap_scores(units, matches, frames=FRAMES, n_boot=300, ci=0.9, seed=8)
    assert not np.allclose(boot["ci_low"], other["ci_low"], equal_nan=True)
    np.testing.assert_array_equal(boot["estimate"], other["estimate"])


def test_bootstrap_does_not_depend_on_row_order_or_other_groups(corpus, boot):
    units, matches = corpus
    shuffled = bootstrap_scores(units.sample(frac=1, random_state=1),
                                matches.sample(frac=1, random_state=2),
                                frames=FRAMES, n_boot=300, ci=0.9, seed=7)
    pd.testing.assert_frame_equal(boot, shuffled)
    units_ab, matches_ab = make_corpus(extra_outlet=False)
    without_c = bootstrap_scores(units_ab, matches_ab, frames=FRAMES, n_boot=300, ci=0.9,
                                 seed=7)
    pd.testing.assert_frame_equal(boot[boot["outlet"] != "C"].reset_index(drop=True),
                                  without_c)


def test_bootstrap_interval_contains_estimate(boot):
    defined = boot.dropna(subset=["ci_low"])
    assert len(defined) > 30
    assert (defined["ci_low"] <= defined["estimate"]).all()
    assert (defined["estimate"] <= defined["ci_high"]).all()
    # undefined estimates (no match in a voice) have undefined intervals
    assert boot.loc[boot["estimate"].isna(), "ci_low"].isna().all()
    # a frame with matches has a non-degenerate interval in the document bootstrap
    row = boot.query("outlet == 'A' and frame == 'coup' and voice == 'all' "
                     "and measure == 'per_1k'")
    assert row["ci_low"].item() < row["estimate"].item() < row["ci_high"].item()


def _doc_arrays(units, matches, outlet, frame, voice):
    kept, counts, tokens = sentence_counts(units, matches, frame, voice)
    mask = (kept["outlet"] == outlet).to_numpy()
    frame_ = pd.DataFrame({"doc": kept["doc_id"][mask], "c": counts[mask], "t": tokens[mask]})
    docs = frame_.groupby("doc", sort=True)[["c", "t"]].sum()
    return docs["c"].to_numpy(), docs["t"].to_numpy()


@pytest.mark.parametrize("method", ["percentile", "basic", "bca"])
@pytest.mark.parametrize("cell", [CA, ("protest", "all")])
def test_document_bootstrap_equals_scipy_bootstrap(corpus, method, cell):
    """Group A resamples its 12 documents: scipy.stats.bootstrap on the document indices,
    with the same random stream, must give the same interval."""
    units, matches = corpus
    out = bootstrap_scores(units, matches, frames=FRAMES, n_boot=400, ci=0.9, seed=3,
                           method=method)
    c, t = _doc_arrays(units, matches, "A", *cell)

    def rate(i, axis=-1):
        return c[i].sum(axis=axis) / t[i].sum(axis=axis) * 1000.0

    ref = stats.bootstrap((np.arange(len(c)),), rate, vectorized=True, n_resamples=400,
                          confidence_level=0.9, method=method, rng=_keyed_rng(3, "A"))
    row = out.query(f"outlet == 'A' and frame == '{cell[0]}' and voice == '{cell[1]}' "
                    "and measure == 'per_1k'")
    assert row["resample_unit"].item() == "document"
    np.testing.assert_allclose(
        [row["ci_low"].item(), row["ci_high"].item()],
        [ref.confidence_interval.low, ref.confidence_interval.high], rtol=1e-10)


@pytest.mark.parametrize("method", ["percentile", "bca"])
def test_stratified_sentence_bootstrap_equals_scipy_multisample_bootstrap(corpus, method):
    """Group B (3 documents) resamples sentences within each document: scipy.stats.bootstrap
    with one sample per document (resampled independently) is the same design."""
    units, matches = corpus
    out = bootstrap_scores(units, matches, frames=FRAMES, n_boot=400, ci=0.95, seed=4,
                           method=method)
    kept, c, t = sentence_counts(units, matches, "coup", "all")
    samples = tuple(np.flatnonzero((kept["doc_id"] == d).to_numpy()) for d in ("b0", "b1", "b2"))

    def rate(*idx, axis=-1):
        return (sum(c[i].sum(axis=axis) for i in idx)
                / sum(t[i].sum(axis=axis) for i in idx) * 1000.0)

    ref = stats.bootstrap(samples, rate, vectorized=True, n_resamples=400,
                          confidence_level=0.95, method=method, rng=_keyed_rng(4, "B"))
    row = out.query("outlet == 'B' and frame == 'coup' and voice == 'all' "
                    "and measure == 'per_1k'")
    assert row["resample_unit"].item() == "sentence"
    np.testing.assert_allclose(
        [row["ci_low"].item(), row["ci_high"].item()],
        [ref.confidence_interval.low, ref.confidence_interval.high], rtol=1e-10)


def test_share_intervals_equal_plain_loop_bootstrap(corpus):
    """Shares of group B from a replicate-by-replicate Python loop over the same draws."""
    units, matches = corpus
    n_boot = 200
    out = bootstrap_scores(units, matches, frames=FRAMES, n_boot=n_boot, ci=0.8, seed=9)
    b_units = units[units["outlet"] == "B"].sort_values(["doc_id", "sentence_id"])
    sentences = {d: list(g["sentence_id"]) for d, g in b_units.groupby("doc_id", sort=True)}
    cell_counts = {}
    for row in matches.itertuples():
        key = (row.doc_id, row.sentence_id)
        cell_counts.setdefault(key, []).append((row.frame, row.voice))
    rng = _keyed_rng(9, "B")
    draws = {d: rng.integers(0, len(s), size=(n_boot, len(s))) for d, s in sentences.items()}
    for voice in ("authorial", "attributed", "all"):
        replicates = {f: [] for f in FRAMES}
        for b in range(n_boot):
            tally = dict.fromkeys(FRAMES, 0)
            for d, sids in sentences.items():
                for j in draws[d][b]:
                    for frame, v in cell_counts.get((d, sids[j]), []):
                        if voice in ("all", v):
                            tally[frame] += 1
            total = sum(tally.values())
            if total:
                for f in FRAMES:
                    replicates[f].append(tally[f] / total)
        for f in FRAMES:
            row = out.query(f"outlet == 'B' and frame == '{f}' and voice == '{voice}' "
                            "and measure == 'share'")
            assert row["n_boot_valid"].item() == len(replicates[f])
            if replicates[f]:
                expected = np.percentile(replicates[f], [10, 90])
                np.testing.assert_allclose([row["ci_low"].item(), row["ci_high"].item()],
                                           expected, rtol=1e-12)
    # some replicates hold no attributed match: the interval uses the others
    att = out.query("outlet == 'B' and voice == 'attributed' and measure == 'share'")
    assert (att["n_boot_valid"] < n_boot).any() and (att["n_boot_valid"] > 0).all()


def test_bootstrap_by_document_uses_sentences(corpus):
    units, matches = corpus
    out = bootstrap_scores(units, matches, by="doc", frames=FRAMES, n_boot=20)
    assert out.columns[0] == "doc"
    assert set(out["resample_unit"]) == {"sentence"}
    assert out["doc"].nunique() == units["doc_id"].nunique()


def test_bootstrap_zero_token_group_warns(corpus):
    units, matches = corpus
    units = pd.concat([units, pd.DataFrame({"doc_id": ["z1"], "sentence_id": [0],
                                            "boilerplate": [True], "n_tokens": [5],
                                            "outlet": ["Z"]})], ignore_index=True)
    with pytest.warns(FramingDataWarning, match="'Z'"):
        out = bootstrap_scores(units, matches, frames=FRAMES, n_boot=10)
    z = out[out["outlet"] == "Z"]
    assert z[["estimate", "ci_low", "ci_high"]].isna().all().all()
    assert (z["n_resampled"] == 0).all()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n_boot": 0}, r"`n_boot` must be an integer >= 1"),
        ({"ci": 95}, r"`ci` must be a number strictly between 0 and 1"),
        ({"method": "bc"}, r"`method` must be one of \['percentile', 'basic', 'bca'\]"),
        ({"seed": -1}, r"`seed` must be an integer >= 0"),
        ({"min_docs": 0}, r"`min_docs` must be an integer >= 1"),
    ],
)
def test_bootstrap_bad_options(corpus, kwargs, message):
    units, matches = corpus
    with pytest.raises(ValueError, match=message):
        bootstrap_scores(units, matches, frames=FRAMES, **kwargs)


def test_bootstrap_seed_none_records_entropy(corpus):
    units, matches = corpus
    first = bootstrap_scores(units, matches, frames=FRAMES, n_boot=30, seed=None)
    again = bootstrap_scores(units, matches, frames=FRAMES, n_boot=30,
                             seed=first.attrs["seed"])
    pd.testing.assert_frame_equal(first, again)


# --------------------------------------------------------------------------- add_intervals


def test_add_intervals(corpus, boot):
    units, matches = corpus
    scores = score_table(units, matches, frames=FRAMES)
    merged = add_intervals(scores, boot)
    assert merged.columns.tolist() == [*scores.columns, "per_1k_ci_low", "per_1k_ci_high",
                                       "share_ci_low", "share_ci_high", "n_resampled",
                                       "resample_unit"]
    pd.testing.assert_frame_equal(merged[scores.columns], scores)
    for measure in ("per_1k", "share"):
        long = boot[boot["measure"] == measure].reset_index(drop=True)
        np.testing.assert_array_equal(merged[f"{measure}_ci_low"], long["ci_low"])
        np.testing.assert_array_equal(merged[f"{measure}_ci_high"], long["ci_high"])
    assert merged.attrs["ci"] == 0.9 and merged.attrs["excluded_boilerplate_matches"] >= 1


def test_add_intervals_rejects_intervals_from_other_options(corpus):
    units, matches = corpus
    matches = matches.assign(weight=np.linspace(0.5, 2.0, len(matches)))
    scores = score_table(units, matches, frames=FRAMES)
    weighted = bootstrap_scores(units, matches, frames=FRAMES, n_boot=10, weighted=True)
    with pytest.raises(FramingDataError, match="estimates of per_1k differ"):
        add_intervals(scores, weighted)
    with pytest.raises(FramingDataError, match="same groups, frames and voices"):
        add_intervals(scores, weighted[weighted["outlet"] != "C"])
    with pytest.raises(FramingDataError, match=r"missing column\(s\) \['ci_low'\]"):
        add_intervals(scores, weighted.drop(columns="ci_low"))


# --------------------------------------------------------------------------- compare_groups


def test_compare_groups_values_and_rate_ratio_interval_by_hand():
    # A: one doc, 3 sentences of 10 tokens with 1, 2, 3 coup matches -> 6 / 30 -> 200 per 1k
    # B: one doc, 4 sentences of 10 tokens with 1, 1, 2, 0 -> 4 / 40 -> 100 per 1k; RR = 2.
    # With equal tokens V = s^2 / (n cbar^2): A: 1 / (3 * 4) = 1/12, B: (2/3) / (4 * 1) = 1/6,
    # so s = sqrt(1/12 + 1/6) = 0.5 and the 95% CI is 2 exp(+-1.959964 * 0.5).
    units, matches = tiny_two_groups(
        {"a1": [(10, {CA: 1}), (10, {CA: 2}), (10, {CA: 3})]},
        {"b1": [(10, {CA: 1}), (10, {CA: 1}), (10, {CA: 2}), (10, {})]},
    )
    res = compare_groups(units, matches, frames=["coup"], comparisons="pairwise", n_perm=200)
    row = res.query("voice == 'authorial'").iloc[0]
    assert (row["group_a"], row["group_b"]) == ("A", "B")
    assert row["value_a"] == pytest.approx(200.0) and row["value_b"] == pytest.approx(100.0)
    assert row["difference"] == pytest.approx(100.0)
    assert row["rate_ratio"] == pytest.approx(2.0)
    half_width = 1.959963984540054 * 0.5
    assert row["rate_ratio_ci_low"] == pytest.approx(2 * math.exp(-half_width))
    assert row["rate_ratio_ci_high"] == pytest.approx(2 * math.exp(half_width))
    assert row["rate_ratio_ci_low"] == pytest.approx(0.750636, abs=1e-6)
    assert row["rate_ratio_ci_high"] == pytest.approx(5.328817, abs=1e-6)
    assert (row["permutation_unit"], row["n_a"], row["n_b"]) == ("sentence", 3, 4)
    # no attributed match anywhere: equal rates, p = 1, ratio undefined
    att = res.query("voice == 'attributed'").iloc[0]
    assert att["difference"] == 0 and att["p_value"] == 1.0 and np.isnan(att["rate_ratio"])


def test_rate_ratio_interval_with_unequal_tokens_matches_formula():
    """V = n/(n-1) sum_i (c_i/C - t_i/T)^2, evaluated term by term in Python."""
    docs_a = {f"a{i}": [(t, {CA: c})] for i, (t, c) in enumerate([(10, 1), (20, 4), (5, 0)])}
    docs_b = {f"b{i}": [(t, {CA: c})] for i, (t, c) in enumerate([(8, 1), (12, 1), (30, 2),
                                                                  (10, 3)])}
    units, matches = tiny_two_groups(docs_a, docs_b)

    def variance(pairs):
        n, big_c, big_t = len(pairs), sum(c for _, c in pairs), sum(t for t, _ in pairs)
        return n / (n - 1) * sum((c / big_c - t / big_t) ** 2 for t, c in pairs)

    pairs_a = [(10, 1), (20, 4), (5, 0)]
    pairs_b = [(8, 1), (12, 1), (30, 2), (10, 3)]
    rr = (5 / 35) / (7 / 60)
    se = math.sqrt(variance(pairs_a) + variance(pairs_b))
    z = stats.norm.ppf(0.95)
    for min_docs, unit in ((10, "sentence"), (3, "document")):  # one sentence per document
        res = compare_groups(units, matches, frames=["coup"], comparisons="pairwise",
                             n_perm=50, ci=0.9, min_docs=min_docs)
        row = res.query("voice == 'all'").iloc[0]
        assert row["permutation_unit"] == unit
        assert row["rate_ratio"] == pytest.approx(rr)
        assert row["rate_ratio_ci_low"] == pytest.approx(rr * math.exp(-z * se))
        assert row["rate_ratio_ci_high"] == pytest.approx(rr * math.exp(z * se))


def test_cohen_h_by_hand():
    # A: coup 3 of 4 authorial matches, B: coup 1 of 4 -> h = 2 asin(sqrt(.75)) - 2 asin(.5)
    # = 2 pi/3 - pi/3 = pi/3. Var(p) per side: residuals (c_i - p m_i)/M = +-0.125, so
    # 2 * (2 * 0.125^2) = 0.0625; W = 0.0625 / (p (1 - p)) = 1/3; se = sqrt(2/3).
    units, matches = tiny_two_groups(
        {"a1": [(10, {CA: 2}), (10, {CA: 1, PA: 1})]},
        {"b1": [(10, {PA: 2}), (10, {CA: 1, PA: 1})]},
    )
    res = compare_groups(units, matches, frames=["coup", "protest"], measure="share",
                         comparisons="pairwise", n_perm=100)
    row = res.query("frame == 'coup' and voice == 'authorial'").iloc[0]
    assert (row["value_a"], row["value_b"]) == (0.75, 0.25)
    assert row["cohen_h"] == pytest.approx(math.pi / 3)
    se = math.sqrt(2 / 3)
    assert row["cohen_h_ci_low"] == pytest.approx(math.pi / 3 - 1.959963984540054 * se)
    assert row["cohen_h_ci_high"] == pytest.approx(math.pi / 3 + 1.959963984540054 * se)
    assert "rate_ratio" not in res.columns
    # no attributed matches: shares undefined, so is the test
    att = res.query("voice == 'attributed'")
    assert att["p_value"].isna().all() and (att["n_perm"] == 0).all()


def _exact_p(labels_units, n_a, statistic):
    """Exact permutation p-value: all C(n, n_a) relabellings (statistic None = undefined)."""
    idx = range(len(labels_units))
    observed = statistic(list(range(n_a)), list(range(n_a, len(labels_units))))
    hits = valid = 0
    for a in itertools.combinations(idx, n_a):
        b = [i for i in idx if i not in a]
        value = statistic(list(a), b)
        if value is None:
            continue
        valid += 1
        hits += value >= observed - 1e-9
    return hits / valid


SENTENCE_DESIGN = (
    {"a1": [(8, {CA: 2, CT: 1}), (12, {}), (10, {CA: 1, PA: 1})]},
    {"b1": [(9, {}), (11, {CA: 1, PA: 1}), (10, {}), (10, {PA: 2})]},
)
DOCUMENT_DESIGN = (
    {"a1": [(8, {CA: 2}), (7, {PA: 1})], "a2": [(12, {CA: 1})], "a3": [(10, {CA: 1, PA: 1})]},
    {"b1": [(9, {PA: 1}), (6, {})], "b2": [(20, {CA: 1, PA: 2})]},
)


@pytest.mark.parametrize("sampler", ["permuted", "subsets"])
@pytest.mark.parametrize("measure", ["per_1k", "share"])
@pytest.mark.parametrize(
    ("design", "min_docs", "unit"),
    [(SENTENCE_DESIGN, 10, "sentence"), (DOCUMENT_DESIGN, 2, "document")],
    ids=["sentences", "documents"],
)
def test_permutation_p_value_matches_exact_enumeration(design, min_docs, unit, measure, sampler,
                                                       monkeypatch):
    # both ways of drawing relabellings (shuffled label rows, or random sets for the smaller
    # side) must give the exact p-value
    monkeypatch.setattr(framing.statistics, "_SUBSET_RATIO", 0 if sampler == "subsets" else 10**9)
    units, matches = tiny_two_groups(*design)
    # permutation units with their (coup authorial, all authorial, tokens) totals
    key = "doc_id" if unit == "document" else ["doc_id", "sentence_id"]
    auth = matches[matches["voice"] == "authorial"]
    coup = auth[auth["frame"] == "coup"].groupby(key).size()
    allm = auth.groupby(key).size()
    table = units.groupby(key, sort=False).agg(tokens=("n_tokens", "sum"),
                                                outlet=("outlet", "first"))
    perm_units = [(coup.get(k, 0), allm.get(k, 0), row.tokens)
                  for k, row in zip(table.index, table.itertuples(), strict=True)]
    n_a = int((table["outlet"] == "A").sum())

    def statistic(a, b):
        def value(side):
            c = sum(perm_units[i][0] for i in side)
            if measure == "per_1k":
                return 1000 * c / sum(perm_units[i][2] for i in side)
            m = sum(perm_units[i][1] for i in side)
            return c / m if m else None

        va, vb = value(a), value(b)
        return None if va is None or vb is None else abs(va - vb)

    exact = _exact_p(perm_units, n_a, statistic)
    n_perm = 20000
    res = compare_groups(units, matches, frames=["coup", "protest"], measure=measure,
                         comparisons="pairwise", n_perm=n_perm, min_docs=min_docs, seed=1)
    row = res.query("frame == 'coup' and voice == 'authorial'").iloc[0]
    assert row["permutation_unit"] == unit
    assert 0.05 < exact < 0.95  # an informative case
    tolerance = 4.5 * math.sqrt(exact * (1 - exact) / n_perm) + 2 / n_perm
    assert row["p_value"] == pytest.approx(exact, abs=tolerance)

    if measure == "per_1k":  # scipy's exact permutation test agrees with the enumeration
        c = np.array([u[0] for u in perm_units], float)
        t = np.array([u[2] for u in perm_units], float)
        ref = stats.permutation_test(
            (np.arange(n_a), np.arange(n_a, len(c))),
            lambda x, y: abs(c[x].sum() / t[x].sum() - c[y].sum() / t[y].sum()) * 1000,
            permutation_type="independent", alternative="greater", n_resamples=np.inf,
        )
        assert ref.pvalue == pytest.approx(exact, rel=1e-12)


def test_permutation_unit_rule_and_vs_rest(corpus):
    units, matches = corpus
    res = compare_groups(units, matches, frames=FRAMES, n_perm=50)
    rows = res.drop_duplicates(["comparison", "group_a", "group_b"]).set_index(
        ["comparison", "group_a", "group_b"])
    # A has 12 documents, B 3, C 1: only A vs rest (B + C = 4 docs) ... is still sentences
    assert set(rows["permutation_unit"]) == {"sentence"}
    res = compare_groups(units, matches, frames=FRAMES, n_perm=50, min_docs=3)
    rows = res.drop_duplicates(["comparison", "group_a", "group_b"]).set_index(
        ["comparison", "group_a", "group_b"])
    assert rows.loc[("pairwise", "A", "B"), "permutation_unit"] == "document"
    assert rows.loc[("pairwise", "A", "B"), ["n_a", "n_b"]].tolist() == [12, 3]
    assert rows.loc[("vs_rest", "A", "rest"), ["n_a", "n_b"]].tolist() == [12, 4]
    assert rows.loc[("pairwise", "B", "C"), "permutation_unit"] == "sentence"
    assert rows.loc[("vs_rest", "C", "rest"), "permutation_unit"] == "sentence"
    # value_b of vs_rest pools the other groups
    scores = score_table(units, matches, by="outlet", frames=FRAMES)
    rest = units[units["outlet"] != "A"]
    rest_scores = score_table(rest.assign(outlet="rest"),
                              matches[matches["doc_id"].isin(rest["doc_id"])], frames=FRAMES)
    vs = res.query("comparison == 'vs_rest' and group_a == 'A'").reset_index(drop=True)
    np.testing.assert_allclose(vs["value_a"], scores[scores["outlet"] == "A"]["per_1k"])
    np.testing.assert_allclose(vs["value_b"], rest_scores["per_1k"])


def test_compare_groups_layout_adjustment_and_reproducibility(corpus):
    units, matches = corpus
    res = compare_groups(units, matches, frames=FRAMES, n_perm=99, seed=5,
                         padjust=("holm", "fdr_bh", "bonferroni"))
    assert res.columns.tolist() == [
        "frame", "voice", "measure", "comparison", "group_a", "group_b", "value_a", "value_b",
        "difference", "rate_ratio", "rate_ratio_ci_low", "rate_ratio_ci_high", "p_value",
        "p_holm", "p_fdr_bh", "p_bonferroni", "permutation_unit", "n_a", "n_b", "n_perm"]
    assert len(res) == 3 * 3 * (3 + 3)
    assert res["comparison"].tolist()[:6] == ["vs_rest"] * 3 + ["pairwise"] * 3
    assert res["group_b"].tolist()[:6] == ["rest", "rest", "rest", "B", "C", "C"]
    assert res["frame"].tolist()[::18] == FRAMES
    # p-values are (k + 1) / (n_perm + 1)
    k = res["p_value"] * 100 - 1
    np.testing.assert_allclose(k, np.round(k), atol=1e-9)
    for method in ("holm", "fdr_bh", "bonferroni"):
        np.testing.assert_allclose(res[f"p_{method}"], p_adjust(res["p_value"], method))
    pd.testing.assert_frame_equal(
        res, compare_groups(units, matches, frames=FRAMES, n_perm=99, seed=5,
                            padjust=("holm", "fdr_bh", "bonferroni")))
    by_fv = compare_groups(units, matches, frames=FRAMES, n_perm=99, seed=5,
                           family="frame_voice")
    for _, part in by_fv.groupby(["frame", "voice"]):
        np.testing.assert_allclose(part["p_holm"], p_adjust(part["p_value"], "holm"))
    np.testing.assert_array_equal(by_fv["p_value"], res["p_value"])
    # p-values of A vs B do not depend on C being present
    units_ab, matches_ab = make_corpus(extra_outlet=False)
    ab = compare_groups(units_ab, matches_ab, frames=FRAMES, n_perm=99, seed=5,
                        comparisons="pairwise")
    pair = res[(res["group_a"] == "A") & (res["group_b"] == "B")]
    np.testing.assert_array_equal(ab["p_value"], pair["p_value"])


def test_compare_groups_needs_two_groups(corpus):
    units, matches = corpus
    only_a = units[units["outlet"] == "A"]
    with pytest.raises(FramingDataError, match=r"at least two groups in `outlet`; found 1: 'A'"):
        compare_groups(only_a, matches[matches["doc_id"].isin(only_a["doc_id"])],
                       frames=FRAMES)


def test_compare_groups_two_groups_drops_vs_rest_with_warning():
    units, matches = tiny_two_groups(*SENTENCE_DESIGN)
    with pytest.warns(FramingDataWarning, match="only the pairwise rows"):
        res = compare_groups(units, matches, frames=["coup", "protest"], n_perm=20)
    assert set(res["comparison"]) == {"pairwise"}


def test_compare_groups_zero_token_group_warns_and_gives_nan(corpus):
    units, matches = corpus
    units = pd.concat([units, pd.DataFrame({"doc_id": ["z1"], "sentence_id": [0],
                                            "boilerplate": [False], "n_tokens": [0],
                                            "outlet": ["Z"]})], ignore_index=True)
    with pytest.warns(FramingDataWarning, match="'Z'"):
        res = compare_groups(units, matches, frames=FRAMES, n_perm=20)
    z = res[(res["group_a"] == "Z") | (res["group_b"] == "Z")]
    assert len(z) and z["p_value"].isna().all() and z["p_holm"].isna().all()
    assert res.loc[res["p_value"].notna(), "p_holm"].notna().all()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"measure": "rate"}, r"`measure` must be one of \['per_1k', 'share'\]"),
        ({"comparisons": ("all",)}, r"`comparisons` must be one of"),
        ({"comparisons": ()}, r"`comparisons` is empty"),
        ({"padjust": "BH"}, r"`padjust` must be one of"),
        ({"family": "frame"}, r"`family` must be one of"),
        ({"n_perm": 0}, r"`n_perm` must be an integer >= 1"),
        ({"by": "publisher"}, r"available columns"),
    ],
)
def test_compare_groups_bad_options(corpus, kwargs, message):
    units, matches = corpus
    with pytest.raises(ValueError, match=message):
        compare_groups(units, matches, frames=FRAMES, **kwargs)


def test_docstring_examples():
    result = doctest.testmod(framing.statistics, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0
    assert result.failed == 0

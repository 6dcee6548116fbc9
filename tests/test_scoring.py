"""Tests for framing.scoring: every expected score is worked out by hand below."""

from __future__ import annotations

import doctest

import numpy as np
import pandas as pd
import pytest

import framing.scoring
from framing.scoring import (
    ALL_VOICES,
    FramingDataError,
    FramingDataWarning,
    score_table,
    unit_counts,
)

FRAMES = ["coup", "protest", "geo"]  # "geo" has no match anywhere


def make_units() -> pd.DataFrame:
    rows = [
        # doc_id, sentence_id, boilerplate, n_tokens, outlet
        ("a1", 0, False, 10, "A"),
        ("a1", 1, True, 20, "A"),  # boilerplate: neither tokens nor matches count
        ("a1", 2, False, 5, "A"),
        ("a2", 0, False, 10, "A"),
        ("a2", 1, False, 15, "A"),
        ("b1", 0, False, 20, "B"),
        ("b1", 1, False, 20, "B"),
    ]
    return pd.DataFrame(
        rows, columns=["doc_id", "sentence_id", "boilerplate", "n_tokens", "outlet"]
    )


def make_matches() -> pd.DataFrame:
    rows = [
        # doc_id, sentence_id, frame, voice, weight
        ("a1", 0, "coup", "authorial", 1.0),
        ("a1", 0, "coup", "attributed", 0.5),
        ("a1", 0, "protest", "authorial", 2.0),
        ("a1", 1, "coup", "authorial", 1.0),  # in boilerplate: excluded
        ("a1", 2, "protest", "attributed", 1.0),
        ("a2", 0, "coup", "authorial", 0.5),
        ("b1", 1, "protest", "authorial", 1.0),
        ("b1", 1, "protest", "authorial", 3.0),
    ]
    return pd.DataFrame(rows, columns=["doc_id", "sentence_id", "frame", "voice", "weight"])


# Hand-computed. A: tokens 10 + 5 + 10 + 15 = 40 (the boilerplate 20 is out), 2 docs,
# 4 sentences. B: tokens 40, 1 doc, 2 sentences.
# A authorial: coup 2 (a1/0, a2/0), protest 1 -> total 3; attributed: coup 1, protest 1.
# B authorial: protest 2; attributed: none -> shares NaN.
NAN = float("nan")
EXPECTED = [
    # outlet, frame, voice, matches, per_1k, share
    ("A", "coup", "authorial", 2, 50.0, 2 / 3),
    ("A", "coup", "attributed", 1, 25.0, 1 / 2),
    ("A", "coup", "all", 3, 75.0, 3 / 5),
    ("A", "protest", "authorial", 1, 25.0, 1 / 3),
    ("A", "protest", "attributed", 1, 25.0, 1 / 2),
    ("A", "protest", "all", 2, 50.0, 2 / 5),
    ("A", "geo", "authorial", 0, 0.0, 0.0),
    ("A", "geo", "attributed", 0, 0.0, 0.0),
    ("A", "geo", "all", 0, 0.0, 0.0),
    ("B", "coup", "authorial", 0, 0.0, 0.0),
    ("B", "coup", "attributed", 0, 0.0, NAN),
    ("B", "coup", "all", 0, 0.0, 0.0),
    ("B", "protest", "authorial", 2, 50.0, 1.0),
    ("B", "protest", "attributed", 0, 0.0, NAN),
    ("B", "protest", "all", 2, 50.0, 1.0),
    ("B", "geo", "authorial", 0, 0.0, 0.0),
    ("B", "geo", "attributed", 0, 0.0, NAN),
    ("B", "geo", "all", 0, 0.0, 0.0),
]
GROUP_SIZES = {"A": (40, 2, 4), "B": (40, 1, 2)}  # tokens, n_docs, n_sentences


def expected_table() -> pd.DataFrame:
    rows = [
        (g, f, v, m, *GROUP_SIZES[g][:1], rate, share, *GROUP_SIZES[g][1:])
        for g, f, v, m, rate, share in EXPECTED
    ]
    table = pd.DataFrame(
        rows,
        columns=["outlet", "frame", "voice", "matches", "tokens", "per_1k", "share", "n_docs",
                 "n_sentences"],
    )
    return table.astype({"outlet": "str", "frame": "str", "voice": "str", "matches": "int64",
                         "tokens": "int64", "n_docs": "int64", "n_sentences": "int64"})


def test_score_table_equals_hand_computed_table():
    scores = score_table(make_units(), make_matches(), by="outlet", frames=FRAMES)
    pd.testing.assert_frame_equal(scores, expected_table(), check_exact=False, rtol=1e-12)


def test_boilerplate_matches_are_excluded_and_counted():
    scores = score_table(make_units(), make_matches(), frames=FRAMES)
    assert scores.attrs["excluded_boilerplate_matches"] == 1
    assert scores.attrs["by"] == "outlet"
    assert scores.attrs["frames"] == FRAMES


@pytest.mark.parametrize(
    ("outlet", "frame", "voice", "matches", "per_1k", "share"),
    [
        # weights: A coup authorial 1.0 + 0.5, attributed 0.5; protest authorial 2.0,
        # attributed 1.0 -> authorial total 3.5, attributed 1.5, all 5.0.
        ("A", "coup", "authorial", 1.5, 37.5, 1.5 / 3.5),
        ("A", "coup", "attributed", 0.5, 12.5, 1 / 3),
        ("A", "coup", "all", 2.0, 50.0, 0.4),
        ("A", "protest", "authorial", 2.0, 50.0, 2.0 / 3.5),
        ("A", "protest", "all", 3.0, 75.0, 0.6),
        ("B", "protest", "authorial", 4.0, 100.0, 1.0),
        ("B", "geo", "all", 0.0, 0.0, 0.0),
    ],
)
def test_weighted_scores(outlet, frame, voice, matches, per_1k, share):
    scores = score_table(make_units(), make_matches(), frames=FRAMES, weighted=True)
    row = scores[(scores.outlet == outlet) & (scores.frame == frame) & (scores.voice == voice)]
    assert len(row) == 1
    assert row["matches"].item() == pytest.approx(matches)
    assert row["per_1k"].item() == pytest.approx(per_1k)
    assert row["share"].item() == pytest.approx(share)
    assert scores["matches"].dtype == np.float64


@pytest.mark.parametrize("by", ["doc", "doc_id"])
def test_by_document(by):
    scores = score_table(make_units(), make_matches(), by=by, frames=FRAMES)
    assert scores.columns[0] == by
    assert scores[by].unique().tolist() == ["a1", "a2", "b1"]
    # a1: tokens 10 + 5 = 15; coup authorial 1, attributed 1; protest authorial 1, attributed 1
    a1 = scores[scores[by] == "a1"].set_index(["frame", "voice"])
    assert a1.loc[("coup", "all"), "matches"] == 2
    assert a1.loc[("coup", "all"), "per_1k"] == pytest.approx(2 / 15 * 1000)
    assert a1.loc[("protest", "authorial"), "share"] == pytest.approx(0.5)
    assert (a1["n_docs"] == 1).all() and (a1["n_sentences"] == 2).all()
    a2 = scores[scores[by] == "a2"].set_index(["frame", "voice"])
    assert a2.loc[("coup", "authorial"), "per_1k"] == pytest.approx(1 / 25 * 1000)
    assert np.isnan(a2.loc[("coup", "attributed"), "share"])


def test_row_order_groups_sorted_frames_lexicon_voices_fixed():
    units = make_units()
    units["outlet"] = units["outlet"].map({"A": "zeta", "B": "alpha"})
    frames = ["geo", "protest", "coup"]
    scores = score_table(units, make_matches(), frames=frames)
    assert scores["outlet"].tolist()[::9] == ["alpha", "zeta"]
    assert scores["frame"].tolist()[:9] == [f for f in frames for _ in range(3)]
    assert scores["voice"].tolist()[:3] == list(ALL_VOICES)


def test_result_does_not_depend_on_row_order():
    units = make_units().sample(frac=1, random_state=3)
    matches = make_matches().sample(frac=1, random_state=4)
    pd.testing.assert_frame_equal(
        score_table(units, matches, frames=FRAMES), expected_table(), rtol=1e-12
    )


def test_agrees_with_independent_pandas_groupby_on_random_corpus():
    rng = np.random.default_rng(11)
    n = 120
    units = pd.DataFrame({
        "doc_id": [f"d{i // 4:02d}" for i in range(n)],
        "sentence_id": [i % 4 for i in range(n)],
        "boilerplate": rng.random(n) < 0.15,
        "n_tokens": rng.integers(1, 40, n),
    })
    units["outlet"] = units["doc_id"].map(lambda d: "XYZ"[int(d[1:]) % 3])
    picks = rng.integers(0, n, 200)
    matches = pd.DataFrame({
        "doc_id": units["doc_id"].to_numpy()[picks],
        "sentence_id": units["sentence_id"].to_numpy()[picks],
        "frame": rng.choice(FRAMES[:2], 200),
        "voice": rng.choice(["authorial", "attributed"], 200),
    })
    scores = score_table(units, matches, frames=FRAMES).set_index(["outlet", "frame", "voice"])

    # independent route: join, drop boilerplate, group by, count
    kept = units[~units["boilerplate"]]
    joined = matches.merge(kept, on=["doc_id", "sentence_id"], how="inner")
    tokens = kept.groupby("outlet")["n_tokens"].sum()
    for voice in ALL_VOICES:
        sub = joined if voice == "all" else joined[joined["voice"] == voice]
        counts = sub.groupby(["outlet", "frame"]).size()
        for outlet in "XYZ":
            total = sum(counts.get((outlet, f), 0) for f in FRAMES)
            for frame in FRAMES:
                row = scores.loc[(outlet, frame, voice)]
                c = counts.get((outlet, frame), 0)
                assert row["matches"] == c
                assert row["tokens"] == tokens[outlet]
                assert row["per_1k"] == pytest.approx(1000 * c / tokens[outlet])
                if total:
                    assert row["share"] == pytest.approx(c / total)
                else:
                    assert np.isnan(row["share"])
    assert scores.attrs["excluded_boilerplate_matches"] == len(matches) - len(joined)
    n_docs = kept.groupby("outlet")["doc_id"].nunique()
    assert (scores.xs("coup", level="frame")["n_docs"].groupby("outlet").first() == n_docs).all()


def test_frame_without_matches_has_real_zeros():
    scores = score_table(make_units(), make_matches(), frames=FRAMES)
    geo = scores[scores.frame == "geo"]
    assert (geo["matches"] == 0).all() and (geo["per_1k"] == 0).all()
    # share is 0 where the group has matches in that voice, NaN only where it has none
    assert geo.loc[geo.outlet == "A", "share"].tolist() == [0.0, 0.0, 0.0]
    assert np.isnan(geo.loc[(geo.outlet == "B") & (geo.voice == "attributed"), "share"].item())


def test_no_matches_at_all():
    empty = make_matches().iloc[0:0]
    scores = score_table(make_units(), empty, frames=FRAMES)
    assert (scores["matches"] == 0).all() and (scores["per_1k"] == 0).all()
    assert scores["share"].isna().all()
    assert scores.attrs["excluded_boilerplate_matches"] == 0


def test_group_with_zero_tokens_warns_and_gives_nan():
    units = pd.concat([
        make_units(),
        pd.DataFrame({"doc_id": ["c1", "c2"], "sentence_id": [0, 0], "boilerplate": [True, False],
                      "n_tokens": [30, 0], "outlet": ["C", "C"]}),
    ], ignore_index=True)
    matches = pd.concat([
        make_matches(),
        pd.DataFrame({"doc_id": ["c1", "c2"], "sentence_id": [0, 0], "frame": ["coup", "geo"],
                      "voice": ["authorial", "authorial"], "weight": 1.0}),
    ], ignore_index=True)
    with pytest.warns(FramingDataWarning, match=r"'C'.*no non-boilerplate tokens"):
        scores = score_table(units, matches, frames=FRAMES)
    c = scores[scores.outlet == "C"].set_index(["frame", "voice"])
    assert (c["tokens"] == 0).all()
    assert c["per_1k"].isna().all()
    # c2 is not boilerplate: its match counts, so shares are defined
    assert c.loc[("geo", "authorial"), "matches"] == 1
    assert c.loc[("geo", "authorial"), "share"] == 1.0
    assert (c["n_docs"] == 1).all()  # c1 is all boilerplate
    assert scores.attrs["excluded_boilerplate_matches"] == 2


def test_all_boilerplate_document_is_not_counted_in_n_docs():
    units = pd.concat([
        make_units(),
        pd.DataFrame({"doc_id": ["a3"], "sentence_id": [0], "boilerplate": [True],
                      "n_tokens": [7], "outlet": ["A"]}),
    ], ignore_index=True)
    scores = score_table(units, make_matches(), frames=FRAMES)
    a = scores[scores.outlet == "A"]
    assert (a["n_docs"] == 2).all() and (a["tokens"] == 40).all()


def test_boilerplate_as_zero_one_integers():
    units = make_units()
    units["boilerplate"] = units["boilerplate"].astype(int)
    pd.testing.assert_frame_equal(score_table(units, make_matches(), frames=FRAMES),
                                  expected_table(), rtol=1e-12)


def test_unit_counts_layout():
    uc = unit_counts(make_units(), make_matches(), frames=FRAMES)
    assert uc.counts.shape == (7, 6)
    assert uc.columns[:3] == [("authorial", f) for f in FRAMES]
    # a1/0: coup authorial, protest authorial, coup attributed
    np.testing.assert_array_equal(uc.counts[0], [1, 1, 0, 1, 0, 0])
    # a1/1 is boilerplate: zero row, zero tokens
    np.testing.assert_array_equal(uc.counts[1], 0)
    assert uc.tokens[1] == 0 and not uc.scored[1]
    np.testing.assert_array_equal(uc.tokens, [10, 0, 5, 10, 15, 20, 20])
    assert uc.counts.sum() == 7 and uc.excluded_boilerplate_matches == 1


def _drop(table: str, column: str):
    def edit(units, matches):
        if table == "units":
            return units.drop(columns=column), matches
        return units, matches.drop(columns=column)

    return edit


def _set(table: str, column: str, index: int, value):
    def edit(units, matches):
        target = (units if table == "units" else matches).copy()
        if isinstance(value, float) and pd.api.types.is_numeric_dtype(target[column]):
            target[column] = target[column].astype(float)
        elif not isinstance(value, int | float):
            target[column] = target[column].astype(object)
        target.loc[index, column] = value
        return (target, matches) if table == "units" else (units, target)

    return edit


BAD_INPUTS = [
    # id, edit(units, matches) -> (units, matches), kwargs, exception, message
    ("by-missing", None, {"by": "publisher"}, FramingDataError,
     r"by='publisher'.*available columns: \['doc_id', 'sentence_id', 'boilerplate', "
     r"'n_tokens', 'outlet'\]"),
    ("units-column", _drop("units", "n_tokens"), {}, FramingDataError,
     r"`units` is missing column\(s\) \['n_tokens'\]"),
    ("matches-column", _drop("matches", "voice"), {}, FramingDataError,
     r"`matches` is missing column\(s\) \['voice'\]"),
    ("weight-column", _drop("matches", "weight"), {"weighted": True}, FramingDataError,
     r"missing column\(s\) \['weight'\]"),
    ("unknown-frame", _set("matches", "frame", 0, "economy"), {}, FramingDataError,
     r"`matches\['frame'\]`.*'economy'.*add the frame to `frames`"),
    ("unknown-voice", _set("matches", "voice", 2, "quoted"), {}, FramingDataError,
     r"`matches\['voice'\]`.*'quoted'"),
    ("orphan-match", _set("matches", "sentence_id", 0, 9), {}, FramingDataError,
     r"1 match\(es\) point to no unit.*\('a1', 9\)"),
    ("duplicate-unit", _set("units", "sentence_id", 2, 0), {}, FramingDataError,
     r"duplicated \(doc_id, sentence_id\).*\('a1', 0\)"),
    ("negative-tokens", _set("units", "n_tokens", 3, -1), {}, FramingDataError,
     r"n_tokens.*>= 0"),
    ("missing-tokens", _set("units", "n_tokens", 3, np.nan), {}, FramingDataError,
     r"n_tokens"),
    ("text-tokens", _set("units", "n_tokens", 3, "ten"), {}, FramingDataError,
     r"n_tokens.*numeric"),
    ("missing-boilerplate", _set("units", "boilerplate", 0, None), {}, FramingDataError,
     r"boilerplate.*missing"),
    ("text-boilerplate", _set("units", "boilerplate", 0, "no"), {}, FramingDataError,
     r"boilerplate.*boolean"),
    ("missing-group", _set("units", "outlet", 0, None), {}, FramingDataError,
     r"1 unit\(s\) have no value in `units\['outlet'\]`.*'a1'"),
    ("doc-in-two-groups", _set("units", "outlet", 0, "B"), {}, FramingDataError,
     r"'a1'.*more than one value of `units\['outlet'\]`"),
    ("negative-weight", _set("matches", "weight", 0, -2.0), {"weighted": True},
     FramingDataError, r"weight.*>= 0"),
    ("empty-frames", None, {"frames": []}, FramingDataError, r"`frames` is empty"),
    ("duplicate-frames", None, {"frames": ["coup", "coup", "protest", "geo"]},
     FramingDataError, r"\['coup'\] more than once"),
    ("frames-string", None, {"frames": "coup"}, TypeError, r"list of frame names"),
    ("empty-units", lambda u, m: (u.iloc[0:0], m.iloc[0:0]), {}, FramingDataError,
     r"`units` has no rows"),
]


@pytest.mark.parametrize(
    ("edit", "kwargs", "exception", "message"),
    [case[1:] for case in BAD_INPUTS],
    ids=[case[0] for case in BAD_INPUTS],
)
def test_bad_input_raises_clear_error(edit, kwargs, exception, message):
    units, matches = make_units(), make_matches()
    if edit is not None:
        units, matches = edit(units, matches)
    options = {"frames": FRAMES, **kwargs}
    with pytest.raises(exception, match=message):
        score_table(units, matches, **options)


def test_errors_are_value_errors():
    assert issubclass(FramingDataError, ValueError)
    assert issubclass(FramingDataWarning, UserWarning)


def test_docstring_examples():
    result = doctest.testmod(framing.scoring, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0
    assert result.failed == 0

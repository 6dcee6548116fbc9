"""Similarity of framing profiles and of wording, checked against independent computations.

References: cosine similarities written out with numpy and scipy.spatial.distance,
TF-IDF weights computed by hand from the smooth-idf formula, and scikit-learn's
TfidfVectorizer / cosine_similarity on concatenated group texts.
"""

from __future__ import annotations

import doctest
import math

import numpy as np
import pandas as pd
import pytest
from scipy.spatial.distance import cosine as cosine_distance
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

import framing.similarity
from framing.keyness import NgramAnalyzer
from framing.scoring import score_table
from framing.similarity import (
    SimilarityError,
    SimilarityWarning,
    document_similarity,
    profile_similarity,
    similarity_table,
    text_similarity,
)

FRAMES = ["coup", "protest", "win"]


def _tables():
    """Three outlets with distinct frame mixes, in both voices; D has no match at all."""
    units = pd.DataFrame({
        "doc_id": ["a1", "a2", "b1", "c1", "d1"],
        "sentence_id": [0, 0, 0, 0, 0],
        "boilerplate": [False] * 5,
        "n_tokens": [40, 60, 50, 80, 30],
        "outlet": ["A", "A", "B", "C", "D"],
    })
    rows = [
        ("a1", "coup", "authorial", 3), ("a1", "protest", "attributed", 1),
        ("a2", "win", "authorial", 2), ("a2", "coup", "attributed", 2),
        ("b1", "protest", "authorial", 4), ("b1", "coup", "authorial", 1),
        ("b1", "win", "attributed", 3),
        ("c1", "coup", "authorial", 6), ("c1", "win", "authorial", 4),
        ("c1", "protest", "attributed", 1),
    ]
    matches = pd.DataFrame(
        [(d, 0, f, v) for d, f, v, k in rows for _ in range(k)],
        columns=["doc_id", "sentence_id", "frame", "voice"],
    )
    return units, matches


@pytest.fixture
def scores():
    units, matches = _tables()
    return score_table(units[units.outlet != "D"], matches, frames=FRAMES)


def _expected_profile(scores, measure, voices):
    table = scores.set_index(["outlet", "voice", "frame"])[measure]
    groups = sorted(scores.outlet.unique())
    return {g: np.concatenate([[table[(g, v, f)] for f in FRAMES] for v in voices])
            for g in groups}


@pytest.mark.parametrize("measure", ["per_1k", "share"])
@pytest.mark.parametrize(
    ("voice", "voices"),
    [("all", ["all"]), ("authorial", ["authorial"]), ("attributed", ["attributed"]),
     ("both", ["authorial", "attributed"])],
)
def test_profile_similarity_matches_scipy_cosine(scores, measure, voice, voices):
    sim = profile_similarity(scores, measure=measure, voice=voice)
    profiles = _expected_profile(scores, measure, voices)
    groups = list(profiles)
    assert list(sim.index) == groups and list(sim.columns) == groups
    assert sim.index.name == "outlet"
    for a in groups:
        for b in groups:
            x = np.nan_to_num(profiles[a])
            y = np.nan_to_num(profiles[b])
            assert sim.loc[a, b] == pytest.approx(1.0 - cosine_distance(x, y), abs=1e-12)
    values = sim.to_numpy()
    np.testing.assert_allclose(values, values.T)
    np.testing.assert_array_equal(np.diag(values), 1.0)
    assert ((values >= 0) & (values <= 1)).all()
    assert sim.attrs["measure"] == measure and sim.attrs["voice"] == voice
    assert sim.attrs["frames"] == FRAMES


def test_profile_similarity_by_hand(scores):
    # A: all = coup 5, protest 1, win 2 ; B: coup 1, protest 4, win 3 (tokens 100 and 50)
    a = np.array([5, 1, 2]) / 100 * 1000
    b = np.array([1, 4, 3]) / 50 * 1000
    expected = a @ b / math.sqrt((a @ a) * (b @ b))
    assert profile_similarity(scores).loc["A", "B"] == pytest.approx(expected)


def test_per_1k_and_share_agree_in_one_voice_but_not_in_both(scores):
    for voice in ("all", "authorial", "attributed"):
        np.testing.assert_allclose(
            profile_similarity(scores, measure="per_1k", voice=voice).to_numpy(),
            profile_similarity(scores, measure="share", voice=voice).to_numpy(),
            rtol=1e-12,
        )
    both_rate = profile_similarity(scores, measure="per_1k", voice="both").to_numpy()
    both_share = profile_similarity(scores, measure="share", voice="both").to_numpy()
    assert not np.allclose(both_rate, both_share)


def test_identical_frame_mix_has_similarity_one():
    units = pd.DataFrame({"doc_id": ["x", "y"], "sentence_id": [0, 0], "boilerplate": False,
                          "n_tokens": [10, 1000], "outlet": ["X", "Y"]})
    matches = pd.DataFrame({"doc_id": ["x", "x", "y", "y", "y", "y"], "sentence_id": 0,
                            "frame": ["coup", "win", "coup", "coup", "win", "win"],
                            "voice": "authorial"})
    sim = profile_similarity(score_table(units, matches, frames=FRAMES))
    assert sim.loc["X", "Y"] == pytest.approx(1.0)


def test_zero_profile_gives_nan_and_names_the_group():
    units, matches = _tables()
    scores = score_table(units, matches, frames=FRAMES)
    with pytest.warns(SimilarityWarning, match="'D'"):
        sim = profile_similarity(scores)
    assert sim.loc["D"].isna().all() and sim["D"].isna().all()
    assert not sim.drop(index="D", columns="D").isna().any().any()


def test_zero_in_one_voice_only_is_nan_in_that_voice():
    units = pd.DataFrame({"doc_id": ["x", "y"], "sentence_id": [0, 0], "boilerplate": False,
                          "n_tokens": [10, 10], "outlet": ["X", "Y"]})
    matches = pd.DataFrame({"doc_id": ["x", "y", "y"], "sentence_id": 0,
                            "frame": ["coup", "coup", "win"],
                            "voice": ["authorial", "authorial", "attributed"]})
    scores = score_table(units, matches, frames=FRAMES)
    with pytest.warns(SimilarityWarning, match="'X'"):
        sim = profile_similarity(scores, voice="attributed", measure="share")
    assert np.isnan(sim.loc["X", "Y"])
    # in "both" X's profile is not all zero (authorial coup), so it is defined
    both = profile_similarity(scores, voice="both", measure="share")
    assert both.loc["X", "Y"] == pytest.approx(1 / math.sqrt(2))


def test_profile_similarity_uses_attrs_by():
    units, matches = _tables()
    units = units.assign(publisher=units.outlet.map({"A": "p", "B": "q", "C": "q", "D": "p"}))
    scores = score_table(units, matches, by="publisher", frames=FRAMES)
    sim = profile_similarity(scores)
    assert list(sim.index) == ["p", "q"] and sim.index.name == "publisher"


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"measure": "matches"}, "measure"), ({"voice": "quoted"}, "voice"),
     ({"by": "publisher"}, "missing column")],
)
def test_profile_similarity_rejects_bad_options(scores, kwargs, match):
    with pytest.raises(SimilarityError, match=match):
        profile_similarity(scores, **kwargs)


def test_profile_similarity_rejects_duplicated_rows(scores):
    with pytest.raises(SimilarityError, match="more than one row"):
        profile_similarity(pd.concat([scores, scores[scores.voice == "all"].iloc[:1]]))
    with pytest.raises(TypeError):
        profile_similarity(scores.to_numpy())


# --------------------------------------------------------------------------- text


GROUP_TEXTS = {
    "RT": ["Terrorists attacked the airport.", "Bandits looted shops."],
    "BBC": ["Protesters gathered in Almaty.", "Police fired on protesters."],
    "TASS": ["Terrorists attacked the airport.", "Bandits looted shops."],  # syndicated
    "Reuters": ["Police fired on crowds.", "Terrorists, officials said, attacked."],
}


def _flat(groups=GROUP_TEXTS):
    texts, labels = [], []
    for g, items in groups.items():
        texts.extend(items)
        labels.extend([g] * len(items))
    return texts, labels


@pytest.mark.parametrize("ngram_range", [(1, 1), (1, 2)])
@pytest.mark.parametrize("sublinear_tf", [True, False])
def test_text_similarity_equals_tfidf_of_concatenated_groups(ngram_range, sublinear_tf):
    texts, labels = _flat()
    sim = text_similarity(texts, labels, ngram_range=ngram_range, sublinear_tf=sublinear_tf)
    groups = sorted(GROUP_TEXTS)
    docs = ["\n".join(GROUP_TEXTS[g]) for g in groups]
    vec = TfidfVectorizer(analyzer=NgramAnalyzer(ngram_range=ngram_range),
                          sublinear_tf=sublinear_tf)
    expected = cosine_similarity(vec.fit_transform(docs))
    assert list(sim.index) == groups
    np.testing.assert_allclose(sim.to_numpy(), expected, atol=1e-12)
    assert sim.attrs["n_terms"] == len(vec.vocabulary_)


def test_text_similarity_by_hand_smooth_idf():
    # unigrams; group X = "war war peace", group Y = "war", group Z = "peace talks"
    sim = text_similarity(["war war", "peace", "war", "peace talks"], ["X", "X", "Y", "Z"],
                          ngram_range=(1, 1), sublinear_tf=False)
    n = 3
    idf = {t: math.log((1 + n) / (1 + df)) + 1 for t, df in
           {"peace": 2, "talks": 1, "war": 2}.items()}
    vocab = ["peace", "talks", "war"]
    tf = {"X": {"war": 2, "peace": 1}, "Y": {"war": 1}, "Z": {"peace": 1, "talks": 1}}
    vec = {g: np.array([tf[g].get(t, 0) * idf[t] for t in vocab]) for g in tf}
    for a in tf:
        for b in tf:
            expected = vec[a] @ vec[b] / (np.linalg.norm(vec[a]) * np.linalg.norm(vec[b]))
            assert sim.loc[a, b] == pytest.approx(expected, abs=1e-12)


def test_syndicated_copies_are_near_one_and_matrix_is_symmetric():
    texts, labels = _flat()
    sim = text_similarity(texts, labels)
    assert sim.loc["RT", "TASS"] == pytest.approx(1.0)
    assert sim.loc["RT", "BBC"] < 0.2
    values = sim.to_numpy()
    np.testing.assert_allclose(values, values.T)
    np.testing.assert_array_equal(np.diag(values), 1.0)


def test_near_copy_is_more_similar_than_other_outlets():
    base = ["Terrorists attacked the airport in Almaty on Wednesday.",
            "Officials said bandits looted shops across the city.",
            "The president asked the alliance for help against the gangs.",
            "Troops from the alliance arrived to guard strategic facilities.",
            "State television showed burned cars and broken windows."]
    groups = {"orig": base, "copy": [*base, "Read more on our website."],
              "other": ["Peaceful protesters marched against fuel prices.",
                        "Police fired tear gas at the crowd."]}
    texts, labels = _flat(groups)
    sim = text_similarity(texts, labels)
    assert sim.loc["orig", "copy"] > 0.9 > sim.loc["orig", "other"]


def test_text_similarity_min_df_counts_groups():
    texts, labels = _flat()
    sim = text_similarity(texts, labels, ngram_range=(1, 1), min_df=2)
    docs = ["\n".join(GROUP_TEXTS[g]) for g in sorted(GROUP_TEXTS)]
    vec = TfidfVectorizer(analyzer=NgramAnalyzer(), min_df=2, sublinear_tf=True)
    np.testing.assert_allclose(sim.to_numpy(), cosine_similarity(vec.fit_transform(docs)),
                               atol=1e-12)
    share = text_similarity(texts, labels, ngram_range=(1, 1), min_df=0.5)
    np.testing.assert_allclose(share.to_numpy(), sim.to_numpy())  # 0.5 * 4 groups = 2


def test_text_similarity_keeps_categorical_order_and_series_name():
    texts, labels = _flat()
    groups = pd.Series(pd.Categorical(labels, categories=["TASS", "RT", "Reuters", "BBC"]),
                       name="outlet")
    sim = text_similarity(texts, groups)
    assert list(sim.index) == ["TASS", "RT", "Reuters", "BBC"]
    assert sim.index.name == "outlet"


def test_text_similarity_group_without_terms_is_nan():
    with pytest.warns(SimilarityWarning, match="'empty'"):
        sim = text_similarity(["Police fired.", "Police fled.", "!!!"], ["A", "B", "empty"])
    assert sim.loc["empty"].isna().all()
    assert sim.loc["A", "B"] > 0


def test_text_similarity_accepts_a_generator():
    texts, labels = _flat()
    np.testing.assert_allclose(text_similarity((t for t in texts), labels).to_numpy(),
                               text_similarity(texts, labels).to_numpy())


@pytest.mark.parametrize(
    ("texts", "groups", "kwargs", "match"),
    [
        (["a b", "c d"], ["X", "X"], {}, "at least two groups"),
        ("a single string", ["X"], {}, "not a single string"),
        (["a", "b", "c"], ["X", "Y"], {}, "texts"),
        (["!!", "??"], ["X", "Y"], {}, "empty vocabulary"),
        (["a b", "c d"], ["X", "Y"], {"min_df": 3}, "min_df"),
        (["a b", "c d"], ["X", "Y"], {"min_df": 0}, "min_df"),
        (["a b", "c d"], ["X", "Y"], {"min_df": 1.5}, "min_df"),
        (["a b", "c d"], ["X", "Y"], {"ngram_range": (2, 1)}, "ngram_range"),
        (["a b", "c d"], ["X", "Y"], {"sublinear_tf": "yes"}, "sublinear_tf"),
    ],
)
def test_text_similarity_errors(texts, groups, kwargs, match):
    with pytest.raises(SimilarityError, match=match):
        text_similarity(texts, groups, **kwargs)


# --------------------------------------------------------------------------- documents


def _brute_force_neighbours(texts, ids, top):
    weights = TfidfVectorizer(analyzer=NgramAnalyzer(ngram_range=(1, 2)),
                              sublinear_tf=True).fit_transform(texts)
    sims = cosine_similarity(weights)
    rows = []
    for i, doc in enumerate(ids):
        order = [j for j in np.argsort(-sims[i], kind="stable") if j != i and sims[i, j] > 0]
        rows.extend((doc, r + 1, ids[j], sims[i, j]) for r, j in enumerate(order[:top]))
    return pd.DataFrame(rows, columns=["doc_id", "rank", "neighbor", "similarity"])


@pytest.mark.parametrize("block_cells", [10**6, 7])
def test_document_similarity_equals_brute_force(monkeypatch, block_cells):
    monkeypatch.setattr(framing.similarity, "_BLOCK_CELLS", block_cells)  # 7: one row per block
    texts, _ = _flat()
    texts = [*texts, "Unrelated words entirely."]
    ids = [f"d{i}" for i in range(len(texts))]
    got = document_similarity(texts, ids, top=3)
    expected = _brute_force_neighbours(texts, ids, top=3)
    pd.testing.assert_frame_equal(got[["doc_id", "rank", "neighbor"]],
                                  expected[["doc_id", "rank", "neighbor"]],
                                  check_dtype=False)
    np.testing.assert_allclose(got["similarity"], expected["similarity"], atol=1e-12)
    assert "d8" not in set(got["doc_id"])  # shares nothing: no neighbours
    assert (got["doc_id"] != got["neighbor"]).all()
    assert got.groupby("doc_id")["rank"].max().max() <= 3


def test_document_similarity_finds_the_copy():
    texts, _ = _flat()
    got = document_similarity(texts, list(range(len(texts))), top=1)
    first = got.set_index("doc_id")
    assert first.loc[0, "neighbor"] == 4 and first.loc[0, "similarity"] == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("texts", "ids", "kwargs", "match"),
    [
        (["a", "b"], ["x", "x"], {}, "unique"),
        (["a", "b"], ["x"], {}, "one id per text"),
        (["a"], ["x"], {}, "at least two"),
        (["a", "b"], ["x", "y"], {"top": 0}, "top"),
        (["!!", "??"], ["x", "y"], {}, "no n-gram"),
    ],
)
def test_document_similarity_errors(texts, ids, kwargs, match):
    with pytest.raises(SimilarityError, match=match):
        document_similarity(texts, ids, **kwargs)


# --------------------------------------------------------------------------- export


def test_similarity_table_upper_and_all():
    texts, labels = _flat()
    sim = text_similarity(texts, labels)
    upper = similarity_table(sim)
    assert list(upper.columns) == ["group_a", "group_b", "similarity"]
    n = len(sim)
    assert len(upper) == n * (n - 1) // 2
    for row in upper.itertuples(index=False):
        assert row.similarity == sim.loc[row.group_a, row.group_b]
        assert list(sim.index).index(row.group_a) < list(sim.index).index(row.group_b)
    everything = similarity_table(sim, pairs="all")
    assert len(everything) == n * n
    back = everything.pivot(index="group_a", columns="group_b", values="similarity")
    np.testing.assert_allclose(back.loc[sim.index, sim.columns].to_numpy(), sim.to_numpy())
    assert upper.attrs["method"] == "tfidf_cosine"


def test_similarity_table_keeps_nan_and_rejects_non_square():
    m = pd.DataFrame([[1.0, np.nan], [np.nan, np.nan]], index=["a", "b"], columns=["a", "b"])
    assert similarity_table(m)["similarity"].isna().all()
    with pytest.raises(SimilarityError, match="square"):
        similarity_table(pd.DataFrame([[1.0, 0.5]], index=["a"], columns=["a", "b"]))
    with pytest.raises(SimilarityError, match="square"):
        similarity_table(pd.DataFrame(np.eye(2), index=["a", "b"], columns=["b", "a"]))
    with pytest.raises(SimilarityError, match="pairs"):
        similarity_table(m, pairs="lower")


def test_docstring_examples():
    result = doctest.testmod(framing.similarity, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0

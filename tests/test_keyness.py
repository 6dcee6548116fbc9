"""Keyness: n-gram analyzer, streaming group counts, log-odds, chi2, G2 and TF-IDF.

Every statistic is checked against an independent computation on a tiny input:
arithmetic written out in the test, scipy.stats.chi2_contingency, scipy's odds
ratio, scikit-learn's TfidfVectorizer, or a value from quanteda's test suite.
"""

from __future__ import annotations

import math
import pickle
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from scipy import sparse
from scipy.stats import chi2, chi2_contingency, norm
from scipy.stats.contingency import odds_ratio
from sklearn.base import clone
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import Pipeline

from framing.keyness import (
    KeynessError,
    KeynessWarning,
    NgramAnalyzer,
    TermCounts,
    count_terms,
    keyness,
    keyness_from_counts,
)
from framing.segmentation import word_tokens

# --------------------------------------------------------------------------- analyzer


@pytest.mark.parametrize(
    ("text", "kwargs", "expected"),
    [
        ("Police fired.", {}, ["police", "fired"]),
        ("Police fired. Protests spread.", {"ngram_range": (2, 2)},
         ["police fired", "protests spread"]),  # no "fired protests"
        ("A b c", {"ngram_range": (1, 3)}, ["a", "b", "c", "a b", "b c", "a b c"]),
        ("Headline\nBody text", {"ngram_range": (2, 2)}, ["body text"]),
        ("Mr Smith spoke. Then left.", {"ngram_range": (2, 2), "split": "lines"},
         ["mr smith", "smith spoke", "spoke then", "then left"]),
        ("Путин ВЫСТУПИЛ. Протесты продолжаются.", {"ngram_range": (1, 2)},
         ["путин", "выступил", "путин выступил", "протесты", "продолжаются",
          "протесты продолжаются"]),
        ("", {"ngram_range": (1, 3)}, []),
        ("!!! ...", {}, []),
    ],
)
def test_analyzer_ngrams(text, kwargs, expected):
    assert NgramAnalyzer(**kwargs)(text) == expected


@pytest.mark.parametrize("bad", [(0, 1), (2, 1), (1,), "1,2", (1.0, 2), (True, 2)])
def test_analyzer_rejects_bad_ngram_range(bad):
    with pytest.raises(KeynessError, match="ngram_range"):
        NgramAnalyzer(ngram_range=bad)


def test_analyzer_rejects_bad_split():
    with pytest.raises(KeynessError, match="split"):
        NgramAnalyzer(split="words")


def test_analyzer_pickles_and_compares():
    analyzer = NgramAnalyzer(ngram_range=(1, 2), split="lines")
    restored = pickle.loads(pickle.dumps(analyzer))
    assert restored == analyzer and hash(restored) == hash(analyzer)
    assert restored("Мир. Война") == analyzer("Мир. Война")
    assert analyzer != NgramAnalyzer(ngram_range=(1, 2))
    assert "ngram_range=(1, 2)" in repr(analyzer)


@pytest.mark.parametrize("vectorizer_cls", [CountVectorizer, TfidfVectorizer])
def test_analyzer_inside_sklearn_vectorizers(vectorizer_cls):
    texts = ["Police fired. Protests spread.", "Protests spread fast."]
    analyzer = NgramAnalyzer(ngram_range=(1, 2))
    vec = vectorizer_cls(analyzer=analyzer)
    X = vec.fit_transform(texts)
    expected_vocab = sorted({t for text in texts for t in analyzer(text)})
    assert vec.get_feature_names_out().tolist() == expected_vocab
    assert "fired protests" not in expected_vocab
    # clone keeps the analyzer, the fitted vectorizer pickles and transforms alike
    cloned = clone(vec)
    assert cloned.get_params()["analyzer"] == analyzer
    restored = pickle.loads(pickle.dumps(vec))
    assert (restored.transform(texts) != X).nnz == 0


def test_analyzer_in_pipeline_and_grid_search():
    texts = ["terrorists attacked the city", "protesters marched peacefully",
             "terrorists seized the airport", "protesters demanded reforms"] * 3
    labels = [1, 0, 1, 0] * 3
    pipe = Pipeline([("tfidf", TfidfVectorizer(analyzer=NgramAnalyzer())),
                     ("clf", LogisticRegression())])
    grid = GridSearchCV(
        pipe,
        {"tfidf__analyzer": [NgramAnalyzer(), NgramAnalyzer(ngram_range=(1, 2))]},
        cv=2,
    )
    grid.fit(texts, labels)
    candidates = (NgramAnalyzer(), NgramAnalyzer(ngram_range=(1, 2)))
    assert grid.best_params_["tfidf__analyzer"] in candidates
    assert grid.predict(["terrorists attacked"]).tolist() == [1]


# --------------------------------------------------------------------------- counting


def test_count_terms_by_hand():
    texts = ["Police fired. Police fled.", "Police fired!", "Protests spread."]
    tc = count_terms(texts, ["B", "A", "B"], ngram_range=(1, 2), min_count=1)
    assert tc.groups == ["A", "B"]  # sorted
    assert sparse.issparse(tc.counts)
    got = tc.to_frame()
    # group A: "police fired" ; group B: "police fired", "police fled", "protests spread"
    assert got.loc["A"].to_dict() == {
        "fired": 1, "fled": 0, "police": 1, "police fired": 1, "police fled": 0,
        "protests": 0, "protests spread": 0, "spread": 0,
    }
    assert got.loc["B"].to_dict() == {
        "fired": 1, "fled": 1, "police": 2, "police fired": 1, "police fled": 1,
        "protests": 1, "protests spread": 1, "spread": 1,
    }
    assert tc.n_tokens.tolist() == [2, 6]
    assert tc.n_terms.tolist() == [3, 9]  # tokens + bigrams
    assert tc.n_docs.tolist() == [1, 2]


def test_count_terms_matches_bruteforce_and_min_count_keeps_totals():
    texts = ["A b c. A b.", "b c d", "A a a. D", "c c c b", "d a"]
    groups = ["x", "y", "x", "z", "y"]
    analyzer = NgramAnalyzer(ngram_range=(1, 2))
    expected: dict[str, Counter] = {}
    tokens: Counter = Counter()
    for text, g in zip(texts, groups, strict=True):
        expected.setdefault(g, Counter()).update(analyzer(text))
        tokens[g] += len(word_tokens(text))
    full = count_terms(texts, groups, ngram_range=(1, 2), min_count=1)
    frame = full.to_frame()
    for g in "xyz":
        assert {t: c for t, c in frame.loc[g].items() if c} == dict(expected[g])
        assert full.n_tokens[full.groups.index(g)] == tokens[g]
    trimmed = count_terms(texts, groups, ngram_range=(1, 2), min_count=3)
    pooled = sum(expected.values(), Counter())
    assert trimmed.vocabulary.tolist() == sorted(t for t, c in pooled.items() if c >= 3)
    assert trimmed.n_terms.tolist() == full.n_terms.tolist()


def test_count_terms_streams_a_generator_of_100000_documents():
    n = 100_000

    def texts():
        for i in range(n):
            yield f"Word{i % 5} common. Другое слово"

    groups = (f"g{i % 4}" for i in range(n))
    tc = count_terms(texts(), groups, ngram_range=(1, 2), min_count=1)
    frame = tc.to_frame()
    assert tc.n_docs.tolist() == [25_000] * 4
    assert tc.n_tokens.tolist() == [100_000] * 4
    # word{k} with k = i % 5 in group i % 4: each of the 20 (k, g) cells gets n / 20 documents
    assert frame.loc["g0", "word0 common"] == 5_000
    assert frame.loc["g3", "другое слово"] == 25_000
    assert "common другое" not in frame.columns


def test_categorical_groups_keep_order_and_empty_category():
    groups = pd.Series(pd.Categorical(["b", "a", "b"], categories=["b", "a", "c"]))
    tc = count_terms(["x y", "y z", "z"], groups, ngram_range=(1, 1), min_count=1)
    assert tc.groups == ["b", "a", "c"]
    assert tc.n_tokens.tolist() == [3, 2, 0]


@pytest.mark.parametrize(
    ("texts", "groups", "kwargs", "message"),
    [
        (["a b", "c d"], ["x", "x"], {}, "at least two groups"),
        (["a b", "c d"], ["x", None], {}, "document 1 is missing"),
        (["a b", "c d"], ["x", float("nan")], {}, "document 1 is missing"),
        (["a b", "c d", "e"], ["x", "y"], {}, "more texts than group labels"),
        (["a b"], ["x", "y"], {}, "2 group labels but 1 texts"),
        (["", "!!!"], ["x", "y"], {"min_count": 1}, "empty vocabulary"),
        (["a b", "c d"], ["x", "y"], {"min_count": 3}, "lower min_count"),
        (["a b", None], ["x", "y"], {}, "text 1 is NoneType"),
        ("a b", ["x", "y"], {}, "not a single string"),
        (["a b", "c d"], ["x", "y"], {"min_count": 0}, "min_count"),
    ],
)
def test_count_terms_errors(texts, groups, kwargs, message):
    with pytest.raises(KeynessError, match=message):
        count_terms(texts, groups, **{"min_count": 1, **kwargs})


# --------------------------------------------------------------------------- log-odds


def _mcq_by_hand(y_i, y_j, n_i, n_j, y_w, n, a0):
    """Monroe, Colaresi & Quinn (2008) eq. for one term, written out with math.log."""
    a_w = a0 * y_w / n
    delta = math.log((y_i + a_w) / (n_i + a0 - y_i - a_w)) - math.log(
        (y_j + a_w) / (n_j + a0 - y_j - a_w)
    )
    var = 1 / (y_i + a_w) + 1 / (y_j + a_w)
    return delta, delta / math.sqrt(var)


THREE_GROUPS = pd.DataFrame(
    {"war": [10, 2, 0], "peace": [1, 8, 3], "the": [50, 60, 20], "coup": [0, 0, 4]},
    index=["RT", "BBC", "TASS"],
)


@pytest.mark.parametrize("alpha0", [None, 50.0, 1e4])
def test_logodds_matches_hand_computation(alpha0):
    table = keyness_from_counts(THREE_GROUPS, method="logodds", alpha0=alpha0)
    n = THREE_GROUPS.to_numpy().sum()  # 158
    a0 = 0.1 * n if alpha0 is None else alpha0
    for group in THREE_GROUPS.index:
        n_i = THREE_GROUPS.loc[group].sum()
        for term in THREE_GROUPS.columns:
            y_i = THREE_GROUPS.loc[group, term]
            y_w = THREE_GROUPS[term].sum()
            delta, z = _mcq_by_hand(y_i, y_w - y_i, n_i, n - n_i, y_w, n, a0)
            row = table[(table.group == group) & (table.term == term)].iloc[0]
            assert row["log_odds"] == pytest.approx(delta, rel=1e-12)
            assert row["value"] == pytest.approx(z, rel=1e-12)
            assert row["p_value"] == pytest.approx(2 * norm.sf(abs(z)), rel=1e-9)
            assert row["count"] == y_i and row["count_rest"] == y_w - y_i
            assert row["statistic"] == "logodds"


def test_logodds_without_prior_is_the_sample_log_odds_ratio():
    # as a_0 -> 0, delta is the log of the 2x2 sample odds ratio (scipy, independent)
    counts = pd.DataFrame({"w": [12, 5], "other": [88, 195]}, index=["i", "j"])
    table = keyness_from_counts(counts, method="logodds", alpha0=1e-9)
    row = table[(table.group == "i") & (table.term == "w")].iloc[0]
    expected = math.log(odds_ratio([[12, 88], [5, 195]], kind="sample").statistic)
    assert row["log_odds"] == pytest.approx(expected, rel=1e-6)
    assert row["se"] == pytest.approx(math.sqrt(1 / 12 + 1 / 5), rel=1e-6)


def test_two_groups_are_mirror_images():
    counts = pd.DataFrame({"a": [3, 7], "b": [7, 2], "c": [5, 5]}, index=["d1", "d2"])
    for method in ("logodds", "chi2", "g2"):
        table = keyness_from_counts(counts, method=method).set_index(["group", "term"])
        for term in counts.columns:
            mirrored = -table.loc[("d2", term), "value"]
            assert table.loc[("d1", term), "value"] == pytest.approx(mirrored)


# --------------------------------------------------------------------------- chi2 / G2


def _two_groups(a, b, c, d):
    """Counts where the target has term w a times (c other terms), the reference b (d)."""
    return pd.DataFrame({"w": [a, b], "other": [c, d]}, index=["target", "reference"])


def _value(table, term="w", group="target", column="value"):
    return table[(table.group == group) & (table.term == term)][column].iloc[0]


# (a, b, c, d), whether quanteda's default applies Yates (|ad-bc| >= N/2 and an expected < 5)
TABLES = [
    ((3, 7, 7, 2), True),  # quanteda's own test table (d1 "b...a", d2 "a...b")
    ((10, 20, 30, 40), False),  # all expected >= 5
    ((30, 10, 70, 90), False),
    ((1, 1, 9, 10), False),  # an expected < 5 but |ad - bc| = 1 < N/2: no correction
    ((0, 6, 40, 30), True),  # a zero cell
]


@pytest.mark.parametrize(("cells", "yates"), TABLES)
@pytest.mark.parametrize("method", ["chi2", "g2"])
def test_default_correction_matches_scipy(cells, yates, method):
    a, b, c, d = cells
    table = keyness_from_counts(_two_groups(a, b, c, d), method=method)
    lambda_ = None if method == "chi2" else "log-likelihood"
    ref = chi2_contingency([[a, b], [c, d]], correction=yates, lambda_=lambda_)
    expected_sign = 1 if a > (a + b) * (a + c) / (a + b + c + d) else -1
    assert _value(table) == pytest.approx(expected_sign * ref.statistic, rel=1e-10)
    assert _value(table, column="p_value") == pytest.approx(ref.pvalue, rel=1e-8)
    # "yates" is the same conditional correction in quanteda's code
    yates_table = keyness_from_counts(_two_groups(a, b, c, d), method=method, correction="yates")
    assert _value(yates_table) == pytest.approx(_value(table))


@pytest.mark.parametrize(("cells", "yates"), TABLES)
@pytest.mark.parametrize("method", ["chi2", "g2"])
def test_no_correction_matches_scipy(cells, yates, method):
    a, b, c, d = cells
    table = keyness_from_counts(_two_groups(a, b, c, d), method=method, correction="none")
    lambda_ = None if method == "chi2" else "log-likelihood"
    ref = chi2_contingency([[a, b], [c, d]], correction=False, lambda_=lambda_)
    assert abs(_value(table)) == pytest.approx(ref.statistic, rel=1e-10)


def test_chi2_and_g2_by_hand():
    # target: w 10 times of 40 terms; reference: w 20 times of 60.  N = 100.
    # E = [[12, 18], [28, 42]], all >= 5 -> no Yates; a = 10 < 12 -> negative sign.
    counts = _two_groups(10, 20, 30, 40)
    chi2_value = 100 * (10 * 40 - 20 * 30) ** 2 / (30 * 70 * 40 * 60)  # = 0.7936507936...
    assert chi2_value == pytest.approx(0.7936507936507936)
    table = keyness_from_counts(counts, method="chi2")
    assert _value(table) == pytest.approx(-chi2_value)
    assert _value(table, term="other") == pytest.approx(chi2_value)
    assert _value(table, column="p_value") == pytest.approx(chi2.sf(chi2_value, 1))
    g2 = 2 * (10 * math.log(10 / 12) + 20 * math.log(20 / 18)
              + 30 * math.log(30 / 28) + 40 * math.log(40 / 42))
    assert _value(keyness_from_counts(counts, method="g2")) == pytest.approx(-g2)


def test_yates_by_hand_on_quanteda_test_table():
    # quanteda's test: d1 = "b b b b b b b a a a", d2 = "a a a a a a a b b".
    # term a in d1: [[3, 7], [7, 2]], N = 19, |ad - bc| = 43; an expected count is 4.74 < 5
    n = 19
    expected = n * (43 - n / 2) ** 2 / (10 * 9 * 10 * 9)
    table = keyness_from_counts(pd.DataFrame({"a": [3, 7], "b": [7, 2]}, index=["d1", "d2"]),
                                method="chi2")
    assert _value(table, term="a", group="d1") == pytest.approx(-expected)
    assert _value(table, term="b", group="d1") == pytest.approx(expected)


def test_williams_correction():
    counts = pd.DataFrame({"a": [3, 7], "b": [7, 2]}, index=["d1", "d2"])
    # Williams' q for [[3, 7], [7, 2]]: row and column sums are 10 and 9, N = 19
    q = 1 + (19 / 10 + 19 / 9 - 1) * (19 / 10 + 19 / 9 - 1) / (6 * 19)
    chi2_table = keyness_from_counts(counts, method="chi2", correction="williams")
    # quanteda's test suite gives 4.017626 for chi2 with Williams on this table
    assert abs(_value(chi2_table, term="a", group="d1")) == pytest.approx(4.017626, abs=1e-6)
    uncorrected = chi2_contingency([[3, 7], [7, 2]], correction=False).statistic
    assert abs(_value(chi2_table, term="a", group="d1")) == pytest.approx(uncorrected / q)
    g2_table = keyness_from_counts(counts, method="g2", correction="williams")
    g2 = chi2_contingency([[3, 7], [7, 2]], correction=False, lambda_="log-likelihood").statistic
    assert _value(g2_table, term="a", group="d1") == pytest.approx(-g2 / q)
    # a zero cell: q = 1 (quanteda)
    zero = keyness_from_counts(_two_groups(0, 6, 40, 30), method="g2", correction="williams")
    plain = keyness_from_counts(_two_groups(0, 6, 40, 30), method="g2", correction="none")
    assert _value(zero) == pytest.approx(_value(plain))


def test_chi2_with_three_groups_pools_the_rest():
    table = keyness_from_counts(THREE_GROUPS, method="chi2", correction="none")
    # TASS vs RT + BBC for "coup": a = 4, b = 0, c = 27 - 4, d = 131 - 0
    n_tass, n_rest = THREE_GROUPS.loc["TASS"].sum(), THREE_GROUPS.drop("TASS").to_numpy().sum()
    ref = chi2_contingency([[4, 0], [n_tass - 4, n_rest]], correction=False).statistic
    assert _value(table, term="coup", group="TASS") == pytest.approx(ref)


# --------------------------------------------------------------------------- tfidf


def test_tfidf_equals_vectorizer_on_concatenated_group_texts():
    texts = ["Police fired. Protests spread.", "Police fled.", "Terrorists attacked police.",
             "Protests spread again."]
    groups = ["A", "B", "A", "C"]
    table = keyness(texts, groups, method="tfidf", ngram_range=(1, 2), min_count=1)
    joined = {g: "\n".join(t for t, gg in zip(texts, groups, strict=True) if gg == g)
              for g in "ABC"}
    vec = TfidfVectorizer(analyzer=NgramAnalyzer(ngram_range=(1, 2)))
    X = vec.fit_transform([joined[g] for g in "ABC"]).toarray()
    terms = vec.get_feature_names_out()
    for k, g in enumerate("ABC"):
        got = table[table.group == g].set_index("term")["value"]
        assert got.reindex(terms).to_numpy() == pytest.approx(X[k])
    assert table["p_value"].isna().all()
    assert set(table["statistic"]) == {"tfidf"}


# --------------------------------------------------------------------------- table, Unicode, errors


def test_table_columns_and_sort_order():
    table = keyness_from_counts(THREE_GROUPS, method="g2")
    assert table.columns.tolist() == [
        "group", "term", "count", "count_rest", "statistic", "value", "p_value",
    ]
    assert table["group"].tolist() == ["RT"] * 4 + ["BBC"] * 4 + ["TASS"] * 4  # row order
    for _, part in table.groupby("group"):
        assert part["value"].is_monotonic_decreasing
    logodds = keyness_from_counts(THREE_GROUPS)
    assert logodds.columns.tolist()[-2:] == ["log_odds", "se"]


def test_keyness_sorts_groups():
    table = keyness(["b a", "c a", "a d"], ["zeta", "alpha", "mu"], ngram_range=(1, 1), min_count=1)
    assert table["group"].unique().tolist() == ["alpha", "mu", "zeta"]


def test_ties_are_broken_by_term():
    counts = pd.DataFrame({"b": [1, 1], "a": [1, 1], "c": [1, 1]}, index=["x", "y"])
    table = keyness_from_counts(counts, method="chi2")
    assert table[table.group == "x"]["term"].tolist() == ["a", "b", "c"]


RUSSIAN = [
    ("Путин заявил о попытке государственного переворота. Террористы атаковали Алматы.", "РИА"),
    ("Террористы и бандиты атаковали здания. Путин поддержал Токаева.", "РИА"),
    ("Протестующие вышли на улицы из-за цен на газ. Полиция разогнала протестующих.", "Медуза"),
    ("Протестующие требовали отставки правительства. Цены на газ выросли.", "Медуза"),
]


def test_russian_corpus():
    texts, outlets = zip(*RUSSIAN, strict=True)
    table = keyness(list(texts), list(outlets), method="chi2", ngram_range=(1, 2), min_count=2)
    ria = table[table.group == "РИА"].set_index("term")
    # "террористы" (2 in РИА, 0 in Медуза) and "путин" are РИА terms
    assert ria.loc["террористы", "count"] == 2 and ria.loc["террористы", "count_rest"] == 0
    assert ria.loc["террористы", "value"] > 0
    assert ria.loc["протестующие", "value"] < 0
    # no stemming: "протестующих" (genitive) is a different term
    assert ria.loc["протестующие", "count_rest"] == 2
    assert "протестующих" not in ria.index  # seen once: below min_count
    assert ria.loc["на газ", "count_rest"] == 2  # a Cyrillic bigram
    assert "атаковали алматы" not in ria.index  # seen once: below min_count
    assert all(term == term.lower() for term in table["term"])
    # G2 for "террористы" against scipy: РИА has 2 of n_ria terms, Медуза 0 of n_med
    tc = count_terms(list(texts), list(outlets), ngram_range=(1, 2), min_count=2)
    n_med, n_ria = tc.n_terms  # groups sorted: "Медуза" < "РИА"
    ref = chi2_contingency([[2, 0], [n_ria - 2, n_med]], lambda_="log-likelihood",
                           correction=False).statistic
    g2 = keyness_from_counts(tc, method="g2", correction="none")
    assert _value(g2, term="террористы", group="РИА") == pytest.approx(ref)


def test_group_without_tokens_gives_nan_rows_and_warning():
    groups = pd.Series(pd.Categorical(["x", "y"], categories=["x", "y", "empty"]))
    with pytest.warns(KeynessWarning, match="'empty'"):
        table = keyness(["a b a", "b c"], groups, ngram_range=(1, 1), min_count=1)
    empty = table[table.group == "empty"]
    assert len(empty) == 3 and empty["value"].isna().all() and empty["p_value"].isna().all()
    assert not table[table.group != "empty"]["value"].isna().any()

    texts_with_blank = ["a b a", "", "b c"]
    with pytest.warns(KeynessWarning, match="'z'"):
        table = keyness(texts_with_blank, ["x", "z", "y"], method="chi2", ngram_range=(1, 1),
                        min_count=1)
    assert table[table.group == "z"]["value"].isna().all()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"method": "pmi"}, "method"),
        ({"method": "chi2", "correction": "bonferroni"}, "correction"),
        ({"method": "logodds", "correction": "yates"}, "applies to method='chi2' or 'g2'"),
        ({"method": "tfidf", "correction": "none"}, "applies to method='chi2' or 'g2'"),
        ({"alpha0": 0}, "alpha0"),
        ({"alpha0": -1.0}, "alpha0"),
        ({"alpha0": float("inf")}, "alpha0"),
    ],
)
def test_option_errors(kwargs, message):
    with pytest.raises(KeynessError, match=message):
        keyness(["a b", "c d"], ["x", "y"], min_count=1, **kwargs)


@pytest.mark.parametrize(
    ("counts", "message"),
    [
        (pd.DataFrame({"a": [1]}, index=["x"]), "at least two groups"),
        (pd.DataFrame({"a": [1, -1]}, index=["x", "y"]), "non-negative integer"),
        (pd.DataFrame({"a": [1.5, 1]}, index=["x", "y"]), "non-negative integer"),
        (pd.DataFrame(index=["x", "y"]), "must hold numbers"),
        ("not counts", "TermCounts or a DataFrame"),
    ],
)
def test_keyness_from_counts_errors(counts, message):
    with pytest.raises(KeynessError, match=message):
        keyness_from_counts(counts, method="chi2")


def test_termcounts_checks_shapes():
    with pytest.raises(KeynessError, match="shape"):
        TermCounts(groups=["a"], vocabulary=np.array(["x"]),
                   counts=sparse.csr_matrix(np.ones((2, 1))), n_terms=np.ones(2),
                   n_tokens=np.ones(2), n_docs=np.ones(2))


@pytest.mark.parametrize(
    ("stop_words", "expected"),
    [
        (None, ["police", "fired", "on", "crowds", "police fired", "fired on", "on crowds"]),
        ("english", ["police", "fired", "crowds", "police fired"]),
        (["police"], ["fired", "on", "crowds", "fired on", "on crowds"]),
    ],
)
def test_stop_words_drop_ngrams_without_bridging(stop_words, expected):
    analyzer = NgramAnalyzer(ngram_range=(1, 2), stop_words=stop_words)
    assert analyzer("Police fired on crowds.") == expected


def test_stop_words_reach_keyness():
    texts = ["the protest the protest march", "the coup the coup plot"]
    table = keyness(texts, ["A", "B"], ngram_range=(1, 1), min_count=1, stop_words="english")
    assert "the" not in set(table["term"])
    with pytest.raises(KeynessError, match="stop_words"):
        NgramAnalyzer(stop_words="german")

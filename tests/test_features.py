"""LexiconVectorizer: the scikit-learn contract, by hand (text estimators skip the common checks)."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import FeatureUnion, Pipeline

from framing.datasets import load_kazakhstan_2022
from framing.features import LexiconVectorizer
from framing.lexicon import loads_lexicon
from framing.pipeline import analyze

LEX = loads_lexicon(
    """
name: tiny
version: "1"
categories:
  threat:
    description: security threat
    entries: [terrorist*, coup]
  protest:
    description: protest
    entries: [protest*, {pattern: opened fire, weight: 2}]
""",
    format="framing",
    source="<test>",
)

TEXTS = [
    "Police opened fire on protesters. Protests spread.",
    'Tokayev called them "terrorists". He said it was a coup.',
    "Nothing here.",
]


def test_counts_and_names():
    vec = LexiconVectorizer(lexicon=LEX).fit(TEXTS)
    assert vec.get_feature_names_out().tolist() == ["threat", "protest"]
    X = vec.transform(TEXTS)
    np.testing.assert_array_equal(X, [[0, 3], [2, 0], [0, 0]])


def test_voice_split_and_weights():
    vec = LexiconVectorizer(lexicon=LEX, voice=True, weighted=True).fit(TEXTS)
    assert vec.get_feature_names_out().tolist() == [
        "threat__authorial", "threat__attributed", "protest__authorial", "protest__attributed"]
    X = vec.transform(TEXTS)
    # "opened fire" weighs 2; "terrorists" is in quotes, "coup" in reported speech
    np.testing.assert_array_equal(X[0], [0, 0, 4, 0])
    np.testing.assert_array_equal(X[1], [0, 2, 0, 0])


def test_rates_per_1k_and_empty_text():
    vec = LexiconVectorizer(lexicon=LEX, output="per_1k").fit(TEXTS)
    X = vec.transform([TEXTS[0], ""])
    np.testing.assert_allclose(X[0], [0, 3 / 7 * 1000])  # 7 word tokens
    assert np.isnan(X[1]).all()


def test_agrees_with_the_pipeline_on_the_seeds():
    """Per document, vectorizer counts equal the pipeline's non-boilerplate matches."""
    corpus = load_kazakhstan_2022()
    result = analyze(corpus, "kazakhstan-2022")
    vec = LexiconVectorizer(voice=True).fit([])
    X = vec.transform(corpus.texts())
    bp = result.sentences.set_index(["doc_id", "sentence_id"])["boilerplate"]
    m = result.matches
    m = m[~np.asarray([bp[(d, s)] for d, s in zip(m["doc_id"], m["sentence_id"], strict=True)])]
    expected = (m.groupby(["doc_id", "frame", "voice"]).size()
                .unstack(["frame", "voice"], fill_value=0))
    for i, doc_id in enumerate(corpus.doc_ids):
        for j, name in enumerate(vec.get_feature_names_out()):
            frame, voice = name.split("__")
            want = expected.loc[doc_id].get((frame, voice), 0) if doc_id in expected.index else 0
            assert X[i, j] == want, (doc_id, name)


def test_clone_params_pickle():
    vec = LexiconVectorizer(lexicon=LEX, voice=True, output="per_1k")
    assert clone(vec).get_params() == vec.get_params()
    fitted = vec.fit(TEXTS)
    again = pickle.loads(pickle.dumps(fitted))
    np.testing.assert_array_equal(again.transform(TEXTS), fitted.transform(TEXTS))
    with pytest.raises(Exception, match="not fitted"):
        LexiconVectorizer(lexicon=LEX).transform(TEXTS)


def test_in_pipeline_featureunion_and_gridsearch():
    texts = TEXTS * 4
    y = [1, 0, 0] * 4
    union = FeatureUnion([("lex", LexiconVectorizer(lexicon=LEX)),
                          ("tfidf", TfidfVectorizer())])
    pipe = Pipeline([("features", union), ("clf", LogisticRegression())])
    pipe.fit(texts, y)
    assert pipe.predict(texts).shape == (12,)
    names = union.get_feature_names_out()
    assert names[0] == "lex__threat" and any(n.startswith("tfidf__") for n in names)
    search = GridSearchCV(pipe, {"features__lex__voice": [False, True]}, cv=2)
    search.fit(texts, y)
    assert search.best_params_["features__lex__voice"] in (False, True)


def test_set_output_pandas():
    vec = LexiconVectorizer(lexicon=LEX).set_output(transform="pandas").fit(TEXTS)
    frame = vec.transform(TEXTS)
    assert list(frame.columns) == ["threat", "protest"]


def test_bad_options():
    with pytest.raises(ValueError, match="output must be"):
        LexiconVectorizer(lexicon=LEX, output="share").fit(TEXTS)
    with pytest.raises(ValueError, match="not one string"):
        LexiconVectorizer(lexicon=LEX).fit(TEXTS).transform("one text")

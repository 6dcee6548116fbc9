"""Beyond the lexicon: a sentence classifier trained on lexicon labels, and lexicon expansion.

A lexicon finds a frame only where one of its words occurs. This module trains a
classifier on the lexicon's own sentence labels ("distant supervision"), so that
it can score every sentence, including those that express a frame in words the
lexicon lacks, and uses it to propose new lexicon terms for a researcher to
review. The stage sits after matching, in data-flow order:

:func:`distant_labels`
    sentence-level 0/1 labels from the matches (a sentence is positive for a
    frame if the lexicon matched that frame in it), with the sentence texts;
:class:`FrameClassifier`
    a scikit-learn estimator: TF-IDF of word n-grams
    (:class:`framing.keyness.NgramAnalyzer`) and one class-balanced logistic
    regression per frame;
:func:`train_distant`
    both steps, plus cross-validated agreement of the classifier with the
    lexicon and a probability for every sentence (:class:`DistantResult`);
:func:`agreement_with_coding`
    precision, recall and F1 of the classifier and of the lexicon, side by
    side, against human coding;
:func:`suggest_terms`, :func:`write_suggestions`, :func:`apply_decisions`
    lexicon expansion: candidate terms ranked by their association with the
    frame, written to a CSV in which the researcher accepts or rejects each
    one; only accepted terms are ever written to a (new) lexicon file.

.. warning::
   The classifier learns to imitate the lexicon. Its agreement with the
   lexicon (:attr:`DistantResult.cv_agreement`) says how learnable the
   lexicon's labels are from the wording, not how accurate either is; only
   :func:`agreement_with_coding` against human coding measures accuracy.
"""

from __future__ import annotations

import csv
import io
import os
import warnings
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold
from sklearn.utils.validation import check_is_fitted

from framing._checks import (
    check_choice,
    check_int,
    check_level,
    examples_of,
    invalid,
    require_columns,
)
from framing.agreement import (
    check_bootstrap,
    krippendorff_alpha,
    precision_recall_f1,
    prf_from_counts,
)
from framing.keyness import NgramAnalyzer, TermCounts, keyness_from_counts
from framing.scoring import FramingDataError
from framing.validation import check_coded, read_coded, validate

__all__ = [
    "ClassifierError",
    "ClassifierWarning",
    "DistantResult",
    "FrameClassifier",
    "agreement_with_coding",
    "apply_decisions",
    "distant_labels",
    "sentence_texts",
    "suggest_terms",
    "train_distant",
    "write_suggestions",
]

Voice = Literal["authorial", "attributed"]
Positives = Literal["classifier", "lexicon"]

_VOICES = ("authorial", "attributed")
_LABEL_KEYS = ("doc_id", "sentence_id", "start", "end", "text")
_DECISIONS = ("accept", "reject")
_EXAMPLE_CHARS = 200
_SUGGESTION_COLUMNS = ["frame", "rank", "term", "score", "log_odds", "count_pos", "count_neg",
                       "count_new", "in_lexicon_as", "example_sentences", "positives", "status"]


class ClassifierError(FramingDataError):
    """Input the classifier stage cannot use as it is (the message says why and the fix)."""


class ClassifierWarning(UserWarning):
    """A frame that cannot be learned or cross-validated (too few positive sentences)."""


# The shared checks (one wording package-wide), raising this module's error.
_invalid = partial(invalid, error=ClassifierError)
_require_columns = partial(require_columns, error=ClassifierError)
_check_choice = partial(check_choice, error=ClassifierError)
_check_int = partial(check_int, error=ClassifierError)
_check_level = partial(check_level, error=ClassifierError)


def _check_frames(frames: object) -> list[str]:
    if isinstance(frames, str) or not isinstance(frames, Iterable):
        raise TypeError(f"`frames` must be a list of frame names, got {frames!r}")
    out = list(frames)
    if not out:
        raise ClassifierError("`frames` is empty; pass the lexicon's categories")
    bad = [f for f in out if not isinstance(f, str)]
    if bad:
        raise ClassifierError(f"`frames` must hold strings, got {examples_of(bad)}")
    dup = sorted({f for f in out if out.count(f) > 1})
    if dup:
        raise ClassifierError(f"`frames` lists {dup} more than once")
    clash = [f for f in out if f in _LABEL_KEYS]
    if clash:
        raise ClassifierError(f"{clash} cannot be frame names (they are label-table columns)")
    return out


def _check_voice(voice: object) -> str | None:
    if voice is not None and voice not in _VOICES:
        raise _invalid("voice", voice, "None (any voice), 'authorial' or 'attributed'")
    return voice  # type: ignore[return-value]


def _check_texts(texts: object, name: str = "X") -> list[str]:
    if isinstance(texts, (str, bytes)):
        raise ClassifierError(f"{name} must be a sequence of texts, not a single string")
    if isinstance(texts, pd.DataFrame):
        raise ClassifierError(f"{name} must be a sequence of texts, not a DataFrame; pass "
                              "its text column")
    out = list(texts)  # type: ignore[call-overload]
    bad = [i for i, t in enumerate(out) if not isinstance(t, str)]
    if bad:
        raise ClassifierError(
            f"{name} must hold str, but text(s) at position(s) {examples_of(bad)} are "
            f"{type(out[bad[0]]).__name__}; replace missing texts by '' or drop them"
        )
    return out


def _text_of(corpus: Any, doc_id: Hashable) -> str:
    try:
        doc = corpus[doc_id if not isinstance(doc_id, np.generic) else doc_id.item()]
    except (KeyError, IndexError, TypeError):
        raise ClassifierError(
            f"document {doc_id!r} is not in the corpus; pass the corpus the tables were made from"
        ) from None
    text = getattr(doc, "text", doc)
    if not isinstance(text, str):
        raise ClassifierError(f"the text of document {doc_id!r} is not a string")
    return text


# --------------------------------------------------------------------------- texts


def sentence_texts(units: pd.DataFrame, corpus: Any) -> list[str]:
    """The text of every unit (sentence) of a table with character offsets.

    Parameters
    ----------
    units : pandas.DataFrame
        A table with columns ``doc_id``, ``start`` and ``end`` (e.g.
        :attr:`framing.pipeline.Analysis.sentences`).
    corpus : Corpus or mapping
        A :class:`framing.corpus.Corpus`, or a mapping from doc_id to text.

    Returns
    -------
    list of str
        ``corpus[doc_id].text[start:end]`` for every row, in row order. Each
        document is read once.

    Raises
    ------
    ClassifierError
        A document is not in the corpus, or an offset lies outside its text.

    Examples
    --------
    >>> import pandas as pd
    >>> from framing.classifier import sentence_texts
    >>> units = pd.DataFrame({"doc_id": ["a", "a"], "start": [0, 14], "end": [13, 26]})
    >>> sentence_texts(units, {"a": "Police fired. Crowds fled."})
    ['Police fired.', 'Crowds fled.']
    """
    _require_columns(units, ("doc_id", "start", "end"), "units")
    doc_ids = units["doc_id"].to_numpy()
    starts = pd.to_numeric(units["start"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    ends = pd.to_numeric(units["end"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    bad = ~np.isfinite(starts) | ~np.isfinite(ends) | (starts < 0) | (ends < starts)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ClassifierError(
            f"`units` row {i}: start/end ({units['start'].iloc[i]!r}, {units['end'].iloc[i]!r}) "
            "are not valid character offsets (integers, 0 <= start <= end)"
        )
    out: list[str] = [""] * len(units)
    codes, uniques = pd.factorize(doc_ids)
    for k, doc_id in enumerate(uniques):
        text = _text_of(corpus, doc_id)
        for i in np.flatnonzero(codes == k):
            s, e = int(starts[i]), int(ends[i])
            if e > len(text):
                raise ClassifierError(
                    f"`units` row {i}: end {e} is past the end of document {doc_id!r} "
                    f"({len(text)} characters); the table and the corpus do not match"
                )
            out[i] = text[s:e]
    return out


# --------------------------------------------------------------------------- estimator


def _label_matrix(y: object, n: int) -> tuple[np.ndarray, list[Hashable]]:
    if isinstance(y, pd.DataFrame):
        classes: list[Hashable] = list(y.columns)
        values = y.to_numpy()
    else:
        values = np.asarray(y)
        classes = list(range(values.shape[1])) if values.ndim == 2 else []
    if values.ndim != 2:
        raise ClassifierError(
            f"y must be a (n_sentences, n_frames) 0/1 matrix or DataFrame, got shape "
            f"{values.shape}; for one frame pass y.reshape(-1, 1) or a one-column DataFrame"
        )
    if values.shape[0] != n:
        raise ClassifierError(f"X has {n} texts but y has {values.shape[0]} rows")
    if values.shape[1] == 0:
        raise ClassifierError("y has no columns (frames)")
    frame = pd.DataFrame(values)
    if frame.isna().to_numpy().any():
        raise ClassifierError("y has missing values; label every sentence 0 or 1")
    ok = frame.isin([0, 1, True, False]).to_numpy()
    if not ok.all():
        bad = values[~ok][0]
        raise ClassifierError(f"y must hold 0/1 (or True/False), got {bad!r}")
    return frame.to_numpy().astype(np.int64), classes


class FrameClassifier(ClassifierMixin, BaseEstimator):
    """Multi-label sentence classifier: TF-IDF n-grams and one logistic regression per frame.

    Parameters
    ----------
    ngram_range : tuple of (int, int), default (1, 2)
        Word n-gram orders of the features (:class:`framing.keyness.NgramAnalyzer`;
        n-grams never cross a sentence end).
    min_df : int or float, default 1
        Minimum document frequency of an n-gram, as in
        :class:`~sklearn.feature_extraction.text.TfidfVectorizer`.
    sublinear_tf : bool, default True
        Use 1 + log(tf).
    C : float, default 1.0
        Inverse L2 regularisation strength of each logistic regression.
    class_weight : "balanced", dict or None, default "balanced"
        Class weights of each logistic regression; ``"balanced"`` weighs the
        (usually rare) positive sentences as much as the negatives.
    solver : {"liblinear", "lbfgs"}, default "liblinear"
        Solver of :class:`~sklearn.linear_model.LogisticRegression`.
    max_iter : int, default 1000
        Iteration limit of the solver.
    threshold : float, default 0.5
        :meth:`predict` calls a sentence positive when its probability is at
        least this.
    random_state : int, default 0
        Seed of the solver (liblinear shuffles its coordinates), so that fits
        are reproducible.

    Attributes
    ----------
    classes_ : ndarray of shape (n_frames,)
        The frames: the columns of ``y`` if it was a DataFrame, else 0 ... k-1.
    vectorizer_ : TfidfVectorizer
        The fitted TF-IDF vectorizer.
    estimators_ : list
        One fitted :class:`~sklearn.linear_model.LogisticRegression` per frame,
        or None for a frame whose training labels were all equal.
    constant_ : ndarray of shape (n_frames,)
        The constant probability (0 or 1) of frames without an estimator; NaN
        for the others.

    Notes
    -----
    One-vs-rest: the frames are independent binary problems sharing the
    TF-IDF features, so a sentence can carry several frames. With
    ``class_weight="balanced"`` the probabilities are those of a model that
    sees as many positive as negative sentences: they rank sentences well but
    are not calibrated prevalence estimates (averaging them does not estimate
    how common a frame is).

    scikit-learn's ``parametrize_with_checks`` cannot test estimators on text,
    so the tests check the estimator contract (``clone``, ``get_params``,
    pickling, use in ``Pipeline`` and ``GridSearchCV``) directly.

    Examples
    --------
    >>> import pandas as pd
    >>> from framing.classifier import FrameClassifier
    >>> texts = ["Terrorists attacked.", "Terrorists struck again.", "Protesters marched.",
    ...          "Protesters gathered.", "The weather was mild.", "Markets rose."]
    >>> y = pd.DataFrame({"terror": [1, 1, 0, 0, 0, 0], "protest": [0, 0, 1, 1, 0, 0]})
    >>> model = FrameClassifier().fit(texts, y)
    >>> model.classes_.tolist()
    ['terror', 'protest']
    >>> model.predict(["Terrorists in the city.", "Protesters in the city."]).tolist()
    [[1, 0], [0, 1]]
    """

    def __init__(
        self,
        *,
        ngram_range: tuple[int, int] = (1, 2),
        min_df: float = 1,
        sublinear_tf: bool = True,
        C: float = 1.0,
        class_weight: str | dict | None = "balanced",
        solver: str = "liblinear",
        max_iter: int = 1000,
        threshold: float = 0.5,
        random_state: int = 0,
    ) -> None:
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.sublinear_tf = sublinear_tf
        self.C = C
        self.class_weight = class_weight
        self.solver = solver
        self.max_iter = max_iter
        self.threshold = threshold
        self.random_state = random_state

    def _check_threshold(self) -> float:
        return _check_level("threshold", self.threshold)

    def fit(self, X: Iterable[str], y: npt.ArrayLike | pd.DataFrame) -> FrameClassifier:
        """Fit the vectorizer and one logistic regression per frame.

        Parameters
        ----------
        X : sequence of str
            Sentence texts.
        y : array-like or DataFrame of shape (n_sentences, n_frames)
            0/1 labels, one column per frame.

        Returns
        -------
        FrameClassifier
            The fitted estimator.

        Warns
        -----
        ClassifierWarning
            A frame whose labels are all equal (no positive, or no negative,
            sentence); it gets a constant probability.
        """
        texts = _check_texts(X)
        labels, classes = _label_matrix(y, len(texts))
        self._check_threshold()
        _check_choice("solver", self.solver, ("liblinear", "lbfgs"))
        vectorizer = TfidfVectorizer(
            analyzer=NgramAnalyzer(ngram_range=self.ngram_range),
            min_df=self.min_df, sublinear_tf=self.sublinear_tf, dtype=np.float64,
        )
        try:
            features = vectorizer.fit_transform(texts)
        except ValueError as exc:
            if "empty vocabulary" in str(exc) or "no terms remain" in str(exc):
                raise ClassifierError(
                    f"no n-gram to learn from ({exc}); check that the texts are not empty "
                    "or lower min_df"
                ) from None
            raise
        estimators: list[LogisticRegression | None] = []
        constant = np.full(labels.shape[1], np.nan)
        single = []
        for j in range(labels.shape[1]):
            column = labels[:, j]
            if column.min() == column.max():
                estimators.append(None)
                constant[j] = float(column[0])
                single.append(classes[j])
                continue
            model = LogisticRegression(
                C=self.C, class_weight=self.class_weight, solver=self.solver,
                max_iter=self.max_iter, random_state=self.random_state,
            )
            estimators.append(model.fit(features, column))
        if single:
            warnings.warn(
                f"frame(s) {examples_of(single)} have a single class in the training labels "
                "(no positive or no negative sentence); their probability is a constant "
                "0 or 1",
                ClassifierWarning,
                stacklevel=2,
            )
        self.vectorizer_ = vectorizer
        self.estimators_ = estimators
        self.constant_ = constant
        self.classes_ = np.asarray(classes, dtype=object)
        return self

    def predict_proba(self, X: Iterable[str]) -> np.ndarray:
        """Probability of every frame for every text.

        Parameters
        ----------
        X : sequence of str

        Returns
        -------
        ndarray of shape (n_texts, n_frames)
            P(frame | text), columns in the order of :attr:`classes_`.
        """
        check_is_fitted(self, "estimators_")
        texts = _check_texts(X)
        features = self.vectorizer_.transform(texts)
        out = np.empty((len(texts), len(self.estimators_)))
        for j, model in enumerate(self.estimators_):
            if model is None:
                out[:, j] = self.constant_[j]
            else:
                out[:, j] = model.predict_proba(features)[:, list(model.classes_).index(1)]
        return out

    def predict(self, X: Iterable[str]) -> np.ndarray:
        """0/1 frame labels: probability at least :attr:`threshold`.

        Returns
        -------
        ndarray of int of shape (n_texts, n_frames)
        """
        threshold = self._check_threshold()
        return (self.predict_proba(X) >= threshold).astype(np.int64)

    def coefficients(self, *, top: int = 20) -> pd.DataFrame:
        """The n-grams with the largest positive weight for each frame.

        Parameters
        ----------
        top : int, default 20
            Terms per frame.

        Returns
        -------
        pandas.DataFrame
            Columns ``frame``, ``rank`` (1 = largest weight), ``term`` and
            ``coefficient`` (the logistic-regression weight of the term's
            TF-IDF value). Frames without an estimator have no rows.
        """
        check_is_fitted(self, "estimators_")
        top = _check_int("top", top, 1)
        names = self.vectorizer_.get_feature_names_out()
        parts = []
        for frame, model in zip(self.classes_, self.estimators_, strict=True):
            if model is None:
                continue
            coef = model.coef_.ravel()
            order = np.lexsort((names, -coef))[:top]
            parts.append(pd.DataFrame({
                "frame": frame, "rank": np.arange(1, len(order) + 1, dtype=np.int64),
                "term": names[order], "coefficient": coef[order],
            }))
        if not parts:
            return pd.DataFrame({"frame": [], "rank": [], "term": [], "coefficient": []})
        return pd.concat(parts, ignore_index=True)

    def __sklearn_tags__(self):  # type: ignore[no-untyped-def]  # scikit-learn >= 1.6
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        tags.classifier_tags.multi_label = True
        tags.target_tags.multi_output = True
        tags.target_tags.single_output = False
        return tags

    def _more_tags(self) -> dict[str, Any]:  # scikit-learn < 1.6
        return {"X_types": ["string"], "multilabel": True, "multioutput_only": True}


# --------------------------------------------------------------------------- labels


def distant_labels(
    sentences: pd.DataFrame,
    matches: pd.DataFrame,
    *,
    frames: Sequence[str],
    corpus: Any = None,
    voice: Voice | None = None,
) -> pd.DataFrame:
    """Sentence-level frame labels from the lexicon's matches.

    Parameters
    ----------
    sentences : pandas.DataFrame
        The sentences table: ``doc_id, sentence_id, start, end, boilerplate``
        and, if ``corpus`` is not given, a ``text`` column.
    matches : pandas.DataFrame
        The matches table: ``doc_id, sentence_id, frame, voice``.
    frames : sequence of str
        The frames to label, in order. Matches of other frames are ignored.
    corpus : Corpus or mapping, optional
        Where the sentence texts are read from (``corpus[doc_id].text[start:end]``);
        needed unless ``sentences`` has a ``text`` column.
    voice : {"authorial", "attributed"}, optional
        Count only matches in this voice; default: any voice.

    Returns
    -------
    pandas.DataFrame
        One row per non-boilerplate sentence, in the order of ``sentences``,
        with columns ``doc_id``, ``sentence_id``, ``start``, ``end``, ``text``
        and one int column per frame: 1 if the sentence has at least one
        match of the frame (in ``voice``, if given), else 0. ``attrs`` holds
        ``frames`` and ``voice``.

    Raises
    ------
    ClassifierError
        A column is missing, ``(doc_id, sentence_id)`` is duplicated, a match
        points to no sentence, a frame name clashes with a column, or the
        texts cannot be found.

    Notes
    -----
    Boilerplate sentences are left out: they are outside the unit of analysis
    (as in :func:`framing.scoring.score_table`), and their matches are
    not evidence of the outlet's framing. A match's weight does not matter:
    one match makes the sentence positive.

    Examples
    --------
    >>> import pandas as pd
    >>> from framing.classifier import distant_labels
    >>> sentences = pd.DataFrame({"doc_id": ["a", "a", "a"], "sentence_id": [0, 1, 2],
    ...     "start": [0, 14, 27], "end": [13, 26, 35], "boilerplate": [False, False, True]})
    >>> matches = pd.DataFrame({"doc_id": ["a"], "sentence_id": [0],
    ...                         "frame": ["crackdown"], "voice": ["authorial"]})
    >>> distant_labels(sentences, matches, frames=["crackdown"],
    ...                corpus={"a": "Police fired. Crowds fled. Share!"})
      doc_id  sentence_id  start  end           text  crackdown
    0      a            0      0   13  Police fired.          1
    1      a            1     14   26   Crowds fled.          0
    """
    frames = _check_frames(frames)
    voice = _check_voice(voice)
    need_text = corpus is None
    _require_columns(sentences, ("doc_id", "sentence_id", "boilerplate", "start", "end")
                     + (("text",) if need_text else ()), "sentences")
    _require_columns(matches, ("doc_id", "sentence_id", "frame")
                     + (("voice",) if voice else ()), "matches")
    key = pd.MultiIndex.from_arrays([sentences["doc_id"], sentences["sentence_id"]])
    if key.has_duplicates:
        raise ClassifierError(
            f"`sentences` has duplicated (doc_id, sentence_id) keys: "
            f"{examples_of(key[key.duplicated()].unique().tolist())}"
        )
    boiler = sentences["boilerplate"]
    if boiler.isna().any():
        raise ClassifierError("`sentences['boilerplate']` has missing values; mark every "
                              "sentence True or False")
    keep = ~boiler.astype(bool).to_numpy()
    body = sentences.loc[keep, ["doc_id", "sentence_id", "start", "end"]].reset_index(drop=True)
    if need_text:
        text = sentences.loc[keep, "text"].reset_index(drop=True)
        if not text.map(lambda t: isinstance(t, str)).all():
            raise ClassifierError("`sentences['text']` must hold a string for every sentence")
        body["text"] = text.astype(object)
    else:
        body["text"] = pd.Series(sentence_texts(body, corpus), dtype=object)

    row = key.get_indexer(pd.MultiIndex.from_arrays([matches["doc_id"], matches["sentence_id"]]))
    if (row < 0).any():
        orphan = matches[row < 0]
        raise ClassifierError(
            f"{int((row < 0).sum())} match(es) point to no sentence, e.g. "
            f"{examples_of(list(zip(orphan['doc_id'], orphan['sentence_id'], strict=True)))}; "
            "check that doc_id and sentence_id have the same values and types in both tables"
        )
    selected = matches["frame"].isin(frames).to_numpy()
    if voice is not None:
        selected = selected & (matches["voice"] == voice).to_numpy()
    # row in `sentences` -> row in `body` (-1 for boilerplate)
    position = np.full(len(sentences), -1, dtype=np.int64)
    position[keep] = np.arange(int(keep.sum()))
    target = position[row[selected]]
    fcode = pd.Index(frames).get_indexer(matches["frame"].to_numpy()[selected])
    inside = target >= 0
    labels = np.zeros((len(body), len(frames)), dtype=np.int64)
    labels[target[inside], fcode[inside]] = 1
    for j, frame in enumerate(frames):
        body[frame] = labels[:, j]
    body.attrs.update(frames=list(frames), voice=voice)
    return body


# --------------------------------------------------------------------------- training


@dataclass(frozen=True, repr=False, eq=False)
class DistantResult:
    """A classifier trained on lexicon labels, with its agreement with the lexicon.

    Made by :func:`train_distant`.

    Attributes
    ----------
    model : FrameClassifier
        Fitted on all non-boilerplate sentences and their lexicon labels.
    frames : tuple of str
        The frames, in order.
    labels : pandas.DataFrame
        The training table of :func:`distant_labels` (texts and lexicon labels).
    cv_agreement : pandas.DataFrame
        Cross-validated agreement with the lexicon, per frame (see
        :func:`train_distant`).
    sentence_scores : pandas.DataFrame
        P(frame) of every non-boilerplate sentence (see :func:`train_distant`).
    voice : str or None
        The voice of the matches used as labels (None: any).
    cv, seed : int
        Folds and seed of the cross-validation.
    matches : pandas.DataFrame or None
        The matches the labels came from (for :func:`agreement_with_coding`).
    lexicon : Lexicon or None
        The lexicon (for :func:`suggest_terms`).
    corpus : Corpus or None
        The corpus (for texts of coded units).
    doc_groups : pandas.Series or None
        doc_id -> group of near-duplicate documents, used to keep copies of a
        text in the same fold in :func:`agreement_with_coding`.
    """

    model: FrameClassifier
    frames: tuple[str, ...]
    labels: pd.DataFrame
    cv_agreement: pd.DataFrame
    sentence_scores: pd.DataFrame
    voice: str | None
    cv: int
    seed: int
    matches: pd.DataFrame | None = None
    lexicon: Any = None
    corpus: Any = None
    doc_groups: pd.Series | None = field(default=None)

    def __repr__(self) -> str:
        return (f"<DistantResult: {len(self.labels)} sentences, frames {list(self.frames)}, "
                f"{self.cv}-fold CV, seed {self.seed}>")


def _resolve_tables(
    data: Any, frames: Sequence[str] | None, voice: str | None, corpus: Any
) -> tuple[pd.DataFrame, list[str], dict[str, Any]]:
    """Labels table, frames, and the context (matches, lexicon, corpus, doc_groups)."""
    context: dict[str, Any] = {"matches": None, "lexicon": None, "corpus": corpus,
                               "doc_groups": None}
    if isinstance(data, pd.DataFrame):
        frames = _check_frames(frames if frames is not None else data.attrs.get("frames") or [])
        _require_columns(data, ("doc_id", "sentence_id", "text", *frames), "labels")
        table = data.reset_index(drop=True)
        _label_matrix(table[frames], len(table))
        _check_texts(table["text"], "labels['text']")
        return table, frames, context
    if isinstance(data, Mapping):
        get = data.get
    elif hasattr(data, "sentences") and hasattr(data, "matches"):
        def get(key: str, default: Any = None) -> Any:
            return getattr(data, key, default)
    else:
        raise TypeError(
            "pass an Analysis (framing.pipeline.analyze), a mapping with 'sentences', "
            "'matches' and 'corpus', or a labels table from distant_labels; got "
            f"{type(data).__name__}"
        )
    sentences, matches = get("sentences"), get("matches")
    if sentences is None or matches is None:
        raise ClassifierError("the tables need both 'sentences' and 'matches'")
    if callable(getattr(data, "scored_matches", None)):
        # an Analysis: the matches that score (none in boilerplate sentences), so the
        # lexicon's rows in agreement_with_coding equal Analysis.validate's
        matches = data.scored_matches()
    lexicon = get("lexicon")
    if frames is None:
        frames = get("frames") or (list(lexicon.categories) if lexicon is not None else None)
        if not frames:
            raise ClassifierError("no frames: pass frames=[...] (the lexicon's categories)")
    frames = _check_frames(frames)
    corpus = corpus if corpus is not None else get("corpus")
    if corpus is None and "text" not in sentences.columns:
        raise ClassifierError("the sentence texts are needed: pass corpus= or include a "
                              "'text' column in sentences")
    table = distant_labels(sentences, matches, frames=frames, corpus=corpus, voice=voice)
    documents = get("documents")
    groups = None
    if isinstance(documents, pd.DataFrame) and {"doc_id", "duplicate_group"} <= set(
            documents.columns):
        groups = documents.set_index("doc_id")["duplicate_group"]
        groups = groups.where(groups.notna(), groups.index.to_series())
    context.update(matches=matches, lexicon=lexicon, corpus=corpus, doc_groups=groups)
    return table, frames, context


def train_distant(
    data: Any,
    *,
    frames: Sequence[str] | None = None,
    voice: Voice | None = None,
    corpus: Any = None,
    cv: int = 5,
    seed: int = 0,
    classifier: FrameClassifier | None = None,
) -> DistantResult:
    """Train a :class:`FrameClassifier` on lexicon labels and cross-validate it against them.

    Parameters
    ----------
    data : Analysis, mapping or DataFrame
        An :class:`~framing.pipeline.Analysis` made with a lexicon; a mapping
        with ``"sentences"``, ``"matches"`` and optionally ``"corpus"`` and
        ``"lexicon"``; or a labels table from :func:`distant_labels`.
    frames : sequence of str, optional
        Frames to learn; default: the lexicon's categories (or the labels
        table's ``attrs["frames"]``).
    voice : {"authorial", "attributed"}, optional
        Label sentences by matches in this voice only; default: any voice.
    corpus : Corpus or mapping, optional
        Source of the sentence texts, if ``data`` does not carry it.
    cv : int, default 5
        Folds of the stratified cross-validation (at least 2).
    seed : int, default 0
        Seed of the fold assignment and (if ``classifier`` is None) of the
        classifier.
    classifier : FrameClassifier, optional
        An unfitted template (cloned); default ``FrameClassifier(random_state=seed)``.

    Returns
    -------
    DistantResult
        With ``cv_agreement``, one row per frame:

        ``frame``
            the frame;
        ``n_sentences``, ``n_positive``
            sentences, and sentences the lexicon labels positive;
        ``folds``
            folds used (0 if the frame was not cross-validated);
        ``tp``, ``fp``, ``fn``, ``tn``
            pooled out-of-fold counts, the lexicon as reference and the
            classifier (probability >= threshold) as prediction;
        ``precision``, ``recall``, ``f1``
            from those counts (NaN where undefined);
        ``roc_auc``
            area under the ROC curve of the out-of-fold probabilities;
        ``average_precision``
            area under the precision-recall curve (scikit-learn's average
            precision);
        ``note``
            why a row is NaN ("" otherwise);

        and ``sentence_scores``, one row per non-boilerplate sentence and
        frame: ``doc_id``, ``sentence_id``, ``frame``, ``probability`` (the
        final model, fitted on all sentences), ``probability_cv`` (out of
        fold: from the model that did not see the sentence; NaN if the frame
        was not cross-validated) and ``lexicon_label`` (0/1).

    Raises
    ------
    ClassifierError
        Invalid tables or options (see :func:`distant_labels`).

    Warns
    -----
    ClassifierWarning
        Frames with fewer than ``cv`` positive (or negative) sentences: they
        are not cross-validated (NaN rows).

    Notes
    -----
    *What is measured.* The lexicon is the reference, so ``cv_agreement`` is
    the agreement of the classifier with the lexicon, **not accuracy**: a
    classifier that reproduced the lexicon perfectly would score F1 = 1 and
    be exactly as wrong as the lexicon. High agreement means the lexicon's
    labels are learnable from the wording; the false positives are the
    interesting sentences (the classifier sees the frame where the lexicon
    has no word for it) and are worth reading
    (``sentence_scores.query("lexicon_label == 0")`` sorted by
    ``probability_cv``). Accuracy needs human coding:
    :func:`agreement_with_coding`.

    *Cross-validation.* Each frame is a separate binary problem with its own
    :class:`~sklearn.model_selection.StratifiedKFold` (``shuffle=True``,
    ``random_state=seed``), so every fold has positives of the frame; the
    whole model (vectorizer included) is refitted on each training fold.
    Precision, recall and F1 are computed once from the out-of-fold
    predictions pooled over the folds, which is less biased than averaging
    per-fold F1 when positives are few (Forman & Scholz 2010). Sentences of
    one document can fall in different folds, so near-identical sentences
    (repeated quotes, syndicated copies) make the agreement optimistic.

    References
    ----------
    Forman, G., & Scholz, M. (2010). Apples-to-apples in cross-validation
    studies: pitfalls in classifier performance measurement. *ACM SIGKDD
    Explorations*, 12(1), 49-57.

    Mintz, M., Bills, S., Snow, R., & Jurafsky, D. (2009). Distant supervision
    for relation extraction without labeled data. *Proceedings of ACL-IJCNLP*,
    1003-1011.

    Examples
    --------
    >>> from framing.datasets import load_kazakhstan_2022
    >>> from framing.pipeline import analyze
    >>> from framing.classifier import train_distant
    >>> result = train_distant(analyze(load_kazakhstan_2022(), "kazakhstan-2022"))
    >>> result.cv_agreement[["frame", "n_sentences", "folds"]]
                   frame  n_sentences  folds
    0        coup_terror          156      5
    1  protest_crackdown          156      5
    2   geopolitical_win          156      5
    >>> result.sentence_scores.columns.tolist()
    ['doc_id', 'sentence_id', 'frame', 'probability', 'probability_cv', 'lexicon_label']
    """
    voice = _check_voice(voice)
    cv = _check_int("cv", cv, 2)
    seed = _check_int("seed", seed, 0)
    if classifier is None:
        classifier = FrameClassifier(random_state=seed)
    if not isinstance(classifier, FrameClassifier):
        raise TypeError(f"classifier must be a FrameClassifier, got {type(classifier).__name__}")
    table, frames, context = _resolve_tables(data, frames, voice, corpus)
    if len(table) == 0:
        raise ClassifierError("there are no non-boilerplate sentences to learn from")
    texts = np.asarray(table["text"].tolist(), dtype=object)
    labels = table[frames].to_numpy(dtype=np.int64)
    threshold = clone(classifier)._check_threshold()
    n = len(table)

    oof = np.full((n, len(frames)), np.nan)
    rows = []
    skipped = []
    for j, frame in enumerate(frames):
        y = labels[:, j]
        n_pos = int(y.sum())
        row: dict[str, Any] = {"frame": frame, "n_sentences": n, "n_positive": n_pos, "folds": 0}
        if min(n_pos, n - n_pos) < cv:
            skipped.append(f"{frame!r} ({n_pos} positive, {n - n_pos} negative)")
            row.update(dict.fromkeys(("tp", "fp", "fn", "tn"), pd.NA))
            row.update(dict.fromkeys(("precision", "recall", "f1", "roc_auc",
                                      "average_precision"), np.nan))
            row["note"] = f"not cross-validated: fewer than cv={cv} positive or negative sentences"
            rows.append(row)
            continue
        folds = StratifiedKFold(n_splits=cv, shuffle=True, random_state=seed)
        for train, test in folds.split(np.zeros(n), y):
            model = clone(classifier).fit(texts[train].tolist(), y[train].reshape(-1, 1))
            oof[test, j] = model.predict_proba(texts[test].tolist())[:, 0]
        pred = oof[:, j] >= threshold
        counts = precision_recall_f1(y, pred, n_boot=0)
        row["folds"] = cv
        for name in ("tp", "fp", "fn", "tn"):
            row[name] = int(counts[name].iloc[0])
        for name in ("precision", "recall", "f1"):
            row[name] = float(counts[name].iloc[0])
        row["roc_auc"] = float(roc_auc_score(y, oof[:, j]))
        row["average_precision"] = float(average_precision_score(y, oof[:, j]))
        row["note"] = counts["note"].iloc[0]
        rows.append(row)
    if skipped:
        warnings.warn(
            f"frame(s) {', '.join(skipped)} have fewer than cv={cv} positive or negative "
            "sentences and were not cross-validated (NaN rows in cv_agreement)",
            ClassifierWarning,
            stacklevel=2,
        )
    cv_agreement = pd.DataFrame(rows)
    for name in ("tp", "fp", "fn", "tn"):
        cv_agreement[name] = cv_agreement[name].astype("Int64")

    with warnings.catch_warnings():
        # frames with a single class were just reported above
        warnings.filterwarnings("ignore", message=".*single class.*", category=ClassifierWarning)
        model = clone(classifier).fit(texts.tolist(), table[frames])
    proba = model.predict_proba(texts.tolist())
    n_frames = len(frames)
    sentence_scores = pd.DataFrame({
        "doc_id": np.repeat(table["doc_id"].to_numpy(), n_frames),
        "sentence_id": np.repeat(table["sentence_id"].to_numpy(), n_frames),
        "frame": np.tile(np.asarray(frames, dtype=object), n),
        "probability": proba.ravel(),
        "probability_cv": oof.ravel(),
        "lexicon_label": labels.ravel(),
    })
    return DistantResult(
        model=model, frames=tuple(frames), labels=table, cv_agreement=cv_agreement,
        sentence_scores=sentence_scores, voice=voice, cv=cv, seed=seed,
        matches=context["matches"], lexicon=context["lexicon"], corpus=context["corpus"],
        doc_groups=context["doc_groups"],
    )


# --------------------------------------------------------------------------- human coding


def _coded_table(coded: Any, frames: Sequence[str]) -> pd.DataFrame:
    table = coded if isinstance(coded, pd.DataFrame) else read_coded(coded)
    available = list(table.attrs.get("frames") or
                     [c for c in table.columns if c not in ("doc_id", "start", "end",
                                                            "boilerplate", "text")])
    common = [f for f in frames if f in available]
    if not common:
        raise ClassifierError(
            f"none of the classifier's frames {list(frames)} is coded (coded frames: "
            f"{available}); the coded file needs one column per frame"
        )
    return check_coded(table, frames=common)


def agreement_with_coding(
    result: DistantResult,
    coded: pd.DataFrame | str | os.PathLike[str],
    *,
    threshold: float | None = None,
    corpus: Any = None,
    cross_fit: bool = True,
    n_boot: int = 1000,
    ci: float = 0.95,
    seed: int | None = 0,
) -> pd.DataFrame:
    """Precision, recall and F1 of the classifier and of the lexicon against human coding.

    Parameters
    ----------
    result : DistantResult
        From :func:`train_distant`.
    coded : DataFrame or path
        Human-coded units in the format of :func:`framing.validation.read_coded`
        (``doc_id, start, end, boilerplate, <frame columns>, text``).
    threshold : float, optional
        Probability from which the classifier calls a unit positive; default
        the model's ``threshold``.
    corpus : Corpus or mapping, optional
        Source of the unit texts (``text[start:end]``); default the result's
        corpus, else the coded table's ``text`` column.
    cross_fit : bool, default True
        Predict the units of each coded document with a model that was not
        trained on that document (see Notes). False uses the final model.
    n_boot : int, default 1000
        Bootstrap resamples of the units for the intervals (0: none).
    ci : float, default 0.95
        Coverage of the percentile intervals.
    seed : int or None, default 0
        Seed of the bootstrap and of the assignment of documents to folds.

    Returns
    -------
    pandas.DataFrame
        Two rows per frame (``method`` "classifier" then "lexicon"), then the
        same for ``frame="all"`` (micro-average over frames), with columns

        ``frame``, ``method``
            the frame and who predicts it;
        ``voice``
            ``"any"`` (frame presence) or the result's voice: the human label is
            positive if the frame is coded in that voice;
        ``n_units``
            non-boilerplate coded units;
        ``tp``, ``fp``, ``fn``, ``tn``, ``precision``, ``recall``, ``f1``
            with human coding as the reference;
        ``precision_ci_low`` ... ``f1_ci_high``
            bootstrap percentile intervals (resampling units);
        ``alpha``
            Krippendorff's alpha (nominal) between the humans and the method;
        ``note``
            why an estimate is undefined, or how the predictions were made.

        The lexicon rows are those of :func:`framing.validation.validate` for
        the result's matches; they are left out if the result has no matches
        (trained from a labels table).

    Raises
    ------
    ClassifierError
        No frame of the result is coded, or the unit texts cannot be found.
    framing.validation.CodingError
        The coded table is invalid.

    Notes
    -----
    *Units and labels.* Units coded as boilerplate are left out. The
    classifier scores each unit's text; the lexicon is scored as in
    :func:`framing.validation.validate` (a match belongs to the unit that
    contains its start). Both use the same units and, for the same ``seed``,
    the same bootstrap resamples, so their intervals are comparable.

    *Cross-fitting.* The classifier was trained on the corpus' sentences, and
    the coded units are usually sentences of the same corpus: the final model
    has seen their texts (with lexicon labels). With ``cross_fit=True`` the
    coded documents are split into ``min(cv, n_documents)`` folds (documents
    that are near-duplicates of each other, per
    ``Analysis.documents.duplicate_group``, stay together), and each fold's
    units are predicted by a model refitted without the training sentences of
    its documents. Documents absent from the training data are predicted by
    the final model. The lexicon, by contrast, may have been written while
    reading the coded documents; its scores are then in-sample.

    Examples
    --------
    >>> from framing.datasets import kazakhstan_2022_path, load_kazakhstan_2022
    >>> from framing.pipeline import analyze
    >>> from framing.classifier import agreement_with_coding, train_distant
    >>> result = train_distant(analyze(load_kazakhstan_2022(), "kazakhstan-2022"))
    >>> coded = kazakhstan_2022_path() / "validation" / "seeds-coded.csv"
    >>> table = agreement_with_coding(result, coded, n_boot=0)
    >>> table[["frame", "method", "n_units"]].head(2)
             frame      method  n_units
    0  coup_terror  classifier      156
    1  coup_terror     lexicon      156
    """
    if not isinstance(result, DistantResult):
        raise TypeError(f"result must be a DistantResult (train_distant), got "
                        f"{type(result).__name__}")
    check_bootstrap(n_boot, ci, seed)
    if threshold is None:
        threshold = result.model.threshold
    threshold = _check_level("threshold", threshold)
    table = _coded_table(coded, result.frames)
    frames = list(table.attrs["frames"])
    fidx = [result.frames.index(f) for f in frames]
    units = table[~table["boilerplate"].to_numpy(dtype=bool)].reset_index(drop=True)
    source = corpus if corpus is not None else result.corpus
    if source is not None:
        texts = sentence_texts(units, source)
    elif "text" in units.columns:
        texts = units["text"].tolist()
    else:
        raise ClassifierError("the coded units' texts are needed: pass corpus= or a coded "
                              "table with a 'text' column")

    proba = np.full((len(units), len(result.frames)), np.nan)
    how = "final model"
    notes: dict[int, list[str]] = {j: [] for j in range(len(result.frames))}
    unit_docs = units["doc_id"].astype(str).to_numpy()
    train_docs = result.labels["doc_id"].astype(str).to_numpy()
    if cross_fit:
        seen = pd.unique(unit_docs[np.isin(unit_docs, train_docs)])
        if len(seen):
            how = "cross-fitted by document"
            groups = pd.Series(seen, index=seen, dtype=object)
            if result.doc_groups is not None:
                mapped = result.doc_groups.copy()
                mapped.index = mapped.index.astype(str)
                groups = groups.map(lambda d: mapped.get(d, d))
            levels = pd.unique(groups.astype(str))
            rng = np.random.default_rng(seed)
            folds = np.array_split(rng.permutation(len(levels)), min(result.cv, len(levels)))
            train_texts = result.labels["text"].tolist()
            train_y = result.labels[list(result.frames)]
            for fold in folds:
                held = groups.index[groups.astype(str).isin(levels[fold])].to_numpy()
                keep = ~np.isin(train_docs, held)
                with warnings.catch_warnings():
                    # reported in the note of the frame's row instead
                    warnings.filterwarnings("ignore", message=".*single class.*",
                                            category=ClassifierWarning)
                    model = clone(result.model).fit(
                        [t for t, k in zip(train_texts, keep, strict=True) if k],
                        train_y[keep])
                for j, m in enumerate(model.estimators_):
                    if m is None:
                        notes[j].append(
                            f"without documents {examples_of(held, 2)} the training labels "
                            "have a single class")
                sel = np.flatnonzero(np.isin(unit_docs, held))
                if sel.size:
                    proba[sel] = model.predict_proba([texts[i] for i in sel])
    rest = np.flatnonzero(np.isnan(proba[:, 0]))
    if rest.size:
        proba[rest] = result.model.predict_proba([texts[i] for i in rest])

    voice = result.voice or "any"
    human = np.column_stack([
        units[f].str.len().gt(0).to_numpy() if voice == "any"
        else units[f].str.contains(voice, regex=False).to_numpy()
        for f in frames
    ])
    pred = proba[:, fidx] >= threshold

    lexicon_rows = None
    if result.matches is not None:
        matches = result.matches
        matches = matches[matches["frame"].isin(frames)]
        lex = validate(table, matches, frames=frames, n_boot=n_boot, ci=ci, seed=seed)
        lexicon_rows = lex[lex["voice"] == voice].set_index("frame")

    rows = []
    for name, cols in [*((f, [k]) for k, f in enumerate(frames)),
                       ("all", list(range(len(frames))))]:
        h, p = human[:, cols], pred[:, cols]
        unit_counts = np.column_stack([
            (h & p).sum(axis=1), (~h & p).sum(axis=1), (h & ~p).sum(axis=1)
        ]).astype(np.int64)
        tn = int((~h & ~p).sum())
        stats = prf_from_counts(unit_counts, tn, n_boot=int(n_boot), ci=float(ci), seed=seed)
        extra = [n for k in cols for n in notes[fidx[k]]]
        note = "; ".join(x for x in (stats.pop("note"), f"classifier: {how}", *extra) if x)
        rows.append({
            "frame": name, "method": "classifier", "voice": voice, "n_units": len(units),
            **stats,
            "alpha": krippendorff_alpha(np.vstack([h.ravel(), p.ravel()]).astype(np.int64),
                                        level="nominal", warn=False),
            "note": note,
        })
        if lexicon_rows is not None:
            lr = lexicon_rows.loc[name]
            rows.append({
                "frame": name, "method": "lexicon", "voice": voice,
                "n_units": int(lr["n_units"]),
                **{k: lr[k] for k in stats},
                "alpha": float(lr["alpha"]), "note": lr["note"],
            })
    out = pd.DataFrame(rows)
    for name in ("tp", "fp", "fn", "tn", "n_units"):
        out[name] = out[name].astype(np.int64)
    return out


# --------------------------------------------------------------------------- expansion


def _covering_frames(term: str, matcher: Any, categories: Sequence[str]) -> set[str]:
    found = matcher.find(term)
    codes = matcher.lexicon.category_codes[found.entry]
    return {categories[c] for c in np.unique(codes)}


def _as_matcher(lexicon: Any) -> Any:
    if lexicon is None:
        return None
    from framing.lexicon import Lexicon, load_lexicon
    from framing.matching import Matcher

    if not isinstance(lexicon, Lexicon):
        lexicon = load_lexicon(lexicon)
    return Matcher(lexicon, overlap="all")


def _reference(row: pd.Series) -> str:
    if "start" in row.index and "end" in row.index and pd.notna(row["start"]):
        return f"{row['doc_id']}:{int(row['start'])}-{int(row['end'])}"
    return f"{row['doc_id']}#{row['sentence_id']}"


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _EXAMPLE_CHARS else text[: _EXAMPLE_CHARS - 1] + "\u2026"


def suggest_terms(
    source: DistantResult | Any,
    *,
    frames: Sequence[str] | None = None,
    top: int = 20,
    min_count: int = 3,
    min_score: float = 1.96,
    exclude_lexicon: Any = None,
    positives: Positives = "classifier",
    threshold: float | None = None,
    ngram_range: tuple[int, int] = (1, 2),
    stop_words: Literal["english"] | Iterable[str] | None = "english",
    n_examples: int = 3,
) -> pd.DataFrame:
    """Candidate lexicon terms for each frame, for a researcher to accept or reject.

    Parameters
    ----------
    source : DistantResult, Analysis, mapping or labels DataFrame
        A :func:`train_distant` result, or anything :func:`train_distant`
        accepts (then only ``positives="lexicon"`` is possible).
    frames : sequence of str, optional
        Frames to suggest terms for; default all.
    top : int, default 20
        Suggestions per frame.
    min_count : int, default 3
        A term must occur in at least this many positive sentences.
    min_score : float, default 1.96
        Smallest log-odds z-score kept (1.96: two-sided 5% level for one term;
        uncorrected for the many terms screened, so a screen, not a test).
    exclude_lexicon : Lexicon, name or path, optional
        Terms this lexicon already matches for the same frame are left out;
        default the lexicon of ``source`` (if any).
    positives : {"classifier", "lexicon"}, default "classifier"
        Which sentences count as positive for a frame: those the classifier
        scores at least ``threshold`` (out-of-fold probability when the frame
        was cross-validated, else the final model's), or those the lexicon
        labels positive.
    threshold : float, optional
        Default: the model's threshold.
    ngram_range : tuple of (int, int), default (1, 2)
        Candidate terms: words and n-grams of these orders
        (:class:`framing.keyness.NgramAnalyzer`).
    stop_words : "english", iterable of str or None, default "english"
        Candidates that begin or end with one of these words are left out
        (``"the"``, ``"of the"``, ``"the internal"``; ``"war on terror"`` is
        kept). ``"english"`` is scikit-learn's English list; pass a list for
        other languages, or None to keep every candidate.
    n_examples : int, default 3
        Example sentences per term.

    Returns
    -------
    pandas.DataFrame
        Up to ``top`` rows per frame, frames in order, best first, with columns

        ``frame``, ``rank``
            the frame and the rank of the term (1 = strongest);
        ``term``
            the word or n-gram (lower case);
        ``score``
            the log-odds z-score of the term in positive versus negative
            sentences (see Notes); at least ``min_score``;
        ``log_odds``
            the log-odds ratio itself (natural log);
        ``count_pos``, ``count_neg``
            positive and negative sentences containing the term;
        ``count_new``
            sentences containing the term that the lexicon does not label with
            this frame, i.e. what accepting the term would add;
        ``in_lexicon_as``
            other frames of the lexicon that already match the term
            (``;``-separated, "" if none);
        ``example_sentences``
            up to ``n_examples`` positive sentences containing the term, new
            ones (not labelled by the lexicon) first, as
            ``doc_id:start-end text``, separated by `` | ``;
        ``positives``
            how positives were defined: ``"classifier_cv"``,
            ``"classifier_fit"`` or ``"lexicon"``;
        ``status``
            always ``"suggested"``.

    Raises
    ------
    ClassifierError
        ``positives="classifier"`` without a trained classifier, unknown frames
        or invalid options.

    Warns
    -----
    ClassifierWarning
        A frame with no positive (or no negative) sentence; it gets no
        suggestions.

    See Also
    --------
    write_suggestions : the CSV the researcher fills in.
    apply_decisions : add the accepted terms to a copy of the lexicon.

    Notes
    -----
    For each frame, every sentence is positive or negative (``positives``),
    each candidate n-gram is counted once per sentence that contains it, and
    the two groups of sentences are compared with
    :func:`framing.keyness.keyness_from_counts` (``method="logodds"``:
    Monroe, Colaresi & Quinn's log-odds ratio with an informative Dirichlet
    prior, a_0 = 0.1 n). Terms are ranked by the z-score, which favours terms
    that are both over-represented in positive sentences and frequent enough
    to be trusted. Out-of-fold probabilities are used for the classifier
    positives so that a sentence is not positive merely because the model
    memorised its lexicon label; sentences the lexicon missed but the model
    scores high are what lets a synonym that never co-occurs with a lexicon
    word in the same sentence still surface.

    Candidates that begin or end with a stop word are dropped after the
    statistics are computed (so the totals do not change), the usual
    heuristic for keyphrase candidates. Terms that the lexicon already matches
    for the frame (anywhere in the term: ``"riot police"`` is covered if
    ``riot*`` is an entry) are left out, tested with
    :class:`framing.matching.Matcher`, so wildcards, exclusions and
    normalisation are applied exactly as in matching.

    Suggestions are evidence for a human decision, never lexicon entries:
    they include words of the topic rather than of the frame (names, places),
    and the classifier inherits the lexicon's blind spots. Read the examples,
    check the codebook, and record each decision with
    :func:`write_suggestions` and :func:`apply_decisions`.

    Examples
    --------
    >>> from framing.datasets import load_kazakhstan_2022
    >>> from framing.pipeline import analyze
    >>> from framing.classifier import suggest_terms, train_distant
    >>> result = train_distant(analyze(load_kazakhstan_2022(), "kazakhstan-2022"))
    >>> table = suggest_terms(result, top=5)
    >>> table.columns.tolist()[:6]
    ['frame', 'rank', 'term', 'score', 'log_odds', 'count_pos']
    >>> set(table["status"])
    {'suggested'}
    """
    top = _check_int("top", top, 1)
    min_count = _check_int("min_count", min_count, 1)
    n_examples = _check_int("n_examples", n_examples, 0)
    if isinstance(min_score, bool) or not isinstance(min_score, (int, float, np.number)) or \
            not np.isfinite(min_score):
        raise _invalid("min_score", min_score, "a finite number")
    _check_choice("positives", positives, ("classifier", "lexicon"))
    if isinstance(source, DistantResult):
        table = source.labels
        all_frames = list(source.frames)
        lexicon = source.lexicon
        scores = source.sentence_scores
        model_threshold = source.model.threshold
    else:
        if positives == "classifier":
            raise ClassifierError(
                "positives='classifier' needs a trained classifier: pass the result of "
                "train_distant(...), or use positives='lexicon'"
            )
        table, all_frames, context = _resolve_tables(source, frames, None, None)
        lexicon, scores, model_threshold = context["lexicon"], None, 0.5
    if frames is None:
        frames = all_frames
    frames = _check_frames(frames)
    unknown = [f for f in frames if f not in all_frames]
    if unknown:
        raise ClassifierError(f"frame(s) {unknown} are not among {all_frames}")
    if threshold is None:
        threshold = model_threshold
    threshold = _check_level("threshold", threshold)
    if stop_words is None:
        stop: frozenset[str] = frozenset()
    elif isinstance(stop_words, str):
        if stop_words != "english":
            raise _invalid("stop_words", stop_words, "'english', a list of words or None")
        stop = frozenset(ENGLISH_STOP_WORDS)
    else:
        stop = frozenset(str(w).lower() for w in stop_words)
    matcher = _as_matcher(exclude_lexicon if exclude_lexicon is not None else lexicon)
    categories = list(matcher.lexicon.categories) if matcher is not None else []

    texts = table["text"].tolist()
    vectorizer = CountVectorizer(analyzer=NgramAnalyzer(ngram_range=ngram_range), binary=True)
    try:
        presence = sparse.csc_matrix(vectorizer.fit_transform(texts))
    except ValueError as exc:
        raise ClassifierError(f"no candidate terms ({exc})") from None
    vocabulary = vectorizer.get_feature_names_out().astype(object)
    term_col = {t: k for k, t in enumerate(vocabulary)}
    n = len(table)

    parts = []
    empty = []
    for frame in frames:
        lexicon_label = table[frame].to_numpy(dtype=np.int64) == 1
        if positives == "lexicon":
            positive, basis = lexicon_label, "lexicon"
        else:
            sel = scores[scores["frame"] == frame]
            p_cv = sel["probability_cv"].to_numpy(dtype=float)
            if np.isfinite(p_cv).all():
                positive, basis = p_cv >= threshold, "classifier_cv"
            else:
                positive = sel["probability"].to_numpy(dtype=float) >= threshold
                basis = "classifier_fit"
        n_pos = int(positive.sum())
        if n_pos == 0 or n_pos == n:
            empty.append(frame)
            continue
        pos_counts = np.asarray(presence.T @ positive.astype(np.int64)).ravel()
        neg_counts = np.asarray(presence.T @ (~positive).astype(np.int64)).ravel()
        counts = TermCounts(
            groups=["positive", "negative"], vocabulary=vocabulary,
            counts=sparse.csr_matrix(np.vstack([pos_counts, neg_counts])),
            n_terms=np.array([pos_counts.sum(), neg_counts.sum()], dtype=np.int64),
            n_tokens=np.array([pos_counts.sum(), neg_counts.sum()], dtype=np.int64),
            n_docs=np.array([n_pos, n - n_pos]), ngram_range=tuple(ngram_range),
        )
        ranked = keyness_from_counts(counts, method="logodds")
        ranked = ranked[(ranked["group"] == "positive") & (ranked["count"] >= min_count)
                        & (ranked["value"] >= min_score) & (ranked["value"] > 0)]
        chosen = []
        for rec in ranked.itertuples(index=False):
            words = rec.term.split(" ")
            if words[0] in stop or words[-1] in stop:
                continue
            covered = _covering_frames(rec.term, matcher, categories) if matcher else set()
            if frame in covered:
                continue
            k = term_col[rec.term]
            has = np.zeros(n, dtype=bool)
            col = presence[:, k]
            has[col.indices] = True
            new = has & ~lexicon_label
            pos_rows = np.flatnonzero(has & positive)
            first = sorted(pos_rows, key=lambda i: (lexicon_label[i], i))[:n_examples]
            examples = " | ".join(
                f"{_reference(table.iloc[i])} {_snippet(texts[i])}" for i in first
            )
            chosen.append({
                "frame": frame, "rank": len(chosen) + 1, "term": rec.term,
                "score": float(rec.value), "log_odds": float(rec.log_odds),
                "count_pos": int(rec.count), "count_neg": int(rec.count_rest),
                "count_new": int(new.sum()),
                "in_lexicon_as": ";".join(c for c in categories if c in covered),
                "example_sentences": examples, "positives": basis, "status": "suggested",
            })
            if len(chosen) == top:
                break
        parts.append(pd.DataFrame(chosen, columns=_SUGGESTION_COLUMNS))
    if empty:
        warnings.warn(
            f"frame(s) {examples_of(empty)} have no positive (or no negative) sentence under "
            f"positives={positives!r}; no terms are suggested for them",
            ClassifierWarning,
            stacklevel=2,
        )
    if not parts:
        return pd.DataFrame(columns=_SUGGESTION_COLUMNS)
    out = pd.concat([p for p in parts if len(p)] or parts[:1], ignore_index=True)
    out["rank"] = out["rank"].astype(np.int64)
    out.attrs.update(positives=positives, threshold=float(threshold), min_count=min_count,
                     ngram_range=tuple(ngram_range))
    return out


def write_suggestions(suggestions: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write suggestions to a UTF-8 CSV with empty ``decision`` and ``note`` columns.

    Parameters
    ----------
    suggestions : pandas.DataFrame
        The output of :func:`suggest_terms`.
    path : str or path-like
        Destination CSV.

    Returns
    -------
    pathlib.Path
        The path written.

    Notes
    -----
    The researcher writes ``accept`` or ``reject`` in ``decision`` for each
    row (blank rows are undecided and ignored) and may write, in ``note``,
    why (the note of the new lexicon entry). The file is then read by
    :func:`apply_decisions`. Nothing is added to any lexicon here.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import pandas as pd
    >>> from framing.classifier import write_suggestions
    >>> df = pd.DataFrame({"frame": ["protest"], "term": ["rally"], "score": [3.2],
    ...                    "status": ["suggested"]})
    >>> out = write_suggestions(df, pathlib.Path(tempfile.mkdtemp()) / "s.csv")
    >>> out.read_text(encoding="utf-8").splitlines()
    ['frame,term,decision,note,score,status', 'protest,rally,,,3.2,suggested']
    """
    _require_columns(suggestions, ("frame", "term"), "suggestions")
    others = [c for c in suggestions.columns if c not in ("frame", "term", "decision", "note")]
    table = suggestions[["frame", "term"]].copy()
    table["decision"] = ""
    table["note"] = ""
    table = pd.concat([table, suggestions[others]], axis=1)
    from framing._tables import write_csv

    return write_csv(table, path)


def apply_decisions(
    lexicon_path: str | os.PathLike[str],
    decisions_csv: str | os.PathLike[str],
    out_path: str | os.PathLike[str],
    *,
    version: str | None = None,
) -> Any:
    """Write a copy of a lexicon with the suggested terms the researcher accepted.

    Parameters
    ----------
    lexicon_path : str or path-like
        The lexicon file (any format :func:`framing.lexicon.load_lexicon`
        reads, or a bundled lexicon's name).
    decisions_csv : str or path-like
        A file written by :func:`write_suggestions`, with ``decision`` filled
        in: ``accept``, ``reject`` or blank (undecided), case-insensitive.
    out_path : str or path-like
        The new lexicon file (``.yaml``/``.yml``); it must not be the input file.
    version : str, optional
        Version of the new lexicon; default the old version with ``+expanded``
        appended.

    Returns
    -------
    Lexicon
        The new lexicon (also written to ``out_path``). Accepted terms are
        appended, in CSV order, after the existing entries of their frame,
        with the CSV's ``note`` as the entry's note (default: where the term
        came from).

    Raises
    ------
    ClassifierError
        A missing column, a decision other than accept/reject/blank, an
        accepted term for a frame the lexicon lacks, a term accepted twice or
        not valid as a lexicon pattern (the message gives the CSV line),
        ``out_path`` equal to the input file, or a lexicon whose YAML would
        not load back (e.g. a LIWC lexicon without category descriptions);
        nothing is written then.

    Notes
    -----
    The new file is written by :func:`framing.lexicon.save_lexicon`, which
    serialises the lexicon's content: comments and formatting of the original
    YAML file are not carried over. That is why the input file is never
    overwritten; review the new file (e.g. with ``diff``) and move the entries
    you want into the hand-written lexicon, or adopt the new file. The
    lexicon's ``sha256`` changes with its content, so results made with it
    are distinguishable from results made with the original.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from framing.lexicon import Lexicon, save_lexicon
    >>> from framing.classifier import apply_decisions
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> lex = Lexicon.from_dict({"protest": ["protest*"]}, name="demo", version="1",
    ...                         descriptions={"protest": "Unrest as protest."})
    >>> path = save_lexicon(lex, folder / "demo.yaml")
    >>> _ = (folder / "decisions.csv").write_text(
    ...     "frame,term,decision,note\\nprotest,rally,accept,\\nprotest,police,reject,\\n",
    ...     encoding="utf-8")
    >>> new = apply_decisions(path, folder / "decisions.csv", folder / "demo-expanded.yaml")
    >>> [e.pattern for e in new.entries], new.version
    (['protest*', 'rally'], '1+expanded')
    """
    from framing.lexicon import (
        Entry,
        Lexicon,
        LexiconError,
        load_lexicon,
        loads_lexicon,
        save_lexicon,
    )

    src_path = Path(lexicon_path)
    out = Path(out_path)
    if src_path.exists() and out.exists() and out.resolve() == src_path.resolve():
        raise ClassifierError(
            f"out_path {out} is the input lexicon; write the expanded lexicon to a new file "
            "(comments of the original would be lost)"
        )
    if out.suffix.lower() not in (".yaml", ".yml"):
        raise ClassifierError(f"out_path must be a .yaml or .yml file, got {out.name!r}")
    lexicon = load_lexicon(lexicon_path)
    raw = Path(decisions_csv).read_bytes().decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(raw, newline=""))
    fields = reader.fieldnames or []
    missing = [c for c in ("frame", "term", "decision") if c not in fields]
    if missing:
        raise ClassifierError(
            f"{decisions_csv}: missing column(s) {missing}; write the file with "
            "write_suggestions and fill in 'decision'"
        )
    accepted: dict[str, list[tuple[str, str | None, int]]] = {c: [] for c in lexicon.categories}
    seen: dict[tuple[str, str], int] = {}
    for row in reader:
        line = reader.line_num
        decision = (row.get("decision") or "").strip().lower()
        if not decision:
            continue
        if decision not in _DECISIONS:
            raise ClassifierError(
                f"{decisions_csv}, line {line}: decision {row['decision']!r}; write 'accept', "
                "'reject' or leave it blank"
            )
        if decision == "reject":
            continue
        frame, term = (row.get("frame") or "").strip(), (row.get("term") or "").strip()
        if frame not in accepted:
            raise ClassifierError(
                f"{decisions_csv}, line {line}: frame {frame!r} is not a category of lexicon "
                f"{lexicon.name!r} ({', '.join(lexicon.categories)})"
            )
        if (frame, term.lower()) in seen:
            raise ClassifierError(
                f"{decisions_csv}, line {line}: {term!r} is accepted for {frame!r} twice "
                f"(also line {seen[frame, term.lower()]}); keep one"
            )
        seen[frame, term.lower()] = line
        note = (row.get("note") or "").strip() or (
            "suggested by framing.classifier.suggest_terms; accepted on review"
        )
        accepted[frame].append((term, note, line))
    entries = []
    origin: dict[str, int] = {}
    for category in lexicon.categories:
        entries.extend(lexicon.entries_in(category))
        for term, note, line in accepted[category]:
            entries.append(Entry(pattern=term, category=category, note=note))
            origin[term] = line
    if version is None:
        version = f"{lexicon.version}+expanded" if lexicon.version else "expanded"
    try:
        new = Lexicon(
            name=lexicon.name, categories=lexicon.descriptions, entries=entries,
            version=version, description=lexicon.description, language=lexicon.language,
            citation=lexicon.citation, authors=lexicon.authors, license=lexicon.license,
            source=str(out),
        )
    except LexiconError as exc:
        where = f", line {origin[exc.entry]}" if exc.entry in origin else ""
        raise ClassifierError(f"{decisions_csv}{where}: {exc}") from None
    try:  # write only what the reader accepts back
        loads_lexicon(new.to_yaml())
    except LexiconError as exc:
        raise ClassifierError(
            f"the expanded lexicon cannot be written as a framing YAML file that loads back "
            f"({exc}); complete the lexicon's metadata (e.g. category descriptions) first"
        ) from None
    save_lexicon(new, out)
    return new

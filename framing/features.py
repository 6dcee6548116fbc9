"""Lexicon features for scikit-learn: frame counts or rates per text, optionally per voice.

:class:`LexiconVectorizer` turns raw texts into one column per lexicon category
(or per category x voice), so lexicon scores sit beside
:class:`~sklearn.feature_extraction.text.TfidfVectorizer` features in a
:class:`~sklearn.pipeline.FeatureUnion` and go into any estimator. It runs the
same per-document stages as :func:`framing.pipeline.analyze` (boilerplate cues,
sentences, matching, voice), so its numbers agree with the scores tables; what it
cannot do on isolated texts is learn site templates, which need the corpus pass.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from framing import cleaning, segmentation
from framing.lexicon import Lexicon, load_lexicon
from framing.matching import Matcher

__all__ = ["LexiconVectorizer"]

_VOICES = ("authorial", "attributed")


class LexiconVectorizer(TransformerMixin, BaseEstimator):
    """Count lexicon categories in raw texts, optionally split by voice.

    Parameters
    ----------
    lexicon : str, path or Lexicon, default "kazakhstan-2022"
        A bundled lexicon name, a lexicon file, or a :class:`~framing.lexicon.Lexicon`.
    voice : bool, default False
        If True, two columns per category: ``<category>__authorial`` and
        ``<category>__attributed`` (see :mod:`framing.voice`).
    output : {"counts", "per_1k"}, default "counts"
        Match counts (weighted by entry weights when ``weighted``), or matches per
        1,000 word tokens of the text's non-boilerplate sentences.
    weighted : bool, default False
        Sum entry weights instead of counting matches.
    overlap : {"longest", "all"}, default "longest"
        Overlapping entries (see :class:`~framing.matching.Matcher`).
    skip_boilerplate : bool, default True
        Ignore matches in sentences that the line-level boilerplate cues mark
        (:func:`framing.cleaning.find_boilerplate` without site templates).

    Attributes
    ----------
    lexicon_ : Lexicon
        The loaded lexicon.
    feature_names_ : ndarray of str
        Output column names.

    Examples
    --------
    >>> from framing.features import LexiconVectorizer
    >>> vec = LexiconVectorizer(voice=True).fit(["x"])
    >>> X = vec.transform(['Police opened fire on protesters. He called them "terrorists".'])
    >>> for name, value in zip(vec.get_feature_names_out(), X[0]):
    ...     print(f"{name:30s} {value:.0f}")
    coup_terror__authorial         0
    coup_terror__attributed        1
    protest_crackdown__authorial   2
    protest_crackdown__attributed  0
    geopolitical_win__authorial    0
    geopolitical_win__attributed   0
    """

    def __init__(
        self,
        *,
        lexicon: str | Lexicon = "kazakhstan-2022",
        voice: bool = False,
        output: Literal["counts", "per_1k"] = "counts",
        weighted: bool = False,
        overlap: Literal["longest", "all"] = "longest",
        skip_boilerplate: bool = True,
    ):
        self.lexicon = lexicon
        self.voice = voice
        self.output = output
        self.weighted = weighted
        self.overlap = overlap
        self.skip_boilerplate = skip_boilerplate

    def fit(self, X: Iterable[str] | None = None, y: Any = None) -> LexiconVectorizer:
        """Load the lexicon and fix the output columns (nothing is learned from ``X``)."""
        if self.output not in ("counts", "per_1k"):
            raise ValueError(f"output must be 'counts' or 'per_1k', got {self.output!r}")
        lex = self.lexicon if isinstance(self.lexicon, Lexicon) else load_lexicon(self.lexicon)
        self.lexicon_ = lex
        self._matcher = Matcher(lex, overlap=self.overlap)
        cats = list(lex.categories)
        if self.voice:
            names = [f"{c}__{v}" for c in cats for v in _VOICES]
        else:
            names = cats
        self.feature_names_ = np.asarray(names, dtype=object)
        self._weights = lex.weights
        self._codes = lex.category_codes.astype(np.int64)
        return self

    def _row(self, text: str) -> np.ndarray:
        from framing import voice as voice_mod

        n_cats = len(self.lexicon_.categories)
        width = n_cats * (2 if self.voice else 1)
        row = np.zeros(width, dtype=float)
        seg = segmentation.segment(text)
        tokens = seg.tokens_per_sentence()
        keep_sentence = np.ones(seg.n_sentences, dtype=bool)
        if self.skip_boilerplate and seg.n_sentences:
            spans = cleaning.find_boilerplate(text)
            keep_sentence = ~np.asarray(
                cleaning.boilerplate_mask_for_units(text, seg.sentences, spans), dtype=bool)
        found = self._matcher.find(text)
        if len(found.start):
            sent = seg.sentence_of(found.start)
            ok = sent >= 0
            ok[ok] = keep_sentence[sent[ok]]
            entries = np.asarray(found.entry)[ok]
            values = self._weights[entries] if self.weighted else np.ones(len(entries))
            cols = self._codes[entries]
            if self.voice:
                sentences = [tuple(s) for s in seg.sentences.tolist()]
                voice, _ = voice_mod.match_voice(text, np.asarray(found.start)[ok],
                                                 np.asarray(found.end)[ok], sentences=sentences)
                cols = cols * 2 + (np.asarray(voice) == "attributed")
            np.add.at(row, cols, values)
        if self.output == "per_1k":
            n_tokens = int(tokens[keep_sentence].sum()) if seg.n_sentences else 0
            row = row * 1000.0 / n_tokens if n_tokens else np.full(width, np.nan)
        return row

    def transform(self, X: Iterable[str]) -> np.ndarray:
        """Return an array of shape ``(n_texts, n_features)``.

        Texts with no tokens give NaN rates when ``output="per_1k"``.
        """
        check_is_fitted(self, "lexicon_")
        if isinstance(X, str):
            raise ValueError("LexiconVectorizer expects an iterable of texts, not one string")
        rows = [self._row(text) for text in X]
        width = len(self.feature_names_)
        return np.vstack(rows) if rows else np.empty((0, width))

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Output column names: categories, or ``<category>__<voice>``."""
        check_is_fitted(self, "lexicon_")
        return self.feature_names_.copy()

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        tags.requires_fit = True
        return tags

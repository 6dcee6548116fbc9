"""The shared argument checks: one wording for every invalid-value error.

A researcher relies on two things here: the message names the argument (in
backticks), what it must be and what it got; and each module still raises its
own documented exception class, so ``except KeynessError`` keeps working.
"""

from __future__ import annotations

import doctest
import re

import numpy as np
import pandas as pd
import pytest

import framing._checks
from framing._checks import (
    check_choice,
    check_int,
    check_level,
    examples_of,
    invalid,
    require_columns,
)
from framing.agreement import check_bootstrap, krippendorff_alpha
from framing.classifier import ClassifierError, FrameClassifier
from framing.keyness import KeynessError, count_terms, keyness
from framing.plots import evidence_table
from framing.provenance import find_near_duplicates, minhash_signatures
from framing.scoring import FramingDataError, score_table
from framing.similarity import SimilarityError, similarity_table
from framing.statistics import p_adjust
from framing.theme import publication_rc, voice_style


class _ModuleError(ValueError):
    """Stands in for a module's own error class."""


# --------------------------------------------------------------------------- invalid


@pytest.mark.parametrize(
    ("expected", "message"),
    [
        # a str is a phrase completing "must be ..."
        ("a positive integer", "`top` must be a positive integer, got 0"),
        # an iterable lists the allowed values
        (("holm", "fdr_bh"), "`top` must be one of ['holm', 'fdr_bh'], got 0"),
        (["a", None], "`top` must be one of ['a', None], got 0"),
        # a mapping lists its keys
        ({"paper": 1.0, "talk": 1.6}, "`top` must be one of ['paper', 'talk'], got 0"),
    ],
)
def test_invalid_wording(expected, message):
    error = invalid("top", 0, expected)
    assert type(error) is ValueError
    assert str(error) == message


@pytest.mark.parametrize("error", [ValueError, TypeError, _ModuleError])
def test_invalid_uses_the_given_error_class(error):
    assert type(invalid("x", "y", "z", error=error)) is error


def test_invalid_shows_the_value_repr():
    assert str(invalid("split", "lines ", ("sentences",))).endswith("got 'lines '")


# --------------------------------------------------------------------------- check_choice


@pytest.mark.parametrize(
    ("value", "choices"),
    [("holm", ("holm", "fdr_bh")), (None, ("authorial", None)), ("paper", {"paper": 1})],
)
def test_check_choice_accepts(value, choices):
    assert check_choice("x", value, choices) is None


@pytest.mark.parametrize(
    ("value", "choices", "message"),
    [
        ("bh", ("holm", "fdr_bh"), "`x` must be one of ['holm', 'fdr_bh'], got 'bh'"),
        ("Holm", ("holm",), "`x` must be one of ['holm'], got 'Holm'"),
        # unhashable against a mapping's keys: our message, not "unhashable type"
        (["paper"], {"paper": 1}, "`x` must be one of ['paper'], got ['paper']"),
        # an array has no truth value: our message, not numpy's
        (np.array([1, 2]), (1, 2), "`x` must be one of [1, 2], got array([1, 2])"),
    ],
)
def test_check_choice_rejects(value, choices, message):
    with pytest.raises(_ModuleError) as info:
        check_choice("x", value, choices, error=_ModuleError)
    assert str(info.value) == message


# --------------------------------------------------------------------------- check_int


@pytest.mark.parametrize(
    ("value", "low", "out"),
    [(0, 0, 0), (5, 1, 5), (np.int64(7), 2, 7), (np.int32(0), 0, 0)],
)
def test_check_int_accepts(value, low, out):
    result = check_int("n", value, low)
    assert result == out and type(result) is int


@pytest.mark.parametrize(
    ("value", "low", "note", "message"),
    [
        (0, 1, "", "`n` must be an integer >= 1, got 0"),
        (-1, 0, "0 skips the bootstrap",
         "`n` must be an integer >= 0 (0 skips the bootstrap), got -1"),
        (True, 0, "", "`n` must be an integer >= 0, got True"),  # a bool is a mistake
        (2.0, 1, "", "`n` must be an integer >= 1, got 2.0"),
        ("3", 1, "", "`n` must be an integer >= 1, got '3'"),
        (None, 1, "", "`n` must be an integer >= 1, got None"),
    ],
)
def test_check_int_rejects(value, low, note, message):
    with pytest.raises(_ModuleError) as info:
        check_int("n", value, low, error=_ModuleError, note=note)
    assert str(info.value) == message


# --------------------------------------------------------------------------- check_level


@pytest.mark.parametrize("value", [0.5, 0.95, np.float64(0.9), np.float32(0.25), 1e-9])
def test_check_level_accepts(value):
    result = check_level("ci", value)
    assert result == pytest.approx(float(value)) and type(result) is float


@pytest.mark.parametrize(
    ("value", "note", "message"),
    [
        (95, "e.g. 0.95", "`ci` must be a number strictly between 0 and 1 (e.g. 0.95), got 95"),
        (0, "", "`ci` must be a number strictly between 0 and 1, got 0"),
        (1.0, "", "`ci` must be a number strictly between 0 and 1, got 1.0"),
        (True, "", "`ci` must be a number strictly between 0 and 1, got True"),
        ("0.95", "", "`ci` must be a number strictly between 0 and 1, got '0.95'"),
        (float("nan"), "", "`ci` must be a number strictly between 0 and 1, got nan"),
        (0.5j, "", "`ci` must be a number strictly between 0 and 1, got 0.5j"),
    ],
)
def test_check_level_rejects(value, note, message):
    with pytest.raises(_ModuleError) as info:
        check_level("ci", value, error=_ModuleError, note=note)
    assert str(info.value) == message


# --------------------------------------------------------------------------- require_columns

TABLE = pd.DataFrame({"doc_id": ["a"], "frame": ["f"]})


@pytest.mark.parametrize(
    ("columns", "hint", "message"),
    [
        (["doc_id", "voice"], "",
         "`matches` is missing column(s) ['voice']; available columns: ['doc_id', 'frame']"),
        (["start", "end"], "Make it with find_matches",
         "`matches` is missing column(s) ['start', 'end']; available columns: "
         "['doc_id', 'frame']. Make it with find_matches"),
    ],
)
def test_require_columns_names_missing_and_available(columns, hint, message):
    with pytest.raises(_ModuleError) as info:
        require_columns(TABLE, columns, "matches", error=_ModuleError, hint=hint)
    assert str(info.value) == message


def test_require_columns_passes_and_refuses_non_tables():
    assert require_columns(TABLE, ["frame", "doc_id"], "matches") is None
    # a wrong type is a TypeError whatever the module's error class
    with pytest.raises(TypeError, match=r"^`matches` must be a pandas DataFrame, got dict$"):
        require_columns({"doc_id": []}, ["doc_id"], "matches", error=_ModuleError)


# --------------------------------------------------------------------------- examples_of


@pytest.mark.parametrize(
    ("values", "k", "text"),
    [
        ([], 3, ""),
        (["a"], 3, "'a'"),
        (["a", "b", "c"], 3, "'a', 'b', 'c'"),  # exactly k: no total
        (["a", "b", "c", "d"], 3, "'a', 'b', 'c', ... (4 in all)"),
        (range(10), 2, "0, 1, ... (10 in all)"),
        (iter([("d1", 0), ("d2", 1)]), 1, "('d1', 0), ... (2 in all)"),  # read once
    ],
)
def test_examples_of_truncates(values, k, text):
    assert examples_of(values, k) == text


def test_module_doctests():
    result = doctest.testmod(framing._checks, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


# --------------------------------------------------------------------------- every module

UNITS = pd.DataFrame({"doc_id": ["a"], "sentence_id": [0], "boilerplate": [False]})
MATCHES = pd.DataFrame({"doc_id": ["a"], "sentence_id": [0], "frame": ["f"],
                        "voice": ["authorial"]})
SQUARE = pd.DataFrame([[1.0]], index=["A"], columns=["A"])


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: count_terms(["a b", "c d"], ["x", "y"], min_count=0),
         KeynessError, "`min_count` must be an integer >= 1, got 0"),
        (lambda: keyness(["a b", "c d"], ["x", "y"], min_count=1, method="pmi"),
         KeynessError, "`method` must be one of ['logodds', 'chi2', 'g2', 'tfidf'], got 'pmi'"),
        (lambda: FrameClassifier(threshold=1.0).fit(["a b", "c d"], pd.DataFrame({"f": [1, 0]})),
         ClassifierError, "`threshold` must be a number strictly between 0 and 1, got 1.0"),
        (lambda: FrameClassifier(solver="sag").fit(["a b", "c d"], pd.DataFrame({"f": [1, 0]})),
         ClassifierError, "`solver` must be one of ['liblinear', 'lbfgs'], got 'sag'"),
        (lambda: similarity_table(SQUARE, pairs="lower"),
         SimilarityError, "`pairs` must be one of ['upper', 'all'], got 'lower'"),
        (lambda: score_table(UNITS, MATCHES, frames=["f"]),
         FramingDataError, "`units` is missing column(s) ['n_tokens']; available columns: "),
        (lambda: p_adjust([0.1], "bh"),
         ValueError, "`method` must be one of ['holm', 'fdr_bh', 'bonferroni'], got 'bh'"),
        (lambda: evidence_table(MATCHES, {"a": "text"}, frame="f"),
         ValueError, "`matches` is missing column(s) ['start', 'end']; available columns: "),
        (lambda: voice_style("#000000", "quoted"),
         ValueError, "`voice` must be one of ['authorial', 'attributed', 'all'], got 'quoted'"),
        (lambda: publication_rc(width="triple"),
         ValueError, "`width` must be 'single', 'double' or a number of inches, got 'triple'"),
        (lambda: minhash_signatures([], num_perm=1),
         ValueError, "`num_perm` must be an integer >= 2, got 1"),
        (lambda: find_near_duplicates([("a", "text")], verify="maybe"),
         ValueError, "`verify` must be one of ['exact', 'minhash'], got 'maybe'"),
        (lambda: check_bootstrap(-1, 0.95, 0),
         ValueError, "`n_boot` must be an integer >= 0 (0 skips the bootstrap), got -1"),
        (lambda: krippendorff_alpha([[1, 2], [1, 2]], level="cardinal"),
         ValueError, "`level` must be one of ['nominal', 'ordinal', 'interval', 'ratio'], "
                     "got 'cardinal'"),
    ],
)
def test_every_module_uses_the_shared_wording_and_its_own_error(call, error, message):
    with pytest.raises(error, match="^" + re.escape(message)) as info:
        call()
    # its own class exactly, not just a ValueError from somewhere else
    assert type(info.value) is error

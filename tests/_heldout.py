"""Shared checks of the held-out sets (``tests/data/heldout*/``): one harness, three sets.

Each set is a folder with ``corpus/`` (``*.txt`` + ``metadata.csv``) and a coded CSV in
the seeds' format. The test modules keep their own measured figures and floors.
"""

from __future__ import annotations

import warnings
from itertools import pairwise
from pathlib import Path

import pandas as pd

from framing.pipeline import AnalysisConfig, analyze
from framing.validation import ValidationWarning, read_coded

DATA = Path(__file__).parent / "data"


def validation_table(corpus: Path, coded: pd.DataFrame | Path) -> pd.DataFrame:
    """Point estimates (no bootstrap) of the set's agreement, indexed by (frame, voice).

    A match outside every coded unit means the coding and the texts drifted apart, so the
    warning that reports it is an error here.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error", ValidationWarning)
        result = analyze(corpus, "kazakhstan-2022", config=AnalysisConfig(provenance=False))
        coded = coded if isinstance(coded, pd.DataFrame) else read_coded(coded)
        return result.validate(coded, n_boot=0).set_index(["frame", "voice"])


def assert_units_are_slices(coded: pd.DataFrame, corpus: Path, *, tiled: bool) -> None:
    """Every unit's text is its slice of the file; with ``tiled``, the units tile each file."""
    texts = {p.stem: p.read_text(encoding="utf-8") for p in corpus.glob("*.txt")}
    assert sorted(coded["doc_id"].unique()) == sorted(texts)
    for doc_id, units in coded.groupby("doc_id"):
        text = texts[doc_id]
        for row in units.itertuples():
            assert text[row.start:row.end] == row.text, (doc_id, row.start)
        if tiled:
            # nothing but whitespace between consecutive units: no text left uncoded
            bounds = units.sort_values("start")[["start", "end"]].to_numpy()
            gaps = [text[e:s] for (_, e), (s, _) in pairwise(bounds)]
            assert all(not g.strip() for g in gaps), doc_id
            assert not text[: bounds[0][0]].strip() and not text[bounds[-1][1]:].strip()


def metadata_names(corpus: Path) -> pd.DataFrame:
    """The folder's metadata, after checking it lists exactly the folder's texts."""
    meta = pd.read_csv(corpus / "metadata.csv")
    assert sorted(meta["doc_id"]) == sorted(p.stem for p in corpus.glob("*.txt"))
    return meta


def assert_floor(table: pd.DataFrame, frame: str, voice: str, metric: str, floor: float,
                 readme: str) -> None:
    """The figure has not fallen below ``floor``; the message points to the disagreements."""
    value = float(table.loc[(frame, voice), metric])
    assert value >= floor, (
        f"{frame}/{voice} {metric} fell to {value:.3f} (floor {floor:.3f}); see {readme} "
        "for the unit-level disagreements"
    )

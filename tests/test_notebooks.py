"""The tutorial notebooks: they run top to bottom, show what they promise, and are stored clean.

Each notebook in ``notebooks/`` is executed in a fresh ``python3`` kernel, as a reader would run
it in Jupyter, and checked for errors, for output on stderr (a warning shown in a tutorial is a
bug of the tutorial) and for its key outputs. The notebooks are stored without outputs, so these
tests are also what keeps them working.

The prose of a notebook states facts about the bundled data ("the BBC quotes Tokayev's
'terrorists'", "every outlet has one article, so sentences are resampled"). The ``test_claim_*``
tests check those facts through the public API, so that a change of the lexicon, the voice rules
or the statistics that makes a sentence of the tutorials untrue fails here, naming the notebook
section to rewrite.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest
from nbclient import NotebookClient

NOTEBOOKS_DIR = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOKS = ["01-quickstart.ipynb", "02-your-own-corpus.ipynb", "03-validation.ipynb"]

# --------------------------------------------------------------------------- helpers


def _execute(name: str, tmp_path: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(NOTEBOOKS_DIR / name, as_version=4)
    # conftest.py sets MPLBACKEND=Agg for this process; the kernel should start as Jupyter
    # starts it (inline backend), so that figures become outputs. The notebooks write into
    # tempfile.mkdtemp() folders: put those under pytest's tmp_path.
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    env["TMPDIR"] = str(tmp_path)
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOKS_DIR)}})
    client.execute(env=env)
    return nb


def _outputs(nb: nbformat.NotebookNode, source_contains: str | None = None) -> list[dict]:
    """Outputs of the code cells (whose source contains ``source_contains``, if given)."""
    cells = [c for c in nb.cells if c.cell_type == "code"
             and (source_contains is None or source_contains in c.source)]
    if source_contains is not None and not cells:
        raise AssertionError(f"no code cell contains {source_contains!r}")
    return [o for c in cells for o in c.get("outputs", [])]


def _text(outputs: list[dict]) -> str:
    """All plain text of some outputs: streams, text/plain and text/html."""
    parts = []
    for o in outputs:
        if o["output_type"] == "stream":
            parts.append(o["text"])
        for mime in ("text/plain", "text/html"):
            if mime in o.get("data", {}):
                parts.append(o["data"][mime])
    return "\n".join(parts)


def _frames() -> list[str]:
    from framing.lexicon import load_lexicon

    return list(load_lexicon("kazakhstan-2022").categories)


# --------------------------------------------------------------------------- key outputs


def _check_quickstart(nb: nbformat.NotebookNode) -> None:
    figures = [o for o in _outputs(nb) if "image/png" in o.get("data", {})]
    assert len(figures) >= 4, f"expected the four figures as PNG outputs, found {len(figures)}"
    for call in ("frame_profile", "ternary", "frame_heatmap", "keyness_plot"):
        assert any("image/png" in o.get("data", {}) for o in _outputs(nb, f"plots.{call}(")), (
            f"the cell calling plots.{call} shows no figure")
    document = _text(_outputs(nb, "result.show("))
    assert "<mark" in document, "result.show(...) did not render the highlighted document"
    scores = _text(_outputs(nb, "scores_with_intervals("))
    assert "per_1k_ci_low" in scores and "sentence" in scores
    assert "comparisons below 0.05" in _text(_outputs(nb, "p_holm"))
    report = _text(_outputs(nb, "write_report("))
    assert "manifest.json" in report and "report.html" in report
    assert "figure files hashed" in _text(_outputs(nb, "build_manifest("))


def _check_own_corpus(nb: nbformat.NotebookNode) -> None:
    text = _text(_outputs(nb))
    assert "same texts and metadata as the CSV: True" in text
    assert "CorpusWarning" in text, "the messy folder should show the loader's warnings"
    assert text.count("LexiconError:") == 3, "each of the three broken lexicons shows its error"
    assert "<Lexicon 'port-strike'" in text
    assert "LexiconWarning" in text, "saving as .dic should report what LIWC cannot hold"
    features = _text(_outputs(nb, "FeatureUnion("))
    assert "lexicon__worker_grievance__authorial" in features and "tfidf__" in features


def _check_validation(nb: nbformat.NotebookNode) -> None:
    frames = _frames()
    table = _text(_outputs(nb, "validation = result.validate("))
    for frame in [*frames, "all", "boilerplate"]:
        assert frame in table, f"the validation table has no row for {frame!r}"
    for column in ("precision", "recall", "f1", "alpha"):
        assert column in table
    assert "reproduces the counts of validate(): True" in _text(_outputs(nb, "def unit_labels("))
    sheet = _text(_outputs(nb, "def draw_coding_sample("))
    assert "units written to coding-sheet.csv" in sheet
    assert "CodingError" in _text(_outputs(nb, "read_coded(sheet_path)"))
    side = _text(_outputs(nb, "agreement_with_coding("))
    assert "classifier" in side and "lexicon" in side
    added = re.search(r"(\d+) entries added", _text(_outputs(nb, "apply_decisions(")))
    assert added, "apply_decisions(...) printed no summary"
    assert int(added.group(1)) >= 1, (
        "no suggestion was accepted: suggest_terms no longer proposes the terms the notebook "
        "decides on; update the decisions in section 5 of 03-validation")


_CHECKS = {
    "01-quickstart.ipynb": _check_quickstart,
    "02-your-own-corpus.ipynb": _check_own_corpus,
    "03-validation.ipynb": _check_validation,
}


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_and_shows_its_results(name, tmp_path):
    # An error in a cell raises CellExecutionError here, with the cell and its traceback.
    nb = _execute(name, tmp_path)
    errors = [o for o in _outputs(nb) if o["output_type"] == "error"]
    assert not errors, f"{name}: {errors[0]['ename']}: {errors[0]['evalue']}"
    stderr = [(c.source.splitlines()[0], o["text"]) for c in nb.cells if c.cell_type == "code"
              for o in c.get("outputs", [])
              if o["output_type"] == "stream" and o["name"] == "stderr"]
    assert not stderr, (
        f"{name}: output on stderr (a warning?) in cell {stderr[0][0]!r}: {stderr[0][1]}")
    _CHECKS[name](nb)


# --------------------------------------------------------------------------- storage


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_is_stored_clean(name):
    path = NOTEBOOKS_DIR / name
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["nbformat"] == 4
    assert raw["metadata"]["kernelspec"]["name"] == "python3"
    nb = nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
    nbformat.validate(nb)
    for cell in raw["cells"]:
        if cell["cell_type"] != "code":
            continue
        first = "".join(cell["source"]).splitlines()[0]
        assert cell["outputs"] == [], f"{name}: cell {first!r} is stored with outputs"
        assert cell["execution_count"] is None, f"{name}: cell {first!r} has an execution count"
        source = "".join(cell["source"])
        assert not re.search(r"""["'](?:/|[A-Za-z]:\\)(?:work|home|tmp|Users)\b""", source), (
            f"{name}: cell {first!r} uses an absolute path; use relative or temporary paths")


# --------------------------------------------------------------------------- claims of the prose


@pytest.fixture(scope="module")
def kazakhstan():
    from framing.datasets import load_kazakhstan_2022
    from framing.pipeline import analyze

    return analyze(load_kazakhstan_2022(), "kazakhstan-2022")


def test_claim_quickstart_provenance(kazakhstan):
    """01 section 3: which texts name their source, the BBC template, the spun copy."""
    docs = kazakhstan.documents.set_index("outlet")
    assert docs["n_tokens"].gt(0).all() and docs.index.is_unique  # one document per outlet
    assert docs.loc[["Daily Express", "BBC News"], "original_source"].isna().all()
    assert docs.loc["BBC News", "template_source"] == "BBC News"
    assert "informed Newsweek" in docs.loc["Newsweek", "original_source_evidence"]
    assert docs["paraphrase_flag"].tolist() == [o == "Newsweek" for o in docs.index]
    assert docs["duplicate_group"].nunique() == len(docs)


def test_claim_quickstart_voice(kazakhstan):
    """01 sections 4-5: the BBC's coup_terror words are all attributed; the voice reasons."""
    scores = kazakhstan.scores(by="outlet").set_index(["outlet", "frame", "voice"])
    assert scores.loc[("BBC News", "coup_terror", "authorial"), "matches"] == 0
    assert scores.loc[("BBC News", "coup_terror", "attributed"), "matches"] >= 1
    bbc = kazakhstan.documents.loc[kazakhstan.documents["outlet"] == "BBC News", "doc_id"].item()
    matches = kazakhstan.matches
    words = matches.loc[(matches["doc_id"] == bbc) & (matches["frame"] == "coup_terror"), "text"]
    assert {"terrorists", "criminals"} <= set(words)
    beast = scores.xs(("The Daily Beast", "authorial"), level=["outlet", "voice"])
    assert (beast["matches"] == 0).all() and beast["share"].isna().all()
    assert set(kazakhstan.matches["voice_reason"]) == {
        "none", "quotation", "reported_speech", "scare_quote", "what_called", "headline_colon",
        "retelling"}


def test_claim_quickstart_statistics(kazakhstan):
    """01 sections 6-8: sentences are resampled and permuted; function words in keyness."""
    intervals = kazakhstan.scores_with_intervals(by="outlet", n_boot=200, seed=0)
    assert set(intervals["resample_unit"]) == {"sentence"}
    comparisons = kazakhstan.compare(by="outlet", n_perm=200, seed=0)
    assert set(comparisons["permutation_unit"]) == {"sentence"}
    top = kazakhstan.keyness(by="outlet", method="logodds", min_count=3).groupby("group").head(4)
    assert "have" in set(top.query("group == 'BBC News'")["term"])
    assert "within" in set(top.query("group == 'Newsweek'")["term"])


def test_claim_own_corpus_voice_gap():
    """02 section 6: 'The operators say ...' is not recognised as reported speech."""
    from framing.features import LexiconVectorizer
    from framing.lexicon import loads_lexicon

    lexicon = loads_lexicon('name: t\nversion: "1"\ncategories:\n  public_order:\n'
                            '    description: x\n    entries: [to ransom]\n')
    vectorizer = LexiconVectorizer(lexicon=lexicon, voice=True).fit(["x"])
    counts = vectorizer.transform([
        "The operators say we are holding the city to ransom.",
        "“Our members are being held to ransom,” said Tomas Brandt.",
    ])
    np.testing.assert_array_equal(counts, [[1, 0], [0, 1]])  # authorial, then attributed


def test_claim_validation_classifier(kazakhstan):
    """03 section 5: the classifier trails the lexicon; most coded 'riots' units are protest."""
    from framing.classifier import agreement_with_coding, train_distant
    from framing.datasets import load_kazakhstan_2022_coded

    coded = load_kazakhstan_2022_coded()
    table = agreement_with_coding(train_distant(kazakhstan, seed=0), coded, n_boot=0)
    f1 = table.query("frame == 'all'").set_index("method")["f1"]
    assert f1["classifier"] < f1["lexicon"]
    riots = coded[(coded["boilerplate"] == 0)
                  & coded["text"].str.contains("riots", case=False, regex=False)]
    assert (riots["protest_crackdown"] != "").mean() > 0.5

"""Manifests record versions, hashes and parameters, and are reproducible."""

from __future__ import annotations

import json

from framing.datasets import load_kazakhstan_2022
from framing.manifest import build_manifest, file_sha256, versions, write_manifest


def test_versions_name_framing_and_dependencies():
    v = versions()
    for name in ("python", "framing", "numpy", "pandas", "scikit-learn", "nltk", "matplotlib"):
        assert v[name] and v[name] != "not installed"


def test_manifest_records_corpus_parameters_and_file_hashes(tmp_path):
    out = tmp_path / "table.csv"
    out.write_text("a,b\n1,2\n", encoding="utf-8")
    corpus = load_kazakhstan_2022()
    manifest = build_manifest(command="test", parameters={"by": "outlet", "n": 3},
                              corpus=corpus, outputs={"table": out}, root=tmp_path)
    assert manifest["corpus"] == {"name": "kazakhstan-2022", "n_documents": 5,
                                  "sha256": corpus.sha256}
    assert manifest["parameters"] == {"by": "outlet", "n": 3}
    assert manifest["outputs"]["table"] == {"path": "table.csv", "sha256": file_sha256(out)}
    path = write_manifest(tmp_path, manifest)
    first = path.read_bytes()
    write_manifest(tmp_path, build_manifest(command="test", parameters={"n": 3, "by": "outlet"},
                                            corpus=load_kazakhstan_2022(),
                                            outputs={"table": out}, root=tmp_path))
    assert path.read_bytes() == first  # no timestamps; key order does not matter
    assert json.loads(first)["outputs"]["table"]["path"] == "table.csv"


def test_corpus_hash_changes_with_one_character():
    import pandas as pd

    from framing.corpus import Corpus

    a = Corpus.from_frame(pd.DataFrame({"doc_id": ["x"], "text": ["Protests."]}))
    b = Corpus.from_frame(pd.DataFrame({"doc_id": ["x"], "text": ["Protests!"]}))
    assert a.sha256 != b.sha256

"""Corpus loaders: every source gives the same Corpus; bad input is named, never dropped."""

from __future__ import annotations

import json
import warnings

import pandas as pd
import pytest

from framing.corpus import Corpus, CorpusError, CorpusWarning, read_corpus
from framing.datasets import kazakhstan_2022_path, load_kazakhstan_2022

DOCS = {"a": "Protests spread over fuel prices.\n", "b": "Tokayev called them “terrorists”."}
META = {"a": {"outlet": "Outlet A", "date": "2022-01-05"},
        "b": {"outlet": "Outlet B", "date": "2022-01-06"}}


def _frame() -> pd.DataFrame:
    return pd.DataFrame([{"doc_id": d, "text": t, **META[d]} for d, t in DOCS.items()])


def _write(tmp_path, kind: str):
    if kind == "folder":
        folder = tmp_path / "texts"
        folder.mkdir()
        for d, t in DOCS.items():
            (folder / f"{d}.txt").write_text(t, encoding="utf-8")
        pd.DataFrame([{"file": f"{d}.txt", **META[d]} for d in DOCS]).to_csv(
            folder / "metadata.csv", index=False)
        return folder
    frame = _frame()
    if kind == "csv":
        frame.to_csv(tmp_path / "c.csv", index=False)
        return tmp_path / "c.csv"
    if kind == "tsv":
        frame.to_csv(tmp_path / "c.tsv", sep="\t", index=False)
        return tmp_path / "c.tsv"
    if kind == "jsonl":
        path = tmp_path / "c.jsonl"
        path.write_text("\n".join(json.dumps(r, ensure_ascii=False)
                                  for r in frame.to_dict("records")) + "\n", encoding="utf-8")
        return path
    if kind == "parquet":
        frame.to_parquet(tmp_path / "c.parquet")
        return tmp_path / "c.parquet"
    if kind == "frame":
        return frame
    raise AssertionError(kind)


@pytest.mark.parametrize("kind", ["folder", "csv", "tsv", "jsonl", "parquet", "frame"])
def test_every_source_gives_the_same_corpus(tmp_path, kind):
    corpus = read_corpus(_write(tmp_path, kind))
    assert corpus.doc_ids == ["a", "b"]
    assert [doc.text for doc in corpus] == list(DOCS.values())  # texts never modified
    assert list(corpus.metadata["outlet"]) == ["Outlet A", "Outlet B"]
    assert list(corpus.metadata["date"]) == ["2022-01-05", "2022-01-06"]
    assert corpus["b"].meta["outlet"] == "Outlet B"
    assert corpus.load_report.empty


def test_same_content_same_hash_across_sources(tmp_path):
    hashes = {kind: read_corpus(_write(tmp_path / kind, kind)).sha256
              for kind in ("csv", "jsonl", "parquet", "frame")
              if (tmp_path / kind).mkdir() is None}
    assert len(set(hashes.values())) == 1


def test_folder_metadata_joined_by_doc_id(tmp_path):
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "x.txt").write_text("Text.", encoding="utf-8")
    pd.DataFrame({"doc_id": ["x"], "outlet": ["BBC News"], "section": ["World"]}).to_csv(
        folder / "metadata.csv", index=False)
    corpus = read_corpus(folder)
    assert corpus["x"].meta["outlet"] == "BBC News"
    assert corpus["x"].meta["section"] == "World"


def test_rows_without_ids_are_numbered(tmp_path):
    path = tmp_path / "c.csv"
    pd.DataFrame({"text": ["one", "two"]}).to_csv(path, index=False)
    assert read_corpus(path).doc_ids == ["0", "1"]


def test_bundled_corpus_is_byte_identical_and_has_metadata():
    corpus = load_kazakhstan_2022()
    folder = kazakhstan_2022_path() / "texts"
    assert len(corpus) == 5
    for doc in corpus:
        assert doc.text.encode("utf-8") == (folder / f"{doc.doc_id}.txt").read_bytes()
    outlets = dict(zip(corpus.metadata["doc_id"], corpus.metadata["outlet"], strict=True))
    assert outlets["001_d7fcb602a5d755b1"] == "Newsweek"
    assert outlets["004_c02b394d286b7c9f"] == "BBC News"
    assert corpus.metadata["publisher"].notna().all()


# -- bad input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda p: p / "missing", "no such file or folder"),
        (lambda p: (p / "x.docx").write_bytes(b"x") and p / "x.docx", "unknown corpus format '.docx'"),
        (lambda p: (p / "e").mkdir() or p / "e", "no .txt files"),
        (lambda p: (p / "c.csv").write_text("id,body\n1,x\n") and p / "c.csv", "no 'text' column"),
        (lambda p: (p / "c.jsonl").write_text('{"text": "ok"}\n{"text": \n') and p / "c.jsonl",
         "line 2: invalid JSON"),
        (lambda p: (p / "c.csv").write_text("doc_id,text\na,x\na,y\n") and p / "c.csv",
         "duplicate doc_id 'a'"),
        (lambda p: (p / "c.csv").write_text("doc_id,text\na,x\n,y\n") and p / "c.csv",
         "row 2: empty 'doc_id'"),
    ],
)
def test_bad_sources_raise_a_clear_error(tmp_path, setup, message):
    path = setup(tmp_path)
    with pytest.raises(CorpusError, match=message) as info:
        read_corpus(path)
    assert str(path) in str(info.value)


def test_non_utf8_names_file_and_byte_offset(tmp_path):
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "good.txt").write_text("fine", encoding="utf-8")
    (folder / "bad.txt").write_bytes("caf\u00e9 ".encode() + b"\xff\xfe ok")
    with pytest.raises(CorpusError, match=r"bad\.txt: byte offset 6 \(line 1\) is not valid UTF-8"):
        read_corpus(folder)


def test_non_utf8_replaced_on_request_and_listed(tmp_path):
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "bad.txt").write_bytes(b"a\xffb")
    with pytest.warns(CorpusWarning, match=r"bad\.txt: invalid UTF-8 bytes replaced"):
        corpus = read_corpus(folder, encoding_errors="replace")
    assert corpus["bad"].text == "a\ufffdb"
    report = corpus.load_report
    assert report.loc[0, "kind"] == "encoding" and report.loc[0, "doc_id"] == "bad"


def test_non_utf8_csv_names_line(tmp_path):
    path = tmp_path / "c.csv"
    path.write_bytes(b"doc_id,text\na,fine\nb,caf\xe9\n")
    with pytest.raises(CorpusError, match=r"c\.csv: byte offset 24 \(line 3\)"):
        read_corpus(path)


def test_empty_documents_are_kept_and_named(tmp_path):
    path = tmp_path / "c.csv"
    pd.DataFrame({"doc_id": ["a", "b"], "text": ["text", "  "]}).to_csv(path, index=False)
    with pytest.warns(CorpusWarning, match=r"row 2 \(doc_id 'b'\) has an empty text"):
        corpus = read_corpus(path)
    assert corpus.doc_ids == ["a", "b"]


def test_metadata_mismatches_are_reported_by_name(tmp_path):
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "a.txt").write_text("A.", encoding="utf-8")
    (folder / "b.txt").write_text("B.", encoding="utf-8")
    (folder / "notes.md").write_text("x", encoding="utf-8")
    pd.DataFrame({"file": ["a.txt", "zzz.txt"], "outlet": ["X", "Z"]}).to_csv(
        folder / "metadata.csv", index=False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = read_corpus(folder)
    text = "\n".join(str(w.message) for w in caught)
    assert "line 3: file 'zzz.txt' matches no .txt file" in text
    assert "b: no row in metadata.csv" in text
    assert "notes.md: not a .txt file, skipped" in text
    assert set(corpus.load_report["kind"]) == {
        "metadata_without_file", "file_without_metadata", "skipped_file"}
    assert corpus.doc_ids == ["a", "b"]


def test_duplicate_metadata_rows_are_an_error(tmp_path):
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "a.txt").write_text("A.", encoding="utf-8")
    pd.DataFrame({"file": ["a.txt", "a.txt"], "outlet": ["X", "Y"]}).to_csv(
        folder / "metadata.csv", index=False)
    with pytest.raises(CorpusError, match="appears more than once"):
        read_corpus(folder)


def test_folder_texts_are_read_lazily(tmp_path):
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "a.txt").write_text("first", encoding="utf-8")
    corpus = read_corpus(folder)
    (folder / "a.txt").write_text("second", encoding="utf-8")
    assert corpus["a"].text == "second"


def test_indexing_errors_are_clear():
    corpus = Corpus.from_frame(_frame())
    with pytest.raises(KeyError, match="no document with doc_id 'zz'"):
        corpus["zz"]
    with pytest.raises(IndexError):
        corpus[5]
    assert corpus[-1].doc_id == "b"
    assert "Outlet A" in corpus._repr_html_()

"""Tests for framing._tables: reproducible CSV that survives carriage returns in cells."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from framing._tables import CsvRowWriter, csv_cell, write_csv
from framing.cli import main

FRAME = pd.DataFrame({
    "doc_id": ["a", "b", "c", "d"],
    "start": [0, 5, 9, 12],
    "text": ["plain", "line\rbreak", "comma, here", "end\r"],
    "weight": [1.0, 0.5, float("nan"), 2 / 3],
})


def _read(path) -> str:
    with open(path, encoding="utf-8", newline="") as handle:  # keep \r as written
        return handle.read()


def test_without_carriage_returns_it_is_pandas_to_csv(tmp_path):
    frame = FRAME.drop(index=[1, 3])
    out = write_csv(frame, tmp_path / "sub" / "t.csv")
    assert out.read_bytes() == frame.to_csv(
        index=False, lineterminator="\n", float_format="%.10g").encode()


def test_rows_with_a_carriage_return_are_quoted_and_read_back(tmp_path):
    out = write_csv(FRAME, tmp_path / "t.csv")
    assert _read(out).split("\n") == [
        "doc_id,start,text,weight",
        "a,0,plain,1",
        '"b","5","line\rbreak","0.5"',
        'c,9,"comma, here",',
        '"d","12","end\r","0.6666666667"',
        "",
    ]
    back = pd.read_csv(out)
    assert back["text"].tolist() == FRAME["text"].tolist()
    assert back["start"].tolist() == FRAME["start"].tolist()


def test_row_writer_writes_what_write_csv_writes(tmp_path):
    rows = [[d, s, t, csv_cell(w)] for d, s, t, w in FRAME.itertuples(index=False)]
    buf = io.StringIO(newline="")
    writer = CsvRowWriter(buf)
    writer.writerow(list(FRAME.columns))
    writer.writerows(rows)
    assert buf.getvalue() == _read(write_csv(FRAME, tmp_path / "t.csv"))
    unchecked = io.StringIO(newline="")
    CsvRowWriter(unchecked).writerows(rows[1:2], check=False)
    assert unchecked.getvalue() == "b,5,line\rbreak,0.5\n"  # the caller's promise, kept


@pytest.mark.parametrize("overlap", ["longest", "all"])
def test_streamed_and_in_memory_matches_agree_on_text_with_carriage_returns(tmp_path, overlap):
    corpus = write_csv(pd.DataFrame({
        "doc_id": ["d1", "d2"],
        "outlet": ["A", "B"],
        "text": ["Security forces fired\ron protesters.\rTokayev called them terrorists.",
                 "The coup\r\nattempt failed, officials said."],
    }), tmp_path / "c.csv")  # the corpus loader reads back what write_csv writes
    common = ["score", str(corpus), "--lexicon", "kazakhstan-2022", "--overlap", overlap, "-q"]
    assert main([*common, "-o", str(tmp_path / "s1.csv"), "--matches", str(tmp_path / "m1.csv"),
                 "--n-boot", "0"]) == 0
    assert main([*common, "-o", str(tmp_path / "s2.csv"), "--matches", str(tmp_path / "m2.csv"),
                 "--stream"]) == 0
    assert (tmp_path / "m1.csv").read_bytes() == (tmp_path / "m2.csv").read_bytes()
    matches = pd.read_csv(tmp_path / "m1.csv")
    assert "fired\ron" in matches["text"].tolist()
    assert matches["doc_id"].isin(["d1", "d2"]).all()
    assert matches["frame"].notna().all()

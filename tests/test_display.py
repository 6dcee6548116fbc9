"""Jupyter rendering: every match highlighted in its frame colour, voice and boilerplate marked."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from framing.datasets import load_kazakhstan_2022
from framing.display import render_document
from framing.pipeline import analyze
from framing.theme import frame_palette

FRAMES = ["coup_terror", "protest_crackdown", "geopolitical_win"]


@pytest.fixture(scope="module")
def result():
    return analyze(load_kazakhstan_2022(), "kazakhstan-2022")


def test_render_marks_each_match_in_its_frame_colour():
    text = 'Police fired on protesters. He called them "terrorists" <b>.'
    matches = pd.DataFrame({"start": [16, 44], "end": [26, 54],
                            "frame": ["protest_crackdown", "coup_terror"],
                            "voice": ["authorial", "attributed"]})
    out = render_document(text, matches=matches, attributed=[(43, 55, "scare_quote")],
                          frames=FRAMES)
    palette = frame_palette(FRAMES)
    marks = re.findall(r"<mark style='background:(#[0-9A-F]{6})66' title='([^']*)'>(.*?)</mark>",
                       out)
    marks = [(c, t, re.sub(r"<[^>]+>", "", inner)) for c, t, inner in marks]
    body = [m for m in marks if m[2] in ("protesters", "terrorists")]
    assert [(c, t) for c, _, t in body] == [(palette["protest_crackdown"], "protesters"),
                                            (palette["coup_terror"], "terrorists")]
    assert "title='attributed: scare_quote'" in out
    assert "&lt;b&gt;" in out and "<b>" not in out.split("</style>", 1)[1]


def test_document_view_of_a_seed(result):
    doc_id = "004_c02b394d286b7c9f"
    view = result.show(doc_id)
    out = view._repr_html_()
    n = int((result.matches["doc_id"] == doc_id).sum())
    assert out.count("<mark style='background:") - len(FRAMES) >= n  # legend + matches
    assert "boilerplate: " in out  # "Connect with us" etc.
    assert "attributed: " in out
    assert "Blinken questions Russian troop deployment" in out


def test_match_view_rows(result):
    view = result.evidence(frame="coup_terror", voice="attributed")
    assert len(view) == int(((result.matches["frame"] == "coup_terror")
                             & (result.matches["voice"] == "attributed")).sum())
    out = view._repr_html_()
    assert out.count("<tr>") == min(len(view), view.max_rows) + 1  # + header
    outlet = result.evidence(by="outlet", group="BBC News")
    assert set(outlet.table["doc_id"]) == {"004_c02b394d286b7c9f"}

"""The pipeline: tables join back to the text; streaming equals the in-memory path."""

from __future__ import annotations

import pandas as pd
import pytest

from framing.corpus import Corpus
from framing.datasets import load_kazakhstan_2022
from framing.pipeline import AnalysisConfig, analyze, analyze_document, score_stream
from framing.scoring import FramingDataError


@pytest.fixture(scope="module")
def result():
    return analyze(load_kazakhstan_2022(), "kazakhstan-2022")


def test_every_match_and_sentence_joins_back_to_the_text(result):
    texts = {d.doc_id: d.text for d in result.corpus}
    for m in result.matches.itertuples():
        assert texts[m.doc_id][m.start:m.end] == m.text
        sent = result.sentences[(result.sentences.doc_id == m.doc_id)
                                & (result.sentences.sentence_id == m.sentence_id)].iloc[0]
        assert sent.start <= m.start and m.end <= sent.end
    assert set(result.matches["voice"]) <= {"authorial", "attributed"}
    assert set(result.matches["frame"]) <= set(result.frames)


def test_documents_table_provenance(result):
    docs = result.documents.set_index("doc_id")
    assert docs.loc["001_d7fcb602a5d755b1", "original_source"] == "Newsweek"
    assert docs.loc["002_7d6718613a425cdc", "original_source"] == "The Daily Beast"
    assert docs.loc["003_c9329d73a2008fbe", "original_source"] == "Reuters"
    assert pd.isna(docs.loc["000_fa584555f2145362", "original_source"])
    assert pd.isna(docs.loc["004_c02b394d286b7c9f", "original_source"])
    assert docs.loc["004_c02b394d286b7c9f", "template_source"] == "BBC News"
    assert bool(docs.loc["001_d7fcb602a5d755b1", "paraphrase_flag"])
    assert not docs.drop(index="001_d7fcb602a5d755b1")["paraphrase_flag"].astype(bool).any()
    text = result.corpus["003_c9329d73a2008fbe"].text
    row = docs.loc["003_c9329d73a2008fbe"]
    assert text[int(row.original_source_start):int(row.original_source_end)] == \
        row.original_source_evidence
    # each seed is its own story: no syndication group with two members
    assert docs["duplicate_group"].value_counts().max() == 1


def test_per_document_work_is_pure():
    """A document's analysis does not depend on which other documents are in the corpus."""
    corpus = load_kazakhstan_2022()
    alone = analyze(corpus.subset(["004_c02b394d286b7c9f"]), "kazakhstan-2022")
    together = analyze(corpus, "kazakhstan-2022")
    part = together.matches[together.matches.doc_id == "004_c02b394d286b7c9f"]
    pd.testing.assert_frame_equal(alone.matches.reset_index(drop=True),
                                  part.reset_index(drop=True))


@pytest.mark.parametrize(("by", "weighted"), [("outlet", False), ("doc_id", False),
                                              ("outlet", True), ("language", False)])
def test_score_stream_equals_analyze(by, weighted, tmp_path):
    corpus = load_kazakhstan_2022()
    expected = analyze(corpus, "kazakhstan-2022",
                       config=AnalysisConfig(provenance=False)).scores(by=by, weighted=weighted)
    got = score_stream(corpus, "kazakhstan-2022", by=by, weighted=weighted,
                       matches_out=tmp_path / "m.csv")
    pd.testing.assert_frame_equal(got, expected)
    assert got.attrs["excluded_boilerplate_matches"] == \
        expected.attrs["excluded_boilerplate_matches"]


def test_score_stream_missing_group_is_an_error():
    corpus = Corpus.from_frame(pd.DataFrame({"doc_id": ["a", "b"], "text": ["Protests.", "Coup."],
                                             "outlet": ["X", None]}))
    with pytest.raises(FramingDataError, match="document 'b' has no value in 'outlet'"):
        score_stream(corpus, "kazakhstan-2022", by="outlet")
    with pytest.raises(FramingDataError, match="no column 'section'"):
        score_stream(corpus, "kazakhstan-2022", by="section")


def test_analyze_document_without_lexicon_has_no_matches():
    from framing.datasets import load_kazakhstan_2022_coded

    doc = load_kazakhstan_2022()["003_c9329d73a2008fbe"]
    res = analyze_document(doc)
    coded = load_kazakhstan_2022_coded()
    assert len(res.match_start) == 0
    assert res.sentences.shape[0] == int((coded["doc_id"] == doc.doc_id).sum())
    assert res.source.source == "Reuters"


def test_validate_scores_only_the_matches_that_score():
    """A line taken for boilerplate does not score, so validation must not count it either."""
    text = ("Protesters were detained in Almaty on Wednesday.\n"
            "READ MORE: Protesters clash with police in the capital\n")
    corpus = Corpus.from_frame(pd.DataFrame({"doc_id": ["d"], "text": [text]}))
    result = analyze(corpus, "kazakhstan-2022", config=AnalysisConfig(provenance=False))
    flagged = result.sentences.set_index("sentence_id")["boilerplate"].astype(bool)
    assert flagged.tolist() == [False, True]  # the teaser line is boilerplate
    assert set(result.matches["sentence_id"]) == {0, 1}  # ... though the lexicon fires there
    scored = result.scored_matches()
    assert set(scored["sentence_id"]) == {0}
    pd.testing.assert_frame_equal(scored, result.matches[result.matches["sentence_id"] == 0])
    # a coder who took the teaser for article text: the toolkit misses it (fn), it does
    # not get credit for a match that never scores (tp)
    line2 = text.index("READ MORE")
    coded = pd.DataFrame({
        "doc_id": ["d", "d"], "start": [0, line2], "end": [text.index("\n"), len(text) - 1],
        "boilerplate": [0, 0], "coup_terror": ["", ""],
        "protest_crackdown": ["authorial", "authorial"], "geopolitical_win": ["", ""]})
    table = result.validate(coded, n_boot=0).set_index(["frame", "voice"])
    row = table.loc[("protest_crackdown", "any")]
    assert (row["tp"], row["fp"], row["fn"]) == (1, 0, 1)

"""Tests for framing.stance: stance toward a target, with holders and evidence."""


from __future__ import annotations

import doctest
import warnings

import pandas as pd
import pytest

import framing.stance
from framing.datasets import load_kazakhstan_2022, load_kazakhstan_2022_sources
from framing.lexicon import Lexicon, LexiconError
from framing.stance import (
    STANCE_COLUMNS,
    load_stance_lexicon,
    stance_in_text,
    stance_summary,
    stance_table,
    validate_stance,
)
from framing.voice import UnbalancedQuotesWarning


def values(text: str, **kwargs) -> list[tuple[int, str, str, str]]:
    """(sentence_id, holder, value, evidence) of every stance row of ``text``."""
    st = stance_in_text(text, **kwargs)
    return list(zip(st["sentence_id"], st["holder"], st["value"], st["evidence"], strict=True))


CUE_CASES = [
    # (text, expected [(sentence, holder, value, evidence)])
    ("The EU condemned the deployment of Russian troops.",
     [(0, "author", "oppose", "condemned")]),
    ("China's foreign ministry said it supported the deployment of Russian-led forces.",
     [(0, "Chinese Foreign Ministry", "support", "supported")]),
    ("Officials in Moscow have emphasised that the deployment is temporary.",
     [(0, "Russian officials", "support", "temporary")]),
    ("US Secretary of State Antony Blinken has questioned the decision to seek Russian "
     "military aid.", [(0, "author", "oppose", "questioned")]),
    ("Some Russian paratrooper units have already arrived in the country.", []),  # neutral
    ("The protesters questioned the price of gas.", []),  # a cue without the target
    # negation (S3): a negated cue expresses no stance; it is not flipped
    ("Germany did not condemn the deployment.", []),
    ("The US has neither welcomed nor condemned the CSTO's intervention.", []),
    ("Nobody supported the deployment.", []),
    # a negator inside the cue is part of it
    ("It is not clear why the deployment was needed.",
     [(0, "author", "oppose", "not clear why")]),
    ("The Russian military will not leave this country.",
     [(0, "author", "oppose", "will not leave")]),
    # a negator too far before the cue, or in another clause, does not negate it
    ("No decision was taken, and the EU condemned the deployment.",
     [(0, "author", "oppose", "condemned")]),
    ("It is not the first time that observers condemned the deployment of Russian troops.",
     [(0, "author", "oppose", "condemned")]),
    # the longer cue decides between values ("not clear why", not "clear")
    ("The CSTO mission was a success, Lavrov said.",
     [(0, "Sergei Lavrov", "support", "success")]),
]


@pytest.mark.parametrize(("text", "expected"), CUE_CASES)
def test_stance_cues_with_negation(text, expected):
    assert values(text) == expected


def test_scare_quoted_target_is_distancing():
    text = "Russian paratroopers, or “peacekeeping forces” arrived in Almaty."
    assert values(text) == [(0, "author", "oppose", "“peacekeeping forces”")]
    assert values(text, scare_quotes=None) == []
    # a scare quote around something else is not about the target
    assert values("The “heroes” of Almaty went home.") == []
    with pytest.raises(ValueError, match="stance values"):
        stance_in_text(text, scare_quotes="neutral")


def test_continuation_of_a_quotation_inherits_the_target():
    text = ("“On the subject of the CSTO, we have questions,” Blinken said. “It would seem to me "
            "that the Kazakh authorities have the capacity to deal with protests. So we are "
            "trying to learn more about it.”")
    st = stance_in_text(text)
    assert st["sentence_id"].tolist() == [0, 1, 2]
    assert set(st["holder"]) == {"Antony Blinken"} and set(st["value"]) == {"oppose"}
    assert st["target_inherited"].tolist() == [False, True, True]
    assert st["target"].tolist() == ["CSTO"] * 3
    assert st["target_start"].tolist() == [text.index("CSTO")] * 3


def test_authorial_sentences_never_inherit_the_target():
    text = ("“We have questions about the CSTO,” Blinken said. Analysts have the capacity to "
            "deal with it.")
    assert [v[0] for v in values(text)] == [0]


def test_continuation_stops_at_another_speaker_and_after_two_steps():
    text = ("“The CSTO deployment is lawful,” Putin said. Tokayev said the army was tired. "
            "“It will restore order,” Putin added.")
    assert [v[0] for v in values(text)] == [0]
    text = '"The CSTO came," Lavrov said. "It is late." "It restored order."'
    st = stance_in_text(text)
    assert st[["sentence_id", "value", "target_inherited"]].values.tolist() == [
        [2, "support", True]]
    text = '"The CSTO came," Lavrov said. "It is late." "It is cold." "It restored order."'
    assert values(text) == []


def test_holder_is_the_innermost_statement():
    text = ("“The intervention was a success,” Putin said, but the US warned that the troops "
            "will never leave.")
    st = stance_in_text(text)
    assert st[["holder", "value", "evidence"]].values.tolist() == [
        ["Vladimir Putin", "support", "success"], ["United States", "oppose", "never leave"]]
    text = "Putin said the deployment was a success. Critics condemned the deployment."
    st = stance_in_text(text)
    assert st[["holder", "holder_type", "holder_role", "value"]].values.tolist() == [
        ["Vladimir Putin", "speaker", "russian_government", "support"],
        ["author", "author", "author", "oppose"],
    ]


def test_statements_sharing_a_span_with_an_unresolved_speaker():
    # found by an end-to-end run on noisy text: two statements with one span and
    # rank, one speaker unresolved, made the holder sort compare None with str
    from framing.quotes import quotes_in_text

    text = "Tokayev said the CSTO deployment was a success."
    found = quotes_in_text(text)
    assert len(found) == 1
    unresolved = found.assign(speaker=None, speaker_role=None)
    for quotes in (pd.concat([unresolved, found]), pd.concat([found, unresolved])):
        st = stance_in_text(text, quotes=quotes.reset_index(drop=True))
        assert st[["holder", "value"]].values.tolist() == [[found["speaker"].iloc[0], "support"]]


def _nested_statements(n_inner: int, cue_inside_last: bool = False) -> tuple[str, pd.DataFrame]:
    """A quotation by Putin that holds ``n_inner`` reported statements of officers.

    The quotation detector does not nest reported speech inside a quotation, so the
    statements are given as a researcher's corrected statement table would give them.
    """
    parts, rows = ["“"], []
    for i in range(n_inner):
        what = ("the CSTO deployment was a success" if cue_inside_last and i == n_inner - 1
                else "the city was calm")
        head = f"Officer {i} said "
        start = sum(map(len, parts)) + len(head)
        parts.append(f"{head}{what}. ")
        rows.append({"start": start, "end": start + len(what), "mode": "reported",
                     "speaker": f"Officer {i}", "speaker_role": "police",
                     "cue_start": start - len("said ")})
    parts.append("The CSTO deployment was a success,” Putin said.")
    text = "".join(parts)
    end = text.index("”")
    rows.insert(0, {"start": 1, "end": end, "mode": "quoted", "speaker": "Vladimir Putin",
                    "speaker_role": "russian_government", "cue_start": end + 8})
    return text, pd.DataFrame(rows)


# the innermost statement holds the cue however many statements the quotation
# holds before it (the old lookup saw only the 60 statements opened last)
NESTED_CASES = [
    # (statements inside the quotation, cue inside the last of them, expected holder)
    (0, False, "Vladimir Putin"),
    (5, False, "Vladimir Putin"),
    (59, False, "Vladimir Putin"),
    (60, False, "Vladimir Putin"),
    (61, False, "Vladimir Putin"),
    (200, False, "Vladimir Putin"),
    (5, True, "Officer 4"),
    (200, True, "Officer 199"),
]


@pytest.mark.parametrize(("n_inner", "cue_inside_last", "holder"), NESTED_CASES)
def test_holder_of_a_quotation_holding_many_statements(n_inner, cue_inside_last, holder):
    text, quotes = _nested_statements(n_inner, cue_inside_last)
    assert text[quotes["start"][0] - 1] == "“" and text[quotes["end"][0]] == "”"
    st = stance_in_text(text, quotes=quotes, scare_quotes=None)
    last = st[st["sentence_id"] == st["sentence_id"].max()]
    assert last[["holder", "value", "evidence"]].values.tolist() == [
        ["Vladimir Putin", "support", "success"]]
    if cue_inside_last:
        assert st[["holder", "value"]].values.tolist() == [
            [holder, "support"], ["Vladimir Putin", "support"]]
    else:
        assert len(st) == 1 and st["holder"].iloc[0] == holder


def _innermost_by_scan(quotes: pd.DataFrame, pos: int) -> str | None:
    """Rule S5 by scanning every statement: the shortest statement covering ``pos``,
    a quotation before reported speech, then the earliest, a named speaker first."""
    best = None
    for q in quotes.itertuples():
        if q.start <= pos < q.end:
            speaker = None if pd.isna(q.speaker) else str(q.speaker)
            key = (q.end - q.start, q.mode != "quoted", q.start, speaker is None,
                   speaker or "", pd.isna(q.speaker_role), str(q.speaker_role))
            if best is None or key < best[0]:
                best = (key, speaker)
    return "author" if best is None else best[1]


def test_seed_holders_are_the_innermost_statement_of_every_cue():
    from framing.quotes import extract_quotes

    corpus = load_kazakhstan_2022()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnbalancedQuotesWarning)
        quotes = extract_quotes(corpus, boilerplate=True)
    st = stance_table(corpus, quotes=quotes)
    assert len(st) > 20 and (st["holder_type"] == "speaker").sum() > 10
    by_doc = {k: g for k, g in quotes.groupby("doc_id")}
    for row in st.itertuples():
        doc_quotes = by_doc.get(row.doc_id, quotes.iloc[0:0])
        for span in row.evidence_spans.split("; "):
            start = int(span.split(":")[0])
            assert _innermost_by_scan(doc_quotes, start) == row.holder, (row.doc_id, span)


def test_table_columns_and_offsets():
    text = ("Dozens died. “We have questions about the CSTO deployment,” Mr Blinken said. "
            "Russia said that it supported the deployment and that it was lawful.")
    st = stance_in_text(text, doc_id="d")
    assert st.columns.tolist() == STANCE_COLUMNS
    for row in st.itertuples():
        assert text[row.start:row.end].startswith(("“We", "Russia"))
        assert text[row.evidence_start:row.evidence_end] == row.evidence.split("; ")[0]
        assert text[row.target_start:row.target_end] == row.target
        spans = [tuple(map(int, x.split(":"))) for x in row.evidence_spans.split("; ")]
        assert [text[a:b] for a, b in spans] == row.evidence.split("; ")
        assert row.n_cues == len(spans)
    support = st[st["value"] == "support"].iloc[0]
    assert support["evidence"] == "supported; lawful" and support["n_cues"] == 2


def test_boilerplate_sentences_carry_nothing():
    text = "Critics condemned the deployment. Critics condemned the deployment."
    st = stance_in_text(text, boilerplate=[True, False])
    assert st["sentence_id"].tolist() == [1]
    with pytest.raises(ValueError, match="2 sentences"):
        stance_in_text(text, boilerplate=[True])


def test_researchers_define_other_targets_and_values():
    lex = Lexicon.from_dict({
        "target": ["curfew"],
        "pro": ["necessary", "protects"],
        "anti": ["cruel", "unlawful"],
        "negation": ["not"],
    }, name="curfew")
    text = ("The mayor said the curfew was necessary. Residents call the curfew cruel. "
            "The curfew is not cruel, the mayor said. The weather was cruel.")
    st = stance_in_text(text, lexicon=lex, scare_quotes=None)
    assert st[["sentence_id", "value"]].values.tolist() == [[0, "pro"], [1, "anti"]]
    with pytest.raises(ValueError, match="stance values"):
        stance_in_text(text, lexicon=lex)  # the default scare_quotes="oppose" is not a value


def test_stance_lexicon_errors(tmp_path):
    with pytest.raises(LexiconError, match="needs a 'target' category"):
        load_stance_lexicon(Lexicon.from_dict({"support": ["good"]}, name="x"))
    with pytest.raises(LexiconError, match="at least one stance category"):
        load_stance_lexicon(Lexicon.from_dict({"target": ["x"], "negation": ["not"]},
                                              name="x"))
    path = tmp_path / "mine.yaml"
    path.write_text("name: mine\nversion: '1'\ncategories:\n  target:\n    description: t\n"
                    "    entries: [curfew]\n  oppose:\n    description: o\n"
                    "    entries: [cruel]\n", encoding="utf-8")
    assert load_stance_lexicon(path).categories == ("target", "oppose")
    assert values("The curfew is cruel.", lexicon=path) == [(0, "author", "oppose", "cruel")]


def test_bundled_stance_lexicon_has_notes_for_every_cue():
    lex = load_stance_lexicon()
    assert lex.categories == ("target", "support", "oppose", "negation")
    assert all(e.note for e in lex.entries if e.category != "negation")


@pytest.mark.parametrize("text", [
    "",
    "word " * 20_000,
    "CSTO not condemned " * 3_000,
    ("“" + "the CSTO deployment was a success " * 10) * 200,
])
def test_bad_input_never_crashes(text):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnbalancedQuotesWarning)
        st = stance_in_text(text)
    assert st.columns.tolist() == STANCE_COLUMNS
    assert ((st["start"] >= 0) & (st["end"] <= len(text))).all()


def test_stance_summary_by_hand():
    st = pd.DataFrame({
        "doc_id": ["a", "a", "a", "b", "b"], "sentence_id": [0, 0, 1, 0, 3],
        "value": ["oppose", "oppose", "support", "oppose", "oppose"],
        "holder": ["author", "Antony Blinken", "Vladimir Putin", "author", "author"],
        "holder_role": ["author", "us_government", "russian_government", "author", "author"]})
    docs = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["BBC", "BBC"]})
    table = stance_summary(st, documents=docs)
    assert table.columns.tolist() == ["outlet", "value", "holder_role", "n_sentences",
                                      "n_holders", "holders", "share"]
    rows = {(r.value, r.holder_role): r for r in table.itertuples()}
    assert rows[("oppose", "author")].n_sentences == 3
    # sentence a/0 is both authorial and Blinken's: 3 distinct oppose sentences in all
    assert rows[("oppose", "author")].share == pytest.approx(3 / 3)
    assert rows[("oppose", "us_government")].share == pytest.approx(1 / 3)
    assert rows[("support", "russian_government")].holders == "Vladimir Putin"
    assert stance_summary(st.iloc[0:0], by="doc_id").empty
    with pytest.raises(ValueError, match="lacks column"):
        stance_summary(st.drop(columns="holder"), by="doc_id")


def test_validate_stance_by_hand():
    coded = pd.DataFrame({"doc_id": ["a"] * 4, "start": [0, 10, 20, 30],
                          "end": [9, 19, 29, 39], "stance_support": [1, 0, 1, 0],
                          "stance_oppose": [0, 1, 0, 0]})
    st = pd.DataFrame({"doc_id": ["a", "a", "a"], "start": [0, 10, 30], "end": [9, 19, 39],
                       "value": ["support", "support", "oppose"]})
    table = validate_stance(st, coded, n_boot=0).set_index("value")
    assert table.loc["support", ["tp", "fp", "fn", "tn"]].tolist() == [1, 1, 1, 1]
    assert table.loc["oppose", ["tp", "fp", "fn", "tn"]].tolist() == [0, 1, 1, 2]
    assert table.loc["support", "f1"] == pytest.approx(0.5)
    with pytest.raises(ValueError, match="no stance_<value> column"):
        validate_stance(st, coded.drop(columns=["stance_support", "stance_oppose"]))
    with pytest.raises(ValueError, match="lacks column"):
        validate_stance(st.drop(columns="value"), coded)


@pytest.fixture(scope="module")
def seed_stance() -> pd.DataFrame:
    return stance_table(load_kazakhstan_2022())


def test_seed_stance_agreement(seed_stance):
    table = validate_stance(seed_stance, load_kazakhstan_2022_sources(), n_boot=0)
    table = table.set_index("value")
    assert table.loc["support", "f1"] >= 0.80 and table.loc["oppose", "f1"] >= 0.80
    assert table.loc["support", "precision"] >= 0.9 and table.loc["oppose", "precision"] >= 0.9


def test_seed_stance_holders(seed_stance):
    st = seed_stance
    assert st.columns.tolist() == STANCE_COLUMNS
    by_holder = st.groupby("holder")["value"].agg(set)
    assert by_holder["Antony Blinken"] == {"oppose"}
    assert by_holder["Vladimir Putin"] == {"support"}
    assert by_holder["Russian Foreign Ministry"] == {"support"}
    corpus = load_kazakhstan_2022()
    for row in st.itertuples():
        text = corpus[row.doc_id].text
        assert text[row.evidence_start:row.evidence_end] == row.evidence.split("; ")[0]


def test_stance_table_reuses_quotes_and_checks_arguments():
    frame = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"],
                          "text": ["Critics condemned the deployment of Russian troops."]})
    st = stance_table(frame)
    assert st["value"].tolist() == ["oppose"]
    with pytest.raises(TypeError, match="quotes must be"):
        stance_table(frame, quotes=[1])
    with pytest.raises(ValueError, match="stance values"):
        stance_table(frame, scare_quotes="neutral")


def test_module_doctests():
    result = doctest.testmod(framing.stance, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0 and result.attempted > 10


def test_negation_window_counts_words_not_characters():
    # S3 is "three words", however long: two long words between the negator and the cue
    # (over 80 characters) still leave the cue negated
    lex = Lexicon.from_dict({"target": ["curfew"], "pro": ["necessary"], "anti": ["cruel"],
                             "negation": ["not"]}, name="curfew")
    long_words = "pneumonoultramicroscopicsilicovolcanoconiosis " * 2
    text = f"The curfew is not {long_words}cruel."
    assert len(long_words) > 80
    assert stance_in_text(text, lexicon=lex, scare_quotes=None).empty
    # three words are too many, whatever their length
    text = "The curfew is not, they say, cruel."
    st = stance_in_text(text, lexicon=lex, scare_quotes=None)
    assert st["value"].tolist() == ["anti"]

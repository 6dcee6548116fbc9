"""Provenance: original outlet, syndication groups, machine paraphrase."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import framing
from framing.cleaning import BoilerplateSpan, find_boilerplate
from framing.provenance import (
    OutletListError,
    ParaphraseResult,
    SourceAttribution,
    attribute_sources,
    detect_paraphrase,
    find_near_duplicate_pairs,
    find_near_duplicates,
    find_original_source,
    find_template_outlet,
    find_translation_artifacts,
    load_outlets,
    minhash_signatures,
)

TEXTS = Path(framing.__file__).parent / "datasets" / "data" / "kazakhstan_2022" / "texts"
SEED_IDS = ["000_fa584555f2145362", "001_d7fcb602a5d755b1", "002_7d6718613a425cdc",
            "003_c9329d73a2008fbe", "004_c02b394d286b7c9f"]


@pytest.fixture(scope="module")
def seeds() -> dict[str, str]:
    return {d: (TEXTS / f"{d}.txt").read_text(encoding="utf-8") for d in SEED_IDS}


# ==========================================================================
# original source
# ==========================================================================


@pytest.mark.parametrize(
    ("doc", "source", "evidence", "pattern"),
    [
        ("000_fa584555f2145362", None, None, "none"),
        ("001_d7fcb602a5d755b1", "Newsweek", "informed Newsweek", "told_outlet"),
        ("002_7d6718613a425cdc", "The Daily Beast",
         "The Daily Beast: Kazakhstan has chosen Russia", "outlet_headline"),
        ("003_c9329d73a2008fbe", "Reuters", "reports Reuters", "verb_outlet"),
        ("004_c02b394d286b7c9f", None, None, "none"),
    ],
)
def test_seed_sources(seeds, doc, source, evidence, pattern):
    text = seeds[doc]
    result = find_original_source(text, boilerplate=find_boilerplate(text))
    assert isinstance(result, SourceAttribution)
    assert (result.source, result.evidence, result.pattern) == (source, evidence, pattern)
    if source is not None:
        assert text[result.start : result.end] == evidence
        assert all(text[m.start : m.end] == m.evidence for m in result.matches)


def test_seed_002_keeps_every_credit(seeds):
    result = find_original_source(seeds["002_7d6718613a425cdc"])
    assert {m.pattern for m in result.matches} == {"outlet_headline", "according_to",
                                                   "verb_outlet"}
    assert "according to the American Internet news outlet daily beast" in [
        m.evidence for m in result.matches]
    assert set(result.candidate_scores()) == {"The Daily Beast"}


@pytest.mark.parametrize(
    ("doc", "outlet"),
    [(SEED_IDS[0], None), (SEED_IDS[1], None), (SEED_IDS[2], None), (SEED_IDS[3], None),
     (SEED_IDS[4], "BBC News")],
)
def test_template_outlet_is_a_separate_signal(seeds, doc, outlet):
    result = find_template_outlet(seeds[doc])
    assert result.source == outlet
    if outlet:
        assert result.pattern == "page_template"
        assert result.evidence == "This video can not be played"  # first of its lines
        assert "Presentational grey line" in [m.evidence for m in result.matches]
        assert find_original_source(seeds[doc]).source is None


@pytest.mark.parametrize(
    ("text", "source", "evidence", "pattern"),
    [
        ("The envoy told Newsweek that he was worried.", "Newsweek", "told Newsweek",
         "told_outlet"),
        ("The envoy informed Newsweek that he was worried.", "Newsweek", "informed Newsweek",
         "told_outlet"),
        ("A statement shared with Newsweek said so.", "Newsweek",
         "statement shared with Newsweek", "told_outlet"),
        ("She said in an interview with CNN on Sunday.", "CNN", "an interview with CNN",
         "told_outlet"),
        ("An official told the Guardian it was over.", "The Guardian", "told the Guardian",
         "told_outlet"),
        ("Putin declared victory, reports Reuters.", "Reuters", "reports Reuters",
         "verb_outlet"),
        ("\u2013 notes Daily beast", "The Daily Beast", "notes Daily beast", "verb_outlet"),
        ("the troops arrived, writes Daily beast", "The Daily Beast", "writes Daily beast",
         "verb_outlet"),
        ("\u2013 according to the American Internet news outlet daily beast",
         "The Daily Beast", "according to the American Internet news outlet daily beast",
         "according_to"),
        ("The Daily Beast: Kazakhstan has chosen Russia\nText.", "The Daily Beast",
         "The Daily Beast: Kazakhstan has chosen Russia", "outlet_headline"),
        ("ALMATY, Jan 10 (Reuters) - Troops left.", "Reuters", "(Reuters) -", "dateline"),
        ("MOSCOW (AP) \u2014 Troops left.", "Associated Press", "(AP) \u2014", "dateline"),
        ("Troops left the city, AP reported on Friday.", "Associated Press", "AP reported",
         "outlet_verb"),
        ("Troops left.\nSource: AFP", "Agence France-Presse", "Source: AFP", "credit_line"),
        ("Copyright 2022 The Associated Press. All rights reserved.", "Associated Press",
         "Copyright 2022 The Associated Press", "credit_line"),
        ("By The Associated Press\nTroops left.", "Associated Press",
         "By The Associated Press", "credit_line"),
        ("RIA Novosti reported that troops left.", "RIA Novosti", "RIA Novosti reported",
         "outlet_verb"),
    ],
)
def test_credit_patterns(text, source, evidence, pattern):
    result = find_original_source(text)
    assert (result.source, result.evidence, result.pattern) == (source, evidence, pattern)
    assert text[result.start : result.end] == evidence


@pytest.mark.parametrize(
    "text",
    [
        "He told reporters that it was unclear why.",
        "Michael Bloomberg said the city would recover.",
        "The Reuters Institute published a report on trust.",
        "A guardian of the constitution told the court.",
        "Newsweek is a magazine.",  # a mention is not a credit
        "The photo was taken by AP photographer Jane Doe.",
        "x" * 200 + " by Reuters",  # "by" is a byline only at the start of a line
        "He reads the Financial Times every day.",
        "",
    ],
)
def test_no_credit(text):
    result = find_original_source(text)
    assert result.source is None and result.pattern == "none"
    assert result.start is None and result.evidence is None


@pytest.mark.parametrize(
    ("text", "source", "scores"),
    [
        # a dateline outweighs an interview the wire story cites
        ("(Reuters) - The minister told CNN that it was over. He told CNN more.",
         "Reuters", {"Reuters": 3, "CNN": 2}),
        # equal scores: the outlet credited first
        ("He told CNN so. She told the BBC otherwise.", "CNN", {"CNN": 1, "BBC News": 1}),
        ("He told CNN so. She told the BBC, and the BBC reported it.", "BBC News",
         {"BBC News": 2, "CNN": 1}),
    ],
)
def test_choice_among_outlets(text, source, scores):
    result = find_original_source(text)
    assert result.source == source
    assert result.candidate_scores() == scores
    assert list(result.candidate_scores()) == list(scores)


def test_boilerplate_mentions_are_ignored_except_credits():
    body = "Troops arrived in the city on Friday after a week of protests over fuel prices.\n"
    text = body + "READ MORE: Kremlin critic told Reuters he would return\n" + "Source: AFP"
    spans = find_boilerplate(text)
    assert {s.reason for s in spans} == {"teaser", "credit"}
    result = find_original_source(text, boilerplate=spans)
    assert result.source == "Agence France-Presse"
    assert [m.source for m in result.matches] == ["Agence France-Presse"]
    assert find_original_source(text).candidate_scores() == {"Reuters": 1,
                                                             "Agence France-Presse": 1}


def test_custom_outlet_lists(tmp_path):
    text = "The mayor told the Almaty Herald that all was calm."
    assert find_original_source(text).source is None
    assert find_original_source(text, outlets={"Almaty Herald": ["AH"]}).source == "Almaty Herald"
    path = tmp_path / "outlets.csv"
    path.write_text("# mine\nname,aliases,case_sensitive,template_lines\n"
                    "Almaty Herald,AH,yes,Herald divider line\n", encoding="utf-8")
    outlets = load_outlets(path)
    assert find_original_source(text, outlets=outlets).source == "Almaty Herald"
    assert find_original_source("He told AH so.", outlets=outlets).source == "Almaty Herald"
    assert find_original_source("He told ah so.", outlets=outlets).source is None
    assert find_template_outlet("x\nHerald divider line\n", outlets=outlets).source == \
        "Almaty Herald"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "no rows"),
        ("outlet,aliases\nX,Y\n", "line 1: the first row must be the header"),
        ("name,aliases,case_sensitive\nX,Y,maybe\n", "line 2: case_sensitive must be"),
        ("name,aliases\n,Y\n", "line 2: empty outlet name"),
    ],
)
def test_malformed_outlet_list(tmp_path, content, message):
    path = tmp_path / "outlets.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(OutletListError, match=message):
        load_outlets(path)
    with pytest.raises(OutletListError, match="must be a list"):
        load_outlets({"X": "Y"})


def test_attribute_sources_table(seeds):
    table = attribute_sources(seeds.items(),
                              boilerplate={d: find_boilerplate(t) for d, t in seeds.items()})
    assert list(table.columns) == ["doc_id", "source", "pattern", "evidence", "start", "end",
                                   "n_credits", "candidates", "template_outlet"]
    assert table["doc_id"].tolist() == SEED_IDS
    assert table["source"].isna().tolist() == [True, False, False, False, True]
    assert table["source"].dropna().tolist() == ["Newsweek", "The Daily Beast", "Reuters"]
    assert table["template_outlet"].dropna().tolist() == ["BBC News"]
    assert str(table["start"].dtype) == "Int64"
    assert table.loc[1, "candidates"] == "Newsweek:3"


# ==========================================================================
# near duplicates
# ==========================================================================


def _copy_with_new_frame(text: str) -> str:
    """A syndicated copy: different header and footer around the same body."""
    return ("Home | News | World\nPosted by admin on 9 January 2022\n\n" + text
            + "\n\nShare this:\nFacebook Twitter\nRelated posts\nMore news from our site\n")


def test_syndicated_copy_is_grouped_with_its_original(seeds):
    body = seeds["004_c02b394d286b7c9f"]
    docs = [*seeds.items(), ("copy_of_004", _copy_with_new_frame(body))]
    table = find_near_duplicates(docs)
    assert list(table.columns) == ["doc_id", "duplicate_group", "group_size", "duplicate_of",
                                   "duplicate_similarity"]
    row = table.set_index("doc_id")
    assert row.loc["copy_of_004", "duplicate_group"] == "004_c02b394d286b7c9f"
    assert row.loc["004_c02b394d286b7c9f", "duplicate_of"] == "copy_of_004"
    assert row.loc["copy_of_004", "duplicate_similarity"] > 0.8
    assert row.loc["copy_of_004", "group_size"] == 2
    for doc in SEED_IDS[:4]:  # unrelated seeds, all about the same events, stay apart
        assert row.loc[doc, "duplicate_group"] == doc
        assert row.loc[doc, "group_size"] == 1
        assert pd.isna(row.loc[doc, "duplicate_of"])
        assert np.isnan(row.loc[doc, "duplicate_similarity"])
    assert table["doc_id"].tolist() == [d for d, _ in docs]


def test_near_duplicates_are_deterministic(seeds):
    docs = [*seeds.items(), ("copy", _copy_with_new_frame(seeds[SEED_IDS[1]]))]
    first = find_near_duplicate_pairs(docs)
    again = find_near_duplicate_pairs(iter(docs))
    pd.testing.assert_frame_equal(first, again)
    assert first[["doc_id_a", "doc_id_b"]].to_numpy().tolist() == [[SEED_IDS[1], "copy"]]
    sig1 = minhash_signatures(docs, seed=0).signatures
    assert np.array_equal(sig1, minhash_signatures(docs, seed=0).signatures)
    assert not np.array_equal(sig1, minhash_signatures(docs, seed=1).signatures)
    other_seed = find_near_duplicate_pairs(docs, seed=1)
    pd.testing.assert_frame_equal(first[["doc_id_a", "doc_id_b", "similarity"]],
                                  other_seed[["doc_id_a", "doc_id_b", "similarity"]])


def test_groups_are_connected_components():
    base = " ".join(f"w{i}" for i in range(60))
    a = base
    b = base + " " + " ".join(f"x{i}" for i in range(15))
    c = b + " " + " ".join(f"y{i}" for i in range(15))
    docs = [("c", c), ("a", a), ("z", "completely different words here"), ("b", b)]
    table = find_near_duplicates(docs, threshold=0.7).set_index("doc_id")
    pairs = find_near_duplicate_pairs(docs, threshold=0.7)
    assert sorted(map(tuple, pairs[["doc_id_a", "doc_id_b"]].to_numpy().tolist())) == [
        ("a", "b"), ("c", "b")]  # a and c are below the threshold, linked through b
    assert table["duplicate_group"].to_dict() == {"c": "a", "a": "a", "z": "z", "b": "a"}
    assert table.loc["a", "duplicate_of"] == "b" and table.loc["c", "duplicate_of"] == "b"
    assert table.loc["b", "group_size"] == 3


def test_boilerplate_is_ignored_when_spans_are_given():
    footer = "\n".join(["Leave a Reply", "Your email address will not be published."]
                       + [f"Popular story number {w} on this site today" for w in "abcdefghij"])
    bodies = ["Troops arrived in the city on Friday after a week of protests over fuel prices.",
              "The central bank raised its key rate by two points to defend the currency."]
    second = "Officials said the situation was calm, and that more details would follow later."
    docs = [(f"d{i}", f"{body}\n{second}\n{footer}") for i, body in enumerate(bodies)]
    assert len(find_near_duplicate_pairs(docs)) == 1  # the shared footer dominates
    spans = {d: find_boilerplate(t) for d, t in docs}
    assert all(spans.values())
    assert find_near_duplicate_pairs(docs, boilerplate=spans).empty


def test_containment_finds_an_excerpt():
    long = " ".join(f"w{i}" for i in range(400))
    excerpt = " ".join(f"w{i}" for i in range(100, 260))
    docs = [("long", long), ("excerpt", excerpt)]
    assert find_near_duplicate_pairs(docs).empty  # Jaccard 0.39
    pairs = find_near_duplicate_pairs(docs, measure="containment", lsh_threshold=0.3)
    assert pairs["similarity"].tolist() == [1.0]
    assert pairs["estimated_jaccard"].iloc[0] == pytest.approx(156 / 396, abs=0.15)


def test_minhash_estimate_and_verify_modes():
    rng = np.random.default_rng(1)
    words = [f"w{i}" for i in rng.permutation(2000)]
    a = " ".join(words[:1000])
    b = " ".join(words[200:1200])
    exact = find_near_duplicate_pairs([("a", a), ("b", b)], threshold=0.5)
    estimated = find_near_duplicate_pairs([("a", a), ("b", b)], threshold=0.5, verify="minhash",
                                          num_perm=256)
    true_jaccard = 796 / 1196  # shared 5-shingles / union of 5-shingles (996 each)
    assert exact["similarity"].iloc[0] == pytest.approx(true_jaccard)
    assert estimated["similarity"].iloc[0] == pytest.approx(true_jaccard, abs=0.1)
    assert exact["estimated_jaccard"].iloc[0] == pytest.approx(true_jaccard, abs=0.15)


def test_lsh_does_not_compare_all_pairs():
    from framing.provenance import _candidate_pairs

    rng = np.random.default_rng(0)
    docs = [(f"d{i}", " ".join(f"t{x}" for x in rng.integers(0, 100_000, size=80)))
            for i in range(300)]
    docs += [("copy", docs[0][1]), ("empty", ""), ("empty2", "  ")]
    sigs = minhash_signatures(docs)
    assert sigs.signatures.shape == (303, 128) and sigs.signatures.dtype == np.uint32
    assert sigs.n_shingles[-2:].tolist() == [0, 0]
    candidates = _candidate_pairs(sigs, 0.5)
    assert len(candidates) < 50  # far below the 45,753 pairs of an all-pairs comparison
    table = find_near_duplicates(docs)
    assert table.set_index("doc_id").loc["copy", "duplicate_group"] == "copy"  # "copy" < "d0"
    assert table.set_index("doc_id").loc["empty", "group_size"] == 1  # empty texts never group


def test_many_exact_copies_form_one_group():
    text = "The same short wire story is carried by many sites at once today."
    docs = [(f"site{i:03d}", text) for i in range(200)]
    table = find_near_duplicates(docs)
    assert (table["duplicate_group"] == "site000").all()
    assert (table["group_size"] == 200).all()
    assert (table["duplicate_similarity"] == 1.0).all()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"threshold": 0}, "threshold"),
        ({"threshold": 1.5}, "threshold"),
        ({"shingle_size": 0}, "shingle_size"),
        ({"num_perm": 1}, "num_perm"),
        ({"measure": "cosine"}, "measure"),
        ({"verify": "maybe"}, "verify"),
        ({"measure": "containment", "verify": "minhash"}, "containment"),
        ({"lsh_threshold": 0}, "lsh_threshold"),
        ({"seed": -1}, "seed"),
    ],
)
def test_near_duplicate_options_are_checked(kwargs, message):
    with pytest.raises(ValueError, match=message):
        find_near_duplicates([("a", "text")], **kwargs)


def test_near_duplicate_input_is_checked():
    with pytest.raises(ValueError, match="duplicate doc_id 'a'"):
        find_near_duplicates([("a", "x"), ("a", "y")])
    with pytest.raises(TypeError, match="pairs"):
        find_near_duplicates(["abc"])
    with pytest.raises(TypeError, match="must be a str"):
        find_near_duplicates([("a", None)])
    assert find_near_duplicates([]).empty
    assert find_near_duplicate_pairs([]).empty


# ==========================================================================
# machine paraphrase and translation
# ==========================================================================


@pytest.mark.parametrize(
    ("doc", "flag"),
    [(SEED_IDS[0], False), (SEED_IDS[1], True), (SEED_IDS[2], False), (SEED_IDS[3], False),
     (SEED_IDS[4], False)],
)
def test_seed_paraphrase(seeds, doc, flag):
    text = seeds[doc]
    result = detect_paraphrase(text, boilerplate=find_boilerplate(text))
    assert isinstance(result, ParaphraseResult)
    assert result.flag is flag
    assert (result.score >= 2.0) is flag
    for ev in result.evidence:
        assert text[ev.start : ev.end] == ev.found


def test_seed_001_evidence(seeds):
    result = detect_paraphrase(seeds[SEED_IDS[1]])
    pairs = {(ev.found, ev.expected, ev.rule) for ev in result.evidence}
    assert ("Collective Safety Treaty Group", "Collective Security Treaty Organization",
            "distorted_name") in pairs
    assert ("Chilly Battle", "Cold War", "distorted_name") in pairs
    assert ("Collective Safety Treaty Group",
            "Collective Security Treaty Organization (CSTO)", "acronym_mismatch") in pairs
    assert ("informed Newsweek", "told Newsweek", "spun_credit_verb") in pairs
    assert len({ev.rule for ev in result.evidence}) == 4
    assert result.score >= 10
    assert result.translation_artifacts == []


def test_seed_003_is_translated_not_spun(seeds):
    result = detect_paraphrase(seeds[SEED_IDS[3]])
    assert not result.flag and result.evidence == []
    assert [(ev.found, ev.rule) for ev in result.translation_artifacts] == [
        ("Moscow's Moscow", "repeated_name")]


@pytest.mark.parametrize(
    ("text", "found", "expected", "rule"),
    [
        ("a rudiment of the Chilly Battle.", "Chilly Battle", "Cold War", "distorted_name"),
        ("unrest in the Center East and", "Center East", "Middle East", "distorted_name"),
        ("NATO Secretary-Common Jens Stoltenberg", "Secretary-Common", "Secretary-General",
         "distorted_name"),
        ("the Collective Safety Treaty Group's charter", "Collective Safety Treaty Group",
         "Collective Security Treaty Organization", "distorted_name"),
        ("the Pink Cross said", "Pink Cross", "Red Cross", "distorted_name"),
        ("the North Atlantic Treaty Group (NATO) said", "North Atlantic Treaty Group",
         "North Atlantic Treaty Organization (NATO)", "acronym_mismatch"),
        ("calls for legislation enforcement to act", "legislation enforcement",
         "law enforcement", "tortured_phrase"),
        ("twenty years in the past, he", "years in the past", "years ago", "tortured_phrase"),
        ("Counterfeit consciousness is here", "Counterfeit consciousness",
         "artificial intelligence", "tortured_phrase"),
        ("the minister informed Reuters that", "informed Reuters", "told Reuters",
         "spun_credit_verb"),
    ],
)
def test_paraphrase_rules(text, found, expected, rule):
    evidence = detect_paraphrase(text).evidence
    assert (found, expected, rule) in {(e.found, e.expected, e.rule) for e in evidence}


@pytest.mark.parametrize(
    "text",
    [
        "The Cold War ended, and the Collective Security Treaty Organisation (CSTO) met.",
        "It was a chilly battle for the title.",           # not a capitalised name
        "He studied International Affairs at college.",     # a real name, not a distortion
        "The Federal Security Service (FSB) denied it.",    # legit acronym mismatch
        "The State Department and the Secretary of State spoke in the Middle East.",
        "Chilly. Battle lines were drawn.",                 # punctuation breaks the phrase
        "law enforcement and law and order",
        "",
    ],
)
def test_no_paraphrase_evidence(text):
    result = detect_paraphrase(text)
    assert result.evidence == [] and result.score == 0.0 and not result.flag


def test_paraphrase_score_counts_distinct_evidence():
    one = "The Chilly Battle. The Chilly Battle. The Chilly Battle."
    result = detect_paraphrase(one)
    assert len(result.evidence) == 3 and result.score == 1.0 and not result.flag
    two = one + " Unrest in the Center East."
    assert detect_paraphrase(two).flag
    assert not detect_paraphrase(two, min_score=3).flag
    with pytest.raises(ValueError, match="min_score"):
        detect_paraphrase(two, min_score=0)


def test_one_span_is_reported_once():
    result = detect_paraphrase("The Protection Minister and the Federal Safety Service met.")
    assert [(e.found, e.expected) for e in result.evidence] == [
        ("Protection Minister", "Defense Minister"),
        ("Federal Safety Service", "Federal Security Service"),  # not also "Security Service"
    ]
    assert result.flag


def test_paraphrase_ignores_boilerplate():
    text = "Body text about the Chilly Battle and the Center East.\nThe Chilly Battle [VIDEO]"
    spans = [BoilerplateSpan(0, 54, "test")]
    assert detect_paraphrase(text).score == 2.0
    assert detect_paraphrase(text, boilerplate=spans).score == 1.0
    assert detect_paraphrase(text, boilerplate=find_boilerplate(text)).score == 2.0


def test_translation_artifacts():
    assert find_translation_artifacts("Moscow's Moscow-led bloc") != []
    assert find_translation_artifacts("Moscow\u2019s Moscow-led bloc")[0].expected == "Moscow"
    assert find_translation_artifacts("Moscow's Kremlin-led bloc") == []


@pytest.mark.parametrize(
    "text",
    [
        "(" * 300_000,
        "a" * 1_000_000,
        "according to " * 50_000,
        "Chilly " * 200_000,
        "[" + "A" * 300_000,
        "(ABCDEF) " * 50_000,
        "x\n" * 300_000,
    ],
)
def test_adversarial_inputs_run(text):
    # Linear-time scans: these finish quickly; a backtracking regex would not.
    detect_paraphrase(text)
    find_original_source(text)
    find_boilerplate(text)

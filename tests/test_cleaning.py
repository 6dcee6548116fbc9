"""Boilerplate marking: cues, structure, site templates, and the coded seeds."""

from __future__ import annotations

import itertools
import pickle
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.exceptions import NotFittedError

import framing
from framing.cleaning import (
    BoilerplateSpan,
    CueFileError,
    TemplateModel,
    boilerplate_mask_for_units,
    find_boilerplate,
    load_cues,
    mask_boilerplate,
)

SEEDS = Path(framing.__file__).parent / "datasets" / "data" / "kazakhstan_2022"

BODY1 = ("Protesters gathered in the main square on Tuesday, and the police watched them "
         "from the side streets for most of the day.")
BODY2 = ("By the evening the crowd had grown to several thousand people, according to "
         "witnesses who spoke to local journalists.")


def _reasons(text: str, **kwargs) -> dict[str, str]:
    """Boilerplate line text -> reason, for every line inside a span."""
    out = {}
    for span in find_boilerplate(text, **kwargs):
        for line in text[span.start : span.end].split("\n"):
            if line.strip():
                out[line.strip()] = span.reason
    return out


# --------------------------------------------------------------------------
# validated behaviour on the bundled, human-coded seeds
# --------------------------------------------------------------------------


def test_seed_units_precision_and_recall():
    coded = pd.read_csv(SEEDS / "validation" / "seeds-coded.csv")
    predicted = []
    for doc_id, units in coded.groupby("doc_id", sort=False):
        text = (SEEDS / "texts" / f"{doc_id}.txt").read_text(encoding="utf-8")
        spans = find_boilerplate(text)
        predicted.extend(boilerplate_mask_for_units(text, units, spans).tolist())
    predicted = np.array(predicted)
    truth = coded["boilerplate"].to_numpy() == 1
    tp = int((predicted & truth).sum())
    precision = tp / predicted.sum()
    recall = tp / truth.sum()
    assert truth.sum() == 52 and len(coded) == 208
    assert precision >= 0.95, precision
    assert recall >= 0.95, recall


@pytest.mark.parametrize(
    ("doc", "line", "is_boilerplate"),
    [
        ("004_c02b394d286b7c9f", "Kazakhstan: The basics", False),
        ("004_c02b394d286b7c9f", "Russian forces arriving in Kazakhstan", False),
        ("004_c02b394d286b7c9f", "Image source, Russian Defence Ministry", True),
        ("002_7d6718613a425cdc", "The Daily Beast: Kazakhstan has chosen Russia", False),
        ("002_7d6718613a425cdc", "Own. corr. FSK", True),
        ("000_fa584555f2145362", "Stand your ground! Boris and Biden told to act NOW as Putin "
                                 "flexes war muscles", False),
    ],
)
def test_seed_lines(doc, line, is_boilerplate):
    text = (SEEDS / "texts" / f"{doc}.txt").read_text(encoding="utf-8")
    assert line in text
    assert (line in _reasons(text)) is is_boilerplate


# --------------------------------------------------------------------------
# one cue of each kind, inside a small page
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Advertisement", "advertisement"),
        ("Story continues below advertisement", "advertisement"),
        ("READ MORE: Police raid flats in the capital", "teaser"),
        ("Read more \u00bb Police raid flats in the capital", "teaser"),
        ("Covid map shows surge in cases\u00a0[MAP]\u00a0", "teaser"),
        ("Should the minister resign? [POLL]", "teaser"),
        ("Image source, Getty Images", "image_credit"),
        ("Photo: Reuters", "image_credit"),
        ("This video can not be played", "video_placeholder"),
        ("To play this video you need to enable JavaScript in your browser.",
         "video_placeholder"),
        ("Copyright \u00a9 2021 - Example Globe", "copyright"),
        ("\u00a9 2022 Example Media. All rights reserved.", "copyright"),
        ("Jan 9, 2022", "date_stamp"),
        ("Monday, January 10, 2022", "date_stamp"),
        ("Updated: 08/01/2022 10:30 GMT", "date_stamp"),
        ("0 0", "counter"),
        ("12 Comments", "counter"),
        ("1.2K views", "counter"),
        ("Facebook Twitter WhatsApp Email", "share_buttons"),
        ("Share this article", "share_buttons"),
        ("Presentational grey line", "template_line"),
        ("* * *", "divider"),
        ("By John Smith and Jane Doe", "credit"),
        ("Own. corr. ABC", "credit"),
        ("Reporting by Olzhas Auyezov; Editing by Alex Richardson", "credit"),
        ("Connect with us", "navigation"),
        ("Hi, what are you looking for?", "navigation"),
        ("World", "navigation"),
        ("Article Categories:", "navigation"),
        ("If you notice an error, select it and press Ctrl + Enter.", "feedback_prompt"),
        ("Your email address will not be published.", "comment_prompt"),
        ("Subscribe to our newsletter", "subscription"),
    ],
)
def test_line_cues(line, reason):
    page = f"{BODY1}\n\n{line}\n\n{BODY2}\n"
    assert _reasons(page) == {line.strip(): reason}


@pytest.mark.parametrize(
    "line",
    [
        "World leaders condemned the crackdown on Tuesday.",
        "By inviting the forces of the alliance, the president made a choice.",
        "The protests began in January 2022 and spread quickly.",
        "He said the vote would be held on Monday, January 10.",
        "Advertisement revenue fell sharply in 2021, the company said.",
        "Comments from officials were scarce.",
        "Russian forces arriving in the city",
        "Where is it?",
        "\u201cThe events are not the first attempt,\u201d he said.",
        "The crackdown: what we know so far",
    ],
)
def test_article_lines_are_not_boilerplate(line):
    page = f"{BODY1}\n\n{line}\n\n{BODY2}\n"
    assert find_boilerplate(page) == []


def test_cue_never_fires_inside_a_long_line():
    long_line = "Advertisement " + "x " * 200
    assert find_boilerplate(f"{BODY1}\n{long_line}\n{BODY2}") == []
    assert find_boilerplate(f"{BODY1}\nAdvertisement\n{BODY2}", max_cue_line_chars=5) == []


# --------------------------------------------------------------------------
# structural rules
# --------------------------------------------------------------------------


@pytest.mark.parametrize("cue", ["Leave a Reply", "Post a Comment", "Comments", "No comments:",
                                 "You May Also Like"])
def test_trailing_section_runs_to_the_end(cue):
    page = (f"{BODY1}\n\n{BODY2}\n\n{cue}\n\nA reader wrote a long comment about the events in "
            "the capital, which went on for a while.\nAnother story\n")
    reasons = _reasons(page)
    assert set(reasons) == {cue, "A reader wrote a long comment about the events in the capital, "
                            "which went on for a while.", "Another story"}
    assert set(reasons.values()) == {"trailing_section"}


def test_trailing_cue_before_the_article_does_not_wipe_it():
    page = f"Home\nComments\n{BODY1}\n{BODY2}\n"
    assert set(_reasons(page)) == {"Home"}  # "Comments" alone is kept: no body precedes it
    assert set(_reasons(page, min_body_lines=0)) == {"Home", "Comments", BODY1, BODY2}


def test_link_label_marks_the_linked_headline():
    page = f"{BODY1}\n{BODY2}\nPrevious Story\nStar to be deported within hours\nNext Story\n"
    assert _reasons(page) == {"Previous Story": "navigation",
                              "Star to be deported within hours": "teaser",
                              "Next Story": "navigation"}


def test_truncated_teaser_and_its_headline():
    page = (f"{BODY1}\n\nFears grow over gas supplies\n\nThe authorities fear that sanctions "
            "will provoke a response, which will...\n\n{BODY2}\n").replace("{BODY2}", BODY2)
    reasons = _reasons(page)
    assert reasons == {"Fears grow over gas supplies": "teaser",
                       "The authorities fear that sanctions will provoke a response, which "
                       "will...": "teaser"}


def test_short_label_between_boilerplate_lines():
    page = f"{BODY1}\nAdvertisement\nEurope\nLatest Tweets\n{BODY2}\n"
    reasons = _reasons(page)
    assert reasons["Europe"] == "navigation"
    page = f"{BODY1}\nAdvertisement\nThe basics\n{BODY2}\n"
    assert "The basics" not in _reasons(page)


# --------------------------------------------------------------------------
# span contract
# --------------------------------------------------------------------------


def test_spans_are_sorted_whole_lines_of_the_original_text():
    page = f"Connect with us\r\n\r\n  Advertisement  \r\n{BODY1}\r\n0 0\r\nWorld\r\n{BODY2}"
    original = page
    spans = find_boilerplate(page)
    assert page == original
    assert all(isinstance(s, BoilerplateSpan) for s in spans)
    assert spans == sorted(spans, key=lambda s: s.start)
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))
    for s in spans:
        covered = page[s.start : s.end]
        assert covered == covered.strip()  # trimmed to the line's content
        assert s.start == 0 or page[s.start - 1] in " \n"
        assert s.end == len(page) or page[s.end] in "\r\n "
    assert [(page[s.start : s.end], s.reason) for s in spans] == [
        ("Connect with us", "navigation"), ("Advertisement", "advertisement"),
        ("0 0", "counter"), ("World", "navigation"),
    ]


def test_consecutive_lines_with_one_reason_merge():
    page = f"{BODY1}\nAdvertisement\n\nAdvertisement\n{BODY2}"
    spans = find_boilerplate(page)
    assert len(spans) == 1
    assert page[spans[0].start : spans[0].end] == "Advertisement\n\nAdvertisement"


def test_empty_and_invalid_input():
    assert find_boilerplate("") == []
    assert find_boilerplate("\n \n\t") == []
    with pytest.raises(TypeError, match="must be a str"):
        find_boilerplate(b"Advertisement")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="TemplateModel"):
        find_boilerplate("x", template={"a": ["x"]}, publisher="a")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="publisher"):
        find_boilerplate("x", template=TemplateModel().fit([]), publisher=3)  # type: ignore


# --------------------------------------------------------------------------
# cue files
# --------------------------------------------------------------------------


def test_extra_cues_extend_the_shipped_list():
    page = f"{BODY1}\nBack to the homepage\n{BODY2}"
    assert find_boilerplate(page) == []
    reasons = _reasons(page, extra_cues={"navigation": ["back to the homepage"]})
    assert reasons == {"Back to the homepage": "navigation"}
    reasons = _reasons(page, extra_cues={"site_footer": ["back to the*"]})
    assert reasons == {"Back to the homepage": "site_footer"}
    cues = load_cues(extra={"trailing_section": ["discussion thread"]})
    page2 = f"{BODY1}\n{BODY2}\nDiscussion thread\nSome reply\n"
    assert set(_reasons(page2, cues=cues).values()) == {"trailing_section"}


def test_researcher_cue_file_replaces_the_shipped_one(tmp_path):
    path = tmp_path / "cues.txt"
    path.write_text("# my cues\n[promo]\nbuy our app*\n", encoding="utf-8")
    cues = load_cues(path)
    page = f"{BODY1}\nBuy our app today!\nAdvertisement\n{BODY2}"
    assert _reasons(page, cues=cues) == {"Buy our app today!": "promo"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("advertisement\n", "line 1: cue 'advertisement' comes before any"),
        ("[Bad Name]\nx\n", "line 1: bad section header"),
        ("[ads]\nbuy*now\n", "line 2: pattern 'buy\\*now' has '\\*' inside"),
        ("[teaser_intro]\nnext*\n", "line 2: \\[teaser_intro\\] takes exact lines"),
        ("[share_tokens]\nshare this\n", "line 2: \\[share_tokens\\] takes single words"),
        ("[ads]\n:::\n", "line 2: pattern ':::' is empty once normalised"),
    ],
)
def test_malformed_cue_file(tmp_path, content, message):
    path = tmp_path / "cues.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CueFileError, match=message):
        load_cues(path)


@pytest.mark.parametrize(
    ("extra", "error"),
    [
        ({"navigation": "back to top"}, CueFileError),
        ({"Bad-Name": ["x"]}, CueFileError),
        (["navigation"], TypeError),
    ],
)
def test_malformed_extra_cues(extra, error):
    with pytest.raises(error):
        find_boilerplate("text", extra_cues=extra)


# --------------------------------------------------------------------------
# template model
# --------------------------------------------------------------------------

# a site slogan that no cue knows: only the template model finds it
FOOTER = "The Daily Bugle, a paper for all of Springfield"


def _site_docs(site: str, n: int, footer: str = FOOTER) -> list[tuple[str, str]]:
    return [(site, f"Story {site} {_word(i)}: something happened somewhere.\n{footer}\n")
            for i in range(n)]


def _word(i: int) -> str:
    """A distinct word per number (lines differing only in digits are one template)."""
    return "".join("abcdefghij"[int(d)] for d in str(i))


@pytest.mark.parametrize(
    ("docs", "site", "expected"),
    [
        (_site_docs("a", 3), "a", True),                       # 3 docs of one site
        (_site_docs("a", 2), "a", False),                      # only 2 docs
        (_site_docs("a", 1) + _site_docs("b", 1) + _site_docs("c", 1), "a", False),  # 3 sites
        (_site_docs("a", 1) + _site_docs("b", 1) + _site_docs("c", 1), "c", False),
        (_site_docs("a", 3), "z", False),                      # unseen publisher
        ([("a", f"{FOOTER}\n{FOOTER}\n{FOOTER}\nOther text.")], "a", False),  # one doc, 3 times
        ([*_site_docs("a", 2), ("a", f"x\n  {FOOTER.upper()}:  \n")], "a", True),  # normalised
    ],
)
def test_template_lines(docs, site, expected):
    model = TemplateModel(min_docs=3).fit(iter(docs))  # a one-shot iterator is enough
    assert model.is_template(site, FOOTER) is expected


def test_template_digits_are_normalised():
    docs = [("a", f"Story {word}.\nCopyright {year} Example Globe")
            for word, year in [("one", 2020), ("two", 2021), ("three", 2022)]]
    model = TemplateModel().fit(docs)
    assert model.is_template("a", "Copyright 2023 Example Globe")
    assert not model.is_template("a", "Story two.")  # in one document only


def test_template_min_fraction_and_max_line_chars():
    docs = _site_docs("a", 3) + [("a", f"Other story {i}.") for i in range(7)]
    assert TemplateModel(min_docs=3).fit(docs).is_template("a", FOOTER)
    assert not TemplateModel(min_docs=3, min_fraction=0.5).fit(docs).is_template("a", FOOTER)
    long_footer = "word " * 60
    docs = _site_docs("a", 3, footer=long_footer)
    assert not TemplateModel(max_line_chars=200).fit(docs).is_template("a", long_footer)
    assert TemplateModel(max_line_chars=400).fit(docs).is_template("a", long_footer)


def test_template_model_in_find_boilerplate():
    docs = _site_docs("a", 3)
    model = TemplateModel().fit(docs)
    page = f"{BODY1}\n{FOOTER}\n{BODY2}"
    assert _reasons(page, template=model, publisher="a") == {FOOTER: "template_line"}
    assert _reasons(page, template=model, publisher="b") == {}
    assert _reasons(page, template=model, publisher=None) == {}  # site unknown: no template


def test_template_model_merges_in_chunks_and_partial_fit(monkeypatch):
    docs = (_site_docs("a", 2) + _site_docs("b", 3) + _site_docs("a", 2)
            + [("a", f"Unique line {_word(i)}") for i in range(50)])
    reference = TemplateModel().fit(docs)
    monkeypatch.setattr(TemplateModel, "_merge_every", 3)
    chunked = TemplateModel().fit(docs)
    incremental = TemplateModel().fit(docs[:4]).partial_fit(docs[4:])
    for model in (chunked, incremental):
        assert model.n_docs_ == reference.n_docs_ == {"a": 54, "b": 3}
        assert model.n_template_lines_ == reference.n_template_lines_ == {"a": 1, "b": 1}
        assert model.is_template("a", FOOTER) and model.is_template("b", FOOTER)


def test_template_model_keeps_hashes_not_lines():
    model = TemplateModel().fit(_site_docs("a", 3))
    for values in list(model._hashes.values()) + list(model._counts.values()):
        assert isinstance(values, np.ndarray) and values.dtype.kind == "u"
    assert FOOTER not in pickle.dumps(model).decode("latin-1")
    clone = pickle.loads(pickle.dumps(model))
    assert clone.is_template("a", FOOTER)


def test_template_model_errors_and_params():
    with pytest.raises(NotFittedError, match="not fitted"):
        TemplateModel().is_template("a", "x")
    with pytest.raises(ValueError, match="min_docs"):
        TemplateModel(min_docs=1).fit([])
    with pytest.raises(ValueError, match="min_fraction"):
        TemplateModel(min_fraction=2).fit([])
    with pytest.raises(TypeError, match="publisher, text"):
        TemplateModel().fit([("a", "x", "extra")])
    with pytest.raises(TypeError, match="pairs of strings"):
        TemplateModel().fit([("a", None)])
    with pytest.raises(TypeError, match="pairs of strings"):
        TemplateModel().fit([(1, "text")])
    unknown = TemplateModel().fit([(None, f"x\n{FOOTER}")] * 3 + _site_docs("a", 1))
    assert unknown.n_docs_without_publisher_ == 3 and unknown.n_docs_ == {"a": 1}
    assert not unknown.is_template("a", FOOTER)
    model = TemplateModel(min_docs=4)
    assert model.get_params() == {"min_docs": 4, "min_fraction": 0.0, "max_line_chars": 200}
    assert model.set_params(min_docs=5) is model and model.min_docs == 5
    assert repr(model) == "TemplateModel(min_docs=5, min_fraction=0.0, max_line_chars=200)"
    with pytest.raises(ValueError, match="invalid parameter"):
        model.set_params(threshold=3)


# --------------------------------------------------------------------------
# using spans
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "min_coverage", "expected"),
    [
        ((0, 10), 0.5, True),     # "Ads here. " fully covered
        ((0, 19), 0.5, True),     # 8 of 16 non-space characters covered
        ((0, 19), 0.6, False),
        ((4, 19), 0.5, False),    # 5 of 13
        ((9, 10), 0.5, False),    # nothing but a space
    ],
)
def test_unit_mask_coverage_rule(unit, min_coverage, expected):
    text = "Ads here. Real news"
    spans = [BoilerplateSpan(0, 9, "advertisement")]
    mask = boilerplate_mask_for_units(text, [unit], spans, min_coverage=min_coverage)
    assert mask.dtype == bool and mask.tolist() == [expected]


def test_unit_mask_accepts_tables_and_checks_input():
    text = "Advertisement\nReal news."
    spans = find_boilerplate(text)
    table = pd.DataFrame({"start": [14, 0], "end": [24, 13]})
    assert boilerplate_mask_for_units(text, table, spans).tolist() == [False, True]
    with pytest.raises(ValueError, match="outside the text"):
        boilerplate_mask_for_units(text, [(0, 99)], spans)
    with pytest.raises(ValueError, match="lacks column"):
        boilerplate_mask_for_units(text, pd.DataFrame({"begin": [0]}), spans)
    with pytest.raises(ValueError, match="overlap"):
        boilerplate_mask_for_units(text, [(0, 5)], [BoilerplateSpan(0, 5, "a"),
                                                    BoilerplateSpan(3, 8, "b")])
    with pytest.raises(ValueError, match="min_coverage"):
        boilerplate_mask_for_units(text, [(0, 5)], spans, min_coverage=0)


def test_mask_boilerplate_keeps_offsets():
    text = f"Advertisement\n{BODY1}\n0 0\nWorld"
    masked = mask_boilerplate(text, find_boilerplate(text))
    assert len(masked) == len(text)
    assert masked.count("\n") == text.count("\n")
    assert masked.split("\n")[1] == BODY1
    assert masked.replace("\n", "").replace(BODY1, "").strip() == ""
    assert mask_boilerplate(text, find_boilerplate(text), fill="\\").startswith("\\" * 13)
    with pytest.raises(ValueError, match="single character"):
        mask_boilerplate(text, [], fill="")


def test_teaser_list_section_in_cue_files(tmp_path):
    cues = load_cues(extra={"teaser_list": ["More From Us"]})
    assert "more from us" in cues.teaser_list and "related coverage" in cues.teaser_list
    bad = tmp_path / "cues.txt"
    bad.write_text("[teaser_list]\nrelated*\n", encoding="utf-8")
    with pytest.raises(CueFileError, match="exact lines only"):
        load_cues(bad)
    body = ("Protesters gathered in the main square on Tuesday, and the police watched them "
            "from the side streets for most of the day.")
    page = f"{body}\n{body}\nMore from us\nTroops leave Almaty\nPrices fall again"
    spans = find_boilerplate(page, cues=cues)
    assert [page[sp.start:sp.end] for sp in spans] == ["More from us", "Troops leave Almaty\n"
                                                       "Prices fall again"]

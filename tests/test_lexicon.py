"""Tests for framing.lexicon and framing._resources: formats, validation, bundled lexicons."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import framing
from framing import _resources
from framing.lexicon import (
    Entry,
    Lexicon,
    LexiconError,
    LexiconWarning,
    list_bundled_lexicons,
    load_lexicon,
    loads_lexicon,
    pattern_words,
    save_lexicon,
)
from framing.matching import Matcher

DATA = Path(__file__).parent / "data" / "lexicons"
SEEDS = Path(framing.__file__).parent / "datasets" / "data" / "kazakhstan_2022"
FRAMES = ("coup_terror", "protest_crackdown", "geopolitical_win")

HEADER = 'name: t\nversion: "1"\ncategories:\n'


def _one_category(entries_yaml: str) -> str:
    return HEADER + "  c:\n    description: C.\n    entries:\n" + entries_yaml


# --------------------------------------------------------------------------
# the bundled lexicon and where bundled lexicons are found
# --------------------------------------------------------------------------


def test_bundled_lexicons_are_listed() -> None:
    assert "kazakhstan-2022" in list_bundled_lexicons()


def test_bundled_kazakhstan_lexicon() -> None:
    lex = load_lexicon("kazakhstan-2022")
    assert lex.name == "kazakhstan-2022"
    assert lex.categories == FRAMES
    assert lex.version and lex.language == "en"
    assert lex.authors and lex.license and lex.citation
    assert all(len(lex.descriptions[c]) > 100 for c in FRAMES)
    assert all(e.note for e in lex.entries), "every bundled entry needs a note"
    assert all(e.line is not None for e in lex.entries)
    assert lex.source == "kazakhstan-2022.yaml (bundled)"


def _seed_agreement(lex: Lexicon) -> dict[str, float]:
    units = pd.read_csv(SEEDS / "validation" / "seeds-coded.csv", keep_default_na=False)
    units = units[units["boilerplate"] == 0]
    matcher = Matcher(lex)
    tp = fp = fn = 0
    for doc_id, grp in units.groupby("doc_id"):
        text = (SEEDS / "texts" / f"{doc_id}.txt").read_text(encoding="utf-8")
        m = matcher.find(text)
        cats = lex.category_codes[m.entry]
        for frame_code, frame in enumerate(lex.categories):
            s, e = m.start[cats == frame_code], m.end[cats == frame_code]
            for u in grp.itertuples():
                pred = bool(np.any((s >= u.start) & (e <= u.end)))
                gold = getattr(u, frame) != ""
                tp += pred and gold
                fp += pred and not gold
                fn += gold and not pred
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    return {"precision": precision, "recall": recall,
            "f1": 2 * precision * recall / (precision + recall)}


def test_bundled_lexicon_agrees_with_the_seed_coding() -> None:
    # development-set figure (README: 0.90 micro-F1); guards against regressions
    assert _seed_agreement(load_lexicon("kazakhstan-2022"))["f1"] >= 0.85


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("no-such-lexicon", "bundled lexicons: kazakhstan-2022"),
        ("kazakhstan2022", "did you mean 'kazakhstan-2022'"),
    ],
)
def test_unknown_bundled_name_lists_the_bundled_ones(name: str, fragment: str) -> None:
    with pytest.raises(LexiconError, match=fragment):
        load_lexicon(name)


def test_resources_prefer_the_wheel_layout(tmp_path, monkeypatch) -> None:
    # a wheel has framing/lexicons inside the package
    (tmp_path / "lexicons").mkdir()
    shutil.copy(DATA / "good.yaml", tmp_path / "lexicons" / "only-in-wheel.yaml")
    monkeypatch.setattr(_resources.resources, "files", lambda package: tmp_path)
    assert Path(str(_resources.bundled_lexicons_dir())) == tmp_path / "lexicons"
    assert _resources.list_bundled_lexicons() == ["only-in-wheel"]
    assert load_lexicon("only-in-wheel").name == "test-frames"


def test_resources_fall_back_to_the_source_tree(tmp_path, monkeypatch) -> None:
    # an editable install has no framing/lexicons: use <source tree>/lexicons. Build a
    # source tree so the test means the same under a wheel install (CI) and -e.
    tree = tmp_path / "checkout"
    (tree / "framing").mkdir(parents=True)
    (tree / "lexicons").mkdir()
    (tree / "pyproject.toml").write_text("[project]\nname = 'framing'\n", encoding="utf-8")
    bundled = Path(str(_resources.bundled_lexicon("kazakhstan-2022")))
    (tree / "lexicons" / "kazakhstan-2022.yaml").write_bytes(bundled.read_bytes())
    monkeypatch.setattr(_resources.resources, "files", lambda package: tmp_path / "no-wheel")
    monkeypatch.setattr(framing, "__file__", str(tree / "framing" / "__init__.py"))
    assert Path(str(_resources.bundled_lexicons_dir())) == tree / "lexicons"
    assert _resources.list_bundled_lexicons() == ["kazakhstan-2022"]


def test_resources_missing_everywhere(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(_resources.resources, "files", lambda package: tmp_path)
    monkeypatch.setattr(framing, "__file__", str(tmp_path / "pkg" / "framing" / "__init__.py"))
    with pytest.raises(FileNotFoundError, match="reinstall framing"):
        _resources.bundled_lexicons_dir()


# --------------------------------------------------------------------------
# the YAML format: a good file, the hash, round trips
# --------------------------------------------------------------------------


def test_good_yaml() -> None:
    lex = load_lexicon(DATA / "good.yaml")
    assert (lex.name, lex.version, lex.language, lex.license) == ("test-frames", "2.1", "en",
                                                                  "CC0-1.0")
    assert lex.authors == ("Test Author", "Second Author")
    assert lex.categories == ("conflict", "rights")
    assert lex.descriptions["conflict"].strip() == "Violence and the threat of it."
    coup = lex.entries[2]
    assert coup == Entry("coup", "conflict", 1.0, ("coup de grace", "not a coup"),
                         "codebook cue", 16)
    assert [e.line for e in lex.entries] == [14, 15, 16, 19, 25, 26, 28]
    assert lex.entries[3].weight == 2 and isinstance(lex.entries[3].weight, int)
    assert lex.weights.tolist() == [1, 1, 1, 2, 1, 0.5, 1]
    assert lex.category_codes.tolist() == [0, 0, 0, 0, 1, 1, 1]
    assert [e.pattern for e in lex.entries_in("rights")] == ["human rights",
                                                             "anti-government protest*", "war"]
    assert len(lex) == 7
    assert repr(lex) == ("<Lexicon 'test-frames' 2.1: 7 entries in 2 categories "
                         "(conflict, rights)>")


def test_reformatting_keeps_the_hash() -> None:
    a = load_lexicon(DATA / "good.yaml")
    b = load_lexicon(DATA / "good_reformatted.yaml")
    assert a.sha256 == b.sha256
    assert a == b and hash(a) == hash(b)
    assert len(a.sha256) == 64


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("      - war\n      - terror*\n", "      - terror*\n      - war\n"),  # entry order
        ("weight: 2", "weight: 3"),
        ("note: codebook cue", "note: codebook cue!"),
        ("      - terror*\n", "      - terror\n"),
        ('version: "2.1"', 'version: "2.2"'),
        ("Human rights and protest.", "Human rights."),
    ],
)
def test_content_changes_change_the_hash(old: str, new: str) -> None:
    text = (DATA / "good.yaml").read_text(encoding="utf-8")
    assert old in text
    assert loads_lexicon(text).sha256 != loads_lexicon(text.replace(old, new, 1)).sha256


def test_yaml_round_trip(tmp_path) -> None:
    lex = load_lexicon(DATA / "good.yaml")
    again = loads_lexicon(lex.to_yaml())
    assert again.sha256 == lex.sha256
    out = save_lexicon(lex, tmp_path / "copy.yml")
    assert load_lexicon(out).sha256 == lex.sha256
    bundled = load_lexicon("kazakhstan-2022")
    assert loads_lexicon(bundled.to_yaml()).sha256 == bundled.sha256


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        ("      - no\n      - yes\n      - 2022\n      - on\n", ["no", "yes", "2022", "on"]),
        ("      - 'null'\n      - 1.50\n", ["null", "1.50"]),
    ],
)
def test_plain_scalars_are_patterns_as_written(entries: str, expected: list[str]) -> None:
    lex = loads_lexicon(_one_category(entries))
    assert [e.pattern for e in lex.entries] == expected


def test_unquoted_version_is_kept_as_written() -> None:
    lex = loads_lexicon(HEADER.replace('"1"', "1.10") + "  c:\n    description: C.\n"
                        "    entries: [war]\n")
    assert lex.version == "1.10"


def test_same_pattern_in_two_categories_is_allowed() -> None:
    lex = loads_lexicon(HEADER + "  a:\n    description: A.\n    entries: [war]\n"
                        "  b:\n    description: B.\n    entries: [War]\n")
    assert [e.category for e in lex.entries] == ["a", "b"]


# --------------------------------------------------------------------------
# validation: bad files and inline cases, each naming the line and the fix
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "line", "fragment"),
    [
        ("bad_syntax.yaml", 7, "YAML syntax error"),
        ("bad_unknown_key.yaml", 9, "unknown key 'wieght'.*did you mean 'weight'"),
        ("bad_empty_category.yaml", 9, "category has no entries.*'rights'"),
        ("bad_duplicate.yaml", 9, "duplicate entry.*'anti-government' \\(line 7\\)"),
        ("bad_wildcard.yaml", 8, "only allowed at the end of a word.*'ter\\*or'"),
        ("bad_never_matches.yaml", 8, "no letter or digit.*can never match.*'--'"),
        ("bad_exclusion.yaml", 7, "'military takeover' does not contain the entry"),
        ("bad_encoding.yaml", 5, "byte offset 60 \\(0xe9\\) is not valid utf-8"),
        ("bad_liwc_header.dic", 2, "category line 'posemo' is not 'number<TAB>name'"),
        ("bad_liwc_no_category.dic", 5, "'sad' has no category numbers"),
        ("bad_liwc_unknown_token.dic", 5, "'negemo' is neither a category number"),
        ("bad_liwc_no_percent.dic", None, "no '%' line"),
        ("bad_quanteda_glob.yml", 3, "'\\?' is not supported"),
        ("bad_quanteda_leading_star.yml", 3, "only allowed at the end of a word"),
    ],
)
def test_bad_files(file: str, line: int | None, fragment: str) -> None:
    path = DATA / file
    with pytest.raises(LexiconError, match=fragment) as info:
        load_lexicon(path)
    err = info.value
    assert err.source == str(path)
    assert err.line == line
    assert str(path) in str(err)
    if line is not None:
        assert f"line {line}:" in str(err)
    assert "Fix: " in str(err) and err.fix


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("", None, "the file is empty"),
        ("- a\n- b\n", 1, "the top level must be a mapping"),
        ("name: t\n---\nname: u\n", 2, "YAML syntax error"),
        ('name: t\nversion: "1"\ncategoires: {}\n', 3, "unknown key 'categoires'.*did you mean"),
        ('version: "1"\ncategories: {}\n', 1, "missing required key 'name'"),
        ("name: t\ncategories: {}\n", 1, "missing required key 'version'"),
        ('name: t\nversion:\ncategories: {}\n', 2, "version is empty"),
        ('name: t\nname: u\nversion: "1"\n', 2, "duplicate key 'name'.*first on line 1"),
        (HEADER, 3, "categories must be a mapping"),
        (HEADER + "  {}\n", 4, "categories is empty"),
        (HEADER + "  c:\n", 4, "no description and no entries"),
        (HEADER + "  c:\n    entries: [war]\n", 4, "category has no description"),
        (HEADER + "  c:\n    description: C.\n", 4, "category has no entries"),
        (HEADER + "  c:\n    description: C.\n    entries:\n", 6, "category has no entries"),
        (HEADER + "  c:\n    description: C.\n    entries: war\n", 6, "entries must be a list"),
        (HEADER + "  c:\n    description: [a]\n    entries: [war]\n", 5, "must be text"),
        (HEADER + "  c:\n    description: C.\n    colour: red\n    entries: [war]\n", 6,
         "unknown key 'colour' in category 'c'"),
        ('name: t\nversion: "1"\nauthors: {a: b}\ncategories: {}\n', 3,
         "authors must be a list"),
        (_one_category("      -\n"), 7, "empty entry"),
        (_one_category("      - [a, b]\n"), 7, "an entry cannot be a list"),
        (_one_category("      - weight: 2\n"), 7, "entry has no pattern"),
        (_one_category("      - pattern: war\n        weight: '2'\n"), 8,
         "weight must be a number, got '2'"),
        (_one_category("      - pattern: war\n        weight: true\n"), 8,
         "weight must be a number"),
        (_one_category("      - pattern: war\n        weight: 0\n"), 7, "weight 0"),
        (_one_category("      - pattern: war\n        weight: .nan\n"), 7,
         "weight must be a finite number"),
        (_one_category("      - pattern: coup\n        exclude: coup de grace\n"), 8,
         "exclude must be a list"),
        (_one_category("      - pattern: coup\n        exclude: [coup]\n"), 7,
         "is the entry itself"),
        (_one_category("      - pattern: coup\n        exclude: [coup de grace, Coup-de-Grace]\n"),
         7, "listed twice"),
        (_one_category("      - pattern: coup\n        exclude: ['*']\n"), 7,
         "invalid exclusion"),
        (_one_category("      - '*'\n"), 7, "wildcard alone"),
        (_one_category("      - terror**\n"), 7, "'\\*\\*' is not a valid wildcard"),
        (_one_category("      - '*ism'\n"), 7, "only allowed at the end of a word"),
        (_one_category("      - u.s.*\n"), 7, "must follow a letter or digit"),
        (_one_category("      - '!?'\n"), 7, "can never match"),
        (_one_category('      - "\\u00ad"\n'), 7, "the pattern is empty"),
        (_one_category("      - '**'\n"), 7, "wildcard alone"),
        (_one_category("      - anti-\n"), 7, "cannot start or end with a hyphen"),
        (_one_category("      - war\n      - WAR\n"), 8, "duplicate entry.*'war' \\(line 7\\)"),
        (_one_category("      - coup d'etat\n      - Coup d’État\n"), 8, "duplicate entry"),
        (_one_category("      - *alias\n"), 7, "YAML syntax error"),
    ],
)
def test_invalid_yaml(text: str, line: int | None, fragment: str) -> None:
    with pytest.raises(LexiconError, match=fragment) as info:
        loads_lexicon(text, source="inline.yaml")
    assert info.value.line == line
    assert str(info.value).startswith("inline.yaml")
    assert "Fix: " in str(info.value)


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        ("war", ("war",)),
        ("  Security   Forces ", ("security", "forces")),
        ("anti-government protest*", ("anti", "government", "protest*")),
        ("anti\u2011government", ("anti", "government")),
        ("coup d’État", ("coup", "d'etat")),
        ("U.S.", ("u.s.",)),
        ("law & order", ("law", "&", "order")),
    ],
)
def test_pattern_words(pattern: str, words: tuple[str, ...]) -> None:
    assert pattern_words(pattern) == words


@pytest.mark.parametrize("pattern", ["", "*", "a**", "*a", "a*b", "...", "-a", 5])
def test_pattern_words_rejects_invalid_patterns(pattern) -> None:
    with pytest.raises(LexiconError, match="Fix: "):
        pattern_words(pattern)


# --------------------------------------------------------------------------
# the Lexicon object
# --------------------------------------------------------------------------


def test_from_dict_and_accessors() -> None:
    lex = Lexicon.from_dict(
        {"a": ["war", {"pattern": "coup", "exclude": ["coup de grace"], "weight": 2,
                       "note": "n"}], "b": ["peace"]},
        name="demo", version="1", descriptions={"a": "A."}, language="en",
    )
    assert lex.descriptions == {"a": "A.", "b": ""}
    assert lex.entries[1].exclusions == ("coup de grace",)
    assert lex.entries[1].is_wildcard is False and Entry("w*", "a").is_wildcard is True
    assert lex.weights.tolist() == [1, 2, 1]
    with pytest.raises(ValueError, match="read-only"):
        lex.weights[0] = 5
    with pytest.raises(KeyError, match="did you mean 'a'"):
        lex.entries_in("aa")
    with pytest.raises(TypeError, match="unexpected keyword"):
        Lexicon.from_dict({"a": ["war"]}, name="x", colour="red")
    with pytest.raises(LexiconError, match="entries must be a list"):
        Lexicon.from_dict({"a": "war"}, name="x")
    with pytest.raises(LexiconError, match="needs 'pattern'"):
        Lexicon.from_dict({"a": [{"patern": "war"}]}, name="x")


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"name": " "}, "non-empty name"),
        ({"categories": {}}, "no categories"),
        ({"categories": {" a": ""}}, "invalid category name"),
        ({"categories": {"a\tb": ""}}, "invalid category name"),
        ({"entries": [Entry("war", "b")]}, "unknown category 'b'"),
        ({"entries": ["war"]}, "must be Entry objects"),
        ({"entries": []}, "category has no entries"),
        ({"entries": [Entry("war", "a", weight=float("inf"))]}, "finite number"),
    ],
)
def test_lexicon_constructor_validates(kwargs, fragment) -> None:
    args = {"name": "x", "categories": {"a": "A."}, "entries": [Entry("war", "a")], **kwargs}
    with pytest.raises(LexiconError, match=fragment):
        Lexicon(**args)


def test_lexicon_error_is_a_value_error_with_parts() -> None:
    with pytest.raises(ValueError) as info:
        loads_lexicon(_one_category("      - ter*or\n"), source="x.yaml")
    err = info.value
    assert isinstance(err, LexiconError)
    assert (err.source, err.line, err.entry) == ("x.yaml", 7, "ter*or")
    assert "prefix wildcard" in err.fix


# --------------------------------------------------------------------------
# LIWC .dic
# --------------------------------------------------------------------------


def test_read_liwc() -> None:
    lex = load_lexicon(DATA / "liwc.dic")
    assert lex.name == "liwc" and lex.version is None
    assert lex.categories == ("posemo", "negemo", "power")
    assert [(e.category, e.pattern, e.line) for e in lex.entries] == [
        ("posemo", "happy", 6), ("posemo", "win*", 7), ("negemo", "war", 8),
        ("power", "win*", 7), ("power", "war", 8), ("power", "human rights", 9),
    ]


@pytest.mark.parametrize(
    ("file", "warning", "entries"),
    [
        ("liwc_names.dic", "by name instead of number on lines \\[5, 6\\]",
         [("posemo", "happy"), ("negemo", "sad"), ("negemo", "war")]),
        ("liwc_no_closing.dic", "closing '%' .* missing; assumed before line 4",
         [("posemo", "happy"), ("negemo", "sad")]),
        ("liwc_no_opening.dic", "opening '%' .* missing",
         [("posemo", "happy"), ("negemo", "sad")]),
        ("liwc_extra_percent.dic", "extra '%' line\\(s\\) \\[6\\] ignored",
         [("posemo", "happy"), ("negemo", "sad")]),
        ("liwc_duplicates.dic", "'(happy|sad)' is listed again \\(first on line [56]\\)",
         [("posemo", "happy"), ("negemo", "sad"), ("negemo", "happy")]),
        ("liwc_conditional.dic", "<of>|conditional|no words removed: verb",
         [("funct", "like"), ("posemo", "happy"), ("discrep", "like")]),
        ("liwc_undefined.dic", "undefined category numbers ignored: 9 \\(line 6\\)|unused",
         [("posemo", "happy"), ("negemo", "sad")]),
    ],
)
def test_read_malformed_liwc_with_warnings(file: str, warning: str, entries) -> None:
    with pytest.warns(LexiconWarning, match=warning) as record:
        lex = load_lexicon(DATA / file)
    assert [(e.category, e.pattern) for e in lex.entries] == entries
    # warnings point at the caller, not at framing's internals
    assert all(w.filename == __file__ for w in record)


def test_liwc_blank_lines_and_spaces_are_accepted_silently() -> None:
    lex = load_lexicon(DATA / "liwc_spaces.dic")
    assert [(e.category, e.pattern) for e in lex.entries] == [
        ("posemo", "happy"), ("posemo", "very happy"), ("negemo", "sad")]


def test_liwc_round_trip(tmp_path) -> None:
    lex = load_lexicon(DATA / "liwc.dic")
    text = lex.to_liwc()
    assert text.splitlines() == ["%", "1\tposemo", "2\tnegemo", "3\tpower", "%", "happy\t1",
                                 "win*\t1\t3", "war\t2\t3", "human rights\t3"]
    again = loads_lexicon(text, format="liwc", name="liwc", source=lex.source)
    assert again.sha256 == lex.sha256
    out = save_lexicon(lex, tmp_path / "liwc.dic")
    assert load_lexicon(out).sha256 == lex.sha256


def test_writing_liwc_warns_about_what_it_drops() -> None:
    lex = load_lexicon(DATA / "good.yaml")
    with pytest.warns(LexiconWarning, match="dropped for 3 entries"):
        text = lex.to_liwc()
    back = loads_lexicon(text, format="liwc")
    # LIWC lists each word once, so within a category words come in first-listed order
    assert back.categories == lex.categories
    assert sorted((e.category, e.pattern) for e in back.entries) == sorted(
        (e.category, e.pattern) for e in lex.entries)


def test_writing_liwc_rejects_category_names_with_spaces() -> None:
    lex = Lexicon.from_dict({"posemo words": ["happy"]}, name="x")
    with pytest.raises(LexiconError, match="cannot contain whitespace"):
        lex.to_liwc()


# --------------------------------------------------------------------------
# quanteda YAML
# --------------------------------------------------------------------------


def test_read_quanteda_yaml() -> None:
    lex = load_lexicon(DATA / "quanteda.yml")
    assert lex.name == "quanteda"
    assert lex.categories == ("economy.positive", "economy.negative", "security",
                              "security.threats", "protest")
    assert [(e.category, e.pattern, e.line) for e in lex.entries] == [
        ("economy.positive", "growth", 4), ("economy.positive", "job*", 5),
        ("economy.negative", "recession", 6), ("economy.negative", "unemploy*", 6),
        ("security", "terrorist*", 9), ("security.threats", "coup d'etat", 11),
        ("protest", "demonstrators", 12),
    ]


@pytest.mark.parametrize(
    ("text", "warning", "categories"),
    [
        ("a: [x, X, y]\n", "duplicate pattern 'X' in key 'a'", ("a",)),
        ("a: [x]\nb: []\n", "empty key 'b' removed", ("a",)),
        ("a: [x]\nb:\n", "empty key 'b' removed", ("a",)),
    ],
)
def test_quanteda_irregularities_warn(text: str, warning: str, categories) -> None:
    with pytest.warns(LexiconWarning, match=warning):
        assert loads_lexicon(text).categories == categories


def test_quanteda_format_can_be_forced() -> None:
    # a quanteda dictionary with a key called "name" is read as framing YAML unless forced
    text = "name: [alice, bob]\nplace: [paris]\n"
    with pytest.raises(LexiconError, match="unknown key 'place'"):
        loads_lexicon(text)
    assert loads_lexicon(text, format="quanteda").categories == ("name", "place")


# --------------------------------------------------------------------------
# load_lexicon / save_lexicon dispatch
# --------------------------------------------------------------------------


def test_load_dispatch(tmp_path) -> None:
    with pytest.raises(LexiconError, match="unsupported lexicon file extension '.txt'"):
        load_lexicon(tmp_path / "x.txt")
    with pytest.raises(FileNotFoundError, match="lexicon file not found.*kazakhstan-2022"):
        load_lexicon(tmp_path / "missing.yaml")
    txt = tmp_path / "x.txt"
    shutil.copy(DATA / "liwc.dic", txt)
    assert load_lexicon(txt, format="liwc").categories == ("posemo", "negemo", "power")
    assert load_lexicon(str(DATA / "good.yaml")).name == "test-frames"
    with pytest.raises(ValueError, match="format must be one of"):
        loads_lexicon("a: [b]", format="csv")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="expects a name or a path"):
        load_lexicon(load_lexicon(DATA / "good.yaml"))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="cannot tell the format"):
        save_lexicon(load_lexicon(DATA / "liwc.dic"), tmp_path / "out.json")


def test_load_other_encodings_and_bom(tmp_path) -> None:
    latin = tmp_path / "latin.yaml"
    latin.write_bytes((DATA / "bad_encoding.yaml").read_bytes())
    assert load_lexicon(latin, encoding="latin-1").descriptions["c"] == "Café culture."
    bom = tmp_path / "bom.yaml"
    bom.write_bytes(b"\xef\xbb\xbf" + (DATA / "good.yaml").read_bytes())
    assert load_lexicon(bom).sha256 == load_lexicon(DATA / "good.yaml").sha256


# -- writing framing YAML from a lexicon without the format's required metadata ------------------


def _bare_lexicon():
    """As read from LIWC: no version, no category descriptions."""
    return Lexicon.from_dict({"coup": ["coup", "junta"], "protest": ["protest*"]}, name="bare")


def test_to_yaml_names_what_the_format_requires():
    with pytest.raises(LexiconError) as info:
        _bare_lexicon().to_yaml()
    message = str(info.value)
    assert "a version" in message
    assert "'coup', 'protest'" in message
    assert "save_lexicon" in message


def test_to_yaml_with_version_and_descriptions_loads_back(tmp_path):
    lex = _bare_lexicon()
    descriptions = {"coup": "Coup frame.", "protest": "Protest frame."}
    back = loads_lexicon(lex.to_yaml(version="2.0", descriptions=descriptions))
    assert back.version == "2.0"
    assert back.descriptions == descriptions
    assert [(e.pattern, e.category) for e in back.entries] == [
        (e.pattern, e.category) for e in lex.entries]
    out = save_lexicon(lex, tmp_path / "bare.yaml", version="2.0", descriptions=descriptions)
    assert load_lexicon(out).sha256 == back.sha256


def test_to_yaml_still_requires_every_description():
    with pytest.raises(LexiconError, match="'protest'"):
        _bare_lexicon().to_yaml(version="1", descriptions={"coup": "Coup frame."})


def test_to_yaml_rejects_descriptions_of_unknown_categories():
    with pytest.raises(LexiconError, match="no categories 'terror'"):
        _bare_lexicon().to_yaml(version="1", descriptions={"terror": "x"})

"""Tests for framing.matching: the matching rules M1-M11 (lexicons/README.md)."""

from __future__ import annotations

import pickle
import random
import re

import numpy as np
import pandas as pd
import pytest

from framing.lexicon import Lexicon, load_lexicon
from framing.matching import MatchArrays, Matcher, pattern_regex
from framing.normalize import normalize


def _lex(entries: list | dict) -> Lexicon:
    categories = entries if isinstance(entries, dict) else {"c": entries}
    return Lexicon.from_dict(categories, name="test")


def _found(entries: list | dict, text: str, overlap: str = "longest") -> list[tuple[str, str]]:
    """(matched original text, pattern) for every match, in order."""
    lex = _lex(entries)
    m = Matcher(lex, overlap=overlap).find(text)
    return [(text[s:e], lex.entries[i].pattern) for s, e, i in zip(m.start, m.end, m.entry)]


def _texts(entries: list | dict, text: str, overlap: str = "longest") -> list[str]:
    return [t for t, _ in _found(entries, text, overlap)]


# --------------------------------------------------------------------------
# docs/matching-edge-cases.md, one row per case
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entries", "text", "expected"),
    [
        # gaps longer than one character (keyword tries miss them)
        (["security forces"], "Security  forces fired", ["Security  forces"]),
        (["security forces"], "security\nforces", ["security\nforces"]),
        (["security forces"], "security - forces", ["security - forces"]),
        # punctuation and sentence ends (n-gram tools match across them)
        (["security forces"], "security, forces", []),
        (["security forces"], "about security. Forces arrived", []),
        # non-breaking space
        (["human rights"], "human\xa0rights", ["human\xa0rights"]),
        # hyphen variants
        (["anti-government protests"], "anti government protests", ["anti government protests"]),
        (["anti-government protests"], "anti-government protests", ["anti-government protests"]),
        (["anti-government protests"], "anti\u2011government protests",
         ["anti\u2011government protests"]),
        # curly apostrophe and accent
        (["coup d'etat"], "an attempted coup d\u2019etat", ["coup d\u2019etat"]),
        (["coup d'etat"], "an attempted coup d'état", ["coup d'état"]),
        # ASCII-only word characters
        (["war"], "warö", []),
        (["war"], "war_crimes", []),
        (["war"], "war2", []),
        # overlap policy (longest is the default)
        (["war on terror", "terror*", "war"], "WAR ON TERROR", ["WAR ON TERROR"]),
        # stems
        (["terror*"], "terrorizing", ["terrorizing"]),
        (["terror*"], "terror-related", ["terror"]),
        (["terror*"], "counterterrorist", []),
        # length-changing lower()
        (["war"], "İstanbul war", ["war"]),
        # nested entries
        (["Collective Security Treaty Organization", "secur*", "treat*"],
         "the Collective Security Treaty Organization met",
         ["Collective Security Treaty Organization"]),
    ],
)
def test_edge_cases(entries: list, text: str, expected: list[str]) -> None:
    assert _texts(entries, text) == expected


def test_edge_case_overlap_all() -> None:
    # sorted by start, then entry index
    assert _found(["war on terror", "terror*", "war"], "WAR ON TERROR", "all") == [
        ("WAR ON TERROR", "war on terror"), ("WAR", "war"), ("TERROR", "terror*")
    ]
    assert _texts(["Collective Security Treaty Organization", "secur*", "treat*"],
                  "the Collective Security Treaty Organization met", "all") == [
        "Collective Security Treaty Organization", "Security", "Treaty"
    ]


def test_istanbul_offsets_are_exact() -> None:
    text = "İstanbul war and İİİ war"
    m = Matcher(_lex(["war"])).find(text)
    assert m.start.tolist() == [9, 21]
    assert [text[s:e] for s, e in zip(m.start, m.end)] == ["war", "war"]


# --------------------------------------------------------------------------
# M1-M3 separators, punctuation, paragraph breaks
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "matches"),
    [
        ("security forces", True),
        ("security\tforces", True),
        ("security \n forces", True),
        ("security\r\nforces", True),
        ("security\u2003forces", True),  # em space
        ("security\u202fforces", True),  # narrow no-break space
        ("security-forces", True),
        ("security \u2014 forces", True),
        ("security--forces", True),
        ("security\u00adforces", False),  # a soft hyphen is removed, not a separator (N6)
        ("securityforces", False),
        ("security/forces", False),
        ("security; forces", False),
        ("security: forces", False),
        ("security (forces", False),
        ("security 'forces'", False),
        ("security\n\nforces", False),  # paragraph break
        ("security\n \t\nforces", False),
        ("security\r\n\r\nforces", False),
        ("security\u2029forces", False),
        ("security\u2028forces", True),  # a line separator is one line break
    ],
)
def test_phrase_separators(text: str, matches: bool) -> None:
    assert bool(_texts(["security forces"], text)) is matches


@pytest.mark.parametrize(
    ("pattern", "text", "expected"),
    [
        ("anti-government", "antigovernment", []),  # closed compounds need their own entry
        ("anti government", "anti-government", ["anti-government"]),
        ("anti-government", "ANTI\u2013GOVERNMENT", ["ANTI\u2013GOVERNMENT"]),
        ("coup d'etat", "coup-d'etat", ["coup-d'etat"]),
        ("coup d'etat", "coup d etat", []),
    ],
)
def test_hyphen_is_a_separator_in_patterns(pattern: str, text: str, expected: list[str]) -> None:
    assert _texts([pattern], text) == expected


# --------------------------------------------------------------------------
# M4 word boundaries, M5 wildcards, M6 literal characters
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("war", ["war"]),
        ("War. WAR! war?", ["War", "WAR", "war"]),
        ("war's end", ["war"]),
        ("anti-war", ["war"]),
        ("(war)", ["war"]),
        ("\u201cwar\u201d", ["war"]),
        ("prewar", []),
        ("warfare", []),
        ("war_crimes", []),
        ("war2", []),
        ("2war", []),
        ("warö", []),
        ("öwar", []),
        ("warя", []),  # Cyrillic letter: still a word character
        ("war\u00e9", []),
    ],
)
def test_word_boundaries(text: str, expected: list[str]) -> None:
    assert _texts(["war"], text) == expected


@pytest.mark.parametrize(
    ("pattern", "text", "expected"),
    [
        ("terror*", "terror", ["terror"]),
        ("terror*", "Terrorists", ["Terrorists"]),
        ("terror*", "terrorizing", ["terrorizing"]),
        ("terror*", "terror-related", ["terror"]),
        ("terror*", "anti-terror", ["terror"]),
        ("terror*", "counterterrorist", []),
        ("terror*", "terro", []),
        ("terror* attack*", "terrorist attacks", ["terrorist attacks"]),
        ("terror* attack*", "terrorist, attacks", []),
        ("u.s*", "u.states", ["u.states"]),
    ],
)
def test_wildcards(pattern: str, text: str, expected: list[str]) -> None:
    assert _texts([pattern], text) == expected


@pytest.mark.parametrize(
    ("pattern", "text", "expected"),
    [
        ("U.S.", "The U.S. and US and UxSx", ["U.S."]),
        ("C++", "C++ and C and Cxx", ["C++"]),
        ("(CSTO)", "the (CSTO) and CSTO", ["(CSTO)"]),
        ("(CSTO)", "x(CSTO)", []),  # M4 applies to punctuation-edged patterns too
        ("9/11", "after 9/11, and 9-11", ["9/11"]),
        ("a.b", "axb a.b", ["a.b"]),
        ("[x]", "[x] and x", ["[x]"]),
        ("$100", "$100 and 100", ["$100"]),
    ],
)
def test_regex_metacharacters_are_literal(pattern: str, text: str, expected: list[str]) -> None:
    assert _texts([pattern], text) == expected


# --------------------------------------------------------------------------
# M7/M8 overlap, M9 exclusions
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entries", "text", "longest", "all_"),
    [
        (["war on terror", "terror*", "war"], "war on terror", ["war on terror"],
         ["war on terror", "war", "terror"]),
        (["human rights", "rights of protesters"], "human rights of protesters",
         ["human rights"], ["human rights", "rights of protesters"]),
        (["a b", "b c"], "a b c", ["a b"], ["a b", "b c"]),
        (["b c", "a b c d"], "a b c d", ["a b c d"], ["a b c d", "b c"]),
        (["terror*", "terrorists"], "terrorists", ["terrorists"], ["terrorists", "terrorists"]),
    ],
)
def test_overlap_policies(entries, text, longest, all_) -> None:
    assert _texts(entries, text, "longest") == longest
    assert _texts(entries, text, "all") == all_


def test_longest_keeps_one_match_per_category_for_the_same_span() -> None:
    lex = {"a": ["terror*", "terrorists"], "b": ["terrorists"], "c": ["terror"]}
    # a: the most specific entry (no wildcard) wins; b also counts; c does not match
    assert _found(lex, "terrorists") == [("terrorists", "terrorists"), ("terrorists", "terrorists")]
    lexicon = _lex(lex)
    m = Matcher(lexicon).find("terrorists")
    assert [lexicon.entries[i].category for i in m.entry] == ["a", "b"]
    assert m.entry.tolist() == [1, 2]
    # among wildcards the longer stem wins
    assert _found({"a": ["terr*", "terror*"]}, "terrorism") == [("terrorism", "terror*")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a coup", ["coup"]),
        ("the coup de grâce", []),
        ("the Coup-de-Grace", []),
        ("it was not a coup", []),
        ("it was NOT A COUP attempt, a coup", ["coup"]),
        ("not a coup de grace, but a coup", ["coup"]),
        ("coup de", ["coup"]),
        ("not, a coup", ["coup"]),  # the exclusion phrase follows the phrase rules too
    ],
)
def test_exclusions(text: str, expected: list[str]) -> None:
    entries = [{"pattern": "coup", "exclude": ["coup de grace", "not a coup"]}]
    for overlap in ("longest", "all"):
        assert _texts(entries, text, overlap) == expected


def test_exclusions_only_affect_their_own_entry() -> None:
    lex = {
        "c": [{"pattern": "coup", "exclude": ["coup de grace"]}, "coup*"],
        "d": ["grace"],
    }
    # coup* still matches where coup is excluded; other entries inside the phrase still match
    assert _found(lex, "the coup de grace") == [("coup", "coup*"), ("grace", "grace")]
    assert _found(lex, "the coup de grace", "all") == [("coup", "coup*"), ("grace", "grace")]


def test_excluded_span_can_be_taken_by_the_next_longest_entry() -> None:
    lex = {"c": [{"pattern": "war on terror", "exclude": ["global war on terror"]}, "terror*"]}
    assert _texts(lex, "the global war on terror") == ["terror"]


def test_wildcard_exclusions() -> None:
    lex = {"c": [{"pattern": "terror*", "exclude": ["war on terror*"]}]}
    assert _texts(lex, "the war on terrorism, terrorism") == ["terrorism"]


# --------------------------------------------------------------------------
# M10 offsets in the original text
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Straße; \u201cHuman\u00a0\u2014\u00a0Rights\u201d!", ["Human\u00a0\u2014\u00a0Rights"]),
        ("İİ ter\u00adror\u00ad attack", ["ter\u00adror\u00ad attack"]),
        ("\ufb01 cafe\u0301 attack", ["cafe\u0301 attack"]),
        ("x\u2029human rights", ["human rights"]),
    ],
)
def test_offsets_cover_exactly_the_matched_words(text: str, expected: list[str]) -> None:
    entries = ["human rights", "terror* attack", "cafe attack"]
    assert _texts(entries, text) == expected


# --------------------------------------------------------------------------
# equivalence with a brute-force reference implementation
# --------------------------------------------------------------------------

_VOCAB = ["war", "on", "terror", "terrorists", "a", "b", "coup", "de", "grace", "not", "x",
          "u.s.", "(csto)", "WAR", "İstanbul", "ß", "c++", "d'etat", "warö"]
_GAPS = [" ", "  ", "-", " - ", "\n", "\n\n", ", ", ". ", "\u00a0", "\u2011", "", "'", "("]
_ENTRIES = {
    "c1": ["war", "war on terror", "terror*", {"pattern": "coup", "exclude": ["coup de grace"]},
           "u.s.", "(csto)", "a b a", "ss"],
    "c2": ["terrorists", "not a coup", "a*", "c++", "coup d'etat", "war*", "b"],
}


def _reference(lex: Lexicon, text: str, overlap: str) -> list[tuple[int, int, int]]:
    """Brute force: each entry's own regex tried at every position (documented semantics)."""
    nt = normalize(text)
    t = nt.text
    occ = []
    for i, entry in enumerate(lex.entries):
        rx = re.compile(pattern_regex(entry.pattern))
        excl = [re.compile(pattern_regex(x)) for x in entry.exclusions]
        blocks = [(p, m.end()) for x in excl for p in range(len(t) + 1)
                  if (m := x.match(t, p))]
        for p in range(len(t)):
            m = rx.match(t, p)
            if m and not any(xs <= p and m.end() <= xe for xs, xe in blocks):
                occ.append((p, m.end(), i))
    if overlap == "longest":
        rank = {i: (e.pattern.count("*"), -len(e.pattern.replace("*", "")), i)
                for i, e in enumerate(lex.entries)}
        kept, cur = [], -1
        for p in sorted({o[0] for o in occ}):
            if p < cur:
                continue
            here = [o for o in occ if o[0] == p]
            end = max(o[1] for o in here)
            best = {}
            for o in here:
                cat = lex.entries[o[2]].category
                if o[1] == end and (cat not in best or rank[o[2]] < rank[best[cat][2]]):
                    best[cat] = o
            kept.extend(best.values())
            cur = end
        occ = kept
    s, e = nt.to_original([o[0] for o in occ], [o[1] for o in occ])
    return sorted(zip(s.tolist(), [o[2] for o in occ], e.tolist()))


def _random_text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(0, 14)):
        parts.append(rng.choice(_VOCAB))
        parts.append(rng.choice(_GAPS))
    return "".join(parts)


@pytest.mark.parametrize("overlap", ["longest", "all"])
@pytest.mark.parametrize("seed", range(4))
def test_engine_agrees_with_brute_force_reference(overlap: str, seed: int) -> None:
    lex = Lexicon.from_dict(_ENTRIES, name="ref")
    matcher = Matcher(lex, overlap=overlap)
    rng = random.Random(seed)
    for _ in range(150):
        text = _random_text(rng)
        m = matcher.find(text)
        got = list(zip(m.start.tolist(), m.entry.tolist(), m.end.tolist()))
        assert got == _reference(lex, text, overlap), text


# --------------------------------------------------------------------------
# M11 no catastrophic backtracking: bounded inputs that hang a backtracking pattern
# --------------------------------------------------------------------------

_PATHOLOGICAL_ENTRIES = {"x": ["a* b", "a a a a b", "aa*", "security forces", "a - b", "a*"],
                         "y": ["a", "aaaa*", {"pattern": "a", "exclude": ["a a a"]}]}


@pytest.mark.parametrize("overlap", ["longest", "all"])
@pytest.mark.parametrize(
    ("text", "n_matches"),
    [
        ("a" * 100_000, None),
        ("a " * 20_000, None),
        ("security" + " " * 100_000 + "x", 0),
        ("security" + " -" * 50_000 + "forcesx", 0),
        ("security" + "\n" * 100_000 + "forces", 0),
        ("a -\n" * 20_000, None),
        ("security " * 20_000, 0),
        ("-" * 100_000, 0),
        (" " * 100_000, 0),
    ],
)
def test_pathological_inputs_complete(overlap: str, text: str, n_matches: int | None) -> None:
    lex = Lexicon.from_dict(
        {"x": _PATHOLOGICAL_ENTRIES["x"], "y": ["a", "aaaa*"]}, name="p"
    )
    m = Matcher(lex, overlap=overlap).find(text)
    if n_matches is not None:
        assert len(m) == n_matches
    assert np.all(m.end > m.start)


def test_pathological_exclusions_are_not_quadratic_in_behaviour() -> None:
    lex = _lex([{"pattern": "coup", "exclude": ["coup de grace"]}])
    text = "coup de grace, a coup; " * 5_000
    assert len(Matcher(lex).find(text)) == 5_000


# --------------------------------------------------------------------------
# API
# --------------------------------------------------------------------------


def test_match_arrays_are_compact_and_sorted() -> None:
    lex = _lex({"a": ["war", "peace"], "b": ["war"]})
    m = Matcher(lex).find("peace, war and WAR")
    assert isinstance(m, MatchArrays)
    assert m.start.dtype == m.end.dtype == m.entry.dtype == np.int32
    assert m.doc is None
    assert m.start.tolist() == [0, 7, 7, 15, 15]
    assert m.entry.tolist() == [1, 0, 2, 0, 2]
    assert len(m) == 5


@pytest.mark.parametrize("text", ["", "   ", "nothing here", "\n\n"])
def test_no_matches(text: str) -> None:
    m = Matcher(_lex(["war"])).find(text)
    assert len(m) == 0 and m.start.dtype == np.int32


def test_find_many() -> None:
    lex = _lex(["war"])
    m = Matcher(lex).find_many(["war", "", "peace", "war war"])
    assert m.doc.tolist() == [0, 3, 3]
    assert m.start.tolist() == [0, 0, 4]
    assert m.doc.dtype == np.int32
    empty = Matcher(lex).find_many(["peace"])
    assert len(empty) == 0 and empty.doc is not None


def test_to_frame() -> None:
    lex = _lex({"a": ["war"], "b": ["human rights"]})
    text = "War on human rights"
    frame = Matcher(lex).find(text).to_frame(lex, text)
    assert list(frame.columns) == ["start", "end", "entry", "category", "pattern", "matched"]
    assert frame["matched"].tolist() == ["War", "human rights"]
    assert frame["category"].tolist() == ["a", "b"]
    many = Matcher(lex).find_many([text, text]).to_frame(lex)
    assert many["doc"].tolist() == [0, 0, 1, 1]
    with pytest.raises(ValueError, match="single-document"):
        Matcher(lex).find_many([text]).to_frame(lex, text)
    assert isinstance(Matcher(lex).find("").to_frame(), pd.DataFrame)


def test_matcher_pickles() -> None:
    matcher = Matcher(_lex(["war on terror", "terror*"]), overlap="all")
    clone = pickle.loads(pickle.dumps(matcher))
    assert clone.overlap == "all"
    text = "the war on terror"
    assert clone.find(text).entry.tolist() == matcher.find(text).entry.tolist()


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "message"),
    [
        (("not a lexicon",), {}, TypeError, "expects a Lexicon"),
        ((None,), {"overlap": "all"}, TypeError, "expects a Lexicon"),
        ((), {"overlap": "shortest"}, ValueError, "overlap must be"),
    ],
)
def test_matcher_rejects_invalid_arguments(args, kwargs, error, message) -> None:
    if not args:
        args = (_lex(["war"]),)
    with pytest.raises(error, match=message):
        Matcher(*args, **kwargs)


def test_find_rejects_non_text() -> None:
    with pytest.raises(TypeError, match="expects str"):
        Matcher(_lex(["war"])).find(None)  # type: ignore[arg-type]


def test_repr() -> None:
    assert "overlap='longest'" in repr(Matcher(_lex(["war"])))


def test_pattern_regex_is_a_plain_regex_on_normalised_text() -> None:
    rx = re.compile(pattern_regex("Security forces"))
    assert rx.search(normalize("the SECURITY\u00a0forces").text)
    assert not rx.search(normalize("security, forces").text)


def test_bundled_lexicon_matches_the_seed_articles() -> None:
    lex = load_lexicon("kazakhstan-2022")
    text = ("Tokayev called them \u201cterrorist gangs\u201d; the CSTO is Russia\u2019s own NATO. "
            "Protesters were shot dead.")
    found = Matcher(lex).find(text).to_frame(lex, text)
    assert found["category"].tolist() == ["coup_terror", "geopolitical_win", "protest_crackdown",
                                          "protest_crackdown"]
    assert found["matched"].tolist() == ["terrorist", "own NATO", "Protesters", "shot dead"]

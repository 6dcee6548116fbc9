"""Equivalence tests for the fast voice paths of framing.voice.

:func:`framing.voice.match_voice` must return exactly what
``assign_voice(starts, ends, find_voice_spans(text, ...))`` returns: the full
analysis is the reference. While the fast paths were written, both were also
checked against a frozen copy of the module before them (identical on every
reference case and on the 2,000-document benchmark corpora); that copy is not
kept, so a rule changes in one place only.
"""

# The test texts are full of quotation marks and apostrophes on purpose.

from __future__ import annotations

import bisect
import dataclasses
import random
import re

import numpy as np
import pytest

from framing import voice
from framing.datasets import load_kazakhstan_2022
from framing.lexicon import load_lexicon
from framing.matching import Matcher
from framing.segmentation import split_lines, split_sentences


@pytest.fixture(scope="module")
def seeds() -> list[str]:
    return [doc.text for doc in load_kazakhstan_2022()]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_lexicon("kazakhstan-2022"))


def reference_voice(text, starts, ends, **kwargs):
    """The full formulation: every span of the text, then the labels."""
    voice._last_quotations = None  # no reuse of an earlier find_quotations
    return voice.assign_voice(starts, ends, voice.find_voice_spans(text, **kwargs))


def fresh_spans(text, **kwargs):
    voice._last_quotations = None
    return voice.find_voice_spans(text, **kwargs)


def assert_same(text, starts, ends, **kwargs):
    got_v, got_r = voice.match_voice(text, starts, ends, **kwargs)
    exp_v, exp_r = reference_voice(text, starts, ends, **kwargs)
    assert got_v.dtype == exp_v.dtype and got_r.dtype == exp_r.dtype
    assert got_v.tolist() == exp_v.tolist()
    assert got_r.tolist() == exp_r.tolist()
    # the public slow path of the refactored module agrees too
    now_v, now_r = voice.assign_voice(starts, ends, voice.find_voice_spans(text, **kwargs))
    assert now_v.tolist() == exp_v.tolist() and now_r.tolist() == exp_r.tolist()


def span_tuples(spans):
    return [dataclasses.astuple(s) for s in spans]


# ---------------------------------------------------------------------------
# Random documents
# ---------------------------------------------------------------------------

INSERTS = [
    "“", "”", '"', "'", "‘", "’", "«", "»", "„", "‹", "›", "\n", "\n\n", " – ", "-", ", ",
    ". ", ": ", " said ", " said that ", " told ", " added ", " writes ", " reported that ",
    " according to ", " so-called ", " what he called ", " issued\na statement ",
    " pointed out ", " warned against ", " he said. ", ", the minister said.", " Mr Blinken ",
    " the publication ", " Reuters ", " the Daily Beast ", "\nThe Daily Beast: Russia has won\n",
    "\n– notes Daily beast\n", "\n— according to Reuters\n", " U.S.", " it’s ", " 12\" ",
    " naïve ", " Kazakhstan’s ", " _x_ ", " 3.5 ", " who ", ", who said, ", " and said ",
    " adding that ", " did not say ", " is said to ", " terrorists ", " peacekeepers ",
    # rules for unseen wording (tests/test_voice_generalisation.py)
    " declared a state of emergency ", " declared victory ", " questioned 500 people ",
    " questioned the deployment ", " was quoted as saying ", " told parliament on Tuesday ",
    " told reporters the ", "\nTokayev: terrorists attacked the city\n",
    " President Kassym-Jomart Tokayev said ", "\nKazakh president: Russia has won\n",
    " rights groups ", "” he said, adding that ", " described scenes of ",
    # trailing attributions with a tail (adverbials, an appositive, a clause)
    ", Lavrov said on Friday at a news conference following talks with ",
    ", said Nadia Brenner, a researcher at ", ", said Brenner on Friday in an interview ",
    ", Tokayev claimed in a televised address on Friday, ", " said on Friday the ",
    ", Lavrov told reporters in Moscow after talks with ", " who heads the ",
    " said as he met ", " said while visiting ",
    " we now have questions about ",
]


def random_document(rng: random.Random, seeds: list[str]) -> str:
    """Shuffled sentences/paragraphs of the seeds with random marks, verbs and breaks."""
    seed = rng.choice(seeds)
    if rng.random() < 0.5:
        units = [seed[a:b] for a, b in split_lines(seed)]
    else:
        units = [seed[a:b] for a, b in split_sentences(seed)]
    rng.shuffle(units)
    units = units[: rng.randint(1, 25)]
    pieces = []
    for unit in units:
        cut = sorted(rng.sample(range(len(unit) + 1), k=min(len(unit) + 1, rng.randint(0, 6))))
        prev = 0
        for c in cut:
            pieces.append(unit[prev:c])
            pieces.append(rng.choice(INSERTS))
            prev = c
        pieces.append(unit[prev:])
        pieces.append(rng.choice([" ", "\n", "\n\n", " ", "  \n"]))
    return "".join(pieces)


def random_matches(rng: random.Random, text: str, matcher: Matcher):
    """A random subset of the lexicon matches plus random spans, sorted by start."""
    found = matcher.find(text)
    starts, ends = [], []
    for s, e in zip(found.start.tolist(), found.end.tolist(), strict=True):
        if rng.random() < 0.6:
            starts.append(s)
            ends.append(e)
    n = len(text)
    for _ in range(rng.randint(0, 12)):
        s = rng.randint(0, max(n - 1, 0))
        e = min(n, s + rng.choice([0, 1, 2, 5, 12, 40, 200]))
        starts.append(s)
        ends.append(e)
    order = sorted(range(len(starts)), key=lambda i: (starts[i], ends[i]))
    return [starts[i] for i in order], [ends[i] for i in order]


# ---------------------------------------------------------------------------
# Tests
# ---------------------------------------------------------------------------


def test_match_voice_on_seeds(seeds, matcher):
    for text in seeds:
        found = matcher.find(text)
        assert len(found.start) > 0
        sentences = split_sentences(text)
        assert_same(text, found.start, found.end, sentences=sentences)
        assert_same(text, found.start, found.end)


def test_match_voice_on_seeds_with_random_spans(seeds, matcher):
    rng = random.Random(7)
    for text in seeds:
        for _ in range(20):
            starts, ends = random_matches(rng, text, matcher)
            assert_same(text, starts, ends, sentences=split_sentences(text))


@pytest.mark.parametrize("chunk", range(6))
def test_match_voice_on_random_documents(seeds, matcher, chunk):
    rng = random.Random(1000 + chunk)
    for _ in range(60):  # 360 documents over the chunks
        text = random_document(rng, seeds)
        starts, ends = random_matches(rng, text, matcher)
        kwargs = {} if rng.random() < 0.3 else {"sentences": split_sentences(text)}
        assert_same(text, starts, ends, **kwargs)


def test_find_voice_spans_with_quotations_equals_without(seeds):
    rng = random.Random(99)
    for _ in range(80):
        text = random_document(rng, seeds)
        quotes = voice.find_quotations(text)
        assert span_tuples(voice.find_voice_spans(text, quotations=quotes)) == span_tuples(
            fresh_spans(text)
        )


def test_match_voice_with_custom_cues(seeds, matcher):
    # "to" starts a form and is a later word of "refer to": the verb scan cannot
    # restart anywhere and reads the whole text
    base = voice.load_voice_cues()
    cues = dataclasses.replace(base, weak_verbs=base.weak_verbs | {"to", "a statement"})
    assert not voice._compile(cues).restartable
    assert voice._compile(base).restartable
    rng = random.Random(3)
    for _ in range(40):
        text = random_document(rng, seeds)
        starts, ends = random_matches(rng, text, matcher)
        assert_same(text, starts, ends, cues=cues)


def test_verb_hits_in_ranges_match_the_whole_scan(seeds):
    """A restricted verb scan finds exactly the whole-text scan's matches in range."""
    rng = random.Random(11)
    for _ in range(100):
        text = random_document(rng, seeds)
        layout = voice._Layout(text, None)
        finder = voice._CueFinder(text, layout, voice.load_voice_cues())
        whole = [m.span() for m in finder.comp.verb_re.finditer(text)]
        cuts = sorted(rng.sample(range(len(text) + 1), k=min(len(text) + 1, 8)))
        ranges = voice._merge([(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2)])
        got = [m.span() for m in finder._hits(ranges)]
        want = [s for s in whole if any(lo <= s[0] < hi for lo, hi in ranges)]
        assert got == want


def test_verb_scan_restart_inside_a_multiword_form():
    text = "They issued\na statement. He said so.\nRefer to\nto the list."
    layout = voice._Layout(text, None)
    finder = voice._CueFinder(text, layout, voice.load_voice_cues())
    whole = [m.span() for m in finder.comp.verb_re.finditer(text)]
    for lo in range(len(text)):
        got = [m.span() for m in finder._hits([(lo, len(text))])]
        assert got == [s for s in whole if s[0] >= lo]


def test_headline_speaker_cited_far_away():
    # the headline's speaker is cited only in a paragraph without any match
    text = (
        "The Daily Beast: Kazakhstan has chosen Russia\n\n"
        "Protests spread across the country on Monday.\n\n"
        "Tanks rolled in, writes the Daily Beast.\n\n"
        "Ordinary words here."
    )
    claim = text.index("Kazakhstan")
    starts, ends = [claim, text.index("Protests")], [claim + 10, text.index("Protests") + 8]
    _, r = voice.match_voice(text, starts, ends)
    assert r.tolist()[0] == "headline_colon"
    assert_same(text, starts, ends)
    # and not cited: authorial
    other = text.replace("writes the Daily Beast", "writes the Moscow Times")
    assert voice.match_voice(other, starts, ends)[1].tolist()[0] == "none"
    assert_same(other, starts, ends)


def test_headline_surname_cited_far_away():
    # a one-word headline speaker counts only when cited as the surname of a longer name,
    # here in a paragraph without any match (the fast path must still analyse it)
    text = (
        "Tokayev: terrorists trained abroad attacked the city\n\n"
        "Protests spread across the country on Monday.\n\n"
        "The unrest was planned, President Kassym-Jomart Tokayev said.\n\n"
        "Ordinary words here."
    )
    claim = text.index("terrorists")
    starts, ends = [claim, text.index("Protests")], [claim + 10, text.index("Protests") + 8]
    _, r = voice.match_voice(text, starts, ends)
    assert r.tolist() == ["headline_colon", "none"]
    assert_same(text, starts, ends)
    # cited only as a one-word speaker ("Tokayev said"), as a place would be: authorial
    other = text.replace("President Kassym-Jomart Tokayev said", "Tokayev said")
    assert voice.match_voice(other, starts, ends)[1].tolist()[0] == "none"
    assert_same(other, starts, ends)


def test_quotation_attached_to_cue_in_next_paragraph():
    # a quotation whose cue follows it across a paragraph break and far from matches
    text = "“The unrest was planned abroad,”\n\nthe minister said.\n\nLater things calmed."
    starts = [text.index("unrest")]
    ends = [starts[0] + 6]
    assert_same(text, starts, ends)
    # an inverted cue opening the next paragraph attributes a short quotation
    inverted = "“Foreign terrorists”\n\nsaid the minister.\n\nOther news."
    s = inverted.index("terrorists")
    assert voice.match_voice(inverted, [s], [s + 10])[1].tolist() == ["quotation"]
    assert_same(inverted, [s], [s + 10])
    # the sentence of the opening mark starts in a paragraph without a match
    text = "Officials said\nthe “foreign terrorists” were here."
    s = text.index("terrorists")
    sentences = [(0, text.index("terrorists")), (text.index("terrorists"), len(text))]
    _, r = voice.match_voice(text, [s], [s + 10], sentences=sentences)
    assert r.tolist() == ["quotation"]
    assert_same(text, [s], [s + 10], sentences=sentences)
    short = "He spoke of “terrorists”, Tokayev said. Calm."
    s = short.index("terrorists")
    assert_same(short, [s], [s + 10])


def test_match_voice_edge_inputs():
    text = "Mr Blinken said the protests were “violent”."
    empty_v, empty_r = voice.match_voice(text, [], [])
    assert empty_v.shape == (0,) and empty_v.dtype == np.dtype("<U10")
    assert empty_r.dtype == np.dtype("<U15")
    assert_same(text, [0, 5, len(text)], [0, 30, len(text)])
    assert_same(text, [-5, 200], [-1, 300])
    with pytest.raises(ValueError, match="same length"):
        voice.match_voice(text, [1, 2], [3])
    with pytest.raises(ValueError, match="ends before it starts"):
        voice.match_voice(text, [4], [3])
    with pytest.raises(TypeError):
        voice.match_voice(b"bytes", [0], [1])
    with pytest.raises(ValueError, match="sentences"):
        voice.match_voice(text, [0], [1], sentences=[(5, 2)])


def test_match_voice_with_sentences_across_lines():
    text = "He said\nthe “riots” were planned. Then\nthey stopped, officials said."
    starts = [m.start() for m in re.finditer(r"riots|planned|stopped", text)]
    ends = [s + 5 for s in starts]
    assert_same(text, starts, ends, sentences=[(0, 34), (35, len(text))])
    assert_same(text, starts, ends, sentences=[(0, len(text))])
    assert_same(text, starts, ends, sentences=[])


def test_assign_few_matches_assign_voice():
    """The plain-Python labelling of match_voice equals assign_voice."""
    rng = random.Random(5)
    reasons = list(voice.VOICE_REASONS)
    for _ in range(400):
        n = rng.randint(0, 60)
        spans = []
        for _ in range(rng.randint(0, 12)):
            a = rng.randint(0, n)
            b = rng.randint(a, min(n, a + rng.choice([0, 1, 3, 10, 60])))
            reason = rng.choice(reasons)
            cs = rng.randint(max(0, a - 8), max(a, 1))  # often a preposed verb before the span
            spans.append(voice.VoiceSpan(a, b, reason, cs, cs + rng.randint(1, 6)))
        spans.sort(key=lambda s: (s.start, -s.end, s.reason))
        m = rng.randint(0, 15)
        starts = np.asarray([rng.randint(-2, n + 2) for _ in range(m)], dtype=np.int64)
        ends = starts + np.asarray([rng.choice([0, 1, 2, 4, 9]) for _ in range(m)], dtype=np.int64)
        got = voice._assign_few(starts, ends, spans)
        want = voice.assign_voice(starts, ends, spans)
        assert got[0].dtype == want[0].dtype and got[1].dtype == want[1].dtype
        assert got[0].tolist() == want[0].tolist()
        assert got[1].tolist() == want[1].tolist()


def test_find_voice_spans_reuses_only_an_unchanged_analysis(seeds):
    rng = random.Random(21)
    for _ in range(40):
        text = random_document(rng, seeds)
        quotes = voice.find_quotations(text)
        edited = list(quotes)
        if edited and rng.random() < 0.5:
            q = edited.pop(rng.randrange(len(edited)))
            edited.append(dataclasses.replace(q, end=min(len(text), q.end + 30)))
        elif edited:
            edited.pop()
        for given in (quotes, edited):
            voice.find_quotations(text)
            got = voice.find_voice_spans(text, quotations=given)  # may reuse the analysis
            assert span_tuples(got) == span_tuples(fresh_spans(text, quotations=list(given)))
        # other sentences: no reuse
        sents = split_sentences(text)[1:]
        voice.find_quotations(text)
        assert span_tuples(
            voice.find_voice_spans(text, sentences=sents, quotations=quotes)
        ) == span_tuples(fresh_spans(text, sentences=sents, quotations=list(quotes)))


def test_find_voice_spans_after_find_quotations_finds_cues_once(seeds, monkeypatch):
    calls = []
    real = voice._analyse
    monkeypatch.setattr(voice, "_analyse", lambda *a, **k: calls.append(1) or real(*a, **k))
    text = seeds[4]
    quotes = voice.find_quotations(text)
    spans = voice.find_voice_spans(text, quotations=quotes)
    assert len(calls) == 1
    assert span_tuples(spans) == span_tuples(fresh_spans(text))


# ---------------------------------------------------------------------------
# Round 2: verb pre-check and bounded verb searches
# ---------------------------------------------------------------------------

PRECHECK_INSERTS = [
    " the state ", " state ", " said ", " the minister said ", " he said ", " and said ",
    " who said ", " which said ", " also said ", " on Friday said ", " yesterday said ",
    " officials said ", " the spokesman said ", " has said ", " not said ", " were told ",
    " they state ", " member states ", " it reports ", " the reports ", " to say ",
    " Putin said ", " Reuters reported ", " the newspaper reported ", " naïve said ",
    " x said ", " said\u00a0", " said  ", "\tsaid ", "\nsaid ", "  ", " — ", ", ", "“", "”",
    " while adding ", " then adding ", ". ", "\n\n", " ab_c said ", " l'état said ",
    " said to ", " state to ", " said to", " said toward ", " said to-day ", " said tó ",
]


def precheck_document(rng: random.Random, seeds: list[str]) -> str:
    """Seed text cut at random places with verbs after lower-case words of all kinds."""
    seed = rng.choice(seeds)
    a = rng.randrange(len(seed))
    piece = seed[a : a + rng.randint(50, 1500)]
    cut = sorted(rng.sample(range(len(piece) + 1), k=min(len(piece) + 1, rng.randint(1, 12))))
    out, prev = [], 0
    for c in cut:
        out.append(piece[prev:c])
        out.append(rng.choice(PRECHECK_INSERTS) * rng.choice([1, 1, 1, 2]))
        prev = c
    out.append(piece[prev:])
    return "".join(out)


def test_no_subject_only_skips_verbs_without_a_cue(seeds):
    """Whenever the pre-check rules a verb out, the full analysis finds no cue."""
    rng = random.Random(21)
    cues = voice.load_voice_cues()
    checked = skipped = 0
    for i in range(700):
        text = precheck_document(rng, seeds) if i % 2 else random_document(rng, seeds)
        layout = voice._Layout(text, None)
        finder = voice._CueFinder(text, layout, cues)
        kinds = finder.comp.verb_kind
        for m in finder.comp.verb_re.finditer(text):
            verb = " ".join(m.group().split())
            kind = kinds.get(verb)
            if kind is None:
                continue
            s0, s1 = layout.sentence(m.start())
            checked += 1
            if finder._no_cue(m.start(), m.end(), s0, s1):
                skipped += 1
                assert finder._analyse(m.start(), m.end(), verb, kind, s0, s1) is None, (
                    text[max(0, m.start() - 60) : m.end() + 60]
                )
    assert skipped > 200 and checked > skipped  # the test exercises both outcomes


def test_match_voice_on_precheck_documents(seeds, matcher):
    rng = random.Random(22)
    for _ in range(150):
        text = precheck_document(rng, seeds)
        starts, ends = random_matches(rng, text, matcher)
        kwargs = {} if rng.random() < 0.3 else {"sentences": split_sentences(text)}
        assert_same(text, starts, ends, **kwargs)


def test_bounded_verb_search_with_forms_across_range_ends():
    """Ranges ending inside verbs and multi-word forms (with long whitespace runs)."""
    rng = random.Random(5)
    words = ["said", "issued", "a", "statement", "pointed", "out", "refer", "to", "X",
             "saidx", "re-said", ",", ".", "“", "state", "-", "\u00e9"]
    cues = voice.load_voice_cues()
    for _ in range(300):
        text = "".join(
            rng.choice(words) + rng.choice([" ", "  ", "\n", " " * 30, "", "\u2003"])
            for _ in range(rng.randint(1, 40))
        )
        layout = voice._Layout(text, None)
        finder = voice._CueFinder(text, layout, cues)
        whole = [m.span() for m in finder.comp.verb_re.finditer(text)]
        k = min(len(text) + 1, rng.randint(1, 10))
        cuts = sorted(rng.sample(range(len(text) + 1), k=k))
        ranges = voice._merge(list(zip(cuts[::2], cuts[1::2], strict=False)))
        got = [m.span() for m in finder._hits(ranges)]
        assert got == [s for s in whole if any(lo <= s[0] < hi for lo, hi in ranges)]


def _touched_units_reference(unit_starts, unit_ends, starts, ends):
    """The former formulation: bisections per merged cover of the matches."""
    covers = voice._merge([(a, a + max(e - a, 1)) for a, e in zip(starts, ends, strict=True)])
    out = []
    done = 0
    for x, y in covers:
        i = max(bisect.bisect_right(unit_ends, x), done)
        j = bisect.bisect_left(unit_starts, y)
        for k in range(i, j):
            if unit_ends[k] > unit_starts[k]:
                out.append((unit_starts[k], unit_ends[k]))
        done = max(done, j)
    return out


def test_touched_units_match_the_cover_bisections(seeds):
    """The vectorised unit test equals the per-cover bisections and ``_touching``."""
    rng = random.Random(20261122)
    texts = list(seeds)[:40]
    for _ in range(300):
        n = rng.randint(0, 400)
        cuts = sorted(rng.sample(range(n + 1), min(n + 1, 2 * rng.randint(0, 12))))
        # units: sorted, disjoint, some empty
        pairs = list(zip(cuts[::2], cuts[1::2], strict=False))
        unit_starts = [a for a, _ in pairs]
        unit_ends = [b for _, b in pairs]
        m = rng.randint(1, 15)
        starts = [rng.randint(0, n) for _ in range(m)]
        ends = [s + rng.choice([0, 0, 1, 2, rng.randint(0, 60)]) for s in starts]
        lo, hi = voice._covers(np.asarray(starts, np.int64), np.asarray(ends, np.int64))
        got = voice._touched_units(unit_starts, unit_ends, lo, hi)
        assert got == _touched_units_reference(unit_starts, unit_ends, starts, ends)
        touches = voice._touching(lo, hi)
        assert got == [(a, b) for a, b in pairs if b > a and touches(a, b)]
    for text in texts:
        layout = voice._Layout(text, None)
        starts = [rng.randint(0, len(text)) for _ in range(rng.randint(1, 20))]
        ends = [s + rng.randint(0, 30) for s in starts]
        lo, hi = voice._covers(np.asarray(starts, np.int64), np.asarray(ends, np.int64))
        for us, ue in (
            (layout.para_starts, layout.para_ends),
            (layout.sent_starts, layout.sent_ends),
        ):
            assert voice._touched_units(us, ue, lo, hi) == _touched_units_reference(
                us, ue, starts, ends
            )


# Cheap tests first in the new rules (same labels): a paragraph is a question when
# its last "?" ends it, whatever "?" come before; the ", and" + act test reads the
# word before the quotation marks, and an act inside a quotation keeps the span.
# (text, word, voice, reason)
CHEAP_FIRST = [
    (
        "Q: Why now? Will the troops leave?\n\nA: They will. The Kremlin gains.\n\n"
        "Looting followed.",
        "Kremlin",
        "attributed",
        "headline_colon",
    ),
    (
        "Q: Was it a coup? Experts disagree.\n\nA: The Kremlin gains.\n\nLooting followed.",
        "Kremlin",
        "authorial",
        "none",
    ),
    (
        "Tokayev said terrorists had attacked Almaty, and ordered troops to shoot.",
        "troops",
        "authorial",
        "none",
    ),
    (
        "Tokayev said \u201cterrorists attacked, and fled abroad\u201d before the crackdown.",
        "crackdown",
        "attributed",
        "reported_speech",
    ),
    (
        "Tokayev said the terrorists were trained abroad, and added that looting continued.",
        "looting",
        "attributed",
        "reported_speech",
    ),
]


@pytest.mark.parametrize(("text", "word", "label", "reason"), CHEAP_FIRST)
def test_cheap_tests_first_keep_the_labels(text, word, label, reason):
    start = text.index(word)
    got_v, got_r = voice.match_voice(text, [start], [start + len(word)])
    assert (got_v.tolist(), got_r.tolist()) == ([label], [reason])
    assert_same(text, [start], [start + len(word)])

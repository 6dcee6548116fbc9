"""Tests for framing.voice: quotations, attributed regions and voice labels."""

# The test texts are full of quotation marks and apostrophes on purpose.
# ruff: noqa: RUF001, RUF003

from __future__ import annotations

import dataclasses
import warnings
from importlib import resources

import numpy as np
import pandas as pd
import pytest

from framing.segmentation import split_sentences
from framing.voice import (
    VOICE_REASONS,
    Quotation,
    UnbalancedQuotesWarning,
    VoiceCueError,
    VoiceCues,
    VoiceSpan,
    assign_voice,
    find_quotations,
    find_voice_spans,
    load_voice_cues,
)

SEEDS = resources.files("framing") / "datasets" / "data" / "kazakhstan_2022"
SEED_IDS = [
    "000_fa584555f2145362",
    "001_d7fcb602a5d755b1",
    "002_7d6718613a425cdc",
    "003_c9329d73a2008fbe",
    "004_c02b394d286b7c9f",
]


def seed(doc_id: str) -> str:
    return (SEEDS / "texts" / f"{doc_id}.txt").read_text("utf-8")


def at(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the nth occurrence of ``phrase`` in ``text`` (fails if absent)."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def voice_of(text: str, phrases: list[str], **kwargs) -> list[tuple[str, str]]:
    """(voice, reason) of each phrase, located in ``text`` and labelled by the pipeline."""
    offsets = [at(text, p) for p in phrases]
    voice, reason = assign_voice(
        [s for s, _ in offsets], [e for _, e in offsets], find_voice_spans(text, **kwargs)
    )
    return list(zip(voice.tolist(), reason.tolist(), strict=True))


def quoted(text: str, **kwargs) -> list[tuple[str, str]]:
    """(quoted text with marks, kind) of every quotation."""
    return [(text[q.start : q.end], q.kind) for q in find_quotations(text, **kwargs)]


# ---------------------------------------------------------------------------
# Quotation marks
# ---------------------------------------------------------------------------

QUOTE_STYLES = [
    (
        "curly double",
        "He said: “We will not allow a coup here.”",
        "“We will not allow a coup here.”",
    ),
    (
        "curly single",
        "He said: ‘We will not allow a coup here.’",
        "‘We will not allow a coup here.’",
    ),
    (
        "straight double",
        'He said: "We will not allow a coup here."',
        '"We will not allow a coup here."',
    ),
    (
        "straight single",
        "He said: 'We will not allow a coup here.'",
        "'We will not allow a coup here.'",
    ),
    ("guillemets", "He said: «We will not allow a coup here.»", "«We will not allow a coup here.»"),
    (
        "reversed guillemets",
        "He said: »We will not allow a coup here.«",
        "»We will not allow a coup here.«",
    ),
    (
        "low-9 German",
        "Er sagte: „Wir werden keinen Putsch zulassen.“",
        "„Wir werden keinen Putsch zulassen.“",
    ),
    (
        "low-9 Polish",
        "Powiedział: „Nie pozwolimy na zamach stanu.”",
        "„Nie pozwolimy na zamach stanu.”",
    ),
    (
        "single guillemets",
        "He said: ‹We will not allow a coup here.›",
        "‹We will not allow a coup here.›",
    ),
    (
        "misused opening glyph as closer",
        "“He chose Russia and the Russian world “, states X",
        "“He chose Russia and the Russian world “",
    ),
    (
        "closer glued to next word",
        "called them “International terrorist gangs”that fled",
        "“International terrorist gangs”",
    ),
    (
        "no space after colon",
        "He said:“We will not allow a coup here.”",
        "“We will not allow a coup here.”",
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "expected"), QUOTE_STYLES, ids=[c[0] for c in QUOTE_STYLES]
)
def test_quote_styles(name: str, text: str, expected: str) -> None:
    quotes = find_quotations(text)
    assert [text[q.start : q.end] for q in quotes] == [expected]
    q = quotes[0]
    assert q.closed
    assert q.open_mark == expected[0] and q.close_mark == expected[-1]
    assert text[q.content_start : q.content_end] == expected[1:-1]


APOSTROPHES = [
    ("possessive curly", "Kazakhstan’s largest city, Almaty, and the city’s airport.", []),
    ("contraction curly", "It’s sometimes very difficult, and they’re leaving.", []),
    ("contraction straight", "It's clear that they don't know.", []),
    ("plural possessive", "The protesters’ demands and the officers’ orders.", []),
    ("elision", "The rock ’n’ roll band played ’90s hits.", []),
    ("straight elision", "They played '90s hits all night.", []),
    (
        "apostrophes around a scare quote",
        "Kazakhstan’s so-called ‘black-zones’ are the city’s worry.",
        [("‘black-zones’", "scare")],
    ),
    (
        "possessive inside a quotation",
        "He said: ‘Russia’s troops will leave.’",
        [("‘Russia’s troops will leave.’", "direct")],
    ),
    (
        "possessive plural inside a quotation",
        "“The protesters’ rights matter,” he said.",
        [("“The protesters’ rights matter,”", "direct")],
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), APOSTROPHES, ids=[c[0] for c in APOSTROPHES])
def test_apostrophes_are_not_quotation_marks(name: str, text: str, expected: list) -> None:
    assert quoted(text) == expected


MULTI_PARAGRAPH = [
    # (name, text, [(quoted text, closed)])
    (
        "continuation paragraph re-opens",
        "He said: “First part of the quote.\n\n“Second part of the quote.”\n\nAuthor again.",
        [("“First part of the quote.\n\n“Second part of the quote.”", True)],
    ),
    (
        "three paragraphs",
        "“One.\n“Two.\n“Three.” Done.",
        [("“One.\n“Two.\n“Three.”", True)],
    ),
    (
        "unclosed, next paragraph does not re-open",
        "He called for a “coordinated response to the buildup.\nCiting allies, he left.",
        [("“coordinated response to the buildup.", False)],
    ),
    (
        "unclosed at the document end",
        "He said: “It has become clear that the goal is to seize power.",
        [("“It has become clear that the goal is to seize power.", False)],
    ),
    (
        "stray closer in the next paragraph ends the quotation",
        "“Violent riots turned into massacres.\n\n"
        "Tokayev admitted it. Never before, ”\n\n– notes X",
        [("“Violent riots turned into massacres.\n\nTokayev admitted it. Never before, ”", True)],
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "expected"), MULTI_PARAGRAPH, ids=[c[0] for c in MULTI_PARAGRAPH]
)
def test_multi_paragraph_quotations(name: str, text: str, expected: list) -> None:
    quotes = find_quotations(text)
    assert [(text[q.start : q.end], q.closed) for q in quotes] == expected
    for q in quotes:
        assert q.kind == "direct"
        if not q.closed:
            assert q.close_mark is None and q.end == q.content_end


def test_stray_closer_without_opener_infers_the_opening() -> None:
    text = "Terrorists attacked the country,” Tokayev said. Troops arrived."
    (q,) = find_quotations(text)
    assert text[q.start : q.end] == "Terrorists attacked the country,”"
    assert q.open_mark is None and q.closed and q.close_mark == "”"
    assert q.speaker == "Tokayev" and q.cue == "said"
    assert voice_of(text, ["Terrorists", "Troops"]) == [
        ("attributed", "quotation"),
        ("authorial", "none"),
    ]


def test_stray_closer_starts_after_previous_quotation() -> None:
    text = "“First,” he said. Second part of it,” he added."
    quotes = find_quotations(text)
    assert [text[q.start : q.end] for q in quotes] == ["“First,”", "Second part of it,”"]
    assert quotes[1].open_mark is None


def test_inch_mark_is_not_a_quotation() -> None:
    assert find_quotations('The screen was 12" wide and the crowd large.') == []


NESTED = [
    (
        "single inside double",
        "He said: “This ‘peace mission’ is a fraud.”",
        [("“This ‘peace mission’ is a fraud.”", "direct"), ("‘peace mission’", "scare")],
    ),
    (
        "double inside double",
        "“He ordered officers to “shoot to kill” the rebels,” the outlet wrote.",
        [
            ("“He ordered officers to “shoot to kill” the rebels,”", "direct"),
            ("“shoot to kill”", "scare"),
        ],
    ),
    (
        "double inside single",
        "He said: ‘This “peace mission” is a fraud.’",
        [("‘This “peace mission” is a fraud.’", "direct"), ("“peace mission”", "scare")],
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), NESTED, ids=[c[0] for c in NESTED])
def test_nested_quotations(name: str, text: str, expected: list) -> None:
    assert quoted(text) == expected


SCARE_VS_DIRECT = [
    ("short, no cue", "Russian paratroopers, or “peacekeeping forces” arrived.", "scare"),
    ("single word", "The “terrorists” were students.", "scare"),
    ("four words", "The “foreign trained armed gangs” were students.", "scare"),
    ("five words", "The “foreign trained and armed gangs” were students.", "direct"),
    ("sentence-final punctuation", "He added: “We won.” Then he left.", "direct"),
    ("question", "The sign read “Who is next?” in red.", "direct"),
    ("cue before", "The Interior Ministry says 26 “armed criminals” died.", "direct"),
    (
        "cue within six words of the complement",
        'Tokayev said his country had experienced an "attempted coup".',
        "direct",
    ),
    (
        "cue too far before",
        "Nilsson highlighted that the countries grouped under the term of ‘the West’ should act.",
        "scare",
    ),
    ("cue after", "“Armed criminals,” the ministry said.", "direct"),
    ("what he called", "He blamed what he called foreign “terrorists” for it.", "direct"),
    (
        "so-called wins over a cue",
        'Russia accused the West of fomenting so-called "color revolutions".',
        "scare",
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "kind"), SCARE_VS_DIRECT, ids=[c[0] for c in SCARE_VS_DIRECT]
)
def test_scare_quotes_vs_quotations(name: str, text: str, kind: str) -> None:
    quotes = find_quotations(text)
    assert len(quotes) == 1
    assert quotes[0].kind == kind
    if kind == "scare":
        assert quotes[0].speaker is None and quotes[0].cue is None


ATTRIBUTION = [
    # (text, cue, speaker)
    ("“We will win,” Mr Blinken said.", "said", "Mr Blinken"),
    ("“We will win,” said Mr Blinken.", "said", "Mr Blinken"),
    ("He said: “We will win.”", "said", "He"),
    ("“We will win,” the ministry said on Thursday.", "said", "the ministry"),
    (
        "“We will win,” State Department spokesperson Ned Price said.",
        "said",
        "State Department spokesperson Ned Price",
    ),
    (
        "“We will win,” Georgi Asatryan, an expert at the Council, told Newsweek.",
        "told",
        "Georgi Asatryan",
    ),
    ("Putin used the unrest, telling a CSTO conference: “We will win.”", "telling", "Putin"),
    (
        'Antonov informed Newsweek that "there is concern over radical ideology."',
        "informed",
        "Antonov",
    ),
    (
        "China’s foreign ministry said: “We support the deployment.”",
        "said",
        "China’s foreign ministry",
    ),
]


@pytest.mark.parametrize(("text", "cue", "speaker"), ATTRIBUTION)
def test_quotation_cue_and_raw_speaker(text: str, cue: str, speaker: str) -> None:
    (q,) = find_quotations(text)
    assert q.kind == "direct"
    assert (q.cue, q.speaker) == (cue, speaker)
    assert text[q.cue_start : q.cue_end] == cue
    assert text[q.speaker_start : q.speaker_end] == speaker


def test_next_quotation_in_paragraph_inherits_the_speaker() -> None:
    text = '"NATO\'s growth is against the principle," Antonov said. "The bloc is a relic."'
    first, second = find_quotations(text)
    assert first.speaker == second.speaker == "Antonov"


def test_unbalanced_marks_warn_on_request_only() -> None:
    text = "He called for a “coordinated response.\nCiting allies, he left ” now."
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        find_quotations(text)  # default: flagged in the result, no warning
        find_voice_spans(text)
    with pytest.warns(UnbalancedQuotesWarning, match="did not pair up"):
        find_quotations(text, unbalanced="warn")
    with pytest.warns(UnbalancedQuotesWarning):
        find_voice_spans(text, unbalanced="warn")


# ---------------------------------------------------------------------------
# Attributed regions: one table per rule
# ---------------------------------------------------------------------------

# (text, attributed phrases, expected reason, authorial phrases)
REPORTED_SPEECH = [
    ("Mr Blinken said the protests were a coup attempt.", ["coup attempt"], []),
    ("Mr Blinken said that the protests were a coup attempt.", ["coup attempt"], []),
    (
        "Dozens have been killed in protests, but Mr Blinken said the protests can be handled.",
        ["handled"],
        ["killed", "protests"],
    ),
    ("He told reporters that terrorists were involved.", ["terrorists"], []),
    (
        "The Kazakh president said last week that he had authorised forces to shoot to kill.",
        ["shoot to kill"],
        [],
    ),
    (
        "Putin has additionally accused Washington of stirring up colour revolutions.",
        ["colour revolutions"],
        ["Washington"],
    ),
    (
        "Both Russia and Kazakhstan described the unrest as a foreign-backed riot, "
        "although calm returned.",
        ["foreign-backed riot"],
        ["unrest", "calm returned"],
    ),
    ("Tokayev called the protesters terrorists and bandits.", ["bandits"], []),
    ("Putin has argued that NATO expansion is a threat.", ["NATO expansion"], []),
    ("Analysts warned that a crackdown was coming.", ["crackdown"], []),
    ("The ministry claimed armed criminals had attacked.", ["armed criminals"], []),
    ("The government has since said that fuel price caps will be restored.", ["price caps"], []),
    ("The Interior Ministry says 26 armed criminals have been killed.", ["armed criminals"], []),
    ("Officials in Moscow have emphasised that the deployment is temporary.", ["temporary"], []),
    (
        "Dr Rasmus Nilsson, lecturer at University College London, told that "
        "human rights are threatened.",
        ["human rights"],
        [],
    ),
    (
        "Kazakhstan's president has said he ordered troops to “fire without warning” at crowds.",
        ["ordered troops", "crowds"],
        [],
    ),
    ("Many people told the BBC they were angry at inequality.", ["angry at inequality"], ["BBC"]),
    # machine-paraphrased ("spun") copy
    (
        "The envoy has blamed Washington, the place he mentioned Moscow has sought stability.",
        ["sought stability"],
        [],
    ),
    (
        "Russian ambassador Anatoly Antonov informed Newsweek that radical ideology is spreading.",
        ["radical ideology"],
        [],
    ),
    (
        "On Friday, Tokayev introduced he had ordered his forces to shoot to kill.",
        ["shoot to kill"],
        [],
    ),
    ("The ministry stated that terrorists were trained abroad.", ["trained abroad"], []),
    # postposed and parenthetical
    ("Terrorists attacked the airport, the president said.", ["Terrorists"], []),
    ("Terrorists attacked the airport, the president said on Friday.", ["Terrorists"], []),
    (
        "These consequences, he added, could include the suspension of Kazakhstan.",
        ["consequences", "suspension"],
        [],
    ),
    # participle and coordinated verb take the subject of the sentence
    ("Putin said the alliance had worked, adding that terrorists were beaten.", ["terrorists"], []),
    (
        "Putin declared victory, and promised leaders that the alliance would protect them.",
        ["protect them"],
        ["declared victory"],
    ),
    # relative clause: scope ends with the clause
    (
        "The ministry, which said terrorists attacked, was silent about casualties.",
        ["terrorists"],
        ["casualties"],
    ),
]


@pytest.mark.parametrize(("text", "attributed", "authorial"), REPORTED_SPEECH)
def test_reported_speech(text: str, attributed: list[str], authorial: list[str]) -> None:
    labels = voice_of(text, attributed + authorial)
    assert labels[: len(attributed)] == [("attributed", "reported_speech")] * len(attributed)
    assert labels[len(attributed) :] == [("authorial", "none")] * len(authorial)


NOT_REPORTED_SPEECH = [
    "Boris and Biden told to act NOW as Putin flexes war muscles",
    "It is said that terrorists were involved.",
    "Dozens of people are believed to have been killed in protests.",
    "He did not say that terrorists were involved.",
    "The US has called for calm in Kazakhstan.",
    "The US called on the government to respect human rights.",
    "The protests continued: thousands marched against fuel prices.",
    "The protests in Kazakhstan continued: thousands marched.",
    "NATO has a collective security agreement that claims any aggression is an attack.",
    "Police are searching cars after reports of looters.",
    "The CSTO includes several member states of the former Soviet Union.",
    "On Thursday, local media published videos showing troops opening fire on protesters.",
    "Analysts warned of a crackdown.",
    "Russia added troops to the border.",
    "The so-called experts were wrong.",  # so_called, not reported speech
]


@pytest.mark.parametrize("text", NOT_REPORTED_SPEECH)
def test_not_reported_speech(text: str) -> None:
    spans = find_voice_spans(text)
    assert [s for s in spans if s.reason in ("reported_speech", "retelling")] == []


# Speech acts with a noun-phrase object ([stance_verbs]): the object is attributed up to
# the clause end; with "that" they behave as weak verbs.
STANCE_VERBS = [
    # (text, attributed phrases, authorial phrases)
    (
        "The minister questioned the legality of the foreign deployment, and troops left.",
        ["legality", "foreign deployment"],
        ["troops left"],
    ),
    (
        "Officials have condemned the violent crackdown on protesters; the city was quiet.",
        ["violent crackdown"],
        ["city was quiet"],
    ),
    ("The ambassador reiterated full support for the peacekeeping mission.", ["full support"], []),
    ("The Kremlin warned against foreign meddling in the region.", ["foreign meddling"], []),
    ("Mr Smith urged restraint by the security forces.", ["restraint"], []),
    ("The opposition rejected the emergency decree.", ["emergency decree"], []),
    ("The ministry issued a statement backing the peacekeeping mission.", ["backing"], []),
    ("Unrest: Senator Lee questions troop deployment", ["troop deployment"], []),
    ("The president declared that the uprising was over.", ["uprising was over"], []),
    # a declaration asserting something or naming someone is speech
    ("The president declared the protesters terrorists.", ["terrorists"], []),
    ("Tokayev declared victory over the foreign terrorists.", ["foreign terrorists"], []),
    # "questioned" with a non-person object is a challenge
    ("Critics questioned the treatment of detained protesters.", ["treatment"], []),
    # a participle after a comma takes the subject of the sentence
    ("The envoy spoke on Monday, praising the swift deployment.", ["swift deployment"], []),
]


@pytest.mark.parametrize(("text", "attributed", "authorial"), STANCE_VERBS)
def test_stance_verbs_with_an_object(
    text: str, attributed: list[str], authorial: list[str]
) -> None:
    labels = voice_of(text, attributed + authorial)
    assert labels[: len(attributed)] == [("attributed", "reported_speech")] * len(attributed)
    assert labels[len(attributed) :] == [("authorial", "none")] * len(authorial)


NOT_STANCE_VERBS = [
    "Blinken’s questions about the deployment went unanswered.",  # a possessive: a noun
    "The minister's demands were ignored.",
    "Protesters' demands included lower fuel prices.",
    "The demands of the protesters were ignored.",
    "The US has neither welcomed nor condemned the intervention.",
    "The minister did not question the deployment.",
    "Troops were urged to leave.",
    "The ministry issued new passports.",
    # interrogation, not a speech act
    "Police questioned 500 people over the looting.",
    "Authorities questioned dozens of suspects about the looting.",
    "Investigators questioned him about the attack.",
    # a declaration creating a measure is the act itself ([declared_acts])
    "The president declared a state of emergency after protesters stormed the building.",
    "The government declared a curfew in Almaty as looting spread.",
    "Tokayev declared two days of mourning for the victims.",
]


@pytest.mark.parametrize("text", NOT_STANCE_VERBS)
def test_not_stance_verbs(text: str) -> None:
    spans = find_voice_spans(text)
    assert [s for s in spans if s.reason in ("reported_speech", "retelling")] == []


@pytest.mark.parametrize(
    ("text", "phrase", "attributed"),
    [
        # the match holding the reporting verb is the outlet's account of the act
        ("Putin declared victory over the rebels.", "declared victory", []),
        ("The minister condemned terror attacks on police.", "condemned terror", ["attacks"]),
    ],
)
def test_match_holding_the_reporting_verb_is_authorial(
    text: str, phrase: str, attributed: list[str]
) -> None:
    assert voice_of(text, [phrase]) == [("authorial", "none")]
    assert voice_of(text, attributed) == [("attributed", "reported_speech")] * len(attributed)


# "that" after a speech verb opens the complement only if no bare complement has started.
THAT_SCAN = [
    # (text, attributed phrases, authorial phrases)
    (
        "Russia said it supported the deployment and that it was lawful.",
        ["supported the deployment", "lawful"],
        [],
    ),
    (
        "The minister said troops would stay but that talks would go on.",
        ["troops would stay", "talks"],
        [],
    ),
    ("The envoy claimed they wanted stability, that nothing else mattered.", ["stability"], []),
    # time words before "that" are not a complement
    ("Officials said on Friday that the troops would stay.", ["troops would stay"], ["Friday"]),
    ("Putin said last week that troops would stay.", ["troops would stay"], ["last week"]),
]


@pytest.mark.parametrize(("text", "attributed", "authorial"), THAT_SCAN)
def test_that_after_a_bare_complement(
    text: str, attributed: list[str], authorial: list[str]
) -> None:
    labels = voice_of(text, attributed + authorial)
    assert labels[: len(attributed)] == [("attributed", "reported_speech")] * len(attributed)
    assert labels[len(attributed) :] == [("authorial", "none")] * len(authorial)


# The subject before an appositive that holds a relative clause with commas of its own.
APPOSITIVE_SPEAKERS = [
    (
        "President Anna Berg, who a year ago was a junior aide to the chairman of the "
        "National Security Council, Ivan Petrov, admitted that she ordered the raids.",
        "President Anna Berg",
    ),
    (
        "The ministry, which until last month was run by the head of the State Audit "
        "Committee, Olga Ivanova, said that troops would stay.",
        "The ministry",
    ),
    (
        "Dr Jane Miller, a historian at the University of Leeds, said the revolt was over.",
        "Dr Jane Miller",
    ),
    (
        "Mr Ole Lund, whose party won the vote, told reporters that the talks had failed.",
        "Mr Ole Lund",
    ),
]


@pytest.mark.parametrize(("text", "speaker"), APPOSITIVE_SPEAKERS)
def test_speaker_before_a_long_appositive(text: str, speaker: str) -> None:
    spans = [s for s in find_voice_spans(text) if s.reason == "reported_speech"]
    assert [s.speaker for s in spans] == [speaker]


RULES = [
    # (name, text, attributed phrases, reason, authorial phrases)
    (
        "according to, initial",
        "According to the interior ministry, 26 armed criminals were killed.",
        ["armed criminals"],
        "according_to",
        [],
    ),
    (
        "according to, final",
        "Twenty-six armed criminals were killed, according to officials.",
        ["armed criminals"],
        "according_to",
        [],
    ),
    (
        "so-called phrase",
        "The so-called peacekeeping mission arrived in Almaty.",
        ["peacekeeping mission"],
        "so_called",
        ["Almaty"],
    ),
    (
        "so-called hyphen variants",
        "The so called peacekeepers and the so‑called rebels arrived.",
        ["peacekeepers", "rebels"],
        "so_called",
        ["arrived"],
    ),
    (
        "what he called",
        "Tokayev blamed what he called foreign terrorists for the unrest.",
        ["foreign terrorists"],
        "what_called",
        [],
    ),
    (
        "what he described as",
        "Putin declared victory over what he described as a foreign-backed "
        "terrorist uprising, and left.",
        ["terrorist uprising"],
        "what_called",
        ["declared victory", "left"],
    ),
    (
        "what officials termed",
        "Despite what Kazakh officials termed an anti-terror operation, looting went on.",
        ["anti-terror operation"],
        "what_called",
        ["looting"],
    ),
    (
        "what is called (no speaker)",
        "They joined what is called a peacekeeping force by Moscow.",
        ["peacekeeping force"],
        "what_called",
        [],
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "attributed", "reason", "authorial"), RULES, ids=[c[0] for c in RULES]
)
def test_phrase_rules(name: str, text: str, attributed: list, reason: str, authorial: list) -> None:
    labels = voice_of(text, attributed + authorial)
    assert labels[: len(attributed)] == [("attributed", reason)] * len(attributed)
    assert labels[len(attributed) :] == [("authorial", "none")] * len(authorial)


def test_so_called_takes_the_following_quotation() -> None:
    text = 'Russia accused the West of fomenting so-called "color revolutions" - uprisings.'
    spans = [s for s in find_voice_spans(text) if s.reason == "so_called"]
    assert [text[s.start : s.end].strip() for s in spans] == ['"color revolutions"']
    assert text[spans[0].cue_start : spans[0].cue_end] == "so-called"


@pytest.mark.parametrize(
    "text", ["Troops were deployed according to the plan.", "It was done according to Article 4."]
)
def test_according_to_non_sources(text: str) -> None:
    assert [s for s in find_voice_spans(text) if s.reason == "according_to"] == []


RETELLING = [
    # (text, attributed phrases, authorial phrases)
    (
        "The publication assures that demonstrators took to the streets over prices. "
        "The protests were peaceful.\n\nTroops arrived later.",
        ["demonstrators", "protests were peaceful"],
        ["Troops arrived"],
    ),
    (
        "The publication emphasizes that Putin was lucky. "
        "And now Russia will have a military base.",
        ["lucky", "military base"],
        [],
    ),
    (
        "But how good everything was, the Internet publication complains, ties were close. "
        "Now the protests have strengthened relations.",
        ["good everything", "ties were close", "protests have strengthened"],
        [],
    ),
    (
        "The alliance remained on paper. "
        "Then troops arrived to restore order, writes Daily beast\n\n"
        "Prices rose.",
        ["remained on paper", "restore order"],
        ["Prices rose"],
    ),
    (
        "“This is a signal to Washington: Putin has his own NATO.”\n\n– notes Daily beast\n\n"
        "Prices rose.",
        ["signal to Washington"],
        ["Prices rose"],
    ),
    (
        "Putin sent paratroopers to defend facilities.\n\n– notes Daily beast",
        ["sent paratroopers"],
        [],
    ),
    (
        "Protesters were killed, the newspaper reported.",
        ["Protesters were killed"],
        [],
    ),
]


@pytest.mark.parametrize(("text", "attributed", "authorial"), RETELLING)
def test_retelling(text: str, attributed: list[str], authorial: list[str]) -> None:
    labels = voice_of(text, attributed + authorial)
    assert [v for v, _ in labels[: len(attributed)]] == ["attributed"] * len(attributed)
    assert labels[len(attributed) :] == [("authorial", "none")] * len(authorial)
    # each attributed phrase lies in a retelling span (possibly inside a quotation too)
    retellings = [s for s in find_voice_spans(text) if s.reason == "retelling"]
    for phrase in attributed:
        s, e = at(text, phrase)
        assert any(r.start <= s and e <= r.end for r in retellings), phrase


@pytest.mark.parametrize(
    "text",
    [
        "Putin declared victory in Kazakhstan, reports Reuters.",
        "Putin declared victory in Kazakhstan, Reuters reported.",
        "Putin declared victory in Kazakhstan.\n\n– AFP",
        "Putin declared victory in Kazakhstan.\n\n– reports TASS",
    ],
)
def test_wire_credits_make_no_span(text: str) -> None:
    assert voice_of(text, ["declared victory"]) == [("authorial", "none")]


HEADLINES = [
    (
        "cited elsewhere",
        "The Daily Beast: Kazakhstan has chosen Russia\n\nIt is so, writes Daily beast",
        "Kazakhstan has chosen Russia",
        "attributed",
    ),
    (
        "not cited elsewhere",
        "Long Covid: The supplement that could help clear symptoms\n\nMore text here.",
        "The supplement",
        "authorial",
    ),
    ("a topic", "Kazakhstan: The basics\n\nKazakhstan borders Russia.", "The basics", "authorial"),
    (
        "lower-case topic",
        # (not "Blinken questions ...": a speech act with an object is reported speech)
        "Kazakhstan unrest: Blinken visits Russian troop deployment\n\nBlinken said so.",
        "Russian troop deployment",
        "authorial",
    ),
    (
        "surname cited as a longer name",
        "Tokayev: terrorists attacked the city\n\nPresident Kassym-Jomart Tokayev said so.",
        "terrorists attacked",
        "attributed",
    ),
    (
        "one word cited alone (a place)",
        "Kazakhstan: protests spread to Almaty\n\nKazakhstan said so.",
        "protests spread",
        "authorial",
    ),
    ("official role", "Kazakh president: terrorists attacked the city", "terrorists", "attributed"),
    (
        "label",
        "Analysis: terrorists attacked the city\n\nAnalysts said so.",
        "terrorists",
        "authorial",
    ),
    (
        "all-caps label",
        "READ MORE: Police raids after doctor hands out fake certificates\n\nPolice said so.",
        "Police raids",
        "authorial",
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "phrase", "voice"), HEADLINES, ids=[c[0] for c in HEADLINES]
)
def test_headline_colon(name: str, text: str, phrase: str, voice: str) -> None:
    (label,) = voice_of(text, [phrase])
    assert label[0] == voice
    if voice == "attributed":
        assert label[1] == "headline_colon"


def test_rules_option_selects_rules() -> None:
    text = "Mr Blinken said the “terrorists” were a pretext, according to officials."
    all_reasons = {s.reason for s in find_voice_spans(text)}
    assert all_reasons == {"reported_speech", "quotation", "according_to"}
    only = find_voice_spans(text, rules=["according_to"])
    assert {s.reason for s in only} == {"according_to"}


# ---------------------------------------------------------------------------
# assign_voice
# ---------------------------------------------------------------------------


def span(start: int, end: int, reason: str) -> VoiceSpan:
    return VoiceSpan(start, end, reason, start, start + 1)


ASSIGN = [
    # (spans, starts, ends, voice, reason)
    ([], [0, 5], [3, 9], ["authorial", "authorial"], ["none", "none"]),
    (
        [span(10, 20, "quotation")],
        [0, 10, 19, 20],
        [5, 12, 25, 24],
        ["authorial", "attributed", "attributed", "authorial"],
        ["none", "quotation", "quotation", "none"],
    ),
    # innermost (shortest) span wins, whichever order the spans come in
    (
        [span(0, 100, "reported_speech"), span(40, 50, "scare_quote")],
        [42, 10],
        [45, 15],
        ["attributed", "attributed"],
        ["scare_quote", "reported_speech"],
    ),
    (
        [span(40, 50, "scare_quote"), span(0, 100, "reported_speech")],
        [42, 10],
        [45, 15],
        ["attributed", "attributed"],
        ["scare_quote", "reported_speech"],
    ),
    # a match overlapping two spans takes the shorter one; equal lengths: the first to start
    (
        [span(0, 10, "so_called"), span(8, 30, "quotation")],
        [6],
        [12],
        ["attributed"],
        ["so_called"],
    ),
    ([span(5, 10, "so_called"), span(0, 5, "quotation")], [3], [7], ["attributed"], ["quotation"]),
    # partial overlap counts (“terrorists” inside the match "foreign “terrorists”")
    ([span(8, 20, "scare_quote")], [0], [9], ["attributed"], ["scare_quote"]),
    # zero-length spans are ignored; zero-length matches are points
    ([span(5, 5, "quotation")], [5], [6], ["authorial"], ["none"]),
    ([span(5, 9, "quotation")], [6], [6], ["attributed"], ["quotation"]),
]


@pytest.mark.parametrize(("spans", "starts", "ends", "voice", "reason"), ASSIGN)
def test_assign_voice(spans, starts, ends, voice, reason) -> None:
    v, r = assign_voice(np.array(starts), np.array(ends), spans)
    assert v.tolist() == voice
    assert r.tolist() == reason


def test_assign_voice_many_nested_spans_is_exact() -> None:
    # 20,000 nested spans: each match sits in exactly the spans that start before it
    n = 20_000
    spans = [span(i, 2 * n - i, "reported_speech" if i % 2 else "quotation") for i in range(n)]
    starts = np.arange(0, n, 7)
    v, r = assign_voice(starts, starts + 1, spans)
    assert (v == "attributed").all()
    # innermost span for a match at position p is the one starting at p
    expected = np.where(starts % 2 == 1, "reported_speech", "quotation")
    assert (r == expected).all()


@pytest.mark.parametrize(
    ("starts", "ends", "match"),
    [([0, 1], [1], "same length"), ([5], [3], "ends before it starts")],
)
def test_assign_voice_rejects_bad_offsets(starts, ends, match) -> None:
    with pytest.raises(ValueError, match=match):
        assign_voice(starts, ends, [])


# ---------------------------------------------------------------------------
# The seeds: tricky cases through real offsets
# ---------------------------------------------------------------------------

SEED_CASES = [
    # (doc, phrase, nth occurrence, voice, reason)
    (
        "004_c02b394d286b7c9f",
        "terrorists",
        0,
        "attributed",
        "quotation",
    ),  # what he called foreign “terrorists”
    (
        "004_c02b394d286b7c9f",
        "Dozens of people have been killed in protests",
        0,
        "authorial",
        "none",
    ),
    ("004_c02b394d286b7c9f", "deal with the protests itself", 0, "attributed", "reported_speech"),
    ("004_c02b394d286b7c9f", "armed criminals", 0, "attributed", "quotation"),
    ("004_c02b394d286b7c9f", "fuel price caps", 0, "attributed", "reported_speech"),
    ("004_c02b394d286b7c9f", "opening fire on protesters", 0, "authorial", "none"),
    ("000_fa584555f2145362", "peacekeeping forces", 0, "attributed", "scare_quote"),
    ("000_fa584555f2145362", "civilian and police casualties", 0, "authorial", "none"),
    ("000_fa584555f2145362", "attempted coup d’etat", 0, "attributed", "quotation"),
    ("000_fa584555f2145362", "over 8,000 people were arrested", 0, "authorial", "none"),
    (
        "000_fa584555f2145362",
        "the West",
        0,
        "attributed",
        "reported_speech",
    ),  # Nilsson highlighted that ...
    ("000_fa584555f2145362", "shoot to kill", 0, "attributed", "reported_speech"),
    (
        "000_fa584555f2145362",
        "flexes war muscles",
        0,
        "authorial",
        "none",
    ),  # "told to act" is no cue
    ("001_d7fcb602a5d755b1", "radical non secular ideology", 0, "attributed", "quotation"),
    ("001_d7fcb602a5d755b1", "terrorist gangs", 0, "attributed", "quotation"),
    ("001_d7fcb602a5d755b1", "anti-terror operation", 0, "attributed", "quotation"),
    ("001_d7fcb602a5d755b1", "accumulating forces", 0, "attributed", "reported_speech"),
    ("001_d7fcb602a5d755b1", "Russia's border with Ukraine", 0, "authorial", "none"),
    ("001_d7fcb602a5d755b1", "that claims any aggression", 0, "authorial", "none"),
    ("001_d7fcb602a5d755b1", "coordinated response", 0, "attributed", "quotation"),  # unclosed
    ("002_7d6718613a425cdc", "massacres", 0, "attributed", "quotation"),
    ("002_7d6718613a425cdc", "shoot to kill", 0, "attributed", "scare_quote"),  # nested
    # in the quotation ended by a stray closer, and (innermost) the "– according to" credit line
    ("002_7d6718613a425cdc", "such a thing", 0, "attributed", "according_to"),
    ("002_7d6718613a425cdc", "Kazakhstan has chosen Russia", 0, "attributed", "headline_colon"),
    ("002_7d6718613a425cdc", "took to the streets", 0, "attributed", "retelling"),
    ("002_7d6718613a425cdc", "military base", 0, "attributed", "retelling"),
    ("002_7d6718613a425cdc", "strengthened relations", 0, "attributed", "retelling"),
    ("002_7d6718613a425cdc", "he chose Russia", 0, "attributed", "quotation"),
    ("003_c9329d73a2008fbe", "declared victory", 1, "authorial", "none"),  # ", reports Reuters"
    ("003_c9329d73a2008fbe", "foreign-backed terrorist uprising", 0, "attributed", "what_called"),
    ("003_c9329d73a2008fbe", "foreign-backed riot", 0, "attributed", "reported_speech"),
    ("003_c9329d73a2008fbe", "color revolutions", 0, "attributed", "scare_quote"),
    ("003_c9329d73a2008fbe", "are believed to have been killed", 0, "authorial", "none"),
]


@pytest.mark.parametrize(("doc", "phrase", "nth", "voice", "reason"), SEED_CASES)
def test_seed_cases(doc: str, phrase: str, nth: int, voice: str, reason: str) -> None:
    text = seed(doc)
    s, e = at(text, phrase, nth)
    v, r = assign_voice([s], [e], find_voice_spans(text))
    assert (v[0], r[0]) == (voice, reason)


def test_seed_multi_paragraph_and_unclosed_quotations() -> None:
    text = seed("001_d7fcb602a5d755b1")
    quotes = {text[q.start : q.start + 20]: q for q in find_quotations(text)}
    ready = quotes['"ready to reply forc']
    assert ready.closed and text[ready.end - 8 : ready.end] == 'Europe,"'
    assert "\n" in text[ready.start : ready.end]  # continued into the next paragraph
    coordinated = quotes['"coordinated respons']
    assert not coordinated.closed and text[coordinated.end - 1] == "."
    assert text[coordinated.end] == "\n"  # ends at its paragraph end


def test_seed_stray_closer_extends_quotation() -> None:
    text = seed("002_7d6718613a425cdc")
    first = find_quotations(text)[0]
    assert text[first.start : first.start + 15] == "“Violent riots "
    assert text[first.end - 10 : first.end] == "a thing, ”"
    assert first.closed and first.close_mark == "”" and first.kind == "direct"
    # the paragraph between opener and closer did not re-open the quotation
    assert text.count("\n", first.start, first.end) >= 2


@pytest.fixture(scope="module")
def seed_quotations() -> dict[str, list[Quotation]]:
    return {doc: find_quotations(seed(doc)) for doc in SEED_IDS}


def test_seed_quotations_cover_every_unit_with_a_quoted_speaker(seed_quotations) -> None:
    sources = pd.read_csv(SEEDS / "validation" / "seeds-sources.csv")
    missed, spurious = [], []
    for row in sources.itertuples():
        quotes = [
            q
            for q in seed_quotations[row.doc_id]
            if q.kind == "direct" and q.start < row.end and q.end > row.start
        ]
        has_quoted = isinstance(row.quoted_speakers, str) and row.quoted_speakers.strip() != ""
        if has_quoted and not quotes:
            missed.append((row.doc_id, row.start))
        if not has_quoted and quotes:
            spurious.append((row.doc_id, row.start))
    assert missed == []
    assert spurious == []


def test_seed_offsets_are_consistent(seed_quotations) -> None:
    for doc in SEED_IDS:
        text = seed(doc)
        for q in seed_quotations[doc]:
            assert 0 <= q.start <= q.content_start <= q.content_end <= q.end <= len(text)
            if q.open_mark is not None:
                assert text[q.start] == q.open_mark
            if q.close_mark is not None:
                assert text[q.end - 1] == q.close_mark
            assert q.closed == (q.close_mark is not None)
            if q.cue is not None:
                assert " ".join(text[q.cue_start : q.cue_end].split()) == q.cue
            if q.speaker is not None:
                assert text[q.speaker_start : q.speaker_end] == q.speaker
        for s in find_voice_spans(text, quotations=seed_quotations[doc]):
            assert s.reason in VOICE_REASONS
            assert 0 <= s.start < s.end <= len(text)
            assert 0 <= s.cue_start < s.cue_end <= len(text)


def test_quotations_argument_gives_the_same_spans() -> None:
    text = seed("003_c9329d73a2008fbe")
    sentences = split_sentences(text)
    quotes = find_quotations(text, sentences=sentences)
    assert find_voice_spans(text, sentences=sentences, quotations=quotes) == find_voice_spans(text)


# ---------------------------------------------------------------------------
# Bounded adversarial inputs (no timing assertions: they must simply finish)
# ---------------------------------------------------------------------------


def test_50mb_without_punctuation() -> None:
    assert find_voice_spans("a" * 50_000_000) == []


def test_long_sentence_without_punctuation() -> None:
    text = "he said the protests were terrorists and " * 20_000
    spans = find_voice_spans(text)
    assert spans and all(s.end <= len(text) for s in spans)


@pytest.mark.parametrize(
    ("unit", "n_quotes"),
    [("“", 1), ("“a ", 1), ("a” ", 100_000), ('"a ', 1), ("“a\n", 1), ("x’ ", 0), ("‘a ", 0)],
)
def test_100k_unbalanced_marks(unit: str, n_quotes: int) -> None:
    text = unit * 100_000
    quotes = find_quotations(text)
    assert len(quotes) == n_quotes
    assert len(find_voice_spans(text, quotations=quotes)) == n_quotes


def test_many_cues_in_one_sentence() -> None:
    text = "so-called what he called according to officials, he said, " * 20_000
    spans = find_voice_spans(text)
    assert {s.reason for s in spans} >= {"so_called", "what_called", "according_to"}


# ---------------------------------------------------------------------------
# API and the cue file
# ---------------------------------------------------------------------------


def test_dataclasses_are_frozen_with_slots() -> None:
    q = find_quotations("He said: “We won.”")[0]
    s = find_voice_spans("He said: “We won.”")[0]
    for obj in (q, s):
        assert not hasattr(obj, "__dict__")
        with pytest.raises(dataclasses.FrozenInstanceError):
            obj.start = 0  # type: ignore[misc]


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"rules": ["quotes"]}, ValueError, "unknown voice rule"),
        ({"rules": "quotation"}, TypeError, "collection of rule names"),
        ({"unbalanced": "raise"}, ValueError, "'flag' or 'warn'"),
        ({"sentences": [(5, 3)]}, ValueError, "sorted, non-overlapping"),
        ({"sentences": [(0, 5), (3, 8)]}, ValueError, "sorted, non-overlapping"),
        ({"sentences": [(0, 999)]}, ValueError, "within the text"),
        ({"sentences": [("a",)]}, ValueError, "pair of ints"),
        ({"quotations": ["x"]}, TypeError, "Quotation objects"),
        ({"cues": {"said"}}, TypeError, "VoiceCues"),
    ],
)
def test_invalid_arguments(kwargs: dict, error: type, match: str) -> None:
    with pytest.raises(error, match=match):
        find_voice_spans("He said: “We won.” It rained.", **kwargs)


def test_text_must_be_str() -> None:
    with pytest.raises(TypeError, match="text must be str"):
        find_quotations(b"bytes")  # type: ignore[arg-type]


def test_shipped_cue_file() -> None:
    cues = load_voice_cues()
    assert isinstance(cues, VoiceCues)
    assert {"said", "told", "mentioned", "informed"} <= cues.speech_verbs | cues.weak_verbs
    assert "reuters" in cues.wire_services and "publication" in cues.publication_nouns
    assert "pointed out" in cues.weak_verbs
    assert "declared" in cues.declaration_verbs and "emergency" in cues.declared_acts
    assert {"groups", "governments", "organisations"} <= cues.speaker_nouns


def test_custom_cue_file(tmp_path) -> None:
    shipped = (resources.files("framing") / "data" / "voice_cues.txt").read_text("utf-8")
    path = tmp_path / "cues.txt"
    text = "Mr Blinken quipped that terrorists were a pretext."
    assert voice_of(text, ["terrorists"]) == [("authorial", "none")]
    path.write_text(shipped.replace("[speech_verbs]", "[speech_verbs]\nquip, quipped"), "utf-8")
    assert voice_of(text, ["terrorists"], cues=load_voice_cues(path)) == [
        ("attributed", "reported_speech")
    ]


@pytest.mark.parametrize(
    ("content", "match"),
    [
        ("said\n", r"line 1: entry 'said' before any \[section\]"),
        ("[speech_verbs]\nsay, said\n[verbs]\n", r"line 3: unknown section '\[verbs\]'"),
        ("[speech_verbs]\nsay,, said\n", "line 2: empty entry"),
        (
            "[speech_verbs]\nsay\n[speaker_nouns]\nminister, ministry\n",
            "line 4:.*one entry per line",
        ),
        ("# only comments\n", r"section\(s\) \[speech_verbs\], \[speaker_nouns\] missing"),
    ],
)
def test_malformed_cue_file(tmp_path, content: str, match: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(content, "utf-8")
    with pytest.raises(VoiceCueError, match=match) as info:
        load_voice_cues(path)
    assert str(path) in str(info.value)

"""Voice on unseen news wording: a challenge set beyond the seed articles.

Each row is a sentence (or a short document) in typical wire or broadsheet phrasing
of the January 2022 unrest, written for this test (not taken from the seeds), one
lexicon match in it, and the voice and reason a coder following the codebook
(docs/codebook.md, "Voice"; docs/codebook-sources.md, "Speaker") would give it.
Matches are found with the bundled lexicon, so a row also fails if its phrase stops
being a match. Rows the rules cannot get right yet are strict xfails, so they stay
visible and a fix shows up as an unexpected pass.
"""

from __future__ import annotations

import pytest

from framing.lexicon import load_lexicon
from framing.matching import Matcher
from framing.voice import assign_voice, find_voice_spans, match_voice

A, N = "attributed", "authorial"
RS, RT, AT, HC = "reported_speech", "retelling", "according_to", "headline_colon"


def xfail(text: str, phrase: str, voice: str, reason: str, why: str):
    return pytest.param(
        text, phrase, voice, reason, marks=pytest.mark.xfail(strict=True, reason=why)
    )


# (text, matched phrase, expected voice, expected reason)
CHALLENGE = [
    # -- reported speech: the claim is the speaker's
    (
        "Interior Minister Yerlan Turgumbayev told reporters that the militants had been "
        "trained abroad.",
        "trained abroad",
        A,
        RS,
    ),
    ("The Kremlin claimed the unrest was a foreign-backed coup attempt.", "coup", A, RS),
    (
        "Kazakh officials alleged that armed gangs had seized weapons from police stations.",
        "armed gangs",
        A,
        RS,
    ),
    (
        "In a statement, the foreign ministry said the bandits had been neutralised.",
        "bandits",
        A,
        RS,
    ),
    ("A spokesman for the president said looting had spread to several cities.", "looting", A, RS),
    ("The president's spokesman said militants had attacked the airport.", "militants", A, RS),
    (
        "Tokayev insisted the uprising was an act of terrorism directed from abroad.",
        "directed from abroad",
        A,
        RS,
    ),
    (
        "Lawmakers in Washington warned that Russia would use the unrest to expand its "
        "influence.",
        "its influence",
        A,
        RS,
    ),
    ("The government denied that troops had fired on peaceful protesters.", "fired on", A, RS),
    ("Protest leaders denied they were terrorists.", "terrorists", A, RS),
    (
        "Tokayev tweeted that order had been restored and the terrorists destroyed.",
        "terrorists",
        A,
        RS,
    ),
    ("Tokayev wrote on Telegram that the bandits would be eliminated.", "bandits", A, RT),
    (
        "The opposition politician wrote on Telegram that the crackdown was brutal.",
        "crackdown",
        A,
        RT,
    ),
    ("Activists claimed that police had tortured detained protesters.", "tortured", A, RS),
    ("Critics argued the deployment was a geopolitical win for Moscow.", "win for Moscow", A, RS),
    ("Residents said looters had ransacked shops in the city centre.", "looters", A, RS),
    ("Kazakh authorities say the unrest was an attempted coup.", "coup", A, RS),
    (
        "The president has repeatedly claimed that foreign terrorists attacked the country.",
        "terrorists",
        A,
        RS,
    ),
    (
        "Speaking to reporters in Moscow, Lavrov said the militants had been trained abroad.",
        "trained abroad",
        A,
        RS,
    ),
    (
        "Kazakhstan's prosecutor general said in a televised address that the coup plotters "
        "would be punished.",
        "coup",
        A,
        RS,
    ),
    (
        "Eyewitnesses told Reuters that troops fired on the crowd without warning.",
        "fired on",
        A,
        RS,
    ),
    ("Local journalists reported that soldiers had fired on protesters.", "fired on", A, RT),
    ("The attackers were foreign-trained militants, officials claimed.", "foreign-trained", A, RS),
    # "told" with an addressee: postposed, or before a clause without "that"
    (
        "Terrorists had been trained abroad, Tokayev told parliament on Tuesday.",
        "trained abroad",
        A,
        RS,
    ),
    (
        "The bandits had been trained abroad, the minister told a news conference in Almaty.",
        "bandits",
        A,
        RS,
    ),
    ("In a speech, Tokayev told parliament terrorists had attacked the city.", "terrorists", A, RS),
    ("The minister told the BBC the protests had been peaceful.", "protests", A, RS),
    ("Tokayev told parliament on Tuesday terrorists had attacked the city.", "terrorists", A, RS),
    # a participle after a quotation takes the speaker of the verb before it
    (
        "“The terrorists were trained abroad,” he said, adding that the bandits would be "
        "destroyed.",
        "bandits",
        A,
        RS,
    ),
    # quoted as saying
    (
        "The minister was quoted as saying that the terrorists had been defeated.",
        "terrorists",
        A,
        RS,
    ),
    ("Interfax quoted Tokayev as saying the bandits had been destroyed.", "bandits", A, RS),
    # plural and institutional speakers
    (
        "Rights groups accused security forces of a brutal crackdown on protesters.",
        "crackdown",
        A,
        RS,
    ),
    (
        "Human rights groups warned that the crackdown could lead to mass arrests.",
        "crackdown",
        A,
        RS,
    ),
    ("Western governments criticised the crackdown on peaceful protesters.", "crackdown", A, RS),
    ("Non-governmental organisations said the crackdown had killed dozens.", "crackdown", A, RS),
    ("Opposition figures told the BBC that the protests were peaceful.", "protests", A, RS),
    ("Russian state television described the protesters as bandits.", "bandits", A, RT),
    ("Witnesses described scenes of looting and gunfire in Almaty.", "looting", A, RS),
    # according to
    ("According to the interior ministry, 26 armed criminals were killed.", "criminals", A, AT),
    (
        "According to witnesses, security forces fired on peaceful protesters.",
        "fired on",
        A,
        AT,
    ),
    # naming verbs
    ("Tokayev branded the demonstrators terrorists and bandits.", "bandits", A, RS),
    ("State media labelled the protesters foreign agents.", "foreign agents", A, RT),
    ("Tokayev called the protesters bandits and terrorists.", "terrorists", A, RS),
    # declarations: a claim or a naming is speech, a measure is the act itself
    ("The president declared the protesters terrorists.", "terrorists", A, RS),
    ("The president declared that the protesters were terrorists.", "terrorists", A, RS),
    ("Tokayev declared victory over the terrorists.", "terrorists", A, RS),
    (
        "The president declared a state of emergency after protesters stormed the building.",
        "protesters",
        N,
        "none",
    ),
    (
        "Tokayev declared a two-week state of emergency in Almaty after looting spread.",
        "looting",
        N,
        "none",
    ),
    # a parenthetical cue with a long adverbial tail (the rest of the host clause
    # follows it)
    (
        "Foreign-trained terrorists, Tokayev claimed in a televised address on Friday, "
        "attacked Almaty.",
        "terrorists",
        A,
        RS,
    ),
    # "questioned": a challenge is speech, an interrogation is not
    ("Critics questioned the legitimacy of the crackdown.", "crackdown", A, RS),
    ("Police questioned 500 people over the looting.", "looting", N, "none"),
    ("Authorities questioned dozens of suspects about the looting.", "looting", N, "none"),
    (
        "Investigators questioned him about his links to the coup plotters.",
        "coup",
        N,
        "none",
    ),
    # the outlet's own voice, including speech-verb look-alikes
    (
        "The violence claimed 225 lives as security forces cracked down on protesters.",
        "cracked down",
        N,
        "none",
    ),
    ("Police detained nearly 10,000 people after the protests.", "detained", N, "none"),
    ("There were reports of shooting and looting in Almaty overnight.", "looting", N, "none"),
    ("The said terrorists were never identified.", "terrorists", N, "none"),
    ("Security forces cracked down on protesters in Almaty.", "cracked down", N, "none"),
    ("Troops opened fire on protesters in the main square.", "opened fire", N, "none"),
    ("Russia added troops as the protests continued.", "protests", N, "none"),
    (
        "Tokayev announced a counter-terrorist operation across the country.",
        "terrorist",
        N,
        "none",
    ),
    # an agentless passive names no speaker (codebook-sources: "what someone said"); the
    # rules keep it authorial, as "It is said that ..." (tests/test_voice.py)
    ("It was reported that troops had fired on protesters in Almaty.", "fired on", N, "none"),
    # headlines: a source before the colon, not a place, topic or label
    ("Kazakhstan: protests spread to Almaty", "protests", N, "none"),
    ("UPDATE: Troops fire on protesters in Almaty", "protesters", N, "none"),
    (
        "Analysis: why the crackdown on protesters matters\n\n"
        "Analysts said the crackdown was brutal.",
        "protesters",
        N,
        "none",
    ),
    (
        "Kazakhstan: protests spread to Almaty\n\n"
        "Kazakhstan said the protesters were terrorists.",
        "protests",
        N,
        "none",
    ),
    ("Kazakhstan protesters: who are the looters?", "looters", N, "none"),
    (
        "Moscow: terrorists trained abroad attacked Almaty\n\nOfficials in Moscow said so.",
        "terrorists",
        N,
        "none",
    ),
    ("Kazakh president says terrorists attacked Almaty", "terrorists", A, RS),
    (
        "Tokayev: terrorists trained abroad attacked the city\n\n"
        "President Kassym-Jomart Tokayev said the unrest was a coup attempt.",
        "trained abroad",
        A,
        HC,
    ),
    ("Kazakh president: terrorists trained abroad attacked Almaty", "trained abroad", A, HC),
    ("Police: armed criminals killed in Almaty overnight", "criminals", A, HC),
    (
        "Russia's foreign ministry: the coup attempt was foreign-backed\n\nMore text.",
        "foreign-backed",
        A,
        HC,
    ),
    # -- known limits
    xfail(
        "Tokayev: terrorists trained abroad attacked the city.",
        "trained abroad",
        A,
        HC,
        "a one-word speaker before a headline colon is read only when the text cites it "
        "elsewhere as a surname; alone it cannot be told from a place or topic label "
        "('Kazakhstan: protests spread')",
    ),
]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_lexicon("kazakhstan-2022"))


@pytest.mark.parametrize(("text", "phrase", "voice", "reason"), CHALLENGE)
def test_challenge_set(matcher: Matcher, text: str, phrase: str, voice: str, reason: str) -> None:
    found = matcher.find(text)
    starts, ends = found.start.tolist(), found.end.tolist()
    hits = [i for i, (a, b) in enumerate(zip(starts, ends, strict=True)) if text[a:b] == phrase]
    assert hits, f"{phrase!r} is not a lexicon match in {text!r}"
    got_v, got_r = match_voice(text, found.start, found.end)
    # the fast path agrees with the full analysis on every row
    ref_v, ref_r = assign_voice(found.start, found.end, find_voice_spans(text))
    assert got_v.tolist() == ref_v.tolist() and got_r.tolist() == ref_r.tolist()
    assert (got_v[hits[0]], got_r[hits[0]]) == (voice, reason)


# ---------------------------------------------------------------------------
# The wire lead: a claim, then a trailing attribution with a tail
# ---------------------------------------------------------------------------

# (text, phrases attributed as reported speech, phrases left authorial). After a
# comma, the words after a postposed verb (or after an inverted speaker) are the
# attribution's tail when they are adverbials ("on Friday", "at a news conference
# following talks with ...", "in an interview with the BBC") or an appositive of the
# speaker; then the claim before the cue is the speaker's. A clause among them (a
# subject and a finite verb) is the verb's complement: the cue is preposed and a
# fronted phrase before it stays authorial.
TRAILING = [
    # postposed, with a tail longer than four words
    (
        "The mission helped stop an attempt by armed groups to seize power, Russian "
        "Foreign Minister Sergey Lavrov said on Friday at a news conference following "
        "talks with his counterpart.",
        ["seize power", "armed groups"],
        [],
    ),
    (
        "Terrorists attacked the airport, Lavrov said in an interview with the BBC on "
        "Friday.",
        ["Terrorists"],
        [],
    ),
    (
        "The bandits were trained abroad, the ministry said in a statement on state "
        "television.",
        ["bandits"],
        [],
    ),
    (
        "Order has been restored, Tokayev said late on Tuesday in a televised address.",
        ["Order has been restored"],
        [],
    ),
    (
        "Russia's troops will leave soon, Lavrov said following talks with Tokayev in "
        "Moscow.",
        ["troops will leave"],
        [],
    ),
    ("Looters ransacked shops, the mayor said publicly on Friday.", ["Looters"], []),
    # "told" with an addressee, then adverbials
    (
        "Militants seized the airport, Tokayev told reporters in Nur-Sultan on Friday "
        "after talks with Putin.",
        ["Militants"],
        [],
    ),
    # a clause of time about the speaking, or a participle after "while" / "when"
    (
        "Terrorists attacked the city, Tokayev said as he met security chiefs in Almaty.",
        ["Terrorists"],
        [],
    ),
    ("Terrorists attacked the city, Tokayev said while visiting Almaty.", ["Terrorists"], []),
    (
        "Terrorists attacked the city, Tokayev said when asked about the unrest.",
        ["Terrorists"],
        [],
    ),
    # inverted: the speaker's name, then adverbials or an appositive
    (
        "Foreign militants stormed the airport, said Nadia Brenner on Friday in an "
        "interview with Reuters.",
        ["Foreign militants"],
        [],
    ),
    (
        "For the Kremlin, the deployment is a chance to show that it remains the main "
        "security partner in its sphere of influence, said Nadia Brenner, a Central Asia "
        "researcher at a Berlin-based think-tank.",
        ["sphere of influence", "For the Kremlin"],
        [],
    ),
    # parenthetical: the host clause goes on after the tail
    (
        "The protesters, the ministry said in a statement on Friday, were armed criminals.",
        ["armed criminals"],
        [],
    ),
    # negatives: a complement clause after the verb makes the cue preposed
    (
        "In a speech, Putin said terrorists attacked the city on Friday.",
        ["terrorists attacked"],
        ["In a speech"],
    ),
    (
        "In a speech, Putin said on Friday terrorists attacked the city.",
        ["terrorists attacked"],
        ["In a speech"],
    ),
    ("In a speech, Putin said Friday terrorists attacked.", ["terrorists"], ["In a speech"]),
    (
        "In a speech, Putin said as many as 20,000 militants attacked.",
        ["militants"],
        ["In a speech"],
    ),
    (
        "In Moscow, Lavrov said at a news conference the militants had been trained "
        "abroad.",
        ["trained abroad"],
        ["In Moscow"],
    ),
    (
        "After the talks, Lavrov said in Moscow Russia supports the mission.",
        ["supports the mission"],
        ["After the talks"],
    ),
    (
        "In Almaty, the mayor said earlier this week looters had ransacked shops.",
        ["looters"],
        ["In Almaty"],
    ),
    (
        "In a statement, the ministry said on its website foreign militants had been "
        "detained.",
        ["foreign militants"],
        ["In a statement"],
    ),
    (
        "On Friday, Lavrov said in an interview that the troops would leave.",
        ["troops would leave"],
        ["On Friday"],
    ),
]


def _labels(text: str, phrases: list[str]) -> list[tuple[str, str]]:
    starts = [text.index(p) for p in phrases]
    ends = [a + len(p) for a, p in zip(starts, phrases, strict=True)]
    got_v, got_r = match_voice(text, starts, ends)
    ref_v, ref_r = assign_voice(starts, ends, find_voice_spans(text))
    assert got_v.tolist() == ref_v.tolist() and got_r.tolist() == ref_r.tolist()
    return list(zip(got_v.tolist(), got_r.tolist(), strict=True))


@pytest.mark.parametrize(("text", "attributed", "authorial"), TRAILING)
def test_trailing_attribution(text: str, attributed: list[str], authorial: list[str]) -> None:
    labels = _labels(text, attributed + authorial)
    assert labels == [(A, RS)] * len(attributed) + [(N, "none")] * len(authorial)


# Reporting verbs of the held-out wording, as (text, attributed, authorial) above
REPORTING_VERBS = [
    (
        "President Kassym-Jomart Tokayev has spoken of 20,000 militants descending on "
        "Almaty.",
        ["militants", "descending on Almaty"],
        [],
    ),
    # what is spoken of is an object: it ends at the clause end, and a coordinated act
    # after it is the outlet's report
    (
        "Tokayev has spoken of bandits trained abroad, and ordered troops to fire without "
        "warning.",
        ["trained abroad"],
        ["fire without warning"],
    ),
    (
        'Tokayev has spoken of "bandits" trained abroad, and ordered troops to fire '
        "without warning.",
        ["trained abroad"],
        ["fire without warning"],
    ),
    # a comma inside a number ends no clause
    (
        "Tokayev called the 20,000 protesters terrorists and bandits.",
        ["terrorists", "bandits"],
        [],
    ),
    ("Residents spoke of gunfire and looting all night.", ["looting"], []),
    (
        "Kazakhstan's human rights ombudsman has acknowledged receiving complaints of "
        "torture.",
        ["torture"],
        [],
    ),
    (
        "Officials acknowledged the deaths of protesters in Almaty.",
        ["deaths of protesters"],
        [],
    ),
    (
        "The government has acknowledged that it must do more to reduce inequality.",
        ["reduce inequality"],
        [],
    ),
    # a sentence-initial "Speaking of" has no subject: no cue
    ("Speaking of the unrest, the city looked calm.", [], ["unrest"]),
]


@pytest.mark.parametrize(("text", "attributed", "authorial"), REPORTING_VERBS)
def test_reporting_verbs(text: str, attributed: list[str], authorial: list[str]) -> None:
    labels = _labels(text, attributed + authorial)
    assert labels == [(A, RS)] * len(attributed) + [(N, "none")] * len(authorial)


# (text, reporting verb, its speaker): a stretch between commas with a finite verb
# of its own is a clause, not an appositive of the noun before it
SPEAKERS = [
    (
        "For the Kremlin, the deployment is an opportunity to show strength, said Nadia "
        "Brenner, a researcher.",
        "said",
        "Nadia Brenner",
    ),
    (
        "Dr Jane Miller, a historian at the University of Leeds, said the revolt was over.",
        "said",
        "Dr Jane Miller",
    ),
    (
        "Lavrov, the minister who has led the talks, said the troops would leave.",
        "said",
        "Lavrov",
    ),
    (
        "The unrest has raised concerns in Washington, noted Antonov has sought calm.",
        "noted",
        None,
    ),
]


@pytest.mark.parametrize(("text", "verb", "speaker"), SPEAKERS)
def test_speaker_of_a_trailing_cue(text: str, verb: str, speaker: str | None) -> None:
    got = [
        s.speaker
        for s in find_voice_spans(text)
        if s.reason == RS and text[s.cue_start : s.cue_end] == verb
    ]
    assert got == ([speaker] if speaker else [])


def test_noun_after_have_is_no_postposed_cue() -> None:
    """"we have questions about ..." holds a noun, not a verb with an adverbial tail."""
    text = "On the CSTO, we now have questions about the nature of the request, he added."
    cues = [text[s.cue_start : s.cue_end] for s in find_voice_spans(text)]
    assert cues == ["added"]


# ---------------------------------------------------------------------------
# Where the outlet takes the sentence back: coordinated acts, clause tails
# ---------------------------------------------------------------------------

# (text, phrases attributed, phrases left authorial), read by ``_labels``. A reported
# clause ends at ", and" + a verb of action coordinated with the reporting verb (the
# outlet's account of what the speaker did), and a postposed tag followed by ", as ..."
# leaves that adverbial clause to the outlet; a quoted comma or a speech verb after
# ", and" changes nothing.
TAKEN_BACK = [
    (
        "Tokayev said on Friday he had given an order to shoot to kill, and ordered "
        "troops to open fire without warning.",
        ["shoot to kill"],
        ["open fire"],
    ),
    (
        'Tokayev has said the country was attacked by "20,000 bandits" and terrorists, '
        "some of whom had received training abroad, and on Friday he authorized police to "
        "open fire without warning.",
        ["terrorists"],
        ["open fire"],
    ),
    (
        "The president said militants had been trained abroad, and sent troops to guard "
        "strategic facilities.",
        ["trained abroad"],
        ["strategic facilities"],
    ),
    # negatives: a speech verb after ", and", a comma inside quotation marks
    (
        "Tokayev said the protests were peaceful, and added the terrorists had fled.",
        ["terrorists"],
        [],
    ),
    (
        'Tokayev said "the looters, and armed gangs" had attacked Almaty.',
        ["armed gangs"],
        [],
    ),
    # the "as ..." clause after a postposed tag is the outlet's
    (
        "The riots were an attempt to seize power, Russian officials said on Sunday, as "
        "troops continued to guard strategic facilities.",
        ["seize power"],
        ["strategic facilities"],
    ),
    (
        "Militants stormed the airport, the ministry said, amid reports of looting.",
        ["Militants"],
        ["looting"],
    ),
    # negatives: a true parenthetical, and an absolute "with" phrase, stay attributed
    ("The protesters, the ministry said, were armed criminals.", ["armed criminals"], []),
    (
        "Order has been restored, officials said, with the counter-terrorist operation "
        "continuing in several regions.",
        ["counter-terrorist operation"],
        [],
    ),
    # a participle after a comma reports the main clause subject's speech, found or not
    (
        "That night he asked the Russian-led Collective Security Treaty Organisation for "
        "help, saying the country was under attack from terrorist gangs trained abroad.",
        ["trained abroad"],
        [],
    ),
    (
        "On Thursday night Tokayev asked Moscow for help, saying foreign terrorists had "
        "attacked the country.",
        ["terrorists"],
        [],
    ),
    ("Protests spread, leaving the city in ruins after the crackdown.", [], ["crackdown"]),
    # "described ... as": an insertion between commas does not end the name given
    (
        "Russia's foreign ministry has described the unrest as an attempt, inspired from "
        "outside, to undermine the integrity of the state by force.",
        ["integrity of the state"],
        [],
    ),
    (
        "Tokayev described the protesters as bandits, and police detained thousands of "
        "people.",
        ["bandits"],
        ["detained"],
    ),
]


@pytest.mark.parametrize(("text", "attributed", "authorial"), TAKEN_BACK)
def test_outlet_takes_the_sentence_back(
    text: str, attributed: list[str], authorial: list[str]
) -> None:
    labels = _labels(text, attributed + authorial)
    assert [v for v, _ in labels] == [A] * len(attributed) + [N] * len(authorial)


# ---------------------------------------------------------------------------
# Interviews laid out as Q&A
# ---------------------------------------------------------------------------

_INTERVIEW = (
    "DW spoke with analyst Johanna Reimer about the crisis.\n\n"
    "DW: Is this a victory for Vladimir Putin?\n\n"
    "Johanna Reimer: In the short term, yes. That is a signal to Washington and to "
    "Kyiv.\n\n"
    "DW: Will the Russian troops leave?\n\n"
    "Reimer: I think they will. The real risk is the debt he now owes the Kremlin.\n\n"
    "The bigger question is the crackdown at home.\n\n"
    "DW: What about the protesters?\n\n"
    "Reimer: They have not gone away. The arrests will deepen the mistrust.\n\n"
    "Protests over fuel prices began in Zhanaozen."
)

_QA = (
    "Q: Were the protesters terrorists?\n\n"
    "A: No. The people on the streets wanted lower fuel prices.\n\n"
    "Looting followed on the second day."
)

_NO_INTERVIEW = (
    "Who are the protesters?\n\n"
    "Tokayev: terrorists trained abroad attacked the city.\n\n"
    "Looting followed."
)

# (text, phrases attributed, phrases left authorial)
INTERVIEWS = [
    # every sentence of an answer, and an unlabelled paragraph before the next question
    (_INTERVIEW, ["signal to Washington", "Kremlin", "crackdown", "arrests"], []),
    # the questions, the lead-in and the text after the last answer are the outlet's
    (_INTERVIEW, [], ["Vladimir Putin", "protesters", "Protests", "analyst"]),
    (_QA, ["fuel prices"], ["protesters", "Looting"]),
    # a headline after a question is no interview
    (_NO_INTERVIEW, [], ["protesters", "trained abroad", "Looting"]),
    # nor is one label after a question without Q/A labels
    (
        "What next?\n\nReimer: troops will stay. The Kremlin gains.\n\nLooting followed.",
        [],
        ["Kremlin", "Looting"],
    ),
]


@pytest.mark.parametrize(("text", "attributed", "authorial"), INTERVIEWS)
def test_interview_answers(text: str, attributed: list[str], authorial: list[str]) -> None:
    labels = _labels(text, attributed + authorial)
    assert labels == [(A, HC)] * len(attributed) + [(N, "none")] * len(authorial)

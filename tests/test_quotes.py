"""Tests for framing.quotes: statements, speakers, actors, sourcing profiles, validation."""

# The test texts are full of quotation marks and apostrophes on purpose.

from __future__ import annotations

import doctest
import warnings

import numpy as np
import pandas as pd
import pytest

import framing.quotes
from framing.datasets import load_kazakhstan_2022, load_kazakhstan_2022_sources
from framing.quotes import (
    ACTOR_COLUMNS,
    QUOTE_COLUMNS,
    SCARE_COLUMNS,
    SPEAKER_RESOLUTIONS,
    Actor,
    Actors,
    ActorsError,
    extract_quotes,
    extract_scare_quotes,
    list_bundled_actors,
    load_actors,
    quotes_in_text,
    scare_quotes_in_text,
    sourcing_profile,
    unknown_speakers,
    validate_sources,
)
from framing.voice import UnbalancedQuotesWarning


def statements(text: str, **kwargs) -> list[tuple[str, str, str | None, str]]:
    """(mode, text, speaker, resolution) of every statement of ``text``."""
    q = quotes_in_text(text, **kwargs)
    return list(zip(q["mode"], q["text"], q["speaker"], q["speaker_resolution"], strict=True))


def speaker_of(text: str, words: str, **kwargs) -> tuple[str | None, str, str]:
    """Speaker, resolution and mode of the statement whose text contains ``words``."""
    q = quotes_in_text(text, **kwargs)
    hit = q[q["text"] == words]
    if hit.empty:
        hit = q[q["text"].str.contains(words, regex=False)]
    assert len(hit) >= 1, f"no statement holds {words!r}: {q[['mode', 'text']].values.tolist()}"
    row = hit.iloc[0]
    return row["speaker"], row["speaker_resolution"], row["mode"]


@pytest.fixture(scope="module")
def seed_quotes() -> pd.DataFrame:
    with pytest.warns(UnbalancedQuotesWarning, match="did not pair up"):
        return extract_quotes(load_kazakhstan_2022())


# ---------------------------------------------------------------------------
# Speaker patterns, in any order
# ---------------------------------------------------------------------------

ATTRIBUTION_CASES = [
    # (text, words of the statement, speaker, resolution, mode)
    ("Antony Blinken said the US was watching.", "the US was watching", "Antony Blinken",
     "named", "reported"),
    ("“We are watching,” said Antony Blinken.", "We are watching", "Antony Blinken", "named",
     "quoted"),
    ("“We are watching,” Mr Blinken said on Friday.", "We are watching", "Antony Blinken",
     "named", "quoted"),
    ("Georgi Asatryan told Newsweek: “The situation came as a shock.”",
     "The situation came as a shock", "Georgi Asatryan", "named", "quoted"),
    ("Russia has chosen its moment and the West has lost.\n\n– notes Daily beast",
     "Russia has chosen", "The Daily Beast", "named", "reported"),
    ("According to the Interior Ministry, 164 people died.", "164 people died",
     "Interior Ministry", "named", "reported"),
    ("“The CSTO acted lawfully,” Lavrov told Tass.", "The CSTO acted lawfully", "Sergei Lavrov",
     "named", "quoted"),
    # machine-paraphrased ("spun") reporting verbs count
    ("Russian ambassador Anatoly Antonov informed Newsweek that the risk was grave.",
     "the risk was grave", "Anatoly Antonov", "named", "reported"),
    ("\"It comes from the West,\" Antonov mentioned.", "It comes from the West",
     "Anatoly Antonov", "named", "quoted"),
    ("The Kremlin stated that the troops would stay.", "the troops would stay", "Kremlin",
     "named", "reported"),
    # titles and honorifics before the name
    ("US Secretary of State Antony Blinken said the talks failed.", "the talks failed",
     "Antony Blinken", "named", "reported"),
    ("“We will not tolerate it,” said Chinese Foreign Ministry spokesman Wang Wenbin.",
     "We will not tolerate it", "Wang Wenbin", "named", "quoted"),
    ("State Department spokesperson Ned Price said in a statement that talks went well.",
     "talks went well", "Ned Price", "named", "reported"),
    # an alias of the actors file (spun form, transliteration)
    ("“The Secretary spoke,” State Division spokesperson Ned Worth mentioned.",
     "The Secretary spoke", "Ned Price", "named", "quoted"),
    ("Kazakh President Kasim-Jomart Tokayev said order was restored.", "order was restored",
     "Kassym-Jomart Tokayev", "named", "reported"),
]


@pytest.mark.parametrize(("text", "words", "speaker", "resolution", "mode"), ATTRIBUTION_CASES)
def test_speaker_patterns_in_any_order(text, words, speaker, resolution, mode):
    assert speaker_of(text, words) == (speaker, resolution, mode)


RESOLUTION_CASES = [
    # pronouns: last compatible person / institution / group
    ("Dr Rasmus Nilsson spoke at UCL. He said: “The West should act.”", "The West should act",
     "Rasmus Nilsson", "pronoun"),
    ("President Tokayev blamed what he called foreign “terrorists” for the unrest.",
     "terrorists", "Kassym-Jomart Tokayev", "pronoun"),
    ("China’s foreign ministry said this week that they backed the move. They added that "
     "the region was calm.", "the region was calm", "Chinese Foreign Ministry", "pronoun"),
    ("The Russian Foreign Ministry issued a statement. “We acted,” the ministry said. “We seek "
     "calm,” it added.", "We seek calm", "Russian Foreign Ministry", "pronoun"),
    ("UN human rights chief Michelle Bachelet urged restraint. She said force must be "
     "proportionate.", "force must be proportionate", "Michelle Bachelet", "pronoun"),
    # a name inside a quotation is not the antecedent of a pronoun after it
    ("Mr Blinken arrived. “Putin must answer,” he said.", "Putin must answer",
     "Antony Blinken", "pronoun"),
    # a pronoun with no antecedent: the person named next (ledes)
    ("Russia's top envoy in America has blamed Washington, where he said Moscow sought "
     "stability. Anatoly Antonov spoke to Newsweek.", "Moscow sought stability",
     "Anatoly Antonov", "pronoun"),
    # a possessive title is definite: the actor with that title
    ("Russia's top envoy said the risk was low.", "the risk was low", "Anatoly Antonov",
     "title"),
    # titles: the person the document names with the title, else the actors file
    ("Secretary of State Antony Blinken met allies. “We are united,” the Secretary said.",
     "We are united", "Antony Blinken", "title"),
    ("The Kazakh president said the coup had failed.", "the coup had failed",
     "Kassym-Jomart Tokayev", "title"),
    ("The President of Kazakhstan called them “terrorist gangs”.", "terrorist gangs",
     "Kassym-Jomart Tokayev", "title"),
    ("“We are concerned,” a State Department spokesperson said. The spokesperson added that "
     "the US was watching.", "the US was watching", "US State Department", "title"),
    # definite institutions: the last one named with that head noun
    ("On Thursday the Russian International Ministry issued a statement. “We back the CSTO,” "
     "the ministry said.", "We back the CSTO", "Russian Foreign Ministry", "institution"),
    ("Prices rose. The Kazakh government can deal with it. The government has since said "
     "caps will return.", "caps will return", "Kazakh government", "institution"),
    ("The Daily Beast ran a story. The publication assures that the riots were economic.",
     "the riots were economic", "The Daily Beast", "institution"),
    ("Human Rights Watch said the deaths must be investigated.\n\n“Every death counts,” the "
     "group said.", "Every death counts", "Human Rights Watch", "institution"),
    # a country speaking for the institution of that country that spoke just before
    ("“We back the CSTO,” the Russian Foreign Ministry said. Moscow also hinted that it could "
     "send more troops.", "it could send more troops", "Russian Foreign Ministry",
     "institution"),
    ("Moscow said the troops would leave.", "the troops would leave", "Russia", "named"),
    # possessives and places become demonyms; descriptions are kept
    ("China’s foreign ministry said it supported the move.", "it supported the move",
     "Chinese Foreign Ministry", "named"),
    ("Officials in Moscow have emphasised that the deployment is temporary.",
     "the deployment is temporary", "Russian officials", "named"),
    ("Analysts said the move strengthened Moscow.", "the move strengthened",
     "analysts", "description"),
    ("“This is an occupation,” one protester in Almaty told the BBC.", "This is an occupation",
     "protester in Almaty", "description"),
    # a lone surname becomes the full name the document gives
    ("Rasmus Nilsson teaches in London. “Sanctions could follow,” Nilsson said.",
     "Sanctions could follow", "Rasmus Nilsson", "named"),
    ("Jane Roe, a teacher, spoke first. “Nobody listens,” Roe said.", "Nobody listens",
     "Jane Roe", "named"),
]


@pytest.mark.parametrize(("text", "words", "speaker", "resolution"), RESOLUTION_CASES)
def test_resolution_rules(text, words, speaker, resolution):
    got = speaker_of(text, words)
    assert got[:2] == (speaker, resolution)


def test_quotation_without_cue_takes_the_sentence_subject():
    text = ('On Friday, Blinken briefed reporters on a "coordinated response to the buildup" '
            "with allies.")
    q = quotes_in_text(text)
    row = q[q["mode"] == "quoted"].iloc[0]
    assert (row["speaker"], row["cue"]) == ("Antony Blinken", "(subject)")
    text = 'At the same time, he offered a warning: "Once they are in, they stay."'
    assert speaker_of("Mr Blinken spoke. " + text, "Once they are in")[:2] == (
        "Antony Blinken", "pronoun")


def test_quotation_paragraph_after_a_quotation_takes_its_speaker():
    text = ("“It would seem the government can cope,” Mr Blinken said.\n\n"
            "“So it’s not clear why they need help.”\n\n"
            "Troops arrived.\n\n"
            "“A quotation after an authorial paragraph has no speaker.”")
    q = quotes_in_text(text).set_index("text")
    assert q.loc["So it’s not clear why they need help.", "speaker"] == "Antony Blinken"
    assert q.loc["So it’s not clear why they need help.", "speaker_resolution"] == \
        "previous_quote"
    last = q.loc["A quotation after an authorial paragraph has no speaker."]
    assert pd.isna(last["speaker"]) and last["speaker_resolution"] == "unresolved"
    assert last["speaker_role"] is None or pd.isna(last["speaker_role"])


def test_unresolved_pronoun_has_no_speaker():
    q = quotes_in_text("He said the talks had failed.")
    assert len(q) == 1 and pd.isna(q["speaker"][0])
    assert q["speaker_resolution"][0] == "unresolved" and q["speaker_raw"][0] == "He"


def test_citing_names_a_reported_speaker():
    text = ("Citing NATO Secretary-General Jens Stoltenberg, Blinken said that "
            "\"Russia's actions are a threat.\"")
    q = quotes_in_text(text)
    reported = q[q["mode"] == "reported"]
    assert reported["speaker"].tolist() == ["Jens Stoltenberg"]
    assert q[q["mode"] == "quoted"]["speaker"].tolist() == ["Antony Blinken"]
    # glued to the credit line by the scraper ("beastciting")
    text = ("“Putin got lucky,” the article argues.\n\n"
            "– states Daily beastciting a professor at New School University Nina Khrushchev")
    q = quotes_in_text(text)
    assert {"The Daily Beast", "Nina Khrushcheva"} <= set(q["speaker"].dropna())


def test_coordinated_speakers_make_one_statement_each():
    q = quotes_in_text("Both Russia and Kazakhstan described the unrest as a foreign-backed riot.")
    assert sorted(q["speaker"]) == ["Kazakhstan", "Russia"]
    assert set(q["text"]) == {"a foreign-backed riot."}


@pytest.mark.parametrize(("text", "speaker", "statement"), [
    # a speech act with a noun-phrase object is reported speech (voice [stance_verbs])
    ("Secretary of State Antony Blinken has questioned the decision to invite foreign troops.",
     "Antony Blinken", "the decision to invite foreign troops."),
    ("Vladimir Putin on Monday praised the swift deployment, and the troops left.",
     "Vladimir Putin", "the swift deployment"),
    # the wire credit is not a speaker; the speech act is
    ("Putin declared victory over the rebels on Monday, reports Reuters.",
     "Vladimir Putin", "victory over the rebels on Monday"),
    # the subject before an appositive holding a relative clause with commas
    ("President Kassym-Jomart Tokayev, who until last week was seen as a deputy of the chairman "
     "of the Security Council, Nursultan Nazarbayev, said that the troops would leave.",
     "Kassym-Jomart Tokayev", "the troops would leave."),
])
def test_reported_statement_speakers(text, speaker, statement):
    q = quotes_in_text(text)
    assert q[["mode", "speaker", "text"]].values.tolist() == [["reported", speaker, statement]]


@pytest.mark.parametrize("text", [
    # a wire-service credit is not reported speech (codebook-sources)
    "Russian troops left Kazakhstan on Monday, reports Reuters.",
    # the author speaking is not listed
    "We said it before: the troops arrived too early.",
    # a passive or negated verb is not a cue
    "Boris and Biden told to act NOW as Putin flexes war muscles.",
    "Peskov did not say when the troops would leave.",
])
def test_no_statement(text):
    q = quotes_in_text(text)
    assert q.empty, q[["mode", "text", "speaker"]].values.tolist()


def test_cognition_verb_inside_a_statement_is_part_of_it():
    q = quotes_in_text("Mr Blinken said the US believes that the government can cope.")
    assert q["speaker"].tolist() == ["Antony Blinken"]
    q = quotes_in_text("The US believes that the government can cope.")
    assert q["speaker"].tolist() == ["United States"]


def test_reported_speech_inside_a_quotation_is_its_own_statement():
    text = ("Secretary of State Antony Blinken phoned his counterpart. “The Secretary reiterated "
            "that the US supports Kazakhstan,” State Department spokesperson Ned Price said.")
    q = quotes_in_text(text)
    assert q[["mode", "speaker", "speaker_resolution"]].values.tolist() == [
        ["quoted", "Ned Price", "named"], ["reported", "Antony Blinken", "title"]]
    # "I" inside a quotation is the quoted speaker, not a statement of its own
    q = quotes_in_text("“As I said before, we will win,” Putin said.")
    assert q[["mode", "speaker"]].values.tolist() == [["quoted", "Vladimir Putin"]]


def test_reported_statement_made_of_a_quotation_is_not_repeated():
    q = quotes_in_text("He said: “The West should act.” Mr Blinken agreed.")
    assert q["mode"].tolist() == ["quoted"]


def test_reported_words_outside_quotations_are_counted_once():
    text = ("Putin said the alliance had prevented “terrorists and looters” from winning, "
            "adding that forces would leave.")
    q = quotes_in_text(text)
    quoted = q[q["mode"] == "quoted"].iloc[0]
    reported = q[q["mode"] == "reported"].iloc[0]
    assert quoted["text"] == "terrorists and looters" and quoted["n_words"] == 3
    # "the alliance had prevented" + "from winning, adding that forces would leave."
    assert reported["n_words"] == 4 + 7
    assert len(q[q["mode"] == "reported"]) == 1  # "adding" lies inside "said": one statement


def test_scare_quotes_are_kept_apart():
    text = "Russian paratroopers, or “peacekeeping forces” arrived. So-called “experts” came."
    assert quotes_in_text(text).empty
    scare = scare_quotes_in_text(text)
    assert scare.columns.tolist() == SCARE_COLUMNS
    assert scare["text"].tolist() == ["peacekeeping forces", "experts"]
    assert scare["so_called"].tolist() == [False, True]
    assert scare["n_words"].tolist() == [2, 1]


def test_table_columns_types_and_offsets():
    text = ("US Secretary of State Antony Blinken spoke on Friday. “We have questions,” "
            "Mr Blinken said. He added that the US was watching.")
    q = quotes_in_text(text, doc_id="d1")
    assert q.columns.tolist() == QUOTE_COLUMNS
    assert set(q["speaker_resolution"]) <= set(SPEAKER_RESOLUTIONS)
    for row in q.itertuples():
        assert text[row.start:row.end] == row.text
        assert text[row.speaker_start:row.speaker_end] in ("Antony Blinken", "Blinken")
        assert text[row.cue_start:row.cue_end] == row.cue
    assert q["doc_id"].tolist() == ["d1", "d1"]
    assert q["sentence_id"].tolist() == [1, 2] and q["last_sentence_id"].tolist() == [1, 2]
    assert q["speaker_country"].tolist() == ["United States"] * 2
    assert q["speaker_kind"].tolist() == ["person"] * 2
    assert str(q["speaker_start"].dtype) == "Int64" and q["n_words"].dtype == np.int64
    # the pronoun's name was found in an earlier sentence
    assert q["speaker_raw"].tolist() == ["Mr Blinken", "He"]
    assert q["speaker_start"][1] < text.index("He added")


def test_multi_sentence_and_multi_paragraph_quotation():
    text = ("“The state of affairs came as a shock. It seemed stable,” Georgi Asatryan said.\n"
            "“Autocracies look stable at first.\n"
            "“But they are not,” he added.")
    q = quotes_in_text(text, unbalanced="flag")
    quoted = q[q["mode"] == "quoted"]
    assert quoted["speaker"].tolist() == ["Georgi Asatryan"] * len(quoted)
    first = quoted.iloc[0]
    assert (first["sentence_id"], first["last_sentence_id"]) == (0, 1)


# ---------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------


def test_unbalanced_marks_warn_and_quotation_runs_to_the_end():
    text = "Mr Blinken said: “Once they are in your house, they stay"
    with pytest.warns(UnbalancedQuotesWarning, match="did not pair up"):
        q = quotes_in_text(text)
    row = q[q["mode"] == "quoted"].iloc[0]
    assert row["end"] == len(text) and not row["closed"]
    assert row["speaker"] == "Antony Blinken"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert not quotes_in_text(text, unbalanced="flag")["closed"].all()


def test_nested_quotations_have_their_own_speakers():
    text = ("“Tokayev said ‘we will restore order’ and then he called them “terrorists” in "
            "public,” the publication notes.")
    q = quotes_in_text(text, unbalanced="flag")
    quoted = q[q["mode"] == "quoted"]
    assert len(quoted) >= 1
    assert quoted["end"].max() <= len(text)


@pytest.mark.parametrize("text", [
    "",
    "“",
    "”,",
    "\"\"\"\"",
    "he said",
    "Said: “",
    "«Nested « quotes » never » closed «",
    "word " * 20_000,                               # no punctuation at all
    "Word Minister Said " * 5_000,                   # capitalised runs everywhere
    ("“" + "he said it " * 10) * 500,                # many unclosed quotations
    "He said the ministry said they said it said. " * 1_000,
])
def test_bad_input_never_crashes(text):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnbalancedQuotesWarning)
        q = quotes_in_text(text)
    assert q.columns.tolist() == QUOTE_COLUMNS
    assert ((q["start"] >= 0) & (q["end"] <= len(text)) & (q["start"] < q["end"])).all()


def test_quotes_in_text_rejects_bad_arguments():
    with pytest.raises(TypeError, match="text must be str"):
        quotes_in_text(b"bytes")
    with pytest.raises(ValueError, match="unbalanced must be"):
        quotes_in_text("x", unbalanced="ignore")
    with pytest.raises(TypeError, match="actors must be"):
        quotes_in_text("x", actors=42)


# ---------------------------------------------------------------------------
# Actors
# ---------------------------------------------------------------------------


def test_bundled_actors_file():
    assert list_bundled_actors() == ["actors-kazakhstan-2022"]
    actors = load_actors()
    assert actors is not None and len(actors) > 50
    assert load_actors("actors-kazakhstan-2022").lookup("Blinken").name == "Antony Blinken"
    table = actors.table
    assert table.columns.tolist() == [*ACTOR_COLUMNS, "line"]
    assert not table["role"].eq("unknown").any()
    assert actors.lookup("the Daily Beast").name == "The Daily Beast"
    assert actors.lookup("KASSYM JOMART TOKAYEV").name == "Kassym-Jomart Tokayev"
    assert actors.state("China’s").demonyms == ("Chinese",)
    assert actors["Vladimir Putin"].country == "Russia"
    with pytest.raises(KeyError, match="did you mean 'Vladimir Putin'"):
        actors["Vladimir Puttin"]


def test_actor_mentions_respect_case_of_acronyms_and_single_words():
    actors = load_actors()
    text = "Tell us what the US and the UN did; the amnesty and Amnesty International differ."
    found = [(text[s:e], a.name) for s, e, a in actors.mentions(text)]
    assert ("US", "United States") in found and ("UN", "United Nations") in found
    assert all(surface != "us" for surface, _ in found)
    assert ("Amnesty International", "Amnesty International") in found
    assert all(surface != "amnesty" for surface, _ in found)


def write(tmp_path, text: str, name: str = "actors.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


HEADER = "name,aliases,kind,role,country,demonyms,titles,notes\n"


@pytest.mark.parametrize(("body", "line", "match"), [
    ("", 1, "empty"),
    ("name,alias,kind,role\nX,,person,expert\n", 1, "did you mean 'aliases'"),
    ("name,kind\nX,person\n", 1, "required column.*role"),
    ("name,kind,role,kind\nX,person,expert,person\n", 1, "appears twice"),
    (HEADER + "Jane Roe,,persn,expert,,,,\n", 2, "did you mean 'person'"),
    (HEADER + "Jane Roe,,person,Expert Witness,,,,\n", 2, "snake_case"),
    (HEADER + "Jane Roe,,person,unknown,,,,\n", 2, "reserved"),
    (HEADER + ",Roe,person,expert,,,,\n", 2, "empty name"),
    (HEADER + "Jane Roe,Roe,person,expert,,,,\nJane Roe,,person,expert,,,,\n", 3,
     "listed twice.*line 2"),
    (HEADER + "Jane Roe,Roe,person,expert,,,,\nRick Roe,Roe,person,expert,,,,\n", 3,
     "also a name or alias of 'Jane Roe' \\(line 2\\)"),
    (HEADER + "Jane Roe,Roe; roe,person,expert,,,,\n", 2, "repeats"),
    (HEADER + "Jane Roe,,person,expert,,Janish,,\n", 2, "demonyms"),
    (HEADER + "Jane Roe,Roe,person,expert\n", 2, "4 fields where the header has 8"),
    (HEADER + "Jane Roe,!!!,person,expert,,,,\n", 2, "cannot be matched"),
    (HEADER, None, "lists no actors"),
])
def test_actors_file_errors_name_file_line_and_fix(tmp_path, body, line, match):
    path = write(tmp_path, body)
    with pytest.raises(ActorsError, match=match) as info:
        load_actors(path)
    err = info.value
    assert isinstance(err, ValueError)
    assert err.source == str(path) and err.line == line and err.fix
    assert str(path) in str(err) and "Fix:" in str(err)
    if line is not None:
        assert f"line {line}" in str(err)


def test_actors_file_encoding_and_missing_files(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes((HEADER + "José Roe,,person,expert,,,,\n").encode("latin-1"))
    with pytest.raises(ActorsError, match=r"line 2.*not valid utf-8"):
        load_actors(path)
    assert load_actors(path, encoding="latin-1").lookup("José Roe").role == "expert"
    with pytest.raises(FileNotFoundError, match="not found"):
        load_actors(tmp_path / "nope.csv")
    with pytest.raises(FileNotFoundError, match="bundled: actors-kazakhstan-2022"):
        load_actors("actors-nowhere")


def test_researchers_pass_their_own_actors_file(tmp_path):
    path = write(tmp_path, HEADER + (
        "Jane Roe,Roe,person,ngo,Utopia,,Utopian president,\n"
        "Utopia,Capitol City,state,utopian_government,Utopia,Utopian,,\n"
        "Utopian Interior Ministry,,institution,utopian_government,Utopia,,,\n"))
    actors = load_actors(path)
    text = ("“Police must stop,” Roe said. The Utopian president said the curfew was illegal. "
            "Utopia’s interior ministry said the curfew would end. Mr Smith said nothing new.")
    q = quotes_in_text(text, actors=actors)
    assert q["speaker"].tolist() == ["Jane Roe", "Jane Roe", "Utopian Interior Ministry",
                                     "Smith"]
    assert q["speaker_role"].tolist() == ["ngo", "ngo", "utopian_government", "unknown"]
    assert q["speaker_resolution"].tolist() == ["named", "title", "named", "named"]
    unknown = unknown_speakers(q)
    assert unknown["speaker"].tolist() == ["Smith"]
    assert unknown.loc[0, "raw_forms"] == "Mr Smith" and unknown.loc[0, "n_statements"] == 1


def test_actors_from_frame_and_memory():
    actors = Actors.from_frame(pd.DataFrame({
        "name": ["Jane Roe"], "aliases": ["Roe; J. Roe"], "kind": ["person"],
        "role": ["expert"]}))
    assert actors.lookup("J. Roe").name == "Jane Roe"
    with pytest.raises(ActorsError, match="listed twice"):
        Actors([Actor("A B", kind="person", role="x"), Actor("A B", kind="person", role="x")])
    with pytest.raises(TypeError, match="Actor objects"):
        Actors(["Jane Roe"])


def test_unknown_speakers_are_listed_not_guessed():
    text = ("Aidos Sarym, a protester in Almaty, said the square was calm. “We want change,” "
            "Sarym told the BBC. Officials in Tashkent said nothing had happened.")
    q = quotes_in_text(text)
    assert (q["speaker_role"] == "unknown").all()
    table = unknown_speakers(q)
    assert table.columns.tolist() == ["speaker", "speaker_kind", "n_statements", "n_quoted",
                                      "n_reported", "n_docs", "raw_forms", "examples"]
    assert table["speaker"].tolist()[0] == "Aidos Sarym"
    first = table.iloc[0]
    assert (first["n_statements"], first["n_quoted"], first["n_reported"]) == (2, 1, 1)
    assert first["raw_forms"] == "Aidos Sarym; Sarym" and first["speaker_kind"] == "person"
    assert unknown_speakers(q[q["speaker_role"] != "unknown"]).empty
    with pytest.raises(ValueError, match="lacks column"):
        unknown_speakers(pd.DataFrame({"speaker": []}))


# ---------------------------------------------------------------------------
# Corpora, sourcing profile, validation
# ---------------------------------------------------------------------------


def test_extract_quotes_on_a_corpus_drops_boilerplate_and_warns_once(seed_quotes):
    assert seed_quotes.columns.tolist() == QUOTE_COLUMNS
    assert seed_quotes["doc_id"].nunique() == 5
    corpus = load_kazakhstan_2022()
    for row in seed_quotes.itertuples():
        assert corpus[row.doc_id].text[row.start:row.end] == row.text
    with pytest.warns(UnbalancedQuotesWarning) as record:
        everything = extract_quotes(corpus, boilerplate=True)
    assert len(record) == 1
    assert len(everything) >= len(seed_quotes)


def test_extract_scare_quotes_on_a_corpus():
    frame = pd.DataFrame({"doc_id": ["a"], "text": [
        "Russian paratroopers, or “peacekeeping forces” arrived. Crowds cheered the “heroes”."]})
    table = extract_scare_quotes(frame)
    assert table["text"].tolist() == ["peacekeeping forces", "heroes"]
    assert table["doc_id"].tolist() == ["a", "a"]


def tiny_quotes() -> pd.DataFrame:
    return pd.DataFrame({
        "doc_id": ["a", "a", "a", "b"],
        "start": [0, 30, 100, 0],
        "end": [20, 80, 120, 50],
        "mode": ["quoted", "reported", "quoted", "quoted"],
        "speaker": ["Antony Blinken", "Vladimir Putin", None, "Vladimir Putin"],
        "speaker_role": ["us_government", "russian_government", None, "russian_government"],
        "n_words": [4, 10, 6, 5],
    })


def test_sourcing_profile_by_hand():
    docs = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["BBC", "RT"]})
    matches = pd.DataFrame({
        "doc_id": ["a", "a", "a", "a", "b", "b"],
        "start": [5, 40, 60, 200, 10, 10],
        "end": [10, 45, 70, 210, 15, 15],
        "frame": ["coup", "coup", "win", "coup", "win", "coup"],
        "voice": ["attributed", "attributed", "authorial", "attributed", "attributed",
                  "attributed"],
    })
    prof = sourcing_profile(tiny_quotes(), matches, documents=docs)
    assert prof.columns.tolist() == [
        "outlet", "speaker_role", "n_statements", "n_quoted", "n_reported", "n_speakers",
        "speakers", "words", "share_words", "n_frame_matches", "frame_coup", "frame_win"]
    rows = {(r.outlet, r.speaker_role): r for r in prof.itertuples()}
    bbc_ru = rows[("BBC", "russian_government")]
    assert (bbc_ru.n_statements, bbc_ru.n_reported, bbc_ru.words) == (1, 1, 10)
    assert bbc_ru.share_words == pytest.approx(10 / 20)
    # the authorial match at 60-70 does not count; the match at 200 is outside statements
    assert (bbc_ru.frame_coup, bbc_ru.frame_win, bbc_ru.n_frame_matches) == (1, 0, 1)
    bbc_us = rows[("BBC", "us_government")]
    assert (bbc_us.frame_coup, bbc_us.share_words, bbc_us.speakers) == (
        1, pytest.approx(4 / 20), "Antony Blinken (4)")
    assert rows[("BBC", "unresolved")].words == 6
    rt = rows[("RT", "russian_government")]
    assert (rt.share_words, rt.frame_coup, rt.frame_win) == (1.0, 1, 1)
    # by document, no metadata needed; no matches, no frame columns
    by_doc = sourcing_profile(tiny_quotes(), by="doc_id")
    assert "n_frame_matches" not in by_doc.columns
    assert by_doc.groupby("doc_id")["share_words"].sum().tolist() == pytest.approx([1.0, 1.0])


def test_sourcing_profile_innermost_statement_wins():
    quotes = pd.DataFrame({
        "doc_id": ["a", "a"], "start": [0, 10], "end": [100, 30],
        "mode": ["reported", "quoted"], "speaker": ["The Daily Beast", "Kassym-Jomart Tokayev"],
        "speaker_role": ["media", "kazakh_government"], "n_words": [15, 3]})
    matches = pd.DataFrame({"doc_id": ["a", "a"], "start": [12, 50], "end": [20, 55],
                            "frame": ["coup", "coup"]})
    prof = sourcing_profile(quotes, matches, by="doc_id").set_index("speaker_role")
    assert prof.loc["kazakh_government", "frame_coup"] == 1
    assert prof.loc["media", "frame_coup"] == 1


def test_sourcing_profile_errors():
    with pytest.raises(ValueError, match="pass documents="):
        sourcing_profile(tiny_quotes())
    with pytest.raises(ValueError, match="need the columns doc_id and 'outlet'"):
        sourcing_profile(tiny_quotes(), documents=pd.DataFrame({"doc_id": ["a"]}))
    with pytest.raises(TypeError, match="documents must be"):
        sourcing_profile(tiny_quotes(), documents=["a"])
    with pytest.raises(ValueError, match="lacks column"):
        sourcing_profile(tiny_quotes().drop(columns="n_words"), by="doc_id")
    with pytest.raises(ValueError, match="matches lacks column"):
        sourcing_profile(tiny_quotes(), pd.DataFrame({"doc_id": []}), by="doc_id")


def test_validate_sources_by_hand():
    coded = pd.DataFrame({
        "doc_id": ["a"] * 4, "start": [0, 25, 90, 130], "end": [24, 89, 129, 160],
        "quoted_speakers": ["Antony Blinken", "", "Vladimir Putin", ""],
        "reported_speakers": ["", "Vladimir Putin; Kremlin", "", ""],
        "text": ["u0", "u1", "u2", "u3"]})
    table = validate_sources(tiny_quotes(), coded).set_index("measure")
    acc = table.loc["quoted_speaker_accuracy"]
    # unit 0: Blinken (match); unit 2: the quotation has no speaker (mismatch)
    assert (acc["n"], acc["count"], acc["value"]) == (2, 1, 0.5)
    inv = table.loc["invented_quotations"]
    assert (inv["n"], inv["count"]) == (2, 0)
    rep = table.loc["reported_speakers"]
    assert (rep["tp"], rep["fp"], rep["fn"]) == (1, 0, 1)
    assert rep["precision"] == 1.0 and rep["recall"] == 0.5
    detail = validate_sources(tiny_quotes(), coded, detail=True)
    assert detail["quoted_match"].tolist() == [True, True, False, True]
    assert detail.loc[1, "predicted_reported"] == "vladimir putin"
    with pytest.raises(ValueError, match="coded_sources lacks"):
        validate_sources(tiny_quotes(), coded.drop(columns="quoted_speakers"))


def test_seed_speaker_accuracy_meets_the_target(seed_quotes):
    table = validate_sources(seed_quotes, load_kazakhstan_2022_sources()).set_index("measure")
    assert table.loc["quoted_speaker_accuracy", "n"] >= 60
    assert table.loc["quoted_speaker_accuracy", "value"] >= 0.90
    assert table.loc["invented_quotations", "value"] <= 0.05
    assert table.loc["quoted_speakers", "precision"] >= 0.90
    assert table.loc["reported_speakers", "precision"] >= 0.85
    assert table.loc["reported_speakers", "recall"] >= 0.65


def test_seed_sourcing_profile_shows_who_speaks(seed_quotes):
    corpus = load_kazakhstan_2022()
    prof = sourcing_profile(seed_quotes, documents=corpus).set_index(["outlet", "speaker_role"])
    # the BBC story is built on the US Secretary of State, the Newsweek one on Russians
    bbc = prof.loc["BBC News"]
    assert bbc["words"].idxmax() == "us_government"
    assert prof.loc[("Newsweek", "russian_government"), "words"] > 0
    assert prof.loc[("The Daily Beast", "media"), "share_words"] > 0.5


def test_module_doctests():
    result = doctest.testmod(framing.quotes, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0 and result.attempted > 20

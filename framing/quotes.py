"""Who speaks: quotations and reported speech with canonical speakers, actors and sourcing.

Framing is done through sources as much as through words: which voices an outlet
quotes, how much room each gets, and what they say. This module turns the
quotations and reporting cues that :mod:`framing.voice` finds into a table of
*statements*, one row per direct quotation (``mode="quoted"``) or reported-speech
statement (``mode="reported"``), each with a canonical speaker, the speaker's
actor role and country, and offsets into the original text. The coding rules are
those of ``docs/codebook-sources.md``.

:func:`quotes_in_text`
    the statements of one text (a pure function of the text, its sentences and
    the actors file);
:func:`extract_quotes`
    the statements of a corpus or of an :class:`~framing.pipeline.Analysis`
    (statements in boilerplate sentences are dropped);
:func:`extract_scare_quotes`
    scare quotes (a short phrase in quotation marks with no speaker), kept apart;
:func:`load_actors`
    the editable actors file (bundled: ``lexicons/actors-kazakhstan-2022.csv``);
:func:`unknown_speakers`
    speakers the actors file does not know, for the researcher to classify;
:func:`sourcing_profile`
    per outlet (or any grouping) and actor role: statements, words and the
    frames each role carries;
:func:`validate_sources`
    agreement with speaker coding such as ``seeds-sources.csv``.

Statements
----------
* ``quoted``: a direct quotation that :func:`framing.voice.find_quotations` calls
  ``"direct"``; ``start``/``end`` cover the quoted words (without the marks). Scare
  quotes are not statements (see :func:`extract_scare_quotes`).
* ``reported``: the complement of a reporting cue (``reported_speech``,
  ``retelling``, ``according_to``, ``headline_colon`` and speaker-bearing
  ``what_called`` spans of :func:`framing.voice.find_voice_spans`), and
  "citing X" / "quoting X" (X is a reported speaker of the sentence).

  - A cue whose complement is (nearly) all inside direct quotations only
    attributes them and makes no reported row, unless the cue itself lies in that
    quotation: reported speech inside a quotation is a statement of its own
    ('"The Secretary reiterated that ...," Price said' has Price quoted and
    Blinken reported).
  - A cognition verb ("believes", "thinks", "hopes") nested in another statement
    is part of it ("Mr Blinken said the US believes ..." has one speaker).
  - "I", "we" and "you" are never speakers: inside a quotation they are its
    speaker, outside it they are the author.
  - A reported row inside another reported row of the same speaker is dropped.
  - ``n_words`` of a reported row counts only its words outside direct
    quotations, so quoted words are never counted twice.
  - Wire-service credits ("reports Reuters") make no statement
    (:mod:`framing.voice` drops them).

Finding the speaker
-------------------
The raw speaker is the subject or postposed name :mod:`framing.voice` attaches to
the cue. A direct quotation with no cue takes, in order: the subject of its
sentence when the quotation follows it ("On Friday, Blinken briefed reporters on
... a "coordinated response ..."", "He had a warning: "..."") (the cue column then
reads ``(subject)``); the speaker of the previous direct quotation, when this one
opens a paragraph and the previous one is in the same or the previous paragraph
(the news convention for consecutive quotation paragraphs;
``speaker_resolution="previous_quote"``); else no speaker
(``"unresolved"``).

Canonical speakers (``speaker_resolution``)
-------------------------------------------
``named``
    The raw speaker contains a name: an alias from the actors file (the rightmost
    one, since titles precede names: "State Department spokesperson Ned Price"),
    else the capitalised name at its end after honorifics, titles, demonyms and
    country names ("US Secretary of State Antony Blinken" -> "Antony Blinken").
    A lone surname ("Blinken", "Mr Blinken") becomes the full name the document
    gives anywhere (the nearest earlier full name with that surname, else the
    nearest later one). Aliases map to the canonical name. A country or capital
    speaking ("Moscow hinted ...") is the state's actor, unless an institution of
    that country spoke in the same or the previous paragraph, which it then stands
    for (``"institution"``).
``pronoun``
    "he"/"she" -> the last person named before the pronoun (an actor-file person,
    a name with an honorific or title, a known surname, or a resolved speaker);
    "it" -> the last institution, outlet or state speaker; "they" -> the last
    group or institution. Gender is not guessed beyond he/she = person. Names
    inside a quotation that does not contain the pronoun are skipped (in
    '"... Putin ...," he said' the pronoun is not Putin). A pronoun with no
    antecedent takes the first person named after it in the same or the next
    sentence (ledes name the speaker after describing them), else it is
    ``"unresolved"``.
``title``
    A title with no name ("the Secretary", "the Kazakh president", "the President
    of Kazakhstan") -> the last person the document names with that title
    ("Secretary of State Antony Blinken"), else the actor whose ``titles`` in the
    actors file contain it (the one mentioned most recently in the document when
    several do). Possessives and "of <country>" become demonyms ("Kazakhstan's
    president" = "Kazakh president").
``institution``
    A definite institution or outlet ("the ministry", "the publication") -> the
    last institution (or outlet) with that head noun named before it ("the Russian
    Foreign Ministry"); also country metonyms (above).
``previous_quote``
    See "Finding the speaker".
``description``
    A speaker described but not named ("Officials in Moscow", "international
    experts", "a State Department spokesperson"): the description is the speaker,
    with possessive and "in"/"of" countries turned into demonyms ("Officials in
    Moscow" -> "Russian officials", "China's foreign ministry" -> "Chinese Foreign
    Ministry"), and looked up in the actors file.
``unresolved``
    A pronoun or definite description with no compatible antecedent, or a
    quotation with no speaker: ``speaker`` is empty.

Actors
------
The actors file (CSV, UTF-8) has one row per actor: ``name`` (canonical),
``aliases`` (``; ``-separated; matched like lexicon patterns, case-insensitively,
except that a one-word alias must be capitalised in the text and an all-capitals
alias of up to five letters ("US", "AP") must be in capitals), ``kind``
(:data:`ACTOR_KINDS`), ``role`` (snake_case, e.g. :data:`SUGGESTED_ROLES`),
``country``, ``demonyms`` (states only: "Russian"), ``titles`` (descriptions
that identify the actor in this event: "Kazakh president") and ``notes``. Speakers
the file does not know get role ``"unknown"``: they are never guessed, and
:func:`unknown_speakers` lists them.

Limits
------
Speakers come from surface patterns (:mod:`framing.voice`), not a parser: a
subject separated from its verb by a long relative clause with inner commas can
be missed or misread, and a pronoun is resolved to the last compatible mention,
which is wrong when another person is named in between. Work is linear in the
text length: one regular-expression pass per kind of mention and bounded work per
statement.
"""

# Quotation marks are part of this module's subject.

from __future__ import annotations

import csv
import difflib
import io
import re
import warnings
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from framing.lexicon import Lexicon, LexiconError, pattern_words
from framing.normalize import normalize
from framing.segmentation import TOKEN_PATTERN, split_lines, split_sentences
from framing.voice import (
    Quotation,
    UnbalancedQuotesWarning,
    VoiceCues,
    find_quotations,
    find_voice_spans,
    load_voice_cues,
)

__all__ = [
    "ACTOR_COLUMNS",
    "ACTOR_KINDS",
    "QUOTE_COLUMNS",
    "SCARE_COLUMNS",
    "SPEAKER_RESOLUTIONS",
    "SUGGESTED_ROLES",
    "Actor",
    "Actors",
    "ActorsError",
    "extract_quotes",
    "extract_scare_quotes",
    "list_bundled_actors",
    "load_actors",
    "quotes_in_text",
    "scare_quotes_in_text",
    "sourcing_profile",
    "unknown_speakers",
    "validate_sources",
]

#: Columns of the statements table (:func:`quotes_in_text`, :func:`extract_quotes`).
QUOTE_COLUMNS: list[str] = [
    "doc_id", "start", "end", "text", "mode", "speaker", "speaker_raw", "speaker_start",
    "speaker_end", "speaker_resolution", "speaker_kind", "speaker_role", "speaker_country",
    "cue", "cue_start", "cue_end", "sentence_id", "last_sentence_id", "n_words", "closed",
]

#: Columns of the scare-quote table (:func:`extract_scare_quotes`).
SCARE_COLUMNS: list[str] = ["doc_id", "start", "end", "text", "sentence_id", "n_words",
                            "so_called"]

#: Values of ``speaker_resolution``, in documentation order.
SPEAKER_RESOLUTIONS: tuple[str, ...] = (
    "named", "pronoun", "title", "institution", "previous_quote", "description", "unresolved",
)

#: Values of the ``kind`` column of an actors file.
ACTOR_KINDS: tuple[str, ...] = ("person", "institution", "group", "media", "state")

#: Columns of an actors file (``name``, ``kind`` and ``role`` are required).
ACTOR_COLUMNS: tuple[str, ...] = ("name", "aliases", "kind", "role", "country", "demonyms",
                                  "titles", "notes")

#: Roles used by the bundled actors file; any snake_case role is allowed.
SUGGESTED_ROLES: tuple[str, ...] = (
    "kazakh_government", "russian_government", "us_government", "chinese_government",
    "other_government", "international_organisation", "ngo", "expert", "media", "protesters",
)

#: Role of a speaker the actors file does not list (reserved).
UNKNOWN_ROLE = "unknown"

_BUNDLED_ACTORS = "actors-kazakhstan-2022"
_REPORTED_REASONS = frozenset({"reported_speech", "retelling", "according_to",
                               "headline_colon", "what_called"})

# ---------------------------------------------------------------------------
# Word lists (lower case). They describe English news prose, not one corpus.
# ---------------------------------------------------------------------------

_HONORIFICS = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "gen", "col",
    "sen", "rep", "rev", "sheikh", "st",
})
#: Head nouns of a person's title ("the Secretary", "Kazakh President", "spokesperson").
_PERSON_TITLES = frozenset({
    "president", "vice-president", "minister", "secretary", "secretary-general",
    "spokesperson", "spokesman", "spokeswoman", "ambassador", "envoy", "diplomat", "leader",
    "chief", "head", "chairman", "chairwoman", "chair", "director", "commander", "general",
    "governor", "mayor", "prosecutor", "professor", "lecturer", "researcher", "expert",
    "analyst", "adviser", "advisor", "official", "senator", "lawmaker", "king", "queen",
    "premier", "chancellor", "deputy", "aide", "correspondent", "journalist", "editor",
    "scientist", "doctor", "lawyer", "judge", "activist", "founder", "fellow", "economist",
    "historian", "politician", "candidate", "representative", "counterpart", "reporter",
    "prime", "foreign", "state", "defence", "defense", "interior", "affairs", "press",
    "national", "security", "acting", "former", "top", "senior",
    # occupations of ordinary speakers ("Jane Roe, a teacher, said")
    "teacher", "student", "worker", "resident", "protester", "protestor", "demonstrator",
    "engineer", "writer", "blogger", "farmer", "driver", "nurse", "businessman",
    "businesswoman", "entrepreneur", "priest", "imam", "owner", "manager", "officer",
    "soldier", "volunteer", "pensioner", "witness", "survivor", "mother", "father",
})
#: Head nouns of institutions ("the ministry", "the Interior Ministry").
_INSTITUTION_HEADS = frozenset({
    "ministry", "department", "office", "council", "committee", "government",
    "administration", "agency", "service", "embassy", "court", "parliament", "assembly",
    "senate", "commission", "bureau", "kremlin", "army", "military", "police", "union",
    "alliance", "organisation", "organization", "party", "bank", "university", "college",
    "school", "institute", "centre", "center", "foundation", "division", "cabinet",
    "presidency", "mission", "delegation", "secretariat", "watch", "forces", "guard",
})
#: Institution heads written in title case in a canonical name ("Chinese Foreign Ministry").
_TITLECASE_HEADS = frozenset({
    "ministry", "department", "office", "council", "committee", "agency", "service",
    "embassy", "court", "parliament", "assembly", "senate", "commission", "bureau",
    "institute", "university", "college", "foundation", "division", "secretariat",
})
#: Lower-case words that may modify an institution head ("foreign ministry").
_INSTITUTION_MODIFIERS = frozenset({
    "foreign", "interior", "defence", "defense", "internal", "justice", "health", "finance",
    "security", "emergency", "emergencies", "state", "federal", "national", "central",
    "affairs", "international", "economy", "energy", "information", "press",
})
#: Plural heads of group speakers ("officials", "experts").
_GROUP_HEADS = frozenset({
    "officials", "experts", "analysts", "observers", "critics", "activists", "protesters",
    "protestors", "demonstrators", "residents", "witnesses", "sources", "diplomats",
    "lawmakers", "leaders", "authorities", "people", "citizens", "officers", "troops",
    "soldiers", "journalists", "reporters", "campaigners", "researchers", "scientists",
    "economists", "politicians", "members", "representatives", "leadership", "villagers",
    "locals", "students", "workers", "voters", "doctors", "lawyers", "opposition",
})
_DETERMINERS = frozenset({
    "the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our",
    "some", "several", "many", "all", "both", "other", "one", "two", "three", "another",
})
_CONNECTORS = frozenset({"of", "de", "du", "da", "van", "von", "bin", "al", "la", "le", "der"})
_CAP_STOP = frozenset({
    "the", "a", "an", "but", "and", "however", "so", "yet", "or", "on", "in", "at", "as",
    "since", "when", "while", "after", "before", "meanwhile", "also", "then", "this", "that",
    "these", "those", "if", "although", "though", "because", "for", "from", "with", "by",
    "to", "of", "despite", "unlike", "like", "now", "here", "there", "what", "why", "how",
    "where", "who", "which", "it", "he", "she", "they", "we", "i", "its", "his", "her",
    "their", "our", "my", "your", "both", "all", "some", "many", "most", "each", "every",
    "no", "not", "only", "even", "still", "just", "later", "earlier", "last", "next",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "citing", "quoting", "according", "read", "more",
    "moreover", "furthermore", "instead", "thus", "therefore", "western", "eastern",
    "northern", "southern", "central", "north", "south", "east", "west",
})
#: Words that change who a title designates ("former president" is not "president").
_QUALIFIERS = frozenset({"former", "ex", "deputy", "vice", "acting", "late", "future",
                         "incoming", "outgoing", "assistant"})
_PLACE_PREPOSITIONS = frozenset({"in", "at", "from", "of", "for", "with", "near", "on", "to",
                                 "by", "across", "inside", "outside", "within"})
#: Heads of a definite description of any institution ("the group said").
_GENERIC_INSTITUTION_HEADS = frozenset({"group", "organisation", "organization", "body",
                                        "watchdog", "bloc", "ngo", "charity"})
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
_AUTHOR_PRONOUNS = frozenset({"i", "we", "you", "me", "us"})
#: Verbs of thinking: nested in another statement they are part of it.
_COGNITION_VERBS = frozenset({
    "believe", "believes", "believed", "believing", "think", "thinks", "thought", "hope",
    "hopes", "hoped", "feel", "feels", "felt", "know", "knows", "knew", "fear", "fears",
    "feared", "expect", "expects", "expected", "understand", "understands", "understood",
})

_WORD_RE = re.compile(r"\w+(?:[’'.\-\u2010\u2011]\w+)*\.?")
_COUNT_RE = re.compile(TOKEN_PATTERN)
# a run of capitalised words (a name or a title), at most eight, on one line
_CAP = r"[A-Z][\w’'\-\u2010\u2011.]*"
_NAME_RUN_RE = re.compile(
    rf"(?<![\w’'\-]){_CAP}(?:[ \t\xa0]+(?:(?:of|de|van|von|bin|al|la|der)[ \t\xa0]+)?{_CAP}){{0,7}}"
)
_CITING_RE = re.compile(r"\b(?:[Cc]iting|[Qq]uoting)\s+")
# inside a speaker, scraped text may glue it to the name ("Daily beastciting")
_GLUED_CITING_RE = re.compile(r"(?:\b|(?<=[a-z]))(?:citing|quoting)\s+")
_QUOTE_MARKS = "\"'“”‘’«»„‚‹›"


class ActorsError(ValueError):
    """An invalid actors file; the message names the file, the line and the fix.

    Attributes
    ----------
    source : str or None
        The file (or ``"<memory>"``).
    line : int or None
        1-based line number, when known.
    fix : str or None
        What to do about it.
    """

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None,
                 fix: str | None = None) -> None:
        super().__init__(message)
        self.source = source
        self.line = line
        self.fix = fix


def _actors_error(source: str, line: int | None, problem: str, fix: str) -> ActorsError:
    where = source + (f", line {line}" if line is not None else "")
    return ActorsError(f"{where}: {problem}. Fix: {fix}", source=source, line=line, fix=fix)


# ---------------------------------------------------------------------------
# Text keys
# ---------------------------------------------------------------------------


def _key(name: str) -> str:
    """Comparison key of a name: case, accents, quote and dash glyphs, hyphens,
    spacing and a leading "the" do not matter ("The Daily Beast" = "daily beast")."""
    s = normalize(name).text.replace("-", " ")
    s = " ".join(s.split())
    if s.startswith("the "):
        s = s[4:]
    return s


def _poss(tok: str) -> tuple[str, bool]:
    """Strip a possessive "'s" / "’s" / trailing apostrophe."""
    for suffix in ("’s", "'s", "’S", "'S"):
        if tok.endswith(suffix) and len(tok) > 2:
            return tok[: -len(suffix)], True
    if tok.endswith(("’", "'")) and len(tok) > 1:
        return tok[:-1], True
    return tok, False


def _is_title_word(word: str) -> bool:
    return (word in _HONORIFICS or word in _PERSON_TITLES
            or re.split(r"[-\u2010\u2011]", word)[0] in _PERSON_TITLES)


def _low(tok: str) -> str:
    return tok.lower().rstrip(".")


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper()


# ---------------------------------------------------------------------------
# Actors
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Actor:
    """One actor of an actors file.

    Attributes
    ----------
    name : str
        Canonical name ("Antony Blinken", "Russian Foreign Ministry").
    aliases : tuple of str
        Other names it goes by (the name itself is always an alias).
    kind : str
        One of :data:`ACTOR_KINDS`.
    role : str
        Actor role (snake_case, e.g. ``"us_government"``).
    country : str or None
        Country, if any.
    demonyms : tuple of str
        Adjectives of a state ("Russian"); states only.
    titles : tuple of str
        Descriptions that identify the actor in this event ("Kazakh president").
    notes : str or None
        Free text.
    line : int or None
        Line of the actor in its file.
    """

    name: str
    aliases: tuple[str, ...] = ()
    kind: str = "person"
    role: str = UNKNOWN_ROLE
    country: str | None = None
    demonyms: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    notes: str | None = None
    line: int | None = None


class Actors:
    """An actors file: canonical names, aliases, kinds, roles and countries.

    Build with :func:`load_actors` (a file, or the bundled one) or from a list of
    :class:`Actor` (or :meth:`from_frame`).

    Parameters
    ----------
    actors : iterable of Actor
    source : str, default "<memory>"
        Where they came from (used in error messages).

    Raises
    ------
    ActorsError
        Two actors with the same name, or an alias given to two actors.

    Examples
    --------
    >>> from framing.quotes import load_actors
    >>> actors = load_actors()
    >>> actors.lookup("Mr Blinken") is None, actors.lookup("Blinken").name
    (True, 'Antony Blinken')
    >>> actors.lookup("Blinken").role
    'us_government'
    """

    def __init__(self, actors: Iterable[Actor], *, source: str = "<memory>") -> None:
        self.source = source
        self._actors: list[Actor] = list(actors)
        self._by_key: dict[str, Actor] = {}
        self._by_name: dict[str, Actor] = {}
        for actor in self._actors:
            if not isinstance(actor, Actor):
                raise TypeError(f"actors must be Actor objects, got {type(actor).__name__}")
            if actor.name in self._by_name:
                first = self._by_name[actor.name]
                raise _actors_error(
                    source, actor.line,
                    f"actor {actor.name!r} is listed twice (first on line {first.line})",
                    "merge the two rows into one (put other spellings in aliases)")
            self._by_name[actor.name] = actor
            for alias in (actor.name, *actor.aliases):
                k = _key(alias)
                other = self._by_key.get(k)
                if other is not None and other is not actor:
                    raise _actors_error(
                        source, actor.line,
                        f"alias {alias!r} of {actor.name!r} is also a name or alias of "
                        f"{other.name!r} (line {other.line})",
                        "give each alias to one actor only (aliases are compared without "
                        "case, accents, a leading 'the' and hyphens)")
                self._by_key[k] = actor
        # demonyms and states
        self._demonym: dict[str, Actor] = {}
        self._state: dict[str, Actor] = {}
        for actor in self._actors:
            if actor.kind != "state":
                continue
            for alias in (actor.name, *actor.aliases):
                self._state[_key(alias)] = actor
            for dem in actor.demonyms:
                self._demonym[_key(dem)] = actor
        self._titles: list[tuple[frozenset[str], Actor]] = []
        for actor in self._actors:
            for title in actor.titles:
                words = self.title_words(title)
                if words:
                    self._titles.append((words, actor))

    # -- construction ---------------------------------------------------------

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, *, source: str = "<DataFrame>") -> Actors:
        """Build from a DataFrame with the columns of an actors file (:data:`ACTOR_COLUMNS`).

        Examples
        --------
        >>> import pandas as pd
        >>> from framing.quotes import Actors
        >>> actors = Actors.from_frame(pd.DataFrame({
        ...     "name": ["Jane Roe"], "aliases": ["Roe"], "kind": ["person"],
        ...     "role": ["expert"]}))
        >>> actors.lookup("roe").name
        'Jane Roe'
        """
        if not isinstance(frame, pd.DataFrame):
            raise TypeError(f"frame must be a DataFrame, got {type(frame).__name__}")
        buf = io.StringIO()
        frame.to_csv(buf, index=False)
        return _parse_actors(buf.getvalue(), source)

    # -- access ---------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._actors)

    def __iter__(self):
        return iter(self._actors)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name in self._by_name

    def __getitem__(self, name: str) -> Actor:
        try:
            return self._by_name[name]
        except KeyError:
            close = difflib.get_close_matches(name, list(self._by_name), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise KeyError(f"no actor named {name!r} in {self.source}{hint}") from None

    def __repr__(self) -> str:
        return f"<Actors from {self.source!r}: {len(self)} actors>"

    @property
    def table(self) -> pd.DataFrame:
        """The actors as a DataFrame (columns :data:`ACTOR_COLUMNS` and ``line``)."""
        rows = [{
            "name": a.name, "aliases": "; ".join(a.aliases), "kind": a.kind, "role": a.role,
            "country": a.country, "demonyms": "; ".join(a.demonyms),
            "titles": "; ".join(a.titles), "notes": a.notes, "line": a.line,
        } for a in self._actors]
        return pd.DataFrame(rows, columns=[*ACTOR_COLUMNS, "line"])

    def lookup(self, name: str) -> Actor | None:
        """The actor whose name or alias is ``name`` (see :func:`_key`), or None."""
        return self._by_key.get(_key(name))

    def state(self, name: str) -> Actor | None:
        """The state whose name, alias ("Moscow") or demonym ("Russian") is ``name``."""
        k = _key(_poss(name)[0])
        return self._state.get(k) or self._demonym.get(k)

    def demonym(self, state: Actor) -> str:
        """The first demonym of a state (its name if it has none)."""
        return state.demonyms[0] if state.demonyms else state.name

    def title_words(self, title: str) -> frozenset[str]:
        """Words of a title, with countries as demonyms and determiners removed.

        ``"the President of Kazakhstan"``, ``"Kazakhstan's president"`` and
        ``"Kazakh President"`` all give ``{"kazakh", "president"}``.
        """
        out: list[str] = []
        for w in _WORD_RE.findall(title):
            base, _ = _poss(w)
            low = _low(base)
            st = self._state.get(_key(base))
            if st is not None:
                out.append(_key(self.demonym(st)))
                continue
            if low in _DETERMINERS or low in ("of", "to", "in", "for"):
                continue
            out.extend(p for p in re.split(r"[-\u2010\u2011]", low) if p)
        return frozenset(out)

    def by_title(self, words: frozenset[str]) -> list[Actor]:
        """Actors one of whose titles contains all of ``words`` and no qualifier
        ("former", "deputy", ...) that ``words`` lack; the closest titles first."""
        if not words:
            return []
        best: dict[str, tuple[int, Actor]] = {}
        for tw, actor in self._titles:
            if words <= tw and not ((tw - words) & _QUALIFIERS):
                extra = len(tw - words)
                if actor.name not in best or extra < best[actor.name][0]:
                    best[actor.name] = (extra, actor)
        if not best:
            return []
        fewest = min(e for e, _ in best.values())
        return [a for e, a in best.values() if e == fewest]

    @cached_property
    def _matcher(self):
        from framing.matching import Matcher

        cats: dict[str, list[str]] = {}
        for actor in self._actors:
            pats: list[str] = []
            seen: set[tuple[str, ...]] = set()
            for alias in (actor.name, *actor.aliases):
                pat = alias.strip()
                if pat.lower().startswith("the "):
                    pat = pat[4:].strip()
                try:
                    words = pattern_words(pat)
                except LexiconError:
                    continue  # checked when the file was read
                if words in seen:
                    continue
                seen.add(words)
                pats.append(pat)
            cats[actor.name] = pats
        lex = Lexicon.from_dict(cats, name="actors")
        self._entry_actor = [self._by_name[e.category] for e in lex.entries]
        self._entry_pattern = [e.pattern for e in lex.entries]
        return Matcher(lex, overlap="longest")

    def mentions(self, text: str) -> list[tuple[int, int, Actor]]:
        """Every mention of an actor's name or alias in ``text``, as (start, end, actor).

        One-word aliases must be capitalised in the text, and all-capitals aliases of
        up to five letters ("US", "AP") must be in capitals ("us" is a pronoun).
        """
        found = self._matcher.find(text)
        out = []
        for s, e, entry in zip(found.start.tolist(), found.end.tolist(), found.entry.tolist(),
                               strict=True):
            pat = self._entry_pattern[entry]
            surface = text[s:e]
            letters = [c for c in pat if c.isalpha()]
            if letters and len(letters) <= 5 and all(c.isupper() for c in letters):
                if not all(c.isupper() for c in surface if c.isalpha()):
                    continue
            elif " " not in pat.strip() and pat[:1].isupper() and not surface[:1].isupper():
                continue
            out.append((s, e, self._entry_actor[entry]))
        return out


def _split_list(value: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in value.split(";") if p.strip())


def _parse_actors(text: str, source: str) -> Actors:
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise _actors_error(source, 1, "the file is empty",
                            f"start with the header {','.join(ACTOR_COLUMNS)}") from None
    header = [h.strip() for h in header]
    for col in header:
        if col not in ACTOR_COLUMNS:
            close = difflib.get_close_matches(col, ACTOR_COLUMNS, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise _actors_error(source, 1, f"unknown column {col!r}",
                                f"{hint}use only the columns {', '.join(ACTOR_COLUMNS)}")
    dup = [c for c in header if header.count(c) > 1]
    if dup:
        raise _actors_error(source, 1, f"column {dup[0]!r} appears twice", "keep one of them")
    missing = [c for c in ("name", "kind", "role") if c not in header]
    if missing:
        raise _actors_error(source, 1, f"required column(s) {', '.join(missing)} missing",
                            f"add them to the header (columns: {', '.join(ACTOR_COLUMNS)})")
    actors: list[Actor] = []
    line = reader.line_num
    for row in reader:
        first_line = line + 1
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise _actors_error(
                source, first_line,
                f"{len(row)} fields where the header has {len(header)}",
                "quote fields that contain commas with double quotes (\"a, b\"); separate "
                "aliases and titles with ';'")
        rec = {h: cell.strip() for h, cell in zip(header, row, strict=True)}
        name = rec.get("name", "")
        if not name:
            raise _actors_error(source, first_line, "empty name",
                                "give the actor's canonical name or delete the row")
        kind = rec.get("kind", "")
        if kind not in ACTOR_KINDS:
            close = difflib.get_close_matches(kind, ACTOR_KINDS, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise _actors_error(source, first_line, f"kind {kind!r} of {name!r} is not valid",
                                f"{hint}use one of {', '.join(ACTOR_KINDS)}")
        role = rec.get("role", "")
        if not re.fullmatch(r"[a-z][a-z0-9_]*", role):
            raise _actors_error(
                source, first_line, f"role {role!r} of {name!r} is not a snake_case name",
                "write a role such as russian_government, expert or media")
        if role == UNKNOWN_ROLE:
            raise _actors_error(
                source, first_line, f"role 'unknown' of {name!r} is reserved for speakers "
                "that are not in the actors file", "give a real role or delete the row")
        aliases = _split_list(rec.get("aliases", ""))
        demonyms = _split_list(rec.get("demonyms", ""))
        titles = _split_list(rec.get("titles", ""))
        if demonyms and kind != "state":
            raise _actors_error(source, first_line,
                                f"{name!r} has demonyms but is of kind {kind!r}",
                                "demonyms ('Russian') belong to rows of kind state")
        seen: dict[str, str] = {_key(name): name}
        for alias in aliases:
            try:
                pattern_words(alias[4:] if alias.lower().startswith("the ") else alias)
            except LexiconError as exc:
                raise _actors_error(source, first_line,
                                    f"alias {alias!r} of {name!r} cannot be matched ({exc})",
                                    "write the alias as a name with letters") from None
            k = _key(alias)
            if k in seen and seen[k] != name:
                raise _actors_error(
                    source, first_line,
                    f"alias {alias!r} of {name!r} repeats {seen[k]!r}",
                    "delete one (aliases are compared without case, accents, a leading "
                    "'the' and hyphens)")
            seen[k] = alias
        aliases = tuple(a for a in aliases if _key(a) != _key(name))
        actors.append(Actor(
            name=name, aliases=aliases, kind=kind, role=role,
            country=rec.get("country") or None, demonyms=demonyms, titles=titles,
            notes=rec.get("notes") or None, line=first_line))
    if not actors:
        raise _actors_error(source, None, "the file lists no actors",
                            "add one row per actor under the header")
    return Actors(actors, source=source)


def _bundled_actors_file(name: str):
    from framing._resources import bundled_lexicons_dir

    item = bundled_lexicons_dir() / f"{name}.csv"
    return item if item.is_file() else None


def list_bundled_actors() -> list[str]:
    """Names of the bundled actors files (``actors-*.csv`` in ``lexicons/``).

    Examples
    --------
    >>> from framing.quotes import list_bundled_actors
    >>> list_bundled_actors()
    ['actors-kazakhstan-2022']
    """
    from framing._resources import bundled_lexicons_dir

    return sorted(p.name[:-4] for p in bundled_lexicons_dir().iterdir()
                  if p.is_file() and p.name.startswith("actors-") and p.name.endswith(".csv"))


def load_actors(path: str | Path | None = None, *, encoding: str = "utf-8") -> Actors:
    """Load an actors file: a path to a CSV, a bundled name, or None for the bundled one.

    Parameters
    ----------
    path : str, Path or None
        A CSV file (columns :data:`ACTOR_COLUMNS`; ``name``, ``kind``, ``role``
        required; aliases, demonyms and titles separated by ``;``), the name of a
        bundled actors file (:func:`list_bundled_actors`), or None for
        ``actors-kazakhstan-2022``.
    encoding : str, default "utf-8"

    Returns
    -------
    Actors

    Raises
    ------
    ActorsError
        For any problem in the file; the message names the file, the line and the fix.
    FileNotFoundError
        If the path does not exist and is not a bundled name.

    Examples
    --------
    >>> from framing.quotes import load_actors
    >>> actors = load_actors()
    >>> actors["Russian Foreign Ministry"].role
    'russian_government'
    >>> actors.lookup("Russian International Ministry").name  # the spun form
    'Russian Foreign Ministry'
    """
    if path is None:
        path = _BUNDLED_ACTORS
    if isinstance(path, str) and not Path(path).suffix and not Path(path).exists():
        item = _bundled_actors_file(path)
        if item is None:
            raise FileNotFoundError(
                f"no bundled actors file {path!r}; bundled: "
                f"{', '.join(list_bundled_actors())}; or pass the path of a CSV file")
        return _parse_actors(item.read_text("utf-8"), f"lexicons/{path}.csv")
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"actors file {str(path)!r} not found")
    data = path.read_bytes()
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise _actors_error(str(path), line,
                            f"bytes at offset {exc.start} are not valid {encoding}",
                            "save the file as UTF-8, or pass encoding=...") from None
    return _parse_actors(text, str(path))


@lru_cache(maxsize=1)
def _bundled() -> Actors:
    return load_actors(None)


def _get_actors(actors: Actors | str | Path | None) -> Actors:
    if actors is None:
        return _bundled()
    if isinstance(actors, Actors):
        return actors
    if isinstance(actors, (str, Path)):
        return load_actors(actors)
    raise TypeError(f"actors must be an Actors object, a path or a bundled name, "
                    f"got {type(actors).__name__}")


# ---------------------------------------------------------------------------
# One document
# ---------------------------------------------------------------------------


@dataclass
class _Speaker:
    name: str | None
    resolution: str
    kind: str | None
    actor: Actor | None
    start: int | None
    end: int | None
    country: str | None = None


@dataclass
class _Stmt:
    mode: str
    start: int
    end: int
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    raw: tuple[int, int] | None
    closed: bool = True
    reason: str = "quotation"
    speaker: _Speaker | None = None
    drop: bool = False


class _Doc:
    """Mentions and speakers of one text."""

    def __init__(self, text: str, sentences: Sequence[tuple[int, int]], actors: Actors,
                 quotations: Sequence[Quotation], cues: VoiceCues) -> None:
        self.text = text
        self.actors = actors
        self.cues = cues
        self.sent_starts = [s for s, _ in sentences]
        self.sent_ends = [e for _, e in sentences]
        paras = split_lines(text)
        self.para_starts = [s for s, _ in paras]
        self.para_ends = [e for _, e in paras]
        direct = sorted((q.content_start, q.content_end) for q in quotations
                        if q.kind == "direct")
        self.q_starts = [a for a, _ in direct]
        self.q_ends = [b for _, b in direct]
        self.words = _Words(text, self.q_starts, self.q_ends)
        self.media_heads = frozenset(cues.publication_nouns)
        self.mentions_actor = actors.mentions(text)
        self.mention_starts = [m[0] for m in self.mentions_actor]
        # antecedent candidates: (pos, end, name, kind, actor, is_speaker, name location)
        self.ante: list[tuple[int, int, str, str, Actor | None, bool,
                              tuple[int | None, int | None] | None]] = []
        self.fullnames: dict[str, list[tuple[int, str, Actor | None]]] = {}
        self.titled: list[tuple[int, int, frozenset[str], str]] = []  # pos, end, words, name
        self.inst: dict[str, list[tuple[int, int, str, Actor | None]]] = {}
        self.speaker_raws: list[tuple[int, frozenset[str], _Speaker]] = []

    # -- structure ------------------------------------------------------------

    def sentence(self, pos: int) -> tuple[int, int, int]:
        i = bisect_right(self.sent_starts, pos) - 1
        if i >= 0 and pos < self.sent_ends[i]:
            return i, self.sent_starts[i], self.sent_ends[i]
        j = bisect_right(self.para_starts, pos) - 1
        if j >= 0 and pos < self.para_ends[j]:
            return -1, self.para_starts[j], self.para_ends[j]
        return -1, pos, pos

    def para_index(self, pos: int) -> int:
        return bisect_right(self.para_starts, pos) - 1

    def quote_at(self, pos: int) -> tuple[int, int] | None:
        """The innermost direct quotation content holding ``pos``."""
        i = bisect_right(self.q_starts, pos) - 1
        best = None
        for k in range(i, max(-1, i - 8), -1):
            if self.q_starts[k] <= pos < self.q_ends[k]:
                span = (self.q_starts[k], self.q_ends[k])
                if best is None or span[1] - span[0] < best[1] - best[0]:
                    best = span
        return best

    # -- name analysis ------------------------------------------------------

    def _non_name(self, tok: str) -> bool:
        base, _ = _poss(tok)
        low = _low(base)
        first = re.split(r"[-\u2010\u2011]", low)[0]
        if low in _HONORIFICS or low in _PERSON_TITLES or first in _PERSON_TITLES:
            return True
        if (low in _INSTITUTION_HEADS or low in _CAP_STOP or low in _INSTITUTION_MODIFIERS
                or low in _GROUP_HEADS or low in _GENERIC_INSTITUTION_HEADS):
            return True
        letters = [c for c in base if c.isalpha()]
        if len(letters) >= 2 and all(c.isupper() for c in letters):
            return True  # an acronym: NATO, US, CSTO
        return self.actors.state(base) is not None

    def name_part(self, toks: list[str]) -> tuple[int, int] | None:
        """[i, j) token range of the personal name ending ``toks``, or None."""
        if not toks:
            return None
        j = len(toks)
        last = _poss(toks[-1])[0]
        if not _is_cap(last) or self._non_name(last):
            return None
        i = j - 1
        while i > 0:
            prev = toks[i - 1]
            if _is_cap(prev):
                i -= 1
                continue
            if _low(prev) in _CONNECTORS and i >= 2 and _is_cap(toks[i - 2]):
                i -= 1
                continue
            break
        k = j - 1
        while k >= i and not self._non_name(toks[k]):
            k -= 1
        start = k + 1
        if start >= j or _low(toks[start]) in _CONNECTORS:
            return None
        if start > 0 and _low(toks[start - 1]) in _CONNECTORS:
            return None  # "College of Economics", "Ministry of Defence"
        if start == i and i > 0 and _low(toks[i - 1]) in _PLACE_PREPOSITIONS:
            return None  # "a protester in Almaty": a place, not the speaker's name
        return start, j

    def title_words_before(self, pos: int, run_toks: list[str], name_start: int) -> set[str]:
        """Words of the title before a name: inside its capitalised run and up to four
        lower-case words before the run ("State Department spokesperson Ned Price")."""
        words = {_low(_poss(t)[0]) for t in run_toks[:name_start]}
        window = self.text[max(0, pos - 60):pos]
        cut = max(window.rfind(c) for c in ",.;:!?()\"“”\n")
        window = window[cut + 1:] if cut >= 0 else window
        toks = [_low(_poss(t)[0]) for t in _WORD_RE.findall(window)][-4:]
        # the title must touch the run: "spokesperson Ned Price", "ambassador to the U.S. X"
        k = len(toks)
        if k and toks[k - 1] in _DETERMINERS:
            k -= 1
        if k and toks[k - 1] in ("to", "of", "for", "at", "in") and name_start > 0:
            k -= 1
        if k and _is_title_word(toks[k - 1]):
            words.update(toks[:k])
        return words

    # -- scans ------------------------------------------------------------------

    def scan(self, raw_spans: Iterable[tuple[int, int]]) -> None:
        """Collect person, institution and title mentions (one pass per kind)."""
        text = self.text
        for s, e, actor in self.mentions_actor:
            kind = actor.kind
            self.ante.append((s, e, actor.name, kind, actor, False, None))
            if kind == "person":
                surface = text[s:e].split()
                if surface:
                    self._add_fullname(_key(_poss(surface[-1])[0]), s, actor.name, actor)
            if kind in ("institution", "media", "group"):
                for w in _key(actor.name).split():
                    self.inst.setdefault(w, []).append((s, e, actor.name, actor))
                for w in _key(text[s:e]).split():
                    self.inst.setdefault(w, []).append((s, e, actor.name, actor))
        # titled names: "President Kassym-Jomart Tokayev", "spokesperson Ned Worth"
        for m in _NAME_RUN_RE.finditer(text):
            toks = _WORD_RE.findall(m.group())
            if not toks:
                continue
            part = self.name_part(toks)
            if part is None:
                continue
            i, j = part
            words = self.title_words_before(m.start(), toks, i)
            words |= self._appositive_title(m.end())
            has_title = any(_is_title_word(w) for w in words if w)
            if not has_title:
                continue
            name = " ".join(_poss(t)[0] for t in toks[i:j]).rstrip(".")
            ns = m.start() + m.group().find(toks[i])
            ne = ns + len(name)
            tw = self.actors.title_words(" ".join(sorted(words - _HONORIFICS)))
            self.titled.append((ns, ne, frozenset(tw), name))
            if j - i >= 2:
                self._add_fullname(_key(name.split()[-1]), ns, name, self.actors.lookup(name))
        # raw speakers' names ("Georgi Asatryan informed Newsweek")
        for s, e in raw_spans:
            toks = _WORD_RE.findall(text[s:e])
            part = self.name_part(toks)
            if part is not None and part[1] - part[0] >= 2:
                name = " ".join(_poss(t)[0] for t in toks[part[0]:part[1]]).rstrip(".")
                self._add_fullname(_key(name.split()[-1]), s, name, self.actors.lookup(name))
        # institution mentions: "the Russian International Ministry", "China's foreign ministry"
        heads = "|".join(sorted(_INSTITUTION_HEADS | self.media_heads, key=len, reverse=True))
        for m in re.finditer(rf"(?<![\w-])(?:{heads})(?![\w-])", text, re.IGNORECASE):
            phrase = self._institution_phrase(m.start(), m.end())
            if phrase is None:
                continue
            ps, pe, words = phrase
            canonical, actor = self.institution_name(words)
            if canonical is None:
                continue
            self.inst.setdefault(_low(m.group()), []).append((ps, pe, canonical, actor))
            kind = actor.kind if actor is not None else (
                "media" if _low(m.group()) in self.media_heads else "institution")
            self.ante.append((ps, pe, canonical, kind, actor, False, None))
        for lst in self.inst.values():
            lst.sort(key=lambda x: x[0])
        self.inst_starts = {k: [x[0] for x in v] for k, v in self.inst.items()}
        # known surnames anywhere ("Tokayev's Cabinet")
        for lst in self.fullnames.values():
            lst.sort(key=lambda x: x[0])
        self.fullname_pos = {k: [x[0] for x in v] for k, v in self.fullnames.items()}
        self.titled.sort(key=lambda x: x[0])
        self.titled_pos = [x[0] for x in self.titled]
        for (pos, ne, _words, name) in self.titled:
            canonical, actor = self.person_name(name, pos)
            self.ante.append((pos, ne, canonical, "person", actor, False, None))
        if self.fullnames:
            alt = "|".join(sorted((re.escape(k) for k in self.fullnames if k), key=len,
                                  reverse=True))
            if alt:
                rx = re.compile(rf"(?<![\w’'\-])(?:{alt})(?![\w\-])", re.IGNORECASE)
                for m in rx.finditer(text):
                    if not _is_cap(m.group()):
                        continue
                    canonical, actor = self.person_name(m.group(), m.start())
                    self.ante.append((m.start(), m.end(), canonical, "person", actor, False, None))
        self.ante.sort(key=lambda x: (x[0], -x[1]))
        self.ante_starts = [a[0] for a in self.ante]

    def _appositive_title(self, pos: int) -> set[str]:
        """Words of a title in an appositive after a name ("Jane Roe, a teacher, said")."""
        m = re.match(r",\s+(?:a|an|the)\s+([^,.;:!?()\n]{1,80}?)\s*[,.;:]", self.text[pos:pos + 90])
        if m is None:
            return set()
        words = [_low(w) for w in _WORD_RE.findall(m.group(1))][:8]
        return set(words) if any(_is_title_word(w) for w in words) else set()

    def _add_fullname(self, surname: str, pos: int, name: str, actor: Actor | None) -> None:
        if not surname:
            return
        canonical = actor.name if actor is not None else name
        self.fullnames.setdefault(surname, []).append((pos, canonical, actor))

    def _institution_phrase(self, hs: int, he: int) -> tuple[int, int, list[str]] | None:
        """Modifiers + head ("Russian International Ministry"), if specific."""
        text = self.text
        left = text[max(0, hs - 80):hs]
        toks = list(re.finditer(r"[\w’'.\-]+|[^\w\s]", left))
        mods: list[str] = []
        start = hs
        specific = False
        for t in reversed(toks[-5:]):
            w = t.group()
            base, poss = _poss(w)
            low = _low(base)
            if not base[:1].isalnum():
                break
            if poss and self.actors.state(base) is not None:
                mods.insert(0, w)
                start = max(0, hs - 80) + t.start()
                specific = True
                break
            if _is_cap(base) and low not in _CAP_STOP:
                mods.insert(0, w)
                start = max(0, hs - 80) + t.start()
                specific = True
                continue
            if low in _INSTITUTION_MODIFIERS:
                mods.insert(0, w)
                start = max(0, hs - 80) + t.start()
                continue
            break
        end = he
        after = re.match(r"\s+of\s+((?:[A-Z][\w’'\-.]*\s*){1,4})", text[he:he + 80])
        words = [*mods, text[hs:he]]
        if after is not None and not specific:
            words += ["of", *after.group(1).split()]
            end = he + after.end(1)
            end = he + len(text[he:end].rstrip())
            specific = True
        if not specific:
            return None
        return start, end, words

    def institution_name(self, words: list[str]) -> tuple[str | None, Actor | None]:
        """Canonical name of an institution phrase (demonyms; title case)."""
        phrase = " ".join(words)
        actor = self.actors.lookup(phrase)
        if actor is not None:
            return actor.name, actor
        canon = self.demonymise(words)
        if not canon:
            return None, None
        actor = self.actors.lookup(" ".join(canon))
        if actor is not None:
            return actor.name, actor
        head = _low(canon[-1])
        if head in _TITLECASE_HEADS:
            canon = [w if (_is_cap(w) or _low(w) in ("of", "and", "for")) else w.capitalize()
                     for w in canon]
        return " ".join(canon), None

    def demonymise(self, words: list[str]) -> list[str]:
        """Turn "China's X", "X of Russia", "X in Moscow" into "Chinese X"/"Russian X"."""
        out: list[str] = []
        front: list[str] = []
        i = 0
        words = [w for w in words if w]
        while words and _low(words[0]) in _DETERMINERS:
            words = words[1:]
        n = len(words)
        while i < n:
            w = words[i]
            base, poss = _poss(w)
            st = self.actors.state(base) if _is_cap(base) else None
            if st is not None and (poss or (i + 1 < n and not _is_cap(words[i + 1]))):
                out.append(self.actors.demonym(st))
                i += 1
                continue
            low = _low(w)
            if low in ("of", "in", "from") and i + 1 < n:
                # the rest may be a state ("President of Kazakhstan", "officials in Moscow")
                tail = " ".join(words[i + 1:])
                tail_clean = tail[4:] if tail.lower().startswith("the ") else tail
                st = self.actors.state(tail_clean)
                if st is not None:
                    front.append(self.actors.demonym(st))
                    break
            out.append(w.rstrip(".,") if i == n - 1 else w)
            i += 1
        return front + out

    def person_name(self, name: str, pos: int) -> tuple[str, Actor | None]:
        """Canonical name of a personal name found at ``pos`` (surname expansion)."""
        actor = self.actors.lookup(name)
        if actor is not None:
            return actor.name, actor
        toks = name.split()
        if len(toks) == 1:
            k = _key(toks[0])
            cands = self.fullnames.get(k)
            if cands:
                i = bisect_right(self.fullname_pos[k], pos) - 1
                pick = cands[i] if i >= 0 else cands[0]
                return pick[1], pick[2]
        return name, None

    # -- resolution -------------------------------------------------------------

    def antecedent(self, pos: int, kinds: frozenset[str], *, forward: bool = True,
                   speakers: bool = False):
        """Last compatible mention (or speaker) before ``pos``, skipping mentions inside
        quotations that do not hold ``pos``."""
        own = self.quote_at(pos)
        i = bisect_left(self.ante_starts, pos) - 1
        steps = 0
        while i >= 0 and steps < 400:
            cand = self.ante[i]
            i -= 1
            steps += 1
            if cand[3] not in kinds or (speakers and not cand[5]):
                continue
            q = self.quote_at(cand[0])
            if q is not None and q != own:
                continue
            return cand
        if not forward:
            return None
        # cataphora: the first person named later in this or the next sentence
        si, _, s1 = self.sentence(pos)
        limit = s1
        if si >= 0 and si + 1 < len(self.sent_ends):
            limit = self.sent_ends[si + 1]
        j = bisect_right(self.ante_starts, pos)
        while j < len(self.ante) and self.ante[j][0] < limit:
            cand = self.ante[j]
            j += 1
            if cand[3] in kinds and self.quote_at(cand[0]) is None:
                return cand
        return None

    def add_speaker(self, pos: int, sp: _Speaker, raw: str = "") -> None:
        if sp.name is None:
            return
        self.speaker_raws.append((pos, self.actors.title_words(raw), sp))
        if sp.kind is None:
            return
        loc = (sp.start, sp.end) if sp.start is not None else None
        item = (pos, pos + 1, sp.name, sp.kind, sp.actor, True, loc)
        k = bisect_left(self.ante_starts, pos)
        self.ante.insert(k, item)
        self.ante_starts.insert(k, pos)

    def coordinated(self, s: int, e: int) -> list[tuple[int, int]] | None:
        """The speakers of "X and Y" when each part names one (else None)."""
        raw = self.text[s:e]
        pieces = list(re.finditer(r"\s+and\s+", raw))
        if len(pieces) != 1:
            return None
        cut = pieces[0]
        parts = [(s, s + cut.start()), (s + cut.end(), e)]
        for ps, pe in parts:
            k = bisect_left(self.mention_starts, ps)
            named = (k < len(self.mentions_actor) and self.mentions_actor[k][0] < pe
                     and self.mentions_actor[k][1] <= pe)
            if not named and self.name_part(_WORD_RE.findall(self.text[ps:pe])) is None:
                return None
        return parts

    def _from_actor(self, actor: Actor, resolution: str, s: int | None, e: int | None
                    ) -> _Speaker:
        return _Speaker(actor.name, resolution, actor.kind, actor, s, e, actor.country)

    def _from_ante(self, cand, resolution: str) -> _Speaker:
        s, e, name, kind, actor, is_speaker, loc = cand
        country = actor.country if actor is not None else None
        if is_speaker:
            s, e = loc if loc is not None else (None, None)
        return _Speaker(name, resolution, kind, actor, s, e, country)

    def resolve(self, s: int, e: int) -> _Speaker | None:
        """Canonical speaker of the raw speaker text ``text[s:e]`` (None: the author)."""
        text = self.text
        raw = text[s:e].strip()
        low = raw.lower()
        if low in _AUTHOR_PRONOUNS:
            return None
        if low in _PERSON_PRONOUNS:
            cand = self.antecedent(s, frozenset({"person"}))
            return (self._from_ante(cand, "pronoun") if cand is not None
                    else _Speaker(None, "unresolved", "person", None, None, None))
        if low in ("they", "them"):
            cand = self.antecedent(s, frozenset({"group", "institution"}), forward=False,
                                   speakers=True)
            return (self._from_ante(cand, "pronoun") if cand is not None
                    else _Speaker(None, "unresolved", "group", None, None, None))
        if low == "it":
            cand = self.antecedent(s, frozenset({"institution", "media", "state"}),
                                   forward=False, speakers=True)
            return (self._from_ante(cand, "pronoun") if cand is not None
                    else _Speaker(None, "unresolved", "institution", None, None, None))
        toks = _WORD_RE.findall(raw)
        content = [t for t in toks if _low(t) not in _DETERMINERS]
        # 1. an actor alias inside the raw speaker (the rightmost; titles come first),
        #    unless it only modifies a head noun ("The Kremlin spokesman")
        k = bisect_left(self.mention_starts, s)
        inside = []
        while k < len(self.mentions_actor) and self.mentions_actor[k][0] < e:
            if self.mentions_actor[k][1] <= e:
                inside.append(self.mentions_actor[k])
            k += 1
        best = None
        modifier = None
        for ms, me, a in inside:
            if a.kind == "state" and _key(text[ms:me]) != _key(" ".join(content)):
                continue  # "China's foreign ministry", "Officials in Moscow"
            tail = [_low(_poss(t)[0]) for t in _WORD_RE.findall(text[me:e])]
            if any(_is_title_word(t) or t in _INSTITUTION_HEADS or t in _GROUP_HEADS
                   for t in tail):
                modifier = (ms, me, a)
                continue
            if best is None or (me, me - ms) > (best[1], best[1] - best[0]):
                best = (ms, me, a)
        if best is not None:
            ms, me, a = best
            if a.kind == "state":
                return self.metonym(a, s) or self._from_actor(a, "named", ms, me)
            return self._from_actor(a, "named", ms, me)
        if not content:
            return _Speaker(None, "unresolved", None, None, None, None)
        # 2. the described speaker, with countries as demonyms, in the actors file
        demon = self.demonymise(toks)
        actor = self.actors.lookup(" ".join(demon)) if demon else None
        if actor is not None:
            return self._from_actor(actor, "named", s, e)
        # 3. a personal name at the end
        part = self.name_part(toks)
        if part is not None:
            i, j = part
            name = " ".join(_poss(t)[0] for t in toks[i:j]).rstrip(".")
            canonical, actor = self.person_name(name, s)
            ns = s + text[s:e].find(toks[i])
            if actor is not None:
                return self._from_actor(actor, "named", ns, ns + len(name))
            return _Speaker(canonical, "named", "person", None, ns, ns + len(name))
        demon = self.demonymise(toks) or content
        # the head noun comes before a prepositional phrase ("protester in Almaty")
        cut = next((i for i, t in enumerate(demon) if i > 0 and _low(t) in _PLACE_PREPOSITIONS),
                   len(demon))
        head = _low(_poss(demon[cut - 1])[0])
        # "the president", "Russia's top envoy" (a possessive makes it definite)
        definite = _low(toks[0]) in ("the", "this", "that") or _poss(toks[0])[1]
        described = " ".join(
            t.lower() if (_low(t) in _GROUP_HEADS or _is_title_word(_low(t))) else t
            for t in demon)
        # 4. an outlet ("the publication", "the Internet publication"): the last one named
        if head in self.media_heads:
            sp = self.definite_institution(s, head, toks)
            if sp is not None:
                return sp
            return _Speaker(None if definite else described,
                            "unresolved" if definite else "description", "media", None,
                            None if definite else s, None if definite else e)
        # 5. an institution ("the Interior Ministry", "the ministry", "the group")
        if head in _INSTITUTION_HEADS or head in _GENERIC_INSTITUTION_HEADS:
            if any(_is_cap(t) for i, t in enumerate(demon) if i != cut - 1):
                name, actor = self.institution_name(toks)
                if actor is not None:
                    return self._from_actor(actor, "named", s, e)
                return _Speaker(name, "description", "institution", None, s, e)
            if definite:
                sp = self.definite_institution(s, head, toks)
                if sp is not None:
                    return sp
                return _Speaker(None, "unresolved", "institution", None, None, None)
            return _Speaker(described, "description", "institution", None, s, e)
        # 6. a title ("the Secretary", "the Kazakh president", "the President of Kazakhstan")
        if _is_title_word(head):
            sp = self.title(s, raw, definite=definite)
            if sp is not None:
                return sp
            if modifier is not None and modifier[2].kind in ("institution", "media"):
                # "a State Department spokesperson": the institution speaks
                return self._from_actor(modifier[2], "institution", modifier[0], modifier[1])
            if definite:
                return _Speaker(None, "unresolved", "person", None, None, None)
            return _Speaker(described, "description", "person", None, s, e)
        # 7. a group ("Kazakh officials", "international experts")
        if head in _GROUP_HEADS or head.endswith("s"):
            return _Speaker(described, "description", "group", None, s, e)
        return _Speaker(described, "description", None, None, s, e)

    def title(self, pos: int, raw: str, *, definite: bool = True) -> _Speaker | None:
        """A title with no name: the person the document names with it, an earlier
        speaker described by it, else the actor with that title in the actors file."""
        words = self.actors.title_words(raw)
        if not words:
            return None
        # the last person the document names with this title, before (else after) pos
        best = None
        k = bisect_right(self.titled_pos, pos)
        for item in [*self.titled[max(0, k - 500):k][::-1], *self.titled[k:k + 500]]:
            if words <= item[2] and not ((item[2] - words) & _QUALIFIERS):
                best = item
                break
        if best is not None:
            canonical, actor = self.person_name(best[3], best[0])
            country = actor.country if actor is not None else None
            return _Speaker(canonical, "title", actor.kind if actor else "person", actor,
                            best[0], best[1], country)
        # "a State Department spokesperson said ... The spokesperson added"
        if definite:
            for p, rw, sp in reversed(self.speaker_raws):
                if p < pos and words <= rw:
                    return _Speaker(sp.name, "title", sp.kind, sp.actor, sp.start, sp.end,
                                    sp.country)
        cands = self.actors.by_title(words)
        if not cands:
            return None
        names = {a.name for a in cands}
        k = bisect_left(self.mention_starts, pos) - 1
        steps = 0
        while k >= 0 and steps < 2000:
            ms, me, a = self.mentions_actor[k]
            k -= 1
            steps += 1
            if a.name in names:
                return self._from_actor(a, "title", ms, me)
        # not mentioned: only a single actor whose title is exactly this one
        exact = [a for a in cands if any(self.actors.title_words(t) == words for t in a.titles)]
        if definite and len(cands) == 1 and exact:
            return self._from_actor(cands[0], "title", None, None)
        return None

    def _last_ante(self, pos: int, kinds: frozenset[str]):
        i = bisect_left(self.ante_starts, pos) - 1
        steps = 0
        while i >= 0 and steps < 400:
            c = self.ante[i]
            i -= 1
            steps += 1
            if c[3] in kinds:
                return c
        return None

    def definite_institution(self, pos: int, head: str, toks: list[str]) -> _Speaker | None:
        """"the ministry", "the publication", "the group": the last one named before."""
        if head in self.media_heads:
            cand = self._last_ante(pos, frozenset({"media"}))
            return self._from_ante(cand, "institution") if cand is not None else None
        if head in _GENERIC_INSTITUTION_HEADS:
            cand = self._last_ante(pos, frozenset({"institution"}))
            return self._from_ante(cand, "institution") if cand is not None else None
        mods = {_low(t) for t in toks[:-1]} - _DETERMINERS
        lst = self.inst.get(head, [])
        k = bisect_left(self.inst_starts.get(head, []), pos) - 1
        steps = 0
        while k >= 0 and steps < 400:
            ps, pe, name, actor = lst[k]
            k -= 1
            steps += 1
            words = {_low(w) for w in _WORD_RE.findall(name)}
            words |= {_low(w) for w in _WORD_RE.findall(self.text[ps:pe])}
            if mods <= words:
                if actor is not None:
                    return self._from_actor(actor, "institution", ps, pe)
                return _Speaker(name, "institution", "institution", None, ps, pe)
        return None

    def metonym(self, state: Actor, pos: int) -> _Speaker | None:
        """"Moscow hinted ...": an institution of that country that spoke just before."""
        pi = self.para_index(pos)
        for p, _, sp in reversed(self.speaker_raws[-200:]):
            if p >= pos:
                continue
            if self.para_index(p) < pi - 1:
                break
            if sp.actor is not None and sp.kind == "institution" and sp.country == state.country:
                return _Speaker(sp.name, "institution", sp.kind, sp.actor, sp.start, sp.end,
                                sp.country)
        return None

    def subject(self, q_start: int) -> tuple[int, int] | None:
        """The subject of the sentence holding a quotation, when it precedes it."""
        text = self.text
        _, s0, _ = self.sentence(q_start)
        toks = list(re.finditer(r"[\w’'.\-]+|[^\w\s]", text[s0:q_start]))
        words = [t.group() for t in toks]
        j = 0
        while j < len(words) and _low(words[j]) in {"but", "and", "however", "so", "yet",
                                                     "meanwhile", "still", "now", "then"}:
            j += 1
        if j < len(words) and (_low(words[j]) in {"on", "in", "at", "after", "before",
                                                  "during", "since", "as", "while", "when",
                                                  "addressing", "speaking", "asked"}):
            for k in range(j, min(len(words), j + 12)):
                if words[k] == ",":
                    j = k + 1
                    break
            else:
                return None
        if j >= len(words):
            return None
        w = words[j]
        if _low(w) in _PERSON_PRONOUNS | {"they", "it"}:
            end = j
        elif _is_cap(w) and _low(w) not in _CAP_STOP:
            end = j
            while end + 1 < len(words) and _is_cap(words[end + 1]):
                end += 1
        else:
            return None
        if end + 1 >= len(words) or not words[end + 1][:1].islower():
            return None
        return s0 + toks[j].start(), s0 + toks[end].end()


# ---------------------------------------------------------------------------
# Statements of one text
# ---------------------------------------------------------------------------


class _Words:
    """Word tokens of a text with prefix counts, for O(log n) word counts of any span."""

    def __init__(self, text: str, q_starts: Sequence[int], q_ends: Sequence[int]) -> None:
        self.starts = np.fromiter((m.start() for m in _COUNT_RE.finditer(text)), dtype=np.int64)
        inside = np.zeros(self.starts.size, dtype=bool)
        order = sorted(zip(q_starts, q_ends, strict=True))
        merged: list[list[int]] = []
        for a, b in order:
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        if merged:
            bounds = np.asarray(merged, dtype=np.int64)
            lo = np.searchsorted(self.starts, bounds[:, 0], side="left")
            hi = np.searchsorted(self.starts, bounds[:, 1], side="left")
            delta = np.zeros(self.starts.size + 1, dtype=np.int64)
            np.add.at(delta, lo, 1)
            np.add.at(delta, hi, -1)
            inside = np.cumsum(delta)[:-1] > 0
        self.cum_out = np.concatenate([[0], np.cumsum(~inside)])

    def _idx(self, s: int, e: int) -> tuple[int, int]:
        return (int(np.searchsorted(self.starts, s, side="left")),
                int(np.searchsorted(self.starts, e, side="left")))

    def count(self, s: int, e: int) -> int:
        """Word tokens starting in ``[s, e)``."""
        i, j = self._idx(s, e)
        return j - i

    def outside(self, s: int, e: int) -> int:
        """Word tokens starting in ``[s, e)`` and outside every direct quotation."""
        i, j = self._idx(s, e)
        return int(self.cum_out[j] - self.cum_out[i])


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ",;:" + "\u2013\u2014-"):
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _statements(text: str, doc: _Doc, quotations: Sequence[Quotation], spans) -> list[_Stmt]:
    stmts: list[_Stmt] = []
    for q in quotations:
        if q.kind != "direct":
            continue
        raw = (q.speaker_start, q.speaker_end) if q.speaker_start is not None else None
        cs, ce = q.content_start, q.content_end
        while ce > cs and (text[ce - 1].isspace() or text[ce - 1] in ",;:"):
            ce -= 1  # '“We have questions,” he said': the comma belongs to the attribution
        while cs < ce and text[cs].isspace():
            cs += 1
        if ce <= cs:
            continue
        stmts.append(_Stmt("quoted", cs, ce, q.cue, q.cue_start, q.cue_end, raw, q.closed))
    for sp in spans:
        if sp.reason not in _REPORTED_REASONS:
            continue
        s, e = _trim(text, sp.start, sp.end)
        if e <= s:
            continue
        if sp.reason == "what_called" and doc.quote_at(s) is not None:
            continue
        raw = (sp.speaker_start, sp.speaker_end) if sp.speaker_start is not None else None
        cue = text[sp.cue_start:sp.cue_end]
        k = bisect_left(doc.q_starts, e) - 1
        overlaps = any(doc.q_ends[i] > s for i in range(k, max(-1, k - 8), -1))
        nested = doc.quote_at(sp.cue_start) is not None and doc.quote_at(s) == doc.quote_at(
            sp.cue_start)
        if overlaps and not nested and doc.words.outside(s, e) <= 2:
            continue  # the cue only attributes the quotation(s) it introduces
        stmts.append(_Stmt("reported", s, e, cue, sp.cue_start, sp.cue_end, raw,
                           reason=sp.reason))
    # "citing X" / "quoting X": X is a reported speaker of the sentence
    for m in _CITING_RE.finditer(text):
        _, s0, s1 = doc.sentence(m.start())
        np_end = _citing_end(text, m.end(), s1)
        if np_end is None:
            continue
        if m.start() - s0 < 3:  # "Citing X, Y said ..."
            a, b = _trim(text, np_end, s1)
        else:
            a, b = _trim(text, s0, m.start())
        if b <= a:
            continue
        cue = m.group().strip()
        stmts.append(_Stmt("reported", a, b, cue, m.start(), m.start() + len(cue),
                           (m.end(), np_end), reason="citing"))
    return stmts


def _citing_end(text: str, pos: int, s1: int) -> int | None:
    """End of the source named after "citing" (the next clause boundary)."""
    stop = re.search(r"[,;:.!?\n\"“”]|\s(?:that|who|which|as|and said)\s", text[pos:s1])
    end = pos + (stop.start() if stop else len(text[pos:s1]))
    if end - pos > 160 or end <= pos:
        return None
    return end


def _attach_citing(text: str, doc: _Doc, stmts: list[_Stmt]) -> None:
    """A "citing X" inside a speaker ("– states Daily beast citing an expert") cites for
    that statement: it takes its span, and the speaker ends before "citing"."""
    citing = [st for st in stmts if st.reason == "citing"]
    for st in stmts:
        if st.raw is None or st.reason == "citing":
            continue
        s, e = st.raw
        m = _GLUED_CITING_RE.search(text, s, e)
        if m is None or m.start() <= s:
            continue
        st.raw = (s, m.start())
        found = False
        for c in citing:
            if c.cue_start is not None and m.start() <= c.cue_start < e:
                c.start, c.end = st.start, st.end
                found = True
        if not found:
            np_end = _citing_end(text, m.end(), doc.sentence(m.start())[2])
            if np_end is not None:
                cue = m.group().strip()
                stmts.append(_Stmt("reported", st.start, st.end, cue, m.end() - len(m.group()),
                                   m.end() - len(m.group()) + len(cue), (m.end(), np_end),
                                   reason="citing"))


def quotes_in_text(
    text: str,
    *,
    sentences: Sequence[tuple[int, int]] | None = None,
    actors: Actors | str | Path | None = None,
    cues: VoiceCues | None = None,
    unbalanced: str = "warn",
    doc_id: str | None = None,
) -> pd.DataFrame:
    """Quotations and reported speech of one text, with canonical speakers.

    Parameters
    ----------
    text : str
        The original document text.
    sentences : sequence of (int, int), optional
        Sentence offsets; by default :func:`framing.segmentation.split_sentences`.
    actors : Actors, path or bundled name, optional
        The actors file (default: the bundled ``actors-kazakhstan-2022``).
    cues : VoiceCues, optional
        Cue lists for :mod:`framing.voice` (default: the shipped list).
    unbalanced : {"warn", "flag"}, default "warn"
        Quotation marks that do not pair up are resolved by the rules of
        :mod:`framing.voice`; ``"warn"`` emits an
        :class:`~framing.voice.UnbalancedQuotesWarning` (the structure is ambiguous),
        ``"flag"`` only marks such quotations (``closed=False``).
    doc_id : str, optional
        Value of the ``doc_id`` column.

    Returns
    -------
    pandas.DataFrame
        One row per statement, in text order, with columns :data:`QUOTE_COLUMNS`:

        ``doc_id``
            the document;
        ``start``, ``end``
            the statement's words: the quoted words (no marks) for ``quoted``, the
            reported complement for ``reported``; ``text`` is ``text[start:end]``;
        ``mode``
            ``"quoted"`` or ``"reported"``;
        ``speaker``
            canonical speaker (empty when unresolved);
        ``speaker_raw``
            the speaker as written at the cue ("he", "Mr Blinken", "the ministry");
        ``speaker_start``, ``speaker_end``
            where the canonical speaker's name was found (for a resolved pronoun,
            title or definite description, the antecedent, possibly in an earlier
            sentence); empty when no mention holds it;
        ``speaker_resolution``
            how the speaker was resolved, one of :data:`SPEAKER_RESOLUTIONS`;
        ``speaker_kind``
            ``person``, ``institution``, ``group``, ``media`` or ``state`` (empty if unknown);
        ``speaker_role``, ``speaker_country``
            from the actors file; role ``"unknown"`` for speakers it does not list;
        ``cue``, ``cue_start``, ``cue_end``
            the reporting verb or phrase ("said", "according to", "citing"),
            ``"(subject)"`` for a quotation attributed to its sentence's subject;
        ``sentence_id``, ``last_sentence_id``
            first and last sentence (index in ``sentences``) the statement touches;
        ``n_words``
            word tokens of the statement (for ``reported``, only those outside
            direct quotations);
        ``closed``
            False for a quotation whose closing mark is missing.

    Examples
    --------
    >>> from framing.quotes import quotes_in_text
    >>> text = ("US Secretary of State Antony Blinken spoke on Friday. "
    ...         "“We have questions,” Mr Blinken said. He added that the US was watching.")
    >>> q = quotes_in_text(text)
    >>> q[["mode", "speaker", "speaker_raw", "speaker_resolution", "speaker_role"]]
           mode         speaker speaker_raw speaker_resolution   speaker_role
    0    quoted  Antony Blinken  Mr Blinken              named  us_government
    1  reported  Antony Blinken          He            pronoun  us_government
    >>> q["text"].tolist()
    ['We have questions', 'the US was watching.']
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, got {type(text).__name__}")
    if unbalanced not in ("warn", "flag"):
        raise ValueError(f"unbalanced must be 'warn' or 'flag', got {unbalanced!r}")
    act = _get_actors(actors)
    cue_lists = cues if cues is not None else load_voice_cues()
    sents = list(split_sentences(text) if sentences is None else sentences)
    if unbalanced == "warn":
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", UnbalancedQuotesWarning)
            quotations = find_quotations(text, sentences=sents, cues=cue_lists,
                                         unbalanced="warn")
        for w in caught:
            warnings.warn(str(w.message), w.category, stacklevel=2)
    else:
        quotations = find_quotations(text, sentences=sents, cues=cue_lists)
    spans = find_voice_spans(text, sentences=sents, quotations=quotations, cues=cue_lists)
    return _quotes_table(text, sents, act, cue_lists, quotations, spans, doc_id)


def _quotes_table(text, sents, act, cue_lists, quotations, spans, doc_id) -> pd.DataFrame:
    doc = _Doc(text, sents, act, quotations, cue_lists)
    stmts = _statements(text, doc, quotations, spans)
    _attach_citing(text, doc, stmts)
    doc.scan([st.raw for st in stmts if st.raw is not None])
    # resolve speakers in the order they appear (earlier speakers are antecedents)
    for st in list(stmts):
        parts = doc.coordinated(*st.raw) if st.raw is not None else None
        if parts:  # "Russia and Kazakhstan described ...": one statement per speaker
            st.raw = parts[0]
            for part in parts[1:]:
                stmts.append(_Stmt(st.mode, st.start, st.end, st.cue, st.cue_start, st.cue_end,
                                   part, st.closed, st.reason))
    with_raw = sorted((st for st in stmts if st.raw is not None), key=lambda st: st.raw[0])
    for st in with_raw:
        s, e = st.raw
        low = text[s:e].strip().lower()
        if low in _AUTHOR_PRONOUNS:
            # "I"/"we" outside quotation marks: the author, who is not listed; inside a
            # quotation, the quoted speaker: a quotation then falls back on the rules
            # for quotations without a cue, a reported statement is part of that quotation
            if st.mode == "quoted" and doc.quote_at(s) is not None:
                st.raw = None
            else:
                st.drop = True
            continue
        sp = doc.resolve(s, e)
        if sp is None:
            st.drop = True
            continue
        st.speaker = sp
        doc.add_speaker(s, sp, text[s:e])
    # quotations with no cue: the sentence subject, else the previous quotation
    quoted = sorted((st for st in stmts if st.mode == "quoted"), key=lambda st: st.start)
    prev: _Stmt | None = None
    for st in quoted:
        if st.raw is None:
            subj = doc.subject(st.start)
            if subj is not None:
                sp = doc.resolve(subj[0], subj[1])
                if sp is not None:
                    st.raw, st.speaker = subj, sp
                    st.cue = "(subject)"
            if st.speaker is None and prev is not None and prev.speaker is not None \
                    and prev.speaker.name is not None:
                pi = doc.para_index(st.start)
                p0 = doc.para_starts[pi] if pi >= 0 else st.start
                lead = text[p0:st.start].strip(" \t" + _QUOTE_MARKS + "\u2013\u2014-")
                if not lead and 0 <= pi - doc.para_index(max(prev.end - 1, prev.start)) <= 1:
                    ps = prev.speaker
                    st.speaker = _Speaker(ps.name, "previous_quote", ps.kind, ps.actor,
                                          ps.start, ps.end, ps.country)
                    st.raw = prev.raw
                    st.cue, st.cue_start, st.cue_end = prev.cue, prev.cue_start, prev.cue_end
        if st.speaker is not None and st.speaker.name is not None:
            prev = st
    # nested cognition verbs and repeated reported statements
    reported = [st for st in stmts if st.mode == "reported" and not st.drop]
    by_start = sorted((st for st in stmts if st.cue_start is not None), key=lambda x: x.start)
    starts = [x.start for x in by_start]
    for st in reported:
        if not (st.cue and st.cue.lower() in _COGNITION_VERBS and st.cue_start is not None):
            continue
        si = doc.sentence(st.cue_start)[0]
        k = bisect_right(starts, max(st.cue_start, st.start))
        for other in by_start[max(0, k - 60):k][::-1]:
            if other is st or other.drop or other.cue_start is None:
                continue
            inside = other.start <= st.cue_start < other.end
            # "Mr Blinken said the US believes that ...": the thought is the speech's
            governs = (other.cue_start < st.cue_start and other.end >= st.end
                       and doc.sentence(other.cue_start)[0] == si)
            if inside or governs:
                st.drop = True
                break
    reported = [st for st in reported if not st.drop]
    reported.sort(key=lambda st: (st.start, -(st.end - st.start)))
    reach: dict[str | None, int] = {}  # per speaker: the furthest end of a kept statement
    for st in reported:
        name = st.speaker.name if st.speaker is not None else None
        if st.end <= reach.get(name, -1):
            st.drop = True  # inside an earlier statement of the same speaker
        else:
            reach[name] = st.end
    keep = [st for st in stmts if not st.drop]
    keep.sort(key=lambda st: (st.start, st.mode != "quoted", st.end))
    rows = []
    for st in keep:
        sp = st.speaker or _Speaker(None, "unresolved", None, None, None, None)
        if st.mode == "quoted":
            n_words = doc.words.count(st.start, st.end)
        else:
            n_words = doc.words.outside(st.start, st.end)
        si = doc.sentence(st.start)[0]
        sj = doc.sentence(max(st.start, st.end - 1))[0]
        role = sp.actor.role if sp.actor is not None else (
            UNKNOWN_ROLE if sp.name is not None else None)
        rows.append({
            "doc_id": doc_id, "start": st.start, "end": st.end, "text": text[st.start:st.end],
            "mode": st.mode, "speaker": sp.name,
            "speaker_raw": text[st.raw[0]:st.raw[1]].strip() if st.raw is not None else None,
            "speaker_start": sp.start, "speaker_end": sp.end,
            "speaker_resolution": sp.resolution if sp.name is not None else "unresolved",
            "speaker_kind": sp.kind, "speaker_role": role,
            "speaker_country": sp.country, "cue": st.cue, "cue_start": st.cue_start,
            "cue_end": st.cue_end, "sentence_id": si if si >= 0 else None,
            "last_sentence_id": sj if sj >= 0 else None, "n_words": n_words,
            "closed": st.closed,
        })
    return _quote_frame(rows)


def _quote_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    for col in ("speaker_start", "speaker_end", "cue_start", "cue_end", "sentence_id",
                "last_sentence_id"):
        frame[col] = pd.array(frame[col].tolist(), dtype="Int64")
    for col in ("start", "end", "n_words"):
        frame[col] = frame[col].astype(np.int64)
    frame["closed"] = frame["closed"].astype(bool)
    for col in ("doc_id", "text", "mode", "speaker", "speaker_raw", "speaker_resolution",
                "speaker_kind", "speaker_role", "speaker_country", "cue"):
        frame[col] = frame[col].astype(object)
    return frame


# ---------------------------------------------------------------------------
# Corpora
# ---------------------------------------------------------------------------


def _documents(corpus_or_analysis: Any):
    """An iterator of (doc_id, text, sentences, boilerplate flags), and the Analysis."""
    from framing.pipeline import Analysis, AnalysisConfig, analyze

    if isinstance(corpus_or_analysis, Analysis):
        analysis = corpus_or_analysis
    else:
        analysis = analyze(corpus_or_analysis, config=AnalysisConfig(provenance=False))
    sents = analysis.sentences
    groups = {k: g for k, g in sents.groupby("doc_id", sort=False)}

    def documents():
        for doc in analysis.corpus:  # folder corpora are read one text at a time
            g = groups.get(doc.doc_id)
            if g is None:
                spans, bp = [], []
            else:
                spans = list(zip(g["start"].tolist(), g["end"].tolist(), strict=True))
                bp = g["boilerplate"].astype(bool).tolist()
            yield doc.doc_id, doc.text, spans, bp

    return documents(), analysis


def extract_quotes(
    corpus_or_analysis: Any,
    *,
    actors: Actors | str | Path | None = None,
    cues: VoiceCues | None = None,
    boilerplate: bool = False,
) -> pd.DataFrame:
    """Quotations and reported speech of every document, with canonical speakers.

    Parameters
    ----------
    corpus_or_analysis : Analysis, Corpus, path or DataFrame
        An :class:`~framing.pipeline.Analysis` (its sentences and boilerplate are
        reused), or anything :func:`framing.corpus.read_corpus` accepts (it is
        analysed without a lexicon first).
    actors : Actors, path or bundled name, optional
        The actors file (default: the bundled ``actors-kazakhstan-2022``).
    cues : VoiceCues, optional
        Cue lists for :mod:`framing.voice`.
    boilerplate : bool, default False
        Keep statements that start in boilerplate sentences (teasers, navigation);
        by default they are dropped, as boilerplate carries nothing
        (``docs/codebook-sources.md``).

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`quotes_in_text` (:data:`QUOTE_COLUMNS`), one row per
        statement, documents in corpus order. One
        :class:`~framing.voice.UnbalancedQuotesWarning` names the documents whose
        quotation marks did not pair up.

    Examples
    --------
    >>> from framing.datasets import load_kazakhstan_2022
    >>> from framing.quotes import extract_quotes
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     quotes = extract_quotes(load_kazakhstan_2022())
    >>> quotes.groupby("mode").size().to_dict()  # doctest: +SKIP
    {'quoted': 47, 'reported': 40}
    """
    act = _get_actors(actors)
    cue_lists = cues if cues is not None else load_voice_cues()
    docs, _ = _documents(corpus_or_analysis)
    frames = []
    unbalanced_docs: list[str] = []
    for doc_id, text, sents, bp in docs:
        quotations = find_quotations(text, sentences=sents, cues=cue_lists)
        if any(not q.closed or q.open_mark is None for q in quotations):
            unbalanced_docs.append(str(doc_id))
        spans = find_voice_spans(text, sentences=sents, quotations=quotations, cues=cue_lists)
        table = _quotes_table(text, sents, act, cue_lists, quotations, spans, doc_id)
        if not boilerplate and len(table) and any(bp):
            flags = np.asarray(bp, dtype=bool)
            sid = table["sentence_id"].fillna(-1).astype(np.int64).to_numpy()
            keep = (sid < 0) | ~flags[np.clip(sid, 0, None)]
            table = table[keep]
        frames.append(table)
    if unbalanced_docs:
        shown = ", ".join(unbalanced_docs[:10]) + (" ..." if len(unbalanced_docs) > 10 else "")
        warnings.warn(
            f"quotation marks did not pair up in {len(unbalanced_docs)} document(s) ({shown}); "
            "they were resolved by the rules of framing.voice (unclosed quotations end at "
            "their paragraph end, closed=False); check those quotations",
            UnbalancedQuotesWarning, stacklevel=2)
    if not frames:
        return _quote_frame([])
    frames = [f for f in frames if len(f)]
    if not frames:
        return _quote_frame([])
    return pd.concat(frames, ignore_index=True)


def scare_quotes_in_text(text: str, *, sentences: Sequence[tuple[int, int]] | None = None,
                         cues: VoiceCues | None = None, doc_id: str | None = None
                         ) -> pd.DataFrame:
    """Scare quotes of one text: short phrases in quotation marks with no speaker.

    Parameters
    ----------
    text : str
    sentences : sequence of (int, int), optional
    cues : VoiceCues, optional
    doc_id : str, optional

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SCARE_COLUMNS`: ``doc_id``, ``start``, ``end`` (the phrase
        without its marks), ``text``, ``sentence_id``, ``n_words``, and
        ``so_called`` (True when "so-called" precedes it).

    Examples
    --------
    >>> from framing.quotes import scare_quotes_in_text
    >>> scare_quotes_in_text("Russian paratroopers, or “peacekeeping forces” arrived.")[
    ...     ["text", "n_words"]]
                      text  n_words
    0  peacekeeping forces        2
    """
    sents = list(split_sentences(text) if sentences is None else sentences)
    starts = [s for s, _ in sents]
    rows = []
    for q in find_quotations(text, sentences=sents, cues=cues):
        if q.kind != "scare":
            continue
        i = bisect_right(starts, q.start) - 1
        before = text[max(0, q.start - 12):q.start].lower()
        rows.append({
            "doc_id": doc_id, "start": q.content_start, "end": q.content_end,
            "text": text[q.content_start:q.content_end],
            "sentence_id": i if i >= 0 and q.start < sents[i][1] else None,
            "n_words": sum(1 for _ in _COUNT_RE.finditer(text, q.content_start, q.content_end)),
            "so_called": bool(re.search(r"so[-\u2010\u2011 ]called\s*$", before)),
        })
    frame = pd.DataFrame(rows, columns=SCARE_COLUMNS)
    frame["sentence_id"] = pd.array(frame["sentence_id"].tolist(), dtype="Int64")
    return frame


def extract_scare_quotes(corpus_or_analysis: Any, *, cues: VoiceCues | None = None,
                         boilerplate: bool = False) -> pd.DataFrame:
    """Scare quotes of every document (see :func:`scare_quotes_in_text`).

    Parameters
    ----------
    corpus_or_analysis : Analysis, Corpus, path or DataFrame
    cues : VoiceCues, optional
    boilerplate : bool, default False
        Keep scare quotes in boilerplate sentences.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SCARE_COLUMNS`.
    """
    docs, _ = _documents(corpus_or_analysis)
    frames = []
    for doc_id, text, sents, bp in docs:
        table = scare_quotes_in_text(text, sentences=sents, cues=cues, doc_id=doc_id)
        if not boilerplate and len(table) and any(bp):
            flags = np.asarray(bp, dtype=bool)
            sid = table["sentence_id"].fillna(-1).astype(np.int64).to_numpy()
            table = table[(sid < 0) | ~flags[np.clip(sid, 0, None)]]
        if len(table):
            frames.append(table)
    if not frames:
        return scare_quotes_in_text("")
    return pd.concat(frames, ignore_index=True)


# ---------------------------------------------------------------------------
# Tables for researchers
# ---------------------------------------------------------------------------


def _check_columns(frame: pd.DataFrame, needed: Sequence[str], what: str, fix: str) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{what} must be a DataFrame, got {type(frame).__name__}")
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise ValueError(f"{what} lacks column(s) {', '.join(missing)}; {fix}")


def unknown_speakers(quotes: pd.DataFrame, *, n_examples: int = 2) -> pd.DataFrame:
    """Speakers the actors file does not know, for the researcher to classify.

    Parameters
    ----------
    quotes : DataFrame
        From :func:`extract_quotes` or :func:`quotes_in_text`.
    n_examples : int, default 2
        Example statements to show per speaker.

    Returns
    -------
    pandas.DataFrame
        One row per unknown speaker, most statements first: ``speaker``,
        ``speaker_kind`` (the kind guessed from the text, to help filling the
        file), ``n_statements``, ``n_quoted``, ``n_reported``, ``n_docs``,
        ``raw_forms`` (how the text wrote it, ``; ``-separated), ``examples``
        (``doc_id: text`` of the first statements, `` | ``-separated). Add these
        speakers to an actors file (:func:`load_actors`) with a role.

    Examples
    --------
    >>> from framing.quotes import quotes_in_text, unknown_speakers
    >>> q = quotes_in_text("Jane Roe, a local teacher, said the square was calm.")
    >>> unknown_speakers(q)[["speaker", "n_statements", "raw_forms"]]
        speaker  n_statements raw_forms
    0  Jane Roe             1  Jane Roe
    """
    _check_columns(quotes, ["speaker", "speaker_role", "mode", "doc_id", "text"], "quotes",
                   "pass the table from extract_quotes")
    cols = ["speaker", "speaker_kind", "n_statements", "n_quoted", "n_reported", "n_docs",
            "raw_forms", "examples"]
    unk = quotes[(quotes["speaker_role"] == UNKNOWN_ROLE) & quotes["speaker"].notna()]
    if unk.empty:
        return pd.DataFrame(columns=cols)
    rows = []
    for name, g in unk.groupby("speaker", sort=False):
        kinds = g["speaker_kind"].dropna()
        raws = [r for r in dict.fromkeys(g["speaker_raw"].dropna().tolist())]
        ex = " | ".join(f"{d}: {t[:100]}" for d, t in
                        zip(g["doc_id"].head(n_examples), g["text"].head(n_examples),
                            strict=True))
        rows.append({
            "speaker": name,
            "speaker_kind": kinds.mode().iloc[0] if len(kinds) else None,
            "n_statements": len(g), "n_quoted": int((g["mode"] == "quoted").sum()),
            "n_reported": int((g["mode"] == "reported").sum()),
            "n_docs": g["doc_id"].nunique(dropna=False), "raw_forms": "; ".join(raws),
            "examples": ex,
        })
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["n_statements", "speaker"], ascending=[False, True],
                           kind="stable").reset_index(drop=True)


def _group_labels(quotes: pd.DataFrame, by: str, documents: Any) -> pd.Series:
    if by in ("doc", "doc_id"):
        return quotes["doc_id"]
    if by in quotes.columns:
        return quotes[by]
    if documents is None:
        raise ValueError(f"quotes have no column {by!r}; pass documents= (a Corpus, an "
                         "Analysis or a DataFrame with doc_id and that column) or by='doc_id'")
    from framing.corpus import Corpus
    from framing.pipeline import Analysis

    if isinstance(documents, Analysis):
        meta = documents.documents
    elif isinstance(documents, Corpus):
        meta = documents.metadata
    elif isinstance(documents, pd.DataFrame):
        meta = documents
    else:
        raise TypeError(f"documents must be a Corpus, an Analysis or a DataFrame, "
                        f"got {type(documents).__name__}")
    if "doc_id" not in meta.columns or by not in meta.columns:
        raise ValueError(f"documents need the columns doc_id and {by!r}; they have "
                         f"{', '.join(map(str, meta.columns))}")
    lookup = meta.drop_duplicates("doc_id").set_index("doc_id")[by]
    return quotes["doc_id"].map(lookup)


def sourcing_profile(
    quotes: pd.DataFrame,
    matches: pd.DataFrame | None = None,
    *,
    by: str = "outlet",
    documents: Any = None,
) -> pd.DataFrame:
    """Who an outlet lets speak: statements, words and frames per actor role.

    Parameters
    ----------
    quotes : DataFrame
        From :func:`extract_quotes`.
    matches : DataFrame, optional
        Lexicon matches (:attr:`framing.pipeline.Analysis.matches`: ``doc_id,
        start, end, frame`` and ``voice``). A match counts for the role of the
        innermost statement whose words contain it (a quotation before a reported
        statement of the same length); only ``attributed`` matches count when
        ``voice`` is present.
    by : str, default "outlet"
        Grouping column: a column of ``quotes`` or of ``documents``, or
        ``"doc_id"``.
    documents : Corpus, Analysis or DataFrame, optional
        Document metadata holding ``by`` (not needed for ``by="doc_id"``).

    Returns
    -------
    pandas.DataFrame
        One row per group and role, sorted by group then words (roles with no
        speaker are ``"unresolved"``):

        ``<by>``, ``speaker_role``
            the group and the actor role;
        ``n_statements``, ``n_quoted``, ``n_reported``
            statements of that role;
        ``n_speakers``
            distinct speakers;
        ``speakers``
            the speakers, most words first (``name (words)``, ``; ``-separated);
        ``words``
            words of those statements (``n_words``: reported words outside
            quotations);
        ``share_words``
            ``words`` over the group's words in all statements;
        ``n_frame_matches`` and one ``frame_<name>`` column per frame
            (with ``matches``) the lexicon matches inside the role's statements.

    Examples
    --------
    >>> import pandas as pd
    >>> from framing.quotes import sourcing_profile
    >>> quotes = pd.DataFrame({
    ...     "doc_id": ["a", "a", "b"], "start": [0, 50, 0], "end": [40, 80, 30],
    ...     "mode": ["quoted", "reported", "quoted"],
    ...     "speaker": ["Antony Blinken", "Vladimir Putin", "Vladimir Putin"],
    ...     "speaker_role": ["us_government", "russian_government", "russian_government"],
    ...     "n_words": [8, 4, 6]})
    >>> sourcing_profile(quotes, by="doc_id")[["doc_id", "speaker_role", "words", "share_words"]]
      doc_id        speaker_role  words  share_words
    0      a       us_government      8     0.666667
    1      a  russian_government      4     0.333333
    2      b  russian_government      6     1.000000
    """
    _check_columns(quotes, ["doc_id", "start", "end", "mode", "speaker", "speaker_role",
                            "n_words"], "quotes", "pass the table from extract_quotes")
    col = "doc_id" if by in ("doc", "doc_id") else by
    q = quotes.reset_index(drop=True).copy()
    q["_group"] = _group_labels(q, by, documents).to_numpy()
    q["_role"] = q["speaker_role"].where(q["speaker_role"].notna(), "unresolved")
    rows = []
    totals = q.groupby("_group", dropna=False, sort=False)["n_words"].sum()
    for (grp, role), g in q.groupby(["_group", "_role"], dropna=False, sort=True):
        words_by = g.groupby("speaker", dropna=True)["n_words"].sum().sort_values(
            ascending=False, kind="stable")
        total = totals.get(grp, 0) if not (isinstance(grp, float) and np.isnan(grp)) else \
            totals[totals.index.isna()].sum()
        rows.append({
            col: grp, "speaker_role": role, "n_statements": len(g),
            "n_quoted": int((g["mode"] == "quoted").sum()),
            "n_reported": int((g["mode"] == "reported").sum()),
            "n_speakers": int(g["speaker"].nunique()),
            "speakers": "; ".join(f"{n} ({int(w)})" for n, w in words_by.items()),
            "words": int(g["n_words"].sum()),
            "share_words": float(g["n_words"].sum() / total) if total else float("nan"),
        })
    out = pd.DataFrame(rows, columns=[col, "speaker_role", "n_statements", "n_quoted",
                                      "n_reported", "n_speakers", "speakers", "words",
                                      "share_words"])
    if matches is not None:
        _check_columns(matches, ["doc_id", "start", "end", "frame"], "matches",
                       "pass Analysis.matches (analyze with a lexicon)")
        m = matches
        if "voice" in m.columns:
            m = m[m["voice"] == "attributed"]
        frames = sorted(matches["frame"].dropna().unique().tolist(), key=str)
        counts: dict[tuple[Any, str, str], int] = {}
        by_doc = {k: g for k, g in q.groupby("doc_id", sort=False)}
        for doc_id, mg in m.groupby("doc_id", sort=False):
            g = by_doc.get(doc_id)
            if g is None:
                continue
            qs = g["start"].to_numpy(np.int64)
            qe = g["end"].to_numpy(np.int64)
            length = (qe - qs) + np.where(g["mode"].to_numpy() == "quoted", 0, 0.5)
            ms = mg["start"].to_numpy(np.int64)[:, None]
            me = mg["end"].to_numpy(np.int64)[:, None]
            inside = (qs[None, :] <= ms) & (me <= qe[None, :])
            cost = np.where(inside, length[None, :], np.inf)
            best = cost.argmin(axis=1)
            hit = np.isfinite(cost[np.arange(len(best)), best])
            groups = g["_group"].to_numpy()
            roles = g["_role"].to_numpy()
            for k, fr in zip(best[hit].tolist(), mg["frame"].to_numpy()[hit].tolist(),
                             strict=True):
                key = (groups[k], roles[k], fr)
                counts[key] = counts.get(key, 0) + 1
        out["n_frame_matches"] = 0
        for fr in frames:
            out[f"frame_{fr}"] = [counts.get((gv, rv, fr), 0)
                                  for gv, rv in zip(out[col], out["speaker_role"], strict=True)]
        if frames:
            out["n_frame_matches"] = out[[f"frame_{fr}" for fr in frames]].sum(axis=1)
    out = out.sort_values([col, "words"], ascending=[True, False], kind="stable")
    return out.reset_index(drop=True)


# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------


def _names(cell: Any) -> set[str]:
    if cell is None or (isinstance(cell, float) and np.isnan(cell)):
        return set()
    return {_key(p) for p in str(cell).split(";") if p.strip()}


def _unit_sets(quotes: pd.DataFrame, units: pd.DataFrame) -> tuple[list, list, list]:
    """Per coded unit: predicted quoted speakers, reported speakers, number of quotations."""
    by_doc = {k: g for k, g in quotes.groupby("doc_id", sort=False)}
    pq, pr, nq = [], [], []
    for doc_id, a, b in zip(units["doc_id"], units["start"], units["end"], strict=True):
        g = by_doc.get(doc_id)
        quoted: set[str] = set()
        reported: set[str] = set()
        n = 0
        if g is not None:
            hit = g[(g["start"] < b) & (g["end"] > a)]
            for mode, sp in zip(hit["mode"], hit["speaker"], strict=True):
                if mode == "quoted":
                    n += 1
                if sp is None or (isinstance(sp, float) and np.isnan(sp)):
                    continue
                (quoted if mode == "quoted" else reported).add(_key(str(sp)))
        pq.append(quoted)
        pr.append(reported - quoted)
        nq.append(n)
    return pq, pr, nq


def validate_sources(quotes: pd.DataFrame, coded_sources: pd.DataFrame, *,
                     detail: bool = False) -> pd.DataFrame:
    """Agreement of statements and speakers with human speaker coding.

    A statement belongs to every coded unit its words overlap. Per unit, the
    predicted quoted speakers are the speakers of its quotations; the predicted
    reported speakers are the speakers of its reported statements that are not
    also quoted in the unit (as the coders list a speaker once, as quoted, when
    the unit quotes them). Names are compared without case, accents, hyphens and a
    leading "the".

    Parameters
    ----------
    quotes : DataFrame
        From :func:`extract_quotes` (``doc_id, start, end, mode, speaker``).
    coded_sources : DataFrame
        Coded units: ``doc_id, start, end, quoted_speakers, reported_speakers``
        (names separated by ``;``), e.g.
        :func:`framing.datasets.load_kazakhstan_2022_sources`.
    detail : bool, default False
        Return the per-unit comparison instead of the summary.

    Returns
    -------
    pandas.DataFrame
        Summary (``detail=False``), one row per measure, columns ``measure, n,
        count, value, tp, fp, fn, precision, recall, f1``:

        ``quoted_speaker_accuracy``
            ``n`` coded units with quoted speakers, ``count`` of them whose
            predicted quoted speakers are exactly the coded ones, ``value`` the share;
        ``quoted_speaker_found``
            as above, counting units whose coded speakers are all predicted
            (extra predicted speakers allowed);
        ``invented_quotations``
            ``n`` coded units with no quoted speaker, ``count`` of them holding a
            predicted quotation, ``value`` the share;
        ``quoted_speakers``, ``reported_speakers``
            (unit, speaker) pairs: ``tp, fp, fn``, precision, recall, F1 (``value``
            is F1; ``n`` the number of units).

        With ``detail=True``: one row per coded unit, ``doc_id, start, end,
        coded_quoted, predicted_quoted, quoted_match, coded_reported,
        predicted_reported, n_quotations, text``.

    Examples
    --------
    >>> import warnings
    >>> from framing.datasets import load_kazakhstan_2022, load_kazakhstan_2022_sources
    >>> from framing.quotes import extract_quotes, validate_sources
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     quotes = extract_quotes(load_kazakhstan_2022())
    >>> table = validate_sources(quotes, load_kazakhstan_2022_sources())
    >>> bool(table.set_index("measure").loc["quoted_speaker_accuracy", "value"] >= 0.9)
    True
    """
    _check_columns(quotes, ["doc_id", "start", "end", "mode", "speaker"], "quotes",
                   "pass the table from extract_quotes")
    _check_columns(coded_sources, ["doc_id", "start", "end", "quoted_speakers",
                                   "reported_speakers"], "coded_sources",
                   "use framing.datasets.load_kazakhstan_2022_sources() as a model")
    units = coded_sources.reset_index(drop=True)
    q = quotes.copy()
    q["doc_id"] = q["doc_id"].astype(str)
    units = units.assign(doc_id=units["doc_id"].astype(str))
    pq, pr, nq = _unit_sets(q, units)
    cq = [_names(c) for c in units["quoted_speakers"]]
    cr = [_names(c) for c in units["reported_speakers"]]
    if detail:
        return pd.DataFrame({
            "doc_id": units["doc_id"], "start": units["start"], "end": units["end"],
            "coded_quoted": ["; ".join(sorted(s)) for s in cq],
            "predicted_quoted": ["; ".join(sorted(s)) for s in pq],
            "quoted_match": [a == b for a, b in zip(cq, pq, strict=True)],
            "coded_reported": ["; ".join(sorted(s)) for s in cr],
            "predicted_reported": ["; ".join(sorted(s)) for s in pr],
            "n_quotations": nq,
            "text": units["text"] if "text" in units.columns else None,
        })
    with_q = [i for i, s in enumerate(cq) if s]
    without_q = [i for i, s in enumerate(cq) if not s]
    exact = sum(cq[i] == pq[i] for i in with_q)
    found = sum(cq[i] <= pq[i] for i in with_q)
    invented = sum(nq[i] > 0 for i in without_q)

    def prf(pred, ref):
        tp = sum(len(p & r) for p, r in zip(pred, ref, strict=True))
        fp = sum(len(p - r) for p, r in zip(pred, ref, strict=True))
        fn = sum(len(r - p) for p, r in zip(pred, ref, strict=True))
        prec = tp / (tp + fp) if tp + fp else float("nan")
        rec = tp / (tp + fn) if tp + fn else float("nan")
        f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else float("nan")
        return tp, fp, fn, prec, rec, f1

    nan = float("nan")

    def share(k, n):
        return k / n if n else nan

    rows = [
        ("quoted_speaker_accuracy", len(with_q), exact, share(exact, len(with_q)),
         nan, nan, nan, nan, nan, nan),
        ("quoted_speaker_found", len(with_q), found, share(found, len(with_q)),
         nan, nan, nan, nan, nan, nan),
        ("invented_quotations", len(without_q), invented, share(invented, len(without_q)),
         nan, nan, nan, nan, nan, nan),
    ]
    for name, pred, ref in (("quoted_speakers", pq, cq), ("reported_speakers", pr, cr)):
        tp, fp, fn, prec, rec, f1 = prf(pred, ref)
        rows.append((name, len(units), tp, f1, tp, fp, fn, prec, rec, f1))
    out = pd.DataFrame(rows, columns=["measure", "n", "count", "value", "tp", "fp", "fn",
                                      "precision", "recall", "f1"])
    for c in ("tp", "fp", "fn"):
        out[c] = pd.array([None if np.isnan(v) else int(v) for v in out[c]], dtype="Int64")
    return out

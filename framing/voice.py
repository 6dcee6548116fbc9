"""Voice: which words of a news text are the outlet's own, and which it attributes.

Every lexicon match is labelled with a *voice* (codebook, section "Voice"):
``authorial`` when the outlet says it in its own words, ``attributed`` when the
words belong to someone else (a direct quotation, reported speech) or are held at a
distance (scare quotes, "so-called", "what he called").

:func:`find_voice_spans` returns the attributed regions of a text as
:class:`VoiceSpan` objects, each with the rule that found it and its cue;
:func:`assign_voice` labels match offsets with them (:func:`match_voice` does both,
finding only the spans the matches need); :func:`find_quotations`
returns the quotations with their reporting cue and raw speaker text (kept as
offsets, so speaker canonicalisation and pronoun resolution can be added later).
The cue words live in an editable list, ``framing/data/voice_cues.txt``
(:func:`load_voice_cues`). Every offset is a ``str`` index into the original text.

Quotation marks
---------------
Curly ``“ ”`` and ``‘ ’``, straight ``"`` and ``'``, guillemets ``« »`` ``‹ ›`` and
low-9 ``„ ‚``. Scraped text misuses glyphs (``he chose Russia “,`` closes a
quotation), so a mark's role comes from its neighbours first: after a space,
bracket, dash or the paragraph start and before a word it opens; after a word and
before a space, punctuation or the paragraph end it closes; between two spaces it
closes before ``, . ; : ! ?``; otherwise the glyph decides (``“ „ « ‘`` open,
``” » ’`` close) and, for straight marks, whether a quotation of that family is
open. A single mark between two letters or digits (``Kazakhstan’s``, ``it's``) is
an apostrophe, and ``’`` never opens (``rock ’n’ roll``, ``’90s``). Double
(``“ ” " „ « »``) and single (``‘ ’ ' ‚ ‹ ›``) marks pair within their family, so
quotations nest (single in double, and double in double when the roles are clear).

Unbalanced marks never raise; each is resolved by rule and the result says so:

* a double quotation open at its paragraph end continues into the next paragraph
  when that paragraph starts with an opening mark (the news convention for
  multi-paragraph quotations), else it ends at its paragraph end (``closed=False``);
* unless the next paragraph holds a stray closing mark (no opener in that
  paragraph): the continuation's opening mark was left out, and the quotation runs
  to that mark (``“Violent riots ...`` / ``... such a thing, ”``);
* any other stray double closing mark ends a quotation whose opening mark is
  missing; it starts at the paragraph start, or after the previous quotation of
  the paragraph and the rest of its sentence (``“A,” he said. B,”``)
  (``open_mark=None``); after a digit (``12"``) it is ignored;
* unclosed single marks are apostrophes (``protesters’``) and make no quotation;
  of several unclosed double marks in a paragraph only the outermost does.

``unbalanced="warn"`` adds one :class:`UnbalancedQuotesWarning` per text.

A quotation is ``"scare"`` when it follows "so-called", or when it has at most four
words, no sentence-final ``. ! ?``, no omitted opening mark, and no reporting cue
attached; a cue is attached when it follows the closing mark (``“...,” he said``)
or the quotation starts within the first six words of the cue's complement
(``Tokayev said his country had experienced an “attempted coup”``, ``what he
called foreign “terrorists”``). Otherwise it is ``"direct"``. A direct quotation
with no attached cue takes the nearest cue before it in its sentence, else the
cue of the previous direct quotation in its paragraph (``“...,” Antonov said.
“...”``).

Rules (``VoiceSpan.reason``) and their scopes
---------------------------------------------
``quotation``
    A direct quotation, marks included.
``scare_quote``
    A scare quotation, marks included.
``reported_speech``
    A speaker-like subject -- a name (capitalised words: "Mr Blinken", "Officials in
    Moscow"), a pronoun, or a noun phrase headed by a speaker noun ("the Kazakh
    president", "China’s foreign ministry"), possibly before an appositive ("Dr
    Rasmus Nilsson, lecturer at UCL, told ...") -- with a reporting verb. Speech
    verbs ("said", "claimed", "mentioned") take any complement; a "that" within six
    words opens it unless a bare complement has already started ("said it supported
    the deployment and that ...": the scan stops at "and"/"but" or at a pronoun and
    its verb); weak verbs ("told", "informed", "added", "warned", "highlighted") need
    "that", ":", a quotation or a pronoun starting a clause ("he announced he had
    ordered ..."). Speech-act verbs ("questioned", "condemned", "reiterated",
    "declared", "warned against", "issued a statement", ...) act as weak verbs and also
    take a noun-phrase object ("Blinken questioned the deployment"), scoped like the
    naming verbs below; after a possessive ("Blinken’s questions") they are nouns.
    "questioned" with people as its object ("Police questioned 500 people", "questioned
    him") is an interrogation, not a cue. Declarations ("declared", "proclaimed") act
    as speech-act verbs ("declared that ...", "declared victory over ...", "declared
    the protesters terrorists"), but an object naming a measure the declaration
    creates ("declared a state of emergency", "a curfew": ``[declared_acts]``) is the
    act itself, not a cue. "described", "portrayed", "depicted" take an object without
    "as" too ("Witnesses described scenes of looting").
    "told"/"informed" also take an addressee and then a bare clause with an auxiliary
    ("told parliament terrorists had attacked"), and a postposed "told" may keep its
    addressee ("..., Tokayev told parliament on Tuesday."). "X was quoted as saying",
    "Interfax quoted X as saying" are cues of X.
    An appositive between subject and verb is skipped, and when it opens with a
    relative clause (", who ...") that holds commas of its own, the subject is the
    head before ", who". Scope: from the complement start (after the verb, "that" or
    ":") to the sentence end, so an authorial main clause before the cue stays
    authorial ("Dozens have been killed ..., but Mr Blinken said ..."). Naming and
    accusation verbs ("X described Y as Z", "X called them Z", "X accused Y of Z", "X
    blamed Y for Z"), speech-act objects and relative clauses ("the ministry, which
    said ...") scope to the clause end (the next ``, ; :`` outside quotation marks).
    Postposed cues ("..., the minister said.", "..., the minister said on Friday.")
    cover the sentence up to the cue;
    parenthetical cues ("These consequences, he added, could ...") the whole
    sentence; a cue right after a closing mark ("“...,” he said") attributes that
    quotation only. A participle after a comma (", adding that") and a verb after
    "and"/"but" take the subject of the sentence (", saying ..." is a cue even when
    that subject is not found). A preposed span ends at ", and" + a verb of action
    ("said he had given an order ..., and rejected calls"): the outlet's account of
    what the speaker did. A postposed tag followed by ", as ..." / ", amid ..." (an
    adverbial clause) covers the sentence up to the cue only. Passive ("is said to"),
    infinitive ("told to act") and negated ("did not say") uses are not cues.
``retelling``
    The subject is a publication ("The publication assures that ...", "the Internet
    publication complains, ..."), the verb is a verb of publishing ("writes X",
    "X reported that"), or a paragraph is a dash-led credit line ("– notes Daily
    beast"). Scope: as for reported speech, but to the *paragraph* end (a
    retelling goes on after its cue; the coded seeds mark the following sentences
    attributed); a postposed cue covers its paragraph up to the cue; a credit line
    covers itself and the paragraph before it. Wire-service credits ("reports
    Reuters", "– AFP") make no span: they say where the copy came from, not whose
    voice it is (codebook-sources, "Wire-service credits ...").
``according_to``
    "according to X", unless X is a plan, law, treaty, ... (``[not_sources]``).
    Scope: the sentence; a dash-led "– according to X" line covers itself and the
    paragraph before it.
``so_called``
    "so-called X". Scope: the quotation right after it, else the noun phrase: up
    to eight words, ending at punctuation, a clause word ("and", "which", "for",
    ...), an auxiliary, or a word in "-ed" after the first word (a likely verb:
    "the so-called peacekeepers arrived").
``what_called``
    "what X called / termed / dubbed / described as ...". Scope: as for ``so_called``.
``headline_colon``
    A one-sentence line "Speaker: claim" ("The Daily Beast: Kazakhstan has chosen
    Russia"): "The" and a name, or two to five capitalised words, before the colon;
    three or more words after it; and the speaker is cited elsewhere in the text (as
    the speaker of some other cue), which tells a source ("The Daily Beast") from a
    topic ("Long Covid: the supplement ..."). A single capitalised word ("Tokayev:")
    must be cited as the last word of a longer name ("President Kassym-Jomart
    Tokayev said"), which a place or label ("Kazakhstan:", "Analysis:") is not. An
    official or expert role ("Kazakh president:", "Police:", "Russia's foreign
    ministry:") needs no citation. Scope: the claim. Also the answers of an interview
    laid out as Q&A ("DW: Will the troops leave?" / "Reimer: I think they will. ...";
    "Q:" / "A:"): scope from the interviewee's label to the paragraph end, and on
    through unlabelled paragraphs up to the next question (:func:`_interview_spans`).

Assigning voice
---------------
A match is ``attributed`` when any of its characters lies in a span (so
``foreign “terrorists”`` is attributed as a whole); its ``voice_reason`` is the
reason of the innermost such span (the shortest; ties go to the one that starts
first), and ``"none"`` for authorial matches. A match that holds the reporting verb
of a preposed ``reported_speech`` or ``retelling`` span ("Putin declared victory":
"declared" is the outlet's word) is the outlet's account of the speech act: that span
does not attribute it (other spans may).

Limits
------
The rules read surface cues, not syntax: a reported clause is taken to run to the
sentence end even when the outlet resumes in its own voice after a comma ("he
said Moscow had helped, at a time of mounting tensions"); a sentence-initial
capitalised word can pass for a name ("Violence continued: ..."); verbs are
matched in lower case only. Work is linear in the text length: compiled regular
expressions find marks and cues, and Python runs only per hit (bounded windows).
"""

from __future__ import annotations

import re
import warnings
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

import numpy as np

from framing.segmentation import split_lines, split_sentences

__all__ = [
    "AUTHORIAL_REASON",
    "VOICE_REASONS",
    "Quotation",
    "UnbalancedQuotesWarning",
    "VoiceCueError",
    "VoiceCues",
    "VoiceSpan",
    "assign_voice",
    "find_quotations",
    "find_voice_spans",
    "load_voice_cues",
    "match_voice",
]

#: Every value :attr:`VoiceSpan.reason` can take, in documentation order.
VOICE_REASONS: tuple[str, ...] = (
    "quotation",
    "scare_quote",
    "reported_speech",
    "retelling",
    "according_to",
    "so_called",
    "what_called",
    "headline_colon",
)

#: ``voice_reason`` of an authorial match.
AUTHORIAL_REASON = "none"

QuotationKind = Literal["direct", "scare"]
UnbalancedPolicy = Literal["flag", "warn"]


class VoiceCueError(ValueError):
    """A voice cue file is malformed (the message names the file and line)."""


class UnbalancedQuotesWarning(UserWarning):
    """Quotation marks in a text did not pair up and were resolved by rule."""


# ---------------------------------------------------------------------------
# Data classes
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Quotation:
    """A quotation found in a text.

    Attributes
    ----------
    start, end : int
        The quotation including its marks; ``end`` is the paragraph end when the
        quotation is unclosed.
    content_start, content_end : int
        The quoted words, without the marks.
    kind : {"direct", "scare"}
        ``"scare"`` for a short phrase held at a distance (see the module docstring).
    open_mark : str or None
        The opening mark; None when it was missing and inferred from a stray
        closing mark.
    close_mark : str or None
        The closing mark; None when the quotation is unclosed.
    closed : bool
        False when no closing mark was found (the quotation ends at a paragraph end).
    cue_start, cue_end, cue : int, int, str or None
        The reporting verb or phrase attributing the quotation ("said",
        "informed", "called"), when found.
    speaker_start, speaker_end, speaker : int, int, str or None
        The raw speaker text ("Mr Blinken", "he", "the ministry"), when found.
        Pronouns are not resolved.
    """

    start: int
    end: int
    content_start: int
    content_end: int
    kind: QuotationKind
    open_mark: str | None
    close_mark: str | None
    closed: bool
    cue_start: int | None = None
    cue_end: int | None = None
    cue: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class VoiceSpan:
    """A region of a text whose framing words are attributed.

    Attributes
    ----------
    start, end : int
        The region, as offsets into the original text.
    reason : str
        The rule that found it, one of :data:`VOICE_REASONS`.
    cue_start, cue_end : int
        The evidence: the reporting verb or phrase ("said", "according to",
        "so-called", "called"), or the opening mark of a quotation (the closing
        mark when the opening one was missing).
    speaker_start, speaker_end, speaker : int, int, str or None
        The raw speaker text, when found.
    """

    start: int
    end: int
    reason: str
    cue_start: int
    cue_end: int
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker: str | None = None


# ---------------------------------------------------------------------------
# The cue file
# ---------------------------------------------------------------------------

_SECTIONS = (
    "speech_verbs",
    "weak_verbs",
    "text_verbs",
    "naming_verbs",
    "naming_as_verbs",
    "accusation_verbs",
    "stance_verbs",
    "declaration_verbs",
    "speaker_nouns",
    "publication_nouns",
    "wire_services",
    "subject_fillers",
    "not_sources",
    "declared_acts",
)
_VERB_SECTIONS = _SECTIONS[:8]


@dataclass(frozen=True)
class VoiceCues:
    """The word lists the voice rules use (see ``framing/data/voice_cues.txt``).

    Verb sections hold every matched form (lower case, single spaces); the other
    sections hold lower-case words or names.
    """

    speech_verbs: frozenset[str]
    weak_verbs: frozenset[str]
    text_verbs: frozenset[str]
    naming_verbs: frozenset[str]
    naming_as_verbs: frozenset[str]
    accusation_verbs: frozenset[str]
    speaker_nouns: frozenset[str]
    publication_nouns: frozenset[str]
    wire_services: frozenset[str]
    subject_fillers: frozenset[str]
    not_sources: frozenset[str]
    stance_verbs: frozenset[str] = frozenset()
    declaration_verbs: frozenset[str] = frozenset()
    declared_acts: frozenset[str] = frozenset()
    source: str = field(default="<memory>", compare=False)


def _parse_cues(text: str, source: str) -> VoiceCues:
    sections: dict[str, set[str]] = {name: set() for name in _SECTIONS}
    current: str | None = None
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("["):
            name = line.strip("[]").strip()
            if not line.endswith("]") or name not in sections:
                raise VoiceCueError(
                    f"{source}, line {lineno}: unknown section {line!r}; "
                    f"expected one of {', '.join(f'[{s}]' for s in _SECTIONS)}"
                )
            current = name
            continue
        if current is None:
            raise VoiceCueError(
                f"{source}, line {lineno}: entry {line!r} before any [section] header; "
                "start the file with a header such as [speech_verbs]"
            )
        items = [" ".join(item.split()).lower() for item in line.split(",")]
        if any(not item for item in items):
            raise VoiceCueError(
                f"{source}, line {lineno}: empty entry in {line!r}; "
                "separate forms with single commas"
            )
        if current not in _VERB_SECTIONS and len(items) > 1:
            raise VoiceCueError(
                f"{source}, line {lineno}: [{current}] takes one entry per line, got {line!r}"
            )
        sections[current].update(items)
    missing = [name for name in ("speech_verbs", "speaker_nouns") if not sections[name]]
    if missing:
        raise VoiceCueError(
            f"{source}: section(s) {', '.join(f'[{m}]' for m in missing)} missing or empty"
        )
    return VoiceCues(**{k: frozenset(v) for k, v in sections.items()}, source=source)


def load_voice_cues(path: str | Path | None = None) -> VoiceCues:
    """Load voice cue lists from ``path``, or the shipped list when None.

    Parameters
    ----------
    path : str or Path, optional
        A file in the format of ``framing/data/voice_cues.txt`` (sections in
        square brackets, comma-separated verb forms, ``#`` comments).

    Returns
    -------
    VoiceCues

    Raises
    ------
    VoiceCueError
        If the file is malformed; the message names the file and line.

    Examples
    --------
    >>> from framing.voice import load_voice_cues
    >>> cues = load_voice_cues()
    >>> "said" in cues.speech_verbs, "informed" in cues.weak_verbs
    (True, True)
    """
    if path is None:
        return _shipped_cues()
    path = Path(path)
    return _parse_cues(path.read_text(encoding="utf-8"), str(path))


@lru_cache(maxsize=1)
def _shipped_cues() -> VoiceCues:
    resource = resources.files("framing") / "data" / "voice_cues.txt"
    return _parse_cues(resource.read_text("utf-8"), "framing/data/voice_cues.txt")


# ---------------------------------------------------------------------------
# Compiled patterns
# ---------------------------------------------------------------------------

_DOUBLE_MARKS = '"\u201c\u201d\u201e\u201f\u00ab\u00bb'
_SINGLE_MARKS = "'\u2018\u2019\u201a\u2039\u203a"
_ALL_MARKS = _DOUBLE_MARKS + _SINGLE_MARKS
_OPEN_GLYPHS = "\u201c\u201e\u201f\u00ab\u2018\u201a\u2039"
_CLOSE_GLYPHS = "\u201d\u00bb\u2019\u203a"
_LEFT_OPEN_CONTEXT = "([{<\u2013\u2014-/" + _ALL_MARKS
_RIGHT_CLOSE_CONTEXT = ".,;:!?)]}>\u2026\u2013\u2014-/" + _ALL_MARKS
_CLOSE_FOLLOWERS = ".,;:!?)\u2026"

# Quote marks (a plain character class is fast; apostrophes are filtered in code).
_MARK_RE = re.compile(f"[{re.escape(_DOUBLE_MARKS + _SINGLE_MARKS)}]")
# Word tokens (with internal apostrophes, hyphens, dots) and single punctuation marks.
_TOKEN_RE = re.compile(r"\w+(?:[\u2019'.\-\u2010\u2011]\w+)*|[^\w\s]")
_POSSESSIVE_RE = re.compile(r"(?:[\u2019']s?)$")
_CLAUSE_PUNCT_RE = re.compile(r"[,;:\u201c\u201d\"]")
# "so-called": the literal "called" lets ``re`` skip ahead fast; the three characters
# before it ("so-", "So ") are checked in code (no two matches can overlap, so this finds
# exactly the matches of ``[Ss][Oo][-\u2010\u2011 ]called(?![\w-])``)
_CALLED_RE = re.compile(r"called(?![\w-])")
# literal prefixes let ``re`` skip ahead fast; the first letter is checked in code
_ACCORDING_RE = re.compile(r"ccording\s+to(?![\w-])")
_WHAT_RE = re.compile(r"hat\s")
_DASHES = "-\u2013\u2014"
_DASH_LINE_RE = re.compile(r"[\-\u2013\u2014]+\s*")
_HEADLINE_RE = re.compile(
    r"(?P<speaker>(?:The\s+)?[^\W\d_][\w\u2019'.&-]*(?:\s+[^\W\d_][\w\u2019'.&-]*){0,4})"
    r"\s*:\s+(?P<claim>\S+(?:\s+\S+){2,})"
)

_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it"})
_CLAUSE_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "there"})
_INVERTED_PRONOUNS = frozenset({"he", "she", "they", "we"})
_DETERMINERS = frozenset(
    {
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "its",
        "his",
        "her",
        "their",
        "our",
        "my",
        "your",
        "some",
        "many",
        "several",
        "both",
        "all",
        "other",
        "two",
        "three",
    }
)
_CAP_FUNCTION = frozenset(
    {
        "The",
        "A",
        "An",
        "But",
        "And",
        "However",
        "So",
        "Yet",
        "Or",
        "On",
        "In",
        "At",
        "As",
        "Since",
        "When",
        "While",
        "After",
        "Before",
        "Meanwhile",
        "Also",
        "Then",
        "This",
        "That",
        "These",
        "Those",
        "If",
        "Although",
        "Though",
        "Because",
        "For",
        "From",
        "With",
        "By",
        "To",
        "Of",
        "Despite",
        "Unlike",
        "Like",
        "Now",
        "Here",
        "There",
        "What",
        "Why",
        "How",
        "Where",
        "Who",
        "Which",
        "It",
        "He",
        "She",
        "They",
        "We",
        "I",
        "Its",
        "His",
        "Her",
        "Their",
        "Our",
        "My",
        "Your",
        "Both",
        "All",
        "Some",
        "Many",
        "Most",
        "Each",
        "Every",
        "No",
        "Not",
        "Only",
        "Even",
        "Still",
        "Just",
        "Later",
        "Earlier",
        "Last",
        "Next",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "Moreover",
        "Furthermore",
        "Instead",
        "Thus",
        "Therefore",
    }
)
_NAME_CONNECTORS = frozenset(
    {"of", "for", "and", "the", "de", "du", "von", "van", "al", "bin", "la", "le", "&"}
)
_PREPOSITIONS = frozenset({"in", "at", "from", "for", "of", "with", "on", "to", "over", "near"})
_NP_STOP = frozenset(
    {
        "and",
        "or",
        "but",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "while",
        "because",
        "although",
        "if",
        "as",
        "than",
        "not",
        "to",
        "of",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
    }
)
_PASSIVE = frozenset({"is", "are", "was", "were", "be", "been", "being", "am", "get", "got"})
_NEGATION = frozenset({"not", "never", "n't", "nor", "neither"})
_OBJECT_BREAKERS = frozenset(
    {
        "in",
        "at",
        "from",
        "for",
        "of",
        "with",
        "on",
        "to",
        "over",
        "near",
        "about",
        "by",
        "what",
        "who",
        "which",
        "how",
        "why",
        "when",
        "where",
        "that",
        "and",
        "or",
        "but",
        "as",
        "if",
        "because",
    }
)
_AUXILIARIES = frozenset(
    {
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "must",
        "should",
        "shall",
        "did",
        "does",
        "do",
    }
)
_PHRASE_STOP = frozenset(
    {
        "and",
        "or",
        "but",
        "which",
        "who",
        "whom",
        "whose",
        "that",
        "where",
        "when",
        "while",
        "because",
        "although",
        "though",
        "for",
        "from",
        "with",
        "by",
        "after",
        "before",
        "since",
        "as",
        "than",
        "if",
        "unless",
        "until",
    }
)
_NAMING_BLOCKERS = frozenset(
    {"for", "on", "off", "up", "upon", "in", "out", "back", "to", "into", "at", "down", "over"}
)
_TIME_WORDS = frozenset(
    {
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "week",
        "weekend",
        "month",
        "year",
        "night",
        "morning",
        "afternoon",
        "evening",
        "day",
        "today",
        "yesterday",
        "tonight",
    }
)
_TAIL_ADVERBIAL_LEADS = frozenset(
    {
        "in",
        "at",
        "on",
        "during",
        "after",
        "before",
        "last",
        "this",
        "earlier",
        "later",
        "late",
        "yesterday",
        "today",
        "tonight",
        "recently",
        "previously",
        "separately",
        "then",
        "again",
        "too",
        "also",
        "afterwards",
        "via",
        "through",
        "by",
    }
)
# "have" right before a verb form: only a past participle can follow it as a verb
_HAVE_RE = re.compile(r"(?<![\w\-])ha(?:s|ve|d)\s+$", re.IGNORECASE)
_TAIL_STOPS = frozenset({"", ",", ".", "!", "?", ";", "\u2026"})
# The words that may open a prepositional phrase in the tail of a postposed
# attribution ("said on Friday at a news conference following talks with ...",
# "said in an interview with the BBC", "said according to a transcript"), and the
# participles that work as one ("citing officials", "speaking to reporters").
_TAIL_PREPOSITIONS = _PREPOSITIONS | frozenset(
    {"during", "after", "before", "via", "through", "by", "following", "amid", "about"}
    | {"under", "without", "across", "inside", "outside", "ahead", "according", "into"}
    | {"citing", "quoting", "referring", "speaking", "responding", "addressing"}
)
# Adverbs that may stand alone in such a tail ("said again", "said separately").
_TAIL_ADVERBS = frozenset(
    {"again", "also", "too", "then", "later", "earlier", "recently", "previously"}
    | {"separately", "afterwards", "yesterday", "today", "tonight", "once", "twice"}
    | {"late", "early"}  # "said late on Tuesday"
)
# Modifiers of a time word ("last week", "earlier this month", "late on Tuesday").
_TIME_MODIFIERS = frozenset({"last", "this", "next", "earlier", "late", "early"})
# Words that open or belong to a clause: a tail holding one is a complement (or a
# clause of the outlet's), not an attribution's adverbial.
_CLAUSE_WORDS = (
    _AUXILIARIES
    | _CLAUSE_PRONOUNS
    | _NEGATION
    | frozenset({"that", "which", "who", "whom", "whose", "what", "whether", "if"})
    | frozenset({"because", "when", "where", "while", "although", "though", "unless"})
    | frozenset({"since", "as", "than", "so"})
)
_TIME_LEADS = frozenset({"on", "last", "this", "next", "earlier", "late", "in", "that"})
_SENTENCE_OPENERS = frozenset(
    {
        "but",
        "and",
        "however",
        "so",
        "yet",
        "meanwhile",
        "moreover",
        "still",
        "now",
        "then",
        "also",
        "instead",
        "thus",
    }
)

# Object pronouns ("questioned him": see _person_object).
_OBJECT_PRONOUNS = frozenset(
    {"him", "her", "them", "us", "me", "himself", "herself", "themselves", "itself"}
)
# The forms of "question" whose object may be people being interrogated.
_QUESTION_FORMS = frozenset({"question", "questioned", "questions", "questioning"})
_PERSON_NOUNS = frozenset(
    {
        "people",
        "persons",
        "person",
        "suspects",
        "suspect",
        "detainees",
        "detainee",
        "prisoners",
        "witnesses",
        "eyewitnesses",
        "residents",
        "protesters",
        "protestors",
        "demonstrators",
        "rioters",
        "looters",
        "men",
        "man",
        "women",
        "woman",
        "individuals",
        "citizens",
        "journalists",
        "activists",
        "students",
        "workers",
        "members",
        "officers",
        "soldiers",
        "someone",
        "anyone",
        "everyone",
    }
)
_QUANTITIES = frozenset(
    {
        "dozens",
        "hundreds",
        "thousands",
        "scores",
        "some",
        "several",
        "many",
        "more",
        "than",
        "nearly",
        "almost",
        "about",
        "around",
        "over",
        "at",
        "least",
        "two",
        "three",
        "four",
        "five",
        "ten",
        "dozen",
        "hundred",
        "thousand",
    }
)

# Naming verbs that report speech even without "as": "Witnesses described scenes of
# looting" reports what the witnesses described (codebook-sources: "what someone said,
# claimed or described"); "identified", "recognised" without "as" do not.
_DESCRIBE_FORMS = frozenset(
    {"describe", "described", "describes", "describing", "portray", "portrayed", "portrays"}
    | {"portraying", "depict", "depicted", "depicts", "depicting"}
)

# "quoted as saying", "cited as saying" (see _CueFinder._quoted_as_speaker)
_QUOTING_VERBS = frozenset({"quoted", "cited"})
# Verbs whose object is the addressee: "..., Tokayev told parliament on Tuesday." is a
# postposed cue although a noun phrase follows the verb.
_ADDRESSEE_FORMS = frozenset({"tell", "told", "tells", "inform", "informed", "informs"})

# Speaker nouns that make "Role: claim" a headline attribution by themselves
# ("Kazakh president: terrorists attacked", "Police: 26 killed"). Not the nouns a
# topic label also uses ("Kazakhstan protesters: who are they?", "State of emergency:").
_HEADLINE_ROLES = frozenset(
    {
        "president",
        "prime minister",
        "minister",
        "foreign minister",
        "ministry",
        "government",
        "kremlin",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "official",
        "officials",
        "ambassador",
        "envoy",
        "diplomat",
        "diplomats",
        "police",
        "authorities",
        "analyst",
        "analysts",
        "expert",
        "experts",
        "witness",
        "witnesses",
        "eyewitnesses",
        "prosecutor",
        "prosecutors",
        "source",
        "sources",
        "mayor",
        "governor",
        "senator",
        "premier",
        "chancellor",
        "commander",
        "embassy",
    }
)

_DOUBLE = 0
_SINGLE = 1


def _trie_regex(words: Collection[str]) -> str:
    """A regex alternation shaped as a trie (fast with ``re``); spaces match ``\\s+``."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        if "" in node and len(node) == 1:
            return ""
        alts = []
        optional = False
        for ch in sorted(node):
            if ch == "":
                optional = True
                continue
            piece = r"\s+" if ch == " " else re.escape(ch)
            alts.append(piece + build(node[ch]))
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if optional:
            body = "(?:" + body + ")?" if len(alts) > 1 else f"(?:{body})?"
        return body

    return build(trie)


@dataclass(frozen=True)
class _Compiled:
    verb_re: re.Pattern[str]
    what_re: re.Pattern[str]
    wire_re: re.Pattern[str] | None
    verb_kind: dict[str, str]
    # True when no verb form starts with a later word of a multi-word form ("to" of
    # "refer to"): then a search for verbs may start at any position, not only where
    # a scan of the whole text would be (see _CueFinder._hits)
    restartable: bool = True
    # the publication nouns, to find in a lower-cased sentence (None: not all ASCII,
    # so lower-casing a sentence might not keep them; see _match_spans)
    publication_re: re.Pattern[str] | None = None
    # lower-case words that may stand right before a verb with a speaker (or a
    # subject to look for) in reach; any other lower-case word there rules a cue out
    # (see _CueFinder._no_subject)
    subject_words: frozenset[str] = frozenset()
    # a character that no verb form holds (spaces of a form match any whitespace)
    stop_re: re.Pattern[str] = re.compile(r"\S")
    # the verb pattern led by a character that may precede a word (see
    # _CueFinder._search_verb); None when a form does not start with a word character
    lead_re: re.Pattern[str] | None = None


@lru_cache(maxsize=8)
def _compile(cues: VoiceCues) -> _Compiled:
    kind: dict[str, str] = {}
    # Later sections win: a form listed as a naming verb and a weak verb is naming.
    for section, name in (
        ("weak_verbs", "weak"),
        ("speech_verbs", "speech"),
        ("text_verbs", "text"),
        ("naming_verbs", "naming"),
        ("naming_as_verbs", "naming_as"),
        ("accusation_verbs", "accuse"),
        ("stance_verbs", "stance"),
        ("declaration_verbs", "declare"),
    ):
        for form in getattr(cues, section):
            kind[form] = name
    boundary_r = r"(?![\w\u2019'\-])"
    # "\b" is faster than a look-behind; "so-called", "re-stated" are rejected in code
    verb_re = re.compile(r"\b(?:" + _trie_regex(kind) + r")\b")
    naming = [f for f in cues.naming_verbs] + [f + " as" for f in cues.naming_as_verbs]
    what_re = re.compile(
        r"[Ww]hat\s+(?P<subj>(?:[^\s,.;:!?\u201c\u201d\"]+\s+){0,5}?)"
        r"(?P<aux>(?:has|have|had|is|are|was|were|has\s+been|had\s+been)\s+)?"
        r"(?P<verb>" + _trie_regex(naming) + ")" + boundary_r,
    )
    wire_re = (
        re.compile(r"(?<!\w)(?:" + _trie_regex(cues.wire_services) + r")(?!\w)", re.IGNORECASE)
        if cues.wire_services
        else None
    )
    first_words = {form.split()[0] for form in kind}
    restartable = not any(
        word in first_words for form in kind for word in form.split()[1:]
    )
    nouns = sorted(cues.publication_nouns)
    publication_re = (
        re.compile("|".join(re.escape(w) for w in nouns))
        if nouns and all(w.isascii() for w in nouns)
        else None
    )
    subject_words = frozenset(
        {w.lower() for w in cues.subject_fillers}
        | _TIME_WORDS
        | _PRONOUNS
        | {"and", "but", "while", "who", "which", "as"}
        | {n.split()[-1].lower() for n in cues.speaker_nouns | cues.publication_nouns if n.split()}
    )
    form_chars = sorted({ch for form in kind for ch in form if ch != " "})
    stop_re = re.compile("[^" + "".join(re.escape(ch) for ch in form_chars) + r"\s]")
    # not an ASCII word character ([0-9A-Za-z_]): all other characters, so that
    # ``re`` scans for the class fast; a non-ASCII letter is rejected afterwards
    lead = "[\\x00-\\x2f\\x3a-\\x40\\x5b-\\x5e\\x60\\x7b-\\U0010ffff]"
    lead_re = (
        re.compile(lead + "(?:" + _trie_regex(kind) + r")\b")
        if kind and all(re.match(r"\w", form) for form in kind)
        else None
    )
    return _Compiled(
        verb_re,
        what_re,
        wire_re,
        kind,
        restartable,
        publication_re,
        subject_words,
        stop_re,
        lead_re,
    )


# ---------------------------------------------------------------------------
# Document structure helpers
# ---------------------------------------------------------------------------


class _Layout:
    """Sentence and paragraph bounds with O(log n) lookup."""

    __slots__ = ("n", "para_ends", "para_starts", "sent_ends", "sent_starts")

    def __init__(self, text: str, sentences: Sequence[tuple[int, int]] | None) -> None:
        self.n = len(text)
        paras = split_lines(text)
        self.para_starts = [s for s, _ in paras]
        self.para_ends = [e for _, e in paras]
        if sentences is None:
            sentences = split_sentences(text)
        starts: list[int] = []
        ends: list[int] = []
        prev_end = 0
        for i, pair in enumerate(sentences):
            try:
                s, e = (int(pair[0]), int(pair[1]))
            except (TypeError, ValueError, IndexError):
                raise ValueError(
                    f"sentences[{i}] must be a (start, end) pair of ints, got {pair!r}"
                ) from None
            if not (0 <= s <= e <= self.n) or s < prev_end:
                raise ValueError(
                    f"sentences must be sorted, non-overlapping (start, end) offsets within "
                    f"the text (length {self.n}); sentences[{i}] = {(s, e)} is not; "
                    "use framing.segmentation.split_sentences(text)"
                )
            starts.append(s)
            ends.append(e)
            prev_end = e
        self.sent_starts = starts
        self.sent_ends = ends

    def paragraph(self, pos: int) -> tuple[int, int, int]:
        i = bisect_right(self.para_starts, pos) - 1
        if i >= 0 and pos < self.para_ends[i]:
            return i, self.para_starts[i], self.para_ends[i]
        return -1, pos, pos

    def sentence(self, pos: int) -> tuple[int, int]:
        """Bounds of the sentence holding ``pos`` (its paragraph if no sentence does)."""
        i = bisect_right(self.sent_starts, pos) - 1
        if i >= 0 and pos < self.sent_ends[i]:
            return self.sent_starts[i], self.sent_ends[i]
        _, ps, pe = self.paragraph(pos)
        return ps, pe


def _tokens(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    return [m.span() for m in _TOKEN_RE.finditer(text, lo, hi)]


# Cue analysis reads token strings (``_TOKEN_RE.findall``, fast) and needs the offsets of
# only a few tokens, found on demand. The tokens of a window cover every non-space
# character in it (a character is ``\w``, ``\s`` or ``[^\w\s]``), so the gap between two
# tokens is whitespace while a token starts and ends with a non-space character: the
# first occurrence of a token after the previous one's end starts at the token, and
# the last occurrence before the next one's start ends at the token.


def _forward_span(text: str, words: list[str], pos: int, k: int) -> tuple[int, int]:
    """Offsets of ``words[k]``, where ``words`` are the tokens of a window from ``pos``."""
    for j in range(k):
        pos = text.find(words[j], pos) + len(words[j])
    a = text.find(words[k], pos)
    return a, a + len(words[k])


def _backward_start(text: str, words: list[str], end: int, k: int) -> int:
    """Start of ``words[k]``, where ``words`` are the tokens of a window ending at ``end``."""
    for j in range(len(words) - 1, k - 1, -1):
        end = text.rfind(words[j], 0, end)
    return end


def _is_name(tok: str) -> bool:
    return tok[:1].isupper() and tok not in _CAP_FUNCTION


def _looks_finite(tok: str) -> bool:
    """Whether a lower-case word after a pronoun looks like its verb ("it supported",
    "he had", "they want"): an auxiliary or a word in -ed / -s."""
    low = tok.lower()
    return tok == low and (
        low in _AUXILIARIES
        or low.endswith("ed")
        or (low.endswith("s") and not low.endswith("ss") and len(low) > 3)
    )


def _is_word(tok: str) -> bool:
    return tok[:1].isalnum()


def _told_clause(words: list[str]) -> int | None:
    """Where a bare clause starts after "told" and its addressee, or None.

    "told parliament terrorists had attacked", "told reporters the protests were
    peaceful", "told a news conference the bandits would be punished": an auxiliary
    at least two words after the verb, with only plain words before it, closes the
    clause subject, which starts at the first article after the addressee (else the
    word before the auxiliary). A clause without an auxiliary is not read. A time
    adverbial after the addressee ("told parliament on Tuesday terrorists had ...")
    is skipped.
    """
    first = 1  # where the clause subject may start
    k = 0
    while k < min(len(words), 10):
        t = words[k]
        tl = t.lower()
        if not _is_word(t):
            return None
        if tl in _AUXILIARIES:
            if k < first + 1 or tl in ("be", "been"):
                return None
            for p in range(first, k - 1):
                if words[p].lower() in ("the", "a", "an"):
                    return p
            return k - 1
        if (
            k > 0
            and tl in _TIME_LEADS
            and k + 1 < len(words)
            and words[k + 1].lower() in _TIME_WORDS
        ):
            k += 2
            first = k
            continue
        if tl in _OBJECT_BREAKERS or tl in _PHRASE_STOP or tl == "to":
            return None
        k += 1
    return None


def _noun_after_have(text: str, s0: int, vs: int, verb: str) -> bool:
    """Whether the verb form ``verb`` at ``vs`` ends in -s or -ing and stands right
    after "have" / "has" / "had" in its sentence (from ``s0``): only a past participle
    follows "have" as a verb, so "we now have questions about ..." holds a noun."""
    form = verb.split(" ", 1)[0]
    return (
        form.endswith(("s", "ing"))
        and not form.endswith("ss")
        and _HAVE_RE.search(text, max(s0, vs - 6), vs) is not None
    )


# The word after the comma that ends an attribution's tail (see
# _CueFinder._subordinate_after) and the words that open an adverbial clause there.
_TAIL_CLAUSE_RE = re.compile(r"[^,.;:!?\n]*,\s*(\w+)")
_SUBORDINATORS = frozenset(
    {
        "as", "while", "amid", "after", "before", "when", "since", "despite", "although",
        "though", "whereas",
    }
)
# Not "with": an absolute phrase after the tag often goes on with the speaker's account
# ("Order has been restored, officials said, with the operation continuing").
# A short insertion between commas after which the phrase goes on with "to" or "of"
# ("as an attempt, inspired from outside, to undermine the state"; see
# _CueFinder._clause_end).
_INSERTION_RE = re.compile(r",[ \t]+[^,;:\"\u201c\u201d\n]{1,40},[ \t]+(?=(?:to|of)\s)")
# ", and" after a reported clause (see _CueFinder._coordinated_end)
_COORD_AND_RE = re.compile(r",\s+and\s")
# Irregular past forms and participles of verbs of action ("and gave police
# permission", "and has given", "and sent troops").
_IRREGULAR_PAST = frozenset(
    {
        "gave", "given", "sent", "took", "taken", "made", "met", "left", "fled", "led",
        "sought", "won", "lost", "brought", "put", "set", "cut", "shut", "began", "begun",
        "flew", "flown", "held", "kept", "struck", "drove", "stood", "went", "gone",
        "signed", "fired",
    }
)


def _coordinated_act(word: str, verb_kind: dict[str, str]) -> bool:
    """Whether ``word`` after ", and" is a finite verb that ends a reported clause:
    a lower-case word in -ed (not "need", "feed") or an irregular past form, that is
    not a speech verb ("added", "warned": they may go on reporting speech without a
    cue of their own) or an auxiliary."""
    if word != word.lower() or word in _AUXILIARIES:
        return False
    if verb_kind.get(word) in ("speech", "weak", "text"):
        # "and added that ...": speech too. A speech-act verb ("and rejected calls
        # for talks") makes a cue of its own, scoped to its object.
        return False
    return word in _IRREGULAR_PAST or (word.endswith("ed") and len(word) > 4)


_RELATIVE_WORDS = frozenset({"who", "whom", "whose", "which", "that", "where", "when"})
_TAIL_DETERMINERS = _DETERMINERS | frozenset({"any", "every", "each", "no", "such", "most"})
_FREE, _NEED, _NP = 0, 1, 2  # states of _adverbial_tail


def _finite_verb(words: list[str], k: int) -> bool:
    """Whether the lower-case ``words[k]`` inside a noun phrase looks like a finite
    verb with an object: a word in -ed or -s after a word that is not a determiner
    ("terrorists attacked the city", "Russia supports the mission"), followed by a
    determiner, pronoun or number (or, for -ed, a name or the end: "terrorists
    attacked."); "a televised address", "talks with", "comments reported by TASS"
    are not."""
    t = words[k]
    tl = t.lower()
    if t != tl or len(tl) < 5 or k == 0:
        return False
    ed = tl.endswith("ed")
    if not (ed or (tl.endswith("s") and not tl.endswith("ss"))):
        return False
    prev = words[k - 1].lower()
    if prev in _DETERMINERS or prev in _TAIL_PREPOSITIONS or not _is_word(words[k - 1]):
        return False
    if k + 1 == len(words) or not _is_word(words[k + 1]):
        return ed
    nxt = words[k + 1]
    nl = nxt.lower()
    if nl in _DETERMINERS or nl in _PRONOUNS or nl in _OBJECT_PRONOUNS or nl[:1].isdigit():
        return True
    return ed and _is_name(nxt) and nl not in _TIME_WORDS


def _adverbial_tail(
    words: list[str], addressee: bool, complete: bool, relative: bool = False
) -> int | None:
    """Where the adverbial tail of a postposed attribution ends, or None.

    ``words`` are the tokens after a reporting verb (after the speaker of an
    inverted cue), up to the sentence end when ``complete``. A postposed or
    parenthetical attribution may end in adverbials: time words ("Friday", "late on
    Tuesday", "earlier this month"), adverbs ("again", "publicly") and prepositional
    phrases ("on state television", "in an interview with the BBC", "at a news
    conference following talks with his counterpart"), after the addressee of
    "told" when ``addressee`` ("told reporters in Moscow"). With ``relative`` (the
    words follow an inverted speaker), a relative clause opening them describes the
    speaker ("said Brenner who heads the institute") and runs to the next mark; so
    does a clause of time about the speaking ("said as he arrived in Moscow").
    Returns the index of the punctuation mark that ends them (``len(words)`` at the
    sentence end).

    None when the words hold a clause, which makes them the verb's complement (the
    cue is then preposed: "In a speech, Putin said terrorists attacked the city on
    Friday."): a clause word (an auxiliary, a subject pronoun, a negation,
    "that", "because"), a finite-looking verb with an object (:func:`_finite_verb`),
    or a noun phrase that no preposition introduces ("said on Friday terrorists
    ...", "said at a news conference the militants ...": a clause subject).
    """
    n = len(words)
    k = 0
    if relative and n and words[0].lower() in ("who", "whose"):
        while k < n and _is_word(words[k]):
            k += 1
        return None if k == n and not complete else k
    if addressee:
        # "told reporters", "told Russia's RIA news agency": up to four words
        while k < min(n, 4):
            t = words[k]
            tl = t.lower()
            if (
                not _is_word(t)
                or tl in _TAIL_PREPOSITIONS
                or tl in _TAIL_ADVERBS
                or tl in _TIME_WORDS
                or tl in _TIME_MODIFIERS
            ):
                break
            if tl in _CLAUSE_WORDS or tl in _PHRASE_STOP:
                return None
            k += 1
        if k == 0:
            return None
    state = _FREE
    after_and = False  # the previous word was "and" / "or"
    det_ok = False  # a determiner may follow: "in a speech marking the anniversary"
    while k < n:
        t = words[k]
        if not _is_word(t):
            break
        if k >= 30:
            return None  # too long to be an adverbial tail
        tl = t.lower()
        nxt = words[k + 1] if k + 1 < n else ""
        if state != _NEED and tl == "as" and nxt in ("he", "she", "they"):
            # "said as he arrived in Moscow": a clause of time about the speaking,
            # to the next mark
            while k < n and _is_word(words[k]):
                k += 1
            break
        if tl in ("while", "when") and nxt.islower() and (nxt.endswith("ing") or nxt == "asked"):
            # "said while visiting Almaty", "said when asked about the protests": a
            # participle works as a preposition
            state, after_and, det_ok = _NEED, False, False
            k += 2
            continue
        if tl in _CLAUSE_WORDS or tl.endswith("n't"):
            return None
        if tl in _TAIL_PREPOSITIONS:
            state, after_and, det_ok = _NEED, False, False
        elif tl in ("and", "or"):
            if state == _NEED:
                return None
            # "on Friday and Saturday", "with Kazakh and Russian officials"
            state, after_and, det_ok = (_NEED if state == _NP else _FREE), True, False
        elif state == _FREE:
            if tl in _TIME_MODIFIERS and k + 1 < n and words[k + 1].lower() in _TIME_WORDS:
                k += 1  # "last week", "this month"
            elif not (
                tl in _TIME_WORDS or tl in _TAIL_ADVERBS or (t.islower() and tl.endswith("ly"))
            ):
                return None  # a subject or a verb: "said Friday terrorists attacked"
            after_and = False
        else:
            if after_and and t == tl and (tl.endswith("ed") or tl.endswith("s")):
                return None  # "said in Moscow and warned ...": a second verb
            if state == _NP and tl in _TAIL_DETERMINERS and not det_ok:
                return None  # a noun phrase without a preposition: a clause subject
            if state == _NP and _finite_verb(words, k):
                return None
            det_ok = (
                state == _NP
                and t == tl
                and tl.endswith("ing")
                and len(tl) > 5
                and words[k - 1].lower() not in _DETERMINERS
            )
            state, after_and = _NP, False
        k += 1
    if (k == n and not complete) or state == _NEED:
        return None
    return k


def _holds_clause(words: list[str], a: int, b: int) -> bool:
    """Whether ``words[a:b]`` hold an auxiliary outside a relative clause.

    An appositive between commas is a noun phrase ("Dr Rasmus Nilsson, lecturer in
    politics at University College London, said", "Lavrov, the minister who has
    led ..., said"); a stretch with a finite verb of its own is a clause, so the
    noun before it is no subject of the verb after it ("For the Kremlin, the
    deployment is an opportunity ..., said Nadia Brenner").
    """
    for t in words[a:b]:
        tl = t.lower()
        if tl in _RELATIVE_WORDS:
            return False
        if tl in _AUXILIARIES:
            return True
    return False


def _declared_act(words: list[str], acts: Collection[str]) -> bool:
    """Whether the object after "declared" names an act the declaration performs.

    "declared a state of emergency", "declared a curfew in Almaty", "declared a
    counter-terrorist operation": the declaration creates the measure, and the outlet
    reports that act in its own words. "declared victory over the terrorists",
    "declared the protesters terrorists" assert something: speech. The object runs
    over up to eight words, through "of" but to no other breaker or punctuation; it
    is an act when one of its words is in ``acts`` (``[declared_acts]``).
    """
    for t in words[:8]:
        tl = t.lower()
        if tl in acts:
            return True
        if not _is_word(t) and t not in "-\u2010\u2011":
            return False
        if tl != "of" and (tl in _OBJECT_BREAKERS or tl in _NP_STOP):
            return False
    return False


def _person_object(words: list[str]) -> bool:
    """Whether the words after "questioned" start with people as its object.

    "Police questioned 500 people", "questioned dozens of suspects", "questioned him"
    report an interrogation, not a speech act ("questioned the legality of ...",
    "questioned the protesters' account"): an object pronoun, or a noun for people
    (not followed by a possessive mark) after only determiners, numbers, quantities
    ("dozens of") and up to two lower-case modifiers ("detained protesters").
    """
    n = len(words)
    if not n or not _is_word(words[0]):
        return False
    if words[0].lower() in _OBJECT_PRONOUNS:
        return True
    mods = 0
    for j in range(min(n, 7)):
        t = words[j]
        tl = t.lower()
        if not _is_word(t):
            return False
        if tl in _PERSON_NOUNS:
            return not (j + 1 < n and words[j + 1] in "\u2019'")
        if tl.isdigit() or tl.replace(",", "").isdigit() or tl in _QUANTITIES:
            continue
        if tl == "of" and j > 0 and words[j - 1].lower() in _QUANTITIES:
            continue
        if tl in _DETERMINERS and mods == 0:
            continue
        if t.islower() and tl not in _OBJECT_BREAKERS and tl not in _NP_STOP and mods < 2:
            mods += 1
            continue
        return False
    return False


# ---------------------------------------------------------------------------
# Quotation marks
# ---------------------------------------------------------------------------


@dataclass(slots=True)
class _RawQuote:
    start: int
    end: int
    content_start: int
    content_end: int
    open_mark: str | None
    close_mark: str | None
    closed: bool
    multi_paragraph: bool = False


def _role(text: str, p: int, lo: int, hi: int, family_open: bool) -> bool:
    """True if the mark at ``p`` opens a quotation, False if it closes one."""
    ch = text[p]
    prev = text[p - 1] if p > lo else None
    nxt = text[p + 1] if p + 1 < hi else None
    left_open = prev is None or prev.isspace() or prev in _LEFT_OPEN_CONTEXT
    right_close = nxt is None or nxt.isspace() or nxt in _RIGHT_CLOSE_CONTEXT
    if left_open and not right_close:
        # "’" opening a word is an elision ("rock ’n’ roll", "’90s"), never an opener
        return ch != "\u2019"
    if right_close and not left_open:
        return False
    if left_open and right_close and nxt is not None and nxt in _CLOSE_FOLLOWERS:
        return False  # 'he chose Russia “,'
    if ch in _OPEN_GLYPHS:
        return True
    if ch in _CLOSE_GLYPHS:
        return False
    return not family_open


def _mark_positions(text: str) -> list[int]:
    """Offsets of quotation marks, without apostrophes (a single mark between two
    letters or digits: "Kazakhstan’s", "it's")."""
    out = []
    n = len(text)
    for m in _MARK_RE.finditer(text):
        p = m.start()
        if (
            text[p] in _SINGLE_MARKS
            and 0 < p < n - 1
            and text[p - 1].isalnum()
            and text[p + 1].isalnum()
        ):
            continue
        out.append(p)
    return out


def _scan_quotes(text: str, layout: _Layout) -> tuple[list[_RawQuote], int]:
    """Pair quotation marks paragraph by paragraph; return quotes and #unbalanced marks."""
    quotes: list[_RawQuote] = []
    unbalanced = 0
    marks = _mark_positions(text)
    para_starts, para_ends = layout.para_starts, layout.para_ends
    n_marks, n_paras = len(marks), len(para_starts)
    # A double quotation left open by the previous paragraph:
    # (open_pos, open_mark, last_paragraph_end, n_paragraphs)
    pending: tuple[int, str, int, int] | None = None
    mi = 0
    pi = 0
    while pi < n_paras:
        if pending is None:
            # nothing carried over: jump to the paragraph of the next mark
            if mi >= n_marks:
                break
            pi = max(pi, bisect_right(para_starts, marks[mi]) - 1)
        lo, hi = para_starts[pi], para_ends[pi]
        while mi < n_marks and marks[mi] < lo:
            mi += 1  # a mark outside every paragraph (cannot happen for non-space text)
        stack: list[tuple[int, str, int]] = []  # (pos, mark, family)
        depths: tuple[list[int], list[int]] = ([], [])  # stack indices per family
        continued = None  # the pending quotation, continued in this paragraph
        carry = pending  # the pending quotation, if not continued: may end at a stray closer
        pending = None
        last_close = lo
        while mi < n_marks and marks[mi] < hi:
            p = marks[mi]
            mi += 1
            ch = text[p]
            fam = _DOUBLE if ch in _DOUBLE_MARKS else _SINGLE
            opens = _role(text, p, lo, hi, bool(depths[fam]))
            if carry is not None and p == lo and opens and fam == _DOUBLE:
                # Continuation paragraph: the re-opening mark is not a new quotation.
                continued, carry = carry, None
                depths[_DOUBLE].append(0)
                stack.append((continued[0], continued[1], _DOUBLE))
                continue
            if opens:
                depths[fam].append(len(stack))
                stack.append((p, ch, fam))
                continue
            if depths[fam]:
                k = depths[fam].pop()
                while len(stack) > k + 1:  # unclosed marks of the other family inside
                    _, _, f = stack.pop()
                    depths[f].pop()
                    unbalanced += 1
                op, omark, _ = stack.pop()
                quotes.append(_RawQuote(op, p + 1, op + 1, p, omark, ch, True, op < lo))
                last_close = p + 1
                continue
            # A stray closing mark.
            unbalanced += 1
            if fam == _SINGLE:
                continue  # an apostrophe: "protesters’ rights"
            if carry is not None:
                # The continuation paragraph omitted its opening mark.
                op, omark = carry[0], carry[1]
                quotes.append(_RawQuote(op, p + 1, op + 1, p, omark, ch, True, True))
                carry = None
                last_close = p + 1
                continue
            if p > lo and text[p - 1].isdigit():
                continue  # an inch or seconds mark: 12"
            start = last_close
            if start > lo:
                # after a previous quotation: skip its reporting clause ("he said.")
                s0, s1 = layout.sentence(start)
                if s0 < start and s1 < p:
                    start = s1
            while start < p and (text[start].isspace() or text[start] in ",;"):
                start += 1
            quotes.append(_RawQuote(start, p + 1, start, p, None, ch, True, False))
            last_close = p + 1
        if carry is not None:
            # Not continued and no stray closer: it ends at its own paragraph end.
            op, omark, pend, npara = carry
            quotes.append(_RawQuote(op, pend, op + 1, pend, omark, None, False, npara > 1))
        doubles = [entry for entry in stack if entry[2] == _DOUBLE]
        unbalanced += len(stack) - (1 if doubles else 0)
        if doubles:
            op, omark, _ = doubles[0]  # only the outermost makes a quotation
            npara = continued[3] + 1 if (continued is not None and op < lo) else 1
            pending = (op, omark, hi, npara)
        pi += 1
    if pending is not None:
        op, omark, pend, npara = pending
        quotes.append(_RawQuote(op, pend, op + 1, pend, omark, None, False, npara > 1))
    quotes.sort(key=lambda q: (q.start, -q.end))
    return quotes, unbalanced


# ---------------------------------------------------------------------------
# Reporting cues
# ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Cue:
    cue_start: int
    cue_end: int
    cue: str
    speaker: tuple[int, int] | None
    comp_start: int | None  # start of the attributed complement (preposed cues)
    mode: str  # preposed | postposed | parenthetical | after_quote
    reason: str  # reported_speech | retelling
    sent: tuple[int, int]
    para: tuple[int, int]
    span: tuple[int, int] | None = None  # attributed region (None: quote attribution only)


class _CueFinder:
    """Finds speaker + reporting-verb cues in one text."""

    def __init__(self, text: str, layout: _Layout, cues: VoiceCues) -> None:
        self.text = text
        self.layout = layout
        self.cues = cues
        self.comp = _compile(cues)
        self.nouns = cues.speaker_nouns | cues.publication_nouns

    # -- noun phrases -------------------------------------------------------

    def _speaker_noun_at(self, words: list[str], i: int) -> int | None:
        """If words[i] ends a speaker/publication noun, return the noun's first token index."""
        word = words[i].lower()
        nouns = self.nouns
        if i > 0:
            two = words[i - 1].lower() + " " + word
            if two in nouns:
                return i - 1
        if word in nouns:
            return i
        return None

    def _np_common(self, words: list[str], head: int) -> int:
        """First token index of "det? modifier* noun" ending with the noun at ``head``."""
        j = head - 1
        mods = 0
        while j >= 0 and mods < 4:
            t = words[j]
            tl = t.lower()
            if tl in _DETERMINERS:
                return j
            if not _is_word(t) or tl in _NP_STOP or t in _CAP_FUNCTION:
                break
            j -= 1
            mods += 1
        return j + 1

    def _np_back(self, words: list[str], i: int, depth: int = 0) -> tuple[int, int] | None:
        """(first, last) token indices of a speaker-like noun phrase ending at or
        before words[i] (skipping an appositive), or None."""
        if i < 0:
            return None
        tok = words[i]
        low = tok.lower()
        if low in _PRONOUNS and (tok == low or tok in {"He", "She", "They", "We", "I", "It"}):
            return i, i
        if tok in ("who", "which") and i >= 2 and words[i - 1] == ",":
            return self._np_back(words, i - 2, depth + 1)
        if tok == "," and depth == 0:
            # "Dr Rasmus Nilsson, lecturer in ... London, told that ...": an appositive.
            # A relative clause opening it ("President Tokayev, who ... of the Security
            # Council, Nursultan Nazarbayev, admitted") may hold commas of its own: the
            # subject is the head before ", who" / ", which".
            opening = None
            for k in range(i - 1, max(-1, i - 70), -1):
                t = words[k]
                if t in ".;!?:":
                    break
                if t != ",":
                    continue
                if k + 1 < i and words[k + 1] in ("who", "which", "whose"):
                    return self._np_back(words, k - 1, depth + 1)
                if opening is None:
                    if i - k > 40:
                        break
                    opening = k
            if opening is None or _holds_clause(words, opening + 1, i):
                return None
            return self._np_back(words, opening - 1, depth + 1)
        head = self._speaker_noun_at(words, i)
        if head is not None:
            return self._np_common(words, head), i
        if not (_is_name(tok) and _is_word(tok)):
            return None
        j = i - 1
        while j >= 0:
            t = words[j]
            if _is_name(t) and _is_word(t):
                j -= 1
                continue
            if t in _NAME_CONNECTORS and j >= 1:
                prev = words[j - 1]
                if _is_name(prev) and _is_word(prev):
                    j -= 1
                    continue
            break
        first = j + 1
        if j < 0:
            return first, i
        t = words[j]
        if t in {"the", "The"}:
            return j, i
        if self._speaker_noun_at(words, j) is not None:
            # a title before the name: "State Department spokesperson Ned Price"
            return self._np_common(words, self._speaker_noun_at(words, j)), i
        if t.lower() in _PREPOSITIONS:
            # "Officials in Moscow" is a speaker; "The protests in Kazakhstan" is not.
            if j >= 1 and depth < 2:
                before = self._np_back(words, j - 1, depth + 1)
                if before is not None and before[1] == j - 1:
                    return before[0], i
            return None
        return first, i

    def _np_forward(self, words: list[str], j: int) -> int | None:
        """Last token index of a speaker-like noun phrase starting at words[j], or None."""
        n = len(words)
        if j >= n:
            return None
        tok = words[j]
        if tok.lower() in _PRONOUNS and (tok.islower() or tok in {"He", "She", "They", "We", "I"}):
            return j
        k = j
        if tok.lower() in _DETERMINERS:
            k += 1
        # a name run (possibly after "the")
        if k < n and _is_name(words[k]):
            end = k
            while end + 1 < n:
                t = words[end + 1]
                if _is_name(t) and _is_word(t):
                    end += 1
                elif t in _NAME_CONNECTORS and end + 2 < n and _is_name(words[end + 2]):
                    end += 2
                else:
                    break
            # "the Kazakh president": a name run followed by a speaker noun
            nxt = end + 1
            if nxt < n and self._speaker_noun_at(words, nxt) is not None:
                return nxt
            if nxt + 1 < n and self._speaker_noun_at(words, nxt + 1) == nxt:
                return nxt + 1
            return end
        # determiner + up to four modifiers + speaker noun
        for end in range(k, min(n, k + 5)):
            t = words[end]
            if not _is_word(t) or t.lower() in _NP_STOP:
                return None
            if self._speaker_noun_at(words, end) is not None:
                # prefer a following second word of a two-word noun
                if end + 1 < n and self._speaker_noun_at(words, end + 1) == end:
                    return end + 1
                return end
        return None

    def _sentence_subject(self, s0: int, limit: int) -> tuple[int, int] | None:
        """The speaker-like subject at the start of the sentence, if any."""
        text = self.text
        toks = _tokens(text, s0, min(limit, s0 + 400))
        words = [text[a:b] for a, b in toks]
        j = 0
        while j < len(words) and words[j].lower() in _SENTENCE_OPENERS:
            j += 1
        if j < len(words):
            first = words[j]
            # A fronted adverbial: "On Friday, ...", "Since first taking office ..., ..."
            if first.lower() in _PREPOSITIONS | {
                "since",
                "after",
                "before",
                "as",
                "while",
                "when",
                "although",
                "despite",
                "amid",
            } or (first.lower().endswith("ing") and not _is_name(first)):
                for k in range(j, min(len(words), j + 25)):
                    if words[k] == ",":
                        j = k + 1
                        break
        end = self._np_forward(words, j)
        if end is None:
            return None
        return toks[j][0], toks[end][1]

    # -- the verbs ------------------------------------------------------------

    def _skip_fillers(self, words: list[str], i: int) -> int:
        fillers = self.cues.subject_fillers
        while i >= 0:
            t = words[i].lower()
            if t in fillers:
                i -= 1
                continue
            if t in _TIME_WORDS and i >= 1:
                lead = words[i - 1].lower()
                if lead in _TIME_LEADS:
                    i -= 2
                    continue
                i -= 1
                continue
            break
        return i

    def _complement(
        self, vend: int, s1: int, kind: str, verb: str = ""
    ) -> tuple[int | None, str, int, str]:
        """Where the complement of a verb ending at ``vend`` starts.

        Returns ``(start, marker, tail, stop)``: ``marker`` is "that", ":", "quote",
        "as", "of", "clause", "bare", "none" or "blocked"; ``tail`` the number of
        words after the verb before the first punctuation mark ``stop`` ("" at the
        sentence end).
        """
        text = self.text
        hi = min(s1, vend + 90)
        words = _TOKEN_RE.findall(text, vend, hi)
        if not words:
            return None, "none", 0, ""
        tail, stop = len(words), ""
        for k, t in enumerate(words):
            if not t[0].isalnum():
                tail, stop = k, t
                break
        t0 = words[0]
        t0l = t0.lower()
        if t0l == "to" or (kind == "naming" and t0l in _NAMING_BLOCKERS):
            return None, "blocked", tail, stop
        limit = 6 if kind == "speech" else 13
        n = len(text)
        for k, t in enumerate(words[:limit]):
            if t[0].isalnum():
                tl = t.lower()
                if (
                    kind == "speech"
                    and k > 0
                    and (
                        tl in ("and", "but")
                        or (
                            tl in _CLAUSE_PRONOUNS
                            and k + 1 < len(words)
                            and _looks_finite(words[k + 1])
                        )
                    )
                ):
                    # a bare complement has started ("said it supported the deployment
                    # and that it was lawful"): a later "that" is inside it
                    break
                if (
                    kind == "speech"
                    and k == 0
                    and tl in _CLAUSE_PRONOUNS
                    and len(words) > 1
                    and _looks_finite(words[1])
                ):
                    break
                if tl == "that":
                    return _forward_span(text, words, vend, k)[1], "that", tail, stop
                if tl == "as" and kind == "naming_as":
                    return _forward_span(text, words, vend, k)[1], "as", tail, stop
                if tl == "of" and kind == "accuse":
                    return _forward_span(text, words, vend, k)[1], "of", tail, stop
                # "announced he had ordered", "told the BBC they were angry" (the words
                # in between are an object, not "victory over what he ...")
                if (
                    k <= 4
                    and kind in ("weak", "text", "stance", "declare")
                    and tl in _CLAUSE_PRONOUNS
                    and all(w.lower() not in _OBJECT_BREAKERS for w in words[:k])
                ):
                    start = vend if k == 0 else _forward_span(text, words, vend, k)[0]
                    return start, "clause", tail, stop
                continue
            if t == ":":
                return _forward_span(text, words, vend, k)[1], ":", tail, stop
            if t in _ALL_MARKS:
                # a quotation right after the verb: 'said "...' (after a comma: below)
                if k == 0:
                    a, b = _forward_span(text, words, vend, 0)
                    if b < n and not text[b].isspace():
                        return a, "quote", tail, stop
                if t not in "\u2019'":
                    break
                continue
            if t == ",":
                if k + 1 < len(words) and words[k + 1] in _ALL_MARKS:
                    return _forward_span(text, words, vend, k + 1)[0], "quote", tail, stop
                break
            if t != "-":
                break
        if kind == "weak" and verb in _ADDRESSEE_FORMS:
            k = _told_clause(words)
            if k is not None:
                # "told parliament terrorists had attacked": addressee, then a clause
                return _forward_span(text, words, vend, k)[0], "clause", tail, stop
        if t0[0].isalnum() and (
            kind in ("speech", "naming") or (kind == "accuse" and t0l not in _NP_STOP)
        ):
            return vend, "bare", tail, stop
        if (
            (kind in ("stance", "declare") or (kind == "naming_as" and verb in _DESCRIBE_FORMS))
            and t0[0].isalnum()
            and t0l not in _OBJECT_BREAKERS
            and t0l not in _AUXILIARIES
            and t0l not in _NP_STOP
        ):
            # a speech act with a noun-phrase object: "questioned the decision",
            # "reiterated full support", "warned against foreign meddling"
            return vend, "object", tail, stop
        return None, "none", tail, stop

    def _classify_reason(self, speaker: tuple[int, int] | None, kind: str) -> str | None:
        """'retelling', 'reported_speech', or None for a wire-service credit."""
        if speaker is not None:
            words = self.text[speaker[0] : speaker[1]]
            wire_re = self.comp.wire_re
            if wire_re is not None and wire_re.search(words):
                return None
            last = words.rsplit(None, 1)[-1].lower() if words.strip() else ""
            if last in self.cues.publication_nouns:
                return "retelling"
        return "retelling" if kind == "text" else "reported_speech"

    def _hits(self, ranges: Sequence[tuple[int, int]] | None) -> Iterator[re.Match[str]]:
        """The verb matches of a scan of the whole text that start in ``ranges``.

        ``ranges`` are sorted, disjoint ``(lo, hi)`` pairs (None: the whole text). A
        search restarted at ``lo`` finds the same next match as the whole-text scan:
        either no scan match straddles ``lo`` (then none starts between the last one
        and ``lo``), or one does, and inside it a match could only start at one of
        its later words, which no form starts with (``_Compiled.restartable``).
        """
        verb_re = self.comp.verb_re
        text = self.text
        if ranges is None:
            yield from verb_re.finditer(text)
            return
        if not self.comp.restartable:
            it = iter(ranges)
            lo, hi = next(it, (0, -1))
            for m in verb_re.finditer(text):
                while m.start() >= hi:
                    nxt = next(it, None)
                    if nxt is None:
                        return
                    lo, hi = nxt
                if m.start() >= lo:
                    yield m
            return
        # Each search ends at the first character at or after ``hi`` that no form
        # holds (``_Compiled.stop_re``; whitespace stands for the spaces of a form):
        # a match cannot cross it, and the regex reads it (and fails on it) the same
        # way in the cut text, so a match starting before ``hi`` is found exactly as
        # in the whole text, while the text between ranges is not scanned.
        stop_re = self.comp.stop_re
        search = self._search_verb
        n = len(text)
        pos = 0
        for lo, hi in ranges:
            stop = stop_re.search(text, hi)
            endpos = stop.start() + 1 if stop is not None else n
            m = search(max(pos, lo), endpos)
            while m is not None and m.start() < hi:
                yield m
                pos = m.end()
                m = search(pos, endpos)

    def _search_verb(self, pos: int, endpos: int) -> re.Match[str] | None:
        """``verb_re.search(text, pos, endpos)``, faster.

        ``lead_re`` is the verb pattern with its leading ``\b`` replaced by one
        character that may precede a word (any but an ASCII word character):
        ``re`` skips to such characters fast. A verb at ``v > 0`` needs a non-word
        character at ``v - 1`` (every form starts with a word character), so
        ``lead_re`` matches at ``v - 1`` wherever ``verb_re`` matches at ``v``; the
        first lead hit whose verb passes ``verb_re.match`` (a non-ASCII letter
        before it fails) is the first verb, and ``verb_re.match`` at the same
        position is the very match ``search`` returns.
        """
        text = self.text
        verb_re = self.comp.verb_re
        lead_re = self.comp.lead_re
        if lead_re is None:
            return verb_re.search(text, pos, endpos)
        if pos == 0:
            m = verb_re.match(text, 0, endpos)
            if m is not None:
                return m
            pos = 1
        at = pos - 1
        while True:
            h = lead_re.search(text, at, endpos)
            if h is None:
                return None
            at = h.start() + 1
            m = verb_re.match(text, at, endpos)
            if m is not None:
                return m

    def find(
        self,
        skip: Collection[int] = (),
        ranges: Sequence[tuple[int, int]] | None = None,
        want: Callable[[int, str, int, int], bool] | None = None,
    ) -> list[_Cue]:
        """All reporting cues, except verbs starting at a position in ``skip``.

        With ``ranges`` (sorted, disjoint ``(lo, hi)`` pairs), only the cues whose
        verb starts in one of them; each is found exactly as in the whole text. With
        ``want``, only the verbs for which ``want(start, kind, s0, s1)`` holds
        (``(s0, s1)``: the verb's sentence) are analysed.
        """
        text = self.text
        layout = self.layout
        kinds = self.comp.verb_kind
        out: list[_Cue] = []
        for m in self._hits(ranges):
            vs, ve = m.span()
            if vs in skip or (vs > 0 and text[vs - 1] in "-\u2010\u2011\u2019'"):
                continue  # "so-called", "re-stated", "it’s"
            if ve < len(text) and text[ve] in "-\u2010\u2011":
                continue  # "state-owned"
            verb = m.group()
            if " " in verb or "\n" in verb or "\t" in verb:
                verb = " ".join(verb.split())
            kind = kinds.get(verb)
            if kind is None:
                continue
            s0, s1 = layout.sentence(vs)
            if want is not None and not want(vs, kind, s0, s1):
                continue
            if self._no_cue(vs, ve, s0, s1):
                continue
            cue = self._analyse(vs, ve, verb, kind, s0, s1)
            if cue is not None:
                out.append(cue)
        return out

    def _no_cue(self, vs: int, ve: int, s0: int, s1: int) -> bool:
        """A fast test that :meth:`_analyse` finds no cue for the verb ``[vs, ve)``.

        True for a verb followed by ``" to "`` in its sentence: the complement's first
        token is then "to" (the sentence reaches past it), which blocks the verb
        ("state to", "said to be"); and where :meth:`_no_subject` holds.
        """
        if s1 >= ve + 3 and self.text.startswith(" to ", ve):
            return True
        return self._no_subject(vs, s0)

    def _no_subject(self, vs: int, s0: int) -> bool:
        """A fast test that :meth:`_analyse` finds no cue for the verb at ``vs``.

        True when the verb follows ``" w "`` inside its sentence, where ``w`` is a
        lower-case ASCII word outside ``_Compiled.subject_words``, with another
        token before ``w`` if the 80-character left window is cut (so ``w`` is not
        dropped as a possibly cut first token). Then ``w`` is the last token before
        the verb (tokens hold no whitespace) and :meth:`_analyse` returns None
        whatever the complement: ``w`` is not skipped as a filler or time word; a
        passive or negation word returns None; otherwise ``_np_back`` finds no noun
        phrase (``w`` is no pronoun, "who"/"which", speaker noun or name), so the
        first window is final and, ``w`` being neither "and"/"but"/"while" nor a
        mark or dash, no speaker branch applies.
        """
        text = self.text
        if vs < 2 or text[vs - 1] != " ":
            return False
        lo = max(s0, vs - 80)
        p = text.rfind(" ", lo, vs - 1)
        if p < 0:
            return False
        w = text[p + 1 : vs - 1]
        if not (w.isascii() and w.isalpha() and w.islower()) or w in self.comp.subject_words:
            return False
        # lo > s0: the window's first token is dropped; another must stand before w
        return lo == s0 or (p > lo and not text[lo:p].isspace())

    def _previous_speaker(self, words: list[str], i: int, end: int) -> tuple[int, int] | None:
        """The speaker of a reporting verb shortly before the comma ``words[i]``.

        ``words`` are the tokens of a window ending at ``end``. For '“...,” he said,
        adding that ...' (the sentence opens with a quotation, so it has no subject):
        "he" before "said", or the name after it ('“...,” said Mr Blinken, adding').
        """
        kinds = self.comp.verb_kind
        for j in range(i - 1, max(-1, i - 7), -1):
            t = words[j]
            if t in ".;!?:" or t in _ALL_MARKS:
                return None
            if t.lower() not in kinds:
                continue
            np = self._np_back(words, self._skip_fillers(words, j - 1))
            if np is not None and np[1] == self._skip_fillers(words, j - 1):
                first, last = np
            else:
                tail = self._np_forward(words[j + 1 : i], 0)
                if tail is None:
                    return None
                first, last = j + 1, j + 1 + tail
            a = _backward_start(self.text, words, end, first)
            b = _backward_start(self.text, words, end, last) + len(words[last])
            return a, b
        return None

    def _quoted_as_speaker(
        self, words: list[str], i: int, s0: int, end: int
    ) -> tuple[int, int] | None:
        """The speaker of "quoted/cited [X] as saying", where ``words[i]`` is "as".

        ``words`` are the tokens of a window ending at ``end``. Passive ("the
        minister was quoted (by TASS) as saying"): the sentence subject; active
        ("Interfax quoted Tokayev as saying"): the words between the verb and "as"
        (not the agency, whose credit is no voice). None without "quoted"/"cited".
        """
        for j in range(i - 1, max(-1, i - 8), -1):
            if words[j].lower() not in _QUOTING_VERBS:
                continue
            if j == i - 1 or words[j + 1].lower() == "by":
                return self._sentence_subject(s0, end)
            a = _backward_start(self.text, words, end, j + 1)
            b = _backward_start(self.text, words, end, i - 1) + len(words[i - 1])
            return a, b
        return None

    def _boundary(self, words: list[str], end: int, k: int, s0: int) -> str:
        """What stands before words[k]: start, comma, quote (a closing mark), dash or other.

        ``words`` are the tokens of a window ending at ``end``; ``s0`` is where the
        window starts, or -1 when it starts at its first token.
        """
        text = self.text
        if k < 0:
            if s0 < 0 or not words:
                return "start"  # nothing stands before the first token
            before = text[s0 : _forward_span(text, words, s0, 0)[0]]
            return "start" if not before.strip(_ALL_MARKS + " \t") else "other"
        t = words[k]
        if t in ",;":
            return "comma"
        if t in _ALL_MARKS:
            a = _backward_start(text, words, end, k)
            closing = a > 0 and not text[a - 1].isspace()
            return "quote" if closing else "start"
        if t in "-\u2013\u2014":
            return "dash"
        return "other"

    def _analyse(self, vs: int, ve: int, verb: str, kind: str, s0: int, s1: int) -> _Cue | None:
        text = self.text
        comp, marker, tail, stop = self._complement(ve, s1, kind, verb)
        if marker == "blocked":
            return None
        if (
            marker == "object"
            and verb in _QUESTION_FORMS
            and _person_object(_TOKEN_RE.findall(text, ve, min(s1, ve + 90)))
        ):
            return None  # "Police questioned 500 people": an interrogation
        if marker == "object" and kind == "declare":
            obj = _TOKEN_RE.findall(text, ve, min(s1, ve + 90))
            if _declared_act(obj, self.cues.declared_acts):
                return None  # "declared a state of emergency": the act itself
        if comp is None and tail > 6:
            # no complement and no short or adverbial tail: only an inverted cue
            # ('“...,” said Mr Blinken, adding ...') is possible, and it needs a comma, a
            # closing mark or a dash right before the verb (a fast exit for "member
            # states of ..."; the character test first, it is cheaper)
            before = text[max(s0, vs - 4) : vs].rstrip()
            if (
                before
                and before[-1] not in ",\u2013\u2014-" + _ALL_MARKS
                and not self._may_trail(ve, s1, verb)
            ):
                return None
        participle = verb.endswith("ing")
        for width in (80, 260):
            lo = max(s0, vs - width)
            lw = _TOKEN_RE.findall(text, lo, vs)
            if lo > s0 and lw:
                lw = lw[1:]  # the first token may be cut
                s_left = -1  # the window starts at its first token (see _boundary)
            else:
                s_left = s0
            i = self._skip_fillers(lw, len(lw) - 1)
            prev_tok = lw[i] if i >= 0 else ""
            prev_low = prev_tok.lower()
            if prev_low in _PASSIVE or prev_low in _NEGATION or prev_low.endswith("n't"):
                return None
            np = None if participle or i < 0 else self._np_back(lw, i)
            # a wider window only helps when this one was cut short
            # (an appositive before the verb may open before this window: look wider)
            if lo == s0 or (prev_tok != "," and ((np is not None and np[0] > 0) or np is None)):
                break
        speaker: tuple[int, int] | None = None
        inverted = False
        if marker == "object" and np is not None and _POSSESSIVE_RE.search(lw[np[1]]):
            return None  # "Blinken’s questions about ...": a noun, not a verb
        if np is not None:
            last_start = _backward_start(text, lw, vs, np[1])
            # the tokens before words[np[1]] are those of a window ending at its start
            first_start = _backward_start(text, lw[: np[1]], last_start, np[0])
            speaker = (first_start, last_start + len(lw[np[1]]))
            boundary = self._boundary(lw, vs, np[0] - 1, s_left)
        elif (participle and prev_tok == ",") or prev_low in {"and", "but", "while"}:
            # ", adding that ...", "... and promised leaders that ...": the sentence subject
            speaker = self._sentence_subject(s0, vs)
            if speaker is None and participle:
                # '“...,” he said, adding that ...': the speaker of the verb before
                speaker = self._previous_speaker(lw, i, vs)
            if speaker is None and not (participle and prev_tok == "," and kind == "speech"):
                # a speech participle after a comma reports the speech of the main
                # clause's subject even when that subject is not found ("That night he
                # asked for help, saying the country was under attack")
                return None
            boundary = "other"
        elif participle and prev_low == "as":
            # "X was quoted as saying", "Interfax quoted X as saying"
            speaker = self._quoted_as_speaker(lw, i, s0, vs)
            if speaker is None:
                return None
            boundary = "other"
        elif participle:
            return None  # "the unrest continuing" is not a cue
        elif i < 0 or prev_tok in _ALL_MARKS or prev_tok in ",-\u2013\u2014":
            # Inverted: '“...,” said Mr Blinken', ', writes Daily beast'
            rw = _TOKEN_RE.findall(text, ve, min(s1, ve + 160))
            if not rw:
                return None
            t0 = rw[0]
            if t0.lower() in _INVERTED_PRONOUNS and t0.islower():
                last: int | None = 0
            else:
                last = self._np_forward(rw, 0)
                if last is None and _is_name(t0) and _is_word(t0):
                    last = 0
            if last is None:
                return None
            # a postposed name may go on in lower case: "writes Daily beast"
            extra = 0
            while last + 1 < len(rw) and extra < 3:
                t = rw[last + 1]
                tl = t.lower()
                if (
                    not _is_word(t)
                    or tl in _TAIL_ADVERBIAL_LEADS
                    or tl in _TIME_WORDS
                    or (tl in _PREPOSITIONS or tl in _PHRASE_STOP or tl in _DETERMINERS)
                    or tl in _AUXILIARIES  # "..., said Antonov, has sought": a verb
                ):
                    break
                last += 1
                extra += 1
            speaker = (_forward_span(text, rw, ve, 0)[0], _forward_span(text, rw, ve, last)[1])
            inverted = True
            boundary = self._boundary(lw, vs, i, s_left)
            # what follows the speaker decides postposed vs parenthetical
            _, _, tail, stop = self._complement(speaker[1], s1, "weak")
        else:
            return None

        reason = self._classify_reason(speaker, kind)
        if reason is None:
            return None
        _, p0, p1 = self.layout.paragraph(vs)
        cue = _Cue(vs, ve, verb, speaker, comp, "preposed", reason, (s0, s1), (p0, p1))
        retell = reason == "retelling"
        # A cue after a comma, a closing quotation mark or a dash, followed by the
        # sentence end or a comma after at most an adverbial tail, is postposed or
        # parenthetical ('..., he said.', '“...,” Blinken said Friday.', 'These
        # consequences, he added, could ...', '..., Lavrov said on Friday at a news
        # conference following talks with ...'); otherwise a complement makes it
        # preposed. "..., Tokayev told parliament on Tuesday.": a weak verb without a
        # complement may have its addressee before the adverbials.
        addressee = marker == "none" and not inverted and verb in _ADDRESSEE_FORMS
        afterwards = boundary in ("comma", "quote", "dash") or (inverted and boundary == "start")
        # a short tail after a closing quotation mark is taken as it is ('“...,”
        # Blinken told the BBC’s Hardtalk.'); any other is read word by word
        short_tail = boundary == "quote" and tail <= 6 and stop in _TAIL_STOPS and not inverted
        if not tail:
            short_tail = stop in _TAIL_STOPS
        elif (
            afterwards
            and not short_tail
            and (
                inverted
                or (marker in ("bare", "none") and not _noun_after_have(text, s0, vs, verb))
            )
        ):
            # Words after a postposed verb ("..., the minister said on Friday at a news
            # conference.") or after an inverted speaker ("..., said Nadia Brenner in
            # an interview.") are adverbials; a clause among them is a complement,
            # which makes the cue preposed ("In a speech, Putin said terrorists
            # attacked.").
            after = speaker[1] if inverted else ve
            hi = min(s1, after + 300)
            words = _TOKEN_RE.findall(text, after, hi)
            k = _adverbial_tail(words, addressee, hi == s1, relative=inverted)
            if k is not None and (k == len(words) or words[k] in _TAIL_STOPS):
                short_tail = True
                stop = words[k] if k < len(words) else ""
        if afterwards and short_tail and (inverted or marker in ("bare", "none")):
            if boundary == "quote":
                cue.mode = "after_quote"
                cue.comp_start = None
                return cue
            cue_left = min(vs, speaker[0])
            if stop == "," and not self._subordinate_after(speaker[1] if inverted else ve, s1):
                cue.mode = "parenthetical"
                cue.span = (s0, p1 if retell else s1)
            else:
                cue.mode = "postposed"
                cue.span = (p0 if retell else s0, cue_left)
            cue.comp_start = None
            return cue
        if comp is not None and not inverted:
            if (
                kind in ("naming", "naming_as", "accuse")
                or marker == "object"
                or (marker == "quote" and kind == "stance")
                or prev_low in ("who", "which")
            ) and (not retell):
                # the name given or the charge made is a phrase: it ends at the clause end
                # (so is a quoted object: 'spoke of "terrorist gangs" trained abroad')
                cue.span = (comp, self._clause_end(comp, s1))
            else:
                cue.span = (comp, self._coordinated_end(comp, p1 if retell else s1))
            return cue
        return None

    def _coordinated_end(self, pos: int, end: int) -> int:
        """Where a reported clause from ``pos`` gives way to a coordinated act of the
        speaker, reported by the outlet (``end`` if it does not).

        "Tokayev said he had given an order to shoot, and rejected calls for talks",
        "... said the country was attacked, and on Friday he authorized police to open
        fire": after ", and" (outside quotation marks), optional time words and a
        subject pronoun, a finite verb that is no reporting verb (a word in -ed or an
        irregular past form) coordinates with the reporting verb, not with the reported
        clause: it is the outlet's account of what the speaker did (codebook, "Voice":
        only what is said is attributed). The span ends at that comma. "..., and
        added that ..." keeps the span: the second verb reports speech too.
        """
        text = self.text
        for m in _COORD_AND_RE.finditer(text, pos, min(end, pos + 600)):
            c = m.start()
            words = _TOKEN_RE.findall(text, m.end(), min(end, m.end() + 60))
            k = 0
            while k < len(words) and k < 4:
                tl = words[k].lower()
                if tl in _TIME_LEADS and k + 1 < len(words) and words[k + 1].lower() in _TIME_WORDS:
                    k += 2
                elif tl in _TIME_WORDS or tl in ("then", "also", "later", "later,"):
                    k += 1
                else:
                    break
            if k < len(words) and words[k] in ("he", "she", "they", "it"):
                k += 1
            # the quotation test reads the text from pos: the cheap word test first
            if (
                k < len(words)
                and _coordinated_act(words[k], self.comp.verb_kind)
                and self._outside_quotes(pos, c)
            ):
                return c
        return end

    def _outside_quotes(self, pos: int, c: int) -> bool:
        """Whether the clause mark at ``c`` lies outside quotation marks opened after
        ``pos`` (read as :meth:`_clause_end` reads them)."""
        p = pos
        while p <= c:
            e = self._clause_end(p, c + 1)
            if e == c:
                return True
            if e > c:
                return False
            p = e + 1
        return False

    def _subordinate_after(self, after: int, s1: int) -> bool:
        """Whether the comma that ends the tail of a cue (from ``after``) opens an
        adverbial clause ("..., Russian officials said on Sunday, as troops continued
        to guard strategic facilities", "..., officials said, amid reports of ...").

        Then the cue is postposed, not parenthetical: the host clause ended before the
        cue, and what follows the comma is the outlet's account (codebook, "Voice";
        the authorial tail of a reported-speech sentence is the outlet's).
        """
        m = _TAIL_CLAUSE_RE.match(self.text, after, s1)
        return m is not None and m.group(1).lower() in _SUBORDINATORS

    def _may_trail(self, ve: int, s1: int, verb: str) -> bool:
        """Whether the words after a verb ending at ``ve`` may be the adverbial tail
        of a postposed cue (see :func:`_adverbial_tail`): they open with an
        adverbial, or follow a verb that takes an addressee ("told reporters")."""
        if verb in _ADDRESSEE_FORMS:
            return True
        first = _TOKEN_RE.search(self.text, ve, s1)
        if first is None:
            return False
        word = first.group().lower()
        return (
            word in _TAIL_PREPOSITIONS
            or word in _TAIL_ADVERBS
            or word in _TIME_WORDS
            or word in _TIME_MODIFIERS
            or word in ("as", "while", "when")  # "said as he arrived"
            or word.endswith("ly")
        )

    def _clause_end(self, pos: int, s1: int) -> int:
        """The first ``, ; :`` after ``pos`` outside quotation marks and numbers
        ("20,000", "10:30"), or the sentence end."""
        text = self.text
        inside = False
        for m in _CLAUSE_PUNCT_RE.finditer(text, pos, min(s1, pos + 600)):
            ch = m.group()
            p = m.start()
            if ch == "\u201c":
                inside = True
            elif ch == "\u201d":
                inside = False
            elif ch == '"':
                inside = not inside
            elif not inside and not (
                0 < p < len(text) - 1 and text[p - 1].isdigit() and text[p + 1].isdigit()
            ):
                if ch == ",":
                    skip = _INSERTION_RE.match(text, p, s1)
                    if skip is not None:
                        # "described the unrest as an attempt, inspired from outside, to
                        # undermine ...": an insertion between commas inside the phrase
                        return self._clause_end(skip.end(), s1)
                return p
        return s1


# ---------------------------------------------------------------------------
# Phrase-scoped cues: so-called, what X called, according to
# ---------------------------------------------------------------------------


def _phrase_end(text: str, pos: int, limit: int, quote_starts: dict[int, int]) -> int:
    """End of the noun phrase or quotation starting at ``pos`` (bounded by ``limit``)."""
    toks = _tokens(text, pos, min(limit, pos + 200))
    for a, _ in toks[:4]:
        if a in quote_starts:
            return quote_starts[a]
    end = pos
    words = 0
    for a, b in toks:
        t = text[a:b]
        if not _is_word(t):
            if t in "-\u2010\u2011" and b < len(text) and not text[b].isspace():
                continue
            break
        tl = t.lower()
        if words > 0 and (
            tl in _PHRASE_STOP
            or tl in _AUXILIARIES
            or (tl.endswith("ed") and "-" not in tl and len(tl) > 4)
        ):
            break  # a clause word or (probably) a verb: "so-called peacekeepers arrived"
        end = b
        words += 1
        if words >= 8:
            break
    return end


# ---------------------------------------------------------------------------
# Public functions
# ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Analysis:
    quotations: list[Quotation]
    cues: list[_Cue]
    layout: _Layout
    extra_spans: list[VoiceSpan]  # phrase-scoped and line-level spans


def _count_words(text: str, a: int, b: int, cap: int) -> int:
    """Number of word tokens in text[a:b], counting at most ``cap + 1``."""
    n = 0
    for _ in _TOKEN_RE.finditer(text, a, b):
        n += 1
        if n > cap:
            break
    return n


def _quote_words_ok(text: str, q: _RawQuote) -> bool:
    """True when the content is short enough to be a scare quotation."""
    if not q.closed or q.multi_paragraph or q.open_mark is None:
        return False
    if q.content_end - q.content_start > 80:
        return False
    content = text[q.content_start : q.content_end].rstrip(" ,")
    if not content or content[-1] in ".!?\u2026" or re.search(r"[.!?]\s", content):
        return False
    words = sum(1 for t in _TOKEN_RE.findall(content) if _is_word(t))
    return 0 < words <= 4


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


def _mentions_wire(speaker_text: str, comp: _Compiled) -> bool:
    return comp.wire_re is not None and comp.wire_re.search(speaker_text) is not None


@dataclass(slots=True)
class _Phrases:
    """What the phrase-level scans found (see :func:`_scan_phrases`)."""

    extra: list[VoiceSpan]  # phrase-scoped and line-level spans
    # phrase cues that can attribute a quotation: (cue_start, cue_end, cue, speaker, mode)
    phrase_cues: list[tuple[int, int, str, tuple[int, int] | None, str]]
    what_verbs: set[int]  # verbs of "what X called" (not reporting cues)
    so_called_quotes: set[int]  # quotations right after "so-called"
    dash_starts: set[int]  # starts of dash-led credit-line paragraphs


def _scan_phrases(
    text: str,
    layout: _Layout,
    cues: VoiceCues,
    comp: _Compiled,
    quote_end_by_start: dict[int, int],
) -> _Phrases:
    """Find "what X called", "so-called", "according to" and dash-led credit lines."""
    extra: list[VoiceSpan] = []
    phrase_cues: list[tuple[int, int, str, tuple[int, int] | None, str]] = []

    # "what X called ..."
    what_verbs: set[int] = set()
    for h in _WHAT_RE.finditer(text):
        w = h.start() - 1
        if (
            w < 0
            or text[w] not in "Ww"
            or (w > 0 and (text[w - 1].isalnum() or text[w - 1] == "-"))
        ):
            continue
        m = comp.what_re.match(text, w)
        if m is None:
            continue
        vs, ve = m.span("verb")
        s0, s1 = layout.sentence(vs)
        if m.start() < s0:
            continue
        what_verbs.add(vs)
        end = _phrase_end(text, ve, s1, quote_end_by_start)
        if end <= ve:
            continue
        subj = m.group("subj").rstrip()
        passive = _norm(m.group("aux") or "") in {"is", "are", "was", "were"}
        speaker = (m.start("subj"), m.start("subj") + len(subj)) if subj and not passive else None
        verb = _norm(m.group("verb"))
        extra.append(VoiceSpan(ve, end, "what_called", vs, ve, *_speaker_fields(text, speaker)))
        phrase_cues.append((vs, ve, verb, speaker, "preposed"))

    # "so-called ..."
    so_called_quotes: set[int] = set()
    for m in _CALLED_RE.finditer(text):
        a, b = m.start() - 3, m.end()
        if (
            a < 0
            or text[a] not in "Ss"
            or text[a + 1] not in "Oo"
            or text[a + 2] not in "-\u2010\u2011 "
        ):
            continue
        if a > 0 and (text[a - 1].isalnum() or text[a - 1] == "-"):
            continue
        _, s1 = layout.sentence(a)
        end = _phrase_end(text, b, s1, quote_end_by_start)
        if end > b:
            extra.append(VoiceSpan(b, end, "so_called", a, b))
            so_called_quotes.update(x for x, _ in _tokens(text, b, min(end, b + 20))[:1])

    # "according to X" and dash-led credit lines ("– notes Daily beast")
    dash_paras: set[int] = set()
    for m in _ACCORDING_RE.finditer(text):
        a, b = m.start() - 1, m.end()
        if (
            a < 0
            or text[a] not in "Aa"
            or (a > 0 and (text[a - 1].isalnum() or text[a - 1] == "-"))
        ):
            continue
        s0, s1 = layout.sentence(a)
        end = _phrase_end(text, b, s1, {})
        words = {t.lower() for t in _TOKEN_RE.findall(text, b, end)}
        if not words or words & cues.not_sources or _mentions_wire(text[b:end], comp):
            continue
        speaker = (b + len(text[b:end]) - len(text[b:end].lstrip()), end)
        pi, p0, p1 = layout.paragraph(a)
        if pi >= 0 and _DASH_LINE_RE.match(text, p0) and not text[p0:a].strip(_DASHES + " \t"):
            start = layout.para_starts[pi - 1] if pi > 0 else p0
            extra.append(
                VoiceSpan(start, p1, "according_to", a, b, *_speaker_fields(text, speaker))
            )
            phrase_cues.append((a, b, "according to", speaker, "postposed"))
            dash_paras.add(pi)
        else:
            extra.append(VoiceSpan(s0, s1, "according_to", a, b, *_speaker_fields(text, speaker)))
    para_starts, para_ends = layout.para_starts, layout.para_ends
    # a credit line starts with a dash (checked first: most paragraphs do not)
    for pi in [i for i, p0 in enumerate(para_starts) if text[p0] in _DASHES]:
        p0, p1 = para_starts[pi], para_ends[pi]
        dash = _DASH_LINE_RE.match(text, p0, p1)
        if dash is None or dash.end() >= p1:
            continue
        vm = comp.verb_re.match(text, dash.end(), p1)
        if vm is None:
            continue
        dash_paras.add(pi)
        sp_toks = []
        for x, y in _tokens(text, vm.end(), min(p1, vm.end() + 200))[:8]:
            if not _is_word(text[x:y]) or text[x:y].lower() in {"citing", "quoting"}:
                break
            sp_toks.append((x, y))
        speaker = (sp_toks[0][0], sp_toks[-1][1]) if sp_toks else None
        if speaker is not None and _mentions_wire(text[speaker[0] : speaker[1]], comp):
            continue
        start = layout.para_starts[pi - 1] if pi > 0 else p0
        verb = _norm(vm.group())
        extra.append(
            VoiceSpan(start, p1, "retelling", vm.start(), vm.end(), *_speaker_fields(text, speaker))
        )
        phrase_cues.append((vm.start(), vm.end(), verb, speaker, "postposed"))
    dash_starts = {layout.para_starts[i] for i in dash_paras}
    return _Phrases(extra, phrase_cues, what_verbs, so_called_quotes, dash_starts)


def _find_cues(
    text: str,
    layout: _Layout,
    cues: VoiceCues,
    phrases: _Phrases,
    ranges: Sequence[tuple[int, int]] | None = None,
    want: Callable[[int, str, int, int], bool] | None = None,
) -> list[_Cue]:
    """Speaker + reporting-verb cues (verbs starting in ``ranges``, default all; see
    :meth:`_CueFinder.find` for ``want``)."""
    # not the verb of "what he called", found by the phrase scan
    finder = _CueFinder(text, layout, cues)
    cue_list = finder.find(skip=phrases.what_verbs, ranges=ranges, want=want)
    if phrases.dash_starts:
        # the general finder must not also read a credit line as an inverted cue
        cue_list = [c for c in cue_list if c.para[0] not in phrases.dash_starts]
    return cue_list


def _cited(text: str, cue_list: list[_Cue], extra: list[VoiceSpan]) -> set[str]:
    """Every word-suffix of every cited speaker ("daily beast", "beast"), and, marked
    with a leading space, the last word of a cited name whose word before it is
    capitalised too (" tokayev" from "President Tokayev", "Kassym-Jomart Tokayev"):
    a surname, not a bare place name ("Kazakhstan said")."""
    cited: set[str] = set()
    names = [text[c.speaker[0] : c.speaker[1]] for c in cue_list if c.speaker]
    names += [sp.speaker for sp in extra if sp.speaker]
    for name in names:
        raw = name.split()
        words = _norm(name).split()
        cited.update(" ".join(words[k:]) for k in range(len(words)))
        if len(raw) > 1 and _is_name(raw[-2]) and _is_name(raw[-1]):
            cited.add(" " + words[-1])
    return cited


def _headline_cited(name: str, cited: set[str]) -> bool:
    """Whether a headline speaker (see :func:`_headline_candidates`) is a source."""
    return name == "" or name in cited


def _headline_candidates(
    text: str, layout: _Layout, keep: Callable[[int, int], bool] | None = None
) -> list[tuple[str, VoiceSpan]]:
    """"Speaker Name: claim" one-sentence lines, as (key, span); the speaker still has
    to be cited elsewhere (:func:`_headline_cited`): the key is the normalised name,
    a single word marked with a leading space (it must be cited as a surname, see
    :func:`_cited`), or "" for a role ("Kazakh president:"), which needs no citation.
    ``keep(p0, p1)`` picks the paragraphs."""
    out: list[tuple[str, VoiceSpan]] = []
    for p0, p1 in zip(layout.para_starts, layout.para_ends, strict=True):
        # the pattern needs a colon (checked first: most lines have none)
        if p1 - p0 > 200 or text.find(":", p0, p1) < 0:
            continue
        if keep is not None and not keep(p0, p1):
            continue
        if layout.sentence(p0) != (p0, p1):
            continue
        hm = _HEADLINE_RE.fullmatch(text, p0, p1)
        if hm is None:
            continue
        kind = _headline_speaker_kind(hm.group("speaker"))
        if kind is None:
            continue
        name = _norm(hm.group("speaker"))
        name = name[4:] if name.startswith("the ") else name
        if kind == "role":
            name = ""
        elif kind == "surname":
            name = " " + name
        cs = hm.start("claim")
        colon = text.rfind(":", p0, cs)
        span = VoiceSpan(
            cs, p1, "headline_colon", colon, colon + 1, *_speaker_fields(text, hm.span("speaker"))
        )
        out.append((name, span))
    return out


# A speaker label opening a paragraph: "Johanna Reimer: ...", "DW: ...", "Q: ...".
_LABEL_RE = re.compile(
    r"(?P<speaker>[A-Z][\w\u2019'.\-]*(?:[ \t]+[A-Z][\w\u2019'.\-]*){0,3}):[ \t]+(?=\S)"
)
# a question mark ending its paragraph (closing marks and lost bold "**" may follow)
_QUESTION_END_RE = re.compile(r"\?[\"'\u201d\u2019)\]*]*[ \t]*$")
# Labels of the interviewer's turn in a Q&A ("Q: ...", "Question: ...").
_QUESTION_LABELS = frozenset({"Q", "Question"})


def _interview_spans(
    text: str, layout: _Layout, keep: Callable[[int, int], bool] | None = None
) -> list[VoiceSpan]:
    """The answers of an interview laid out as Q&A, as ``headline_colon`` spans.

    Scraped Q&A text puts each turn in a paragraph: a question (with the
    interviewer's label, "DW: Will the troops leave?", "Q: ...", or none when its
    bold type was lost), then the answer after the interviewee's label ("Johanna
    Reimer: In the short term, yes. ...", "A: ..."). An answer is a paragraph opening
    with a label (one to four capitalised words and a colon) that follows a question
    paragraph (ending in "?") and is not the interviewer's (a label that opens a
    question). Its words are the interviewee's (codebook, "Voice": the words belong
    to someone else), from the label to the paragraph end, and on through unlabelled
    paragraphs when the next question follows them (after the last answer the outlet
    may be writing again). The text needs two such question-answer pairs, or one with
    the labels "Q"/"Question", so that a headline "Tokayev: ..." after a question is
    no interview. ``keep(a, b)`` picks the spans to return (all by default).
    """
    if "?" not in text:
        return []
    starts, ends = layout.para_starts, layout.para_ends
    questions: list[int] = []  # paragraph indices of questions
    q = text.find("?")
    while q >= 0:
        i, _, p1 = layout.paragraph(q)
        if i < 0:
            q = text.find("?", q + 1)
            continue
        # only the paragraph's last "?" can end it (no "?" may follow the one that
        # does), so each paragraph is read once
        if _QUESTION_END_RE.match(text, text.rfind("?", q, p1), p1):
            questions.append(i)
        q = text.find("?", p1)
    if not questions:
        return []
    labels: dict[int, re.Match[str]] = {}

    def label(i: int) -> re.Match[str] | None:
        if i not in labels:
            m = _LABEL_RE.match(text, starts[i], ends[i])
            labels[i] = m  # type: ignore[assignment]
        return labels[i]

    asking = {label(i).group("speaker") for i in questions if label(i) is not None}
    asking |= _QUESTION_LABELS
    qset = set(questions)
    pairs: list[tuple[int, int]] = []  # (question, answer) paragraph indices
    explicit = False
    for q in questions:
        a = q + 1
        if a >= len(starts) or a in qset:
            continue
        m = label(a)
        if m is None or m.group("speaker") in asking:
            continue
        pairs.append((q, a))
        lq = label(q)
        explicit = explicit or (lq is not None and lq.group("speaker") in _QUESTION_LABELS)
    if len(pairs) < 2 and not (pairs and explicit):
        return []
    asked = {q for q, _ in pairs}
    out: list[VoiceSpan] = []
    for _, a in pairs:
        m = labels[a]
        last = a
        j = a + 1
        while j < len(starts) and j not in qset and label(j) is None:
            j += 1
        if j in asked:
            last = j - 1  # unlabelled paragraphs up to the next question go on answering
        colon = m.end("speaker")
        colon = text.find(":", colon)
        span = VoiceSpan(
            m.end(), ends[last], "headline_colon", colon, colon + 1,
            *_speaker_fields(text, m.span("speaker")),
        )
        if keep is None or keep(span.start, span.end):
            out.append(span)
    return out


def _analyse(
    text: str,
    sentences: Sequence[tuple[int, int]] | None,
    cues: VoiceCues,
    *,
    quotations: Sequence[Quotation] | None = None,
) -> tuple[_Analysis, int]:
    """Find quotations (unless given), reporting cues and phrase/line-level spans."""
    layout = _Layout(text, sentences)
    comp = _compile(cues)
    want_quotes = quotations is None
    raw, unbalanced = _scan_quotes(text, layout) if want_quotes else ([], 0)
    source = raw if quotations is None else quotations
    quote_end_by_start = {q.start: q.end for q in source}
    phrases = _scan_phrases(text, layout, cues, comp, quote_end_by_start)
    cue_list = _find_cues(text, layout, cues, phrases)
    extra = phrases.extra
    # "Speaker Name: claim" headlines; the speaker must be cited elsewhere in the text
    headlines = _headline_candidates(text, layout)
    if headlines:
        cited = _cited(text, cue_list, extra)
        extra.extend(span for name, span in headlines if _headline_cited(name, cited))
    # after the headlines: an interviewee's label cites no headline speaker
    extra.extend(_interview_spans(text, layout))

    quotations: list[Quotation] = []
    if want_quotes:
        quotations = _finish_quotes(
            text, raw, cue_list, phrases.phrase_cues, phrases.so_called_quotes, layout
        )
    return _Analysis(quotations, cue_list, layout, extra), unbalanced


def _headline_speaker_kind(speaker: str) -> str | None:
    """What the words before a headline colon are: "name" ("The Daily Beast",
    "Antony Blinken"), "surname" (one capitalised word: "Tokayev", but also
    "Kazakhstan", so it must be cited as a surname), "role" (a speaker noun for an
    official or expert source: "Kazakh president", "Russia's foreign ministry",
    "Police"), or None (a label: "READ MORE", "UPDATE", "Analysis" unless cited)."""
    words = speaker.split()
    names = words[1:] if words[0] == "The" else words
    if not names:
        return None
    low = [w.lower() for w in names]
    role = " ".join(low[-2:]) in _HEADLINE_ROLES or low[-1] in _HEADLINE_ROLES
    if role and all(
        (w[:1].isupper() and w not in _CAP_FUNCTION) or (w.islower() and w not in _NP_STOP)
        for w in names[:-1]
    ):
        return "role"
    for w in names:
        if not w[:1].isupper() or w in _CAP_FUNCTION:
            return None
        if w.isupper() and len(w) > 3:
            return None  # "READ MORE:", "Tory POLL:"
    if len(names) < 2 and words[0] != "The":
        return "surname"
    return "name"


def _speaker_fields(
    text: str, speaker: tuple[int, int] | None
) -> tuple[int | None, int | None, str | None]:
    if speaker is None:
        return None, None, None
    return speaker[0], speaker[1], text[speaker[0] : speaker[1]]


#: How many words of a cue's complement may precede a quotation attributed to it.
_ATTACH_WORDS = 6


#: A cue candidate for a quotation: (cue_start, cue_end, cue, speaker, complement_start, mode).
_Cand = tuple[int, int, str, "tuple[int, int] | None", int, str]


def _candidates(
    cue_list: list[_Cue],
    phrase_cues: list[tuple[int, int, str, tuple[int, int] | None, str]],
) -> tuple[list[_Cand], list[int]]:
    """The cue candidates of quotations, sorted by cue start, and their starts."""
    cand: list[_Cand] = []
    for c in cue_list:
        comp = c.comp_start if c.comp_start is not None else c.cue_end
        cand.append((c.cue_start, c.cue_end, c.cue, c.speaker, comp, c.mode))
    for vs, ve, verb, speaker, mode in phrase_cues:
        cand.append((vs, ve, verb, speaker, ve, mode))
    cand.sort(key=lambda c: c[0])
    return cand, [c[0] for c in cand]


def _attach(
    text: str,
    q: _RawQuote,
    outer: list[_RawQuote],
    cand: list[_Cand],
    cue_starts: list[int],
    layout: _Layout,
) -> tuple[_Cand | None, _Cand | None]:
    """The cue attached to quotation ``q`` and the nearest cue before it in its sentence.

    ``outer`` holds ``q`` and the quotations enclosing it (innermost last). Only the
    candidates starting in ``[sentence start of q.start, q.start]`` and in ``[q.end,
    q.end + 240]`` are read (the last eight and the first four of them), so any list
    holding all the candidates in those ranges gives the same answer.
    """
    attached = None
    nearby = None
    # a cue outside an enclosing quotation attributes that one, not this nested one
    s0 = layout.sentence(q.start)[0]
    if len(outer) > 1:
        s0 = max(s0, outer[-2].content_start)
    # preposed: the quotation starts within the first words of a cue's complement
    k = bisect_right(cue_starts, q.start) - 1
    for c in cand[max(0, k - 7) : k + 1][::-1]:
        if c[0] < s0 or c[5] not in ("preposed", "parenthetical") or c[1] > q.start:
            continue
        if nearby is None:
            nearby = c
        if c[5] != "preposed" or c[4] > q.start:
            continue
        if _count_words(text, c[4], q.start, _ATTACH_WORDS) <= _ATTACH_WORDS:
            attached = c
            break
    # postposed: '“...,” he said' - the cue follows the closing mark
    if attached is None and q.closed:
        k = bisect_right(cue_starts, q.end - 1)
        limit = min(q.end + 240, outer[-2].content_end if len(outer) > 1 else q.end + 240)
        for c in cand[k : k + 4]:
            if c[0] > limit:
                break
            if c[5] in ("after_quote", "postposed", "parenthetical"):
                lo = min(c[0], c[3][0]) if c[3] is not None else c[0]
                if not text[q.end : lo].strip(" ,\t\n\r\xa0" + _DASHES):
                    attached = c
                    break
    return attached, nearby


def _quote_kind(
    text: str, q: _RawQuote, attached: _Cand | None, so_called_quotes: set[int]
) -> QuotationKind:
    if q.start in so_called_quotes:
        return "scare"
    if attached is not None:
        return "direct"
    return "scare" if _quote_words_ok(text, q) else "direct"


def _finish_quotes(
    text: str,
    raw: list[_RawQuote],
    cue_list: list[_Cue],
    phrase_cues: list[tuple[int, int, str, tuple[int, int] | None, str]],
    so_called_quotes: set[int],
    layout: _Layout,
) -> list[Quotation]:
    """Attach cues and speakers to quotations and decide their kind."""
    cand, cue_starts = _candidates(cue_list, phrase_cues)
    out: list[Quotation] = []
    last_direct: dict[int, Quotation] = {}  # paragraph index -> last direct quotation ending there
    outer: list[_RawQuote] = []  # enclosing quotations of the current one
    for q in raw:
        while outer and outer[-1].end <= q.start:
            outer.pop()
        outer.append(q)
        attached, nearby = _attach(text, q, outer, cand, cue_starts, layout)
        kind = _quote_kind(text, q, attached, so_called_quotes)
        fields: dict = {}
        if kind == "direct":
            source = attached or nearby
            pi, _, _ = layout.paragraph(q.start)
            if source is not None:
                sp = _speaker_fields(text, source[3])
                fields = dict(
                    cue_start=source[0],
                    cue_end=source[1],
                    cue=source[2],
                    speaker_start=sp[0],
                    speaker_end=sp[1],
                    speaker=sp[2],
                )
            elif pi in last_direct and last_direct[pi].cue is not None:
                # '“...,” Antonov said. “...”': the next quotation in the paragraph
                p = last_direct[pi]
                fields = dict(
                    cue_start=p.cue_start,
                    cue_end=p.cue_end,
                    cue=p.cue,
                    speaker_start=p.speaker_start,
                    speaker_end=p.speaker_end,
                    speaker=p.speaker,
                )
        quote = Quotation(
            q.start,
            q.end,
            q.content_start,
            q.content_end,
            kind,
            q.open_mark,
            q.close_mark,
            q.closed,
            **fields,
        )
        if kind == "direct":
            last_direct[layout.paragraph(max(q.start, q.end - 1))[0]] = quote
        out.append(quote)
    return out


def _get_cues(cues: VoiceCues | None) -> VoiceCues:
    if cues is None:
        return _shipped_cues()
    if not isinstance(cues, VoiceCues):
        raise TypeError(
            f"cues must be a VoiceCues (see load_voice_cues), got {type(cues).__name__}"
        )
    return cues


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        raise TypeError(f"text must be str, got {type(text).__name__}")
    return text


def _check_policy(unbalanced: str) -> None:
    if unbalanced not in ("flag", "warn"):
        raise ValueError(f"unbalanced must be 'flag' or 'warn', got {unbalanced!r}")


def find_quotations(
    text: str,
    *,
    sentences: Sequence[tuple[int, int]] | None = None,
    cues: VoiceCues | None = None,
    unbalanced: UnbalancedPolicy = "flag",
) -> list[Quotation]:
    """Find the quotations of a text, with their kind, cue and raw speaker.

    Parameters
    ----------
    text : str
        The original document text.
    sentences : sequence of (int, int), optional
        Sentence offsets; by default :func:`framing.segmentation.split_sentences`.
    cues : VoiceCues, optional
        Cue lists (default: the shipped ``voice_cues.txt``).
    unbalanced : {"flag", "warn"}, default "flag"
        Marks that do not pair up are always resolved by the rules in the module
        docstring and flagged in the result (``closed=False``, ``open_mark=None``);
        ``"warn"`` also emits one :class:`UnbalancedQuotesWarning` per text.

    Returns
    -------
    list of Quotation
        In text order (an enclosing quotation before the ones nested in it).

    Examples
    --------
    >>> from framing.voice import find_quotations
    >>> text = 'Russian paratroopers, or “peacekeeping forces” arrived. He said: “We will win.”'
    >>> [(text[q.start:q.end], q.kind, q.speaker) for q in find_quotations(text)]
    [('“peacekeeping forces”', 'scare', None), ('“We will win.”', 'direct', 'He')]

    On the bundled BBC story (via a republisher):

    >>> from importlib import resources
    >>> seeds = resources.files("framing") / "datasets/data/kazakhstan_2022/texts"
    >>> bbc = (seeds / "004_c02b394d286b7c9f.txt").read_text("utf-8")
    >>> for q in find_quotations(bbc)[-2:]:
    ...     print(q.kind, bbc[q.start:q.end], "-", q.cue, "-", q.speaker)
    direct “armed criminals” - says - The Interior Ministry
    direct “terrorists” - called - he
    """
    global _last_quotations
    text = _check_text(text)
    _check_policy(unbalanced)
    cue_set = _get_cues(cues)
    analysis, n_unbalanced = _analyse(text, sentences, cue_set)
    if unbalanced == "warn":
        _warn_unbalanced(analysis.quotations, n_unbalanced)
    _last_quotations = _QuotationsMemo(text, cue_set, tuple(analysis.quotations), analysis)
    return analysis.quotations


@dataclass(frozen=True, slots=True)
class _QuotationsMemo:
    """The analysis behind the last :func:`find_quotations` result.

    ``find_voice_spans(text, quotations=find_quotations(text))`` would otherwise find
    every reporting cue twice. Reusing it is exact: with the quotations given, the
    analysis differs only in reading their ``{start: end}`` map, which equals the
    one of the raw quotations they were made from when they are unchanged.
    """

    text: str
    cues: VoiceCues
    quotations: tuple[Quotation, ...]  # a snapshot: the returned list may be edited
    analysis: _Analysis


_last_quotations: _QuotationsMemo | None = None


def _reusable_analysis(
    text: str, layout: _Layout, cues: VoiceCues, quotations: list[Quotation]
) -> _Analysis | None:
    """The analysis of the last find_quotations call, if it was of these inputs."""
    memo = _last_quotations  # one read: another thread may replace it
    if memo is None or (memo.text is not text and memo.text != text):
        return None
    old = memo.analysis.layout
    if (
        (memo.cues is not cues and memo.cues != cues)
        or old.sent_starts != layout.sent_starts
        or old.sent_ends != layout.sent_ends
        or memo.quotations != tuple(quotations)
    ):
        return None
    return memo.analysis


def _warn_unbalanced(quotes: list[Quotation], n_unbalanced: int) -> None:
    unclosed = sum(not q.closed for q in quotes)
    inferred = sum(q.open_mark is None for q in quotes)
    if n_unbalanced or unclosed:
        warnings.warn(
            f"{n_unbalanced} quotation mark(s) did not pair up; {unclosed} quotation(s) left "
            f"unclosed (ended at the paragraph end) and {inferred} with an inferred opening "
            "mark; see Quotation.closed and Quotation.open_mark",
            UnbalancedQuotesWarning,
            stacklevel=3,
        )


def find_voice_spans(
    text: str,
    *,
    sentences: Sequence[tuple[int, int]] | None = None,
    quotations: Sequence[Quotation] | None = None,
    cues: VoiceCues | None = None,
    rules: Collection[str] | None = None,
    unbalanced: UnbalancedPolicy = "flag",
) -> list[VoiceSpan]:
    """Find the regions of a text whose framing words are attributed.

    Parameters
    ----------
    text : str
        The original document text.
    sentences : sequence of (int, int), optional
        Sentence offsets; by default :func:`framing.segmentation.split_sentences`.
    quotations : sequence of Quotation, optional
        Quotations from :func:`find_quotations`, to avoid finding them twice.
    cues : VoiceCues, optional
        Cue lists (default: the shipped ``voice_cues.txt``).
    rules : collection of str, optional
        The rules to apply, a subset of :data:`VOICE_REASONS` (default: all); use it
        to measure what each rule contributes.
    unbalanced : {"flag", "warn"}, default "flag"
        As in :func:`find_quotations` (used only when ``quotations`` is None).

    Returns
    -------
    list of VoiceSpan
        Sorted by start (longer spans first); spans may overlap or nest.

    Examples
    --------
    >>> from framing.voice import find_voice_spans
    >>> text = ("Dozens of people have been killed in protests, but Mr Blinken said "
    ...         "the US believes the government can deal with the protests itself.")
    >>> [(s.reason, text[s.start:s.end][:25], text[s.cue_start:s.cue_end])
    ...  for s in find_voice_spans(text)]
    [('reported_speech', ' the US believes the gove', 'said')]
    """
    text = _check_text(text)
    _check_policy(unbalanced)
    if rules is None:
        active = set(VOICE_REASONS)
    else:
        if isinstance(rules, str):
            raise TypeError("rules must be a collection of rule names, not a single string")
        active = set(rules)
        bad = sorted(active - set(VOICE_REASONS))
        if bad:
            raise ValueError(f"unknown voice rule(s) {bad}; valid rules are {list(VOICE_REASONS)}")
    if quotations is not None:
        quotations = list(quotations)
        bad = [q for q in quotations if not isinstance(q, Quotation)]
        if bad:
            raise TypeError(
                f"quotations must hold Quotation objects (from find_quotations), "
                f"got {type(bad[0]).__name__}"
            )
    cue_set = _get_cues(cues)
    analysis = None
    n_unbalanced = 0
    if quotations is not None:
        analysis = _reusable_analysis(text, _Layout(text, sentences), cue_set, quotations)
    if analysis is None:
        analysis, n_unbalanced = _analyse(text, sentences, cue_set, quotations=quotations)
    quotes = analysis.quotations if quotations is None else quotations
    if quotations is None and unbalanced == "warn":
        _warn_unbalanced(quotes, n_unbalanced)
    spans: list[VoiceSpan] = []
    for q in quotes:
        reason = "quotation" if q.kind == "direct" else "scare_quote"
        if reason not in active:
            continue
        if q.open_mark is not None:
            cs, ce = q.start, q.start + 1
        else:
            cs, ce = q.end - 1, q.end
        sp = (q.speaker_start, q.speaker_end, q.speaker)
        spans.append(VoiceSpan(q.start, q.end, reason, cs, ce, *sp))
    for c in analysis.cues:
        if c.span is None or c.reason not in active or c.span[1] <= c.span[0]:
            continue
        spans.append(
            VoiceSpan(
                c.span[0],
                c.span[1],
                c.reason,
                c.cue_start,
                c.cue_end,
                *_speaker_fields(text, c.speaker),
            )
        )
    spans.extend(s for s in analysis.extra_spans if s.reason in active and s.end > s.start)
    spans.sort(key=lambda s: (s.start, -s.end, s.reason))
    return spans


def assign_voice(
    starts: np.ndarray | Sequence[int],
    ends: np.ndarray | Sequence[int],
    spans: Sequence[VoiceSpan],
) -> tuple[np.ndarray, np.ndarray]:
    """Label matches ``[starts[i], ends[i])`` authorial or attributed.

    A match is attributed when any of its characters lies in a span; its reason
    is that of the innermost such span (the shortest; ties go to the span that
    starts first). The work is vectorised over matches: spans are painted onto
    the elementary segments between span boundaries (each segment once, shortest
    span first), and each match takes the minimum over the segments it touches.

    Parameters
    ----------
    starts, ends : array-like of int
        Match offsets into the text the spans were found in (``ends`` exclusive).
    spans : sequence of VoiceSpan
        From :func:`find_voice_spans`.

    Returns
    -------
    voice : ndarray of str
        ``"authorial"`` or ``"attributed"`` per match.
    voice_reason : ndarray of str
        The reason of the innermost covering span, ``"none"`` for authorial matches.

    Examples
    --------
    >>> from framing.voice import assign_voice, find_voice_spans
    >>> text = "Protests spread. Tokayev blamed what he called foreign “terrorists”."
    >>> starts = [text.find("Protests"), text.find("terrorists")]
    >>> ends = [starts[0] + len("Protests"), starts[1] + len("terrorists")]
    >>> voice, reason = assign_voice(starts, ends, find_voice_spans(text))
    >>> voice.tolist(), reason.tolist()
    (['authorial', 'attributed'], ['none', 'quotation'])
    """
    starts, ends = _match_arrays(starts, ends)
    n = starts.size
    voice = np.full(n, "authorial", dtype="<U10")
    reason = np.full(n, AUTHORIAL_REASON, dtype="<U15")
    if n == 0 or len(spans) == 0:
        return voice, reason
    s_start = np.fromiter((s.start for s in spans), dtype=np.int64, count=len(spans))
    s_end = np.fromiter((s.end for s in spans), dtype=np.int64, count=len(spans))
    keep = s_end > s_start
    order = np.flatnonzero(keep)
    # innermost first: shortest, then earliest start
    order = order[np.lexsort((s_start[order], s_end[order] - s_start[order]))]
    bounds = np.unique(np.concatenate([s_start[order], s_end[order]]))
    n_seg = bounds.size - 1
    seg_rank = np.full(n_seg + 1, np.iinfo(np.int64).max, dtype=np.int64)  # +1 sentinel
    if n_seg > 0:
        seg_lo = np.searchsorted(bounds, s_start[order])
        seg_hi = np.searchsorted(bounds, s_end[order])
        # union-find "next unpainted segment" so each segment is painted once
        nxt = list(range(n_seg + 1))

        def find(x: int) -> int:
            root = x
            while nxt[root] != root:
                root = nxt[root]
            while nxt[x] != root:
                nxt[x], x = root, nxt[x]
            return root

        rank_list = seg_rank.tolist()
        for rank, (lo, hi) in enumerate(zip(seg_lo.tolist(), seg_hi.tolist(), strict=True)):
            j = find(lo)
            while j < hi:
                rank_list[j] = rank
                nxt[j] = j + 1
                j = find(j + 1)
        seg_rank = np.asarray(rank_list, dtype=np.int64)
    # segments a match touches: [first segment containing start, segment of end-1]
    lengths = np.maximum(ends - starts, 1)
    a = np.searchsorted(bounds, starts, side="right") - 1
    b = np.searchsorted(bounds, starts + lengths - 1, side="right") - 1
    inside = (b >= 0) & (a < n_seg)
    a = np.clip(a, 0, max(n_seg - 1, 0))
    b = np.clip(b, 0, max(n_seg - 1, 0))
    best = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
    if n_seg > 0 and inside.any():
        idx = np.empty(2 * n, dtype=np.int64)
        idx[0::2] = a
        idx[1::2] = b + 1
        mins = np.minimum.reduceat(seg_rank, idx)[0::2]
        best = np.where(inside, mins, best)
    hit = best != np.iinfo(np.int64).max
    if hit.any():
        reasons = np.asarray([spans[i].reason for i in order.tolist()], dtype="<U15")
        voice[hit] = "attributed"
        reason[hit] = reasons[best[hit]]
        # A match holding the reporting verb of the span that covers it ("Putin
        # declared victory": "declared" is the outlet's word) is the outlet's account
        # of the speech act: that span does not attribute it.
        chosen = order[best[hit]]
        idx_hit = np.flatnonzero(hit)
        redo = [
            (int(m), int(sp))
            for m, sp in zip(idx_hit.tolist(), chosen.tolist(), strict=True)
            if _holds_cue(spans[sp], int(starts[m]), int(ends[m]))
        ]
        if redo:
            for m, _ in redo:
                others = [x for x in spans if not _holds_cue(x, int(starts[m]), int(ends[m]))]
                v, r = assign_voice([starts[m]], [ends[m]], others)
                voice[m], reason[m] = v[0], r[0]
    return voice, reason


def match_voice(
    text: str,
    starts: np.ndarray | Sequence[int],
    ends: np.ndarray | Sequence[int],
    *,
    sentences: Sequence[tuple[int, int]] | None = None,
    cues: VoiceCues | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Label matches authorial or attributed, doing only the work they need.

    Returns exactly what ``assign_voice(starts, ends, find_voice_spans(text,
    sentences=sentences, cues=cues))`` returns, faster: a match's label depends only
    on the spans holding one of its characters, so only those spans are found.
    Reporting cues are analysed only where their span can reach a match (a cue's
    span lies in its verb's sentence and paragraph) or where they can decide the kind
    of a quotation that reaches a match (see :func:`_attach`); the whole-text scans
    (quotation marks, phrase cues, credit lines) are kept. A headline speaker that
    is cited only by a cue not analysed makes it analyse them all.

    Parameters
    ----------
    text : str
        The original document text.
    starts, ends : array-like of int
        Match offsets into ``text`` (``ends`` exclusive).
    sentences : sequence of (int, int), optional
        Sentence offsets; by default :func:`framing.segmentation.split_sentences`.
    cues : VoiceCues, optional
        Cue lists (default: the shipped ``voice_cues.txt``).

    Returns
    -------
    voice : ndarray of str
        ``"authorial"`` or ``"attributed"`` per match.
    voice_reason : ndarray of str
        The reason of the innermost covering span, ``"none"`` for authorial matches.

    Examples
    --------
    >>> from framing.voice import match_voice
    >>> text = "Protests spread. Tokayev blamed what he called foreign “terrorists”."
    >>> starts = [text.find("Protests"), text.find("terrorists")]
    >>> ends = [starts[0] + len("Protests"), starts[1] + len("terrorists")]
    >>> voice, reason = match_voice(text, starts, ends)
    >>> voice.tolist(), reason.tolist()
    (['authorial', 'attributed'], ['none', 'quotation'])
    """
    text = _check_text(text)
    cue_set = _get_cues(cues)
    layout = _Layout(text, sentences)
    starts, ends = _match_arrays(starts, ends)
    if starts.size == 0:
        return assign_voice(starts, ends, [])
    return _assign_few(starts, ends, _match_spans(text, layout, cue_set, starts, ends))


def _assign_few(
    starts: np.ndarray, ends: np.ndarray, spans: list[VoiceSpan]
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`assign_voice` for few spans, in plain Python (no per-call numpy overhead).

    The same rule, stated per match: among the non-empty spans holding a character
    of ``[start, max(end, start + 1))``, the innermost wins -- the least (length,
    start, position in ``spans``), which is the order ``assign_voice`` paints in
    (a stable lexsort); a winner holding the match as its reporting verb
    (:func:`_holds_cue`) gives way to the best span that does not.
    """
    # (start, rank, span) by start; rank = position among the non-empty spans
    keep = sorted(
        (sp.start, rank, sp) for rank, sp in enumerate(x for x in spans if x.end > x.start)
    )
    span_starts = [start for start, _, _ in keep]
    longest = max((sp.end - sp.start for _, _, sp in keep), default=0)
    voice: list[str] = []
    reason: list[str] = []
    for a, e in zip(starts.tolist(), ends.tolist(), strict=True):
        last = a + max(e - a, 1)  # one past the match's last character
        lo = bisect_right(span_starts, a - longest)
        hi = bisect_left(span_starts, last)
        best = None
        best_key = None
        touching = []
        for start, rank, sp in keep[lo:hi]:
            if sp.end > a:
                touching.append((start, rank, sp))
                key = (sp.end - start, start, rank)
                if best_key is None or key < best_key:
                    best, best_key = sp, key
        if best is not None and _holds_cue(best, a, e):
            best = best_key = None
            for start, rank, sp in touching:
                if not _holds_cue(sp, a, e):
                    key = (sp.end - start, start, rank)
                    if best_key is None or key < best_key:
                        best, best_key = sp, key
        if best is None:
            voice.append("authorial")
            reason.append(AUTHORIAL_REASON)
        else:
            voice.append("attributed")
            reason.append(best.reason)
    return np.asarray(voice, dtype="<U10"), np.asarray(reason, dtype="<U15")


def _covers(starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Match starts in increasing order and the running maximum of the ends they cover.

    A match ``[s, e)`` covers the characters ``[s, max(e, s + 1))`` (an empty match
    covers the character at its start, as in :func:`assign_voice`); it meets ``[x, y)``
    when ``s < y`` and its end exceeds ``x``: among the matches starting before ``y``
    (a prefix in start order), the largest end decides.
    """
    order = np.argsort(starts, kind="stable")
    lo = starts[order]
    hi = np.maximum.accumulate(np.maximum(ends, starts + 1)[order])
    return lo, hi


def _touching(lo: np.ndarray, hi: np.ndarray) -> Callable[[int, int], bool]:
    """A test whether ``[x, y)`` holds a character of some match (see :func:`_covers`)."""
    lo_list, hi_list = lo.tolist(), hi.tolist()

    def touches(x: int, y: int) -> bool:
        k = bisect_left(lo_list, y)
        return k > 0 and hi_list[k - 1] > x

    return touches


def _touched_units(
    unit_starts: list[int], unit_ends: list[int], lo: np.ndarray, hi: np.ndarray
) -> list[tuple[int, int]]:
    """The non-empty units ``[a, b)`` (paragraphs or sentences, by start) that hold a
    character of a match, in their order: :func:`_touching` applied to every unit at
    once (``lo``, ``hi`` from :func:`_covers`)."""
    if not unit_starts or lo.size == 0:
        return []
    a = np.asarray(unit_starts, dtype=np.int64)
    b = np.asarray(unit_ends, dtype=np.int64)
    k = np.searchsorted(lo, b, side="left")
    hit = (k > 0) & (hi[np.maximum(k - 1, 0)] > a) & (b > a)
    return list(zip(a[hit].tolist(), b[hit].tolist(), strict=True))


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, disjoint union of ``(lo, hi)`` ranges (empty ones dropped)."""
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(r for r in ranges if r[1] > r[0]):
        if out and lo <= out[-1][1]:
            if hi > out[-1][1]:
                out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def _citing_ranges(
    text: str, layout: _Layout, names: Collection[str]
) -> list[tuple[int, int]] | None:
    """Where the verbs of the cues that can cite one of ``names`` start.

    A cited name is a word-suffix of a cue's lower-cased speaker text, so its last
    word ``w`` is the lower-cased last word of the speaker, and the speaker lies in
    its verb's sentence (or paragraph, when no sentence holds the verb). For an
    ASCII ``w``, a case-insensitive search finds every such word (and maybe more);
    the verb then lies in the sentence or paragraph of the hit. None (all verbs)
    for other names.
    """
    ranges: list[tuple[int, int]] = []
    for name in names:
        last = name.split()[-1] if name.split() else ""
        if not last or not last.isascii():
            return None
        for m in re.finditer(re.escape(last), text, re.IGNORECASE):
            o = m.start()
            s0, s1 = layout.sentence(o)
            _, p0, p1 = layout.paragraph(o)
            ranges.append((min(s0, p0), max(s1, p1)))
    return _merge(ranges)


def _match_spans(
    text: str, layout: _Layout, cues: VoiceCues, starts: np.ndarray, ends: np.ndarray
) -> list[VoiceSpan]:
    """The spans of :func:`find_voice_spans` that can hold a character of a match
    (and some others), in the same order."""
    cover_lo, cover_hi = _covers(starts, ends)
    touches = _touching(cover_lo, cover_hi)
    comp = _compile(cues)
    raw, _ = _scan_quotes(text, layout)
    phrases = _scan_phrases(text, layout, cues, comp, {q.start: q.end for q in raw})
    extra = phrases.extra
    wanted = [q for q in raw if touches(q.start, q.end)]
    # Where a reporting verb must be analysed. A cue's span lies in the sentence or
    # the paragraph of its verb (layout.sentence falls back to the paragraph), so
    # verbs in a sentence or paragraph without a match cannot label one; a quotation
    # that meets a match needs the cues that _attach reads.
    ranges = _touched_units(layout.para_starts, layout.para_ends, cover_lo, cover_hi)
    ranges += _touched_units(layout.sent_starts, layout.sent_ends, cover_lo, cover_hi)
    windows = []
    for q in wanted:
        windows.append((layout.sentence(q.start)[0], q.start + 1))
        windows.append((q.end, q.end + 241))
    windows = _merge(windows)
    window_starts = [lo for lo, _ in windows]
    publication_re = comp.publication_re

    def want(vs: int, kind: str, s0: int, s1: int) -> bool:
        # Only a retelling span leaves its verb's sentence (for the paragraph), and a
        # retelling has a text verb or a speaker -- inside the sentence -- whose last
        # word is a publication noun, so the sentence holds that noun in lower case
        # (an ASCII word comes only from characters lower-cased one by one).
        if touches(s0, s1):
            return True
        k = bisect_right(window_starts, vs) - 1
        if k >= 0 and vs < windows[k][1]:
            return True  # _attach may read it
        _, p0, p1 = layout.paragraph(vs)
        if not touches(p0, p1):
            return False
        return (
            kind == "text"
            or publication_re is None
            or publication_re.search(text[s0:s1].lower()) is not None
        )

    cue_list = _find_cues(text, layout, cues, phrases, _merge(ranges + windows), want)
    headlines = _headline_candidates(text, layout, touches)
    if headlines:
        cited = _cited(text, cue_list, extra)
        missing = {name for name, _ in headlines if not _headline_cited(name, cited)}
        if missing:
            # the speaker may be cited by a cue not analysed yet: analyse the verbs
            # that can cite it too
            more = _citing_ranges(text, layout, missing)
            more_cues = _find_cues(text, layout, cues, phrases, more)
            by_start = {c.cue_start: c for c in cue_list}
            by_start.update((c.cue_start, c) for c in more_cues)
            cue_list = [by_start[k] for k in sorted(by_start)]  # the scan order
            cited = _cited(text, cue_list, extra)
        extra = extra + [span for name, span in headlines if _headline_cited(name, cited)]
    spans: list[VoiceSpan] = []
    if wanted:
        cand, cue_starts = _candidates(cue_list, phrases.phrase_cues)
        outer: list[_RawQuote] = []
        for q in raw:
            while outer and outer[-1].end <= q.start:
                outer.pop()
            outer.append(q)
            if not touches(q.start, q.end):
                continue
            attached, _ = _attach(text, q, outer, cand, cue_starts, layout)
            kind = _quote_kind(text, q, attached, phrases.so_called_quotes)
            reason = "quotation" if kind == "direct" else "scare_quote"
            if q.open_mark is not None:
                cs, ce = q.start, q.start + 1
            else:
                cs, ce = q.end - 1, q.end
            spans.append(VoiceSpan(q.start, q.end, reason, cs, ce))
    for c in cue_list:
        if c.span is not None and c.span[1] > c.span[0] and touches(c.span[0], c.span[1]):
            spans.append(VoiceSpan(c.span[0], c.span[1], c.reason, c.cue_start, c.cue_end))
    spans.extend(s for s in extra if s.end > s.start and touches(s.start, s.end))
    spans.extend(_interview_spans(text, layout, touches))
    spans.sort(key=lambda s: (s.start, -s.end, s.reason))
    return spans


def _match_arrays(
    starts: np.ndarray | Sequence[int], ends: np.ndarray | Sequence[int]
) -> tuple[np.ndarray, np.ndarray]:
    """Match offsets as int64 arrays, checked."""
    starts = np.asarray(starts, dtype=np.int64).reshape(-1)
    ends = np.asarray(ends, dtype=np.int64).reshape(-1)
    if starts.shape != ends.shape:
        raise ValueError(
            f"starts and ends must have the same length, got {starts.size} and {ends.size}"
        )
    if np.any(ends < starts):
        bad = int(np.flatnonzero(ends < starts)[0])
        raise ValueError(f"match {bad} ends before it starts: ({starts[bad]}, {ends[bad]})")
    return starts, ends


def _holds_cue(span: VoiceSpan, start: int, end: int) -> bool:
    """Whether a match (start, end) holds the preposed reporting verb of ``span``."""
    return (
        span.reason in ("reported_speech", "retelling")
        and span.cue_end <= span.start
        and start < span.cue_end
        and span.cue_start < end
    )

"""Stance toward a target: who supports or opposes it, sentence by sentence, with evidence.

Follows ``docs/codebook-sources.md``, section "Stance toward the intervention": for
each sentence, ``support`` (the target is presented as legitimate, lawful, needed,
successful or welcome) or ``oppose`` (it is questioned, criticised, warned against
or condemned, or its consequences are), and who holds the stance: the author (the
outlet) or the speaker of the quotation or reported statement that holds the cue
(:mod:`framing.quotes`).

The target and the cues come from a lexicon in framing's YAML format
(``lexicons/README.md``), so researchers can define other targets. Its categories
are read by role:

``target``
    mentions of the target (required);
``negation``
    negators (optional; without it no cue is ever negated);
any other category
    a stance value (``support``, ``oppose``, or whatever the researcher names them);
    at least one is required.

Rules
-----
S1 Matching
    Every entry is matched with :class:`framing.matching.Matcher` (rules M1-M11 of
    ``lexicons/README.md``). Within a category, a match inside a longer match of the
    same category is dropped; a stance cue inside a longer cue of another stance
    value is dropped (the longer phrase decides: "not clear why" is not "clear").
S2 Target scope
    A sentence can express a stance only if it mentions the target, or if it
    *continues the speech* of a speaker who mentioned it: the sentence lies in a
    statement of speaker X and, walking back, every sentence holds a statement of
    X (or X's reporting cue) until one mentions the target; the walk may cross at
    most two sentence boundaries that do not lie inside one quotation of X (moving
    within a multi-sentence quotation is free). So '"We have questions about the
    CSTO," Blinken said. "It could seem the government can deal with the protests
    itself."' gives both sentences an
    oppose stance held by Antony Blinken, while an authorial sentence never
    inherits a target. The target column then holds the inherited mention
    (``target_inherited=True``).
S3 Negation
    A cue with a negator among the three words before it, in the same clause (no
    ``, ; : . ! ?`` between), expresses *no* stance: "did not condemn" and "neither
    welcomed nor condemned" are dropped rather than flipped, because not condemning
    is not presenting the target as legitimate (the codebook asks for an expressed
    stance). A negator that is part of a cue ("not clear why", "will not leave") is
    not a negator.
S4 Scare-quoted target
    A scare quotation (:func:`framing.quotes.scare_quotes_in_text`) around a target
    mention ("Russian paratroopers, or “peacekeeping forces”") distances the
    holder from the target's own label: an ``oppose`` cue (its evidence is the
    quoted phrase with its marks). Turn it off with ``scare_quotes=None`` or map it
    to another value.
S5 Holder
    The speaker of the innermost statement (quotation before reported speech)
    whose words hold the cue, else ``"author"``. A statement with no resolved
    speaker gives holder ``None`` with ``holder_type="speaker"``.
S6 Boilerplate
    Sentences flagged boilerplate by the pipeline carry nothing.

Limits
------
A lexicon reads words, not arguments: sentences that support or oppose the target
with no cue word ("This is how Tokayev explained his appeal") are missed, and a cue
near a target mention that is about something else can be counted. The rules are
linear in the text length.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from framing.lexicon import Lexicon, LexiconError, load_lexicon
from framing.segmentation import split_sentences

__all__ = [
    "STANCE_COLUMNS",
    "load_stance_lexicon",
    "stance_in_text",
    "stance_summary",
    "stance_table",
    "validate_stance",
]

#: Columns of the stance table (:func:`stance_in_text`, :func:`stance_table`).
STANCE_COLUMNS: list[str] = [
    "doc_id", "sentence_id", "start", "end", "target", "target_start", "target_end",
    "target_inherited", "holder", "holder_type", "holder_role", "value", "evidence",
    "evidence_start", "evidence_end", "evidence_spans", "n_cues",
]

_BUNDLED = "stance-kazakhstan-2022"
_ROLES = ("target", "negation")
_CLAUSE_BREAK = re.compile(r"[,;:.!?]")
_WORD = re.compile(r"\w+(?:['’]\w+)*")
_NEGATION_WINDOW = 3
_CONTINUATION = 2


def load_stance_lexicon(lexicon: Lexicon | str | Path = _BUNDLED) -> Lexicon:
    """Load and check a stance lexicon (a :class:`~framing.lexicon.Lexicon`, a bundled
    name or a path).

    Parameters
    ----------
    lexicon : Lexicon, str or Path, default "stance-kazakhstan-2022"

    Returns
    -------
    Lexicon

    Raises
    ------
    LexiconError
        If it has no ``target`` category or no stance category (any category other
        than ``target`` and ``negation``).

    Examples
    --------
    >>> from framing.stance import load_stance_lexicon
    >>> load_stance_lexicon().categories
    ('target', 'support', 'oppose', 'negation')
    """
    lex = lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon)
    source = getattr(lex, "_source", None) or lex.name
    if "target" not in lex.categories:
        raise LexiconError(
            f"{source}: a stance lexicon needs a 'target' category (mentions of what the "
            f"stance is about); it has {', '.join(lex.categories)}. Fix: add a category "
            "'target' with the words that name the target",
            source=source, fix="add a category 'target'")
    values = [c for c in lex.categories if c not in _ROLES]
    if not values:
        raise LexiconError(
            f"{source}: a stance lexicon needs at least one stance category (e.g. 'support', "
            "'oppose') besides 'target' and 'negation'. Fix: add one category per stance "
            "value, with its cue words", source=source, fix="add stance categories")
    return lex


def _longest(spans: list[tuple[int, int, Any]]) -> list[tuple[int, int, Any]]:
    """Drop spans contained in a longer span of the list (leftmost-longest kept)."""
    spans = sorted(spans, key=lambda x: (x[0], -(x[1] - x[0])))
    out: list[tuple[int, int, Any]] = []
    reach = -1
    for s in spans:
        if s[1] <= reach:
            continue
        out.append(s)
        reach = max(reach, s[1])
    return out


class _HolderIndex(NamedTuple):
    """Innermost statement at every position, as elementary segments.

    ``bounds`` holds every statement start and end, sorted and distinct; segment
    ``i`` is ``[bounds[i], bounds[i + 1])`` and ``holders[i]`` is the
    ``(speaker, role)`` of the innermost statement covering it, or ``None``.
    """

    bounds: list[int]
    holders: list[tuple[str | None, Any] | None]


def _holder_index(quotes: pd.DataFrame | None) -> _HolderIndex:
    """Index the statements of one text for exact innermost lookup (rule S5).

    The innermost statement covering a position is the shortest one, a quotation
    before reported speech at equal length, then the first in the sort below. No
    breakpoint falls strictly inside a segment, so every position of a segment is
    covered by the same statements: one sweep over the breakpoints with a heap of
    the open statements answers every segment, however long or deeply nested the
    statements are (the old look-back over the 60 preceding statements missed a
    quotation that opened earlier than that).
    """
    if quotes is None or len(quotes) == 0:
        return _HolderIndex([], [])
    rows = []
    for s, e, mode, sp, role in zip(quotes["start"], quotes["end"], quotes["mode"],
                                    quotes["speaker"], quotes["speaker_role"], strict=True):
        sp = None if sp is None or (isinstance(sp, float) and np.isnan(sp)) else str(sp)
        role = None if role is None or (isinstance(role, float) and np.isnan(role)) else role
        rows.append((int(s), int(e), 0 if mode == "quoted" else 1, sp, role))
    # statements can share a span and rank while one speaker is unresolved (None):
    # a named speaker sorts first, and the sort position breaks ties in the heap
    rows.sort(key=lambda r: (r[0], r[1], r[2], r[3] is None, r[3] or "", r[4] is None,
                             str(r[4] or "")))
    bounds = sorted({r[0] for r in rows} | {r[1] for r in rows})
    holders: list[tuple[str | None, Any] | None] = []
    open_: list[tuple[int, int, int, int]] = []  # (length, rank, sort position, end)
    k = 0
    for b in bounds:
        while k < len(rows) and rows[k][0] <= b:
            s, e, rank = rows[k][:3]
            heapq.heappush(open_, (e - s, rank, k, e))
            k += 1
        # positions only grow, so a statement that has ended never reopens: drop it
        # lazily when it reaches the top
        while open_ and open_[0][3] <= b:
            heapq.heappop(open_)
        holders.append(None if not open_ else rows[open_[0][2]][3:5])
    return _HolderIndex(bounds, holders)


def _innermost(index: _HolderIndex, pos: int) -> tuple[str | None, Any] | None:
    """``(speaker, role)`` of the innermost statement covering ``pos``, else ``None``."""
    i = bisect_right(index.bounds, pos) - 1
    return None if i < 0 else index.holders[i]


def stance_in_text(
    text: str,
    *,
    sentences: Sequence[tuple[int, int]] | None = None,
    quotes: pd.DataFrame | None = None,
    lexicon: Lexicon | str | Path = _BUNDLED,
    boilerplate: Sequence[bool] | None = None,
    scare_quotes: str | None = "oppose",
    doc_id: str | None = None,
) -> pd.DataFrame:
    """Stance toward the lexicon's target in each sentence of one text.

    Parameters
    ----------
    text : str
        The original document text.
    sentences : sequence of (int, int), optional
        Sentence offsets (default :func:`framing.segmentation.split_sentences`).
    quotes : DataFrame, optional
        The text's statements (:func:`framing.quotes.quotes_in_text` with the same
        sentences); computed when not given (with the bundled actors file).
    lexicon : Lexicon, str or Path, default "stance-kazakhstan-2022"
        A stance lexicon (:func:`load_stance_lexicon`).
    boilerplate : sequence of bool, optional
        One flag per sentence; flagged sentences carry nothing.
    scare_quotes : str or None, default "oppose"
        The stance value of a scare-quoted target (rule S4); None turns the rule off.
    doc_id : str, optional
        Value of the ``doc_id`` column.

    Returns
    -------
    pandas.DataFrame
        One row per sentence, holder and value (:data:`STANCE_COLUMNS`):

        ``doc_id``, ``sentence_id``, ``start``, ``end``
            the sentence;
        ``target``, ``target_start``, ``target_end``
            the target mention (the first in the sentence, or the inherited one);
        ``target_inherited``
            True when the target was mentioned earlier in the speaker's speech (S2);
        ``holder``, ``holder_type``, ``holder_role``
            ``"author"``/``"author"``/``"author"``, or the speaker's canonical name,
            ``"speaker"`` and actor role;
        ``value``
            the stance category (``support``/``oppose``);
        ``evidence``, ``evidence_start``, ``evidence_end``
            the cue words (``; ``-separated) and the offsets of the first cue;
        ``evidence_spans``
            every cue as ``start:end``, ``; ``-separated;
        ``n_cues``
            number of cues.

    Examples
    --------
    >>> from framing.stance import stance_in_text
    >>> text = ("“We have questions about the CSTO deployment,” Mr Blinken said. "
    ...         "China said it supported the deployment.")
    >>> stance_in_text(text)[["sentence_id", "holder", "value", "evidence", "target"]]
       sentence_id          holder    value   evidence      target
    0            0  Antony Blinken   oppose  questions        CSTO
    1            1           China  support  supported  deployment
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, got {type(text).__name__}")
    lex = load_stance_lexicon(lexicon)
    values = [c for c in lex.categories if c not in _ROLES]
    if scare_quotes is not None and scare_quotes not in values:
        raise ValueError(f"scare_quotes must be one of the stance values {values} or None, "
                         f"got {scare_quotes!r}")
    sents = list(split_sentences(text) if sentences is None else sentences)
    if boilerplate is not None and len(boilerplate) != len(sents):
        raise ValueError(f"boilerplate has {len(boilerplate)} flags for {len(sents)} sentences")
    if quotes is None:
        from framing.quotes import quotes_in_text

        quotes = quotes_in_text(text, sentences=sents, unbalanced="flag", doc_id=doc_id)
    return _stance(text, sents, quotes, lex, values, boilerplate, scare_quotes, doc_id)


_MATCHERS: dict[str, Any] = {}


def _matcher(lex: Lexicon):
    from framing.matching import Matcher

    m = _MATCHERS.get(lex.sha256)
    if m is None:
        m = Matcher(lex, overlap="all")
        if len(_MATCHERS) > 8:
            _MATCHERS.clear()
        _MATCHERS[lex.sha256] = m
    return m


def _stance(text, sents, quotes, lex, values, boilerplate, scare_quotes, doc_id
            ) -> pd.DataFrame:
    found = _matcher(lex).find(text)
    cats = np.asarray(lex.categories, dtype=object)[lex.category_codes[found.entry]] \
        if len(found) else np.empty(0, dtype=object)
    by_cat: dict[str, list[tuple[int, int, Any]]] = {c: [] for c in lex.categories}
    for s, e, c in zip(found.start.tolist(), found.end.tolist(), cats.tolist(), strict=True):
        by_cat[c].append((s, e, c))
    by_cat = {c: _longest(v) for c, v in by_cat.items()}
    cues = _longest([x for c in values for x in by_cat[c]])  # S1: the longer cue decides
    # S4: a scare-quoted target is a cue of ``scare_quotes``
    targets = by_cat["target"]
    t_starts = [t[0] for t in targets]
    if scare_quotes is not None and targets:
        from framing.quotes import scare_quotes_in_text

        for row in scare_quotes_in_text(text, sentences=sents).itertuples():
            k = bisect_right(t_starts, row.end) - 1
            if k >= 0 and targets[k][0] >= row.start and targets[k][1] <= row.end:
                a = max(0, row.start - 1)
                cues.append((a, min(len(text), row.end + 1), scare_quotes))
        cues.sort()
    # S3: negation
    # a negator inside a cue ("will not leave") is part of it: some cue starting at or
    # before the negator ends at or after it (the running maximum of the ends of the
    # cues sorted by start answers that exactly, however long or nested the cues)
    cue_spans = sorted((s, e) for s, e, _ in cues)
    cue_starts = [s for s, _ in cue_spans]
    reach = list(accumulate((e for _, e in cue_spans), max))
    negators = []
    for n in by_cat.get("negation", []):
        i = bisect_right(cue_starts, n[0]) - 1
        if i < 0 or reach[i] < n[1]:
            negators.append(n)
    # the negator ending nearest before a cue decides: an earlier one's gap holds this
    # gap, so it has at least as many words and any clause break in it
    n_ends = sorted(n[1] for n in negators)
    kept = []
    for s, e, c in cues:
        k = bisect_right(n_ends, s) - 1
        if k >= 0:
            gap = text[n_ends[k]:s]
            if not _CLAUSE_BREAK.search(gap) and len(_WORD.findall(gap)) < _NEGATION_WINDOW:
                continue  # negated
        kept.append((s, e, c))
    if not kept:
        return _frame([])
    s_starts = [s for s, _ in sents]

    def sentence_of(pos: int) -> int:
        i = bisect_right(s_starts, pos) - 1
        return i if i >= 0 and pos < sents[i][1] else -1

    sent_target: dict[int, tuple[int, int]] = {}
    for s, e, _ in targets:
        i = sentence_of(s)
        if i >= 0 and i not in sent_target:
            sent_target[i] = (s, e)
    index = _holder_index(quotes)
    # who speaks in each sentence, and in which quotation (S2)
    speaks: dict[int, dict[str, set[int]]] = {}
    if quotes is not None and len(quotes):
        for n, (s, e, sp, cs, mode) in enumerate(zip(
                quotes["start"], quotes["end"], quotes["speaker"], quotes["cue_start"],
                quotes["mode"], strict=True)):
            if sp is None or (isinstance(sp, float) and np.isnan(sp)):
                continue
            qid = n if mode == "quoted" else -1
            i0, i1 = sentence_of(int(s)), sentence_of(max(int(s), int(e) - 1))
            if i0 >= 0:
                for i in range(i0, max(i0, i1) + 1):
                    speaks.setdefault(i, {}).setdefault(str(sp), set()).add(qid)
            if cs is not None and not pd.isna(cs) and sentence_of(int(cs)) >= 0:
                speaks.setdefault(sentence_of(int(cs)), {}).setdefault(str(sp), set()).add(-1)
    groups: dict[tuple[int, str | None, str, str], dict[str, Any]] = {}
    for s, e, value in kept:
        i = sentence_of(s)
        if i < 0 or (boilerplate is not None and boilerplate[i]):
            continue
        holder = _innermost(index, s)
        if holder is None:
            name, htype, role = "author", "author", "author"
        else:
            name, htype, role = holder[0], "speaker", holder[1] or "unresolved"
        target = sent_target.get(i)
        inherited = False
        if target is None and htype == "speaker" and name is not None:
            steps, j = 0, i
            while j > 0 and i - j < 4 * _CONTINUATION:
                here = speaks.get(j, {}).get(name, set())
                prev = speaks.get(j - 1, {}).get(name)
                if not prev:
                    break
                # moving within one quotation is free; leaving it is a step
                if not (here & prev) - {-1}:
                    steps += 1
                    if steps > _CONTINUATION:
                        break
                j -= 1
                if j in sent_target:
                    target, inherited = sent_target[j], True
                    break
        if target is None:
            continue
        key = (i, name, htype, value)
        g = groups.get(key)
        if g is None:
            groups[key] = g = {"role": role, "target": target, "inherited": inherited,
                               "cues": []}
        g["cues"].append((s, e))
    rows = []
    for (i, name, htype, value), g in groups.items():
        cues_ = sorted(g["cues"])
        ts, te = g["target"]
        rows.append({
            "doc_id": doc_id, "sentence_id": i, "start": sents[i][0], "end": sents[i][1],
            "target": text[ts:te], "target_start": ts, "target_end": te,
            "target_inherited": g["inherited"], "holder": name, "holder_type": htype,
            "holder_role": g["role"], "value": value,
            "evidence": "; ".join(text[a:b] for a, b in cues_),
            "evidence_start": cues_[0][0], "evidence_end": cues_[0][1],
            "evidence_spans": "; ".join(f"{a}:{b}" for a, b in cues_), "n_cues": len(cues_),
        })
    rows.sort(key=lambda r: (r["sentence_id"], r["evidence_start"], r["value"]))
    return _frame(rows)


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=STANCE_COLUMNS)
    for col in ("sentence_id", "start", "end", "target_start", "target_end", "evidence_start",
                "evidence_end", "n_cues"):
        frame[col] = frame[col].astype(np.int64)
    frame["target_inherited"] = frame["target_inherited"].astype(bool)
    for col in ("doc_id", "target", "holder", "holder_type", "holder_role", "value",
                "evidence", "evidence_spans"):
        frame[col] = frame[col].astype(object)
    return frame


def stance_table(
    corpus_or_analysis: Any,
    *,
    lexicon: Lexicon | str | Path = _BUNDLED,
    quotes: pd.DataFrame | None = None,
    actors: Any = None,
    scare_quotes: str | None = "oppose",
) -> pd.DataFrame:
    """Stance toward the lexicon's target in every sentence of a corpus.

    Parameters
    ----------
    corpus_or_analysis : Analysis, Corpus, path or DataFrame
        An :class:`~framing.pipeline.Analysis` (its sentences and boilerplate are
        reused) or anything :func:`framing.corpus.read_corpus` accepts.
    lexicon : Lexicon, str or Path, default "stance-kazakhstan-2022"
        A stance lexicon (:func:`load_stance_lexicon`).
    quotes : DataFrame, optional
        Statements from :func:`framing.quotes.extract_quotes` on the same corpus
        (computed when not given); holders come from them.
    actors : Actors, path or bundled name, optional
        Actors file for computing ``quotes`` (default: the bundled one).
    scare_quotes : str or None, default "oppose"
        See :func:`stance_in_text`.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`STANCE_COLUMNS` (see :func:`stance_in_text`), documents in
        corpus order.

    Examples
    --------
    >>> import warnings
    >>> from framing.datasets import load_kazakhstan_2022
    >>> from framing.stance import stance_table
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     stance = stance_table(load_kazakhstan_2022())
    >>> sorted(stance["value"].unique())
    ['oppose', 'support']
    """
    import warnings

    from framing.quotes import _documents, extract_quotes

    lex = load_stance_lexicon(lexicon)
    values = [c for c in lex.categories if c not in _ROLES]
    if scare_quotes is not None and scare_quotes not in values:
        raise ValueError(f"scare_quotes must be one of the stance values {values} or None, "
                         f"got {scare_quotes!r}")
    docs, analysis = _documents(corpus_or_analysis)
    if quotes is None:
        from framing.voice import UnbalancedQuotesWarning

        with warnings.catch_warnings():
            # the structure warning belongs to extract_quotes; stance only needs holders
            warnings.simplefilter("ignore", UnbalancedQuotesWarning)
            quotes = extract_quotes(analysis, actors=actors, boilerplate=True)
    elif not isinstance(quotes, pd.DataFrame) or "doc_id" not in quotes.columns:
        raise TypeError("quotes must be the DataFrame from framing.quotes.extract_quotes")
    by_doc = {k: g for k, g in quotes.groupby("doc_id", sort=False)}
    frames = []
    for doc_id, text, sents, bp in docs:
        q = by_doc.get(doc_id, quotes.iloc[0:0])
        table = _stance(text, sents, q, lex, values, bp or None, scare_quotes, doc_id)
        if len(table):
            frames.append(table)
    if not frames:
        return _frame([])
    return pd.concat(frames, ignore_index=True)


def stance_summary(stance: pd.DataFrame, *, by: str = "outlet",
                   documents: Any = None) -> pd.DataFrame:
    """Stance sentences per group, value and holder role.

    Parameters
    ----------
    stance : DataFrame
        From :func:`stance_table`.
    by : str, default "outlet"
        A column of ``stance`` or of ``documents``, or ``"doc_id"``.
    documents : Corpus, Analysis or DataFrame, optional
        Document metadata holding ``by``.

    Returns
    -------
    pandas.DataFrame
        One row per group, value and holder role (``"author"`` for the outlet's own
        voice), sorted: ``<by>, value, holder_role, n_sentences`` (distinct
        sentences), ``n_holders`` (distinct holders), ``holders`` (``; ``-separated,
        most sentences first), ``share`` (of the group's stance sentences of that
        value).

    Examples
    --------
    >>> import pandas as pd
    >>> from framing.stance import stance_summary
    >>> stance = pd.DataFrame({"doc_id": ["a", "a", "a"], "sentence_id": [0, 1, 2],
    ...     "value": ["oppose", "oppose", "support"],
    ...     "holder": ["author", "Antony Blinken", "Vladimir Putin"],
    ...     "holder_role": ["author", "us_government", "russian_government"]})
    >>> stance_summary(stance, by="doc_id")[["doc_id", "value", "holder_role", "n_sentences"]]
      doc_id    value         holder_role  n_sentences
    0      a   oppose              author            1
    1      a   oppose       us_government            1
    2      a  support  russian_government            1
    """
    from framing.quotes import _group_labels

    needed = ["doc_id", "sentence_id", "value", "holder", "holder_role"]
    if not isinstance(stance, pd.DataFrame):
        raise TypeError(f"stance must be a DataFrame, got {type(stance).__name__}")
    missing = [c for c in needed if c not in stance.columns]
    if missing:
        raise ValueError(f"stance lacks column(s) {', '.join(missing)}; pass the table from "
                         "stance_table")
    col = "doc_id" if by in ("doc", "doc_id") else by
    cols = [col, "value", "holder_role", "n_sentences", "n_holders", "holders", "share"]
    if stance.empty:
        return pd.DataFrame(columns=cols)
    st = stance.reset_index(drop=True).copy()
    st["_group"] = _group_labels(st, by, documents).to_numpy()
    st["_sent"] = list(zip(st["doc_id"], st["sentence_id"], strict=True))
    rows = []
    for (grp, value, role), g in st.groupby(["_group", "value", "holder_role"], dropna=False,
                                            sort=True):
        holders = g.groupby("holder", dropna=True)["_sent"].nunique().sort_values(
            ascending=False, kind="stable")
        total = st[(st["_group"] == grp) & (st["value"] == value)]["_sent"].nunique()
        n = g["_sent"].nunique()
        rows.append({col: grp, "value": value, "holder_role": role, "n_sentences": n,
                     "n_holders": len(holders), "holders": "; ".join(map(str, holders.index)),
                     "share": n / total if total else float("nan")})
    return pd.DataFrame(rows, columns=cols)


def validate_stance(stance: pd.DataFrame, coded_sources: pd.DataFrame, *, n_boot: int = 1000,
                    ci: float = 0.95, seed: int | None = 0) -> pd.DataFrame:
    """Agreement of the stance table with human stance coding, per value.

    A coded unit is predicted ``value`` when a stance row of that value (any holder)
    lies in it (its sentence overlaps the unit). The reference is the unit's
    ``stance_<value>`` column (0/1).

    Parameters
    ----------
    stance : DataFrame
        From :func:`stance_table` (``doc_id, start, end, value``).
    coded_sources : DataFrame
        Coded units with ``doc_id, start, end`` and ``stance_<value>`` columns, e.g.
        :func:`framing.datasets.load_kazakhstan_2022_sources`.
    n_boot, ci, seed
        Bootstrap of the units (:func:`framing.agreement.precision_recall_f1`).

    Returns
    -------
    pandas.DataFrame
        One row per value with a ``stance_<value>`` column in ``coded_sources``:
        ``value`` then the columns of :func:`framing.agreement.precision_recall_f1`
        (``n, tp, fp, fn, tn, precision, recall, f1``, their intervals, ...).

    Examples
    --------
    >>> import pandas as pd
    >>> from framing.stance import validate_stance
    >>> coded = pd.DataFrame({"doc_id": ["a", "a"], "start": [0, 10], "end": [9, 20],
    ...                       "stance_support": [1, 0], "stance_oppose": [0, 1]})
    >>> stance = pd.DataFrame({"doc_id": ["a"], "start": [0], "end": [9],
    ...                        "value": ["support"]})
    >>> validate_stance(stance, coded, n_boot=0)[["value", "tp", "fp", "fn", "f1"]]
         value  tp  fp  fn   f1
    0  support   1   0   0  1.0
    1   oppose   0   0   1  0.0
    """
    from framing.agreement import precision_recall_f1

    for name, frame, cols in (("stance", stance, ["doc_id", "start", "end", "value"]),
                              ("coded_sources", coded_sources, ["doc_id", "start", "end"])):
        if not isinstance(frame, pd.DataFrame):
            raise TypeError(f"{name} must be a DataFrame, got {type(frame).__name__}")
        missing = [c for c in cols if c not in frame.columns]
        if missing:
            raise ValueError(f"{name} lacks column(s) {', '.join(missing)}")
    values = [c[len("stance_"):] for c in coded_sources.columns if c.startswith("stance_")]
    if not values:
        raise ValueError("coded_sources has no stance_<value> column (e.g. stance_support)")
    units = coded_sources.reset_index(drop=True)
    doc = units["doc_id"].astype(str).to_numpy()
    us = units["start"].to_numpy(np.int64)
    ue = units["end"].to_numpy(np.int64)
    out = []
    for value in values:
        pred = np.zeros(len(units), dtype=bool)
        sv = stance[stance["value"] == value]
        for d, g in sv.groupby(sv["doc_id"].astype(str)):
            mask = doc == d
            idx = np.flatnonzero(mask)
            ss = g["start"].to_numpy(np.int64)[None, :]
            se = g["end"].to_numpy(np.int64)[None, :]
            hit = ((ss < ue[idx][:, None]) & (se > us[idx][:, None])).any(axis=1)
            pred[idx] |= hit
        table = precision_recall_f1(units[f"stance_{value}"].to_numpy(), pred, n_boot=n_boot,
                                    ci=ci, seed=seed)
        table.insert(0, "value", value)
        out.append(table)
    return pd.concat(out, ignore_index=True)

"""Frame scores: lexicon matches per 1,000 tokens and frame shares, by group and voice.

This stage turns the ``matches`` table (one row per lexicon hit) and the
``units`` table (one row per sentence) into the numbers a paper reports:

``per_1k``
    matches of a frame per 1,000 word tokens of the group's non-boilerplate
    sentences, ``1000 * matches / tokens``;
``share``
    the frame's share of the group's matches in that voice,
    ``matches(g, f, v) / sum_f' matches(g, f', v)``.

Every score comes in three voices: ``authorial`` (the outlet's own words),
``attributed`` (quoted or reported speech, scare quotes) and ``all`` (the two
summed). Boilerplate sentences (navigation, teasers, ads) never score: their
tokens are not in the denominator and their matches are not in the numerator;
how many matches were dropped this way is recorded in
``scores.attrs["excluded_boilerplate_matches"]``.

:func:`unit_counts` is the shared first step: one row of counts per sentence,
which :func:`score_table` sums by group and which :mod:`framing.statistics`
resamples without joining the tables again.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from framing._checks import examples_of, require_columns

__all__ = [
    "ALL_VOICES",
    "DOC_GROUPINGS",
    "VOICES",
    "FramingDataError",
    "FramingDataWarning",
    "UnitCounts",
    "score_table",
    "scores_from_sums",
    "unit_counts",
]

#: Voices a match can carry (the ``voice`` column of ``matches``).
VOICES: tuple[str, str] = ("authorial", "attributed")
#: Voices of the score tables: the two match voices and their sum.
ALL_VOICES: tuple[str, str, str] = (*VOICES, "all")
#: Values of ``by`` that mean "one group per document".
DOC_GROUPINGS: tuple[str, str] = ("doc", "doc_id")

_UNIT_COLUMNS = ("doc_id", "sentence_id", "boilerplate", "n_tokens")
_MATCH_COLUMNS = ("doc_id", "sentence_id", "frame", "voice")


class FramingDataError(ValueError):
    """Input tables that cannot be scored as given.

    Raised for missing columns, unknown frames or voices, matches that point to
    no sentence, duplicated sentences, invalid token counts and similar
    problems. The message names the table, the column and the fix.
    """


class FramingDataWarning(UserWarning):
    """A score is undefined (NaN) because of the data, e.g. a group with no tokens."""


@dataclass(frozen=True)
class UnitCounts:
    """Per-sentence match counts and token counts, aligned with the ``units`` rows.

    Attributes
    ----------
    doc_id, sentence_id : numpy.ndarray, shape (n_units,)
        Keys of the units, in the row order of the ``units`` table.
    tokens : numpy.ndarray of float, shape (n_units,)
        Word tokens of each unit; 0 for boilerplate units.
    counts : numpy.ndarray of float, shape (n_units, 2 * n_frames)
        Matches (or summed weights) of each frame and voice in each unit;
        column ``v * n_frames + f`` holds voice ``VOICES[v]`` and frame
        ``frames[f]`` (all authorial columns, then all attributed columns).
        Rows of boilerplate units are 0.
    scored : numpy.ndarray of bool, shape (n_units,)
        True for units that score (not boilerplate).
    frames : tuple of str
        The frames, in lexicon order.
    excluded_boilerplate_matches : int
        Matches that fell in boilerplate units and were not counted.
    weighted : bool
        Whether ``counts`` holds summed match weights rather than match counts.
    """

    doc_id: np.ndarray
    sentence_id: np.ndarray
    tokens: np.ndarray
    counts: np.ndarray
    scored: np.ndarray
    frames: tuple[str, ...]
    excluded_boilerplate_matches: int
    weighted: bool = False

    @property
    def columns(self) -> list[tuple[str, str]]:
        """``(voice, frame)`` label of every column of :attr:`counts`."""
        return [(voice, frame) for voice in VOICES for frame in self.frames]


# --------------------------------------------------------------------------- helpers


def _check_frames(frames: Sequence[str]) -> tuple[str, ...]:
    if isinstance(frames, str) or not isinstance(frames, Iterable):
        raise TypeError(
            f"`frames` must be a list of frame names (the lexicon categories), got {frames!r}"
        )
    out = tuple(frames)
    if not out:
        raise FramingDataError("`frames` is empty; pass the lexicon's list of categories")
    bad = [f for f in out if not isinstance(f, str)]
    if bad:
        raise FramingDataError(f"`frames` must hold strings; got {bad[:3]!r}")
    dup = sorted({f for f in out if out.count(f) > 1})
    if dup:
        raise FramingDataError(f"`frames` lists {dup} more than once")
    return out


def _check_tokens(n_tokens: pd.Series) -> np.ndarray:
    if not (pd.api.types.is_numeric_dtype(n_tokens) and not pd.api.types.is_bool_dtype(n_tokens)):
        raise FramingDataError(
            f"`units['n_tokens']` must be numeric (word tokens per sentence), "
            f"got dtype {n_tokens.dtype}"
        )
    tokens = n_tokens.to_numpy(dtype=float, na_value=np.nan)
    bad = ~np.isfinite(tokens) | (tokens < 0)
    if bad.any():
        raise FramingDataError(
            f"`units['n_tokens']` must be finite and >= 0; {int(bad.sum())} row(s) are not, "
            f"e.g. {examples_of(n_tokens[bad].tolist())}"
        )
    return tokens


def _check_boilerplate(flag: pd.Series) -> np.ndarray:
    if flag.isna().any():
        raise FramingDataError(
            f"`units['boilerplate']` has {int(flag.isna().sum())} missing value(s); "
            "mark every unit True (boilerplate) or False"
        )
    if pd.api.types.is_bool_dtype(flag):
        return flag.to_numpy(dtype=bool)
    values = pd.unique(flag)
    if all(isinstance(v, bool | np.bool_) or (isinstance(v, int | np.integer) and v in (0, 1))
           for v in values):
        return flag.to_numpy().astype(bool)
    raise FramingDataError(
        f"`units['boilerplate']` must be boolean, got values {examples_of(values)}"
    )


def _codes(values: pd.Series, labels: Sequence[str], column: str, fix: str) -> np.ndarray:
    codes = pd.Index(list(labels)).get_indexer(values)
    unknown = codes < 0
    if unknown.any():
        bad = sorted({str(v) for v in values[unknown]})
        raise FramingDataError(
            f"`matches['{column}']` has value(s) not in {list(labels)}: {examples_of(bad)}; {fix}"
        )
    return codes


def _group_labels(units: pd.DataFrame, by: str) -> tuple[str, pd.Series]:
    """Return the output column name and the group label of every unit."""
    if not isinstance(by, str):
        raise TypeError(f"`by` must be a column name, got {by!r}")
    if by in DOC_GROUPINGS:
        return by, units["doc_id"]
    if by not in units.columns:
        raise FramingDataError(
            f"`by={by!r}` is not a column of `units`; available columns: "
            f"{[str(c) for c in units.columns]} (or by='doc' for one group per document)"
        )
    return by, units[by]


def _factorize_groups(
    labels: pd.Series, doc_id: pd.Series, by: str
) -> tuple[pd.Index, np.ndarray]:
    """Sorted group labels and the code of every unit; checks docs nest in groups."""
    missing = labels.isna().to_numpy()
    if missing.any():
        raise FramingDataError(
            f"{int(missing.sum())} unit(s) have no value in `units['{by}']`, e.g. in documents "
            f"{examples_of(pd.unique(doc_id[missing]))}; fill or drop them before scoring"
        )
    try:
        codes, groups = pd.factorize(labels, sort=True)
    except TypeError as err:
        raise FramingDataError(
            f"the values of `units['{by}']` cannot be sorted ({err}); use one type per column"
        ) from err
    per_doc = pd.Series(codes).groupby(doc_id.to_numpy(), sort=False).nunique()
    split = per_doc.index[per_doc.to_numpy() > 1]
    if len(split):
        raise FramingDataError(
            f"document(s) {examples_of(split.tolist())} have more than one value of "
            f"`units['{by}']`; group by a document-level column (one value per document)"
        )
    return pd.Index(groups), np.asarray(codes)


def _voice_totals(sums: np.ndarray, n_frames: int) -> tuple[np.ndarray, np.ndarray]:
    """Split ``(..., 2F + 1)`` sums into counts ``(..., 3, F)`` and tokens ``(...)``.

    The last column of ``sums`` is tokens; the voice axis is authorial,
    attributed, all.
    """
    counts = sums[..., : 2 * n_frames].reshape(*sums.shape[:-1], 2, n_frames)
    counts = np.concatenate([counts, counts.sum(axis=-2, keepdims=True)], axis=-2)
    return counts, sums[..., 2 * n_frames]


def _rates(counts: np.ndarray, tokens: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``per_1k`` and ``share`` from counts ``(..., 3, F)`` and tokens ``(...)``.

    Both are NaN where their denominator is 0.
    """
    tok = np.asarray(tokens, dtype=float)[..., None, None]
    total = counts.sum(axis=-1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        per_1k = np.where(tok > 0, counts / tok * 1000.0, np.nan)
        share = np.where(total > 0, counts / total, np.nan)
    return per_1k, share


def _warn_zero_tokens(groups: pd.Index, tokens: np.ndarray, by: str, stacklevel: int = 3) -> None:
    empty = [groups[i] for i in np.flatnonzero(np.asarray(tokens) <= 0)]
    if empty:
        warnings.warn(
            f"group(s) {examples_of(empty, 5)} of `{by}` have no non-boilerplate tokens; "
            "their per_1k scores are NaN",
            FramingDataWarning,
            stacklevel=stacklevel,
        )


def _sum_by(codes: np.ndarray, values: np.ndarray, n_groups: int) -> np.ndarray:
    out = np.zeros((n_groups, values.shape[1]))
    np.add.at(out, codes, values)
    return out


# --------------------------------------------------------------------------- public


def unit_counts(
    units: pd.DataFrame,
    matches: pd.DataFrame,
    *,
    frames: Sequence[str],
    weighted: bool = False,
) -> UnitCounts:
    """Count matches of every frame and voice in every unit (sentence).

    This is the join of ``matches`` onto ``units`` done once, so that
    :func:`score_table` and the resampling in :mod:`framing.statistics` work on
    arrays.

    Parameters
    ----------
    units : pandas.DataFrame
        The sentences table, one row per unit, with columns ``doc_id``,
        ``sentence_id``, ``boilerplate`` (bool) and ``n_tokens`` (word tokens).
        ``(doc_id, sentence_id)`` must be unique.
    matches : pandas.DataFrame
        One row per lexicon match, with columns ``doc_id``, ``sentence_id``,
        ``frame``, ``voice`` (``"authorial"`` or ``"attributed"``) and, when
        ``weighted``, ``weight``.
    frames : sequence of str
        All lexicon categories, in lexicon order. Frames without any match are
        kept (their counts are 0).
    weighted : bool, default False
        Sum ``matches['weight']`` (finite, >= 0) instead of counting rows.

    Returns
    -------
    UnitCounts
        Arrays aligned with the rows of ``units``: ``tokens`` (n_units,),
        ``counts`` (n_units, 2 * n_frames), ``scored`` (n_units,), and
        ``excluded_boilerplate_matches``. Boilerplate units have 0 tokens and
        0 counts.

    Raises
    ------
    FramingDataError
        If a column is missing, ``(doc_id, sentence_id)`` is duplicated in
        ``units``, ``n_tokens`` is negative or missing, a match has a frame not
        in ``frames`` or an unknown voice, a match points to no unit, or a
        weight is negative or missing.

    Examples
    --------
    >>> import pandas as pd
    >>> units = pd.DataFrame({"doc_id": ["d1", "d1"], "sentence_id": [0, 1],
    ...                       "boilerplate": [False, True], "n_tokens": [12, 3]})
    >>> matches = pd.DataFrame({"doc_id": ["d1", "d1"], "sentence_id": [0, 1],
    ...                         "frame": ["protest", "coup"],
    ...                         "voice": ["authorial", "authorial"]})
    >>> uc = unit_counts(units, matches, frames=["coup", "protest"])
    >>> uc.columns
    [('authorial', 'coup'), ('authorial', 'protest'), ('attributed', 'coup'), ('attributed', 'protest')]
    >>> uc.counts
    array([[0., 1., 0., 0.],
           [0., 0., 0., 0.]])
    >>> uc.tokens, uc.excluded_boilerplate_matches
    (array([12.,  0.]), 1)
    """  # noqa: E501
    frames = _check_frames(frames)
    require_columns(units, _UNIT_COLUMNS, "units", error=FramingDataError)
    require_columns(matches, _MATCH_COLUMNS + (("weight",) if weighted else ()), "matches",
                    error=FramingDataError)
    if len(units) == 0:
        raise FramingDataError("`units` has no rows; there is nothing to score")

    key = pd.MultiIndex.from_arrays([units["doc_id"], units["sentence_id"]])
    if key.has_duplicates:
        dup = key[key.duplicated()].unique().tolist()
        raise FramingDataError(
            f"`units` has duplicated (doc_id, sentence_id) keys: {examples_of(dup)}; "
            "each sentence must appear once"
        )
    n_tokens = _check_tokens(units["n_tokens"])
    boilerplate = _check_boilerplate(units["boilerplate"])

    n_frames = len(frames)
    frame_code = _codes(
        matches["frame"], frames, "frame", "add the frame to `frames` or drop those matches"
    )
    voice_code = _codes(
        matches["voice"], VOICES, "voice", "run the voice stage or fix the labels"
    )
    row = key.get_indexer(pd.MultiIndex.from_arrays([matches["doc_id"], matches["sentence_id"]]))
    orphan = row < 0
    if orphan.any():
        keys = list(zip(matches["doc_id"][orphan], matches["sentence_id"][orphan], strict=True))
        raise FramingDataError(
            f"{int(orphan.sum())} match(es) point to no unit of `units`: {examples_of(keys)}; "
            "check that doc_id and sentence_id have the same values and types in both tables "
            f"(units: {units['doc_id'].dtype}/{units['sentence_id'].dtype}, matches: "
            f"{matches['doc_id'].dtype}/{matches['sentence_id'].dtype})"
        )
    if weighted:
        weight = pd.to_numeric(matches["weight"], errors="coerce").to_numpy(
            dtype=float, na_value=np.nan
        )
        bad = ~np.isfinite(weight) | (weight < 0)
        if bad.any():
            raise FramingDataError(
                f"`matches['weight']` must be finite and >= 0; {int(bad.sum())} row(s) are not, "
                f"e.g. {examples_of(matches['weight'][bad].tolist())}"
            )
    else:
        weight = np.ones(len(matches))

    in_boilerplate = boilerplate[row] if len(row) else np.zeros(0, dtype=bool)
    keep = ~in_boilerplate
    counts = np.zeros((len(units), 2 * n_frames))
    np.add.at(
        counts, (row[keep], voice_code[keep] * n_frames + frame_code[keep]), weight[keep]
    )
    scored = ~boilerplate
    return UnitCounts(
        doc_id=units["doc_id"].to_numpy(),
        sentence_id=units["sentence_id"].to_numpy(),
        tokens=np.where(scored, n_tokens, 0.0),
        counts=counts,
        scored=scored,
        frames=frames,
        excluded_boilerplate_matches=int(in_boilerplate.sum()),
        weighted=bool(weighted),
    )


def score_table(
    units: pd.DataFrame,
    matches: pd.DataFrame,
    *,
    by: str = "outlet",
    frames: Sequence[str],
    weighted: bool = False,
) -> pd.DataFrame:
    """Frame scores per group, frame and voice: matches per 1,000 tokens and shares.

    Parameters
    ----------
    units : pandas.DataFrame
        The sentences table (one row per unit): ``doc_id``, ``sentence_id``,
        ``boilerplate`` (bool), ``n_tokens`` and document metadata such as
        ``outlet``.
    matches : pandas.DataFrame
        The matches table (one row per lexicon match): ``doc_id``,
        ``sentence_id``, ``frame``, ``voice`` and, when ``weighted``,
        ``weight``.
    by : str, default "outlet"
        Column of ``units`` to group by; it must hold one value per document.
        ``"doc"`` or ``"doc_id"`` give one group per document.
    frames : sequence of str
        All lexicon categories in lexicon order; frames without any match get
        rows of real zeros.
    weighted : bool, default False
        Use the sum of ``matches['weight']`` instead of the number of matches.

    Returns
    -------
    pandas.DataFrame
        One row per group x frame x voice; groups sorted, frames in lexicon
        order, voices ``authorial``, ``attributed``, ``all``. Columns:

        ``<by>``
            the group (the column is named as ``by``).
        ``frame``, ``voice``
            the frame and the voice (``all`` = authorial + attributed).
        ``matches``
            matches of the frame in that voice in non-boilerplate units (int),
            or their summed weight (float) when ``weighted``.
        ``tokens``
            word tokens of the group's non-boilerplate units.
        ``per_1k``
            ``1000 * matches / tokens``; NaN (with a warning) if ``tokens`` is 0.
        ``share``
            ``matches / (matches of all frames of the group in that voice)``;
            NaN if the group has no match in that voice.
        ``n_docs``
            documents of the group with at least one non-boilerplate unit.
        ``n_sentences``
            non-boilerplate units of the group.

        ``attrs`` holds ``by``, ``frames``, ``weighted`` and
        ``excluded_boilerplate_matches`` (matches in boilerplate units, which
        are never scored).

    Raises
    ------
    FramingDataError
        If ``by`` is not a column of ``units`` (the message lists the columns),
        a unit has no group, a document has more than one group, or the tables
        are invalid (see :func:`unit_counts`).

    Warns
    -----
    FramingDataWarning
        If a group has no non-boilerplate tokens (its ``per_1k`` is NaN).

    See Also
    --------
    framing.statistics.bootstrap_scores : confidence intervals for these scores.
    framing.statistics.compare_groups : tests of differences between groups.

    Notes
    -----
    For group :math:`g`, frame :math:`f` and voice :math:`v`, with
    :math:`m_{gfv}` the matches in non-boilerplate units and :math:`T_g` the
    non-boilerplate tokens,

    .. math::

        \\mathrm{per\\_1k}_{gfv} = 1000\\,\\frac{m_{gfv}}{T_g}, \\qquad
        \\mathrm{share}_{gfv} = \\frac{m_{gfv}}{\\sum_{f'} m_{gf'v}},

    and :math:`m_{gf,\\mathrm{all}} = m_{gf,\\mathrm{authorial}} +
    m_{gf,\\mathrm{attributed}}`. Rates are pooled ratios (total matches over
    total tokens), so long documents weigh more than short ones, as in
    quanteda's ``dfm_weight(scheme = "prop")`` on a grouped dfm. The codebook
    puts boilerplate outside the unit of analysis, so its tokens and matches
    are both left out.

    Examples
    --------
    >>> import pandas as pd
    >>> from framing.scoring import score_table
    >>> units = pd.DataFrame({
    ...     "doc_id": ["a1", "a1", "a2", "b1"], "sentence_id": [0, 1, 0, 0],
    ...     "boilerplate": [False, True, False, False], "n_tokens": [20, 5, 30, 25],
    ...     "outlet": ["A", "A", "A", "B"]})
    >>> matches = pd.DataFrame({
    ...     "doc_id": ["a1", "a1", "a2", "b1"], "sentence_id": [0, 1, 0, 0],
    ...     "frame": ["protest", "protest", "coup", "coup"],
    ...     "voice": ["authorial", "authorial", "attributed", "authorial"]})
    >>> scores = score_table(units, matches, frames=["coup", "protest"])
    >>> print(scores[scores.voice == "all"].to_string(index=False))
    outlet   frame voice  matches  tokens  per_1k  share  n_docs  n_sentences
         A    coup   all        1      50    20.0    0.5       2            2
         A protest   all        1      50    20.0    0.5       2            2
         B    coup   all        1      25    40.0    1.0       1            1
         B protest   all        0      25     0.0    0.0       1            1
    >>> scores.attrs["excluded_boilerplate_matches"]
    1
    """
    uc = unit_counts(units, matches, frames=frames, weighted=weighted)
    name, labels = _group_labels(units, by)
    groups, codes = _factorize_groups(labels, units["doc_id"], name)
    n_groups = len(groups)

    sums = _sum_by(codes, np.column_stack([uc.counts, uc.tokens]), n_groups)
    n_sentences = np.bincount(codes, weights=uc.scored, minlength=n_groups).astype(np.int64)
    scored_docs = pd.DataFrame({"g": codes[uc.scored], "d": uc.doc_id[uc.scored]})
    n_docs = (
        scored_docs.drop_duplicates()["g"].value_counts().reindex(range(n_groups), fill_value=0)
    ).to_numpy(dtype=np.int64)
    return scores_from_sums(groups, sums, n_docs=n_docs, n_sentences=n_sentences, by=name,
                            frames=uc.frames, weighted=weighted,
                            excluded_boilerplate_matches=uc.excluded_boilerplate_matches,
                            stacklevel=4)


def scores_from_sums(
    groups: Sequence[Any] | pd.Index,
    sums: np.ndarray,
    *,
    n_docs: np.ndarray,
    n_sentences: np.ndarray,
    by: str,
    frames: Sequence[str],
    weighted: bool = False,
    excluded_boilerplate_matches: int | float = 0,
    stacklevel: int = 2,
) -> pd.DataFrame:
    """The score table from per-group sums (what :func:`score_table` computes last).

    For streaming: a caller that has summed matches and tokens per group over a
    corpus too large to hold its sentence table gets exactly the table
    :func:`score_table` gives.

    Parameters
    ----------
    groups : sequence
        Group labels, in output order.
    sums : ndarray of shape (n_groups, 2 * n_frames + 1)
        Per group: non-boilerplate match counts (or weight sums) with column
        ``v * n_frames + f`` for voice ``v`` (0 authorial, 1 attributed) and
        frame ``f``, then non-boilerplate tokens in the last column.
    n_docs, n_sentences : ndarray of int, shape (n_groups,)
        Documents and sentences with at least one non-boilerplate unit / scored
        sentences per group.
    by : str
        Name of the group column.
    frames : sequence of str
        Frames in lexicon order.
    weighted : bool, default False
    excluded_boilerplate_matches : number, default 0
        Recorded in ``attrs``.

    Returns
    -------
    pandas.DataFrame
        Columns as :func:`score_table`.
    """
    groups = pd.Index(groups)
    frames = tuple(frames)
    n_groups, n_frames = len(groups), len(frames)
    sums = np.asarray(sums, dtype=float).reshape(n_groups, 2 * n_frames + 1)
    counts, tokens = _voice_totals(sums, n_frames)  # (G, 3, F), (G,)
    _warn_zero_tokens(groups, tokens, by, stacklevel=stacklevel + 1)
    per_1k, share = _rates(counts, tokens)

    # (G, 3, F) -> rows ordered group, frame, voice
    def flat(a: np.ndarray) -> np.ndarray:
        return np.swapaxes(a, 1, 2).reshape(-1)

    per_group = n_frames * len(ALL_VOICES)
    matches_col = flat(counts)
    table = pd.DataFrame(
        {
            by: groups.repeat(per_group),
            "frame": np.tile(np.repeat(np.array(frames, dtype=object), 3), n_groups),
            "voice": np.tile(np.array(ALL_VOICES, dtype=object), n_groups * n_frames),
            "matches": matches_col if weighted else np.rint(matches_col).astype(np.int64),
            "tokens": np.repeat(tokens, per_group)
            if not np.all(tokens == np.rint(tokens))
            else np.repeat(tokens, per_group).astype(np.int64),
            "per_1k": flat(per_1k),
            "share": flat(share),
            "n_docs": np.repeat(np.asarray(n_docs, dtype=np.int64), per_group),
            "n_sentences": np.repeat(np.asarray(n_sentences, dtype=np.int64), per_group),
        }
    )
    table["frame"] = table["frame"].astype("str")
    table["voice"] = table["voice"].astype("str")
    table.attrs.update(
        by=by,
        frames=list(frames),
        weighted=bool(weighted),
        excluded_boilerplate_matches=excluded_boilerplate_matches,
    )
    return table

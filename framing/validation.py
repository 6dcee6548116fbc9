"""Validation: the lexicon's matches against human coding, unit by unit.

Human coding comes as a table of units (sentences) with character offsets into
the documents, a boilerplate flag and, for every frame, the voice(s) that carry
it (the format of ``framing/datasets/data/kazakhstan_2022/validation/seeds-coded.csv``):

=============  ==============================================================
``doc_id``     document id
``start``      offset of the unit's first character in the document text
``end``        offset one past its last character (``text == doc[start:end]``)
``boilerplate`` 1 if the unit is not part of the article, else 0
<frame>        one column per frame: empty (absent), ``authorial``,
               ``attributed`` or ``attributed;authorial``
``text``       the unit, for reading (optional; checked against the offsets)
=============  ==============================================================

:func:`read_coded` reads and checks such a file (:func:`check_coded` checks a
table already in memory the same way); :func:`validate` scores
matches (``doc_id, start, end, frame, voice``) against it with
:func:`framing.agreement.precision_recall_f1`-style counts, bootstrap intervals
and :func:`framing.agreement.krippendorff_alpha`.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from collections.abc import Callable, Sequence
from os import PathLike
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pandas as pd

from framing.agreement import as_binary, check_bootstrap, krippendorff_alpha, prf_from_counts

__all__ = [
    "CODED_COLUMNS",
    "VOICES",
    "CodingError",
    "ValidationWarning",
    "check_coded",
    "read_coded",
    "validate",
]

#: Columns of a coded file that are not frames.
CODED_COLUMNS = ("doc_id", "start", "end", "boilerplate", "text")
_REQUIRED = ("doc_id", "start", "end", "boilerplate")
#: Voices a frame can be carried in.
VOICES = ("authorial", "attributed")
_BITS = {"authorial": 1, "attributed": 2}
_VOICE_ROWS = ("any", "authorial", "attributed", "voice_aware")
_MATCH_COLUMNS = ("doc_id", "start", "end", "frame", "voice")
_CELL_FIX = "a frame cell must be empty, 'authorial', 'attributed' or 'attributed;authorial'"
_INT_RE = re.compile(r"\d+")


class CodingError(ValueError):
    """A coded or match table that cannot be used as it is (the message says where and the fix)."""


class ValidationWarning(UserWarning):
    """Matches that could not be scored (outside every coded unit, or for an uncoded frame)."""


# --------------------------------------------------------------------------- reading


def _parse_voices(cell: object) -> str | None:
    """Canonical label: '', 'authorial', 'attributed' or 'attributed;authorial'; None if invalid."""
    if cell is None or (isinstance(cell, float) and np.isnan(cell)) or cell is pd.NA:
        return ""
    if not isinstance(cell, str):
        return None
    parts = [p.strip() for p in cell.split(";")]
    if parts == [""]:
        return ""
    if any(p not in VOICES for p in parts) or len(set(parts)) != len(parts):
        return None
    return ";".join(sorted(parts))


def _to_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, np.integer)):
        return int(value) if value >= 0 else None
    if isinstance(value, (float, np.floating)):
        return int(value) if np.isfinite(value) and value >= 0 and value == int(value) else None
    if isinstance(value, str) and _INT_RE.fullmatch(value.strip()):
        return int(value.strip())
    return None


def _to_flag(value: object) -> bool | None:
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    number = _to_int(value)
    return None if number not in (0, 1) else bool(number)


def _check_coded(
    table: pd.DataFrame, frames: Sequence[str], where: Callable[[int], str]
) -> pd.DataFrame:
    """Validate and normalise a coded table; ``where(i)`` names row ``i`` in messages."""
    n = len(table)
    doc_ids: list[str] = []
    starts = np.empty(n, dtype=np.int64)
    ends = np.empty(n, dtype=np.int64)
    boiler = np.empty(n, dtype=bool)
    cells: dict[str, list[str]] = {f: [] for f in frames}
    has_text = "text" in table.columns
    columns = {c: table[c].tolist() for c in table.columns}
    for i in range(n):
        doc_id = columns["doc_id"][i]
        if not isinstance(doc_id, str) or not doc_id.strip():
            if isinstance(doc_id, (int, np.integer)) and not isinstance(doc_id, bool):
                doc_id = str(doc_id)
            else:
                raise CodingError(
                    f"{where(i)}: doc_id is empty; give every unit the id of its document"
                )
        doc_ids.append(doc_id)
        for name, arr in (("start", starts), ("end", ends)):
            value = _to_int(columns[name][i])
            if value is None:
                raise CodingError(
                    f"{where(i)}: {name} is {columns[name][i]!r}; it must be a non-negative "
                    "integer character offset into the document text"
                )
            arr[i] = value
        if starts[i] > ends[i]:
            raise CodingError(
                f"{where(i)}: start ({starts[i]}) is after end ({ends[i]}); "
                "swap them or correct the offsets"
            )
        if starts[i] == ends[i]:
            raise CodingError(
                f"{where(i)}: the unit is empty (start = end = {starts[i]}); delete the row "
                "or correct the offsets"
            )
        flag = _to_flag(columns["boilerplate"][i])
        if flag is None:
            raise CodingError(
                f"{where(i)}: boilerplate is {columns['boilerplate'][i]!r}; it must be 1 "
                "(not part of the article) or 0"
            )
        boiler[i] = flag
        for frame in frames:
            label = _parse_voices(columns[frame][i])
            if label is None:
                raise CodingError(
                    f"{where(i)}: column {frame!r} has {columns[frame][i]!r}; {_CELL_FIX} "
                    "(voices separated by ';', lower case)"
                )
            cells[frame].append(label)
        if has_text:
            text = columns["text"][i]
            if isinstance(text, str) and len(text) != ends[i] - starts[i]:
                raise CodingError(
                    f"{where(i)}: text has {len(text)} characters but end - start = "
                    f"{ends[i] - starts[i]}; the offsets must index the document text "
                    "(text == document[start:end]); recompute them from the document"
                )
    out = pd.DataFrame({"doc_id": pd.Series(doc_ids, dtype=object), "start": starts,
                        "end": ends, "boilerplate": boiler})
    for frame in frames:
        out[frame] = pd.Series(cells[frame], dtype=object)
    if has_text:
        out["text"] = pd.Series(
            ["" if not isinstance(t, str) else t for t in columns["text"]], dtype=object
        )
    # overlapping units within a document
    order = out.sort_values(["doc_id", "start"], kind="stable").index.to_numpy()
    prev = None
    for i in order:
        if prev is not None and doc_ids[prev] == doc_ids[i] and starts[i] < ends[prev]:
            raise CodingError(
                f"{where(int(i))}: unit {starts[i]}-{ends[i]} of document {doc_ids[i]!r} overlaps "
                f"unit {starts[prev]}-{ends[prev]} ({where(int(prev))}); units must not overlap, "
                "so that every match belongs to one unit; correct or merge them"
            )
        prev = i
    out.attrs["frames"] = list(frames)
    return out


def _frame_columns(columns: Sequence[str], frames: Sequence[str] | None, where: str) -> list[str]:
    if frames is None:
        found = [c for c in columns if c not in CODED_COLUMNS]
        if not found:
            raise CodingError(
                f"{where}: there are no frame columns (only {', '.join(columns)}); add one "
                "column per frame after 'boilerplate'"
            )
        return found
    if isinstance(frames, str):
        frames = [frames]
    frames = list(frames)
    missing = [f for f in frames if f not in columns]
    if missing:
        raise CodingError(
            f"{where}: frame column(s) {', '.join(map(repr, missing))} not found; the columns "
            f"are {', '.join(columns)}"
        )
    clash = [f for f in frames if f in CODED_COLUMNS]
    if clash:
        raise CodingError(f"{where}: {', '.join(map(repr, clash))} cannot be a frame column")
    return frames


def read_coded(path: str | PathLike[str], *, frames: Sequence[str] | None = None) -> pd.DataFrame:
    """Read and check a human-coded units file.

    Parameters
    ----------
    path : str or path-like
        A UTF-8 CSV file in the coded format (see the module docstring).
    frames : sequence of str, optional
        The frame columns. By default every column other than ``doc_id, start,
        end, boilerplate, text``.

    Returns
    -------
    pandas.DataFrame
        One row per unit, in file order, with columns ``doc_id`` (str),
        ``start``, ``end`` (int), ``boilerplate`` (bool), one column per frame
        holding ``""``, ``"authorial"``, ``"attributed"`` or
        ``"attributed;authorial"`` (voices in this canonical order), and ``text``
        if the file has it. Other columns are dropped. ``.attrs["frames"]`` lists
        the frames and ``.attrs["source"]`` the path.

    Raises
    ------
    CodingError
        The file cannot be used as it is: missing or duplicated columns, no frame
        column, a row with the wrong number of fields, an empty ``doc_id``, an
        offset that is not a non-negative integer, ``start`` after (or equal to)
        ``end``, ``text`` whose length does not match the offsets, a boilerplate
        flag other than 0/1, an unknown voice label, or overlapping units within a
        document. Messages name the file, the line and the fix.

    Examples
    --------
    >>> from framing.datasets import kazakhstan_2022_path
    >>> from framing.validation import read_coded
    >>> coded = read_coded(kazakhstan_2022_path() / "validation" / "seeds-coded.csv")
    >>> coded.attrs["frames"]
    ['coup_terror', 'protest_crackdown', 'geopolitical_win']
    >>> coded.iloc[2, :7].to_dict()  # doctest: +NORMALIZE_WHITESPACE
    {'doc_id': '000_fa584555f2145362', 'start': 81, 'end': 320, 'boilerplate': False,
     'coup_terror': '', 'protest_crackdown': 'authorial', 'geopolitical_win': 'authorial'}
    """
    path = Path(path)
    try:
        raw = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CodingError(
            f"{path}: byte {exc.start} is not valid UTF-8; save the file as UTF-8"
        ) from None
    reader = csv.reader(io.StringIO(raw, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise CodingError(
            f"{path}: the file is empty; it needs a header line "
            f"'doc_id,start,end,boilerplate,<frames...>,text'"
        ) from None
    except csv.Error as exc:
        raise CodingError(f"{path}, line 1: {exc}; fix the CSV quoting") from None
    header = [h.strip() for h in header]
    missing = [c for c in _REQUIRED if c not in header]
    if missing:
        raise CodingError(
            f"{path}, line 1: missing column(s) {', '.join(map(repr, missing))}; the header "
            f"must contain doc_id, start, end, boilerplate and one column per frame "
            f"(found: {', '.join(header)})"
        )
    dupes = sorted({h for h in header if header.count(h) > 1})
    if dupes:
        raise CodingError(f"{path}, line 1: duplicated column(s) {', '.join(map(repr, dupes))}; "
                          "rename or remove them")
    frame_cols = _frame_columns(header, frames, f"{path}, line 1")
    rows: list[list[str]] = []
    lines: list[int] = []
    last = reader.line_num
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise CodingError(f"{path}, line {last + 1}: {exc}; fix the CSV quoting") from None
        first_line = last + 1
        last = reader.line_num
        if not row or all(not cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise CodingError(
                f"{path}, line {first_line}: {len(row)} fields but the header has "
                f"{len(header)}; quote fields that contain commas"
            )
        rows.append(row)
        lines.append(first_line)
    keep = [c for c in (*_REQUIRED, *frame_cols, "text") if c in header]
    table = pd.DataFrame(rows, columns=header, dtype=object)
    table = table[keep] if rows else pd.DataFrame(columns=keep, dtype=object)
    out = _check_coded(table, frame_cols, lambda i: f"{path}, line {lines[i]}")
    out.attrs["source"] = str(path)
    return out


# --------------------------------------------------------------------------- scoring


def check_coded(
    coded: pd.DataFrame | str | PathLike[str], *, frames: Sequence[str] | None = None
) -> pd.DataFrame:
    """A human-coded units table, checked and in the form :func:`read_coded` returns.

    Parameters
    ----------
    coded : DataFrame, str or path-like
        A coded table (e.g. from :func:`read_coded`, possibly filtered, or built in
        memory) or the path of a coded file, which is read with :func:`read_coded`.
    frames : sequence of str, optional
        The frame columns. By default ``coded.attrs["frames"]`` when the table
        has it, else every column other than ``doc_id, start, end, boilerplate,
        text``.

    Returns
    -------
    pandas.DataFrame
        The units with a fresh index, the columns and types of
        :func:`read_coded` and ``.attrs["frames"]``.

    Raises
    ------
    CodingError
        A required column is missing, or a unit breaks a rule of
        :func:`read_coded` (messages name the row and its index label).

    Examples
    --------
    >>> import pandas as pd
    >>> from framing.validation import check_coded
    >>> table = pd.DataFrame({"doc_id": ["a", "a"], "start": [0, 10], "end": [10, 20],
    ...                       "boilerplate": [0, 1], "coup_terror": ["authorial", ""]})
    >>> checked = check_coded(table)
    >>> checked.attrs["frames"], checked["boilerplate"].tolist()
    (['coup_terror'], [False, True])
    """
    if not isinstance(coded, pd.DataFrame):
        return read_coded(coded, frames=frames)
    missing = [c for c in _REQUIRED if c not in coded.columns]
    if missing:
        raise CodingError(
            f"coded table: missing column(s) {', '.join(map(repr, missing))}; pass the "
            "result of read_coded() or a table with doc_id, start, end, boilerplate and frames"
        )
    if frames is None and coded.attrs.get("frames"):
        frames = coded.attrs["frames"]
    columns = [str(c) for c in coded.columns]
    frame_cols = _frame_columns(columns, frames, "coded table")
    index = coded.index
    keep = [c for c in (*_REQUIRED, *frame_cols, "text") if c in coded.columns]
    return _check_coded(
        coded[keep].reset_index(drop=True), frame_cols,
        lambda i: f"coded table, row {i} (index {index[i]!r})",
    )


def _show(value: object) -> str:
    return repr(value.item() if isinstance(value, np.generic) else value)


def _check_matches(matches: pd.DataFrame) -> pd.DataFrame:
    if not isinstance(matches, pd.DataFrame):
        raise CodingError(f"matches must be a DataFrame, got {type(matches).__name__}")
    missing = [c for c in _MATCH_COLUMNS if c not in matches.columns]
    if missing:
        raise CodingError(
            f"matches: missing column(s) {', '.join(map(repr, missing))}; matches need "
            "doc_id, start, end, frame and voice (offsets into the coded documents)"
        )
    voice = matches["voice"].astype(object)
    bad = ~voice.isin(VOICES)
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise CodingError(
            f"matches, row {i}: voice is {_show(voice.iloc[i])}; it must be 'authorial' "
            "or 'attributed'"
        )
    start = pd.to_numeric(matches["start"], errors="coerce")
    bad = start.isna() | (start < 0)
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise CodingError(
            f"matches, row {i}: start is {_show(matches['start'].iloc[i])}; it must be a "
            "non-negative character offset"
        )
    return pd.DataFrame({
        "doc_id": matches["doc_id"].astype(str).to_numpy(),
        "start": start.astype(np.int64).to_numpy(),
        "frame": matches["frame"].astype(object).to_numpy(),
        "voice": voice.to_numpy(),
    })


def _align(coded: pd.DataFrame, doc_ids: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Row of ``coded`` whose unit contains each offset (-1 if none)."""
    result = np.full(len(offsets), -1, dtype=np.int64)
    units = {doc: g for doc, g in coded.groupby("doc_id", sort=False)}
    for doc in pd.unique(doc_ids):
        if doc not in units:
            continue
        sel = np.flatnonzero(doc_ids == doc)
        g = units[doc].sort_values("start")
        starts = g["start"].to_numpy()
        ends = g["end"].to_numpy()
        pos = np.searchsorted(starts, offsets[sel], side="right") - 1
        inside = (pos >= 0) & (offsets[sel] < ends[np.clip(pos, 0, None)])
        result[sel[inside]] = g.index.to_numpy()[pos[inside]]
    return result


def _covered_upto(x: np.ndarray, s: np.ndarray, e: np.ndarray, cum: np.ndarray) -> np.ndarray:
    """Characters before each offset ``x`` covered by the disjoint sorted spans ``[s, e)``.

    ``cum[j]`` is the total length of the first ``j`` spans.
    """
    k = np.searchsorted(s, x, side="right")
    j = np.clip(k - 1, 0, None)
    partial = np.where(k > 0, np.minimum(x, e[j]) - s[j], 0)
    return np.where(k > 0, cum[j] + partial, 0)


def _coverage(coded: pd.DataFrame, spans: pd.DataFrame) -> np.ndarray:
    """Fraction of each coded unit's characters covered by the union of ``spans``."""
    covered = np.zeros(len(coded))
    for doc, g in spans.groupby("doc_id", sort=False):
        pairs = sorted(zip(g["start"].astype(np.int64), g["end"].astype(np.int64),
                           strict=True))
        merged: list[list[int]] = []
        for a, b in pairs:
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        if not merged:
            continue
        s = np.array([m[0] for m in merged])
        e = np.array([m[1] for m in merged])
        cum = np.concatenate([[0], np.cumsum(e - s)])
        rows = np.flatnonzero(coded["doc_id"].to_numpy() == doc)
        if rows.size:
            u_s = coded["start"].to_numpy()[rows]
            u_e = coded["end"].to_numpy()[rows]
            covered[rows] = (_covered_upto(u_e, s, e, cum)
                             - _covered_upto(u_s, s, e, cum)) / (u_e - u_s)
    return covered


def _predicted_boilerplate(coded: pd.DataFrame, pred: object) -> np.ndarray:
    if isinstance(pred, pd.DataFrame):
        missing = [c for c in ("doc_id", "start", "end") if c not in pred.columns]
        if missing:
            raise CodingError(
                f"boilerplate_pred: missing column(s) {', '.join(map(repr, missing))}; pass "
                "spans (doc_id, start, end[, boilerplate]) or one flag per coded unit"
            )
        spans = pred
        if "boilerplate" in pred.columns:
            flags = as_binary(pred["boilerplate"].to_numpy(), "boilerplate_pred['boilerplate']")
            spans = pred[flags]
        spans = spans.assign(doc_id=spans["doc_id"].astype(str))
        return _coverage(coded, spans) > 0.5
    flags = as_binary(pred, "boilerplate_pred")
    if flags.size != len(coded):
        raise CodingError(
            f"boilerplate_pred has {flags.size} flags but the coded table has {len(coded)} "
            "units; pass one flag per coded unit, in the same order, or a span table"
        )
    return flags


def _popcount2(x: np.ndarray) -> np.ndarray:
    return (x & 1) + ((x >> 1) & 1)


def validate(
    coded: pd.DataFrame | str | PathLike[str],
    matches: pd.DataFrame,
    *,
    frames: Sequence[str] | None = None,
    boilerplate_pred: pd.DataFrame | npt.ArrayLike | None = None,
    n_boot: int = 1000,
    ci: float = 0.95,
    seed: int | None = 0,
    sample: bool = False,
) -> pd.DataFrame:
    """Agreement of lexicon matches with human coding, per frame and voice, at unit level.

    Parameters
    ----------
    coded : DataFrame or path
        Human coding: the result of :func:`read_coded`, a path to read with it,
        or a DataFrame of the same format (checked the same way).
    matches : pandas.DataFrame
        The toolkit's matches with columns ``doc_id, start, end, frame, voice``
        (``voice`` is ``"authorial"`` or ``"attributed"``); offsets index the same
        document texts as the coding. Other columns are ignored.
    frames : sequence of str, optional
        Frames to score; default: the coded table's frame columns.
    boilerplate_pred : DataFrame or array-like, optional
        Predicted boilerplate, either one flag per coded unit (in the coded
        table's order) or spans ``doc_id, start, end`` (rows with a false
        ``boilerplate`` column, if there is one, are dropped). A coded unit is
        predicted boilerplate when the spans cover more than half of its
        characters. Adds a ``frame="boilerplate"`` row.
    n_boot : int, default 1000
        Bootstrap resamples of the units (0: no intervals).
    ci : float, default 0.95
        Coverage of the bootstrap percentile intervals.
    seed : int or None, default 0
        Bootstrap seed; every row uses the same resamples of the units.

    Returns
    -------
    pandas.DataFrame
        One row per frame and voice (frames in order, then ``"all"``, then
        ``"boilerplate"`` if requested), with columns

        ``frame``
            a frame, ``"all"`` (micro-average over frames) or ``"boilerplate"``;
        ``voice``
            ``"any"`` (frame presence, whatever the voice), ``"authorial"``,
            ``"attributed"`` or ``"voice_aware"`` (see Notes);
        ``n_units``
            coded units scored (non-boilerplate units; all units for the
            boilerplate row);
        ``tp``, ``fp``, ``fn``, ``tn``
            counts of the items scored (see Notes);
        ``precision``, ``recall``, ``f1``
            with human coding as the reference; NaN where undefined;
        ``precision_ci_low`` ... ``f1_ci_high``
            bootstrap percentile intervals (resampling units);
        ``alpha``
            Krippendorff's alpha (nominal, two "coders": human and lexicon) over
            the same items; NaN when undefined (e.g. the frame never occurs);
        ``matches_in_boilerplate``
            matches of this frame and voice whose start lies in a unit coded as
            boilerplate (they are not scored, but the lexicon should not fire
            there); missing for the boilerplate row;
        ``note``
            why an estimate is undefined.

        The row ``frame="all", voice="voice_aware"`` is the single voice-aware
        F1 of the lexicon.

    Raises
    ------
    CodingError
        Invalid coded table (see :func:`read_coded`), missing match columns or
        an unknown voice.

    sample : bool, default False
        The coding is a sample of a document's units (e.g. sentences drawn for
        coding): matches outside the coded units are expected and are left out
        without a warning. With the default, every unit of a coded document is
        assumed coded, so such matches signal offsets into a different text.

    Warns
    -----
    ValidationWarning
        Matches in a coded document that start outside every coded unit (unless
        ``sample``), or matches of frames that are not coded; they are not scored.

    Notes
    -----
    *Alignment.* A match belongs to the coded unit that contains its start
    offset (``start <= match.start < end``, same ``doc_id``). Matches in
    documents that are not in the coding are ignored. Units coded as
    boilerplate are left out of all frame rows.

    *Labels.* For unit u and frame f, the human label H(u, f) is the set of
    coded voices and the lexicon label L(u, f) the set of voices of f's
    matches in u. Items and counts per row:

    * ``voice="any"``: item (u, f); positive if the set is non-empty;
    * ``voice="authorial"`` / ``"attributed"``: item (u, f); positive if the
      set contains that voice;
    * ``voice="voice_aware"``: item (u, f, v) for v in {authorial, attributed};
      tp = |H & L|, fp = |L - H|, fn = |H - L| summed over units, i.e. a match
      in the wrong voice counts once as fp and once as fn. Its alpha treats the
      label itself, one of {none, authorial, attributed, both}, as a nominal
      category per (u, f);
    * ``frame="all"``: the same, pooled over frames (micro-average: counts are
      summed before P/R/F1; alpha pools the (u, f) items).

    The voice-aware F1 is thus micro F1 over (unit, frame, voice) triples:
    F1 = 2 TP / (2 TP + FP + FN).

    *Intervals.* Units are resampled with replacement (all frames and voices
    of a unit travel together, so the ``"all"`` rows respect the clustering of
    items within units); percentile intervals as in
    :func:`framing.agreement.precision_recall_f1`.

    References
    ----------
    Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability.
    Annenberg School for Communication Departmental Papers 43.

    Examples
    --------
    >>> import pandas as pd
    >>> from framing.datasets import kazakhstan_2022_path
    >>> from framing.validation import read_coded, validate
    >>> coded = read_coded(kazakhstan_2022_path() / "validation" / "seeds-coded.csv")
    >>> matches = pd.DataFrame({"doc_id": ["000_fa584555f2145362"] * 2,
    ...     "start": [81, 2000], "end": [90, 2010],
    ...     "frame": ["protest_crackdown", "coup_terror"], "voice": ["authorial"] * 2})
    >>> table = validate(coded, matches, n_boot=0)
    >>> table.query("frame == 'protest_crackdown' and voice == 'any'")[
    ...     ["tp", "fp", "fn", "precision", "recall", "matches_in_boilerplate"]]
       tp  fp  fn  precision    recall  matches_in_boilerplate
    4   1   0  44        1.0  0.022222                       0
    >>> row = table.query("frame == 'coup_terror' and voice == 'any'").iloc[0]
    >>> int(row["matches_in_boilerplate"])
    1
    """
    check_bootstrap(n_boot, ci, seed)
    table = check_coded(coded, frames=frames)
    frame_list: list[str] = list(table.attrs["frames"])
    m = _check_matches(matches)

    coded_docs = set(table["doc_id"])
    m = m[m["doc_id"].isin(coded_docs)].reset_index(drop=True)
    unknown = sorted(set(m["frame"]) - set(frame_list), key=str)
    if unknown:
        warnings.warn(
            f"{int((~m['frame'].isin(frame_list)).sum())} match(es) of frame(s) "
            f"{', '.join(map(repr, unknown))} are not coded and were not scored "
            f"(coded frames: {', '.join(frame_list)})",
            ValidationWarning, stacklevel=2,
        )
        m = m[m["frame"].isin(frame_list)].reset_index(drop=True)
    unit = _align(table, m["doc_id"].to_numpy(), m["start"].to_numpy())
    outside = unit < 0
    if outside.any() and not sample:
        first = m[outside].iloc[0]
        warnings.warn(
            f"{int(outside.sum())} match(es) start outside every coded unit (first: document "
            f"{first['doc_id']!r}, offset {first['start']}) and were not scored; check that "
            "the matches and the coding use offsets into the same texts",
            ValidationWarning, stacklevel=2,
        )
    m = m[~outside].reset_index(drop=True)
    unit = unit[~outside]

    n_all, n_frames = len(table), len(frame_list)
    fidx = {f: k for k, f in enumerate(frame_list)}
    human = np.zeros((n_all, n_frames), dtype=np.int64)
    for k, f in enumerate(frame_list):
        for v, bit in _BITS.items():
            human[:, k] |= np.where(table[f].str.contains(v, regex=False), bit, 0)
    lexicon = np.zeros((n_all, n_frames), dtype=np.int64)
    frame_codes = m["frame"].map(fidx).to_numpy(dtype=np.int64)
    voice_bits = m["voice"].map(_BITS).to_numpy(dtype=np.int64)
    np.bitwise_or.at(lexicon, (unit, frame_codes), voice_bits)

    bp = table["boilerplate"].to_numpy(dtype=bool)
    in_bp = bp[unit]
    scored = ~bp
    h_all, l_all = human[scored], lexicon[scored]
    n_scored = int(scored.sum())

    def bp_count(frame_sel: np.ndarray, voice: str) -> int:
        sel = in_bp & frame_sel
        if voice in VOICES:
            sel &= m["voice"].to_numpy() == voice
        return int(sel.sum())

    rows = []
    groups = [*((f, [k]) for k, f in enumerate(frame_list)), ("all", list(range(n_frames)))]
    for name, cols in groups:
        h, lx = h_all[:, cols], l_all[:, cols]
        frame_sel = np.isin(frame_codes, cols)
        for voice in _VOICE_ROWS:
            if voice == "voice_aware":
                tp = _popcount2(h & lx)
                fp = _popcount2(lx & ~h & 3)
                fn = _popcount2(h & ~lx & 3)
                tn = int(_popcount2(~h & ~lx & 3).sum())
                pair = np.vstack([h.ravel(), lx.ravel()])
            else:
                mask = 3 if voice == "any" else _BITS[voice]
                hb, lb = (h & mask) > 0, (lx & mask) > 0
                tp, fp, fn = hb & lb, ~hb & lb, hb & ~lb
                tn = int((~hb & ~lb).sum())
                pair = np.vstack([hb.ravel(), lb.ravel()]).astype(np.int64)
            unit_counts = np.column_stack([tp.sum(axis=1), fp.sum(axis=1), fn.sum(axis=1)])
            stats = prf_from_counts(unit_counts, tn, n_boot=int(n_boot), ci=float(ci),
                                    seed=seed)
            rows.append({
                "frame": name, "voice": voice, "n_units": n_scored, **stats,
                "alpha": krippendorff_alpha(pair, level="nominal", warn=False),
                "matches_in_boilerplate": bp_count(frame_sel, voice),
            })
    if boilerplate_pred is not None:
        pred = _predicted_boilerplate(table, boilerplate_pred)
        unit_counts = np.column_stack([bp & pred, ~bp & pred, bp & ~pred]).astype(np.int64)
        stats = prf_from_counts(unit_counts, int((~bp & ~pred).sum()), n_boot=int(n_boot),
                                ci=float(ci), seed=seed)
        rows.append({
            "frame": "boilerplate", "voice": "any", "n_units": n_all, **stats,
            "alpha": krippendorff_alpha(np.vstack([bp, pred]).astype(np.int64),
                                        level="nominal", warn=False),
            "matches_in_boilerplate": pd.NA,
        })
    out = pd.DataFrame(rows)
    out["matches_in_boilerplate"] = out["matches_in_boilerplate"].astype("Int64")
    note = out.pop("note")
    out["note"] = note
    return out

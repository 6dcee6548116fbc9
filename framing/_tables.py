"""Tables as reproducible CSV files: the same table gives the same bytes.

UTF-8, ``\\n`` line ends, no index, floats as ``%.10g``. A row that holds a
carriage return in any cell has every cell quoted: with ``\\n`` line ends,
Python's ``csv`` (and so pandas) quotes only cells holding the delimiter, the
quote character or ``\\n``, and a reader (pandas included) would end the row at
a bare ``\\r`` inside an unquoted cell, as scraped text can hold.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd

__all__ = ["CsvRowWriter", "csv_cell", "write_csv"]


def csv_cell(value: Any) -> str:
    """One cell as :func:`write_csv` writes it: ``""`` for missing, floats as ``%.10g``."""
    if value is None:
        return ""
    if isinstance(value, float):
        return "" if value != value else "%.10g" % value  # noqa: UP031 - pandas' float_format
    return str(value)


def _has_cr(value: object) -> bool:
    return isinstance(value, str) and "\r" in value


def _rows_with_cr(frame: pd.DataFrame) -> np.ndarray:
    """Rows with a carriage return in any text cell."""
    rows = np.zeros(len(frame), dtype=bool)
    for _, col in frame.items():
        if col.dtype != object and not pd.api.types.is_string_dtype(col.dtype):
            continue
        try:
            hit = col.str.contains("\r", regex=False, na=False)
        except AttributeError:  # no string values at all
            hit = col.map(_has_cr)
        rows |= hit.to_numpy(dtype=bool)
    return rows


def write_csv(frame: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write a table reproducibly: UTF-8, ``\\n`` line ends, no index, floats as ``%.10g``.

    Rows holding a carriage return have every cell quoted (see the module
    docstring); all other rows are written as ``DataFrame.to_csv`` writes them.

    Parameters
    ----------
    frame : pandas.DataFrame
    path : str or path-like
        Destination; missing parent folders are created.

    Returns
    -------
    pathlib.Path
        The path written.
    """
    path = Path(path)
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True)
    options: dict[str, Any] = {"index": False, "lineterminator": "\n", "float_format": "%.10g"}
    quoted = _rows_with_cr(frame)
    with path.open("w", encoding="utf-8", newline="") as handle:
        if not quoted.any():
            frame.to_csv(handle, **options)
            return path
        frame.iloc[:0].to_csv(handle, **options)
        cuts = np.flatnonzero(np.diff(quoted.astype(np.int8))) + 1
        for a, b in zip(np.r_[0, cuts], np.r_[cuts, len(frame)], strict=True):
            frame.iloc[a:b].to_csv(handle, header=False, **options,
                                   quoting=csv.QUOTE_ALL if quoted[a] else csv.QUOTE_MINIMAL)
    return path


class CsvRowWriter:
    """Row-by-row CSV with the rules of :func:`write_csv`, for tables streamed to disk.

    Cells are written as given (format numbers first, as ``write_csv`` would). A
    row is checked for carriage returns unless ``check=False``, which a caller
    passes when it knows its rows hold none (the document has no ``\\r``).
    """

    def __init__(self, handle: IO[str]) -> None:
        self._plain = csv.writer(handle, lineterminator="\n")
        self._quoted = csv.writer(handle, lineterminator="\n", quoting=csv.QUOTE_ALL)

    def writerow(self, row: Sequence[Any]) -> None:
        self.writerows([row])

    def writerows(self, rows: Iterable[Sequence[Any]], *, check: bool = True) -> None:
        if not check:
            self._plain.writerows(rows)
            return
        for row in rows:
            (self._quoted if any(map(_has_cr, row)) else self._plain).writerow(row)

"""Argument checks shared by the package: one wording for every invalid-value error.

Every public function of :mod:`framing` checks its options before any work and
fails with a message that names the argument, what it must be and what it got,
e.g. ``\\`ci\\` must be a number strictly between 0 and 1, got 95``.  Keeping
the checks here means a researcher sees the same sentence whatever module
raised it.  Each module keeps raising its *own* exception class (a
``KeynessError`` from keyness, a ``ClassifierError`` from the classifier ...)
through the ``error`` argument, so ``except`` clauses written against a
module's documented errors keep working.

This module is internal: its names may change without notice.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "check_choice",
    "check_int",
    "check_level",
    "examples_of",
    "invalid",
    "require_columns",
]

# Real numbers only: np.number would admit complex values, whose `<` raises a
# TypeError instead of our message.
_REAL = (int, float, np.integer, np.floating)


# Not named `examples`: callers use that name for local variables, and a local
# shadowing the helper turns an error message into an UnboundLocalError.
def examples_of(values: Iterable[object], k: int = 3) -> str:
    """The first ``k`` values as reprs, with the total when some are left off.

    Error messages list offending values (unknown ids, bad rows ...) through
    this helper so a table with thousands of bad rows still yields a readable
    one-line message.

    Parameters
    ----------
    values : iterable
        The offending values, in the order to show them.
    k : int, default 3
        How many values to show.

    Returns
    -------
    str
        ``repr`` of the first ``k`` values joined by ``", "``, followed by
        ``", ... (N in all)"`` when there are more than ``k``.

    Examples
    --------
    >>> examples_of(["a", "b"])
    "'a', 'b'"
    >>> examples_of(range(10), 2)
    '0, 1, ... (10 in all)'
    """
    shown = list(values)
    text = ", ".join(repr(v) for v in shown[:k])
    return text + (f", ... ({len(shown)} in all)" if len(shown) > k else "")


def invalid(
    name: str,
    value: object,
    expected: str | Iterable[object],
    *,
    error: type[Exception] = ValueError,
) -> Exception:
    """The error for an argument with an invalid value (returned, not raised).

    Returning the exception lets the caller write ``raise invalid(...)`` so
    the traceback points at the check and type checkers see the branch end.

    Parameters
    ----------
    name : str
        The argument's name as the user typed it, e.g. ``"ci"`` or
        ``"keyness['statistic']"``; it is shown in backticks.
    value : object
        The value received; shown with ``repr``.
    expected : str or iterable
        A str is a phrase completing "must be ...", e.g.
        ``"a positive number"``.  Any other iterable holds the allowed values
        (a mapping: its keys), listed as ``one of [...]``.
    error : type of Exception, default ValueError
        The class to instantiate: the calling module's own error class.

    Returns
    -------
    Exception
        ``error("`name` must be <expected>, got <value!r>")``.

    Examples
    --------
    >>> invalid("method", "bh", ("holm", "fdr_bh"))
    ValueError("`method` must be one of ['holm', 'fdr_bh'], got 'bh'")
    >>> str(invalid("top", 0, "a positive integer", error=TypeError))
    '`top` must be a positive integer, got 0'
    """
    phrase = expected if isinstance(expected, str) else f"one of {list(expected)}"
    return error(f"`{name}` must be {phrase}, got {value!r}")


def _with_note(phrase: str, note: str) -> str:
    return f"{phrase} ({note})" if note else phrase


def check_choice(
    name: str,
    value: object,
    choices: Collection[object],
    *,
    error: type[Exception] = ValueError,
) -> None:
    """Fail unless ``value`` is one of ``choices``.

    Parameters
    ----------
    name : str
        The argument's name.
    value : object
        The value received.
    choices : collection
        The allowed values (a mapping: its keys).
    error : type of Exception, default ValueError
        The class raised.

    Raises
    ------
    Exception
        ``error`` naming the allowed values when ``value`` is not one of them.

    Examples
    --------
    >>> check_choice("pairs", "upper", ("upper", "all"))
    >>> check_choice("pairs", "lower", ("upper", "all"))
    Traceback (most recent call last):
    ...
    ValueError: `pairs` must be one of ['upper', 'all'], got 'lower'
    """
    try:
        ok = value in choices
    except (TypeError, ValueError):
        # An unhashable value (a list against a dict's keys) or an array
        # (ambiguous truth value) is simply not a choice; say so in our words
        # instead of leaking Python's.
        ok = False
    if not ok:
        raise invalid(name, value, choices, error=error)


def check_int(
    name: str,
    value: object,
    low: int,
    *,
    error: type[Exception] = ValueError,
    note: str = "",
) -> int:
    """``value`` as an int, failing unless it is an integer ``>= low``.

    Booleans are refused: ``n_boot=True`` is a mistake, not one resample.

    Parameters
    ----------
    name : str
        The argument's name.
    value : object
        The value received; a Python or NumPy integer.
    low : int
        The smallest allowed value.
    error : type of Exception, default ValueError
        The class raised.
    note : str, optional
        Said in parentheses after the requirement, e.g. what ``low`` means.

    Returns
    -------
    int

    Raises
    ------
    Exception
        ``error`` when ``value`` is not an integer ``>= low``.

    Examples
    --------
    >>> check_int("n_boot", np.int64(5), 0)
    5
    >>> check_int("n_boot", -1, 0, note="0 skips the bootstrap")
    Traceback (most recent call last):
    ...
    ValueError: `n_boot` must be an integer >= 0 (0 skips the bootstrap), got -1
    """
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < low:
        raise invalid(name, value, _with_note(f"an integer >= {low}", note), error=error)
    return int(value)


def check_level(
    name: str,
    value: object,
    *,
    error: type[Exception] = ValueError,
    note: str = "",
) -> float:
    """``value`` as a float, failing unless it is a number strictly between 0 and 1.

    For confidence levels and probability thresholds.  Booleans are refused,
    and so is a percentage such as ``95``.

    Parameters
    ----------
    name : str
        The argument's name.
    value : object
        The value received; a Python or NumPy real number.
    error : type of Exception, default ValueError
        The class raised.
    note : str, optional
        Said in parentheses after the requirement, e.g. ``"e.g. 0.95"``.

    Returns
    -------
    float

    Raises
    ------
    Exception
        ``error`` when ``value`` is not a number in the open interval (0, 1).

    Examples
    --------
    >>> check_level("ci", 0.9)
    0.9
    >>> check_level("ci", 95, note="e.g. 0.95")
    Traceback (most recent call last):
    ...
    ValueError: `ci` must be a number strictly between 0 and 1 (e.g. 0.95), got 95
    """
    if isinstance(value, bool) or not isinstance(value, _REAL) or not 0 < value < 1:
        phrase = _with_note("a number strictly between 0 and 1", note)
        raise invalid(name, value, phrase, error=error)
    return float(value)


def require_columns(
    table: Any,
    columns: Iterable[str],
    name: str,
    *,
    error: type[Exception] = ValueError,
    hint: str = "",
) -> None:
    """Fail unless ``table`` is a DataFrame holding every one of ``columns``.

    Parameters
    ----------
    table : object
        The argument received.
    columns : iterable of str
        The columns the caller needs.
    name : str
        The argument's name.
    error : type of Exception, default ValueError
        The class raised for missing columns.
    hint : str, optional
        A sentence appended to the message, e.g. where the columns come from.

    Raises
    ------
    TypeError
        ``table`` is not a pandas DataFrame.
    Exception
        ``error`` naming the missing columns and the available ones.

    Examples
    --------
    >>> require_columns(pd.DataFrame({"a": [1]}), ["a", "b"], "scores", hint="See score_table.")
    Traceback (most recent call last):
    ...
    ValueError: `scores` is missing column(s) ['b']; available columns: ['a']. See score_table.
    """
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"`{name}` must be a pandas DataFrame, got {type(table).__name__}")
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise error(
            f"`{name}` is missing column(s) {missing}; available columns: "
            f"{[str(c) for c in table.columns]}" + (f". {hint}" if hint else "")
        )

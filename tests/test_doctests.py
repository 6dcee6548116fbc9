"""Every Examples section in the package's docstrings runs and prints what it shows.

The docstrings are the first documentation a researcher reads in a notebook
(``help(framing.keyness.keyness)``); an example that no longer prints what it
claims is a documentation bug. The examples run against the installed package,
as the other tests do.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import matplotlib
import pytest

import framing

matplotlib.use("Agg")

MODULES = sorted(
    m.name for m in pkgutil.walk_packages(framing.__path__, prefix="framing.")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name, capsys):
    module = importlib.import_module(name)
    flags = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS
    result = doctest.testmod(module, optionflags=flags, report=True)
    out = capsys.readouterr().out
    assert result.failed == 0, f"{result.failed} example(s) of {name} fail:\n{out}"

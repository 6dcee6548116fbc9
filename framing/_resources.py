"""Locate the lexicons bundled with framing.

The repository keeps lexicons in a top-level ``lexicons/`` folder (so that
researchers find them). A wheel maps that folder to ``framing/lexicons``
(hatchling ``force-include`` in ``pyproject.toml``); an editable or source
install has no such folder inside the package, so we fall back to
``<source tree>/lexicons`` next to the ``framing`` package, but only when
that source tree is recognisably framing's (it has a ``pyproject.toml``).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # importlib.resources.abc is Python >= 3.11
    from importlib.abc import Traversable

__all__ = ["bundled_lexicon", "bundled_lexicons_dir", "list_bundled_lexicons"]

#: File extensions of bundled lexicons (all bundled lexicons use the YAML format).
BUNDLED_SUFFIX = ".yaml"


def _candidates() -> list[Traversable]:
    found: list[Traversable] = []
    packaged = resources.files("framing") / "lexicons"
    found.append(packaged)
    import framing  # the package itself, to find a source tree

    if framing.__file__ is not None:
        root = Path(framing.__file__).resolve().parents[1]
        if (root / "pyproject.toml").is_file():
            found.append(root / "lexicons")
    return found


def bundled_lexicons_dir() -> Traversable:
    """Return the folder holding the bundled lexicons.

    Returns
    -------
    importlib.resources.abc.Traversable
        ``framing/lexicons`` inside an installed wheel, or ``lexicons/`` at
        the root of a source tree (editable install).

    Raises
    ------
    FileNotFoundError
        If neither exists (a broken installation).

    Examples
    --------
    >>> bundled_lexicons_dir().is_dir()
    True
    """
    candidates = _candidates()
    for cand in candidates:
        if cand.is_dir():
            return cand
    looked = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(
        f"framing's bundled lexicons folder was not found (looked in: {looked}). "
        "Fix: reinstall framing (pip install --force-reinstall framing) or, from a "
        "source checkout, pip install -e ."
    )


def list_bundled_lexicons() -> list[str]:
    """Names of the bundled lexicons, sorted.

    A name is the file name without ``.yaml``; pass it to
    :func:`framing.lexicon.load_lexicon`.

    Examples
    --------
    >>> "kazakhstan-2022" in list_bundled_lexicons()
    True
    """
    folder = bundled_lexicons_dir()
    return sorted(
        item.name[: -len(BUNDLED_SUFFIX)]
        for item in folder.iterdir()
        if item.is_file() and item.name.endswith(BUNDLED_SUFFIX)
    )


def bundled_lexicon(name: str) -> Traversable | None:
    """Return the bundled lexicon file called ``name``, or None if there is none.

    Examples
    --------
    >>> bundled_lexicon("kazakhstan-2022").name
    'kazakhstan-2022.yaml'
    >>> bundled_lexicon("no-such-lexicon") is None
    True
    """
    item = bundled_lexicons_dir() / f"{name}{BUNDLED_SUFFIX}"
    return item if item.is_file() else None

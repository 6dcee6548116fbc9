"""Write figures as reproducible files: the same figure gives the same bytes.

:func:`save_figure` writes a figure in several formats at once (by default PDF
for the journal, SVG for editing and PNG for slides and the web) and removes
everything that would make two runs differ:

* PDF: no ``CreationDate``; ``Creator`` and ``Producer`` are fixed strings;
  fonts are embedded as TrueType (Type 42) subsets whose names are derived
  from the glyphs used, not from a random tag.
* SVG: no ``Date``; element ids are salted with a fixed ``svg.hashsalt``
  instead of a random UUID.
* PNG: no ``Creation Time`` chunk (matplotlib writes none) and a fixed
  ``Software`` text chunk; the resolution is stored in the ``pHYs`` chunk.

Version strings are left out of the files on purpose: a figure drawn the same
way should not change bytes with a patch release, and ``manifest.json``
already records every version.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import matplotlib as mpl
from matplotlib.figure import Figure

__all__ = ["FORMATS", "save_figure"]

#: Formats :func:`save_figure` writes reproducibly.
FORMATS: tuple[str, ...] = ("pdf", "svg", "png")

_CREATOR = "framing"
_PRODUCER = "matplotlib"
_METADATA_KEYS = ("Title", "Author", "Subject", "Keywords")
_SAVEFIG_RESERVED = ("format", "metadata", "dpi", "fname")


def _format_list(formats: str | Sequence[str]) -> list[str]:
    if isinstance(formats, str):
        formats = [formats]
    out: list[str] = []
    for fmt in formats:
        if not isinstance(fmt, str):
            raise TypeError(f"`formats` must hold strings such as 'pdf', got {fmt!r}")
        key = fmt.lower().lstrip(".")
        if key not in FORMATS:
            raise ValueError(
                f"`formats` must be among {list(FORMATS)}, got {fmt!r}; these are the formats "
                "written byte-for-byte reproducibly"
            )
        if key not in out:
            out.append(key)
    if not out:
        raise ValueError(f"`formats` is empty; pass some of {list(FORMATS)}")
    return out


def _check_metadata(metadata: Mapping[str, Any] | None) -> dict[str, str]:
    if metadata is None:
        return {}
    if not isinstance(metadata, Mapping):
        raise TypeError(f"`metadata` must be a dict, got {type(metadata).__name__}")
    unknown = [k for k in metadata if k not in _METADATA_KEYS]
    if unknown:
        raise ValueError(
            f"`metadata` keys must be among {list(_METADATA_KEYS)}, got {unknown}; dates and "
            "software names are left out so that the same figure gives the same bytes"
        )
    out: dict[str, str] = {}
    for key, value in metadata.items():
        if value is None:
            continue
        if key == "Keywords" and not isinstance(value, str):
            if not all(isinstance(v, str) for v in value):
                raise TypeError(f"`metadata['Keywords']` must be strings, got {value!r}")
            value = ", ".join(value)
        if not isinstance(value, str):
            raise TypeError(f"`metadata[{key!r}]` must be a string, got {value!r}")
        out[key] = value
    return out


def _format_metadata(fmt: str, meta: Mapping[str, str]) -> dict[str, Any]:
    """Metadata for one format: the user's fields under that format's keys, no dates."""
    if fmt == "pdf":
        out: dict[str, Any] = {"Creator": _CREATOR, "Producer": _PRODUCER, "CreationDate": None}
        out.update({k: v for k, v in meta.items()})
        return out
    if fmt == "svg":
        out = {"Creator": meta.get("Author", _CREATOR), "Date": None}
        if "Title" in meta:
            out["Title"] = meta["Title"]
        if "Subject" in meta:
            out["Description"] = meta["Subject"]
        if "Keywords" in meta:
            out["Keywords"] = [k.strip() for k in meta["Keywords"].split(",") if k.strip()]
        return out
    # png: text chunks
    out = {"Software": _CREATOR}
    for key, png_key in (("Title", "Title"), ("Author", "Author"),
                         ("Subject", "Description"), ("Keywords", "Keywords")):
        if key in meta:
            out[png_key] = meta[key]
    return out


def _stem(path: str | os.PathLike[str]) -> Path:
    if isinstance(path, bytes) or not isinstance(path, str | os.PathLike):
        raise TypeError(f"`path` must be a str or path-like, got {type(path).__name__}")
    p = Path(path)
    if p.name in ("", ".", ".."):
        raise ValueError(f"`path` must name a file (without extension), got {str(path)!r}")
    if p.suffix.lower().lstrip(".") in FORMATS:
        p = p.with_suffix("")
    return p


def save_figure(
    fig: Figure,
    path: str | os.PathLike[str],
    formats: str | Sequence[str] = FORMATS,
    *,
    dpi: float = 300,
    metadata: Mapping[str, Any] | None = None,
    **kwargs: Any,
) -> list[Path]:
    """Save a figure in several formats, byte-for-byte reproducibly.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure, e.g. ``ax.figure`` of a :mod:`framing.plots` function.
    path : str or path-like
        File name without extension, e.g. ``"figures/frame-profile"``. A
        ``.pdf``, ``.svg`` or ``.png`` extension is replaced by each format's;
        any other suffix is kept (``"fig-1.2"`` gives ``fig-1.2.pdf``). Missing
        parent folders are created.
    formats : str or sequence of {"pdf", "svg", "png"}, default all three
        The formats to write, in order.
    dpi : float, default 300
        Resolution of the PNG (stored in its ``pHYs`` chunk) and of any
        rasterized artist inside PDF or SVG. Vector content is unaffected.
    metadata : dict, optional
        Document fields ``Title``, ``Author``, ``Subject`` and ``Keywords`` (a
        string or a list of strings), written under each format's own names
        (SVG: Dublin Core ``Creator`` and ``Description``; PNG text chunks).
        Dates are not accepted: they would make files differ between runs.
    **kwargs
        Passed to :meth:`matplotlib.figure.Figure.savefig` (e.g.
        ``transparent=True``), except ``format``, ``dpi`` and ``metadata``.

    Returns
    -------
    list of pathlib.Path
        The files written, in the order of ``formats``.

    Raises
    ------
    ValueError
        For an unknown format, a metadata key other than the four above, or a
        path without a file name.

    Notes
    -----
    While saving, ``pdf.fonttype`` and ``ps.fonttype`` are set to 42 (TrueType
    fonts embedded, never Type 3) and ``svg.hashsalt`` to a fixed value unless
    one is already set; other settings (sizes, ``svg.fonttype``) are the
    figure's. PDF streams stay Flate-compressed (``pdf.compression``); the font
    dictionaries themselves are never compressed, so ``/FontFile2`` is visible
    to preflight tools. Files are identical across runs and machines that use
    the same matplotlib (and its bundled FreeType), whatever ``PYTHONHASHSEED``.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from framing.theme import publication
    >>> with publication(width="single"):  # doctest: +SKIP
    ...     fig, ax = plt.subplots()
    ...     ax.plot([0, 1], [0, 1])
    ...     save_figure(fig, "figures/line")
    [PosixPath('figures/line.pdf'), PosixPath('figures/line.svg'), PosixPath('figures/line.png')]
    """
    if not isinstance(fig, Figure):
        raise TypeError(
            f"`fig` must be a matplotlib Figure, got {type(fig).__name__}; "
            "for an Axes pass `ax.figure`"
        )
    fmts = _format_list(formats)
    if isinstance(dpi, bool) or not isinstance(dpi, int | float) or not dpi > 0:
        raise ValueError(f"`dpi` must be a positive number, got {dpi!r}")
    meta = _check_metadata(metadata)
    reserved = [k for k in kwargs if k in _SAVEFIG_RESERVED]
    if reserved:
        raise TypeError(f"save_figure() sets {reserved} itself; use its own arguments")
    stem = _stem(path)
    stem.parent.mkdir(parents=True, exist_ok=True)
    rc: dict[str, Any] = {"pdf.fonttype": 42, "ps.fonttype": 42}
    if mpl.rcParams["svg.hashsalt"] is None:
        rc["svg.hashsalt"] = "framing"
    written: list[Path] = []
    with mpl.rc_context(rc):
        for fmt in fmts:
            target = stem.with_name(f"{stem.name}.{fmt}")
            fig.savefig(target, format=fmt, dpi=dpi, metadata=_format_metadata(fmt, meta),
                        **kwargs)
            written.append(target)
    return written

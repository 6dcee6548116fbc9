"""Publication theme: journal widths, embedded fonts, and one colour per frame.

Every figure of :mod:`framing.plots` follows three rules, which this module
owns:

1. **Size and type.** Figures are made at the printed width (a single journal
   column is 3.5 in, a double column 7.2 in) so that 8 pt text stays 8 pt in
   print; the only font is DejaVu Sans, which ships with matplotlib, so a
   figure renders the same on every machine; fonts are embedded in PDF as
   TrueType (Type 42), which journals' production systems accept and which keeps
   text selectable.
2. **One colour per frame.** :func:`frame_palette` maps the lexicon's frames,
   in lexicon order, to the Okabe-Ito colour-blind-safe palette. Passing the
   same frame list gives the same colours in every figure.
3. **Voice is readable without colour.** :data:`VOICE_STYLE` draws authorial
   matches as a solid fill and attributed matches as a lighter tint of the same
   hue with hatching, so the two voices differ in greyscale print too.

:func:`publication` is a context manager around :func:`matplotlib.rc_context`:
nothing changes outside the ``with`` block.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Literal

import matplotlib as mpl
from matplotlib import colors as mcolors
from matplotlib import cycler

from framing._checks import check_choice, invalid

__all__ = [
    "DOUBLE_COLUMN",
    "OKABE_ITO",
    "SINGLE_COLUMN",
    "VOICE_STYLE",
    "FramePaletteWarning",
    "figure_size",
    "frame_palette",
    "publication",
    "publication_rc",
    "voice_style",
]

#: Width of a single journal column, in inches (Elsevier, Springer, Sage: 3.3-3.5 in).
SINGLE_COLUMN: float = 3.5
#: Width of a full page (double column), in inches (7.0-7.5 in).
DOUBLE_COLUMN: float = 7.2

#: The Okabe-Ito palette (Okabe & Ito 2008), in the order frames receive it.
#: Yellow comes last of the seven because it is nearly invisible as a thin line
#: or as text on white; black is kept for text, error bars and annotations.
OKABE_ITO: Mapping[str, str] = MappingProxyType({
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
    "yellow": "#F0E442",
})

#: How each voice is drawn on top of its frame's colour. ``lighten`` is the
#: share of white mixed into the frame colour for the fill; ``hatch`` is a
#: matplotlib hatch pattern drawn in the (unlightened) frame colour.
VOICE_STYLE: Mapping[str, Mapping[str, Any]] = MappingProxyType({
    "authorial": MappingProxyType({"lighten": 0.0, "hatch": ""}),
    "attributed": MappingProxyType({"lighten": 0.6, "hatch": "//////"}),
    "all": MappingProxyType({"lighten": 0.0, "hatch": ""}),
})

_CONTEXT_SCALE: Mapping[str, float] = MappingProxyType(
    {"paper": 1.0, "notebook": 1.25, "talk": 1.6, "poster": 2.0}
)
_WIDTHS: Mapping[str, float] = MappingProxyType(
    {"single": SINGLE_COLUMN, "double": DOUBLE_COLUMN}
)
# height = width / aspect when no height is given
_DEFAULT_ASPECT: Mapping[str, float] = MappingProxyType({"single": 4 / 3, "double": 2.0})
_SVG_HASHSALT = "framing"


class FramePaletteWarning(UserWarning):
    """More frames than the colour-blind-safe palette has colours."""


# --------------------------------------------------------------------------- helpers


def _resolve_width(width: Literal["single", "double"] | float) -> float:
    if isinstance(width, str):
        if width not in _WIDTHS:
            raise invalid("width", width, "'single', 'double' or a number of inches")
        return _WIDTHS[width]
    if isinstance(width, bool) or not isinstance(width, int | float):
        raise invalid("width", width, "'single', 'double' or inches (a number)", error=TypeError)
    if not 0 < float(width) < 50:
        raise invalid("width", width, "a positive number of inches below 50")
    return float(width)


def _lighten(color: Any, amount: float) -> tuple[float, float, float]:
    """Mix ``amount`` (0-1) of white into ``color``."""
    r, g, b = mcolors.to_rgb(color)
    return (r + (1 - r) * amount, g + (1 - g) * amount, b + (1 - b) * amount)


def _extension_colors() -> list[str]:
    """Deterministic colours for frames beyond the seventh (not colour-blind safe)."""
    out: list[str] = []
    seen = {c.lower() for c in OKABE_ITO.values()}
    for name in ("tab10", "tab20b", "tab20c"):
        for rgba in mpl.colormaps[name].colors:  # type: ignore[attr-defined]
            hex_ = mcolors.to_hex(rgba).upper()
            if hex_.lower() not in seen:
                seen.add(hex_.lower())
                out.append(hex_)
    return out


# --------------------------------------------------------------------------- public


def figure_size(
    width: Literal["single", "double"] | float = "single",
    aspect: float | None = None,
) -> tuple[float, float]:
    """Figure size in inches for a journal width and an aspect ratio.

    Parameters
    ----------
    width : {"single", "double"} or float, default "single"
        ``"single"`` is one journal column (3.5 in), ``"double"`` the full page
        width (7.2 in); a number is a width in inches.
    aspect : float, optional
        Width divided by height (as seaborn's ``aspect``). Default 4/3 for
        single-column and custom widths, 2 for double-column figures.

    Returns
    -------
    tuple of float
        ``(width, height)`` in inches, for ``figsize=``.

    Examples
    --------
    >>> figure_size("single")
    (3.5, 2.625)
    >>> figure_size("double", aspect=3)
    (7.2, 2.4)
    >>> figure_size(5, aspect=1)
    (5.0, 5.0)
    """
    w = _resolve_width(width)
    if aspect is None:
        aspect = _DEFAULT_ASPECT.get(width if isinstance(width, str) else "single", 4 / 3)
    if isinstance(aspect, bool) or not isinstance(aspect, int | float) or not aspect > 0:
        raise invalid("aspect", aspect, "a positive number (width / height)")
    return (w, round(w / float(aspect), 4))


def publication_rc(
    context: Literal["paper", "notebook", "talk", "poster"] = "paper",
    *,
    width: Literal["single", "double"] | float = "single",
    height: float | None = None,
    font_size: float = 8,
) -> dict[str, Any]:
    """The rcParams of :func:`publication`, as a plain dictionary.

    Use it to build a matplotlib style file or to combine it with your own
    settings (``plt.rc_context({**publication_rc(), "axes.grid": True})``).
    Parameters are those of :func:`publication`.

    Returns
    -------
    dict
        rcParams keys and values.

    Examples
    --------
    >>> rc = publication_rc(width="double", font_size=7)
    >>> rc["figure.figsize"], rc["font.size"], rc["pdf.fonttype"]
    ((7.2, 3.6), 7.0, 42)
    """
    return _rc_params(context, width, height, font_size, stacklevel=3)


def _rc_params(
    context: str, width: Any, height: float | None, font_size: float, *, stacklevel: int
) -> dict[str, Any]:
    check_choice("context", context, _CONTEXT_SCALE)
    if isinstance(font_size, bool) or not isinstance(font_size, int | float) or font_size <= 0:
        raise invalid("font_size", font_size, "a positive number of points")
    if context == "paper" and not 6 <= font_size <= 10:
        warnings.warn(
            f"font_size={font_size} pt is outside the 6-10 pt range journals accept for "
            "figure text at print size; use 7-9 pt",
            UserWarning,
            stacklevel=stacklevel,
        )
    if height is not None:
        if isinstance(height, bool) or not isinstance(height, int | float) or not height > 0:
            raise invalid("height", height, "a positive number of inches")
        size = (_resolve_width(width), float(height))
    else:
        size = figure_size(width)
    s = _CONTEXT_SCALE[context]
    base = float(font_size) * s
    small = base - 1.0 * s  # tick labels and legend: one point smaller
    line = 0.6 * s
    return {
        # size and layout: the figure is made at print width, so no tight bbox
        "figure.figsize": size,
        "figure.dpi": 150,
        "figure.constrained_layout.use": True,
        "figure.constrained_layout.h_pad": 0.02,
        "figure.constrained_layout.w_pad": 0.02,
        "figure.facecolor": "white",
        "savefig.dpi": 300,
        "savefig.bbox": "standard",
        "savefig.facecolor": "white",
        "savefig.transparent": False,
        # fonts shipped with matplotlib, embedded as TrueType
        "font.family": "sans-serif",
        "font.sans-serif": ["DejaVu Sans"],
        "mathtext.fontset": "dejavusans",
        "text.usetex": False,
        "pdf.fonttype": 42,
        "ps.fonttype": 42,
        "pdf.use14corefonts": False,
        "svg.fonttype": "path",
        "svg.hashsalt": _SVG_HASHSALT,
        # text sizes
        "font.size": base,
        "axes.labelsize": base,
        "axes.titlesize": base,
        "axes.titleweight": "normal",
        "figure.titlesize": base + 1.0 * s,
        "xtick.labelsize": small,
        "ytick.labelsize": small,
        "legend.fontsize": small,
        "legend.title_fontsize": base,
        # thin lines
        "axes.linewidth": line,
        "axes.edgecolor": "0.15",
        "axes.labelcolor": "black",
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.axisbelow": True,
        "axes.grid": False,
        "axes.labelpad": 3.0 * s,
        "axes.titlepad": 4.0 * s,
        "axes.prop_cycle": cycler(color=list(OKABE_ITO.values())),
        "grid.color": "0.88",
        "grid.linewidth": 0.5 * s,
        "grid.linestyle": "-",
        "xtick.major.width": line,
        "ytick.major.width": line,
        "xtick.minor.width": 0.4 * s,
        "ytick.minor.width": 0.4 * s,
        "xtick.major.size": 2.5 * s,
        "ytick.major.size": 2.5 * s,
        "xtick.minor.size": 1.5 * s,
        "ytick.minor.size": 1.5 * s,
        "xtick.major.pad": 2.0 * s,
        "ytick.major.pad": 2.0 * s,
        "xtick.color": "0.15",
        "ytick.color": "0.15",
        "lines.linewidth": 1.0 * s,
        "lines.markersize": 3.5 * s,
        "lines.markeredgewidth": 0.5 * s,
        "patch.linewidth": 0.5 * s,
        "hatch.linewidth": 0.5 * s,
        "errorbar.capsize": 1.5 * s,
        "image.cmap": "cividis",
        # legends sit outside the data, without a frame
        "legend.frameon": False,
        "legend.borderaxespad": 0.3,
        "legend.borderpad": 0.2,
        "legend.handlelength": 1.2,
        "legend.handleheight": 0.8,
        "legend.handletextpad": 0.4,
        "legend.labelspacing": 0.3,
        "legend.columnspacing": 1.0,
    }


def publication(
    context: Literal["paper", "notebook", "talk", "poster"] = "paper",
    *,
    width: Literal["single", "double"] | float = "single",
    height: float | None = None,
    font_size: float = 8,
) -> Any:
    """Context manager: journal-ready matplotlib settings inside a ``with`` block.

    Parameters
    ----------
    context : {"paper", "notebook", "talk", "poster"}, default "paper"
        ``"paper"`` is print size; the others scale text and lines by 1.25,
        1.6 and 2 for screens and slides, as seaborn's contexts do.
    width : {"single", "double"} or float, default "single"
        Figure width: one journal column (3.5 in), the full page (7.2 in), or
        inches.
    height : float, optional
        Figure height in inches; default ``width / 4 * 3`` for a single column
        and ``width / 2`` for a double column (see :func:`figure_size`).
    font_size : float, default 8
        Axis labels and titles, in points; tick labels and legends are one
        point smaller. Journals ask for 6-9 pt at print size; 8 pt is safe.

    Returns
    -------
    context manager
        Settings are restored when the block exits, except ``backend`` and
        ``interactive`` (so a notebook's inline display keeps working). It also
        works as a function decorator.

    Notes
    -----
    The settings, and why:

    * ``figure.figsize`` is the printed size, so text sizes are real sizes;
      ``figure.constrained_layout.use`` fits labels and legends inside it, and
      ``savefig.bbox`` stays ``"standard"`` (a tight bbox would change the
      width the journal asked for).
    * ``pdf.fonttype = ps.fonttype = 42``: fonts are embedded as TrueType
      rather than Type 3 bitmaps-in-disguise, which many journals reject.
    * ``svg.fonttype = "path"``: text becomes outlines, the most portable
      choice (it looks the same in every browser and editor without the font
      installed); set it to ``"none"`` inside the block if you need to edit
      the text of an SVG in Inkscape or Illustrator.
    * ``svg.hashsalt`` is fixed, so SVG element ids do not change between runs.
    * Only DejaVu Sans (shipped with matplotlib) is used, so output is the same
      on every machine.
    * No grid by default (quantities are read from labelled axes); bar charts
      of :mod:`framing.plots` add a light value-axis grid themselves.
    * The colour cycle is :data:`OKABE_ITO` in frame order, so ad-hoc plots of
      frames in lexicon order match :func:`frame_palette`.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> with publication(width="single"):
    ...     fig, ax = plt.subplots()
    >>> fig.get_size_inches().tolist()
    [3.5, 2.625]
    >>> plt.rcParams["pdf.fonttype"] == 42  # restored outside the block
    False
    >>> plt.close(fig)
    """
    return _rc_context(_rc_params(context, width, height, font_size, stacklevel=3))


@contextlib.contextmanager
def _rc_context(rc: dict[str, Any]) -> Iterator[None]:
    """Like :func:`matplotlib.rc_context`, but leaves ``backend`` and ``interactive`` alone.

    If pyplot is first used inside the block (common in a notebook's first
    figure), the backend switches to interactive there; restoring
    ``interactive`` on exit would stop every later figure from showing inline.
    """
    keep = ("backend", "interactive")
    orig = {k: v for k, v in dict.items(mpl.rcParams) if k not in keep}
    try:
        mpl.rcParams.update(rc)  # validated
        yield
    finally:
        dict.update(mpl.rcParams, orig)  # already-validated values, restored raw


def frame_palette(
    frames: Sequence[str],
    *,
    warn: bool = True,
) -> dict[str, str]:
    """One colour per frame, assigned by frame order from the Okabe-Ito palette.

    Parameters
    ----------
    frames : sequence of str
        All frames of the lexicon, in lexicon order. Pass the *full* list even
        when a figure shows a subset, so that each frame keeps its colour.
    warn : bool, default True
        Warn when there are more than seven frames.

    Returns
    -------
    dict of str to str
        Frame name -> hex colour, in the order of ``frames``.

    Warns
    -----
    FramePaletteWarning
        With more than seven frames: the eighth and later frames get colours
        from matplotlib's ``tab10``, ``tab20b`` and ``tab20c`` (in that order,
        skipping repeats), which are not colour-blind safe.

    Notes
    -----
    The seven colours, in order, are orange, sky blue, bluish green, blue,
    vermillion, reddish purple and yellow (Okabe & Ito 2008, *Color Universal
    Design*). They remain distinct for the common forms of colour-vision
    deficiency. Yellow is last because it is hard to see as a thin line or text
    on white; black is not used, so that text, error bars and annotations
    stand out.

    Examples
    --------
    >>> frame_palette(["coup_terror", "protest_crackdown", "geopolitical_win"])
    {'coup_terror': '#E69F00', 'protest_crackdown': '#56B4E9', 'geopolitical_win': '#009E73'}
    """
    if isinstance(frames, str) or not isinstance(frames, Iterable):
        raise invalid("frames", frames, "a list of frame names", error=TypeError)
    frames = list(frames)
    if not frames:
        raise ValueError("`frames` is empty; pass the lexicon's list of frames")
    bad = [f for f in frames if not isinstance(f, str)]
    if bad:
        raise TypeError(f"`frames` must hold strings, got {bad[:3]!r}")
    dup = sorted({f for f in frames if frames.count(f) > 1})
    if dup:
        raise ValueError(f"`frames` lists {dup} more than once")
    colors = list(OKABE_ITO.values())
    if len(frames) > len(colors):
        extra = _extension_colors()
        if len(frames) > len(colors) + len(extra):
            raise ValueError(
                f"{len(frames)} frames are more than {len(colors) + len(extra)} distinguishable "
                "colours; plot them with framing.plots.frame_heatmap or merge frames"
            )
        if warn:
            warnings.warn(
                f"{len(frames)} frames but the colour-blind-safe palette has {len(colors)} "
                f"colours; frames {frames[len(colors):][:3]!r}... get tab10 colours, which are "
                "not colour-blind safe (frame_heatmap shows many frames without colour coding)",
                FramePaletteWarning,
                stacklevel=2,
            )
        colors = colors + extra
    return {frame: colors[i] for i, frame in enumerate(frames)}


def voice_style(color: Any, voice: str) -> dict[str, Any]:
    """Patch properties drawing ``voice`` in a frame's ``color`` (see :data:`VOICE_STYLE`).

    Parameters
    ----------
    color : matplotlib colour
        The frame's colour, e.g. from :func:`frame_palette`.
    voice : {"authorial", "attributed", "all"}

    Returns
    -------
    dict
        ``facecolor``, ``edgecolor`` and ``hatch`` for
        :meth:`matplotlib.axes.Axes.bar` or :class:`matplotlib.patches.Patch`.
        The hatch is drawn in the edge colour (the unlightened frame colour).

    Examples
    --------
    >>> voice_style("#E69F00", "authorial")["facecolor"]
    '#E69F00'
    >>> style = voice_style("#E69F00", "attributed")
    >>> style["facecolor"], style["hatch"]
    ('#F5D999', '//////')
    """
    check_choice("voice", voice, VOICE_STYLE)
    spec = VOICE_STYLE[voice]
    edge = mcolors.to_hex(color).upper()
    face = mcolors.to_hex(_lighten(color, spec["lighten"])).upper()
    return {"facecolor": face, "edgecolor": edge, "hatch": spec["hatch"] or None}

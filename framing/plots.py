"""Figures of frame scores, keyness and similarity, and the keyword-in-context table.

The functions follow seaborn's contract. Axes-level functions have the form
``f(data, *, ..., ax=None, **kwargs) -> Axes``: they draw on ``ax`` (or the
current axes), pass ``**kwargs`` on to the matplotlib call named in their
docstring, never call ``plt.show()`` and return the axes.
:func:`frames_over_time` is figure-level (small multiples) and returns the
figure; :func:`evidence_table` returns a table.

===========================  ============================================
:func:`frame_profile`        bars per group and frame, voices stacked,
                             bootstrap intervals (the paper's main figure)
:func:`ternary`              three frame shares per group on a simplex
:func:`frame_heatmap`        group x frame, annotated
:func:`keyness_plot`         log-odds z against frequency (Monroe et al.)
:func:`similarity_heatmap`   cosine similarity of groups, clustered
:func:`frames_over_time`     frames per day/week/month, one panel per group
:func:`evidence_table`       keyword in context for one frame
===========================  ============================================

Colours come from :func:`framing.theme.frame_palette`: by default from the
frame list stored by :func:`framing.scoring.score_table` in
``scores.attrs["frames"]`` (the lexicon's order), so a frame has the same
colour in every figure of a paper. Draw inside :func:`framing.theme.publication`
to get journal sizes, and write files with :func:`framing.export.save_figure`.
"""

from __future__ import annotations

import html
import math
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Literal, cast

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import colors as mcolors
from matplotlib import dates as mdates
from matplotlib import ticker as mticker
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Polygon
from matplotlib.text import Annotation, Text
from matplotlib.textpath import TextToPath
from matplotlib.transforms import Affine2D, Bbox, Transform

from framing._checks import check_choice, check_int, invalid, require_columns
from framing.theme import frame_palette, voice_style

__all__ = [
    "EvidenceTable",
    "FramingPlotWarning",
    "evidence_table",
    "frame_heatmap",
    "frame_profile",
    "frames_over_time",
    "keyness_plot",
    "similarity_heatmap",
    "sourcing_plot",
    "ternary",
]

#: Colours for actor roles (Paul Tol's colour-blind-safe "muted" scheme), kept
#: apart from the frame palette so a role is never mistaken for a frame.
ROLE_COLORS = ("#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77",
               "#CC6677", "#882255", "#AA4499", "#DDDDDD")

Voice = Literal["authorial", "attributed", "all"]
Measure = Literal["per_1k", "share"]

_VOICES = ("authorial", "attributed", "all")
_MEASURES = ("per_1k", "share")
_MEASURE_LABELS = {
    "per_1k": "matches per 1,000 words",
    "share": "share of the group's frame matches",
}
_FREQS = {"D": "day", "W": "week", "M": "month"}
_KEYNESS_STATS = ("logodds", "chi2", "g2", "tfidf")
_Z_95 = 1.959964  # two-sided 5% critical value of the standard normal
_CHI2_95 = 3.841459  # 5% critical value of chi-squared with 1 df
_SQRT3_2 = math.sqrt(3.0) / 2.0


class FramingPlotWarning(UserWarning):
    """Data a figure cannot show, e.g. a group without matches in a ternary plot."""


# =========================================================================== helpers
# --------------------------------------------------------------------------- checks


def _as_list(values: Any, name: str) -> list[Any]:
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise TypeError(f"`{name}` must be a list, got {values!r}")
    out = list(values)
    dup = [v for i, v in enumerate(out) if v in out[:i]]
    if dup:
        raise ValueError(f"`{name}` lists {dup} more than once")
    return out


def _first_appearance(values: pd.Series) -> list[Any]:
    return list(pd.unique(values.dropna()))


def _resolve_frames(data: pd.DataFrame, frames: Sequence[str] | None) -> list[str]:
    """Frames to draw: ``frames`` if given (all must be in the data), else lexicon order."""
    present = _first_appearance(data["frame"])
    if frames is None:
        stored = data.attrs.get("frames")
        if stored is not None and set(present) <= set(stored):
            return [f for f in stored if f in set(present)]
        if not present:
            raise ValueError("the table has no rows with a frame; there is nothing to plot")
        return [str(f) for f in present]
    out = _as_list(frames, "frames")
    if not out:
        raise ValueError("`frames` is empty; pass the frames to plot, in lexicon order")
    absent = [f for f in out if f not in set(present)]
    if absent:
        raise ValueError(
            f"frame(s) {absent} are not in the data, which has frames {present}; "
            "check the names or the lexicon"
        )
    return out


def _resolve_palette(
    data: pd.DataFrame | None, frames: Sequence[str], palette: Mapping[str, Any] | None
) -> dict[str, str]:
    """Frame -> colour. Default: the palette of the full lexicon, if the table knows it."""
    if palette is None:
        stored = data.attrs.get("frames") if data is not None else None
        base = list(stored) if stored is not None and set(frames) <= set(stored) else frames
        return {f: c for f, c in frame_palette(base).items() if f in set(frames)}
    if not isinstance(palette, Mapping):
        raise TypeError(
            f"`palette` must be a dict frame -> colour (see framing.theme.frame_palette), "
            f"got {type(palette).__name__}"
        )
    missing = [f for f in frames if f not in palette]
    if missing:
        raise ValueError(f"`palette` has no colour for frame(s) {missing}")
    out = {}
    for f in frames:
        if not mcolors.is_color_like(palette[f]):
            raise ValueError(f"`palette[{f!r}]` is not a colour: {palette[f]!r}")
        out[f] = mcolors.to_hex(palette[f]).upper()
    return out


def _resolve_groups(data: pd.DataFrame, by: str, order: Sequence[Any] | None) -> list[Any]:
    present = _first_appearance(data[by])
    if order is None:
        if not present:
            raise ValueError(f"`{by}` has no values; there is nothing to plot")
        return present
    out = _as_list(order, "order")
    absent = [g for g in out if g not in set(present)]
    if absent:
        raise ValueError(f"`order` lists {absent}, which are not values of `{by}`: {present}")
    return out


def _check_voice(voice: str, name: str = "voice") -> str:
    check_choice(name, voice, _VOICES)
    return voice


def _check_measure(measure: str) -> str:
    check_choice("measure", measure, _MEASURES)
    return measure


def _check_scores(scores: object, by: str, columns: Sequence[str]) -> pd.DataFrame:
    if not isinstance(by, str):
        raise TypeError(f"`by` must be a column name, got {by!r}")
    hint = ""
    if by not in getattr(scores, "columns", ()):
        stored = getattr(scores, "attrs", {}).get("by")
        hint = (f"The scores are grouped by {stored!r} (scores.attrs['by']); pass by={stored!r}"
                if stored else
                "Make the table with framing.scoring.score_table(units, matches, by=...)")
    require_columns(scores, [by, "frame", "voice", *columns], "scores", hint=hint)
    return cast(pd.DataFrame, scores)


def _pivot(
    table: pd.DataFrame, by: str, column: str, groups: Sequence[Any], frames: Sequence[str],
    name: str = "scores",
) -> np.ndarray:
    """``table[column]`` as a (groups, frames) array of floats (NaN where absent)."""
    dup = table.duplicated([by, "frame"])
    if dup.any():
        row = table.loc[dup, [by, "frame"]].iloc[0].tolist()
        raise ValueError(
            f"`{name}` has more than one row for {by}={row[0]!r}, frame={row[1]!r} in one "
            "voice; pass one row per group, frame and voice"
        )
    values = pd.to_numeric(table[column], errors="coerce")
    if values.isna().sum() > table[column].isna().sum():
        raise ValueError(f"`{name}['{column}']` must be numeric")
    wide = (
        table.assign(_v=values.astype(float))
        .pivot(index=by, columns="frame", values="_v")
        .reindex(index=list(groups), columns=list(frames))
    )
    return wide.to_numpy(dtype=float, na_value=np.nan)


def _voice_rows(scores: pd.DataFrame, voice: str) -> pd.DataFrame:
    rows = scores[scores["voice"] == voice]
    if rows.empty:
        raise ValueError(
            f"`scores` has no rows with voice={voice!r}; its voices are "
            f"{_first_appearance(scores['voice'])}"
        )
    return rows


def _root_figure(artist: Any) -> Figure:
    """The top-level figure of an artist (``get_figure(root=True)`` before matplotlib 3.10)."""
    try:
        fig = artist.get_figure(root=True)
    except TypeError:  # matplotlib < 3.10
        fig = artist.figure
        while getattr(fig, "figure", fig) is not fig:
            fig = fig.figure
    if fig is None:
        raise ValueError("the axes do not belong to a figure")
    return cast(Figure, fig)


def _get_ax(ax: Axes | None) -> Axes:
    if ax is None:
        return plt.gca()
    if not isinstance(ax, Axes):
        raise TypeError(f"`ax` must be a matplotlib Axes, got {type(ax).__name__}")
    return ax


# --------------------------------------------------------------------------- text


def _points(key: str) -> float:
    """A font-size rcParam (possibly 'small') in points."""
    return float(FontProperties(size=mpl.rcParams[key]).get_size_in_points())


def _text_width_pt(text: str, size: float) -> float:
    """Width of ``text`` in points at ``size``, without a renderer (for layout choices)."""
    prop = FontProperties(size=size)
    width, _, _ = TextToPath().get_text_width_height_descent(str(text), prop, ismath=False)
    return float(width)


def _relative_luminance(color: Any) -> float:
    """WCAG relative luminance of a colour (0 black .. 1 white)."""
    rgb = np.asarray(mcolors.to_rgb(color), dtype=float)
    rgb = np.where(rgb <= 0.03928, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    return float(rgb @ np.array([0.2126, 0.7152, 0.0722]))


def _text_color_on(color: Any) -> str:
    """Black or white, whichever contrasts more with ``color``."""
    lum = _relative_luminance(color)
    return "black" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "white"


def _darken(color: Any, amount: float) -> str:
    r, g, b = mcolors.to_rgb(color)
    return mcolors.to_hex((r * (1 - amount), g * (1 - amount), b * (1 - amount))).upper()


def _text_color_for(color: Any) -> str:
    """The frame colour darkened until small text in it is readable on white.

    The contrast ratio reaches 4.5:1 (WCAG AA for normal text); darkening keeps
    the hue, so the text still names its frame's colour.
    """
    amount = 0.0
    while amount < 0.9:
        candidate = _darken(color, amount)
        if 1.05 / (_relative_luminance(candidate) + 0.05) >= 4.5:
            return candidate
        amount += 0.05
    return _darken(color, 0.9)


def _label_rotation(ax: Axes, labels: Sequence[str], n_slots: int, size: float) -> bool:
    """Whether category labels under ``n_slots`` equal slots would collide when horizontal."""
    fig = _root_figure(ax)
    width_pt = ax.get_position().width * fig.get_figwidth() * 72 * 0.8
    widest = max((_text_width_pt(s, size) for s in labels), default=0.0)
    return widest + 0.5 * size > width_pt / max(n_slots, 1)


def _wrap_in_two(text: str) -> str:
    """Break ``text`` at the space nearest its middle."""
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    cut = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return text[:cut] + "\n" + text[cut + 1:]


def _format(value: float, fmt: str) -> str:
    if not np.isfinite(value):
        return ""
    return format(value, fmt)


# --------------------------------------------------------------------------- labels
#
# Label placement happens at draw time, after constrained layout has sized the
# axes: each label is an Annotation whose ``textcoords`` is a callable that asks
# a shared solver for the label's position given the renderer. The solvers are
# deterministic (no randomness, no iteration to convergence).


class _LabelSlot:
    """``textcoords`` callable of one label: a translation to its solved position."""

    def __init__(self, solver: _LabelSolver, index: int) -> None:
        self.solver = solver
        self.index = index

    def __call__(self, renderer: Any) -> Transform:
        x, y = self.solver.solve(renderer)[self.index]
        return Affine2D().translate(x, y)


class _LabelSolver:
    """Base class: positions (bottom-left corners, display units) of labels."""

    def __init__(self, ax: Axes, xy: np.ndarray, texts: Sequence[str], size: float) -> None:
        self.ax = ax
        self.xy = np.asarray(xy, dtype=float).reshape(-1, 2)
        self.texts = [str(t) for t in texts]
        self.size = size
        self.annotations: list[Annotation] = []
        self._cache_key: tuple[Any, ...] | None = None
        self._cache: np.ndarray | None = None

    def _extents(self, renderer: Any) -> np.ndarray:
        """(n, 2) width and height of each label in display units."""
        fig = _root_figure(self.ax)
        out = np.zeros((len(self.texts), 2))
        for i, s in enumerate(self.texts):
            t = Text(0, 0, s, fontsize=self.size, ha="left", va="bottom")
            t.set_figure(fig)
            bb = t.get_window_extent(renderer)
            out[i] = bb.width, bb.height
        return out

    def solve(self, renderer: Any) -> np.ndarray:
        key = (id(renderer), type(renderer).__name__, renderer.points_to_pixels(1.0),
               tuple(self.ax.bbox.bounds),
               tuple(self.ax.transData.transform(self.xy).ravel()) if len(self.xy) else ())
        if key != self._cache_key or self._cache is None:
            self._cache = self._solve(renderer)
            self._cache_key = key
        return self._cache

    def _solve(self, renderer: Any) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def add(self, **arrowprops: Any) -> list[Annotation]:
        """Create one annotation per label on the axes."""
        props = {"arrowstyle": "-", "color": "0.6", "lw": 0.35, "shrinkA": 1.0, "shrinkB": 2.0,
                 **arrowprops}
        for i, s in enumerate(self.texts):
            ann = self.ax.annotate(
                s, xy=tuple(self.xy[i]), xycoords="data", xytext=(0.0, 0.0),
                textcoords=_LabelSlot(self, i), ha="left", va="bottom", fontsize=self.size,
                annotation_clip=False, arrowprops=props,
            )
            self.annotations.append(ann)
        return self.annotations


class _ColumnLabels(_LabelSolver):
    """Labels in a column right of the axes, at the height of their points.

    Labels are stacked top-down without overlap (a 1-D "push apart" pass from
    the top, then one from the bottom); when they do not fit in one column,
    consecutive labels alternate between ``k`` staggered columns.
    """

    def __init__(self, ax: Axes, xy: np.ndarray, texts: Sequence[str], size: float,
                 pad: float = 6.0) -> None:
        super().__init__(ax, xy, texts, size)
        self.pad = pad

    def _solve(self, renderer: Any) -> np.ndarray:
        n = len(self.texts)
        out = np.zeros((n, 2))
        if n == 0:
            return out
        ext = self._extents(renderer)
        bbox = self.ax.bbox
        pts = self.ax.transData.transform(self.xy)
        row = renderer.points_to_pixels(self.size * 1.15)  # the same in every format
        span = max(bbox.height, row)
        k = max(1, math.ceil(n * row / span))
        step = row / k  # vertical distance between consecutive labels
        order = sorted(range(n), key=lambda i: (-pts[i, 1], i))
        target = np.clip(pts[order, 1], bbox.y0, bbox.y1)
        ys = np.empty(n)
        hi, lo = bbox.y1 - row / 2, bbox.y0 + row / 2
        prev = hi + step
        for j in range(n):  # top-down: below the previous label, at most at the target
            ys[j] = min(target[j], prev - step)
            prev = ys[j]
        nxt = lo - step
        for j in range(n - 1, -1, -1):  # bottom-up: lift labels pushed below the axes
            ys[j] = max(ys[j], nxt + step)
            nxt = ys[j]
        # columns: x of column c is after the widest label of column c - 1
        col = [j % k for j in range(n)]
        widths = [max((ext[order[j], 0] for j in range(n) if col[j] == c), default=0.0)
                  for c in range(k)]
        gap = renderer.points_to_pixels(self.pad)
        x0 = bbox.x1 + gap
        col_x = [x0 + sum(widths[:c]) + c * gap for c in range(k)]
        for j, i in enumerate(order):
            out[i] = col_x[col[j]], ys[j] - ext[i, 1] / 2
        return out


class _NearLabels(_LabelSolver):
    """Labels next to their points, avoiding points, each other, other texts and lines.

    For each label (in data order) the first free spot among eight positions
    around the point (right, above, below, left, then the diagonals) is taken;
    if none is free, the same eight at three times the distance, with a leader
    line; failing that, the spot that overlaps least. ``segments`` are lines a
    label should not cross (the ternary's edges and tick marks): each is
    ``(xy0, xy1, offset)``, two points in data coordinates and an offset in
    points added to the second (a tick mark is a point and an offset).
    """

    _DIRECTIONS = ((1, 0), (0, 1), (0, -1), (-1, 0), (1, 1), (1, -1), (-1, 1), (-1, -1))

    def __init__(self, ax: Axes, xy: np.ndarray, texts: Sequence[str], size: float,
                 marker_radius: float = 2.5, gap: float = 2.0,
                 avoid: Sequence[Any] = (),
                 segments: Sequence[tuple[Any, Any, tuple[float, float]]] = ()) -> None:
        super().__init__(ax, xy, texts, size)
        self.marker_radius = marker_radius
        self.gap = gap
        self.avoid = list(avoid)  # texts to keep clear of (a list, so figures pickle)
        self.segments = [(np.asarray(a, dtype=float), np.asarray(b, dtype=float),
                          (float(o[0]), float(o[1]))) for a, b, o in segments]
        self.leader = np.zeros(len(self.texts), dtype=bool)

    def _solve(self, renderer: Any) -> np.ndarray:
        n = len(self.texts)
        out = np.zeros((n, 2))
        if n == 0:
            return out
        ext = self._extents(renderer)
        pts = self.ax.transData.transform(self.xy)
        p2p = renderer.points_to_pixels
        r = p2p(self.marker_radius)
        # other points get a margin, so that no label sits closer to a foreign point
        # than to its own
        m = r + p2p(self.gap + 2.0)
        points = [Bbox.from_extents(x - m, y - m, x + m, y + m) for x, y in pts]
        obstacles: list[Bbox] = []
        for artist in self.avoid:
            if artist.get_visible() and artist.get_text():
                obstacles.append(artist.get_window_extent(renderer))
        lines = []
        for a, b, (ox, oy) in self.segments:
            (ax0, ay0), (bx1, by1) = self.ax.transData.transform(np.array([a, b]))
            lines.append((ax0, ay0, bx1 + p2p(ox), by1 + p2p(oy)))
        bounds = _root_figure(self.ax).bbox
        placed: list[Bbox] = []
        for i in range(n):
            w, h = ext[i]
            best: tuple[float, float, float, bool] | None = None
            for ring, dist in enumerate((r + p2p(self.gap), 3 * (r + p2p(self.gap)) + h)):
                for dx, dy in self._DIRECTIONS:
                    cx, cy = pts[i, 0] + dx * dist, pts[i, 1] + dy * dist * 0.8
                    x0 = cx if dx > 0 else (cx - w if dx < 0 else cx - w / 2)
                    y0 = cy if dy > 0 else (cy - h if dy < 0 else cy - h / 2)
                    box = Bbox.from_bounds(x0, y0, w, h)
                    cost = sum(_overlap(box, o) for o in obstacles + placed)
                    cost += sum(_overlap(box, o) for k, o in enumerate(points) if k != i)
                    # a line through a label costs like a quarter of it covered; a
                    # corner touched for less than 3 points (empty in a text box) is free
                    touch = p2p(3.0)
                    cost += 0.25 * w * h * sum(_length_inside(box, *seg) > touch
                                               for seg in lines)
                    outside = w * h - _overlap(box, bounds)  # area outside the figure
                    cost += 1e3 * outside if outside > 1e-6 * w * h else 0.0
                    if cost < 1e-3:  # less than a thousandth of a square pixel: free
                        cost = 0.0
                    if best is None or cost < best[0]:
                        best = (cost, x0, y0, ring > 0)
                    if cost == 0.0:
                        break
                if best is not None and best[0] == 0.0:
                    break
            _, x0, y0, far = cast(tuple[float, float, float, bool], best)
            out[i] = x0, y0
            self.leader[i] = far
            placed.append(Bbox.from_bounds(x0, y0, w, h))
        for i, ann in enumerate(self.annotations):
            if ann.arrow_patch is not None:
                ann.arrow_patch.set_visible(bool(self.leader[i]))
        return out


def _length_inside(box: Bbox, x0: float, y0: float, x1: float, y1: float) -> float:
    """Length of the part of the segment (x0, y0)-(x1, y1) inside ``box`` (0 if none).

    Liang-Barsky clipping of the segment to the box.
    """
    lo, hi = 0.0, 1.0
    dx, dy = x1 - x0, y1 - y0
    for p, q in ((-dx, x0 - box.x0), (dx, box.x1 - x0), (-dy, y0 - box.y0), (dy, box.y1 - y0)):
        if p == 0.0:
            if q <= 0.0:
                return 0.0  # parallel to this side and outside (or on) it
            continue
        t = q / p
        if p < 0.0:
            lo = max(lo, t)
        else:
            hi = min(hi, t)
        if lo >= hi:
            return 0.0
    return (hi - lo) * math.hypot(dx, dy)


def _overlap(a: Bbox, b: Bbox) -> float:
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    return w * h if w > 0 and h > 0 else 0.0


# --------------------------------------------------------------------------- legends


def _legend_above(ax: Axes, rows: Sequence[Sequence[tuple[Any, str]]]) -> Any:
    """A frameless legend above the axes whose rows are ``rows`` (lists of handle, label).

    Rows are split further when they would be wider than the figure.
    """
    size = _points("legend.fontsize")
    fig = _root_figure(ax)
    # the legend ends at the right edge of the axes' grid cell and may run left
    spec = ax.get_subplotspec()
    right = (spec.colspan.stop / spec.get_gridspec().ncols if spec is not None
             else ax.get_position().x1)
    available = fig.get_figwidth() * 72 * right - 12.0
    handle = (mpl.rcParams["legend.handlelength"] + mpl.rcParams["legend.handletextpad"]
              + mpl.rcParams["legend.columnspacing"]) * size
    ncol = max(len(r) for r in rows)
    while ncol > 1:
        widths = [
            sum(sorted((_text_width_pt(label, size) + handle for _, label in row),
                       reverse=True)[:ncol])
            for row in rows
        ]
        if max(widths) <= available:
            break
        ncol -= 1
    grid: list[list[tuple[Any, str] | None]] = []
    for row in rows:
        for start in range(0, len(row), ncol):
            chunk: list[tuple[Any, str] | None] = list(row[start:start + ncol])
            grid.append(chunk + [None] * (ncol - len(chunk)))
    blank = Patch(facecolor="none", edgecolor="none", label="")
    handles, labels = [], []
    for c in range(ncol):  # matplotlib fills legends column by column
        for r in grid:
            item = r[c]
            handles.append(blank if item is None else item[0])
            labels.append("" if item is None else item[1])
    # anchored at the right end of the axes, the legend may extend left over the
    # tick labels, so it has (nearly) the whole figure width
    return ax.legend(handles, labels, ncol=ncol, loc="lower right",
                     bbox_to_anchor=(1.0, 1.01), borderaxespad=0.2, frameon=False)


# =========================================================================== figures
# --------------------------------------------------------------------------- profile


def frame_profile(
    scores: pd.DataFrame,
    *,
    by: str = "outlet",
    measure: Measure = "per_1k",
    frames: Sequence[str] | None = None,
    voices: Sequence[Voice] = ("authorial", "attributed"),
    order: Sequence[Any] | None = None,
    orient: Literal["h", "v"] = "h",
    errorbar: bool = True,
    palette: Mapping[str, Any] | None = None,
    legend: bool = True,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Bars per group and frame, authorial and attributed voice stacked.

    Each group (outlet) gets one bar per frame, in the frame's colour. With the
    default ``voices``, the bar is split into the authorial part (solid) and
    the attributed part (lighter, hatched), so the bar's length is the score of
    both voices together (voice ``all``) and the split shows who is speaking.

    Parameters
    ----------
    scores : pandas.DataFrame
        The score table of :func:`framing.scoring.score_table`: one row per
        group x frame x voice with columns ``<by>``, ``frame``, ``voice`` and
        ``measure``; ``matches`` as well for stacked shares; optionally the
        interval columns ``<measure>_ci_low`` and ``<measure>_ci_high`` of
        :func:`framing.statistics.bootstrap_scores`.
    by : str, default "outlet"
        The grouping column.
    measure : {"per_1k", "share"}, default "per_1k"
        Matches per 1,000 words, or the frame's share of the group's matches.
    frames : list of str, optional
        Frames to draw, in order; default the lexicon order stored in
        ``scores.attrs["frames"]``, else the order of first appearance.
    voices : sequence of {"authorial", "attributed", "all"}, default both voices
        Segments to stack, bottom first: ``("authorial", "attributed")`` (or
        reversed), or a single voice such as ``("all",)``.
    order : list, optional
        Groups to draw, in order (top to bottom, or left to right); default the
        order of first appearance.
    orient : {"h", "v"}, default "h"
        Horizontal bars (groups on the y axis, which reads long outlet names)
        or vertical bars.
    errorbar : bool, default True
        Draw the bootstrap interval when the interval columns are present.
    palette : dict, optional
        Frame -> colour; default :func:`framing.theme.frame_palette` of the
        lexicon's frames.
    legend : bool, default True
        Draw the legend (frames, then voices) above the axes.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; default the current axes.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.barh` (or ``bar``) for every
        segment, e.g. ``linewidth`` or ``alpha``.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError
        If a column is missing (the message names it), a frame or group is not
        in the data, ``voices`` mixes ``"all"`` with another voice, or stacked
        shares are asked for without a ``matches`` column.

    Notes
    -----
    *Stacking.* For ``per_1k`` the segments are the voices' own scores, which
    add up to the ``all`` score (same token denominator). Shares do not add up
    across voices (each voice's shares sum to 1), so for ``share`` a segment is
    the voice's part of the ``all`` share,
    :math:`m_{gfv} / \\sum_{f'} m_{gf',\\mathrm{all}}`, computed from
    ``matches``.

    *Intervals.* The interval drawn is that of the stacked total, i.e. of the
    ``all`` voice rows (or of the single voice drawn). Intervals of the
    segments are not drawn: the interval of a sum is not the sum of the
    intervals, and segment whiskers would clutter the bar.

    Bars whose score is undefined (NaN, e.g. a group without tokens) are not
    drawn. A light grid on the value axis helps reading bar ends; remove it
    with ``ax.grid(False)``.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> from framing.plots import frame_profile
    >>> from framing.theme import publication
    >>> scores = pd.DataFrame({
    ...     "outlet": ["A"] * 6 + ["B"] * 6,
    ...     "frame": ["coup", "coup", "coup", "protest", "protest", "protest"] * 2,
    ...     "voice": ["authorial", "attributed", "all"] * 4,
    ...     "per_1k": [2.0, 1.0, 3.0, 4.0, 0.5, 4.5, 0.5, 2.5, 3.0, 1.0, 1.0, 2.0]})
    >>> with publication(width="single"):
    ...     fig, ax = plt.subplots()
    ...     ax = frame_profile(scores, frames=["coup", "protest"])
    >>> len(ax.patches)  # 2 outlets x 2 frames x 2 voices
    8
    >>> ax.get_xlabel()
    'matches per 1,000 words'
    >>> plt.close(fig)
    """
    measure = _check_measure(measure)  # type: ignore[assignment]
    check_choice("orient", orient, ("h", "v"))
    voices = tuple(_as_list(voices, "voices"))
    if not voices:
        raise ValueError("`voices` is empty; pass ('authorial', 'attributed') or ('all',)")
    for v in voices:
        _check_voice(v, "voices")
    if "all" in voices and len(voices) > 1:
        raise ValueError(
            "`voices` cannot stack 'all' with another voice ('all' is their sum); pass "
            "('authorial', 'attributed') or ('all',)"
        )
    stacked = len(voices) > 1
    need = [measure] + (["matches"] if stacked and measure == "share" else [])
    hint = ("stacked shares are computed from `matches`; or pass voices=('all',)"
            if "matches" in need else "")
    scores = _check_scores(scores, by, [])
    require_columns(scores, need, "scores", hint=hint)
    frames = _resolve_frames(scores, frames)
    colors = _resolve_palette(scores, frames, palette)
    groups = _resolve_groups(scores, by, order)
    ax = _get_ax(ax)

    # segment lengths, shape (voices, groups, frames)
    if stacked and measure == "share":
        counts = np.stack([_pivot(_voice_rows(scores, v), by, "matches", groups, frames)
                           for v in voices])
        total = np.nansum(counts, axis=(0, 2))[None, :, None]
        with np.errstate(invalid="ignore", divide="ignore"):
            seg = np.where(total > 0, counts / total, np.nan)
    else:
        seg = np.stack([_pivot(_voice_rows(scores, v), by, measure, groups, frames)
                        for v in voices])
    ends = np.cumsum(np.nan_to_num(seg), axis=0)
    starts = ends - np.nan_to_num(seg)
    defined = np.isfinite(seg).all(axis=0)  # (groups, frames)

    # interval of the total
    lo_col, hi_col = f"{measure}_ci_low", f"{measure}_ci_high"
    ci = None
    if errorbar and lo_col in scores.columns and hi_col in scores.columns:
        ci_voice = "all" if stacked else voices[0]
        ci_rows = scores[scores["voice"] == ci_voice]
        if ci_rows.empty:
            warnings.warn(
                f"`scores` has interval columns but no rows with voice={ci_voice!r}; "
                "no error bars are drawn",
                FramingPlotWarning,
                stacklevel=2,
            )
        else:
            ci = (_pivot(ci_rows, by, lo_col, groups, frames),
                  _pivot(ci_rows, by, hi_col, groups, frames))
            with np.errstate(invalid="ignore"):
                reversed_ = ci[0] > ci[1]
            if reversed_.any():
                raise ValueError(
                    f"`scores['{lo_col}']` is above `scores['{hi_col}']` in "
                    f"{int(reversed_.sum())} row(s); the interval columns are swapped or wrong"
                )

    n_g, n_f = len(groups), len(frames)
    width = 0.8 / n_f
    pos = np.arange(n_g)[:, None] - 0.4 + (np.arange(n_f)[None, :] + 0.5) * width
    horizontal = orient == "h"
    bar = ax.barh if horizontal else ax.bar
    for j, frame in enumerate(frames):
        keep = defined[:, j]
        for k, voice in enumerate(voices):
            style = {**voice_style(colors[frame], voice), "linewidth": 0.5}
            style.update(kwargs)
            loc = pos[keep, j]
            length = np.nan_to_num(seg[k, keep, j])
            base = starts[k, keep, j]
            if horizontal:
                bar(loc, length, height=width, left=base, label=f"{frame} ({voice})", **style)
            else:
                bar(loc, length, width=width, bottom=base, label=f"{frame} ({voice})", **style)
        if ci is not None:
            low, high = ci[0][:, j], ci[1][:, j]
            tip = ends[-1, :, j]
            ok = keep & np.isfinite(low) & np.isfinite(high)
            if ok.any():
                bad = ok & ((low > tip + 1e-9) | (high < tip - 1e-9))
                if bad.any():
                    warnings.warn(
                        f"the interval of frame {frame!r} does not contain the bar's value for "
                        f"{[groups[i] for i in np.flatnonzero(bad)]}; check that the interval "
                        "columns belong to this measure and voice",
                        FramingPlotWarning,
                        stacklevel=2,
                    )
                # the whisker spans exactly [low, high], even around a bar end outside it
                centre = np.clip(tip[ok], low[ok], high[ok])
                err = np.vstack([centre - low[ok], high[ok] - centre])
                eb_kw = {"fmt": "none", "ecolor": "black", "elinewidth": 0.6,
                         "capthick": 0.6, "label": f"_{frame} interval"}
                if horizontal:
                    ax.errorbar(centre, pos[ok, j], xerr=err, **eb_kw)
                else:
                    ax.errorbar(pos[ok, j], centre, yerr=err, **eb_kw)

    labels = [str(g) for g in groups]
    value_label = _MEASURE_LABELS[measure]
    if horizontal:
        ax.set_yticks(np.arange(n_g), labels)
        ax.set_ylim(n_g - 0.5, -0.5)
        ax.set_xlim(left=0)
        ax.set_xlabel(value_label)
        ax.set_ylabel(by)
        ax.tick_params(axis="y", length=0)
        ax.grid(axis="x", which="major")
    else:
        rotate = _label_rotation(ax, labels, n_g, _points("xtick.labelsize"))
        ax.set_xticks(np.arange(n_g), labels, rotation=30 if rotate else 0,
                      ha="right" if rotate else "center", rotation_mode="anchor")
        ax.set_xlim(-0.5, n_g - 0.5)
        ax.set_ylim(bottom=0)
        ax.set_ylabel(value_label)
        ax.set_xlabel(by)
        ax.tick_params(axis="x", length=0)
        ax.grid(axis="y", which="major")
    ax.set_axisbelow(True)

    if legend:
        rows: list[list[tuple[Any, str]]] = [
            [(Patch(**voice_style(colors[f], "authorial"), linewidth=0.5), f) for f in frames]
        ]
        if stacked:
            grey = "#666666"
            rows.append([(Patch(**voice_style(grey, v), linewidth=0.5), f"{v} voice")
                         for v in voices])
        _legend_above(ax, rows)
    return ax


# --------------------------------------------------------------------------- ternary


def _barycentric(shares: np.ndarray) -> np.ndarray:
    """(n, 3) shares (a, b, c) -> (n, 2) x, y with corners a=(0,0), b=(1,0), c=(1/2, √3/2)."""
    p = np.asarray(shares, dtype=float)
    p = p / p.sum(axis=1, keepdims=True)
    return np.column_stack([p[:, 1] + p[:, 2] / 2.0, p[:, 2] * _SQRT3_2])


def ternary(
    scores: pd.DataFrame,
    *,
    by: str = "outlet",
    frames: Sequence[str] | None = None,
    voice: Voice = "all",
    order: Sequence[Any] | None = None,
    palette: Mapping[str, Any] | None = None,
    labels: bool = True,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Three frame shares per group on a triangle (simplex).

    Each group (outlet) is a point whose distance to a corner shows the share
    of that corner's frame: a point at a corner uses only that frame, the
    centre uses all three equally.

    Parameters
    ----------
    scores : pandas.DataFrame
        The score table of :func:`framing.scoring.score_table`, with columns
        ``<by>``, ``frame``, ``voice`` and ``share``.
    by : str, default "outlet"
        The grouping column; its values label the points.
    frames : list of 3 str, optional
        The three frames, in the order bottom-left, bottom-right, top; default
        the three frames of the table.
    voice : {"all", "authorial", "attributed"}, default "all"
        Whose words the shares count.
    order : list, optional
        Groups to draw; default all, in order of first appearance.
    palette : dict, optional
        Frame -> colour for the corner labels and scales.
    labels : bool, default True
        Label the points with the group names, placed next to the points
        without overlapping (with a leader line where space is tight).
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.scatter` for the points.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError
        If there are not exactly three frames (use :func:`frame_heatmap` for
        more), or a column is missing.

    Warns
    -----
    FramingPlotWarning
        For groups without any match of the three frames (no position).

    Notes
    -----
    With shares :math:`(a, b, c)` of the three frames, normalised to sum to 1,
    the point is at :math:`x = b + c/2`, :math:`y = \\tfrac{\\sqrt 3}{2} c`.
    If the lexicon has more than three frames, the shares are renormalised over
    the three drawn. Grid lines are at steps of 0.2; each scale is labelled
    along one edge, with ticks pointing along its grid lines, and increases
    towards its frame's corner.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> from framing.plots import ternary
    >>> scores = pd.DataFrame({
    ...     "outlet": ["A"] * 3 + ["B"] * 3, "frame": ["x", "y", "z"] * 2,
    ...     "voice": "all", "share": [1.0, 0.0, 0.0, 1 / 3, 1 / 3, 1 / 3]})
    >>> ax = ternary(scores)
    >>> ax.collections[-1].get_offsets().round(3).tolist()
    [[0.0, 0.0], [0.5, 0.289]]
    >>> plt.close(ax.figure)
    """
    _check_voice(voice)
    scores = _check_scores(scores, by, ["share"])
    rows = _voice_rows(scores, voice)
    frames = _resolve_frames(rows, frames)
    if len(frames) != 3:
        raise ValueError(
            f"a ternary plot shows exactly 3 frames, got {len(frames)}: {frames}; pass "
            "frames=[...] with three of them, or use frame_heatmap() for any number of frames"
        )
    colors = _resolve_palette(scores, frames, palette)
    groups = _resolve_groups(rows, by, order)
    shares = _pivot(rows, by, "share", groups, frames)
    if np.any(shares[np.isfinite(shares)] < 0):
        raise ValueError("`scores['share']` has negative values")
    total = np.nansum(shares, axis=1)
    ok = np.isfinite(shares).all(axis=1) & (total > 0)
    if not ok.all():
        warnings.warn(
            f"group(s) {[groups[i] for i in np.flatnonzero(~ok)]} have no {voice!r} matches "
            f"of {frames} and are not drawn",
            FramingPlotWarning,
            stacklevel=2,
        )
    xy = _barycentric(shares[ok]) if ok.any() else np.zeros((0, 2))
    names = [str(groups[i]) for i in np.flatnonzero(ok)]
    ax = _get_ax(ax)
    corners = np.array([[0.0, 0.0], [1.0, 0.0], [0.5, _SQRT3_2]])
    text_colors = {f: _text_color_for(colors[f]) for f in frames}

    # grid: lines of constant share at 0.2 steps, ticks and tick labels outside
    steps = (0.2, 0.4, 0.6, 0.8)
    segments, ticks = [], []
    tick_size = _points("xtick.labelsize")
    tick_len = 3.0  # points
    for t in steps:
        # frame a (constant a = t): left edge -> bottom edge; labelled on the bottom edge
        segments.append(_barycentric(np.array([[t, 0, 1 - t], [t, 1 - t, 0]])))
        # frame b (constant b = t): bottom edge -> right edge; labelled on the right edge
        segments.append(_barycentric(np.array([[1 - t, t, 0], [0, t, 1 - t]])))
        # frame c (constant c = t): right edge -> left edge; labelled on the left edge
        segments.append(_barycentric(np.array([[0, 1 - t, t], [1 - t, 0, t]])))
    for j in range(3):
        for t in steps:
            seg = segments[steps.index(t) * 3 + j]
            end, start = seg[1], seg[0]
            direction = (end - start) / np.linalg.norm(end - start)
            ticks.append((j, t, end, direction))
    ax.add_collection(LineCollection(segments, colors="0.85", linewidths=0.4, zorder=0.5,
                                     label="_grid"))
    ax.add_patch(Polygon(corners, closed=True, facecolor="none", edgecolor="0.2",
                         linewidth=0.6, zorder=1, label="_triangle"))
    for j, t, end, direction in ticks:
        frame = frames[j]
        offset = direction * tick_len
        ax.annotate("", xy=tuple(end), xycoords="data", xytext=tuple(offset),
                    textcoords="offset points",
                    arrowprops={"arrowstyle": "-", "color": "0.2", "lw": 0.6,
                                "shrinkA": 0, "shrinkB": 0})
        label_at = direction * (tick_len + 1.5)
        ha = "left" if direction[0] > 0.1 else ("right" if direction[0] < -0.1 else "center")
        va = "top" if direction[1] < -0.1 else ("bottom" if direction[1] > 0.1 else "center")
        ax.annotate(f"{t:.0%}", xy=tuple(end), xycoords="data", xytext=tuple(label_at),
                    textcoords="offset points", ha=ha, va=va, fontsize=tick_size,
                    color=text_colors[frame], gid=f"tick-{frame}")

    # corner labels, outside the tick labels; the bottom ones run inwards from their
    # corner, so a long frame name stays within the triangle's width (and the page)
    corner_size = _points("axes.labelsize")
    below = -(tick_len + 3.0 + tick_size * 1.3)  # under the row of bottom tick labels
    offsets = ((0.0, below), (0.0, below), (0.0, 5.0))
    aligns = (("left", "top"), ("right", "top"), ("center", "bottom"))
    for j, frame in enumerate(frames):
        ax.annotate(frame, xy=tuple(corners[j]), xycoords="data", xytext=offsets[j],
                    textcoords="offset points", ha=aligns[j][0], va=aligns[j][1],
                    fontsize=corner_size, color=text_colors[frame], fontweight="bold",
                    gid=f"corner-{frame}")

    scatter_kw = {"s": 16, "color": "0.15", "edgecolor": "white", "linewidth": 0.5,
                  "zorder": 3, "label": by, "clip_on": False}
    scatter_kw.update(kwargs)
    ax.scatter(xy[:, 0], xy[:, 1], **scatter_kw)
    if labels and names:
        marker_r = math.sqrt(float(np.atleast_1d(scatter_kw.get("s", 16))[0])) / 2 + 0.5
        edges = [(corners[k], corners[(k + 1) % 3], (0.0, 0.0)) for k in range(3)]
        marks = [(end, end, (float(d[0] * tick_len), float(d[1] * tick_len)))
                 for _, _, end, d in ticks]
        solver = _NearLabels(ax, xy, names, _points("legend.fontsize"),
                             marker_radius=marker_r, avoid=list(ax.texts),
                             segments=edges + marks)
        solver.add()
    ax.set_xlim(-0.02, 1.02)
    # room for the corner labels inside the axes (about 27 points below the base and
    # 15 above the apex at single-column width): constrained layout sizes the axes box
    # before the equal aspect shrinks it, so labels in the margins could be cut off
    ax.set_ylim(-0.13, _SQRT3_2 + 0.08)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return ax


# --------------------------------------------------------------------------- heatmaps


def _annotated_mesh(
    ax: Axes,
    values: np.ndarray,
    rows: Sequence[str],
    cols: Sequence[str],
    *,
    annotate: bool,
    fmt: str,
    cmap: Any,
    vmin: float | None,
    vmax: float | None,
    cbar: bool,
    cbar_label: str,
    kwargs: Mapping[str, Any],
    cbar_format: Any = None,
) -> Any:
    masked = np.ma.masked_invalid(values)
    mesh_kw = {"cmap": cmap, "vmin": vmin, "vmax": vmax, "edgecolors": "white",
               "linewidth": 0.5}
    mesh_kw.update(kwargs)
    mesh = ax.pcolormesh(np.arange(len(cols) + 1), np.arange(len(rows) + 1), masked, **mesh_kw)
    size = _points("xtick.labelsize")
    if annotate:
        for i in range(len(rows)):
            for j in range(len(cols)):
                if not np.isfinite(values[i, j]):
                    continue
                face = mesh.cmap(mesh.norm(values[i, j]))
                ax.text(j + 0.5, i + 0.5, _format(values[i, j], fmt), ha="center",
                        va="center", fontsize=size, color=_text_color_on(face))
    ax.set_xlim(0, len(cols))
    ax.set_ylim(len(rows), 0)
    rotate = _label_rotation(ax, cols, len(cols), size)
    ax.set_xticks(np.arange(len(cols)) + 0.5, cols, rotation=30 if rotate else 0,
                  ha="right" if rotate else "center", rotation_mode="anchor")
    ax.set_yticks(np.arange(len(rows)) + 0.5, rows)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    if cbar:
        fig = ax.figure  # the (sub)figure holding the axes
        # a label longer than the bar would stick out of the figure: break it
        root = _root_figure(ax)
        room = ax.get_position().height * root.get_figheight() * 72 * 0.85
        if _text_width_pt(cbar_label, _points("axes.labelsize")) > room and " " in cbar_label:
            cbar_label = _wrap_in_two(cbar_label)
        bar = fig.colorbar(mesh, ax=ax, label=cbar_label, fraction=0.08, pad=0.03, aspect=25,
                           format=cbar_format)
        bar.outline.set_linewidth(0.4)  # type: ignore[union-attr]
        bar.ax.tick_params(width=0.4, length=2)
    return mesh


def frame_heatmap(
    scores: pd.DataFrame,
    *,
    by: str = "outlet",
    measure: Measure = "per_1k",
    voice: Voice = "all",
    frames: Sequence[str] | None = None,
    order: Sequence[Any] | None = None,
    annotate: bool = True,
    fmt: str | None = None,
    cmap: Any = "cividis",
    cbar: bool = True,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Groups x frames as an annotated heatmap: any number of frames at a glance.

    Parameters
    ----------
    scores : pandas.DataFrame
        The score table of :func:`framing.scoring.score_table`.
    by : str, default "outlet"
        The grouping column (rows).
    measure : {"per_1k", "share"}, default "per_1k"
    voice : {"all", "authorial", "attributed"}, default "all"
    frames : list of str, optional
        Columns, in order; default the lexicon order.
    order : list, optional
        Rows, in order; default the order of first appearance.
    annotate : bool, default True
        Write each value in its cell, in black or white, whichever contrasts
        more with the cell colour.
    fmt : str, optional
        Format of the annotations; default ``".1f"`` for ``per_1k`` and
        ``".0%"`` for ``share``.
    cmap : str or Colormap, default "cividis"
        A sequential colour map; cividis is designed to be read the same with
        and without colour-vision deficiency, and in greyscale.
    cbar : bool, default True
        Draw a colour bar labelled with the measure's unit.
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.pcolormesh` (e.g. ``vmax``).

    Returns
    -------
    matplotlib.axes.Axes

    Notes
    -----
    The colour scale starts at 0 (``vmin=0``), so colours compare magnitudes,
    not only ranks. Cells without a value (NaN) are left blank.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> from framing.plots import frame_heatmap
    >>> scores = pd.DataFrame({"outlet": ["A", "A", "B", "B"], "frame": ["x", "y"] * 2,
    ...                        "voice": "all", "per_1k": [1.0, 2.5, 0.0, 4.0]})
    >>> ax = frame_heatmap(scores, cbar=False)
    >>> [t.get_text() for t in ax.texts]
    ['1.0', '2.5', '0.0', '4.0']
    >>> plt.close(ax.figure)
    """
    _check_voice(voice)
    measure = _check_measure(measure)  # type: ignore[assignment]
    scores = _check_scores(scores, by, [measure])
    rows = _voice_rows(scores, voice)
    frames = _resolve_frames(rows, frames)
    groups = _resolve_groups(rows, by, order)
    values = _pivot(rows, by, measure, groups, frames)
    if fmt is None:
        fmt = ".1f" if measure == "per_1k" else ".0%"
    ax = _get_ax(ax)
    vmax = kwargs.pop("vmax", None)
    vmin = kwargs.pop("vmin", 0.0)
    label = _MEASURE_LABELS[measure] + ("" if voice == "all" else f" ({voice})")
    _annotated_mesh(ax, values, [str(g) for g in groups], list(frames), annotate=annotate,
                    fmt=fmt, cmap=cmap, vmin=vmin, vmax=vmax, cbar=cbar, cbar_label=label,
                    kwargs=kwargs,
                    cbar_format=mticker.PercentFormatter(1.0) if measure == "share" else None)
    ax.set_xlabel("frame")
    ax.set_ylabel(by)
    return ax


def _cluster_order(sim: np.ndarray) -> np.ndarray:
    """Leaf order of average-linkage clustering on ``1 - sim`` (optimal leaf ordering)."""
    from scipy.cluster.hierarchy import leaves_list, linkage
    from scipy.spatial.distance import squareform

    n = len(sim)
    if n < 3:
        return np.arange(n)
    dist = np.clip(1.0 - (sim + sim.T) / 2.0, 0.0, None)
    np.fill_diagonal(dist, 0.0)
    tree = linkage(squareform(dist, checks=False), method="average", optimal_ordering=True)
    return np.asarray(leaves_list(tree))


def similarity_heatmap(
    similarity: pd.DataFrame,
    *,
    cluster: bool = True,
    annotate: bool = True,
    fmt: str = ".2f",
    cmap: Any = "cividis",
    cbar: bool = True,
    square: bool = False,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Cosine similarity of groups' frame profiles, ordered by clustering.

    Parameters
    ----------
    similarity : pandas.DataFrame
        A square, symmetric table (index = columns = groups) of similarities,
        e.g. :func:`framing.similarity.profile_similarity` (cosine similarity
        of the groups' frame profiles).
    cluster : bool, default True
        Order rows and columns by hierarchical clustering, so that similar
        groups sit next to each other; otherwise keep the table's order.
    annotate : bool, default True
        Write each value in its cell.
    fmt : str, default ".2f"
    cmap : str or Colormap, default "cividis"
    cbar : bool, default True
    square : bool, default False
        Square cells (``ax.set_aspect("equal")``); otherwise the cells fill
        the axes.
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.pcolormesh`.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError
        If the table is not square, its index and columns differ, it is not
        symmetric, or it has missing values other than whole rows.

    Warns
    -----
    FramingPlotWarning
        For groups whose row and column are all NaN (an empty profile in
        :func:`framing.similarity.profile_similarity`); they are left out.

    Notes
    -----
    Clustering is average linkage (UPGMA) on the distance ``1 - similarity``
    with optimal leaf ordering (Bar-Joseph et al. 2001), from
    :func:`scipy.cluster.hierarchy.linkage`. The colour scale runs from the
    smallest similarity between two groups, rounded down to a tenth, to 1:
    profiles of frame counts are usually similar (0.7-1), and a scale from 0
    would paint them all alike; the annotations give the values.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> from framing.plots import similarity_heatmap
    >>> names = ["A", "B", "C"]
    >>> sim = pd.DataFrame([[1, .2, .9], [.2, 1, .3], [.9, .3, 1]], index=names, columns=names)
    >>> ax = similarity_heatmap(sim, cbar=False)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['B', 'C', 'A']
    >>> plt.close(ax.figure)
    """
    if not isinstance(similarity, pd.DataFrame):
        raise TypeError(
            f"`similarity` must be a square pandas DataFrame, got {type(similarity).__name__}"
        )
    if similarity.shape[0] != similarity.shape[1] or similarity.shape[0] == 0:
        raise ValueError(f"`similarity` must be square and non-empty, got shape {similarity.shape}")
    if set(similarity.index) != set(similarity.columns) or similarity.index.has_duplicates:
        raise ValueError(
            "`similarity` must have the same labels, once each, as index and columns; got "
            f"index {list(similarity.index)} and columns {list(similarity.columns)}"
        )
    sim = similarity.loc[:, list(similarity.index)]
    try:
        values = sim.to_numpy(dtype=float)
    except (TypeError, ValueError) as err:
        raise ValueError(f"`similarity` must be numeric ({err})") from err
    # a group without any match has an undefined profile: a NaN row and column
    off = ~np.eye(len(values), dtype=bool)
    empty = np.array([np.isnan(values[i, off[i]]).all() if len(values) > 1
                      else np.isnan(values[i, i]) for i in range(len(values))])
    if empty.any():
        if empty.all():
            raise ValueError("`similarity` has no defined values (every profile is empty)")
        warnings.warn(
            f"group(s) {[sim.index[i] for i in np.flatnonzero(empty)]} have no similarity "
            "values (an empty profile) and are left out",
            FramingPlotWarning,
            stacklevel=2,
        )
        sim = sim.iloc[~empty, ~empty]
        values = values[np.ix_(~empty, ~empty)]
    if not np.isfinite(values).all():
        raise ValueError("`similarity` has missing or infinite values")
    if not np.allclose(values, values.T, atol=1e-8):
        raise ValueError("`similarity` is not symmetric; pass a similarity matrix")
    idx = _cluster_order(values) if cluster else np.arange(len(values))
    values = values[np.ix_(idx, idx)]
    names = [str(sim.index[i]) for i in idx]
    ax = _get_ax(ax)
    off = values[~np.eye(len(values), dtype=bool)]
    low = float(off.min()) if off.size else float(values.min())
    vmin = kwargs.pop("vmin", min(math.floor(low * 10) / 10, 0.9))
    vmax = kwargs.pop("vmax", 1.0)
    _annotated_mesh(ax, values, names, names, annotate=annotate, fmt=fmt, cmap=cmap,
                    vmin=vmin, vmax=vmax, cbar=cbar, cbar_label="cosine similarity",
                    kwargs=kwargs)
    if square:
        ax.set_aspect("equal")
    return ax


# --------------------------------------------------------------------------- keyness


def _plain_number(x: float, _pos: Any = None) -> str:
    """Tick label of a count on a log axis: 1, 10, 1,000 (not 10^3)."""
    return f"{x:,.0f}" if x >= 1 else f"{x:g}"


def keyness_plot(
    keyness: pd.DataFrame,
    *,
    group: Any,
    top: int = 10,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Distinctive terms of a group: keyness against frequency (Monroe et al. 2008).

    Every term is a small grey point at its total frequency (x, log scale) and
    its keyness (y). The ``top`` terms most distinctive of the group (highest
    values) are drawn black and labelled; so are the ``top`` most distinctive
    of the rest (lowest values), drawn as open circles. Labels sit in a column
    right of the axes, joined to their points by thin leader lines, so they
    never overlap the data or each other.

    Parameters
    ----------
    keyness : pandas.DataFrame
        The keyness table of :mod:`framing.statistics`: columns ``group``,
        ``term``, ``count``, ``count_rest``, ``statistic`` and ``value`` (the
        z-score for ``statistic == "logodds"``).
    group : str
        The group to show (one value of ``keyness['group']``).
    top : int, default 10
        Terms to label at each end; 0 labels none.
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.scatter` for the grey points of
        all terms (``rasterized=True`` keeps a PDF of many thousand terms small).

    Returns
    -------
    matplotlib.axes.Axes

    Notes
    -----
    For ``logodds`` the y axis is the z-score of the log-odds ratio with an
    informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, *Fightin'
    Words*, Political Analysis 16(4)); dashed lines mark :math:`|z| = 1.96`
    (two-sided 5%, not corrected for multiple comparisons). For ``chi2`` and
    ``g2`` the dashed line is the 5% critical value of :math:`\\chi^2_1`
    (3.84), mirrored when the values are signed; ``tfidf`` has no line.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> from framing.plots import keyness_plot
    >>> keyness = pd.DataFrame({
    ...     "group": "A", "term": ["coup", "protest", "gas", "the"],
    ...     "count": [30, 2, 5, 100], "count_rest": [3, 40, 6, 120],
    ...     "statistic": "logodds", "value": [4.2, -3.9, 0.3, 0.1]})
    >>> ax = keyness_plot(keyness, group="A", top=1)
    >>> sorted(t.get_text() for t in ax.texts)
    ['coup', 'protest']
    >>> plt.close(ax.figure)
    """
    require_columns(keyness, ["group", "term", "count", "count_rest", "statistic", "value"],
                    "keyness")
    check_int("top", top, 0)
    rows = keyness[keyness["group"] == group]
    if rows.empty:
        raise ValueError(
            f"`keyness` has no rows for group={group!r}; its groups are "
            f"{_first_appearance(keyness['group'])}"
        )
    stats = _first_appearance(rows["statistic"])
    if len(stats) != 1:
        raise ValueError(
            f"`keyness` mixes statistics {stats} for group {group!r}; filter one statistic"
        )
    stat = str(stats[0])
    check_choice("keyness['statistic']", stat, _KEYNESS_STATS)
    if rows["term"].duplicated().any():
        dup = rows.loc[rows["term"].duplicated(), "term"].tolist()[:3]
        raise ValueError(f"`keyness` lists term(s) {dup} more than once for group {group!r}")
    freq = (pd.to_numeric(rows["count"], errors="coerce")
            + pd.to_numeric(rows["count_rest"], errors="coerce")).to_numpy(dtype=float)
    value = pd.to_numeric(rows["value"], errors="coerce").to_numpy(dtype=float)
    terms = rows["term"].astype(str).to_numpy()
    ok = np.isfinite(freq) & (freq > 0) & np.isfinite(value)
    freq, value, terms = freq[ok], value[ok], terms[ok]
    if len(freq) == 0:
        raise ValueError(f"`keyness` has no term with a positive count and a value for {group!r}")
    ax = _get_ax(ax)

    # top terms: a stable sort, ties broken by term, so the choice is reproducible
    rank = np.lexsort((terms, -value))
    high = [i for i in rank[:top] if value[i] > 0]
    low = [i for i in np.lexsort((terms, value))[:top] if value[i] < 0 and i not in high]
    marked = np.zeros(len(freq), dtype=bool)
    marked[high + low] = True

    grey_kw = {"s": 4, "color": "0.65", "linewidth": 0, "alpha": 0.7, "zorder": 1,
               "label": "_terms"}
    grey_kw.update(kwargs)
    ax.scatter(freq[~marked], value[~marked], **grey_kw)
    ax.scatter(freq[high], value[high], s=10, color="black", linewidth=0, zorder=3,
               label=f"_distinctive of {group}")
    ax.scatter(freq[low], value[low], s=10, facecolor="white", edgecolor="black",
               linewidth=0.6, zorder=3, label="_distinctive of the rest")
    ax.set_xscale("log")
    decades = math.log10(freq.max() / freq.min()) if len(freq) else 0.0
    ax.xaxis.set_major_locator(
        mticker.LogLocator(base=10, subs=(1.0,) if decades >= 2 else (1.0, 2.0, 5.0)))
    ax.xaxis.set_minor_locator(mticker.LogLocator(base=10, subs=np.arange(2, 10) / 1.0))
    ax.xaxis.set_major_formatter(mticker.FuncFormatter(_plain_number))
    ax.xaxis.set_minor_formatter(mticker.NullFormatter())
    if stat == "logodds":
        line = _Z_95
    elif stat in ("chi2", "g2"):
        line = _CHI2_95
    else:
        line = None
    if line is not None:
        for y in (line, -line) if (value < 0).any() else (line,):
            ax.axhline(y, color="0.4", linewidth=0.5, linestyle=(0, (3, 2)), zorder=0.5,
                       label="_significance")
    ax.axhline(0, color="0.2", linewidth=0.5, zorder=0.6, label="_zero")
    ylabels = {"logodds": "log-odds ratio, z", "chi2": "chi-squared (signed)",
               "g2": "log-likelihood G² (signed)", "tfidf": "tf-idf"}
    ax.set_ylabel(f"{ylabels[stat]}: {group} vs. rest")
    ax.set_xlabel("term frequency (all groups)")
    idx = high + low
    if idx:
        solver = _ColumnLabels(ax, np.column_stack([freq[idx], value[idx]]), terms[idx],
                               _points("legend.fontsize"))
        solver.add()
    return ax


# --------------------------------------------------------------------------- time


def _parse_dates(values: pd.Series, column: str) -> pd.Series:
    try:
        dates = pd.to_datetime(values, errors="coerce", format="ISO8601", utc=True)
    except (TypeError, ValueError) as err:
        raise ValueError(f"`units['{column}']` cannot be read as ISO dates ({err})") from err
    return dates.dt.tz_localize(None)


def _period_start(dates: pd.Series, freq: str) -> pd.Series:
    if freq == "D":
        return dates.dt.normalize()
    if freq == "W":  # weeks start on Monday (ISO 8601)
        day = dates.dt.normalize()
        return day - pd.to_timedelta(day.dt.day_of_week, unit="D")
    return dates.dt.normalize() - pd.to_timedelta(dates.dt.day - 1, unit="D")


def _period_range(start: pd.Timestamp, end: pd.Timestamp, freq: str) -> pd.DatetimeIndex:
    step = {"D": "D", "W": "W-MON", "M": "MS"}[freq]
    return pd.date_range(start, end, freq=step)


def _date_locator(freq: str, n_periods: int) -> mdates.DateLocator:
    """Ticks on period starts: Mondays for weeks, first days for months."""
    if freq == "W":
        return mdates.WeekdayLocator(byweekday=mdates.MO, interval=max(1, math.ceil(n_periods / 5)))
    if freq == "M":
        return mdates.MonthLocator(interval=max(1, math.ceil(n_periods / 5)))
    return mdates.AutoDateLocator(minticks=2, maxticks=5)


def frames_over_time(
    units: pd.DataFrame,
    matches: pd.DataFrame,
    *,
    frames: Sequence[str],
    date: str = "date",
    by: str = "outlet",
    freq: Literal["D", "W", "M"] = "D",
    measure: Measure = "per_1k",
    voice: Voice = "all",
    order: Sequence[Any] | None = None,
    palette: Mapping[str, Any] | None = None,
    col_wrap: int | None = None,
    height: float = 1.0,
    sharey: bool = True,
) -> Figure:
    """Frames per day, week or month: one panel per group, one line per frame.

    A figure-level function (like seaborn's ``relplot``): it makes the figure,
    as wide as the current ``figure.figsize`` (so a single or double column
    inside :func:`framing.theme.publication`), with one panel per group.

    Parameters
    ----------
    units : pandas.DataFrame
        The sentences table (:attr:`framing.pipeline.Analysis.sentences`):
        ``doc_id``, ``sentence_id``, ``boilerplate``, ``n_tokens``, the date
        column and the ``by`` column (document metadata).
    matches : pandas.DataFrame
        The matches table: ``doc_id``, ``sentence_id``, ``frame``, ``voice``.
    frames : list of str
        All frames of the lexicon, in lexicon order (needed to score; all are
        drawn).
    date : str, default "date"
        Column of ISO 8601 dates (``"2022-01-14"``; times and time zones are
        allowed and converted to UTC). Documents without a date are left out
        with a warning.
    by : str, default "outlet"
        The grouping column: one panel per value.
    freq : {"D", "W", "M"}, default "D"
        Days, weeks (starting Monday) or calendar months.
    measure : {"per_1k", "share"}, default "per_1k"
    voice : {"all", "authorial", "attributed"}, default "all"
    order : list, optional
        Groups (panels), in order; default sorted.
    palette : dict, optional
        Frame -> colour; default :func:`framing.theme.frame_palette` of ``frames``.
    col_wrap : int, optional
        Panels per row; default as many 2.3 in wide panels as fit the width.
    height : float, default 1.0
        Height of each panel in inches.
    sharey : bool, default True
        Share the y axis across panels.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If the date column is missing or no document has a date, or a column
        is missing.

    Warns
    -----
    FramingPlotWarning
        When documents without a date are left out.

    Notes
    -----
    Scores are those of :func:`framing.scoring.score_table` computed per group
    and period (pooled: matches over tokens of the period's non-boilerplate
    sentences). Periods without documents have no score: the line is broken
    there rather than drawn through a zero that was never observed.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> from framing.plots import frames_over_time
    >>> units = pd.DataFrame({
    ...     "doc_id": ["a", "b", "c"], "sentence_id": 0, "boilerplate": False,
    ...     "n_tokens": [100, 200, 100], "outlet": ["X", "X", "Y"],
    ...     "date": ["2022-01-05", "2022-01-07", "2022-01-06"]})
    >>> matches = pd.DataFrame({"doc_id": ["a", "b", "c"], "sentence_id": 0,
    ...                         "frame": ["coup", "protest", "coup"], "voice": "authorial"})
    >>> fig = frames_over_time(units, matches, frames=["coup", "protest"])
    >>> [ax.get_title(loc="left") for ax in fig.axes]
    ['X', 'Y']
    >>> plt.close(fig)
    """
    from framing.scoring import FramingDataWarning, score_table

    require_columns(units, ["doc_id", "sentence_id", "boilerplate", "n_tokens", date, by],
                    "units",
                    hint=f"the `{date}` and `{by}` columns come from the corpus metadata"
                    if date not in getattr(units, "columns", ()) else "")
    require_columns(matches, ["doc_id", "sentence_id", "frame", "voice"], "matches")
    check_choice("freq", freq, _FREQS)
    measure = _check_measure(measure)  # type: ignore[assignment]
    _check_voice(voice)
    frames = _as_list(frames, "frames")
    if not frames:
        raise ValueError("`frames` is empty; pass the lexicon's frames")
    if isinstance(height, bool) or not isinstance(height, int | float) or height <= 0:
        raise invalid("height", height, "a positive number of inches")
    dates = _parse_dates(units[date], date)
    if units[by].isna().any():
        raise ValueError(
            f"{int(units[by].isna().sum())} unit(s) have no value in `units['{by}']`; fill or "
            "drop them first"
        )
    per_doc = (pd.DataFrame({"doc": units["doc_id"].to_numpy(), "g": units[by].to_numpy(),
                             "d": dates.to_numpy()})
               .groupby("doc", sort=False)[["g", "d"]].nunique(dropna=False).max(axis=1))
    split = per_doc.index[per_doc.to_numpy() > 1]
    if len(split):
        raise ValueError(
            f"document(s) {list(split[:3])} have more than one value of `units['{by}']` or "
            f"`units['{date}']`; both must be document metadata (one value per document)"
        )
    missing = dates.isna().to_numpy()
    if missing.all():
        raise ValueError(
            f"no document has a date in `units['{date}']`; frames over time need dates "
            "(add a 'date' column with ISO dates such as 2022-01-14 to the corpus metadata)"
        )
    if missing.any():
        dropped = pd.unique(units.loc[missing, "doc_id"])
        warnings.warn(
            f"{len(dropped)} document(s) without a date in `units['{date}']` are left out, "
            f"e.g. {list(dropped[:3])}",
            FramingPlotWarning,
            stacklevel=2,
        )
    keep_docs = set(units.loc[~missing, "doc_id"])
    dated = units.loc[~missing].copy()
    dated["_period"] = _period_start(dates[~missing], freq).to_numpy()
    pairs = pd.MultiIndex.from_arrays([dated[by], dated["_period"]])
    codes, uniques = pd.factorize(pairs, sort=True)
    dated["_cell"] = codes
    frames_all = frames + [f for f in _first_appearance(matches["frame"]) if f not in frames]
    with warnings.catch_warnings():
        # a period whose sentences are all boilerplate has no score; the line breaks there
        warnings.filterwarnings("ignore", category=FramingDataWarning)
        cell_scores = score_table(dated, matches[matches["doc_id"].isin(keep_docs)],
                                  by="_cell", frames=frames_all)
    cell_scores = cell_scores[cell_scores["voice"] == voice]
    cell_scores = cell_scores.assign(
        _group=[uniques[c][0] for c in cell_scores["_cell"]],
        _period=[uniques[c][1] for c in cell_scores["_cell"]],
    )
    colors = _resolve_palette(None, frames, palette)
    groups = sorted(pd.unique(dated[by])) if order is None else _as_list(order, "order")
    absent = [g for g in groups if g not in set(dated[by])]
    if absent:
        raise ValueError(f"`order` lists {absent}, which have no dated documents")
    periods = _period_range(dated["_period"].min(), dated["_period"].max(), freq)

    fig_w = float(mpl.rcParams["figure.figsize"][0])
    if col_wrap is None:
        col_wrap = max(1, min(len(groups), int(fig_w // 2.3)))
    col_wrap = check_int("col_wrap", col_wrap, 1)
    n_rows = math.ceil(len(groups) / col_wrap)
    fig = plt.figure(figsize=(fig_w, n_rows * height + 0.6), layout="constrained")
    axes = fig.subplots(n_rows, col_wrap, sharex=True, sharey=sharey, squeeze=False)
    size = _points("axes.titlesize")
    for k, group in enumerate(groups):
        ax = axes.flat[k]
        sub = cell_scores[cell_scores["_group"] == group]
        for frame in frames:
            series = (sub[sub["frame"] == frame].set_index("_period")[measure]
                      .reindex(periods))
            ax.plot(periods, series.to_numpy(dtype=float), color=colors[frame], marker="o",
                    markersize=2.5, linewidth=1.0, label=frame, clip_on=False)
        ax.set_title(str(group), loc="left", fontsize=size)
        locator = _date_locator(freq, len(periods))
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(
            mdates.ConciseDateFormatter(locator, show_offset=True) if freq == "D"
            else mdates.DateFormatter("%d %b" if freq == "W" else "%b %Y"))
    for ax in axes.flat[: len(groups)]:  # after plotting, so shared limits cover every panel
        ax.set_ylim(bottom=0)
    for ax in axes.flat[len(groups):]:
        ax.set_visible(False)
    # the bottom panel of a column whose last row is empty shows the dates
    for c in range(col_wrap):
        col = [axes[r, c] for r in range(n_rows) if r * col_wrap + c < len(groups)]
        if col:
            col[-1].xaxis.set_tick_params(labelbottom=True)
    if len(periods) == 1:  # one period: widen the axis so the point is not on the edge
        for ax in axes.flat[: len(groups)]:
            ax.set_xlim(periods[0] - pd.Timedelta(days=1), periods[0] + pd.Timedelta(days=1))
    fig.supylabel(_MEASURE_LABELS[measure] + ("" if voice == "all" else f" ({voice})"),
                  fontsize=_points("axes.labelsize"))
    years = sorted({periods[0].year, periods[-1].year})
    span = "\N{EN DASH}".join(str(y) for y in years)
    fig.supxlabel({"D": "date", "W": f"week starting Monday, {span}", "M": "month"}[freq],
                  fontsize=_points("axes.labelsize"))
    handles = [Line2D([], [], color=colors[f], marker="o", markersize=2.5, linewidth=1.0)
               for f in frames]
    fig.legend(handles, frames, loc="outside upper center", ncol=len(frames), frameon=False)
    return fig


# --------------------------------------------------------------------------- evidence


class EvidenceTable(pd.DataFrame):
    """A keyword-in-context table that renders with the keyword highlighted in notebooks.

    A :class:`pandas.DataFrame` with the columns of :func:`evidence_table`;
    ``attrs["frame"]`` and ``attrs["color"]`` give the highlight colour.
    """

    @property
    def _constructor(self) -> Callable[..., pd.DataFrame]:
        return EvidenceTable

    def to_kwic_html(self) -> str:
        """The table as HTML: left context right-aligned, keyword highlighted, right context.

        Returns
        -------
        str
            A ``<table>`` element, with all text escaped.
        """
        needed = ("left", "keyword", "right")
        if any(c not in self.columns for c in needed):
            return pd.DataFrame(self)._repr_html_() or ""
        color = self.attrs.get("color", "#E69F00")
        light = mcolors.to_hex(tuple(0.35 * c + 0.65 for c in mcolors.to_rgb(color)))
        others = [c for c in self.columns if c not in needed]
        head = "".join(f"<th>{html.escape(str(c))}</th>" for c in others)
        rows = []
        for _, r in self.iterrows():
            cells = "".join(f"<td>{html.escape(str(r[c]))}</td>" for c in others)
            rows.append(
                f"<tr>{cells}<td style='text-align:right;white-space:nowrap'>"
                f"{html.escape(str(r['left']))}</td><td style='white-space:nowrap'>"
                f"<mark style='background:{light};border-bottom:2px solid {color};"
                f"padding:0 2px'>{html.escape(str(r['keyword']))}</mark></td>"
                f"<td style='white-space:nowrap'>{html.escape(str(r['right']))}</td></tr>"
            )
        frame = html.escape(str(self.attrs.get("frame", "")))
        caption = f"<caption>frame: {frame}</caption>" if frame else ""
        return (f"<table class='framing-kwic'>{caption}<thead><tr>{head}<th>left</th>"
                f"<th>keyword</th><th>right</th></tr></thead><tbody>{''.join(rows)}"
                "</tbody></table>")

    def _repr_html_(self) -> str | None:
        return self.to_kwic_html()


def _text_of(texts: Any, doc_id: Any) -> str:
    try:
        item = texts[doc_id]
    except (KeyError, IndexError, TypeError):
        raise ValueError(
            f"no text for document {doc_id!r} in `texts`; pass a mapping doc_id -> text "
            "(or the Corpus) holding every document of `matches`"
        ) from None
    text = getattr(item, "text", item)
    if not isinstance(text, str):
        raise TypeError(f"the text of document {doc_id!r} is {type(text).__name__}, not str")
    return text


def _squash(s: str) -> str:
    return " ".join(s.split())


def evidence_table(
    matches: pd.DataFrame,
    texts: Mapping[Any, str] | Any,
    *,
    frame: str,
    outlet: Any | None = None,
    by: str = "outlet",
    voice: Voice | None = None,
    n: int | None = 10,
    width: int = 50,
    frames: Sequence[str] | None = None,
    palette: Mapping[str, Any] | None = None,
) -> EvidenceTable:
    """Keyword in context for one frame: the evidence behind a score.

    Parameters
    ----------
    matches : pandas.DataFrame
        The matches table: ``doc_id``, ``sentence_id``, ``start``, ``end``,
        ``frame``, ``voice`` and optionally ``text``, ``entry``,
        ``voice_reason`` and the ``by`` column.
    texts : mapping or Corpus
        doc_id -> document text (or an object with a ``text`` attribute, as
        the items of a :class:`framing.corpus.Corpus`). Offsets index into it.
    frame : str
        The frame to show.
    outlet : optional
        Show only matches of this value of ``matches[by]``.
    by : str, default "outlet"
        The column ``outlet`` refers to; merge it onto ``matches`` from the
        documents table if needed.
    voice : {"authorial", "attributed"}, optional
        Show only matches in this voice; default both.
    n : int or None, default 10
        Rows to show; None shows all. Rows are taken in turn from each
        document (first match of every document, then the second, ...), so a
        long document does not crowd out the others.
    width : int, default 50
        Characters of context on each side; after cutting, whitespace is
        collapsed to single spaces and trimmed (``start``/``end`` stay exact).
    frames : list of str, optional
        The lexicon's frames, in order, to pick the frame's colour as in the
        figures (:func:`framing.theme.frame_palette`); default the order of
        first appearance in ``matches``. Pass it (or ``palette``) so the
        highlight matches the figures.
    palette : dict, optional
        Frame -> colour; overrides ``frames``.

    Returns
    -------
    EvidenceTable
        A DataFrame with columns ``doc_id``, ``sentence_id``, ``start``,
        ``end``, ``left``, ``keyword``, ``right``, ``voice``, and ``entry``,
        ``voice_reason`` and ``by`` when ``matches`` has them. In a notebook
        it renders with the keyword highlighted in the frame's colour; the
        HTML is also :meth:`EvidenceTable.to_kwic_html`.

    Raises
    ------
    ValueError
        If a column is missing, the frame has no matches (the message lists the
        frames), a document's text is missing, or a match's offsets do not
        select its ``text`` in the document.

    Examples
    --------
    >>> import pandas as pd
    >>> from framing.plots import evidence_table
    >>> texts = {"d1": "Officials called the protesters terrorists on Friday."}
    >>> matches = pd.DataFrame({"doc_id": ["d1"], "sentence_id": [0], "start": [32],
    ...                         "end": [42], "text": ["terrorists"], "frame": ["coup"],
    ...                         "voice": ["authorial"]})
    >>> table = evidence_table(matches, texts, frame="coup", width=12)
    >>> table[["left", "keyword", "right"]].to_numpy().tolist()
    [['protesters', 'terrorists', 'on Friday.']]
    """
    require_columns(matches, ["doc_id", "sentence_id", "start", "end", "frame", "voice"],
                    "matches")
    if outlet is not None:
        require_columns(matches, [by], "matches",
                        hint=f"merge it from the documents table: "
                        f"matches.merge(documents[['doc_id', '{by}']], on='doc_id')")
    check_choice("voice", voice, ("authorial", "attributed", None))
    if n is not None and (isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1):
        raise invalid("n", n, "a positive integer or None")
    check_int("width", width, 0)
    present = _first_appearance(matches["frame"])
    if frame not in set(present):
        raise ValueError(f"frame {frame!r} has no matches; the frames matched are {present}")
    if palette is not None:
        color = _resolve_palette(None, [frame], palette)[frame]
    else:
        order = _as_list(frames, "frames") if frames is not None else present
        if frame not in order:
            raise ValueError(f"`frames` does not list {frame!r}")
        color = frame_palette(order, warn=False)[frame]
    sel = matches[matches["frame"] == frame]
    if outlet is not None:
        sel = sel[sel[by] == outlet]
    if voice is not None:
        sel = sel[sel["voice"] == voice]
    sel = sel.sort_values(["doc_id", "start", "end"], kind="stable")
    sel = sel.assign(_rank=sel.groupby("doc_id", sort=False).cumcount())
    sel = sel.sort_values(["_rank", "doc_id"], kind="stable")
    if n is not None:
        sel = sel.head(int(n))
    sel = sel.sort_values(["doc_id", "start", "end"], kind="stable")
    records = []
    for row in sel.to_dict("records"):
        text = _text_of(texts, row["doc_id"])
        start, end = int(row["start"]), int(row["end"])
        if not 0 <= start <= end <= len(text):
            raise ValueError(
                f"match offsets {start}:{end} are outside document {row['doc_id']!r} "
                f"({len(text)} characters); are `texts` the texts the matches came from?"
            )
        keyword = text[start:end]
        if "text" in row and isinstance(row["text"], str) and row["text"] != keyword:
            raise ValueError(
                f"match offsets {start}:{end} of document {row['doc_id']!r} select "
                f"{keyword!r}, not the matched text {row['text']!r}; are `texts` the texts "
                "the matches came from?"
            )
        rec = {"doc_id": row["doc_id"], "sentence_id": row["sentence_id"], "start": start,
               "end": end, "left": _squash(text[max(0, start - width):start]),
               "keyword": keyword, "right": _squash(text[end:end + width]),
               "voice": row["voice"]}
        for extra in ("entry", "voice_reason", by):
            if extra in row and extra not in rec:
                rec[extra] = row[extra]
        records.append(rec)
    columns = ["doc_id", "sentence_id", "start", "end", "left", "keyword", "right", "voice"]
    columns += [c for c in ("entry", "voice_reason", by) if c in matches.columns]
    table = EvidenceTable(pd.DataFrame.from_records(records, columns=columns))
    table.attrs.update(frame=frame, color=color)
    return table



def sourcing_plot(
    profile: pd.DataFrame,
    *,
    by: str = "outlet",
    measure: Literal["share_words", "words", "n_statements"] = "share_words",
    roles: Sequence[str] | None = None,
    order: Sequence[Any] | None = None,
    legend: bool = True,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Who speaks in each outlet: quoted words (or statements) by actor role, stacked.

    Parameters
    ----------
    profile : pandas.DataFrame
        :func:`framing.quotes.sourcing_profile` output: ``<by>``,
        ``speaker_role`` and ``measure``.
    by : str, default "outlet"
    measure : {"share_words", "words", "n_statements"}, default "share_words"
        The share of the outlet's quoted and reported words per role, the words,
        or the number of statements.
    roles : sequence of str, optional
        Role order (and colours); default: by total over all outlets, largest first.
    order : sequence, optional
        Group order (top to bottom); default sorted.
    legend : bool, default True
    ax : matplotlib Axes, optional
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.barh`.

    Returns
    -------
    matplotlib.axes.Axes
    """
    require_columns(profile, [by, "speaker_role", measure], "profile",
                    hint="build it with framing.quotes.sourcing_profile")
    ax = _get_ax(ax)
    table = profile.pivot_table(index=by, columns="speaker_role", values=measure,
                                aggfunc="sum", fill_value=0)
    if roles is None:
        roles = list(table.sum(axis=0).sort_values(ascending=False, kind="stable").index)
    missing = [r for r in roles if r not in table.columns]
    for r in missing:
        table[r] = 0
    groups = list(order) if order is not None else sorted(table.index, key=str)
    table = table.reindex(index=groups, columns=list(roles), fill_value=0)
    colors = {r: ROLE_COLORS[i % len(ROLE_COLORS)] for i, r in enumerate(roles)}
    y = np.arange(len(groups))[::-1]
    left = np.zeros(len(groups))
    for role in roles:
        values = table[role].to_numpy(dtype=float)
        ax.barh(y, values, left=left, color=colors[role], edgecolor="white", linewidth=0.4,
                label=str(role).replace("_", " "), **kwargs)
        left += values
    ax.set_yticks(y, [str(g) for g in groups])
    ax.set_ylabel(by)
    labels = {"share_words": "share of quoted and reported words",
              "words": "quoted and reported words", "n_statements": "statements"}
    ax.set_xlabel(labels[measure])
    if measure == "share_words":
        ax.set_xlim(0, 1)
    ax.grid(axis="x", linewidth=0.4, alpha=0.5)
    ax.set_axisbelow(True)
    if legend:
        ax.legend(loc="lower left", bbox_to_anchor=(1.01, 0.0), frameon=False,
                  title="speaker role", alignment="left")
    return ax

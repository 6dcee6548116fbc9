"""Figures: artists are checked against the data (seaborn style); two flagship baselines.

Baseline images live in ``tests/baseline/``. To regenerate them after an intended
change of a flagship figure, run::

    FRAMING_UPDATE_BASELINES=1 pytest tests/test_plots.py -k baseline

then look at the new PNGs before committing them. The comparisons are skipped
under a matplotlib version other than :data:`BASELINE_MPL` (text rendering
changes between releases).
"""

from __future__ import annotations

import itertools
import math
import os
import warnings
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")

import matplotlib as mpl

mpl.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib import colors as mcolors
from matplotlib.collections import LineCollection, PathCollection, QuadMesh
from matplotlib.container import BarContainer, ErrorbarContainer
from matplotlib.testing.compare import compare_images
from matplotlib.text import Annotation, Text
from scipy.cluster.hierarchy import leaves_list, linkage
from scipy.spatial.distance import squareform

from framing.plots import (
    EvidenceTable,
    FramingPlotWarning,
    _length_inside,
    evidence_table,
    frame_heatmap,
    frame_profile,
    frames_over_time,
    keyness_plot,
    similarity_heatmap,
    ternary,
)
from framing.theme import frame_palette, publication, voice_style

FRAMES = ["coup_terror", "protest_crackdown", "geopolitical_win"]
OUTLETS = ["Al Jazeera", "Daily Express", "Reuters", "RT", "TASS"]
BASELINE = Path(__file__).parent / "baseline"
BASELINE_MPL = "3.11"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# --------------------------------------------------------------------------- data


def make_scores(outlets=OUTLETS, frames=FRAMES, *, ci=True, seed=0):
    """A score table as framing.scoring.score_table (and bootstrap intervals) make it."""
    rng = np.random.default_rng(seed)
    rows = []
    for outlet in outlets:
        tokens = int(rng.integers(2000, 9000))
        for frame in frames:
            a, b = int(rng.integers(1, 30)), int(rng.integers(0, 20))
            for voice, m in (("authorial", a), ("attributed", b), ("all", a + b)):
                rows.append({"outlet": outlet, "frame": frame, "voice": voice, "matches": m,
                             "tokens": tokens})
    scores = pd.DataFrame(rows)
    scores["per_1k"] = 1000 * scores["matches"] / scores["tokens"]
    total = scores.groupby(["outlet", "voice"])["matches"].transform("sum")
    scores["share"] = scores["matches"] / total
    if ci:
        for m in ("per_1k", "share"):
            half = 0.2 * scores[m] + 0.05
            scores[f"{m}_ci_low"] = (scores[m] - 0.8 * half).clip(lower=0)
            scores[f"{m}_ci_high"] = scores[m] + 1.2 * half
        scores["n_resampled"] = 1000
        scores["resample_unit"] = "doc"
    scores.attrs["frames"] = list(frames)
    return scores


def shares_table(shares: dict[str, tuple[float, float, float]]) -> pd.DataFrame:
    rows = [{"outlet": o, "frame": f, "voice": "all", "share": s}
            for o, values in shares.items() for f, s in zip(FRAMES, values, strict=True)]
    return pd.DataFrame(rows)


def make_keyness(n=200, seed=1):
    rng = np.random.default_rng(seed)
    terms = [f"term{i:03d}" for i in range(n)]
    value = rng.normal(0, 1, n)
    value[:5] = [6.0, 5.0, 4.5, 4.0, 3.5]
    value[5:10] = [-6.0, -5.0, -4.5, -4.0, -3.5]
    return pd.DataFrame({
        "group": "RT", "term": terms, "count": rng.integers(1, 300, n),
        "count_rest": rng.integers(1, 300, n), "statistic": "logodds", "value": value,
        "p_value": 0.5, "log_odds": value / 3,
    })


def make_similarity():
    names = ["A", "B", "C", "D", "E"]
    vectors = np.array([[9, 1, 1], [1, 9, 2], [8, 2, 1], [1, 8, 3], [3, 3, 9]], dtype=float)
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    return pd.DataFrame(unit @ unit.T, index=names, columns=names)


def value(scores, outlet, frame, voice, column):
    row = scores[(scores.outlet == outlet) & (scores.frame == frame) & (scores.voice == voice)]
    return float(row[column].iloc[0])


def bars_of(ax, frame, voice):
    (container,) = [c for c in ax.containers
                    if isinstance(c, BarContainer) and c.get_label() == f"{frame} ({voice})"]
    return list(container.patches)


def errorbars_of(ax):
    return [c for c in ax.containers if isinstance(c, ErrorbarContainer)]


# --------------------------------------------------------------------------- layout checks


def text_boxes(fig):
    """Text, extent and outline of every visible, non-empty text (without arrows)."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    hidden = set()  # labels of ticks outside the view limits are not drawn
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            low, high = sorted(axis.get_view_interval())
            span = (high - low) * 1e-9
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if not low - span <= tick.get_loc() <= high + span:
                    hidden.update({id(tick.label1), id(tick.label2)})
    boxes = []
    for artist in fig.findobj(Text):
        if not artist.get_visible() or not artist.get_text().strip() or id(artist) in hidden:
            continue
        if artist.axes is not None and artist in (artist.axes.xaxis.offsetText,
                                                  artist.axes.yaxis.offsetText):
            continue
        box = Text.get_window_extent(artist, renderer)  # without an annotation's arrow
        boxes.append((artist.get_text(), box, _outline(artist, box, renderer)))
    return boxes


def _outline(artist, box, renderer):
    """Corners of the (possibly rotated) rectangle a text occupies, in display units.

    The axis-aligned extent of rotated text is larger than the text; the rotated
    rectangle has the same centre, the unrotated size and the text's angle.
    """
    flat = Text(0, 0, artist.get_text(), fontproperties=artist.get_fontproperties())
    flat.set_figure(artist.get_figure(root=True))
    size = flat.get_window_extent(renderer)
    angle = math.radians(artist.get_rotation())
    c, s = math.cos(angle), math.sin(angle)
    half = np.array([[-1, -1], [1, -1], [1, 1], [-1, 1]]) * [size.width / 2, size.height / 2]
    rot = np.array([[c, -s], [s, c]])
    return half @ rot.T + [(box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2]


def _polygons_overlap(p, q, tolerance):
    """Separating-axis test for two convex polygons, with a tolerance in pixels."""
    for poly in (p, q):
        for i in range(len(poly)):
            edge = poly[(i + 1) % len(poly)] - poly[i]
            normal = np.array([-edge[1], edge[0]]) / np.hypot(*edge)
            a, b = p @ normal, q @ normal
            if a.max() - tolerance <= b.min() or b.max() - tolerance <= a.min():
                return False
    return True


def assert_no_overlap(fig, tolerance=0.5):
    for (ta, _, a), (tb, _, b) in itertools.combinations(text_boxes(fig), 2):
        assert not _polygons_overlap(a, b, tolerance), f"{ta!r} overlaps {tb!r}"


def assert_inside_figure(fig):
    bounds = fig.bbox
    for text, box, _ in text_boxes(fig):
        assert box.x0 >= bounds.x0 - 1 and box.x1 <= bounds.x1 + 1, f"{text!r} is cut off"
        assert box.y0 >= bounds.y0 - 1 and box.y1 <= bounds.y1 + 1, f"{text!r} is cut off"


# =========================================================================== frame_profile


def test_frame_profile_draws_one_bar_per_group_frame_and_voice():
    scores = make_scores()
    ax = frame_profile(scores)
    assert len(ax.patches) == len(OUTLETS) * len(FRAMES) * 2


def test_frame_profile_bar_lengths_equal_the_scores_and_stack():
    scores = make_scores()
    ax = frame_profile(scores)
    for frame in FRAMES:
        authorial = bars_of(ax, frame, "authorial")
        attributed = bars_of(ax, frame, "attributed")
        for outlet, a, b in zip(OUTLETS, authorial, attributed, strict=True):
            assert a.get_width() == pytest.approx(value(scores, outlet, frame, "authorial",
                                                        "per_1k"))
            assert a.get_x() == 0
            assert b.get_x() == pytest.approx(a.get_width())  # stacked on the authorial part
            assert b.get_width() == pytest.approx(value(scores, outlet, frame, "attributed",
                                                        "per_1k"))
            assert a.get_x() + a.get_width() + b.get_width() == pytest.approx(
                value(scores, outlet, frame, "all", "per_1k"))


def test_frame_profile_colours_follow_the_frame_palette():
    scores = make_scores()
    ax = frame_profile(scores)
    palette = frame_palette(FRAMES)
    for frame in FRAMES:
        for bar in bars_of(ax, frame, "authorial"):
            assert mcolors.to_hex(bar.get_facecolor()).upper() == palette[frame]
            assert not bar.get_hatch()
        for bar in bars_of(ax, frame, "attributed"):
            expected = voice_style(palette[frame], "attributed")
            assert mcolors.to_hex(bar.get_facecolor()).upper() == expected["facecolor"]
            assert mcolors.to_hex(bar.get_edgecolor()).upper() == palette[frame]
            assert bar.get_hatch() == expected["hatch"]


def test_frame_profile_keeps_colours_for_a_subset_of_frames():
    scores = make_scores()
    subset = scores[scores.frame != "coup_terror"]  # attrs still name all lexicon frames
    ax = frame_profile(subset)
    bar = bars_of(ax, "geopolitical_win", "authorial")[0]
    assert mcolors.to_hex(bar.get_facecolor()).upper() == frame_palette(FRAMES)[
        "geopolitical_win"]


def test_frame_profile_error_bars_are_the_intervals_of_the_stacked_total():
    scores = make_scores()
    ax = frame_profile(scores)
    containers = errorbars_of(ax)
    assert len(containers) == len(FRAMES)
    for frame, container in zip(FRAMES, containers, strict=True):
        segments = container.lines[2][0].get_segments()
        tops = bars_of(ax, frame, "attributed")
        assert len(segments) == len(OUTLETS)
        for outlet, seg, top in zip(OUTLETS, segments, tops, strict=True):
            (x0, y0), (x1, y1) = seg
            assert sorted([x0, x1]) == pytest.approx([
                value(scores, outlet, frame, "all", "per_1k_ci_low"),
                value(scores, outlet, frame, "all", "per_1k_ci_high")])
            assert y0 == y1 == pytest.approx(top.get_y() + top.get_height() / 2)


def test_frame_profile_without_intervals_draws_no_error_bars():
    ax = frame_profile(make_scores(ci=False))
    assert errorbars_of(ax) == []
    ax2 = frame_profile(make_scores(), errorbar=False, ax=plt.figure().gca())
    assert errorbars_of(ax2) == []


def test_frame_profile_single_voice():
    scores = make_scores()
    ax = frame_profile(scores, voices=("all",))
    assert len(ax.patches) == len(OUTLETS) * len(FRAMES)
    bars = bars_of(ax, "coup_terror", "all")
    assert [b.get_width() for b in bars] == pytest.approx(
        [value(scores, o, "coup_terror", "all", "per_1k") for o in OUTLETS])
    seg = errorbars_of(ax)[0].lines[2][0].get_segments()[0]
    assert sorted(p[0] for p in seg) == pytest.approx(
        [value(scores, OUTLETS[0], "coup_terror", "all", "per_1k_ci_low"),
         value(scores, OUTLETS[0], "coup_terror", "all", "per_1k_ci_high")])


def test_frame_profile_stacked_shares_split_the_all_share():
    scores = make_scores()
    ax = frame_profile(scores, measure="share", orient="v")
    assert ax.get_ylabel() == "share of the group's frame matches"
    for frame in FRAMES:
        for outlet, a, b in zip(OUTLETS, bars_of(ax, frame, "authorial"),
                                bars_of(ax, frame, "attributed"), strict=True):
            total = scores[(scores.outlet == outlet) & (scores.voice == "all")]["matches"].sum()
            assert a.get_height() == pytest.approx(
                value(scores, outlet, frame, "authorial", "matches") / total)
            assert a.get_height() + b.get_height() == pytest.approx(
                value(scores, outlet, frame, "all", "share"))


def test_frame_profile_labels_and_limits():
    scores = make_scores()
    ax = frame_profile(scores, order=["TASS", "RT"])
    assert ax.get_xlabel() == "matches per 1,000 words"
    assert ax.get_ylabel() == "outlet"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["TASS", "RT"]
    assert ax.get_xlim()[0] == 0
    assert ax.get_ylim()[0] > ax.get_ylim()[1]  # first group on top


def test_frame_profile_legend_names_frames_and_voices_outside_the_data():
    with publication(width="single"):
        fig, ax = plt.subplots()
        frame_profile(make_scores(), ax=ax)
        legend = ax.get_legend()
        labels = [t.get_text() for t in legend.get_texts() if t.get_text()]
        assert sorted(labels) == sorted([*FRAMES, "authorial voice", "attributed voice"])
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        box = legend.get_window_extent(renderer)
        assert box.y0 >= ax.get_window_extent(renderer).y1  # above the axes
        assert_no_overlap(fig)
        assert_inside_figure(fig)


@pytest.mark.parametrize("width", ["single", "double"])
@pytest.mark.parametrize("orient", ["h", "v"])
def test_frame_profile_text_does_not_overlap(width, orient):
    with publication(width=width):
        fig, ax = plt.subplots()
        frame_profile(make_scores(), orient=orient, ax=ax)
        assert_no_overlap(fig)
        assert_inside_figure(fig)


def test_frame_profile_contract_gca_kwargs_and_return():
    fig, ax = plt.subplots()
    out = frame_profile(make_scores(), alpha=0.5, linewidth=0.0)
    assert out is ax
    assert all(p.get_alpha() == 0.5 for p in ax.patches)
    assert all(p.get_linewidth() == 0.0 for p in ax.patches)


def test_frame_profile_skips_undefined_scores():
    scores = make_scores(ci=False)
    scores.loc[(scores.outlet == "RT") & (scores.frame == "coup_terror"), "per_1k"] = np.nan
    ax = frame_profile(scores)
    assert len(ax.patches) == len(OUTLETS) * len(FRAMES) * 2 - 2


@pytest.mark.parametrize(
    ("drop", "kwargs", "match"),
    [
        ("per_1k", {}, r"missing column\(s\) \['per_1k'\]"),
        ("frame", {}, r"missing column\(s\) \['frame'\]"),
        ("matches", {"measure": "share"}, r"\['matches'\]"),
        (None, {"by": "site"}, r"\['site'\].*score_table"),
        ("by_attrs", {"by": "site"}, r"grouped by 'outlet'.*by='outlet'"),
        (None, {"voices": ("all", "authorial")}, "cannot stack 'all'"),
        (None, {"frames": ["coup_terror", "economy"]}, r"\['economy'\] are not in the data"),
        (None, {"measure": "count"}, "measure"),
        (None, {"orient": "x"}, "orient"),
        (None, {"order": ["Pravda"]}, "Pravda"),
        (None, {"palette": {"coup_terror": "red"}}, "no colour"),
    ],
)
def test_frame_profile_bad_input_is_named(drop, kwargs, match):
    scores = make_scores()
    if drop == "by_attrs":
        scores.attrs["by"] = "outlet"  # as score_table records it
    elif drop:
        scores = scores.drop(columns=drop)
    with pytest.raises(ValueError, match=match):
        frame_profile(scores, **kwargs)


def test_frame_profile_rejects_duplicate_rows():
    scores = make_scores()
    with pytest.raises(ValueError, match="more than one row"):
        frame_profile(pd.concat([scores, scores.head(1)]))


def test_frame_profile_warns_when_the_interval_misses_the_bar():
    scores = make_scores()
    scores["per_1k_ci_low"] = scores["per_1k"] + 1  # e.g. the interval of another voice
    scores["per_1k_ci_high"] = scores["per_1k"] + 2
    with pytest.warns(FramingPlotWarning, match="does not contain"):
        ax = frame_profile(scores)
    (x0, _), (x1, _) = errorbars_of(ax)[0].lines[2][0].get_segments()[0]
    expected = value(scores, OUTLETS[0], FRAMES[0], "all", "per_1k")
    assert sorted([x0, x1]) == pytest.approx([expected + 1, expected + 2])  # drawn as given


def test_frame_profile_rejects_swapped_interval_columns():
    scores = make_scores()
    scores = scores.rename(columns={"per_1k_ci_low": "per_1k_ci_high",
                                    "per_1k_ci_high": "per_1k_ci_low"})
    with pytest.raises(ValueError, match="swapped"):
        frame_profile(scores)


# =========================================================================== ternary


def _points(ax):
    (points,) = [c for c in ax.collections if isinstance(c, PathCollection)]
    return points.get_offsets()


def test_ternary_barycentric_positions():
    shares = {"pure A": (1.0, 0.0, 0.0), "pure B": (0.0, 1.0, 0.0), "pure C": (0.0, 0.0, 1.0),
              "centre": (1 / 3, 1 / 3, 1 / 3), "half AB": (0.5, 0.5, 0.0)}
    ax = ternary(shares_table(shares))
    xy = np.asarray(_points(ax)).tolist()
    h = math.sqrt(3) / 2
    assert xy[0] == pytest.approx([0.0, 0.0])  # frame A: bottom-left corner
    assert xy[1] == pytest.approx([1.0, 0.0])  # frame B: bottom-right corner
    assert xy[2] == pytest.approx([0.5, h])  # frame C: apex
    assert xy[3] == pytest.approx([0.5, h / 3])  # centroid: (1/2, sqrt(3)/6)
    assert xy[4] == pytest.approx([0.5, 0.0])


def test_ternary_positions_from_scores():
    scores = make_scores()
    ax = ternary(scores)
    xy = _points(ax)
    for outlet, (x, y) in zip(OUTLETS, xy, strict=True):
        a, b, c = (value(scores, outlet, f, "all", "share") for f in FRAMES)
        assert x == pytest.approx(b + c / 2)
        assert y == pytest.approx(c * math.sqrt(3) / 2)


def test_ternary_labels_points_and_corners():
    scores = make_scores()
    ax = ternary(scores)
    texts = [t.get_text() for t in ax.texts]
    assert all(o in texts for o in OUTLETS)
    palette = frame_palette(FRAMES)
    for frame in FRAMES:
        (corner,) = [t for t in ax.texts if t.get_gid() == f"corner-{frame}"]
        assert corner.get_text() == frame
        # the corner label is the frame's hue (darkened for contrast on white)
        hue = mcolors.rgb_to_hsv(mcolors.to_rgb(corner.get_color()))[0]
        expected = mcolors.rgb_to_hsv(mcolors.to_rgb(palette[frame]))[0]
        assert hue == pytest.approx(expected, abs=0.02)


def test_ternary_grid_at_steps_of_0_2():
    ax = ternary(make_scores())
    (grid,) = [c for c in ax.collections if isinstance(c, LineCollection)]
    segments = grid.get_segments()
    assert len(segments) == 12  # 4 lines per frame
    heights = sorted({round(float(s[0][1]), 6) for s in segments if s[0][1] == s[1][1]})
    assert heights == pytest.approx([t * math.sqrt(3) / 2 for t in (0.2, 0.4, 0.6, 0.8)])
    ticks = sorted(t.get_text() for t in ax.texts if (t.get_gid() or "").startswith("tick-"))
    assert ticks == sorted(["20%", "40%", "60%", "80%"] * 3)


@pytest.mark.parametrize("width", ["single", "double"])
def test_ternary_text_does_not_overlap(width):
    # two outlets nearly on top of each other: their labels must still not collide
    shares = {"Reuters": (0.40, 0.30, 0.30), "AP": (0.41, 0.29, 0.30),
              "AFP": (0.39, 0.31, 0.30), "RT": (0.1, 0.2, 0.7), "TASS": (0.7, 0.2, 0.1)}
    with publication(width=width):
        fig, ax = plt.subplots()
        ternary(shares_table(shares), ax=ax)
        assert_no_overlap(fig)
        assert_inside_figure(fig)


def test_ternary_long_frame_names_stay_on_the_page():
    # the report draws the ternary at single-column width; frame names as long as
    # "protest_and_crackdown" must not run off the page at the bottom corners
    frames = ["coup_and_terrorism_frame", "protest_and_crackdown", "geopolitical_win"]
    scores = make_scores(frames=frames)
    with publication(width="single", height=3.3):
        fig, ax = plt.subplots()
        ternary(scores, ax=ax)
        assert_inside_figure(fig)
        left, right = (t for t in ax.texts if t.get_gid() in (f"corner-{frames[0]}",
                                                                f"corner-{frames[1]}"))
        assert left.get_ha() == "left" and right.get_ha() == "right"
    plt.close(fig)


def test_ternary_point_labels_do_not_cross_edges_or_ticks():
    # the bundled report's shares (coup, protest, geopolitical): The Daily Beast sits
    # next to the right edge, BBC News near the bottom-right corner
    shares = {"BBC News": (0.077, 0.846, 0.077), "Daily Express": (0.324, 0.441, 0.235),
              "Newsweek": (0.210, 0.226, 0.565), "Reuters": (0.538, 0.231, 0.231),
              "The Daily Beast": (0.038, 0.385, 0.577)}
    with publication(width="single", height=3.3):
        fig, ax = plt.subplots()
        ternary(shares_table(shares), ax=ax)
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        assert_inside_figure(fig)
        corners = ax.transData.transform([[0, 0], [1, 0], [0.5, math.sqrt(3) / 2], [0, 0]])
        for t in ax.texts:
            if t.get_text() not in shares:
                continue
            box = Text.get_window_extent(t, renderer)  # the text, not its leader line
            for a, b in itertools.pairwise(corners):
                # a text box's corner is mostly empty: touching it for 3 points is not
                # crossing
                inside = _length_inside(box, *a, *b)
                assert inside <= renderer.points_to_pixels(3.0), (
                    f"{t.get_text()!r} crosses an edge ({inside:.1f} px)")
    plt.close(fig)


def test_ternary_requires_three_frames():
    scores = make_scores(frames=[*FRAMES, "economy"])
    with pytest.raises(ValueError, match="exactly 3 frames.*frame_heatmap"):
        ternary(scores)
    ax = ternary(scores, frames=FRAMES)  # three of four: shares renormalised
    assert len(_points(ax)) == len(OUTLETS)
    with pytest.raises(ValueError, match="exactly 3 frames"):
        ternary(scores, frames=FRAMES[:2])


def test_ternary_warns_and_skips_groups_without_matches():
    table = shares_table({"A": (0.2, 0.3, 0.5), "B": (np.nan, np.nan, np.nan)})
    with pytest.warns(FramingPlotWarning, match=r"\['B'\]"):
        ax = ternary(table)
    assert len(_points(ax)) == 1


def test_ternary_contract():
    fig, ax = plt.subplots()
    out = ternary(make_scores(), s=30, color="red", labels=False)
    assert out is ax
    points = [c for c in ax.collections if isinstance(c, PathCollection)][0]
    assert points.get_sizes()[0] == 30
    assert not [t for t in ax.texts if t.get_text() in OUTLETS]


# =========================================================================== heatmaps


def test_frame_heatmap_values_and_annotations():
    scores = make_scores()
    ax = frame_heatmap(scores)
    (mesh,) = [c for c in ax.collections if isinstance(c, QuadMesh)]
    expected = np.array([[value(scores, o, f, "all", "per_1k") for f in FRAMES]
                         for o in OUTLETS])
    assert np.asarray(mesh.get_array()).reshape(expected.shape) == pytest.approx(expected)
    texts = [t.get_text() for t in ax.texts]
    assert texts == [f"{v:.1f}" for v in expected.ravel()]
    assert [t.get_text() for t in ax.get_xticklabels()] == FRAMES
    assert [t.get_text() for t in ax.get_yticklabels()] == OUTLETS
    assert mesh.norm.vmin == 0


def test_frame_heatmap_text_colour_contrasts_with_the_cell():
    table = pd.DataFrame({"outlet": ["A", "A"], "frame": ["x", "y"], "voice": "all",
                          "per_1k": [0.0, 10.0]})
    ax = frame_heatmap(table, cbar=False)
    low, high = ax.texts
    assert low.get_color() == "white"  # darkest cividis colour
    assert high.get_color() == "black"  # brightest (yellow)


def test_frame_heatmap_share_as_percent_and_voice():
    scores = make_scores()
    ax = frame_heatmap(scores, measure="share", voice="attributed", cbar=False)
    first = value(scores, OUTLETS[0], FRAMES[0], "attributed", "share")
    assert ax.texts[0].get_text() == f"{first:.0%}"


def test_frame_heatmap_colorbar_names_the_unit():
    fig, ax = plt.subplots()
    frame_heatmap(make_scores(), ax=ax)
    assert len(fig.axes) == 2
    assert fig.axes[1].get_ylabel() == "matches per 1,000 words"


@pytest.mark.parametrize("width", ["single", "double"])
def test_heatmaps_text_does_not_overlap(width):
    with publication(width=width):
        fig, (ax1, ax2) = plt.subplots(1, 2) if width == "double" else plt.subplots(2, 1)
        frame_heatmap(make_scores(), ax=ax1)
        similarity_heatmap(make_similarity(), ax=ax2)
        assert_no_overlap(fig)
        assert_inside_figure(fig)


def test_similarity_heatmap_follows_the_clustering():
    sim = make_similarity()
    ax = similarity_heatmap(sim)
    dist = squareform(1 - sim.to_numpy(), checks=False)
    order = leaves_list(linkage(dist, method="average", optimal_ordering=True))
    names = [sim.index[i] for i in order]
    assert [t.get_text() for t in ax.get_yticklabels()] == names
    assert [t.get_text() for t in ax.get_xticklabels()] == names
    # similar outlets are neighbours
    pos = {n: i for i, n in enumerate(names)}
    assert abs(pos["A"] - pos["C"]) == 1
    assert abs(pos["B"] - pos["D"]) == 1
    texts = [t.get_text() for t in ax.texts]
    assert texts[:2] == ["1.00", f"{sim.loc[names[0], names[1]]:.2f}"]


def test_similarity_heatmap_without_clustering_keeps_the_order():
    sim = make_similarity()
    ax = similarity_heatmap(sim, cluster=False, annotate=False, cbar=False)
    assert [t.get_text() for t in ax.get_yticklabels()] == list(sim.index)
    assert len(ax.texts) == 0


def test_similarity_heatmap_leaves_out_empty_profiles():
    sim = make_similarity()
    sim.loc["E", :] = np.nan
    sim.loc[:, "E"] = np.nan
    with pytest.warns(FramingPlotWarning, match=r"\['E'\]"):
        ax = similarity_heatmap(sim)
    assert sorted(t.get_text() for t in ax.get_yticklabels()) == ["A", "B", "C", "D"]


@pytest.mark.parametrize(
    ("mutate", "match"),
    [
        (lambda s: s.iloc[:, :3], "square"),
        (lambda s: s.rename(columns={"A": "Z"}), "same labels"),
        (lambda s: s.assign(A=0.5), "symmetric"),
        (lambda s: s.mask(np.eye(5, dtype=bool)), "missing"),
    ],
)
def test_similarity_heatmap_bad_input(mutate, match):
    with pytest.raises(ValueError, match=match):
        similarity_heatmap(mutate(make_similarity()))


# =========================================================================== keyness


def test_keyness_plot_labels_the_top_terms_at_both_ends():
    keyness = make_keyness()
    ax = keyness_plot(keyness, group="RT", top=5)
    labels = sorted(t.get_text() for t in ax.texts)
    assert labels == sorted(f"term{i:03d}" for i in range(10))
    assert ax.get_xscale() == "log"
    assert "z" in ax.get_ylabel() and "RT" in ax.get_ylabel()


def test_keyness_plot_points_and_significance_lines():
    keyness = make_keyness()
    ax = keyness_plot(keyness, group="RT", top=5)
    points = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert sum(len(p.get_offsets()) for p in points) == len(keyness)
    grey = points[0].get_offsets()
    assert len(grey) == len(keyness) - 10
    freq = (keyness["count"] + keyness["count_rest"]).to_numpy()
    (top_points,) = [p for p in points[1:] if len(p.get_offsets()) and
                     p.get_offsets()[0][1] == pytest.approx(6.0)]
    assert top_points.get_offsets()[0][0] == freq[0]
    levels = sorted(line.get_ydata()[0] for line in ax.lines)
    assert levels == pytest.approx([-1.959964, 0.0, 1.959964])


@pytest.mark.parametrize("width", ["single", "double"])
def test_keyness_labels_do_not_overlap(width):
    with publication(width=width):
        fig, ax = plt.subplots()
        keyness_plot(make_keyness(), group="RT", top=10, ax=ax)
        assert_no_overlap(fig)
        assert_inside_figure(fig)


def test_keyness_labels_are_placed_right_of_the_axes_in_order():
    fig, ax = plt.subplots()
    keyness_plot(make_keyness(), group="RT", top=5, ax=ax)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    right = ax.get_window_extent(renderer).x1
    labels = [t for t in ax.texts if isinstance(t, Annotation)]
    boxes = {t.get_text(): Text.get_window_extent(t, renderer) for t in labels}
    assert all(b.x0 > right for b in boxes.values())
    ys = [boxes[f"term{i:03d}"].y0 for i in (0, 1, 2, 3, 4)]  # z = 6, 5, 4.5, 4, 3.5
    assert ys == sorted(ys, reverse=True)


def test_keyness_plot_bad_input():
    keyness = make_keyness()
    with pytest.raises(ValueError, match="no rows for group='TASS'"):
        keyness_plot(keyness, group="TASS")
    with pytest.raises(ValueError, match=r"\['count_rest'\]"):
        keyness_plot(keyness.drop(columns="count_rest"), group="RT")
    with pytest.raises(ValueError, match="top"):
        keyness_plot(keyness, group="RT", top=-1)
    mixed = pd.concat([keyness, keyness.assign(statistic="chi2")])
    with pytest.raises(ValueError, match="mixes statistics"):
        keyness_plot(mixed, group="RT")


def test_keyness_plot_chi2_line():
    keyness = make_keyness().assign(statistic="chi2", value=lambda d: d["value"].abs())
    ax = keyness_plot(keyness, group="RT", top=3)
    levels = sorted(line.get_ydata()[0] for line in ax.lines)
    assert levels == pytest.approx([0.0, 3.841459])


# =========================================================================== over time


def _units_matches():
    units = pd.DataFrame({
        "doc_id": ["a", "a", "b", "c", "d"], "sentence_id": [0, 1, 0, 0, 0],
        "boilerplate": [False, True, False, False, False], "n_tokens": [100, 50, 200, 100, 50],
        "outlet": ["X", "X", "X", "Y", "Y"],
        "date": ["2022-01-05", "2022-01-05", "2022-01-07", "2022-01-06", "2022-01-06T10:00Z"],
    })
    matches = pd.DataFrame({"doc_id": ["a", "a", "b", "c", "d"], "sentence_id": [0, 1, 0, 0, 0],
                            "frame": ["coup", "coup", "protest", "coup", "coup"],
                            "voice": ["authorial", "authorial", "attributed", "authorial",
                                      "attributed"]})
    return units, matches


def test_frames_over_time_small_multiples_with_pooled_rates():
    units, matches = _units_matches()
    fig = frames_over_time(units, matches, frames=["coup", "protest"])
    panels = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title(loc="left") for ax in panels] == ["X", "Y"]
    x_coup = panels[0].lines[0]
    assert x_coup.get_label() == "coup"
    # X: 5 Jan one coup match in 100 non-boilerplate tokens; 6 Jan no document; 7 Jan none
    assert np.asarray(x_coup.get_ydata(), dtype=float) == pytest.approx(
        [10.0, np.nan, 0.0], nan_ok=True)
    x_protest = panels[0].lines[1]
    assert np.asarray(x_protest.get_ydata(), dtype=float) == pytest.approx(
        [0.0, np.nan, 5.0], nan_ok=True)
    y_coup = panels[1].lines[0]  # two documents on 6 Jan pooled: 2 matches / 150 tokens
    assert np.asarray(y_coup.get_ydata(), dtype=float)[1] == pytest.approx(2000 / 150)
    palette = frame_palette(["coup", "protest"])
    assert mcolors.to_hex(x_coup.get_color()).upper() == palette["coup"]
    assert panels[0].get_ylim()[0] == 0


def test_frames_over_time_weeks_and_voice():
    units, matches = _units_matches()
    fig = frames_over_time(units, matches, frames=["coup", "protest"], freq="W",
                           voice="attributed")
    y = np.asarray(fig.axes[1].lines[0].get_ydata(), dtype=float)
    assert y == pytest.approx([1000 / 150])  # Y: one attributed coup match, week of 3 Jan


def test_frames_over_time_warns_about_undated_documents():
    units, matches = _units_matches()
    units.loc[units.doc_id == "b", "date"] = None
    with pytest.warns(FramingPlotWarning, match=r"1 document\(s\) without a date.*'b'"):
        frames_over_time(units, matches, frames=["coup", "protest"])


def test_frames_over_time_needs_dates():
    units, matches = _units_matches()
    with pytest.raises(ValueError, match="no document has a date"):
        frames_over_time(units.assign(date=None), matches, frames=["coup", "protest"])
    with pytest.raises(ValueError, match=r"missing column\(s\) \['date'\]"):
        frames_over_time(units.drop(columns="date"), matches, frames=["coup", "protest"])


def test_frames_over_time_requires_document_level_dates():
    units, matches = _units_matches()
    units.loc[1, "date"] = "2022-01-09"  # a second date inside document "a"
    with pytest.raises(ValueError, match=r"\['a'\] have more than one value"):
        frames_over_time(units, matches, frames=["coup", "protest"])


def test_frames_over_time_breaks_the_line_at_boilerplate_only_periods():
    units, matches = _units_matches()
    units.loc[units.doc_id == "b", "boilerplate"] = True  # X on 7 Jan: nothing scored
    fig = frames_over_time(units, matches, frames=["coup", "protest"])
    y = np.asarray(fig.axes[0].lines[0].get_ydata(), dtype=float)
    assert y == pytest.approx([10.0, np.nan, np.nan], nan_ok=True)


@pytest.mark.parametrize("width", ["single", "double"])
def test_frames_over_time_text_does_not_overlap(width):
    units, matches = _units_matches()
    with publication(width=width):
        fig = frames_over_time(units, matches, frames=["coup", "protest"])
        assert fig.get_figwidth() == pytest.approx(3.5 if width == "single" else 7.2)
        assert_no_overlap(fig)
        assert_inside_figure(fig)


# =========================================================================== evidence


TEXT = ("Officials called the protesters terrorists on Friday. "
        "State media spoke of a coup attempt. Crowds were dispersed.")


def _evidence_matches():
    def span(word):
        start = TEXT.index(word)
        return start, start + len(word)

    rows = []
    for doc in ("d1", "d2"):
        for word, voice in (("terrorists", "authorial"), ("coup", "attributed")):
            start, end = span(word)
            rows.append({"doc_id": doc, "sentence_id": 0, "start": start, "end": end,
                         "text": word, "entry": word, "frame": "coup_terror", "voice": voice,
                         "voice_reason": "none", "outlet": "RT" if doc == "d1" else "TASS"})
    start, end = span("dispersed")
    rows.append({"doc_id": "d1", "sentence_id": 2, "start": start, "end": end,
                 "text": "dispersed", "entry": "dispers*", "frame": "protest_crackdown",
                 "voice": "authorial", "voice_reason": "none", "outlet": "RT"})
    return pd.DataFrame(rows)


def test_evidence_table_keyword_in_context():
    table = evidence_table(_evidence_matches(), {"d1": TEXT, "d2": TEXT}, frame="coup_terror",
                           width=20, frames=FRAMES)
    assert isinstance(table, EvidenceTable)
    assert list(table.columns) == ["doc_id", "sentence_id", "start", "end", "left", "keyword",
                                   "right", "voice", "entry", "voice_reason", "outlet"]
    first = table.iloc[0]
    assert first["keyword"] == "terrorists"
    assert first["left"] == "lled the protesters"  # 20 characters, whitespace collapsed
    assert first["right"] == "on Friday. State me"
    assert TEXT[first["start"]:first["end"]] == "terrorists"
    assert len(table) == 4


def test_evidence_table_filters_and_takes_rows_from_every_document():
    matches = _evidence_matches()
    texts = {"d1": TEXT, "d2": TEXT}
    table = evidence_table(matches, texts, frame="coup_terror", n=2)
    assert sorted(table["doc_id"]) == ["d1", "d2"]  # one from each, not two from d1
    only_tass = evidence_table(matches, texts, frame="coup_terror", outlet="TASS")
    assert set(only_tass["doc_id"]) == {"d2"}
    quoted = evidence_table(matches, texts, frame="coup_terror", voice="attributed")
    assert set(quoted["keyword"]) == {"coup"}


def test_evidence_table_html_highlights_the_keyword_in_the_frame_colour():
    texts = {"d1": TEXT.replace("Friday", "<Frid>"), "d2": TEXT}  # same offsets
    matches = _evidence_matches()
    matches = matches[matches.doc_id == "d2"]
    table = evidence_table(matches, texts, frame="coup_terror", frames=FRAMES)
    html = table._repr_html_()
    color = frame_palette(FRAMES)["coup_terror"]
    assert f"solid {color}" in html
    assert "<mark" in html and ">terrorists</mark>" in html
    assert table.attrs["color"] == color
    escaped = evidence_table(_evidence_matches(), texts, frame="coup_terror")
    assert "&lt;Frid&gt;" in escaped.to_kwic_html()


def test_evidence_table_checks_offsets_against_the_text():
    wrong = {"d1": "x" * len(TEXT), "d2": TEXT}
    with pytest.raises(ValueError, match="not the matched text"):
        evidence_table(_evidence_matches(), wrong, frame="coup_terror")
    with pytest.raises(ValueError, match="no text for document 'd2'"):
        evidence_table(_evidence_matches(), {"d1": TEXT}, frame="coup_terror")


def test_evidence_table_bad_input():
    matches = _evidence_matches()
    texts = {"d1": TEXT, "d2": TEXT}
    with pytest.raises(ValueError, match="has no matches.*coup_terror"):
        evidence_table(matches, texts, frame="economy")
    with pytest.raises(ValueError, match=r"\['outlet'\].*merge"):
        evidence_table(matches.drop(columns="outlet"), texts, frame="coup_terror", outlet="RT")
    with pytest.raises(ValueError, match=r"\['start'\]"):
        evidence_table(matches.drop(columns="start"), texts, frame="coup_terror")


# =========================================================================== everything


def test_no_function_calls_show(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("plt.show() called")

    monkeypatch.setattr(plt, "show", fail)
    scores = make_scores()
    fig, axes = plt.subplots(2, 3)
    frame_profile(scores, ax=axes[0, 0])
    ternary(scores, ax=axes[0, 1])
    frame_heatmap(scores, ax=axes[0, 2])
    keyness_plot(make_keyness(), group="RT", ax=axes[1, 0])
    similarity_heatmap(make_similarity(), ax=axes[1, 1])
    units, matches = _units_matches()
    frames_over_time(units, matches, frames=["coup", "protest"])


@pytest.mark.parametrize("plot", ["frame_profile", "ternary", "keyness_plot"])
def test_figures_can_be_pickled(plot):
    import pickle

    fig, ax = plt.subplots()
    if plot == "keyness_plot":
        keyness_plot(make_keyness(), group="RT", ax=ax)
    else:
        {"frame_profile": frame_profile, "ternary": ternary}[plot](make_scores(), ax=ax)
    fig.canvas.draw()
    clone = pickle.loads(pickle.dumps(fig))
    clone.canvas.draw()
    texts = sorted(t.get_text() for t in clone.axes[0].texts)
    assert texts == sorted(t.get_text() for t in ax.texts)
    plt.close(clone)


def test_figures_save_to_every_format_without_warnings(tmp_path):
    from framing.export import save_figure

    scores = make_scores()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with publication(width="single"):
            for i, draw in enumerate((
                lambda ax: frame_profile(scores, ax=ax),
                lambda ax: ternary(scores, ax=ax),
                lambda ax: keyness_plot(make_keyness(), group="RT", ax=ax),
            )):
                fig, ax = plt.subplots()
                draw(ax)
                paths = save_figure(fig, tmp_path / f"fig{i}")
                assert all(p.stat().st_size > 0 for p in paths)


# =========================================================================== baselines


def _baseline(name, draw, tmp_path):
    if ".".join(mpl.__version__.split(".")[:2]) != BASELINE_MPL:
        pytest.skip(f"baselines were made with matplotlib {BASELINE_MPL}; regenerate them "
                    "with FRAMING_UPDATE_BASELINES=1")
    with publication(width="single"):
        fig, ax = plt.subplots()
        draw(ax)
        actual = tmp_path / f"{name}.png"
        fig.savefig(actual, dpi=150, metadata={"Software": None})
    expected = BASELINE / f"{name}.png"
    if os.environ.get("FRAMING_UPDATE_BASELINES"):
        BASELINE.mkdir(exist_ok=True)
        expected.write_bytes(actual.read_bytes())
        pytest.skip(f"baseline {expected} regenerated; look at it before committing")
    assert expected.exists(), f"no baseline {expected}; run with FRAMING_UPDATE_BASELINES=1"
    result = compare_images(str(expected), str(actual), tol=2)
    assert result is None, result


def test_baseline_frame_profile(tmp_path):
    _baseline("frame_profile", lambda ax: frame_profile(make_scores(), ax=ax), tmp_path)


def test_baseline_ternary(tmp_path):
    _baseline("ternary", lambda ax: ternary(make_scores(), ax=ax), tmp_path)


def test_sourcing_plot_stacks_roles_per_outlet():
    from framing.plots import ROLE_COLORS, sourcing_plot

    profile = pd.DataFrame({
        "outlet": ["A", "A", "B"],
        "speaker_role": ["expert", "us_government", "expert"],
        "share_words": [0.25, 0.75, 1.0],
    })
    fig, ax = plt.subplots()
    sourcing_plot(profile, ax=ax)
    bars = ax.patches
    assert len(bars) == 4  # 2 outlets x 2 roles (zeros drawn as empty bars)
    # roles ordered by total: expert (1.25) then us_government (0.75); outlets A top, B below
    widths = [(round(b.get_width(), 6), round(b.get_x(), 6)) for b in bars]
    assert widths == [(0.25, 0.0), (1.0, 0.0), (0.75, 0.25), (0.0, 1.0)]
    assert mpl.colors.to_hex(bars[0].get_facecolor()) == ROLE_COLORS[0].lower()
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A", "B"]
    assert ax.get_xlim() == (0, 1)
    with pytest.raises(ValueError, match="speaker_role"):
        sourcing_plot(profile.drop(columns="speaker_role"))

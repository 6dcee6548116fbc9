"""The publication theme: journal sizes, embedded fonts, one colour per frame."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")

import matplotlib as mpl
import matplotlib.pyplot as plt
import pytest
from matplotlib import colors as mcolors
from matplotlib.font_manager import FontProperties, findfont

from framing.theme import (
    DOUBLE_COLUMN,
    OKABE_ITO,
    SINGLE_COLUMN,
    VOICE_STYLE,
    FramePaletteWarning,
    figure_size,
    frame_palette,
    publication,
    publication_rc,
    voice_style,
)

FRAMES = ["coup_terror", "protest_crackdown", "geopolitical_win"]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# --------------------------------------------------------------------------- publication


def test_publication_is_a_context_manager_that_restores_rcparams():
    before = dict(mpl.rcParams)
    with publication():
        assert mpl.rcParams["pdf.fonttype"] == 42
        assert mpl.rcParams["figure.constrained_layout.use"] is True
    assert mpl.rcParams["pdf.fonttype"] == before["pdf.fonttype"]
    assert mpl.rcParams["figure.figsize"] == before["figure.figsize"]
    assert mpl.rcParams["font.size"] == before["font.size"]


def test_publication_works_as_a_decorator():
    @publication(width="double")
    def make():
        return plt.figure()

    fig = make()
    assert tuple(fig.get_size_inches()) == pytest.approx((DOUBLE_COLUMN, 3.6))


@pytest.mark.parametrize(
    ("width", "height", "expected"),
    [
        ("single", None, (3.5, 2.625)),
        ("double", None, (7.2, 3.6)),
        (5, None, (5.0, 3.75)),
        ("single", 3.0, (3.5, 3.0)),
        (4.5, 2.0, (4.5, 2.0)),
    ],
)
def test_publication_sets_the_printed_figure_size(width, height, expected):
    with publication(width=width, height=height):
        fig, _ = plt.subplots()
    assert tuple(fig.get_size_inches()) == pytest.approx(expected)


def test_journal_widths():
    assert SINGLE_COLUMN == 3.5
    assert DOUBLE_COLUMN == 7.2


def test_publication_settings_for_print():
    rc = publication_rc()
    assert rc["pdf.fonttype"] == 42
    assert rc["ps.fonttype"] == 42
    assert rc["svg.fonttype"] == "path"
    assert rc["svg.hashsalt"]
    assert rc["savefig.dpi"] == 300
    assert rc["savefig.bbox"] == "standard"  # a tight bbox would change the width
    assert rc["figure.constrained_layout.use"] is True
    assert rc["axes.spines.top"] is False
    assert rc["axes.spines.right"] is False
    assert rc["axes.grid"] is False
    assert rc["text.usetex"] is False


def test_only_the_font_shipped_with_matplotlib_is_used():
    rc = publication_rc()
    assert rc["font.sans-serif"] == ["DejaVu Sans"]
    with publication():
        path = Path(findfont(FontProperties(family=["sans-serif"]), fallback_to_default=False))
    assert path.name == "DejaVuSans.ttf"
    assert Path(mpl.get_data_path()) in path.parents


@pytest.mark.parametrize("font_size", [7, 8, 9])
def test_text_sizes_are_7_to_9_points_at_paper_size(font_size):
    with publication(font_size=font_size):
        sizes = {
            key: FontProperties(size=mpl.rcParams[key]).get_size_in_points()
            for key in ("font.size", "axes.labelsize", "axes.titlesize", "xtick.labelsize",
                        "ytick.labelsize", "legend.fontsize")
        }
    assert sizes["axes.labelsize"] == font_size
    assert sizes["xtick.labelsize"] == font_size - 1
    assert all(font_size - 1 <= s <= font_size for s in sizes.values())


def test_lines_are_thin():
    rc = publication_rc()
    assert rc["axes.linewidth"] <= 0.8
    assert rc["xtick.major.width"] <= 0.8
    assert rc["hatch.linewidth"] <= 0.6


def test_contexts_scale_text():
    paper = publication_rc("paper")["font.size"]
    talk = publication_rc("talk")["font.size"]
    assert talk == pytest.approx(1.6 * paper)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"width": "triple"}, "width"),
        ({"width": -1.0}, "width"),
        ({"height": 0}, "height"),
        ({"font_size": 0}, "font_size"),
        ({"context": "billboard"}, "context"),
    ],
)
def test_publication_rejects_bad_options(kwargs, match):
    with pytest.raises(ValueError, match=match):
        publication(**kwargs)


def test_publication_warns_about_unprintable_font_sizes():
    with pytest.warns(UserWarning, match="6-10 pt"):
        publication_rc(font_size=5)


def test_figure_size():
    assert figure_size("single") == (3.5, 2.625)
    assert figure_size("double", aspect=3) == (7.2, 2.4)
    with pytest.raises(ValueError, match="aspect"):
        figure_size("single", aspect=0)


# --------------------------------------------------------------------------- palette


def test_frame_palette_uses_okabe_ito_in_frame_order():
    palette = frame_palette(FRAMES)
    assert list(palette) == FRAMES
    assert list(palette.values()) == ["#E69F00", "#56B4E9", "#009E73"]


def test_frame_palette_is_the_same_in_every_call():
    assert frame_palette(FRAMES) == frame_palette(list(FRAMES))


def test_seven_frames_get_the_seven_okabe_ito_colours_yellow_last():
    frames = [f"f{i}" for i in range(7)]
    palette = frame_palette(frames)
    assert list(palette.values()) == list(OKABE_ITO.values())
    assert palette["f6"] == "#F0E442"  # yellow: the last, hard to see as a thin line
    assert "#000000" not in palette.values()  # black stays for text and error bars


def test_more_than_seven_frames_extend_deterministically_with_a_warning():
    frames = [f"f{i}" for i in range(12)]
    with pytest.warns(FramePaletteWarning, match="not colour-blind safe"):
        first = frame_palette(frames)
    with pytest.warns(FramePaletteWarning):
        second = frame_palette(frames)
    assert first == second
    assert len(set(first.values())) == 12
    assert list(first.values())[:7] == list(OKABE_ITO.values())


def test_frame_palette_warning_can_be_silenced():
    frame_palette([f"f{i}" for i in range(9)], warn=False)  # no warning (warnings are errors)


@pytest.mark.parametrize(
    ("frames", "error"),
    [
        ([], ValueError),
        (["a", "a"], ValueError),
        ("coup", TypeError),
        ([1, 2], TypeError),
    ],
)
def test_frame_palette_rejects_bad_frames(frames, error):
    with pytest.raises(error):
        frame_palette(frames)


# --------------------------------------------------------------------------- voice


def test_voice_style_authorial_is_solid_attributed_is_lighter_and_hatched():
    color = "#0072B2"
    authorial = voice_style(color, "authorial")
    attributed = voice_style(color, "attributed")
    assert authorial["facecolor"] == color.upper()
    assert authorial["hatch"] is None
    assert attributed["hatch"]
    assert attributed["edgecolor"] == color.upper()  # hatch drawn in the frame colour


def _grey(color: str) -> float:
    r, g, b = mcolors.to_rgb(color)
    return 0.299 * r + 0.587 * g + 0.114 * b


@pytest.mark.parametrize("color", list(OKABE_ITO.values()))
def test_voices_differ_in_greyscale(color):
    # the attributed fill is clearly lighter than the authorial fill in greyscale print
    light = _grey(voice_style(color, "attributed")["facecolor"])
    dark = _grey(voice_style(color, "authorial")["facecolor"])
    assert light - dark > 0.05


def test_voice_style_rejects_unknown_voices():
    with pytest.raises(ValueError, match="voice"):
        voice_style("#000000", "quoted")


def test_voice_style_mapping_is_read_only():
    with pytest.raises(TypeError):
        VOICE_STYLE["authorial"] = {}  # type: ignore[index]


def test_publication_leaves_interactive_mode_alone():
    """A notebook's first figure inside the block must not switch inline display off."""
    import matplotlib as mpl

    from framing.theme import publication

    before = mpl.rcParams["interactive"]
    with publication():
        mpl.rcParams["interactive"] = not before  # what a backend switch does
        assert mpl.rcParams["pdf.fonttype"] == 42
    assert mpl.rcParams["interactive"] is (not before)
    assert mpl.rcParams["pdf.fonttype"] != 42
    mpl.rcParams["interactive"] = before

"""Saving figures: the same figure gives the same bytes, with TrueType fonts and 300 dpi."""

from __future__ import annotations

import os
import re
import struct
import subprocess
import sys
import zlib
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")

import matplotlib as mpl
import matplotlib.pyplot as plt
import pytest

from framing.export import FORMATS, save_figure
from framing.theme import publication


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _figure():
    with publication(width="single"):
        fig, ax = plt.subplots()
        ax.bar(["Reuters", "RT", "TASS"], [3.0, 5.5, 1.2], hatch="//////", color="#E69F00",
               edgecolor="#E69F00")
        ax.set_ylabel("matches per 1,000 words – ü")  # non-ASCII glyphs too
        ax.set_title("coup_terror")
    return fig


def _png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, pos = [], 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF
        chunks.append((kind, body))
        pos += 12 + length
    return chunks


def _png_dpi(path: Path) -> float:
    for kind, body in _png_chunks(path.read_bytes()):
        if kind == b"pHYs":
            x, y, unit = struct.unpack(">IIB", body)
            assert unit == 1  # pixels per metre
            assert x == y
            return x * 0.0254
    raise AssertionError("no pHYs chunk")


# --------------------------------------------------------------------------- files


def test_writes_every_format_and_returns_the_paths(tmp_path):
    paths = save_figure(_figure(), tmp_path / "fig")
    assert paths == [tmp_path / f"fig.{ext}" for ext in FORMATS]
    assert all(p.stat().st_size > 0 for p in paths)


@pytest.mark.parametrize(
    ("name", "expected"),
    [("fig.pdf", "fig"), ("fig.PNG", "fig"), ("fig-1.2", "fig-1.2"), ("fig", "fig")],
)
def test_extension_is_replaced_other_suffixes_kept(tmp_path, name, expected):
    (path,) = save_figure(_figure(), tmp_path / name, formats=("svg",))
    assert path == tmp_path / f"{expected}.svg"


def test_creates_missing_folders(tmp_path):
    (path,) = save_figure(_figure(), tmp_path / "a" / "b" / "fig", formats="png")
    assert path.exists()


# --------------------------------------------------------------------------- reproducible


def test_two_saves_are_byte_identical(tmp_path):
    first = save_figure(_figure(), tmp_path / "one" / "fig")
    second = save_figure(_figure(), tmp_path / "two" / "fig")
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.suffix


def test_bytes_do_not_depend_on_the_process_or_hash_seed(tmp_path):
    script = (
        "import sys, matplotlib; matplotlib.use('Agg')\n"
        "sys.path.insert(0, sys.argv[2])\n"
        "from test_export import _figure\n"
        "from framing.export import save_figure\n"
        "save_figure(_figure(), sys.argv[1])\n"
    )
    here = str(Path(__file__).parent)
    for seed, folder in (("1", "a"), ("2", "b")):
        env = {**os.environ, "PYTHONHASHSEED": seed, "MPLBACKEND": "Agg"}
        subprocess.run([sys.executable, "-c", script, str(tmp_path / folder / "fig"), here],
                       check=True, env=env, timeout=300)
    for ext in FORMATS:
        a = (tmp_path / "a" / f"fig.{ext}").read_bytes()
        b = (tmp_path / "b" / f"fig.{ext}").read_bytes()
        assert a == b, ext


def test_no_dates_or_versions_in_the_files(tmp_path):
    pdf, svg, png = save_figure(_figure(), tmp_path / "fig")
    pdf_bytes = pdf.read_bytes()
    assert b"/CreationDate" not in pdf_bytes
    assert b"/ModDate" not in pdf_bytes
    assert b"/Producer (matplotlib)" in pdf_bytes
    assert b"/Creator (framing)" in pdf_bytes
    assert mpl.__version__.encode() not in pdf_bytes
    svg_text = svg.read_text(encoding="utf-8")
    assert "<dc:date>" not in svg_text
    assert mpl.__version__ not in svg_text
    texts = {body.split(b"\0")[0]: body.split(b"\0", 1)[1]
             for kind, body in _png_chunks(png.read_bytes()) if kind == b"tEXt"}
    assert texts == {b"Software": b"framing"}
    assert b"tIME" not in [kind for kind, _ in _png_chunks(png.read_bytes())]


def test_svg_ids_are_salted_even_outside_the_theme(tmp_path):
    fig, ax = plt.subplots()  # default rcParams: svg.hashsalt is None
    ax.plot([0, 1], [1, 0])
    ax.set_clip_on(True)
    (a,) = save_figure(fig, tmp_path / "a", formats="svg")
    (b,) = save_figure(fig, tmp_path / "b", formats="svg")
    assert a.read_bytes() == b.read_bytes()


# --------------------------------------------------------------------------- fonts, dpi


def test_pdf_embeds_truetype_fonts_not_type3(tmp_path):
    (pdf,) = save_figure(_figure(), tmp_path / "fig", formats="pdf")
    data = pdf.read_bytes()
    # streams are Flate-compressed (pdf.compression), but object dictionaries are not,
    # so the font dictionaries can be read directly
    assert b"/FlateDecode" in data
    fonts = re.findall(rb"/Subtype\s*/(Type0|Type1|Type3|TrueType|CIDFontType[02])", data)
    assert fonts, "no font dictionaries found"
    assert b"Type3" not in fonts
    assert b"Type1" not in fonts
    assert b"/FontFile2" in data  # embedded TrueType program
    assert re.search(rb"/BaseFont\s*/[A-Z]{6}\+DejaVuSans", data)  # a subset of DejaVu Sans


def test_pdf_fonts_are_truetype_even_when_rcparams_ask_for_type3(tmp_path):
    fig = _figure()
    with mpl.rc_context({"pdf.fonttype": 3}):
        (pdf,) = save_figure(fig, tmp_path / "fig", formats="pdf")
        assert mpl.rcParams["pdf.fonttype"] == 3  # restored after saving
    assert b"/Type3" not in pdf.read_bytes()
    assert b"/FontFile2" in pdf.read_bytes()


@pytest.mark.parametrize("dpi", [300, 600])
def test_png_resolution_is_stored(tmp_path, dpi):
    (png,) = save_figure(_figure(), tmp_path / "fig", formats="png", dpi=dpi)
    assert _png_dpi(png) == pytest.approx(dpi, abs=0.01)
    image = plt.imread(png)
    assert image.shape[1] == round(3.5 * dpi)  # single column, in pixels


def test_pdf_page_is_the_printed_size(tmp_path):
    (pdf,) = save_figure(_figure(), tmp_path / "fig", formats="pdf")
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf.read_bytes())
    assert box is not None
    assert float(box.group(1)) == pytest.approx(3.5 * 72)
    assert float(box.group(2)) == pytest.approx(2.625 * 72)


# --------------------------------------------------------------------------- metadata


def test_metadata_is_written_in_every_format(tmp_path):
    pdf, svg, png = save_figure(
        _figure(), tmp_path / "fig",
        metadata={"Title": "Frame profile", "Author": "A. Researcher",
                  "Keywords": ["framing", "Kazakhstan"]},
    )
    assert b"/Title (Frame profile)" in pdf.read_bytes()
    assert b"/Author (A. Researcher)" in pdf.read_bytes()
    svg_text = svg.read_text(encoding="utf-8")
    assert "<dc:title>Frame profile</dc:title>" in svg_text
    assert "A. Researcher" in svg_text
    assert "Kazakhstan" in svg_text
    texts = dict(body.split(b"\0", 1) for kind, body in _png_chunks(png.read_bytes())
                 if kind == b"tEXt")
    assert texts[b"Title"] == b"Frame profile"
    assert texts[b"Keywords"] == b"framing, Kazakhstan"


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"formats": ("pdf", "jpeg")}, ValueError, "formats"),
        ({"formats": ()}, ValueError, "empty"),
        ({"metadata": {"CreationDate": "2024"}}, ValueError, "Title"),
        ({"metadata": {"Title": 3}}, TypeError, "Title"),
        ({"dpi": 0}, ValueError, "dpi"),
        ({"format": "pdf"}, TypeError, "format"),
    ],
)
def test_bad_arguments_are_named(tmp_path, kwargs, error, match):
    with pytest.raises(error, match=match):
        save_figure(_figure(), tmp_path / "fig", **kwargs)


def test_rejects_an_axes_for_a_figure(tmp_path):
    fig = _figure()
    with pytest.raises(TypeError, match="ax.figure"):
        save_figure(fig.axes[0], tmp_path / "fig")

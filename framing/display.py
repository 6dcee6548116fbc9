"""Rich display in Jupyter: documents and matches rendered for auditing.

:class:`DocumentView` renders one document with every lexicon match highlighted
in its frame's colour (the same colours as every figure,
:func:`framing.theme.frame_palette`), attributed passages (quotations, reported
speech, scare quotes) underlined with the rule that found them, and boilerplate
greyed out. :class:`MatchView` renders a match table as keyword-in-context rows.
Both are plain objects with a ``_repr_html_``; their HTML can also be written to a
file with :meth:`to_html`.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from framing.theme import frame_palette

__all__ = ["DocumentView", "MatchView", "render_document"]

_STYLE = (
    "<style>.fr-doc{font-family:Georgia,serif;line-height:1.6;max-width:48rem}"
    ".fr-doc mark{border-radius:2px;padding:0 1px}"
    ".fr-att{text-decoration:underline dashed #555;text-underline-offset:3px}"
    ".fr-bp{color:#999}.fr-legend span{margin-right:1em;font-size:.85em}"
    ".fr-kwic td{font-family:ui-monospace,Menlo,monospace;font-size:.85em;padding:2px 6px}"
    ".fr-kwic .l{text-align:right}</style>"
)


def _tint(hex_color: str, alpha: str = "66") -> str:
    return f"{hex_color}{alpha}"


def render_document(
    text: str,
    *,
    matches: pd.DataFrame | None = None,
    attributed: Sequence[tuple[int, int, str]] = (),
    boilerplate: Sequence[tuple[int, int, str]] = (),
    frames: Sequence[str] | None = None,
) -> str:
    """HTML of a text with matches, attributed passages and boilerplate marked.

    Parameters
    ----------
    text : str
        The original text.
    matches : DataFrame, optional
        Rows with ``start, end, frame`` (and optionally ``entry, voice,
        voice_reason``), offsets into ``text``; matches must not overlap.
    attributed : sequence of (start, end, reason)
        Attributed regions (:func:`framing.voice.find_voice_spans`).
    boilerplate : sequence of (start, end, reason)
        Boilerplate spans (:func:`framing.cleaning.find_boilerplate`).
    frames : sequence of str, optional
        All frames in lexicon order (fixes the colours); default: as they appear.

    Returns
    -------
    str
        An HTML fragment (inline styles; no scripts, no external resources).
    """
    matches = matches if matches is not None else pd.DataFrame(columns=["start", "end", "frame"])
    if frames is None:
        frames = list(dict.fromkeys(matches["frame"]))
    palette = frame_palette(list(frames)) if len(frames) else {}
    cuts = {0, len(text)}
    for table in (attributed, boilerplate):
        for s, e, _ in table:
            cuts.update((s, e))
    rows = list(matches.itertuples(index=False))
    for m in rows:
        cuts.update((m.start, m.end))
    points = sorted(c for c in cuts if 0 <= c <= len(text))

    def covering(spans, a):
        return [r for s, e, r in spans if s <= a < e]

    by_start = {m.start: m for m in rows}
    out = []
    open_match = None
    for a, b in zip(points, points[1:], strict=False):
        if a == b:
            continue
        piece = html.escape(text[a:b]).replace("\n", "<br>")
        att = covering(attributed, a)
        bp = covering(boilerplate, a)
        if att:
            piece = f"<span class='fr-att' title='attributed: {html.escape(att[0])}'>{piece}</span>"
        if bp:
            piece = f"<span class='fr-bp' title='boilerplate: {html.escape(bp[0])}'>{piece}</span>"
        if a in by_start:
            open_match = by_start[a]
        if open_match is not None and open_match.start <= a < open_match.end:
            color = palette.get(open_match.frame, "#cccccc")
            title = f"{open_match.frame}"
            for extra in ("entry", "voice", "voice_reason"):
                if hasattr(open_match, extra):
                    title += f" | {extra}: {getattr(open_match, extra)}"
            piece = (f"<mark style='background:{_tint(color)}' "
                     f"title='{html.escape(title)}'>{piece}</mark>")
        out.append(piece)
    legend = "".join(
        f"<span><mark style='background:{_tint(c)}'>&nbsp;{html.escape(f)}&nbsp;</mark></span>"
        for f, c in palette.items())
    legend += ("<span class='fr-att'>attributed</span>"
               "<span class='fr-bp'>boilerplate</span>")
    return (f"{_STYLE}<div class='fr-legend'>{legend}</div>"
            f"<div class='fr-doc'>{''.join(out)}</div>")


@dataclass
class DocumentView:
    """One document for auditing: matches in frame colours, voice and boilerplate marked.

    Build it with :meth:`framing.pipeline.Analysis.show`.
    """

    doc_id: str
    text: str
    matches: pd.DataFrame
    attributed: list[tuple[int, int, str]] = field(default_factory=list)
    boilerplate: list[tuple[int, int, str]] = field(default_factory=list)
    frames: list[str] = field(default_factory=list)
    title: str | None = None

    def to_html(self) -> str:
        head = f"<h4>{html.escape(self.title or self.doc_id)}</h4>"
        n = len(self.matches)
        summary = (f"<p style='font-size:.85em;color:#555'>{html.escape(self.doc_id)}: "
                   f"{n} match{'es' if n != 1 else ''}; hover a highlight for its entry and "
                   "voice.</p>")
        return head + summary + render_document(
            self.text, matches=self.matches, attributed=self.attributed,
            boilerplate=self.boilerplate, frames=self.frames or None)

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        return f"<DocumentView {self.doc_id!r}: {len(self.matches)} matches>"


@dataclass
class MatchView:
    """A match table shown as keyword-in-context rows, keywords in frame colours.

    Attributes
    ----------
    table : DataFrame
        The matches (the same rows as ``matches.csv``).
    """

    table: pd.DataFrame
    texts: dict[str, str]
    frames: list[str]
    width: int = 50
    max_rows: int = 100

    def to_html(self) -> str:
        palette = frame_palette(self.frames) if self.frames else {}
        rows = []
        for m in self.table.head(self.max_rows).itertuples(index=False):
            text = self.texts[m.doc_id]
            left = html.escape(text[max(0, m.start - self.width):m.start].replace("\n", " "))
            right = html.escape(text[m.end:m.end + self.width].replace("\n", " "))
            color = palette.get(m.frame, "#cccccc")
            rows.append(
                f"<tr><td>{html.escape(m.doc_id)}</td><td>{m.start}</td>"
                f"<td class='l'>{left}</td><td><mark style='background:{_tint(color)}'>"
                f"{html.escape(text[m.start:m.end])}</mark></td><td>{right}</td>"
                f"<td>{html.escape(m.frame)}</td><td>{html.escape(m.voice)}</td>"
                f"<td>{html.escape(str(m.voice_reason))}</td></tr>")
        more = (f"<p>{len(self.table) - self.max_rows} more matches (see .table)</p>"
                if len(self.table) > self.max_rows else "")
        return (_STYLE + "<table class='fr-kwic'><thead><tr><th>doc_id</th><th>start</th>"
                "<th></th><th>match</th><th></th><th>frame</th><th>voice</th><th>reason</th>"
                "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>" + more)

    def _repr_html_(self) -> str:
        return self.to_html()

    def __len__(self) -> int:
        return len(self.table)

    def __repr__(self) -> str:
        return f"<MatchView: {len(self.table)} matches>"

"""The report: every table, figure and a self-contained ``report.html`` in one folder.

:func:`write_report` is what ``framing report`` runs. The folder holds

* ``documents.csv``, ``sentences.csv``, ``boilerplate.csv``,
  ``paraphrase_evidence.csv`` — the corpus with its provenance;
* with a lexicon: ``matches.csv`` (every match with offsets and voice) and
  ``scores.csv`` (per group x frame x voice);
* with coded units: ``validation.csv``;
* ``manifest.json`` (versions, hashes, parameters, file hashes) and
  ``report.html`` (opens offline; no external resources).

The same input gives byte-identical files.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from framing.corpus import Corpus, read_corpus
from framing.manifest import build_manifest, write_manifest
from framing.pipeline import Analysis, AnalysisConfig, analyze

__all__ = ["write_report"]

_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;max-width:72rem;
margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.25rem;border-bottom:1px solid #ddd;padding-bottom:.2rem;
margin-top:2rem}table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}
th,td{border-bottom:1px solid #e5e5e5;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f6f6}td.num{text-align:right;font-variant-numeric:tabular-nums}
.note{color:#555;font-size:.9rem}.kwic{font-family:ui-monospace,Menlo,Consolas,monospace;
font-size:.8rem}mark{padding:0 .1rem;border-radius:2px}code{font-size:.85rem}
"""


def _table(frame: pd.DataFrame, *, max_rows: int = 200, floatfmt: str = "{:.3g}") -> str:
    if frame.empty:
        return "<p class='note'>(empty)</p>"
    shown = frame.head(max_rows)
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in shown.columns)
    rows = []
    for _, row in shown.iterrows():
        cells = []
        for value in row:
            if isinstance(value, float):
                text = "" if pd.isna(value) else floatfmt.format(value)
                cells.append(f"<td class='num'>{text}</td>")
            elif isinstance(value, (int,)) and not isinstance(value, bool):
                cells.append(f"<td class='num'>{value}</td>")
            else:
                text = "" if value is None or (not isinstance(value, str) and pd.isna(value)) \
                    else str(value)
                cells.append(f"<td>{html.escape(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    more = (f"<p class='note'>{len(frame) - max_rows} more rows in the CSV file.</p>"
            if len(frame) > max_rows else "")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>{more}"


def _kwic(result: Analysis, *, per_frame: int = 8, width: int = 60) -> str:
    """Keyword-in-context samples of the evidence, per frame and voice."""
    if result.matches.empty:
        return "<p class='note'>No matches.</p>"
    bp = result.sentences.set_index(["doc_id", "sentence_id"])["boilerplate"]
    parts = []
    texts: dict[str, str] = {}
    for frame in result.frames:
        sub = result.matches[result.matches["frame"] == frame]
        keys = list(zip(sub["doc_id"], sub["sentence_id"], strict=True))
        sub = sub[[not bool(bp.get(k, False)) for k in keys]]
        parts.append(f"<h3>{html.escape(frame)}</h3>")
        if sub.empty:
            parts.append("<p class='note'>No matches outside boilerplate.</p>")
            continue
        rows = []
        for _, m in sub.head(per_frame).iterrows():
            if m["doc_id"] not in texts:
                texts[m["doc_id"]] = result.corpus[m["doc_id"]].text
            text = texts[m["doc_id"]]
            left = text[max(0, m["start"] - width):m["start"]].replace("\n", " ")
            right = text[m["end"]:m["end"] + width].replace("\n", " ")
            rows.append(
                f"<tr><td>{html.escape(m['doc_id'])}</td><td class='num'>{m['start']}</td>"
                f"<td class='kwic'>…{html.escape(left)}<mark>{html.escape(m['text'])}</mark>"
                f"{html.escape(right)}…</td><td>{html.escape(m['voice'])}</td>"
                f"<td>{html.escape(str(m['voice_reason']))}</td></tr>")
        parts.append("<table><thead><tr><th>doc_id</th><th>start</th><th>context</th>"
                     "<th>voice</th><th>reason</th></tr></thead><tbody>"
                     + "".join(rows) + "</tbody></table>")
    return "".join(parts)


def _html(title: str, sections: list[tuple[str, str]], manifest: Mapping[str, Any]) -> str:
    body = "".join(f"<h2>{html.escape(h)}</h2>{content}" for h, content in sections)
    versions = manifest.get("versions", {})
    lex = manifest.get("parameters", {}).get("lexicon")
    foot = (f"<p class='note'>framing {html.escape(str(versions.get('framing')))}; "
            f"corpus sha256 <code>{html.escape(str(manifest.get('corpus', {}).get('sha256', ''))[:16])}</code>"
            + (f"; lexicon {html.escape(str(lex))}" if lex else "")
            + ". Full provenance in <code>manifest.json</code>.</p>")
    return (f"<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
            f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>"
            f"<h1>{html.escape(title)}</h1>{body}{foot}</body></html>\n")


def write_report(
    corpus: Corpus | Any,
    lexicon: Any | None = None,
    *,
    out_dir: str | Path = "framing-report",
    coded: str | Path | pd.DataFrame | None = None,
    by: str = "outlet",
    config: AnalysisConfig | None = None,
    progress: bool = False,
    command: str = "framing.report.write_report",
) -> Path:
    """Analyse a corpus and write the report folder.

    Parameters
    ----------
    corpus : Corpus, path or DataFrame
    lexicon : Lexicon, name or path, optional
        Without a lexicon the report holds the corpus tables only.
    out_dir : path, default "framing-report"
    coded : path or DataFrame, optional
        Human-coded units in the format of the bundled ``seeds-coded.csv``;
        agreement is reported in ``validation.csv`` and the HTML.
    by : str, default "outlet"
        Grouping column for scores.
    config : AnalysisConfig, optional
    progress : bool
        Progress bars on stderr.
    command : str
        Recorded in the manifest.

    Returns
    -------
    pathlib.Path
        The output folder.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    from framing.cli import write_csv

    corpus = read_corpus(corpus)
    config = config or AnalysisConfig()
    result = analyze(corpus, lexicon, config=config, progress=progress)
    lexicon = result.lexicon
    outputs: dict[str, Path] = {}
    outputs["documents"] = write_csv(result.documents, out / "documents.csv")
    outputs["sentences"] = write_csv(result.sentences, out / "sentences.csv")
    outputs["boilerplate"] = write_csv(result.boilerplate, out / "boilerplate.csv")
    outputs["paraphrase_evidence"] = write_csv(result.paraphrase_evidence,
                                               out / "paraphrase_evidence.csv")
    title = f"framing report: {corpus.name}"
    doc_cols = ["doc_id", "outlet", "publisher", "date", "n_sentences", "n_tokens",
                "boilerplate_chars", "original_source", "original_source_evidence",
                "duplicate_group", "paraphrase_flag"]
    sections = [("Corpus and provenance",
                 "<p class='note'><b>publisher</b> is the site that carried the text (metadata); "
                 "<b>original_source</b> is the outlet the text itself names as its source, with "
                 "the evidence.</p>" + _table(result.documents[doc_cols]))]
    if not result.paraphrase_evidence.empty:
        sections.append(("Machine-paraphrase evidence", _table(result.paraphrase_evidence)))
    parameters: dict[str, Any] = {"by": by, **config.to_dict(),
                                  "lexicon": getattr(lexicon, "name", None)}
    if lexicon is not None:
        outputs["matches"] = write_csv(result.matches, out / "matches.csv")
        scores = result.scores(by=by)
        outputs["scores"] = write_csv(scores, out / "scores.csv")
        sections.append((f"Frame scores by {by}",
                         "<p class='note'><b>per_1k</b>: matches per 1,000 non-boilerplate "
                         "tokens; <b>share</b>: the frame's share of the group's matches in that "
                         "voice.</p>" + _table(scores)))
        sections.append(("Evidence (keyword in context)", _kwic(result)))
    if coded is not None and lexicon is not None:
        from framing.validation import read_coded, validate

        coded_frame = coded if isinstance(coded, pd.DataFrame) else read_coded(coded)
        table = validate(coded_frame, result.matches, frames=result.frames,
                         boilerplate_pred=result.sentences)
        outputs["validation"] = write_csv(table, out / "validation.csv")
        sections.append(("Validation against human coding", _table(table)))
        parameters["coded"] = str(coded) if not isinstance(coded, pd.DataFrame) else "DataFrame"
    manifest = build_manifest(command=command, parameters=parameters, corpus=corpus,
                              lexicon=lexicon, outputs=outputs, root=out)
    (out / "report.html").write_text(_html(title, sections, manifest), encoding="utf-8")
    outputs["report"] = out / "report.html"
    manifest = build_manifest(command=command, parameters=parameters, corpus=corpus,
                              lexicon=lexicon, outputs=outputs, root=out)
    write_manifest(out, manifest)
    return out

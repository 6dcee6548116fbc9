"""The report: every table, figure and a self-contained ``report.html`` in one folder.

:func:`write_report` is what ``framing report`` runs. The folder holds

* ``documents.csv``, ``sentences.csv``, ``boilerplate.csv``,
  ``paraphrase_evidence.csv`` — the corpus with its provenance;
* with a lexicon: ``matches.csv`` (every match with offsets and voice),
  ``scores.csv`` (per group x frame x voice, with bootstrap intervals) and,
  with two or more groups, ``comparisons.csv`` (permutation tests, Holm and
  BH), ``keyness.csv`` (log-odds, English stop words left out) and
  ``similarity.csv`` (framing profiles);
* ``figures/``: every figure the data supports, each as PDF, SVG and 300 dpi
  PNG;
* with coded units: ``validation.csv``;
* ``manifest.json`` (versions, hashes, parameters, file hashes) and
  ``report.html`` (opens offline; figures embedded; no external resources).

The same input gives byte-identical files.
"""

from __future__ import annotations

import base64
import html
import warnings
from collections.abc import Callable, Mapping
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
th{background:#f6f6f6}.tbl{overflow-x:auto;max-width:100%}td{max-width:22rem}td.num{text-align:right;font-variant-numeric:tabular-nums}
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
    return (f"<div class='tbl'><table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}"
            f"</tbody></table></div>{more}")


def _kwic(result: Analysis, *, per_frame: int = 8) -> str:
    """Keyword-in-context samples of the evidence per frame, boilerplate left out."""
    from framing.display import MatchView

    if result.matches.empty:
        return "<p class='note'>No matches.</p>"
    flags = result.sentences[["doc_id", "sentence_id", "boilerplate"]]
    scored = result.matches.merge(flags, on=["doc_id", "sentence_id"], how="left")
    scored = scored[~scored["boilerplate"].astype(bool)].drop(columns="boilerplate")
    parts = []
    for frame in result.frames:
        sub = scored[scored["frame"] == frame].head(per_frame).reset_index(drop=True)
        parts.append(f"<h3>{html.escape(frame)}</h3>")
        if sub.empty:
            parts.append("<p class='note'>No matches outside boilerplate.</p>")
            continue
        texts = {d: result.corpus[d].text for d in sub["doc_id"].unique()}
        parts.append(MatchView(sub, texts, result.frames).to_html())
    return "".join(parts)


def _figure_html(png: Path, caption: str) -> str:
    data = base64.b64encode(png.read_bytes()).decode("ascii")
    return (f"<figure><img alt='{html.escape(caption)}' style='max-width:100%' "
            f"src='data:image/png;base64,{data}'><figcaption class='note'>{html.escape(caption)} "
            f"(<code>figures/{html.escape(png.stem)}.pdf</code>, <code>.svg</code>, "
            f"<code>.png</code>)</figcaption></figure>")


def _write_figures(result: Analysis, scores: pd.DataFrame, keyness: pd.DataFrame | None,
                   similarity: pd.DataFrame | None, by: str, fig_dir: Path,
                   outputs: dict[str, Path]) -> list[str]:
    """Draw every figure the data supports; return their HTML blocks."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    from framing import plots
    from framing.export import save_figure
    from framing.theme import publication

    fig_dir.mkdir(parents=True, exist_ok=True)
    blocks: list[str] = []
    frames = result.frames
    n_groups = scores[by].nunique()

    def draw(name: str, caption: str, width: str, func: Callable[[Any], Any],
             height: float | None = None) -> None:
        with publication(width=width, height=height):
            fig, ax = plt.subplots()
            func(ax)
            paths = save_figure(fig, fig_dir / name)
            plt.close(fig)
        for path in paths:
            outputs[f"figures/{path.name}"] = path
        blocks.append(_figure_html(fig_dir / f"{name}.png", caption))

    tall = max(2.6, 0.55 * n_groups + 1.4)
    draw("frame_profile_per_1k",
         f"Frame use per 1,000 words by {by}; solid = authorial, hatched = attributed; "
         "bars: bootstrap 95% interval of the total.", "double",
         lambda ax: plots.frame_profile(scores, by=by, measure="per_1k", frames=frames, ax=ax),
         height=tall)
    draw("frame_profile_share",
         f"Share of each frame among the {by}'s matches, split by voice.", "double",
         lambda ax: plots.frame_profile(scores, by=by, measure="share", frames=frames, ax=ax),
         height=tall)
    if len(frames) == 3:
        draw("frame_shares_ternary", f"Frame shares per {by} (all voices).", "single",
             lambda ax: plots.ternary(scores, by=by, frames=frames, ax=ax), height=3.3)
    draw("frame_heatmap", f"Frame use per 1,000 words, {by} x frame (all voices).", "single",
         lambda ax: plots.frame_heatmap(scores, by=by, frames=frames, ax=ax),
         height=max(2.2, 0.35 * n_groups + 1.2))
    if similarity is not None and len(similarity) >= 3:
        draw("similarity_profiles", f"Cosine similarity of framing profiles between {by}s "
             "(clustered order).", "single",
             lambda ax: plots.similarity_heatmap(similarity, ax=ax),
             height=max(2.6, 0.35 * len(similarity) + 1.2))
    if keyness is not None and not keyness.empty:
        for i, group in enumerate(sorted(keyness["group"].unique(), key=str)[:12]):
            draw(f"keyness_{i:02d}", f"Distinctive terms of {group} vs the rest "
                 "(Monroe et al. log-odds z against frequency).", "single",
                 lambda ax, g=group: plots.keyness_plot(keyness, group=g, ax=ax), height=2.8)
    dated = result.documents.dropna(subset=["date"])
    if len(dated) and dated.groupby(by)["date"].nunique().max() >= 2:
        with publication(width="double"):
            try:
                fig = plots.frames_over_time(result.sentences, result.matches, frames=frames,
                                             by=by)
            except ValueError as exc:  # e.g. dates that cannot be parsed
                warnings.warn(f"frames over time not drawn: {exc}", UserWarning, stacklevel=2)
            else:
                paths = save_figure(fig, fig_dir / "frames_over_time")
                plt.close(fig)
                for path in paths:
                    outputs[f"figures/{path.name}"] = path
                blocks.append(_figure_html(fig_dir / "frames_over_time.png",
                                           f"Frames over time by {by}."))
    return blocks


def _who_speaks(result: Analysis, by: str, out: Path, outputs: dict[str, Path],
                parameters: dict[str, Any], actors: Any, stance_lexicon: Any,
                coded_sources: Any, seed: int) -> str:
    """Quotations, speakers, sourcing profile, stance; their tables and the sourcing figure."""
    from framing._tables import write_csv
    from framing.quotes import (
        extract_quotes,
        sourcing_profile,
        unknown_speakers,
        validate_sources,
    )

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        quotes = extract_quotes(result, actors=actors)
    notes = [str(w.message) for w in caught]
    parameters["actors"] = str(actors) if actors is not None else "actors-kazakhstan-2022"
    outputs["quotes"] = write_csv(quotes, out / "quotes.csv")
    matches = result.matches if result.lexicon is not None else None
    profile = sourcing_profile(quotes, matches, by=by, documents=result.documents)
    outputs["sourcing"] = write_csv(profile, out / "sourcing.csv")
    unknown = unknown_speakers(quotes)
    outputs["unknown_speakers"] = write_csv(unknown, out / "unknown_speakers.csv")
    parts = ["<p class='note'>Direct quotations and reported speech with their speakers "
             "(canonical names, roles from the actors file). <code>quotes.csv</code> has every "
             "statement with offsets; <code>sourcing.csv</code> the quoted words per role and "
             "the frames each role carries (attributed matches inside its statements).</p>"]
    parts.extend(f"<p class='note'>Note: {html.escape(n)}</p>" for n in notes)
    if not profile.empty:
        import matplotlib.pyplot as plt

        from framing import plots
        from framing.export import save_figure
        from framing.theme import publication

        n_groups = profile[by].nunique()
        with publication(width="double", height=max(2.2, 0.45 * n_groups + 1.0)):
            fig, ax = plt.subplots()
            plots.sourcing_plot(profile, by=by, ax=ax)
            paths = save_figure(fig, out / "figures" / "sourcing")
            plt.close(fig)
        for path in paths:
            outputs[f"figures/{path.name}"] = path
        parts.append(_figure_html(out / "figures" / "sourcing.png",
                                  f"Share of each {by}'s quoted and reported words by speaker "
                                  "role."))
        parts.append(_table(profile.drop(columns=["speakers"], errors="ignore")))
    if not unknown.empty:
        parts.append("<p class='note'>Speakers the actors file does not know (role "
                     "<code>unknown</code>; add them to the actors file):</p>" + _table(unknown))
    stance = None
    if stance_lexicon is not None:
        from framing.stance import stance_summary, stance_table

        stance = stance_table(result, lexicon=stance_lexicon, quotes=quotes, actors=actors)
        parameters["stance_lexicon"] = getattr(stance_lexicon, "name", str(stance_lexicon))
        outputs["stance"] = write_csv(stance, out / "stance.csv")
        summary = stance_summary(stance, by=by, documents=result.documents)
        outputs["stance_summary"] = write_csv(summary, out / "stance_summary.csv")
        parts.append("<p class='note'>Stance toward the target of the stance lexicon, per "
                     "sentence, with its holder (the author or a speaker) and cue evidence "
                     "(<code>stance.csv</code>); summary per "
                     f"{html.escape(by)} and holder role:</p>" + _table(summary))
    if coded_sources is not None:
        coded = (coded_sources if isinstance(coded_sources, pd.DataFrame)
                 else pd.read_csv(coded_sources, dtype={"doc_id": str}, keep_default_na=False))
        table = validate_sources(quotes, coded)
        outputs["sources_validation"] = write_csv(table, out / "sources_validation.csv")
        parts.append("<p class='note'>Speakers against the coded units:</p>" + _table(table))
        if stance is not None:
            from framing.stance import validate_stance

            st = validate_stance(stance, coded, seed=seed)
            outputs["stance_validation"] = write_csv(st, out / "stance_validation.csv")
            parts.append("<p class='note'>Stance against the coded units:</p>" + _table(st))
        parameters["coded_sources"] = (Path(coded_sources).name
                                       if not isinstance(coded_sources, pd.DataFrame)
                                       else "DataFrame")
    parameters["quote_warnings"] = notes
    return "".join(parts)


def _html(title: str, sections: list[tuple[str, str]], manifest: Mapping[str, Any]) -> str:
    body = "".join(f"<h2>{html.escape(h)}</h2>{content}" for h, content in sections)
    versions = manifest.get("versions", {})
    lex = manifest.get("parameters", {}).get("lexicon")
    foot = (f"<p class='note'>framing {html.escape(str(versions.get('framing')))}; "
            "corpus sha256 <code>"
            f"{html.escape(str(manifest.get('corpus', {}).get('sha256', ''))[:16])}</code>"
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
    coded_sources: str | Path | pd.DataFrame | None = None,
    actors: Any = None,
    stance_lexicon: Any = "stance-kazakhstan-2022",
    by: str = "outlet",
    config: AnalysisConfig | None = None,
    n_boot: int = 2000,
    n_perm: int = 5000,
    seed: int = 0,
    min_count: int = 3,
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
    coded_sources : path or DataFrame, optional
        Speakers and stance coded per unit (format of ``seeds-sources.csv``);
        agreement is reported in ``sources_validation.csv`` and
        ``stance_validation.csv``.
    actors : Actors, path or name, optional
        Actors file for speaker roles (default: the bundled one).
    stance_lexicon : Lexicon, path or name, default "stance-kazakhstan-2022"
        Target and stance cues; None skips stance.
    by : str, default "outlet"
        Grouping column for scores.
    config : AnalysisConfig, optional
    n_boot, n_perm : int
        Bootstrap replicates for intervals; permutations per comparison.
    seed : int
        Seed of every random step (the same seed gives identical files).
    min_count : int
        Minimum pooled count of a term for keyness.
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
    from framing._tables import write_csv

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
                "template_source", "duplicate_group", "paraphrase_flag"]
    sections = [("Corpus and provenance",
                 "<p class='note'><b>publisher</b> is the site that carried the text (metadata); "
                 "<b>original_source</b> is the outlet the text itself names as its source, with "
                 "the evidence; <b>template_source</b> is a weaker signal, an outlet recognised "
                 "from page-template lines. Empty means the text does not say.</p>"
                 + _table(result.documents[doc_cols]))]
    if not result.paraphrase_evidence.empty:
        sections.append(("Machine-paraphrase evidence", _table(result.paraphrase_evidence)))
    parameters: dict[str, Any] = {"by": by, **config.to_dict(), "n_boot": n_boot,
                                  "n_perm": n_perm, "seed": seed, "min_count": min_count,
                                  "keyness_stop_words": "english",
                                  "lexicon": getattr(lexicon, "name", None)}
    if lexicon is not None:
        outputs["matches"] = write_csv(result.matches, out / "matches.csv")
        scores = result.scores_with_intervals(by=by, n_boot=n_boot, seed=seed)
        outputs["scores"] = write_csv(scores, out / "scores.csv")
        n_groups = scores[by].nunique()
        comparisons = keyness = similarity = None
        if n_groups >= 2:
            comparisons = result.compare(by=by, n_perm=n_perm, seed=seed)
            outputs["comparisons"] = write_csv(comparisons, out / "comparisons.csv")
            keyness = result.keyness(by=by, method="logodds", min_count=min_count,
                                     stop_words="english")
            outputs["keyness"] = write_csv(keyness, out / "keyness.csv")
            from framing.similarity import profile_similarity, similarity_table

            similarity = profile_similarity(scores, by=by)
            outputs["similarity"] = write_csv(similarity_table(similarity), out / "similarity.csv")
        figures = _write_figures(result, scores, keyness, similarity, by, out / "figures", outputs)
        sections.append(("Figures", "".join(figures)))
        sections.append((f"Frame scores by {by}",
                         "<p class='note'><b>per_1k</b>: matches per 1,000 non-boilerplate "
                         "tokens; <b>share</b>: the frame's share of the group's matches in that "
                         f"voice; 95% bootstrap intervals from {n_boot} replicates (resampling "
                         "unit per row in <code>resample_unit</code>; when a group has fewer "
                         "than 10 documents, sentences are resampled within its documents, so "
                         "the interval describes sentence-level variability only).</p>"
                         + _table(scores)))
        if comparisons is not None:
            sig = comparisons.sort_values("p_holm").head(30)
            sections.append((f"Differences between {by}s",
                             "<p class='note'>Permutation tests (two-sided, "
                             f"{n_perm} permutations) with Holm and Benjamini-Hochberg "
                             "adjustment over the whole table; the 30 smallest adjusted p-values "
                             "(all in <code>comparisons.csv</code>).</p>" + _table(sig)))
            top = keyness.groupby("group", sort=True).head(10)
            sections.append((f"Distinctive terms per {by}",
                             "<p class='note'>Log-odds ratio with informative Dirichlet prior "
                             "(Monroe, Colaresi &amp; Quinn 2008); n-grams containing an English "
                             "stop word (scikit-learn's list) are left out; top 10 per group "
                             "by z (all in <code>keyness.csv</code>).</p>" + _table(top)))
        sections.append(("Evidence (keyword in context)", _kwic(result)))
    sections.append(("Who speaks: sources and stance",
                     _who_speaks(result, by, out, outputs, parameters, actors, stance_lexicon,
                                 coded_sources, seed)))
    if coded is not None and lexicon is not None:
        from framing.validation import read_coded

        coded_frame = coded if isinstance(coded, pd.DataFrame) else read_coded(coded)
        table = result.validate(coded_frame, seed=seed)  # the matches that score
        outputs["validation"] = write_csv(table, out / "validation.csv")
        cols = [c for c in ("frame", "voice", "n_units", "tp", "fp", "fn", "precision",
                            "recall", "f1", "f1_ci_low", "f1_ci_high", "alpha",
                            "matches_in_boilerplate") if c in table.columns]
        sections.insert(1, ("Validation against human coding",
                            "<p class='note'>Unit-level agreement of the lexicon (and the "
                            "boilerplate marking) with the coded units: <b>any</b> = frame "
                            "present, <b>voice_aware</b> = micro F1 over (unit, frame, voice); "
                            "Krippendorff's alpha (nominal) between coders and toolkit. If the "
                            "lexicon was tuned on these units, these are development-set "
                            "figures.</p>" + _table(table[cols])))
        parameters["coded"] = (Path(coded).name if not isinstance(coded, pd.DataFrame)
                               else "DataFrame")
    manifest = build_manifest(command=command, parameters=parameters, corpus=corpus,
                              lexicon=lexicon, outputs=outputs, root=out)
    (out / "report.html").write_text(_html(title, sections, manifest), encoding="utf-8")
    outputs["report"] = out / "report.html"
    manifest = build_manifest(command=command, parameters=parameters, corpus=corpus,
                              lexicon=lexicon, outputs=outputs, root=out)
    write_manifest(out, manifest)
    return out

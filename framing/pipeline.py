"""The whole pipeline, from a corpus to tidy tables of documents, sentences and matches.

Work is split into passes over the corpus so that per-document work stays pure
and corpus-wide statistics are computed apart:

1. *templates* (global): lines repeated across documents of one publisher are
   learned as site templates (:class:`framing.cleaning.TemplateModel`);
2. *documents* (per document, pure): boilerplate spans, sentences and tokens,
   original-source attribution, machine-paraphrase evidence, near-duplicate
   signature, and — with a lexicon — matches with their voice
   (:func:`analyze_document`);
3. *syndication* (global): near-duplicate groups from the signatures.

:func:`analyze` runs the passes and returns an :class:`Analysis` whose tables
are what the command line writes as CSV. :func:`iter_analyses` yields the
per-document results one at a time for streaming writers.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from itertools import islice
from typing import Any, Literal

import numpy as np
import pandas as pd

from framing import cleaning, provenance, segmentation
from framing.corpus import Corpus, Document, read_corpus

__all__ = [
    "Analysis",
    "AnalysisConfig",
    "DocumentAnalysis",
    "analyze",
    "analyze_document",
    "analyze_documents",
    "fit_templates",
    "iter_analyses",
    "score_stream",
]

#: Columns of :attr:`Analysis.documents` (``documents.csv``), in order.
DOCUMENT_COLUMNS = [
    "doc_id", "outlet", "publisher", "date", "title", "n_sentences", "n_tokens",
    "n_boilerplate_sentences", "boilerplate_chars", "original_source",
    "original_source_evidence", "original_source_start", "original_source_end",
    "template_source", "template_source_evidence", "duplicate_group", "duplicate_of",
    "duplicate_similarity", "paraphrase_flag",
    "paraphrase_score", "paraphrase_evidence",
]

#: Columns of :attr:`Analysis.sentences` (``sentences.csv``), in order.
SENTENCE_COLUMNS = ["doc_id", "sentence_id", "start", "end", "boilerplate", "n_tokens"]

#: Columns of :attr:`Analysis.matches` (``matches.csv``), in order.
MATCH_COLUMNS = ["doc_id", "sentence_id", "start", "end", "text", "entry", "frame", "voice",
                 "voice_reason", "weight"]


@dataclass(frozen=True)
class AnalysisConfig:
    """Parameters of the pipeline (all recorded in every manifest).

    Attributes
    ----------
    splitter : {"rules", "punkt"}
        Sentence splitter (:func:`framing.segmentation.split_sentences`).
    template_min_docs : int
        A line seen in at least this many documents of one publisher is a site
        template (:class:`framing.cleaning.TemplateModel`).
    boilerplate_min_coverage : float
        A sentence is boilerplate when at least this share of its non-space
        characters lies in boilerplate spans.
    duplicate_threshold : float
        Similarity above which two documents are near-duplicates.
    overlap : {"longest", "all"}
        Overlapping lexicon entries: keep only the longest match, or every one.
    provenance : bool
        Find original sources, machine-paraphrase evidence and near-duplicate
        groups. Scoring does not need them; ``framing score`` turns them off.
    """

    splitter: Literal["rules", "punkt"] = "rules"
    template_min_docs: int = 3
    boilerplate_min_coverage: float = 0.5
    duplicate_threshold: float = 0.8
    overlap: Literal["longest", "all"] = "longest"
    provenance: bool = True

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class DocumentAnalysis:
    """Everything the per-document pass finds in one document (offsets into its text)."""

    doc_id: str
    n_chars: int
    sentences: np.ndarray  # (n, 2)
    sentence_tokens: np.ndarray  # (n,)
    sentence_boilerplate: np.ndarray  # (n,) bool
    boilerplate: list[Any]
    source: Any
    paraphrase: Any
    template_source: Any = None
    match_start: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    match_end: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    match_entry: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    match_sentence: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    match_voice: np.ndarray = field(default_factory=lambda: np.empty(0, object))
    match_reason: np.ndarray = field(default_factory=lambda: np.empty(0, object))

    @property
    def n_tokens(self) -> int:
        return int(self.sentence_tokens.sum())

    @property
    def boilerplate_chars(self) -> int:
        return int(sum(span.end - span.start for span in self.boilerplate))


def fit_templates(corpus: Corpus, *, min_docs: int = 3, progress: bool = False):
    """Pass 1: learn site templates from lines repeated within each publisher."""
    model = cleaning.TemplateModel(min_docs=min_docs)
    publishers = corpus.metadata["publisher"].tolist()
    texts = corpus.texts()
    if progress:
        from tqdm.auto import tqdm

        texts = tqdm(texts, total=len(corpus), desc="templates", unit="doc", leave=False, delay=1.0)
    model.fit((None if pd.isna(p) else str(p), t) for p, t in zip(publishers, texts, strict=True))
    return model


def _sentence_boilerplate(sentences: np.ndarray, text: str, spans: Sequence[Any],
                          min_coverage: float) -> np.ndarray:
    return np.asarray(
        cleaning.boilerplate_mask_for_units(text, sentences, spans, min_coverage=min_coverage),
        dtype=bool,
    )


def analyze_document(
    doc: Document,
    *,
    template: Any | None = None,
    matcher: Any | None = None,
    config: AnalysisConfig = AnalysisConfig(),
) -> DocumentAnalysis:
    """Pass 2 for one document: a pure function of its text, metadata and the models.

    Parameters
    ----------
    doc : Document
    template : TemplateModel, optional
        Site templates learned by :func:`fit_templates`.
    matcher : framing.matching.Matcher, optional
        Lexicon matcher; without it no matches are produced.
    config : AnalysisConfig

    Returns
    -------
    DocumentAnalysis
    """
    return analyze_documents([doc], template=template, matcher=matcher, config=config)[0]


def analyze_documents(
    docs: Sequence[Document],
    *,
    template: Any | None = None,
    matcher: Any | None = None,
    config: AnalysisConfig = AnalysisConfig(),
) -> list[DocumentAnalysis]:
    """Pass 2 for a batch of documents, one stage at a time over the batch.

    Each result is what :func:`analyze_document` gives for its document alone (a
    pure function of that document and the models); running each stage over a
    batch before the next only changes the order of the work. It is about 15%
    faster than one document at a time through every stage, because the
    interpreter then keeps one stage's code and data hot (measured with
    ``benchmarks/bench_score.py``).
    """
    from framing import voice as voice_mod  # voice is only needed with a lexicon

    texts = [doc.text for doc in docs]
    spans = [cleaning.find_boilerplate(text, template=template, publisher=doc.meta.get("publisher"))
             for doc, text in zip(docs, texts, strict=True)]
    sentence_lists = [segmentation.split_sentences(text, splitter=config.splitter)
                      for text in texts]
    sentences = [np.asarray(sl, dtype=np.int64) if sl else np.empty((0, 2), dtype=np.int64)
                 for sl in sentence_lists]
    sent_bp = [_sentence_boilerplate(sa, text, sp, config.boilerplate_min_coverage)
               for sa, text, sp in zip(sentences, texts, spans, strict=True)]
    tokens = [segmentation.count_tokens(text, sl)
              for text, sl in zip(texts, sentence_lists, strict=True)]
    results = []
    for doc, text, sp, sa, bp, tok in zip(docs, texts, spans, sentences, sent_bp, tokens,
                                          strict=True):
        source = paraphrase = template_source = None
        if config.provenance:
            source = provenance.find_original_source(text, boilerplate=sp)
            template_source = provenance.find_template_outlet(text)
            paraphrase = provenance.detect_paraphrase(text, boilerplate=sp)
        results.append(DocumentAnalysis(
            doc_id=doc.doc_id,
            n_chars=len(text),
            sentences=sa,
            sentence_tokens=tok,
            sentence_boilerplate=bp,
            boilerplate=list(sp),
            source=source,
            paraphrase=paraphrase,
            template_source=template_source,
        ))
    if matcher is None:
        return results
    found = [matcher.find(text) for text in texts]
    for res, text, sl, f in zip(results, texts, sentence_lists, found, strict=True):
        if len(f.start) == 0:
            continue
        sent_idx = segmentation.sentence_index(res.sentences, f.start)
        keep = sent_idx >= 0
        starts, ends, entries, sent_idx = f.start[keep], f.end[keep], f.entry[keep], sent_idx[keep]
        voice, reason = voice_mod.match_voice(text, starts, ends, sentences=sl)
        res.match_start = starts
        res.match_end = ends
        res.match_entry = entries
        res.match_sentence = sent_idx
        res.match_voice = np.asarray(voice, dtype=object)
        res.match_reason = np.asarray(reason, dtype=object)
    return results


#: Documents per batch in :func:`iter_analyses` (see :func:`analyze_documents`).
BATCH_SIZE = 64


def iter_analyses(
    corpus: Corpus,
    *,
    template: Any | None = None,
    matcher: Any | None = None,
    config: AnalysisConfig = AnalysisConfig(),
    progress: bool = False,
) -> Iterator[tuple[Document, DocumentAnalysis]]:
    """Yield ``(document, analysis)`` for every document, in corpus order.

    Documents are read and analysed in batches of :data:`BATCH_SIZE`, so memory
    holds one batch at a time whatever the corpus size.
    """
    docs: Any = iter(corpus)
    if progress:
        from tqdm.auto import tqdm

        docs = tqdm(docs, total=len(corpus), desc="documents", unit="doc", leave=False, delay=1.0)
    while batch := list(islice(docs, BATCH_SIZE)):
        results = analyze_documents(batch, template=template, matcher=matcher, config=config)
        yield from zip(batch, results, strict=True)


class Analysis:
    """Tidy tables of a corpus analysed with (optionally) a lexicon.

    Build with :func:`analyze`.

    Attributes
    ----------
    corpus : Corpus
    lexicon : Lexicon or None
    config : AnalysisConfig
    documents : pandas.DataFrame
        One row per document (columns :data:`DOCUMENT_COLUMNS` then the other
        metadata columns). ``original_source`` is the outlet the text names as
        its source (credit phrasing such as "told Newsweek", "reports Reuters"),
        with the evidence and its offsets; ``template_source`` is a weaker,
        separate signal: an outlet recognised from page-template lines (e.g. the
        BBC's "Presentational grey line"). Both are empty when the text does not
        say: unknown is an answer, not a guess.
    sentences : pandas.DataFrame
        One row per sentence: ``doc_id, sentence_id, start, end, boilerplate,
        n_tokens`` plus the document metadata used for grouping.
    matches : pandas.DataFrame
        One row per lexicon match (empty without a lexicon): ``doc_id,
        sentence_id, start, end, text, entry, frame, voice, voice_reason,
        weight``; matches in boilerplate sentences are kept here (flagged by the
        sentence table) but never score.
    boilerplate : pandas.DataFrame
        Boilerplate spans: ``doc_id, start, end, reason, text``.
    paraphrase_evidence : pandas.DataFrame
        Every piece of machine-paraphrase evidence: ``doc_id, start, end, found,
        expected, rule``.
    """

    def __init__(self, corpus: Corpus, lexicon: Any | None, config: AnalysisConfig,
                 documents: pd.DataFrame, sentences: pd.DataFrame, matches: pd.DataFrame,
                 boilerplate: pd.DataFrame, paraphrase_evidence: pd.DataFrame):
        self.corpus = corpus
        self.lexicon = lexicon
        self.config = config
        self.documents = documents
        self.sentences = sentences
        self.matches = matches
        self.boilerplate = boilerplate
        self.paraphrase_evidence = paraphrase_evidence

    @property
    def frames(self) -> list[str]:
        return list(self.lexicon.categories) if self.lexicon is not None else []

    def scores(self, *, by: str = "outlet", weighted: bool = False) -> pd.DataFrame:
        """Frame scores per group, frame and voice (:func:`framing.scoring.score_table`)."""
        from framing.scoring import score_table

        self._require_lexicon("scores")
        return score_table(self.sentences, self.matches, by=by, frames=self.frames,
                           weighted=weighted)

    def scores_with_intervals(self, *, by: str = "outlet", n_boot: int = 2000, ci: float = 0.95,
                              seed: int = 0, weighted: bool = False) -> pd.DataFrame:
        """Scores with bootstrap intervals (:func:`framing.statistics.bootstrap_scores`)."""
        from framing.statistics import add_intervals, bootstrap_scores

        scores = self.scores(by=by, weighted=weighted)
        intervals = bootstrap_scores(self.sentences, self.matches, by=by, frames=self.frames,
                                     n_boot=n_boot, ci=ci, seed=seed, weighted=weighted)
        return add_intervals(scores, intervals)

    def compare(self, *, by: str = "outlet", measure: str = "per_1k", n_perm: int = 5000,
                seed: int = 0, **kwargs: Any) -> pd.DataFrame:
        """Outlet-vs-rest and pairwise comparisons (:func:`framing.statistics.compare_groups`)."""
        from framing.statistics import compare_groups

        self._require_lexicon("comparisons")
        return compare_groups(self.sentences, self.matches, by=by, frames=self.frames,
                              measure=measure, n_perm=n_perm, seed=seed, **kwargs)

    def clean_texts(self) -> Iterator[tuple[str, str]]:
        """Yield ``(doc_id, text)`` with only the non-boilerplate sentences, one per line.

        Sentences are joined with line breaks so that n-grams never cross them.
        """
        keep = self.sentences[~self.sentences["boilerplate"].astype(bool)]
        for doc_id, group in keep.groupby("doc_id", sort=False):
            text = self.corpus[doc_id].text
            yield doc_id, "\n".join(text[s:e] for s, e in zip(group["start"], group["end"],
                                                                strict=True))

    def keyness(self, *, by: str = "outlet", method: str = "logodds",
                **kwargs: Any) -> pd.DataFrame:
        """Distinctive terms per group (:func:`framing.keyness.keyness`), boilerplate excluded."""
        from framing.keyness import keyness

        if by in ("doc", "doc_id"):
            by = "doc_id"
        elif by not in self.documents.columns:
            raise ValueError(f"no column {by!r} to group by; columns: "
                             f"{', '.join(map(str, self.documents.columns))}")
        labels = self.documents.set_index("doc_id")[by]
        ids, texts = [], []
        for doc_id, text in self.clean_texts():
            ids.append(doc_id)
            texts.append(text)
        groups = [doc_id if by == "doc_id" else labels[doc_id] for doc_id in ids]
        return keyness(texts, groups, method=method, **kwargs)

    def validate(self, coded: Any, **kwargs: Any) -> pd.DataFrame:
        """Agreement with human-coded units (:func:`framing.validation.validate`).

        The matches validated are the ones that score: matches in sentences the
        toolkit took for boilerplate are left out, as in :meth:`scores`, so a
        sentence of the article wrongly taken for boilerplate costs recall here too.
        """
        from framing.validation import read_coded, validate

        self._require_lexicon("validation")
        if not isinstance(coded, pd.DataFrame):
            coded = read_coded(coded)
        return validate(coded, self.scored_matches(), frames=self.frames,
                        boilerplate_pred=self.sentences, **kwargs)

    def scored_matches(self) -> pd.DataFrame:
        """The matches that score: those outside boilerplate sentences.

        Returns
        -------
        pandas.DataFrame
            The rows of :attr:`matches` whose sentence is not boilerplate, in the
            same order and with the same index.
        """
        flags = self.sentences.set_index(["doc_id", "sentence_id"])["boilerplate"].astype(bool)
        keys = pd.MultiIndex.from_arrays([self.matches["doc_id"], self.matches["sentence_id"]])
        in_boilerplate = flags.reindex(keys).to_numpy(dtype=bool, na_value=False)
        return self.matches[~in_boilerplate]

    def show(self, doc_id: str):
        """Render one document for auditing (:class:`framing.display.DocumentView`)."""
        from framing import voice as voice_mod
        from framing.display import DocumentView

        doc = self.corpus[doc_id]
        sents = self.sentences[self.sentences["doc_id"] == doc_id]
        sentences = list(zip(sents["start"].tolist(), sents["end"].tolist(), strict=True))
        attributed = [(v.start, v.end, v.reason)
                      for v in voice_mod.find_voice_spans(doc.text, sentences=sentences)]
        bp = self.boilerplate[self.boilerplate["doc_id"] == doc_id]
        boilerplate = list(zip(bp["start"], bp["end"], bp["reason"], strict=True))
        matches = self.matches[self.matches["doc_id"] == doc_id]
        return DocumentView(doc_id, doc.text, matches.reset_index(drop=True), attributed,
                            boilerplate, self.frames, doc.meta.get("title"))

    def evidence(self, *, frame: str | None = None, voice: str | None = None,
                 by: str | None = None, group: Any = None):
        """Matches as keyword-in-context rows (:class:`framing.display.MatchView`)."""
        from framing.display import MatchView

        table = self.matches
        if frame is not None:
            table = table[table["frame"] == frame]
        if voice is not None:
            table = table[table["voice"] == voice]
        if by is not None:
            ids = set(self.documents.loc[self.documents[by] == group, "doc_id"])
            table = table[table["doc_id"].isin(ids)]
        texts = {d: self.corpus[d].text for d in table["doc_id"].unique()}
        return MatchView(table.reset_index(drop=True), texts, self.frames)

    def _require_lexicon(self, what: str) -> None:
        if self.lexicon is None:
            raise ValueError(f"{what} need a lexicon: analyze(corpus, lexicon=...)")

    def __repr__(self) -> str:
        lex = f", lexicon {self.lexicon.name!r}" if self.lexicon is not None else ""
        return (f"<Analysis of {self.corpus.name!r}: {len(self.documents)} documents, "
                f"{len(self.sentences)} sentences, {len(self.matches)} matches{lex}>")


def _document_row(doc: Document, res: DocumentAnalysis, dup: dict[str, Any]) -> dict[str, Any]:
    src = res.source or provenance.SourceAttribution(None, None, None, None, "not run")
    para = res.paraphrase
    return {
        "doc_id": doc.doc_id,
        **{k: doc.meta.get(k) for k in ("outlet", "publisher", "date", "title")},
        "n_sentences": int(res.sentences.shape[0]),
        "n_tokens": int(res.sentence_tokens[~res.sentence_boilerplate].sum()),
        "n_boilerplate_sentences": int(res.sentence_boilerplate.sum()),
        "boilerplate_chars": res.boilerplate_chars,
        "original_source": src.source,
        "original_source_evidence": src.evidence,
        "original_source_start": src.start,
        "original_source_end": src.end,
        "template_source": getattr(res.template_source, "source", None),
        "template_source_evidence": getattr(res.template_source, "evidence", None),
        "duplicate_group": dup.get("duplicate_group"),
        "duplicate_of": dup.get("duplicate_of"),
        "duplicate_similarity": dup.get("duplicate_similarity"),
        "paraphrase_flag": bool(para.flag) if para is not None else None,
        "paraphrase_score": float(para.score) if para is not None else None,
        "paraphrase_evidence": ("; ".join(f"{e.found} -> {e.expected}" for e in para.evidence
                                          if e.expected) or None) if para is not None else None,
    }


def analyze(
    corpus: Corpus | Any,
    lexicon: Any | None = None,
    *,
    config: AnalysisConfig | None = None,
    progress: bool = False,
) -> Analysis:
    """Run the pipeline over a corpus.

    Parameters
    ----------
    corpus : Corpus, path or DataFrame
        Anything :func:`framing.corpus.read_corpus` accepts.
    lexicon : Lexicon, str or path, optional
        A lexicon, the name of a bundled one, or a path
        (:func:`framing.lexicon.load_lexicon`). Without one, the tables describe
        the corpus only (no matches).
    config : AnalysisConfig, optional
    progress : bool, default False
        Progress bars on stderr.

    Returns
    -------
    Analysis

    Examples
    --------
    >>> from framing.datasets import load_kazakhstan_2022
    >>> from framing.pipeline import analyze
    >>> result = analyze(load_kazakhstan_2022(), "kazakhstan-2022")
    >>> print(result.documents[["doc_id", "original_source"]].to_string(index=False))
                  doc_id original_source
    000_fa584555f2145362             NaN
    001_d7fcb602a5d755b1        Newsweek
    002_7d6718613a425cdc The Daily Beast
    003_c9329d73a2008fbe         Reuters
    004_c02b394d286b7c9f             NaN
    """
    config = config or AnalysisConfig()
    corpus = read_corpus(corpus)
    matcher = None
    if lexicon is not None:
        from framing.lexicon import load_lexicon
        from framing.matching import Matcher

        if not hasattr(lexicon, "entries"):
            lexicon = load_lexicon(lexicon)
        matcher = Matcher(lexicon, overlap=config.overlap)

    template = fit_templates(corpus, min_docs=config.template_min_docs, progress=progress)
    if matcher is not None:
        entry_pattern = np.asarray([e.pattern for e in lexicon.entries], dtype=object)
        entry_frame = np.asarray(lexicon.categories, dtype=object)[lexicon.category_codes]
    # Per-document results are appended to flat lists and arrays and turned into
    # tables once at the end: the text itself is not held.
    doc_rows: list[dict[str, Any]] = []
    sent: dict[str, list[Any]] = {k: [] for k in ("doc", "start", "end", "bp", "tokens", "sid")}
    match: dict[str, list[Any]] = {k: [] for k in ("doc", "sid", "start", "end", "text", "entry",
                                                   "voice", "reason")}
    bp_rows, para_rows = [], []
    for doc, res in iter_analyses(corpus, template=template, matcher=matcher, config=config,
                                  progress=progress):
        n = res.sentences.shape[0]
        sent["doc"].append(np.full(n, len(doc_rows), dtype=np.int64))
        sent["sid"].append(np.arange(n, dtype=np.int64))
        sent["start"].append(res.sentences[:, 0])
        sent["end"].append(res.sentences[:, 1])
        sent["bp"].append(res.sentence_boilerplate)
        sent["tokens"].append(res.sentence_tokens.astype(np.int64))
        bp_rows.extend((doc.doc_id, s.start, s.end, s.reason, doc.text[s.start:s.end])
                       for s in res.boilerplate)
        if res.paraphrase is not None:
            para_rows.extend((doc.doc_id, e.start, e.end, e.found, e.expected, e.rule)
                             for e in res.paraphrase.evidence)
        k = len(res.match_start)
        if matcher is not None and k:
            match["doc"].append(np.full(k, len(doc_rows), dtype=np.int64))
            match["sid"].append(res.match_sentence)
            match["start"].append(res.match_start)
            match["end"].append(res.match_end)
            match["entry"].append(res.match_entry)
            match["voice"].append(res.match_voice)
            match["reason"].append(res.match_reason)
            match["text"].extend(doc.text[a:b] for a, b in zip(res.match_start.tolist(),
                                                               res.match_end.tolist(),
                                                               strict=True))
        doc_rows.append(_document_row(doc, res, {}))

    # pass 3: syndication, streaming the texts again (folder corpora read lazily)
    if config.provenance:
        pairs: Any = zip(corpus.doc_ids, corpus.texts(), strict=True)
        if progress:
            from tqdm.auto import tqdm

            pairs = tqdm(pairs, total=len(corpus), desc="near-duplicates", unit="doc",
                         leave=False, delay=1.0)
        duplicates = provenance.find_near_duplicates(pairs, threshold=config.duplicate_threshold)
        dup_lookup = duplicates.set_index("doc_id").to_dict("index") if len(duplicates) else {}
        for row in doc_rows:
            for key in ("duplicate_group", "duplicate_of", "duplicate_similarity"):
                row[key] = dup_lookup.get(row["doc_id"], {}).get(key)

    def cat(parts: list[Any], dtype: Any) -> np.ndarray:
        return np.concatenate(parts).astype(dtype, copy=False) if parts else np.empty(0, dtype)

    doc_ids = np.asarray([row["doc_id"] for row in doc_rows], dtype=object)
    sentences = pd.DataFrame({
        "doc_id": doc_ids[cat(sent["doc"], np.int64)],
        "sentence_id": cat(sent["sid"], np.int64),
        "start": cat(sent["start"], np.int64),
        "end": cat(sent["end"], np.int64),
        "boilerplate": cat(sent["bp"], bool),
        "n_tokens": cat(sent["tokens"], np.int64),
    })
    if matcher is not None:
        entries = cat(match["entry"], np.int64)
        matches = pd.DataFrame({
            "doc_id": doc_ids[cat(match["doc"], np.int64)],
            "sentence_id": cat(match["sid"], np.int64),
            "start": cat(match["start"], np.int64),
            "end": cat(match["end"], np.int64),
            "text": np.asarray(match["text"], dtype=object),
            "entry": entry_pattern[entries],
            "frame": entry_frame[entries],
            "voice": cat(match["voice"], object),
            "voice_reason": cat(match["reason"], object),
            "weight": lexicon.weights[entries],
        })
    else:
        matches = pd.DataFrame({c: pd.Series(dtype=object) for c in MATCH_COLUMNS})

    meta = corpus.metadata
    documents = pd.DataFrame(doc_rows, columns=DOCUMENT_COLUMNS)
    extra_meta = [c for c in meta.columns if c not in documents.columns]
    documents = documents.merge(meta[["doc_id", *extra_meta]], on="doc_id", how="left")

    group_cols = [c for c in meta.columns if c not in ("title", "notes")]
    sentences = sentences.merge(meta[group_cols], on="doc_id", how="left")
    boilerplate = pd.DataFrame(bp_rows, columns=["doc_id", "start", "end", "reason", "text"])
    paraphrase_evidence = pd.DataFrame(
        para_rows, columns=["doc_id", "start", "end", "found", "expected", "rule"])
    return Analysis(corpus, lexicon, config, documents, sentences, matches, boilerplate,
                    paraphrase_evidence)


def score_stream(
    corpus: Corpus | Any,
    lexicon: Any,
    *,
    by: str = "outlet",
    matches_out: str | os.PathLike[str] | None = None,
    config: AnalysisConfig | None = None,
    weighted: bool = False,
    progress: bool = False,
) -> pd.DataFrame:
    """Score a corpus of any size in one streaming pass; memory does not grow with it.

    Documents are analysed one at a time (after the template pass); every match
    is appended to ``matches_out`` as it is found, and only per-group sums are
    kept. The result equals ``analyze(corpus, lexicon).scores(by=by)`` and the
    file equals the ``matches`` table written by ``framing score`` (tested);
    what streaming cannot give is bootstrap intervals and comparisons, which
    resample sentences and so need the sentence table.

    Parameters
    ----------
    corpus : Corpus, path or DataFrame
    lexicon : Lexicon, name or path
    by : str, default "outlet"
        Grouping: a metadata column, or ``"doc"``/``"doc_id"`` for documents.
    matches_out : path, optional
        CSV file for every match (columns :data:`MATCH_COLUMNS`).
    config : AnalysisConfig, optional
        Provenance is not needed for scores and is skipped.
    weighted : bool, default False
    progress : bool, default False

    Returns
    -------
    pandas.DataFrame
        The score table (:func:`framing.scoring.score_table` columns).
    """
    from framing._tables import CsvRowWriter, csv_cell
    from framing.lexicon import load_lexicon
    from framing.matching import Matcher
    from framing.scoring import FramingDataError, scores_from_sums

    config = dataclasses.replace(config or AnalysisConfig(), provenance=False)
    corpus = read_corpus(corpus)
    if not hasattr(lexicon, "entries"):
        lexicon = load_lexicon(lexicon)
    per_doc = by in ("doc", "doc_id")
    name = "doc_id" if per_doc else by
    if not per_doc and by not in corpus.metadata.columns:
        raise FramingDataError(f"no column {by!r} to group by; metadata columns: "
                               f"{', '.join(map(str, corpus.metadata.columns))}")
    frames = list(lexicon.categories)
    n_frames = len(frames)
    code, weight = lexicon.category_codes, lexicon.weights
    # per-entry cells of matches.csv, formatted once rather than once per match
    pattern = [e.pattern for e in lexicon.entries]
    frame_of = [frames[c] for c in code.tolist()]
    weight_cell = [csv_cell(w) for w in weight.tolist()]
    cr_cells = any("\r" in cell for cell in (*pattern, *frame_of))
    matcher = Matcher(lexicon, overlap=config.overlap)
    template = fit_templates(corpus, min_docs=config.template_min_docs, progress=progress)

    sums: dict[Any, np.ndarray] = {}
    n_docs: dict[Any, int] = {}
    n_sentences: dict[Any, int] = {}
    excluded = 0.0
    handle = open(matches_out, "w", encoding="utf-8", newline="") if matches_out else None  # noqa: SIM115
    try:
        writer = CsvRowWriter(handle) if handle else None
        if writer:
            writer.writerow(MATCH_COLUMNS)
        for doc, res in iter_analyses(corpus, template=template, matcher=matcher, config=config,
                                      progress=progress):
            group = doc.doc_id if per_doc else doc.meta.get(by)
            if group is None:
                raise FramingDataError(f"document {doc.doc_id!r} has no value in {by!r}; fill "
                                       "it in the metadata or group by another column")
            scored = ~res.sentence_boilerplate
            acc = sums.setdefault(group, np.zeros(2 * n_frames + 1))
            acc[-1] += res.sentence_tokens[scored].sum()
            n_sentences[group] = n_sentences.get(group, 0) + int(scored.sum())
            n_docs[group] = n_docs.get(group, 0) + int(scored.any())
            k = len(res.match_start)
            if not k:
                continue
            in_scored = scored[res.match_sentence]
            attributed = res.match_voice == "attributed"
            values = weight[res.match_entry] if weighted else np.ones(k)
            np.add.at(acc, (attributed * n_frames + code[res.match_entry])[in_scored],
                      values[in_scored])
            excluded += float(values[~in_scored].sum())
            if writer:
                text, doc_id = doc.text, doc.doc_id
                # rows can hold a carriage return only through these (see framing._tables)
                check = "\r" in text or "\r" in doc_id or cr_cells
                writer.writerows(
                    ([doc_id, i, a, b, text[a:b], pattern[e], frame_of[e], v, r, weight_cell[e]]
                     for i, a, b, e, v, r in zip(
                         res.match_sentence.tolist(), res.match_start.tolist(),
                         res.match_end.tolist(), res.match_entry.tolist(),
                         res.match_voice.tolist(), res.match_reason.tolist(), strict=True)),
                    check=check)
    finally:
        if handle:
            handle.close()
    groups = sorted(sums, key=lambda g: (str(type(g)), g))
    return scores_from_sums(
        groups, np.vstack([sums[g] for g in groups]) if groups else np.zeros((0, 2 * n_frames + 1)),
        n_docs=np.asarray([n_docs[g] for g in groups], dtype=np.int64),
        n_sentences=np.asarray([n_sentences[g] for g in groups], dtype=np.int64),
        by=name, frames=frames, weighted=weighted,
        excluded_boilerplate_matches=excluded if weighted else int(excluded))

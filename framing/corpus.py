"""The corpus: documents with their provenance metadata, loaded from any source.

A :class:`Corpus` is the same object whatever the source:

* a folder of ``.txt`` files (``doc_id`` = file name without extension), with an
  optional ``metadata.csv`` joined on a ``file`` (file name) or ``doc_id`` column;
* a ``.csv``/``.tsv``, ``.jsonl`` or ``.parquet`` file with a ``text`` column and
  optionally a ``doc_id`` column (else row numbers), plus any metadata columns;
* a :class:`pandas.DataFrame` with the same columns.

The original text is never modified: every later stage stores offsets into it.
Texts of a folder corpus are read from disk when a document is used, so a corpus
of millions of files costs memory for its metadata only.

Nothing is dropped silently. Every file or row the loader skips or repairs is
recorded in :attr:`Corpus.load_report` and announced with a
:class:`CorpusWarning`; problems that make the corpus ambiguous (duplicate ids,
undecodable bytes) raise :class:`CorpusError` naming the file, the line or byte
offset, and the fix.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import os
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pandas as pd

__all__ = [
    "METADATA_COLUMNS",
    "Corpus",
    "CorpusError",
    "CorpusWarning",
    "Document",
    "read_corpus",
]

EncodingErrors = Literal["strict", "replace"]

#: Metadata columns every corpus has (missing values are NA). ``publisher`` is
#: the site that carried the text, ``outlet`` the outlet that wrote it.
METADATA_COLUMNS = ("outlet", "publisher", "date", "title", "language")

_TABULAR_FORMATS = {".csv": "csv", ".tsv": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl",
                    ".parquet": "parquet", ".pq": "parquet"}
_FIX_ENCODING = ("re-save the file as UTF-8, or pass encoding_errors='replace' "
                 "(command line: --encoding-errors replace) to substitute U+FFFD")


class CorpusError(ValueError):
    """A corpus source that cannot be loaded as it is (the message says why and how to fix it)."""


class CorpusWarning(UserWarning):
    """Something in a corpus source was skipped, repaired or is suspicious."""


@dataclass(frozen=True, slots=True)
class Document:
    """One document: its id, original text, metadata and where it came from.

    Attributes
    ----------
    doc_id : str
        Unique identifier within the corpus.
    text : str
        The original text, exactly as decoded from the source.
    meta : dict
        Metadata (``outlet``, ``publisher``, ``date``, ``title``, ``language`` and
        any other columns of the source).
    source : str
        Where the text came from (a file path, or ``"file.csv, line 3"``).
    """

    doc_id: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    source: str = ""

    def _repr_html_(self) -> str:
        title = self.meta.get("title") or self.doc_id
        body = html.escape(self.text).replace("\n", "<br>")
        return f"<div><h4>{html.escape(str(title))}</h4><p>{body}</p></div>"


@dataclass(frozen=True, slots=True)
class _Issue:
    severity: str  # "warning" | "replaced"
    kind: str
    source: str
    doc_id: str | None
    message: str


def _decode(data: bytes, source: str, errors: EncodingErrors) -> tuple[str, bool]:
    """Decode UTF-8 (a leading BOM is kept as text, never stripped silently)."""
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError as exc:
        if errors == "replace":
            return data.decode("utf-8", errors="replace"), True
        line = data.count(b"\n", 0, exc.start) + 1
        raise CorpusError(
            f"{source}: byte offset {exc.start} (line {line}) is not valid UTF-8 "
            f"(byte 0x{data[exc.start]:02x}); {_FIX_ENCODING}"
        ) from None


class _FileTexts:
    """Texts read from files on demand (decoding is checked at load time)."""

    def __init__(self, paths: Sequence[Path], errors: EncodingErrors):
        self.paths = list(paths)
        self.errors = errors

    def __len__(self) -> int:
        return len(self.paths)

    def __getitem__(self, i: int) -> str:
        return _decode(self.paths[i].read_bytes(), str(self.paths[i]), self.errors)[0]

    def source(self, i: int) -> str:
        return str(self.paths[i])


class _MemoryTexts:
    def __init__(self, texts: Sequence[str], sources: Sequence[str]):
        self.texts = list(texts)
        self.sources = list(sources)

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, i: int) -> str:
        return self.texts[i]

    def source(self, i: int) -> str:
        return self.sources[i]


class Corpus:
    """A collection of documents with metadata; texts are never modified.

    Build one with :func:`read_corpus` (a path or a DataFrame),
    :meth:`Corpus.from_frame`, or :func:`framing.datasets.load_kazakhstan_2022`.

    Attributes
    ----------
    name : str
        A label for reports (the source path or a dataset name).
    metadata : pandas.DataFrame
        One row per document in corpus order: ``doc_id``, the standard columns
        :data:`METADATA_COLUMNS`, then any other metadata columns.
    load_report : pandas.DataFrame
        Every file or row the loader skipped, repaired or warned about, with
        columns ``severity, kind, source, doc_id, message``.

    Examples
    --------
    >>> import pandas as pd
    >>> from framing.corpus import Corpus
    >>> corpus = Corpus.from_frame(pd.DataFrame({"doc_id": ["a", "b"],
    ...     "text": ["Protests spread.", "Police fired."], "outlet": ["X", "Y"]}))
    >>> len(corpus), corpus.doc_ids, corpus["b"].text
    (2, ['a', 'b'], 'Police fired.')
    """

    def __init__(
        self,
        texts: _FileTexts | _MemoryTexts,
        metadata: pd.DataFrame,
        *,
        name: str = "corpus",
        issues: Sequence[_Issue] = (),
    ):
        if len(texts) != len(metadata):
            raise ValueError("texts and metadata must have the same length")
        self._texts = texts
        self.metadata = metadata.reset_index(drop=True)
        self.name = name
        self._issues = list(issues)
        self._index = {d: i for i, d in enumerate(self.metadata["doc_id"])}
        self._sha256: str | None = None

    # -- construction ---------------------------------------------------------------
    @classmethod
    def from_frame(
        cls,
        frame: pd.DataFrame,
        *,
        text_column: str = "text",
        id_column: str = "doc_id",
        name: str = "DataFrame",
    ) -> Corpus:
        """Build a corpus from a DataFrame with a text column.

        Parameters
        ----------
        frame : pandas.DataFrame
            One row per document. Other columns become metadata.
        text_column, id_column : str
            Column names of the text and of the document id. Without an id
            column, ids are the row numbers (``"0"``, ``"1"``, ...).
        name : str
            A label for reports.
        """
        return _corpus_from_records(frame, text_column=text_column, id_column=id_column,
                                    source=name)

    # -- access -----------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.metadata)

    @property
    def doc_ids(self) -> list[str]:
        """Document ids in corpus order."""
        return list(self.metadata["doc_id"])

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._index

    def _document(self, i: int) -> Document:
        row = self.metadata.iloc[i]
        meta = {k: (None if _isna(v) else v) for k, v in row.items() if k != "doc_id"}
        return Document(str(row["doc_id"]), self._texts[i], meta, self._texts.source(i))

    def __getitem__(self, key: str | int) -> Document:
        if isinstance(key, str):
            if key not in self._index:
                raise KeyError(f"no document with doc_id {key!r} in {self.name}")
            return self._document(self._index[key])
        if isinstance(key, int):
            n = len(self)
            if not -n <= key < n:
                raise IndexError(f"document index {key} out of range for {n} documents")
            return self._document(key % n)
        raise TypeError(f"corpus indices are doc_id strings or integers, not {type(key).__name__}")

    def _metadata_rows(self, *, with_id: bool = False) -> Iterator[list[Any]]:
        """Metadata rows as lists of Python values, missing values as ``None``.

        Built column by column: ``metadata.iloc[i]`` costs ~100 us a row, more
        than reading a typical text.
        """
        cols = [c for c in self.metadata.columns if with_id or c != "doc_id"]
        columns = []
        for c in cols:
            col = self.metadata[c]
            columns.append([None if na else v for v, na in
                            zip(col.tolist(), col.isna().tolist(), strict=True)])
        return (list(row) for row in zip(*columns, strict=True)) if columns else (
            [] for _ in range(len(self)))

    def __iter__(self) -> Iterator[Document]:
        keys = [c for c in self.metadata.columns if c != "doc_id"]
        ids = self.metadata["doc_id"].tolist()
        texts = self._texts
        for i, row in enumerate(self._metadata_rows()):
            yield Document(str(ids[i]), texts[i], dict(zip(keys, row, strict=True)),
                           texts.source(i))

    def texts(self) -> Iterator[str]:
        """Yield the original texts in corpus order (read lazily for folders)."""
        for i in range(len(self)):
            yield self._texts[i]

    @property
    def load_report(self) -> pd.DataFrame:
        return pd.DataFrame(
            [(x.severity, x.kind, x.source, x.doc_id, x.message) for x in self._issues],
            columns=["severity", "kind", "source", "doc_id", "message"],
        )

    @property
    def sha256(self) -> str:
        """Content hash of ids, texts and metadata (stable across sources and runs)."""
        if self._sha256 is None:
            h = hashlib.sha256()
            meta_cols = list(self.metadata.columns)
            h.update(json.dumps(meta_cols).encode())
            rows = self._metadata_rows(with_id=True)
            for text, values in zip(self.texts(), rows, strict=True):
                row = [None if v is None else str(v) for v in values]
                h.update(json.dumps(row, ensure_ascii=False).encode())
                h.update(hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest())
            self._sha256 = h.hexdigest()
        return self._sha256

    def to_frame(self) -> pd.DataFrame:
        """Metadata with a ``text`` column (reads every text: mind large corpora)."""
        frame = self.metadata.copy()
        frame.insert(1, "text", list(self.texts()))
        return frame

    def subset(self, doc_ids: Iterable[str]) -> Corpus:
        """A corpus of the given documents, in the order given."""
        idx = []
        for d in doc_ids:
            if d not in self._index:
                raise KeyError(f"no document with doc_id {d!r} in {self.name}")
            idx.append(self._index[d])
        texts = _MemoryTexts([self._texts[i] for i in idx], [self._texts.source(i) for i in idx])
        return Corpus(texts, self.metadata.iloc[idx], name=self.name)

    def __repr__(self) -> str:
        return f"<Corpus {self.name!r}: {len(self)} documents>"

    def _repr_html_(self) -> str:
        head = f"<p><b>Corpus</b> {html.escape(self.name)}: {len(self)} documents</p>"
        shown = self.metadata.head(50)
        table = shown.to_html(index=False, na_rep="", escape=True)
        more = f"<p>... {len(self) - 50} more</p>" if len(self) > 50 else ""
        return head + table + more


def _isna(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _emit(issues: Sequence[_Issue]) -> None:
    """One warning per kind of issue, naming every affected file or row."""
    by_kind: dict[tuple[str, str], list[_Issue]] = {}
    for issue in issues:
        by_kind.setdefault((issue.severity, issue.kind), []).append(issue)
    for (_, _kind), items in by_kind.items():
        names = "; ".join(x.message for x in items[:20])
        more = f"; ... and {len(items) - 20} more (see Corpus.load_report)" if len(items) > 20 else ""
        warnings.warn(names + more, CorpusWarning, stacklevel=3)


def _standardize_metadata(meta: pd.DataFrame) -> pd.DataFrame:
    meta = meta.copy()
    for col in METADATA_COLUMNS:
        if col not in meta.columns:
            meta[col] = pd.NA
    order = ["doc_id", *METADATA_COLUMNS]
    rest = [c for c in meta.columns if c not in order]
    return meta[order + rest]


def _check_duplicate_ids(doc_ids: Sequence[str], where: Sequence[str], source: str) -> None:
    counts = Counter(doc_ids)
    dups = [d for d, c in counts.items() if c > 1]
    if dups:
        details = []
        for d in dups[:10]:
            locs = [w for i, w in zip(doc_ids, where, strict=True) if i == d]
            details.append(f"{d!r} ({', '.join(locs[:3])})")
        raise CorpusError(
            f"{source}: duplicate doc_id {'; '.join(details)}"
            f"{' and more' if len(dups) > 10 else ''}; doc_ids must be unique: "
            "rename the files or rows, or drop the duplicates first"
        )


def _corpus_from_records(
    frame: pd.DataFrame,
    *,
    text_column: str,
    id_column: str,
    source: str,
    locations: Sequence[str] | None = None,
    replaced_note: str | None = None,
) -> Corpus:
    if text_column not in frame.columns:
        raise CorpusError(
            f"{source}: no {text_column!r} column (columns: {', '.join(map(str, frame.columns))}); "
            "name the text column 'text' or pass text_column= (command line: --text-column)"
        )

    def where(i: int) -> str:
        return locations[i] if locations is not None else f"{source}, row {i + 1}"

    frame = frame.reset_index(drop=True)
    if id_column in frame.columns:
        ids = frame[id_column]
        missing = [i for i, v in enumerate(ids) if _isna(v) or str(v).strip() == ""]
        if missing:
            raise CorpusError(
                f"{where(missing[0])}: empty {id_column!r}"
                f"{f' (and {len(missing) - 1} more rows)' if len(missing) > 1 else ''}; "
                "give every row an id, or drop the column to number rows"
            )
        doc_ids = [str(v) for v in ids]
    else:
        doc_ids = [str(i) for i in range(len(frame))]
    _check_duplicate_ids(doc_ids, [where(i) for i in range(len(frame))], source)

    issues: list[_Issue] = []
    texts = []
    for i, value in enumerate(frame[text_column]):
        if _isna(value):
            value = ""
        elif not isinstance(value, str):
            raise CorpusError(f"{where(i)}: {text_column!r} is {type(value).__name__}, not text")
        if not value.strip():
            issues.append(_Issue("warning", "empty", where(i), doc_ids[i],
                                 f"{where(i)} (doc_id {doc_ids[i]!r}) has an empty text; kept, it scores nothing"))
        texts.append(value)
    if replaced_note:
        issues.append(_Issue("replaced", "encoding", source, None, replaced_note))
    meta = frame.drop(columns=[c for c in (text_column, id_column) if c in frame.columns])
    meta.insert(0, "doc_id", doc_ids)
    meta = _standardize_metadata(meta)
    _emit(issues)
    return Corpus(_MemoryTexts(texts, [where(i) for i in range(len(frame))]), meta,
                  name=source, issues=issues)


def _read_tabular(path: Path, fmt: str, *, text_column: str, id_column: str,
                  encoding_errors: EncodingErrors) -> Corpus:
    source = str(path)
    if fmt == "parquet":
        try:
            frame = pd.read_parquet(path)
        except (OSError, ValueError) as exc:
            raise CorpusError(f"{source}: not a readable Parquet file ({exc}); check the file") from None
        return _corpus_from_records(frame, text_column=text_column, id_column=id_column,
                                    source=source)
    data = path.read_bytes()
    text, replaced = _decode(data, source, encoding_errors)
    note = f"{source}: invalid UTF-8 bytes replaced with U+FFFD" if replaced else None
    if fmt == "jsonl":
        records = []
        line_numbers = []
        for n, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{source}, line {n}: invalid JSON ({exc.msg}, column {exc.colno}); "
                                  "each line must be one JSON object") from None
            if not isinstance(record, dict):
                raise CorpusError(f"{source}, line {n}: a JSON {type(record).__name__}, "
                                  "not an object; each line must be one JSON object")
            records.append(record)
            line_numbers.append(n)
        frame = pd.DataFrame.from_records(records)
        if id_column not in frame.columns:
            frame.insert(0, id_column, [str(i) for i in range(len(frame))])
        return _corpus_from_records(frame, text_column=text_column, id_column=id_column,
                                    source=source, replaced_note=note,
                                    locations=[f"{source}, line {n}" for n in line_numbers])
    sep = "\t" if fmt == "tsv" else ","
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False,
                            na_values=[], engine="python")
    except (pd.errors.ParserError, csv.Error) as exc:
        raise CorpusError(f"{source}: not a readable {fmt.upper()} file ({exc}); "
                          "check quoting and the separator") from None
    # CSV records may span lines (quoted newlines), so locations are record numbers
    # ("row 1" is the first record after the header), not line numbers.
    return _corpus_from_records(frame, text_column=text_column, id_column=id_column,
                                source=source, replaced_note=note)


def _read_folder(path: Path, *, encoding_errors: EncodingErrors, metadata_file: str,
                 progress: bool) -> Corpus:
    source = str(path)
    files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".txt")
    others = sorted(p.name for p in path.iterdir()
                    if p.is_file() and p.suffix.lower() != ".txt" and p.name != metadata_file
                    and not p.name.startswith("."))
    if not files:
        raise CorpusError(f"{source}: no .txt files in this folder; a folder corpus is one "
                          "UTF-8 .txt file per document (or pass a .csv/.tsv/.jsonl/.parquet file)")
    issues: list[_Issue] = []
    for name in others:
        issues.append(_Issue("warning", "skipped_file", str(path / name), None,
                             f"{path / name}: not a .txt file, skipped"))
    doc_ids = [p.stem for p in files]
    _check_duplicate_ids(doc_ids, [p.name for p in files], source)

    iterator: Iterable[Path] = files
    if progress and len(files) > 1000:
        from tqdm.auto import tqdm

        iterator = tqdm(files, desc="checking files", unit="file", leave=False, delay=1.0)
    replaced_files = []
    for p in iterator:
        try:
            data = p.read_bytes()
        except OSError as exc:
            raise CorpusError(f"{p}: cannot be read ({exc.strerror}); check its permissions") from None
        text, replaced = _decode(data, str(p), encoding_errors)
        if replaced:
            replaced_files.append(p)
            issues.append(_Issue("replaced", "encoding", str(p), p.stem,
                                 f"{p}: invalid UTF-8 bytes replaced with U+FFFD"))
        if not text.strip():
            issues.append(_Issue("warning", "empty", str(p), p.stem,
                                 f"{p} is empty; kept, it scores nothing"))

    meta = pd.DataFrame({"doc_id": doc_ids})
    meta_path = path / metadata_file
    if meta_path.exists():
        meta = _join_metadata(meta, [p.name for p in files], meta_path, issues, encoding_errors)
    meta = _standardize_metadata(meta)
    _emit(issues)
    return Corpus(_FileTexts(files, encoding_errors), meta, name=source, issues=issues)


def _join_metadata(meta: pd.DataFrame, file_names: list[str], meta_path: Path,
                   issues: list[_Issue], encoding_errors: EncodingErrors) -> pd.DataFrame:
    text, _ = _decode(meta_path.read_bytes(), str(meta_path), encoding_errors)
    try:
        table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_values=[""])
    except pd.errors.ParserError as exc:
        raise CorpusError(f"{meta_path}: not a readable CSV file ({exc})") from None
    if "file" in table.columns:
        key, values = "file", file_names
        table["file"] = [Path(str(f)).name for f in table["file"]]
    elif "doc_id" in table.columns:
        key, values = "doc_id", list(meta["doc_id"])
    else:
        raise CorpusError(f"{meta_path}: needs a 'file' (file name) or 'doc_id' column to join "
                          f"it to the texts (columns: {', '.join(table.columns)})")
    dup = table[key][table[key].duplicated()].tolist()
    if dup:
        lines = [int(i) + 2 for i in table.index[table[key].isin(dup)][:5]]
        raise CorpusError(f"{meta_path}, lines {lines}: {key} {dup[0]!r} appears more than once; "
                          "keep one metadata row per document")
    known = set(values)
    for i, v in enumerate(table[key]):
        if v not in known:
            issues.append(_Issue("warning", "metadata_without_file", str(meta_path), None,
                                 f"{meta_path}, line {i + 2}: {key} {v!r} matches no .txt file; row ignored"))
    present = set(table[key])
    for d, v in zip(meta["doc_id"], values, strict=True):
        if v not in present:
            issues.append(_Issue("warning", "file_without_metadata", str(meta_path), d,
                                 f"{d}: no row in {meta_path.name}; its metadata is empty"))
    table = table.drop(columns=[c for c in ("doc_id", "file") if c in table.columns and c != key])
    lookup = pd.DataFrame({key: values, "doc_id": meta["doc_id"]}) if key == "file" else meta
    merged = lookup.merge(table, on=key, how="left", validate="one_to_one")
    if key == "file":
        merged = merged.drop(columns="file")
    return merged


def read_corpus(
    source: str | os.PathLike[str] | pd.DataFrame | Corpus,
    *,
    format: Literal["auto", "folder", "csv", "tsv", "jsonl", "parquet"] = "auto",
    text_column: str = "text",
    id_column: str = "doc_id",
    encoding_errors: EncodingErrors = "strict",
    metadata_file: str = "metadata.csv",
    progress: bool = False,
) -> Corpus:
    """Load a corpus from a folder, a table file or a DataFrame.

    Parameters
    ----------
    source : path, DataFrame or Corpus
        A folder of ``.txt`` files, a ``.csv``, ``.tsv``, ``.jsonl`` or
        ``.parquet`` file, or a DataFrame (a :class:`Corpus` is returned as is).
    format : {"auto", "folder", "csv", "tsv", "jsonl", "parquet"}, default "auto"
        ``"auto"`` detects the format from the path (a folder, or the extension).
    text_column, id_column : str
        Columns holding the text and the document id in tabular sources. Without
        an id column, ids are row numbers from 0.
    encoding_errors : {"strict", "replace"}, default "strict"
        ``"strict"`` raises :class:`CorpusError` naming the file and byte offset of
        the first invalid UTF-8 byte; ``"replace"`` substitutes U+FFFD and lists
        the affected files in :attr:`Corpus.load_report` (and a warning).
    metadata_file : str, default "metadata.csv"
        Name of the optional metadata table inside a folder corpus, joined on its
        ``file`` column (file name) or ``doc_id`` column.
    progress : bool, default False
        Show a progress bar while checking large folders.

    Returns
    -------
    Corpus

    Raises
    ------
    CorpusError
        The path does not exist, the format is unknown, the bytes are not UTF-8,
        ids are duplicated, or the text column is missing.

    Examples
    --------
    >>> from framing.corpus import read_corpus
    >>> from framing.datasets import kazakhstan_2022_path
    >>> corpus = read_corpus(kazakhstan_2022_path() / "texts")
    >>> len(corpus)
    5
    """
    if isinstance(source, Corpus):
        return source
    if isinstance(source, pd.DataFrame):
        return Corpus.from_frame(source, text_column=text_column, id_column=id_column)
    if encoding_errors not in ("strict", "replace"):
        raise ValueError(f"encoding_errors must be 'strict' or 'replace', got {encoding_errors!r}")
    path = Path(source)
    if not path.exists():
        raise CorpusError(f"{path}: no such file or folder; give a folder of .txt files or a "
                          ".csv/.tsv/.jsonl/.parquet file")
    if format == "auto":
        if path.is_dir():
            format = "folder"
        else:
            detected = _TABULAR_FORMATS.get(path.suffix.lower())
            if detected is None:
                raise CorpusError(
                    f"{path}: unknown corpus format {path.suffix or '(no extension)'!r}; use a folder "
                    "of .txt files or a .csv, .tsv, .jsonl or .parquet file (or pass format=)"
                )
            format = detected  # type: ignore[assignment]
    if format == "folder":
        if not path.is_dir():
            raise CorpusError(f"{path}: not a folder")
        return _read_folder(path, encoding_errors=encoding_errors, metadata_file=metadata_file,
                            progress=progress)
    if format not in ("csv", "tsv", "jsonl", "parquet"):
        raise ValueError(f"unknown format {format!r}")
    if path.is_dir():
        raise CorpusError(f"{path}: a folder, but format={format!r} expects a file")
    try:
        return _read_tabular(path, format, text_column=text_column, id_column=id_column,
                             encoding_errors=encoding_errors)
    except PermissionError as exc:
        raise CorpusError(f"{path}: cannot be read ({exc.strerror}); check its permissions") from None

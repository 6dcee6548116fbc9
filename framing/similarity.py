"""Similarity: which outlets (or documents) write alike.

Two views of "alike", both cosine similarities:

:func:`profile_similarity`
    of *framing profiles*: each group's vector of frame scores (matches per
    1,000 tokens or frame shares, from :func:`framing.scoring.score_table`), in
    one voice or with the authorial and attributed profiles side by side. Two
    outlets are similar when they use the frames in the same proportions.
:func:`text_similarity`
    of *wording*: each group's TF-IDF vector of word n-grams (the n-grams of
    :class:`framing.keyness.NgramAnalyzer`, which never cross a sentence end).
    Two outlets are similar when they use the same words and phrases, whatever
    the lexicon says; syndicated copies come out near 1.
:func:`document_similarity`
    the nearest documents of every document by TF-IDF cosine, computed sparse
    and in blocks.

:func:`similarity_table` turns a square similarity matrix into a tidy long
table (``group_a, group_b, similarity``) for CSV export.
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Iterable
from functools import partial
from typing import Literal

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import TfidfTransformer, TfidfVectorizer

from framing._checks import check_choice, check_int, examples_of, invalid, require_columns
from framing.keyness import KeynessError, NgramAnalyzer, count_terms
from framing.scoring import ALL_VOICES, FramingDataError, FramingDataWarning

__all__ = [
    "SimilarityError",
    "SimilarityWarning",
    "document_similarity",
    "profile_similarity",
    "similarity_table",
    "text_similarity",
]

Measure = Literal["per_1k", "share"]
ProfileVoice = Literal["all", "authorial", "attributed", "both"]
Pairs = Literal["upper", "all"]

_MEASURES = ("per_1k", "share")
_VOICES = ("all", "authorial", "attributed", "both")
#: Largest number of dense similarity cells held at once by :func:`document_similarity`.
_BLOCK_CELLS = 4_000_000


class SimilarityError(FramingDataError):
    """Input a similarity cannot be computed from (the message says why and how to fix it)."""


class SimilarityWarning(FramingDataWarning):
    """A similarity is undefined (NaN) for some group, e.g. an all-zero profile."""


# The shared checks (one wording package-wide), raising this module's error.
_invalid = partial(invalid, error=SimilarityError)
_check_choice = partial(check_choice, error=SimilarityError)
_check_int = partial(check_int, error=SimilarityError)



def _cosine_matrix(vectors: np.ndarray | sparse.spmatrix, labels: pd.Index,
                   what: str, stacklevel: int = 3) -> pd.DataFrame:
    """Cosine similarity of the rows; rows with norm 0 give NaN rows/columns and a warning."""
    if sparse.issparse(vectors):
        vectors = sparse.csr_matrix(vectors, dtype=np.float64)
        norms = np.sqrt(np.asarray(vectors.multiply(vectors).sum(axis=1)).ravel())
        inv = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
        unit = sparse.diags(inv) @ vectors
        sim = np.asarray((unit @ unit.T).toarray())
    else:
        vectors = np.asarray(vectors, dtype=np.float64)
        norms = np.linalg.norm(vectors, axis=1)
        inv = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
        unit = vectors * inv[:, None]
        sim = unit @ unit.T
    sim = np.clip(sim, -1.0, 1.0)
    defined = norms > 0
    np.fill_diagonal(sim, 1.0)
    sim[~defined, :] = np.nan
    sim[:, ~defined] = np.nan
    if not defined.all():
        warnings.warn(
            f"{what} of group(s) {examples_of(labels[~defined], 5)} is all zeros, so its cosine "
            "similarity is undefined (NaN row and column)",
            SimilarityWarning,
            stacklevel=stacklevel,
        )
    return pd.DataFrame(sim, index=labels.copy(), columns=labels.copy())


# --------------------------------------------------------------------------- profiles


def _profile_matrix(
    scores: pd.DataFrame, by: str, measure: str, voice: str
) -> tuple[pd.DataFrame, list[str]]:
    """Groups x (voice, frame) matrix of ``measure`` (NaN kept), and the frames."""
    require_columns(scores, (by, "frame", "voice", measure), "scores", error=SimilarityError,
                    hint="Pass the table of framing.scoring.score_table")
    voices = ["authorial", "attributed"] if voice == "both" else [voice]
    unknown = sorted(set(scores["voice"].astype(str)) - set(ALL_VOICES))
    if unknown:
        raise SimilarityError(
            f"`scores['voice']` has value(s) {unknown}; expected {list(ALL_VOICES)}"
        )
    table = scores[scores["voice"].isin(voices)]
    if table.empty:
        raise SimilarityError(
            f"`scores` has no rows with voice in {voices}; pass the full score_table output"
        )
    if table[by].isna().any():
        raise SimilarityError(f"`scores['{by}']` has missing group labels; fill or drop them")
    key = table[[by, "voice", "frame"]]
    if key.duplicated().any():
        dup = key[key.duplicated()].head(3).to_records(index=False).tolist()
        raise SimilarityError(
            f"`scores` has more than one row per ({by}, voice, frame), e.g. {dup}; "
            "pass one score_table (one grouping) at a time"
        )
    frames = list(scores.attrs.get("frames") or pd.unique(scores["frame"]))
    values = pd.to_numeric(table[measure], errors="coerce")
    wide = (
        table.assign(_value=values.to_numpy(dtype=float))
        .pivot(index=by, columns=["voice", "frame"], values="_value")
    )
    columns = pd.MultiIndex.from_product([voices, frames], names=["voice", "frame"])
    return wide.reindex(columns=columns), [str(f) for f in frames]


def profile_similarity(
    scores: pd.DataFrame,
    *,
    by: str | None = None,
    measure: Measure = "per_1k",
    voice: ProfileVoice = "all",
) -> pd.DataFrame:
    """Cosine similarity of the groups' framing profiles.

    Parameters
    ----------
    scores : pandas.DataFrame
        The output of :func:`framing.scoring.score_table` (columns ``<by>,
        frame, voice, per_1k, share``, ...).
    by : str, optional
        The group column of ``scores``; default ``scores.attrs["by"]`` when
        set, else ``"outlet"``.
    measure : {"per_1k", "share"}, default "per_1k"
        The frame score that makes up the profile.
    voice : {"all", "authorial", "attributed", "both"}, default "all"
        The voice of the profile; ``"both"`` concatenates the authorial and the
        attributed profile into one vector of length ``2 * n_frames``.

    Returns
    -------
    pandas.DataFrame
        Square groups x groups matrix of cosine similarities in [0, 1] (in
        [-1, 1] if weighted scores are negative), symmetric, with 1 on the
        diagonal; index and columns are the groups in the order of
        ``scores``' groups (sorted, as ``score_table`` returns them), both
        named ``by``. A group whose profile is all zeros (no matches, or no
        tokens) has a NaN row and column. ``attrs`` holds ``by``, ``measure``,
        ``voice``, ``frames`` and ``method="profile_cosine"``.

    Raises
    ------
    SimilarityError
        A required column is missing, ``scores`` has duplicated rows for a
        group, frame and voice, or an option is invalid.

    Warns
    -----
    SimilarityWarning
        A group's profile is all zeros (its similarities are NaN).

    See Also
    --------
    text_similarity : similarity of wording rather than of frame use.
    similarity_table : the matrix as a tidy long table.

    Notes
    -----
    With :math:`x_g` the profile of group :math:`g` (one value per frame, or per
    voice and frame for ``voice="both"``), the similarity is

    .. math:: s_{gh} = \\frac{x_g \\cdot x_h}{\\lVert x_g\\rVert \\, \\lVert x_h\\rVert}.

    It compares the *mix* of frames, not their level: an outlet that uses every
    frame twice as often as another has similarity 1 with it. For the same
    reason, in a single voice ``per_1k`` and ``share`` give the *same*
    similarity (both are the match counts divided by one number per group).
    They differ for ``voice="both"``: ``per_1k`` keeps how much of a group's
    framing is authorial rather than attributed, while ``share`` scales each
    voice's profile to sum to 1, so that authorial and attributed framing weigh
    the same whatever their volume.

    Missing scores (``share`` of a voice in which a group has no match,
    ``per_1k`` of a group without tokens) count as 0.

    Examples
    --------
    >>> import pandas as pd
    >>> from framing.scoring import score_table
    >>> from framing.similarity import profile_similarity
    >>> units = pd.DataFrame({"doc_id": ["a", "b", "c"], "sentence_id": [0, 0, 0],
    ...                       "boilerplate": False, "n_tokens": [10, 10, 10],
    ...                       "outlet": ["A", "B", "C"]})
    >>> matches = pd.DataFrame({"doc_id": ["a", "a", "b", "b", "c"],
    ...                         "sentence_id": 0, "voice": "authorial",
    ...                         "frame": ["coup", "protest", "coup", "protest", "coup"]})
    >>> scores = score_table(units, matches, frames=["coup", "protest"])
    >>> profile_similarity(scores).round(3)
    outlet      A      B      C
    outlet
    A       1.000  1.000  0.707
    B       1.000  1.000  0.707
    C       0.707  0.707  1.000
    """
    if not isinstance(scores, pd.DataFrame):
        raise TypeError(f"`scores` must be a DataFrame (score_table output), got "
                        f"{type(scores).__name__}")
    _check_choice("measure", measure, _MEASURES)
    _check_choice("voice", voice, _VOICES)
    if by is None:
        by = scores.attrs.get("by", "outlet")
    if not isinstance(by, str):
        raise _invalid("by", by, "a column name")
    wide, frames = _profile_matrix(scores, by, measure, voice)
    values = np.nan_to_num(wide.to_numpy(dtype=float), nan=0.0)
    labels = pd.Index(wide.index, name=by)
    out = _cosine_matrix(values, labels, f"the {voice} {measure} profile")
    out.attrs.update(by=by, measure=measure, voice=voice, frames=frames,
                     method="profile_cosine")
    return out


# --------------------------------------------------------------------------- texts


def _check_min_df(min_df: object, n_groups: int) -> int:
    if isinstance(min_df, bool):
        raise _invalid("min_df", min_df, "a positive integer or a share in (0, 1]")
    if isinstance(min_df, (int, np.integer)) and min_df >= 1:
        return int(min_df)
    if isinstance(min_df, (float, np.floating)) and 0 < min_df <= 1:
        return max(1, int(np.ceil(min_df * n_groups - 1e-12)))
    raise _invalid("min_df", min_df, "a positive integer or a share in (0, 1]")


def text_similarity(
    texts: Iterable[str],
    groups: Iterable[Hashable],
    *,
    ngram_range: tuple[int, int] = (1, 2),
    min_df: float = 1,
    sublinear_tf: bool = True,
) -> pd.DataFrame:
    """Cosine similarity of the groups' TF-IDF vectors of word n-grams.

    Parameters
    ----------
    texts : iterable of str
        Texts (documents, or sentences); may be a generator, read once. To
        leave boilerplate out, pass the non-boilerplate sentences (see
        Examples).
    groups : iterable
        One group label per text (e.g. the outlet). A categorical
        :class:`pandas.Series` keeps its category order; otherwise groups are
        sorted.
    ngram_range : tuple of (int, int), default (1, 2)
        Word n-gram orders (:class:`framing.keyness.NgramAnalyzer`; n-grams
        never cross a sentence or line end, nor the end of a text).
    min_df : int or float, default 1
        Keep n-grams used by at least this many groups (int) or this share of
        the groups (float in (0, 1]).
    sublinear_tf : bool, default True
        Use 1 + log(tf) instead of the raw count (as in scikit-learn).

    Returns
    -------
    pandas.DataFrame
        Square groups x groups matrix of cosine similarities in [0, 1],
        symmetric with 1 on the diagonal; index and columns are the groups.
        A group without any kept n-gram has a NaN row and column (with a
        warning). ``attrs`` holds ``ngram_range``, ``min_df``,
        ``sublinear_tf``, ``n_terms`` (vocabulary size after ``min_df``) and
        ``method="tfidf_cosine"``.

    Raises
    ------
    SimilarityError
        Fewer than two groups, a missing group label, texts and labels of
        different lengths, an empty vocabulary, or an invalid option.

    Warns
    -----
    SimilarityWarning
        A group without any n-gram kept (NaN similarities).

    See Also
    --------
    profile_similarity : similarity of frame use rather than of wording.
    document_similarity : the nearest documents of every document.
    framing.keyness.keyness : the terms that set each group apart.

    Notes
    -----
    Each group is one document: the concatenation of its texts. Its n-gram
    counts (summed from a sparse texts x n-grams matrix with a sparse group
    indicator matrix, never building the concatenated strings) are weighted by
    :class:`~sklearn.feature_extraction.text.TfidfTransformer` (smooth idf,
    l2 norm), so the result equals
    ``TfidfVectorizer(analyzer=NgramAnalyzer(...))`` fitted on one
    concatenated document per group, and the cosine is the dot product of the
    unit-length rows. The idf is computed over the groups: an n-gram used by
    every group gets the smallest weight, one used by a single group the
    largest (1 + log((1 + K) / 2) with K groups).

    The group document, rather than the mean of the group's per-text vectors,
    was chosen for the same reason as in :func:`framing.keyness.keyness`: it
    describes how the outlet writes as a whole, while a mean of text vectors
    is dominated by short texts and by terms concentrated in a few texts.
    Long texts weigh more than short ones. The matrix is sparse throughout;
    only the K x K result is dense.

    Syndicated or copied texts make the groups that carry them similar; to
    compare what outlets *wrote*, drop duplicates first (``duplicate_of`` in
    :attr:`framing.pipeline.Analysis.documents`) or group by the original
    ``outlet`` rather than the ``publisher``.

    Examples
    --------
    >>> from framing.similarity import text_similarity
    >>> texts = ["Terrorists attacked the airport.", "Terrorists attacked the airport.",
    ...          "Peaceful protesters marched."]
    >>> text_similarity(texts, ["RT", "TASS", "BBC"]).round(2)
           BBC   RT  TASS
    BBC   1.0  0.0   0.0
    RT    0.0  1.0   1.0
    TASS  0.0  1.0   1.0

    On an analysed corpus, compare the non-boilerplate sentences by outlet:

    >>> from framing.datasets import load_kazakhstan_2022
    >>> from framing.pipeline import analyze
    >>> from framing.classifier import sentence_texts
    >>> result = analyze(load_kazakhstan_2022())
    >>> body = result.sentences[~result.sentences["boilerplate"]]
    >>> sim = text_similarity(sentence_texts(body, result.corpus), body["outlet"])
    >>> sim.shape
    (5, 5)
    """
    if isinstance(texts, (str, bytes)):
        raise SimilarityError("texts must be an iterable of texts, not a single string")
    if not isinstance(sublinear_tf, (bool, np.bool_)):
        raise _invalid("sublinear_tf", sublinear_tf, "True or False")
    labels = groups if isinstance(groups, pd.Series) else list(groups)
    levels = pd.unique(pd.Series(labels, dtype=object).dropna())
    if len(levels) < 2:
        raise SimilarityError(
            f"similarity compares groups, but the grouping has {len(levels)} level(s); "
            "pass texts of at least two groups"
        )
    try:
        counts = count_terms(texts, labels, ngram_range=ngram_range, min_count=1)
    except KeynessError as exc:
        raise SimilarityError(str(exc)) from None
    n_groups = len(counts.groups)
    threshold = _check_min_df(min_df, n_groups)
    matrix = counts.counts
    df = np.asarray((matrix > 0).sum(axis=0)).ravel()
    keep = np.flatnonzero(df >= threshold)
    if keep.size == 0:
        raise SimilarityError(
            f"no n-gram is used by at least min_df={min_df!r} groups "
            f"(the most widely used appears in {int(df.max())}); lower min_df"
        )
    matrix = sparse.csr_matrix(matrix[:, keep])
    weights = TfidfTransformer(norm="l2", use_idf=True, smooth_idf=True,
                               sublinear_tf=bool(sublinear_tf)).fit_transform(matrix)
    index = pd.Index(counts.groups, name=getattr(groups, "name", None))
    out = _cosine_matrix(weights, index, "the TF-IDF vector")
    out.attrs.update(ngram_range=tuple(counts.ngram_range), min_df=min_df,
                     sublinear_tf=bool(sublinear_tf), n_terms=int(keep.size),
                     method="tfidf_cosine")
    return out


def document_similarity(
    texts: Iterable[str],
    doc_ids: Iterable[Hashable],
    *,
    top: int = 5,
    ngram_range: tuple[int, int] = (1, 2),
    min_df: float = 1,
    sublinear_tf: bool = True,
) -> pd.DataFrame:
    """The ``top`` nearest documents of every document by TF-IDF cosine similarity.

    Parameters
    ----------
    texts : iterable of str
        The documents (or any texts).
    doc_ids : iterable
        One unique id per text.
    top : int, default 5
        Neighbours kept per document.
    ngram_range : tuple of (int, int), default (1, 2)
        Word n-gram orders (:class:`framing.keyness.NgramAnalyzer`).
    min_df : int or float, default 1
        As in :class:`~sklearn.feature_extraction.text.TfidfVectorizer`: keep
        n-grams in at least this many documents (int) or share of documents.
    sublinear_tf : bool, default True
        Use 1 + log(tf).

    Returns
    -------
    pandas.DataFrame
        One row per document and neighbour, documents in input order,
        neighbours by decreasing similarity (ties in input order), with
        columns

        ``doc_id``
            the document;
        ``rank``
            1 for the nearest neighbour, 2 for the next, ...;
        ``neighbor``
            the neighbouring document (never the document itself);
        ``similarity``
            their cosine similarity in [0, 1].

        Neighbours that share no n-gram (similarity 0) are not listed, so a
        document can have fewer than ``top`` rows, or none.

    Raises
    ------
    SimilarityError
        Fewer than two texts, duplicated ids, ids and texts of different
        lengths, an empty vocabulary, or an invalid option.

    Notes
    -----
    ``TfidfVectorizer(analyzer=NgramAnalyzer(...))`` over the documents
    (smooth idf over documents, l2 norm). Similarities are computed as sparse
    products of blocks of rows with the whole matrix, so memory stays at about
    four million dense cells whatever the number of documents; time grows with
    the square of the number of documents.

    Examples
    --------
    >>> from framing.similarity import document_similarity
    >>> texts = ["Terrorists attacked.", "Terrorists attacked!", "Protesters marched."]
    >>> document_similarity(texts, ["a", "b", "c"], top=1)
      doc_id  rank neighbor  similarity
    0      a     1        b         1.0
    1      b     1        a         1.0
    """
    if isinstance(texts, (str, bytes)):
        raise SimilarityError("texts must be an iterable of texts, not a single string")
    _check_int("top", top, 1)
    ids = list(doc_ids)
    if pd.Index(ids).has_duplicates:
        dup = pd.Index(ids)[pd.Index(ids).duplicated()].unique().tolist()
        raise SimilarityError(f"doc_ids must be unique; duplicated: {examples_of(dup, 5)}")
    text_list = list(texts)
    if len(text_list) != len(ids):
        raise SimilarityError(
            f"there are {len(text_list)} texts but {len(ids)} doc_ids; pass one id per text"
        )
    if len(ids) < 2:
        raise SimilarityError("document_similarity needs at least two texts")
    if not isinstance(sublinear_tf, (bool, np.bool_)):
        raise _invalid("sublinear_tf", sublinear_tf, "True or False")
    _check_min_df(min_df, len(ids))
    try:
        vectorizer = TfidfVectorizer(analyzer=NgramAnalyzer(ngram_range=ngram_range),
                                     min_df=min_df, sublinear_tf=bool(sublinear_tf))
        weights = sparse.csr_matrix(vectorizer.fit_transform(text_list))
    except KeynessError as exc:
        raise SimilarityError(str(exc)) from None
    except ValueError as exc:
        raise SimilarityError(
            f"no n-gram to compare ({exc}); check that the texts are not empty or lower min_df"
        ) from None
    n = weights.shape[0]
    has_terms = np.diff(weights.indptr) > 0
    k = min(int(top), n - 1)
    block = max(1, _BLOCK_CELLS // n)
    rows: list[pd.DataFrame] = []
    transposed = weights.T.tocsc()
    for lo in range(0, n, block):
        hi = min(n, lo + block)
        sims = np.asarray((weights[lo:hi] @ transposed).toarray())
        sims[np.arange(hi - lo), np.arange(lo, hi)] = -np.inf  # never oneself
        sims[:, ~has_terms] = -np.inf
        order = np.argsort(-sims, axis=1, kind="stable")[:, :k]
        best = np.take_along_axis(sims, order, axis=1)
        for r in range(hi - lo):
            i = lo + r
            if not has_terms[i]:
                continue
            ok = np.isfinite(best[r]) & (best[r] > 0)
            rows.append(pd.DataFrame({
                "doc_id": [ids[i]] * int(ok.sum()),
                "rank": np.arange(1, int(ok.sum()) + 1, dtype=np.int64),
                "neighbor": [ids[j] for j in order[r][ok]],
                "similarity": np.clip(best[r][ok], 0.0, 1.0),
            }))
    if not rows:
        return pd.DataFrame({"doc_id": pd.Series(dtype=object),
                             "rank": pd.Series(dtype=np.int64),
                             "neighbor": pd.Series(dtype=object),
                             "similarity": pd.Series(dtype=float)})
    return pd.concat(rows, ignore_index=True)


# --------------------------------------------------------------------------- export


def similarity_table(matrix: pd.DataFrame, *, pairs: Pairs = "upper") -> pd.DataFrame:
    """A square similarity matrix as a tidy long table.

    Parameters
    ----------
    matrix : pandas.DataFrame
        Square, with the same labels in the index and the columns (the output
        of :func:`profile_similarity` or :func:`text_similarity`).
    pairs : {"upper", "all"}, default "upper"
        ``"upper"``: every unordered pair of distinct groups once (``group_a``
        before ``group_b`` in the matrix order); ``"all"``: every cell,
        diagonal included.

    Returns
    -------
    pandas.DataFrame
        Columns ``group_a``, ``group_b`` and ``similarity`` (NaN kept), in the
        matrix order; ``attrs`` are copied from ``matrix``.

    Raises
    ------
    SimilarityError
        If ``matrix`` is not square with matching labels, or ``pairs`` is
        invalid.

    Examples
    --------
    >>> import pandas as pd
    >>> from framing.similarity import similarity_table
    >>> m = pd.DataFrame([[1.0, 0.2, 0.5], [0.2, 1.0, 0.1], [0.5, 0.1, 1.0]],
    ...                  index=list("ABC"), columns=list("ABC"))
    >>> similarity_table(m)
      group_a group_b  similarity
    0       A       B         0.2
    1       A       C         0.5
    2       B       C         0.1
    """
    if not isinstance(matrix, pd.DataFrame):
        raise TypeError(f"`matrix` must be a DataFrame, got {type(matrix).__name__}")
    _check_choice("pairs", pairs, ("upper", "all"))
    n = matrix.shape[0]
    if matrix.shape[1] != n or not matrix.index.equals(matrix.columns):
        raise SimilarityError(
            f"`matrix` must be square with the same labels in index and columns, got shape "
            f"{matrix.shape}; pass the output of profile_similarity or text_similarity"
        )
    i, j = np.triu_indices(n, k=1) if pairs == "upper" else np.indices((n, n)).reshape(2, -1)
    values = matrix.to_numpy(dtype=float)
    labels = matrix.index
    out = pd.DataFrame({
        "group_a": labels[i].to_numpy(),
        "group_b": labels[j].to_numpy(),
        "similarity": values[i, j],
    })
    out.attrs.update(matrix.attrs)
    return out

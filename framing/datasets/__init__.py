"""Bundled example data.

``kazakhstan_2022``
    Five real web pages about the January 2022 unrest in Kazakhstan, as scraped
    (boilerplate, syndication, machine translation and machine paraphrase
    included), with a metadata table (publisher site, original outlet, date,
    title, language, notes) and human coding of every sentence for frames, voice,
    boilerplate, speakers and stance. Texts are byte-for-byte the scraped pages.
    See ``SOURCES.md`` and ``validation/README.md`` in the data folder.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pandas as pd

from framing.corpus import Corpus, read_corpus

__all__ = [
    "kazakhstan_2022_path",
    "load_kazakhstan_2022",
    "load_kazakhstan_2022_coded",
    "load_kazakhstan_2022_sources",
]


def kazakhstan_2022_path() -> Path:
    """Folder of the bundled Kazakhstan 2022 corpus (``texts/``, ``validation/``).

    Examples
    --------
    >>> from framing.datasets import kazakhstan_2022_path
    >>> sorted(p.name for p in kazakhstan_2022_path().iterdir())
    ['SOURCES.md', 'texts', 'validation']
    """
    path = resources.files("framing.datasets") / "data" / "kazakhstan_2022"
    return Path(str(path))


def load_kazakhstan_2022() -> Corpus:
    """Load the bundled corpus: five scraped articles with provenance metadata.

    Returns
    -------
    Corpus
        ``doc_id`` is the file name without ``.txt``; metadata columns are
        ``outlet`` (the outlet that wrote the text), ``publisher`` (the site that
        carried it), ``date``, ``date_precision``, ``title``, ``language``, ``notes``.

    Examples
    --------
    >>> from framing.datasets import load_kazakhstan_2022
    >>> corpus = load_kazakhstan_2022()
    >>> print(corpus.metadata[["doc_id", "outlet"]].to_string(index=False))
                  doc_id          outlet
    000_fa584555f2145362   Daily Express
    001_d7fcb602a5d755b1        Newsweek
    002_7d6718613a425cdc The Daily Beast
    003_c9329d73a2008fbe         Reuters
    004_c02b394d286b7c9f        BBC News
    """
    corpus = read_corpus(kazakhstan_2022_path() / "texts")
    corpus.name = "kazakhstan-2022"
    return corpus


def load_kazakhstan_2022_coded() -> pd.DataFrame:
    """Human coding of every sentence unit of the bundled corpus (frames, voice, boilerplate).

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, start, end, boilerplate, coup_terror, protest_crackdown,
        geopolitical_win, text``; see ``validation/README.md``.
    """
    return pd.read_csv(kazakhstan_2022_path() / "validation" / "seeds-coded.csv",
                       dtype={"doc_id": str}, keep_default_na=False)


def load_kazakhstan_2022_sources() -> pd.DataFrame:
    """Human coding of speakers and stance toward the intervention per sentence unit."""
    return pd.read_csv(kazakhstan_2022_path() / "validation" / "seeds-sources.csv",
                       dtype={"doc_id": str}, keep_default_na=False)

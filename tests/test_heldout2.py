"""Second held-out check of the whole pipeline, for measuring after tuning on the first.

``tests/data/heldout2/`` holds six article texts about the January 2022 unrest in
Kazakhstan in the voice and page format of outlets that are neither among the seeds
nor in ``tests/data/heldout/``: a New York Times news analysis, a Guardian news
report, an RT report (Russian state framing), a Xinhua report (Chinese state
framing), a Deutsche Welle explainer with an interview Q&A, and a Kazinform report
of Tokayev's address to the Mazhilis. They are scraped plain text with page chrome,
and ``heldout2-coded.csv`` codes every sentence-level unit in the seeds' format
(boilerplate flag, one column per frame holding the voice(s)). The units are the
toolkit's own sentences, unchanged.

**Caveat.** These texts were developer-written and developer-coded: one coder,
following ``docs/codebook.md`` and the seed coding, who coded every unit before any
toolkit analysis other than sentence splitting was run on the texts, and who did not
read the lexicon, the voice or boilerplate cue files, or the first held-out set.
There is no inter-coder agreement; about a quarter of the frame disagreements are
coding doubts (see ``tests/data/heldout2/README.md``). Read the figures as a
regression guard and a rough out-of-sample estimate, not as a validation result.

Measured at commit 8e467bc, with other engineers' uncommitted changes to the voice
rules and the lexicon in the tree (``framing validate
tests/data/heldout2/heldout2-coded.csv tests/data/heldout2/corpus --lexicon
kazakhstan-2022``; 154 scored units, 257 in all)::

    frame              voice        tp  fp  fn  precision  recall  f1
    coup_terror        any          33   3   7  0.917      0.825   0.868
    protest_crackdown  any          34   3   8  0.919      0.810   0.861
    geopolitical_win   any          14   2  14  0.875      0.500   0.636
    all                any          81   8  29  0.910      0.736   0.814
    all                voice_aware  73  21  41  0.777      0.640   0.702
    boilerplate        any          51   0  52  1.000      0.495   0.662

Each test asserts a figure does not fall more than ``MARGIN`` below the measured
one; raise the floors when a fix lifts them.

After session 3's last fixes (commit 41a24f7). The boilerplate rules, and then the voice
rules (interview answers, ", and" + an act, the author's "as ..." after a tag), were revised
with this set's errors in view, so those rows are development figures now; the lexicon was
not tuned on it. The third set (tests/data/heldout3/) measures out of sample. The floors
below follow these figures::

    frame              voice        tp  fp  fn  precision  recall  f1
    coup_terror        any           33   3   7  0.917      0.825   0.868
    coup_terror        voice_aware   34   3   7  0.919      0.829   0.872
    protest_crackdown  any           34   3   8  0.919      0.810   0.861
    protest_crackdown  voice_aware   33   7  11  0.825      0.750   0.786
    geopolitical_win   any           14   2  14  0.875      0.500   0.636
    geopolitical_win   voice_aware   14   3  15  0.824      0.483   0.609
    all                any           81   8  29  0.910      0.736   0.814
    all                voice_aware   81  13  33  0.862      0.711   0.779
    boilerplate        any           91   0  12  1.000      0.883   0.938
"""

from __future__ import annotations

import pandas as pd
import pytest
from _heldout import DATA, assert_floor, assert_units_are_slices, metadata_names, validation_table

from framing.validation import read_coded

HELDOUT = DATA / "heldout2"
CODED = HELDOUT / "heldout2-coded.csv"
CORPUS = HELDOUT / "corpus"

# One unit more or less in a small cell moves F1 by ~0.02-0.04: the margin lets a
# single borderline unit change without hiding a real loss of agreement.
MARGIN = 0.03

# (frame, voice, metric, measured value)
MEASURED = [
    ("coup_terror", "any", "f1", 0.868),
    ("protest_crackdown", "any", "f1", 0.861),
    ("geopolitical_win", "any", "f1", 0.636),
    ("all", "any", "f1", 0.814),
    ("all", "voice_aware", "f1", 0.779),
    ("boilerplate", "any", "precision", 1.000),
    ("boilerplate", "any", "recall", 0.883),
]



@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return validation_table(CORPUS, CODED)


def test_coding_matches_the_texts():
    """Every unit's text is its slice of the file, and the units tile each document."""
    coded = read_coded(CODED)
    assert len(coded) == 257 and int(coded["boilerplate"].sum()) == 103
    assert_units_are_slices(coded, CORPUS, tiled=True)


def test_metadata_names_every_document():
    """The corpus folder's metadata gives each text its outlet."""
    meta = metadata_names(CORPUS)
    assert meta["outlet"].notna().all() and meta["outlet"].is_unique


@pytest.mark.parametrize(("frame", "voice", "metric", "measured"), MEASURED)
def test_agreement_does_not_regress(table, frame, voice, metric, measured):
    assert_floor(table, frame, voice, metric, measured - MARGIN, "tests/data/heldout2/README.md")

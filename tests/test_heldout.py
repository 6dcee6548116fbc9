"""Held-out check of the whole pipeline on coverage the lexicon was not tuned on.

``tests/data/heldout/`` holds six article texts about the January 2022 unrest in
Kazakhstan, in the voice and page format of outlets that are not among the seeds
(a Reuters wire story, an AP story, a TASS English report, an Al Jazeera
explainer, a Eurasianet analysis and a Global Times opinion piece), as scraped
plain text with their page chrome, and their coding in the format of the seed
coding (``heldout-coded.csv``: one row per sentence-level unit, boilerplate flag,
one column per frame holding the voice(s)). The units are the toolkit's own
sentences (one split, AP's ``"...murderers?" Tokayev asked.``, was merged back
into one unit), so this exercises segmentation, boilerplate, lexicon and voice
together.

**Caveat.** These texts were written and coded by the developers (one coder,
following ``docs/codebook.md`` and the seed coding, before the toolkit was run on
them and without reading the lexicon), not by independent coders: there is no
inter-coder agreement, and about a quarter of the disagreements are coding doubts
(see ``tests/data/heldout/README.md``). Read the figures as a regression guard and a
rough generalisation estimate, not as a validation result.

Measured at commit a3f4d7c with the bundled lexicon ``kazakhstan-2022`` (165 scored
units, 267 in all; ``framing validate tests/data/heldout/heldout-coded.csv
tests/data/heldout/corpus --lexicon kazakhstan-2022``)::

    frame              voice        tp  fp  fn  precision  recall  f1
    coup_terror        any          35   0   8  1.000      0.814   0.897
    coup_terror        voice_aware  31   4  12  0.886      0.721   0.795
    protest_crackdown  any          47   2  13  0.959      0.783   0.862
    protest_crackdown  voice_aware  48   6  16  0.889      0.750   0.814
    geopolitical_win   any          13   3  13  0.812      0.500   0.619
    geopolitical_win   voice_aware  11   5  17  0.688      0.393   0.500
    all                any          95   5  34  0.950      0.736   0.830
    all                authorial    44  12  10  0.786      0.815   0.800
    all                attributed   46   3  35  0.939      0.568   0.708
    all                voice_aware  90  15  45  0.857      0.667   0.750
    boilerplate        any          53   1  49  0.981      0.520   0.679

(The seeds, for comparison: frame F1 0.901, voice-aware F1 0.861.) Uncommitted
boilerplate work in progress at the time already gave boilerplate P 0.987 / R 0.735
(75 / 1 / 27), with the frame rows unchanged. Each test
asserts a figure does not fall more than ``MARGIN`` below the measured one; raise
the floors when a fix lifts them.

After session 3's fixes (commit 07f09be and later; the lexicon, voice and
boilerplate rules were then revised with this set's disagreements in view, so
these are development figures, and the floors below follow them)::

    frame              voice        tp  fp  fn  precision  recall  f1
    coup_terror        any           38   0   5  1.000      0.884   0.938
    coup_terror        voice_aware   36   2   7  0.947      0.837   0.889
    protest_crackdown  any           50   0  10  1.000      0.833   0.909
    protest_crackdown  voice_aware   52   3  12  0.945      0.812   0.874
    geopolitical_win   any           17   2   9  0.895      0.654   0.756
    geopolitical_win   voice_aware   15   5  13  0.750      0.536   0.625
    all                any          105   2  24  0.981      0.814   0.890
    all                voice_aware  103  10  32  0.912      0.763   0.831
    boilerplate        any           96   0   6  1.000      0.941   0.970
"""

from __future__ import annotations

import pandas as pd
import pytest
from _heldout import DATA, assert_floor, assert_units_are_slices, validation_table

from framing.validation import read_coded

HELDOUT = DATA / "heldout"
CODED = HELDOUT / "heldout-coded.csv"
CORPUS = HELDOUT / "corpus"

# One unit more or less in a small cell moves F1 by ~0.02-0.04: the margin lets a
# single borderline unit change without hiding a real loss of agreement.
MARGIN = 0.03

# (frame, voice, metric, measured value)
MEASURED = [
    ("coup_terror", "any", "f1", 0.938),
    ("coup_terror", "voice_aware", "f1", 0.889),
    ("protest_crackdown", "any", "f1", 0.909),
    ("protest_crackdown", "voice_aware", "f1", 0.874),
    ("geopolitical_win", "any", "f1", 0.756),
    ("geopolitical_win", "voice_aware", "f1", 0.625),
    ("all", "any", "precision", 0.981),
    ("all", "any", "recall", 0.814),
    ("all", "any", "f1", 0.890),
    ("all", "authorial", "f1", 0.862),
    ("all", "attributed", "f1", 0.806),
    ("all", "voice_aware", "precision", 0.912),
    ("all", "voice_aware", "recall", 0.763),
    ("all", "voice_aware", "f1", 0.831),
    ("boilerplate", "any", "precision", 1.000),
    ("boilerplate", "any", "recall", 0.941),
]



@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return validation_table(CORPUS, CODED)


def test_coding_matches_the_texts():
    """Every unit's text is its slice of the file, and the units tile each document."""
    coded = read_coded(CODED)
    assert len(coded) == 267 and int(coded["boilerplate"].sum()) == 102
    assert_units_are_slices(coded, CORPUS, tiled=True)


@pytest.mark.parametrize(("frame", "voice", "metric", "measured"), MEASURED)
def test_agreement_does_not_regress(table, frame, voice, metric, measured):
    assert_floor(table, frame, voice, metric, measured - MARGIN, "tests/data/heldout/README.md")

"""Write heldout3-coded.csv from the hand codes below.

Only the unit offsets come from the toolkit (``split_sentences``); every code was
decided by hand before any lexicon or voice analysis was run. Usage:
``python _code.py [OUT.csv]`` (default: heldout3-coded.csv next to this file).
"""

import csv
import sys
from pathlib import Path

from framing.segmentation import split_sentences

A, T, B = "authorial", "attributed", "attributed;authorial"
BP = "bp"
# doc -> {unit index: code}; code is BP or dict(ct=..., pc=..., gw=...);
# an unlisted unit has no frame and is not boilerplate.
CODES = {
    "wapo_analysis": {
        **{
            i: BP
            for i in [
                0,
                1,
                2,
                3,
                4,
                7,
                8,
                9,
                10,
                12,
                20,
                21,
                48,
                49,
                50,
                51,
                52,
                53,
                54,
                55,
                56,
                57,
                58,
                59,
                60,
                61,
            ]
        },
        6: dict(gw=A),
        13: dict(pc=A),
        14: dict(gw=A),
        15: dict(pc=A),
        16: dict(pc=A),
        17: dict(pc=A),
        19: dict(ct=T),
        28: dict(gw=A),
        29: dict(gw=T),
        41: dict(gw=A),
        42: dict(gw=T),
        43: dict(gw=A),
        44: dict(gw=A),
        45: dict(ct=T, pc=B),
        46: dict(ct=T),
        47: dict(gw=A),
    },
    "france24_afp": {
        **{i: BP for i in [0, 1, 2, 3, 4, 5, 6, 8, 9, 11, 12, 13, *list(range(38, 49))]},
        7: dict(pc=T, ct=A),
        14: dict(pc=T, ct=A),
        15: dict(ct=T, pc=A),
        17: dict(pc=A),
        18: dict(ct=T, pc=A),
        19: dict(ct=T),
        20: dict(ct=T),
        22: dict(pc=T, ct=T),
        25: dict(pc=A),
        27: dict(ct=T),
        28: dict(pc=T),
        30: dict(ct=T, pc=T),
        31: dict(gw=A),
        33: dict(pc=T),
        34: dict(ct=T),
        35: dict(pc=A),
    },
    "sputnik": {
        **{i: BP for i in [*list(range(0, 9)), 10, 11, 12, *list(range(40, 52))]},
        9: dict(ct=T),
        13: dict(pc=A, ct=A),
        14: dict(ct=T),
        15: dict(ct=T),
        16: dict(ct=T),
        17: dict(ct=T),
        18: dict(pc=T, ct=T),
        19: dict(ct=T),
        20: dict(ct=T),
        25: dict(ct=T),
        26: dict(ct=T),
        28: dict(gw=T),
        33: dict(ct=T),
        36: dict(ct=A),
        37: dict(pc=T, ct=T),
        38: dict(pc=A),
        39: dict(pc=A),
    },
    "cgtn": {
        **{i: BP for i in [*list(range(0, 9)), 10, 11, 12, 13, 14, 15, *list(range(39, 46))]},
        9: dict(ct=T),
        19: dict(ct=T),
        20: dict(ct=T),
        24: dict(ct=T),
        25: dict(ct=T),
        28: dict(ct=T),
        29: dict(pc=A),
        30: dict(pc=T),
        32: dict(pc=T, ct=T),
        33: dict(pc=T, ct=T),
        34: dict(ct=T),
        36: dict(gw=T),
    },
    "diplomat": {
        **{i: BP for i in [0, 1, 2, 3, 4, 5, 6, 7, 10, 11, 13, *list(range(51, 61))]},
        9: dict(gw=A),
        12: dict(pc=A),
        16: dict(pc=B),
        18: dict(pc=A),
        21: dict(pc=A),
        22: dict(pc=A),
        23: dict(pc=A),
        24: dict(pc=A),
        25: dict(pc=A),
        26: dict(pc=T),
        27: dict(pc=T),
        28: dict(pc=T),
        29: dict(pc=T),
        30: dict(pc=T),
        31: dict(pc=T),
        32: dict(ct=T),
        33: dict(ct=T),
        36: dict(ct=T),
        37: dict(ct=T),
        38: dict(ct=T),
        40: dict(ct=T),
        41: dict(pc=T),
        46: dict(gw=A),
        47: dict(gw=A),
        48: dict(gw=A),
        50: dict(pc=A),
    },
    "vlast": {
        **{i: BP for i in [0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 12, *list(range(46, 58))]},
        8: dict(ct=T, pc=A),
        11: dict(pc=A),
        13: dict(pc=A),
        14: dict(ct=T, pc=T),
        15: dict(pc=A),
        16: dict(pc=T),
        18: dict(pc=A),
        19: dict(ct=T, pc=T),
        21: dict(pc=T),
        22: dict(pc=T),
        23: dict(pc=T),
        24: dict(ct=T),
        25: dict(pc=A),
        26: dict(pc=T),
        27: dict(pc=T),
        28: dict(pc=T, ct=T),
        29: dict(pc=A),
        30: dict(pc=T),
        31: dict(pc=T),
        32: dict(pc=T),
        33: dict(pc=T),
        35: dict(pc=T),
        36: dict(pc=T),
        40: dict(ct=T),
        41: dict(ct=T),
        43: dict(ct=T),
    },
}

here = Path(__file__).parent
rows = []
for doc, codes in CODES.items():
    text = (here / "corpus" / f"{doc}.txt").read_text(encoding="utf-8")
    spans = split_sentences(text)
    assert max(codes) < len(spans), doc
    for i, (s, e) in enumerate(spans):
        c = codes.get(i, {})
        bp = c == BP
        c = {} if bp else c
        assert text[s:e] == text[s:e].strip()
        rows.append(
            [doc, s, e, int(bp), c.get("ct", ""), c.get("pc", ""), c.get("gw", ""), text[s:e]]
        )
out = Path(sys.argv[1]) if len(sys.argv) > 1 else here / "heldout3-coded.csv"
with open(out, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(
        [
            "doc_id",
            "start",
            "end",
            "boilerplate",
            "coup_terror",
            "protest_crackdown",
            "geopolitical_win",
            "text",
        ]
    )
    w.writerows(rows)
print(len(rows), "units")

"""Reading human coding and scoring matches against it, with hand-computed expectations."""

from __future__ import annotations

import doctest

import numpy as np
import pandas as pd
import pytest

import framing.validation
from framing.datasets import kazakhstan_2022_path
from framing.validation import CodingError, ValidationWarning, check_coded, read_coded, validate

SEEDS = kazakhstan_2022_path() / "validation" / "seeds-coded.csv"

# --------------------------------------------------------------------------- reading


def test_read_bundled_coding():
    coded = read_coded(SEEDS)
    assert len(coded) == 208
    assert coded.attrs["frames"] == ["coup_terror", "protest_crackdown", "geopolitical_win"]
    assert coded.columns.tolist() == [
        "doc_id", "start", "end", "boilerplate",
        "coup_terror", "protest_crackdown", "geopolitical_win", "text",
    ]
    assert coded["boilerplate"].dtype == bool and coded["boilerplate"].sum() == 52
    assert coded["start"].dtype == np.int64
    assert coded["protest_crackdown"].value_counts().to_dict() == {
        "": 163, "attributed": 24, "authorial": 20, "attributed;authorial": 1,
    }
    # offsets index the bundled texts
    row = coded.iloc[2]
    text = (kazakhstan_2022_path() / "texts" / f"{row.doc_id}.txt").read_text("utf-8")
    assert text[row.start:row.end] == row.text


HEADER = "doc_id,start,end,boilerplate,terror,protest,text\n"


def _write(tmp_path, content, name="coded.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(content.encode(encoding) if isinstance(content, str) else content)
    return path


def test_read_normalises_voices_and_tolerates_bom_crlf_blank_lines(tmp_path):
    content = (
        "\ufeff" + HEADER
        + "d1,0,5,0,authorial;attributed,,Hello\r\n"
        + "d1,6,11,1, attributed ,,World\r\n"
        + "\r\n"
    )
    coded = read_coded(_write(tmp_path, content))
    assert coded["terror"].tolist() == ["attributed;authorial", "attributed"]
    assert coded["protest"].tolist() == ["", ""]
    assert coded["boilerplate"].tolist() == [False, True]
    assert coded.attrs["source"].endswith("coded.csv")


def test_read_explicit_frames(tmp_path):
    content = "doc_id,start,end,boilerplate,terror,notes\nd1,0,5,0,authorial,anything\n"
    coded = read_coded(_write(tmp_path, content), frames=["terror"])
    assert coded.columns.tolist() == ["doc_id", "start", "end", "boilerplate", "terror"]
    with pytest.raises(CodingError, match="line 2: column 'notes'"):
        read_coded(_write(tmp_path, content))  # "notes" taken as a frame: bad voice


@pytest.mark.parametrize(
    ("content", "fragments"),
    [
        ("doc_id,start,boilerplate,terror\nd1,0,0,\n", ["line 1", "missing column(s) 'end'"]),
        ("doc_id,start,end,boilerplate,text\nd1,0,5,0,Hello\n", ["line 1", "no frame columns"]),
        ("doc_id,start,end,boilerplate,terror,terror\n",
         ["line 1", "duplicated column(s) 'terror'"]),
        (HEADER + "d1,0,5,0,authorial,,Hello\nd1,6,11,0,Authorial,,World\n",
         ["line 3", "column 'terror'", "'Authorial'", "must be empty, 'authorial'"]),
        (HEADER + "d1,0,5,0,authorial;authorial,,Hello\n", ["line 2", "column 'terror'"]),
        (HEADER + "d1,0,5,0,authorial,framed,Hello\n", ["line 2", "column 'protest'", "'framed'"]),
        (HEADER + "d1,9,5,0,,,Hello\n", ["line 2", "start (9) is after end (5)"]),
        (HEADER + "d1,5,5,0,,,\n", ["line 2", "empty"]),
        (HEADER + "d1,0,5,0,,,Hello\nd1,3,8,0,,,lo Wo\n",
         ["line 3", "overlaps unit 0-5", "line 2", "must not overlap"]),
        (HEADER + "d1,0,5,0,,,Hello\nd2,3,8,0,,,lo Wo\nd1,4,9,0,,,o Wor\n",
         ["line 4", "overlaps unit 0-5", "(" + "{path}, line 2)"]),
        (HEADER + "d1,x,5,0,,,Hello\n", ["line 2", "start is 'x'", "non-negative integer"]),
        (HEADER + "d1,-1,5,0,,,Hello\n", ["line 2", "start is '-1'"]),
        (HEADER + "d1,0,5,yes,,,Hello\n", ["line 2", "boilerplate is 'yes'", "1"]),
        (HEADER + "d1,0,5,0,,Hello\n", ["line 2", "6 fields but the header has 7", "quote"]),
        (HEADER + ",0,5,0,,,Hello\n", ["line 2", "doc_id is empty"]),
        (HEADER + "d1,0,5,0,,,Hi\n", ["line 2", "text has 2 characters but end - start = 5"]),
        # a quoted field spanning two lines: the bad record starts on line 4
        (HEADER + 'd1,0,11,0,,,"Hello\nWorld"\nd1,12,17,0,authorial,wrong,Again\n',
         ["line 4", "'wrong'"]),
        ("", ["file is empty", "header"]),
    ],
)
def test_read_errors_name_file_line_and_fix(tmp_path, content, fragments):
    path = _write(tmp_path, content)
    with pytest.raises(CodingError) as info:
        read_coded(path)
    message = str(info.value)
    assert message.startswith(str(path))
    for fragment in fragments:
        assert fragment.format(path=path) in message


def test_read_rejects_non_utf8(tmp_path):
    path = _write(tmp_path, (HEADER + "d1,0,5,0,,,Hellö\n").encode("latin-1"))
    with pytest.raises(CodingError, match="not valid UTF-8; save the file as UTF-8"):
        read_coded(path)


def test_read_missing_explicit_frame(tmp_path):
    with pytest.raises(CodingError, match="frame column\\(s\\) 'stance' not found"):
        read_coded(_write(tmp_path, HEADER), frames=["stance"])


# --------------------------------------------------------------------------- scoring

# Six units in two documents; u2 is boilerplate. Frames "terror" and "protest".
CODED = pd.DataFrame(
    [
        ("d1", 0, 10, 0, "authorial", ""),  # u0
        ("d1", 11, 20, 0, "", "attributed"),  # u1
        ("d1", 21, 30, 1, "", ""),  # u2 boilerplate
        ("d1", 31, 40, 0, "attributed;authorial", ""),  # u3
        ("d2", 0, 10, 0, "", ""),  # u4
        ("d2", 10, 20, 0, "", "authorial"),  # u5
    ],
    columns=["doc_id", "start", "end", "boilerplate", "terror", "protest"],
)

MATCHES = pd.DataFrame(
    [
        ("d1", 2, 6, "terror", "authorial"),  # u0: right frame and voice
        ("d1", 5, 9, "terror", "authorial"),  # u0 again: counted once
        ("d1", 12, 15, "protest", "authorial"),  # u1: right frame, wrong voice
        ("d1", 22, 25, "terror", "authorial"),  # u2: in boilerplate
        ("d1", 33, 36, "terror", "attributed"),  # u3: one of two voices
        ("d2", 3, 6, "protest", "attributed"),  # u4: false positive
        ("d3", 0, 4, "terror", "authorial"),  # uncoded document: ignored
    ],
    columns=["doc_id", "start", "end", "frame", "voice"],
)

# Hand-computed over the five non-boilerplate units u0, u1, u3, u4, u5.
# Human / lexicon voice sets:  terror  H = {au}, {}, {au, at}, {}, {}
#                                      L = {au}, {}, {at},     {}, {}
#                              protest H = {}, {at}, {}, {},   {au}
#                                      L = {}, {au}, {}, {at}, {}
# alpha (two coders, nominal) from the coincidence matrix, e.g. terror/authorial:
# pairs (1,1) (0,0) (1,0) (0,0) (0,0): o_11 = 2, o_00 = 6, o_01 = o_10 = 1, n_0 = 7, n_1 = 3,
# alpha = 1 - 9 * 2 / (2 * 7 * 3) = 4/7.
EXPECTED = {
    # (frame, voice): (tp, fp, fn, tn, precision, recall, f1, alpha, matches_in_boilerplate)
    ("terror", "any"): (2, 0, 0, 3, 1.0, 1.0, 1.0, 1.0, 1),
    ("terror", "authorial"): (1, 0, 1, 3, 1.0, 0.5, 2 / 3, 4 / 7, 1),
    ("terror", "attributed"): (1, 0, 0, 4, 1.0, 1.0, 1.0, 1.0, 0),
    # triples: u0 au tp; u3 au fn, at tp. Labels {0,1,0,3->2 ...}: categories H = 1,0,3,0,0 and
    # L = 1,0,2,0,0: o_11 = 2, o_00 = 6, o_23 = o_32 = 1; n = (6, 2, 1, 1);
    # sum_{c != k} n_c n_k = 100 - 42 = 58; alpha = 1 - 9 * 2 / 58.
    ("terror", "voice_aware"): (2, 0, 1, 7, 1.0, 2 / 3, 0.8, 1 - 18 / 58, 1),
    # any: h = 0,1,0,0,1; l = 0,1,0,1,0: o_00 = 4, o_11 = 2, o_01 = o_10 = 2; n = (6, 4)
    ("protest", "any"): (1, 1, 1, 2, 0.5, 0.5, 0.5, 1 - 9 * 4 / (2 * 6 * 4), 0),
    ("protest", "authorial"): (0, 1, 1, 3, 0.0, 0.0, 0.0, 1 - 9 * 4 / (2 * 8 * 2), 0),
    ("protest", "attributed"): (0, 1, 1, 3, 0.0, 0.0, 0.0, 1 - 9 * 4 / (2 * 8 * 2), 0),
    # H = 0,2,0,0,1; L = 0,1,0,2,0: o_00 = 4, off-diagonal 6; n = (6, 2, 2): 100 - 44 = 56
    ("protest", "voice_aware"): (0, 2, 2, 6, 0.0, 0.0, 0.0, 1 - 9 * 6 / 56, 0),
    # pooled over the 10 (unit, frame) items: o_11 = 6, o_00 = 10, o_01 = o_10 = 2; n = (12, 8)
    ("all", "any"): (3, 1, 1, 5, 0.75, 0.75, 0.75, 1 - 19 * 4 / (2 * 12 * 8), 1),
    ("all", "authorial"): (1, 1, 2, 6, 0.5, 1 / 3, 0.4, None, 1),
    ("all", "attributed"): (1, 1, 1, 7, 0.5, 0.5, 0.5, None, 0),
    ("all", "voice_aware"): (2, 2, 3, 13, 0.5, 0.4, 4 / 9, None, 1),
}


@pytest.fixture
def scored():
    with pytest.warns(ValidationWarning, match="outside every coded unit"):
        return validate(CODED, pd.concat([MATCHES, pd.DataFrame(
            [("d1", 10, 11, "terror", "authorial")],  # between u0 and u1: not scored
            columns=MATCHES.columns)]), n_boot=0)


@pytest.mark.parametrize(("key", "expected"), list(EXPECTED.items()))
def test_validate_hand_computed(scored, key, expected):
    row = scored[(scored.frame == key[0]) & (scored.voice == key[1])]
    assert len(row) == 1
    row = row.iloc[0]
    tp, fp, fn, tn, precision, recall, f1, alpha, in_bp = expected
    assert (row.tp, row.fp, row.fn, row.tn) == (tp, fp, fn, tn)
    assert row.n_units == 5
    assert row.precision == pytest.approx(precision)
    assert row.recall == pytest.approx(recall)
    assert row.f1 == pytest.approx(f1)
    if alpha is not None:
        assert row.alpha == pytest.approx(alpha)
    assert row.matches_in_boilerplate == in_bp


def test_validate_alpha_matches_krippendorff_package(scored):
    krippendorff = pytest.importorskip("krippendorff")
    # all/authorial: items (unit, frame) for terror then protest, human vs lexicon
    human_terror, human_protest = [1, 0, 1, 0, 0], [0, 0, 0, 0, 1]
    lexicon_terror, lexicon_protest = [1, 0, 0, 0, 0], [0, 1, 0, 0, 0]
    human, lexicon = human_terror + human_protest, lexicon_terror + lexicon_protest
    expected = krippendorff.alpha(reliability_data=[human, lexicon], level_of_measurement="nominal")
    row = scored[(scored.frame == "all") & (scored.voice == "authorial")].iloc[0]
    assert row.alpha == pytest.approx(expected)


def test_validate_table_layout(scored):
    assert scored.columns.tolist() == [
        "frame", "voice", "n_units", "tp", "fp", "fn", "tn", "precision", "recall", "f1",
        "precision_ci_low", "precision_ci_high", "recall_ci_low", "recall_ci_high",
        "f1_ci_low", "f1_ci_high", "alpha", "matches_in_boilerplate", "note",
    ]
    assert scored[["frame", "voice"]].apply(tuple, axis=1).tolist() == list(EXPECTED)


@pytest.mark.parametrize(
    "pred",
    [
        [False, False, True, False, False, True],  # one flag per coded unit
        pd.DataFrame({"doc_id": ["d1", "d2", "d1"], "start": [21, 12, 0], "end": [30, 20, 4]}),
        pd.DataFrame({"doc_id": ["d1", "d2", "d1", "d1"], "start": [21, 12, 0, 31],
                      "end": [30, 20, 4, 40], "boilerplate": [1, 1, 0, 0]}),
    ],
)
def test_validate_boilerplate_row(pred):
    # spans: u2 fully covered; u5 8 of 10 characters (> half); u0 4 of 10 (not boilerplate);
    # human: only u2. tp = 1 (u2), fp = 1 (u5), fn = 0, tn = 4.
    # alpha over 6 units: o_00 = 8, o_11 = 2, o_01 = o_10 = 1; n = (9, 3); 1 - 11 * 2 / (2 * 27)
    table = validate(CODED, MATCHES.iloc[:0], boilerplate_pred=pred, n_boot=0)
    row = table[table.frame == "boilerplate"].iloc[0]
    assert (row.tp, row.fp, row.fn, row.tn, row.n_units) == (1, 1, 0, 4, 6)
    assert row.precision == pytest.approx(0.5) and row.recall == 1.0
    assert row.f1 == pytest.approx(2 / 3)
    assert row.alpha == pytest.approx(1 - 22 / 54)
    assert pd.isna(row.matches_in_boilerplate)


def test_validate_perfect_matches_on_bundled_coding():
    coded = read_coded(SEEDS)
    rows = []
    for unit in coded.itertuples():
        for frame in coded.attrs["frames"]:
            for voice in filter(None, getattr(unit, frame).split(";")):
                rows.append((unit.doc_id, unit.start, unit.start + 1, frame, voice))
    matches = pd.DataFrame(rows, columns=["doc_id", "start", "end", "frame", "voice"])
    table = validate(SEEDS, matches, n_boot=50)
    assert (table[["precision", "recall", "f1", "alpha"]] == 1).all().all()
    assert (table[["f1_ci_low", "f1_ci_high"]] == 1).all().all()
    assert (table["matches_in_boilerplate"] == 0).all()
    assert (table["n_units"] == 156).all()
    any_rows = table[table.voice == "any"].set_index("frame")
    non_bp = coded[~coded.boilerplate]
    for frame in coded.attrs["frames"]:
        assert any_rows.loc[frame, "tp"] == (non_bp[frame] != "").sum()


def test_validate_bootstrap_intervals_resample_units():
    # Units are resampled together: check the "all/any" interval with an independent loop.
    n_boot, seed = 200, 3
    table = validate(CODED, MATCHES, n_boot=n_boot, seed=seed)
    row = table[(table.frame == "all") & (table.voice == "any")].iloc[0]
    # per scored unit (u0, u1, u3, u4, u5): (tp, fp, fn) summed over the two frames
    per_unit = np.array([[1, 0, 0], [1, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1]])
    idx = np.random.default_rng(seed).integers(0, 5, size=(n_boot, 5))
    f1 = []
    for rows in idx:
        tp, fp, fn = per_unit[rows].sum(axis=0)
        if 2 * tp + fp + fn:
            f1.append(2 * tp / (2 * tp + fp + fn))
    lo, hi = np.percentile(f1, [2.5, 97.5])
    assert row.f1_ci_low == pytest.approx(lo) and row.f1_ci_high == pytest.approx(hi)
    assert row.f1_ci_low <= row.f1 <= row.f1_ci_high


def test_validate_accepts_dataframe_as_read_by_pandas():
    # the bundled loader's raw frame (ints for boilerplate, "" cells) is checked like a file
    raw = pd.read_csv(SEEDS, dtype={"doc_id": str}, keep_default_na=True)  # empty cells -> NaN
    table = validate(raw, pd.DataFrame(columns=["doc_id", "start", "end", "frame", "voice"]),
                     n_boot=0)
    assert (table["tp"] == 0).all() and table.loc[table.voice == "any", "fn"].gt(0).all()
    assert np.isnan(table["precision"]).all()
    assert table["note"].str.contains("precision undefined").all()


def test_validate_warns_on_uncoded_frames():
    extra = pd.DataFrame([("d1", 1, 2, "stance", "authorial")], columns=MATCHES.columns)
    with pytest.warns(ValidationWarning, match="'stance' are not coded"):
        table = validate(CODED, pd.concat([MATCHES, extra]), n_boot=0)
    assert "stance" not in set(table.frame)


@pytest.mark.parametrize(
    ("coded", "matches", "match"),
    [
        (CODED, MATCHES.drop(columns="voice"), "missing column\\(s\\) 'voice'"),
        (CODED, MATCHES.assign(voice="quoted"), "row 0: voice is 'quoted'"),
        (CODED, MATCHES.assign(start=-1), "row 0: start is -1"),
        (CODED.drop(columns="boilerplate"), MATCHES,
         "coded table: missing column\\(s\\) 'boilerplate'"),
        (CODED.assign(terror=["authorial", "", "", "both", "", ""]), MATCHES,
         "coded table, row 3 \\(index 3\\): column 'terror' has 'both'"),
        (CODED.assign(start=[0, 5, 21, 31, 0, 10]), MATCHES, "overlaps"),
    ],
)
def test_validate_errors(coded, matches, match):
    with pytest.raises(CodingError, match=match):
        validate(coded, matches, n_boot=0)


def test_validate_boilerplate_pred_wrong_length():
    with pytest.raises(CodingError, match="3 flags but the coded table has 6 units"):
        validate(CODED, MATCHES, boilerplate_pred=[0, 1, 0], n_boot=0)


def test_sampled_coding_does_not_warn_and_scores_the_same(scored):
    """With sample=True, a match between coded units is expected: same table, no warning."""
    import warnings as _warnings

    extra = pd.concat([MATCHES, pd.DataFrame([("d1", 10, 11, "terror", "authorial")],
                                             columns=MATCHES.columns)])
    with _warnings.catch_warnings():
        _warnings.simplefilter("error")
        sampled = validate(CODED, extra, n_boot=0, sample=True)
    pd.testing.assert_frame_equal(sampled, scored)


# --------------------------------------------------------------------------- check_coded


def test_check_coded_reads_paths_and_checks_tables_alike():
    from_file = read_coded(SEEDS)
    raw = pd.read_csv(SEEDS, dtype={"doc_id": str})
    for coded in (SEEDS, str(SEEDS), from_file, raw):
        table = check_coded(coded)
        pd.testing.assert_frame_equal(table, from_file)
        assert table.attrs["frames"] == from_file.attrs["frames"]
    subset = check_coded(from_file.iloc[10:20], frames=["coup_terror"])
    assert subset.columns.tolist() == ["doc_id", "start", "end", "boilerplate", "coup_terror",
                                       "text"]
    assert subset.index.tolist() == list(range(10))


@pytest.mark.parametrize(
    ("coded", "frames", "match"),
    [
        (CODED.drop(columns="end"), None, "missing column\\(s\\) 'end'"),
        (CODED, ["stance"], "stance"),
        (CODED.assign(boilerplate=2), None, "boilerplate"),
    ],
)
def test_check_coded_errors(coded, frames, match):
    with pytest.raises(CodingError, match=match):
        check_coded(coded, frames=frames)


def test_module_doctests():
    result = doctest.testmod(framing.validation, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0 and result.attempted >= 5

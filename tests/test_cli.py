"""The command line, called in-process: outputs, one-line errors, exit statuses."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from framing.cli import main
from framing.datasets import kazakhstan_2022_path

SEEDS = str(kazakhstan_2022_path() / "texts")


def run(capsys, *argv):
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_corpus_command_writes_documents_and_sentences(tmp_path, capsys):
    docs, sents = tmp_path / "documents.csv", tmp_path / "sentences.csv"
    status, _, err = run(capsys, "corpus", SEEDS, "-o", str(docs), "--sentences", str(sents), "-q")
    assert status == 0, err
    table = pd.read_csv(docs)
    for col in ("doc_id", "outlet", "publisher", "date", "title", "n_sentences", "n_tokens",
                "boilerplate_chars", "original_source", "original_source_evidence",
                "duplicate_group", "paraphrase_flag"):
        assert col in table.columns
    assert len(table) == 5
    sentences = pd.read_csv(sents)
    assert list(sentences.columns[:5]) == ["doc_id", "sentence_id", "start", "end", "boilerplate"]
    texts = {p.stem: p.read_text(encoding="utf-8")
             for p in (kazakhstan_2022_path() / "texts").glob("*.txt")}
    for row in sentences.itertuples():
        sentence = texts[row.doc_id][row.start:row.end]
        assert sentence and sentence == sentence.strip()
    assert table.set_index("doc_id").loc["001_d7fcb602a5d755b1", "original_source"] == "Newsweek"


@pytest.fixture(scope="module")
def bundled_report(tmp_path_factory):
    """One run of `framing report` on the bundled corpus, shared by read-only tests."""
    out = tmp_path_factory.mktemp("report") / "rep"
    assert main(["report", "--out", str(out), "-q"]) == 0
    return out


def test_report_on_the_bundled_corpus(bundled_report):
    out = bundled_report
    for name in ("documents.csv", "sentences.csv", "matches.csv", "scores.csv",
                 "validation.csv", "report.html", "manifest.json"):
        assert (out / name).exists(), name
    validation = pd.read_csv(out / "validation.csv").set_index(["frame", "voice"])
    # the bundled coding is the default validation set; the targets
    assert validation.loc[("all", "any"), "f1"] >= 0.85
    assert validation.loc[("all", "voice_aware"), "f1"] >= 0.80
    assert validation["matches_in_boilerplate"].fillna(0).sum() == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["lexicon"]["name"] == "kazakhstan-2022"
    assert manifest["corpus"]["n_documents"] == 5
    assert "scores" in manifest["outputs"]
    html = (out / "report.html").read_text(encoding="utf-8")
    # self-contained: no script and nothing fetched from elsewhere (figures are inlined
    # as base64, which may spell "http" by chance, so look at attribute values only)
    assert "<script" not in html
    external = re.findall(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*https?:""",
                          html, flags=re.IGNORECASE)
    assert external == []


def test_report_is_byte_identical_across_runs(bundled_report, tmp_path, capsys):
    out = tmp_path / "rep"
    assert run(capsys, "report", "--out", str(out), "-q")[0] == 0
    # the manifest records the command line, so rerun with the same --out
    manifest = out / "manifest.json"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(str(out), str(bundled_report)),
                        encoding="utf-8")
    a, b = bundled_report, out
    files = [p for p in a.rglob("*") if p.is_file()]
    assert len(files) >= 6
    for path in sorted(files):
        if path.is_file():
            assert path.read_bytes() == (b / path.relative_to(a)).read_bytes(), path.name


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "nope", "no such file or folder"),
        (lambda p: (p / "x.docx").write_text("x") and p / "x.docx", "unknown corpus format"),
        (lambda p: (p / "bad.csv").write_bytes(b"doc_id,text\na,\xff\n") and p / "bad.csv",
         "byte offset 14 (line 2) is not valid UTF-8"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys, make, message):
    path = make(tmp_path)
    status, out, err = run(capsys, "corpus", str(path), "-o", str(tmp_path / "d.csv"))
    assert status == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("framing: error: ")
    assert message in lines[0] and str(path) in lines[0]
    assert "Traceback" not in err


def test_encoding_replace_lists_the_files(tmp_path, capsys):
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "ok.txt").write_text("Protests spread.", encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"Police \xff fired.")
    status, _, err = run(capsys, "corpus", str(folder), "-o", str(tmp_path / "d.csv"),
                         "--encoding-errors", "replace", "-q")
    assert status == 0
    assert "framing: warning:" in err and "bad.txt: invalid UTF-8 bytes replaced" in err


def test_unknown_lexicon_lists_bundled(tmp_path, capsys):
    status, _, err = run(capsys, "report", "--lexicon", "no-such-lexicon", "--out",
                         str(tmp_path / "r"), "-q")
    assert status == 2
    assert "kazakhstan-2022" in err and "Traceback" not in err


def test_usage_errors_exit_2(capsys):
    status, _, err = run(capsys, "corpus")
    assert status == 2 and "usage:" in err


def test_lexicons_command_lists_bundled(capsys):
    status, out, _ = run(capsys, "lexicons")
    assert status == 0 and out.startswith("kazakhstan-2022")


def test_report_has_figures_statistics_and_manifest_entries(bundled_report):
    out = bundled_report
    figures = out / "figures"
    for stem in ("frame_profile_per_1k", "frame_profile_share", "frame_shares_ternary",
                 "frame_heatmap", "similarity_profiles", "keyness_00"):
        for ext in ("pdf", "svg", "png"):
            assert (figures / f"{stem}.{ext}").exists(), f"{stem}.{ext}"
    pdf = (figures / "frame_profile_per_1k.pdf").read_bytes()
    assert b"/FontFile2" in pdf and b"/Type3" not in pdf  # TrueType fonts embedded
    scores = pd.read_csv(out / "scores.csv")
    for col in ("per_1k_ci_low", "per_1k_ci_high", "share_ci_low", "share_ci_high",
                "n_resampled", "resample_unit"):
        assert col in scores.columns
    assert (scores["per_1k_ci_low"] <= scores["per_1k"] + 1e-9).all()
    comparisons = pd.read_csv(out / "comparisons.csv")
    assert {"p_value", "p_holm", "p_fdr_bh"} <= set(comparisons.columns)
    keyness = pd.read_csv(out / "keyness.csv")
    assert "the" not in set(keyness["term"])
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert "figures/frame_profile_per_1k.pdf" in manifest["outputs"]
    assert manifest["parameters"]["n_boot"] == 2000 and manifest["parameters"]["seed"] == 0
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.count("data:image/png;base64,") >= 6


def test_report_without_lexicon_for_a_user_corpus(tmp_path, capsys):
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "a.txt").write_text("Protesters marched. Police fired.", encoding="utf-8")
    status, _, err = run(capsys, "report", str(folder), "--out", str(tmp_path / "r"), "-q")
    assert status == 0
    assert "no --lexicon given" in err
    assert (tmp_path / "r" / "documents.csv").exists()
    assert not (tmp_path / "r" / "scores.csv").exists()


def test_score_stream_equals_in_memory(tmp_path, capsys):
    a, b = tmp_path / "a", tmp_path / "b"
    for out, extra in ((a, ["--n-boot", "0"]), (b, ["--stream"])):
        out.mkdir()
        status, _, err = run(capsys, "score", SEEDS, "--lexicon", "kazakhstan-2022", "-o",
                             str(out / "scores.csv"), "--matches", str(out / "matches.csv"),
                             "-q", *extra)
        assert status == 0, err
    assert (a / "scores.csv").read_bytes() == (b / "scores.csv").read_bytes()
    assert (a / "matches.csv").read_bytes() == (b / "matches.csv").read_bytes()
    matches = pd.read_csv(b / "matches.csv")
    assert list(matches.columns) == ["doc_id", "sentence_id", "start", "end", "text", "entry",
                                     "frame", "voice", "voice_reason", "weight"]
    assert len(matches) > 100


@pytest.mark.parametrize("extra", [["--n-boot", "100"], ["--comparisons", "c.csv"]])
def test_score_stream_refuses_what_it_cannot_give(tmp_path, capsys, extra):
    status, _, err = run(capsys, "score", SEEDS, "--lexicon", "kazakhstan-2022", "--stream",
                         "-o", str(tmp_path / "s.csv"), *extra)
    assert status == 2 and "--stream" in err


def test_quotes_and_stance_commands(tmp_path, capsys):
    quotes_csv, profile_csv = tmp_path / "quotes.csv", tmp_path / "profile.csv"
    status, _, err = run(capsys, "quotes", SEEDS, "-o", str(quotes_csv), "--lexicon",
                         "kazakhstan-2022", "--profile", str(profile_csv), "-q")
    assert status == 0, err
    quotes = pd.read_csv(quotes_csv)
    assert {"doc_id", "start", "end", "text", "speaker", "speaker_role", "mode"} <= set(quotes)
    assert set(quotes["mode"]) == {"quoted", "reported"}
    texts = {p.stem: p.read_text(encoding="utf-8")
             for p in (kazakhstan_2022_path() / "texts").glob("*.txt")}
    for row in quotes.itertuples():
        assert texts[row.doc_id][row.start:row.end] == row.text  # offsets cover the words
    blinken = quotes[quotes["doc_id"] == "004_c02b394d286b7c9f"]["speaker"]
    assert "Antony Blinken" in set(blinken)
    assert {"outlet", "speaker_role", "share_words"} <= set(pd.read_csv(profile_csv))

    stance_csv = tmp_path / "stance.csv"
    status, out, err = run(capsys, "stance", SEEDS, "-o", str(stance_csv), "--coded",
                           str(kazakhstan_2022_path() / "validation" / "seeds-sources.csv"), "-q")
    assert status == 0, err
    stance = pd.read_csv(stance_csv)
    assert {"doc_id", "sentence_id", "start", "end", "target", "holder", "value",
            "evidence"} <= set(stance)
    assert set(stance["value"]) == {"support", "oppose"}
    assert "support" in out and "oppose" in out  # the agreement table is printed


def test_report_has_who_speaks(bundled_report):
    out = bundled_report
    for name in ("quotes.csv", "sourcing.csv", "stance.csv", "stance_summary.csv",
                 "sources_validation.csv", "stance_validation.csv", "figures/sourcing.pdf"):
        assert (out / name).exists(), name
    validation = pd.read_csv(out / "sources_validation.csv").set_index("measure")
    assert validation.loc["quoted_speaker_accuracy", "value"] >= 0.90
    assert "Who speaks" in (out / "report.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("argv", "first"),
    [
        (["score", SEEDS, "--lexicon", "kazakhstan-2022", "-o", "{d}/scores.csv", "--matches",
          "{d}/matches.csv", "--n-boot", "0"], "scores"),
        (["score", SEEDS, "--lexicon", "kazakhstan-2022", "-o", "{d}/scores.csv", "--matches",
          "{d}/matches.csv", "--stream"], "scores"),
        (["corpus", SEEDS, "-o", "{d}/documents.csv"], "documents"),
        (["keyness", SEEDS, "-o", "{d}/keyness.csv"], "keyness"),
    ],
)
def test_every_command_records_a_manifest(tmp_path, capsys, argv, first):
    argv = [a.replace("{d}", str(tmp_path)) for a in argv]
    status, _, err = run(capsys, *argv, "-q")
    assert status == 0, err
    manifest = json.loads((tmp_path / f"{first}.manifest.json").read_text(encoding="utf-8"))
    assert manifest["corpus"]["n_documents"] == 5 and len(manifest["corpus"]["sha256"]) == 64
    assert manifest["versions"]["framing"]
    written = sorted(p.name for p in tmp_path.glob("*.csv"))
    assert sorted(manifest["outputs"]) == written
    for name, entry in manifest["outputs"].items():
        from framing.manifest import file_sha256

        assert entry["sha256"] == file_sha256(tmp_path / entry["path"]), name
    if argv[0] == "score":
        assert manifest["lexicon"]["name"] == "kazakhstan-2022"
        assert manifest["parameters"]["pipeline"]["overlap"] == "longest"

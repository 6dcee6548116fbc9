"""Benchmark: ``framing score`` with full evidence against scikit-learn's CountVectorizer.

A synthetic corpus of N documents is generated from the bundled texts (paragraphs
of the five seeds shuffled into new documents, with words swapped so that lines
do not repeat verbatim, spread over five outlets, so boilerplate, quotations and
matches occur at realistic rates; see :func:`make_corpus`), written as a
folder of .txt files, and then, each in a fresh subprocess so peak memory is the
job's own:

* ``framing score corpus/ --lexicon kazakhstan-2022 --matches matches.csv
  --stream``: load, boilerplate, sentences, tokens, matching, voice, scores,
  every match written with offsets as it is found (also run on a quarter of the
  corpus, to show that peak memory does not grow with corpus size);
* the same command with every match labelled authorial at no cost (a diagnostic,
  not an option of ``framing``: it measures the floor that any voice analysis adds
  to);
* ``CountVectorizer().fit_transform(texts)`` on the same texts (read from the same
  file).

It prints documents/s, MB/s (UTF-8 bytes of text per CPU second), peak resident
memory and the ratio of CPU times, then the CPU time of each stage of the scoring
pass run alone (to show where the time goes), and the import times, which are
kept out of both jobs' clocks alike. Usage::

    python benchmarks/bench_score.py            # default N (about a minute)
    python benchmarks/bench_score.py --n-docs 2000 --json out.json
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

DEFAULT_N = 20_000
OUTLETS = ["Outlet A", "Outlet B", "Outlet C", "Outlet D", "Outlet E"]
#: Lower-case words that the generator may swap, and the probability of a swap.
_SWAPPABLE = re.compile(r"\b[a-z]{4,}\b")
SWAP = 0.2


def make_corpus(path: Path, n_docs: int, seed: int = 0) -> int:
    """Write ``n_docs`` synthetic documents as a folder of .txt files with metadata.csv.

    Each document is 8-30 paragraphs drawn from the seeds, in which every
    lower-case word of four or more letters is swapped, with probability
    ``SWAP``, for another such word of the seeds. So almost every body line is
    new (as in real coverage, and unlike the paragraphs repeated verbatim, which
    would let any per-line cache answer from memory), while names, quotation
    marks, punctuation and short boilerplate lines stay as they are. Each outlet
    is also the publisher, so site templates are learned and looked up.

    A folder is the format whose texts are read lazily (tabular files are held in
    memory once), so peak memory shows what the pipeline itself keeps. Returns
    the UTF-8 size of the texts.
    """
    from framing.datasets import load_kazakhstan_2022

    rng = random.Random(seed)
    paragraphs = [p for text in load_kazakhstan_2022().texts() for p in text.split("\n\n")
                  if p.strip()]
    vocabulary = sorted({w for p in paragraphs for w in _SWAPPABLE.findall(p)})

    def vary(paragraph: str) -> str:
        return _SWAPPABLE.sub(
            lambda m: rng.choice(vocabulary) if rng.random() < SWAP else m.group(), paragraph)

    size = 0
    path.mkdir(parents=True)
    with (path / "metadata.csv").open("w", encoding="utf-8") as meta:
        meta.write("doc_id,outlet,publisher\n")
        for i in range(n_docs):
            k = rng.randint(8, 30)
            text = "\n\n".join(vary(rng.choice(paragraphs)) for _ in range(k))
            size += len(text.encode("utf-8"))
            (path / f"d{i:07d}.txt").write_text(text, encoding="utf-8")
            outlet = OUTLETS[i % len(OUTLETS)]
            meta.write(f"d{i:07d},{outlet},{outlet.lower().replace(' ', '')}.example\n")
    return size


_SCORE_JOB = textwrap.dedent("""
    import json, resource, sys, time
    i0 = time.process_time()
    # the modules ``framing score`` uses, imported before the clock starts, as the
    # CountVectorizer job imports scikit-learn before its clock; import time is
    # reported on its own line
    import framing.cli, framing.pipeline, framing.voice, framing.matching, framing.scoring
    from framing.cli import main
    imports = time.process_time() - i0
    if sys.argv[1] == "--no-voice":
        # diagnostic only: every match labelled authorial at no cost, to measure what
        # the rest of the job costs (the floor any voice analysis adds to)
        import numpy as np
        def _constant_voice(text, starts, ends, **kwargs):
            n = len(starts)
            return np.full(n, "authorial", dtype=object), np.full(n, "none", dtype=object)
        framing.voice.match_voice = _constant_voice
        del sys.argv[1]
    t0, w0 = time.process_time(), time.perf_counter()
    status = main(sys.argv[1:])
    cpu, wall = time.process_time() - t0, time.perf_counter() - w0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"status": status, "cpu": cpu, "wall": wall, "peak_mb": peak,
                      "import_s": imports}))
""")

_COUNT_JOB = textwrap.dedent("""
    import json, resource, sys, time
    i0 = time.process_time()
    from sklearn.feature_extraction.text import CountVectorizer
    imports = time.process_time() - i0
    from pathlib import Path
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
    t0, w0 = time.process_time(), time.perf_counter()
    X = CountVectorizer().fit_transform(texts)
    cpu, wall = time.process_time() - t0, time.perf_counter() - w0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"status": 0, "cpu": cpu, "wall": wall, "peak_mb": peak,
                      "shape": list(X.shape), "import_s": imports}))
""")


_STAGES_JOB = textwrap.dedent("""
    import json, sys, time
    import numpy as np
    from framing import cleaning, segmentation, voice
    from framing.corpus import read_corpus
    from framing.lexicon import load_lexicon
    from framing.matching import Matcher
    from framing.pipeline import fit_templates
    corpus = read_corpus(sys.argv[1])
    docs = list(corpus)
    matcher = Matcher(load_lexicon("kazakhstan-2022"))
    times = {}
    def stage(name, func, *inputs):
        t0 = time.process_time()
        out = [func(*args) for args in zip(*inputs)]
        times[name] = time.process_time() - t0
        return out
    t0 = time.process_time()
    template = fit_templates(corpus)
    times["site templates (pass 1)"] = time.process_time() - t0
    texts = [d.text for d in docs]
    spans = stage("boilerplate lines", lambda d: cleaning.find_boilerplate(
        d.text, template=template, publisher=d.meta.get("publisher")), docs)
    sents = stage("sentences", segmentation.split_sentences, texts)
    arrays = [np.asarray(s, dtype=np.int64).reshape(-1, 2) for s in sents]
    stage("boilerplate sentences", lambda t, a, sp: cleaning.boilerplate_mask_for_units(
        t, a, sp, min_coverage=0.5), texts, arrays, spans)
    stage("token counts", segmentation.count_tokens, texts, arrays)
    found = stage("lexicon matches", matcher.find, texts)
    stage("voice of matches", lambda t, s, f: voice.match_voice(t, f.start, f.end, sentences=s),
          texts, sents, found)
    print(json.dumps(times))
""")


def run_job(code: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                         check=False)
    if out.returncode != 0:
        raise SystemExit(f"benchmark job failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n-docs", type=int, default=DEFAULT_N)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", help="also write the figures to this JSON file")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        corpus = tmp_path / "corpus"
        size = make_corpus(corpus, args.n_docs, args.seed)
        mb = size / 1e6
        quarter = tmp_path / "quarter"
        make_corpus(quarter, max(1, args.n_docs // 4), args.seed)

        def score(path: Path, *flags: str) -> dict:
            return run_job(_SCORE_JOB, *flags, "score", str(path), "--lexicon",
                           "kazakhstan-2022", "-o", str(tmp_path / "scores.csv"), "--matches",
                           str(tmp_path / "matches.csv"), "--stream", "-q")

        small = score(quarter)
        full = score(corpus)
        n_matches = sum(1 for _ in (tmp_path / "matches.csv").open(encoding="utf-8")) - 1
        no_voice = score(corpus, "--no-voice")
        count = run_job(_COUNT_JOB, str(corpus))
        stages = run_job(_STAGES_JOB, str(corpus))
        score = full

    rows = []
    for name, res in (("framing score --stream, N/4", small),
                      ("framing score --stream (matches)", full),
                      ("  the same, voice not analysed", no_voice),
                      ("CountVectorizer.fit_transform", count)):
        n = max(1, args.n_docs // 4) if res is small else args.n_docs
        scale = n / args.n_docs
        rows.append({"job": name, "cpu_s": res["cpu"], "wall_s": res["wall"],
                     "docs_per_s": n / res["cpu"], "mb_per_s": mb * scale / res["cpu"],
                     "peak_mb": res["peak_mb"]})
    ratio = score["cpu"] / count["cpu"]
    floor = no_voice["cpu"] / count["cpu"]
    print(f"corpus: {args.n_docs} documents, {mb:.1f} MB of text, {n_matches} matches")
    print(f"{'job':32s} {'CPU s':>8s} {'wall s':>8s} {'docs/s':>9s} {'MB/s':>7s} {'peak MB':>8s}")
    for r in rows:
        print(f"{r['job']:32s} {r['cpu_s']:8.2f} {r['wall_s']:8.2f} {r['docs_per_s']:9.0f} "
              f"{r['mb_per_s']:7.2f} {r['peak_mb']:8.0f}")
    print(f"ratio (framing score / CountVectorizer, CPU time): {ratio:.2f}x; "
          f"without the voice analysis (diagnostic): {floor:.2f}x")
    print("stages of the scoring pass, timed one at a time in one process (CPU s, MB/s):")
    for name, sec in stages.items():
        print(f"  {name:30s} {sec:8.2f} {mb / sec if sec else float('inf'):9.1f}")
    print(f"imports, before the clocks start: framing {full['import_s']:.2f} s CPU, "
          f"scikit-learn {count['import_s']:.2f} s CPU")
    if args.json:
        Path(args.json).write_text(json.dumps({"n_docs": args.n_docs, "mb": mb,
                                               "n_matches": n_matches, "jobs": rows,
                                               "ratio": ratio, "ratio_without_voice": floor,
                                               "stages_cpu_s": stages,
                                               "import_s": {"framing": full["import_s"],
                                                            "sklearn": count["import_s"]}},
                                              indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

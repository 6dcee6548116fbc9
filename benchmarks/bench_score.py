"""Benchmark: ``framing score`` with full evidence against scikit-learn's CountVectorizer.

A synthetic corpus of N documents is generated from the bundled texts (paragraphs
of the five seeds shuffled into new documents and spread over five outlets, so
boilerplate, quotations and matches occur at realistic rates), written as JSONL,
and then, each in a fresh subprocess so peak memory is the job's own:

* ``framing score corpus.jsonl --lexicon kazakhstan-2022 --matches matches.csv
  --n-boot 0``: load, boilerplate, sentences, tokens, matching, voice, scores,
  every match written with offsets;
* ``CountVectorizer().fit_transform(texts)`` on the same texts (read from the same
  file).

It prints documents/s, MB/s (UTF-8 bytes of text per CPU second), peak resident
memory and the ratio of CPU times. Usage::

    python benchmarks/bench_score.py            # default N (about a minute)
    python benchmarks/bench_score.py --n-docs 2000 --json out.json
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

DEFAULT_N = 20_000
OUTLETS = ["Outlet A", "Outlet B", "Outlet C", "Outlet D", "Outlet E"]


def make_corpus(path: Path, n_docs: int, seed: int = 0) -> int:
    """Write ``n_docs`` synthetic documents as JSONL; return the UTF-8 size of the texts."""
    from framing.datasets import load_kazakhstan_2022

    rng = random.Random(seed)
    paragraphs = [p for text in load_kazakhstan_2022().texts() for p in text.split("\n\n")
                  if p.strip()]
    size = 0
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n_docs):
            k = rng.randint(8, 30)
            text = "\n\n".join(rng.choice(paragraphs) for _ in range(k))
            size += len(text.encode("utf-8"))
            record = {"doc_id": f"d{i:07d}", "outlet": OUTLETS[i % len(OUTLETS)], "text": text}
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return size


_SCORE_JOB = textwrap.dedent("""
    import json, resource, sys, time
    from framing.cli import main
    t0, w0 = time.process_time(), time.perf_counter()
    status = main(sys.argv[1:])
    cpu, wall = time.process_time() - t0, time.perf_counter() - w0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"status": status, "cpu": cpu, "wall": wall, "peak_mb": peak}))
""")

_COUNT_JOB = textwrap.dedent("""
    import json, resource, sys, time
    from sklearn.feature_extraction.text import CountVectorizer
    with open(sys.argv[1], encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh]
    t0, w0 = time.process_time(), time.perf_counter()
    X = CountVectorizer().fit_transform(texts)
    cpu, wall = time.process_time() - t0, time.perf_counter() - w0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"status": 0, "cpu": cpu, "wall": wall, "peak_mb": peak,
                      "shape": list(X.shape)}))
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
        corpus = tmp_path / "corpus.jsonl"
        size = make_corpus(corpus, args.n_docs, args.seed)
        mb = size / 1e6
        score = run_job(_SCORE_JOB, "score", str(corpus), "--lexicon", "kazakhstan-2022",
                        "-o", str(tmp_path / "scores.csv"), "--matches",
                        str(tmp_path / "matches.csv"), "--n-boot", "0", "-q")
        n_matches = sum(1 for _ in (tmp_path / "matches.csv").open(encoding="utf-8")) - 1
        count = run_job(_COUNT_JOB, str(corpus))

    rows = []
    for name, res in (("framing score (with matches)", score),
                      ("CountVectorizer.fit_transform", count)):
        rows.append({"job": name, "cpu_s": res["cpu"], "wall_s": res["wall"],
                     "docs_per_s": args.n_docs / res["cpu"], "mb_per_s": mb / res["cpu"],
                     "peak_mb": res["peak_mb"]})
    ratio = score["cpu"] / count["cpu"]
    print(f"corpus: {args.n_docs} documents, {mb:.1f} MB of text, {n_matches} matches")
    print(f"{'job':32s} {'CPU s':>8s} {'wall s':>8s} {'docs/s':>9s} {'MB/s':>7s} {'peak MB':>8s}")
    for r in rows:
        print(f"{r['job']:32s} {r['cpu_s']:8.2f} {r['wall_s']:8.2f} {r['docs_per_s']:9.0f} "
              f"{r['mb_per_s']:7.2f} {r['peak_mb']:8.0f}")
    print(f"ratio (framing score / CountVectorizer, CPU time): {ratio:.2f}x")
    if args.json:
        Path(args.json).write_text(json.dumps({"n_docs": args.n_docs, "mb": mb,
                                               "n_matches": n_matches, "jobs": rows,
                                               "ratio": ratio}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

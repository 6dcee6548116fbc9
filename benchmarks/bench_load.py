"""Benchmark: loading large corpora (a 100,000-file folder, one 50 MB document).

Each case runs in a fresh subprocess and reports CPU time, wall time and peak
resident memory of ``read_corpus`` followed by one full pass over the texts
(which is what every pipeline stage does), so the figures show whether texts are
streamed rather than held. Usage::

    python benchmarks/bench_load.py [--n-docs 100000] [--big-mb 50]
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

_JOB = textwrap.dedent("""
    import json, resource, sys, time
    from framing.corpus import read_corpus
    t0, w0 = time.process_time(), time.perf_counter()
    corpus = read_corpus(sys.argv[1])
    n_chars = sum(len(t) for t in corpus.texts())
    cpu, wall = time.process_time() - t0, time.perf_counter() - w0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"docs": len(corpus), "chars": n_chars, "cpu": cpu, "wall": wall,
                      "peak_mb": peak}))
""")


def run(path: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", _JOB, str(path)], capture_output=True, text=True,
                         check=False)
    if out.returncode != 0:
        raise SystemExit(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n-docs", type=int, default=100_000)
    parser.add_argument("--big-mb", type=int, default=50)
    args = parser.parse_args(argv)
    from framing.datasets import load_kazakhstan_2022

    seeds = list(load_kazakhstan_2022().texts())
    rng = random.Random(0)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "many"
        folder.mkdir()
        size = 0
        for i in range(args.n_docs):
            text = rng.choice(seeds)
            size += len(text.encode("utf-8"))
            (folder / f"d{i:07d}.txt").write_text(text, encoding="utf-8")
        many = run(folder)
        big_dir = Path(tmp) / "big"
        big_dir.mkdir()
        unit = "".join(seeds)
        reps = args.big_mb * 1_000_000 // len(unit.encode("utf-8")) + 1
        (big_dir / "big.txt").write_text(unit * reps, encoding="utf-8")
        big_size = (big_dir / "big.txt").stat().st_size
        big = run(big_dir)
    print(f"{'case':36s} {'docs':>8s} {'MB':>8s} {'CPU s':>7s} {'wall s':>7s} {'peak MB':>8s}")
    print(f"{'folder of small files':36s} {many['docs']:8d} {size / 1e6:8.1f} {many['cpu']:7.2f} "
          f"{many['wall']:7.2f} {many['peak_mb']:8.0f}")
    print(f"{'one large document':36s} {big['docs']:8d} {big_size / 1e6:8.1f} {big['cpu']:7.2f} "
          f"{big['wall']:7.2f} {big['peak_mb']:8.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

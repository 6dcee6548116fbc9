"""The ``framing`` command line: a thin layer over the package's public functions.

Every command that reads a corpus takes the same loading options, parsed by one
parent parser and applied by :func:`load_corpus_from_args`. Errors in the input
end the command with exit status 2 and one line naming the file and the fix;
warnings (skipped files, repaired bytes) are printed as ``framing: warning: ...``.
"""

from __future__ import annotations

import argparse
import sys
import traceback
import warnings
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from framing import __version__
from framing._tables import write_csv  # re-exported: framing.cli.write_csv

__all__ = ["main"]

#: Name that stands for the bundled example corpus on the command line.
BUNDLED_CORPUS = "kazakhstan-2022"
BUNDLED_LEXICON = "kazakhstan-2022"


class UsageError(ValueError):
    """A command-line argument that cannot be used (exit status 2)."""


def _loading_options() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    group = parent.add_argument_group("corpus loading")
    group.add_argument("--format", default="auto",
                       choices=["auto", "folder", "csv", "tsv", "jsonl", "parquet"],
                       help="corpus format (default: detect from the path)")
    group.add_argument("--text-column", default="text",
                       help="text column of a table (default: text)")
    group.add_argument("--id-column", default="doc_id",
                       help="id column of a table (default: doc_id)")
    group.add_argument("--encoding-errors", default="strict", choices=["strict", "replace"],
                       help="invalid UTF-8: stop with an error naming the file and byte "
                            "(strict, default) or replace and list the files (replace)")
    group.add_argument("-q", "--quiet", action="store_true",
                       help="no progress bars or progress messages (warnings are still shown)")
    return parent


def load_corpus_from_args(args: argparse.Namespace):
    """The one code path every command uses to read its corpus."""
    from framing.corpus import read_corpus
    from framing.datasets import load_kazakhstan_2022

    source = getattr(args, "corpus", None)
    if source in (None, BUNDLED_CORPUS):
        corpus = load_kazakhstan_2022()
    else:
        corpus = read_corpus(source, format=args.format, text_column=args.text_column,
                             id_column=args.id_column, encoding_errors=args.encoding_errors,
                             progress=not args.quiet)
    args._corpus = corpus
    return corpus


def _lexicon_from_args(args: argparse.Namespace):
    """The --lexicon given, else the bundled one for the bundled corpus, else None."""
    from framing.lexicon import load_lexicon

    name = getattr(args, "lexicon", None)
    if name is None:
        if getattr(args, "corpus", None) in (None, BUNDLED_CORPUS):
            name = BUNDLED_LEXICON
        else:
            return None
    args._lexicon = load_lexicon(name)
    return args._lexicon


def _info(args: argparse.Namespace, message: str) -> None:
    if not args.quiet:
        print(message, file=sys.stderr)


def _out(args: argparse.Namespace, frame: pd.DataFrame, path: str | Path) -> Path:
    """Write a command's table and remember it for the command's manifest."""
    written = write_csv(frame, path)
    args._outputs = [*getattr(args, "_outputs", []), written]
    return written


def _write_sidecar_manifest(args: argparse.Namespace) -> Path | None:
    """``<first output>.manifest.json`` beside a command's tables: versions, hashes, parameters.

    A sidecar (not ``manifest.json``) so that commands writing into the same folder
    never overwrite each other's record.
    """
    import os

    from framing.manifest import build_manifest

    outputs = getattr(args, "_outputs", [])
    if not outputs:
        return None
    first = Path(outputs[0])
    root = Path(os.path.commonpath([str(Path(p).resolve().parent) for p in outputs]))
    params = {k: v for k, v in sorted(vars(args).items())
              if not k.startswith("_") and k not in ("func", "argv", "traceback", "quiet")}
    if getattr(args, "_config", None) is not None:
        params["pipeline"] = args._config.to_dict()
    manifest = build_manifest(
        command=" ".join(["framing", *args.argv]), parameters=params,
        corpus=getattr(args, "_corpus", None), lexicon=getattr(args, "_lexicon", None),
        outputs={Path(p).name: Path(p).resolve() for p in outputs}, root=root)
    path = first.with_name(first.stem + ".manifest.json")
    import json

    path.write_text(json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    return path


# -- commands ---------------------------------------------------------------------------


def cmd_corpus(args: argparse.Namespace) -> int:
    from framing.pipeline import AnalysisConfig, analyze

    corpus = load_corpus_from_args(args)
    args._config = AnalysisConfig(splitter=args.splitter)
    result = analyze(corpus, None, config=args._config, progress=not args.quiet)
    _out(args, result.documents, args.output)
    _info(args, f"wrote {args.output} ({len(result.documents)} documents)")
    if args.sentences:
        _out(args, result.sentences, args.sentences)
        _info(args, f"wrote {args.sentences} ({len(result.sentences)} sentences)")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from framing.report import write_report

    corpus = load_corpus_from_args(args)
    lexicon = _lexicon_from_args(args)
    if lexicon is None:
        warnings.warn("no --lexicon given for this corpus: the report holds the corpus tables "
                      "only; pass --lexicon NAME|PATH to score frames", UserWarning, stacklevel=1)
    coded, coded_sources = args.coded, args.coded_sources
    if getattr(args, "corpus", None) in (None, BUNDLED_CORPUS):
        from framing.datasets import kazakhstan_2022_path

        validation = kazakhstan_2022_path() / "validation"
        coded = coded or validation / "seeds-coded.csv"
        coded_sources = coded_sources or validation / "seeds-sources.csv"
    out = write_report(corpus, lexicon, out_dir=args.out, coded=coded,
                       coded_sources=coded_sources, actors=args.actors, by=args.by,
                       n_boot=args.n_boot, n_perm=args.n_perm, seed=args.seed,
                       progress=not args.quiet, command=" ".join(["framing", *args.argv]))
    _info(args, f"wrote {out / 'report.html'}")
    return 0


def _analysis(args: argparse.Namespace, *, lexicon_required: bool):
    from framing.pipeline import AnalysisConfig, analyze

    corpus = load_corpus_from_args(args)
    lexicon = _lexicon_from_args(args)
    if lexicon is None and lexicon_required:
        raise UsageError(f"framing {args.command} needs --lexicon NAME|PATH for this corpus "
                         f"(bundled lexicons: {', '.join(_bundled())})")
    config = AnalysisConfig(overlap=getattr(args, "overlap", "longest"), provenance=False)
    args._config = config
    return analyze(corpus, lexicon, config=config, progress=not args.quiet)


def _bundled() -> list[str]:
    from framing._resources import list_bundled_lexicons

    return list_bundled_lexicons()


def _by(value: str) -> str:
    return "doc_id" if value == "doc" else value


def cmd_score(args: argparse.Namespace) -> int:
    if args.stream:
        return _score_streaming(args)
    n_boot = 2000 if args.n_boot is None else args.n_boot
    result = _analysis(args, lexicon_required=True)
    by = _by(args.by)
    if n_boot > 0:
        scores = result.scores_with_intervals(by=by, n_boot=n_boot, seed=args.seed,
                                              weighted=args.weighted)
    else:
        scores = result.scores(by=by, weighted=args.weighted)
    _out(args, scores, args.output)
    _info(args, f"wrote {args.output} ({len(scores)} rows, {len(result.matches)} matches)")
    if args.matches:
        _out(args, result.matches, args.matches)
        _info(args, f"wrote {args.matches}")
    if args.comparisons:
        table = result.compare(by=by, n_perm=args.n_perm, seed=args.seed)
        _out(args, table, args.comparisons)
        _info(args, f"wrote {args.comparisons} ({len(table)} comparisons)")
    return 0


def _score_streaming(args: argparse.Namespace) -> int:
    from framing.pipeline import AnalysisConfig, score_stream

    if args.n_boot:
        raise UsageError("--stream gives no bootstrap intervals (they resample sentences, which "
                         "streaming does not keep): drop --n-boot, or drop --stream")
    if args.comparisons:
        raise UsageError("--stream gives no comparisons (they need the sentence table): "
                         "drop --comparisons, or drop --stream")
    corpus = load_corpus_from_args(args)
    lexicon = _lexicon_from_args(args)
    if lexicon is None:
        raise UsageError(f"framing score needs --lexicon NAME|PATH for this corpus "
                         f"(bundled lexicons: {', '.join(_bundled())})")
    args._config = AnalysisConfig(overlap=args.overlap, provenance=False)
    scores = score_stream(corpus, lexicon, by=args.by, matches_out=args.matches,
                          config=args._config, weighted=args.weighted, progress=not args.quiet)
    _out(args, scores, args.output)
    if args.matches:
        args._outputs.append(Path(args.matches))
    _info(args, f"wrote {args.output} ({len(scores)} rows)"
          + (f" and {args.matches}" if args.matches else ""))
    return 0


def cmd_keyness(args: argparse.Namespace) -> int:
    result = _analysis(args, lexicon_required=False)
    table = result.keyness(by=_by(args.by), method=args.method, alpha0=args.alpha0,
                           ngram_range=(1, args.max_n), min_count=args.min_count,
                           stop_words=None if args.stop_words == "none" else args.stop_words)
    _out(args, table, args.output)
    _info(args, f"wrote {args.output} ({len(table)} rows)")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from framing.validation import read_coded

    coded = read_coded(args.coded)
    result = _analysis(args, lexicon_required=True)
    table = result.validate(coded, n_boot=args.n_boot, seed=args.seed)
    if args.output:
        _out(args, table, args.output)
        _info(args, f"wrote {args.output}")
    cols = ["frame", "voice", "n_units", "tp", "fp", "fn", "precision", "recall", "f1", "alpha"]
    with pd.option_context("display.width", 120, "display.float_format", "{:.3f}".format):
        print(table[[c for c in cols if c in table.columns]].to_string(index=False))
    return 0


def _print_table(table: pd.DataFrame) -> None:
    with pd.option_context("display.width", 120, "display.max_columns", 20,
                           "display.float_format", "{:.3f}".format):
        print(table.to_string(index=False))


def _quotes_for(args: argparse.Namespace, result):
    from framing.quotes import extract_quotes

    _info(args, f"actors: {args.actors or 'actors-kazakhstan-2022 (bundled)'}")
    return extract_quotes(result, actors=args.actors)


def cmd_quotes(args: argparse.Namespace) -> int:
    from framing.quotes import extract_scare_quotes, sourcing_profile, unknown_speakers

    result = _analysis(args, lexicon_required=False)
    quotes = _quotes_for(args, result)
    _out(args, quotes, args.output)
    _info(args, f"wrote {args.output} ({len(quotes)} statements)")
    if args.scare:
        _out(args, extract_scare_quotes(result), args.scare)
        _info(args, f"wrote {args.scare}")
    if args.unknown:
        _out(args, unknown_speakers(quotes), args.unknown)
        _info(args, f"wrote {args.unknown}")
    if args.profile:
        matches = result.matches if result.lexicon is not None else None
        profile = sourcing_profile(quotes, matches, by=_by(args.by), documents=result.documents)
        _out(args, profile, args.profile)
        _info(args, f"wrote {args.profile}")
    if args.coded:
        from framing.quotes import validate_sources

        coded = pd.read_csv(args.coded, dtype={"doc_id": str}, keep_default_na=False)
        _print_table(validate_sources(quotes, coded))
    return 0


def cmd_stance(args: argparse.Namespace) -> int:
    from framing.stance import stance_summary, stance_table

    result = _analysis(args, lexicon_required=False)
    quotes = _quotes_for(args, result)
    stance = stance_table(result, lexicon=args.stance_lexicon, quotes=quotes, actors=args.actors,
                          scare_quotes=None if args.no_scare_quotes else "oppose")
    _out(args, stance, args.output)
    _info(args, f"wrote {args.output} ({len(stance)} stance statements)")
    if args.summary:
        _out(args, stance_summary(stance, by=_by(args.by), documents=result.documents),
                  args.summary)
        _info(args, f"wrote {args.summary}")
    if args.coded:
        from framing.stance import validate_stance

        coded = pd.read_csv(args.coded, dtype={"doc_id": str}, keep_default_na=False)
        _print_table(validate_stance(stance, coded, seed=args.seed))
    return 0


def cmd_lexicons(args: argparse.Namespace) -> int:
    from framing._resources import list_bundled_lexicons
    from framing.lexicon import load_lexicon

    for name in list_bundled_lexicons():
        lex = load_lexicon(name)
        print(f"{name}\tversion {lex.version}\t{len(lex.entries)} entries\t"
              f"{', '.join(lex.categories)}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="framing",
        description="Measure how news outlets frame events: lexicon scores with evidence, "
                    "authorial vs attributed voice, provenance, statistics and figures.",
    )
    parser.add_argument("--version", action="version", version=f"framing {__version__}")
    parser.add_argument("--traceback", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    loading = _loading_options()
    corpus_help = (f"a folder of .txt files, or a .csv/.tsv/.jsonl/.parquet file "
                   f"(default or '{BUNDLED_CORPUS}': the bundled example corpus)")

    p = sub.add_parser("report", parents=[loading], help="the main job: tables, figures and "
                       "report.html for a corpus")
    p.add_argument("corpus", nargs="?", help=corpus_help)
    p.add_argument("--lexicon", help="bundled lexicon name or a .yaml/.yml/.dic file "
                   f"(default for the bundled corpus: {BUNDLED_LEXICON})")
    p.add_argument("--out", default="framing-report",
                   help="output folder (default: framing-report)")
    p.add_argument("--by", default="outlet", help="grouping column for scores (default: outlet)")
    p.add_argument("--coded", help="human-coded units (validation) to report agreement with "
                   "(default for the bundled corpus: its bundled coding)")
    p.add_argument("--coded-sources", help="coded speakers and stance to report agreement with "
                   "(default for the bundled corpus: its bundled coding)")
    p.add_argument("--actors", help="actors file for speaker roles (default: the bundled one)")
    p.add_argument("--n-boot", type=int, default=2000, help="bootstrap replicates (default 2000)")
    p.add_argument("--n-perm", type=int, default=5000,
                   help="permutations per comparison (default 5000)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("corpus", parents=[loading], help="documents table (provenance, "
                       "boilerplate, syndication) and optionally the sentences table")
    p.add_argument("corpus", help=corpus_help)
    p.add_argument("-o", "--output", default="documents.csv", help="documents table (CSV)")
    p.add_argument("--sentences", help="also write the sentences table (CSV) here")
    p.add_argument("--splitter", default="rules", choices=["rules", "punkt"],
                   help="sentence splitter (default: rules)")
    p.set_defaults(func=cmd_corpus)

    p = sub.add_parser("score", parents=[loading], help="frame scores per group x frame x voice, "
                       "with every match as evidence")
    p.add_argument("corpus", help=corpus_help)
    p.add_argument("--lexicon", help="bundled lexicon name or a .yaml/.yml/.dic file")
    p.add_argument("--by", default="outlet",
                   help="group by 'doc', 'outlet' or any metadata column (default: outlet)")
    p.add_argument("-o", "--output", default="scores.csv", help="scores table (CSV)")
    p.add_argument("--matches", help="also write every match (CSV) here")
    p.add_argument("--comparisons", help="also write outlet comparisons (CSV) here")
    p.add_argument("--n-boot", type=int, default=None,
                   help="bootstrap replicates for intervals (0: no intervals; default 2000)")
    p.add_argument("--n-perm", type=int, default=5000, help="permutations per comparison")
    p.add_argument("--stream", action="store_true",
                   help="one streaming pass: memory does not grow with the corpus; matches are "
                        "written as found; no intervals or comparisons")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.add_argument("--weighted", action="store_true", help="sum entry weights, not counts")
    p.add_argument("--overlap", default="longest", choices=["longest", "all"],
                   help="overlapping entries: longest match only (default) or all")
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("keyness", parents=[loading], help="words and phrases that distinguish "
                       "each group from the rest")
    p.add_argument("corpus", help=corpus_help)
    p.add_argument("--by", default="outlet", help="grouping column (default: outlet)")
    p.add_argument("-o", "--output", default="keyness.csv", help="keyness table (CSV)")
    p.add_argument("--method", default="logodds", choices=["logodds", "chi2", "g2", "tfidf"])
    p.add_argument("--alpha0", type=float, default=None,
                   help="log-odds prior size a0 (default: 0.1 x corpus tokens; see "
                        "framing.keyness.keyness)")
    p.add_argument("--max-n", type=int, default=3, help="longest n-gram (default 3)")
    p.add_argument("--min-count", type=int, default=5, help="minimum pooled count (default 5)")
    p.add_argument("--stop-words", default="none", choices=["none", "english"],
                   help="drop n-grams containing an English stop word (default: none)")
    p.set_defaults(func=cmd_keyness, lexicon=None)

    p = sub.add_parser("validate", parents=[loading], help="agreement of the lexicon with "
                       "human coding (precision, recall, F1, Krippendorff's alpha)")
    p.add_argument("coded", help="coded units CSV (format of the bundled seeds-coded.csv)")
    p.add_argument("corpus", nargs="?", help=corpus_help)
    p.add_argument("--lexicon", help="bundled lexicon name or a .yaml/.yml/.dic file")
    p.add_argument("-o", "--output", help="also write the table (CSV) here")
    p.add_argument("--n-boot", type=int, default=1000, help="bootstrap replicates (default 1000)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("quotes", parents=[loading], help="quotations and reported speech with "
                       "their speakers, roles and (optionally) the frames they carry")
    p.add_argument("corpus", help=corpus_help)
    p.add_argument("-o", "--output", default="quotes.csv", help="quotations table (CSV)")
    p.add_argument("--actors", help="actors file (CSV) or bundled name "
                   "(default: actors-kazakhstan-2022)")
    p.add_argument("--lexicon", help="frame lexicon, to join frames to speakers in --profile")
    p.add_argument("--by", default="outlet", help="grouping column for --profile")
    p.add_argument("--profile", help="also write the sourcing profile per group x role (CSV)")
    p.add_argument("--unknown", help="also write speakers the actors file does not know (CSV)")
    p.add_argument("--scare", help="also write scare quotes (CSV)")
    p.add_argument("--coded", help="coded sources (format of seeds-sources.csv): print agreement")
    p.set_defaults(func=cmd_quotes)

    p = sub.add_parser("stance", parents=[loading], help="stance toward a target (support / "
                       "oppose) per sentence, with its holder and evidence")
    p.add_argument("corpus", help=corpus_help)
    p.add_argument("-o", "--output", default="stance.csv", help="stance table (CSV)")
    p.add_argument("--stance-lexicon", default="stance-kazakhstan-2022",
                   help="target and stance cues (lexicon YAML or bundled name; default "
                        "stance-kazakhstan-2022)")
    p.add_argument("--actors", help="actors file (CSV) or bundled name")
    p.add_argument("--by", default="outlet", help="grouping column for --summary")
    p.add_argument("--summary", help="also write the stance summary per group (CSV)")
    p.add_argument("--no-scare-quotes", action="store_true",
                   help="do not count scare quotes around the target as opposition")
    p.add_argument("--coded", help="coded sources (format of seeds-sources.csv): print F1")
    p.add_argument("--seed", type=int, default=0, help="random seed for bootstrap intervals")
    p.set_defaults(func=cmd_stance, lexicon=None)

    p = sub.add_parser("lexicons", help="list the bundled lexicons")
    p.set_defaults(func=cmd_lexicons, quiet=False)
    return parser


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    print(f"framing: warning: {message}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 2 bad input, 1 internal error)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed usage
        return int(exc.code or 0)
    args.argv = argv
    from framing.corpus import CorpusError

    user_errors: tuple[type[BaseException], ...] = (CorpusError, UsageError, OSError, ValueError)
    try:
        from framing.lexicon import LexiconError

        user_errors = (LexiconError, *user_errors)
    except ImportError:  # pragma: no cover - lexicon module is part of the package
        pass
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("default")
            warnings.showwarning = _show_warning  # restored when the context exits
            status = int(args.func(args) or 0)
            if status == 0 and args.command != "report":  # the report writes its own
                _write_sidecar_manifest(args)
            return status
    except user_errors as exc:
        if args.traceback:
            traceback.print_exc()
        print(f"framing: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("framing: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if args.traceback:
            traceback.print_exc()
        print(f"framing: internal error: {type(exc).__name__}: {exc} (please report it; "
              "rerun with --traceback for details)", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""`memwrap eval DIR [--no-model] [--no-ranker] [--json] [-v]`: measure memory quality on labelled sessions."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from memwrap.errors import UsageError


def run(argv: list[str], name: str = "eval") -> int:
    parser = argparse.ArgumentParser(prog=f"memwrap {name}", description="Score the pipeline on labelled sessions "
                                     "(with and without the model stage unless --no-model).")
    parser.add_argument("directory", type=Path)
    parser.add_argument("--no-model", action="store_true", help="only the extractive pipeline")
    parser.add_argument("--model-only", action="store_true", help="only the pipeline with the model stage")
    parser.add_argument("--no-ranker", action="store_true",
                        help="rules only: leave out the learned sentence ranker (for an A/B of what it adds)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("-v", "--verbose", action="store_true", help="list missed gold facts and leaks")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        if exc.code:
            raise UsageError("usage: memwrap eval DIR [--no-model|--model-only] [--json] [-v]") from None
        return 0
    from memwrap import evaluation

    if args.no_ranker:
        from memwrap.extract import ranker

        ranker.use(ranker.DISABLED)

    modes = [("without model", False)] if args.no_model else [("with model", True)] if args.model_only \
        else [("without model", False), ("with model", True)]
    progress = None if args.json else (lambda msg: print(f"  {msg}", file=sys.stderr))
    results = {label: evaluation.run(args.directory, use_model=flag, progress=progress) for label, flag in modes}
    if args.json:
        print(json.dumps(evaluation.as_json(results), indent=1))
    else:
        for label, scores in results.items():
            print(evaluation.format_table(label, scores, verbose=args.verbose))
    return 0

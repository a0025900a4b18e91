"""Distillation speed and memory: the longest labelled session (~34k tokens) and the held-out
long one, extractive only vs with the model stage, in one run; and the extractive pipeline with
vs without the learned sentence ranker (A/B in the same process). Prints medians and the ratio.

    python benchmarks/bench_distill.py [--runs N] [--no-model]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from pathlib import Path

from memwrap.distill import distill
from memwrap.tokens import count_tokens
from memwrap.turns import Turn

ROOT = Path(__file__).resolve().parent.parent / "recordings" / "labelled"
SESSIONS = [ROOT / "java_billing.json", ROOT / "auth_service_a.json", ROOT / "heldout" / "churn_features.json"]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-model", action="store_true")
    args = ap.parse_args()
    modes = [False] if args.no_model else [False, True]
    for path in SESSIONS:
        data = json.loads(path.read_text())
        turns = [Turn.from_json(t) for t in data["turns"]]
        tokens = sum(count_tokens(t.text) + count_tokens(t.input) for t in turns)
        for use_model in modes:
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                facts = distill(turns, project=data["project"], session_id=data["id"], use_model=use_model)
                times.append(time.perf_counter() - start)
            fact_tokens = sum(count_tokens(f.line()) for f in facts)
            print(f"{data['id']:<18} {tokens:>6} tok  model={'on ' if use_model else 'off'} "
                  f"median {statistics.median(times):6.2f}s  facts {len(facts):>2} ({fact_tokens} tok, "
                  f"{tokens / max(1, fact_tokens):.0f}x)  model lines {sum(f.origin == 'model' for f in facts)}")
    _ranker_ab(args.runs)
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


def _ranker_ab(runs: int) -> None:
    """What the ranker costs: the same sessions, rules only vs rules + ranker, interleaved."""
    from memwrap.extract import ranker

    for path in SESSIONS:
        data = json.loads(path.read_text())
        turns = [Turn.from_json(t) for t in data["turns"]]
        times: dict[str, list[float]] = {"rules": [], "ranker": []}
        for _ in range(runs):
            for label in times:
                ranker.use(ranker.DISABLED if label == "rules" else None)
                start = time.perf_counter()
                distill(turns, project=data["project"], session_id=data["id"], use_model=False)
                times[label].append(time.perf_counter() - start)
        ranker.use(None)
        a, b = statistics.median(times["rules"]), statistics.median(times["ranker"])
        print(f"{data['id']:<18} rules only {a:6.3f}s  rules+ranker {b:6.3f}s  ratio {b / a:4.2f}")


if __name__ == "__main__":
    sys.exit(main())

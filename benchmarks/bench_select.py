"""Selection speed: the memory block for one launch, from a real LMDB store.

A: 100k facts across 200 projects (+ global preferences); B: the same project's facts alone
in a small store. Both with a realistic work context (git status files, last-session names).
Prints medians and the ratio A/B (the per-project index should keep A close to B).
Target: build_block <= 50 ms for A.

    python benchmarks/bench_select.py [--facts 100000] [--projects 200] [--runs 30]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from memwrap.config import paths  # noqa: E402
from memwrap.facts import KINDS, Fact  # noqa: E402
from memwrap.project import Project  # noqa: E402
from memwrap.select import build_block, select_facts  # noqa: E402
from memwrap.store import Store  # noqa: E402
from memwrap.workctx import WorkContext  # noqa: E402

WORDS = ("auth token refresh cache redis postgres index migration router handler queue worker retry "
         "backoff invoice ledger export csv parser lexer schema grpc proto deploy terraform bucket lambda "
         "metrics tracing span logger config flag feature rollout canary session cookie csrf cors upload "
         "thumbnail resize webhook stripe payout tax currency locale i18n search ranking shard replica "
         "failover lock mutex race deadlock timeout pool socket tls cert rotation secret vault").split()
FILES = [f"src/{a}/{b}.py" for a in WORDS[:20] for b in WORDS[20:30]]


def fact_for(rng: random.Random, project: str, i: int, now: float) -> Fact:
    kind = rng.choice(KINDS)
    words = rng.sample(WORDS, 7)
    files = [rng.choice(FILES)] if rng.random() < 0.4 else []
    when = now - rng.uniform(0, 400) * 86400
    scope = "global" if kind == "PREFERENCE" and rng.random() < 0.05 else "project"
    return Fact(kind, f"{' '.join(words)} variant {i}", scope=scope, project=project, files=files,
                status="pinned" if rng.random() < 0.02 else "active", created_at=when, updated_at=when,
                topic=words[0] if kind == "FAILED" else "")


def populate(n_facts: int, n_projects: int, only: str | None, now: float) -> None:
    rng = random.Random(7)
    per = n_facts // n_projects
    with Store.open(map_size=2 << 30) as store:
        for p in range(n_projects):
            key = f"/home/dev/project-{p:03d}"
            facts = [fact_for(rng, key, p * per + i, now) for i in range(per)]
            if only is None or key == only:
                store.add_facts(facts)


def median_ms(fn, runs: int) -> float:
    fn()  # warm: page cache, imports
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def measure(label: str, project: Project, work: WorkContext, runs: int, now: float) -> float:
    with Store.open(readonly=True) as store:
        ms = median_ms(lambda: build_block(store, project, work=work, now=now), runs)
        facts = store.facts(project=project.key, include_global=True)
        pure = median_ms(lambda: select_facts(facts, project.name, work=work, now=now), runs)
        block = build_block(store, project, work=work, now=now)
    print(f"{label}: build_block median {ms:.1f} ms (ranking+fitting alone {pure:.1f} ms; "
          f"{block.candidates} candidates, {len(block.facts)} chosen, {block.tokens} tokens)")
    return ms


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--facts", type=int, default=100_000)
    ap.add_argument("--projects", type=int, default=200)
    ap.add_argument("--runs", type=int, default=30)
    args = ap.parse_args()
    now = time.time()
    target = f"/home/dev/project-{args.projects // 2:03d}"
    project = Project(key=target, name=Path(target).name, root=Path(tempfile.gettempdir()) / "no-such-dir")
    work = WorkContext(changed=FILES[:5], committed=FILES[5:15], recent=FILES[15:35],
                       mentioned=["src/auth/token.py"], names={"refresh", "deadlock", "postgres", "rollout"})
    results = {}
    for label, only in (("A (all projects)", None), ("B (one project)", target)):
        with tempfile.TemporaryDirectory() as home:
            os.environ["MEMWRAP_HOME"] = home
            t = time.perf_counter()
            populate(args.facts, args.projects, only, now)
            size = (paths().store_dir / "data.mdb").stat().st_size
            print(f"{label}: store filled in {time.perf_counter() - t:.1f} s, {size / 1e6:.0f} MB")
            results[label] = measure(label, project, work, args.runs, now)
    a, b = results.values()
    print(f"ratio A/B: {a / b:.2f}  (target: A <= 50 ms -> {'met' if a <= 50 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

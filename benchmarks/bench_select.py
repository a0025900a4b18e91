"""Selection speed: the memory block for one launch, from a real LMDB store.

Stores: A 100k facts across 200 projects (+ global preferences); B the same project's facts
alone in a small store; C 10k facts all in one project (the extreme the rank index is for).
Each with a realistic work context (git status files, last-session names) and with none.
Every row times build_block through the rank index (memwrap.rankindex) and with the full
scan (use_index=False), interleaved in one run; printed are medians and the ratio
scan/index, and whether both gave the identical block.
Targets: build_block <= 50 ms for A; the memory block well under 100 ms for C.

    python benchmarks/bench_select.py [--facts 100000] [--projects 200] [--one 10000] [--runs 30]
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
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from memwrap.config import paths  # noqa: E402
from memwrap.facts import KINDS, Fact  # noqa: E402
from memwrap.project import Project  # noqa: E402
from memwrap.select import build_block  # noqa: E402
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


def interleaved_ms(fns: dict[str, Callable[[], object]], runs: int) -> dict[str, float]:
    """Median ms of each function, run round-robin so machine load hits all alike."""
    for fn in fns.values():
        fn()  # warm: page cache, imports
    times: dict[str, list[float]] = {k: [] for k in fns}
    for _ in range(runs):
        for label, fn in fns.items():
            t = time.perf_counter()
            fn()
            times[label].append((time.perf_counter() - t) * 1000)
    return {k: statistics.median(v) for k, v in times.items()}


def measure(label: str, project: Project, works: dict[str, WorkContext], runs: int, now: float) -> None:
    with Store.open(readonly=True) as store:
        for wlabel, work in works.items():
            fast = build_block(store, project, work=work, now=now)
            full = build_block(store, project, work=work, now=now, use_index=False)
            ms = interleaved_ms({
                "index": lambda: build_block(store, project, work=work, now=now),
                "scan": lambda: build_block(store, project, work=work, now=now, use_index=False),
            }, runs)
            print(f"  {label}, {wlabel}: index {ms['index']:.1f} ms (answered by index: {fast.via_index}), "
                  f"full scan {ms['scan']:.1f} ms, scan/index {ms['scan'] / ms['index']:.1f}x; "
                  f"{full.candidates} candidates, {len(full.facts)} chosen, {full.tokens} tokens, "
                  f"identical block: {fast.text == full.text and fast.ids == full.ids}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--facts", type=int, default=100_000)
    ap.add_argument("--projects", type=int, default=200)
    ap.add_argument("--one", type=int, default=10_000, help="facts in the one-project store C")
    ap.add_argument("--runs", type=int, default=30)
    args = ap.parse_args()
    now = time.time()
    target = f"/home/dev/project-{args.projects // 2:03d}"
    project = Project(key=target, name=Path(target).name, root=Path(tempfile.gettempdir()) / "no-such-dir")
    works = {
        "work context": WorkContext(changed=FILES[:5], committed=FILES[5:15], recent=FILES[15:35],
                                    mentioned=["src/auth/token.py"],
                                    names={"refresh", "deadlock", "postgres", "rollout"}),
        "no work context": WorkContext(),
    }
    stores = (("A (all projects)", args.facts, args.projects, None),
              ("B (one project)", args.facts, args.projects, target),
              (f"C ({args.one // 1000}k facts, one project)", args.one, 1, None))
    for label, n, n_projects, only in stores:
        with tempfile.TemporaryDirectory() as home:
            os.environ["MEMWRAP_HOME"] = home
            t = time.perf_counter()
            populate(n, n_projects, only, now)
            size = (paths().store_dir / "data.mdb").stat().st_size
            print(f"{label}: store filled in {time.perf_counter() - t:.1f} s, {size / 1e6:.0f} MB")
            key = target if n_projects > 1 else "/home/dev/project-000"
            measure(label, Project(key=key, name=Path(key).name, root=project.root), works, args.runs, now)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

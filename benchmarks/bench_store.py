"""Store speed on this machine: prints medians, not pass/fail.

1. 100k facts across 200 projects: open the store + choose one project's live facts (+ global),
   and the full memory block via memwrap.select when it exists.      target <= 50 ms
2. Writing a session's 15 facts into a 500-fact project (open + add). target <= 50 ms
3. `memwrap true` start-up, the real console script, in a project with 0 / 10k facts in the
   store (and 100k).                                                  budget <= 150 ms total

Run: python benchmarks/bench_store.py [--facts 100000] [--projects 200]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from memwrap.config import paths  # noqa: E402
from memwrap.facts import KINDS, Fact  # noqa: E402
from memwrap.store import Store  # noqa: E402

WORDS = (
    "auth token refresh jwt session redis postgres sqlite cache router handler middleware test fixture "
    "migration schema index query retry timeout backoff queue worker cron deploy helm docker build lint "
    "format logging metrics tracing config env secret vault tls cert proxy nginx alb grpc http json yaml "
    "parser lexer compiler bundle webpack esbuild vite react hook state store reducer api client server "
    "mutex race lock channel goroutine thread pool async await promise future stream buffer encoder"
).split()


def fact_text(rng: random.Random) -> str:
    words = rng.sample(WORDS, rng.randint(5, 9))
    return " ".join(words) + f" {rng.randrange(16**6):06x}"  # unique tail: no accidental merges


def build(home: Path, n_facts: int, n_projects: int, project_root: Path) -> list[str]:
    os.environ["MEMWRAP_HOME"] = str(home)
    rng = random.Random(7)
    keys = [str(project_root)] + [f"/home/dev/src/project-{i:03d}" for i in range(1, n_projects)]
    per = n_facts // n_projects
    t0 = time.perf_counter()
    with Store.open() as store:
        store.add_facts([Fact("PREFERENCE", f"global preference {i} {fact_text(rng)}", scope="global") for i in range(20)])
        for key in keys:
            facts = [Fact(rng.choice(KINDS), fact_text(rng), project=key, files=[f"src/{rng.choice(WORDS)}.go"])
                     for _ in range(per)]
            store.import_facts(facts)  # the bulk path: one transaction per project
    print(f"  built {n_facts} facts / {n_projects} projects in {time.perf_counter() - t0:.1f} s "
          f"(data.mdb {(home / 'store' / 'data.mdb').stat().st_size / 1e6:.0f} MB)")
    return keys


def median_ms(samples: list[float]) -> str:
    return f"median {statistics.median(samples) * 1000:6.1f} ms  (min {min(samples) * 1000:.1f}, max {max(samples) * 1000:.1f}, n={len(samples)})"


def bench_select(keys: list[str]) -> None:
    rng = random.Random(3)
    facts_t, block_t = [], []
    try:
        from memwrap.project import Project
        from memwrap.select import build_block
    except ImportError:
        build_block = None  # type: ignore[assignment]
    for key in rng.sample(keys, 30):
        t0 = time.perf_counter()
        with Store.open(readonly=True) as store:
            chosen = store.facts(project=key, status=("active", "pinned"), include_global=True)
        facts_t.append(time.perf_counter() - t0)
        assert len(chosen) >= 400, len(chosen)
        if build_block is not None:
            t0 = time.perf_counter()
            with Store.open(readonly=True) as store:
                build_block(store, Project(key=key, name=os.path.basename(key), root=Path(key)), budget=800)
            block_t.append(time.perf_counter() - t0)
    print(f"  open + choose one project's facts (of {len(chosen)}): {median_ms(facts_t)}")
    if block_t:
        print(f"  open + select.build_block (800 tokens):        {median_ms(block_t)}")


def bench_write(keys: list[str]) -> None:
    rng = random.Random(5)
    samples, add_only = [], []
    for run in range(20):
        key = keys[rng.randrange(len(keys))]
        facts = [Fact(rng.choice(KINDS), fact_text(rng), project=key) for _ in range(15)]
        t0 = time.perf_counter()
        with Store.open() as store:
            t1 = time.perf_counter()
            store.add_facts(facts, session_id=f"bench-{run}")
            add_only.append(time.perf_counter() - t1)
        samples.append(time.perf_counter() - t0)
    print(f"  open + add a session's 15 facts (500-fact project): {median_ms(samples)}")
    print(f"  add_facts alone (merge/supersede checks + fsync):   {median_ms(add_only)}")


def console_script() -> str:
    return str(Path(sys.prefix) / "bin" / "memwrap")


def bench_startup(homes: dict[str, Path], project: Path, runs: int = 15) -> None:
    script = console_script()
    base = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([script, "--version"], stdout=subprocess.DEVNULL)
        base.append(time.perf_counter() - t0)
    print(f"  memwrap --version (interpreter + cli, no store) {median_ms(base)}")
    for label, home in homes.items():
        env = {**os.environ, "MEMWRAP_HOME": str(home)}
        env.pop("MEMWRAP_ACTIVE", None)
        for argv in (["true"], ["facts", "--json"]):
            samples = []
            for _ in range(runs):
                t0 = time.perf_counter()
                proc = subprocess.run([script, *argv], cwd=project, env=env, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.PIPE, text=True)
                samples.append(time.perf_counter() - t0)
            note = f"  [stderr: {proc.stderr.strip()[:70]}]" if proc.stderr.strip() else ""
            print(f"  memwrap {' '.join(argv):<12} {label:<13} {median_ms(samples)}{note}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--facts", type=int, default=100_000)
    ap.add_argument("--projects", type=int, default=200)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
        root = Path(tmp)
        project = root / "work" / "proj"
        (project / ".git").mkdir(parents=True)
        print(f"[1,2] {args.facts} facts / {args.projects} projects")
        keys = build(root / "big", args.facts, args.projects, project)
        bench_select(keys)
        bench_write(keys)
        print("[3] start-up of the real console script", console_script())
        build(root / "ten", 10_000, 20, project)
        (root / "empty").mkdir()
        bench_startup({"empty store": root / "empty", "10k facts": root / "ten", f"{args.facts // 1000}k facts": root / "big"}, project)



if __name__ == "__main__":
    main()

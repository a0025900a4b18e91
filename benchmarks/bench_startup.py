#!/usr/bin/env python3
"""Start-up overhead of `memwrap CMD` (issue 2): `memwrap true` vs `true`, also with a store
of 10k facts in the project memwrap is started in.

Every row runs interleaved with the others (round-robin), so load on the shared machine hits
all rows alike; printed are medians of wall and CPU time (user+sys of the process tree) and
the overhead over `true` and over the bare interpreter (`python -c pass`, which costs what
site-packages' .pth hooks cost on this machine, before memwrap runs a line).

    python benchmarks/bench_startup.py [--runs 15] [--facts 10000] [--cwd DIR]

Stores: `k`k facts with a tenth of them in the project (the rest in 19 others), and the
extreme of all of them in this one project (where the ranking itself dominates).

The command runs in --cwd (default: this repository, a real git work tree), so the launch
path does its real work: git status/log, the recently-modified walk, ranking 10k facts.
Recording is on; distillation is off in the config (a worker per run would eat the CPU the
next runs are measured on; the detached spawn itself is measured in its own row).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

CONSOLE_SCRIPT = str(Path(sys.prefix) / "bin" / "memwrap")
WORDS = ("auth token refresh cache redis postgres index migration router handler queue worker retry "
         "backoff invoice ledger export csv parser lexer schema grpc proto deploy terraform bucket lambda "
         "metrics tracing span logger config flag feature rollout canary session cookie csrf cors upload "
         "thumbnail resize webhook stripe payout tax currency locale i18n search ranking shard replica").split()


def populate(home: Path, project_key: str, n: int, in_project: int) -> float:
    """A store under `home` with `n` facts, `in_project` of them in `project_key` and the rest
    spread over 19 other projects (a few global). Seconds taken."""
    os.environ["MEMWRAP_HOME"] = str(home)
    from memwrap.facts import KINDS, Fact
    from memwrap.store import Store

    rng = random.Random(11)
    now = time.time()
    files = [f"memwrap/{w}.py" for w in WORDS[:30]]
    others = [f"/home/dev/other-{i:02d}" for i in range(19)]
    t = time.perf_counter()
    with Store.open(map_size=1 << 30) as store:
        for start in range(0, n, 1000):
            batch = []
            for i in range(start, min(n, start + 1000)):
                kind = rng.choice(KINDS)
                when = now - rng.uniform(0, 300) * 86400
                key = project_key if i < in_project else others[i % len(others)]
                batch.append(Fact(kind, f"{' '.join(rng.sample(WORDS, 8))} note {i}",
                                  scope="global" if kind == "PREFERENCE" and i % 20 == 0 else "project",
                                  project=key, files=[rng.choice(files)] if i % 3 == 0 else [],
                                  created_at=when, updated_at=when))
            store.add_facts(batch)
    os.environ.pop("MEMWRAP_HOME", None)
    return time.perf_counter() - t


def one_run(argv: list[str], env: dict[str, str], cwd: str) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(argv, env=env, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--facts", type=int, default=10_000)
    ap.add_argument("--cwd", default=str(REPO))
    ap.add_argument("--baseline", help="a directory holding another memwrap/ package (e.g. `git archive REV "
                                       "memwrap | tar -x -C DIR`): its rows run interleaved with these")
    args = ap.parse_args()

    from memwrap.project import find_project

    # This environment sets PYTHONDONTWRITEBYTECODE: without fresh .pyc files every edited
    # module would be compiled again on every launch, which no installed memwrap does.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "memwrap")], stdout=subprocess.DEVNULL)
    project = find_project(args.cwd)
    work = Path(tempfile.mkdtemp(prefix="memwrap-startup-"))
    n, k = args.facts, args.facts // 1000
    homes = {"empty": work / "empty", "spread": work / "spread", "one": work / "one", "distill": work / "distill"}
    for home in homes.values():
        home.mkdir()
    took = populate(homes["spread"], project.key, n, n // 10)
    took += populate(homes["one"], project.key, n, n)
    shutil.copytree(homes["spread"] / "store", homes["distill"] / "store")
    for name, home in homes.items():
        (home / "config.toml").write_text("" if name == "distill" else "[memory]\ndistill = false\n")
    print(f"stores: {n} facts, {n // 10} / all of them in {project.key}; filled in {took:.1f} s")

    base_env = {k: v for k, v in os.environ.items() if not k.startswith("MEMWRAP_")}
    base_env["TERM"] = base_env.get("TERM", "xterm-256color")
    env = {name: dict(base_env, MEMWRAP_HOME=str(home)) for name, home in homes.items()}
    true_bin = shutil.which("true") or "/bin/true"
    script = CONSOLE_SCRIPT if os.path.exists(CONSOLE_SCRIPT) else shutil.which("memwrap") or "memwrap"
    rows: list[tuple[str, list[str], dict[str, str]]] = [
        ("true", [true_bin], env["empty"]),
        ("python -c pass", [sys.executable, "-c", "pass"], env["empty"]),
        ("memwrap true (empty store)", [script, "true"], env["empty"]),
        (f"memwrap true ({k}k facts, {n // 10} here)", [script, "true"], env["spread"]),
        (f"memwrap --no-inject true ({k}k, {n // 10} here)", [script, "--no-inject", "true"], env["spread"]),
        (f"memwrap true ({k}k, {n // 10} here, distill on)", [script, "true"], env["distill"]),
        (f"memwrap true ({k}k facts, all here)", [script, "true"], env["one"]),
    ]
    if args.baseline:
        old = dict(PYTHONPATH=str(Path(args.baseline).resolve()))  # found before the editable install
        rows += [(f"baseline: {label.removeprefix('memwrap ')}", argv, dict(e, **old)) for label, argv, e in rows[2:]]
    for _, argv, e in rows[2:]:  # warm: page cache, adapter cache
        one_run(argv, e, args.cwd)
    samples: dict[str, list[tuple[float, float]]] = {label: [] for label, _, _ in rows}
    for _ in range(args.runs):
        for label, argv, e in rows:
            samples[label].append(one_run(argv, e, args.cwd))
    time.sleep(0.5)  # the distill-on row leaves detached workers: let them finish

    def med(label: str, i: int) -> float:
        return statistics.median(s[i] for s in samples[label]) * 1e3

    print(f"\n== start-up, median of {args.runs} interleaved runs (ms); console script {script}")
    print(f"  {'':<44} {'wall':>7} {'+true':>7} {'+python':>8}   {'cpu':>6} {'+true':>6}")
    for label, _, _ in rows:
        print(f"  {label:<44} {med(label, 0):7.1f} {med(label, 0) - med('true', 0):7.1f}"
              f" {med(label, 0) - med('python -c pass', 0):8.1f}   {med(label, 1):6.1f}"
              f" {med(label, 1) - med('true', 1):6.1f}")
    worst = max(med(label, 0) for label, _, _ in rows[2:5]) - med("true", 0)
    print(f"  worst memwrap row (distill off, <= {n // 10} facts here) adds {worst:.0f} ms over `true`"
          " (target <= 150 ms)")
    print("  distill on: each run also starts a detached worker, which shares the 2 CPUs with the next runs")
    inject_off = f"memwrap --no-inject true ({k}k, {n // 10} here)"
    for prefix in ("", "baseline: ") if args.baseline else ("",):
        off = med(prefix + inject_off.removeprefix("memwrap " if prefix else ""), 0)
        costs = ", ".join(f"{label.removeprefix('memwrap ')} {med(prefix + label.removeprefix('memwrap ' if prefix else ''), 0) - off:.0f} ms"
                          for label in (f"memwrap true ({k}k facts, {n // 10} here)", f"memwrap true ({k}k facts, all here)"))
        print(f"  {prefix or 'this tree: '}memory block (row minus --no-inject): {costs}")
    if args.baseline:
        print("  baseline / this tree (wall): " + ", ".join(
            f"{label.removeprefix('memwrap ')} {med('baseline: ' + label.removeprefix('memwrap '), 0) / med(label, 0):.2f}x"
            for label, _, _ in rows[2:7]))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

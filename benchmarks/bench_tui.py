"""How fast `memwrap tui` opens on a store of 10k facts (target: <= 1 s).

Two figures, median of several runs:
* end to end: `memwrap tui` spawned in a real 80x24 pseudo-terminal until the facts count
  ("N of N facts") is painted, so Python start-up, imports, the store read and the first
  frame all count;
* in process: from App start to the end of the first load (on_mount), headless.

Also prints the cost of one search keystroke over 10k facts (filter + redraw).
Run: python benchmarks/bench_tui.py [--facts 10000] [--runs 5]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

WORDS = ("cache token parser router handler database migration index queue worker retry timeout "
         "config build deploy logger metrics schema auth session cookie header client server pool "
         "lock mutex channel buffer stream socket proxy gateway tenant billing invoice report").split()
KINDS = ("DECISION", "PATTERN", "BUG_FIX", "TODO", "PROJECT", "PREFERENCE", "FAILED")


def seed(n: int, projects: int = 50) -> None:
    from memwrap.facts import Fact
    from memwrap.store import Store

    rnd = random.Random(7)
    now = time.time()
    facts = []
    for i in range(n):
        kind = rnd.choice(KINDS)
        text = f"{' '.join(rnd.sample(WORDS, 7))} #{i}"
        facts.append(Fact(kind, text, project=f"/src/project-{i % projects}", created_at=now - rnd.random() * 300 * 86400,
                          files=[f"src/{rnd.choice(WORDS)}.py"], evidence=f"we said {text}",
                          source={"session": f"s{i % 300}", "turn": i % 40}))
    with Store.open() as store:
        for start in range(0, n, 1000):
            store.add_facts(facts[start:start + 1000])
        for p in range(projects):
            store.add_session({"id": f"s{p}", "project": f"/src/project-{p}", "start": now - p * 3600})
        total = len(store.facts())
    print(f"seeded {total} facts in {projects} projects")


def end_to_end(runs: int, total: int) -> tuple[list[float], list[float]]:
    """(first paint, ready) per run: the frame's tab titles drawn, then the facts count."""
    import pexpect

    paint, times = [], []
    for _ in range(runs):
        start = time.perf_counter()
        child = pexpect.spawn(sys.executable, ["-m", "memwrap", "tui"], dimensions=(24, 80), env=dict(os.environ),
                              encoding="utf-8", codec_errors="replace", timeout=30)
        child.expect("Next session")
        paint.append(time.perf_counter() - start)
        child.expect(rf"\d+ of {total} facts")
        times.append(time.perf_counter() - start)
        child.send("q")
        child.expect(pexpect.EOF)
        child.close()
    return paint, times


def in_process(runs: int) -> tuple[list[float], list[float]]:
    from memwrap.store import Store
    from memwrap.tui.app import MemwrapApp

    ready, keystroke = [], []

    async def once() -> None:
        with Store.open() as store:
            app = MemwrapApp(store)
            start = time.perf_counter()
            async with app.run_test(size=(80, 24)) as pilot:
                while app.ready_at is None:  # the first load runs in a worker thread
                    await pilot.pause(0.005)
                ready.append(app.ready_at - start)
                search = app.query_one("#search")
                search.focus()
                t0 = time.perf_counter()
                for ch in "cache":
                    await pilot.press(ch)
                await pilot.pause()
                keystroke.append((time.perf_counter() - t0) / 5)

    for _ in range(runs):
        asyncio.run(once())
    return ready, keystroke


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--facts", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    from memwrap.store import Store

    results = {}
    for n in (10, args.facts):  # a near-empty store is the baseline: Python, Textual, first frame
        with tempfile.TemporaryDirectory() as home:
            os.environ["MEMWRAP_HOME"] = home
            t = time.perf_counter()
            seed(n, projects=min(50, n))
            print(f"seeding took {time.perf_counter() - t:.1f}s (not part of the figures)")
            with Store.open() as store:
                total = len(store.facts())
            results[total] = (*end_to_end(args.runs, total), *in_process(args.runs))
    for total, (paint, e2e, ready, key) in results.items():
        print(f"{total:>6} facts | end to end, spawn -> first frame painted at 80x24: median "
              f"{statistics.median(paint):.3f}s")
        print(f"{total:>6} facts | end to end, spawn -> 'N of {total} facts' painted (ready): median "
              f"{statistics.median(e2e):.3f}s (runs: {', '.join(f'{x:.2f}' for x in e2e)})")
        print(f"{total:>6} facts | in process, app start -> facts loaded and listed: median {statistics.median(ready):.3f}s")
        print(f"{total:>6} facts | one search keystroke through Pilot (filter + redraw): "
              f"median {statistics.median(key) * 1000:.1f}ms")
    print("target: the 10k end-to-end figure <= 1.0s")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()

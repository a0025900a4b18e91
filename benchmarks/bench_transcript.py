#!/usr/bin/env python3
"""Speed of recording -> turns on 50 MB Claude Code recordings, old engine (pyte) vs new (vt).

Target (issue 3): a 50 MB Claude Code recording becomes turns in <= 10 s on this 2-core box,
with bounded memory. Three streams, each run by both engines in a fresh process (so peak RSS
is that engine's own), same turns checked:

* claude-real: the real Claude Code 2.1.197 fixture (recordings/casts/claude_code_2x.cast:
  inline UI, no full clears; cursor up/down, CHA, line erases, colours) repeated to size,
  each repetition with its words rotated (same length, so the layout is the recorded one)
  and its times shifted;
* claude-real-sync: the same with every cursor-moving event wrapped in synchronized-output
  brackets (ESC[?2026h ... ESC[?2026l), as Claude Code sends them to terminals that support it;
* full-clear: synthetic Claude Code 2.x under heavy redraw: each streamed update clears the
  screen (ESC[2J ESC[3J ESC[H) and repaints the whole history; spinner ticks in between.

Prints per stream and engine: wall and CPU seconds, MB/s, peak RSS, turns; then new/old
speed-ups and whether the new engine meets the target.

  python3 benchmarks/bench_transcript.py [--mb 50] [--streams claude-real,full-clear] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

REAL = REPO / "recordings" / "casts" / "claude_code_2x.cast"
COLS, ROWS = 100, 30
GREY, WHITE, RESET = "\x1b[38;2;153;153;153m", "\x1b[38;2;255;255;255m", "\x1b[39m"
WORDS = ("the project uses pytest and LMDB for storage readers never block the writer crash safety "
         "comes for free with copy-on-write pages sessions are distilled in the background while the "
         "TUI browses facts decisions patterns failures preferences").split()


def _answer(rng: random.Random, n: int) -> list[str]:
    lines = []
    for _ in range(n):
        words = [rng.choice(WORDS) for _ in range(14)]
        lines.append(" ".join(words)[:COLS - 4])
    return lines


def _render(lines: list[str]) -> str:
    return "".join(f"{WHITE}{ln}{RESET}\r\n" for ln in lines)


def _dynamic(tick: int) -> str:
    spinner = "·✢✳✶✻✽"[tick % 6]
    return (f"\x1b[31m{spinner}\x1b[39m \x1b[31mRazzmatazzing… ({tick % 60}s · esc to interrupt)\x1b[39m\x1b[K\r\n\r\n"
            f"{GREY}{'─' * COLS}{RESET}\r\n❯\xa0\x1b[7m \x1b[27m\r\n{GREY}{'─' * COLS}{RESET}\r\n"
            f"  {GREY}? for shortcuts{RESET}")


def synthesize(path: Path, megabytes: float, seed: int = 7) -> list[str]:
    """Write the recording; returns the user questions in order (the expected user turns)."""
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    history = [" ▐▛███▜▌   Claude Code v2.1.197", "", f"  ~/demo-project", ""]
    questions: list[str] = []
    size, t, tick = 0, 0.0, 0
    with open(path, "w") as out:
        out.write(json.dumps({"version": 2, "width": COLS, "height": ROWS, "timestamp": 1795610859}) + "\n")

        def event(data: str) -> None:
            nonlocal size, t
            t += 0.05
            line = json.dumps([round(t, 3), "o", data]) + "\n"
            size += len(line)
            out.write(line)

        turn = 0
        while size < target:
            turn += 1
            question = f"Question {turn}: how should we handle {rng.choice(WORDS)} in module_{turn}.py?"
            questions.append(question)
            for ch in question[:12]:  # key echo into the input box
                event(f"\x1b[2C\x1b[2A{ch}\x1b[7m \x1b[27m\r\r\n\r\n")
            event("\r")
            history += [f"❯ {question}", ""]
            answer = _answer(rng, rng.randint(3, 7))
            for upto in range(1, len(answer) + 1):  # streamed: each update repaints everything
                body = [f"● {answer[0]}"] + [f"  {ln}" for ln in answer[1:upto]]
                event("\x1b[?2026h\x1b[2J\x1b[3J\x1b[H" + _render(history + body + [""]) + _dynamic(tick) + "\x1b[?2026l")
                for _ in range(3):  # spinner ticks in place
                    tick += 1
                    event("\x1b[?2026h" + "\x1b[2K\x1b[1A" * 5 + "\x1b[2K\x1b[G" + _dynamic(tick) + "\x1b[?2026l")
            history += [f"● {answer[0]}"] + [f"  {ln}" for ln in answer[1:]] + [""]
        event("\x1b[?2026h\x1b[2J\x1b[3J\x1b[H" + _render(history) + _dynamic(tick) + "\x1b[?2026l")
    return questions


_PROTECTED = set("shortcuts interrupt cancel agents effort until compact context Context accept edits bypass "
                 "permissions Resume resume session claude Claude expand Tokens received Listed directory "
                 "Usage Billing Thinking".split())
_WORD = re.compile(r"[A-Za-z]{5,}")
_CONTROL = re.compile(r"(\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b.)")
_CURSOR_MOVES = re.compile(r"\x1b\[\d*[ABK]")


def _rotate_words(text: str, k: int) -> str:
    def rot(m: re.Match[str]) -> str:
        w = m.group(0)
        return w if w in _PROTECTED else w[k % len(w):] + w[:k % len(w)]
    parts = _CONTROL.split(text)
    return "".join(p if i % 2 else _WORD.sub(rot, p) for i, p in enumerate(parts))


def synthesize_real(path: Path, megabytes: float, sync: bool) -> int:
    """The real Claude Code recording repeated (words rotated, times shifted) to `megabytes`."""
    lines = REAL.read_text().splitlines()
    header, events = lines[0], [json.loads(line) for line in lines[1:]]
    span = events[-1][0] + 1.0
    target, size, rep = int(megabytes * 1_000_000), 0, 0
    with open(path, "w") as out:
        out.write(header + "\n")
        while size < target:
            for t, kind, data in events:
                if kind == "o":
                    data = _rotate_words(data, rep) if rep else data
                    if sync and _CURSOR_MOVES.search(data):
                        data = f"\x1b[?2026h{data}\x1b[?2026l"
                line = json.dumps([round(t + rep * span, 6), kind, data], ensure_ascii=False) + "\n"
                size += len(line.encode())
                out.write(line)
            rep += 1
    return rep


def _child(path: str, engine: str) -> None:
    """One engine on one file, in a fresh process so its peak RSS is its own."""
    from memwrap.readers import cast_screen
    wall, cpu = time.perf_counter(), time.process_time()
    tr = cast_screen.read(Path(path), engine=engine)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(json.dumps({"wall": wall, "cpu": cpu, "turns": [t.to_json() for t in tr.turns], "notes": tr.notes,
                      "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def run_engine(path: Path, engine: str) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", str(path), "--engine", engine],
                          capture_output=True, text=True, cwd=REPO, env=dict(os.environ, PYTHONPATH=str(REPO)))
    if proc.returncode:
        raise SystemExit(proc.stderr)
    return json.loads(proc.stdout)


STREAMS = ("claude-real", "claude-real-sync", "full-clear")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=50)
    parser.add_argument("--streams", default=",".join(STREAMS))
    parser.add_argument("--keep", type=Path, help="write the recordings into this directory and keep them")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--engine", default="vt", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.engine)
        return 0
    folder = args.keep or Path(tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    ok = True
    print(f"{'stream':17} {'engine':6} {'MB':>5} {'wall s':>7} {'cpu s':>7} {'MB/s':>6} {'RSS MB':>7} {'turns':>6}")
    for stream in args.streams.split(","):
        path = folder / f"{stream}.cast"
        questions: list[str] | None = None
        if stream == "full-clear":
            questions = synthesize(path, args.mb)
        else:
            synthesize_real(path, args.mb, sync=stream.endswith("sync"))
        mb = path.stat().st_size / 1e6
        results = {}
        for engine in ("pyte", "vt"):
            r = results[engine] = run_engine(path, engine)
            print(f"{stream:17} {engine:6} {mb:5.1f} {r['wall']:7.2f} {r['cpu']:7.2f} {mb / r['wall']:6.1f} "
                  f"{r['rss_mb']:7.0f} {len(r['turns']):6d}")
        old, new = results["pyte"], results["vt"]
        same = old["turns"] == new["turns"]
        users = [t["text"] for t in new["turns"] if t["role"] == "user"]
        right = questions is None or users == questions
        meets = new["wall"] * 50 / mb <= 10
        ok = ok and same and right
        print(f"{'':17} vt/pyte speed-up {old['wall'] / new['wall']:.1f}x wall, {old['cpu'] / new['cpu']:.1f}x cpu; "
              f"turns {'identical' if same else 'DIFFER'}{'' if right else ', USER TURNS WRONG'}; "
              f"50 MB in {new['wall'] * 50 / mb:.1f} s wall ({new['cpu'] * 50 / mb:.1f} s cpu): "
              f"{'OK' if meets else 'MISSED'} (target 10 s)")
        if not args.keep:
            path.unlink()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (wall times include waiting for CPU)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

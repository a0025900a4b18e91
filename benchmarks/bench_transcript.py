#!/usr/bin/env python3
"""Speed of recording -> turns on a 50 MB Claude Code-like recording (2-core box target: <= 10 s).

The recording is synthesized in the style of Claude Code 2.x under heavy redraw (what makes
real recordings big): every streamed update is a synchronized-output block that clears the
screen (ESC[2J ESC[3J ESC[H) and repaints the whole coloured history plus the input box and
status line; spinner ticks in between redraw the bottom lines in place. The content comes
from the real fixture recordings/casts/claude_code_2x.cast's vocabulary, varied per turn.

Prints: A = memwrap's reader (redraw skipping + pyte), B = plain pyte over every byte
(measured on a prefix and extrapolated, so the run stays short), their ratio, peak RSS of A,
and whether the turns came out right (every user question once, in order).

  python3 benchmarks/bench_transcript.py [--mb 50] [--keep PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

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


def _child(path: str) -> None:
    """Run A in a fresh process so its peak RSS is its own."""
    from memwrap.transcript import load_transcript
    start = time.perf_counter()
    tr = load_transcript(path)
    elapsed = time.perf_counter() - start
    users = [t.text for t in tr.turns if t.role == "user"]
    print(json.dumps({"seconds": elapsed, "users": users, "turns": len(tr.turns), "notes": tr.notes,
                      "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def plain_pyte_rate(path: Path, sample_bytes: int = 3_000_000) -> float:
    """B: bytes/s of pyte fed every output byte (no skipping, no colour stripping)."""
    import pyte
    screen = pyte.Screen(COLS, ROWS)
    stream = pyte.Stream(screen)
    fed = 0
    start = time.perf_counter()
    with open(path) as fh:
        fh.readline()
        for line in fh:
            data = json.loads(line)[2]
            stream.feed(data)
            fed += len(data)
            if fed >= sample_bytes:
                break
    return fed / (time.perf_counter() - start)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=50)
    parser.add_argument("--keep", type=Path, help="write the synthetic recording here and keep it")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child)
        return 0
    path = args.keep or Path(tempfile.mkdtemp()) / "claude_like.cast"
    t0 = time.perf_counter()
    questions = synthesize(path, args.mb)
    size = path.stat().st_size
    print(f"synthesized {size / 1e6:.1f} MB, {len(questions)} turns in {time.perf_counter() - t0:.1f}s")
    proc = subprocess.run([sys.executable, __file__, "--child", str(path)], capture_output=True, text=True,
                          cwd=REPO, env=dict(os.environ, PYTHONPATH=str(REPO)))
    if proc.returncode:
        print(proc.stderr)
        return 1
    a = json.loads(proc.stdout)
    b_rate = plain_pyte_rate(path)
    b_seconds = size / b_rate
    correct = a["users"] == questions
    print(f"A memwrap reader : {a['seconds']:6.2f} s  ({size / a['seconds'] / 1e6:5.1f} MB/s)  peak RSS {a['rss_mb']:.0f} MB")
    print(f"B plain pyte     : {b_seconds:6.2f} s  ({b_rate / 1e6:5.2f} MB/s, extrapolated from a 3 MB prefix)")
    print(f"B/A speed-up     : {b_seconds / a['seconds']:.1f}x   target A <= 10 s: {'OK' if a['seconds'] <= 10 else 'MISSED'}")
    print(f"turns            : {a['turns']} ({len(questions)} user questions expected, "
          f"{'all once, in order' if correct else 'MISMATCH'})")
    print("notes            :", "; ".join(a["notes"]))
    if not args.keep:
        path.unlink()
    return 0 if correct else 1


if __name__ == "__main__":
    sys.exit(main())

"""Soak: a long, loud session through memwrap. Not a timed test; prints numbers.

A fake assistant redraws a Claude-Code-like screen (synchronized-update frames, cursor moves,
colours, a spinner, a growing transcript) as fast as the terminal takes it, for --mb
megabytes (default 200: hours of a real session, compressed into a minute or two). Meanwhile
the driver types one key at a time and times how long its echo takes to come back through
the flood (a keystroke probe). The same run happens with the fake CLI bare in a PTY and
wrapped by `memwrap` (recording on, distillation off so the worker does not compete).

Reported: throughput; memwrap's RSS (VmRSS of the memwrap process, sampled every 0.25 s:
start, max, end); keystroke echo latency p50/p99 for the first and last quarter of the
run, bare vs wrapped (drift = late vs early).

    python benchmarks/bench_soak.py            # 200 MB, about two minutes on 2 cores
    python benchmarks/bench_soak.py --mb 20    # a quick look
"""

from __future__ import annotations

import argparse
import os
import pty
import select
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MARK = b"@@ECHO@@"
DONE = b"@@DONE@@"

FAKE = r'''
import os, select, sys, tty
total = int(sys.argv[1])
tty.setraw(0)
words = "the refresh token handler now takes a mutex before it reads the rotation state".split()
def frame(n):
    lines = []
    for i in range(12):  # the live part of the screen, redrawn in place
        w = " ".join(words[(n + i + j) % len(words)] for j in range(9))
        lines.append(f"\x1b[2K\x1b[38;5;{(n + i) % 200 + 16}m\u23fa\x1b[0m {w} {n}")
    spin = "\u00b7\u2722\u2733\u2736\u273b\u273d"[n % 6]
    body = "\r\n".join(lines)
    return (f"\x1b[?2026h\x1b[13A\r{body}\r\n\x1b[2K{spin} Thinking\u2026 ({n % 60}s \u00b7 esc to interrupt)"
            f"\x1b[?2026l").encode()
sent = n = 0
while sent < total:
    if select.select([0], [], [], 0)[0]:
        for b in os.read(0, 64):
            os.write(1, b"@@ECHO@@")
    data = frame(n)
    if n % 40 == 0:  # now and then a finished message scrolls into the transcript
        data += ("\r\n" + " ".join(words) * 3 + "\r\n").encode()
    os.write(1, data)
    sent += len(data)
    n += 1
os.write(1, b"@@DONE@@")
'''


def rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def run(argv: list[str], env: dict[str, str], probe_every: float) -> dict:
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(argv[0], argv, env)
    os.set_blocking(fd, False)
    tail = b""
    total = 0
    probes: list[tuple[int, float]] = []  # (bytes seen when answered, latency s)
    rss: list[int] = []
    sent_at: float | None = None
    next_probe = float("inf")  # probing starts with the CLI's first output
    next_rss = 0.0
    started = time.monotonic()
    done = False
    while not done:
        now = time.monotonic()
        if sent_at is None and now >= next_probe:
            os.write(fd, b"k")
            sent_at = now
        if now >= next_rss:
            rss.append(rss_kb(pid))
            next_rss = now + 0.25
        if not select.select([fd], [], [], 0.05)[0]:
            continue
        try:
            data = os.read(fd, 1 << 16)
        except OSError:
            break
        if not data:
            break
        if not total:
            next_probe = time.monotonic()
        total += len(data)
        window = tail + data
        if sent_at is not None and MARK in window:
            probes.append((total, time.monotonic() - sent_at))
            sent_at = None
            next_probe = time.monotonic() + probe_every
        done = DONE in window
        tail = window[-16:]
    elapsed = time.monotonic() - started
    os.waitpid(pid, 0)
    os.close(fd)
    return {"bytes": total, "seconds": elapsed, "probes": probes, "rss": [r for r in rss if r]}


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] * 1000 if values else float("nan")


def describe(name: str, result: dict) -> None:
    lat = [l for _, l in result["probes"]] or [float("nan")]
    quarter = max(1, len(lat) // 4)
    early, late = lat[:quarter], lat[-quarter:]
    mbs = result["bytes"] / result["seconds"] / 1e6
    print(f"{name:8} {result['bytes'] / 1e6:7.1f} MB in {result['seconds']:6.1f} s ({mbs:5.1f} MB/s), "
          f"{len(lat)} keystroke probes")
    print(f"{'':8} echo latency ms   early p50 {pct(early, .5):6.1f}  p99 {pct(early, .99):6.1f}   "
          f"late p50 {pct(late, .5):6.1f}  p99 {pct(late, .99):6.1f}   all p50 {statistics.median(lat) * 1000:6.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=200.0)
    parser.add_argument("--probe-every", type=float, default=0.05, help="seconds between keystroke probes")
    args = parser.parse_args()
    size = int(args.mb * 1_000_000)

    work = Path(tempfile.mkdtemp(prefix="memwrap-soak-"))
    try:
        fake = work / "fake_claude.py"
        fake.write_text(FAKE)
        home = work / "home"
        home.mkdir(mode=0o700)
        (home / "config.toml").write_text("[memory]\ndistill = false\n[handoff]\nauto = false\n")
        env = dict(os.environ, TERM="xterm-256color", MEMWRAP_HOME=str(home),
                   PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        env.pop("MEMWRAP_ACTIVE", None)
        cli = [sys.executable, str(fake), str(size)]

        bare = run(cli, env, args.probe_every)
        wrapped = run([sys.executable, "-m", "memwrap", *cli], env, args.probe_every)

        print(f"soak: {args.mb:.0f} MB of Claude-like redraw output, keystroke probe every {args.probe_every * 1000:.0f} ms")
        describe("bare", bare)
        describe("memwrap", wrapped)
        rss = wrapped["rss"]
        print(f"memwrap RSS MB: start {rss[0] / 1024:.1f}  max {max(rss) / 1024:.1f}  "
              f"end {rss[-1] / 1024:.1f}  ({len(rss)} samples; limit 60)")
        casts = list((home / "recordings").rglob("*.cast"))
        if casts:
            print(f"recording: {casts[0].stat().st_size / 1e6:.1f} MB on disk")
        ratio = (wrapped["bytes"] / wrapped["seconds"]) / (bare["bytes"] / bare["seconds"])
        print(f"throughput memwrap / bare: {ratio:.2f}")
        return 0 if max(rss) <= 60 * 1024 else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())

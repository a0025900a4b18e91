#!/usr/bin/env python3
"""PTY benchmarks for `memwrap CMD`: throughput, keystroke echo latency, start-up time.

Every comparison runs A and B in the same process, interleaved, and prints medians and
ratios (not a timed test). The outer terminal is a PTY this script owns, so all variants
see the same reader.

    python benchmarks/bench_pty.py [--mb 50] [--rounds 3] [--keys 300] [--starts 15] [--baseline DIR]
                                   [--sections throughput,recorder,memory,latency,startup,imports]

--baseline DIR runs another memwrap/ package (`git archive REV memwrap | tar -x -C DIR`) in the
same run, interleaved with this tree, for before/after numbers that share one machine state.
"""

from __future__ import annotations

import argparse
import os
import resource
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

PY = sys.executable
CORE_RUNNER = (
    "import sys\n"
    "from memwrap.session import Session, terminal_size\n"
    "from memwrap.recording import CastWriter\n"
    "size = terminal_size(1, 0)\n"
    "rec = CastWriter(sys.argv[1], cols=size.cols, rows=size.rows)\n"
    "sys.exit(Session(sys.argv[2:], observers=[rec]).run())\n"
)
CONSOLE_SCRIPT = str(Path(sys.prefix) / "bin" / "memwrap")
# The .cast writer alone on the benchmark's output, in 64 KB events as the session hands them
# over: CPU ms per MB (user+sys, so the file writes count), median of 5 passes.
RECORDER_RUNNER = (
    "import resource, statistics, sys\n"
    "from memwrap.recording import CastWriter\n"
    "data = open(sys.argv[1], 'rb').read().replace(b'\\n', b'\\r\\n')  # as the tty hands it over\n"
    "chunks = [data[i:i + 65536] for i in range(0, len(data), 65536)]\n"
    "costs = []\n"
    "for _ in range(5):\n"
    "    writer = CastWriter(sys.argv[2], cols=80, rows=24)\n"
    "    before = resource.getrusage(resource.RUSAGE_SELF)\n"
    "    for i, chunk in enumerate(chunks):\n"
    "        writer.on_output(i * 0.001, chunk)\n"
    "    writer.on_close(1.0)\n"
    "    after = resource.getrusage(resource.RUSAGE_SELF)\n"
    "    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime\n"
    "    costs.append(cpu * 1e3 / (len(data) / 1e6))\n"
    "print(statistics.median(costs))\n"
)


def outer_pty(cols: int = 120, rows: int = 40) -> tuple[int, int]:
    import fcntl
    import struct

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    return master, slave


def spawn_in_pty(argv: list[str], env: dict[str, str]) -> tuple[subprocess.Popen, int]:
    master, slave = outer_pty()
    # cwd: not this repository, where `python -m memwrap` would import ./memwrap before a
    # --baseline package on PYTHONPATH
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                            cwd=tempfile.gettempdir(), start_new_session=True, close_fds=True)
    os.close(slave)
    return proc, master


def drain(master: int) -> tuple[int, float]:
    """Bytes read until the PTY hangs up, and when the first of them arrived."""
    total, first = 0, 0.0
    while True:
        try:
            data = os.read(master, 1 << 16)
        except OSError:
            return total, first
        if not data:
            return total, first
        if not total:
            first = time.perf_counter()
        total += len(data)


def throughput(argv: list[str], env: dict[str, str]) -> tuple[float, float, float, int]:
    """(end-to-end seconds, streaming seconds from first byte to EOF, CPU seconds, bytes)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc, master = spawn_in_pty(argv, env)
    got, first = drain(master)
    proc.wait()
    end = time.perf_counter()
    os.close(master)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return end - start, end - first, cpu, got


def echo_latency(argv: list[str], env: dict[str, str], keys: int) -> list[float]:
    """Seconds from writing one key to the outer PTY until its echo comes back."""
    proc, master = spawn_in_pty(argv, env)
    time.sleep(0.8)  # let the wrapper set up its terminal
    _read_available(master, 0.2)
    samples = []
    for i in range(keys):
        key = b"abcdefghij"[i % 10:i % 10 + 1]
        t0 = time.perf_counter()
        os.write(master, key)
        buf = b""
        while key not in buf:
            r, _, _ = select.select([master], [], [], 2.0)
            if not r:
                break
            buf += os.read(master, 4096)
        samples.append(time.perf_counter() - t0)
        if i % 60 == 59:
            os.write(master, b"\r")
            _read_available(master, 0.02)
        time.sleep(0.002)
    os.write(master, b"\r\x04")
    _read_available(master, 0.3)
    proc.kill()
    proc.wait()
    os.close(master)
    return samples


def _read_available(fd: int, wait: float) -> None:
    while select.select([fd], [], [], wait)[0]:
        try:
            if not os.read(fd, 65536):
                return
        except OSError:
            return


def peak_rss(argv: list[str], env: dict[str, str]) -> float:
    """Peak RSS (KB) of the process tree of `argv`, measured by a fresh helper process so
    earlier benchmark children do not count."""
    probe = ("import os,resource,subprocess,sys;"
             "m,s=os.openpty();"
             "p=subprocess.Popen(sys.argv[1:],stdin=s,stdout=s,stderr=s,start_new_session=True);os.close(s)\n"
             "while True:\n"
             " try:\n  d=os.read(m,65536)\n except OSError:\n  break\n if not d:\n  break\n"
             "p.wait();print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([PY, "-c", probe, *argv], env=env, capture_output=True, text=True)
    return float(out.stdout.strip() or 0)


def pct(samples: list[float], q: float) -> float:
    s = sorted(samples)
    return s[min(len(s) - 1, int(q * len(s)))]


def startup(argv: list[str], env: dict[str, str], n: int) -> tuple[float, float]:
    """Median wall time and median CPU time (user+sys of the process tree) of one run."""
    walls, cpus = [], []
    for _ in range(n):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        walls.append(time.perf_counter() - t0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


SECTIONS = ("throughput", "recorder", "memory", "latency", "startup", "imports")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=50)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--keys", type=int, default=300)
    ap.add_argument("--starts", type=int, default=15)
    ap.add_argument("--baseline", help="a directory holding another memwrap/ package to compare with")
    ap.add_argument("--sections", default=",".join(SECTIONS), help="which parts to run, comma-separated")
    args = ap.parse_args()
    sections = set(args.sections.split(","))
    if sections - set(SECTIONS):
        ap.error(f"unknown section(s) {', '.join(sorted(sections - set(SECTIONS)))}; known: {', '.join(SECTIONS)}")

    # This environment sets PYTHONDONTWRITEBYTECODE: without fresh .pyc files every edited
    # module would be compiled again on every launch, which no installed memwrap does.
    packages = [Path(__file__).resolve().parent.parent / "memwrap"]
    if args.baseline:
        packages.append(Path(args.baseline).resolve() / "memwrap")
    for package in packages:
        subprocess.run([PY, "-m", "compileall", "-q", str(package)], stdout=subprocess.DEVNULL)
    work = Path(tempfile.mkdtemp(prefix="memwrap-bench-"))
    home = work / "home"
    home.mkdir()
    (home / "config.toml").write_text("[memory]\ndistill = false\n")  # no background workers
    env = dict(os.environ, MEMWRAP_HOME=str(home), TERM="xterm-256color")
    env.pop("MEMWRAP_ACTIVE", None)
    # the baseline package is found first on PYTHONPATH (before the editable install)
    old_env = dict(env, PYTHONPATH=str(Path(args.baseline).resolve())) if args.baseline else None
    big = work / "big.txt"
    line = b"The quick brown fox jumps over the lazy dog \x1b[32mgreen\x1b[0m h\xc3\xa9llo 0123456789\n"
    with big.open("wb") as fh:
        block = line * (65536 // len(line))
        for _ in range(int(args.mb * 1_000_000 / len(block))):
            fh.write(block)
    size_mb = big.stat().st_size / 1e6

    if "throughput" in sections:
        throughput_section(args.rounds, env, old_env, big, size_mb, work, home)
    if "recorder" in sections:
        print("\n== the .cast writer alone: CPU ms per MB of the same output, 64 KB events, median of 5")
        sample = work / "sample.txt"
        sample.write_bytes(big.read_bytes()[:20_000_000])
        for label, variant_env in (("this tree", env), ("baseline", old_env)):
            if variant_env is not None:
                out = subprocess.run([PY, "-c", RECORDER_RUNNER, str(sample), str(work / "rec.cast")],
                                     env=variant_env, cwd=work, capture_output=True, text=True)
                print(f"  {label:<10} {float(out.stdout.strip() or 'nan'):6.2f} ms/MB {out.stderr.strip()[-200:]}")
    if "memory" in sections:
        print("\n== memory: peak RSS of memwrap (recording on) for a small vs a large stream")
        small = work / "small.txt"
        small.write_bytes(line * 100)
        for label, path in (("10 KB", small), (f"{size_mb:.0f} MB", big)):
            print(f"  {label:<8} peak RSS {peak_rss([PY, '-m', 'memwrap', 'cat', str(path)], env) / 1024:6.1f} MB")
    if "latency" in sections:
        latency_section(args.keys, args.rounds, env, old_env)
    if "startup" in sections:
        startup_section(args.starts, env)
    if "imports" in sections:
        imports_section(env)
    shutil.rmtree(work, ignore_errors=True)


def throughput_section(rounds: int, env: dict[str, str], old_env: dict[str, str] | None, big: Path,
                       size_mb: float, work: Path, home: Path) -> None:
    cat = ["cat", str(big)]
    print(f"== throughput: cat {size_mb:.0f} MB into a PTY, median of {rounds} interleaved rounds")
    print("   streaming = first byte to EOF (start-up excluded); end-to-end includes start-up;")
    print("   /script = median over rounds of (variant / script(1) in the same round): load drifts cancel")
    variants = {
        "direct": (cat, env),
        "script(1)": (["script", "-q", "-c", f"cat {big}", "/dev/null"], env),
        "script(1) to a file": (["script", "-q", "-c", f"cat {big}", str(work / "typescript")], env),
        "memwrap": ([PY, "-m", "memwrap", *cat], env),
        "memwrap --no-record": ([PY, "-m", "memwrap", "--no-record", *cat], env),
        # the PTY session and the .cast writer alone, without the launch steps and the
        # other observers (context monitor): what issue 2 itself costs
        "session+recorder": ([PY, "-c", CORE_RUNNER, str(home / "core.cast"), *cat], env),
    }
    if old_env is not None:
        for name in ("memwrap", "memwrap --no-record", "session+recorder"):
            variants[f"{name} (baseline)"] = (variants[name][0], old_env)
    runs: dict[str, list[tuple[float, float, float, int]]] = {k: [] for k in variants}
    for _ in range(rounds):
        for name, (argv, variant_env) in variants.items():
            runs[name].append(throughput(argv, variant_env))

    def med(name: str, i: int) -> float:
        return statistics.median(r[3] / 1e6 / r[i] if i < 2 else r[i] * 1e3 / (r[3] / 1e6) for r in runs[name])

    def paired(name: str, i: int) -> float:
        """Median of per-round speed ratios to script(1) (time of script / time of variant)."""
        return statistics.median(s[i] / s[3] / (r[i] / r[3]) for r, s in zip(runs[name], runs["script(1)"]))

    print(f"  {'':<32} {'streaming MB/s':>15} {'/script':>8} {'end-to-end MB/s':>16} {'/script':>8} {'CPU ms/MB':>10}")
    for name in variants:
        print(f"  {name:<32} {med(name, 1):15.1f} {paired(name, 1):8.2f}"
              f" {med(name, 0):16.1f} {paired(name, 0):8.2f} {med(name, 2):10.1f}")
    casts = sorted((home / "recordings").glob("*/*.cast"))
    if casts:
        print(f"  last recording: {casts[-1].stat().st_size / 1e6:.1f} MB on disk")
    print(f"  memwrap / script(1), streaming, recording on = {paired('memwrap', 1):.2f}  (target >= 0.90)")
    if old_env is not None:
        print(f"  baseline memwrap / script(1), streaming, recording on = {paired('memwrap (baseline)', 1):.2f}")


def latency_section(keys: int, blocks: int, env: dict[str, str], old_env: dict[str, str] | None) -> None:
    print(f"\n== keystroke echo latency, {keys} keys in {blocks} interleaved blocks (ms)")
    variants = {
        "direct (cat)": (["cat"], env),
        "script(1)": (["script", "-q", "-c", "cat", "/dev/null"], env),
        "memwrap": ([PY, "-m", "memwrap", "cat"], env),
    }
    if old_env is not None:
        variants["memwrap (baseline)"] = ([PY, "-m", "memwrap", "cat"], old_env)
    lat: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(max(1, blocks)):  # blocks, so a burst of other load hits every variant alike
        for name, (argv, variant_env) in variants.items():
            lat[name] += echo_latency(argv, variant_env, max(1, keys // max(1, blocks)))
    base50, base99 = pct(lat["direct (cat)"], 0.5), pct(lat["direct (cat)"], 0.99)
    for name, samples in lat.items():
        p50, p99 = pct(samples, 0.5), pct(samples, 0.99)
        print(f"  {name:<18} p50 {p50 * 1e3:6.2f}  p99 {p99 * 1e3:6.2f}   added p50 {(p50 - base50) * 1e3:6.2f}"
              f"  added p99 {(p99 - base99) * 1e3:6.2f}")
    print("  target: memwrap added p99 <= 5 ms")


def startup_section(starts: int, env: dict[str, str]) -> None:
    print(f"\n== start-up: median of {starts} runs of `X true` (ms)")
    true_bin = shutil.which("true") or "/bin/true"
    base = startup([true_bin], env, starts)
    rows = [("true", [true_bin])]
    rows.append(("python -c pass (interpreter alone)", [PY, "-c", "pass"]))
    if os.path.exists(CONSOLE_SCRIPT):
        rows.append((f"{CONSOLE_SCRIPT} true", [CONSOLE_SCRIPT, "true"]))
    rows.append(("python -m memwrap true", [PY, "-m", "memwrap", "true"]))
    shim = shutil.which("memwrap")
    if shim and shim != CONSOLE_SCRIPT:
        rows.append((f"memwrap on PATH ({shim})", [shim, "true"]))
    print(f"  {'':<52} {'wall':>7} {'added':>7}   {'cpu':>6} {'added':>6}")
    for label, argv in rows:
        wall, cpu = base if argv == [true_bin] else startup(argv, env, starts)
        print(f"  {label:<52} {wall * 1e3:7.1f} {(wall - base[0]) * 1e3:7.1f}   {cpu * 1e3:6.1f} {(cpu - base[1]) * 1e3:6.1f}")
    print("  target: console script added <= 150 ms (wall is inflated when other work shares the CPUs)")


def imports_section(env: dict[str, str]) -> None:
    print("\n== imports on the launch path (python -X importtime -m memwrap true)")
    res = subprocess.run([PY, "-X", "importtime", "-m", "memwrap", "true"], env=env,
                         capture_output=True, text=True)
    by_top: dict[str, int] = {}
    for row in res.stderr.splitlines():
        parts = row.split("|")
        if not row.startswith("import time:") or len(parts) != 3 or not parts[0].split(":")[1].strip().isdigit():
            continue
        name = parts[2].strip()
        top = name if name.startswith("memwrap") else name.split(".")[0]
        top = ".".join(top.split(".")[:2])
        by_top[top] = by_top.get(top, 0) + int(parts[0].split(":")[1])
    total = sum(by_top.values())
    heavy = sorted(t for t in by_top if t.split(".")[0] in {"textual", "llama_cpp", "rich", "lmdb", "numpy"})
    biggest = sorted(by_top.items(), key=lambda kv: -kv[1])[:10]
    print(f"  total import time {total / 1e3:.1f} ms; heavy modules imported: {', '.join(heavy) or 'none'}")
    print("  biggest (self time): " + ", ".join(f"{k} {v / 1e3:.1f}" for k, v in biggest))


if __name__ == "__main__":
    main()

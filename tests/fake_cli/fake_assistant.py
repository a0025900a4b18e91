#!/usr/bin/env python3
"""A fake assistant CLI for driving memwrap through a real PTY.

Modes (first argument):
  chat [--exit-on WORD] [--fullscreen]  prompt loop: colours, spinner, echoes lines back;
                        `size` prints the size it sees, `exit N` exits with N, `die SIG`
                        kills itself with signal SIG, `crash` leaves alt screen + mouse on
                        and exits at once; reports SIGWINCH/SIGINT/SIGQUIT/SIGTERM as lines.
  raw                   terminal in raw mode; prints every byte it reads as `BYTE xx`
                        (`q` quits); Ctrl-C arrives as a byte, as with Claude Code.
  emit SEED SIZE        writes SIZE deterministic bytes (ANSI, UTF-8 split across writes,
                        redraws) with OPOST off, so the bytes on the terminal are exactly
                        `expected_bytes(SEED, SIZE)`; then exits 0.
  flood MB              writes MB megabytes of text lines as fast as it can (benchmarks).
  exit N                exits with N at once.
"""

from __future__ import annotations

import os
import random
import signal
import struct
import sys
import termios
import time
import tty
import fcntl

OUT = sys.stdout.fileno()


def say(text: str) -> None:
    os.write(OUT, text.encode("utf-8"))


def size() -> tuple[int, int]:
    rows, cols, _, _ = struct.unpack("HHHH", fcntl.ioctl(0, termios.TIOCGWINSZ, b"\0" * 8))
    return cols, rows


def expected_bytes(seed: int, total: int) -> list[bytes]:
    """The chunks `emit` writes; joined they are what the terminal must show."""
    rng = random.Random(seed)
    pieces = [
        "plain text ", "\x1b[1;32mgreen\x1b[0m ", "héllo wörld ", "日本語のテキスト ", "emoji 🙂🚀 ",
        "\x1b[2J\x1b[H", "\x1b[?2004h", "\x1b[38;5;208mcolour\x1b[m", "\r\n", "tab\tend\r\n",
        "\x1b[10;20Hcursor", "\x1b[?25l", "\x1b[?25h", "box ┌─┐│└┘ ",
    ]
    chunks: list[bytes] = []
    made = 0
    while made < total:
        data = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40))).encode()
        cut = rng.randint(0, len(data))  # splits multibyte characters across writes
        for part in (data[:cut], data[cut:]):
            if part:
                chunks.append(part)
                made += len(part)
    return chunks


def mode_emit(seed: int, total: int) -> int:
    attrs = termios.tcgetattr(OUT)
    attrs[1] &= ~termios.OPOST  # no \n -> \r\n: the terminal gets exactly these bytes
    termios.tcsetattr(OUT, termios.TCSANOW, attrs)
    for i, chunk in enumerate(expected_bytes(seed, total)):
        os.write(OUT, chunk)
        if i % 50 == 0:
            time.sleep(0.001)  # let reads split at different places
    return 0


def mode_flood(megabytes: float) -> int:
    line = (b"0123456789abcdefghijklmnopqrstuvwxyz" * 3)[:100] + b"\n"
    block = line * 655  # ~64 KB
    left = int(megabytes * 1_000_000)
    while left > 0:
        n = os.write(OUT, block[: min(len(block), left)])
        left -= n
    return 0


def mode_raw() -> int:
    saved = termios.tcgetattr(0)
    tty.setraw(0)
    say("RAW READY\r\n")
    try:
        while True:
            data = os.read(0, 1024)
            if not data:
                return 0
            for b in data:
                say(f"BYTE {b:02x}\r\n")
            if b"q" in data:
                return 0
    finally:
        termios.tcsetattr(0, termios.TCSADRAIN, saved)


def mode_chat(args: list[str]) -> int:
    fullscreen = "--fullscreen" in args
    for sig, name in ((signal.SIGINT, "SIGINT"), (signal.SIGQUIT, "SIGQUIT")):
        signal.signal(sig, lambda s, f, name=name: say(f"\r\nGOT {name}\r\n"))
    signal.signal(signal.SIGWINCH, lambda s, f: say("\r\nSIZE %dx%d\r\n" % size()))
    signal.signal(signal.SIGTERM, lambda s, f: (say("\r\nGOT SIGTERM\r\n"), os._exit(0)))
    if fullscreen:
        say("\x1b[?1049h\x1b[?2004h\x1b[2J\x1b[H")
    say("\x1b[1;36mFake Assistant\x1b[0m v1  SIZE %dx%d\n" % size())
    for frame in "|/-\\":
        say(f"\r{frame} thinking")
        time.sleep(0.01)
    say("\r\x1b[K")
    while True:
        say("\x1b[32m>\x1b[0m ")
        try:
            line = sys.stdin.readline()
        except KeyboardInterrupt:
            continue
        if not line:
            say("\nEOF\n")
            return 0
        line = line.rstrip("\n")
        if line == "size":
            say("SIZE %dx%d\n" % size())
        elif line.startswith("exit"):
            return int(line.split()[1]) if " " in line else 0
        elif line.startswith("die"):
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            os.kill(os.getpid(), getattr(signal, line.split()[1]))
        elif line == "crash":
            say("\x1b[?1049h\x1b[?1000h\x1b[?25l")
            os._exit(70)
        else:
            if fullscreen:
                say("\x1b[2J\x1b[H")
            say(f"you said: {line}\n")


def main(argv: list[str]) -> int:
    mode = argv[0] if argv else "chat"
    if mode == "emit":
        return mode_emit(int(argv[1]), int(argv[2]))
    if mode == "flood":
        return mode_flood(float(argv[1]))
    if mode == "raw":
        return mode_raw()
    if mode == "exit":
        return int(argv[1])
    return mode_chat(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

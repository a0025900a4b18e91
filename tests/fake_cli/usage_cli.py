#!/usr/bin/env python3
"""A fake assistant whose context fills up: for handoff tests through a real PTY.

Every message adds USAGE_STEP percent (default 30) to its context and each reply ends with
a footer `NN% context used` (memwrap's injected memory costs nothing); `/clear` empties
the context. With USAGE_PASTE=1 it asks for
bracketed paste, so a multi-line paste arrives as one message. Everything it receives goes
to USAGE_LOG (JSON lines: start, message, clear) so a test can read what memwrap typed.
`exit` quits.
"""

from __future__ import annotations

import json
import os
import sys
import time

PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"


def say(text: str) -> None:
    os.write(1, text.encode("utf-8"))


def log(event: str, **fields: object) -> None:
    path = os.environ.get("USAGE_LOG")
    if path:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"event": event, "pid": os.getpid(), "t": time.time(), **fields}) + "\n")


def read_message() -> str | None:
    """One message: a line, or a whole bracketed paste plus the Enter after it."""
    line = sys.stdin.readline()
    if not line:
        return None
    if PASTE_START not in line:
        return line.rstrip("\n")
    parts = [line]
    while PASTE_END not in parts[-1]:
        more = sys.stdin.readline()
        if not more:
            break
        parts.append(more)
    text = "".join(parts)
    return text.replace(PASTE_START, "").replace(PASTE_END, "").rstrip("\n")


def main() -> int:
    step = int(os.environ.get("USAGE_STEP", "30"))
    used = int(os.environ.get("USAGE_START", "0"))
    if os.environ.get("USAGE_PASTE") == "1":
        say("\x1b[?2004h")
    log("start")
    say("\x1b[1mUsage CLI\x1b[0m ready\r\n")
    while True:
        say("\x1b[32m>\x1b[0m ")
        message = read_message()
        if message is None:
            return 0
        if message.strip() == "exit":
            say("bye\r\n")
            return 0
        if message.strip() == "/clear":
            used = 0
            log("clear")
            say("(context cleared)\r\n")
            continue
        log("message", text=message)
        time.sleep(0.05)
        if "<memwrap-memory" in message:  # injected context: small, and not worth echoing
            say(f"(memory received, {len(message)} chars)\r\n")
        else:
            used = min(100, used + step)
            say(f"you said: {' '.join(message.split())[:200]}\r\n")
        say(f"\x1b[2m{used}% context used\x1b[0m\r\n")


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""A minimal assistant-like CLI for the first-message test: it asks for bracketed paste,
shows a prompt, and writes the raw bytes of its first input (up to Enter after the paste,
or a plain line) to $FIRST_INPUT_FILE, then says goodbye and exits."""

from __future__ import annotations

import os
import sys
import termios
import tty


def main() -> int:
    out_path = os.environ["FIRST_INPUT_FILE"]
    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    tty.setraw(fd)
    try:
        os.write(1, b"\x1b[?2004hfake-assistant ready\r\n> ")
        data = b""
        while True:
            chunk = os.read(fd, 4096)
            if not chunk:
                break
            data += chunk
            in_paste = data.count(b"\x1b[200~") > data.count(b"\x1b[201~")
            if not in_paste and data.endswith((b"\r", b"\n")):
                break
        with open(out_path, "wb") as fh:
            fh.write(data)
        os.write(1, b"\x1b[?2004l\r\ngot it, bye\r\n")
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)
    return 0


if __name__ == "__main__":
    sys.exit(main())

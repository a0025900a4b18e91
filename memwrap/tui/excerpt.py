"""The recording around a fact: what the terminal showed near the moment the fact came from.

Cheap on purpose: only the tail of the output before that moment (plus a couple of seconds
after) is replayed through a pyte screen of the recorded size, and the last non-blank lines
are returned as plain text. A full replay of a long session would cost seconds.
"""

from __future__ import annotations

import os
from typing import Any

from memwrap.errors import MemwrapError

TAIL_CHARS = 64 * 1024  # output replayed before the moment; enough to repaint a screen
AFTER_SECONDS = 2.0


def fact_time(source: dict[str, Any]) -> float | None:
    """Seconds since the session started, when the fact's source says so."""
    for key in ("time", "t", "at"):
        value = source.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
    return None


def _size_at(header: dict[str, Any], events: list[Any], at: float) -> tuple[int, int]:
    cols, rows = int(header.get("width") or 80), int(header.get("height") or 24)
    for e in events:
        if e.t > at:
            break
        if e.kind == "r":
            try:
                c, r = e.data.split("x")
                cols, rows = int(c), int(r)
            except ValueError:
                pass
    return max(cols, 20), max(rows, 2)


def screen_lines(cast_path: str | os.PathLike[str], at: float | None, keep: int = 8) -> list[str]:
    """Up to `keep` non-blank screen lines shown at `at` seconds (None: the end).

    Raises MemwrapError (InputError) when the recording cannot be read."""
    import pyte  # only when a detail pane asks for a recording

    from memwrap.recording import read_cast

    cast = read_cast(cast_path)
    events = cast.events
    if not events:
        return []
    if at is None:
        at = events[-1].t
    end = at + AFTER_SECONDS
    chunks: list[str] = []
    size = 0
    # Walk back from the moment collecting output until the tail is big enough.
    upto = [e for e in events if e.t <= end]
    for e in reversed(upto):
        if e.kind == "o":
            chunks.append(e.data)
            size += len(e.data)
            if size >= TAIL_CHARS:
                break
    cols, rows = _size_at(cast.header, events, at)
    screen = pyte.Screen(cols, rows)
    stream = pyte.Stream(screen)
    try:
        stream.feed("".join(reversed(chunks))[-TAIL_CHARS:])
    except Exception as exc:  # pyte on a cut escape sequence: show nothing rather than crash
        raise MemwrapError(f"cannot replay recording {cast_path}: {exc}") from exc
    lines = [line.rstrip() for line in screen.display]
    while lines and not lines[-1]:
        lines.pop()
    return [line for line in lines if line.strip()][-keep:]

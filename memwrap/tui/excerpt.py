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


def _turn_lines(turns: list[Any], index: int, keep: int) -> list[str]:
    """The fact's turn and its neighbours as plain `role: text` lines."""
    out = []
    for turn in turns[max(0, index - 1): index + 2]:
        who = f"tool {turn.name}" if turn.role == "tool" and turn.name else turn.role
        body = " ".join((turn.input + " " + turn.text if turn.role == "tool" else turn.text).split())
        mark = "▶ " if turn is turns[index] else "  "
        out.append(f"{mark}{who}: {body[:300]}")
    return out[:keep]


def around(session: dict[str, Any], source: dict[str, Any], keep: int = 8) -> list[str] | str:
    """What the session showed where a fact came from, redacted, as plain text lines.

    A source time goes straight to the recording. A turn number is looked up in the
    session's transcript (the same turns distillation numbered): its time picks the
    recording moment, and without a recording the turn and its neighbours are shown."""
    from memwrap.redact import redact

    cast = session.get("cast")
    if cast and not os.path.isfile(cast):
        cast = None
    at = fact_time(source)
    turn = source.get("turn")
    lines: list[str] | None = None
    if at is None and isinstance(turn, int) and not isinstance(turn, bool):
        from memwrap.pipeline import load_session
        from memwrap.transcript import strip_memory

        try:
            turns = strip_memory(list(load_session(session).turns))
        except MemwrapError as exc:
            turns, lines = [], None
            if not cast:
                return f"cannot read the session: {exc}"
        if 0 <= turn < len(turns):
            at = turns[turn].time
            if at is None or not cast:
                lines = _turn_lines(turns, turn, keep)
    if lines is None:
        if not cast:
            return "no recording or transcript for this session"
        lines = screen_lines(cast, at, keep)
        if at is None and lines:
            lines = ["(where in the session is unknown: the end of the recording)"] + lines[-(keep - 1):]
    return [redact(line) for line in lines] or "the recording is empty there"

"""How full is the wrapped CLI's context window? A session observer that keeps the answer.

Sources, most trustworthy first:
* structured files the CLI writes: Claude Code's session JSONL (`message.usage` of the
  latest assistant entry: input + cache + output tokens), Codex's rollout (`token_count`
  events with the model's window);
* the CLI's own screen text, matched with the adapter's `context_signal` regexes after the
  ANSI codes are stripped ("12% until auto-compact", "85% used", "Tokens: 9.1k sent", ...);
* for a CLI nothing else is known about: an estimate from the text it printed (4 characters
  a token) against the configured window.

Everything here runs on the session's writer thread (`on_output`, `on_tick`), which holds
the GIL the byte pump needs: a chunk costs a slice and a len(); the screen tail is cleaned
at most every SCAN_SECONDS, and the adapter's regexes run only when a byte-level search
finds a word a signal contains. Files are polled at most every POLL_SECONDS and read
incrementally from where the last poll stopped.
"""

from __future__ import annotations

import json
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

from memwrap.session import Observer

POLL_SECONDS = 0.5  # how often the structured files are looked at
LOCATE_SECONDS = 3.0  # how often a not-yet-found transcript is searched for
SCAN_SECONDS = 0.25  # how often the screen tail is read (signals are status lines: they stay)
RAW_TAIL_BYTES = 16 << 10  # output kept for that: the bottom of the screen, escapes included
SCREEN_TAIL_CHARS = 600  # what screen_tail() gives the handoff (is the CLI asking something?)
# Every adapter's screen signal contains one of these (lower-cased): the cheap gate before
# decoding and regexes. A new adapter wording needs a word here.
SIGNAL_NEEDLES = (b"%", b"token", b"context", b"too long", b"exhausted")
CHARS_PER_TOKEN = 4
CLAUDE_COMPACT_RESERVE = 13_000  # Claude Code compacts about this many tokens before the window ends
COMPACT_MARGIN = 0.03  # hand off at least this far ahead of the CLI's own compaction
# Where each CLI compacts on its own (fraction of its window), when that is a fixed share.
COMPACTS_AT = {"gemini": 0.5, "codex": 0.9}

_CURSOR_RIGHT = re.compile(r"\x1b\[\d*C")  # TUIs draw the gaps between words as cursor moves
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[PX^_][^\x1b]*(?:\x1b\\)?|\x1b[@-Z\\-_]")
_SPACES = re.compile(r"[ \t\u00a0]+")


def clean_screen_text(text: str) -> str:
    """Terminal output -> plain text: cursor moves to spaces, other escapes removed."""
    text = _CURSOR_RIGHT.sub(" ", text)
    text = _ANSI.sub("", text)
    return _SPACES.sub(" ", text.replace("\r", "\n"))


def _since_last_wipe(raw: bytes) -> bytes:
    """Output after the last screen wipe: what came before is no longer on the screen."""
    cut = max(raw.rfind(b"\x1b[2J"), raw.rfind(b"\x1b[3J"))
    return raw[cut:] if cut > 0 else raw


def effective_threshold(cli: str, threshold: float, window: int) -> float:
    """The configured threshold, pulled down to stay ahead of the CLI's own compaction."""
    compacts = COMPACTS_AT.get(cli)
    if cli == "claude" and window > CLAUDE_COMPACT_RESERVE * 3:
        compacts = 1.0 - CLAUDE_COMPACT_RESERVE / window
    if compacts is None:
        return threshold
    return max(0.05, min(threshold, compacts - COMPACT_MARGIN))


def claude_window(env: dict[str, str], default: int) -> int:
    """Claude Code's window: CLAUDE_CODE_MAX_CONTEXT_TOKENS when the launch sets it."""
    try:
        value = int(env.get("CLAUDE_CODE_MAX_CONTEXT_TOKENS", "") or 0)
    except ValueError:
        value = 0
    return value if value > 0 else default


@dataclass
class Reading:
    fraction: float  # 0..1 of the window in use
    source: str  # "transcript", "screen", "estimate"
    t: float  # session time of the reading


# ---- structured sources ------------------------------------------------------------------

class FileTail:
    """Reads the complete new lines of a growing file; finds the file again after a reset."""

    def __init__(self, locate: Callable[[float | None], Path | None]) -> None:
        self._locate = locate  # (only files newer than this epoch time, or None) -> path
        self.path: Path | None = None
        self._offset = 0
        self._partial = b""
        self._since: float | None = None
        self._next_locate = 0.0
        self._previous: tuple[Path | None, int] = (None, 0)

    def reset(self, since: float) -> None:
        """The CLI started a new context (a new file, usually): find the file again. If it
        turns out to be the same file, reading goes on from where it stopped, so the old
        context's numbers are never read twice."""
        self._previous = (self.path, self._offset)
        self.path, self._offset, self._partial, self._since = None, 0, b"", since
        self._next_locate = 0.0

    def new_lines(self, now: float) -> list[bytes]:
        if self.path is None:
            if now < self._next_locate:
                return []
            self._next_locate = now + LOCATE_SECONDS
            try:
                self.path = self._locate(self._since)
            except Exception:  # a finder confused by odd files must not stop the monitor
                self.path = None
            if self.path is None:
                return []
            old_path, old_offset = self._previous
            if old_path is not None and self.path == old_path:
                self._offset = old_offset
        try:
            size = os.stat(self.path).st_size
            if size < self._offset:  # rewritten from scratch
                self._offset, self._partial = 0, b""
            if size == self._offset:
                return []
            with open(self.path, "rb") as fh:
                fh.seek(self._offset)
                data = fh.read(size - self._offset)
        except OSError:
            return []
        self._offset += len(data)
        lines = (self._partial + data).split(b"\n")
        self._partial = lines.pop()
        return lines


class JsonlUsage:
    """A JSONL file the CLI appends to; subclasses turn one record into a fraction."""

    name = "transcript"
    needles: tuple[bytes, ...] = ()  # a line without any of these is skipped unparsed

    def __init__(self, tail: FileTail, window: int) -> None:
        self.tail = tail
        self.window = window

    def poll(self, now: float) -> float | None:
        latest = None
        for line in self.tail.new_lines(now):
            if not any(n in line for n in self.needles):
                continue
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if isinstance(entry, dict):
                value = self.fraction(entry)
                latest = value if value is not None else latest
        return latest

    def fraction(self, entry: dict[str, Any]) -> float | None:
        raise NotImplementedError


class ClaudeUsage(JsonlUsage):
    """Tokens in the context according to the latest assistant entry of the session JSONL."""

    needles = (b'"usage"', b"compact_boundary")

    def fraction(self, entry: dict[str, Any]) -> float | None:
        if entry.get("isSidechain"):
            return None
        if entry.get("subtype") == "compact_boundary":
            return 0.0
        usage = (entry.get("message") or {}).get("usage") if entry.get("type") == "assistant" else None
        if not isinstance(usage, dict):
            return None
        tokens = sum(int(usage.get(k) or 0) for k in (
            "input_tokens", "cache_creation_input_tokens", "cache_read_input_tokens", "output_tokens"))
        return min(tokens / self.window, 1.0)


class CodexUsage(JsonlUsage):
    """`token_count` events of a Codex rollout: last request's tokens over the model window."""

    needles = (b"token_count",)

    def fraction(self, entry: dict[str, Any]) -> float | None:
        payload = entry.get("payload")
        info = payload.get("info") if isinstance(payload, dict) else None
        if not isinstance(info, dict):
            return None
        last = info.get("last_token_usage") or {}
        tokens = int(last.get("total_tokens") or last.get("input_tokens") or 0)
        window = int(info.get("model_context_window") or self.window)
        return min(tokens / window, 1.0) if tokens and window else None


# ---- the monitor -------------------------------------------------------------------------

class ContextMonitor(Observer):
    """Keeps `reading` (how full the context is) and `last_output` (for idle detection).

    `on_full(reading)` is called once on the writer thread when the reading reaches
    `threshold`; `reset()` (after a handoff) re-arms it for the fresh context.

    Cost: the writer thread holds the GIL while it runs observers, and the byte pump needs
    the GIL for every read, so per output chunk this does O(1) work in Python (keep the last
    RAW_TAIL_BYTES, count bytes with len()). Screen text is looked at only on a tick, at most
    every SCAN_SECONDS, and only the tail: the signals live in the CLI's status line at the
    bottom of the screen, which is always among the last bytes it printed.
    """

    def __init__(self, adapter: Any, *, window: int, threshold: float,
                 structured: Sequence[Any] = (), estimate: bool = False,
                 on_full: Callable[[Reading], None] | None = None) -> None:
        self.adapter = adapter
        self.window = window
        self.threshold = threshold
        self.structured = list(structured)
        self.estimate = estimate
        self.on_full = on_full
        self.reading: Reading | None = None
        self.last_output = 0.0
        self.child_starts = 0
        self._raw = b""  # the last RAW_TAIL_BYTES of output since the last screen wipe/reset
        self._dirty = False  # output arrived since the last scan
        self._next_scan = 0.0
        self._uncounted = 0  # estimate: bytes printed (outside full-screen mode) not yet counted
        self._printed_chars = 0.0
        self._alt_screen = False
        self._screen: Reading | None = None
        self._file: Reading | None = None
        self._next_poll = 0.0
        self._fired = False
        self._lock = threading.Lock()  # reset() comes from the handoff thread

    # -- observer events (writer thread) -----------------------------------------------------
    def on_output(self, t: float, data: bytes) -> None:
        self.last_output = t
        if self.estimate:
            counted = len(data)
            # cheap gate: only then look for full-screen switches ("?" is a memchr; the
            # 6-byte search alone cost ~0.5 ms/MB of GIL on escape-dense output)
            if b"?" in data and b"\x1b[?104" in data:
                counted = self._track_alt_screen(data)
            if not self._alt_screen:
                self._uncounted += counted
        with self._lock:
            if len(data) >= RAW_TAIL_BYTES:
                self._raw = data[-RAW_TAIL_BYTES:]
            else:
                self._raw = (self._raw + data)[-RAW_TAIL_BYTES:]
            self._dirty = True

    def _track_alt_screen(self, data: bytes) -> int:
        """A full-screen TUI redraws all the time: its bytes say nothing about its context.
        Follows the switches in `data`; returns how many of its bytes count (those after
        the last switch back to the normal screen, or all when there is no switch)."""
        on = max(data.rfind(b"\x1b[?1049h"), data.rfind(b"\x1b[?1047h"))
        off = max(data.rfind(b"\x1b[?1049l"), data.rfind(b"\x1b[?1047l"))
        if on == off:  # neither
            return len(data)
        self._alt_screen = on > off
        return 0 if self._alt_screen else len(data) - off - len(b"\x1b[?1049l")

    def on_child_start(self, t: float, argv: Sequence[str]) -> None:
        self.child_starts += 1
        self._alt_screen = False

    def on_tick(self, t: float) -> None:
        if self._dirty and t >= self._next_scan:
            self._next_scan = t + SCAN_SECONDS
            self._scan(t)
        if t >= self._next_poll:
            self._next_poll = t + POLL_SECONDS
            for source in self.structured:
                fraction = source.poll(t)
                if fraction is not None:
                    self._file = Reading(fraction, source.name, t)
        self.reading = self._combine(t)
        if self.reading is not None and not self._fired and self.reading.fraction >= self.threshold:
            self._fired = True
            if self.on_full is not None:
                self.on_full(self.reading)

    def _scan(self, t: float) -> None:
        """Read the screen tail: the CLI's own context signal, and the estimate's count."""
        with self._lock:
            raw, self._dirty = _since_last_wipe(self._raw), False
            self._raw = raw
            uncounted, self._uncounted = self._uncounted, 0
        if uncounted and raw:
            # Printed characters per byte (escapes and whitespace do not count), measured on
            # the newest bytes, applied to every byte since the last scan: exact when they
            # all fit the tail, a sampled ratio when more went by.
            sample = raw[-uncounted:]
            text = clean_screen_text(sample.decode("utf-8", "replace"))
            self._printed_chars += uncounted * (len("".join(text.split())) / len(sample))
        low = raw.lower()
        if not any(n in low for n in SIGNAL_NEEDLES):
            return
        fraction = self.adapter.context_signal(clean_screen_text(raw.decode("utf-8", "replace")),
                                               window=self.window)
        if fraction is not None:
            self._screen = Reading(fraction, "screen", t)

    def _combine(self, t: float) -> Reading | None:
        """The fullest of the real signals; the estimate only when there is none."""
        real = [r for r in (self._file, self._screen) if r is not None]
        if real:
            return max(real, key=lambda r: r.fraction)
        if self.estimate and self._printed_chars:
            return Reading(min(self._printed_chars / CHARS_PER_TOKEN / self.window, 1.0), "estimate", t)
        return None

    # -- from the handoff thread -------------------------------------------------------------
    def screen_tail(self) -> str:
        """The last few hundred characters the CLI printed, escapes removed."""
        with self._lock:
            raw = _since_last_wipe(self._raw)
        return clean_screen_text(raw.decode("utf-8", "replace"))[-SCREEN_TAIL_CHARS:]

    def quiet_for(self, now: float) -> float:
        return now - self.last_output

    def reset(self, since_epoch: float) -> None:
        """A fresh context began: old readings and old screen text no longer count."""
        with self._lock:
            self._raw, self._dirty, self._uncounted = b"", False, 0
            self._screen = self._file = None
            self._printed_chars = 0
            for source in self.structured:
                source.tail.reset(since_epoch)
            self.reading = None
            self._fired = False

    def rearm(self) -> None:
        """Allow another trigger without resetting (after a handoff that could not finish)."""
        self._fired = False

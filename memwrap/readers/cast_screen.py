"""asciicast v2 recordings -> the lines a terminal really showed -> turns.

The output is interpreted by a terminal emulator (memwrap.readers.vt; pyte before it, still
selectable as engine="pyte" for comparisons), never by regexes over escape codes. What counts
as committed text: lines that scrolled off the top, and the screen content just before each
full clear, on leaving the alternate screen, and at the end. Full-screen TUIs (Claude Code)
redraw the whole history after a clear, so each such "segment" is merged into the line log
by overlap, not appended.

Speed, all without changing the result:
* the emulator handles text runs in bulk and caches each distinct control sequence
  (benchmarks/bench_transcript.py: old pyte vs vt on real-like and full-clear streams);
* colours and window titles are removed before emulation (C-speed regex; they never move
  the cursor);
* a segment that starts with a full clear and is followed by another full redraw at least
  half its size is never emulated: the next redraw shows the same history again;
* consecutive in-place redraw frames (spinner ticks, timers) that differ only in digits and
  spinner glyphs are emulated once, the last one.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Callable, Iterator

from memwrap.readers import vt
from memwrap.readers.base import Transcript
from memwrap.readers.screen_turns import clean_lines, split_turns

FMT = "cast"
MAX_LINE = 32 << 20  # a single event line larger than this is corrupt, not output
MAX_SEGMENT = 4 << 20  # chars of output after a clear held back to see if a redraw supersedes them
# Colours (SGR), OSC strings (titles, hyperlinks), and DCS/APC strings carry no text layout.
_INVISIBLE = re.compile(r"\x1b\[[0-9;:]*m|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[P_^][^\x1b]*(?:\x1b\\)?")
_CLEAR = re.compile(r"\x1b\[[23]J")
_STARTS_CLEAR = re.compile(r"(?:\x1b\[\?2026h|\x1b\[H)*\x1b\[[23]J")
_CLEARS_ONLY = re.compile(r"(?:\x1b\[[23]J|\x1b\[H|\x1b\[\?2026[hl])*")
_REDRAW = re.compile(r"\x1b\[2K|\x1b\[\d*A|\x1b\[\?2026h")
_SIZE = re.compile(r"\s*(\d+)\s*x\s*(\d+)")
_VOLATILE = re.compile(r"[0-9·✢✳✶✻✽*⠀-⣿◐◓◑◒|/\\-]")


def sniff(head: bytes) -> bool:
    first = head.split(b"\n", 1)[0].decode("utf-8", "replace")
    try:
        header = json.loads(first)
    except ValueError:
        return False
    return isinstance(header, dict) and header.get("version") in (2, 3) and ("width" in header or "term" in header)


def _pyte_screen(columns: int, lines: int, on_line: Callable[[float, str], None],
                 on_clear: Callable[[list[tuple[float, str]]], None]) -> Any:
    """The previous engine, pyte, behind the same hooks as vt.Screen (benchmarks, fidelity tests)."""
    import pyte

    class Recorder(pyte.Screen):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__(columns, lines)
            self.row_times = [0.0] * lines  # when each row was last written (the turn time)
            self.now = 0.0
            stream = pyte.Stream(self)
            self._stream_feed = stream.feed

        def feed(self, data: str) -> None:
            try:
                self._stream_feed(data)
            finally:
                self.touch()

        def row_text(self, y: int) -> str:
            row = self.buffer[y]
            return "".join(row[x].data for x in range(self.columns)).rstrip()

        def screen_text(self) -> list[tuple[float, str]]:
            return [(self.row_times[y] if y < len(self.row_times) else self.now, self.row_text(y))
                    for y in range(self.lines)]

        def touch(self) -> None:
            """Stamp rows changed since the last call with the current time."""
            for y in self.dirty:
                if y < len(self.row_times):
                    self.row_times[y] = self.now
            self.dirty.clear()

        def resize(self, lines: int | None = None, columns: int | None = None) -> None:
            super().resize(lines, columns)
            self.row_times = (self.row_times + [self.now] * self.lines)[:self.lines]

        def index(self) -> None:
            top, bottom = self.margins or (0, self.lines - 1)
            if self.cursor.y == bottom and top == 0:
                self.touch()
                on_line(self.row_times[0], self.row_text(0))
                self.row_times = self.row_times[1:] + [self.now]
            super().index()

        def erase_in_display(self, how: int = 0, *args: Any, **kwargs: Any) -> None:
            if how in (2, 3) or (how == 0 and self.cursor.y == 0 and self.cursor.x == 0):
                self.touch()
                on_clear(self.screen_text())
            super().erase_in_display(how, *args, **kwargs)

    return Recorder()


class LineLog:
    """Committed lines in order; re-rendered history is recognised and not repeated."""

    def __init__(self) -> None:
        self.lines: list[tuple[float, str]] = []
        self._index: dict[str, list[int]] = {}

    def _append(self, t: float, line: str) -> None:
        self._index.setdefault(line, []).append(len(self.lines))
        self.lines.append((t, line))

    def merge(self, segment: list[tuple[float, str]]) -> None:
        """Add a segment, skipping its prefix that repeats the log's tail (a redraw)."""
        times = {}
        for t, line in segment:
            times.setdefault(line, t)
        seg = clean_lines([line for _, line in segment])
        if not seg:
            return
        skip = self._overlap(seg)
        for line in seg[skip:]:
            self._append(times.get(line, segment[-1][0]), line)

    def _overlap(self, seg: list[str]) -> int:
        n = len(self.lines)
        best = 0
        for p in self._index.get(seg[0], [])[-64:]:  # recent occurrences are the likely redraw start
            k = n - p
            if k <= best or k > len(seg):
                continue
            if all(self.lines[p + i][1] == seg[i] for i in range(k)):
                best = k
        if best:
            return best
        # A streamed line that grew since it was logged: replace the log's last line.
        if n and seg[0].startswith(self.lines[-1][1]) and len(self.lines[-1][1]) >= 8:
            t, old = self.lines.pop()
            self._index[old].pop()
        return 0


def iter_events(path: Path, stats: dict[str, int]) -> Iterator[tuple[float, str, str]]:
    """(time, kind, data) for each well-formed event; bad lines are counted in stats['skipped']."""
    with open(path, "rb") as fh:
        first = fh.readline(MAX_LINE)
        try:
            header = json.loads(first.decode("utf-8", "replace"))
        except ValueError:
            header = None
        if not isinstance(header, dict):
            stats["skipped"] += 1
            header = {}
        term = header.get("term") if isinstance(header.get("term"), dict) else {}
        stats["width"] = int(header.get("width") or term.get("cols") or 80)
        stats["height"] = int(header.get("height") or term.get("rows") or 24)
        stats["version"] = int(header.get("version") or 2) if str(header.get("version", 2)).isdigit() else 2
        clock = 0.0
        while True:
            raw = fh.readline(MAX_LINE)
            if not raw:
                break
            if not raw.endswith(b"\n") and len(raw) >= MAX_LINE:
                stats["skipped"] += 1
                while raw and not raw.endswith(b"\n"):
                    raw = fh.readline(MAX_LINE)
                continue
            raw = raw.strip()
            if not raw:
                continue
            try:
                event = json.loads(raw.decode("utf-8", "replace"))
                t, kind, data = float(event[0]), str(event[1]), str(event[2])
            except (ValueError, TypeError, IndexError, KeyError):
                stats["skipped"] += 1
                continue
            clock = clock + t if stats["version"] == 3 else t  # v3 stores intervals
            stats["events"] += 1
            yield clock, kind, data


def _chunks(events: Iterator[tuple[float, str, str]]) -> Iterator[tuple[float, str, str]]:
    """Output split so each full clear starts a new chunk; other events pass through."""
    for t, kind, data in events:
        if kind != "o":
            yield t, kind, data
            continue
        data = _INVISIBLE.sub("", data)
        start = 0
        for m in _CLEAR.finditer(data):
            if _CLEARS_ONLY.fullmatch(data, start, m.start()):
                continue  # ESC[2J ESC[3J ESC[H is one clear, not three segments
            if m.start() > start:
                yield t, "o", data[start:m.start()]
            start = m.start()
        if start < len(data):
            yield t, "o", data[start:]


def _dedupe_frames(chunks: Iterator[tuple[float, str, str]], stats: dict[str, int]) -> Iterator[tuple[float, str, str]]:
    """Of consecutive in-place redraws equal up to digits and spinner glyphs, keep only the last."""
    held: tuple[float, str, str] | None = None
    held_key = ""  # held's text without its volatile characters
    for item in chunks:
        t, kind, data = item
        if kind == "o" and _REDRAW.search(data) and not _STARTS_CLEAR.match(data):
            key = _VOLATILE.sub("", data)
            if held is not None and held_key == key:
                stats["skipped_bytes"] += len(held[2])
            elif held is not None:
                yield held
            held, held_key = item, key
            continue
        if held is not None:
            yield held
            held = None
        yield item
    if held is not None:
        yield held


def _skip_redrawn(chunks: Iterator[tuple[float, str, str]], stats: dict[str, int]) -> Iterator[tuple[float, str, str]]:
    """Drop a clear-started segment when the next one redraws at least half as much (see module doc).

    A segment runs from a full clear to the next one; any other event (input, resize) ends
    the chain, so a screen the user cleared away on purpose is always emulated.
    """
    prev: list[tuple[float, str, str]] = []  # complete segment awaiting the verdict
    cur: list[tuple[float, str, str]] = []  # segment being collected
    prev_size = cur_size = 0

    def verdict() -> Iterator[tuple[float, str, str]]:
        if prev and cur_size * 2 >= prev_size:
            stats["skipped_bytes"] += prev_size
        else:
            yield from prev

    for item in chunks:
        t, kind, data = item
        if kind == "o" and _STARTS_CLEAR.match(data):
            yield from verdict()
            prev, prev_size = cur, cur_size
            cur, cur_size = [item], len(data)
        elif kind == "o" and cur:
            cur.append(item)
            cur_size += len(data)
            if cur_size > MAX_SEGMENT:  # no redraw is this big: stop holding output (bounded memory)
                yield from verdict()
                yield from cur
                prev, cur, prev_size, cur_size = [], [], 0, 0
        else:
            yield from verdict()
            yield from cur
            prev, cur, prev_size, cur_size = [], [], 0, 0
            yield item
    yield from verdict()
    yield from cur


def screen_lines(path: Path, stats: dict[str, int] | None = None, *, engine: str = "vt") -> list[tuple[float, str]]:
    """The committed lines of a recording, with the time each was committed.

    engine "vt" is memwrap's own emulator; "pyte" the slower reference it replaced.
    """
    stats = stats if stats is not None else {}
    stats.update(skipped=0, events=0, skipped_bytes=0, emulated_bytes=0, errors=0)
    log = LineLog()
    pending: list[tuple[float, str]] = []  # lines scrolled off since the last segment boundary

    def on_line(t: float, line: str) -> None:
        pending.append((t, line))

    def on_clear(screen: list[tuple[float, str]]) -> None:
        log.merge(pending + screen)
        pending.clear()

    events = iter_events(path, stats)
    first = next(events, None)  # reads the header, so the size is known
    width, height = max(1, stats.get("width", 80)), max(1, stats.get("height", 24))
    screen = (_pyte_screen(width, height, on_line, on_clear) if engine == "pyte"
              else vt.Screen(width, height, on_line, on_clear))

    def items() -> Iterator[tuple[float, str, str]]:
        if first is not None:
            yield first
        yield from events

    for t, kind, data in _skip_redrawn(_dedupe_frames(_chunks(items()), stats), stats):
        screen.now = t
        if kind == "o":
            stats["emulated_bytes"] += len(data)
            try:
                screen.feed(data)
            except Exception:  # a malformed sequence the emulator chokes on: lose this chunk, keep the session
                stats["errors"] += 1
        elif kind == "r":
            m = _SIZE.match(data)
            if m:
                screen.resize(lines=max(1, int(m.group(2))), columns=max(1, int(m.group(1))))
    on_clear(screen.screen_text())
    return log.lines


def read(path: Path, *, cli: str = "", engine: str = "vt", **_: Any) -> Transcript:
    stats: dict[str, int] = {}
    lines = screen_lines(path, stats, engine=engine)
    turns, dropped = split_turns(lines, cli=cli)
    notes = [f"{stats['events']} events, emulated {stats['emulated_bytes']} chars, "
             f"{stats['skipped_bytes']} chars of superseded redraws skipped"]
    if stats["skipped"]:
        notes.append(f"skipped {stats['skipped']} unreadable event lines")
    if stats["errors"]:
        notes.append(f"{stats['errors']} output chunks the emulator rejected")
    if dropped:
        notes.append(f"{dropped} lines before the first prompt dropped (banner)")
    return Transcript(turns=turns, fmt=FMT, skipped=stats["skipped"] + stats["errors"], notes=notes)

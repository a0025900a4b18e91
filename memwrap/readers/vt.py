"""A small, fast terminal emulator that keeps only text: enough to read what a CLI showed.

Why not pyte: pyte parses one character at a time through a generator and builds a
namedtuple per cell (colours, bold, ...); on Claude Code output (cursor moves and line
erases every few characters) it runs at about 1 MB/s. This screen keeps each row as a
list of one-character strings, splits the input with one regular expression into runs of
printable text and control sequences, writes text runs with list-slice assignment, and
caches the parsed form of each distinct control sequence (a TUI repeats the same few
hundred), so the per-sequence cost is a dict lookup and a method call.

Semantics follow pyte (what the readers were built and tested against) so the committed
lines are the same; where pyte is wrong the real-terminal behaviour wins (listed in
tests/test_vt_fidelity.py): alternate screen, NEL, SU/SD, CSI s/u, REP, zero-width
characters that pyte treats as "stop drawing", and rows lost on shrink or reset.

Hooks, the reason this exists: `on_scroll(time, text)` for each line that scrolls off the
top, `on_clear(rows)` with the whole screen just before it is wiped (ED 2/3, ED 0 at home,
RIS, leaving the alternate screen). Every row carries the time it was last written.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import partial
from typing import Callable, Optional

from wcwidth import wcwidth

# One token = a control sequence or a single control character; the text between tokens is
# printable. A CSI, ESC or string sequence cut off at the end of the input also matches (it
# is held back and completed by the next feed).
_TOKEN = re.compile(
    r"[^\x00-\x1f\x7f-\x9f]+"  # printable text
    r"|\x1b\[[0-?]*[ -/]*(?:[@-~]|\Z)"  # CSI
    r"|\x1b[\]P_^X][^\x07\x1b\x9c]*(?:\x07|\x9c|\x1b\\|\x1b?\Z)"  # OSC, DCS, APC, PM, SOS strings
    r"|\x1b[ -/]*(?:[0-~]|\Z)"  # other escapes: ESC 7, ESC M, ESC ( B, ESC # 8
    r"|[\x00-\x1f\x7f-\x9f]"  # single C0/C1 controls, and an ESC no rule above takes
)
_FINISHED = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[\]P_^X].*(?:\x07|\x9c|\x1b\\)|\x1b(?![\[\]P_^X])[ -/]*[0-~]|[^\x1b]", re.S)
_MAX_HELD = 1 << 16  # an unterminated string sequence longer than this is dropped, not buffered
_MAX_SAVED = 64  # cursor save stack depth (pyte's is unbounded)
_CACHE_MAX = 4096

# Characters already classified as one cell wide; shared, bounded by Unicode itself.
_NARROW: set[str] = set()
_ODD: set[str] = set()  # wide, zero-width or combining


def char_width(ch: str) -> int:
    """Cells a character takes, as pyte and xterm-like terminals count them (wcwidth)."""
    w = wcwidth(ch)
    return w if w >= 0 else 0


def _all_narrow(chars: set[str]) -> bool:
    unknown = chars - _NARROW
    if not unknown:
        return True
    narrow = True
    for ch in unknown:
        if ch in _ODD:
            narrow = False
        elif char_width(ch) == 1:
            _NARROW.add(ch)
        else:
            _ODD.add(ch)
            narrow = False
    return narrow


Rows = list[tuple[float, str]]


class Screen:
    """A grid of cells plus cursor, scroll region, modes and the alternate screen."""

    def __init__(self, columns: int, lines: int, on_scroll: Optional[Callable[[float, str], None]] = None,
                 on_clear: Optional[Callable[[Rows], None]] = None) -> None:
        self.columns = max(1, columns)
        self.lines = max(1, lines)
        self.on_scroll = on_scroll
        self.on_clear = on_clear
        self.now = 0.0  # the time stamped on rows written by the next feed
        self._held = ""  # an unfinished escape sequence from the end of the last feed
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._cache: dict[str, Callable[[], None]] = {}  # control token -> its bound handler
        self._last_text = " "  # REP repeats its last character
        self._alt: Optional[tuple] = None  # the main screen's state while the alternate one shows
        self._reset_state()

    # --- state -----------------------------------------------------------------------------

    def _reset_state(self) -> None:
        self.rows = [[" "] * self.columns for _ in range(self.lines)]
        self.times = [self.now] * self.lines
        self._restamp = True  # every row takes the time of the next feed (pyte marks all dirty)
        self.x = self.y = 0
        self.top, self.bottom = 0, self.lines - 1
        self.margins = False  # a scroll region narrower than the screen is set
        self.autowrap = True  # DECAWM
        self.origin = False  # DECOM
        self.insert = False  # IRM
        self.newline = False  # LNM: LF also returns the carriage
        self.tabstops = set(range(8, self.columns, 8))
        self.saved: list[tuple[int, int, bool, bool]] = []

    def row_text(self, y: int) -> str:
        return "".join(self.rows[y]).rstrip()

    @property
    def display(self) -> list[str]:
        """The screen as text, one string per row (trailing blanks kept, like pyte)."""
        return ["".join(row) for row in self.rows]

    def screen_text(self) -> Rows:
        if self._restamp:
            self._restamp = False
            self.times = [self.now] * self.lines
        return [(self.times[y], self.row_text(y)) for y in range(self.lines)]

    # --- input -----------------------------------------------------------------------------

    def feed_bytes(self, data: bytes) -> None:
        """Raw terminal output; a UTF-8 sequence split between calls is joined."""
        self.feed(self._decoder.decode(data))

    def feed(self, data: str) -> None:
        if self._restamp:
            self._restamp = False
            self.times = [self.now] * self.lines
        if self._held:
            data = self._held + data
            self._held = ""
        if "\x9b" in data or "\x9d" in data:  # 8-bit CSI/OSC, as pyte reads them
            data = data.replace("\x9b", "\x1b[").replace("\x9d", "\x1b]")
        tokens = _TOKEN.findall(data)
        last = tokens[-1] if tokens else ""
        if last[:1] == "\x1b" and not _FINISHED.fullmatch(last):
            self._held = last if len(last) <= _MAX_HELD else ""
            tokens.pop()
        cache = self._cache
        draw = self.draw
        for token in tokens:
            op = cache.get(token)
            if op is not None:
                op()
            elif token[0] == "\x1b" or (len(token) == 1 and (token < " " or "\x7f" <= token <= "\x9f")):
                handler, params = self._parse(token)
                op = partial(handler, *params) if params else handler
                if len(cache) >= _CACHE_MAX:
                    cache.clear()
                cache[token] = op
                op()
            elif token.isascii() and self.x + len(token) <= self.columns and not self.insert:
                x, y = self.x, self.y  # inline fast path of draw(): narrow text that fits the row
                self.x = x + len(token)
                self.rows[y][x:self.x] = token
                self.times[y] = self.now
                self._last_text = token
            else:
                draw(token)

    def _parse(self, token: str) -> tuple[Callable[..., None], tuple[int, ...]]:
        """The handler and arguments of one control token (cached by the caller)."""
        if len(token) == 1:
            return _C0.get(token, Screen._nothing).__get__(self), ()
        kind = token[1]
        if kind == "[":
            final, body = token[-1], token[2:-1]
            if not body or body[0] not in "<=>" and body[-1] not in " !\"#$%&'()*+,-./":
                private = body.startswith("?")
                if private:
                    body = body[1:]
                try:
                    params = tuple(min(int(p or 0), 9999) for p in body.split(";")) if body else ()
                except ValueError:  # sub-parameters (':') or stray '?'
                    return self._nothing, ()
                if private:
                    handler = _CSI_PRIVATE.get(final)
                    if handler is not None:
                        return handler.__get__(self), params
                else:
                    handler = _CSI.get(final)
                    if handler is not None:
                        return handler.__get__(self), params
            return self._nothing, ()
        if kind in "]P_^X":
            return self._nothing, ()
        handler = _ESC.get(token[1:])
        return (handler.__get__(self), ()) if handler is not None else (self._nothing, ())

    def _nothing(self, *_: int) -> None:
        pass

    # --- text ------------------------------------------------------------------------------

    def draw(self, text: str) -> None:
        if not text.isascii() and not _all_narrow(set(text)):
            self._draw_slow(text)
            return
        cols = self.columns
        x, y = self.x, self.y
        row = self.rows[y]
        n = len(text)
        if x + n <= cols and not self.insert:  # the common case: no wrap
            row[x:x + n] = text
            self.x = x + n
            self.times[y] = self.now
            self._last_text = text
            return
        while text:
            if x >= cols:
                if self.autowrap:
                    self.times[y] = self.now
                    self.x = 0
                    self.linefeed()
                    x, y = 0, self.y
                    row = self.rows[y]
                else:  # without wrap every further character lands in the last column
                    x, text = cols - 1, text[-1]
            k = min(len(text), cols - x)
            if self.insert:
                row[x:x] = text[:k]
                del row[cols:]
            else:
                row[x:x + k] = text[:k]
            x += k
            text = text[k:]
        self.x = x
        self.times[y] = self.now
        self._last_text = row[x - 1] if x else self._last_text

    def _draw_slow(self, text: str) -> None:
        """Character by character, for text with wide or zero-width characters (pyte's rules)."""
        cols = self.columns
        for ch in text:
            w = 1 if ch in _NARROW else char_width(ch)
            if self.x >= cols:
                if self.autowrap:
                    self.times[self.y] = self.now
                    self.x = 0
                    self.linefeed()
                elif w > 0:
                    self.x = cols - w
            row = self.rows[self.y]
            x = self.x
            if w == 0:
                if unicodedata.combining(ch):  # joins the previous cell; other zero-width ones vanish
                    if x:
                        row[x - 1] = unicodedata.normalize("NFC", row[x - 1] + ch)
                    elif self.y:
                        prev = self.rows[self.y - 1]
                        prev[cols - 1] = unicodedata.normalize("NFC", prev[cols - 1] + ch)
                continue
            if self.insert:
                row[x:x] = [" "] * w
                del row[cols:]
            row[x] = ch
            if w == 2 and x + 1 < cols:
                row[x + 1] = ""  # the wide character's second cell
            self.x = min(x + w, cols)
            self._last_text = ch
        self.times[self.y] = self.now

    def repeat(self, count: int = 0, *_: int) -> None:
        """REP: the last printed character again."""
        self.draw(self._last_text[-1] * min(count or 1, self.columns * self.lines))

    # --- C0 controls -----------------------------------------------------------------------

    def linefeed(self) -> None:
        self.index()
        if self.newline:
            self.x = 0

    def index(self) -> None:
        y = self.y
        if y == self.bottom:
            self._scroll_up(1)
        else:  # below a scroll region pyte moves to its bottom; kept for identical output
            self.y = y + 1 if y < self.bottom else self.bottom

    def reverse_index(self) -> None:
        if self.y == self.top:
            self._scroll_down(1)
        else:
            self.y = max(self.y - 1, self.top)

    def next_line(self) -> None:
        self.x = 0
        self.index()

    def backspace(self) -> None:
        self.cursor_back(1)

    def tab(self) -> None:
        stops = [s for s in self.tabstops if s > self.x]
        self.x = min(stops) if stops else self.columns - 1

    def carriage_return(self) -> None:
        self.x = 0

    # --- scrolling -------------------------------------------------------------------------

    def _scroll_up(self, count: int) -> None:
        """Region moves up; rows leaving a region that starts at the top are committed."""
        top, bottom = self.top, self.bottom
        count = min(count, bottom - top + 1)
        if top == 0 and self.on_scroll is not None:
            for y in range(count):
                self.on_scroll(self.times[y], self.row_text(y))
        cols = self.columns
        self.rows[top:bottom + 1] = self.rows[top + count:bottom + 1] + [[" "] * cols for _ in range(count)]
        self.times = [self.now] * self.lines

    def _scroll_down(self, count: int) -> None:
        top, bottom = self.top, self.bottom
        count = min(count, bottom - top + 1)
        cols = self.columns
        self.rows[top:bottom + 1] = [[" "] * cols for _ in range(count)] + self.rows[top:bottom + 1 - count]
        self.times = [self.now] * self.lines

    def scroll_up(self, count: int = 0, *_: int) -> None:
        self._scroll_up(count or 1)

    def scroll_down(self, count: int = 0, *_: int) -> None:
        self._scroll_down(count or 1)

    def set_margins(self, top: int = 0, bottom: Optional[int] = None, *_: int) -> None:
        """DECSTBM as pyte reads it: no bottom and no top resets; a region under 2 rows is ignored."""
        if not top and bottom is None:
            self.top, self.bottom, self.margins = 0, self.lines - 1, False
            return
        last = self.lines - 1
        new_top = max(0, min(top - 1, last))
        new_bottom = self.bottom if bottom is None else max(0, min(bottom - 1, last))
        if new_bottom - new_top >= 1:
            self.top, self.bottom, self.margins = new_top, new_bottom, True
            self.cursor_position()

    # --- cursor ----------------------------------------------------------------------------

    # Conditional expressions, not min()/max(): these run for most tokens of a TUI's output.
    def cursor_up(self, count: int = 0, *_: int) -> None:
        y = self.y - (count or 1)
        self.y = y if y > self.top else self.top

    def cursor_down(self, count: int = 0, *_: int) -> None:
        y = self.y + (count or 1)
        self.y = y if y < self.bottom else self.bottom

    def cursor_up1(self, count: int = 0, *_: int) -> None:
        self.cursor_up(count)
        self.x = 0

    def cursor_down1(self, count: int = 0, *_: int) -> None:
        self.cursor_down(count)
        self.x = 0

    def cursor_forward(self, count: int = 0, *_: int) -> None:
        x, last = self.x + (count or 1), self.columns - 1
        self.x = x if x < last else last

    def cursor_back(self, count: int = 0, *_: int) -> None:
        x = (self.x if self.x < self.columns else self.columns - 1) - (count or 1)
        self.x = x if x > 0 else 0

    def cursor_position(self, line: int = 0, column: int = 0, *_: int) -> None:
        y = (line or 1) - 1
        if self.origin and self.margins:
            y += self.top
            if not self.top <= y <= self.bottom:
                return
        self.x = min(max(0, (column or 1) - 1), self.columns - 1)
        lo, hi = (self.top, self.bottom) if self.origin and self.margins else (0, self.lines - 1)
        self.y = min(max(lo, y), hi)

    def cursor_to_column(self, column: int = 0, *_: int) -> None:
        x, last = (column or 1) - 1, self.columns - 1
        self.x = x if x < last else last

    def cursor_to_line(self, line: int = 0, *_: int) -> None:
        y = (line or 1) - 1
        if self.origin and self.margins:
            y += self.top
        lo, hi = (self.top, self.bottom) if self.origin and self.margins else (0, self.lines - 1)
        self.y = min(max(lo, y), hi)

    def save_cursor(self, *_: int) -> None:
        self.saved.append((self.x, self.y, self.origin, self.autowrap))
        del self.saved[:-_MAX_SAVED]

    def restore_cursor(self, *_: int) -> None:
        if not self.saved:
            self.origin = False
            self.cursor_position()
            return
        x, y, origin, wrap = self.saved.pop()
        self.origin = self.origin or origin  # pyte sets what was set and leaves the rest
        self.autowrap = self.autowrap or wrap
        self.x = min(max(0, x), self.columns - 1)
        self.y = min(max(self.top, y), self.bottom)

    # --- editing ---------------------------------------------------------------------------

    def _blank(self, y: int, start: int, end: int) -> None:
        if end > start:
            self.rows[y][start:end] = [" "] * (end - start)
        self.times[y] = self.now

    def erase_in_line(self, how: int = 0, *_: int) -> None:
        if how == 0:
            self._blank(self.y, self.x, self.columns)
        elif how == 1:
            self._blank(self.y, 0, min(self.x + 1, self.columns))
        elif how == 2:
            self._blank(self.y, 0, self.columns)

    def erase_in_display(self, how: int = 0, *_: int) -> None:
        if how in (2, 3) or (how == 0 and self.x == 0 and self.y == 0):
            self._clear_hook()
        if how == 0:
            rows = range(self.y + 1, self.lines)
        elif how == 1:
            rows = range(self.y)
        elif how in (2, 3):
            rows = range(self.lines)
        else:
            return
        cols = self.columns
        for y in rows:
            self.rows[y] = [" "] * cols
            self.times[y] = self.now
        if how in (0, 1):
            self.erase_in_line(how)

    def _clear_hook(self) -> None:
        if self.on_clear is not None:
            self.on_clear(self.screen_text())

    def erase_characters(self, count: int = 0, *_: int) -> None:
        self._blank(self.y, self.x, min(self.x + (count or 1), self.columns))

    def insert_characters(self, count: int = 0, *_: int) -> None:
        row = self.rows[self.y]
        row[self.x:self.x] = [" "] * min(count or 1, self.columns)
        del row[self.columns:]
        self.times[self.y] = self.now

    def delete_characters(self, count: int = 0, *_: int) -> None:
        row = self.rows[self.y]
        if self.x < self.columns:
            n = min(count or 1, self.columns - self.x)
            del row[self.x:self.x + n]
            row.extend([" "] * n)
        self.times[self.y] = self.now

    def insert_lines(self, count: int = 0, *_: int) -> None:
        if self.top <= self.y <= self.bottom:
            n = min(count or 1, self.bottom - self.y + 1)
            region = self.rows[self.y:self.bottom + 1]
            self.rows[self.y:self.bottom + 1] = [[" "] * self.columns for _ in range(n)] + region[:len(region) - n]
            self._stamp_from(self.y)
            self.x = 0

    def delete_lines(self, count: int = 0, *_: int) -> None:
        if self.top <= self.y <= self.bottom:
            n = min(count or 1, self.bottom - self.y + 1)
            region = self.rows[self.y:self.bottom + 1]
            self.rows[self.y:self.bottom + 1] = region[n:] + [[" "] * self.columns for _ in range(n)]
            self._stamp_from(self.y)
            self.x = 0

    def _stamp_from(self, y: int) -> None:
        self.times[y:] = [self.now] * (self.lines - y)

    def alignment_display(self) -> None:
        self.rows = [["E"] * self.columns for _ in range(self.lines)]
        self._stamp_from(0)

    def set_tab_stop(self) -> None:
        self.tabstops.add(self.x)

    def clear_tab_stop(self, how: int = 0, *_: int) -> None:
        if how == 0:
            self.tabstops.discard(self.x)
        elif how == 3:
            self.tabstops = set()

    # --- modes -----------------------------------------------------------------------------

    def set_mode(self, *modes: int) -> None:
        self._ansi_modes(modes, True)

    def reset_mode(self, *modes: int) -> None:
        self._ansi_modes(modes, False)

    def set_private(self, *modes: int) -> None:
        self._private_modes(modes, True)

    def reset_private(self, *modes: int) -> None:
        self._private_modes(modes, False)

    def _ansi_modes(self, modes: tuple[int, ...], on: bool) -> None:
        for mode in modes:
            if mode == 4:  # IRM
                self.insert = on
            elif mode == 20:  # LNM
                self.newline = on

    def _private_modes(self, modes: tuple[int, ...], on: bool) -> None:
        """DECAWM, DECOM and the alternate screen; the rest (cursor, mouse, paste, sync) show no text."""
        for mode in modes:
            if mode == 7:
                self.autowrap = on
            elif mode == 6:
                self.origin = on
                self.cursor_position()
            elif mode in (47, 1047, 1049):
                if on:
                    self._enter_alt(save=mode == 1049)
                else:
                    self._leave_alt(restore=mode == 1049)

    def _enter_alt(self, save: bool) -> None:
        if self._alt is not None:
            return
        self._alt = (self.rows, self.times, self.x, self.y, save)
        self.rows = [[" "] * self.columns for _ in range(self.lines)]
        self.times = [self.now] * self.lines

    def _leave_alt(self, restore: bool) -> None:
        if self._alt is None:
            return
        self._clear_hook()  # what the full-screen program showed last is committed
        rows, times, x, y, saved = self._alt
        self._alt = None
        self.rows, self.times = rows, times
        if saved or restore:
            self.x, self.y = min(x, self.columns - 1), min(y, self.lines - 1)

    def reset(self) -> None:
        """RIS: everything back to power-on; the screen is committed first (pyte just drops it)."""
        self._clear_hook()
        self._alt = None
        self._reset_state()

    # --- geometry --------------------------------------------------------------------------

    def resize(self, lines: int, columns: int) -> None:
        """New size; rows cut from the top are committed, as a terminal pushes them to history."""
        lines, columns = max(1, lines), max(1, columns)
        if (lines, columns) == (self.lines, self.columns):
            return
        if self._alt is not None:  # the main screen is resized too, then shown again later
            rows, times, x, y, saved = self._alt
            self._alt = (self._fit(rows, lines, columns, commit=False), [self.now] * lines, x, y, saved)
        drop = max(0, self.lines - lines)
        self.rows = self._fit(self.rows, lines, columns, commit=self._alt is None)
        self.lines, self.columns = lines, columns
        self.times = [self.now] * lines
        self._restamp = True
        self.top, self.bottom, self.margins = 0, lines - 1, False
        self.tabstops = {s for s in self.tabstops if s < columns} | set(range(8, columns, 8))
        self.y = min(max(0, self.y - drop), lines - 1)
        self.x = min(self.x, columns)

    def _fit(self, rows: list[list[str]], lines: int, columns: int, commit: bool) -> list[list[str]]:
        drop = max(0, len(rows) - lines)
        if commit and self.on_scroll is not None:
            for y in range(drop):
                self.on_scroll(self.times[y], "".join(rows[y]).rstrip())
        rows = rows[drop:]
        out = []
        for row in rows:
            out.append(row[:columns] if len(row) >= columns else row + [" "] * (columns - len(row)))
        out += [[" "] * columns for _ in range(lines - len(out))]
        return out


# Dispatch tables: control -> unbound Screen method (bound once per distinct token, cached).
_C0 = {
    "\x08": Screen.backspace, "\t": Screen.tab, "\n": Screen.linefeed, "\x0b": Screen.linefeed,
    "\x0c": Screen.linefeed, "\r": Screen.carriage_return,
}
_ESC = {
    "c": Screen.reset, "D": Screen.index, "E": Screen.next_line, "M": Screen.reverse_index,
    "H": Screen.set_tab_stop, "7": Screen.save_cursor, "8": Screen.restore_cursor,
    "#8": Screen.alignment_display,
}
_CSI = {
    "@": Screen.insert_characters, "A": Screen.cursor_up, "B": Screen.cursor_down, "C": Screen.cursor_forward,
    "D": Screen.cursor_back, "E": Screen.cursor_down1, "F": Screen.cursor_up1, "G": Screen.cursor_to_column,
    "H": Screen.cursor_position, "J": Screen.erase_in_display, "K": Screen.erase_in_line,
    "L": Screen.insert_lines, "M": Screen.delete_lines, "P": Screen.delete_characters,
    "S": Screen.scroll_up, "T": Screen.scroll_down, "X": Screen.erase_characters, "a": Screen.cursor_forward,
    "b": Screen.repeat, "d": Screen.cursor_to_line, "e": Screen.cursor_down, "f": Screen.cursor_position,
    "g": Screen.clear_tab_stop, "h": Screen.set_mode, "l": Screen.reset_mode, "r": Screen.set_margins,
    "s": Screen.save_cursor, "u": Screen.restore_cursor, "`": Screen.cursor_to_column,
}
_CSI_PRIVATE = {
    "h": Screen.set_private, "l": Screen.reset_private, "J": Screen.erase_in_display, "K": Screen.erase_in_line,
}

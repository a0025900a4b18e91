"""A PTY session that is invisible to the user.

The child runs in its own pseudo-terminal. The pump (the thread that calls `Session.run`,
normally the main thread, because signals are delivered there) only moves bytes: outer
terminal -> child and child -> outer terminal, in 64 KB reads, with a self-pipe to wake it
for signals and for requests from other threads. Every output chunk is also appended to a
bounded queue that a writer thread drains; the writer feeds the observers (the recorder,
the context monitor, the first-message injector). If the writer falls behind, the pump
drops recording data and says so in a marker; it never waits on disk.

Job control: the child is not started directly. A small supervisor process (a fork of
this one, no exec) is the session leader of the new terminal and runs the command in its
own foreground process group. That keeps the command's process group non-orphaned, so
Ctrl-Z suspends it as in a bare terminal; the supervisor then stops itself, memwrap sees
that, gives the terminal back and suspends too, and `fg` reverses the chain.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import select
import signal
import struct
import sys
import termios
import threading
import time
import tty
from collections import deque
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from memwrap.errors import CommandNotFound, MemwrapError

READ_SIZE = 1 << 16
# Recording data in flight before the pump starts dropping it: seconds of a busy CLI's output
# on a stalled disk, while the wrapper stays well inside its 60 MB RSS budget (issue 9).
QUEUE_LIMIT_BYTES = 16 << 20
COALESCE_SECONDS = 0.01  # output chunks this close together become one event...
# ...up to this size, so no single encode holds the GIL for long, and below glibc's 128 KB
# mmap threshold: the recorder's copies of a bigger event each got fresh pages (a flood of
# 50 MB took 38k page faults at 128 KB, 16k at 64 KB, the same as with no recorder at all)
COALESCE_BYTES = 64 << 10
SWITCH_INTERVAL = 0.0005  # GIL hand-over: the pump must not wait 5 ms for the writer
TICK_SECONDS = 0.02  # the writer's pace: output reaches observers within this, and on_tick
DRAIN_IDLE_SECONDS = 0.05  # after the child exits, how long to wait for more output
RESTART_GRACE_SECONDS = 3.0  # SIGTERM, then SIGKILL, when restarting the child
_FORWARDED = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT, signal.SIGQUIT)


class Observer:
    """Receives the session's events on the writer thread. Override what you need.

    Times are seconds since the session started. An observer that raises is switched off
    and its error kept in `Session.observer_errors`; it never stops the session.
    """

    def on_output(self, t: float, data: bytes) -> None: ...
    def on_input(self, t: float, data: bytes) -> None: ...
    def on_resize(self, t: float, cols: int, rows: int) -> None: ...
    def on_marker(self, t: float, label: str) -> None: ...
    def on_child_start(self, t: float, argv: Sequence[str]) -> None: ...
    def on_child_exit(self, t: float, status: int) -> None: ...
    def on_tick(self, t: float) -> None: ...
    def on_close(self, t: float) -> None: ...


class QuietDetector(Observer):
    """Runs `action` once, when output has gone quiet for `quiet` seconds after the child
    printed at least `min_bytes` (a CLI waiting for input), or after `max_wait` anyway."""

    def __init__(self, action: Callable[[], None], *, quiet: float = 0.8,
                 min_bytes: int = 1, max_wait: float | None = 20.0) -> None:
        self.action = action
        self.quiet = quiet
        self.min_bytes = min_bytes
        self.max_wait = max_wait
        self.seen = 0
        self.last_output: float | None = None
        self.fired = False

    def on_output(self, t: float, data: bytes) -> None:
        self.seen += len(data)
        self.last_output = t

    def on_tick(self, t: float) -> None:
        if self.fired:
            return
        settled = (self.seen >= self.min_bytes and self.last_output is not None
                   and t - self.last_output >= self.quiet)
        if settled or (self.max_wait is not None and t >= self.max_wait):
            self.fired = True
            self.action()


# DEC private modes a crashed child can leave switched on, with the sequence that undoes each.
_MODE_RESETS = {
    "1049": b"\x1b[?1049l", "1047": b"\x1b[?1047l", "47": b"\x1b[?47l",
    "2004": b"\x1b[?2004l", "1000": b"\x1b[?1000l", "1002": b"\x1b[?1002l",
    "1003": b"\x1b[?1003l", "1006": b"\x1b[?1006l", "1015": b"\x1b[?1015l",
    "1004": b"\x1b[?1004l",
}
_MODE_RE = re.compile(rb"\x1b\[\?([0-9;]+)([hl])")


class ModeTracker(Observer):
    """Follows the terminal modes the child switches, to paste correctly and to restore."""

    def __init__(self) -> None:
        self.on: set[str] = set()
        self.cursor_hidden = False
        self._tail = b""

    def on_output(self, t: float, data: bytes) -> None:
        # "?" first: a memchr, where the three-byte search is slow on ESC-dense output
        if (b"?" not in data or b"\x1b[?" not in data) and b"\x1b" not in self._tail:
            self._tail = b""
            return
        buf = self._tail + data
        for match in _MODE_RE.finditer(buf):
            enable = match.group(2) == b"h"
            for mode in match.group(1).decode().split(";"):
                if mode == "25":
                    self.cursor_hidden = not enable
                elif mode in _MODE_RESETS:
                    (self.on.add if enable else self.on.discard)(mode)
        cut = buf.rfind(b"\x1b")
        self._tail = buf[cut:] if cut >= 0 and len(buf) - cut < 24 and not _MODE_RE.match(buf, cut) else b""

    def on_child_start(self, t: float, argv: Sequence[str]) -> None:
        self.on.clear()
        self.cursor_hidden = False

    @property
    def bracketed_paste(self) -> bool:
        return "2004" in self.on

    def reset_sequence(self) -> bytes:
        seq = b"".join(_MODE_RESETS[m] for m in sorted(self.on))
        return seq + (b"\x1b[?25h" if self.cursor_hidden else b"")


@dataclass(frozen=True)
class WinSize:
    rows: int = 24
    cols: int = 80
    xpixel: int = 0
    ypixel: int = 0

    def pack(self) -> bytes:
        return struct.pack("HHHH", self.rows, self.cols, self.xpixel, self.ypixel)


def terminal_size(*fds: int) -> WinSize:
    """The size of the first fd that is a terminal, else $COLUMNS/$LINES, else 80x24."""
    for fd in fds:
        try:
            rows, cols, xp, yp = struct.unpack("HHHH", fcntl.ioctl(fd, termios.TIOCGWINSZ, b"\0" * 8))
        except OSError:
            continue
        if rows and cols:
            return WinSize(rows, cols, xp, yp)
    try:
        return WinSize(int(os.environ.get("LINES", 24)), int(os.environ.get("COLUMNS", 80)))
    except ValueError:
        return WinSize()


def exit_code(status: int) -> int:
    """A wait status as a shell would report it: the exit code, or 128+N for signal N."""
    if os.WIFSIGNALED(status):
        return 128 + os.WTERMSIG(status)
    if os.WIFEXITED(status):
        return os.WEXITSTATUS(status)
    return 1


class Session:
    """Run one command in a PTY; `run()` returns its exit code (128+N on signal N)."""

    def __init__(self, argv: Sequence[str], *, env: dict[str, str] | None = None,
                 cwd: str | None = None, observers: Iterable[Observer] = (),
                 record_input: bool = False, stdin_fd: int = 0, stdout_fd: int = 1) -> None:
        if not argv:
            raise MemwrapError("no command to run")
        self.argv = list(argv)
        self.env = dict(os.environ if env is None else env)
        self.cwd = cwd
        self.modes = ModeTracker()
        self.observers: list[Observer] = [self.modes, *observers]
        self.observer_errors: list[str] = []
        self.record_input = record_input
        # keyboard bytes -> bytes for the child, on the pump (must be cheap); the handoff's
        # key chord is taken out here so it never reaches the CLI
        self.input_filter: Callable[[bytes], bytes] | None = None
        self.stdin_fd = stdin_fd
        self.stdout_fd = stdout_fd
        self.dropped_bytes = 0
        self.start_time = time.time()
        self._t0 = time.monotonic()
        self._pid = 0
        self._master = -1
        self._size = WinSize()
        self._saved_tty: list | None = None
        # writer queue: the pump appends, the writer pops; both ends are lock-free deque ops
        self._events: deque = deque()
        self._events_ready = threading.Event()
        self._bytes_out = 0  # written only by the writer
        # requests from other threads, applied by the pump
        self._lock = threading.Lock()
        self._to_send: list[bytes] = []
        self._restart: tuple[list[str], dict[str, str] | None] | None = None
        self._signals: list[int] = []
        self._wake_r, self._wake_w = os.pipe()
        for fd in (self._wake_r, self._wake_w):
            os.set_blocking(fd, False)

    # ---- thread-safe actions -------------------------------------------------------------

    def now(self) -> float:
        return time.monotonic() - self._t0

    def send(self, data: bytes) -> None:
        """Write bytes to the child as if typed. Safe from any thread."""
        with self._lock:
            self._to_send.append(bytes(data))
        self._wake()

    def paste(self, text: str, *, submit: bool = False) -> None:
        """Type `text` into the child, as a bracketed paste when the child asked for those
        (so a multi-line block is one input, not many Enter presses), then Enter if asked."""
        body = text.encode("utf-8")
        if self.modes.bracketed_paste:
            body = b"\x1b[200~" + body.replace(b"\x1b[201~", b"") + b"\x1b[201~"
        self.send(body + (b"\r" if submit else b""))

    def restart(self, argv: Sequence[str], env: dict[str, str] | None = None) -> None:
        """End the current child and start `argv` in the same terminal. Safe from any thread."""
        with self._lock:
            self._restart = (list(argv), dict(env) if env is not None else None)
        self._wake()

    def mark(self, label: str) -> None:
        """Put a marker event in the recording. Safe from any thread."""
        self._events.append((self.now(), "m", label))
        self._events_ready.set()

    def _wake(self) -> None:
        try:
            os.write(self._wake_w, b"w")
        except BlockingIOError:
            pass  # the pipe is full, so the pump is awake anyway

    # ---- the child -----------------------------------------------------------------------

    def _spawn(self, argv: list[str], env: dict[str, str]) -> None:
        err_r, err_w = os.pipe()
        child_tty = self._saved_tty  # the child starts with the user's terminal settings
        pid, master = os.forkpty()
        if pid == 0:  # supervisor: session leader of the new terminal
            os.close(err_r)
            _supervise(argv, env, self.cwd, child_tty, self._size, err_w)  # never returns
        os.close(err_w)
        with os.fdopen(err_r, "rb") as fh:
            failure = fh.read()
        if failure:
            _, status = os.waitpid(pid, 0)
            os.close(master)
            code, _, message = failure.decode(errors="replace").partition(":")
            if code == "127":
                raise CommandNotFound(f"{argv[0]}: command not found")
            raise MemwrapError(f"cannot run {argv[0]}: {message}")
        os.set_blocking(master, False)
        self._pid, self._master = pid, master
        self._push("start", list(argv))

    def _signal_child(self, sig: int) -> None:
        """Deliver `sig` as the terminal would: to the foreground process group."""
        try:
            pgrp = os.tcgetpgrp(self._master)
        except OSError:
            pgrp = 0
        try:
            if pgrp > 0 and pgrp != os.getpgrp():
                os.killpg(pgrp, sig)
            else:
                os.kill(self._pid, sig)
        except ProcessLookupError:
            pass

    # ---- the writer thread ---------------------------------------------------------------

    def _push(self, kind: str, data: object) -> None:
        """Queue a control event (resize, marker, child start/exit, sync, close) and wake
        the writer. Output and input take the pump's inline path and wait for the writer's
        next tick instead: waking another thread per chunk costs more than the copy."""
        self._events.append((self.now(), kind, data))
        self._events_ready.set()

    def _writer(self) -> None:
        events, ready = self._events, self._events_ready
        reported_drop = 0
        closing = False
        while not closing:
            ready.wait(TICK_SECONDS)
            ready.clear()
            pending_t, pending, pending_size = 0.0, [], 0  # output coalesced into one event
            while events:
                t, kind, data = events.popleft()
                if kind == "o":
                    self._bytes_out += len(data)
                    pending_size += len(data)
                    if pending and (t - pending_t > COALESCE_SECONDS or pending_size > COALESCE_BYTES):
                        self._emit("on_output", pending_t, b"".join(pending))
                        pending, pending_size = [], len(data)
                    if not pending:
                        pending_t = t
                    pending.append(data)
                    continue
                if pending:
                    self._emit("on_output", pending_t, b"".join(pending))
                    pending, pending_size = [], 0
                if kind == "i":
                    self._bytes_out += len(data)
                    self._emit("on_input", t, data)
                elif kind == "r":
                    self._emit("on_resize", t, data[0], data[1])
                elif kind == "m":
                    self._emit("on_marker", t, data)
                elif kind == "start":
                    self._emit("on_child_start", t, data)
                elif kind == "exit":
                    self._emit("on_child_exit", t, data)
                elif kind == "sync":
                    data.set()
                elif kind == "close":
                    closing = True
            if pending:
                self._emit("on_output", pending_t, b"".join(pending))
            if self.dropped_bytes != reported_drop:
                lost = self.dropped_bytes - reported_drop
                reported_drop = self.dropped_bytes
                self._emit("on_marker", self.now(), f"memwrap: recording dropped {lost} bytes (disk too slow)")
            self._emit("on_tick", self.now())
        self._emit("on_close", self.now())

    def _emit(self, method: str, *args: object) -> None:
        for obs in list(self.observers):
            try:
                getattr(obs, method)(*args)
            except Exception as exc:  # one broken observer must not stop the recording
                self.observers.remove(obs)
                self.observer_errors.append(f"{type(obs).__name__}: {exc}")

    def _sync_writer(self, timeout: float) -> None:
        done = threading.Event()
        self._events.append((self.now(), "sync", done))
        self._events_ready.set()
        done.wait(timeout)

    # ---- running -------------------------------------------------------------------------

    def run(self) -> int:
        in_tty = os.isatty(self.stdin_fd)
        out_tty = os.isatty(self.stdout_fd)
        self._size = terminal_size(self.stdout_fd, self.stdin_fd)
        if in_tty:
            self._saved_tty = termios.tcgetattr(self.stdin_fd)
        self._t0 = time.monotonic()
        self.start_time = time.time()
        writer = threading.Thread(target=self._writer, name="memwrap-writer", daemon=True)
        old_switch = sys.getswitchinterval()
        sys.setswitchinterval(SWITCH_INTERVAL)
        writer.start()
        restore_signals = self._install_signals()
        try:
            self._spawn(self.argv, self.env)
            if in_tty:
                tty.setraw(self.stdin_fd, termios.TCSANOW)
            status = self._pump(in_tty)
        finally:
            try:
                self._push("close", None)
                writer.join(timeout=10)
                if out_tty and (reset := self.modes.reset_sequence()):
                    _write_all(self.stdout_fd, reset)
            finally:
                if in_tty and self._saved_tty is not None:
                    _set_tty(self.stdin_fd, self._saved_tty)
                restore_signals()
                sys.setswitchinterval(old_switch)
                for fd in (self._master, self._wake_r, self._wake_w):
                    if fd >= 0:
                        try:
                            os.close(fd)
                        except OSError:
                            pass
                self._master = -1
        return status

    def _install_signals(self) -> Callable[[], None]:
        if threading.current_thread() is not threading.main_thread():
            return lambda: None  # signals only reach the main thread; poll timeouts cover it

        def note(signum: int, _frame: object) -> None:
            self._signals.append(signum)

        wanted = (signal.SIGWINCH, signal.SIGCHLD, signal.SIGCONT, *_FORWARDED)
        previous = {sig: signal.signal(sig, note) for sig in wanted}
        old_wakeup = signal.set_wakeup_fd(self._wake_w, warn_on_full_buffer=False)

        def restore() -> None:
            signal.set_wakeup_fd(old_wakeup)
            for sig, handler in previous.items():
                signal.signal(sig, handler if handler is not None else signal.SIG_DFL)

        return restore

    def _pump(self, in_tty: bool) -> int:
        master = self._master
        stdin_fd, stdout_fd = self.stdin_fd, self.stdout_fd
        stdin_open = True
        poller = select.poll()
        poller.register(master, select.POLLIN)
        poller.register(self._wake_r, select.POLLIN)
        try:
            poller.register(stdin_fd, select.POLLIN)
        except (OSError, ValueError):
            stdin_open = False
        out_ok = True
        to_child = bytearray()
        eof_pending = False
        last_in = b"\n"
        status: int | None = None
        master_open = True
        kill_at: float | None = None
        # hot-path locals: this loop runs once per read, thousands of times a second
        events, monotonic, t0 = self._events, time.monotonic, self._t0
        read, write = os.read, os.write
        bytes_in = 0  # recording bytes handed to the writer (the writer counts _bytes_out)
        POLLIN = select.POLLIN
        READABLE = POLLIN | select.POLLHUP | select.POLLERR | select.POLLNVAL

        while True:
            if status is not None:
                timeout = DRAIN_IDLE_SECONDS * 1000 if master_open else 0
            else:
                timeout = 500
            ready = poller.poll(timeout)
            check_child = not ready
            if not ready and status is not None:
                restart = self._take_restart()
                if restart is None:
                    break
                master = self._respawn(poller, master, restart)
                status, master_open, kill_at = None, True, None
                continue
            for fd, ev in ready:
                if fd == master:
                    if ev & select.POLLOUT and to_child:
                        to_child = self._flush_to_child(to_child)
                        if not to_child:
                            poller.modify(master, POLLIN)
                    if not ev & READABLE:
                        continue
                    try:
                        data = read(master, READ_SIZE)
                    except BlockingIOError:
                        continue
                    except OSError as exc:
                        if exc.errno != errno.EIO:
                            raise
                        data = b""
                    if data:
                        if out_ok:
                            try:
                                n = write(stdout_fd, data)
                            except OSError:
                                n = -1
                            if n != len(data):
                                out_ok = n >= 0 and _write_all(stdout_fd, data[n:])
                        size = len(data)
                        if bytes_in - self._bytes_out + size > QUEUE_LIMIT_BYTES:
                            self.dropped_bytes += size  # the writer is far behind: never wait for it
                        else:
                            bytes_in += size
                            events.append((monotonic() - t0, "o", data))
                    else:
                        # slave side closed: the child and all its descendants are gone
                        master_open = False
                        check_child = True
                        poller.unregister(master)
                elif fd == stdin_fd:
                    try:
                        data = read(stdin_fd, READ_SIZE)
                    except OSError:
                        data = b""
                    if not data:
                        stdin_open = False
                        poller.unregister(stdin_fd)
                        if not in_tty:
                            eof_pending = True
                    else:
                        if self.input_filter is not None:
                            data = self.input_filter(data)
                        to_child += data
                        last_in = data[-1:] or last_in
                        if self.record_input and bytes_in - self._bytes_out < QUEUE_LIMIT_BYTES:
                            bytes_in += len(data)
                            events.append((monotonic() - t0, "i", data))
                else:
                    try:
                        while read(self._wake_r, 4096):
                            pass
                    except BlockingIOError:
                        pass
                    status, kill_at = self._handle_wake(status, in_tty, kill_at, to_child)
                    master = self._master
                    check_child = True
            if eof_pending and not to_child:
                to_child += self._eof_bytes(mid_line=last_in not in (b"\n", b"\r"))
                eof_pending = False
            if to_child and master_open:
                to_child = self._flush_to_child(to_child)
                if to_child:
                    poller.modify(master, POLLIN | select.POLLOUT)
            if check_child and status is None:
                status = self._reap(in_tty)
                if status is not None:
                    self._push("exit", status)
            if kill_at is not None and status is None and time.monotonic() >= kill_at:
                self._signal_child(signal.SIGKILL)
                _kill_quietly(self._pid, signal.SIGKILL)
                kill_at = None
            if status is not None and not master_open and self._restart is None:
                break
        return exit_code(status) if status is not None else 1

    def _eof_bytes(self, *, mid_line: bool) -> bytes:
        """What ends input for a child reading a terminal: VEOF (twice if mid-line, since
        the first one only hands over the unfinished line)."""
        try:
            veof = termios.tcgetattr(self._master)[6][termios.VEOF]
        except (OSError, termios.error):
            veof = b"\x04"
        veof = veof if isinstance(veof, bytes) else bytes([veof])
        return veof * 2 if mid_line else veof

    def _flush_to_child(self, buf: bytearray) -> bytearray:
        try:
            n = os.write(self._master, buf)
        except BlockingIOError:
            return buf
        except OSError:
            return bytearray()  # the child is gone; what it did not read is lost, as in a terminal
        del buf[:n]
        return buf

    def _take_restart(self) -> tuple[list[str], dict[str, str] | None] | None:
        with self._lock:
            restart, self._restart = self._restart, None
        return restart

    def _handle_wake(self, status: int | None, in_tty: bool, kill_at: float | None,
                     to_child: bytearray) -> tuple[int | None, float | None]:
        signals, self._signals = self._signals, []
        for sig in signals:
            if sig == signal.SIGWINCH:
                self._resize()
            elif sig == signal.SIGCONT and in_tty and status is None:
                _set_tty(self.stdin_fd, None)  # a shell may have reset it meanwhile
                self._resize()
            elif sig in _FORWARDED and status is None:
                self._signal_child(sig)
        with self._lock:
            sends, self._to_send = self._to_send, []
            restart_wanted = self._restart is not None
        for data in sends:
            to_child += data
        if restart_wanted and status is None and kill_at is None:
            self._signal_child(signal.SIGTERM)
            kill_at = time.monotonic() + RESTART_GRACE_SECONDS
        return status, kill_at

    def _respawn(self, poller: select.poll, master: int,
                 restart: tuple[list[str], dict[str, str] | None]) -> int:
        argv, env = restart
        self._sync_writer(timeout=2.0)
        if os.isatty(self.stdout_fd) and (reset := self.modes.reset_sequence()):
            _write_all(self.stdout_fd, reset)
        try:
            poller.unregister(master)
        except KeyError:
            pass
        try:
            os.close(master)
        except OSError:
            pass
        self.argv = argv
        if env is not None:
            self.env = env
        self._push("m", "memwrap: restart " + " ".join(argv))
        self._spawn(argv, self.env)
        poller.register(self._master, select.POLLIN)
        return self._master

    def _resize(self) -> None:
        size = terminal_size(self.stdout_fd, self.stdin_fd)
        if size == self._size:
            return
        self._size = size
        try:
            # the kernel sends SIGWINCH to the child's foreground group when the size changes
            fcntl.ioctl(self._master, termios.TIOCSWINSZ, size.pack())
        except OSError:
            return
        self._push("r", (size.cols, size.rows))

    def _reap(self, in_tty: bool) -> int | None:
        try:
            pid, status = os.waitpid(self._pid, os.WNOHANG | os.WUNTRACED)
        except ChildProcessError:
            return 0
        if pid == 0:
            return None
        if os.WIFSTOPPED(status):
            self._suspend(in_tty)
            return None
        return status

    def _suspend(self, in_tty: bool) -> None:
        """The command was suspended (Ctrl-Z): hand the terminal back and stop like it did."""
        if in_tty and self._saved_tty is not None:
            termios.tcsetattr(self.stdin_fd, termios.TCSADRAIN, self._saved_tty)
            try:
                os.killpg(os.getpgrp(), signal.SIGTSTP)  # returns once the shell resumes us
            except OSError:
                pass
            tty.setraw(self.stdin_fd, termios.TCSANOW)
            self._resize()
        _kill_quietly(self._pid, signal.SIGCONT)


def _set_tty(fd: int, attrs: list | None) -> None:
    """Restore `attrs` (None: raw mode). A hung-up terminal (window closed: SIGHUP, then
    SIGCONT) refuses with EIO; there is nothing left to restore then, and the session must
    still end cleanly and write its metadata."""
    try:
        if attrs is None:
            tty.setraw(fd, termios.TCSANOW)
        else:
            termios.tcsetattr(fd, termios.TCSADRAIN, attrs)
    except (termios.error, OSError):
        pass


def _kill_quietly(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def _write_all(fd: int, data: bytes) -> bool:
    """Blocking write of everything; False once the reader is gone (closed pipe, hung-up tty)."""
    view = memoryview(data)
    while view:
        try:
            n = os.write(fd, view)
        except BlockingIOError:
            select.select([], [fd], [], 1.0)
            continue
        except OSError:
            return False
        view = view[n:]
    return True


def _supervise(argv: list[str], env: dict[str, str], cwd: str | None,
               child_tty: list | None, size: WinSize, err_w: int) -> None:
    """Body of the supervisor process (fd 0-2 are the new terminal). Never returns."""
    try:
        signal.set_wakeup_fd(-1)
        for sig in (signal.SIGINT, signal.SIGQUIT, signal.SIGTSTP, signal.SIGTTIN,
                    signal.SIGTTOU, signal.SIGHUP, signal.SIGWINCH, signal.SIGCONT):
            signal.signal(sig, signal.SIG_IGN if sig not in (signal.SIGWINCH, signal.SIGCONT) else signal.SIG_DFL)
        attrs = child_tty
        if attrs is None:  # input is not a terminal: do not echo piped input back as output
            attrs = termios.tcgetattr(0)
            attrs[3] &= ~termios.ECHO
        termios.tcsetattr(0, termios.TCSANOW, attrs)
        fcntl.ioctl(0, termios.TIOCSWINSZ, size.pack())
        if cwd:
            os.chdir(cwd)
        pid = os.fork()
        if pid == 0:
            _exec_command(argv, env, err_w)
        os.close(err_w)
        try:
            os.setpgid(pid, pid)
        except OSError:
            pass  # the command already did it itself
        try:
            os.tcsetpgrp(0, pid)
        except OSError:
            pass
        signal.signal(signal.SIGTERM, lambda s, f: _kill_group(pid, s))
        while True:
            try:
                _, status = os.waitpid(pid, os.WUNTRACED)
            except ChildProcessError:
                os._exit(1)
            if os.WIFSTOPPED(status):
                os.kill(os.getpid(), signal.SIGSTOP)  # memwrap sees this and suspends itself
                _kill_group(pid, signal.SIGCONT)
                continue
            os._exit(exit_code(status))
    except BaseException:
        os._exit(126)


def _kill_group(pgid: int, sig: int) -> None:
    try:
        os.killpg(pgid, sig)
    except OSError:
        pass


def _exec_command(argv: list[str], env: dict[str, str], err_w: int) -> None:
    try:
        os.setpgid(0, 0)
        signal.signal(signal.SIGTTOU, signal.SIG_IGN)
        try:
            os.tcsetpgrp(0, os.getpid())
        except OSError:
            pass
        # back to defaults: ignored signals survive exec, and Python ignores SIGPIPE/SIGXFSZ
        for sig in (signal.SIGINT, signal.SIGQUIT, signal.SIGTSTP, signal.SIGTTIN, signal.SIGTTOU,
                    signal.SIGHUP, signal.SIGPIPE, signal.SIGXFSZ, signal.SIGTERM, signal.SIGCHLD):
            signal.signal(sig, signal.SIG_DFL)
        os.execvpe(argv[0], argv, env)
    except FileNotFoundError as exc:
        os.write(err_w, f"127:{exc.strerror}".encode())
    except BaseException as exc:
        os.write(err_w, f"126:{getattr(exc, 'strerror', None) or exc}".encode())
    os._exit(127)

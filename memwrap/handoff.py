"""Automatic handoff: when the context window fills, carry the work into a fresh context.

Triggers: the context monitor reaching the threshold (unless switched off with
`--no-handoff` or `[handoff] auto = false`), the key chord (`[handoff] key`, default
Ctrl-]; taken out of the input, never forwarded), or `memwrap handoff` from another
terminal (a FIFO under $MEMWRAP_HOME/run/<session>/).

A handoff runs on its own thread, so the byte pump never waits: once output pauses (an
automatic one), read the turns so far (the CLI's native transcript, else the recording),
distil them into the store, build the memory block and the handoff section (task, just
done, next step, files: by code), wait until the CLI is idle (output quiet, and for an
automatic handoff no half-typed line), then start the fresh context the adapter's way:
`/clear` (`/new` for codex) and paste, or for an unknown CLI restart it and paste. The
recording gets a marker, the user one line on stderr. Any failure leaves the session as it
was and says so in one line.
"""

from __future__ import annotations

import os
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from memwrap.config import Config
from memwrap.monitor import (
    ClaudeUsage,
    CodexUsage,
    ContextMonitor,
    FileTail,
    Reading,
    claude_window,
    effective_threshold,
)
from memwrap.session import Observer

IDLE_SECONDS = 1.5  # output this quiet = the CLI waits for input
PREPARE_QUIET = 0.5  # an automatic handoff reads the conversation once output paused this long
SETTLE_QUIET = 0.8  # after /clear or a restart: quiet this long = ready for the paste
SETTLE_TIMEOUT = 20.0
PASTE_ENTER_DELAY = 0.4  # TUIs swallow an Enter that arrives in the same read as a paste
CONTROL_POLL_SECONDS = 0.25
REBUILD_AFTER = 3.0  # the idle wait took this long: read the turns again for the brief
CAST_FLUSH_SECONDS = 1.1  # the recorder flushes once a second
DEFAULT_KEY = "ctrl-]"
AUTO_LOOP_LIMIT = 2  # automatic handoffs ...
AUTO_LOOP_WINDOW = 300.0  # ... within this many seconds, after which the automatic one stops
CLEAR_COMMANDS = {"claude": "/clear", "gemini": "/clear", "aider": "/clear", "codex": "/new"}
# A CLI that is quiet because it asks a question (a permission dialog, a y/n prompt) is not
# idle: typing /clear + Enter there would answer the question. Wait until it is gone.
ASKING = {
    "claude": re.compile(r"Do you want to (?:proceed|make this edit|create|allow|run)|❯ ?1\. ?Yes", re.I),
    "aider": re.compile(r"\(Y\)es/\(N\)o|\[Yes\]:\s*$", re.I),
    "codex": re.compile(r"Allow (?:command|this)|approve|\bYes, proceed\b", re.I),
    "gemini": re.compile(r"Allow execution|Apply this change\?|Allow once", re.I),
}
GENERIC_ASKING = re.compile(r"\[y/n\]|\(y/n\)|\[Y/n\]|\[y/N\]", re.I)
_ESCAPES = re.compile(rb"\x1b(?:\[[0-9;?]*[ -/]*[@-~]|O.|.)")


def parse_key(spec: str) -> bytes | None:
    """`ctrl-]` / `C-]` / `^]` -> b"\\x1d"; `none` or empty -> None (no chord)."""
    spec = (spec or "").strip()
    if spec.lower() in ("", "none", "off", "false"):
        return None
    m = re.fullmatch(r"(?:ctrl[-+]|c-|\^)(.)", spec, re.IGNORECASE)
    if m:
        ch = m.group(1).upper()
        if "@" <= ch <= "_":
            return bytes([ord(ch) - 64])
        raise ValueError(f"cannot make a control key of {spec!r}")
    if spec.lower().startswith("0x"):
        return bytes.fromhex(spec[2:])
    raise ValueError(f"unknown key {spec!r}; use e.g. ctrl-] or ctrl-g")


class InputWatch:
    """Called by the pump with each read from the keyboard (cheap: a few byte searches).

    Takes the chord out (it never reaches the CLI) and notes whether the user has a
    half-typed line: bytes after the last Enter, arrow keys and other escapes aside.
    """

    def __init__(self, chord: bytes | None) -> None:
        self.chord = chord
        self.pressed = threading.Event()
        self.draft = False

    def __call__(self, data: bytes) -> bytes:
        if self.chord and self.chord in data:
            data = data.replace(self.chord, b"")
            self.pressed.set()
        if data:
            cut = max(data.rfind(b"\r"), data.rfind(b"\n"), data.rfind(b"\x03"))
            rest = _ESCAPES.sub(b"", data[cut + 1:])
            if cut >= 0:
                self.draft = bool(rest)
            elif rest:
                self.draft = True
        return data


@dataclass
class HandoffRecord:
    reason: str
    manual: bool
    fraction: float | None
    started: float  # monotonic
    text_ready: float = 0.0
    done: float = 0.0
    facts_added: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return self.done - self.started if self.done else 0.0


class Handoff:
    """One wrapped session's handoff machinery. `request()` is safe from any thread."""

    def __init__(self, session: Any, *, adapter: Any, project: Any, config: Config, meta: Any,
                 monitor: ContextMonitor, watch: InputWatch, auto: bool = True,
                 use_model: bool | None = None, notify: Callable[[str], None] | None = None) -> None:
        self.session = session
        self.adapter = adapter
        self.cli = getattr(adapter, "name", "generic") or "generic"
        self.project = project
        self.config = config
        self.meta = meta
        self.monitor = monitor
        self.watch = watch
        self.auto = auto
        self.use_model = use_model
        self.notify = notify or notice
        self.history: list[HandoffRecord] = []
        self._busy = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._gave_up = False

    # -- triggers ---------------------------------------------------------------------------
    def on_full(self, reading: Reading) -> None:
        if not self.auto:
            return
        now = time.monotonic()
        recent = [r for r in self.history if not r.manual and r.done and now - r.done < AUTO_LOOP_WINDOW]
        if len(recent) >= AUTO_LOOP_LIMIT:
            # A fresh context that reads full again at once means the signal is not about the
            # window (or cannot be helped by a handoff): stop rather than loop.
            if not self._gave_up:
                self._gave_up = True
                self.session.mark("memwrap: automatic handoff off: context read full right after handoffs")
                self.notify(f"the context read full again right after {len(recent)} handoffs; automatic "
                            "handoff is off for this session (the key and `memwrap handoff` still work)")
            return
        self.request(f"context {reading.fraction:.0%} full ({reading.source})", reading.fraction)

    def request(self, reason: str, fraction: float | None = None, *, manual: bool = False) -> bool:
        """Start a handoff unless one is already running; False when one is."""
        if self._stop.is_set() or not self._busy.acquire(blocking=False):
            return False
        record = HandoffRecord(reason, manual, fraction, time.monotonic())
        self.session.mark(f"memwrap: handoff requested: {reason}")
        self._thread = threading.Thread(target=self._run, args=(record,), name="memwrap-handoff", daemon=True)
        self._thread.start()
        return True

    def stop(self) -> None:
        self._stop.set()

    # -- the handoff ------------------------------------------------------------------------
    def _run(self, record: HandoffRecord) -> None:
        try:
            self._handoff(record)
        except _Stopped:
            pass
        except Exception as exc:  # memory must never break the session
            self.notify(f"handoff failed ({_first_line(exc)}); the session goes on unchanged")
            self.session.mark(f"memwrap: handoff failed: {_first_line(exc)}")
        finally:
            self.history.append(record)
            self._busy.release()

    def _handoff(self, record: HandoffRecord) -> None:
        if not record.manual:
            # Reading and distilling the conversation holds the GIL the byte pump needs (for
            # a CLI without a transcript of its own it parses the whole recording): never do
            # it while the CLI streams output, only once it pauses.
            self._wait_quiet(PREPARE_QUIET)
        turns = self._step(record, "cannot read the conversation", self._turns, [])
        record.facts_added = self._step(record, "facts not saved", lambda: self._distil(turns), 0)
        block = self._step(record, "no memory block", self._block, "")
        from memwrap.handoff_brief import build_brief, render

        root = getattr(self.project, "root", None)
        text = render(build_brief(turns, Path(root) if root else None), block, reason=record.reason)
        record.text_ready = time.monotonic()
        self._wait_idle(manual=record.manual)
        if time.monotonic() - record.text_ready > REBUILD_AFTER:  # the CLI went on meanwhile
            later = self._step(record, "cannot re-read the conversation", self._turns, None)
            if later:
                text = render(build_brief(later, Path(root) if root else None), block, reason=record.reason)
        self.session.mark(f"memwrap: handoff: {record.reason}")
        self.monitor.reset(time.time() - 1.0)
        self._fresh_context(text)
        record.done = time.monotonic()
        self.session.mark(f"memwrap: handoff done in {record.seconds:.1f}s")
        saved = f"{record.facts_added} new facts saved" if not record.problems else "; ".join(record.problems)
        self.notify(f"handoff: {record.reason}; {saved}; continuing in a fresh context "
                    f"({'manual' if record.manual else 'automatic'}, {record.seconds:.1f}s)")

    def _step(self, record: HandoffRecord, problem: str, fn: Callable[[], Any], fallback: Any) -> Any:
        try:
            return fn()
        except Exception as exc:
            record.problems.append(f"{problem}: {_first_line(exc)}")
            return fallback

    def _transcript_path(self) -> tuple[Path | None, str | None]:
        """The current context's transcript and its format (None: detect)."""
        for source in self.monitor.structured:
            path = source.tail.path
            if path is not None and Path(path).is_file():
                return Path(path), None
        meta = self.meta.to_dict() if hasattr(self.meta, "to_dict") else dict(self.meta or {})
        try:
            native = self.adapter.find_native_transcript(meta) if self.adapter is not None else None
        except Exception:
            native = None
        if native is not None and Path(native).is_file():
            return Path(native), None
        cast = meta.get("cast")
        return (Path(cast), "cast") if cast else (None, None)

    def _turns(self) -> list[Any]:
        from memwrap.transcript import load_transcript

        path, fmt = self._transcript_path()
        if path is None:
            raise RuntimeError("no transcript and no recording of this session")
        if fmt == "cast":
            time.sleep(CAST_FLUSH_SECONDS)  # let the recorder write out the last second
        since = None
        if self.cli == "aider":  # its history file holds many sessions: only this one
            since = self.session.start_time - 5
        return list(load_transcript(path, fmt=fmt, since=since, cli=self.cli).turns)

    def _distil(self, turns: list[Any]) -> int:
        if not turns:
            return 0
        from memwrap.distill import distill
        from memwrap.store import Store

        facts = distill(turns, project=self.project.key, session_id=self.meta.id, cli=self.cli,
                        use_model=self.use_model)
        if not facts:
            return 0
        with Store.open() as store:
            results = store.add_facts(facts, session_id=self.meta.id)
        return sum(1 for r in results if r.action == "new")

    def _block(self) -> str:
        from memwrap.select import build_block
        from memwrap.store import Store

        with Store.open(readonly=True) as store:
            return build_block(store, self.project, budget=self.config.budget).text

    # -- driving the terminal ------------------------------------------------------------------
    def _wait_quiet(self, seconds: float) -> None:
        while self.monitor.quiet_for(self.session.now()) < seconds:
            if self._stop.is_set():
                raise _Stopped()
            time.sleep(0.05)

    def _wait_idle(self, *, manual: bool) -> None:
        """Until the CLI waits for input: quiet output, and (automatic) no half-typed line."""
        while True:
            if self._stop.is_set():
                raise _Stopped()
            quiet = self.monitor.quiet_for(self.session.now()) >= IDLE_SECONDS
            if quiet and (manual or not self.watch.draft) and not self.asking():
                return
            time.sleep(0.1)

    def asking(self) -> bool:
        """Does the CLI's screen end with a question (permission dialog, y/n)?"""
        tail = self.monitor.screen_tail()[-300:]
        return bool(ASKING.get(self.cli, GENERIC_ASKING).search(tail) or GENERIC_ASKING.search(tail))

    def _settle(self, since: float) -> None:
        """Wait for the CLI's reaction to something sent at session time `since` to end."""
        deadline = time.monotonic() + SETTLE_TIMEOUT
        while time.monotonic() < deadline:
            if self._stop.is_set():
                raise _Stopped()
            now = self.session.now()
            if self.monitor.last_output > since and now - self.monitor.last_output >= SETTLE_QUIET:
                return
            time.sleep(0.05)

    def _fresh_context(self, text: str) -> None:
        clear = CLEAR_COMMANDS.get(self.cli)
        sent = self.session.now()
        if clear:
            self.session.send(clear.encode())
            time.sleep(0.3)
            self.session.send(b"\r")
        else:
            starts = self.monitor.child_starts
            self.session.restart(self.session.argv)
            deadline = time.monotonic() + SETTLE_TIMEOUT
            while self.monitor.child_starts == starts and time.monotonic() < deadline:
                if self._stop.is_set():
                    raise _Stopped()
                time.sleep(0.05)
        self._settle(sent)
        self._type(text)

    def _type(self, text: str) -> None:
        if self.session.modes.bracketed_paste:
            self.session.paste(text)
        else:  # a line-based CLI: newlines would send it line by line
            self.session.send(" ".join(text.split()).encode("utf-8"))
        time.sleep(PASTE_ENTER_DELAY)
        self.session.send(b"\r")
        self.watch.draft = False


class _Stopped(Exception):
    """The session ended while a handoff waited."""


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def notice(message: str) -> None:
    """One line on the user's terminal (memwrap's stderr), never typed into the CLI."""
    line = f"memwrap: {message}"
    try:
        if os.isatty(2):
            os.write(2, f"\r\n\x1b[2m{line}\x1b[0m\r\n".encode("utf-8", "replace"))
        else:
            os.write(2, (line + "\n").encode("utf-8", "replace"))
    except OSError:
        pass


class Triggers(Observer):
    """On the writer thread: the chord and the control FIFO become handoff requests."""

    def __init__(self, handoff: Handoff, channel: Any | None) -> None:
        self.handoff = handoff
        self.channel = channel
        self._next_poll = 0.0

    def on_tick(self, t: float) -> None:
        if self.handoff.watch.pressed.is_set():
            self.handoff.watch.pressed.clear()
            self._manual("key chord")
        if self.channel is not None and t >= self._next_poll:
            self._next_poll = t + CONTROL_POLL_SECONDS
            for command in self.channel.poll():
                if command == "handoff":
                    self._manual("memwrap handoff")

    def _manual(self, how: str) -> None:
        reading = self.handoff.monitor.reading
        fraction = reading.fraction if reading else None
        where = f", context {fraction:.0%} full" if fraction is not None else ""
        if not self.handoff.request(f"asked for by {how}{where}", fraction, manual=True):
            notice("a handoff is already under way")

    def on_close(self, t: float) -> None:
        self.handoff.stop()
        if self.channel is not None:
            self.channel.close()


# ---- wiring into a wrapped launch --------------------------------------------------------

def _structured_sources(cli: str, adapter: Any, meta: Any, window: int) -> list[Any]:
    if cli == "claude":
        known = getattr(meta, "native_transcript", None)

        def locate_claude(since: float | None) -> Path | None:
            from memwrap.readers.claude_jsonl import find_session_file

            if since is None and known:
                return Path(known)
            return find_session_file(meta.cwd, started_after=since if since is not None else _epoch(meta))

        return [ClaudeUsage(FileTail(locate_claude), window)]
    if cli == "codex":
        def locate_codex(since: float | None) -> Path | None:
            from memwrap.readers.codex_jsonl import find_session_file

            return find_session_file(meta.cwd, started_after=since if since is not None else _epoch(meta))

        return [CodexUsage(FileTail(locate_codex), window)]
    return []


def _epoch(meta: Any) -> float:
    from memwrap.adapters.base import meta_start

    return meta_start({"start": getattr(meta, "start", None)})


def build(session: Any, *, adapter: Any, project: Any, config: Config, meta: Any, auto: bool = True,
          use_model: bool | None = None) -> Handoff:
    """The monitor, input watch and handoff for `session` (not yet attached)."""
    cli = getattr(adapter, "name", "") or "generic"
    window = config.context_window
    if cli == "claude":
        window = claude_window(session.env, window)
    threshold = effective_threshold(cli, config.handoff_threshold, window)
    monitor = ContextMonitor(adapter, window=window, threshold=threshold,
                             structured=_structured_sources(cli, adapter, meta, window),
                             estimate=cli == "generic")
    watch = InputWatch(parse_key(getattr(config, "handoff_key", DEFAULT_KEY)))
    handoff = Handoff(session, adapter=adapter, project=project, config=config, meta=meta,
                      monitor=monitor, watch=watch, auto=auto, use_model=use_model)
    monitor.on_full = handoff.on_full
    return handoff


def attach(session: Any, *, adapter: Any, project: Any, config: Config, meta: Any, auto: bool = True) -> Handoff:
    """Called by `memwrap CMD` before the session runs: watch the context, listen for the
    chord and for `memwrap handoff`. The manual triggers work even when `auto` is off."""
    if adapter is None:
        from memwrap.adapters.generic import GenericAdapter

        adapter = GenericAdapter()
    handoff = build(session, adapter=adapter, project=project, config=config, meta=meta, auto=auto)
    channel = None
    try:
        from memwrap.handoff_control import ControlChannel

        channel = ControlChannel.open(meta.id, {
            "pid": os.getpid(), "cwd": meta.cwd, "project": meta.project, "project_name": meta.project_name,
            "cli": handoff.cli, "command": list(meta.command), "start": meta.start, "auto": auto})
    except Exception as exc:  # the chord and the automatic handoff still work without it
        notice(f"`memwrap handoff` cannot reach this session ({_first_line(exc)})")
    if hasattr(session, "input_filter"):
        session.input_filter = handoff.watch
    session.observers.extend([handoff.monitor, Triggers(handoff, channel)])
    return handoff

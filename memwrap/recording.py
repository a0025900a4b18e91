"""Session recordings: asciicast v2 files and the session metadata beside them.

The writer is an observer of a Session: it runs on the session's writer thread, never on
the byte pump, so disk speed can never slow the terminal. It flushes about once a second,
so a `kill -9` loses at most that much. The reader tolerates a crash mid-line: it returns
every valid event and counts what it had to skip.

Layout: $MEMWRAP_HOME/recordings/<project-name>-<hash>/<session-id>.cast and .json.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, NamedTuple

from memwrap.config import ensure_private_dir
from memwrap.errors import InputError
from memwrap.session import Observer

FLUSH_INTERVAL = 1.0  # seconds of recording a hard kill may lose
_BUFFER_BYTES = 1 << 16
# The .cast is written in writes this big (or once a second, see FLUSH_INTERVAL): each
# write() also updates the file's mtime in the journal, so 64 KB writes during a flood cost
# ~0.5 ms/MB of kernel time against ~0.3 for 1 MB ones.
_CAST_BUFFER_BYTES = 1 << 20
_ENV_KEYS = ("SHELL", "TERM")


class CastEvent(NamedTuple):
    t: float
    kind: str  # "o" output, "i" input, "r" resize ("COLSxROWS"), "m" marker
    data: str


@dataclass
class CastData:
    header: dict[str, Any]
    events: list[CastEvent]
    skipped: int  # lines that were not valid events (e.g. cut off by a crash)

    def output_text(self) -> str:
        return "".join(e.data for e in self.events if e.kind == "o")


def open_private(path: Path, mode: str = "w", buffering: int = _BUFFER_BYTES) -> Any:
    """Open a file for writing that only the owner may read (0600), whatever the umask.
    `mode` is "w"/"a" for text (UTF-8) or "wb"/"ab" for bytes."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if "a" in mode else os.O_TRUNC)
    fd = os.open(path, flags, 0o600)
    try:
        os.fchmod(fd, 0o600)
        if "b" in mode:
            return os.fdopen(fd, mode, buffering=buffering)
        return os.fdopen(fd, mode, encoding="utf-8", buffering=buffering)
    except BaseException:
        os.close(fd)
        raise


# JSON string escaping done on UTF-8 bytes: the same text json.dumps(ensure_ascii=False)
# writes, at about half the CPU of decode -> json.dumps -> encode during an output flood.
_SPECIALS = bytes(range(0x20)) + b'"\\'
_NOT_SPECIAL = bytes(b for b in range(256) if b not in _SPECIALS)
_SHORT = {0x08: b"\\b", 0x09: b"\\t", 0x0A: b"\\n", 0x0C: b"\\f", 0x0D: b"\\r", 0x22: b'\\"'}
_ESCAPE = {bytes((b,)): _SHORT.get(b, b"\\u%04x" % b) for b in _SPECIALS if b != 0x5C}


def json_escape_utf8(data: bytes) -> bytes:
    """The inside of a JSON string holding `data`, which must be valid UTF-8."""
    found = data.translate(None, _NOT_SPECIAL)  # the special bytes, in one C pass
    if not found:
        return data
    if b"\\" in found:  # first, so the backslashes the other escapes add stay single
        data = data.replace(b"\\", b"\\\\")
        found = found.replace(b"\\", b"")
    while found:  # one replace per distinct special byte (a handful), not one per byte
        one = found[:1]
        data = data.replace(one, _ESCAPE[one])
        found = found.replace(one, b"")
    return data


class Utf8Stream:
    """Splits a byte stream into valid UTF-8 pieces: a sequence cut between two chunks is
    completed by the next one, invalid bytes become U+FFFD (as errors="replace" decodes)."""

    def __init__(self) -> None:
        self._carry = b""

    def feed(self, data: bytes, final: bool = False) -> bytes:
        if self._carry:
            data, self._carry = self._carry + data, b""
        if data.isascii():  # the common case needs no validation at all
            return data
        try:
            text, used = codecs.utf_8_decode(data, "strict", final)
        except UnicodeDecodeError:
            text, used = codecs.utf_8_decode(data, "replace", final)
            self._carry = data[used:]
            return text.encode("utf-8")
        self._carry = data[used:]
        return data[:used] if used != len(data) else data


class CastWriter(Observer):
    """Writes a session as asciicast v2, one JSON line per event."""

    def __init__(self, path: Path, *, cols: int, rows: int, command: str = "",
                 record_input: bool = False, start: float | None = None) -> None:
        self.path = Path(path)
        ensure_private_dir(self.path.parent)
        self.record_input = record_input
        self._out = Utf8Stream()
        self._in = Utf8Stream()
        self._fh = open_private(self.path, "wb", _CAST_BUFFER_BYTES)
        self._last_flush = time.monotonic()
        header: dict[str, Any] = {
            "version": 2, "width": cols, "height": rows,
            "timestamp": int(start if start is not None else time.time()),
            "env": {k: os.environ[k] for k in _ENV_KEYS if k in os.environ},
        }
        if command:
            header["title"] = command
        self._fh.write(json.dumps(header).encode("utf-8") + b"\n")
        self._fh.flush()

    def _event(self, t: float, kind: str, utf8: bytes) -> None:
        # Non-ASCII stays as UTF-8 (ensure_ascii=False style): smaller, and still valid JSON.
        # Three buffered writes, not a concatenation: one copy of the body, into the buffer.
        write = self._fh.write
        write(b'[%.6f, "%s", "' % (t, kind.encode()))
        write(json_escape_utf8(utf8))
        write(b'"]\n')

    def on_output(self, t: float, data: bytes) -> None:
        utf8 = self._out.feed(data)
        if utf8:
            self._event(t, "o", utf8)

    def on_input(self, t: float, data: bytes) -> None:
        if self.record_input:
            utf8 = self._in.feed(data)
            if utf8:
                self._event(t, "i", utf8)

    def on_resize(self, t: float, cols: int, rows: int) -> None:
        self._event(t, "r", f"{cols}x{rows}".encode())

    def on_marker(self, t: float, label: str) -> None:
        self._event(t, "m", label.encode("utf-8", "replace"))

    def on_tick(self, t: float) -> None:
        now = time.monotonic()
        if now - self._last_flush >= FLUSH_INTERVAL:
            self._fh.flush()
            self._last_flush = now

    def on_close(self, t: float) -> None:
        tail = self._out.feed(b"", final=True)
        if tail:
            self._event(t, "o", tail)
        self._fh.flush()
        self._fh.close()


def read_cast(path: str | os.PathLike[str]) -> CastData:
    """Read a .cast file, keeping every valid event. Raises InputError only when the
    header itself is unreadable (then nothing in the file can be trusted)."""
    p = Path(path)
    try:
        fh = open(p, "r", encoding="utf-8", errors="replace")
    except OSError as exc:
        raise InputError(f"cannot read recording {p}: {exc.strerror}") from exc
    with fh:
        first = fh.readline()
        try:
            header = json.loads(first)
        except ValueError:
            header = None
        if not isinstance(header, dict) or header.get("version") != 2:
            raise InputError(f"{p} is not an asciicast v2 recording (bad header line)")
        events: list[CastEvent] = []
        skipped = 0
        for line in fh:
            if not line.strip():
                continue
            event = _parse_event(line)
            if event is None:
                skipped += 1
            else:
                events.append(event)
    return CastData(header=header, events=events, skipped=skipped)


def _parse_event(line: str) -> CastEvent | None:
    try:
        raw = json.loads(line)
    except ValueError:
        return None
    if (isinstance(raw, list) and len(raw) == 3 and isinstance(raw[0], (int, float))
            and isinstance(raw[1], str) and isinstance(raw[2], str)):
        return CastEvent(float(raw[0]), raw[1], raw[2])
    return None


# --- where recordings live, and the metadata beside them ---------------------------------

_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def project_dir_name(project_name: str, project_key: str) -> str:
    """`<name>-<hash>`: readable, yet two projects with one name never share a folder."""
    name = _SAFE.sub("-", project_name).strip("-.") or "project"
    digest = hashlib.sha256(project_key.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    return f"{name[:60]}-{digest}"


def new_session_id(now: float | None = None) -> str:
    """Sortable by start time, unique thanks to the random tail."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now if now is not None else time.time()))
    return f"{stamp}-{os.urandom(3).hex()}"  # not `secrets`: its import costs a launch ~3 ms


def iso_time(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, tz=timezone.utc).isoformat(timespec="milliseconds")


@dataclass
class SessionMeta:
    id: str
    command: list[str]
    cwd: str
    project: str  # project key
    project_name: str
    start: str  # ISO 8601, UTC
    end: str | None = None
    exit_status: int | None = None
    cli: str = ""  # adapter name, "" when unknown
    native_transcript: str | None = None
    cast: str | None = None
    recorded_input: bool = False
    dropped_bytes: int = 0  # output the recorder had to skip because the disk was too slow
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "SessionMeta":
        known = {f for f in cls.__dataclass_fields__}
        values = {k: v for k, v in data.items() if k in known}
        missing = {"id", "command", "cwd", "project", "project_name", "start"} - values.keys()
        if missing:
            raise InputError(f"session metadata lacks {', '.join(sorted(missing))}")
        return cls(**values)


def write_meta(path: Path, meta: SessionMeta) -> None:
    """Atomic replace, so a reader never sees half a file; 0600 like the recording."""
    path = Path(path)
    ensure_private_dir(path.parent)
    tmp = path.with_name(path.name + ".tmp")
    with open_private(tmp) as fh:
        json.dump(meta.to_dict(), fh, indent=1)
        fh.write("\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def read_meta(path: str | os.PathLike[str]) -> SessionMeta:
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read session metadata {p}: {exc.strerror}") from exc
    except ValueError as exc:
        raise InputError(f"{p} is not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise InputError(f"{p} is not a session metadata object")
    return SessionMeta.from_dict(data)

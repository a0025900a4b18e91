"""The way into a running wrapped session from another terminal: a FIFO, no network.

Each session that watches its context owns `$MEMWRAP_HOME/run/<session-id>/` (0700) with
`control` (a FIFO, 0600) and `info.json` (pid, cwd, project, cli). The session keeps the
FIFO open for reading, non-blocking, and polls it from its writer thread; `memwrap handoff`
opens it for writing, non-blocking, so a session that is gone answers ENXIO at once
instead of hanging the caller. Only the owner can open either file.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from memwrap.config import ensure_private_dir, paths
from memwrap.errors import MemwrapError, NotFound

CONTROL = "control"
INFO = "info.json"
MAX_COMMAND = 64


def session_dir(session_id: str, runtime_dir: Path | None = None) -> Path:
    return (runtime_dir or paths().runtime_dir) / session_id


class ControlChannel:
    """The session's end: create, poll for commands, remove."""

    def __init__(self, directory: Path, fd: int) -> None:
        self.dir = directory
        self._fd = fd
        self._buf = b""

    @classmethod
    def open(cls, session_id: str, info: dict[str, Any], runtime_dir: Path | None = None) -> "ControlChannel":
        ensure_private_dir(runtime_dir or paths().runtime_dir)
        directory = session_dir(session_id, runtime_dir)
        directory.mkdir(mode=0o700)
        fifo = directory / CONTROL
        os.mkfifo(fifo, 0o600)
        fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
        tmp = directory / (INFO + ".tmp")
        with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w", encoding="utf-8") as fh:
            json.dump(info, fh)
        os.replace(tmp, directory / INFO)
        return cls(directory, fd)

    def poll(self) -> list[str]:
        """Commands written since the last poll (one per line); never blocks."""
        try:
            data = os.read(self._fd, 4096)
        except BlockingIOError:
            return []
        except OSError:
            return []
        if not data:
            return []
        lines = (self._buf + data).split(b"\n")
        self._buf = lines.pop()[-MAX_COMMAND:]
        return [line.decode("utf-8", "replace").strip() for line in lines if line.strip()]

    def close(self) -> None:
        try:
            os.close(self._fd)
        except OSError:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)


@dataclass
class LiveSession:
    id: str
    info: dict[str, Any]


def _alive(pid: Any) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ValueError, TypeError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


def live_sessions(runtime_dir: Path | None = None) -> list[LiveSession]:
    """Sessions with a control FIFO whose process still runs (stale folders are removed)."""
    root = runtime_dir or paths().runtime_dir
    found: list[LiveSession] = []
    try:
        entries = sorted(root.iterdir())
    except OSError:
        return []
    for d in entries:
        fifo = d / CONTROL
        try:
            if not stat.S_ISFIFO(fifo.lstat().st_mode):
                continue
            info = json.loads((d / INFO).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(info, dict):
            continue
        if not _alive(info.get("pid")):
            shutil.rmtree(d, ignore_errors=True)  # left behind by a crash
            continue
        found.append(LiveSession(d.name, info))
    return found


def send(session_id: str, command: str = "handoff", runtime_dir: Path | None = None) -> None:
    """Deliver one command to a running session; NotFound when it is not running."""
    fifo = session_dir(session_id, runtime_dir) / CONTROL
    try:
        if not stat.S_ISFIFO(fifo.lstat().st_mode):
            raise NotFound(f"session {session_id} has no control channel")
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise NotFound(f"no running session {session_id} (see `memwrap handoff --list`)") from None
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise NotFound(f"session {session_id} is not running any more") from None
        raise MemwrapError(f"cannot reach session {session_id}: {exc.strerror}") from None
    try:
        os.write(fd, command.encode("utf-8")[:MAX_COMMAND] + b"\n")
    except OSError as exc:
        raise MemwrapError(f"cannot reach session {session_id}: {exc.strerror}") from None
    finally:
        os.close(fd)

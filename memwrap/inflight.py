"""Sessions being recorded right now, so that a wrapper that dies mid-session (kill -9, the
OOM killer, a power cut) still gets its recording distilled.

`run/live/<session id>` (0600) holds the wrapper's pid and the kernel's start time of that
process. The wrapper removes it once the session is queued the normal way. At the next
launch `recover()` queues every session whose wrapper is gone; the start time tells a
reused pid from the original process.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from memwrap.config import ensure_private_dir, paths


def _live_dir() -> Path:
    return paths().runtime_dir / "live"


def _started(pid: int) -> str:
    """Start time of `pid` in clock ticks since boot ("" when unknown, e.g. no /proc)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
        return fields[19].decode()
    except (OSError, IndexError):
        return ""


def _alive(pid: int, started: str) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # exists, owned by someone else: a reused pid, unless the start time matches
    now = _started(pid)
    return not (started and now and now != started)


def begin(session_id: str) -> None:
    """Note that this process is recording `session_id`."""
    folder = ensure_private_dir(_live_dir())
    tmp = folder / f".{session_id}.tmp"  # renamed into place: recover() never sees half a file
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        json.dump({"pid": os.getpid(), "started": _started(os.getpid())}, fh)
    os.replace(tmp, folder / session_id)


def end(session_id: str) -> None:
    (_live_dir() / session_id).unlink(missing_ok=True)


def recover() -> list[str]:
    """Queue the sessions of wrappers that died; their ids. One directory listing when
    nothing is being recorded."""
    try:
        names = [e.name for e in os.scandir(_live_dir()) if e.is_file() and not e.name.startswith(".")]
    except FileNotFoundError:
        return []
    from memwrap import queue

    recovered = []
    for name in names:
        path = _live_dir() / name
        try:
            info = json.loads(path.read_text())
            pid, started = int(info["pid"]), str(info.get("started") or "")
        except (OSError, ValueError, KeyError, TypeError):
            pid, started = 0, ""  # unreadable: the wrapper died while writing it
        if pid > 0 and _alive(pid, started):
            continue
        try:
            queue.enqueue(name)  # before the unlink: a crash in between only re-queues
        except ValueError:
            pass  # not a session id: nothing to distil
        path.unlink(missing_ok=True)
        recovered.append(name)
    return recovered

"""Background distillation queue: one marker file per session, drained by a detached worker.

Layout under paths().queue_dir (0700):
  <session_id>        marker (0600): JSON {"id", "queued_at", "attempts", "last_error"}
  parked/<session_id> a session that failed MAX_ATTEMPTS times (never retried by itself)
  .worker.lock        every running worker holds a shared flock on it; a start-up check
                      that can take it exclusively knows no worker is running

Exactly once: a worker distils a session only while holding an exclusive, non-blocking flock
on its marker, and only if the marker it locked is still the one in the directory (same
inode): after a success the marker is unlinked under the lock, so a worker that opened the
old file loses. A crash (kill -9) leaves the marker behind; the next `memwrap` start sees a
non-empty queue and no worker, and spawns one. Attempts are counted before each try, so a
session that keeps crashing the worker is parked after MAX_ATTEMPTS too.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import signal
import subprocess
import sys
import time
import traceback
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from memwrap.config import ensure_private_dir, paths
from memwrap.errors import MemwrapError, StoreError

MAX_ATTEMPTS = 3
SESSION_TIMEOUT = 600.0  # seconds per session: a stuck model must not pin a core forever
MAX_SESSIONS_PER_RUN = 20  # the rest waits for the next start
NICE = 10
_WORKER_LOCK = ".worker.lock"
_PARKED = "parked"
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$")


class SessionTimeout(Exception):
    pass


@dataclass
class QueueEntry:
    id: str
    state: str  # queued | running | parked
    attempts: int = 0
    queued_at: float = 0.0
    last_error: str = ""


def queue_dir() -> Path:
    return paths().queue_dir


def _marker(session_id: str) -> Path:
    if not _SAFE_ID.match(session_id):
        raise ValueError(f"not a session id: {session_id!r}")
    return queue_dir() / session_id


def _write_private(path: Path, data: dict[str, Any]) -> None:
    """Atomic replace, mode 0600 (the id alone says when someone worked on what)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        json.dump(data, fh)
    os.replace(tmp, path)


def _read_marker(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text() or "{}")
    except (OSError, ValueError):
        data = {}
    return data if isinstance(data, dict) else {}


def enqueue(session_id: str) -> Path:
    """Queue a session for distillation (idempotent: re-queueing keeps its attempt count)."""
    ensure_private_dir(queue_dir())
    path = _marker(session_id)
    data = _read_marker(path) if path.exists() else {}
    data.update(id=session_id, queued_at=data.get("queued_at") or time.time())
    data.setdefault("attempts", 0)
    _write_private(path, data)
    return path


def pending() -> list[str]:
    """Queued session ids (running ones included), oldest first. Only lists a directory."""
    try:
        names = [e.name for e in os.scandir(queue_dir()) if e.is_file() and not e.name.startswith(".")]
    except FileNotFoundError:
        return []
    return sorted(names)


def parked() -> list[str]:
    try:
        return sorted(e.name for e in os.scandir(queue_dir() / _PARKED) if not e.name.startswith("."))
    except FileNotFoundError:
        return []


def entries() -> list[QueueEntry]:
    """Every queued or parked session with its state, for `memwrap sessions`."""
    out = []
    for sid in pending():
        data = _read_marker(queue_dir() / sid)
        out.append(QueueEntry(sid, "running" if _is_locked(queue_dir() / sid) else "queued",
                              int(data.get("attempts") or 0), float(data.get("queued_at") or 0),
                              str(data.get("last_error") or "")))
    for sid in parked():
        data = _read_marker(queue_dir() / _PARKED / sid)
        out.append(QueueEntry(sid, "parked", int(data.get("attempts") or 0), float(data.get("queued_at") or 0),
                              str(data.get("last_error") or "")))
    return out


def retry_parked(session_id: str) -> None:
    """Put a parked session back in the queue with a fresh attempt count."""
    src = queue_dir() / _PARKED / session_id
    data = _read_marker(src)
    data.update(attempts=0, last_error="")
    _write_private(_marker(session_id), data)
    src.unlink(missing_ok=True)


def _is_locked(path: Path, *, create: bool = False) -> bool:
    """Does another process hold a flock on `path`? (Probe: try it exclusively, let go.)"""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600) if create else os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # closing drops our probe lock
    return False


# ---- starting the worker -----------------------------------------------------------------

def worker_running() -> bool:
    """True when some worker holds the worker lock (shared)."""
    return _is_locked(queue_dir() / _WORKER_LOCK, create=True)


def spawn_worker() -> None:
    """Start `memwrap _distill` detached: own session, no terminal, output to the log file.
    Returns at once; the caller never waits for it."""
    p = paths()
    ensure_private_dir(p.home)
    fd = os.open(p.log_file, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        subprocess.Popen(
            [sys.executable, "-m", "memwrap", "_distill"],
            stdin=subprocess.DEVNULL, stdout=fd, stderr=fd,
            start_new_session=True, close_fds=True, cwd=str(p.home),
        )
    finally:
        os.close(fd)


def resume_pending() -> bool:
    """Cheap start-up check: if sessions wait and no worker runs, start one. True if spawned.
    Costs one directory listing when the queue is empty."""
    if not pending():
        return False
    if worker_running():
        return False
    spawn_worker()
    return True


# ---- the worker ----------------------------------------------------------------------------

def log(message: str) -> None:
    """One line in paths().log_file; never raises (the worker has no terminal to complain to)."""
    try:
        p = paths()
        ensure_private_dir(p.home)
        fd = os.open(p.log_file, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with os.fdopen(fd, "a") as fh:
            fh.write(f"{time.strftime('%Y-%m-%dT%H:%M:%S')} [{os.getpid()}] {message}\n")
    except OSError:
        pass


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """SIGALRM-based limit; the worker is single-threaded and its own process."""
    if seconds <= 0 or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise SessionTimeout(f"took longer than {seconds:.0f}s")

    old = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


@contextmanager
def _session_lock(path: Path) -> Iterator[int | None]:
    """fd of the marker, exclusively locked and still current; None if another worker has it
    or it was already done."""
    try:
        fd = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        yield None
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            yield None
            return
        try:
            current = os.stat(path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            current = False
        yield fd if current else None
    finally:
        os.close(fd)


Distil = Callable[[str], Any]


def process_one(session_id: str, distil: Distil, *, timeout: float = SESSION_TIMEOUT) -> str:
    """Distil one queued session under its lock. Returns done | busy | failed | parked."""
    path = _marker(session_id)
    with _session_lock(path) as fd:
        if fd is None:
            return "busy"
        data = _read_marker(path)
        attempts = int(data.get("attempts") or 0)
        if attempts >= MAX_ATTEMPTS:
            _park(path, data)
            return "parked"
        data["attempts"] = attempts + 1
        _rewrite_in_place(fd, data)  # counted before the try: a crash counts too
        started = time.monotonic()
        try:
            with _time_limit(timeout):
                result = distil(session_id)
        except StoreError as exc:
            # The store, not this session, is at fault: no attempt is charged, and the
            # drain stops (every other session would fail the same way).
            data["attempts"] = attempts
            _rewrite_in_place(fd, data)
            log(f"session {session_id}: left queued, the store cannot be used: {exc}")
            raise
        except Exception as exc:  # noqa: BLE001 - every failure is logged and counted
            data["last_error"] = f"{type(exc).__name__}: {exc}"[:500]
            log(f"session {session_id}: attempt {attempts + 1}/{MAX_ATTEMPTS} failed: {data['last_error']}")
            if not isinstance(exc, (SessionTimeout, MemwrapError)):  # a bug: keep where it happened
                log("".join(traceback.format_exception(exc)).rstrip().replace("\n", "\n    "))
            if attempts + 1 >= MAX_ATTEMPTS:
                _park(path, data)
                log(f"session {session_id}: parked after {MAX_ATTEMPTS} failures; "
                    f"`memwrap ingest` it by hand or `memwrap sessions --retry {session_id}`")
                return "parked"
            _rewrite_in_place(fd, data)
            return "failed"
        summary = getattr(result, "summary", lambda: "")()
        log(f"session {session_id}: distilled in {time.monotonic() - started:.1f}s; {summary}")
        path.unlink(missing_ok=True)  # still under the lock: nobody else can start it now
        return "done"


def _rewrite_in_place(fd: int, data: dict[str, Any]) -> None:
    """Rewrite the locked marker through its fd (a rename would break the inode check)."""
    raw = json.dumps(data).encode()
    os.lseek(fd, 0, os.SEEK_SET)
    os.ftruncate(fd, 0)
    os.write(fd, raw)
    os.fsync(fd)


def _park(path: Path, data: dict[str, Any]) -> None:
    dest = ensure_private_dir(path.parent / _PARKED) / path.name
    _write_private(dest, data)
    path.unlink(missing_ok=True)


@contextmanager
def _worker_lock() -> Iterator[None]:
    fd = os.open(ensure_private_dir(queue_dir()) / _WORKER_LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)
        yield
    finally:
        os.close(fd)


def drain(distil: Distil, *, max_sessions: int = MAX_SESSIONS_PER_RUN,
          timeout: float = SESSION_TIMEOUT) -> dict[str, int]:
    """Process queued sessions until none is left that this worker can take, or the cap.
    Counts of outcomes. Each session is tried at most once per drain."""
    counts = {"done": 0, "failed": 0, "parked": 0, "busy": 0}
    tried: set[str] = set()
    while True:
        with _worker_lock():
            todo = [sid for sid in pending() if sid not in tried]
            for sid in todo:
                if counts["done"] + counts["failed"] + counts["parked"] >= max_sessions:
                    return counts
                tried.add(sid)
                counts[process_one(sid, distil, timeout=timeout)] += 1
        # Released: a session queued while we were finishing would otherwise wait for the
        # next start (its own spawn saw us running). Look once more before leaving.
        if not [sid for sid in pending() if sid not in tried]:
            return counts


def lower_priority() -> None:
    try:
        os.nice(NICE)
    except OSError:
        pass

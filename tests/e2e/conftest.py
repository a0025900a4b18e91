"""Shared helpers for end-to-end runs: a wrapped command in a real PTY, facts in the store."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect
import pytest

REPO = Path(__file__).resolve().parents[2]


def memwrap_argv() -> list[str]:
    return [sys.executable, "-m", "memwrap"]


def spawn_memwrap(args: list[str], *, cwd: Path, env: dict[str, str], log: Path,
                  timeout: float = 60) -> pexpect.spawn:
    """`memwrap ARGS` in a real 120x40 PTY; everything it prints goes to `log` for failures."""
    argv = memwrap_argv() + args
    child = pexpect.spawn(argv[0], argv[1:], cwd=str(cwd), env=env, timeout=timeout,
                          dimensions=(40, 120), encoding="utf-8", codec_errors="replace")
    child.logfile_read = open(log, "a", encoding="utf-8")
    return child


def tail(path: Path, n: int = 3000) -> str:
    try:
        return path.read_text(errors="replace")[-n:]
    except OSError:
        return "(no log)"


# CI runners export these; assistant CLIs read them as "no person at a terminal" (Gemini CLI
# then refuses interactive mode). The e2e tests drive the CLIs as a person would.
CI_MARKERS = ("CI", "CONTINUOUS_INTEGRATION", "BUILD_NUMBER", "RUN_ID", "GITHUB_ACTIONS", "GITLAB_CI",
              "BUILDKITE", "CIRCLECI", "TRAVIS", "JENKINS_URL", "TEAMCITY_VERSION", "TF_BUILD")


@pytest.fixture
def e2e_env(clean_env: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in clean_env.items() if k not in CI_MARKERS}
    env.setdefault("TERM", "xterm-256color")
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env

"""Shared fixtures: every test gets its own MEMWRAP_HOME so nothing touches the real one."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
RECORDINGS = REPO / "recordings"
FAKE_CLI = Path(__file__).resolve().parent / "fake_cli"


@pytest.fixture(autouse=True)
def memwrap_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("memwrap-home")
    monkeypatch.setenv("MEMWRAP_HOME", str(home))
    monkeypatch.delenv("MEMWRAP_ACTIVE", raising=False)
    return home


@pytest.fixture
def private_memwrap_home(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """MEMWRAP_HOME where no directory above it is writable by others (pytest's lives under the
    world-writable /tmp): Gemini reads memwrap's settings file only from such a place."""
    base = Path.home() / ".cache" / "memwrap-test-homes"
    base.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="home-", dir=base))
    monkeypatch.setenv("MEMWRAP_HOME", str(home))
    monkeypatch.delenv("MEMWRAP_ACTIVE", raising=False)
    yield home
    shutil.rmtree(home, ignore_errors=True)


@pytest.fixture
def memwrap_cmd() -> list[str]:
    """How to run the CLI in a subprocess (the installed console script's equivalent)."""
    return [sys.executable, "-m", "memwrap"]


@pytest.fixture
def clean_env(memwrap_home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["MEMWRAP_HOME"] = str(memwrap_home)
    env.pop("MEMWRAP_ACTIVE", None)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env

"""Fixtures of the reliability suite (helpers live in helpers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project directory (not a git repository: its path is its identity)."""
    path = tmp_path / "proj"
    path.mkdir()
    return path


@pytest.fixture(autouse=True)
def _no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MEMWRAP_MODEL", raising=False)  # extractive facts: fast and deterministic

"""Where the real assistant CLIs for end-to-end tests live (installed by scripts/install-test-clis.sh)."""

from __future__ import annotations

import os
from pathlib import Path


def tools_dir() -> Path:
    return Path(os.environ.get("MEMWRAP_TEST_TOOLS") or Path.home() / ".cache" / "memwrap-test-tools")


def _executable(path: Path) -> str | None:
    return str(path) if path.is_file() and os.access(path, os.X_OK) else None


def claude_bin() -> str | None:
    """Path of the pinned Claude Code binary, or None when it is not installed."""
    return _executable(tools_dir() / "node" / "node_modules" / ".bin" / "claude")


def aider_bin() -> str | None:
    """Path of aider in its own venv, or None when it is not installed."""
    return _executable(tools_dir() / "aider-venv" / "bin" / "aider")


def aider_python() -> str | None:
    return _executable(tools_dir() / "aider-venv" / "bin" / "python")


def codex_bin() -> str | None:
    """Path of the pinned Codex CLI (npm; the native binary ships in an optional npm package)."""
    return _executable(tools_dir() / "node" / "node_modules" / ".bin" / "codex")


def gemini_bin() -> str | None:
    """Path of the pinned Gemini CLI, or None when it is not installed."""
    return _executable(tools_dir() / "node" / "node_modules" / ".bin" / "gemini")

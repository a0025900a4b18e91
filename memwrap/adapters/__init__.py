"""Adapter registry: entry points in the group `memwrap.adapters`, keyed by command name.

`for_command(["claude", ...])` gives the Claude adapter; any command without an adapter
gets the generic one (first-message injection). A third party (or a test) adds an adapter
by declaring an entry point; a broken one is skipped, never fatal.
"""

from __future__ import annotations

import os
from importlib.metadata import entry_points

from memwrap.adapters.base import Adapter, LaunchPlan
from memwrap.adapters.generic import GenericAdapter

GROUP = "memwrap.adapters"


def command_name(argv0: str) -> str:
    """`/usr/local/bin/claude` -> `claude`; `aider.exe`/`claude.js` -> `aider`/`claude`."""
    name = os.path.basename(argv0.rstrip("/"))
    for suffix in (".exe", ".js", ".cmd", ".sh"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name


def adapter_names() -> list[str]:
    """Names of the installed adapters (the commands memwrap knows well)."""
    return sorted({ep.name for ep in entry_points(group=GROUP)})


def get(name: str) -> Adapter | None:
    for ep in entry_points(group=GROUP):
        if ep.name == name:
            try:
                cls = ep.load()
                adapter = cls()
            except Exception:  # a broken plug-in must not stop the assistant from starting
                return None
            return adapter if isinstance(adapter, Adapter) else None
    return None


def for_command(argv: list[str]) -> Adapter:
    """The adapter for the command in argv[0], else the generic one."""
    if argv:
        adapter = get(command_name(argv[0]))
        if adapter is not None:
            return adapter
    return GenericAdapter()


__all__ = ["Adapter", "LaunchPlan", "GenericAdapter", "for_command", "adapter_names", "command_name", "get"]

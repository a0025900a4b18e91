"""Adapter registry: entry points in the group `memwrap.adapters`, keyed by command name.

`for_command(["claude", ...])` gives the Claude adapter; any command without an adapter
gets the generic one (first-message injection). A third party (or a test) adds an adapter
by declaring an entry point; a broken one is skipped, never fatal.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from typing import Any

from memwrap.adapters.base import Adapter, LaunchPlan
from memwrap.adapters.generic import GenericAdapter

GROUP = "memwrap.adapters"
MAX_CACHED_PATHS = 4  # sys.path variants whose entry points are cached


def command_name(argv0: str) -> str:
    """`/usr/local/bin/claude` -> `claude`; `aider.exe`/`claude.js` -> `aider`/`claude`."""
    name = os.path.basename(argv0.rstrip("/"))
    for suffix in (".exe", ".js", ".cmd", ".sh"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name


def _path_stamp() -> list[list[object]]:
    """What decides the installed entry points: every sys.path directory and its mtime
    (installing or removing a distribution adds or removes a directory there)."""
    stamp: list[list[object]] = []
    for entry in sys.path:
        if entry in ("", "."):  # the working directory holds no installed distributions
            continue
        try:
            stamp.append([entry, os.stat(entry or ".").st_mtime_ns])
        except OSError:
            stamp.append([entry, None])
    return stamp


def _cache_file() -> str:
    from memwrap.config import paths

    return str(paths().home / "cache" / "adapters.json")


def _registered() -> dict[str, str]:
    """{command name: "module:attr"} for the `memwrap.adapters` entry points.

    Scanning installed metadata costs ~20 ms, too much for every launch, so the mapping is
    cached and rescanned only when a sys.path directory changes. One entry per sys.path
    list (the console script, `python -m` and a test's interpreter each see another first
    entry), so launching memwrap in several ways does not evict the others' entries.
    """
    stamp = _path_stamp()
    key = "\0".join(str(entry[0]) for entry in stamp)
    cache = _cache_file()
    entries: dict[str, Any] = {}
    try:
        with open(cache, encoding="utf-8") as fh:
            cached = json.load(fh)
        entries = cached.get("entries") if cached.get("version") == 2 else {}
        hit = entries.get(key) or {}
        if hit.get("stamp") == stamp and isinstance(hit.get("adapters"), dict):
            return {str(k): str(v) for k, v in hit["adapters"].items()}
    except (OSError, ValueError, AttributeError):
        entries = {}
    from importlib.metadata import entry_points

    found = {ep.name: ep.value for ep in entry_points(group=GROUP)}
    entries = {k: v for k, v in list(entries.items())[-(MAX_CACHED_PATHS - 1):] if k != key}
    entries[key] = {"stamp": stamp, "adapters": found}
    try:
        os.makedirs(os.path.dirname(cache), mode=0o700, exist_ok=True)
        tmp = f"{cache}.{os.getpid()}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"version": 2, "entries": entries}, fh)
        os.replace(tmp, cache)
    except OSError:
        pass  # no cache this time: the next launch scans again
    return found


def adapter_names() -> list[str]:
    """Names of the installed adapters (the commands memwrap knows well)."""
    return sorted(_registered())


def get(name: str) -> Adapter | None:
    target = _registered().get(name)
    if target is None:
        return None
    try:
        module_name, _, attr = target.partition(":")
        obj: object = importlib.import_module(module_name.strip())
        for part in attr.strip().split(".") if attr else []:
            obj = getattr(obj, part)
        adapter = obj()  # type: ignore[operator]
    except Exception:  # a broken plug-in must not stop the assistant from starting
        return None
    return adapter if isinstance(adapter, Adapter) else None


def for_command(argv: list[str]) -> Adapter:
    """The adapter for the command in argv[0], else the generic one."""
    if argv:
        adapter = get(command_name(argv[0]))
        if adapter is not None:
            return adapter
    return GenericAdapter()


__all__ = ["Adapter", "LaunchPlan", "GenericAdapter", "for_command", "adapter_names", "command_name", "get"]

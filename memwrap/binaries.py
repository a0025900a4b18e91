"""Find the real program behind a command name.

Users alias or shim `claude` to `memwrap claude`. If memwrap then looked `claude` up on PATH
naively it could find that shim and run itself forever. So a PATH entry whose file is a
memwrap shim (a script that mentions memwrap, or a link to memwrap's own entry point) is
skipped, and the next one is used.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

# A shim is a short text script; reading this much of it is enough to recognise one.
_SHIM_SNIFF_BYTES = 4096
# `memwrap` as a command word (`exec memwrap claude`, `/usr/bin/memwrap`, `python -m memwrap`),
# not as part of a path like `~/.cache/memwrap-test-tools/venv/bin/python` in a shebang.
_SHIM_RE = re.compile(rb"""(?:^|[\s/'"])memwrap(?=[\s'"]|$)""", re.MULTILINE)


def _own_entry_points() -> set[Path]:
    """Files that are memwrap itself: the console script we were started from."""
    own: set[Path] = set()
    for candidate in (sys.argv[0] if sys.argv else "",):
        if candidate and os.sep in candidate:
            try:
                own.add(Path(candidate).resolve())
            except OSError:
                pass
    return own


def is_memwrap_shim(path: str | os.PathLike[str]) -> bool:
    """True for a launcher that would run memwrap again (script text or symlink target)."""
    p = Path(path)
    try:
        resolved = p.resolve()
    except OSError:
        return False
    if resolved.name == "memwrap" or resolved in _own_entry_points():
        return True
    try:
        with open(resolved, "rb") as fh:
            head = fh.read(_SHIM_SNIFF_BYTES)
    except OSError:
        return False
    if not head.startswith(b"#!"):
        return False  # a compiled program is never one of our shims
    return bool(_SHIM_RE.search(head))


def find_binary(name: str, path: str | None = None) -> str | None:
    """The first executable called `name` on PATH that is not a memwrap shim.

    A name containing a slash is taken as a path, like a shell would; it is still refused
    when it is a memwrap shim, because running it would only wrap twice.
    """
    if not name:
        return None
    if os.sep in name:
        if os.path.isfile(name) and os.access(name, os.X_OK) and not is_memwrap_shim(name):
            return name
        return None
    search = os.environ.get("PATH", os.defpath) if path is None else path
    seen: set[str] = set()
    for entry in search.split(os.pathsep):
        directory = entry or "."
        candidate = os.path.join(directory, name)
        if candidate in seen:
            continue
        seen.add(candidate)
        if not (os.path.isfile(candidate) and os.access(candidate, os.X_OK)):
            continue
        if is_memwrap_shim(candidate):
            continue
        return candidate
    return None

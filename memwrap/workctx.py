"""What the user is working on right now, for ranking memory by relevance.

Three cheap signals, each bounded in time so a launch never waits on them:
* git: files in `git status` and in the last few commits (one short subprocess each, run
  in parallel, and alongside the walk below, killed after a timeout);
* the file system: files modified recently under the project root (a capped walk);
* the previous session: files and distinctive names in its last turns.
Every failure just yields an empty signal: relevance is a hint, never a requirement.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

GIT_TIMEOUT_S = 0.3  # a huge repository loses the git signal rather than delay the launch
RECENT_COMMITS = 3
RECENT_WINDOW_S = 2 * 24 * 3600  # "recently modified" = touched in the last two days
WALK_MAX_ENTRIES = 2000
WALK_MAX_S = 0.015  # a launch budget share; git status covers what a big tree's walk misses
MAX_RECENT_FILES = 20
LAST_TURNS = 8

# Directories that are never "what the user is working on".
_SKIP_DIRS = {
    ".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".mypy_cache",
    ".pytest_cache", ".tox", "dist", "build", "target", ".idea", ".vscode", ".cache",
}

# Words that carry no topic: common English and chat filler.
_STOPWORDS = frozenset(
    """
    about above after again against all also always another any anything around because been
    before being below between both could does doing done down during each either else even
    every few first from further have having here itself just know like make many maybe might
    more most much must need never next none nothing once only other otherwise over please
    probably really right same should since some something still such sure than that their
    them then there these they thing things think this those though through today together
    under until upon used using very want what when where whether which while will with
    within without would your yours thanks thank okay great good fine let's lets i'll we'll
    going works work working file files code change changes instead already actually
    """.split()
)

_PATH_RE = re.compile(r"(?<![\w/.-])((?:[\w.-]+/)*[\w-]+\.[A-Za-z][\w]{0,7})(?![\w/])")
_WORD_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:[.:][A-Za-z_][A-Za-z0-9_]*)*")


@dataclass
class WorkContext:
    """Files (relative to the project root, '/' separated) and names the user is on."""

    root: Path | None = None
    changed: list[str] = field(default_factory=list)  # git status (staged, unstaged, untracked)
    committed: list[str] = field(default_factory=list)  # touched by the last few commits
    recent: list[str] = field(default_factory=list)  # modified recently, newest first
    mentioned: list[str] = field(default_factory=list)  # named in the previous session's end
    names: set[str] = field(default_factory=set)  # distinctive words of the previous session's end

    @property
    def files(self) -> list[str]:
        """All files, strongest signal first, without duplicates."""
        seen: dict[str, None] = {}
        for group in (self.changed, self.mentioned, self.committed, self.recent):
            for f in group:
                seen.setdefault(f, None)
        return list(seen)

    def file_weights(self) -> dict[str, tuple[float, str]]:
        """file -> (weight, why); the strongest reason wins."""
        weights: dict[str, tuple[float, str]] = {}
        for group, weight, why in (
            (self.recent, 1.0, "recently modified"),
            (self.committed, 1.5, "in a recent commit"),
            (self.mentioned, 2.0, "named in the last session"),
            (self.changed, 3.0, "in git status"),
        ):
            for f in group:
                if f not in weights or weights[f][0] < weight:
                    weights[f] = (weight, why)
        return weights

    def is_empty(self) -> bool:
        return not (self.changed or self.committed or self.recent or self.mentioned or self.names)


def _start_git(root: Path) -> dict[str, subprocess.Popen[bytes]]:
    """Start `git status` and `git log` (nothing outside git); collect with _git_lists."""
    if not (root / ".git").exists():
        return {}
    env = dict(os.environ, GIT_OPTIONAL_LOCKS="0", LC_ALL="C")  # never take the index lock
    commands = {
        "status": ["git", "-C", str(root), "status", "--porcelain=v1", "-z", "--untracked-files=normal"],
        "log": ["git", "-C", str(root), "log", f"-n{RECENT_COMMITS}", "--name-only", "--format=", "--no-renames"],
    }
    procs: dict[str, subprocess.Popen[bytes]] = {}
    for key, cmd in commands.items():
        try:
            procs[key] = subprocess.Popen(
                cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=env
            )
        except OSError:
            break
    return procs


def _git_lists(procs: dict[str, subprocess.Popen[bytes]]) -> tuple[list[str], list[str]]:
    """(files in git status, files in the last commits); both empty outside git or on timeout."""
    out: dict[str, bytes] = {}
    deadline = time.monotonic() + GIT_TIMEOUT_S
    for key, proc in procs.items():
        try:
            data, _ = proc.communicate(timeout=max(0.01, deadline - time.monotonic()))
            out[key] = data if proc.returncode == 0 else b""
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            out[key] = b""
    if len(out) < 2:
        return [], []
    return _parse_status(out.get("status", b"")), _parse_log(out.get("log", b""))


def _parse_status(data: bytes) -> list[str]:
    files: list[str] = []
    entries = data.decode("utf-8", errors="replace").split("\0")
    i = 0
    while i < len(entries):
        entry = entries[i]
        i += 1
        if len(entry) < 4:
            continue
        code, path = entry[:2], entry[3:]
        if code[0] in "RC":  # rename/copy: the next entry is the old name
            i += 1
        if code == "!!":
            continue
        files.append(path.rstrip("/"))
    return files


def _parse_log(data: bytes) -> list[str]:
    seen: dict[str, None] = {}
    for line in data.decode("utf-8", errors="replace").splitlines():
        if line.strip():
            seen.setdefault(line.strip(), None)
    return list(seen)


def _recent_files(root: Path, now: float) -> list[str]:
    """Files modified in the last RECENT_WINDOW_S, newest first; walk capped in entries and time."""
    found: list[tuple[float, str]] = []
    start = time.monotonic()
    seen_entries = 0
    stack = [root]
    while stack:
        directory = stack.pop()
        try:
            with os.scandir(directory) as it:
                for entry in it:
                    seen_entries += 1
                    if seen_entries > WALK_MAX_ENTRIES or time.monotonic() - start > WALK_MAX_S:
                        stack.clear()
                        break
                    name = entry.name
                    if name.startswith(".") and name not in (".github",):
                        continue
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            if name not in _SKIP_DIRS and not name.endswith(".egg-info"):
                                stack.append(Path(entry.path))
                        elif entry.is_file(follow_symlinks=False):
                            mtime = entry.stat(follow_symlinks=False).st_mtime
                            if now - mtime <= RECENT_WINDOW_S:
                                found.append((mtime, os.path.relpath(entry.path, root)))
                    except OSError:
                        continue
        except OSError:
            continue
    found.sort(reverse=True)
    return [rel.replace(os.sep, "/") for _, rel in found[:MAX_RECENT_FILES]]


def files_in_text(text: str) -> list[str]:
    """Path-like words (`src/auth/refresh.go`, `setup.py`) in free text."""
    return [m.group(1).removeprefix("./") for m in _PATH_RE.finditer(text)]


def distinctive_names(text: str) -> set[str]:
    """Identifiers and topic words worth matching against facts (lower-cased).

    Code-looking words (snake_case, CamelCase, dotted, with digits) always count; plain
    words count when long enough and not filler.
    """
    names: set[str] = set()
    for word in _WORD_RE.findall(text):
        low = word.lower()
        code_like = "_" in word or "." in word or ":" in word or any(c.isdigit() for c in word) or (
            word[1:] != word[1:].lower() and word[1:] != word[1:].upper()
        )
        if code_like and len(word) >= 3:
            names.add(low)
        elif len(low) >= 5 and low not in _STOPWORDS:
            names.add(low)
    return names


def from_turns(turns: Iterable[Any]) -> tuple[list[str], set[str]]:
    """Files and names in the given turns (objects with .text, .input, .files)."""
    files: dict[str, None] = {}
    names: set[str] = set()
    for turn in turns:
        text = f"{getattr(turn, 'text', '')}\n{getattr(turn, 'input', '')}"
        for f in list(getattr(turn, "files", []) or []) + files_in_text(text):
            files.setdefault(str(f), None)
        if getattr(turn, "role", "") != "tool":  # tool output is mostly noise for topics
            names |= distinctive_names(text[:4000])
    return list(files), names


def _last_session_hints(store: Any, project_key: str) -> tuple[list[str], set[str]]:
    """Files and names the newest distilled session of this project ended on.

    The pipeline saves them in the session record at distillation time, so a launch never
    re-reads a transcript on its start-up path.
    """
    try:
        sessions = list(store.sessions(project=project_key))
    except Exception:  # the store is optional here: relevance is a hint
        return [], set()

    def start_of(meta: dict[str, Any]) -> float:
        try:
            return float(meta.get("start") or 0)  # the store keeps epoch seconds
        except (TypeError, ValueError):
            return 0.0

    for meta in sorted(sessions, key=start_of, reverse=True)[:3]:
        files = [str(f) for f in meta.get("last_files") or []]
        names = {str(n) for n in meta.get("last_names") or []}
        if files or names:
            return files, names
    return [], set()


def work_context(
    root: str | os.PathLike[str] | None,
    *,
    store: Any = None,
    project_key: str | None = None,
    now: float | None = None,
    use_git: bool = True,
) -> WorkContext:
    """Gather what the user is working on under `root` (a project's work tree)."""
    now = time.time() if now is None else now
    ctx = WorkContext(root=Path(root) if root else None)
    if ctx.root is not None and ctx.root.is_dir():
        git = _start_git(ctx.root) if use_git else {}
        ctx.recent = _recent_files(ctx.root, now)  # while git runs
        if git:
            ctx.changed, ctx.committed = _git_lists(git)
    if store is not None and project_key:
        ctx.mentioned, ctx.names = _last_session_hints(store, project_key)
    return ctx

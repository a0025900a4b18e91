"""What memwrap needs to know about one assistant CLI, and the plan for one launch.

An adapter answers four questions: where is the real program (never a memwrap shim),
how does the memory block get in (the CLI's best channel, checked against its own
`--help`), where does it keep its native transcript, and what does "context almost full"
look like on its screen. Files an adapter writes for a launch live in a private directory
under $MEMWRAP_HOME/run and are removed by `LaunchPlan.cleanup`; nothing is ever written
into the user's repository.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, ClassVar, Iterable

from memwrap.config import ensure_private_dir, paths

HELP_TIMEOUT_S = 8.0
_HELP_CACHE_VERSION = "1"


def _noop() -> None:
    return None


def new_uuid4() -> str:
    """A random (version 4) UUID string. Not `uuid.uuid4()`: importing `uuid` imports
    `platform`, about 10 ms of every launch."""
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40
    raw[8] = (raw[8] & 0x3F) | 0x80
    h = raw.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


_UNSET = object()


@dataclass
class LaunchPlan:
    """How to start the CLI for one wrapped session.

    `env` holds only additions/overrides to the inherited environment. `first_message`,
    when set, is typed into the CLI (bracketed paste, then Enter) once it waits for input:
    the generic channel for CLIs without a better one. `cleanup` removes the launch's
    private files; call it once the child has exited (it is idempotent).
    """

    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    first_message: str | None = None
    cleanup: Callable[[], None] = _noop
    channel: str = "none"  # how the block travels: "append-system-prompt-file", "read", ...
    native_transcript: str | None = None  # known before launch (Claude --session-id)
    native_session_id: str | None = None
    notes: list[str] = field(default_factory=list)  # one-line remarks for stderr/log


@dataclass(frozen=True)
class SignalPattern:
    """A screen-text regex whose first group is a number; `means` says what it measures.

    used: percent of the window used; left: percent left; tokens: tokens in the prompt
    (needs the window size); tokens_left: tokens remaining; full: no group, window exhausted.
    """

    regex: re.Pattern[str]
    means: str


def pattern(regex: str, means: str) -> SignalPattern:
    return SignalPattern(re.compile(regex, re.IGNORECASE), means)


def _number(text: str) -> float:
    text = text.replace(",", "")
    if text[-1:].lower() == "k":
        return float(text[:-1]) * 1000
    if text[-1:].lower() == "m":
        return float(text[:-1]) * 1_000_000
    return float(text)


class LaunchFiles:
    """A private per-launch directory under the runtime dir; files 0600, removed by cleanup."""

    def __init__(self, runtime_dir: str | os.PathLike[str]) -> None:
        self.dir = ensure_private_dir(Path(runtime_dir)) / f"launch-{os.urandom(6).hex()}"
        self.dir.mkdir(mode=0o700)

    def write(self, name: str, text: str) -> Path:
        path = self.dir / name
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        return path

    def cleanup(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


def help_cache_dir() -> Path:
    return paths().home / "cache" / "help"


def help_text(binary: str, args: Iterable[str] = ("--help",)) -> str | None:
    """The CLI's own help text, cached per (real path, size, mtime); None when unavailable."""
    args = list(args)
    try:
        real = os.path.realpath(binary)
        st = os.stat(real)
    except OSError:
        return None
    key = hashlib.sha1(
        f"{_HELP_CACHE_VERSION}\0{real}\0{st.st_size}\0{st.st_mtime_ns}\0{' '.join(args)}".encode()
    ).hexdigest()[:20]
    cache = help_cache_dir() / f"{key}.txt"
    try:
        return cache.read_text(encoding="utf-8")
    except OSError:
        pass
    env = dict(os.environ, NO_COLOR="1", TERM="dumb", COLUMNS="200")
    env.pop("MEMWRAP_ACTIVE", None)
    try:
        proc = subprocess.run(
            [binary, *args], capture_output=True, timeout=HELP_TIMEOUT_S, env=env, stdin=subprocess.DEVNULL
        )
    except (OSError, subprocess.SubprocessError):
        return None
    text = (proc.stdout + proc.stderr).decode("utf-8", errors="replace")
    if not text.strip():
        return None
    try:
        ensure_private_dir(cache.parent)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, cache)
    except OSError:
        pass  # caching is an optimisation only
    return text


def help_lists(help: str | None, flag: str) -> bool | None:
    """Does the help mention `flag`? Understands the `--flag[-file]` shorthand.
    None when there is no help text to judge by."""
    if not help:
        return None
    if re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", help):
        return True
    head, _, tail = flag.rpartition("-")
    if head.startswith("--") and tail:
        return f"{head}[-{tail}]" in help
    return False


def help_subcommands(help: str | None) -> set[str]:
    """Names listed under a `Commands:` heading (commander / clap style help)."""
    if not help:
        return set()
    names: set[str] = set()
    in_commands = False
    for line in help.splitlines():
        if re.match(r"^\s*(Commands|Subcommands|COMMANDS)\s*:", line):
            in_commands = True
            continue
        if in_commands:
            if line and not line[0].isspace():
                in_commands = False
                continue
            m = re.match(r"^ {1,4}([a-z][\w|-]*)", line)
            if m:
                names.update(m.group(1).split("|"))
                alias = re.search(r"\[aliases?: ([^\]]+)\]", line)
                if alias:
                    names.update(a.strip() for a in alias.group(1).split(","))
    return names


def first_positional(args: list[str], takes_value: set[str]) -> int | None:
    """Index in `args` of the first positional argument (flags that take a value skip it)."""
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            return i + 1 if i + 1 < len(args) else None
        if arg.startswith("-") and arg != "-":
            if "=" not in arg and arg in takes_value:
                i += 1
            i += 1
            continue
        return i
    return None


def has_flag(args: list[str], *names: str) -> bool:
    for arg in args:
        if arg == "--":
            return False
        if arg in names or any(arg.startswith(n + "=") for n in names if n.startswith("--")):
            return True
    return False


def flag_value(args: list[str], *names: str) -> str | None:
    for i, arg in enumerate(args):
        if arg == "--":
            return None
        if arg in names and i + 1 < len(args):
            return args[i + 1]
        for n in names:
            if n.startswith("--") and arg.startswith(n + "="):
                return arg[len(n) + 1:]
    return None


class Adapter:
    """Base adapter. Subclasses set `name`, `program`, `signals` and override `_inject`."""

    name: ClassVar[str] = "generic"
    program: ClassVar[str] = ""  # the command name it wraps ("claude")
    signals: ClassVar[tuple[SignalPattern, ...]] = ()
    checks_help: ClassVar[bool] = True  # consult `<binary> --help` for flags and subcommands
    memory_subcommands: ClassVar[frozenset[str]] = frozenset()  # subcommands that still get memory
    # Used when --help cannot be read (or to complete it): from the CLI's documentation.
    known_subcommands: ClassVar[frozenset[str]] = frozenset()
    known_value_flags: ClassVar[frozenset[str]] = frozenset()

    def __init__(self) -> None:
        self.binary: str | None = None
        self._help: object = _UNSET

    # -- the real program -----------------------------------------------------------------
    def find_binary(self, command: str) -> str | None:
        """The real executable for `command`, skipping memwrap shims on PATH."""
        try:
            from memwrap.binaries import find_binary
        except ImportError:  # pragma: no cover - binaries.py is part of the package
            return shutil.which(command)
        return find_binary(command)

    def cli_help(self) -> str | None:
        """`<binary> --help`, cached on disk; None for the generic adapter (running an
        unknown program with --help could have side effects) or when it cannot be read."""
        if not self.checks_help or not self.binary:
            return None
        if self._help is _UNSET:
            self._help = help_text(self.binary)
        return self._help  # type: ignore[return-value]

    def value_flags(self) -> set[str]:
        return help_value_flags(self.cli_help()) | self.known_value_flags

    def subcommand(self, args: list[str]) -> str | None:
        """The subcommand the user asked for (`claude mcp list` -> `mcp`), if any."""
        commands = help_subcommands(self.cli_help()) or set(self.known_subcommands)
        i = first_positional(args, self.value_flags())
        return args[i] if i is not None and args[i] in commands else None

    # -- injection ------------------------------------------------------------------------
    def plan_launch(self, argv: list[str], block: Any, runtime_dir: str | os.PathLike[str]) -> LaunchPlan:
        """How to start `argv` with `block` (a MemoryBlock or its text) delivered.

        `argv[0]` is what the user typed; it is resolved to the real binary. Never raises for
        memory reasons: a channel that cannot be used falls back to the next one, and a plan
        without memory is still a valid plan.
        """
        text = getattr(block, "text", block) or ""
        self.binary = self.find_binary(argv[0]) or argv[0]
        plan = LaunchPlan(argv=[self.binary, *argv[1:]])
        sub = self.subcommand(argv[1:]) if self.checks_help else None
        if sub and sub not in self.memory_subcommands:
            plan.notes.append(f"{self.program} {sub}: a subcommand, no memory injected")
            return plan
        if not text:
            return self._no_memory(plan)
        files = LaunchFiles(runtime_dir)
        plan.cleanup = files.cleanup
        try:
            self._inject(plan, text, files)
        except OSError as exc:
            files.cleanup()
            plan.cleanup = _noop
            plan.channel = "none"
            plan.notes.append(f"memory not injected: {exc.strerror or exc}")
        return plan

    def _no_memory(self, plan: LaunchPlan) -> LaunchPlan:
        """Hook for adapters that adjust argv even without memory (Claude's --session-id)."""
        return plan

    def _inject(self, plan: LaunchPlan, text: str, files: LaunchFiles) -> None:
        """Default (generic) channel: type the block as the first message."""
        plan.first_message = text
        plan.channel = "first-message"

    # -- native transcript ----------------------------------------------------------------
    def find_native_transcript(self, meta: dict[str, Any]) -> Path | None:
        """The CLI's own transcript of the session described by `meta`, if there is one."""
        path = meta.get("native_transcript")
        return Path(path) if path and Path(path).is_file() else None

    # -- context usage --------------------------------------------------------------------
    def context_signal(self, text: str, *, window: int | None = None) -> float | None:
        """Fraction of the context window in use according to the latest signal in `text`
        (screen text, ANSI already stripped), or None when the text says nothing.
        `window` (tokens) is needed for signals that report token counts."""
        best_pos, value = -1, None
        for sig in self.signals:
            for m in sig.regex.finditer(text):
                if m.start() < best_pos:
                    continue
                fraction = self._fraction(sig.means, m, window)
                if fraction is not None:
                    best_pos, value = m.start(), fraction
        return value

    @staticmethod
    def _fraction(means: str, m: re.Match[str], window: int | None) -> float | None:
        if means == "full":
            return 1.0
        try:
            n = _number(m.group(1))
        except (IndexError, ValueError):
            return None
        if means == "used":
            return min(n / 100.0, 1.0)
        if means == "of":  # "N of M" tokens: the CLI names its own window
            total = _number(m.group(2))
            return min(n / total, 1.0) if total else None
        if means == "left":
            return max(0.0, 1.0 - n / 100.0)
        if not window:
            return None
        if means == "tokens":
            return min(n / window, 1.0)
        if means == "tokens_left":
            return max(0.0, 1.0 - n / window)
        return None

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}>"


_VALUE_FLAG_RE = re.compile(r"^\s+(?:(-\w),\s+)?(--[\w-]+)(?:,\s+(--[\w-]+))?(?:[ =](?:<|\[|[A-Z_]{2,}))")


def help_value_flags(help: str | None) -> set[str]:
    """Flags the help shows with a value (`--model <model>`, `-r, --resume [value]`, `--read FILE`)."""
    found: set[str] = set()
    for line in (help or "").splitlines():
        m = _VALUE_FLAG_RE.match(line)
        if m:
            found.update(g for g in m.groups() if g)
    return found


def meta_start(meta: dict[str, Any]) -> float:
    """Session start from metadata (epoch seconds or ISO text); 0 when unknown.
    A few seconds of slack: the CLI may create its file right as the session starts."""
    value = meta.get("start")
    if isinstance(value, (int, float)):
        return float(value) - 5
    if isinstance(value, str) and value:
        from datetime import datetime

        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp() - 5
        except ValueError:
            return 0.0
    return 0.0

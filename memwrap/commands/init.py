"""`memwrap init bash|zsh|fish`: shell functions that run the installed assistant CLIs
through memwrap (`claude` -> `memwrap claude`).

Use: `eval "$(memwrap init bash)"` in ~/.bashrc (zsh alike), `memwrap init fish | source`
in config.fish. Safe to source twice (plain redefinitions). Inside a wrapped session
(MEMWRAP_ACTIVE set) the functions call the real command, so nothing wraps twice. Which
commands: those with an adapter that are installed, plus `[wrap] commands = [...]` from
the config file.
"""

from __future__ import annotations

import re
import shlex
import shutil
import sys
import tomllib

from memwrap.errors import UsageError

SHELLS = ("bash", "zsh", "fish")
_NAME_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.+-]*$")


def configured_commands() -> list[str]:
    """`[wrap] commands = ["goose", ...]` from the config file; [] if absent or unreadable."""
    from memwrap.config import paths

    try:
        data = tomllib.loads(paths().config_file.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return []
    commands = data.get("wrap", {}).get("commands", []) if isinstance(data.get("wrap"), dict) else []
    return [c for c in commands if isinstance(c, str)]


def wrapped_commands() -> tuple[list[str], list[str]]:
    """(installed commands to wrap, known ones not installed)."""
    from memwrap.adapters import adapter_names
    from memwrap.binaries import find_binary

    wanted = list(dict.fromkeys([*adapter_names(), *configured_commands()]))
    installed, missing = [], []
    for name in wanted:
        if not _NAME_RE.match(name):
            continue  # never put an odd name into shell code
        (installed if find_binary(name) else missing).append(name)
    return installed, missing


def memwrap_command() -> str:
    """How the shell should call memwrap: the console script on PATH, else this Python."""
    found = shutil.which("memwrap")
    if found:
        return shlex.quote(found)
    return f"{shlex.quote(sys.executable)} -m memwrap"


def posix_script(shell: str, names: list[str], missing: list[str], memwrap: str) -> str:
    lines = [f"# memwrap shell integration for {shell}: eval \"$(memwrap init {shell})\"",
             "# Safe to source twice; inside a memwrap session the real commands run."]
    if missing:
        lines.append(f"# not installed, not wrapped: {' '.join(missing)}")
    for name in names:
        lines += [
            f"unalias {name} 2>/dev/null || true",
            f"function {name} {{",
            f'  if [ -n "${{MEMWRAP_ACTIVE:-}}" ]; then command {name} "$@"; else {memwrap} {name} "$@"; fi',
            "}",
        ]
    return "\n".join(lines) + "\n"


def fish_script(names: list[str], missing: list[str], memwrap: str) -> str:
    lines = ["# memwrap shell integration for fish: memwrap init fish | source",
             "# Safe to source twice; inside a memwrap session the real commands run."]
    if missing:
        lines.append(f"# not installed, not wrapped: {' '.join(missing)}")
    for name in names:
        lines += [
            f"function {name} --wraps {name} --description '{name} with memwrap memory'",
            "    if set -q MEMWRAP_ACTIVE",
            f"        command {name} $argv",
            "    else",
            f"        {memwrap} {name} $argv",
            "    end",
            "end",
        ]
    return "\n".join(lines) + "\n"


def run(argv: list[str], name: str) -> int:
    if len(argv) != 1 or argv[0] not in SHELLS:
        raise UsageError(f"usage: memwrap {name} {'|'.join(SHELLS)}")
    names, missing = wrapped_commands()
    memwrap = memwrap_command()
    shell = argv[0]
    sys.stdout.write(fish_script(names, missing, memwrap) if shell == "fish" else posix_script(shell, names, missing, memwrap))
    return 0

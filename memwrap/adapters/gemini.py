"""Gemini CLI (`gemini`).

Injection, best channel first (checked on the real gemini-cli 0.61.0, tests/e2e/test_gemini.py):
1. a SessionStart hook whose command prints the block as `additionalContext`. Gemini has no
   per-launch settings flag, so the hook travels in a private copy of the system settings
   file (`GEMINI_CLI_SYSTEM_SETTINGS_PATH`), merged with the user's own system settings
   when there are any; hook lists concatenate across settings layers, so the user's hooks
   still run. Gemini adds the text to the first user turn as `<hook_context>`, which its
   system prompt tells the model to treat as context, not orders (it HTML-escapes `<`/`>`).
   Only the hook's name shows on screen while it runs, no model turn is spent on it, and
   the chat reader drops it like the CLI's own `<session_context>` turn.
2. when hooks are off in the user's settings, or their system settings cannot be read:
   the block as the start of the first prompt (prepended to the user's own prompt, or
   `-i <block>`), which shows as a user message and gets its own reply.
Chats are JSONL files under `~/.gemini/tmp/<project>/chats/`.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import sys
from pathlib import Path
from typing import Any

from memwrap.adapters.base import (
    Adapter,
    LaunchFiles,
    LaunchPlan,
    first_positional,
    help_lists,
    meta_start,
    pattern,
)

_PROMPT_FLAGS = ("-i", "--prompt-interactive", "-p", "--prompt")
SYSTEM_SETTINGS_ENV = "GEMINI_CLI_SYSTEM_SETTINGS_PATH"
HOOK_NAME = "memwrap-memory"


def _prepend_to_prompt(args: list[str], text: str, value_flags: set[str]) -> bool:
    """Put the block before the user's own prompt, wherever it is; False if there is none."""
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg in _PROMPT_FLAGS and i + 1 < len(args):
            args[i + 1] = f"{text}\n\n{args[i + 1]}"
            return True
        flag, eq, value = arg.partition("=")
        if eq and flag in _PROMPT_FLAGS:
            args[i] = f"{flag}={text}\n\n{value}"
            return True
    pos = first_positional(args, value_flags | set(_PROMPT_FLAGS))
    if pos is None:
        return False
    args[pos] = f"{text}\n\n{args[pos]}"
    return True


def yargs_subcommands(help: str | None) -> set[str]:
    """Subcommands in yargs help ("  gemini mcp   Manage MCP servers", "[aliases: hook]")."""
    names: set[str] = set()
    for line in (help or "").splitlines():
        m = re.match(r"^\s+gemini ([a-z][\w-]*)", line)
        if m:
            names.add(m.group(1))
            alias = re.search(r"\[aliases?: ([^\]]+)\]", line)
            if alias:
                names.update(a.strip() for a in alias.group(1).split(","))
    return names


def system_settings_path(env: dict[str, str] | None = None) -> Path:
    """Where Gemini CLI reads its system settings (the same rule as the CLI itself)."""
    env = os.environ if env is None else env
    if env.get(SYSTEM_SETTINGS_ENV):
        return Path(env[SYSTEM_SETTINGS_ENV])
    if sys.platform == "darwin":
        return Path("/Library/Application Support/GeminiCli/settings.json")
    return Path("/etc/gemini-cli/settings.json")


def _read_settings(path: Path) -> dict[str, Any] | None:
    """A settings file as a dict: {} when absent, None when it exists but cannot be used
    (unreadable, or JSON with comments, which we would not reproduce faithfully)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError:
        return None
    try:
        data = json.loads(text) if text.strip() else {}
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def hooks_disabled(cwd: Path, env: dict[str, str] | None = None) -> bool:
    """Has the user turned Gemini's hooks off (user or workspace settings)?"""
    env = os.environ if env is None else env
    home = Path(env.get("GEMINI_CLI_HOME") or Path.home()).expanduser()
    for path in (home / ".gemini" / "settings.json", cwd / ".gemini" / "settings.json"):
        settings = _read_settings(path) or {}
        config = settings.get("hooksConfig")
        if isinstance(config, dict) and config.get("enabled") is False:
            return True
        if isinstance(settings.get("tools"), dict) and settings["tools"].get("enableHooks") is False:
            return True
    return False


def writable_by_others(directory: Path) -> Path | None:
    """The first directory from `directory` up to the root that group or others may write to.
    Gemini skips a system settings file below such a directory (a security check since 0.5x),
    so the hook would silently never run: memwrap must know before it relies on it."""
    written = directory.absolute()
    for chain in (written, written.resolve()):  # Gemini checks the path and, through links, its target
        for d in (chain, *chain.parents):
            try:
                if d.stat().st_mode & 0o022:
                    return d
            except OSError:
                return d
    return None


def settings_with_hook(base: dict[str, Any], hook_command: str) -> dict[str, Any]:
    """`base` plus a SessionStart command hook (theirs kept, ours appended)."""
    merged = dict(base)
    hooks = dict(merged.get("hooks") or {}) if isinstance(merged.get("hooks"), dict) else {}
    session_start = list(hooks.get("SessionStart") or []) if isinstance(hooks.get("SessionStart"), list) else []
    session_start.append({"matcher": "*", "hooks": [
        {"type": "command", "name": HOOK_NAME, "command": hook_command, "timeout": 10_000}]})
    hooks["SessionStart"] = session_start
    merged["hooks"] = hooks
    return merged


class GeminiAdapter(Adapter):
    name = "gemini"
    program = "gemini"
    known_subcommands = frozenset({"mcp", "extensions", "extension", "skills", "skill", "hooks", "hook", "gemma"})
    known_value_flags = frozenset({
        "-m", "--model", "-r", "--resume", "--approval-mode", "-o", "--output-format", "-e", "--extensions",
        "--include-directories", "--allowed-tools", "--allowed-mcp-server-names", "--delete-session", "-w",
        "--worktree", "--policy", "--admin-policy",
    })
    # Footer item "context" / "NN% used" (only when ui.footer.hideContextPercentage is false,
    # the default in 0.61 hides it; "NN%" alone under 100 columns); "(NN% context left)"
    # before March 2026.
    signals = (
        pattern(r"(\d+)% used", "used"),
        pattern(r"\((\d+)% context left\)", "left"),
        pattern(r"might exceed the context window limit", "full"),
    )

    def subcommand(self, args: list[str]) -> str | None:
        """`gemini mcp list` -> `mcp` (yargs help lists them as `gemini <name>`)."""
        commands = yargs_subcommands(self.cli_help()) or set(self.known_subcommands)
        i = first_positional(args, self.value_flags())
        return args[i] if i is not None and args[i] in commands else None

    def _inject(self, plan: LaunchPlan, text: str, files: LaunchFiles) -> None:
        if self._inject_hook(plan, text, files):
            return
        args = plan.argv[1:]
        if _prepend_to_prompt(args, text, self.value_flags()):
            plan.argv[1:] = args
        elif help_lists(self.cli_help(), "--prompt-interactive") is not False:
            plan.argv[1:1] = ["-i", text]
        else:
            super()._inject(plan, text, files)
            return
        plan.channel = "first-prompt"

    def _inject_hook(self, plan: LaunchPlan, text: str, files: LaunchFiles) -> bool:
        help_text = self.cli_help()
        if help_text and "hooks" not in yargs_subcommands(help_text):
            plan.notes.append("gemini: this version has no hooks; the block goes in the first prompt")
            return False
        if hooks_disabled(Path.cwd()):
            plan.notes.append("gemini: hooks are disabled in your settings; the block goes in the first prompt")
            return False
        base = _read_settings(system_settings_path())
        if base is None:
            plan.notes.append(f"gemini: cannot merge {system_settings_path()}; the block goes in the first prompt")
            return False
        output = {"hookSpecificOutput": {"hookEventName": "SessionStart", "additionalContext": text}}
        hook_file = files.write("memwrap-hook.json", json.dumps(output))
        open_dir = writable_by_others(hook_file.parent)
        if open_dir is not None:
            plan.notes.append(f"gemini: {open_dir} is writable by others, so Gemini would skip memwrap's settings file; "
                              "the block goes in the first prompt")
            return False
        settings = settings_with_hook(base, f"cat {shlex.quote(str(hook_file))}")
        plan.env[SYSTEM_SETTINGS_ENV] = str(files.write("memwrap-system-settings.json", json.dumps(settings)))
        plan.channel = "session-start-hook"
        return True

    def find_native_transcript(self, meta: dict[str, Any]) -> Path | None:
        found = super().find_native_transcript(meta)
        if found:
            return found
        from memwrap.readers.gemini_jsonl import find_session_file

        return find_session_file(started_after=meta_start(meta), cwd=meta.get("cwd"))

"""Gemini CLI (`gemini`): no system-prompt flag and no per-launch settings flag, so the
block travels as the start of the first prompt: prepended to the user's own prompt
(positional, `-i/--prompt-interactive` or `-p/--prompt`) when there is one, else passed as
`-i <block>` so the session stays interactive. Chats are JSONL files under
`~/.gemini/tmp/<project>/chats/`."""

from __future__ import annotations

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


class GeminiAdapter(Adapter):
    name = "gemini"
    program = "gemini"
    known_subcommands = frozenset({"mcp", "extensions", "skills", "hooks"})
    known_value_flags = frozenset({
        "-m", "--model", "-r", "--resume", "--approval-mode", "-o", "--output-format", "-e", "--extensions",
        "--include-directories", "--allowed-tools", "--allowed-mcp-server-names", "--delete-session",
    })
    signals = (
        pattern(r"(\d+)% used", "used"),
        pattern(r"\((\d+)% context left\)", "left"),
        pattern(r"might exceed the context window limit", "full"),
    )

    def _inject(self, plan: LaunchPlan, text: str, files: LaunchFiles) -> None:
        args = plan.argv[1:]
        if _prepend_to_prompt(args, text, self.value_flags()):
            plan.argv[1:] = args
        elif help_lists(self.cli_help(), "--prompt-interactive") is not False:
            plan.argv[1:1] = ["-i", text]
        else:
            super()._inject(plan, text, files)
            return
        plan.channel = "first-prompt"

    def find_native_transcript(self, meta: dict[str, Any]) -> Path | None:
        found = super().find_native_transcript(meta)
        if found:
            return found
        from memwrap.readers.gemini_jsonl import find_session_file

        return find_session_file(started_after=meta_start(meta))

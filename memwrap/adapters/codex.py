"""OpenAI Codex CLI (`codex`): the block becomes a developer message through
`-c developer_instructions=<JSON string>` (a JSON string literal is valid TOML too). Checked
on the real codex-cli 0.169.0 (tests/e2e/test_codex.py): it arrives as the first text of
the second developer message of every request, ahead of Codex's skills list.
Transcripts are rollout files `$CODEX_HOME/sessions/YYYY/MM/DD/rollout-<ts>-<uuid>.jsonl`
whose first line (`session_meta`) names the cwd."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from memwrap.adapters.base import Adapter, LaunchFiles, LaunchPlan, help_lists, meta_start, pattern


def _sets_developer_instructions(args: list[str]) -> bool:
    return any(
        prev in ("-c", "--config") and arg.lstrip().startswith("developer_instructions")
        for prev, arg in zip(args, args[1:])
    ) or any(arg.startswith(("--config=developer_instructions", "-cdeveloper_instructions")) for arg in args)


class CodexAdapter(Adapter):
    name = "codex"
    program = "codex"
    # `codex exec "..."` and resume/fork still take -c and still profit from memory.
    memory_subcommands = frozenset({"exec", "e", "resume", "fork"})
    known_subcommands = frozenset({
        "exec", "e", "login", "logout", "mcp", "mcp-server", "app-server", "completion", "sandbox", "debug",
        "apply", "a", "resume", "fork", "cloud", "features", "help", "agents", "review", "plugin",
        "remote-control", "update", "doctor", "queue", "archive", "delete", "unarchive", "migrate-rollouts",
        "migrate-nfs-db", "exec-server",
    })
    known_value_flags = frozenset({
        "-c", "--config", "-m", "--model", "-p", "--profile", "-C", "--cd", "--add-dir", "-a",
        "--ask-for-approval", "-s", "--sandbox", "-i", "--image", "--enable", "--disable", "--local-provider",
    })
    # codex-cli 0.169 shows no context figure by default; with `tui.status_line` items
    # context-remaining / context-used it reads "Context 92% left" / "Context 8% used"
    # (captured on the real CLI, tests/test_cli_signals.py). Older footers: "NN% context left".
    # The rollout's token_count events are the structured source (memwrap.monitor.CodexUsage).
    signals = (
        pattern(r"Context (\d+)% left", "left"),
        pattern(r"(\d+)% context left", "left"),
        pattern(r"(\d+)% left \(", "left"),
        pattern(r"(\d+)% (?:context )?used", "used"),
        pattern(r"context window exceeded|ran out of room in the model's context window", "full"),
    )

    def _inject(self, plan: LaunchPlan, text: str, files: LaunchFiles) -> None:
        args = plan.argv[1:]
        supported = help_lists(self.cli_help(), "--config")
        if supported is False or _sets_developer_instructions(args):
            plan.notes.append("codex: developer_instructions unavailable or set by the user; typing the block")
            super()._inject(plan, text, files)
            return
        plan.argv[1:1] = ["-c", "developer_instructions=" + json.dumps(text)]
        plan.channel = "developer-instructions"

    def find_native_transcript(self, meta: dict[str, Any]) -> Path | None:
        found = super().find_native_transcript(meta)
        if found:
            return found
        from memwrap.readers.codex_jsonl import find_session_file

        return find_session_file(meta.get("cwd"), started_after=meta_start(meta))

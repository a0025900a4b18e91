"""Claude Code (`claude`).

Injection, best channel first (each checked against `claude --help`):
1. `--append-system-prompt-file <private file>` (help shows it as `--append-system-prompt[-file]`);
2. `--append-system-prompt <text>`;
3. a SessionStart hook passed with `--settings` whose command prints the file;
4. the block as the first message.
The session id is pinned with `--session-id <uuid>` (unless the user resumes or picks one),
so the transcript path `~/.claude/projects/<cwd, non-alphanumerics as '-'>/<id>.jsonl` is
known before launch. Subcommands (`claude mcp ...`) are left alone.
"""

from __future__ import annotations

import json
import os
import shlex
from pathlib import Path
from typing import Any

from memwrap.adapters.base import (
    Adapter,
    LaunchFiles,
    LaunchPlan,
    flag_value,
    has_flag,
    help_lists,
    meta_start,
    new_uuid4,
    pattern,
)

MAX_PROJECT_DIR_CHARS = 200  # longer names get a hash suffix we cannot reproduce exactly


class ClaudeAdapter(Adapter):
    name = "claude"
    program = "claude"
    known_subcommands = frozenset({
        "agents", "auth", "config", "doctor", "install", "mcp", "migrate-installer", "plugin", "plugins",
        "project", "setup-token", "update", "upgrade",
    })
    known_value_flags = frozenset({
        "--model", "--session-id", "--settings", "-r", "--resume", "--permission-mode", "--add-dir",
        "--append-system-prompt", "--append-system-prompt-file", "--system-prompt", "--system-prompt-file",
        "--output-format", "--input-format", "--allowed-tools", "--allowedTools", "--disallowed-tools",
        "--mcp-config", "--fallback-model", "-n", "--name", "--agents", "--agent", "--debug-file", "--betas",
    })
    signals = (
        pattern(r"Context left until auto-compact: (\d+)%", "left"),
        pattern(r"(\d+)% (?:context left )?until auto-compact", "left"),
        pattern(r"Context low \((\d+)% remaining\)", "left"),
        pattern(r"(\d+)% context used", "used"),
        pattern(r"Context limit reached|Prompt is too long", "full"),
    )

    def _pin_session(self, plan: LaunchPlan) -> None:
        args = plan.argv[1:]
        chosen = flag_value(args, "--session-id")
        if chosen is None:
            if has_flag(args, "-r", "--resume", "-c", "--continue") or help_lists(self.cli_help(), "--session-id") is False:
                return
            chosen = new_uuid4()
            plan.argv[1:1] = ["--session-id", chosen]
        plan.native_session_id = chosen
        from memwrap.readers.claude_jsonl import project_dir_name, projects_dir

        name = project_dir_name(os.getcwd())
        if len(name) <= MAX_PROJECT_DIR_CHARS:
            plan.native_transcript = str(projects_dir() / name / f"{chosen}.jsonl")

    def _no_memory(self, plan: LaunchPlan) -> LaunchPlan:
        self._pin_session(plan)
        return plan

    def _inject(self, plan: LaunchPlan, text: str, files: LaunchFiles) -> None:
        self._pin_session(plan)
        args = plan.argv[1:]
        ours: list[str] = []
        if help_lists(self.cli_help(), "--append-system-prompt-file") is not False and not has_flag(
            args, "--append-system-prompt-file"
        ):
            ours = ["--append-system-prompt-file", str(files.write("memwrap-memory.md", text + "\n"))]
            plan.channel = "append-system-prompt-file"
        elif help_lists(self.cli_help(), "--append-system-prompt") and not has_flag(args, "--append-system-prompt"):
            ours = ["--append-system-prompt", text]
            plan.channel = "append-system-prompt"
        elif help_lists(self.cli_help(), "--settings") and not has_flag(args, "--settings"):
            path = files.write("memwrap-memory.md", text + "\n")
            hook = {"type": "command", "command": f"cat {shlex.quote(str(path))}", "timeout": 10}
            settings = {"hooks": {"SessionStart": [{"matcher": "startup|resume|clear|compact", "hooks": [hook]}]}}
            ours = ["--settings", str(files.write("memwrap-settings.json", json.dumps(settings)))]
            plan.channel = "session-start-hook"
        else:
            super()._inject(plan, text, files)
            return
        plan.argv[1:1] = ours

    def find_native_transcript(self, meta: dict[str, Any]) -> Path | None:
        found = super().find_native_transcript(meta)
        if found or not meta.get("cwd"):
            return found
        from memwrap.readers.claude_jsonl import find_session_file

        return find_session_file(meta["cwd"], session_id=meta.get("native_session_id"),
                                 started_after=meta_start(meta))

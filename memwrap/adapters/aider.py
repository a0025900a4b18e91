"""aider (`aider`): the block goes in as a read-only file (`--read <private file>`), which
aider adds to the chat context on every turn. Its transcript is the markdown chat history
(`--chat-history-file`, default `.aider.chat.history.md` at the git root, else the cwd);
the file spans many sessions and the reader splits it on `# aider chat started at`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from memwrap.adapters.base import Adapter, LaunchFiles, LaunchPlan, flag_value, has_flag, help_lists, pattern

DEFAULT_HISTORY = ".aider.chat.history.md"


class AiderAdapter(Adapter):
    name = "aider"
    program = "aider"
    signals = (
        pattern(r"Tokens: ([\d.,]+[km]?) sent", "tokens"),
        pattern(r"([\d,]+) tokens remaining in context window", "tokens_left"),
        # "has hit a token limit!" also follows a reply cut at the *output* limit; the line after
        # it says how full the input side is, and only that counts.
        pattern(r"Input tokens: ~?([\d,]+) of ([\d,]+)", "of"),
        pattern(r"chat context of ([\d,]+) tokens exceeds the ([\d,]+) token limit", "of"),
        pattern(r"window exhausted", "full"),
    )

    def _inject(self, plan: LaunchPlan, text: str, files: LaunchFiles) -> None:
        if help_lists(self.cli_help(), "--read") is False:
            super()._inject(plan, text, files)
            return
        path = files.write("memwrap-memory.md", text + "\n")
        plan.argv[1:1] = ["--read", str(path)]
        plan.channel = "read"

    def _history_file(self, args: list[str], cwd: str) -> str:
        chosen = flag_value(args, "--chat-history-file") or os.environ.get("AIDER_CHAT_HISTORY_FILE")
        if chosen:
            return os.path.abspath(os.path.join(cwd, chosen))
        root = Path(cwd)
        if not has_flag(args, "--no-git"):
            from memwrap.project import find_project

            root = find_project(cwd).root
        return str(root / DEFAULT_HISTORY)

    def plan_launch(self, argv: list[str], block: Any, runtime_dir: str | os.PathLike[str]) -> LaunchPlan:
        plan = super().plan_launch(argv, block, runtime_dir)
        if plan.native_transcript is None:
            plan.native_transcript = self._history_file(argv[1:], os.getcwd())
        return plan

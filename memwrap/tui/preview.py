"""The next-session preview: the memory block a launch in the selected project would get."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static


def budget_bar(tokens: int, budget: int, width: int = 20) -> Text:
    """`412 / 800 tokens ██████████░░░░░░░░░░ 52%`, red when over budget."""
    share = tokens / budget if budget else 0.0
    filled = min(width, round(share * width))
    style = "red" if tokens > budget else "green"
    out = Text(f"{tokens} / {budget} tokens ")
    out.append("█" * filled, style=style).append("░" * (width - filled), style="dim")
    out.append(f" {int(share * 100)}%")
    return out


def describe_block(block: Any, project_name: str) -> Text:
    out = budget_bar(block.tokens, block.budget)
    out.append(f"   {len(block.facts)} facts in, {block.left_out} left out of {block.candidates}\n\n", style="dim")
    if not block.text:
        out.append(f"Nothing to inject for {project_name} yet.", style="italic")
        return out
    out.append(block.text)
    return out


class PreviewPane(VerticalScroll):
    def compose(self):
        yield Static("Select a project to see what its next session gets.", id="preview-body")

    def show(self, content: Text | str) -> None:
        self.query_one("#preview-body", Static).update(content)

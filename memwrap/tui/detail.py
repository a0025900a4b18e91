"""The detail pane: the whole fact, its evidence, where it came from, and the recording there."""

from __future__ import annotations

from typing import Any

from rich.style import Style
from rich.text import Text
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from memwrap.facts import Fact
from memwrap.tui.fact_list import KIND_STYLES
from memwrap.tui.model import when


def describe(fact: Fact, session: dict[str, Any] | None, recording: list[str] | str | None) -> Text:
    """Rich text for one fact. `recording` is lines, a message, or None while loading."""
    out = Text()
    out.append(fact.kind, style=KIND_STYLES[fact.kind] + Style(bold=True))
    out.append(f" {fact.status} · {fact.id} · seen {fact.count}× · injected {fact.injected_count}×\n", style="dim")
    out.append(fact.text + "\n")
    if fact.topic:
        out.append("topic: ", style="dim").append(fact.topic + "\n")
    if fact.files:
        out.append("files: ", style="dim").append(", ".join(fact.files) + "\n")
    if fact.superseded_by:
        out.append("superseded by: ", style="dim").append(fact.superseded_by + "\n")
    out.append("evidence: ", style="dim").append(f"“{fact.evidence}”\n" if fact.evidence else "none recorded\n")
    src = fact.source or {}
    if src.get("session"):
        where = f"session {src['session']}"
        if src.get("turn") is not None:
            where += f", turn {src['turn']}"
        if isinstance(src.get("time"), (int, float)):
            where += f", {src['time']:.0f}s in"
        if src.get("cli"):
            where += f" ({src['cli']})"
    else:
        where = "no session"
    out.append("source: ", style="dim").append(f"{where}; {fact.origin}, created {when(fact.created_at)}\n")
    if session:
        out.append("session: ", style="dim").append(
            f"{session.get('command') or session.get('cli') or ''} started {when(session.get('start'))}\n")
    out.append("recording around it:\n", style="dim")
    if recording is None:
        out.append("  loading…\n", style="italic dim")
    elif isinstance(recording, str):
        out.append(f"  {recording}\n", style="italic dim")
    else:
        for line in recording:
            out.append("  │ " + line + "\n", style="dim")
    return out


class DetailPane(VerticalScroll):
    """Shows one fact; the app fills in the recording when it has been read."""

    def compose(self):
        yield Static("No fact selected.", id="detail-body")

    def show(self, fact: Fact | None, session: dict[str, Any] | None = None,
             recording: list[str] | str | None = None) -> None:
        body = self.query_one("#detail-body", Static)
        body.update(describe(fact, session, recording) if fact else "No fact selected.")


class CountsBar(Widget):
    """One line ("12 of 10000 facts · 2 marked"). Repaints without a layout pass, which a
    Label update would trigger on every search keystroke."""

    text: reactive[str] = reactive("", layout=False)

    def render(self) -> str:
        return self.text

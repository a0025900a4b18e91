"""The clean-ups pane: suggestions (duplicates, dead ends, stale facts) to review and apply."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from memwrap.facts import Fact
from memwrap.tui.suggest import Suggestion

ACTION_WORDS = {"merge": "merge", "prune": "prune", "mark-failed": "mark FAILED"}
LABELS = {"duplicate": ("duplicate", "yellow"), "dead-end": ("dead end", "red"), "stale": ("stale", "blue")}


def prompt(s: Suggestion, facts: dict[str, Fact]) -> Text:
    label, color = LABELS[s.kind]
    out = Text(f"{label:<9}", style=f"bold {color}", no_wrap=True, overflow="ellipsis")
    out.append(f" {s.reason} · enter: {ACTION_WORDS[s.action]} · g: show\n", style="dim")
    for n, fid in enumerate(s.fact_ids):
        fact = facts.get(fid)
        if fact is None:
            continue
        lead = ("  keep " if n == 0 else "  drop ") if s.kind == "duplicate" else ("  " if n == 0 else "  see  ")
        out.append(lead + fact.line() + "\n", style="" if n == 0 else "dim")
    out.rstrip()
    return out


class CleanupList(OptionList):
    """Option ids index into `suggestions`."""

    BINDINGS = [Binding("g", "app.goto_suggestion", "Go to fact")]

    def show(self, suggestions: list[Suggestion], facts: dict[str, Fact]) -> None:
        self.suggestions = suggestions
        highlighted = self.highlighted
        self.set_options([Option(prompt(s, facts), id=str(i)) for i, s in enumerate(suggestions)])
        if suggestions:
            self.highlighted = min(highlighted or 0, len(suggestions) - 1)

    @property
    def current(self) -> Suggestion | None:
        suggestions = getattr(self, "suggestions", [])
        i = self.highlighted
        return suggestions[i] if i is not None and 0 <= i < len(suggestions) else None

"""The projects list: every project with its fact count and last session, plus All and Global."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from memwrap.tui.model import ALL_PROJECTS, GLOBAL, age


def _last_session_age(entry: dict[str, Any]) -> str:
    last = entry.get("last_session")
    if isinstance(last, dict):  # a session record: use its end, else its start
        last = last.get("end") or last.get("start")
    if isinstance(last, (int, float)) and last:
        return age(float(last)) + " ago"
    return "no sessions"


def facts_word(n: int) -> str:
    return f"{n} fact" if n == 1 else f"{n} facts"


def project_prompt(name: str, detail: str) -> Text:
    text = Text(name, style="bold", overflow="ellipsis", no_wrap=True)
    text.append("\n")
    text.append(detail, style="dim")
    return text


class ProjectList(OptionList):
    """Option ids are project keys, or the ALL_PROJECTS / GLOBAL markers."""

    BINDINGS = [Binding("right", "select", "Open", show=False)]

    def show(self, projects: list[dict[str, Any]], live: dict[str, int], selected: str) -> None:
        """`live` counts live facts per project key ("" for global facts)."""
        total = sum(live.values())
        options = [
            Option(project_prompt("All projects", facts_word(total)), id=ALL_PROJECTS),
            Option(project_prompt("Global", facts_word(live.get("", 0))), id=GLOBAL),
        ]
        for entry in projects:  # the store lists the most recently used first
            key = str(entry.get("key") or "")
            if not key:
                continue
            detail = f"{facts_word(live.get(key, 0))} · {_last_session_age(entry)}"
            options.append(Option(project_prompt(str(entry.get("name") or key), detail), id=key))
        self.set_options(options)
        ids = [o.id for o in options]
        self.highlighted = ids.index(selected) if selected in ids else 0

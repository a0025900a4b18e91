"""What the facts table shows: filtering, search and formatting, with no Textual import.

Kept pure so the filter logic is testable without a terminal and so searching 10k facts on
every keystroke stays a plain list comprehension over precomputed lowercase haystacks.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from memwrap.facts import Fact

# Project choices in the sidebar that are not project keys.
ALL_PROJECTS = "\0all"
GLOBAL = "\0global"

# Status filter values: "live" is what a session can get (active + pinned).
STATUS_FILTERS: tuple[str, ...] = ("live", "all", "active", "pinned", "pruned", "superseded")
SCOPE_FILTERS: tuple[str, ...] = ("all", "project", "global")


@dataclass(frozen=True)
class FactFilter:
    project: str = ALL_PROJECTS  # a project key, ALL_PROJECTS or GLOBAL
    kind: str = ""  # "" = every kind
    status: str = "live"
    scope: str = "all"
    query: str = ""


def haystack(fact: Fact) -> str:
    """Everything a search may match: text, kind, files, evidence, topic, id."""
    return " ".join((fact.text, fact.kind, " ".join(fact.files), fact.evidence, fact.topic, fact.id)).lower()


Row = tuple[Fact, str]  # a fact and its lowercase haystack


def sort_facts(facts: list[Fact]) -> list[Fact]:
    """Pinned first, then newest first: the order a person reviewing memory wants."""
    return sorted(facts, key=lambda f: (f.status != "pinned", -f.created_at, f.id))


def _status_ok(fact: Fact, wanted: str) -> bool:
    if wanted == "all":
        return True
    if wanted == "live":
        return fact.live
    return fact.status == wanted


def _place_ok(fact: Fact, flt: FactFilter) -> bool:
    """Project choice and scope filter together: a project shows its facts plus global ones."""
    if flt.scope != "all" and fact.scope != flt.scope:
        return False
    if flt.project == ALL_PROJECTS:
        return True
    if flt.project == GLOBAL:
        return fact.scope == "global"
    return fact.scope == "global" or fact.project == flt.project


def filter_rows(rows: list[Row], flt: FactFilter) -> list[Row]:
    """Rows that pass every filter, order kept; the query matches when every word occurs."""
    words = flt.query.lower().split()
    kind = flt.kind
    return [
        row for row in rows
        if (not kind or row[0].kind == kind) and _status_ok(row[0], flt.status) and _place_ok(row[0], flt)
        and all(w in row[1] for w in words)
    ]


class FactView:
    """All facts sorted once, with haystacks; filtering narrows the previous result when the
    new query only adds to the old one, so each keystroke scans fewer rows."""

    def __init__(self, facts: list[Fact]) -> None:
        self.rows: list[Row] = [(f, haystack(f)) for f in sort_facts(facts)]
        self._last: tuple[FactFilter, list[Row]] | None = None

    def apply(self, flt: FactFilter) -> list[Fact]:
        base = self.rows
        if self._last is not None:
            old, found = self._last
            same_rest = (old.project, old.kind, old.status, old.scope) == (flt.project, flt.kind, flt.status, flt.scope)
            if same_rest and flt.query.lower().startswith(old.query.lower()):
                base = found
        found = filter_rows(base, flt)
        self._last = (flt, found)
        return [f for f, _ in found]


def apply_filter(facts: list[Fact], flt: FactFilter) -> list[Fact]:
    """One-off filter (clean-ups, tests): sorted like the table."""
    return FactView(facts).apply(flt)


def clock() -> float:
    """The TUI's idea of now (one place, so snapshot tests can fix it)."""
    return time.time()


def age(ts: float | None, now: float | None = None) -> str:
    """Compact age: 45s, 12m, 5h, 3d, 8w, 2y. Unknown or future times read as 'now'."""
    if not ts:
        return "-"
    secs = max(0.0, (now or clock()) - ts)
    for unit, size in (("y", 365 * 86400), ("w", 7 * 86400), ("d", 86400), ("h", 3600), ("m", 60)):
        if secs >= size:
            return f"{int(secs // size)}{unit}"
    return f"{int(secs)}s"


def when(ts: float | None) -> str:
    """Local date and time for the detail pane."""
    if not ts:
        return "unknown"
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(ts))

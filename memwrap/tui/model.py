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


class SearchIndex:
    """Lowercase haystacks cached per (id, updated_at), so retyping a query costs no rebuild."""

    def __init__(self) -> None:
        self._cache: dict[str, tuple[float, str]] = {}

    def text_of(self, fact: Fact) -> str:
        hit = self._cache.get(fact.id)
        if hit is None or hit[0] != fact.updated_at:
            hit = (fact.updated_at, haystack(fact))
            self._cache[fact.id] = hit
        return hit[1]


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


def apply_filter(facts: list[Fact], flt: FactFilter, index: SearchIndex | None = None) -> list[Fact]:
    """Facts that pass every filter; the query matches when every word occurs somewhere."""
    words = flt.query.lower().split()
    index = index or SearchIndex()
    out = []
    for fact in facts:
        if flt.kind and fact.kind != flt.kind:
            continue
        if not _status_ok(fact, flt.status) or not _place_ok(fact, flt):
            continue
        if words:
            hay = index.text_of(fact)
            if not all(w in hay for w in words):
                continue
        out.append(fact)
    return out


def sort_facts(facts: list[Fact]) -> list[Fact]:
    """Pinned first, then newest first: the order a person reviewing memory wants."""
    return sorted(facts, key=lambda f: (f.status != "pinned", -f.created_at, f.id))


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

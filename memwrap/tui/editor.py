"""Changes a person makes in the TUI, each one undoable.

Every action snapshots the facts it touches before writing, and undo writes the snapshots
back with `Store.restore` (which also recreates a fact merged away), so undo restores exactly what was there (status, kind, text,
counts, links) whatever the action did. No Textual import: the flows are plain calls.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from memwrap.facts import Fact, clean_text
from memwrap.errors import NotFound


@dataclass
class Step:
    label: str  # "pruned 3 facts": what undo says it undid
    before: list[Fact] = field(default_factory=list)


def _plural(n: int, what: str = "fact") -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


class _CountingStore:
    """Forwards to the store, counting write calls: the app compares them with the store's
    generation to tell its own writes from another process's."""

    WRITES = frozenset({"update", "set_status", "merge", "supersede", "restore"})

    def __init__(self, store: Any) -> None:
        self._store = store
        self.writes = 0

    def __getattr__(self, name: str) -> Any:
        if name in self.WRITES:
            self.writes += 1
        return getattr(self._store, name)


class Editor:
    def __init__(self, store: Any, limit: int = 100) -> None:
        self.store = _CountingStore(store)
        self.steps: list[Step] = []
        self.limit = limit
        self.touched: list[str] = []  # ids the last action or undo changed

    @property
    def writes(self) -> int:
        return self.store.writes

    # -- plumbing ---------------------------------------------------------------------------
    def _snapshot(self, ids: Iterable[str]) -> list[Fact]:
        out = []
        for fid in dict.fromkeys(ids):
            try:
                out.append(copy.deepcopy(self.store.get(fid)))
            except NotFound:
                continue
        return out

    def _record(self, label: str, ids: Iterable[str], change: Callable[[], None]) -> str:
        before = self._snapshot(ids)
        self.touched = [f.id for f in before]
        change()
        self.steps.append(Step(label, before))
        del self.steps[: -self.limit]
        return label

    def undo(self) -> str | None:
        """Put back what the last action changed; returns what was undone, or None."""
        if not self.steps:
            return None
        step = self.steps.pop()
        self.touched = [f.id for f in step.before]
        self.store.restore(step.before)
        return step.label

    # -- actions ----------------------------------------------------------------------------
    def set_status(self, facts: list[Fact], status: str, verb: str) -> str:
        def change() -> None:
            for f in facts:
                self.store.set_status(f.id, status)

        return self._record(f"{verb} {_plural(len(facts))}", [f.id for f in facts], change)

    def prune_or_restore(self, facts: list[Fact]) -> str:
        """Prune; when every target is already pruned, restore them instead."""
        if facts and all(f.status == "pruned" for f in facts):
            return self.set_status(facts, "active", "restored")
        return self.set_status(facts, "pruned", "pruned")

    def toggle_pin(self, facts: list[Fact]) -> str:
        if facts and all(f.status == "pinned" for f in facts):
            return self.set_status(facts, "active", "unpinned")
        return self.set_status(facts, "pinned", "pinned")

    def edit(self, fact: Fact, text: str, kind: str) -> str:
        def change() -> None:
            current = self.store.get(fact.id)
            current.text = clean_text(text)
            current.kind = kind
            self.store.update(current)

        return self._record(f"edited {fact.id}", [fact.id], change)

    def mark_failed(self, facts: list[Fact]) -> str:
        def change() -> None:
            for f in facts:
                current = self.store.get(f.id)
                current.kind = "FAILED"
                current.topic = current.topic or current.text
                self.store.update(current)

        return self._record(f"marked {_plural(len(facts))} FAILED", [f.id for f in facts], change)

    def supersede(self, facts: list[Fact]) -> str:
        """Two facts: the older is superseded by the newer. Otherwise each is marked superseded."""
        if len(facts) == 2:
            old, new = sorted(facts, key=lambda f: f.created_at)
            return self._record(f"{old.id} superseded by {new.id}", [old.id, new.id],
                                lambda: self.store.supersede(old.id, new.id))
        return self.set_status(facts, "superseded", "marked superseded:")

    def merge(self, keep_id: str, drop_id: str) -> str:
        return self._record(f"merged {drop_id} into {keep_id}", [keep_id, drop_id],
                            lambda: self.store.merge(keep_id, drop_id))

"""Shared output for the fact commands: the fact table, JSON, and the redaction guard.

Kept separate from the commands so `facts`, `export` and the TUI format facts one way.
"""

from __future__ import annotations

import argparse
import json
import shutil
from typing import Any, Callable, Iterable

from memwrap.errors import UsageError
from memwrap.facts import Fact

_KIND_W, _STATUS_W, _ID_W = 10, 10, 12


class ArgParser(argparse.ArgumentParser):
    """argparse that reports bad arguments as UsageError (one line, exit code 2)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


def redactor() -> Callable[[str], str]:
    """memwrap.redact.redact, or a pass-through if that module cannot be imported (it is
    written separately; a missing redactor must not stop the fact commands)."""
    try:
        from memwrap.redact import redact
    except ImportError:  # pragma: no cover - only while redact.py does not exist
        return lambda text: text
    return redact


def redact_fact(fact: Fact, redact: Callable[[str], str]) -> Fact:
    """A copy with text, evidence and topic redacted (again: nothing leaves unredacted)."""
    data = fact.to_json()
    for key in ("text", "evidence", "topic"):
        if data.get(key):
            data[key] = redact(data[key])
    return Fact.from_json(data)


def fact_json(fact: Fact) -> dict[str, Any]:
    """The `facts --json` object: every Fact field (id, kind, text, scope, project, files,
    status, created_at, source, evidence, ...)."""
    return fact.to_json()


def dump_json(facts: Iterable[Fact]) -> str:
    return json.dumps([fact_json(f) for f in facts], ensure_ascii=False, indent=1)


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def table(facts: list[Fact], width: int | None = None, *, mark_global: bool = True) -> str:
    """One fact per line: id, kind, status, text, cut to the terminal (at least 80 columns)."""
    width = width or max(80, shutil.get_terminal_size((80, 24)).columns)
    text_w = max(10, width - (_ID_W + _KIND_W + _STATUS_W + 3))
    lines = [f"{'ID':<{_ID_W}} {'KIND':<{_KIND_W}} {'STATUS':<{_STATUS_W}} TEXT"]
    for f in facts:
        text = f"[global] {f.text}" if mark_global and f.scope == "global" else f.text
        lines.append(f"{f.id:<{_ID_W}} {f.kind:<{_KIND_W}} {f.status:<{_STATUS_W}} {_fit(text, text_w)}")
    return "\n".join(lines)

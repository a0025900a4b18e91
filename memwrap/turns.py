"""The Turn: one step of a conversation, the common currency of every stage after capture."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

ROLES = ("user", "assistant", "tool")


@dataclass
class Turn:
    role: str  # user | assistant | tool
    text: str  # for tool turns: the output (what the tool printed)
    name: str = ""  # tool name (Bash, Edit, ...) for tool turns
    input: str = ""  # tool input (command line, file path, patch) for tool turns
    time: float | None = None  # seconds since the session started, when known
    files: list[str] = field(default_factory=list)  # files named or touched in this turn
    meta: dict[str, Any] = field(default_factory=dict)  # reader-specific (exit code, is_error, ...)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        return {k: v for k, v in data.items() if v not in ("", None, [], {})} | {"role": self.role}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Turn":
        role = str(data.get("role", ""))
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}")
        text = data.get("text")
        if text is None:
            text = data.get("output", "")
        return cls(
            role=role,
            text=str(text or ""),
            name=str(data.get("name", "") or ""),
            input=str(data.get("input", "") or ""),
            time=data.get("time"),
            files=[str(f) for f in data.get("files", []) or []],
            meta=dict(data.get("meta", {}) or {}),
        )

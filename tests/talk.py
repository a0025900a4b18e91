"""Turns for tests that write a session by hand: U("..."), A("..."), tool("cmd", "output")."""

from __future__ import annotations

from memwrap.turns import Turn


def U(text: str) -> Turn:
    return Turn(role="user", text=text)


def A(text: str) -> Turn:
    return Turn(role="assistant", text=text)


def tool(inp: str, out: str, name: str = "Bash", code: int | None = None) -> Turn:
    """A tool turn: what ran and what it printed (and its exit code, when the test needs one)."""
    return Turn(role="tool", name=name, input=inp, text=out, meta={} if code is None else {"exit_code": code})

"""A typed fact candidate, as the deterministic extraction yields it (memwrap.classify)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Candidate:
    kind: str
    text: str  # extractive one-line form (already a valid fact text)
    topic: str = ""
    evidence: str = ""  # short quote of the source (for the store, and the validator)
    source: str = ""  # the source text the fact must be grounded in (validator, model)
    files: list[str] = field(default_factory=list)
    score: float = 0.5
    turn: int = 0
    scope: str = "project"
    reason: str = ""  # FAILED: why it failed
    replaces: list[str] = field(default_factory=list)  # topics this decision replaced
    ranked: bool = False  # offered by the learned ranker, not found by a rule

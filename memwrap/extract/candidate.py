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
    # the learned ranker's view (memwrap.extract.ranker.annotate), read by its worth head:
    cue_score: float = -1.0  # the rule's own score before the ranker weighed it (-1: a ranked sentence)
    keep_p: float = -1.0  # how worth keeping it finds the sentence the fact was read from (-1: none found)
    dead_p: float = -1.0  # how much that sentence reads like a dead end told whole

"""What one extraction pass keeps while it walks a session: the turns, the candidates so far,
the approaches on the table and each tool run read once. The extractor's parts share it."""

from __future__ import annotations

from dataclasses import dataclass, field

from memwrap.extract.candidate import Candidate
from memwrap.extract.runs import _tool_info
from memwrap.turns import Turn


@dataclass
class _Approach:
    topic: str
    display: str
    turn: int
    by_user: bool
    errors: list[str] = field(default_factory=list)
    explanations: list[str] = field(default_factory=list)
    rejected_at: int = -1
    reason: str = ""
    reject_text: str = ""
    aliases: list[str] = field(default_factory=list)  # packages installed with it in one command
    offered: bool = False  # one of the assistant's listed options, refused before anything was tried


class ExtractorState:
    """The shared state of one pass; the extractor's parts (mixins) read and extend it."""

    def __init__(self, turns: list[Turn], project: str) -> None:
        self.turns = turns
        self.project = project
        self.out: list[Candidate] = []
        self.approaches: list[_Approach] = []
        self.tools = {i: _tool_info(t) for i, t in enumerate(turns) if t.role == "tool"}
        self.last_user = max((i for i, t in enumerate(turns) if t.role == "user"), default=-1)
        self.first_user = min((i for i, t in enumerate(turns) if t.role == "user"), default=-1)
        self.revived_at: set[int] = set()  # user turns whose rejection was later taken back
        self.attempt_failures: list[Candidate] = []  # FAILED from an edit whose check still failed

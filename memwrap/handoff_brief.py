"""The handoff section: what the fresh context needs to carry on, taken from the turns by
code, not by the model (summarisers are weakest exactly at the file trail).

Sections: the current task (the user's own words), what was just done (the last reply and
the last tool calls), the next step (a sentence of the last reply that says what comes
next, else "answer the last message" / "carry on"), and the files in play (every file the
turns touched or named, latest first). It is wrapped in `<memwrap-memory-handoff>` and put
in front of the memory block, so the transcript reader's memory stripper removes both from
any later distillation: memwrap never learns from its own handoff.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from memwrap.readers.base import files_in
from memwrap.turns import Turn

HANDOFF_TAG = "memwrap-memory-handoff"
TASK_CHARS = 600
DONE_CHARS = 360
MAX_FILES = 15
MAX_TOOLS = 4
_EDIT_TOOLS = {"edit", "write", "multiedit", "notebookedit", "apply_patch", "str_replace", "create"}
_NEXT = re.compile(
    r"\b(next(?: step)?|then I(?:'ll| will)|I(?:'ll| will) now|now I(?:'ll| will)|remaining|still (?:need|to)|"
    r"TODO|left to do|follow[- ]up|after that)\b", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_OLD_TASK = re.compile(r"^CURRENT TASK: (.+)$", re.MULTILINE)
_OUR_TAGS = re.compile(r"</?\s*memwrap[-_ ]?memory[^>]*>", re.IGNORECASE)
_FILLER = {"ok", "okay", "yes", "y", "go", "go on", "continue", "sure", "thanks", "do it", "proceed"}


@dataclass
class Brief:
    task: str = ""
    done: str = ""
    next_step: str = ""
    files: list[str] = field(default_factory=list)


def one_line(text: str, limit: int) -> str:
    text = _OUR_TAGS.sub("", " ".join(text.split()))
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _is_command(text: str) -> bool:
    return text.lstrip().startswith("/")


def previous_task(turns: list[Turn]) -> str:
    """The task an earlier handoff carried into this context, if this context began with one."""
    for turn in reversed(turns):
        if turn.role == "user" and HANDOFF_TAG in turn.text:
            m = _OLD_TASK.search(turn.text)
            if m:
                return m.group(1).strip()
    return ""


def _task(turns: list[Turn], carried: str) -> tuple[str, int]:
    """The user's current request and the index of the turn it came from (-1: none)."""
    asks = [(i, t) for i, t in enumerate(turns)
            if t.role == "user" and t.text.strip() and not _is_command(t.text)]
    real = [(i, t) for i, t in asks if t.text.strip().lower().rstrip(".!") not in _FILLER
            and len(t.text.split()) >= 3]
    if not real:
        return (carried, -1) if carried else (one_line(asks[-1][1].text, TASK_CHARS) if asks else "", -1)
    i, turn = real[-1]
    task = one_line(turn.text, TASK_CHARS)
    if asks[-1][0] > i:
        task += " — then: " + one_line(asks[-1][1].text, 160)
    return task, i


def _tool_line(turn: Turn) -> str:
    what = one_line(turn.input or turn.text, 90)
    code = turn.meta.get("exit_code") if isinstance(turn.meta, dict) else None
    failed = " (failed)" if turn.meta.get("is_error") or (isinstance(code, int) and code != 0) else ""
    return f"{turn.name or 'tool'}: {what}{failed}"


def _done(turns: list[Turn], since: int) -> str:
    after = turns[since + 1:] if since >= 0 else turns
    replies = [t for t in after if t.role == "assistant" and t.text.strip()]
    tools = [t for t in after if t.role == "tool"][-MAX_TOOLS:]
    parts = []
    if replies:
        parts.append(one_line(replies[-1].text, DONE_CHARS))
    if tools:
        parts.append("tools: " + "; ".join(_tool_line(t) for t in tools))
    return " | ".join(parts)


def _next_step(turns: list[Turn]) -> str:
    last = next((t for t in reversed(turns) if t.role in ("user", "assistant") and t.text.strip()
                 and not _is_command(t.text)), None)
    if last is None:
        return "carry on with the current task"
    if last.role == "user":
        return "answer the user's last message: " + one_line(last.text, 200)
    for sentence in _SENTENCE.split(last.text):
        if _NEXT.search(sentence):
            return one_line(sentence, 240)
    return "carry on with the current task from where the last reply stopped"


def _relative(path: str, root: Path | None) -> str:
    if root is not None and os.path.isabs(path):
        try:
            return str(Path(path).relative_to(root))
        except ValueError:
            return path
    return path.removeprefix("./")


def files_in_play(turns: list[Turn], root: Path | None = None, limit: int = MAX_FILES) -> list[str]:
    """Files the turns touched or named, the latest first; edited files marked."""
    seen: dict[str, bool] = {}  # path -> edited
    order: list[str] = []
    for turn in reversed(turns):
        named = list(turn.files) + files_in(turn.input) + files_in(turn.text)
        edited = turn.role == "tool" and turn.name.lower() in _EDIT_TOOLS
        for raw in named:
            path = _relative(raw.strip(), root)
            if not path or len(path) > 200:
                continue
            if path not in seen:
                seen[path] = False
                order.append(path)
            if edited and raw in turn.files + files_in(turn.input):
                seen[path] = True
    out = [f"{p} (edited)" if seen[p] else p for p in order]
    return out[:limit]


def build_brief(turns: list[Turn], root: Path | None = None) -> Brief:
    """`turns` as read from the transcript, the injected block still in (it is skipped here)."""
    carried = previous_task(turns)
    from memwrap.transcript import strip_memory

    clean = strip_memory(turns)
    task, at = _task(clean, carried)
    return Brief(task=task, done=_done(clean, at), next_step=_next_step(clean),
                 files=files_in_play(clean, root))


def render(brief: Brief, block_text: str, *, reason: str, redact: bool = True) -> str:
    """The text that opens the fresh context: the handoff section, then the memory block."""
    lines = [
        f'<{HANDOFF_TAG} reason="{one_line(reason, 80)}">',
        "memwrap moved this conversation into a fresh context because the previous one was filling up. "
        "Pick up where it stopped: do not start over and do not redo finished work.",
        f"CURRENT TASK: {brief.task or 'not stated in the conversation so far'}",
        f"JUST DONE: {brief.done or 'nothing yet'}",
        f"NEXT STEP: {brief.next_step}",
        f"FILES IN PLAY: {', '.join(brief.files) if brief.files else 'none named yet'}",
        f"</{HANDOFF_TAG}>",
    ]
    text = "\n".join(lines)
    if redact:
        from memwrap.redact import redact as scrub

        text = scrub(text)
    return text + ("\n" + block_text.strip() if block_text.strip() else "")

"""aider's `.aider.chat.history.md` -> turns.

One file holds every session started in that directory, each opened by
`# aider chat started at YYYY-MM-DD HH:MM:SS`. In a session `#### ` lines are the user,
`> ` lines are aider's own output (tool turns), everything else is the model's answer.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

from memwrap.readers.base import Transcript, dedupe_keep_order, files_in
from memwrap.turns import Turn

FMT = "aider-md"
HISTORY_NAME = ".aider.chat.history.md"
_START = re.compile(r"^# aider chat started at (\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d)\s*$", re.M)
# aider's per-reply accounting and banner lines: not conversation.
_NOISE = re.compile(r"^(Tokens: .*(sent|received)|Cost: \$|Aider v\d|Main model:|Model:|Weak model:|Git repo:|"
                    r"Repo-map:|Use /help|Use /help <question>|https://aider\.chat/|Warning: |"
                    r"You can skip this check|For more info|Cur working dir:|Git working dir:)")
_ASK = re.compile(r"\(Y\)es/\(N\)o|\(D\)on't ask again")  # aider's confirmation prompts
_FILE_NOTE = re.compile(r"^(?:Added|Applied edit to|Creating empty file|Add file to the chat\?\s*) ?(\S+?)(?: to the chat.*)?$")


def sniff(head: bytes) -> bool:
    return b"# aider chat started at" in head


def find_history_file(cwd: str | Path) -> Path | None:
    path = Path(cwd) / HISTORY_NAME
    return path if path.is_file() else None


def _sessions(text: str) -> list[tuple[float | None, str]]:
    marks = list(_START.finditer(text))
    out: list[tuple[float | None, str]] = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        try:
            started: float | None = datetime.fromisoformat(m.group(1)).timestamp()
        except ValueError:
            started = None
        out.append((started, text[m.end():end]))
    return out


def _pick(sessions: list[tuple[float | None, str]], since: float | None) -> tuple[float | None, str]:
    """The session that started at `since`: the first one started at or after it; else, to
    allow a minute of clock skew, the latest one started in the minute before (never an
    earlier session that merely falls inside that minute when a closer one exists)."""
    if since is not None:
        timed = [(started, body) for started, body in sessions if started is not None]
        after = [sb for sb in timed if sb[0] >= since]
        if after:
            return after[0]
        near = [sb for sb in timed if sb[0] >= since - 60]
        if near:
            return near[-1]
    return sessions[-1]


def _flush(kind: str, lines: list[str], turns: list[Turn]) -> None:
    if kind == "user":
        text = "\n".join(lines).strip()
        if text and not re.fullmatch(r"/[\w-]+", text):  # a bare /exit, /clear is UI
            turns.append(Turn("user", text, files=files_in(text)))
    elif kind == "tool":
        kept = [ln for ln in lines if ln.strip() and not _NOISE.match(ln.strip()) and not _ASK.search(ln)]
        if not kept:
            return
        files = [m.group(1) for ln in kept if (m := _FILE_NOTE.match(ln.strip()))]
        turns.append(Turn("tool", "\n".join(kept).strip(), name="aider", files=dedupe_keep_order(files)))
    elif kind == "assistant":
        text = "\n".join(lines).strip()
        if text:
            turns.append(Turn("assistant", text, files=files_in(text)))


def parse_session(body: str) -> list[Turn]:
    turns: list[Turn] = []
    kind, lines = "", []
    for line in body.splitlines():
        line = line.rstrip()  # aider ends lines with two spaces (markdown line breaks)
        if line.startswith("#### ") or line == "####":
            new, content = "user", line[5:]
        elif line.startswith("> ") or line == ">":
            new, content = "tool", line[2:]
        elif kind in ("user", "tool") and not line.strip():
            continue  # a blank line ends nothing: aider separates blocks with blank lines
        else:
            new, content = "assistant", line
        if new != kind:
            _flush(kind, lines, turns)
            kind, lines = new, []
        lines.append(content)
    _flush(kind, lines, turns)
    # The banner (before the first user line) only tells which files were added.
    first_user = next((i for i, t in enumerate(turns) if t.role == "user"), len(turns))
    added = [f for t in turns[:first_user] if t.role == "tool" for f in t.files]
    banner = [Turn("tool", "\n".join(f"Added {f} to the chat." for f in added), name="aider", files=added)]
    return (banner if added else []) + turns[first_user:]


def read(path: Path, *, since: float | None = None, **_: Any) -> Transcript:
    raw = path.read_bytes()
    text = raw.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    sessions = _sessions(text)
    if not sessions:
        return Transcript(turns=[], fmt=FMT, skipped=1, notes=["no '# aider chat started at' header"])
    started, body = _pick(sessions, since)
    notes = [f"{len(sessions)} sessions in the file; read the one started at "
             f"{datetime.fromtimestamp(started).isoformat(sep=' ') if started else '?'}"]
    if bad:
        notes.append(f"{bad} undecodable bytes replaced")
    return Transcript(turns=parse_session(body), fmt=FMT, skipped=1 if bad else 0,
                      project_name=path.resolve().parent.name, notes=notes)

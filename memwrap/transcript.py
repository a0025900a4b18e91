"""Any session file -> Transcript (clean turns), and removal of injected text before distilling.

Formats: claude-jsonl, aider-md, codex-jsonl, gemini-jsonl, cast (asciicast v2, any CLI),
labelled-json. The format is detected from the content (the name only breaks ties). Bad
content is skipped and counted; `InputError` is raised only when nothing at all can be read
or the format is unknown.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path
from types import ModuleType

from memwrap.errors import InputError
from memwrap.readers import aider_md, cast_screen, claude_jsonl, codex_jsonl, gemini_jsonl, labelled_json
from memwrap.readers.base import Transcript
from memwrap.turns import Turn

__all__ = ["FORMATS", "Transcript", "detect_format", "load_transcript", "strip_memory"]

# Sniff order matters: the most specific signatures first.
READERS: dict[str, ModuleType] = {
    "cast": cast_screen,
    "claude-jsonl": claude_jsonl,
    "codex-jsonl": codex_jsonl,
    "gemini-jsonl": gemini_jsonl,
    "labelled-json": labelled_json,
    "aider-md": aider_md,
}
FORMATS = tuple(READERS)
_HEAD = 256 * 1024


def detect_format(path: str | os.PathLike[str]) -> str | None:
    path = Path(path)
    with open(path, "rb") as fh:
        head = fh.read(_HEAD)
    if path.name.endswith(".aider.chat.history.md") and aider_md.sniff(head):
        return "aider-md"
    for fmt, reader in READERS.items():
        if reader.sniff(head):
            return fmt
    return None


def load_transcript(path: str | os.PathLike[str], *, fmt: str | None = None, since: float | None = None,
                    cli: str = "") -> Transcript:
    """Read a session file. `since`: for files holding several sessions (aider), the first
    session started at or after this epoch time; `cli`: a hint for recordings (adapter name)."""
    path = Path(path)
    try:
        if not path.is_file():
            raise InputError(f"{path}: no such file")
        if path.stat().st_size == 0:
            raise InputError(f"{path}: the file is empty")
        if fmt is None:
            fmt = detect_format(path)
            if fmt is None:
                raise InputError(f"{path}: unknown transcript format (expected one of {', '.join(FORMATS)})")
        elif fmt not in READERS:
            raise InputError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")
        result: Transcript = READERS[fmt].read(path, since=since, cli=cli)
    except InputError:
        raise
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except Exception as exc:  # a reader bug must not become a traceback for the user
        raise InputError(f"{path}: could not be read as {fmt or 'a transcript'} ({type(exc).__name__}: {exc})") from None
    if not result.turns and result.skipped:
        raise InputError(f"{path}: nothing readable as {fmt} ({result.skipped} records skipped)")
    return result


# -- injected text -------------------------------------------------------------------------

_TAG = r"memwrap[-_ ]?memory"
_INJECTED = [
    re.compile(rf"<\s*{_TAG}\b[^>]*>.*?(?:<\s*/\s*{_TAG}\s*>|\Z)", re.S | re.I),  # ours, even unterminated
    re.compile(rf"\A.*?<\s*/\s*{_TAG}\s*>", re.S | re.I),  # ours, its start cut off
    re.compile(r"<system-reminder>.*?(?:</system-reminder>|\Z)", re.S),  # Claude Code: CLAUDE.md, hooks
    re.compile(r"<(environment_context|user_instructions|developer_instructions|INSTRUCTIONS|"
               r"permissions instructions|session_context)>.*?(?:</\1>|\Z)", re.S),  # codex, gemini
    re.compile(r"^# AGENTS\.md instructions for .*$", re.M),
    re.compile(r"\AThis is the Gemini CLI\. We are setting up the context for our chat\..*", re.S),
    re.compile(r"^.*\bmemwrap-memory(?:\.md)?\b.*$\n?", re.M | re.I),  # aider: "Added …memwrap-memory.md to read-only files"
]


def _strip(text: str) -> str:
    for pattern in _INJECTED:
        text = pattern.sub("", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def strip_memory(turns: list[Turn]) -> list[Turn]:
    """Turns without memwrap's own memory block and without the CLI's injected instructions.

    A turn left empty is dropped (a tool turn with a name is kept: the call itself happened).
    """
    out: list[Turn] = []
    for turn in turns:
        text, shown = _strip(turn.text), _strip(turn.input) if turn.input else ""
        if not text and not (turn.role == "tool" and (turn.name or shown)):
            continue
        if text != turn.text or shown != turn.input:
            turn = replace(turn, text=text, input=shown, files=list(turn.files), meta=dict(turn.meta))
        out.append(turn)
    return out

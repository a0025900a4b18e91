"""Claude Code session JSONL -> turns, and where to find this session's file.

The format is internal to Claude Code (it changes between releases), so this keys on `type`
and ignores what it does not know. The visible conversation is the parentUuid chain that
ends at the latest leaf; compaction boundaries are followed through logicalParentUuid so the
history before a compaction is kept too, as is the compaction summary itself.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Any

from memwrap.readers.base import (Clock, LineCounter, Transcript, dedupe_keep_order, flatten_text,
                                  iter_json_lines, newest_after, render_tool_input)
from memwrap.turns import Turn

FMT = "claude-jsonl"
_CHAIN_TYPES = {"user", "assistant", "system", "progress", "attachment"}
# User entries that are UI bookkeeping, not something the user said.
_COMMAND_NOISE = re.compile(r"^\s*<(command-name|command-message|command-args|local-command-stdout|"
                            r"local-command-stderr|local-command-caveat|bash-stdout|bash-stderr)>")


def sniff(head: bytes) -> bool:
    text = head.decode("utf-8", "replace")
    return ('"sessionId"' in text and '"type"' in text and ('"parentUuid"' in text or '"leafUuid"' in text)) \
        or ('"type":"summary"' in text and '"leafUuid"' in text)


# -- locating the file ---------------------------------------------------------------------

def projects_dir(home: Path | None = None, env: dict[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    if env.get("CLAUDE_CONFIG_DIR"):
        return Path(env["CLAUDE_CONFIG_DIR"]).expanduser() / "projects"
    return (Path(home) if home else Path.home()) / ".claude" / "projects"


def project_dir_name(cwd: str | os.PathLike[str]) -> str:
    """Claude Code's directory name for a cwd: non-alphanumerics -> '-', long names hashed."""
    name = re.sub(r"[^a-zA-Z0-9]", "-", str(cwd))
    if len(name) <= 200:
        return name
    digest = hashlib.sha256(str(cwd).encode()).hexdigest()[:16]  # the suffix differs by runtime;
    return f"{name[:200]}-{digest}"  # callers match on the 200-char prefix (see find_session_file)


def find_session_file(cwd: str | os.PathLike[str], session_id: str | None = None,
                      started_after: float | None = None, home: Path | None = None) -> Path | None:
    """This session's transcript: by id when known, else the newest one modified after the start."""
    root = projects_dir(home)
    name = project_dir_name(cwd)
    dirs = [root / name]
    if len(name) > 200 and root.is_dir():  # Bun and Node hash long paths differently: match the prefix
        dirs = [d for d in root.iterdir() if d.name.startswith(name[:200])]
    if session_id:
        for d in dirs:
            if (d / f"{session_id}.jsonl").is_file():
                return d / f"{session_id}.jsonl"
        return None
    found = newest_after((f for d in dirs if d.is_dir() for f in d.glob("*.jsonl")), started_after)
    return found[0] if found else None


# -- reading -------------------------------------------------------------------------------

def _visible_uuids(entries: list[dict[str, Any]]) -> set[str] | None:
    """uuids on the path from the latest main-thread leaf back to the root (None: no chain info)."""
    pos = {e["uuid"]: i for i, e in enumerate(entries) if isinstance(e.get("uuid"), str)}
    if not pos:
        return None
    leaf = next((e for e in reversed(entries) if isinstance(e.get("uuid"), str)
                 and e.get("type") in ("user", "assistant") and not e.get("isSidechain")
                 and not e.get("isMeta")), None)
    if leaf is None:
        return None
    keep: set[str] = set()
    node: dict[str, Any] | None = leaf
    while node is not None and node["uuid"] not in keep:
        keep.add(node["uuid"])
        parent = node.get("parentUuid") or node.get("logicalParentUuid")
        if not parent:
            return keep
        node = entries[pos[parent]] if parent in pos else None
    # The chain broke (a corrupt or missing line): keep everything written before the gap.
    lowest = min(pos[u] for u in keep)
    keep.update(e["uuid"] for e in entries[:lowest] if isinstance(e.get("uuid"), str) and not e.get("isSidechain"))
    return keep


class _Builder:
    def __init__(self) -> None:
        self.turns: list[Turn] = []
        self.tools: dict[str, Turn] = {}  # tool_use id -> its tool turn (output arrives later)
        self.texts: dict[str, list[Turn]] = {}  # message.id:requestId -> its text turns (dedupe)
        self.clock = Clock()
        self.noise = 0

    def user(self, entry: dict[str, Any]) -> None:
        msg = entry.get("message") if isinstance(entry.get("message"), dict) else {}
        content = msg.get("content")
        when = self.clock.rel(entry.get("timestamp"))
        if entry.get("isCompactSummary"):
            self.turns.append(Turn("assistant", flatten_text(content), time=when, meta={"kind": "compact-summary"}))
            return
        blocks = content if isinstance(content, list) else [{"type": "text", "text": content or ""}]
        texts: list[str] = []
        for block in blocks:
            if not isinstance(block, dict):
                continue
            if block.get("type") == "tool_result":
                self._tool_result(block, entry, when)
            elif block.get("type") in ("text", None) or block.get("type") == "image":
                texts.append(flatten_text(block))
        text = "\n".join(t for t in texts if t).strip()
        if not text:
            return
        if _COMMAND_NOISE.match(text):
            self.noise += 1
            return
        self.turns.append(Turn("user", text, time=when))

    def _tool_result(self, block: dict[str, Any], entry: dict[str, Any], when: float | None) -> None:
        output = flatten_text(block.get("content"))
        turn = self.tools.get(str(block.get("tool_use_id")))
        if turn is None:
            turn = Turn("tool", "", time=when)
            self.turns.append(turn)
        turn.text = output
        if block.get("is_error"):
            turn.meta["is_error"] = True
        structured = entry.get("toolUseResult")
        if isinstance(structured, dict) and isinstance(structured.get("filePath"), str):
            turn.files = dedupe_keep_order(turn.files + [structured["filePath"]])

    def assistant(self, entry: dict[str, Any]) -> None:
        msg = entry.get("message") if isinstance(entry.get("message"), dict) else {}
        key = f"{msg.get('id', entry.get('uuid'))}:{entry.get('requestId', '')}"
        when = self.clock.rel(entry.get("timestamp"))
        content = msg.get("content")
        blocks = content if isinstance(content, list) else [{"type": "text", "text": content or ""}]
        seen = self.texts.setdefault(key, [])
        for block in blocks:
            if not isinstance(block, dict):
                continue
            kind = block.get("type")
            if kind == "text":
                self._assistant_text(str(block.get("text") or ""), seen, when)
            elif kind in ("tool_use", "server_tool_use"):
                tool_id = str(block.get("id"))
                if tool_id in self.tools:  # the same call repeated by a streamed fragment
                    continue
                name = str(block.get("name") or "")
                shown, files = render_tool_input(name, block.get("input"))
                turn = Turn("tool", "", name=name, input=shown, time=when, files=files)
                self.tools[tool_id] = turn
                self.turns.append(turn)

    def _assistant_text(self, text: str, seen: list[Turn], when: float | None) -> None:
        text = text.strip()
        if not text:
            return
        for turn in seen:  # fragments of one streamed response: identical or growing copies
            if turn.text == text or turn.text.startswith(text):
                return
            if text.startswith(turn.text):
                turn.text = text
                return
        turn = Turn("assistant", text, time=when)
        seen.append(turn)
        self.turns.append(turn)


def read(path: Path, **_: Any) -> Transcript:
    counter = LineCounter()
    entries = list(iter_json_lines(path, counter))
    visible = _visible_uuids(entries)
    out = _Builder()
    session_id, cwd = "", ""
    for entry in entries:
        kind = entry.get("type")
        session_id = session_id or str(entry.get("sessionId") or "")
        cwd = cwd or str(entry.get("cwd") or "")
        if kind == "summary" and isinstance(entry.get("summary"), str):
            out.turns.append(Turn("assistant", entry["summary"], meta={"kind": "summary"}))
            continue
        if kind not in ("user", "assistant"):
            continue
        if entry.get("isSidechain") or entry.get("teamName"):
            continue
        if entry.get("isMeta") and not entry.get("isCompactSummary"):
            continue
        if visible is not None and entry.get("uuid") not in visible:
            continue
        if kind == "user":
            out.user(entry)
        else:
            out.assistant(entry)
    notes = []
    if out.noise:
        notes.append(f"dropped {out.noise} slash-command/local-command echoes")
    if counter.skipped:
        notes.append(f"skipped {counter.skipped} unreadable lines")
    return Transcript(turns=out.turns, fmt=FMT, skipped=counter.skipped, session_id=session_id,
                      project_name=Path(cwd).name if cwd else "", notes=notes)


"""Gemini CLI chat recordings (`~/.gemini/tmp/<project>/chats/session-*.jsonl`) -> turns.

First line: session metadata. Then MessageRecord lines keyed by `id`; a later line with the
same id replaces the earlier one (it keeps its place), `{"$rewindTo": id}` drops that
message and everything after it (all of them when the id is unknown), `{"$set": {...}}`
updates the metadata and, when it carries `messages`, replaces the whole list (gemini-cli
0.61 writes the opening `<session_context>` turn that way). These are the rules of the CLI's
own loader (`loadConversationRecord`), checked on real chats (recordings/native/gemini_0_61.jsonl).
User turns the CLI writes itself (`<session_context>`, `<hook_context>`) are not the user's.
Older builds wrote one JSON document with a `messages` array; that is read too.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from memwrap.readers.base import (Clock, LineCounter, Transcript, flatten_text, iter_json_lines,
                                  newest_after, render_tool_input)
from memwrap.turns import Turn

FMT = "gemini-jsonl"
_INJECTED = ("<session_context>", "<hook_context>")
_LEADING_CONTEXT = re.compile(r"\s*<(session_context|hook_context)>.*?</\1>\s*", re.S)


def sniff(head: bytes) -> bool:
    text = head.decode("utf-8", "replace")
    return '"projectHash"' in text or ('"type":"gemini"' in text.replace(" ", "")) or '"$rewindTo"' in text


def gemini_home(env: dict[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    return Path(env.get("GEMINI_CLI_HOME") or Path.home()).expanduser() / ".gemini"


def project_slug(cwd: str | os.PathLike[str], env: dict[str, str] | None = None) -> str | None:
    """The CLI's short id for a project directory (`projects.json`: path -> slug), if known."""
    try:
        data = json.loads((gemini_home(env) / "projects.json").read_text(encoding="utf-8"))
        slug = data["projects"][str(cwd)]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return slug if isinstance(slug, str) and slug and "/" not in slug else None


def find_session_file(started_after: float | None = None, session_id: str | None = None,
                      env: dict[str, str] | None = None, cwd: str | os.PathLike[str] | None = None) -> Path | None:
    """Newest chat file modified after the start (or the one whose name holds the id prefix),
    in the project directory of `cwd` when the CLI's registry knows it."""
    slug = project_slug(cwd, env) if cwd else None
    files = (f for f in (gemini_home(env) / "tmp").glob(f"{slug or '*'}/chats/session-*.json*")
             if not session_id or session_id[:8] in f.name)
    found = newest_after(files, started_after)
    return found[0] if found else None


def _records(path: Path, counter: LineCounter) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """(metadata, messages in order) applying last-wins, $set and $rewindTo."""
    head = path.read_bytes()[:1].strip()
    if head == b"{":
        try:  # legacy: one JSON document
            doc = json.loads(path.read_bytes().decode("utf-8", "replace"))
            if isinstance(doc, dict) and isinstance(doc.get("messages"), list):
                msgs = [m for m in doc["messages"] if isinstance(m, dict)]
                counter.skipped += len(doc["messages"]) - len(msgs)
                return {k: v for k, v in doc.items() if k != "messages"}, msgs
        except ValueError:
            pass  # it is JSONL after all
    meta: dict[str, Any] = {}
    messages: dict[str, dict[str, Any]] = {}

    def add(rec: dict[str, Any]) -> None:
        messages[str(rec.get("id", len(messages)))] = rec  # dict keeps first-seen order

    for rec in iter_json_lines(path, counter):
        if "$set" in rec:
            update = rec["$set"] if isinstance(rec["$set"], dict) else {}
            if isinstance(update.get("messages"), list):
                messages.clear()
                for msg in update["messages"]:
                    if isinstance(msg, dict) and "type" in msg:
                        add(msg)
            meta.update({k: v for k, v in update.items() if k != "messages"})
        elif "$rewindTo" in rec:
            target = str(rec["$rewindTo"])
            keys = list(messages)
            for key in keys[keys.index(target):] if target in messages else keys:
                del messages[key]
        elif "sessionId" in rec and "type" not in rec:
            meta.update({k: v for k, v in rec.items() if k != "messages"})
            listed = rec.get("messages")
            for msg in listed if isinstance(listed, list) else []:
                if isinstance(msg, dict) and "type" in msg:
                    add(msg)
        elif "type" in rec:
            add(rec)
        else:
            counter.skipped += 1
    return meta, list(messages.values())


def _typed_text(content: Any) -> str:
    """A user message without the context the CLI adds itself: whole `<session_context>` /
    `<hook_context>` parts, and (with -p) a hook context prepended to the prompt's text."""
    kept = []
    for part in content if isinstance(content, list) else [content]:
        text = flatten_text(part)
        while (m := _LEADING_CONTEXT.match(text)) is not None:
            text = text[m.end():]
        if text.strip() and not text.lstrip().startswith(_INJECTED):
            kept.append(text)
    return "\n".join(kept).strip()


def _project_root_name(chat: Path) -> str:
    """The project's directory name from `<project dir>/.project_root` next to `chats/`."""
    try:
        root = (chat.parent.parent / ".project_root").read_text(encoding="utf-8").strip()
    except OSError:
        return ""
    return Path(root).name if root.startswith("/") else ""


def _tool_turn(call: dict[str, Any], when: float | None) -> Turn:
    name = str(call.get("name") or call.get("displayName") or "")
    shown, files = render_tool_input(name, call.get("args"))
    display = call.get("resultDisplay")
    output = display if isinstance(display, str) and display.strip() else None
    if output is None:
        parts = call.get("result") or []
        texts = []
        for part in parts if isinstance(parts, list) else [parts]:
            resp = (part.get("functionResponse") or {}).get("response") if isinstance(part, dict) else None
            texts.append(flatten_text(resp.get("output", resp.get("error", ""))) if isinstance(resp, dict)
                         else flatten_text(part))
        output = "\n".join(t for t in texts if t)
    meta = {"status": call["status"]} if call.get("status") not in (None, "success") else {}
    return Turn("tool", output.strip(), name=name, input=shown, time=when, files=files, meta=meta)


def read(path: Path, **_: Any) -> Transcript:
    counter = LineCounter()
    meta, messages = _records(path, counter)
    clock, turns = Clock(), []
    clock.rel(meta.get("startTime"))
    for msg in messages:
        kind = msg.get("type")
        when = clock.rel(msg.get("timestamp"))
        text = flatten_text(msg.get("content")).strip()
        if kind == "user":
            text = _typed_text(msg.get("content"))
            if text:
                turns.append(Turn("user", text, time=when))
        elif kind == "gemini":
            if text:
                turns.append(Turn("assistant", text, time=when))
            for call in msg.get("toolCalls") or []:
                if isinstance(call, dict):
                    turns.append(_tool_turn(call, when))
    notes = [f"skipped {counter.skipped} unreadable lines"] if counter.skipped else []
    dirs = meta.get("directories") if isinstance(meta.get("directories"), list) else []
    project = Path(str(dirs[0])).name if dirs else _project_root_name(path) or str(meta.get("projectHash") or "")
    return Transcript(turns=turns, fmt=FMT, skipped=counter.skipped, project_name=project,
                      session_id=str(meta.get("sessionId") or ""), notes=notes)

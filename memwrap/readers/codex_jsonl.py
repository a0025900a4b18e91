"""Codex CLI rollout JSONL (`$CODEX_HOME/sessions/YYYY/MM/DD/rollout-*.jsonl`) -> turns.

Lines are `{timestamp, type, payload}`. The clean user/assistant text is in `event_msg`:
codex-cli 0.169 writes `item_completed` events whose item is a `UserMessage` / `AgentMessage`
(checked on real rollouts, recordings/native/codex_0_169.jsonl); older builds wrote
`user_message` / `agent_message`. `response_item` repeats the text together with injected
developer and `<environment_context>` messages, so those are used only when a file has no
event text, and then without the injected ones. Tool calls come from response_item
function_call / custom_tool_call / local_shell_call and their *_output items, matched by
call_id; a `CommandExecution` item_completed gives the clean output and exit code.
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

FMT = "codex-jsonl"
_CALLS = {"function_call", "custom_tool_call", "local_shell_call"}
_PATCH_FILE = re.compile(r"^\*\*\* (?:Update|Add|Delete) File: (\S+)", re.M)
_OUTPUTS = {"function_call_output", "custom_tool_call_output", "local_shell_call_output"}
_KNOWN = {"event_msg", "response_item", "turn_context", "session_meta", "compacted", "world_state",
          "token_usage_record"}
# Message items of item_completed events, and the legacy event_msg types, by role.
_EVENT_ROLES = {"UserMessage": "user", "AgentMessage": "assistant", "user_message": "user",
                "agent_message": "assistant"}
# Text Codex puts in user-role response items itself (not typed by the user).
_INJECTED_PREFIXES = ("<environment_context>", "<user_instructions>", "<skills_instructions>", "# AGENTS.md",
                      "<turn_aborted>", "<user_shell_command>")
# exec_command output: a header ("Process exited with code N", ...) then "Output:\n<text>".
_EXIT_LINE = re.compile(r"^Process exited with code (-?\d+)$", re.M)


def sniff(head: bytes) -> bool:
    text = head.decode("utf-8", "replace")
    return '"payload"' in text and any(k in text for k in ('"session_meta"', '"response_item"', '"event_msg"'))


def sessions_dir(env: dict[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    return Path(env.get("CODEX_HOME") or Path.home() / ".codex").expanduser() / "sessions"


def find_session_file(cwd: str | os.PathLike[str] | None = None, started_after: float | None = None,
                      session_id: str | None = None, env: dict[str, str] | None = None) -> Path | None:
    """Newest rollout modified after the start (and whose session_meta cwd matches, when given)."""
    root = sessions_dir(env)
    if not root.is_dir():
        return None
    files = (f for f in root.glob("*/*/*/rollout-*.jsonl") if not session_id or session_id in f.name)
    for f in newest_after(files, started_after):
        if cwd is None or _meta_cwd(f) in (None, str(cwd)):
            return f
    return None


def _meta_cwd(path: Path) -> str | None:
    try:
        with open(path, "rb") as fh:
            first = json.loads(fh.readline().decode("utf-8", "replace"))
        return first["payload"]["cwd"] if first.get("type") == "session_meta" else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _message_text(payload: dict[str, Any]) -> str:
    return flatten_text([c for c in payload.get("content") or [] if isinstance(c, dict)]).strip()


def _call_input(payload: dict[str, Any]) -> tuple[str, str, list[str]]:
    kind = payload.get("type")
    if kind == "local_shell_call":
        action = payload.get("action") or {}
        shown, files = render_tool_input("shell", action if isinstance(action, dict) else {})
        return "shell", shown, files
    name = str(payload.get("name") or kind)
    raw = payload.get("arguments") if kind == "function_call" else payload.get("input")
    data: Any = raw
    if isinstance(raw, str):
        try:
            data = json.loads(raw)
        except ValueError:
            data = raw
    shown, files = render_tool_input(name, data)
    files += _PATCH_FILE.findall(shown)  # apply_patch names its files in the patch header
    return name, shown, files


def _event_message(payload: dict[str, Any]) -> tuple[str, str] | None:
    """(role, text) of a user/agent message event, old or new style; None for other events."""
    ptype = payload.get("type")
    if ptype in ("user_message", "agent_message"):
        return _EVENT_ROLES[ptype], str(payload.get("message") or "").strip()
    item = payload.get("item") if ptype == "item_completed" else None
    if isinstance(item, dict) and item.get("type") in ("UserMessage", "AgentMessage"):
        parts = [c for c in item.get("content") or [] if isinstance(c, dict)]
        return _EVENT_ROLES[item["type"]], flatten_text(parts).strip()
    return None


def _command_item(payload: dict[str, Any]) -> dict[str, Any] | None:
    item = payload.get("item") if payload.get("type") == "item_completed" else None
    return item if isinstance(item, dict) and item.get("type") == "CommandExecution" else None


def _exec_output(text: str) -> tuple[str, dict[str, Any]]:
    """Split exec_command's "Chunk ID/Wall time/Process exited/Output:" header from the output."""
    head, sep, body = text.partition("\nOutput:\n")
    if not sep or "Wall time:" not in head:
        return text, {}
    m = _EXIT_LINE.search(head)
    return body, ({"exit_code": int(m.group(1))} if m else {})


def _output_text(payload: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    out = payload.get("output")
    meta: dict[str, Any] = {}
    if isinstance(out, str) and out.startswith("Chunk ID:"):
        out, meta = _exec_output(out)
    elif isinstance(out, str):
        try:
            parsed = json.loads(out)
        except ValueError:
            parsed = None
        if isinstance(parsed, dict) and "output" in parsed:
            out = parsed["output"]
            exit_code = (parsed.get("metadata") or {}).get("exit_code")
            if exit_code is not None:
                meta["exit_code"] = exit_code
    elif isinstance(out, dict):
        meta = {k: out[k] for k in ("exit_code",) if k in out}
        out = out.get("content") or out.get("output")
    return flatten_text(out).strip(), meta


def read(path: Path, **_: Any) -> Transcript:
    counter = LineCounter()
    records = list(iter_json_lines(path, counter))
    has_events = any(r.get("type") == "event_msg" and isinstance(r.get("payload"), dict)
                     and _event_message(r["payload"]) is not None for r in records)
    clock, turns, calls = Clock(), [], {}
    from_events: set[str] = set()  # call ids whose output came from a CommandExecution event
    session_id, cwd, unknown = "", "", 0
    for rec in records:
        payload = rec.get("payload")
        if not isinstance(payload, dict):
            counter.skipped += 1
            continue
        kind, ptype = rec.get("type"), payload.get("type")
        when = clock.rel(rec.get("timestamp"))
        if kind == "session_meta":
            session_id = str(payload.get("id") or session_id)
            cwd = str(payload.get("cwd") or cwd)
        elif kind == "event_msg" and (message := _event_message(payload)) is not None:
            role, text = message
            if text:
                turns.append(Turn(role, text, time=when))
        elif kind == "event_msg" and (command := _command_item(payload)) is not None:
            turn = calls.get(str(command.get("id")))
            if turn is not None and isinstance(command.get("aggregated_output"), str):
                turn.text = command["aggregated_output"].strip()
                if command.get("exit_code") is not None:
                    turn.meta = {**turn.meta, "exit_code": command["exit_code"]}
                from_events.add(str(command.get("id")))
        elif kind == "compacted":
            text = str(payload.get("message") or "").strip()
            if text:
                turns.append(Turn("assistant", text, time=when, meta={"kind": "compact-summary"}))
        elif kind == "response_item" and ptype == "message" and not has_events:
            role = payload.get("role")
            text = _message_text(payload)
            if role == "user" and text.startswith(_INJECTED_PREFIXES):
                continue
            if role in ("user", "assistant") and text:
                turns.append(Turn(role, text, time=when))
        elif kind == "response_item" and ptype in _CALLS:
            name, shown, files = _call_input(payload)
            turn = Turn("tool", "", name=name, input=shown, time=when, files=files)
            calls[str(payload.get("call_id") or payload.get("id"))] = turn
            turns.append(turn)
        elif kind == "response_item" and ptype in _OUTPUTS:
            if str(payload.get("call_id")) in from_events:
                continue
            text, meta = _output_text(payload)
            turn = calls.get(str(payload.get("call_id")))
            if turn is None:
                turn = Turn("tool", "", time=when)
                turns.append(turn)
            turn.text, turn.meta = text, {**turn.meta, **meta}
        elif kind not in _KNOWN:
            unknown += 1
    notes = [f"skipped {counter.skipped} unreadable lines"] if counter.skipped else []
    if unknown:
        notes.append(f"ignored {unknown} records of unknown type")
    return Transcript(turns=turns, fmt=FMT, skipped=counter.skipped, session_id=session_id,
                      project_name=Path(cwd).name if cwd else "", notes=notes)

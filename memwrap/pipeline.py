"""One session -> stored facts: the single pipeline behind `memwrap ingest`, the background
worker and the handoff.

load turns (the CLI's native transcript when the session names a readable one, else the
.cast) -> strip memwrap's own block -> redact -> distil -> store -> record the session as
distilled, with its counts.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

from memwrap.errors import InputError
from memwrap.facts import Fact
from memwrap.project import Project
from memwrap.workctx import LAST_TURNS, from_turns

MAX_LAST_ITEMS = 40  # files/names kept per session record for the next launch's ranking

# progress(stage, done, total): stage is "load" | "distil" | "store"
Progress = Callable[[str, int, int], None]


@dataclass
class IngestResult:
    added: int = 0
    merged: int = 0
    superseded: int = 0
    skipped_turns: int = 0  # input records the reader could not use
    facts: list[Fact] = field(default_factory=list)
    turns: int = 0
    fmt: str = ""
    source: str = ""  # the file the turns came from
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = (f"{len(self.facts)} facts: {self.added} added, {self.merged} merged, "
                f"{self.superseded} superseded; {self.turns} turns")
        if self.skipped_turns:
            text += f", {self.skipped_turns} records skipped"
        return text


def _epoch(value: Any) -> float | None:
    if value in (None, ""):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return datetime.fromisoformat(str(value)).timestamp()
    except ValueError:
        return None


def _native_path(meta: dict[str, Any]) -> Path | None:
    """The CLI's own transcript for this session, via its adapter; None when unknown."""
    cli = str(meta.get("cli") or "")
    try:
        from memwrap import adapters

        adapter = adapters.get(cli) if cli else None
        if adapter is not None:
            return adapter.find_native_transcript(meta)
    except Exception:  # an adapter bug must not lose the session: the .cast still has it
        pass
    path = meta.get("native_transcript")
    return Path(path) if path and os.path.isfile(path) else None


def load_session(meta: dict[str, Any]) -> Any:
    """Transcript of a recorded session: native transcript first, else the recording."""
    from memwrap.transcript import load_transcript

    cli = str(meta.get("cli") or "")
    problems: list[str] = []
    native = _native_path(meta)
    if native is not None:
        try:
            return load_transcript(native, since=_epoch(meta.get("start")), cli=cli)
        except InputError as exc:
            problems.append(str(exc))
    cast = meta.get("cast")
    if cast:
        try:
            found = load_transcript(cast, fmt="cast", cli=cli)
            found.notes = problems + list(found.notes)
            return found
        except InputError as exc:
            problems.append(str(exc))
    raise InputError("; ".join(problems) or f"session {meta.get('id')}: neither a transcript nor a recording")


def project_of(meta: dict[str, Any]) -> Project:
    key = str(meta.get("project") or meta.get("cwd") or os.getcwd())
    name = str(meta.get("project_name") or os.path.basename(key.rstrip("/")) or key)
    return Project(key=key, name=name, root=Path(str(meta.get("cwd") or key)))


def distil_session(source: Any, project: Project | None, store: Any, *, use_model: bool | None = None,
                   progress: Progress | None = None, session_id: str = "", cli: str = "") -> IngestResult:
    """`source`: session metadata (dict or SessionMeta) or an already loaded Transcript.
    `project`: None means the session's own project (metadata only)."""
    from memwrap.distill import distill_clean, redact_turns, session_tokens
    from memwrap.transcript import strip_memory

    report = progress or (lambda stage, done, total: None)
    meta: dict[str, Any] | None = None
    if hasattr(source, "turns"):
        transcript = source
    else:
        meta = source.to_dict() if hasattr(source, "to_dict") else dict(source)
        report("load", 0, 1)
        transcript = load_session(meta)
        cli = cli or str(meta.get("cli") or "")
        project = project or project_of(meta)
    if project is None:
        raise InputError("no project for this session")
    session_id = session_id or (meta or {}).get("id") or transcript.session_id or f"ingest-{int(time.time())}"

    turns = strip_memory(list(transcript.turns))
    report("distil", 0, len(turns))
    clean = redact_turns(turns)  # together: a secret found in one turn leaves every turn
    report("distil", len(turns) // 2, len(turns))
    facts = distill_clean(clean, project=project.key, session_id=session_id, cli=cli, use_model=use_model,
                          size=session_tokens(turns))
    report("store", 0, 1)

    result = IngestResult(facts=facts, turns=len(transcript.turns), skipped_turns=transcript.skipped,
                          fmt=getattr(transcript, "fmt", ""), notes=list(getattr(transcript, "notes", []) or []))
    for r in store.add_facts(facts, session_id=session_id):
        if r.action == "merged":
            result.merged += 1
        elif r.action == "superseded":
            result.superseded += 1
        else:
            result.added += 1
    record = dict(meta or {})
    record.update(
        id=session_id, project=project.key, project_name=project.name, distilled_at=time.time(),
        distilled={"facts": len(facts), "added": result.added, "merged": result.merged,
                   "superseded": result.superseded, "turns": result.turns,
                   "skipped": result.skipped_turns, "fmt": result.fmt},
    )
    record.setdefault("cli", cli)
    # What the session ended on, saved now so the next launch ranks by it without
    # re-reading (and re-emulating) the whole transcript on its start-up path.
    last_files, last_names = from_turns(clean[-LAST_TURNS:])
    record["last_files"] = last_files[:MAX_LAST_ITEMS]
    record["last_names"] = sorted(last_names)[:MAX_LAST_ITEMS]
    for key in ("start", "end"):  # recordings say ISO 8601; the store keeps epoch seconds
        if key in record:
            record[key] = _epoch(record[key])
    store.add_session(record)
    report("store", 1, 1)
    return result


# ---- recorded sessions on disk -------------------------------------------------------------

def find_session_meta(session_id: str) -> Path:
    """`<recordings>/<project dir>/<id>.json` of a recorded session."""
    from memwrap.config import paths

    for path in paths().recordings_dir.glob(f"*/{session_id}.json"):
        return path
    raise InputError(f"no recorded session {session_id!r} under {paths().recordings_dir}")


def recorded_sessions() -> list[dict[str, Any]]:
    """Metadata of every recording on disk, oldest first; unreadable files are skipped."""
    import json

    from memwrap.config import paths

    out = []
    for path in paths().recordings_dir.glob("*/*.json"):
        try:
            meta = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(meta, dict) and meta.get("id"):
            meta["_meta_path"] = str(path)
            out.append(meta)
    out.sort(key=lambda m: str(m.get("start") or ""))
    return out


def distil_recorded(session_id: str, *, use_model: bool | None = None) -> IngestResult:
    """What the background worker runs for one queued session."""
    import json

    from memwrap.store import Store

    path = find_session_meta(session_id)
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: unreadable session metadata ({exc})") from None
    with Store.open() as store:
        return distil_session(meta, None, store, use_model=use_model)

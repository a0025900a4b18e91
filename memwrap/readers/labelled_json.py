"""The labelled-session JSON of DESIGN.md (recordings/labelled/*.json) -> turns.

Only `id`, `project`, `cwd_files` and `turns` are read; labels (gold, secrets, ...) are never
looked at here, so ingesting an evaluation file cannot leak its answers into memory.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from memwrap.readers.base import Transcript
from memwrap.turns import Turn

FMT = "labelled-json"


def sniff(head: bytes) -> bool:
    text = head.decode("utf-8", "replace").lstrip()
    return text.startswith("{") and '"turns"' in text


def read(path: Path, **_: Any) -> Transcript:
    try:
        doc = json.loads(path.read_bytes().decode("utf-8", "replace"))
    except ValueError as exc:
        return Transcript(turns=[], fmt=FMT, skipped=1, notes=[f"not valid JSON: {exc}"])
    if not isinstance(doc, dict) or not isinstance(doc.get("turns"), list):
        return Transcript(turns=[], fmt=FMT, skipped=1, notes=["no 'turns' list"])
    turns, skipped = [], 0
    for item in doc["turns"]:
        try:
            turns.append(Turn.from_json(item))
        except (ValueError, TypeError, AttributeError):
            skipped += 1
    files = doc.get("cwd_files") if isinstance(doc.get("cwd_files"), list) else []
    return Transcript(turns=turns, fmt=FMT, skipped=skipped, session_id=str(doc.get("id") or ""),
                      project_name=str(doc.get("project") or ""), cwd_files=[str(f) for f in files],
                      notes=[f"skipped {skipped} malformed turns"] if skipped else [])

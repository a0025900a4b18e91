"""What every reader returns, and the defensive line reading they share.

Readers never raise on bad content: a line that is not valid JSON, not an object, or not
decodable counts as skipped. Only the dispatcher decides when nothing usable came out.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Iterator

from memwrap.turns import Turn


@dataclass
class Transcript:
    turns: list[Turn]
    fmt: str
    skipped: int = 0  # input records (lines, events, entries) that could not be used
    session_id: str = ""
    project_name: str = ""
    cwd_files: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # one line each: what was dropped and why

    def to_json(self) -> dict[str, Any]:
        return {"fmt": self.fmt, "session_id": self.session_id, "project_name": self.project_name,
                "skipped": self.skipped, "turns": [t.to_json() for t in self.turns]}


class LineCounter:
    """Counts what a reader could not use, so the caller can say how much was skipped."""

    def __init__(self) -> None:
        self.skipped = 0
        self.lines = 0


def iter_json_lines(path: Path, counter: LineCounter) -> Iterator[dict[str, Any]]:
    """Yield each JSON object line; broken, truncated or non-object lines are counted, not raised."""
    with open(path, "rb") as fh:
        for raw in fh:
            raw = raw.strip()
            if not raw:
                continue
            counter.lines += 1
            try:
                obj = json.loads(raw.decode("utf-8", "replace"))
            except ValueError:
                counter.skipped += 1
                continue
            if isinstance(obj, dict):
                yield obj
            else:
                counter.skipped += 1


def parse_time(value: Any) -> float | None:
    """ISO-8601 (with Z) or epoch seconds/millis -> epoch seconds; None when unparseable."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value) / (1000.0 if value > 1e11 else 1.0)
    if isinstance(value, str) and value:
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
        except ValueError:
            return None
    return None


class Clock:
    """Turns absolute timestamps into seconds since the first one seen (Turn.time)."""

    def __init__(self) -> None:
        self.start: float | None = None

    def rel(self, value: Any) -> float | None:
        t = parse_time(value)
        if t is None:
            return None
        if self.start is None:
            self.start = t
        return round(t - self.start, 3)


# Paths worth remembering: something/with.ext or a bare name with a code-like extension.
_PATH_RE = re.compile(r"(?<![\w/.@-])((?:[\w.-]+/)*[\w-][\w.-]*\.(?:[A-Za-z][A-Za-z0-9]{0,7}))(?![\w/])")
_FILE_EXT = set("py pyi js mjs cjs ts tsx jsx go rs java kt kts rb php c h cc cpp hpp cs swift m mm scala "
                "clj ex exs erl hs ml lua pl r jl dart zig nim sh bash zsh fish ps1 md rst txt json jsonl "
                "yaml yml toml ini cfg conf lock sql html htm css scss sass less vue svelte xml csv tsv "
                "env gradle proto tf tfvars mk cmake dockerfile ipynb graphql gql patch diff log".split())


def files_in(text: str, limit: int = 20) -> list[str]:
    """File-like paths named in free text (order kept, deduplicated)."""
    out: list[str] = []
    for match in _PATH_RE.finditer(text):
        path = match.group(1).rstrip(".")
        ext = path.rsplit(".", 1)[-1].lower()
        if ext not in _FILE_EXT or path in out:
            continue
        out.append(path)
        if len(out) >= limit:
            break
    return out


def flatten_text(content: Any) -> str:
    """Message content (string, block list, nested tool_result content) -> plain text."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(p for p in (flatten_text(c) for c in content) if p)
    if isinstance(content, dict):
        kind = content.get("type")
        if kind == "image" or "inlineData" in content:
            return "[image]"
        for key in ("text", "content", "output"):
            if key in content:
                return flatten_text(content[key])
        return ""
    return str(content)


def render_tool_input(name: str, data: Any) -> tuple[str, list[str]]:
    """Tool input -> (one readable string, files it names). Commands and paths, not JSON noise."""
    if not isinstance(data, dict):
        return (flatten_text(data) if data is not None else ""), []
    files = [str(data[k]) for k in ("file_path", "path", "notebook_path", "filePath", "absolute_path")
             if isinstance(data.get(k), str)]
    for key in ("command", "cmd"):
        cmd = data.get(key)
        if isinstance(cmd, list):
            cmd = " ".join(str(c) for c in cmd)
        if isinstance(cmd, str) and cmd:
            return cmd, files
    if files and set(data) <= {"file_path", "path", "notebook_path", "filePath", "absolute_path",
                               "offset", "limit"}:
        return files[0], files
    shown = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return (shown if len(shown) <= 4000 else shown[:4000] + "…"), files


def newest_after(files: Iterator[Path] | list[Path], started_after: float | None) -> list[Path]:
    """Files modified at or after `started_after` (all when None), newest first; vanished ones skipped."""
    found = []
    for f in files:
        try:
            mtime = f.stat().st_mtime
        except OSError:
            continue
        if started_after is None or mtime >= started_after:
            found.append((mtime, str(f), f))
    return [f for _, _, f in sorted(found, reverse=True)]


def dedupe_keep_order(items: list[str]) -> list[str]:
    seen: set[str] = set()
    return [x for x in items if not (x in seen or seen.add(x))]

"""`memwrap sessions [--project DIR] [--json] [--retry ID]`: recorded sessions and where each
one stands: distilled (with its counts), queued, running, parked (failed 3 times), or not
distilled. Reads the recordings folder, the queue folder and the store; writes nothing,
except `--retry`, which puts a parked session back in the queue."""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

from memwrap.errors import NotFound, StoreError, UsageError


def _parser(name: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"memwrap {name}", description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", metavar="DIR", help="only this project's sessions")
    parser.add_argument("--json", action="store_true", help="one JSON array")
    parser.add_argument("--retry", metavar="ID", help="queue a parked session again")
    return parser


def collect(project_key: str | None = None) -> list[dict[str, Any]]:
    """One row per session known to the recordings, the store or the queue."""
    from memwrap import queue
    from memwrap.pipeline import recorded_sessions

    rows: dict[str, dict[str, Any]] = {}
    for meta in recorded_sessions():
        rows[meta["id"]] = {"id": meta["id"], "project": meta.get("project", ""),
                            "project_name": meta.get("project_name", ""), "cli": meta.get("cli", ""),
                            "start": meta.get("start", ""), "state": "not distilled"}
    try:
        from memwrap.store import Store

        with Store.open(readonly=True) as store:
            stored = store.sessions()
    except StoreError:
        stored = []  # a broken store must not hide the recordings; doctor reports the store
    for meta in stored:
        row = rows.setdefault(meta["id"], {"id": meta["id"], "project": meta.get("project", ""),
                                           "project_name": meta.get("project_name", ""),
                                           "cli": meta.get("cli", ""), "start": meta.get("start", "")})
        if meta.get("distilled_at"):
            row["state"] = "distilled"
            row["distilled_at"] = meta["distilled_at"]
            row["distilled"] = meta.get("distilled", {})
        else:
            row.setdefault("state", "not distilled")
    for entry in queue.entries():
        row = rows.setdefault(entry.id, {"id": entry.id, "project": "", "project_name": "", "cli": "",
                                         "start": ""})
        row["state"] = entry.state
        row["attempts"] = entry.attempts
        if entry.last_error:
            row["last_error"] = entry.last_error
    out = [r for r in rows.values() if project_key is None or r.get("project") == project_key]
    out.sort(key=lambda r: (str(r.get("start") or ""), r["id"]))
    return out


def _describe(row: dict[str, Any]) -> str:
    state = row["state"]
    if state == "distilled":
        d = row.get("distilled") or {}
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(float(row.get("distilled_at") or 0)))
        return f"distilled {when}: {d.get('facts', 0)} facts ({d.get('added', 0)} new), {d.get('turns', 0)} turns"
    if state in ("queued", "running", "parked") and row.get("attempts"):
        extra = f", last error: {row['last_error'][:60]}" if row.get("last_error") else ""
        return f"{state} ({row['attempts']} attempts{extra})"
    return state


def run(argv: list[str], name: str = "sessions") -> int:
    try:
        args = _parser(name).parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) and UsageError.exit_code
    if args.retry:
        from memwrap import queue

        if args.retry not in queue.parked():
            raise NotFound(f"no parked session {args.retry!r}; `memwrap sessions` lists them")
        queue.retry_parked(args.retry)
        queue.resume_pending()
        print(f"queued {args.retry} again")
        return 0
    key = None
    if args.project:
        from memwrap.project import find_project

        key = find_project(args.project).key
    rows = collect(key)
    if args.json:
        print(json.dumps(rows, indent=1))
        return 0
    if not rows:
        print("no recorded sessions")
        return 0
    for row in rows:
        print(f"{row['id']:<24} {str(row.get('project_name') or '-')[:18]:<18} {str(row.get('cli') or '-'):<7} "
              f"{_describe(row)}")
    return 0

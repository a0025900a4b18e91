"""`memwrap import FILE [--project DIR]`: read facts written by `memwrap export --format jsonl`
(or a `memwrap facts --json` array).

All or nothing: every line is checked first and the facts go in with one transaction, so a
bad line (its number is in the error) imports nothing. Idempotent: facts already present by
id, or already merged into another fact, are skipped. Text is redacted on the way in.
--project DIR files every project fact under the project containing DIR (for a repository
checked out at another path).
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

from memwrap.errors import InputError
from memwrap.facts import Fact
from memwrap.render import ArgParser

_TYPES: dict[str, tuple[type, ...]] = {
    "kind": (str,), "text": (str,), "scope": (str,), "project": (str,), "status": (str,), "id": (str,),
    "created_at": (int, float), "updated_at": (int, float), "source": (dict,), "evidence": (str,),
    "topic": (str,), "count": (int,), "injected_count": (int,), "last_injected": (int, float, type(None)),
    "superseded_by": (str, type(None)), "supersedes": (list,), "files": (list,), "origin": (str,),
}


def parse_fact(data: Any) -> Fact:
    """A Fact from one exported object, or ValueError saying what is wrong with it."""
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object")
    for key in ("kind", "text"):
        if key not in data:
            raise ValueError(f"missing field {key!r}")
    for key, types in _TYPES.items():
        if key in data and (not isinstance(data[key], types) or isinstance(data[key], bool)):
            raise ValueError(f"field {key!r} has the wrong type ({type(data[key]).__name__})")
    for key in ("created_at", "updated_at", "last_injected"):
        if isinstance(data.get(key), float) and not math.isfinite(data[key]):
            raise ValueError(f"field {key!r} is not a finite number")
    for key in ("files", "supersedes"):
        if not all(isinstance(v, str) for v in data.get(key, [])):
            raise ValueError(f"field {key!r} must be a list of strings")
    if not str(data["text"]).strip():
        raise ValueError("empty 'text'")
    if data.get("id") and not str(data["id"]).isalnum():
        raise ValueError(f"bad id {data['id']!r}")
    fact = Fact.from_json(data)  # checks kind, scope and status
    if fact.scope == "project" and not fact.project:
        raise ValueError("a project fact needs 'project' (or use --project DIR)")
    return fact


def read_facts(path: Path, project_key: str | None = None) -> list[Fact]:
    try:
        raw = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror}") from None
    stripped = raw.lstrip()
    if stripped.startswith("["):  # a `memwrap facts --json` array
        try:
            items = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from None
        except RecursionError:
            raise InputError(f"{path}: JSON nested too deeply; nothing was imported") from None
        if not isinstance(items, list):
            raise InputError(f"{path}: expected a JSON array of facts; nothing was imported")
        entries = [(f"item {i + 1}", item) for i, item in enumerate(items)]
    else:
        entries = []
        for number, line in enumerate(raw.splitlines(), 1):
            if not line.strip():
                continue
            try:
                entries.append((f"line {number}", json.loads(line)))
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{number}: not valid JSON ({exc.msg}); nothing was imported") from None
            except RecursionError:
                raise InputError(f"{path}:{number}: JSON nested too deeply; nothing was imported") from None
    facts = []
    for where, item in entries:
        if project_key is not None and isinstance(item, dict) and item.get("scope", "project") == "project":
            item = {**item, "project": project_key}
        try:
            facts.append(parse_fact(item))
        except (ValueError, TypeError) as exc:
            raise InputError(f"{path}: {where}: {exc}; nothing was imported") from None
    return facts


def run(argv: list[str], name: str) -> int:
    p = ArgParser(prog=f"memwrap {name}", description="Import facts from a jsonl export (all or nothing).")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--project", metavar="DIR", help="file project facts under the project containing DIR")
    args = p.parse_args(argv)
    from memwrap.project import find_project
    from memwrap.render import redact_fact, redactor
    from memwrap.store import Store

    project_key = find_project(args.project).key if args.project else None
    redact = redactor()
    facts = [redact_fact(f, redact) for f in read_facts(Path(args.file), project_key)]
    with Store.open() as store:
        results = store.import_facts(facts)
    counts = {a: sum(1 for r in results if r.action == a) for a in ("new", "merged", "superseded", "skipped")}
    print(f"imported {counts['new'] + counts['superseded']} new fact(s) ({counts['superseded']} replacing older ones), "
          f"merged {counts['merged']} into existing facts, skipped {counts['skipped']} already present",
          file=sys.stderr)
    return 0

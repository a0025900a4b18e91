"""`memwrap export [--format jsonl|md] [--output FILE] [--project DIR | --all]`.

jsonl: one fact per line with every field, the format `memwrap import` reads (active, pinned
and superseded facts, so replacement history travels; pruned facts stay behind).
md: live facts for people, grouped by project and kind. Everything is redacted again on the
way out. --output writes the file atomically, readable by its owner only.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from memwrap.errors import MemwrapError
from memwrap.facts import KINDS, Fact
from memwrap.render import ArgParser


def to_jsonl(facts: list[Fact]) -> str:
    return "".join(json.dumps(f.to_json(), ensure_ascii=False) + "\n" for f in facts)


def to_markdown(facts: list[Fact], names: dict[str, str]) -> str:
    groups: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        if f.live:
            groups["" if f.scope == "global" else f.project].append(f)
    out = ["# memwrap memory", ""]
    for key in sorted(groups, key=lambda k: (k != "", names.get(k, k).lower())):
        title = "Global (every project)" if key == "" else f"{names.get(key) or os.path.basename(key) or key}"
        out.append(f"## {title}")
        if key:
            out.append(f"`{key}`")
        out.append("")
        for kind in KINDS:
            members = [f for f in groups[key] if f.kind == kind]
            if not members:
                continue
            out.append(f"### {kind}")
            for f in sorted(members, key=lambda f: (f.status != "pinned", f.created_at)):
                pin = " (pinned)" if f.status == "pinned" else ""
                files = f" — {', '.join(f.files)}" if f.files else ""
                out.append(f"- {f.text}{files}{pin} `{f.id}`")
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def write_private(path: Path, text: str) -> None:
    """Atomic write (temp file + rename) with mode 0600: a half-written export never exists."""
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def run(argv: list[str], name: str) -> int:
    p = ArgParser(prog=f"memwrap {name}", description="Write memory as jsonl (for import) or markdown.")
    p.add_argument("--format", choices=("jsonl", "md"), default="jsonl")
    p.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")
    p.add_argument("--project", metavar="DIR", help="only the project containing DIR (and global facts)")
    p.add_argument("--all", action="store_true", help="every project (the default)")
    args = p.parse_args(argv)
    from memwrap.project import find_project
    from memwrap.render import redact_fact, redactor
    from memwrap.store import Store

    statuses = ("active", "pinned", "superseded")
    with Store.open(readonly=True) as store:
        if args.project:
            facts = store.facts(project=find_project(args.project).key, status=statuses, include_global=True)
        else:
            facts = store.facts(status=statuses)
        names = {p["key"]: p["name"] for p in store.projects()}
    redact = redactor()
    facts = [redact_fact(f, redact) for f in facts]
    text = to_markdown(facts, names) if args.format == "md" else to_jsonl(facts)
    if args.output:
        try:
            write_private(Path(args.output), text)
        except OSError as exc:
            raise MemwrapError(f"cannot write {args.output}: {exc.strerror}") from None
        print(f"exported {len(facts)} fact(s) to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0

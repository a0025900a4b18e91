"""`memwrap show [--project DIR] [--budget N] [--json]`: the memory block the next launch
in DIR would get, exactly as it would be injected (stdout), and why each fact is in it
(stderr, so `memwrap show > notes.md` keeps only the block)."""

from __future__ import annotations

import json
import sys
from typing import Any

from memwrap.render import ArgParser


def parser(name: str) -> ArgParser:
    p = ArgParser(prog=f"memwrap {name}", description="Print the memory block the next launch here would get.")
    p.add_argument("--project", metavar="DIR", help="the project containing DIR (default: here)")
    p.add_argument("--budget", type=int, metavar="N", help="token budget (default: config, 800)")
    p.add_argument("--json", action="store_true", help="the block, its facts and the reasons as JSON")
    return p


def _explain(block: Any, project: Any, disabled: str) -> str:
    lines = [f"memwrap: project {project.name} ({project.key})"]
    if disabled:
        lines.append(f"memwrap: {disabled}: the next launch gets no memory")
    if not block.text:
        if block.candidates:
            lines.append(f"memwrap: {block.candidates} facts, none fits a budget of {block.budget} tokens")
        else:
            lines.append("memwrap: no facts for this project yet")
        return "\n".join(lines)
    lines.append(f"memwrap: {len(block.facts)} facts, {block.tokens} of {block.budget} tokens; "
                 f"{block.left_out} left out for the budget")
    for c in block.chosen:
        lines.append(f"  {c.fact.id[:8]} {c.fact.kind:<10} {c.tokens:>3} tok  {c.reason}")
    return "\n".join(lines)


def run(argv: list[str], name: str) -> int:
    args = parser(name).parse_args(argv)
    from memwrap.config import load_config
    from memwrap.errors import UsageError
    from memwrap.project import find_project
    from memwrap.select import build_block
    from memwrap.store import Store

    if args.budget is not None and args.budget < 1:
        raise UsageError(f"memwrap {name}: --budget must be a positive number of tokens")
    if args.project is not None:
        from pathlib import Path

        if not Path(args.project).is_dir():
            raise UsageError(f"memwrap {name}: {args.project} is not a directory")
    cfg = load_config()
    project = find_project(args.project)
    budget = args.budget or cfg.budget
    disabled = ""
    if cfg.project_disabled(project.key):
        disabled = "memory is disabled for this project in the config"
    elif not cfg.inject:
        disabled = "injection is turned off in the config ([memory] inject = false)"
    with Store.open(readonly=True) as store:
        block = build_block(store, project, budget=budget)
    if args.json:
        print(json.dumps({
            "project": project.name, "project_key": project.key, "text": block.text, "tokens": block.tokens,
            "budget": budget, "candidates": block.candidates, "left_out": block.left_out,
            "injected": not disabled and bool(block.text), "disabled_reason": disabled or None,
            "facts": [{"id": c.fact.id, "kind": c.fact.kind, "line": c.line, "tokens": c.tokens,
                       "reason": c.reason, "score": round(c.score, 2)} for c in block.chosen],
        }, indent=2, ensure_ascii=False))
        return 0
    if block.text:
        print(block.text)
    print(_explain(block, project, disabled), file=sys.stderr)
    return 0

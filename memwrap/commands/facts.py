"""`memwrap facts [--project DIR | --global | --all] [--kind K] [--status S] [--json]`.

Default: the facts of the project here plus global ones, active and pinned only.
`--status all` (or any status) shows pruned and superseded facts too.
"""

from __future__ import annotations

import sys

from memwrap.facts import KINDS, STATUSES
from memwrap import render
from memwrap.render import ArgParser


def parser(name: str) -> ArgParser:
    p = ArgParser(prog=f"memwrap {name}", description="List stored facts.")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--project", metavar="DIR", help="the project containing DIR (default: here)")
    where.add_argument("--global", dest="global_", action="store_true", help="only global facts")
    where.add_argument("--all", action="store_true", help="every project and global")
    p.add_argument("--kind", type=str.upper, choices=KINDS, metavar="K", help=f"one of {', '.join(KINDS)}")
    p.add_argument("--status", choices=(*STATUSES, "all"), metavar="S",
                   help=f"one of {', '.join(STATUSES)}, or all (default: active and pinned)")
    p.add_argument("--json", action="store_true", help="print one JSON array")
    return p


def run(argv: list[str], name: str) -> int:
    args = parser(name).parse_args(argv)
    from memwrap.project import find_project
    from memwrap.store import Store

    status = None if args.status == "all" else (args.status or ("active", "pinned"))
    with Store.open(readonly=True) as store:
        if args.all:
            facts = store.facts(kind=args.kind, status=status)
        elif args.global_:
            facts = store.facts(scope="global", kind=args.kind, status=status)
        else:
            project = find_project(args.project)
            facts = store.facts(project=project.key, kind=args.kind, status=status, include_global=True)
    if args.json:
        print(render.dump_json(facts))
    elif not facts:
        print("no facts" + ("" if args.status == "all" else " (try --status all or --all)"), file=sys.stderr)
    else:
        print(render.table(facts))
    return 0

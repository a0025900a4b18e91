"""`memwrap tui [--project DIR | --global] [--budget N]`: the memory browser.

Textual is imported here, inside run(), and nowhere on the path of other commands, so the
wrapper's start-up never pays for it.
"""

from __future__ import annotations

import argparse
import sys

from memwrap.errors import MemwrapError, UsageError


def _parse(argv: list[str], name: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog=f"memwrap {name}", description="browse, edit and prune memory")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--project", metavar="DIR", help="start in the project DIR belongs to")
    where.add_argument("--global", dest="global_", action="store_true", help="start in the global scope")
    parser.add_argument("--budget", type=int, help="token budget for the next-session preview")
    try:
        return parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed why
        if exc.code == 0:
            raise
        raise UsageError(f"bad arguments for memwrap {name}; see memwrap {name} --help") from None


def run(argv: list[str], name: str = "tui") -> int:
    args = _parse(argv, name)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError("memwrap tui needs a terminal; use `memwrap facts` in scripts")
    from memwrap.config import load_config
    from memwrap.project import find_project
    from memwrap.store import Store

    try:
        from memwrap.tui.app import MemwrapApp
    except ImportError as exc:
        raise MemwrapError(f"the TUI needs textual ({exc}); install it with: pip install 'textual>=0.80'") from exc
    from memwrap.tui.model import GLOBAL

    budget = args.budget or load_config().budget
    if budget <= 0:
        raise UsageError("--budget must be a positive number of tokens")
    start = GLOBAL if args.global_ else find_project(args.project).key if args.project else None
    with Store.open() as store:
        if start is None:  # start in the project we are standing in, when it has memory
            here = find_project().key
            start = here if any(p.get("key") == here for p in store.projects()) else None
        MemwrapApp(store, project=start, budget=budget).run()
    return 0

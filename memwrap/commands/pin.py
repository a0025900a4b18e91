"""`memwrap pin ID` (always offered first, never pruned or superseded automatically) and
`memwrap unpin ID` (back to active). IDs may be unique prefixes."""

from __future__ import annotations

from memwrap.errors import UsageError
from memwrap.render import ArgParser


def run(argv: list[str], name: str) -> int:
    pinning = name != "unpin"
    p = ArgParser(prog=f"memwrap {name}", description="Pin a fact." if pinning else "Remove a pin.")
    p.add_argument("ids", nargs="+", metavar="ID", help="fact id or unique prefix (see `memwrap facts`)")
    args = p.parse_args(argv)
    from memwrap.store import Store

    with Store.open() as store:
        for ref in args.ids:
            before = store.get(ref)
            if pinning:
                if before.status == "pinned":
                    print(f"{before.id} is already pinned")
                    continue
                if before.status in ("pruned", "superseded"):
                    raise UsageError(f"{before.id} is {before.status}; `memwrap restore {before.id}` first")
                fact = store.set_status(before.id, "pinned")
                print(f"pinned {fact.id}  {fact.line()}")
            else:
                if before.status != "pinned":
                    print(f"{before.id} is not pinned ({before.status})")
                    continue
                fact = store.set_status(before.id, "active")
                print(f"unpinned {fact.id}  {fact.line()}")
    return 0

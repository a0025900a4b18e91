"""`memwrap forget ID` (prune: hidden from memory blocks, restorable until `memwrap gc`) and
`memwrap restore ID` (back to active; a superseded fact is unlinked from its replacement).
IDs may be unique prefixes."""

from __future__ import annotations

from memwrap.render import ArgParser


def run(argv: list[str], name: str) -> int:
    restoring = name == "restore"
    p = ArgParser(prog=f"memwrap {name}",
                  description="Restore a pruned or superseded fact." if restoring
                  else "Prune a fact (restorable with `memwrap restore` until `memwrap gc`).")
    p.add_argument("ids", nargs="+", metavar="ID", help="fact id or unique prefix (see `memwrap facts`)")
    args = p.parse_args(argv)
    from memwrap.store import Store

    with Store.open() as store:
        for ref in args.ids:
            before = store.get(ref)
            if restoring:
                if before.status in ("active", "pinned"):
                    print(f"{before.id} is already {before.status}")
                    continue
                fact = store.set_status(before.id, "active")
                print(f"restored {fact.id}  {fact.line()}")
            else:
                if before.status == "pruned":
                    print(f"{before.id} is already pruned")
                    continue
                fact = store.set_status(before.id, "pruned")
                print(f"forgot {fact.id}  {fact.line()}  (undo: memwrap restore {fact.id})")
    return 0

"""`memwrap gc`: delete pruned facts for good, then prune facts unused for a long time
(never pinned ones; those become restorable until the next gc)."""

from __future__ import annotations

from memwrap.lifecycle import GC_UNUSED_DAYS
from memwrap.render import ArgParser


def run(argv: list[str], name: str) -> int:
    p = ArgParser(prog=f"memwrap {name}", description=__doc__.split(":", 1)[1].strip())
    p.parse_args(argv)
    from memwrap.store import Store

    with Store.open() as store:
        result = store.gc()
    print(f"deleted {result.deleted} pruned fact(s); pruned {result.pruned_stale} fact(s) unused for "
          f"{GC_UNUSED_DAYS:.0f}+ days (restorable until the next gc)")
    return 0

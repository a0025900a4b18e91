"""The rank index (memwrap.rankindex): the block a launch builds from it must be the block
the full scan builds, on randomized stores after every kind of write, and a missing, stale
or damaged index must never change what a launch gets."""

from __future__ import annotations

import random
from pathlib import Path

import lmdb
import pytest

from memwrap import rankindex
from memwrap.facts import KINDS, Fact
from memwrap.project import Project
from memwrap.select import build_block
from memwrap.store import Store
from memwrap.workctx import WorkContext

NOW = 1_800_000_000.0
DAY = 86400.0
WORDS = ("auth token refresh cache redis postgres index migration router handler queue worker retry backoff "
         "invoice ledger export parser schema deploy bucket metrics session cookie upload webhook").split()
FILES = ["src/auth/refresh.go", "src/auth/token.go", "lib/util.py", "src/util.py", "tests/test_util.py",
         "README.md", "docs/Setup.MD", "cmd/server/main.go", "web/app.ts", "migrations/0001_init.sql",
         "./lib/util.py", "src\\auth\\token.go", "/home/dev/shop/src/auth/refresh.go"]
PROJECTS = ["/p/shop", "/p/blog"]


def project(key: str) -> Project:
    return Project(key=key, name=Path(key).name, root=Path("/nonexistent/memwrap-test"))


def random_fact(rng: random.Random, n: int) -> Fact:
    kind = rng.choice(KINDS)
    words = rng.sample(WORDS, rng.randint(2, 7))
    if rng.random() < 0.2:  # a path in the text rather than in files
        words.insert(rng.randint(0, len(words)), rng.choice(FILES))
    when = NOW - rng.uniform(-2, 400) * DAY
    return Fact(kind, f"{' '.join(words)} n{n}",
                scope="global" if kind == "PREFERENCE" and rng.random() < 0.3 else "project",
                project=rng.choice(PROJECTS), files=rng.sample(FILES, rng.choice((0, 0, 1, 2))),
                status="pinned" if rng.random() < 0.05 else "active", count=rng.choice((1, 1, 1, 2, 4, 9)),
                created_at=when, updated_at=when, topic=words[0] if kind == "FAILED" else "")


def random_work(rng: random.Random) -> WorkContext | None:
    if rng.random() < 0.2:
        return None
    pick = lambda k: rng.sample(FILES[:10] + ["other/util.py", "x/y/token.go", "docs/setup.md"], k)  # noqa: E731
    names = set(rng.sample(WORDS, rng.randint(0, 5))) | ({"Refresh", "db"} if rng.random() < 0.3 else set())
    return WorkContext(changed=pick(rng.randint(0, 2)), committed=pick(rng.randint(0, 2)),
                       recent=pick(rng.randint(0, 3)), mentioned=pick(rng.randint(0, 1)), names=names)


def random_write(rng: random.Random, store: Store, n: int) -> None:
    live = [f for f in store.facts() if f.live]
    op = rng.random()
    if op < 0.35 or len(live) < 4:
        store.add_facts([random_fact(rng, n * 100 + i) for i in range(rng.randint(1, 12))], session_id=f"s{n}")
    elif op < 0.5:
        store.set_status(rng.choice(live).id, rng.choice(("pruned", "pinned", "active", "superseded")))
    elif op < 0.6:
        old, new = rng.sample(live, 2)
        store.supersede(old.id, new.id)
    elif op < 0.7:
        keep, drop = rng.sample(live, 2)
        store.merge(keep.id, drop.id)
    elif op < 0.8:
        fact = rng.choice(live)
        fact.text = f"{fact.text} {rng.choice(WORDS)} {rng.choice(FILES)}"
        fact.files = rng.sample(FILES, rng.randint(0, 2))
        fact.project = rng.choice(PROJECTS) if fact.scope == "project" else fact.project
        store.update(fact)
    elif op < 0.88:
        store.mark_injected([f.id for f in rng.sample(live, 3)], NOW - rng.uniform(0, 200) * DAY)
    elif op < 0.94:
        pruned = [f for f in store.facts() if f.status == "pruned"]
        if pruned:
            store.restore([Fact.from_json({**rng.choice(pruned).to_json(), "status": "active"})])
    else:
        store.gc(now=NOW + rng.uniform(0, 300) * DAY)


def assert_same_blocks(rng: random.Random, store: Store, tries: int) -> int:
    """Compare index and scan blocks for random launches; how many the index answered."""
    answered = 0
    for _ in range(tries):
        key = rng.choice(PROJECTS)
        work = random_work(rng) or WorkContext()
        budget = rng.choice((60, 150, 400, 800, 3000))
        now = NOW + rng.choice((0, 0, -40, 90, 500)) * DAY
        fast = build_block(store, project(key), budget=budget, work=work, now=now)
        full = build_block(store, project(key), budget=budget, work=work, now=now, use_index=False)
        assert not full.via_index
        assert fast.text == full.text, (key, budget, now, work)
        assert (fast.ids, fast.candidates, fast.left_out, fast.tokens) == (
            full.ids, full.candidates, full.left_out, full.tokens)
        assert [c.reason for c in fast.chosen] == [c.reason for c in full.chosen]
        answered += fast.via_index
    return answered


@pytest.mark.parametrize("seed", range(4))
def test_index_block_equals_full_scan_on_random_stores(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # A short top list so a store of a few hundred facts has many outsiders: evictions,
    # bounds, refills and the fallback all get exercised.
    monkeypatch.setattr(rankindex, "TOP_N", 12)
    monkeypatch.setattr(rankindex, "REFILL_BELOW", 6)
    rng = random.Random(seed)
    answered = total = 0
    with Store.open() as store:
        for n in range(30):
            random_write(rng, store, n)
            with Store.open(readonly=True) as reader:
                answered += assert_same_blocks(rng, reader, 4)
                total += 4
    assert answered > total // 3  # the index really answers most launches, not the fallback


def test_default_budget_is_answered_by_the_index_with_thousands_of_facts() -> None:
    rng = random.Random(9)
    with Store.open() as store:
        for b in range(3):
            store.add_facts([random_fact(rng, b * 1000 + i) for i in range(700)])
        answered = assert_same_blocks(rng, store, 12)
    assert answered == 12


def _raw_env(home: Path) -> lmdb.Environment:
    return lmdb.open(str(home / "store"), subdir=True, max_dbs=0, map_size=1 << 30)


def test_a_write_that_skipped_the_index_is_detected_and_repaired(memwrap_home: Path) -> None:
    """An older memwrap writes without maintaining the index: launches must notice (the
    generation moved) and scan, and the next write must rebuild the index."""
    rng = random.Random(3)
    with Store.open() as store:
        store.add_facts([random_fact(rng, i) for i in range(40)])
    sneaky = Fact("DECISION", "use chi router for the shop api", project="/p/shop", status="pinned",
                  created_at=NOW, updated_at=NOW)
    env = _raw_env(memwrap_home)
    from memwrap.migrations import index_value
    from memwrap.store import _encode, home_key

    with env.begin(write=True) as txn:  # what a memwrap without the rank index does
        txn.put(b"f/" + sneaky.id.encode(), _encode(sneaky))
        txn.put(b"i/" + home_key("project", "/p/shop") + b"\x00" + sneaky.id.encode(), index_value(sneaky))
        txn.put(b"m/generation", str(int(txn.get(b"m/generation")) + 1).encode())
    env.close()
    with Store.open(readonly=True) as store:
        block = build_block(store, project("/p/shop"), work=WorkContext(), now=NOW)
        assert not block.via_index and sneaky.id in block.ids
    with Store.open() as store:
        store.mark_injected([sneaky.id], NOW)  # on the user's way to their prompt: no rebuild
        block = build_block(store, project("/p/shop"), work=WorkContext(), now=NOW)
        assert not block.via_index and sneaky.id in block.ids
        store.set_status(sneaky.id, "active")  # any other write rebuilds
        block = build_block(store, project("/p/shop"), work=WorkContext(), now=NOW)
        assert block.via_index and sneaky.id in block.ids
        assert_same_blocks(rng, store, 6)


def test_a_damaged_index_record_falls_back_to_the_scan_and_is_rebuilt(memwrap_home: Path) -> None:
    rng = random.Random(4)
    with Store.open() as store:
        store.add_facts([random_fact(rng, i) for i in range(60)])
        before = build_block(store, project("/p/shop"), work=WorkContext(), now=NOW)
    env = _raw_env(memwrap_home)
    from memwrap.store import home_key

    with env.begin(write=True) as txn:
        txn.put(b"r/" + home_key("project", "/p/shop"), b"{not json")
    env.close()
    with Store.open(readonly=True) as store:
        after = build_block(store, project("/p/shop"), work=WorkContext(), now=NOW)
        assert after.text == before.text and not after.via_index
    with Store.open() as store:
        fresh = random_fact(rng, 1000)
        fresh.project, fresh.scope = "/p/shop", "project"
        store.add_facts([fresh])  # the next write to that project meets the damage and rebuilds
        assert build_block(store, project("/p/shop"), work=WorkContext(), now=NOW).via_index
        assert_same_blocks(rng, store, 6)


def test_a_store_without_an_index_reads_the_same(memwrap_home: Path) -> None:
    """A store last written before the index existed: launches scan, the block is complete."""
    rng = random.Random(5)
    with Store.open() as store:
        store.add_facts([random_fact(rng, i) for i in range(50)])
        expected = build_block(store, project("/p/blog"), work=WorkContext(), now=NOW, use_index=False)
    env = _raw_env(memwrap_home)
    with env.begin(write=True) as txn:
        for key in [k for k, _ in txn.cursor() if k.startswith((b"r/", b"w/", b"m/rank"))]:
            txn.delete(key)
    env.close()
    with Store.open(readonly=True) as store:
        block = build_block(store, project("/p/blog"), work=WorkContext(), now=NOW)
    assert block.text == expected.text and not block.via_index


def test_changed_scoring_weights_invalidate_the_stored_index(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stored bases were computed with the weights of the memwrap that wrote them."""
    rng = random.Random(6)
    with Store.open() as store:
        store.add_facts([random_fact(rng, i) for i in range(30)])
        assert build_block(store, project("/p/shop"), work=WorkContext(), now=NOW).via_index
        monkeypatch.setattr(rankindex, "_version", b"1:weights-of-another-release")
        assert not build_block(store, project("/p/shop"), work=WorkContext(), now=NOW).via_index
        store.add_facts([random_fact(rng, 100)])
        assert build_block(store, project("/p/shop"), work=WorkContext(), now=NOW).via_index
        assert_same_blocks(rng, store, 4)

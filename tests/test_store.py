"""The LMDB store with real processes: concurrency, kill -9, growth, and faults that must give
one clear error and leave the user's data untouched."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import lmdb
import pytest

from memwrap.errors import StoreCorrupt, StoreError, StoreTooNew
from memwrap.facts import Fact
from memwrap.store import Store

REPO = Path(__file__).resolve().parent.parent


def _py(code: str, env: dict[str, str], **kw: object) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], env=env, cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)  # type: ignore[call-overload]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _writer(args: tuple[str, int, int]) -> list[str]:
    home, worker, batches = args
    os.environ["MEMWRAP_HOME"] = home
    ids = []
    with Store.open() as store:
        for b in range(batches):
            facts = [Fact("TODO", f"note {os.urandom(6).hex()} from worker", project=f"/p/{worker % 3}")
                     for i in range(3)]
            ids += [r.id for r in store.add_facts(facts, session_id=f"w{worker}")]
    return ids


def test_concurrent_writer_processes_lose_nothing(memwrap_home: Path) -> None:
    with multiprocessing.get_context("spawn").Pool(6) as pool:
        results = pool.map(_writer, [(str(memwrap_home), w, 15) for w in range(6)])
    expected = {i for ids in results for i in ids}
    assert len(expected) == 6 * 15 * 3
    with Store.open(readonly=True) as store:
        stored = store.facts()
        assert {f.id for f in stored} == expected
        assert sum(len(store.facts(project=f"/p/{k}")) for k in range(3)) == len(expected)
        assert store.generation() >= 6 * 15


def test_kill_9_during_writes_keeps_every_committed_fact(clean_env: dict[str, str], memwrap_home: Path) -> None:
    loop = """
        import os
        from memwrap.facts import Fact
        from memwrap.store import Store
        with Store.open() as store:
            for n in range(100000):
                facts = [Fact("TODO", f"note {os.urandom(6).hex()} " + "x" * (n % 50), project="/p") for i in range(5)]
                ids = [r.id for r in store.add_facts(facts)]
                print(" ".join(ids), flush=True)
    """
    committed: set[str] = set()
    for delay in (0.3, 0.55, 0.8):
        proc = _py(loop, clean_env)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        lines = out.splitlines()
        for line in lines[:-1]:  # the last line may be cut mid-print; its commit happened anyway
            committed.update(line.split())
        assert len(lines) > 2, "the writer never got going"
    with Store.open() as store:
        stored = {f.id: f for f in store.facts()}
        assert committed <= set(stored)
        assert len(store.facts(project="/p")) == len(stored)  # index and facts agree
        store.add_facts([Fact("TODO", "still writable after the crashes", project="/p")])


def test_map_grows_instead_of_failing_and_other_processes_adopt_it(clean_env: dict[str, str]) -> None:
    with Store.open(map_size=256 * 1024) as store:
        store.add_facts([Fact("TODO", "before growth", project="/p")])
        size_before = store.env.info()["map_size"]  # type: ignore[union-attr]
        store.add_facts([Fact("TODO", f"bulk {os.urandom(6).hex()}", project="/p", evidence="e" * 290) for i in range(600)])
        assert store.env.info()["map_size"] > size_before  # type: ignore[union-attr]
        # Another process grows the file further while this one keeps its (smaller) map open.
        other = _py("""
            import os
            from memwrap.facts import Fact
            from memwrap.store import Store
            with Store.open(map_size=256 * 1024) as s:
                s.add_facts([Fact("TODO", f"other {os.urandom(6).hex()}", project="/q", evidence="e" * 290) for i in range(2500)])
        """, clean_env)
        _, err = other.communicate(timeout=120)
        assert other.returncode == 0, err
        assert len(store.facts(project="/q")) == 2500
        assert len(store.facts()) == 3101


def test_readonly_open_creates_nothing(memwrap_home: Path) -> None:
    with Store.open(readonly=True) as store:
        assert store.facts() == [] and store.projects() == [] and store.generation() == 0
        with pytest.raises(StoreError, match="read-only"):
            store.add_facts([Fact("TODO", "x", project="/p")])
    assert not (memwrap_home / "store").exists()


def test_files_are_private(memwrap_home: Path) -> None:
    with Store.open() as store:
        store.add_facts([Fact("TODO", "x", project="/p")])
    store_dir = memwrap_home / "store"
    assert store_dir.stat().st_mode & 0o777 == 0o700
    for name in ("data.mdb", "lock.mdb"):
        assert (store_dir / name).stat().st_mode & 0o077 == 0


def test_garbage_store_is_refused_and_left_untouched(memwrap_home: Path) -> None:
    store_dir = memwrap_home / "store"
    store_dir.mkdir(mode=0o700)
    (store_dir / "data.mdb").write_bytes(os.urandom(64 * 1024))
    before = _digest(store_dir / "data.mdb")
    for readonly in (True, False):
        with pytest.raises(StoreCorrupt) as info:
            Store.open(readonly=readonly)
        assert "\n" not in str(info.value) and "mv " in str(info.value)
    assert _digest(store_dir / "data.mdb") == before


def test_foreign_lmdb_file_is_not_adopted(memwrap_home: Path) -> None:
    store_dir = memwrap_home / "store"
    env = lmdb.open(str(store_dir))
    with env.begin(write=True) as txn:
        txn.put(b"someone-else", b"data")
    env.close()
    with pytest.raises(StoreCorrupt, match="not a memwrap store"):
        Store.open()


def test_newer_schema_is_refused_without_changes(memwrap_home: Path) -> None:
    with Store.open() as store:
        store.add_facts([Fact("TODO", "x", project="/p")])
    env = lmdb.open(str(memwrap_home / "store"))
    with env.begin(write=True) as txn:
        txn.put(b"m/schema", b"99")
    env.close()
    before = _digest(memwrap_home / "store" / "data.mdb")
    with pytest.raises(StoreTooNew, match="upgrade memwrap"):
        Store.open(readonly=True)
    with pytest.raises(StoreTooNew):
        Store.open()
    assert _digest(memwrap_home / "store" / "data.mdb") == before


def test_damaged_fact_value_is_skipped_not_fatal(memwrap_home: Path) -> None:
    with Store.open() as store:
        ids = [r.id for r in store.add_facts([Fact("TODO", "good one", project="/p"), Fact("TODO", "bad one", project="/p")])]
    env = lmdb.open(str(memwrap_home / "store"))
    with env.begin(write=True) as txn:
        txn.put(b"f/" + ids[1].encode(), b"{not json")
    env.close()
    with Store.open(readonly=True) as store:
        assert [f.id for f in store.facts(project="/p")] == [ids[0]]
        assert store.skipped == 1


def test_busy_writer_gives_store_locked_and_readers_are_not_blocked(clean_env: dict[str, str], memwrap_cmd: list[str]) -> None:
    with Store.open() as store:
        store.add_facts([Fact("DECISION", "readable while locked", project="/p")])
    holder = _py("""
        import time
        from memwrap.store import Store
        with Store.open() as s:
            s._write(lambda txn: (print("holding", flush=True), time.sleep(60)))
    """, clean_env)
    assert holder.stdout.readline().strip() == "holding"  # type: ignore[union-attr]
    try:
        env = {**clean_env, "MEMWRAP_STORE_TIMEOUT": "0.5"}
        started = time.monotonic()
        reader = subprocess.run([*memwrap_cmd, "facts", "--all", "--json"], env=env, capture_output=True, text=True, timeout=30)
        assert reader.returncode == 0 and "readable while locked" in reader.stdout
        writer = subprocess.run([*memwrap_cmd, "remember", "a new fact"], env=env, capture_output=True, text=True, timeout=30)
        assert writer.returncode == 3
        assert "busy" in writer.stderr and f"pid {holder.pid}" in writer.stderr
        assert len(writer.stderr.strip().splitlines()) == 1
        assert time.monotonic() - started < 20
    finally:
        holder.send_signal(signal.SIGKILL)  # a writer dying mid-transaction: its locks go with it
        holder.communicate()
    after = subprocess.run([*memwrap_cmd, "remember", "a new fact"], env=clean_env, capture_output=True, text=True, timeout=30)
    assert after.returncode == 0, after.stderr


def test_full_disk_gives_one_line_and_keeps_data(clean_env: dict[str, str], memwrap_home: Path) -> None:
    with Store.open() as store:
        store.add_facts([Fact("DECISION", "committed before the disk filled", project="/p")])
    size = (memwrap_home / "store" / "data.mdb").stat().st_size
    # A file-size limit makes the kernel refuse to grow data.mdb, exactly like a full disk does.
    proc = _py(f"""
        import resource, signal
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, ({size} + 8192, {size} + 8192))
        from memwrap.errors import StoreError
        from memwrap.facts import Fact
        from memwrap.store import Store
        try:
            with Store.open() as s:
                s.add_facts([Fact("TODO", f"bulk {{i}}", project="/p", evidence="e" * 290) for i in range(3000)])
        except StoreError as exc:
            print(exc)
    """, clean_env)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert ("full" in out or "I/O error" in out) and len(out.strip().splitlines()) == 1
    with Store.open() as store:
        assert [f.text for f in store.facts()] == ["committed before the disk filled"]


def test_sessions_and_projects(memwrap_home: Path) -> None:
    with Store.open() as store:
        store.add_session({"id": "s1", "project": "/src/app", "project_name": "app", "start": 100.0})
        store.add_session({"id": "s1", "end": 200.0, "exit_status": 0})
        store.add_session({"id": "s2", "project": "/src/other", "start": 50.0})
        store.add_facts([Fact("DECISION", "chi", project="/src/app"), Fact("TODO", "t", project="/src/app")])
        store.set_status(store.facts(project="/src/app", kind="TODO")[0].id, "pruned")
        assert store.get_session("s1") == {"id": "s1", "project": "/src/app", "project_name": "app",
                                           "start": 100.0, "end": 200.0, "exit_status": 0}
        assert [s["id"] for s in store.sessions()] == ["s2", "s1"]
        assert [s["id"] for s in store.sessions(project="/src/app")] == ["s1"]
        projects = {p["key"]: p for p in store.projects()}
        assert projects["/src/app"]["name"] == "app" and projects["/src/app"]["last_session"] == 200.0
        assert projects["/src/app"]["facts"] == {"active": 1, "pinned": 0, "pruned": 1, "superseded": 0}
        assert store.projects()[0]["key"] == "/src/app"  # most recent first


def test_nested_opens_share_one_environment(memwrap_home: Path) -> None:
    with Store.open() as outer:
        outer.add_facts([Fact("TODO", "outer", project="/p")])
        with Store.open(readonly=True) as inner:
            assert [f.text for f in inner.facts()] == ["outer"]
        outer.add_facts([Fact("TODO", "after inner closed", project="/p")])
        assert len(outer.facts()) == 2


def test_long_project_keys_are_indexed(memwrap_home: Path) -> None:
    deep = "/" + "/".join(["d" * 60] * 10)
    with Store.open() as store:
        store.add_facts([Fact("DECISION", "deep project", project=deep), Fact("DECISION", "short", project="/p")])
        assert [f.text for f in store.facts(project=deep)] == ["deep project"]
        assert any(p["key"] == deep for p in store.projects())


def test_schema_1_store_is_migrated_in_place(memwrap_home: Path) -> None:
    with Store.open() as store:
        fid = store.add_facts([Fact("DECISION", "chi router for HTTP handlers", project="/p")])[0].id
    env = lmdb.open(str(memwrap_home / "store"))  # rewrite it the way schema 1 stored it
    with env.begin(write=True) as txn:
        txn.put(b"m/schema", b"1")
        txn.put(b"i/p/p\x00" + fid.encode(), b"active,DECISION")
    env.close()
    with Store.open(readonly=True) as store:  # readonly reads the old layout as it is
        assert [f.id for f in store.facts(project="/p")] == [fid]
    with Store.open() as store:
        assert store.add_facts([Fact("DECISION", "chi router for the HTTP handlers", project="/p")])[0].action == "merged"
    env = lmdb.open(str(memwrap_home / "store"), readonly=True)
    with env.begin() as txn:
        assert txn.get(b"m/schema") == b"2"
        assert b"\x1f" in txn.get(b"i/p/p\x00" + fid.encode())
    env.close()

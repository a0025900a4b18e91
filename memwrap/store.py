"""The fact store: one LMDB environment under paths().store_dir.

Several processes use it at once (wrapped sessions, background distillation, the TUI), so:
* readers never block (LMDB MVCC); write transactions are short and serialised by LMDB's
  own lock plus a flock'd `writer.lock` that lets a writer give up with StoreLocked instead
  of waiting forever behind a hung process (the kernel drops the flock when a holder dies);
* every write commits with fsync and without writemap, so kill -9 at any moment leaves the
  last committed state;
* the map grows (doubles) when full instead of failing, and a process adopts a map another
  process grew;
* a damaged store, a busy store, a full disk or a newer schema raise one-line StoreErrors
  and nothing is ever recreated or deleted over the user's data.

Facts are JSON values keyed by id; `index` keys `home NUL id` (home = b"g" for global facts,
b"p"+project key otherwise) carry `status,kind`, so choosing a project's facts reads only that
project's entries.
"""

from __future__ import annotations

import dataclasses
import errno
import fcntl
import hashlib
import json
import os
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, TypeVar

import lmdb

from memwrap.config import Paths, ensure_private_dir
from memwrap.config import paths as default_paths
from memwrap.errors import NotFound, StoreCorrupt, StoreError, StoreLocked, StoreTooNew, UsageError
from memwrap.facts import KINDS, SCOPES, STATUSES, Fact
from memwrap.migrations import SCHEMA_VERSION, index_value, parse_index_value, pending

INITIAL_MAP_SIZE = 256 << 20  # sparse on Linux: the file grows with the data, not the map
MAX_MAP_SIZE = 1 << 40
LOCK_TIMEOUT = float(os.environ.get("MEMWRAP_STORE_TIMEOUT", "10"))
# Key spaces of the main database (see migrations.KEYSPACES).
_M, _F, _I, _P, _S, _A = b"m/", b"f/", b"i/", b"p/", b"s/", b"a/"
_GLOBAL_HOME = b"g"
_SEP = b"\x00"
_MAX_HOME = 400  # LMDB keys are at most 511 bytes; longer project keys are hashed

T = TypeVar("T")

_CORRUPT_ERRORS = (
    lmdb.CorruptedError, lmdb.InvalidError, lmdb.PageNotFoundError, lmdb.VersionMismatchError,
    lmdb.IncompatibleError, lmdb.BadChecksumError, lmdb.PanicError, lmdb.BadDbiError,
)


@dataclass(frozen=True)
class AddResult:
    """What happened to one added fact.

    new: stored as `id`. merged: folded into existing fact `id` (other_id: the incoming fact's
    own id). superseded: stored as `id`, replacing `other_id` (and maybe more, see the fact's
    `supersedes`)."""

    id: str
    action: str
    other_id: str | None = None


@dataclass(frozen=True)
class GcResult:
    deleted: int  # pruned facts removed for good
    pruned_stale: int  # long-unused facts pruned now (restorable until the next gc)


def home_key(scope: str, project: str) -> bytes:
    if scope == "global":
        return _GLOBAL_HOME
    raw = project.encode("utf-8", "surrogateescape")
    if len(raw) > _MAX_HOME:
        return b"h" + hashlib.sha1(raw).hexdigest().encode()
    return b"p" + raw


def _fact_home(fact: Fact) -> bytes:
    return home_key(fact.scope, fact.project)


def _encode(fact: Fact) -> bytes:
    return json.dumps(fact.to_json(), ensure_ascii=False, separators=(",", ":")).encode()


_FIELDS = frozenset(Fact.__dataclass_fields__)
_SCALAR_DEFAULTS = {n: f.default for n, f in Fact.__dataclass_fields__.items() if n not in ("kind", "text")
                    and f.default is not dataclasses.MISSING}
_KINDS, _STATUSES, _SCOPES = frozenset(KINDS), frozenset(STATUSES), frozenset(SCOPES)


_json_decode = json.JSONDecoder().decode  # json.loads minus its per-call checks (bytes are UTF-8 here)


def _decode(raw: bytes) -> Fact | None:
    try:
        data = _json_decode(raw.decode("utf-8"))
        return _stored_fact(data) or Fact.from_json(data)
    except (ValueError, TypeError, AttributeError):
        return None  # one damaged value must not hide every other fact


def _stored_fact(data: dict[str, Any]) -> Fact | None:
    """A stored fact without re-running Fact's checks and text cleaning: every value here was
    written from a constructed Fact, so it is clean already (a launch decodes thousands of
    them). None when the value does not look like that; Fact.from_json then checks it."""
    if not (data.get("kind") in _KINDS and data.get("status") in _STATUSES and data.get("scope") in _SCOPES
            and isinstance(data.get("text"), str) and isinstance(data.get("evidence", ""), str)
            and data.get("id") and data.get("created_at")):
        return None
    fact = object.__new__(Fact)
    values = fact.__dict__
    values.update(_SCALAR_DEFAULTS)
    values.update(files=[], source={}, supersedes=[], replaces=[])  # the default_factory fields
    values.update(data if _FIELDS.issuperset(data) else {k: v for k, v in data.items() if k in _FIELDS})
    return fact


def _is_disk_full(exc: BaseException) -> bool:
    text = str(exc)
    return getattr(exc, "errno", None) in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT) or any(
        s in text for s in ("No space left", "File too large", "Disk quota")
    )


def _store_error(exc: BaseException, where: Path) -> StoreError:
    """Turn an LMDB/OS failure into one line that says what to do."""
    if isinstance(exc, StoreError):
        return exc
    if _is_disk_full(exc):
        return StoreError(f"the disk holding {where} is full; nothing was written (free some space and retry)")
    if getattr(exc, "errno", None) == errno.EIO or "Input/output error" in str(exc):
        # LMDB reports a refused write (full disk, file size limit, failing device) as EIO
        return StoreError(f"writing the memory store at {where} failed (disk full or I/O error); "
                          "nothing from this write was saved")
    if isinstance(exc, _CORRUPT_ERRORS):
        return StoreCorrupt(
            f"the memory store at {where} is damaged ({exc.__class__.__name__}); memwrap left it untouched: "
            f"move it aside (mv {where} {where}.broken) to start afresh, or `memwrap import` an export"
        )
    if isinstance(exc, (lmdb.LockError, lmdb.ReadersFullError)):
        return StoreLocked(f"the memory store at {where} is locked ({exc}); close other memwrap processes and retry")
    if isinstance(exc, PermissionError) or "Permission denied" in str(exc):
        return StoreError(f"no permission to use the memory store at {where}; check its owner and mode")
    return StoreError(f"the memory store at {where} failed: {exc}")


class _Envs:
    """One lmdb.Environment per store directory per process (LMDB forbids opening the same
    files twice in one process); reference-counted so nested Store.open()s share it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open: dict[tuple[int, str], list[Any]] = {}

    def acquire(self, directory: Path, map_size: int | None, readonly_env: bool) -> lmdb.Environment:
        key = (os.getpid(), str(directory.resolve()))
        with self._lock:
            entry = self._open.get(key)
            if entry is not None:
                entry[1] += 1
                return entry[0]
            env = lmdb.open(
                str(directory), map_size=map_size or INITIAL_MAP_SIZE, subdir=True, readonly=readonly_env,
                create=False, max_dbs=0, max_readers=254, lock=True, sync=True,
                metasync=True, writemap=False, map_async=False, readahead=False, mode=0o600,
            )
            if not readonly_env:
                env.reader_check()  # clear reader slots left by killed processes
            self._open[key] = [env, 1]
            return env

    def release(self, env: lmdb.Environment) -> None:
        with self._lock:
            for key, entry in list(self._open.items()):
                if entry[0] is env:
                    entry[1] -= 1
                    if entry[1] <= 0:
                        del self._open[key]
                        env.close()
                    return


_ENVS = _Envs()


class _WriterLock:
    """flock on store_dir/writer.lock with a timeout, so a hung writer elsewhere gives a clear
    StoreLocked instead of an endless wait. Released by the kernel if the holder dies."""

    def __init__(self, path: Path, timeout: float) -> None:
        self.path = path
        self.timeout = timeout
        self.fd: int | None = None

    def __enter__(self) -> "_WriterLock":
        if self.fd is None:
            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        deadline = time.monotonic() + self.timeout
        pause = 0.001
        while True:
            try:
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(self.fd, 32, 0).decode(errors="replace").strip() or "?"
                    raise StoreLocked(
                        f"the memory store is busy: another memwrap process (pid {holder}) has been writing "
                        f"for over {self.timeout:.0f}s; retry, or stop that process"
                    ) from None
                time.sleep(pause)
                pause = min(pause * 2, 0.05)
        os.ftruncate(self.fd, 0)
        os.pwrite(self.fd, str(os.getpid()).encode(), 0)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None



def _redacted(facts: Iterable[Fact]) -> list[Fact]:
    """Fresh copies with text, evidence and topic redacted: every write path goes through
    here, so the store never holds a secret and reads (the launch path) need not redact."""
    from memwrap.render import redact_fact, redactor  # lazy: regex compilation is write-side

    redact = redactor()
    return [redact_fact(f, redact) for f in facts]

class Store:
    """Open with `Store.open()` (a context manager). Methods open their own short transactions."""

    def __init__(self, env: lmdb.Environment | None, directory: Path, readonly: bool) -> None:
        self.env = env
        self.dir = directory
        self.readonly = readonly
        self.skipped = 0  # damaged values skipped while reading
        self.ready = False  # the store has a schema (False: empty, nothing to read)
        self._writer = _WriterLock(directory / "writer.lock", LOCK_TIMEOUT)
        self._txn_state = threading.local()  # the rank index writer of this thread's transaction

    # ---- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, paths: Paths | None = None, *, readonly: bool = False, map_size: int | None = None,
             lock_timeout: float | None = None) -> "Store":
        """Open (creating when writable) the store. Readonly never creates anything: with no
        store on disk it gives an empty store. `lock_timeout`: how long a write waits for
        another writer before StoreLocked (default LOCK_TIMEOUT)."""
        directory = (paths or default_paths()).store_dir
        exists = (directory / "data.mdb").is_file()
        if readonly and not exists:
            return cls(None, directory, readonly=True)
        try:
            if not readonly:
                ensure_private_dir(directory)
            readonly_env = readonly and not os.access(directory, os.W_OK)
            env = _ENVS.acquire(directory, map_size, readonly_env)
        except (lmdb.Error, OSError) as exc:
            raise _store_error(exc, directory) from None
        store = cls(env, directory, readonly)
        if lock_timeout is not None:
            store._writer.timeout = lock_timeout
        try:
            store._prepare(created=not exists)
        except BaseException:
            store.close()
            raise
        return store

    def _prepare(self, created: bool) -> None:
        try:
            with self.env.begin() as txn:  # type: ignore[union-attr]
                version = self._schema_version(txn)
        except lmdb.Error as exc:
            raise _store_error(exc, self.dir) from None
        if version is not None and version > SCHEMA_VERSION:
            raise StoreTooNew(
                f"the memory store at {self.dir} has schema {version}, newer than this memwrap "
                f"understands ({SCHEMA_VERSION}); upgrade memwrap (nothing was changed)"
            )
        self.ready = version is not None
        if version == SCHEMA_VERSION or self.readonly:
            return  # readonly: read what exists; a store never initialised reads as empty
        self._initialise()
        self.ready = True
        if created:
            for name in ("data.mdb", "lock.mdb"):
                try:
                    os.chmod(self.dir / name, 0o600)
                except OSError:
                    pass

    def _schema_version(self, txn: Any) -> int | None:
        raw = txn.get(_M + b"schema")
        if raw is None:
            if txn.get(_M + b"generation") is None and any(True for _ in _scan(txn, b"")):
                # data, but none of ours: another program's LMDB file, or damage
                raise StoreCorrupt(
                    f"{self.dir} holds an LMDB database that is not a memwrap store; memwrap left it "
                    f"untouched: move it aside (mv {self.dir} {self.dir}.other) or set MEMWRAP_HOME"
                )
            return None
        try:
            return int(raw)
        except ValueError:
            raise StoreCorrupt(f"the memory store at {self.dir} has an unreadable schema version") from None

    def _initialise(self) -> None:
        """Record the schema of a new store, or run pending migrations: one transaction."""

        def work(txn: Any) -> None:
            current = self._schema_version(txn)
            if current is None:
                txn.put(_M + b"schema", str(SCHEMA_VERSION).encode())
                txn.put(_M + b"created_at", str(time.time()).encode())
                return
            for to_version, step in pending(current):
                step(txn)
                txn.put(_M + b"schema", str(to_version).encode())

        self._write(work, initialising=True)

    def close(self) -> None:
        self._writer.close()
        if self.env is not None:
            _ENVS.release(self.env)
            self.env = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- transactions ----------------------------------------------------------------------

    def _read(self, fn: Callable[[Any], T], empty: T) -> T:
        if self.env is None or not self.ready:
            return empty
        for _ in range(3):
            try:
                with self.env.begin() as txn:
                    return fn(txn)
            except lmdb.MapResizedError:
                self.env.set_mapsize(0)  # another process grew the map: adopt its size
            except StoreError:
                raise
            except lmdb.Error as exc:
                raise _store_error(exc, self.dir) from None
        raise StoreError(f"the memory store at {self.dir} keeps being resized; retry")

    def _write(self, fn: Callable[[Any], T], initialising: bool = False, index_rebuild: bool = True) -> T:
        """Run `fn(txn)` in one write transaction (retried whole after growing the map).
        `index_rebuild=False`: a stale rank index stays stale (rebuilt by a later write)."""
        if self.readonly or self.env is None or not (self.ready or initialising):
            raise StoreError("the memory store was opened read-only")
        from memwrap import rankindex  # kept in step with every write (imports store itself)

        env = self.env
        try:
            with self._writer:
                for _ in range(40):
                    try:
                        with env.begin(write=True) as txn:
                            rank = self._txn_state.rank = rankindex.RankWriter(txn, time.time())
                            try:
                                result = fn(txn)
                                generation = int(txn.get(_M + b"generation", b"0")) + 1
                                txn.put(_M + b"generation", str(generation).encode())
                                rank.finish(generation, lambda home: self._live_facts(txn, home), index_rebuild)
                            finally:
                                self._txn_state.rank = None
                        return result
                    except lmdb.MapFullError:
                        size = env.info()["map_size"]
                        if size >= MAX_MAP_SIZE:
                            raise StoreError(f"the memory store at {self.dir} reached {size >> 30} GiB") from None
                        env.set_mapsize(size * 2)
                    except lmdb.MapResizedError:
                        env.set_mapsize(0)
        except (StoreError, NotFound, UsageError):
            raise
        except (lmdb.Error, OSError) as exc:
            raise _store_error(exc, self.dir) from None
        raise StoreError(f"the memory store at {self.dir} could not grow; retry")

    # ---- low-level helpers (inside a transaction) --------------------------------------------

    def _load(self, txn: Any, fact_id: str) -> Fact | None:
        raw = txn.get(_F + fact_id.encode())
        if raw is None:
            return None
        fact = _decode(raw)
        if fact is None:
            self.skipped += 1
        return fact

    def _put(self, txn: Any, fact: Fact, previous: Fact | None = None) -> None:
        home = _fact_home(fact)
        rank = getattr(self._txn_state, "rank", None)
        if rank is not None and rank.incremental:
            old = previous if previous is not None else self._load(txn, fact.id)
            rank.change(_fact_home(old) if old is not None else None, old, home, fact)
        if previous is not None and _fact_home(previous) != home:
            txn.delete(_I + _fact_home(previous) + _SEP + previous.id.encode())
        txn.put(_F + fact.id.encode(), _encode(fact))
        txn.put(_I + home + _SEP + fact.id.encode(), index_value(fact))
        if txn.get(_P + home) is None:
            key = fact.project if fact.scope == "project" else ""
            info = {"key": key, "name": _project_name(key), "last_session": None}
            txn.put(_P + home, json.dumps(info).encode())

    def _delete(self, txn: Any, fact: Fact) -> None:
        rank = getattr(self._txn_state, "rank", None)
        if rank is not None:
            rank.change(_fact_home(fact), fact, None, None)
        txn.delete(_F + fact.id.encode())
        txn.delete(_I + _fact_home(fact) + _SEP + fact.id.encode())

    def _live_facts(self, txn: Any, home: bytes | None) -> Iterator[tuple[bytes, Fact]]:
        """(home, fact) for every live fact of `home` (None: of every home), from the index."""
        prefix = _I if home is None else _I + home + _SEP
        for key, value in list(_scan(txn, prefix, strip=len(_I))):
            fact_home, _, fact_id = key.rpartition(_SEP)
            if value.split(b"\x1f", 1)[0].split(b",", 1)[0] in (b"active", b"pinned"):
                fact = self._load(txn, fact_id.decode())
                if fact is not None and fact.live:
                    yield fact_home, fact

    def _home_ids(self, txn: Any, home: bytes, kinds: set[str] | None, statuses: set[str] | None) -> Iterator[str]:
        for fact_id, value in _scan(txn, _I + home + _SEP):
            if statuses is not None or kinds is not None:
                # `status,kind` leads the value: no need to parse the lifecycle sketch after it
                status, _, kind = value.split(b"\x1f", 1)[0].decode().partition(",")
                if (statuses is not None and status not in statuses) or (kinds is not None and kind not in kinds):
                    continue
            yield fact_id.decode()

    def _home_facts(self, txn: Any, home: bytes, kinds: set[str] | None = None, statuses: set[str] | None = None) -> list[Fact]:
        out = []
        for fact_id in self._home_ids(txn, home, kinds, statuses):
            fact = self._load(txn, fact_id)
            if fact is not None:
                out.append(fact)
        return out

    def _resolve(self, txn: Any, ref: str) -> str:
        """Full id for an id, a merged-away id (alias) or a unique prefix."""
        ref = ref.strip().lower()
        if not ref:
            raise UsageError("give a fact id (see `memwrap facts`)")
        seen = set()
        current = ref
        while current not in seen:  # follow merge aliases (a -> b -> c)
            seen.add(current)
            if txn.get(_F + current.encode()) is not None:
                return current
            target = txn.get(_A + current.encode())
            if target is None:
                break
            current = target.decode()
        matches = []
        for key, _ in _scan(txn, _F + ref.encode(), strip=len(_F)):
            matches.append(key.decode())
            if len(matches) > 5:
                break
        if not matches:
            raise NotFound(f"no fact with id {ref!r} (see `memwrap facts --all --status all`)")
        if len(matches) > 1:
            shown = ", ".join(matches[:5]) + (", ..." if len(matches) > 5 else "")
            raise UsageError(f"id prefix {ref!r} matches several facts ({shown}); give more characters")
        return matches[0]

    def _must_load(self, txn: Any, ref: str) -> Fact:
        fact = self._load(txn, self._resolve(txn, ref))
        if fact is None:
            raise StoreCorrupt(f"fact {ref!r} in the memory store at {self.dir} is unreadable")
        return fact

    # ---- facts: reading --------------------------------------------------------------------

    def read_txn(self, fn: Callable[[Any], T], empty: T) -> T:
        """`fn(txn)` in one read transaction (a consistent snapshot); `empty` when there is no
        store on disk. For readers that walk the store's key spaces (memwrap.rankindex)."""
        return self._read(fn, empty)

    def load_in(self, txn: Any, fact_id: str) -> Fact | None:
        """The fact with exactly this id inside `txn` (None if absent or damaged)."""
        return self._load(txn, fact_id)

    def get(self, ref: str) -> Fact:
        """The fact with this id (or unique id prefix). NotFound / UsageError (ambiguous)."""
        if self.env is None or not self.ready:
            raise NotFound(f"no fact with id {ref!r}: the memory store is empty")
        return self._read(lambda txn: self._must_load(txn, ref), None)  # type: ignore[arg-type,return-value]

    def facts(
        self,
        project: Any = None,
        scope: str | None = None,
        kind: str | Iterable[str] | None = None,
        status: str | Iterable[str] | None = None,
        *,
        include_global: bool = False,
    ) -> list[Fact]:
        """Facts, oldest first. `project` (a key or a Project) reads only that project's index
        (plus global facts with include_global=True); project=None reads every project.
        `kind`/`status` take one value or several; None means any."""
        kinds = _as_set(kind, upper=True)
        statuses = _as_set(status)
        project_key = getattr(project, "key", project)

        def work(txn: Any) -> list[Fact]:
            homes: list[bytes] = []
            if project_key is not None:
                if scope in (None, "project"):
                    homes.append(home_key("project", project_key))
                if scope == "global" or include_global:
                    homes.append(_GLOBAL_HOME)
            elif scope == "global":
                homes.append(_GLOBAL_HOME)
            if homes:
                found = [f for home in dict.fromkeys(homes) for f in self._home_facts(txn, home, kinds, statuses)]
                found = [f for f in found if project_key is None or f.scope == "global" or f.project == project_key]
            else:
                found = []
                for _, raw in _scan(txn, _F):
                    fact = _decode(raw)
                    if fact is None:
                        self.skipped += 1
                    elif (scope is None or fact.scope == scope) and (kinds is None or fact.kind in kinds) and (
                        statuses is None or fact.status in statuses
                    ):
                        found.append(fact)
            found.sort(key=lambda f: (f.created_at, f.id))
            return found

        return self._read(work, [])

    def projects(self) -> list[dict[str, Any]]:
        """Every project with facts or sessions: {key, name, facts: {status: n}, last_session}.
        Global facts appear as key "" named "(global)". Most recently used first."""

        def work(txn: Any) -> list[dict[str, Any]]:
            counts: dict[bytes, Counter[str]] = {}
            for key, value in _scan(txn, _I):
                home = key.split(_SEP, 1)[0]
                counts.setdefault(home, Counter())[value.split(b",", 1)[0].decode()] += 1
            out = []
            for home, raw in _scan(txn, _P):
                info = json.loads(raw)
                info["facts"] = {s: counts.get(home, Counter()).get(s, 0) for s in STATUSES}
                out.append(info)
            out.sort(key=lambda p: (-(p.get("last_session") or 0), p["name"]))
            return out

        return self._read(work, [])

    def generation(self) -> int:
        """Bumped by every write from any process: poll it to notice changes cheaply."""
        if self.env is None or not self.ready:
            return 0
        return self._read(lambda txn: int(txn.get(_M + b"generation", b"0")), 0)

    # ---- facts: writing ----------------------------------------------------------------------

    def add_facts(self, facts: Iterable[Fact], session_id: str = "") -> list[AddResult]:
        """Store new facts, merging near-duplicates and superseding what they replace
        (memwrap.lifecycle). One transaction for the whole batch."""
        incoming = _redacted(facts)
        if session_id:
            for f in incoming:
                f.source = {**f.source, "session": f.source.get("session") or session_id}
        if not incoming:
            return []

        def work(txn: Any) -> list[AddResult]:
            batch = [Fact.from_json(f.to_json()) for f in incoming]  # fresh copies per attempt
            return self._add_in_txn(txn, batch)

        return self._write(work)

    def _pool(self, txn: Any, like: Fact) -> lifecycle.Pool:
        """Lifecycle profiles of every fact in `like`'s home, from the index sketches."""
        from memwrap import lifecycle  # lazy: only writes need it (start-up path)
        pool = lifecycle.Pool()
        for fact_id, value in _scan(txn, _I + _fact_home(like) + _SEP):
            status, kind, sketch = parse_index_value(value)
            if sketch is None:  # written by an older schema: decode the fact itself
                fact = self._load(txn, fact_id.decode())
                if fact is not None:
                    pool.put(lifecycle.Profile.of(fact))
                continue
            pool.put(lifecycle.Profile.sketch(fact_id.decode(), kind, status, like.scope, like.project, *sketch))
        return pool

    def _add_in_txn(self, txn: Any, batch: list[Fact], *, aliases: bool = False) -> list[AddResult]:
        from memwrap import lifecycle  # lazy: only writes need it (start-up path)
        now = time.time()
        pools: dict[bytes, lifecycle.Pool] = {}
        written = frozenset(f.id for f in batch)
        results = []
        for fact in batch:
            home = _fact_home(fact)
            pool = pools.get(home)
            if pool is None:
                pool = pools[home] = self._pool(txn, fact)
            decision = lifecycle.decide(fact, pool, written)
            keep = self._load(txn, decision.merge_with) if decision.merge_with else None
            replaced = [old for old in (self._load(txn, i) for i in decision.replaces)
                        if old is not None and not (old.id in decision.abandoned and lifecycle.keeps_choice(old, fact))]
            if decision.action == "merged" and keep is not None:
                previous = Fact.from_json(keep.to_json())
                lifecycle.merge_into(keep, fact, now)
                self._supersede(txn, pool, replaced, keep, now)
                self._put(txn, keep, previous)
                pool.put(lifecycle.Profile.of(keep))
                if aliases and fact.id != keep.id:
                    txn.put(_A + fact.id.encode(), keep.id.encode())
                results.append(AddResult(keep.id, "merged", fact.id))
                continue
            self._supersede(txn, pool, replaced, fact, now)
            self._put(txn, fact)
            pool.put(lifecycle.Profile.of(fact))
            results.append(AddResult(fact.id, "superseded" if replaced else "new", replaced[0].id if replaced else None))
        return results

    def _supersede(self, txn: Any, pool: Any, replaced: list[Fact], by: Fact, now: float) -> None:
        from memwrap import lifecycle
        for old in replaced:
            lifecycle.link_supersession(old, by, now)
            self._put(txn, old)
            pool.put(lifecycle.Profile.of(old))

    def import_facts(self, facts: list[Fact]) -> list[AddResult]:
        """All-or-nothing import: facts already present (by id or merge alias) are skipped, so
        importing the same file twice changes nothing; the rest go through the normal merge and
        supersede rules, keeping their ids, statuses and links."""
        facts = _redacted(facts)

        def work(txn: Any) -> list[AddResult]:
            results, fresh = [], []
            for f in facts:
                if txn.get(_F + f.id.encode()) is not None or txn.get(_A + f.id.encode()) is not None:
                    results.append(AddResult(f.id, "skipped"))
                else:
                    fresh.append(Fact.from_json(f.to_json()))
            live = [f for f in fresh if f.status in ("active", "pinned")]
            kept = [f for f in fresh if f.status not in ("active", "pinned")]
            for f in kept:  # history (pruned/superseded) is restored as it was
                self._put(txn, f)
                results.append(AddResult(f.id, "new"))
            return results + self._add_in_txn(txn, live, aliases=True)

        return self._write(work)

    def update(self, fact: Fact) -> Fact:
        """Replace a stored fact (same id) with an edited one."""
        fact = _redacted([fact])[0]

        def work(txn: Any) -> Fact:
            previous = self._load(txn, fact.id)
            if previous is None:
                raise NotFound(f"no fact with id {fact.id!r}")
            edited = Fact.from_json(fact.to_json())
            edited.updated_at = time.time()
            self._put(txn, edited, previous)
            return edited

        return self._write(work)

    def restore(self, facts: Iterable[Fact]) -> None:
        """Put facts back exactly as given (undo), in one transaction: a fact merged away is
        recreated and its merge alias dropped. Added for the TUI's undo."""
        snapshots = [Fact.from_json(f.to_json()) for f in facts]

        def work(txn: Any) -> None:
            for fact in snapshots:
                txn.delete(_A + fact.id.encode())
                self._put(txn, fact, self._load(txn, fact.id))

        self._write(work)

    def set_status(self, ref: str, status: str) -> Fact:
        """Set active|pinned|pruned|superseded. Leaving `superseded` unlinks the replacement."""
        if status not in STATUSES:
            raise UsageError(f"unknown status {status!r}; one of {', '.join(STATUSES)}")

        def work(txn: Any) -> Fact:
            fact = self._must_load(txn, ref)
            if fact.status == "superseded" and status != "superseded" and fact.superseded_by:
                newer = self._load(txn, fact.superseded_by)
                if newer is not None and fact.id in newer.supersedes:
                    newer.supersedes.remove(fact.id)
                    self._put(txn, newer)
                fact.superseded_by = None
            fact.status = status
            fact.updated_at = time.time()
            self._put(txn, fact)
            return fact

        return self._write(work)

    def merge(self, keep_ref: str, drop_ref: str) -> Fact:
        """Fold one fact into another by hand; the dropped id keeps resolving to the kept one."""
        from memwrap import lifecycle  # lazy: only writes need it (start-up path)

        def work(txn: Any) -> Fact:
            from memwrap import lifecycle  # lazy: only writes need it (start-up path)
            keep, drop = self._must_load(txn, keep_ref), self._must_load(txn, drop_ref)
            if keep.id == drop.id:
                raise UsageError("cannot merge a fact into itself")
            previous = Fact.from_json(keep.to_json())
            lifecycle.merge_into(keep, drop)
            for old_id in drop.supersedes:
                old = self._load(txn, old_id)
                if old is not None:
                    old.superseded_by = keep.id
                    self._put(txn, old)
                if old_id not in keep.supersedes and old_id != keep.id:
                    keep.supersedes.append(old_id)
            self._delete(txn, drop)
            txn.put(_A + drop.id.encode(), keep.id.encode())
            self._put(txn, keep, previous)
            return keep

        return self._write(work)

    def supersede(self, old_ref: str, new_ref: str) -> Fact:
        """Mark `old` replaced by `new` by hand (works on pinned facts too: the user said so)."""
        from memwrap import lifecycle  # lazy: only writes need it (start-up path)

        def work(txn: Any) -> Fact:
            from memwrap import lifecycle  # lazy: only writes need it (start-up path)
            old, new = self._must_load(txn, old_ref), self._must_load(txn, new_ref)
            if old.id == new.id:
                raise UsageError("a fact cannot supersede itself")
            lifecycle.link_supersession(old, new)
            self._put(txn, old)
            self._put(txn, new)
            return old

        return self._write(work)

    def mark_injected(self, ids: Iterable[str], when: float | None = None) -> None:
        """Record that these facts went into a memory block (rank keeps them fresh)."""
        ids = list(ids)
        when = when or time.time()
        if not ids:
            return

        def work(txn: Any) -> None:
            for fact_id in ids:
                fact = self._load(txn, fact_id)
                if fact is not None:
                    fact.injected_count += 1
                    fact.last_injected = when
                    txn.put(_F + fact.id.encode(), _encode(fact))

        # The user waits for their prompt on this write: rebuilding a stale rank index (after
        # an upgrade: seconds for 100k facts) is left to the next other write.
        self._write(work, index_rebuild=False)

    def gc(self, now: float | None = None) -> GcResult:
        """Delete pruned facts for good, then prune long-unused unpinned ones (restorable until
        the next gc)."""
        from memwrap import lifecycle  # lazy: only writes need it (start-up path)
        now = now or time.time()

        def work(txn: Any) -> GcResult:
            from memwrap import lifecycle  # lazy: only writes need it (start-up path)
            deleted = stale = 0
            for _, raw in list(_scan(txn, _F)):
                fact = _decode(raw)
                if fact is None:
                    continue
                if fact.status == "pruned":
                    self._delete(txn, fact)
                    deleted += 1
                elif lifecycle.gc_prunable(fact, now):
                    fact.status = "pruned"
                    self._put(txn, fact)
                    stale += 1
            for alias, target in list(_scan(txn, _A)):
                if txn.get(_F + target) is None:
                    txn.delete(_A + alias)
            return GcResult(deleted, stale)

        return self._write(work)

    # ---- sessions --------------------------------------------------------------------------

    def add_session(self, meta: dict[str, Any]) -> None:
        """Store (or update: keys merge) a session's metadata; needs meta['id']."""
        session_id = str(meta.get("id") or "")
        if not session_id:
            raise UsageError("session metadata needs an 'id'")

        def work(txn: Any) -> None:
            raw = txn.get(_S + session_id.encode())
            merged = {**(json.loads(raw) if raw else {}), **meta}
            txn.put(_S + session_id.encode(), json.dumps(merged, ensure_ascii=False).encode())
            key = merged.get("project")
            if key:
                home = home_key("project", str(key))
                info = json.loads(txn.get(_P + home, b"null")) or {"key": key}
                info["name"] = merged.get("project_name") or info.get("name") or _project_name(key)
                when = merged.get("end") or merged.get("start") or time.time()
                info["last_session"] = max(float(info.get("last_session") or 0), float(when))
                txn.put(_P + home, json.dumps(info).encode())

        self._write(work)

    def get_session(self, session_id: str) -> dict[str, Any]:
        def work(txn: Any) -> dict[str, Any] | None:
            raw = txn.get(_S + session_id.encode())
            return json.loads(raw) if raw else None

        found = self._read(work, None)
        if found is None:
            raise NotFound(f"no session {session_id!r}")
        return found

    def sessions(self, project: Any = None) -> list[dict[str, Any]]:
        """Session metadata, oldest first; only one project's with `project` (key or Project)."""
        key = getattr(project, "key", project)

        def work(txn: Any) -> list[dict[str, Any]]:
            out = []
            for _, raw in _scan(txn, _S):
                try:
                    meta = json.loads(raw)
                except ValueError:
                    self.skipped += 1
                    continue
                if key is None or meta.get("project") == key:
                    out.append(meta)
            out.sort(key=lambda m: (float(m.get("start") or 0), str(m.get("id"))))
            return out

        return self._read(work, [])


def _scan(txn: Any, prefix: bytes, strip: int | None = None) -> Iterator[tuple[bytes, bytes]]:
    """(key without prefix, value) for every key starting with `prefix`, in key order."""
    cut = len(prefix) if strip is None else strip
    cursor = txn.cursor()
    if not cursor.set_range(prefix):
        return
    for key, value in cursor:
        if not key.startswith(prefix):
            break
        yield key[cut:], value


def _project_name(key: str) -> str:
    if not key:
        return "(global)"
    return os.path.basename(key.rstrip("/")) or key


def _as_set(value: str | Iterable[str] | None, upper: bool = False) -> set[str] | None:
    if value is None:
        return None
    items = [value] if isinstance(value, str) else list(value)
    return {v.upper() if upper else v for v in items}

"""The launch-time rank index: lets a launch choose its memory block from a few hundred
facts instead of decoding every fact of the project.

Kept in the store's LMDB environment, maintained inside every write transaction:

* per home (a project, or global) a record: the live fact count, a short list ("top") of
  facts with the best static score (memwrap.select.static_base + recency), and for every
  fact *not* in the list an upper bound on its static score: per distinct static base, the
  newest time of any fact outside the list with that base. Recency only falls with time and
  the staleness penalty only subtracts, so `base + recency(newest time, now)` bounds every
  outsider at any `now` without rewriting anything as time passes;
* relevance postings: (home, file base name | word) -> fact ids, so the few facts outside
  the list that the work context makes relevant are found without a scan.

memwrap.select merges the two and proves, fact by fact, that what it emits is exactly what
the full scan would have ranked at that position; when it cannot, it falls back to the scan.
Validity: `m/rank_version` must equal version() and `m/rank_generation` the store's
generation (a write by a memwrap without this module bumps the generation only), else the
launch scans and the next write rebuilds the whole index. version() covers the scoring
weights the stored values depend on; bump RANK_VERSION when the layout or the meaning of
relevance_postings / static_base changes in any other way.
"""

from __future__ import annotations

import hashlib
import json
import math
import struct
from typing import Any, Callable, Iterable, Iterator

from memwrap.facts import Fact
from memwrap.store import _scan

RANK_VERSION = "1"
TOP_N = 256  # the block needs ~40 chosen + up to 40 misfits at the default budget
REFILL_BELOW = TOP_N // 2  # a list emptied by prunes this far is rebuilt from the home's facts
MAX_TOKEN = 64  # characters; longer tokens are cut (postings become a superset: still safe)

_R = b"r/"  # home -> JSON record
_W = b"w/"  # sha1(home)[:8] + b"f"|b"w" + token + NUL + fact id -> multiplicity
META_VERSION = b"m/rank_version"
META_GENERATION = b"m/rank_generation"
FILE, WORD = b"f", b"w"
_SEP = b"\x00"


def token(text: str) -> str:
    """The posting key of a file base name or word (the write and read sides both use this)."""
    return text[:MAX_TOKEN].replace("\x00", "")


def _home_hash(home: bytes) -> bytes:
    return hashlib.sha1(home).digest()[:8]


def posting_prefix(home: bytes, kind: bytes, tok: str) -> bytes:
    return _W + _home_hash(home) + kind + tok.encode("utf-8", "surrogateescape") + _SEP


class Record:
    """One home's live count, top list ({id: (base, time)}) and outsider bounds ({base: time})."""

    def __init__(self, n: int = 0, top: dict[str, tuple[float, float]] | None = None,
                 bound: dict[float, float] | None = None) -> None:
        self.n = n
        self.top = top or {}
        self.bound = bound or {}

    @classmethod
    def decode(cls, raw: bytes) -> "Record":
        data = json.loads(raw)
        return cls(int(data["n"]), {i: (float(b), float(t)) for i, b, t in data["top"]},
                   {float(b): float(t) for b, t in data["bound"]})

    def encode(self) -> bytes:
        return json.dumps({"n": self.n, "top": [[i, b, t] for i, (b, t) in self.top.items()],
                           "bound": sorted(self.bound.items())}, separators=(",", ":")).encode()

    def push_out(self, base: float, when: float) -> None:
        """A live fact is (now) outside the list: make sure the bounds cover it."""
        if self.bound.get(base, -math.inf) < when:
            self.bound[base] = when

    def trim(self, now: float) -> None:
        """Keep the TOP_N best by static score at `now`; the bounds take over the rest."""
        from memwrap.select import recency  # lazy: select is the launch side

        if len(self.top) <= TOP_N:
            return
        ranked = sorted(self.top.items(), key=lambda item: item[1][0] + recency(item[1][1], now), reverse=True)
        self.top = dict(ranked[:TOP_N])
        for _, (base, when) in ranked[TOP_N:]:
            self.push_out(base, when)

    def static_bound(self, now: float) -> float:
        """Upper bound on the static score of every live fact of this home outside the list."""
        from memwrap.select import recency

        return max((base + recency(when, now) for base, when in self.bound.items()), default=-math.inf)


_POSTING = struct.Struct("<dI")  # the fact's static base, its time rounded up
UNKNOWN_REFS = b"\xff"  # never valid UTF-8: references that could not be stored


def relevance_postings(fact: Fact) -> dict[tuple[bytes, str], bytes]:
    """(kind, token) -> posting value for a fact: its file base names and its words. Every
    value carries the fact's static base and time (bounding its static score from above) and
    a file posting the references themselves, so a launch computes a fact's file relevance
    and bounds its whole score without decoding it."""
    from memwrap.select import fact_time, relevance_keys, static_base

    files, words = relevance_keys(fact)
    when = fact_time(fact)
    when = min(max(math.ceil(when), 0), 0xFFFFFFFF) if math.isfinite(when) else 0xFFFFFFFF  # recency rises with time
    head = _POSTING.pack(static_base(fact), when)
    out: dict[tuple[bytes, str], bytes] = {}
    by_token: dict[str, list[str]] = {}
    for base_name, refs in files.items():
        by_token.setdefault(token(base_name), []).extend(refs)
    for tok, refs in by_token.items():
        if any("\x00" in r for r in refs):  # cannot be split back: a launch assumes the most
            out[(FILE, tok)] = head + UNKNOWN_REFS
        else:
            out[(FILE, tok)] = head + "\x00".join(refs).encode("utf-8", "surrogateescape")
    for word in words:
        out[(WORD, token(word))] = head
    return out


class RankWriter:
    """Keeps the index in step with one write transaction. `incremental` is False when the
    index was not valid when the transaction began: then `finish` rebuilds it whole."""

    def __init__(self, txn: Any, now: float) -> None:
        self.txn = txn
        self.now = now
        self.incremental = is_valid(txn)
        self.records: dict[bytes, Record] = {}

    def _record(self, home: bytes) -> Record:
        rec = self.records.get(home)
        if rec is None:
            raw = self.txn.get(_R + home)
            try:
                rec = Record.decode(raw) if raw is not None else Record()
            except (ValueError, KeyError, TypeError):
                self.incremental = False  # damaged: `finish` rebuilds the whole index
                rec = Record()
            self.records[home] = rec
        return rec

    def change(self, old_home: bytes | None, old: Fact | None, new_home: bytes | None, new: Fact | None) -> None:
        """A fact went from `old` (None or not live: absent) to `new` (likewise)."""
        if not self.incremental:
            return
        from memwrap.select import fact_time, static_base

        old_live = old is not None and old.live and old_home is not None
        new_live = new is not None and new.live and new_home is not None
        before = relevance_postings(old) if old_live else {}  # type: ignore[arg-type]
        after = relevance_postings(new) if new_live else {}  # type: ignore[arg-type]
        if old_live and not (new_live and new_home == old_home):
            rec = self._record(old_home)  # type: ignore[arg-type]
            rec.n -= 1
            rec.top.pop(old.id, None)  # type: ignore[union-attr]
            self._write_postings(old_home, old.id, before, {})  # type: ignore[arg-type,union-attr]
            before = {}
        if new_live:
            rec = self._record(new_home)  # type: ignore[arg-type]
            if not (old_live and old_home == new_home):
                rec.n += 1
            rec.top[new.id] = (static_base(new), fact_time(new))  # type: ignore[union-attr]
            self._write_postings(new_home, new.id, before, after)  # type: ignore[arg-type,union-attr]

    def _write_postings(self, home: bytes, fact_id: str, before: dict[tuple[bytes, str], bytes],
                        after: dict[tuple[bytes, str], bytes]) -> None:
        suffix = fact_id.encode()
        for key in before.keys() - after.keys():
            self.txn.delete(posting_prefix(home, key[0], key[1]) + suffix)
        for key, value in after.items():
            if before.get(key) != value:
                self.txn.put(posting_prefix(home, key[0], key[1]) + suffix, value)

    def finish(self, generation: int, live_by_home: Callable[[bytes | None], Iterable[tuple[bytes, Fact]]],
               rebuild: bool = True) -> None:
        """Write the records back (refilling lists that prunes emptied), or rebuild everything
        when the index was not valid (`rebuild=False`: leave it invalid); then stamp it valid
        for this generation."""
        if not self.incremental:
            if not rebuild:
                return
            self._rebuild(None, live_by_home)
        else:
            for home, rec in list(self.records.items()):
                rec.trim(self.now)
                if rec.n > len(rec.top) and len(rec.top) < REFILL_BELOW:
                    self._rebuild(home, live_by_home)
                elif rec.n <= 0:
                    self.txn.delete(_R + home)
                else:
                    self.txn.put(_R + home, rec.encode())
        self.txn.put(META_VERSION, version())
        self.txn.put(META_GENERATION, str(generation).encode())

    def _rebuild(self, home: bytes | None, live_by_home: Callable[[bytes | None], Iterable[tuple[bytes, Fact]]]) -> None:
        """Rebuild one home's record and postings (home=None: the whole index)."""
        from memwrap.select import fact_time, static_base

        prefixes = [_R, _W] if home is None else [_R + home, _W + _home_hash(home)]
        for prefix in prefixes:
            for key in [k for k, _ in _scan(self.txn, prefix, strip=0)]:
                if home is None or key == _R + home or key.startswith(_W):
                    self.txn.delete(key)
        grouped: dict[bytes, list[tuple[float, float, str]]] = {}
        for fact_home, fact in live_by_home(home):
            grouped.setdefault(fact_home, []).append((static_base(fact), fact_time(fact), fact.id))
            suffix = fact.id.encode()
            for (kind, tok), value in relevance_postings(fact).items():
                self.txn.put(posting_prefix(fact_home, kind, tok) + suffix, value)
        for fact_home, entries in grouped.items():
            rec = Record(len(entries), {i: (b, t) for b, t, i in entries})
            rec.trim(self.now)
            self.txn.put(_R + fact_home, rec.encode())
        if home is not None:
            self.records.pop(home, None)


_version: bytes | None = None


def version() -> bytes:
    """RANK_VERSION plus a digest of the scoring inputs the stored values were computed with."""
    global _version
    if _version is None:
        from memwrap.select import INDEXED_SCORING

        digest = hashlib.sha1(repr((INDEXED_SCORING, MAX_TOKEN)).encode()).hexdigest()[:12]
        _version = f"{RANK_VERSION}:{digest}".encode()
    return _version


def is_valid(txn: Any) -> bool:
    return txn.get(META_VERSION) == version() and txn.get(META_GENERATION) == txn.get(b"m/generation", b"0")


def read_records(txn: Any, homes: Iterable[bytes]) -> list[Record] | None:
    """The records of `homes` (a home without one has no live facts), or None when the index
    is missing or stale (the caller scans instead)."""
    if not is_valid(txn):
        return None
    out = []
    for home in homes:
        raw = txn.get(_R + home)
        if raw is not None:
            try:
                out.append(Record.decode(raw))
            except (ValueError, KeyError, TypeError):
                return None  # a damaged record: never trust it, scan
    return out


def postings(txn: Any, home: bytes, kind: bytes, tok: str) -> Iterator[tuple[str, float, float, bytes]]:
    """(fact id, static base, time bound, rest of the value: a file posting's references,
    NUL-separated UTF-8) for the live facts of `home` carrying this token. A damaged value bounds nothing:
    it comes back with infinite bounds and no rest."""
    prefix = posting_prefix(home, kind, tok)
    size = _POSTING.size
    for rest, value in _scan(txn, prefix):
        try:
            base, when = _POSTING.unpack_from(value)
            tail = value[size:]
        except struct.error:
            base, when, tail = math.inf, math.inf, UNKNOWN_REFS
        yield rest.decode("utf-8", "replace"), base, when, tail

"""Store schema versions and the ordered migrations between them.

Layout: one LMDB main database divided into key spaces (a two-byte prefix each), not LMDB
named databases: py-lmdb 3.0 drops named-database handles opened in a read transaction, so
named databases would need a write transaction on every open, and readers would wait behind
writers. Prefixed key spaces keep every open and read lock-free.

A migration is `(to_version, function(txn))` and runs inside the one write transaction
that also records the new version, so a crash mid-migration leaves the old schema intact.
A store whose version is newer than SCHEMA_VERSION is refused (StoreTooNew), never rewritten.
"""

from __future__ import annotations

import json
from typing import Any, Callable

from memwrap.facts import Fact

SCHEMA_VERSION = 2
_US = b"\x1f"

# Key spaces of schema 1 (prefix -> what it holds).
KEYSPACES: dict[bytes, str] = {
    b"m/": "meta: schema, generation (bumped by every write), created_at",
    b"f/": "facts: fact id -> fact JSON",
    b"i/": "index: home NUL fact id -> sketch (home: b'g' global, b'p'+project key, b'h'+sha1 if long)",
    b"p/": "projects: home -> {key, name, last_session}",
    b"s/": "sessions: session id -> session metadata JSON",
    b"a/": "aliases: merged-away fact id -> id of the fact it was merged into",
    # memwrap.rankindex (valid while m/rank_version and m/rank_generation match; else rebuilt)
    b"r/": "rank index: home -> {live count, top list, outsider bounds}",
    b"w/": "rank index postings: sha1(home)[:8] f|w token NUL fact id -> static bound (+ file refs)",
}

Migration = Callable[[Any], None]


def index_value(fact: Fact) -> bytes:
    """The index entry's value (schema 2): `status,kind US terms US topic US approach`, the
    fact's lifecycle profile, so a write compares with stored facts without decoding them.
    approach is "=" when it equals terms (no topic)."""
    from memwrap import lifecycle  # lazy: keeps store opening light
    p = lifecycle.Profile.of(fact)
    approach = "=" if p.approach == p.terms else " ".join(sorted(p.approach))
    return _US.join(s.encode() for s in (f"{fact.status},{fact.kind}", " ".join(sorted(p.terms)),
                                          " ".join(sorted(p.topic)), approach))


def parse_index_value(value: bytes) -> tuple[str, str, tuple[frozenset[str], frozenset[str], frozenset[str]] | None]:
    """(status, kind, (terms, topic, approach) or None for a schema-1 value)."""
    head, *rest = value.split(_US)
    status, _, kind = head.decode().partition(",")
    if len(rest) != 3:
        return status, kind, None
    terms, topic, approach = (frozenset(part.decode().split()) for part in rest)
    return status, kind, (terms, topic, terms if rest[2] == b"=" else approach)


def _v2_sketches_in_index(txn: Any) -> None:
    """Schema 1 indexed `status,kind`; schema 2 adds the lifecycle sketch."""
    cursor = txn.cursor()
    updates = []
    if cursor.set_range(b"i/"):
        for key, value in cursor:
            if not key.startswith(b"i/"):
                break
            fact_id = key.rsplit(b"\x00", 1)[1]
            raw = txn.get(b"f/" + fact_id)
            try:
                fact = Fact.from_json(json.loads(raw)) if raw is not None else None
            except (ValueError, TypeError):
                fact = None
            if fact is not None:
                updates.append((key, index_value(fact)))
    for key, value in updates:
        txn.put(key, value)


# Ordered: (version this step produces, step).
MIGRATIONS: list[tuple[int, Migration]] = [
    (2, _v2_sketches_in_index),
]


def pending(current: int) -> list[tuple[int, Migration]]:
    """The steps that take a store at `current` up to SCHEMA_VERSION, in order."""
    return [(version, step) for version, step in sorted(MIGRATIONS, key=lambda m: m[0]) if version > current]

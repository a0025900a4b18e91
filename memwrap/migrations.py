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

from typing import Any, Callable

SCHEMA_VERSION = 1

# Key spaces of schema 1 (prefix -> what it holds).
KEYSPACES: dict[bytes, str] = {
    b"m/": "meta: schema, generation (bumped by every write), created_at",
    b"f/": "facts: fact id -> fact JSON",
    b"i/": "index: home NUL fact id -> 'status,kind' (home: b'g' global, b'p'+project key, b'h'+sha1 if long)",
    b"p/": "projects: home -> {key, name, last_session}",
    b"s/": "sessions: session id -> session metadata JSON",
    b"a/": "aliases: merged-away fact id -> id of the fact it was merged into",
}

Migration = Callable[[Any], None]

# Ordered: (version this step produces, step). Empty while schema 1 is the only one.
MIGRATIONS: list[tuple[int, Migration]] = []


def pending(current: int) -> list[tuple[int, Migration]]:
    """The steps that take a store at `current` up to SCHEMA_VERSION, in order."""
    return [(version, step) for version, step in sorted(MIGRATIONS, key=lambda m: m[0]) if version > current]

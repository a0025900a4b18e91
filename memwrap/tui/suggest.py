"""Suggested clean-ups: near-duplicates, stale facts, and facts that look like dead ends.

Pure functions over a list of facts, reusing the store's own similarity rules
(memwrap.lifecycle) with looser thresholds: the store merges what is certainly the same,
a person reviews what is probably the same. Duplicate search compares only facts that share
an uncommon term (an inverted index with a cap on posting length), so 10k facts stay fast.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass

from memwrap.facts import Fact, has_failure_words
from memwrap.lifecycle import Profile, containment, jaccard, supersedes

STALE_DAYS = 30
DUPLICATE_JACCARD = 0.6
DUPLICATE_CONTAINMENT = 0.8
_COMMON_POSTING = 200  # a term in more facts than this says nothing about duplication


@dataclass(frozen=True)
class Suggestion:
    kind: str  # duplicate | stale | dead-end
    fact_ids: tuple[str, ...]  # for duplicates: (keep, drop) in the suggested order
    reason: str
    action: str  # what "apply" does: merge | prune | mark-failed


def _keeper_first(a: Fact, b: Fact) -> tuple[Fact, Fact]:
    """Keep the pinned one, else the one seen more often, else the older one."""
    def rank(f: Fact) -> tuple[bool, int, float]:
        return (f.status == "pinned", f.count, -f.created_at)

    return (a, b) if rank(a) >= rank(b) else (b, a)


def _similar(a: Profile, b: Profile) -> float:
    """Similarity score, 0 when not similar enough to suggest a merge."""
    j = jaccard(a.terms, b.terms)
    if j >= DUPLICATE_JACCARD:
        return j
    if min(len(a.terms), len(b.terms)) >= 3 and containment(a.terms, b.terms) >= DUPLICATE_CONTAINMENT:
        return containment(a.terms, b.terms)
    return 0.0


def duplicates(facts: list[Fact]) -> list[Suggestion]:
    profiles = [Profile.of(f) for f in facts if f.live]
    postings: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i, p in enumerate(profiles):
        for term in p.terms:
            postings[(p.fact.scope, p.fact.project, term)].append(i)
    seen: set[tuple[int, int]] = set()
    out = []
    for plist in postings.values():
        if len(plist) < 2 or len(plist) > _COMMON_POSTING:
            continue
        for x, i in enumerate(plist):
            for j in plist[x + 1:]:
                if (i, j) in seen:
                    continue
                seen.add((i, j))
                score = _similar(profiles[i], profiles[j])
                if score:
                    keep, drop = _keeper_first(profiles[i].fact, profiles[j].fact)
                    out.append(Suggestion("duplicate", (keep.id, drop.id), f"{int(score * 100)}% same terms", "merge"))
    return out


def stale(facts: list[Fact], now: float | None = None, days: int = STALE_DAYS) -> list[Suggestion]:
    """Active (not pinned) facts never injected and older than `days`."""
    now = now or time.time()
    return [
        Suggestion("stale", (f.id,), f"never injected, {int((now - f.created_at) // 86400)} days old", "prune")
        for f in facts
        if f.status == "active" and f.injected_count == 0 and f.created_at < now - days * 86400
    ]


def dead_ends(facts: list[Fact]) -> list[Suggestion]:
    """DECISION/PATTERN facts that read like failures, or that a FAILED fact covers."""
    failed: dict[tuple[str, str], list[Profile]] = defaultdict(list)
    for f in facts:
        if f.kind == "FAILED" and f.live:
            failed[(f.scope, f.project)].append(Profile.of(f))
    out = []
    for f in facts:
        if f.kind not in ("DECISION", "PATTERN") or not f.live:
            continue
        if has_failure_words(f.text):
            out.append(Suggestion("dead-end", (f.id,), f"a {f.kind} that reads like a failure", "mark-failed"))
            continue
        mine = Profile.of(f)
        for other in failed.get((f.scope, f.project), ()):
            if supersedes(other, mine):
                out.append(Suggestion("dead-end", (f.id, other.fact.id), "a FAILED fact covers this approach",
                                      "mark-failed"))
                break
    return out


def suggest(facts: list[Fact], now: float | None = None) -> list[Suggestion]:
    return duplicates(facts) + dead_ends(facts) + stale(facts, now)

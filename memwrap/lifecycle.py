"""The life of a fact: when a new fact merges into an old one, when it supersedes one, and how
long-unused facts lose rank.

Pure functions over `Fact` objects: the store decides *where* facts live, this module decides
*what happens* when a new one meets the old ones. Kept deterministic and cheap (token sets,
no model) because it runs for every fact a session writes.
"""

from __future__ import annotations

import functools
import math
import re
import time
from dataclasses import dataclass
from typing import Iterable

from memwrap.facts import FAILURE_WORDS_RE, Fact
from memwrap.reversal import name_key, replaced_phrases

# Near-duplicate: same kind and scope, and token sets that mostly agree.
MERGE_JACCARD = 0.7
MERGE_CONTAINMENT = 0.85  # the smaller fact is (almost) inside the larger one
# Same subject, different value ("15min access" -> "30min access"): a replacement.
SUPERSEDE_JACCARD = 0.5
# A FAILED fact is about an approach when it covers most of that approach's terms.
FAILED_COVERS = 0.6

REPLACEABLE_KINDS = frozenset({"DECISION", "PATTERN", "PROJECT"})
# What a retired technology takes with it. Not a dead end (still worth knowing) nor a preference.
RETIRABLE_KINDS = frozenset({"DECISION", "PATTERN", "PROJECT", "BUG_FIX", "TODO"})
# A plan or a fix an explicit "replaces X"/"instead of X" in a later DECISION names: that choice ends it
# (never one from the decision's own session, where extraction already settled the two).
PLAN_KINDS = frozenset({"TODO", "BUG_FIX"})
_FILLER_NOUNS = frozenset({"idea", "plan", "approach", "setup", "thing", "stuff", "way", "one", "version"})
DAY = 86400.0
STALE_AFTER_DAYS = 30.0  # unused this long, a fact starts to lose rank
GC_UNUSED_DAYS = 180.0  # unused this long, `memwrap gc` prunes it (restorable until next gc)

_STOP = frozenset(
    """a an and are as at be been but by do does for from has have in into is it its of on or
    so that the their them then there these this to was we were will with use used using uses
    our you your should must can now all also via per when which while not no any just only
    instead rather than switched switch moved move migrated migrate replaced replace replacing
    longer anymore going cannot can't had would could don doesn didn won isn wasn""".split()
)
_SYNONYMS = {
    "db": "database", "dbs": "database", "databases": "database", "postgresql": "postgres",
    "pg": "postgres", "auth": "authentication", "authn": "authentication", "config": "configuration",
    "configs": "configuration", "env": "environment", "repo": "repository", "tests": "test",
    "testing": "test", "deps": "dependency", "dependencies": "dependency", "k8s": "kubernetes",
    "js": "javascript", "ts": "typescript", "py": "python",
}
_TOKEN_RE = re.compile(r"[a-z0-9][a-z0-9_.+#]*[a-z0-9+#]|[a-z0-9]")  # hyphens split: redis-backed

def _stem(tok: str) -> str:
    tok = _SYNONYMS.get(tok, tok)
    if len(tok) > 4 and tok.endswith("ies"):
        return tok[:-3] + "y"
    if len(tok) > 3 and tok.endswith("s") and not tok.endswith(("ss", "us", "is")):
        return tok[:-1]
    return tok


def tokens(text: str) -> frozenset[str]:
    """Normalised content terms: lower-case, stop words out, plurals folded, synonyms mapped."""
    out = set()
    for raw in _TOKEN_RE.findall(text.lower()):
        tok = raw.strip("._")
        if tok and tok not in _STOP and (len(tok) > 1 or tok.isdigit()):
            out.add(_stem(tok))
    return frozenset(out)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def containment(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller set found in the larger one."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _without_failure_words(text: str) -> str:
    return FAILURE_WORDS_RE.sub(" ", text)


@functools.lru_cache(maxsize=512)
def replaced_subjects(text: str) -> tuple[frozenset[str], ...]:
    """Term sets of what `text` says was replaced ("switched from JWT to ..." -> {jwt});
    the wordings live in memwrap.reversal."""
    return tuple(t for t in (tokens(p) for p in replaced_phrases(text)) if t)


def replaced_terms(fact: Fact | None) -> tuple[frozenset[str], ...]:
    """What a new fact replaces: cue phrases in its text plus the subjects distillation
    recorded in `fact.replaces` (a decision made right after rejecting something)."""
    if fact is None:
        return ()
    listed = tuple(t for t in (tokens(r) for r in fact.replaces) if t)
    return replaced_subjects(fact.text) + listed


@dataclass(frozen=True)
class Profile:
    """The parts of a fact the rules compare, computed once per fact. Built from a full Fact
    (`of`) or from the sketch the store keeps in its index (`sketch`, fact=None), so a write
    compares against hundreds of stored facts without decoding them."""

    fact: Fact | None
    terms: frozenset[str]
    topic: frozenset[str]
    approach: frozenset[str]  # terms without failure words: what was tried
    id: str = ""
    kind: str = ""
    status: str = "active"
    scope: str = "project"
    project: str = ""

    @classmethod
    def of(cls, fact: Fact) -> "Profile":
        approach = tokens(_without_failure_words(fact.topic or fact.text))
        terms = approach if not fact.topic else tokens(_without_failure_words(fact.text))
        return cls(fact, terms, tokens(fact.topic) if fact.topic else frozenset(), approach,
                   fact.id, fact.kind, fact.status, fact.scope, fact.project)

    @classmethod
    def sketch(cls, fact_id: str, kind: str, status: str, scope: str, project: str,
               terms: frozenset[str], topic: frozenset[str], approach: frozenset[str]) -> "Profile":
        return cls(None, terms, topic, approach, fact_id, kind, status, scope, project)


def same_home(a: Fact | Profile, b: Fact | Profile) -> bool:
    return a.scope == b.scope and a.project == b.project


def is_near_duplicate(new: Profile, old: Profile) -> bool:
    """Same kind and nearly the same terms. FAILED and DECISION never merge (different kinds)."""
    if new.kind != old.kind or not same_home(new, old):
        return False
    if new.id == old.id:
        return True
    if _changed_value(new.terms, old.terms):
        return False
    j = jaccard(new.terms, old.terms)
    if j >= MERGE_JACCARD:
        return True
    smaller = min(len(new.terms), len(old.terms))
    return smaller >= 2 and containment(new.terms, old.terms) >= MERGE_CONTAINMENT


def _changed_value(a: frozenset[str], b: frozenset[str]) -> bool:
    """Both sides carry a number the other lacks ("15min" vs "30min"): a changed setting,
    which replaces rather than repeats."""
    return any(ch.isdigit() for t in a - b for ch in t) and any(ch.isdigit() for t in b - a for ch in t)


def _topics_match(new: Profile, old: Profile) -> bool:
    return bool(new.topic and old.topic) and (new.topic == old.topic or jaccard(new.topic, old.topic) >= 0.6)


def identifier_parts(terms: frozenset[str], min_len: int = 3) -> frozenset[str]:
    """The words inside compound identifiers ("check_credit_approval" -> credit, approval...), so a
    later "the credit approval now runs through ..." can name a fact that only spelled it in code."""
    return frozenset(_stem(part) for t in terms if "_" in t or "." in t
                     for part in re.split(r"[_.]+", t) if len(part) >= min_len and part not in _STOP)


def _cue_names(new: Profile, old: Profile) -> bool:
    """The new fact says it replaced something, and that something is the old fact's subject."""
    for subject in replaced_terms(new.fact):
        for named in (old.terms | identifier_parts(old.terms), old.topic):
            shared = subject & named
            if shared and len(shared) * 2 >= len(subject):
                return True
    return False


def can_be_replaced(old: Fact | Profile) -> bool:
    """Pinned facts are the user's: nothing replaces them automatically."""
    return old.status == "active"


def supersedes_by_cue(new: Profile, old: Profile) -> bool:
    """An explicit "switched from X"/"instead of X" naming the old fact's subject."""
    n, o = new, old
    if not can_be_replaced(o) or not same_home(n, o) or n.id == o.id:
        return False
    if n.kind in REPLACEABLE_KINDS and o.kind in REPLACEABLE_KINDS and _kinds_compatible(n.kind, o.kind):
        return _cue_names(new, old)
    if n.kind == "DECISION" and o.kind in PLAN_KINDS and n.fact is not None:
        # "replaces the per-robot domain id idea" ends the plan to give each robot its own id: only a
        # subject said given up, and every word of it in the old fact ("instead of page numbers" is
        # not about a fix in +page.svelte)
        named = old.terms | identifier_parts(old.terms, min_len=2)  # "id" of ROS_DOMAIN_ID too
        return any(subject <= named for subject in (tokens(p) - _FILLER_NOUNS for p in replaced_phrases(n.fact.text, given_up_only=True))
                   if subject)
    return False



def _root(term: str) -> str:
    """The name a term is built on: "chroma_db" on chroma, "sqlite3" on sqlite."""
    return re.split(r"[_.-]", name_key(term), maxsplit=1)[0]


def retires(new: Profile, old: Profile) -> bool:
    """A PROJECT fact lists what its session retired (memwrap.extract.retired: "forget chroma",
    "`sqlite3` removed"); an older fact built on one of those names goes with it."""
    if new.kind != "PROJECT" or new.fact is None or not new.fact.replaces:
        return False
    if not can_be_replaced(old) or not same_home(new, old) or old.kind not in RETIRABLE_KINDS or new.id == old.id:
        return False
    named = {f(t) for t in old.terms | old.topic for f in (name_key, _root)}  # "chroma_db/" is built on chroma
    return any(subject and {name_key(t) for t in subject} <= named for subject in (tokens(r) for r in new.fact.replaces))


# a one-word dead end named by one of these says too little to end an older choice (as `tokens` spells them)
_GENERIC_SUBJECTS = frozenset().union(*(tokens(w) for w in (
    "client", "server", "api", "app", "test", "tests", "config", "cache", "database", "db", "queue", "build", "page",
    "service", "data", "model", "ui", "frontend", "backend", "job", "jobs", "worker", "fix", "change", "setup",
    "version", "script")))


def abandons(new: Profile, old: Profile) -> bool:
    """A dead end told in a later session ("moka: abandoned, putting it in moka was the wrong
    call") ends an older DECISION/PATTERN/BUG_FIX built on that approach's whole name
    ("Idempotency-Key on POST /invoices via the moka cache"): the choice it recorded no longer
    holds. The store reads both texts before it acts (`keeps_choice`)."""
    if new.kind != "FAILED" or old.kind not in ("DECISION", "PATTERN", "BUG_FIX") or not new.topic or len(new.topic) > 3:
        return False
    if not can_be_replaced(old) or not same_home(new, old) or new.id == old.id:
        return False
    if len(new.topic) == 1 and next(iter(new.topic)) in _GENERIC_SUBJECTS:
        return False  # "client: failed" names no one approach
    named = {name_key(t) for t in old.terms | old.topic}
    return {name_key(t) for t in new.topic} <= named


def keeps_choice(old: Fact, new: Fact) -> bool:
    """`old`, which only `abandons` would end (see `Decision.abandoned`), stays: the dead end `new`
    and the choice come from one session (extraction settled them), or the choice itself turned
    the approach down ("Postgres advisory locks instead of Redis", "not using Docker for dev")."""
    session = (old.source or {}).get("session")
    if session and session == (new.source or {}).get("session"):
        return True
    names = tokens(new.topic or "")
    if any(tokens(p) & names for p in replaced_phrases(old.text)):
        return True
    words = "|".join(re.escape(w) for w in (new.topic or "").lower().split() if len(w) >= 3)
    return bool(words) and re.search(r"\b(?:no|not|never|without|instead of|rather than)\s+(?:[\w-]+\s+){0,2}?(?:"
                                     + words + r")\b", old.text.lower()) is not None


def _kinds_compatible(a: str, b: str) -> bool:
    return a == b or {a, b} == {"DECISION", "PATTERN"}


def supersedes(new: Profile, old: Profile) -> bool:
    """Does `new` replace `old`? (Call after near-duplicate merging has been ruled out.)

    * a DECISION/PATTERN/PROJECT on the same topic (same `topic`, an explicit change cue, or
      strongly overlapping subject terms with a different value);
    * a FAILED fact about the approach an active DECISION/PATTERN describes.
    """
    n, o = new, old
    if not can_be_replaced(o) or not same_home(n, o) or n.id == o.id:
        return False
    if n.kind in REPLACEABLE_KINDS and o.kind in REPLACEABLE_KINDS and _kinds_compatible(n.kind, o.kind):
        if _topics_match(new, old) or _cue_names(new, old):
            return True
        differ_both = bool(new.terms - old.terms) and bool(old.terms - new.terms)
        return differ_both and min(len(new.terms), len(old.terms)) >= 3 and jaccard(new.terms, old.terms) >= SUPERSEDE_JACCARD
    if n.kind == "FAILED" and o.kind in ("DECISION", "PATTERN"):
        if _topics_match(new, old):
            return True
        target = old.approach
        if len(target) < 1 or not new.approach:
            return False
        covered = len(target & new.approach) / len(target)
        return covered >= FAILED_COVERS and len(target & new.approach) >= min(2, len(target))
    return False


# A later session's decision on the same subject as an earlier one, with a different choice, ends it even
# unsaid ("Server-side sessions in Redis, signed id-only cookie, 8h TTL" after "Session: a signed cookie
# through SessionMiddleware, max_age 8h"). Measured on the 102 dev sets with a later session: 4 more of
# 109 listed replacements, no gold fact of an earlier session ended wrongly; at 0.1, 10 were.
SAME_SUBJECT_SHARED = 2  # content terms both say (numbers aside)
SAME_SUBJECT_JACCARD = 0.15


def replaces_on_same_subject(new: Profile, old: Profile) -> bool:
    """Two DECISIONs from different sessions (the caller checks) that share the subject's terms and
    each name something the other does not: the later choice is the one that holds."""
    if new.kind != "DECISION" or old.kind != "DECISION" or not can_be_replaced(old) or not same_home(new, old):
        return False
    if new.id == old.id or not (new.terms - old.terms) or not (old.terms - new.terms):
        return False
    shared = [t for t in new.terms & old.terms if not any(ch.isdigit() for ch in t)]
    return len(shared) >= SAME_SUBJECT_SHARED and jaccard(new.terms, old.terms) >= SAME_SUBJECT_JACCARD


def merge_into(keep: Fact, other: Fact, now: float | None = None) -> Fact:
    """Fold `other` into `keep`: counts add, files union, evidence accumulates, richer text wins.

    The kept id never changes (other facts and exports refer to it)."""
    now = now or time.time()
    keep.count += max(1, other.count)
    keep.files = list(dict.fromkeys([*keep.files, *other.files]))
    if other.evidence and other.evidence not in keep.evidence:
        joined = f"{keep.evidence} | {other.evidence}" if keep.evidence else other.evidence
        keep.evidence = joined if len(joined) <= 300 else keep.evidence or other.evidence[:300]
    if len(tokens(other.text)) > len(tokens(keep.text)) and len(other.text) <= 160:
        keep.text = other.text
    if other.topic and not keep.topic:
        keep.topic = other.topic
    keep.injected_count += other.injected_count
    if other.last_injected and (keep.last_injected or 0) < other.last_injected:
        keep.last_injected = other.last_injected
    keep.updated_at = now
    return keep


def link_supersession(old: Fact, new: Fact, now: float | None = None) -> None:
    old.status = "superseded"
    old.superseded_by = new.id
    old.updated_at = now or time.time()
    if old.id not in new.supersedes:
        new.supersedes.append(old.id)


@dataclass(frozen=True)
class Decision:
    action: str  # new | merged | superseded
    merge_with: str | None = None  # id of the fact to merge into
    replaces: tuple[str, ...] = ()  # ids of the facts the new (or merged) one supersedes
    # those of `replaces` only `abandons` or an unsaid same-subject replacement ends: the store reads
    # their texts first (`keeps_choice`)
    abandoned: tuple[str, ...] = ()


class Pool:
    """The facts a new fact is compared with, with an inverted index from terms to facts so a
    new fact is compared only with facts that share a distinguishing term (a batch of 6,000
    imported facts would otherwise be 18M comparisons)."""

    COMMON = 400  # a term in more facts than this distinguishes nothing; it proposes no candidates

    def __init__(self, profiles: Iterable[Profile] = ()) -> None:
        self.by_id: dict[str, Profile] = {}
        self._postings: dict[str, set[str]] = {}
        for p in profiles:
            self.put(p)

    @staticmethod
    def _keys(p: Profile) -> frozenset[str]:
        return p.terms | p.topic | p.approach | identifier_parts(p.terms)

    def put(self, profile: Profile) -> None:
        old = self.by_id.get(profile.id)
        if old is not None:
            for term in self._keys(old):
                self._postings.get(term, set()).discard(old.id)
        self.by_id[profile.id] = profile
        for term in self._keys(profile):
            self._postings.setdefault(term, set()).add(profile.id)

    def candidates(self, profile: Profile) -> list[Profile]:
        """Facts that could merge with or be replaced by `profile`: those sharing two of its
        terms (every similarity rule needs that much), or a topic term, or a term of what its
        text says it replaced, or one term with a fact that has hardly any."""
        shared: dict[str, int] = {}
        for term in profile.terms | profile.approach:
            posting = self._postings.get(term)
            if posting and len(posting) <= self.COMMON:
                for fact_id in posting:
                    shared[fact_id] = shared.get(fact_id, 0) + 1
        ids = {i for i, n in shared.items() if n >= 2 or len(self.by_id[i].approach) <= 2}
        named = profile.topic.union(*replaced_terms(profile.fact))
        for term in named:
            posting = self._postings.get(term)
            if posting and len(posting) <= self.COMMON:
                ids |= posting
        if profile.kind == "PROJECT" and profile.fact is not None and profile.fact.replaces:
            retired = {name_key(t) for r in profile.fact.replaces for t in tokens(r)}
            for term, posting in self._postings.items():  # "chroma_db", "sqlite3": built on a retired name
                if term not in named and len(posting) <= self.COMMON and _root(term) in retired:
                    ids |= posting
        if profile.id in self.by_id:
            ids.add(profile.id)
        return [self.by_id[i] for i in sorted(ids)]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.by_id.values())


def decide(new: Fact, existing: Iterable[Profile] | Pool, batch: frozenset[str] = frozenset()) -> Decision:
    """What to do with `new` given the facts already in its project (and scope). `batch`: ids
    written with it (its own session), which what it retires never touches.

    Order matters: an explicit change cue beats similarity ("no longer use JWT with refresh
    tokens" must replace, not merge into, "JWT with refresh tokens"); a near-duplicate merges;
    otherwise anything it replaces is superseded. What a PROJECT fact retires, and a choice built
    on what a FAILED fact gave up, go in any case (never one written in the same batch; the store
    also keeps one from the same session or one that turned the approach down, see `keeps_choice`)."""
    profile = Profile.of(new)
    pool = existing if isinstance(existing, Pool) else Pool(existing)
    candidates = [p for p in pool.candidates(profile) if same_home(p, new)]
    retired = tuple(p.id for p in candidates if p.id not in batch and (retires(profile, p) or abandons(profile, p)))
    by_cue = tuple(p.id for p in candidates if supersedes_by_cue(profile, p)
                   and not (p.kind in PLAN_KINDS and p.id in batch))
    abandoned = tuple(p.id for p in candidates if p.id in retired and not (
        retires(profile, p) or p.id in by_cue or supersedes(profile, p)))
    if by_cue:
        return Decision("superseded", replaces=tuple(dict.fromkeys(by_cue + retired)), abandoned=abandoned)
    exact = pool.by_id.get(new.id)
    if exact is not None and same_home(exact, new):  # an exact id match beats any fuzzy one
        return Decision("merged", merge_with=exact.id, replaces=tuple(i for i in retired if i != exact.id),
                        abandoned=abandoned)
    best: tuple[float, str] | None = None
    for p in candidates:
        if is_near_duplicate(profile, p):
            score = jaccard(profile.terms, p.terms)
            if best is None or score > best[0]:
                best = (score, p.id)
    if best is not None:
        return Decision("merged", merge_with=best[1], replaces=tuple(i for i in retired if i != best[1]),
                        abandoned=abandoned)
    # an unsaid replacement is checked like an abandonment: never one of the new fact's own session
    said = tuple(p.id for p in candidates if supersedes(profile, p))
    unsaid = tuple(p.id for p in candidates if p.id not in batch and p.id not in said
                   and replaces_on_same_subject(profile, p))
    replaced = tuple(dict.fromkeys(said + retired + unsaid))
    if replaced:
        return Decision("superseded", replaces=replaced, abandoned=abandoned + unsaid)
    return Decision("new")


def last_used(fact: Fact) -> float:
    """When the fact last mattered: injected, re-seen (updated) or created."""
    return max(fact.last_injected or 0.0, fact.updated_at or 0.0, fact.created_at or 0.0)


def days_unused(fact: Fact, now: float | None = None) -> float:
    return max(0.0, ((now or time.time()) - last_used(fact)) / DAY)


def staleness(fact: Fact, now: float | None = None) -> float:
    """0.0 while fresh, rising towards 1.0 as the fact goes unused past STALE_AFTER_DAYS.
    Pinned facts never go stale."""
    if fact.status == "pinned":
        return 0.0
    over = days_unused(fact, now) - STALE_AFTER_DAYS
    if over <= 0:
        return 0.0
    return 1.0 - math.exp(-over / 90.0)


def rank_weight(fact: Fact, now: float | None = None) -> float:
    """Multiplier for relevance scores: 1.0 fresh, down to 0.25 for long-unused facts;
    facts seen or used often hold their rank longer."""
    support = min(1.0, math.log1p(fact.count + fact.injected_count) / math.log(20))
    return 1.0 - 0.75 * staleness(fact, now) * (1.0 - 0.5 * support)


def gc_prunable(fact: Fact, now: float | None = None) -> bool:
    """Long-unused, never pinned, still active: `memwrap gc` prunes it (restorable until next gc)."""
    return fact.status == "active" and days_unused(fact, now) >= GC_UNUSED_DAYS

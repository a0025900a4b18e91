"""Choose the facts the next launch gets and render them as the memory block.

Ranking (DESIGN.md "The memory block"), highest first:
1. relevance to what the user is working on: a fact's files (or paths named in its text)
   match files in git status / recent commits / recently modified / named at the end of
   the previous session; weaker: distinctive names from the previous session's end;
2. pinned facts; 3. global preferences; 4. recency of the fact, minus a penalty for facts
   nobody has touched or been shown for a long time.
Then facts are added greedily while the whole block stays within the token budget, and the
block is rendered grouped by kind in a fixed order, best first within each kind.

Token counts always come from memwrap.tokens.count_tokens; the header's tokens= is the
count of the entire block, header and closing marker included.
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from memwrap.config import DEFAULT_BUDGET
from memwrap.facts import BLOCK_TAG, Fact, clean_text, says_topic
from memwrap.project import Project
from memwrap.tokens import count_tokens
from memwrap.workctx import WorkContext, files_in_text, work_context

# Rendering order of kinds (stable): what the project is, what was settled, how, fixes,
# what not to retry, what is left, then the person's preferences.
KIND_ORDER: tuple[str, ...] = ("PROJECT", "DECISION", "PATTERN", "BUG_FIX", "FAILED", "TODO", "PREFERENCE")

PREAMBLE = (
    "Notes memwrap kept from earlier sessions in this project, one per line, kind first. "
    "They may be out of date; the code and the user are the authority."
)

DAY = 86400.0
RECENCY_HALF_LIFE_DAYS = 30.0
STALE_AFTER_DAYS = 120.0  # untouched and not shown for this long: loses rank

# Tier weights: chosen so that a tier above always outweighs every tier below.
W_RELEVANCE = 100.0
W_PINNED = 40.0
W_GLOBAL_PREF = 20.0
W_PROJECT_KIND = 12.0  # the one-line project summary is useful in every session
W_RECENCY = 8.0
W_STALE = 6.0
W_COUNT, MAX_COUNT_STEPS = 0.3, 5  # a fact seen in several sessions, up to 5 more
MAX_MISFITS = 40  # once the budget is nearly full, look this far for shorter facts that fit
MIN_NAME = 3  # shorter names of the last session are too common to mean anything
# What the rank index stores values of (static_base, relevance_keys): changing one of these
# invalidates every stored index, which the next write rebuilds.
INDEXED_SCORING = (W_PINNED, W_GLOBAL_PREF, W_PROJECT_KIND, W_COUNT, MAX_COUNT_STEPS, MIN_NAME)

_ROLE_TAG_RE = re.compile(
    r"<\s*/?\s*(?:system(?:[-_ ]?(?:reminder|prompt|message))?|user|assistant|human|developer|"
    r"instructions?|tool(?:_use|_result)?|function(?:_calls?|_results?)?|im_start|im_end|"
    r"inst|sys|context|prompt|antml[^>\s]*)\b[^>]*>",
    re.IGNORECASE,
)
_SPECIAL_TOKEN_RE = re.compile(r"<\|[^|>]{0,40}\|>|\[/?INST\]|<</?SYS>>", re.IGNORECASE)
_ROLE_PREFIX_RE = re.compile(r"\b(Human|Assistant|System)\s*:", re.IGNORECASE)
_WORD_RE = re.compile(r"[a-z_][a-z0-9_]*(?:[.:][a-z_][a-z0-9_]*)*")


@dataclass
class Chosen:
    fact: Fact
    line: str
    tokens: int
    score: float
    reason: str


@dataclass
class MemoryBlock:
    text: str  # "" when there is nothing to inject
    facts: list[Fact] = field(default_factory=list)
    tokens: int = 0
    chosen: list[Chosen] = field(default_factory=list)  # in block order, with reasons
    left_out: int = 0  # live candidates that did not fit the budget
    candidates: int = 0
    budget: int = DEFAULT_BUDGET
    via_index: bool = False  # chosen through the store's rank index rather than a full scan

    def __bool__(self) -> bool:
        return bool(self.text)

    @property
    def ids(self) -> list[str]:
        return [f.id for f in self.facts]


_SUSPECT_RE = re.compile(r"[<\[\x00-\x1f\x7f\u2028\u2029]|human|assistant|system", re.IGNORECASE)


def sanitize_line(line: str) -> str:
    """One line that cannot close the block or pose as a role/system turn."""
    if not _SUSPECT_RE.search(line):
        return line.strip()  # fast path: nothing that could be a marker, tag or role
    line = clean_text(line, limit=10_000)  # strips memwrap markers, newlines, control chars
    line = _SPECIAL_TOKEN_RE.sub(" ", line)
    line = _ROLE_TAG_RE.sub(lambda m: "(" + m.group(0).strip("<>").strip() + ")", line)
    line = _ROLE_PREFIX_RE.sub(lambda m: m.group(1) + " -", line)
    return re.sub(r"\s{2,}", " ", line).strip()


def render_line(fact: Fact) -> str:
    """`KIND: text`; a FAILED fact also says what it concerns when its text does not.
    "" for a fact with no text left (nothing worth a line)."""
    if not fact.text.strip():
        return ""
    text = fact.line()
    if fact.kind == "FAILED" and fact.topic and not says_topic(fact.text, fact.topic):
        text = f"FAILED: {fact.topic}: {text[len('FAILED: '):]}"
    return sanitize_line(text)


def _header(name: str, n: int, tokens: int) -> str:
    safe = re.sub(r'["<>&\s]+', "-", clean_text(name, limit=80)) or "project"
    return f'<{BLOCK_TAG} project="{safe}" facts="{n}" tokens="{tokens}">'


def render_block(project_name: str, lines: list[str]) -> tuple[str, int]:
    """The block text and its exact token count (fixed point: the header holds the count)."""
    body = "\n".join([PREAMBLE, *lines, f"</{BLOCK_TAG}>"])
    body_tokens = count_tokens(body)
    tokens = body_tokens
    for _ in range(5):  # digits of the count change the count; converges in 1-2 rounds
        total = body_tokens + count_tokens(_header(project_name, len(lines), tokens))
        if total == tokens:
            break
        tokens = total
    return _header(project_name, len(lines), tokens) + "\n" + body, tokens


def _norm_ref(ref: str) -> str:
    return ref.strip().removeprefix("./").replace("\\", "/")


def _base_name(path: str) -> str:
    """Every file match (exact, suffix, same name) implies equal lower-cased base names."""
    return path.rsplit("/", 1)[-1].lower()


def _fact_refs(fact: Fact) -> list[str]:
    refs = list(fact.files)
    if "." in fact.text:
        refs += files_in_text(fact.text)
    return refs


def _fact_words(fact: Fact) -> set[str]:
    return set(_WORD_RE.findall(f"{fact.topic} {fact.text}".lower()))


def relevance_keys(fact: Fact) -> tuple[dict[str, list[str]], set[str]]:
    """What any work context could match in `fact`: its file references (as written) by
    lower-cased base name, and its words that a name can equal. The rank index posts these
    so a launch finds relevant facts without scanning."""
    refs: dict[str, list[str]] = {}
    for ref in _fact_refs(fact):
        norm = _norm_ref(ref)
        if norm:
            refs.setdefault(_base_name(norm), []).append(ref)
    return refs, {w for w in _fact_words(fact) if len(w) >= MIN_NAME}


class _Matcher:
    """Relevance of one fact to the work context, precomputed for speed."""

    def __init__(self, work: WorkContext | None) -> None:
        self.weights = work.file_weights() if work else {}
        self.by_base: dict[str, tuple[float, str, str]] = {}
        self.suffixes: dict[str, tuple[float, str, str]] = {}  # "auth/refresh.go" -> src/auth/refresh.go
        for path, (weight, why) in self.weights.items():
            base = _base_name(path)
            if base not in self.by_base or self.by_base[base][0] < weight:
                self.by_base[base] = (weight, why, path)
            parts = path.split("/")
            for i in range(1, len(parts)):
                tail = "/".join(parts[i:])
                if tail not in self.suffixes or self.suffixes[tail][0] < weight:
                    self.suffixes[tail] = (weight, why, path)
        self.names = {n for n in (work.names if work else set()) if len(n) >= MIN_NAME}

    def __bool__(self) -> bool:
        return bool(self.weights or self.names)

    def _file_hit(self, ref: str) -> tuple[float, str] | None:
        ref = _norm_ref(ref)
        if not ref:
            return None
        hit = self.weights.get(ref)
        if hit:
            return hit[0], f"{hit[1]}: {ref}"
        longer = self.suffixes.get(ref)  # the fact names a tail of a work file
        if longer:
            return longer[0], f"{longer[1]}: {longer[2]}"
        parts = ref.split("/")
        for i in range(1, len(parts) - 1):  # the fact names a work file under a longer (absolute) path
            tail = "/".join(parts[i:])
            hit = self.weights.get(tail)
            if hit:
                return hit[0], f"{hit[1]}: {tail}"
        base = self.by_base.get(_base_name(ref))
        if base:  # same file name elsewhere: weaker evidence
            return base[0] * 0.6, f"{base[1]} (same name): {base[2]}"
        return None

    def score(self, fact: Fact) -> tuple[float, str]:
        if not self:
            return 0.0, ""
        best, why = 0.0, ""
        hits = 0
        if self.weights:
            for ref in _fact_refs(fact):
                hit = self._file_hit(ref)
                if hit:
                    hits += 1
                    if hit[0] > best:
                        best, why = hit
        relevance = best + 0.25 * min(hits - 1, 4) if hits else 0.0
        if self.names:
            common = _fact_words(fact) & self.names
            if common:
                relevance += min(0.4 * len(common), 1.2)
                if not why:
                    why = "names in the last session: " + ", ".join(sorted(common)[:3])
        return relevance, why


def static_base(fact: Fact) -> float:
    """The part of a fact's score that does not depend on time or on the work context."""
    base = W_COUNT * min(fact.count - 1, MAX_COUNT_STEPS)  # seen in several sessions
    if fact.status == "pinned":
        base += W_PINNED
    if fact.scope == "global" and fact.kind == "PREFERENCE":
        base += W_GLOBAL_PREF
    if fact.kind == "PROJECT":
        base += W_PROJECT_KIND
    return base


def fact_time(fact: Fact) -> float:
    return fact.updated_at or fact.created_at


def recency(when: float, now: float) -> float:
    """Falls as `now` grows and rises with `when` (the rank index's bounds rely on both)."""
    return W_RECENCY * math.pow(0.5, max(0.0, now - when) / DAY / RECENCY_HALF_LIFE_DAYS)


def _score(fact: Fact, matcher: _Matcher, now: float) -> tuple[float, str]:
    """W_RELEVANCE * relevance + static_base + recency - staleness: never more than
    W_RELEVANCE * relevance + static_base + recency (the rank index's bound)."""
    relevance, why = matcher.score(fact)
    reasons = [why] if why else []
    if fact.status == "pinned":
        reasons.append("pinned")
    if fact.scope == "global" and fact.kind == "PREFERENCE":
        reasons.append("global preference")
    when = fact_time(fact)
    score = W_RELEVANCE * relevance + static_base(fact) + recency(when, now)
    last_used = max(fact.updated_at or 0.0, fact.last_injected or 0.0)
    if now - last_used > STALE_AFTER_DAYS * DAY:
        score -= W_STALE
    age_days = max(0.0, now - when) / DAY
    if not reasons:
        reasons.append(f"recent ({age_days:.0f} d old)" if age_days >= 1 else "recent (today)")
    return score, "; ".join(reasons)


def _candidates(store: Any, project: Project) -> list[Fact]:
    seen: dict[str, Fact] = {}
    live = ("active", "pinned")  # the index says so: pruned and superseded facts are never decoded
    for group in (store.facts(project=project.key, status=live), store.facts(scope="global", status=live)):
        for fact in group:
            if fact.live and fact.id not in seen and (fact.scope == "global" or fact.project == project.key):
                seen[fact.id] = fact
    return list(seen.values())


def select_facts(
    facts: Iterable[Fact],
    project_name: str,
    *,
    budget: int = DEFAULT_BUDGET,
    work: WorkContext | None = None,
    now: float | None = None,
) -> MemoryBlock:
    """Rank `facts` and fit the best into `budget` tokens (pure: no store, no I/O)."""
    now = time.time() if now is None else now
    matcher = _Matcher(work)
    live = [f for f in facts if f.live]
    ranked = sorted(
        ((*_score(f, matcher, now), f) for f in live),
        key=lambda item: (-item[0], -item[2].updated_at, item[2].id),
    )
    return _fit(ranked, len(live), project_name, budget)


def _fit(ranked: Iterable[tuple[float, str, Fact]], live: int, project_name: str, budget: int) -> MemoryBlock:
    """Add facts best first while the block stays within `budget`; render it. Reads `ranked`
    only as far as it needs (the rank index hands it a lazy stream)."""
    frame_tokens = render_block(project_name, [])[1] + 2  # header digits may grow a little
    used = frame_tokens
    chosen: list[Chosen] = []
    misfits = 0
    for score, reason, fact in ranked:
        if budget - used < 4 or misfits >= MAX_MISFITS:  # full: no fact line is that short
            break
        line = render_line(fact)
        if not line:
            continue
        # No redaction here: the store redacts on every write, so the launch path skips
        # compiling the redaction rules.
        cost = count_tokens(line)
        if used + cost > budget:
            misfits += 1  # a shorter fact a little further down may still fit
            continue
        used += cost
        chosen.append(Chosen(fact, line, cost, score, reason))
    if not chosen:
        return MemoryBlock(text="", candidates=live, left_out=live, budget=budget)
    order = {kind: i for i, kind in enumerate(KIND_ORDER)}
    chosen.sort(key=lambda c: order.get(c.fact.kind, len(order)))  # stable: best first per kind
    text, tokens = render_block(project_name, [c.line for c in chosen])
    while tokens > budget and chosen:  # only if the header estimate was off: drop the weakest
        weakest = min(chosen, key=lambda c: c.score)
        chosen.remove(weakest)
        text, tokens = render_block(project_name, [c.line for c in chosen])
    return MemoryBlock(
        text=text if chosen else "",
        facts=[c.fact for c in chosen],
        tokens=tokens if chosen else 0,
        chosen=chosen,
        left_out=live - len(chosen),
        candidates=live,
        budget=budget,
    )


class _NeedScan(Exception):
    """The rank index cannot prove the next fact in order: the full scan decides."""


_EPS = 1e-6  # bounds are summed in another order than scores: never let rounding undercut them


def _indexed_block(txn: Any, store: Any, project: Project, matcher: _Matcher, now: float,
                   budget: int) -> MemoryBlock | None:
    """The block from the rank index (inside one read transaction), or None when the index
    is missing or stale. Raises _NeedScan when the budget reaches past what it can prove."""
    import heapq

    from memwrap import rankindex
    from memwrap.store import home_key

    homes = [home_key("project", project.key), home_key("global", "")]
    records = rankindex.read_records(txn, homes)
    if records is None:
        return None
    bound = max((r.static_bound(now) for r in records), default=-math.inf)  # -inf: no fact unseen
    bound += _EPS
    inside = {fact_id for r in records for fact_id in r.top}

    def belongs(fact: Fact | None) -> bool:
        return fact is not None and fact.live and (fact.scope == "global" or fact.project == project.key)

    exact: list[tuple[float, float, str, str, Fact]] = []

    def push(fact: Fact | None) -> None:
        if belongs(fact):
            score, why = _score(fact, matcher, now)  # type: ignore[arg-type]
            heapq.heappush(exact, (-score, -fact.updated_at, fact.id, why, fact))  # type: ignore[union-attr]

    for fact_id in inside:
        push(store.load_in(txn, fact_id))
    maybe = [(-ub, fact_id) for fact_id, ub in _outsider_bounds(txn, homes, matcher, inside, bound, now).items()]
    heapq.heapify(maybe)

    def ranked() -> Iterator[tuple[float, str, Fact]]:
        while True:
            if maybe and (not exact or -maybe[0][0] >= -exact[0][0]):
                push(store.load_in(txn, heapq.heappop(maybe)[1]))  # might beat the best known
                continue
            if not exact:
                if bound == -math.inf:
                    return  # every live fact has been seen
                raise _NeedScan
            if -exact[0][0] <= bound:
                raise _NeedScan  # an unseen fact may rank here
            neg, _, _, why, fact = heapq.heappop(exact)
            yield -neg, why, fact

    block = _fit(ranked(), sum(r.n for r in records), project.name, budget)
    block.via_index = True
    return block


def _refs_match(matcher: _Matcher, tail: bytes, strongest: float) -> tuple[float, int]:
    """(best weight, number of matching references) of a file posting's references."""
    try:
        refs = tail.decode("utf-8", "surrogateescape").split("\x00") if tail != b"\xff" else None
    except UnicodeDecodeError:
        refs = None
    if refs is None:  # damaged or unstorable: the most any references could give
        return strongest, 5
    weights = [hit[0] for hit in map(matcher._file_hit, refs) if hit]
    return max(weights, default=0.0), len(weights)


def _outsider_bounds(txn: Any, homes: list[bytes], matcher: _Matcher, inside: set[str],
                     bound: float, now: float) -> dict[str, float]:
    """Upper bounds on the score of every fact outside the top lists that the work context
    could make relevant, from the postings alone: the file part of relevance is exact (the
    postings hold the references), the names part counts names (>= the words in common)."""
    from memwrap import rankindex

    if not matcher:
        return {}
    tokens = {rankindex.token(_base_name(path)) for path in matcher.weights}
    strongest = max((w for w, _ in matcher.weights.values()), default=0.0)
    matched: dict[bytes, tuple[float, int]] = {}  # posting references -> (best weight, hits), memoised
    best: dict[str, float] = {}
    hits: dict[str, int] = {}
    names: dict[str, int] = {}
    static: dict[str, tuple[float, float]] = {}  # fact id -> (base, time) from its postings
    for home in homes:
        for tok in tokens:
            for fact_id, base, when, tail in rankindex.postings(txn, home, rankindex.FILE, tok):
                if fact_id in inside:
                    continue
                static[fact_id] = (base, when)
                found = matched.get(tail)
                if found is None:
                    found = matched[tail] = _refs_match(matcher, tail, strongest)
                if found[1]:
                    best[fact_id] = max(best.get(fact_id, 0.0), found[0])
                    hits[fact_id] = hits.get(fact_id, 0) + found[1]
        for name in matcher.names:  # one count per name: cut tokens may share a posting
            for fact_id, base, when, _ in rankindex.postings(txn, home, rankindex.WORD, rankindex.token(name)):
                if fact_id not in inside:
                    names[fact_id] = names.get(fact_id, 0) + 1
                    static[fact_id] = (base, when)
    out = {}
    for fact_id, (base, when) in static.items():
        n = hits.get(fact_id, 0)
        rel = best[fact_id] + 0.25 * min(n - 1, 4) if n else 0.0
        rel += min(0.4 * names.get(fact_id, 0), 1.2)
        if rel:
            ub = base + recency(when, now) if math.isfinite(when) else math.inf
            out[fact_id] = W_RELEVANCE * rel + min(ub, bound) + _EPS
    return out


def build_block(
    store: Any,
    project: Project | str,
    *,
    budget: int = DEFAULT_BUDGET,
    work: WorkContext | None = None,
    now: float | None = None,
    use_index: bool = True,
) -> MemoryBlock:
    """The memory block for a launch in `project`. Does not mark facts as injected:
    the launcher calls `store.mark_injected(block.ids, when)` once the block is delivered.

    With the store's rank index (memwrap.rankindex) only its top lists and the postings the
    work context hits are read; the result is the full scan's, which runs when the index is
    missing or stale, or cannot prove a fact the budget reaches (`use_index=False` forces it)."""
    if isinstance(project, str):
        project = Project.named(project)
    if work is None:
        work = work_context(project.root, store=store, project_key=project.key, now=now)
    now = time.time() if now is None else now
    if use_index and hasattr(store, "read_txn"):
        matcher = _Matcher(work)
        try:
            block = store.read_txn(lambda txn: _indexed_block(txn, store, project, matcher, now, budget), None)
        except _NeedScan:
            block = None
        if block is not None:
            return block
    return select_facts(_candidates(store, project), project.name, budget=budget, work=work, now=now)


__all__ = ["MemoryBlock", "Chosen", "build_block", "select_facts", "render_line", "sanitize_line",
           "work_context", "WorkContext", "KIND_ORDER", "PREAMBLE"]

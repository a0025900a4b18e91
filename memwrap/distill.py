"""One session's turns -> a handful of typed facts: redact -> classify -> compress ->
validate -> dedupe. Stores nothing (the caller hands the facts to the store).

Bias toward not storing: candidates below a score floor are dropped, each kind has a small
quota, and the whole set is capped by a token budget so a long session yields a few hundred
tokens of memory, not a transcript.
"""

from __future__ import annotations

import re
from dataclasses import replace

from memwrap.classify import Candidate, _same_topic, extract_candidates
from memwrap.extract import ranker
from memwrap.extract.fit import fit, telling
from memwrap.extract.topics import names_nothing
from memwrap.extract.worth import rescored
from memwrap.compress import condense
from memwrap.facts import Fact, says_topic
from memwrap.redact import printed_by, redact_session
from memwrap.tokens import count_tokens
from memwrap.turns import Turn

MIN_SCORE = 0.5
FACT_TOKENS = 700  # all facts of one session together
MIN_FACT_TOKENS = 400  # what a short session may always use
# below 10k tokens the ranker's facts may fill up to an eighth of the session (49 dev sets:
# +50 gold facts, +68 noise facts against a flat 400; on the six newest sets +11 / +11)
SMALL_SESSION_SHARE = 8
TARGET_COMPRESSION = 24  # a long session's facts stay under 1/24 of it: the block stays >= 20x smaller
BLOCK_WRAPPER_TOKENS = 70  # the block's opening tag, its note line and closing tag (memwrap.select)
# score a line's tokens cost it: a 60-token line ranks 0.08 below a 20-token one, so under the budget two short
# facts can beat one long one of nearly the same score (121 dev sets at 0.002: +23 gold, -5 dead-end leaks,
# +7 failure context, +49 noise facts; 0.001: +12/-5/+4/+24; 0.004: +26/-2/+7/+56)
SCORE_PER_TOKEN = 0.002
QUOTA = {"PROJECT": 1, "DECISION": 5, "FAILED": 5, "BUG_FIX": 4, "PATTERN": 3, "PREFERENCE": 3, "TODO": 3}
_PRIORITY = {"FAILED": 0, "DECISION": 1, "BUG_FIX": 2, "PREFERENCE": 3, "PATTERN": 4, "TODO": 5, "PROJECT": 6}


def _strip_memory(turns: list[Turn]) -> list[Turn]:
    """Never distil memwrap's own injected block back into memory."""
    try:
        from memwrap.transcript import strip_memory
    except ImportError:  # transcript.py is another stage; the stage must still work alone
        return turns
    return strip_memory(turns)


def redact_turns(turns: list[Turn]) -> list[Turn]:
    """The session's turns redacted together: a secret found in one turn is taken out of every
    other turn too, and a tool call that prints a secret has its output's value taken out."""
    printed = [p for t in turns if t.role == "tool" for p in printed_by(t.input, t.text)]
    fields = redact_session([x for t in turns for x in (t.text, t.input)], printed)
    return [replace(t, text=fields[2 * i], input=fields[2 * i + 1], files=list(t.files), meta=dict(t.meta))
            for i, t in enumerate(turns)]


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9][a-z0-9._/-]{2,}", text.lower()))


# Words a short spoken choice wraps around its subject ("let's do wall jump", "ok go with xkey")
_SAYING = frozenset("""let lets ok okay yes yeah yep sure please pls just then now go going with and the use do try
    fine good sounds great that this for we will i'll""".split())


def _contains(longer: str, shorter: str) -> bool:
    a, b = _words(longer), _words(shorter) - _SAYING
    return len(longer) > len(shorter) and bool(b) and b <= a


def _code_apart(a: Candidate, b: Candidate) -> bool:
    """One names a code identifier in its topic that the other never mentions ("ban_cutoff" and
    "ban handler from purge" share a part, not a subject)."""
    def code(c: Candidate) -> set[str]:
        return {t for t in c.topic.lower().split() if re.search(r"\w[_.]\w", t)}
    return any(t not in b.text.lower() for t in code(a)) or any(t not in a.text.lower() for t in code(b))


def dedupe(cands: list[Candidate]) -> list[Candidate]:
    """Within one session: one candidate per (kind, topic), and near-identical texts merge;
    the higher score wins and keeps the other's files."""
    kept: list[Candidate] = []
    for c in sorted(cands, key=lambda c: -c.score):
        twin = None
        for k in kept:
            a, b = _words(k.text), _words(c.text)
            overlap = len(a & b) / max(1, min(len(a), len(b)))
            if k.kind != c.kind and not ({k.kind, c.kind} <= {"DECISION", "PATTERN", "PREFERENCE"} and k.turn == c.turn):
                # one user sentence read as both a decision and a rule is one fact; so is the same
                # sentence read by two readers as two kinds ("... is todo, leave it" / "Later; ... leave it")
                if overlap < 0.85 or len(b) < 4 or "FAILED" in (k.kind, c.kind) or "PROJECT" in (k.kind, c.kind):
                    continue
            same_topic = c.kind in ("DECISION", "FAILED", "PROJECT") and _same_topic(k.topic, c.topic) \
                and not _code_apart(k, c)
            if same_topic or overlap >= 0.7:
                twin = k
                break
        if twin is None:
            kept.append(c)
        elif c.kind == "FAILED" and twin.kind == "FAILED" and telling(c.text) > telling(twin.text) + 1:
            # two tellings of one dead end: the one that says more of what went wrong (numbers,
            # names, causes) is the memory, at the stronger one's score, with the other's head
            head = twin.text.split(":", 1)[0] if ":" in twin.text[:50] else ""
            text = c.text if not head or head.lower() in c.text.lower() else f"{head}: {c.text}"
            kept[kept.index(twin)] = replace(c, text=fit(text, 200), topic=twin.topic, score=twin.score,
                                             files=list(dict.fromkeys(twin.files + c.files)))
        elif _contains(c.text, twin.text):
            # the weaker reading quotes the whole sentence the stronger one cut a clause from:
            # the fuller text carries what the clause lost ("never use it" -> what "it" is)
            kept[kept.index(twin)] = replace(c, score=twin.score, files=list(dict.fromkeys(twin.files + c.files)))
        else:
            twin.files = list(dict.fromkeys(twin.files + c.files))
    return kept


# An enumerated set of alternatives inside a fact ("(1) X, (2) Y" / "(a) ... (b) ...") is a
# menu, not a choice: kept whole, it carries the options that were turned down.
_OPTION_RE = re.compile(r"(?:^|[\s:;,])\(\s*(?:\d|[a-h])\s*\)\s*")
# Someone else's suggestion reported by the user is not the user's decision or rule
# ("my manager asked AGAIN if we should move to X", "unrelated q: one of the guys keeps pushing X").
_ASIDE = r"(?:\W*(?:unrelated|btw|also|other question|side note|random q)(?:\s+(?:q|question|thing))?(?:\s*[:,]\s*|\s+))?"
_PEOPLE = (r"(?:guy|person|people|colleague|friend|manager|boss|lead|someone|somebody|team|they|he|she|client|customer|reviewer|"
           r"coworker|co-?worker|ops|co-?founder|cto|ceo|pm|architect|teammate|folks|devs?|designer|one of the \w+)s?")
_SOMEONE_ELSE = r"^(?:\W*)" + _ASIDE + r"(?:the\s+|a\s+|my\s+|our\s+|some\s*)?" + _PEOPLE + r"(?:\s+\w+){0,5}?\s+"
_RELAYS = r"keeps? (?:saying|pushing|asking|suggesting|telling)|(?:is |are )?pushing|asked(?: \w+)? (?:if|whether|why)"
_REPORTED_RE = re.compile(_SOMEONE_ELSE + r"(?:said|says?|suggested|suggests|told us|told me|wanted|wants|proposed|recommended|"
                          r"thinks|thought|asked(?: \w+)? about|" + _RELAYS + r")\b", re.I)
# ... the same as a to-do: an ask relayed ("my cofounder keeps saying we should move to X") is no plan of the user's
_RELAYED_ASK_RE = re.compile(_SOMEONE_ELSE + r"(?:" + _RELAYS + r")\b", re.I)
# ... or by name: "Stefan says enable the configuration cache" ("say": not everyone writes native English)
_REPORTED_BY_NAME_RE = re.compile(r"^\W*(?:(?:[Bb]ut|[Aa]nd|[Aa]lso|[Oo]ther question:)\s+)?[A-Z][a-zà-ÿ]+\s+(?:says?|said|suggested|"
                                  r"thinks|wants|recommended|proposed)\b")


def too_short(text: str) -> bool:
    """Two words ("Evenings only", "H2: reverted") say nothing on their own in a later session: the
    question or the attempt they answered is not in memory. On the 109 dev sets 38 such facts were
    noise and one a gold fact."""
    return len(re.findall(r"[\w'./`+-]+", text)) <= 2


def carried_a_secret(text: str) -> bool:
    """A sentence that held a credential ("use the team account, token <...>", "staging is
    postgres://app:<...>@db") is about access in that session, not knowledge for the next one, and
    whatever redaction missed around the secret would go with it. On the 109 dev sets 51 facts
    held a redacted secret, 46 of them noise; without them, 41 fewer noise facts and no gold lost."""
    return re.search(r"\[REDACTED[:,]", text) is not None


def drop_menus_and_hearsay(cands: list[Candidate]) -> list[Candidate]:
    """Cut option menus down to what precedes them (or drop the fact when nothing does), and
    drop non-FAILED facts that only report another person's suggestion."""
    out = []
    for c in cands:
        if c.kind != "PROJECT" and (too_short(c.text) or carried_a_secret(c.text)):
            continue
        if c.kind == "FAILED":
            out.append(c)
            continue
        if c.kind != "PROJECT" and names_nothing(c.text):
            continue
        if (_REPORTED_RE.search(c.text) or _REPORTED_BY_NAME_RE.search(c.text)) and c.kind in ("DECISION", "PATTERN", "PREFERENCE"):
            continue
        if c.kind == "TODO" and _RELAYED_ASK_RE.search(c.text):
            continue
        options = list(_OPTION_RE.finditer(c.text))
        if len(options) >= 2:
            head = c.text[: options[0].start()].strip(" :;,-(")
            head = re.sub(r"^(?:options?|choices?|alternatives?)\s*$", "", head, flags=re.I)
            if len(head.split()) < 2:
                continue
            c = replace(c, text=head)
        out.append(c)
    return out


def session_tokens(turns: list[Turn]) -> int:
    """The session's size as recorded (measure it before redaction: placeholders are shorter than
    the secrets they replace, and the compression target is on what the user had)."""
    return sum(count_tokens(t.text) + count_tokens(t.input) for t in turns)


def fact_budget(size: int) -> int:
    """Tokens the ranker's facts may take the session's facts up to: FACT_TOKENS, less for a
    session of 10-17k tokens so its memory stays at least ~20x smaller than the session, and
    for a short session an eighth of it (a 4k-token session: 500)."""
    if size < 10_000:  # no compression target below 10k tokens: an eighth of the session
        return min(FACT_TOKENS, max(MIN_FACT_TOKENS, size // SMALL_SESSION_SHARE))
    return min(FACT_TOKENS, max(MIN_FACT_TOKENS, size // TARGET_COMPRESSION))


def rule_budget(size: int) -> int:
    """Tokens all of a session's facts may take: FACT_TOKENS, and for a session above 10k tokens
    no more than a 20th of it less the block's wrapper lines, so its block stays >= 20x smaller."""
    return FACT_TOKENS if size < 10_000 else min(FACT_TOKENS, size // 20 - BLOCK_WRAPPER_TOKENS)


def _line_cost(c: Candidate) -> int:
    """Tokens of the fact's line as the block renders it (files it does not name are appended;
    a FAILED fact that does not say its approach's name gets it in front, see memwrap.select)."""
    missing = [f for f in c.files if f and f not in c.text][:3]
    named = f"{c.topic}: " if c.kind == "FAILED" and c.topic and not says_topic(c.text, c.topic) else ""
    return count_tokens(f"{c.kind}: {named}{c.text}" + (f" ({', '.join(missing)})" if missing else "")) + 1


def choose(cands: list[Candidate], budget: int = FACT_TOKENS, cap: int = FACT_TOKENS) -> list[Candidate]:
    """Score floor, per-kind quota and the session token budgets (`budget` for the ranker's
    facts: what the rules find is never crowded out by it; `cap` for all of them)."""
    good = [c for c in cands if c.score >= MIN_SCORE]
    good.sort(key=lambda c: (SCORE_PER_TOKEN * _line_cost(c) - c.score, _PRIORITY.get(c.kind, 9), c.turn))
    per_kind: dict[str, int] = {}
    out, used, rendered = [], 0, 0
    for c in good:
        if per_kind.get(c.kind, 0) >= QUOTA.get(c.kind, 2):
            continue
        cost, line = count_tokens(f"{c.kind}: {c.text}") + 1, _line_cost(c)
        if used + cost > (min(budget, cap) if c.ranked else cap) or rendered + line > cap:
            continue
        per_kind[c.kind] = per_kind.get(c.kind, 0) + 1
        used += cost
        rendered += line
        out.append(c)
    out.sort(key=lambda c: (_PRIORITY.get(c.kind, 9), c.turn))
    return out


def shortlist(cands: list[Candidate], turns: list[Turn], size: int | None = None) -> list[Candidate]:
    """A session's candidates -> the ones kept: menus and hearsay out, scored by the worth head
    (when the weights have one), twins merged, then the floor, quotas and token budget (`size`:
    the session's tokens before redaction; the turns' own when not given)."""
    kept = drop_menus_and_hearsay(cands)
    model = ranker.current()
    if model is not None:  # scored before twins merge, so the twin the head trusts more stays
        kept = rescored(kept, turns, model)
    size = session_tokens(turns) if size is None else size
    return choose(dedupe(kept), fact_budget(size), rule_budget(size))


def distill(turns: list[Turn], *, project: str, session_id: str, cli: str = "",
            use_model: bool | None = None) -> list[Fact]:
    """Facts for one session. `project` is the project key the facts belong to."""
    turns = _strip_memory(list(turns))
    return distill_clean(redact_turns(turns), project=project, session_id=session_id, cli=cli,
                         use_model=use_model, size=session_tokens(turns))


def distill_clean(clean: list[Turn], *, project: str, session_id: str, cli: str = "",
                  use_model: bool | None = None, size: int | None = None) -> list[Fact]:
    """`distill` for turns already stripped of memwrap's block and redacted (the session
    pipeline does both itself, with progress, so they are not done twice). `size`: the session's
    tokens before redaction (session_tokens), which the compression budget is measured on."""
    name = project.rstrip("/").rsplit("/", 1)[-1] if project else ""
    cands = shortlist(extract_candidates(clean, project=name), clean, size)
    facts = condense(cands, clean, project=project, session_id=session_id, cli=cli, use_model=use_model)
    seen: set[str] = set()
    out = []
    for f in facts:
        if f.id not in seen and f.text:
            seen.add(f.id)
            out.append(f)
    return out

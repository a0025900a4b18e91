"""Dead ends whose stated reason says nothing get the session's own account of what went wrong.

A user often ends an attempt with a verdict that names no cause ("broadcasts_to: abandoned",
"i did not like it", "revert it"), while the assistant (or the user) said a turn or two
earlier exactly what happened: the numbers, the error, the limit hit. A FAILED fact must say
why (DESIGN.md), and the why is what keeps the next session from trying it again, so the
nearest such sentence about the same approach is added to the fact.
"""

from __future__ import annotations

import re
from dataclasses import replace

from memwrap.extract.candidate import Candidate
from memwrap.extract.entities import entities
from memwrap.extract.fit import fit
from memwrap.extract.ranker import _LIST_RE
from memwrap.extract.text import sentences
from memwrap.extract.topics import _QUESTION_RE, _mentions, _prose, unfenced_lines
from memwrap.facts import MAX_FACT_CHARS
from memwrap.turns import Turn

LOOK_BACK = 6  # turns before the verdict an account may sit in
_NUMBER_RE = re.compile(r"\d")
# What a cause or an outcome sounds like when it is stated, not judged.
_TROUBLE_RE = re.compile(
    r"\b(?:errors?|exceptions?|crash\w*|panic\w*|fail\w*|broke|breaks?|broken|timeouts?|timed? out|slow\w*|"
    r"oom|out of memory|memory|leak\w*|flak\w*|deadlock\w*|lock\w*|conflicts?|overhead|overflow\w*|rejected|"
    r"refus\w*|denied|limits?|quota|throttl\w*|stale|duplicat\w*|lost|missing|mismatch\w*|incompatib\w*|"
    r"unsupported|not supported|doesn'?t support|no longer|never (?:fired|ran|worked|called)|"
    r"can(?:'|no)t|cannot|could(?:n'?t| not)|does(?:n'?t| not)|did(?:n'?t| not)|won'?t|"
    r"only (?:works|runs)|needs?|requires?|instead of|worse|regress\w*|p\d\d)\b", re.I)
# Sentences that propose or ask rather than report.
_PROPOSES_RE = re.compile(r"\b(?:i'?d|we'?d|would|could|might|maybe|let'?s|shall|should we|want me to|option|"
                          r"i (?:also )?(?:added|set|made|wrote))\b|^(?:most|quickest|simplest|easiest|cheapest|best|"
                          r"fastest|today|summary|done|status)\b", re.I)
_GENERIC = {"abandoned", "reverted", "failed", "rejected", "dropped", "the", "user", "by", "it", "this", "that"}


def _says_something(reason: str, topic: str) -> bool:
    """A reason that carries a number, a code name other than the approach, or a stated cause."""
    rest = re.sub(r"\breverted by the user\b", "", reason or "", flags=re.I).strip(" .,;")
    if not rest:
        return False
    if _NUMBER_RE.search(rest) or _TROUBLE_RE.search(rest):
        return True
    names = [e for e in entities(rest) if e.lower().strip("`") not in topic.lower()]
    return bool(names)


def _weight(sent: str) -> int:
    """How much a sentence tells about a failure: numbers and code names most."""
    return (2 * min(3, len(_NUMBER_RE.findall(sent))) + 2 * min(3, len(entities(sent)))
            + len(_TROUBLE_RE.findall(sent)))


def _said_sentences(turn: Turn) -> list[str]:
    """Sentences a person wrote in a turn; an assistant's list items are options or plans, not
    accounts of what happened."""
    said = _prose(turn.text) if turn.role == "user" else "\n".join(unfenced_lines(turn.text))
    return [s.strip() for s in sentences(said) if 30 <= len(s.strip()) <= 400
            and not (turn.role == "assistant" and _LIST_RE.match(s))]


def account(turns: list[Turn], cand: Candidate) -> str:
    """The nearest sentence before (or at) the verdict that names the approach and reports
    what went wrong with it; "" when the session has none."""
    topic = cand.topic.lower()
    if not topic:
        return ""
    best, best_weight = "", 0
    for j in range(min(cand.turn, len(turns) - 1), max(-1, cand.turn - LOOK_BACK - 1), -1):
        turn = turns[j]
        if turn.role not in ("user", "assistant"):
            continue
        for sent in _said_sentences(turn):
            low = sent.lower()
            if sent[:120] in cand.text or _QUESTION_RE.search(sent) or _PROPOSES_RE.search(sent):
                continue
            if not _mentions(low, topic) or not _TROUBLE_RE.search(sent):
                continue
            w = _weight(sent)
            if w > best_weight:
                best, best_weight = sent, w
        if best:
            return best  # the nearest turn with an account wins: later turns know more
    return best


def with_accounts(turns: list[Turn], cands: list[Candidate]) -> list[Candidate]:
    """Every FAILED candidate whose reason names nothing, with the session's account added."""
    out = []
    for c in cands:
        if c.kind == "FAILED" and c.topic and not _says_something(c.reason or _tail(c), c.topic):
            said = account(turns, c)
            if said:
                said = re.sub(r"[.\s]+$", "", said.replace("`", ""))
                head = re.sub(r",?\s*reverted by the user\.?$", "", c.text).rstrip(" .")
                text = fit(f"{head}: {said}" if head.endswith(("abandoned", "reverted", "rejected", "failed"))
                           else f"{head}; {said}", MAX_FACT_CHARS)
                c = replace(c, text=text, reason=said, source=f"{c.source} {said}")
        out.append(c)
    return out


def _tail(c: Candidate) -> str:
    """What a FAILED text says after its "name: verb" head."""
    m = re.match(r"^[^:]{1,80}:\s*(?:abandoned|reverted|rejected|failed)\b[,;:]?\s*(.*)$", c.text, re.I)
    if m:
        return m.group(1)
    return "" if c.text.strip().lower() in _GENERIC else c.text

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
from memwrap.extract.cues import _PLAN_RE
from memwrap.extract.entities import entities
from memwrap.extract.fit import fit
from memwrap.extract.ranker import _LIST_RE
from memwrap.extract.text import sentences
from memwrap.extract.topics import _QUESTION_RE, _mentions, _prose, unfenced_lines
from memwrap.facts import MAX_FACT_CHARS
from memwrap.turns import Turn

LOOK_BACK = 12  # turns before the verdict an account or a measurement of the attempt may sit in
_NUMBER_RE = re.compile(r"\d")
# What a cause or an outcome sounds like when it is stated, not judged.
_TROUBLE_RE = re.compile(
    r"\b(?:errors?|exceptions?|crash\w*|panic\w*|fail\w*|broke|breaks?|broken|timeouts?|timed? out|slow\w*|"
    r"oom|out of memory|memory|leak\w*|flak\w*|deadlock\w*|lock\w*|conflicts?|overhead|overflow\w*|rejected|"
    r"refus\w*|denied|limits?|quota|throttl\w*|stale|duplicat\w*|lost|missing|mismatch\w*|incompatib\w*|"
    r"unsupported|not supported|doesn'?t support|no longer|never (?:fired|ran|worked|called)|"
    r"can(?:'|no)t|cannot|could(?:n'?t| not)|does(?:n'?t| not)|did(?:n'?t| not)|won'?t|"
    r"only (?:works|runs)|needs?|requires?|instead of|worse|regress\w*|p\d\d|"
    r"insecure|unsafe|vulnerab\w*|exploit\w*|exposed?|readable by|xss|injection)\b", re.I)
# Sentences that propose or ask rather than report.
_PROPOSES_RE = re.compile(r"\b(?:i'?d|we'?d|would|could|might|maybe|let'?s|shall|should we|want me to|option|"
                          r"i (?:also )?(?:added|set|made|wrote))\b|^(?:most|quickest|simplest|easiest|cheapest|best|"
                          r"fastest|today|summary|done|status)\b", re.I)
# a past attempt told in the verdict's own turn ("last month we try sidekiq ..."): no earlier report is about it
_STORY_RE = re.compile(r"\b(?:last (?:week|month|year|sprint|time)|ago|back (?:in|when)|previous|old (?:repo|project|app)|"
                       r"we (?:tried|had|used)|i (?:tried|had|used))\b", re.I)
# "name: abandoned, " — the head of a dead end's text, before its reason
_HEAD_RE = re.compile(r"^[^:]{1,80}:\s*(?:abandoned|reverted|rejected|failed|dropped|turned down)\b[,:;]?\s*", re.I)
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


# a number with a unit, a percentage, a multiplier or a comparison: something measured
_MEASURED_RE = re.compile(
    r"(?<![\d,.])\d++(?:[,.]\d++)*+\s*(?:%|x\b|ms\b|µs\b|us\b|s\b|sec\w*|min\w*|h\b|hours?\b|[kmgt]i?b\b|bytes?\b|req/s|rps\b|"
    r"qps\b|mhz\b|ghz\b|fps\b|w\b|mw\b|ma\b)|\$\s?\d|(?<![\d,.])\b\d++(?:[,.]\d++)*+\s+(?:vs\.?|versus|against)\s+\d", re.I)
_REPORT_LEAD_RE = re.compile(r"^\W*(?:ok(?:ay)?|done|good|great|here'?s|now|next|first|so far)\b", re.I)
# what a user says when the reason is their own ("i said single instance and then we scaled")
_OWN_REASON_RE = re.compile(r"\b(?:because|since|too|n'?t|not|no|cannot|needs?|requires?|only|mess|hate|risk|per)\b", re.I)


def _attempt_turns(turns: list[Turn], verdict: int, topic: str, named_only: bool) -> range:
    """The turns of an attempt: from the first one in reach that names it, else (unless
    `named_only`) from the user's last word before the verdict."""
    start = max(0, verdict - LOOK_BACK)
    named = next((j for j in range(start, verdict) if _mentions(f"{turns[j].input} {turns[j].text}".lower(), topic)), -1)
    if named >= 0:
        return range(named, verdict)
    if named_only:
        return range(0)
    return range(next((j + 1 for j in range(verdict - 1, start - 1, -1) if turns[j].role == "user"), start), verdict)


def measurement(turns: list[Turn], cand: Candidate, unnamed: bool) -> str:
    """The assistant's measurement of the attempt before its verdict: a sentence naming it with
    numbers, else (when `unnamed`) the first sentence of a report right after a run ("1.84s and
    611 KB for 4,212 shifts." before "the month load thing is out"). The earliest wins: later
    numbers are usually the replacement's."""
    topic = cand.topic.lower()
    story = cand.turn < len(turns) and turns[cand.turn].role == "user" and _STORY_RE.search(turns[cand.turn].text)
    fallback = ""
    for j in _attempt_turns(turns, cand.turn, topic, named_only=bool(story)):
        if turns[j].role != "assistant":
            continue
        after_run = j > 0 and turns[j - 1].role == "tool"
        # a list right after a run reports its results; elsewhere a list item is an option's drawback
        said = [x.strip().lstrip("-*• ").strip() for x in sentences("\n".join(unfenced_lines(turns[j].text)))] \
            if after_run else _said_sentences(turns[j])
        for k, sent in enumerate(said):
            if (len(sent.split()) < 4 or len(sent) > 400 or not _MEASURED_RE.search(sent) or _QUESTION_RE.search(sent)
                    or _PROPOSES_RE.search(sent) or _PLAN_RE.search(sent) or _REPORT_LEAD_RE.match(sent)):
                continue
            if _mentions(sent.lower(), topic):
                return sent
            if unnamed and after_run and k == 0 and not fallback:
                fallback = sent
    return fallback


def with_accounts(turns: list[Turn], cands: list[Candidate]) -> list[Candidate]:
    """Every FAILED candidate whose reason names nothing, with the session's account added;
    one still without numbers, led by the measurement of the attempt when there was one."""
    out = []
    for c in cands:
        if c.kind == "FAILED" and c.topic:
            c = _measured(turns, _accounted(turns, c))
        out.append(c)
    return out


def _already_told(said: str, text: str) -> bool:
    """`text` already holds what `said` opens with (its first six words, or all of a shorter one)."""
    words = said.lower().split()
    return bool(words) and " ".join(words[:6]) in " ".join(text.lower().split())


def _accounted(turns: list[Turn], c: Candidate) -> Candidate:
    if _says_something(c.reason or _tail(c), c.topic):
        return c
    said = account(turns, c)
    if not said:
        return c
    said = re.sub(r"[.\s]+$", "", said.replace("`", ""))
    if _already_told(said, c.text):
        return c  # the fact already tells it: once is enough
    head = re.sub(r",?\s*reverted by the user\.?$", "", c.text).rstrip(" .")
    text = fit(f"{head}: {said}" if head.endswith(("abandoned", "reverted", "rejected", "failed"))
               else f"{head}; {said}", MAX_FACT_CHARS)
    return replace(c, text=text, reason=said, source=f"{c.source} {said}")


def _measured(turns: list[Turn], c: Candidate) -> Candidate:
    head = _HEAD_RE.match(c.text)
    if not head or _NUMBER_RE.search(c.text[head.end():]):  # "S3 uploads: abandoned, ..." may still lack numbers
        return c
    reason = c.text[head.end():].strip()
    own = len(reason.split()) >= 6 and bool(_OWN_REASON_RE.search(reason))
    said = measurement(turns, c, unnamed=not own)
    return _led_by(c, head.group(0), reason, said) if said else c


def _led_by(c: Candidate, head: str, reason: str, said: str) -> Candidate:
    """The dead end's text as "name: verb, <what was found>; <its own reason>", both fitted."""
    said = re.sub(r"[.\s]+$", "", said.replace("`", "").replace("**", ""))
    if said and _already_told(said, reason):
        return c  # the reason already tells the measurement: once is enough
    lead_in = head.rstrip(" ,;:")
    if not reason:
        return replace(c, text=fit(f"{lead_in}, {said}", MAX_FACT_CHARS), reason=said, source=f"{c.source} {said}")
    room = MAX_FACT_CHARS - len(lead_in) - 4
    lead = fit(said, max(60, room - len(reason) - 2))
    text = f"{lead_in}, {lead}; {fit(reason, max(40, room - len(lead) - 2))}"
    return replace(c, text=fit(text, MAX_FACT_CHARS), reason=f"{said}; {reason}", source=f"{c.source} {said}")


def _tail(c: Candidate) -> str:
    """What a FAILED text says after its "name: verb" head."""
    m = re.match(r"^[^:]{1,80}:\s*(?:abandoned|reverted|rejected|failed)\b[,;:]?\s*(.*)$", c.text, re.I)
    if m:
        return m.group(1)
    return "" if c.text.strip().lower() in _GENERIC else c.text

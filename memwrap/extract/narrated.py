"""Approaches narrated as tried-and-failed, whatever the tense or grammar.

A user sentence that says something was tried ("we tried X", "i try X", "X was tried",
"we had X for a week") followed, in that sentence or the next two of the same turn, by
failure evidence (failure words incl. broken-English forms, a crash/OOM, a revert or
abandonment, a measured regression "40ms -> 900ms") is a FAILED approach; the evidence
clause is its reason. The subject is the phrase after the try-verb; a pronoun there
("we tried to keep that") resolves to the technical names of the sentence before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from memwrap.extract.entities import entities, named_tool
from memwrap.extract.text import sentences

_TRY_RE = re.compile(
    r"\b(?:tried|try|tries|trying|attempted|experimented\s+with|had|used|installed|enabled|went\s+with|evaluated|"
    r"made|built|wrote|implemented|introduced|did(?![\w'’])|"
    r"gave\s+(?=\S+\s+a\s+(?:try|shot)))\s*(?:(?:exactly|actually|already|also|first|once|out|briefly)\s+)*"
    r"(?P<obj>(?:[^,.;:!?()\n—–]|\.(?=\w)){2,80})", re.I)
_PASSIVE_TRY_RE = re.compile(
    r"(?P<obj>[\w@<>./+#-]+(?:\s+[\w@<>./+#-]+){0,3}?)\s+(?:was|were|got|has\s+been|have\s+been)\s+"
    r"(?:already\s+)?(?:tried|attempted|tested|used|considered|evaluated|proposed)\b", re.I)
_OBJ_STOP_RE = re.compile(
    r"\s+(?:a\s+(?:try|shot)|for|on|in|at|with|from|to(?!\s+\d)|back|last|yesterday|this|since|before|and|but|so|because|when|which|"
    r"that\s+(?:was|is)|it|the\s+(?:week|month|year|sprint))\b.*$|\s+(?:(?:last|this)\s+\w+|ago)\b.*$", re.I)
_FAIL_RE = re.compile(
    r"\b(?:fail(?:s|ed|ing)?|fell\s+over|broke|breaks?|broken|crash(?:es|ed|ing)?|OOM(?:'d|ed)?|out\s+of\s+memory|"
    r"died|dies|not\s+work(?:s|ed|ing)?|no\s+work|doesn'?t\s+(?:work|go)|didn'?t\s+(?:work|pan\s+out|help|change\s+(?:anything|a\s+thing))|"
    r"made\s+no\s+difference|no\s+difference|explode[sd]?|"
    r"does\s+not\s+work|did\s+not\s+work|never\s+worked|gave\s+up|give\s+up|ditched|dropped|reverted|revert\s+it|"
    r"rolled\s+back|abandoned|threw\s+(?:that|it)\s+(?:away|out)|ripped\s+(?:that|it|them|this)\s+out|error|errors|exception|unsupported|too\s+slow|slower|"
    r"timed?\s*out|conflicts?|impossible|stop(?:ped)?\s+it|kept\s+\w+ing|regress\w*|leak\w*|nightmare|"
    r"went\s+back\s+to|switched\s+back|too\s+(?:heavy|slow|expensive|complex|complicated|big|fragile|flaky|much\s+\w+)|"
    r"said\s+no|vetoed|rejected|rolled\s+it\s+back|remov(?:e|ed)\s+(?:it|them)|took\s+(?:it|them)\s+out)\b", re.I)
_REGRESSION_RE = re.compile(r"\d+(?:\.\d+)?\s*(?:ms|s|sec|mb|gb|%)?\s*(?:->|→|to)\s*\d+(?:\.\d+)?\s*(?:ms|s|sec|mb|gb|%)", re.I)
_PRONOUN_OBJ_RE = re.compile(r"^(?:to\s+\w+\s+)?(?:it|that|this|them|those|these|the\s+same|exactly\s+that)\b", re.I)
_LEAD_RE = re.compile(r"^(?:to\s+(?:use|add|run|keep|do|make)\s+)?(?:the|a|an|our|their|some|exactly)\s+", re.I)


@dataclass
class Narrated:
    subject: str
    reason: str
    sentence: str


_ABANDON_RE = re.compile(r"^(?:gave\s+up|give\s+up|ditched|dropped|reverted|abandoned|rolled\s+back|threw|ripped)", re.I)
_WHY_BEFORE_RE = re.compile(r"\b(?:but|because|since|as)\s+(?P<why>[^;]{8,160}?)[\s,]*(?:so\s+(?:i|we)\s+|and\s+(?:i|we)\s+|so\s+)?$", re.I)


def _evidence(sentence: str) -> str:
    """The failure clause of a sentence, or ''. After "gave up" / "ditched it" the why follows."""
    m = _FAIL_RE.search(sentence) or _REGRESSION_RE.search(sentence)
    if not m:
        return ""
    after = re.sub(r"^\s*(?:it|that|them|this)?\s*[:—–,;-]*\s*", "", sentence[m.end():])
    if _ABANDON_RE.match(m.group(0)) and len(after.split()) >= 4:
        return f"{m.group(0)}: {after}".strip(" .")
    why = _WHY_BEFORE_RE.search(sentence[:m.start()]) if _ABANDON_RE.match(m.group(0)) else None
    if why:  # "tried X, but it served stale data, so I ripped that out": the why comes first
        return why.group("why").strip(" ,;")
    start = max([sentence.rfind(c, 0, m.start()) for c in ",;:—–("]
                + [sentence.rfind(w, 0, m.start()) + len(w) - 1 for w in (" but ", " and then ")
                   if sentence.rfind(w, 0, m.start()) >= 0])  # "X in a branch but the migrations kept drifting"
    if start >= 0 and m.start() - start < 80:
        clause = sentence[start + 1:]
    else:  # no clause boundary near: the 60 characters before, from a word start
        cut = max(0, m.start() - 60)
        clause = sentence[cut:] if cut == 0 else sentence[cut:].split(" ", 1)[-1]
    return clause.strip(" ,;:—–-")


def _asked_to_try(sentence: str, m: re.Match[str]) -> bool:
    """"sure, try the pinia bump" asks the assistant to try something now: no past attempt.
    A bare try-verb counts only with a subject before it ("we try X before", "i try")."""
    verb = re.match(r"\w+", m.group(0)).group(0).lower()
    if verb not in ("try", "tries", "trying"):
        return False
    return not re.search(r"\b(?:i|we|they|he|she|team|[A-Z][a-z]+)\s+(?:\w+\s+)?$", sentence[:m.start()])


# "API Platform we used in my previous job, way too much magic": the object put first
_FRONTED_RE = re.compile(r"(?:^|:\s+)(?P<obj>[A-Z][\w.+#-]*(?:\s+[A-Z][\w.+#-]*){0,2}|`[^`]+`)\s+(?:we|i)\s+"
                         r"(?:already\s+|once\s+)?(?:used|tried|had|ran)\b")


# "yeah I did on Tuesday actually": the try-verb is followed by when, and the next sentence says what
_WHEN_FIRST_RE = re.compile(r"^(?:on|in|at|last|yesterday|this|back|before|earlier|already|once|that\s+(?:week|day|time))\b", re.I)


def _subject(sentence: str, before: str, after: str = "") -> str:
    fronted = _FRONTED_RE.search(sentence)
    if fronted:
        return fronted.group("obj").strip("`")
    m = _PASSIVE_TRY_RE.search(sentence)
    if m:
        obj = re.sub(r"^(?:(?:we|i|so|and|but|also)\s+)+", "", m.group("obj").strip(), flags=re.I)
        if obj and not _PRONOUN_OBJ_RE.match(obj):
            return obj
    m = _TRY_RE.search(sentence)
    while m and _TRY_RE.match(sentence, m.start("obj")):  # "had already tried X": the last verb of the chain
        m = _TRY_RE.search(sentence, m.start("obj"))
    if not m or _asked_to_try(sentence, m):
        return ""
    obj = m.group("obj").strip()
    if _WHEN_FIRST_RE.match(obj):
        return " + ".join([e for e in entities(after) if len(e) > 3][:2])
    if _PRONOUN_OBJ_RE.match(obj):
        names = [e for e in entities(before) if len(e) > 3][:3]
        return " + ".join(names)
    head = named_tool(_OBJ_STOP_RE.sub("", obj), obj)  # "tried generating the parser with happy + alex"
    obj = _LEAD_RE.sub("", head).strip(" '\"")
    if re.fullmatch(r"[~≈]?\d[\d.,]*\s*[a-z%]{0,3}", obj, re.I):
        return ""  # "the tab used 1.5 GB": a measurement, not something tried
    words = obj.split()
    if not words or len(words) > 5 or (not entities(obj) and len(words) > 3 and not re.search(r"\d", obj)):
        return ""
    return obj


# "<thing> broke/crashed/didn't work ..." said about the past or followed by a turn-down: an
# approach given up, not the bug being reported now.
_SUBJECT_FAIL_RE = re.compile(
    r"^(?:\W*(?:also|and|but|so|btw|fyi|oh)\b[\s,]*)*(?P<obj>[\w@<>./+#`-]+(?:\s+[\w@<>./+#`-]+){0,3}?)\s+(?:was|were|is|also|just|kept|always)?\s*"
    r"(?:broke|crashed|fell\s+over|failed|did\s*n[o']t\s+work|never\s+worked|not\s+work(?:ed)?|no\s+work|was\s+too\s+slow|"
    r"made\s+(?:it|things|\w+)\s+slower)\b", re.I)
_PAST_RE = re.compile(r"\b(?:last\s+(?:week|month|year|sprint|quarter|time)|yesterday|before|earlier|previously|ago|"
                      r"in\s+(?:january|february|march|april|may|june|july|august|september|october|november|december|the\s+past)|"
                      r"back\s+(?:in|then|when))\b", re.I)
_TURN_DOWN_RE = re.compile(r"\b(?:don'?t(?:\s+go\s+there)?\.?$|not\s+that|no\s+more|never\s+again|avoid|skip\s+it|"
                           r"so\s+(?:no|not)\b|we\s+dropped|dropped\s+it|gave\s+up)", re.I | re.M)


_SO_NO_RE = re.compile(r"\bso\s+no\b|\bno\s+more\b|\bnot\s+again\b", re.I)


def _subject_first(sents: list[str], i: int, turn: str) -> Narrated | None:
    m = _SUBJECT_FAIL_RE.search(sents[i])
    if not m or not entities(m.group("obj")) or _PRONOUN_OBJ_RE.match(m.group("obj")):
        return None
    if not (_PAST_RE.search(sents[i]) or _TURN_DOWN_RE.search(turn)):
        return None  # "the worker crashed" now is the bug being reported, not an approach given up
    reason = _evidence(sents[i][m.start("obj") + len(m.group("obj")):]) or sents[i]
    return Narrated(subject=m.group("obj").strip(), reason=reason[:150], sentence=sents[i])


_GENERIC_SUBJECTS = {"approach", "thing", "things", "way", "idea", "solution", "fix", "option", "something", "everything",
                     "anything", "stuff", "this", "that", "again", "harder", "everything", "before", "first", "caching",
                     "hard", "both", "another", "other", "different", "same", "version", "setup", "config", "code"}


def _named(text: str, subject: str, known: frozenset[str]) -> bool:
    """The attempt names something: a technical entity, or a word the rest of the session
    also uses for it (people write library names in plain lower case: "tried ngrx")."""
    if entities(text):
        return True
    words = [w.lower() for w in re.findall(r"[A-Za-z][\w.+#-]{3,}", subject)]
    return any(w in known and w not in _GENERIC_SUBJECTS for w in words)


def narrated_failures(text: str, known: frozenset[str] = frozenset()) -> list[Narrated]:
    """Tried-then-failed approaches one user turn narrates. `known`: words other turns of
    the session also use (lower case), so a plain-lower-case library name still counts."""
    sents = sentences(text)
    out: list[Narrated] = []
    for i, s in enumerate(sents):
        if s.endswith("?"):
            continue
        if not (_TRY_RE.search(s) or _PASSIVE_TRY_RE.search(s)):
            first = _subject_first(sents, i, text)
            if first:
                out.append(first)
            continue
        subject = _subject(s, sents[i - 1] if i else "", sents[i + 1] if i + 1 < len(sents) else "")
        if not subject:
            continue
        m = _TRY_RE.search(s)
        tail = s[m.start("obj"):] if m else s
        fronted = _FRONTED_RE.search(s)
        if fronted:
            tail = s[fronted.end():]
        reasons = [r for r in [_evidence(tail)] + [_evidence(x) for x in sents[i + 1:i + 3]] if r]
        if not reasons and any(_TURN_DOWN_RE.search(x) or _SO_NO_RE.search(x) for x in sents[i:i + 3]):
            # "we tried X back in august, it made duplicates ... so no X": the turn-down is the verdict,
            # what the sentence says after the attempt is the why
            after = re.split(r",\s+|\s+-\s+|\s+—\s+", tail, maxsplit=1)
            reasons = [after[1].strip()] if len(after) > 1 and len(after[1].split()) >= 3 else []
        if not reasons or not _named(" ".join([subject, s] + sents[max(0, i - 1):i + 3]), subject, known):
            continue
        reason = "; ".join(dict.fromkeys(reasons))[:150]
        out.append(Narrated(subject=subject, reason=reason, sentence=s))
    return out


_REVERT_IT_RE = re.compile(r"\b(?:revert|undo|roll\s*back|back\s*out|remove|rip\s*out|take\s*out|drop)\s+(?:it|that|this|them|"
                           r"the\s+(?:change|edit|last\s+change)|those\s+changes|it\s+again)\b|\bput\s+it\s+back\b", re.I)


def revert_verdict(text: str) -> str | None:
    """A user turn that turns down the change just made ("p95 went 120ms to 900ms. revert it"):
    the evidence clause (a measured regression or failure words), '' when it gives none,
    None when the turn reverts nothing."""
    if not _REVERT_IT_RE.search(text or ""):
        return None
    m = _REGRESSION_RE.search(text)
    if m:
        start = max(text.rfind(c, 0, m.start()) for c in ".;:!?\n")
        return text[start + 1:m.end()].strip()
    return _evidence(_REVERT_IT_RE.sub(" ", text))

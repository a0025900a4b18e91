"""Shorten a sentence to a character budget by dropping its least telling parts (asides,
then clauses that name nothing), instead of cutting it off mid-phrase: the identifiers,
numbers and causes a fact is recalled by usually sit in the middle of a sentence."""

from __future__ import annotations

import re

_ASIDE_RE = re.compile(r"(?<=[\w`])\s+\((?=[A-Za-z])(?:[^()`]|`[^`]*`){2,120}\)|\s+—\s+[^—]{0,120}\s+—\s+|\s*\be\.g\.,?\s+[^,;.]+")
_CLAUSE_SPLIT_RE = re.compile(r"(?<=[,;])\s+|\s+(?=(?:which|because|since|so that|while|whereas|but|and then)\s)|\s+[—–-]\s+")
_IDENT_RE = re.compile(r"`[^`]+`|\w+=[^\s,;]+|\w+\(\)|\w+(?:::|\.|/)\w[\w./:]*|\b[a-z]+_\w+\b|\b[a-z]+[A-Z]\w*|\b[A-Z]\w*[A-Z]\w*|\d+(?:\.\d+)*")
_LABEL_RE = re.compile(r"^(?:(?:the\s+)?(?:root\s+)?cause|the (?:problem|issue|bug|culprit|reason)|bug introduced by [\w\s]{1,30}|"
                       r"turns out|fix|the fix|found it|got it|confirmed|right|yes|so|for the record|fyi|note|in short|to recap)"
                       r"\s*(?:was|is)?\s*[:,-]\s*", re.I)
_JOINER_RE = re.compile(r"^(?:and|but|so|which|while|whereas|because|since|then)\s+", re.I)
_CAUSE_WORD_RE = re.compile(
    r"\b(?:because|never|not|n'?t|no|missing|wrong|instead|without|empty|null|nil|race|stale|twice|"
    r"leak\w*|overflow|underflow|timeout|zone|mismatch|expects?|default)\b", re.I)


def telling(clause: str) -> float:
    """How much a clause names: identifiers and numbers count most, cause words next."""
    return 2.0 * len(_IDENT_RE.findall(clause)) + len(_CAUSE_WORD_RE.findall(clause)) + 0.01 * len(clause.split())


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    head = head.rsplit(" ", 1)[0] if " " in head else head
    return head.rstrip(" ,;:-") + "…"


def fit(text: str, limit: int) -> str:
    """`text` in at most `limit` characters, keeping its most telling clauses in order."""
    text = re.sub(r"\s+", " ", text or "").strip()
    if len(text) <= limit:
        return text
    text = _LABEL_RE.sub("", text, count=1)  # "Root cause: X" -> "X" when room is short
    while len(text) > limit:  # asides first: "(Europe/Berlin on the servers)", "e.g. ..."
        # an aside between dashes sits between two words: one space stays ("board — p50 … — and")
        shorter = _ASIDE_RE.sub(lambda m: " " if m.group(0).endswith(" ") else "", text, count=1).strip()
        if shorter == text:
            break
        text = shorter
    if len(text) <= limit:
        return text
    spans: list[str] = []  # a code span is one unit: "`f('a', { x = 1 })`" has no clauses

    def hide(m: re.Match[str]) -> str:
        spans.append(m.group(0))
        return f"\x00{len(spans) - 1}\x00"
    hidden = re.sub(r"`[^`]+`|\((?:[^()`]|`[^`]*`){1,120}\)", hide, text)  # code and (asides) are units too
    clauses = [re.sub(r"\x00(\d+)\x00", lambda m: spans[int(m.group(1))], c)
               for c in _CLAUSE_SPLIT_RE.split(hidden) if c and c.strip()]
    if len(clauses) < 2:
        return _cut(text, limit)
    # the first clause names the subject the others are about; after it, dense clauses first
    ranked = [0] + sorted(range(1, len(clauses)), key=lambda n: (-telling(clauses[n]) / len(clauses[n]), n))
    if len(clauses[0]) + 1 > limit:
        return _cut(text, limit)  # the subject clause alone overflows: keep its start
    keep: list[int] = []
    used = 0
    for n in ranked:
        cost = len(clauses[n]) + 1
        if used + cost <= limit:
            keep.append(n)
            used += cost
    if not keep:
        return _cut(clauses[ranked[0]], limit)
    parts = []
    for n in sorted(keep):
        c = clauses[n].strip()
        if n - 1 not in keep and parts:
            c = _JOINER_RE.sub("", c)  # "but X" after a dropped clause reads wrong
        parts.append(c)
    out = " ".join(parts)
    return _cut(out.rstrip(" ,;:"), limit)

"""Keep only grounded fact text: what a model wrote must be backed by its source.

A line passes when it is one line of at most 160 characters, every identifier, number and
file name in it occurs in the source, it adds no content word the source does not contain,
and (for FAILED facts) it still says that the approach failed and why.
"""

from __future__ import annotations

import re

from memwrap.facts import MAX_FACT_CHARS, has_failure_words

# Identifiers: anything with a digit, a dot/slash/underscore inside, or inner capitals.
_IDENT_RE = re.compile(r"[\w./:@#+-]*(?:\d|[a-z][A-Z]|\w[._/]\w)[\w./:@#+-]*")
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'-]{3,}")
_STOP = {
    "this", "that", "with", "from", "into", "than", "then", "when", "were", "will", "have", "been", "they",
    "them", "their", "there", "which", "what", "also", "only", "just", "more", "most", "over", "each",
    "uses", "used", "using", "use", "does", "done", "make", "made", "instead", "because", "after", "before",
    "abandoned", "failed", "fails", "failure", "reverted", "dropped", "rejected", "decided", "decision",
    "prefers", "prefer", "preference", "should", "must", "always", "never", "fixed", "fixes", "cause",
    "caused", "project", "stack", "todo", "still", "needs", "need", "pattern", "about", "where", "while",
}


def _stem(word: str) -> str:
    return word.lower().rstrip("s")[:6]


def grounded(text: str, source: str) -> tuple[bool, str]:
    """(ok, why-not). `source` is the evidence the fact was condensed from."""
    if not text or "\n" in text:
        return False, "empty or multi-line"
    if len(text) > MAX_FACT_CHARS:
        return False, "too long"
    low_src = source.lower()
    for ident in _IDENT_RE.findall(text):
        core = ident.strip(".,:;()'\"`-").lower()
        if core and core not in low_src:
            return False, f"identifier not in source: {core}"
    stems = {_stem(w) for w in _WORD_RE.findall(source)}
    for word in _WORD_RE.findall(text):
        if word.lower() in _STOP:
            continue
        if _stem(word) not in stems:
            return False, f"new word: {word}"
    return True, ""


def acceptable(text: str, *, kind: str, source: str, topic: str = "", reason: str = "") -> tuple[bool, str]:
    """Full check for a condensed fact of `kind`."""
    ok, why = grounded(text, source)
    if not ok:
        return ok, why
    low = text.lower()
    if kind == "FAILED":
        if not has_failure_words(text):
            return False, "FAILED fact lost its failure"
        reason_words = [w for w in _WORD_RE.findall(reason) if w.lower() not in _STOP]
        if reason_words and not any(_stem(w) in {_stem(x) for x in _WORD_RE.findall(text)} for w in reason_words):
            return False, "FAILED fact lost its reason"
    head = topic.split()[0] if topic else ""
    if kind in ("FAILED", "DECISION") and len(head) >= 3 and head not in low:
        return False, f"topic {head!r} missing"
    return True, ""

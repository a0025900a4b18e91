"""A dead end's name is the approach that was given up. Cue patterns sometimes catch a fragment
around it ("so joining them: abandoned", "version and honestly it: abandoned", "that finalizer:
abandoned"): the glue words at its edges are cut, and a name left with nothing is dropped, so
the fact reads "Abandoned: <why>" rather than under a name that names nothing."""

from __future__ import annotations

import re
from dataclasses import replace

from memwrap.extract.candidate import Candidate
from memwrap.facts import clean_text

_HEAD_RE = re.compile(r"^(?P<name>[^:]{1,60}?):\s+(?P<verb>abandoned|reverted|dropped|failed|rejected)\b(?P<rest>.*)$", re.S)
_LEADING = frozenset("and so which but then or if that this it there when what also just".split())
_TRAILING = frozenset("""is are was were an a the it its when no yet later in of to on once ones another myself exactly
    like that this so up out and or but with for from by their our my your honestly hindsight""".split())


# a short name that opens with a preposition is the tail of a phrase ("about", "in 1.4", "on monday")
_PREPOSITIONS = frozenset("about in on at for with by from after before since during into until via per".split())


def _trimmed(name: str) -> str:
    words = name.split()
    if words and len(words) <= 2 and words[0].lower() in _PREPOSITIONS:
        return ""
    while words and words[0].lower() in _LEADING:
        words = words[1:]
    while words and words[-1].lower() in _TRAILING:
        words = words[:-1]
    return " ".join(words)


def tidy_dead_end_names(cands: list[Candidate]) -> list[Candidate]:
    out = []
    for c in cands:
        m = _HEAD_RE.match(c.text) if c.kind == "FAILED" else None
        if m and not m.group("name").startswith("`"):
            name = _trimmed(m.group("name"))
            if name != m.group("name").strip():
                rest = m.group("rest").lstrip(" ,")
                text = f"{name}: {m.group('verb')}, {rest}" if name else f"Abandoned: {rest}"
                c = replace(c, text=clean_text(text.rstrip(", ")))
        out.append(c)
    return out

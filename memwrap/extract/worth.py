"""The worth head: one learned score for every candidate, before twins are merged.

Each rule sets its own score by hand, and those scores do not compare across rules: a cue that
fires often on chatter (a choice read from "ok so we go with ...") can outrank a quieter one that
is nearly always right. The ranker's heads only see single sentences. This head sees the
candidate: its kind, which cue found it (the rule's own score names the cue), how long and how
specific it is, where in the session it was said and by whom, and what the keep and dead-end
heads think of its sentence. Trained by scripts/train_ranker.py on the labelled sessions (a
candidate is positive when it would keep a gold fact); its probability replaces the score that
memwrap.distill.dedupe (which twin stays) and the floor, quotas and budget in choose read.
"""

from __future__ import annotations

import re
from dataclasses import replace

from memwrap.extract.candidate import Candidate
from memwrap.extract.fit import telling
from memwrap.extract.ranker import Model, _bucket
from memwrap.facts import has_failure_words
from memwrap.turns import Turn


def _head_bucket(p: float, edges: tuple[float, ...]) -> str:
    return "none" if p < 0 else str(_bucket(p, edges))


def worth_features(c: Candidate, turns: list[Turn]) -> list[str]:
    """What the worth head weighs for one candidate (strings, like the ranker's features)."""
    k = c.kind
    f = [f"k={k}", f"k={k}:r={int(c.ranked)}"]
    if not c.ranked:
        f.append(f"k={k}:s={(c.cue_score if c.cue_score >= 0 else c.score):.2f}")  # which cue found it
    keep = _head_bucket(c.keep_p, (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8))
    f += [f"kp={keep}", f"k={k}:kp={keep}"]
    if k == "FAILED":
        f.append(f"dp={_head_bucket(c.dead_p, (0.05, 0.1, 0.2, 0.4, 0.7))}")
    f.append(f"k={k}:len={_bucket(len(c.text), (40, 80, 120, 160))}")
    f.append(f"k={k}:tell={_bucket(telling(c.text), (2, 4, 6, 10))}")
    if c.files:
        f.append(f"k={k}:file")
    if re.search(r"\d", c.text):
        f.append(f"k={k}:num")
    role = turns[c.turn].role if 0 <= c.turn < len(turns) else "none"
    f.append(f"k={k}:role={role}")
    f.append(f"k={k}:pos={_bucket(c.turn / max(1, len(turns) - 1), (0.1, 0.3, 0.6, 0.85))}")
    if has_failure_words(c.text):
        f.append(f"k={k}:fw")
    if c.text.rstrip().endswith("?"):
        f.append(f"k={k}:q")
    return f


# A rule that read a plain statement of the user's ("we decided to use X for Y", "always use X")
# with a cue this sure keeps its place above the floor: the worth head may rank it low, never drop
# it (on 4 held-out blocks of 6 sets: +3 gold, +60 noise facts against dropping it as well).
USER_CUE_KEPT = 0.8
# The user labelling a line as open work ("TODO: move the admin frontend to Vite") is as sure as a cue gets.
_LABELLED_TODO_RE = re.compile(r"(?im)^\W*(?:todo|to-do|to do)\s*:")


def rescored(cands: list[Candidate], turns: list[Turn], model: Model) -> list[Candidate]:
    """Candidates scored by `model`'s worth head: 0.5 (the floor) where its probability is its
    threshold. Weights without a worth head leave the rules' own scores."""
    if not model.worth:
        return cands
    out = []
    for c in cands:
        score = 0.5 + model.worth_probability(worth_features(c, turns)) - model.worth_threshold
        if not c.ranked and 0 <= c.turn < len(turns) and turns[c.turn].role == "user" and (
                c.cue_score >= USER_CUE_KEPT or (c.kind == "TODO" and _LABELLED_TODO_RE.search(turns[c.turn].text))):
            score = max(score, 0.5)
        out.append(replace(c, score=score))
    return out

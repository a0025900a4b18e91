"""A fix the assistant announces in so many words ("Fix: subscribe with the sensor-data QoS",
"The fix is to restore from an abstract state"), after saying what is wrong, and then applies.

The BUG_FIX reader in memwrap.extract.bugfix needs a failing check, an edit and a passing check
in a row; many sessions never show that sequence (the failure was in a log the user pasted,
the check ran in CI, the fix was verified by eye). The announcement itself is the evidence
then: the sentence that calls itself the fix, the cause said just before it, and an edit that
follows. Found here only where the sequence reader found nothing for those turns.
"""

from __future__ import annotations

import re

from memwrap.extract.candidate import Candidate
from memwrap.extract.cues import _CAUSE_RE
from memwrap.extract.fit import fit
from memwrap.extract.runs import _tool_info
from memwrap.extract.text import sentences
from memwrap.extract.topics import _QUESTION_RE, _topic_key, file_paths, unfenced_lines
from memwrap.facts import clean_text
from memwrap.turns import Turn

# "Fix:", "The fix is to", "Proper fix —", "Fixed by": a sentence that calls itself the fix
_FIX_LEAD_RE = re.compile(r"^\W*(?:the\s+)?(?:(?:proper|real|actual|simplest|minimal|right|clean)\s+)?fix"
                          r"(?:\s+(?:is|here is|here's))?(?:\s+to)?\s*[:,—–-]\s*|"
                          r"^\W*fix\s+(?:in|for|on)\s+(?:the\s+)?[\w./ →>-]{2,40}?\s*[:—–]\s*|"  # "Fix in the test helper:"
                          r"^\W*(?:the\s+)?fix\s+is\s+(?:to\s+)?|"
                          r"^\W*fixed\s+(?:it\s+)?by\s+", re.I)
# options and conditionals are not a fix that was made
_HEDGED_RE = re.compile(r"\b(?:would|could|might|maybe|perhaps|option|alternatively|if you (?:want|prefer))\b", re.I)
# just above the floor: such a fix fills the room the sequence reader leaves, it does not displace
SCORE = 0.52
_APPLY_REACH = 4  # turns after the announcement in which its edit must come
_COVER_REACH = (3, 6)  # turns before / after in which a BUG_FIX the sequence reader found covers this one


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9][\w.-]{2,}", text.lower()))


def _applied(turns: list[Turn], i: int) -> bool:
    """An edit follows the announcement before the user speaks again (or within a few turns)."""
    for t in turns[i + 1:i + 1 + _APPLY_REACH]:
        if t.role == "user":
            return False
        if t.role == "tool" and _tool_info(t).is_edit:
            return True
    return False


def _covered(text: str, i: int, cands: list[Candidate]) -> bool:
    words = _words(text)
    before, after = _COVER_REACH
    for c in cands:
        if c.kind == "BUG_FIX" and i - before <= c.turn <= i + after:
            other = _words(f"{c.text} {c.evidence}")
            if len(words & other) >= 0.4 * max(1, min(len(words), len(other))):
                return True
    return False


def announced_fixes(turns: list[Turn], cands: list[Candidate]) -> list[Candidate]:
    """BUG_FIX candidates for announced, applied fixes the sequence reader did not find."""
    out: list[Candidate] = []
    for i, turn in enumerate(turns):
        if turn.role != "assistant":
            continue
        said = [s.strip() for s in sentences("\n".join(unfenced_lines(turn.text))) if s.strip()]
        for k, sent in enumerate(said):
            lead = _FIX_LEAD_RE.match(sent)
            if not lead or _QUESTION_RE.search(sent) or _HEDGED_RE.search(sent):
                continue
            fix = sent[lead.end():].strip(" `").rstrip(".")
            if len(fix.split()) < 3 or not _applied(turns, i):
                continue
            causes = [s for s in said[max(0, k - 3):k] if _CAUSE_RE.search(s) and not _QUESTION_RE.search(s)]
            cause = causes[-1].rstrip(".") if causes else ""
            if _covered(f"{cause} {fix}", i, cands + out):
                continue
            fix_txt = fit(fix.replace("`", ""), 80 if cause else 150)
            text = f"{fit(cause.replace('`', ''), 150 - len(fix_txt) - 4)} -> {fix_txt}" if cause else fix_txt
            out.append(Candidate(kind="BUG_FIX", text=clean_text(text[:1].upper() + text[1:], 160), topic=_topic_key(fix),
                                 evidence=sent[:200], source=f"{cause} {sent}", files=file_paths(f"{cause} {sent}")[:3],
                                 score=SCORE, turn=i))
    return out

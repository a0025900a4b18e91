"""A change made outside the session that the user reports as undone: "the read replica thing from
thursday: we rolled that back yesterday, reporting writes went to the replica", "last week i enabled
cloudflare 'cache everything' on the whole zone. we rolled that back yesterday, remote servers got
the cached page".

The rollback names its subject only by a pronoun ("rolled that back"); the subject is the clause
before it in the same sentence, or else the sentence before, and the reason is what follows. It is
a dead end the assistant never saw being tried, so no other reader finds it.
"""

from __future__ import annotations

import re

from memwrap.extract.candidate import Candidate
from memwrap.extract.entities import entities
from memwrap.extract.text import sentences
from memwrap.extract.topics import _prose, _strip_lead, _topic_key, after_label, file_paths
from memwrap.facts import clean_text
from memwrap.turns import Turn

# "we rolled that back", "rolled it back", "i reverted that", "we backed it out", "took it out again"
_ROLLED_RE = re.compile(r"(?:\b(?:we|i|they|ops|he|she)\s+(?:\w+\s+)?)?\b(?:rolled|backed|pulled|ripped|took)\s+(?:it|that|this|them|those)\s+"
                        r"(?:back|out)\b(?!\s+(?:of|in|into|for)\b)|\b(?:we|i|they)\s+reverted\s+(?:it|that|this|them|those)\b", re.I)
# when it happened says nothing about why
_WHEN_RE = re.compile(r"^\W*(?:(?:again|already|yesterday|today|this morning|last (?:night|week|month)|on \w+day|\w+day|"
                      r"the (?:next|same) (?:morning|day|night|evening|week)|"
                      r"after (?:a|an|one|two|three|a few|\d+) (?:days?|hours?|weeks?|months?|quarters?|sprints?|while)(?: or so)?|"
                      r"after that|within (?:a|an|\d+) \w+|(?:lol|haha)\b)\b\W*)+", re.I)
_TAIL_WHEN_RE = re.compile(r"\s*(?:\b(?:from|on|since|last)\s+)?\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b\s*$|"
                           r"\s*\blast (?:week|month|night)\b\s*$|\s*\b(?:yesterday|earlier)\b\s*$", re.I)
# chatter that opens a user's sentence and names nothing
_CHATTER_RE = re.compile(r"^\W*(?:(?:oh|and|also|btw|fyi|so|ok(?:ay)?|yeah|hm+|right|other (?:fire|thing)|bad news|"
                         r"just so (?:you|u) know|one more thing|remember|(?:so )?you know)\b\W*)+", re.I)
_MIN_SUBJECT_WORDS = 2
_LEANS_ON_RE = re.compile(r"^(?:it|its|it's|she|he|they|that|this|those|these|which)\b", re.I)


def _subject(before: str, previous: str) -> str:
    """What was rolled back: the clause before the verb, or the sentence before when the clause names nothing."""
    for text, named in ((before, False), (previous, True)):
        text = _TAIL_WHEN_RE.sub("", _CHATTER_RE.sub("", after_label(_strip_lead(text.strip(" ,;:—–-"))))).strip(" ,;:—–-.?!")
        text = re.sub(r"[\s,;]*\b(?:and|but|so)$", "", text).rstrip(" ,;:—–-")
        words = re.findall(r"[\w'./`+-]+", text)
        if _LEANS_ON_RE.match(text):
            return ""  # "it broke all the request specs, we rolled it back": what happened, the change is named before
        if len(words) >= _MIN_SUBJECT_WORDS and (not named or entities(text) or re.search(r"[_=./`'\"]", text)):
            return text  # the clause before the verb is its subject; a sentence before must name something
        if words:
            return ""  # "friday's issue went out twice, we rolled that back": a clause that is not the change
    return ""


def _reason(after: str, following: str) -> str:
    """Why: what the sentence says after the verb ("..., it broke all the ansible runs"), else the next sentence."""
    text = _WHEN_RE.sub("", after.strip(" ,;:—–-.!")).strip(" ,;:—–-.!")
    text = re.sub(r"^(?:to|back to)\b[^,;—–]*[,;—–]\s*", "", text) if re.match(r"(?:to|back to)\b", text) else text
    if len(text.split()) >= 3:
        return text
    nxt = following.strip()
    if len(nxt.split()) >= 3 and not nxt.endswith("?"):
        return nxt
    return text if len(text.split()) >= 2 else ""


def reported_rollbacks(turns: list[Turn], cands: list[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    for i, t in enumerate(turns):
        if t.role != "user":
            continue
        said = sentences(_prose(t.text))
        for k, sent in enumerate(said):
            m = _ROLLED_RE.search(sent)
            if not m or sent.rstrip().endswith("?"):
                continue
            subject = _subject(sent[:m.start()], said[k - 1] if k > 0 else "")
            reason = _reason(sent[m.end():], said[k + 1] if k + 1 < len(said) else "")
            if not subject or not reason:
                continue
            topic = _topic_key(subject)
            if not topic or any(c.kind == "FAILED" and (c.turn == i or c.topic == topic) for c in cands + out):
                continue
            text = f"{clean_text(subject, 100)}: rolled back, {clean_text(reason, 110)}"  # cut, never a clause dropped
            out.append(Candidate(kind="FAILED", text=text[:1].upper() + text[1:], topic=topic, evidence=sent[:200],
                                 source=t.text, files=file_paths(subject + " " + reason)[:3], score=0.8, turn=i,
                                 reason=reason))
    return out

"""An option someone raises ("what about deepvariant instead of HC?", "someone asked about isar
instead of drift", "cant we just use @electron/remote?"), that the assistant's answer argues
against, and that nobody takes up afterwards: a dead end turned down for a reason.

Nobody says "rejected": the user asks, the assistant explains why not, the user moves on. The
option's name comes from the question; the reason is the answer's sentence about it that says
what is wrong with it.
"""

from __future__ import annotations

import re

from memwrap.extract.candidate import Candidate
from memwrap.extract.entities import entities
from memwrap.extract.fit import fit
from memwrap.extract.text import sentences
from memwrap.extract.topics import _mentions, _topic_key, unfenced_lines
from memwrap.facts import clean_text
from memwrap.turns import Turn

# how a user puts an option on the table as a question or hearsay
_RAISED_RE = re.compile(
    r"\b(?:what about|how about|should we(?: just)?(?: use| go| move to| switch to| try)?|"
    r"can(?:'?t|not)? we(?: just)?(?: use| try| go with)?|could we(?: just)?(?: use| try)?|why not(?: use)?|"
    r"(?:someone|somebody|people|the team|[a-z]+ team|my colleague|a colleague|(?:my|our|the) (?:lead|boss|manager|cto|pm|architect))\b"
    r"[^.?!]{0,40}?\b(?:asked about|suggested|said|keeps? (?:asking|telling me|saying)(?: about| to (?:do|use))?|recommended|"
    r"proposed|asked for|requested)(?:\s+(?:that\s+)?we\s+(?:should|could)(?:\s+just)?(?:\s+(?:use|try|go with|move to|switch to))?)?|"
    r"thoughts on|worth (?:trying|using))\s+"
    r"(?P<rest>[^.?!\n]{2,120})", re.I)
# what the answer says against it
_AGAINST_RE = re.compile(
    r"\b(?:n'?t|not|no|cannot|never|risk\w*|cost\w*|expensive|licen[cs]e|gpl|slower|worse|overkill|only wins|"
    r"would need|needs?|requires?|breaks?|insecure|security|unmaintained|deprecated|archived|locked|blast radius|"
    r"per-seat|paid|nowhere near)\b", re.I)
# the answer recommends staying put or something else
_STAY_RE = re.compile(r"\b(?:i'?d (?:skip|stay|keep|stick|avoid|pass)|(?:argue|advise|recommend) against|i'?d say (?:no|not)|not now\b|(?:stay|stick|keep) (?:on|with)|so no\b|not worth|"
                      r"i'?d not|wouldn'?t|recommend (?:staying|keeping|against)|instead\b|isn'?t an option|"
                      r"not an option|(?:is|are) out\b)", re.I)
_LET_GO_RE = re.compile(r"^\W*(?:ok(?:ay)?|fine|fair(?: enough)?|agreed?|makes sense|got it|right|yeah|ya|yep|true|"
                        r"no|nah|skip|forget|meh|k)\b", re.I)
_USER_WHY_RE = re.compile(r"\b(?:not|no|don'?t|never)\s+(?:\w+\s+){0,2}?(?:bringing|adding|paying|pulling|running|"
                          r"maintaining|learning|worth|for|a|an|another|one more|doing)\b", re.I)
# a case against, not a bare "no" ("no solver surprises" is for it)
_STRONG_AGAINST_RE = re.compile(r"\b(?:but|however|can'?t|cannot|won'?t|risk\w*|cost\w*|expensive|licen[cs]e|paid|per-seat|"
                                r"requires?|would need|needs?|breaks?|slower|worse|only)\b", re.I)
# the user's reply opens by turning it down ("nah not on my only work machine, too risky. skip",
# "agreed, skip DOs", "yeah no, not bringing in a whole framework")
_DECLINE_RE = re.compile(r"^\W*(?:(?:yeah|ya|yep|ok(?:ay)?|agreed?|fair|right|hmm+|ugh)\W+){0,2}"
                         r"(?:no\b|nah\b|nope\b|not\b|skip\b|forget\b|pass\b|never mind\b|too \w+)", re.I)
# ... or says so on the way ("yeah i asked hpc support ... not worth fighting, stay with conda")
_DECLINE_SAID_RE = re.compile(r"\b(?:not worth|stay(?:ing)? (?:with|on|local)|(?:is|'s) a no-?go|stick(?:ing)? (?:with|to)|skip (?:it|that|this)|"
                              r"forget (?:it|that|this)|too (?:risky|much|heavy|expensive|slow|pricey))\b", re.I)
# ... unless it takes it up after all ("ok no worries, go ahead", "yeah not a problem, add it")
_TAKEN_RE = re.compile(r"\b(?:no (?:worries|problem|objections?)|not (?:a problem|sure|yet)|go ahead|add it|ship it|do it|"
                       r"sounds good|let'?s (?:do|try|use))\b", re.I)
_ADOPT_RE = re.compile(r"\b(?:let'?s (?:do|use|go with|try)|go with|do it|switch to|move to|sounds good, (?:use|do))\b", re.I)
# words that say what kind of thing a name is, not which one
_KIND_WORDS = {"table", "column", "index", "field", "library", "lib", "package", "crate", "gem", "module", "plugin", "tool",
               "service", "option", "approach", "thing", "whole", "new", "big", "model", "framework", "extension", "flag",
               "setting", "mode", "feature", "type", "class", "function", "method", "api", "endpoint", "image", "container"}
_STOP = {"the", "a", "an", "it", "this", "that", "we", "us", "for", "instead", "of", "just", "use", "our", "my"}


def _option(rest: str) -> str:
    """The option's name: the first code-ish or product-like name in what follows the cue."""
    rest = re.sub(r"^(?:(?:i|we|you)\s+(?:should|could|can|must|ought to)\s+(?:just\s+|really\s+)?)?(?:just\s+)?(?:to\s+)?"
                  r"(?:use|using|try|trying|go with|go|move to|switch to|buy|get|add|adopt|pull in|bring in|make|do)\s+", "",
                  rest.strip(), flags=re.I)  # "someone said i should just use litex and get ...", "we should go containers"
    # "switch embeddings to openai text-embedding-3-large": the option is where it would move to
    rest = re.sub(r"^(?:switch|move|change|migrate|port)\s+(?:(?!to\b)[\w-]+\s+){1,3}?to\s+", "", rest, flags=re.I)
    if re.match(r"\w+\s+(?:it|this|that|them|these|those)\b", rest, re.I):
        return ""  # "can we run it in parallel": something to do, not an option to take
    rest = re.split(r"\s+and\s+(?:get|have|use|do|make|then|query)\b", rest, maxsplit=1)[0]
    rest = re.split(r"\s+(?:instead of|rather than|for|to|so|because|since|in|on|with|while|now that)\s+|\s*[,;]\s+", rest, maxsplit=1)[0]
    rest = re.sub(r"(?:\s+(?:though|then|too|anyway|instead|again|here|now|last (?:week|month|sprint|year|time)|"
                  r"(?:this|next) (?:week|month|sprint)))+\s*$", "", rest, flags=re.I)  # "the reltuples trick though"
    words = [w.strip("`'\",:;()") for w in rest.split()]
    words = [w for w in words if w and w.lower() not in _STOP]
    named = entities(rest)
    if not words or len(words) > 5:
        return named[0] if named else ""
    if named and words[0] not in named[0] and len(words) > 1:
        lead = words[:next((k for k, w in enumerate(words) if named[0].startswith(w)), len(words))]
        if 1 <= len(lead) <= 2 and not {w.lower() for w in lead} & _KIND_WORDS:
            return " ".join(lead + [named[0]])  # "openai text-embedding-3-large": the vendor is part of the name
        return named[0]  # "the table ReplacingMergeTree": the name, not the words before it
    return " ".join(words[:3])


def declined_suggestions(turns: list[Turn], cands: list[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    for i, turn in enumerate(turns):
        if turn.role != "user":
            continue
        for m in _RAISED_RE.finditer(turn.text):
            name = _option(m.group("rest"))
            topic = _topic_key(name)
            if not topic or len(name) < 3:
                continue
            answer = next((j for j in range(i + 1, min(len(turns), i + 4)) if turns[j].role == "assistant"), -1)
            if answer < 0:
                continue
            said = [s.strip() for s in sentences("\n".join(unfenced_lines(turns[answer].text))) if s.strip()]
            head = name.split()[0].lower()  # "Odin would make ..." answers "should we buy odin inspector"
            about = [s for s in said if _mentions(s.lower(), topic) or name.lower() in s.lower()
                     or (len(head) >= 4 and re.search(r"(?<![\w-])" + re.escape(head) + r"(?![\w-])", s, re.I))]
            against = [s for s in about if _AGAINST_RE.search(s) and not s.rstrip().endswith("?")]
            later = " ".join(t.text for t in turns[answer + 1:answer + 3] if t.role == "user")
            # the reply's first sentences answer; the rest moves on ("now next thing: ... I add it yesterday")
            answered = " ".join(sentences(later)[:2])[:160]
            declines = bool(_DECLINE_RE.match(later) or _DECLINE_SAID_RE.search(answered)) and not _TAKEN_RE.search(answered)
            advises = any(_STAY_RE.search(s) for s in said)  # the answer recommends staying put
            lets_go = bool(_LET_GO_RE.match(later))
            if not against and ((advises and lets_go) or declines):
                # "Durable Objects would give a lock. But Pages Functions can't define DOs ... I'd not do
                # it." + "agreed, skip DOs": the whole answer is about the option, its case against too
                against = sorted([s for s in said if _AGAINST_RE.search(s) and not _STAY_RE.search(s)
                                  and not s.rstrip().endswith("?")], key=lambda s: not _STRONG_AGAINST_RE.search(s))[:1]
                # "yeah no, not bringing in a whole framework for this": the user's own why
                against = against or [re.sub(r"^\W*(?:(?:yeah|ya|yep|ok(?:ay)?|no|nah|nope|fair|agreed)\W+)+", "", s)
                                      for s in sentences(later)[:2] if _USER_WHY_RE.search(s)][:1]
            # the answer advises against it, or the user lets it go ("fair, stay on drift", "ok no remote")
            if not against or not (advises or lets_go):
                continue
            if _TAKEN_RE.search(answered) or (_ADOPT_RE.search(later) and (name.lower() in later.lower()
                                                                  or _mentions(later.lower(), topic))):
                continue  # taken up after all
            if any(c.kind == "FAILED" and (c.topic == topic or _mentions(c.text.lower(), topic))
                   for c in cands + out):
                continue
            if any(c.kind in ("DECISION", "PATTERN") and c.turn > answer
                   and _mentions(c.text.lower(), topic) and not _AGAINST_RE.search(c.text) for c in cands):
                continue  # a later choice names it without a word against it: adopted
            said_against = re.sub(r"^\s*(?:[-*•]|\d+[.)])\s+", "", against[-1]).replace("`", "").replace("**", "")
            reason = fit(said_against, 150 - len(name))  # "- **Cost:** ..." reads "Cost: ..."
            out.append(Candidate(kind="FAILED", text=clean_text(f"{name}: turned down, {reason}", 160), topic=topic,
                                 evidence=f"{m.group(0)[:90]} / {against[-1][:100]}", source=" ".join(about),
                                 score=0.75, turn=answer, reason=reason))
    return out

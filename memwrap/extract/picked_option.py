"""A user's pick said by a short reference ("use the pgx one", "let's go with the BackgroundService",
"the dialog one") means nothing in a later session on its own. The option it points at is in
what the assistant just offered: the list item or sentence that names every word of the
reference. The decision is remembered as that option, in the assistant's words."""

from __future__ import annotations

import re
from dataclasses import replace

from memwrap.extract.candidate import Candidate
from memwrap.extract.fit import fit
from memwrap.extract.text import sentences
from memwrap.facts import clean_text
from memwrap.turns import Turn

_PICK_RE = re.compile(
    r"^\W*(?:(?:ok|okay|yeah|yes|fine|sure|right|alright)[,.!]?\s+)*"
    r"(?:let'?s\s+(?:do|go\s+with|use|try|take)|go\s+with|use|we'?ll\s+(?:go\s+with|use|take)|i'?ll\s+take|take)\s+"
    r"(?:the\s+|a\s+|an\s+)?(?P<ref>[^.;,!?]{2,60}?)\s*(?:\b(?:instead|then|please|for\s+now|after\s+all)\b\s*)?[.!]?$", re.I)
# words of a reference that do not say which option: "the local one that just logs" -> local, logs
_FILLER = frozenset("""one ones thing option approach version variant way stuff that which just the a an it this with
    for now then instead please simple simpler plain first second third last other""".split())
_ITEM_RE = re.compile(r"^\s*(?:\d+[.)]|[a-h][.)]|[-*•])\s+(.+)$", re.M)
_MAX_WORDS = 8  # a longer sentence already says what it picks


def _bare(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _reference_words(ref: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9][\w.+#-]*", ref.lower()) if len(w) >= 3 and w not in _FILLER]


def _offers(turns: list[Turn], at: int) -> list[str]:
    """The list items, then the sentences, of the assistant turns just before turn `at`."""
    items: list[str] = []
    said: list[str] = []
    seen = 0
    for j in range(at - 1, max(-1, at - 6), -1):
        t = turns[j]
        if t.role == "user":
            break
        if t.role != "assistant":
            continue
        items += [m.group(1) for m in _ITEM_RE.finditer(t.text or "")]
        said += [s for s in sentences(t.text or "") if not s.rstrip().endswith("?")]
        seen += 1
        if seen == 2:
            break
    return items + said


def _option_for(ref_words: list[str], offers: list[str]) -> str:
    def names_all(text: str) -> bool:
        low = re.sub(r"[`*]", "", text.lower())
        spellings = (low, low.replace("-", ""), low.replace("-", " "))  # "built-in in-memory": builtin, memory
        return all(any(re.search(r"(?<![a-z0-9])" + re.escape(w), x) for x in spellings) for w in ref_words)
    hits = [o for o in offers if names_all(o)]
    return hits[0] if hits else ""


def resolve_picks(cands: list[Candidate], turns: list[Turn]) -> list[Candidate]:
    """DECISIONs in the user's own words that only point at an offered option, rewritten as that
    option (one already written from the offer stays as it is)."""
    out = []
    for c in cands:
        if c.kind == "DECISION" and 0 <= c.turn < len(turns) and turns[c.turn].role == "user" \
                and len(c.text.split()) <= _MAX_WORDS and _bare(c.text) in _bare(turns[c.turn].text or ""):
            m = _PICK_RE.match(c.text.strip())
            words = _reference_words(m.group("ref")) if m else []
            if 1 <= len(words) <= 3:
                option = _option_for(words, _offers(turns, c.turn))
                if option:
                    told = re.sub(r"\*\*|__", "", option).replace("`", "").strip(" -:")
                    c = replace(c, text=clean_text(fit(told, 160)), evidence=told[:200])
        out.append(c)
    return out

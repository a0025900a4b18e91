"""People type "dont", "thats out", "id rather": the cues the readers look for are written
with the apostrophe. Spelling those forms out once, before any reader runs, lets every cue
match the way people actually type. Only forms that are not also ordinary words are touched
("its", "id", "ill" only where the next word makes the contraction certain), and never inside
code spans or fences, where "dont" may be a name."""

from __future__ import annotations

import re
from dataclasses import replace

from memwrap.turns import Turn

_ALWAYS = {
    "dont": "don't", "doesnt": "doesn't", "didnt": "didn't", "isnt": "isn't", "wasnt": "wasn't",
    "werent": "weren't", "arent": "aren't", "wont": "won't", "cant": "can't", "couldnt": "couldn't",
    "shouldnt": "shouldn't", "wouldnt": "wouldn't", "hasnt": "hasn't", "havent": "haven't", "hadnt": "hadn't",
    "thats": "that's", "whats": "what's", "theres": "there's", "youre": "you're", "theyre": "they're",
    "ive": "I've", "im": "I'm", "youve": "you've", "weve": "we've", "youll": "you'll",
}
_ALWAYS_RE = re.compile(r"\b(" + "|".join(_ALWAYS) + r")\b", re.I)
# "its" is also the possessive: only before words a possessive never takes
_ITS_RE = re.compile(r"\bits(?=\s+(?:not|a|an|the|too|fine|ok|okay|out|just|only|been|going|gonna|still|already|"
                     r"broken|slow|fast|faster|slower|better|worse|way|also|really|pretty|kind of|more|less|because|"
                     r"what|how|done|dead|all|no|never|always|probably|definitely)\b)", re.I)
# "id"/"ill" are words too (an id column, "ill-formed"): only before a verb of intent
_INTENT = r"(?:rather|prefer|like|say|go|keep|love|want|avoid|stick|take|use|do|be|check|try|add|look|push|ask|write|" \
          r"merge|fix|run|handle|deal|have|get|need|just|make|send|test|update|let|see|open|pick|leave|review|set|" \
          r"rotate|tell|move|probably|also|still|never|definitely)"
_ID_ILL_RE = re.compile(r"(?:(?<=^)|(?<=[\s,.;:!(]))(id|ill)(?=\s+" + _INTENT + r"\b)", re.I | re.M)
_CODE_RE = re.compile(r"```.*?(?:```|$)|`[^`\n]*`", re.S)


def _prose_only(text: str) -> str:
    def spell(chunk: str) -> str:
        chunk = _ALWAYS_RE.sub(lambda m: _cased(m.group(1), _ALWAYS[m.group(1).lower()]), chunk)
        chunk = _ITS_RE.sub(lambda m: _cased(m.group(0), "it's"), chunk)
        return _ID_ILL_RE.sub(lambda m: "I'd" if m.group(1).lower() == "id" else "I'll", chunk)
    out, last = [], 0
    for m in _CODE_RE.finditer(text):
        out += [spell(text[last:m.start()]), m.group(0)]
        last = m.end()
    return "".join(out + [spell(text[last:])])


def _cased(typed: str, spelled: str) -> str:
    """Keep the writer's capital ("Dont" -> "Don't"); "I" is always capital."""
    if spelled.startswith("I'"):
        return spelled
    return spelled[:1].upper() + spelled[1:] if typed[:1].isupper() else spelled


def spelled_out(turns: list[Turn]) -> list[Turn]:
    """The turns with what people wrote (not tool output) in spelled-out contractions."""
    out = []
    for t in turns:
        if t.role in ("user", "assistant") and t.text:
            fixed = _prose_only(t.text)
            if fixed != t.text:
                t = replace(t, text=fixed)
        out.append(t)
    return out

"""Reversal wordings: what a statement says was replaced or given up.

One place for the phrasings, shared by classify (a new DECISION records what it replaces) and
lifecycle (a stored fact whose text names a replaced subject is superseded). Pure regexes, no
imports beyond `re`, because the store runs this for every fact it writes.

"switched from JWT to opaque tokens", "switch refresh tokens to opaque", "move off helm",
"drop X in favour of Y", "replace X with Y", "X replaced by Y", "(this) replaces X", "X is out, Y is in", "no longer use X",
"migrate from X to Y", "rip out X", "get rid of X", "instead of X" -> X; "X now lives in Y",
"X now updates through Y" (also after a label: "Recap: search now runs on Y"), "X moves to Y",
"... from the old X" -> X (a changed way, not a subject given up); "..., X off", "the X is gone",
"X no longer used" -> X (switched off; never a symptom such as "the warnings are gone").
"""

from __future__ import annotations

import re

# The old subject: a short noun phrase, never across punctuation or a clause boundary.
_X = r"(?P<old>[\w@./+#-]+(?:[ \t]+(?!(?:to|with|by|for|in|and|but|so|then|because|since)\b)[\w@./+#-]+){0,4}?)"
# A longer subject that runs to the end of its clause ("no longer use JWT with refresh tokens").
_XL = r"(?P<old>[^,.;:()!?\n]{1,60}?)"
_END = (r"(?=\s*(?:$|[,.;:!?()]|\s-\s|\b(?:and|but|so|then|because|since|now|please|entirely|completely|to|for|"
        r"in\s+favou?r|onto|towards)\b))")

# "switch X to Y", "migrate X to Y", "move X over to Y": X is what changes, and it stays in use
_CHANGED_RE = re.compile(r"\b(?:switch(?:ed|ing)?|migrat(?:e|ed|ing)|mov(?:e|ed|ing))\s+(?!to\b|over\b|from\b|back\b|off\b|away\b|on\b)"
           r"(?:the\s+|our\s+)?" + _X
           + r"\s+(?:over\s+)?(?:to|->|→)\s", re.I)
_RES: tuple[re.Pattern[str], ...] = (
    # explicit "from X to Y"
    re.compile(r"\b(?:switch(?:ed|ing)?|mov(?:e|ed|ing)|migrat(?:e|ed|ing)|chang(?:e|ed|ing)|port(?:ed|ing)?|go(?:ing)?|went)\s+"
               r"(?:\w+\s+){0,3}?from\s+(?:the\s+|our\s+)?" + _X + r"\s+(?:to|->|→|over to)\b", re.I),
    _CHANGED_RE,
    re.compile(r"\breplac(?:e|ed|ing)\s+(?:the\s+|our\s+)?" + _X + r"\s+(?:with|by)\s", re.I),
    re.compile(_X + r"\s+(?:(?:is|was|gets|got|has\s+been|have\s+been)\s+)?replaced\s+(?:with|by)\s", re.I),
    # "Replaces the CycloneDDS static-peer setup", "..., replacing the nightly cron": the fact's own
    # subject took X's place (with no "with Y" after it, which the wording above reads)
    re.compile(r"\breplac(?:es|ing)\s+(?:the\s+|our\s+|a\s+)?" + _X
               + r"(?=\s*(?:$|[,.;:!?()…]|\s-\s|\b(?:and|but|so|because|since|which|that|entirely|completely)\b))", re.I),
    re.compile(r"\b(?:instead\s+of|rather\s+than|in\s+place\s+of)\s+(?:the\s+|our\s+|using\s+)?" + _XL + _END, re.I),
    re.compile(r"\bno\s+longer\s+(?!(?:used|needed|in\s+use)\b)(?:use[sd]?\s+|using\s+|need\s+|want\s+)?(?:the\s+|our\s+)?"
               + _XL + _END, re.I),
    re.compile(r"\b(?:stop(?:ped)?\s+using|not\s+using\s+\w+\s+anymore|done\s+with|get(?:ting)?\s+rid\s+of|got\s+rid\s+of|"
               r"mov(?:e|ed|ing)\s+(?:off|away\s+from)|switch(?:ed|ing)?\s+away\s+from|rip(?:ped|ping)?\s+out|"
               r"phas(?:e|ed|ing)\s+out|retir(?:e|ed|ing)|deprecat(?:e|ed|ing))\s+(?:of\s+)?(?:the\s+|our\s+)?" + _XL + _END, re.I),
    re.compile(r"\b(?:rip(?:ped)?|phase[ds]?|take|took)\s+(?:the\s+|our\s+)?" + _X + r"\s+out\b", re.I),
    re.compile(r"\b(?:drop(?:ped|ping)?|ditch(?:ed|ing)?|remov(?:e|ed|ing)|abandon(?:ed|ing)?|scrap(?:ped)?)\s+(?:the\s+|our\s+)?"
               + _X + r"\s+(?:for|in\s+favou?r\s+of|and\s+(?:use|go\s+with|switch\s+to|move\s+to))\s", re.I),
    re.compile(r"(?:^|[,.;:]\s*|\b(?:so|now)\s+)(?:the\s+)?" + _X + r"\s+(?:is|are)\s+out\b(?=\s*[,;.]|\s+\w+\s+(?:is|are)\s+in\b|\s*$)", re.I),
)
# "The board now updates through Reverb", "Keys now live in Postgres": the subject's old way is what
# changed. Only verbs of how a thing works, never outcomes ("the build now runs 40% faster", "tests
# are now passing", "CI is now green"); a changed way, so never a subject given up (`given_up_only`).
_NOW_WAY_RE = re.compile(
    r"^(?:[\w' ]{1,24}:\s+)?(?:the\s+|our\s+)?" + _X + r"\s+now\s+(?:lives?|live|goes?|go|runs?|run|uses?|use|updates?|update|"
    r"comes?\s+from|reads?|writes?|verif(?:y|ies)|checks?|sends?|stores?|calls?|(?:is\s+|are\s+)?on|"
    r"(?:is|are)\s+(?:stored|kept|handled|built|served|sent|generated|checked|verified))\b"
    r"(?!\s+(?:faster|slower|fine|green|clean|again|ok|okay|without|in\s+\d|\d))", re.I)
# "backfill from the old PluginStore rows": what a recap calls old is what the session replaced (a way
# changed, like the above: never read as a subject given up)
_OLD_RE = re.compile(r"\bthe\s+old\s+(?P<old>[\w@./+#-]+(?:[ \t]+[\w@./+#-]+){0,2}?)" + _END, re.I)
# "Wildcard cert via certbot, ACME off", "the Makefile is gone", "nightly precompute no longer used": a
# clause that reports its subject switched off or removed. Only at a clause start, so the subject is
# the whole clause before the verdict ("turned the cache off for tests" is not one).
_SWITCHED_OFF_RE = re.compile(
    r"(?:^|[,;(]\s*|\b(?:and|now)\s+)(?:the\s+|our\s+)?" + _X
    + r"\s+(?:(?:is|are|was|were)\s+)?(?:off|gone|disabled|removed|retired|no\s+longer\s+(?:used|needed|in\s+use))"
    r"(?=\s*(?:$|[,.;:!?()]|\s-\s|\b(?:and|but|now)\b))", re.I)
# "Search moves to self-hosted Meilisearch", "Sessions switched over to Redis": the subject leads the
# clause and its way changed (never a subject given up, like _NOW_WAY_RE)
_MOVES_TO_RE = re.compile(r"(?:^(?:[\w' ]{1,24}:\s+)?|[;.]\s+)(?:the\s+|our\s+)?" + _X
                          + r"\s+(?:now\s+)?(?:moves?|moved|switch(?:es|ed)|migrat(?:es|ed))\s+(?:over\s+)?(?:to|onto)\s", re.I)
_RES = _RES + (_NOW_WAY_RE, _OLD_RE, _SWITCHED_OFF_RE, _MOVES_TO_RE)
# "the error is gone", "warnings removed": a symptom that went away, not a way of working given up
_SYMPTOM_RE = re.compile(r"\b(?:errors?|warnings?|exceptions?|problems?|issues?|bugs?|crash(?:es)?|failures?|flak\w*|"
                         r"noise|lag|spam|duplicates?|timeouts?|leaks?|alerts?|spikes?|5\d\d)\b", re.I)
_PRONOUNS = {"it", "this", "that", "them", "those", "these", "everything", "all", "things", "stuff", "i", "we", "you", "they"}


def replaced_phrases(text: str, *, given_up_only: bool = False) -> list[str]:
    """The subjects `text` says were replaced or given up, in order, without duplicates.
    `given_up_only`: not what only changed its value ("move the I2C to GP16")."""
    out: list[str] = []
    for rx in _RES:
        if given_up_only and rx in (_CHANGED_RE, _NOW_WAY_RE, _OLD_RE, _MOVES_TO_RE):
            continue
        for m in rx.finditer(text or ""):
            old = m.group("old").strip(" .,;:-").lower()
            old = re.sub(r"^(?:(?:then|so|and|now)\s+)?(?:the|our|a|an|using)\s+", "", old)
            if rx is _SWITCHED_OFF_RE and _SYMPTOM_RE.search(old):
                continue
            if old and old not in _PRONOUNS and old not in out and len(old) <= 60 and " from " not in f" {old} ":
                out.append(old)
    return out


def name_key(name: str) -> str:
    """A name as matching what a session gave up compares it: lower case, and "sqlite3" is
    "sqlite" (a trailing version digit on a word of four letters or more)."""
    low = name.lower()
    bare = low.rstrip("0123456789")
    return bare if len(bare) >= 4 and bare.isalpha() else low

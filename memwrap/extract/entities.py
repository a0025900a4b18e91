"""Technical-entity detection: does a phrase name something a program or a project uses?

Used everywhere instead of closed vocabularies: a sentence with no technical entity is
chit-chat and never becomes a fact on weak cue words alone.
"""

from __future__ import annotations

import re

_ENTITY_RES = (
    re.compile(r"`[^`\n]{2,60}`"),  # code span
    re.compile(r"<[A-Za-z][\w-]*(?:\s[^<>]{0,40})?>"),  # a tag/component <ClientOnly>
    re.compile(r"\b[a-z]+[A-Z][A-Za-z0-9]*\b"),  # camelCase
    re.compile(r"\b[A-Z][a-z0-9]+[A-Z][A-Za-z0-9]*\b"),  # CamelCase
    re.compile(r"\b[A-Za-z_][\w]*\.[A-Za-z_][\w.]*(?:\(\))?"),  # dotted name Task.Run, ansible.cfg
    re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b"),  # snake_case
    re.compile(r"\b[a-z][a-z0-9]+(?:-[a-z0-9]+)+\b"),  # kebab package names ansible-lint
    re.compile(r"\b[A-Za-z][\w.+-]*\s?v?\d+(?:\.\d+)+\b"),  # name + version
    re.compile(r"\b[A-Z]{2,}[a-z]*\b|\b[A-Z]+\d+\b"),  # acronyms FQCN, SSR, CLS, S3, IE11
    re.compile(r"\b[a-z]{3,}\d+[a-z\d]*\b"),  # names with digits: memmap2, log4j, oauth2
    re.compile(r"(?<=[\w)] )[A-Z][a-z]{2,}\d*\b"),  # a capitalised name mid-clause: Prisma, Zustand (not after ': ')
    re.compile(r"(?:^|\s)--?[a-z][\w-]+"),  # flags
    re.compile(r"\w+\(\)"),  # calls watch()
    re.compile(r"\b\w+=\S+"),  # settings lazy="joined", forks=25
    re.compile(r"(?:[\w.-]+/)+[\w.-]*\w"),  # paths
)
_NOT_ENTITY = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
               "March", "April", "May", "June", "July", "August", "September", "October", "November", "December", "English",
               "OK", "I", "TODO", "PR", "AM", "PM", "ASAP", "FYI", "BTW", "IMO", "TL", "DR", "LOL", "OMG"}


def entities(text: str) -> list[str]:
    """Technical names in `text`, in order, without duplicates."""
    found: list[tuple[int, str]] = []
    for rx in _ENTITY_RES:
        for m in rx.finditer(text or ""):
            s = m.group(0).strip().strip("`")
            if s and s not in _NOT_ENTITY and not re.fullmatch(r"[\d.]+|e\.g|i\.e|etc\.?", s, re.I):
                found.append((m.start(), s))
    out: list[str] = []
    for _, s in sorted(found):
        if s not in out:
            out.append(s)
    return out


def has_entity(text: str) -> bool:
    return bool(entities(text))


def code_names(text: str) -> set[str]:
    """The identifiers in `text` that read as code ("caches.default", "pool_size", "fetch()"), lower case."""
    return {re.sub(r"\(.*$", "", e).strip("`").lower() for e in entities(text) if re.search(r"\w[._]\w|\w\(", e)}


def failed_code_names(failed_texts: list[str]) -> set[str]:
    """Code names in what FAILED facts say was tried (the part before ": failed"/": abandoned")."""
    return {n for t in failed_texts for n in code_names(re.split(r":\s+(?:failed|abandoned|reverted|rejected)\b", t, maxsplit=1)[0])
            if len(n) >= 5}


def names_any(text: str, names: set[str]) -> bool:
    """`text` names one of `names` (or a longer or shorter form of it: "caches.default" ~ "caches.default.delete")."""
    return any(a in b or b in a for a in code_names(text) if len(a) >= 5 for b in names)


_VIA_RE = re.compile(r"\b(?:with|using)\s+(?P<via>(?:[^,;:—–]|:(?=\S)){2,40})")  # "npm:express" is one name
_VIA_END_RE = re.compile(r"\s+(?:and|but|so|because|last|this|in|inside|within|under|on|for)\b.*$")


def named_tool(head: str, phrase: str, *, activity_only: bool = False) -> str:
    """What an attempt is named by: `head` ("doing fulfillment"), or, when the head names
    nothing, the tool the whole `phrase` says it was done with ("... with BullMQ last year").
    `activity_only`: only when the head is an activity ("doing ...", not "fast dds with ...")."""
    if activity_only and not re.match(r"\w+ing\b", head):
        return head
    via = _VIA_RE.search(phrase)
    if via and not entities(head):
        return _VIA_END_RE.sub("", via.group("via")).strip()
    return head

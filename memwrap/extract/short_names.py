"""Short forms people use for what was said in full a few lines earlier: "forget k8s" after
"a kubernetes work pool", "skip DOs" after "Durable Objects", "no SSR" after "server-side
rendering". A fact kept under the short form alone is not found by someone who searches for
the full name later, so the full name said nearby is kept beside it.
"""

from __future__ import annotations

import re

from memwrap.turns import Turn

_NUMERONYM_RE = re.compile(r"^([a-z])(\d{1,2})([a-z])$", re.I)  # k8s, i18n, a11y
_INITIALISM_RE = re.compile(r"^([A-Z]{2,5})s?$")  # DOs, SSR, ORM, CQRS
_WORD_RE = re.compile(r"[A-Za-z][\w-]*")
_FILLER = {"a", "an", "the", "our", "my", "your", "its", "just", "then", "and", "or", "but", "to", "of", "in", "on",
           "for", "with", "it", "is", "be", "we", "you", "that", "this", "could", "would", "will", "can", "not",
           "no", "so", "if", "as", "at", "by", "do", "does", "did"}


def _numeronym(short: str, text: str) -> str:
    m = _NUMERONYM_RE.match(short)
    if not m:
        return ""
    first, middle, last = m.group(1).lower(), int(m.group(2)), m.group(3).lower()
    for word in _WORD_RE.findall(text):
        w = word.lower()
        if len(w) == middle + 2 and w[0] == first and w[-1] == last:
            return w
    return ""


def _initialism(short: str, text: str) -> str:
    m = _INITIALISM_RE.match(short)
    if not m:
        return ""
    letters = m.group(1).lower()
    # words split on hyphens too: "server-side rendering" is s, s, r
    words = [w for w in re.finditer(r"[A-Za-z]+", text)]
    n = len(letters)
    runs = [words[k:k + n] for k in range(len(words) - n + 1)]
    # one phrase: its words apart by spaces or hyphens only ("cloak] { display: none" is no name)
    runs = [run for run in runs if all(re.fullmatch(r"[ \t-]+", text[a.end():b.start()]) for a, b in zip(run, run[1:]))]
    fits = [run for run in runs if "".join(w.group(0)[0].lower() for w in run) == letters
            and all(len(w.group(0)) > 1 for w in run) and any(len(w.group(0)) > 3 for w in run)
            and run[-1].end() - run[0].start() <= 60]
    # a name has no filler words ("just wait then" is no JWT); names are capitalised ("Durable Objects"),
    # a lowercase phrase ("server-side rendering") counts only for three letters or more
    fits = [run for run in fits if not any(w.group(0).lower() in _FILLER for w in run)
            and (all(w.group(0)[0].isupper() for w in run) or n >= 3)]
    fits.sort(key=lambda run: not all(w.group(0)[0].isupper() for w in run))
    return text[fits[0][0].start():fits[0][-1].end()] if fits else ""


def expanded(short: str, context: str) -> str:
    """The full name `context` gives for the short form `short` ("" when it gives none, or when
    `short` is no short form)."""
    short = short.strip("` ")
    if " " in short:
        return ""
    full = _numeronym(short, context) or _initialism(short, context)
    return "" if not full or full.lower() == short.lower() else full


def with_full_name(name: str, turns: list[Turn], at: int, reach: int = 6) -> str:
    """`name`, followed by its full form in parentheses when it is a short form and turn `at` or
    one of the `reach` turns before it (nearest first) says it in full."""
    for j in range(min(at, len(turns) - 1), max(-1, at - reach - 1), -1):
        full = expanded(name, f"{turns[j].input} {turns[j].text}")
        if full:
            return f"{name} ({full})"
    return name

"""Text and topic helpers every extraction part shares: file paths in text, a user's own words
without pasted logs, lead-in stripping, and the short normalised topic keys that say whether
two phrases are about the same thing (redis ~ go-redis ~ redis sessions)."""

from __future__ import annotations

import re

from memwrap.extract.entities import entities
from memwrap.reversal import replaced_phrases

_PATH_RE = re.compile(
    r"(?<![\w/.-])((?:[\w.-]+/)*[\w-]+\.(?:py|go|rs|ts|tsx|js|jsx|mjs|java|kt|rb|tf|tfvars|ya?ml|json|toml|"
    r"sql|prisma|md|sh|c|h|cpp|hpp|cs|php|swift|scala|ex|exs|lock|cfg|ini|html|css|scss|vue|svelte|gradle|xml|mod)|"
    r"(?:[\w.-]+/)+[\w.-]+/?)(?![\w/])"
)
_URLISH_RE = re.compile(r"^(?:https?|wss?)?:?//|^\w+\.\w+\.\w+/|^\d")


def file_paths(text: str) -> list[str]:
    """Paths with a known extension or at least one directory, in order of appearance."""
    out: list[str] = []
    for m in _PATH_RE.finditer(text or ""):
        p = m.group(1).rstrip("/.")
        if len(p) < 4 or _URLISH_RE.search(p) or p.count("/") > 8 or "//" in p:
            continue
        if "/" not in p and "." in p and p.rsplit(".", 1)[0].isdigit():
            continue
        if p not in out:
            out.append(p)
    return out


_LEAD_IN_RE = re.compile(
    r"^(?:(?:ok(?:ay)?|yeah|yep|yes|yup|ya|yah|yea|sure|good|great|nice|cool|perfect|fine|alright|right|so|and|but|"
    r"also|btw|hmm+|ugh|meh|honestly|well|oh|ah|fyi|please|pls|plz|thanks|thank you|sweet|awesome|"
    r"lol|haha|wow|holy|no (?:problem|worries|rush|thanks|biggie|big deal)|one (?:more |last )?thing(?=\s*[,:]))\b[\s,.!:;-]*|(?:no|nope)(?:[,.!:;-]+\s*|\s*$|\s+(?=(?:that|this|it|i|i'm|we|you|they|idea|wait|actually|sorry|not)\b)))+",  # "no, ..." is a lead-in; "no default exports" is not
    re.IGNORECASE,
)


def _strip_lead(text: str) -> str:
    """Drop conversational lead-ins ("ok", "yeah", "great,") that carry no content."""
    return _LEAD_IN_RE.sub("", text).strip(" ,;:-")


_LOGLINE_RE = re.compile(r"^\s*(?:at\s|\d{4}-\d\d-\d\d|\[|[|:=*#>]|\S+\.\S+\.\S+Exception)|\s---\s|\s::\s|\b[a-z]\w*\.[a-z]\w*\.[a-z]\w*\.[A-Z]\w+")


def unfenced_lines(text: str) -> list[str]:
    """The lines of `text` outside ``` code fences (fence lines themselves dropped)."""
    out, fenced = [], False
    for ln in (text or "").splitlines():
        if ln.strip().startswith("```"):
            fenced = not fenced
        elif not fenced:
            out.append(ln)
    return out


def _prose(text: str) -> str:
    """A user's own words without the log, stack trace or command output pasted under them
    (a stack named in a log line is not the user's stack; "Code: Unknown" is no decision)."""
    return "\n".join(ln for ln in unfenced_lines(text)  # indented or log-shaped: pasted, not said
                     if not (re.match(r"(?: {2,}|\t)\S", ln) or _LOGLINE_RE.search(ln)
                             or (len(ln) >= 400 and not _wordy(ln))))


def _wordy(line: str) -> bool:
    """A long line that is a paragraph someone typed (mostly plain words), not a pasted log or
    minified blob: people write whole messages on one line."""
    tokens = line.split()
    words = sum(1 for t in tokens if re.fullmatch(r"[A-Za-z][a-z']*[,.;:!?)]*", t))
    return len(tokens) >= 20 and words >= 0.6 * len(tokens)


_GENERIC = {
    "the", "a", "an", "this", "that", "it", "its", "thing", "things", "stuff", "idea", "approach", "version",
    "setup", "set", "up", "whole", "one", "way", "option", "route", "road", "plan", "bits", "cli", "tool",
    "library", "lib", "package", "packages", "module", "config", "change", "changes", "code", "all", "of",
    "with", "for", "to", "in", "on", "and", "then", "now", "just", "our", "my", "your", "we", "here", "there",
    "instead", "please", "first", "again", "out", "off", "back", "too", "also", "very", "new", "old",
    "ll", "ve", "re", "don", "doesn", "didn", "won", "isn", "it's", "we'll", "i'll", "let's", "is", "are", "be",
    "us", "them", "me", "you", "i", "they", "what", "which", "normal", "plain", "simple", "same", "other",
}


def _topic_key(phrase: str) -> str:
    """A short normalised subject: the content words of a phrase, at most three."""
    words = [w for w in re.findall(r"[a-z0-9][a-z0-9+#._/-]*", re.sub(r"'\w+\b", "", phrase.lower())) if w not in _GENERIC]
    words = [w.strip("._-") for w in words if len(w.strip("._-")) > 1]
    return " ".join(words[:3])


_WEAK_PARTS = {"session", "sessions", "tokens", "token", "job", "jobs", "broker", "go", "py", "js", "the", "api",
               "cache", "server", "client", "app", "data", "file", "files", "test", "tests", "type", "types",
               # words that name nothing: "settings only via ..." and "devices only from ..." are two subjects
               "and", "are", "been", "but", "does", "for", "from", "has", "have", "into", "its", "that", "their",
               "them", "then", "there", "these", "this", "was", "were", "will", "with", "our", "you", "your", "can",
               "now", "all", "also", "via", "per", "when", "which", "while", "not", "any", "just", "only", "over",
               "after", "before", "each", "every", "out", "off", "new", "old",
               "dropped", "failed", "abandoned", "reverted", "rejected"}


def _parts(topic: str) -> set[str]:
    return {p for p in re.split(r"[\s.\-/]+", topic.lower()) if len(p) >= 3 and not p.isdigit()} - _WEAK_PARTS


def _same_topic(a: str, b: str) -> bool:
    """Topics match when they share a naming part (redis ~ go-redis ~ redis sessions)."""
    if not a or not b:
        return False
    return bool(_parts(a) & _parts(b)) or a == b


_PRONOUN_OBJ = {"it", "this", "that", "them", "those", "these"}

_QUESTION_RE = re.compile(r"\?\s*$")

_TIME_WORDS = {"after", "later", "then", "now", "today", "tomorrow", "soon", "first"}
_TODO_FILLER = {"try", "it", "myself", "this", "that", "do", "look", "check", "got", "thanks", "i", "will", "ll",
                "maybe", "probably", "see", "again", "more", "some", "bit", "think", "about", "come", "back"}

_LABEL_HEAD_RE = re.compile(r"^(?P<head>[^:`]{1,60}?):\s+(?P<rest>\S.{8,})$")


def after_label(sentence: str) -> str:
    """"Actually let's decide it: presence is keyed by user id" -> the part after the colon,
    when the part before is a short announcement with no identifier of its own."""
    m = _LABEL_HEAD_RE.match(sentence.strip())
    if not m:
        return sentence
    head = m.group("head")
    if len(head.split()) > 7 or re.search(r"[_()/#@]|\w\.\w|\d", head) or _LABEL_KEEP_RE.search(head):
        return sentence
    return m.group("rest")


# A label that is itself content ("state management: riverpod") is kept.
_LABEL_KEEP_RE = re.compile(r"\b(?:management|storage|database|db|auth|cache|caching|queue|hosting|deploy\w*|"
                            r"framework|library|orm|logging|testing|styling|routing|stack|language|format|"
                            r"strategy|transport|protocol|runtime|bundler|build|ci|infra)\b", re.I)


def _content_words(text: str) -> list[str]:
    """The words of `text` that name something (not pronouns, fillers, time words or politeness)."""
    return [w for w in _topic_key_all(text) if w not in _TODO_FILLER and w not in _TIME_WORDS
            and w not in {"ok", "okay", "yes", "yeah", "sure", "please", "thanks", "fine", "good", "great", "then"}]


def _topic_key_all(phrase: str) -> list[str]:
    """Every content word of a phrase (the uncapped form of _topic_key)."""
    words = [w for w in re.findall(r"[a-z0-9][a-z0-9+#._/-]*", re.sub(r"'\w+\b", "", phrase.lower())) if w not in _GENERIC]
    return [w.strip("._-") for w in words if len(w.strip("._-")) > 1]


def _idents(text: str) -> set[str]:
    """Lower-cased identifier parts of the technical entities in `text`."""
    return {w.lower() for e in entities(text or "") for w in re.findall(r"[A-Za-z_]\w{3,}", e)}


def _names_replaced(text: str, topic: str) -> bool:
    """`text` says `topic` is what got replaced ("switch from X to Y", "move off X to Y")."""
    return any(_same_topic(_topic_key(x), topic) for x in replaced_phrases(text))


def _topic_words(topic: str) -> list[str]:
    """The words that name a topic; package prefixes/suffixes dropped (go-redis -> redis)."""
    out = []
    for w in topic.split():
        w = re.sub(r"^(?:go|py|python|node|rust|ruby|js|django|react)-(?=\w{3})|(?:\.js|-js|-rs|-py|\d+)$", "", w)
        if len(w) >= 3:
            out.append(w)
    return out


def _mentions(text: str, topic: str) -> bool:
    """All of a topic's words occur in `text` as words (redis sessions ~ "Redis-backed sessions")."""
    words = _topic_words(topic)
    return bool(words) and all(
        re.search(r"(?<![\w])" + re.escape(w) + r"(?:s|es)?(?![\w])", text) is not None for w in words)


# Words that carry no subject: a fact made of them alone ("Never again", "Lets go through it",
# "Lets use those instead") points at something said elsewhere and means nothing next session.
_NO_SUBJECT = frozenset("""
lets let's let use using used go going goes through with it its it's those these this that them then instead never
again always ok okay fine do does doing done now later please pls just all the and for yes yeah yep sure thing
things stuff one way good great nice here there too also what how why not don't dont can will would should want
wants need needs make keep try see look out off into about from our your you we they more less much very really same
other another first next last time times two three four five ways bit lot some any every each back up down over
anyway right well thanks thank
""".split())


def names_nothing(text: str) -> bool:
    """Every word of `text` is one that carries no subject."""
    return not [w for w in re.findall(r"[a-z0-9][a-z0-9_.+#'-]*", text.lower()) if w.strip(".'") not in _NO_SUBJECT]

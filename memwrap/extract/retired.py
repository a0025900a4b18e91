"""What a session retires from the project: a technology, dependency or earlier rule the
people in it say is gone ("forget chroma server", "sqlite for tests was a mistake", "pgvector,
replacing Chroma", "`sqlite3` removed", `npm uninstall moment`).

The PROJECT fact carries these names, and the store supersedes older facts built on them
(memwrap.lifecycle.retires), so a second session that replaces a choice of the first does
not leave the first one's decisions, fixes and to-dos standing as if nothing had changed.

Only *names* count (a known stack word, a code span, an identifier, a package an uninstall
command removed): "remove the debug print" retires nothing worth matching against memory.
"""

from __future__ import annotations

import re

from memwrap.extract.stack import capitalised_names, stack_mentions
from memwrap.extract.text import sentences
from memwrap.reversal import replaced_phrases
from memwrap.turns import Turn

# The retired subject: a short phrase up to a preposition, conjunction or punctuation.
_S = r"(?P<old>`[^`\n]{1,40}`|[\w@./+#-]+(?:[ \t]+(?!(?:for|in|to|with|by|from|on|and|or|but|so|then|is|was|are|were|has|can|as)\b)[\w@./+#-]+){0,2})"

# What a person says to give something up.
_SAID_RES: tuple[re.Pattern[str], ...] = (
    re.compile(r"\bforget\s+(?:about\s+)?(?:the\s+|our\s+)?" + _S, re.I),
    re.compile(r"(?:^|[,;:]\s*|\b(?:think|guess|honestly|so|and)\s+)(?:the\s+|our\s+|using\s+)?" + _S
               + r"(?:\s+(?:for|in)\s+[\w./-]+)?\s+(?:was|is|has\s+been)\s+(?:a|the)\s+(?:big\s+)?(?:mistake|bad\s+idea|dead\s+end)\b", re.I),
    # "putting the token in localstorage was a mistake": where it was put is the choice
    re.compile(r"\b(?:putting|keeping|storing|saving|running|hosting|doing)\s+(?:[\w@./+#-]+\s+){1,4}?(?:in|on|into|onto|via|through)\s+"
               r"(?:the\s+|our\s+|a\s+)?" + _S + r"\s+(?:was|is|has\s+been)\s+(?:a|the)\s+(?:big\s+)?(?:mistake|bad\s+idea|wrong\s+call)\b",
               re.I),
    re.compile(r"(?:^|[,;:]\s*|\b(?:then|so|and|now)\s+)(?:the\s+|our\s+|all\s+(?:the\s+)?)?" + _S
               + r"\s+(?:can|has\s+to|have\s+to|must|should)\s+go\b", re.I),
    re.compile(r"\b(?:don't|do\s+not|won't)\s+need\s+(?:the\s+|our\s+)?" + _S + r"\s+(?:anymore|any\s+more|at\s+all)\b", re.I),
    re.compile(r"(?:^|[,;:]\s*)(?:the\s+|our\s+)?(?:earlier\s+|old\s+)?" + _S
               + r"\s+(?:rule|decision|approach|setup)\s+(?:no\s+longer\s+applies|is\s+obsolete|is\s+dead)\b", re.I),
    re.compile(r"\breplaces\s+the\s+(?:earlier\s+|old\s+)?" + _S + r"\s+(?:rule|decision|approach|setup)\b", re.I),
)
# The user saying an earlier choice stopped holding: "the cents thing doesn't hold anymore", "the
# client-side stats thing from last time isn't holding up". Said this way, even a plain word names
# the choice (the sentence is about nothing else).
_STOPPED_HOLDING_RE = re.compile(
    r"(?:^|[,;:.]\s*|\b(?:so|and|but|now|yeah|ok)\s+)(?:the\s+|our\s+)?(?P<old>[\w@./+#-]+(?:\s+[\w@./+#-]+)??)"
    r"(?P<earlier>\s+(?:thing|setup|approach|idea|stuff))?(?P<before>\s+from\s+(?:last\s+time|before|the\s+last\s+session))?\s+"
    r"(?:doesn't|does\s+not|isn't|is\s+not|won't|no\s+longer)\s+(?:hold(?:s|ing)?|scale|scaling|cut(?:ting)?\s+it)"
    r"(?:\s+up)?\s*(?P<now>anymore|any\s+more|now)?(?=\s*(?:$|[,.;:!—–-]|\s(?:for|with|after|since|because|at)\b))", re.I)
_NOT_A_CHOICE = frozenset({"setup", "approach"})  # beyond _FILLER: "the setup doesn't hold" names nothing

# What the work removed: counts only for a known stack name or in a sentence about dependencies
# ("`Gemfile`: `sqlite3` removed"); "removed the console.log" is tidying, not a change of course.
_REMOVED_RES: tuple[re.Pattern[str], ...] = (
    re.compile(r"(?:^|[,;:(]\s*|^\s*[-*]\s+)(?:the\s+)?" + _S + r"\s+(?:removed|dropped|uninstalled|deleted)\b", re.I),
    re.compile(r"\b(?:removed|removing|dropped|dropping|uninstalled|ripped\s+out)\s+(?:the\s+)?" + _S
               + r"(?=\s*(?:$|[,.;:)]|\s+(?:from|and|dependenc|package|gem|crate|attribute)))", re.I),
)
_DEPENDENCY_RE = re.compile(r"\b(?:dependenc\w*|packages?|gems?|crates?|attributes?|requirements|gemfile|package\.json|"
                            r"pyproject\.toml|cargo\.toml|go\.mod|pom\.xml|build\.gradle|composer\.json|mix\.exs)\b", re.I)
# What the work replaced (either side, done or under way).
_REPLACED_RES: tuple[re.Pattern[str], ...] = (
    re.compile(r",\s+replacing\s+(?:the\s+)?" + _S + r"\s*(?:$|[.;)])", re.I),
    re.compile(r"\breplaced\s+(?:the\s+)?" + _S + r"\s+(?:with|by)\b", re.I),
    # "**Middleware: back to Fast DDS ...** Replaces the CycloneDDS unicast peers": the new choice says what it ends
    re.compile(r"(?:^|[.;:]\s+|\*\*\s*)(?:this\s+|it\s+|which\s+)?replaces\s+(?:the\s+|our\s+)?" + _S, re.I),
    re.compile(r"(?:^|[,;:(]\s*|^\s*[-*]\s+)(?:the\s+)?" + _S + r"\s+(?:(?:is|was|got|gets)\s+)?replaced\s+(?:with|by)\b", re.I),
)
_UNINSTALL_RE = re.compile(
    r"\b(?:pip3?\s+uninstall|uv\s+(?:pip\s+uninstall|remove)|poetry\s+remove|pdm\s+remove|npm\s+(?:uninstall|rm|remove)|"
    r"yarn\s+remove|pnpm\s+(?:remove|rm|uninstall)|bun\s+remove|bundle\s+remove|gem\s+uninstall|cargo\s+remove|"
    r"composer\s+remove|dotnet\s+remove\s+package|mix\s+deps\.unlock)\s+((?:-{1,2}[\w-]+\s+)*)(?P<pkgs>[\w@./-]+(?:\s+[\w@./-]+)*)")
# Before the match in its sentence: a condition, an option or a negation ("if we drop X", "don't remove X").
_NOT_DONE_RE = re.compile(r"\b(?:if|whether|could|might|would|maybe|perhaps|option|should\s+we|do\s+you|"
                          r"don't(?!\s+need)|do\s+not(?!\s+need)|never|not|without)\b[^.;]*$", re.I)
_FILLER = frozenset("""it this that them those these everything all things stuff one idea thing way part bit code file files
    line lines test tests check call print log logs comment comments mention step todo i we you he she they and so or but
    then from by to of think guess honestly just also last next""".split())
_MEASURE_RE = re.compile(r"[~<>]?\d[\d.,]*\s*[a-z%]{0,3}", re.I)  # "60", "3ms", "812k": a number, not a name


def _is_name(phrase: str) -> bool:
    """A subject worth matching against memory: a code span, an identifier, a capitalised or
    known stack name; not a common phrase."""
    bare = phrase.strip("`")
    words = bare.split()
    if not words or len(words) > 3 or any(w.lower() in _FILLER for w in words) or any(_MEASURE_RE.fullmatch(w) for w in words):
        return False
    if phrase.startswith("`") or _known(bare):
        return True
    return any(re.search(r"[._@#/\d]|[a-z][A-Z]", w) or (w[:1].isupper() and i > 0) for i, w in enumerate(words))


def _known(phrase: str) -> bool:
    return bool(stack_mentions(phrase.strip("`")))


def _clean(phrase: str) -> str:
    return re.sub(r"^(?:the|our|a|an|using)\s+", "", phrase.strip(" .,;:-"), flags=re.I)


def _code_spellings(turns: list[Turn]) -> set[str]:
    """Lower-cased names the session writes as code (`localStorage`, camelCase, dotted, snake):
    a user typing them in plain lower case ("localstorage") still names that thing."""
    out: set[str] = set()
    for t in turns:
        if t.role in ("user", "assistant"):
            out |= {m.lower() for m in re.findall(r"`([^`\s]{3,40})`|\b([a-z]+[A-Z]\w+|[A-Za-z]\w*[._]\w+)\b", t.text or "")
                    for m in m if m}
    return out


def _proper_names(turns: list[Turn]) -> set[str]:
    """Lower-cased names the session writes as proper nouns (capitalised inside a sentence at
    least twice: "Sanity Studio", "on Neon") or as a package's scope (`@sanity/client`): a user
    who types "sanity" in lower case names that product."""
    _, inside = capitalised_names(turns)
    scopes = {m.lower() for t in turns if t.role in ("user", "assistant")
              for m in re.findall(r"(?<![\w/])@([a-z][\w-]{2,30})/[\w.-]+", t.text or "")}
    return scopes | {w.lower() for w, n in inside.items() if n >= 2 and w.lower() not in _FILLER}


def retired_subjects(turns: list[Turn]) -> list[str]:
    """Names the session gives up, lower-cased, in order of first mention, without duplicates."""
    found: list[str] = []
    spelled_as_code = _code_spellings(turns) | _proper_names(turns)

    def add(phrase: str) -> None:
        phrase = _clean(phrase)
        parts = phrase.strip("`").split("/")
        if len(parts) == 2 and all(parts) and not phrase.startswith(("@", "`@")) and any(_known(p) for p in parts):
            for part in parts:  # "SQLite/better-sqlite3": two names for one choice, not a scoped package or a path
                add(part)
            return
        if phrase and (_is_name(phrase) or phrase.strip("`").lower() in spelled_as_code) \
                and phrase.strip("`").lower() not in found:
            found.append(phrase.strip("`").lower())

    for turn in turns:
        if turn.role == "tool":
            for m in _UNINSTALL_RE.finditer(turn.input or ""):
                for pkg in m.group("pkgs").split():
                    if not pkg.startswith("-"):
                        add(f"`{pkg}`")
                        vendor = re.match(r"@([\w.-]+)/\1(?:[-_.]|$)", pkg)  # "@clerk/clerk-react": the vendor's own SDK
                        if vendor:
                            add(f"`{vendor.group(1)}`")
            continue
        if turn.role not in ("user", "assistant"):
            continue
        for sent in sentences(turn.text):
            if sent.rstrip().endswith("?"):
                continue
            about_deps = bool(_DEPENDENCY_RE.search(sent))
            patterns = (*_SAID_RES, *_REPLACED_RES) if turn.role == "user" else _REPLACED_RES
            matches = [m.group("old") for rx in patterns for m in rx.finditer(sent) if not _NOT_DONE_RE.search(sent[:m.start()])]
            matches += [m.group("old") for rx in _REMOVED_RES for m in rx.finditer(sent)
                        if not _NOT_DONE_RE.search(sent[:m.start()]) and (about_deps or _known(m.group("old")))]
            for phrase in matches:
                add(phrase)
            if turn.role == "user" and not _NOT_DONE_RE.search(sent):
                for phrase in replaced_phrases(sent, given_up_only=True):  # "switch from X to Y", "no longer use X"
                    add(phrase)
            if turn.role == "user":
                for m in _STOPPED_HOLDING_RE.finditer(sent):
                    if not (m.group("earlier") or m.group("before") or m.group("now")):
                        continue  # "redis doesn't scale" is an opinion; "... anymore" / "the X thing" ends a choice
                    plain = _clean(m.group("old")).lower()
                    if plain and not set(plain.split()) & (_FILLER | _NOT_A_CHOICE) and plain not in found:
                        found.append(plain)
    return found

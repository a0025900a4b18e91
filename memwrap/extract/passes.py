"""Session-wide passes over the extractor's candidates: narrated and reverted dead ends,
statements the cue rules missed, and settling (dead ends never leak into other facts)."""

from __future__ import annotations

import re
from dataclasses import replace

from memwrap.extract.candidate import Candidate
from memwrap.extract.cues import _ACCEPT_RE, _HISTORY_RE, _STORY_WHEN_RE, _TURNED_DOWN_RE
from memwrap.extract.entities import entities, failed_code_names, names_any
from memwrap.extract.narrated import narrated_failures, revert_verdict
from memwrap.extract.runs import _change_subject, _tool_info
from memwrap.extract.statements import (_PICK_RE, Acceptance, _numbered_pick, accepted_proposal, choice_sentences,
                                        rule_sentences)
from memwrap.extract.text import sentences
from memwrap.extract.fit import fit
from memwrap.extract.topics import (names_nothing, _LOGLINE_RE, _QUESTION_RE, _mentions, _names_replaced, _same_topic, _strip_lead,
                                    _topic_key, file_paths, unfenced_lines)
from memwrap.facts import clean_text, has_failure_words
from memwrap.reversal import replaced_phrases
from memwrap.turns import Turn

_MEASURE_RE = re.compile(r"^(?:every|each|about|around|~|≈|over|under|up to)?\s*[~≈]?\d[\d.,]*\s*(?:[a-z%]{0,4}|min(?:ute)?s?|"
                         r"hours?|days?|seconds?|rows|visits|users|requests|times)$", re.I)


def _measured_subject(c: Candidate) -> bool:
    """"every 15 min: abandoned" / "1.5 GB: abandoned": a quantity is not an approach."""
    return c.kind == "FAILED" and bool(_MEASURE_RE.match(c.text.split(":", 1)[0].strip()))


def _reverted(turns: list[Turn], cands: list[Candidate]) -> list[Candidate]:
    """The assistant announced a change and made it, the user measured or saw it and says
    "revert it": that change is a FAILED attempt, named by what the plan and the edit share."""
    out: list[Candidate] = []
    for i, t, prose in _user_prose(turns):
        why = revert_verdict(prose)
        if why is None or any(c.kind == "FAILED" and c.turn == i for c in cands):
            continue
        subject, edit = _change_subject(turns, i)
        if not subject:
            continue
        topic = _topic_key(subject)
        if any(c.kind == "FAILED" and _same_topic(c.topic, topic) for c in cands + out):
            continue
        reason = why or "reverted by the user"
        out.append(Candidate(kind="FAILED", text=clean_text(f"{subject}: reverted, {reason}", 160), topic=topic,
                             evidence=prose[:200], source=" ".join(f"{x.input} {x.text}" for x in turns[max(0, edit - 4):i + 1]),
                             files=_tool_info(turns[edit]).edit_files,
                             score=0.8, turn=i, reason=reason))
    return out


# "Merge instead of qsort: 4.1 s → 1.9 s", "go-jsonnet instead of C++ jsonnet: 41 s → 2.3 s"
_INSTEAD_RE = re.compile(r"(?P<new>[\w`@./+#-]+(?:\s+[\w`@./+#-]+){0,3}?)\s+instead\s+of\s+(?:the\s+|a\s+)?"
                         r"(?P<old>[\w`@./+#-]+(?:\s+[\w`@./+#-]+){0,3}?)\s*(?=[:,;(—–]|\s-\s|$)", re.I)
_REPLACING_RE = re.compile(r"\breplac(?:ed|ing)\s+(?:the\s+|a\s+)?(?P<old>[\w`@./+#-]+(?:\s+[\w`@./+#-]+){0,3}?)\s+(?:with|by)\s+"
                           r"(?:the\s+|a\s+)?(?P<new>[\w`@./+#-]+(?:\s+[\w`@./+#-]+){0,3}?)\s*(?=[:,;(—–.]|\s-\s|$)", re.I)
_BEFORE_AFTER_RE = re.compile(r"[~≈]?\d[\d.,]*\s*(?:ms|s|sec|min|mb|gb|kb|%|x|fps|mhz|ma)?\s*(?:->|→|=>)\s*[~≈]?\d[\d.,]*\s*"
                              r"(?:ms|s|sec|min|mb|gb|kb|%|x|fps|mhz|ma)\b", re.I)


def _measured_away(turns: list[Turn], cands: list[Candidate]) -> list[Candidate]:
    """Something this session used, measured and replaced ("Merge instead of qsort: 4.1 s → 1.9 s")
    is a dead end with its numbers: FAILED, unless the session already has one for it."""
    out: list[Candidate] = []
    for i, t in enumerate(turns):
        if t.role not in ("user", "assistant"):
            continue
        for sent in sentences(t.text):
            measured = _BEFORE_AFTER_RE.search(sent)
            m = (_INSTEAD_RE.search(sent) or _REPLACING_RE.search(sent)) if measured else None
            if not m or _QUESTION_RE.search(sent):
                continue
            old, new = (re.sub(r"^[-*•]\s+", "", m.group(g)).strip("` ") for g in ("old", "new"))
            topic = _topic_key(old)
            earlier = " ".join(f"{x.input} {x.text}" for x in turns[:i]).lower()
            if not topic or old.lower() not in earlier or len(old) < 3 or names_nothing(old):  # "two reads instead of one"
                continue  # never used here: a choice between options, not something tried and dropped
            if any(c.kind == "FAILED" and _same_topic(c.topic, topic) for c in cands + out):
                continue
            reason = f"{measured.group(0)} with {new}"
            out.append(Candidate(kind="FAILED", text=clean_text(f"{old}: dropped for {new}, {measured.group(0)}", 160),
                                 topic=topic, evidence=sent[:200], source=sent, files=file_paths(sent), score=0.8,
                                 turn=i, reason=reason))
    return out


def _pronoun_only(c: Candidate) -> bool:
    """"We use it also in frontend already": a decision whose subject is a pronoun and that
    names nothing technical says nothing on its own."""
    return (c.kind == "DECISION" and not entities(c.text)
            and bool(re.search(r"\b(?:use|take|keep|want|do|pick)\s+(?:it|that|this|them)\b", c.text, re.I)
                     # "It stays exactly as it is.": the subject is a pronoun and the rest names nothing
                     or re.fullmatch(r"\W*(?:it|that|this|they|those|these)\s+(?:stays?|remains?|is|are|will be|should be)"
                                     r"(?:\s+(?:exactly|just|as|it|is|they|are|was|were|for now|the same|unchanged|like that|"
                                     r"fine|ok|okay|good))*\W*", c.text, re.I)
                     # "That replaces what we decided last time.": points back, names nothing
                     or re.fullmatch(r"\W*(?:it|that|this)\s+(?:replaces|changes|overrides|supersedes|reverses)\s+"
                                     r"(?:what|the\s+thing|everything)\b[^.!?]{0,40}[.!]?", c.text, re.I)))


def _overlaps(text: str, cands: list[Candidate], turn: int, kinds: tuple[str, ...]) -> bool:
    words = set(re.findall(r"[a-z0-9][\w.-]{2,}", text.lower()))
    for c in cands:
        if c.turn == turn and c.kind in kinds:
            other = set(re.findall(r"[a-z0-9][\w.-]{2,}", c.text.lower()))
            if len(words & other) >= 0.5 * max(1, min(len(words), len(other))):
                return True
    return False


def _statements(turns: list[Turn], cands: list[Candidate]) -> list[Candidate]:
    """Rules/preferences and accepted proposals found by weighted signals
    (memwrap.extract.statements) that the cue rules above did not already yield."""
    out: list[Candidate] = []
    for i, t, prose in _user_prose(turns):
        for sent in rule_sentences(prose):
            if _HISTORY_RE.search(_strip_lead(sent)):
                continue  # "We used WP-Cron before for this ...": the past, not a rule
            if not _overlaps(sent, cands + out, i, ("DECISION", "PATTERN", "PREFERENCE")):
                out.append(Candidate(kind="PREFERENCE", text=clean_text(_strip_lead(sent).rstrip(".")), topic=_topic_key(sent),
                                     evidence=sent, source=t.text, files=file_paths(sent), score=0.7, turn=i))
        for sent in choice_sentences(prose):
            if _HISTORY_RE.search(_strip_lead(sent)):
                continue
            if not _overlaps(sent, cands + out, i, ("DECISION", "PATTERN", "PREFERENCE", "TODO", "FAILED", "BUG_FIX")):
                out.append(Candidate(kind="DECISION", text=clean_text(_strip_lead(sent).rstrip(".")), topic=_topic_key(
                    " ".join(entities(sent)[:2]) or sent), evidence=sent, source=t.text, files=file_paths(sent), score=0.65,
                    turn=i, replaces=[_topic_key(x) for x in replaced_phrases(sent)]))
        prev = turns[i - 1] if i else None
        asked = i >= 2 and turns[i - 2].role == "user" and turns[i - 2].text.rstrip().endswith("?")
        acc = accepted_proposal(prose, prev.text, asked) if prev is not None and prev.role == "assistant" else None
        earlier = _earlier_acceptance(turns, i, prose) if prev is not None and prev.role == "assistant" else None
        if earlier is not None:
            acc, prev = earlier
        listed = _options_picked(turns, i, prose) if prev is not None and prev.role == "assistant" else None
        if listed is not None:  # "ok revert. go with 1": option 1 of the list a few turns back
            acc, prev = listed
        if acc is None:
            continue
        named = acc.named.lower()
        by_number = listed is not None or bool(_numbered_pick(prose, prev.text))
        if by_number:
            # "yeah 3, and yes you can add X" read as a decision in its own words says only "3":
            # the option it picks is the decision (the rule reading is replaced in place)
            for k, c in enumerate(cands):
                if c.kind == "DECISION" and c.turn == i and _PICK_RE.match(_strip_lead(c.text)):
                    cands[k] = replace(c, text=clean_text(acc.proposal.replace("**", "").rstrip(".")),
                                       topic=_topic_key(" ".join(entities(acc.proposal)[:2]) or acc.proposal),
                                       files=file_paths(acc.proposal), source=f"{prev.text} {t.text}")
        if any(c.kind == "DECISION" and c.turn == i and ((not named and not by_number) or (named and named in c.text.lower()))
               for c in cands):
            continue  # the turn's own decision says it; an option picked by number ("Option 2, please.") still counts
        if _overlaps(acc.proposal, cands + out, i, ("DECISION",)):
            continue
        topic = _topic_key(acc.named or " ".join(entities(acc.proposal)[:2]))
        out.append(Candidate(kind="DECISION", text=clean_text(acc.proposal.replace("**", "").rstrip(".")), topic=topic,
                             evidence=prose[:200],
                             source=f"{prev.text} {t.text}", files=file_paths(acc.proposal), score=0.7, turn=i))
    return out


def _options_picked(turns: list[Turn], i: int, prose: str):  # type: ignore[no-untyped-def]
    """A numbered pick ("go with 1") when the last assistant message has no list but one of the
    few before it does: (acceptance, that message) or None."""
    if not _PICK_RE.search(prose) or _numbered_pick(prose, turns[i - 1].text):
        return None
    for j in range(i - 2, max(-1, i - 8), -1):
        if turns[j].role == "assistant":
            picked = _numbered_pick(prose, turns[j].text)
            if picked:
                return Acceptance(named="", proposal=picked), turns[j]
    return None


def _earlier_acceptance(turns: list[Turn], i: int, prose: str):  # type: ignore[no-untyped-def]
    """"useStorage sounds good" where useStorage was option 2 of an earlier message of the same
    reply (options, a tool run, then a side note): the user's first sentence accepts what it names,
    wherever in the reply that was proposed."""
    first = sentences(prose)[:1]
    start = max((j for j in range(i - 1, -1, -1) if turns[j].role == "user"), default=-1) + 1
    reply = [turns[j] for j in range(start, i) if turns[j].role == "assistant"]
    if not first or len(reply) < 2:
        return None
    last = accepted_proposal(first[0], reply[-1].text)
    if last is not None and last.named:
        return None  # the last message already has what the user names
    for msg in reversed(reply[:-1]):
        acc = accepted_proposal(first[0], msg.text)
        if acc is not None and acc.named:
            return acc, msg
    return None


def _user_prose(turns: list[Turn]) -> list[tuple[int, Turn, str]]:
    """(index, turn, its prose without pasted log lines) for each user turn."""
    return [(i, t, "\n".join(ln for ln in t.text.splitlines() if not _LOGLINE_RE.search(ln)))
            for i, t in enumerate(turns) if t.role == "user"]


def _narrated(turns: list[Turn], cands: list[Candidate]) -> list[Candidate]:
    """FAILED candidates for approaches a user narrates as tried-and-failed (any tense or
    grammar, memwrap.extract.narrated), unless the session already has one for that topic
    or the user adopts the approach later."""
    out: list[Candidate] = []
    recurring = _recurring_words(turns)
    for i, t, prose in _user_prose(turns):
        for n in narrated_failures(prose, recurring):
            topic = _topic_key(" ".join(entities(n.subject)) or n.subject)
            if not topic or any(c.kind == "FAILED" and _same_topic(c.topic, topic) and _told_of(c, n.subject) for c in cands + out):
                continue
            if any(c.kind == "DECISION" and c.turn > i and _same_topic(c.topic, topic) and not has_failure_words(c.text)
                   and _told_of(c, n.subject) for c in cands):
                continue  # tried before, adopted now: not a dead end
            text = clean_text(f"{n.subject}: abandoned, {n.reason}", 160)
            out.append(Candidate(kind="FAILED", text=text, topic=topic, evidence=n.sentence, source=t.text,
                                 files=file_paths(n.sentence), score=0.8, turn=i, reason=n.reason))
    return out


def _told_of(fact: Candidate, subject: str) -> bool:
    """An existing fact is about this narrated subject: a code name ("ban_cutoff") must be in it
    by name; sharing one part ("ban handler", "BAN-based invalidation") is another subject."""
    code = [e for e in entities(subject) if re.search(r"\w[._]\w", e)]
    return not code or any(e.lower() in fact.text.lower() for e in code)


def _recurring_words(turns: list[Turn]) -> frozenset[str]:
    """Lower-cased words that at least two spoken turns of the session use (one pass)."""
    seen: dict[str, int] = {}
    for t in turns:
        if t.role in ("user", "assistant"):
            for w in {w.lower() for w in re.findall(r"[A-Za-z][\w.+#-]{3,}", t.text or "")}:
                seen[w] = seen.get(w, 0) + 1
    return frozenset(w for w, n in seen.items() if n >= 2)


# "nodeIntegration in the renderer ... I don't want it, it is insecure": the statement turns down
# what it names, so it is a dead end with its reason, not a choice.
_REFUSED_RE = re.compile(r"\b(?:i|we)\s+(?:really\s+)?(?:don'?t|do\s+not)\s+want\s+(?:it|this|that|them)\b", re.I)


def _turned_down(c: Candidate) -> Candidate:
    if c.kind not in ("DECISION", "PREFERENCE") or c.ranked or _ACCEPT_RE.search(c.text):
        return c  # a choice that also names what it replaced stays a choice
    said = re.sub(r"\([^()]*\)", " ", c.text)  # "(TLS was already ruled out: ...)" is about something else
    if _TURNED_DOWN_RE.search(said) or _REFUSED_RE.search(said):
        return replace(c, kind="FAILED")
    return c


# "agreed, no Fable", "No hosted checkout.", "hard no on REQCERT=never, ..."
_NO_WORD = r"(?!(?:way|problem|worries|idea|clue|thanks|rush|need|sure|really|today|now|yet|quite|exactly|much|more|again|" \
           r"matter|chance|big deal|offense|offence|we|i|you|it|that|this|one|please|pls|longer|luck|doubt|kidding)\b)[\w@./+#=-]"
# the one-word form ("agreed, no Fable"), said by anyone about anything the assistant named
_ONE_WORD_NO_RE = re.compile(r"^\W*(?:(?:agreed|ok(?:ay)?|yes|yeah|yep|right|fine|sure|fair enough)[,.!]?\s+)?"
                             r"no[t]?\s+(?P<x>[\w@./+#-]{2,39}[\w@+#-])\s*(?:[.,!;:]\s*(?P<rest>.*)|$)", re.I | re.S)
_BARE_NO_RE = re.compile(r"^\W*(?:(?:agreed|ok(?:ay)?|yes|yeah|yep|right|fine|sure|fair enough|nope|nah|stop)[,.!]?\s+)?"
                         r"(?:(?:hard|big|definitely|absolutely)\s+no\s+on|no[t]?)\s+"
                         r"(?P<x>" + _NO_WORD + r"{1,38}[\w@+#-](?:\s+" + _NO_WORD + r"{0,38}[\w@+#-]){0,2}?)"
                         r"\s*(?:[.,!;:]\s*(?P<rest>.*)|$)", re.I | re.S)  # never scoped: "no webform for bookings" keeps it elsewhere
_TRIED_IT_RE = re.compile(r"\W*(?:(?:we|i|they)\s+)?(?:already\s+|once\s+)?(?:tried|used|had)\s+(?:it|that|this|them)\b", re.I)
_CHOICE_AFTER_RE = re.compile(r"(?:so|just|instead|use|we use|plain|only|stick)\b", re.I)
_MENU_ITEM_RE = re.compile(r"^\W*(?:\d[.)]|\(\d\)|options?\b|alternatives?\b)", re.I)
_WHY_RE = re.compile(r"\b(?:because|since|tried|\w*n['’]?t|not|no|too|died|dies|fail\w*|broke\w*|crash\w*|slow\w*|"
                     r"unmaintained|deprecated|insecure|leak\w*)\b", re.I)


# "ok, no loader. Another thing: ...": what follows is the next subject, not the reason
_NEXT_TOPIC_RE = re.compile(r"\W*(?:another thing|also|next|btw|by the way|other (?:thing|question)|now|then|anyway|"
                            r"ok(?:ay)?|question|and one more|one more)\b(?![.\w-])", re.I)  # not "next.js"


# "We stay with KV, no postgres." / "comment-based help stays the docs; no platyPS": a choice, then
# what it passes over
_CHOICE_THEN_NO_RE = re.compile(r"[,;—–]\s*(?:and\s+)?no\s+(?P<x>[\w@./+#-]{3,40})(?:\s*/\s*[^.]{0,40})?\s*[.!]?\s*$", re.I)
# how someone puts an option on the table
_SUGGESTED_RE = re.compile(r"\b(?:should|could|suggest\w*|recommend\w*|propos\w*|option|alternative|why not|what about|"
                           r"how about|instead|considered|consider)\b", re.I)


# how the assistant puts an option forward in its own words
_OFFERED_RE = re.compile(_SUGGESTED_RE.pattern + r"|\b(?:i'?d|let'?s|we can|you can|would|the usual (?:answer|way|fix)|"
                         r"simplest|easiest|option \d|idea)\b", re.I)


def _says_name(text: str, name: str) -> bool:
    """`name` as a whole word of `text` ("bloc" in "No bloc.", not in "blocking"), or a part of
    a hyphenated name ("graphql" in "plugin-graphql")."""
    return re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text, re.I) is not None  # "@strapi/plugin-graphql" names graphql


def _passed_over(turns: list[Turn], choice: Candidate, failed: list[str]) -> Candidate | None:
    """A choice that ends "..., no X" right after X was suggested (by anyone, in the last four
    turns) turns X down: X is a dead end, with the choice as its reason. The choice itself
    stays, as the replacement of X."""
    m = _CHOICE_THEN_NO_RE.search(choice.text)
    if not m or any(_same_topic(f, m.group("x")) for f in failed):
        return None
    name = m.group("x").rstrip(".,")
    said = [x for t in turns[max(0, choice.turn - 4):choice.turn] if t.role != "tool"
            for x in sentences("\n".join(unfenced_lines(t.text)))]
    if not any(_says_name(x, name) and _SUGGESTED_RE.search(x) for x in said):
        return None  # "plain SQL, no ORMs": a house rule, nobody offered one
    kept = choice.text[:m.start()].strip(" ,;—–")
    return Candidate(kind="FAILED", text=clean_text(f"{name}: rejected, {fit(_strip_lead(kept), 130)}", 160),
                     topic=_topic_key(name), evidence=choice.evidence, source=choice.source, turn=choice.turn,
                     score=choice.score, files=choice.files, scope="project")


def _refused_proposals(turns: list[Turn], cands: list[Candidate], known: list[Candidate] = ()) -> list[Candidate]:  # type: ignore[assignment]
    """"No rubble, agreed." right after the assistant brought rubble up is the user turning a
    proposal down: a dead end with its reason (the user's, else the assistant's sentence about
    it), not a house rule like "No ORMs." said unprompted."""
    failed = [c.topic for c in [*known, *cands] if c.kind == "FAILED"]
    out = []
    for c in cands:
        if c.kind == "FAILED":
            out.append(c)  # already a dead end; it chose nothing that could pass another over
            continue
        m = _BARE_NO_RE.match(c.text) if c.kind in ("PREFERENCE", "DECISION") else None
        name = m.group("x") if m else ""
        rest = (m.group("rest") or "").strip() if m else ""
        if not m:
            passed = _passed_over(turns, c, failed)
            # the choice keeps its own words; what it passed over is told once, as the dead end
            chosen = _CHOICE_THEN_NO_RE.sub("", c.text).strip(" ,;—–")
            out += [replace(c, text=chosen, replaces=[*c.replaces, passed.topic]), passed] if passed else [c]
            continue
        if _CHOICE_AFTER_RE.match(rest) or any(_same_topic(f, name) for f in failed):
            out.append(c)  # "No codegen, so hand-written": a choice; a dead end already told: leave it
            continue
        said = [t for t in turns[max(0, c.turn - 3):c.turn] if t.role == "assistant"]
        about = [x for t in said for x in sentences("\n".join(unfenced_lines(t.text)))
                 if _says_name(x, name)]
        # "no snmp-scan, ever" after the assistant ran it: a command run is on the table as much as one offered
        # (inside a longer token too: "REQCERT=never" in "LDAPTLS_REQCERT=never")
        ran = [t.input for t in turns[max(0, c.turn - 4):c.turn] if t.role == "tool"
               and re.search(r"(?<![A-Za-z0-9])" + re.escape(name) + r"(?![A-Za-z0-9])", t.input or "", re.I)]
        if _TRIED_IT_RE.match(rest) and _STORY_WHEN_RE.search(rest):
            # "No bloc. we tried it in march, way too much boilerplate": a dead end told, proposed or not
            out.append(replace(c, kind="FAILED", text=clean_text(f"{name}: rejected, {fit(_strip_lead(rest), 140)}", 160),
                               topic=_topic_key(name), scope="project"))
            continue
        if not _ONE_WORD_NO_RE.match(c.text):
            # the longer forms ("No stored procs on the orders db, ...") are house rules unless the user
            # answers what the assistant proposed (not asked: "Should messages go out at night?") or ran
            offered = [x for x in about if _OFFERED_RE.search(x) and not _QUESTION_RE.search(x)]
            if turns[c.turn].role != "user" or not (offered or ran):
                out.append(c)
                continue
        if not about and not ran:
            out.append(c)
            continue
        reasons = [x for x in about if _WHY_RE.search(x) and not _MENU_ITEM_RE.match(x)]
        told = [x for x in about if not _MENU_ITEM_RE.match(x) and not _QUESTION_RE.search(x)]
        # the user's reason, else the assistant's sentence that says why, else what it said about it
        # what the user says right after "no X." is why, whatever words it uses
        own = not _NEXT_TOPIC_RE.match(rest) and (
            bool(_WHY_RE.search(rest)) or (len(rest.split()) >= 5 and not _QUESTION_RE.search(rest)))
        rest = re.sub(r"^(?:ever|never|again|at all|period|full stop|pls|please)\b[.,!;]?\s*", "", rest, flags=re.I)  # "no X, ever."
        why = rest if own else reasons[0] if reasons else told[-1] if told else ""
        text = f"{name}: rejected, {fit(_strip_lead(why), 140)}" if why else f"{name}: rejected"
        out.append(replace(c, kind="FAILED", text=clean_text(text, 160), topic=_topic_key(name), scope="project"))
    return out


def _stack_name(item: str) -> str:
    """A stack item's name without its version ("Postgres 16" -> "postgres")."""
    return re.sub(r"\s*v?\d[\w.]*$", "", item.strip()).lower()


def _told_only_failing(project: Candidate, cands: list[Candidate], failed: list[Candidate]) -> set[str]:
    """Stack items that a dead end is about (named in what it says was tried, before its colon
    or in its first words) and that no other candidate names: "Qdrant" in the stack line of a
    session whose "qdrant POC: abandoned" is the only other word about it says the opposite."""
    items = {n for n in (_stack_name(x) for x in project.text.split(": ", 1)[1].split(", ")) if len(n) >= 3}

    def named(text: str) -> set[str]:
        low = text.lower()
        return {n for n in items if re.search(r"(?<![\w])" + re.escape(n) + r"(?![\w])", low)}

    def tried(text: str) -> str:
        head = text.split(": ", 1)[0] if ": " in text[:60] else text
        return " ".join(head.split()[:5])
    in_failed = set().union(*(named(tried(f.text)) for f in failed))
    elsewhere = set().union(*(named(c.text) for c in cands if c.kind not in ("FAILED", "PROJECT") and c.score >= 0.5))
    return in_failed - elsewhere


def _settle(cands: list[Candidate]) -> list[Candidate]:
    """Dead ends never leak: a DECISION/PATTERN whose topic ended FAILED is dropped, and
    any non-FAILED candidate naming a failed approach without a failure word is dropped."""
    cands = [_turned_down(c) for c in cands]
    failed = [c for c in cands if c.kind == "FAILED"]
    tried_code = failed_code_names([f.text for f in failed])
    out = []
    for c in cands:
        if not c.text:
            continue
        if c.kind != "FAILED" and not has_failure_words(c.text):
            low = c.text.lower()
            hit = [f for f in failed if ((c.kind in ("DECISION", "PATTERN") and _same_topic(c.topic, f.topic)
                                          and f.turn >= c.turn) or _mentions(low, f.topic))
                   and not any(_same_topic(r, f.topic) for r in c.replaces)
                   and not (c.kind in ("DECISION", "PATTERN") and _names_replaced(c.text, f.topic))]  # "Y instead of X": the choice
            if not hit and c.ranked and names_any(c.text, tried_code):
                continue  # a ranked sentence about code a dead end tried ("caches.default is per data center")
            told = _told_only_failing(c, cands, failed) if c.kind == "PROJECT" and ": " in c.text else set()
            if (hit or told) and c.kind == "PROJECT" and ": " in c.text:
                # the stack list keeps its other items; only the ones naming a failed approach go
                name, items = c.text.split(": ", 1)
                kept = [x for x in items.split(", ") if not any(_mentions(x.lower(), f.topic) for f in hit)
                        and _stack_name(x) not in told]
                if kept:
                    out.append(replace(c, text=f"{name}: {', '.join(kept)}"))
                continue
            if hit:
                continue
        out.append(c)
    return out

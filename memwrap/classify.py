"""Deterministic candidate extraction: the part a 135M model cannot do reliably.

Works on structure, not only keywords:
* who said it: decisions, preferences, rules and TODOs come from the user; the assistant's
  proposals only open an "approach" that the user (or a tool result) then settles;
* the lifecycle of an approach: introduced (proposal, install command), then rejected
  (user turns it down, a revert/uninstall, "instead") -> FAILED with its reason, which also
  suppresses any DECISION/PATTERN about the same topic;
* tool results: a failure (exit code, stack trace, FAIL line) or a user's problem report,
  then an edit, then a passing run -> BUG_FIX with the error string, cause and file;
* attempts: an edit whose check still fails, then a verdict ("doesn't help", "that's out",
  "reverting it") from user or assistant, is a FAILED attempt; the BUG_FIX is the last edit
  group before the passing check;
* turn pairs: a short user agreement ("ok X. go", "yes, do that") makes the assistant's
  proposal just before it the DECISION; a user correcting the assistant ("no, we don't use X.
  it's Y") is a DECISION; "let's decide it: X" decides what follows the colon;
* the stack: languages and frameworks with versions from the user and package files.
Politeness, questions and reasoning produce nothing. No model is imported here.

This module composes the extractor and runs it; the parts live in memwrap.extract:
candidate (the Candidate type), topics (text and topic helpers), cues (phrasings several
parts share), runs (reading tool runs), state (what one pass keeps), approaches (approach
lifecycle and FAILED), bugfix (BUG_FIX and failed attempts), user_statements (decisions,
rules, TODOs), project_fact (PROJECT) and passes (session-wide passes over the candidates).
"""

from __future__ import annotations

import re
from dataclasses import replace

from memwrap.extract.approaches import ApproachMixin
from memwrap.extract.bugfix import BugFixMixin
from memwrap.extract.candidate import Candidate
from memwrap.extract.cues import _CAUSE_RE, _TODO_RE
from memwrap.extract.entities import entities
from memwrap.extract.narrated import narrated_failures, revert_verdict
from memwrap.extract.project_fact import ProjectMixin, stack_mentions
from memwrap.extract.runs import (_INSTALL_RE, _REMOVE_RE, _change_subject, _package_topics, _pick_error, _short_error,
                                  _tool_file, _tool_info, _version_bump)
from memwrap.extract.statements import accepted_proposal, choice_sentences, rule_sentences
from memwrap.extract.text import sentences
from memwrap.extract.topics import (_LOGLINE_RE, _QUESTION_RE, _mentions, _prose, _same_topic, _strip_lead, _topic_key,
                                    after_label, file_paths)
from memwrap.extract.user_statements import StatementMixin, _EXCLUDE_RE, _NOISE_RE, _NOTE_REQUEST_RE, _PREF_PERSON_RE
from memwrap.facts import clean_text, has_failure_words
from memwrap.reversal import replaced_phrases
from memwrap.turns import Turn

class _Extractor(ApproachMixin, BugFixMixin, StatementMixin, ProjectMixin):
    """One pass over a session's turns: each turn goes to the reader of its role, then the
    session-wide passes (revivals, bug fixes, dead ends, the stack) run once."""

    def run(self) -> list[Candidate]:
        for i, turn in enumerate(self.turns):
            if turn.role == "tool":
                self._tool(i, turn)
            elif turn.role == "assistant":
                self._assistant(i, turn)
            elif turn.role == "user":
                self._user(i, turn)
        self._revive()
        self._bug_fixes()
        self._revive_attempts()
        self._failed()
        self._project()
        return self.out

    def _tool(self, i: int, turn: Turn) -> None:
        for m in _INSTALL_RE.finditer(turn.input or ""):
            names = _package_topics(m.group(1))
            main = self._open(names[0], i, by_user=False) if names else None
            for name in names[1:]:  # installed together: one approach (typeorm + reflect-metadata)
                if main is not None and not self._find(name):
                    main.aliases.append(name)
        for m in _REMOVE_RE.finditer(turn.input or ""):
            for name in _package_topics(m.group(1)):
                a = self._find(name)
                if a and a.rejected_at < 0:
                    a.rejected_at = i
        info = self.tools[i]
        if info.failed and info.error:
            cur = self._current(i)
            if cur:
                cur.errors.append(info.error)

    def _assistant(self, i: int, turn: Turn) -> None:
        self._retrospective(turn.text, i, by_user=False)
        if i > 0 and self.turns[i - 1].role == "tool":
            self._verdicts(i, turn)
        self._open_items(i, turn.text)
        for s in sentences(turn.text):
            self._intro_from_text(s, i, by_user=False)
            cur = self._current(i)
            if cur and _CAUSE_RE.search(s) and not _QUESTION_RE.search(s):
                cur.explanations.append(s)

    def _user(self, i: int, turn: Turn) -> None:
        self._retrospective(turn.text, i, by_user=True)
        said = _prose(turn.text)
        sents = [(k, _strip_lead(s)) for k, s in enumerate(sentences(said))]
        sents = [(k, b) for k, b in sents if b and not _NOISE_RE.match(b)]
        rejected = self._rejections([b for _, b in sents], i, turn.text)
        consumed: set[int] = set()
        all_sents = sentences(said)
        self._agreement(i, all_sents)
        self._correction(i, all_sents)
        self._answer(i, all_sents)
        for n, (k, body) in enumerate(sents):
            self._intro_from_text(body, i, by_user=True)
            if (_QUESTION_RE.search(body) and not _NOTE_REQUEST_RE.search(body)) or k in consumed:
                continue
            if self._decided_after_colon(body, i, rejected):
                continue
            nxt = all_sents[sents[n + 1][0]].strip() if n + 1 < len(sents) else ""  # raw: "no X" keeps its "no"
            if self._label_decision(body, nxt, i):
                if nxt and _EXCLUDE_RE.match(nxt):
                    consumed.add(sents[n + 1][0])
            else:
                self._decision(body, i, rejected)
            deferred = bool(_TODO_RE.search(body)) and not _PREF_PERSON_RE.search(body)
            if not deferred and self._rules(body, i, all_sents, k, consumed):
                continue  # "one thing for later: X keeps jobs only 60 s" is work left, not a rule
            self._todo(body, i, all_sents, k, consumed)


def extract_candidates(turns: list[Turn], *, project: str) -> list[Candidate]:
    """Typed candidates from a (redacted) session, scored, dead ends already suppressed."""
    turns = list(turns)
    raw = _Extractor(turns, project).run()
    raw += _narrated(turns, raw)
    raw += _statements(turns, raw)
    raw += _reverted(turns, raw)
    return _settle([c for c in raw if not _pronoun_only(c) and not _measured_subject(c)])


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


def _pronoun_only(c: Candidate) -> bool:
    """"We use it also in frontend already": a decision whose subject is a pronoun and that
    names nothing technical says nothing on its own."""
    return (c.kind == "DECISION" and not entities(c.text)
            and bool(re.search(r"\b(?:use|take|keep|want|do|pick)\s+(?:it|that|this|them)\b", c.text, re.I)))


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
            if not _overlaps(sent, cands + out, i, ("DECISION", "PATTERN", "PREFERENCE")):
                out.append(Candidate(kind="PREFERENCE", text=clean_text(_strip_lead(sent).rstrip(".")), topic=_topic_key(sent),
                                     evidence=sent, source=t.text, files=file_paths(sent), score=0.7, turn=i))
        for sent in choice_sentences(prose):
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
        if acc is None:
            continue
        named = acc.named.lower()
        if any(c.kind == "DECISION" and c.turn == i and (not named or named in c.text.lower()) for c in cands):
            continue
        if _overlaps(acc.proposal, cands + out, i, ("DECISION",)):
            continue
        topic = _topic_key(acc.named or " ".join(entities(acc.proposal)[:2]))
        out.append(Candidate(kind="DECISION", text=clean_text(acc.proposal.rstrip(".")), topic=topic, evidence=prose[:200],
                             source=f"{prev.text} {t.text}", files=file_paths(acc.proposal), score=0.7, turn=i))
    return out


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
            if not topic or any(c.kind == "FAILED" and _same_topic(c.topic, topic) for c in cands + out):
                continue
            if any(c.kind == "DECISION" and c.turn > i and _same_topic(c.topic, topic) and not has_failure_words(c.text)
                   for c in cands):
                continue  # tried before, adopted now: not a dead end
            text = clean_text(f"{n.subject}: abandoned, {n.reason}", 160)
            out.append(Candidate(kind="FAILED", text=text, topic=topic, evidence=n.sentence, source=t.text,
                                 files=file_paths(n.sentence), score=0.8, turn=i, reason=n.reason))
    return out


def _recurring_words(turns: list[Turn]) -> frozenset[str]:
    """Lower-cased words that at least two spoken turns of the session use (one pass)."""
    seen: dict[str, int] = {}
    for t in turns:
        if t.role in ("user", "assistant"):
            for w in {w.lower() for w in re.findall(r"[A-Za-z][\w.+#-]{3,}", t.text or "")}:
                seen[w] = seen.get(w, 0) + 1
    return frozenset(w for w, n in seen.items() if n >= 2)


def _settle(cands: list[Candidate]) -> list[Candidate]:
    """Dead ends never leak: a DECISION/PATTERN whose topic ended FAILED is dropped, and
    any non-FAILED candidate naming a failed approach without a failure word is dropped."""
    failed = [c for c in cands if c.kind == "FAILED"]
    out = []
    for c in cands:
        if not c.text:
            continue
        if c.kind != "FAILED" and not has_failure_words(c.text):
            low = c.text.lower()
            hit = [f for f in failed if ((c.kind in ("DECISION", "PATTERN") and _same_topic(c.topic, f.topic)
                                          and f.turn >= c.turn) or _mentions(low, f.topic))
                   and not any(_same_topic(r, f.topic) for r in c.replaces)]
            if hit and c.kind == "PROJECT" and ": " in c.text:
                # the stack list keeps its other items; only the ones naming a failed approach go
                name, items = c.text.split(": ", 1)
                kept = [x for x in items.split(", ") if not any(_mentions(x.lower(), f.topic) for f in hit)]
                if kept:
                    out.append(replace(c, text=f"{name}: {', '.join(kept)}"))
                continue
            if hit:
                continue
        out.append(c)
    return out


# Callers and tests import these from here; they live in memwrap.extract now.
__all__ = ["extract_candidates", "Candidate", "file_paths", "sentences", "stack_mentions", "after_label",
           "_same_topic", "_tool_info", "_pick_error", "_short_error", "_version_bump", "_tool_file"]

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

from memwrap.extract.accounts import with_accounts
from memwrap.extract.announced_fix import announced_fixes
from memwrap.extract.declined import declined_suggestions
from memwrap.extract.contractions import spelled_out
from memwrap.extract.measured_setback import measured_setbacks
from memwrap.extract.measured_trial import measured_trials
from memwrap.extract.judged_mistake import judged_mistakes
from memwrap.extract.reported_rollback import reported_rollbacks
from memwrap.extract.approaches import ApproachMixin
from memwrap.extract.bugfix import BugFixMixin
from memwrap.extract.candidate import Candidate
from memwrap.extract.cues import _CAUSE_RE, _HISTORY_RE, _TODO_RE
from memwrap.extract.dead_end_names import tidy_dead_end_names
from memwrap.extract.picked_option import resolve_picks
from memwrap.extract.passes import (_measured_away, _measured_subject, _narrated, _pronoun_only, _refused_proposals, _reverted,
                                   _settle, _statements)
from memwrap.extract.project_fact import ProjectMixin
from memwrap.extract.stack import stack_mentions
from memwrap.extract.ranker import annotate, describe, ranked_candidates, sites, weighed
from memwrap.extract.runs import (_INSTALL_RE, _REMOVE_RE, _package_topics, _pick_error, _short_error, _tool_file,
                                  _tool_info, _version_bump)
from memwrap.extract.text import sentences
from memwrap.extract.topics import _QUESTION_RE, _prose, _same_topic, _strip_lead, after_label, file_paths
from memwrap.extract.user_statements import StatementMixin, _EXCLUDE_RE, _NOISE_RE, _NOTE_REQUEST_RE, _PREF_PERSON_RE
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
        # installs and removals in the order the command runs them: "pip uninstall -y a b && pip
        # install b==4.9" keeps b (a clean reinstall), drops a
        steps = sorted([(m.start(), True, m) for m in _INSTALL_RE.finditer(turn.input or "")]
                       + [(m.start(), False, m) for m in _REMOVE_RE.finditer(turn.input or "")], key=lambda x: x[0])
        for _, install, m in steps:
            names = _package_topics(m.group(1))
            if not install:
                for name in names:
                    a = self._find(name)
                    if a and a.rejected_at < 0:
                        a.rejected_at = i
                continue
            for name in names:
                a = self._find(name)
                if a is not None and a.rejected_at == i:
                    a.rejected_at = -1  # removed and installed again in one go
            main = self._open(names[0], i, by_user=False) if names else None
            for name in names[1:]:  # installed together: one approach (typeorm + reflect-metadata)
                if main is not None and not self._find(name):
                    main.aliases.append(name)
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
        self._change_of_mind(i, all_sents)
        self._agreement(i, all_sents)
        self._correction(i, all_sents)
        self._answer(i, all_sents)
        for n, (k, body) in enumerate(sents):
            self._intro_from_text(body, i, by_user=True)
            if (_QUESTION_RE.search(body) and not _NOTE_REQUEST_RE.search(body)) or k in consumed:
                continue
            if _HISTORY_RE.search(body):
                continue  # "I tried pandas with chunksize=500k last month": what was, not a choice or a rule
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
        # however a choice or rule was read from this turn, one that only tells the past is none
        self.out[:] = [c for c in self.out if not (c.turn == i and c.kind in ("DECISION", "PREFERENCE", "PATTERN")
                                                   and _HISTORY_RE.search(_strip_lead(c.text)))]


def rule_candidates(turns: list[Turn], *, project: str) -> list[Candidate]:
    """What the rules find, before dead ends are settled (the ranker reads these)."""
    return _rules(spelled_out(turns), project)


def _rules(turns: list[Turn], project: str) -> list[Candidate]:
    """The rules over turns already spelled out."""
    raw = _Extractor(turns, project).run()
    raw += _narrated(turns, raw)
    raw += _statements(turns, raw)
    raw += _reverted(turns, raw)
    raw += _measured_away(turns, raw)
    raw += announced_fixes(turns, raw)
    raw += measured_setbacks(turns, raw)
    raw += measured_trials(turns, raw)
    raw += judged_mistakes(turns, raw)
    raw += declined_suggestions(turns, raw)
    raw += reported_rollbacks(turns, raw)
    return with_accounts(turns, _refused_proposals(turns, raw))


def settle(raw: list[Candidate]) -> list[Candidate]:
    """Drop pronoun-only and measurement-only candidates, then every dead end."""
    return _settle([c for c in raw if not _pronoun_only(c) and not _measured_subject(c)])


def extract_candidates(turns: list[Turn], *, project: str) -> list[Candidate]:
    """Typed candidates from a (redacted) session, scored, dead ends already suppressed."""
    turns = spelled_out(turns)  # "thats out" reads as "that's out" to every reader
    found = sites(turns)
    describe(turns, found)
    raw = weighed(_rules(turns, project), found)  # the model's view of each cue's sentence
    # sentences said without a cue the rules know; "not X, <why>" right after X was offered turns X down
    raw += _refused_proposals(turns, ranked_candidates(turns, raw, found), known=raw)
    return annotate(settle(tidy_dead_end_names(resolve_picks(raw, turns))), found)


# Callers and tests import these from here; they live in memwrap.extract now.
__all__ = ["extract_candidates", "Candidate", "file_paths", "sentences", "stack_mentions", "after_label",
           "_same_topic", "_tool_info", "_pick_error", "_short_error", "_version_bump", "_tool_file"]

"""BUG_FIX and failed attempts: a failure (tool run or user report), edits, then a passing
check is a fix, told as error, cause and what changed; an edit whose check still fails,
followed by a verdict, is a FAILED attempt."""

from __future__ import annotations

import re

from memwrap.extract.candidate import Candidate
from memwrap.extract.cues import (_ACCEPT_RE, _CAUSE_RE, _INTERJECTIONS, _PLAN_RE, _REJECT_GENERIC_RE, _TRANSIENT_RE,
                                  _VERDICT_RE)
from memwrap.extract.entities import entities
from memwrap.extract.fit import fit, telling
from memwrap.extract.runs import (_INSTALL_RE, _NAMED_ERR_RE, _NO_TOOL, _pick_error, _same_command, _short_error,
                                  _version_bump)
from memwrap.extract.state import ExtractorState, _Approach
from memwrap.extract.statements import _named_pick, _numbered_pick
from memwrap.extract.text import sentences
from memwrap.extract.topics import (_QUESTION_RE, _content_words, _mentions, _idents, _prose, _strip_lead, _topic_key, _topic_key_all,
                                    after_label,
                                    file_paths)
from memwrap.facts import clean_text, has_failure_words

_PROBLEM_RE = re.compile(
    r"\b(?:bug|crash(?:es|ed)?|blows? up|broken|breaks?|error|exception|fails?|failing|500|hammers?|loops?|"
    r"hangs?|slow|wrong|off by one|leak|never moves|freez(?:e|es|ing)|froze|problem:|doesn'?t (?:work|load|show)|timeout|times out|stuck|"
    r"dies|died|gets killed|oom(?:-?killed)?|(?:been|is|went|turned) red|just stops|"
    # "the badge doesn't update", "it no longer renders", "won't start": a behaviour that stopped
    r"(?:does ?n[o']t|do ?n[o']t|is ?n[o']t|are ?n[o']t|won'?t|can'?t|stopped|no longer|never)\s+(?:\w+\s+)?"
    r"(?:update|show|load|work|render|save|start|run|connect|refresh|change|appear|compile|build|send|match|persist|"
    r"survive|fire|trigger|respond|return|sync)\w*)\b", re.I)

_STRONG_CAUSE_RE = re.compile(
    r"(?:^cause:|\b(?:the (?:problem|issue|bug|culprit) (?:was|is)|root cause|caused by|(?:this|it) (?:is|was) because|comes from|"
    r"due to|turns out|the reason (?:is|was))\b)", re.I)

_LOOK_RE = re.compile(r"\b(?:i'?ll|i will|let me|let'?s)\s+(?:first\s+)?(?:look|check|investigate|see|inspect|read|profile|"
                      r"start|dig|find out|have a look|take a look|try to reproduce|reproduce)\b", re.I)
_FIX_RE = re.compile(
    r"\b(?:i'?ll|i will|i would|i'?d|fix(?:ed|es)?:?|the fix|let me (?:change|add|move|guard|set|use|make)|we need to|"
    r"needs? to|needs?(?=\s+(?:a |an |the )?`)|should|adding|add|guard|use|wrap|replace|move|rescue|set|reset|treat|convert|switch)\b",
    re.I)  # "so it needs `ByteArraySerializer`" names the fix

_COMMON_LONG = {"because", "default", "instead", "request", "requests", "between", "another", "already", "without",
                "through", "changes", "function", "everything", "something", "anymore", "working", "current"}

# The assistant reporting that the change it just made works, when no test run says so
_SUCCESS_CLAIM_RE = re.compile(r"^\W*(?:(?:it |that )?works(?: now| locally| again)?|fixed|green(?: again)?|all (?:\d+ )?(?:tests? )?"
                               r"(?:green|pass(?:es|ed)?)|that fixed it|(?:it |that )?(?:links|builds|compiles|runs) (?:now|again|fine)|"
                               # "Dates are correct now:", "The freeze is gone:"
                               r"(?:the )?\w+(?: \w+)? (?:is|are) (?:correct|right|fine|fixed|gone|working)(?: now| again)?)\b[.:,!]",
                               re.I)

# A closing request for help after a described problem: the message is still a report
_HELP_ASK_RE = re.compile(r"(?<=[.!:)\n])\s*(?:(?:can|could|would) you (?:please )?(?:help|fix|look|have a look|take a look|check)"
                          r"|(?:any )?(?:idea|clue|hint|thought)s?|what(?:'s| is) (?:going on|wrong|happening))[^.!?]*\?+\s*$", re.I)

_GO_AHEAD_RE = re.compile(r"\b(?:fix (?:it|them|that|this|all|both|everything)|go ahead|do it|do both|do all|please do)\b", re.I)

_REVERT_CMD_RE = re.compile(r"\bgit\s+(?:checkout(?:\s+--)?|restore)\s+[^&|;]+")


# A "fix" that is only the opening words of the next thing said: a transition or a dangling phrase of a few words
_DANGLING_FIX_RE = re.compile(r"(?i)^(?:(?:next|now|then|so|or|for|in|on|after|before|with|the same|the standard)\b[^`\n]{0,30}|"
                              r"[^`\n]{0,30}:)\W*$")


def _cause_clause(sentence: str, room: int = 60) -> str:
    """"The problem was that X calls Y" -> "X calls Y": the cause without its announcement."""
    s = _strip_lead(sentence)
    s = re.sub(r"^(?:the (?:problem|issue|bug|culprit|reason) (?:was|is)|(?:the )?root cause(?: is| was)?|cause|"
               r"it turns out|turns out)\s*(?:that\s+|:\s*|,\s*)?", "", s, flags=re.I)
    s = s.rstrip(".") or sentence
    if len(s) <= room:
        return s
    s = re.sub(r",?\s+so\s+.*$", "", s)  # "..., so the kubelet keeps restarting it": a consequence
    if len(s) <= room:
        return s
    clauses = [c.strip() for c in re.split(r",\s*(?:and|but|so|which|while)\s+|;\s*|:\s+|\s+-\s+|,\s+(?=\w+ \w+s\b)", s) if c.strip()]

    def telling(c: str) -> tuple[int, int]:
        idents = len(re.findall(r"\w+\(\)|\w+::\w+|\b[a-z]+_[a-z_]+\b|\b[a-z]+[A-Z]\w*|\b[A-Z]\w+[A-Z]\w*|/\w[\w/.-]*", c))
        causal = len(re.findall(r"\b(?:bypass\w*|never|not|n'?t|defaults?|missing|wrong|instead|only|without|null|empty|"
                                r"race|mismatch|expects?|same|both|stale|twice|naive|overflow|underflow)\b", c, re.I))
        return idents + 2 * causal, clauses.index(c)

    return max(clauses, key=telling) if clauses else s


_ITEM_FIX_RE = re.compile(r"^\W*(?:the\s+)?fix(?:\s+is)?(?:\s+to)?\s*[:,—–-]\s*", re.I)


def _item_text(label: str, body: str) -> str:
    """One listed problem as a fact: its label, what is wrong and, when the item says
    "Fix: ...", that fix (the part a long item loses first when cut to length)."""
    said = [x.strip() for x in sentences(body) if x.strip()]
    at = next((k for k, x in enumerate(said) if _ITEM_FIX_RE.match(x)), -1)
    if at <= 0:
        return fit(f"{label}: {body}", 156)
    fix = fit(_ITEM_FIX_RE.sub("", said[at]).replace("`", "").rstrip("."), 70)
    cause = max(said[:at], key=telling).replace("`", "").rstrip(".")
    return f"{label}: {fit(cause, 150 - len(label) - len(fix) - 6)} -> {fix}"


def _covers(a: str, b: str) -> bool:
    """Most content words of `b` already occur in `a`."""
    wb = set(re.findall(r"[a-z0-9_]{4,}", b.lower()))
    return not wb or len(wb & set(re.findall(r"[a-z0-9_]{4,}", a.lower()))) >= 0.7 * len(wb)


# "Trying `ForEach-Object -Parallel` with ...", "Let me try X": an attempt announced by name
_TRYING_RE = re.compile(r"^\W*(?:(?:ok(?:ay)?|now|so|first),?\s+)?(?:let me try|i'?ll try|trying|testing|experimenting with)\s+(?=\S)",
                        re.I)
_HEDGE_RE = re.compile(r"^\W*(?:we can try|let'?s see|sure|ok(?:ay)?|we could|i can try|worth a try)\b", re.I)
# "Ah ok, no. We don't pay for Accelerate." opening the reply to a failed attempt: the attempt is turned down
_BARE_NO_RE = re.compile(r"^\W*(?:ah|oh|hmm)?[,\s]*(?:ok(?:ay)?[,\s]+)?no[.!]", re.I)


# the account of a failed run says what was tried is being replaced, not repaired
_REPLACED_CUE_RE = re.compile(r"\binstead\b|\brather than\b|\b(?:i'?m|we'?re) not going to\b|\bswitch(?:ing)? to\b", re.I)
# a name that reads as code: a path of a module, a dotted or snake name, a call, a code span
_CODE_NAME_RE = re.compile(r"`[^`\n]{3,50}`|\b[A-Za-z_]\w*(?:(?:::|\.)[A-Za-z_]\w*)+(?:\(\))?|\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b|"
                           r"\b[a-z]+[A-Z]\w+\b|\b[A-Z][a-z0-9]+[A-Z]\w*\b")


class BugFixMixin(ExtractorState):
    """Finds failure -> edit -> passing check sequences (BUG_FIX) and the attempts in between that did not work."""

    def _bug_fixes(self) -> None:
        """failure (tool or user report) -> edit -> passing check: BUG_FIX, unless the
        approach involved was rejected in between (then it is that approach's reason)."""
        n = len(self.turns)
        used_edits: set[int] = set()
        i = 0
        while i < n:
            t = self.turns[i]
            info = self.tools.get(i)
            trigger = info is not None and info.failed and bool(info.error)
            user_report = t.role == "user" and bool(_PROBLEM_RE.search(t.text) or _NAMED_ERR_RE.search(t.text)
                                                    or self._diagnosed_after(i)) and (
                not _QUESTION_RE.search(_HELP_ASK_RE.sub("", t.text.strip())[-1:] or "")
                or bool(_NAMED_ERR_RE.search(t.text)))  # a pasted error + "why??" reports; so does "... Can you help?"
            if not (trigger or user_report):
                i += 1
                continue
            if trigger:  # edits right before this failing run were an attempt too ("doesn't help")
                before = []
                for k in range(i - 1, max(-1, i - 6), -1):
                    if k not in self.tools:
                        if self.turns[k].role == "user" or before:
                            break  # only the edits of the action that ran this check
                        continue
                    if not self.tools[k].is_edit:
                        break  # another run in between: those edits were already checked
                    before.insert(0, k)
                if before:
                    self._failed_attempt(before, i)
            edits: list[int] = []
            group: list[int] = []  # edits since the last failing check: the attempt that counts
            passed = -1
            rejected = False
            moved = False  # the check that ended the search failed on a new error (see _moved_on)
            attempts = 0
            for j in range(i + 1, min(n, i + 32)):
                tj = self.turns[j]
                ij = self.tools.get(j)
                if tj.role == "user" and j not in self.revived_at and (_REJECT_GENERIC_RE.search(tj.text) or any(
                        a.rejected_at == j and a.turn < j and not a.offered for a in self.approaches)):
                    # history told now is no turn-down; nor is refusing an option nobody tried
                    if group or not attempts:
                        rejected = True
                        break
                    continue  # the user drops an attempt that already failed its check: the bug is still open
                if tj.role == "assistant" and group and _VERDICT_RE.search(tj.text) and not _TRANSIENT_RE.search(tj.text):
                    group = []  # "that doesn't help, reverting it": the edits so far are not the fix
                    continue
                if tj.role == "assistant" and not edits and trigger and _VERDICT_RE.search(tj.text) \
                        and not _TRANSIENT_RE.search(tj.text):
                    rejected = True  # "npm refused; not painless, so I'm dropping it": given up, not fixed
                    break
                if tj.role == "assistant" and group and _SUCCESS_CLAIM_RE.match(tj.text or ""):
                    passed = j  # "Works locally: peak RSS 633 MiB (was killed above 3 GiB)": checked by other means
                    break
                reverted = _REVERT_CMD_RE.search(tj.input or "") if ij and not ij.is_edit else None
                if reverted and group:
                    gone = set(file_paths(reverted.group(0)))
                    group = [e for e in group if not set(self.tools[e].edit_files) & gone] if gone else []
                if ij and ij.is_edit:
                    edits.append(j)
                    group.append(j)
                elif ij and group and not ij.failed and (ij.is_check or _same_command(tj.input, t.input) or any(
                        _same_command(tj.input, self.turns[k].input) for k in range(max(0, i - 10), j)
                        if (self.tools.get(k) or _NO_TOOL).failed)):  # a rerun of a command that failed earlier
                    passed = j
                    break
                elif ij and group and ij.failed and ij.error:
                    seen = i if trigger else next((k for k in range(i + 1, group[0]) if (self.tools.get(k) or _NO_TOOL).error), -1)
                    if seen >= 0 and self._moved_on(seen, j, group[-1]):
                        passed, moved = j, True  # the first error is gone and the next one shows: fixed
                        break
                    # An edit that did not make the check pass is an attempt, not the fix: keep
                    # looking for the edit that does (the fix is the last group before a pass).
                    attempts += 1
                    self._failed_attempt(group, j)
                    group = []
                    if attempts > 2:
                        break
            if passed >= 0 and group and self._verdict_after(passed):
                # the check "passed" but the assistant reads it as a miss ("That didn't work: 2471 ms -> 2212 ms")
                self._failed_attempt(group, passed)
                i = passed + 1
                continue
            if rejected or passed < 0 or not group or group[0] in used_edits or (
                    user_report and not trigger and not self._report_stands(i, edits[0])) or self._only_undoes(group, edits):
                i += 1
                continue
            used_edits.update(edits)
            self._emit_bug_fix(i, group, passed)
            if trigger:
                self._replaced_attempt(i, group)
            i = passed if moved else passed + 1  # a new error is a bug of its own

    def _moved_on(self, start: int, rerun: int, last_edit: int) -> bool:
        """The same command failed again after the edits, but its first error is gone and another
        shows ("error: expected type 'LazyPath'", edit, "error: no member named 'getStdOutWriter'"):
        compilers and test runners stop at the first problem, so the edits fixed that one. Not when
        the assistant calls the edits a miss before the rerun or right after it."""
        first, again = self.turns[start], self.turns[rerun]
        if not (_same_command(again.input, first.input) or (self.tools[rerun].is_check and self.tools[start].is_check)):
            return False
        placed = r"^\S*\.\w+:\d+(?::\d+)?:?\s*"  # "build.zig:8:29: error: ...": a compiler's first problem, by place
        if not (re.match(placed, self.tools[start].error) and re.match(placed, self.tools[rerun].error)):
            return False  # a test or a deploy failing differently proves nothing about the first failure
        key = re.sub(placed, "", self.tools[start].error)
        key = re.sub(r"\s+", " ", key).strip()[:48]
        if len(key) < 12 or key.lower() in re.sub(r"\s+", " ", again.text).lower() or key == self.tools[rerun].error[:48]:
            return False
        edited = {f.rsplit("/", 1)[-1] for k in range(start, rerun) for f in (self.tools.get(k) or _NO_TOOL).edit_files if f}
        if any(f in self.tools[rerun].error for f in edited):
            return False  # "ratelim.erl:2:2: function check/3 undefined" right after editing ratelim.erl: the edit broke it
        said = [t.text for t in self.turns[last_edit + 1:rerun] + self.turns[rerun + 1:rerun + 3] if t.role == "assistant"]
        return not any(_VERDICT_RE.search(" ".join(sentences(x)[:2])) and not _TRANSIENT_RE.search(x) for x in said[:2])

    def _verdict_after(self, check: int) -> bool:
        """The assistant's first words on a run that exited fine say it did not work (a measurement
        that did not improve enough)."""
        for j in range(check + 1, min(len(self.turns), check + 3)):
            t = self.turns[j]
            if t.role == "user":
                return False
            if t.role == "assistant":
                first = " ".join(sentences(t.text)[:2])
                return bool(_VERDICT_RE.search(first)) and not _TRANSIENT_RE.search(first)
        return False

    def _failed_attempt(self, group: list[int], check: int) -> None:
        """Edit -> the check still fails -> a verdict ("doesn't help", "we removed it again",
        "reverting it") before the next edit: the attempt is a dead end. Its name is the plan the
        assistant announced before the edit; its reason the verdict's turn, else the error."""
        n = len(self.turns)
        verdict_at, verdict = -1, ""
        for j in range(check + 1, min(n, check + 4)):
            t = self.turns[j]
            if j in self.tools and self.tools[j].is_edit and not _VERDICT_RE.search(t.input or ""):
                break
            if t.role in ("user", "assistant") and (_VERDICT_RE.search(t.text) or (
                    t.role == "user" and (_REJECT_GENERIC_RE.search(t.text) or _BARE_NO_RE.match(t.text)))):
                verdict_at, verdict = j, t.text
                break
        if verdict_at < 0 or _TRANSIENT_RE.search(verdict) or any(c.kind == "FAILED" and c.turn == verdict_at for c in self.out):
            return
        plan = ""
        for j in range(group[0] - 1, max(-1, group[0] - 4), -1):
            t = self.turns[j]
            if t.role == "user":
                break
            if t.role == "assistant":
                said = [x for x in sentences(t.text) if not _QUESTION_RE.search(x) and not _LOOK_RE.search(x)]
                plan = next((after_label(x) for x in said if _TRYING_RE.match(x)),  # "Trying `X` with ...": named as tried
                            next((after_label(x) for x in reversed(said) if _FIX_RE.search(x)),
                                 after_label(said[-1]) if said else ""))  # else what it said last before editing
                break
        plan = _TRYING_RE.sub("", re.sub(r"^(?:let me|i'?ll|i will|i would|i'?d|we need to)\s+", "", _strip_lead(plan),
                                         flags=re.I)).rstrip(".")
        asked = self._requested(group[0])
        if asked and (len(_topic_key_all(plan)) < 2 or not entities(plan) or _HEDGE_RE.match(plan)):
            plan = asked  # "2, try suspense" / "can we put `runtime = edge`?": what the user asked for was tried
        else:
            asked = ""
        culprit = "" if asked else self._culprit(group, check)
        if culprit and culprit.lower() not in plan.lower():
            # nothing announced, or the plan does not name it: what the edit added and the error names
            plan = f"{culprit} ({plan})" if len(_topic_key_all(plan)) >= 2 and len(plan) < 70 else culprit
        if len(_topic_key_all(plan)) < 2 and not culprit:
            return
        if set(re.findall(r"\w+", plan.lower())) <= _INTERJECTIONS:
            return  # "NO haha": the user's reaction, not what was tried
        why = [x for x in sentences(verdict) if not _QUESTION_RE.search(x)]
        why = [_REJECT_GENERIC_RE.sub("", re.sub(_VERDICT_RE.pattern + r"[\s,.;]*", "", x, flags=re.I)).strip(" ,.;")
               for x in why]
        why = [x for x in why if len(_content_words(_strip_lead(x))) >= 2 and not _PLAN_RE.search(x)
               and not _ACCEPT_RE.search(x)]  # "ok revert. go with 1" gives no reason
        if not why:  # "ok revert. go with 1": the why is the assistant's account between the run and the verdict
            told = [x for j in range(check + 1, verdict_at) if self.turns[j].role == "assistant"
                    for x in sentences(self.turns[j].text) if not _QUESTION_RE.search(x) and not _PLAN_RE.search(x)]
            why = [max(told[:4], key=telling)] if told else []
        room = max(60, 148 - len(plan))
        reason = fit(why[0], room) if why else _short_error(self.tools[check].error)
        turn = re.split(r"\s+but\s+", why[0], maxsplit=1) if why else []
        if len(turn) == 2 and not has_failure_words(reason) and has_failure_words(turn[1]):
            # "Faster (38 s) but 212 of 400 failed with 429: the quota ...": the failure, when only one fits
            reason = fit(turn[1] if len(turn[1]) <= room else re.split(r"[:;]\s|\s[—–]\s", turn[1], maxsplit=1)[0], room)
        files = [f for j in group for f in self.tools[j].edit_files]
        self.out.append(Candidate(
            kind="FAILED", text=clean_text(f"{plan}: failed, {reason}"), topic=_topic_key(plan), evidence=verdict,
            source=f"{plan} {verdict} {self.tools[check].error}", files=files[:2], score=0.8, turn=verdict_at,
            reason=reason))
        self.attempt_failures.append(self.out[-1])

    def _diff_lines(self, j: int, sign: str) -> list[str]:
        """The lines an edit turn marks with `sign` ("+" added, "-" removed), without the mark;
        a diff's "+++"/"---" file headers are not lines of code."""
        body = f"{self.turns[j].input}\n{self.turns[j].text}"
        return [ln[1:] for ln in body.splitlines() if ln.startswith(sign) and not ln.startswith(sign * 3)]

    def _first_added_line(self, edits: list[int]) -> str:
        """The first substantial line the edits add (a diff's "+" line or an Edit's new_string)."""
        for j in edits:
            body = f"{self.turns[j].input}\n{self.turns[j].text}"
            added = [ln.strip() for ln in self._diff_lines(j, "+")]
            m = re.search(r'"new_string":\s*"(.*?)"\s*[,}]', body, re.S)
            if m:
                added += [x.strip() for x in m.group(1).replace("\\n", "\n").replace('\\"', '"').splitlines()]
            for ln in added:
                if len(ln) >= 8 and not ln.startswith(("//", "#", "--", "/*", "*")) and re.search(r"\w", ln):
                    return fit(ln, 60)
        return ""

    def _only_undoes(self, group: list[int], edits: list[int]) -> bool:
        """The last edits only take out lines earlier edits of the chain put in: a revert of an
        attempt, which makes the check pass again but fixes nothing."""
        def lines(j: int, sign: str) -> set[str]:
            return {ln.strip() for ln in self._diff_lines(j, sign) if ln.strip()}
        removed = set().union(*(lines(j, "-") for j in group))
        added_now = set().union(*(lines(j, "+") for j in group))
        added_before = set().union(*(lines(j, "+") for j in edits if j < group[0]))
        return bool(removed) and not added_now and removed <= added_before

    def _requested(self, first_edit: int) -> str:
        """The user's request that the edits starting at `first_edit` carried out, resolved to the
        option it picks ("2, try suspense" -> option 2 of the assistant's list), or ""."""
        ask = next((j for j in range(first_edit - 1, max(-1, first_edit - 5), -1) if self.turns[j].role == "user"), -1)
        if ask < 0:
            return ""
        said = self.turns[ask].text
        offer = next((self.turns[j].text for j in range(ask - 1, max(-1, ask - 3), -1) if self.turns[j].role == "assistant"), "")
        picked = _numbered_pick(said, offer) or _named_pick(said, offer)
        if picked:
            picked = picked.replace("**", "").strip()
            head = re.split(r"[:—]\s", picked, maxsplit=1)[0]
            # "Keep it in main but yield: iterate with `stmt.iterate()` ...": the head names nothing, the rest does
            found = entities(picked)
            names = [e for e in found if not any(e != o and e in o for o in found)]
            if names and not any(w in head.lower() for e in names for w in re.findall(r"[a-z]{4,}", e.lower())):
                head = f"{fit(head, 50)} ({', '.join(names[:3])})"  # "... but yield (stmt.iterate(), setImmediate)"
            return fit(head, 90).replace("`", "").strip()
        said_sents = sentences(_prose(said)) or [""]
        first = next((x for x in said_sents if entities(x)), said_sents[0])  # the sentence that names what to do
        first = _strip_lead(re.sub(r"^\W*\d+[.,)]?\s*", "", first))
        first = re.sub(r"^(?:(?:please|just|now|let'?s|can you|could you|can we|could we|should we)\s+)*"
                       r"(?:try|use|do|add|put|set|go with|switch to|enable)\s+", "", first, flags=re.I)
        return fit(first.rstrip(".!?"), 60) if len(_topic_key_all(first)) >= 1 and entities(first) else ""

    def _culprit_before(self, i: int, asked: bool = False) -> str:
        """The culprit of the failing check right before turn `i`, if the edits before that
        check introduced it."""
        j = i - 1
        while j >= 0 and self.turns[j].role == "tool" and not (self.tools[j].failed and self.tools[j].error):
            j -= 1
        if (j < 0 or self.turns[j].role != "tool") and asked and i > 0 and i - 1 in self.tools \
                and not self.tools[i - 1].is_edit:
            j = i - 1  # a run that exited fine and is still called a miss (a measurement): the edits before it
        elif j < 0 or self.turns[j].role != "tool":
            return ""
        edits = []
        for k in range(j - 1, max(-1, j - 6), -1):
            if self.turns[k].role != "tool":
                break
            if self.tools[k].is_edit:
                edits.append(k)
        if edits:  # what the error names among what the edits added, else (`asked`) what the user asked to try
            files = [f for k in edits for f in self.tools[k].edit_files]
            tests_only = bool(files) and all(re.search(r"(?:^|[/._-])(?:tests?|spec)(?:[/._-]|$)", f)
                                             for f in files)  # a repro test written first is no attempt
            said = next((self.turns[k].role for k in range(min(edits) - 1, -1, -1) if self.turns[k].role != "tool"), "")
            return self._culprit(sorted(edits), j) or (  # edits straight after the user's ask carried it out
                self._requested(min(edits)) if asked and said == "user" and not tests_only else "")
        install = _INSTALL_RE.search(self.turns[j].input or "")
        if install:  # "npm i pinia@3" refused: the package asked for is what was tried
            specs = [a for a in install.group(1).split() if not a.startswith("-")]
            return " ".join(specs[:2])
        return self._announced_attempt(j) if asked else ""

    def _announced_attempt(self, run: int) -> str:
        """A change made by the failing command itself (menuconfig, a flag): what the assistant said
        it would try just before ("`MAIN_TASK_STACK_SIZE` is 3584 ... Let me bump it to 6144")."""
        k = run - 1
        while k >= 0 and self.turns[k].role == "tool":
            k -= 1
        if k < 0 or self.turns[k].role != "assistant":
            return ""
        said = [x for x in sentences(self.turns[k].text) if not _QUESTION_RE.search(x)]
        for n in range(len(said) - 1, max(-1, len(said) - 3), -1):
            if re.search(r"\b(?:let me|i'?ll|i will)\s+(?:try|bump|raise|increase|lower|set|enable|disable|switch|add|turn)\b",
                         said[n], re.I):
                if not entities(said[n]) and n > 0 and entities(said[n - 1]) and re.search(
                        r"\b(?:to try|lever|option|idea|plan|next step|first step)\s*:", said[n - 1], re.I):
                    # "Quickest lever to try: raise Sidekiq concurrency so the backlog drains faster. Let me
                    # try 25 on staging": the sentence before says what the change is
                    lever = re.split(r"\s+(?:so|because|since|to see|which)\b", after_label(said[n - 1]), maxsplit=1)[0]
                    return fit(lever.strip(" .,;:"), 90)
                names = entities(said[n]) or (entities(said[n - 1]) if n > 0 else [])
                if names:
                    plan = re.sub(r"^.*?\b(?:let me|i'?ll|i will)\s+", "", said[n], flags=re.I).rstrip(".")
                    return fit(f"{names[0].strip('`')}: {plan}", 90)
        return ""

    def _culprit(self, group: list[int], check: int) -> str:
        """The name the failing check's error shares with what the edits added ("function
        sqlc.slice(unknown) does not exist" after adding sqlc.slice('skus')): the thing tried.
        An edit that only changes a version ("exposedVersion = 0.44.1" -> "0.50.1") tried that upgrade."""
        for j in group:
            bump = _version_bump(f"{self.turns[j].input}\n{self.turns[j].text}")
            if bump:
                return bump
        added = self._added_idents(group)
        for e in entities(self.tools[check].error):
            name = re.sub(r"\(.*$", "()", e.strip("`'\""))
            parts = {w.lower() for w in re.findall(r"[A-Za-z_]\w{3,}", name)}
            if parts and parts <= added and not re.fullmatch(r"[\w./-]+\.\w{1,4}(?::\d+)*", name):  # not a file:line
                return name
        return ""

    def _revive_attempts(self) -> None:
        """A failed attempt the user adopts later ("we keep the bf16 autocast") was a setback."""
        def marks(text: str) -> set[str]:
            return {w for w in re.findall(r"[a-z0-9][a-z0-9_.-]*[a-z0-9]", text.lower())
                    if len(w) >= 7 or re.search(r"[._\d]", w)} - _COMMON_LONG
        keep = []
        for c in self.out:
            if any(c is a for a in self.attempt_failures):
                later = [d for d in self.out if d.kind in ("DECISION", "PATTERN") and d.turn > c.turn
                         and not has_failure_words(d.text)]  # "X tried and reverted" adopts nothing
                if any(marks(d.text) & marks(c.text.split(": failed,")[0]) for d in later):
                    continue
            keep.append(c)
        self.out[:] = keep

    def _diagnosed_after(self, i: int) -> bool:
        """The assistant's next turns treat what the user said as a problem ("Three separate problems",
        "Found it", "the cause is"): a report, whatever words the user used for the symptom."""
        for k in range(i + 1, min(len(self.turns), i + 6)):
            t = self.turns[k]
            if t.role == "user":
                return False
            if t.role == "assistant" and (_STRONG_CAUSE_RE.search(t.text) or re.search(
                    r"\b(?:found it|(?:two|three|several|separate) (?:\w+ )?(?:problems|issues|bugs)|the (?:problem|bug|issue) is)\b",
                    t.text, re.I)):
                return True
        return False

    def _report_stands(self, i: int, first_edit: int) -> bool:
        """A user's problem report leads to the next edit when it shows an error (a pasted log)
        or is the last thing the user said before it; "the coffee machine is broken" said
        before the real request is small talk."""
        if _NAMED_ERR_RE.search(_pick_error(self.turns[i].text)):
            return True
        # "ok fix all three" / "yes do it" in between is the go-ahead for this report, not a new request
        return not any(self.turns[j].role == "user" and not (len(self.turns[j].text) < 240 and _GO_AHEAD_RE.search(self.turns[j].text))
                       for j in range(i + 1, first_edit))

    def _attempts_own_failures(self, a: _Approach, start: int, first_edit: int, passed: int) -> bool:
        """Approach `a` was on the table before the failing check at `start`, every failing check
        up to the edit names it, and it was turned down before the check that passed."""
        if not a.turn < start < a.rejected_at <= passed:
            return False
        failing = [j for j in range(start, first_edit) if (self.tools.get(j) or _NO_TOOL).failed]
        return bool(failing) and all(self.tools[j].error in a.errors and _mentions(self.turns[j].text.lower(), a.topic)
                                     for j in failing)

    def _emit_bug_fix(self, start: int, edits: list[int], passed: int) -> None:
        info = self.tools.get(start)
        error = info.error if info else ""
        if error and any(self._attempts_own_failures(a, start, edits[0], passed) for a in self.approaches):
            return  # the attempt on the table caused these failures and was given up: a dead end, not a bug fix
        if not error and self.turns[start].role == "user":  # a log the user pasted says it best
            pasted = _pick_error(self.turns[start].text)
            error = clean_text(pasted, 140) if _NAMED_ERR_RE.search(pasted) or re.search(r"\berror(?:\[\w+\])?:", pasted) else ""
        if not error:  # user report: take the first error line seen before the edit
            for j in range(start, edits[0]):
                ij = self.tools.get(j)
                if ij and ij.error:
                    error = ij.error
                    break
        if not error and self.turns[start].role == "user":  # "I think the error is from our loss": the last failure
            for j in range(start - 1, max(-1, start - 10), -1):
                tj = self.tools.get(j)
                if tj and tj.is_check and not tj.failed:
                    break  # a green run since: that failure was another bug, already fixed
                if tj and tj.failed and tj.error:
                    error = tj.error
                    break
        if not error:  # the user's own words: the sentence that says what is wrong, not "Hiii :)"
            said = sentences(_prose(self.turns[start].text)) or sentences(self.turns[start].text) or [""]
            error = _strip_lead(next((x for x in said if _PROBLEM_RE.search(x)), said[0]))
            error = fit(re.sub(r"^(?:first(?:ly)?|second(?:ly)?|third|also|and|plus|then)\b[,:]?\s*", "", error, flags=re.I), 80)
        # The fix is announced after the last failing check (earlier plans were attempts that
        # did not work); the cause may have been stated at any point since the failure.
        last_fail = max((j for j in range(start + 1, edits[0]) if (self.tools.get(j) or _NO_TOOL).failed), default=start)
        # the diagnosis may come before the failing check that proves it ("Confirmed: X keeps
        # the old autocmds" then a test): read from the user's report on
        report = max((j for j in range(start, -1, -1) if self.turns[j].role == "user"), default=start)
        # nor from before an edit that came before this failure: what was said then is about an earlier bug
        report = max([report] + [j + 1 for j in range(report, start) if (self.tools.get(j) or _NO_TOOL).is_edit])
        recent = [s for s in self._assistant_sentences(last_fail, edits[0]) if not _VERDICT_RE.search(s)]
        later = (self.tools.get(last_fail) or _NO_TOOL).error
        # a new named failure the edit made pass, not the first one seen (a repro assertion is not it)
        newer = last_fail != start and bool(later) and bool(
            _NAMED_ERR_RE.search(later) or not _NAMED_ERR_RE.search(error)) and not re.search(r"Assert", later)
        # the cause of that newer failure is told after it: what was said before is about the first one
        explain = recent if newer and recent else [
            s for s in self._assistant_sentences(report, edits[0]) if not _VERDICT_RE.search(s)]
        plans = [s for s in reversed(recent) if _FIX_RE.search(s) and not _QUESTION_RE.search(s) and not _LOOK_RE.search(s)]
        if not plans:  # diagnosed and planned before the check that proves it: "Fix: rewind ... Let me reproduce first."
            plans = [s for s in reversed(explain) if re.match(r"\W*(?:the )?fix(?: is)?\b\s*[:,-]", s, re.I)]
        # A sentence that calls itself the fix ("Proper fix, in two parts: ...") beats other plans.
        fix = next((s for s in plans if re.search(r"\bfix\b", s, re.I)), plans[0] if plans else "")
        if fix.endswith(":") and fix in recent and recent.index(fix) + 1 < len(recent):
            fix = f"{fix} {recent[recent.index(fix) + 1]}"  # "Proper fix, in two parts:" + the first part
        fix = after_label(fix)
        causes = [s for s in explain if _CAUSE_RE.search(s) and s != fix and not _QUESTION_RE.search(s)
                  and not _PLAN_RE.search(s)]  # "let me try X so Y" is an attempt, not the cause
        added = self._added_idents(edits)
        cause = self._best_cause(causes, error, added) or self._best_cause(
            [s for s in explain if s != fix and not _QUESTION_RE.search(s) and not _PLAN_RE.search(s)
             and not _LOOK_RE.search(s)], error, added, floor=4.0)
        if fix and _STRONG_CAUSE_RE.search(fix) and not cause:
            cause = fix  # "The problem was X. I'll Y" in one sentence: keep it whole
        if not fix:
            fix = self._fix_after(edits, passed)
        applied, hits = self._applied_fix(start, added, passed)
        said = len(_idents(fix) & added)
        if hits > said and (hits >= 2 or not fix.strip()):
            fix = applied  # the sentence naming what the edit actually introduced, not option 1 of a list
        if re.match(r"^\s*\(?\d[.)]\s", cause or ""):
            cause = ""  # a numbered option is a proposal, not the cause
        if newer:
            error = later
        files: list[str] = []
        for j in edits:
            for f in self.tools[j].edit_files:
                if f not in files:
                    files.append(f)
        fix_txt = re.sub(r"^\d[.)]\s+", "", _strip_lead(fix))
        fix_txt = re.sub(r"^(?:the (?:\w+ )?fix(?: is)?(?: to)?\s*:?|fix:|the fix:?|so|then|i'?ll|i will|i would|i'?d|let me|we need to)\s*", "", fix_txt, flags=re.I)
        fix_txt = re.sub(r"^(?:fix:|the fix:?|i'?ll|i will)\s*", "", fix_txt, flags=re.I)
        then = re.search(r",?\s+so\s+(?:it|we|you|this|that)\s+(?P<x>(?:needs?|must|should|has to|have to)\b.*)$", fix_txt, re.I)
        if then and len(fix_txt) > 70:
            fix_txt = then.group("x")  # "X forwards raw bytes (...), so it needs `ByteArraySerializer`": the action
        if not fix_txt and files and (cause or start in self.tools or _NAMED_ERR_RE.search(error) or last_fail != start):
            # the fix never said in words, but the edit that made the check pass: the line it added, else its files
            line = self._first_added_line(edits)
            fix_txt = f"{files[0].rsplit('/', 1)[-1]}: {line}" if line else "" if cause else "changed " + ", ".join(files[:2])
        if not (fix_txt or cause):
            return
        if fix_txt and not entities(fix_txt) and files:
            # "Adding the feature." names nothing: the line the edit added says what the fix was
            line = self._first_added_line(edits)
            if line:
                fix_txt = f"{files[0].rsplit('/', 1)[-1]}: {line}"
        err_short = _short_error(error)
        fix_txt = fit(fix_txt, 70)
        told_cause = bool(cause) and cause != fix  # a cause said apart from the fix
        if _DANGLING_FIX_RE.match(fix_txt) and not _idents(fix_txt):
            # "-> Next", "-> Now the control logic.", "-> in async routes": the start of what came after
            if not told_cause:
                return  # the error alone, with neither its cause nor its fix, says nothing to remember
            fix_txt = ""
        if told_cause and fix_txt and not set(_idents(fix_txt)) & (added | _idents(cause)):
            fix_txt = fit(fix_txt, 45)  # names nothing the edit or the cause names: a side remark
        room = 154 - len(fix_txt)
        named = _NAMED_ERR_RE.search(err_short)
        # with a cause, the error is worth only its name ("ClassCastException"); the cause gets the room
        err_cut = fit(err_short[named.start():] if named else err_short, 40 if told_cause else 45)
        if room - len(err_cut) - 2 < 45:
            err_cut = ""
        why_room = room - len(err_cut) - 2 if err_cut else room
        why = fit(_cause_clause(cause, 400), why_room) if told_cause else ""
        if fix_txt and why and not _covers(fix_txt, why):
            text = (f"{err_cut}: {why}" if err_cut else why) + f" -> {fix_txt}"
        elif fix_txt:
            text = f"{fit(err_short, 150 - len(fix_txt))} -> {fix_txt}"
        else:
            text = f"{fit(err_short, 60)}: {fit(why or cause, 95)}"
        source = "\n".join([error, cause, fix] + [self.turns[j].input + " " + self.turns[j].text for j in edits])
        listed = self._listed_causes(report, edits[0])
        if len(listed) >= 2:  # "Three separate problems: **Falling through**: ... **Jitter**: ...": one fact each
            for label, said in listed:
                self.out.append(Candidate(
                    kind="BUG_FIX", text=clean_text(_item_text(label, said)), topic=_topic_key(label),
                    evidence=f"{label}: {said}"[:200], source=f"{said}\n{source}", files=files[:3], score=0.85, turn=start))
            return
        self.out.append(Candidate(
            kind="BUG_FIX", text=clean_text(text), topic=_topic_key(err_short), evidence=error, source=source,
            files=files[:3], score=0.85, turn=start))

    def _replaced_attempt(self, start: int, edits: list[int]) -> None:
        """A failing run of something the assistant had just put in, whose account says it is
        being replaced rather than repaired ("That panics in the browser: there's no Tokio
        runtime ... Using gloo-timers' TimeoutFuture instead"): besides the bug fix, what was
        tried is a dead end. Named by a code name the account shares with what was put in before
        the run (the edits' lines, the run's command) and that the fixing edits take out (or the
        account says "instead of X"), never one on the replacement's side."""
        told_at = [j for j in range(start + 1, edits[0]) if self.turns[j].role == "assistant"]
        told = " ".join(self.turns[j].text for j in told_at)
        if not told_at or not _REPLACED_CUE_RE.search(told) or _TRANSIENT_RE.search(told):
            return
        tried: list[str] = [self.turns[start].input or ""]  # what was put in: the run's command, the edits' lines
        for k in range(start - 1, max(-1, start - 8), -1):
            t = self.turns[k]
            if t.role == "user":
                break
            if k in self.tools and self.tools[k].is_edit:
                tried += self._diff_lines(k, "+") or [t.input or ""]
        tried_low = "\n".join(tried).lower()
        put_back = "\n".join("\n".join(self._diff_lines(j, "+")) or (self.turns[j].input or "") for j in edits).lower()
        # "Instead I'll make a small `AppError` enum with `thiserror`": what comes after the cue is the replacement
        cued = [(x, _REPLACED_CUE_RE.search(x)) for x in sentences(told)]
        new_side = " ".join(x[m.start():] for x, m in cued
                            if m and not re.search(r"\b(?:instead of|rather than)\b", x, re.I)).lower()
        # replaced, not repaired: the fixing edits take it out, or the account says "instead of X"
        taken_out = "\n".join(ln for j in edits for ln in self._diff_lines(j, "-")).lower()
        old_side = " ".join(m.group(1) for m in re.finditer(r"\b(?:instead of|rather than)\s+([^,.;:]{3,60})", told, re.I)).lower()
        names = [n.strip("`") for n in _CODE_NAME_RE.findall(told)]
        names = [n for n in names if len(n) >= 5 and n.lower() in tried_low and n.lower() not in put_back
                 and n.lower() not in new_side and (n.lower() in taken_out or n.lower() in old_side)
                 and not re.fullmatch(r"[\w./-]+\.\w{1,4}(?::\d+)*", n)]  # a file is where, not what
        if not names:
            return
        name = max(names, key=lambda n: (told.lower().count(n.lower()), len(n)))
        why = [x for x in sentences(told) if not _QUESTION_RE.search(x) and not _REPLACED_CUE_RE.search(x)
               and not _PLAN_RE.search(x)]
        why = [x for x in why if name.lower() in x.lower()] or why
        if not why:
            return
        reason = fit(_strip_lead(why[0]).rstrip("."), 150 - len(name))
        self.out.append(Candidate(
            kind="FAILED", text=clean_text(f"{name}: failed, {reason}"), topic=_topic_key(name), evidence=told[:200],
            source=f"{name} {told}", files=[f for j in edits for f in self.tools[j].edit_files][:2], score=0.8,
            turn=told_at[0], reason=reason))

    def _listed_causes(self, start: int, end: int) -> list[tuple[str, str]]:
        """A diagnosis that names several problems as labelled paragraphs or items ("Three separate
        problems: **Falling through**: ... **Jitter**: ..."), as (label, text) pairs; [] otherwise."""
        for j in range(start, end):
            t = self.turns[j]
            if t.role != "assistant":
                continue
            intro = t.text.split("**", 1)[0]
            if not re.search(r"\b(?:problems?|issues?|bugs?|causes?|things (?:wrong|going on))\b", intro, re.I) \
                    or re.search(r"\b(?:options?|ways?|approaches|alternatives)\b", intro, re.I):
                continue
            items = re.findall(r"(?m)^\s*(?:\d[.)]\s*|[-*]\s+)?\*\*([^*\n]{2,60})\*\*:?\s*(.+)$", t.text)
            if len(items) >= 2:
                return [(label.strip().rstrip(":"), body.strip()) for label, body in items]
        return []

    def _best_cause(self, causes: list[str], error: str, added: set[str], floor: float = 0.0) -> str:
        """The explanation that best ties the failure to the change: it names what the error
        and the edit name, and says it is the cause; the first cue match is often a side remark."""
        if not causes:
            return ""
        known = _idents(error) | added

        def score(s: str) -> float:
            return (4.0 * bool(_STRONG_CAUSE_RE.search(s)) + 2.0 * len(_idents(s) & known)
                    + min(3.0, telling(s) / 2) - 0.01 * causes.index(s))
        best = max(causes, key=score)
        return best if score(best) >= floor else ""

    def _added_idents(self, edits: list[int]) -> set[str]:
        """Identifiers the edits introduce: the '+' lines of a diff, or a written file's text."""
        out: set[str] = set()
        for j in edits:
            plus = self._diff_lines(j, "+")
            code = "\n".join(plus) if plus else f"{self.turns[j].input}\n{self.turns[j].text}"
            out |= _idents(code)
            out |= {m.group(1).lower() for m in re.finditer(r"(?<![\w])([A-Za-z_]\w{3,})(?=\s*\()", code)}  # called names
        return out

    def _applied_fix(self, start: int, added: set[str], passed: int) -> tuple[str, int]:
        """The assistant sentence around the fix that names most of what the edits introduced
        (`added`; later sentences win ties: the option applied last), with its overlap."""
        pool: list[str] = []
        for j in range(max(0, start - 8), min(len(self.turns), passed + 3)):  # the options may precede the failing run
            t = self.turns[j]
            if t.role == "user" and j > passed:
                break
            if t.role == "assistant":
                # a plan, a numbered option, or the summary after the pass: what is done, not what is wrong
                pool += [s for s in sentences(t.text) if not _QUESTION_RE.search(s) and not _LOOK_RE.search(s)
                         and (j > passed or _FIX_RE.search(s) or re.match(r"\s*\d[.)]\s", s))
                         and not _STRONG_CAUSE_RE.search(s) and not re.match(r"\W*cause\b", s, re.I)]  # the why, not the fix
        best, hits, rank = "", 0, 0.0
        for s in pool:
            n = len(_idents(s) & added)
            r = n - 0.5 * bool(re.search(r"\balso\b", s, re.I))  # "I'll also set X": an extra, not the fix
            if n and r >= rank:
                best, hits, rank = s, n, r
        return best, hits

    def _assistant_sentences(self, start: int, end: int) -> list[str]:
        return [s for j in range(start, end) if self.turns[j].role == "assistant" for s in sentences(self.turns[j].text)]

    def _fix_after(self, edits: list[int], passed: int) -> str:
        """No fix announced before the edit: the assistant's summary after the passing run
        ("Fixed: the controller now rescues ..."), else the edit's own description."""
        for j in range(passed + 1, min(len(self.turns), passed + 3)):
            t = self.turns[j]
            if t.role == "user":
                break
            if t.role == "assistant":
                for s in sentences(t.text):
                    if re.search(r"^(?:fixed|the fix)\b|\bnow\b", s, re.I) and not _QUESTION_RE.search(s):
                        return re.sub(r"^(?:fixed|the fix)\s*[:,-]?\s*", "", s, flags=re.I)
        for j in edits:
            m = re.match(r"\s*Applied edit:\s*(.+)", self.turns[j].text or "")
            if m:
                return m.group(1).splitlines()[0]
        return ""

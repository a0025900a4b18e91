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
from memwrap.extract.imports import imported_libraries
from memwrap.extract.narrated import narrated_failures, revert_verdict
from memwrap.extract.runs import (_INSTALL_RE, _REMOVE_RE, _change_subject, _package_topics, _pick_error, _short_error,
                                  _tool_file, _tool_info, _version_bump)
from memwrap.extract.stack import (languages_from_paths, manifest_deps, self_description, session_tools,
                                   traceback_packages, upgrades, version_output, version_pairs)
from memwrap.extract.statements import accepted_proposal, choice_sentences, rule_sentences
from memwrap.extract.text import sentences
from memwrap.extract.topics import (_LOGLINE_RE, _QUESTION_RE, _mentions, _prose, _same_topic, _strip_lead, _topic_key,
                                    _topic_key_all, after_label, file_paths)
from memwrap.extract.user_statements import StatementMixin, _EXCLUDE_RE, _NOISE_RE, _NOTE_REQUEST_RE, _PREF_PERSON_RE
from memwrap.facts import clean_text, has_failure_words
from memwrap.reversal import replaced_phrases
from memwrap.turns import Turn

# Stack vocabulary (PROJECT facts). name -> regex; versions are read right after the name.
_STACK: list[tuple[str, str]] = [
    ("Go", r"\bgo(?=\s+v?\d)|\bgolang\b"), ("Python", r"\bpython\b"), ("Rust", r"\brust\b"),
    ("TypeScript", r"\btypescript\b"), ("JavaScript", r"\bjavascript\b"), ("Node", r"\bnode(?:\.?js)?(?=\s+v?\d)|\bnode\.js\b"),
    ("Java", r"\bjava\b(?!script)"), ("Kotlin", r"\bkotlin\b"), ("Ruby", r"\bruby\b"), ("Rails", r"\brails\b"),
    ("PHP", r"\bphp\b"), ("Laravel", r"\blaravel\b"), ("Elixir", r"\belixir\b"), ("Phoenix", r"\bphoenix\b"),
    ("C#", r"\bc#"), (".NET", r"(?<![\w.])\.net\b|\bdotnet\b"), ("Swift", r"\bswift\b"), ("Scala", r"\bscala\b"),
    ("Django", r"\bdjango\b(?!-)"), ("DRF", r"\bdrf\b|django rest framework"), ("Flask", r"\bflask\b"),
    ("FastAPI", r"\bfastapi\b"), ("Spring Boot", r"\bspring boot\b"), ("Maven", r"\bmaven\b"),
    ("Gradle", r"\bgradle\b"), ("Flyway", r"\bflyway\b"), ("React", r"\breact\b(?![- ]?(?:redux|query|router))"),
    ("Next.js", r"\bnext\.?js\b"), ("Vue", r"\bvue\b"), ("Angular", r"\bangular\b"), ("Svelte", r"\bsvelte\b"),
    ("Vite", r"\bvite\b"), ("Express", r"\bexpress(?=\s+v?\d)|\bexpress\.js\b"), ("NestJS", r"\bnestjs\b"),
    ("chi", r"\bchi router\b|\bgo-chi\b"), ("gin", r"\bgin\b(?= framework| router)"),
    ("Postgres", r"\bpostgres(?:ql)?\b"), ("MySQL", r"\bmysql\b"), ("SQLite", r"\bsqlite\b"),
    ("MongoDB", r"\bmongo(?:db)?\b"), ("Terraform", r"\bterraform\b"), ("AWS", r"\baws\b"), ("GCP", r"\bgcp\b"),
    ("Azure", r"\bazure\b"), ("Kubernetes", r"\bkubernetes\b|\bk8s\b"), ("EKS", r"\beks\b"), ("GKE", r"\bgke\b"),
    ("Docker", r"\bdocker\b"), ("Airflow", r"\bairflow\b"), ("pandas", r"\bpandas\b"), ("Spark", r"\bspark\b"),
    ("parquet", r"\bparquet\b"), ("GraphQL", r"\bgraphql\b"), ("gRPC", r"\bgrpc\b"), ("Tailwind", r"\btailwind\b"),
    ("Electron", r"\belectron\b"), ("Flutter", r"\bflutter\b"), ("Android", r"\bandroid\b"), ("iOS", r"\bios\b"),
    ("PyTorch", r"\bpytorch\b"), ("TensorFlow", r"\btensorflow\b"), ("JAX", r"\bjax\b"), ("Celery", r"\bcelery\b"),
    ("Symfony", r"\bsymfony\b"), ("Nuxt", r"\bnuxt\b"), ("Deno", r"\bdeno\b"), ("Bun", r"\bbun(?=\s+v?\d)"),
    ("React Native", r"\breact native\b"), ("SwiftUI", r"\bswiftui\b"), ("Ktor", r"\bktor\b"), ("Quarkus", r"\bquarkus\b"),
    ("Dart", r"\bdart(?=\s+v?\d)"), ("Zig", r"\bzig\b"), ("C++", r"\bc\+\+(?=\d\d\b)|\bc\+\+"),
    ("CMake", r"\bcmake\b"), ("Ninja", r"\bninja\b"), ("Vulkan", r"\bvulkan\b"), ("SvelteKit", r"\bsveltekit\b"),
    ("dbt", r"\bdbt\b"), ("Snowflake", r"\bsnowflake\b"), ("BigQuery", r"\bbigquery\b"), ("LiveView", r"\bliveview\b"),
    ("Riverpod", r"\briverpod\b"), ("OpenGL", r"\bopengl\b"), ("Haskell", r"\bhaskell\b"),
]
_STACK_RES = [(name, re.compile("(?:" + rx + r")(?:(?:[\s,]+(?:v|version\s+)?|(?<=\+))(\d+(?:\.\d+)*(?:\.x)?))?", re.IGNORECASE))
              for name, rx in _STACK]


def stack_mentions(text: str) -> list[tuple[str, str, int]]:
    """(name, version, position) for each stack item named in `text`."""
    out = []
    for name, rx in _STACK_RES:
        best = None
        for m in rx.finditer(text):
            version = (m.group(m.lastindex) if m.lastindex else "") or ""
            if best is None or (version and not best[1]):
                best = (name, version, m.start())
        if best:
            out.append(best)
    return sorted(out, key=lambda t: t[2])


_LIST_ITEM_RE = re.compile(r"^([A-Za-z][\w.+#-]{2,}(?:\s+[A-Za-z][\w.+#-]*)?)\s+v?(\d+(?:\.\d+)+|\d{1,2})$")


def _listed_versions(text: str) -> list[tuple[str, str]]:
    """Items of a comma/plus/paren list that read "<name> <version>" ("mariadb 11", "quarkus 3.8"): a
    user describing their stack names things no vocabulary knows."""
    out = []
    for seg in re.split(r"[,;()+/]|\band\b|\.\s", text):
        m = _LIST_ITEM_RE.match(seg.strip())
        if m and not re.match(r"(?i)(?:page|step|part|option|version|line|epoch|day|week|item|chapter|phase)\b", m.group(1)):
            out.append((m.group(1), m.group(2)))
    return out


_MANIFESTS = ("go.mod", "package.json", "pom.xml", "cargo.toml", "pyproject.toml", "gemfile", "build.gradle",
              "requirements.txt", "composer.json", "mix.exs")


class _Extractor(ApproachMixin, BugFixMixin, StatementMixin):
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

    def _project(self) -> None:
        items: dict[str, tuple[str, int]] = {}
        rejected = [a.topic for a in self.approaches if a.rejected_at >= 0]

        def add(text: str, weight: int) -> None:
            for name, version, _ in stack_mentions(text):
                if name.lower() in rejected:
                    continue
                old = items.get(name)
                if not old or (version and not old[0]):
                    items[name] = (version, (old[1] if old else 0) + weight)

        users = [t for t in self.turns if t.role == "user"]
        said = [" ".join(s for s in sentences(_prose(t.text)) if not _QUESTION_RE.search(s)) for t in users]
        for text in said[:3]:
            if stack_mentions(text):
                add(text, 2)
                for name, version in _listed_versions(text):  # "mariadb 11" in the same list: unknown, but named
                    if (not stack_mentions(name) and name.lower() not in rejected  # known names came above
                            and not any(n.lower() == name.lower() for n in items)):
                        items[name] = (version, 1)
                break
        for text in said:
            for name, version, _ in stack_mentions(text):
                if version:
                    add(f"{name} {version}", 1)
        # generic: "<name> <x.y>" pairs from the user's opening turns, manifests by file name,
        # `--version` output, and third-party packages in stack traces the assistant names with a version
        for text in said[:2]:
            for name, version in version_pairs(text):
                if name.lower() not in rejected and not stack_mentions(name) and not any(n.lower() == name.lower() for n in items):
                    items.setdefault(name, (version, 1))
        traced = {p.lower() for t in self.turns for p in traceback_packages(t.text)}
        for t in self.turns:
            if t.role == "tool":
                for name, version in manifest_deps(t.input or "", t.text) + version_output(t.input or "", t.text):
                    name = name.split("/")[-1] if name.startswith("@") else name  # @scope/pkg -> pkg
                    same = next((n for n in items if n.lower() == name.lower()), None)
                    if same is None:
                        items[name] = (version, 0.5)  # listed in a manifest: after what is said or imported
                    elif not items[same][0]:
                        items[same] = (version, items[same][1])  # "React" said, "react ^18.3.1" in the manifest
            elif t.role == "assistant" and traced:
                for name, version in version_pairs(t.text):
                    if name.lower() in traced and not any(n.lower() == name.lower() for n in items):
                        items[name] = (version, 1)
        for t in self.turns:
            if t.role == "tool" and any(m in (t.input or "").lower() for m in _MANIFESTS):
                gm = re.search(r"^go (\d+\.\d+)", t.text, re.M)
                if gm:
                    add(f"Go {gm.group(1)}", 1)
                add(t.text[:2000], 1)
        seen: dict[str, str] = {}
        for n in list(items):  # "react 18.3.1" from the manifest and "React" from the vocabulary are one item
            first = seen.setdefault(n.lower(), n)
            if first != n:
                drop = n if items[first][0] or not items[n][0] else first  # keep the one that has a version
                del items[drop]
                seen[n.lower()] = first if drop == n else n
        recurring: dict[str, int] = {}  # stack words the whole session keeps using (never said as "we use X")
        for t in self.turns:
            text = _prose(t.text) if t.role != "tool" else (t.input or "")
            for name, _, _ in stack_mentions(text):
                recurring[name] = recurring.get(name, 0) + 1
        paths = [p for t in self.turns if t.role == "tool" for p in ([t.input.strip()] if t.input and " " not in t.input.strip() else [])]
        for lang in languages_from_paths(paths)[:2]:  # the files it works on say the language
            recurring[lang] = recurring.get(lang, 0) + 3
        known_now = {n.lower() for n in items}
        for name, count in sorted(recurring.items(), key=lambda kv: -kv[1]):
            if count >= 3 and name.lower() not in rejected and name.lower() not in known_now and len(items) < 6:
                items[name] = ("", 1)
        for text in said[:3]:  # "from openzeppelin 4.9 to 5.0": the project is on the new one
            for name, version in upgrades(text):
                same = next((n for n in items if n.lower() == name.lower()), name)
                items[same] = (version, items.get(same, ("", 1))[1])
        known = " ".join(items).lower()
        for tool in session_tools([t.input for t in self.turns if t.role == "tool" and t.input])[:2]:
            if tool not in known and tool.lower() not in rejected:
                items[tool] = ("", 1)  # "npx hardhat test" run again and again: hardhat is the toolchain
        code = [pair for t in self.turns if t.role == "tool" for pair in [_tool_file(t)] if pair]
        for lib in imported_libraries(code, self.project):  # what the code it works on imports
            low = lib.lower().lstrip("@")
            same = next((n for n in items if low in n.lower() or n.lower() in low), None)
            if same is None and low not in rejected:
                items[lib] = ("", 2)
            elif same is not None:
                items[same] = (items[same][0], max(items[same][1], 2))
        what = next((d for d in (self_description(t) for t in said[:2]) if d), "")
        if not items and not what:
            return
        ranked = sorted(items.items(), key=lambda kv: -kv[1][1])  # said or imported first, then the rest
        parts = [(f"{n}{v}" if n.endswith("+") else f"{n} {v}").strip() for n, (v, _) in ranked][:8]
        if what and not set(_topic_key_all(what)) <= set(_topic_key_all(" ".join(parts))):
            parts.insert(0, what)  # "neovim plugin quickfmt.nvim (lua)": what it is, in the user's words
        name = self.project or "project"
        self.out.append(Candidate(kind="PROJECT", text=clean_text(f"{name}: {', '.join(parts)}"), topic="stack",
                                  evidence=", ".join(parts), source=" ".join(parts) + " " + name, score=0.7, turn=0))


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
__all__ = ["extract_candidates", "Candidate", "file_paths", "sentences", "after_label", "_same_topic",
           "_tool_info", "_pick_error", "_short_error", "_version_bump", "_tool_file"]

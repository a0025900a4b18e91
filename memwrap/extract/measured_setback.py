"""An option measured and found wanting, then not taken: "bf16 is 2.3x slower here (415 ms vs
182 ms)", "SMOTE makes PR-AUC worse: 0.389 against 0.412", "tsup builds in 1.9s, but the CSS
has problems".

Nobody says "abandoned": the numbers say it, and the session goes on with something else. The
sentence is the dead end's whole story, so it becomes a FAILED fact with its subject as the
name, when the subject is a thing this session brought up before (tried or offered), and
nothing later in the session adopts it.
"""

from __future__ import annotations

import re

from memwrap.extract.candidate import Candidate
from memwrap.extract.fit import fit
from memwrap.extract.text import sentences
from memwrap.extract.topics import _QUESTION_RE, _mentions, _same_topic, _topic_key, file_paths, unfenced_lines
from memwrap.facts import clean_text
from memwrap.turns import Turn

# the subject of the sentence, before the verb that reports how it went
_SUBJECT_RE = re.compile(
    r"^[^\w+`]*(?:(?:so|but|and|ok|also|sadly|unfortunately|result)[,:]?\s+)?(?:the\s+|a\s+|an\s+)?"
    r"(?P<subj>[\w@./+#`-]+(?:\s+(?!(?:is|are|was|were)\b)[\w@./+#`-]+){0,3}?)\s+"
    r"(?:version\s+|variant\s+|approach\s+|build\s+|run\s+)?"
    r"(?:is|are|was|were|makes?|made|gives?|gave|costs?|runs?|ran|takes?|took|adds?|added|builds?|built|reaches|"
    r"reached|comes?\s+in|came\s+in|ends?\s+up|ended\s+up|needs?|needed|uses?|used|peaks?|peaked|hits?)\b", re.I)
# how the numbers went against it
_WORSE_RE = re.compile(
    r"\b(?<!the )(?:slower|worse|bigger(?! problem)|larger|heavier|more\s+memory|higher\s+(?:latency|p\d\d|memory)|"
    r"only\s+~?\d+(?:\.\d+)?\s*%\s+(?:faster|better|smaller|quicker)|not\s+worth|no\s+(?:faster|better|quicker)|"
    r"barely\s+(?:faster|better)|doubl\w+|tripl\w+|regress\w*)\b|"
    r"\bcosts?\s*:?\s*(?:us\s+)?(?:~|about\s+|roughly\s+|an?\s+extra\s+|another\s+)?\+?\d", re.I)  # "costs ~35 ms at p99"
_NUMBER_RE = re.compile(r"\d")
# "group_interval 30m: 1,212 -> 640 alerts, but time-to-page goes from 41s to 14 minutes": a labelled
# measurement of one option ...
_LABELLED_RE = re.compile(r"^[^\w`]*(?P<subj>`?[\w@./+#=-]+`?(?:\s+`?[\w@./+#=-]+`?){0,2}):\s+\S")
# a measured change: "p99 38 ms -> 141 ms", "from 742 to 213 Q/s"
_CHANGE_RE = re.compile(r"\d[\d.,]*\s*(?:[a-z%/]{1,4}\s*)?(?:->|→|=>)\s*~?\d|"
                        r"\bfrom\s+~?\d[\d.,]*\s*(?:[a-z%/]{1,4}\s+)?to\s+~?\d", re.I)
# ... which the same turn then turns down ("isn't acceptable. Leaving it at 5m.", "Reverting.")
_VERDICT_AGAINST_RE = re.compile(r"\b(?:leav(?:e|ing) it (?:at|on)|keep(?:ing)? it (?:at|on)|stay(?:ing)? (?:at|on) the|"
                             r"revert(?:ing|ed)?|going back to|not worth|(?:isn'?t|is not|not) acceptable|unacceptable|"
                             r"rules? it out|that'?s out|dropping it|not an option)\b", re.I)
_NOT_A_NAME = {"it", "this", "that", "which", "everything", "nothing", "build", "test", "tests", "suite", "run",
               "result", "results", "difference", "total", "job", "query", "one", "other", "first", "second", "new",
               "old", "change", "fix", "baseline", "current", "default", "number", "numbers", "time", "p99", "p95",
               "p50", "memory", "cpu", "latency", "throughput", "there", "here", "we", "i", "you", "they"}


_WORD_RE = re.compile(r"[\w@./+#-]+")


def _first_mentions(turns: list[Turn], roles: tuple[str, ...] = ()) -> dict[str, int]:
    """The turn each word of the session is first said in (one pass, not a rescan per sentence);
    `roles`: only what those roles wrote."""
    first: dict[str, int] = {}
    for i, t in enumerate(turns):
        if roles and t.role not in roles:
            continue
        for w in _WORD_RE.findall(f"{t.input} {t.text}".lower()):
            first.setdefault(w, i)
            for part in re.split(r"[./,-]+", w):  # "Schedulers.boundedElastic()" says boundedelastic
                if part:
                    first.setdefault(part, i)
    return first


def _subject(sent: str) -> str:
    m = _SUBJECT_RE.match(sent)
    if not m:
        return ""
    subj = m.group("subj").replace("`", "").strip()
    words = subj.lower().split()
    if not words or words[-1] in _NOT_A_NAME or words[0] in _NOT_A_NAME or len(subj) < 2:
        return ""
    return subj


def _label_subject(label: str) -> str:
    subj = label.replace("`", "").strip()
    words = subj.lower().split()
    if not words or any(w in _NOT_A_NAME for w in words) or not re.search(r"[a-z]{3}", subj, re.I):
        return ""
    return subj


def measured_setbacks(turns: list[Turn], cands: list[Candidate]) -> list[Candidate]:
    """FAILED candidates for options whose own measurement told against them."""
    out: list[Candidate] = []
    first: dict[str, int] | None = None  # built on the first measured sentence: most sessions have none
    failed = [c for c in cands if c.kind == "FAILED"]
    emitted: set[str] = set()
    for i, turn in enumerate(turns):
        if turn.role != "assistant":
            continue
        sents = [x.strip() for x in sentences("\n".join(unfenced_lines(turn.text)))]
        for k, sent in enumerate(sents):
            if not _NUMBER_RE.search(sent) or _QUESTION_RE.search(sent):
                continue
            labelled = _LABELLED_RE.match(sent)
            if _WORSE_RE.search(sent):
                subj = _subject(sent)
            elif labelled and _CHANGE_RE.search(sent) and _VERDICT_AGAINST_RE.search(" ".join(sents[k:k + 3])):
                subj = _label_subject(labelled.group("subj"))
            else:
                continue
            topic = _topic_key(subj) if subj else ""
            if not topic:
                continue
            if first is None:
                first = _first_mentions(turns)
            words = _WORD_RE.findall(subj.lower())
            if not words or max(first.get(w, i) for w in words) >= i:
                continue  # never brought up before: a fact about the baseline, not an option tried
            if topic in emitted or any(_same_topic(c.topic, topic) or _mentions(c.text.lower(), topic) for c in failed):
                continue
            if any(c.kind in ("DECISION", "PATTERN") and c.turn > i and _mentions(c.text.lower(), topic) for c in cands):
                continue  # taken after all
            told = sent[labelled.end("subj") + 1:].strip() if labelled and not _WORSE_RE.search(sent) else sent
            text = f"{subj}: dropped, {fit(told.replace('`', '').replace('**', ''), 150 - len(subj))}"
            emitted.add(topic)
            out.append(Candidate(kind="FAILED", text=clean_text(text, 160), topic=topic, evidence=sent[:200], source=sent,
                                 files=file_paths(sent)[:3], score=0.6, turn=i, reason=sent))
    return out

"""Two options measured side by side, then one turned down: "Median 9.0 s for onefile vs 2.2 s
for the one-folder build ... Going with one-folder", "kaniko: 10m31s ... buildah: 3m49s ... I'd
drop kaniko", "int8 is 2.3x faster, but top-1 drops from 94.1% to 88.7% ... reverted to fp32".

The numbers are the dead end's story and the verdict after them says which side lost. The
verdict either names the loser ("drop kaniko", "buildpacks are off the table"), names the
winner ("going with X", "the 1k table stays"; the loser is then the other side), or points
back ("dropping it", "I don't see a win", a user's "nah"; the loser is the side the
measurement is about). The measured sentence becomes a FAILED fact named after the loser,
when the loser is something the session brought up before and nothing later adopts it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from memwrap.extract.candidate import Candidate
from memwrap.extract.entities import entities
from memwrap.extract.fit import fit
from memwrap.extract.measured_setback import _first_mentions
from memwrap.extract.text import sentences
from memwrap.extract.topics import _GENERIC, _mentions, _prose, _same_topic, _topic_key, file_paths, unfenced_lines
from memwrap.facts import clean_text
from memwrap.turns import Turn

_NUM = r"[~≈]?\d[\d.,]*"
# numbers set against each other: "2.31 vs 0.94 GB/s", "from 94.1% to 88.7%", "9.2s -> 6.1s", "2.3x faster"
_COMPARED_RE = re.compile(
    _NUM + r"[^.;!?\d]{0,40}?\b(?:vs\.?|versus|against|compared\s+(?:to|with))\s+[^.;!?\d]{0,40}?" + r"[~≈]?\d|"
    r"\bfrom\s+" + _NUM + r"\s*[^\s\d]{0,6}\s+to\s+" + _NUM + r"|" + _NUM + r"\s*[^\s\d]{0,6}\s*(?:->|→|=>)\s*" + _NUM + r"|"
    r"\b\d+(?:\.\d+)?\s*(?:x|×|times|%)\s+(?:faster|slower|smaller|bigger|larger|heavier|lighter|more|less|fewer|"
    r"higher|lower|worse|better|quicker)\b", re.I)
def _compared(sent: str) -> re.Match[str] | None:
    """Where a sentence sets numbers against each other: a comparison word, or two
    measurements in the same unit ("X does ~5.1k rows/s and Y does ~48k rows/s")."""
    m = _COMPARED_RE.search(sent)
    if m:
        return m
    seen: dict[str, re.Match[str]] = {}
    for u in _MEASURE_RE.finditer(sent):
        unit = re.sub(r"[\d.,:\s]", "", u.group(0)).lower()
        if unit in seen and unit not in ("%", "k"):
            return seen[unit]
        seen.setdefault(unit, u)
    return None


_LIST_RE = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")
# the head of a list item that reports one side: "kaniko (cache-repo, warm): 10m31s"
_ITEM_HEAD_RE = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+(?:\*\*)?(?P<head>[^:(—–\d\s*][^:(—–*>→]{0,40}?)(?:\*\*)?\s*(?:\(|:|—|–|\s-\s)")
# a measurement: a number with its unit ("10m31s", "2.31 GB/s", "94%", "2.3x", "41k rows/s")
_MEASURE_RE = re.compile(r"\d(?:[\d.,:]*\d)?\s*(?:%|×|x\b|k?\s*(?:ms|s|sec|secs|min|mins|h|m\d+s|µs|us|ns|b|kb|mb|gb|kib|mib|gib|tb|"
                         r"fps|qps|rps|ops|rows|req|docs|msg|cu|ua|ma|mhz|ghz|px|points?)(?:/s)?\b|k\b)", re.I)
# the loser named: "I'd drop kaniko" (never the third person: "that removes the skew" says what a
# change does), "reverting the quantized model", "not going with buildpacks"
_DROP_NAMED_RE = re.compile(
    r"\b(?:drop(?:ping|ped)?|ditch(?:ing|ed)?|scrap(?:ping|ped)?|remov(?:e|ing|ed)|delet(?:e|ing|ed)|"
    r"revert(?:ing|ed)?(?!\s+(?:back\s+)?to\b)|rip(?:ping)?\s+out|back(?:ing|ed)?\s+out|turn(?:ing|ed)?\s+off|"
    r"throw(?:ing)?\s+away|threw\s+away|giv(?:e|ing)\s+up\s+on|gave\s+up\s+on|not\s+(?:going\s+with|using|adopting|"
    r"pursuing|keeping|worth\s+keeping))\s+(?:the\s+|that\s+|this\s+|our\s+)?(?P<x>[^,.;:!?()]{2,60})", re.I)
# the loser judged: "Buildpacks are off the table", "kaniko out", "CHR isn't worth it"
_JUDGED_RE = re.compile(
    r"(?P<x>[\w@./+#`-]+(?:\s+[\w@./+#`-]+){0,2}?)\s+(?:(?:(?:is|are|was|were)\s+(?:out|off\s+the\s+table|a\s+no-?go|ruled\s+out|"
    r"not\s+worth\s+it|dead)|(?:is|are)n'?t\s+worth\s+it|out)\s*(?:then\s*)?(?:[.!,;]|$)|(?:is|are)\s+out\s+for\b|"
    r"(?:goes|go|went)\s+(?:in(?:to)?\s+the\s+(?:bin|trash)|away))|"
    r"(?:^|[.,;:]\s*|\bso\s+|\bthen\s+|\b(?:ok|okay|fine|yeah|yes)[,\s]+)no\s+(?P<x2>[\w@./+#`-]+(?:\s+[\w@./+#`-]+){0,2})", re.I)
# the winner named: "going with one-folder", "reverted to the fp32 model", "the 1k table stays"
_KEPT_RE = re.compile(
    r"\b(?:going\s+with|go\s+with|stick(?:ing)?\s+(?:with|to)|stay(?:ing)?\s+(?:on|with)|stays\s+(?:on\s+|with\s+)?|keep(?:ing)?|kept|"
    r"revert(?:s|ing|ed)?\s+(?:back\s+)?to|(?:go(?:ing)?|went)\s+back\s+to|switch(?:ing|ed)?\s+to|settl(?:e|ed|ing)\s+on|"
    r"moving\s+to|use|using|leav(?:e|ing)\s+(?:[\w-]+\s+){0,2}on)\s+(?:the\s+|a\s+|our\s+|plain\s+)?(?P<y>[^,.;:!?()]{2,50})|"
    r"(?P<y2>[\w@./+#`-]+(?:\s+[\w@./+#`-]+){0,3}?)\s+(?:it\s+is|stays|wins|remains)\b", re.I)
# the verdict points back at what was measured: "dropping it", "I don't see a win", "nah"
_POINTS_BACK_RE = re.compile(
    r"\b(?:not\s+worth\s+(?:it|keeping|the|a)|isn'?t\s+worth|(?:i\s+)?don'?t\s+see\s+(?:a|the|any)\s+(?:win|gain|point)|"
    r"(?:don'?t|do\s+not)\s+think\s+(?:it'?s|that'?s|it\s+is|that\s+is)\s+worth|dead\s+end|"
    r"(?:drop|delete|remove|scrap|ditch|kill|bin|revert)\s+(?:it|that|this|them)\b|throw\s+(?:it|that|this)\s+away|"
    r"no\s+(?:real\s+)?(?:win|gain)\b|(?:dropping|deleting|reverting|removing|scrapping|ditching|skip)\s+(?:it|that|this|them)\b|"
    r"(?:reverted|backed\s+out|took\s+it\s+out|taking\s+it\s+out)\b|off\s+the\s+table|rules?\s+(?:it|that)\s+out)|"
    r"^\W*(?:nah|nope|no)\b", re.I)
# words that measure, never a side: "Median 9.0 s", "p95 of ..."
_METRIC_WORDS = {"median", "mean", "average", "avg", "p50", "p90", "p95", "p99", "p999", "throughput", "latency", "total",
                 "memory", "cpu", "rss", "time", "times", "build", "builds", "run", "runs", "cold", "warm", "start",
                 "startup", "result", "results", "numbers", "both", "each", "same", "so", "but", "and", "that", "that's",
                 "clear", "ok", "okay", "here", "not", "close", "roughly", "about", "around", "only", "with", "without",
                 "on", "in", "for", "at", "of", "by", "vs", "versus", "against", "from", "to", "is", "are", "was", "were",
                 "it", "this", "we", "i", "you", "they", "our", "my", "after", "before", "now", "then", "still", "also",
                 "faster", "slower", "better", "worse", "bigger", "smaller", "drops", "goes", "went", "comes", "came",
                 "does", "did", "do", "has", "had", "have", "gives", "gave", "takes", "took", "makes", "made", "per",
                 "ms", "sec", "secs", "min", "mins", "mb", "gb", "kb", "kib", "mib", "gib", "rows", "req", "ops",
                 "verdicts", "tests", "test", "one", "two", "three", "all", "out", "just", "like", "than", "more",
                 "less", "first", "second", "version", "side"}
_UNIT_RE = re.compile(r"(?:[kmgtµu]?(?:i?b|a|w|v|hz)|ms|ns|us|fps|qps|rps|rpm|cu|dbm?|\w{1,4}/\w{1,3})", re.I)
_WORD_RE = re.compile(r"`[^`]+`|[A-Za-z][\w@./+#-]*\w|[A-Za-z]")
_REACH = 4  # sentences after the measurement that can still give its verdict


def _sides(sent: str, first: dict[str, int], turn: int) -> list[tuple[str, bool]]:
    """The names a measured sentence sets against each other, in order, each with whether it
    reads as a technical name (entity, code, a list item's head) rather than a plain word.
    Only names the session brought up before this turn; never metric words."""
    head = _ITEM_HEAD_RE.match(sent)
    if head and len(head.group("head").split()) <= 4:
        words = set(head.group("head").lower().strip(" *`").split())
        # "- But the build: 9m 40s": a remark about a metric, not a side
        return [(head.group("head").strip(" *`"), True)] if words - _METRIC_WORDS - _GENERIC else []
    ents = {e.strip("`").lower() for e in entities(sent)}
    out: list[tuple[str, bool]] = []
    for w in _WORD_RE.findall(sent):
        name = w.strip("`").rstrip(".")
        low = name.lower()
        if low in _METRIC_WORDS or low in _GENERIC or len(low) < 2 or re.fullmatch(r"[\d.,x%]+\w{0,3}", low) \
                or _UNIT_RE.fullmatch(low):
            continue
        if first.get(low, turn) >= turn or low in (o.lower() for o, _ in out):
            continue  # new here: the baseline's own words, not an option tried
        strong = low in ents or w.startswith("`") or bool(re.search(r"[\d_./+#-]|[a-z][A-Z]|^[A-Z]{2,}", name))
        if strong or len(low) >= 4:
            out.append((name, strong))
    return out


def _named(phrase: str, sides: list[str], within: int = 0) -> str:
    """The side a verdict's phrase starts with ("kaniko and move ..." names kaniko), or names
    among its first `within` words ("going with PyInstaller one-folder" names one-folder)."""
    words = phrase.lower().replace("`", "").split()
    for start in range(min(within, len(words) - 1) + 1):
        low = " ".join(words[start:])
        for s in sides:
            if re.match(re.escape(s.lower()) + r"(?:s|es)?(?![\w-])", low):
                return s
    return ""


def _set_against(name: str, sent: str) -> bool:
    """A plain word stands for an option when the comparison sets it against the other ("spot vs")."""
    n = re.escape(name.lower())
    return bool(re.search(rf"\b{n}\s+(?:vs\.?|versus|against)\b|\b(?:vs\.?|versus|against|than)\s+(?:the\s+)?{n}\b",
                          sent.lower().replace("`", "")))


def _verdict(after: list[str], user_after: list[str], sides: list[tuple[str, bool]], subject: str, measured: str) -> str:
    """The losing side, read from the sentences after the measurement ("" when none is turned
    down). `user_after`: the user's answer, when the measurement is what the turn ended on;
    `subject`: the name the measurement is about, when a verdict that points back may name it;
    `measured`: the measured sentence (or list)."""
    names = [n for n, _ in sides]
    for sent in after + user_after:
        plain = sent.replace("`", "")
        for rx in (_DROP_NAMED_RE, _JUDGED_RE):
            for m in rx.finditer(plain):
                loser = _named(m.groupdict().get("x") or m.groupdict().get("x2") or "", names)
                if loser:
                    return loser
        for m in _KEPT_RE.finditer(plain):
            winner = _named(m.group("y") or m.group("y2") or "", names, within=2)
            losers = [n for n, strong in sides if n != winner and (strong or _set_against(n, measured))]
            if winner and losers:
                return losers[0]
        if subject and _POINTS_BACK_RE.search(plain):
            return subject
    return ""


# a clause's subject and the verb that reports its numbers: "CHR is", "roberta-base reaches", "`executemany` does"
_CLAUSE_SUBJECT_RE = re.compile(
    r"(?:^|[:;]\s+|,?\s*\bbut\s+)\W*(?:the\s+|a\s+|an\s+)?(?P<name>[^\s:;,]+(?:\s+[^\s:;,]+)?)\s+"
    r"(?:is|are|was|were|comes?|came|gets?|got|does|did|takes?|took|reach(?:es|ed)|costs?|makes?|made|gives?|gave|"
    r"needs?|needed|adds?|added|uses?|used|runs?|ran|builds?|built|goes|went|ends?\s+up|hits?|peaks?)\b", re.I)
_LABEL_RE = re.compile(r"^\W*(?:with\s+|for\s+|on\s+)?(?P<name>[^\s:;,]+(?:\s+[^\s:;,]+)?)\s*:\s", re.I)  # "ZSTD: 374 B/msg vs 412 B"


def _leading_subject(sent: str, sides: list[tuple[str, bool]], talked: dict[str, int], turn: int) -> str:
    """The technical name a measured sentence is about: the subject of a clause before its
    numbers ("CHR is ~15x slower", "int8 is 2.3x faster") that someone talked about before (not
    a name only a build log showed). What a verdict pointing back ("dropping it") is about."""
    m = _compared(sent)
    if not m:
        return ""
    before = sent[:m.start()].replace("`", "")
    heads = " ".join(c.group("name").lower() for rx in (_CLAUSE_SUBJECT_RE, _LABEL_RE) for c in rx.finditer(before))
    def talked_of(name: str) -> bool:
        words = re.findall(r"[\w@./+#-]+", name.lower())
        return bool(words) and all(talked.get(w, turn) < turn for w in words)
    return next((n for n, strong in sides if strong and n.lower() in heads and talked_of(n)), "")


def _next_words(turns: list[Turn], i: int) -> tuple[list[str], list[str]]:
    """What follows assistant turn i within a few turns: the user's answer (first sentences), and
    the assistant's own next words when it goes on (after a run) before the user speaks."""
    near = range(i + 1, min(len(turns), i + 4))
    nxt = next((j for j in near if turns[j].role == "user"), None)
    answer = sentences(_prose(turns[nxt].text))[:3] if nxt is not None else []
    goes_on = next((j for j in near if turns[j].role in ("user", "assistant")), None)
    more = sentences("\n".join(unfenced_lines(turns[goes_on].text)))[:_REACH] \
        if goes_on is not None and turns[goes_on].role == "assistant" else []
    return answer, more


def measured_trials(turns: list[Turn], cands: list[Candidate]) -> list[Candidate]:
    """FAILED candidates for the side of a measured comparison that a verdict turned down."""
    out: list[Candidate] = []
    first: dict[str, int] | None = None  # built on the first comparison: most sessions have none
    talked: dict[str, int] | None = None  # the same, over what people said (not tool output)
    failed = [c for c in cands if c.kind == "FAILED"]
    enriched: set[str] = set()
    for i, turn in enumerate(turns):
        if turn.role != "assistant" or not re.search(r"\d", turn.text or ""):
            continue
        sents = sentences("\n".join(unfenced_lines(turn.text)))
        items = [s for s in sents if _LIST_RE.match(s) and _MEASURE_RE.search(s)]
        answer, more = _next_words(turns, i)
        for k, sent in enumerate(sents):
            side_by_side = len(items) >= 2 and sent in items  # one side per list item
            if not (side_by_side or _compared(sent)) or sent.rstrip().endswith("?"):
                continue
            if first is None:
                first = _first_mentions(turns)
            mine = _sides(sent, first, i)
            sides = [x for it in items for x in _sides(it, first, i)] if side_by_side else mine
            if not mine:
                continue
            end = sents.index(items[-1]) if side_by_side else k  # a list's verdict comes after its last item
            # the user's answer judges the measurement only when the turn ends on it (or on a question about it)
            tail = len(sents) - 1 - end
            user_after = answer if tail <= 3 else []
            if talked is None:
                talked = _first_mentions(turns, roles=("user", "assistant"))
            subject = "" if side_by_side else _leading_subject(sent, mine, talked, i)  # a list's items may be metrics
            loser = _verdict(sents[end + 1:end + 1 + _REACH] + (more if tail <= 3 else []), user_after, sides, subject,
                             " ".join(items) if side_by_side else sent)
            if not loser or loser not in [n for n, _ in mine]:
                continue
            topic = _topic_key(loser)
            said = re.sub(r"\*\*|`", "", _LIST_RE.sub("", sent)).strip()
            known = [c for c in failed + out if _same_topic(c.topic, topic) or _mentions(c.text.lower(), topic)]
            if known:
                told = known[0]
                if told in failed and not _compared(told.text) and abs(told.turn - i) <= 3 and topic not in enriched:
                    # the dead end is known but told without its numbers: the same fact, with them
                    enriched.add(topic)
                    out.append(replace(told, text=clean_text(f"{told.text.rstrip('. ')}; {said}", 160),
                                       score=told.score + 0.01, reason=told.reason or said))
                continue
            if any(c.kind in ("DECISION", "PATTERN") and c.turn > i + 1 and _mentions(c.text.lower(), topic) for c in cands):
                continue  # taken up after all
            text = f"{loser}: dropped, {fit(said, 150 - len(loser))}"
            out.append(Candidate(kind="FAILED", text=clean_text(text, 160), topic=topic, evidence=said[:200], source=sent,
                                 files=file_paths(sent)[:3], score=0.6, turn=i, reason=said))
    return out

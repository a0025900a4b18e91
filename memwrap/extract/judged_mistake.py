"""An earlier choice judged a mistake, by the user or the assistant: "the tokio::spawn forward
thing i had you add in may — that was a mistake", "setting it for the whole module was a
mistake", "the thread-per-interface design was the wrong call", "that commonLabels thing was me
last week ... bad call apparently".

The other readers take "X was a mistake" when X is a short name on the table. Said this way
the subject is a long phrase, a pronoun for what the sentence before named, or missing (the
judgement follows the sentence that names it). The choice becomes a FAILED fact named by the
technical name in that subject, with why it was wrong: what the sentence goes on to say, the
next sentence, or the assistant's explanation just before.
"""

from __future__ import annotations

import re

from memwrap.extract.candidate import Candidate
from memwrap.extract.entities import entities
from memwrap.extract.fit import fit
from memwrap.extract.text import sentences
from memwrap.extract.topics import _QUESTION_RE, _mentions, _prose, _same_topic, _topic_key, file_paths, unfenced_lines
from memwrap.facts import clean_text
from memwrap.turns import Turn

_JUDGEMENT = (r"(?:(?:was|were|is|'s)\s+(?:a|the|one)\s+(?:big\s+|real\s+|huge\s+)?(?:mistake|wrong\s+(?:call|choice|move|design|"
              r"approach)|bad\s+(?:call|idea|choice|move))|(?:was|were)\s+wrong\b|"
              # "with virtual threads that was probably dumb", "RunMigration on boot was always a bit yolo"
              r"(?:was|were)\s+(?:probably\s+|kind\s+of\s+|(?:always\s+)?a\s+bit\s+|pretty\s+|really\s+)?(?:dumb|stupid|yolo)\b)")
# "<subject> was a mistake", "<subject> — that was a mistake"
_JUDGED_RE = re.compile(r"(?P<subject>(?:[^.;!?]|\.(?=\w)){3,160}?)\s*(?:[—–,-]+\s*(?:and\s+)?(?:that|this|it)\s+)?" + _JUDGEMENT, re.I)
# a judgement with no subject of its own: "bad call apparently", "big mistake."
_BARE_RE = re.compile(r"^\W*(?:(?:a|what\s+a|such\s+a)\s+)?(?:big\s+|real\s+)?(?:mistake|bad\s+call|wrong\s+call|bad\s+idea)\b", re.I)
_PRONOUN_RE = re.compile(r"\b(?:it|that|this|them)\b", re.I)
_NOT_A_CHOICE_RE = re.compile(r"\b(?:my|your)\s+(?:mistake|bad)\b|\bnot\s+(?:a|the)\s+(?:mistake|wrong)|\bif\b|\bwould\b|"
                              r"\bwhether\b|\bno\s+mistake\b", re.I)
_NOT_NAMES = {"I", "OK", "TODO"}
_ASKS_RE = re.compile(r"^\W*(?:can|could|would|will)\s+(?:you|u)\b|^\W*(?:please|pls|plz)\b", re.I)  # a request, not a reason
# the sentence a pronoun points back to tells a choice being made, not an event ("X then failed")
_CHOSE_RE = re.compile(r"\b(?:set|sets|added|add|put|moved|used|chose|picked|went\s+with|switched|made|wrote|enabled|"
                       r"turned\s+on|configured|introduced|is\s+set|was\s+set)\b", re.I)


def _names(phrase: str, known: dict[str, str] | None = None) -> list[str]:
    """Technical names in a subject phrase, code first ("`cdivision=True`", commonLabels); else
    a plain word the session writes as a name elsewhere ("putting hangfire on the cache
    cluster" names Hangfire), from `known` (lower case -> as written)."""
    spans = [s.strip("`") for s in re.findall(r"`[^`]{2,60}`", phrase)]
    found = [n for n in spans + [e.strip("`") for e in entities(phrase)] if n not in _NOT_NAMES and len(n) >= 3]
    if found or not known:
        return found
    return [known[w] for w in re.findall(r"[a-z][\w.+-]{2,}", phrase.lower()) if w in known]


def _session_names(turns: list[Turn]) -> dict[str, str]:
    """Every technical name people wrote in the session, by its lower-case spelling."""
    out: dict[str, str] = {}
    for t in turns:
        if t.role in ("user", "assistant"):
            for e in entities(t.text or ""):
                name = e.strip("`")
                if " " not in name and len(name) >= 4 and name not in _NOT_NAMES and not name.isupper():
                    out.setdefault(name.lower(), name)
    return out


def _reason(rest: str, following: list[str], before: list[str], name: str) -> str:
    """Why it was wrong: what the sentence goes on to say after a colon, dash or "because", else
    the next sentence, else the explanation just before that mentions the name. A qualifier
    ("for this traffic shape", "on my part") is not a reason."""
    rest = re.sub(r"^\W*(?:apparently|honestly|in hindsight|tbh|really|on (?:my|our) part)\b(?=\W)", "", rest, flags=re.I).strip(" ,")
    told = re.match(r"^(?:[:—–-]|and\s+|because\b|since\b|as\b|so\b)\s*(?P<why>.+)", rest, re.I)
    if told and len(told.group("why").split()) >= 4:
        return told.group("why")
    nxt = next((s for s in following if not _QUESTION_RE.search(s) and not _ASKS_RE.match(s)), "")
    if len(nxt.split()) >= 4:
        return nxt
    low = name.lower()
    return next((s for s in reversed(before) if low in s.lower() and len(s.split()) >= 5), "")


def _display(subject: str, name: str) -> str:
    """The subject as said, when it is short ("global cdivision=True module directive"), else the
    stretch between its first and last technical names ("webviewInstallMode to fixedRuntime"),
    else its name."""
    names = _names(subject)
    plain = subject.replace("`", "")
    if len(names) >= 2 and len(subject.split()) > 7:
        start = plain.find(names[0])
        for last in reversed(names[1:]):
            end = plain.rfind(last)
            if 0 <= start < end and len(plain[start:end + len(last)].split()) <= 6:
                return plain[start:end + len(last)]
    phrase = re.sub(r"^.*?\b(?:remember|ugh|ok|so|and|but|honestly|tbh|actually|in hindsight|looking at it|i think|i guess|imo)\b[\s,.]*", "",
                    subject, flags=re.I)
    phrase = re.sub(r"\s+(?:thing|stuff)\b.*$|\s+(?:that|which|i|we|you)\s+(?:had|added|did|made|put|set|wrote)\b.*$", "",
                    phrase, flags=re.I)
    # "we had it on cloud run cpu-only before": where it ran is the choice
    phrase = re.sub(r"^(?:we|i)\s+(?:had|ran|hosted|kept|put)\s+(?:it|this|that|them|everything)\s+(?:on|in|with|via)\s+", "",
                    phrase.strip(" ,—–-"), flags=re.I)
    phrase = re.sub(r"\s+(?:before|earlier|at first|originally|back then|last (?:year|month|week|time))$", "", phrase, flags=re.I)
    phrase = re.sub(r"^(?:the|our|that|this|a|an)\s+", "", phrase.strip(" ,—–-"), flags=re.I).replace("`", "")
    return phrase if name.lower() in phrase.lower() and len(phrase.split()) <= 7 else name


def judged_mistakes(turns: list[Turn], cands: list[Candidate]) -> list[Candidate]:
    """FAILED candidates for choices someone called a mistake, named by the subject's technical name."""
    out: list[Candidate] = []
    failed = [c for c in cands if c.kind == "FAILED"]
    known: dict[str, str] | None = None  # built on the first judgement: most sessions have none
    for i, turn in enumerate(turns):
        if turn.role not in ("user", "assistant") or not re.search(r"mistake|wrong|bad\s+(?:call|idea|choice|move)|dumb|stupid|yolo",
                                                                   turn.text or "", re.I):
            continue
        said = _prose(turn.text) if turn.role == "user" else "\n".join(unfenced_lines(turn.text))
        sents = sentences(said)
        prev = next((t for t in reversed(turns[max(0, i - 3):i]) if t.role == "assistant"), None)
        before = sentences("\n".join(unfenced_lines(prev.text))) if prev is not None and turn.role == "user" else []
        for k, sent in enumerate(sents):
            if _QUESTION_RE.search(sent) or _NOT_A_CHOICE_RE.search(sent):
                continue
            m = _JUDGED_RE.search(sent)
            if m and known is None:
                known = _session_names(turns)
            if m:
                subject, rest = m.group("subject"), sent[m.end():]
                names = _names(subject, known)
                if not names and _PRONOUN_RE.search(subject) and k > 0 and _CHOSE_RE.search(sents[k - 1]):
                    subject = sents[k - 1]  # "setting it for the whole module was a mistake": it = what the sentence before named
                    names = _names(subject)
            elif _BARE_RE.match(sent) and k > 0:
                subject, rest = sents[k - 1], sent[_BARE_RE.match(sent).end():]  # type: ignore[union-attr]
                names = _names(subject)
            else:
                continue
            if not names or re.match(r"\s*(?:in\s+\w+\s+)?,\s*but\b", rest):
                continue  # "... was a mistake in the migration, but checking it ...": taken back at once
            name = names[0]
            topic = _topic_key(name)
            if not topic or any(_same_topic(c.topic, topic) or _mentions(c.text.lower(), topic.split()[0])
                                for c in failed + out):
                continue
            why = _reason(rest, sents[k + 1:k + 2], before + sents[:k], name)
            if not why:
                continue  # a dead end is kept with why it was one
            shown = _display(subject, name)
            topic = _topic_key(shown) or topic  # the whole choice: what else mentions only the name stays
            text = f"{shown}: a mistake, {fit(why.replace('`', ''), 150 - len(shown))}"
            out.append(Candidate(kind="FAILED", text=clean_text(text, 160), topic=topic, evidence=sent[:200], source=sent,
                                 files=file_paths(sent)[:3], score=0.55, turn=i, reason=why))
    return out

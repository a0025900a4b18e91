"""A learned second opinion on which sentences of a session are worth remembering.

The rules in this package find facts by structure and cue; many facts a teammate would keep
are said with neither (an assistant explaining a cause in passing, a pattern it implemented).
This module scores every sentence people wrote in a session with a small linear model trained
on the labelled sessions (scripts/train_ranker.py). It offers the best ones the rules did not
already cover as extra candidates, and it moves each rule candidate's score by its view of the
sentence the rule fired on (weighed). A third head is trained on dead ends alone (what was tried
and why it was given up), which the "worth keeping" head scores low among all the other kinds;
its best sentences become FAILED candidates.

The features are general on purpose (who spoke, where in the session, what the next turn
did, how many names the sentence carries and how often the session repeats them, and only
words seen across many different projects), so the model learns how facts are *said*, not
which libraries the labelled sessions used. Inference is plain Python: no numpy at run time.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from memwrap.extract.candidate import Candidate
from memwrap.extract.cues import _CAUSE_RE, _OUTCOME_ONLY_RE, _TODO_RE, _TURNED_DOWN_RE, _WELL_WORDS
from memwrap.extract.entities import entities
from memwrap.extract.fit import fit
from memwrap.extract.text import sentences
from memwrap.extract.topics import _mentions, _prose, _strip_lead, _topic_key, file_paths, unfenced_lines
from memwrap.facts import has_failure_words
from memwrap.redact import looks_random
from memwrap.turns import Turn

WEIGHTS_PATH = Path(__file__).with_name("ranker.json")
KINDS = ("PROJECT", "DECISION", "PATTERN", "BUG_FIX", "PREFERENCE", "FAILED", "TODO")

_WORD_RE = re.compile(r"[a-z][a-z']+")
_LIST_RE = re.compile(r"^\s*(?:[-*+•]|\d+[.)]|\(?[a-h]\))\s+")
_NUMBERED_RE = re.compile(r"^\s*(?:\d+[.)]|\(?[a-h]\))\s+")
_AGREE_RE = re.compile(r"^\W*(?:y(?:es|ep|eah|up)|ok(?:ay)?|sure|go|do it|sounds good|perfect|great|nice|"
                       r"agreed|fine|lgtm|ship it|let'?s do|works|good)\b", re.I)
_CLOSING_RE = re.compile(r"\b(?:thanks|thank you|thx|bye|that'?s all|cheers|see you|good ?night)\b", re.I)  # "ok thanks, bye"
_REFUSE_RE = re.compile(r"^\W*(?:no|nope|nah|don'?t|not|stop|wait|hmm|actually)\b", re.I)
_VERSION_RE = re.compile(r"\bv?\d+\.\d+(?:\.\d+)?\b")
_NUMBER_RE = re.compile(r"\b\d+(?:[.,]\d+)?\s*(?:%|ms|s|mb|gb|kb|x|rows|req)?\b", re.I)
# A turn that offers choices: its list items are options until someone picks one. A closing
# question offers a choice only when it asks for one ("A or B?"); "Want me to open the PR?"
# after a recap leaves the recap's items facts.
_OFFER_RE = re.compile(r"\b(?:options?|alternatives?|approaches|choices?|either|which (?:one|do you|would you))\b|"
                       r"^.*\b(?:which|or|prefer|rather)\b.*\?\s*$", re.I | re.M)
# A conditional or a proposal is not something that happened or holds.
_HEDGE_RE = re.compile(r"\b(?:would|could|might|may be|if you (?:ever )?want|we can|you can|option)\b", re.I)
# The assistant proposing: a fact only once the user takes it up (the rules read acceptance).
_PROPOSAL_RE = re.compile(r"\b(?:i|we)(?:'d| would)\b|\b(?:suggest|recommend|propose)(?:s|ed|ing)?\b|\blet'?s\b", re.I)
# Words that say something did not work, beyond the failure words a FAILED fact may use.
_SETBACK_RE = re.compile(r"\b(?:can(?:'|no)t|cannot|could(?:n'?t| not)|does(?:n'?t| not)|did(?:n'?t| not)|wo(?:n'?t)|"
                         r"still|no longer|error|errors|crash\w*|breaks?|too (?:slow|heavy|big|much)|blocked|"
                         r"times? out|timed out|lost|wiped|leak\w*)\b", re.I)
_ASKS_RE = re.compile(r"^(?:what|how|why|which|where|when|who|does|do|did|is|are|can|could|should|shall|any idea)\b", re.I)
_CODE_RE = re.compile(r"`[^`]+`")
_TOKEN_RE = re.compile(r"[A-Za-z0-9+/_\-=]{20,}")
_NAME_PART_RE = re.compile(r"[A-Za-z_][\w]{3,}")


def _random_token(text: str) -> bool:
    """A generated string (key, token, digest) the redactor could not tell from a hash: a
    sentence quoting one is about that value, and the value must not reach memory."""
    return any(looks_random(t.strip("=")) or (len(t) >= 32 and re.fullmatch(r"[0-9a-fA-F]+", t))
               for t in _TOKEN_RE.findall(text))


@dataclass
class Site:
    """One sentence someone wrote, with what the ranker needs to know about its place."""
    turn: int
    role: str
    text: str  # as written, markdown markers stripped
    index: int  # sentence number within its turn
    count: int  # sentences in its turn
    list_item: bool = False
    numbered: bool = False
    menu: bool = False  # an item of an assistant turn that offers options
    features: list[str] = field(default_factory=list)


def _clean(line: str) -> str:
    line = _LIST_RE.sub("", line)
    line = re.sub(r"\*\*|__|^#+\s*", "", line)
    return line.strip()


def _said(turn: Turn) -> str:
    """What a person wrote in a turn, without pasted logs (user) or code blocks (assistant)."""
    return _prose(turn.text) if turn.role == "user" else "\n".join(unfenced_lines(turn.text))


def sites(turns: list[Turn]) -> list[Site]:
    """Every sentence of the user's and the assistant's turns worth scoring."""
    out: list[Site] = []
    for i, turn in enumerate(turns):
        if turn.role not in ("user", "assistant"):
            continue
        said = _said(turn)
        raw = sentences(said)
        offers = turn.role == "assistant" and bool(_OFFER_RE.search(said))
        for k, s in enumerate(raw):
            text = _clean(_strip_lead(s) if turn.role == "user" else s)
            if len(text) < 20 or len(text) > 400 or len(text.split()) < 4:
                continue
            out.append(Site(turn=i, role=turn.role, text=text, index=k, count=len(raw),
                            list_item=bool(_LIST_RE.match(s)), numbered=bool(_NUMBERED_RE.match(s)),
                            menu=offers and bool(_LIST_RE.match(s))))
    return out


def _names(text: str) -> set[str]:
    return {w.lower() for e in entities(text) for w in _NAME_PART_RE.findall(e)}


# A sentence that leans on the one before it for its subject ("That was a mistake: ...").
_LEANS_BACK_RE = re.compile(r"^\W*(?:that|this|it|those|these|they|which|so|but|then|still|same)\b", re.I)


# A verdict that gives its subject up in so many words ("kill the cronjob idea", "no passkeys then,
# too risky", "I'm dropping the partitioning idea"): the sentence before it is usually the why.
_GIVES_UP_RE = re.compile(
    r"\b(?:drop(?:ping|ped)?|kill(?:ing)?|scrap(?:ping)?|ditch(?:ing)?|cancel(?:l?ing|led)?|giv(?:e|ing) up|gave up|"
    r"not worth|no point|(?:isn'?t|not) workable|won'?t work|nope|rules? (?:it|that|this) out|"
    r"too (?:risky|expensive|slow|much|heavy|complex|complicated|fragile)|out of the question|bad taste|rabbit ?hole)\b", re.I)


def dead_end_text(found: list[Site], k: int) -> str:
    """Sentence k told as a dead end: with the sentence before it when it leans on it, names
    nothing itself (the approach is named in one sentence, its verdict in the next) or gives
    its subject up without saying why."""
    site = found[k]
    if k > 0 and (_LEANS_BACK_RE.match(site.text) or not _names(site.text) or _GIVES_UP_RE.search(site.text)):
        prev = found[k - 1]
        if prev.turn >= site.turn - 2 and not prev.text.rstrip().endswith("?"):
            return f"{prev.text.rstrip()} {site.text}"
    return site.text


def _bucket(value: float, edges: tuple[float, ...]) -> int:
    return sum(value >= e for e in edges)


def _next_user_turn(turns: list[Turn], i: int) -> Turn | None:
    return next((t for t in turns[i + 1:] if t.role == "user"), None)


def describe(turns: list[Turn], found: list[Site]) -> None:
    """Fill each site's features (strings; the model weighs them)."""
    people = [i for i, t in enumerate(turns) if t.role in ("user", "assistant")]
    last_people = set(people[-2:])
    first_user = next((i for i, t in enumerate(turns) if t.role == "user"), -1)
    user_text = " ".join(_prose(t.text) for t in turns if t.role == "user").lower()
    name_turns: dict[str, set[int]] = {}
    for i, t in enumerate(turns):
        for n in _names((t.text or "") + " " + (t.input or "")):
            name_turns.setdefault(n, set()).add(i)
    n = max(1, len(turns) - 1)
    for site in found:
        f = site.features
        turn = turns[site.turn]
        text = site.text
        low = text.lower()
        f.append(f"role={site.role}")
        f.append(f"pos={_bucket(site.turn / n, (0.1, 0.3, 0.6, 0.85))}")
        if site.turn == first_user:
            f.append("first_user_turn")
        if site.turn in last_people:
            f.append(f"last_turns:{site.role}")
        f.append(f"sent_in_turn={'first' if site.index == 0 else 'last' if site.index == site.count - 1 else 'mid'}")
        f.append(f"turn_size={_bucket(site.count, (3, 8, 16))}")
        f.append(f"len={_bucket(len(text), (40, 80, 140, 220))}")
        if site.list_item:
            f.append(f"list:{site.role}")
            if site.menu:
                f.append(f"menu:{site.role}")  # items of a turn that offers: options, not outcomes
        if site.numbered:
            f.append(f"numbered:{site.role}")
        if text.rstrip().endswith("?"):
            f.append(f"question:{site.role}")
        prev = turns[site.turn - 1] if site.turn > 0 else None
        if prev is not None and prev.role == "tool":
            f.append(f"after_tool:{site.role}")
        if site.role == "assistant":
            nxt = _next_user_turn(turns, site.turn)
            if nxt is not None:
                said = _prose(nxt.text).strip()
                if len(said) < 80 and _AGREE_RE.match(said) and not _CLOSING_RE.search(said):
                    f.append("next_user_agrees")
                elif _REFUSE_RE.match(said):
                    f.append("next_user_refuses")
            else:
                f.append("no_user_after")
        codes = len(_CODE_RE.findall(text))
        f.append(f"code={_bucket(codes, (1, 2, 4))}")
        ents = entities(text)
        f.append(f"ents={_bucket(len(ents), (1, 2, 4, 7))}")
        if file_paths(text):
            f.append("path")
        if _VERSION_RE.search(text):
            f.append("version")
        if _NUMBER_RE.search(text):
            f.append("number")
        names = _names(text)
        if names:
            echoed = sum(1 for w in names if w in user_text) / len(names)
            f.append(f"user_echo:{site.role}={_bucket(echoed, (0.01, 0.5, 0.99))}")
            spread = max(len(name_turns.get(w, ())) for w in names)
            f.append(f"spread={_bucket(spread, (2, 4, 8, 16))}")
            # where the sentence sits in the story of what it names: its first mention, and whether the
            # session comes back to it later (an attempt given up is not mentioned again)
            seen_at = [t for w in names for t in name_turns.get(w, ())]
            if seen_at and min(seen_at) >= site.turn:
                f.append(f"first_mention:{site.role}")
            later = max(seen_at, default=site.turn) - site.turn
            f.append(f"later:{site.role}={_bucket(later, (1, 3, 10))}")
        else:
            f.append("no_names")
        if has_failure_words(text):
            f.append(f"failure_words:{site.role}")
        if _CAUSE_RE.search(text):
            f.append(f"cause:{site.role}")
        if _TODO_RE.search(text):
            f.append(f"todo:{site.role}")
        words = _WORD_RE.findall(low)
        if words:
            f.append(f"w0={words[0]}")
            if len(words) > 1:
                f.append(f"w01={words[0]}_{words[1]}")
        f.extend(f"w={w}" for w in sorted(set(words)))  # sorted: the same sums in every process
        f.extend(f"b={a}_{b}" for a, b in sorted(set(zip(words, words[1:]))))
        f.extend(f"rw={site.role}:{w}" for w in sorted(set(words)))


@dataclass
class Model:
    """Weights of the two linear models: worth keeping (sigmoid) and which kind (softmax)."""
    keep: dict[str, float]
    keep_bias: float
    kind: dict[str, dict[str, float]]
    kind_bias: dict[str, float]
    threshold: float = 0.5
    per_session: int = 4
    # a third head: is this sentence a dead end told whole (what was tried and why it was given up)?
    dead: dict[str, float] = field(default_factory=dict)
    dead_bias: float = -30.0
    dead_threshold: float = 0.5
    dead_per_session: int = 0
    # a fourth head (memwrap.extract.worth): how likely a candidate (rule or ranked) is a fact worth
    # its line, from what kind it is, which cue found it and the heads' view of its sentence
    worth: dict[str, float] = field(default_factory=dict)
    worth_bias: float = 0.0
    worth_threshold: float = 0.25

    def keep_probability(self, features: list[str]) -> float:
        return _sigmoid(self.keep_bias + sum(self.keep.get(f, 0.0) for f in features))

    def dead_end_probability(self, features: list[str]) -> float:
        return _sigmoid(self.dead_bias + sum(self.dead.get(f, 0.0) for f in features))

    def worth_probability(self, features: list[str]) -> float:
        return _sigmoid(self.worth_bias + sum(self.worth.get(f, 0.0) for f in features))

    def kind_of(self, features: list[str]) -> str:
        """The most likely kind; never PROJECT (the stack line is the rules' job, one per session)."""
        best, best_z = "DECISION", -math.inf
        for k in (k for k in KINDS if k != "PROJECT"):
            w = self.kind.get(k, {})
            z = self.kind_bias.get(k, 0.0) + sum(w.get(f, 0.0) for f in features)
            if z > best_z:
                best, best_z = k, z
        return best

    def to_json(self) -> dict[str, object]:
        return {"keep": self.keep, "keep_bias": self.keep_bias, "kind": self.kind, "kind_bias": self.kind_bias,
                "threshold": self.threshold, "per_session": self.per_session, "dead": self.dead,
                "dead_bias": self.dead_bias, "dead_threshold": self.dead_threshold,
                "dead_per_session": self.dead_per_session, "worth": self.worth, "worth_bias": self.worth_bias,
                "worth_threshold": self.worth_threshold}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> "Model":
        return cls(keep=dict(data["keep"]), keep_bias=float(data["keep_bias"]),  # type: ignore[arg-type]
                   kind={k: dict(v) for k, v in dict(data["kind"]).items()},  # type: ignore[arg-type]
                   kind_bias=dict(data["kind_bias"]),  # type: ignore[arg-type]
                   threshold=float(data.get("threshold", 0.5)),  # type: ignore[arg-type]
                   per_session=int(data.get("per_session", 4)),  # type: ignore[arg-type]
                   dead=dict(data.get("dead", {})),  # type: ignore[arg-type]
                   dead_bias=float(data.get("dead_bias", -30.0)),  # type: ignore[arg-type]
                   dead_threshold=float(data.get("dead_threshold", 0.5)),  # type: ignore[arg-type]
                   dead_per_session=int(data.get("dead_per_session", 0)),  # type: ignore[arg-type]
                   worth=dict(data.get("worth", {})),  # type: ignore[arg-type]
                   worth_bias=float(data.get("worth_bias", 0.0)),  # type: ignore[arg-type]
                   worth_threshold=float(data.get("worth_threshold", 0.25)))  # type: ignore[arg-type]


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


_override: Model | None = None
DISABLED = Model(keep={}, keep_bias=-30.0, kind={}, kind_bias={}, per_session=0)  # the rules alone


def use(model: Model | None) -> None:
    """Score with `model` instead of the shipped weights (training and cross-validation)."""
    global _override
    _override = model


@lru_cache(maxsize=1)
def _shipped() -> Model | None:
    try:
        return Model.from_json(json.loads(WEIGHTS_PATH.read_text()))
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no weights: the rules alone, as before the ranker existed


def current() -> Model | None:
    return _override if _override is not None else _shipped()


def _covered(text: str, taken: list[set[str]]) -> bool:
    """A rule candidate (or an earlier pick) already says what this sentence names."""
    words = set(_topic_key_words(text))
    if not words:
        return True
    return any(len(words & t) / len(words) >= 0.5 for t in taken)


def _topic_key_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9][a-z0-9_.-]{2,}", text.lower()) if w not in _STOP]


_STOP = {"the", "and", "for", "that", "this", "with", "from", "into", "but", "not", "are", "was", "were", "has",
         "have", "had", "its", "it's", "you", "your", "our", "can", "will", "would", "should", "just", "now",
         "then", "when", "which", "what", "there", "here", "they", "them", "one", "all", "any", "only", "also",
         "because", "so", "than", "more", "less", "does", "did", "done", "use", "used", "using", "need", "needs"}


DEAD_END_REACH = 3  # turns before a FAILED fact's verdict that belong to its attempt


def _asks_or_offers(site: Site) -> bool:
    """A question, or an option of a turn that offers some: it says nothing happened yet."""
    return site.text.rstrip().endswith("?") or bool(_ASKS_RE.match(site.text)) or site.menu


def _left_to_the_user(site: Site) -> bool:
    """Questions, offered options, conditionals and proposals nobody took up: what the user
    does with them decides, and the rules read that (acceptance, picks, rejections)."""
    if _asks_or_offers(site):
        return True
    if site.role != "assistant":
        return False
    return bool(_HEDGE_RE.search(site.text)) or (
        bool(_PROPOSAL_RE.search(site.text)) and "next_user_agrees" not in site.features)


# How far the ranker's view of a rule candidate's sentence moves that candidate's score (and
# so its rank within its kind's quota, and past the score floor). 0.4 measured best in a
# set-grouped 5-fold cross-validation over 43 labelled sets: +18 gold, -38 noise facts.
WEIGH = 0.4
_WEIGHED_KINDS = ("DECISION", "PATTERN", "PREFERENCE", "BUG_FIX", "TODO")  # dead ends are the rules' alone


def _word_set(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9_]{3,}", text.lower()))


def _by_turn(found: list[Site], probability) -> dict[int, list[tuple[set[str], float]]]:  # type: ignore[no-untyped-def]
    by_turn: dict[int, list[tuple[set[str], float]]] = {}
    for site in found:
        by_turn.setdefault(site.turn, []).append((_word_set(site.text), probability(site.features)))
    return by_turn


def _sentence_p(c: Candidate, by_turn: dict[int, list[tuple[set[str], float]]]) -> float:
    """The head's probability for the sentence of its turn `c` was read from (most of the words
    of the shorter one in the other), or -1 when no sentence matches."""
    said = _word_set(c.evidence or c.text)
    probs = [p for words, p in by_turn.get(c.turn, ())
             if said and words and len(said & words) / min(len(said), len(words)) >= 0.5]
    return max(probs) if probs else -1.0


def weighed(rule_cands: list[Candidate], found: list[Site]) -> list[Candidate]:
    """Rule candidates with their scores moved by how worth keeping the model finds the
    sentence each was taken from (a rule fires on a cue; the model has seen where cues mislead)."""
    rule_cands = [replace(c, cue_score=c.score) for c in rule_cands]
    model = current()
    if model is None or model.per_session <= 0 or not WEIGH:
        return rule_cands
    by_turn = _by_turn(found, model.keep_probability)
    out = []
    for c in rule_cands:
        if c.kind in _WEIGHED_KINDS:
            p = _sentence_p(c, by_turn)
            if p >= 0:
                c = replace(c, score=c.score + WEIGH * (p - 0.5))
        out.append(c)
    return out


def annotate(cands: list[Candidate], found: list[Site]) -> list[Candidate]:
    """Each candidate with the keep and dead-end heads' view of its sentence (the worth head reads them)."""
    model = current()
    if model is None:
        return cands
    keep, dead = _by_turn(found, model.keep_probability), _by_turn(found, model.dead_end_probability)
    return [replace(c, keep_p=_sentence_p(c, keep), dead_p=_sentence_p(c, dead)) for c in cands]


def ranked_candidates(turns: list[Turn], rule_cands: list[Candidate],
                      found: list[Site] | None = None) -> list[Candidate]:
    """The best-scoring sentences the rule candidates do not already cover, as candidates
    that rank below every rule candidate. `found`: the sites, already described (training)."""
    model = current()
    if model is None or model.per_session <= 0:
        return []
    if found is None:
        found = sites(turns)
        describe(turns, found)
    scored = sorted(((model.keep_probability(s.features), s) for s in found), key=lambda x: -x[0])
    taken = [set(_topic_key_words(c.text)) for c in rule_cands if c.score >= 0.5]
    # a dead end the rules found is never offered again in other words (unless as a failure)
    dead = [c.topic.lower() for c in rule_cands if c.kind == "FAILED" and c.topic]
    # the turns just before a dead end's verdict: a setback said there is that attempt's story
    dead_turns = {t for c in rule_cands if c.kind == "FAILED" for t in range(c.turn - DEAD_END_REACH, c.turn + 1)}
    out: list[Candidate] = []
    for p, site in scored:
        if p < model.threshold or len(out) >= model.per_session:
            break
        if _left_to_the_user(site) or _covered(site.text, taken) or _random_token(site.text):
            continue
        if site.role == "assistant" and _OUTCOME_ONLY_RE.search(site.text) and not has_failure_words(site.text) \
                and not _CAUSE_RE.search(site.text):
            continue  # "The site answers 200 over HTTP/2": what happened, not what to remember
        low = site.text.lower()
        if any(t in low or _mentions(low, t) for t in dead) and not has_failure_words(site.text):
            continue
        text = fit(site.text.replace("`", ""), 160)
        kind = model.kind_of(site.features)
        if kind != "FAILED" and site.turn in dead_turns and _SETBACK_RE.search(site.text):
            continue  # "the client can't run on the Edge runtime" right before "no, revert": no fix, no pattern
        if kind == "FAILED" and not (has_failure_words(text) or _SETBACK_RE.search(text)):
            kind = "DECISION" if site.role == "user" else "PATTERN"  # FAILED must say what went wrong
        if kind in ("DECISION", "PATTERN", "PREFERENCE") and _TURNED_DOWN_RE.search(site.text):
            kind = "FAILED"  # a verdict against the approach it names, with its reason
        taken.append(set(_topic_key_words(text)))
        out.append(Candidate(kind=kind, text=text[:1].upper() + text[1:], topic=_topic_key(text),
                             evidence=site.text[:200], source=turns[site.turn].text, turn=site.turn,
                             score=0.5 + 0.09 * p, files=file_paths(site.text)[:3], ranked=True))
    return _with_dead_ends(model, turns, rule_cands, found, out)


_WENT_WELL_RE = re.compile(_WELL_WORDS, re.I)
_BUT_RE = re.compile(r"\b(?:but|except|however|although|though)\b", re.I)


# "never on prod, last year someone ran OPTIMIZE FINAL ...": a rule with its story, not a dead end;
# "we tried to reproduce it but could not find the commit": a search, not an approach
_RULE_OR_SEARCH_RE = re.compile(r"^\W*(?:never|always|don'?t|do not|avoid|make sure)\b|"
                                r"\btr(?:y|ied|ies|ying)\s+to\s+(?:reproduce|repro|find|figure|locate|understand|track|see)\b", re.I)
# "I'll try a covering index on (album_id, taken_at) and measure.": a plan; its verdict is still to come
_PLAN_RE = re.compile(r"^\W*(?:i'?ll|i will|i am going to|i'?m going to|let me|let'?s|let us|we'?ll|we will|going to)\b", re.I)
# "That didn't work, I forgot to import it.": a slip put right, not an approach given up
_SLIP_RE = re.compile(r"\b(?:forgot (?:to|the)|typo|missing (?:quote|import)|wrong (?:path|directory|dir|flag|file))\b", re.I)
_GO_AHEAD_RE = re.compile(r"\b(?:use|add|go ahead|go with|keep|take|ship|do it|let'?s do)\b", re.I)
_INSTEAD_RE = re.compile(r"^\W*no\b|\b(?:instead|then|rather|other|not|don'?t|skip|drop)\b", re.I)


def _taken_up(turns: list[Turn], site: Site, told: str) -> bool:
    """The user's answer to the assistant's sentence takes its subject up ("fine, use orjson for the
    export", "ok no worries, go ahead and add it"): a cost weighed and accepted, not a dead end."""
    answer = _next_user_turn(turns, site.turn) if site.role == "assistant" else None
    if answer is None or "next_user_agrees" not in site.features:
        return False
    said = _prose(answer.text).lower()
    if not _GO_AHEAD_RE.search(said) or _INSTEAD_RE.search(said):
        return False
    named = {w for w in _WORD_RE.findall(said) if len(w) >= 5} & set(_WORD_RE.findall(told.lower()))
    return bool(named) or bool(re.search(r"\b(?:it|that|them|this)\b", said))


def _with_dead_ends(model: Model, turns: list[Turn], rule_cands: list[Candidate], found: list[Site],
                    picked: list[Candidate]) -> list[Candidate]:
    """`picked` plus the sentences the dead-end head finds most like a dead end told whole, as
    FAILED candidates; one the keep head already took as another kind becomes the dead end."""
    if model.dead_per_session <= 0:
        return picked
    failed = [c for c in rule_cands + picked if c.kind == "FAILED"]
    taken = [set(_topic_key_words(c.text)) for c in failed]
    topics = [c.topic.lower() for c in failed if c.topic]
    scored = sorted(((model.dead_end_probability(s.features), k) for k, s in enumerate(found)), key=lambda x: -x[0])
    added = 0
    for p, k in scored:
        site = found[k]
        if p < model.dead_threshold or added >= model.dead_per_session:
            break
        if _asks_or_offers(site):
            continue
        told = dead_end_text(found, k)  # holds the sentence: a random token in either is in it
        low = site.text.lower()
        if _covered(told, taken) or any(t in low or _mentions(low, t) for t in topics) or _random_token(told):
            continue
        if _WENT_WELL_RE.search(told) and not (has_failure_words(told) or _SETBACK_RE.search(told) or _BUT_RE.search(told)):
            continue  # "we tried an in-process LRU last year and it worked fine": a story that ended well
        if _RULE_OR_SEARCH_RE.search(told) or _PLAN_RE.match(site.text) or _taken_up(turns, site, told) \
                or _SLIP_RE.search(site.text):
            continue
        text = fit(_strip_lead(told).replace("`", ""), 200)  # "Right, ..." / "So ..." carry nothing
        picked = [c for c in picked if not (c.turn == site.turn and c.evidence == site.text[:200])]
        taken.append(set(_topic_key_words(text)))
        picked.append(Candidate(kind="FAILED", text=text[:1].upper() + text[1:], topic=_topic_key(text),
                                evidence=site.text[:200], source=turns[site.turn].text, turn=site.turn,
                                score=0.5 + 0.09 * p, files=file_paths(site.text)[:3], ranked=True))
        added += 1
    return picked

"""Approaches and their lifecycle: opened by a proposal or an install, turned down by the user,
a removal, a verdict after a tool run or a failure told in one breath, and at the end
reported as FAILED with the reason in the user's own words where there are some."""

from __future__ import annotations

import re

from memwrap.extract.candidate import Candidate
from memwrap.extract.cues import (_OBJ as _OBJ_PATTERN, _ACCEPT_RE, _FIX_REQUEST_RE, _HISTORY_RE, _INTERJECTIONS,
                                  _PLAN_RE, _REJECT_GENERIC_RE, _REJECT_RES, _REJECT_WEAK_RES, _STORY_TRIED_RE, _STORY_WHEN_RE, _TENTATIVE_RE, _TODO_RE,
                                  _TRANSIENT_RE, _VERDICT_RE, _WELL_WORDS)
from memwrap.extract.entities import code_names, entities, named_tool
from memwrap.extract.fit import fit, telling
from memwrap.extract.measured_setback import _CHANGE_RE as _MEASURED_CHANGE_RE, _WORSE_RE
from memwrap.extract.short_names import with_full_name
from memwrap.extract.runs import _best_error, _change_subject, _short_error
from memwrap.extract.state import ExtractorState, _Approach
from memwrap.extract.statements import _listed_options
from memwrap.extract.text import sentences
from memwrap.extract.topics import (_GENERIC, _PRONOUN_OBJ, _QUESTION_RE, _mentions, _same_topic, _strip_lead,
                                    _topic_key, _topic_key_all, _topic_words, after_label)
from memwrap.facts import clean_text, has_failure_words
from memwrap.turns import Turn

_UPGRADE_INTRO_RE = re.compile(r"\b(?:let'?s|we should|i'?ll|should we|can we|we could)\s+(?:also\s+)?(?:try\s+)?(?:to\s+)?"
                               r"(?:update|upgrade|bump|migrate)\s+(?:to\s+)?(?P<obj>[A-Za-z@][\w@./+#-]+)", re.I)
_INTRO_RE = re.compile(
    r"(?i:\b(?:let me (?:try|set up|add|use|configure|go with|benchmark|measure|prototype|evaluate)|i'?ll (?:try|set up|add|use|configure|put|go with)|"
    r"try(?:ing)?|set(?:ting)? up|could use|we could use|suggest(?:ion is)?|maybe|what about|how about|can we use|"
    r"switch to|instead use|is a solid choice|then my suggestion is))\s+"
    r"(?P<obj>(?:the\s+)?(?:[A-Z@][\w@./+#-]*(?:[\s-]+[A-Z][\w.+#-]*)*|[a-z][\w+#]*[-.][\w.+#-]+|-{1,2}[A-Za-z][\w=.+-]+|"
    r"[a-z][\w+#]*\s+[A-Z0-9][\w.+#-]*|"
    r"[\w.+#-]+\s+(?i:sessions|workspaces|streams|pool|toolkit|updater|builder|broker)))")

# A failure told after the fact, in one breath: "we tried X but it failed because Y",
# "X didn't work out, so we dropped it", "we abandoned X since Y". The approach is named for
# the first time in the sentence that rejects it, so these open and close it together.
_RETRO_OBJ = (r"(?P<obj>(?:the\s+|a\s+|an\s+)?(?!(?:it|they|that|this|those|these|we|i|you)\b)"
              r"[\w@./+#-]+(?:\s+(?!(?:but|and|which|because|since|so|as)\b)[\w@./+#-]+){0,4}?)")
_RETRO_OBJ_LONG = (r"(?P<obj>(?!(?:it|they|that|this|those|these|again|everything|something|anything)\b)[\w@./+#-]+"
                   r"(?:\s+(?!(?:but|and|which|because|since|so|as|last|before|when|after|then|on|it)\b)[\w@./+#()-]+){0,6})")
_FAIL_VERB = (r"(?:failed|fails|did ?n[o']t work(?: out)?|does ?n[o']t work|didn'?t pan out|never worked|broke|crashed|"
              r"(?:kept|keeps|keep) (?:failing|crashing|timing out|breaking|losing|dropping|dying|hanging|leaking)|timed out|(?:was|were) (?:too \w+|unusable|a dead end|"
              r"a non-?starter|not viable|bad|terrible|awful|horrible|painful|\w+er than)|turned out (?:to be )?(?:too \w+|unusable|a dead end)|"
              r"could ?n[o']t (?:handle|keep up|scale|work)|blew up)")
_RETRO_WHEN = (r"(?:last\s+(?:week|month|year|quarter|sprint|time|spring|summer|autumn|fall|winter)|"
               r"\w+\s+(?:weeks?|months?|years?|days?)\s+ago|before|earlier|once|at one point|back then|in the past|previously)")
_RETRO_WHERE = r"(?:\s+(?:on|in|for|with|as|from)\s+[\w@./+#'-]+(?:\s+[\w@./+#'-]+){0,3}?)?"  # "X on the driver app"
_RETRO_TRIED = (r"\b(?:we|i|they|the team)\s+(?:\w+\s+)?(?:tried|attempted|experimented with|prototyped)\s+(?!to\b)"
                + _RETRO_OBJ)
_WENT_WELL = r"(?![^.;!?]*" + _WELL_WORDS + ")"  # "... and it worked fine": no dead end
# A bare "X failed because Y" is usually a bug report ("the test failed because ..."); it is a
# dead end only when the sentence also says the approach was let go.
_ABANDON_WORDS_RE = re.compile(r"\b(?:abandon(?:ed)?|dropp?(?:ed)?|gave up|give up|revert(?:ed)?|rolled back|back(?:ed)? out|"
                               r"scrapp?(?:ed)?|ditch(?:ed)?|went back|go back|switched|moved to|instead|dead end|"
                               r"(?:moving|switching|migrating)(?: \w+){0,3} to|"
                               r"ripped (?:it |them )?out|removed (?:it|them))\b", re.I)
_FAIL_CLAUSE_RE = re.compile(_FAIL_VERB + r"[^.;,!?]*", re.I)
_SELF_DROP_RE = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|right|fine)[,.]?\s+)?(?:dropping|scrapping|ditching|abandoning|shelving)\s+"
    r"(?P<obj>(?:the\s+)?[\w@./+#-]+(?:\s+[\w@./+#-]+){0,2}?)(?:\s+(?:idea|approach|plan|experiment|"
    r"version|variant|attempt|route|option))?\s*(?=[.;:!]|$|[—–]|,\s*(?:back|going|switching|and)\b)", re.I)
_PARKING_RE = re.compile(r"\b(?:i'?m|i am|we'?re|we are)\s+(?:(?!not\b|never\b)\w+\s+)?(?:parking|shelving|dropping|scrapping|abandoning)\s+"
                         r"(?P<obj>(?:the\s+)?[\w@./+#-]+(?:\s+[\w@./+#-]+){0,2}?)\s*(?=[.;:!]|$|,|\s+(?:and|for now)\b)", re.I)
_PULLED_OUT_RE = re.compile(r"(?:\b(?:i'?ve|i have|we'?ve|we have)\s+(?:pulled|taken|ripped)|"
                            r"^\W*(?:(?:ok(?:ay)?|so|right)[,.]?\s+)?(?:pulling|taking|ripping))\s+"  # "Taking govips out again"
                            r"(?P<obj>(?:the\s+)?[\w@./+#-]+(?:\s+[\w@./+#-]+){0,2}?)\s+(?:back\s+)?out\b", re.I)
_THROWN_AWAY_RE = re.compile(r"\b(?:i'?m|i am|we'?re|we are)\s+(?:throwing|tossing|binning)\s+"  # "I'm throwing the poll controller away"
                             r"(?P<obj>(?:the\s+)?[\w@./+#-]+(?:\s+[\w@./+#-]+){0,2}?)\s+away\b", re.I)
_SELF_VERDICT_RES = (_SELF_DROP_RE, _PARKING_RE, _PULLED_OUT_RE, _THROWN_AWAY_RE)  # said alone: the reason was told before
_OFF_WITH_NUMBERS_RE = re.compile(r"(?:^|[.;]\s+)\W*(?P<obj>(?!(?:it|this|that|which|everything)\b)[\w@./+#-]+(?:\s+[\w@./+#-]+){0,5}?)"
                                  r"\s+(?:is|was|are|were)\s+(?:off|out)\s+\((?=[^)]*\d)(?P<why>[^)]{4,120})\)", re.I)
_RETRO_RES: list[tuple[re.Pattern[str], bool]] = [  # (pattern, needs an abandon/reason word in the sentence)
    (re.compile(r"\b(?:someone|they|you|he|she|\w+)\s+(?:suggested|proposed|recommended|mentioned)\s+" + _RETRO_OBJ +
                r"\s*,?\s+but\s+(?:we|i)\s+(?:already\s+)?(?:tried|had|used)\s+(?:it|that|them)\b", re.I), True),
    (re.compile(r"\b(?:we|i|they|you|the team)\s+(?:\w+\s+)?(?:tried|try|attempted|tested|experimented with|prototyped|"
                r"evaluated|went with|started with|used|had|set up|wired up)\s+" + _RETRO_OBJ +
                r"\s*[,;:-]?\s*(?:but|and|which|only to find(?: that)?)?\s*(?:it|they|that|this|those)?\s*(?:\w+\s+)?"
                + _FAIL_VERB, re.I), False),
    (re.compile(r"\b(?:we|i|they|the team)\s+(?:\w+\s+)?(?:abandoned|dropped|reverted|scrapped|ditched|gave up on|"
                r"backed out|ripped out|rolled back)\s+" + _RETRO_OBJ + r"(?=\s*(?:because|since|due to|after|as|,|\.|;|:|$))",
                re.I), False),
    # "I'm dropping the zlib idea." after the numbers that sank it
    (re.compile(r"\b(?:i'?m|i am|we'?re|we are)\s+(?:(?!not\b|never\b)\w+\s+)?(?:dropping|abandoning|scrapping|ditching|shelving)\s+"
                r"(?P<obj>(?:the\s+)?[\w@./+#-]+(?:\s+[\w@./+#-]+){0,2}?)\s+(?:idea|approach|plan|experiment|route|option)\b", re.I),
     False),
    # "I'm parking the custom NagPack and deleting the file.", "I've pulled the postprocessor out again",
    # "I've taken CMAKE_UNITY_BUILD back out": the assistant undoing its own attempt
    (_PARKING_RE, False),
    (_PULLED_OUT_RE, False),
    (_THROWN_AWAY_RE, False),
    # "Dropping the numpy version." / "OK, scrapping the lparallel approach; back to main": the
    # assistant's own verdict, said as a sentence of its own (not "dropping the + saves 4 min")
    (_SELF_DROP_RE, False),
    # "Tsit5 is out — it's the wrong class of method": a verdict on a named option, with its reason
    (re.compile(r"^\W*" + _RETRO_OBJ + r"\s+(?:is|was|are|were)\s+out\b(?!\s+of\b)(?=\s*(?:[—–:]|-\s|,|because|since|as\b|"
                r"for\s+(?:this|that|now|us|these|the)\b|here\b))", re.I),
     False),
    # "poller-wrapper with 24 threads is off (7m40s for 402 devices)": a recap's verdict with its numbers
    (_OFF_WITH_NUMBERS_RE, False),
    # "We had OSIV before and in prod the connection pool was exhausted": a past setup, then what went wrong
    (re.compile(r"\b(?:we|i|they)\s+(?:had|used|tried|ran)\s+" + _RETRO_OBJ + r"\s+(?:before|previously|earlier|in the past)\b"
                r"[^.;!?]{0,100}?(?:" + _FAIL_VERB + r"|\b(?:was|were|got)\s+(?:exhausted|overloaded|saturated|starved|flaky|unstable))",
                re.I), False),
    # "we tried Pusher on the driver app last year and blew through the free tier": an attempt
    # told as history and followed by what happened is a dead end even in words we do not list
    (re.compile(_RETRO_TRIED + _RETRO_WHERE + r"\s*,?\s+" + _RETRO_WHEN + r"\b\s*[,;:-]?\s*(?:and|but|,|;|-)" + _WENT_WELL,
                re.I), False),
    (re.compile(r"\b" + _RETRO_WHEN + r",?\s+" + _RETRO_TRIED + _RETRO_WHERE + r"\s*[,;:-]?\s+(?:and|but|so)\b" + _WENT_WELL,
                re.I), False),
    # "I already tried cranking pool_size up to 50 last week ..., that only made it die later instead",
    # "I have try to write the decoder with dynamic.decode3 but ..., so I give up": an attempt the user
    # reports, turned away from in the same sentence (needs an abandon word; "... and it works" is none)
    (re.compile(r"\b(?:we|i)\s+(?:already\s+|also\s+|have\s+|had\s+)?(?:tried|try)\s+(?:to\s+)?" + _RETRO_OBJ_LONG + _WENT_WELL,
                re.I), True),
    (re.compile(_RETRO_OBJ + r"\s+(?:approach\s+)?" + _FAIL_VERB, re.I), True),
    (re.compile(_RETRO_OBJ + r"\s+(?:was|were|got)\s+(?:abandoned|dropped|reverted|scrapped|ditched|rolled back)", re.I), False),
]
_CLAUSE_WORDS = {"because", "since", "as", "so", "but", "and", "when", "while", "after", "before", "if", "though",
                 "although", "until", "unless", "that", "which", "where", "once"}
_RETRO_REASON_RE = re.compile(r"\b(?:because|since|due to|as)\b\s+(?P<why>[^.;!?]+)|:\s+(?P<why2>[^.;!?]+)", re.I)
_RETRO_TAIL_RE = re.compile(r"\s*,?\s*(?:so|and)\s+(?:we|i)\b.*$", re.I)


# "..., that was a mistake in hindsight: <why>": the verdict's own colon says why
_JUDGED_WHY_RE = re.compile(r"\b(?:mistake|bad (?:idea|call|one|choice)|dead end|waste of (?:time|money))\b[^:.]{0,30}:\s+(?P<why>\S.{14,})$", re.I)
# "anyway first problem: the pod crashloops": the talk moves on; what follows is no reason
_MOVES_ON_RE = re.compile(r"^\W*(?:anyway|anyways|moving on|other than that|separately|unrelated|first (?:problem|thing|issue)|"
                          r"next (?:problem|thing|issue|up)|now (?:to|for|on))\b", re.I)


# "no messenger for now.", "not again": a further verdict, not a cause
_REJECT_LEAD_RE = re.compile(r"^\W*(?:no|not|never|nope|nah|forget|drop|skip)\b", re.I)
_VERDICT_ONLY_RE = re.compile(r"\b(?:it|that|this|they|we|i|was|were|got|has|have|been|is|all|again|"
                              r"rolled\s+back|reverted|backed\s+out|pulled|dropped|abandoned|removed|killed|"
                              r"on\s+\w+day|\w+day|last\s+\w+|yesterday|today|after\s+\w+\s+\w+|the\s+same\s+\w+|\w+\s+\w+\s+ago|"
                              r"(?:in|by|since|early|mid|late)\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*|"
                              r"quickly|immediately|soon|later|eventually|in\s+the\s+end)\b", re.I)


_CLAUSE_INSIDE_RE = re.compile(r"\s(?:that|which|who|whom|whose|when|if|because|since|while|was|were|is|are)\b.*$", re.I)
_AMOUNT_OBJ_RE = re.compile(r"^[\d.,:~]+\s*(?:[a-z]{0,4}|%)(?:\s+(?:utc|gmt|lol|haha|tops|max|min))*$", re.I)


def _named_part(body: str, start: int, obj: str) -> str:
    """The part of what a turn-down pattern caught that names an option, or "" when it names none:
    the tail of a relative clause ("a camera that crashes every 40 seconds is worse"), a noun use of
    the verb ("a kill switch", "the dump"), a time or amount ("2am utc", "3.7h lol"), or text over a
    sentence end ("ones. quiet hours"). A clause inside it is cut off ("fresh 2 when it" -> fresh 2)."""
    before = body[:start].rstrip()
    if re.search(r"\b(?:a|an|the|one|some|any|every|each)\s+(?:[\w-]+\s+){0,2}(?:that|which|who)$", before, re.I):
        return ""  # "a camera that": what follows is the relative clause, not "I think that X is ..."
    if re.search(r"\b(?:a|an|the|this|that|our|my|your)\s+(?:forget|drop|ditch|scrap|abandon|kill|remove|revert|undo|nuke|"
                 r"dump|trash|take|pull)$", before, re.I):
        return ""  # "a kill switch honestly": the verb is a noun here
    if re.search(r"[.!?;]\s", obj):
        return ""
    obj = _CLAUSE_INSIDE_RE.sub("", obj).strip()
    return "" if _is_amount(obj) else obj


def _is_amount(obj: str) -> bool:
    """"2am utc", "3.7h lol": a time or amount names no option; a bare version ("0.13 is broken") names
    the release tried."""
    return bool(_AMOUNT_OBJ_RE.match(obj)) and not re.fullmatch(r"v?\d+(?:\.\d+)+", obj)


def _bare_verdict(text: str) -> bool:
    """"it got rolled back on thursday": that the attempt ended, and when, but nothing about why."""
    return has_failure_words(text) and not re.sub(r"[\W_]+", "", _VERDICT_ONLY_RE.sub(" ", text))


def _retro_reason(sentence: str) -> str:
    """The "because ..." clause of a retrospective failure, without its "so we dropped it"
    tail; else the failure clause itself ("kept crashing on deploys")."""
    masked = re.sub(r"`[^`]*`", lambda c: "x" * len(c.group(0)), sentence)  # "`FATAL: sorry`" holds no reason colon
    m = _RETRO_REASON_RE.search(masked)
    if m:
        g = "why" if m.group("why") else "why2"
        why = _RETRO_TAIL_RE.sub("", sentence[m.start(g):m.end(g)] if m.group(g) else "").strip(" ,;:-")
        if len(why.split()) >= 2:
            return why
    m = _FAIL_CLAUSE_RE.search(sentence)
    if m:
        clause = _RETRO_TAIL_RE.sub("", m.group(0)).strip(" ,;:-")
        if len(clause.split()) >= 2:
            return clause
    return ""


# Something bad said about the old choice: then giving it up is a failure, not just a switch.
_NEG_EVIDENCE_RE = re.compile(
    r"\b(?:pain\w*|slow\w*|broke\w*|break\w*|crash\w*|bug\w*|can'?t|cannot|does ?n[o']t|did ?n[o']t|won'?t|is ?n[o']t|not|"
    r"too|mess\w*|hate|fail\w*|error\w*|flaky|leak\w*|expensive|worse|unusable|block\w*|expir\w*|refus\w*|timeout|"
    r"problem\w*|issue\w*|no way|nope|mistake|yak)\b", re.I)

# The subject of a verdict sentence: "<subject> is not supported ...", "<subject> doesn't help".
_SUBJECT_RE = re.compile(r"^(?P<subj>[\w@./+#-]+(?:\s+[\w@./+#-]+){0,3}?)\s+(?:is|are|was|were)\s*(?:not|n't)\b|"
                         r"^(?P<subj2>[\w@./+#-]+(?:\s+[\w@./+#-]+){0,3}?)\s+(?:does|do|did)\s*(?:not|n't)\b", re.I)

# what it would cost: "another fly machine or an upstash bill", "a paid license", "~$90/month" ("billing" is a
# domain, not a cost)
_COST = (r"bills?|pay|paid|paying|license|licen[cs]ing|pricing|price|\$\d[\d,.]*\w*|\d+\s?(?:euros?|dollars?|usd|eur)|per month|"
         r"/mo(?:nth)?|\d[\d,.]*k?\s?/\s?mo(?:nth)?")  # "not paying 75/mo"
# a reason against an option in so many words: what it costs, or that it is too much
_PRICED_OUT_RE = re.compile(r"(?<![\w-])(?:" + _COST + r"|too (?:expensive|slow|heavy|much|big|complex|complicated|risky)|"
                            r"overkill)(?![\w-])", re.I)
_REASON_RE = re.compile(
    r"\b(?:because|since|no |not|n'?t|too|mistake|worse|hate|magic|legacy|already|anyway|weeks|boilerplate|"
    r"yak|expensive|slow|copies|risk|mess|random|needs?|requires?|only|built on|incompatible|conflict|" + _COST + r")(?![\w-])", re.I)


_REASON_STRONG_RE = re.compile(
    r"\b(?:because|since|too|worse|mistake|copies|n'?t|not|no|cannot|legacy|painful|slow|expensive|needs?|requires?|"
    r"only|useless|mess|hate|risk|breaks?|per(?!-)|" + _COST + r")(?![\w-])", re.I)


# Words a verdict uses without saying what went wrong: "doesn't work here", "nope, bad idea"
_VACUOUS = {"work", "works", "worked", "working", "here", "there", "help", "helps", "helped", "good", "bad", "idea",
            "great", "well", "fine", "sorry", "back", "forth", "still", "stuff", "thing", "things", "way", "sure",
            "either", "all", "anymore", "again", "really", "thanks", "thank", "nope", "nah", "this", "that", "it"}


def _half_shared(topic: str, other: str) -> bool:
    """`other` shares at least half of `topic`'s words ("keyval-plugin" ~ "keyval plugin", not
    "gh release create" ~ "release section found")."""
    mine = set(re.split(r"[\s\-_/.]+", topic.lower())) - {""}
    return 2 * len(mine & set(re.split(r"[\s\-_/.]+", other.lower()))) >= len(mine)


def _reason_words(text: str, topic: str) -> set[str]:
    """The words of a would-be reason beyond the approach's own name and filler."""
    return set(_topic_key_all(text)) - set(_topic_words(topic)) - {topic} - _REASON_FILLER


def _says_nothing(reason: str, topic: str) -> bool:
    """A reason with no word beyond the approach's own name and verdict filler."""
    return not _reason_words(reason, topic) - _VACUOUS


# A verdict that says why ("too fiddly", "overkill", "a waste of time"), not only that it is out
_VERDICT_REASON_RE = re.compile(r"\b(?:too\s+\w+|overkill|pointless|a waste of time|strictly worse|worse|not viable|"
                                r"useless|a (?:pain|mess)|getting (?:painful|messy|out of hand))\b", re.I)


def _told_next(told: str, said: str) -> str:
    """The sentence after `said` in the turn that turned the approach down, when it is no
    question and no request: "not wkhtmltopdf. the binary is basically unmaintained ..."."""
    sents = sentences(told)
    key = said.strip().rstrip(".").lower()
    at = next((k for k, x in enumerate(sents) if key and key in x.lower()), -1)
    nxt = sents[at + 1] if 0 <= at < len(sents) - 1 else ""
    if not nxt or _QUESTION_RE.search(nxt) or _FIX_REQUEST_RE.search(nxt) or len(nxt.split()) < 4:
        return ""
    nxt = _strip_lead(nxt).rstrip(".")
    while len(nxt) > 150 and ", " in nxt:  # "i had that on the old app last year, the binary is unmaintained ...": the why comes last
        nxt = nxt.split(", ", 1)[1]
    return fit(nxt, 150)


def _reason(a: _Approach, others: list[_Approach] = ()) -> str:  # type: ignore[assignment]
    """Why an approach was dropped: the user's own words first (the sentence of the turn that
    says most about this approach, not about another one dropped in the same breath), else
    the assistant's explanation; the tool's error string is kept beside either."""
    best, best_rank = "", None
    ranked: list[tuple[tuple[int, int], int, str]] = []
    for raw in sentences(a.reject_text):
        s = _strip_lead(re.sub(r"^wait\b[,\s]*", "", raw, flags=re.I))
        if not s or _QUESTION_RE.search(s) or re.match(r"\W*(?:hi|hello|hey|good (?:morning|evening))\b|.*\bi need (?:your )?help\b",
                                                       s, re.I):
            continue  # "Hello, I need help with our sheet script": the opening request, not why anything failed
        residue = _REJECT_GENERIC_RE.sub(" ", s)
        for rx in _REJECT_RES:
            if rx.pattern.startswith(_OBJ_PATTERN) and _VERDICT_REASON_RE.search(s):
                continue  # "it's too fiddly", "shards is way overkill": the verdict is the reason
            residue = rx.sub(" ", residue)
        residue = " ".join(c for c in re.split(r",\s*|;\s*|\s-\s", residue)
                           if not _ACCEPT_RE.search(c) and not re.search(r"\b(?:just|instead|will)\b", c, re.I))
        words = _reason_words(residue, a.topic)
        if (len(words) < 2 or (len(words) < 3 and len(s.split()) <= 3)) and not (words and _REASON_RE.search(residue)):
            continue  # "rip TypeORM out, let's not go down that road": a command, no reason
        if len(re.findall(r"(?<![\w=-])[a-z]{3,}(?![\w=-])", residue.lower())) < 2 or \
                re.match(r"(?:then|next|after that|and then)\b", s, re.I):
            continue  # "-O3 -march=native.", "then do the loop order": what to do instead, not why
        low = s.lower()
        mine = _mentions(low, a.topic) or a.display.lower() in low
        theirs = any(_mentions(low, o.topic) for o in others)
        rank = (-(2 if mine else 0) + (3 if theirs and not mine else 0) - (2 if _REASON_STRONG_RE.search(residue) else 0)
                # a measured change ("p99 38 ms -> 141 ms") is a reason a reader can check: it outranks a verdict's words
                - (1 if _REASON_RE.search(residue) else 0) - (3 if _MEASURED_CHANGE_RE.search(s) else 0), len(s))
        if not (theirs and not mine):  # another approach's reason never joins this one's
            ranked.append((rank, len(ranked), s))
        if best_rank is None or rank < best_rank:
            best, best_rank = s, rank
    reason = best
    reasons = [r for r in ranked if r[2] == best or ((_REASON_RE.search(r[2]) or has_failure_words(r[2]) or
                                                       re.search(r"\bnot\b.*\b(?:faster|better|enough)\b", r[2], re.I))
                                                      and not _ACCEPT_RE.search(r[2]))]
    if len(reasons) >= 2:  # two reasons said ("not faster; and I won't make users set env vars"): keep both
        top = sorted(sorted(reasons)[:2], key=lambda r: r[1])
        both = "; ".join(r[2].rstrip(".") for r in top)
        if len(both) <= 140:
            reason = both
    if not reason:
        expl = [s for s in a.explanations if re.search(r"\b(?:because|so|since|needs?|built on|can'?t|cannot|isn'?t|won'?t)\b", s, re.I)]
        strong = [s for s in expl if re.search(r"\b(?:because|built on|needs?|requires?|since)\b", s, re.I)]
        reason = _strip_lead((strong or expl)[-1]) if expl else ""
    if a.errors:
        err = _short_error(_best_error(a.errors))
        if err.lower() not in reason.lower():
            reason = f"{reason} ({err})" if reason else err
    return reason.replace(".;", ";").replace(". (", " (")


def _story_platform(head: str, told: str) -> tuple[str, str]:
    """"we had this on drake", "we ran the worker on lambda": when what was tried is a pronoun or
    a plain noun, the name after its "on"/"with" is what the story is about (and how to show it:
    "worker on lambda"; the plain noun alone would match every later mention of workers)."""
    m = re.match(re.escape(head) + r"\s+(?:on|with)\s+(?!(?:the|a|an|our|my|their|this|that|it|staging|prod\w*|"
                 r"every|each|all|top)\b)(?P<name>[\w@./+#-]+(?:\s+[\w@./+#-]+)?)", told, re.I)
    if not m or not re.fullmatch(r"(?:(?:the|a|an|our|my)\s+)?[a-z]+", head, re.I):
        return head, ""
    name = _STORY_CUT_RE.split(" " + m.group("name"), maxsplit=1)[0].strip()
    name = re.split(r"\s+(?:and|but|for|to|last|in|at)\b", name, maxsplit=1)[0]
    if not name or name.lower() in _CLAUSE_WORDS:
        return head, ""
    bare = re.sub(r"^(?:the|a|an|our|my)\s+", "", head, flags=re.I)
    return name, ("" if bare.lower() in ("this", "that", "it", "them", "those") else f"{bare} on {name}")


def _joined(told: str, more: str) -> str:
    """Two turns' words about one approach, kept as separate sentences ("where should it live"
    and a later "take moka out" must not read as one)."""
    told, more = told.strip(), more.strip()
    if told and more and not re.search(r"[.!?:;]$", told):
        told += "."
    return f"{told} {more}".strip()


def _turn_down(a: _Approach, i: int, told: str, reason: str) -> None:
    """Approach `a`, told as history in turn `i`, ends there (unless it ended earlier)."""
    if a.rejected_at < 0:
        a.rejected_at = i
    a.reject_text = _joined(a.reject_text, told)
    a.reason = a.reason or reason


# "I tried pandas with chunksize=500k ...": the attempt a history sentence tells (see cues._HISTORY_RE)
_HISTORY_ATTEMPT_RE = re.compile(r"^\W*(?:i|we|they)\s+(?:already\s+|also\s+|once\s+)?(?:tried|attempted|used|had)\s+"
                                 r"(?P<obj>[\w@./+#=-]+(?:\s+(?!(?:for|on|in|last|before|back|earlier|previously|and|but|"
                                 r"which|when|at|to)\b)[\w@./+#=-]+){0,3})", re.I)
# "core data + NSPersistentCloudKitContainer, last year.": the answer to "did you use anything before?"
_HISTORY_ANSWER_RE = re.compile(r"^(?P<obj>[\w@./+#-]+(?:\s+[\w@./+#+-]+){0,4}),\s*(?:last (?:year|month|week|spring|summer|"
                                r"autumn|fall|winter)|\w+ (?:years?|months?|weeks?) ago|before|back then)\.?$", re.I)
# What the sentence after such a story says went wrong, in plain words
_NEG_EVAL_RE = re.compile(r"\b(?:mess|messy|hell|flaky|painful|a pain|slow|terrible|awful|broke|broken|nightmare|disaster|"
                          r"gave up|dropped|abandoned|ditched|never again|too \w+|stayed forever|unusable|"
                          r"wasted (?:a|the|my|our|half a) (?:whole |full |entire )?(?:day|week|morning|afternoon|evening|sprint))\b", re.I)

# where the name of what was tried ends: its place, its time, its circumstances
_STORY_CUT_RE = re.compile(r"\s+(?:on|in|at|back|last|yesterday|before|when|while|because|since|for|during|until|"
                           r"\w+\s+(?:days?|weeks?|months?|years?)\s+ago)\b", re.I)
# how such a story ends badly, in the words people use for it
_BAD_OUTCOME_RE = re.compile(_NEG_EVAL_RE.pattern + r"|\b(?:flood\w*|killed (?:it|that|them)|never (?:built|worked|matched|shipped|landed|"
                             r"finished|scaled|compiled)|blew up|crash\w*|fail\w*|wasted|oom|exhausted|timed? ?out|slower|"
                             r"did ?n[o']t (?:work|scale|help)|could ?n[o']t|bigger|heavier|worse|useless|pointless|banned|paged|"
                             r"reverted|rolled (?:it )?back|mangled|no difference|dying|died|dies|blocked|flagged|rejected|lost|corrupt\w*|hung|"
                             r"stalled|throttled|denied|quarantined|hated|fell over|falling over|went back|"
                             r"nobody wants|nobody could|(?:constant|a) (?:fight|battle)|fought|fighting|miserable|a joke|pulled (?:it|them)|"
                             r"changed under|choked|dead|lies|lied|rotted|rots|ate (?:all|up)|bailed|never caught up|"
                             r"which is (?:why|the reason) (?:we|i) (?:moved|switched|went|dropped|ditched|left)|"
                             # how it felt, and where the teller stands now: "felt laggy", "not going back there"
                             r"laggy|sluggish|clunky|janky|bloated|fragile|brittle|drift(?:ed|ing|s)?|"
                             r"(?:about|roughly|basically)\s+the\s+same\s+\w+\s+as|no\s+better\s+than|"
                             r"not\s+going\s+(?:back\s+)?there|(?:i'?m|we'?re|i\s+am|we\s+are)\s+not\s+going\s+(?:back\s+)?(?:there|to\s+(?:it|that))|"
                             r"not\s+doing\s+(?:that|it)\s+again|never\s+again)\b|\+\d+\s?ms\b", re.I)

# Words a loose pattern can take for an approach's name, which name nothing
# "the answer is no", "the verdict is: out": a verdict's own noun names no option
_VERDICT_NOUNS = frozenset({"answer", "verdict", "decision", "response", "reply", "outcome", "result"})
# words a sentence opens with in capitals that name nothing ("The campaign run only queues")
_SENTENCE_OPENERS = frozenset("""the this that these those then there they their we you your our it its if and but so
    or for with from once when while after before also both either each every all any some one ok okay yes no not now here
    what which who how why since because until only just still even instead otherwise maybe perhaps sure done note""".split())
_NOT_A_NAME = {"no", "yes", "always", "never", "actually", "above", "below", "here", "there", "now", "then", "just",
               "also", "maybe", "this", "that", "it", "everything", "nothing", "time", "crash", "count"}

# A name said with a filler after it: "no pandas pls", "the store plugin btw"
_TRAILING_FILLER_RE = re.compile(r"\s+(?:pls|plz|please|btw|tho|though|anymore|anyway|anyways|then|too|either|for now|"
                                 r"entirely|completely|altogether)$", re.I)

# Keeping what there was, said right after a failed attempt
_STAY_RE = re.compile(r"^\W*no\b[,.!]|\b(?:stay|stick|remain)s?\s+(?:on|with)\b|\bkeep (?:the )?(?:old|current|existing)\b", re.I)

_REASON_FILLER = {"down", "go", "going", "let", "lets", "really", "think", "honestly", "just", "ugh", "meh", "nope",
                  "ok", "okay", "yeah", "thing", "road", "path", "that", "this", "for", "now"}


# "(TLS on the Pico was already ruled out: MemoryError ...)": a later decision that names the
# approach only to say it stays out does not bring it back
_RULED_OUT_RE = re.compile(r"\b(?:ruled out|no-go|off the table|non-?starter|(?:is|was|stays) out)\b", re.I)


def _named_as_gone(text: str, topic: str) -> bool:
    """"Basic launcher (joblib removed)", "no SETNX", "without celery": the choice names the
    dropped approach only to say it is gone."""
    names = [re.escape(w) for w in topic.split() if len(w) >= 3]
    if not names:
        return False
    name = "(?:" + "|".join(names) + ")"
    return re.search(r"\b(?:no|without|not|instead of|drop(?:ped)?|removed?|remove|rip(?:ped)? out|replac\w+|"
                     r"migrat\w+ (?:off|away from))\s+(?:the\s+)?" + name
                     + r"|\b" + name + r"[\w.-]*(?:\s+\w+)?\s+(?:removed|dropped|gone|deleted)\b"
                     # "mapping each email in attendeeEmails to a uid ..., then deleting the array": moved off it
                     + r"|\b" + name + r"\b[^.;]*\b(?:then|and)\s+(?:delet|remov|drop)\w*\b", text, re.I) is not None


class ApproachMixin(ExtractorState):
    """Opens, finds and turns down approaches; emits a FAILED fact for each one that stays down.

    _verdicts names what was tried through BugFixMixin._culprit_before: the composed extractor has both."""

    def _current(self, before: int) -> _Approach | None:
        live = [a for a in self.approaches if a.turn <= before and a.rejected_at < 0]
        return live[-1] if live else None

    def _find(self, topic: str) -> _Approach | None:
        for a in reversed(self.approaches):
            if _same_topic(a.topic, topic) or any(x == topic for x in a.aliases):
                return a
        return None

    def _open(self, phrase: str, i: int, by_user: bool, exact: bool = False) -> _Approach | None:
        """The open approach `phrase` names, or a new one. `exact`: a command or code name is the
        same approach only under the same key ("gh release create" is not "release section")."""
        key = _topic_key(phrase)
        if not key or key in _PRONOUN_OBJ:
            return None
        found = self._find(key)
        if found and exact and found.topic != key:
            found = None
        if found and found.rejected_at < 0:
            return found
        a = _Approach(topic=key, display=phrase.strip(), turn=i, by_user=by_user)
        self.approaches.append(a)
        return a

    def _intro_from_text(self, text: str, i: int, by_user: bool) -> None:
        for m in _UPGRADE_INTRO_RE.finditer(text):  # "let's also update cinemachine": an upgrade is an approach too
            self._open(m.group("obj"), i, by_user)
        rx = _INTRO_RE
        for m in rx.finditer(text):
            obj = m.group("obj")
            if obj.lower().split()[0] in _GENERIC | {"i", "you"}:
                obj = " ".join(obj.split()[1:])
            if obj:
                self._open(obj, i, by_user)

    def _verdicts(self, i: int, turn: Turn) -> None:
        """Right after a tool run, the assistant's verdict on what it just tried ("X isn't
        supported, so that's out"; "Too slow, that rules it out." after a measurement) is a
        dead end: FAILED with what was tried and why, taken from the verdict's own sentence or,
        when the verdict names nothing, from the sentence before it."""
        sents = sentences(turn.text)
        for k, raw in enumerate(sents):
            m = _VERDICT_RE.search(raw)
            if not m or _QUESTION_RE.search(raw) or re.search(r"\b(?:if|unless|whether|would|might)\b", raw[:m.start()], re.I):
                continue
            if _TRANSIENT_RE.search(" ".join(sents[k:k + 2])):
                continue  # "that didn't work, typo in the path; retrying": a slip, not a dead end
            subject = _strip_lead(raw[:m.start()].strip(" ,;:-"))
            subject = re.sub(r"^(?:so|then|but|and)\s+", "", subject, flags=re.I)
            own = bool(set(_topic_key_all(subject)) - _REASON_FILLER - {"so", "too", "slow", "that", "here"})
            prev = after_label(_strip_lead(sents[k - 1])) if k > 0 else ""
            if prev and (_QUESTION_RE.search(prev) or _PLAN_RE.search(prev)):
                prev = ""
            if len(prev) > 110:  # a long explanation: its conclusion ("..., so X just moves the race")
                prev = re.split(r",\s+so\s+|;\s+", prev)[-1]
            before = after_label(_strip_lead(sents[k - 2])) if k > 1 else ""
            if prev and before and _MEASURED_CHANGE_RE.search(before) and not _MEASURED_CHANGE_RE.search(prev) \
                    and not _QUESTION_RE.search(before):
                # "p99 38 ms -> 141 ms. Recall isn't the bottleneck. Reverting.": the numbers are the evidence
                prev = f"{fit(before, 160).rstrip('.')}; {prev}"
            if own:
                more = re.match(r"[^,;(.]*", raw[m.end():]).group(0)  # "isn't supported| by dbt-snowflake"
                text = re.sub(r"^(?:so|then|but|and)\s+", "", (raw[:m.end()] + more).strip(), flags=re.I)
                if prev and len(prev.split()) >= 5:
                    text = f"{text}: {prev.rstrip('.')}"  # the explanation said just before
                topic = _topic_key(subject)
            elif prev:
                text = f"{prev.rstrip('.')} ({raw.strip().rstrip('.')})"
                topic = _topic_key(re.split(r"\s+(?:is|are|was|were|has|had|rewrites?|needs?|takes?|can'?t|does)\b", prev, 1)[0])
            elif k + 1 < len(sents) and not _QUESTION_RE.search(sents[k + 1]) and entities(sents[k + 1]):
                # "That was a bad idea, reverting. In `:inline` mode Oban never writes the job ...": the why follows
                nxt = _strip_lead(sents[k + 1])
                text = f"{fit(nxt, 130).rstrip('.')} ({raw.strip().rstrip('.')})"
                topic = _topic_key(" ".join(entities(nxt)[:1]) or nxt)
            else:
                continue
            cur = self._current(i)
            if cur and (_same_topic(cur.topic, topic) or _mentions(text.lower(), cur.topic) or (not own and i - cur.turn <= 6)):
                # the approach on the table ("Let me try Redis Streams" ... "that's out") ends here
                cur.rejected_at, cur.reject_text = i, raw
                # the verdict without the approach's own name in front ("Preserve: ..."); a mention inside stays
                cur.reason = cur.reason or (re.sub(r"^\W*" + re.escape(cur.display) + r"\b", "", text, count=1, flags=re.I).strip(" :,")
                                            or text)
                return
            culprit = self._culprit_before(i, asked=not own)  # a verdict naming nothing: what was asked for was tried
            undone = re.search(r"\brevert(?:ing|ed)?\s+(?:the\s+)?(?P<x>`[^`]{2,40}`|[\w.@/-]*[._@/-][\w.@/-]+)", turn.text, re.I)
            if not culprit and undone:  # "I'm reverting the `pod_override`": what is undone is what was tried
                culprit = undone.group("x").strip("`")
            if culprit and not re.sub(r"^abandoned: ", "", text).lower().startswith(culprit.lower()):
                # "Reverting that line" after "function sqlc.slice(unknown) does not exist": name what was
                # tried, and give the turn's most telling sentence around the verdict as the why
                near = [x for x in sents[max(0, k - 1):k + 2] if not _QUESTION_RE.search(x) and not _PLAN_RE.search(x)]
                why = max(near, key=telling) if near else text
                text = f"{culprit}: failed, {fit(re.sub(r'^abandoned: ', '', _strip_lead(why)), 150 - len(culprit))}"
                topic = _topic_key(culprit)
            if not has_failure_words(text):
                text = f"abandoned: {text}"
            named = ""
            if not entities(text):  # "disabling random order didn't help": say what the change was
                named = _change_subject(self.turns, i)[0]
                if named:
                    text, topic = f"{named}: abandoned, {re.sub(r'^abandoned: ', '', text)}", _topic_key(named)
            self.out.append(Candidate(
                kind="FAILED", text=clean_text(text if named or culprit else text[0].upper() + text[1:]), topic=topic, evidence=raw,
                source=f"{prev} {raw} {' '.join(sents[k:k + 2])}",
                files=[], score=0.75, turn=i, reason=text))
            return

    def _retrospective(self, text: str, i: int, by_user: bool) -> None:
        """Failures reported in one sentence open and reject their approach at once."""
        said = sentences(text)
        for n, raw in enumerate(said):
            s = _strip_lead(raw)
            if not s or _QUESTION_RE.search(s) or (_TENTATIVE_RE.search(s.split(",")[0])
                                                    and not re.search(r"\b(?:was|were|last|ago|yesterday)\b", s, re.I)):
                continue  # "maybe try X" is a plan; "we try X last month and it was bad" is history
            if by_user and _FIX_REQUEST_RE.search(" ".join(said[n:n + 2])) and not _STORY_WHEN_RE.search(s):
                continue  # "I upgraded to 0.13 and zig build is not working anymore. can you fix": a bug report
            for rx, needs_reason in _RETRO_RES:
                m = rx.search(s)
                if not m or (needs_reason and not _ABANDON_WORDS_RE.search(s[m.end():] + " " + s[:m.start()])):
                    continue
                if s[:m.start()].count("(") > s[:m.start()].count(")"):
                    continue  # "(dupes, silent fails)": an aside listing symptoms, not an approach
                if rx is _OFF_WITH_NUMBERS_RE and not (entities(m.group("obj")) or re.search(r"\w[-_./]\w|\d", m.group("obj"))):
                    continue  # "the light is off (it was 3 am)": no approach named
                obj = re.sub(r"^(?:the|a|an)\s+", "", m.group("obj").strip(" .,;:!"), flags=re.I)
                obj = re.sub(r"\s+(?:at first|initially|originally|earlier|before|first|for a while|last \w+|"
                             r"(?:last|this|in) (?:week|month|quarter|year|sprint|spring|summer|autumn|fall|winter|"
                             r"january|february|march|april|may|june|july|august|september|october|november|december))\b",
                             "", obj, flags=re.I)
                obj = named_tool(obj, s[m.start("obj"):m.end()], activity_only=True)  # "doing fulfillment with BullMQ last year"
                if re.search(r"\s(?:is|was|are|were)\s+out\b", m.group(0)) and rx is not _OFF_WITH_NUMBERS_RE and not (
                        len(obj.split()) <= 3 and re.search(r"[A-Z0-9_.`@/]|^[A-Z]", obj.split()[-1])):
                    continue  # "Tsit5 is out — ..." names an option; "the tide is out" does not
                key = _topic_key(obj)
                if not key or key in _PRONOUN_OBJ or obj.lower().split()[0] in _GENERIC | _CLAUSE_WORDS:
                    continue  # "... because the broker kept dying": a reason clause, not an approach
                # a long description is known by the code name in it ("write the decoder with dynamic.decode3")
                code = re.findall(r"[A-Za-z][\w@/-]*(?:[._][\w@/-]+)+(?:\(\))?|\w+\(\)", obj)
                a = self._open(code[0] if code and len(obj.split()) > 2 else obj, i, by_user)
                if a is None:
                    continue
                if code and (code[0] not in a.display or a.display == code[0]) and len(obj) <= 40:
                    a.display = obj  # the words said around the code name ("cranking pool_size up to 50")
                why = _retro_reason(s[m.start():]) or _RETRO_TAIL_RE.sub("", s[m.end():]).strip(" ,;:-.—–")  # what followed the attempt
                why = re.sub(r"^(?:in|last|this)\s+\w+\s*,\s*", "", why, flags=re.I)
                if rx is _OFF_WITH_NUMBERS_RE:
                    why = m.group("why").strip()  # the numbers in its brackets are why
                if rx is _PULLED_OUT_RE:  # "... back out of the cluster; ...": where it came out of, not why
                    why = re.sub(r"^(?:again\b|(?:of|from)\s+(?:the|our|this)\s+[\w-]+)\s*[;,.]?\s*", "", why, flags=re.I)
                if re.match(r"^(?:and\s+|,\s*)?(?:going|switching|moving|sticking|staying|back)\s+(?:with|to|on)\b", why, re.I):
                    why = ""  # "... away and going with Turbo Streams": the replacement, not why
                if rx in _SELF_VERDICT_RES and not (why and (_BAD_OUTCOME_RE.search(why) or _WORSE_RE.search(why))):
                    # "38 ms per frame with the GIL held. ... Dropping the numpy version.": what sank it came
                    # before, in this turn or the assistant's turn before it
                    told = [x for x in said[:n] if not _QUESTION_RE.search(x)]
                    if not any(_BAD_OUTCOME_RE.search(x) or _WORSE_RE.search(x) for x in told):
                        told = self._previous_report(i) + told
                    bad = [k for k, x in enumerate(told) if _BAD_OUTCOME_RE.search(x) or _WORSE_RE.search(x)
                           or re.search(r"\bnot (?:good|fast|small|reliable) enough\b", x, re.I)]
                    at = next((k for k in reversed(bad) if re.search(r"\d", told[k])), bad[-1] if bad else len(told) - 1)
                    why = (told[at] if told else "") if bad or not why else why
                    if len(why.split()) < 5 and bad and at > 0:  # "Not good enough." says so; the numbers before say why
                        why = f"{told[at - 1].rstrip('.')}; {why}"
                    why = why.rstrip(".")
                elif len(why.split()) < 4 and n + 1 < len(said) and not _QUESTION_RE.search(said[n + 1]) \
                        and not _MOVES_ON_RE.match(said[n + 1]):
                    why = f"{why}: {said[n + 1].rstrip('.')}".strip(": ")  # "it was bad." + what was bad
                elif not why and n > 0 and not _QUESTION_RE.search(said[n - 1]):
                    why = said[n - 1].rstrip(".")  # "... still over 4096. I'm dropping the zlib idea.": the numbers before
                _turn_down(a, i, s, why)
                break
            else:
                if not self._told_then_judged(said, n, s, i, by_user) and by_user:
                    self._history_story(said, n, s, i)

    def _previous_report(self, i: int) -> list[str]:
        """The sentences of the assistant's last turn before turn `i` (within three turns)."""
        for j in range(i - 1, max(-1, i - 4), -1):
            if self.turns[j].role == "user":
                return []
            if self.turns[j].role == "assistant":
                return [x for x in sentences(self.turns[j].text) if not _QUESTION_RE.search(x)]
        return []

    def _history_story(self, said: list[str], n: int, s: str, i: int) -> None:
        """"we tried fast dds with multicast discovery back in march ..., and the traffic flooded the
        access point", "re VestingWallet: we tried that last sprint, but ... 360M gas", "I already
        tried one other thing yesterday (...): moved the sessions to Upstash Redis. +40ms each. so I
        killed that": an attempt the user tells as past, anywhere in the sentence, that ended badly
        in the same sentence or the next two. A pronoun or "one thing" is named by the "re X:" label
        or by what the sentence or the next one says after its colon or dash."""
        m = _STORY_TRIED_RE.search(s)
        when = _STORY_WHEN_RE.search(s) if m else None
        if not m or not when:
            return
        if re.search(r"\b(?:ran|did|built|shipped|deployed|set up|went with|were on|was on)\s", m.group(0), re.I) and (
                m.group("obj").lstrip().startswith("`") or re.match(r"yesterday|earlier|before|on\s", when.group(0), re.I)):
            return  # "I ran `alembic revision` yesterday and it dropped every table": a bug report, not a story
        if re.match(r"(?:someone|somebody)\b", m.group(0), re.I) and not re.match(
                r"(?:someone|somebody)\s+(?:already\s+|also\s+|once\s+|actually\s+)?(?:tried|attempted|did try|experimented|prototyped)\b",
                m.group(0), re.I):
            return  # "someone ran OPTIMIZE FINAL on prod once": why a rule exists, not an approach this project tried
        head = _STORY_CUT_RE.split(m.group("obj"), maxsplit=1)[0].strip(" ,;:-")
        head = re.sub(r"\s+an?\s+(?:try|shot|go|spin)$", "", head, flags=re.I)  # "gave sqlc a try"
        head, shown = _story_platform(head, m.group("obj"))
        # "tried to do this same project with npm:express": the verb makes the head an activity
        obj = named_tool(head, m.group("obj"), activity_only=not m.group("to"))
        if m.group("to") and obj == head:
            return  # "tried to reproduce the crash": no tool named, so no approach
        obj = re.sub(r"^(?:exactly|just|basically|pretty much)\s+", "", obj, flags=re.I)
        obj = re.sub(r"^(?:the|a|an|my|our|their)\s+(?:own\s+)?", "", obj, flags=re.I)  # "my own raycast ground check"
        # what follows the name; when the story ran on without a comma into how it went ("We had a
        # connector on the old project and it got throttled"), from the end of the name
        tail = m.group("obj")[len(_STORY_CUT_RE.split(m.group("obj"), maxsplit=1)[0]):]
        rest = tail + s[m.end("obj"):] if re.search(r"\s(?:and|but)\s", tail) else s[m.end("obj"):]
        spans = re.findall(r"`([^`]{3,80})`", re.split(r":\s+|\s[—–-]\s", rest, maxsplit=1)[-1]) if rest else []
        command = ""
        if spans and not code_names(obj):  # "the git side of this — `git log --merges v1.1.0..v1.2.0`": the command says what
            command = " ".join(spans[0].split()[:3])
        elif obj.lower() in _PRONOUN_OBJ and n == 0 and not re.match(r"^\W*(?:re|about|regarding)\s", s, re.I):
            command = self._proposed_command(i)  # "we tried exactly that back in March" after "shell out to `gh release create ...`"
            # "we had exactly that last week, ... no messenger for now" after "queue emails through Symfony
            # Messenger": "that" is the reply's option the user's turn names again
            command = command or self._offer_named_in(" ".join(said), i)
        obj = command or obj
        if not obj or obj.lower() in _PRONOUN_OBJ or re.fullmatch(r"(?:one|an?)?\s*(?:other\s+)?(?:thing|idea|approach|option)s?",
                                                                obj, re.I):
            label = re.match(r"^\W*(?:re|about|regarding)\s+(?P<x>[^:,]{2,40}):", s, re.I)
            described = re.split(r":\s+|\s[—–-]\s", s[m.end("obj"):], maxsplit=1)
            text = described[1] if len(described) > 1 else (said[n + 1] if n + 1 < len(said) else "")
            named = re.findall(r"(?<![\w.])[A-Z][\w.+-]*(?:\s+[A-Z][\w.+-]*)+", text) or entities(text)  # "Upstash Redis"
            # "I already tried that. MQTT over TLS on 8883 with umqtt.simple ssl=True, and ...": the
            # description opens with what was tried
            lead = re.split(r"[,(:;]|\s+(?:and|with|but|which|so|because|using|via)\s+|\s[—–-]\s", text, maxsplit=1)[0].strip()
            if not (re.match(r"[A-Z][\w.+-]*\b", lead) and entities(lead.split()[0]) and len(lead.split()) <= 6
                    and not re.match(r"(?:I|We|It|That|This|They|You|He|She|Then|So|But|And)\b", lead)):
                lead = ""
            obj = label.group("x").strip() if label else (lead or (named[-1].rstrip(".") if named else ""))
        if not obj or not _topic_key(obj) or obj.lower().split()[0] in _GENERIC | _CLAUSE_WORDS or len(obj.split()) > 7:
            return
        # "it worked but every request got +40ms": what came after the "but" is how it went
        after = [re.split(r"\bbut\s+", x, maxsplit=1)[-1] for x in said[n + 1:n + 3]
                 if not _QUESTION_RE.search(x) and not _MOVES_ON_RE.match(x)]
        same = re.split(r",?\s+(?:and|but)\s+|\s[—–]\s|;\s*", rest, maxsplit=1)
        # "tried freewrap last year for the inventory tool, Defender flagged the exe and IT blocked it":
        # after the story's first comma comes the whole of how it went
        told = re.split(r"\s[—–]\s|;\s*", rest.split(", ", 1)[1]) if ", " in same[0] else []
        said_why = _JUDGED_WHY_RE.search(rest)  # "..., that was a mistake in hindsight: 40s cold starts and ..."
        judged = said_why.group("why") if said_why else next(
            (c for c in told + ([same[1]] if len(same) > 1 else []) + after
             if _BAD_OUTCOME_RE.search(c) and not re.search(_WELL_WORDS, c, re.I)), "")
        if not judged and len(same) > 1 and re.match(r",?\s+but\b", rest[len(same[0]):], re.I):
            judged = same[1]  # "we tried that last sprint, but with ~400 beneficiaries that's 360M gas"
        if not judged or re.search(_WELL_WORDS, judged, re.I):
            return
        if _bare_verdict(judged) and after and after[0] not in judged and not _REJECT_LEAD_RE.match(after[0]):
            # "it got rolled back on thursday. with the doctrine transport some emails went out twice": the
            # verdict says only that it ended; the next sentence says why
            judged = f"{judged.rstrip('.')}: {after[0]}"
        a = self._open(obj, i, True, exact=bool(command))
        if a is not None and shown and obj == head and len(shown) <= 40:
            a.display = shown
        if a is not None:
            _turn_down(a, i, f"{s} {judged if judged not in s else ''}", fit(_strip_lead(judged).rstrip("."), 110))

    def _proposed_command(self, i: int) -> str:
        """The first code span of the assistant's turn before user turn `i`, when that turn proposes
        ("would be", "I'd", "let's", "simplest"): what "that" in "we tried that" points at."""
        prev = self._reply_before(i)
        if prev is None:
            return ""
        for sent in sentences(prev.text):
            span = re.search(r"`([^`]{3,80})`", sent)
            if span and re.search(r"\b(?:would|could|I'?d|let'?s|simplest|suggest|propose|option)\b", sent, re.I):
                return " ".join(span.group(1).split()[:3])
        return ""

    def _told_then_judged(self, said: list[str], n: int, s: str, i: int, by_user: bool) -> bool:
        """"I tried pandas with chunksize=500k last month. the merge was a mess and it took 40 min.":
        an attempt told as history in one sentence and judged in the next two is a dead end."""
        # "the reason we're on dokken at all: i tried kitchen-vagrant ... first": the story after its label
        m = _HISTORY_ATTEMPT_RE.match(s) or _HISTORY_ATTEMPT_RE.match(after_label(s))
        if not (m and (_HISTORY_RE.search(s) or re.search(r"\bfirst\W*$", s, re.I))):  # "i tried X ... first"
            m = _HISTORY_ANSWER_RE.match(s) if by_user and self._asked_about_the_past(i) else None
            if not m:
                return False
        after = [x for x in said[n + 1:n + 3] if not _QUESTION_RE.search(x)]
        judged = next((x for x in after if _NEG_EVAL_RE.search(x) or has_failure_words(x)), "")
        if not judged or re.search(_WELL_WORDS, judged, re.I):
            return False
        obj = m.group("obj").strip(" .,;:")
        if not _topic_key(obj) or obj.lower().split()[0] in _GENERIC | _CLAUSE_WORDS:
            return False
        a = self._open(obj, i, by_user)
        if a is None:
            return False
        _turn_down(a, i, f"{s} {judged}", _strip_lead(judged).rstrip("."))
        return True

    def _reply_before(self, i: int) -> Turn | None:
        """The assistant's turn the user's turn `i` answers (within the last three turns)."""
        return next((t for t in reversed(self.turns[max(0, i - 3):i]) if t.role == "assistant"), None)

    def _asked_about_the_past(self, i: int) -> bool:
        """The assistant's turn before user turn `i` asks what was used or tried before."""
        prev = self._reply_before(i)
        return prev is not None and any(_QUESTION_RE.search(x) and re.search(
            r"\b(?:before|previously|already|in the past|earlier)\b", x, re.I) for x in sentences(prev.text))

    def _rejections(self, bodies: list[str], i: int, whole: str) -> list[_Approach]:
        """Approaches this user turn turns down. Unknown names said alongside a known one
        are aliases of it ("the ORM broker thing was a mistake. Drop django-q")."""
        found: list[_Approach] = []
        unknown: list[str] = []
        subjects: list[str] = []
        pronoun = False
        for n, body in enumerate(bodies):
            named = False
            if _TODO_RE.match(_strip_lead(body)):
                continue  # "once X ships we have to drop Y": a plan for later, not a turn-down now
            if _FIX_REQUEST_RE.search(" ".join(bodies[n:n + 2])) and not _STORY_WHEN_RE.search(body):
                continue  # "zig build is not working anymore, can you fix it": a bug to fix, nothing turned down
            for rx, weak in [(r, False) for r in _REJECT_RES] + [(r, True) for r in _REJECT_WEAK_RES]:
                for m in rx.finditer(body):
                    if _TODO_RE.search(body[:m.start()]):
                        continue  # "the rest we do next time, and after that remove the shim": work for later
                    obj = re.sub(r"^the\s+", "", m.group("obj").strip(" .,;:!"), flags=re.I)
                    obj = _TRAILING_FILLER_RE.sub("", obj)  # "no pandas pls"
                    obj = re.sub(r"^(?:just|only|simply|basically)\s+(?=\S+\s)", "", obj, flags=re.I)  # "under just sensor_id in ..."
                    # "and honestly picking ogmo was a mistake": the choice is ogmo
                    obj = re.sub(r"^(?:(?:and|but|so)\s+)?(?:(?:honestly|frankly|tbh|really|in hindsight)\s+)?"
                                 r"(?:picking|choosing|using|going with|adding)\s+(?!(?:it|this|that|them)\b)(?=\S)", "", obj, flags=re.I)
                    if not weak and re.search(r"(?:^|\s)(?:that|this|it)(?:'s|\s+is)\s+(?:out|off\s+the\s+table|a\s+no-?go|"
                                              r"not\s+an\s+option)\b", m.group(0), re.I):
                        # "... came out at ~$250/mo for our volume so that's out": the verdict's subject is
                        # a pronoun; it means the option the reply offered that this sentence names
                        offered = self._offer_named_in(body, i)
                        if offered:
                            subjects.append(offered)
                            pronoun = True
                            continue
                    if _is_amount(obj):
                        pronoun = pronoun or not weak  # "3.7h lol no": the measured option on the table, by its number
                        continue
                    obj = _named_part(body, m.start("obj"), obj)
                    if not obj:
                        continue  # "a camera that crashes every 40s is worse", "the dump this morning was 38G": no option named
                    key = _topic_key(obj)
                    if re.search(r"\bfrom (?:the )?(?:repo|git|disk|project|codebase|folder|dir(?:ectory)?|tree|branch)\b",
                                 body[m.start("obj"):m.end() + 30], re.I):
                        continue  # "remove the xml from the repo": tidying files, not giving up an approach
                    if not key or obj.lower() in _PRONOUN_OBJ or key in _PRONOUN_OBJ or obj.lower() in _VERDICT_NOUNS:
                        pronoun = pronoun or not weak  # "answer is no: ...": about the option on the table
                        continue
                    if re.fullmatch(r"(?:we|i|you|ops|infra|they|way)(?: \w+)?", key):
                        continue
                    a = self._find(key)
                    # "No openpose then.": a conclusion drawn from the reply that just weighed it, whatever its name looks like
                    concluded = weak and bool(re.search(r"\s+then$", m.group("obj").strip(" .,;:!"), re.I))
                    if a is None and weak and (entities(obj) or self._offered_by_name(obj, i) or concluded) \
                            and self._assistant_named(obj, i):
                        a = self._open(obj, i - 1, by_user=False)  # "No, not WP-Cron." about what the reply just proposed
                        if a is not None and concluded and not a.reason:
                            a.reason = self._weighed_against(obj, body[m.end():], i)
                    named = named or not weak or a is not None
                    if a and a not in found:
                        found.append(a)
                        if len(key.split()) >= 2 and len(obj) <= 40 and not re.search(r"\w[._]\w", a.display) \
                                and _half_shared(a.topic, key):
                            a.display = obj  # the user's name for it ("redis sessions"), not over a code name or another subject
                    elif not a and not weak:
                        unknown.append(obj)
            cur = self._current(i)
            if not named and cur is not None and cur.errors and _STAY_RE.search(body):
                pronoun = True  # "no, stay on 9.0.3 for now" right after the upgrade failed: it is dropped
            if (_REJECT_GENERIC_RE.search(body) or _VERDICT_RE.search(body)) and not named:
                # "doesn't help", "that rules it out": about what is on the table ("no naked delete" names its own)
                pronoun = True
                own = _SUBJECT_RE.match(body)
                subj = (own.group("subj") or own.group("subj2")) if own else ""
                if subj and _topic_key(subj) and subj.lower().split()[0] not in _PRONOUN_OBJ | {"we", "i", "you", "that's"}:
                    subjects.append(subj)  # "pin is not supported here, that's out": the pin
        if not found:
            # an option named and turned down in so many words ("mender is out") is not costed out by guesswork
            found += self._option_refused(bodies, i) or ([] if unknown else self._option_costed_out(bodies, i))
        if unknown and not found:
            for obj in unknown:
                a = self._open(obj, i, by_user=True)
                if a and a not in found:
                    found.append(a)
        if pronoun and not found:
            a = self._current(i)
            if subjects and not (a and any(_mentions(x.lower(), a.topic) for x in subjects)):
                known = self._find(_topic_key(subjects[0]))
                # the verdict names its own subject (already closed when told as history)
                a = None if known and known.rejected_at >= 0 else self._open(subjects[0], i, by_user=True)
            # "I don't want that" is about what was just on the table: the last few turns name it
            if a and (i - a.turn) <= 12 and any(_mentions(f"{t.text} {t.input}".lower(), a.topic)
                                                for t in self.turns[max(0, i - 5):i + 1]):
                found.append(a)
        for a in found:
            if a.rejected_at < 0 or a.rejected_at >= i:
                a.rejected_at = i
            a.reject_text = _joined(a.reject_text, whole)
        return found

    def _option_refused(self, bodies: list[str], i: int) -> list[_Approach]:
        """"nah don't duplicate state into userdefaults, I had that in v1 and it went out of sync":
        a "don't/no ..." that shares a distinctive word with exactly one option the assistant just
        listed turns that option down."""
        prev = self._reply_before(i)
        options = [text.replace("**", "") for _, text in _listed_options(prev.text)] if prev is not None else []
        if len(options) < 2:
            return []
        for body in bodies[:2]:
            m = re.match(r"^\W*(?:nah|no|nope)?[,\s]*(?:please\s+)?(?:don'?t|do not|not|no)\s+(?P<rest>[^.;!?]{4,})", body, re.I)
            if not m:
                continue
            words = set(re.findall(r"[a-z][a-z0-9_]{4,}", m.group("rest").lower())) - _GENERIC - _REASON_FILLER
            hits = [(o, shared) for o in options for shared in [words & set(re.findall(r"[a-z][a-z0-9_]{4,}", o.lower()))]
                    if shared]
            if len(hits) != 1:
                continue
            (option, shared), = hits
            named = [re.sub(r"\(.*$", "", e).strip("`") for e in entities(option) if any(w in e.lower() for w in shared)]
            head = re.split(r"[:—]\s|\s-\s", option, maxsplit=1)[0].strip(" .")
            a = self._open(named[0] if named else fit(head, 40), i - 1, by_user=False)
            if a is not None:
                a.offered = True
                said = m.group("rest").split(", ", 1)  # "duplicate state into userdefaults, I had that in v1 and ..."
                said[0] = _TRAILING_FILLER_RE.sub("", said[0])
                a.display = fit(f"{said[0]} ({a.display})" if named and a.display not in said[0] else said[0], 60)
                a.reason = _strip_lead(said[1] if len(said) > 1 else body[m.end():].strip(" ,;:-")).rstrip(".")
                return [a]
        return []

    def _option_costed_out(self, bodies: list[str], i: int) -> list[_Approach]:
        """"duende needs a paid license for us, we're over the revenue cap. do it ourselves": a
        reply that gives exactly one listed option a reason against it, and takes up another
        listed option, turns the first down with that reason."""
        prev = self._reply_before(i)
        if prev is None or not (re.search(r"\b(?:options?|alternatives?|either|ways?|choices?)\b", prev.text, re.I)
                                or len(_listed_options(prev.text)) >= 2):  # "Three realistic ones: 1. ... 2. ..."
            return []
        items = [text.replace("**", "") for _, text in _listed_options(prev.text)] or [
            m.group(1).replace("**", "") for m in re.finditer(r"^\s*[-*•]\s+(.+)$", prev.text, re.M)]
        heads = [re.split(r"[:—–]\s|\s[-—–]\s", it, maxsplit=1)[0].strip(" .`") for it in items]
        marks = [{w for w in re.findall(r"[a-z][a-z0-9_]{3,}", h.lower()) if w not in _GENERIC | _REASON_FILLER}
                 for h in heads]  # "Duende.BFF" is said "duende"
        if len(items) < 2 or not all(marks):
            return []
        reply = " ".join(bodies).lower()
        for body in bodies[:3]:
            low = body.lower()
            named = [k for k, ws in enumerate(marks) if any(re.search(r"(?<![\w-])" + re.escape(w) + r"(?![\w-])", low) for w in ws)]
            if len(named) != 1 or _QUESTION_RE.search(body) or not _PRICED_OUT_RE.search(body) \
                    or re.search(r"\b(?:stays?|keep|stick|fine|ok|good|great|works?)\b", body, re.I):
                continue
            taken = [k for k, ws in enumerate(marks) if k != named[0] and any(
                re.search(r"(?<![\w-])" + re.escape(w) + r"(?![\w-])", reply) for w in ws if len(w) >= 5)]
            if len(taken) != 1:
                continue  # no other option taken up: a remark about the option, not a choice against it
            names = [re.sub(r"\(.*$", "", e).strip("`") for e in entities(heads[named[0]])]
            a = self._open(names[0] if names else fit(heads[named[0]], 40), i - 1, by_user=False)
            if a is not None:
                a.offered = True
                a.reason = _strip_lead(body).rstrip(".")
                return [a]
        return []

    def _weighed_against(self, name: str, tail: str, i: int) -> str:
        """Why "no X then" turned X down: the user's own words after it ("too risky") and the
        reply's most telling sentence about X, the weighing the user concluded from."""
        prev = self._reply_before(i)
        stem = re.escape(re.sub(r"(?<=\w\w\w)s$", "", name))  # "no passkeys then" about "a passkey is ..."
        said = [_strip_lead(x) for x in sentences(prev.text) if not _QUESTION_RE.search(x)
                and re.search(r"(?<![\w-])" + stem + r"(?:e?s)?(?![\w-])", x, re.I)] if prev is not None else []
        own = _strip_lead(re.split(r"[.!?]\s", tail.strip(" ,;:-"), maxsplit=1)[0]).rstrip(".")
        # the sentence that weighs it (a cost, a need, a catch) before the one that names most
        best = max(said, key=lambda x: (len(_REASON_STRONG_RE.findall(x)), telling(x))) if said else ""
        why = fit(best.rstrip("."), 150 - len(own)) if best else ""
        return "; ".join(x for x in (own, why) if x)

    def _offered_by_name(self, name: str, i: int) -> bool:
        """The assistant turn before user turn `i` lists `name` as an option of its own (a list
        item that opens with it) or quotes it as code: "- atdgen: write .atd type definitions"."""
        prev = self._reply_before(i)
        if prev is None:
            return False
        item = re.compile(r"^\s*(?:[-*+•]|\d+[.)]|\(?[a-h]\))\s+(?:\*\*)?`?" + re.escape(name) + r"(?![\w-])", re.I | re.M)
        return bool(item.search(prev.text)) or f"`{name.lower()}`" in prev.text.lower()

    def _offer_named_in(self, body: str, i: int) -> str:
        """The first technical name of the reply before user turn `i` that `body` also says."""
        prev = self._reply_before(i)
        if prev is None:
            return ""
        names = [e.strip("`*") for e in entities(prev.text)] + [
            w for w in re.findall(r"(?<=[\s,(])[A-Z][\w.+-]{2,}", prev.text) if w.lower() not in _SENTENCE_OPENERS]
        low = body.lower()
        hits = [(m.start(), n) for n in dict.fromkeys(names) if len(n) >= 3
                for m in [re.search(r"(?<![\w-])" + re.escape(n.lower()) + r"(?![\w-])", low)] if m]
        return min(hits)[1] if hits else ""

    def _assistant_named(self, name: str, i: int) -> bool:
        """The assistant turn right before user turn `i` names `name`."""
        prev = self._reply_before(i)
        return prev is not None and re.search(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", prev.text, re.I) is not None

    def _revive(self) -> None:
        """An approach turned down and later adopted by the user (a DECISION about it after
        the rejection) hit a setback, not a dead end: it gets no FAILED fact."""
        for a in self.approaches:
            if a.rejected_at < 0:
                continue
            for c in self.out:
                if (c.kind in ("DECISION", "PATTERN") and c.turn > a.rejected_at and a.topic not in c.replaces
                        and not has_failure_words(c.text) and not _RULED_OUT_RE.search(c.text)
                        and not _named_as_gone(c.text, a.topic)
                        # its own name, not a word it shares ("membership moved to events/" is no attendeeEmails)
                        and max(re.split(r"[\s_-]+", a.topic), key=len) in f"{c.topic} {c.text}".lower()
                        and (_same_topic(c.topic, a.topic) or _mentions(c.text.lower(), a.topic))):
                    self.revived_at.add(a.rejected_at)
                    a.rejected_at = -1
                    break

    def _failed(self) -> None:
        for a in self.approaches:
            if a.rejected_at < 0 or self._switched_away(a):
                continue
            reason = a.reason or _reason(a, [o for o in self.approaches if o is not a and o.rejected_at == a.rejected_at])
            if not a.reason and not _reason_words(reason, a.topic) - _VACUOUS - {"not", "no", "nope", "nah", "out"}:
                reason = _told_next(a.reject_text, reason) or reason  # "not wkhtmltopdf. <why, in the next sentence>"
            if not a.reason and not _mentions(reason.lower(), a.topic) and not a.errors:
                reason = self._assistant_failure(a) or reason
            if a.reason and a.errors and _says_nothing(reason, a.topic):
                # "doesn't work here" names nothing: the error the attempt hit says what went wrong
                err = _short_error(_best_error(a.errors))
                if err.lower() not in reason.lower():
                    reason = f"{reason} ({err})"
            reason = re.sub(r"^(?:ever|again|period|full stop)\b[.,!;]?\s*", "", reason or "", flags=re.I)  # "no X. ever, ..."
            name = a.display if len(a.display) <= 48 else a.topic
            name = re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.I)
            name = re.sub(r"\s+(?:idea|stuff|thing|approach)$", "", name, flags=re.I)
            name = re.sub(r"(?:\s+(?:a|an|the|i|that|so|anyway|today|with|to|of|for|and|or|but))+$", "", name, flags=re.I)
            if not name or name.lower() in _NOT_A_NAME or set(name.lower().split()) <= _INTERJECTIONS:
                continue  # "always: abandoned", "NO haha: failed": a pattern caught a word, not an approach
            lead = re.match(r"(?:on|in|at|for|with|from|to|by|of|about)\s+(?:the\s+|a\s+|an\s+)?", name, re.I)
            if lead:  # "on SchemaUtils at boot" names SchemaUtils; "on the crewboard board" names nothing
                if not entities(name[lead.end():]):
                    continue
                name = name[lead.end():]
            name = with_full_name(name, self.turns, a.rejected_at)  # "k8s (kubernetes)"
            # "revert esqueleto": said as a revert, remembered as one
            verb = "reverted" if re.search(r"\b(?:revert|roll(?:ed)? (?:it )?back)", a.reject_text, re.I) else "abandoned"
            text = f"{name}: {verb}, {reason}" if reason else f"{name}: {verb}"
            source = " ".join([a.display, a.reject_text, *a.errors, *a.explanations[-2:]])
            self.out.append(Candidate(
                kind="FAILED", text=clean_text(text), topic=a.topic, evidence=a.reject_text or (a.errors[:1] or [""])[0],
                source=source, files=[], score=0.9 if a.by_user or a.reject_text else 0.6, turn=a.rejected_at,
                reason=reason))

    def _assistant_failure(self, a: _Approach) -> str:
        """The user said "forget X" with a reason about something else; the assistant's report of
        how X failed just before ("The unity build fails: ... collide") says why."""
        for j in range(a.rejected_at - 1, max(-1, a.rejected_at - 4), -1):
            t = self.turns[j]
            if t.role == "user":
                break
            if t.role != "assistant":
                continue
            for sent in sentences(t.text):
                low = sent.lower()
                if (_mentions(low, a.topic) and not _QUESTION_RE.search(sent)
                        and not re.match(r"\s*(?:\d+[.)]|[-*•])\s", sent)  # an offered option's drawback, not what happened
                        and (has_failure_words(sent) or re.search(r"\b(?:collide|clash|errors?|mismatch|ambiguous|breaks?|"
                                                                  r"too slow|(?:does|did|wo)n'?t compile|blocker|refus(?:es|ed)|"
                                                                  r"rejects?|rejected|(?:not|isn'?t|aren'?t) supported|unsupported|"
                                                                  r"incompatible|impossible|no way to|can'?t|cannot)\b", low)
                             or (re.search(r"\d", sent) and _WORSE_RE.search(sent)))):  # "SMOTE makes PR-AUC worse: 0.389 vs 0.412"
                    told = re.sub(r"^[^:]{0,60}\b(?:fails?|failed)\s*:\s*", "", sent)
                    told = re.sub(r"^(?:that'?s|this is|here'?s)\s+the\s+(?:real\s+)?(?:blocker|problem|catch|issue)\s*:\s*", "",
                                  told, flags=re.I)  # "That's the real blocker: <what blocks>"
                    return clean_text(fit(told, 140).rstrip("."), 140)
        return ""

    def _switched_away(self, a: _Approach) -> bool:
        """"drop core data, move to swiftdata: less boilerplate" names the old choice and drops it
        in the turn that decides its replacement, with nothing tried or failing in this session:
        a reversal (a DECISION that replaces it), not a dead end."""
        if a.reason or a.turn != a.rejected_at or a.errors or not self.turns[a.turn].role == "user" or _NEG_EVIDENCE_RE.search(a.reject_text):
            return False
        if any(_mentions(f"{t.input} {t.text}".lower(), a.topic) for t in self.turns[:a.turn]):
            return False  # it was in play earlier in this session: giving it up now ends an attempt
        return any(c.kind == "DECISION" and c.turn == a.turn and any(_same_topic(r, a.topic) for r in c.replaces)
                   for c in self.out)

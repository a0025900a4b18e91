"""What the user states, turn by turn: decisions (said outright, after a label or colon, by
accepting or correcting the assistant, by answering its question), rules and preferences,
and TODOs (including the open items the assistant lists for next time)."""

from __future__ import annotations

import re

from memwrap.extract.candidate import Candidate
from memwrap.extract.cues import (_ACCEPT_RE, _OUTCOME_ONLY_RE, _REJECT_GENERIC_RE, _REJECT_RES, _TENTATIVE_RE, _TODO_RE,
                                  _VERDICT_RE)
from memwrap.extract.entities import entities
from memwrap.extract.fit import fit
from memwrap.extract.state import ExtractorState, _Approach
from memwrap.extract.statements import _named_pick, _numbered_pick
from memwrap.extract.text import sentences
from memwrap.extract.topics import (_QUESTION_RE, _TIME_WORDS, _TODO_FILLER, _content_words, _mentions, _names_replaced,
                                    _same_topic, _strip_lead, _topic_key, _topic_key_all, after_label, file_paths)
from memwrap.facts import clean_text, has_failure_words
from memwrap.reversal import replaced_phrases

_OPEN_ITEMS_RE = re.compile(r"\b(?:open items?|open (?:for|until) (?:next time|later|\w+day)|todos?|to-dos?|left open|"
                            r"(?:left |saved )?for (?:later|next time|next week|tomorrow)|still open|not done yet|"
                            r"remaining work)\b[^:\n.!?]{0,40}:", re.I)  # "Noted for next time. Recap:" heads no open items

_LABEL_RE = re.compile(r"^(?P<label>[A-Za-z][\w/-]*(?:\s+[\w/-]+){0,2}):\s+(?P<val>[^:?]{2,})$")
_DECISION_LABEL_RE = re.compile(r"(?:final\s+|our\s+)?(?:decision|decided|verdict|choice|conclusion|resolution|outcome|agreed|plan)",
                                re.I)
_LABEL_SKIP_RE = re.compile(
    r"\b(?:problem|question|issue|note|update|context|btw|fyi|todo|rule|reason|result|answer|error|thing|idea|plan|"
    r"goal|task|summary|status|tldr|example|edit|ps|also|next|first|second|then|so|ok|okay|hint|warning|bug|"
    r"guess|hunch|worry|concern|fear|theory|suspicion|observation|symptom|proposal|suggestion|wish|request|"
    r"heads up|fwiw|aside|side note|background)\b", re.I)
# the fields of a pasted report or ticket, as a whole label ("Title: Stored XSS ...", "Recommendation: encode
# ..."); "test environment: sqlite in memory" is still a choice
_FIELD_LABEL_RE = re.compile(
    r"(?:title|details?|description|recommendations?|remediation|severity|impact|findings?|cvss|cwe|owasp|affected|"
    r"steps to reproduce|expected(?: result)?|actual(?: result)?|environment|reporter|assignee|priority|component|"
    r"labels?|references?)", re.I)
_EXCLUDE_RE = re.compile(r"^(?:no|not|never|without)\s+\S+(?:\s+\S+){0,3}(?:,\s*(?:and\s+)?(?:no|not|never)\s+\S+(?:\s+\S+){0,3})*\.?$", re.I)

_PREF_PERSON_RE = re.compile(
    r"\b(?:i (?:always|never|prefer|hate|can'?t stand)|in general|about me|about how i|"
    r"all my|every \w+ (?:project )?of mine|across all|my style|personally|don'?t ever|never ever|"
    r"in the future|from now on,? (?:please|always|never)|anywhere,? ever|how i write|"
    r"i don'?t want to see|in my code|i never want|i (?:don'?t|do not) want any|"
    # "i want static typing everywhere", "i want to see the plan each time"
    r"i want (?:[\w-]+\s+){1,4}?(?:everywhere|each time|every time|in every \w+))\b", re.I)
# How the user wants the assistant to work here, as a standing condition: "for anything that touches the
# firewall: explain what changes BEFORE you apply it", "before you touch anything: pg_dump", "show me the
# diff before writing any file", "wait for my ok before running sudo". Project scope: about this setup.
_PROTOCOL_RE = re.compile(
    r"^\W*(?:for anything that|anything that|whenever you|every time you|each time you|"
    r"before (?:you |u |we )?(?:touch|run|change|apply|restart|deploy|write|edit|delete|drop|migrate|upgrade|configure)\w*\s+"
    r"(?:anything|any\b|something))[^.;!?]{0,80}?[:,]\s*\S|"
    # "before you say done: run phpstan", "before you fire a 30 day insert on the cluster show me the explain first"
    r"^\W*before (?:you |u )?(?:say|tell|report|call)\w*\b[^.;!?]{0,40}[:,]\s*\S|"
    r"^\W*before (?:you |u )(?:\w+\s+){1,10}?(?:show|explain|tell|ask)\s+(?:me|us)\b|"
    r"^(?!\W*(?:i'?ll|i will|we'?ll|we will|let me|let'?s)\b)[^.;!?]{0,40}?"
    r"\b(?:show|explain|tell|ask|paste|wait for)\b[^.;!?]{0,60}?\bbefore\s+(?:you\s+|u\s+|we\s+)?"
    r"(?:run|apply|writ|touch|chang|execut|deploy|push|commit|delet|restart|install|upgrad|migrat|do)\w*\s+"
    r"(?:anything|any\b|every|each)|"
    r"^(?!\W*(?:i'?ll|i will|we'?ll|we will|let me|let'?s)\b)[^.;!?]{0,40}?"
    r"\b(?:show|explain)\s+(?:me\s+)?(?:every|each|any)\b[^.;!?]{0,60}?\bbefore\b|"
    # who runs what: "give me the sql, I run db changes myself", "run stuff yourself, i'm ssh'd in"
    r"\bi\s+(?:run|do|apply|deploy|push|merge|commit|restart|execute)\b[^.;!?]{0,40}?\bmyself\b|"
    r"\b(?:run|do)\s+(?:stuff|things|it|them|commands?)\s+yourself\b|"
    # how answers should come: "command first, explanation after, short"
    r"\b(?:command|code|answer|diff|summary|result)s?\s+first,\s+(?:the\s+)?(?:explanation|details|reasoning|why|context)\s+"
    r"(?:after|later|second|below)\b", re.I)
_PREF_RULE_RE = re.compile(r"\b(?:always|never|prefer|only|don'?t ever|no \w+ anywhere|please (?:use|write|keep|answer))\b", re.I)
# A rule said tersely, without "I" or a rule cue: "never default exports, ever.", "pnpm only, don't
# touch package-lock.", "always ninja, never makefiles".
_TERSE_RULE_RE = re.compile(
    r"^(?:(?:never|always)\s+(?!mind\b)\S|(?:don'?t|do not) ever\b|"
    r"no\s+[\w@./+#-]+(?:\s+[\w@./+#-]+)?(?:\s+(?:btw|tho|though))?,?\s+(?:ever|please|pls)\b|"
    r"(?!(?:we|i|you|they|it|there|that|this|he|she|is|are|was|have|has)\b)(?:the\s+|our\s+)?[\w@./+#-]+(?:\s+[\w@./+#-]+)?\s+only\b(?!\s+(?:if|when|for now|once|because|\w+ed)\b)|"
    # "no default exports anywhere in the renderer", "honeysql only when the where clause is dynamic, plain sql otherwise"
    r"no\s+[\w@./+#-]+(?:\s+[\w@./+#-]+)?\s+(?:anywhere|at all)\b|"
    r"[\w@./+#-]+(?:\s+[\w@./+#-]+)?\s+only\s+(?:when|if)\b[^.;,]{0,120},\s*[^.;,]{0,120}?\botherwise\b|"
    # "ReleaseSafe not ReleaseFast.": one named thing over another, said alone
    r"(?=[\w@./+#-]*[A-Z0-9_./-])[\w@./+#-]+\s+not\s+[\w@./+#-]+\.?$)", re.I)
# "general rule btw: ...": a label that says what follows is a rule (read as one, then taken off its text)
_RULE_LABEL = r"(?:general|ground|team|hard|golden) rule"
_PATTERN_RE = re.compile(
    r"\b(?:rule for this|house rule|" + _RULE_LABEL + r"|convention|like the rest of (?:our|the|this)\s+\w+|"
    r"the whole (?:repo|codebase|project|app|team) (?:is|uses)|same as (?:all )?(?:our|the) other|in this (?:repo|project|codebase|service)|for this (?:repo|project|codebase)|"
    r"(?:goes|go|must go) through|lives in|live in|belongs? in|(?:goes|go|belongs?|lives?) in(?:to)? [\w.-]+/|never call|always call|must (?:always|never)|"
    r"should always|should never|(?:defined|declared|kept|listed)\s+(?:exactly\s+)?once|single source of truth|"
    r"in (?:exactly )?one place|that'?s how (?:the team|we|this team) (?:writes?|does|names?|formats?))\b", re.I)

# A rule said as a quantified requirement: "every migration needs a down that works", "each job gets a
# failure notification", "i want every run logged to mlflow", "i want no Redux in here"
_QUANTIFIED_RULE_RE = re.compile(
    r"(?:^|[,;:]\s*)(?:and\s+|also\s+)?(?:every|each)\s+(?:new\s+)?[\w`./-]+(?:\s+[\w`./-]+)?\s+"
    r"(?:needs?|must|should|has to|gets?|goes)\b|^i\s+want\s+(?:every|all|everything|no|zero|nothing)\b|"
    # "everything db related is an integration test", "everything that stays goes through the playbook"
    r"^(?:and\s+|also\s+)?everything\s+(?!else\b)(?:[\w`./-]+\s+){1,3}?(?:is|are|goes|go|must|should|stays|has to|needs)\b"
    r"(?!\s+(?:fine|ok|okay|good|great|broken|working|done|green|clean|there|ready|set|up|down|gone|still|now|back)\b)", re.I)

# The opening request is what the session works on: there, only a real deferral makes a TODO.
# A question that asks to record something is a request, not a question.
_NOTE_REQUEST_RE = re.compile(r"(?:\b(?:can|could|would|will) you\s+|\bplease\s+)?\b(?:leave|add|put|keep|make|write|jot)\b"
                              r"[^.?!]{0,25}?\b(?:as\s+)?(?:a\s+|an\s+)?(?:note|todo|to-do|reminder)s?\b|\bremind me\b", re.I)
# "Enough for today.", "ok that's it for now": the session ending, not work being deferred
_SIGN_OFF_RE = re.compile(r"^\W*(?:ok(?:ay)?\W+)?(?:(?:that'?s\s+)?enough\s+for\s+(?:today|now|the day)|call(?:ing)?\s+it\s+a\s+day|"
                          r"that'?s\s+(?:it|all)\s+for\s+(?:today|now)|done\s+for\s+(?:today|now|the day)|let'?s\s+(?:stop|wrap\s+up))\b", re.I)
_WEAK_TODO_RE = re.compile(r"^(?:we need to|still missing|left to do|what'?s left)$", re.I)

_NOISE_RE = re.compile(
    r"^(?:hi|hey|hello|yo|morning|good (?:morning|evening|night)|thanks?|thank you|ty|bye|cheers|lol|haha|"
    r"ok(?:ay)?|cool|nice|great|perfect|sounds good|(?:talk|see you|catch you)(?: to you)? later|have a (?:good|nice) \w+|"
    r"you too|that'?s it|no that'?s it|nope)\b[\s!.,]*$", re.I)

# "please just fix the link": a request for work, not a choice.
_WORK_REQUEST_RE = re.compile(r"^(?:please\s+)?(?:just\s+)?(?:fix|look|check|help|do|run|make it|finish|continue)\b", re.I)
_CORRECTION_START_RE = re.compile(r"^\s*(?:no+\b|nope\b|wrong\b|not quite\b|that'?s (?:wrong|not right)|actually,)", re.I)
_WE_DONT_USE_RE = re.compile(r"^(?:we|this (?:repo|project|team|codebase)) (?:don'?t|do not|never) use\b", re.I)
_CORRECTION_FACT_RE = re.compile(r"\b(?:we (?:don'?t|do not|never) use|we(?:'re| are) not using|it'?s|it is|we use|"
                                 r"we(?:'re| are) using|we(?:'re| are) on)\b", re.I)
_HUNCH_RE = re.compile(r"(?:^|:\s*)(?:i think|i guess|i believe|i suspect|maybe|probably|perhaps|seems)\b", re.I)
# A proposal worth keeping names a thing: code, a path, a number, a Capitalised name mid-sentence.
_NAMES_SOMETHING_RE = re.compile(r"`|\w[/._]\w|\d|(?<=\s)[A-Z][\w+#-]*[A-Za-z]")

_AGREE_RE = re.compile(
    r"^(?:(?:yes|yep|yeah|ok(?:ay)?|sure|fine|sounds good|go ahead|go for it|go|do it|do that|agreed|deal|lgtm|"
    r"makes sense|perfect|let'?s do (?:it|that)|please do|alright|all right|ship it|sgtm|works for me|that works|"
    r"fair enough|good idea|great idea|\U0001F44D)(?:\s|[,.!]|$)+)+", re.I)

# A rule word that governs something done to code ("only use X", "always run Y", "prefer Z"), not
# a description ("we don't cache stock, only the catalog"; "my first thought was the cache")
_RULE_ACTION_RE = re.compile(r"\b(?:always|never|only|prefer|please)\s+(?:\w+\s+){0,2}?(?:use|write|put|call|run|add|"
                             r"commit|push|edit|name|keep|import|return|log|test|format|go|make|create|touch|answer|reply|"
                             r"comment|type|declare|throw|raise|catch|deploy|merge|rebase|squash|pin|bump|mock)\w*\b|"
                             r"\bprefer\b|\bi (?:like|want|hate)\b|\b[\w-]+(?:\s+[\w-]+)?\s+only\s*(?:please\b|[,.;!]|$)", re.I)

# "don't edit internal/db" / "never hand-edit the lockfile": a prohibition on a named thing is a rule
_PROHIBIT_RE = re.compile(r"(?:^(?:\d[.)]\s+)?(?:(?:argh|ugh|oh|ah|hey|also|btw|oops|wait|so|and|ok(?:ay)?)[,!:]?\s+)*|[,;:]\s+|\band\s+)"
                          r"(?:please\s+|pls\s+|plz\s+)?(?:don'?t|do not|never)(?:\s+you\s+dare)?\s+(?:ever\s+)?"
                          r"(?:edit|touch|change|modify|"
                          r"use|add|import|commit|push|call|put|write|delete|remove|rename|install|mock|run|hand-edit|"
                          r"hardcode|reformat|bump|upgrade|cat|print|echo|log|paste|share|expose|deploy|force-push|merge|"
                          r"skip|disable|want|pull\s+in|bring\s+in|bother\s+with|introduce|reach\s+for|apply|kubectl\s+apply)\b\s+(?P<obj>.+)$", re.I)
# a prohibition meant to stand beyond this task ("... yourself", "without asking me", "never do that again")
_STANDING_RE = re.compile(r"\b(?:ever|again|yourself|without asking|anymore|from now on|at all|anywhere|everywhere|"
                          r"in this (?:repo|project|codebase))\b",
                          re.I)
_FOR_NOW_RE = re.compile(r"\b(?:for now|yet|today|right now|this time|until|in this (?:pr|commit|branch))\b", re.I)
# "later." / "not now" / "next time" in reply to an offer: the offer is a TODO
_DEFER_REPLY_RE = re.compile(r"^(?:later|not now|not yet|not today|next time|another time|some other time|tomorrow|"
                             r"maybe later|after (?:the|that|this)\b[^,.]{0,30})(?:\s|[,.!]|$)+", re.I)
_PROPOSAL_RE = re.compile(
    r"^(?:(?:so|then|ok),?\s+)?(?:i(?:'?d| would) (?:also |really |probably |still )?(?:go with|suggest|recommend|propose|use|pick|make|keep)|i (?:suggest|recommend|propose)|"
    r"my (?:suggestion|recommendation|pick|vote) (?:is|would be)|"
    r"(?:the )?(?:real|proper|better|right|simplest|cleanest|safest) (?:fix|option|approach|way|choice) "
    r"(?:is|would be)|better (?:next step|option) would be|(?:if you want, )?(?:next time )?i can|we should)\b", re.I)
_OFFER_QUESTION_RE = re.compile(r"^(?:want (?:that|this|me to)|shall i|should i|ok\?|sound good|do you want)", re.I)
_DECIDE_HEAD_RE = re.compile(r"\b(?:decide[ds]?|decision|settle[ds]?|the rule is|final answer|let'?s say|verdict|conclusion)\b", re.I)


# "<setting> should/must be <a value with a number or code>": "the page size must be 50", "retries should be `3`"
_SETTING_RE = re.compile(r"^(?:the\s+|our\s+)?[\w.-]+(?:\s+[\w.-]+){0,3}?\s+(?:should|must|needs? to|has to)\s+be\s+"
                         r"(?:set to\s+|at most\s+|at least\s+)?(?:\d|`|[\w.-]*\d)", re.I)


# Words of putting something off, which say nothing about what is put off
_DEFERRAL_WORDS = {"next", "time", "today", "tomorrow", "morning", "evening", "week", "thing", "things", "leave",
                   "out", "list", "note", "todo", "look", "at", "let", "lets", "though", "anyway", "yet", "nah", "just",
                   "curious", "tired", "meeting", "go", "must", "thank", "you", "for", "later", "not", "now", "put",
                   "add", "both", "them", "keep", "park", "backlog", "remember", "maybe", "someday", "idea", "ideas",
                   "point", "good", "nice", "demo", "release", "launch", "standup", "sprint", "but", "and", "then"}


def _negated(clause: str) -> bool:
    """"we won't use X" is negated; "use runes, not stores" is a choice with its contrast."""
    neg = re.search(r"\b(?:not|don'?t|won'?t|never)\b", clause, re.I)
    if not neg:
        return False
    cue = _ACCEPT_RE.search(clause)
    return not cue or neg.start() < cue.start() or not _topic_key(clause[cue.end():neg.start()])


_RECAP_RE = re.compile(r"\b(?:recap|summary(?: of (?:today|the session|the changes|[\w.\s-]{1,20}?))?|what changed|changes made|"
                       r"done today|(?<!for )(?<!plan )today(?:'s (?:changes|work|session))?|wrap[- ]?up|what we did)\s*:",
                       re.I)
# "Today's changes: a (b, c), d; e." at the start of a sentence: the same recap written inline
_INLINE_RECAP_RE = re.compile(r"(?:^|(?<=[.!]\s))(?:(?:quick |short )?(?:summary|recap)(?: of (?:today|the session|the changes))?|"
                              r"done(?: today| so far)?|today(?:'s changes)?|changes(?: made| today)?|what changed)\s*:\s*",
                              re.I | re.M)


def top_level_items(text: str) -> list[str]:
    """"a (b, c), `d, e`; and f" -> ["a (b, c)", "`d, e`", "f"]: commas and semicolons outside
    brackets and code spans separate the items of an inline list."""
    items, start, depth, in_code = [], 0, 0, False
    for k, ch in enumerate(text):
        if ch == "`":
            in_code = not in_code
        elif in_code:
            continue
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(0, depth - 1)
        elif ch in ",;" and depth == 0 and text[k + 1:k + 2] == " ":
            items.append(text[start:k])
            start = k + 1
    items.append(text[start:])
    return [re.sub(r"^(?:and|plus)\s+", "", i.strip()).rstrip(".").strip() for i in items if i.strip()]
_ASK_RE = re.compile(r"^\W*(?:and\s+)?(?:sure|ok(?:ay)?|yes)?[,\s]*(?:please\s+)?(?:start|run|do|go ahead|fix|add|make|commit|"
                     r"push|deploy|continue|open|check|write|create|try|go with|let'?s)\b", re.I)


def sentence_case(text: str) -> str:
    """Capitalise a fact's first word, unless it is an identifier ("query_all", "pnpm", "vim.system")."""
    first = text.split(" ", 1)[0]
    return text if re.search(r"[_./`@\d]|^[a-z]+[A-Z]", first) else text[:1].upper() + text[1:]


# "Hmm wait. Actually no." / "on second thought" / "scratch that": the user takes back their own choice
_MIND_CHANGE_RE = re.compile(r"(?:^|[.!]\s+|\b(?:hmm+|wait|ok)[,.!\s]+)(?:actually,?\s+no|on second thought|scratch that|"
                             r"forget what i said|i changed my mind|change of plan)\b|"
                             r"^\W*(?:hmm+\W+)?wait\b[^?]{0,160}?(?:\bno[.!]|\blet'?s not\b)", re.I)


# A recap item telling something was taken out for a reason, or measured and kept out:
# "wire:poll on dashboard removed (300 qps)", "happy-dom measured ... but breaks <dialog> tests; staying on jsdom"
_RECAP_DROPPED_RE = re.compile(r"\b(?:removed|dropped|ruled out|rejected)\s*[(:]|\bbut (?:breaks|broke|fails|crashes)\b.*\bstay(?:s|ing)? on\b",
                               re.I)
# A closing list headed by these offers or plans; it is not what the session did
_PLAN_HEAD_RE = re.compile(r"\b(?:plan\w*|next|todo|open|options?|steps?|questions?|choices?|alternatives?|propos\w+|suggest\w*|"
                           r"could|would|should|might|if|tomorrow|later|left|remaining|ideas?|approaches)\b|\?", re.I)


# A recap item that tells a fix: "(Lisbon DST fix)", "notes were capped at 30", "local variable got released → icon vanished"
_FIXED_ITEM_RE = re.compile(r"\b(?:fix(?:ed|es)?|bug|was (?:wrong|broken|missing)|were (?:capped|missing|lost|wrong)|"
                            r"got (?:released|lost|dropped)|vanished|crash\w*|leak\w*)\b", re.I)


# "Dropped: web client (Pro only), forced relay (US 7-8 fps)": a recap line listing several dead ends, each with why
_DROPPED_LABEL_RE = re.compile(r"^\W*(?P<verb>dropped|rejected|ruled out|abandoned|discarded|not used)\W*:\s*(?P<rest>.+)$", re.I)
# items part after a closing parenthesis (", " / " and ") or at a semicolon, never inside a name
_DROPPED_SPLIT_RE = re.compile(r"(?<=\))\s*(?:,|\band\b)\s*|\s*;\s*")


def dropped_items(item: str) -> list[str]:
    """A recap line that lists two or more dead ends, one fact each ("forced relay: dropped (US 7-8 fps)");
    [] for any other line."""
    m = _DROPPED_LABEL_RE.match(item)
    if not m:
        return []
    verb = m.group("verb").lower()
    parts = [x.strip(" ,.") for x in _DROPPED_SPLIT_RE.split(m.group("rest")) if x and x.strip(" ,.")]
    if len(parts) < 2:
        return []
    out = []
    for part in parts:
        part = re.sub(r"^(?:and|or)\s+", "", part)
        told = re.match(r"(?P<name>[^(]+?)\s*\((?P<why>[^)]*)\)(?P<after>.*)$", part)
        out.append(f"{told['name']}: {verb} ({told['why']}){told['after']}" if told else f"{part}: {verb}")
    return out


class StatementMixin(ExtractorState):
    """Reads DECISION, PREFERENCE/PATTERN and TODO candidates from user turns (and the assistant's open items)."""

    def _answered(self, i: int) -> int:
        """The assistant turn user turn `i` replies to (the last turn before it that is not a tool
        run, when it is the assistant's; within three turns), or -1."""
        prev = next((j for j in range(i - 1, max(-1, i - 4), -1) if self.turns[j].role != "tool"), -1)
        return prev if prev >= 0 and self.turns[prev].role == "assistant" else -1

    def _closing_list(self, i: int, text: str) -> re.Match[str] | None:
        """The session's last assistant message, when it is a head line and three or more items
        ("Done for today:", "Where things stand:"): its recap, however the head is worded. A head
        that offers options or plans next steps is not one."""
        if any(t.role == "assistant" and t.text.strip() for t in self.turns[i + 1:]):
            return None
        head = re.search(r"(?m)^(?P<head>[^\n]{3,60}):[ \t]*\n(?=(?:[ \t]*(?:[-*•]|\d[.)])[ \t]+.{12,}(?:\n|$)){3})", text)
        if not head or _PLAN_HEAD_RE.search(head.group("head")) or _OPEN_ITEMS_RE.search(head.group(0)):
            return None
        return head

    def _open_items(self, i: int, text: str) -> None:
        """"Noted as open items:" / "Still open for next time:" followed by a list: each item is a
        TODO the assistant recorded for the user (it is what a teammate would want next time).
        A "Recap:" / "Summary of today:" list is what was decided and done: weak DECISIONs that
        fill the quota only where the user's own words gave nothing stronger."""
        recap = _RECAP_RE.search(text) or self._closing_list(i, text)
        listed = re.findall(r"(?m)^\s*(?:[-*•]|\d[.)])\s+(.{12,})$", text[recap.end():]) if recap else []
        if not listed:
            inline = _INLINE_RECAP_RE.search(text)
            rest = sentences(text[inline.end():]) if inline else []
            listed = top_level_items(rest[0]) if rest else []
            listed = listed if len(listed) >= 2 else []  # "Done: the test passes." is not a list
        if listed:
            split = [(item, dropped_items(item.strip().rstrip("."))) for item in listed[:6]]
            parts = {x for _, items in split for x in items}
            listed = [x for item, items in split for x in (items or [item])]
            for item in listed[:8]:
                item = item.strip().rstrip(".")
                if item in parts or len(_content_words(item)) >= 3 and entities(item):  # a part: its line named things
                    # "Edge runtime tried and reverted (...)" is a dead end; "Open: e2e test" is work left
                    labelled_todo = re.match(r"\W*(?:open|todo|next|later)\b", item, re.I)  # "**TODO**: ... point of failure"
                    if _OUTCOME_ONLY_RE.search(item) and not has_failure_words(item):
                        continue  # "Certificate obtained for X", "the site answers 200": what happened, not a choice
                    ruled_out = re.search(r"\b(?:is|was) (?:a )?(?:no-go|non-?starter|ruled out|off the table)\b", item, re.I)
                    # "Deepsleep tried: ~41 mA ... -> replaced by lightsleep": a summary says "tried" of what did not stay
                    tried = re.search(r"\b(?:tried|attempted)\b", item, re.I) or _RECAP_DROPPED_RE.search(item)
                    kind = ("TODO" if labelled_todo else "FAILED" if has_failure_words(item) or ruled_out or tried else
                            "TODO" if _TODO_RE.search(item) else "BUG_FIX" if _FIXED_ITEM_RE.search(item) else "DECISION")
                    # a dead end as the session's own summary tells it, with its outcome, beats a mid-session verdict
                    self.out.append(Candidate(kind=kind, text=clean_text(fit(sentence_case(item), 156)),
                                              topic=_topic_key(item), evidence=item[:200], source=text,
                                              files=file_paths(item), score={"FAILED": 0.92, "BUG_FIX": 0.7}.get(kind, 0.66), turn=i))
        head = _OPEN_ITEMS_RE.search(text)
        if not head:
            return
        items = re.findall(r"(?m)^\s*(?:[-*•]|\d[.)])\s+(.{8,})$", text[head.end():])
        inline = sentences(text[head.end():].split("\n", 1)[0].strip())
        if items and inline and head.group(0).rstrip().endswith(":") and _RECAP_RE.search(text, head.end()):
            items = inline[:1]  # "Open item: dump X, then delete Y. Summary of 0.5.0:\n- ...": the list is the recap
        elif not items and head.group(0).rstrip().endswith(":"):
            rest = text[head.end():].strip()
            items = [sentences(rest)[0]] if rest else []  # "Open for next time: minimal-diff apply ..."
        elif items and inline and not re.search(r"[.!?:]$", text[head.end():].split("\n", 1)[0].strip()):
            # "Noted for next time: invariant suite ... asserting\n1. X, and\n2. Y": one item, its list its parts
            whole = text[head.end():].split("\n", 1)[0].strip() + " " + "; ".join(x.strip().rstrip(".,") for x in items)
            items = [re.sub(r",? and;", ";", whole)]
        for item in items[:4]:
            item = item.strip().rstrip(".")
            if re.search(r"\b(?:obsolete|moot|no longer (?:needed|relevant|applies)|not needed any ?more)\b", item, re.I):
                continue  # "Expired-session cleanup is obsolete now": struck off the list, not open
            if len(_content_words(item)) >= 2:
                self.out.append(Candidate(kind="TODO", text=clean_text(fit(item[0].upper() + item[1:], 156)),
                                          topic=_topic_key(item), evidence=item[:200], source=text, files=file_paths(item),
                                          score=0.75, turn=i))

    def _agreement(self, i: int, sents: list[str]) -> None:
        """"ok core data. go" / "yes ok, do that" / "👍": the user accepts what the assistant
        just proposed, so the proposal is the DECISION ("yes, next time" makes it a TODO)."""
        if not sents:
            return
        m = _AGREE_RE.match(sents[0].strip()) or _DEFER_REPLY_RE.match(sents[0].strip())
        if not m:
            return
        rest = sents[0][m.end():]
        if re.search(r"\b(?:thanks|thank you|thx|bye|that'?s all|that'?s it|see you)\b", sents[0], re.I):
            return  # "ok thanks, that's all for today": a goodbye, not an acceptance
        refused = next((m for rx in _REJECT_RES for m in [rx.search(rest)] if m), None)
        if refused and not _REJECT_GENERIC_RE.search(rest):
            self._accept_replacement(i, refused.group("obj"))  # "ok yeah kill the hook" after "drop the hook and Y"
            return
        if _REJECT_GENERIC_RE.search(rest) or refused:
            return  # "ok forget unity build" turns something down; it accepts nothing
        if len(_topic_key_all(rest)) > 2 and not re.match(
                r"\W*(?:for|from now on|going forward|everywhere|across|in|on|but|and|only)\b", rest, re.I):
            self._restated_choice(i, rest)
            return  # "do it for new ones from now on" scopes the acceptance; anything else is its own statement
        prev = self._answered(i)
        if prev < 0:
            return
        said = [x for x in sentences(self.turns[prev].text) if x.strip()]
        offer = ""
        named = [w for w in _topic_key_all(rest) if w not in _TODO_FILLER and w not in {"go", "ahead", "please"}]
        if named:  # "ok merge": the assistant's sentence about the thing the user names
            offer = next((x for x in reversed(said) if all(w in x.lower() for w in named)
                          and not _QUESTION_RE.search(x) and not _VERDICT_RE.search(x)), "")
        for k in range(len(said) - 1, -1, -1):
            if offer:
                break
            x = said[k]
            if _OFFER_QUESTION_RE.search(x) and k > 0 and len(x.split()) <= 4:
                offer = said[k - 1]  # "Dropping the + saves 4 minutes. Want that?"
                break
            if _OFFER_QUESTION_RE.search(x) and len(x.split()) > 4:
                offer = _OFFER_QUESTION_RE.sub("", x).strip(" ?")  # "Want me to switch the job to cron?"
                break
            if _PROPOSAL_RE.search(x) and not _QUESTION_RE.search(x):
                offer = x
                break
        asked = self._proposal_question(prev)
        if not offer and asked and said and re.match(r"(?:yes|yep|sure|good idea|definitely)\b[:,]\s*\S", said[0], re.I):
            # the user asked "can we X?", the assistant answered "Yes: <how>", the user said "do it"
            offer = re.sub(r"^\w+(?: idea)?[:,]\s*", "", said[0])
            if not set(_content_words(asked)) <= set(_content_words(offer)):
                offer = f"{asked}: {offer}"  # what was asked for names it ("number by timestamp")
        num = re.search(r"\b(\d)\b", rest) or re.search(r"\boption\s+(\d)\b", offer, re.I)
        if num:  # "go with 2" / "I'd recommend option 2": the numbered item it points at
            item = re.search(r"(?m)^\s*" + num.group(1) + r"[.)]\s+(.+)$", self.turns[prev].text)
            if item and _NAMES_SOMETHING_RE.search(item.group(1)):
                offer = item.group(1)
        later = _TODO_RE.search(" ".join(sents[:2])) or _DEFER_REPLY_RE.match(sents[0].strip())
        at = next((n for n, x in enumerate(said) if offer and offer in x), -1)
        if later and offer and len(offer.split()) <= 8 and at > 0 and not _QUESTION_RE.search(said[at - 1]):
            # "Want me to add the migration?" -> "later": the sentence before says what the migration is for
            offer = f"{fit(after_label(said[at - 1]), 90).rstrip('.')}: {offer}"
        if not offer or _VERDICT_RE.search(offer) or not (later or _NAMES_SOMETHING_RE.search(offer)):
            return  # "I'd recommend restarting your terminal": nothing to remember
        text = _PROPOSAL_RE.sub("", offer, count=1).strip(" ,:;.")
        text = re.sub(r"^(?:to|that we|we|i'?ll|i will|let me|we'?ll|we will)\s+", "", text, flags=re.I)
        if len(_topic_key_all(text)) < 2:
            return
        kind = "TODO" if later else "DECISION"
        opening = self._opening_need()
        if kind == "DECISION" and opening and not set(_topic_key_all(text)) & set(_topic_key_all(opening)):
            text = f"{text.rstrip('.')} (for {opening})"  # the question it answers
        self.out.append(Candidate(
            kind=kind, text=clean_text(text[0].upper() + text[1:]), topic=self._decision_topic(text, i),
            evidence=f"{offer} / {sents[0]}", source=offer, files=file_paths(text), score=0.8, turn=i))

    def _accept_replacement(self, i: int, dropped: str) -> None:
        """"ok yeah kill the hook" right after "Better: drop the hook Job and run migrations as an
        `initContainer`": dropping what the proposal drops accepts the proposal's replacement."""
        prev = self._answered(i)
        if prev < 0:
            return
        key = set(_topic_key_all(dropped)) - _TODO_FILLER
        for x in sentences(self.turns[prev].text):
            m = re.search(r"\b(?:drop|remove|replace|kill|ditch|get rid of)\s+(?P<old>[^,;.]{2,60}?)\s+(?:and|with|by|in favou?r of)\s+"
                          r"(?P<new>.{8,})$", after_label(x), re.I)
            if m and key and key <= set(_topic_key_all(m.group("old"))) and _NAMES_SOMETHING_RE.search(m.group("new")) \
                    and not _QUESTION_RE.search(x):
                text = fit(re.split(r"\s+[—–]\s+", m.group("new"))[0].strip(" .") + f"; {m.group('old').strip()} dropped", 150)
                self.out.append(Candidate(
                    kind="DECISION", text=clean_text(text[0].upper() + text[1:]), topic=self._decision_topic(text, i),
                    evidence=f"{x} / {dropped}", source=x, files=file_paths(text), score=0.8, turn=i,
                    replaces=[_topic_key(m.group("old"))]))
                return

    def _change_of_mind(self, i: int, sents: list[str]) -> None:
        """"Hmm wait. Actually no. [why]. Let's do Y instead.": the user's own earlier choice in this
        session is dropped; it becomes FAILED with the reasons given now, never a DECISION."""
        head = " ".join(sents[:3])
        if not _MIND_CHANGE_RE.search(head):
            return
        earlier = [c for c in self.out if c.kind in ("DECISION", "PATTERN") and i - 12 <= c.turn < i
                   and self.turns[c.turn].role == "user"]
        if not earlier:
            return
        dropped = earlier[-1]
        why = [x for x in sents if not _MIND_CHANGE_RE.fullmatch(x.strip(" .!")) and not _QUESTION_RE.search(x)
               and not _ACCEPT_RE.search(x) and not re.search(r"\b(?:instead|sorry)\b", x, re.I)
               and len(_content_words(x)) >= 3]
        name = re.sub(r"^(?:let'?s\s+)?(?:use|do|go with|try)\s+", "", dropped.text, flags=re.I).rstrip(".")
        name = fit(re.split(r",\s|\s+and\s+(?:just\s+)?", name, maxsplit=1)[0], 50)  # the choice, not its details
        reason = fit(max(why, key=len), 148 - len(name)) if why else "changed mind"
        self.out.remove(dropped)
        self.out.append(Candidate(kind="FAILED", text=clean_text(f"{name}: dropped, {reason}"), topic=dropped.topic,
                                  evidence=head[:200], source=f"{dropped.source} {' '.join(sents)}",
                                  files=dropped.files, score=0.85, turn=i, reason=reason))

    def _answer(self, i: int, sents: list[str]) -> None:
        """The assistant asked which/what/how long ("For the unique option: what window do you
        want?") and the user answers in a few words ("10 minutes, yes."): that choice is a DECISION,
        named by the question."""
        prev = next((j for j in range(i - 1, max(-1, i - 3), -1) if self.turns[j].role != "tool"), -1)
        if prev < 0 or self.turns[prev].role != "assistant" or not sents:
            return
        asked = [x for x in sentences(self.turns[prev].text)
                 if _QUESTION_RE.search(x) and re.search(r"\b(?:what|which|how (?:many|much|long|often|big))\b", x, re.I)]
        reply = sents[0].strip()
        if (not asked or _QUESTION_RE.search(reply) or len(reply.split()) > 8 or _NOISE_RE.match(reply)
                or not re.search(r"\d|`|\b[A-Z]\w+|\w[._/-]\w", reply)
                or _numbered_pick(reply, self.turns[prev].text) or _named_pick(reply, self.turns[prev].text)):
            return  # "10 minutes" / "the EU bucket" / "`v2`" name a choice; "yes sure" does not; "2, try X" picks an option
        why = next((x for x in sents[1:3] if not _QUESTION_RE.search(x) and len(_content_words(x)) >= 2), "")
        text = f"{fit(asked[-1].rstrip('?'), 70)}: {reply.rstrip('.')}" + (f" ({fit(why.rstrip('.'), 60)})" if why else "")
        self.out.append(Candidate(
            kind="DECISION", text=clean_text(text), topic=_topic_key(asked[-1]), evidence=f"{asked[-1]} / {reply}",
            source=f"{asked[-1]} {' '.join(sents[:3])}", files=file_paths(text), score=0.75, turn=i))

    def _proposal_question(self, answer: int) -> str:
        """The user's "can we / should we X?" that the assistant turn `answer` replies to, as "X"."""
        ask = next((j for j in range(answer - 1, max(-1, answer - 4), -1) if self.turns[j].role == "user"), -1)
        if ask < 0:
            return ""
        for q in reversed([x for x in sentences(self.turns[ask].text) if _QUESTION_RE.search(x)]):
            m = re.search(r"\b(?:can|could|should|shall) we\s+(?P<x>[^?]{3,80})\?|\b(?:what|how) about\s+(?P<y>[^?]{3,80})\?", q, re.I)
            if m:
                return (m.group("x") or m.group("y")).strip()
        return ""

    def _restated_choice(self, i: int, rest: str) -> None:
        """"yes, uuid primary keys with gen_random_uuid() for invoices": the user accepts the
        assistant's recommendation in their own words, which are the DECISION."""
        prev = self._answered(i)
        rest = rest.strip(" ,.;:-")
        if (prev < 0 or _QUESTION_RE.search(rest) or not entities(rest)
                or _ACCEPT_RE.search(rest)  # "ok let's go with X": a decision sentence of its own, read as one
                or _negated(rest) or _TODO_RE.search(rest) or any(c.turn == i and c.kind == "DECISION" for c in self.out)):
            return
        said = self.turns[prev].text.lower()
        if not any(w in said for w in _content_words(rest)):
            return  # not about what the assistant just said: something new, read elsewhere
        self.out.append(Candidate(
            kind="DECISION", text=clean_text(rest[0].upper() + rest[1:]), topic=self._decision_topic(rest, i),
            evidence=rest, source=rest, files=file_paths(rest), score=0.8, turn=i))

    def _correction(self, i: int, sents: list[str]) -> None:
        """"no no, we don't use the provider package. it's riverpod" right after the assistant
        said what it would do: the user corrects a wrong assumption, a strong DECISION."""
        if not sents or not (_CORRECTION_START_RE.match(sents[0]) or any(_WE_DONT_USE_RE.match(x.strip()) for x in sents)):
            return
        prev = self._answered(i)
        if prev < 0:
            return
        said = []
        for raw in sents[:4]:
            body = _strip_lead(re.sub(r"^(?:no+[\s,.!]+)+", "", raw, flags=re.I))
            if body and not _QUESTION_RE.search(body) and _CORRECTION_FACT_RE.search(body) and not _PATTERN_RE.search(body):
                said.append(body.rstrip("."))
        if not said or len(_topic_key_all(" ".join(said))) < 2:
            return
        text = "; ".join(said[:2])
        negated = [m.group(1) for m in re.finditer(r"\b(?:don'?t|do not|never|not) us(?:e|ing)\s+(?:the\s+)?([\w@./+#-]+(?:\s+[\w@./+#-]+)?)",
                                                   text, re.I)]
        self.out.append(Candidate(
            kind="DECISION", text=clean_text(text[0].upper() + text[1:]), topic=self._decision_topic(said[-1], i),
            evidence=" ".join(sents[:3]), source=" ".join(sents[:4]), files=file_paths(text), score=0.85, turn=i,
            replaces=[n.lower() for n in negated]))

    def _opening_need(self) -> str:
        """What the user asked for when the session opened with a question for options
        ("offline mode. notes need to persist locally. options?")."""
        if self.first_user < 0:
            return ""
        said = sentences(self.turns[self.first_user].text)
        if not said or not _QUESTION_RE.search(said[-1]):
            return ""
        need = [x.rstrip(".") for x in said[:-1] if len(_topic_key_all(x)) >= 2
                and not re.match(r"(?:hi|hey|hello|morning|good (?:morning|afternoon|evening)|quick question|so)\b", x, re.I)]
        return clean_text(", ".join(need), 60) if need else ""

    def _decided_after_colon(self, body: str, i: int, rejected: list[_Approach]) -> bool:
        """"let's just decide it: presence is keyed by user id, not per tab" -> what follows the
        colon is the decision, with its "not ..." contrast kept."""
        m = re.match(r"^(?P<head>[^:`]{1,60}?)\s*(?::|->|→|=>)\s+(?P<rest>\S.*)$", body)
        if not m or not _DECIDE_HEAD_RE.search(m.group("head")) or len(m.group("head").split()) > 8:
            return False
        rest = m.group("rest").strip().rstrip(".")
        if len(_topic_key_all(rest)) < 2:
            return False
        # "decision for the queue -> we use SQS": the head's own subject labels the decision
        subject = re.sub(r"\b(?:final|our|the|my|a|decision|decided|decide[sd]?|settle[sd]?|it|for|on|about|let'?s|just|"
                         r"actually|ok(?:ay)?|so|is|rule|say|answer)\b", " ", m.group("head"), flags=re.I).strip(" ,.-")
        if subject and _topic_key(subject) and not _mentions(rest.lower(), _topic_key(subject)):
            rest = f"{subject}: {rest}"
        self.out.append(Candidate(
            kind="DECISION", text=clean_text(rest[0].upper() + rest[1:]), topic=_topic_key(rest), evidence=body,
            source=body, files=file_paths(rest), score=0.8, turn=i,
            replaces=list(dict.fromkeys([a.topic for a in rejected] + replaced_phrases(body)))))
        return True

    def _report_field(self, label: str, i: int) -> bool:
        """"Title:", "Recommendation:", or "Finding FK-03 Severity:" in a turn with more such lines:
        a field of a pasted report or ticket, not a choice ("test environment: sqlite" still is one)."""
        label = label.strip()
        if _FIELD_LABEL_RE.fullmatch(label):
            return True
        if not _FIELD_LABEL_RE.fullmatch(label.split()[-1]):
            return False
        fields = re.findall(r"(?im)^\s*(?:[\w/-]+\s+){0,3}?(" + _FIELD_LABEL_RE.pattern + r")\s*:", self.turns[i].text)
        return len(fields) >= 2

    def _label_decision(self, body: str, nxt: str, i: int) -> bool:
        """"state management: riverpod." / "local storage: we'll use sqflite" -> a DECISION that
        keeps its label; a following "no X, no Y" is part of it."""
        m = _LABEL_RE.match(body)
        if not m or _LABEL_SKIP_RE.search(m.group("label")) or self._report_field(m.group("label"), i) \
                or _TODO_RE.search(body) or _PATTERN_RE.search(body):
            return False
        val = m.group("val").strip()
        if not _topic_key(val) or len(val) > 100 or re.search(r"\b(?:not|don'?t|never)\b|^no\b", val, re.I):
            return False
        label = m.group("label")
        # "Decision: use JWT" -> "use JWT": a label that only says "this is a decision" adds nothing
        text = val.rstrip(".") if _DECISION_LABEL_RE.fullmatch(label.strip()) else f"{label}: {val.rstrip('.')}"
        if nxt and _EXCLUDE_RE.match(nxt) and len(text) + len(nxt) < 150:
            text = f"{text}; {nxt.rstrip('.')}"
        self.out.append(Candidate(
            kind="DECISION", text=clean_text(text[0].upper() + text[1:]), topic=_topic_key(val), evidence=body,
            source=f"{body} {nxt}", files=file_paths(text), score=0.8, turn=i, replaces=replaced_phrases(body)))
        return True

    def _decision(self, body: str, i: int, rejected: list[_Approach]) -> None:
        if _TODO_RE.match(_strip_lead(body)):
            return  # "pending: move X to Y" opens with its deferral: a TODO, not a decision
        parts = [p.strip() if re.match(r"no\s+\w", p.strip(), re.I) else _strip_lead(p) for p in re.split(
            r"\s*(?:;|:(?!\d|//)|,\s|\s-\s|\.\s|\band\b(?= (?:use|try|go|switch|keep|stay|move)))\s*", body)]  # "no emojis" keeps
        # its "no"; "03:30" and "https://" keep their colon
        parts = [p for p in parts if p]
        rej = [a for a in self.approaches if a.rejected_at == i] or rejected
        # A clause naming a rejected approach is cut, unless it says what replaces it
        # ("move off helm to kustomize" is the decision, with helm as what it replaces).
        clean = [p for p in parts if not any((_same_topic(_topic_key(p), a.topic) or _mentions(p.lower(), a.topic))
                                             and not _names_replaced(p, a.topic) for a in rej)]
        first = next((n for n, c in enumerate(clean) if _ACCEPT_RE.search(c) and not _negated(c)), None)
        if first is not None:
            picked = []
            for c in clean[first:]:
                if not _negated(c):
                    picked.append(c)
                elif picked and re.match(r"(?:not|no|rather than|instead of)\s+\S", c, re.I) and len(c.split()) <= 5:
                    picked[-1] = f"{picked[-1]}, {c}"  # "we use SQS, not RabbitMQ": the contrast belongs to it
            # "go with option 1" says nothing by itself: the option it names does
            picked = [f"{self._numbered_option(c, i).rstrip('.')} (chosen)" if self._numbered_option(c, i) else c
                      for c in picked]
            if len(picked) > 1 and len(_topic_key(_ACCEPT_RE.sub(" ", picked[0])).split()) == 0:
                picked = picked[1:]  # "let's do exactly that, <the content>"
        elif rej:
            picked = [c for c in clean if re.search(r"\b(?:just (?:use|go|keep|stay|do|run|poll)|use|instead|plain|stay|keep|go with|try|"
                                                    r"separate|^poll)\b", c, re.I)
                      and not _WORK_REQUEST_RE.match(c)
                      and not any(a.reason and c.lower() in a.reason.lower() for a in rej)  # why it was dropped
                      and not re.search(r"\b(?:not|don'?t|won'?t|no|never|can'?t|ugh|honestly|mistake)\b", c, re.I)
                      and not _REJECT_GENERIC_RE.search(c)]
        else:  # "sample interval should be 10 min btw, not 30s": a setting the user fixes, with its value
            at = next((n for n, c in enumerate(clean) if _SETTING_RE.match(c) and not _TENTATIVE_RE.search(c)), None)
            if at is None:
                return
            picked = [re.sub(r"\s+(?:btw|by the way|though|tho|then)$", "", clean[at], flags=re.I)]
            if at + 1 < len(clean) and re.match(r"(?:not|no|rather than|instead of)\s+\S", clean[at + 1], re.I) \
                    and len(clean[at + 1].split()) <= 5:
                picked[-1] = f"{picked[-1]}, {clean[at + 1]}"
        if not picked:
            return
        text = ", ".join(picked)
        said = text
        tentative = bool(_TENTATIVE_RE.search(text)) and not re.search(r"\bkeep|stays|done deal|it is\b", text, re.I)
        topic = self._decision_topic(text, i)
        if len(text.split()) <= 2 or len(_content_words(_ACCEPT_RE.sub(" ", text))) <= 1:
            text = self._enrich(topic, text, i)  # "ok let's go with HoneySQL": what HoneySQL is for
        if text == said and not set(_topic_key(_ACCEPT_RE.sub(" ", text)).split()) - _TODO_FILLER - _TIME_WORDS:
            return  # "we'll do it after": nothing but pronouns and time words
        self.out.append(Candidate(
            kind="DECISION", text=clean_text(text[0].upper() + text[1:]), topic=topic, evidence=body, source=body,
            files=file_paths(text), score=0.45 if tentative else 0.8, turn=i,
            replaces=list(dict.fromkeys([a.topic for a in rej] + replaced_phrases(body)))))

    def _decision_topic(self, text: str, i: int) -> str:
        for a in reversed(self.approaches):
            if a.rejected_at < 0 and re.search(r"\b" + re.escape(a.topic.split()[0]), text.lower()):
                return a.topic
        m = re.search(r"\b(?:use|with|to|on|keep)\s+(?:a\s+|an\s+|the\s+)?([\w@./+#-]+(?:\s+[\w./+#-]+)?)", text, re.I)
        if m and _topic_key(m.group(1)):
            return _topic_key(m.group(1))
        rest = re.sub(r"\b(?:let'?s|we|do|exactly|that|this|will|just|go|use|should|i|think)\b", " ", text, flags=re.I)
        return _topic_key(rest)

    def _numbered_option(self, text: str, i: int) -> str:
        """"let's go with option 1" -> item 1 of the assistant's latest numbered list."""
        m = re.search(r"\b(?:option|number|approach|variant|#)\s*(\d)\b", text, re.I)
        if not m:
            return ""
        for j in range(i - 1, max(-1, i - 8), -1):
            if self.turns[j].role == "assistant":
                item = re.search(r"(?m)^\s*" + m.group(1) + r"[.)]\s+(.+)$", self.turns[j].text)
                if item:
                    return item.group(1).strip()
        return ""

    def _enrich(self, topic: str, text: str, i: int) -> str:
        """A bare "keep zustand" says little: add the assistant's last description of it, or
        else its acknowledgement right after ("`vim.system()` (Neovim 0.10+) takes stdin ...")."""
        after = [j for j in range(i + 1, min(len(self.turns), i + 4)) if self.turns[j].role == "user"][:1]
        stop = after[0] if after else min(len(self.turns), i + 4)
        for j in list(range(i - 1, max(-1, i - 6), -1)) + list(range(i + 1, stop)):
            t = self.turns[j]
            if t.role != "assistant":
                continue
            for s in sentences(t.text):
                if topic and topic.split()[0] in s.lower() and not _QUESTION_RE.search(s) and (len(s) < 140 or j > i):
                    lead = r"^(?:with|using)\s+" + re.escape(topic.split()[0]) + r"(?:\s+v?\d[\w.]*)?,?\s*"
                    said = re.sub(r"^" + re.escape(topic.split()[0]) + r"\s*:\s*", "", _strip_lead(re.sub(lead, "", s, flags=re.I)),
                                  flags=re.I)  # "Yes, renv: ..." -> "renv: ..." once, not "renv: renv: ..."
                    return f"{topic}: {fit(said, 150 - len(topic))}"
        return text

    def _rules(self, body: str, i: int, sents: list[str], k: int, consumed: set[int]) -> bool:
        if _HUNCH_RE.search(body) or re.match(r"\W*i (?:don'?t|do not) (?:understand|get|know|see)\b", body, re.I):
            return False  # "I think the error is only from our loss": a hunch, not a rule
        person = _PREF_PERSON_RE.search(body)
        rule = _PATTERN_RE.search(body) or _QUANTIFIED_RULE_RE.search(body)
        protocol = _PROTOCOL_RE.search(body) and not _QUESTION_RE.search(body)
        raw = re.sub(r"^(?:(?:ok(?:ay)?|thanks|good|great|nice|also|and|btw|wait|oh|hmm|ah)\b[\s,.!]*)+", "", sents[k].strip(), flags=re.I)
        if re.match(r"no\s", raw, re.I) and _TERSE_RULE_RE.match(raw):
            body = raw  # "no lodash, ever": the lead-in stripper would eat the "no"
        labelled = after_label(body)
        if labelled != body and _TERSE_RULE_RE.match(labelled):
            body = labelled  # "rule for the team: never edit an applied migration"
        banned = re.match(r"no\s+([\w@./+#-]+)", raw, re.I)
        if banned and entities(banned.group(1)) and not _QUESTION_RE.search(raw) and not _TODO_RE.search(raw):
            body = raw  # "no ORM btw. no jennifer, no granite. plain crystal-db + pg.": a standing ban
        # "i restarted it at 19:30 on purpose btw, never restart mgmt during office hours, people are on calls": the
        # rule after the story
        mid = re.search(r",\s+(?:never|always)\s+(?!mind\b|\w+ed\b|\w+[^s\W]s\b|(?:been|had|was|were|did|knew|thought|saw|got|heard|came|went|"
                        r"made|found|told|said|ran|took|gave|left|felt|kept|sent|built|paid|worked|wanted|seen|done|gone)\b)\w+",
                        raw, re.I)
        if mid and not person and body == sents[k].strip() and not _QUESTION_RE.search(raw) and not _TODO_RE.search(raw):
            body = raw[mid.start() + 1:].strip()
        # "schema and data migrations go in separate files, always.": the rule, then that it stands
        standing = bool(re.search(r"(?:,|\s-)\s*(?:always|every time|each time|from now on|in general)\s*[.!]?$", raw, re.I)) \
            and len(raw.split()) >= 5 and not _QUESTION_RE.search(raw)
        if standing:
            body = raw
        head = re.split(r"\s+[—–-]\s+|;\s", body, maxsplit=1)[0]  # "always pnpm here, not npm — the lockfile is ..."
        if re.match(r"(?:no|always|never)\s", head, re.I):
            head = head.split(", ")[0]  # "no durable objects pls, too pricey for ...": the ban, then its reason
        terse = (bool(_TERSE_RULE_RE.match(body)) or bool(banned and body == raw)) and len(head.split()) <= 14 \
            and not _QUESTION_RE.search(body)
        scope = sents[k + 1].strip(" .!").lower() if k + 1 < len(sents) else ""
        if scope in {"everywhere", "always", "from now on", "all of them", "in every file", "across the board"} \
                and entities(body) and len(body.split()) <= 6 and not _QUESTION_RE.search(body):
            body, terse = f"{body.rstrip('.')} {scope}", True  # "query_all. everywhere."
            consumed.add(k + 1)
        forbid = _PROHIBIT_RE.search(raw)
        lasting = forbid is not None and bool(_STANDING_RE.search(raw)) and not _FOR_NOW_RE.search(raw) \
            and not re.match(r"(?:it|this|that|them|these|those)\b", forbid.group("obj"), re.I)  # "don't paste it anywhere"
        if forbid and (entities(forbid.group("obj")) or file_paths(forbid.group("obj")) or lasting
                       or re.match(r"\.\w[\w.-]*\b", forbid.group("obj"))) \
                and not _QUESTION_RE.search(raw):
            body, terse = raw, True  # "don't edit internal/db. generated.": a standing rule about the code
        bare_no = re.fullmatch(r"(?:no|not)\s+[\w@./+#-]+\.?", sents[k - 1].strip(), re.I) if k > 0 else None
        if bare_no and (terse or _PREF_RULE_RE.search(body)):
            body = f"{bare_no.group(0).rstrip('.')}, {body}"  # "no testify. stdlib testing only": one rule
        if not (person or rule or terse or protocol or standing or (_PREF_RULE_RE.search(body) and re.search(r"\b(?:i|me|my)\b", body, re.I)
                                                            and _RULE_ACTION_RE.search(body))):
            return False
        text = body
        before = _strip_lead(re.sub(r"^[^\w`]+", "", sents[k - 1])) if k > 0 else ""
        if terse and re.match(r"(?:always|never)\b", body, re.I) and not entities(body) \
                and len(_content_words(before)) >= 2 and not _QUESTION_RE.search(before) \
                and len(before) + len(body) < 160:
            text = f"{before.rstrip('.')}; {body}"  # "run phpstan too pls. always before I commit": what "always" is about
        # "rule for this project: X." + "Y." -> keep following sentences of the turn while short.
        for n, nxt in enumerate(sents[k + 1:k + 3], start=k + 1):
            nb = _strip_lead(nxt)
            if not nb or n in consumed or _QUESTION_RE.search(nb) or len(text) + len(nb) > 170 or _ASK_RE.match(nb):
                break  # "and sure, start the dev server" is a request, not more of the rule
            if _ACCEPT_RE.search(nb) and not _PATTERN_RE.search(nb):
                break
            if _TODO_RE.search(nb):
                break
            text = f"{text} {nb}"
            consumed.add(n)
        text = re.sub(r"^(?:(?:also|general thing about me|one thing about how i write \w+ in general|"
                      r"(?:house )?rule for this (?:repo|project|codebase)(?: btw)?|" + _RULE_LABEL + r"(?: btw)?|in this codebase and in general|"
                      r"fyi|btw)[\s,:]*)+", "", text, flags=re.I).strip(" ,:")
        text = re.sub(r"^(?:another thing|one more thing|could you|can you|please)[\s,:]*", "", text, flags=re.I)
        text = re.sub(r"^(?:\d[.)]\s+)?(?:(?:argh|ugh|oh|ah|oops|pls|plz|please)[\s,!:]+)*", "", text, flags=re.I)
        if len(text.split()) < (2 if terse else 3):
            return False
        global_ = bool(person) and not file_paths(text)
        kind = "PREFERENCE" if person or protocol or not rule else "PATTERN"  # how to work with the user is theirs
        self.out.append(Candidate(
            kind=kind, text=clean_text(sentence_case(text)), topic=_topic_key(text), evidence=body,
            source=body, files=file_paths(text), score=0.8, turn=i,
            scope="global" if (kind == "PREFERENCE" and global_) else "project"))
        return True

    def _todo(self, body: str, i: int, sents: list[str], k: int, consumed: set[int]) -> None:
        cues = [m.group(0) for m in _TODO_RE.finditer(body)]
        if not cues:
            return
        if i == self.first_user and all(_WEAK_TODO_RE.match(c) for c in cues):
            return  # the opening request is the session's work, not something left open
        rest = _TODO_RE.sub(" ", body)
        if re.match(r"^\s*(?:got it\W*|thanks\W*)*\s*i(?:'ll| will| am going to|'m going to)\b", rest, re.I) and \
                not set(_topic_key(rest).split()) - _TODO_FILLER - _TIME_WORDS:
            return  # "I'll try it myself later": the user's own plan, nothing to carry over
        text = body
        probe = _NOTE_REQUEST_RE.sub(" ", body)  # "can you leave that as a note for next time?" says only "later"
        content = _topic_key(_TODO_RE.sub(" ", re.sub(r"\b(?:i know|it'?s|that'?s|for|the|we|us|do|to)\b", " ", probe, flags=re.I)))
        if len(content.split()) < 2 or (k > 0 and not entities(probe) and len(probe) < 60 and _TODO_RE.match(_strip_lead(probe))):
            # "not today though, I have a meeting": opens with the deferral and names nothing, so it defers what came before
            prev = _strip_lead(sents[k - 1]) if k > 0 else ""
            if k > 1 and _TODO_RE.search(prev) and not entities(prev) and len(prev) < 60:
                prev = _strip_lead(sents[k - 2])  # "X. not now. leave it as todo": X is what is deferred
            asks = bool(prev) and _QUESTION_RE.search(prev) and re.match(r"(?:check|look|verify|test|see|investigate)\b", body, re.I)
            if not prev or (_QUESTION_RE.search(prev) and not asks) or len(prev.split()) < 3 or _SIGN_OFF_RE.match(prev):
                return  # "coupon ssr same issue? check tomorrow" keeps its question; "enough for today" defers nothing
            text = prev.rstrip(".") + " (" + body.rstrip(".") + ")"
            self.out[:] = [c for c in self.out if not (c.turn == i and c.kind == "TODO" and c.evidence == prev)]
        elif k > 0 and re.search(r"\b(?:there|that|it)\b(?!')", body, re.I) and len(body) < 90:
            prev = _strip_lead(sents[k - 1])  # "we need to add X there" -> say where "there" is
            if prev and not _QUESTION_RE.search(prev) and len(prev) + len(body) < 170:
                text = f"{prev.rstrip('.')}; {body}"
        text = self._todo_context(text, i)
        text = re.sub(r"^(?:(?:still need to do|what'?s left|next session|tomorrow we still need|todo)[\s,:]*)",
                      "", text, flags=re.I).strip(" ,:")
        unsaid = re.sub(r"\b(?:running|ran|run|out) (?:out )?of time\b", " ", _TODO_RE.sub(" ", text), flags=re.I)
        said = set(_topic_key_all(unsaid)) - _TODO_FILLER - _TIME_WORDS - _DEFERRAL_WORDS
        if not said and not entities(text):
            return  # "That's for next time, I'm out of time today.": a deferral of nothing we can name
        late = i >= self.last_user - 2
        self.out.append(Candidate(
            kind="TODO", text=clean_text(text[0].upper() + text[1:]) if text else "", topic=_topic_key(text),
            evidence=body, source=body, files=file_paths(text), score=0.75 if late else 0.55, turn=i))

    def _todo_context(self, text: str, i: int) -> str:
        """"the customers endpoint we fix next time" refers to what the assistant just pointed
        out: add its sentence when it names the same thing and says more (a path, an identifier)."""
        prev = next((j for j in range(i - 1, max(-1, i - 4), -1) if self.turns[j].role == "assistant"), -1)
        if prev < 0 or len(text) > 90:
            return text
        mine = {w for w in _topic_key_all(text) if len(w) >= 5} - _TODO_FILLER - _TIME_WORDS - _DEFERRAL_WORDS
        for sent in sentences(self.turns[prev].text):
            if _QUESTION_RE.search(sent) or not re.search(r"[/`_(]", sent):
                continue
            if any(word.startswith(w) for word in re.findall(r"[a-z0-9]+", sent.lower()) for w in mine):
                return f"{text.rstrip('.')}: {after_label(sent)}"  # "the respawn" ~ "... that respawns the process"
        return text

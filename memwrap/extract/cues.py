"""Phrasings that more than one extraction part reads: accepting, rejecting or deferring
something, a verdict on what was just tried, a plan, a cause. One place, so the parts agree."""

from __future__ import annotations

import re

# User rejects an approach. Group "obj" (when present) names it; pronouns point at the
# approach currently being discussed.
_OBJ = r"(?P<obj>(?:the\s+)?[\w@./+#-]+(?:\s+[\w@./+#-]+){0,3}?)"
_REJECT_RES = [
    re.compile(r"\b(?:forget|drop|ditch|scrap|abandon|kill|remove|rip(?:\s+out)?|revert|undo|nuke|dump|trash)\s+"
               + _OBJ + r"(?=\s*(?:idea|stuff|thing|approach|out|entirely|completely|altogether|for good|,|\.|;|:|!|$|[—–]|-\s|"
               r"\band\b|\bthen\b|\bit\b|\bfrom\b))", re.I),  # "actually scrap robfig — I forgot we run 2 replicas"
    re.compile(r"\b(?:get rid of|back out|roll back|rollback|move off|move away from|switch away from|moving off|"
               r"no more|not using|stop using|give up on|go back from|replace|don'?t bother with|"
               r"don'?t (?:even )?think about)\s+" + _OBJ + r"(?=\s*(?:,|\.|;|:|!|$|\bto\b|\bwith\b|\band\b|\bfor\b))", re.I),
    # "take the prerender stuff back out": an attempt undone
    # (never a time: "emails take ages to go out", "took forever to come out")
    re.compile(r"\b(?:take|taking|took|pull|pulling|pulled)\s+(?!ages\b|forever\b|long(?:er)?\b|time\b|a\s+while\b|hours\b|days\b)"
               r"(?P<obj>(?:the\s+)?[\w@./+#-]+(?:\s+(?!to\b)[\w@./+#-]+){0,3}?)\s+(?:stuff\s+|thing\s+)?(?:back\s+)?out\b", re.I),
    # "skip mmap, 64k buffer it is": an option passed over ("skip the upload for now" puts work off instead)
    re.compile(r"^\W*(?:(?:ok(?:ay)?|nah|no|yeah|then)[,.]?\s+)?skip\s+" + _OBJ + r"(?=\s*(?:,|\.|;|!|$|[—–]))(?![^.;!?]*\b(?:for now|"
               r"today|until|later|next time|this time)\b)", re.I),
    # "putting it in moka was the wrong call", "the transient cache ... was a bad one": a choice judged a mistake
    re.compile(r"(?:\b\w+ing\s+(?:it|them|this|that)\s+(?:in|on|into|onto|with|through)\s+)?" + _OBJ
               + r"\s+(?:was|is)\s+(?:the\s+|a\s+)?(?:wrong|bad)\s+(?:call|choice|move|idea|one)\b", re.I),
    re.compile(_OBJ + r"(?:\s+(?:is|are)\s+|'s\s+|’s\s+)(?:not an option|not going to work|a no-go|out|off the table|too \w+|"
               r"pointless|a waste of time|"
               r"strictly worse|worse|overkill|a mistake|not viable|dead|not possible|impossible|useless|no good|"
               r"not (?:a )?good (?:idea|for us|fit)|a bad (?:idea|fit)|getting (?:painful|messy|out of hand)|"
               r"(?:a|such a) (?:pain|mess)|not working|not worth it)", re.I),
    re.compile(r"(?:\bin|\bwith|\bof)\s+" + _OBJ + r"\s+(?:is|are)\s+getting\s+(?:painful|messy|out of hand|too \w+)", re.I),
    re.compile(_OBJ + r"\s+(?:thing\s+)?was\s+a\s+mistake", re.I),
    # "ok for 1 and 2. The emailed_at, no: we have a migration freeze": an option turned down by name
    re.compile(r"^(?:\W*(?:and|but|ok)\s+)?" + _OBJ + r",?\s+no\b(?=\s*[:.,;!-])", re.I),
]
# Only count when they name an approach already on the table ("no denylist" opens nothing).
_REJECT_WEAK_RES = [
    re.compile(r"\b(?:don'?t want|do not want|no|not)\s+" + _OBJ + r"(?=\s*(?:on|in|at all|anywhere|,|\.|;|:|!|$))", re.I),
]
_REJECT_GENERIC_RE = re.compile(
    r"\b(?:that'?s not going to work|not going to work|doesn'?t work|does not work|didn'?t work|won'?t work|"
    r"i don'?t (?:like|want)|no way|screw it|nope|strictly worse|yak shave|let'?s not|revert it|undo it|"
    r"back (?:it|this|that) out|kill it|scrap it|drop it|forget it|remove it|rip it out|(?:let'?s |please )?go back to|"
    r"revert (?:to|back)|roll (?:it )?back|(?:is|it'?s) not working|isn'?t working|useless|not possible|"
    r"undo (?:that|this|the change)|(?:^|[^\w\s',]\s*|\b(?:ok|okay|ugh|fine|yes|yeah|sure)[,\s]+)revert(?=[,.!]|\s+(?:and|,|stay|keep|to|back|please)\b)|"
    r"please revert)\b",
    re.I)

_ACCEPT_RE = re.compile(
    r"\b(?:let'?s\s+(?:just\s+)?(?:use|go with|do|stick with|keep|switch to|move to)|(?:we|i)(?:'ll| will)?\s+(?:just\s+)?(?:go|stay|stick)\s+(?:with|on)|"
    r"going with|go with|we(?:'ll| will)\s+(?:do|use)|replac(?:e|ing)\s+\S+(?:\s+\S+){0,3}?\s+with\s|switch\s+\S+(?:\s+\S+){0,3}?\s+to|switch(?:ing)?\s+to|"
    r"mov(?:e|ing)\s+(?:\S+\s+){0,3}?to|we should (?:use|move|switch|go)|decided|decision is|"
    r"\bkeep\s+(?!(?:it|them|that|this|those|seeing|getting|in mind)\b|\w+ing\b)\w|\bstays\b|\bstay on\b|\w+ it is\s*(?:[.!,]|$)|done deal|we use\b|^use\s+\S|settled on|"
    r"we (?:take|keep|pick|choose|chose|drop|require|adopt|target|support|pin|standardi[sz]e on)\b|go for\b|opt(?:ed)? for|is the default|the default from now|is the \w+ for|(?:^|\s)use\s+\S+\s+(?:for|as|with)|"
    r"from now on|do exactly that|ship (?:it|the)|that'?s the one|sounds good,? (?:do|use))", re.I)

_TENTATIVE_RE = re.compile(r"\b(?:try|maybe|might|could we|can we|should we|what about|how about|thoughts)\b", re.I)

_TODO_RE = re.compile(
    r"\b(?:todo|to-do|later|tomorrow|next time|next session|next week|not today|still need|still needs|"
    r"still missing|still (?:doesn'?t|does not|don'?t)|we need to|need to .* (?:later|next)|on the list|"
    r"don'?t let me forget|remind me|left to do|what'?s left|hold (?:off|the)|after (?:it|the \w+) is merged|"
    r"before (?:monday|tuesday|wednesday|thursday|friday|the release|release)|follow[- ]up|open question|not now|"
    r"for later|left for later|later on|at some point|eventually|park(?:ed|ing)? (?:this|that|it)|not yet|revisit|next sprint|"
    r"(?:must|should|have to)\b.{0,60}\bnext (?:session|time|week)|remaining(?=\s*:)|still open|left open|open items?(?=\s*:)|another day|some other time|another time|note to self|"
    r"pending(?=\s*:)|backlog|when we have time|once\s+\S+(?:\s+\S+){0,3}\s+(?:lands|ships|is out|is released|is merged)|"
    r"after the (?:release|deploy|launch|migration|merge|demo|freeze)|"
    # deferred on someone or something: "waits until the key is rotated", "needs Jonas' review first",
    # "don't deploy today"
    r"wait(?:s|ing)? (?:until|till|for)\b|(?:don'?t|do not)\s+\w+(?:\s+(?:it|this|that|them))?\s+(?:today|yet|for now|right now)|"
    r"needs? (?:[\w']+\s+){0,2}(?:review|approval|sign-?off|go-ahead|ok)\b)\b", re.I)

_CAUSE_RE = re.compile(
    r"\b(?:the (?:problem|issue|bug) (?:was|is)|root cause|due to|turns out|comes from|because|so |since|cause|caused|which means|means|race|is null|null|underflow|overflow|cycle|"
    r"no longer|removed|renamed|deprecated|can'?t|cannot|doesn'?t|does not|isn'?t|instead of|returns a new|each time|every|per|n\+1|missing|"
    r"wrong|off by|naive|mismatch|expects?|needs?)\b", re.I)

# A verdict that turns an approach down, said by anyone: "testcontainers-go is out because the
# runners have no Docker socket", "Not a good idea: materialized views are experimental".
_TURNED_DOWN_RE = re.compile(
    r"(?:\b(?:is|are|was|were)|(?<=\b(?:that|this))'s)\s+(?:now\s+)?(?:out|a\s+no-?go|off\s+the\s+table|not\s+an\s+option|not\s+viable|"
    r"counter-?productive|(?:a\s+)?(?:big\s+)?mistake|a\s+bad\s+idea|not\s+a\s+good\s+idea|"
    r"(?:way\s+|far\s+|much\s+)?too\s+(?:fragile|brittle|risky|hacky|magic(?:al)?|complicated|complex))\b(?!\s+of\b)|"
    r"^(?:that'?s\s+)?not\s+a\s+good\s+idea\b|\bruled\s+out\b|\brejected\b", re.I)

_PLAN_RE = re.compile(r"\b(?:let me|i'?ll|i will|i'?d)\b", re.I)
# (the agent retrying, not "the tasks retry on their own")
_TRANSIENT_RE = re.compile(r"\b(?:typo|retrying|re-?running|(?:let me|i'?ll|i will|we'?ll|will|to) (?:retry|re-?run)|try(?:ing)? again|wrong (?:path|directory|flag|dir)|"
                           r"missing (?:quote|flag|import)|permission prompt|network blip|flaky|i forgot|forgot to|"
                           r"my (?:mistake|bad)|oversight)\b", re.I)

# A verdict on something just tried: "that's out", "too slow, that rules it out", "doesn't help".
_VERDICT_RE = re.compile(
    r"\b(?:(?:that|this|it)(?:'s| is) (?:out|a no-?go)\b(?!\s+of\b)|(?<=\w )(?<![\s.v]\d )(?<![\s.v]\d\d )(?<!hypothesis )(?<!theory )(?<!suspect )(?<!guess )(?:is|are) out\b(?![\s-]+(?:of|there|now|yet|today|in|on|for))|so that'?s out|rules? (?:it|that|this|them) out|ruled (?:it|that|this) out|"
    r"does ?n[o']t help|did ?n[o']t help|did ?n[o']t (?:survive|hold up|fix (?:it|that|this|anything))|(?:is|are) ?n[o']t (?:supported|available|valid)|is not (?:supported|available|valid)|"
    r"(?:is|was) a dead end|does ?n[o']t work here|did ?n[o']t work|abandoning (?:it|that|this)|"
    r"(?:i'?m |i am |we'?re )?reverting (?:it|that|this)|i'?ll revert (?:it|that|this)\b|(?:removed|removing|took|taking) it (?:out )?again|"
    # the check after the attempt fails the same way: "Same crash.", "Still nan, just later"
    r"^\W*(?:(?:the )?same|identical) (?:crash|error|failure|exception|panic|result)\b|"
    r"^\W*still (?:nan|crash\w*|fail\w*|broken|blocked|hangs?|hanging|the same (?:crash|error|failure))\b|"
    r"(?:i'?m |i am |we'?re |so )?(?:dropping|abandoning|skipping|giving up on) (?:it|that|this|the (?:idea|upgrade|bump|change))\b|"
    r"not worth it\b|(?:is|are|was|were) useless\b|(?:that|this|it) was a bad idea|^\W*reverting\b|^\W*(?:that|this|it) (?:does ?n[o']t|did ?n[o']t|won'?t|can'?t) (?:work|install|build|compile|resolve|help|fit)\b|"
    r"(?:i'?m|i am|we'?re) reverting\b)", re.I)

# A user telling what they tried or used in the past ("We used WP-Cron before for this ...")
_HISTORY_RE = re.compile(
    r"^\W*(?:(?:last|this)\s+\w+,?\s+)?(?:i|we|they)\s+(?:\w+\s+)?(?:tried|attempted|experimented with|used|had|ran)\b"
    r"(?=[^.;!?]*\b(?:before|previously|in the past|last (?:week|month|year|quarter|sprint|time|spring|summer|autumn|fall|"
    r"winter)|ago|back then|earlier|in (?:version|v)\s*\d))", re.I)

# A story of an attempt: "we tried <obj>", told with a time ("back in march", "yesterday on a branch")
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
           "jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec")
_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_STORY_TRIED_RE = re.compile(r"\b(?:we|i|they|the team|someone|somebody)\s+(?:already\s+|also\s+|once\s+|actually\s+)?(?:(?:tried|did try|try|attempted|"
                             r"experimented with|prototyped|looked at|played with|gave|used|had|ran|did|built|shipped|deployed|"
                             r"set up|went with|were on|was on|started)\s+(?!to\b)|"
                             r"(?P<to>(?:tried|attempted) to \w+\s+))"
                             r"(?P<obj>(?:[^,;:.!?()—–]|[:.](?=\w))+)", re.I)  # "npm:express", "build.zig.zon" are one name
_STORY_WHEN_RE = re.compile(r"\b(?:last\s+(?:week|month|year|quarter|sprint|time|spring|summer|autumn|fall|winter|release)|"
                            r"yesterday|\w+\s+(?:days?|weeks?|months?|years?)\s+ago|(?:back\s+)?in\s+(?:" + _MONTHS + r")|"
                            r"(?:back\s+)?in\s+(?:(?:early|late|mid)[\s-])?(?:19|20)\d\d|in\s+q[1-4]\b|a\s+while\s+(?:ago|back)|"
                            r"last\s+season|until\s+(?:" + _MONTHS + r")|in\s+the\s+(?:spring|summer|autumn|fall|winter)|"
                            r"last\s+(?:" + _DAYS + r")|in\s+v\d+\b|back\s+when|for\s+(?:like\s+|about\s+|almost\s+)?(?:a|one|two|\d+)\s+"
                            r"(?:years?|months?)|"
                            r"on\s+(?:" + _DAYS + r"|a\s+branch)|before|previously|in the past|back then|earlier|at one point|"
                            r"back\s+(?:in|with|on)\s+v?\d+(?:\.\d+)+|"  # "back in 1.2": a release ago
                            # "on the old warehouse project", "in the 0.1 version": a past project or release
                            r"(?:on|in|for)\s+(?:the|our|my)\s+(?:old|previous|former|last)(?:\s+[\w-]+){0,2}\s+(?:project|app|codebase|"
                            r"repo|service|job|company|team|version|release|setup|site|system|stack|box|cluster|server|infra)|"
                            r"on\s+the\s+[\w-]+\s+(?:project|codebase)|in\s+(?:the\s+)?v?0?\.\d+(?:\s+version)?|"
                            # "back in the jam version", "back in the prototype": an earlier incarnation of this project
                            r"back\s+in\s+the\s+(?:[\w-]+\s+)?(?:version|prototype|days|build|release|era|mvp|beta|alpha))\b", re.I)

# A reaction, not a name: "NO haha" is never what was tried
_INTERJECTIONS = {"no", "nope", "nah", "yes", "yeah", "ok", "okay", "ha", "haha", "hah", "heh", "lol", "hmm", "hm", "meh",
                  "ugh", "uh", "um", "oh", "wow", "damn", "well", "sorry"}

# A sentence that reports an outcome (a check that passed, a service that answers) decides nothing
_OUTCOME_ONLY_RE = re.compile(r"\b(?:obtained|answers|answered|responds|passes|passed|green|regenerated|reloaded|restarted|"
                              r"succeeded|is (?:up|live|running)|came back)\b", re.I)

# "... is not working anymore, can you fix it": a problem handed over to be fixed, not a dead end told
_FIX_REQUEST_RE = re.compile(r"\b(?:can|could|would) (?:you|u) (?:please |pls )?(?:fix|help|look|check|sort)|"
                             r"\b(?:please|pls|plz) (?:fix|help)|\bfix (?:it|this|that)?\s*(?:please|pls|plz)\b|\bhelp me\b", re.I)

# A story that ended well ("we tried an LRU last year and it worked fine"): no dead end.
_WELL_WORDS = r"\b(?:works|worked|(?:it|that|this|which) work|great|fine|nice|helped|solved|fixed)\b"  # "3 weeks of work": a noun

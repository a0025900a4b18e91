"""User statements scored by many weak signals instead of exact phrases.

* rule/preference sentences: modal and rule words (must, should, only, never, always, prefer,
  keep, stay, everywhere, strict, "please write/use"), a scope word (here, this repo, house
  style, convention, team), a technical entity or a code-artifact noun; questions, deferrals
  and problem reports count against. A sentence scoring at the threshold is a candidate.
* accepted proposals: a user turn that opens with agreement and names (or points at) what the
  assistant proposed in the turn before makes that proposal a DECISION; the proposal sentence
  is the one that carries the named thing, else the one with the most technical entities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from memwrap.extract.entities import entities
from memwrap.extract.text import sentences

_RULE_RE = re.compile(r"\b(?:i (?:really )?(?:like|hate|don'?t like)|i'?d rather|always|never|must|mustn'?t|should|shouldn'?t|only|prefer|everywhere|strict(?:ly)?|"
                      r"(?<![\w'] )keep|(?:^|[,;:]\s*|please\s+|and\s+)keep|stays?|at all times|no exceptions?|from now on|don'?t (?:ever|use|add|write|put)|"
                      r"do not (?:use|add|write|put)|we (?:don'?t|do not|never) use)\b", re.I)
_PLEASE_DO_RE = re.compile(r"\bplease,?\s+(?:write|use|keep|name|put|make|format|answer|reply|comment|stick)\b|"
                           r"\b(?:write|use|keep|name|put)\b[^.]{0,40}\bplease\b", re.I)
_SCOPE_RE = re.compile(r"\b(?:here|in this (?:repo|project|codebase)|house style|convention|team|style|taste|rule)\b", re.I)
_ARTIFACT_RE = re.compile(r"\b(?:comments?|names?|naming|tests?|commits?|messages?|logs?|variables?|functions?|"
                          r"classes|imports?|modules?|docstrings?|types?|indent\w*|formatting|lint\w*|code|files?|"
                          r"branches|endpoints?|errors?|english|language)\b", re.I)
_REQUEST_RE = re.compile(r"^\W*(?:(?:can|could|would|will) you|pls|please (?:add|fix|check|look|run|make|do)|i (?:want|need|would like) to|"
                         r"let'?s (?:work|look|fix|start|begin|continue|debug|check|see|get|dig|figure|pick up))\b", re.I)
_AGAINST_RE = re.compile(r"\b(?:later|next time|another day|some other time|another time|note to self|backlog|tomorrow|todo|to-do|for now|not now|not today|park|error|broken|"
                         r"fails?|failed|crash\w*|problem|issue|bug|thanks|thank you)\b", re.I)
# descriptions, not rules: "the handler never fires", "PDFs can always be regenerated"
_DESCRIPTIVE_RE = re.compile(r"\bnever\s+\w+(?:s|ed)\b|\b(?:can|could|will|would|may|might)\s+(?:always|never|only)\b|"
                             r"\b(?:we|it|they|this|that) never (?!use|write|call|put|add|commit|push|edit)\w+\b", re.I)
_THRESHOLD = 3


def rule_score(sentence: str) -> int:
    """How strongly a user sentence states a standing rule or preference."""
    s = sentence.strip()
    if not s or s.endswith("?") or len(s) > 260:
        return 0
    score = 2 * bool(_RULE_RE.search(s)) + 2 * bool(_PLEASE_DO_RE.search(s)) + bool(_SCOPE_RE.search(s))
    named = bool(entities(s))
    score += named + bool(_ARTIFACT_RE.search(s))
    score -= 2 * bool(_AGAINST_RE.search(s)) + 2 * bool(_DESCRIPTIVE_RE.search(s)) + 3 * bool(_REQUEST_RE.search(s))
    if not named and not _ARTIFACT_RE.search(s):
        return 0  # chit-chat: nothing technical is named
    return score


_WH_RE = re.compile(r"\b(?:what|which|how|any (?:idea|suggestion)|recommend|should (?:i|we))\b", re.I)
_ASK_TAIL_RE = re.compile(r"[,;]?\s+(?:and\s+)?(?:(?:can|could|would) you|so can you)\b.*$|\s+and\s+i\s+noticed\b.*$", re.I)


def rule_sentences(text: str) -> list[str]:
    """The user's rule/preference sentences in a turn, at or above the threshold. A turn that
    ends in a question is asking: its statements are context for the question."""
    sents = sentences(text)
    asking = bool(sents) and sents[-1].endswith("?") and bool(_WH_RE.search(sents[-1]))
    out = []
    for s in sents:
        s = _ASK_TAIL_RE.split(s, maxsplit=1)[0].strip()  # "I prefer X everywhere, can you change it?" -> the rule
        if rule_score(s) - asking >= _THRESHOLD:
            out.append(s)
    return out


_AGREE_RE = re.compile(r"^\W*(?:\w+\W+){0,6}?(?:ok(?:ay)?|yes|yep|yeah|sure|good|fine|great|agreed|go ahead|go for it|"
                       r"do it|sounds good|looks good|i like|right call|makes sense|perfect|let'?s do|that works|"
                       r"works for me|then)\b", re.I)
# a sentence that names the proposed thing may agree anywhere in it ("we'll buy the X licence, fine")
_AGREE_ANY_RE = re.compile(r"\b(?:ok(?:ay)?|yes|yep|yeah|sure|good|fine|great|agreed|go ahead|go for it|do it|"
                           r"sounds good|looks good|i like|right call|makes sense|perfect|let'?s do|that works|"
                           r"works for me|we'?ll (?:buy|take|use|go with|add)|it is)\b", re.I)
_DECLINE_RE = re.compile(r"^\W*(?:no|nope|not|don'?t|never|stop|wait|hmm|hold on)\b|\b(?:instead|rather)\b|"
                         r"\b(?:drop|forget|ditch|scrap|revert|remove|undo|abandon|rip out)\b", re.I)  # "ok, drop the X thing"
_RECOMMEND_RE = re.compile(r"\b(?:i'?d|i would|recommend|suggest|natural choice|the (?:clean|simple|right|idiomatic|best|"
                           r"cheapest|easiest) (?:fix|way|option|choice)|option that works|lean (?:to|towards)|"
                           r"cheapest wins|is attractive|works on both)\b", re.I)
_NEGATIVE_SENT_RE = re.compile(r"\b(?:don'?t need|not needed|no need|can'?t|cannot|won'?t|isn'?t|doesn'?t)\b", re.I)
_STOP = {"the", "and", "for", "that", "this", "with", "you", "your", "yes", "good", "fine", "sounds", "like", "then",
         "please", "thanks", "okay", "sure", "ahead", "right", "call", "just", "also", "use", "add", "it's", "lets"}
_CODE_WORDS = {"import", "imports", "from", "return", "function", "class", "file", "files", "page", "pages", "component",
               "components", "every", "need", "each", "time", "test", "tests", "code", "type", "types", "value", "values",
               "default", "name", "names", "list", "data", "error", "errors", "true", "false", "null", "none", "string"}
_CLOSING_RE = re.compile(r"\b(?:thanks|thank you|thx|bye|that'?s all|done for (?:today|now)|see you)\b", re.I)
_BOLD_RE = re.compile(r"\*\*([^*\n]{2,40})\*\*")


@dataclass
class Acceptance:
    named: str  # what the user named ("" when they only agreed)
    proposal: str  # the assistant sentence that is being accepted


_OFFER_RE = re.compile(r"\?\s*$|^\s*(?:\d[.)]|[-*])\s|\b(?:options?|ways? (?:out|to)|alternatives?|choices)\b", re.I | re.M)


def proposes(assistant_text: str) -> bool:
    """The assistant turn puts something up for the user to accept (a recommendation, a list of
    options, an offer), rather than reporting what was done."""
    return bool(_RECOMMEND_RE.search(assistant_text or "") or _OFFER_RE.search(assistant_text or ""))


_ORDINALS = {"first": 1, "1st": 1, "former": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}
_PICK_RE = re.compile(r"\b(?:option|approach|number|variant|#)\s*(\d|[a-h]\b)|\b(first|second|third|1st|2nd|3rd|former|latter)\s+"
                      r"(?:one|option|approach|way)\b|\b(?:go(?:ing)? with|take|pick|do|try)\s+\(?(\d|[a-h](?=\)|[.,:](?:\s|$)|\s*$))\b|"
                      r"^\W*(?:(?:yeah|yes|yep|yup|ok(?:ay)?|sure|fine|alright|right|hmm+|so|then)[,!.]?\s+)*"
                      r"\(?(\d|[a-h](?=[.):,]))(?:[,.:)]|\s*$|\s+(?:it is|please|then|is|sounds|looks|seems|would be)\b)", re.I)


def _listed_options(assistant_text: str) -> list[tuple[str, str]]:
    """(label, text) of each item of an assistant's numbered or lettered list ("1. X", "b) Y",
    "**2.** Z"), in order."""
    return re.findall(r"^\s*(?:\*\*)?\(?(\d|[a-h])[.)]\s*(?:\*\*)?\s*(.+)$", assistant_text or "", re.M)


def _numbered_pick(user_text: str, assistant_text: str) -> str:
    """"option 2" / "the second one" / "go with 2": the assistant's numbered item it points at."""
    m = _PICK_RE.search(user_text or "")
    if not m:
        return ""
    items = _listed_options(assistant_text)
    if not items:
        return ""
    word = (m.group(2) or "").lower()
    key = (m.group(1) or m.group(3) or m.group(4) or "").lower()
    if key.isalpha():  # lettered options: "a) Keyset pagination ..." picked by "a."
        return next((text.replace("**", "").strip() for label, text in items if label.lower() == key), "")
    n = int(key or 0) or (len(items) if word == "latter" else _ORDINALS.get(word, 0))
    return next((text.strip() for num, text in items if num.isdigit() and int(num) == n), "")


def _named_pick(user_text: str, assistant_text: str) -> str:
    """"groups. quickest, we're three people": a reply that opens with a few words naming exactly
    one of the assistant's listed options picks that option."""
    first = re.split(r"(?<=[.!?])\s+|\n|,\s", (user_text or "").strip(), maxsplit=1)[0].strip(" .!")
    words = [w.lower() for w in re.findall(r"[A-Za-z][\w-]{2,}", first)
             if w.lower() not in {"the", "with", "one", "option", "let", "lets", "use", "ok", "okay", "yes", "try",
                                  "first", "then", "just", "please", "go", "for", "now"}]
    if not words or len(words) > 3 or len(first.split()) > 5:  # "try the Preserve attribute" names one
        return ""
    items = [text for _, text in _listed_options(assistant_text)]
    heads = [re.split(r"[:;—]|\s-\s", it.replace("**", ""), maxsplit=1)[0].lower() for it in items]
    hits = [it for it, head in zip(items, heads) if all(w in head for w in words)]
    return hits[0].replace("**", "").strip() if len(hits) == 1 else ""


def _names(text: str) -> list[str]:
    return entities(text) + [m.group(1) for m in _BOLD_RE.finditer(text)]


_ACTION_RE = re.compile(r"^\s*(?:\d[.)]|[-*])\s|\b(?:i'?d|i would|i'?ll|i will|can|could|would|will|fix is|way is|approach is|"
                        r"let'?s|should|recommend|suggest|option|use|using|add|switch|move|replace|keep|drop|put|run|"
                        r"go with|pick|make|set|wrap|cast|guard|store|persist)\b", re.I)
_NOT_PROPOSAL_RE = re.compile(r"^\W*(?:\(|(?:the\s+)?(?:root\s+)?cause\b|the (?:problem|issue|bug|reason) (?:is|was)\b|"
                              r"because\b|found it\b|confirmed\b)", re.I)


def accepted_proposal(user_text: str, assistant_text: str, asked: bool = False) -> Acceptance | None:
    """The assistant proposal a user turn accepts, or None. `asked`: the assistant turn answers
    a question the user asked, so it is a proposal whatever its wording."""
    if not (asked or proposes(assistant_text)):
        return None
    # users write "fixup!" and "thanks!!" mid-sentence: only . ? and line breaks end their sentences here
    user_sents = [s for s in re.split(r"(?<=[.?])\s+|\n+", (user_text or "").strip()) if s.strip()]
    if not user_sents:
        return None
    first = user_sents[0]
    # a diagnosis ("Cause: ...") or an aside "(The grep above also shows ...)" is not something proposed
    sents = [s for s in sentences(assistant_text) if len(s.split()) >= 5 and not s.rstrip().endswith("?")
             and not _NOT_PROPOSAL_RE.match(s)]
    if not sents:
        return None
    named = ""
    for us in user_sents[:4]:  # a sentence that agrees and names what was proposed, anywhere in the turn
        if not _AGREE_ANY_RE.search(us) or _DECLINE_RE.search(us) or us.rstrip().endswith("?"):
            continue
        words = {w.lower() for w in re.findall(r"[A-Za-z][\w-]{2,}", us)} - _STOP - _CODE_WORDS
        for name in _names(assistant_text):
            low = name.lower()
            tokens = set(re.findall(r"[a-z][\w-]*", low))
            if any(w == low or (len(w) >= 4 and w in tokens) for w in words):
                named = name  # a whole token of the name, not a keyword inside it ("import" in "import X from ...")
                break
        if named:
            break
    pick = _numbered_pick(user_text, assistant_text) or _named_pick(user_text, assistant_text)
    if pick and not _DECLINE_RE.search(first):
        return Acceptance(named="", proposal=pick)
    agrees = any(_AGREE_RE.search(us) and not us.rstrip().endswith("?") for us in user_sents[:2])
    if not named and (not agrees or _DECLINE_RE.search(first) or first.rstrip().endswith("?")
                      or user_text.rstrip().endswith("?")  # "ok and how do I ...?" asks, it does not accept
                      or _CLOSING_RE.search(user_text)):
        return None  # bare agreement that closes the session ("ok thanks, bye") accepts nothing
    if named:
        with_name = [s for s in sents if named.lower() in s.lower() and not _NEGATIVE_SENT_RE.search(s)]
        with_name = [s for s in with_name if _ACTION_RE.search(s)] or ([] if asked else with_name)
        if not with_name:
            return None
        best = max(with_name, key=lambda s: (bool(_RECOMMEND_RE.search(s)), len(entities(s))))
        detail = max(with_name, key=lambda s: len(entities(s)))
        if detail != best and len(entities(best)) <= 2 and len(best) + len(detail) < 260:
            # "I'd do offset since the frontend expects it" says which; the plan line says what it is
            return Acceptance(named=named, proposal=f"{detail.strip().rstrip('.')}; {best.strip()}")
        return Acceptance(named=named, proposal=best.strip())
    if len(first.split()) > 12:
        return None  # a long turn that only agrees in passing is about something else
    # something to do ("I'd use X", "2. Y", "switch to Z"), not an explanation of how things are
    pool = [s for s in sents[:6] if not _NEGATIVE_SENT_RE.search(s) and entities(s) and _ACTION_RE.search(s)]
    if not pool:
        return None
    # "For the pilot polling is plenty. I'd do 1.": the recommendation points at a listed option
    recommended = next((_numbered_pick(s, assistant_text) for s in reversed(sentences(assistant_text))
                        if _RECOMMEND_RE.search(s) and _numbered_pick(s, assistant_text)), "")
    if recommended:
        return Acceptance(named="", proposal=recommended.replace("**", "").strip())
    best = max(pool, key=lambda s: (bool(_RECOMMEND_RE.search(s)), len(entities(s))))
    return Acceptance(named="", proposal=best.strip())


# Plain statements of a choice or a standing fact ("we'll store uploads in S3, not on local disk",
# "let's not use Redux; Zustand is enough", "remember that staging uses eu-west-1").
_CHOICE_RE = re.compile(
    r"\b(?:we'?ll|we will|we'?re (?:not )?going to|we are (?:not )?going to|we won'?t|we don'?t (?:support|need|do)|let'?s|we (?:use|run|deploy|host|store|keep|ship|build|moved|"
    r"switched|migrated|went with|chose|picked|decided|settled)|we'?re (?:using|on|moving|switching)|agreed|decided|"
    r"for the record|remember(?: that)?|note that|going forward|from now on|is what we use)\b", re.I)
_CONTRAST_RE = re.compile(r"\b(?:not|instead of|rather than|over|is enough|is fine|is the way)\b", re.I)
_PROBLEM_RE = re.compile(r"\b(?:error|errors|broken|breaks|fails?|failing|crash\w*|bug|wrong|slow|stuck|hangs?|"
                         r"doesn'?t work|not working)\b", re.I)
_CLAUSE_SPLIT_RE = re.compile(r",\s+(?:so|but|and|because)\s+|;\s+|\s+-\s+|\s+—\s+")


def choice_score(sentence: str) -> int:
    """How strongly a user sentence states a choice or a standing project fact."""
    s = sentence.strip()
    if not s or s.endswith("?") or len(s) > 220 or not entities(s):
        return 0  # nothing technical named: chit-chat
    score = 2 * bool(_CHOICE_RE.search(s)) + bool(_CONTRAST_RE.search(s)) + 1
    score -= 2 * bool(_PROBLEM_RE.search(s)) + 3 * bool(_REQUEST_RE.search(s)) + 2 * bool(_AGAINST_RE.search(s))
    return score


def choice_sentences(text: str) -> list[str]:
    """User sentences (or their deciding clause) that state a choice, at or above the threshold."""
    out = []
    for s in sentences(text):
        if choice_score(s) < _THRESHOLD:
            continue
        clauses = [c for c in _CLAUSE_SPLIT_RE.split(s) if c.strip()]
        best = [c for c in clauses if _CHOICE_RE.search(c) and entities(c)]
        out.append((best[0] if best and len(clauses) > 1 and not _CONTRAST_RE.search(s.split(best[0])[-1] or "") else s).strip())
    return out

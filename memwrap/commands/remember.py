"""`memwrap remember [--global] [--kind K] [--project DIR] TEXT...`: add a fact by hand.

Without --kind the kind is inferred from the words: failure words (failed, abandoned,
reverted, did not work...) -> FAILED; "todo"/"fixme"/"need to" first -> TODO; "prefer",
"always", "never", "I like" -> PREFERENCE; otherwise PREFERENCE for --global (personal) and
DECISION for a project. The text is redacted before it is stored, and goes through the same
merge/supersede rules as distilled facts.
"""

from __future__ import annotations

import re
import sys

from memwrap.errors import UsageError
from memwrap.facts import KINDS, MAX_FACT_CHARS, has_failure_words
from memwrap.render import ArgParser

_TODO_RE = re.compile(r"^\s*(todo|fixme|need to|needs to|next:)\b", re.I)
_PREF_RE = re.compile(r"\b(prefers?|preferred|always|never|i like|i want|i hate|don't like)\b", re.I)


def infer_kind(text: str, is_global: bool) -> str:
    if has_failure_words(text):
        return "FAILED"
    if _TODO_RE.search(text):
        return "TODO"
    if is_global or _PREF_RE.search(text):
        return "PREFERENCE"
    return "DECISION"


def parser(name: str) -> ArgParser:
    p = ArgParser(prog=f"memwrap {name}", description="Add a fact by hand (redacted before it is stored).")
    p.add_argument("--global", dest="global_", action="store_true", help="a personal fact for every project")
    p.add_argument("--kind", type=str.upper, choices=KINDS, metavar="K",
                   help=f"one of {', '.join(KINDS)} (default: inferred from the text)")
    p.add_argument("--project", metavar="DIR", help="the project containing DIR (default: here)")
    p.add_argument("text", nargs="+", help="the fact, one line")
    return p


def run(argv: list[str], name: str) -> int:
    args = parser(name).parse_args(argv)
    if args.global_ and args.project:
        raise UsageError("memwrap remember: --global and --project exclude each other")
    from memwrap.facts import Fact
    from memwrap.project import find_project
    from memwrap.render import redactor
    from memwrap.store import Store

    text = redactor()(" ".join(args.text)).strip()
    if not text:
        raise UsageError("memwrap remember: give the fact's text")
    if len(text) > MAX_FACT_CHARS:
        print(f"memwrap: note: facts are one line of at most {MAX_FACT_CHARS} characters; shortened", file=sys.stderr)
    kind = args.kind or infer_kind(text, args.global_)
    project = "" if args.global_ else find_project(args.project).key
    fact = Fact(kind=kind, text=text, scope="global" if args.global_ else "project", project=project,
                origin="manual", source={"manual": True})
    with Store.open() as store:
        result = store.add_facts([fact])[0]
        stored = store.get(result.id)
    if result.action == "merged":
        print(f"already known: merged into {stored.id}  {stored.line()}")
    elif result.action == "superseded":
        print(f"remembered {stored.id}  {stored.line()}  (supersedes {', '.join(stored.supersedes)})")
    else:
        print(f"remembered {stored.id}  {stored.line()}")
    return 0

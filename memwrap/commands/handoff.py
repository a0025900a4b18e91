"""`memwrap handoff [--session ID] [--list]`: ask a running wrapped session, from another
terminal, to hand off to a fresh context now (it waits until the assistant is idle).

Without --session: the session this shell runs inside ($MEMWRAP_SESSION), else the only
running one, else the only one in this directory's project."""

from __future__ import annotations

import os

from memwrap.render import ArgParser


def parser(name: str) -> ArgParser:
    p = ArgParser(prog=f"memwrap {name}",
                  description="Ask a running memwrap session to hand off to a fresh context now.")
    p.add_argument("--session", metavar="ID", help="the session to ask (default: the only running one here)")
    p.add_argument("--list", action="store_true", help="list the running sessions and exit")
    return p


def _pick(sessions: list, wanted: str | None) -> str:
    from memwrap.errors import NotFound, UsageError

    if wanted:
        matches = [s for s in sessions if s.id == wanted or s.id.startswith(wanted)]
        if len(matches) > 1:
            raise UsageError(f"--session {wanted} is ambiguous: {', '.join(s.id for s in matches)}")
        return matches[0].id if matches else wanted  # send() says clearly when it is not running
    inside = os.environ.get("MEMWRAP_SESSION")
    if inside and any(s.id == inside for s in sessions):
        return inside
    if not sessions:
        raise NotFound("no running memwrap session to hand off (start one with `memwrap claude` or similar)")
    if len(sessions) == 1:
        return sessions[0].id
    from memwrap.project import find_project

    try:
        here = find_project(os.getcwd()).key
    except Exception:
        here = os.getcwd()
    local = [s for s in sessions if s.info.get("project") == here]
    if len(local) == 1:
        return local[0].id
    listing = ", ".join(f"{s.id} ({s.info.get('cli', '?')} in {s.info.get('cwd', '?')})" for s in (local or sessions))
    raise UsageError(f"several sessions are running: {listing}; choose one with --session ID")


def run(argv: list[str], name: str) -> int:
    args = parser(name).parse_args(argv)
    from memwrap.handoff_control import live_sessions, send

    sessions = live_sessions()
    if args.list:
        for s in sessions:
            auto = "auto" if s.info.get("auto", True) else "manual only"
            print(f"{s.id}  {s.info.get('cli', '?'):<8} {auto:<11} {s.info.get('cwd', '')}")
        return 0
    session_id = _pick(sessions, args.session)
    send(session_id, "handoff")
    print(f"memwrap: asked session {session_id} to hand off; it does so once the assistant is idle")
    return 0

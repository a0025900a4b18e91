"""`memwrap CMD [ARGS...]`: run an assistant CLI wrapped, recorded and with memory.

Order of a launch: options -> real binary -> project -> config -> adapter -> memory block
-> launch plan -> recording -> session -> metadata -> queue for distillation.
Only finding the binary can stop a launch (exit 127). Every memory step is fail-open: a
failure prints one line `memwrap: <problem>; continuing without memory` and the CLI starts
anyway. Heavy modules (textual, llama_cpp) are never imported here.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, TypeVar

from memwrap.binaries import find_binary
from memwrap.config import Config, Paths, ensure_private_dir, load_config, paths
from memwrap.errors import CommandNotFound, UsageError
from memwrap.project import Project, find_project

ACTIVE_ENV = "MEMWRAP_ACTIVE"  # set in the child: a wrapped shell or alias never wraps twice
SESSION_ENV = "MEMWRAP_SESSION"
MARK_LOCK_SECONDS = 1.0
T = TypeVar("T")


@dataclass
class WrapOptions:
    inject: bool = True
    record: bool = True
    handoff: bool = True
    record_input: bool = False
    command: list[str] = field(default_factory=list)


def parse_wrap_options(argv: list[str]) -> WrapOptions:
    """Wrap options come before the command; everything from the command on is its own."""
    from memwrap.cli import WRAP_OPTIONS

    opts = WrapOptions()
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            i += 1
            break
        if not arg.startswith("-"):
            break
        if arg not in WRAP_OPTIONS:
            raise UsageError(f"unknown option {arg}; wrap options are {', '.join(WRAP_OPTIONS)}")
        if arg == "--no-inject":
            opts.inject = False
        elif arg == "--no-record":
            opts.record = False
        elif arg == "--no-handoff":
            opts.handoff = False
        elif arg == "--record-input":
            opts.record_input = True
        i += 1
    opts.command = argv[i:]
    if not opts.command:
        raise UsageError("no command given: memwrap [WRAP OPTIONS] CMD [ARGS...]")
    return opts


def warn(problem: str) -> None:
    try:
        print(f"memwrap: {problem}; continuing without memory", file=sys.stderr, flush=True)
    except OSError:
        pass  # the terminal is gone (closed window): the session must still be saved


def fail_open(what: str, fn: Callable[[], T], fallback: T) -> T:
    """Run one memory step; on any failure say so in one line and carry on without it."""
    try:
        return fn()
    except Exception as exc:  # memory must never stop anyone coding
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        warn(f"{what}: {detail}")
        return fallback


def real_binary(command: str) -> str:
    binary = find_binary(command)
    if binary is None:
        raise CommandNotFound(f"{command}: command not found (not on PATH, or only memwrap shims are)")
    return binary


def exec_plain(command: list[str]) -> int:
    """Replace memwrap with the command itself: already inside memwrap, or opted out."""
    binary = real_binary(command[0])
    env = dict(os.environ)
    env[ACTIVE_ENV] = env.get(ACTIVE_ENV) or "1"
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        os.execve(binary, [command[0], *command[1:]], env)
    except OSError as exc:
        raise CommandNotFound(f"{command[0]}: cannot run: {exc.strerror}") from exc
    return 127  # not reached


# ---- plug points: each returns None (or a plain value) when its module is not there ------

def pick_adapter(command: list[str]) -> Any:
    from memwrap import adapters

    return adapters.for_command(command)


def memory_block(project: Project, cfg: Config) -> Any:
    from memwrap.select import build_block
    from memwrap.store import Store

    with Store.open(readonly=True) as store:
        return build_block(store, project, budget=cfg.budget)


def plan_launch(adapter: Any, command: list[str], block: Any, p: Paths) -> Any:
    return adapter.plan_launch(command, block, p.runtime_dir)


def attach_handoff(session: Any, adapter: Any, project: Project, cfg: Config, meta: Any, auto: bool = True) -> None:
    """The handoff module (issue 7) adds its context monitor as a session observer; with
    `auto` off only the manual triggers (key chord, `memwrap handoff`) are active."""
    try:
        from memwrap import handoff
    except ImportError:
        return  # not built yet: no automatic handoff, and nothing to warn about
    attach = getattr(handoff, "attach", None)
    if attach is not None:
        attach(session, adapter=adapter, project=project, config=cfg, meta=meta, auto=auto)


def mark_injected(block: Any) -> None:
    ids = list(getattr(block, "ids", []) or [])
    if not ids:
        return
    from memwrap.store import Store

    # Runs after the CLI exited, with the user waiting for their prompt: a busy store
    # costs this bookkeeping, never more than a second of their time.
    with Store.open(lock_timeout=MARK_LOCK_SECONDS) as store:
        store.mark_injected(ids, time.time())


def queue_distillation(session_id: str) -> None:
    """Queue the session and start the detached worker; the prompt returns at once."""
    from memwrap import queue

    queue.enqueue(session_id)
    subprocess.Popen(
        [sys.executable, "-m", "memwrap", "_distill"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True, close_fds=True,
    )


def resume_distillation() -> None:
    """Queue sessions whose wrapper died mid-recording, and start a worker if any wait."""
    from memwrap import inflight, queue

    inflight.recover()
    queue.resume_pending()


# ---- the launch --------------------------------------------------------------------------

def run(argv: list[str], name: str = "run") -> int:
    opts = parse_wrap_options(argv)
    command = opts.command
    if os.environ.get(ACTIVE_ENV):
        return exec_plain(command)
    binary = real_binary(command[0])
    project = fail_open("cannot tell the project", find_project, None) or Project.named(os.getcwd())
    cfg = fail_open("cannot read the config", load_config, None)
    if cfg is None:
        # The config may hold this project's opt-out: a broken one must not turn recording
        # back on, so run the assistant plain (the line above said why).
        return exec_plain(command)
    if cfg.project_disabled(project.key):
        return exec_plain(command)
    p = paths()
    if cfg.distill:
        fail_open("cannot resume distillation", resume_distillation, None)

    adapter = fail_open("no adapter for this CLI", lambda: pick_adapter(command), None)
    block = None
    if opts.inject and cfg.inject and adapter is not None:
        block = fail_open("cannot read memory", lambda: memory_block(project, cfg), None)
    plan = None
    if adapter is not None:
        plan = fail_open("cannot plan the launch", lambda: plan_launch(adapter, command, block, p), None)
    for note in getattr(plan, "notes", None) or []:
        print(f"memwrap: {note}", file=sys.stderr)

    child_argv = list(getattr(plan, "argv", None) or [binary, *command[1:]])
    from memwrap.recording import SessionMeta, iso_time, new_session_id

    session_id = new_session_id()
    env = dict(os.environ)
    env.update(getattr(plan, "env", None) or {})
    env[ACTIVE_ENV] = "1"
    env[SESSION_ENV] = session_id
    meta = SessionMeta(
        id=session_id, command=list(command), cwd=os.getcwd(), project=project.key,
        project_name=project.name, start=iso_time(time.time()),
        cli=getattr(adapter, "name", "") or "", native_transcript=getattr(plan, "native_transcript", None),
        recorded_input=opts.record_input or cfg.record_input,
    )
    try:
        return _run_session(child_argv, env, opts, cfg, p, project, adapter, plan, block, meta)
    finally:
        cleanup = getattr(plan, "cleanup", None)
        if cleanup is not None:
            fail_open("cannot remove launch files", cleanup, None)


def _run_session(child_argv: list[str], env: dict[str, str], opts: WrapOptions, cfg: Config,
                 p: Paths, project: Project, adapter: Any, plan: Any, block: Any, meta: Any) -> int:
    from memwrap.recording import CastWriter, iso_time, project_dir_name, write_meta
    from memwrap.session import QuietDetector, Session, terminal_size

    session = Session(child_argv, env=env, record_input=meta.recorded_input)
    meta_path: Path | None = None
    if opts.record and cfg.record:
        folder = p.recordings_dir / project_dir_name(project.name, project.key)

        def start_recording() -> Path:
            for private in (p.home, p.recordings_dir):  # parents are made with the umask's mode
                ensure_private_dir(private)
            size = terminal_size(1, 0)
            cast = folder / f"{meta.id}.cast"
            writer = CastWriter(cast, cols=size.cols, rows=size.rows, command=" ".join(meta.command),
                                record_input=meta.recorded_input)
            session.observers.append(writer)
            meta.cast = str(cast)
            path = folder / f"{meta.id}.json"
            write_meta(path, meta)  # written now too, so a crash still leaves a findable session
            return path

        meta_path = fail_open("cannot record this session", start_recording, None)
        if meta_path is not None and cfg.distill:
            from memwrap import inflight

            fail_open("cannot note the live session", lambda: inflight.begin(meta.id), None)

    first = getattr(plan, "first_message", None)
    typed: QuietDetector | None = None
    if first and opts.inject:
        typed = QuietDetector(lambda: session.paste(first, submit=True))
        session.observers.append(typed)
    auto = opts.handoff and cfg.handoff_auto
    fail_open("cannot watch the context window",
              lambda: attach_handoff(session, adapter, project, cfg, meta, auto=auto), None)

    status = session.run()

    recorder_failed = False
    for problem in session.observer_errors:
        recorder_failed = recorder_failed or problem.startswith("CastWriter")
        warn(problem.replace("CastWriter: ", "recording stopped: ", 1))
    channel = getattr(plan, "channel", "none")
    delivered = channel != "none" and (channel != "first-message" or (typed is not None and typed.fired))
    if block is not None and delivered:  # a CLI that exited before its first prompt never saw it
        fail_open("cannot note which facts were used", lambda: mark_injected(block), None)
    if meta_path is not None:
        meta.end = iso_time(time.time())
        meta.exit_status = status
        meta.dropped_bytes = session.dropped_bytes
        if recorder_failed:  # said once already (disk full?); the metadata from the start remains
            try:
                write_meta(meta_path, meta)
            except Exception:
                pass
        else:
            fail_open("cannot save the session metadata", lambda: write_meta(meta_path, meta), None)
        if cfg.distill:
            fail_open("cannot queue the session for distillation", lambda: queue_distillation(meta.id), None)
            from memwrap import inflight

            fail_open("cannot clear the live session", lambda: inflight.end(meta.id), None)
    return status

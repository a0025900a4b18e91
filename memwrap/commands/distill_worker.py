"""`memwrap _distill`: the detached background worker. Drains the queue and exits.

Started by the wrapper at session end (queue.spawn_worker) and by queue.resume_pending at
the next start. Low priority, a time limit per session, a cap per run; everything it has to
say goes to the log file, since it has no terminal.
"""

from __future__ import annotations

import argparse
import time


def run(argv: list[str], name: str = "_distill") -> int:
    parser = argparse.ArgumentParser(prog=f"memwrap {name}", add_help=False)
    parser.add_argument("--no-model", action="store_true")
    parser.add_argument("--max-sessions", type=int, default=None)
    parser.add_argument("--timeout", type=float, default=None)
    args, _ = parser.parse_known_args(argv)

    from memwrap import queue
    from memwrap.errors import StoreError
    from memwrap.pipeline import distil_recorded

    queue.lower_priority()
    use_model = False if args.no_model else None

    def distil(session_id: str) -> object:
        return distil_recorded(session_id, use_model=use_model)

    started = time.monotonic()
    try:
        counts = queue.drain(
            distil,
            max_sessions=args.max_sessions or queue.MAX_SESSIONS_PER_RUN,
            timeout=args.timeout if args.timeout is not None else queue.SESSION_TIMEOUT,
        )
    except StoreError as exc:
        queue.log(f"worker stopped: {exc}")
        return exc.exit_code
    except Exception as exc:  # noqa: BLE001 - a worker crash must end up in the log, not nowhere
        queue.log(f"worker failed: {type(exc).__name__}: {exc}")
        return 1
    if any(counts[k] for k in ("done", "failed", "parked")):
        queue.log(f"worker done in {time.monotonic() - started:.1f}s: " +
                  ", ".join(f"{v} {k}" for k, v in counts.items() if v))
    return 0

"""Command line entry point: parse, dispatch to a command module, map errors to exit codes.

Kept thin and import-light: `memwrap claude` must start fast, so each subcommand lives in
its own module under memwrap/commands and is imported only when it is the one asked for.
"""

from __future__ import annotations

import importlib
import sys

from memwrap import __version__
from memwrap.errors import MemwrapError

# name -> (module under memwrap.commands, one-line help)
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "show": ("show", "print the memory block the next launch here would get"),
    "facts": ("facts", "list facts (table or --json)"),
    "remember": ("remember", "add a fact by hand"),
    "forget": ("forget", "prune a fact (restorable until gc)"),
    "restore": ("forget", "restore a pruned fact"),
    "pin": ("pin", "protect a fact from automatic pruning"),
    "unpin": ("pin", "remove a pin"),
    "gc": ("gc", "delete pruned facts for good, decay unused ones"),
    "ingest": ("ingest", "distil transcripts or recordings into facts"),
    "export": ("export", "write all memory as jsonl or markdown"),
    "import": ("import_", "read facts exported by memwrap export"),
    "tui": ("tui", "browse, edit and prune memory"),
    "init": ("init", "print shell aliases: bash, zsh or fish"),
    "doctor": ("doctor", "check the model, the store and the assistant CLIs"),
    "eval": ("eval", "measure memory quality on labelled sessions"),
    "handoff": ("handoff", "ask a running session to hand off to a fresh context"),
    "sessions": ("sessions", "list recorded sessions and their distillation state"),
    "_distill": ("distill_worker", None),  # internal: background distillation
}

WRAP_OPTIONS = {
    "--no-inject": "start without the memory block",
    "--no-record": "do not record this session (nothing is distilled)",
    "--no-handoff": "no automatic handoff when the context fills",
    "--record-input": "also record keystrokes in the .cast file",
}


def usage() -> str:
    lines = [
        "usage: memwrap [WRAP OPTIONS] CMD [ARGS...]   run an assistant CLI with memory",
        "       memwrap -- CMD [ARGS...]               force CMD even if it is a subcommand name",
        "       memwrap SUBCOMMAND [OPTIONS]",
        "",
        "wrap options:",
    ]
    lines += [f"  {name:<16} {text}" for name, text in WRAP_OPTIONS.items()]
    lines += ["", "subcommands:"]
    lines += [f"  {name:<10} {text}" for name, (_, text) in SUBCOMMANDS.items() if text]
    lines += ["", "environment: MEMWRAP_HOME (where memory lives), MEMWRAP_MODEL (a GGUF file)"]
    return "\n".join(lines)


def _dispatch(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(usage())
        return 0 if argv else 2
    if argv[0] in ("-V", "--version"):
        print(f"memwrap {__version__}")
        return 0
    if argv[0] in SUBCOMMANDS:
        module_name, _ = SUBCOMMANDS[argv[0]]
        module = importlib.import_module(f"memwrap.commands.{module_name}")
        return int(module.run(argv[1:], name=argv[0]) or 0)
    from memwrap.commands import run as run_command

    return run_command.run(argv, name="run")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        return _dispatch(argv)
    except MemwrapError as exc:
        print(f"memwrap: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("memwrap: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())

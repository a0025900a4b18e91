"""`memwrap ingest [--project DIR] [--no-model] PATH...`: distil existing transcripts or
recordings into facts, through the same pipeline the wrapper runs at session end.

Each file's format is detected from its content. A file that cannot be read gets one line
on stderr and the others are still ingested; the exit status says whether all went well.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from pathlib import Path

from memwrap.errors import InputError, MemwrapError, StoreError, UsageError
from memwrap.project import Project, find_project


def _parser(name: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"memwrap {name}",
        description="Distil transcripts (Claude Code JSONL, aider .md, codex, gemini, labelled JSON) "
                    "or recordings (.cast) into facts.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH")
    parser.add_argument("--project", metavar="DIR", help="the project the facts belong to (default: "
                        "a labelled session's own project, else the current directory's)")
    parser.add_argument("--no-model", action="store_true", help="extractive facts only (no local model)")
    return parser


def _session_id(path: Path, transcript_id: str) -> str:
    """Stable per file, so ingesting the same file twice merges instead of duplicating."""
    if transcript_id:
        return transcript_id
    digest = hashlib.sha1(str(path.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:10]
    return f"ingest-{digest}"


def _project_for(transcript: object, explicit: Project | None) -> Project:
    if explicit is not None:
        return explicit
    if getattr(transcript, "fmt", "") == "labelled-json" and getattr(transcript, "project_name", ""):
        return Project.named(transcript.project_name)  # type: ignore[attr-defined]
    return find_project(os.getcwd())


def run(argv: list[str], name: str = "ingest") -> int:
    parser = _parser(name)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) and UsageError.exit_code
    explicit = None
    if args.project:
        if not os.path.isdir(args.project):
            raise UsageError(f"--project {args.project}: not a directory")
        explicit = find_project(args.project)

    from memwrap.pipeline import distil_session
    from memwrap.progress import Progress
    from memwrap.store import Store
    from memwrap.transcript import load_transcript

    use_model = False if args.no_model else None
    failed = 0
    with Store.open() as store:
        for raw in args.paths:
            path = Path(raw)
            try:
                transcript = load_transcript(path)
                project = _project_for(transcript, explicit)
                with Progress(path.name) as bar:
                    result = distil_session(transcript, project, store, use_model=use_model, progress=bar,
                                            session_id=_session_id(path, transcript.session_id))
            except StoreError:
                raise  # the store is unusable for every file: stop with its one clear line
            except MemwrapError as exc:
                failed += 1
                print(f"memwrap: {exc}", file=sys.stderr)
                continue
            except Exception as exc:  # noqa: BLE001 - one bad file must not stop the others
                failed += 1
                print(f"memwrap: {path}: could not be ingested ({type(exc).__name__}: {exc})", file=sys.stderr)
                continue
            print(f"{path}: {result.fmt}, project {project.name}: {result.summary()}")
            for note in result.notes[:5]:
                print(f"  note: {note}", file=sys.stderr)
    if failed:
        print(f"memwrap: {failed} of {len(args.paths)} files could not be ingested", file=sys.stderr)
        return InputError.exit_code
    return 0

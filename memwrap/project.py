"""Project identity: the top of the git repository (all worktrees are one project),
else the directory memwrap was started in. Pure filesystem reads: no git subprocess,
because this runs on every launch."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    key: str   # stable identity used in the store (absolute path of the main work tree)
    name: str  # what a person calls it (directory name)
    root: Path  # the work tree memwrap runs in (may be a linked worktree)

    @classmethod
    def named(cls, name: str) -> "Project":
        """A project known only by name (labelled sessions, imports)."""
        return cls(key=name, name=name, root=Path(name))


def _git_dir_of(top: Path) -> Path | None:
    dotgit = top / ".git"
    if dotgit.is_dir():
        return dotgit
    if dotgit.is_file():  # linked worktree or submodule: "gitdir: <path>"
        try:
            line = dotgit.read_text(errors="replace").strip()
        except OSError:
            return None
        if line.startswith("gitdir:"):
            gitdir = Path(line[len("gitdir:"):].strip())
            if not gitdir.is_absolute():
                gitdir = (top / gitdir).resolve()
            return gitdir
    return None


def _main_worktree(top: Path, gitdir: Path) -> Path:
    """Map a linked worktree to the repository's main work tree via its commondir."""
    common = gitdir / "commondir"
    if common.is_file():
        try:
            rel = common.read_text(errors="replace").strip()
        except OSError:
            return top
        common_dir = (gitdir / rel).resolve()
        if common_dir.name == ".git":
            return common_dir.parent
        return common_dir  # bare repository: its path is the identity
    return top


def find_project(start: str | os.PathLike[str] | None = None) -> Project:
    here = Path(start or os.getcwd()).resolve()
    for candidate in (here, *here.parents):
        gitdir = _git_dir_of(candidate)
        if gitdir is not None:
            main = _main_worktree(candidate, gitdir)
            return Project(key=str(main), name=main.name or str(main), root=candidate)
    return Project(key=str(here), name=here.name or str(here), root=here)

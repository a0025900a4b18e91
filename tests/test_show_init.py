"""`memwrap show` (what the next launch gets, and why) and `memwrap init` (shell functions)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from memwrap.facts import Fact
from memwrap.project import find_project
from memwrap.store import Store
from memwrap.tokens import count_tokens


WORDS = ("ledger tax refund coupon payout dunning proration webhook export audit currency vendor "
         "receipt discount voucher subscription trial chargeback settlement reconciliation").split()


def run(cmd: list[str], env: dict[str, str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, timeout=60)


def git(repo: Path, *args: str) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@t")
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "billing"
    (repo / "src").mkdir(parents=True)
    (repo / "src" / "invoice.py").write_text("x = 1\n")
    (repo / "README.md").write_text("billing\n")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "init")
    (repo / "src" / "invoice.py").write_text("x = 2\n")  # the user is working on this file now
    key = find_project(repo).key
    with Store.open() as store:
        store.add_facts([
            Fact("BUG_FIX", "rounding in totals fixed with Decimal quantize", files=["src/invoice.py"], project=key),
            Fact("DECISION", "invoices are immutable once sent; corrections are credit notes", project=key),
            Fact("PREFERENCE", "prefers small pure functions", scope="global"),
            *[Fact("PATTERN", f"{a} {b} goes through the {c} layer", project=key)
              for a, b, c in zip(WORDS, reversed(WORDS), WORDS[7:] + WORDS[:7])],
        ])
    return repo


def test_show_prints_the_block_and_explains_the_choice(repo: Path, memwrap_cmd: list[str],
                                                        clean_env: dict[str, str]) -> None:
    out = run([*memwrap_cmd, "show", "--project", str(repo)], clean_env)
    assert out.returncode == 0, out.stderr
    block = out.stdout.rstrip("\n")
    assert block.startswith('<memwrap-memory project="billing" ') and block.endswith("</memwrap-memory>")
    assert f'tokens="{count_tokens(block)}"' in block.splitlines()[0]
    assert count_tokens(block) <= 800
    lines = block.splitlines()
    assert "BUG_FIX: rounding in totals fixed with Decimal quantize (src/invoice.py)" in lines
    assert "PREFERENCE: prefers small pure functions" in lines
    why = out.stderr
    assert "in git status: src/invoice.py" in why and "global preference" in why
    assert "left out for the budget" in why and "billing" in why


def test_show_json_and_budget(repo: Path, memwrap_cmd: list[str], clean_env: dict[str, str]) -> None:
    out = run([*memwrap_cmd, "show", "--project", str(repo), "--budget", "150", "--json"], clean_env)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["tokens"] == count_tokens(data["text"]) <= 150
    assert data["budget"] == 150 and data["left_out"] == data["candidates"] - len(data["facts"]) > 0
    (bug,) = [f for f in data["facts"] if f["kind"] == "BUG_FIX"]  # relevant: survives the tight budget
    assert "git status" in bug["reason"]
    assert data["injected"] is True


def test_show_without_memory_and_with_bad_arguments(tmp_path: Path, memwrap_cmd: list[str],
                                                    clean_env: dict[str, str]) -> None:
    out = run([*memwrap_cmd, "show", "--project", str(tmp_path)], clean_env)
    assert out.returncode == 0 and out.stdout == "" and "no facts for this project yet" in out.stderr
    bad = run([*memwrap_cmd, "show", "--budget", "lots"], clean_env)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "--budget" in bad.stderr
    missing = run([*memwrap_cmd, "show", "--project", str(tmp_path / "nope")], clean_env)
    assert missing.returncode == 2 and "not a directory" in missing.stderr


def test_show_says_when_the_project_opted_out(repo: Path, memwrap_cmd: list[str], clean_env: dict[str, str],
                                              memwrap_home: Path) -> None:
    (memwrap_home / "config.toml").write_text(f'[projects."{find_project(repo).key}"]\ndisabled = true\n')
    out = run([*memwrap_cmd, "show", "--project", str(repo), "--json"], clean_env)
    data = json.loads(out.stdout)
    assert data["injected"] is False and "disabled for this project" in data["disabled_reason"]


# -- init ---------------------------------------------------------------------------------


def executable(path: Path, body: str) -> None:
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(0o755)


@pytest.fixture
def shell_env(tmp_path: Path, clean_env: dict[str, str], memwrap_home: Path) -> dict[str, str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    executable(bin_dir / "claude", 'echo "REAL claude $*"\n')
    executable(bin_dir / "goose", 'echo "REAL goose $*"\n')
    executable(bin_dir / "memwrap", 'echo "WRAPPED $*"\n')  # stands in for the console script
    (memwrap_home / "config.toml").write_text('[wrap]\ncommands = ["goose", "rm -rf x"]\n')
    env = dict(clean_env)
    env["PATH"] = f"{bin_dir}{os.pathsep}/usr/bin{os.pathsep}/bin"
    return env


def init_script(shell: str, env: dict[str, str], memwrap_cmd: list[str]) -> str:
    out = run([*memwrap_cmd, "init", shell], env)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_bash_functions_wrap_installed_clis_and_are_safe_to_source_twice(
    shell_env: dict[str, str], memwrap_cmd: list[str], tmp_path: Path
) -> None:
    script = init_script("bash", shell_env, memwrap_cmd)
    assert "# not installed, not wrapped: aider codex gemini" in script
    assert "rm -rf" not in script
    rc = tmp_path / "init.bash"
    rc.write_text(script)
    probe = (f"shopt -s expand_aliases; alias claude='echo ALIAS'\n"
             f"source {rc}\nsource {rc}\n"
             "claude --model x 'two words'\ngoose run\nMEMWRAP_ACTIVE=1 claude inside\n"
             "type aider >/dev/null 2>&1 || echo 'no aider function'\n")
    out = run(["bash", "-c", probe], shell_env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        "WRAPPED claude --model x two words",
        "WRAPPED goose run",
        "REAL claude inside",
        "no aider function",
    ]


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_other_shells(shell: str, shell_env: dict[str, str], memwrap_cmd: list[str], tmp_path: Path) -> None:
    script = init_script(shell, shell_env, memwrap_cmd)
    assert "claude" in script and "MEMWRAP_ACTIVE" in script
    binary = shutil.which(shell)
    if binary is None:
        pytest.skip(f"{shell} is not installed here; the script text was checked only")
    rc = tmp_path / f"init.{shell}"
    rc.write_text(script)
    probe = f"source {rc}; source {rc}; claude hi; MEMWRAP_ACTIVE=1 claude there"
    out = run([binary, "-c", probe], shell_env)
    assert out.stdout.splitlines() == ["WRAPPED claude hi", "REAL claude there"], out.stderr


def test_init_rejects_unknown_shells(memwrap_cmd: list[str], clean_env: dict[str, str]) -> None:
    out = run([*memwrap_cmd, "init", "powershell"], clean_env)
    assert out.returncode == 2 and "bash|zsh|fish" in out.stderr

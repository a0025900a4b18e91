"""End-to-end: a CLI without an adapter gets the memory block as its first input.

A tiny fake assistant (first_input_cli.py) runs under `memwrap` in a real PTY and writes
the raw bytes of its first input to a file; the wrapper options and the per-project
opt-out decide whether that input is memwrap's block or what the user typed.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pexpect
import pytest

from memwrap.facts import Fact
from memwrap.project import find_project
from memwrap.select import build_block
from memwrap.store import Store
from tests.e2e.conftest import spawn_memwrap, tail

pytestmark = pytest.mark.e2e
CLI = Path(__file__).with_name("first_input_cli.py")
PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    proj = tmp_path / "shop-api"
    proj.mkdir()
    key = find_project(proj).key
    with Store.open() as store:
        store.add_facts([
            Fact("DECISION", "orders are paid through Stripe PaymentIntents, not Charges", project=key),
            Fact("FAILED", "abandoned: the webhook arrives before the order row is committed",
                 topic="synchronous payment confirmation in the checkout request", project=key),
        ])
    return proj


@pytest.fixture
def env(e2e_env: dict[str, str], tmp_path: Path) -> dict[str, str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    launcher = bin_dir / "shop-assistant"  # no adapter has this name: the generic one is used
    launcher.write_text(f"#!/bin/sh\nexec {sys.executable} {CLI} \"$@\"\n")
    launcher.chmod(launcher.stat().st_mode | stat.S_IXUSR)
    e2e_env["PATH"] = f"{bin_dir}{os.pathsep}{e2e_env['PATH']}"
    e2e_env["FIRST_INPUT_FILE"] = str(tmp_path / "first-input.bin")
    return e2e_env


def run_wrapped(args: list[str], project: Path, env: dict[str, str], tmp_path: Path,
                type_text: str | None = None) -> str:
    log = tmp_path / "pty.log"
    child = spawn_memwrap(args, cwd=project, env=env, log=log)
    try:
        child.expect("fake-assistant ready", timeout=30)
        if type_text is not None:
            child.send(type_text)
        child.expect("got it, bye", timeout=30)
        child.expect(pexpect.EOF, timeout=30)
    except (pexpect.TIMEOUT, pexpect.EOF) as exc:
        pytest.fail(f"wrapped CLI did not finish ({type(exc).__name__}); screen:\n{tail(log)}")
    finally:
        child.close()
    assert child.exitstatus == 0, tail(log)
    return Path(env["FIRST_INPUT_FILE"]).read_bytes().decode("utf-8")


def expected_block(project: Path) -> str:
    with Store.open(readonly=True) as store:
        return build_block(store, find_project(project)).text


def recordings(home: Path) -> list[Path]:
    return sorted((home / "recordings").rglob("*.cast")) if (home / "recordings").exists() else []


def test_block_is_the_first_input_as_one_bracketed_paste(project: Path, env: dict[str, str], tmp_path: Path,
                                                          memwrap_home: Path) -> None:
    block = expected_block(project)
    assert block, "the store should give this project a block"
    got = run_wrapped(["shop-assistant"], project, env, tmp_path)
    assert got == PASTE_START + block + PASTE_END + "\r"
    assert "DECISION: orders are paid through Stripe PaymentIntents" in got
    assert "FAILED: synchronous payment confirmation in the checkout request: abandoned: the webhook" in got
    assert len(recordings(memwrap_home)) == 1
    with Store.open(readonly=True) as store:  # the launch notes which facts it delivered
        assert all(f.injected_count == 1 for f in store.facts(project=find_project(project).key))


def test_no_inject_leaves_the_first_input_to_the_user(project: Path, env: dict[str, str], tmp_path: Path) -> None:
    got = run_wrapped(["--no-inject", "shop-assistant"], project, env, tmp_path, type_text="hello\r")
    assert got == "hello\r"


def test_no_record_still_injects_but_records_nothing(project: Path, env: dict[str, str], tmp_path: Path,
                                                      memwrap_home: Path) -> None:
    got = run_wrapped(["--no-record", "shop-assistant"], project, env, tmp_path)
    assert "<memwrap-memory " in got
    assert recordings(memwrap_home) == []


def test_project_opt_out_in_config_runs_the_cli_untouched(project: Path, env: dict[str, str], tmp_path: Path,
                                                           memwrap_home: Path) -> None:
    key = find_project(project).key
    (memwrap_home / "config.toml").write_text(f'[projects."{key}"]\ndisabled = true\n')
    got = run_wrapped(["shop-assistant"], project, env, tmp_path, type_text="plain\r")
    assert got == "plain\r"
    assert recordings(memwrap_home) == []

"""Handoff through a real PTY: `memwrap <fake CLI>` whose context grows 30 % per message.

The fake prints `NN% context used` after each reply (a wording the generic adapter knows),
so the screen is the signal; the generic strategy restarts the CLI and pastes the handoff.
What the user would see is checked: the fresh CLI received the memory and the current
task, a notice line appeared, the recording has the marker, and nothing happened early.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pexpect
import pytest

from memwrap.facts import Fact
from memwrap.project import find_project
from memwrap.store import Store
from tests.fake_cli.harness import child_env, memwrap_argv

USAGE_CLI = Path(__file__).resolve().parent / "fake_cli" / "usage_cli.py"
TASK = "please refactor the parser in src/parser.py to use a table"
NOT_BEFORE_S = 3.0  # longer than the idle wait plus a monitor poll: a handoff would show


@pytest.fixture
def project(tmp_path: Path) -> Path:
    proj = tmp_path / "parser-proj"
    proj.mkdir()
    key = find_project(proj).key
    with Store.open() as store:
        store.add_facts([Fact("DECISION", "the parser is table driven, no regexes", project=key)])
    return proj


def launch(home: Path, project: Path, log: Path, *wrap: str, **env: str) -> pexpect.spawn:
    child = pexpect.spawn(sys.executable, memwrap_argv(*wrap, sys.executable, str(USAGE_CLI)), cwd=str(project),
                          env=child_env(home, USAGE_LOG=str(log), USAGE_PASTE="1", **env),
                          dimensions=(30, 110), timeout=30, encoding="utf-8", codec_errors="replace")
    child.expect("ready")
    child.expect(r"memory received.*\r\n.*>")  # the generic adapter types the block first
    return child


def events(log: Path) -> list[dict]:
    try:
        return [json.loads(line) for line in log.read_text().splitlines()]
    except FileNotFoundError:
        return []


def handoff_messages(log: Path) -> list[str]:
    return [e["text"] for e in events(log) if e["event"] == "message" and "<memwrap-memory-handoff" in e["text"]]


def talk(child: pexpect.spawn, *messages: str) -> None:
    for msg in messages:
        child.send(msg + "\r")
        child.expect(r"\d+% context used")


def wait_for_handoff(child: pexpect.spawn, log: Path, timeout: float = 30) -> str:
    child.expect("memwrap: handoff", timeout=timeout)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        found = handoff_messages(log)
        if found:
            return found[-1]
        time.sleep(0.1)
    raise AssertionError(f"notice shown but the CLI got no handoff; log: {events(log)}")


def quit_cli(child: pexpect.spawn) -> None:
    child.send("exit\r")
    child.expect(pexpect.EOF, timeout=20)
    child.close()


def markers(home: Path) -> list[str]:
    cast = next((home / "recordings").rglob("*.cast"))
    return [json.loads(line)[2] for line in cast.read_text().splitlines()[1:] if line.startswith("[") and '"m"' in line]


def test_automatic_handoff_at_the_threshold_and_not_before(memwrap_home: Path, project: Path, tmp_path: Path) -> None:
    log = tmp_path / "usage.log"
    child = launch(memwrap_home, project, log)
    talk(child, TASK, "add tests in tests/test_parser.py for it")  # 30 %, 60 %
    time.sleep(NOT_BEFORE_S)
    assert handoff_messages(log) == [] and "memwrap: handoff" not in child.before
    talk(child, "now wire it into main.py as well")  # 90 %
    message = wait_for_handoff(child, log)
    quit_cli(child)

    assert "CURRENT TASK: now wire it into main.py as well" in message
    assert "the parser is table driven, no regexes" in message  # the memory block came along
    files = message.split("FILES IN PLAY:", 1)[1]
    assert "src/parser.py" in files and "tests/test_parser.py" in files and "main.py" in files
    starts = [e for e in events(log) if e["event"] == "start"]
    assert len(starts) == 2, "the generic strategy restarts the CLI once"
    assert [e["pid"] for e in events(log) if e.get("text") == message] == [starts[1]["pid"]]
    assert any(m.startswith("memwrap: handoff: context 90% full") for m in markers(memwrap_home))


def test_key_chord_hands_off_at_once_and_never_reaches_the_cli(memwrap_home: Path, project: Path,
                                                                 tmp_path: Path) -> None:
    log = tmp_path / "usage.log"
    child = launch(memwrap_home, project, log)
    talk(child, TASK)  # 30 %: far below the threshold
    child.send("\x1d")  # Ctrl-]
    message = wait_for_handoff(child, log)
    quit_cli(child)
    assert TASK in message and "asked for by key chord" in message
    assert not any("\x1d" in e.get("text", "") for e in events(log))


@pytest.mark.parametrize("how", ["--no-handoff", "config"])
def test_switched_off_means_no_automatic_handoff_but_manual_still_works(
        memwrap_home: Path, project: Path, tmp_path: Path, how: str) -> None:
    wrap: tuple[str, ...] = ()
    if how == "config":
        (memwrap_home / "config.toml").write_text("[handoff]\nauto = false\n")
    else:
        wrap = ("--no-handoff",)
    log = tmp_path / "usage.log"
    child = launch(memwrap_home, project, log, *wrap)
    talk(child, TASK, "add tests in tests/test_parser.py", "and the docs in README.md")  # 90 %
    time.sleep(NOT_BEFORE_S)
    assert handoff_messages(log) == []

    asked = subprocess.run([sys.executable, *memwrap_argv("handoff")], cwd=str(project), capture_output=True,
                           text=True, env=child_env(memwrap_home), timeout=30)
    assert asked.returncode == 0, asked.stderr
    message = wait_for_handoff(child, log)
    quit_cli(child)
    assert "asked for by memwrap handoff" in message and "CURRENT TASK: and the docs in README.md" in message
    assert not list((memwrap_home / "run").glob("*/control")), "the control FIFO must go with the session"

"""End-to-end with the real Claude Code (npm, pinned by scripts/install-test-clis.sh),
offline against a local fake Anthropic Messages API, driven through a real PTY.

Session 1 under `memwrap claude`: the user settles a decision and abandons an approach
that failed. memwrap records it and distils it in the background. Session 2: the request
Claude Code sends to the API must carry memwrap's block with the decision, and the failure
with its reason.
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import pexpect
import pytest

from memwrap.facts import Fact
from memwrap.project import find_project
from memwrap.store import Store
from tests.e2e.conftest import spawn_memwrap, tail
from tests.fakes.anthropic_api import FakeAnthropic, claude_env
from tests.fakes.tools import claude_bin

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(claude_bin() is None, reason="Claude Code is not installed: run scripts/install-test-clis.sh"),
]
READY = "shortcuts"  # Claude Code's input box footer ("? for shortcuts"): it waits for input
_GAP = r"(?:\s|\x1b\[[0-9;?]*[A-Za-z])+"  # the TUI draws spaces as cursor moves


def screen_regex(text: str) -> str:
    """A regex for `text` as Claude Code paints it (words apart, cursor moves in between)."""
    return _GAP.join(re.escape(word) for word in text.split()[:4])
DISTIL_TIMEOUT_S = 300


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    proj = tmp_path / "auth-service"
    proj.mkdir()
    (proj / "main.go").write_text("package main\n")
    return proj


def claude_session_env(e2e_env: dict[str, str], tmp_path: Path, workdir: Path, fake: FakeAnthropic) -> dict[str, str]:
    env = claude_env(tmp_path / "home", workdir, fake.url, base_env=e2e_env)
    env["PATH"] = f"{Path(claude_bin()).parent}{os.pathsep}{env['PATH']}"
    return env


def start(workdir: Path, env: dict[str, str], log: Path, args: tuple[str, ...] = ()) -> pexpect.spawn:
    child = spawn_memwrap(["claude", *args], cwd=workdir, env=env, log=log, timeout=60)
    try:
        child.expect(READY, timeout=60)
    except (pexpect.TIMEOUT, pexpect.EOF) as exc:
        child.close(force=True)
        pytest.fail(f"Claude Code did not reach its input box ({type(exc).__name__}); screen:\n{tail(log)}")
    time.sleep(0.5)  # the input box is drawn a moment before it takes keys
    return child


def say(child: pexpect.spawn, fake: FakeAnthropic, text: str, n_requests: int, reply: str, log: Path) -> None:
    """Type one user turn and wait until the fake has answered it and the answer is on screen."""
    child.send(text)
    time.sleep(0.3)
    child.send("\r")
    try:
        fake.wait_for_requests(n_requests, timeout=60)
        child.expect(screen_regex(reply), timeout=60)
    except (TimeoutError, pexpect.TIMEOUT, pexpect.EOF) as exc:
        pytest.fail(f"turn {n_requests} did not complete ({exc}); screen:\n{tail(log)}")


def quit_claude(child: pexpect.spawn, log: Path) -> None:
    """Ctrl-C, then Ctrl-C again once Claude Code says "Press Ctrl-C again to exit" (as a person
    would: on a loaded machine a second key sent blind can land before the first is handled,
    and the hint times out after a moment, so a few tries are allowed)."""
    for _ in range(3):
        child.sendcontrol("c")
        try:
            child.expect([screen_regex("again to exit"), pexpect.EOF], timeout=10)
        except pexpect.TIMEOUT:
            continue
        if not child.isalive():
            break
        child.sendcontrol("c")
        try:
            child.expect(pexpect.EOF, timeout=15)
            break
        except pexpect.TIMEOUT:
            continue
    else:
        child.close(force=True)
        pytest.fail(f"Claude Code did not exit on Ctrl-C twice; screen:\n{tail(log)}")
    child.close()


def test_system_prompt_carries_the_block_and_nothing_lands_in_the_repo(
    e2e_env: dict[str, str], tmp_path: Path, workdir: Path, memwrap_home: Path
) -> None:
    key = find_project(workdir).key
    with Store.open() as store:
        store.add_facts([Fact("DECISION", "API errors are RFC 7807 problem+json documents", project=key)])
    log = tmp_path / "pty.log"
    with FakeAnthropic(["Noted, problem+json it is."]) as fake:
        env = claude_session_env(e2e_env, tmp_path, workdir, fake)
        child = start(workdir, env, log)
        say(child, fake, "which error format do we use?", 1, "Noted, problem+json it is.", log)
        quit_claude(child, log)
        system = fake.conversation_requests()[0].system_text()
    assert '<memwrap-memory project="auth-service" facts="1"' in system, system[-2000:]
    assert "DECISION: API errors are RFC 7807 problem+json documents" in system
    assert sorted(p.name for p in workdir.iterdir()) == ["main.go"]  # no CLAUDE.md or other strays
    leftovers = list((memwrap_home / "run").glob("launch-*"))
    assert leftovers == [], "the launch's memory files must be removed at exit"
    (meta_file,) = (memwrap_home / "recordings").rglob("*.json")
    meta = json.loads(meta_file.read_text())
    assert meta["cli"] == "claude" and meta["native_transcript"] and Path(meta["native_transcript"]).is_file()


def queue_idle() -> bool:
    from memwrap import queue

    return not queue.pending() and not queue.worker_running()


def wait_for_facts(project_key: str, memwrap_home: Path) -> list[Fact]:
    """Wait for the background distillation of session 1 to store its facts."""
    deadline = time.monotonic() + DISTIL_TIMEOUT_S
    facts: list[Fact] = []
    while time.monotonic() < deadline:
        try:
            with Store.open(readonly=True) as store:
                facts = [f for f in store.facts(project=project_key) if f.live]
        except Exception:  # the worker may hold the writer lock or the store may not exist yet
            facts = []
        kinds = {f.kind for f in facts}
        if "FAILED" in kinds and kinds & {"DECISION", "PATTERN", "PROJECT"}:
            return facts
        if queue_idle():
            break  # the worker has finished (or given up): waiting longer changes nothing
        time.sleep(2)
    log = memwrap_home / "memwrap.log"
    pytest.fail(f"distillation did not store a decision and a failure within {DISTIL_TIMEOUT_S}s; "
                f"facts: {[f.line() for f in facts]}; log:\n{tail(log)}")


def test_second_session_receives_the_decision_and_the_failure(
    e2e_env: dict[str, str], tmp_path: Path, workdir: Path, memwrap_home: Path
) -> None:
    replies = [
        "Agreed. Decision: auth uses JWT with 15 minute access tokens and 7 day refresh tokens.",
        "Understood. Redis-backed sessions failed: the ALB cannot do sticky sessions, so we abandoned them.",
    ]
    log1 = tmp_path / "session1.log"
    with FakeAnthropic(replies) as fake:
        env = claude_session_env(e2e_env, tmp_path, workdir, fake)
        child = start(workdir, env, log1)
        say(child, fake, "Let's settle auth: we decided to use JWT with 15 minute access tokens and "
                         "7 day refresh tokens.", 1, replies[0], log1)
        say(child, fake, "I tried Redis-backed sessions but it failed because the ALB cannot do sticky "
                         "sessions, so we abandoned Redis sessions.", 2, replies[1], log1)
        quit_claude(child, log1)
        assert "<memwrap-memory" not in fake.conversation_requests()[0].system_text()  # nothing known yet

    wait_for_facts(find_project(workdir).key, memwrap_home)

    log2 = tmp_path / "session2.log"
    with FakeAnthropic(["Welcome back."]) as fake:
        env = claude_session_env(e2e_env, tmp_path, workdir, fake)
        child = start(workdir, env, log2)
        say(child, fake, "where were we?", 1, "Welcome back.", log2)
        quit_claude(child, log2)
        request = fake.conversation_requests()[0]
    system = request.system_text()
    start_at = system.find("<memwrap-memory")
    assert start_at >= 0, f"no memory block in the system prompt:\n{system[-2000:]}"
    block = system[start_at: system.index("</memwrap-memory>", start_at)]
    low = block.lower()
    assert "jwt" in low and "15" in low, f"the decision is missing:\n{block}"
    failed = [line for line in block.splitlines() if "redis" in line.lower()]
    assert failed, f"the failed approach is missing:\n{block}"
    assert any(("fail" in l.lower() or "abandon" in l.lower() or l.startswith("FAILED")) and "sticky" in l.lower()
               for l in failed), f"the failure lacks its reason:\n{block}"
    assert not any(l.startswith(("DECISION", "PATTERN")) and "redis" in l.lower() and "fail" not in l.lower()
                   and "abandon" not in l.lower() for l in block.splitlines()), f"dead end stored as a decision:\n{block}"

"""End-to-end with the real Codex CLI (npm @openai/codex, pinned by scripts/install-test-clis.sh),
offline against a local fake of the OpenAI Responses API, driven through a real PTY.

1. A fact in the store reaches Codex as a developer message (`-c developer_instructions=`),
   nothing lands in the repository, and memwrap finds Codex's own rollout file, which the
   reader turns back into exactly the turns that were typed.
2. Session 1 settles a decision and abandons an approach that failed; it is distilled from
   the rollout; session 2's request carries both, the failure with its reason.
"""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path
from typing import Any

import pexpect
import pytest

from memwrap.facts import Fact
from memwrap.project import find_project
from memwrap.store import Store
from memwrap import adapters
from memwrap.pipeline import load_session
from tests.e2e.conftest import spawn_memwrap, tail
from tests.e2e.test_claude import screen_regex, wait_for_facts
from tests.fakes.openai_responses import FakeResponses, ResponsesRequest, codex_env
from tests.fakes.tools import codex_bin

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(codex_bin() is None, reason="Codex CLI is not installed: run scripts/install-test-clis.sh"),
]
READY = "shortcuts"  # the composer footer ("? for shortcuts"): Codex waits for input
# Codex reports its state in an OSC 7501 sequence; "done" once a turn has really finished
# (the footer comes back earlier, and Ctrl-C then opens a "Task is still running" dialog).
TURN_DONE = "state=done:app=codex"
LOADED = "fake-model"  # replaces "loading" in the header once the session is configured; keys typed before are lost


@pytest.fixture(autouse=True)
def stop_codex_daemons(tmp_path: Path):
    """Codex starts a managed app-server daemon from its CODEX_HOME that outlives the CLI;
    a test must not leave one behind per run."""
    yield
    home = str(tmp_path / "codex-home")
    for pid_dir in Path("/proc").iterdir():
        if not pid_dir.name.isdigit():
            continue
        try:
            cmdline = (pid_dir / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if home in cmdline:
            try:
                os.kill(int(pid_dir.name), signal.SIGTERM)
            except OSError:
                pass


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    proj = tmp_path / "billing"
    proj.mkdir()
    (proj / "invoice.py").write_text("TOTAL = 0\n")
    return proj


def session_env(e2e_env: dict[str, str], tmp_path: Path, workdir: Path, fake: FakeResponses) -> dict[str, str]:
    env = codex_env(tmp_path / "codex-home", workdir, fake.url, base_env=e2e_env)
    env["PATH"] = f"{Path(codex_bin()).parent}{os.pathsep}{env['PATH']}"
    return env


def start(workdir: Path, env: dict[str, str], log: Path) -> pexpect.spawn:
    child = spawn_memwrap(["codex", "--no-alt-screen"], cwd=workdir, env=env, log=log, timeout=60)
    try:
        child.expect(LOADED, timeout=60)
        child.expect(READY, timeout=30)
    except (pexpect.TIMEOUT, pexpect.EOF) as exc:
        child.close(force=True)
        pytest.fail(f"Codex did not reach its composer ({type(exc).__name__}); screen:\n{tail(log)}")
    time.sleep(0.5)
    return child


def say(child: pexpect.spawn, fake: Any, text: str, n: int, reply: str, log: Path, ready: str = TURN_DONE) -> None:
    """Type one user turn; wait until the fake answered it, the answer is on screen and the
    CLI shows `ready` again (its turn is over). `fake` is any fake API with wait_for_requests."""
    child.send(text)
    time.sleep(0.3)
    child.send("\r")
    try:
        fake.wait_for_requests(n, timeout=60)
        seen: set[int] = set()
        while len(seen) < 2:  # either order: Codex may signal "done" before the last of the reply is painted
            seen.add(child.expect([screen_regex(reply), ready], timeout=60))
    except (TimeoutError, pexpect.TIMEOUT, pexpect.EOF) as exc:
        pytest.fail(f"turn {n} did not complete ({exc}); screen:\n{tail(log)}")


def quit_cli(child: pexpect.spawn, log: Path) -> None:
    """Ctrl-C (twice when the first only arms the exit), then wait for memwrap to finish.
    Should Codex still think a task runs, its dialog offers "3. Exit": take it."""
    # on a loaded machine a key can land before the previous one is handled: a few rounds are allowed
    for _ in range(3):
        child.sendcontrol("c")
        time.sleep(0.5)
        if child.isalive():
            child.sendcontrol("c")
        try:
            if child.expect([pexpect.EOF, "3. Exit"], timeout=30) == 1:
                child.send("3")
                time.sleep(0.3)
                child.send("\r")
                child.expect(pexpect.EOF, timeout=30)
            break
        except pexpect.TIMEOUT:
            continue
    else:
        child.close(force=True)
        pytest.fail(f"the CLI did not exit on Ctrl-C; screen:\n{tail(log)}")
    child.close()


def memory_block(request: ResponsesRequest) -> str:
    """The memwrap block as Codex sent it (in a developer message), or '' when absent."""
    text = request.developer_text()
    start_at = text.find("<memwrap-memory")
    return text[start_at: text.index("</memwrap-memory>", start_at)] if start_at >= 0 else ""


def test_developer_message_carries_the_block_and_the_rollout_is_read(
    e2e_env: dict[str, str], tmp_path: Path, workdir: Path, memwrap_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = find_project(workdir).key
    with Store.open() as store:
        store.add_facts([Fact("DECISION", "Money amounts are integer cents, never floats", project=key)])
    log = tmp_path / "pty.log"
    reply = "Right, integer cents everywhere."
    with FakeResponses([reply]) as fake:
        child = start(workdir, session_env(e2e_env, tmp_path, workdir, fake), log)
        say(child, fake, "how do we store money amounts?", 1, reply, log)
        quit_cli(child, log)
        request = fake.conversation_requests()[0]
    block = memory_block(request)
    assert '<memwrap-memory project="billing" facts="1"' in block, request.developer_text()[:3000]
    assert "DECISION: Money amounts are integer cents, never floats" in block
    assert "<memwrap-memory" not in "\n".join(request.input_messages("user")), "the block is not a user message"
    assert sorted(p.name for p in workdir.iterdir()) == ["invoice.py"]  # no AGENTS.md or other strays
    assert list((memwrap_home / "run").glob("launch-*")) == [], "the launch's files must be removed at exit"

    # What the distiller reads: the adapter finds the rollout after the session (Codex names
    # it itself, so it is not known at launch), and the session loads from it, not the screen.
    (meta_file,) = (memwrap_home / "recordings").rglob("*.json")
    meta = json.loads(meta_file.read_text())
    assert meta["cli"] == "codex"
    monkeypatch.setenv("CODEX_HOME", str(tmp_path / "codex-home"))
    rollout = adapters.get("codex").find_native_transcript(meta)
    assert rollout and rollout.is_relative_to(tmp_path / "codex-home" / "sessions"), f"rollout not found: {rollout}"
    transcript = load_session(meta)
    assert transcript.fmt == "codex-jsonl", transcript.notes
    assert [(t.role, t.text) for t in transcript.turns] == [
        ("user", "how do we store money amounts?"), ("assistant", reply)]


def test_second_session_receives_the_decision_and_the_failure(
    e2e_env: dict[str, str], tmp_path: Path, workdir: Path, memwrap_home: Path
) -> None:
    replies = [
        "Agreed. Decision: invoices store amounts as integer cents in a BIGINT column.",
        "Understood. Float amounts failed: rounding drift broke the totals, so we abandoned floats.",
    ]
    log1 = tmp_path / "session1.log"
    with FakeResponses(replies) as fake:
        child = start(workdir, session_env(e2e_env, tmp_path, workdir, fake), log1)
        say(child, fake, "Let's settle money: we decided to store invoice amounts as integer cents in a "
                         "BIGINT column.", 1, replies[0], log1)
        say(child, fake, "I tried float amounts but it failed because rounding drift broke the totals, "
                         "so we abandoned floats.", 2, replies[1], log1)
        quit_cli(child, log1)
        assert memory_block(fake.conversation_requests()[0]) == ""  # nothing known yet

    wait_for_facts(find_project(workdir).key, memwrap_home)

    log2 = tmp_path / "session2.log"
    with FakeResponses(["Welcome back."]) as fake:
        child = start(workdir, session_env(e2e_env, tmp_path, workdir, fake), log2)
        say(child, fake, "where were we?", 1, "Welcome back.", log2)
        quit_cli(child, log2)
        block = memory_block(fake.conversation_requests()[0])
    assert block, "no memory block in the developer messages of session 2"
    low = block.lower()
    assert "cents" in low, f"the decision is missing:\n{block}"
    failed = [line for line in block.splitlines() if "float" in line.lower()]
    assert any(("fail" in l.lower() or "abandon" in l.lower() or l.startswith("FAILED")) and "rounding" in l.lower()
               for l in failed), f"the failure lacks its reason:\n{block}"

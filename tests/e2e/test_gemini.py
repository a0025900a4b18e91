"""End-to-end with the real Gemini CLI (npm @google/gemini-cli, pinned by
scripts/install-test-clis.sh), offline against a local fake of the Gemini API, through a PTY.

1. A fact in the store reaches the model through memwrap's SessionStart hook: Gemini adds it
   to the first user turn as `<hook_context>`; it is not typed on screen; memwrap finds the
   chat file and the reader turns it back into exactly the turns that were typed (the
   CLI-written context turns dropped).
2. Session 1 settles a decision and abandons an approach that failed; it is distilled from
   the chat file; session 2's request carries both, the failure with its reason.
"""

from __future__ import annotations

import html
import json
import os
import re
import time
from pathlib import Path

import pexpect
import pytest

from memwrap import adapters
from memwrap.facts import Fact
from memwrap.pipeline import load_session
from memwrap.project import find_project
from memwrap.store import Store
from tests.e2e.conftest import spawn_memwrap, tail
from tests.e2e.test_claude import wait_for_facts
from tests.e2e.test_codex import quit_cli, say
from tests.fakes.gemini_api import FakeGemini, GeminiRequest, gemini_env
from tests.fakes.tools import gemini_bin

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(gemini_bin() is None, reason="Gemini CLI is not installed: run scripts/install-test-clis.sh"),
]
READY = "Type your message"  # the input box placeholder: Gemini waits for input
# Prompts here avoid "?": gemini-cli 0.61 drops a "?" that arrives in one write with other
# text (it is its shortcuts key), with or without memwrap.
_HOOK = re.compile(r"<hook_context>(.*?)</hook_context>", re.S)


@pytest.fixture(autouse=True)
def memwrap_home(private_memwrap_home: Path) -> Path:
    """Gemini reads memwrap's settings file only where no directory above is writable by others."""
    return private_memwrap_home


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    proj = tmp_path / "weather-app"
    proj.mkdir()
    (proj / "app.ts").write_text("export const units = 'metric';\n")
    return proj


def session_env(e2e_env: dict[str, str], tmp_path: Path, fake: FakeGemini) -> dict[str, str]:
    env = gemini_env(tmp_path / "gemini-home", fake.url, base_env=e2e_env)
    env["PATH"] = f"{Path(gemini_bin()).parent}{os.pathsep}{env['PATH']}"
    return env


def start(workdir: Path, env: dict[str, str], log: Path) -> pexpect.spawn:
    child = spawn_memwrap(["gemini"], cwd=workdir, env=env, log=log, timeout=90)
    try:
        child.expect(READY, timeout=90)
    except (pexpect.TIMEOUT, pexpect.EOF) as exc:
        child.close(force=True)
        pytest.fail(f"Gemini did not reach its input box ({type(exc).__name__}); screen:\n{tail(log)}")
    time.sleep(1.0)  # the box is drawn before the session has finished starting
    return child


def memory_block(request: GeminiRequest) -> str:
    """The memwrap block as the model got it (inside <hook_context>, HTML-escaped by Gemini)."""
    for text in request.contents_text("user"):
        for hook in _HOOK.findall(text):
            block = html.unescape(hook)
            start_at = block.find("<memwrap-memory")
            if start_at >= 0:
                return block[start_at: block.index("</memwrap-memory>", start_at)]
    return ""


def test_hook_context_carries_the_block_and_the_chat_file_is_read(
    e2e_env: dict[str, str], tmp_path: Path, workdir: Path, memwrap_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = find_project(workdir).key
    with Store.open() as store:
        store.add_facts([Fact("DECISION", "Temperatures are shown in metric units", project=key)])
    log = tmp_path / "pty.log"
    reply = "Metric it is, as decided."
    with FakeGemini([reply]) as fake:
        child = start(workdir, session_env(e2e_env, tmp_path, fake), log)
        say(child, fake, "which units do we show", 1, reply, log, ready=READY)
        quit_cli(child, log)
        request = fake.conversation_requests()[0]
    block = memory_block(request)
    assert '<memwrap-memory project="weather-app" facts="1"' in block, request.contents_text("user")[:2]
    assert "DECISION: Temperatures are shown in metric units" in block
    screen = tail(log, 200_000)  # Gemini names the hook while it runs ("Executing Hook: memwrap-memory")
    assert "<memwrap-memory" not in screen and "metric units" not in screen, "the block must not be typed on screen"
    assert sorted(p.name for p in workdir.iterdir()) == ["app.ts"]  # no GEMINI.md, no .gemini/
    assert list((memwrap_home / "run").glob("launch-*")) == [], "the launch's files must be removed at exit"

    (meta_file,) = (memwrap_home / "recordings").rglob("*.json")
    meta = json.loads(meta_file.read_text())
    assert meta["cli"] == "gemini"
    monkeypatch.setenv("GEMINI_CLI_HOME", str(tmp_path / "gemini-home"))
    chat = adapters.get("gemini").find_native_transcript(meta)
    assert chat and chat.is_relative_to(tmp_path / "gemini-home" / ".gemini" / "tmp"), f"chat not found: {chat}"
    assert "memwrap-memory" in chat.read_text()  # recorded as the CLI's own <hook_context> turn ...
    transcript = load_session(meta)
    assert transcript.fmt == "gemini-jsonl", transcript.notes
    assert transcript.project_name == "weather-app"
    # ... which the reader drops with the <session_context> one: only what was typed and answered.
    assert [(t.role, t.text) for t in transcript.turns] == [("user", "which units do we show"), ("assistant", reply)]


def test_second_session_receives_the_decision_and_the_failure(
    e2e_env: dict[str, str], tmp_path: Path, workdir: Path, memwrap_home: Path
) -> None:
    replies = [
        "Agreed. Decision: the forecast cache uses SQLite with a 10 minute expiry.",
        "Understood. IndexedDB caching failed: the service worker cannot open it, so we abandoned IndexedDB.",
    ]
    log1 = tmp_path / "session1.log"
    with FakeGemini(replies) as fake:
        child = start(workdir, session_env(e2e_env, tmp_path, fake), log1)
        say(child, fake, "Let's settle caching: we decided the forecast cache uses SQLite with a 10 minute "
                         "expiry.", 1, replies[0], log1, ready=READY)
        say(child, fake, "I tried IndexedDB caching but it failed because the service worker cannot open it, "
                         "so we abandoned IndexedDB.", 2, replies[1], log1, ready=READY)
        quit_cli(child, log1)
        assert memory_block(fake.conversation_requests()[0]) == ""  # nothing known yet

    wait_for_facts(find_project(workdir).key, memwrap_home)

    log2 = tmp_path / "session2.log"
    with FakeGemini(["Welcome back."]) as fake:
        child = start(workdir, session_env(e2e_env, tmp_path, fake), log2)
        say(child, fake, "where were we", 1, "Welcome back.", log2, ready=READY)
        quit_cli(child, log2)
        block = memory_block(fake.conversation_requests()[0])
    assert block, "no memory block in the first user turn of session 2"
    low = block.lower()
    assert "sqlite" in low, f"the decision is missing:\n{block}"
    failed = [line for line in block.splitlines() if "indexeddb" in line.lower()]
    assert any(("fail" in l.lower() or "abandon" in l.lower() or l.startswith("FAILED")) and "service worker" in l.lower()
               for l in failed), f"the failure lacks its reason:\n{block}"

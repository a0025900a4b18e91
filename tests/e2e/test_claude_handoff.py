"""End-to-end handoff with the real Claude Code, offline against the fake Anthropic API.

The fake reports a context that grows with every turn (30k, 60k, 85k of a 100k window set
with CLAUDE_CODE_MAX_CONTEXT_TOKENS). memwrap reads the usage from Claude Code's own
session JSONL; past 80 % and once Claude Code is idle it types `/clear` and pastes the
handoff. The next request the fake receives must carry the memory block and the task the
user was working on, and nothing before the threshold may trigger it.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pexpect
import pytest

from memwrap.facts import Fact
from memwrap.project import find_project
from memwrap.store import Store
from tests.e2e.test_claude import claude_session_env, quit_claude, say, screen_regex, start
from tests.e2e.conftest import tail
from tests.fakes.anthropic_api import FakeAnthropic, Reply
from tests.fakes.tools import claude_bin

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(claude_bin() is None, reason="Claude Code is not installed: run scripts/install-test-clis.sh"),
]
WINDOW = 100_000
USAGE = [30_000, 60_000, 85_000]  # input tokens the fake reports for turns 1..3
TASK = "Refactor the token parser in src/tokens.py to use a lookup table"


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    proj = tmp_path / "tokenizer"
    (proj / "src").mkdir(parents=True)
    (proj / "src" / "tokens.py").write_text("def parse(s):\n    return s.split()\n")
    return proj


def test_handoff_at_the_threshold_carries_memory_and_task(
    e2e_env: dict[str, str], tmp_path: Path, workdir: Path, memwrap_home: Path
) -> None:
    key = find_project(workdir).key
    with Store.open() as store:
        store.add_facts([Fact("DECISION", "tokens are matched with a dict lookup table, not regexes", project=key)])
    replies = iter([
        Reply("I will start with the parser in src/tokens.py.", input_tokens=USAGE[0]),
        Reply("Done: the table lives in src/tokens.py. Next I will add tests in tests/test_tokens.py.",
              input_tokens=USAGE[1]),
        Reply("Tests written. Next step: run pytest and fix failures.", input_tokens=USAGE[2]),
    ])

    def responder(body: dict) -> Reply:
        return next(replies, Reply("Continuing from the handoff.", input_tokens=4_000))

    log = tmp_path / "pty.log"
    with FakeAnthropic(responder=responder) as fake:
        env = claude_session_env(e2e_env, tmp_path, workdir, fake)
        env["CLAUDE_CODE_MAX_CONTEXT_TOKENS"] = str(WINDOW)
        child = start(workdir, env, log)
        say(child, fake, TASK, 1, "I will start with the parser", log)
        say(child, fake, "good, now the tests please", 2, "Next I will add tests", log)
        time.sleep(3)  # 60 %: well past the poll interval, and no handoff may happen
        assert len(fake.conversation_requests()) == 2
        assert "memwrap: handoff" not in tail(log, 100_000)
        say(child, fake, "great, keep going with the tests", 3, "Tests written.", log)
        try:
            requests = fake.wait_for_requests(4, timeout=120)
            child.expect("memwrap: handoff", timeout=30)
            child.expect(screen_regex("Continuing from the handoff."), timeout=60)
        except (TimeoutError, pexpect.TIMEOUT, pexpect.EOF) as exc:
            pytest.fail(f"no handoff after the threshold ({exc}); screen:\n{tail(log)}")
        fourth = requests[3]
        quit_claude(child, log)

    first_three = "\n".join(r.messages_text() for r in requests[:3])
    assert "<memwrap-memory-handoff" not in first_three
    text = fourth.messages_text()
    assert "<memwrap-memory-handoff" in text, text[-3000:]
    assert "CURRENT TASK:" in text and "keep going with the tests" in text, text[-3000:]
    assert "src/tokens.py" in text.split("FILES IN PLAY:", 1)[1]
    assert "dict lookup table" in text, "the memory block is missing from the fresh context"
    assert "good, now the tests please" not in text, "the old conversation was not cleared"
    cast = next((memwrap_home / "recordings").rglob("*.cast"))
    markers = [json.loads(line)[2] for line in cast.read_text().splitlines()[1:] if '"m"' in line]
    assert any(m.startswith("memwrap: handoff: context 85% full (transcript)") for m in markers), markers

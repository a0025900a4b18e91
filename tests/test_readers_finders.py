"""Finding this session's native transcript for each CLI, the way the adapters ask for it."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from memwrap.readers import aider_md, claude_jsonl, codex_jsonl, gemini_jsonl


def _touch(path: Path, mtime: float) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{}\n")
    os.utime(path, (mtime, mtime))
    return path


def test_claude_dir_name_rule() -> None:
    assert claude_jsonl.project_dir_name("/home/a.b/my_proj") == "-home-a-b-my-proj"
    long = "/x/" + "d" * 300
    name = claude_jsonl.project_dir_name(long)
    assert name.startswith(("-x-" + "d" * 300)[:200]) and len(name) > 200


def test_claude_by_id_then_newest_after_start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLAUDE_CONFIG_DIR", raising=False)
    home, cwd = tmp_path / "home", "/work/proj"
    d = home / ".claude" / "projects" / "-work-proj"
    now = time.time()
    old = _touch(d / "old.jsonl", now - 3600)
    new = _touch(d / "new.jsonl", now)
    assert claude_jsonl.find_session_file(cwd, session_id="old", home=home) == old
    assert claude_jsonl.find_session_file(cwd, session_id="nope", home=home) is None
    assert claude_jsonl.find_session_file(cwd, started_after=now - 60, home=home) == new
    assert claude_jsonl.find_session_file(cwd, started_after=now + 60, home=home) is None
    assert claude_jsonl.find_session_file("/other", home=home) is None


def test_claude_config_dir_and_long_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAUDE_CONFIG_DIR", str(tmp_path / "cfg"))
    cwd = "/deep/" + "x" * 250
    prefix = claude_jsonl.project_dir_name(cwd)[:200]
    f = _touch(tmp_path / "cfg" / "projects" / f"{prefix}-bunhash" / "s1.jsonl", time.time())
    assert claude_jsonl.find_session_file(cwd, session_id="s1") == f  # another runtime's hash suffix
    assert claude_jsonl.find_session_file(cwd) == f


def test_codex_finder_matches_cwd(tmp_path: Path) -> None:
    env = {"CODEX_HOME": str(tmp_path / "codex")}
    day = tmp_path / "codex" / "sessions" / "2026" / "11" / "25"
    now = time.time()
    mine = day / "rollout-2026-11-25T10-00-00-aaaa.jsonl"
    other = day / "rollout-2026-11-25T10-05-00-bbbb.jsonl"
    mine.parent.mkdir(parents=True)
    mine.write_text('{"type":"session_meta","payload":{"id":"aaaa","cwd":"/p/mine"}}\n')
    other.write_text('{"type":"session_meta","payload":{"id":"bbbb","cwd":"/p/other"}}\n')
    os.utime(mine, (now - 5, now - 5))
    assert codex_jsonl.find_session_file("/p/mine", started_after=now - 60, env=env) == mine
    assert codex_jsonl.find_session_file(None, started_after=now - 60, env=env) == other
    assert codex_jsonl.find_session_file(session_id="aaaa", env=env) == mine


def test_gemini_and_aider_finders(tmp_path: Path) -> None:
    env = {"GEMINI_CLI_HOME": str(tmp_path)}
    f = _touch(tmp_path / ".gemini" / "tmp" / "webshop" / "chats" / "session-2026-11-25T10-00-7a1c9e20.jsonl",
               time.time())
    assert gemini_jsonl.find_session_file(session_id="7a1c9e20-4b6d", env=env) == f
    assert gemini_jsonl.find_session_file(started_after=time.time() + 60, env=env) is None
    assert aider_md.find_history_file(tmp_path) is None
    (tmp_path / ".aider.chat.history.md").write_text("# aider chat started at 2026-11-25 10:00:00\n")
    assert aider_md.find_history_file(tmp_path) == tmp_path / ".aider.chat.history.md"


def test_aider_picks_the_session_started_after(tmp_path: Path) -> None:
    from datetime import datetime
    from memwrap.transcript import load_transcript
    path = tmp_path / ".aider.chat.history.md"
    path.write_text("# aider chat started at 2026-11-24 09:00:00\n\n#### first day\n\nanswer one\n\n"
                    "# aider chat started at 2026-11-25 09:00:00\n\n#### second day\n\nanswer two\n")
    assert load_transcript(path).turns[0].text == "second day"
    since = datetime(2026, 11, 24, 8, 59).timestamp()
    assert load_transcript(path, since=since).turns[0].text == "first day"


def test_aider_sessions_seconds_apart_are_told_apart(tmp_path: Path) -> None:
    """Two launches in the same minute: each launch reads its own session, not the earlier one."""
    from datetime import datetime
    from memwrap.transcript import load_transcript
    path = tmp_path / ".aider.chat.history.md"
    path.write_text("# aider chat started at 2026-11-25 13:35:41\n\n#### session one\n\nanswer\n\n"
                    "# aider chat started at 2026-11-25 13:35:53\n\n#### session two\n\nanswer\n")
    second_launch = datetime(2026, 11, 25, 13, 35, 52).timestamp() - 5  # memwrap's start, with its slack
    assert load_transcript(path, since=second_launch).turns[0].text == "session two"
    first_launch = datetime(2026, 11, 25, 13, 35, 40).timestamp() - 5
    assert load_transcript(path, since=first_launch).turns[0].text == "session one"
    skewed = datetime(2026, 11, 25, 13, 36, 20).timestamp()  # aider's clock 30 s behind
    assert load_transcript(path, since=skewed).turns[0].text == "session two"

"""Every fixture in recordings/native and recordings/casts reads back exactly as its golden file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from memwrap.transcript import load_transcript, strip_memory

from tests.conftest import RECORDINGS

GOLDENS = sorted(p for d in ("native", "casts") for p in (RECORDINGS / d).glob("*.turns.json"))
# Recorded here from real programs (scripts/record-fixtures.py; codex/gemini: real codex-cli 0.169.0
# and gemini-cli 0.61.0 against tests/fakes, see docs/CLIS.md); the rest are synthetic.
REAL = {"claude_code_2x.jsonl", "claude_code_2x.cast", "aider_0_86.aider.chat.history.md", "aider_0_86.cast",
        "fake_cli.cast", "fake_cli_fullscreen.cast", "codex_0_169.jsonl", "gemini_0_61.jsonl"}


def _source(golden: Path) -> Path:
    return golden.with_name(golden.name[: -len(".turns.json")])


def test_every_fixture_has_a_golden() -> None:
    sources = [p for d in ("native", "casts") for p in (RECORDINGS / d).iterdir() if not p.name.endswith(".turns.json")]
    assert sources and all(Path(str(p) + ".turns.json").is_file() for p in sources)
    assert REAL <= {p.name for p in sources}


@pytest.mark.parametrize("golden", GOLDENS, ids=lambda p: p.name)
def test_reader_matches_golden(golden: Path) -> None:
    got = load_transcript(_source(golden)).to_json()
    assert got == json.loads(golden.read_text())


@pytest.mark.parametrize("golden", GOLDENS, ids=lambda p: p.name)
def test_no_injected_text_survives_stripping(golden: Path) -> None:
    turns = strip_memory(load_transcript(_source(golden)).turns)
    blob = "\n".join(t.text + t.input for t in turns)
    for marker in ("memwrap-memory", "<system-reminder>", "<environment_context>"):
        assert marker not in blob


def test_native_and_screen_agree_on_the_real_claude_session() -> None:
    """The cast (screen) and the JSONL of one real Claude Code session give the same user turns."""
    native = load_transcript(RECORDINGS / "native" / "claude_code_2x.jsonl")
    screen = load_transcript(RECORDINGS / "casts" / "claude_code_2x.cast")
    assert [t.text for t in native.turns if t.role == "user"] == [t.text for t in screen.turns if t.role == "user"]
    assert [t.name for t in native.turns if t.role == "tool"] == ["Bash", "Read"]
    answer = next(t.text for t in screen.turns if t.text.startswith("Noted. LMDB"))
    assert "Crash safety comes for free" in answer and "esc to interrupt" not in answer

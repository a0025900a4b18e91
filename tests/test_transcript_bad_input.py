"""Bad input: parse what is valid, count what was skipped, raise only InputError, never crash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from memwrap.errors import InputError
from memwrap.transcript import load_transcript

from tests.conftest import RECORDINGS

NATIVE = RECORDINGS / "native"
CASTS = RECORDINGS / "casts"
FIXTURES = [NATIVE / "claude_code_2x.jsonl", NATIVE / "codex_rollout.jsonl", NATIVE / "gemini_chat.jsonl",
            NATIVE / "aider_0_86.aider.chat.history.md", CASTS / "claude_code_2x.cast"]


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        load_transcript(tmp_path / "empty.jsonl")


def test_unknown_format_and_missing_file(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("just some notes\nnothing like a transcript\n")
    with pytest.raises(InputError, match="unknown transcript format"):
        load_transcript(tmp_path / "notes.txt")
    with pytest.raises(InputError, match="no such file"):
        load_transcript(tmp_path / "missing.jsonl")
    with pytest.raises(InputError, match="unknown format"):
        load_transcript(NATIVE / "codex_rollout.jsonl", fmt="word-doc")


def test_corrupt_and_truncated_jsonl_lines_are_skipped(tmp_path: Path) -> None:
    lines = (NATIVE / "claude_code_2x.jsonl").read_bytes().splitlines(keepends=True)
    broken = lines[:3] + [b'{"type": "user", "mess\n', b"\xff\xfe garbage \x00\n"] + lines[3:-1] + [lines[-1][:25]]
    (tmp_path / "s.jsonl").write_bytes(b"".join(broken))
    tr = load_transcript(tmp_path / "s.jsonl")
    assert tr.fmt == "claude-jsonl" and tr.skipped == 3
    assert [t.text for t in tr.turns if t.role == "user"][0] == "What test runner does this project use?"
    assert any("skipped 3" in n for n in tr.notes)


def test_invalid_utf8_inside_a_message_is_replaced_not_fatal(tmp_path: Path) -> None:
    data = (NATIVE / "codex_rollout.jsonl").read_bytes().replace(b"Why does", b"Why \xc3\x28does")
    (tmp_path / "r.jsonl").write_bytes(data)
    tr = load_transcript(tmp_path / "r.jsonl")
    assert tr.turns[0].text.startswith("Why \ufffd(does")


def test_cast_cut_off_by_a_crash(tmp_path: Path) -> None:
    data = (CASTS / "claude_code_2x.cast").read_bytes()
    cut = data[: int(len(data) * 0.8)]  # ends in the middle of an event line
    (tmp_path / "crash.cast").write_bytes(cut + b'[12.5, "o", "\\u001b[2')
    tr = load_transcript(tmp_path / "crash.cast")
    assert tr.fmt == "cast" and tr.skipped >= 1
    assert any(t.role == "user" and t.text == "What test runner does this project use?" for t in tr.turns)


def test_binary_noise_is_unknown_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "noise.bin").write_bytes(bytes(range(256)) * 64)
    with pytest.raises(InputError):
        load_transcript(tmp_path / "noise.bin")


def test_only_garbage_lines_in_a_known_format_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "g.jsonl").write_text('{"sessionId": "x", "type": "user", "parentUuid": null, "message": 5}\n{bad\n')
    tr_or_err = None
    try:
        tr_or_err = load_transcript(tmp_path / "g.jsonl")
    except InputError:
        pass
    assert tr_or_err is None or tr_or_err.turns == []


def _check(path: Path) -> None:
    try:
        tr = load_transcript(path)
    except InputError:
        return
    for turn in tr.turns:
        assert turn.role in ("user", "assistant", "tool") and isinstance(turn.text, str)
    json.dumps(tr.to_json())  # the result is always serialisable


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(which=st.sampled_from(FIXTURES), cut=st.floats(0, 1), noise=st.binary(max_size=300),
       where=st.floats(0, 1))
def test_fuzz_truncation_and_noise_never_raise_anything_but_input_error(
        tmp_path: Path, which: Path, cut: float, noise: bytes, where: float) -> None:
    data = which.read_bytes()
    data = data[: int(len(data) * cut)]
    at = int(len(data) * where)
    path = tmp_path / ("f" + "".join(which.suffixes))
    path.write_bytes(data[:at] + noise + data[at:])
    _check(path)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events=st.lists(st.one_of(
    st.tuples(st.floats(0, 100, allow_nan=False), st.sampled_from(["o", "i", "r", "m", "x"]), st.text(max_size=80)),
    st.tuples(st.floats(0, 100, allow_nan=False), st.just("o"),
              st.lists(st.sampled_from(["\x1b[2J", "\x1b[3J", "\x1b[H", "\x1b[1A", "\x1b[2K", "\x1b[?2026h",
                                        "\x1b[?2026l", "\r\n", "❯ hi", "● ok", "\x1b[99999;99999H", "\x1b[?1049h",
                                        "\x1b]0;t\x07", "\x1b[38;2;1;2;3m", "\x1b[r", "\x1b[5;2r", "\t", "\x08"]),
                       max_size=30).map("".join))), max_size=40))
def test_fuzz_cast_events(tmp_path: Path, events: list) -> None:
    path = tmp_path / "f.cast"
    lines = [json.dumps({"version": 2, "width": 40, "height": 10})] + [json.dumps(list(e)) for e in events]
    path.write_text("\n".join(lines) + "\n")
    _check(path)

"""The cast reader on memwrap's VT engine: same turns as with pyte on real recordings, bounded buffering."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

import pytest

from memwrap.readers import cast_screen

from tests.conftest import RECORDINGS

CASTS = sorted((RECORDINGS / "casts").glob("*.cast"))


@pytest.mark.parametrize("cast", CASTS, ids=lambda p: p.name)
def test_real_recordings_give_the_same_turns_with_both_engines(cast: Path) -> None:
    new = cast_screen.read(cast, engine="vt")
    old = cast_screen.read(cast, engine="pyte")
    assert [t.to_json() for t in new.turns] == [t.to_json() for t in old.turns]


def test_the_only_line_difference_on_claude_code_is_pytes_stray_u() -> None:
    """pyte prints the 'u' of ESC [ < u (kitty keyboard pop) that Claude Code sends at exit."""
    cast = RECORDINGS / "casts" / "claude_code_2x.cast"
    new = cast_screen.screen_lines(cast, engine="vt")
    old = cast_screen.screen_lines(cast, engine="pyte")
    assert [ln for _, ln in old if ln.strip() and ln != "u"] == [ln for _, ln in new if ln.strip()]
    assert any(ln == "u" for _, ln in old) and not any(ln == "u" for _, ln in new)


def test_output_after_a_clear_is_not_held_without_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    """After a full clear the reader waits for a redraw that may supersede it, but not forever."""
    monkeypatch.setattr(cast_screen, "MAX_SEGMENT", 1000)
    produced = 0

    def events() -> Iterator[tuple[float, str, str]]:
        nonlocal produced
        yield 0.0, "o", "\x1b[2J\x1b[Hstart\r\n"
        for i in range(10_000):
            produced = i
            yield float(i), "o", f"line {i}\r\n"

    stream = cast_screen._skip_redrawn(iter(events()), {"skipped_bytes": 0})
    first = next(stream)
    assert first[2].startswith("\x1b[2J") and produced < 200  # released long before the end


def test_a_resize_in_a_recording_keeps_the_text(tmp_path: Path) -> None:
    lines = [json.dumps({"version": 2, "width": 30, "height": 4})]
    lines += [json.dumps([0.1 * i, "o", f"❯ question {i}\r\n● answer {i}\r\n"]) for i in range(6)]
    lines.append(json.dumps([1.0, "r", "20x2"]))
    lines.append(json.dumps([1.1, "o", "❯ after resize\r\n● still here"]))
    (tmp_path / "r.cast").write_text("\n".join(lines) + "\n")
    turns = cast_screen.read(tmp_path / "r.cast").turns
    assert [t.text for t in turns if t.role == "user"] == [f"question {i}" for i in range(6)] + ["after resize"]
    assert turns[-1].text == "still here"

"""Context-usage signals as the real CLIs paint them (bytes captured from codex-cli 0.169.0 and
gemini-cli 0.61.0 in a 120x40 PTY against the offline fakes), read the way the monitor reads
the screen: ANSI cleaned by memwrap.monitor.clean_screen_text, then the adapter's regexes."""

from __future__ import annotations

import pytest

from memwrap.adapters.codex import CodexAdapter
from memwrap.adapters.gemini import GeminiAdapter
from memwrap.monitor import clean_screen_text

# codex with tui.status_line = [..., "context-remaining", "context-used"]: first paint of the footer.
CODEX_FIRST_PAINT = (
    b"\x1b[8;1H  \x1b[38;5;223;49mfake-model default\x1b[39;49m \xc2\xb7 \x1b[38;5;151;49m/tmp/cx/proj\x1b[39;49m"
    b" \xc2\xb7 \x1b[38;5;216;49mContext 100% left\x1b[39;49m \xc2\xb7 \x1b[38;5;216;49mContext 0% used"
    b"\x1b[9;1H\x1b[39;49m  \x1b[1m\xe2\x86\x90\x1b[22m for agents \xc2\xb7 \x1b[1m?\x1b[22m for shortcuts"
)
# ... and after a turn: only the changed cells are redrawn ("Context " stays from before).
CODEX_REDRAW = (
    b"\x1b]0;\xe2\xa0\x8f proj\x07\x1b[?2026h\x1b[?25l\x1b[16;73H\x1b[0m\x1b[49m\x1b[K\x1b[16;47H"
    b"\x1b[38;5;216;49m92% left\x1b[39;49m \xc2\xb7 \x1b[38;5;216;49mContext 8% used\x1b[39m\x1b[49m\x1b[0m"
)
# codex default footer (no context item): nothing to read, the rollout's token_count is the source.
CODEX_DEFAULT = b"\x1b[8;1H  \x1b[38;5;223;49mfake-model default\x1b[39;49m \xc2\xb7 \x1b[38;5;151;49m/tmp/cx/proj"
# gemini with ui.footer.hideContextPercentage = false: a "context" column in the footer.
GEMINI_FOOTER = (
    b" \x1b[38;5;248mworkspace (/directory)\x1b[39m                        \x1b[38;5;248msandbox\x1b[39m"
    b"                            \x1b[38;5;248m/model\x1b[39m                        \x1b[38;5;248mcontext\x1b[39m\r\n"
    b" \x1b[38;5;231m/tmp/gm/proj\x1b[39m                                  \x1b[38;5;217mno sandbox\x1b[39m"
    b"                         \x1b[38;5;231mAuto\x1b[39m                          \x1b[38;5;248m37% used\x1b[39m\r\n"
)


def _read(adapter: object, raw: bytes) -> float | None:
    return adapter.context_signal(clean_screen_text(raw.decode("utf-8", "replace")))  # type: ignore[attr-defined]


@pytest.mark.parametrize("raw, expected", [
    (CODEX_FIRST_PAINT, 0.0),
    (CODEX_REDRAW, 0.08),
    (CODEX_DEFAULT, None),
])
def test_codex_screen_signal(raw: bytes, expected: float | None) -> None:
    got = _read(CodexAdapter(), raw)
    assert got is None if expected is None else got == pytest.approx(expected)


def test_codex_context_left_alone_is_read() -> None:
    only_left = CODEX_FIRST_PAINT.replace(b" \xc2\xb7 \x1b[38;5;216;49mContext 0% used", b"").replace(b"100%", b"75%")
    assert _read(CodexAdapter(), only_left) == pytest.approx(0.25)


def test_gemini_footer_signal() -> None:
    assert _read(GeminiAdapter(), GEMINI_FOOTER) == pytest.approx(0.37)


def test_gemini_default_footer_says_nothing() -> None:
    default = GEMINI_FOOTER.replace(b"\x1b[38;5;248mcontext\x1b[39m", b"").replace(b"\x1b[38;5;248m37% used\x1b[39m", b"")
    assert _read(GeminiAdapter(), default) is None

"""strip_memory: memwrap never reads its own memory block (or the CLI's injected text) back."""

from __future__ import annotations

from memwrap.transcript import strip_memory
from memwrap.turns import Turn

BLOCK = '<memwrap-memory project="api" facts="2" tokens="20">\nDECISION: use LMDB\nPREFERENCE: tabs\n</memwrap-memory>'


def texts(turns: list[Turn]) -> list[str]:
    return [t.text for t in turns]


def test_whole_block_is_removed_and_the_rest_kept() -> None:
    out = strip_memory([Turn("user", BLOCK + "\nPlease add rate limiting")])
    assert texts(out) == ["Please add rate limiting"]


def test_turn_that_was_only_memory_disappears() -> None:
    assert strip_memory([Turn("user", BLOCK), Turn("assistant", "ok")]) == [Turn("assistant", "ok")]


def test_partial_blocks_at_either_end() -> None:
    cut_end = '<memwrap-memory project="api">\nDECISION: use LMDB\nPREFER'
    cut_start = "CISION: use LMDB\n</memwrap-memory>\nreal question"
    assert texts(strip_memory([Turn("user", "hi\n" + cut_end)])) == ["hi"]
    assert texts(strip_memory([Turn("user", cut_start)])) == ["real question"]


def test_cli_injections_are_removed() -> None:
    turns = [
        Turn("user", "<system-reminder>\n# claudeMd\nUse tabs.\n</system-reminder>\nFix the bug"),
        Turn("user", "<environment_context>\n<cwd>/x</cwd>\n</environment_context>"),
        Turn("user", "# AGENTS.md instructions for /x\n\n<INSTRUCTIONS>\nbe brief\n</INSTRUCTIONS>"),
        Turn("tool", "Added /tmp/run/memwrap-memory.md to read-only files.\nAdded calc.py to the chat.", name="aider"),
    ]
    assert texts(strip_memory(turns)) == ["Fix the bug", "Added calc.py to the chat."]


def test_tool_call_is_kept_when_only_its_output_was_injected() -> None:
    out = strip_memory([Turn("tool", BLOCK, name="Bash", input="cat memory.txt")])
    assert out == [Turn("tool", "", name="Bash", input="cat memory.txt")]


def test_input_is_not_mutated() -> None:
    original = Turn("user", BLOCK + "\nq", files=["a.py"])
    strip_memory([original])
    assert original.text.startswith("<memwrap-memory")

"""Contractions typed without the apostrophe read like the spelled-out ones."""

from __future__ import annotations

from memwrap.classify import extract_candidates
from memwrap.extract.contractions import spelled_out
from memwrap.turns import Turn


def _said(text: str, role: str = "user") -> str:
    return spelled_out([Turn(role=role, text=text)])[0].text


def test_unambiguous_forms_are_spelled_out() -> None:
    assert _said("so thats out, dont bother") == "so that's out, don't bother"
    assert _said("Doesnt build. id rather pin it") == "Doesn't build. I'd rather pin it"
    assert _said("its too slow and ill check tomorrow") == "it's too slow and I'll check tomorrow"


def test_words_that_are_also_names_stay() -> None:
    assert _said("its config lives in the id column") == "its config lives in the id column"  # possessive, a column
    assert _said("the ill-formed row") == "the ill-formed row"
    assert _said("run `dont --check` first") == "run `dont --check` first"  # code is never touched


def test_tool_output_is_untouched() -> None:
    out = spelled_out([Turn(role="tool", text="dont: command not found", name="Bash", input="dont")])
    assert out[0].text == "dont: command not found"


def test_a_verdict_typed_without_apostrophe_still_turns_the_option_down() -> None:
    turns = [
        Turn(role="user", text="search for the field guide site: what are the options"),
        Turn(role="assistant", text="Typesense self-hosted on the box we have, or Algolia hosted."),
        Turn(role="user", text="i looked at algolia already, their pricing calculator came out at ~$250/mo for our "
                               "volume so thats out. typesense on the box"),
    ]
    texts = [c.text.lower() for c in extract_candidates(turns, project="fieldguide") if c.kind == "FAILED"]
    assert any("algolia" in t and "250" in t for t in texts), texts

"""A dead end ended by a verdict that names no cause keeps the session's own account of what
went wrong (memwrap.extract.accounts), through the real extractor."""

from __future__ import annotations

from memwrap.classify import extract_candidates
from memwrap.turns import Turn
from tests.talk import U, A, tool


def failed(turns: list[Turn]) -> list[str]:
    return [c.text for c in extract_candidates(turns, project="tiles") if c.kind == "FAILED"]


def test_a_bare_verdict_gets_the_measured_account_said_just_before() -> None:
    turns = [
        U("the tile server is slow, can you try caching rendered tiles with groupcache?"),
        A("I'll add groupcache in front of the renderer."),
        tool("go test ./... && ./bench.sh", "ok  tiles/render 2.1s\nrps: 410  p99: 930ms  evictions: 18211"),
        A("With groupcache the hit rate is only 9% because every zoom level has its own keys, and p99 went "
          "from 610 ms to 930 ms from the extra peer hops."),
        U("ugh. revert groupcache"),
        A("Reverted; back to the plain renderer."),
    ]
    texts = failed(turns)
    assert texts and "groupcache" in texts[0].lower()
    assert "930" in texts[0] or "9%" in texts[0], texts  # the why, not just "reverted"


def test_a_verdict_that_already_says_why_is_left_as_said() -> None:
    turns = [
        U("could we render tiles with mapnik instead?"),
        A("mapnik needs the C++ toolchain in the image; the build takes 14 minutes and the image grows by 900 MB."),
        U("forget mapnik, the image must stay under 200 MB for the edge nodes."),
    ]
    texts = failed(turns)
    assert texts and "mapnik" in texts[0].lower() and "200 MB" in texts[0]
    assert "900" not in texts[0]  # its own reason was enough


def test_an_option_list_is_no_account_of_a_failure() -> None:
    turns = [
        A("Two ways to speed it up:\n1. Pre-render with tippecanoe, which can't handle our 40 GB input in memory.\n"
          "2. Cache with varnish in front."),
        U("no tippecanoe."),
    ]
    for text in failed(turns):
        assert "40 GB" not in text, text  # an option's drawback as the assistant listed it, not what happened


def test_a_verdict_whose_reason_names_no_trouble_is_led_by_the_account() -> None:
    turns = [
        U("pentest is back, finding FK-03 is about where we keep the token"),
        A("Keeping the token in localStorage means it is readable by any script on the origin, and the XSS in the "
          "notes page gives them exactly such a script."),
        U("yeah honestly putting the token in localstorage was a mistake, i picked it for convenience. "
          "the techs staying logged in is the requirement, not the storage."),
    ]
    texts = failed(turns)
    assert texts and "localstorage" in texts[0].lower() and "xss" in texts[0].lower(), texts

"""A change made outside the session that the user reports as rolled back is a dead end with its reason."""

from __future__ import annotations

from memwrap.classify import rule_candidates
from tests.talk import A, U


def _failed(user_text: str) -> list[str]:
    turns = [U("morning"), A("Morning. What are we working on?"), U(user_text), A("Understood, noted.")]
    return [c.text for c in rule_candidates(turns, project="p") if c.kind == "FAILED"]


def test_the_rolled_back_change_is_named_by_the_clause_before_and_told_with_why() -> None:
    got = _failed("back on the openhab thing. bad news: the createTimer motion lights, we rolled that back to plain "
                  "manual switches yesterday, hallway light stayed on the whole night.")
    assert got == ["The createTimer motion lights: rolled back, hallway light stayed on the whole night"]


def test_a_pronoun_rollback_takes_its_subject_from_the_sentence_before_and_its_reason_from_the_one_after() -> None:
    got = _failed("since you're in the config: last week i enabled cloudflare 'cache everything' on the whole zone. "
                  "we rolled that back yesterday. remote servers got the cached html page instead of the api.")
    assert len(got) == 1 and "cache everything" in got[0] and "rolled back" in got[0] and "cached html" in got[0]


def test_no_subject_or_no_reason_or_a_question_is_no_dead_end() -> None:
    assert _failed("we rolled it back yesterday.") == []  # what, and why?
    assert _failed("the nightly rsync job from monday, did you roll it back?") == []
    assert _failed("this is the key from the flux-system secret, i pulled it out of the secret earlier.") == []

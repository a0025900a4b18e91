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


def test_a_proposal_the_user_already_had_is_a_dead_end_named_by_the_option_with_the_cause_after_the_verdict() -> None:
    turns = [U("the nightly export is slow and blocks the web workers. ideas?"),
             A("Django can hand the export to Celery workers instead of running it inside the request: "
               "`CELERY_BROKER_URL=redis://cache:6379/2` plus a `celery -A shop worker` unit. The request only "
               "enqueues, and the worker writes the file."),
             U("we had exactly that in spring, it got reverted in april. with the redis broker some exports ran twice "
               "and finance got duplicate invoices. no celery for now, we keep the cron"),
             A("OK, no Celery. The export stays on cron.")]
    got = [c.text for c in rule_candidates(turns, project="p") if c.kind == "FAILED"]
    # named by the reply's option the user names again ("The request ..." opens a sentence, it names nothing)
    told = [t for t in got if t.startswith("Celery:")]
    assert len(told) == 1 and "reverted" in told[0] and "ran twice" in told[0], got

"""The learned sentence ranker: what it may add to the rules' facts, and what it never may."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from memwrap.classify import extract_candidates, rule_candidates
from memwrap.distill import distill
from memwrap.extract import ranker
from memwrap.turns import Turn
from tests.talk import U, A

ROOT = Path(__file__).resolve().parent.parent


def eager_model(per_session: int = 10) -> ranker.Model:
    """A model that would keep every sentence: only the ranker's own guards can stop one."""
    return ranker.Model(keep={}, keep_bias=5.0, kind={}, kind_bias={"PATTERN": 1.0}, threshold=0.5,
                        per_session=per_session)


@pytest.fixture
def use_eager():
    ranker.use(eager_model())
    yield
    ranker.use(None)


SESSION = [
    U("the nightly export job in export/run.py is slow, can you look? we're on python 3.12"),
    A("The export reads every invoice row with `Invoice.objects.all()` and serialises them one by one, "
      "which loads 2.1M rows into memory before writing anything.\n"
      "There are two ways to go:\n"
      "1. **Stream with iterator()**: `Invoice.objects.iterator(chunk_size=5000)` keeps memory flat.\n"
      "2. **Celery fan-out**: split the export into one task per customer.\n"
      "Which do you prefer?"),
    U("forget celery, we dropped it last year because the broker kept dying. go with 1."),
    A("Done: export/run.py now streams with `iterator(chunk_size=5000)`; peak memory went from 3.4 GB to 180 MB "
      "and the run takes 4 minutes instead of 22.\n"
      "It would be possible to compress the output with zstd if you ever want smaller files."),
    U("great, thanks"),
]


def test_ranked_sentences_rank_below_every_rule_candidate_and_respect_the_cap(use_eager) -> None:
    ranker.use(eager_model(per_session=2))
    rules = rule_candidates(SESSION, project="x")
    ranked = ranker.ranked_candidates(SESSION, rules)
    assert 1 <= len(ranked) <= 2
    assert max(c.score for c in ranked) < min(c.score for c in rules if c.score >= 0.5)


def test_questions_offered_options_and_conditionals_are_never_ranked(use_eager) -> None:
    ranked = ranker.ranked_candidates(SESSION, rule_candidates(SESSION, project="x"))
    texts = " ".join(c.text for c in ranked).lower()
    assert "which do you prefer" not in texts
    assert "fan-out" not in texts and "one task per customer" not in texts  # an option, never picked
    assert "zstd" not in texts  # "would be possible ... if you ever want"


def test_an_assistant_proposal_waits_for_the_users_yes(use_eager) -> None:
    proposal = "I'd suggest Postgres full-text search with a GIN index on recipes.title for the search box."
    for closing in ("ok thanks, that's all for today. bye", "hmm, not sure yet"):
        turns = [U("the recipe search is slow on 40k rows"), A(proposal), U(closing)]
        ranked = ranker.ranked_candidates(turns, rule_candidates(turns, project="r"))
        assert not [c for c in ranked if "GIN" in c.text], closing


def test_a_ranked_failure_must_say_what_went_wrong() -> None:
    ranker.use(ranker.Model(keep={}, keep_bias=5.0, kind={}, kind_bias={"FAILED": 3.0}, per_session=10))
    try:
        turns = [U("can the tests run on sqlite in memory instead of docker postgres?"),
                 A("SQLite can't even create the schema, because tags TEXT[] is a Postgres array type."),
                 A("The export job now streams rows with iterator(chunk_size=5000) in export/run.py.")]
        kinds = {c.text.split(",")[0][:20]: c.kind for c in ranker.ranked_candidates(turns, [])}
    finally:
        ranker.use(None)
    assert kinds.get("SQLite can't even cr") == "FAILED"
    assert kinds.get("The export job now s") == "PATTERN"  # no setback said: not a FAILED fact


def test_a_verdict_against_an_approach_is_kept_as_a_failure(use_eager) -> None:
    turns = [U("no testcontainers please, the CI runners are pods without a docker socket"),
             A("Understood: testcontainers-go is out because the CI runners have no Docker socket."),
             A("Not a good idea: materialized views are experimental and disabled by default in Cassandra 4.1."),
             A("Raising the worker concurrency to 200 was counter-productive: 429s from the carrier API."),
             A("The integration tests start an embedded NATS server in testutil/server.go for every package.")]
    kinds = {c.text[:20]: c.kind for c in ranker.ranked_candidates(turns, [])}
    assert kinds["Understood: testcont"] == "FAILED"
    assert kinds["Not a good idea: mat"] == "FAILED"
    assert kinds["Raising the worker c"] == "FAILED"
    assert kinds["The integration test"] == "PATTERN"  # no verdict: stays what the model says


def test_a_dead_end_is_never_offered_again_in_other_words(use_eager) -> None:
    cands = extract_candidates(SESSION, project="x")
    failed = [c for c in cands if c.kind == "FAILED"]
    assert failed and "celery" in failed[0].text.lower()
    for c in cands:
        if c.kind != "FAILED" and "celery" in c.text.lower():
            assert "fail" in c.text.lower() or "dropped" in c.text.lower(), c.text


def test_ranked_sentences_do_not_repeat_what_the_rules_already_say(use_eager) -> None:
    rules = rule_candidates(SESSION, project="x")
    ranked = ranker.ranked_candidates(SESSION, rules)
    rule_texts = [set(ranker._topic_key_words(c.text)) for c in rules if c.score >= 0.5]
    for c in ranked:
        words = set(ranker._topic_key_words(c.text))
        assert not any(len(words & r) / len(words) >= 0.5 for r in rule_texts), c.text


def test_what_the_ranker_keeps_is_redacted_like_everything_else(use_eager) -> None:
    key = "sk-ant-api03-" + "Q" * 40
    turns = SESSION + [A(f"The export job authenticates against the billing API with the key {key} from vault.")]
    facts = distill(turns, project="x", session_id="s", use_model=False)
    assert facts and key not in json.dumps([f.to_json() for f in facts])


def test_missing_or_corrupt_weights_leave_the_rules_working(tmp_path, monkeypatch) -> None:
    bad = tmp_path / "ranker.json"
    bad.write_bytes(b"\x00\xffnot json")
    monkeypatch.setattr(ranker, "WEIGHTS_PATH", bad)
    ranker._shipped.cache_clear()
    try:
        assert ranker.current() is None
        facts = distill(SESSION, project="x", session_id="s", use_model=False)
        assert any(f.kind == "FAILED" and "celery" in f.text.lower() for f in facts)
    finally:
        ranker._shipped.cache_clear()


def test_shipped_weights_load_and_rank() -> None:
    model = ranker.current()
    assert model is not None and model.per_session > 0 and model.keep
    found = ranker.sites(SESSION)
    ranker.describe(SESSION, found)
    probabilities = [model.keep_probability(s.features) for s in found]
    assert all(0.0 <= p <= 1.0 for p in probabilities) and len(set(probabilities)) > 1


def test_training_keeps_only_words_seen_across_many_projects(tmp_path) -> None:
    """Trained on two sets alone, no word can be seen in five sets: the model must then rest on
    structure only, never on the library names of the sessions it saw."""
    out = tmp_path / "weights.json"
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "train_ranker.py"), "--no-cv", "--only", "tuning", "heldout",
                          "--out", str(out)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    model = ranker.Model.from_json(json.loads(out.read_text()))
    assert model.keep and not [f for f in model.keep if f.startswith(("w=", "b=", "rw=", "w0=", "w01="))]
    assert any(f.startswith("role=") or f.startswith("pos=") for f in model.keep)
    # the worth head is trained too, and on general features only: kinds, cues, the heads' view
    assert model.worth and 0 < model.worth_threshold < 1
    assert not [f for f in model.worth if f.startswith(("w=", "b=", "rw="))]


def _model_that_scores(word: str, weight: float) -> ranker.Model:
    """Neutral (p = 0.5) on every sentence except those containing `word`; offers nothing itself."""
    return ranker.Model(keep={f"w={word}": weight}, keep_bias=0.0, kind={}, kind_bias={}, threshold=1.1,
                        per_session=1)


def test_the_model_moves_a_rule_candidate_by_its_view_of_the_sentence() -> None:
    turns = [U("the queue consumers keep reconnecting, can you look at worker.py?"),
             A("The consumer opens a new AMQP channel per message; I'll reuse one channel per worker."),
             U("ok. from now on we use one channel per worker process, never per message.")]
    try:
        ranker.use(_model_that_scores("channel", 0.0))
        neutral = {c.text: c.score for c in extract_candidates(turns, project="q")}
        ranker.use(_model_that_scores("channel", -8.0))
        doubted = {c.text: c.score for c in extract_candidates(turns, project="q")}
        ranker.use(_model_that_scores("channel", 8.0))
        trusted = {c.text: c.score for c in extract_candidates(turns, project="q")}
    finally:
        ranker.use(None)
    rule = [t for t in neutral if "per worker" in t and "channel" in t.lower()]
    assert rule, neutral
    t = rule[0]
    assert doubted[t] <= neutral[t] - 0.15 and trusted[t] >= neutral[t] + 0.15


def test_a_setback_said_just_before_a_dead_ends_verdict_is_never_offered_as_a_fix(use_eager) -> None:
    turns = [
        U("can we serve the thumbnails from the CDN edge worker? just to try"),
        A("Trying it: moving `resize()` into the edge worker."),
        Turn(role="tool", name="Bash", input="wrangler deploy", text="Error: sharp cannot be bundled for the workers runtime"),
        A("The sharp library can't run in the workers runtime because it needs native libvips bindings."),
        U("meh, no. forget the edge worker, revert it."),
    ]
    got = extract_candidates(turns, project="thumbs")
    assert any(c.kind == "FAILED" for c in got), got
    assert not [c for c in got if c.ranked and c.kind != "FAILED" and "libvips" in c.text], got


def test_a_sentence_knows_whether_it_first_names_something_and_whether_the_session_comes_back_to_it() -> None:
    turns = [
        Turn(role="user", text="the export is slow"),
        Turn(role="assistant", text="Let me try `orjson` for the serializer instead of the stdlib json module."),
        Turn(role="tool", name="Bash", input="pytest -q", text="12 passed"),
        Turn(role="assistant", text="Numbers look the same with `orjson`, so the time is in the query, not the encoding."),
        Turn(role="user", text="ok, look at the query then"),
        Turn(role="assistant", text="The `export_rows` query scans the whole table for every page of the export."),
    ]
    found = ranker.sites(turns)
    ranker.describe(turns, found)
    first = next(s for s in found if s.turn == 1)
    again = next(s for s in found if s.turn == 3)
    assert "first_mention:assistant" in first.features and "later:assistant=1" in first.features
    assert "first_mention:assistant" not in again.features and "later:assistant=0" in again.features


def _dead_end_model(word: str) -> ranker.Model:
    """Keeps nothing itself; its dead-end head is sure of every sentence saying `word`."""
    return ranker.Model(keep={}, keep_bias=-30.0, kind={}, kind_bias={}, threshold=0.5, per_session=6,
                        dead={f"w={word}": 40.0}, dead_bias=-20.0, dead_threshold=0.5, dead_per_session=2)


def test_the_dead_end_head_keeps_what_was_tried_with_why_it_was_given_up() -> None:
    turns = [
        U("we need a vector store for the support articles"),
        A("Pinecone came up in planning. The quote was about $700 a month for our volume and legal "
          "objected to the articles sitting with another vendor, so that got shot down."),
        A("I'll use pgvector on the Postgres 16 we already run, with an HNSW index on the embedding column."),
        U("sounds good"),
    ]
    ranker.use(_dead_end_model("shot"))
    try:
        got = extract_candidates(turns, project="kb")
    finally:
        ranker.use(None)
    failed = [c for c in got if c.kind == "FAILED"]
    assert len(failed) == 1, got
    # the verdict sentence leans on the one naming the approach: both are told
    assert "Pinecone" in failed[0].text and "$700" in failed[0].text, failed[0].text
    assert not [c for c in got if c.kind != "FAILED" and "pinecone" in c.text.lower()]


def test_the_dead_end_head_never_takes_a_question_and_respects_its_cap() -> None:
    turns = [U("can't we just stuff the images into the message doc as base64 instead?")]
    turns += [A("Redis for the sessions was dropped because it doubled the hosting bill."),
              A("The Kafka bridge was dropped after it lost events on every broker restart."),
              A("Memcached in front of search was dropped when p99 latency went from 40 ms to 300 ms."),
              A("The GraphQL gateway was dropped because schema stitching broke on every deploy.")]
    ranker.use(_dead_end_model("base64"))
    try:
        assert not [c for c in ranker.ranked_candidates(turns, []) if "base64" in c.text]
        ranker.use(_dead_end_model("dropped"))
        assert len([c for c in ranker.ranked_candidates(turns, []) if c.kind == "FAILED"]) == 2
    finally:
        ranker.use(None)


def test_the_dead_end_head_never_takes_a_slip_put_right_for_an_approach_given_up() -> None:
    turns = [A("I'll round totals with round() from lib/money."),
             A("That didn't work, I forgot to import it. Adding the import now."),
             A("The Kafka bridge didn't work: it lost events on every broker restart.")]
    ranker.use(_dead_end_model("work"))
    try:
        failed = [c.text for c in ranker.ranked_candidates(turns, []) if c.kind == "FAILED"]
    finally:
        ranker.use(None)
    assert len(failed) == 1 and "Kafka" in failed[0], failed


def test_weights_without_a_dead_end_head_still_load_and_add_no_dead_ends() -> None:
    old = json.loads(json.dumps(eager_model().to_json()))
    for key in ("dead", "dead_bias", "dead_threshold", "dead_per_session"):
        old.pop(key)
    model = ranker.Model.from_json(old)
    assert model.dead_per_session == 0 and model.dead_end_probability(["w=anything"]) < 1e-9
    assert model.worth == {}  # weights from before the worth head: the rules' own scores decide
    again = ranker.Model.from_json(json.loads(json.dumps(_dead_end_model("x").to_json())))
    assert again.dead == {"w=x": 40.0} and again.dead_per_session == 2


def test_shipped_weights_carry_a_dead_end_head() -> None:
    model = ranker.current()
    assert model is not None and model.dead and 0 < model.dead_threshold < 1 and model.dead_per_session > 0


def test_a_recap_closing_with_an_offer_keeps_its_items_but_a_list_asking_to_choose_does_not(use_eager) -> None:
    recap = ("Where things stand:\n"
             "- `api/search.py` serves hybrid search with alpha 0.5 over the `Docs_v2` collection\n"
             "- `ingest/chunker.py` cuts heading-scoped chunks of at most 400 tokens\n")
    for closing, kept in (("Want me to open the PR?", True), ("Should I keep alpha 0.5 or tune it per version?", False)):
        turns = [U("where are we with the docs search?"), A(recap + closing), U("ok")]
        ranked = " ".join(c.text for c in ranker.ranked_candidates(turns, rule_candidates(turns, project="docs")))
        assert ("chunker.py" in ranked) is kept, (closing, ranked)


def test_a_verdict_giving_its_subject_up_is_told_with_the_sentence_that_says_why() -> None:
    turns = [
        U("ml team wants node2vec embeddings of the cards as features"),
        A("MAGE has a `node2vec` module, but it needs gensim, and installing gensim into the MAGE image pulled a "
          "numpy that broke scipy for the other query modules."),
        U("kill the node2vec idea, the ML team can compute embeddings offline"),
    ]
    ranker.use(_dead_end_model("kill"))
    try:
        failed = [c for c in ranker.ranked_candidates(turns, []) if c.kind == "FAILED"]
    finally:
        ranker.use(None)
    assert len(failed) == 1 and "gensim" in failed[0].text and "kill the node2vec idea" in failed[0].text, failed


def test_shipped_weights_carry_a_worth_head() -> None:
    model = ranker.current()
    assert model is not None and model.worth and 0 < model.worth_threshold < 1
    assert any(f.startswith("k=DECISION:") for f in model.worth) and any(f.startswith("kp=") for f in model.worth)


def test_the_worth_head_decides_which_candidates_fill_a_kinds_quota() -> None:
    """Seven decisions for five places: the rules' own scores would keep the first five; a worth
    head that trusts decisions with a number in them keeps those, whatever the cue scored."""
    from memwrap.distill import QUOTA, shortlist
    from memwrap.extract.candidate import Candidate

    turns = [U("let's settle the queue setup"), A("ok")] * 8
    texts = ["Jobs go through the Redis broker", "Workers run as a systemd template unit", "Payloads are plain JSON envelopes",
             "Dead letters land in a separate topic", "Scheduling stays with cron on the primary host"]
    texts += ["Retries: 5 attempts, backoff 30s", "Visibility timeout 120s for the export queue"]
    cands = [Candidate(kind="DECISION", text=t, topic=t.split()[1].lower(), score=0.9 - 0.05 * k, cue_score=0.9 - 0.05 * k,
                       turn=2 * k + 1) for k, t in enumerate(texts)]  # read from the assistant's turns
    assert QUOTA["DECISION"] == 5
    def numbers(bias: float) -> ranker.Model:
        return ranker.Model(keep={}, keep_bias=-30.0, kind={}, kind_bias={}, per_session=0,
                            worth={"k=DECISION:num": 6.0}, worth_bias=bias, worth_threshold=0.25)
    try:
        ranker.use(ranker.Model(keep={}, keep_bias=-30.0, kind={}, kind_bias={}, per_session=0))
        by_cue = {c.text for c in shortlist(cands, turns)}
        ranker.use(numbers(0.0))
        by_worth = {c.text for c in shortlist(cands, turns)}
        ranker.use(numbers(-3.0))
        worthless_out = {c.text for c in shortlist(cands, turns)}
    finally:
        ranker.use(None)
    assert by_cue == set(texts[:5])
    with_numbers = {"Retries: 5 attempts, backoff 30s", "Visibility timeout 120s for the export queue"}
    assert with_numbers <= by_worth and len(by_worth) == 5
    assert worthless_out == with_numbers  # what the head finds worth little falls under the floor
    # ... except a plain statement of the user's read with a sure cue: ranked low, never dropped
    said = Candidate(kind="DECISION", text="We decided to use zerolog for structured logs", topic="zerolog", score=0.65,
                     cue_score=0.8, turn=0)
    try:
        ranker.use(numbers(-3.0))
        kept = {c.text for c in shortlist(cands[:2] + [said], turns)}
    finally:
        ranker.use(None)
    assert kept == {said.text}

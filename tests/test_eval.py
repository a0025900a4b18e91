"""`memwrap eval` on labelled sessions: scoring rules and the command itself."""

from __future__ import annotations

import json
import shutil
import subprocess

from memwrap.evaluation import SessionScore, score_facts
from memwrap.facts import Fact
from tests.conftest import RECORDINGS


def test_scoring_follows_the_design_rules() -> None:
    data = {"gold": [{"kind": "FAILED", "all_of": ["redis"], "any_of": ["sticky"], "failure": True},
                     {"kind": "DECISION", "all_of": ["jwt"], "any_of": ["15"]}],
            "dead_ends": [{"all_of": ["redis"]}], "secrets": ["hunter2"]}
    facts = [Fact(kind="DECISION", text="Redis sessions with sticky cookies"),  # matches but no failure: leak
             Fact(kind="DECISION", text="JWT 15 min access", evidence="password hunter2")]
    s = SessionScore(id="x", tokens=10)
    score_facts(data, facts, "", s)
    assert (s.kept, s.failure_kept, len(s.dead_end_leaks), s.secret_leaks) == (1, 0, 1, 1)


def test_eval_command_json(tmp_path, memwrap_cmd, clean_env) -> None:
    for name in ("react_dashboard", "chitchat_notes"):
        shutil.copy(RECORDINGS / "labelled" / f"{name}.json", tmp_path)
    proc = subprocess.run(memwrap_cmd + ["eval", str(tmp_path), "--no-model", "--json"], capture_output=True,
                          text=True, env=clean_env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    total = json.loads(proc.stdout)["without model"]["total"]
    assert total["sessions"] == 2 and total["secret_leaks"] == 0 and total["dead_end_leaks"] == 0
    assert total["gold_recall"] >= 0.8 and 0 < total["max_block_tokens"] <= 800


def test_eval_on_a_missing_directory_is_a_clear_error(tmp_path, memwrap_cmd, clean_env) -> None:
    proc = subprocess.run(memwrap_cmd + ["eval", str(tmp_path / "nope"), "--no-model"], capture_output=True,
                          text=True, env=clean_env, timeout=60)
    assert proc.returncode == 4 and "Traceback" not in proc.stderr and "not a directory" in proc.stderr


def test_noise_and_stale_failures_are_counted() -> None:
    data = {"gold": [{"kind": "DECISION", "all_of": ["redbeat"], "any_of": ["stick"]}],
            "stale_failed": [{"all_of": ["redbeat"]}]}
    facts = [Fact(kind="DECISION", text="We stick with redbeat"),
             Fact(kind="FAILED", text="redbeat: abandoned, connection refused"),  # it worked in the end
             Fact(kind="TODO", text="Try it myself later")]
    s = SessionScore(id="x", tokens=10)
    score_facts(data, facts, "", s)
    assert s.kept == 1 and len(s.stale_failed) == 1
    assert s.noise == ["FAILED: redbeat: abandoned, connection refused", "TODO: Try it myself later"]


def test_a_dead_end_told_as_vetoed_or_impossible_carries_its_failure() -> None:
    from memwrap.facts import has_failure_words
    # "words such as failed / abandoned / reverted": a veto or an impossibility says the approach is out too
    assert has_failure_words("S3 snapshots vetoed by ops, no egress")
    assert has_failure_words("Retention: TTL impossible with the viewed_by_ts index -> nightly prune_views.py")
    assert has_failure_words("calculated fields not possible on 3.6.4")
    assert not has_failure_words("the import was impossibly fast")  # a word that only contains one
    data = {"gold": [{"kind": "FAILED", "all_of": ["ttl"], "any_of": ["index"], "failure": True}],
            "dead_ends": [{"all_of": ["ttl"]}]}
    s = SessionScore(id="x", tokens=10)
    score_facts(data, [Fact(kind="DECISION", text="Retention: TTL impossible with the index -> nightly prune")], "", s)
    assert (s.kept, s.failure_kept, len(s.dead_end_leaks)) == (1, 1, 0)


def test_a_later_session_is_measured_both_by_its_own_facts_and_by_the_project_block(tmp_path, memwrap_cmd,
                                                                                      clean_env) -> None:
    # The second session's next-launch block also holds the first session's facts, so its ratio to the
    # project block says little about how well that session was condensed; both ratios are reported.
    for name in ("auth_service_a", "auth_service_b"):
        shutil.copy(RECORDINGS / "labelled" / f"{name}.json", tmp_path)
    proc = subprocess.run(memwrap_cmd + ["eval", str(tmp_path), "--no-model", "--json"], capture_output=True,
                          text=True, env=clean_env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    first, second = json.loads(proc.stdout)["without model"]["sessions"]
    assert first["own_block_tokens"] == first["block_tokens"]  # a first session's block is its own facts
    assert 0 < second["own_block_tokens"] < second["block_tokens"]
    assert second["own_compression"] > second["compression"] > 0

"""The model stage: validator, fallback on a missing/corrupt model, and (marked) the real model."""

from __future__ import annotations

import subprocess
import sys

import pytest

from memwrap.classify import Candidate
from memwrap.validate import acceptable, grounded

SRC = "forget redis sessions, the ALB has no sticky sessions and redis is per-pod"


def test_validator_rejects_invented_identifiers_numbers_and_words() -> None:
    assert grounded("redis sessions abandoned: ALB has no sticky sessions", SRC)[0]
    assert not grounded("redis 7.2 sessions abandoned", SRC)[0]  # number not in source
    assert not grounded("memcached sessions abandoned", SRC)[0]  # new word
    assert not grounded("x" * 161, SRC + "x" * 161)[0]


def test_failed_fact_must_keep_failure_and_reason() -> None:
    ok = acceptable("redis sessions abandoned: no sticky sessions", kind="FAILED", source=SRC,
                    topic="redis sessions", reason="no sticky sessions")
    assert ok[0]
    assert not acceptable("redis sessions", kind="FAILED", source=SRC, topic="redis sessions", reason="sticky")[0]
    assert not acceptable("redis sessions abandoned", kind="FAILED", source=SRC, topic="redis", reason="sticky ALB")[0]


def test_missing_model_falls_back_with_one_warning(tmp_path) -> None:
    code = (
        "from memwrap.compress import condense\n"
        "from memwrap.classify import Candidate\n"
        "c = Candidate(kind='DECISION', text='We go with JWT, 15 minute access tokens and 7 day refresh tokens, '"
        "'refresh rotates on every single use of the refresh token by any client', topic='jwt', source='we go with JWT')\n"
        "for _ in range(2):\n"
        "    f = condense([c, c], [], project='p', use_model=None)\n"
        "    assert [x.origin for x in f] == ['extracted', 'extracted'] and f[0].text.startswith('We go with JWT')\n"
    )
    bad = tmp_path / "broken.gguf"
    bad.write_bytes(b"not a gguf at all")
    for model in (str(tmp_path / "missing.gguf"), str(bad)):
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,  # MEMWRAP_MODEL set: stage on
                              env={"MEMWRAP_MODEL": model, "MEMWRAP_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
        assert proc.returncode == 0, proc.stderr
        lines = [line for line in proc.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("memwrap:") and "extractive" in lines[0]


@pytest.mark.model
def test_real_model_output_is_validated_or_replaced() -> None:
    from memwrap.compress import condense_text, load_model

    cand = Candidate(kind="FAILED", topic="async-std", reason="reqwest is built on tokio",
                     text="async-std: abandoned, reqwest is built on tokio (hyper needs a tokio reactor), so calling it "
                          "from an async-std executor panics",
                     source="ok screw it, revert async-std, we stay on tokio then. reqwest is built on tokio (hyper "
                            "needs a tokio reactor), so calling it from an async-std executor panics")
    text, origin = condense_text(cand, load_model())
    assert origin in ("model", "extracted")
    assert "async-std" in text and len(text) <= 160
    ok, why = acceptable(text, kind="FAILED", source=cand.source + cand.text, topic=cand.topic, reason=cand.reason)
    assert ok, why


def test_model_stage_switch_follows_env_and_config(memwrap_home, monkeypatch) -> None:
    from memwrap.compress import model_stage_enabled

    monkeypatch.delenv("MEMWRAP_MODEL", raising=False)
    assert model_stage_enabled() is False  # default: off (measured not to help with the 135M model)
    monkeypatch.setenv("MEMWRAP_MODEL", "/models/better.gguf")
    assert model_stage_enabled() is True  # the user named a model
    (memwrap_home / "config.toml").write_text("[model]\nenabled = false\n")
    assert model_stage_enabled() is False  # an explicit switch wins
    monkeypatch.delenv("MEMWRAP_MODEL")
    (memwrap_home / "config.toml").write_text("[model]\nenabled = true\n")
    assert model_stage_enabled() is True

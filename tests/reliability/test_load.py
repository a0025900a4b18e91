"""Load: four wrapped sessions in one project at once, ending together (four detached workers
racing for the queue), while a TUI-like reader polls the store. No fact lost, no duplicate,
no deadlock, and the reader is never blocked."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from memwrap import queue
from memwrap.store import Store
from tests.reliability.helpers import PROMPT, chat, child_env, facts_json, finish, sessions, wait_idle

# Twelve unrelated decisions (near-identical texts would rightly be merged as one fact).
TOPICS = [("Postgres", "the billing ledger"), ("Redis streams", "the job queue"), ("chi", "HTTP routing"),
          ("zerolog", "structured logs"), ("sqlc", "typed queries"), ("Argon2id", "password hashing"),
          ("Terraform", "the staging network"), ("gRPC", "the pricing service"), ("Vite", "the admin frontend"),
          ("Playwright", "browser tests"), ("S3 lifecycle rules", "old invoices"), ("OpenTelemetry", "tracing")]

SAY = ["We decided to use {tool} for {area}.", "Always use {tool} for {area} in this project.",
       "TODO: move {area} to {tool}"]

READER = textwrap.dedent("""
    import json, os, sys, time
    from memwrap.store import Store
    reads, errors, slowest, seen = 0, [], 0.0, set()
    limit = time.monotonic() + 120
    while not os.path.exists(sys.argv[1]) and time.monotonic() < limit:
        t = time.monotonic()
        try:
            with Store.open(readonly=True) as store:
                seen.add(store.generation())
                facts = store.facts()
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
        slowest = max(slowest, time.monotonic() - t)
        reads += 1
        time.sleep(0.02)
    print(json.dumps({"reads": reads, "errors": errors[:3], "slowest": slowest, "generations": len(seen)}))
""")


@pytest.mark.slow
def test_four_sessions_and_a_reader_lose_nothing(memwrap_home: Path, project: Path, tmp_path: Path) -> None:
    stop = tmp_path / "stop-reading"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(stop)], env=child_env(memwrap_home),
                              stdout=subprocess.PIPE, text=True)
    children = [chat(memwrap_home, project, []) for _ in range(4)]
    for round_ in range(3):  # interleaved: every session talks in every round
        for n, child in enumerate(children):
            tool, area = TOPICS[n * 3 + round_]
            line = SAY[round_].format(tool=tool, area=area)
            child.sendline(line)
            child.expect_exact(f"you said: {line[:30]}")
            child.expect_exact(PROMPT)
    for child in children:
        child.sendline("exit 0")  # all four end (and spawn their workers) within milliseconds
    assert [finish(child) for child in children] == [0, 0, 0, 0]
    wait_idle(memwrap_home, timeout=90)
    assert queue.pending() == [] and queue.parked() == []

    facts = facts_json(memwrap_home)
    texts = [f["text"] for f in facts]
    keys = [(f["kind"], f["text"]) for f in facts]
    assert len(keys) == len(set(keys)), [(f["kind"], f["status"], f["text"]) for f in facts]
    for tool, area in TOPICS:
        assert any(tool in t and area in t for t in texts), f"lost the decision about {area}: {texts}"
    with Store.open(readonly=True) as store:
        assert all(store.get_session(m["id"]).get("distilled") for m in sessions(memwrap_home))

    stop.touch()
    out, _ = reader.communicate(timeout=60)
    stats = json.loads(out)
    assert stats["errors"] == []
    assert stats["reads"] > 50 and stats["generations"] > 1  # it kept reading while the writers wrote
    assert stats["slowest"] < 2.0, f"a read waited {stats['slowest']:.2f}s"

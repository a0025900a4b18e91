"""`memwrap ingest` and the shared pipeline, end to end: real files, real LMDB store, the CLI
in a subprocess (what a user runs)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from memwrap.pipeline import distil_session
from memwrap.project import Project
from memwrap.store import Store

from .conftest import RECORDINGS

LABELLED = RECORDINGS / "labelled" / "auth_service_a.json"
TOKEN = "ghp_" + "Q3vT9xLm2KpR7sWz4NbY8cHd6FgJ1aE5uVo0"


def ingest(memwrap_cmd: list[str], env: dict[str, str], *args: str, cwd: Path | None = None):
    return subprocess.run([*memwrap_cmd, "ingest", "--no-model", *args], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def stored_facts(memwrap_cmd: list[str], env: dict[str, str]) -> list[dict]:
    out = subprocess.run([*memwrap_cmd, "facts", "--all", "--json"], env=env, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_labelled_session_is_ingested_into_its_own_project(memwrap_cmd, clean_env, tmp_path) -> None:
    r = ingest(memwrap_cmd, clean_env, str(LABELLED), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "labelled-json, project auth-service" in r.stdout and "added" in r.stdout
    facts = stored_facts(memwrap_cmd, clean_env)
    assert facts and {f["project"] for f in facts} == {"auth-service"}
    text = " ".join(f["text"] + " " + f.get("evidence", "") for f in facts).lower()
    assert "jwt" in text
    for secret in json.loads(LABELLED.read_text())["secrets"]:
        assert secret.lower() not in text


def test_labels_are_never_read(memwrap_cmd, clean_env, tmp_path) -> None:
    doc = json.loads(LABELLED.read_text())
    doc["gold"] = [{"kind": "DECISION", "summary": "use Zanzibarqux everywhere", "all_of": ["zanzibarqux"]}]
    doc["dead_ends"] = [{"summary": "Zanzibarqux dead end", "all_of": ["zanzibarqux"]}]
    path = tmp_path / "labelled.json"
    path.write_text(json.dumps(doc))
    assert ingest(memwrap_cmd, clean_env, str(path)).returncode == 0
    dumped = json.dumps(stored_facts(memwrap_cmd, clean_env)).lower()
    assert "zanzibarqux" not in dumped


def test_secret_in_a_turn_never_reaches_the_store(memwrap_cmd, clean_env, tmp_path) -> None:
    session = {"id": "leaky", "project": "leaky-app", "turns": [
        {"role": "user", "text": f"We decided to deploy with the token {TOKEN} from now on, always via CI."},
        {"role": "tool", "name": "Bash", "input": f"GITHUB_TOKEN={TOKEN} ./deploy.sh",
         "output": f"error: bad credentials for {TOKEN}\nDB_PASSWORD=hunter2-prod failed"},
        {"role": "user", "text": "Always run ./deploy.sh from CI, never from a laptop."},
    ]}
    path = tmp_path / "leaky.json"
    path.write_text(json.dumps(session))
    assert ingest(memwrap_cmd, clean_env, str(path)).returncode == 0
    store_bytes = b"".join(p.read_bytes() for p in Path(clean_env["MEMWRAP_HOME"]).rglob("*") if p.is_file())
    assert TOKEN.encode() not in store_bytes
    assert b"hunter2-prod" not in store_bytes
    assert stored_facts(memwrap_cmd, clean_env), "the decisions themselves are still remembered"


def test_bad_files_get_one_line_each_and_the_rest_is_ingested(memwrap_cmd, clean_env, tmp_path) -> None:
    corrupt = tmp_path / "corrupt.jsonl"
    corrupt.write_bytes(b"\x00\xff\xfe binary noise \x89PNG\r\n")
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    r = ingest(memwrap_cmd, clean_env, str(corrupt), str(LABELLED), str(empty), str(tmp_path / "missing.md"))
    assert r.returncode == 4
    assert "Traceback" not in r.stderr
    errors = [line for line in r.stderr.splitlines() if line.startswith("memwrap: ")]
    assert any("corrupt.jsonl" in e for e in errors)
    assert any("empty.jsonl" in e and "empty" in e for e in errors)
    assert any("missing.md" in e for e in errors)
    assert "3 of 4 files could not be ingested" in r.stderr
    assert str(LABELLED) in r.stdout
    assert stored_facts(memwrap_cmd, clean_env)


def test_ingesting_twice_merges_instead_of_duplicating(memwrap_cmd, clean_env, tmp_path) -> None:
    assert ingest(memwrap_cmd, clean_env, str(LABELLED)).returncode == 0
    first = stored_facts(memwrap_cmd, clean_env)
    again = ingest(memwrap_cmd, clean_env, str(LABELLED))
    assert again.returncode == 0 and " 0 added" in again.stdout
    assert len(stored_facts(memwrap_cmd, clean_env)) == len(first)


def test_project_option_and_cwd_decide_the_project(memwrap_cmd, clean_env, tmp_path) -> None:
    repo = tmp_path / "shop"
    (repo / ".git").mkdir(parents=True)
    native = RECORDINGS / "native" / "claude_code_2x.jsonl"
    r = ingest(memwrap_cmd, clean_env, "--project", str(repo), str(native))
    assert r.returncode == 0, r.stderr
    assert "project shop" in r.stdout
    r = ingest(memwrap_cmd, clean_env, str(native), cwd=repo)
    assert "project shop" in r.stdout
    assert ingest(memwrap_cmd, clean_env, "--project", str(tmp_path / "nope"), str(native)).returncode == 2


def test_missing_model_falls_back_with_one_warning(memwrap_cmd, clean_env, tmp_path) -> None:
    env = dict(clean_env, MEMWRAP_MODEL=str(tmp_path / "no-such-model.gguf"))
    r = subprocess.run([*memwrap_cmd, "ingest", str(LABELLED)], env=env, capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    assert "added" in r.stdout
    assert len([line for line in r.stderr.splitlines() if "model" in line.lower()]) == 1, r.stderr


def test_recorded_session_falls_back_to_the_cast(tmp_path) -> None:
    """Metadata naming a native transcript that is gone: the .cast is read instead."""
    cast = tmp_path / "s.cast"
    shutil.copy(RECORDINGS / "casts" / "fake_cli.cast", cast)
    meta = {"id": "20250101-120000-abcdef", "command": ["fakecli"], "cwd": str(tmp_path),
            "project": str(tmp_path), "project_name": "demo", "start": "2025-01-01T12:00:00+00:00",
            "cli": "", "native_transcript": str(tmp_path / "gone.jsonl"), "cast": str(cast)}
    with Store.open() as store:
        result = distil_session(meta, None, store, use_model=False)
        assert result.fmt == "cast" and result.turns > 0
        record = store.get_session(meta["id"])
    assert record["distilled"]["facts"] == len(result.facts)
    assert record["project"] == str(tmp_path) and record["distilled_at"] > 0


def test_unreadable_session_raises_a_clear_input_error(tmp_path) -> None:
    from memwrap.errors import InputError

    meta = {"id": "x1", "project": str(tmp_path), "cast": str(tmp_path / "missing.cast")}
    with Store.open() as store, pytest.raises(InputError, match="missing.cast"):
        distil_session(meta, Project.named("p"), store, use_model=False)

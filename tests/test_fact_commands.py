"""The fact commands as a user runs them: `python -m memwrap ...` in a subprocess."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from memwrap.facts import Fact
from memwrap.store import Store


@pytest.fixture
def mw(memwrap_cmd: list[str], clean_env: dict[str, str], tmp_path: Path):
    project = tmp_path / "proj"
    (project / ".git").mkdir(parents=True)

    def run(*args: str, ok: bool = True, cwd: Path = project) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run([*memwrap_cmd, *args], env=clean_env, cwd=cwd, capture_output=True, text=True, timeout=60)
        if ok:
            assert proc.returncode == 0, proc.stderr
        assert "Traceback" not in proc.stderr
        return proc

    run.project = project  # type: ignore[attr-defined]
    return run


def facts_json(mw, *args: str) -> list[dict]:
    return json.loads(mw("facts", "--json", *args).stdout)


def test_remember_list_forget_restore_pin(mw) -> None:
    mw("remember", "chi", "router", "for", "HTTP")
    mw("remember", "--global", "explicit error types over generic Error")
    mw("remember", "Redis sessions failed, ALB has no sticky sessions")
    facts = facts_json(mw)
    by_text = {f["text"]: f for f in facts}
    assert by_text["chi router for HTTP"]["kind"] == "DECISION"
    assert by_text["chi router for HTTP"]["project"] == str(mw.project)
    assert by_text["explicit error types over generic Error"] | {} and by_text["explicit error types over generic Error"]["scope"] == "global"
    assert by_text["explicit error types over generic Error"]["kind"] == "PREFERENCE"
    assert by_text["Redis sessions failed, ALB has no sticky sessions"]["kind"] == "FAILED"
    for f in facts:
        assert {"id", "kind", "text", "scope", "project", "files", "status", "created_at", "source", "evidence"} <= set(f)

    chi = by_text["chi router for HTTP"]["id"]
    out = mw("forget", chi[:6]).stdout
    assert "forgot" in out and f"memwrap restore {chi}" in out
    assert chi not in {f["id"] for f in facts_json(mw)}
    assert [f["status"] for f in facts_json(mw, "--status", "pruned")] == ["pruned"]
    mw("restore", chi)
    mw("pin", chi)
    assert {f["id"]: f["status"] for f in facts_json(mw)}[chi] == "pinned"
    mw("unpin", chi)
    assert {f["id"]: f["status"] for f in facts_json(mw)}[chi] == "active"

    table = mw("facts").stdout.splitlines()
    assert table[0].split() == ["ID", "KIND", "STATUS", "TEXT"]
    assert all(len(line) <= 80 for line in table) and len(table) == 4
    assert mw("facts", "--global", "--json").stdout.count('"scope": "global"') == 1


def test_remember_redacts_secrets_and_merges_repeats(mw) -> None:
    secret = "sk-live-4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c"
    mw("remember", f"staging uses API key {secret} from vault")
    again = mw("remember", "--kind", "decision", "we use the chi router")
    repeat = mw("remember", "--kind", "DECISION", "We use the chi router!")
    assert "already known" in repeat.stdout
    facts = facts_json(mw)
    assert secret not in json.dumps(facts)
    assert len(facts) == 2 and "remembered" in again.stdout
    assert [f["count"] for f in facts if "chi" in f["text"]] == [2]


def test_remember_supersedes_an_older_decision(mw) -> None:
    mw("remember", "JWT with refresh tokens, 15min access / 7d refresh")
    out = mw("remember", "switched from JWT to opaque tokens").stdout
    assert "supersedes" in out
    statuses = {f["text"]: f["status"] for f in facts_json(mw, "--status", "all")}
    assert statuses == {"JWT with refresh tokens, 15min access / 7d refresh": "superseded",
                        "switched from JWT to opaque tokens": "active"}


def test_bad_ids_and_arguments_give_one_clear_line(mw) -> None:
    with Store.open() as store:
        ids = [r.id for r in store.add_facts([Fact("TODO", f"todo item {i} {'abcdefghij'[i % 10] * 3}", project="/x")
                                              for i in range(40)])]
    assert len(set(ids)) == 40
    first = [i[0] for i in ids]
    common = max(set(first), key=first.count)
    amb = mw("forget", common, ok=False)
    assert amb.returncode == 2 and "several facts" in amb.stderr and len(amb.stderr.strip().splitlines()) == 1
    missing = mw("pin", "zzzzzz", ok=False)
    assert missing.returncode == 6 and "no fact" in missing.stderr
    bad = mw("facts", "--kind", "NOPE", ok=False)
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1
    empty = mw("remember", "   ", ok=False)
    assert empty.returncode == 2


def test_export_jsonl_and_md_then_import_elsewhere_idempotently(mw, memwrap_cmd, clean_env, tmp_path: Path) -> None:
    mw("remember", "chi router for HTTP")
    mw("remember", "--global", "prefers small commits")
    mw("remember", "--kind", "PATTERN", "table-driven tests, password hunter2 is not a secret pattern")
    out = tmp_path / "memory.jsonl"
    mw("export", "--output", str(out))
    assert out.stat().st_mode & 0o777 == 0o600
    lines = out.read_text().splitlines()
    assert len(lines) == 3 and all(json.loads(line)["id"] for line in lines)

    md = mw("export", "--format", "md").stdout
    assert "## Global (every project)" in md and "## proj" in md
    assert md.index("### DECISION") < md.index("### PATTERN")
    assert "- chi router for HTTP" in md

    other_home = tmp_path / "other-home"
    env = {**clean_env, "MEMWRAP_HOME": str(other_home)}
    for _ in range(2):
        proc = subprocess.run([*memwrap_cmd, "import", str(out)], env=env, capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0, proc.stderr
    assert "skipped 3 already present" in proc.stderr
    listed = subprocess.run([*memwrap_cmd, "facts", "--all", "--json"], env=env, capture_output=True, text=True)
    assert sorted(f["text"] for f in json.loads(listed.stdout)) == sorted(json.loads(l)["text"] for l in lines)
    assert all(f["count"] == 1 for f in json.loads(listed.stdout))


def test_export_redacts_again_on_the_way_out(mw, memwrap_home: Path) -> None:
    secret = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"
    with Store.open() as store:  # a fact stored before redaction existed, say
        store.add_facts([Fact("DECISION", f"deploy token {secret}", project="/x")])
    for fmt in ("jsonl", "md"):
        assert secret not in mw("export", "--format", fmt).stdout


@pytest.mark.parametrize(
    "lines,where",
    [
        (['{"kind": "DECISION", "text": "ok one", "project": "/p"}', '{"kind": "DECISION", "text": "ok two", "project": "/p"}',
          '{"kind": "DECISION", "text": "broken"'], ":3:"),
        (['{"kind": "DECISION", "text": "ok", "project": "/p"}', '{"kind": "OPINION", "text": "x", "project": "/p"}'], "line 2"),
        (['{"kind": "DECISION", "project": "/p"}'], "line 1"),
        (['{"kind": "DECISION", "text": "ok", "project": "/p"}', "", '{"kind": "TODO", "text": "x", "project": "/p", "files": "a.go"}'], "line 3"),
        (["[1, 2]"], "item 1"),
    ],
)
def test_malformed_import_names_the_line_and_imports_nothing(mw, tmp_path: Path, lines: list[str], where: str) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(lines) + "\n")
    proc = mw("import", str(bad), ok=False)
    assert proc.returncode == 4
    assert where in proc.stderr and "nothing was imported" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert facts_json(mw, "--all", "--status", "all") == []


def test_import_missing_file_and_gc(mw, tmp_path: Path) -> None:
    assert mw("import", str(tmp_path / "nope.jsonl"), ok=False).returncode == 4
    mw("remember", "a fact to drop")
    fid = facts_json(mw)[0]["id"]
    mw("forget", fid)
    assert "deleted 1 pruned" in mw("gc").stdout
    assert mw("restore", fid, ok=False).returncode == 6


def test_corrupt_store_is_one_line_for_every_command(mw, memwrap_home: Path) -> None:
    store_dir = memwrap_home / "store"
    store_dir.mkdir()
    (store_dir / "data.mdb").write_bytes(b"\x07" * 8192)
    for args in (("facts",), ("remember", "x"), ("export",), ("gc",)):
        proc = mw(*args, ok=False)
        assert proc.returncode == 3 and "damaged" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert (store_dir / "data.mdb").read_bytes() == b"\x07" * 8192

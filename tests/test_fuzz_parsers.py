"""Bad input at the user's level: every file memwrap parses (transcripts of each format, .cast,
labelled JSON, import files, config.toml), mutated and fuzzed, must give a clear MemwrapError
(one line through the CLI), never a traceback, and must never change what is stored.

The reader-level fuzzing lives in test_transcript_bad_input.py; here the same kind of input
goes through `memwrap ingest`, `memwrap import` and the config loader, and the import
parser and config loader get their own property-based tests.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from memwrap.commands.import_ import read_facts
from memwrap.config import load_config, paths
from memwrap.errors import InputError, MemwrapError
from memwrap.transcript import load_transcript

REPO = Path(__file__).resolve().parent.parent
FIXTURES = sorted(
    [*(REPO / "recordings" / "native").rglob("*.*"), *(REPO / "recordings" / "casts").glob("*.cast"),
     REPO / "recordings" / "labelled" / "auth_service_a.json"]
)
FIXTURES = [p for p in FIXTURES if p.is_file() and not p.name.endswith(".turns.json") and p.stat().st_size < 2_000_000]
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "memwrap", *args], capture_output=True, text=True, env=env,
                          timeout=120, cwd=REPO)


def _assert_one_clean_line(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("memwrap:")]
    assert errors, result.stderr
    assert all(len(line) < 600 for line in errors)


def _mutations(data: bytes, rng: random.Random) -> list[bytes]:
    """Truncations, flipped bytes, spliced noise, duplicated and dropped lines."""
    out = [data[: rng.randint(1, max(1, len(data) - 1))] for _ in range(2)]
    flipped = bytearray(data)
    for _ in range(max(1, len(data) // 200)):
        i = rng.randrange(len(flipped))
        flipped[i] = rng.randrange(256)
    out.append(bytes(flipped))
    lines = data.splitlines(keepends=True)
    rng.shuffle(lines)
    out.append(b"".join(lines[: max(1, len(lines) // 2)]))
    cut = rng.randrange(len(data))
    out.append(data[:cut] + os.urandom(64) + data[cut:])
    out.append(b"{" * 5000 + data[:100])  # deep nesting first
    return out


# ---- `memwrap ingest` on damaged real transcripts ----------------------------------------------

@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_ingest_of_damaged_transcripts_is_clean(fixture: Path, tmp_path: Path, clean_env: dict[str, str]) -> None:
    rng = random.Random(fixture.name)
    files = []
    for i, data in enumerate(_mutations(fixture.read_bytes(), rng)):
        path = tmp_path / f"m{i}{''.join(fixture.suffixes)}"
        path.write_bytes(data)
        files.append(str(path))
    result = _cli("ingest", "--no-model", *files, env=clean_env)
    assert result.returncode in (0, InputError.exit_code), result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    for line in result.stderr.splitlines():  # a one-line message per bad file, plus progress
        assert line.startswith(("memwrap:", "  note:")) or "\r" in line or line.strip() == "" or "%" in line, line


@pytest.mark.parametrize("content", [
    b"", b"\x00" * 100, os.urandom(3000), b"\xff\xfe" + "not utf-16".encode("utf-16-le"),
    b"[" * 100000, b'{"type":"user","message":' * 20000, b'{"version": 2}\n' + b"[1, 2]\n" * 10,
    b"# aider chat started at\n" + os.urandom(500), b'{"id": "x", "turns": "nope"}',
], ids=lambda c: f"{len(c)}b")
def test_ingest_of_garbage_is_one_line(content: bytes, tmp_path: Path, clean_env: dict[str, str]) -> None:
    path = tmp_path / "garbage.jsonl"
    path.write_bytes(content)
    result = _cli("ingest", "--no-model", str(path), env=clean_env)
    assert result.returncode == InputError.exit_code
    _assert_one_clean_line(result)


def test_ingest_of_a_directory_or_unreadable_file(tmp_path: Path, clean_env: dict[str, str]) -> None:
    locked = tmp_path / "locked.jsonl"
    locked.write_text('{"type": "user"}\n')
    locked.chmod(0)
    for target in (tmp_path, locked, tmp_path / "missing.jsonl"):
        result = _cli("ingest", str(target), env=clean_env)
        assert result.returncode != 0
        _assert_one_clean_line(result)


# ---- `memwrap import` -------------------------------------------------------------------------

@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=st.lists(JSON_VALUES | st.fixed_dictionaries(
    {"kind": st.sampled_from(["TODO", "DECISION", "todo", "NOPE", ""]), "text": st.text(max_size=200)},
    optional={"scope": JSON_VALUES | st.sampled_from(["project", "global"]), "project": JSON_VALUES,
              "status": JSON_VALUES | st.sampled_from(["active", "pinned"]), "files": JSON_VALUES,
              "created_at": JSON_VALUES, "count": JSON_VALUES, "id": JSON_VALUES, "source": JSON_VALUES}),
    max_size=5), as_array=st.booleans())
def test_import_parser_accepts_or_says_why(tmp_path: Path, items: list, as_array: bool) -> None:
    path = tmp_path / "facts.jsonl"
    text = json.dumps(items) if as_array else "\n".join(json.dumps(i) for i in items)
    path.write_text(text)
    try:
        facts = read_facts(path)
    except InputError as exc:
        assert "\n" not in str(exc) and str(path) in str(exc)
        return
    for fact in facts:  # what is accepted is a well-formed fact that round-trips as strict JSON
        json.loads(json.dumps(fact.to_json(), allow_nan=False))
        assert fact.text and "\n" not in fact.text


@pytest.mark.parametrize("content", [
    "[" * 50000, '{"kind": "TODO", "text": ' * 50000, '"just a string"', "  \n\t", "\x00\x01",
    '{"kind": "TODO", "text": "x", "project": "/p", "created_at": 1e999}',
    '[{"kind": "TODO", "text": "x", "project": "/p", "last_injected": NaN}]',
    '{"kind": "TODO", "text": "x", "project": "/p"}\n{"kind": "TODO", "text": "y", "files": [1]}',
], ids=lambda c: f"{len(c)}c")
def test_import_of_garbage_is_one_line_and_imports_nothing(content: str, tmp_path: Path, clean_env: dict[str, str],
                                                          memwrap_home: Path) -> None:
    keep = tmp_path / "keep.jsonl"
    keep.write_text('{"kind": "DECISION", "text": "already stored", "project": "/p"}\n')
    assert _cli("import", str(keep), env=clean_env).returncode == 0
    path = tmp_path / "bad.jsonl"
    path.write_text(content)
    result = _cli("import", str(path), env=clean_env)
    if content.strip() == "":
        assert result.returncode in (0, InputError.exit_code)
    else:
        assert result.returncode == InputError.exit_code
        _assert_one_clean_line(result)
    listed = _cli("facts", "--all", "--json", env=clean_env)
    assert [f["text"] for f in json.loads(listed.stdout)] == ["already stored"]


# ---- config.toml -------------------------------------------------------------------------------

TOML_SCALARS = st.one_of(st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False, allow_infinity=False),
                         st.text(max_size=10), st.lists(st.integers(), max_size=3))


@settings(max_examples=200, deadline=None)
@given(tables=st.dictionaries(
    st.sampled_from(["memory", "handoff", "model", "projects", "other"]),
    st.one_of(TOML_SCALARS, st.dictionaries(
        st.sampled_from(["budget", "inject", "record", "record_input", "distill", "auto", "threshold", "key",
                         "context_window", "path", "threads", "disabled", "/some/project"]),
        st.one_of(TOML_SCALARS, st.dictionaries(st.sampled_from(["disabled"]), TOML_SCALARS, max_size=1)),
        max_size=5)),
    max_size=4))
def test_config_loads_or_says_why(tables: dict) -> None:
    toml = _to_toml(tables)
    tomllib.loads(toml)  # the generator writes valid TOML: the loader's types are under test
    paths().config_file.parent.mkdir(parents=True, exist_ok=True)
    paths().config_file.write_text(toml)
    try:
        cfg = load_config()
    except MemwrapError as exc:
        assert "\n" not in str(exc) and "config.toml" in str(exc)
        return
    for flag in (cfg.inject, cfg.record, cfg.record_input, cfg.distill, cfg.handoff_auto):
        assert isinstance(flag, bool)  # never a string that happens to be truthy
    assert isinstance(cfg.budget, int) and isinstance(cfg.model_threads, int)


@pytest.mark.parametrize("text", ["[memory\nbudget = 1", "memory = 3", '[memory]\nrecord = "false"',
                                  '[memory]\nbudget = "800"', "\x00\xff", "[model]\nthreads = [2]"], ids=range(6))
def test_broken_config_is_one_line_for_a_command_and_the_wrapped_cli_still_runs(
        text: str, clean_env: dict[str, str], memwrap_home: Path) -> None:
    (memwrap_home / "config.toml").write_bytes(text.encode("utf-8", "surrogateescape"))
    shown = _cli("show", env=clean_env)
    assert shown.returncode != 0
    _assert_one_clean_line(shown)
    wrapped = subprocess.run([sys.executable, "-m", "memwrap", sys.executable, "-c", "print('child ran')"],
                             capture_output=True, text=True, env=clean_env, timeout=60, cwd=REPO)
    assert wrapped.returncode == 0 and "child ran" in wrapped.stdout
    assert "Traceback" not in wrapped.stderr
    assert len([l for l in wrapped.stderr.splitlines() if l.startswith("memwrap:")]) == 1, wrapped.stderr


def _to_toml(tables: dict) -> str:
    """A tiny TOML writer for generated data (tomllib only reads)."""
    def string(v: str) -> str:
        return '"' + "".join(f"\\u{ord(c):04x}" if ord(c) < 0x20 or ord(c) == 0x7F or c in '"\\' else c
                             for c in v) + '"'

    def value(v: object) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, (int, float)):
            return repr(v)
        if isinstance(v, str):
            return string(v)
        if isinstance(v, list):
            return "[" + ", ".join(value(x) for x in v) + "]"
        if isinstance(v, dict):
            return "{" + ", ".join(f"{string(k)} = {value(x)}" for k, x in v.items()) + "}"
        raise TypeError(v)

    return "".join(f"{string(k)} = {value(v)}\n" for k, v in tables.items())

"""Recordings: the .cast holds exactly what the child printed, survives crashes, stays private."""

from __future__ import annotations

import json
import re
import os
import signal
import stat
import time
from pathlib import Path

import pexpect
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from memwrap.errors import InputError
from memwrap.recording import (CastWriter, SessionMeta, json_escape_utf8, project_dir_name, read_cast,
                               read_meta, write_meta)
from tests.fake_cli.fake_assistant import expected_bytes
from tests.fake_cli.harness import PROMPT, fake_argv, finish, sessions, spawn


@pytest.fixture
def home(memwrap_home: Path) -> Path:
    (memwrap_home / "config.toml").write_text("[memory]\ndistill = false\n")
    return memwrap_home


def test_recording_and_terminal_get_exactly_the_bytes_the_child_wrote(home: Path) -> None:
    expected = b"".join(expected_bytes(seed=7, total=300_000))
    child = spawn(home, *fake_argv("emit", "7", "300000"))
    child.expect(pexpect.EOF, timeout=30)
    screen = child.before
    child.close()
    assert child.exitstatus == 0
    # transparent: nothing added, lost or reordered; after the child is gone memwrap only
    # switches off the modes it left on (here bracketed paste / hidden cursor)
    assert screen[: len(expected)] == expected
    assert re.fullmatch(rb"(\x1b\[\?(2004l|25h))*", screen[len(expected):])
    cast = read_cast(sessions(home)[0]["cast"])
    assert cast.skipped == 0
    assert cast.output_text() == expected.decode("utf-8")  # UTF-8 split across reads survives
    times = [e.t for e in cast.events]
    assert times == sorted(times)


def test_kill_9_loses_at_most_about_a_second(home: Path) -> None:
    child = spawn(home, *fake_argv("chat"))
    child.expect_exact(PROMPT)
    child.sendline("first words")
    child.expect("you said: first words")
    time.sleep(1.6)  # longer than the flush interval
    os.kill(child.pid, signal.SIGKILL)
    child.expect(pexpect.EOF)
    child.close()
    meta = sessions(home)[0]
    assert meta["end"] is None and meta["exit_status"] is None  # started, never finished
    assert "you said: first words" in read_cast(meta["cast"]).output_text()


def test_keystrokes_are_recorded_only_when_asked(home: Path) -> None:
    for extra in ((), ("--record-input",)):
        child = spawn(home, *extra, *fake_argv("chat"))
        child.expect_exact(PROMPT)
        child.sendline("secret")
        child.expect("you said: secret")
        child.sendline("exit 0")
        assert finish(child) == 0
    plain, with_input = (read_cast(m["cast"]) for m in sessions(home))
    assert not [e for e in plain.events if e.kind == "i"]
    assert "secret" in "".join(e.data for e in with_input.events if e.kind == "i")


def test_files_are_private(home: Path) -> None:
    child = spawn(home, *fake_argv("exit", "0"))
    assert finish(child) == 0
    meta = sessions(home)[0]
    for path in (meta["cast"], str(Path(meta["cast"]).with_suffix(".json"))):
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    for folder in (home, home / "recordings", Path(meta["cast"]).parent):
        assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700


def _write_cast(path: Path) -> None:
    writer = CastWriter(path, cols=100, rows=30, command="fake")
    writer.on_output(0.1, "héllo ".encode()[:2])  # first byte of é only
    writer.on_output(0.2, "héllo ".encode()[2:])
    writer.on_resize(0.3, 120, 40)
    writer.on_marker(0.4, "handoff")
    writer.on_output(0.5, b"last line")
    writer.on_close(0.6)


def test_reader_keeps_valid_events_of_a_cut_off_file(tmp_path: Path) -> None:
    path = tmp_path / "s.cast"
    _write_cast(path)
    whole = read_cast(path)
    assert [(e.kind, e.data) for e in whole.events] == [
        ("o", "h"), ("o", "éllo "), ("r", "120x40"), ("m", "handoff"), ("o", "last line")]
    assert whole.header["width"] == 100 and whole.skipped == 0
    raw = path.read_bytes()
    path.write_bytes(raw[:-7])  # a crash in the middle of the last line
    cut = read_cast(path)
    assert cut.events == whole.events[:-1] and cut.skipped == 1
    with path.open("a") as fh:
        fh.write("\nnot json\n[1.0, \"o\", \"after garbage\"]\n")
    assert read_cast(path).events[-1].data == "after garbage"


def test_reader_refuses_a_file_that_is_not_a_recording(tmp_path: Path) -> None:
    path = tmp_path / "x.cast"
    path.write_text("hello\n[0.1, \"o\", \"x\"]\n")
    with pytest.raises(InputError):
        read_cast(path)
    with pytest.raises(InputError):
        read_cast(tmp_path / "missing.cast")


def test_metadata_round_trip_and_bad_metadata(tmp_path: Path) -> None:
    meta = SessionMeta(id="s1", command=["claude"], cwd="/w", project="/w", project_name="w",
                       start="2026-01-01T00:00:00.000+00:00", cli="claude", cast="/w/s1.cast")
    path = tmp_path / "d" / "s1.json"
    write_meta(path, meta)
    assert read_meta(path) == meta
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    path.write_text(json.dumps({"id": "s1"}))
    with pytest.raises(InputError):
        read_meta(path)


def test_project_folders_are_readable_and_never_shared() -> None:
    a = project_dir_name("api", "/home/a/api")
    b = project_dir_name("api", "/home/b/api")
    assert a.startswith("api-") and b.startswith("api-") and a != b
    assert "/" not in project_dir_name("we/ird name", "/x")


# Bytes of terminal output: mostly escape-dense ASCII and multi-byte UTF-8, plus bytes that
# are not UTF-8 at all (a binary file cat'ed by mistake).
_PIECES = st.sampled_from([b"\x1b[32m", b"\x1b[0m", b"\r\n", b"\"", b"\\", b"\t", b"\x07", b"\x00",
                           "é".encode(), "─".encode(), "😀".encode(), b"\xff", b"\xe2\x94", b"\xed\xa0\x80",
                           b"plain text ", b"\x7f", "\u2028".encode()])
_STREAMS = st.lists(st.one_of(_PIECES, st.binary(max_size=12)), max_size=40).map(b"".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(stream=_STREAMS, cuts=st.lists(st.integers(min_value=0, max_value=400), max_size=8),
       label=st.text(max_size=20))
def test_any_output_replays_as_its_utf8_decoding_in_a_valid_cast(tmp_path: Path, stream: bytes,
                                                                 cuts: list[int], label: str) -> None:
    path = tmp_path / "any.cast"
    writer = CastWriter(path, cols=80, rows=24)
    bounds = sorted({min(c, len(stream)) for c in cuts} | {0, len(stream)})
    for i, (a, b) in enumerate(zip(bounds, bounds[1:])):  # chunks cut anywhere, even mid-character
        writer.on_output(i * 0.01, stream[a:b])
    writer.on_marker(1.0, label)
    writer.on_close(1.1)
    raw = path.read_bytes()
    lines = raw.decode("utf-8").split("\n")[:-1]  # strict: the file is valid UTF-8
    events = [json.loads(line) for line in lines[1:]]  # strict JSON, one event per line
    assert "".join(e[2] for e in events if e[1] == "o") == stream.decode("utf-8", "replace")
    assert [e[2] for e in events if e[1] == "m"] == [label.encode("utf-8", "replace").decode("utf-8")]
    assert read_cast(path).skipped == 0


@given(text=st.text())
def test_byte_level_escaping_writes_what_json_dumps_writes(text: str) -> None:
    data = text.encode("utf-8", "replace")
    assert json_escape_utf8(data) == json.dumps(data.decode("utf-8"), ensure_ascii=False)[1:-1].encode("utf-8")

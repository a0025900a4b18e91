"""The PTY session seen from the user's side: a fake CLI behind `memwrap` in a real PTY."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path

import pexpect
import pytest

from memwrap.recording import read_cast
from memwrap.session import Observer, QuietDetector, Session
from tests.fake_cli.harness import FAKE, PROMPT, REPO, child_env, fake_argv, finish, sessions, spawn


@pytest.fixture
def home(memwrap_home: Path) -> Path:
    # no background distillation worker from these tests
    (memwrap_home / "config.toml").write_text("[memory]\ndistill = false\n")
    return memwrap_home


def test_resize_reaches_the_child_and_the_recording(home: Path) -> None:
    child = spawn(home, *fake_argv("chat"), rows=24, cols=80)
    child.expect("SIZE 80x24")
    child.expect_exact(PROMPT)
    child.setwinsize(40, 120)
    child.expect("SIZE 120x40")
    child.sendline("size")
    child.expect("SIZE 120x40")
    child.sendline("exit 0")
    assert finish(child) == 0
    cast = read_cast(sessions(home)[0]["cast"])
    assert cast.header["width"] == 80 and cast.header["height"] == 24
    assert ("r", "120x40") in [(e.kind, e.data) for e in cast.events]


def test_ctrl_c_and_ctrl_backslash_signal_a_cooked_child(home: Path) -> None:
    child = spawn(home, *fake_argv("chat"))
    child.expect_exact(PROMPT)
    child.send("\x03")
    child.expect("GOT SIGINT")
    child.send("\x1c")
    child.expect("GOT SIGQUIT")
    child.sendline("exit 5")
    assert finish(child) == 5


def test_control_keys_are_plain_bytes_to_a_raw_child(home: Path) -> None:
    child = spawn(home, *fake_argv("raw"))
    child.expect("RAW READY")
    child.send("\x03\x1a\x1c\x1b[A")
    for byte in ("03", "1a", "1c", "1b", "5b", "41"):
        child.expect(f"BYTE {byte}")
    child.send("q")
    assert finish(child) == 0


def test_exit_status_of_a_child_killed_by_a_signal(home: Path) -> None:
    child = spawn(home, *fake_argv("chat"))
    child.expect_exact(PROMPT)
    child.sendline("die SIGKILL")
    assert finish(child) == 128 + signal.SIGKILL
    assert sessions(home)[0]["exit_status"] == 128 + signal.SIGKILL


def test_sigterm_to_memwrap_reaches_the_child(home: Path) -> None:
    child = spawn(home, *fake_argv("chat"))
    child.expect_exact(PROMPT)
    os.kill(child.pid, signal.SIGTERM)
    child.expect("GOT SIGTERM")
    assert finish(child) == 0  # the fake handles SIGTERM and exits 0, so memwrap does too


def test_modes_left_on_by_a_crashing_child_are_reset(home: Path) -> None:
    child = spawn(home, *fake_argv("chat"))
    child.expect_exact(PROMPT)
    child.sendline("crash")
    child.expect(pexpect.EOF)
    tail = child.before
    child.close()
    assert child.exitstatus == 70
    after_crash = tail[tail.rfind(b"\x1b[?25l"):]
    for reset in (b"\x1b[?1049l", b"\x1b[?1000l", b"\x1b[?25h"):
        assert reset in after_crash


def test_ctrl_z_suspends_like_the_bare_cli_and_terminal_is_restored(home: Path, tmp_path: Path) -> None:
    shell = pexpect.spawn("bash", ["--norc", "--noprofile", "-i"], dimensions=(24, 80), cwd=str(REPO),
                          env=child_env(home, PS1="PROMPT$ "), timeout=15)
    shell.expect(r"PROMPT\$ ")
    before, mid, after = (tmp_path / n for n in ("before", "mid", "after"))
    shell.sendline(f"stty -g > {before}; {sys.executable} -m memwrap {sys.executable} {FAKE} chat")
    shell.expect_exact(PROMPT)
    shell.send("\x1a")
    shell.expect("Stopped")
    shell.expect(r"PROMPT\$ ")
    shell.sendline(f"stty -g > {mid}; fg")
    time.sleep(0.3)
    shell.sendline("hello")
    shell.expect("you said: hello")
    shell.sendline("exit 3")
    shell.expect(r"PROMPT\$ ")
    shell.sendline(f"echo status=$?; stty -g > {after}")
    shell.expect("status=3")
    shell.expect(r"PROMPT\$ ")
    shell.sendline("exit")
    shell.expect(pexpect.EOF)
    assert before.read_text() == mid.read_text() == after.read_text()


class _Script(Observer):
    """Once the pasted text comes back, restart the child as `fake exit 4`."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.seen = b""
        self.restarted = False

    def on_output(self, t: float, data: bytes) -> None:
        self.seen += data
        if not self.restarted and b"you said:" in self.seen:
            self.restarted = True
            self.session.restart(fake_argv("exit", "4"))


def test_paste_on_first_quiet_then_restart_in_the_same_terminal(home: Path) -> None:
    master, slave = os.openpty()
    screen = bytearray()

    def drain() -> None:
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                return
            if not data:
                return
            screen.extend(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    session = Session(fake_argv("chat", "--fullscreen"), env=child_env(home), stdin_fd=slave, stdout_fd=slave)
    session.observers.append(QuietDetector(lambda: session.paste("remember this", submit=True), quiet=0.3))
    script = _Script(session)
    session.observers.append(script)
    status = session.run()
    os.close(slave)
    reader.join(timeout=5)
    os.close(master)
    assert status == 4  # the restarted child's status
    # the fake enabled bracketed paste, so the injected text arrived as one paste
    assert b"you said: \x1b[200~remember this\x1b[201~" in bytes(screen)
    assert script.restarted
    # the fullscreen child left alt screen + bracketed paste on; the restart reset them
    assert b"\x1b[?1049l" in bytes(screen)

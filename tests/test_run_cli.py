"""`memwrap CMD` as a command: exit codes, pipes, no double wrapping, shims, fail-open."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from memwrap.binaries import find_binary, is_memwrap_shim
from memwrap.recording import read_cast
from tests.fake_cli.harness import child_env, fake_argv, sessions


@pytest.fixture
def home(memwrap_home: Path) -> Path:
    (memwrap_home / "config.toml").write_text("[memory]\ndistill = false\n")
    return memwrap_home


def memwrap(home: Path, *args: str, input: bytes = b"", env: dict[str, str] | None = None,
            cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run memwrap with pipes for stdin/stdout/stderr (no terminal at all, as in CI)."""
    return subprocess.run([sys.executable, "-m", "memwrap", *args], input=input, capture_output=True,
                          env=env or child_env(home), cwd=cwd, timeout=30)


def test_command_not_found_is_127_and_one_line(home: Path) -> None:
    result = memwrap(home, "no-such-assistant-cli")
    assert result.returncode == 127
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1 and "no-such-assistant-cli" in lines[0] and lines[0].startswith("memwrap:")
    assert not (home / "recordings").exists()


def test_without_a_terminal_it_runs_and_records(home: Path) -> None:
    result = memwrap(home, *fake_argv("chat"), input=b"hello there\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    assert "you said: hello there" in out and "EOF" in out
    assert out.count("hello there") == 1  # piped input is not echoed back as output
    cast = read_cast(sessions(home)[0]["cast"])
    assert "you said: hello there" in cast.output_text()


@pytest.mark.parametrize("script, code", [("exit 3", 3), ("die SIGTERM", 143), ("die SIGSEGV", 139)])
def test_exit_status_is_the_childs(home: Path, script: str, code: int) -> None:
    result = memwrap(home, *fake_argv("chat"), input=script.encode() + b"\n")
    assert result.returncode == code
    assert sessions(home)[0]["exit_status"] == code


def test_session_metadata(home: Path, tmp_path: Path) -> None:
    result = memwrap(home, *fake_argv("exit", "0"), cwd=tmp_path)
    assert result.returncode == 0
    (meta,) = sessions(home)
    assert meta["command"] == fake_argv("exit", "0")
    assert meta["cwd"] == str(tmp_path) and meta["project"] == str(tmp_path.resolve())
    assert meta["project_name"] == tmp_path.name and meta["exit_status"] == 0
    assert meta["start"] <= meta["end"] and Path(meta["cast"]).is_file()
    assert {"id", "cli", "native_transcript"} <= meta.keys()


def test_inside_memwrap_the_command_runs_directly(home: Path) -> None:
    env = child_env(home, MEMWRAP_ACTIVE="1")
    result = memwrap(home, sys.executable, "-c", "import os,sys; print(os.environ['MEMWRAP_ACTIVE']); sys.exit(9)",
                     env=env)
    assert result.returncode == 9 and result.stdout.strip() == b"1"
    assert not (home / "recordings").exists()  # not wrapped a second time


def test_the_child_sees_the_marker(home: Path) -> None:
    result = memwrap(home, sys.executable, "-c", "import os; print(os.environ.get('MEMWRAP_ACTIVE'))")
    assert result.stdout.strip() == b"1"


def _shim_setup(tmp_path: Path) -> tuple[Path, Path]:
    shims, real = tmp_path / "shims", tmp_path / "real"
    shims.mkdir()
    real.mkdir()
    shim = shims / "fakecli"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m memwrap fakecli "$@"\n')
    target = real / "fakecli"
    target.write_text('#!/bin/sh\necho "REAL $0 $*"\n')
    for p in (shim, target):
        p.chmod(0o755)
    return shim, target


def test_a_shim_named_like_the_cli_is_skipped(home: Path, tmp_path: Path) -> None:
    shim, target = _shim_setup(tmp_path)
    path = f"{shim.parent}{os.pathsep}{target.parent}{os.pathsep}{os.environ['PATH']}"
    assert is_memwrap_shim(shim) and not is_memwrap_shim(target)
    assert find_binary("fakecli", path) == str(target)
    assert find_binary("fakecli", str(shim.parent)) is None
    env = child_env(home, PATH=path)
    via_memwrap = memwrap(home, "fakecli", "a", env=env)
    assert via_memwrap.returncode == 0 and f"REAL {target} a" in via_memwrap.stdout.decode()
    via_shim = subprocess.run([str(shim), "b"], capture_output=True, env=env, timeout=30)  # `claude` aliased
    assert f"REAL {target} b" in via_shim.stdout.decode()


def test_wrap_options(home: Path) -> None:
    result = memwrap(home, "--no-record", *fake_argv("exit", "0"))
    assert result.returncode == 0 and not (home / "recordings").exists()
    result = memwrap(home, "--bogus", "true")
    assert result.returncode == 2 and result.stderr.decode().count("\n") == 1
    result = memwrap(home, "--", sys.executable, "-c", "print('forced')")
    assert result.returncode == 0 and b"forced" in result.stdout


def test_broken_config_does_not_stop_the_cli(home: Path) -> None:
    (home / "config.toml").write_text("[memory\nbroken = ")
    result = memwrap(home, sys.executable, "-c", "print('still runs')")
    assert result.returncode == 0 and b"still runs" in result.stdout
    warnings = [line for line in result.stderr.decode().splitlines() if "config" in line]
    assert len(warnings) == 1 and warnings[0].endswith("continuing without memory")
    # the broken file might hold this project's opt-out: nothing is recorded
    assert not (home / "recordings").exists()


def test_launch_does_not_import_heavy_modules(home: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "memwrap", "true"], capture_output=True,
        env=child_env(home), timeout=30)
    assert result.returncode == 0
    imported = {line.split("|")[-1].strip().split(".")[0] for line in result.stderr.decode().splitlines()
                if line.startswith("import time:")}
    assert "memwrap" in imported
    assert not {"textual", "llama_cpp", "rich"} & imported


def test_doctor_reports_model_store_and_clis(home: Path, tmp_path: Path) -> None:
    shim, target = _shim_setup(tmp_path)
    claude = target.parent / "claude"
    claude.write_text("#!/bin/sh\necho claude\n")
    claude.chmod(0o755)
    path = f"{target.parent}{os.pathsep}{os.environ['PATH']}"
    result = memwrap(home, "doctor", env=child_env(home, PATH=path))
    out = result.stdout.decode()
    assert result.returncode == 0, out
    assert f"claude       {claude}" in out and "aider        not on PATH" in out
    assert "store" in out and "writable" in out
    broken = memwrap(home, "doctor", env=child_env(home, PATH=path, MEMWRAP_MODEL=str(tmp_path / "none.gguf")))
    assert broken.returncode == 1 and "FAIL model" in broken.stdout.decode()

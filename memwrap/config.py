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
    memory = data.get("memory", {})
    handoff = data.get("handoff", {})
    model = data.get("model", {})
    cfg.budget = int(memory.get("budget", cfg.budget))
    cfg.inject = bool(memory.get("inject", cfg.inject))
    cfg.record = bool(memory.get("record", cfg.record))
    cfg.record_input = bool(memory.get("record_input", cfg.record_input))
    cfg.distill = bool(memory.get("distill", cfg.distill))
    cfg.handoff_auto = bool(handoff.get("auto", cfg.handoff_auto))
    cfg.handoff_threshold = float(handoff.get("threshold", cfg.handoff_threshold))
    cfg.handoff_key = str(handoff.get("key", cfg.handoff_key))
    cfg.context_window = int(handoff.get("context_window", cfg.context_window))
    cfg.model_path = str(model.get("path", cfg.model_path))
    cfg.model_threads = int(model.get("threads", cfg.model_threads))
    projects = data.get("projects", {})
    cfg.disabled_projects = [
        key for key, section in projects.items() if isinstance(section, dict) and section.get("disabled")
    ]
    return cfg

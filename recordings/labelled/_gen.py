"""Helpers that build the bulky, realistic tool output of the labelled sessions.

The sessions themselves are written by hand in build_*.py; only repetitive tool output
(test logs, dependency listings, file dumps) is generated, deterministically.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent


def U(text: str) -> dict:
    return {"role": "user", "text": text}


def A(text: str) -> dict:
    return {"role": "assistant", "text": text}


def T(name: str, inp: str, out: str, **meta) -> dict:
    turn = {"role": "tool", "name": name, "input": inp, "output": out}
    if meta:
        turn["meta"] = meta
    return turn


def write(session: dict, sub: str = "") -> Path:
    path = HERE / sub / f"{session['id']}.json"
    path.write_text(json.dumps(session, indent=1, ensure_ascii=False) + "\n")
    return path


_WORDS = ("parse", "load", "render", "validate", "merge", "encode", "decode", "filter", "group",
          "resolve", "retry", "cache", "fetch", "update", "delete", "create", "list", "sort")
_NOUNS = ("user", "order", "invoice", "token", "session", "config", "event", "row", "batch",
          "header", "payload", "account", "item", "report", "window", "schema")


def _names(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    return [f"{rng.choice(_WORDS)}_{rng.choice(_NOUNS)}_{rng.choice(_NOUNS)}" for _ in range(n)]


def pytest_log(seed: int, files: list[str], n: int, fail: str | None = None) -> str:
    rng = random.Random(seed)
    lines = ["============================= test session starts ==============================",
             "platform linux -- Python 3.11.7, pytest-8.1.1, pluggy-1.4.0", f"collected {n} items", ""]
    for i, name in enumerate(_names(seed, n)):
        f = files[i % len(files)]
        lines.append(f"{f}::test_{name} PASSED{' ' * rng.randint(1, 20)}[{int(100 * (i + 1) / n):3d}%]")
    if fail:
        lines += ["", "=================================== FAILURES ===================================", fail,
                  f"=========================== short test summary info ============================",
                  f"FAILED 1 failed, {n - 1} passed in {rng.uniform(3, 30):.2f}s"]
    else:
        lines.append(f"============================== {n} passed in {rng.uniform(3, 30):.2f}s ==============================")
    return "\n".join(lines)


def go_test_log(seed: int, pkgs: list[str], per_pkg: int, fail: str | None = None) -> str:
    rng = random.Random(seed)
    out = []
    for pkg in pkgs:
        for name in _names(seed + len(pkg), per_pkg):
            camel = "".join(p.capitalize() for p in name.split("_"))
            out.append(f"=== RUN   Test{camel}")
            out.append(f"--- PASS: Test{camel} (0.{rng.randint(0, 9)}{rng.randint(0, 9)}s)")
        out.append(f"ok  \t{pkg}\t{rng.uniform(0.1, 3):.3f}s")
    if fail:
        out.append(fail)
    return "\n".join(out)


def code_file(seed: int, lang: str, n_funcs: int) -> str:
    names = _names(seed, n_funcs)
    out = []
    for name in names:
        if lang == "go":
            camel = "".join(p.capitalize() for p in name.split("_"))
            out += [f"func {camel}(ctx context.Context, in *{camel.split('_')[0]}Input) error {{",
                    "\tif in == nil {", '\t\treturn errors.New("nil input")', "\t}",
                    f"\tlog.Debug().Str(\"op\", \"{name}\").Msg(\"start\")", "\treturn nil", "}", ""]
        elif lang == "java":
            camel = name.split("_")[0] + "".join(p.capitalize() for p in name.split("_")[1:])
            out += [f"    public Optional<Invoice> {camel}(Long id) {{",
                    "        Objects.requireNonNull(id, \"id\");",
                    f"        log.debug(\"{camel} id={{}}\", id);",
                    "        return repository.findById(id);", "    }", ""]
        else:
            out += [f"def {name}(frame: pl.LazyFrame) -> pl.LazyFrame:",
                    f"    \"\"\"{name.replace('_', ' ').capitalize()}.\"\"\"",
                    "    return frame.with_columns(pl.col(\"value\").fill_null(0))", ""]
    return "\n".join(out)


def dep_list(seed: int, prefix: str, n: int) -> str:
    rng = random.Random(seed)
    return "\n".join(f"{prefix}{rng.choice(_WORDS)}-{rng.choice(_NOUNS)}=={rng.randint(0, 9)}.{rng.randint(0, 30)}.{rng.randint(0, 9)}"
                     for _ in range(n))

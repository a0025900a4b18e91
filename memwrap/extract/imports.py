"""Third-party libraries a session's code imports, in any of the common languages: the stack
of a project whose user never names it ("fix the precedence bug" in files that import cobra
and viper). Read from the files the session reads and edits, counted per file."""

from __future__ import annotations

import re
import sys

from memwrap.extract.stack import without_line_numbers

# (import statement pattern, how to turn the captured name into a library name)
_JS_RE = re.compile(r"""(?:\bfrom\s+|\brequire\(\s*|\bimport\s+)['"](?P<name>@?[A-Za-z][\w.-]*(?:/[\w.-]+)?)['"]""")
_PY_RE = re.compile(r"^\s*(?:from\s+(?P<a>[A-Za-z_]\w*)[\w.]*\s+import\b|import\s+(?P<b>[A-Za-z_]\w*))", re.M)
_GO_RE = re.compile(r'"(?:github\.com|gitlab\.com|go\.uber\.org|golang\.org/x|gopkg\.in)/(?:[\w.-]+/)?(?P<name>[\w.-]+?)(?:\.v\d+)?(?:/[\w./-]*)?"')
_RUST_RE = re.compile(r"^\s*(?:pub\s+)?use\s+(?P<name>[a-z_][\w]*)::", re.M)
_JVM_RE = re.compile(r"^\s*import\s+(?:static\s+)?(?P<name>[a-z][\w]*(?:\.[A-Za-z_][\w]*)+)", re.M)
_RUBY_RE = re.compile(r"""^\s*require\s+['"](?P<name>[\w-]+)""", re.M)
_ELIXIR_RE = re.compile(r"^\s*(?:use|alias|import|require)\s+(?P<name>[A-Z]\w*)\b", re.M)
_CSHARP_RE = re.compile(r"^\s*using\s+(?P<name>[A-Z]\w*)(?:\.\w+)*\s*;", re.M)
_DART_RE = re.compile(r"""^\s*import\s+['"]package:(?P<name>\w+)/""", re.M)
_PHP_RE = re.compile(r"^\s*use\s+(?P<name>[A-Z]\w*)\\", re.M)

_LANG_OF = {"js": "js", "jsx": "js", "ts": "js", "tsx": "js", "mjs": "js", "cjs": "js", "vue": "js", "svelte": "js",
            "py": "py", "go": "go", "rs": "rust", "kt": "jvm", "kts": "jvm", "java": "jvm", "scala": "jvm",
            "rb": "ruby", "cr": "ruby", "ex": "elixir", "exs": "elixir", "cs": "csharp", "dart": "dart", "php": "php"}
_STDLIB = set(getattr(sys, "stdlib_module_names", ())) | {"__future__", "typing_extensions"}
_JVM_STD = {"java", "javax", "kotlin", "kotlinx", "scala", "jdk", "sun", "android"}
_JVM_VENDORS = {"jetbrains", "apache", "google", "github", "eclipse", "springframework", "slf4j", "typesafe",
                "fasterxml", "squareup", "junit"}
_CSHARP_STD = {"System", "Microsoft", "Newtonsoft"}
_RUST_STD = {"std", "core", "alloc", "crate", "self", "super"}
_ELIXIR_STD = {"Kernel", "Enum", "Map", "List", "String", "Logger", "Application", "Supervisor", "GenServer",
               "Agent", "Task", "Process", "Keyword", "File", "Path", "IO", "DateTime", "Date", "Time", "Mix",
               "ExUnit", "Integer", "Float", "Stream", "Registry", "Access", "Base", "Code", "Module", "System"}


def _jvm_name(dotted: str) -> str:
    parts = dotted.split(".")
    if parts[0] in _JVM_STD:
        return ""
    if parts[0] in {"io", "org", "com", "net", "dev", "me", "de", "app", "co", "androidx"}:
        rest = parts[1:]
        if rest and rest[0] in _JVM_VENDORS and len(rest) > 1:
            rest = rest[1:]
        return rest[0] if rest and rest[0][:1].islower() else ""
    return parts[0]


def _names(lang: str, text: str, own: set[str]) -> set[str]:
    out: set[str] = set()
    if lang == "js":
        for m in _JS_RE.finditer(text):
            name = m.group("name")
            out.add(name if name.startswith("@") else name.split("/")[0])
    elif lang == "py":
        out |= {m.group("a") or m.group("b") for m in _PY_RE.finditer(text)} - _STDLIB
    elif lang == "go":
        out |= {m.group("name") for m in _GO_RE.finditer(text)}
    elif lang == "rust":
        out |= {m.group("name") for m in _RUST_RE.finditer(text)} - _RUST_STD
    elif lang == "jvm":
        out |= {_jvm_name(m.group("name")) for m in _JVM_RE.finditer(text)}
    elif lang == "ruby":
        out |= {m.group("name") for m in _RUBY_RE.finditer(text)}
    elif lang == "elixir":
        out |= {m.group("name") for m in _ELIXIR_RE.finditer(text)} - _ELIXIR_STD
    elif lang == "csharp":
        out |= {m.group("name") for m in _CSHARP_RE.finditer(text)} - _CSHARP_STD
    elif lang == "dart":
        out |= {m.group("name") for m in _DART_RE.finditer(text)} - {"flutter"}
    elif lang == "php":
        out |= {m.group("name") for m in _PHP_RE.finditer(text)}
    return {n for n in out if n and n.lower() not in own and len(n) > 1}


def imported_libraries(files: list[tuple[str, str]], project: str = "", limit: int = 4) -> list[str]:
    """The libraries most files of the session import, most files first. `files`: (path,
    content or diff) pairs; the project's own modules (its name, its package) are not libraries."""
    own = {project.lower(), project.lower().replace("-", "_"), project.lower().replace("-", "")} if project else set()
    counts: dict[str, int] = {}
    seen: set[tuple[str, str]] = set()
    for path, text in files:
        m = re.search(r"\.(\w{1,6})$", (path or "").strip())
        lang = _LANG_OF.get(m.group(1).lower()) if m else None
        if not lang or not text:
            continue
        # a diff's "+" lines and a viewer's line numbers ("    12→import x", "  12\timport x") are code too
        lines = without_line_numbers(text).splitlines()
        body = "\n".join(ln[1:] if ln[:1] in "+" and not ln.startswith("+++") else ln for ln in lines)
        # the file's own package ("package com.acme.invoice.routes", "namespace Acme.Web") is not a library
        home = {seg.lower() for m in re.finditer(r"^\s*(?:package|namespace|defmodule)\s+([\w.]+)", body, re.M)
                for seg in m.group(1).split(".")}
        names = _names(lang, body, own | home)
        key = path.strip()
        for n in names:
            counts[n] = counts.get(n, 0) + (0 if (key, n) in seen else 1)
            seen.add((key, n))
    return [n for n, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))][:limit]

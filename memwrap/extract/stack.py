"""Stack items (name, version) read generically from package manifests and `--version`
output, so a PROJECT fact names libraries no vocabulary knows (megaparsec, asyncpg, QuestPDF)."""

from __future__ import annotations

import re
from typing import Callable

from memwrap.extract.stack_vocab import (COMMAND_STACK, COMMAND_WRAPPERS, CONFIG_FILE_RES, EXTRA_EXTENSIONS, ROS_DISTROS,
                                        STACK_WORDS)
from memwrap.turns import Turn

_STACK_RES = [(name, re.compile("(?:" + rx + r")(?:(?:[\s,]+(?:v|version\s+)?|(?<=\+))(\d+(?:\.\d+)*(?:\.x)?)(?!\w))?", re.IGNORECASE))
              for name, rx in STACK_WORDS]


def stack_mentions(text: str) -> list[tuple[str, str, int]]:
    """(name, version, position) for each stack item named in `text`."""
    out = []
    for name, rx in _STACK_RES:
        best = None
        for m in rx.finditer(text):
            version = (m.group(m.lastindex) if m.lastindex else "") or ""
            if best is None or (version and not best[1]):
                best = (name, version, m.start())
        if best:
            out.append(best)
    return sorted(out, key=lambda t: t[2])


# file-name test -> dependency line pattern (group name, group ver)
_MANIFEST_RULES: list[tuple[re.Pattern[str], re.Pattern[str]]] = [
    (re.compile(r"(?:^|/)(?:pyproject\.toml|requirements[\w.-]*\.txt|setup\.cfg|Pipfile)$", re.I),
     re.compile(r"^\s*[\"']?(?P<name>[A-Za-z][\w.-]*)(?:\[[\w,]+\])?\s*(?:[=~<>!]=?|\^)\s*[\"']?(?P<ver>\d+(?:\.\d+)*)", re.M)),
    (re.compile(r"(?:^|/)(?:package\.json|composer\.json)$", re.I),
     re.compile(r"^\s*\"(?P<name>@?[\w./-]+)\"\s*:\s*\"[\^~>=v]*(?P<ver>\d+(?:\.\d+)*)", re.M)),
    (re.compile(r"\.cabal$|(?:^|/)package\.yaml$", re.I),
     re.compile(r"(?:^|,|:)\s*(?P<name>[a-z][\w-]*)\s*(?:\^>=|>=|==)\s*(?P<ver>\d+(?:\.\d+)*)", re.M)),
    (re.compile(r"\.(?:sbt|scala)$", re.I),
     re.compile(r"\"[\w.-]+\"\s*%%?\s*\"(?P<name>[\w.-]+)\"\s*%\s*\"(?P<ver>\d+(?:\.\d+)*)")),
    (re.compile(r"\.(?:csproj|fsproj|props)$|(?:^|/)pom\.xml$", re.I),
     re.compile(r"Include=\"(?P<name>[\w.]+)\"\s+Version=\"(?P<ver>\d+(?:\.\d+)*)|"
                r"<artifactId>(?P<name2>[\w.-]+)</artifactId>\s*<version>(?P<ver2>\d+(?:\.\d+)*)")),
    (re.compile(r"(?:^|/)go\.mod$", re.I),
     re.compile(r"^\s*(?:require\s+)?(?P<name>[\w.-]+\.[\w.-]+/[\w./-]+)\s+v(?P<ver>\d+(?:\.\d+)*)", re.M)),
    (re.compile(r"(?:^|/)Cargo\.toml$", re.I),
     re.compile(r"^\s*(?P<name>[a-z][\w-]*)\s*=\s*(?:\{\s*version\s*=\s*)?\"(?P<ver>\d+(?:\.\d+)*)", re.M)),
    (re.compile(r"(?:^|/)Gemfile$", re.I),
     re.compile(r"^\s*gem\s+['\"](?P<name>[\w-]+)['\"]\s*,\s*['\"][~>=\s]*(?P<ver>\d+(?:\.\d+)*)", re.M)),
    (re.compile(r"(?:^|/)mix\.exs$", re.I),  # {:oban, "~> 2.17"}
     re.compile(r"\{:(?P<name>\w+),\s*\"[~>=<\s]*(?P<ver>\d+(?:\.\d+)*)")),
    (re.compile(r"(?:^|/)deps\.edn$|(?:^|/)project\.clj$", re.I),  # org.clojure/clojure {:mvn/version "1.11.1"}
     re.compile(r"(?:[\w.-]+/)?(?P<name>[\w.-]+)\s*(?:\{:mvn/version\s*|\s)\"(?P<ver>\d+(?:\.\d+)*)")),
    (re.compile(r"(?:^|/)pubspec\.ya?ml$", re.I),  # riverpod: ^2.4.0
     re.compile(r"^\s+(?P<name>[a-z][\w]*):\s*[\^~>=]*(?P<ver>\d+(?:\.\d+)*)", re.M)),
    (re.compile(r"(?:^|/)build\.gradle(?:\.kts)?$|(?:^|/)libs\.versions\.toml$", re.I),  # "androidx.room:room-runtime:2.6.1"
     re.compile(r"[\"'][\w.-]+:(?P<name>[\w.-]+):(?P<ver>\d+(?:\.\d+)*)")),
    (re.compile(r"(?:^|/)CMakeLists\.txt$", re.I),  # find_package(Qt6 6.5 REQUIRED ...)
     re.compile(r"find_package\(\s*(?P<name>[A-Za-z][\w-]*)\s+(?P<ver>\d+(?:\.\d+)*)", re.I)),
    (re.compile(r"(?:^|/)(?:deno\.jsonc?|import_map\.json)$", re.I),  # "$fresh/": "https://deno.land/x/fresh@1.6.8/"
     re.compile(r"\"(?:npm:|jsr:)?@?(?:[\w-]+/)?(?P<name>[\w-]+)@\^?(?P<ver>\d+(?:\.\d+)*)|/x/(?P<name2>[\w-]+)@(?P<ver2>\d+(?:\.\d+)*)")),
    (re.compile(r"(?:^|/)shard\.ya?ml$", re.I),  # kemal:\n    github: kemalcr/kemal\n    version: ~> 1.5
     re.compile(r"^\s{2,4}(?P<name>[\w-]+):\s*\n(?:\s{4,}\w+:.*\n)*?\s{4,}version:\s*[~>=<\s]*(?P<ver>\d+(?:\.\d+)*)", re.M)),
    (re.compile(r"(?:^|/)cpanfile$", re.I),  # requires 'Mojolicious', '9.35';
     re.compile(r"requires\s+['\"](?P<name>[A-Za-z][\w:]*)['\"]\s*(?:,|=>)\s*['\"]?[>=<\s]*(?P<ver>\d+(?:\.\d+)*)")),
    (re.compile(r"(?:^|/)\.tool-versions$", re.I),  # asdf/mise pins: "terraform 1.7.5"
     re.compile(r"^(?P<name>[a-z][\w-]*)\s+v?(?P<ver>\d+(?:\.\d+)*)\s*$", re.M)),
    (re.compile(r"(?:^|/)Package\.swift$", re.I),  # .package(url: "https://github.com/vapor/vapor.git", from: "4.89.0")
     re.compile(r"\.package\(\s*url:\s*\"[^\"]*/(?P<name>[\w.-]+?)(?:\.git)?\"\s*,\s*(?:from:|exact:|\.upToNextMajor\(from:)\s*\"(?P<ver>\d+(?:\.\d+)*)")),
    (re.compile(r"(?:^|/)(?:requirements\.ya?ml|galaxy\.ya?ml)$", re.I),
     re.compile(r"name:\s*(?P<name>[\w.-]+)\s*\n\s*version:\s*[\"']?[>=<]*(?P<ver>\d+(?:\.\d+)*)")),
]
_SKIP_NAMES = {"name", "version", "python_requires", "requires-python", "base", "cabal-version", "edition",
               "description", "license", "main", "private", "type", "node", "npm", "sdk", "flutter_test",
               "cmake_minimum_required"}
_VERSION_CMD_RE = re.compile(r"(?:^|[\s;&|])(?:--version|-V|version)\b")
_VERSION_LINE_RE = re.compile(r"^\s*(?P<name>[A-Za-z][\w.+-]*(?:\s[A-Za-z][\w.+-]*)?)\s+(?:version\s+)?v?(?P<ver>\d+\.\d+(?:\.\d+)*)\b", re.M)


def without_line_numbers(text: str) -> str:
    """A file as a viewer shows it ("     6→    \"duckdb>=0.10\"", "  6\tline") back to its own lines."""
    return re.sub(r"(?m)^\s*\d+(?:→|\t)", "", text or "")


def manifest_deps(path: str, text: str, limit: int = 10) -> list[tuple[str, str]]:
    """Dependencies with versions from a manifest's text, first `limit` of them."""
    path, _, written = (path or "").partition("\n")  # an edit's input: the path, then the lines it writes
    text = without_line_numbers(f"{text}\n{written}" if written else text)
    out: list[tuple[str, str]] = []
    words = re.split(r"[\s;&|<>]+", path) or [""]  # a Read's bare path, or "cat .tool-versions && ..."
    for name_rx, dep_rx in _MANIFEST_RULES:
        if not any(name_rx.search(w) for w in words):
            continue
        for m in dep_rx.finditer(text or ""):
            g = m.groupdict()
            name, ver = g.get("name") or g.get("name2"), g.get("ver") or g.get("ver2")
            if name and ver and name.lower() not in _SKIP_NAMES and all(n != name for n, _ in out):
                out.append((name, ver))
        break
    return out[:limit]


def version_output(command: str, output: str) -> list[tuple[str, str]]:
    """`tool --version` output lines that read "<name> <version>"."""
    if not _VERSION_CMD_RE.search(command or ""):
        return []
    return [(m.group("name"), m.group("ver")) for m in _VERSION_LINE_RE.finditer((output or "")[:600])][:3]


# "<name> <dotted version>" in prose: megaparsec 9.6, GHC 9.6.4, ansible-core 2.16, ubuntu 22.04
_PAIR_RE = re.compile(r"(?<![\w./-])(?P<name>[A-Za-z][\w+#-]*[A-Za-z+#])\s+v?(?P<ver>\d+\.\d+(?:\.\d+)?)(?![\w.]*\s*(?:ms|s|sec|gb|mb|kb|gib|mib|%|x)\b)", re.I)
_PAIR_STOP = {"version", "to", "from", "in", "at", "is", "was", "be", "by", "of", "on", "and", "or", "the", "a", "an",
              "step", "page", "line", "lines", "took", "takes", "gives", "give", "got", "went", "now", "about", "around",
              "with", "than", "it", "then", "since", "before", "after", "until", "under", "over", "only", "for", "v",
              "once", "when", "till", "as", "if", "lands", "hits", "reaches", "above", "below", "like", "past",
              "release", "tag", "python_requires", "has", "have", "had", "needs", "requires", "used", "uses", "using",
              "use", "takes", "costs", "score", "rate", "ratio", "chapter", "section", "rule", "option"}
_TRACE_PKG_RE = re.compile(r"(?:site-packages|dist-packages|node_modules)/(?P<name>@?[A-Za-z][\w.-]*)/")


def could_be_name(word: str) -> bool:
    """A word before a version number that may name a package: not a common word, not a verb
    ("tagged 1.4.0", "keeping 1.6")."""
    return word.lower() not in _PAIR_STOP and not re.fullmatch(r"[a-z]{3,}(?:ed|ing)", word)


def version_pairs(text: str) -> list[tuple[str, str]]:
    """"<name> <x.y>" pairs a person wrote; common words and measurements are not names."""
    out: list[tuple[str, str]] = []
    for m in _PAIR_RE.finditer(text or ""):
        name = m.group("name")
        if could_be_name(name) and all(n.lower() != name.lower() for n, _ in out):
            out.append((name, m.group("ver")))
    return out


def traceback_packages(text: str) -> list[str]:
    """Third-party packages named in stack-trace frames, most frequent first."""
    counts: dict[str, int] = {}
    for m in _TRACE_PKG_RE.finditer(text or ""):
        counts[m.group("name")] = counts.get(m.group("name"), 0) + 1
    return sorted(counts, key=lambda n: -counts[n])


# "made with Eleventy and Alpine.js", "porting tinylinks to Nim 2", "using Terragrunt": names a user
# gives the stack in words, whether or not any vocabulary knows them
_NAMED_ITEM = r"[A-Z][\w.+#-]*[\w+#](?:\s+v?\d+(?:\.\d+)*\b)?"
_STATED_RE = re.compile(r"\b(?:using|built (?:with|on)|made (?:with|in)|written in|runs? on|based on|on top of|"
                        r"(?:port|migrat|mov)(?:e|es|ed|ing)?\s+[\w.-]+\s+(?:over\s+)?to)\s+"
                        r"(?P<items>" + _NAMED_ITEM + r"(?:\s*(?:,|\band\b|\+|&)\s*" + _NAMED_ITEM + r")*)")
# "jester + sqlite": a plus-joined pair
_PLUS_RE = re.compile(r"(?<![\w./-])(?P<a>[A-Za-z][\w.-]{2,})\s*\+\s*(?P<b>[A-Za-z][\w.-]{2,})(?![\w/-])")


def stated_stack(text: str, known: Callable[[str], bool]) -> list[tuple[str, str]]:
    """(name, version) for stack items a person names in prose: after "using / made with /
    porting X to", and either side of "a + b" when the other side is a `known` stack word."""
    out: list[tuple[str, str]] = []

    def add(item: str) -> None:
        m = re.match(r"(?P<name>[\w.+#-]+)(?:\s+v?(?P<ver>\d+(?:\.\d+)*))?$", item.strip())
        if m and could_be_name(m.group("name")) and all(n.lower() != m.group("name").lower() for n, _ in out):
            out.append((m.group("name").rstrip("."), m.group("ver") or ""))

    for m in _STATED_RE.finditer(text or ""):
        for item in re.split(r"\s*(?:,|\band\b|\+|&)\s*", m.group("items")):
            add(item)
    for m in _PLUS_RE.finditer(text or ""):
        a, b = m.group("a"), m.group("b")
        if known(a) or known(b):
            add(a)
            add(b)
    return out


# "from openzeppelin 4.9 to 5.0" / "django 4.2 -> 5.0": the version the project moves to
_UPGRADE_RE = re.compile(r"(?<![\w./-])(?P<name>[A-Za-z@][\w@/.+#-]*[A-Za-z+#])\s+v?\d+(?:\.\d+)*\s*(?:to|->|→|=>)\s*v?(?P<ver>\d+(?:\.\d+)*)\b")


# "StockRoom (our warehouse inventory app, vb.net winforms on .net 8, sql server)", "venue-api — postgraphile
# v4 as express middleware over pg 15": the project named, then described by its stack
_DESCRIBED_RE = re.compile(r"^\W*(?:(?:hi|hey|hello|yo|morning)\b[!.,]*\s*)?(?:back on\s+|working on\s+)?[\w.-]{3,40}\s*"
                           r"(?:\((?P<paren>[^()\n]{3,140})\)|[—–]\s+(?P<dash>[^.!?\n]{3,140}))", re.I)
_DESCRIBED_SPLIT_RE = re.compile(r"\s*(?:,|;|\+|&|\band\b|\bon\b|\bover\b|\bas\b|\bwith\b|\bfor\b|\bin\b|\bbehind\b)\s*", re.I)
_DESCRIBED_NOUNS = {"app", "apps", "application", "platformer", "game", "service", "api", "backend", "frontend", "middleware",
                    "project", "repo", "site", "website", "tool", "library", "lib", "setup", "client", "bot",
                    "cli", "plugin", "module", "stack", "thing", "system", "pipeline", "monorepo", "prototype"}


def described_stack(text: str) -> list[tuple[str, str]]:
    """(name, version) for what a user's opening line describes their project with, right after
    its name: items with a version or a technical shape, or plain words that are no common noun."""
    m = _DESCRIBED_RE.match(text or "")
    if not m:
        return []
    out: list[tuple[str, str]] = []
    for item in _DESCRIBED_SPLIT_RE.split(m.group("paren") or m.group("dash") or ""):
        words = [w for w in item.split() if w.lower() not in {"our", "a", "an", "the", "my", "its", "their", "new", "old"}]
        while words and words[-1].lower() in _DESCRIBED_NOUNS:
            words.pop()
        if not words or len(words) > 3:
            continue  # "warehouse inventory app" is what it is for, not what it is built with
        ver = words[-1] if re.fullmatch(r"v?\d+(?:\.\d+)*", words[-1]) else ""
        name = " ".join(words[:-1] if ver else words)
        if not name or not could_be_name(name.split()[-1]) or name.lower() in _DESCRIBED_NOUNS:
            continue
        if len(name.split()) > 1 and not (ver or re.search(r"[.+#\d]", name) or stack_mentions(name)):
            continue  # two plain words ("community garden") describe, they do not name a tool
        if not (ver or re.search(r"[.+#\d]", name) or stack_mentions(name)) and len(name) < 5:
            continue  # "pg" is too short to be told from a word without a version
        out.append((name, ver.lstrip("v")))
    if not any(v or stack_mentions(n) for n, v in out):
        return []  # a description without one known or versioned tool is about what it does ("1D/2D heat equation")
    return out


def upgrades(text: str) -> list[tuple[str, str]]:
    """(name, new version) for each upgrade a person describes."""
    return [(m.group("name"), m.group("ver")) for m in _UPGRADE_RE.finditer(text or "")
            if m.group("name").lower() not in _PAIR_STOP]


# Commands a session runs that say nothing about the stack.
_SHELL_WORDS = {"cat", "ls", "cd", "grep", "rg", "ag", "find", "head", "tail", "sed", "awk", "echo", "git", "less",
                "more", "cp", "mv", "rm", "mkdir", "touch", "chmod", "chown", "diff", "wc", "sort", "uniq", "xargs",
                "env", "export", "sudo", "curl", "wget", "ssh", "scp", "tree", "pwd", "which", "man", "vim", "nvim",
                "nano", "code", "open", "kill", "ps", "top", "time", "watch", "tee", "jq", "yq", "true", "false",
                "test", "bash", "sh", "zsh", "source", "set", "printf", "read", "sleep", "date", "npx", "pnpm", "npm",
                "yarn", "bun", "pip", "pip3", "python", "python3", "node", "bundle", "poetry", "uv", "exec", "run",
                "docker", "make", "gh", "tar", "unzip", "ln", "stat", "file", "du", "df", "for", "if", "while",
                "do", "done", "then", "fi", "apt", "apt-get", "brew", "psql", "mysql", "redis-cli", "sqlite3", "http",
                # everyday utilities: running them says nothing about what the project is built on
                "base64", "openssl", "xxd", "od", "hexdump", "md5sum", "sha256sum", "shasum", "gzip", "gunzip", "zcat",
                "zip", "nc", "netcat", "dig", "nslookup", "ping", "traceroute", "host", "ip", "ss", "netstat", "lsof",
                "free", "uptime", "uname", "whoami", "id", "journalctl", "systemctl", "service", "crontab", "rsync",
                "tr", "cut", "paste", "column", "basename", "dirname", "realpath", "readlink", "seq", "yes", "nohup",
                "timeout", "strace", "htop", "iostat", "vmstat", "dmesg", "mount", "umount", "lsblk", "blkid",
                # package scripts run through a runner ("pnpm dev", "yarn workspace web build")
                "dev", "start", "build", "lint", "install", "add", "workspace", "serve", "preview", "format", "typecheck",
                "watch", "clean", "generate", "migrate", "seed", "deploy", "e2e"}
# the first line of an Edit/Write tool's input: a file's path (not "./run.sh", which runs it), then maybe a note
_EDIT_HEAD_RE = re.compile(r"(?![.~]?/)[\w@.-]*(?:/[\w@.-]+)*\.[A-Za-z]\w{0,5}(?:\s+\(.*\))?\s*$")
_RUNNER_PREFIX_RE = re.compile(r"^(?:(?:\w+=\S*\s+)*)(?:sudo\s+)?(?:(?:npx|pnpm(?:\s+exec|\s+dlx)?|yarn|bunx|bundle\s+exec|"
                               r"poetry\s+run|uv\s+run|pipenv\s+run|python3?\s+-m|go\s+run)\s+)?(?P<tool>[A-Za-z][\w.-]*)(?=\s|$)")


def session_tools(commands: list[str], min_runs: int = 2) -> list[str]:
    """Project tools the session keeps running ("npx hardhat test" twice -> hardhat): a
    stack fact no manifest or vocabulary has to know about."""
    counts: dict[str, int] = {}
    for command in commands:
        first = (command or "").strip().split("\n", 1)[0]
        if " " not in first or ("\n" in command.strip() and _EDIT_HEAD_RE.match(first)):
            continue  # a Read tool's bare path, or an Edit/Write tool's path ("a.ts (rewritten)") with the file under it
        unquoted = re.sub(r"'[^']*'|\"[^\"]*\"", "''", command or "")  # grep -E '^(INFO|ERRO)': no "ERRO" command
        for part in re.split(r"\s*(?:&&|\|\||;|\|)\s*", unquoted):
            words = part.strip().split()
            while words and (words[0] in COMMAND_WRAPPERS or (words[0].startswith("-") and len(words) > 1)
                             or re.fullmatch(r"\d+[smh]?", words[0])):
                words = words[1:]  # "timeout 60 ros2 launch ...": the tool is what the wrapper runs
            m = _RUNNER_PREFIX_RE.match(" ".join(words))
            if not m:
                continue
            raw = m.group("tool")
            tool = COMMAND_STACK.get(raw) or COMMAND_STACK.get(raw.lower()) or raw.lower()
            if raw.lower() in _SHELL_WORDS or len(raw) < 3 or "/" in raw or raw.startswith(".") or raw.isupper():
                continue  # "EOF": a heredoc's end marker, not a command
            counts[tool] = counts.get(tool, 0) + 1
    return [t for t, n in sorted(counts.items(), key=lambda kv: -kv[1]) if n >= min_runs]


def config_file_stack(inputs: list[str]) -> list[str]:
    """Stack items the session's files give away (foundry.toml -> Foundry), in first-seen order."""
    out: list[str] = []
    for text in inputs:
        for rx, name in CONFIG_FILE_RES:
            if name not in out and rx.search(text or ""):
                out.append(name)
    return out


_ROS_DISTRO_RE = re.compile(r"/opt/ros/(" + "|".join(ROS_DISTROS) + r")\b|\bros-(" + "|".join(ROS_DISTROS) + r")-")


def ros_distro(texts: list[str]) -> str:
    """"Humble" when the session sources /opt/ros/humble or installs ros-humble-* packages."""
    for text in texts:
        m = _ROS_DISTRO_RE.search(text or "")
        if m:
            return (m.group(1) or m.group(2)).capitalize()
    return ""


# "my neovim plugin quickfmt.nvim (lua)" / "our Shiny app for the clinics": what the project is
_WHAT_RE = re.compile(
    r"\b(?:my|our|this|the)\s+(?P<what>(?:[\w.+#-]+\s+){0,3}?(?:plugin|app|application|service|microservice|api|library|"
    r"lib|tool|cli|site|website|bot|backend|frontend|dashboard|game|package|crate|gem|extension|pipeline|"
    r"contracts?|sdk|daemon|server|worker|operator|monorepo|firmware|node|device|board)(?:\s+(?!for\b|is\b|that\b|which\b|has\b|was\b)[\w.-]*[.-][\w.-]+)?"
    r"(?:\s*\([^)]{1,40}\))?)", re.I)
_WHAT_FILLER = {"little", "small", "tiny", "new", "old", "big", "own", "main", "whole", "current", "internal"}


def self_description(text: str) -> str:
    """The phrase a user introduces their project with, or ""."""
    m = _WHAT_RE.search(text or "")
    if not m:
        return ""
    words = [w for w in m.group("what").split() if w.lower() not in _WHAT_FILLER]
    return " ".join(words) if len(words) >= 2 else ""


_EXT_LANGUAGE = {
    "py": "Python", "go": "Go", "rs": "Rust", "ts": "TypeScript", "tsx": "TypeScript", "js": "JavaScript",
    "jsx": "JavaScript", "mjs": "JavaScript", "java": "Java", "kt": "Kotlin", "kts": "Kotlin", "rb": "Ruby",
    "php": "PHP", "ex": "Elixir", "exs": "Elixir", "erl": "Erlang", "cs": "C#", "fs": "F#", "swift": "Swift",
    "scala": "Scala", "clj": "Clojure", "cljs": "ClojureScript", "hs": "Haskell", "ml": "OCaml", "dart": "Dart",
    "lua": "Lua", "r": "R", "jl": "Julia", "zig": "Zig", "nim": "Nim", "cpp": "C++", "cc": "C++", "cxx": "C++",
    "hpp": "C++", "c": "C", "vue": "Vue", "svelte": "Svelte", "sol": "Solidity", "tf": "Terraform", "sql": "SQL",
    "cr": "Crystal", "gd": "GDScript", "elm": "Elm", "purs": "PureScript", "rkt": "Racket", "groovy": "Groovy",
    "ps1": "PowerShell", "psm1": "PowerShell", "pl": "Perl", "pm": "Perl", "erl": "Erlang", "hrl": "Erlang",
    "fsx": "F#", "mm": "Objective-C++", "astro": "Astro", "gleam": "Gleam", "odin": "Odin", "v": "Verilog", "vcl": "VCL",
    **EXTRA_EXTENSIONS,
}


def languages_from_paths(paths: list[str], min_files: int = 2) -> list[str]:
    """Languages of the source files a session reads and edits, most files first: the stack
    of a project nobody names out loud ("fix the pagination" in a repo of .go files)."""
    files: dict[str, set[str]] = {}
    for path in paths:
        m = re.search(r"\.([A-Za-z][A-Za-z0-9]{0,5})$", (path or "").strip())
        lang = _EXT_LANGUAGE.get(m.group(1).lower()) if m else None
        if lang and lang != "SQL":
            files.setdefault(lang, set()).add(path.strip())
    ranked = sorted(files, key=lambda lang: -len(files[lang]))
    return [lang for lang in ranked if len(files[lang]) >= min_files]


# Capitalised words that are no product: calendar words, UI labels and sentence glue.
_NOT_PRODUCTS = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december the this that then there these those what when where which while
    with without also and but not yes okay note error warning info debug true false none null settings dashboard
    admin user users home save cancel submit login logout english german french done next step""".split())
_CAPITALISED_RE = re.compile(r"(?<![\w./@`-])([A-Z][a-z][a-z]+(?:[A-Z][a-z]*)*)(?![\w/`-])")
_CODE_SPAN_RE = re.compile(r"`[^`\n]*`|```.*?```", re.S)


def capitalised_names(turns: list[Turn]) -> tuple[dict[str, int], dict[str, int]]:
    """How often the conversation (code spans aside) writes each capitalised word, in all and
    inside a sentence (not as its first word): "the Immich server", "on Neon"."""
    said: dict[str, int] = {}
    inside: dict[str, int] = {}
    for t in turns:
        if t.role not in ("user", "assistant"):
            continue
        prose = _CODE_SPAN_RE.sub(" ", t.text or "")
        for m in _CAPITALISED_RE.finditer(prose):
            said[m.group(1)] = said.get(m.group(1), 0) + 1
            if re.search(r"[a-z0-9,;:()] $", prose[max(0, m.start() - 2):m.start()]):
                inside[m.group(1)] = inside.get(m.group(1), 0) + 1
    return said, inside


def named_products(turns: list[Turn], min_said: int = 3) -> list[str]:
    """Products no vocabulary knows that the session is about ("the Immich server", "Frigate's
    config"): written with a capital inside sentences again and again, and seldom as a plain
    lower-case word by the assistant (unlike "Running" or "Before"); named by the user too, and in
    what the tools ran or printed (a command, a path, an image), which people's names seldom are.
    Most-said first."""
    said, inside = capitalised_names(turns)
    plain: dict[str, int] = {}
    for t in turns:
        if t.role == "assistant":
            for w in re.findall(r"(?<![\w./@`-])[a-z]{3,}(?![\w/`-])", _CODE_SPAN_RE.sub(" ", t.text or "")):
                plain[w] = plain.get(w, 0) + 1
    tool_text = " ".join(f"{t.input or ''} {t.text or ''}" for t in turns if t.role == "tool").lower()
    user_text = " ".join(t.text or "" for t in turns if t.role == "user").lower()
    out = []
    for name, n in sorted(said.items(), key=lambda kv: -kv[1]):
        key = name.lower()
        if n < min_said or inside.get(name, 0) < 2 or key in _NOT_PRODUCTS or 2 * plain.get(key, 0) > n \
                or stack_mentions(name):
            continue
        named_by_user = re.search(r"(?<![a-z])" + re.escape(key) + r"(?![a-z])", user_text)
        if named_by_user and re.search(r"(?<![a-z])" + re.escape(key) + r"(?![a-z])", tool_text):
            out.append(name)
    return out

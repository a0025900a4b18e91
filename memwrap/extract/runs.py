"""Reading tool runs: did a command fail and with which error line, was it an edit (of which
files) or a check, which packages an install command names, what an edit changed (a version
bump, a file's code), and what the last change before a turn was about."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from memwrap.extract.entities import entities
from memwrap.extract.text import sentences
from memwrap.extract.tools import run_counts
from memwrap.extract.topics import _GENERIC, _QUESTION_RE, _idents, file_paths
from memwrap.facts import clean_text
from memwrap.turns import Turn

# Install/remove commands name an approach exactly.
_INSTALL_RE = re.compile(
    r"\b(?:npm\s+(?:install|i|add)|yarn\s+add|pnpm\s+(?:add|install)|pip3?\s+install|poetry\s+add|uv\s+(?:add|pip\s+install)|"
    r"go\s+get|cargo\s+add|bundle\s+add|gem\s+install|composer\s+require|dotnet\s+add\s+package|helm\s+(?:install|repo\s+add))"
    r"\s+((?:[^\s&|;]+\s*)+)"
)
_REMOVE_RE = re.compile(
    r"\b(?:npm\s+(?:uninstall|remove|rm)|yarn\s+remove|pnpm\s+remove|pip3?\s+uninstall(?:\s+-y)?|poetry\s+remove|"
    r"uv\s+remove|cargo\s+remove|bundle\s+remove|gem\s+uninstall|composer\s+remove)\s+((?:[^\s&|;]+\s*)+)"
)

_FLAGS_RE = re.compile(r"^-|^[<>]|=|^\.$|^\./")


def _package_topics(args: str) -> list[str]:
    out = []
    skip = False
    for raw in args.split():
        if skip:
            skip = False
            continue
        if raw in ("--features", "-F", "--version", "--index-url", "-i", "-r", "--target", "--extra-index-url", "-n", "--namespace", "-f", "--values", "--name"):
            skip = True
            continue
        if _FLAGS_RE.search(raw) and not re.match(r"^[\w@][\w@/.\-\[\]]*==", raw):
            continue
        name = re.split(r"[=<>~!\[]|@(?=\d|latest|\^)", raw.strip("'\""))[0]
        name = name.rstrip("/")
        if name.startswith("github.com/") or name.count("/") >= 2:
            parts = [p for p in name.split("/") if not re.fullmatch(r"v\d+", p)]
            name = parts[-1] if parts else name
        elif name.startswith("@"):
            name = name.split("/")[-1] if "/" in name else name[1:]
        name = name.lower()
        if name and name not in _GENERIC and len(name) > 1 and not name.startswith("-"):
            out.append(name)
    return out


# Tool results.
_ERROR_LINE_RE = re.compile(
    r"(?:\b\w*(?:Error|Exception|error|Unique\w*|Violation)\b[:\s]|FAIL:|panicked at|Failed:|Cannot|denied|Killed|"
    r"WARNING: DATA RACE|CrashLoopBackOff|probe failed|Cycle:|MemoryError|E\s+\w+Error|BUILD FAILURE|database is locked)")
_TEST_CMD_RE = re.compile(
    r"\b(?:test|tests|pytest|vitest|jest|rspec|mvnw?|gradlew?|cargo|go\s+(?:test|build|vet)|tsc|plan|apply|"
    r"build|make|check|lint|clippy|curl|kubectl|helm|run)\b")
_READ_TOOLS = {"read", "view", "glob", "grep", "ls", "webfetch", "websearch", "notebookread", "read_file", "list_files",
               "search_files", "open_file"}
_EDIT_TOOLS = {"edit", "write", "multiedit", "str_replace", "apply_patch", "patch", "create", "replace", "notebookedit"}


@dataclass
class _ToolInfo:
    failed: bool
    error: str
    edit_files: list[str]
    is_edit: bool
    is_check: bool


# "1 failed", "Assertion with == failed": a runner's own lower-case failure words.
_FAILED_COUNT_RE = re.compile(r"\b(?:[1-9]\d* (?:failed|failures?|errors?)|failed)\b", re.I)


# "cat .env", "cat config/app.yml": printing a configuration file runs nothing, whatever words it holds
_SHOW_CONFIG_RE = re.compile(r"^(?:cat|bat|less|more|head|type)\s+[\w./~-]*(?:\.env[\w.]*|\.ya?ml|\.toml|\.json|\.ini|\.conf|"
                             r"\.cfg|\.properties|\.xml|Dockerfile|Makefile)\s*$")


_SUCCESS_WORDS_RE = re.compile(r"\b(?:\d+ passed|\d+% tests passed|0 failures|BUILD SUCCESS|Finished|PASS\b|ok\s|Running\b|"
                               r"succeeded|configured|upgraded)")
# What a program started after a successful build prints when it dies
_CRASH_RE = re.compile(r"(?m)^\s*error(?:\[\w+\])?:\s|FATAL|Traceback \(most recent call last\)|panicked at|Segmentation fault|SIGSEGV|core dumped|"
                       r"\b[A-Z]\w*(?:Exception|Error)\b(?:\]?:)")


def _tool_info(turn: Turn) -> _ToolInfo:
    name = (turn.name or "").lower()
    out = turn.text or ""
    code = turn.meta.get("exit_code", turn.meta.get("returncode"))
    is_error = bool(turn.meta.get("is_error"))
    is_edit = name in _EDIT_TOOLS
    failed = False
    error = ""
    shows_config = bool(_SHOW_CONFIG_RE.match((turn.input or "").strip()))
    if name in _READ_TOOLS or shows_config:  # a file's content is not a run: "onResponseError" in client.ts fails nothing
        failed = is_error
        error = _pick_error(out, True) if is_error else ""
    elif not is_edit:
        failed = is_error or (isinstance(code, int) and code != 0)
        error = _pick_error(out, failed)
        if error and code in (None, ""):
            failed = True
        ok = list(_SUCCESS_WORDS_RE.finditer(out))
        if ok and not isinstance(code, int) and not re.search(r"FAIL|ERROR|Error:", out) \
                and not _FAILED_COUNT_RE.search(re.sub(r"\b0 (?:\w+ )?fail\w*", "", out)) \
                and not _CRASH_RE.search(out, ok[-1].end()):  # "Build succeeded" then the app it started crashed
            failed = False
        counts = run_counts(out) if not isinstance(code, int) and not is_error else None
        if counts is not None and sum(counts):  # a runner's own pass/fail counts outrank any error-looking line
            failed = counts[1] > 0
            if not failed:
                error = ""
    inp = (turn.input or "").strip()
    files = ([inp] if re.fullmatch(r"[\w.+@-]*(?:/[\w.+@\[\]-]+)+|[\w+-]+\.\w+(?:\.\w+)?", inp) else file_paths(inp)) if is_edit else []
    install = _INSTALL_RE.search(inp) if not is_edit and name not in _READ_TOOLS else None
    if install and not failed:  # "composer require X" that went through changes the project like an edit
        return _ToolInfo(failed=False, error="", edit_files=[a for a in install.group(1).split() if not a.startswith("-")][:2],
                         is_edit=True, is_check=False)
    counted = run_counts(out) if not is_edit else None  # a runner's summary makes any command a check
    return _ToolInfo(failed=failed, error=clean_text(error, 140), edit_files=files, is_edit=is_edit,
                     is_check=(bool(_TEST_CMD_RE.search(turn.input or "")) or bool(counted and counted[0])) and not is_edit)


_ERR_ANY_RE = re.compile(r"\bgot\b.+\bwant\b|error|exception|fail|panic|denied|killed|cannot|can'?t|cycle|crashloop|unhealthy|locked|race|"
                         r"traceback|violat|refused|timed? ?out|not found|expired|invalid|unable|could ?n[o']t|missing|"
                         r"no such|not initiali[sz]ed|bad state|expected|mismatch|conflict|unresolved|undefined|\bnan\b|"
                         r"does ?n[o']t exist|not (?:defined|declared)|undefined reference|no matching|unknown (?:type|column|function|option)|"
                         r"not (?:queued|allowed|supported|permitted)|requires?\b.*->", re.I)
_ERR_GENERIC_RE = re.compile(r"BUILD FAILURE|Tests run:|^FAIL\b|FAILED \d|^\s*FAIL\t|Found \d+ errors?|^\s*at |^\s*#|"
                             r"^Traceback|short test summary|^=+|^-+$|^\s*File \"|\b0 (?:\w+ )?(?:failures|failed|errors)\b|"
                             r"Errors: 0|^error: could not compile|^\s*Tests?:\s+\d|Some tests failed|^\s*Problem \d|"
                             r"^\s*FAIL\s+\S+$|^\d+ examples?, \d+ failures?|^\s*\d+\)\s|^\s*\d\d:\d\d \+\d+|"
                             r"Completed with \d+ errors?|Done\. PASS=|^\s*\d+ successes? / \d+ failures?", re.I)
# Build drivers reporting that the command under them failed: never the error itself.
_DRIVER_LINE_RE = re.compile(r"^The above exception was the direct cause|^During handling of the above exception|"
                             r"stopping due to failed executions|^<ERROR> Execution for object|"
                             r"^make(?:\[\d+\])?: \*\*\*|^npm ERR! (?:code|path|command|errno|A complete log)|"
                             r"^error Command failed with exit code|exited with (?:exit )?code \d|Process completed with exit code|"
                             r"ELIFECYCLE|^\s*\d+ successes? / \d+ failures?|collect2: error: ld returned|ninja: build stopped|"
                             r"^FAILED: \S|linker command failed with exit code|^error: command .* failed with exit|"
                             r"^FAILURE: Build failed with an exception|^BUILD FAILED\b|^\* What went wrong:?$|^> Task \S+ FAILED$",
                             re.I)
_TYPED_ERR_RE = re.compile(r"(?:^|\s)(?:[\w.]*(?:Error|Exception|Failure)|Bad state|E\s+\w+Error)\b:?\s+\S|» |panicked at|"
                           r"\bgot\b.+\bwant\b|"
                           r"DATA RACE|probe failed|Cycle:|database is locked|denied|expired|Failed asserting|"
                           r"not (?:queued|initiali[sz]ed)|-> it is missing|connection refused", re.I)
_LOG_PREFIX_RE = re.compile(r"^\[\d{4}-\d\d-\d\d[^\]]{0,80}\]\s*|^\[?\d{4}-\d\d-\d\d[ T][\d:,.]+\S*\]?\s*|"
                            r"^\d\d:\d\d:\d\d(?:[.,]\d+)?\s+|^\[\w+\]\s+|^time=\"[^\"]*\"\s*")


_NAMED_ERR_RE = re.compile(r"\b[A-Z][a-z]\w*(?:Exception|Error)\b")


_FRAME_RE = re.compile(r'^\s*File "[^"]+", line \d+')
_RAISED_RE = re.compile(r"^[A-Za-z_][\w.]*: \S")


def _pick_error(out: str, failed: bool = False) -> str:
    """The most telling error line of a tool output ("" when it shows none). A run that
    exited non-zero always yields a line: its last informative one when nothing looks
    like an error."""
    best, best_score = "", 0
    # a JSON error body says it in its "detail"/"message" field, not in the one-line blob around it
    fields = [re.sub(r"^(?:warning|notice|error):\s*", "", m.group(2), flags=re.I) for m in re.finditer(
        r'"(detail|message|error|error_description|reason)"\s*:\s*"((?:[^"\\]|\\.){4,200})"', out[:20000])]
    fields = [f.replace('\\"', '"') for f in fields]
    # Gradle and Maven put the reason on the "> ..." line under "What went wrong" / "Execution failed"
    lines = out.splitlines()[:400]
    reasons = {lines[n + 1].strip().lstrip("> ").strip() for n in range(len(lines) - 1)
               if re.match(r"\s*(?:\* What went wrong|Execution failed for task|Could not resolve)", lines[n])
               and lines[n + 1].strip().startswith(">")}
    # a Python traceback: the line under each 'File "x.py", line 3' is source code, and the first
    # unindented line after the frames is the exception, whatever its class is called
    frames = [n for n in range(len(lines)) if _FRAME_RE.match(lines[n])]
    source = {lines[n + 1].strip() for n in frames if n + 1 < len(lines) and lines[n + 1].startswith(" ")}
    raised = {lines[k].strip() for n in frames for k in range(n + 1, min(n + 3, len(lines)))
              if _RAISED_RE.match(lines[k])}
    for line in fields + sorted(reasons) + lines:
        text = line.strip()
        if not text or not (_ERR_ANY_RE.search(text) or text in fields or text in reasons or text in raised) \
                or _DRIVER_LINE_RE.search(text) or (text in source and text not in raised):
            continue
        score = 1 + 10 * (text in fields or text in reasons) - 2 * (len(text) > 300)  # the body says it in its own field
        score += 4 * (text in raised)
        if _TYPED_ERR_RE.search(text):
            score += 3
        if ":" in text and len(text) > 25:
            score += 2
        if _ERROR_LINE_RE.search(text + " "):
            score += 1
        if _NAMED_ERR_RE.search(text):
            score += 1  # a named exception beats prose that merely says "error"
        if _ERR_GENERIC_RE.search(text):
            score -= 4
        if _LOG_PREFIX_RE.search(text) or len(text) > 200:
            score -= 1  # a timestamped log line or a wall of text: a plainer line says the same
        if score > best_score:
            best, best_score = text, score
    if not best and failed:
        lines = [ln.strip() for ln in out.splitlines() if len(ln.strip()) > 8 and not _ERR_GENERIC_RE.search(ln.strip())
                 and not _DRIVER_LINE_RE.search(ln.strip())]
        best = lines[-1] if lines else ""
    return _LOG_PREFIX_RE.sub("", best)


_NO_TOOL = _ToolInfo(failed=False, error="", edit_files=[], is_edit=False, is_check=False)


def _core_command(command: str) -> list[str]:
    """"export TOKEN=x && FOO=1 relnotes generate a/b | head": the words of the command that
    ran ("relnotes generate a/b ..."), without the set-up before it."""
    parts = [p.strip() for p in re.split(r"&&|;", command or "") if p.strip()]
    core = next((p for p in reversed(parts) if not re.match(r"(?:export|cd|source|set|unset)\b", p)), "")
    words = core.split()
    while words and re.match(r"[A-Za-z_]\w*=", words[0]):
        words.pop(0)  # FOO=1 cmd
    return words


def _same_command(a: str, b: str) -> bool:
    """A rerun of the command that failed (its first three words) counts as the check."""
    wa, wb = _core_command(a)[:3], _core_command(b)[:3]
    return bool(wa) and wa == wb


def _short_error(error: str) -> str:
    e = re.sub(r"^(?:E\s+|\[ERROR\]\s*|---\s*|time=\"[^\"]+\"\s*level=error\s*msg=\")", "", error.strip())
    e = re.sub(r"\s+at\s+\S+\(.*$", "", e)
    e = re.sub(r"^(?:FAILED|FAIL|ERROR)\s+\S*?::(\S+)\s+-\s+", r"\1: ", e)  # pytest's "FAILED path::test - Error: ..."
    e = re.sub(r"\b(?:[a-z]\w*\.){2,}([A-Z]\w+(?:Error|Exception))", r"\1", e)
    e = re.sub(r"^thread '[^']*' panicked at [^\s:]+(?::\d+)*:?\s*", "panicked: ", e)  # Rust: the message, not the place
    # "/usr/bin/ld: x.o: in function `f': /src/a.cpp:14: undefined reference to ...": the message, not the places
    e = re.sub(r"^(?:(?:(?:/?[\w.+-]+/)+[\w.+-]*|[\w+-]+\.[a-z]{1,5})(?::\d+)*:?(?:\([^)\s]*\))?:\s+(?:in function [`'][^`']*[`']:\s*)?)+(?=\S)",
               "", e)
    return clean_text(e, 80)


def _best_error(errors: list[str]) -> str:
    # a build's verdict line or a package manager's warning says less than the error itself
    generic = re.compile(r"^(?:\[?ERROR\]?\s*)?(?:BUILD FAILURE|FAIL\b|Killed|FAILED)|^\S*\s*WARN(?:ING)?\b", re.I)
    return next((e for e in errors if not generic.search(e)), errors[0])


_VERSION_RE = re.compile(r"\d+\.\d+(?:\.\d+)*(?:[eE][-+]?\d+|[-.][\w]+)?")  # 1.2.3, 2.0-rc1, and a setting's 1.0e-4


def _version_bump(edit: str) -> str:
    """"<name> <new version>" when an edit changes only a version number on one line (a diff's
    -/+ pair or an Edit tool's old_string/new_string), else ""."""
    text = edit.replace('\\"', '"')
    olds = re.findall(r'(?m)^-(?!--)(.*\d\.\d.*)$', text) + re.findall(r'"old_string":\s*"(.*?)"\s*,\s*"new_string"', text, re.S)
    news = re.findall(r'(?m)^\+(?!\+\+)(.*\d\.\d.*)$', text) + re.findall(r'"new_string":\s*"(.*?)"\s*[,}]', text, re.S)
    for old, new in zip(olds, news):
        if old != new and _VERSION_RE.sub("V", old).strip() == _VERSION_RE.sub("V", new).strip():
            version = _VERSION_RE.findall(new)[0]
            names = re.findall(r"[A-Za-z@][\w@./-]*[A-Za-z]", _VERSION_RE.sub(" ", new))
            names = [re.sub(r"(?i)[._-]?version$", "", n).split("/")[-1] for n in names
                     if n.lower() not in {"val", "var", "const", "let", "version", "implementation", "api", "id"}]
            if names and names[0]:
                return f"{names[0]} {version}"
    return ""


def _tool_file(turn: Turn) -> tuple[str, str] | None:
    """(path, code) a Read/Edit/Write tool turn shows: a bare path input with the file as output, or
    an Edit/Write call's JSON input (file_path + content/new_string)."""
    inp = (turn.input or "").strip()
    if inp and " " not in inp:
        return inp, turn.text or ""
    if inp.startswith("{") and '"file_path"' in inp:
        try:
            args = json.loads(inp)
        except ValueError:
            return None
        if isinstance(args, dict) and isinstance(args.get("file_path"), str):
            body = args.get("content") or args.get("new_string") or ""
            return args["file_path"], body if isinstance(body, str) else ""
    return None


def _change_subject(turns: list[Turn], i: int) -> tuple[str, int]:
    """What the last change before turn `i` was about: the technical name the assistant's plan
    and its edit share (the plan's first name if they share none), and the edit's index."""
    edit = next((j for j in range(i - 1, max(-1, i - 6), -1)
                 if turns[j].role == "user" or _tool_info(turns[j]).is_edit), -1)
    if edit < 0 or turns[edit].role == "user":
        return "", -1
    plan = next((s for j in range(edit - 1, max(-1, edit - 4), -1) if turns[j].role == "assistant"
                 for s in reversed(sentences(turns[j].text)) if entities(s) and not _QUESTION_RE.search(s)), "")
    body = f"{turns[edit].input}\n{turns[edit].text}"
    shared = [e for e in entities(plan) if _idents(e) & _idents(body)] or entities(plan)[:1]
    return (shared[0].strip("`"), edit) if shared else ("", -1)

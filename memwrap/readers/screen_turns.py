"""Screen lines -> turns: drop TUI chrome, then split on prompt markers.

Generic rules work for any line-oriented CLI (a prompt marker starts a user turn, the rest
until the next one is the assistant). Cheap per-CLI hints sharpen it: Claude Code's
`● Tool(args)` / `⎿ output` blocks become tool turns, aider's `Tokens:` lines are noise.
"""

from __future__ import annotations

import re

from memwrap.readers.base import files_in
from memwrap.turns import Turn

_BOX = set("─━│┃┄┅┆┇┈┉┊┋┌┐└┘├┤┬┴┼╌╍╎╏═║╒╓╔╕╖╗╘╙╚╛╜╝╞╟╠╡╢╣╤╥╦╧╨╩╪╫╬╭╮╯╰╱╲╳▀▁▂▃▄▅▆▇█▉▊▋▌▍▎▏▐░▒▓▔▕▖▗▘▙▚▛▜▝▞▟■□▪▫ -=_~")
_EDGE = re.compile(r"^[│┃║]\s?|\s?[│┃║]$")
_SPINNER = re.compile(r"^\s*[·✢✳✶✻✽*⠀-⣿◐◓◑◒◴◵◶◷⣾⣽⣻⢿⡿⣟⣯⣷]\s+\S.*(…|\.\.\.|\b\d+s\)?|for \d+[smh].*)\s*$")
_CHROME = re.compile(
    r"(\? for shortcuts|esc to interrupt|esc to cancel|ctrl\+c to|Press Ctrl-C again|← for agents|"
    r"⏵⏵|shift\+tab to cycle|% until auto-compact|Context left until|Context low \(|\d+% context left|"
    r"\d+% used\b|/effort\b|accept edits on|bypass permissions on|Resume this session with|"
    r"claude --resume \S+$|Tip: |^\s*Tokens: .*(sent|received)|^\s*Cost: \$)")
_SLASH_MENU = re.compile(r"^\s*/[\w:-]+\s{3,}\S")  # a slash-command completion list entry
_USER = re.compile(r"^\s*(?:[\w./-]*>|❯|›|\$|>>>|You:|User:)[\s\u00a0]+(?P<text>\S.*)$")
_EMPTY_PROMPT = re.compile(r"^\s*(?:[\w./-]*>|❯|›|\$|>>>)[\s\u00a0]*$")
_CLAUDE_TOOL = re.compile(r"^\s*[●⏺]\s+(?P<name>[A-Z][A-Za-z]+)\((?P<input>.*)\)\s*$")
_BULLET = re.compile(r"^\s*[●⏺]\s+(?P<text>.*)$")
_TOOL_OUT = re.compile(r"^\s*⎿\s?(?P<text>.*)$")
# Claude Code folds tool calls into one summary line: "Read 1 file (ctrl+o to expand)".
_FOLDED_TOOL = re.compile(r"^\s*(?P<text>(?P<name>[A-Z][a-z]+)\b.*?)\s*\((?:ctrl|ctrl\+o|ctrl-o)[^)]*to expand\)\s*$")


def _is_box(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and all(ch in _BOX for ch in stripped)


def clean_lines(lines: list[str]) -> list[str]:
    """Strip TUI chrome: borders, spinners, status bars, hints, completion menus, blank runs."""
    out: list[str] = []
    for line in lines:
        line = line.replace("\u00a0", " ").rstrip()
        if _is_box(line):
            continue
        line = _EDGE.sub("", line).rstrip() if ("│" in line or "┃" in line or "║" in line) else line
        if _SPINNER.match(line) or _CHROME.search(line) or _SLASH_MENU.match(line):
            continue
        if not line.strip() and (not out or not out[-1].strip()):
            continue
        out.append(line)
    while out and not out[-1].strip():
        out.pop()
    return out


def _dedent(lines: list[str]) -> str:
    text = "\n".join(lines).strip("\n")
    rows = text.split("\n")
    pad = min((len(r) - len(r.lstrip()) for r in rows if r.strip()), default=0)
    return "\n".join(r[pad:] for r in rows).strip()


class _Splitter:
    def __init__(self) -> None:
        self.turns: list[Turn] = []
        self.role = ""
        self.buf: list[str] = []
        self.time: float | None = None
        self.name = ""
        self.input = ""

    def flush(self) -> None:
        text = _dedent(self.buf)
        if self.role == "tool" and (text or self.name):
            self.turns.append(Turn("tool", text, name=self.name, input=self.input, time=self.time,
                                   files=files_in(self.input + "\n" + text)))
        elif self.role in ("user", "assistant") and text:
            prev = self.turns[-1] if self.turns else None
            if prev is not None and prev.role == self.role == "assistant" and not prev.name:
                prev.text += "\n\n" + text  # one answer split by a blank bullet
                prev.files = files_in(prev.text)
            else:
                self.turns.append(Turn(self.role, text, time=self.time, files=files_in(text)))
        self.role, self.buf, self.name, self.input = "", [], "", ""

    def start(self, role: str, t: float, first: str = "", name: str = "", input: str = "") -> None:
        self.flush()
        self.role, self.time, self.name, self.input = role, t, name, input
        self.buf = [first] if first else []


def split_turns(lines: list[tuple[float, str]], *, cli: str = "") -> tuple[list[Turn], int]:
    """Turns from committed lines; returns (turns, lines dropped before the first prompt)."""
    sp = _Splitter()
    seen_user = in_command = False
    dropped = 0
    for t, line in lines:
        if _EMPTY_PROMPT.match(line):
            continue
        m = _USER.match(line)
        if m and not _TOOL_OUT.match(line):
            text = m.group("text").strip()
            if re.fullmatch(r"/[\w-]+", text):  # a bare slash command and its output are UI
                sp.flush()
                in_command = True
                continue
            in_command = False
            sp.start("user", t, text)
            seen_user = True
            continue
        if not seen_user or in_command:
            dropped += 1
            continue
        tool = _CLAUDE_TOOL.match(line)
        if tool:
            sp.start("tool", t, name=tool.group("name"), input=tool.group("input"))
            continue
        out = _TOOL_OUT.match(line)
        if out and sp.role == "tool":
            sp.buf.append(out.group("text"))
            continue
        folded = _FOLDED_TOOL.match(line)
        if folded:
            sp.start("tool", t, name=folded.group("name"), input=folded.group("text"))
            sp.flush()
            continue
        bullet = _BULLET.match(line)
        if bullet:  # keep the bullet's width as indent so wrapped lines dedent with it
            sp.start("assistant", t, " " * bullet.start("text") + bullet.group("text"))
            continue
        if sp.role == "user" and line.startswith("  ") and line.strip():
            sp.buf.append(line.strip())  # a wrapped prompt continues indented
            continue
        if sp.role in ("user", "") or (sp.role == "tool" and not line.startswith(" ")):
            sp.start("assistant", t)
        sp.buf.append(line)
    sp.flush()
    return sp.turns, dropped

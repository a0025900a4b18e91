"""The PROJECT fact: the session's stack from what the user says, the known stack vocabulary,
manifests, version output, the tools run again and again and what the code imports."""

from __future__ import annotations

import re

from memwrap.extract.candidate import Candidate
from memwrap.extract.cues import _TODO_RE
from memwrap.extract.imports import imported_libraries
from memwrap.extract.runs import _tool_file
from memwrap.extract.stack import (config_file_stack, could_be_name, languages_from_paths, manifest_deps, named_products,
                                   ros_distro, described_stack, self_description, session_tools, stack_mentions, stated_stack, traceback_packages,
                                   upgrades, version_output, version_pairs)
from memwrap.extract.retired import retired_subjects
from memwrap.extract.state import ExtractorState
from memwrap.extract.text import sentences
from memwrap.extract.topics import _GENERIC, _QUESTION_RE, _prose, _topic_key_all
from memwrap.facts import clean_text
from memwrap.reversal import name_key

_LIST_ITEM_RE = re.compile(r"^([A-Za-z][\w.+#-]{2,}(?:\s+[A-Za-z][\w.+#-]*)?)\s+v?(\d+(?:\.\d+)+|\d{1,2})$")


def _listed_versions(text: str) -> list[tuple[str, str]]:
    """Items of a comma/plus/paren list that read "<name> <version>" ("mariadb 11", "quarkus 3.8"): a
    user describing their stack names things no vocabulary knows."""
    out = []
    for seg in re.split(r"[,;()+/]|\band\b|\.\s", text):
        m = _LIST_ITEM_RE.match(seg.strip())
        if m and could_be_name(m.group(1).split()[0]) and \
                not re.match(r"(?i)(?:page|step|part|option|version|line|epoch|day|week|item|chapter|phase)\b", m.group(1)):
            out.append((m.group(1), m.group(2)))
    return out


_GENERIC_PACKAGE = r"cli|api|core|sdk|client|server|types|utils?|common|kit|runtime|compiler"

_MANIFESTS = ("go.mod", "package.json", "pom.xml", "cargo.toml", "pyproject.toml", "gemfile", "build.gradle",
              "requirements.txt", "composer.json", "mix.exs")


class ProjectMixin(ExtractorState):
    """Emits the session's PROJECT fact (its stack)."""

    def _project(self) -> None:
        items: dict[str, tuple[str, float]] = {}  # name -> (version, weight: said 2, vocabulary 1, manifest 0.5)
        rejected = [a.topic for a in self.approaches if a.rejected_at >= 0]

        def add(text: str, weight: int) -> None:
            for name, version, _ in stack_mentions(text):
                if name.lower() in rejected:
                    continue
                old = items.get(name)
                if not old or (version and not old[0]):
                    items[name] = (version, (old[1] if old else 0) + weight)

        users = [t for t in self.turns if t.role == "user"]
        # questions and work left for later ("once pydantic 3 ships we drop the shims") are not the stack
        said = [" ".join(s for s in sentences(_prose(t.text)) if not _QUESTION_RE.search(s) and not _TODO_RE.search(s))
                for t in users]
        for text in said[:3]:
            if stack_mentions(text):
                add(text, 2)
                for name, version in _listed_versions(text):  # "mariadb 11" in the same list: unknown, but named
                    if (not stack_mentions(name) and name.lower() not in rejected  # known names came above
                            and not any(n.lower() == name.lower() for n in items)):
                        items[name] = (version, 1)
                break
        for text in said:
            for name, version, _ in stack_mentions(text):
                if version:
                    add(f"{name} {version}", 1)
        # generic: "<name> <x.y>" pairs from the user's opening turns, manifests by file name,
        # `--version` output, and third-party packages in stack traces the assistant names with a version
        for text in said[:2]:  # named in words ("made with Eleventy", "jester + sqlite"): as said, with what it said
            for name, version in stated_stack(text, lambda w: bool(stack_mentions(w))) + described_stack(text):
                same = next((n for n in items if n.lower() == name.lower() or stack_mentions(name)
                             and stack_mentions(name)[0][0] == n), None)
                if same is None and name.lower() not in rejected:
                    items[name] = (version, 2)
                elif same is not None and version and not items[same][0]:
                    items[same] = (version, items[same][1])
        for text in said[:2]:
            for name, version in version_pairs(text):
                if name.lower() not in rejected and not stack_mentions(name) and not any(n.lower() == name.lower() for n in items):
                    items.setdefault(name, (version, 1))
        traced = {p.lower() for t in self.turns for p in traceback_packages(t.text)}
        prose = " ".join(_prose(t.text) for t in self.turns if t.role != "tool").lower()

        def talked_about(name: str) -> bool:
            """Named in what the user and the assistant said (not in tool output): twice, or once for
            a name of five letters or more that is no common word ("servant", not "text" or "time")."""
            said_times = len(re.findall(r"(?<![\w.@/-])" + re.escape(name.lower()) + r"(?![\w/-])", prose))
            return len(name) >= 3 and (said_times >= 2 or (said_times == 1 and len(name) >= 5 and name.lower() not in _GENERIC))

        for t in self.turns:
            if t.role == "tool":
                deps = manifest_deps(t.input or "", t.text, limit=60)
                # a long manifest's first ten, and any later one the conversation keeps naming
                deps = deps[:10] + [(n, v) for n, v in deps[10:] if talked_about(n)]
                for name, version in deps + version_output(t.input or "", t.text):
                    if "/" in name:  # @scope/pkg, github.com/labstack/echo/v4, laravel/framework -> the package
                        name = [p for p in name.split("/") if not re.fullmatch(r"v\d+", p)][-1]
                        if re.fullmatch(_GENERIC_PACKAGE, name):
                            continue  # @tauri-apps/cli: "cli 2.1.0" would say nothing
                    same = next((n for n in items if n.lower() == name.lower()), None)
                    if same is None:  # listed in a manifest: after what is said or imported, unless a known framework
                        known_as = [n for n, _, _ in stack_mentions(name)]
                        items[name] = (version, 1.2 if any(k.lower() == name.lower() for k in known_as) else 0.5)
                    elif not items[same][0]:
                        items[same] = (version, items[same][1])  # "React" said, "react ^18.3.1" in the manifest
            elif t.role == "assistant" and traced:
                for name, version in version_pairs(t.text):
                    if name.lower() in traced and not any(n.lower() == name.lower() for n in items):
                        items[name] = (version, 1)
        for t in self.turns:
            if t.role == "tool" and any(m in (t.input or "").lower() for m in _MANIFESTS):
                gm = re.search(r"^go (\d+\.\d+)", t.text, re.M)
                if gm:
                    add(f"Go {gm.group(1)}", 1)
                add(t.text[:2000], 1)
        # a manifest's package the conversation keeps naming is the stack, not one of its many deps
        for n, (v, weight) in list(items.items()):
            if weight < 1.5 and talked_about(n):
                items[n] = (v, 1.5)
        seen: dict[str, str] = {}
        for n in list(items):  # "react 18.3.1" from the manifest and "React" from the vocabulary are one item
            first = seen.setdefault(n.lower(), n)
            if first != n:
                drop = n if items[first][0] or not items[n][0] else first  # keep the one that has a version
                del items[drop]
                seen[n.lower()] = first if drop == n else n
        recurring: dict[str, int] = {}  # stack words the whole session keeps using (never said as "we use X")
        for t in self.turns:
            text = _prose(t.text) if t.role != "tool" else (t.input or "")
            for name, _, _ in stack_mentions(text):
                recurring[name] = recurring.get(name, 0) + 1
        paths = [p for t in self.turns if t.role == "tool" for p in ([t.input.strip()] if t.input and " " not in t.input.strip() else [])]
        for lang in languages_from_paths(paths)[:2]:  # the files it works on say the language
            recurring[lang] = recurring.get(lang, 0) + 3
        known_now = {n.lower() for n in items}
        tried_parts = {p for r in rejected for p in re.split(r"[-\s]+", r) if len(p) >= 3}
        for name, count in sorted(recurring.items(), key=lambda kv: -kv[1]):
            if name.lower() in tried_parts:
                continue  # "Playwright" said over and over while scrapy-playwright was tried: the dead end's, not the stack's
            if count >= 3 and name.lower() not in rejected and name.lower() not in known_now and len(items) < 6:
                items[name] = ("", 1)
        # "Immich", "Frigate": the product the session is about, when no dead end names it
        failed_text = " ".join(c.text for c in self.out if c.kind == "FAILED").lower()
        for name in named_products(self.turns)[:2]:
            low = name.lower()
            if low in rejected or low in tried_parts or re.search(r"(?<![\w-])" + re.escape(low) + r"(?![\w-])", failed_text):
                continue
            if not any(low in n.lower() or n.lower() in low for n in items):
                items[name] = ("", 1.8)
        for text in said[:3]:  # "from openzeppelin 4.9 to 5.0": the project is on the new one
            for name, version in upgrades(text):
                same = next((n for n in items if n.lower() == name.lower()), name)
                items[same] = (version, items.get(same, ("", 1))[1])
        inputs = [t.input for t in self.turns if t.role == "tool" and t.input]
        for name in config_file_stack(inputs):  # foundry.toml, platformio.ini, Jenkinsfile: the toolchain's own files
            if not any(n.lower() == name.lower() for n in items) and name.lower() not in rejected:
                items[name] = ("", 1.5)
        distro = ros_distro(inputs + [t.text for t in self.turns if t.role == "tool"])
        if distro:  # "source /opt/ros/humble/setup.bash": which ROS it is
            items.pop("ROS", None)
            items["ROS 2"] = (distro, max(1.5, items.get("ROS 2", ("", 0))[1]))
        known = " ".join(items).lower()
        for tool in session_tools(inputs)[:2]:
            if tool.lower() not in known and tool.lower() not in rejected:
                items[tool] = ("", 1)  # "npx hardhat test" run again and again: hardhat is the toolchain
        code = [pair for t in self.turns if t.role == "tool" for pair in [_tool_file(t)] if pair]
        for lib in imported_libraries(code, self.project):  # what the code it works on imports
            low = lib.lower().lstrip("@")
            same = next((n for n in items if low in n.lower() or n.lower() in low), None)
            if same is None and low not in rejected:
                items[lib] = ("", 2)
            elif same is not None:
                items[same] = (items[same][0], max(items[same][1], 2))
        # a library a dead end was named by is not the stack ("Redux: abandoned, ..." -> no "Redux")
        tried = {re.split(r":\s+(?:failed|abandoned|reverted|rejected)\b", c.text, maxsplit=1)[0].strip().lower()
                 for c in self.out if c.kind == "FAILED"}
        for n in [n for n, (_, weight) in items.items() if weight < 2 and n.lower() in tried]:
            del items[n]
        retired = retired_subjects(self.turns)
        gone = [n for n in items if name_key(n) in {name_key(r) for r in retired}]
        for n in gone:
            del items[n]  # "forget chroma", "`sqlite3` removed": no longer the stack, and said so
        for r in retired:  # a known name given up before it counted as the stack ("forget chroma")
            gone += [n for n, _, _ in stack_mentions(r) if n not in gone and name_key(n) == name_key(r)]
        what = next((d for d in (self_description(t) for t in said[:2]) if d), "")
        if not items and not what:
            return
        ranked = sorted(items.items(), key=lambda kv: -kv[1][1])  # said or imported first, then the rest
        parts = [(f"{n}{v}" if n.endswith("+") else f"{n} {v}").strip() for n, (v, _) in ranked][:8]
        if what and not set(_topic_key_all(what)) <= set(_topic_key_all(" ".join(parts))):
            parts.insert(0, what)  # "neovim plugin quickfmt.nvim (lua)": what it is, in the user's words
        name = self.project or "project"
        ended = f"; dropped: {', '.join(gone[:3])}" if gone and parts else ""
        self.out.append(Candidate(kind="PROJECT", text=clean_text(f"{name}: {', '.join(parts)}{ended}"), topic="stack",
                                  evidence=", ".join(parts), source=" ".join(parts) + " " + name, score=0.7, turn=0,
                                  replaces=retired))

"""Helpers for the blind heldout8 set: build turns, sanity-check labels, write <id>.json."""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def U(text):
    return {"role": "user", "text": text}


def A(text):
    return {"role": "assistant", "text": text}


def T(name, inp, out=""):
    return {"role": "tool", "name": name, "input": inp, "output": out}


def edit(path, old, new, note=None):
    inp = json.dumps({"file_path": path, "old_string": old, "new_string": new}, indent=1)
    out = note or f"The file {path} has been updated."
    return T("Edit", inp, out)


def write_file(path, content):
    inp = json.dumps({"file_path": path, "content": content}, indent=1)
    return T("Write", inp, f"File created successfully at: {path}")


def read(path, content):
    lines = content.rstrip("\n").split("\n")
    out = "\n".join(f"{i + 1:>6}\u2192{l}" for i, l in enumerate(lines))
    return T("Read", path, out)


def bash(cmd, out):
    return T("Bash", cmd, out)


def _text(session):
    parts = []
    for t in session["turns"]:
        parts.append(t.get("text", ""))
        parts.append(t.get("input", ""))
        parts.append(t.get("output", ""))
    return "\n".join(parts)


def write(session):
    text = _text(session).lower()
    n = len(session["turns"])
    problems = []
    if not (15 <= n <= 45):
        problems.append(f"turn count {n} outside 15..45")
    for g in session["gold"]:
        assert g["kind"] in {"PROJECT", "DECISION", "PATTERN", "BUG_FIX", "PREFERENCE", "FAILED", "TODO"}, g
        assert len(g["summary"]) <= 160, g["summary"]
        if g["kind"] == "FAILED":
            assert g.get("failure") is True, g
        for k in g["all_of"]:
            if k.lower() not in text:
                problems.append(f"gold all_of {k!r} never said in session ({g['summary']})")
        if g.get("any_of") and not any(k.lower() in text for k in g["any_of"]):
            problems.append(f"gold any_of none said ({g['summary']})")
        if g["kind"] != "FAILED":
            for d in session.get("dead_ends", []):
                if all(k.lower() in g["summary"].lower() for k in d["all_of"]):
                    problems.append(f"gold {g['summary']!r} would itself leak dead end {d['all_of']}")
    for s in session.get("secrets", []):
        if s.lower() not in text:
            problems.append(f"secret {s!r} not in turns")
        for g in session["gold"]:
            assert s not in g["summary"]
    for p in problems:
        print(f"[{session['id']}] WARN {p}", file=sys.stderr)
    path = os.path.join(HERE, session["id"] + ".json")
    with open(path, "w") as f:
        json.dump(session, f, indent=1, ensure_ascii=False)
        f.write("\n")
    chars = sum(len(t.get("text", "")) + len(t.get("input", "")) + len(t.get("output", "")) for t in session["turns"])
    biggest = max(len(t.get("output", "")) for t in session["turns"])
    print(f"{session['id']}: {n} turns, ~{chars // 4} tokens (largest tool output ~{biggest // 4} tokens), "
          f"{len(session['gold'])} gold, {len(session.get('dead_ends', []))} dead ends, "
          f"{len(session.get('secrets', []))} secrets -> {path}")

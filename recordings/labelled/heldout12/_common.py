"""Helper used by the gen_*.py scripts of the blind set heldout12.

Each gen script builds one session dict and calls write(session).  write() checks the
schema loosely (turn count, kinds, that every all_of keyword and at least one any_of
keyword of each gold fact occur somewhere in the session, that secrets occur in turns)
and writes <id>.json next to this file.
"""
import json, os, sys

KINDS = {"PROJECT", "DECISION", "PATTERN", "BUG_FIX", "PREFERENCE", "FAILED", "TODO"}
HERE = os.path.dirname(os.path.abspath(__file__))


def U(text):
    return {"role": "user", "text": text}


def A(text):
    return {"role": "assistant", "text": text}


def T(name, inp, out=""):
    return {"role": "tool", "name": name, "input": inp, "output": out}


def G(kind, summary, all_of, any_of, files=None, failure=False):
    g = {"kind": kind, "summary": summary, "all_of": all_of, "any_of": any_of,
         "files": files or []}
    if failure:
        g["failure"] = True
    return g


def D(summary, all_of):
    return {"summary": summary, "all_of": all_of}


def write(s):
    s.setdefault("dead_ends", [])
    s.setdefault("secrets", [])
    s.setdefault("supersedes", [])
    text = "\n".join((t.get("text") or "") + (t.get("input") or "") + (t.get("output") or "")
                     for t in s["turns"]).lower()
    problems = []
    n = len(s["turns"])
    if not 15 <= n <= 45:
        problems.append(f"turn count {n}")
    for g in s["gold"]:
        if g["kind"] not in KINDS:
            problems.append(f"bad kind {g['kind']}")
        if (g["kind"] == "FAILED") != bool(g.get("failure")):
            problems.append(f"failure flag mismatch: {g['summary']}")
        for k in g["all_of"]:
            if k.lower() not in text:
                problems.append(f"all_of {k!r} not in session ({g['summary']})")
        if g["any_of"] and not any(k.lower() in text for k in g["any_of"]):
            problems.append(f"no any_of in session ({g['summary']})")
        line = g["summary"].lower()
        if not all(k.lower() in line for k in g["all_of"]) or (
                g["any_of"] and not any(k.lower() in line for k in g["any_of"])):
            problems.append(f"own summary does not match its keywords: {g['summary']}")
    for d in s["dead_ends"]:
        for k in d["all_of"]:
            if k.lower() not in text:
                problems.append(f"dead end kw {k!r} not in session")
        for g in s["gold"]:
            if g["kind"] != "FAILED" and all(k.lower() in g["summary"].lower() for k in d["all_of"]):
                problems.append(f"gold {g['summary']!r} would leak dead end {d['summary']!r}")
    for sec in s["secrets"]:
        if sec not in "\n".join((t.get("text") or "") + (t.get("input") or "") + (t.get("output") or "") for t in s["turns"]):
            problems.append(f"secret not in turns: {sec}")
        for g in s["gold"]:
            if sec in g["summary"]:
                problems.append("secret in gold summary")
    chars = sum(len(json.dumps(t)) for t in s["turns"])
    tool_chars = sum(len(t.get("output") or "") for t in s["turns"] if t["role"] == "tool")
    path = os.path.join(HERE, s["id"] + ".json")
    with open(path, "w") as f:
        json.dump(s, f, indent=1, ensure_ascii=False)
        f.write("\n")
    kinds = {}
    for g in s["gold"]:
        kinds[g["kind"]] = kinds.get(g["kind"], 0) + 1
    print(f"{s['id']}: turns={n} ~tokens={chars // 4} tool_output~tokens={tool_chars // 4} "
          f"gold={len(s['gold'])} {kinds} dead_ends={len(s['dead_ends'])} secrets={len(s['secrets'])}")
    if problems:
        print("PROBLEMS:\n  " + "\n  ".join(problems))
        sys.exit(1)

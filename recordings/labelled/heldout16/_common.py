"""Helpers for the heldout16 blind set. Each session module builds one dict and writes <id>.json."""
import json, os, random

HERE = os.path.dirname(os.path.abspath(__file__))

def U(text):
    return {"role": "user", "text": text}

def A(text):
    return {"role": "assistant", "text": text}

def T(name, inp, out=""):
    return {"role": "tool", "name": name, "input": inp, "output": out}

def write(session):
    for k in ("gold", "dead_ends", "secrets", "supersedes"):
        session.setdefault(k, [])
    path = os.path.join(HERE, session["id"] + ".json")
    with open(path, "w") as f:
        json.dump(session, f, indent=1, ensure_ascii=False)
        f.write("\n")
    chars = sum(len(t.get("text", "")) + len(t.get("input", "")) + len(t.get("output", "")) for t in session["turns"])
    tool_chars = sum(len(t.get("output", "")) for t in session["turns"])
    print(f"{session['id']}: {len(session['turns'])} turns, ~{chars//4} tokens (tool output ~{tool_chars//4}), "
          f"gold={len(session['gold'])} dead_ends={len(session['dead_ends'])} secrets={len(session['secrets'])}")
    return path

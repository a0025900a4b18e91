"""Helpers for the blind heldout15 set (hand-written sessions, generated to JSON)."""
import json, os

HERE = os.path.dirname(os.path.abspath(__file__))


def U(text):
    return {"role": "user", "text": text}


def A(text):
    return {"role": "assistant", "text": text}


def T(name, inp, out=""):
    return {"role": "tool", "name": name, "input": inp, "output": out}


def G(kind, summary, all_of, any_of, files=None, failure=False):
    g = {"kind": kind, "summary": summary, "all_of": all_of, "any_of": any_of, "files": files or []}
    if failure:
        g["failure"] = True
    return g


def D(summary, all_of):
    return {"summary": summary, "all_of": all_of}


def write(session):
    for k in ("gold", "dead_ends", "secrets", "supersedes"):
        session.setdefault(k, [])
    path = os.path.join(HERE, session["id"] + ".json")
    with open(path, "w") as f:
        json.dump(session, f, indent=1, ensure_ascii=False)
        f.write("\n")
    n = len(session["turns"])
    chars = sum(len(t.get("text", "")) + len(t.get("input", "")) + len(t.get("output", "")) for t in session["turns"])
    print(f"{session['id']}: {n} turns, ~{chars // 4} tokens, {len(session['gold'])} gold")

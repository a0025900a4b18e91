"""Helpers for the blind heldout6 set: build turns, write <id>.json, print sizes."""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def U(text):
    return {"role": "user", "text": text.strip("\n")}


def A(text):
    return {"role": "assistant", "text": text.strip("\n")}


def T(name, inp, out=""):
    return {"role": "tool", "name": name, "input": inp.strip("\n"), "output": out.strip("\n")}


def G(kind, summary, all_of, any_of, files=None, failure=False):
    g = {"kind": kind, "summary": summary, "all_of": all_of, "any_of": any_of, "files": files or []}
    if failure:
        g["failure"] = True
    return g


def D(summary, all_of):
    return {"summary": summary, "all_of": all_of}


def write(session):
    sid = session["id"]
    session.setdefault("dead_ends", [])
    session.setdefault("secrets", [])
    session.setdefault("supersedes", [])
    # sanity: every secret must really occur in the turns, every keyword is lower-case-matchable
    blob = json.dumps(session["turns"])
    for s in session["secrets"]:
        assert s in blob or json.dumps(s)[1:-1] in blob, (sid, s)
    for g in session["gold"] + session["dead_ends"]:
        assert g["all_of"], g
    path = os.path.join(HERE, sid + ".json")
    with open(path, "w") as f:
        json.dump(session, f, indent=1, ensure_ascii=False)
        f.write("\n")
    chars = sum(len(t.get("text", "")) + len(t.get("input", "")) + len(t.get("output", "")) for t in session["turns"])
    tool_chars = sum(len(t.get("output", "")) for t in session["turns"])
    kinds = {}
    for g in session["gold"]:
        kinds[g["kind"]] = kinds.get(g["kind"], 0) + 1
    print(f"{sid}: {len(session['turns'])} turns, ~{chars // 4} tokens (tool output ~{tool_chars // 4}), "
          f"gold {kinds}, dead_ends {len(session['dead_ends'])}, secrets {len(session['secrets'])}")

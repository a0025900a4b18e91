"""Helpers for the heldout7 blind set generators (one gen_*.py per session)."""
import json, os

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
    if failure or kind == "FAILED":
        g["failure"] = True
    return g


def D(summary, all_of):
    return {"summary": summary, "all_of": all_of}


def write(session):
    for t in session["turns"]:
        for k, v in t.items():
            assert isinstance(v, str), (k, v)
    path = os.path.join(HERE, session["id"] + ".json")
    with open(path, "w") as f:
        json.dump(session, f, indent=1, ensure_ascii=False)
        f.write("\n")
    chars = sum(len(t.get("text", "")) + len(t.get("input", "")) + len(t.get("output", ""))
                for t in session["turns"])
    tool_chars = sum(len(t.get("output", "")) for t in session["turns"])
    kinds = {}
    for g in session["gold"]:
        kinds[g["kind"]] = kinds.get(g["kind"], 0) + 1
    # secrets must actually occur in the turns
    blob = json.dumps(session["turns"], ensure_ascii=False)
    for s in session.get("secrets", []):
        assert s in blob, s
    print(f"{session['id']}: turns={len(session['turns'])} ~tokens={chars // 4} "
          f"tool_output~tokens={tool_chars // 4} gold={kinds} dead_ends={len(session.get('dead_ends', []))} "
          f"secrets={len(session.get('secrets', []))}")

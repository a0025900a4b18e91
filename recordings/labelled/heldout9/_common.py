"""Helpers for writing the heldout9 blind set (hand-written sessions)."""
import json, os

HERE = os.path.dirname(os.path.abspath(__file__))


def U(text):
    return {"role": "user", "text": text}


def A(text):
    return {"role": "assistant", "text": text}


def T(name, inp, out=""):
    return {"role": "tool", "name": name, "input": inp, "output": out}


def write(session):
    # sanity checks on labels
    text = json.dumps(session["turns"]).lower()
    for s in session.get("secrets", []):
        assert s.lower() in text, ("secret not in turns", s)
        for g in session["gold"]:
            assert s.lower() not in json.dumps(g).lower()
    for g in session["gold"]:
        assert g["kind"] in {"PROJECT", "DECISION", "PATTERN", "BUG_FIX", "PREFERENCE", "FAILED", "TODO"}
        for k in g["all_of"]:
            assert k.lower() in text, ("all_of keyword absent from session", session["id"], k)
        if g.get("any_of"):
            assert any(k.lower() in text for k in g["any_of"]), ("no any_of keyword in session", session["id"], g)
        if g["kind"] == "FAILED":
            assert g.get("failure") is True
        g.setdefault("files", [])
    n = len(session["turns"])
    assert 15 <= n <= 45 or session.get("_short"), n
    session.pop("_short", None)
    path = os.path.join(HERE, session["id"] + ".json")
    with open(path, "w") as f:
        json.dump(session, f, indent=1, ensure_ascii=False)
        f.write("\n")
    chars = sum(len(t.get("text", "")) + len(t.get("input", "")) + len(t.get("output", "")) for t in session["turns"])
    tool_chars = sum(len(t.get("output", "")) for t in session["turns"])
    print(f"{session['id']}: {n} turns, ~{chars // 4} tokens (tool output ~{tool_chars // 4}), "
          f"gold={len(session['gold'])}, dead_ends={len(session.get('dead_ends', []))}, secrets={len(session.get('secrets', []))}")

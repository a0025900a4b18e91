"""Helpers for writing the blind heldout17 sessions (hand-written, not generated from memwrap)."""
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))


def U(text):
    return {"role": "user", "text": text}


def A(text):
    return {"role": "assistant", "text": text}


def T(name, inp, out=""):
    return {"role": "tool", "name": name, "input": inp, "output": out}


def G(kind, summary, all_of, any_of, files=(), failure=False):
    g = {"kind": kind, "summary": summary, "all_of": list(all_of), "any_of": list(any_of),
         "files": list(files)}
    if failure or kind == "FAILED":
        g["failure"] = True
    return g


def D(summary, all_of):
    return {"summary": summary, "all_of": list(all_of)}


def write(sess):
    for k in ("gold", "dead_ends", "secrets", "supersedes"):
        sess.setdefault(k, [])
    path = os.path.join(HERE, sess["id"] + ".json")
    with open(path, "w") as f:
        json.dump(sess, f, indent=1, ensure_ascii=False)
        f.write("\n")
    chars = sum(len(t.get("text", "")) + len(t.get("input", "")) + len(t.get("output", ""))
                for t in sess["turns"])
    print(f"{sess['id']}: {len(sess['turns'])} turns, ~{chars // 4} tokens, "
          f"{len(sess['gold'])} gold, {len(sess['dead_ends'])} dead ends, {len(sess['secrets'])} secrets")
    # secrets must really occur in the turns
    blob = json.dumps(sess["turns"], ensure_ascii=False)
    for s in sess["secrets"]:
        assert s in blob or json.dumps(s)[1:-1] in blob, s
    return path


def rng(seed):
    return random.Random(seed)

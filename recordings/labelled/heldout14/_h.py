"""Helpers for the heldout14 blind set (written without reading memwrap sources)."""
import json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))


def U(text):
    return {"role": "user", "text": text}


def A(text):
    return {"role": "assistant", "text": text}


def tool(name, inp, out=""):
    return {"role": "tool", "name": name, "input": inp, "output": out}


def Bash(cmd, out):
    return tool("Bash", cmd, out)


def Read(path, out):
    return tool("Read", path, out)


def Edit(path, diff, out="The file has been updated."):
    return tool("Edit", f"{path}\n{diff}", out)


def Write(path, content, out="File created successfully."):
    return tool("Write", f"{path}\n{content}", out)


def G(kind, summary, all_of, any_of, files=None, failure=False):
    g = {"kind": kind, "summary": summary, "all_of": all_of, "any_of": any_of,
         "files": files or []}
    if failure or kind == "FAILED":
        g["failure"] = True
    return g


def D(summary, all_of):
    return {"summary": summary, "all_of": all_of}


def save(sess):
    text = "\n".join((t.get("text", "") + t.get("input", "") + t.get("output", ""))
                     for t in sess["turns"]).lower()
    # sanity: every keyword must occur in the session and the summary must match its own keywords
    for g in sess.get("gold", []):
        s = g["summary"].lower()
        for k in g["all_of"]:
            assert k.lower() in text, (sess["id"], "all_of not in session", k)
            assert k.lower() in s, (sess["id"], "summary lacks all_of", k, s)
        assert any(k.lower() in s for k in g["any_of"]), (sess["id"], "summary lacks any_of", s)
        assert any(k.lower() in text for k in g["any_of"]), (sess["id"], "any_of not in session", g)
    for d in sess.get("dead_ends", []):
        for k in d["all_of"]:
            assert k.lower() in text, (sess["id"], "dead-end kw not in session", k)
    for sec in sess.get("secrets", []):
        assert sec.lower() in text, (sess["id"], "secret not in session", sec)
    n = len(sess["turns"])
    assert 15 <= n <= 45, (sess["id"], n)
    chars = len(text)
    tool_chars = sum(len(t.get("output", "")) for t in sess["turns"])
    path = os.path.join(HERE, sess["id"] + ".json")
    with open(path, "w") as f:
        json.dump(sess, f, indent=1, ensure_ascii=False)
        f.write("\n")
    kinds = {}
    for g in sess.get("gold", []):
        kinds[g["kind"]] = kinds.get(g["kind"], 0) + 1
    print(f"{sess['id']}: turns={n} ~tokens={chars//4} tool_out_tokens~{tool_chars//4} "
          f"gold={kinds} dead_ends={len(sess.get('dead_ends', []))} secrets={len(sess.get('secrets', []))}")

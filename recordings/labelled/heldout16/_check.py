"""Sanity checks on the labels (does not run memwrap)."""
import glob, json
FAILW = ("failed", "abandon", "revert", "did not work", "didn't work", "dropped", "ditched")
for p in sorted(glob.glob("*.json")):
    d = json.load(open(p))
    blob = json.dumps(d["turns"]).lower()
    n = len(d["turns"])
    assert 15 <= n <= 45, (p, n)
    for s in d.get("secrets", []):
        assert s in json.dumps(d["turns"], ensure_ascii=False), (p, s)
    for g in d["gold"]:
        s = g["summary"].lower()
        ok = all(k.lower() in s for k in g["all_of"]) and any(k.lower() in s for k in g["any_of"])
        if not ok: print("summary does not self-match:", p, g["summary"])
        if len(g["summary"]) > 160: print("long summary", p, g["summary"])
        for k in g["all_of"] + g["any_of"]:
            if k.lower() not in blob: print("keyword not in session text:", p, repr(k))
        for de in d.get("dead_ends", []):
            if g.get("kind") != "FAILED" and all(k.lower() in s for k in de["all_of"]):
                print("gold summary would leak dead end:", p, g["summary"], de["all_of"])
    for de in d.get("dead_ends", []):
        for k in de["all_of"]:
            if k.lower() not in blob: print("dead-end keyword not in text:", p, k)
    kinds = {}
    for g in d["gold"]: kinds[g["kind"]] = kinds.get(g["kind"], 0) + 1
    print(p, n, kinds, "dead_ends", len(d.get("dead_ends", [])), "secrets", len(d.get("secrets", [])))

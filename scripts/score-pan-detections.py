#!/usr/bin/env python3
"""Score saved eval-pan detections with the reference scorer's measure, to check eval-pan's.

Usage: score-pan-detections.py SCORE_PAN_PY CORPUS_DIR DETECTIONS_JSON

DETECTIONS_JSON is what `eval-pan --save-detections FILE` writes: every pair scored, in order,
with its sub-corpus and detections in characters. Gold cases are read with score_pan.py's own
`gold_cases`, and each sub-corpus and the whole are scored with its `measure`, so nothing of
eval-pan's is reused but the detections themselves. Prints JSON:
{"subsets": [{"name", "pairs", "precision", "recall", "granularity", "plagdet"}], "entire": {...}}
"""
import json, os, sys


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__.strip().splitlines()[2])
    score_pan_py, corpus, dets_path = sys.argv[1:]
    sys.path.insert(0, os.path.dirname(os.path.abspath(score_pan_py)))
    import score_pan

    with open(dets_path, encoding="utf-8") as f:
        pairs = json.load(f)["pairs"]
    order, cases, dets = [], {}, {}
    for p in pairs:
        sub, su, sr = p["subset"], p["suspicious"], p["source"]
        if sub not in cases:
            order.append(sub)
            cases[sub], dets[sub] = [], []
        cases[sub].append(score_pan.gold_cases(os.path.join(corpus, sub, f"{su[:-4]}-{sr[:-4]}.xml")))
        dets[sub].append([((d["this_offset"], d["this_offset"] + d["this_length"]),
                           (d["source_offset"], d["source_offset"] + d["source_length"]))
                          for d in p["detections"]])

    def row(name, c, d):
        p, r, g, pd = score_pan.measure(c, d)
        return {"name": name, "pairs": len(c), "precision": p, "recall": r, "granularity": g, "plagdet": pd}

    out = {"subsets": [row(s, cases[s], dets[s]) for s in order]}
    out["entire"] = row("entire", [c for s in order for c in cases[s]], [d for s in order for d in dets[s]])
    json.dump(out, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Export an English background word-frequency table from wordfreq.

Writes data/background/en-zipf.tsv: one line per word, `word<TAB>zipf`, where
zipf is wordfreq's Zipf frequency (log10 of occurrences per billion words)
rounded to 2 decimals, sorted by zipf descending then word ascending, after a
first comment line naming the wordfreq version, language and N.

Only words made of letters, digits, apostrophes, hyphens or periods (with at
least one letter or digit) are kept; words are lowercased.

Usage (from the repository root):

    pip install wordfreq==3.1.1
    python3 scripts/make-background.py            # top 40000, en
    python3 scripts/make-background.py --n 40000 --lang en \
        --out data/background/en-zipf.tsv

The wordfreq data is CC BY-SA 4.0; see data/background/SOURCE.md.
"""

import argparse
import os
import sys
from importlib.metadata import version

import wordfreq

EXTRA_CHARS = set("0123456789'-.")


def keep(word: str) -> bool:
    if not word:
        return False
    if not any(ch.isalpha() or ch.isdigit() for ch in word):
        return False
    return all(ch.isalpha() or ch in EXTRA_CHARS for ch in word)


def main() -> int:
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=40000, help="how many top words to ask wordfreq for")
    ap.add_argument("--lang", default="en", help="wordfreq language code")
    ap.add_argument(
        "--out",
        default=os.path.join(root, "data", "background", "en-zipf.tsv"),
        help="output path",
    )
    args = ap.parse_args()

    best = {}
    for w in wordfreq.top_n_list(args.lang, args.n):
        lw = w.lower()
        if not keep(lw):
            continue
        z = round(wordfreq.zipf_frequency(w, args.lang), 2)
        if z <= 0:
            continue
        if lw not in best or z > best[lw]:
            best[lw] = z

    rows = sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(f"# word\tzipf (wordfreq {version('wordfreq')}, {args.lang}, top {args.n})\n")
        for w, z in rows:
            f.write(f"{w}\t{z:.2f}\n")
    print(f"wrote {len(rows)} words to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

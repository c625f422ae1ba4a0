#!/usr/bin/env python3
"""Export WordNet synonym groups keyed by echodiff's matching keys.

Writes data/synonyms/en-wordnet-groups.tsv: after a first comment line, one line
per matching key, `key<TAB>group,group,...`, sorted by key (Python string
order); group ids are decimal, ascending within a line, dense from 0.

The rule, chosen for precision over recall:

- Words: single-word WordNet lemmas made only of ASCII letters, at least 3 long,
  of nouns, verbs, adjectives (satellites included) and adverbs. A word whose
  first synset spells it with a capital ("China", "Mars") is a name there and is
  left out for that part of speech. echodiff's function words are left out.
- A word's group, per part of speech, is its FIRST synset in WordNet's index
  file (the most frequent sense, by WordNet's sense order).
- The key of a word is what echodiff computes for it (src/tokenize.rs,
  `describe`): the lemma from echodiff's irregular-form table if it has one
  ("bought" -> "buy"), then its Snowball English (Porter2) stem, or the word
  itself when the stem is empty. The function-word list and the irregular table
  are read from src/lexicon.rs, so the two cannot drift apart.
- When several words of one part of speech share a key ("run", "running"), the
  key takes the group of the one WordNet tags most often (tagsense_cnt), then the
  shorter, then the alphabetically first. So a key has at most 4 groups, one per
  part of speech.
- Only groups holding at least 2 distinct keys are kept; keys left without a
  group are dropped.
- Group ids are renumbered densely in the order (part of speech n, v, a, r;
  synset offset), which is deterministic for a given WordNet.

Two keys are synonyms when they share a group.

With --sample N the script also writes data/synonyms/key-sample.tsv: N words
(every k-th of the sorted candidate words) with the key this script computed,
which a Rust unit test checks against echodiff's own tokenizer.

Usage (from the repository root; not run in CI):

    apt-get download wordnet-base      # Debian package, version 1:3.0-37
    dpkg-deb -x wordnet-base_*.deb /tmp/wordnet-base
    pip install snowballstemmer==2.2.0
    python3 scripts/make-synonyms.py --wordnet /tmp/wordnet-base/usr/share/wordnet \
        --sample 4000

WordNet 3.0 is under the WordNet licence (redistribution with the notice);
see data/synonyms/SOURCE.md.
"""

import argparse
import os
import re
import sys
from importlib.metadata import version

import snowballstemmer

POS = ["n", "v", "a", "r"]
FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
WORD = re.compile(r"^[a-z]{3,}$")
HEADER = (
    "# key<TAB>groups (WordNet 3.0 first-sense synsets, {keys} keys, {groups} groups; "
    "scripts/make-synonyms.py)"
)


def read_lexicon(path):
    """Function words and the irregular-form table, read from src/lexicon.rs."""
    src = open(path, encoding="utf-8").read()

    def block(name):
        m = re.search(r"const " + name + r": &\[[^=]*= &\[(.*?)\n\];", src, re.S)
        if not m:
            sys.exit(f"make-synonyms: {name} not found in {path}")
        return m.group(1)

    function = set(re.findall(r'"([^"]*)"', block("FUNCTION_WORDS")))
    irregular = dict(re.findall(r'\("([^"]*)",\s*"([^"]*)"\)', block("IRREGULAR")))
    if len(function) < 100 or len(irregular) < 50:
        sys.exit(f"make-synonyms: lexicon tables look wrong in {path}")
    return function, irregular


class Keyer:
    """echodiff's matching key of a lowercase ASCII word (src/tokenize.rs)."""

    def __init__(self, irregular):
        self.irregular = irregular
        self.stemmer = snowballstemmer.stemmer("english")

    def lemma(self, word):
        return self.irregular.get(word, word)

    def key(self, word):
        lemma = self.lemma(word)
        return self.stemmer.stemWord(lemma) or lemma


def synset_words(data_path):
    """Map synset offset -> the words of that synset as spelled (markers removed)."""
    words = {}
    with open(data_path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("  "):  # licence header
                continue
            parts = line.split(" ")
            offset, count = parts[0], int(parts[3], 16)
            words[offset] = [re.sub(r"\(.*\)$", "", w) for w in parts[4 : 4 + 2 * count : 2]]
    return words


def first_senses(wordnet, pos):
    """Yield (lemma, tagsense_cnt, first synset offset, spelled forms of that synset)."""
    spelled = synset_words(os.path.join(wordnet, "data." + FILES[pos]))
    with open(os.path.join(wordnet, "index." + FILES[pos]), encoding="utf-8") as f:
        for line in f:
            if line.startswith("  "):
                continue
            parts = line.split()
            lemma, p_cnt = parts[0], int(parts[3])
            tagsense = int(parts[5 + p_cnt])
            offset = parts[6 + p_cnt]
            yield lemma, tagsense, offset, spelled.get(offset, [])


def build(wordnet, function, keyer):
    """Return ({key: [group ids]}, candidate words, {pos: groups kept}) by the rule above."""
    chosen = {}  # (key, pos) -> (rank, offset)
    candidates = set()
    for pos in POS:
        for lemma, tagsense, offset, spelled in first_senses(wordnet, pos):
            if not WORD.match(lemma):
                continue
            if lemma in function or keyer.lemma(lemma) in function:
                continue
            if not any(w == lemma for w in spelled):
                continue  # only capitalized in its first sense: a name
            key = keyer.key(lemma)
            candidates.add(lemma)
            rank = (-tagsense, len(lemma), lemma)
            old = chosen.get((key, pos))
            if old is None or rank < old[0]:
                chosen[(key, pos)] = (rank, offset)
    members = {}
    for (key, pos), (_, offset) in chosen.items():
        members.setdefault((POS.index(pos), offset), set()).add(key)
    kept = sorted(g for g, keys in members.items() if len(keys) >= 2)
    ids = {g: i for i, g in enumerate(kept)}
    table = {}
    for g in kept:
        for key in members[g]:
            table.setdefault(key, []).append(ids[g])
    per_pos = {pos: sum(1 for g in kept if POS[g[0]] == pos) for pos in POS}
    return {k: sorted(v) for k, v in table.items()}, sorted(candidates), per_pos


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wordnet", required=True, help="folder with WordNet's index.* and data.*")
    ap.add_argument("--lexicon", default="src/lexicon.rs")
    ap.add_argument("--out", default="data/synonyms/en-wordnet-groups.tsv")
    ap.add_argument("--sample", type=int, default=0, help="also write N sample keys")
    ap.add_argument("--sample-out", default="data/synonyms/key-sample.tsv")
    args = ap.parse_args()

    # snowballstemmer 3.x changed the English stemmer ("analogist" -> "analogist", not
    # "analog"); rust-stemmers 1.2 follows the older algorithm, as 2.2.0 does.
    if not version("snowballstemmer").startswith("2."):
        sys.exit("make-synonyms: needs snowballstemmer 2.x (pip install snowballstemmer==2.2.0)")
    function, irregular = read_lexicon(args.lexicon)
    keyer = Keyer(irregular)
    table, candidates, per_pos = build(args.wordnet, function, keyer)
    groups = sum(per_pos.values())
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(HEADER.format(keys=len(table), groups=groups) + "\n")
        for key in sorted(table):
            f.write(key + "\t" + ",".join(map(str, table[key])) + "\n")
    print(
        f"{args.out}: {len(table)} keys, {groups} groups, "
        f"{sum(map(len, table.values()))} key-group pairs, {os.path.getsize(args.out)} bytes "
        f"(snowballstemmer {version('snowballstemmer')}); {len(candidates)} words; groups per "
        f"part of speech: {per_pos}",
        file=sys.stderr,
    )
    if args.sample:
        # every k-th candidate plus every irregular form, so the irregular path is tested too
        step = max(1, len(candidates) // args.sample)
        words = sorted(set(candidates[::step]) | set(irregular) & set(candidates))
        with open(args.sample_out, "w", encoding="utf-8", newline="\n") as f:
            f.write("# word<TAB>echodiff key (scripts/make-synonyms.py --sample)\n")
            for w in words:
                f.write(f"{w}\t{keyer.key(w)}\n")
        print(f"{args.sample_out}: {len(words)} words", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

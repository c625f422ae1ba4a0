#!/usr/bin/env python3
"""Scan benchmark for `echodiff scan`: time, peak memory and recall of planted echoes.

Usage (from the repository root):

    cargo build --release
    scripts/bench-scan.py                        # 1k and 10k documents, --self
    scripts/bench-scan.py --docs 1k,10k,100k     # other sizes
    scripts/bench-scan.py --threads 1            # passed to echodiff scan
    scripts/bench-scan.py --markdown             # the table as Markdown (docs/performance.md)

For each size N it generates, with a fixed seed, an archive of N documents of about
`--words` (default 500) words each as one JSONL file (`id`, `date`, `text`), plants echoes
between documents (one per 5 documents, at least 20), runs

    target/release/echodiff scan --self --jsonl docs.jsonl

under `/usr/bin/time -v` (`--repeat` times; wall time is the median, peak memory the
largest "Maximum resident set size"), and counts a planted echo as found when the output
has a pair of its two documents with an echo overlapping both of its spans, each by at
least half of the shorter span on that side (as scripts/bench-scale.py does).

Base prose and generation follow scripts/bench-scale.py (whose functions are reused): real
English prose found offline (the repository's data/*/*.txt, the licence texts in
/usr/share/common-licenses and, when the Debian package `fortunes` is installed, its
quotations), split into sentences; each document samples sentences and shuffles the words
across the whole document (`--shuffle document`, the default; `--shuffle sentence` shuffles
only within each sentence, as bench-scale.py does), so documents share vocabulary but not
phrasing. Each plant is a run of 6
to 15 consecutive words of a base sentence kept in its original order: the source document
gets the whole sentence, the target document gets the run with one light edit (a word
dropped, a function word changed, or "-ly"/"-s" removed) as a sentence of its own. Every
document has a random date in 2019-2020, so echoes carry a direction. Note that the base is
a fixed pool of prose: the more documents, the more often each base sentence recurs (in
shuffled order), so chance matches between documents grow faster than the archive, as in
any archive that recycles its own stock phrases.

Inputs live in a temporary directory (`--keep` to keep it), never in the repository.
Python 3 standard library only.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import random
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("bench_scale", REPO / "scripts" / "bench-scale.py")
bench_scale = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_scale)


def parse_size(s: str) -> int:
    s = s.strip().lower()
    mult = 1
    if s.endswith("k"):
        mult, s = 1000, s[:-1]
    elif s.endswith("m"):
        mult, s = 1_000_000, s[:-1]
    return int(float(s) * mult)


def label(n: int) -> str:
    return f"{n // 1000}k" if n % 1000 == 0 and n >= 1000 else str(n)


def shuffle_document(sentences: list, rng: random.Random) -> None:
    """Shuffle words across the whole document, keeping sentence lengths: documents keep the
    vocabulary and word frequencies of real prose but no base sentence's words stay together."""
    words = [w for s in sentences for w in s.words]
    rng.shuffle(words)
    at = 0
    for s in sentences:
        s.words = words[at : at + len(s.words)]
        at += len(s.words)


def generate(n_docs: int, words: int, pool: list[list[str]], seed: int, path: Path,
             shuffle: str = "document") -> tuple[list[dict], int]:
    """Write the archive as JSONL; return the plants (with their byte spans) and total words."""
    rng = random.Random(seed)
    long_enough = [ws for ws in pool if len(ws) >= 8]
    n_plants = max(20, n_docs // 5)
    plants = []
    by_doc: dict[int, list[tuple[str, int]]] = {}
    for pid in range(n_plants):
        src, dst = rng.sample(range(n_docs), 2)
        sentence = list(rng.choice(long_enough))
        length = rng.randint(6, min(15, len(sentence)))
        a = rng.randrange(0, len(sentence) - length + 1)
        edited, kind = bench_scale.light_edit(sentence[a : a + length], rng)
        plants.append({"id": pid, "src": src, "dst": dst, "sentence": sentence, "run": (a, a + length),
                       "edited": edited, "edit": kind})
        by_doc.setdefault(src, []).append(("src", pid))
        by_doc.setdefault(dst, []).append(("dst", pid))
    total = 0
    with open(path, "w", encoding="utf-8") as out:
        for d in range(n_docs):
            sentences = bench_scale.sample_side(pool, words, rng)
            if shuffle == "document":
                shuffle_document(sentences, rng)
            for role, pid in by_doc.get(d, []):
                p = plants[pid]
                if role == "src":
                    # replace an unmarked sentence by the base sentence in its original order
                    free = [k for k, s in enumerate(sentences) if not s.marks]
                    k = rng.choice(free)
                    s = bench_scale.Sentence(list(p["sentence"]))
                    s.marks.append((pid, *p["run"]))
                    sentences[k] = s
                else:
                    s = bench_scale.Sentence(list(p["edited"]))
                    s.marks.append((pid, 0, len(p["edited"])))
                    sentences.insert(rng.randint(0, len(sentences)), s)
            text, spans = bench_scale.render(sentences, rng)
            total += len(text.split())
            for role, pid in by_doc.get(d, []):
                plants[pid]["left" if role == "src" else "right"] = spans[pid]
            date = f"{rng.randint(2019, 2020)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            out.write(json.dumps({"id": f"doc{d:06d}", "date": date, "text": text}) + "\n")
    return plants, total


def recall(output: Path, plants: list[dict]) -> tuple[int, dict]:
    """Planted echoes found, and the closing summary object of the scan."""
    wanted: dict[tuple[str, str], list[dict]] = {}
    for p in plants:
        a, b = f"doc{p['src']:06d}", f"doc{p['dst']:06d}"
        wanted.setdefault((a, b), []).append(p)
        wanted.setdefault((b, a), []).append(p)

    def enough(a0, a1, b0, b1):
        overlap = min(a1, b1) - max(a0, b0)
        return overlap > 0 and 2 * overlap >= min(a1 - a0, b1 - b0)

    found: set[int] = set()
    summary = {}
    with open(output, encoding="utf-8") as f:
        for line in f:
            obj = json.loads(line)
            if obj["type"] == "summary":
                summary = obj
                continue
            lid, rid = obj["left"]["id"], obj["right"]["id"]
            for p in wanted.get((lid, rid), []):
                # spans: "left" is in the source document, "right" in the target
                src_is_left = lid == f"doc{p['src']:06d}"
                (s0, s1), (t0, t1) = p["left"], p["right"]
                for e in obj["echoes"]:
                    el, er = e["left"], e["right"]
                    src, dst = (el, er) if src_is_left else (er, el)
                    if enough(s0, s1, src["start"], src["end"]) and enough(t0, t1, dst["start"], dst["end"]):
                        found.add(p["id"])
                        break
    return len(found), summary


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", default="1k,10k", help="archive sizes in documents (default 1k,10k)")
    ap.add_argument("--words", type=int, default=500, help="words per document (default 500)")
    ap.add_argument("--repeat", type=int, default=1, help="runs per size (median time)")
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("--threads", type=int, help="passed to echodiff scan --threads")
    ap.add_argument("--binary", default=str(REPO / "target" / "release" / "echodiff"))
    ap.add_argument("--extra", default="", help="more echodiff scan flags, space-separated")
    ap.add_argument("--shuffle", choices=["document", "sentence"], default="document",
                    help="shuffle words across each document (default) or only within each "
                         "sentence (base sentences recur as bags of words: many chance echoes)")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--small-prose", action="store_true")
    args = ap.parse_args()

    files = bench_scale.default_corpus(args.small_prose)
    pool = bench_scale.load_sentences(files)
    print(f"# base: {len(files)} files, {len(pool):,} sentences, "
          f"{sum(map(len, pool)):,} words", file=sys.stderr)
    tmp = Path(tempfile.mkdtemp(prefix="echodiff-bench-scan-"))
    binary = tmp / "echodiff"
    shutil.copy2(args.binary, binary)
    rows, points = [], []
    try:
        for n in [parse_size(s) for s in args.docs.split(",")]:
            d = tmp / label(n)
            d.mkdir(parents=True, exist_ok=True)
            print(f"# {label(n)}: generating", file=sys.stderr)
            plants, total = generate(n, args.words, pool, seed=n, path=d / "docs.jsonl",
                                     shuffle=args.shuffle)
            (d / "planted.json").write_text(json.dumps(plants), encoding="utf-8")
            cmd = [str(binary), "scan", "--self", "--jsonl", str(d / "docs.jsonl")]
            if args.threads:
                cmd += ["--threads", str(args.threads)]
            cmd += args.extra.split()
            print(f"# {label(n)}: {' '.join(cmd)}", file=sys.stderr)
            m = bench_scale.measure(cmd, d / "out.jsonl", args.repeat, args.timeout)
            found, s = (0, {}) if m["timeout"] else recall(d / "out.jsonl", plants)
            if m["time"]:
                points.append((n, m["time"]))
            rows.append([
                label(n), f"{total:,}", bench_scale.fmt_t(m["time"]), bench_scale.fmt_m(m["rss"]),
                f"{s.get('pairs_compared', 0):,}", f"{s.get('pairs_reported', 0):,}",
                f"{s.get('echoes', 0):,}", f"{s.get('ngrams_skipped', 0):,}/{s.get('ngrams', 0):,}",
                str(len(plants)), str(found), f"{100 * found / len(plants):.0f}%",
            ])
            print(f"# {label(n)}: done: {rows[-1]}", file=sys.stderr)
        headers = ["docs", "words", "time s", "peak MiB", "pairs compared", "pairs reported",
                   "echoes", "bigrams skipped", "planted", "found", "recall"]
        print(bench_scale.table(headers, rows, args.markdown))
        if len(points) >= 2:
            print()
            for (a, ta), (b, tb) in zip(points, points[1:]):
                print(f"scaling {label(a)} -> {label(b)} documents: time exponent "
                      f"{math.log(tb / ta) / math.log(b / a):.2f} (1.0 is linear)")
    finally:
        if args.keep:
            print(f"# inputs kept in {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Scale benchmark for echodiff: time, peak memory and recall of planted echoes.

Usage (from the repository root):

    cargo build --release && cargo build --release --example floor
    scripts/bench-scale.py                      # 10k, 100k and 1M words per side
    scripts/bench-scale.py --sizes 10k,100k     # other sizes
    scripts/bench-scale.py --markdown           # the tables as Markdown (docs/performance.md)

For each size N it generates a deterministic (seeded) pair of texts of about N words each,
plants echoes in it (one per 5,000 words, at least 5), and then

* runs `target/release/echodiff --format json LEFT RIGHT` under `/usr/bin/time -v`
  (`--repeat` times, default 3): wall time is the median, measured here around the process;
  peak memory is the largest "Maximum resident set size" of the runs;
* runs the same with `--no-statement-echoes` (phrase echoes only), and reports how many of
  the echoes are statement-level and how large the JSON output is, since at scale the
  statement-level echoes make most of the output and of the time;
* runs the same in the default format, text, to a file ("text s": what a user waits for
  without `--format`);
* runs the same with `--max-echoes 1000` ("1000 listed s"): every echo is still found and
  counted, but only the 1,000 best are listed, and the others' diffs are never made;
* runs the floor, `target/release/examples/floor LEFT RIGHT`, the same way: only reading,
  decoding, tokenizing and hashing the words of both sides; echodiff's time is reported as
  a multiple of it;
* counts a planted echo as found when some reported echo overlaps its left span and its
  right span, each by at least half of the shorter of the two spans on that side.

It also times the repetition case: one sentence repeated 100,000 times (`--repeat-lines`)
compared against itself. Last comes the scaling exponent, the slope of log(time) against
log(words) between the smallest and the largest size (1.0 is linear).

Base prose. The sides are built from real English prose available offline, read only at
bench time and never copied into the repository:
* the repository's own `data/*/*.txt` texts (public-domain documents, see their SOURCE.md);
* the licence texts Debian ships in /usr/share/common-licenses (GPL-3, LGPL-2.1, GFDL-1.3,
  MPL-2.0, Apache-2.0, GPL-2, when present);
* when the Debian package `fortunes` is installed (`apt-get install fortunes`), the
  quotations of /usr/share/games/fortunes (literature, wisdom, people, science, ...),
  about 150,000 words by many authors, which gives the sides a realistic vocabulary.
  Without it (or with `--small-prose`) the base is about 18,000 words of mostly legal
  prose, whose small vocabulary makes chance matches between the sides grow faster than
  the input. `--corpus FILE...` picks other files. The header line on stderr says which
  base was used.

Generation. The prose is split into sentences, which are shuffled and dealt into two
disjoint pools, one per side. Each side samples sentences from its pool and shuffles the
words within every sampled sentence, so the two sides share vocabulary but not phrasing.
Each planted echo is a run of 6 to 15 consecutive words of a left sentence (one left
sentence per plant is kept in its original word order, so the phrase is real prose and
occurs once on the left), inserted into the right side (as a sentence of its own, or
spliced into a sentence) with one light edit: a word dropped, a function word changed, or a
suffix removed ("-ly", "-s"). Its byte spans on both sides are recorded. Inputs are written under a temporary directory (`--keep` to
keep it), never into the repository.

Python 3 standard library only.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from bisect import bisect_left
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LICENSES = Path("/usr/share/common-licenses")
LICENSE_FILES = ["GPL-3", "LGPL-2.1", "GFDL-1.3", "MPL-2.0", "Apache-2.0", "GPL-2"]
# Debian package `fortunes` (optional): quotations, mostly from published prose, many authors.
FORTUNES = Path("/usr/share/games/fortunes")
FORTUNE_FILES = [
    "literature", "wisdom", "people", "science", "politics", "art", "work", "education",
    "law", "definitions", "humorists", "love", "medicine", "news", "miscellaneous", "food",
]
FUNCTION_WORDS = [
    "the", "a", "an", "of", "in", "to", "for", "and", "or", "by", "with", "on",
    "at", "from", "that", "which", "this", "is", "be", "as",
]
REPEATED_SENTENCE = (
    "We hold these truths to be self-evident, that all men are created equal, "
    "that they are endowed by their Creator with certain unalienable Rights."
)
WORD_OK = re.compile(r"^[A-Za-z0-9][A-Za-z0-9'\u2019\-]*$")
STRIP = ".,;:!?()[]{}\"'\u201c\u201d\u2018\u2019*_`"


# --------------------------------------------------------------------------- base prose


def default_corpus(small: bool) -> list[Path]:
    files = sorted(REPO.glob("data/*/*.txt"))
    files += [LICENSES / n for n in LICENSE_FILES if (LICENSES / n).is_file()]
    if not small:
        files += [FORTUNES / f"{n}.u8" for n in FORTUNE_FILES if (FORTUNES / f"{n}.u8").is_file()]
    return files


def load_sentences(files: list[Path]) -> list[list[str]]:
    """Clean sentences (lists of words) of the base prose, deduplicated."""
    seen: set[tuple[str, ...]] = set()
    sentences: list[list[str]] = []
    for path in files:
        raw = path.read_text(encoding="utf-8", errors="replace")
        # Join hard-wrapped lines; paragraphs end at blank lines.
        # Fortune files separate their entries by lines holding only "%".
        raw = re.sub(r"(?m)^%$", "", raw)
        for para in re.split(r"\n\s*\n", raw):
            para = " ".join(para.split())
            for sent in re.split(r"(?<=[.!?;])\s+", para):
                words = []
                for i, w in enumerate(sent.split()):
                    w = w.strip(STRIP)
                    if not w or not WORD_OK.match(w):
                        continue
                    # Keep the case of names (capitalized inside a sentence), else lowercase.
                    if i == 0 or w.isupper():
                        w = w.lower()
                    words.append(w)
                if not 5 <= len(words) <= 60:
                    continue
                if sum(any(c.isdigit() for c in w) for w in words) > len(words) // 3:
                    continue
                key = tuple(words)
                if key in seen:
                    continue
                seen.add(key)
                sentences.append(words)
    return sentences


# --------------------------------------------------------------------------- generation


class Sentence:
    """A generated sentence: words plus planted-echo marks (plant id, first word, end word)."""

    __slots__ = ("words", "marks")

    def __init__(self, words: list[str]):
        self.words = words
        self.marks: list[tuple[int, int, int]] = []


def sample_side(pool: list[list[str]], n_words: int, rng: random.Random) -> list[Sentence]:
    out: list[Sentence] = []
    total = 0
    while total < n_words:
        words = list(rng.choice(pool))
        rng.shuffle(words)
        out.append(Sentence(words))
        total += len(words)
    return out


def light_edit(phrase: list[str], rng: random.Random) -> tuple[list[str], str]:
    """One light edit of a phrase: drop a word, change a function word, or drop a suffix."""
    options = ["drop"]
    fw = [i for i, w in enumerate(phrase) if w.lower() in FUNCTION_WORDS]
    if fw:
        options.append("function")
    sfx = [
        i
        for i, w in enumerate(phrase)
        if (w.endswith("ly") and len(w) > 4) or (w.endswith("s") and not w.endswith("ss") and len(w) > 3)
    ]
    if sfx:
        options.append("suffix")
    kind = rng.choice(options)
    out = list(phrase)
    if kind == "drop":
        del out[rng.randrange(1, len(out) - 1)]
    elif kind == "function":
        i = rng.choice(fw)
        out[i] = rng.choice([w for w in FUNCTION_WORDS if w != out[i].lower()])
    else:
        i = rng.choice(sfx)
        out[i] = out[i][:-2] if out[i].endswith("ly") else out[i][:-1]
    return out, kind


def render(sentences: list[Sentence], rng: random.Random) -> tuple[str, dict[int, tuple[int, int]]]:
    """Text of the sentences, and the byte span of every planted mark."""
    parts: list[str] = []
    pos = 0
    spans: dict[int, tuple[int, int]] = {}
    until_break = rng.randint(3, 8)
    for k, s in enumerate(sentences):
        if k:
            sep = " "
            until_break -= 1
            if until_break == 0:
                sep = "\n\n"
                until_break = rng.randint(3, 8)
            parts.append(sep)
            pos += len(sep)
        starts = []
        for i, w in enumerate(s.words):
            if i == 0:
                w = w[:1].upper() + w[1:]
            if i:
                parts.append(" ")
                pos += 1
            starts.append(pos)
            parts.append(w)
            pos += len(w.encode("utf-8"))
        ends = [st + len(w.encode("utf-8")) for st, w in zip(starts, s.words)]
        parts.append(".")
        pos += 1
        for pid, a, b in s.marks:
            spans[pid] = (starts[a], ends[b - 1])
    return "".join(parts), spans


def generate_pair(n_words: int, pools: tuple[list, list], seed: int, out_dir: Path):
    """Write left.txt and right.txt with planted echoes; return their paths and the plants."""
    rng = random.Random(seed)
    left = sample_side(pools[0], n_words, rng)
    n_plants = max(5, n_words // 5000)
    # Plants: a left sentence is replaced by a base sentence in its original (unshuffled)
    # word order, so that it reads as real prose and occurs once on the left; the echo is a
    # run of 6-15 of its words.
    long_enough = [ws for ws in pools[0] if len(ws) >= 8]
    plants = []
    for pid, li in enumerate(rng.sample(range(len(left)), n_plants)):
        s = left[li] = Sentence(list(rng.choice(long_enough)))
        length = rng.randint(6, min(15, len(s.words)))
        a = rng.randrange(0, len(s.words) - length + 1)
        s.marks.append((pid, a, a + length))
        edited, kind = light_edit(s.words[a : a + length], rng)
        plants.append({"id": pid, "left_words": s.words[a : a + length], "right_words": edited, "edit": kind})
    planted_words = sum(len(p["right_words"]) for p in plants)
    right = sample_side(pools[1], n_words - planted_words, rng)
    # Insert every plant into the right side: its own sentence or spliced into one.
    slots = sorted(rng.sample(range(len(right)), n_plants), reverse=True)
    order = list(range(n_plants))
    rng.shuffle(order)
    for slot, pid in zip(slots, order):
        words = plants[pid]["right_words"]
        if rng.random() < 0.5:
            s = Sentence(list(words))
            s.marks.append((pid, 0, len(words)))
            right.insert(slot + 1, s)
        else:
            s = right[slot]
            at = rng.randint(1, len(s.words))
            s.words[at:at] = words
            s.marks.append((pid, at, at + len(words)))
    left_text, left_spans = render(left, rng)
    right_text, right_spans = render(right, rng)
    out_dir.mkdir(parents=True, exist_ok=True)
    lp, rp = out_dir / "left.txt", out_dir / "right.txt"
    lp.write_text(left_text, encoding="utf-8")
    rp.write_text(right_text, encoding="utf-8")
    for p in plants:
        p["left"] = left_spans[p["id"]]
        p["right"] = right_spans[p["id"]]
    (out_dir / "planted.json").write_text(json.dumps(plants, indent=1), encoding="utf-8")
    return lp, rp, plants, len(left_text.split()), len(right_text.split())


# --------------------------------------------------------------------------- measuring

# GNU time (Debian package `time`); without it, the child's rusage from os.wait4.
TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run_once(cmd: list[str], stdout_path: Path, timeout: float) -> tuple[float | None, float | None, int]:
    """Wall seconds (None on timeout), peak RSS in MiB, exit code."""
    with open(stdout_path, "wb") as out:
        if TIME:
            full = [TIME, "-v", *cmd]
            t0 = time.perf_counter()
            # A session of its own, so that a timeout ends the timed command too, not only time.
            proc = subprocess.Popen(full, stdout=out, stderr=subprocess.PIPE, start_new_session=True)
            try:
                _, err_bytes = proc.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.communicate()
                return None, None, -1
            wall = time.perf_counter() - t0
            err = err_bytes.decode("utf-8", "replace")
            m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
            rss = int(m.group(1)) / 1024 if m else None
            m = re.search(r"Exit status: (\d+)", err)
            code = int(m.group(1)) if m else proc.returncode
            return wall, rss, code
        # Fallback without GNU time: the child's own rusage from wait4.
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL)
        deadline = t0 + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                os.wait4(proc.pid, 0)
                return None, None, -1
            time.sleep(0.005)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        return wall, usage.ru_maxrss / 1024, proc.returncode


def measure(cmd: list[str], stdout_path: Path, repeat: int, timeout: float) -> dict:
    walls, rsss = [], []
    for _ in range(repeat):
        wall, rss, code = run_once(cmd, stdout_path, timeout)
        if wall is None:
            return {"time": None, "rss": None, "timeout": True}
        if code != 0:
            sys.exit(f"command failed (exit {code}): {' '.join(cmd)}")
        walls.append(wall)
        if rss is not None:
            rsss.append(rss)
    return {"time": statistics.median(walls), "rss": max(rsss) if rsss else None, "timeout": False}


def recall(echo_json: Path, plants: list[dict]) -> tuple[int, int, int]:
    """(found, reported echoes, statement-level echoes among them): a plant is found when an
    echo overlaps both of its spans."""
    with open(echo_json, encoding="utf-8") as f:
        echoes = json.load(f)["echoes"]
    statements = sum(1 for e in echoes if e.get("level") == "statement")
    pairs = sorted(
        ((e["right"]["start"], e["right"]["end"], e["left"]["start"], e["left"]["end"]) for e in echoes)
    )
    starts = [p[0] for p in pairs]
    longest = max((p[1] - p[0] for p in pairs), default=0)

    def enough(a0, a1, b0, b1):
        overlap = min(a1, b1) - max(a0, b0)
        return overlap > 0 and 2 * overlap >= min(a1 - a0, b1 - b0)

    found = 0
    for p in plants:
        (l0, l1), (r0, r1) = p["left"], p["right"]
        lo = bisect_left(starts, r0 - longest)
        hi = bisect_left(starts, r1)
        if any(enough(r0, r1, e[0], e[1]) and enough(l0, l1, e[2], e[3]) for e in pairs[lo:hi]):
            found += 1
    return found, len(echoes), statements


# --------------------------------------------------------------------------- output


def parse_size(s: str) -> int:
    s = s.strip().lower()
    mult = {"k": 1_000, "m": 1_000_000}.get(s[-1:], 1)
    return int(float(s.rstrip("km")) * mult)


def label(n: int) -> str:
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    if n >= 1_000 and n % 1_000 == 0:
        return f"{n // 1_000}k"
    return str(n)


def fmt_t(t: float | None) -> str:
    return "timeout" if t is None else f"{t:.3f}"


def fmt_m(m: float | None) -> str:
    return "-" if m is None else f"{m:.0f}"


def table(headers: list[str], rows: list[list[str]], markdown: bool) -> str:
    if markdown:
        lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---:" for _ in headers) + "|"]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        return "\n".join(lines)
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    lines = ["  ".join(h.rjust(w) for h, w in zip(headers, widths))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.rjust(w) for c, w in zip(r, widths)) for r in rows]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10k,100k,1M", help="words per side, comma-separated (default 10k,100k,1M)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement; the median time is kept (default 3)")
    ap.add_argument("--repeat-lines", type=int, default=100_000, help="sentences in the repetition case (0 to skip)")
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--timeout", type=float, default=300, help="seconds before a run is abandoned (default 300)")
    ap.add_argument("--min-score", help="pass --min-score to echodiff (default: echodiff's own)")
    ap.add_argument("--echodiff", default=str(REPO / "target/release/echodiff"))
    ap.add_argument("--floor", default=str(REPO / "target/release/examples/floor"))
    ap.add_argument("--corpus", nargs="*", type=Path, help="base prose files (default: data/*/*.txt and licence texts)")
    ap.add_argument(
        "--small-prose",
        action="store_true",
        help="base prose without the fortunes files, even when installed (a small vocabulary)",
    )
    ap.add_argument("--markdown", action="store_true", help="print the tables as Markdown")
    ap.add_argument("--keep", action="store_true", help="keep the generated inputs and print where they are")
    args = ap.parse_args()

    for exe, how in ((args.echodiff, "cargo build --release"), (args.floor, "cargo build --release --example floor")):
        if not os.access(exe, os.X_OK):
            sys.exit(f"{exe} not found: run `{how}` first")
    sizes = [parse_size(s) for s in args.sizes.split(",") if s.strip()]
    files = args.corpus or default_corpus(args.small_prose)
    sentences = load_sentences(files)
    if len(sentences) < 20:
        sys.exit("not enough base prose")
    rng = random.Random(args.seed)
    rng.shuffle(sentences)
    pools = (sentences[0::2], sentences[1::2])
    base_words = sum(len(s) for s in sentences)

    tmp = Path(tempfile.mkdtemp(prefix="echodiff-bench-"))
    # Time copies of the binaries, so that a rebuild during the run cannot change them.
    for name, exe in (("echodiff", args.echodiff), ("floor", args.floor)):
        shutil.copy2(exe, tmp / name)
    args.echodiff, args.floor = str(tmp / "echodiff"), str(tmp / "floor")
    echo_cmd = [args.echodiff, "--format", "json"]
    text_cmd = [args.echodiff]
    if args.min_score:
        echo_cmd += ["--min-score", args.min_score]
        text_cmd += ["--min-score", args.min_score]
    print(
        f"# base prose: {len(files)} files ({'with' if any(FORTUNES in f.parents for f in files) else 'without'} fortunes), {len(sentences)} sentences, {base_words} words; "
        f"seed {args.seed}; {args.repeat} runs each; timer: {TIME or 'wait4 rusage'}; cores: {os.cpu_count()}",
        file=sys.stderr,
    )
    rows, points = [], []
    try:
        for n in sizes:
            d = tmp / label(n)
            print(f"# {label(n)}: generating", file=sys.stderr)
            lp, rp, plants, lw, rw = generate_pair(n, pools, args.seed + n, d)
            print(f"# {label(n)}: floor", file=sys.stderr)
            fl = measure([args.floor, str(lp), str(rp)], d / "floor.out", args.repeat, args.timeout)
            print(f"# {label(n)}: echodiff", file=sys.stderr)
            ed = measure([*echo_cmd, str(lp), str(rp)], d / "echoes.json", args.repeat, args.timeout)
            found, reported, stated = (0, 0, 0) if ed["timeout"] else recall(d / "echoes.json", plants)
            out_mib = (d / "echoes.json").stat().st_size / 2**20
            print(f"# {label(n)}: echodiff --no-statement-echoes", file=sys.stderr)
            ph = measure([*echo_cmd, "--no-statement-echoes", str(lp), str(rp)], d / "phrases.json", args.repeat,
                         args.timeout)
            print(f"# {label(n)}: echodiff (text, the default format)", file=sys.stderr)
            text = measure([*text_cmd, str(lp), str(rp)], d / "report.txt", args.repeat, args.timeout)
            print(f"# {label(n)}: echodiff --max-echoes 1000", file=sys.stderr)
            capped = measure([*echo_cmd, "--max-echoes", "1000", str(lp), str(rp)], d / "capped.json",
                             args.repeat, args.timeout)
            mult = ed["time"] / fl["time"] if ed["time"] and fl["time"] else None
            if ed["time"]:
                points.append((n, ed["time"]))
            rows.append(
                [
                    label(n),
                    f"{lw:,}/{rw:,}",
                    fmt_t(ed["time"]),
                    fmt_t(ph["time"]),
                    fmt_t(text["time"]),
                    fmt_t(capped["time"]),
                    fmt_t(fl["time"]),
                    "-" if mult is None else f"{mult:.1f}x",
                    fmt_m(ed["rss"]),
                    fmt_m(fl["rss"]),
                    f"{reported:,}",
                    f"{stated:,}",
                    fmt_m(out_mib),
                    str(len(plants)),
                    str(found),
                    f"{100 * found / len(plants):.0f}%",
                ]
            )
            print(f"# {label(n)}: done: {rows[-1]}", file=sys.stderr)

        headers = ["size", "words L/R", "echodiff s", "phrases only s", "text s", "1000 listed s", "floor s", "x floor", "peak MiB",
                   "floor MiB", "echoes", "statement-level", "JSON MiB", "planted", "found", "recall"]
        print(table(headers, rows, args.markdown))
        if len(points) >= 2:
            (n0, t0), (n1, t1) = points[0], points[-1]
            k = math.log(t1 / t0) / math.log(n1 / n0)
            print()
            print(f"scaling: time ~ words^{k:.2f} between {label(n0)} ({t0:.3f} s) and {label(n1)} ({t1:.3f} s)")
            for (a, ta), (b, tb) in zip(points, points[1:]):
                print(f"  {label(a)} -> {label(b)}: exponent {math.log(tb / ta) / math.log(b / a):.2f}")

        if args.repeat_lines > 0:
            d = tmp / "repeat"
            d.mkdir(parents=True, exist_ok=True)
            p = d / "repeat.txt"
            p.write_text((REPEATED_SENTENCE + "\n") * args.repeat_lines, encoding="utf-8")
            words = len(REPEATED_SENTENCE.split()) * args.repeat_lines
            print("# repetition: floor, echodiff", file=sys.stderr)
            fl = measure([args.floor, str(p), str(p)], d / "floor.out", args.repeat, args.timeout)
            ed = measure([*echo_cmd, str(p), str(p)], d / "echoes.json", args.repeat, args.timeout)
            reported = "-"
            if not ed["timeout"]:
                with open(d / "echoes.json", encoding="utf-8") as f:
                    reported = f"{len(json.load(f)['echoes']):,}"
            mult = ed["time"] / fl["time"] if ed["time"] and fl["time"] else None
            print()
            print(table(
                ["case", "words/side", "echodiff s", "floor s", "x floor", "peak MiB", "floor MiB", "echoes"],
                [[f"1 sentence x {args.repeat_lines:,} vs itself", f"{words:,}", fmt_t(ed["time"]),
                  fmt_t(fl["time"]), "-" if mult is None else f"{mult:.1f}x", fmt_m(ed["rss"]),
                  fmt_m(fl["rss"]), reported]],
                args.markdown,
            ))
    finally:
        if args.keep:
            print(f"# inputs kept in {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

#!/bin/sh
# Time the release binary on the benchmark-sized hostile inputs of issue 6, and check each
# finishes with exit 0 (and, for the repeated sentence, one big echo):
#   - one 50 MB line with no newline, against a short text (and one of 100 MB: the
#     --max-bytes default must take it)
#   - 1,000,000 one-letter words against a short text
#   - one sentence repeated 100,000 times, against itself
#   - one word repeated 1,000,000 times, against itself
#   - 25,000 quoted sentences (300,000 words) against 25,000 others: every phrase starts
#     inside a quotation (how much of it a phrase covers was counted over the whole text,
#     once per candidate, until session 10)
# Usage: scripts/bench-robust.sh   (prints seconds and peak memory, /usr/bin/time -v's
#        maximum resident set size, per case)
#        BIN=path/to/echodiff scripts/bench-robust.sh   (time another build; no cargo build)
set -eu
cd "$(dirname "$0")/.."
if [ -z "${BIN:-}" ]; then
    cargo build --release --quiet
    BIN=target/release/echodiff
fi
bin=$BIN
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
short="Washington must completely and irreversibly withdraw its hostile policy."
printf '%s\n' "$short" > "$dir/short.txt"
python3 - "$dir" <<'PY'
import sys
d = sys.argv[1]
word = "denuclearization irreversible peninsula "
open(f"{d}/line50mb.txt", "w").write(word * (50 * 1024 * 1024 // len(word)))
open(f"{d}/line100mb.txt", "w").write(word * (100 * 1024 * 1024 // len(word)))
letters = "abcdefghijklmnopqrstuvwxyz"
open(f"{d}/letters.txt", "w").write(" ".join(letters[k * 7 % 26] for k in range(1_000_000)))
open(f"{d}/sentence.txt", "w").write("The two sides held frank discussions on denuclearization. " * 100_000)
open(f"{d}/word.txt", "w").write("very " * 1_000_000)
import random
words = ("talks negotiations denuclearization sanctions peninsula envoy summit missile "
         "guarantee calculation proposal hostile policy security dialogue delegation "
         "statement ministry spokesman pressure").split()
for side, seed in (("quotes-left", 1), ("quotes-right", 2)):
    rng = random.Random(seed)
    said = ('She said: "The %s." ' % " ".join(rng.choice(words) for _ in range(11))
            for _ in range(25_000))
    open(f"{d}/{side}.txt", "w").write("".join(said))
PY
run() {
    name=$1; shift
    start=$(date +%s.%N)
    /usr/bin/time -v -o "$dir/time" "$bin" --format=json "$@" > "$dir/out.json"
    sed -n 's/.*Maximum resident set size (kbytes): //p' "$dir/time" > "$dir/mem"
    end=$(date +%s.%N)
    echoes=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); e=d["echoes"]; print(len(e), (e[0]["left"]["end"]-e[0]["left"]["start"]) if e else 0)' "$dir/out.json")
    printf '%-34s %6.2f s  %6d MB  echoes, top left bytes: %s\n' "$name" \
        "$(echo "$end - $start" | bc)" "$(( $(cat "$dir/mem") / 1024 ))" "$echoes"
}
run "50 MB line vs short" "$dir/line50mb.txt" "$dir/short.txt"
run "100 MB line vs short" "$dir/line100mb.txt" "$dir/short.txt"
run "1M one-letter words vs short" "$dir/letters.txt" "$dir/short.txt"
run "sentence x100,000 vs itself" "$dir/sentence.txt" "$dir/sentence.txt"
run "word x1,000,000 vs itself" "$dir/word.txt" "$dir/word.txt"
run "25,000 quotations vs 25,000" "$dir/quotes-left.txt" "$dir/quotes-right.txt"

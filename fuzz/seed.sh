#!/bin/sh
# Seed fuzz/corpus/{pipeline,check,scan}. pipeline: the data/ texts cut into pieces: for
# each pair, pieces of the left and right texts joined by the side separator (0x1E), plus a
# few crafted inputs (BOM, UTF-16, CJK, RTL, CRLF, hyphenated line ends).
set -eu
cd "$(dirname "$0")/.."
out=fuzz/corpus/pipeline
mkdir -p "$out"
n=0
for dir in data/*/; do
    set -- "$dir"*.txt
    [ "$#" -ge 2 ] || continue
    for off in 0 1500 4000 9000; do
        for len in 300 1200; do
            n=$((n + 1))
            { tail -c +$((off + 1)) "$1" | head -c "$len"; printf '\036'; tail -c +$((off + 1)) "$2" | head -c "$len"; } > "$out/data-$n"
        done
    done
done
printf '\357\273\277We seek complete, verifiable and irreversible denuclearization.\036Completely and irre-\nversibly.\r\n' > "$out/bom-hyphen"
printf '\377\376W\000e\000 \000s\000e\000e\000k\000\036we seek' > "$out/utf16le"
printf '我们寻求完全的和平。朝鲜半岛完全无核化。\036他们说：朝鲜半岛完全无核化是不可能的。' > "$out/zh"
printf 'これは日本語の文です。平和的な解決を求める。\036我々は平和的な解決を求める。' > "$out/ja"
printf '한국어 문장입니다. 평화적 해결을 원한다.\036우리는 평화적 해결을 원한다.' > "$out/ko"
printf 'שלום עולם. مرحبا بالعالم. Привет, мир!\036Привет, мир! שלום עולם.' > "$out/rtl"
printf 'cafe\314\201 zero\342\200\213width joi\342\200\215ner \360\237\221\250\342\200\215\360\237\221\251 \357\274\241\357\274\242\357\274\243\036cafe\314\201 \357\274\241\357\274\242\357\274\243 line\rend' > "$out/marks"
echo "seeded $(ls "$out" | wc -l) inputs into $out"

# check: a reference file (each [[pair]] of data/reference/*.toml, and the example whole),
# the pair's two texts cut short, and a baseline of a few echoes, split at 0x1E.
# scan: two bytes of settings, then JSONL documents cut from the data/ texts.
python3 - <<'PY'
import json, os, re
out = "fuzz/corpus/check"
os.makedirs(out, exist_ok=True)
base = {"baseline_version": 1, "pairs": [{"name": "stockholm-2019", "echoes": [
    {"left": "complete, verifiable, and irreversible", "right": "completely and irreversibly",
     "left_start": 459, "right_start": 458, "score": 0.51}]}]}
n = 0
for ref in ["data/reference/pairs.toml", "data/reference/example.toml"]:
    text = open(ref).read()
    blocks = re.split(r"(?m)^(?=\[\[pair\]\])", text)
    head, pairs = blocks[0], blocks[1:]
    for block in pairs + ["\n".join(pairs)]:
        paths = re.findall(r'(?m)^(left|right) = "([^"]+)"', block)
        files = [os.path.normpath(os.path.join("data/reference", p)) for _, p in paths[:2]]
        if len(files) < 2:
            continue
        for size in (600, 2500):
            texts = [open(f, "rb").read()[:size] for f in files]
            parts = [(head + block).encode(), texts[0], texts[1], json.dumps(base).encode()]
            n += 1
            open(f"{out}/ref-{n}", "wb").write(b"\x1e".join(parts))
open(f"{out}/tiny", "wb").write(b'ignore = ["the"]\n[[pair]]\nname = "x"\nleft = "l"\nright = "r"\n'
    b'expect = [{ left = "a b" }]\nforbid = [{ right = "b", match = "within" }, { max_score = 0.9 }]\n'
    b'bounds = { echoes = { min = 1 }, mirrored.left = { max = 0.5 } }\n'
    b'\x1ea b c. a b c.\x1ea b c d.\x1e{"baseline_version": 1, "pairs": []}')
out = "fuzz/corpus/scan"
os.makedirs(out, exist_ok=True)
texts = []
for d in sorted(os.listdir("data")):
    if not os.path.isdir(f"data/{d}"):
        continue
    for f in sorted(os.listdir(f"data/{d}")):
        if f.endswith(".txt"):
            texts.append(open(f"data/{d}/{f}", encoding="utf-8").read())
k = 0
for a, b in [(0x00, 0x03), (0x02, 0x02), (0x04, 0x0D), (0x01, 0x01)]:
    for size in (200, 700):
        lines = []
        for i, t in enumerate(texts):
            doc = {"id": f"d{i}", "text": t[:size], "side": "ab"[i % 2]}
            if i % 3 == 0:
                doc["date"] = f"2019-10-{i + 1:02d}"
            if i % 4 == 0:
                doc["title"] = f"Title {i}"
            lines.append(json.dumps(doc, ensure_ascii=i % 2 == 0))
        k += 1
        open(f"{out}/docs-{k}", "wb").write(bytes([a, b]) + "\n".join(lines).encode() + b"\n")
open(f"{out}/bad-lines", "wb").write(b"\x03\x01" + b'{"id": "a", "text": "We seek complete and irreversible denuclearization."}\n'
    b'[1]\n{"id": 5}\n\n{"id": "b", "text": "They seek complete and irreversible denuclearization.", "date": "2019-02-30"}\n'
    b'{"id": "c", "text": "caf\xc3(", "side": "x"}\r\n{"id": "d", "text": "completely and irreversibly \\ud83d\\ude00"}\n')
open(f"{out}/utf16", "wb").write(b"\x00\x03" + b"\xff\xfe" + '{"id": "a", "text": "complete and irreversible denuclearization now"}\n{"id": "b", "text": "complete and irreversible denuclearization later"}\n'.encode("utf-16-le"))
print(f"seeded {n + 1} check inputs and {k + 2} scan inputs")
PY

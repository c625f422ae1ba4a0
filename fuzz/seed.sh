#!/bin/sh
# Seed fuzz/corpus/pipeline with the data/ texts cut into pieces: for each pair, pieces of
# the left and right texts joined by the side separator (0x1E), plus a few crafted inputs
# (BOM, UTF-16, CJK, RTL, CRLF, hyphenated line ends).
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

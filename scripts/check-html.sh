#!/usr/bin/env bash
# Browser check of the HTML report: render the bundled example, open it in headless Chromium
# (Debian's chromium package at /usr/bin/chromium, never a downloaded browser), check that
# echo highlights exist and link to each other, take a screenshot, fail on any console error.
# Then the same for a pair with a reused passage (the Declaration of Independence and the
# Declaration of Sentiments), checking that the passage links both ways between the texts and
# the passage section; its screenshot is SCREENSHOT with -passages before .png.
# Needs node and `npm ci` in scripts/browser. Usage: scripts/check-html.sh [SCREENSHOT.png]
set -euo pipefail
cd "$(dirname "$0")/.."

shot="${1:-target/echodiff-report.png}"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] || { echo "check-html: $CHROMIUM not found (apt-get install chromium)" >&2; exit 2; }
[ -d scripts/browser/node_modules/playwright-core ] || (cd scripts/browser && npm ci --no-audit --no-fund)

dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
bin="${ECHODIFF:-target/debug/echodiff}"
[ -x "$bin" ] || cargo build --quiet
"$bin" --format html -o "$dir/report.html" \
  --labels "US State Department,DPRK Foreign Ministry" \
  data/stockholm-2019/us-state-department.txt data/stockholm-2019/dprk-mfa.txt
mkdir -p "$(dirname "$shot")"
node scripts/browser/check.js "$dir/report.html" "$shot"
"$bin" --format html -o "$dir/passages.html" \
  --labels "Declaration of Independence,Declaration of Sentiments" \
  data/declaration-vs-seneca-falls/left.txt data/declaration-vs-seneca-falls/right.txt
node scripts/browser/check.js "$dir/passages.html" "${shot%.png}-passages.png" --passages

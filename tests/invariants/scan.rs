//! `echodiff scan --jsonl` from raw bytes, with its invariants: shared by the fuzz target
//! `fuzz/fuzz_targets/scan.rs` and by `tests/fuzz_regressions.rs`.
//!
//! Input: two bytes of settings, then the JSONL input. The first byte sets `lossy`,
//! `skip_bad`, `within` and a `--max-bytes` limit; the second `min_shared` and `max_df`.
//! Invariants: no panic; an error is one line naming the input; documents respect the
//! limit and the mode; every reported pair is in the mode's pairs, in order, with valid
//! spans and a JSONL line that parses and holds each echo's text at its offsets; a pair
//! reported by the scan gets the echoes `compare` gives the two texts alone.

use echodiff::render::scan::{DocInfo, pair_line};
use echodiff::scan::jsonl::{JsonlOptions, read_jsonl};
use echodiff::scan::{Event, Mode, ScanOptions, scan};
use echodiff::{Options, Pair, Side, compare};

/// Documents scanned per input at most (the scan compares pairs of them).
const MAX_DOCS: usize = 12;

/// The settings encoded in the first two bytes, and the JSONL input after them.
pub fn settings(data: &[u8]) -> Option<(JsonlOptions, ScanOptions, &[u8])> {
    let (&[a, b], jsonl) = data.split_first_chunk::<2>()?;
    let limits = [usize::MAX, 0, 8, 64, 1024];
    let jsonl_opts = JsonlOptions {
        lossy: a & 1 != 0,
        skip_bad: a & 2 != 0,
        within: a & 4 != 0,
        max_bytes: limits.get(usize::from(a >> 3) % limits.len()).copied()?,
    };
    let scan_opts = ScanOptions {
        compare: Options::default(),
        min_shared: usize::from(b & 3),
        max_df: [1, 2, 3, 100].get(usize::from(b >> 2) % 4).copied()?,
    };
    Some((jsonl_opts, scan_opts, jsonl))
}

/// Read and scan the JSONL input in `data`, panicking on any broken invariant.
pub fn check(data: &[u8]) {
    let Some((jsonl_opts, scan_opts, input)) = settings(data) else {
        return;
    };
    let read = match read_jsonl("docs.jsonl", input, &jsonl_opts) {
        Ok(r) => r,
        Err(e) => {
            let msg = e.to_string();
            assert!(
                msg.starts_with("docs.jsonl"),
                "error names the input: {msg}"
            );
            assert!(!msg.contains('\n'), "one-line error: {msg:?}");
            return;
        }
    };
    let lines = input.split(|&b| b == b'\n').count();
    assert!(
        read.docs.len() + read.skipped.len() <= lines,
        "more documents than lines"
    );
    for d in &read.docs {
        assert!(
            d.text.original.len() <= jsonl_opts.max_bytes,
            "a text over the limit"
        );
    }
    if let Mode::Across { left } = read.mode {
        assert!(
            !jsonl_opts.within && 0 < left && left < read.docs.len(),
            "bad sides"
        );
    }
    if read.docs.len() > MAX_DOCS {
        return;
    }
    let infos: Vec<DocInfo> = read.docs.iter().map(DocInfo::of).collect();
    let texts: Vec<echodiff::Text> = read.docs.iter().map(|d| d.text.clone()).collect();
    let n = read.docs.len();
    let mode = read.mode;
    let mut last: Option<(usize, usize)> = None;
    let stats = scan(read.docs, mode, &scan_opts, &mut |event| {
        let Event::Pair(p) = event else {
            return;
        };
        let (i, j) = (p.docs.left, p.docs.right);
        let allowed = match mode {
            Mode::Within => i < j && j < n,
            Mode::Across { left } => i < left && left <= j && j < n,
        };
        assert!(allowed, "pair ({i}, {j}) is not one the mode compares");
        assert!(last < Some((i, j)), "pairs out of order");
        last = Some((i, j));
        assert!(!p.report.echoes.is_empty(), "a reported pair has echoes");
        super::check_report(&p.report);
        let mut out = Vec::new();
        pair_line(p, &infos, &mut out).expect("rendering into a Vec cannot fail");
        let line = String::from_utf8(out).expect("output is UTF-8");
        assert_eq!(line.matches('\n').count(), 1, "one line a pair");
        super::check_json(&p.report, &line);
        // the single-pair command finds the same echoes
        let (Some(l), Some(r)) = (texts.get(i), texts.get(j)) else {
            panic!("document index out of range");
        };
        let alone = compare(l.clone(), r.clone(), &scan_opts.compare);
        let key = |r: &echodiff::Report| -> Vec<(Pair<echodiff::Span>, i64)> {
            r.echoes
                .iter()
                .map(|e| {
                    let spans = Pair::new(e.places[Side::Left].span, e.places[Side::Right].span);
                    (spans, echodiff::report::score_key(e.score))
                })
                .collect()
        };
        assert_eq!(
            key(&p.report),
            key(&alone),
            "scan and compare differ on ({i}, {j})"
        );
    });
    assert_eq!(stats.documents, n);
}

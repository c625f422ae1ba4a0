//! The whole pipeline over raw bytes, with its invariants checked: shared by the fuzz target
//! (`fuzz/fuzz_targets/pipeline.rs` includes this file by path) and by
//! `tests/fuzz_regressions.rs`, so a crash the fuzzer found is replayed exactly.
//!
//! Invariants: no panic; every statement, echo, match, diff, edit, alignment and rhetoric
//! span is on char boundaries and inside its text; every format renders; the JSON parses and
//! each `text` field equals the input slice at `start..end` (offsets count a stripped BOM);
//! no line of the text view is wider than the requested width.

// The fuzz target and the tests use this file through different module paths.
#![allow(dead_code)]

pub mod check;
pub mod scan;

use echodiff::load::{LoadOptions, decode};
use echodiff::render::{Format, RenderOptions, render};
use echodiff::{Options, Pair, Report, Side, Span, compare};
use unicode_width::UnicodeWidthStr;

/// Byte that separates the two sides in a fuzz input (ASCII record separator). Without it
/// the input is compared with itself.
pub const SEPARATOR: u8 = 0x1E;

/// Split `data` into (left, right) at the first [`SEPARATOR`].
pub fn split(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|&b| b == SEPARATOR) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, data),
    }
}

/// The text-view width used for `data`: varies with the input so narrow layouts are fuzzed.
pub fn width_for(data: &[u8]) -> usize {
    40 + data.len() % 81
}

/// Run decode, compare and every renderer over `data` and panic on any broken invariant.
pub fn check(data: &[u8]) {
    let (l, r) = split(data);
    let opts = LoadOptions::default();
    let (Ok(left), Ok(right)) = (decode("left", l, &opts), decode("right", r, &opts)) else {
        return;
    };
    let mut report = compare(left.text, right.text, &Options::default());
    report.input_offsets = Pair::new(left.offset, right.offset);
    check_report(&report);
    check_renders(&report, width_for(data));
}

fn span_ok(report: &Report, side: Side, span: Span, what: &str) {
    let s = &report.texts[side].original;
    assert!(
        span.start <= span.end && span.end <= s.len(),
        "{what} {side:?} span {span:?} outside text of {} bytes",
        s.len()
    );
    assert!(
        s.is_char_boundary(span.start) && s.is_char_boundary(span.end),
        "{what} {side:?} span {span:?} not on char boundaries"
    );
}

/// Span invariants on the report itself.
pub fn check_report(report: &Report) {
    for side in Side::BOTH {
        for st in &report.statements[side] {
            span_ok(report, side, st.span, "statement");
        }
        for t in &report.rhetoric.distinctive[side] {
            span_ok(report, side, t.span, "distinctive term");
        }
        for t in &report.rhetoric.repeated[side] {
            span_ok(report, side, t.span, "repeated phrase");
        }
    }
    let diff_ok = |diff: &[echodiff::diff::DiffSegment], what: &str| {
        for seg in diff {
            if let Some(s) = seg.left {
                span_ok(report, Side::Left, s, what);
            }
            if let Some(s) = seg.right {
                span_ok(report, Side::Right, s, what);
            }
        }
    };
    for e in &report.echoes {
        for side in Side::BOTH {
            span_ok(report, side, e.places[side].span, "echo");
            assert!(
                e.places[side].statement < report.statements[side].len().max(1),
                "echo statement index out of range"
            );
        }
        for m in &e.matches {
            span_ok(report, Side::Left, m.left, "match");
            span_ok(report, Side::Right, m.right, "match");
        }
        for ed in &e.edits {
            if let Some(s) = ed.left {
                span_ok(report, Side::Left, s, "edit");
            }
            if let Some(s) = ed.right {
                span_ok(report, Side::Right, s, "edit");
            }
        }
        diff_ok(&e.diff, "echo diff");
        assert!(
            (0.0..=1.0).contains(&e.score),
            "score {} outside [0, 1]",
            e.score
        );
    }
    for a in &report.alignments {
        for side in Side::BOTH {
            assert!(
                a.statements[side] < report.statements[side].len(),
                "alignment statement index out of range"
            );
        }
        diff_ok(&a.diff, "alignment diff");
    }
}

/// Render every format; check the JSON against the texts and the text view's width.
pub fn check_renders(report: &Report, width: usize) {
    let ropts = RenderOptions {
        width,
        color: false,
    };
    for format in [Format::Text, Format::Json, Format::Html, Format::Markdown] {
        let mut out = Vec::new();
        render(report, format, &ropts, &mut out).expect("rendering into a Vec cannot fail");
        let out = String::from_utf8(out).expect("output is UTF-8");
        match format {
            Format::Json => check_json(report, &out),
            Format::Text => check_width(&out, width),
            _ => {}
        }
    }
}

fn check_width(out: &str, width: usize) {
    for line in out.lines() {
        assert!(
            line.width() <= width,
            "text line wider than {width} ({}): {line:?}",
            line.width()
        );
    }
}

/// The JSON output parses, and each `text` under a side is that side's slice.
pub fn check_json(report: &Report, out: &str) {
    let doc: serde_json::Value = serde_json::from_str(out).expect("JSON output parses");
    walk(report, &doc, None);
}

/// Every object with `start`, `end` and `text` under a `left`/`right` key must hold the
/// slice of that side's input.
fn walk(report: &Report, v: &serde_json::Value, side: Option<Side>) {
    match v {
        serde_json::Value::Object(map) => {
            if let (Some(side), Some(s), Some(e), Some(t)) = (
                side,
                map.get("start").and_then(|x| x.as_u64()),
                map.get("end").and_then(|x| x.as_u64()),
                map.get("text").and_then(|x| x.as_str()),
            ) {
                let base = report.input_offsets[side] as u64;
                assert!(s >= base && e >= s, "JSON span {s}..{e} before the text");
                let span = Span::new((s - base) as usize, (e - base) as usize);
                span_ok(report, side, span, "JSON");
                assert_eq!(t, report.slice(side, span), "JSON text differs from slice");
            }
            for (k, child) in map {
                let side = match k.as_str() {
                    "left" => Some(Side::Left),
                    "right" => Some(Side::Right),
                    _ => side,
                };
                walk(report, child, side);
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                walk(report, item, side);
            }
        }
        _ => {}
    }
}

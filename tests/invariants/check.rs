//! `echodiff check` from raw bytes, with its invariants: shared by the fuzz target
//! `fuzz/fuzz_targets/check.rs` and by `tests/fuzz_regressions.rs`.
//!
//! Input: sections split at byte 0x1E: a reference file (TOML), a left text, a right text,
//! and optionally a baseline (JSON). Every pair of the reference is judged against the two
//! texts (the paths it names are not read). Invariants: no panic; parse errors are one line;
//! the verdict has one outcome per expectation, its echoes are the report's text at their
//! spans and agree with their expectation; ignoring is idempotent and keeps the report's
//! spans valid; text, JSON (parses) and JUnit (well-formed XML) render; a baseline round-trips
//! through JSON and differs from itself in nothing; a diff with any stored baseline accounts
//! for every echo.

use echodiff::check::baseline::{self, Baseline, BaselinePair};
use echodiff::check::render::{self, PairResult};
use echodiff::check::{EchoRef, Failure, Kind, PairSpec, Reference, check_pair, ignore_echoes};
use echodiff::load::{LoadOptions, decode};
use echodiff::report::score_key;
use echodiff::{Options, Pair, Report, Side, compare};

/// Pairs judged per input (each is a comparison of the two texts).
const MAX_PAIRS: usize = 3;

/// Run the reference in `data` against its texts and panic on any broken invariant.
pub fn check(data: &[u8]) {
    let mut sections = data.split(|&b| b == super::SEPARATOR);
    let (Some(reference), Some(left), Some(right)) =
        (sections.next(), sections.next(), sections.next())
    else {
        return;
    };
    let stored = sections.next();
    let Ok(reference) = std::str::from_utf8(reference) else {
        return;
    };
    let reference: Reference = match toml::from_str(reference) {
        Ok(r) => r,
        Err(e) => {
            assert!(!e.message().trim_end().contains('\n'), "multi-line: {e}");
            return;
        }
    };
    let opts = LoadOptions::default();
    let (Ok(left), Ok(right)) = (decode("l", left, &opts), decode("r", right, &opts)) else {
        return;
    };
    let stored: Option<Baseline> = stored
        .and_then(|s| std::str::from_utf8(s).ok())
        .and_then(|s| serde_json::from_str(s).ok());
    let mut results = Vec::new();
    for spec in reference.pairs.iter().take(MAX_PAIRS) {
        let mut options = Options::default();
        if let Some(m) = spec.min_score {
            options.min_score = m.0;
        }
        let mut report = compare(left.text.clone(), right.text.clone(), &options);
        let verdict = check_pair(spec, &reference.ignore, &mut report);
        check_verdict(spec, &report, &verdict);
        // ignoring again finds nothing more to ignore
        assert_eq!(ignore_echoes(&mut report, &reference.ignore), 0);
        assert_eq!(ignore_echoes(&mut report, &spec.ignore), 0);
        super::check_report(&report);
        let now = BaselinePair::of(&spec.name, &report);
        check_baseline(&now, stored.as_ref());
        results.push(PairResult {
            name: spec.name.clone(),
            labels: Pair::new(spec.left.clone(), spec.right.clone()),
            verdict,
            baseline: stored
                .as_ref()
                .map(|b| baseline::diff(b.pair(&spec.name), &now, 0.05)),
        });
    }
    check_renders(&results);
}

fn check_verdict(spec: &PairSpec, report: &Report, verdict: &echodiff::check::Verdict) {
    let bounds = &spec.bounds;
    let limits = [
        bounds.echoes,
        bounds.polarity_flips,
        bounds.alignments,
        bounds.ignored,
        bounds.mirrored.left,
        bounds.mirrored.right,
    ];
    let expected = spec.expect.len() + spec.forbid.len() + limits.iter().flatten().count();
    assert_eq!(
        verdict.outcomes.len(),
        expected,
        "one outcome per expectation"
    );
    assert_eq!(verdict.echoes, report.echoes.len());
    assert_eq!(report.summary.echoes, report.echoes.len());
    assert_eq!(verdict.ignored, report.summary.ignored);
    let (expects, rest) = verdict.outcomes.split_at(spec.expect.len());
    for (x, outcome) in spec.expect.iter().zip(expects) {
        assert_eq!(outcome.kind, Kind::Expect);
        match (&outcome.failure, &outcome.echo) {
            (None, Some(e)) => {
                echo_ok(report, e);
                if let Some(m) = x.min_score {
                    assert!(
                        score_key(e.score) >= score_key(m.0),
                        "passing expect too low"
                    );
                }
            }
            (None, None) => panic!("a passing expect names no echo"),
            (Some(f), _) => failure_ok(report, f),
        }
    }
    for outcome in rest {
        if let Some(f) = &outcome.failure {
            failure_ok(report, f);
        }
    }
}

fn failure_ok(report: &Report, f: &Failure) {
    match f {
        Failure::NotFound { nearest: Some(e) } | Failure::BelowScore { best: e } => {
            echo_ok(report, e);
        }
        Failure::Forbidden { worst, count } => {
            echo_ok(report, worst);
            assert!(*count >= 1 && *count <= report.echoes.len());
        }
        _ => {}
    }
}

/// An echo named by a verdict is one of the report's, with its text at its spans.
fn echo_ok(report: &Report, e: &EchoRef) {
    for side in Side::BOTH {
        assert_eq!(e.text[side], report.slice(side, e.spans[side]), "echo text");
    }
    assert!(
        report.echoes.iter().any(|x| {
            x.places.left.span == e.spans.left && x.places.right.span == e.spans.right
        }),
        "a verdict names an echo the report does not have"
    );
}

fn check_baseline(now: &BaselinePair, stored: Option<&Baseline>) {
    let written = serde_json::to_string(&Baseline::new(vec![now.clone()])).expect("serializes");
    let read: Baseline = serde_json::from_str(&written).expect("a written baseline reads back");
    assert_eq!(read.pair(&now.name), Some(now), "baseline round trip");
    assert!(
        baseline::diff(Some(now), now, 0.0).is_empty(),
        "differs from itself"
    );
    if let Some(old) = stored.and_then(|b| b.pair(&now.name)) {
        let d = baseline::diff(Some(old), now, 0.05);
        // every echo now is gained or matched; every stored one lost or matched
        let matched = now.echoes.len() - d.gained.len();
        assert_eq!(
            matched,
            old.echoes.len() - d.lost.len(),
            "baseline diff accounting"
        );
        assert!(d.moved.len() <= matched);
    }
}

fn check_renders(results: &[PairResult]) {
    let mut out = Vec::new();
    render::text(results, 0.05, &mut out).expect("rendering into a Vec cannot fail");
    String::from_utf8(out).expect("text output is UTF-8");
    let mut out = Vec::new();
    render::json(results, &mut out).expect("rendering into a Vec cannot fail");
    let doc: serde_json::Value = serde_json::from_slice(&out).expect("JSON output parses");
    assert_eq!(doc["pairs"].as_array().map(Vec::len), Some(results.len()));
    let mut out = Vec::new();
    render::junit(results, 0.05, &mut out).expect("rendering into a Vec cannot fail");
    let xml = String::from_utf8(out).expect("JUnit output is UTF-8");
    if let Err(e) = roxmltree::Document::parse(&xml) {
        panic!("JUnit output is not XML ({e}):\n{xml}");
    }
}

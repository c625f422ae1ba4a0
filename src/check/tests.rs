use super::*;
use crate::{Options, Text, compare};

const LEFT: &str = "The early comments do not reflect the content or the spirit of the talks. \
                    We seek complete, verifiable and irreversible denuclearization.";
const RIGHT: &str = "The U.S. did not accurately reflect the content and spirit of the negotiations. \
                     Washington must completely and irreversibly withdraw its hostile policy.";

/// The fixture's phrase echoes (the rules under test match phrases).
fn report() -> Report {
    compare(
        Text::new("l", LEFT),
        Text::new("r", RIGHT),
        &Options {
            statement_echoes: false,
            ..Options::default()
        },
    )
}

fn phrases(left: Option<&str>, right: Option<&str>) -> Phrases {
    Phrases {
        left: left.map(str::to_string),
        right: right.map(str::to_string),
    }
}

fn spec() -> PairSpec {
    PairSpec {
        name: "p".into(),
        left: "l".into(),
        right: "r".into(),
        labels: None,
        min_score: None,
        statement_echoes: false,
        expect: Vec::new(),
        forbid: Vec::new(),
        bounds: Bounds::default(),
        ignore: Vec::new(),
    }
}

fn expect(left: Option<&str>, right: Option<&str>, min: Option<f64>) -> Expect {
    Expect {
        phrases: phrases(left, right),
        min_score: min.map(Score),
    }
}

#[test]
fn expectations_table() {
    let r = report();
    // (case, expect, passes)
    let cases = [
        (
            "both sides",
            expect(
                Some("do not reflect the content"),
                Some("accurately reflect"),
                None,
            ),
            true,
        ),
        (
            "left only",
            expect(Some("complete, verifiable"), None, None),
            true,
        ),
        (
            "right only, curly and case",
            expect(None, Some("COMPLETELY and “irreversibly”"), None),
            true,
        ),
        (
            "wrong pairing",
            expect(
                Some("do not reflect the content"),
                Some("completely and irreversibly"),
                None,
            ),
            false,
        ),
        (
            "phrase missing",
            expect(Some("no such words"), None, None),
            false,
        ),
        (
            "score too high",
            expect(Some("complete, verifiable"), None, Some(0.99)),
            false,
        ),
    ];
    for (name, x, passes) in cases {
        let mut s = spec();
        s.expect.push(x);
        let v = check(&s, &r);
        assert_eq!(v.passed(), passes, "case {name}: {:?}", v.outcomes);
    }
}

#[test]
fn failures_name_the_nearest_echo() {
    let r = report();
    let mut s = spec();
    s.expect.push(expect(
        Some("do not reflect the content"),
        Some("completely and irreversibly"),
        None,
    ));
    s.expect.push(expect(Some("no such words"), None, None));
    s.expect
        .push(expect(Some("complete, verifiable"), None, Some(0.99)));
    let v = check(&s, &r);
    let failures: Vec<&Failure> = v
        .outcomes
        .iter()
        .filter_map(|o| o.failure.as_ref())
        .collect();
    assert!(
        matches!(failures[0], Failure::NotFound { nearest: Some(_) }),
        "{failures:?}"
    );
    assert_eq!(failures[1], &Failure::PhraseMissing { side: Side::Left });
    assert!(
        matches!(failures[2], Failure::BelowScore { .. }),
        "{failures:?}"
    );
}

#[test]
fn forbid_overlap_and_within() {
    let r = report();
    let forbid = |left: Option<&str>, right: Option<&str>, mode, max: Option<f64>| Forbid {
        phrases: phrases(left, right),
        mode,
        max_score: max.map(Score),
    };
    let cases = [
        (
            "echo of a phrase",
            forbid(
                Some("complete, verifiable and irreversible"),
                None,
                Match::Overlap,
                None,
            ),
            false,
        ),
        (
            "above a high max_score",
            forbid(None, None, Match::Overlap, Some(0.99)),
            true,
        ),
        (
            "any echo at all",
            forbid(None, None, Match::Overlap, None),
            false,
        ),
        // the echo is longer than "irreversible", so it does not lie within it
        (
            "within a short phrase",
            forbid(
                Some("irreversible"),
                Some("irreversibly"),
                Match::Within,
                None,
            ),
            true,
        ),
        (
            "overlap with a short phrase",
            forbid(
                Some("verifiable and irreversible"),
                None,
                Match::Overlap,
                None,
            ),
            false,
        ),
        // an echo consisting only of the phrases lies within them
        (
            "echo within its own phrases",
            forbid(
                Some("complete, verifiable and irreversible"),
                Some("completely and irreversibly"),
                Match::Within,
                None,
            ),
            false,
        ),
        (
            "phrase absent",
            forbid(Some("no such words"), None, Match::Overlap, None),
            true,
        ),
    ];
    for (name, f, passes) in cases {
        let mut s = spec();
        s.forbid.push(f);
        let v = check(&s, &r);
        assert_eq!(v.passed(), passes, "case {name}: {:?}", v.outcomes);
    }
}

#[test]
fn bounds() {
    let r = report();
    let n = r.summary.echoes as f64;
    let limit = |min, max| Some(Limit { min, max });
    let cases = [
        (
            "echo count exact",
            Bounds {
                echoes: limit(Some(n), Some(n)),
                ..Bounds::default()
            },
            true,
        ),
        (
            "too few",
            Bounds {
                echoes: limit(Some(n + 1.0), None),
                ..Bounds::default()
            },
            false,
        ),
        (
            "no flips",
            Bounds {
                polarity_flips: limit(None, Some(0.0)),
                ..Bounds::default()
            },
            true,
        ),
        (
            "mirrored right at most 1%",
            Bounds {
                mirrored: MirroredBounds {
                    left: None,
                    right: limit(None, Some(0.01)),
                },
                ..Bounds::default()
            },
            false,
        ),
    ];
    for (name, b, passes) in cases {
        let mut s = spec();
        s.bounds = b;
        let v = check(&s, &r);
        assert_eq!(v.passed(), passes, "case {name}: {:?}", v.outcomes);
    }
}

#[test]
fn ignore_recomputes_the_summary() {
    let full = report();
    assert!(full.echoes.len() >= 2, "fixture has two echoes");
    let mut r = full.clone();
    let rule = IgnoreRule {
        phrases: phrases(
            Some("complete, verifiable and irreversible denuclearization"),
            None,
        ),
        mode: Match::Within,
    };
    assert_eq!(ignore_echoes(&mut r, &[rule]), 1);
    assert_eq!(r.summary.echoes, full.summary.echoes - 1);
    assert_eq!(r.summary.ignored, 1);
    assert!(r.summary.mirrored.left < full.summary.mirrored.left);
    // a rule whose phrase is shorter than every echo ignores nothing
    let mut r = full.clone();
    assert_eq!(ignore_echoes(&mut r, &[IgnoreRule::both("the")]), 0);
    assert_eq!(r.summary, full.summary);
}

#[test]
fn check_pair_applies_file_and_pair_ignores() {
    let mut r = report();
    let mut s = spec();
    s.ignore.push(IgnoreRule {
        phrases: phrases(None, Some("completely and irreversibly")),
        mode: Match::Overlap,
    });
    s.expect
        .push(expect(Some("complete, verifiable"), None, None));
    let file = [IgnoreRule {
        phrases: phrases(
            Some("do not reflect the content or the spirit of the talks"),
            None,
        ),
        mode: Match::Within,
    }];
    let v = check_pair(&s, &file, &mut r);
    assert_eq!((v.ignored, v.echoes), (2, 0));
    assert!(!v.passed(), "the expected echo was ignored");
}

//! Invariants over arbitrary Unicode text: spans are on char boundaries and report exactly
//! `&original[span]`, output is deterministic, empty input has no echoes, sides are
//! symmetric, and unrelated text does not remove a strong echo.

use echodiff::check::{IgnoreRule, Match, Phrases, ignore_echoes};
use echodiff::diff::Change;
use echodiff::render::{Format, RenderOptions, render};
use echodiff::report::{compare_selected, limit_echoes};
use echodiff::segment::StatementKind;
use echodiff::{Options, Report, Side, Span, Text, compare};
use proptest::prelude::*;

mod invariants;

/// English words, with inflected forms of some of them so stemming is exercised.
const WORDS: &[&str] = &[
    "the",
    "a",
    "of",
    "and",
    "or",
    "not",
    "to",
    "in",
    "is",
    "was",
    "will",
    "be",
    "do",
    "did",
    "does",
    "reflect",
    "reflected",
    "reflects",
    "content",
    "spirit",
    "complete",
    "completely",
    "verify",
    "verifiable",
    "irreversible",
    "irreversibly",
    "negotiation",
    "negotiations",
    "negotiate",
    "talks",
    "talk",
    "talked",
    "peace",
    "peaceful",
    "house",
    "houses",
    "divided",
    "divide",
    "stand",
    "standing",
    "nation",
    "nations",
    "freedom",
    "free",
    "open",
    "region",
    "policy",
    "policies",
    "hostile",
    "withdraw",
    "withdrew",
    "creative",
    "ideas",
    "solutions",
    "Mr.",
    "U.S.",
    "DPRK",
    "Washington",
    "it's",
    "don't",
    "8",
    "1/2",
    "3.5",
];

/// Content words of [`WORDS`], for planted phrases.
const CONTENT: &[&str] = &[
    "reflect",
    "content",
    "spirit",
    "complete",
    "verifiable",
    "irreversible",
    "negotiations",
    "talks",
    "peaceful",
    "house",
    "divided",
    "stand",
    "nation",
    "freedom",
    "open",
    "region",
    "hostile",
    "policy",
    "withdraw",
    "creative",
    "ideas",
    "solutions",
    "Washington",
];

/// Words sharing nothing with [`WORDS`]: an appended sentence built from them is unrelated.
const UNRELATED: &[&str] = &[
    "zebras",
    "graze",
    "quietly",
    "beneath",
    "purple",
    "mountains",
    "while",
    "otters",
    "juggle",
    "pebbles",
    "lazily",
];

/// Everything else a text may contain between words.
const OTHER: &[&str] = &[
    ".",
    ",",
    ";",
    ":",
    "!",
    "?",
    "\u{2026}",
    "-",
    "\u{2014}",
    "(",
    ")",
    "[",
    "]",
    "\"",
    "'",
    "\u{201C}",
    "\u{201D}",
    "\u{2018}",
    "\u{2019}",
    "\u{00AB}",
    "\u{00BB}",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "\u{00A0}",
    "\u{4F1A}\u{8BAE}",
    "\u{4E2D}\u{6587}\u{3002}",
    "\u{300C}\u{548C}\u{5E73}\u{300D}",
    "\u{041C}\u{0438}\u{0440}",
    "\u{0434}\u{043E}\u{0433}\u{043E}\u{0432}\u{043E}\u{0440}",
    "\u{1F600}",
    "\u{1F44D}\u{1F3FD}",
    "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}",
    "\u{1F1F0}\u{1F1F7}",
    "e\u{0301}",
    "cafe\u{0301}",
    "a\u{0308}\u{0323}",
    "\u{200D}",
    "\u{200B}",
    "\u{FEFF}",
    "\u{FB01}",
    "\u{0130}",
    "\u{00DF}",
    "\u{2028}",
    "\u{0000}",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(WORDS).prop_map(str::to_string),
        2 => prop::sample::select(OTHER).prop_map(str::to_string),
        1 => any::<char>().prop_map(|c| c.to_string()),
    ]
}

/// A text of up to `max` pieces joined by spaces, or sometimes by nothing.
fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec((piece(), prop::bool::weighted(0.85)), 0..max).prop_map(|ps| {
        let mut s = String::new();
        for (p, space) in ps {
            s.push_str(&p);
            if space {
                s.push(' ');
            }
        }
        s
    })
}

/// A phrase of content-bearing words to plant on both sides.
fn phrase() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(CONTENT), 3..7).prop_map(|w| w.join(" "))
}

/// Two texts, which share a planted phrase about two times in three.
fn pair() -> impl Strategy<Value = (String, String)> {
    (
        text(40),
        text(40),
        text(40),
        text(40),
        prop::option::weighted(0.66, phrase()),
    )
        .prop_map(|(a1, a2, b1, b2, shared)| match shared {
            Some(p) => (format!("{a1} {p} {a2}"), format!("{b1} {p}. {b2}")),
            None => (a1 + &a2, b1 + &b2),
        })
}

fn run(left: &str, right: &str) -> Report {
    compare(
        Text::new("left", left),
        Text::new("right", right),
        &Options::default(),
    )
}

/// Whether `after` still reports the echo of spans `l` / `r` (in `after`'s offsets): one echo
/// holds both. When the phrase on either side occurs more than once in its text, it is enough
/// that its words are still in echoes on both sides: a cross-pairing of phrases each already
/// paired elsewhere is dropped, and which occurrences of a repeated phrase pair first depends
/// on where they stand in their texts (docs/scoring.md, section 2, step 5), so unrelated text
/// may change which occurrence it pairs with, never whether its words are reported.
fn still_reported(after: &Report, l: Span, r: Span) -> bool {
    let paired = after
        .echoes
        .iter()
        .any(|a| a.places.left.span.contains(&l) && a.places.right.span.contains(&r));
    let repeated = |side: Side, s: Span| {
        let text = after.texts[side].original.as_str();
        let phrase = after.slice(side, s);
        !phrase.is_empty() && text.matches(phrase).nth(1).is_some()
    };
    let in_an_echo = |side: Side, s: Span| {
        after.echoes.iter().any(|a| {
            let p = a.places[side].span;
            p.start < s.end && s.start < p.end
        })
    };
    paired
        || ((repeated(Side::Left, l) || repeated(Side::Right, r))
            && in_an_echo(Side::Left, l)
            && in_an_echo(Side::Right, r))
}

fn json(report: &Report) -> Vec<u8> {
    let mut out = Vec::new();
    render(report, Format::Json, &RenderOptions::default(), &mut out)
        .expect("writing to a Vec cannot fail");
    out
}

fn check_span(original: &str, span: Span, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        span.start <= span.end,
        "{}: start {} > end {}",
        what,
        span.start,
        span.end
    );
    prop_assert!(
        span.end <= original.len(),
        "{}: end {} past {} bytes",
        what,
        span.end,
        original.len()
    );
    prop_assert!(
        original.is_char_boundary(span.start),
        "{}: start {} not on a char boundary",
        what,
        span.start
    );
    prop_assert!(
        original.is_char_boundary(span.end),
        "{}: end {} not on a char boundary",
        what,
        span.end
    );
    Ok(())
}

/// (left text, right text) of every echo, sorted (a multiset).
fn echo_pairs(report: &Report) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = report
        .echoes
        .iter()
        .map(|e| {
            (
                report.slice(Side::Left, e.places.left.span).to_string(),
                report.slice(Side::Right, e.places.right.span).to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

fn listing(report: &Report) -> String {
    report
        .echoes
        .iter()
        .map(|e| {
            format!(
                "{:.3} {:?} {:?} | {:?} {:?}",
                e.score,
                e.places.left.span,
                report.slice(Side::Left, e.places.left.span),
                e.places.right.span,
                report.slice(Side::Right, e.places.right.span)
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 96,
        // a failure prints its minimal input; no regression file is written into tests/
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn spans_are_char_boundaries_and_slices((left, right) in pair()) {
        let report = run(&left, &right);
        prop_assert_eq!(&report.texts.left.original, &left);
        prop_assert_eq!(&report.texts.right.original, &right);
        for (k, e) in report.echoes.iter().enumerate() {
            for side in Side::BOTH {
                let original = &report.texts[side].original;
                check_span(original, e.places[side].span, &format!("echo {k} {side:?}"))?;
                prop_assert!(!e.places[side].span.is_empty(), "echo {} {:?} is empty", k, side);
                prop_assert!(e.places[side].statement < report.statements[side].len());
                for (j, m) in e.matches.iter().enumerate() {
                    check_span(original, m[side], &format!("echo {k} match {j} {side:?}"))?;
                    prop_assert!(e.places[side].span.contains(&m[side]), "echo {} match {} {:?} outside the echo", k, j, side);
                }
                for (j, d) in e.edits.iter().enumerate() {
                    if let Some(s) = d.left.filter(|_| side == Side::Left).or(d.right.filter(|_| side == Side::Right)) {
                        check_span(original, s, &format!("echo {k} edit {j} {side:?}"))?;
                    }
                }
            }
            prop_assert!((0.0..=1.0).contains(&e.score), "score {} out of [0, 1]", e.score);
        }
        prop_assert_eq!(report.passage_diffs.len(), report.passages.len());
        for (k, (p, diff)) in report.passages_with_diffs().enumerate() {
            for side in Side::BOTH {
                let original = &report.texts[side].original;
                check_span(original, p.spans[side], &format!("passage {k} {side:?}"))?;
                for (j, d) in diff.iter().enumerate() {
                    let run = if side == Side::Left { d.left } else { d.right };
                    if let Some(s) = run {
                        check_span(original, s, &format!("passage {k} diff {j} {side:?}"))?;
                        prop_assert!(p.spans[side].contains(&s), "passage {} diff {} {:?} outside the passage", k, j, side);
                    }
                }
            }
        }
        // the JSON text is exactly the slice at the JSON offsets (no BOM here, so offset 0)
        let doc: serde_json::Value = serde_json::from_slice(&json(&report)).expect("valid JSON");
        for e in doc["echoes"].as_array().expect("echoes") {
            for (side, original) in [("left", &left), ("right", &right)] {
                let start = e[side]["start"].as_u64().expect("start") as usize;
                let end = e[side]["end"].as_u64().expect("end") as usize;
                prop_assert_eq!(e[side]["text"].as_str(), original.get(start..end));
            }
        }
    }

    #[test]
    fn statements_are_ordered_slices((left, right) in pair()) {
        let report = run(&left, &right);
        for side in Side::BOTH {
            let original = &report.texts[side].original;
            let mut last_sentence_end = 0;
            for (k, s) in report.statements[side].iter().enumerate() {
                check_span(original, s.span, &format!("statement {k} {side:?}"))?;
                let text = &original[s.span.range()];
                prop_assert_eq!(text.trim(), text, "statement {} {:?} is not trimmed", k, side);
                match s.kind {
                    StatementKind::Sentence => {
                        prop_assert!(s.span.start >= last_sentence_end, "sentence {} {:?} overlaps the previous one", k, side);
                        prop_assert!(s.parent.is_none());
                        last_sentence_end = s.span.end;
                    }
                    StatementKind::Quote => {
                        let parent = s.parent.expect("a quote has a parent sentence");
                        prop_assert!(parent < k);
                        prop_assert!(report.statements[side][parent].span.contains(&s.span), "quote {} {:?} outside its sentence", k, side);
                    }
                }
            }
        }
    }

    #[test]
    fn json_parses_and_is_byte_identical_twice((left, right) in pair()) {
        let a = json(&run(&left, &right));
        let b = json(&run(&left, &right));
        prop_assert!(a == b, "two runs rendered different bytes");
        let doc: serde_json::Value = serde_json::from_slice(&a).expect("valid JSON");
        prop_assert_eq!(doc["schema_version"].as_u64(), Some(1));
        let mut text = Vec::new();
        render(&run(&left, &right), Format::Text, &RenderOptions::default(), &mut text).expect("render");
        prop_assert!(String::from_utf8(text).is_ok());
    }

    /// Cutting the report inside the comparison (before the diffs of statement-level echoes
    /// and alignments are made) gives the report that cutting the finished one gives.
    #[test]
    fn selecting_before_the_diffs_is_selecting_after(
        (left, right) in pair(),
        max in 0usize..4,
        word in prop::sample::select(CONTENT),
    ) {
        // echoes holding one of the words on the left are ignored, then the list is cut
        let rule = IgnoreRule {
            phrases: Phrases { left: Some(word.to_string()), right: None },
            mode: Match::Overlap,
        };
        let select = |report: &mut Report| {
            ignore_echoes(report, std::slice::from_ref(&rule));
            limit_echoes(report, max);
        };
        let mut after = run(&left, &right);
        select(&mut after);
        let before = compare_selected(
            Text::new("left", left.as_str()),
            Text::new("right", right.as_str()),
            &Options::default(),
            select,
        );
        prop_assert!(json(&before) == json(&after), "max {}", max);
        prop_assert_eq!(&before.echoes, &after.echoes);
        prop_assert_eq!(&before.alignments, &after.alignments);
        // and nothing is left half made: every listed alignment and statement-level echo
        // has the word diff of its two statements, every echo its edits
        for (a, statements) in before.aligned_statements() {
            prop_assert!(!a.diff.is_empty(), "alignment {:?} without its diff", a.statements);
            for seg in &a.diff {
                for (side, span) in [(Side::Left, seg.left), (Side::Right, seg.right)] {
                    if let Some(span) = span {
                        prop_assert!(statements[side].span.contains(&span));
                    }
                }
            }
        }
        for e in &before.echoes {
            prop_assert!(!e.diff.is_empty());
            let changed = e.diff.iter().filter(|s| s.change != Change::Equal).count();
            prop_assert_eq!(e.edits.len(), changed);
        }
    }

    #[test]
    fn html_and_markdown_are_byte_identical_twice((left, right) in pair()) {
        for format in [Format::Html, Format::Markdown] {
            let mut a = Vec::new();
            let mut b = Vec::new();
            render(&run(&left, &right), format, &RenderOptions::default(), &mut a).expect("render");
            render(&run(&left, &right), format, &RenderOptions::default(), &mut b).expect("render");
            prop_assert!(a == b, "two runs rendered different bytes ({:?})", format);
            let page = String::from_utf8(a).expect("UTF-8");
            // the input never adds elements: exactly our one script
            prop_assert!(page.matches("<script").count() <= 1);
        }
    }

    #[test]
    fn empty_or_blank_input_has_no_echoes(
        blank in prop::collection::vec(prop::sample::select(&[" ", "\n", "\r\n", "\t", "\u{00A0}", "\u{3000}", "\u{2028}"][..]), 0..8),
        other in text(40),
    ) {
        let blank: String = blank.concat();
        for (l, r) in [(blank.as_str(), other.as_str()), (other.as_str(), blank.as_str()), ("", blank.as_str()), ("", "")] {
            let report = run(l, r);
            prop_assert!(report.echoes.is_empty(), "{:?} vs {:?} gave echoes:\n{}", l, r, listing(&report));
        }
    }

    // Weaker than "the same set of echoes, swapped": the finder is not exactly symmetric
    // (minimal case: "irreversible irreversible irreversible peace thethe" vs
    // "peace irreversible" gives "irreversible irreversible peace" forward but
    // "irreversible peace" backward), so only the top echo is required to swap.
    #[test]
    fn swapping_sides_swaps_the_top_echo((left, right) in pair()) {
        let forward = run(&left, &right);
        let backward = run(&right, &left);
        let top = |r: &Report, a: Side, b: Side| {
            r.echoes.first().map(|e| (r.slice(a, e.places[a].span).to_string(), r.slice(b, e.places[b].span).to_string()))
        };
        prop_assert_eq!(
            top(&forward, Side::Left, Side::Right),
            top(&backward, Side::Right, Side::Left),
            "\nforward:\n{}\nbackward:\n{}", listing(&forward), listing(&backward)
        );
    }

    #[test]
    fn unrelated_text_does_not_remove_a_strong_echo(
        (left, right) in pair(),
        tail in prop::collection::vec(prop::sample::select(UNRELATED), 4..10),
        on_left in any::<bool>(),
    ) {
        let sentence = format!("\n\nZebras {}.", tail.join(" "));
        let before = run(&left, &right);
        let after = if on_left {
            run(&format!("{left}{sentence}"), &right)
        } else {
            run(&left, &format!("{right}{sentence}"))
        };
        for e in before.echoes.iter().filter(|e| e.score >= 0.7) {
            let kept = still_reported(&after, e.places.left.span, e.places.right.span);
            prop_assert!(
                kept,
                "echo {:?} / {:?} ({:.3}) lost after appending {:?} on the {} side\nbefore:\n{}\nafter:\n{}",
                before.slice(Side::Left, e.places.left.span),
                before.slice(Side::Right, e.places.right.span),
                e.score,
                sentence,
                if on_left { "left" } else { "right" },
                listing(&before),
                listing(&after)
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    // Issue 6: the fuzz target's invariants (tests/invariants) over generated text, both
    // word-like and fully arbitrary Unicode, with a BOM sometimes: spans on char boundaries
    // and inside the text, every format renders, JSON `text` equals the slice, text lines
    // within the width.
    #[test]
    fn pipeline_invariants_hold_on_generated_text(
        (left, right) in pair(),
        (wild_left, wild_right) in (any::<String>(), any::<String>()),
        bom in any::<bool>(),
        wild in any::<bool>(),
    ) {
        let (l, r) = if wild { (wild_left, wild_right) } else { (left, right) };
        let mut data = Vec::new();
        if bom {
            data.extend_from_slice(b"\xEF\xBB\xBF");
        }
        data.extend_from_slice(l.as_bytes());
        data.push(invariants::SEPARATOR);
        data.extend_from_slice(r.as_bytes());
        invariants::check(&data);
    }

    // Swapping sides swaps the echoes: every strong echo (>= 0.7) found forward is found
    // backward with its sides swapped, overlapping on both (the finder's documented
    // asymmetry moves edges, see swapping_sides_swaps_the_top_echo, not whole echoes).
    #[test]
    fn swapping_sides_keeps_every_strong_echo((left, right) in pair()) {
        let forward = run(&left, &right);
        let backward = run(&right, &left);
        for e in forward.echoes.iter().filter(|e| e.score >= 0.7) {
            let found = backward.echoes.iter().any(|b| {
                b.places.right.span.overlap(&e.places.left.span) > 0
                    && b.places.left.span.overlap(&e.places.right.span) > 0
            });
            prop_assert!(found, "echo {:?} / {:?} lost when swapped\nforward:\n{}\nbackward:\n{}",
                forward.slice(Side::Left, e.places.left.span),
                forward.slice(Side::Right, e.places.right.span),
                listing(&forward), listing(&backward));
        }
    }

    // Unrelated text put before either side (offsets shift) does not remove a strong echo.
    #[test]
    fn unrelated_text_before_does_not_remove_a_strong_echo(
        (left, right) in pair(),
        head in prop::collection::vec(prop::sample::select(UNRELATED), 4..10),
        on_left in any::<bool>(),
    ) {
        let prefix = format!("Zebras {}.\n\n", head.join(" "));
        let before = run(&left, &right);
        let after = if on_left {
            run(&format!("{prefix}{left}"), &right)
        } else {
            run(&left, &format!("{prefix}{right}"))
        };
        let shift = |span: Span, side: Side| {
            if (side == Side::Left) == on_left {
                Span::new(span.start + prefix.len(), span.end + prefix.len())
            } else {
                span
            }
        };
        for e in before.echoes.iter().filter(|e| e.score >= 0.7) {
            let (l, r) = (shift(e.places.left.span, Side::Left), shift(e.places.right.span, Side::Right));
            let kept = still_reported(&after, l, r);
            prop_assert!(kept, "echo {:?} / {:?} lost after prepending {:?}\nbefore:\n{}\nafter:\n{}",
                before.slice(Side::Left, e.places.left.span),
                before.slice(Side::Right, e.places.right.span),
                prefix, listing(&before), listing(&after));
        }
    }
}

/// A case the "unrelated text" properties found (about one run in twenty, session 6): a
/// statement-level echo resting on one word held by one sentence on each side meets the
/// chance bound exactly (`ln(n_left) + ln(n_right)` either way), and float rounding decided
/// whether it passed, so text put before the left side could remove it.
#[test]
fn a_statement_echo_on_one_rare_word_survives_unrelated_text_before_either_side() {
    let left = "policy\n* 中文。the peace! - reflect reflect reflect ";
    let right = " reflect reflect reflect. thethethe! Mr.thethethe policies";
    let prefix = "Zebras zebras zebras zebras zebras.\n\n";
    let stated = |report: &Report| -> Vec<(String, String)> {
        report
            .echoes
            .iter()
            .filter(|e| e.level == echodiff::EchoLevel::Statement)
            .map(|e| {
                let text = |side| report.slice(side, e.places[side].span).to_string();
                (text(Side::Left), text(Side::Right))
            })
            .collect()
    };
    let want = vec![("policy".to_string(), "Mr.thethethe policies".to_string())];
    assert_eq!(stated(&run(left, right)), want);
    assert_eq!(stated(&run(&format!("{prefix}{left}"), right)), want);
    assert_eq!(stated(&run(left, &format!("{prefix}{right}"))), want);
}

/// A sanity check on the generator: the planted phrase gives strong echoes often enough for
/// the "unrelated text" property to test something.
#[test]
fn generator_plants_strong_echoes() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = pair();
    let strong = (0..64)
        .filter(|_| {
            let (l, r) = strategy.new_tree(&mut runner).expect("value").current();
            run(&l, &r).echoes.iter().any(|e| e.score >= 0.7)
        })
        .count();
    assert!(
        strong >= 8,
        "only {strong} of 64 generated pairs have an echo scoring >= 0.7"
    );
}

/// The strict form of symmetry, on the real pairs in `data/` (where it holds today; the
/// generated texts above break it, see `swapping_sides_swaps_the_top_echo`).
#[test]
fn swapping_the_data_pairs_swaps_every_echo() {
    for (l, r) in [
        (
            "stockholm-2019/us-state-department.txt",
            "stockholm-2019/dprk-mfa.txt",
        ),
        (
            "declaration-vs-seneca-falls/left.txt",
            "declaration-vs-seneca-falls/right.txt",
        ),
        (
            "fdr-infamy-vs-war-resolution/left.txt",
            "fdr-infamy-vs-war-resolution/right.txt",
        ),
        (
            "gospels-vs-house-divided/left.txt",
            "gospels-vs-house-divided/right.txt",
        ),
        (
            "northwest-ordinance-vs-13th-amendment/left.txt",
            "northwest-ordinance-vs-13th-amendment/right.txt",
        ),
    ] {
        let read = |p: &str| {
            std::fs::read_to_string(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("data")
                    .join(p),
            )
            .expect("data file")
        };
        let (left, right) = (read(l), read(r));
        let forward = run(&left, &right);
        let backward = run(&right, &left);
        let mut swapped: Vec<(String, String)> = echo_pairs(&backward)
            .into_iter()
            .map(|(a, b)| (b, a))
            .collect();
        swapped.sort();
        pretty_assertions::assert_eq!(echo_pairs(&forward), swapped, "{l} / {r}");
    }
}

//! The real text pairs in `data/`: every echo listed in a pair's `expect.tsv` is found, and no
//! echo consists of boilerplate alone (see `data/README.md` for the file format). Default
//! options throughout; nothing here knows any phrase beyond what `expect.tsv` says.

mod common;

use common::{echo_texts, json_of, ruled};
use echodiff::{Options, Report, Side, Span, Text, compare};
use std::fs;
use std::path::Path;

/// One line of `expect.tsv`.
#[derive(Debug)]
struct Expectation {
    line: usize,
    kind: Kind,
    left: String,
    right: String,
}

#[derive(Debug, PartialEq)]
enum Kind {
    Echo,
    Boilerplate,
    /// A real echo the detector does not find yet: reported, not required (issue #2's
    /// quality target tracks these).
    Stretch,
}

fn file_names(dir: &Path) -> (&'static str, &'static str) {
    if dir.join("us-state-department.txt").exists() {
        ("us-state-department.txt", "dprk-mfa.txt")
    } else {
        ("left.txt", "right.txt")
    }
}

fn read_expectations(path: &Path) -> Vec<Expectation> {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(k, l)| {
            let fields: Vec<&str> = l.split('\t').collect();
            let [kind, left, right] = fields[..] else {
                panic!(
                    "{}:{}: expected 3 tab-separated fields, got {l:?}",
                    path.display(),
                    k + 1
                );
            };
            let kind = match kind {
                "echo" => Kind::Echo,
                "boilerplate" => Kind::Boilerplate,
                "stretch" => Kind::Stretch,
                other => panic!("{}:{}: unknown kind {other:?}", path.display(), k + 1),
            };
            Expectation {
                line: k + 1,
                kind,
                left: left.to_string(),
                right: right.to_string(),
            }
        })
        .collect()
}

/// Byte spans of every occurrence of `needle` in `hay`, exactly as written.
fn occurrences(hay: &str, needle: &str) -> Vec<Span> {
    hay.match_indices(needle)
        .map(|(i, m)| Span::new(i, i + m.len()))
        .collect()
}

/// Byte spans of every occurrence of `needle` in `hay`, ignoring ASCII case (boilerplate such
/// as "the United States" counts at "The United States" too).
fn occurrences_ignoring_case(hay: &str, needle: &str) -> Vec<Span> {
    let (h, n) = (hay.to_ascii_lowercase(), needle.to_ascii_lowercase());
    occurrences(&h, &n)
}

/// The spans overlap by at least half of the shorter one.
fn overlaps_enough(a: Span, b: Span) -> bool {
    let shorter = a.len().min(b.len());
    shorter > 0 && 2 * a.overlap(&b) >= shorter
}

fn listing(report: &Report) -> String {
    let lines: Vec<String> = report
        .echoes
        .iter()
        .enumerate()
        .map(|(k, e)| {
            format!(
                "{:>2}. {:.3} {:?}\n    left  {:>5}..{:<5} {:?}\n    right {:>5}..{:<5} {:?}",
                k + 1,
                e.score,
                e.kind,
                e.places.left.span.start,
                e.places.left.span.end,
                report.slice(Side::Left, e.places.left.span),
                e.places.right.span.start,
                e.places.right.span.end,
                report.slice(Side::Right, e.places.right.span),
            )
        })
        .collect();
    ruled(
        &format!("{} echoes found", report.echoes.len()),
        &lines.join("\n"),
    )
}

/// Compare a pair at default options and check its `expect.tsv`.
fn check_pair(name: &str) {
    let dir = common::path(&format!("data/{name}"));
    let (l, r) = file_names(&dir);
    let read = |f: &str| {
        fs::read_to_string(dir.join(f)).unwrap_or_else(|e| panic!("data/{name}/{f}: {e}"))
    };
    let (left, right) = (read(l), read(r));
    let report = compare(
        Text::new(l, left.clone()),
        Text::new(r, right.clone()),
        &Options::default(),
    );
    let mut failures = Vec::new();
    for x in read_expectations(&dir.join("expect.tsv")) {
        let (ls, rs) = (occurrences(&left, &x.left), occurrences(&right, &x.right));
        if ls.is_empty() || rs.is_empty() {
            failures.push(format!(
                "expect.tsv:{}: phrase not in the files: {:?} / {:?}",
                x.line, x.left, x.right
            ));
            continue;
        }
        match x.kind {
            Kind::Echo => {
                let found = report.echoes.iter().any(|e| {
                    ls.iter().any(|&s| overlaps_enough(e.places.left.span, s))
                        && rs.iter().any(|&s| overlaps_enough(e.places.right.span, s))
                });
                if !found {
                    failures.push(format!(
                        "expect.tsv:{}: echo not found: {:?} / {:?}",
                        x.line, x.left, x.right
                    ));
                }
            }
            Kind::Stretch => {
                let found = report.echoes.iter().any(|e| {
                    ls.iter().any(|&s| overlaps_enough(e.places.left.span, s))
                        && rs.iter().any(|&s| overlaps_enough(e.places.right.span, s))
                });
                eprintln!(
                    "data/{name}/expect.tsv:{}: stretch echo {}: {:?} / {:?}",
                    x.line,
                    if found { "found" } else { "not found yet" },
                    x.left,
                    x.right
                );
            }
            Kind::Boilerplate => {
                let (ls, rs) = (
                    occurrences_ignoring_case(&left, &x.left),
                    occurrences_ignoring_case(&right, &x.right),
                );
                for e in &report.echoes {
                    let inside = |spans: &[Span], side: Side| {
                        spans.iter().any(|s| s.contains(&e.places[side].span))
                    };
                    if inside(&ls, Side::Left) && inside(&rs, Side::Right) {
                        failures.push(format!(
                            "expect.tsv:{}: boilerplate reported alone as an echo: {:?} / {:?}",
                            x.line,
                            report.slice(Side::Left, e.places.left.span),
                            report.slice(Side::Right, e.places.right.span)
                        ));
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "data/{name} ({l} -> {r}):\n  {}\n{}",
        failures.join("\n  "),
        listing(&report)
    );
}

macro_rules! pairs {
    ($($test:ident => $name:literal,)*) => {
        $(
            #[test]
            fn $test() {
                check_pair($name);
            }
        )*

        const PAIRS: &[&str] = &[$($name),*];
    };
}

pairs! {
    declaration_vs_seneca_falls => "declaration-vs-seneca-falls",
    fdr_infamy_vs_war_resolution => "fdr-infamy-vs-war-resolution",
    gospels_vs_house_divided => "gospels-vs-house-divided",
    northwest_ordinance_vs_13th_amendment => "northwest-ordinance-vs-13th-amendment",
    stockholm_2019 => "stockholm-2019",
}

#[test]
fn every_pair_with_expectations_is_tested() {
    let mut on_disk: Vec<String> = fs::read_dir(common::path("data"))
        .expect("data/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.join("expect.tsv").is_file())
        .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = PAIRS.iter().map(|s| s.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed, "add new data/ pairs to the pairs! list");
}

#[test]
fn overlap_rule() {
    let s = Span::new;
    assert!(overlaps_enough(s(0, 10), s(5, 30)), "half of the shorter");
    assert!(!overlaps_enough(s(0, 10), s(6, 30)), "less than half");
    assert!(
        overlaps_enough(s(10, 12), s(0, 100)),
        "a short span inside a long one"
    );
    assert!(!overlaps_enough(s(0, 0), s(0, 10)), "empty never overlaps");
}

/// The founding example, through the binary: each seed echo is one echo spanning both whole
/// phrases, and both rank in the top 3.
#[test]
fn stockholm_seed_echoes_are_single_top_echoes() {
    let dir = "data/stockholm-2019";
    let left =
        fs::read_to_string(common::path(&format!("{dir}/us-state-department.txt"))).expect("left");
    let right = fs::read_to_string(common::path(&format!("{dir}/dprk-mfa.txt"))).expect("right");
    let doc = json_of(&[
        &format!("{dir}/us-state-department.txt"),
        &format!("{dir}/dprk-mfa.txt"),
    ]);
    let echoes = doc["echoes"].as_array().expect("echoes");
    let shown = ruled(
        "echoes found (rank, left, right)",
        &echo_texts(&doc)
            .iter()
            .enumerate()
            .map(|(k, (l, r))| format!("{:>2}. {l:?} / {r:?}", k + 1))
            .collect::<Vec<_>>()
            .join("\n"),
    );
    let seeds = [
        (
            "do not reflect the content or the spirit of",
            "did not accurately reflect the content and spirit of",
        ),
        (
            "complete, verifiable, and irreversible",
            "completely and irreversibly",
        ),
    ];
    let span_of = |e: &serde_json::Value, side: &str| {
        Span::new(
            e[side]["start"].as_u64().expect("start") as usize,
            e[side]["end"].as_u64().expect("end") as usize,
        )
    };
    let mut failures = Vec::new();
    for (l, r) in seeds {
        let (ls, rs) = (occurrences(&left, l)[0], occurrences(&right, r)[0]);
        // one echo covering the whole phrase on both sides
        let covering: Vec<u64> = echoes
            .iter()
            .filter(|e| span_of(e, "left").contains(&ls) && span_of(e, "right").contains(&rs))
            .map(|e| e["rank"].as_u64().expect("rank"))
            .collect();
        match covering.first() {
            None => failures.push(format!("no single echo covers {l:?} / {r:?}")),
            Some(&rank) if rank > 3 => {
                failures.push(format!("{l:?} / {r:?} is ranked {rank}, not in the top 3"))
            }
            Some(_) => {}
        }
        // and it is not split into pieces: no other phrase echo overlaps the phrase on both
        // sides (a statement-level echo of the whole sentences may contain it)
        let pieces = echoes
            .iter()
            .filter(|e| e["level"] == "phrase")
            .filter(|e| span_of(e, "left").overlap(&ls) > 0 && span_of(e, "right").overlap(&rs) > 0)
            .count();
        if pieces > 1 {
            failures.push(format!("{l:?} / {r:?} is split over {pieces} echoes"));
        }
    }
    assert!(failures.is_empty(), "{}\n{shown}", failures.join("\n"));
}

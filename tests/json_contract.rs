//! The JSON schema as a reader sees it: the output decodes into these structs, which deny
//! unknown fields, so adding, renaming or removing a field (or a new enum value) fails here
//! and must come with a `schema_version` decision and a docs update.

mod common;

use common::{cmd, ruled, stdout_of};
use serde::Deserialize;
use std::fs;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // fields exist to be decoded, not read
struct Doc {
    schema_version: u32,
    tool: Tool,
    labels: SidePair<String>,
    settings: Settings,
    summary: Summary,
    echoes: Vec<Echo>,
    passages: Vec<Passage>,
    alignments: Vec<Alignment>,
    statements: SidePair<Vec<Statement>>,
    rhetoric: Rhetoric,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // fields exist to be decoded, not read
struct Rhetoric {
    prior_total: f64,
    prior_floor: f64,
    left: SideRhetoric,
    right: SideRhetoric,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // fields exist to be decoded, not read
struct SideRhetoric {
    mirrored: f64,
    distinctive: Vec<Term>,
    repeated: Vec<Repeat>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // fields exist to be decoded, not read
struct Term {
    start: usize,
    end: usize,
    text: String,
    words: usize,
    count: usize,
    other: usize,
    prior: f64,
    log_odds: f64,
    z: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // fields exist to be decoded, not read
struct Repeat {
    start: usize,
    end: usize,
    text: String,
    words: usize,
    count: usize,
    other: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // fields exist to be decoded, not read
struct Tool {
    name: String,
    version: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // fields exist to be decoded, not read
struct SidePair<T> {
    left: T,
    right: T,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // fields exist to be decoded, not read
struct Settings {
    min_score: f64,
    window: usize,
    min_alignment_score: f64,
    statement_echoes: bool,
    passages: bool,
    rhetoric: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // fields exist to be decoded, not read
struct Summary {
    echoes: usize,
    polarity_flips: usize,
    alignments: usize,
    words: SidePair<usize>,
    sentences: SidePair<usize>,
    mirrored: SidePair<f64>,
    /// Present only when an ignore list left echoes out.
    ignored: Option<usize>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // fields exist to be decoded, not read
struct Echo {
    rank: usize,
    score: f64,
    level: EchoLevel,
    kind: EchoKind,
    polarity: Polarity,
    left: Place,
    right: Place,
    edits: Vec<Edit>,
    metrics: Metrics,
    evidence: Evidence,
    diff: Vec<Edit>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "kebab-case")]
enum EchoLevel {
    Phrase,
    Statement,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "kebab-case")]
enum EchoKind {
    Verbatim,
    Inflected,
    FunctionWord,
    Reordered,
    Paraphrase,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "kebab-case")]
enum Polarity {
    Same,
    LeftNegated,
    RightNegated,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // fields exist to be decoded, not read
struct Place {
    start: usize,
    end: usize,
    text: String,
    statement: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // fields exist to be decoded, not read
struct Passage {
    score: f64,
    echoes: Vec<usize>,
    left: Slice,
    right: Slice,
    diff: Vec<Edit>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Slice {
    start: usize,
    end: usize,
    text: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Edit {
    change: Change,
    left: Option<Slice>,
    right: Option<Slice>,
}

#[derive(Debug, Deserialize, PartialEq, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum Change {
    Equal,
    Inflected,
    Deleted,
    Inserted,
    Replaced,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // fields exist to be decoded, not read
struct Metrics {
    levenshtein: f64,
    jaro_winkler: f64,
    sorensen_dice: f64,
    token_overlap: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // fields exist to be decoded, not read
struct Evidence {
    matched_content: usize,
    matched_function: usize,
    matched_weight: f64,
    gap_weight: f64,
    quoted: bool,
    total: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // fields exist to be decoded, not read
struct Alignment {
    left: usize,
    right: usize,
    score: f64,
    shared: f64,
    echo: f64,
    diff: Vec<Edit>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // fields exist to be decoded, not read
struct Statement {
    index: usize,
    kind: StatementKind,
    start: usize,
    end: usize,
    text: String,
    parent: Option<usize>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "lowercase")]
enum StatementKind {
    Sentence,
    Quote,
}

fn decode(left: &str, right: &str) -> Doc {
    let out = stdout_of(cmd().args(["--format=json", left, right]));
    serde_json::from_str(&out)
        .unwrap_or_else(|e| panic!("{left} / {right}: {e}\n{}", ruled("JSON", &out)))
}

fn check_edits(edits: &[Edit], what: &str) {
    for (k, e) in edits.iter().enumerate() {
        let (has_l, has_r) = (e.left.is_some(), e.right.is_some());
        let ok = match e.change {
            Change::Inserted => !has_l && has_r,
            Change::Deleted => has_l && !has_r,
            Change::Equal | Change::Inflected | Change::Replaced => has_l && has_r,
        };
        assert!(
            ok,
            "{what} edit {k}: {:?} with left {has_l}, right {has_r}",
            e.change
        );
        for s in [&e.left, &e.right].into_iter().flatten() {
            assert!(
                s.start <= s.end && s.text.len() == s.end - s.start,
                "{what} edit {k}: {s:?}"
            );
        }
    }
}

/// A passage's diff runs lie inside it on each side, in order; its echoes are ranks of
/// `echoes[]`.
fn check_passage(p: &Passage, echoes: usize, what: &str) {
    check_edits(&p.diff, what);
    assert!(
        p.echoes.iter().all(|&r| (1..=echoes).contains(&r)),
        "{what}: echo ranks {:?}",
        p.echoes
    );
    for (whole, runs) in [
        (
            &p.left,
            p.diff
                .iter()
                .filter_map(|e| e.left.as_ref())
                .collect::<Vec<_>>(),
        ),
        (
            &p.right,
            p.diff.iter().filter_map(|e| e.right.as_ref()).collect(),
        ),
    ] {
        assert!(!runs.is_empty(), "{what}: a diff on each side");
        // a passage may hold its sentence's opening quote or closing punctuation beyond its
        // first and last word
        assert!(
            runs.first().is_some_and(|r| r.start >= whole.start),
            "{what}"
        );
        assert!(runs.last().is_some_and(|r| r.end <= whole.end), "{what}");
        for w in runs.windows(2) {
            assert!(w[0].end <= w[1].start, "{what}: runs in order: {w:?}");
        }
    }
}

/// A reused paragraph gives a passage whose diff shows what was edited.
#[test]
fn reused_passage_has_a_word_diff() {
    let doc = decode(
        "tests/cases/06-reused-passage/left.txt",
        "tests/cases/06-reused-passage/right.txt",
    );
    assert_eq!(doc.passages.len(), 1, "{:?}", doc.passages);
    let p = &doc.passages[0];
    check_passage(p, doc.echoes.len(), "06 passage");
    let changed = |c: Change| {
        p.diff
            .iter()
            .filter(|e| e.change == c)
            .map(|e| {
                let side =
                    |s: &Option<Slice>| s.as_ref().map_or("", |s| s.text.as_str()).to_string();
                (side(&e.left), side(&e.right))
            })
            .collect::<Vec<_>>()
    };
    assert!(
        changed(Change::Replaced).contains(&("inspectors".into(), "engineers".into())),
        "{:?}",
        changed(Change::Replaced)
    );
    assert!(changed(Change::Inserted).contains(&(String::new(), "firmly".into())));
    assert!(changed(Change::Deleted).contains(&("and constant".into(), String::new())));
}

/// The bundled example (the founding pair): version, tool, and internal consistency.
#[test]
fn stockholm_example_matches_the_schema() {
    let left = "data/stockholm-2019/us-state-department.txt";
    let right = "data/stockholm-2019/dprk-mfa.txt";
    let doc = decode(left, right);
    assert_eq!(doc.schema_version, 1);
    assert_eq!(doc.tool.name, "echodiff");
    assert_eq!(doc.tool.version, env!("CARGO_PKG_VERSION"));
    assert_eq!(
        (doc.labels.left.as_str(), doc.labels.right.as_str()),
        (left, right)
    );
    assert_eq!(doc.summary.echoes, doc.echoes.len());
    assert_eq!(doc.summary.alignments, doc.alignments.len());
    assert!(!doc.echoes.is_empty());
}

/// Every pair and case, so optional fields (`parent`, one-sided edits) and every enum value
/// that occurs are decoded too.
#[test]
fn every_fixture_matches_the_schema() {
    let mut pairs = Vec::new();
    for base in ["data", "tests/cases"] {
        for entry in fs::read_dir(common::path(base)).expect("fixture dir") {
            let dir = entry.expect("entry").path();
            let name = dir
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            let (l, r) = if dir.join("us-state-department.txt").exists() {
                ("us-state-department.txt", "dprk-mfa.txt")
            } else {
                ("left.txt", "right.txt")
            };
            if dir.join(l).is_file() {
                pairs.push((format!("{base}/{name}/{l}"), format!("{base}/{name}/{r}")));
            }
        }
    }
    pairs.sort();
    assert!(pairs.len() >= 5, "{pairs:?}");
    for (l, r) in &pairs {
        let doc = decode(l, r);
        let what = format!("{l} / {r}");
        assert_eq!(doc.schema_version, 1, "{what}");
        assert_eq!(doc.summary.echoes, doc.echoes.len(), "{what}");
        assert_eq!(
            doc.summary.polarity_flips,
            doc.echoes
                .iter()
                .filter(|e| e.polarity != Polarity::Same)
                .count(),
            "{what}"
        );
        for (k, e) in doc.echoes.iter().enumerate() {
            assert_eq!(e.rank, k + 1, "{what}: ranks are 1, 2, 3, …");
            assert!((0.0..=1.0).contains(&e.score), "{what}: score {}", e.score);
            check_edits(&e.edits, &format!("{what} echo {}", e.rank));
            check_edits(&e.diff, &format!("{what} echo {} diff", e.rank));
            assert!(
                e.edits.iter().all(|x| x.change != Change::Equal),
                "{what}: edits hold no equal runs"
            );
        }
        for a in &doc.alignments {
            check_edits(&a.diff, &format!("{what} alignment {}-{}", a.left, a.right));
        }
        for (k, p) in doc.passages.iter().enumerate() {
            check_passage(p, doc.echoes.len(), &format!("{what} passage {}", k + 1));
        }
        for side in [&doc.statements.left, &doc.statements.right] {
            for (k, s) in side.iter().enumerate() {
                assert_eq!(s.index, k, "{what}: statement indices count up");
                assert_eq!(
                    s.parent.is_some(),
                    s.kind == StatementKind::Quote,
                    "{what}: only quotes have a parent"
                );
            }
        }
    }
}

/// Passages and their diffs deny unknown fields too.
#[test]
fn unknown_fields_are_rejected_in_passages() {
    let out = stdout_of(cmd().args([
        "--format=json",
        "tests/cases/06-reused-passage/left.txt",
        "tests/cases/06-reused-passage/right.txt",
    ]));
    let good: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert!(serde_json::from_value::<Doc>(good.clone()).is_ok());
    for pointer in ["/passages/0", "/passages/0/left", "/passages/0/diff/0"] {
        let mut bad = good.clone();
        bad.pointer_mut(pointer)
            .and_then(serde_json::Value::as_object_mut)
            .unwrap_or_else(|| panic!("{pointer} is an object"))
            .insert("surprise".into(), serde_json::Value::Bool(true));
        assert!(
            serde_json::from_value::<Doc>(bad).is_err(),
            "an unknown field at {pointer:?} was accepted"
        );
    }
}

/// The structs really deny unknown fields, at every level (so the tests above catch drift).
#[test]
fn unknown_fields_are_rejected() {
    let out = stdout_of(cmd().args([
        "--format=json",
        "data/stockholm-2019/us-state-department.txt",
        "data/stockholm-2019/dprk-mfa.txt",
    ]));
    let good: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert!(serde_json::from_value::<Doc>(good.clone()).is_ok());
    for pointer in [
        "",
        "/summary",
        "/echoes/0",
        "/echoes/0/left",
        "/echoes/0/metrics",
        "/statements/left/0",
    ] {
        let mut bad = good.clone();
        bad.pointer_mut(pointer)
            .and_then(serde_json::Value::as_object_mut)
            .unwrap_or_else(|| panic!("{pointer} is an object"))
            .insert("surprise".into(), serde_json::Value::Bool(true));
        assert!(
            serde_json::from_value::<Doc>(bad).is_err(),
            "an unknown field at {pointer:?} was accepted"
        );
    }
}

//! `echodiff scan` (issue 5): directory and JSONL inputs, `--self`, dates and direction,
//! malformed JSONL, and identical output whatever the number of threads. Every run goes
//! through `common::bare_cmd()` (scrubbed environment; stderr is not a terminal, so no
//! progress bar).

mod common;

use common::{bare_cmd, ruled, stdout_of};
use pretty_assertions::assert_eq;
use serde_json::{Value, json};
use std::fs;
use std::path::Path;

const ECHO_A: &str =
    "The early comments do not reflect the content or the spirit of today's discussion.\n";
const ECHO_B: &str =
    "The U.S. did not accurately reflect the content and spirit of the negotiations.\n";
const OTHER: &str =
    "Fishing boats returned to the harbour before the storm broke over the hills.\n";

fn scan(args: &[&str]) -> Vec<Value> {
    let text = stdout_of(bare_cmd().arg("scan").args(args));
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line ({e}): {l}")))
        .collect()
}

fn pairs(lines: &[Value]) -> Vec<(String, String)> {
    lines
        .iter()
        .filter(|l| l["type"] == "pair")
        .map(|l| {
            (
                l["left"]["id"].as_str().unwrap_or("").to_string(),
                l["right"]["id"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("create dir");
    }
    fs::write(path, text).expect("write fixture");
}

fn jsonl(dir: &Path, lines: &[Value]) -> String {
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let path = dir.join("docs.jsonl");
    fs::write(&path, text).expect("write jsonl");
    path.to_string_lossy().into_owned()
}

#[test]
fn directories_left_against_right() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (l, r) = (tmp.path().join("us"), tmp.path().join("dprk"));
    write(&l, "a.txt", ECHO_A);
    write(&l, "b.txt", OTHER);
    write(&r, "sub/c.txt", ECHO_B);
    write(&r, ".hidden.txt", ECHO_B);
    let (ls, rs) = (l.to_string_lossy(), r.to_string_lossy());
    let out = scan(&[&ls, &rs]);
    let id = |d: &Path, f: &str| d.join(f).to_string_lossy().into_owned();
    assert_eq!(pairs(&out), [(id(&l, "a.txt"), id(&r, "sub/c.txt"))]);
    let pair = &out[0];
    assert_eq!(pair["right"]["index"], 2, "{pair}");
    assert_eq!(
        pair["echoes"][0]["right"]["text"],
        "did not accurately reflect the content and spirit of"
    );
    // same echo shape as the single-pair JSON
    for key in [
        "rank", "score", "kind", "polarity", "left", "right", "edits", "metrics",
    ] {
        assert!(pair["echoes"][0].get(key).is_some(), "echo lacks {key}");
    }
    let last = out.last().expect("summary line");
    assert_eq!(last["type"], "summary");
    assert_eq!(last["documents"], 3);
    assert_eq!(last["pairs_reported"], 1);
    assert!(last.get("ngrams_skipped").is_some());
}

#[test]
fn jsonl_sides_make_two_collections() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let file = jsonl(
        tmp.path(),
        &[
            json!({"id": "r1", "side": "dprk", "text": ECHO_B, "title": "Reply"}),
            json!({"id": "l1", "side": "us", "text": ECHO_A}),
            json!({"id": "l2", "side": "dprk", "text": ECHO_A}),
        ],
    );
    // "dprk" is seen first, so it is the left side; l2 and r1 are both on it
    let out = scan(&["--jsonl", &file]);
    assert_eq!(
        pairs(&out),
        [("r1".into(), "l1".into()), ("l2".into(), "l1".into())]
    );
    assert_eq!(out[0]["left"]["title"], "Reply");
}

#[test]
fn self_excludes_self_pairs_and_reports_each_pair_once() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(tmp.path(), "1.txt", ECHO_A);
    write(tmp.path(), "2.txt", ECHO_B);
    write(tmp.path(), "3.txt", OTHER);
    write(tmp.path(), "4.txt", ECHO_A);
    let dir = tmp.path().to_string_lossy();
    let out = scan(&["--self", &dir]);
    let got = pair_indices(&out);
    assert_eq!(got, [(0, 1), (0, 3), (1, 3)]);
    // the same with JSONL and no side
    let file = jsonl(
        tmp.path(),
        &[
            json!({"id": "a", "text": ECHO_A}),
            json!({"id": "b", "text": ECHO_A}),
        ],
    );
    assert_eq!(
        pairs(&scan(&["--jsonl", &file])),
        [("a".into(), "b".into())]
    );
}

#[test]
fn dates_give_direction() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let file = jsonl(
        tmp.path(),
        &[
            json!({"id": "late", "text": ECHO_A, "date": "2019-10-06"}),
            json!({"id": "early", "text": ECHO_B, "date": "2019-10-05"}),
            json!({"id": "undated", "text": ECHO_B}),
        ],
    );
    let out = scan(&["--jsonl", &file]);
    assert_eq!(out[0]["left"]["id"], "late");
    assert_eq!(out[0]["left"]["date"], "2019-10-06");
    assert_eq!(out[0]["direction"], "right-first");
    assert_eq!(out[0]["echoes"][0]["direction"], "right-first");
    // a pair with an undated document has no direction
    assert_eq!(out[1]["right"]["id"], "undated");
    assert!(out[1].get("direction").is_none(), "{}", out[1]);

    // files: a date in the name, or from --dates
    let d = tmp.path().join("files");
    write(&d, "kcna-2019-10-05.txt", ECHO_B);
    write(&d, "state.txt", ECHO_A);
    let dates = tmp.path().join("dates.tsv");
    let state = d.join("state.txt").to_string_lossy().into_owned();
    fs::write(&dates, format!("{state}\t2019-10-07\n")).expect("write dates");
    let out = scan(&[
        "--self",
        "--dates",
        &dates.to_string_lossy(),
        &d.to_string_lossy(),
    ]);
    assert_eq!(out[0]["direction"], "left-first", "{}", out[0]);
}

#[test]
fn malformed_jsonl_names_the_line_or_is_skipped() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = tmp.path().join("docs.jsonl");
    let good_a = json!({"id": "a", "text": ECHO_A}).to_string();
    let good_b = json!({"id": "b", "text": ECHO_B}).to_string();
    let bad_date = json!({"id": "c", "text": OTHER, "date": "yesterday"}).to_string();
    for (bad, why) in [
        ("{\"id\": \"x\", \"text\": ", "EOF"),
        ("{\"id\": \"x\"}", "missing field `text`"),
        (bad_date.as_str(), "not YYYY-MM-DD"),
    ] {
        fs::write(&path, format!("{good_a}\n\n{bad}\n{good_b}\n")).expect("write");
        let p = path.to_string_lossy();
        let out = bare_cmd()
            .args(["scan", "--jsonl", &p])
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{}", ruled("stderr", &stderr));
        assert!(
            stderr.starts_with("echodiff: ") && stderr.contains("docs.jsonl:3: "),
            "{}",
            ruled("stderr", &stderr)
        );
        assert!(stderr.contains(why), "{}", ruled(why, &stderr));
        assert!(out.stdout.is_empty());

        let out = bare_cmd()
            .args(["scan", "--skip-bad", "--jsonl", &p])
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{}", ruled("stderr", &stderr));
        assert!(
            stderr.contains("warning") && stderr.contains("docs.jsonl:3: skipped"),
            "{}",
            ruled("stderr", &stderr)
        );
        let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).expect("JSON line"))
            .collect();
        assert_eq!(pairs(&lines), [("a".into(), "b".into())]);
    }
}

#[test]
fn same_bytes_with_one_and_two_threads() {
    // every bundled text against every other: many pairs, many echoes
    let run = |threads: &str| {
        stdout_of(bare_cmd().args(["scan", "--self", "--threads", threads, "data"]))
    };
    let one = run("1");
    assert!(
        one.lines().count() > 5,
        "{}",
        ruled("too few results", &one)
    );
    assert_eq!(one, run("2"));
    assert_eq!(one, run("2"));
    let text = |threads: &str| {
        stdout_of(bare_cmd().args([
            "scan",
            "--self",
            "--format",
            "text",
            "--top",
            "3",
            "--threads",
            threads,
            "data",
        ]))
    };
    assert_eq!(text("1"), text("2"));
}

#[test]
fn text_format_ranks_the_top_pairs() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(tmp.path(), "1.txt", ECHO_A);
    write(tmp.path(), "2.txt", ECHO_B);
    write(tmp.path(), "3.txt", ECHO_A);
    let dir = tmp.path().to_string_lossy();
    let out =
        stdout_of(bare_cmd().args(["scan", "--self", "--format", "text", "--top", "1", &dir]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{}", ruled("output", &out));
    // the verbatim pair (1, 3) scores highest
    assert!(
        lines[0].starts_with("  1. 0.9")
            && lines[0].contains("1.txt")
            && lines[0].contains("3.txt"),
        "{}",
        ruled("output", &out)
    );
    assert!(
        lines[3].starts_with("3 document pairs with echoes"),
        "{out}"
    );
}

/// The text format quotes the top echo on one line, as the pair report does: a line break
/// inside it is a space, a quotation mark stays as it is, and a control character (an escape
/// sequence in the input) is dropped. Rust's `{:?}` showed `\n` and `\"` there before.
#[test]
fn text_format_quotes_the_top_echo_on_one_line() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let wrapped = "The early comments do not \"reflect\" the content\nor the \u{1b}[31mspirit of \
                   today's discussion.\n";
    write(tmp.path(), "1.txt", wrapped);
    write(tmp.path(), "2.txt", wrapped);
    let dir = tmp.path().to_string_lossy();
    let out = stdout_of(bare_cmd().args(["scan", "--self", "--format", "text", &dir]));
    let quoted: Vec<&str> = out
        .lines()
        .filter(|l| l.trim_start().starts_with("L: ") || l.trim_start().starts_with("R: "))
        .collect();
    assert_eq!(quoted.len(), 2, "{}", ruled("output", &out));
    for line in quoted {
        assert!(
            line.contains("not \"reflect\" the content or the [31mspirit of today's"),
            "{}",
            ruled("output", &out)
        );
        assert!(
            !line.contains('\u{1b}') && !line.contains("\\n"),
            "{line:?}"
        );
    }
}

#[test]
fn jsonl_top_keeps_the_best_pairs_ranked() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(tmp.path(), "1.txt", ECHO_A);
    write(tmp.path(), "2.txt", ECHO_B);
    write(tmp.path(), "3.txt", ECHO_A);
    let dir = tmp.path().to_string_lossy();
    let out = scan(&["--self", "--top", "2", &dir]);
    let got = pair_indices(&out);
    assert_eq!(got, [(0, 2), (0, 1)]);
}

#[test]
fn argument_errors() {
    for (args, needle) in [
        (vec!["scan"], "two directories"),
        (vec!["scan", "--self", "a", "b"], "one directory"),
        (
            vec!["scan", "no-such-dir", "data"],
            "no-such-dir: cannot read",
        ),
    ] {
        let out = bare_cmd().args(&args).output().expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
    }
}

#[test]
fn max_bytes_limits_each_jsonl_document() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let file = jsonl(
        tmp.path(),
        &[
            json!({"id": "a", "text": "short"}),
            json!({"id": "b", "text": ECHO_A}),
        ],
    );
    let out = bare_cmd()
        .args(["scan", "--max-bytes", "20", "--jsonl", &file])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("docs.jsonl:2: ") && stderr.contains("--max-bytes"),
        "{stderr}"
    );
}

#[test]
fn a_pair_gets_the_echoes_of_the_single_pair_command() {
    let (us, dprk) = (
        "data/stockholm-2019/us-state-department.txt",
        "data/stockholm-2019/dprk-mfa.txt",
    );
    let out = scan(&[us, dprk]);
    let single: Value =
        serde_json::from_str(&stdout_of(bare_cmd().args(["--format", "json", us, dprk])))
            .expect("JSON");
    assert_eq!(out[0]["echoes"], single["echoes"]);
    assert_eq!(out[0]["summary"], single["summary"]);
}

/// The (left, right) document indices of the `pair` lines of a scan's output, in order.
fn pair_indices(out: &[Value]) -> Vec<(u64, u64)> {
    out.iter()
        .filter(|l| l["type"] == "pair")
        .map(|l| {
            let i = |s: &str| l[s]["index"].as_u64().unwrap_or(u64::MAX);
            (i("left"), i("right"))
        })
        .collect()
}

//! The command line: flags, standard input, exit codes, and every input error with its
//! message. All runs go through `common::cmd()` (scrubbed environment, pinned width and color).

mod common;

use common::{bare_cmd, cmd, echo_texts, json_of, ruled, stdout_of};
use predicates::prelude::*;
use pretty_assertions::assert_eq;
use serde_json::Value;
use std::fs;
use std::path::Path;

const US: &str = "data/stockholm-2019/us-state-department.txt";
const DPRK: &str = "data/stockholm-2019/dprk-mfa.txt";
const UNRELATED_LEFT: &str = "tests/cases/04-unrelated/left.txt";
const UNRELATED_RIGHT: &str = "tests/cases/04-unrelated/right.txt";
const REUSED_PASSAGE: [&str; 2] = [
    "tests/cases/06-reused-passage/left.txt",
    "tests/cases/06-reused-passage/right.txt",
];

/// Two short texts that share one strong echo.
const ECHO_LEFT: &str =
    "The early comments do not reflect the content or the spirit of today's discussion.\n";
const ECHO_RIGHT: &str =
    "The U.S. did not accurately reflect the content and spirit of the negotiations.\n";

/// Run `cmd`, require exit 2 and a single stderr line `echodiff: …` containing every needle.
fn assert_error(cmd: &mut assert_cmd::Command, needles: &[&str]) {
    let out = cmd.output().expect("the binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "{}", ruled("stderr", &stderr));
    assert!(
        out.stdout.is_empty(),
        "{}",
        ruled("unexpected stdout", &String::from_utf8_lossy(&out.stdout))
    );
    assert!(
        stderr.starts_with("echodiff: ") && stderr.ends_with('\n') && stderr.lines().count() == 1,
        "{}",
        ruled("expected one line starting with `echodiff: `, got", &stderr)
    );
    for needle in needles {
        assert!(
            stderr.contains(needle),
            "{}",
            ruled(&format!("stderr lacks {needle:?}"), &stderr)
        );
    }
}

/// Check that every `text` in a JSON report equals the bytes of its input at `start..end`.
fn assert_offsets_match(doc: &Value, left: &[u8], right: &[u8]) {
    let check = |side: &str, place: &Value| {
        let bytes = if side == "left" { left } else { right };
        let start = place["start"].as_u64().expect("start") as usize;
        let end = place["end"].as_u64().expect("end") as usize;
        let text = place["text"].as_str().expect("text");
        assert!(
            start <= end && end <= bytes.len(),
            "{side} {start}..{end} out of bounds ({} bytes)",
            bytes.len()
        );
        assert_eq!(
            String::from_utf8_lossy(&bytes[start..end]),
            text,
            "{side} {start}..{end}: JSON text differs from the file's bytes"
        );
    };
    for e in doc["echoes"].as_array().expect("echoes") {
        check("left", &e["left"]);
        check("right", &e["right"]);
    }
    for p in doc["passages"].as_array().expect("passages") {
        let runs = p["diff"].as_array().expect("a passage diff");
        for side in ["left", "right"] {
            check(side, &p[side]);
            for run in runs.iter().filter(|run| run[side].is_object()) {
                check(side, &run[side]);
            }
        }
    }
    for side in ["left", "right"] {
        for s in doc["statements"][side].as_array().expect("statements") {
            check(side, s);
        }
    }
}

#[test]
fn help_shows_usage_and_exit_codes() {
    cmd()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Usage: echodiff"))
        .stdout(predicate::str::contains("--format"))
        .stdout(predicate::str::contains("--exit-code"))
        .stdout(predicate::str::contains("Exit status"));
}

#[test]
fn version_matches_the_package() {
    cmd()
        .arg("--version")
        .assert()
        .success()
        .stdout(format!("echodiff {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn no_arguments_is_a_usage_error() {
    bare_cmd()
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Usage"));
}

#[test]
fn stdin_works_on_either_side_and_matches_the_file() {
    let labels = "--labels=US,DPRK";
    let from_files = json_of(&[labels, US, DPRK]);
    assert!(
        !echo_texts(&from_files).is_empty(),
        "the stockholm pair has echoes"
    );

    let left_stdin: Value = serde_json::from_str(&stdout_of(
        cmd()
            .args(["--format=json", labels, "-", DPRK])
            .pipe_stdin(common::path(US))
            .expect("left file exists"),
    ))
    .expect("JSON");
    assert_eq!(left_stdin, from_files, "left side from stdin");

    let right_stdin: Value = serde_json::from_str(&stdout_of(
        cmd()
            .args(["--format=json", labels, US, "-"])
            .pipe_stdin(common::path(DPRK))
            .expect("right file exists"),
    ))
    .expect("JSON");
    assert_eq!(right_stdin, from_files, "right side from stdin");
}

#[test]
fn stdin_is_labelled_stdin_by_default() {
    let doc: Value = serde_json::from_str(&stdout_of(
        cmd()
            .args(["--format=json", US, "-"])
            .pipe_stdin(common::path(DPRK))
            .expect("file exists"),
    ))
    .expect("JSON");
    assert_eq!(doc["labels"]["left"], US);
    assert_eq!(doc["labels"]["right"], "stdin");
}

#[test]
fn labels_appear_in_text_and_json() {
    let text = stdout_of(cmd().args(["--labels", "State Dept,DPRK MFA", US, DPRK]));
    assert!(
        text.contains("State Dept") && text.contains("DPRK MFA"),
        "{}",
        ruled("text output", &text)
    );
    assert!(
        !text.contains(US),
        "{}",
        ruled("path shown despite --labels", &text)
    );

    let doc = json_of(&["--labels", "State Dept,DPRK MFA", US, DPRK]);
    assert_eq!(doc["labels"]["left"], "State Dept");
    assert_eq!(doc["labels"]["right"], "DPRK MFA");
}

#[test]
fn bad_labels_are_an_error() {
    for bad in ["OnlyOne", "A,B,C", ",B", "A,"] {
        assert_error(cmd().args(["--labels", bad, US, DPRK]), &["--labels"]);
    }
}

#[test]
fn exit_code_is_1_with_echoes_and_0_without() {
    cmd().args(["--exit-code", US, DPRK]).assert().code(1);
    cmd()
        .args(["--exit-code", UNRELATED_LEFT, UNRELATED_RIGHT])
        .assert()
        .code(0);
    // without the flag, finding echoes is still success
    cmd().args([US, DPRK]).assert().code(0);
}

#[test]
fn min_score_out_of_range_is_an_error() {
    for bad in ["1.5", "-0.1", "abc"] {
        let flag = format!("--min-score={bad}");
        cmd()
            .args([flag.as_str(), US, DPRK])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains("min-score"));
    }
}

#[test]
fn min_score_filters_echoes() {
    let all = json_of(&["--min-score=0", US, DPRK]);
    let none = json_of(&["--min-score=1", US, DPRK]);
    let n_all = all["echoes"].as_array().expect("echoes").len();
    let n_none = none["echoes"].as_array().expect("echoes").len();
    assert!(
        n_all >= n_none,
        "a lower threshold cannot report fewer echoes"
    );
    for e in all["echoes"].as_array().expect("echoes") {
        assert!(e["score"].as_f64().expect("score") >= 0.0);
    }
    assert_eq!(all["settings"]["min_score"], 0.0);
}

#[test]
fn max_echoes_lists_the_best_and_still_counts_every_echo() {
    let full = json_of(&[US, DPRK]);
    let all = full["echoes"].as_array().expect("echoes");
    assert!(all.len() > 2, "{}", listing(&full));
    let capped = json_of(&["--max-echoes", "2", US, DPRK]);
    // the first two of the same ranking, unchanged
    assert_eq!(capped["echoes"].as_array().expect("echoes")[..], all[..2]);
    assert!(full["summary"].get("listed").is_none());
    for figure in ["echoes", "polarity_flips", "alignments", "mirrored"] {
        assert_eq!(
            capped["summary"][figure], full["summary"][figure],
            "{figure}"
        );
    }
    // the aligned pairs listed: those of the full report that are strong (score >= 0.3, the
    // default report score) or hold a listed echo
    let held: Vec<(&Value, &Value)> = all[..2]
        .iter()
        .map(|e| (&e["left"]["statement"], &e["right"]["statement"]))
        .collect();
    let expected: Vec<&Value> = full["alignments"]
        .as_array()
        .expect("alignments")
        .iter()
        .filter(|a| {
            a["score"].as_f64().expect("score") >= 0.3 || held.contains(&(&a["left"], &a["right"]))
        })
        .collect();
    let listed: Vec<&Value> = capped["alignments"]
        .as_array()
        .expect("alignments")
        .iter()
        .collect();
    assert_eq!(listed, expected);
    assert!(listed.len() < full["alignments"].as_array().expect("alignments").len());
    assert_eq!(capped["summary"]["listed"]["echoes"], 2);
    assert_eq!(capped["summary"]["listed"]["alignments"], listed.len());
    let text = stdout_of(cmd().args(["--max-echoes", "2", US, DPRK]));
    let note = format!(
        "; listed: the 2 best echoes, {} aligned pairs",
        listed.len()
    );
    // (the summary line wraps at the width)
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains(&note), "{}", ruled("text", &text));
    assert_eq!(
        text.matches("\n  3. ").count(),
        0,
        "{}",
        ruled("text", &text)
    );
    // a cap above the count changes nothing
    let many = format!("{}", all.len());
    assert_eq!(
        stdout_of(cmd().args(["--format=json", "--max-echoes", &many, US, DPRK])),
        stdout_of(cmd().args(["--format=json", US, DPRK]))
    );
    // echoes left off the list still count as found
    cmd()
        .args(["--exit-code", "--max-echoes", "0", US, DPRK])
        .assert()
        .code(1);
}

#[test]
fn max_echoes_keeps_passage_echo_numbers_within_the_list() {
    let args = REUSED_PASSAGE;
    let full = json_of(&args);
    let inside = full["passages"][0]["echoes"].as_array().expect("echoes");
    assert!(inside.len() > 1, "{}", listing(&full));
    let capped = json_of(&["--max-echoes", "1", args[0], args[1]]);
    let kept: Vec<&Value> = capped["passages"][0]["echoes"]
        .as_array()
        .expect("echoes")
        .iter()
        .collect();
    let first: Vec<&Value> = inside.iter().filter(|k| **k == 1).collect();
    assert_eq!(kept, first);
}

/// `--no-passages` and `--no-rhetoric` leave those sections out of every format, say so in the
/// JSON settings, and change no echo or alignment.
#[test]
fn passages_and_rhetoric_can_be_left_out() {
    let pair = REUSED_PASSAGE;
    let full = json_of(&pair);
    assert!(!full["passages"].as_array().expect("passages").is_empty());
    let lean = json_of(&["--no-passages", "--no-rhetoric", pair[0], pair[1]]);
    assert_eq!(lean["passages"], serde_json::json!([]));
    for side in ["left", "right"] {
        assert_eq!(lean["rhetoric"][side]["distinctive"], serde_json::json!([]));
        assert_eq!(lean["rhetoric"][side]["repeated"], serde_json::json!([]));
    }
    assert_eq!(full["settings"]["passages"], true);
    assert_eq!(full["settings"]["rhetoric"], true);
    assert_eq!(lean["settings"]["passages"], false);
    assert_eq!(lean["settings"]["rhetoric"], false);
    assert_eq!(lean["echoes"], full["echoes"]);
    assert_eq!(lean["alignments"], full["alignments"]);
    for (format, passages, rhetoric) in [
        ("text", "\nReused passages\n", "Rhetoric of each side"),
        ("md", "### Reused passages", "### Rhetoric of each side"),
        ("html", "id=\"ed-passages\"", "id=\"ed-rhetoric\""),
    ] {
        let with = stdout_of(cmd().args(["--format", format, pair[0], pair[1]]));
        let without = stdout_of(cmd().args([
            "--format",
            format,
            "--no-passages",
            "--no-rhetoric",
            pair[0],
            pair[1],
        ]));
        assert!(
            with.contains(passages) && with.contains(rhetoric),
            "{format}"
        );
        assert!(
            !without.contains(passages) && !without.contains(rhetoric),
            "{}",
            ruled(format, &without)
        );
    }
}

#[test]
fn json_format_parses_and_is_deterministic() {
    let a = stdout_of(cmd().args(["--format=json", US, DPRK]));
    let b = stdout_of(cmd().args(["--format=json", US, DPRK]));
    assert_eq!(a, b, "same input, same bytes");
    assert!(a.ends_with('\n'));
    let doc: Value = serde_json::from_str(&a).expect("valid JSON");
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(
        doc["summary"]["echoes"].as_u64(),
        Some(doc["echoes"].as_array().expect("echoes").len() as u64)
    );
}

/// A comparison runs its stages on rayon's threads, and every format renders its long lists
/// in parallel chunks of 256 items: the bytes must not depend on how many threads. The
/// constructed pair (made here, not real text) has over 256 echoes and aligned pairs, so its
/// lists span several chunks.
#[test]
fn every_format_is_the_same_with_one_and_four_threads() {
    let fields = [
        "harbor", "orchard", "granary", "foundry", "library", "ferry", "mill",
    ];
    let places = ["schools", "bridges", "wells", "roads", "clinics"];
    let side = |verb: &str, tail: &str| -> String {
        (0..700)
            .map(|k| {
                let (f, p) = (fields[k % fields.len()], places[k % places.len()]);
                format!("Committee {k} {verb} the {f} budget for the {p} of district {k}{tail}. ")
            })
            .collect()
    };
    let dir = temp_with(&[
        ("left.txt", side("approved", "").as_bytes()),
        (
            "right.txt",
            side("rejected", " after a long debate").as_bytes(),
        ),
    ]);
    let summary: serde_json::Value = serde_json::from_str(&stdout_of(in_dir(dir.path()).args([
        "--format=json",
        "left.txt",
        "right.txt",
    ])))
    .expect("JSON");
    for list in ["echoes", "alignments"] {
        let n = summary["summary"][list].as_u64().unwrap_or(0);
        assert!(
            n > 256,
            "{n} {list}: the constructed pair must span several chunks"
        );
    }
    let constructed = (
        dir.path().join("left.txt").display().to_string(),
        dir.path().join("right.txt").display().to_string(),
    );
    let pairs = [
        (US.to_string(), DPRK.to_string()),
        (
            "data/declaration-vs-seneca-falls/left.txt".to_string(),
            "data/declaration-vs-seneca-falls/right.txt".to_string(),
        ),
        constructed,
    ];
    for (left, right) in &pairs {
        for format in ["json", "text", "md", "html"] {
            let run = |threads: &str| {
                stdout_of(bare_cmd().env("RAYON_NUM_THREADS", threads).args([
                    "--format",
                    format,
                    "--color=always",
                    "--width=100",
                    left.as_str(),
                    right.as_str(),
                ]))
            };
            assert_eq!(run("1"), run("4"), "{format}: {left} / {right}");
        }
    }
}

#[test]
fn color_always_emits_ansi_and_never_does_not() {
    let colored = stdout_of(bare_cmd().args(["--color=always", "--width=100", US, DPRK]));
    assert!(
        colored.contains('\u{1b}'),
        "{}",
        ruled("no escape with --color=always", &colored)
    );

    let plain = stdout_of(bare_cmd().args(["--color=never", "--width=100", US, DPRK]));
    assert!(
        !plain.contains('\u{1b}'),
        "{}",
        ruled("escape with --color=never", &plain)
    );

    // NO_COLOR beats nothing but auto; stdout is a pipe here anyway, so auto gives none
    let auto =
        stdout_of(
            bare_cmd()
                .env("NO_COLOR", "1")
                .args(["--color=auto", "--width=100", US, DPRK]),
        );
    assert!(
        !auto.contains('\u{1b}'),
        "{}",
        ruled("escape with NO_COLOR and auto", &auto)
    );
    let auto = stdout_of(bare_cmd().args(["--width=100", US, DPRK]));
    assert!(
        !auto.contains('\u{1b}'),
        "{}",
        ruled("escape under auto on a pipe", &auto)
    );

    // --color=always wins over NO_COLOR
    let forced = stdout_of(bare_cmd().env("NO_COLOR", "1").args([
        "--color=always",
        "--width=100",
        US,
        DPRK,
    ]));
    assert!(forced.contains('\u{1b}'));

    // color is applied at the last step: the side-by-side columns line up in both
    assert_columns_line_up("plain", &plain);
    assert_columns_line_up("colored, escapes removed", &strip_ansi(&colored));
}

/// In side-by-side blocks, the gutter `" | "` is at the same display column on every line.
fn assert_columns_line_up(what: &str, out: &str) {
    let cols: Vec<(usize, &str)> = out
        .lines()
        .filter_map(|line| {
            line.find(" | ")
                .map(|i| (unicode_width::UnicodeWidthStr::width(&line[..i]), line))
        })
        .collect();
    assert!(
        !cols.is_empty(),
        "{}",
        ruled(&format!("{what}: no side-by-side lines"), out)
    );
    let first = cols[0].0;
    let bad: Vec<String> = cols
        .iter()
        .filter(|(c, _)| *c != first)
        .map(|(c, l)| format!("col {c}: {l}"))
        .collect();
    assert!(
        bad.is_empty(),
        "{}",
        ruled(
            &format!("{what}: gutter not at column {first}"),
            &bad.join("\n")
        )
    );
}

/// Remove CSI escape sequences (`ESC [ … final-byte`).
fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            chars.next();
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn width_is_respected_in_text_output() {
    let out = stdout_of(cmd().args([US, DPRK]));
    for line in out.lines() {
        let cols = unicode_width::UnicodeWidthStr::width(line);
        assert!(
            cols <= 100,
            "line of {cols} columns at --width=100:\n{line}"
        );
    }
}

// ---- bad input: exit 2, one line on stderr naming the file ----

fn temp_with(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, bytes) in files {
        fs::write(dir.path().join(name), bytes).expect("write temp file");
    }
    dir
}

fn in_dir(dir: &Path) -> assert_cmd::Command {
    let mut c = cmd();
    c.current_dir(dir);
    c
}

#[test]
fn missing_file_is_an_error() {
    let dir = temp_with(&[("a.txt", ECHO_LEFT.as_bytes())]);
    assert_error(
        in_dir(dir.path()).args(["a.txt", "missing.txt"]),
        &["missing.txt", "cannot read"],
    );
    assert_error(
        in_dir(dir.path()).args(["missing.txt", "a.txt"]),
        &["missing.txt", "cannot read"],
    );
}

#[test]
fn directory_is_an_error() {
    let dir = temp_with(&[("a.txt", ECHO_LEFT.as_bytes())]);
    fs::create_dir(dir.path().join("sub")).expect("mkdir");
    assert_error(
        in_dir(dir.path()).args(["a.txt", "sub"]),
        &["sub", "is a directory"],
    );
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    // (file content, offset of the first bad byte in the file as read)
    let cases: &[(&[u8], usize)] = &[
        (b"ok \xFF here", 3),
        (b"\xFF", 0),
        ("caf\u{e9} \u{1F600} x".as_bytes(), usize::MAX), // valid: control
        (b"\xEF\xBB\xBFab\xC3\x28", 5),                   // BOM counted
        (b"abc\xE2\x82", 3),                              // truncated sequence at the end
    ];
    for (bytes, offset) in cases {
        let dir = temp_with(&[("bad.txt", bytes), ("ok.txt", ECHO_RIGHT.as_bytes())]);
        if *offset == usize::MAX {
            in_dir(dir.path())
                .args(["bad.txt", "ok.txt"])
                .assert()
                .success();
            continue;
        }
        let needle = format!("bad.txt: invalid UTF-8 at byte {offset}");
        assert_error(in_dir(dir.path()).args(["bad.txt", "ok.txt"]), &[&needle]);
        assert_error(in_dir(dir.path()).args(["ok.txt", "bad.txt"]), &[&needle]);
    }
}

#[test]
fn lossy_accepts_invalid_utf8() {
    let dir = temp_with(&[
        ("bad.txt", b"do not reflect \xFF the content"),
        ("ok.txt", ECHO_RIGHT.as_bytes()),
    ]);
    in_dir(dir.path())
        .args(["--lossy", "bad.txt", "ok.txt"])
        .assert()
        .success();
}

#[test]
fn nul_bytes_look_binary() {
    let dir = temp_with(&[("bin.dat", b"ab\0cd"), ("ok.txt", ECHO_RIGHT.as_bytes())]);
    assert_error(
        in_dir(dir.path()).args(["bin.dat", "ok.txt"]),
        &["bin.dat", "looks binary"],
    );
    assert_error(
        in_dir(dir.path()).args(["ok.txt", "bin.dat"]),
        &["bin.dat", "looks binary"],
    );
}

#[test]
fn both_sides_stdin_is_an_error() {
    assert_error(
        cmd().args(["-", "-"]).write_stdin("text"),
        &["standard input"],
    );
}

#[test]
fn max_bytes_refuses_a_bigger_file() {
    assert_error(cmd().args(["--max-bytes", "10", US, DPRK]), &[US]);
    // a file of exactly the limit is accepted
    let dir = temp_with(&[("ten.txt", b"0123456789")]);
    in_dir(dir.path())
        .args(["--max-bytes", "10", "ten.txt", "ten.txt"])
        .assert()
        .success();
}

#[test]
fn error_names_the_file_even_with_labels() {
    // the message must let the user find the file; a label alone may not say which file it is
    let dir = temp_with(&[("bad.txt", b"ok \xFF"), ("ok.txt", ECHO_RIGHT.as_bytes())]);
    assert_error(
        in_dir(dir.path()).args(["--labels=Draft,Reply", "bad.txt", "ok.txt"]),
        &["bad.txt", "byte 3"],
    );
}

// ---- encodings and line endings ----

#[test]
fn utf8_bom_is_accepted_and_counted_in_offsets() {
    let left = [b"\xEF\xBB\xBF".as_slice(), ECHO_LEFT.as_bytes()].concat();
    let dir = temp_with(&[("bom.txt", &left), ("right.txt", ECHO_RIGHT.as_bytes())]);
    let doc: Value = serde_json::from_str(&stdout_of(in_dir(dir.path()).args([
        "--format=json",
        "bom.txt",
        "right.txt",
    ])))
    .expect("JSON");
    assert!(
        !echo_texts(&doc).is_empty(),
        "the echo is found after a BOM"
    );
    assert_offsets_match(&doc, &left, ECHO_RIGHT.as_bytes());
    let first = &doc["statements"]["left"][0];
    assert_eq!(
        first["start"], 3,
        "the first statement starts after the 3 BOM bytes"
    );
}

#[test]
fn crlf_gives_the_same_echoes_as_lf() {
    for (l, r) in [
        (US, DPRK),
        (
            "tests/cases/01-reordered/left.txt",
            "tests/cases/01-reordered/right.txt",
        ),
    ] {
        let lf = (
            fs::read(common::path(l)).expect("read"),
            fs::read(common::path(r)).expect("read"),
        );
        let crlf = |b: &[u8]| {
            String::from_utf8(b.to_vec())
                .expect("UTF-8")
                .replace('\n', "\r\n")
                .into_bytes()
        };
        let (cl, cr) = (crlf(&lf.0), crlf(&lf.1));
        let dir = temp_with(&[
            ("l.txt", &lf.0),
            ("r.txt", &lf.1),
            ("cl.txt", &cl),
            ("cr.txt", &cr),
        ]);
        let run = |a: &str, b: &str| -> Value {
            serde_json::from_str(&stdout_of(in_dir(dir.path()).args(["--format=json", a, b])))
                .expect("JSON")
        };
        let lf_doc = run("l.txt", "r.txt");
        let crlf_doc = run("cl.txt", "cr.txt");
        assert_offsets_match(&crlf_doc, &cl, &cr);
        let unify = |v: Vec<(String, String)>| -> Vec<(String, String)> {
            v.into_iter()
                .map(|(a, b)| (a.replace("\r\n", "\n"), b.replace("\r\n", "\n")))
                .collect()
        };
        assert_eq!(
            unify(echo_texts(&crlf_doc)),
            echo_texts(&lf_doc),
            "{l} / {r}: CRLF vs LF echoes"
        );
        assert_eq!(
            crlf_doc["summary"]["sentences"], lf_doc["summary"]["sentences"],
            "{l} / {r}: sentences"
        );
    }
}

#[test]
fn empty_and_whitespace_only_files_give_no_echoes() {
    let dir = temp_with(&[
        ("empty.txt", b""),
        ("blank.txt", b"  \n\t\r\n   \n"),
        ("text.txt", ECHO_LEFT.as_bytes()),
    ]);
    for (a, b) in [
        ("empty.txt", "empty.txt"),
        ("empty.txt", "text.txt"),
        ("text.txt", "empty.txt"),
        ("blank.txt", "text.txt"),
        ("text.txt", "blank.txt"),
        ("blank.txt", "empty.txt"),
    ] {
        let doc: Value = serde_json::from_str(&stdout_of(in_dir(dir.path()).args([
            "--format=json",
            "--exit-code",
            a,
            b,
        ])))
        .expect("JSON");
        assert_eq!(
            doc["echoes"].as_array().map(Vec::len),
            Some(0),
            "{a} vs {b}"
        );
        assert_eq!(doc["summary"]["echoes"], 0, "{a} vs {b}");
        in_dir(dir.path()).args([a, b]).assert().success();
    }
}

#[test]
fn utf16le_with_bom_is_decoded() {
    let mut left = vec![0xFF, 0xFE];
    left.extend(ECHO_LEFT.encode_utf16().flat_map(u16::to_le_bytes));
    let mut left_be = vec![0xFE, 0xFF];
    left_be.extend(ECHO_LEFT.encode_utf16().flat_map(u16::to_be_bytes));
    let dir = temp_with(&[
        ("le.txt", &left),
        ("be.txt", &left_be),
        ("right.txt", ECHO_RIGHT.as_bytes()),
    ]);
    for name in ["le.txt", "be.txt"] {
        let doc: Value = serde_json::from_str(&stdout_of(in_dir(dir.path()).args([
            "--format=json",
            name,
            "right.txt",
        ])))
        .expect("JSON");
        let texts = echo_texts(&doc);
        assert!(
            texts.iter().any(|(l, _)| l.contains("reflect the content")),
            "{name}: the echo is found after decoding; got {texts:?}"
        );
    }
}

// ---- crafted cases in tests/cases ----

fn case(name: &str) -> (Value, Vec<u8>, Vec<u8>) {
    let l = format!("tests/cases/{name}/left.txt");
    let r = format!("tests/cases/{name}/right.txt");
    let doc = json_of(&[&l, &r]);
    let left = fs::read(common::path(&l)).expect("left.txt");
    let right = fs::read(common::path(&r)).expect("right.txt");
    assert_offsets_match(&doc, &left, &right);
    (doc, left, right)
}

/// The phrase echoes of a report (statement-level echoes left out).
fn phrase_echoes(doc: &Value) -> Vec<&Value> {
    doc["echoes"]
        .as_array()
        .expect("echoes")
        .iter()
        .filter(|e| e["level"] == "phrase")
        .collect()
}

fn listing(doc: &Value) -> String {
    let lines: Vec<String> = doc["echoes"]
        .as_array()
        .expect("echoes")
        .iter()
        .map(|e| {
            format!(
                "{} {} {} | {:?} @{} | {:?} @{}",
                e["rank"],
                e["score"],
                e["kind"],
                e["left"]["text"],
                e["left"]["start"],
                e["right"]["text"],
                e["right"]["start"]
            )
        })
        .collect();
    ruled("echoes found", &lines.join("\n"))
}

#[test]
fn every_case_has_its_files_and_a_readme() {
    let mut names = Vec::new();
    for entry in fs::read_dir(common::path("tests/cases")).expect("tests/cases") {
        let dir = entry.expect("entry").path();
        for f in ["left.txt", "right.txt", "README.md"] {
            assert!(dir.join(f).is_file(), "{} lacks {f}", dir.display());
        }
        let readme = fs::read_to_string(dir.join("README.md")).expect("README");
        assert!(
            readme.contains("Constructed") && readme.contains("Exercises"),
            "{}: README says what it is",
            dir.display()
        );
        names.push(
            dir.file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned(),
        );
    }
    names.sort();
    assert!(names.len() >= 5, "{names:?}");
}

#[test]
fn case_07_ambiguous_statements_give_no_statement_echo() {
    let (doc, _, _) = case("07-ambiguous-statements");
    let statements: Vec<&Value> = doc["echoes"]
        .as_array()
        .expect("echoes")
        .iter()
        .filter(|e| e["level"] == "statement")
        .collect();
    assert!(statements.is_empty(), "{}", listing(&doc));
}

#[test]
fn case_01_reordered_is_one_reordered_echo() {
    let (doc, _, _) = case("01-reordered");
    let hits: Vec<&Value> = phrase_echoes(&doc)
        .into_iter()
        .filter(|e| {
            let l = e["left"]["text"].as_str().unwrap_or("");
            let r = e["right"]["text"].as_str().unwrap_or("");
            l.contains("France and Germany") && r.contains("Germany and France")
        })
        .collect();
    assert_eq!(
        hits.len(),
        1,
        "one echo covers both orders\n{}",
        listing(&doc)
    );
    assert_eq!(hits[0]["kind"], "reordered", "{}", listing(&doc));
    let l = hits[0]["left"]["text"].as_str().expect("text");
    let r = hits[0]["right"]["text"].as_str().expect("text");
    assert!(
        l.contains("energy and trade") && r.contains("trade and energy"),
        "{}",
        listing(&doc)
    );
}

#[test]
fn case_02_repeated_phrase_gives_three_echoes() {
    let (doc, _, right) = case("02-repeated-phrase");
    let phrase = "a free and open Indo-Pacific region";
    let right = String::from_utf8(right).expect("UTF-8");
    let occurrences: Vec<usize> = right.match_indices(phrase).map(|(i, _)| i).collect();
    assert_eq!(occurrences.len(), 3, "the fixture has three occurrences");
    let echoes = phrase_echoes(&doc);
    let mut starts: Vec<u64> = echoes
        .iter()
        .filter(|e| e["left"]["text"] == phrase && e["right"]["text"] == phrase)
        .map(|e| e["right"]["start"].as_u64().expect("start"))
        .collect();
    starts.sort_unstable();
    let want: Vec<u64> = occurrences.iter().map(|&i| i as u64).collect();
    assert_eq!(
        starts,
        want,
        "one echo at each right occurrence\n{}",
        listing(&doc)
    );
    let left_starts: Vec<&Value> = echoes.iter().map(|e| &e["left"]["start"]).collect();
    assert!(
        left_starts.windows(2).all(|w| w[0] == w[1]),
        "all point at the one left phrase\n{}",
        listing(&doc)
    );
}

/// A phrase both texts repeat, twice each: the occurrences pair in order (first with first,
/// second with second), and the two cross-pairings, whose ends are each already paired, are
/// not reported.
#[test]
fn a_phrase_both_sides_repeat_pairs_occurrences_in_order_without_cross_pairings() {
    let phrase = "a free and open Indo-Pacific region";
    let left = format!(
        "We support {phrase}. The budget talks resume in March. Farmers expect a late harvest. \
         Our goal remains {phrase}.\n"
    );
    let right = format!(
        "They spoke of {phrase}. Rain delayed the marathon again. The museum reopened its west \
         wing. Again they named {phrase}.\n"
    );
    let dir = temp_with(&[("l.txt", left.as_bytes()), ("r.txt", right.as_bytes())]);
    let out = stdout_of(in_dir(dir.path()).args(["--format=json", "l.txt", "r.txt"]));
    let doc: Value = serde_json::from_str(&out).expect("JSON");
    let mut pairs: Vec<(u64, u64)> = phrase_echoes(&doc)
        .into_iter()
        .filter(|e| e["left"]["text"] == phrase && e["right"]["text"] == phrase)
        .map(|e| {
            let start = |side: &str| e[side]["start"].as_u64().expect("start");
            (start("left"), start("right"))
        })
        .collect();
    pairs.sort_unstable();
    let at =
        |text: &str| -> Vec<u64> { text.match_indices(phrase).map(|(i, _)| i as u64).collect() };
    let (l, r) = (at(&left), at(&right));
    assert_eq!(pairs, vec![(l[0], r[0]), (l[1], r[1])], "{}", listing(&doc));
}

#[test]
fn case_03_unicode_offsets_are_bytes_in_the_file() {
    let (doc, left, right) = case("03-unicode-offsets");
    let top = &doc["echoes"][0];
    assert_eq!(
        top["left"]["text"],
        "complete, verifiable, and irreversible",
        "{}",
        listing(&doc)
    );
    assert_eq!(
        top["right"]["text"],
        "completely and irreversibly",
        "{}",
        listing(&doc)
    );
    let find = |hay: &[u8], needle: &str| {
        hay.windows(needle.len())
            .position(|w| w == needle.as_bytes())
    };
    assert_eq!(
        top["left"]["start"].as_u64().map(|x| x as usize),
        find(&left, "complete,")
    );
    assert_eq!(
        top["right"]["start"].as_u64().map(|x| x as usize),
        find(&right, "completely")
    );
}

#[test]
fn case_04_unrelated_has_no_echo() {
    let (doc, _, _) = case("04-unrelated");
    assert_eq!(doc["summary"]["echoes"], 0, "{}", listing(&doc));
}

#[test]
fn case_05_polarity_flip_is_marked() {
    let (doc, _, _) = case("05-polarity-flip");
    let phrases = phrase_echoes(&doc);
    assert_eq!(phrases.len(), 1, "{}", listing(&doc));
    let e = phrases[0];
    assert_eq!(e["polarity"], "right-negated", "{}", listing(&doc));
    assert!(
        e["right"]["text"]
            .as_str()
            .expect("text")
            .contains("will not be lifted")
    );
    assert_eq!(doc["summary"]["polarity_flips"], 1);
}

/// A reused paragraph (issue 7): the passage and its word diff in every format.
#[test]
fn case_06_reused_passage_shows_in_every_format() {
    // case() checks the offsets of the passage and of its diff's runs against the files
    let (doc, _, _) = case("06-reused-passage");
    let passages = doc["passages"].as_array().expect("passages");
    assert_eq!(passages.len(), 1, "{}", listing(&doc));
    let diff = passages[0]["diff"].as_array().expect("a diff");
    assert!(diff.iter().any(|d| d["change"] == "inserted"), "{diff:?}");
    let args = REUSED_PASSAGE;
    let text = stdout_of(cmd().args(args));
    assert!(
        text.contains("\nReused passages\n"),
        "{}",
        ruled("text", &text)
    );
    assert!(text.contains("{+firmly+}"), "{}", ruled("text", &text));
    for width in ["40", "61"] {
        let narrow = stdout_of(
            bare_cmd()
                .args(["--color=never", "--width", width])
                .args(args),
        );
        let at = narrow.find("Reused passages").expect("a passage section");
        for line in narrow[at..].lines() {
            let cols = unicode_width::UnicodeWidthStr::width(line);
            assert!(
                cols <= width.parse().expect("a number"),
                "line of {cols} columns at --width={width}:\n{line}"
            );
        }
    }
    let md = stdout_of(cmd().arg("--format=md").args(args));
    assert!(md.contains("### Reused passages"), "{}", ruled("md", &md));
    assert!(md.contains("**firmly**"), "{}", ruled("md", &md));
    let html = stdout_of(cmd().arg("--format=html").args(args));
    assert!(
        html.contains("<section class=\"ed-passages\""),
        "{}",
        ruled("html", &html)
    );
    assert!(html.contains("<ins class=\"ed-ins\">firmly</ins>"));
}

//! Issue 6 for `echodiff check` and `echodiff scan`: hostile reference files, texts, baselines,
//! directories and JSONL give a correct result, or one clear error line naming the file and
//! the place (TOML line:column, pair, JSONL line, byte offset) with exit status 2; never a
//! panic. Runs go through `common::bare_cmd()` (scrubbed environment, no progress bar).

mod common;

use common::{bare_cmd, ruled};
use serde_json::{Value, json};
use std::fs;
use std::path::Path;

const US: &str = "data/stockholm-2019/us-state-department.txt";
const DPRK: &str = "data/stockholm-2019/dprk-mfa.txt";
const PAIR: &str = "[[pair]]\nname = \"x\"\nleft = \"left.txt\"\nright = \"right.txt\"\n";
const ECHO_A: &str =
    "The early comments do not reflect the content or the spirit of today's discussion.\n";
const ECHO_B: &str =
    "The U.S. did not accurately reflect the content and spirit of the negotiations.\n";

/// Exit code, stdout and stderr of a run; a panic or a signal fails the test.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(dir: &Path, args: &[&str]) -> Run {
    let out = bare_cmd()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the binary runs");
    let r = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(
        (0..=2).contains(&r.code) && !r.stderr.contains("panicked"),
        "{args:?}: exit {}\n{}",
        r.code,
        ruled("stderr", &r.stderr)
    );
    r
}

/// Require exit 2, nothing on stdout, and one `echodiff: ` error line (after any warnings
/// about inputs read before the error) holding every needle.
fn expect_error(case: &str, r: &Run, needles: &[&str]) {
    assert_eq!(r.code, 2, "{case}: {}", ruled("stderr", &r.stderr));
    assert!(
        r.stdout.is_empty(),
        "{case}: {}",
        ruled("stdout", &r.stdout)
    );
    let errors: Vec<&str> = r
        .stderr
        .lines()
        .filter(|l| !l.starts_with("echodiff: warning: "))
        .collect();
    let [error] = errors[..] else {
        panic!("{case}: {}", ruled("want one error line", &r.stderr));
    };
    assert!(error.starts_with("echodiff: "), "{case}: {error}");
    for n in needles {
        assert!(
            error.contains(n),
            "{case}: {}",
            ruled(&format!("lacks {n:?}"), &r.stderr)
        );
    }
}

/// A temporary directory with the Stockholm texts as left.txt / right.txt and `files`.
fn fixture(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::copy(common::path(US), dir.path().join("left.txt")).expect("copy left");
    fs::copy(common::path(DPRK), dir.path().join("right.txt")).expect("copy right");
    for (name, bytes) in files {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("create dir");
        }
        fs::write(path, bytes).expect("write file");
    }
    dir
}

fn utf16le(s: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    out.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
    out
}

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01";

#[test]
fn check_reference_files_that_are_not_toml_text() {
    let mut bad_utf8 = PAIR.as_bytes().to_vec();
    bad_utf8.extend(b"# caf\xC3(\n");
    let bom = [b"\xEF\xBB\xBF".as_slice(), PAIR.as_bytes()].concat();
    let dir = fixture(&[
        ("png.toml", PNG),
        ("bad.toml", &bad_utf8),
        ("utf16.toml", &utf16le(PAIR)),
        ("bom.toml", &bom),
        ("empty.toml", b""),
        ("sub/keep", b""),
    ]);
    let offset = format!("byte {}", PAIR.len() + 5);
    for (file, needles) in [
        ("png.toml", &["png.toml", "looks binary"][..]),
        ("bad.toml", &["bad.toml", "invalid UTF-8", &offset]),
        ("sub", &["sub", "is a directory"]),
        ("none.toml", &["none.toml", "cannot read"]),
        ("empty.toml", &["empty.toml", "no [[pair]] tables"]),
    ] {
        expect_error(file, &run(dir.path(), &["check", file]), needles);
    }
    // a BOM is dropped and UTF-16 decoded: the same reference as plain UTF-8
    for file in ["utf16.toml", "bom.toml"] {
        let r = run(dir.path(), &["check", file]);
        assert_eq!(r.code, 0, "{file}: {}", ruled("stderr", &r.stderr));
        assert!(r.stdout.starts_with("PASS x "), "{file}: {}", r.stdout);
    }
}

/// Syntax errors, wrong types, out-of-range and meaningless values: one line with the
/// reference file's name and the line:column of the value (or the pair, for a whole-pair
/// problem).
#[test]
fn check_malformed_and_mistyped_references() {
    let p = PAIR;
    let deep = format!("{p}x = {}{}\n", "[".repeat(5000), "]".repeat(5000));
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "unclosed string",
            format!("{p}expect = [{{ left = \"a }}]\n"),
            "ref.toml:5:25: unclosed inline table",
        ),
        (
            "name not a string",
            PAIR.replace("\"x\"", "1"),
            "ref.toml:2:8: invalid type",
        ),
        (
            "left not a string",
            PAIR.replace("\"left.txt\"", "5"),
            "ref.toml:3:8: invalid type",
        ),
        (
            "one label",
            format!("{p}labels = [\"a\"]\n"),
            "ref.toml:5:10: invalid length 1",
        ),
        (
            "labels a string",
            format!("{p}labels = \"a\"\n"),
            "ref.toml:5:10: invalid type",
        ),
        (
            "expect a table",
            format!("{p}expect = {{ left = \"a\" }}\n"),
            "ref.toml:5:10: invalid type: map, expected a sequence",
        ),
        (
            "score a string",
            format!("{p}min_score = \"high\"\n"),
            "ref.toml:5:13: invalid type: string",
        ),
        (
            "score too big",
            format!("{p}min_score = 1e400\n"),
            "ref.toml:5:13: floating-point number overflowed",
        ),
        (
            "score overflows",
            format!("{p}min_score = 99999999999999999999999\n"),
            "ref.toml:5:13: invalid type: integer",
        ),
        (
            "score inf",
            format!("{p}min_score = inf\n"),
            "ref.toml:5:13: score inf is not between 0 and 1",
        ),
        (
            "score negative",
            format!("{p}min_score = -0.5\n"),
            "ref.toml:5:13: score -0.5 is not between",
        ),
        (
            "score nan",
            format!("{p}min_score = nan\n"),
            "ref.toml:5:13: score NaN is not between",
        ),
        (
            "max_score nan",
            format!("{p}forbid = [{{ max_score = nan }}]\n"),
            "ref.toml:5:25: score NaN is not between 0 and 1",
        ),
        (
            "bound nan",
            format!("{p}bounds = {{ echoes = {{ min = nan }} }}\n"),
            "ref.toml:5:21: a bound cannot be nan",
        ),
        (
            "bound string",
            format!("{p}bounds = {{ echoes = {{ max = \"3\" }} }}\n"),
            "ref.toml:5:29: invalid type: string",
        ),
        (
            "unknown match",
            format!("{p}forbid = [{{ left = \"DPRK\", match = \"exact\" }}]\n"),
            "ref.toml:5:36: unknown variant `exact`",
        ),
        (
            "duplicate key",
            format!("{p}name = \"y\"\n"),
            "ref.toml:5:1: duplicate key",
        ),
        (
            "deep nesting",
            deep,
            "ref.toml:5:85: cannot recurse further",
        ),
        (
            "[pair] not [[pair]]",
            "[pair]\nname = \"x\"\n".into(),
            "ref.toml:1:1: invalid type",
        ),
        (
            "pair = []",
            "pair = []\n".into(),
            "ref.toml: no [[pair]] tables",
        ),
        (
            "empty expect phrase",
            format!("{p}expect = [{{ left = \"\" }}]\n"),
            "ref.toml:5:10: phrase \"\" has no words",
        ),
        (
            "punctuation phrase",
            format!("{p}forbid = [{{ right = \"...\", match = \"within\" }}]\n"),
            "ref.toml:5:10: phrase \"...\" has no words",
        ),
        (
            "empty ignore",
            format!("{p}ignore = [\"\"]\n"),
            "ref.toml:5:10: phrase \"\" has no words",
        ),
        (
            "blank file ignore",
            format!("ignore = [\" \"]\n{p}"),
            "ref.toml:1:10: phrase \" \" has no words",
        ),
        (
            "empty ignore table",
            format!("{p}ignore = [{{ match = \"overlap\" }}]\n"),
            "ref.toml:5:10: an ignore rule needs",
        ),
        (
            "empty left path",
            PAIR.replace("\"left.txt\"", "\"\""),
            "ref.toml: pair \"x\": left is empty",
        ),
        (
            "blank right path",
            PAIR.replace("\"right.txt\"", "\" \""),
            "ref.toml: pair \"x\": right is empty",
        ),
        (
            "duplicate names",
            format!("{p}{p}"),
            "ref.toml: two pairs are named \"x\"",
        ),
    ];
    for (case, reference, want) in cases {
        let dir = fixture(&[("ref.toml", reference.as_bytes())]);
        expect_error(case, &run(dir.path(), &["check", "ref.toml"]), &[want]);
    }
}

#[test]
fn check_texts_that_are_missing_binary_undecodable_or_directories() {
    let dir = fixture(&[
        ("png.txt", PNG),
        ("bad.txt", b"The U.S. caf\xC3( side"),
        ("folder/keep", b""),
    ]);
    for (left, needles) in [
        ("nope.txt", &["nope.txt", "cannot read"][..]),
        ("png.txt", &["png.txt", "looks binary"]),
        ("bad.txt", &["bad.txt", "invalid UTF-8 at byte 12"]),
        ("folder", &["folder", "is a directory"]),
    ] {
        let reference = PAIR.replace("left.txt", left);
        fs::write(dir.path().join("ref.toml"), reference).expect("write");
        let mut want = vec!["ref.toml: pair \"x\": "];
        want.extend(needles);
        expect_error(left, &run(dir.path(), &["check", "ref.toml"]), &want);
    }
}

/// Texts in other encodings and shapes, and phrases in other scripts, give the verdict the
/// same reference gives on plain UTF-8.
#[test]
fn check_gives_correct_verdicts_on_unusual_but_valid_input() {
    let us = fs::read_to_string(common::path(US)).expect("US text");
    let bom = [b"\xEF\xBB\xBF".as_slice(), us.as_bytes()].concat();
    let dir = fixture(&[
        ("utf16.txt", &utf16le(&us)),
        ("bom.txt", &bom),
        ("crlf.txt", us.replace('\n', "\r\n").as_bytes()),
        ("empty.txt", b""),
    ]);
    let body = "labels = [\"L\", \"R\"]\nexpect = [{ left = \"ＣＯＭＰＬＥＴＥ， ｖｅｒｉｆｉａｂｌｅ\" }]\n\
                bounds = { echoes = { max = 1e300 }, mirrored.left = { min = 0 } }\n";
    let verdict = |left: &str| {
        let reference = format!("{}{body}", PAIR.replace("left.txt", left));
        fs::write(dir.path().join("ref.toml"), reference).expect("write");
        run(dir.path(), &["check", "ref.toml"])
    };
    let plain = verdict("left.txt");
    assert_eq!(plain.code, 0, "{}", ruled("stdout", &plain.stdout));
    for left in ["utf16.txt", "bom.txt", "crlf.txt"] {
        let r = verdict(left);
        assert_eq!((r.code, &r.stdout), (0, &plain.stdout), "{left}");
    }
    // an empty text: the expected phrase is missing, nothing else fails
    let r = verdict("empty.txt");
    assert_eq!(r.code, 1, "{}", ruled("stdout", &r.stdout));
    assert!(
        r.stdout
            .contains("the left phrase does not occur in the left text"),
        "{}",
        ruled("stdout", &r.stdout)
    );
    // phrases in scripts the text does not use are reported missing, not crashed on
    let odd = "expect = [{ left = \"完全な非核化\", right = \"👍🏽 café\u{301}\" }]\n\
               forbid = [{ left = \"ｄｐｒｋ\", match = \"within\" }]\n";
    fs::write(dir.path().join("ref.toml"), format!("{PAIR}{odd}")).expect("write");
    let r = run(dir.path(), &["check", "ref.toml", "--format=json"]);
    assert_eq!(r.code, 1, "{}", ruled("stderr", &r.stderr));
    let doc: Value = serde_json::from_str(&r.stdout).expect("JSON");
    let outcomes = &doc["pairs"][0]["expectations"];
    assert_eq!(outcomes[0]["passed"], false);
    assert!(
        outcomes[0]["failure"]
            .as_str()
            .is_some_and(|f| f.contains("does not occur"))
    );
    // "DPRK" alone is never reported as an echo: the forbid holds
    assert_eq!(outcomes[1]["passed"], true, "{}", outcomes[1]);
}

#[test]
fn check_corrupt_baselines() {
    let echo = |start: Value, score: Value| {
        json!({"baseline_version": 1, "pairs": [{"name": "x", "echoes": [
            {"left": "a", "right": "b", "left_start": start, "right_start": 0, "score": score}]}]})
        .to_string()
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("binary", PNG.to_vec(), "looks binary"),
        ("invalid UTF-8", b"{\"baseline_version\": 1, \"pairs\": [\xFF]}".to_vec(), "invalid UTF-8 at byte 34"),
        ("empty", Vec::new(), "not a baseline: EOF while parsing a value at line 1 column 0"),
        ("truncated", b"{\"baseline_version\": 1, \"pairs\": [".to_vec(), "not a baseline: EOF"),
        ("not an object", b"[1, 2]".to_vec(), "not a baseline: invalid type"),
        ("unknown field", b"{\"baseline_version\": 1, \"pairs\": [], \"x\": 1}".to_vec(), "unknown field `x`"),
        ("no version", b"{\"pairs\": []}".to_vec(), "missing field `baseline_version`"),
        ("future version", b"{\"baseline_version\": 2, \"pairs\": []}".to_vec(), "baseline_version 2 is not supported"),
        (
            "duplicate pairs",
            json!({"baseline_version": 1, "pairs": [{"name": "x", "echoes": []}, {"name": "x", "echoes": []}]})
                .to_string()
                .into_bytes(),
            "two pairs are named \"x\"",
        ),
        ("negative offset", echo(json!(-1), json!(0.5)).into_bytes(), "expected usize at line 1"),
        ("huge offset", echo(json!(1e30), json!(0.5)).into_bytes(), "expected usize at line 1"),
        ("huge score", echo(json!(0), json!(1e308)).into_bytes(), "pair \"x\": echo \"a\" / \"b\": score 1e+308 is not between 0 and 1"),
        ("negative score", echo(json!(0), json!(-0.5)).into_bytes(), "score -0.5 is not between 0 and 1"),
        ("score a string", echo(json!(0), json!("high")).into_bytes(), "invalid type: string"),
    ];
    let dir = fixture(&[("ref.toml", PAIR.as_bytes()), ("folder/keep", b"")]);
    for (case, bytes, want) in cases {
        fs::write(dir.path().join("base.json"), bytes).expect("write");
        let r = run(
            dir.path(),
            &["check", "ref.toml", "--baseline", "base.json"],
        );
        expect_error(case, &r, &["base.json: ", want]);
    }
    for (file, want) in [
        ("folder", "is a directory"),
        ("missing.json", "create it with --update-baseline"),
    ] {
        let r = run(dir.path(), &["check", "ref.toml", "--baseline", file]);
        expect_error(file, &r, &[file, want]);
    }
    // the written baseline reads back and passes
    let r = run(
        dir.path(),
        &[
            "check",
            "ref.toml",
            "--baseline",
            "new.json",
            "--update-baseline",
        ],
    );
    assert_eq!(r.code, 0, "{}", ruled("stderr", &r.stderr));
    let r = run(dir.path(), &["check", "ref.toml", "--baseline", "new.json"]);
    assert_eq!(r.code, 0, "{}", ruled("stdout", &r.stdout));
}

/// The documents of a scan's JSONL output: `pair` lines and the closing `summary`.
fn scan_lines(r: &Run) -> Vec<Value> {
    r.stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line ({e}): {l}")))
        .collect()
}

/// Every echo `text` of every pair equals its document's bytes at `start..end` (offsets
/// count a stripped BOM), reading documents with `text_of(id)`.
fn check_scan_slices(lines: &[Value], text_of: &dyn Fn(&str) -> Vec<u8>) {
    for pair in lines.iter().filter(|l| l["type"] == "pair") {
        for side in ["left", "right"] {
            let id = pair[side]["id"].as_str().expect("id");
            let bytes = text_of(id);
            for echo in pair["echoes"].as_array().expect("echoes") {
                let at = &echo[side];
                let (s, e) = (at["start"].as_u64(), at["end"].as_u64());
                let (Some(s), Some(e)) = (s, e) else {
                    panic!("{id}: echo without offsets: {echo}")
                };
                let got = bytes.get(s as usize..e as usize).map(std::str::from_utf8);
                assert_eq!(got, Some(Ok(at["text"].as_str().expect("text"))), "{id}");
            }
        }
    }
}

fn summary(lines: &[Value]) -> &Value {
    lines.last().expect("a summary line")
}

#[test]
fn scan_directories_with_hostile_files() {
    let us = fs::read_to_string(common::path(US)).expect("US text");
    let bom = [b"\xEF\xBB\xBF".as_slice(), ECHO_B.as_bytes()].concat();
    let dir = fixture(&[
        ("s/a/echo.txt", ECHO_A.as_bytes()),
        ("s/a/empty.txt", b""),
        ("s/a/blank.txt", b" \n\t\r\n"),
        ("s/a/nested/deeper/bom.txt", &bom),
        ("s/a/utf16.txt", &utf16le(&us)),
        ("s/a/x-bad.txt", b"The U.S. caf\xC3( side"),
        ("s/a/y-image.png", PNG),
        ("s/a/.hidden", PNG),
        ("s/b/other.txt", ECHO_B.as_bytes()),
    ]);
    let a = dir.path().join("s/a");
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        symlink("../b/other.txt", a.join("link-to-file.txt")).expect("symlink");
        symlink("../b", a.join("link-to-dir")).expect("symlink");
        symlink(".", a.join("loop")).expect("symlink");
        symlink("nowhere.txt", a.join("dangling.txt")).expect("symlink");
        // a named pipe would block a reader forever: it is not a file, so it is not read
        let fifo = std::process::Command::new("mkfifo")
            .arg(a.join("pipe"))
            .status();
        assert!(fifo.is_ok_and(|s| s.success()), "mkfifo");
    }
    // without --skip-bad, the first bad file in path order stops the scan
    let r = run(dir.path(), &["scan", "--self", "s/a"]);
    expect_error(
        "no --skip-bad",
        &r,
        &["s/a/x-bad.txt: invalid UTF-8 at byte 12", "--skip-bad"],
    );
    let r = run(dir.path(), &["scan", "--self", "--skip-bad", "s/a"]);
    assert_eq!(r.code, 0, "{}", ruled("stderr", &r.stderr));
    for warning in [
        "warning: skipped: s/a/x-bad.txt: invalid UTF-8 at byte 12",
        "warning: skipped: s/a/y-image.png: looks binary",
        "warning: s/a/utf16.txt: decoded from UTF-16LE",
    ] {
        assert!(r.stderr.contains(warning), "{}", ruled(warning, &r.stderr));
    }
    let lines = scan_lines(&r);
    // blank, echo, empty, (link-to-file on unix), bom, utf16
    let documents = if cfg!(unix) { 6 } else { 5 };
    assert_eq!(summary(&lines)["documents"], documents, "{}", r.stdout);
    let pairs: Vec<(&str, &str)> = lines
        .iter()
        .filter(|l| l["type"] == "pair")
        .map(|l| {
            let id = |s: &str| l[s]["id"].as_str().unwrap_or("");
            (id("left"), id("right"))
        })
        .collect();
    assert!(
        pairs.contains(&("s/a/echo.txt", "s/a/nested/deeper/bom.txt")),
        "{pairs:?}"
    );
    let read = |id: &str| fs::read(dir.path().join(id)).expect("document");
    check_scan_slices(
        &lines
            .iter()
            .filter(|l| !l.to_string().contains("utf16.txt"))
            .cloned()
            .collect::<Vec<_>>(),
        &read,
    );
    // an empty directory: a summary of nothing
    fs::create_dir_all(dir.path().join("s/none")).expect("mkdir");
    let r = run(dir.path(), &["scan", "--self", "s/none"]);
    assert_eq!(r.code, 0, "{}", ruled("stderr", &r.stderr));
    assert_eq!(summary(&scan_lines(&r))["documents"], 0);
}

/// A file or directory that cannot be read stops the scan naming it, or is skipped with
/// `--skip-bad`. Permissions do not stop root, so on Linux a link to /proc/self/mem (which
/// fails to read at offset 0) stands in for an unreadable file.
#[cfg(unix)]
#[test]
fn scan_unreadable_files_and_directories() {
    use std::os::unix::fs::PermissionsExt;
    let dir = fixture(&[
        ("s/ok.txt", ECHO_A.as_bytes()),
        ("s/locked/x.txt", ECHO_B.as_bytes()),
    ]);
    let locked = dir.path().join("s/locked");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).expect("chmod");
    let root = fs::read_dir(&locked).is_ok();
    if !root {
        let r = run(dir.path(), &["scan", "--self", "s"]);
        expect_error("locked dir", &r, &["s/locked: cannot read", "--skip-bad"]);
        let r = run(dir.path(), &["scan", "--self", "--skip-bad", "s"]);
        assert_eq!(r.code, 0, "{}", ruled("stderr", &r.stderr));
        assert!(
            r.stderr.contains("skipped: s/locked: cannot read"),
            "{}",
            r.stderr
        );
    }
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).expect("chmod");
    let unreadable = dir.path().join("s/unreadable.txt");
    if root && Path::new("/proc/self/mem").exists() {
        std::os::unix::fs::symlink("/proc/self/mem", &unreadable).expect("symlink");
    } else {
        fs::write(&unreadable, ECHO_B).expect("write");
        fs::set_permissions(&unreadable, fs::Permissions::from_mode(0o000)).expect("chmod");
    }
    if fs::read(&unreadable).is_ok() {
        return; // nothing on this system is unreadable to us
    }
    let r = run(dir.path(), &["scan", "--self", "s"]);
    expect_error(
        "unreadable file",
        &r,
        &["s/unreadable.txt: cannot read", "--skip-bad"],
    );
    let r = run(dir.path(), &["scan", "--self", "--skip-bad", "s"]);
    assert_eq!(r.code, 0, "{}", ruled("stderr", &r.stderr));
    assert!(
        r.stderr.contains("skipped: s/unreadable.txt: cannot read"),
        "{}",
        r.stderr
    );
    assert_eq!(summary(&scan_lines(&r))["documents"], 2);
}

/// Each bad third line of a JSONL file: an error naming the file and line (exit 2), or,
/// with `--skip-bad`, a warning and the scan of the other lines.
#[test]
fn scan_jsonl_malformed_lines() {
    let good = format!(
        "{}\n{}\n",
        json!({"id": "a", "text": ECHO_A}),
        json!({"id": "b", "text": ECHO_B})
    );
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let too_big = json!({"id": "c", "text": "word ".repeat(30)}).to_string();
    // the line starts after `good`; the bad byte follows `{"id": "x", "text": "caf`
    let bad_byte = format!("invalid UTF-8 at byte {}", good.len() + 24);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "truncated",
            b"{\"id\": \"x\", \"text\": ".to_vec(),
            "EOF while parsing",
        ),
        ("not JSON", b"id=x text=y".to_vec(), "not a JSON object"),
        (
            "an array",
            b"[\"x\", \"text\"]".to_vec(),
            "not a JSON object",
        ),
        ("a string", b"\"text\"".to_vec(), "not a JSON object"),
        ("deep array", deep.into_bytes(), "not a JSON object"),
        (
            "no text",
            b"{\"id\": \"x\"}".to_vec(),
            "missing field `text`",
        ),
        ("no id", b"{\"text\": \"x\"}".to_vec(), "missing field `id`"),
        (
            "id a number",
            b"{\"id\": 5, \"text\": \"t\"}".to_vec(),
            "invalid type: integer `5`, expected a string",
        ),
        (
            "text an array",
            b"{\"id\": \"x\", \"text\": [\"a\"]}".to_vec(),
            "invalid type: sequence",
        ),
        (
            "title a number",
            b"{\"id\": \"x\", \"text\": \"t\", \"title\": 5}".to_vec(),
            "invalid type: integer",
        ),
        (
            "date a number",
            b"{\"id\": \"x\", \"text\": \"t\", \"date\": 20190101}".to_vec(),
            "invalid type: integer",
        ),
        (
            "bad date",
            b"{\"id\": \"x\", \"text\": \"t\", \"date\": \"2019-02-30\"}".to_vec(),
            "date \"2019-02-30\" is not YYYY-MM-DD",
        ),
        (
            "lone surrogate",
            b"{\"id\": \"x\", \"text\": \"\\ud800 t\"}".to_vec(),
            "line 1 column",
        ),
        (
            "duplicate field",
            b"{\"id\": \"x\", \"id\": \"y\", \"text\": \"t\"}".to_vec(),
            "duplicate field `id`",
        ),
        (
            "invalid UTF-8",
            b"{\"id\": \"x\", \"text\": \"caf\xC3(\"}".to_vec(),
            &bad_byte,
        ),
        (
            "over --max-bytes",
            too_big.into_bytes(),
            "over the limit of 100 bytes",
        ),
    ];
    let dir = fixture(&[]);
    for (case, bad, want) in cases {
        let mut bytes = good.clone().into_bytes();
        bytes.extend(bad);
        bytes.extend(format!("\n{}\n", json!({"id": "c", "text": "unrelated words here"})).bytes());
        fs::write(dir.path().join("docs.jsonl"), bytes).expect("write");
        let args = ["scan", "--max-bytes", "100", "--jsonl", "docs.jsonl"];
        expect_error(case, &run(dir.path(), &args), &["docs.jsonl:3: ", want]);
        let r = run(dir.path(), &[&args[..], &["--skip-bad"]].concat());
        assert_eq!(r.code, 0, "{case}: {}", ruled("stderr", &r.stderr));
        assert!(
            r.stderr.contains("warning: docs.jsonl:3: skipped: "),
            "{case}: {}",
            r.stderr
        );
        let lines = scan_lines(&r);
        assert_eq!(summary(&lines)["documents"], 3, "{case}");
        assert_eq!(summary(&lines)["pairs_reported"], 1, "{case}");
        if case == "invalid UTF-8" {
            // --lossy keeps the line, with U+FFFD for the bad byte
            let r = run(dir.path(), &["scan", "--lossy", "--jsonl", "docs.jsonl"]);
            assert_eq!(r.code, 0, "{}", ruled("stderr", &r.stderr));
            let warning = format!("warning: docs.jsonl:3: {bad_byte} replaced");
            assert!(
                r.stderr.contains(&warning),
                "{}",
                ruled(&warning, &r.stderr)
            );
            assert_eq!(summary(&scan_lines(&r))["documents"], 4);
        }
    }
}

/// Whole-file shapes of a JSONL input: binary data and compressed files are refused; BOM,
/// UTF-16, CRLF, blank lines, escapes and a huge line are read correctly.
#[test]
fn scan_jsonl_file_shapes() {
    let lines = [
        json!({"id": "a", "text": ECHO_A}).to_string(),
        json!({"id": "b", "text": ECHO_B, "extra": {"nested": [[[1]]]}}).to_string(),
    ];
    let plain = format!("{}\n{}\n", lines[0], lines[1]);
    let huge_text = format!(
        "{}{ECHO_B}",
        "denuclearization irreversible peninsula ".repeat(50_000)
    );
    let huge = format!("{}\n{}\n", lines[0], json!({"id": "b", "text": huge_text}));
    let escaped = format!(
        "{}\n{}\n",
        lines[0],
        json!({"id": "b", "text": format!("\u{0}\u{1F}{ECHO_B}")})
    );
    let dir = fixture(&[
        ("nul.jsonl", b"{\"id\": \"x\", \"text\": \"a\0b\"}\n"),
        ("gz.jsonl", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03abc"),
        (
            "bom.jsonl",
            &[b"\xEF\xBB\xBF".as_slice(), plain.as_bytes()].concat(),
        ),
        ("utf16.jsonl", &utf16le(&plain)),
        ("crlf.jsonl", plain.replace('\n', "\r\n").as_bytes()),
        (
            "blank.jsonl",
            format!("\n  \n{}\n\n\t\n{}", lines[0], lines[1]).as_bytes(),
        ),
        ("huge.jsonl", huge.as_bytes()),
        ("escaped.jsonl", escaped.as_bytes()),
        ("empty.jsonl", b""),
        ("folder/keep", b""),
    ]);
    for (file, want) in [
        ("nul.jsonl", "nul.jsonl: looks binary (NUL byte at byte 22)"),
        ("gz.jsonl", "gz.jsonl: looks binary"),
        ("folder", "folder: is a directory"),
        ("none.jsonl", "none.jsonl: cannot read"),
    ] {
        expect_error(file, &run(dir.path(), &["scan", "--jsonl", file]), &[want]);
    }
    for file in [
        "bom.jsonl",
        "utf16.jsonl",
        "crlf.jsonl",
        "blank.jsonl",
        "huge.jsonl",
        "escaped.jsonl",
    ] {
        let r = run(dir.path(), &["scan", "--jsonl", file]);
        assert_eq!(r.code, 0, "{file}: {}", ruled("stderr", &r.stderr));
        let out = scan_lines(&r);
        assert_eq!(summary(&out)["documents"], 2, "{file}");
        assert_eq!(summary(&out)["pairs_reported"], 1, "{file}");
        let text_of = |id: &str| match (id, file) {
            ("a", _) => ECHO_A.as_bytes().to_vec(),
            (_, "huge.jsonl") => huge_text.as_bytes().to_vec(),
            (_, "escaped.jsonl") => format!("\u{0}\u{1F}{ECHO_B}").into_bytes(),
            _ => ECHO_B.as_bytes().to_vec(),
        };
        check_scan_slices(&out, &text_of);
    }
    let r = run(dir.path(), &["scan", "--jsonl", "empty.jsonl"]);
    assert_eq!(r.code, 0, "{}", ruled("stderr", &r.stderr));
    assert_eq!(summary(&scan_lines(&r))["documents"], 0);
}

//! HTML and Markdown reports (issue 3): snapshots for the bundled example, `-o`, and the
//! browser check when Chromium and node are installed.

mod common;

use common::{cmd, path, stdout_of};
use std::process::Command;

const LEFT: &str = "data/stockholm-2019/us-state-department.txt";
const RIGHT: &str = "data/stockholm-2019/dprk-mfa.txt";
const LABELS: &str = "--labels=US State Department,DPRK Foreign Ministry";

fn report(format: &str) -> String {
    stdout_of(cmd().args(["--format", format, LABELS, LEFT, RIGHT]))
}

/// The page with the contents of its `<style>` and `<script>` elements left out: the
/// structure and every piece of text, without the stylesheet and script (reviewed apart).
fn html_structure(page: &str) -> String {
    let mut out = String::new();
    let mut rest = page;
    for (open, close) in [("<style>", "</style>"), ("<script>", "</script>")] {
        if let (Some(a), Some(b)) = (rest.find(open), rest.find(close)) {
            out.push_str(&rest[..a + open.len()]);
            out.push_str("[…]");
            rest = &rest[b..];
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn markdown_snapshot() {
    insta::assert_snapshot!("stockholm_markdown", report("md"));
}

#[test]
fn html_structure_snapshot() {
    insta::assert_snapshot!("stockholm_html_structure", html_structure(&report("html")));
}

#[test]
fn output_file_holds_what_stdout_would() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for format in ["text", "json", "html", "md"] {
        let file = dir.path().join(format!("report.{format}"));
        let file_arg = file.to_string_lossy().to_string();
        let printed =
            stdout_of(cmd().args(["--format", format, "-o", &file_arg, LABELS, LEFT, RIGHT]));
        assert_eq!(printed, "", "{format}: nothing on stdout with -o");
        let written = std::fs::read_to_string(&file).expect("the report file was written");
        assert_eq!(
            written,
            report(format),
            "{format}: file differs from stdout"
        );
    }
}

#[test]
fn output_to_a_missing_directory_is_an_error() {
    let out = cmd()
        .args([
            "-o",
            "no/such/dir/report.html",
            "--format",
            "html",
            LEFT,
            RIGHT,
        ])
        .output()
        .expect("the binary runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no/such/dir/report.html: cannot create"),
        "{err}"
    );
}

fn has_node() -> bool {
    Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn html_report_works_in_chromium() {
    let chromium = std::path::Path::new("/usr/bin/chromium");
    let deps = path("scripts/browser/node_modules/playwright-core");
    if !chromium.exists() || !has_node() || !deps.exists() {
        println!(
            "note: browser check skipped (needs /usr/bin/chromium, node, and `npm ci` in scripts/browser)"
        );
        return;
    }
    let dir = tempfile::tempdir().expect("a temporary directory");
    let shot = dir.path().join("report.png");
    let out = Command::new("bash")
        .arg(path("scripts/check-html.sh"))
        .arg(&shot)
        // the binary cargo built for this test, so the script never runs cargo itself
        .env("ECHODIFF", env!("CARGO_BIN_EXE_echodiff"))
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "browser check failed\n--- stdout ---\n{}\n--- stderr ---\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(shot.exists(), "no screenshot");
}

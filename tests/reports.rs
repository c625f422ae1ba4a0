//! Text, HTML and Markdown reports (issue 3): snapshots for the bundled example and for a
//! reused passage (issue 7), `-o`, and the browser check when Chromium and node are installed.

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

/// The default format, as a terminal 100 columns wide without colour.
#[test]
fn text_snapshot() {
    insta::assert_snapshot!("stockholm_text", report("text"));
}

#[test]
fn markdown_snapshot() {
    insta::assert_snapshot!("stockholm_markdown", report("md"));
}

#[test]
fn html_structure_snapshot() {
    insta::assert_snapshot!("stockholm_html_structure", html_structure(&report("html")));
}

const PASSAGE: [&str; 2] = [
    "tests/cases/06-reused-passage/left.txt",
    "tests/cases/06-reused-passage/right.txt",
];
const PASSAGE_LABELS: &str = "--labels=Harbour Authority 2023,Harbour Authority 2024";

fn passage_report(format: &str) -> String {
    stdout_of(
        cmd()
            .args(["--format", format, PASSAGE_LABELS])
            .args(PASSAGE),
    )
}

/// The parts of a page that show passages: the legend, the two texts and the passage
/// section.
fn html_passage_parts(page: &str) -> String {
    let part = |open: &str, close: &str| -> String {
        let a = page
            .find(open)
            .unwrap_or_else(|| panic!("no {open} in the page"));
        let b = a + page[a..].find(close).expect("the element is closed") + close.len();
        page[a..b].to_string()
    };
    [
        part("<dl class=\"ed-legend\"", "</dl>"),
        part("<section class=\"ed-texts\"", "</section>"),
        part("<section class=\"ed-passages\"", "</section>"),
    ]
    .join("\n")
}

#[test]
fn passage_markdown_snapshot() {
    let md = passage_report("md");
    let a = md.find("### Reused passages").expect("a passage section");
    let b = a + md[a..].find("### Aligned").expect("alignments follow");
    insta::assert_snapshot!("reused_passage_markdown", &md[a..b]);
}

#[test]
fn passage_html_snapshot() {
    insta::assert_snapshot!(
        "reused_passage_html",
        html_passage_parts(&passage_report("html"))
    );
}

/// A page with passages links each passage both ways: its tag in each text leads to its
/// entry in the passage section, and the entry's links lead to the tags in the texts.
#[test]
fn passage_html_links_both_ways() {
    let page = passage_report("html");
    let entries = page.matches("<details class=\"ed-passage\"").count();
    assert!(entries >= 1, "no passage entry");
    for n in 1..=entries {
        for side in ["left", "right"] {
            let tag = format!("<a class=\"ed-ptag\" id=\"ed-p{n}-{side}\" href=\"#ed-p{n}\"");
            assert_eq!(page.matches(&tag).count(), 1, "P{n} tag on the {side}");
            let link = format!("href=\"#ed-p{n}-{side}\"");
            assert_eq!(page.matches(&link).count(), 1, "link to P{n} on the {side}");
        }
        assert!(page.contains(&format!("id=\"ed-p{n}\" data-passage=\"p{n}\"")));
    }
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

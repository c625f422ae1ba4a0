//! Shared helpers for the integration tests: one way to run the binary, with a fixed working
//! directory and an environment that cannot change its output.

// Each test crate includes this module and uses only some of the helpers.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The crate root: every relative path in the tests is relative to it.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A path under the crate root.
pub fn path(rel: &str) -> PathBuf {
    root().join(rel)
}

/// The binary with an empty environment (so `NO_COLOR`, `TERM`, `COLUMNS`, locale settings
/// and the like cannot leak in) and the crate root as working directory, without any flag.
/// Use it when a test sets `--color` or `--width` itself.
pub fn bare_cmd() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_echodiff"));
    cmd.env_clear().current_dir(root());
    cmd
}

/// [`bare_cmd`] with every output-affecting option pinned: `--color=never --width=100`.
pub fn cmd() -> Command {
    let mut cmd = bare_cmd();
    cmd.args(["--color=never", "--width=100"]);
    cmd
}

/// Output of a run that must succeed (exit 0), as UTF-8.
pub fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.output().expect("the binary runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "expected exit 0\n--- stderr ---\n{}\n--- stdout ---\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout),
    );
    String::from_utf8(out.stdout).expect("stdout is UTF-8")
}

/// Run with `--format json` plus `args`, require exit 0, and parse stdout.
pub fn json_of(args: &[&str]) -> serde_json::Value {
    let text = stdout_of(cmd().arg("--format=json").args(args));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("invalid JSON ({e}):\n{text}"))
}

/// The (left text, right text) of every echo in a JSON report, in rank order.
pub fn echo_texts(doc: &serde_json::Value) -> Vec<(String, String)> {
    doc["echoes"]
        .as_array()
        .expect("echoes is an array")
        .iter()
        .map(|e| {
            (
                e["left"]["text"].as_str().expect("left.text").to_string(),
                e["right"]["text"].as_str().expect("right.text").to_string(),
            )
        })
        .collect()
}

/// Print `got` between rules, for long text in a failure message.
pub fn ruled(title: &str, got: &str) -> String {
    let rule = "-".repeat(72);
    format!("{title}\n{rule}\n{got}\n{rule}")
}

//! Running the eval-pan binary, and small corpora written by hand.

#![allow(dead_code)] // each test file uses a part

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The eval-pan binary with `args`, from the repository root, with a scrubbed environment.
pub fn eval_pan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_eval-pan"))
        .args(args)
        .current_dir(repo_root())
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .output()
        .expect("eval-pan runs")
}

/// The repository root (two folders above this crate).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Standard output parsed as JSON, failing with both streams shown.
pub fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n--- stderr\n{}", stdout(o), stderr(o)))
}

/// The source paragraph the suspicious document copies.
pub const REUSED: &str = "The committee met on Tuesday to review the harbour expansion plan. \
    Members questioned the projected costs of dredging the northern channel. \
    The engineers answered that the silt surveys had been repeated twice last spring. \
    A final vote on the plan was postponed until the autumn session of the council.";

/// A small corpus in `dir`, with the non-ASCII characters the PAN corpus has (U+0019, U+00A0,
/// accents) before the reused passage so that characters and bytes differ:
/// - `01-none`: one pair with nothing reused;
/// - `02-copy`: one pair where the suspicious document copies [`REUSED`] verbatim.
///
/// Returns the gold case of `02-copy` as (this_offset, this_length, source_offset,
/// source_length), in characters.
pub fn write_corpus(dir: &Path) -> (usize, usize, usize, usize) {
    for sub in ["src", "susp", "01-none", "02-copy"] {
        fs::create_dir_all(dir.join(sub)).expect("create corpus folder");
    }
    let src_before = "Caf\u{e9} owners\u{a0}complained about parking on the quay.\n\n";
    let src = format!("{src_before}{REUSED}\n\nThe weather was mild.\n");
    let susp_before =
        "R\u{e9}sum\u{e9} \u{19} of local news.\u{a0}Fishing boats returned early.\n\n";
    let susp = format!("{susp_before}{REUSED}\n\nSchools reopen on Monday.\n");
    let other = "Gardening tips for the dry season: water early, mulch well, and \
                 plant native shrubs that tolerate heat.\n";
    let write = |rel: &str, text: &str| fs::write(dir.join(rel), text).expect("write corpus file");
    write("src/source-document00001.txt", &src);
    write("susp/suspicious-document00001.txt", &susp);
    write("susp/suspicious-document00002.txt", other);
    write(
        "01-none/pairs",
        "suspicious-document00002.txt source-document00001.txt\n",
    );
    write(
        "02-copy/pairs",
        "suspicious-document00001.txt source-document00001.txt\n",
    );
    write(
        "01-none/suspicious-document00002-source-document00001.xml",
        "<document reference=\"suspicious-document00002.txt\">\n</document>\n",
    );
    let chars = |s: &str| s.chars().count();
    let case = (
        chars(susp_before),
        chars(REUSED),
        chars(src_before),
        chars(REUSED),
    );
    write(
        "02-copy/suspicious-document00001-source-document00001.xml",
        &format!(
            "<document reference=\"suspicious-document00001.txt\">\n\
             <feature name=\"plagiarism\" obfuscation=\"none\" this_offset=\"{}\" \
             this_length=\"{}\" source_reference=\"source-document00001.txt\" \
             source_offset=\"{}\" source_length=\"{}\"/>\n</document>\n",
            case.0, case.1, case.2, case.3
        ),
    );
    case
}

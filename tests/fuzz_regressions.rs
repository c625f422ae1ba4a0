//! Replays every input the fuzzers (`fuzz/`) found to break an invariant, through the same
//! code and checks (`tests/invariants/`). `tests/fuzz-regressions/` holds the inputs of the
//! target `pipeline` (the two sides split at byte 0x1E); its `check/` and `scan/`
//! subdirectories those of the targets of the same names.

mod invariants;

use std::path::Path;

/// The fuzz inputs in `tests/fuzz-regressions/<sub>`, sorted (README.md and directories
/// left out).
fn inputs(sub: &str) -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-regressions")
        .join(sub);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the fuzz regressions directory exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    files.sort();
    files
}

fn replay(sub: &str, check: fn(&[u8])) {
    for file in inputs(sub) {
        let data = std::fs::read(&file).expect("readable fuzz input");
        let run = std::panic::catch_unwind(|| check(&data));
        assert!(run.is_ok(), "fuzz regression {} fails", file.display());
    }
}

#[test]
fn every_fuzz_regression_passes() {
    replay("", invariants::check);
}

#[test]
fn every_check_fuzz_regression_passes() {
    replay("check", invariants::check::check);
}

#[test]
fn every_scan_fuzz_regression_passes() {
    replay("scan", invariants::scan::check);
}

#[test]
fn crafted_inputs_pass() {
    for data in [
        &b""[..],
        b"\x1e",
        b"\xEF\xBB\xBFa b c. a b c.\x1e\xEF\xBB\xBFa b c.",
        "完全无核化。\u{1e}朝鲜半岛完全无核化。".as_bytes(),
        "irre-\nversibly done.\u{1e}irreversibly done.".as_bytes(),
    ] {
        invariants::check(data);
    }
}

#[test]
fn crafted_check_inputs_pass() {
    let reference = "ignore = [\"the\"]\n[[pair]]\nname = \"x\"\nleft = \"l\"\nright = \"r\"\n\
        expect = [{ left = \"complete, verifiable and irreversible\" }, { right = \"nope\" }]\n\
        forbid = [{ right = \"irreversibly\", match = \"within\" }, { max_score = 0.1 }]\n\
        bounds = { echoes = { min = 1 }, mirrored.left = { max = 0.5 } }\n";
    let left = "We seek the complete, verifiable and irreversible denuclearization.";
    let right = "They must completely and irreversibly withdraw.";
    let baseline = r#"{"baseline_version": 1, "pairs": [{"name": "x", "echoes": [
        {"left": "a", "right": "b", "left_start": 0, "right_start": 0, "score": 0.5}]}]}"#;
    for data in [
        format!("{reference}\u{1e}{left}\u{1e}{right}\u{1e}{baseline}"),
        format!("{reference}\u{1e}{left}\u{1e}{right}"),
        format!("{reference}\u{1e}\u{1e}"),
        format!("[[pair]]\nname = 1\u{1e}{left}\u{1e}{right}"),
    ] {
        invariants::check::check(data.as_bytes());
    }
}

#[test]
fn crafted_scan_inputs_pass() {
    let docs = "{\"id\": \"a\", \"text\": \"We seek complete, verifiable and irreversible denuclearization.\", \"side\": \"l\"}\n\
        [1]\n{\"id\": \"b\", \"text\": \"They seek complete, verifiable and irreversible denuclearization.\", \"side\": \"r\", \"date\": \"2019-10-05\"}\n\
        {\"id\": \"c\", \"text\": \"complete, verifiable and irreversible denuclearization\", \"side\": \"l\"}\r\n";
    // every combination of lossy, skip_bad and within, two limits, and a few scan settings
    for a in [0u8, 1, 2, 3, 4, 6, 7, 2 | 3 << 3] {
        for b in [0u8, 1, 3, 0b1101] {
            let data = [&[a, b][..], docs.as_bytes()].concat();
            invariants::scan::check(&data);
        }
    }
    invariants::scan::check(b"\x02\x01{\"id\": \"a\", \"text\": \"caf\xC3(\"}\n");
    invariants::scan::check(b"\x00\x00{\"id\": \"a\", \"text\": \"x\", \"side\": \"a\\nb\"}\n{\"id\": \"b\", \"text\": \"x\", \"side\": \"b\"}\n{\"id\": \"c\", \"text\": \"x\", \"side\": \"c\"}\n");
}

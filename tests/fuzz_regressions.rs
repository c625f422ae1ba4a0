//! Replays every input the fuzzer (`fuzz/`, target `pipeline`) found to break an invariant,
//! through the same pipeline and checks (`tests/invariants/mod.rs`). Each file in
//! `tests/fuzz-regressions/` is one raw fuzz input: the two sides split at byte 0x1E.

mod invariants;

#[test]
fn every_fuzz_regression_passes() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/fuzz-regressions exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    files.sort();
    for file in &files {
        let data = std::fs::read(file).expect("readable fuzz input");
        let run = std::panic::catch_unwind(|| invariants::check(&data));
        assert!(run.is_ok(), "fuzz regression {} fails", file.display());
    }
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

//! `echodiff scan --jsonl` from raw bytes (two bytes of settings, then the JSONL input),
//! with the invariants of `tests/invariants/scan.rs`.

#![no_main]

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    invariants::scan::check(data);
});

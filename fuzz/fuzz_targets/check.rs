//! `echodiff check` from raw bytes (a reference file, two texts and a baseline, split at
//! 0x1E), with the invariants of `tests/invariants/check.rs`.

#![no_main]

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    invariants::check::check(data);
});

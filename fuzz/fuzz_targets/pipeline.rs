//! The whole pipeline from raw bytes (two sides split at 0x1E) to every output format, with
//! the invariants of `tests/invariants/mod.rs`.

#![no_main]

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    invariants::check(data);
});

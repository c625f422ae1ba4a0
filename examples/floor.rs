//! The floor for a comparison: only reading, decoding, tokenizing and hashing the words of
//! both sides, with nothing else of the pipeline. `scripts/bench-scale.py` times echodiff
//! against this to report how many times the floor a comparison costs.
//!
//! Usage: `cargo run --release --example floor -- LEFT RIGHT`
//!
//! Prints the token count of each side and a hash of every token key, so that none of the
//! work can be optimized away.

use echodiff::load::{LoadOptions, decode};
use echodiff::tokenize::{Vocab, tokenize};
use std::error::Error;
use std::io::Write;

/// FxHash-style mixing of one value into the running hash.
fn mix(hash: u64, value: u64) -> u64 {
    (hash.rotate_left(5) ^ value).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(left), Some(right), None) = (args.next(), args.next(), args.next()) else {
        return Err("usage: floor LEFT RIGHT".into());
    };
    let opts = LoadOptions::default();
    let mut vocab = Vocab::new();
    let mut hash = 0u64;
    let mut counts = Vec::with_capacity(2);
    for path in [&left, &right] {
        let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
        let loaded = decode(path, &bytes, &opts)?;
        let tokens = tokenize(&loaded.text.original, &mut vocab);
        for token in &tokens {
            hash = mix(hash, u64::from(token.key));
        }
        counts.push(tokens.len());
    }
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "left_tokens={} right_tokens={} keys={} hash={hash:016x}",
        counts[0],
        counts[1],
        vocab.key_count()
    )?;
    Ok(())
}

//! What the embedded synonym table costs at first use: parse time and resident memory.
//!
//! Usage: `cargo run --release --example synonyms`
//!
//! Prints the number of keys, the time of the first lookup (which parses the table) and of a
//! second one, and the growth of the process's resident set (Linux `/proc/self/status`;
//! "n/a" elsewhere).

use echodiff::synonyms;
use std::io::Write;
use std::time::Instant;

/// Resident set size in KiB, from `/proc/self/status`.
fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() -> std::io::Result<()> {
    let before = rss_kib();
    let t0 = Instant::now();
    let first = synonyms::are_synonyms("buy", "purchas");
    let parse = t0.elapsed();
    let after = rss_kib();
    let t1 = Instant::now();
    let second = synonyms::are_synonyms("big", "larg");
    let lookup = t1.elapsed();
    let grown = match (before, after) {
        (Some(b), Some(a)) => format!("{} KiB", a.saturating_sub(b)),
        _ => "n/a".to_string(),
    };
    let mut out = std::io::stdout().lock();
    writeln!(out, "keys: {}", synonyms::key_count())?;
    writeln!(out, "first lookup (parses the table): {parse:?} -> {first}")?;
    writeln!(out, "second lookup: {lookup:?} -> {second}")?;
    writeln!(out, "resident memory grown by the parse: {grown}")
}

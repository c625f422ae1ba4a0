//! Wall time of each stage of one comparison, for profiling (`docs/performance.md`).
//!
//! Usage: `cargo run --release --example stages -- LEFT RIGHT [FORMAT] [--no-statement-echoes]`
//! (FORMAT: text, json, html or md; default text).
//!
//! Runs the whole comparison as the CLI does (`compare_selected`, then rendering into a byte
//! counter), printing the wall time from the start and the process's CPU time at each step;
//! then runs the stages that the comparison runs side by side (echoes, passages, rhetoric)
//! one at a time, each on all cores, so their own costs can be read apart. Timings go to
//! standard error, one line a step; nothing is written to disk.

use echodiff::document::{Document, prepare};
use echodiff::load::{LoadOptions, decode};
use echodiff::render::{Format, RenderOptions, render};
use echodiff::report::compare_selected;
use echodiff::tokenize::Vocab;
use echodiff::{Options, Pair, Text};
use std::error::Error;
use std::io::{self, Write};
use std::time::Instant;

/// The allocator the binary uses, so that the times are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A writer that only counts the bytes it is given.
struct Count(u64);

impl Write for Count {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// CPU time of this process so far (user and system, all threads), where Linux's
/// `/proc/self/stat` tells it (in clock ticks, taken as 100 a second).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // the fields after the command name, which is in parentheses and may hold spaces
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i)?.parse::<f64>().ok();
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name
    Some((ticks(11)? + ticks(12)?) / 100.0)
}

fn read(path: &str) -> Result<Text, Box<dyn Error>> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    Ok(decode(path, &bytes, &LoadOptions::default())?.text)
}

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(left), Some(right)) = (args.first(), args.get(1)) else {
        return Err("usage: stages LEFT RIGHT [text|json|html|md] [--no-statement-echoes]".into());
    };
    let format = match args
        .get(2)
        .map(String::as_str)
        .filter(|a| !a.starts_with("--"))
    {
        None | Some("text") => Format::Text,
        Some("json") => Format::Json,
        Some("html") => Format::Html,
        Some("md") => Format::Markdown,
        Some(other) => return Err(format!("unknown format {other}").into()),
    };
    let start = Instant::now();
    let lap = |what: &str| {
        eprintln!(
            "{:>8.3} s  {:>8}  {what}",
            start.elapsed().as_secs_f64(),
            cpu_seconds().map_or(String::new(), |c| format!("{c:.2} cpu"))
        )
    };
    let texts = Pair::new(read(left)?, read(right)?);
    lap("read and decoded");
    // as the CLI sets them
    let options = Options {
        statement_echoes: !args.iter().any(|a| a == "--no-statement-echoes"),
        string_measures: format.shows_string_measures(),
        ..Options::default()
    };
    let report = compare_selected(texts.left.clone(), texts.right.clone(), &options, |_| {
        lap("compared (before completing statement echoes and alignment diffs)")
    });
    lap("compared and completed");
    let mut count = Count(0);
    render(&report, format, &RenderOptions::default(), &mut count)?;
    lap(&format!("rendered {} bytes", count.0));
    drop(report);
    lap("report dropped");

    eprintln!("-- the stages one at a time");
    let t = Instant::now();
    let mut vocab = Vocab::new();
    let mut docs = Document::new_pair(texts, &mut vocab);
    prepare(&mut docs);
    eprintln!("{:>8.3} s  documents", t.elapsed().as_secs_f64());
    let d = docs.as_ref();
    let t = Instant::now();
    let candidates = echodiff::echoes::find_candidates(d.left, d.right, &options.find);
    eprintln!(
        "{:>8.3} s  echo candidates ({})",
        t.elapsed().as_secs_f64(),
        candidates.len()
    );
    let t = Instant::now();
    let passages = echodiff::passages::detect(d, &options.passages);
    eprintln!(
        "{:>8.3} s  passages ({})",
        t.elapsed().as_secs_f64(),
        passages.len()
    );
    let t = Instant::now();
    let _ = echodiff::rhetoric::rhetoric(d, &options.rhetoric);
    eprintln!("{:>8.3} s  rhetoric", t.elapsed().as_secs_f64());
    Ok(())
}

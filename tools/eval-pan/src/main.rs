//! `eval-pan`: measure echodiff's passages on a PAN text alignment corpus.
//!
//! For each pair of a PAN corpus folder (`0N-*/pairs`, `src/`, `susp/`, one gold XML a pair),
//! runs echodiff's passage detection (the source as left text, the suspicious document as
//! right), maps its byte spans to characters, and scores them with the official PAN measure
//! (precision, recall, granularity, plagdet; see [`measure`]), per sub-corpus and for the whole
//! corpus, beside published figures. Usually run through `scripts/eval-pan`; see `docs/pan.md`.

mod corpus;
mod detect;
mod detections;
mod measure;
mod published;
mod summary;
mod xml;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clap::Parser;

use crate::corpus::Corpus;
use crate::detect::Outcome;
use crate::measure::Reuse;
use crate::summary::Summary;

/// Exit status: the run finished and, with `--min-plagdet`, plagdet reached the floor.
const EXIT_OK: u8 = 0;
/// Exit status: plagdet on the entire corpus is below `--min-plagdet`.
const EXIT_BELOW_FLOOR: u8 = 1;
/// Exit status: an error (the message names the file).
const EXIT_ERROR: u8 = 2;

/// Measure echodiff's passages on a PAN text alignment corpus: precision, recall, granularity
/// and plagdet per sub-corpus and overall, beside published results.
#[derive(Debug, Parser)]
#[command(name = "eval-pan", version)]
struct Args {
    /// The corpus folder: src/, susp/ and sub-corpora 0N-*/ with a pairs file and gold XML.
    corpus: PathBuf,

    /// Measure N pairs of each sub-corpus: those at positions ⌊i·len/N⌋ (i = 0..N) of its
    /// pairs sorted by file name, so the same N always picks the same pairs.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    sample: Option<u64>,

    /// Worker threads for detection (0: one per core). The figures do not depend on it.
    #[arg(long, value_name = "N", default_value_t = 0)]
    threads: usize,

    /// Write PAN detection XML into DIR, one SUSP-SRC.xml a pair (created if missing).
    #[arg(long, value_name = "DIR")]
    xml_out: Option<PathBuf>,

    /// Print the summary as JSON instead of a table.
    #[arg(long)]
    json: bool,

    /// Exit with status 1 when plagdet on the whole (sampled) corpus is below X (a CI guard).
    #[arg(long, value_name = "X")]
    min_plagdet: Option<f64>,

    /// Score detections read from PATH instead of running echodiff: a JSON file as
    /// --save-detections writes, or a folder of PAN detection XML.
    #[arg(long, value_name = "PATH")]
    detections: Option<PathBuf>,

    /// Save the detections scored to FILE as JSON (characters, PAN's field names).
    #[arg(long, value_name = "FILE")]
    save_detections: Option<PathBuf>,

    /// Published results (TSV) to print beside ours [default: published-results.tsv beside
    /// the corpus folder, when present].
    #[arg(long, value_name = "FILE")]
    published: Option<PathBuf>,

    /// The published system to print beside ours.
    #[arg(long, value_name = "NAME", default_value = "Sanchez-Perez")]
    published_system: String,

    /// The corpus column of the published rows [default: the corpus folder's name].
    #[arg(long, value_name = "NAME")]
    published_corpus: Option<String>,

    /// echodiff's --min-score: echoes scoring below X are not used [default: echodiff's].
    #[arg(long, value_name = "X")]
    min_score: Option<f64>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            eprintln!("eval-pan: {err:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

fn run(args: &Args) -> Result<u8> {
    let started = Instant::now();
    let mut corpus = Corpus::open(&args.corpus)?;
    let sample = args
        .sample
        .map(|n| usize::try_from(n).unwrap_or(usize::MAX));
    if let Some(n) = sample {
        corpus.sample(n);
    }
    let published = read_published(args)?;
    let gold = corpus
        .pairs()
        .map(|(subset, pair)| corpus.gold(subset, pair))
        .collect::<Result<Vec<_>>>()?;
    let (found, refused) = detections(args, &corpus)?;
    if let Some(path) = &args.save_detections {
        std::fs::write(path, detections::to_json(&corpus, &found))
            .with_context(|| format!("{}: cannot write", path.display()))?;
    }
    if let Some(dir) = &args.xml_out {
        let pairs = corpus.pairs().map(|(_, p)| p);
        xml::write_all(dir, pairs.zip(found.iter().map(Vec::as_slice)))?;
    }
    let mut summary = Summary::new(&corpus, &gold, &found, published.as_ref());
    summary.sample = sample;
    summary.refused = refused;
    if let Some(path) = &args.detections {
        summary.detections_from = path.display().to_string();
    }
    summary.seconds = started.elapsed().as_secs_f64();
    let out = if args.json {
        summary.json()
    } else {
        summary.table()
    };
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
        .context("cannot write to standard output")?;
    Ok(floor_check(args.min_plagdet, summary.entire.scores.plagdet))
}

/// Detections read from `--detections`, or found by echodiff; with the pairs echodiff refused
/// (`SUSP SRC: reason`), which have none.
fn detections(args: &Args, corpus: &Corpus) -> Result<(Vec<Vec<Reuse>>, Vec<String>)> {
    if let Some(path) = &args.detections {
        let found = detections::read(path, corpus, args.sample.is_some())?;
        return Ok((found, Vec::new()));
    }
    let mut options = echodiff::Options::default();
    if let Some(x) = args.min_score {
        options.min_score = x;
    }
    let total = corpus.pairs().count();
    let show = std::io::stderr().is_terminal();
    let progress = |done: usize| {
        if show && (done.is_multiple_of(50) || done == total) {
            eprint!("\reval-pan: {done}/{total} pairs");
            if done == total {
                eprintln!();
            }
        }
    };
    let outcomes = detect::detect_all(corpus, &options, args.threads, &progress)?;
    let mut refused = Vec::new();
    let found = corpus
        .pairs()
        .zip(outcomes)
        .map(|((_, pair), outcome)| match outcome {
            Outcome::Passages(found) => found,
            Outcome::Refused(why) => {
                refused.push(format!("{} {}: {why}", pair.susp, pair.src));
                Vec::new()
            }
        })
        .collect();
    Ok((found, refused))
}

/// The published figures beside ours: from `--published`, else from
/// `published-results.tsv` beside the corpus folder when it exists.
fn read_published(args: &Args) -> Result<Option<published::Published>> {
    let path = match &args.published {
        Some(p) => p.clone(),
        None => {
            let beside = beside_corpus(&args.corpus)?;
            if !beside.is_file() {
                return Ok(None);
            }
            beside
        }
    };
    let corpus_name = match &args.published_corpus {
        Some(n) => n.clone(),
        None => folder_name(&args.corpus)?,
    };
    let found = published::read(&path, &args.published_system, &corpus_name)?;
    if found.is_none() {
        eprintln!(
            "eval-pan: note: {} has no rows for {} on {corpus_name} (see --published-system, \
             --published-corpus)",
            path.display(),
            args.published_system
        );
    }
    Ok(found)
}

/// `published-results.tsv` in the corpus folder's parent.
fn beside_corpus(corpus: &Path) -> Result<PathBuf> {
    let full = corpus
        .canonicalize()
        .with_context(|| format!("{}: cannot resolve", corpus.display()))?;
    let parent = full.parent().unwrap_or(&full);
    Ok(parent.join("published-results.tsv"))
}

/// The corpus folder's own name (`training`), even when given as `.` or with a trailing `/`.
fn folder_name(corpus: &Path) -> Result<String> {
    let full = corpus
        .canonicalize()
        .with_context(|| format!("{}: cannot resolve", corpus.display()))?;
    match full.file_name() {
        Some(n) => Ok(n.to_string_lossy().into_owned()),
        None => bail!("{}: has no folder name", corpus.display()),
    }
}

/// The exit status for plagdet `got` against the floor `min`, reported on standard error.
fn floor_check(min: Option<f64>, got: f64) -> u8 {
    match min {
        Some(min) if got < min => {
            eprintln!("eval-pan: plagdet {got:.5} is below the floor {min:.5}");
            EXIT_BELOW_FLOOR
        }
        Some(min) => {
            eprintln!("eval-pan: plagdet {got:.5} reaches the floor {min:.5}");
            EXIT_OK
        }
        None => EXIT_OK,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_args() {
        Args::command().debug_assert();
    }

    #[test]
    fn floor() {
        assert_eq!(floor_check(None, 0.0), EXIT_OK);
        assert_eq!(floor_check(Some(0.5), 0.5), EXIT_OK);
        assert_eq!(floor_check(Some(0.5), 0.49), EXIT_BELOW_FLOOR);
    }
}

//! `echodiff check`: check texts against reference pairs (issue 4). Reads the reference file
//! and the texts, runs the pairs on two threads, and hands the results to the library's
//! renderers in file order. The judging is `echodiff::check`; the format is `docs/check.md`.

use crate::exit;
use anyhow::{Context, Result, anyhow};
use clap::{Args as ClapArgs, ValueEnum};
use echodiff::check::baseline::{self, BASELINE_VERSION, Baseline, BaselinePair};
use echodiff::check::render::{self, PairResult};
use echodiff::check::{IgnoreFile, IgnoreRule, PairSpec, Reference, check_pair};
use echodiff::load::{LoadOptions, decode};
use echodiff::report::compare_selected;
use echodiff::{Options, Pair};
use serde::de::DeserializeOwned;
use std::io::{self, Write};
use std::path::Path;

/// Arguments of `echodiff check`.
#[derive(Debug, ClapArgs)]
pub struct CheckArgs {
    /// The reference file (TOML; see docs/check.md).
    pub reference: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
    /// Compare every pair's echoes with this baseline file (JSON); differences fail the check.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<String>,
    /// Write this run's echoes to the --baseline file instead of comparing with it.
    #[arg(long, requires = "baseline")]
    pub update_baseline: bool,
    /// A baseline score may move by this much without being reported.
    #[arg(long, default_value_t = 0.05, value_parser = crate::args::parse_score)]
    pub tolerance: f64,
}

/// `echodiff check --format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// One line per pair, failures below it.
    Text,
    /// JSON (see docs/check.md).
    Json,
    /// JUnit XML: one test case per expectation.
    Junit,
}

/// Threads running pairs (the machines CI runs on have at least two cores).
const THREADS: usize = 2;

/// Run `echodiff check`.
pub fn run(args: &CheckArgs) -> Result<u8> {
    let reference: Reference = read_toml(&args.reference)?;
    check_pairs(&args.reference, &reference.pairs)?;
    let base = Path::new(&args.reference)
        .parent()
        .unwrap_or(Path::new(""))
        .to_path_buf();
    let runs = run_pairs(&base, &reference).with_context(|| args.reference.clone())?;
    let mut results = Vec::with_capacity(runs.len());
    let stored = match &args.baseline {
        Some(path) if !args.update_baseline => Some(read_baseline(path)?),
        _ => None,
    };
    let mut fresh = Vec::with_capacity(runs.len());
    for (mut result, now) in runs {
        result.baseline = stored
            .as_ref()
            .map(|b| baseline::diff(b.pair(&now.name), &now, args.tolerance));
        results.push(result);
        fresh.push(now);
    }
    if let (Some(path), true) = (&args.baseline, args.update_baseline) {
        write_baseline(path, &Baseline::new(fresh))?;
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match args.format {
        CheckFormat::Text => render::text(&results, args.tolerance, &mut out)?,
        CheckFormat::Json => render::json(&results, &mut out)?,
        CheckFormat::Junit => render::junit(&results, args.tolerance, &mut out)?,
    }
    out.flush()?;
    Ok(if results.iter().all(PairResult::passed) {
        exit::OK
    } else {
        exit::FOUND
    })
}

/// The ignore rules of an ignore file (`echodiff LEFT RIGHT --ignore FILE`).
pub fn read_ignore(path: &str) -> Result<Vec<IgnoreRule>> {
    Ok(read_toml::<IgnoreFile>(path)?.ignore)
}

/// Read a small input file (reference, ignore list, baseline) as text, decoded like a text
/// to compare: a directory, binary data or invalid UTF-8 is an error naming the file (and
/// the byte), a BOM is dropped and UTF-16 is decoded.
fn read_text(path: &str) -> Result<String> {
    let bytes = crate::read_input(path)?;
    Ok(decode(path, &bytes, &LoadOptions::default())?.text.original)
}

/// Read and parse a TOML file; a syntax or schema error names the file, line and column.
fn read_toml<T: DeserializeOwned>(path: &str) -> Result<T> {
    let src = read_text(path)?;
    toml::from_str(&src).map_err(|e| {
        let at = e.span().map_or(String::new(), |s| {
            let (line, col) = line_col(&src, s.start);
            format!(":{line}:{col}")
        });
        anyhow!("{path}{at}: {}", e.message().trim_end())
    })
}

/// 1-based line and column (in characters) of byte `offset` in `src`.
fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let before = src.get(..offset).unwrap_or(src);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Pair names key the baseline, so they must be unique; a file checking nothing is a
/// mistake (`[pair]` for `[[pair]]` is a type error, but a misspelt table name is not); and
/// an empty path would name the reference file's directory.
fn check_pairs(path: &str, pairs: &[PairSpec]) -> Result<()> {
    if pairs.is_empty() {
        anyhow::bail!("{path}: no [[pair]] tables, nothing to check");
    }
    for p in pairs {
        for (side, file) in [("left", &p.left), ("right", &p.right)] {
            if file.trim().is_empty() {
                anyhow::bail!(
                    "{path}: pair {:?}: {side} is empty; give the path of a text file, \
                     relative to {path}",
                    p.name
                );
            }
        }
    }
    match first_duplicate(pairs.iter().map(|p| p.name.as_str()).collect()) {
        Some(name) => anyhow::bail!("{path}: two pairs are named {name:?}; names must be unique"),
        None => Ok(()),
    }
}

/// The first (in sorted order) name given twice.
fn first_duplicate(mut names: Vec<&str>) -> Option<&str> {
    names.sort_unstable();
    names.windows(2).find_map(|w| match w {
        [a, b] if a == b => Some(*a),
        _ => None,
    })
}

/// Run every pair, `THREADS` at a time; results in file order. The first error in file order
/// wins.
fn run_pairs(base: &Path, reference: &Reference) -> Result<Vec<(PairResult, BaselinePair)>> {
    let pairs = &reference.pairs;
    let mut done: Vec<(usize, Result<(PairResult, BaselinePair)>)> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..THREADS.min(pairs.len()))
            .map(|w| {
                s.spawn(move || {
                    (w..pairs.len())
                        .step_by(THREADS)
                        .map(|k| (k, run_pair(base, &pairs[k], &reference.ignore)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|h| {
                h.join()
                    .map_err(|_| anyhow!("internal: a check thread panicked"))
            })
            .collect::<Result<Vec<_>>>()
            .map(|v| v.into_iter().flatten().collect())
    })?;
    done.sort_by_key(|(k, _)| *k);
    done.into_iter().map(|(_, r)| r).collect()
}

fn run_pair(
    base: &Path,
    spec: &PairSpec,
    file_ignore: &[IgnoreRule],
) -> Result<(PairResult, BaselinePair)> {
    let paths = Pair::new(base.join(&spec.left), base.join(&spec.right));
    let labels = match &spec.labels {
        Some([l, r]) => Pair::new(l.clone(), r.clone()),
        None => Pair::new(spec.left.clone(), spec.right.clone()),
    };
    let left = load(&paths.left, &labels.left).with_context(|| format!("pair {:?}", spec.name))?;
    let right =
        load(&paths.right, &labels.right).with_context(|| format!("pair {:?}", spec.name))?;
    // a verdict reads the echoes and the summary: no passages, rhetoric or alignment diffs
    let mut options = Options {
        statement_echoes: spec.statement_echoes,
        // a verdict, a baseline and the check reports never show them
        string_measures: false,
        ..Options::default()
    }
    .echoes_only();
    if let Some(m) = spec.min_score {
        options.min_score = m.0;
    }
    let mut report = compare_selected(left, right, &options, |r| r.alignments.clear());
    let verdict = check_pair(spec, file_ignore, &mut report);
    let now = BaselinePair::of(&spec.name, &report);
    let result = PairResult {
        name: spec.name.clone(),
        labels,
        verdict,
        baseline: None,
    };
    Ok((result, now))
}

fn load(path: &Path, label: &str) -> Result<echodiff::Text> {
    let shown = path.display().to_string();
    let bytes = crate::read_input(&shown)?;
    let mut loaded = decode(&shown, &bytes, &LoadOptions::default())?;
    loaded.text.label = label.to_string();
    Ok(loaded.text)
}

fn read_baseline(path: &str) -> Result<Baseline> {
    if !Path::new(path).exists() {
        anyhow::bail!("{path}: cannot read: no such file (create it with --update-baseline)");
    }
    let src = read_text(path)?;
    // serde_json's message ends with the line and column
    let baseline: Baseline =
        serde_json::from_str(&src).map_err(|e| anyhow!("{path}: not a baseline: {e}"))?;
    if baseline.baseline_version != BASELINE_VERSION {
        anyhow::bail!(
            "{path}: baseline_version {} is not supported (this echodiff reads and writes \
             version {BASELINE_VERSION}; rewrite it with --update-baseline)",
            baseline.baseline_version
        );
    }
    // a pair is looked up by name: a second one of the same name would be silently unused
    let names: Vec<&str> = baseline.pairs.iter().map(|p| p.name.as_str()).collect();
    if let Some(name) = first_duplicate(names) {
        anyhow::bail!("{path}: two pairs are named {name:?}; names must be unique");
    }
    for p in &baseline.pairs {
        if let Some(e) = p.echoes.iter().find(|e| !(0.0..=1.0).contains(&e.score)) {
            anyhow::bail!(
                "{path}: pair {:?}: echo {:?} / {:?}: score {} is not between 0 and 1",
                p.name,
                e.left,
                e.right,
                // as JSON writes it (1e+308, not 309 digits)
                serde_json::to_string(&e.score).unwrap_or_default()
            );
        }
    }
    Ok(baseline)
}

fn write_baseline(path: &str, baseline: &Baseline) -> Result<()> {
    let mut text = serde_json::to_string_pretty(baseline).context("internal: baseline JSON")?;
    text.push('\n');
    std::fs::write(path, text).with_context(|| format!("{path}: cannot write"))
}

#[cfg(test)]
mod tests {
    use super::line_col;

    #[test]
    fn line_and_column() {
        let src = "a = 1\nbé = x\n";
        assert_eq!(line_col(src, 0), (1, 1));
        assert_eq!(line_col(src, 6), (2, 1));
        assert_eq!(line_col(src, 11), (2, 5), "columns count characters");
        assert_eq!(line_col(src, 999), (3, 1), "past the end");
    }
}

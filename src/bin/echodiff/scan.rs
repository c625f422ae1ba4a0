//! `echodiff scan`: echoes between many documents at once (issue 5). Reads directories or a
//! JSONL file into documents, runs [`echodiff::scan::scan`] on a thread pool, shows progress
//! on a terminal and streams the results.

use anyhow::{Context, Result};
use clap::{Args as ClapArgs, ValueEnum};
use echodiff::Options;
use echodiff::load::{LoadOptions, Loaded, decode};
use echodiff::render::scan::{DocInfo, TopPairs, pair_line, pair_text, summary_line, summary_text};
use echodiff::scan::jsonl::{self, JsonlOptions, LineProblem};
use echodiff::scan::{Date, Event, Mode, PairResult, ScanDoc, ScanOptions, ScanStats, scan};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

const EXAMPLES: &str = "\
Examples:
  echodiff scan dprk/ us/                 every file under dprk/ against every file under us/
  echodiff scan --self archive/           an archive against itself, each pair once
  echodiff scan --jsonl docs.jsonl        one JSON object a line: id, side, text, date, title
  echodiff scan --format text --top 10 --self archive/";

/// Arguments of `echodiff scan`.
#[derive(Debug, ClapArgs)]
#[command(after_help = EXAMPLES)]
pub struct ScanArgs {
    /// Two directories or files (left, right), or one with --self.
    pub paths: Vec<String>,
    /// Compare one collection against itself (no document against itself, each pair once).
    #[arg(long = "self")]
    pub within: bool,
    /// Read documents from a JSONL file (- for standard input): one object a line with `id`,
    /// `text` and optionally `side`, `date` (YYYY-MM-DD) and `title`. Two `side` values make
    /// two collections (the first seen is the left); one makes a scan of it against itself.
    #[arg(long, value_name = "FILE", conflicts_with = "paths")]
    pub jsonl: Option<String>,
    /// Skip malformed JSONL lines, and files that cannot be read or decoded (binary data,
    /// invalid UTF-8), with a warning instead of failing.
    #[arg(long)]
    pub skip_bad: bool,
    /// Dates of files: a TSV file of `PATH<TAB>YYYY-MM-DD` lines (PATH as scan shows it).
    /// Without it, a YYYY-MM-DD in a file's name is its date.
    #[arg(long, value_name = "FILE")]
    pub dates: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ScanFormat::Jsonl)]
    pub format: ScanFormat,
    /// Only the N best pairs, ranked (default for text output: 20).
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// Report echoes scoring at least this (0 to 1).
    #[arg(long, default_value_t = 0.5)]
    pub min_score: f64,
    /// Skip word bigrams held by more than this many documents (boilerplate).
    #[arg(long, default_value_t = 100, value_name = "N")]
    pub max_df: usize,
    /// Compare two documents when they share a passage of at least this many word pairs.
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub min_shared: usize,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Refuse documents larger than this many bytes.
    #[arg(long, default_value_t = 256 * 1024 * 1024, value_name = "BYTES")]
    pub max_bytes: usize,
    /// Replace invalid UTF-8 with U+FFFD (with a warning) instead of failing.
    #[arg(long)]
    pub lossy: bool,
}

/// `scan --format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScanFormat {
    /// One JSON object a line: a `pair` object per document pair, then a `summary`.
    Jsonl,
    /// A ranked summary for people.
    Text,
}

/// Run `echodiff scan`.
pub fn run(args: &ScanArgs) -> Result<u8> {
    if !(0.0..=1.0).contains(&args.min_score) {
        anyhow::bail!("--min-score {} is not between 0 and 1", args.min_score);
    }
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("starting worker threads")?;
    }
    let (docs, mode) = read_collections(args)?;
    let infos: Vec<DocInfo> = docs.iter().map(DocInfo::of).collect();
    let opts = ScanOptions {
        compare: Options {
            min_score: args.min_score,
            ..Options::default()
        },
        max_df: args.max_df,
        min_shared: args.min_shared,
    };
    let progress = Progress::new(docs.len());
    let stdout = io::stdout();
    let mut out = Output::new(args, &infos, io::BufWriter::new(stdout.lock()));
    let mut failed: Option<io::Error> = None;
    let stats = scan(docs, mode, &opts, &mut |event| {
        progress.update(&event);
        if let (Event::Pair(p), None) = (&event, &failed) {
            failed = out.pair(p).err();
        }
    });
    progress.finish();
    if let Some(e) = failed {
        return Err(e).context("writing output");
    }
    out.finish(&stats, args.max_df).context("writing output")?;
    Ok(crate::exit::OK)
}

/// Where results go: streamed line by line, or kept (bounded) for ranking.
struct Output<'a, W: Write> {
    format: ScanFormat,
    infos: &'a [DocInfo],
    top: Option<TopPairs>,
    out: W,
}

impl<'a, W: Write> Output<'a, W> {
    fn new(args: &ScanArgs, infos: &'a [DocInfo], out: W) -> Self {
        let top = match (args.format, args.top) {
            (_, Some(n)) => Some(TopPairs::new(n)),
            (ScanFormat::Text, None) => Some(TopPairs::new(20)),
            (ScanFormat::Jsonl, None) => None,
        };
        Output {
            format: args.format,
            infos,
            top,
            out,
        }
    }

    fn pair(&mut self, p: &PairResult) -> io::Result<()> {
        let (format, infos) = (self.format, self.infos);
        let render = |buf: &mut Vec<u8>| match format {
            ScanFormat::Jsonl => pair_line(p, infos, buf),
            ScanFormat::Text => pair_text(p, infos, buf),
        };
        match &mut self.top {
            Some(top) => top.offer(p, render),
            None => {
                let mut buf = Vec::new();
                render(&mut buf)?;
                self.out.write_all(&buf)?;
                // results appear as they are found
                self.out.flush()
            }
        }
    }

    fn finish(mut self, stats: &ScanStats, max_df: usize) -> io::Result<()> {
        if let Some(top) = self.top.take() {
            for (rank, bytes) in top.into_ranked().into_iter().enumerate() {
                if self.format == ScanFormat::Text {
                    write!(self.out, "{:>3}. ", rank + 1)?;
                }
                self.out.write_all(&bytes)?;
            }
        }
        match self.format {
            ScanFormat::Jsonl => summary_line(stats, max_df, &mut self.out)?,
            ScanFormat::Text => summary_text(stats, max_df, &mut self.out)?,
        }
        self.out.flush()
    }
}

/// A progress bar on stderr when it is a terminal; silent otherwise.
struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    fn new(documents: usize) -> Self {
        if !io::stderr().is_terminal() {
            return Progress { bar: None };
        }
        let bar =
            ProgressBar::with_draw_target(Some(documents as u64), ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template(
            "{prefix:>10} [{bar:30}] {pos}/{len} {msg}  {elapsed_precise} (ETA {eta})",
        )
        .map(|s| s.progress_chars("=> "))
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        bar.set_prefix("indexing");
        Progress { bar: Some(bar) }
    }

    fn update(&self, event: &Event<'_>) {
        let Some(bar) = &self.bar else {
            return;
        };
        match event {
            Event::Tokenized(n) => bar.set_position(*n as u64),
            Event::Indexed(s) => {
                bar.set_prefix("comparing");
                bar.set_length(s.units as u64);
                bar.set_position(0);
                bar.reset_eta();
            }
            Event::Progress(s) => {
                bar.set_position(s.units_done as u64);
                bar.set_message(format!(
                    "documents; {} pairs compared, {} with echoes, {} echoes",
                    s.pairs_compared, s.pairs_reported, s.echoes
                ));
            }
            Event::Pair(_) => {}
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn load_options(args: &ScanArgs) -> LoadOptions {
    LoadOptions {
        max_bytes: args.max_bytes,
        lossy: args.lossy,
    }
}

/// The documents and which pairs to compare.
fn read_collections(args: &ScanArgs) -> Result<(Vec<ScanDoc>, Mode)> {
    if let Some(path) = &args.jsonl {
        return read_jsonl(path, args);
    }
    let dates = match &args.dates {
        Some(p) => read_dates(p)?,
        None => BTreeMap::new(),
    };
    match (args.paths.as_slice(), args.within) {
        ([one], true) => Ok((read_tree(one, &dates, args)?, Mode::Within)),
        ([left, right], false) => {
            let mut docs = read_tree(left, &dates, args)?;
            let n = docs.len();
            docs.extend(read_tree(right, &dates, args)?);
            Ok((docs, Mode::Across { left: n }))
        }
        (_, true) => anyhow::bail!("scan --self takes one directory or file"),
        (_, false) => {
            anyhow::bail!("scan takes two directories or files (or one with --self, or --jsonl)")
        }
    }
}

/// Every file under `root` (itself if it is a file), sorted by path, hidden files skipped.
/// Symbolic links to files are followed; links to directories are not (a link back up the
/// tree would loop), nor are other special files (a named pipe would block).
fn read_tree(root: &str, dates: &BTreeMap<String, Date>, args: &ScanArgs) -> Result<Vec<ScanDoc>> {
    let meta = std::fs::metadata(root).with_context(|| format!("{root}: cannot read"))?;
    let files = if meta.is_dir() {
        let mut files = Vec::new();
        walk(Path::new(root), args.skip_bad, &mut files)?;
        files.sort();
        files
    } else {
        vec![PathBuf::from(root)]
    };
    let mut docs = Vec::with_capacity(files.len());
    for file in files {
        let shown = file.to_string_lossy().into_owned();
        let loaded = match read_file(&file, &shown, args) {
            Ok(l) => l,
            Err(e) if args.skip_bad => {
                eprintln!("echodiff: warning: skipped: {e:#}");
                continue;
            }
            Err(e) => anyhow::bail!("{e:#} (--skip-bad skips such files)"),
        };
        if let Some(from) = loaded.transcoded {
            eprintln!(
                "echodiff: warning: {shown}: decoded from {from}; offsets refer to its UTF-8 text"
            );
        }
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
        let date = dates
            .get(&shown)
            .copied()
            .or_else(|| name.as_deref().and_then(Date::find_in));
        docs.push(ScanDoc {
            text: loaded.text,
            title: None,
            date,
            offset: loaded.offset,
        });
    }
    Ok(docs)
}

fn read_file(file: &Path, shown: &str, args: &ScanArgs) -> Result<Loaded> {
    let bytes = std::fs::read(file).with_context(|| format!("{shown}: cannot read"))?;
    Ok(decode(shown, &bytes, &load_options(args))?)
}

fn walk(dir: &Path, skip_bad: bool, files: &mut Vec<PathBuf>) -> Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if skip_bad => {
            eprintln!(
                "echodiff: warning: skipped: {}: cannot read: {e}",
                dir.display()
            );
            return Ok(());
        }
        Err(e) => anyhow::bail!("{}: cannot read: {e} (--skip-bad skips it)", dir.display()),
    };
    for entry in entries {
        let entry = entry.with_context(|| format!("{}: cannot read", dir.display()))?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let kind = entry
            .file_type()
            .with_context(|| format!("{}: cannot read", path.display()))?;
        if kind.is_dir() {
            walk(&path, skip_bad, files)?;
        } else if kind.is_file() || (kind.is_symlink() && path.is_file()) {
            files.push(path);
        }
    }
    Ok(())
}

/// `PATH<TAB>YYYY-MM-DD` lines; blank lines and lines starting with # are skipped.
fn read_dates(path: &str) -> Result<BTreeMap<String, Date>> {
    let bytes = crate::read_input(path)?;
    let text = decode(path, &bytes, &LoadOptions::default())?.text.original;
    let mut out = BTreeMap::new();
    for (k, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let parsed = line
            .split_once('\t')
            .and_then(|(p, d)| Some((p, Date::parse(d.trim())?)));
        let Some((p, d)) = parsed else {
            anyhow::bail!("{path}:{}: expected PATH<TAB>YYYY-MM-DD", k + 1);
        };
        out.insert(p.to_string(), d);
    }
    Ok(out)
}

fn read_jsonl(path: &str, args: &ScanArgs) -> Result<(Vec<ScanDoc>, Mode)> {
    let bytes = crate::read_input(path)?;
    let shown = if path == "-" { "stdin" } else { path };
    let opts = JsonlOptions {
        max_bytes: args.max_bytes,
        lossy: args.lossy,
        skip_bad: args.skip_bad,
        within: args.within,
    };
    let read = jsonl::read_jsonl(shown, &bytes, &opts).map_err(|e| match &e {
        echodiff::Error::BadJsonlLine {
            problem: LineProblem::InvalidUtf8 { .. },
            ..
        } => anyhow::anyhow!("{e} (--lossy replaces it, --skip-bad skips the line)"),
        echodiff::Error::BadJsonlLine { .. } => {
            anyhow::anyhow!("{e} (--skip-bad skips such lines)")
        }
        _ => e.into(),
    })?;
    let mut warnings: Vec<(usize, String)> = read
        .replaced
        .iter()
        .map(|(line, at)| (*line, format!("invalid UTF-8 at byte {at} replaced")))
        .chain(
            read.skipped
                .iter()
                .map(|(line, why)| (*line, format!("skipped: {why}"))),
        )
        .collect();
    // in line order, as they were met
    warnings.sort_by_key(|(line, _)| *line);
    for (line, warning) in warnings {
        eprintln!("echodiff: warning: {shown}:{line}: {warning}");
    }
    Ok((read.docs, read.mode))
}

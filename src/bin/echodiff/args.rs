//! Command-line arguments (clap derive; doc comments are the help text).

use clap::{Parser, Subcommand, ValueEnum};
use echodiff::Pair;

const EXAMPLES: &str = "\
Examples:
  echodiff data/stockholm-2019/us-state-department.txt data/stockholm-2019/dprk-mfa.txt
  echodiff --labels 'State Dept,DPRK MFA' us.txt dprk.txt
  echodiff --format json left.txt right.txt > report.json
  echodiff --format html -o report.html left.txt right.txt
  cat right.txt | echodiff left.txt -
  echodiff --exit-code --min-score 0.7 draft.txt adversary.txt || echo 'echo found'
  echodiff --ignore house-style.toml draft.txt joint-statement.txt
  echodiff --max-echoes 200 --format html -o report.html book-a.txt book-b.txt
  echodiff check data/reference/pairs.toml

Exit status: 0 success, 1 echoes found with --exit-code, 2 error.";

/// Find where one text echoes another: mirrored phrasing with scores, aligned statements,
/// word diffs.
#[derive(Debug, Parser)]
#[command(
    name = "echodiff",
    version,
    about,
    after_help = EXAMPLES,
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true
)]
pub struct Args {
    /// Another command instead of comparing two texts.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The earlier or echoed text (a file, or - for standard input).
    #[arg(required = true)]
    left: Option<String>,
    /// The later or echoing text (a file, or - for standard input).
    #[arg(required = true)]
    right: Option<String>,
    /// Report echoes scoring at least this (0 to 1).
    #[arg(long, default_value_t = 0.5, value_parser = parse_score)]
    pub min_score: f64,
    /// Report phrase echoes only, not aligned statements that say the same thing.
    #[arg(long)]
    pub no_statement_echoes: bool,
    /// Do not look for reused passages (their section is left out; faster on long texts).
    #[arg(long)]
    pub no_passages: bool,
    /// Do not compare the two sides' rhetoric (its section is left out; faster on long texts).
    #[arg(long)]
    pub no_rhetoric: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,
    /// Write the output to this file instead of standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
    /// Names for the two sides, comma-separated (default: the file names).
    #[arg(long, value_name = "LEFT,RIGHT")]
    pub labels: Option<String>,
    /// When to colour text output (NO_COLOR is honoured under auto).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Width of text output in columns (default: the terminal's, or 100).
    #[arg(long, value_parser = clap::value_parser!(u16).range(40..))]
    width: Option<u16>,
    /// Exit with status 1 when any echo is found (like `git diff --exit-code`).
    #[arg(long)]
    pub exit_code: bool,
    /// Refuse inputs larger than this many bytes.
    #[arg(long, default_value_t = 256 * 1024 * 1024, value_name = "BYTES")]
    pub max_bytes: usize,
    /// Replace invalid UTF-8 with U+FFFD (with a warning) instead of failing.
    #[arg(long)]
    pub lossy: bool,
    /// Leave out echoes judged banal in this file's `ignore` list (TOML; see docs/check.md).
    #[arg(long, value_name = "FILE")]
    pub ignore: Option<String>,
    /// List at most N echoes, the best ranked (the summary still counts every echo found; the
    /// diffs of those not listed are never made, which saves time on long texts).
    #[arg(long, value_name = "N")]
    pub max_echoes: Option<usize>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check texts against reference pairs (expected and forbidden echoes, baselines).
    Check(crate::check::CheckArgs),
    /// Find echoes between many documents at once.
    Scan(crate::scan::ScanArgs),
}

/// `--format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Human-readable text.
    Text,
    /// JSON (see docs/json.md).
    Json,
    /// One self-contained HTML page (texts side by side, echoes linked).
    Html,
    /// Markdown (GitHub flavoured), for pull requests and notes.
    #[value(alias = "markdown")]
    Md,
}

/// `--color` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

pub(crate) fn parse_score(s: &str) -> Result<f64, String> {
    let v: f64 = s.parse().map_err(|_| format!("{s:?} is not a number"))?;
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{v} is not between 0 and 1"))
    }
}

impl Args {
    /// The left path (required by clap when no subcommand is given).
    pub fn left(&self) -> &str {
        self.left.as_deref().unwrap_or("-")
    }

    /// The right path (required by clap when no subcommand is given).
    pub fn right(&self) -> &str {
        self.right.as_deref().unwrap_or("-")
    }

    /// The labels to show: `--labels` or the paths as given ("stdin" for -).
    pub fn labels(&self) -> anyhow::Result<Pair<String>> {
        if let Some(l) = &self.labels {
            let parts: Vec<&str> = l.split(',').map(str::trim).collect();
            match parts.as_slice() {
                [a, b] if !a.is_empty() && !b.is_empty() => {
                    return Ok(Pair::new(a.to_string(), b.to_string()));
                }
                _ => anyhow::bail!("--labels takes two names separated by a comma, got {l:?}"),
            }
        }
        let name = |p: &str| {
            if p == "-" {
                "stdin".to_string()
            } else {
                p.to_string()
            }
        };
        Ok(Pair::new(name(self.left()), name(self.right())))
    }

    /// `--width` as a number of columns.
    pub fn width(&self) -> Option<usize> {
        self.width.map(usize::from)
    }
}

#[cfg(test)]
mod tests {
    use super::Args;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_valid() {
        Args::command().debug_assert();
    }
}

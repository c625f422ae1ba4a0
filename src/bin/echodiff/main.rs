//! The `echodiff` command: parse arguments, read inputs, call the library, write, exit.

mod args;
mod check;
mod exit;
mod scan;

use anyhow::{Context, Result};
use args::{Args, ColorChoice, Command, FormatArg};
use clap::Parser;
use echodiff::load::{LoadOptions, decode};
use echodiff::render::{Format, RenderOptions, render};
use echodiff::report::compare_selected;
use echodiff::{Options, Pair};
use std::io::{self, IsTerminal, Read, Write};
use std::process::ExitCode;

/// mimalloc: the pipeline makes many small, short-lived allocations on two threads, which
/// it serves with about 10-15% less CPU than the system allocator (1M-word bench pair).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let code = if e.use_stderr() {
                exit::ERROR
            } else {
                exit::OK
            };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(&args) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            if is_broken_pipe(&err) {
                // the reader went away (e.g. `| head`): not an error
                return ExitCode::from(exit::OK);
            }
            eprintln!("echodiff: {err:#}");
            ExitCode::from(exit::ERROR)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Read a file, or stdin for "-"; a directory is an error naming it.
pub(crate) fn read_input(path: &str) -> Result<Vec<u8>> {
    if path == "-" {
        let mut buf = Vec::new();
        io::stdin()
            .lock()
            .read_to_end(&mut buf)
            .context("reading standard input")?;
        return Ok(buf);
    }
    let meta = std::fs::metadata(path).with_context(|| format!("{path}: cannot read"))?;
    if meta.is_dir() {
        anyhow::bail!("{path}: is a directory, not a text file");
    }
    std::fs::read(path).with_context(|| format!("{path}: cannot read"))
}

fn run(args: &Args) -> Result<u8> {
    match &args.command {
        Some(Command::Check(c)) => check::run(c),
        Some(Command::Scan(s)) => scan::run(s),
        None => run_compare(args),
    }
}

fn run_compare(args: &Args) -> Result<u8> {
    let load = LoadOptions {
        max_bytes: args.max_bytes,
        lossy: args.lossy,
    };
    let labels = args.labels()?;
    if args.left() == "-" && args.right() == "-" {
        anyhow::bail!("only one of LEFT and RIGHT can be standard input (-)");
    }
    let mut loaded = Vec::new();
    for (path, label) in [(args.left(), &labels.left), (args.right(), &labels.right)] {
        let bytes = read_input(path)?;
        let shown = if path == "-" { "stdin" } else { path };
        // errors name the file as given; the label is only for display
        let mut l = decode(shown, &bytes, &load)?;
        if let Some(from) = l.transcoded {
            eprintln!(
                "echodiff: warning: {shown}: decoded from {from}; offsets refer to its UTF-8 text"
            );
        }
        l.text.label = label.clone();
        loaded.push(l);
    }
    let right = loaded.pop().context("internal: right input missing")?;
    let left = loaded.pop().context("internal: left input missing")?;
    let format = match args.format {
        FormatArg::Text => Format::Text,
        FormatArg::Json => Format::Json,
        FormatArg::Html => Format::Html,
        FormatArg::Md => Format::Markdown,
    };
    let options = Options {
        min_score: args.min_score,
        statement_echoes: !args.no_statement_echoes,
        detect_passages: !args.no_passages,
        compare_rhetoric: !args.no_rhetoric,
        // measures no renderer shows are not computed (a tenth of the work on long texts)
        string_measures: format.shows_string_measures(),
        ..Options::default()
    };
    // read before comparing, so a bad ignore file fails fast
    let ignore = args.ignore.as_deref().map(check::read_ignore).transpose()?;
    // echoes left out are cut before their diffs are made (`compare_selected`)
    let mut report = compare_selected(left.text, right.text, &options, |report| {
        if let Some(rules) = &ignore {
            echodiff::check::ignore_echoes(report, rules);
        }
        if let Some(max) = args.max_echoes {
            echodiff::report::limit_echoes(report, max);
        }
    });
    report.input_offsets = Pair::new(left.offset, right.offset);
    let stdout = io::stdout();
    // a file is not a terminal: no colour, and the default width
    let to_file = args.output.is_some();
    let render_opts = RenderOptions {
        width: args.width().unwrap_or_else(|| {
            if to_file {
                100
            } else {
                terminal_width(&stdout)
            }
        }),
        color: !to_file && use_color(args.color, &stdout),
    };
    match &args.output {
        Some(path) => {
            let file = std::fs::File::create(path)
                .with_context(|| format!("{}: cannot create", path.display()))?;
            let mut out = io::BufWriter::new(file);
            render(&report, format, &render_opts, &mut out)
                .and_then(|()| out.flush())
                .with_context(|| format!("{}: cannot write", path.display()))?;
        }
        None => {
            let mut out = io::BufWriter::new(stdout.lock());
            render(&report, format, &render_opts, &mut out)?;
            out.flush()?;
        }
    }
    Ok(if args.exit_code && report.summary.echoes > 0 {
        exit::FOUND
    } else {
        exit::OK
    })
}

fn terminal_width(stdout: &io::Stdout) -> usize {
    if stdout.is_terminal()
        && let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size()
    {
        return usize::from(w).max(40);
    }
    100
}

fn use_color(choice: ColorChoice, stdout: &io::Stdout) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && stdout.is_terminal()
                && std::env::var("TERM").map_or(true, |t| t != "dumb")
        }
    }
}

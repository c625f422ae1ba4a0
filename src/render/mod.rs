//! Renderers: turn a [`Report`] into bytes (text, JSON, HTML, Markdown). They read the report and never recompute scores
//! or diffs; width and colour are arguments, never probed here.

// Input path (issue 6): no indexing that input could push out of range.
#![cfg_attr(not(test), warn(clippy::indexing_slicing))]

pub mod html;
pub mod json;
pub mod markdown;
mod pieces;
pub mod scan;
pub mod terminal;

use crate::report::Report;
use std::fmt;
use std::io::{self, Write};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Human-readable text for a terminal (the default).
    Text,
    /// The JSON document described in `docs/json.md`.
    Json,
    /// One self-contained HTML page.
    Html,
    /// Markdown for pull requests and notes (GitHub flavoured).
    Markdown,
}

/// How to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderOptions {
    /// Total width in columns for text output. Default: 100.
    pub width: usize,
    /// Emit ANSI colour. Default: false.
    pub color: bool,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            width: 100,
            color: false,
        }
    }
}

/// Render `report` in `format` to `out`.
///
/// # Errors
/// Any error writing to `out`.
pub fn render(
    report: &Report,
    format: Format,
    opts: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Text => terminal::render(report, opts, out),
        Format::Json => json::render(report, out),
        Format::Html => html::render(report, out),
        Format::Markdown => markdown::render(report, out),
    }
}

/// What the summary line adds about echoes left out of the lists: ", N ignored" when an
/// ignore list left echoes out (issue 4), "; listed: the N best echoes, M aligned pairs" when
/// [`crate::report::limit_echoes`] cut the lists short; nothing otherwise, so plain output is
/// unchanged.
pub(crate) fn left_out_note(s: &crate::report::Summary) -> String {
    let mut note = String::new();
    if s.ignored > 0 {
        note += &format!(", {} ignored", s.ignored);
    }
    if let Some(listed) = s.listed {
        note += &format!(
            "; listed: the {} best echoes, {} aligned pairs",
            listed.echoes, listed.alignments
        );
    }
    note
}

/// Text escaped for XML character data and attribute values; characters XML 1.0 cannot hold
/// become U+FFFD.
pub struct Xml<'a>(pub &'a str);

impl fmt::Display for Xml<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            match c {
                '&' => f.write_str("&amp;")?,
                '<' => f.write_str("&lt;")?,
                '>' => f.write_str("&gt;")?,
                '"' => f.write_str("&quot;")?,
                '\'' => f.write_str("&apos;")?,
                '\t' | '\n' | '\r' => write!(f, "&#{};", c as u32)?,
                c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                    f.write_str("\u{FFFD}")?
                }
                c => write!(f, "{c}")?,
            }
        }
        Ok(())
    }
}

//! Renderers: turn a [`Report`] into bytes. They read the report and never recompute scores
//! or diffs; width and colour are arguments, never probed here.

pub mod json;
pub mod scan;
pub mod terminal;

use crate::report::Report;
use std::io::{self, Write};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Human-readable text for a terminal (the default).
    Text,
    /// The JSON document described in `docs/json.md`.
    Json,
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
    }
}

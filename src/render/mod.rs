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

use crate::report::{Alignment, Report};
use crate::segment::Statement;
use crate::text::Pair;
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

impl Format {
    /// Whether this format shows the echoes' string measures ([`crate::Echo::metrics`]).
    /// A comparison rendered only in a format that does not can skip them
    /// ([`crate::Options::string_measures`]); the text report shows scores, kinds and
    /// edits, not the measures.
    ///
    /// ```
    /// use echodiff::render::Format;
    /// assert!(!Format::Text.shows_string_measures());
    /// assert!(Format::Json.shows_string_measures());
    /// ```
    pub fn shows_string_measures(self) -> bool {
        !matches!(self, Format::Text)
    }
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

/// Items rendered by one task of the pool in [`write_in_order`].
pub(crate) const ITEM_CHUNK: usize = 256;
/// Items rendered before their bytes are written (bounds the memory held: one batch being
/// written, the next being rendered).
pub(crate) const ITEM_BATCH: usize = 16 * ITEM_CHUNK;

/// Write `render(k, &items[k], buffer)` for every item, in order: the bytes are those of
/// rendering the items one after another into `out`.
///
/// Long lists (a 1M-word pair has about 90,000 echoes) are rendered in parallel (rayon), in
/// chunks of [`ITEM_CHUNK`] items, each into a buffer of its own, and each batch of
/// [`ITEM_BATCH`] items is written while the next one is rendered. The writer stays on the
/// calling thread (it need not be `Send`).
///
/// # Errors
/// The first error of `render` or of writing to `out`, in item order.
pub(crate) fn write_in_order<'s, S, F>(
    out: &mut dyn Write,
    items: &'s [S],
    render: F,
) -> io::Result<()>
where
    S: Sync,
    F: Fn(usize, &'s S, &mut Vec<u8>) -> io::Result<()> + Sync,
{
    use rayon::prelude::*;
    // batch `b`, rendered in chunks by the pool
    let render_batch = |b: usize, batch: &'s [S]| -> Vec<io::Result<Vec<u8>>> {
        batch
            .par_chunks(ITEM_CHUNK)
            .enumerate()
            .map(|(c, chunk)| {
                let mut buf = Vec::new();
                for (i, item) in chunk.iter().enumerate() {
                    render(b * ITEM_BATCH + c * ITEM_CHUNK + i, item, &mut buf)?;
                }
                Ok(buf)
            })
            .collect()
    };
    let mut batches = items.chunks(ITEM_BATCH).enumerate();
    let mut ready = batches.next().map(|(b, batch)| render_batch(b, batch));
    while let Some(chunks) = ready.take() {
        let next = batches.next();
        let mut rendered = None;
        rayon::in_place_scope(|scope| {
            if let Some((b, batch)) = next {
                let rendered = &mut rendered;
                let render_batch = &render_batch;
                scope.spawn(move |_| *rendered = Some(render_batch(b, batch)));
            }
            chunks
                .into_iter()
                .try_for_each(|chunk| out.write_all(&chunk?))
        })?;
        ready = rendered;
    }
    Ok(())
}

/// [`write_in_order`] over the report's aligned statement pairs: `render(alignment, its two
/// statements, buffer)`. Alignments whose statements are missing (which `compare` never
/// produces) are skipped, as [`Report::aligned_statements`] does.
///
/// # Errors
/// As [`write_in_order`].
pub(crate) fn write_alignments<F>(out: &mut dyn Write, report: &Report, render: F) -> io::Result<()>
where
    F: Fn(&Alignment, Pair<&Statement>, &mut Vec<u8>) -> io::Result<()> + Sync,
{
    write_in_order(out, &report.alignments, |_, a, buf| {
        report
            .statements_of(a)
            .map_or(Ok(()), |statements| render(a, statements, buf))
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Across chunk and batch seams the bytes are those of rendering one item after another,
    /// and the first failing item's error is the one returned, with nothing of it or after it
    /// written past the batch holding it.
    #[test]
    fn write_in_order_is_sequential_rendering() {
        let items: Vec<usize> = (0..2 * ITEM_BATCH + ITEM_CHUNK + 5).collect();
        let item = |k: usize, v: &usize, buf: &mut Vec<u8>| writeln!(buf, "{k}:{v}");
        let mut parallel = Vec::new();
        assert!(write_in_order(&mut parallel, &items, item).is_ok());
        let mut sequential = Vec::new();
        for (k, v) in items.iter().enumerate() {
            assert!(item(k, v, &mut sequential).is_ok());
        }
        assert_eq!(parallel, sequential);

        let fail_at = ITEM_BATCH + 7;
        let mut out = Vec::new();
        let result = write_in_order(&mut out, &items, |k, v, buf| {
            if k >= fail_at {
                return Err(io::Error::other(format!("item {k}")));
            }
            item(k, v, buf)
        });
        let err = result.err().map(|e| e.to_string());
        assert_eq!(err.as_deref(), Some(format!("item {fail_at}").as_str()));
        // the batches before the failing one are written whole, the failing chunk not at all
        assert!(out.starts_with(&sequential[..sequential.len() / 3]));
        assert!(!String::from_utf8_lossy(&out).contains(&format!("\n{fail_at}:")));
    }

    #[test]
    fn write_in_order_of_nothing_writes_nothing() {
        let mut out = Vec::new();
        let none: [u8; 0] = [];
        assert!(write_in_order(&mut out, &none, |_, _, _| Ok(())).is_ok());
        assert!(out.is_empty());
    }
}

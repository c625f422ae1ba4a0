//! Output of a scan ([`crate::scan`]): one JSON object a line (JSONL), or a ranked text
//! summary. Pair objects reuse the single-pair wire structs of [`super::json`], so an echo
//! has the same shape in both outputs. Specified in `docs/json.md` ("Scan output").
//!
//! Ranking (text output and `--top`): best echo score (in thousandths) descending, then
//! number of echoes descending, then left document index, then right document index.

use super::json::{Ctx, Summary, WireEcho, summary};
use crate::report::score_key;
use crate::scan::{Direction, PairResult, ScanDoc, ScanStats};
use crate::text::Side;
use serde::Serialize;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::io::{self, Write};

/// Version of the scan JSONL schema.
pub const SCHEMA_VERSION: u32 = 1;

/// What the renderer needs to know of each document: id, title, date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocInfo {
    /// The document's id (path or JSONL `id`).
    pub id: String,
    /// Its title, if any.
    pub title: Option<String>,
    /// Its date as `YYYY-MM-DD`, if any.
    pub date: Option<String>,
}

impl DocInfo {
    /// The id, title and date of a scanned document.
    pub fn of(doc: &ScanDoc) -> Self {
        DocInfo {
            id: doc.text.label.clone(),
            title: doc.title.clone(),
            date: doc.date.map(|d| d.to_string()),
        }
    }
}

#[derive(Serialize)]
struct WireDoc<'a> {
    index: usize,
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
}

#[derive(Serialize)]
struct ScanEcho<'a> {
    #[serde(flatten)]
    echo: WireEcho<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    direction: Option<Direction>,
}

#[derive(Serialize)]
struct WirePair<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    left: WireDoc<'a>,
    right: WireDoc<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    direction: Option<Direction>,
    summary: Summary,
    echoes: Vec<ScanEcho<'a>>,
}

#[derive(Serialize)]
struct WireScanSummary {
    #[serde(rename = "type")]
    kind: &'static str,
    schema_version: u32,
    documents: usize,
    pairs_compared: usize,
    pairs_reported: usize,
    echoes: usize,
    ngrams: usize,
    ngrams_skipped: usize,
    max_df: usize,
}

fn wire_doc(index: usize, d: &DocInfo) -> WireDoc<'_> {
    WireDoc {
        index,
        id: &d.id,
        title: d.title.as_deref(),
        date: d.date.as_deref(),
    }
}

/// Write one pair as a JSON object on one line.
///
/// # Errors
/// Any error writing to `out`.
pub fn pair_line(result: &PairResult, docs: &[DocInfo], out: &mut dyn Write) -> io::Result<()> {
    let report = &result.report;
    let ctx = Ctx::new(report);
    let doc = |side: Side| {
        let i = result.docs[side];
        docs.get(i).map(|d| wire_doc(i, d))
    };
    let (Some(left), Some(right)) = (doc(Side::Left), doc(Side::Right)) else {
        return Err(io::Error::other("scan result names an unknown document"));
    };
    let wire = WirePair {
        kind: "pair",
        left,
        right,
        direction: result.direction,
        summary: summary(&report.summary),
        echoes: report
            .echoes
            .iter()
            .enumerate()
            .map(|(k, e)| ScanEcho {
                echo: ctx.echo(k + 1, e),
                direction: result.direction,
            })
            .collect(),
    };
    serde_json::to_writer(&mut *out, &wire).map_err(io::Error::other)?;
    writeln!(out)
}

/// Write the closing summary object on one line.
///
/// # Errors
/// Any error writing to `out`.
pub fn summary_line(stats: &ScanStats, max_df: usize, out: &mut dyn Write) -> io::Result<()> {
    let wire = WireScanSummary {
        kind: "summary",
        schema_version: SCHEMA_VERSION,
        documents: stats.documents,
        pairs_compared: stats.pairs_compared,
        pairs_reported: stats.pairs_reported,
        echoes: stats.echoes,
        ngrams: stats.ngrams,
        ngrams_skipped: stats.skipped_ngrams,
        max_df,
    };
    serde_json::to_writer(&mut *out, &wire).map_err(io::Error::other)?;
    writeln!(out)
}

/// A human-readable entry for one pair: its rank line and its best echo.
///
/// # Errors
/// Any error writing to `out`.
pub fn pair_text(result: &PairResult, docs: &[DocInfo], out: &mut dyn Write) -> io::Result<()> {
    let r = &result.report;
    let best = r.echoes.first().map_or(0.0, |e| e.score);
    let name = |side: Side| {
        let d = docs.get(result.docs[side]);
        let id = d.map_or("?", |d| d.id.as_str());
        match d.and_then(|d| d.date.as_deref()) {
            Some(date) => format!("{id} ({date})"),
            None => id.to_string(),
        }
    };
    let direction = match result.direction {
        Some(Direction::LeftFirst) => "  left said it first",
        Some(Direction::RightFirst) => "  right said it first",
        Some(Direction::SameDay) => "  same day",
        None => "",
    };
    writeln!(
        out,
        "{best:.2}  {} echo{}  {} <-> {}{direction}",
        r.echoes.len(),
        if r.echoes.len() == 1 { "" } else { "es" },
        name(Side::Left),
        name(Side::Right),
    )?;
    if let Some(e) = r.echoes.first() {
        // as the pair report quotes a phrasing: on one line, without control characters
        // (was Rust's `{:?}`, which showed a line break as `\n` and a quotation mark as `\"`)
        for (mark, side) in [("L", Side::Left), ("R", Side::Right)] {
            let text = super::pieces::one_line(r.slice(side, e.places[side].span));
            writeln!(out, "      {mark}: \"{text}\"")?;
        }
    }
    Ok(())
}

/// The closing summary of text output.
///
/// # Errors
/// Any error writing to `out`.
pub fn summary_text(stats: &ScanStats, max_df: usize, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "{} document pairs with echoes ({} echoes) of {} compared, {} documents; \
         {} of {} shared bigrams skipped (held by more than {max_df} documents)",
        stats.pairs_reported,
        stats.echoes,
        stats.pairs_compared,
        stats.documents,
        stats.skipped_ngrams,
        stats.ngrams,
    )
}

/// Rank key of a pair: higher is better.
type RankKey = (i64, usize, Reverse<usize>, Reverse<usize>);

/// The `n` best pairs seen so far, each kept as its rendered bytes: memory is bounded by `n`
/// whatever the number of results.
#[derive(Debug)]
pub struct TopPairs {
    n: usize,
    heap: BinaryHeap<Reverse<(RankKey, Vec<u8>)>>,
}

impl TopPairs {
    /// Keep the `n` best.
    pub fn new(n: usize) -> Self {
        TopPairs {
            n,
            heap: BinaryHeap::new(),
        }
    }

    /// Offer a pair with its rendered bytes (rendered only when it is kept).
    ///
    /// # Errors
    /// Any error from `render`.
    pub fn offer(
        &mut self,
        result: &PairResult,
        render: impl FnOnce(&mut Vec<u8>) -> io::Result<()>,
    ) -> io::Result<()> {
        let best = result
            .report
            .echoes
            .first()
            .map_or(0, |e| score_key(e.score));
        let key = (
            best,
            result.report.echoes.len(),
            Reverse(result.docs.left),
            Reverse(result.docs.right),
        );
        if self.heap.len() >= self.n
            && self
                .heap
                .peek()
                .is_none_or(|Reverse((worst, _))| *worst >= key)
        {
            return Ok(());
        }
        let mut bytes = Vec::new();
        render(&mut bytes)?;
        self.heap.push(Reverse((key, bytes)));
        if self.heap.len() > self.n {
            self.heap.pop();
        }
        Ok(())
    }

    /// The kept pairs' bytes, best first.
    pub fn into_ranked(self) -> Vec<Vec<u8>> {
        let mut v: Vec<(RankKey, Vec<u8>)> = self.heap.into_iter().map(|Reverse(x)| x).collect();
        v.sort_by_key(|(k, _)| Reverse(*k));
        v.into_iter().map(|(_, b)| b).collect()
    }
}

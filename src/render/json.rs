//! JSON output. The wire structs here are the schema (field order is struct order), kept
//! apart from the core types so the core can change without breaking readers. Specified in
//! `docs/json.md`; `schema_version` changes whenever a field changes meaning or is removed.
//!
//! Offsets are byte offsets into each input exactly as read (a stripped BOM counted), end
//! exclusive, on char boundaries; `text` is exactly that slice. Scores are rounded to three
//! decimals.

// Input path (issue 6): no indexing that input could push out of range.
#![cfg_attr(not(test), warn(clippy::indexing_slicing))]

use crate::diff::{Change, DiffSegment};
use crate::report::{Echo, Report};
use crate::score::{EchoKind, Evidence, Metrics, Polarity};
use crate::segment::StatementKind;
use crate::text::{Side, Span};
use serde::Serialize;
use std::io::{self, Write};

/// Version of the JSON schema.
pub const SCHEMA_VERSION: u32 = 1;

fn r3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// The document. The long arrays are [`Lazy`]: each element is made as it is written, so
/// the wire form of a large report is never held whole.
#[derive(Serialize)]
struct Doc<'a, E, P, A, L, R> {
    schema_version: u32,
    tool: Tool,
    labels: Labels<'a>,
    settings: Settings,
    summary: Summary,
    echoes: E,
    passages: P,
    alignments: A,
    statements: Statements<L, R>,
    rhetoric: WireRhetoric<'a>,
}

/// A JSON array of the items `0()` yields, serialized one by one as they are made (the same
/// bytes as a `Vec` of them).
struct Lazy<F>(F);

impl<F, I> Serialize for Lazy<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

#[derive(Serialize)]
struct WireRhetoric<'a> {
    prior_total: f64,
    prior_floor: f64,
    left: SideRhetoric<'a>,
    right: SideRhetoric<'a>,
}

#[derive(Serialize)]
struct SideRhetoric<'a> {
    mirrored: f64,
    distinctive: Vec<WireTerm<'a>>,
    repeated: Vec<WireRepeat<'a>>,
}

#[derive(Serialize)]
struct WireTerm<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    words: usize,
    count: usize,
    other: usize,
    prior: f64,
    log_odds: f64,
    z: f64,
}

#[derive(Serialize)]
struct WireRepeat<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    words: usize,
    count: usize,
    other: usize,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Labels<'a> {
    left: &'a str,
    right: &'a str,
}

#[derive(Serialize)]
struct Settings {
    min_score: f64,
    window: usize,
    min_alignment_score: f64,
}

#[derive(Serialize)]
pub(crate) struct Summary {
    echoes: usize,
    polarity_flips: usize,
    alignments: usize,
    words: SidePair<usize>,
    sentences: SidePair<usize>,
    mirrored: SidePair<f64>,
    #[serde(skip_serializing_if = "is_zero")]
    ignored: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

#[derive(Serialize)]
struct SidePair<T> {
    left: T,
    right: T,
}

#[derive(Serialize)]
struct Slice<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct Place<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    statement: usize,
}

#[derive(Serialize)]
struct WireEdit<'a> {
    change: Change,
    #[serde(skip_serializing_if = "Option::is_none")]
    left: Option<Slice<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    right: Option<Slice<'a>>,
}

#[derive(Serialize)]
struct WireMetrics {
    levenshtein: f64,
    jaro_winkler: f64,
    sorensen_dice: f64,
    token_overlap: f64,
}

#[derive(Serialize)]
struct WireEvidence {
    matched_content: usize,
    matched_function: usize,
    matched_weight: f64,
    gap_weight: f64,
    quoted: bool,
    total: f64,
}

#[derive(Serialize)]
pub(crate) struct WireEcho<'a> {
    rank: usize,
    score: f64,
    kind: EchoKind,
    polarity: Polarity,
    left: Place<'a>,
    right: Place<'a>,
    edits: Vec<WireEdit<'a>>,
    metrics: WireMetrics,
    evidence: WireEvidence,
    diff: Vec<WireEdit<'a>>,
}

#[derive(Serialize)]
struct WirePassage<'a> {
    score: f64,
    echoes: Vec<usize>,
    left: Slice<'a>,
    right: Slice<'a>,
    diff: Vec<WireEdit<'a>>,
}

#[derive(Serialize)]
struct WireAlignment<'a> {
    left: usize,
    right: usize,
    score: f64,
    shared: f64,
    echo: f64,
    diff: Vec<WireEdit<'a>>,
}

#[derive(Serialize)]
struct WireStatement<'a> {
    index: usize,
    kind: StatementKind,
    start: usize,
    end: usize,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent: Option<usize>,
}

#[derive(Serialize)]
struct Statements<L, R> {
    left: L,
    right: R,
}

pub(crate) struct Ctx<'a> {
    report: &'a Report,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(report: &'a Report) -> Self {
        Ctx { report }
    }

    fn slice(&self, side: Side, span: Span) -> Slice<'a> {
        let base = self.report.input_offsets[side];
        Slice {
            start: base + span.start,
            end: base + span.end,
            text: self.report.texts[side].slice(span),
        }
    }

    fn diff(&self, segs: &[DiffSegment]) -> Vec<WireEdit<'a>> {
        segs.iter()
            .map(|s| WireEdit {
                change: s.change,
                left: s.left.map(|x| self.slice(Side::Left, x)),
                right: s.right.map(|x| self.slice(Side::Right, x)),
            })
            .collect()
    }

    pub(crate) fn echo(&self, rank: usize, e: &'a Echo) -> WireEcho<'a> {
        let place = |side: Side| {
            let s = self.slice(side, e.places[side].span);
            Place {
                start: s.start,
                end: s.end,
                text: s.text,
                statement: e.places[side].statement,
            }
        };
        let m: &Metrics = &e.metrics;
        let ev: &Evidence = &e.evidence;
        WireEcho {
            rank,
            score: r3(e.score),
            kind: e.kind,
            polarity: e.polarity,
            left: place(Side::Left),
            right: place(Side::Right),
            edits: e
                .edits
                .iter()
                .map(|x| WireEdit {
                    change: x.change,
                    left: x.left.map(|s| self.slice(Side::Left, s)),
                    right: x.right.map(|s| self.slice(Side::Right, s)),
                })
                .collect(),
            metrics: WireMetrics {
                levenshtein: r3(m.levenshtein),
                jaro_winkler: r3(m.jaro_winkler),
                sorensen_dice: r3(m.sorensen_dice),
                token_overlap: r3(m.token_overlap),
            },
            evidence: WireEvidence {
                matched_content: ev.matched_content,
                matched_function: ev.matched_function,
                matched_weight: r3(ev.matched_weight),
                gap_weight: r3(ev.gap_weight),
                quoted: ev.quoted,
                total: r3(ev.total),
            },
            diff: self.diff(&e.diff),
        }
    }

    fn rhetoric(&self, side: Side) -> SideRhetoric<'a> {
        let rh = &self.report.rhetoric;
        SideRhetoric {
            mirrored: r3(self.report.summary.mirrored[side]),
            distinctive: rh.distinctive[side]
                .iter()
                .map(|t| {
                    let s = self.slice(side, t.span);
                    WireTerm {
                        start: s.start,
                        end: s.end,
                        text: s.text,
                        words: t.words,
                        count: t.counts[side],
                        other: t.counts[side.other()],
                        prior: r3(t.prior),
                        log_odds: r3(t.log_odds),
                        z: r3(t.z),
                    }
                })
                .collect(),
            repeated: rh.repeated[side]
                .iter()
                .map(|r| {
                    let s = self.slice(side, r.span);
                    WireRepeat {
                        start: s.start,
                        end: s.end,
                        text: s.text,
                        words: r.words,
                        count: r.count,
                        other: r.other,
                    }
                })
                .collect(),
        }
    }

    fn statements(&self, side: Side) -> impl Iterator<Item = WireStatement<'a>> + use<'a, '_> {
        self.report.statements[side]
            .iter()
            .enumerate()
            .map(move |(index, s)| {
                let sl = self.slice(side, s.span);
                WireStatement {
                    index,
                    kind: s.kind,
                    start: sl.start,
                    end: sl.end,
                    text: sl.text,
                    parent: s.parent,
                }
            })
    }
}

/// The wire form of a report's summary figures.
pub(crate) fn summary(s: &crate::report::Summary) -> Summary {
    Summary {
        echoes: s.echoes,
        polarity_flips: s.polarity_flips,
        alignments: s.alignments,
        words: SidePair {
            left: s.words.left,
            right: s.words.right,
        },
        sentences: SidePair {
            left: s.sentences.left,
            right: s.sentences.right,
        },
        mirrored: SidePair {
            left: r3(s.mirrored.left),
            right: r3(s.mirrored.right),
        },
        ignored: s.ignored,
    }
}

/// Write the report as one pretty-printed JSON document followed by a newline.
///
/// # Errors
/// Any error writing to `out`.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let ctx = Ctx { report };
    let s = &report.summary;
    let doc = Doc {
        schema_version: SCHEMA_VERSION,
        tool: Tool {
            name: "echodiff",
            version: env!("CARGO_PKG_VERSION"),
        },
        labels: Labels {
            left: &report.texts.left.label,
            right: &report.texts.right.label,
        },
        settings: Settings {
            min_score: report.options.min_score,
            window: report.options.find.window,
            min_alignment_score: report.options.align.min_score,
        },
        summary: summary(s),
        echoes: Lazy(|| {
            report
                .echoes
                .iter()
                .enumerate()
                .map(|(k, e)| ctx.echo(k + 1, e))
        }),
        passages: Lazy(|| {
            report.passages_with_diffs().map(|(p, diff)| WirePassage {
                score: r3(p.score),
                echoes: p.echoes.iter().map(|k| k + 1).collect(),
                left: ctx.slice(Side::Left, p.spans.left),
                right: ctx.slice(Side::Right, p.spans.right),
                diff: ctx.diff(diff),
            })
        }),
        alignments: Lazy(|| {
            report.alignments.iter().map(|a| WireAlignment {
                left: a.statements.left,
                right: a.statements.right,
                score: r3(a.score),
                shared: r3(a.shared),
                echo: r3(a.echo),
                diff: ctx.diff(&a.diff),
            })
        }),
        statements: Statements {
            left: Lazy(|| ctx.statements(Side::Left)),
            right: Lazy(|| ctx.statements(Side::Right)),
        },
        rhetoric: WireRhetoric {
            prior_total: report.rhetoric.prior_total,
            prior_floor: report.rhetoric.prior_floor,
            left: ctx.rhetoric(Side::Left),
            right: ctx.rhetoric(Side::Right),
        },
    };
    // serde_json writes a few bytes at a time: into a buffer of our own (plain appends, not
    // calls through `dyn Write`), handed to `out` in large blocks
    let mut buffered = Blocks {
        buf: Vec::with_capacity(BLOCK),
        out,
    };
    serde_json::to_writer_pretty(&mut buffered, &doc).map_err(io::Error::other)?;
    buffered.flush()?;
    writeln!(out)
}

/// Size of the blocks [`Blocks`] hands on.
const BLOCK: usize = 1 << 16;

/// A write buffer in front of a `dyn Write`: small writes are appended (and inlined), and the
/// buffer is written out whenever it holds [`BLOCK`] bytes.
struct Blocks<'a> {
    buf: Vec<u8>,
    out: &'a mut dyn Write,
}

impl Write for Blocks<'_> {
    #[inline]
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.write_all(data)?;
        Ok(data.len())
    }

    #[inline]
    fn write_all(&mut self, data: &[u8]) -> io::Result<()> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= BLOCK {
            self.out.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.write_all(&self.buf)?;
        self.buf.clear();
        self.out.flush()
    }
}

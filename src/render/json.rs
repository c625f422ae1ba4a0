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
use crate::report::{Echo, EchoLevel, Report};
use crate::score::{EchoKind, Evidence, Metrics, Polarity};
use crate::segment::{Statement, StatementKind};
use crate::text::{Side, Span};
use serde::Serialize;
use std::io::{self, Write};

/// Version of the JSON schema.
pub const SCHEMA_VERSION: u32 = 1;

fn r3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
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
    /// Whether statement-level echoes, passages and rhetoric were looked for (an empty list
    /// then means none found, not none sought).
    statement_echoes: bool,
    passages: bool,
    rhetoric: bool,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    listed: Option<Listed>,
}

#[derive(Serialize)]
pub(crate) struct Listed {
    echoes: usize,
    alignments: usize,
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
    level: EchoLevel,
    kind: EchoKind,
    polarity: Polarity,
    left: Place<'a>,
    right: Place<'a>,
    edits: Vec<WireEdit<'a>>,
    metrics: Option<WireMetrics>,
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
        let ev: &Evidence = &e.evidence;
        WireEcho {
            rank,
            score: r3(e.score),
            level: e.level,
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
            metrics: e.metrics.as_ref().map(|m: &Metrics| WireMetrics {
                levenshtein: r3(m.levenshtein),
                jaro_winkler: r3(m.jaro_winkler),
                sorensen_dice: r3(m.sorensen_dice),
                token_overlap: r3(m.token_overlap),
            }),
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

    fn statement(&self, side: Side, index: usize, s: &Statement) -> WireStatement<'a> {
        let sl = self.slice(side, s.span);
        WireStatement {
            index,
            kind: s.kind,
            start: sl.start,
            end: sl.end,
            text: sl.text,
            parent: s.parent,
        }
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
        listed: s.listed.map(|l| Listed {
            echoes: l.echoes,
            alignments: l.alignments,
        }),
    }
}

/// Write the report as one pretty-printed JSON document followed by a newline.
///
/// The bytes are serde_json's pretty form of the document (two-space indent, fields in the
/// order below): its skeleton (the top-level object and the long arrays) is written here and
/// every value by serde_json at its depth, so the elements of the long arrays are serialized
/// in parallel (rayon) and written in order, in batches.
///
/// # Errors
/// Any error writing to `out`.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let ctx = Ctx { report };
    let mut doc = Object::begin(out, 0)?;
    doc.field("schema_version", &SCHEMA_VERSION)?;
    doc.field(
        "tool",
        &Tool {
            name: "echodiff",
            version: env!("CARGO_PKG_VERSION"),
        },
    )?;
    doc.field(
        "labels",
        &Labels {
            left: &report.texts.left.label,
            right: &report.texts.right.label,
        },
    )?;
    doc.field(
        "settings",
        &Settings {
            min_score: report.options.min_score,
            window: report.options.find.window,
            min_alignment_score: report.options.align.min_score,
            statement_echoes: report.options.statement_echoes,
            passages: report.options.detect_passages,
            rhetoric: report.options.compare_rhetoric,
        },
    )?;
    doc.field("summary", &summary(&report.summary))?;
    doc.array("echoes", &report.echoes, |k, e| ctx.echo(k + 1, e))?;
    doc.array("passages", &report.passages, |k, p| WirePassage {
        score: r3(p.score),
        echoes: p.echoes.iter().map(|k| k + 1).collect(),
        left: ctx.slice(Side::Left, p.spans.left),
        right: ctx.slice(Side::Right, p.spans.right),
        diff: ctx.diff(report.passage_diff(k)),
    })?;
    doc.array("alignments", &report.alignments, |_, a| WireAlignment {
        left: a.statements.left,
        right: a.statements.right,
        score: r3(a.score),
        shared: r3(a.shared),
        echo: r3(a.echo),
        diff: ctx.diff(&a.diff),
    })?;
    let mut statements = doc.object("statements")?;
    for side in Side::BOTH {
        statements.array(
            &crate::render::pieces::name_of(side),
            &report.statements[side],
            |k, s| ctx.statement(side, k, s),
        )?;
    }
    statements.end()?;
    doc.field(
        "rhetoric",
        &WireRhetoric {
            prior_total: report.rhetoric.prior_total,
            prior_floor: report.rhetoric.prior_floor,
            left: ctx.rhetoric(Side::Left),
            right: ctx.rhetoric(Side::Right),
        },
    )?;
    doc.end()?;
    writeln!(out)
}

/// A JSON object being written in serde_json's pretty form, `level` containers deep.
struct Object<'a> {
    out: &'a mut dyn Write,
    level: usize,
    first: bool,
}

impl<'a> Object<'a> {
    fn begin(out: &'a mut dyn Write, level: usize) -> io::Result<Self> {
        out.write_all(b"{")?;
        Ok(Object {
            out,
            level,
            first: true,
        })
    }

    /// The key of the next field, up to the value.
    fn key(&mut self, key: &str) -> io::Result<()> {
        let mut buf = Vec::new();
        line(&mut buf, !self.first, self.level + 1)?;
        serde_json::to_writer(&mut buf, key).map_err(io::Error::other)?;
        buf.extend_from_slice(b": ");
        self.first = false;
        self.out.write_all(&buf)
    }

    fn field(&mut self, key: &str, value: &impl Serialize) -> io::Result<()> {
        self.key(key)?;
        let mut buf = Vec::new();
        nested(&mut buf, self.level + 1, value)?;
        self.out.write_all(&buf)
    }

    /// A field holding an object, written through the returned writer.
    fn object(&mut self, key: &str) -> io::Result<Object<'_>> {
        self.key(key)?;
        Object::begin(&mut *self.out, self.level + 1)
    }

    /// A field holding an array with one element per item, item `k` written as
    /// `element(k, &items[k])`.
    fn array<'s, S, T, F>(&mut self, key: &str, items: &'s [S], element: F) -> io::Result<()>
    where
        S: Sync,
        T: Serialize,
        F: Fn(usize, &'s S) -> T + Sync,
    {
        self.key(key)?;
        if items.is_empty() {
            return self.out.write_all(b"[]");
        }
        self.out.write_all(b"[")?;
        let level = self.level + 2;
        super::write_in_order(&mut *self.out, items, |k, item, buf| {
            line(buf, k != 0, level)?;
            nested(buf, level, &element(k, item))
        })?;
        let mut buf = Vec::new();
        line(&mut buf, false, self.level + 1)?;
        buf.push(b']');
        self.out.write_all(&buf)
    }

    fn end(self) -> io::Result<()> {
        let mut buf = Vec::new();
        if !self.first {
            line(&mut buf, false, self.level)?;
        }
        buf.push(b'}');
        self.out.write_all(&buf)
    }
}

/// `value` in serde_json's pretty form as it is written `level` containers deep ([`Pretty`]
/// started at that depth).
fn nested(buf: &mut Vec<u8>, level: usize, value: &impl Serialize) -> io::Result<()> {
    let formatter = Pretty {
        level,
        has_value: false,
    };
    let mut ser = serde_json::Serializer::with_formatter(buf, formatter);
    value.serialize(&mut ser).map_err(io::Error::other)
}

/// serde_json's pretty form (two spaces a level), byte for byte, with each line break and its
/// indentation written in one piece: the indentation is most of the calls made for a report
/// of small objects nested six deep.
struct Pretty {
    /// Open arrays and objects.
    level: usize,
    /// Whether the innermost one has a value yet.
    has_value: bool,
}

/// `",\n"` (after a value) or `"\n"`, then the indentation of `level` (two spaces a level, as
/// serde_json's pretty printer indents), in one piece up to 31 levels.
fn line<W: ?Sized + io::Write>(writer: &mut W, comma: bool, level: usize) -> io::Result<()> {
    const LINE: &[u8] = b",\n                                                                ";
    let start = usize::from(!comma);
    match LINE.get(start..2 + 2 * level) {
        Some(piece) => writer.write_all(piece),
        None => {
            writer.write_all(if comma { b",\n" } else { b"\n" })?;
            for _ in 0..level {
                writer.write_all(b"  ")?;
            }
            Ok(())
        }
    }
}

impl Pretty {
    /// `[` or `{`: one level deeper, nothing in it yet.
    fn open<W: ?Sized + io::Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    /// `]` or `}`, on a line of its own unless the array or object is empty.
    fn close<W: ?Sized + io::Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            line(writer, false, self.level)?;
        }
        writer.write_all(bracket)
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        line(writer, !first, self.level)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        line(writer, !first, self.level)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Options, compare};
    use crate::text::Text;

    /// Arrays longer than a batch are written in parallel chunks: the document must still be
    /// valid JSON with every element once, in order, and separated as any other.
    #[test]
    fn long_arrays_are_serde_json_pretty_form_in_order() {
        let n = crate::render::ITEM_BATCH + crate::render::ITEM_CHUNK + 3;
        let left: String = (0..n).map(|k| format!("Item {k} stands here. ")).collect();
        let report = compare(
            Text::new("l", left),
            Text::new("r", "Nothing in common."),
            &Options::default(),
        );
        let mut out = Vec::new();
        assert!(render(&report, &mut out).is_ok());
        let text = String::from_utf8(out).unwrap_or_default();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        let statements = value["statements"]["left"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert_eq!(statements.len(), n);
        for (k, s) in statements.iter().enumerate() {
            assert_eq!(s["index"], k, "statement {k}");
        }
        // chunk seams look like any other element boundary
        let batch = crate::render::ITEM_BATCH;
        let seam = format!("}},\n      {{\n        \"index\": {batch}");
        assert!(text.contains(&seam), "no seam at element {batch}");
    }

    /// The formatter writes serde_json's pretty form byte for byte, at every nesting depth
    /// (also past the 31 levels its one-piece indentation covers) and starting level.
    #[test]
    fn pretty_formatter_matches_serde_json() {
        use serde_json::json;
        use serde_json::ser::Formatter;
        let mut deep = json!({"leaf": [1, "two", null, {}, [], {"x": 0.5}]});
        for k in 0..40 {
            deep = if k % 2 == 0 {
                json!([deep, k, [], {}, "s\"q\n"])
            } else {
                json!({"a": deep, "b": [k], "c": {}, "d": []})
            };
        }
        for level in [0, 1, 3, 30, 31, 32, 40] {
            let mut ours = Vec::new();
            assert!(nested(&mut ours, level, &deep).is_ok());
            let mut formatter = serde_json::ser::PrettyFormatter::new();
            for _ in 0..level {
                assert!(formatter.begin_array(&mut io::sink()).is_ok());
            }
            let mut theirs = Vec::new();
            let mut ser = serde_json::Serializer::with_formatter(&mut theirs, formatter);
            assert!(deep.serialize(&mut ser).is_ok());
            assert!(ours == theirs, "level {level}");
        }
    }
}

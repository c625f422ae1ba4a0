//! Text output for a terminal: a summary, the ranked echoes with their edits spelled out, the
//! reused passages (the head of each, side by side), and the aligned statements side by side
//! with word-level marks.
//!
//! Style is data ([`Mark`]) until the last step: the same layout is produced with or without
//! colour; without colour, deleted and inserted words are bracketed `[-so-]` / `{+so+}` and
//! echoed words are left plain. Wrapping is by display width over graphemes, so CJK, emoji
//! and combining marks line up.

// Input path (issue 6): no indexing that input could push out of range.
#![cfg_attr(not(test), warn(clippy::indexing_slicing))]

use super::RenderOptions;
use super::pieces::{excerpt, flat};
use crate::diff::{Change, DiffSegment};
use crate::report::{Echo, Report};
use crate::score::Polarity;
use crate::text::{Pair, Side, Span};
use std::borrow::Cow;
use std::io::{self, Write};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// How a piece of text is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Plain text.
    Plain,
    /// The same word on both sides.
    Same,
    /// A word only on the left.
    Deleted,
    /// A word only on the right.
    Inserted,
    /// A word inside an echo.
    Echo,
    /// Headings and labels.
    Heading,
    /// Secondary information.
    Dim,
}

fn paint(mark: Mark, s: &str, color: bool) -> String {
    let mut out = String::new();
    paint_into(&mut out, mark, s, color);
    out
}

/// [`paint`], appended to `out`.
fn paint_into(out: &mut String, mark: Mark, s: &str, color: bool) {
    let (open, close) = match (color, mark) {
        (false, Mark::Deleted) => ("[-", "-]"),
        (false, Mark::Inserted) => ("{+", "+}"),
        (false, _) | (true, Mark::Plain | Mark::Same) => ("", ""),
        (true, Mark::Deleted) => ("\x1b[31m", "\x1b[0m"),
        (true, Mark::Inserted) => ("\x1b[32m", "\x1b[0m"),
        (true, Mark::Echo) => ("\x1b[1;36m", "\x1b[0m"),
        (true, Mark::Heading) => ("\x1b[1m", "\x1b[0m"),
        (true, Mark::Dim) => ("\x1b[2m", "\x1b[0m"),
    };
    out.push_str(open);
    out.push_str(s);
    out.push_str(close);
}

/// Render the report as text.
///
/// # Errors
/// Any error writing to `out`.
pub fn render(report: &Report, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let width = opts.width.max(40);
    summary(report, opts, width, out)?;
    echoes(report, opts, width, out)?;
    passages(report, opts, width, out)?;
    alignments(report, opts, width, out)?;
    if report.options.compare_rhetoric {
        rhetoric(report, opts, width, out)?;
    }
    Ok(())
}

/// The rhetoric of each side: distinctive terms with z-scores, repeated phrases, mirrored share.
fn rhetoric(
    report: &Report,
    opts: &RenderOptions,
    width: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let rh = &report.rhetoric;
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        paint(Mark::Heading, "Rhetoric of each side", opts.color)
    )?;
    let legend = "(distinctive: log-odds with an informative Dirichlet prior, Monroe et al. 2008; z in brackets)";
    for line in wrap(&[(legend.to_string(), Mark::Plain)], width) {
        writeln!(out, "{}", styled(&line, opts.color))?;
    }
    for side in [Side::Left, Side::Right] {
        let label = &report.texts[side].label;
        let terms: Vec<String> = rh.distinctive[side]
            .iter()
            .map(|t| format!("{} ({:.1})", quoted(report, side, t.span), t.z))
            .collect();
        let repeats: Vec<String> = rh.repeated[side]
            .iter()
            .map(|r| format!("{} x{}", quoted(report, side, r.span), r.count))
            .collect();
        let none = |v: Vec<String>| {
            if v.is_empty() {
                "none".to_string()
            } else {
                v.join(", ")
            }
        };
        let lines = [
            (
                "",
                format!(
                    "{label}: {} {}",
                    pct(report.summary.mirrored[side]),
                    super::pieces::mirrored_phrase(side)
                ),
            ),
            ("  ", format!("distinctive: {}", none(terms))),
            ("  ", format!("repeats: {}", none(repeats))),
        ];
        for (indent, text) in lines {
            for (n, line) in wrap(&[(text, Mark::Plain)], width.saturating_sub(6))
                .iter()
                .enumerate()
            {
                let head = if n == 0 { indent } else { "      " };
                writeln!(out, "{head}{}", styled(line, opts.color))?;
            }
        }
    }
    Ok(())
}

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

fn summary(
    report: &Report,
    opts: &RenderOptions,
    width: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let (l, r) = (&report.texts.left.label, &report.texts.right.label);
    let s = &report.summary;
    let noun = if s.echoes == 1 { "echo" } else { "echoes" };
    let mut lines = vec![
        (format!("echodiff: {l} -> {r}"), Mark::Heading),
        (
            format!(
                "{} {noun} (score >= {:.2}), {} polarity flips, {} aligned statement pairs{}",
                s.echoes,
                report.options.min_score,
                s.polarity_flips,
                s.alignments,
                super::left_out_note(s)
            ),
            Mark::Plain,
        ),
    ];
    for side in Side::BOTH {
        let line = format!(
            "{}: {} words, {} sentences, {} {}",
            report.texts[side].label,
            s.words[side],
            s.sentences[side],
            pct(s.mirrored[side]),
            super::pieces::mirrored_phrase(side)
        );
        lines.push((line, Mark::Plain));
    }
    for (text, mark) in lines {
        for (n, line) in wrap(&[(text, mark)], width.saturating_sub(2))
            .iter()
            .enumerate()
        {
            let head = if n == 0 { "" } else { "  " };
            writeln!(out, "{head}{}", styled(line, opts.color))?;
        }
    }
    Ok(())
}

/// Quote a span of one side, with line breaks and runs of spaces shown as one space.
fn quoted(report: &Report, side: Side, span: Span) -> String {
    format!("\"{}\"", flat(report.slice(side, span)))
}

fn edit_line(report: &Report, e: &Echo) -> String {
    let mut parts = Vec::new();
    for edit in &e.edits {
        let l = edit.left.map(|s| quoted(report, Side::Left, s));
        let r = edit.right.map(|s| quoted(report, Side::Right, s));
        let text = match (edit.change, l, r) {
            (Change::Inflected, Some(l), Some(r)) => format!("{l} became {r} (inflection)"),
            (Change::Replaced, Some(l), Some(r)) => format!("{l} became {r}"),
            (Change::Inserted, _, Some(r)) => format!("{r} inserted"),
            (Change::Deleted, Some(l), _) => format!("{l} dropped"),
            _ => continue,
        };
        parts.push(text);
    }
    if parts.is_empty() {
        "no words changed".to_string()
    } else {
        parts.join("; ")
    }
}

fn echoes(
    report: &Report,
    opts: &RenderOptions,
    width: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    if report.echoes.is_empty() {
        writeln!(out)?;
        return writeln!(out, "No echoes at this threshold.");
    }
    writeln!(out)?;
    let heading = "Echoes, ranked by score (phrases, then whole statements)";
    for line in wrap(&[(heading, Mark::Heading)], width) {
        writeln!(out, "{}", styled(&line, opts.color))?;
    }
    let (ll, rl) = (&report.texts.left.label, &report.texts.right.label);
    // long labels (paths) would squeeze the phrasings: tag the sides L and R instead
    let short = ll.width().max(rl.width()) > 16;
    let (tl, tr) = if short {
        for line in wrap(&[(format!("(L = {ll}, R = {rl})"), Mark::Plain)], width) {
            writeln!(out, "{}", styled(&line, opts.color))?;
        }
        ("L".to_string(), "R".to_string())
    } else {
        (ll.clone(), rl.clone())
    };
    let label_w = tl.width().max(tr.width());
    super::write_in_order(out, &report.echoes, |k, e, out| {
        let pol = match e.polarity {
            Polarity::Same => String::new(),
            Polarity::LeftNegated => format!(", polarity flipped ({ll} negated)"),
            Polarity::RightNegated => format!(", polarity flipped ({rl} negated)"),
        };
        writeln!(out)?;
        let kind = super::pieces::kind_label(e);
        let head = [
            (format!("{:.2}", e.score), Mark::Heading),
            (format!(" {kind}{pol}"), Mark::Plain),
        ];
        for (n, line) in wrap(&head, width.saturating_sub(5)).iter().enumerate() {
            let indent = if n == 0 {
                format!("{:>3}. ", k + 1)
            } else {
                "     ".to_string()
            };
            writeln!(out, "{indent}{}", styled(line, opts.color))?;
        }
        for side in [Side::Left, Side::Right] {
            let label = if side == Side::Left { &tl } else { &tr };
            let pad = " ".repeat(label_w - label.width());
            let body = quoted(report, side, e.places[side].span);
            let indent = 5 + label_w + 2;
            let body = [(body, Mark::Echo)];
            let lines = wrap(&body, width.saturating_sub(indent));
            for (n, line) in lines.iter().enumerate() {
                let head = if n == 0 {
                    format!("     {label}:{pad} ")
                } else {
                    " ".repeat(indent)
                };
                writeln!(out, "{head}{}", styled(line, opts.color))?;
            }
        }
        let changes = format!("changed: {}", edit_line(report, e));
        for (n, line) in wrap(&[(changes, Mark::Dim)], width.saturating_sub(7))
            .iter()
            .enumerate()
        {
            let head = if n == 0 { "     " } else { "       " };
            writeln!(out, "{head}{}", styled(line, opts.color))?;
        }
        Ok(())
    })
}

/// Bytes of each side of a passage shown, in lines of a column: a passage is a few lines
/// here, however long it is.
const PASSAGE_LINES: usize = 4;

/// Reused passages: stretches the right text reuses from the left as a unit (found from
/// sentence similarity, [`crate::passages`]), each with the head of its word diff side by side.
fn passages(
    report: &Report,
    opts: &RenderOptions,
    width: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    if report.passages.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        paint(Mark::Heading, "Reused passages", opts.color)
    )?;
    let col = (width - 3) / 2;
    let spans = Pair::new(
        echo_spans(report, Side::Left),
        echo_spans(report, Side::Right),
    );
    for (k, (p, diff)) in report.passages_with_diffs().enumerate() {
        let mut ranks: Vec<String> = Vec::new();
        let mut used = 0;
        for (n, e) in p.echoes.iter().enumerate() {
            let r = format!("#{}", e + 1);
            // keep the heading on one line: "and N more" past the width
            if used + r.len() + 1 > width.saturating_sub(30) {
                ranks.push(format!("and {} more", p.echoes.len() - n));
                break;
            }
            used += r.len() + 1;
            ranks.push(r);
        }
        writeln!(out)?;
        writeln!(
            out,
            "{:>3}. {} echoes {}",
            k + 1,
            paint(Mark::Heading, &format!("{:.2}", p.score), opts.color),
            ranks.join(" ")
        )?;
        let ex = excerpt(report, p.spans, diff, col.saturating_mul(PASSAGE_LINES));
        let pieces = |side: Side| side_pieces(report, side, ex.shown[side], diff, &spans[side]);
        let (left, right) = (pieces(Side::Left), pieces(Side::Right));
        columns(&wrap(&left, col), &wrap(&right, col), col, opts, out)?;
        if ex.is_cut() {
            let note = format!(
                "... and {} more words left, {} right",
                ex.hidden.left, ex.hidden.right
            );
            writeln!(out, "{}", paint(Mark::Dim, &note, opts.color))?;
        }
    }
    Ok(())
}

/// Two wrapped columns side by side, `col` wide each, with a bar between.
fn columns(
    left: &[Line],
    right: &[Line],
    col: usize,
    opts: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let empty = Vec::new();
    let mut line = String::new();
    for k in 0..left.len().max(right.len()) {
        let l = left.get(k).unwrap_or(&empty);
        let r = right.get(k).unwrap_or(&empty);
        let lw: usize = l.iter().map(|(s, m)| shown_width(s, *m, opts.color)).sum();
        line.clear();
        styled_into(&mut line, l, opts.color);
        line.extend(std::iter::repeat_n(' ', col.saturating_sub(lw)));
        line.push_str(" | ");
        styled_into(&mut line, r, opts.color);
        out.write_all(line.trim_end().as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// The echo spans of one side, to ask whether a span lies inside one of them.
struct EchoSpans {
    /// Starts, ascending.
    starts: Vec<usize>,
    /// `reach[i]`: the furthest end of the spans up to `starts[i]` (in that order).
    reach: Vec<usize>,
}

impl EchoSpans {
    fn new(mut spans: Vec<Span>) -> EchoSpans {
        spans.sort();
        let reach = spans
            .iter()
            .scan(0, |end, s| {
                *end = s.end.max(*end);
                Some(*end)
            })
            .collect();
        EchoSpans {
            starts: spans.iter().map(|s| s.start).collect(),
            reach,
        }
    }

    /// Is `span` inside one of the echo spans? Those starting at or before it hold it when
    /// the furthest of their ends reaches its end. O(log n).
    fn contain(&self, span: Span) -> bool {
        let at = self.starts.partition_point(|&s| s <= span.start);
        at.checked_sub(1)
            .and_then(|i| self.reach.get(i))
            .is_some_and(|&end| end >= span.end)
    }
}

/// The echo spans of `side` (for [`EchoSpans::contain`]).
fn echo_spans(report: &Report, side: Side) -> EchoSpans {
    EchoSpans::new(report.echoes.iter().map(|e| e.places[side].span).collect())
}

/// A wrapped line: styled words and the single spaces between them, borrowed from the
/// pieces wrapped where they can be.
pub type Line<'a> = Vec<(Cow<'a, str>, Mark)>;

fn styled(line: &Line, color: bool) -> String {
    let mut out = String::new();
    styled_into(&mut out, line, color);
    out
}

/// [`styled`], appended to `out`.
fn styled_into(out: &mut String, line: &Line, color: bool) {
    for (s, m) in line {
        paint_into(out, *m, s, color);
    }
}

/// The display width of `s`: its length when it is all printable ASCII (most words), else
/// by Unicode width.
fn display_width(s: &str) -> usize {
    if s.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        s.len()
    } else {
        s.width()
    }
}

/// Width on screen: with colour, marks add no brackets.
fn shown_width(s: &str, mark: Mark, color: bool) -> usize {
    if color {
        display_width(s)
    } else {
        marked_width(s, mark)
    }
}

fn marked_width(s: &str, mark: Mark) -> usize {
    display_width(s)
        + match mark {
            Mark::Deleted | Mark::Inserted => 4,
            _ => 0,
        }
}

/// Wrap styled pieces to `width` display columns, breaking at spaces, and inside a word only
/// when the word alone is wider than a line. Pieces not separated by whitespace stay glued
/// ("discussion" + "."). Brackets added for marks count in the width.
pub fn wrap<S: AsRef<str>>(pieces: &[(S, Mark)], width: usize) -> Vec<Line<'_>> {
    let width = width.max(8);
    // words: runs of pieces with no whitespace between them, each as its number of parts
    // (in order in `parts`) and its width
    let mut parts: Vec<(Cow<'_, str>, Mark, usize)> = Vec::new();
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut glue = false;
    for (text, mark) in pieces {
        let text = text.as_ref();
        let starts_space = text.starts_with(char::is_whitespace);
        for (k, w) in text.split_whitespace().enumerate() {
            let w = super::pieces::without_controls(w);
            if w.is_empty() {
                continue;
            }
            let w_width = marked_width(&w, *mark);
            match words.last_mut() {
                Some(last) if k == 0 && glue && !starts_space => {
                    last.0 += 1;
                    last.1 += w_width;
                }
                _ => words.push((1, w_width)),
            }
            parts.push((w, *mark, w_width));
        }
        glue = !text.ends_with(char::is_whitespace) && !text.trim().is_empty();
    }
    let mut lines: Vec<Line> = vec![Vec::new()];
    let mut used = 0usize;
    let mut parts = parts.into_iter();
    for (count, w) in words {
        if used > 0 && used + 1 + w > width {
            lines.push(Vec::new());
            used = 0;
        }
        for (n, (text, mark, w)) in parts.by_ref().take(count).enumerate() {
            let sep = n == 0;
            let gap = usize::from(sep && used > 0);
            if used + gap + w <= width {
                push(&mut lines, &mut used, (text, mark, w), sep);
            } else {
                // a piece wider than what is left of the line (a long word, or the tail of
                // a glued run such as CJK text with no spaces): break it by grapheme
                hard_break(&mut lines, &mut used, &text, mark, sep, width);
            }
        }
    }
    if lines.last().is_some_and(|l| l.is_empty()) && lines.len() > 1 {
        lines.pop();
    }
    lines
}

/// Push `text` grapheme by grapheme, starting a new line whenever the next grapheme would
/// pass `width` (issue 6: glued pieces wider than the line overflowed the column).
fn hard_break(
    lines: &mut Vec<Line>,
    used: &mut usize,
    text: &str,
    mark: Mark,
    space: bool,
    width: usize,
) {
    let brackets = marked_width("", mark);
    let mut chunk = String::new();
    // the chunk's display width, kept as it grows (no rescans)
    let mut chunk_w = 0;
    for g in text.graphemes(true) {
        let gap = usize::from(space && *used > 0 && chunk.is_empty());
        if *used + gap + chunk_w + g.width() + brackets > width {
            if !chunk.is_empty() {
                // measured whole, as the width of a line is (a sum over graphemes can
                // differ from it, as for a lam-alef ligature)
                let width = marked_width(&chunk, mark);
                let chunk = Cow::Owned(std::mem::take(&mut chunk));
                push(lines, used, (chunk, mark, width), space);
                chunk_w = 0;
            }
            if *used > 0 {
                lines.push(Vec::new());
                *used = 0;
            }
        }
        chunk.push_str(g);
        chunk_w += g.width();
    }
    if !chunk.is_empty() {
        let width = marked_width(&chunk, mark);
        push(lines, used, (Cow::Owned(chunk), mark, width), space);
    }
}

/// Add `word` (its text, mark and [`marked_width`]) to the last line, after a space when
/// `space` and the line has words.
fn push<'a>(
    lines: &mut [Line<'a>],
    used: &mut usize,
    word: (Cow<'a, str>, Mark, usize),
    space: bool,
) {
    let Some(line) = lines.last_mut() else { return };
    let (word, mark, width) = word;
    if *used > 0 && space {
        line.push((Cow::Borrowed(" "), Mark::Plain));
        *used += 1;
    }
    *used += width;
    // merge runs of the same mark so brackets enclose phrases, not single words
    if let [.., (prev, pm), (sp, Mark::Plain)] = line.as_mut_slice()
        && *pm == mark
        && sp == " "
        && space
        && matches!(mark, Mark::Deleted | Mark::Inserted)
    {
        let prev = prev.to_mut();
        prev.push(' ');
        prev.push_str(&word);
        line.pop();
        *used -= 4;
        return;
    }
    line.push((word, mark));
}

/// Styled pieces of one side of an aligned statement pair: the statement's text cut at the
/// diff's word runs (text between runs stays plain).
fn side_pieces<'r>(
    report: &'r Report,
    side: Side,
    stmt: Span,
    diff: &[DiffSegment],
    echo_spans: &EchoSpans,
) -> Vec<(&'r str, Mark)> {
    let text = report.slice(side, stmt);
    let mut pieces = Vec::new();
    let mut at = stmt.start;
    for seg in diff {
        let Some(span) = seg_span(seg, side) else {
            continue;
        };
        if span.start < at || span.start >= stmt.end {
            continue;
        }
        // a run reaching past the end of an excerpt is cut there
        let span = Span::new(span.start, span.end.min(stmt.end));
        if span.start > at {
            pieces.push((report.slice(side, Span::new(at, span.start)), Mark::Plain));
        }
        let in_echo = echo_spans.contain(span);
        let mark = match seg.change {
            Change::Equal | Change::Inflected if in_echo => Mark::Echo,
            Change::Equal | Change::Inflected => Mark::Same,
            _ if side == Side::Left => Mark::Deleted,
            _ => Mark::Inserted,
        };
        pieces.push((report.slice(side, span), mark));
        at = span.end;
    }
    if at < stmt.end {
        pieces.push((report.slice(side, Span::new(at, stmt.end)), Mark::Plain));
    }
    if pieces.is_empty() {
        pieces.push((text, Mark::Plain));
    }
    pieces
}

fn seg_span(seg: &DiffSegment, side: Side) -> Option<Span> {
    match side {
        Side::Left => seg.left,
        Side::Right => seg.right,
    }
}

fn alignments(
    report: &Report,
    opts: &RenderOptions,
    width: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    if report.alignments.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        paint(Mark::Heading, "Aligned statements", opts.color)
    )?;
    let (ll, rl) = (&report.texts.left.label, &report.texts.right.label);
    let short = ll.width().max(rl.width()) > 16;
    let (tl, tr) = if short {
        let legend = format!("(left column L = {ll}, right column R = {rl})");
        for line in wrap(&[(legend, Mark::Plain)], width) {
            writeln!(out, "{}", styled(&line, opts.color))?;
        }
        ("L".to_string(), "R".to_string())
    } else {
        (ll.clone(), rl.clone())
    };
    let col = (width - 3) / 2;
    let (le, re) = (
        echo_spans(report, Side::Left),
        echo_spans(report, Side::Right),
    );
    super::write_alignments(out, report, |a, statements, out| {
        let Pair {
            left: ls,
            right: rs,
        } = statements;
        writeln!(out)?;
        let head = format!(
            "-- {} #{} <-> {} #{}  score {:.2} ",
            tl,
            a.statements.left + 1,
            tr,
            a.statements.right + 1,
            a.score
        );
        let fill = width.saturating_sub(head.width());
        writeln!(
            out,
            "{}",
            paint(
                Mark::Dim,
                &format!("{head}{}", "-".repeat(fill)),
                opts.color
            )
        )?;
        let left = side_pieces(report, Side::Left, ls.span, &a.diff, &le);
        let right = side_pieces(report, Side::Right, rs.span, &a.diff, &re);
        columns(&wrap(&left, col), &wrap(&right, col), col, opts, out)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The ASCII shortcut of the display width agrees with Unicode width.
        #[test]
        fn display_width_is_unicode_width(s in "\\PC{0,12}|[ -~\\t]{0,12}") {
            prop_assert_eq!(display_width(&s), s.width());
        }

        /// A span is inside one of the echo spans exactly when some echo span holds it, however
        /// many of them overlap.
        #[test]
        fn echo_spans_contain_as_any_span_holds(
            spans in prop::collection::vec((0usize..60, 0usize..40), 0..90),
            probe in (0usize..70, 0usize..30),
        ) {
            let spans: Vec<Span> = spans.iter().map(|&(a, n)| Span::new(a, a + n)).collect();
            let cover = EchoSpans::new(spans.clone());
            let probe = Span::new(probe.0, probe.0 + probe.1);
            prop_assert_eq!(cover.contain(probe), spans.iter().any(|s| s.contains(&probe)));
        }
    }

    /// A word broken by grapheme counts what it takes on the line by its width measured
    /// whole, as the words after it are: "لا" (lam-alef) is one column as a ligature, two as
    /// two graphemes, so its tail leaves room for the next word.
    #[test]
    fn broken_words_take_their_whole_width() {
        let text = format!("{} xxxxx", "لا".repeat(10));
        let pieces = [(text, Mark::Plain)];
        let lines = wrap(&pieces, 8);
        let shown: Vec<String> = lines
            .iter()
            .map(|l| l.iter().map(|(s, _)| s.as_ref()).collect())
            .collect();
        assert_eq!(shown, ["لالالالا", "لالالالا", "لالا xxxxx"]);
    }

    #[test]
    fn wrap_respects_display_width() {
        let pieces = vec![(
            "北朝鮮 外務省 報道官 談話 発表 した".to_string(),
            Mark::Plain,
        )];
        for line in wrap(&pieces, 12) {
            let w: usize = line.iter().map(|(s, m)| marked_width(s, *m)).sum();
            assert!(w <= 12, "{line:?}");
        }
        let long = vec![("x".repeat(50), Mark::Inserted)];
        for line in wrap(&long, 20) {
            let w: usize = line.iter().map(|(s, m)| marked_width(s, *m)).sum();
            assert!(w <= 20, "{line:?}");
        }
    }
}

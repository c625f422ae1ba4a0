//! Splitting a text into pieces for marked-up output (HTML, Markdown): at echo boundaries,
//! where echoes may overlap or nest, and at the runs of a word diff.

// Input path (issue 6): no indexing that input could push out of range.
#![cfg_attr(not(test), warn(clippy::indexing_slicing))]

use crate::diff::{Change, DiffSegment};
use crate::report::Report;
use crate::text::{Pair, Side, Span};

/// A piece of one side's text and what covers it: indices (into `report.echoes` and
/// `report.passages`) of the echoes and passages holding it, ascending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TextPiece {
    /// Bytes of the piece.
    pub span: Span,
    /// Echoes covering it.
    pub echoes: Vec<usize>,
    /// Passages covering it.
    pub passages: Vec<usize>,
}

/// The whole text of `side` split at every echo and passage boundary, in order. Pieces
/// cover the text exactly. Cost: O((n + e) log e) for e echoes and passages.
pub(crate) fn text_pieces(report: &Report, side: Side) -> Vec<TextPiece> {
    let len = report.texts[side].original.len();
    let echoes: Vec<Span> = report.echoes.iter().map(|e| e.places[side].span).collect();
    let passages: Vec<Span> = report.passages.iter().map(|p| p.spans[side]).collect();
    let valid = |s: &&Span| s.start < s.end && s.end <= len;
    let mut bounds: Vec<usize> = echoes
        .iter()
        .chain(&passages)
        .filter(valid)
        .flat_map(|s| [s.start, s.end])
        .collect();
    bounds.extend([0, len]);
    bounds.sort_unstable();
    bounds.dedup();
    let by_echo = covering(&echoes, &bounds, len);
    let by_passage = covering(&passages, &bounds, len);
    bounds
        .windows(2)
        .zip(by_echo.into_iter().zip(by_passage))
        .filter_map(|(w, (echoes, passages))| match w {
            [a, b] => Some(TextPiece {
                span: Span::new(*a, *b),
                echoes,
                passages,
            }),
            _ => None,
        })
        .collect()
}

/// For each piece between consecutive `bounds` (sorted, deduplicated, holding both ends of
/// every valid span), the indices of the `spans` covering it, ascending. Spans that are
/// empty or end past `len` cover nothing.
#[allow(clippy::indexing_slicing)] // indices come from 0..spans.len(); windows(2) has 2
fn covering(spans: &[Span], bounds: &[usize], len: usize) -> Vec<Vec<usize>> {
    // spans by start, so each boundary opens the spans starting there
    let mut by_start: Vec<usize> = (0..spans.len())
        .filter(|&i| spans[i].start < spans[i].end && spans[i].end <= len)
        .collect();
    by_start.sort_by_key(|&i| (spans[i].start, i));
    let mut next = 0;
    let mut open: Vec<usize> = Vec::new();
    let mut out = Vec::with_capacity(bounds.len().saturating_sub(1));
    for w in bounds.windows(2) {
        let a = w[0];
        open.retain(|&i| spans[i].end > a);
        while let Some(&i) = by_start.get(next) {
            if spans[i].start > a {
                break;
            }
            open.push(i);
            next += 1;
        }
        let mut ids = open.clone();
        ids.sort_unstable();
        out.push(ids);
    }
    out
}

/// `outer` on `side` split into pieces, each marked with the change of the diff run covering
/// it on that side (`None` for equal runs and the text between words). Runs out of order or
/// starting outside `outer` are ignored; a run reaching past its end is cut there.
pub(crate) fn diff_pieces(
    diff: &[DiffSegment],
    side: Side,
    outer: Span,
) -> Vec<(Span, Option<Change>)> {
    let mut pieces = Vec::new();
    let mut at = outer.start;
    for seg in diff {
        let span = match side {
            Side::Left => seg.left,
            Side::Right => seg.right,
        };
        let Some(span) = span else { continue };
        if seg.change == Change::Equal || span.start < at || span.start >= outer.end {
            continue;
        }
        let span = Span::new(span.start, span.end.min(outer.end));
        if span.start > at {
            pieces.push((Span::new(at, span.start), None));
        }
        pieces.push((span, Some(seg.change)));
        at = span.end;
    }
    if at < outer.end {
        pieces.push((Span::new(at, outer.end), None));
    }
    pieces
}

/// Score band 1 to 4 for shading: below 0.6, below 0.7, below 0.8, and above.
pub(crate) fn band(score: f64) -> u8 {
    match crate::report::score_key(score) {
        ..600 => 1,
        600..700 => 2,
        700..800 => 3,
        _ => 4,
    }
}

/// A text with runs of whitespace (line breaks included) shown as one space.
pub(crate) fn flat(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (k, word) in s.split_whitespace().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// `word` without its control characters (borrowed when it has none): terminal output never
/// passes on an escape sequence from the input.
pub(crate) fn without_controls(word: &str) -> std::borrow::Cow<'_, str> {
    if word.chars().any(char::is_control) {
        std::borrow::Cow::Owned(word.chars().filter(|c| !c.is_control()).collect())
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

/// A text as one line of terminal output: whitespace runs as one space ([`flat`]), control
/// characters dropped ([`without_controls`]), as the text report shows a wrapped phrasing.
pub(crate) fn one_line(s: &str) -> String {
    without_controls(&flat(s)).into_owned()
}

/// The head of a long passage, as shown by a renderer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Excerpt {
    /// The bytes shown on each side, from the passage's start.
    pub shown: Pair<Span>,
    /// Words of the passage left out, on each side.
    pub hidden: Pair<usize>,
}

impl Excerpt {
    /// True when part of the passage is left out.
    pub fn is_cut(&self) -> bool {
        self.hidden.left + self.hidden.right > 0
    }
}

/// The head of the passage `spans` with word diff `diff`: whole runs of the diff in order
/// until one more would take either side past `max` bytes, so both sides stop at the same
/// place in the diff. When not even the first run fits (or there is no diff), each side is
/// cut at the last space before `max` bytes.
pub(crate) fn excerpt(
    report: &Report,
    spans: Pair<Span>,
    diff: &[DiffSegment],
    max: usize,
) -> Excerpt {
    if spans.left.len() <= max && spans.right.len() <= max {
        return Excerpt {
            shown: spans,
            hidden: Pair::new(0, 0),
        };
    }
    let start = spans.as_ref().map(|s| s.start);
    let mut end = start;
    for seg in diff {
        let reach = |side: Side, at: usize| {
            let run = if side == Side::Left {
                seg.left
            } else {
                seg.right
            };
            run.map_or(at, |r| r.end.min(spans[side].end).max(at))
        };
        let next = Pair::new(reach(Side::Left, end.left), reach(Side::Right, end.right));
        if Side::BOTH
            .into_iter()
            .any(|side| next[side].saturating_sub(start[side]) > max)
        {
            break;
        }
        end = next;
    }
    if end == start {
        end = Pair::new(
            cut(&report.texts.left.original, spans.left, max),
            cut(&report.texts.right.original, spans.right, max),
        );
    }
    let shown = Pair::new(
        Span::new(spans.left.start, end.left),
        Span::new(spans.right.start, end.right),
    );
    let hidden = |side: Side| words(report, side, Span::new(end[side], spans[side].end));
    Excerpt {
        shown,
        hidden: Pair::new(hidden(Side::Left), hidden(Side::Right)),
    }
}

/// Where to end the first `max` bytes of `span` in `text`: at the last whitespace before
/// that, or on the char boundary at or before it when there is none.
fn cut(text: &str, span: Span, max: usize) -> usize {
    let mut lim = span.start.saturating_add(max).min(span.end);
    while lim > span.start && !text.is_char_boundary(lim) {
        lim -= 1;
    }
    match text
        .get(span.start..lim)
        .and_then(|h| h.rfind(char::is_whitespace))
    {
        Some(k) if k > 0 => span.start + k,
        _ => lim,
    }
}

/// How a side's mirrored share reads: the left is mirrored by the right, the right mirrors
/// the left (the summary's `mirrored` is the share of a side's words inside echoes).
pub(crate) fn mirrored_phrase(side: Side) -> &'static str {
    match side {
        Side::Left => "mirrored by the right",
        Side::Right => "mirrors the left",
    }
}

/// Number of words (Unicode word boundaries, as the tokenizer splits) in `span` of `side`.
pub(crate) fn words(report: &Report, side: Side, span: Span) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    report.slice(side, span).unicode_words().count()
}

/// The diff in brief, counting words: "40 the same, 3 in another form, 12 dropped, 8 added, 5
/// replaced by 7" (only the changes that occur, in that order).
pub(crate) fn diff_brief(diff: &[DiffSegment]) -> String {
    let order = [
        Change::Equal,
        Change::Inflected,
        Change::Deleted,
        Change::Inserted,
        Change::Replaced,
    ];
    let mut parts = Vec::new();
    for change in order {
        let (l, r) = diff
            .iter()
            .filter(|s| s.change == change)
            .fold((0, 0), |(l, r), s| {
                (l + s.left_tokens.len(), r + s.right_tokens.len())
            });
        if l + r == 0 {
            continue;
        }
        parts.push(match change {
            Change::Equal => format!("{l} the same"),
            Change::Inflected => format!("{l} in another form"),
            Change::Deleted => format!("{l} dropped"),
            Change::Inserted => format!("{r} added"),
            Change::Replaced => format!("{l} replaced by {r}"),
        });
    }
    if parts.is_empty() {
        "no words".to_string()
    } else {
        parts.join(", ")
    }
}

/// The kebab-case name of a serialized enum value (`function-word`, `left-negated`).
pub(crate) fn name_of<T: serde::Serialize>(value: T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

/// The kind of an echo as shown to a reader: `paraphrase`, or `statements, paraphrase` for an
/// echo between two whole aligned statements.
pub(crate) fn kind_label(e: &crate::report::Echo) -> String {
    match e.level {
        crate::report::EchoLevel::Phrase => name_of(e.kind),
        crate::report::EchoLevel::Statement => format!("statements, {}", name_of(e.kind)),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::{Options, Text, compare};

    #[test]
    fn echo_pieces_cover_the_text_exactly() {
        let r = compare(
            Text::new(
                "l",
                "We seek complete and irreversible denuclearization now.",
            ),
            Text::new("r", "They must completely and irreversibly withdraw it."),
            &Options::default(),
        );
        for side in Side::BOTH {
            let pieces = text_pieces(&r, side);
            let joined: String = pieces.iter().map(|p| r.slice(side, p.span)).collect();
            assert_eq!(joined, r.texts[side].original);
            assert!(pieces.iter().any(|p| !p.echoes.is_empty()));
        }
    }

    #[test]
    fn nested_and_overlapping_echoes_split_into_pieces() {
        let mut r = compare(
            Text::new(
                "l",
                "We seek complete and irreversible denuclearization now.",
            ),
            Text::new("r", "They must completely and irreversibly withdraw it."),
            &Options {
                statement_echoes: false,
                ..Options::default()
            },
        );
        let outer = r.echoes[0].places.left.span;
        let word = r.echoes[0].matches[0].left;
        // a nested echo (one word inside the first) and one overlapping its end
        let mut nested = r.echoes[0].clone();
        nested.places.left.span = word;
        let mut overlapping = r.echoes[0].clone();
        overlapping.places.left.span = Span::new(outer.end - 3, r.texts.left.original.len());
        r.echoes.extend([nested, overlapping]);
        let pieces = text_pieces(&r, Side::Left);
        let ids_at = |span: Span| {
            pieces
                .iter()
                .find(|p| p.span == span)
                .map(|p| p.echoes.clone())
        };
        assert_eq!(ids_at(word), Some(vec![0, 1]), "{pieces:?}");
        assert_eq!(
            ids_at(Span::new(outer.end - 3, outer.end)),
            Some(vec![0, 2]),
            "{pieces:?}"
        );
        let joined: String = pieces.iter().map(|p| r.slice(Side::Left, p.span)).collect();
        assert_eq!(joined, r.texts.left.original);
        let mut page = Vec::new();
        crate::render::html::render(&r, &mut page).expect("writing to a Vec cannot fail");
        let page = String::from_utf8(page).expect("UTF-8");
        assert!(
            page.contains("data-echo=\"e1 e2\""),
            "nested piece lists both echoes"
        );
        assert!(page.contains("ed-multi"));
    }

    /// `words` made-up words of varied syllables (so no word is common enough to be
    /// discounted), deterministic, in sentences of ten.
    pub(crate) fn words_text(words: usize, seed: u64) -> Vec<String> {
        const SYL: [&str; 16] = [
            "ka", "lo", "mi", "ren", "tus", "vel", "dor", "pa", "qui", "sen", "bra", "mo", "tal",
            "fin", "gu", "zer",
        ];
        let mut x = seed;
        let mut next = || {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) as usize
        };
        (0..words)
            .map(|_| {
                let n = 2 + next() % 2;
                (0..n).map(|_| SYL[next() % SYL.len()]).collect::<String>()
            })
            .collect()
    }

    /// A long text reused with an edit in every sentence: a word replaced, one inserted,
    /// one dropped, in turn. Returns (left, right).
    pub(crate) fn long_reuse(words: usize) -> (String, String) {
        let w = words_text(words, 7);
        let (mut left, mut right) = (String::new(), String::new());
        for (k, chunk) in w.chunks(10).enumerate() {
            let l = chunk.join(" ");
            let mut r: Vec<String> = chunk.to_vec();
            match k % 3 {
                0 => r[4] = "changed".to_string(),
                1 => r.insert(5, "indeed".to_string()),
                _ => {
                    r.remove(5);
                }
            }
            // capitalized, so each chunk is a sentence of its own
            left.push_str(&format!("{}. ", capitalized(&l)));
            right.push_str(&format!("{}. ", capitalized(&r.join(" "))));
        }
        (
            format!("Unrelated opening words here. {left}"),
            format!("Something else entirely first. {right}"),
        )
    }

    fn capitalized(s: &str) -> String {
        let mut c = s.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    }

    fn passage_report(left: &str, right: &str) -> Report {
        compare(
            Text::new("l", left),
            Text::new("r", right),
            &Options::default(),
        )
    }

    #[test]
    fn long_reuse_is_one_long_passage() {
        let (l, r) = long_reuse(2000);
        let report = passage_report(&l, &r);
        assert_eq!(report.passages.len(), 1, "{:?}", report.passages);
        assert_eq!(report.passage_diffs.len(), 1);
        assert!(report.passages[0].spans.left.len() > l.len() * 9 / 10);
    }

    #[test]
    fn a_short_passage_is_shown_whole() {
        let (l, r) = long_reuse(60);
        let report = passage_report(&l, &r);
        let (p, diff) = report.passages_with_diffs().next().expect("a passage");
        let ex = excerpt(&report, p.spans, diff, 10_000);
        assert_eq!(ex.shown, p.spans);
        assert!(!ex.is_cut());
    }

    #[test]
    fn a_long_passage_is_cut_at_one_run_of_its_diff_on_both_sides() {
        let (l, r) = long_reuse(2000);
        let report = passage_report(&l, &r);
        let (p, diff) = report.passages_with_diffs().next().expect("a passage");
        let ex = excerpt(&report, p.spans, diff, 400);
        assert!(ex.is_cut());
        for side in Side::BOTH {
            let shown = ex.shown[side];
            assert!(
                shown.len() <= 400 && shown.len() > 300,
                "{side:?}: {shown:?}"
            );
            assert_eq!(shown.start, p.spans[side].start);
            assert!(ex.hidden[side] > 1500, "{side:?}: {:?}", ex.hidden);
        }
        // both sides stop at the same place in the diff: each run is shown on every side it
        // has words on, or on none
        for seg in diff {
            let shown_on = |side: Side| {
                let run = if side == Side::Left {
                    seg.left
                } else {
                    seg.right
                };
                run.map(|x| x.end <= ex.shown[side].end)
            };
            let sides: Vec<bool> = Side::BOTH.into_iter().filter_map(shown_on).collect();
            assert!(
                sides.iter().all(|&b| b) || sides.iter().all(|&b| !b),
                "{seg:?} against {:?}",
                ex.shown
            );
        }
    }

    #[test]
    fn without_a_diff_a_passage_is_cut_at_a_space_on_a_char_boundary() {
        // two-byte letters, so most byte limits fall inside a character
        let (l, r) = long_reuse(200);
        let mut report = passage_report(&l.replace('a', "ä"), &r.replace('a', "ä"));
        report.passage_diffs.clear();
        let (p, diff) = report.passages_with_diffs().next().expect("a passage");
        assert!(diff.is_empty());
        for max in [0, 1, 2, 3, 4, 50, 51, 52, 53] {
            let ex = excerpt(&report, p.spans, diff, max);
            for side in Side::BOTH {
                let (shown, text) = (ex.shown[side], &report.texts[side].original);
                assert!(shown.len() <= max, "{max} {side:?}: {shown:?}");
                assert!(text.is_char_boundary(shown.end), "{max} {side:?}");
                let head = &text[shown.start..];
                let room = head
                    .char_indices()
                    .take_while(|(i, c)| i + c.len_utf8() <= max);
                if room.clone().skip(1).any(|(_, c)| c.is_whitespace()) {
                    assert!(
                        head[shown.len()..].starts_with(char::is_whitespace),
                        "{max} {side:?}: cut inside a word: {:?}",
                        &head[..shown.len()]
                    );
                }
            }
        }
    }

    #[test]
    fn diff_brief_counts_words() {
        let (l, r) = long_reuse(30);
        let report = passage_report(&l, &r);
        let (_, diff) = report.passages_with_diffs().next().expect("a passage");
        let brief = diff_brief(diff);
        assert!(brief.contains(" the same"), "{brief}");
        assert!(
            brief.contains("1 added") && brief.contains("1 dropped"),
            "{brief}"
        );
        assert_eq!(diff_brief(&[]), "no words");
    }

    #[test]
    fn passages_split_the_text_into_pieces() {
        let (l, r) = long_reuse(60);
        let report = passage_report(&l, &r);
        for side in Side::BOTH {
            let pieces = text_pieces(&report, side);
            let joined: String = pieces.iter().map(|p| report.slice(side, p.span)).collect();
            assert_eq!(joined, report.texts[side].original);
            let inside: Vec<Span> = pieces
                .iter()
                .filter(|p| p.passages == [0])
                .map(|p| p.span)
                .collect();
            let first = inside.first().expect("pieces inside the passage");
            let last = inside.last().expect("pieces inside the passage");
            assert_eq!(
                Span::new(first.start, last.end),
                report.passages[0].spans[side]
            );
        }
    }
}

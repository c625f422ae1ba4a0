//! Splitting a text into pieces for marked-up output (HTML, Markdown): at echo boundaries,
//! where echoes may overlap or nest, and at the runs of a word diff.

// Input path (issue 6): no indexing that input could push out of range.
#![cfg_attr(not(test), warn(clippy::indexing_slicing))]

use crate::diff::{Change, DiffSegment};
use crate::report::Report;
use crate::text::{Side, Span};

/// The whole text of `side` split at every echo boundary, in order, each piece with the
/// indices (into `report.echoes`) of the echoes covering it, ascending. Pieces cover the text
/// exactly. Cost: O((n + e) log e) for e echoes.
#[allow(clippy::indexing_slicing)] // echo indices come from 0..echoes.len(); windows(2) has 2
pub(crate) fn echo_pieces(report: &Report, side: Side) -> Vec<(Span, Vec<usize>)> {
    let len = report.texts[side].original.len();
    let spans: Vec<Span> = report
        .echoes
        .iter()
        .map(|e| e.places[side].span)
        .filter(|s| s.start < s.end && s.end <= len)
        .collect();
    let mut bounds: Vec<usize> = spans.iter().flat_map(|s| [s.start, s.end]).collect();
    bounds.extend([0, len]);
    bounds.sort_unstable();
    bounds.dedup();
    // echoes by start, so each boundary opens the echoes starting there
    let mut by_start: Vec<usize> = (0..report.echoes.len())
        .filter(|&i| {
            let s = report.echoes[i].places[side].span;
            s.start < s.end && s.end <= len
        })
        .collect();
    by_start.sort_by_key(|&i| (report.echoes[i].places[side].span.start, i));
    let mut next = 0;
    let mut open: Vec<usize> = Vec::new();
    let mut pieces = Vec::new();
    for w in bounds.windows(2) {
        let (a, b) = (w[0], w[1]);
        open.retain(|&i| report.echoes[i].places[side].span.end > a);
        while let Some(&i) = by_start.get(next) {
            if report.echoes[i].places[side].span.start > a {
                break;
            }
            open.push(i);
            next += 1;
        }
        let mut ids = open.clone();
        ids.sort_unstable();
        pieces.push((Span::new(a, b), ids));
    }
    pieces
}

/// `outer` on `side` split into pieces, each marked with the change of the diff run covering
/// it on that side (`None` for equal runs and the text between words). Runs outside `outer`
/// or out of order are ignored.
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
        if seg.change == Change::Equal || span.start < at || span.end > outer.end {
            continue;
        }
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
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The kebab-case name of a serialized enum value (`function-word`, `left-negated`).
pub(crate) fn name_of<T: serde::Serialize>(value: T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
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
            let pieces = echo_pieces(&r, side);
            let joined: String = pieces.iter().map(|(s, _)| r.slice(side, *s)).collect();
            assert_eq!(joined, r.texts[side].original);
            assert!(pieces.iter().any(|(_, ids)| !ids.is_empty()));
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
            &Options::default(),
        );
        let outer = r.echoes[0].places.left.span;
        let word = r.echoes[0].matches[0].left;
        // a nested echo (one word inside the first) and one overlapping its end
        let mut nested = r.echoes[0].clone();
        nested.places.left.span = word;
        let mut overlapping = r.echoes[0].clone();
        overlapping.places.left.span = Span::new(outer.end - 3, r.texts.left.original.len());
        r.echoes.extend([nested, overlapping]);
        let pieces = echo_pieces(&r, Side::Left);
        let ids_at = |span: Span| {
            pieces
                .iter()
                .find(|(s, _)| *s == span)
                .map(|(_, ids)| ids.clone())
        };
        assert_eq!(ids_at(word), Some(vec![0, 1]), "{pieces:?}");
        assert_eq!(
            ids_at(Span::new(outer.end - 3, outer.end)),
            Some(vec![0, 2]),
            "{pieces:?}"
        );
        let joined: String = pieces
            .iter()
            .map(|(s, _)| r.slice(Side::Left, *s))
            .collect();
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
}

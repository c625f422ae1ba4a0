//! Word-level diffs between two token ranges, mapped back to byte spans.
//!
//! Method: `similar`'s Myers diff over matching keys (lemma or stem), so "do"/"did" and
//! "complete"/"completely" line up as the same word and are then marked as inflected when
//! their normalized forms differ. Cost: O((n + m) * d) for d differences; the ranges diffed
//! are statements or echoes, so small. similar's old/new is converted to our left/right here
//! and nowhere else; no deadline is used, so the result never depends on machine speed.

use crate::document::Document;
use crate::text::{Pair, Span};
use serde::Serialize;
use similar::{Algorithm, DiffOp, capture_diff_slices};
use std::ops::Range;

/// What happened to a run of words between left and right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// The same words.
    Equal,
    /// The same words in another form ("do" / "did").
    Inflected,
    /// Words only on the left (dropped by the right).
    Deleted,
    /// Words only on the right (inserted by the right).
    Inserted,
    /// Left words replaced by right words.
    Replaced,
}

/// One run of a word diff. `left` and `right` cover whole words in the original texts
/// (from the first word's start to the last word's end); absent on the side without words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffSegment {
    /// What happened.
    pub change: Change,
    /// Token range on the left (empty for an insertion).
    #[serde(skip)]
    pub left_tokens: Range<usize>,
    /// Token range on the right (empty for a deletion).
    #[serde(skip)]
    pub right_tokens: Range<usize>,
    /// Bytes on the left, if any.
    pub left: Option<Span>,
    /// Bytes on the right, if any.
    pub right: Option<Span>,
}

/// Diff the tokens `ranges.left` of `docs.left` against `ranges.right` of `docs.right`.
pub fn diff_tokens(docs: Pair<&Document>, ranges: Pair<Range<usize>>) -> Vec<DiffSegment> {
    let lt = docs.left.tokens.get(ranges.left.clone()).unwrap_or(&[]);
    let rt = docs.right.tokens.get(ranges.right.clone()).unwrap_or(&[]);
    let lk: Vec<u32> = lt.iter().map(|t| t.key).collect();
    let rk: Vec<u32> = rt.iter().map(|t| t.key).collect();
    let (l0, r0) = (ranges.left.start, ranges.right.start);
    let mut out: Vec<DiffSegment> = Vec::new();
    let span_of = |doc: &Document, r: &Range<usize>| -> Option<Span> {
        if r.is_empty() {
            return None;
        }
        let a = doc.tokens.get(r.start)?.span.start;
        let b = doc.tokens.get(r.end - 1)?.span.end;
        Some(Span::new(a, b))
    };
    let mut push = |change: Change, l: Range<usize>, r: Range<usize>| {
        // merge with the previous run of the same kind
        if let Some(last) = out.last_mut()
            && last.change == change
            && last.left_tokens.end == l.start
            && last.right_tokens.end == r.start
        {
            last.left_tokens.end = l.end;
            last.right_tokens.end = r.end;
        } else {
            out.push(DiffSegment {
                change,
                left_tokens: l,
                right_tokens: r,
                left: None,
                right: None,
            });
        }
    };
    for op in capture_diff_slices(Algorithm::Myers, &lk, &rk) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                for k in 0..len {
                    let (a, b) = (l0 + old_index + k, r0 + new_index + k);
                    let same = docs.left.tokens[a].form == docs.right.tokens[b].form;
                    let change = if same {
                        Change::Equal
                    } else {
                        Change::Inflected
                    };
                    push(change, a..a + 1, b..b + 1);
                }
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => push(
                Change::Deleted,
                l0 + old_index..l0 + old_index + old_len,
                r0..r0,
            ),
            DiffOp::Insert {
                new_index, new_len, ..
            } => push(
                Change::Inserted,
                l0..l0,
                r0 + new_index..r0 + new_index + new_len,
            ),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => push(
                Change::Replaced,
                l0 + old_index..l0 + old_index + old_len,
                r0 + new_index..r0 + new_index + new_len,
            ),
        }
    }
    for seg in &mut out {
        seg.left = span_of(docs.left, &seg.left_tokens);
        seg.right = span_of(docs.right, &seg.right_tokens);
        if seg.left.is_none() {
            seg.left_tokens = seg.left_tokens.start..seg.left_tokens.start;
        }
        if seg.right.is_none() {
            seg.right_tokens = seg.right_tokens.start..seg.right_tokens.start;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Text;
    use crate::tokenize::Vocab;

    #[test]
    fn seed_phrase_diff() {
        let mut vocab = Vocab::new();
        let l = Document::new(
            Text::new("l", "do not reflect the content or the spirit of"),
            &mut vocab,
        );
        let r = Document::new(
            Text::new("r", "did not accurately reflect the content and spirit of"),
            &mut vocab,
        );
        let segs = diff_tokens(Pair::new(&l, &r), Pair::new(0..l.len(), 0..r.len()));
        let show: Vec<(Change, &str, &str)> = segs
            .iter()
            .map(|s| {
                (
                    s.change,
                    s.left.map_or("", |x| l.text.slice(x)),
                    s.right.map_or("", |x| r.text.slice(x)),
                )
            })
            .collect();
        assert_eq!(
            show,
            [
                (Change::Inflected, "do", "did"),
                (Change::Equal, "not", "not"),
                (Change::Inserted, "", "accurately"),
                (Change::Equal, "reflect the content", "reflect the content"),
                (Change::Replaced, "or the", "and"),
                (Change::Equal, "spirit of", "spirit of"),
            ]
        );
    }
}

//! Passages: echoes that lie close together on both sides, merged into one reused passage.
//!
//! Method: echoes are sorted by their left start; two echoes are linked when the gap between
//! them is at most `max_gap` bytes on the left and on the right (a gap is 0 when the spans
//! overlap), checking at most `lookahead` later echoes for each. Linked echoes (transitively)
//! form a passage that covers them on each side. A passage needs `min_echoes` echoes. When two
//! passages overlap on the right (one stretch of the echoing text reused from two places),
//! the better-scored one is kept. Cost: O(n log n) in the number of echoes.
//! Ties: passages are ordered by left start, then right start.

use crate::text::{Pair, Span};

/// Settings of passage merging.
#[derive(Debug, Clone, PartialEq)]
pub struct PassageOptions {
    /// Largest gap in bytes between two echoes of one passage, on each side. Default: 120.
    pub max_gap: usize,
    /// Fewest echoes in a passage. Default: 3.
    pub min_echoes: usize,
    /// Later echoes (by left start) examined for each echo. Default: 64.
    pub lookahead: usize,
}

impl Default for PassageOptions {
    fn default() -> Self {
        PassageOptions {
            max_gap: 120,
            min_echoes: 3,
            lookahead: 64,
        }
    }
}

/// A reused passage.
#[derive(Debug, Clone, PartialEq)]
pub struct Passage {
    /// Bytes covered on each side.
    pub spans: Pair<Span>,
    /// `1 - Π(1 - score)` over its echoes.
    pub score: f64,
    /// Indices of its echoes (into the report's ranked echoes), ascending.
    pub echoes: Vec<usize>,
}

fn gap(a: Span, b: Span) -> usize {
    a.start.max(b.start).saturating_sub(a.end.min(b.end))
}

/// Merge echoes (their spans and scores, in report order) into passages.
pub fn passages(echoes: &[(Pair<Span>, f64)], opts: &PassageOptions) -> Vec<Passage> {
    let n = echoes.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&k| (echoes[k].0.left.start, echoes[k].0.right.start, k));
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for (pos, &a) in order.iter().enumerate() {
        let sa = echoes[a].0;
        for &b in order.iter().skip(pos + 1).take(opts.lookahead) {
            let sb = echoes[b].0;
            if sb.left.start > sa.left.end + opts.max_gap {
                break;
            }
            if gap(sa.left, sb.left) <= opts.max_gap && gap(sa.right, sb.right) <= opts.max_gap {
                let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
                if ra != rb {
                    parent[ra.max(rb)] = ra.min(rb);
                }
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for k in 0..n {
        let r = find(&mut parent, k);
        groups.entry(r).or_default().push(k);
    }
    let mut out: Vec<Passage> = groups
        .into_values()
        .filter(|g| g.len() >= opts.min_echoes)
        .map(|g| {
            let mut spans = echoes[g[0]].0;
            let mut miss = 1.0;
            for &k in &g {
                spans.left = spans.left.cover(&echoes[k].0.left);
                spans.right = spans.right.cover(&echoes[k].0.right);
                miss *= 1.0 - echoes[k].1.clamp(0.0, 1.0);
            }
            Passage {
                spans,
                score: 1.0 - miss,
                echoes: g,
            }
        })
        .collect();
    // one stretch of the right text reused from two places: keep the better passage
    out.sort_by(|a, b| {
        crate::report::score_key(b.score)
            .cmp(&crate::report::score_key(a.score))
            .then(a.spans.left.start.cmp(&b.spans.left.start))
    });
    let mut kept: Vec<Passage> = Vec::new();
    for p in out {
        if !kept
            .iter()
            .any(|k| k.spans.right.overlap(&p.spans.right) > 0)
        {
            kept.push(p);
        }
    }
    kept.sort_by_key(|p| (p.spans.left.start, p.spans.right.start));
    kept
}

/// Reused passages between two texts, without the rest of a report: what a passage-level
/// evaluation (such as PAN text alignment) needs. `left` is the source, `right` the text that
/// may reuse it. Spans are byte spans into each text's `original`.
pub fn passages_between(
    left: crate::Text,
    right: crate::Text,
    options: &crate::Options,
) -> Vec<Passage> {
    crate::report::compare(left, right, options).passages
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(l: (usize, usize), r: (usize, usize), s: f64) -> (Pair<Span>, f64) {
        (Pair::new(Span::new(l.0, l.1), Span::new(r.0, r.1)), s)
    }

    #[test]
    fn near_echoes_merge_and_far_ones_do_not() {
        let echoes = [
            e((0, 50), (1000, 1050), 0.9),
            e((100, 150), (1100, 1150), 0.8),
            e((200, 240), (1200, 1240), 0.5),
            e((5000, 5050), (9000, 9050), 0.7),
            e((5100, 5150), (20000, 20050), 0.7),
        ];
        let p = passages(&echoes, &PassageOptions::default());
        assert_eq!(p.len(), 1);
        assert_eq!(
            p[0].spans,
            Pair::new(Span::new(0, 240), Span::new(1000, 1240))
        );
        assert_eq!(p[0].echoes, vec![0, 1, 2]);
        assert!((p[0].score - 0.99).abs() < 1e-9);
    }

    #[test]
    fn right_overlap_keeps_the_better_passage() {
        let echoes = [
            e((0, 50), (1000, 1050), 0.9),
            e((60, 100), (1060, 1100), 0.9),
            e((110, 130), (1110, 1130), 0.9),
            e((3000, 3050), (1000, 1050), 0.5),
            e((3060, 3100), (1060, 1100), 0.5),
            e((3110, 3130), (1110, 1130), 0.5),
        ];
        let p = passages(&echoes, &PassageOptions::default());
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].spans.left, Span::new(0, 130));
    }
}

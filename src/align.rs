//! Statement alignment: pair each sentence with its best counterpart(s) on the other side.
//!
//! Method: each sentence is a set of content keys weighted by rarity (names count half). For
//! each right sentence, the left sentences sharing a key are found through an index (keys in
//! more than `max_sentences_per_key` sentences are skipped, so the cost stays near linear),
//! and scored by `0.6 * weighted Dice + 0.4 * best echo score linking the two`. A pair is kept
//! when it scores at least `min_score` and is within `relative` of the best pair of either of
//! its sentences, so one sentence may answer several (many-to-many). Ties: pairs are ordered
//! by left sentence, then right sentence.

use crate::document::Document;
use crate::text::Pair;
use rustc_hash::FxHashMap;
use std::ops::Range;

/// Settings of the statement aligner.
#[derive(Debug, Clone, PartialEq)]
pub struct AlignOptions {
    /// Lowest alignment score considered (weak links can still carry a statement-level
    /// echo). Default: 0.12.
    pub min_score: f64,
    /// Lowest score of an alignment reported without an echo in it. Default: 0.3.
    pub report_score: f64,
    /// A pair is kept when its score is at least this share of the best pair of its left or
    /// its right sentence. Default: 0.8.
    pub relative: f64,
    /// Keys found in more sentences than this (per side) are not used to find candidates.
    /// Default: 64.
    pub max_sentences_per_key: usize,
}

impl Default for AlignOptions {
    fn default() -> Self {
        AlignOptions {
            min_score: 0.12,
            report_score: 0.3,
            relative: 0.8,
            max_sentences_per_key: 64,
        }
    }
}

/// A pair of aligned sentences (indices into each side's statements).
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// Statements paired.
    pub statements: Pair<usize>,
    /// Alignment score in [0, 1].
    pub score: f64,
    /// Weighted Dice of the two sentences' content keys.
    pub shared: f64,
    /// Best score of an echo linking them (0 when none).
    pub echo: f64,
}

/// Token range of every sentence of a document, by statement index.
pub fn sentence_tokens(doc: &Document) -> FxHashMap<usize, Range<usize>> {
    let mut out: FxHashMap<usize, Range<usize>> = FxHashMap::default();
    for (k, &s) in doc.sentence_of.iter().enumerate() {
        out.entry(s as usize)
            .and_modify(|r| r.end = k + 1)
            .or_insert(k..k + 1);
    }
    out
}

fn weighted_keys(doc: &Document, range: &Range<usize>) -> FxHashMap<u32, f64> {
    let mut m: FxHashMap<u32, f64> = FxHashMap::default();
    for t in &doc.tokens[range.clone()] {
        if t.is_content() {
            let w = f64::from(t.weight) * if t.name { 0.5 } else { 1.0 };
            let e = m.entry(t.key).or_insert(0.0);
            *e = e.max(w);
        }
    }
    m
}

/// Align the sentences of two documents. `echo_links` gives, for each echo, the sentence on
/// each side and its score.
pub fn align(
    docs: Pair<&Document>,
    echo_links: &[(Pair<usize>, f64)],
    opts: &AlignOptions,
) -> Vec<Link> {
    let ranges = Pair::new(sentence_tokens(docs.left), sentence_tokens(docs.right));
    let mut lkeys: Vec<(usize, FxHashMap<u32, f64>)> = ranges
        .left
        .iter()
        .map(|(&s, r)| (s, weighted_keys(docs.left, r)))
        .collect();
    lkeys.sort_by_key(|(s, _)| *s);
    let mut rkeys: Vec<(usize, FxHashMap<u32, f64>)> = ranges
        .right
        .iter()
        .map(|(&s, r)| (s, weighted_keys(docs.right, r)))
        .collect();
    rkeys.sort_by_key(|(s, _)| *s);
    let mut index: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
    for (pos, (_, keys)) in lkeys.iter().enumerate() {
        for &k in keys.keys() {
            index.entry(k).or_default().push(pos);
        }
    }
    let mut rcount: FxHashMap<u32, usize> = FxHashMap::default();
    for (_, keys) in &rkeys {
        for &k in keys.keys() {
            *rcount.entry(k).or_default() += 1;
        }
    }
    let mut echo_best: FxHashMap<(usize, usize), f64> = FxHashMap::default();
    for (p, s) in echo_links {
        let e = echo_best.entry((p.left, p.right)).or_insert(0.0);
        *e = e.max(*s);
    }
    let mut echo_by_right: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for &(l, r) in echo_best.keys() {
        echo_by_right.entry(r).or_default().push(l);
    }
    for v in echo_by_right.values_mut() {
        v.sort_unstable();
    }
    let lpos: FxHashMap<usize, usize> = lkeys
        .iter()
        .enumerate()
        .map(|(p, (s, _))| (*s, p))
        .collect();
    let total = |m: &FxHashMap<u32, f64>| m.values().sum::<f64>();
    let mut links = Vec::new();
    for (rs, rk) in &rkeys {
        let mut shared: FxHashMap<usize, f64> = FxHashMap::default();
        for (&k, &w) in rk {
            let Some(ls) = index.get(&k) else { continue };
            if ls.len() > opts.max_sentences_per_key
                || rcount.get(&k).copied().unwrap_or(0) > opts.max_sentences_per_key
            {
                continue;
            }
            for &lp in ls {
                let lw = lkeys[lp].1.get(&k).copied().unwrap_or(0.0);
                *shared.entry(lp).or_insert(0.0) += lw.min(w);
            }
        }
        for ls in echo_by_right.get(rs).into_iter().flatten() {
            if let Some(&lp) = lpos.get(ls) {
                shared.entry(lp).or_insert(0.0);
            }
        }
        let rt = total(rk);
        for (lp, sh) in shared {
            let (ls, lk) = &lkeys[lp];
            let denom = total(lk) + rt;
            let dice = if denom > 0.0 { 2.0 * sh / denom } else { 0.0 };
            let echo = echo_best.get(&(*ls, *rs)).copied().unwrap_or(0.0);
            let score = 0.6 * dice + 0.4 * echo;
            if score >= opts.min_score {
                links.push(Link {
                    statements: Pair::new(*ls, *rs),
                    score,
                    shared: dice,
                    echo,
                });
            }
        }
    }
    keep_best(links, opts.relative)
}

/// Keep links within `relative` of the best link of their left or right sentence.
fn keep_best(mut links: Vec<Link>, relative: f64) -> Vec<Link> {
    let mut best_l: FxHashMap<usize, f64> = FxHashMap::default();
    let mut best_r: FxHashMap<usize, f64> = FxHashMap::default();
    for l in &links {
        let e = best_l.entry(l.statements.left).or_insert(0.0);
        *e = e.max(l.score);
        let e = best_r.entry(l.statements.right).or_insert(0.0);
        *e = e.max(l.score);
    }
    links.retain(|l| {
        l.score >= relative * best_l[&l.statements.left]
            || l.score >= relative * best_r[&l.statements.right]
    });
    // ties: by position, left then right
    links.sort_by_key(|l| (l.statements.left, l.statements.right));
    links
}

//! The rhetoric of each side: the words and phrases distinctive of one side against the other,
//! and the phrases each side repeats to itself.
//!
//! Method (see `docs/rhetoric.md`):
//! - **Distinctive terms**: words (by key, so "calculation" and "calculations" count together)
//!   and two-to-three-word phrases, ranked by the log-odds ratio with an informative Dirichlet
//!   prior (Monroe, Colaresi and Quinn, "Fightin' Words", Political Analysis 16(4), 2008),
//!   eq. 16 and its variance, eq. 18. The prior of a word is `prior_total` × its background
//!   probability (`10^zipf / 10^9`, summed over the forms seen for the key), never less than
//!   `prior_floor`; phrases, which the background table does not list, get `prior_floor`.
//! - **Repeated phrases**: runs of two to four words, with content words at both ends, said at
//!   least twice by one side, counted by key.
//!
//! A term is a run of words separated only by whitespace (it never spans punctuation, so never
//! two sentences). Each term is shown by a representative occurrence: its commonest spelling on
//! the side it belongs to, first occurrence on ties.
//!
//! Cost: linear in the number of words (at most seven n-gram windows a word), memory one entry
//! per distinct n-gram and spelling (not per occurrence: a repeated phrase costs no more
//! than one said once). Ties are broken by first occurrence, so output is deterministic.

use crate::document::Document;
use crate::lexicon;
use crate::normalize::normalize;
use crate::text::{Pair, Side, Span};
use crate::tokenize::{KeyId, WordClass};
use std::collections::BTreeMap;

/// Settings of the rhetoric comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct RhetoricOptions {
    /// α0, the total pseudo-count of the background prior. Default: 1000 (a prior about as
    /// strong as a short statement, so it shrinks the commonest words towards their background
    /// rate without swamping the texts).
    pub prior_total: f64,
    /// The smallest pseudo-count of any term, and the prior of phrases. Default: 0.5.
    pub prior_floor: f64,
    /// A distinctive term must occur at least this often on its side. Default: 2.
    pub min_count: usize,
    /// Distinctive terms listed per side. Default: 12.
    pub max_terms: usize,
    /// Repeated phrases listed per side. Default: 10.
    pub max_repeated: usize,
}

impl Default for RhetoricOptions {
    fn default() -> Self {
        RhetoricOptions {
            prior_total: 1000.0,
            prior_floor: 0.5,
            min_count: 2,
            max_terms: 12,
            max_repeated: 10,
        }
    }
}

/// A word or phrase distinctive of one side.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// A representative occurrence on the side it is distinctive of.
    pub span: Span,
    /// Number of words (1 to 3).
    pub words: usize,
    /// Occurrences on each side.
    pub counts: Pair<usize>,
    /// The prior pseudo-count α_w.
    pub prior: f64,
    /// Log-odds ratio of this side against the other (positive).
    pub log_odds: f64,
    /// The log-odds ratio divided by its standard deviation.
    pub z: f64,
}

/// A phrase one side repeats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repeat {
    /// A representative occurrence.
    pub span: Span,
    /// Number of words (2 to 4).
    pub words: usize,
    /// Occurrences on this side (at least 2).
    pub count: usize,
    /// Occurrences on the other side.
    pub other: usize,
}

/// How each side talks.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rhetoric {
    /// Terms distinctive of each side, by z-score descending.
    pub distinctive: Pair<Vec<Term>>,
    /// Phrases each side repeats, by count descending.
    pub repeated: Pair<Vec<Repeat>>,
    /// α0 used.
    pub prior_total: f64,
    /// Floor pseudo-count used.
    pub prior_floor: f64,
}

/// The log-odds ratio of a term, left against right, and its z-score (Monroe et al. 2008,
/// eqs. 16 and 18): `δ = ln((y_l+α)/(n_l+α0−y_l−α)) − ln((y_r+α)/(n_r+α0−y_r−α))`,
/// `σ² ≈ 1/(y_l+α) + 1/(y_r+α)`, `z = δ/σ`.
///
/// `counts` are the term's occurrences, `totals` the words on each side, `prior` its α and
/// `prior_total` α0. Returns `(δ, z)`; both are positive when the term leans left.
///
/// ```
/// use echodiff::{Pair, rhetoric::log_odds};
/// let (delta, z) = log_odds(Pair::new(3, 0), Pair::new(10, 20), 0.5, 100.0);
/// assert!((delta - 2.0611).abs() < 1e-4 && (z - 1.3633).abs() < 1e-4);
/// ```
pub fn log_odds(
    counts: Pair<usize>,
    totals: Pair<usize>,
    prior: f64,
    prior_total: f64,
) -> (f64, f64) {
    let prior = prior.max(f64::MIN_POSITIVE);
    let side = |y: usize, n: usize| {
        let (y, n) = (y as f64, n as f64);
        // the rest of the side's words plus the rest of the prior; positive because y <= n
        // and prior <= prior_total in any sensible setting, clamped in case it is not
        let rest = (n + prior_total - y - prior).max(f64::MIN_POSITIVE);
        ((y + prior) / rest).ln()
    };
    let delta = side(counts.left, totals.left) - side(counts.right, totals.right);
    let var = 1.0 / (counts.left as f64 + prior) + 1.0 / (counts.right as f64 + prior);
    (delta, delta / var.sqrt())
}

/// An n-gram by keys: up to four keys, unused slots `u32::MAX`.
type Gram = [KeyId; 4];

#[derive(Default)]
struct Entry {
    counts: Pair<usize>,
    /// The spellings of the occurrences on each side.
    spellings: Pair<Spellings>,
}

/// How a gram is spelled on one side: each distinct spelling (whitespace runs counted as one
/// space) with its count and first occurrence, so the commonest is known without keeping a
/// span for every occurrence (16 bytes each, four grams a word: most of the memory of a long,
/// repetitive text). Few spellings are compared in place; past [`FEW_SPELLINGS`] (a gram
/// written in many cases, say) they go into a map, so time stays O(log n) an occurrence.
enum Spellings {
    /// First span and count of each spelling, in order of first occurrence.
    Few(Vec<(Span, usize)>),
    /// Count and first span by spelling.
    Many(BTreeMap<String, (usize, Span)>),
}

const FEW_SPELLINGS: usize = 8;

impl Default for Spellings {
    fn default() -> Self {
        Spellings::Few(Vec::new())
    }
}

/// The words of `span`, for comparing spellings.
fn shown(text: &str, span: Span) -> std::str::SplitWhitespace<'_> {
    text.get(span.range()).unwrap_or("").split_whitespace()
}

impl Spellings {
    /// Count an occurrence at `span` of `text` (occurrences come in text order).
    fn add(&mut self, text: &str, span: Span) {
        let spelled = |s: Span| shown(text, s).collect::<Vec<_>>().join(" ");
        match self {
            Spellings::Few(few) => {
                let same = |first: Span| {
                    // the same bytes (the usual case) need no splitting
                    text.get(first.range()) == text.get(span.range())
                        || shown(text, first).eq(shown(text, span))
                };
                if let Some(e) = few.iter_mut().find(|(first, _)| same(*first)) {
                    e.1 += 1;
                } else if few.len() < FEW_SPELLINGS {
                    few.push((span, 1));
                } else {
                    let mut many: BTreeMap<String, (usize, Span)> = few
                        .drain(..)
                        .map(|(first, count)| (spelled(first), (count, first)))
                        .collect();
                    many.insert(spelled(span), (1, span));
                    *self = Spellings::Many(many);
                }
            }
            Spellings::Many(many) => {
                let e = many.entry(spelled(span)).or_insert((0, span));
                e.0 += 1;
                e.1 = e.1.min(span);
            }
        }
    }

    /// The first occurrence of the commonest spelling, the earliest on ties.
    fn representative(&self) -> Span {
        let best = match self {
            Spellings::Few(few) => few
                .iter()
                .map(|&(span, count)| (count, span))
                .max_by(by_count),
            Spellings::Many(many) => many.values().copied().max_by(by_count),
        };
        best.map_or(Span::new(0, 0), |(_, span)| span)
    }
}

/// More occurrences first, then the earlier first occurrence.
fn by_count(a: &(usize, Span), b: &(usize, Span)) -> std::cmp::Ordering {
    a.0.cmp(&b.0).then(b.1.cmp(&a.1))
}

/// Compare how the two sides talk. `docs` must share one vocabulary (as in
/// [`crate::report::compare`]), so keys compare across sides.
pub fn rhetoric(docs: Pair<&Document>, opts: &RhetoricOptions) -> Rhetoric {
    let grams = count_grams(docs, 1, 4);
    Rhetoric {
        distinctive: distinctive_terms(docs, &grams, opts),
        repeated: repeated_phrases(&grams, opts),
        prior_total: opts.prior_total,
        prior_floor: opts.prior_floor,
    }
}

/// Terms of one to three words, each on the side it leans to, by z descending.
fn distinctive_terms(
    docs: Pair<&Document>,
    grams: &BTreeMap<Gram, Entry>,
    opts: &RhetoricOptions,
) -> Pair<Vec<Term>> {
    let totals = Pair::new(docs.left.tokens.len(), docs.right.tokens.len());
    let priors = unigram_priors(docs, opts);
    let mut out: Pair<Vec<Term>> = Pair::default();
    for (gram, entry) in grams {
        let n = words_of(gram);
        if n > 3 {
            continue;
        }
        let background = if n == 1 {
            priors.get(&gram[0]).copied()
        } else {
            None
        };
        let prior = background.unwrap_or(0.0).max(opts.prior_floor);
        let (delta, z) = log_odds(entry.counts, totals, prior, opts.prior_total);
        let side = if delta >= 0.0 {
            Side::Left
        } else {
            Side::Right
        };
        if z != 0.0 && entry.counts[side] >= opts.min_count {
            out[side].push(Term {
                span: entry.spellings[side].representative(),
                words: n,
                counts: entry.counts,
                prior,
                log_odds: delta.abs(),
                z: z.abs(),
            });
        }
    }
    out.map(|mut terms| {
        // ties: higher z (in thousandths) first, then earlier in the text
        terms.sort_by(|a, b| {
            crate::report::score_key(b.z)
                .cmp(&crate::report::score_key(a.z))
                .then(a.span.cmp(&b.span))
        });
        terms.truncate(opts.max_terms);
        terms
    })
}

/// Phrases of two to four words a side says at least twice, ranked by [`rank_repeats`].
fn repeated_phrases(grams: &BTreeMap<Gram, Entry>, opts: &RhetoricOptions) -> Pair<Vec<Repeat>> {
    let mut found: Pair<Vec<(Gram, Repeat)>> = Pair::default();
    for (gram, entry) in grams {
        let n = words_of(gram);
        for side in Side::BOTH {
            if n >= 2 && entry.counts[side] >= 2 {
                found[side].push((
                    *gram,
                    Repeat {
                        span: entry.spellings[side].representative(),
                        words: n,
                        count: entry.counts[side],
                        other: entry.counts[side.other()],
                    },
                ));
            }
        }
    }
    found.map(|r| rank_repeats(r, opts.max_repeated))
}

fn words_of(gram: &Gram) -> usize {
    gram.iter().filter(|&&k| k != KeyId::MAX).count()
}

/// Count every n-gram of `min..=max` words that may be a term, on both sides.
fn count_grams(docs: Pair<&Document>, min: usize, max: usize) -> BTreeMap<Gram, Entry> {
    let mut grams: BTreeMap<Gram, Entry> = BTreeMap::new();
    for side in Side::BOTH {
        let doc = docs[side];
        let toks = &doc.tokens;
        for start in 0..toks.len() {
            for n in min..=max {
                let end = start + n;
                if end > toks.len() || !joined(doc, start, end) {
                    break;
                }
                let (first, last) = (&toks[start], &toks[end - 1]);
                let eligible = first.class == WordClass::Content
                    && last.class == WordClass::Content
                    && (n > 1 || !first.name);
                if !eligible {
                    continue;
                }
                let mut gram = [KeyId::MAX; 4];
                for (slot, t) in gram.iter_mut().zip(&toks[start..end]) {
                    *slot = t.key;
                }
                let entry = grams.entry(gram).or_default();
                entry.counts[side] += 1;
                entry.spellings[side].add(&doc.text.original, first.span.cover(&last.span));
            }
        }
    }
    grams
}

/// Are tokens `start..end` separated by whitespace only (no punctuation between them)?
fn joined(doc: &Document, start: usize, end: usize) -> bool {
    let text = &doc.text.original;
    doc.tokens[start..end].windows(2).all(|w| {
        text.get(w[0].span.end..w[1].span.start)
            .is_some_and(|gap| gap.chars().all(char::is_whitespace))
    })
}

/// α_w / α0 for each word key: the background probability of the forms seen for it.
fn unigram_priors(docs: Pair<&Document>, opts: &RhetoricOptions) -> BTreeMap<KeyId, f64> {
    let mut forms: BTreeMap<KeyId, std::collections::BTreeSet<String>> = BTreeMap::new();
    for side in Side::BOTH {
        let doc = docs[side];
        for t in &doc.tokens {
            if t.class == WordClass::Content {
                forms
                    .entry(t.key)
                    .or_default()
                    .insert(normalize(doc.text.slice(t.span)));
            }
        }
    }
    forms
        .into_iter()
        .map(|(key, forms)| {
            let p: f64 = forms
                .iter()
                .filter(|f| lexicon::is_known(f))
                .map(|f| 10f64.powf(f64::from(lexicon::zipf(f))) / 1e9)
                .sum();
            (key, p * opts.prior_total)
        })
        .collect()
}

/// Rank repeated phrases (count, then length, descending; then first occurrence) and drop a
/// phrase inside a longer kept one said as often: it adds nothing.
fn rank_repeats(mut found: Vec<(Gram, Repeat)>, max: usize) -> Vec<Repeat> {
    found.sort_by(|a, b| {
        b.1.count
            .cmp(&a.1.count)
            .then(b.1.words.cmp(&a.1.words))
            .then(a.1.span.cmp(&b.1.span))
    });
    let mut kept: Vec<(Gram, Repeat)> = Vec::new();
    for (gram, rep) in found {
        let inner = &gram[..rep.words];
        let covered = kept.iter().any(|(g, r)| {
            r.count == rep.count && g[..r.words].windows(inner.len()).any(|w| w == inner)
        });
        if !covered {
            kept.push((gram, rep));
        }
        if kept.len() == max {
            break;
        }
    }
    kept.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Options, compare};
    use crate::text::Text;

    /// Expected values computed by hand (and checked in Python):
    /// δ = ln(3.5/(10+100−3−0.5)) − ln(0.5/(20+100−0−0.5)) = ln(3.5/106.5) − ln(0.5/119.5)
    ///   = −3.415409 − (−5.476464) = 2.061055; σ² = 1/3.5 + 1/0.5 = 2.285714; z = 1.363277.
    /// Second row: δ = ln(4/134) − ln(7/151) = −0.441833; σ² = 1/4 + 1/7; z = −0.704921.
    #[test]
    fn log_odds_matches_hand_computation() {
        let cases = [
            ((3, 0), (10, 20), 0.5, 100.0, 2.061082, 1.363277),
            ((2, 5), (40, 60), 2.0, 100.0, -0.441833, -0.704921),
            ((4, 4), (50, 50), 1.0, 1000.0, 0.0, 0.0),
        ];
        for ((yl, yr), (nl, nr), a, a0, delta, z) in cases {
            let (d, zz) = log_odds(Pair::new(yl, yr), Pair::new(nl, nr), a, a0);
            assert!((d - delta).abs() < 1e-5, "δ for {yl},{yr}: {d} vs {delta}");
            assert!((zz - z).abs() < 1e-5, "z for {yl},{yr}: {zz} vs {z}");
        }
    }

    #[test]
    fn log_odds_is_antisymmetric() {
        let (d1, z1) = log_odds(Pair::new(7, 1), Pair::new(90, 120), 0.7, 1000.0);
        let (d2, z2) = log_odds(Pair::new(1, 7), Pair::new(120, 90), 0.7, 1000.0);
        assert!((d1 + d2).abs() < 1e-12 && (z1 + z2).abs() < 1e-12);
    }

    fn report(left: &str, right: &str) -> crate::report::Report {
        compare(
            Text::new("l", left),
            Text::new("r", right),
            &Options::default(),
        )
    }

    #[test]
    fn finds_distinctive_and_repeated_phrases() {
        let r = report(
            "We want a new calculation method. A new calculation method is needed. Peace now.",
            "Talks went well. Talks will go on. We remain hopeful about talks.",
        );
        let rh = &r.rhetoric;
        let left: Vec<&str> = rh
            .distinctive
            .left
            .iter()
            .map(|t| r.slice(Side::Left, t.span))
            .collect();
        assert!(left.contains(&"new calculation method"), "{left:?}");
        let right: Vec<&str> = rh
            .distinctive
            .right
            .iter()
            .map(|t| r.slice(Side::Right, t.span))
            .collect();
        assert_eq!(right.first(), Some(&"Talks"), "{right:?}");
        let rep: Vec<&str> = rh
            .repeated
            .left
            .iter()
            .map(|t| r.slice(Side::Left, t.span))
            .collect();
        // the shorter "new calculation" is said as often as the longer phrase: dropped
        assert_eq!(rep, ["new calculation method"]);
        assert_eq!(rh.repeated.left[0].count, 2);
        assert!(rh.repeated.right.is_empty());
    }

    #[test]
    fn phrases_do_not_span_punctuation() {
        let r = report("Alpha, beta. Alpha, beta.", "Gamma delta.");
        assert!(r.rhetoric.repeated.left.is_empty());
    }

    #[test]
    fn empty_texts_have_no_rhetoric() {
        let r = report("", "");
        assert!(r.rhetoric.distinctive.left.is_empty() && r.rhetoric.repeated.right.is_empty());
    }
}

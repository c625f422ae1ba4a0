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
//! Cost: linear in the number of words (two passes of at most four n-gram windows a word; the
//! first counts, split between threads by gram), memory one count per distinct n-gram (not per
//! occurrence: a repeated phrase costs no more than one said once); spellings are tracked, in
//! the second pass, only for the few grams that may be listed. Ties are broken by first
//! occurrence, so output is deterministic.

use crate::document::Document;
use crate::lexicon;
use crate::normalize::normalize;
use crate::text::{Pair, Side, Span};
use crate::tokenize::{KeyId, WordClass};
use rustc_hash::FxHashMap;
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

/// How a gram is spelled on one side: its occurrences so far, and how they are spelled.
#[derive(Default)]
struct Spelled {
    count: u32,
    /// The first token of the first occurrence.
    first: u32,
    /// How the occurrences are spelled, once one is spelled unlike the first (most grams are
    /// spelled one way: they need no more than `first`, and no allocation).
    spellings: Option<Box<Spellings>>,
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

/// The words of `span`, for comparing spellings.
fn shown(text: &str, span: Span) -> std::str::SplitWhitespace<'_> {
    text.get(span.range()).unwrap_or("").split_whitespace()
}

/// Are the occurrences at `a` and `b` of `text` spelled the same?
fn same_spelling(text: &str, a: Span, b: Span) -> bool {
    // the same bytes (the usual case) need no splitting
    text.get(a.range()) == text.get(b.range()) || shown(text, a).eq(shown(text, b))
}

impl Spellings {
    /// Count an occurrence at `span` of `text` (occurrences come in text order).
    fn add(&mut self, text: &str, span: Span) {
        let spelled = |s: Span| shown(text, s).collect::<Vec<_>>().join(" ");
        match self {
            Spellings::Few(few) => {
                if let Some(e) = few
                    .iter_mut()
                    .find(|(first, _)| same_spelling(text, *first, span))
                {
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
///
/// Two passes over the words: the first counts every gram, which is all the ranking needs
/// but for ties; the second spells out only the grams that may be listed (their
/// representative occurrence is shown, and breaks ties), so no spelling is kept for the
/// million grams a long text has.
pub fn rhetoric(docs: Pair<&Document>, opts: &RhetoricOptions) -> Rhetoric {
    let joins = docs.map(joins);
    let counts = GramCounts::new(docs, &joins);
    let mut terms = distinctive_terms(docs, &counts, opts);
    let mut repeats = repeat_candidates(&counts, opts.max_repeated);
    let wanted = |side: Side| -> Vec<Gram> {
        let terms = terms[side].iter().map(|t| t.0);
        terms.chain(repeats[side].iter().map(|r| r.0)).collect()
    };
    let wanted = Pair::new(wanted(Side::Left), wanted(Side::Right));
    let (left, right) = rayon::join(
        || spell(docs.left, &joins.left, &wanted.left),
        || spell(docs.right, &joins.right, &wanted.right),
    );
    let spelled = Pair::new(left, right);
    for side in Side::BOTH {
        let doc = docs[side];
        let span = |gram: &Gram| {
            spelled[side]
                .get(gram)
                .map_or(Span::new(0, 0), |s| s.representative(doc, words_of(gram)))
        };
        for (gram, term) in terms[side].iter_mut() {
            term.span = span(gram);
        }
        for (gram, repeat) in repeats[side].iter_mut() {
            repeat.span = span(gram);
        }
    }
    Rhetoric {
        distinctive: terms.map(|t| rank_terms(t, opts.max_terms)),
        repeated: repeats.map(|r| rank_repeats(r, opts.max_repeated)),
        prior_total: opts.prior_total,
        prior_floor: opts.prior_floor,
    }
}

/// Terms of one to three words, each on the side it leans to, with no span yet: those whose
/// z (in thousandths) reaches that of the `max_terms`-th best of its side, which holds every
/// term that can be listed whatever the spans that break ties.
fn distinctive_terms(
    docs: Pair<&Document>,
    counts: &GramCounts,
    opts: &RhetoricOptions,
) -> Pair<Vec<(Gram, Term)>> {
    let totals = Pair::new(docs.left.tokens.len(), docs.right.tokens.len());
    let priors = unigram_priors(docs, opts);
    let mut out: Pair<Vec<(Gram, Term)>> = Pair::default();
    for (gram, c) in counts.iter() {
        let n = words_of(&gram);
        if n > 3 {
            continue;
        }
        let counts = Pair::new(c[0] as usize, c[1] as usize);
        let background = if n == 1 {
            priors.get(&gram[0]).copied()
        } else {
            None
        };
        let prior = background.unwrap_or(0.0).max(opts.prior_floor);
        let (delta, z) = log_odds(counts, totals, prior, opts.prior_total);
        let side = if delta >= 0.0 {
            Side::Left
        } else {
            Side::Right
        };
        if z != 0.0 && counts[side] >= opts.min_count {
            out[side].push((
                gram,
                Term {
                    span: Span::new(0, 0),
                    words: n,
                    counts,
                    prior,
                    log_odds: delta.abs(),
                    z: z.abs(),
                },
            ));
        }
    }
    out.map(|mut terms| {
        if terms.len() > opts.max_terms {
            let mut keys: Vec<i64> = terms
                .iter()
                .map(|t| crate::report::score_key(t.1.z))
                .collect();
            let cut = match opts.max_terms.checked_sub(1) {
                Some(k) => *keys.select_nth_unstable_by(k, |a, b| b.cmp(a)).1,
                None => i64::MAX,
            };
            terms.retain(|t| crate::report::score_key(t.1.z) >= cut);
        }
        terms
    })
}

/// The distinctive terms listed: by z (in thousandths) descending, then earlier in the text.
fn rank_terms(terms: Vec<(Gram, Term)>, max: usize) -> Vec<Term> {
    let mut terms: Vec<Term> = terms.into_iter().map(|t| t.1).collect();
    terms.sort_by(|a, b| {
        crate::report::score_key(b.z)
            .cmp(&crate::report::score_key(a.z))
            .then(a.span.cmp(&b.span))
    });
    terms.truncate(max);
    terms
}

/// Phrases of two to four words a side says at least twice that [`rank_repeats`] may list,
/// with no span yet.
///
/// Ranked by count, then length, descending, a phrase is left out when a longer one kept
/// before it, said as often, holds it; phrases of one count and length cannot hold one
/// another, so which of them are left out does not depend on their order (the spans, unknown
/// here). Groups of one count and length are taken until `max` phrases are kept (0: all).
fn repeat_candidates(counts: &GramCounts, max: usize) -> Pair<Vec<(Gram, Repeat)>> {
    let mut found: Pair<Vec<(Gram, Repeat)>> = Pair::default();
    for (gram, c) in counts.phrases.iter().flatten() {
        let n = words_of(gram);
        for side in Side::BOTH {
            let (count, other) = match side {
                Side::Left => (c[0] as usize, c[1] as usize),
                Side::Right => (c[1] as usize, c[0] as usize),
            };
            if n >= 2 && count >= 2 {
                found[side].push((
                    *gram,
                    Repeat {
                        span: Span::new(0, 0),
                        words: n,
                        count,
                        other,
                    },
                ));
            }
        }
    }
    found.map(|mut found| {
        let group = |r: &Repeat| (std::cmp::Reverse(r.count), std::cmp::Reverse(r.words));
        found.sort_unstable_by_key(|(g, r)| (group(r), *g));
        let mut kept: Vec<(Gram, Repeat)> = Vec::new();
        let mut rest = found.as_slice();
        while let Some((_, head)) = rest.first() {
            let len = rest
                .iter()
                .take_while(|(_, r)| group(r) == group(head))
                .count();
            let (this, tail) = rest.split_at(len);
            let fresh: Vec<(Gram, Repeat)> = this
                .iter()
                .filter(|(g, r)| !covered(&kept, g, r))
                .cloned()
                .collect();
            let full = max > 0 && kept.len() + fresh.len() >= max;
            kept.extend(fresh);
            if full {
                break;
            }
            rest = tail;
        }
        kept
    })
}

/// Is `gram` inside a longer kept phrase said as often?
fn covered(kept: &[(Gram, Repeat)], gram: &Gram, rep: &Repeat) -> bool {
    let inner = gram.get(..rep.words).unwrap_or(&[]);
    kept.iter().any(|(g, r)| {
        r.count == rep.count
            && g.get(..r.words)
                .unwrap_or(&[])
                .windows(inner.len().max(1))
                .any(|w| w == inner)
    })
}

/// Rank repeated phrases (count, then length, descending; then first occurrence) and keep
/// `max` of them (0: all); [`repeat_candidates`] has left out those inside a longer phrase
/// said as often.
fn rank_repeats(found: Vec<(Gram, Repeat)>, max: usize) -> Vec<Repeat> {
    let mut found: Vec<Repeat> = found.into_iter().map(|r| r.1).collect();
    found.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(b.words.cmp(&a.words))
            .then(a.span.cmp(&b.span))
    });
    if max > 0 {
        found.truncate(max);
    }
    found
}

fn words_of(gram: &Gram) -> usize {
    gram.iter().filter(|&&k| k != KeyId::MAX).count()
}

/// Occurrences of every gram on both sides (left, right): one-word grams by key in a flat
/// array, longer ones in hash maps holding disjoint grams.
struct GramCounts {
    words: Vec<[u32; 2]>,
    phrases: Vec<FxHashMap<Gram, [u32; 2]>>,
}

impl GramCounts {
    /// Count the grams of both sides. The phrases are split between workers by their first
    /// key (rayon); each worker reads both texts and counts its own, so the result does
    /// not depend on the number of threads (readers sort what they take from the maps).
    fn new(docs: Pair<&Document>, joins: &Pair<Vec<bool>>) -> Self {
        use rayon::prelude::*;
        let keys = Side::BOTH
            .iter()
            .flat_map(|&side| docs[side].tokens.iter().map(|t| t.key as usize + 1))
            .max()
            .unwrap_or(0);
        let mut words = vec![[0u32; 2]; keys];
        for (s, side) in Side::BOTH.into_iter().enumerate() {
            for_each_gram(docs[side], &joins[side], 1, 1, |_, _, gram| {
                if let Some(c) = words.get_mut(gram[0] as usize).and_then(|c| c.get_mut(s)) {
                    *c += 1;
                }
            });
        }
        let shards = rayon::current_num_threads().clamp(1, 8);
        let phrases = (0..shards)
            .into_par_iter()
            .map(|shard| {
                let mut grams: FxHashMap<Gram, [u32; 2]> = FxHashMap::default();
                for (s, side) in Side::BOTH.into_iter().enumerate() {
                    for_each_gram(docs[side], &joins[side], 2, 4, |_, _, gram| {
                        // by first key: no hashing here, and the map's own hashes are not
                        // all alike in their low bits within a shard
                        let mine = shards == 1 || gram[0] as usize % shards == shard;
                        if mine && let Some(c) = grams.entry(gram).or_default().get_mut(s) {
                            *c += 1;
                        }
                    });
                }
                grams
            })
            .collect();
        GramCounts { words, phrases }
    }

    /// Every gram with its counts, in no particular order.
    fn iter(&self) -> impl Iterator<Item = (Gram, [u32; 2])> + '_ {
        let words = self
            .words
            .iter()
            .enumerate()
            .filter(|(_, c)| **c != [0, 0])
            .map(|(k, c)| ([k as KeyId, KeyId::MAX, KeyId::MAX, KeyId::MAX], *c));
        words.chain(self.phrases.iter().flatten().map(|(g, c)| (*g, *c)))
    }
}

/// Call `f(start, end, gram)` for every gram of `min..=max` words of `doc` that may be a term,
/// in text order: words separated by whitespace only, content words at both ends, and a
/// one-word gram not a name.
fn for_each_gram(
    doc: &Document,
    joined: &[bool],
    min: usize,
    max: usize,
    mut f: impl FnMut(usize, usize, Gram),
) {
    let toks = &doc.tokens;
    for start in 0..toks.len() {
        for n in 1..=max {
            let end = start + n;
            // tokens start..end must be separated by whitespace only
            if end > toks.len() || (n > 1 && !joined.get(end - 2).copied().unwrap_or(false)) {
                break;
            }
            if n < min {
                continue;
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
            f(start, end, gram);
        }
    }
}

/// How each of `grams` is spelled in `doc`.
fn spell(doc: &Document, joined: &[bool], grams: &[Gram]) -> FxHashMap<Gram, Spelled> {
    let mut out: FxHashMap<Gram, Spelled> =
        grams.iter().map(|g| (*g, Spelled::default())).collect();
    // most grams start with a word no wanted gram starts with: skip them without hashing
    let mut starts = vec![
        false;
        doc.tokens
            .iter()
            .map(|t| t.key as usize + 1)
            .max()
            .unwrap_or(0)
    ];
    for g in grams {
        if let Some(s) = starts.get_mut(g[0] as usize) {
            *s = true;
        }
    }
    for_each_gram(doc, joined, 1, 4, |start, end, gram| {
        if starts.get(gram[0] as usize).copied().unwrap_or(false)
            && let Some(s) = out.get_mut(&gram)
        {
            s.add(doc, start, end);
        }
    });
    out
}

impl Spelled {
    /// Count an occurrence: the gram whose words are tokens `start..end` of `doc`.
    fn add(&mut self, doc: &Document, start: usize, end: usize) {
        let span = gram_span(doc, start, end);
        let text = &doc.text.original;
        if self.count == 0 {
            self.first = start as u32;
        } else {
            match &mut self.spellings {
                Some(sp) => sp.add(text, span),
                None => {
                    let first = self.first as usize;
                    let first_span = gram_span(doc, first, first + (end - start));
                    if !same_spelling(text, first_span, span) {
                        // the first spelling was the only one so far: all occurrences had it
                        self.spellings = Some(Box::new(Spellings::Few(vec![
                            (first_span, self.count as usize),
                            (span, 1),
                        ])));
                    }
                }
            }
        }
        self.count += 1;
    }

    /// The first occurrence of the commonest spelling (an `n`-word gram), the earliest on
    /// ties.
    fn representative(&self, doc: &Document, n: usize) -> Span {
        match &self.spellings {
            Some(sp) => sp.representative(),
            None => {
                let first = self.first as usize;
                gram_span(doc, first, first + n)
            }
        }
    }
}

/// Bytes from the first word of tokens `start..end` to the last.
fn gram_span(doc: &Document, start: usize, end: usize) -> Span {
    match (doc.tokens.get(start), doc.tokens.get(end.wrapping_sub(1))) {
        (Some(a), Some(b)) => a.span.cover(&b.span),
        _ => Span::new(0, 0),
    }
}

/// For each token, whether only whitespace separates it from the next (no punctuation).
fn joins(doc: &Document) -> Vec<bool> {
    let text = &doc.text.original;
    doc.tokens
        .windows(2)
        .map(|w| {
            text.get(w[0].span.end..w[1].span.start)
                .is_some_and(|gap| gap.chars().all(char::is_whitespace))
        })
        .collect()
}

/// α_w / α0 for each word key: the background probability of the forms seen for it.
fn unigram_priors(docs: Pair<&Document>, opts: &RhetoricOptions) -> BTreeMap<KeyId, f64> {
    let mut forms: BTreeMap<KeyId, std::collections::BTreeSet<String>> = BTreeMap::new();
    // a word's normalized spelling is its form, unless a line-end hyphen was taken out of it:
    // a (key, form) pair met once needs no second normalizing
    let mut seen: rustc_hash::FxHashSet<(KeyId, crate::tokenize::FormId)> = Default::default();
    for side in Side::BOTH {
        let doc = docs[side];
        for t in &doc.tokens {
            if t.class == WordClass::Content {
                let raw = doc.text.slice(t.span);
                if raw.contains(['\n', '\r']) || seen.insert((t.key, t.form)) {
                    forms.entry(t.key).or_default().insert(normalize(raw));
                }
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

    /// The terms and phrases listed under a limit are the first of the full ranking: the
    /// candidates picked before spans are known (ties broken by first occurrence) are right.
    #[test]
    fn a_shorter_list_is_a_prefix_of_the_full_ranking() {
        let left = "Red apples fall. Green pears grow. Blue plums rot. Red apples fall. \
                    Green pears grow. Blue plums rot. Old red apples fall slowly. Tall trees sway. \
                    Tall trees sway. Cold rivers run. Cold rivers run. Wild geese fly. Wild geese fly.";
        let right = "Dark clouds gather. Dark clouds gather. Soft rain falls. Soft rain falls. \
                     Red apples fall. Quiet hills wait. Quiet hills wait.";
        let docs = {
            let mut vocab = crate::tokenize::Vocab::new();
            let mut d = Document::new_pair(
                Pair::new(Text::new("l", left), Text::new("r", right)),
                &mut vocab,
            );
            crate::document::prepare(&mut d);
            d
        };
        let all = rhetoric(
            docs.as_ref(),
            &RhetoricOptions {
                max_terms: 1000,
                max_repeated: 0,
                ..RhetoricOptions::default()
            },
        );
        for max in 1..8 {
            let some = rhetoric(
                docs.as_ref(),
                &RhetoricOptions {
                    max_terms: max,
                    max_repeated: max,
                    ..RhetoricOptions::default()
                },
            );
            for side in Side::BOTH {
                let n = max.min(all.distinctive[side].len());
                assert_eq!(some.distinctive[side], all.distinctive[side][..n], "{max}");
                let n = max.min(all.repeated[side].len());
                assert_eq!(some.repeated[side], all.repeated[side][..n], "{max}");
            }
        }
        assert!(all.repeated.left.len() >= 5, "{:?}", all.repeated.left);
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

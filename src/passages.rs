//! Passages: stretches of the right text that reuse a stretch of the left one as a unit,
//! reworded or not.
//!
//! Method (after Sanchez-Perez, Sidorov and Gelbukh 2014, the PAN 2014 text alignment winner,
//! with changes of ours marked *):
//! 1. **Units**: each sentence becomes a bag of the keys (stems) of its content words and
//!    numbers; a sentence with [`PassageOptions::min_unit_words`] such words or fewer joins
//!    the next one. *A unit also ends at a blank line, and a long "sentence" (a list or a
//!    table without full stops) is cut at a line break after 30 content words, and anywhere
//!    after 60.
//! 2. **Weights**: tf-isf, tf-idf where the "documents" are the units of both texts:
//!    `tf × ln(units / units holding the key)`.
//! 3. **Seeds**: a (left unit, right unit) pair whose tf-isf cosine and Dice coefficient over
//!    key sets both reach [`PassageOptions::seed_cosine`] and [`PassageOptions::seed_dice`].
//!    Candidates come from an inverted index over keys held by at most
//!    [`PassageOptions::max_key_units`] units, so the work stays near linear in the input;
//!    each is compared once, and every threshold below is applied to that similarity.
//!    *__Weak seeds__: a pair whose cosine and Dice both reach only
//!    [`PassageOptions::weak_seed`] is a seed too when it lies at most one unit away on each
//!    side from a seed (a strong one, or a weak one joined from it) and its similarity (the
//!    smaller of the two) is at least [`PassageOptions::weak_ratio`] times the strong seed's.
//!    Hysteresis, as in edge detection: a heavily reworded passage keeps the sentences whose
//!    rewording left few words in common (reordered, replaced or deleted words), while the
//!    loosely related text beside a close copy stays out.
//! 4. **Extension**: seeds are clustered alternately on each side: sorted by unit index and cut
//!    where more than `gap` units without a seed separate two seeds, until every cluster is
//!    contiguous (up to the gap) on both sides. *Where a right unit of a cluster seeds with
//!    several left units (text the left repeats), only those near the cluster's diagonal stay,
//!    and the cluster is formed again. A cluster covers the units from its first to its last
//!    seed on each side; it is kept when the cosine of the summed unit vectors of the two
//!    sides reaches [`PassageOptions::validate_cosine`], and otherwise clustered again with a
//!    gap one smaller.
//! 5. **Filtering**: where two passages overlap on the right, the one of higher similarity
//!    is kept (a stretch of text is reused from one place); passages shorter than
//!    [`PassageOptions::min_chars`] characters on the left or (*) than
//!    [`PassageOptions::min_right_chars`] on the right (reuse may condense: words deleted, a
//!    summary), or (*) whose two sides share fewer than [`PassageOptions::min_shared_keys`]
//!    distinct keys, are dropped.
//! 6. **Summaries**: when the passages found are, in total, much shorter on the right than on
//!    the left ([`PassageOptions::summary_ratio`]), when none were found, or (*) when two lie
//!    side by side on the right, the extension runs again with looser seeds
//!    ([`PassageOptions::summary_seed`], no weak ones), a larger gap on the left
//!    ([`PassageOptions::summary_gap`]; * the right keeps the small one) and no diagonal
//!    rule (a summary sentence condenses several); that result is used when it is condensed
//!    and (for side-by-side passages) merges some.
//! 7. *__Edges__: each side's span is trimmed to its first and last word whose key the other
//!    side's span holds; where only function words lie between that word and the edge of its
//!    sentence, the sentence edge is kept (its first word, its closing punctuation).
//!
//! Ties and order: passages are sorted by left start, then right start; every loop runs in
//! index order, so output is the same on every run.

use crate::document::Document;
use crate::isf::SegmentFrequency;
use crate::text::{Pair, Span};
use crate::tokenize::KeyId;
use crate::tokenize::Token;
use std::borrow::Cow;
use std::collections::HashSet;

/// Settings of passage detection.
#[derive(Debug, Clone, PartialEq)]
pub struct PassageOptions {
    /// A sentence with this many content words or fewer joins the next. Default: 3.
    pub min_unit_words: usize,
    /// Least tf-isf cosine of a seed unit pair. Default: 0.33.
    pub seed_cosine: f64,
    /// Least Dice coefficient (over key sets) of a seed unit pair. Default: 0.33.
    pub seed_dice: f64,
    /// Least cosine and Dice of a weak seed: a unit pair that joins a passage only next to a
    /// seed (see [`PassageOptions::weak_ratio`]). Default: 0.2.
    pub weak_seed: f64,
    /// A weak seed joins when its similarity (the smaller of cosine and Dice) is at least this
    /// share of the seed's it lies next to, so how reworded a passage is sets how weak its
    /// other sentences may be. Default: 0.4.
    pub weak_ratio: f64,
    /// Largest run of units without a seed inside one passage. Default: 4.
    pub gap: usize,
    /// The gap on the left when the right side summarizes the left. Default: 24.
    pub summary_gap: usize,
    /// Least cosine and Dice of a seed when looking for a summary. Default: 0.25.
    pub summary_seed: f64,
    /// Right-to-left length ratio (over all passages) under which the right is taken as a
    /// summary. Default: 0.5.
    pub summary_ratio: f64,
    /// Least cosine of the summed unit vectors of a passage's two sides. Default: 0.34.
    pub validate_cosine: f64,
    /// Shortest passage in characters on the left (the text reused). Default: 175.
    pub min_chars: usize,
    /// Shortest passage in characters on the right, which may condense the left (words
    /// deleted, a summary). Default: 100.
    pub min_right_chars: usize,
    /// Least number of distinct keys the two sides of a passage share: the evidence of reuse
    /// a short or loose passage must still show. Default: 10.
    pub min_shared_keys: usize,
    /// Keys held by more units than this (on the other side) do not seed candidates; they
    /// still count in the similarity of candidates found through rarer keys. Default: 128
    /// (256 until session 11: the same PAN 2013 results, and the 1M-word bench pair 12%
    /// faster; see docs/performance.md).
    pub max_key_units: usize,
}

impl Default for PassageOptions {
    fn default() -> Self {
        PassageOptions {
            min_unit_words: 3,
            seed_cosine: 0.33,
            seed_dice: 0.33,
            weak_seed: 0.2,
            weak_ratio: 0.4,
            gap: 4,
            summary_gap: 24,
            summary_seed: 0.25,
            summary_ratio: 0.5,
            validate_cosine: 0.34,
            min_chars: 175,
            min_right_chars: 100,
            min_shared_keys: 10,
            max_key_units: 128,
        }
    }
}

/// A reused passage.
#[derive(Debug, Clone, PartialEq)]
pub struct Passage {
    /// Bytes covered on each side.
    pub spans: Pair<Span>,
    /// Similarity of the two sides in [0, 1]: the cosine of their summed tf-isf vectors.
    pub score: f64,
    /// Indices of the echoes (into the report's ranked echoes) lying inside it on both
    /// sides, ascending. Empty from [`detect`]; [`crate::compare`] fills it.
    pub echoes: Vec<usize>,
}

/// Most left units compared with one right unit when looking for seeds.
const MAX_CANDIDATES: usize = 64;

/// A seed unit pair: (left unit, right unit, the cosine of the two units).
type Seed = (usize, usize, f64);

/// Seed unit pairs.
type Seeds = Vec<Seed>;

/// Content words after which a long sentence is cut at the next line break.
const SOFT_UNIT_WORDS: usize = 30;
/// Content words after which a long sentence is cut anywhere.
const HARD_UNIT_WORDS: usize = 60;

/// A sentence or a few short sentences: the unit of similarity.
#[derive(Debug, Clone)]
struct Unit {
    /// Bytes from the first word to the last.
    span: Span,
    /// Tokens `tokens[first..end]` of the document.
    tokens: (usize, usize),
    /// (key, tf-isf weight), by key.
    terms: Vec<(KeyId, f64)>,
    /// Euclidean norm of `terms`.
    norm: f64,
}

/// A unit before weighting: its span, its tokens, its terms (keys, or synonym groups), and
/// its number of content words.
type RawUnit = (Span, (usize, usize), Vec<KeyId>, usize);

/// Units of one document: its sentences' content keys, short sentences joined to the next.
fn units(doc: &Document, min_words: usize) -> Vec<RawUnit> {
    let mut out: Vec<RawUnit> = Vec::new();
    let mut cur: Option<RawUnit> = None;
    let toks = &doc.tokens;
    let mut i = 0;
    while i < toks.len() {
        let sentence = doc.sentence_of.get(i).copied();
        let start = i;
        let mut content = 0;
        // a unit ends at a blank line (a heading without a full stop ends there); a long
        // "sentence" (a list or table without full stops) is cut at a line break once it holds
        // `SOFT_UNIT_WORDS` content words, and anywhere at `HARD_UNIT_WORDS`
        while let Some(t) = toks.get(i) {
            if doc.sentence_of.get(i).copied() != sentence {
                break;
            }
            let between = toks
                .get(i.wrapping_sub(1))
                .and_then(|p| doc.text.original.get(p.span.end..t.span.start))
                .unwrap_or("");
            let breaks = between.matches('\n').count();
            if i > start
                && (content >= HARD_UNIT_WORDS
                    || breaks >= 2
                    || (content >= SOFT_UNIT_WORDS && breaks >= 1))
            {
                break;
            }
            content += usize::from(t.is_content());
            i += 1;
        }
        let (Some(first), Some(last)) = (toks.get(start), toks.get(i - 1)) else {
            break;
        };
        let keys: Vec<KeyId> = toks[start..i]
            .iter()
            .filter(|t| t.is_content())
            .map(|t| t.key)
            .collect();
        let words = keys.len();
        let span = Span::new(first.span.start, last.span.end);
        let u = match cur.take() {
            Some((s, (a, _), mut k, w)) => {
                k.extend(keys);
                (s.cover(&span), (a, i), k, w + words)
            }
            None => (span, (start, i), keys, words),
        };
        if u.3 <= min_words {
            cur = Some(u);
        } else {
            out.push(u);
        }
    }
    if let Some(u) = cur {
        // a short tail joins the unit before it
        match out.last_mut() {
            Some(prev) => {
                prev.0 = prev.0.cover(&u.0);
                prev.1.1 = u.1.1;
                prev.2.extend(u.2);
                prev.3 += u.3;
            }
            None => out.push(u),
        }
    }
    out
}

fn weigh(raw: Vec<RawUnit>, sf: &SegmentFrequency) -> Vec<Unit> {
    raw.into_iter()
        .map(|(span, tokens, mut keys, _)| {
            keys.sort_unstable();
            let mut terms: Vec<(KeyId, f64)> = Vec::new();
            for k in keys {
                match terms.last_mut() {
                    Some((last, tf)) if *last == k => *tf += 1.0,
                    _ => terms.push((k, 1.0)),
                }
            }
            for (k, w) in terms.iter_mut() {
                *w *= sf.isf(*k);
            }
            let norm = terms.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
            Unit {
                span,
                tokens,
                terms,
                norm,
            }
        })
        .collect()
}

/// Cosine and Dice of two units.
fn similarity(a: &Unit, b: &Unit) -> (f64, f64) {
    let (mut i, mut j, mut dot, mut shared) = (0, 0, 0.0, 0usize);
    while let (Some(x), Some(y)) = (a.terms.get(i), b.terms.get(j)) {
        match x.0.cmp(&y.0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += x.1 * y.1;
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    cos_dice(
        dot,
        shared,
        Pair::new(a.norm, b.norm),
        a.terms.len() + b.terms.len(),
    )
}

/// Cosine and Dice from a dot product, a number of shared keys, the two norms and the
/// number of keys of both units together.
fn cos_dice(dot: f64, shared: usize, norms: Pair<f64>, total: usize) -> (f64, f64) {
    let cos = if norms.left > 0.0 && norms.right > 0.0 {
        dot / (norms.left * norms.right)
    } else {
        0.0
    };
    let dice = if total > 0 {
        2.0 * shared as f64 / total as f64
    } else {
        0.0
    };
    (cos, dice)
}

/// A unit pair that may seed a passage, with its similarity.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    left: usize,
    right: usize,
    cos: f64,
    dice: f64,
}

impl Candidate {
    /// Whether cosine and Dice reach `min_cos` and `min_dice`.
    fn reaches(&self, min_cos: f64, min_dice: f64) -> bool {
        self.cos >= min_cos && self.dice >= min_dice
    }

    /// The smaller of cosine and Dice: how similar the pair is for the weak-seed ratio.
    fn level(&self) -> f64 {
        self.cos.min(self.dice)
    }
}

/// The left units in a compact form for the seed search, which compares each right unit with
/// up to 64 scattered left units and is bound by memory, not arithmetic: a unit's terms are
/// one run of (key, weight) pairs, found through a small head (no pointer to follow to a
/// unit's own allocation).
///
/// A pair is compared by looking up each key of the left unit in the right unit's
/// [`Lookup`]: the keys are visited in ascending order and the products of matching weights
/// added in that order, exactly the sums [`similarity`] makes when it merges the two term
/// lists, so the cosine and Dice are bit for bit those of [`similarity`].
struct CompactUnits<'a> {
    heads: Vec<Head>,
    terms: Vec<(KeyId, f64)>,
    exact: &'a [Unit],
}

/// Where a unit's terms are in [`CompactUnits::terms`], and its norm.
#[derive(Clone, Copy)]
struct Head {
    start: u32,
    len: u32,
    norm: f64,
}

impl<'a> CompactUnits<'a> {
    fn new(units: &'a [Unit]) -> Self {
        let mut heads = Vec::with_capacity(units.len());
        let mut terms = Vec::with_capacity(units.iter().map(|u| u.terms.len()).sum());
        for u in units {
            heads.push(Head {
                start: terms.len() as u32,
                len: u.terms.len() as u32,
                norm: u.norm,
            });
            terms.extend_from_slice(&u.terms);
        }
        CompactUnits {
            heads,
            terms,
            exact: units,
        }
    }

    /// The head of unit `j` (no terms if there is none).
    fn head(&self, j: u32) -> Head {
        self.heads.get(j as usize).copied().unwrap_or(Head {
            start: 0,
            len: 0,
            norm: 0.0,
        })
    }

    /// Read the first and last term of each of `heads`: a loop of independent loads, whose cache
    /// misses overlap (the comparisons that follow branch too much for the processor to run
    /// ahead to the next unit's terms).
    fn touch(&self, heads: &[Head]) {
        let mut sum = 0u32;
        for h in heads {
            // a unit's terms span two or three cache lines: its first and last term
            let last = h.start.saturating_add(h.len).saturating_sub(1);
            sum ^= self.terms.get(h.start as usize).map_or(0, |t| t.0);
            sum ^= self.terms.get(last as usize).map_or(0, |t| t.0);
        }
        std::hint::black_box(sum);
    }

    /// The terms of unit `j`.
    fn terms(&self, h: Head) -> &[(KeyId, f64)] {
        let start = h.start as usize;
        self.terms.get(start..start + h.len as usize).unwrap_or(&[])
    }

    /// The cosine and Dice of left unit `j` and right unit `r` (whose keys `lookup` holds),
    /// exactly as [`similarity`] computes them, when both reach `floor`; `None` otherwise.
    fn reaching(
        &self,
        (j, h): (usize, Head),
        r: &Unit,
        lookup: &Lookup,
        floor: f64,
    ) -> Option<(f64, f64)> {
        let (cos, dice) = if lookup.complete {
            let terms = self.terms(h);
            let (mut dot, mut shared) = (0.0f64, 0usize);
            for &(x, wx) in terms {
                if let Some(wy) = lookup.get(x) {
                    dot += wx * wy;
                    shared += 1;
                }
            }
            cos_dice(
                dot,
                shared,
                Pair::new(h.norm, r.norm),
                terms.len() + r.terms.len(),
            )
        } else {
            similarity_of(self.exact, j, r)
        };
        (cos >= floor && dice >= floor).then_some((cos, dice))
    }
}

/// [`similarity`] of unit `j` of `units` (none: 0, 0) and `r`.
fn similarity_of(units: &[Unit], j: usize, r: &Unit) -> (f64, f64) {
    units.get(j).map_or((0.0, 0.0), |l| similarity(l, r))
}

/// The keys of a right unit in a small open-addressing table. A left unit is compared with
/// it by looking up each of its keys: those loads do not wait on one another (in a merge,
/// each load waits for the last comparison), so the cache misses on 64 scattered left units
/// overlap.
#[derive(Default)]
struct Lookup {
    /// (key, weight); [`EMPTY`] marks a free slot. At most a quarter full.
    slots: Vec<(KeyId, f64)>,
    mask: usize,
    /// False when a key of the unit is [`EMPTY`] itself (never, in practice): its
    /// comparisons then merge the term lists ([`similarity`]).
    complete: bool,
}

/// A free slot of a [`Lookup`].
const EMPTY: KeyId = KeyId::MAX;

impl Lookup {
    /// Hold the keys of `r` (replacing the last unit's).
    fn fill(&mut self, r: &Unit) {
        let size = (r.terms.len() * 4).next_power_of_two().max(16);
        self.slots.clear();
        self.slots.resize(size, (EMPTY, 0.0));
        self.mask = size - 1;
        self.complete = true;
        for &(k, w) in &r.terms {
            if k == EMPTY {
                self.complete = false;
                continue;
            }
            let mut at = Self::slot(k) & self.mask;
            while let Some(s) = self.slots.get_mut(at) {
                if s.0 == EMPTY {
                    *s = (k, w);
                    break;
                }
                at = (at + 1) & self.mask;
            }
        }
    }

    fn slot(k: KeyId) -> usize {
        k.wrapping_mul(0x9E37_79B9).rotate_left(15) as usize
    }

    /// The weight of key `k` in the unit, if it has it.
    fn get(&self, k: KeyId) -> Option<f64> {
        let mut at = Self::slot(k) & self.mask;
        // the table always has free slots, so the search ends
        loop {
            let s = self.slots.get(at)?;
            if s.0 == k {
                return Some(s.1);
            }
            if s.0 == EMPTY {
                return None;
            }
            at = (at + 1) & self.mask;
        }
    }
}

/// Right units handed to one worker when looking for seeds (each worker has scratch space
/// the size of the left side, so chunks are large).
const SEED_CHUNK: usize = 2048;

/// Unit pairs whose cosine and Dice both reach `floor`, by right unit then left unit, with
/// their exact similarity; every seed threshold is then applied to them, so the pairs are
/// compared once.
///
/// Right units are independent: they are searched in parallel chunks (rayon), each chunk's
/// candidates in order, and the chunks concatenated in order, so the result does not depend
/// on the number of threads.
fn candidates(units: Pair<&[Unit]>, floor: f64, max_key_units: usize) -> Vec<Candidate> {
    use rayon::prelude::*;
    let index = KeyIndex::new(units.left, max_key_units);
    let left = CompactUnits::new(units.left);
    let chunks: Vec<Vec<Candidate>> = units
        .right
        .par_chunks(SEED_CHUNK)
        .enumerate()
        .map(|(c, chunk)| {
            let mut scratch = Scratch::new(units.left.len());
            let mut lookup = Lookup::default();
            let mut heads: Vec<Head> = Vec::new();
            let mut out: Vec<Candidate> = Vec::new();
            for (k, r) in chunk.iter().enumerate() {
                let i = c * SEED_CHUNK + k;
                let cands = scratch.candidates(&index, r);
                lookup.fill(r);
                // the heads first, then the terms, each in a loop of independent loads
                heads.clear();
                heads.extend(cands.iter().map(|&j| left.head(j)));
                left.touch(&heads);
                for (&j, &h) in cands.iter().zip(&heads) {
                    if let Some((cos, dice)) = left.reaching((j as usize, h), r, &lookup, floor) {
                        out.push(Candidate {
                            left: j as usize,
                            right: i,
                            cos,
                            dice,
                        });
                    }
                }
            }
            out
        })
        .collect();
    chunks.concat()
}

/// The left units holding each key, for keys held by at most `max_key_units` units (the
/// others do not seed candidates), in one flat array by key.
struct KeyIndex {
    /// Key `k`'s units are `units[starts[k]..starts[k + 1]]`, ascending.
    starts: Vec<u32>,
    units: Vec<u32>,
}

impl KeyIndex {
    fn new(left: &[Unit], max_key_units: usize) -> Self {
        let keys = left
            .iter()
            .flat_map(|u| u.terms.iter().map(|&(k, _)| k as usize + 1))
            .max()
            .unwrap_or(0);
        let mut counts = vec![0u32; keys + 1];
        for u in left {
            for &(k, _) in &u.terms {
                if let Some(c) = counts.get_mut(k as usize) {
                    *c += 1;
                }
            }
        }
        for c in counts.iter_mut() {
            if *c as usize > max_key_units {
                *c = 0;
            }
        }
        let mut starts = Vec::with_capacity(counts.len() + 1);
        let mut total = 0u32;
        starts.push(0);
        for &c in &counts {
            total += c;
            starts.push(total);
        }
        let mut fill: Vec<u32> = starts.clone();
        let mut units = vec![0u32; total as usize];
        for (j, u) in left.iter().enumerate() {
            for &(k, _) in &u.terms {
                let k = k as usize;
                if counts.get(k).is_some_and(|&c| c > 0)
                    && let Some(at) = fill.get_mut(k)
                {
                    if let Some(slot) = units.get_mut(*at as usize) {
                        *slot = j as u32;
                    }
                    *at += 1;
                }
            }
        }
        KeyIndex { starts, units }
    }

    /// The units holding `key` (none for an unindexed key).
    fn units(&self, key: KeyId) -> &[u32] {
        let k = key as usize;
        match (self.starts.get(k), self.starts.get(k + 1)) {
            (Some(&a), Some(&b)) => self.units.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// Scratch space of one seed worker: for each left unit, its number of indexed keys shared
/// with the right unit at hand (zero again once that unit is done).
struct Scratch {
    hits: Vec<u32>,
    cands: Vec<u32>,
    ranked: Vec<u64>,
}

impl Scratch {
    fn new(left: usize) -> Self {
        Scratch {
            hits: vec![0; left],
            cands: Vec::new(),
            ranked: Vec::new(),
        }
    }

    /// The left units to compare with right unit `r`: those sharing an indexed key with it,
    /// at most [`MAX_CANDIDATES`] of them, ascending.
    fn candidates(&mut self, index: &KeyIndex, r: &Unit) -> &[u32] {
        self.cands.clear();
        for &(k, _) in &r.terms {
            for &j in index.units(k) {
                if let Some(h) = self.hits.get_mut(j as usize) {
                    if *h == 0 {
                        self.cands.push(j);
                    }
                    *h += 1;
                }
            }
        }
        // text drawn from one vocabulary shares some word with everything: compare only the
        // units sharing the most indexed keys (a reused unit shares many); ties go to the
        // earlier unit, so the choice is a total order and the same however it is computed
        // (the counts are read once, into keys that order by count, descending, then unit)
        self.ranked.clear();
        for &j in &self.cands {
            if let Some(h) = self.hits.get_mut(j as usize) {
                self.ranked
                    .push((u64::from(u32::MAX - *h) << 32) | u64::from(j));
                *h = 0;
            }
        }
        if self.ranked.len() > MAX_CANDIDATES {
            self.ranked.select_nth_unstable(MAX_CANDIDATES - 1);
            self.ranked.truncate(MAX_CANDIDATES);
        }
        self.cands.clear();
        self.cands.extend(self.ranked.iter().map(|&k| k as u32));
        self.cands.sort_unstable();
        &self.cands
    }
}

/// Seed unit pairs: the candidates whose cosine and Dice reach `min_cos` and `min_dice`, in
/// order.
fn seeds(cands: &[Candidate], min_cos: f64, min_dice: f64) -> Seeds {
    cands
        .iter()
        .filter(|c| c.reaches(min_cos, min_dice))
        .map(|c| (c.left, c.right, c.cos))
        .collect()
}

/// Strong seeds (cosine and Dice reach [`PassageOptions::seed_cosine`] and
/// [`PassageOptions::seed_dice`]) and the weak seeds joined to them, in order. A weak seed
/// (both reach [`PassageOptions::weak_seed`]) joins when it lies at most one unit away on each
/// side from a strong seed, or from a weak seed already joined from it, and its level (the
/// smaller of its cosine and Dice) is at least [`PassageOptions::weak_ratio`] times the strong
/// seed's: a heavily reworded passage joins its weaker sentences, a verbatim one does not
/// take in loosely related text beside it.
fn strong_and_weak(cands: &[Candidate], opts: &PassageOptions) -> Seeds {
    let strong = |c: &Candidate| c.reaches(opts.seed_cosine, opts.seed_dice);
    let weak = WeakSeeds::new(
        cands
            .iter()
            .filter(|c| !strong(c) && c.reaches(opts.weak_seed, opts.weak_seed))
            .map(|c| (c.right, c.left, c.level(), c.cos))
            .collect(),
    );
    let mut roots: Vec<&Candidate> = cands.iter().filter(|c| strong(c)).collect();
    let mut out: Seeds = roots.iter().map(|c| (c.left, c.right, c.cos)).collect();
    if weak.seeds.is_empty() {
        return out;
    }
    // least similar strong seeds first: a weak seed joins when any strong seed reaches it,
    // and the bar only rises along this order, so whatever a later strong seed would reach
    // through a weak seed already joined was reached from it then; each is explored once
    roots.sort_by(|a, b| {
        a.level()
            .total_cmp(&b.level())
            .then((a.left, a.right).cmp(&(b.left, b.right)))
    });
    let mut joined = vec![false; weak.seeds.len()];
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for root in roots {
        let bar = opts.weak_ratio * root.level();
        stack.push((root.left, root.right));
        while let Some((l, r)) = stack.pop() {
            for nr in r.saturating_sub(1)..=r + 1 {
                for (at, &(_, nl, v, _)) in weak.near(nr, l) {
                    if v >= bar
                        && let Some(j) = joined.get_mut(at)
                        && !*j
                    {
                        *j = true;
                        stack.push((nl, nr));
                    }
                }
            }
        }
    }
    out.extend(
        weak.seeds
            .iter()
            .zip(&joined)
            .filter(|&(_, &j)| j)
            .map(|(&(r, l, _, cos), _)| (l, r, cos)),
    );
    // each pair once: the order of (left, right) is total
    out.sort_unstable_by_key(|s| (s.0, s.1));
    out
}

/// Weak seeds (right unit, left unit, level, cosine), sorted, with where each right unit's
/// run of them starts: the weak seeds next to a unit pair are found in three short runs,
/// without hashing.
struct WeakSeeds {
    seeds: Vec<(usize, usize, f64, f64)>,
    /// Right unit `r`'s weak seeds are `seeds[rows[r]..rows[r + 1]]`.
    rows: Vec<usize>,
}

impl WeakSeeds {
    fn new(mut seeds: Vec<(usize, usize, f64, f64)>) -> Self {
        // candidates come by right unit then left unit (no sort needed then); each pair once
        if !seeds.is_sorted_by(|a, b| (a.0, a.1) <= (b.0, b.1)) {
            seeds.sort_unstable_by_key(|a| (a.0, a.1));
        }
        let rights = seeds.last().map_or(0, |s| s.0 + 1);
        let mut rows = Vec::with_capacity(rights + 1);
        let mut at = 0;
        for r in 0..=rights {
            while seeds.get(at).is_some_and(|s| s.0 < r) {
                at += 1;
            }
            rows.push(at);
        }
        WeakSeeds { seeds, rows }
    }

    /// The weak seeds of right unit `r` at most one unit from left unit `l`, with their
    /// indices into `seeds`.
    fn near(&self, r: usize, l: usize) -> impl Iterator<Item = (usize, &(usize, usize, f64, f64))> {
        let (a, b) = match (self.rows.get(r), self.rows.get(r + 1)) {
            (Some(&a), Some(&b)) => (a, b),
            _ => (0, 0),
        };
        let row = self.seeds.get(a..b).unwrap_or(&[]);
        let first = row.partition_point(|s| s.1 + 1 < l);
        row.iter()
            .enumerate()
            .skip(first)
            .take_while(move |(_, s)| s.1 <= l + 1)
            .map(move |(k, s)| (a + k, s))
    }
}

/// Split seeds into groups along one side: sorted by that side's unit, cut where two
/// consecutive seeds are more than `gap + 1` units apart.
fn split(mut group: Seeds, right: bool, gap: usize) -> Vec<Seeds> {
    let at = |s: &Seed| if right { s.1 } else { s.0 };
    // each pair once: the key is a total order, so an unstable sort gives the stable order
    group.sort_unstable_by_key(|s| (at(s), if right { s.0 } else { s.1 }));
    let cuts: Vec<usize> = group
        .windows(2)
        .enumerate()
        .filter(|(_, w)| matches!(w, [a, b] if at(b) > at(a) + gap + 1))
        .map(|(k, _)| k + 1)
        .collect();
    if cuts.is_empty() {
        return if group.is_empty() {
            Vec::new()
        } else {
            vec![group]
        };
    }
    let ends = cuts.iter().copied().chain([group.len()]);
    std::iter::once(0)
        .chain(cuts.iter().copied())
        .zip(ends)
        .map(|(a, b)| group.get(a..b).unwrap_or(&[]).to_vec())
        .collect()
}

/// Clusters contiguous (up to `gap`) on both sides.
fn cluster(group: Seeds, gap: Pair<usize>) -> Vec<Seeds> {
    let mut done = Vec::new();
    // (group, side to split next, whether the other side was already stable)
    let mut todo = vec![(group, false, false)];
    while let Some((g, right, other_stable)) = todo.pop() {
        let parts = split(g, right, if right { gap.right } else { gap.left });
        let stable = parts.len() == 1;
        if stable && other_stable {
            done.extend(parts);
            continue;
        }
        for p in parts.into_iter().rev() {
            if p.len() == 1 {
                // one seed splits on neither side
                done.push(p);
            } else {
                todo.push((p, !right, stable));
            }
        }
    }
    // by first seed: the clusters share no seed, so the keys differ and the order is total
    let mut keyed: Vec<(Option<(usize, usize)>, Seeds)> = done
        .into_iter()
        .map(|g| (g.iter().map(|s| (s.0, s.1)).min(), g))
        .collect();
    keyed.sort_unstable_by_key(|k| k.0);
    keyed.into_iter().map(|(_, g)| g).collect()
}

/// A candidate passage in units: inclusive ranges on each side and its similarity.
#[derive(Debug, Clone, Copy)]
struct Fragment {
    left: (usize, usize),
    right: (usize, usize),
    score: f64,
}

/// Scratch space for summing unit vectors: a slot per key, so a sum costs the terms added
/// and a sort of the keys met, not a hash map of them.
#[derive(Default)]
struct Sums {
    acc: Vec<f64>,
    present: Vec<bool>,
    touched: Vec<KeyId>,
}

impl Sums {
    /// The vector of `units[range.0..=range.1]`: the unit itself when the range holds one (what
    /// [`Sums::summed`] would give: its terms, each added once to 0, and the same norm).
    fn vector<'a>(&mut self, units: &'a [Unit], range: (usize, usize)) -> Cow<'a, Unit> {
        match units.get(range.0) {
            Some(u) if range.0 == range.1 => Cow::Borrowed(u),
            _ => Cow::Owned(self.summed(units, range)),
        }
    }

    /// The sum of the vectors of `units[range.0..=range.1]`: each key's weights added in
    /// unit order from 0.
    fn summed(&mut self, units: &[Unit], range: (usize, usize)) -> Unit {
        for u in units.iter().take(range.1 + 1).skip(range.0) {
            for &(k, w) in &u.terms {
                let at = k as usize;
                if at >= self.acc.len() {
                    self.acc.resize(at + 1, 0.0);
                    self.present.resize(at + 1, false);
                }
                if let (Some(a), Some(p)) = (self.acc.get_mut(at), self.present.get_mut(at)) {
                    if !*p {
                        *p = true;
                        self.touched.push(k);
                    }
                    *a += w;
                }
            }
        }
        self.touched.sort_unstable();
        let mut terms: Vec<(KeyId, f64)> = Vec::with_capacity(self.touched.len());
        for k in self.touched.drain(..) {
            let at = k as usize;
            if let (Some(a), Some(p)) = (self.acc.get_mut(at), self.present.get_mut(at)) {
                terms.push((k, *a));
                *a = 0.0;
                *p = false;
            }
        }
        let norm = terms.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
        Unit {
            span: Span::new(0, 0),
            tokens: (0, 0),
            terms,
            norm,
        }
    }
}

/// Where a right unit seeds with several left units (repeated text), keep those within
/// `slack` units of the nearest to the diagonal set by the right units that seed with one
/// left unit only (or, without any, of the median left unit).
fn diagonal(c: &[Seed], slack: usize) -> Seeds {
    // most clusters (a single seed, most often) have no right unit twice: nothing to choose
    let mut rights: Vec<usize> = c.iter().map(|s| s.1).collect();
    rights.sort_unstable();
    if rights.windows(2).all(|w| w[0] != w[1]) {
        return c.to_vec();
    }
    let mut partners: std::collections::BTreeMap<usize, Vec<(usize, f64)>> = Default::default();
    for &(l, r, cos) in c {
        partners.entry(r).or_default().push((l, cos));
    }
    let unique: Vec<(usize, usize)> = partners
        .iter()
        .filter_map(|(&r, ls)| match ls.as_slice() {
            [(l, _)] => Some((r, *l)),
            _ => None,
        })
        .collect();
    let mut lefts: Vec<usize> = c.iter().map(|s| s.0).collect();
    lefts.sort_unstable();
    let median = lefts.get(lefts.len() / 2).copied().unwrap_or(0) as i64;
    let mut out = Vec::with_capacity(c.len());
    for (&r, ls) in &partners {
        let predicted = unique
            .iter()
            .min_by_key(|(ur, _)| (ur.abs_diff(r), *ur))
            .map_or(median, |&(ur, ul)| ul as i64 + r as i64 - ur as i64);
        let off = |l: usize| (l as i64 - predicted).unsigned_abs() as usize;
        let best = ls.iter().map(|&(l, _)| off(l)).min().unwrap_or(0);
        out.extend(
            ls.iter()
                .filter(|&&(l, _)| off(l) <= best + slack)
                .map(|&(l, cos)| (l, r, cos)),
        );
    }
    out
}

fn extend(
    units: Pair<&[Unit]>,
    seeds: &[Seed],
    gap: Pair<usize>,
    validate: f64,
    one_to_one: bool,
) -> Vec<Fragment> {
    let mut out = Vec::new();
    let mut sums = Sums::default();
    let mut todo: Vec<(Seeds, Pair<usize>)> = vec![(seeds.to_vec(), gap)];
    while let Some((group, gap)) = todo.pop() {
        for c in cluster(group, gap) {
            let c = if one_to_one {
                let reduced = diagonal(&c, gap.left.min(gap.right).div_ceil(2));
                if reduced.len() < c.len() {
                    todo.push((reduced, gap));
                    continue;
                }
                reduced
            } else {
                c
            };
            let (Some(l0), Some(l1)) = (c.iter().map(|s| s.0).min(), c.iter().map(|s| s.0).max())
            else {
                continue;
            };
            let (Some(r0), Some(r1)) = (c.iter().map(|s| s.1).min(), c.iter().map(|s| s.1).max())
            else {
                continue;
            };
            let cos = match c.as_slice() {
                // one seed: the cosine of its two units, known already
                [(_, _, cos)] => *cos,
                _ => {
                    let (a, b) = (
                        sums.vector(units.left, (l0, l1)),
                        sums.vector(units.right, (r0, r1)),
                    );
                    similarity(&a, &b).0
                }
            };
            if cos >= validate {
                out.push(Fragment {
                    left: (l0, l1),
                    right: (r0, r1),
                    score: cos,
                });
            } else if (gap.left > 0 || gap.right > 0) && c.len() > 1 {
                let mut smaller = narrower(gap);
                if !one_to_one {
                    // clustered again at a gap it does not split at, the cluster would come
                    // back unchanged and fail again: go straight to the gap it splits at
                    let spread = spread(&c);
                    while spread.left <= smaller.left + 1 && spread.right <= smaller.right + 1 {
                        if smaller.left == 0 && smaller.right == 0 {
                            break;
                        }
                        smaller = narrower(smaller);
                    }
                    if spread.left <= smaller.left + 1 && spread.right <= smaller.right + 1 {
                        // it never splits, and fails at every gap down to none
                        continue;
                    }
                }
                todo.push((c, smaller));
            }
        }
    }
    out
}

/// The gap one smaller on each side.
fn narrower(gap: Pair<usize>) -> Pair<usize> {
    Pair::new(gap.left.saturating_sub(1), gap.right.saturating_sub(1))
}

/// The largest distance between consecutive units of a cluster, on each side: the cluster
/// splits at a gap exactly when one of them exceeds the gap plus one.
fn spread(c: &[Seed]) -> Pair<usize> {
    let widest = |mut at: Vec<usize>| {
        at.sort_unstable();
        at.windows(2).map(|w| w[1] - w[0]).max().unwrap_or(0)
    };
    Pair::new(
        widest(c.iter().map(|s| s.0).collect()),
        widest(c.iter().map(|s| s.1).collect()),
    )
}

/// Does `span` of `text` hold fewer than `min` characters? (Counting stops at `min`.)
fn shorter(text: &str, span: Span, min: usize) -> bool {
    text.get(span.range())
        .is_none_or(|s| s.len() < min || s.chars().take(min).count() < min)
}

/// Byte spans of a fragment: from its first unit's first word to its last unit's last word.
fn fragment_spans(units: Pair<&[Unit]>, f: &Fragment) -> Pair<Span> {
    let cover = |us: &[Unit], r: (usize, usize)| match (us.get(r.0), us.get(r.1)) {
        (Some(a), Some(b)) => a.span.cover(&b.span),
        _ => Span::new(0, 0),
    };
    Pair::new(cover(units.left, f.left), cover(units.right, f.right))
}

/// Distinct keys the two sides of a fragment share.
fn shared_keys(units: Pair<&[Unit]>, f: &Fragment) -> usize {
    let keys = |us: &[Unit], r: (usize, usize)| -> Vec<KeyId> {
        let mut keys: Vec<KeyId> = us
            .iter()
            .take(r.1 + 1)
            .skip(r.0)
            .flat_map(|u| u.terms.iter().map(|t| t.0))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    };
    let (a, b) = (keys(units.left, f.left), keys(units.right, f.right));
    crate::textsim::sorted_common(&a, &b)
}

/// Overlap on the right: keep the better passage; then drop passages that are too short or
/// share too few keys.
fn filter(
    docs: Pair<&Document>,
    units: Pair<&[Unit]>,
    frags: Vec<Fragment>,
    opts: &PassageOptions,
) -> Vec<(Fragment, Pair<Span>)> {
    let mut frags = frags;
    // fragments with the same unit ranges have the same score (that of the same units), so
    // equal keys mean equal fragments and an unstable sort gives the stable order
    frags.sort_unstable_by_key(|f| {
        (
            std::cmp::Reverse(crate::report::score_key(f.score)),
            std::cmp::Reverse(f.right.1 - f.right.0),
            f.left,
            f.right,
        )
    });
    let mut kept: Vec<(Fragment, Pair<Span>)> = Vec::new();
    // the right unit ranges of the kept passages, by first unit: they never overlap, so a
    // range overlaps one of them exactly when it overlaps the last starting at or before
    // its end
    let mut taken: std::collections::BTreeMap<usize, usize> = Default::default();
    for f in frags {
        if taken
            .range(..=f.right.1)
            .next_back()
            .is_some_and(|(_, &end)| f.right.0 <= end)
        {
            continue;
        }
        let spans = fragment_spans(units, &f);
        if shorter(&docs.left.text.original, spans.left, opts.min_chars)
            || shorter(&docs.right.text.original, spans.right, opts.min_right_chars)
            || shared_keys(units, &f) < opts.min_shared_keys
        {
            continue;
        }
        taken.insert(f.right.0, f.right.1);
        kept.push((f, spans));
    }
    kept
}

/// Trim each side of a passage to its first and last word whose key the other side holds;
/// where only function words lie between that word and the edge of its sentence, the passage
/// keeps the whole sentence edge (its first word, its closing punctuation).
fn trim(docs: Pair<&Document>, units: Pair<&[Unit]>, f: &Fragment) -> Pair<Span> {
    let range = |us: &[Unit], r: (usize, usize)| match (us.get(r.0), us.get(r.1)) {
        (Some(a), Some(b)) => (a.tokens.0, b.tokens.1),
        _ => (0, 0),
    };
    let (ll, rr) = (range(units.left, f.left), range(units.right, f.right));
    let keys = |doc: &Document, r: (usize, usize)| -> HashSet<KeyId> {
        doc.tokens
            .get(r.0..r.1)
            .unwrap_or(&[])
            .iter()
            .filter(|t| t.is_content())
            .map(|t| t.key)
            .collect()
    };
    let (kl, kr) = (keys(docs.left, ll), keys(docs.right, rr));
    Pair::new(cut(docs.left, ll, &kr), cut(docs.right, rr, &kl))
}

/// The span of tokens `r` of `doc` trimmed to the words whose keys are in `other`.
fn cut(doc: &Document, r: (usize, usize), other: &HashSet<KeyId>) -> Span {
    let toks = doc.tokens.get(r.0..r.1).unwrap_or(&[]);
    let hit = |t: &Token| t.is_content() && other.contains(&t.key);
    let sentence = |k: usize| {
        doc.sentence_of
            .get(k)
            .and_then(|&s| doc.statements.get(s as usize))
            .map(|s| s.span)
    };
    let (Some(a), Some(b)) = (toks.iter().position(hit), toks.iter().rposition(hit)) else {
        return match (toks.first(), toks.last()) {
            (Some(x), Some(y)) => x.span.cover(&y.span),
            _ => Span::new(0, 0),
        };
    };
    let (ta, tb) = (r.0 + a, r.0 + b);
    let start = match (toks.get(a), sentence(ta)) {
        (Some(t), Some(s)) => {
            let lead = toks[..a]
                .iter()
                .rev()
                .take_while(|x| x.span.start >= s.start)
                .all(|x| !x.is_content());
            if lead {
                s.start.min(t.span.start)
            } else {
                t.span.start
            }
        }
        (Some(t), None) => t.span.start,
        _ => 0,
    };
    let end = match (toks.get(b), sentence(tb)) {
        (Some(t), Some(s)) => {
            let tail = toks
                .get(b + 1..)
                .unwrap_or(&[])
                .iter()
                .take_while(|x| x.span.end <= s.end)
                .all(|x| !x.is_content());
            if tail {
                s.end.max(t.span.end)
            } else {
                t.span.end
            }
        }
        (Some(t), None) => t.span.end,
        _ => 0,
    };
    Span::new(start, end.max(start))
}

fn run(
    docs: Pair<&Document>,
    units: Pair<&[Unit]>,
    seeds: &[Seed],
    gap: Pair<usize>,
    validate: f64,
    one_to_one: bool,
    opts: &PassageOptions,
) -> Vec<(Fragment, Pair<Span>)> {
    filter(
        docs,
        units,
        extend(units, seeds, gap, validate, one_to_one),
        opts,
    )
}

/// True when two passages follow each other on the right with at most one unit between them
/// while lying apart on the left: the mark of a summary built from copied sentences.
fn side_by_side(kept: &[(Fragment, Pair<Span>)]) -> bool {
    let mut frags: Vec<&Fragment> = kept.iter().map(|(f, _)| f).collect();
    frags.sort_by_key(|f| f.right);
    frags.windows(2).any(|w| match w {
        [a, b] => b.right.0 <= a.right.1 + 2,
        _ => false,
    })
}

/// The units of both documents with their tf-isf weights; `None` when either has none.
fn weighted_units(docs: Pair<&Document>, opts: &PassageOptions) -> Option<Pair<Vec<Unit>>> {
    let raw = Pair::new(
        units(docs.left, opts.min_unit_words),
        units(docs.right, opts.min_unit_words),
    );
    if raw.left.is_empty() || raw.right.is_empty() {
        return None;
    }
    // isf from each side's own units ([`crate::isf`])
    let sf = SegmentFrequency::new(
        raw.left.iter().map(|u| u.2.iter().copied()),
        raw.right.iter().map(|u| u.2.iter().copied()),
    );
    Some(Pair::new(weigh(raw.left, &sf), weigh(raw.right, &sf)))
}

/// Reused passages between two prepared documents (left: the source, right: the text that
/// may reuse it), by left start then right start.
pub fn detect(docs: Pair<&Document>, opts: &PassageOptions) -> Vec<Passage> {
    let Some(units) = weighted_units(docs, opts) else {
        return Vec::new();
    };
    let u = Pair::new(units.left.as_slice(), units.right.as_slice());
    let floor = [
        opts.seed_cosine,
        opts.seed_dice,
        opts.weak_seed,
        opts.summary_seed,
    ]
    .into_iter()
    .fold(f64::INFINITY, f64::min);
    let cands = candidates(u, floor, opts.max_key_units);
    let strict = strong_and_weak(&cands, opts);
    let mut kept = run(
        docs,
        u,
        &strict,
        Pair::new(opts.gap, opts.gap),
        opts.validate_cosine,
        true,
        opts,
    );
    // a summary: the passages found are much shorter on the right, or none were found at the
    // strict thresholds but a condensed one is found at the summary's looser ones
    let condensed = |kept: &[(Fragment, Pair<Span>)]| {
        let (l, r) = kept.iter().fold((0usize, 0usize), |(l, r), (_, s)| {
            (l + s.left.len(), r + s.right.len())
        });
        l > 0 && (r as f64) < opts.summary_ratio * l as f64
    };
    // run the summary pass when the strict passages look condensed, when there are none, or
    // when some lie side by side on the right (a summary that copied whole sentences); keep
    // its result when it is condensed and merges passages
    let adjacent = side_by_side(&kept);
    if kept.is_empty() || condensed(&kept) || adjacent {
        let loose = seeds(&cands, opts.summary_seed, opts.summary_seed);
        let summary = run(
            docs,
            u,
            &loose,
            Pair::new(opts.summary_gap, opts.gap),
            opts.validate_cosine,
            false,
            opts,
        );
        if condensed(&summary)
            && (condensed(&kept) || summary.len() < kept.len() || kept.is_empty())
        {
            kept = summary;
        }
    }
    let mut out: Vec<Passage> = kept
        .iter()
        .map(|(f, _)| Passage {
            spans: trim(docs, u, f),
            score: f.score,
            echoes: Vec::new(),
        })
        .collect();
    out.sort_by_key(|p| (p.spans.left.start, p.spans.right.start));
    out
}

/// Reused passages between two texts, without the rest of a report: what a passage-level
/// evaluation (such as PAN text alignment) needs. `left` is the source, `right` the text that
/// may reuse it. Spans are byte spans into each text's `original`.
pub fn passages_between(
    left: crate::Text,
    right: crate::Text,
    options: &crate::Options,
) -> Vec<Passage> {
    let mut vocab = crate::tokenize::Vocab::new();
    let docs = Document::new_pair(Pair::new(left, right), &mut vocab);
    detect(docs.as_ref(), &options.passages)
}

/// Fill each passage's `echoes`: the echoes (spans in report order) inside it on both sides.
pub fn attach_echoes(passages: &mut [Passage], echoes: &[Pair<Span>]) {
    for p in passages.iter_mut() {
        p.echoes = echoes
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                p.spans.left.overlap(&e.left) > 0 && p.spans.right.overlap(&e.right) > 0
            })
            .map(|(k, _)| k)
            .collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Text;
    use crate::tokenize::Vocab;
    use std::collections::HashMap;

    fn docs(l: &str, r: &str) -> Pair<Document> {
        let mut vocab = Vocab::new();
        Pair::new(
            Document::new(Text::new("l", l), &mut vocab),
            Document::new(Text::new("r", r), &mut vocab),
        )
    }

    const SOURCE: &str = "The committee met on Tuesday to discuss the budget. \
        Farmers in the northern valley have suffered three dry summers in a row, and many wells have failed. \
        The regional council proposed a new canal that would carry water from the mountain reservoir to the valley. \
        Engineers estimate the canal would cost forty million dollars and take six years to build. \
        Critics argue that the reservoir cannot supply both the city and the farms during a drought. \
        The meeting ended without a vote.";

    #[test]
    fn a_reworded_paragraph_is_one_passage() {
        let right = "Sports news follows later tonight. \
            For three summers running, growers in the valley to the north have endured drought, and numerous wells have failed. \
            A new canal, proposed by the regional council, would bring water to the valley from the reservoir in the mountains. \
            According to engineers, building the canal would take six years and cost forty million dollars. \
            Some critics say that in a drought the reservoir could not supply the farms and the city both. \
            The weather will be sunny tomorrow.";
        let d = docs(SOURCE, right);
        let p = detect(d.as_ref(), &PassageOptions::default());
        assert_eq!(p.len(), 1, "{p:?}");
        let l = &SOURCE[p[0].spans.left.range()];
        let r = &right[p[0].spans.right.range()];
        // the heavily reworded first sentence may or may not join; the rest must
        assert!(l.contains("proposed a new canal"), "{l}");
        assert!(l.ends_with("during a drought."), "{l}");
        assert!(r.contains("A new canal, proposed"), "{r}");
        assert!(r.ends_with("the city both."), "{r}");
        assert!(!r.contains("Sports") && !r.contains("weather"), "{r}");
    }

    #[test]
    fn unrelated_texts_give_none() {
        let right = "The orchestra played Brahms and Dvorak to a full hall on Friday evening. \
            Its new conductor, appointed last spring, chose a slow tempo for the symphony. \
            Reviewers praised the strings but found the brass uneven in the finale. \
            Tickets for the next concert go on sale at the box office on Monday.";
        let d = docs(SOURCE, right);
        assert!(detect(d.as_ref(), &PassageOptions::default()).is_empty());
    }

    #[test]
    fn empty_and_tiny_inputs_give_none() {
        for (l, r) in [
            ("", ""),
            ("Hello.", ""),
            ("", SOURCE),
            ("One two.", "One two."),
        ] {
            let d = docs(l, r);
            assert!(detect(d.as_ref(), &PassageOptions::default()).is_empty());
        }
    }

    fn cand(left: usize, right: usize, cos: f64, dice: f64) -> Candidate {
        Candidate {
            left,
            right,
            cos,
            dice,
        }
    }

    #[test]
    fn weak_seeds_join_next_to_a_comparable_strong_seed() {
        // (name, candidates, seeds expected); defaults: strong 0.33, weak 0.2, ratio 0.4
        // seeds expected as (left unit, right unit)
        type Pairs = Vec<(usize, usize)>;
        let table: Vec<(&str, Vec<Candidate>, Pairs)> = vec![
            (
                "a weak seed beside a reworded sentence joins",
                vec![cand(4, 7, 0.5, 0.45), cand(5, 8, 0.25, 0.3)],
                vec![(4, 7), (5, 8)],
            ),
            (
                "one beside a verbatim sentence is too weak for it",
                vec![cand(4, 7, 1.0, 1.0), cand(5, 8, 0.3, 0.3)],
                vec![(4, 7)],
            ),
            (
                "the level is the smaller of cosine and Dice",
                vec![cand(4, 7, 0.9, 0.5), cand(5, 6, 0.9, 0.19)],
                vec![(4, 7)],
            ),
            (
                "two units away is not beside",
                vec![cand(4, 7, 0.5, 0.5), cand(6, 8, 0.3, 0.3)],
                vec![(4, 7)],
            ),
            (
                "weak seeds chain from a strong one",
                vec![
                    cand(0, 0, 0.5, 0.5),
                    cand(1, 1, 0.25, 0.25),
                    cand(2, 2, 0.22, 0.22),
                ],
                vec![(0, 0), (1, 1), (2, 2)],
            ),
            (
                "without a strong seed nothing joins",
                vec![cand(0, 0, 0.3, 0.3), cand(1, 1, 0.3, 0.3)],
                vec![],
            ),
            (
                "between two strong seeds, the less similar one sets the bar",
                vec![
                    cand(3, 3, 1.0, 1.0),
                    cand(4, 4, 0.3, 0.3),
                    cand(5, 5, 0.5, 0.5),
                ],
                vec![(3, 3), (4, 4), (5, 5)],
            ),
        ];
        let opts = PassageOptions::default();
        // the seeds as pairs, each carrying its candidate's cosine
        let pairs = |cands: &[Candidate], seeds: Seeds| -> Pairs {
            for s in &seeds {
                let c = cands.iter().find(|c| (c.left, c.right) == (s.0, s.1));
                assert_eq!(c.map(|c| c.cos.to_bits()), Some(s.2.to_bits()), "{s:?}");
            }
            seeds.iter().map(|s| (s.0, s.1)).collect()
        };
        for (name, cands, want) in table {
            let got = pairs(&cands, strong_and_weak(&cands, &opts));
            assert_eq!(got, want, "{name}");
            let mut reversed = cands.clone();
            reversed.reverse();
            let got = pairs(&reversed, strong_and_weak(&reversed, &opts));
            assert_eq!(got, want, "{name} (reversed)");
        }
    }

    #[test]
    fn a_loosely_reworded_edge_sentence_joins_its_passage() {
        // the last sentence keeps few of its words ("critics", "drought", "farms"), too few to
        // seed alone, but lies beside a reworded sentence that seeds
        let right = "Sports news follows later tonight. \
            For three summers running, growers in the valley to the north have endured drought, and numerous wells have failed. \
            A new canal, proposed by the regional council, would bring water to the valley from the reservoir in the mountains. \
            It would take six years and cost a fortune, engineers reckon. \
            Critics fear a long drought would leave the farms short of water. \
            The weather will be sunny tomorrow.";
        let d = docs(SOURCE, right);
        let with = detect(d.as_ref(), &PassageOptions::default());
        let without = detect(
            d.as_ref(),
            &PassageOptions {
                weak_seed: 1.0,
                ..PassageOptions::default()
            },
        );
        let side = |p: &[Passage], text: &'static str, right: bool| -> Vec<&'static str> {
            p.iter()
                .map(|p| &text[if right { p.spans.right } else { p.spans.left }.range()])
                .collect()
        };
        let (l, r) = (side(&with, SOURCE, false), side(&with, right, true));
        assert_eq!(with.len(), 1, "{r:?}");
        assert!(l[0].ends_with("during a drought."), "{l:?}");
        assert!(r[0].ends_with("short of water."), "{r:?}");
        // without weak seeds the passage is found, and stops before the last sentence
        let r = side(&without, right, true);
        assert_eq!(r.len(), 1, "{r:?}");
        let last = right.find("Critics").unwrap_or(0);
        assert!(without[0].spans.right.end <= last, "{r:?}");
        assert!(without[0].spans.right.end > last - 30, "{r:?}");
    }

    #[test]
    fn a_condensed_right_side_may_be_shorter() {
        // words deleted: the right keeps 149 characters of the left's 208
        let right = "Farmers in northern valley suffered three dry summers, many wells failed. \
            Regional council proposed new canal carrying water from mountain reservoir.";
        let d = docs(SOURCE, right);
        let p = detect(d.as_ref(), &PassageOptions::default());
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(&right[p[0].spans.right.range()], right);
        let both = PassageOptions {
            min_right_chars: 175,
            ..PassageOptions::default()
        };
        assert!(detect(d.as_ref(), &both).is_empty());
    }

    #[test]
    fn passages_sharing_few_keys_are_dropped() {
        // a sentence pair long enough on both sides, but sharing only a handful of keys
        let left = "Visitors praised the museum's new wing, its bright galleries, and the staff who \
            guided them through the rooms with patience and humour all afternoon long.";
        let right = "Critics praised the museum's new wing and its bright galleries, though the \
            cafe downstairs stayed closed all week and the queues outside were long.";
        let d = docs(left, right);
        let loose = PassageOptions {
            min_chars: 0,
            min_right_chars: 0,
            min_shared_keys: 0,
            ..PassageOptions::default()
        };
        assert_eq!(detect(d.as_ref(), &loose).len(), 1);
        let strict = PassageOptions {
            min_chars: 0,
            min_right_chars: 0,
            ..PassageOptions::default()
        };
        assert!(detect(d.as_ref(), &strict).is_empty());
    }

    #[test]
    fn clusters_cut_at_gaps_on_both_sides() {
        // seeds close on the left but far apart on the right make two clusters
        let seeds = vec![(0, 0, 1.0), (1, 1, 0.9), (2, 40, 0.8), (3, 41, 0.7)];
        let c = cluster(seeds, Pair::new(2, 2));
        assert_eq!(
            c,
            vec![
                vec![(0, 0, 1.0), (1, 1, 0.9)],
                vec![(2, 40, 0.8), (3, 41, 0.7)]
            ]
        );
    }

    /// The candidates of the exact, sequential search: every left unit sharing an indexed key
    /// with a right unit, the [`MAX_CANDIDATES`] sharing the most (ties: the earlier unit),
    /// compared with [`similarity`].
    fn exact_candidates(units: Pair<&[Unit]>, floor: f64, max_key_units: usize) -> Vec<Candidate> {
        let mut index: HashMap<KeyId, Vec<usize>> = HashMap::new();
        for (j, u) in units.left.iter().enumerate() {
            for &(k, _) in &u.terms {
                index.entry(k).or_default().push(j);
            }
        }
        let mut out = Vec::new();
        for (i, r) in units.right.iter().enumerate() {
            let mut shared: HashMap<usize, u32> = HashMap::new();
            for (k, _) in &r.terms {
                match index.get(k) {
                    Some(list) if list.len() <= max_key_units => {
                        for &j in list {
                            *shared.entry(j).or_default() += 1;
                        }
                    }
                    _ => {}
                }
            }
            let mut cands: Vec<(usize, u32)> = shared.into_iter().collect();
            cands.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            cands.truncate(MAX_CANDIDATES);
            cands.sort();
            for (j, _) in cands {
                let (cos, dice) = similarity(&units.left[j], r);
                if cos >= floor && dice >= floor {
                    out.push(Candidate {
                        left: j,
                        right: i,
                        cos,
                        dice,
                    });
                }
            }
        }
        out
    }

    fn bits(c: &[Candidate]) -> Vec<(usize, usize, u64, u64)> {
        c.iter()
            .map(|c| (c.left, c.right, c.cos.to_bits(), c.dice.to_bits()))
            .collect()
    }

    #[test]
    fn the_flat_search_finds_the_candidates_of_the_exact_one() {
        // real prose and generated text, both ways round, at several floors and key limits
        // sentences of a small vocabulary (a fixed pseudo-random sequence): every key is in
        // about fifty sentences, so a right unit shares an indexed key with most left ones
        let words = [
            "river", "market", "winter", "soldier", "garden", "letter", "harvest", "village",
            "engine", "mountain", "teacher", "bridge", "candle", "doctor", "forest", "island",
            "judge", "kettle", "ladder", "mirror", "orchard", "painter", "quarry", "saddle",
            "tailor", "valley", "wagon", "harbor", "meadow", "lantern",
        ];
        let mut seed: u64 = 42;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        let mut side = || {
            let mut text = String::new();
            for _ in 0..200 {
                let n = 4 + next(6);
                let sentence: Vec<&str> = (0..n).map(|_| words[next(words.len())]).collect();
                text.push_str(&format!("The {}. ", sentence.join(" and the ")));
            }
            text
        };
        let crowd = Pair::new(side(), side());
        let texts = [
            (
                include_str!("../data/declaration-vs-seneca-falls/left.txt"),
                include_str!("../data/declaration-vs-seneca-falls/right.txt"),
            ),
            (
                include_str!("../data/stockholm-2019/us-state-department.txt"),
                include_str!("../data/stockholm-2019/dprk-mfa.txt"),
            ),
            (
                include_str!("../data/gospels-vs-house-divided/left.txt"),
                include_str!("../data/gospels-vs-house-divided/right.txt"),
            ),
            (crowd.left.as_str(), crowd.right.as_str()),
        ];
        let opts = PassageOptions::default();
        let (mut compared, mut crowded) = (0, 0);
        for (l, r) in texts {
            for (l, r) in [(l, r), (r, l)] {
                let d = docs(l, r);
                let Some(units) = weighted_units(d.as_ref(), &opts) else {
                    panic!("no units");
                };
                let u = Pair::new(units.left.as_slice(), units.right.as_slice());
                let index = KeyIndex::new(u.left, 256);
                for r in u.right {
                    let sharing: HashSet<u32> = r
                        .terms
                        .iter()
                        .flat_map(|t| index.units(t.0))
                        .copied()
                        .collect();
                    if sharing.len() > MAX_CANDIDATES {
                        crowded += 1;
                    }
                }
                for floor in [0.0, 0.2, 0.33] {
                    for max_key_units in [2, 256] {
                        let want = exact_candidates(u, floor, max_key_units);
                        let got = candidates(u, floor, max_key_units);
                        assert_eq!(bits(&got), bits(&want), "floor {floor}, {max_key_units}");
                        compared += want.len();
                    }
                }
                // a floor exactly at a pair's cosine: the approximate cosine may fall just
                // below it, so the pair must be compared again exactly and kept
                // (which candidates are compared does not depend on the floor)
                let all = exact_candidates(u, 0.0, 256);
                for c in all.iter().filter(|c| c.cos > 0.0).step_by(11).take(20) {
                    let floor = c.cos.min(c.dice);
                    let got = candidates(u, floor, 256);
                    assert!(
                        got.iter().any(|g| g.left == c.left && g.right == c.right),
                        "{c:?} lost at floor {floor}"
                    );
                    let want: Vec<Candidate> = all
                        .iter()
                        .filter(|c| c.cos >= floor && c.dice >= floor)
                        .copied()
                        .collect();
                    assert_eq!(bits(&got), bits(&want));
                }
            }
        }
        assert!(compared > 1000, "{compared}");
        assert!(crowded > 10, "{crowded}");
    }
}

//! Statement alignment: pair each sentence with its best counterpart(s) on the other side.
//!
//! Method: each sentence is a set of content keys weighted by rarity (names count half). For
//! each right sentence, the left sentences sharing a key are found through an index (keys in
//! more than `max_sentences_per_key` sentences are skipped, so the cost stays near linear),
//! and scored by `0.6 * weighted Dice + 0.4 * best echo score linking the two`. A pair is kept
//! when it scores at least `min_score` and is within `relative` of the best pair of either of
//! its sentences, so one sentence may answer several (many-to-many). Ties: pairs are ordered
//! by left sentence, then right sentence. Right sentences are scored in parallel (rayon), each
//! against a reused slot per left sentence, so the work is the keys shared, not a hash map a
//! sentence; the result does not depend on the number of threads.

use crate::document::Document;
use crate::text::Pair;
use rayon::prelude::*;
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
    /// Echo candidates scoring at least this link their statements, even when they score
    /// too low to be reported (the lower of this and the report threshold is used).
    /// Default: 0.05.
    pub min_echo: f64,
}

impl Default for AlignOptions {
    fn default() -> Self {
        AlignOptions {
            min_score: 0.12,
            report_score: 0.3,
            relative: 0.8,
            max_sentences_per_key: 64,
            min_echo: 0.05,
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

/// The token range of every sentence of a document, by statement index: from its first token
/// to its last (see [`sentence_tokens`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SentenceRanges {
    /// Slot `s` holds statement `s`'s range, if it has tokens.
    ranges: Vec<Option<Range<usize>>>,
}

impl SentenceRanges {
    /// The token range of statement `statement`, if it has tokens.
    pub fn get(&self, statement: usize) -> Option<&Range<usize>> {
        self.ranges.get(statement)?.as_ref()
    }

    /// Statements with tokens and their ranges, in statement order.
    pub fn iter(&self) -> impl Iterator<Item = (usize, &Range<usize>)> {
        self.ranges
            .iter()
            .enumerate()
            .filter_map(|(s, r)| Some((s, r.as_ref()?)))
    }
}

/// Token range of every sentence of a document, by statement index.
pub fn sentence_tokens(doc: &Document) -> SentenceRanges {
    let mut ranges: Vec<Option<Range<usize>>> = Vec::new();
    for (k, &s) in doc.sentence_of.iter().enumerate() {
        let s = s as usize;
        if ranges.len() <= s {
            ranges.resize(s + 1, None);
        }
        if let Some(slot) = ranges.get_mut(s) {
            match slot {
                Some(r) => r.end = k + 1,
                None => *slot = Some(k..k + 1),
            }
        }
    }
    SentenceRanges { ranges }
}

/// The weighted content keys of every sentence of a document, in one flat array (a hash map
/// a sentence took about 300 bytes of a text of short sentences: 400 MB for a 10 MB input).
struct SentenceKeys {
    /// Statement index of each sentence, ascending.
    sentences: Vec<usize>,
    /// Sentence `k`'s keys are `keys[ends[k - 1]..ends[k]]` (from 0 for the first).
    ends: Vec<usize>,
    /// (key, weight) of each content key of a sentence, by key; the weight is the largest
    /// of its occurrences (names count half).
    keys: Vec<(u32, f64)>,
}

impl SentenceKeys {
    fn of(doc: &Document, ranges: &SentenceRanges) -> Self {
        let sentences: Vec<usize> = ranges.iter().map(|(s, _)| s).collect();
        let mut ends = Vec::with_capacity(sentences.len());
        let mut keys = Vec::new();
        // scratch space reused for every sentence: a key's largest weight, then the keys
        // sorted (a map, so a one-sentence text of millions of words needs a slot a key)
        let mut weights: FxHashMap<u32, f64> = FxHashMap::default();
        let mut mine: Vec<(u32, f64)> = Vec::new();
        for s in &sentences {
            let tokens = ranges.get(*s).and_then(|r| doc.tokens.get(r.clone()));
            for t in tokens.into_iter().flatten().filter(|t| t.is_content()) {
                let w = f64::from(t.weight) * if t.name { 0.5 } else { 1.0 };
                let e = weights.entry(t.key).or_insert(0.0);
                *e = e.max(w);
            }
            mine.extend(weights.drain());
            mine.sort_unstable_by_key(|&(k, _)| k);
            keys.append(&mut mine);
            ends.push(keys.len());
        }
        SentenceKeys {
            sentences,
            ends,
            keys,
        }
    }

    fn len(&self) -> usize {
        self.sentences.len()
    }

    /// The position of each sentence, by statement index.
    fn positions(&self) -> FxHashMap<usize, usize> {
        self.sentences
            .iter()
            .enumerate()
            .map(|(p, s)| (*s, p))
            .collect()
    }

    /// The keys of the `k`th sentence.
    fn keys(&self, k: usize) -> &[(u32, f64)] {
        let start = k
            .checked_sub(1)
            .map_or(Some(0), |p| self.ends.get(p).copied());
        let end = self.ends.get(k).copied();
        match (start, end) {
            (Some(a), Some(b)) => self.keys.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The sum of the `k`th sentence's weights.
    fn total(&self, k: usize) -> f64 {
        self.keys(k).iter().map(|&(_, w)| w).sum()
    }
}

/// Align the sentences of two documents. `echo_links` gives, for each echo, the sentence on
/// each side and its score.
pub fn align(
    docs: Pair<&Document>,
    echo_links: &[(Pair<usize>, f64)],
    opts: &AlignOptions,
) -> Vec<Link> {
    let ranges = Pair::new(sentence_tokens(docs.left), sentence_tokens(docs.right));
    align_sentences(docs, ranges.as_ref(), echo_links, opts)
}

/// [`align`] with the token range of every sentence of each side ([`sentence_tokens`])
/// already at hand.
pub(crate) fn align_sentences(
    docs: Pair<&Document>,
    ranges: Pair<&SentenceRanges>,
    echo_links: &[(Pair<usize>, f64)],
    opts: &AlignOptions,
) -> Vec<Link> {
    let (lkeys, rkeys) = rayon::join(
        || SentenceKeys::of(docs.left, ranges.left),
        || SentenceKeys::of(docs.right, ranges.right),
    );
    let mut index = KeyIndex::new(&lkeys);
    for pos in 0..rkeys.len() {
        for &(k, _) in rkeys.keys(pos) {
            if let Some(entry) = index.lists.get_mut(&k) {
                entry.right_count += 1;
            }
        }
    }
    // the best echo linking each pair of sentences, listed by right sentence (position) with
    // the left sentences by position, ascending: read once per right sentence, not looked
    // up for every left sentence it shares a word with
    let (lpos, rpos) = (lkeys.positions(), rkeys.positions());
    let mut echoes: Vec<Vec<(usize, f64)>> = vec![Vec::new(); rkeys.len()];
    for (p, s) in echo_links {
        if let (Some(&lp), Some(&rp)) = (lpos.get(&p.left), rpos.get(&p.right))
            && let Some(list) = echoes.get_mut(rp)
        {
            list.push((lp, *s));
        }
    }
    for list in &mut echoes {
        // the best score of each left sentence first, then one entry per left sentence
        list.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
        list.dedup_by_key(|e| e.0);
    }
    let ltotals: Vec<f64> = (0..lkeys.len()).map(|p| lkeys.total(p)).collect();
    let ctx = Context {
        lkeys: &lkeys,
        rkeys: &rkeys,
        index: &index,
        echoes: &echoes,
        ltotals: &ltotals,
        opts,
    };
    // right sentences are independent: in parallel chunks, each with scratch space the size of
    // the left side, collected in order
    let positions: Vec<usize> = (0..rkeys.len()).collect();
    let links: Vec<Link> = positions
        .par_chunks(4096)
        .flat_map_iter(|chunk| {
            let mut shared = Shared::new(lkeys.len());
            let mut out = Vec::new();
            for &rp in chunk {
                ctx.links_of(rp, &mut shared, &mut out);
            }
            out
        })
        .collect();
    keep_best(links, opts.relative)
}

/// The sentences holding each key: one lookup a key of a right sentence.
struct KeyIndex {
    lists: FxHashMap<u32, KeyEntry>,
}

/// Where one key is.
#[derive(Default)]
struct KeyEntry {
    /// Left sentences (by position) with the key's weight in each (so no search for it), in
    /// sentence order.
    left: Vec<(usize, f64)>,
    /// Right sentences holding the key (filled in by the caller).
    right_count: usize,
}

impl KeyIndex {
    fn new(lkeys: &SentenceKeys) -> Self {
        let mut lists: FxHashMap<u32, KeyEntry> = FxHashMap::default();
        for pos in 0..lkeys.len() {
            for &(k, w) in lkeys.keys(pos) {
                lists.entry(k).or_default().left.push((pos, w));
            }
        }
        KeyIndex { lists }
    }
}

/// Weighted shared content of each left sentence with the right sentence at hand, and the
/// best echo linking the two: a slot per left sentence, and the sentences touched in order
/// of first touch.
struct Shared {
    sums: Vec<f64>,
    echoes: Vec<f64>,
    present: Vec<bool>,
    touched: Vec<usize>,
}

impl Shared {
    fn new(left: usize) -> Self {
        Shared {
            sums: vec![0.0; left],
            echoes: vec![0.0; left],
            present: vec![false; left],
            touched: Vec::new(),
        }
    }

    /// Note the best echo `score` linking left sentence `lp` with the right sentence at hand.
    fn echo(&mut self, lp: usize, score: f64) {
        if let Some(e) = self.echoes.get_mut(lp) {
            *e = score;
        }
    }

    fn add(&mut self, lp: usize, w: f64) {
        self.touch(lp);
        if let Some(s) = self.sums.get_mut(lp) {
            *s += w;
        }
    }

    /// List `lp` (with 0 if it has nothing yet).
    fn touch(&mut self, lp: usize) {
        if let Some(p) = self.present.get_mut(lp)
            && !*p
        {
            *p = true;
            self.touched.push(lp);
        }
    }

    /// The touched sentences with their sums and echoes; the slots are cleared for the next
    /// sentence.
    fn drain(&mut self) -> impl Iterator<Item = (usize, f64, f64)> + '_ {
        let (sums, echoes, present) = (&mut self.sums, &mut self.echoes, &mut self.present);
        self.touched.drain(..).filter_map(move |lp| {
            let sum = std::mem::take(sums.get_mut(lp)?);
            let echo = echoes.get_mut(lp).map_or(0.0, std::mem::take);
            if let Some(p) = present.get_mut(lp) {
                *p = false;
            }
            Some((lp, sum, echo))
        })
    }
}

/// What aligning one right sentence reads.
struct Context<'a> {
    lkeys: &'a SentenceKeys,
    rkeys: &'a SentenceKeys,
    index: &'a KeyIndex,
    /// The best echo with each left sentence (by position), by right sentence (position).
    echoes: &'a [Vec<(usize, f64)>],
    ltotals: &'a [f64],
    opts: &'a AlignOptions,
}

impl Context<'_> {
    /// The candidate links of the `rp`th right sentence, pushed onto `out`.
    fn links_of(&self, rp: usize, shared: &mut Shared, out: &mut Vec<Link>) {
        let Some(rs) = self.rkeys.sentences.get(rp) else {
            return;
        };
        let max = self.opts.max_sentences_per_key;
        for &(k, w) in self.rkeys.keys(rp) {
            let Some(entry) = self.index.lists.get(&k) else {
                continue;
            };
            if entry.left.len() > max || entry.right_count > max {
                continue;
            }
            for &(lp, lw) in &entry.left {
                shared.add(lp, lw.min(w));
            }
        }
        for &(lp, score) in self.echoes.get(rp).into_iter().flatten() {
            shared.touch(lp);
            shared.echo(lp, score);
        }
        let rt = self.rkeys.total(rp);
        for (lp, sh, echo) in shared.drain() {
            let (Some(ls), Some(lt)) = (self.lkeys.sentences.get(lp), self.ltotals.get(lp)) else {
                continue;
            };
            let denom = lt + rt;
            let dice = if denom > 0.0 { 2.0 * sh / denom } else { 0.0 };
            let score = 0.6 * dice + 0.4 * echo;
            if score >= self.opts.min_score {
                out.push(Link {
                    statements: Pair::new(*ls, *rs),
                    score,
                    shared: dice,
                    echo,
                });
            }
        }
    }
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

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
use crate::text::{Pair, Span};
use crate::tokenize::KeyId;
use crate::tokenize::{NO_CONCEPT, Token};
use std::collections::{HashMap, HashSet};

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
    /// Match words through their synonym groups ([`crate::synonyms`]) as well as their keys.
    /// Default: false (measured on PAN 2013, it lowers precision more than it raises recall;
    /// see docs/pan.md).
    pub synonyms: bool,
    /// Keys held by more units than this (on the other side) do not seed candidates; they
    /// still count in the similarity of candidates found through rarer keys. Default: 256.
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
            synonyms: false,
            max_key_units: 256,
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

/// Seed unit pairs: (left unit, right unit).
type Seeds = Vec<(usize, usize)>;

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
fn units(doc: &Document, min_words: usize, synonyms: bool) -> Vec<RawUnit> {
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
        let mut keys: Vec<KeyId> = Vec::new();
        for t in toks[start..i].iter().filter(|t| t.is_content()) {
            let concepts = t.concepts.iter().copied().take_while(|&c| c != NO_CONCEPT);
            keys.push(t.key);
            if synonyms {
                // a word with synonyms also stands for its synonym groups
                keys.extend(concepts);
            }
        }
        let words = toks[start..i].iter().filter(|t| t.is_content()).count();
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

fn weigh(raw: Vec<RawUnit>, isf: &HashMap<KeyId, f64>) -> Vec<Unit> {
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
                *w *= isf.get(k).copied().unwrap_or(0.0);
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
    let cos = if a.norm > 0.0 && b.norm > 0.0 {
        dot / (a.norm * b.norm)
    } else {
        0.0
    };
    let total = a.terms.len() + b.terms.len();
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

/// Unit pairs whose cosine and Dice both reach `floor`, by right unit then left unit; every
/// seed threshold is then applied to them, so the pairs are compared once.
fn candidates(units: Pair<&[Unit]>, floor: f64, max_key_units: usize) -> Vec<Candidate> {
    let mut index: HashMap<KeyId, Vec<u32>> = HashMap::new();
    for (j, u) in units.left.iter().enumerate() {
        for &(k, _) in &u.terms {
            index.entry(k).or_default().push(j as u32);
        }
    }
    let mut out = Vec::new();
    let mut seen: Vec<u32> = vec![u32::MAX; units.left.len()];
    let mut hits: Vec<u32> = vec![0; units.left.len()];
    let mut cands: Vec<u32> = Vec::new();
    for (i, r) in units.right.iter().enumerate() {
        cands.clear();
        for &(k, _) in &r.terms {
            let Some(list) = index.get(&k) else { continue };
            if list.len() > max_key_units {
                continue;
            }
            for &j in list {
                if let (Some(s), Some(h)) = (seen.get_mut(j as usize), hits.get_mut(j as usize)) {
                    if *s != i as u32 {
                        *s = i as u32;
                        *h = 0;
                        cands.push(j);
                    }
                    *h += 1;
                }
            }
        }
        // text drawn from one vocabulary shares some word with everything: compare only the
        // units sharing the most indexed keys (a reused unit shares many)
        if cands.len() > MAX_CANDIDATES {
            let shared = |j: &u32| hits.get(*j as usize).copied().unwrap_or(0);
            cands.sort_unstable_by(|a, b| shared(b).cmp(&shared(a)).then(a.cmp(b)));
            cands.truncate(MAX_CANDIDATES);
        }
        cands.sort_unstable();
        for &j in &cands {
            let Some(l) = units.left.get(j as usize) else {
                continue;
            };
            let (cos, dice) = similarity(l, r);
            let c = Candidate {
                left: j as usize,
                right: i,
                cos,
                dice,
            };
            if c.reaches(floor, floor) {
                out.push(c);
            }
        }
    }
    out
}

/// Seed unit pairs (left index, right index): the candidates whose cosine and Dice reach
/// `min_cos` and `min_dice`, in order.
fn seeds(cands: &[Candidate], min_cos: f64, min_dice: f64) -> Seeds {
    cands
        .iter()
        .filter(|c| c.reaches(min_cos, min_dice))
        .map(|c| (c.left, c.right))
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
    let weak: HashMap<(usize, usize), f64> = cands
        .iter()
        .filter(|c| !strong(c) && c.reaches(opts.weak_seed, opts.weak_seed))
        .map(|c| ((c.left, c.right), c.level()))
        .collect();
    let mut roots: Vec<&Candidate> = cands.iter().filter(|c| strong(c)).collect();
    let mut out: Seeds = roots.iter().map(|c| (c.left, c.right)).collect();
    if weak.is_empty() {
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
    let mut joined: HashSet<(usize, usize)> = HashSet::new();
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for root in roots {
        let bar = opts.weak_ratio * root.level();
        stack.push((root.left, root.right));
        while let Some((l, r)) = stack.pop() {
            for nl in l.saturating_sub(1)..=l + 1 {
                for nr in r.saturating_sub(1)..=r + 1 {
                    if weak.get(&(nl, nr)).is_some_and(|&v| v >= bar) && joined.insert((nl, nr)) {
                        stack.push((nl, nr));
                    }
                }
            }
        }
    }
    out.extend(joined);
    out.sort_unstable();
    out
}

/// Split seeds into groups along one side: sorted by that side's unit, cut where two
/// consecutive seeds are more than `gap + 1` units apart.
fn split(mut group: Vec<(usize, usize)>, right: bool, gap: usize) -> Vec<Vec<(usize, usize)>> {
    let at = |s: &(usize, usize)| if right { s.1 } else { s.0 };
    group.sort_by_key(|s| (at(s), if right { s.0 } else { s.1 }));
    let mut out: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut last: Option<usize> = None;
    for s in group {
        match (last, out.last_mut()) {
            (Some(p), Some(g)) if at(&s) <= p + gap + 1 => g.push(s),
            _ => out.push(vec![s]),
        }
        last = Some(at(&s));
    }
    out
}

/// Clusters contiguous (up to `gap`) on both sides.
fn cluster(group: Vec<(usize, usize)>, gap: Pair<usize>) -> Vec<Vec<(usize, usize)>> {
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
            todo.push((p, !right, stable));
        }
    }
    done.sort_by_key(|g| g.iter().map(|s| (s.0, s.1)).min());
    done
}

/// A candidate passage in units: inclusive ranges on each side and its similarity.
#[derive(Debug, Clone, Copy)]
struct Fragment {
    left: (usize, usize),
    right: (usize, usize),
    score: f64,
}

fn summed(units: &[Unit], range: (usize, usize)) -> Unit {
    let mut acc: HashMap<KeyId, f64> = HashMap::new();
    for u in units.iter().take(range.1 + 1).skip(range.0) {
        for &(k, w) in &u.terms {
            *acc.entry(k).or_default() += w;
        }
    }
    let mut terms: Vec<(KeyId, f64)> = acc.into_iter().collect();
    terms.sort_unstable_by_key(|t| t.0);
    let norm = terms.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
    Unit {
        span: Span::new(0, 0),
        tokens: (0, 0),
        terms,
        norm,
    }
}

/// Where a right unit seeds with several left units (repeated text), keep those within
/// `slack` units of the nearest to the diagonal set by the right units that seed with one
/// left unit only (or, without any, of the median left unit).
fn diagonal(c: &[(usize, usize)], slack: usize) -> Vec<(usize, usize)> {
    let mut partners: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for &(l, r) in c {
        partners.entry(r).or_default().push(l);
    }
    if partners.values().all(|ls| ls.len() == 1) {
        return c.to_vec();
    }
    let unique: Vec<(usize, usize)> = partners
        .iter()
        .filter_map(|(&r, ls)| match ls.as_slice() {
            [l] => Some((r, *l)),
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
        let best = ls.iter().map(|&l| off(l)).min().unwrap_or(0);
        out.extend(
            ls.iter()
                .filter(|&&l| off(l) <= best + slack)
                .map(|&l| (l, r)),
        );
    }
    out
}

fn extend(
    units: Pair<&[Unit]>,
    seeds: &[(usize, usize)],
    gap: Pair<usize>,
    validate: f64,
    one_to_one: bool,
) -> Vec<Fragment> {
    let mut out = Vec::new();
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
            let (a, b) = (summed(units.left, (l0, l1)), summed(units.right, (r0, r1)));
            let (cos, _) = similarity(&a, &b);
            if cos >= validate {
                out.push(Fragment {
                    left: (l0, l1),
                    right: (r0, r1),
                    score: cos,
                });
            } else if (gap.left > 0 || gap.right > 0) && c.len() > 1 {
                let smaller = Pair::new(gap.left.saturating_sub(1), gap.right.saturating_sub(1));
                todo.push((c, smaller));
            }
        }
    }
    out
}

fn chars(text: &str, span: Span) -> usize {
    text.get(span.range()).map_or(0, |s| s.chars().count())
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
    let keys = |us: &[Unit], r: (usize, usize)| -> HashSet<KeyId> {
        us.iter()
            .take(r.1 + 1)
            .skip(r.0)
            .flat_map(|u| u.terms.iter().map(|t| t.0))
            .collect()
    };
    let (a, b) = (keys(units.left, f.left), keys(units.right, f.right));
    a.intersection(&b).count()
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
    frags.sort_by(|a, b| {
        crate::report::score_key(b.score)
            .cmp(&crate::report::score_key(a.score))
            .then((b.right.1 - b.right.0).cmp(&(a.right.1 - a.right.0)))
            .then(a.left.cmp(&b.left))
            .then(a.right.cmp(&b.right))
    });
    let mut kept: Vec<(Fragment, Pair<Span>)> = Vec::new();
    for f in frags {
        if kept
            .iter()
            .any(|(k, _)| k.right.0 <= f.right.1 && f.right.0 <= k.right.1)
        {
            continue;
        }
        let spans = fragment_spans(units, &f);
        if chars(&docs.left.text.original, spans.left) < opts.min_chars
            || chars(&docs.right.text.original, spans.right) < opts.min_right_chars
            || shared_keys(units, &f) < opts.min_shared_keys
        {
            continue;
        }
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
    seeds: &[(usize, usize)],
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
        units(docs.left, opts.min_unit_words, opts.synonyms),
        units(docs.right, opts.min_unit_words, opts.synonyms),
    );
    if raw.left.is_empty() || raw.right.is_empty() {
        return None;
    }
    // isf from each side's own units, the larger document frequency of the two: a key is
    // common when one text uses it throughout, not because both texts use it (reuse itself
    // must not lower the weight of the words reused)
    let df_of = |units: &[RawUnit]| {
        let mut df: HashMap<KeyId, usize> = HashMap::new();
        for u in units {
            let mut keys = u.2.clone();
            keys.sort_unstable();
            keys.dedup();
            for k in keys {
                *df.entry(k).or_default() += 1;
            }
        }
        df
    };
    let (dl, dr) = (df_of(&raw.left), df_of(&raw.right));
    let n = raw.left.len().max(raw.right.len()) as f64 + 1.0;
    let mut isf: HashMap<KeyId, f64> = HashMap::with_capacity(dl.len() + dr.len());
    for (&k, &d) in dl.iter().chain(dr.iter()) {
        let d = dl
            .get(&k)
            .copied()
            .unwrap_or(0)
            .max(dr.get(&k).copied().unwrap_or(0))
            .max(d);
        isf.insert(k, (n / d as f64).ln());
    }
    Some(Pair::new(weigh(raw.left, &isf), weigh(raw.right, &isf)))
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
    let docs = Pair::new(
        Document::new(left, &mut vocab),
        Document::new(right, &mut vocab),
    );
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
        let table: Vec<(&str, Vec<Candidate>, Seeds)> = vec![
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
        for (name, cands, want) in table {
            assert_eq!(strong_and_weak(&cands, &opts), want, "{name}");
            let mut reversed = cands.clone();
            reversed.reverse();
            assert_eq!(strong_and_weak(&reversed, &opts), want, "{name} (reversed)");
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
        let r = side(&without, right, true);
        assert!(r.iter().all(|r| !r.contains("Critics")), "{r:?}");
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
        let seeds = vec![(0, 0), (1, 1), (2, 40), (3, 41)];
        let c = cluster(seeds, Pair::new(2, 2));
        assert_eq!(c, vec![vec![(0, 0), (1, 1)], vec![(2, 40), (3, 41)]]);
    }
}

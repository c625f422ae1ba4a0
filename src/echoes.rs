//! Candidate echoes: maximal phrase pairs where the right text mirrors the left.
//!
//! Method, in three steps:
//! 1. **Seed** from an index of matching keys (lemma or stem) of content words. A key that
//!    occurs rarely enough on both sides (`count_left * count_right <= unigram_cap`) seeds
//!    every pair of its occurrences; more common keys seed only through content-word bigrams
//!    (two consecutive content words, function words skipped), and a bigram that is itself
//!    too common pairs each right occurrence with the `dense_neighbours` left occurrences
//!    nearest its proportional position. So the work per key, and the number of seeds, is
//!    bounded: repetitive input ("very very very ...") cannot blow up.
//! 2. **Chain** seeds closer than `window` tokens on both sides into one cluster (union-find
//!    over a sweep sorted by left position). Crossings are allowed, so local reordering stays
//!    one echo; function words, an inserted word or a dropped one fit inside the window.
//! 3. **Shape** each cluster into one-to-one token pairs (closest to the cluster's diagonal
//!    first), then extend its ends over matching function words and negators in the same
//!    sentence ("do not reflect" / "did not accurately reflect").
//!
//! Cost: O(n log n) in the number of seeds, which is O(tokens * dense_neighbours) at worst.
//! Ties: clusters are emitted in order of their first left token, then first right token.

use crate::document::Document;
use crate::text::Pair;
use rayon::prelude::*;
use std::ops::Range;

/// Settings of the echo finder.
#[derive(Debug, Clone, PartialEq)]
pub struct FindOptions {
    /// Maximum distance in tokens between two matched words of one echo, on each side.
    /// Default: 4 (three words may stand between two matched words).
    pub window: usize,
    /// A key seeds all its pairs of occurrences when `left count * right count` is at most
    /// this. Default: 64.
    pub unigram_cap: usize,
    /// A bigram seeds all its pairs when `left count * right count` is at most this.
    /// Default: 1024.
    pub bigram_cap: usize,
    /// Past the caps, each right occurrence is paired with this many nearest left
    /// occurrences. Default: 4.
    pub dense_neighbours: usize,
    /// Extension steps over function words at each end. Default: 3.
    pub extend_steps: usize,
}

impl Default for FindOptions {
    fn default() -> Self {
        FindOptions {
            window: 4,
            unigram_cap: 64,
            bigram_cap: 1024,
            dense_neighbours: 4,
            extend_steps: 3,
        }
    }
}

/// A candidate echo before scoring: matched token pairs and the token ranges they span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Token range on the left (end exclusive).
    pub left: Range<usize>,
    /// Token range on the right (end exclusive).
    pub right: Range<usize>,
    /// One-to-one matched token pairs `(left index, right index)`, sorted.
    pub pairs: Vec<(u32, u32)>,
}

/// Find candidate echoes between two documents.
pub fn find_candidates(left: &Document, right: &Document, opts: &FindOptions) -> Vec<Candidate> {
    let mut seeds = seed(left, right, opts);
    seeds.par_sort_unstable();
    seeds.dedup();
    let clusters = chain(&seeds, opts.window, Pair::new(left, right));
    // clusters are shaped independently: in parallel, collected in order
    let mut out: Vec<Candidate> = clusters
        .into_par_iter()
        .filter_map(|c| shape(left, right, c, opts))
        .collect();
    out.sort_by_key(|c| (c.left.start, c.right.start));
    out.dedup();
    out
}

/// Step 1: seed token pairs `(left, right)`, in no particular order (the caller sorts them).
fn seed(left: &Document, right: &Document, opts: &FindOptions) -> Vec<(u32, u32)> {
    let keys = left
        .tokens
        .iter()
        .chain(&right.tokens)
        .map(|t| t.key as usize + 1)
        .max()
        .unwrap_or(0);
    // left positions of each key in one flat array (`lpos[lstart[k]..lstart[k + 1]]`,
    // ascending), and the right count of each key
    let mut lstart = vec![0u32; keys + 1];
    let mut rcount = vec![0u32; keys];
    for t in left.tokens.iter().filter(|t| t.is_content()) {
        if let Some(c) = lstart.get_mut(t.key as usize + 1) {
            *c += 1;
        }
    }
    for k in 1..lstart.len() {
        lstart[k] += lstart[k - 1];
    }
    let mut fill = lstart.clone();
    let mut lpos = vec![0u32; lstart.last().copied().unwrap_or(0) as usize];
    for (i, t) in left
        .tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| t.is_content())
    {
        if let Some(at) = fill.get_mut(t.key as usize) {
            if let Some(slot) = lpos.get_mut(*at as usize) {
                *slot = i as u32;
            }
            *at += 1;
        }
    }
    for t in right.tokens.iter().filter(|t| t.is_content()) {
        if let Some(c) = rcount.get_mut(t.key as usize) {
            *c += 1;
        }
    }
    let mut seeds = Vec::new();
    let mut common_keys = false;
    for (j, t) in right.tokens.iter().enumerate() {
        if !t.is_content() {
            continue;
        }
        let k = t.key as usize;
        let ls = match (lstart.get(k), lstart.get(k + 1)) {
            (Some(&a), Some(&b)) => lpos.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        };
        if ls.is_empty() {
            continue;
        }
        let rc = rcount.get(k).copied().unwrap_or(1) as usize;
        if ls.len() * rc <= opts.unigram_cap {
            seeds.extend(ls.iter().map(|&i| (i, j as u32)));
        } else {
            common_keys = true;
        }
    }
    if common_keys {
        seed_bigrams(left, right, opts, &mut seeds);
    }
    seeds
}

/// Consecutive content words of a document as `(position of first, position of second)`,
/// skipping at most two function words between them.
fn content_bigrams(doc: &Document) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    let mut prev: Option<usize> = None;
    for (i, t) in doc.tokens.iter().enumerate() {
        if !t.is_content() {
            continue;
        }
        if let Some(p) = prev
            && i - p <= 3
        {
            out.push((p as u32, i as u32));
        }
        prev = Some(i);
    }
    out
}

fn seed_bigrams(
    left: &Document,
    right: &Document,
    opts: &FindOptions,
    seeds: &mut Vec<(u32, u32)>,
) {
    let key = |d: &Document, (a, b): (u32, u32)| {
        let ka = d.tokens[a as usize].key as u64;
        let kb = d.tokens[b as usize].key as u64;
        (ka << 32) | kb
    };
    // both sides' bigrams sorted by key (then position), walked together: each key's left
    // occurrences and right occurrences are two runs side by side
    let sorted = |d: &Document| {
        let mut v: Vec<(u64, (u32, u32))> = content_bigrams(d)
            .into_iter()
            .map(|b| (key(d, b), b))
            .collect();
        v.sort_unstable();
        v
    };
    let (lb, rb) = (sorted(left), sorted(right));
    let scale = left.len().max(1) as f64 / right.len().max(1) as f64;
    let mut li = 0;
    let mut ri = 0;
    while let (Some(&(lk, _)), Some(&(rk, _))) = (lb.get(li), rb.get(ri)) {
        if lk < rk {
            li += lb[li..].partition_point(|b| b.0 < rk);
            continue;
        }
        if rk < lk {
            ri += rb[ri..].partition_point(|b| b.0 < lk);
            continue;
        }
        let ln = lb[li..].partition_point(|b| b.0 == lk);
        let rn = rb[ri..].partition_point(|b| b.0 == rk);
        let ls: Vec<(u32, u32)> = lb[li..li + ln].iter().map(|b| b.1).collect();
        for &(_, (ra, rb2)) in &rb[ri..ri + rn] {
            if ls.len() * rn <= opts.bigram_cap {
                for &(la, lb2) in &ls {
                    seeds.push((la, ra));
                    seeds.push((lb2, rb2));
                }
            } else {
                // too common: the few left occurrences nearest this one's proportional position
                let expect = (ra as f64 * scale) as u32;
                let at = ls.partition_point(|&(la, _)| la < expect);
                let lo = at.saturating_sub(opts.dense_neighbours / 2);
                let hi = (lo + opts.dense_neighbours).min(ls.len());
                for &(la, lb2) in &ls[lo..hi] {
                    seeds.push((la, ra));
                    seeds.push((lb2, rb2));
                }
            }
        }
        li += ln;
        ri += rn;
    }
}

/// Step 2: union seeds within `window` on both sides; returns clusters of seeds.
///
/// Two seeds that lie in one sentence on one side and cross a sentence end on the other
/// join only when nothing but function words stands between them on both sides: "...the
/// pursuit of Happiness.--That to secure..." / "...the pursuit of happiness; that to
/// secure..." is one copied phrase, but "...a bellows at dawn. A weaver..." / "...saffron
/// and bellows sat in the weaver's shed" pairs words of two left sentences with one right
/// sentence across unmatched words: two chance matches side by side, not one phrase.
fn chain(seeds: &[(u32, u32)], window: usize, docs: Pair<&Document>) -> Vec<Vec<(u32, u32)>> {
    let same = |doc: &Document, a: u32, b: u32| {
        doc.sentence_of.get(a as usize) == doc.sentence_of.get(b as usize)
    };
    // no content word strictly between tokens a and b
    let bridged = |doc: &Document, a: u32, b: u32| {
        let (lo, hi) = (a.min(b) as usize + 1, a.max(b) as usize);
        doc.tokens
            .get(lo..hi)
            .is_some_and(|gap| gap.iter().all(|t| !t.is_content()))
    };
    let joins = |(ia, ja): (u32, u32), (ib, jb): (u32, u32)| {
        same(docs.left, ia, ib) == same(docs.right, ja, jb)
            || (bridged(docs.left, ia, ib) && bridged(docs.right, ja, jb))
    };
    let n = seeds.len();
    let mut parent: Vec<u32> = (0..n as u32).collect();
    fn find(parent: &mut [u32], mut x: u32) -> u32 {
        while parent[x as usize] != x {
            let p = parent[x as usize];
            parent[x as usize] = parent[p as usize];
            x = p;
        }
        x
    }
    let w = window as u32;
    for a in 0..n {
        let (ia, ja) = seeds[a];
        for (b, &(ib, jb)) in seeds.iter().enumerate().skip(a + 1) {
            if ib > ia + w {
                break;
            }
            if ja.abs_diff(jb) <= w && (ia, ja) != (ib, jb) && joins((ia, ja), (ib, jb)) {
                let (ra, rb) = (find(&mut parent, a as u32), find(&mut parent, b as u32));
                if ra != rb {
                    parent[ra.max(rb) as usize] = ra.min(rb);
                }
            }
        }
    }
    // a cluster's root is its first seed (unions keep the smaller root), so clusters are
    // met in order of their first seed: the order they are returned in
    let mut group_of: Vec<u32> = vec![u32::MAX; n];
    let mut out: Vec<Vec<(u32, u32)>> = Vec::new();
    for (k, &s) in seeds.iter().enumerate() {
        let r = find(&mut parent, k as u32) as usize;
        if group_of[r] == u32::MAX {
            group_of[r] = out.len() as u32;
            out.push(Vec::new());
        }
        if let Some(g) = out.get_mut(group_of[r] as usize) {
            g.push(s);
        }
    }
    out
}

/// Step 3: one-to-one pairs, extended over function words; `None` for an empty cluster.
fn shape(
    left: &Document,
    right: &Document,
    cluster: Vec<(u32, u32)>,
    opts: &FindOptions,
) -> Option<Candidate> {
    let pairs = one_to_one(cluster);
    let (mut lo_l, mut lo_r) = pairs
        .iter()
        .fold((u32::MAX, u32::MAX), |(a, b), &(i, j)| (a.min(i), b.min(j)));
    let (mut hi_l, mut hi_r) = pairs
        .iter()
        .fold((0u32, 0u32), |(a, b), &(i, j)| (a.max(i), b.max(j)));
    if pairs.is_empty() {
        return None;
    }
    let mut pairs = pairs;
    for _ in 0..opts.extend_steps {
        match extend(left, right, (lo_l, lo_r), Direction::Back) {
            Some((i, j)) => {
                pairs.push((i, j));
                lo_l = i;
                lo_r = j;
            }
            None => break,
        }
    }
    for _ in 0..opts.extend_steps {
        match extend(left, right, (hi_l, hi_r), Direction::Forward) {
            Some((i, j)) => {
                pairs.push((i, j));
                hi_l = i;
                hi_r = j;
            }
            None => break,
        }
    }
    pairs.sort_unstable();
    Some(Candidate {
        left: lo_l as usize..hi_l as usize + 1,
        right: lo_r as usize..hi_r as usize + 1,
        pairs,
    })
}

/// Keep each left and each right token at most once, preferring pairs nearest the cluster's
/// median diagonal, then the earlier pair.
fn one_to_one(mut cluster: Vec<(u32, u32)>) -> Vec<(u32, u32)> {
    if cluster.len() <= 1 {
        return cluster;
    }
    let mut diags: Vec<i64> = cluster.iter().map(|&(i, j)| j as i64 - i as i64).collect();
    diags.sort_unstable();
    // the median as a sum of the two middle values, so swapping sides negates it exactly
    let n = diags.len();
    let median2 = diags[(n - 1) / 2] + diags[n / 2];
    // ties: nearest the diagonal, then earliest (i + j), then nearest the main diagonal;
    // all three are unchanged when left and right are swapped
    cluster.sort_by_key(|&(i, j)| {
        let d2 = 2 * (j as i64 - i as i64);
        ((d2 - median2).abs(), i + j, i.abs_diff(j), i, j)
    });
    let mut used_l = rustc_hash::FxHashSet::default();
    let mut used_r = rustc_hash::FxHashSet::default();
    let mut out: Vec<(u32, u32)> = cluster
        .into_iter()
        .filter(|&(i, j)| {
            if used_l.contains(&i) || used_r.contains(&j) {
                return false;
            }
            used_l.insert(i);
            used_r.insert(j);
            true
        })
        .collect();
    out.sort_unstable();
    out
}

#[derive(Clone, Copy)]
enum Direction {
    Back,
    Forward,
}

/// One extension step: the nearest pair of equal keys within two tokens beyond the current
/// end on both sides, in the same sentence as that end.
fn extend(
    left: &Document,
    right: &Document,
    (i, j): (u32, u32),
    dir: Direction,
) -> Option<(u32, u32)> {
    let (i, j) = (i as usize, j as usize);
    let step = |x: usize, d: usize, len: usize| -> Option<usize> {
        match dir {
            Direction::Back => x.checked_sub(d),
            Direction::Forward => Some(x + d).filter(|&y| y < len),
        }
    };
    let mut best: Option<(usize, usize, usize)> = None;
    let mut tied = false;
    for dl in 1..=2 {
        for dr in 1..=2 {
            let (Some(a), Some(b)) = (step(i, dl, left.len()), step(j, dr, right.len())) else {
                continue;
            };
            if left.sentence_of[a] != left.sentence_of[i]
                || right.sentence_of[b] != right.sentence_of[j]
            {
                continue;
            }
            let (ta, tb) = (&left.tokens[a], &right.tokens[b]);
            if ta.key != tb.key {
                continue;
            }
            // an inserted word is allowed on one side only, and not twice
            if dl + dr > 3 {
                continue;
            }
            let cost = dl + dr;
            match best {
                Some((c, _, _)) if cost > c => {}
                Some((c, _, _)) if cost == c => tied = true,
                _ => {
                    best = Some((cost, a, b));
                    tied = false;
                }
            }
        }
    }
    // two equally near matches ("will do" / "do will") mean the order is in doubt: stop
    // rather than pick one, so the result does not depend on which text is left
    if tied {
        return None;
    }
    best.map(|(_, a, b)| (a as u32, b as u32))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Text;
    use crate::tokenize::Vocab;

    /// The text each candidate spans on each side.
    fn candidates(left: &str, right: &str) -> Vec<(String, String)> {
        let mut vocab = Vocab::new();
        let l = Document::new(Text::new("l", left), &mut vocab);
        let r = Document::new(Text::new("r", right), &mut vocab);
        let text = |d: &Document, range: &Range<usize>| {
            let (a, b) = (&d.tokens[range.start], &d.tokens[range.end - 1]);
            d.text.original[a.span.start..b.span.end].to_string()
        };
        find_candidates(&l, &r, &FindOptions::default())
            .iter()
            .map(|c| (text(&l, &c.left), text(&r, &c.right)))
            .collect()
    }

    #[test]
    fn a_chain_crosses_a_sentence_end_on_one_side_only_through_function_words() {
        // constructed: words of two left sentences ("bellows", "weaver") near each other in
        // one right sentence, with unmatched words between them on both sides
        let found = candidates(
            "The potter sold a gourd and a bellows at dawn.\n\nA weaver traded saffron for lichen.",
            "An anvil, saffron and bellows sat in the weaver's shed.",
        );
        assert!(
            found
                .iter()
                .all(|(l, _)| !(l.contains("bellows") && l.contains("weaver"))),
            "{found:?}"
        );
        // a copy across a sentence end that the other side made a comma (the Declaration of
        // Independence and the Declaration of Sentiments, data/declaration-vs-seneca-falls)
        // stays one echo
        let left = "from the consent of the governed, --That whenever any Form of Government";
        let right = "from the consent of the governed. Whenever any form of government";
        let found = candidates(left, right);
        assert!(
            found.iter().any(|(l, r)| l.contains("consent")
                && l.ends_with("Form of Government")
                && r.contains("consent")
                && r.ends_with("form of government")),
            "{found:?}"
        );
    }
}

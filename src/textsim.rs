//! The string similarities reported for each echo ([`crate::score::Metrics`]): strsim's
//! normalized Levenshtein, Jaro-Winkler and Sørensen-Dice, giving the same values (the same
//! counts, then strsim 0.11's formulas, operation for operation) in less time.
//!
//! strsim walks its strings as UTF-8 again for every character of the other one, finds
//! Jaro matches by scanning from the start of the other string, and counts bigrams in a
//! SipHash map. Here the characters are decoded once, or not at all when both strings are
//! ASCII (their bytes are their characters, looked up in 128-entry tables). Levenshtein uses
//! the bit-parallel algorithm of Myers (1999) in Hyyrö's formulation: one machine word per
//! column when the shorter string has at most 64 characters (O(n)), the block-wise form of
//! `rapidfuzz` otherwise (O(n·m/64)); Jaro finds matches a word of 64 positions at a time;
//! Dice counts bigrams, each packed into one integer, in sorted lists. Cost: O(n + m) for
//! short strings, O(n·m/64) at worst; callers bound the lengths
//! ([`crate::score::METRIC_CHARS`]).

use std::cmp::{max, min};

/// A character as the measures compare it: a byte of a string that is all ASCII (where
/// bytes and characters are the same thing, and a byte is cheaper to collect and look up), a
/// `char` otherwise.
trait Sym: Copy + Ord + Into<u32> + rapidfuzz::HashableChar {
    /// The code point, as an index.
    fn code(self) -> usize {
        Into::<u32>::into(self) as usize
    }
}
impl Sym for u8 {}
impl Sym for char {}

/// Run `f` over the characters of `a` and `b`: as bytes when both strings are ASCII, as
/// `char`s otherwise (the same sequences either way, so the same results).
fn with_syms<R>(
    a: &str,
    b: &str,
    f: impl Fn(&[u8], &[u8]) -> R,
    g: impl Fn(&[char], &[char]) -> R,
) -> R {
    if a.is_ascii() && b.is_ascii() {
        f(a.as_bytes(), b.as_bytes())
    } else {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        g(&a, &b)
    }
}

/// strsim's `normalized_levenshtein`: `1 - distance / max(chars)`, 1 for two empty strings.
pub(crate) fn normalized_levenshtein(a: &str, b: &str) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    fn normalized<T: Sym>(a: &[T], b: &[T]) -> f64 {
        1.0 - (levenshtein(a, b) as f64) / (a.len().max(b.len()) as f64)
    }
    with_syms(a, b, normalized, normalized)
}

/// Levenshtein distance (insertions, deletions, substitutions) of two character sequences.
fn levenshtein<T: Sym>(a: &[T], b: &[T]) -> usize {
    // the distance is symmetric: the shorter sequence is the pattern
    let (p, t) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if p.is_empty() {
        return t.len();
    }
    if p.len() <= 64 {
        bit_parallel(p, t)
    } else {
        // Hyyrö's block-wise form of the same algorithm, one machine word per 64 characters
        rapidfuzz::distance::levenshtein::distance(p.iter().copied(), t.iter().copied())
    }
}

/// Myers' bit-vector edit distance (Hyyrö 2001, "Explaining and extending the bit-parallel
/// approximate string matching algorithm of Myers"), global form: bit `i` of the vertical
/// deltas `pv`/`mv` is +1/-1 between rows `i` and `i + 1` of the current column; the last
/// row's value is tracked in `score`. `p` has 1 to 64 characters.
fn bit_parallel<T: Sym>(p: &[T], t: &[T]) -> usize {
    let m = p.len();
    let peq = pattern_masks(p);
    let mut ascii = [0u64; 128];
    for &(c, mask) in &peq {
        if let Some(slot) = ascii.get_mut(c.code()) {
            *slot = mask;
        }
    }
    let eq = |c: T| -> u64 {
        if let Some(&mask) = ascii.get(c.code()) {
            mask
        } else {
            peq.iter().find(|(x, _)| *x == c).map_or(0, |&(_, m)| m)
        }
    };
    let last = 1u64 << (m - 1);
    let (mut pv, mut mv) = (u64::MAX, 0u64);
    let mut score = m;
    for &c in t {
        let e = eq(c);
        let xv = e | mv;
        let xh = (((e & pv).wrapping_add(pv)) ^ pv) | e;
        let mut ph = mv | !(xh | pv);
        let mut mh = pv & xh;
        if ph & last != 0 {
            score += 1;
        } else if mh & last != 0 {
            score -= 1;
        }
        // row 0 grows by one a column: a +1 horizontal delta enters at the bottom
        ph = (ph << 1) | 1;
        mh <<= 1;
        pv = mh | !(xv | ph);
        mv = ph & xv;
    }
    score
}

/// The positions of each distinct item of a pattern of at most 64 items, as bit masks (bit
/// `i` set where the pattern holds the item at `i`), for the bit-parallel algorithms.
fn pattern_masks<T: Copy + PartialEq>(p: &[T]) -> Vec<(T, u64)> {
    let mut masks: Vec<(T, u64)> = Vec::with_capacity(p.len());
    for (i, &c) in p.iter().enumerate().take(64) {
        match masks.iter_mut().find(|(x, _)| *x == c) {
            Some((_, mask)) => *mask |= 1 << i,
            None => masks.push((c, 1 << i)),
        }
    }
    masks
}

/// The length of a longest common subsequence of `a` and `b`, as the `Equal` runs of
/// similar's Myers diff of the two add up to (the score counts function words matched in
/// order this way).
///
/// similar's Myers search is exact (a shortest edit script, so a longest common
/// subsequence) until its cost passes 256 or a side reaches 512 items, where git-style
/// heuristics may settle for less. Below that, when the shorter side fits a machine word, the
/// length is computed directly with the bit-parallel algorithm of Allison and Dix (1986) in
/// Hyyrö's form (one word operation per item of the longer side); otherwise similar is
/// asked, so the count is the same either way.
pub(crate) fn common_subsequence(a: &[u32], b: &[u32]) -> usize {
    let (p, t) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if p.is_empty() {
        return 0;
    }
    if p.len() > 64 || p.len() + t.len() > 256 {
        return similar::capture_diff_slices(similar::Algorithm::Myers, a, b)
            .iter()
            .map(|op| match op {
                similar::DiffOp::Equal { len, .. } => *len,
                _ => 0,
            })
            .sum();
    }
    let masks = pattern_masks(p);
    let all = u64::MAX >> (64 - p.len());
    // a zero bit of `v` marks a pattern position that ends a longer common subsequence
    let mut v = all;
    for k in t {
        let m = masks.iter().find(|(x, _)| x == k).map_or(0, |&(_, m)| m);
        let u = v & m;
        v = (v.wrapping_add(u) | (v - u)) & all;
    }
    p.len() - v.count_ones() as usize
}

/// strsim's `jaro_winkler`: Jaro similarity, raised by a common prefix of up to 4
/// characters when it exceeds 0.7.
pub(crate) fn jaro_winkler(a: &str, b: &str) -> f64 {
    fn winkler<T: Sym>(a: &[T], b: &[T]) -> f64 {
        let sim = jaro(a, b);
        if sim > 0.7 {
            let prefix = a.iter().take(4).zip(b).take_while(|(x, y)| x == y).count();
            sim + 0.1 * prefix as f64 * (1.0 - sim)
        } else {
            sim
        }
    }
    with_syms(a, b, winkler, winkler)
}

/// strsim's `generic_jaro` over characters: each character of `a` matches the first unmatched
/// equal character of `b` within the search window.
fn jaro<T: Sym>(a: &[T], b: &[T]) -> f64 {
    let (a_len, b_len) = (a.len(), b.len());
    if a_len == 0 && b_len == 0 {
        return 1.0;
    } else if a_len == 0 || b_len == 0 {
        return 0.0;
    }
    let search_range = (max(a_len, b_len) / 2).saturating_sub(1);
    // where each character stands in `b`, as bit sets of 64-position words; unmatched
    // positions of `b` likewise: the first unmatched equal character in the window is the
    // lowest bit of (positions & unmatched & window), found a word at a time. Each distinct
    // character of `b` has a slot of `words` words: ASCII characters find theirs in a table,
    // others by binary search
    let words = b_len.div_ceil(64);
    const NONE: usize = usize::MAX;
    let mut ascii_slot = [NONE; 128];
    let mut slot_of: Vec<(T, usize)> = Vec::new();
    let mut positions: Vec<u64> = Vec::new();
    let slot = |c: T, ascii_slot: &[usize; 128], slot_of: &[(T, usize)]| -> Option<usize> {
        match ascii_slot.get(c.code()) {
            Some(&k) => (k != NONE).then_some(k),
            None => slot_of
                .binary_search_by_key(&c, |e| e.0)
                .ok()
                .map(|k| slot_of[k].1),
        }
    };
    for (j, &y) in b.iter().enumerate() {
        let k = match slot(y, &ascii_slot, &slot_of) {
            Some(k) => k,
            None => {
                let k = positions.len() / words;
                positions.resize(positions.len() + words, 0);
                match ascii_slot.get_mut(y.code()) {
                    Some(s) => *s = k,
                    None => {
                        let at = slot_of.partition_point(|e| e.0 < y);
                        slot_of.insert(at, (y, k));
                    }
                }
                k
            }
        };
        positions[k * words + j / 64] |= 1 << (j % 64);
    }
    let mut unmatched: Vec<u64> = vec![u64::MAX; words];
    let mut a_flags = vec![false; a_len];
    let mut b_flags = vec![false; b_len];
    let mut matches = 0_usize;
    for (i, x) in a.iter().enumerate() {
        let Some(k) = slot(*x, &ascii_slot, &slot_of) else {
            continue;
        };
        let at = &positions[k * words..][..words];
        let from = i.saturating_sub(search_range);
        let to = min(b_len, i + search_range + 1);
        if from >= to {
            continue;
        }
        for w in from / 64..=(to - 1) / 64 {
            let mut mask = at[w] & unmatched[w];
            if w == from / 64 {
                mask &= u64::MAX << (from % 64);
            }
            if w == (to - 1) / 64 && to % 64 != 0 {
                mask &= u64::MAX >> (64 - to % 64);
            }
            if mask != 0 {
                let j = w * 64 + mask.trailing_zeros() as usize;
                unmatched[w] &= !(1 << (j % 64));
                b_flags[j] = true;
                a_flags[i] = true;
                matches += 1;
                break;
            }
        }
    }
    if matches == 0 {
        return 0.0;
    }
    // the matched characters of each side, in order, compared pairwise
    let matched_b = b.iter().zip(&b_flags).filter(|(_, f)| **f).map(|(c, _)| c);
    let matched_a = a.iter().zip(&a_flags).filter(|(_, f)| **f).map(|(c, _)| c);
    let transpositions = matched_a.zip(matched_b).filter(|(x, y)| x != y).count() / 2;
    ((matches as f64 / a_len as f64)
        + (matches as f64 / b_len as f64)
        + ((matches - transpositions) as f64 / matches as f64))
        / 3.0
}

/// strsim's `sorensen_dice`: bigrams of the strings without whitespace, `2 × shared /
/// (bytes of both − 2)` (strsim's denominator counts bytes, not characters).
pub(crate) fn sorensen_dice(a: &str, b: &str) -> f64 {
    let a: String = a.chars().filter(|&x| !char::is_whitespace(x)).collect();
    let b: String = b.chars().filter(|&x| !char::is_whitespace(x)).collect();
    if a == b {
        return 1.0;
    }
    if a.len() < 2 || b.len() < 2 {
        return 0.0;
    }
    // each bigram packed into one integer (first character in the high half), so sorting
    // the integers sorts the pairs
    fn bigrams<T: Sym>(s: &[T]) -> Vec<u64> {
        let pack = |x: T, y: T| (u64::from(Into::<u32>::into(x)) << 32) | u64::from(y.into());
        let mut v: Vec<u64> = s.windows(2).map(|w| pack(w[0], w[1])).collect();
        v.sort_unstable();
        v
    }
    fn shared<T: Sym>(a: &[T], b: &[T]) -> usize {
        sorted_common(&bigrams(a), &bigrams(b))
    }
    // the shared bigrams, counted with multiplicity (the smaller count of each)
    let shared = with_syms(&a, &b, shared, shared);
    (2 * shared) as f64 / (a.len() + b.len() - 2) as f64
}

/// The items two sorted lists share, counted with multiplicity (the smaller count of each):
/// one merge pass.
pub(crate) fn sorted_common<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A xorshift64 generator: deterministic test inputs without a dependency.
    fn xorshift(seed: u64) -> impl FnMut() -> u64 {
        let mut state = seed;
        move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        }
    }

    /// The bit-parallel count equals the Equal runs of similar's Myers diff, which are a
    /// longest common subsequence at these sizes (checked here against the textbook
    /// dynamic program too).
    #[test]
    fn common_subsequence_is_what_myers_keeps() {
        let mut next = xorshift(0x9e37_79b9_7f4a_7c15);
        for round in 0..3000 {
            let alphabet = 1 + round % 7;
            let (n, m) = ((next() % 70) as usize, (next() % 130) as usize);
            let a: Vec<u32> = (0..n).map(|_| (next() % alphabet) as u32).collect();
            let b: Vec<u32> = (0..m).map(|_| (next() % alphabet) as u32).collect();
            let myers: usize = similar::capture_diff_slices(similar::Algorithm::Myers, &a, &b)
                .iter()
                .map(|op| match op {
                    similar::DiffOp::Equal { len, .. } => *len,
                    _ => 0,
                })
                .sum();
            let mut dp = vec![vec![0usize; m + 1]; n + 1];
            for i in 0..n {
                for j in 0..m {
                    dp[i + 1][j + 1] = if a[i] == b[j] {
                        dp[i][j] + 1
                    } else {
                        dp[i][j + 1].max(dp[i + 1][j])
                    };
                }
            }
            let got = common_subsequence(&a, &b);
            assert_eq!(got, myers, "{a:?} {b:?}");
            assert_eq!(got, dp[n][m], "{a:?} {b:?}");
        }
    }

    /// Strings from two small alphabets (so they share characters), one all ASCII (the byte
    /// path) and one with multi-byte and combining characters (the `char` path), of lengths
    /// around the 64-character switch.
    fn strings() -> Vec<String> {
        let mut next = xorshift(0x2545_f491_4f6c_dd1d);
        let mut out: Vec<String> = ["", "a", " ", "kitten", "sitting", "cheeseburger"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        for alphabet in ["ab cdé\u{301}ñ 北x", "ab cd,x"] {
            let alphabet: Vec<char> = alphabet.chars().collect();
            for len in [
                1, 2, 3, 5, 8, 13, 30, 63, 64, 65, 100, 127, 128, 129, 150, 400,
            ] {
                for _ in 0..4 {
                    let s: String = (0..len)
                        .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                        .collect();
                    out.push(s);
                }
            }
        }
        out
    }

    #[test]
    fn the_same_values_as_strsim() {
        let all = strings();
        for a in &all {
            for b in &all {
                let same = |x: f64, y: f64| x.to_bits() == y.to_bits();
                assert!(
                    same(
                        normalized_levenshtein(a, b),
                        strsim::normalized_levenshtein(a, b)
                    ),
                    "levenshtein {a:?} {b:?}"
                );
                assert!(
                    same(jaro_winkler(a, b), strsim::jaro_winkler(a, b)),
                    "jaro-winkler {a:?} {b:?}"
                );
                assert!(
                    same(sorensen_dice(a, b), strsim::sorensen_dice(a, b)),
                    "dice {a:?} {b:?}"
                );
            }
        }
    }
}

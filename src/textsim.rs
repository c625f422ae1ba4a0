//! The string similarities reported for each echo ([`crate::score::Metrics`]): strsim's
//! normalized Levenshtein, Jaro-Winkler and Sørensen-Dice, giving the same values (the same
//! counts, then strsim 0.11's formulas, operation for operation) in less time.
//!
//! strsim walks its strings as UTF-8 again for every character of the other one, finds
//! Jaro matches by scanning from the start of the other string, and counts bigrams in a
//! SipHash map. Here the characters are decoded once; Levenshtein uses the bit-parallel
//! algorithm of Myers (1999) in Hyyrö's formulation: one machine word per column when the
//! shorter string has at most 64 characters (O(n)), the block-wise form of `rapidfuzz`
//! otherwise (O(n·m/64)); Jaro finds matches a word of 64 positions at a time; Dice counts bigrams in sorted
//! lists. Cost: O(n + m) for short strings, O(n·m/64) at worst; callers bound the lengths
//! ([`crate::score::METRIC_CHARS`]).

use std::cmp::{max, min};

/// strsim's `normalized_levenshtein`: `1 - distance / max(chars)`, 1 for two empty strings.
pub(crate) fn normalized_levenshtein(a: &str, b: &str) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    1.0 - (levenshtein(&a, &b) as f64) / (a.len().max(b.len()) as f64)
}

/// Levenshtein distance (insertions, deletions, substitutions) of two character sequences.
fn levenshtein(a: &[char], b: &[char]) -> usize {
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
fn bit_parallel(p: &[char], t: &[char]) -> usize {
    let m = p.len();
    // positions of each distinct pattern character, as a bit mask
    let mut peq: Vec<(char, u64)> = Vec::with_capacity(m);
    for (i, &c) in p.iter().enumerate() {
        match peq.iter_mut().find(|(x, _)| *x == c) {
            Some((_, mask)) => *mask |= 1 << i,
            None => peq.push((c, 1 << i)),
        }
    }
    let ascii: Vec<u64> = {
        let mut table = vec![0u64; 128];
        for &(c, mask) in &peq {
            if let Some(slot) = table.get_mut(c as usize) {
                *slot = mask;
            }
        }
        table
    };
    let eq = |c: char| -> u64 {
        if c.is_ascii() {
            ascii.get(c as usize).copied().unwrap_or(0)
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

/// strsim's `jaro_winkler`: Jaro similarity, raised by a common prefix of up to 4
/// characters when it exceeds 0.7.
pub(crate) fn jaro_winkler(a: &str, b: &str) -> f64 {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let sim = jaro(&a, &b);
    if sim > 0.7 {
        let prefix = a.iter().take(4).zip(&b).take_while(|(x, y)| x == y).count();
        sim + 0.1 * prefix as f64 * (1.0 - sim)
    } else {
        sim
    }
}

/// strsim's `generic_jaro` over characters: each character of `a` matches the first unmatched
/// equal character of `b` within the search window.
fn jaro(a: &[char], b: &[char]) -> f64 {
    let (a_len, b_len) = (a.len(), b.len());
    if a_len == 0 && b_len == 0 {
        return 1.0;
    } else if a_len == 0 || b_len == 0 {
        return 0.0;
    }
    let search_range = (max(a_len, b_len) / 2).saturating_sub(1);
    // where each character stands in `b`, as bit sets of 64-position words; unmatched
    // positions of `b` likewise: the first unmatched equal character in the window is the
    // lowest bit of (positions & unmatched & window), found a word at a time
    let words = b_len.div_ceil(64);
    let mut slot_of: Vec<(char, usize)> = Vec::new();
    let mut positions: Vec<u64> = Vec::new();
    for (j, &y) in b.iter().enumerate() {
        let slot = match slot_of.binary_search_by_key(&y, |e| e.0) {
            Ok(k) => slot_of[k].1,
            Err(k) => {
                slot_of.insert(k, (y, positions.len() / words));
                positions.resize(positions.len() + words, 0);
                positions.len() / words - 1
            }
        };
        positions[slot * words + j / 64] |= 1 << (j % 64);
    }
    let mut unmatched: Vec<u64> = vec![u64::MAX; words];
    let mut a_flags = vec![false; a_len];
    let mut b_flags = vec![false; b_len];
    let mut matches = 0_usize;
    for (i, x) in a.iter().enumerate() {
        let Ok(k) = slot_of.binary_search_by_key(x, |e| e.0) else {
            continue;
        };
        let at = &positions[slot_of[k].1 * words..][..words];
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
    let bigrams = |s: &str| -> Vec<(char, char)> {
        let mut v: Vec<(char, char)> = s.chars().zip(s.chars().skip(1)).collect();
        v.sort_unstable();
        v
    };
    let (x, y) = (bigrams(&a), bigrams(&b));
    // the shared bigrams, counted with multiplicity (the smaller count of each)
    let (mut i, mut j, mut shared) = (0, 0, 0_usize);
    while let (Some(p), Some(q)) = (x.get(i), y.get(j)) {
        match p.cmp(q) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (2 * shared) as f64 / (a.len() + b.len() - 2) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Strings from a small alphabet (so they share characters), with multi-byte and
    /// combining characters, of lengths around the 64-character switch.
    fn strings() -> Vec<String> {
        let alphabet: Vec<char> = "ab cdé\u{301}ñ 北x".chars().collect();
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut out: Vec<String> = ["", "a", " ", "kitten", "sitting", "cheeseburger"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        for len in [
            1, 2, 3, 5, 8, 13, 30, 63, 64, 65, 100, 127, 128, 129, 150, 400,
        ] {
            for _ in 0..6 {
                let s: String = (0..len)
                    .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                    .collect();
                out.push(s);
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

//! Segment frequencies of keys on both sides of a comparison, and the inverse segment
//! frequency (isf) weighting that passages ([`crate::passages`]) and statement-level echoes
//! ([`crate::report`]) give them.
//!
//! A segment is a sentence or a passage unit, given as the keys it holds. A key's weight is
//! `ln(n / d)`, with `n` one more than the larger side's number of segments and `d` the
//! larger of the two sides' counts of segments holding it: a key is common when one text uses
//! it throughout, not because both texts use it (reuse itself must not lower the weight of
//! the words reused).

use crate::text::{Pair, Side};
use crate::tokenize::KeyId;
use rustc_hash::FxHashMap;

/// How many segments of each side hold each key.
///
/// Maps, not arrays indexed by key: `scan` compares many small documents over one
/// vocabulary, where an array would be as long as the whole vocabulary for every pair.
pub(crate) struct SegmentFrequency {
    /// Segments holding each key, per side.
    holders: Pair<FxHashMap<KeyId, u32>>,
    /// Number of segments, per side.
    pub(crate) segments: Pair<usize>,
    /// The isf weight of each key held on either side ([`SegmentFrequency::isf`]), computed
    /// once per key rather than at every lookup.
    weights: FxHashMap<KeyId, f64>,
}

impl SegmentFrequency {
    /// Count the segments of both sides (each an iterator over its keys, a key counted once
    /// per segment however often it occurs there), the two sides on two threads.
    pub(crate) fn new<L, R>(left: L, right: R) -> Self
    where
        L: IntoIterator<Item: IntoIterator<Item = KeyId>> + Send,
        R: IntoIterator<Item: IntoIterator<Item = KeyId>> + Send,
    {
        fn count<S: IntoIterator<Item: IntoIterator<Item = KeyId>>>(
            segments: S,
        ) -> (FxHashMap<KeyId, u32>, usize) {
            // per key: segments holding it, and the last segment (numbered from 1) counted
            let mut seen: FxHashMap<KeyId, [u32; 2]> = FxHashMap::default();
            let mut n = 0u32;
            for keys in segments {
                n += 1;
                for k in keys {
                    let e = seen.entry(k).or_insert([0, 0]);
                    if e[1] != n {
                        *e = [e[0] + 1, n];
                    }
                }
            }
            let holders = seen.into_iter().map(|(k, [c, _])| (k, c)).collect();
            (holders, n as usize)
        }
        let ((hl, nl), (hr, nr)) = rayon::join(|| count(left), || count(right));
        let mut sf = SegmentFrequency {
            holders: Pair::new(hl, hr),
            segments: Pair::new(nl, nr),
            weights: FxHashMap::default(),
        };
        let keys: Vec<KeyId> = sf
            .holders
            .left
            .keys()
            .chain(sf.holders.right.keys())
            .copied()
            .collect();
        sf.weights = keys.into_iter().map(|k| (k, sf.weight(k))).collect();
        sf
    }

    /// Segments of `side` holding `key`, at least 1 (a key is held where it is looked up).
    pub(crate) fn held(&self, side: Side, key: KeyId) -> u32 {
        self.holders[side].get(&key).copied().unwrap_or(1).max(1)
    }

    /// The isf weight of `key`: `ln(n / d)` (see the module documentation).
    pub(crate) fn isf(&self, key: KeyId) -> f64 {
        match self.weights.get(&key) {
            Some(&w) => w,
            None => self.weight(key),
        }
    }

    fn weight(&self, key: KeyId) -> f64 {
        let n = self.segments.left.max(self.segments.right) as f64 + 1.0;
        let d = self.held(Side::Left, key).max(self.held(Side::Right, key));
        (n / f64::from(d)).ln()
    }
}

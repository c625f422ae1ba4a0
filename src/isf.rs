//! Segment frequencies of keys on both sides of a comparison, and the inverse segment
//! frequency (isf) weighting that passages ([`crate::passages`]) and statement-level echoes
//! ([`crate::report`]) give them.
//!
//! A segment is a sentence or a passage unit, given as the keys it holds. A key's weight is
//! `ln(n / d)`, with `n` one more than the larger side's number of segments and `d` the
//! larger of the two sides' counts of segments holding it: a key is common when one text uses
//! it throughout, not because both texts use it (reuse itself must not lower the weight of
//! the words reused).

use crate::text::Pair;
use crate::tokenize::KeyId;
use rustc_hash::{FxHashMap, FxHashSet};

/// How many segments of each side hold each key.
pub(crate) struct SegmentFrequency {
    /// Segments holding each key, per side.
    pub(crate) holders: Pair<FxHashMap<KeyId, u32>>,
    /// Number of segments, per side.
    pub(crate) segments: Pair<usize>,
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
            let mut holders: FxHashMap<KeyId, u32> = FxHashMap::default();
            let mut seen: FxHashSet<KeyId> = FxHashSet::default();
            let mut n = 0;
            for keys in segments {
                n += 1;
                seen.clear();
                for k in keys {
                    if seen.insert(k) {
                        *holders.entry(k).or_insert(0) += 1;
                    }
                }
            }
            (holders, n)
        }
        let ((hl, nl), (hr, nr)) = rayon::join(|| count(left), || count(right));
        SegmentFrequency {
            holders: Pair::new(hl, hr),
            segments: Pair::new(nl, nr),
        }
    }

    /// Segments of `side` holding `key`, at least 1 (a key is held where it is looked up).
    pub(crate) fn held(&self, side: crate::text::Side, key: KeyId) -> u32 {
        self.holders[side].get(&key).copied().unwrap_or(1).max(1)
    }

    /// The isf weight of `key`: `ln(n / d)` (see the module documentation).
    pub(crate) fn isf(&self, key: KeyId) -> f64 {
        let n = self.segments.left.max(self.segments.right) as f64 + 1.0;
        let d = self
            .held(crate::text::Side::Left, key)
            .max(self.held(crate::text::Side::Right, key));
        (n / f64::from(d)).ln()
    }
}

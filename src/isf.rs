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

/// How many segments of each side hold each key.
pub(crate) struct SegmentFrequency {
    /// Segments holding each key, per side, indexed by key (keys are dense vocabulary ids; a
    /// key past the end is held nowhere).
    holders: Pair<Vec<u32>>,
    /// Number of segments, per side.
    pub(crate) segments: Pair<usize>,
    /// The isf weight of each key, indexed by key ([`SegmentFrequency::isf`]).
    weights: Vec<f64>,
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
        ) -> (Vec<u32>, usize) {
            let mut holders: Vec<u32> = Vec::new();
            // the last segment (numbered from 1) that counted each key
            let mut last: Vec<u32> = Vec::new();
            let mut n = 0;
            for keys in segments {
                n += 1;
                for k in keys {
                    let k = k as usize;
                    if k >= holders.len() {
                        holders.resize(k + 1, 0);
                        last.resize(k + 1, 0);
                    }
                    if last[k] != n as u32 {
                        last[k] = n as u32;
                        holders[k] += 1;
                    }
                }
            }
            (holders, n)
        }
        let ((hl, nl), (hr, nr)) = rayon::join(|| count(left), || count(right));
        let mut sf = SegmentFrequency {
            holders: Pair::new(hl, hr),
            segments: Pair::new(nl, nr),
            weights: Vec::new(),
        };
        let n = nl.max(nr) as f64 + 1.0;
        let keys = sf.holders.left.len().max(sf.holders.right.len());
        sf.weights = (0..keys)
            .map(|k| {
                let d = sf
                    .held(Side::Left, k as KeyId)
                    .max(sf.held(Side::Right, k as KeyId));
                (n / f64::from(d)).ln()
            })
            .collect();
        sf
    }

    /// Segments of `side` holding `key`, at least 1 (a key is held where it is looked up).
    pub(crate) fn held(&self, side: Side, key: KeyId) -> u32 {
        self.holders[side]
            .get(key as usize)
            .copied()
            .unwrap_or(1)
            .max(1)
    }

    /// The isf weight of `key`: `ln(n / d)` (see the module documentation).
    pub(crate) fn isf(&self, key: KeyId) -> f64 {
        match self.weights.get(key as usize) {
            Some(&w) => w,
            // a key no segment holds
            None => (self.segments.left.max(self.segments.right) as f64 + 1.0).ln(),
        }
    }
}

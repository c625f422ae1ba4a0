//! The PAN text alignment measure: precision, recall, granularity and plagdet (Potthast, Stein,
//! Barrón-Cedeño and Rosso, "An Evaluation Framework for Plagiarism Detection", COLING 2010;
//! the official PAN 2013 script).
//!
//! A gold case `s` and a detection `r` each cover characters in both documents of a pair
//! (`|s|` counts both sides). `r` detects `s` when they belong to the same pair and overlap in
//! the suspicious document and in the source document. With `s ⊓ r = s ∩ r` when `r` detects
//! `s` (else empty), pooled over all cases `S` and detections `R` of all pairs measured:
//!
//! ```text
//! precision   = 1/|R| Σ_r |∪_s (s ⊓ r)| / |r|
//! recall      = 1/|S| Σ_s |∪_r (s ⊓ r)| / |s|
//! granularity = 1/|S_R| Σ_{s ∈ S_R} |{r : r detects s}|     (S_R: detected cases; 1 when none)
//! plagdet     = F1(precision, recall) / log2(1 + granularity)
//! ```
//!
//! Edge cases (as the reference scorer `score_pan.py`): no cases and no detections give
//! precision = recall = granularity = plagdet = 1; exactly one of them empty gives precision =
//! recall = plagdet = 0 (granularity 1); plagdet is 0 when precision and recall are both 0. A
//! detection of no characters counts in `|R|` with precision 0.
//!
//! Cost: for each pair, O(cases × detections) overlap tests plus a sort per union. Sums run in
//! pair order, then case or detection order, as the reference scorer does.

use serde::Serialize;

/// A range of characters (Unicode scalar values) in one document, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Chars {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

impl Chars {
    /// The range `start..end`.
    pub fn new(start: usize, end: usize) -> Self {
        Chars { start, end }
    }

    /// Characters covered (0 when `end <= start`).
    pub fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// The characters both ranges cover, if any.
    fn intersect(self, other: Chars) -> Option<Chars> {
        let r = Chars::new(self.start.max(other.start), self.end.min(other.end));
        (r.len() > 0).then_some(r)
    }
}

/// A reused passage: a range in the suspicious document and one in the source. A gold case or
/// a detection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Reuse {
    /// Characters in the suspicious document (PAN's `this_offset`, `this_length`).
    pub susp: Chars,
    /// Characters in the source document (PAN's `source_offset`, `source_length`).
    pub src: Chars,
}

impl Reuse {
    /// A reuse from `(offset, length)` on each side, as PAN's XML gives them.
    pub fn from_lengths(this: (usize, usize), source: (usize, usize)) -> Self {
        Reuse {
            susp: Chars::new(this.0, this.0 + this.1),
            src: Chars::new(source.0, source.0 + source.1),
        }
    }

    /// `|s|`: characters on both sides.
    pub fn size(self) -> usize {
        self.susp.len() + self.src.len()
    }

    /// Whether `self` and `other` overlap in both documents (one detects the other).
    fn detects(self, other: Reuse) -> bool {
        self.susp.intersect(other.susp).is_some() && self.src.intersect(other.src).is_some()
    }
}

/// The gold cases and the detections of one document pair.
#[derive(Debug, Clone, Copy)]
pub struct Judged<'a> {
    /// Gold cases.
    pub cases: &'a [Reuse],
    /// Detections.
    pub detections: &'a [Reuse],
}

/// The four figures of the measure, with the counts they pool.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Scores {
    /// Mean over detections of the share of each covered by the cases it detects.
    pub precision: f64,
    /// Mean over cases of the share of each covered by the detections that detect it.
    pub recall: f64,
    /// Mean number of detections per detected case.
    pub granularity: f64,
    /// `F1(precision, recall) / log2(1 + granularity)`.
    pub plagdet: f64,
    /// Gold cases pooled.
    pub cases: usize,
    /// Detections pooled.
    pub detections: usize,
    /// Cases detected by at least one detection.
    pub detected: usize,
}

/// Characters of `target` (both documents) covered by the union of its intersections with
/// `others`.
fn covered<'a>(target: Reuse, others: impl Iterator<Item = &'a Reuse> + Clone) -> usize {
    let side = |pick: fn(&Reuse) -> Chars| {
        let mut parts: Vec<Chars> = others
            .clone()
            .filter_map(|o| pick(&target).intersect(pick(o)))
            .collect();
        union_len(&mut parts)
    };
    side(|r| r.susp) + side(|r| r.src)
}

/// Length of the union of `ranges` (sorted in place).
fn union_len(ranges: &mut [Chars]) -> usize {
    ranges.sort_unstable();
    let mut total = 0;
    let mut current: Option<Chars> = None;
    for &r in ranges.iter() {
        current = match current {
            Some(c) if r.start <= c.end => Some(Chars::new(c.start, c.end.max(r.end))),
            Some(c) => {
                total += c.len();
                Some(r)
            }
            None => Some(r),
        };
    }
    total + current.map_or(0, Chars::len)
}

/// `covered / size`, 0 for an empty target.
fn share(covered: usize, size: usize) -> f64 {
    if size == 0 {
        0.0
    } else {
        covered as f64 / size as f64
    }
}

/// The measure over `pairs`, pooled (micro-averaged) over all their cases and detections.
pub fn measure<'a>(pairs: impl IntoIterator<Item = Judged<'a>> + Clone) -> Scores {
    let (mut cases, mut detections, mut detected, mut hits) = (0, 0, 0, 0);
    let (mut precision, mut recall) = (0.0, 0.0);
    for pair in pairs.clone() {
        for &r in pair.detections {
            let hit = pair.cases.iter().filter(|s| s.detects(r));
            precision += share(covered(r, hit), r.size());
            detections += 1;
        }
    }
    for pair in pairs {
        for &s in pair.cases {
            let hit = pair.detections.iter().filter(|r| r.detects(s));
            recall += share(covered(s, hit.clone()), s.size());
            let n = hit.count();
            if n > 0 {
                detected += 1;
                hits += n;
            }
            cases += 1;
        }
    }
    let (precision, recall, granularity) = match (cases, detections) {
        (0, 0) => (1.0, 1.0, 1.0),
        (0, _) | (_, 0) => (0.0, 0.0, 1.0),
        _ => (
            precision / detections as f64,
            recall / cases as f64,
            if detected == 0 {
                1.0
            } else {
                hits as f64 / detected as f64
            },
        ),
    };
    Scores {
        precision,
        recall,
        granularity,
        plagdet: plagdet(precision, recall, granularity),
        cases,
        detections,
        detected,
    }
}

/// `F1(precision, recall) / log2(1 + granularity)`; 0 when precision and recall are both 0.
pub fn plagdet(precision: f64, recall: f64, granularity: f64) -> f64 {
    if precision + recall == 0.0 {
        return 0.0;
    }
    let f1 = 2.0 * precision * recall / (precision + recall);
    f1 / (1.0 + granularity).log2()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reuse covering `susp` in the suspicious document and `src` in the source.
    fn re(susp: (usize, usize), src: (usize, usize)) -> Reuse {
        Reuse {
            susp: Chars::new(susp.0, susp.1),
            src: Chars::new(src.0, src.1),
        }
    }

    /// Precision, recall, granularity, plagdet.
    type Want = (f64, f64, f64, f64);

    struct Case {
        name: &'static str,
        /// (cases, detections) per pair.
        pairs: Vec<(Vec<Reuse>, Vec<Reuse>)>,
        want: Want,
    }

    fn run(case: &Case) -> Scores {
        measure(case.pairs.iter().map(|(c, d)| Judged {
            cases: c,
            detections: d,
        }))
    }

    fn cases() -> Vec<Case> {
        let whole = re((0, 100), (0, 100)); // |s| = 200
        let third = 1.0 / 3.0;
        vec![
            // README edge case: no cases and no detections -> P = R = 1 (gran 1, plagdet 1).
            Case {
                name: "nothing at all",
                pairs: vec![],
                want: (1.0, 1.0, 1.0, 1.0),
            },
            Case {
                name: "pairs without cases or detections",
                pairs: vec![(vec![], vec![]), (vec![], vec![])],
                want: (1.0, 1.0, 1.0, 1.0),
            },
            // README edge case: cases but no detections -> P = R = 0, plagdet 0.
            Case {
                name: "cases, no detections",
                pairs: vec![(vec![whole], vec![])],
                want: (0.0, 0.0, 1.0, 0.0),
            },
            // README edge case: detections but no cases (a no-plagiarism pair) -> 0.
            Case {
                name: "detections, no cases",
                pairs: vec![(vec![], vec![whole])],
                want: (0.0, 0.0, 1.0, 0.0),
            },
            Case {
                name: "exact detection",
                pairs: vec![(vec![whole], vec![whole])],
                want: (1.0, 1.0, 1.0, 1.0),
            },
            // s ∩ r = 50 + 50 = 100 of |s| = |r| = 200: P = R = 0.5, F1 0.5, log2(2) = 1.
            Case {
                name: "half overlap on both sides",
                pairs: vec![(vec![whole], vec![re((50, 150), (50, 150))])],
                want: (0.5, 0.5, 1.0, 0.5),
            },
            // Overlap in one document only does not detect: P = 0/200, R = 0/200, and
            // plagdet is 0 because P and R are both 0 (README edge case).
            Case {
                name: "overlap in the suspicious document only",
                pairs: vec![(vec![whole], vec![re((0, 100), (200, 300))])],
                want: (0.0, 0.0, 1.0, 0.0),
            },
            // Two halves: each fully inside the case (P = 1), together covering it (R = 1),
            // granularity 2: plagdet = 1 / log2(3) = 0.6309297535714574.
            Case {
                name: "case split in two detections",
                pairs: vec![(
                    vec![whole],
                    vec![re((0, 50), (0, 50)), re((50, 100), (50, 100))],
                )],
                want: (1.0, 1.0, 2.0, 1.0 / 3f64.log2()),
            },
            // Overlapping detections count their union once: R = (100 + 100) / 200 = 1, not
            // 1.2; P = 1 for each; granularity 2.
            Case {
                name: "overlapping detections of one case",
                pairs: vec![(
                    vec![whole],
                    vec![re((0, 60), (0, 60)), re((40, 100), (40, 100))],
                )],
                want: (1.0, 1.0, 2.0, 1.0 / 3f64.log2()),
            },
            // One detection over two cases: |r| = 600, covered 4 × 100 = 400, P = 2/3; each
            // case fully covered, R = 1; each detected once, gran 1.
            // F1 = 2 (2/3)(1) / (5/3) = 0.8.
            Case {
                name: "one detection over two cases",
                pairs: vec![(
                    vec![whole, re((200, 300), (200, 300))],
                    vec![re((0, 300), (0, 300))],
                )],
                want: (2.0 * third, 1.0, 1.0, 0.8),
            },
            // |s| = 100 + 300 = 400, |r| = 200 inside it: P = 1, R = 200/400 = 0.5,
            // F1 = 2 (0.5) / 1.5 = 2/3.
            Case {
                name: "longer source side",
                pairs: vec![(vec![re((0, 100), (0, 300))], vec![whole])],
                want: (1.0, 0.5, 1.0, 2.0 * third),
            },
            // Pooled over pairs: pair 1 exact (P 1, R 1), pair 2 a missed case (R 0), pair 3
            // a false positive (P 0) of 20 chars. P = (1 + 0)/2, R = (1 + 0)/2, plagdet 0.5.
            Case {
                name: "pooled over pairs",
                pairs: vec![
                    (vec![whole], vec![whole]),
                    (vec![whole], vec![]),
                    (vec![], vec![re((0, 10), (0, 10))]),
                ],
                want: (0.5, 0.5, 1.0, 0.5),
            },
            // The same ranges in different pairs do not detect each other: P = R = 0.
            Case {
                name: "detection in another pair",
                pairs: vec![(vec![whole], vec![]), (vec![], vec![whole])],
                want: (0.0, 0.0, 1.0, 0.0),
            },
            // A detection of no characters counts in |R| with precision 0 and detects
            // nothing: P = (1 + 0)/2 = 0.5, R = 1, F1 = 2 (0.5) / 1.5 = 2/3.
            Case {
                name: "empty detection",
                pairs: vec![(vec![whole], vec![whole, re((10, 10), (10, 10))])],
                want: (0.5, 1.0, 1.0, 2.0 * third),
            },
            // Granularity averages over detected cases only: case A split in three
            // (each a third, P 1 each), case B missed. R = (1 + 0)/2 = 0.5, gran 3,
            // F1 = 2 (0.5)/1.5 = 2/3, plagdet = (2/3)/log2(4) = 1/3.
            Case {
                name: "granularity over detected cases only",
                pairs: vec![(
                    vec![re((0, 90), (0, 90)), re((500, 600), (500, 600))],
                    vec![
                        re((0, 30), (0, 30)),
                        re((30, 60), (30, 60)),
                        re((60, 90), (60, 90)),
                    ],
                )],
                want: (1.0, 0.5, 3.0, third),
            },
        ]
    }

    #[test]
    fn hand_computed_cases() {
        for case in cases() {
            let got = run(&case);
            let got4 = (got.precision, got.recall, got.granularity, got.plagdet);
            let close = |a: f64, b: f64| (a - b).abs() < 1e-12;
            assert!(
                close(got4.0, case.want.0)
                    && close(got4.1, case.want.1)
                    && close(got4.2, case.want.2)
                    && close(got4.3, case.want.3),
                "{}: got {got4:?}, want {:?}",
                case.name,
                case.want
            );
        }
    }

    #[test]
    fn counts() {
        let whole = re((0, 100), (0, 100));
        let s = measure([Judged {
            cases: &[whole, re((500, 600), (500, 600))],
            detections: &[re((0, 50), (0, 50)), re((50, 100), (50, 100))],
        }]);
        assert_eq!((s.cases, s.detections, s.detected), (2, 2, 1));
    }

    #[test]
    fn union_merges_touching_and_nested_ranges() {
        let mut r = [
            Chars::new(10, 20),
            Chars::new(0, 5),
            Chars::new(5, 8),
            Chars::new(12, 15),
            Chars::new(30, 31),
        ];
        // [0,8) + [10,20) + [30,31) = 8 + 10 + 1
        assert_eq!(union_len(&mut r), 19);
        assert_eq!(union_len(&mut []), 0);
    }

    #[test]
    fn plagdet_is_zero_without_precision_and_recall() {
        assert_eq!(plagdet(0.0, 0.0, 1.0), 0.0);
        assert_eq!(plagdet(1.0, 1.0, 1.0), 1.0);
    }
}

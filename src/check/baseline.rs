//! Baselines: every pair's echoes stored as plain, diffable JSON, and the differences between a
//! stored baseline and a new run (echoes gained, lost, and scores that moved).
//!
//! Stable ordering: pairs in reference-file order, echoes by (left text, right text, left
//! start, right start); scores rounded to three decimals. An echo of the baseline and one of
//! the new run are the same echo when their two phrasings are the same text; repeated
//! phrasings are paired in text order, so an edit elsewhere that shifts offsets is no change.

use crate::report::{Report, score_key};
use crate::text::Side;
use serde::{Deserialize, Serialize};

/// Version of the baseline format.
pub const BASELINE_VERSION: u32 = 1;

/// A stored baseline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// Format version ([`BASELINE_VERSION`]).
    pub baseline_version: u32,
    /// The pairs, in reference-file order.
    pub pairs: Vec<BaselinePair>,
}

impl Baseline {
    /// A baseline of `pairs`.
    pub fn new(pairs: Vec<BaselinePair>) -> Self {
        Baseline {
            baseline_version: BASELINE_VERSION,
            pairs,
        }
    }

    /// The stored pair named `name`.
    pub fn pair(&self, name: &str) -> Option<&BaselinePair> {
        self.pairs.iter().find(|p| p.name == name)
    }
}

/// The echoes of one pair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselinePair {
    /// The pair's name in the reference file.
    pub name: String,
    /// Its echoes, sorted.
    pub echoes: Vec<BaselineEcho>,
}

/// One stored echo.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineEcho {
    /// Left phrasing, exactly as in the text.
    pub left: String,
    /// Right phrasing.
    pub right: String,
    /// Byte offset of the left phrasing.
    pub left_start: usize,
    /// Byte offset of the right phrasing.
    pub right_start: usize,
    /// Score, three decimals.
    pub score: f64,
}

impl BaselineEcho {
    fn key(&self) -> (&str, &str, usize, usize) {
        (&self.left, &self.right, self.left_start, self.right_start)
    }
}

impl BaselinePair {
    /// The echoes of `report` (after ignoring), sorted.
    pub fn of(name: &str, report: &Report) -> Self {
        let mut echoes: Vec<BaselineEcho> = report
            .echoes
            .iter()
            .map(|e| BaselineEcho {
                left: report.slice(Side::Left, e.places.left.span).to_string(),
                right: report.slice(Side::Right, e.places.right.span).to_string(),
                left_start: e.places.left.span.start,
                right_start: e.places.right.span.start,
                score: score_key(e.score) as f64 / 1000.0,
            })
            .collect();
        echoes.sort_by(|a, b| a.key().cmp(&b.key()));
        BaselinePair {
            name: name.to_string(),
            echoes,
        }
    }
}

/// A score that moved more than the tolerance.
#[derive(Debug, Clone, PartialEq)]
pub struct Moved {
    /// The stored echo.
    pub before: BaselineEcho,
    /// The echo now.
    pub after: BaselineEcho,
}

/// How a pair's echoes differ from its baseline.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BaselineDiff {
    /// The pair is not in the baseline (every echo counts as gained).
    pub new_pair: bool,
    /// Echoes found now and not in the baseline.
    pub gained: Vec<BaselineEcho>,
    /// Echoes in the baseline and not found now.
    pub lost: Vec<BaselineEcho>,
    /// Echoes in both whose score moved more than the tolerance.
    pub moved: Vec<Moved>,
}

impl BaselineDiff {
    /// True when nothing changed beyond the tolerance.
    pub fn is_empty(&self) -> bool {
        !self.new_pair && self.gained.is_empty() && self.lost.is_empty() && self.moved.is_empty()
    }
}

/// Compare a pair's echoes now with its stored baseline (`None`: not in the baseline).
/// A score moved when it differs by more than `tolerance` (compared in thousandths).
///
/// ```
/// use echodiff::check::baseline::{BaselineEcho, BaselinePair, diff};
/// let echo = |l: &str, score| BaselineEcho {
///     left: l.into(), right: "r".into(), left_start: 0, right_start: 0, score };
/// let old = BaselinePair { name: "p".into(), echoes: vec![echo("a", 0.7), echo("b", 0.6)] };
/// let new = BaselinePair { name: "p".into(), echoes: vec![echo("a", 0.6), echo("c", 0.6)] };
/// let d = diff(Some(&old), &new, 0.05);
/// assert_eq!((d.gained.len(), d.lost.len(), d.moved.len()), (1, 1, 1));
/// ```
pub fn diff(old: Option<&BaselinePair>, new: &BaselinePair, tolerance: f64) -> BaselineDiff {
    let Some(old) = old else {
        return BaselineDiff {
            new_pair: true,
            gained: new.echoes.clone(),
            ..BaselineDiff::default()
        };
    };
    let mut out = BaselineDiff::default();
    let mut used = vec![false; new.echoes.len()];
    for before in &old.echoes {
        // the first unused new echo with the same phrasings: both lists are sorted, so
        // repeated phrasings pair in text order
        let found = new
            .echoes
            .iter()
            .enumerate()
            .find(|(k, e)| !used[*k] && e.left == before.left && e.right == before.right);
        match found {
            Some((k, after)) => {
                used[k] = true;
                if (score_key(after.score) - score_key(before.score)).abs() > score_key(tolerance) {
                    out.moved.push(Moved {
                        before: before.clone(),
                        after: after.clone(),
                    });
                }
            }
            None => out.lost.push(before.clone()),
        }
    }
    out.gained = new
        .echoes
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(e, _)| e.clone())
        .collect();
    out
}

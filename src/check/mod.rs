//! Checks against reference pairs (issue 4): a [`PairSpec`] (what a reference file says of one
//! pair of texts) and the [`Report`] of comparing them give a [`Verdict`], one [`Outcome`] per
//! expectation. Also the ignore lists that leave banal echoes out of a report
//! ([`ignore_echoes`]) and baselines ([`baseline`]). Pure: the binary reads the files and
//! parses the TOML into these types (format in `docs/check.md`).
//!
//! Phrases are located by normalized words ([`Locator`]), so a reference survives curly quotes
//! and case. An echo side *overlaps* a phrase when its span and an occurrence of the phrase
//! share at least half of the shorter of the two; it lies *within* a phrase when its span is
//! inside an occurrence. Cost: tokenizing each text once, then linear scans of the echoes per
//! expectation.

pub mod baseline;
mod locate;
pub mod render;

pub use baseline::{Baseline, BaselineDiff, BaselineEcho, BaselinePair};
pub use locate::Locator;

use crate::report::{Echo, Report, mirrored_share, score_key};
use crate::score::Polarity;
use crate::text::{Pair, Side, Span};
use serde::Deserialize;
use std::fmt;

/// A reference file: pairs of texts and what to expect of each.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    /// Echoes ignored in every pair (a house style's stock phrases).
    #[serde(default)]
    pub ignore: Vec<IgnoreRule>,
    /// The pairs, in file order (`[[pair]]` tables).
    #[serde(default, rename = "pair")]
    pub pairs: Vec<PairSpec>,
}

/// An ignore file (`echodiff LEFT RIGHT --ignore FILE`): its top-level `ignore` list. Other
/// keys are not read, so a reference file can serve as its own ignore file.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct IgnoreFile {
    /// The rules.
    #[serde(default)]
    pub ignore: Vec<IgnoreRule>,
}

/// One pair of a reference file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PairSpec {
    /// Name shown in output and used as the pair's key in a baseline.
    pub name: String,
    /// Path of the left (echoed) text, relative to the reference file.
    pub left: String,
    /// Path of the right (echoing) text, relative to the reference file.
    pub right: String,
    /// Names for the two sides. Default: the paths as written.
    #[serde(default)]
    pub labels: Option<[String; 2]>,
    /// Report echoes scoring at least this. Default: echodiff's default (0.5).
    #[serde(default)]
    pub min_score: Option<Score>,
    /// Also match statement-level echoes (two whole aligned statements) against the
    /// expectations, forbids, ignores and bounds. Default: false, so the rules, which name
    /// phrases, are matched against phrase echoes.
    #[serde(default)]
    pub statement_echoes: bool,
    /// Echoes that must be found.
    #[serde(default)]
    pub expect: Vec<Expect>,
    /// Echoes that must not be found.
    #[serde(default)]
    pub forbid: Vec<Forbid>,
    /// Bounds on the summary figures.
    #[serde(default)]
    pub bounds: Bounds,
    /// Echoes judged banal for this pair.
    #[serde(default)]
    pub ignore: Vec<IgnoreRule>,
}

/// A score in [0, 1].
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Deserialize)]
#[serde(try_from = "f64")]
pub struct Score(pub f64);

impl TryFrom<f64> for Score {
    type Error = String;
    fn try_from(v: f64) -> Result<Self, String> {
        if (0.0..=1.0).contains(&v) {
            Ok(Score(v))
        } else {
            Err(format!("score {v} is not between 0 and 1"))
        }
    }
}

/// How an echo side must relate to a phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Match {
    /// Share at least half of the shorter of the echo side and the phrase occurrence.
    Overlap,
    /// Lie entirely inside an occurrence of the phrase.
    Within,
}

/// A phrase on either side or both; a missing side matches anything.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Phrases {
    /// Phrase in the left text.
    pub left: Option<String>,
    /// Phrase in the right text.
    pub right: Option<String>,
}

impl Phrases {
    /// Phrases as read from a reference file: a given phrase must hold a word (a letter or
    /// digit), since phrases are matched by their words and one without any would silently
    /// match nothing.
    fn new(left: Option<String>, right: Option<String>) -> Result<Self, String> {
        for p in [&left, &right].into_iter().flatten() {
            if !p.chars().any(char::is_alphanumeric) {
                return Err(format!(
                    "phrase {p:?} has no words (phrases are matched by their words)"
                ));
            }
        }
        Ok(Phrases { left, right })
    }

    fn get(&self, side: Side) -> Option<&str> {
        match side {
            Side::Left => self.left.as_deref(),
            Side::Right => self.right.as_deref(),
        }
    }
}

impl fmt::Display for Phrases {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let show = |p: &Option<String>| p.as_ref().map_or("*".to_string(), |p| format!("{p:?}"));
        write!(f, "{} / {}", show(&self.left), show(&self.right))
    }
}

/// `expect`: an echo must be found between the phrases (overlap on each given side).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(try_from = "RawExpect")]
pub struct Expect {
    /// The phrases; at least one side is given.
    pub phrases: Phrases,
    /// The echo must score at least this. Default: any reported echo.
    pub min_score: Option<Score>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExpect {
    left: Option<String>,
    right: Option<String>,
    min_score: Option<Score>,
}

impl TryFrom<RawExpect> for Expect {
    type Error = String;
    fn try_from(r: RawExpect) -> Result<Self, Self::Error> {
        if r.left.is_none() && r.right.is_none() {
            return Err("an expect needs a left or a right phrase (or both)".into());
        }
        Ok(Expect {
            phrases: Phrases::new(r.left, r.right)?,
            min_score: r.min_score,
        })
    }
}

/// `forbid`: no reported echo may match the phrases (every echo when none is given) with a
/// score above `max_score` (any score when absent).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(try_from = "RawForbid")]
pub struct Forbid {
    /// The phrases; neither side means every echo.
    pub phrases: Phrases,
    /// How an echo side must relate to a phrase. Default: overlap.
    pub mode: Match,
    /// Only echoes scoring above this violate. Default: every reported echo.
    pub max_score: Option<Score>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawForbid {
    left: Option<String>,
    right: Option<String>,
    #[serde(rename = "match")]
    mode: Option<Match>,
    max_score: Option<Score>,
}

impl TryFrom<RawForbid> for Forbid {
    type Error = String;
    fn try_from(r: RawForbid) -> Result<Self, Self::Error> {
        Ok(Forbid {
            phrases: Phrases::new(r.left, r.right)?,
            mode: r.mode.unwrap_or(Match::Overlap),
            max_score: r.max_score,
        })
    }
}

/// An ignore rule: a string (the phrase on both sides) or a table with `left`, `right` and
/// `match` (default within). An echo is ignored when each given side matches.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(try_from = "RawIgnore")]
pub struct IgnoreRule {
    /// The phrases; at least one side is given.
    pub phrases: Phrases,
    /// How an echo side must relate to a phrase. Default: within.
    pub mode: Match,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawIgnore {
    Both(String),
    Sides(RawIgnoreSides),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIgnoreSides {
    left: Option<String>,
    right: Option<String>,
    #[serde(rename = "match")]
    mode: Option<Match>,
}

impl TryFrom<RawIgnore> for IgnoreRule {
    type Error = String;
    fn try_from(r: RawIgnore) -> Result<Self, Self::Error> {
        match r {
            RawIgnore::Both(p) => Ok(IgnoreRule {
                phrases: Phrases::new(Some(p.clone()), Some(p))?,
                mode: Match::Within,
            }),
            RawIgnore::Sides(s) if s.left.is_none() && s.right.is_none() => {
                Err("an ignore rule needs a left or a right phrase (or both)".into())
            }
            RawIgnore::Sides(s) => Ok(IgnoreRule {
                phrases: Phrases::new(s.left, s.right)?,
                mode: s.mode.unwrap_or(Match::Within),
            }),
        }
    }
}

impl IgnoreRule {
    /// Ignore echoes lying within `phrase` on both sides.
    pub fn both(phrase: &str) -> Self {
        IgnoreRule {
            phrases: Phrases {
                left: Some(phrase.to_string()),
                right: Some(phrase.to_string()),
            },
            mode: Match::Within,
        }
    }
}

/// Bounds on a pair's summary figures (computed after ignoring).
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bounds {
    /// Number of echoes.
    pub echoes: Option<Limit>,
    /// Number of polarity flips.
    pub polarity_flips: Option<Limit>,
    /// Number of aligned statement pairs.
    pub alignments: Option<Limit>,
    /// Number of echoes ignored.
    pub ignored: Option<Limit>,
    /// Share of each side's words inside an echo (0 to 1).
    #[serde(default)]
    pub mirrored: MirroredBounds,
}

/// Bounds on the mirrored share of each side.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MirroredBounds {
    /// Left side.
    pub left: Option<Limit>,
    /// Right side.
    pub right: Option<Limit>,
}

/// Inclusive bounds; a missing end is open.
#[derive(Debug, Clone, Copy, PartialEq, Default, Deserialize)]
#[serde(try_from = "RawLimit")]
pub struct Limit {
    /// Lowest value allowed.
    pub min: Option<f64>,
    /// Highest value allowed.
    pub max: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLimit {
    min: Option<f64>,
    max: Option<f64>,
}

impl TryFrom<RawLimit> for Limit {
    type Error = String;
    fn try_from(r: RawLimit) -> Result<Self, String> {
        match (r.min, r.max) {
            (None, None) => Err("a bound needs min or max (or both)".into()),
            _ if [r.min, r.max].into_iter().flatten().any(f64::is_nan) => {
                Err("a bound cannot be nan".into())
            }
            (Some(a), Some(b)) if a > b => Err(format!("min {a} is above max {b}")),
            _ => Ok(Limit {
                min: r.min,
                max: r.max,
            }),
        }
    }
}

impl Limit {
    fn holds(&self, v: f64) -> bool {
        // figures are compared in thousandths, as they are printed
        let k = score_key(v);
        self.min.is_none_or(|m| k >= score_key(m)) && self.max.is_none_or(|m| k <= score_key(m))
    }
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.min, self.max) {
            (Some(a), Some(b)) => write!(f, "between {a} and {b}"),
            (Some(a), None) => write!(f, ">= {a}"),
            (None, Some(b)) => write!(f, "<= {b}"),
            (None, None) => write!(f, "unbounded"),
        }
    }
}

/// An echo as shown in a verdict: its two phrasings and score.
#[derive(Debug, Clone, PartialEq)]
pub struct EchoRef {
    /// The phrasing on each side, exactly as in the texts.
    pub text: Pair<String>,
    /// Where each phrasing is.
    pub spans: Pair<Span>,
    /// The echo's score.
    pub score: f64,
}

impl EchoRef {
    fn of(report: &Report, echo: &Echo) -> Self {
        let spans = Pair::new(echo.places.left.span, echo.places.right.span);
        EchoRef {
            text: Pair::new(
                report.slice(Side::Left, spans.left).to_string(),
                report.slice(Side::Right, spans.right).to_string(),
            ),
            spans,
            score: echo.score,
        }
    }
}

impl fmt::Display for EchoRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:.2} {:?} / {:?}",
            self.score, self.text.left, self.text.right
        )
    }
}

/// What kind of expectation an outcome is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An `expect`.
    Expect,
    /// A `forbid`.
    Forbid,
    /// A bound on a summary figure.
    Bound,
}

impl Kind {
    /// The name used in output.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Expect => "expect",
            Kind::Forbid => "forbid",
            Kind::Bound => "bound",
        }
    }
}

/// Why an expectation failed.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// An expected phrase does not occur in its text.
    PhraseMissing {
        /// The side whose text lacks the phrase.
        side: Side,
    },
    /// No echo matches; the nearest echo, if there is any echo at all.
    NotFound {
        /// The echo closest to the phrases.
        nearest: Option<EchoRef>,
    },
    /// Echoes match, but the best scores below the expectation's `min_score`.
    BelowScore {
        /// The best matching echo.
        best: EchoRef,
    },
    /// Echoes match a `forbid`: the highest-scoring one and how many there are.
    Forbidden {
        /// The highest-scoring violating echo.
        worst: EchoRef,
        /// Number of violating echoes.
        count: usize,
    },
    /// A summary figure is out of bounds.
    OutOfBounds {
        /// The figure's value.
        value: f64,
    },
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::PhraseMissing { side } => {
                let side = match side {
                    Side::Left => "left",
                    Side::Right => "right",
                };
                write!(f, "the {side} phrase does not occur in the {side} text")
            }
            Failure::NotFound { nearest: Some(e) } => {
                write!(f, "no matching echo; nearest echo: {e}")
            }
            Failure::NotFound { nearest: None } => write!(f, "no matching echo; no echo at all"),
            Failure::BelowScore { best } => write!(f, "best matching echo scores too low: {best}"),
            Failure::Forbidden { worst, count } => {
                write!(f, "{count} forbidden echo(es), the highest: {worst}")
            }
            Failure::OutOfBounds { value } => write!(f, "value is {}", round3(*value)),
        }
    }
}

fn round3(x: f64) -> f64 {
    score_key(x) as f64 / 1000.0
}

/// The outcome of one expectation.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// What kind of expectation.
    pub kind: Kind,
    /// The expectation, in words (e.g. `"complete" / "completely" (min_score 0.6)`).
    pub description: String,
    /// Why it failed; `None` when it holds.
    pub failure: Option<Failure>,
    /// For a passing `expect`, the best matching echo.
    pub echo: Option<EchoRef>,
}

/// The outcome of every expectation of a pair, in reference order: expects, forbids, bounds.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Verdict {
    /// One per expectation.
    pub outcomes: Vec<Outcome>,
    /// Echoes left out by ignore rules.
    pub ignored: usize,
    /// Echoes reported after ignoring.
    pub echoes: usize,
}

impl Verdict {
    /// True when every expectation holds.
    pub fn passed(&self) -> bool {
        self.outcomes.iter().all(|o| o.failure.is_none())
    }

    /// Number of failed expectations.
    pub fn failures(&self) -> usize {
        self.outcomes.iter().filter(|o| o.failure.is_some()).count()
    }
}

/// Both texts of a report, tokenized for phrase search.
struct Sides {
    loc: Pair<Locator>,
}

impl Sides {
    fn new(report: &Report) -> Self {
        Sides {
            loc: Pair::new(
                Locator::new(&report.texts.left.original),
                Locator::new(&report.texts.right.original),
            ),
        }
    }

    /// Occurrences of each given phrase (`None` for a side not given).
    fn occurrences(&self, phrases: &Phrases) -> Pair<Option<Vec<Span>>> {
        let on = |side: Side| phrases.get(side).map(|p| self.loc[side].find(p));
        Pair::new(on(Side::Left), on(Side::Right))
    }
}

/// The spans overlap by at least half of the shorter one.
fn overlaps_enough(a: Span, b: Span) -> bool {
    let shorter = a.len().min(b.len());
    shorter > 0 && 2 * a.overlap(&b) >= shorter
}

fn side_matches(span: Span, occurrences: &[Span], mode: Match) -> bool {
    occurrences.iter().any(|&o| match mode {
        Match::Overlap => overlaps_enough(span, o),
        Match::Within => !span.is_empty() && o.contains(&span),
    })
}

/// True when every given side of `occ` matches the echo.
fn echo_matches(echo: &Echo, occ: &Pair<Option<Vec<Span>>>, mode: Match) -> bool {
    Side::BOTH.iter().all(|&side| {
        occ[side]
            .as_ref()
            .is_none_or(|o| side_matches(echo.places[side].span, o, mode))
    })
}

/// Leave out of `report` the echoes any rule matches, and recompute the summary figures
/// without them. Returns how many were left out (also added to `report.summary.ignored`).
///
/// ```
/// use echodiff::{compare, Options, Text};
/// use echodiff::check::{ignore_echoes, IgnoreRule};
/// let left = Text::new("l", "We seek complete, verifiable and irreversible denuclearization.");
/// let right = Text::new("r", "They must completely and irreversibly withdraw.");
/// let phrases_only = Options { statement_echoes: false, ..Options::default() };
/// let mut report = compare(left, right, &phrases_only);
/// assert_eq!(report.echoes.len(), 1);
/// let rule = IgnoreRule { phrases: echodiff::check::Phrases {
///     left: Some("complete, verifiable and irreversible".into()), right: None },
///     mode: echodiff::check::Match::Within };
/// assert_eq!(ignore_echoes(&mut report, &[rule]), 1);
/// assert_eq!((report.summary.echoes, report.summary.ignored), (0, 1));
/// ```
pub fn ignore_echoes(report: &mut Report, rules: &[IgnoreRule]) -> usize {
    ignore_with(&Sides::new(report), report, rules)
}

fn ignore_with(sides: &Sides, report: &mut Report, rules: &[IgnoreRule]) -> usize {
    if rules.is_empty() {
        return 0;
    }
    let occ: Vec<(Pair<Option<Vec<Span>>>, Match)> = rules
        .iter()
        .map(|r| (sides.occurrences(&r.phrases), r.mode))
        .collect();
    let before = report.echoes.len();
    report
        .echoes
        .retain(|e| !occ.iter().any(|(o, mode)| echo_matches(e, o, *mode)));
    let ignored = before - report.echoes.len();
    let s = &mut report.summary;
    s.echoes = report.echoes.len();
    s.polarity_flips = report
        .echoes
        .iter()
        .filter(|e| e.polarity != Polarity::Same)
        .count();
    for side in Side::BOTH {
        s.mirrored[side] = mirrored_share(sides.loc[side].tokens(), &report.echoes, side);
    }
    s.ignored += ignored;
    crate::report::attach_passage_echoes(&mut report.passages, &report.echoes);
    ignored
}

/// Apply the pair's and the file's ignore rules to `report`, then judge every expectation of
/// `spec` against it.
pub fn check_pair(spec: &PairSpec, file_ignore: &[IgnoreRule], report: &mut Report) -> Verdict {
    let sides = Sides::new(report);
    ignore_with(&sides, report, file_ignore);
    ignore_with(&sides, report, &spec.ignore);
    judge(&sides, spec, report)
}

/// Judge every expectation of `spec` against `report` (ignore rules already applied).
pub fn check(spec: &PairSpec, report: &Report) -> Verdict {
    judge(&Sides::new(report), spec, report)
}

fn judge(sides: &Sides, spec: &PairSpec, report: &Report) -> Verdict {
    let mut outcomes: Vec<Outcome> = spec
        .expect
        .iter()
        .map(|x| judge_expect(sides, x, report))
        .collect();
    outcomes.extend(spec.forbid.iter().map(|f| judge_forbid(sides, f, report)));
    outcomes.extend(judge_bounds(&spec.bounds, report));
    Verdict {
        outcomes,
        ignored: report.summary.ignored,
        echoes: report.echoes.len(),
    }
}

fn judge_expect(sides: &Sides, x: &Expect, report: &Report) -> Outcome {
    let mut description = x.phrases.to_string();
    if let Some(m) = x.min_score {
        description.push_str(&format!(" (min_score {})", m.0));
    }
    let outcome = |failure, echo| Outcome {
        kind: Kind::Expect,
        description: description.clone(),
        failure,
        echo,
    };
    let occ = sides.occurrences(&x.phrases);
    for side in Side::BOTH {
        if occ[side].as_ref().is_some_and(|o| o.is_empty()) {
            return outcome(Some(Failure::PhraseMissing { side }), None);
        }
    }
    // echoes are ranked, so the first match is the best
    let best = report
        .echoes
        .iter()
        .find(|e| echo_matches(e, &occ, Match::Overlap));
    match best {
        None => {
            let nearest = nearest(report, &occ).map(|e| EchoRef::of(report, e));
            outcome(Some(Failure::NotFound { nearest }), None)
        }
        Some(e)
            if x.min_score
                .is_some_and(|m| score_key(e.score) < score_key(m.0)) =>
        {
            let best = EchoRef::of(report, e);
            outcome(Some(Failure::BelowScore { best }), None)
        }
        Some(e) => outcome(None, Some(EchoRef::of(report, e))),
    }
}

/// The echo closest to the phrases: most overlap (as a share of the shorter span, summed
/// over the given sides), then least distance in bytes, then rank.
fn nearest<'r>(report: &'r Report, occ: &Pair<Option<Vec<Span>>>) -> Option<&'r Echo> {
    let closeness = |e: &Echo| -> (i64, usize) {
        let mut share = 0.0;
        let mut distance = 0usize;
        for side in Side::BOTH {
            let Some(spans) = &occ[side] else { continue };
            let span = e.places[side].span;
            let best_share = spans
                .iter()
                .map(|o| o.overlap(&span) as f64 / o.len().min(span.len()).max(1) as f64)
                .fold(0.0, f64::max);
            share += best_share;
            distance += spans
                .iter()
                .map(|o| o.start.saturating_sub(span.end) + span.start.saturating_sub(o.end))
                .min()
                .unwrap_or(0);
        }
        (score_key(share), distance)
    };
    // ties: higher overlap, then smaller distance, then rank (min_by_key keeps the first)
    report.echoes.iter().min_by_key(|e| {
        let (share, distance) = closeness(e);
        (-share, distance)
    })
}

fn judge_forbid(sides: &Sides, f: &Forbid, report: &Report) -> Outcome {
    let mut description = f.phrases.to_string();
    if f.mode == Match::Within {
        description.push_str(" (within)");
    }
    if let Some(m) = f.max_score {
        description.push_str(&format!(" (max_score {})", m.0));
    }
    let occ = sides.occurrences(&f.phrases);
    let violating: Vec<&Echo> = report
        .echoes
        .iter()
        .filter(|e| {
            f.max_score
                .is_none_or(|m| score_key(e.score) > score_key(m.0))
        })
        .filter(|e| echo_matches(e, &occ, f.mode))
        .collect();
    let failure = violating.first().map(|e| Failure::Forbidden {
        worst: EchoRef::of(report, e),
        count: violating.len(),
    });
    Outcome {
        kind: Kind::Forbid,
        description,
        failure,
        echo: None,
    }
}

fn judge_bounds(b: &Bounds, report: &Report) -> Vec<Outcome> {
    let s = &report.summary;
    let figures = [
        ("echoes", b.echoes, s.echoes as f64),
        ("polarity_flips", b.polarity_flips, s.polarity_flips as f64),
        ("alignments", b.alignments, s.alignments as f64),
        ("ignored", b.ignored, s.ignored as f64),
        ("mirrored.left", b.mirrored.left, s.mirrored.left),
        ("mirrored.right", b.mirrored.right, s.mirrored.right),
    ];
    figures
        .into_iter()
        .filter_map(|(name, limit, value)| {
            let limit = limit?;
            Some(Outcome {
                kind: Kind::Bound,
                description: format!("{name} {limit}"),
                failure: (!limit.holds(value)).then_some(Failure::OutOfBounds { value }),
                echo: None,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;

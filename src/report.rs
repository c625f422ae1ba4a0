//! The report: the one model every renderer reads, and [`compare`], which builds it.

use crate::align::{AlignOptions, Link, SentenceRanges, align_sentences, sentence_tokens};
use crate::diff::{Change, DiffSegment, diff_tokens};
use crate::document::Document;
use crate::echoes::{Candidate, FindOptions, find_candidates};
use crate::isf::SegmentFrequency;
use crate::rhetoric::{Rhetoric, RhetoricOptions, rhetoric};
use crate::score::{
    EchoKind, Evidence, Metrics, Polarity, ScoreParams, classify, metrics, polarity, score,
};
use crate::segment::Statement;
use crate::text::{Pair, Side, Span, Text};
use crate::tokenize::Vocab;
use rayon::prelude::*;

/// Settings of a comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Echoes scoring below this are not reported. Default: 0.5.
    pub min_score: f64,
    /// Echo finder settings.
    pub find: FindOptions,
    /// Score parameters.
    pub score: ScoreParams,
    /// Statement alignment settings.
    pub align: AlignOptions,
    /// Rhetoric settings.
    pub rhetoric: RhetoricOptions,
    /// Passage merging settings.
    pub passages: crate::passages::PassageOptions,
    /// Report aligned statements that say the same thing as statement-level echoes.
    /// Default: true.
    pub statement_echoes: bool,
    /// Look for reused passages ([`Report::passages`]). Default: true. Off, the report has
    /// none, and the time they take is saved (a [`crate::scan`] of a collection, which
    /// reports echoes only, turns it off).
    pub detect_passages: bool,
    /// Compare the two sides' rhetoric ([`Report::rhetoric`]). Default: true. Off, the
    /// report holds a [`Rhetoric`] without terms, and the renderers leave its section out.
    pub compare_rhetoric: bool,
    /// Compute each echo's string measures ([`Echo::metrics`]). Default: true. Off, every
    /// echo's `metrics` is `None` and their time is saved: at 1M words a side they are
    /// about a tenth of the work, mostly on the statement-level echoes' whole sentences.
    /// The text report does not show them, so the CLI turns this off for `--format text`.
    pub string_measures: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            min_score: 0.5,
            find: FindOptions::default(),
            score: ScoreParams::default(),
            align: AlignOptions::default(),
            rhetoric: RhetoricOptions::default(),
            passages: crate::passages::PassageOptions::default(),
            statement_echoes: true,
            detect_passages: true,
            compare_rhetoric: true,
            string_measures: true,
        }
    }
}

impl Options {
    /// These settings with passages and rhetoric off, for a caller that reads only the
    /// echoes and the summary (a [`crate::scan`], a check's verdict); such a caller also
    /// drops the alignments before their diffs are made (`|r| r.alignments.clear()` as the
    /// selection of [`compare_selected`] or [`compare_documents_selected`]).
    #[must_use]
    pub fn echoes_only(self) -> Self {
        Options {
            detect_passages: false,
            compare_rhetoric: false,
            ..self
        }
    }
}

/// One side of an echo or alignment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// Bytes in the text (end exclusive).
    pub span: Span,
    /// Index of the sentence (in the side's statements) where it starts.
    pub statement: usize,
}

/// One edit between the two phrasings of an echo, spelled out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// What changed.
    pub change: Change,
    /// The left words (absent for an insertion).
    pub left: Option<Span>,
    /// The right words (absent for a deletion).
    pub right: Option<Span>,
}

/// A phrase the right text mirrors from the left.
#[derive(Debug, Clone, PartialEq)]
pub struct Echo {
    /// Whether it is a phrase echo or a pair of aligned statements.
    pub level: EchoLevel,
    /// Where it is on each side.
    pub places: Pair<Place>,
    /// Score in [0, 1].
    pub score: f64,
    /// What the score rests on.
    pub evidence: Evidence,
    /// The dominant transformation.
    pub kind: EchoKind,
    /// Whether exactly one phrasing is negated.
    pub polarity: Polarity,
    /// String and token similarity; `None` when the comparison was run without them
    /// ([`Options::string_measures`]).
    pub metrics: Option<Metrics>,
    /// What changed (runs of the diff that are not equal).
    pub edits: Vec<Edit>,
    /// The full word diff of the two phrasings.
    pub diff: Vec<DiffSegment>,
    /// Matched words as pairs of byte spans, in left order.
    pub matches: Vec<Pair<Span>>,
}

/// What an echo pairs: two phrases, or two whole statements that say the same thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EchoLevel {
    /// A phrase the right side mirrors from the left, found word by word.
    Phrase,
    /// Two aligned statements, reported whole: the right restates the left.
    Statement,
}

/// Two aligned statements with their word diff.
#[derive(Debug, Clone, PartialEq)]
pub struct Alignment {
    /// Statement indices on each side.
    pub statements: Pair<usize>,
    /// Alignment score in [0, 1].
    pub score: f64,
    /// Weighted share of content words in common.
    pub shared: f64,
    /// Best echo score linking the two statements.
    pub echo: f64,
    /// Word diff of the two statements.
    pub diff: Vec<DiffSegment>,
}

/// Summary figures.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Summary {
    /// Echoes reported.
    pub echoes: usize,
    /// Echoes whose phrasings differ in polarity.
    pub polarity_flips: usize,
    /// Aligned statement pairs.
    pub alignments: usize,
    /// Words on each side.
    pub words: Pair<usize>,
    /// Sentences on each side.
    pub sentences: Pair<usize>,
    /// Share of each side's words inside a reported echo ("how much mirrors the other").
    pub mirrored: Pair<f64>,
    /// Echoes left out because an ignore list judged them banal (see [`crate::check`]).
    pub ignored: usize,
    /// What the lists hold when [`limit_echoes`] cut them short (`None`: everything counted is
    /// listed). The other figures still describe every echo and alignment found.
    pub listed: Option<Listed>,
}

/// How many echoes and aligned statement pairs a report lists after [`limit_echoes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Listed {
    /// Echoes listed: the best-ranked.
    pub echoes: usize,
    /// Aligned statement pairs listed: the strong ones and those holding a listed echo.
    pub alignments: usize,
}

/// Everything a renderer needs.
#[derive(Debug, Clone)]
pub struct Report {
    /// The two inputs.
    pub texts: Pair<Text>,
    /// Statements of each side.
    pub statements: Pair<Vec<Statement>>,
    /// Echoes, ranked: score (in thousandths) descending, then the earliest start on either
    /// side, then left start (ties break the same way whichever text is left).
    pub echoes: Vec<Echo>,
    /// Aligned statements, by left statement then right statement.
    pub alignments: Vec<Alignment>,
    /// Reused passages ([`crate::passages`]), by left start then right start.
    pub passages: Vec<crate::passages::Passage>,
    /// The word diff of each passage's two sides, index for index with `passages` (kept
    /// apart from [`crate::passages::Passage`] so passage finding and its display can change
    /// independently). Read it through [`Report::passages_with_diffs`].
    pub passage_diffs: Vec<Vec<DiffSegment>>,
    /// Summary figures.
    pub summary: Summary,
    /// How each side talks: distinctive and repeated phrases.
    pub rhetoric: Rhetoric,
    /// The settings used.
    pub options: Options,
    /// Bytes before each text in its input as read (a stripped BOM); renderers add it to
    /// every offset so offsets point into the input exactly as read. Default: 0.
    pub input_offsets: Pair<usize>,
}

impl Report {
    /// The aligned statement pairs with both statements (alignments whose statements are
    /// missing, which `compare` never produces, are skipped).
    pub fn aligned_statements(&self) -> impl Iterator<Item = (&Alignment, Pair<&Statement>)> {
        self.alignments
            .iter()
            .filter_map(|a| Some((a, self.statements_of(a)?)))
    }

    /// The two statements of an alignment (`None` if one is missing, which `compare` never
    /// produces).
    pub fn statements_of(&self, a: &Alignment) -> Option<Pair<&Statement>> {
        let l = self.statements.left.get(a.statements.left)?;
        let r = self.statements.right.get(a.statements.right)?;
        Some(Pair::new(l, r))
    }

    /// Each passage with its word diff (an empty diff if `passage_diffs` is shorter than
    /// `passages`, which `compare` never leaves it).
    pub fn passages_with_diffs(
        &self,
    ) -> impl Iterator<Item = (&crate::passages::Passage, &[DiffSegment])> {
        self.passages
            .iter()
            .enumerate()
            .map(|(k, p)| (p, self.passage_diff(k)))
    }

    /// The word diff of passage `k` (empty if there is none).
    pub fn passage_diff(&self, k: usize) -> &[DiffSegment] {
        self.passage_diffs.get(k).map_or(&[][..], Vec::as_slice)
    }

    /// The text of `span` on `side`.
    pub fn slice(&self, side: Side, span: Span) -> &str {
        self.texts[side].slice(span)
    }
}

/// Compare two texts: find echoes, score them, align statements, diff, summarize.
///
/// ```
/// use echodiff::{compare, Options, Text};
/// let left = Text::new("us", "The early comments do not reflect the content or the spirit of today's discussion.");
/// let right = Text::new("dprk", "The U.S. did not accurately reflect the content and spirit of the negotiations.");
/// let report = compare(left, right, &Options::default());
/// // the phrase echo first, then the two sentences as a statement-level echo
/// assert_eq!(report.echoes.len(), 2);
/// let echo = &report.echoes[0];
/// assert_eq!(echo.level, echodiff::EchoLevel::Phrase);
/// assert_eq!(report.slice(echodiff::Side::Right, echo.places.right.span),
///            "did not accurately reflect the content and spirit of");
/// assert_eq!(report.echoes[1].level, echodiff::EchoLevel::Statement);
/// ```
pub fn compare(left: Text, right: Text, options: &Options) -> Report {
    compare_selected(left, right, options, |_| {})
}

/// [`compare`], with `select` run on the report before the word diffs, kinds, string
/// measures and evidence of its statement-level echoes and the word diffs of its alignments
/// are made, so that echoes and alignments `select` removes cost nothing more. At 1M words a
/// side these are most of the work after the echoes are found; the CLI's `--ignore` and
/// `--max-echoes` select this way.
///
/// What `select` sees is final except for those fields: for statement-level echoes `kind`,
/// `metrics`, `evidence`, `edits` and `diff`, and for alignments `diff`, hold placeholders
/// (empty diffs) until it returns. Spans, scores, polarity, matches, passages and the
/// summary are final, so ignore rules and [`limit_echoes`] work as on the finished report.
/// `select` must only remove echoes and alignments, not add or edit them.
///
/// ```
/// use echodiff::{compare, Options, Text};
/// use echodiff::report::{compare_selected, limit_echoes};
/// let l = "We hold these truths. All men are created equal. The pursuit of happiness matters.";
/// let r = "We hold those truths. All men were created equal. Happiness is a pursuit that matters.";
/// let full = compare(Text::new("l", l), Text::new("r", r), &Options::default());
/// let cut = compare_selected(Text::new("l", l), Text::new("r", r), &Options::default(), |report| {
///     limit_echoes(report, 1);
/// });
/// assert_eq!(cut.echoes.len(), 1);
/// assert_eq!(cut.echoes[0], full.echoes[0]);
/// assert_eq!(cut.summary.echoes, full.summary.echoes);
/// ```
pub fn compare_selected(
    left: Text,
    right: Text,
    options: &Options,
    select: impl FnOnce(&mut Report),
) -> Report {
    let mut vocab = Vocab::new();
    let mut docs = Document::new_pair(Pair::new(left, right), &mut vocab);
    crate::document::prepare(&mut docs);
    let (mut report, pending) = report_without_inputs(&docs, options);
    // the texts and statements move into the report for `select` and back for the diffs (a
    // copy would double the memory of a huge input)
    for side in Side::BOTH {
        std::mem::swap(&mut report.texts[side], &mut docs[side].text);
        std::mem::swap(&mut report.statements[side], &mut docs[side].statements);
    }
    select(&mut report);
    for side in Side::BOTH {
        std::mem::swap(&mut report.texts[side], &mut docs[side].text);
    }
    pending.complete(docs.as_ref(), &mut report);
    let Pair { left, right } = docs;
    report.texts = Pair::new(left.text, right.text);
    report
}

/// [`compare`] over documents already built with one shared [`Vocab`].
pub fn compare_documents(docs: &Pair<Document>, options: &Options) -> Report {
    compare_documents_selected(docs, options, |_| {})
}

/// [`compare_documents`] with a selection, as [`compare_selected`]: what `select` sees and
/// may do is the same.
pub fn compare_documents_selected(
    docs: &Pair<Document>,
    options: &Options,
    select: impl FnOnce(&mut Report),
) -> Report {
    let (mut report, pending) = report_without_inputs(docs, options);
    report.texts = Pair::new(docs.left.text.clone(), docs.right.text.clone());
    report.statements = Pair::new(docs.left.statements.clone(), docs.right.statements.clone());
    select(&mut report);
    pending.complete(docs.as_ref(), &mut report);
    report
}

/// The report of `docs`, with empty `texts` and `statements` for the caller to fill in, and
/// the statement-level echoes and alignments still to complete ([`Pending`]).
///
/// Echoes (with the alignments and summary that rest on them), passages (with their diffs)
/// and rhetoric do not depend on one another: they run side by side on rayon's threads, and
/// each stage inside runs its independent items in parallel, collected in input order, so
/// the report is the same with any number of threads.
fn report_without_inputs(docs: &Pair<Document>, options: &Options) -> (Report, Pending) {
    let d = docs.as_ref();
    let ((found, (mut passages, passage_diffs)), sides) = rayon::join(
        || {
            rayon::join(
                || echoes_and_alignments(d, options),
                || {
                    if !options.detect_passages {
                        return (Vec::new(), Vec::new());
                    }
                    let passages = crate::passages::detect(d, &options.passages);
                    let diffs = passage_diffs(d, &passages);
                    (passages, diffs)
                },
            )
        },
        || {
            if options.compare_rhetoric {
                rhetoric(d, &options.rhetoric)
            } else {
                // no terms, and the settings that were not used, as the JSON reports them
                Rhetoric {
                    prior_total: options.rhetoric.prior_total,
                    prior_floor: options.rhetoric.prior_floor,
                    ..Rhetoric::default()
                }
            }
        },
    );
    let Found {
        echoes,
        alignments,
        summary,
        pending,
    } = found;
    attach_passage_echoes(&mut passages, &echoes);
    let report = Report {
        passages,
        passage_diffs,
        texts: Pair::new(Text::new("", ""), Text::new("", "")),
        statements: Pair::default(),
        echoes,
        alignments,
        summary,
        rhetoric: sides,
        options: options.clone(),
        input_offsets: Pair::new(0, 0),
    };
    (report, pending)
}

/// What a report still needs after its echoes are found and ranked: the candidates of its
/// statement-level echoes (by statement pair), whose diffs, kinds, string measures and
/// evidence are not made yet (their scores are tf-isf cosines, made without them), and the
/// token ranges of the sentences, for the alignments' diffs.
struct Pending {
    stated: rustc_hash::FxHashMap<(usize, usize), Candidate>,
    ranges: Pair<SentenceRanges>,
    params: crate::score::ScoreParams,
    /// [`Options::string_measures`].
    string_measures: bool,
}

impl Pending {
    /// Complete the statement-level echoes and the alignments `report` still holds. An
    /// alignment whose two sentences form a statement-level echo takes its diff (the same
    /// two sentences); the others are diffed here.
    fn complete(self, d: Pair<&Document>, report: &mut Report) {
        let stated = &self.stated;
        report
            .echoes
            .par_iter_mut()
            .filter(|e| e.level == EchoLevel::Statement)
            .for_each(|e| {
                let at = (e.places.left.statement, e.places.right.statement);
                if let Some(c) = stated.get(&at) {
                    e.evidence = score(d, c, &self.params).1;
                    complete_echo(d, e, c, self.string_measures);
                }
            });
        let diffs: rustc_hash::FxHashMap<(usize, usize), &[DiffSegment]> = report
            .echoes
            .iter()
            .filter(|e| e.level == EchoLevel::Statement)
            .map(|e| {
                let at = (e.places.left.statement, e.places.right.statement);
                (at, e.diff.as_slice())
            })
            .collect();
        let ranges = self.ranges.as_ref();
        let new: Vec<Vec<DiffSegment>> = report
            .alignments
            .par_iter()
            .map(|a| {
                let at = (a.statements.left, a.statements.right);
                match diffs.get(&at) {
                    Some(diff) => diff.to_vec(),
                    None => {
                        let lr = ranges.left.get(at.0).cloned().unwrap_or_default();
                        let rr = ranges.right.get(at.1).cloned().unwrap_or_default();
                        diff_tokens(d, Pair::new(lr, rr))
                    }
                }
            })
            .collect();
        for (a, diff) in report.alignments.iter_mut().zip(new) {
            a.diff = diff;
        }
    }
}

/// Echoes, the statement alignments that rest on them, and the summary figures.
struct Found {
    echoes: Vec<Echo>,
    alignments: Vec<Alignment>,
    summary: Summary,
    pending: Pending,
}

fn echoes_and_alignments(d: Pair<&Document>, options: &Options) -> Found {
    let candidates = find_candidates(d.left, d.right, &options.find);
    let mut scored: Vec<(f64, Evidence, Candidate)> = candidates
        .into_par_iter()
        .map(|c| {
            let (s, ev) = score(d, &c, &options.score);
            (s, ev, c)
        })
        .collect();
    // every candidate of some weight links its statements, also one too weak to report: a
    // weak shared phrase is still evidence that two statements correspond
    let sentence = |doc: &Document, i: usize| doc.sentence_of.get(i).copied().unwrap_or(0) as usize;
    let links: Vec<(Pair<usize>, f64)> = scored
        .iter()
        .filter(|(s, _, _)| *s >= options.align.min_echo.min(options.min_score))
        .map(|(s, _, c)| {
            let statements = Pair::new(
                sentence(d.left, c.left.start),
                sentence(d.right, c.right.start),
            );
            (statements, *s)
        })
        .collect();
    scored.retain(|(s, _, _)| *s >= options.min_score);
    rank(
        &mut scored,
        Pair::new(d.left.tokens.len(), d.right.tokens.len()),
    );
    let scored = drop_redundant(scored);
    let echoes: Vec<Echo> = scored
        .into_par_iter()
        .map(|(s, ev, c)| build_echo(d, s, ev, &c, options.string_measures))
        .collect();
    // the token range of every sentence, for alignment, statement-level echoes and diffs
    let (left, right) = rayon::join(|| sentence_tokens(d.left), || sentence_tokens(d.right));
    let ranges = Pair::new(left, right);
    let aligned = align_sentences(d, ranges.as_ref(), &links, &options.align);
    let mut echoes = echoes;
    let mut stated = rustc_hash::FxHashMap::default();
    if options.statement_echoes {
        for (echo, c) in statement_echoes(d, ranges.as_ref(), &aligned, &echoes, options) {
            stated.insert((echo.places.left.statement, echo.places.right.statement), c);
            echoes.push(echo);
        }
    }
    rank_echoes(&mut echoes);
    // weak links served to find statement-level echoes; report the links that are strong or
    // hold an echo
    let alignments: Vec<Alignment> = aligned
        .into_iter()
        .filter(|l| {
            l.score >= options.align.report_score
                || l.echo >= options.min_score
                || stated.contains_key(&(l.statements.left, l.statements.right))
        })
        // (every linked statement holds words, so has a token range: this never drops one)
        .filter(|l| {
            ranges.left.get(l.statements.left).is_some()
                && ranges.right.get(l.statements.right).is_some()
        })
        .map(|l| Alignment {
            statements: l.statements,
            score: l.score,
            shared: l.shared,
            echo: l.echo,
            diff: Vec::new(),
        })
        .collect();
    let summary = summarize(d, &echoes, &alignments);
    Found {
        echoes,
        alignments,
        summary,
        pending: Pending {
            stated,
            ranges,
            params: options.score.clone(),
            string_measures: options.string_measures,
        },
    }
}

/// The word diff of each passage: the words inside its span on each side, diffed as an
/// aligned statement pair is. Cost: one Myers diff per passage, which similar bounds on long
/// inputs (its work limit grows with the square root of the length, not time, so the result
/// is the same on every machine): a 30,000-word passage with half its words replaced diffs
/// in about 1.5 s in a debug build, one with light edits in a tenth of that.
pub fn passage_diffs(
    d: Pair<&Document>,
    passages: &[crate::passages::Passage],
) -> Vec<Vec<DiffSegment>> {
    passages
        .par_iter()
        .map(|p| {
            let ranges = Pair::new(
                tokens_within(d.left, p.spans.left),
                tokens_within(d.right, p.spans.right),
            );
            diff_tokens(d, ranges)
        })
        .collect()
}

/// The tokens lying inside `span` (tokens are in text order and do not overlap).
fn tokens_within(doc: &Document, span: Span) -> std::ops::Range<usize> {
    let a = doc.tokens.partition_point(|t| t.span.start < span.start);
    let b = doc.tokens.partition_point(|t| t.span.end <= span.end);
    a..b.max(a)
}

/// Score key in thousandths, so float noise cannot reorder output.
pub fn score_key(score: f64) -> i64 {
    (score * 1000.0).round() as i64
}

/// The order in which [`drop_redundant`] takes candidates (the report's own ranking comes
/// later, [`rank_echoes`]).
fn rank(scored: &mut [(f64, Evidence, Candidate)], tokens: Pair<usize>) {
    // ties: higher score first, then more words, then nearer the diagonal (the two starts at
    // the same relative place in their texts: of a phrase both texts repeat, the occurrences
    // in corresponding places pair first), then the earliest start on either side; every key
    // is unchanged when left and right are swapped, so the same fragments are dropped
    // whichever text is left
    let key = |c: &Candidate| {
        let (a, b) = (c.left.start, c.right.start);
        let (x, y) = (c.left.end, c.right.end);
        let off_diagonal =
            (a as u128 * tokens.right as u128).abs_diff(b as u128 * tokens.left as u128);
        (
            std::cmp::Reverse(c.left.len() + c.right.len()),
            off_diagonal,
            a.min(b),
            a.max(b),
            x.min(y),
            x.max(y),
        )
    };
    scored.sort_by(|a, b| {
        score_key(b.0)
            .cmp(&score_key(a.0))
            .then(key(&a.2).cmp(&key(&b.2)))
            .then(a.2.left.start.cmp(&b.2.left.start))
    });
}

/// Drop a candidate whose words are already reported on both sides: more than half of its
/// left words lie in a better-ranked echo, and more than half of its right words lie in a
/// better-ranked echo (the same one: a fragment of it; or two others: a cross-pairing of
/// phrases each already paired elsewhere, as when a phrase the two texts both repeat would
/// otherwise pair every occurrence on the left with every one on the right). Every
/// occurrence of a repeated phrase stays in some echo: a phrase echoed in three places still
/// gives three echoes.
fn drop_redundant(scored: Vec<(f64, Evidence, Candidate)>) -> Vec<(f64, Evidence, Candidate)> {
    // kept echoes are indexed, on each side, by buckets of token positions, so each check
    // looks only at kept echoes near it (near-linear rather than quadratic)
    const BUCKET: usize = 64;
    let buckets = |r: &std::ops::Range<usize>| r.start / BUCKET..=r.end.saturating_sub(1) / BUCKET;
    let mut kept: Vec<(f64, Evidence, Candidate)> = Vec::new();
    let mut index: Pair<rustc_hash::FxHashMap<usize, Vec<usize>>> = Pair::default();
    let range = |c: &Candidate, side: Side| match side {
        Side::Left => c.left.clone(),
        Side::Right => c.right.clone(),
    };
    for item in scored {
        let covered = |side: Side| {
            let r = range(&item.2, side);
            buckets(&r).any(|b| {
                index[side].get(&b).is_some_and(|ks| {
                    ks.iter()
                        .any(|&k| overlap(&r, &range(&kept[k].2, side)) * 2 > r.len())
                })
            })
        };
        if covered(Side::Left) && covered(Side::Right) {
            continue;
        }
        for side in Side::BOTH {
            for b in buckets(&range(&item.2, side)) {
                index[side].entry(b).or_default().push(kept.len());
            }
        }
        kept.push(item);
    }
    kept
}

fn overlap(a: &std::ops::Range<usize>, b: &std::ops::Range<usize>) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

fn token_span(doc: &Document, r: &std::ops::Range<usize>) -> Span {
    let a = doc.tokens.get(r.start).map_or(0, |t| t.span.start);
    let b = doc
        .tokens
        .get(r.end.saturating_sub(1))
        .map_or(a, |t| t.span.end);
    Span::new(a, b)
}

fn build_echo(
    d: Pair<&Document>,
    s: f64,
    ev: Evidence,
    c: &Candidate,
    string_measures: bool,
) -> Echo {
    let mut echo = light_echo(d, s, ev, c);
    complete_echo(d, &mut echo, c, string_measures);
    echo
}

/// An echo of candidate `c` without what its word diff gives (`kind`, `edits`, `diff`) and
/// without its string measures: placeholders until [`complete_echo`].
fn light_echo(d: Pair<&Document>, s: f64, ev: Evidence, c: &Candidate) -> Echo {
    let place = |doc: &Document, r: &std::ops::Range<usize>| Place {
        span: token_span(doc, r),
        statement: doc.sentence_of.get(r.start).copied().unwrap_or(0) as usize,
    };
    Echo {
        level: EchoLevel::Phrase,
        places: Pair::new(place(d.left, &c.left), place(d.right, &c.right)),
        score: s,
        evidence: ev,
        kind: EchoKind::Paraphrase,
        polarity: polarity(d, c),
        metrics: None,
        edits: Vec::new(),
        diff: Vec::new(),
        matches: c
            .pairs
            .iter()
            .map(|&(i, j)| {
                Pair::new(
                    d.left.tokens[i as usize].span,
                    d.right.tokens[j as usize].span,
                )
            })
            .collect(),
    }
}

/// Make the word diff of `echo` (of candidate `c`), its kind, edits and, when
/// `string_measures`, its string measures.
fn complete_echo(d: Pair<&Document>, echo: &mut Echo, c: &Candidate, string_measures: bool) {
    let diff = diff_tokens(d, Pair::new(c.left.clone(), c.right.clone()));
    echo.kind = classify(d, c, &diff);
    echo.edits = diff
        .iter()
        .filter(|seg| seg.change != Change::Equal)
        .map(|seg| Edit {
            change: seg.change,
            left: seg.left,
            right: seg.right,
        })
        .collect();
    echo.diff = diff;
    echo.metrics = string_measures.then(|| metrics(d, c));
}

/// A sentence's tf-isf weights by content key (sorted by key), and their norm.
type SentenceVector = (Vec<(u32, f64)>, f64);

/// Echoes at the level of statements: an aligned pair of sentences that say much the same
/// thing is reported as one echo spanning the two sentences.
///
/// The two sentences are compared as tf-isf vectors of their content keys: a key weighs its
/// rarity (the background weight, names `name_factor` of it) times
/// `ln((sentences + 1) / sentences holding it)`, sentences counted on the side with more of
/// them and holders on the side where the key is more common, so a word the texts repeat
/// everywhere (their topic) weighs little. The score is
/// `0.5 + 0.5 * (cosine - statement_floor) / (1 - statement_floor)`.
///
/// The words the two share must also be unlikely to be shared by chance: the sum over shared
/// keys of `ln(sentences / sentences holding it)` on both sides (the information of sharing
/// them) must reach `ln(left sentences * right sentences)`, the number of pairs any chance
/// match was picked from. Long texts drawn from one vocabulary otherwise pair almost every
/// sentence with some other.
///
/// A pair of statements mostly covered (two thirds of each) by one phrase echo already
/// reported is left out: the phrase echo says it all.
///
/// The pairing must also stand out for one of its two sentences ([`stands_out`], with
/// `statement_margin`): the best of that sentence's aligned counterparts by cosine, by the
/// margin over the next best.
///
/// The sentence vectors and then the links are computed in parallel (rayon), collected in
/// order, so the result does not depend on the number of threads.
fn statement_echoes(
    d: Pair<&Document>,
    ranges: Pair<&SentenceRanges>,
    links: &[Link],
    phrases: &[Echo],
    options: &Options,
) -> Vec<(Echo, Candidate)> {
    let params = &options.score;
    let mut covered: rustc_hash::FxHashMap<(usize, usize), Vec<Pair<Span>>> =
        rustc_hash::FxHashMap::default();
    for e in phrases {
        covered
            .entry((e.places.left.statement, e.places.right.statement))
            .or_default()
            .push(Pair::new(e.places.left.span, e.places.right.span));
    }
    // segment frequencies over sentences, as passages count them over units ([`crate::isf`])
    fn content<'a>(
        doc: &'a Document,
        ranges: &'a SentenceRanges,
    ) -> impl Iterator<Item = impl Iterator<Item = crate::tokenize::KeyId> + 'a> + Send + 'a {
        ranges.iter().map(|(_, r)| {
            doc.tokens
                .get(r.clone())
                .unwrap_or(&[])
                .iter()
                .filter(|t| t.is_content())
                .map(|t| t.key)
        })
    }
    let sf = SegmentFrequency::new(content(d.left, ranges.left), content(d.right, ranges.right));
    let counts = Pair::new(
        sf.segments.left.max(1) as f64,
        sf.segments.right.max(1) as f64,
    );
    // each sentence's tf-isf vector (sorted by key) and norm, once per sentence
    let vector = |doc: &Document, r: &std::ops::Range<usize>| {
        let mut v: rustc_hash::FxHashMap<u32, f64> = rustc_hash::FxHashMap::default();
        for t in doc.tokens.get(r.clone()).into_iter().flatten() {
            if !t.is_content() {
                continue;
            }
            let w = f64::from(t.weight) * if t.name { params.name_factor } else { 1.0 };
            *v.entry(t.key).or_insert(0.0) += w * sf.isf(t.key);
        }
        let mut v: Vec<(u32, f64)> = v.into_iter().collect();
        v.sort_unstable_by_key(|&(k, _)| k);
        let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
        (v, norm)
    };
    // the vectors of the linked sentences of one side, each computed once
    let vectors_of = |side: Side| -> rustc_hash::FxHashMap<usize, SentenceVector> {
        let mut linked: Vec<usize> = links.iter().map(|l| l.statements[side]).collect();
        linked.sort_unstable();
        linked.dedup();
        linked
            .into_par_iter()
            .filter_map(|k| Some((k, vector(d[side], ranges[side].get(k)?))))
            .collect()
    };
    let (left, right) = rayon::join(|| vectors_of(Side::Left), || vectors_of(Side::Right));
    let vectors = Pair::new(left, right);
    // the tf-isf cosine of each link's two sentences and the information of the keys they
    // share, by merging the sorted vectors
    let measure = |link: &Link| -> Option<(f64, f64)> {
        let (vl, nl) = vectors.left.get(&link.statements.left)?;
        let (vr, nr) = vectors.right.get(&link.statements.right)?;
        if *nl <= 0.0 || *nr <= 0.0 {
            return None;
        }
        let (mut dot, mut info) = (0.0, 0.0);
        let (mut i, mut j) = (0, 0);
        while let (Some(&(ka, wa)), Some(&(kb, wb))) = (vl.get(i), vr.get(j)) {
            match ka.cmp(&kb) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    dot += wa * wb;
                    let held = |side| f64::from(sf.held(side, ka));
                    info += (counts.left / held(Side::Left)).ln()
                        + (counts.right / held(Side::Right)).ln();
                    i += 1;
                    j += 1;
                }
            }
        }
        Some((dot / (nl * nr), info))
    };
    let measures: Vec<Option<(f64, f64)>> = links.par_iter().map(measure).collect();
    let cosines: Vec<Option<f64>> = measures.iter().map(|m| m.map(|(c, _)| c)).collect();
    let standing = stands_out(links, &cosines, params.statement_margin);
    let echo_of = |k: usize| -> Option<(Echo, Candidate)> {
        let link = links.get(k)?;
        let lr = ranges.left.get(link.statements.left)?;
        let rr = ranges.right.get(link.statements.right)?;
        let (cosine, info) = (*measures.get(k)?)?;
        let stands = standing.get(k).copied().unwrap_or(false);
        // shared words no likelier by chance than one pair of sentences in all compared; the
        // bound is summed as the information is, with a margin for rounding, because one key
        // held by one sentence on each side meets it exactly whatever the sentence counts
        // (`ln(n_left) + ln(n_right)`), and rounding must not decide which way
        if info + 1e-9 < counts.left.ln() + counts.right.ln() || !stands {
            return None;
        }
        let floor = params.statement_floor;
        let s = 0.5 + 0.5 * (cosine - floor) / (1.0 - floor);
        if s < options.min_score {
            return None;
        }
        let whole = Pair::new(token_span(d.left, lr), token_span(d.right, rr));
        let most = |a: Span, b: Span| {
            let common = a.end.min(b.end).saturating_sub(a.start.max(b.start));
            common * 3 >= (b.end - b.start) * 2
        };
        let said = covered
            .get(&(link.statements.left, link.statements.right))
            .is_some_and(|spans| {
                spans
                    .iter()
                    .any(|p| most(p.left, whole.left) && most(p.right, whole.right))
            });
        if said {
            return None;
        }
        // the shared content words, in right order, each paired with the first left word of
        // its key not yet used: the left words sorted by (key, position), a cursor per key
        let mut free: Vec<(u32, u32)> = lr
            .clone()
            .filter(|&i| d.left.tokens[i].is_content())
            .map(|i| (d.left.tokens[i].key, i as u32))
            .collect();
        free.sort_unstable();
        // used[g]: how many words of the key whose run starts at g are paired
        let mut used = vec![0u32; free.len()];
        let mut pairs = Vec::new();
        for j in rr.clone() {
            let t = &d.right.tokens[j];
            if !t.is_content() {
                continue;
            }
            let g = free.partition_point(|&(k, _)| k < t.key);
            let Some(taken) = used.get_mut(g) else {
                continue;
            };
            if let Some(&(k, i)) = free.get(g + *taken as usize)
                && k == t.key
            {
                *taken += 1;
                pairs.push((i, j as u32));
            }
        }
        if pairs.is_empty() {
            return None;
        }
        pairs.sort_unstable();
        let cand = Candidate {
            left: lr.clone(),
            right: rr.clone(),
            pairs,
        };
        // its evidence is made with its diff ([`Pending::complete`])
        let mut echo = light_echo(d, s.min(1.0), Evidence::default(), &cand);
        echo.level = EchoLevel::Statement;
        Some((echo, cand))
    };
    (0..links.len())
        .into_par_iter()
        .filter_map(echo_of)
        .collect()
}

/// Whether each link is its left or its right sentence's best by `margin` (by `score`, a
/// link without one never is): its score is at least `margin` times that of the sentence's
/// next best link (0 when it has no other), and ties for the best never stand out. This
/// is the ratio test of feature matching (Lowe's, with his 0.8 as the margin 1.25): when a
/// sentence has many partners about as good as each other, as in long texts sharing one
/// vocabulary, the best of them is likely a chance match.
fn stands_out(links: &[Link], score: &[Option<f64>], margin: f64) -> Vec<bool> {
    // the best and second best score of each sentence's links, per side
    let top_two = |side: Side| {
        let mut top: rustc_hash::FxHashMap<usize, (f64, f64)> = rustc_hash::FxHashMap::default();
        for (link, s) in links.iter().zip(score) {
            let Some(s) = *s else { continue };
            let t = top.entry(link.statements[side]).or_insert((f64::MIN, 0.0));
            if s > t.0 {
                *t = (s, t.0.max(0.0));
            } else if s > t.1 {
                t.1 = s;
            }
        }
        top
    };
    let top = Pair::new(top_two(Side::Left), top_two(Side::Right));
    links
        .iter()
        .zip(score)
        .map(|(link, s)| {
            s.is_some_and(|s| {
                Side::BOTH.iter().any(|&side| {
                    top[side]
                        .get(&link.statements[side])
                        .is_some_and(|&(best, next)| s >= best && s >= margin * next)
                })
            })
        })
        .collect()
}

fn rank_echoes(echoes: &mut [Echo]) {
    // phrase echoes first, then statement-level ones (the coarser finding), each by score;
    // ties: the earliest start on either side (the same whichever text is left), then
    // earlier on the left
    let key = |e: &Echo| {
        let (a, b) = (e.places.left.span.start, e.places.right.span.start);
        (a.min(b), a.max(b))
    };
    let level = |e: &Echo| e.level == EchoLevel::Statement;
    echoes.sort_by(|a, b| {
        level(a)
            .cmp(&level(b))
            .then(score_key(b.score).cmp(&score_key(a.score)))
            .then(key(a).cmp(&key(b)))
            .then(a.places.left.span.cmp(&b.places.left.span))
            .then(a.places.right.span.cmp(&b.places.right.span))
    });
}

fn summarize(d: Pair<&Document>, echoes: &[Echo], alignments: &[Alignment]) -> Summary {
    let mirrored = |side: Side| mirrored_share(&d[side].tokens, echoes, side);
    Summary {
        echoes: echoes.len(),
        polarity_flips: echoes
            .iter()
            .filter(|e| e.polarity != Polarity::Same)
            .count(),
        alignments: alignments.len(),
        words: Pair::new(d.left.len(), d.right.len()),
        sentences: Pair::new(
            d.left.sentence_ids().count(),
            d.right.sentence_ids().count(),
        ),
        mirrored: Pair::new(mirrored(Side::Left), mirrored(Side::Right)),
        ignored: 0,
        listed: None,
    }
}

/// Keep only the `max` best-ranked echoes of `report` (the list's own order: phrase echoes
/// first, then statement-level ones, each by score), for reports too long to read or render
/// whole. The aligned statement pairs listed shrink with them to the strong ones (score at
/// least the alignment's `report_score`) and those holding a listed echo; passages name only
/// listed echoes. The summary still counts and measures every echo and alignment found, and
/// `summary.listed` says what the lists hold. Apply it after any ignore list
/// ([`crate::check::ignore_echoes`] recomputes the summary from the list). Returns how many
/// echoes were left out.
///
/// ```
/// use echodiff::{compare, Options, Text};
/// use echodiff::report::limit_echoes;
/// let left = Text::new("l", "We seek complete, verifiable and irreversible denuclearization.");
/// let right = Text::new("r", "They must completely and irreversibly withdraw.");
/// let mut report = compare(left, right, &Options::default());
/// let found = report.echoes.len();
/// assert!(found >= 2);
/// assert_eq!(limit_echoes(&mut report, 1), found - 1);
/// assert_eq!((report.echoes.len(), report.summary.echoes), (1, found));
/// assert_eq!(report.summary.listed.map(|l| l.echoes), Some(1));
/// ```
pub fn limit_echoes(report: &mut Report, max: usize) -> usize {
    let cut = report.echoes.len().saturating_sub(max);
    if cut == 0 {
        return 0;
    }
    report.echoes.truncate(max);
    let held: rustc_hash::FxHashSet<(usize, usize)> = report
        .echoes
        .iter()
        .map(|e| (e.places.left.statement, e.places.right.statement))
        .collect();
    let strong = report.options.align.report_score;
    report
        .alignments
        .retain(|a| a.score >= strong || held.contains(&(a.statements.left, a.statements.right)));
    report.summary.listed = Some(Listed {
        echoes: report.echoes.len(),
        alignments: report.alignments.len(),
    });
    attach_passage_echoes(&mut report.passages, &report.echoes);
    cut
}

/// Name in each passage the echoes lying inside it ([`crate::passages::attach_echoes`]), by
/// their place in `echoes`: after the comparison, and again whenever the list of echoes
/// changes (an ignore list, [`limit_echoes`]).
pub(crate) fn attach_passage_echoes(passages: &mut [crate::passages::Passage], echoes: &[Echo]) {
    let spans: Vec<Pair<Span>> = echoes
        .iter()
        .map(|e| Pair::new(e.places.left.span, e.places.right.span))
        .collect();
    crate::passages::attach_echoes(passages, &spans);
}

/// Share of `tokens` lying inside the `side` span of some phrase echo, or matched by a
/// statement-level echo (whose unmatched words are not mirrored).
pub(crate) fn mirrored_share(
    tokens: &[crate::tokenize::Token],
    echoes: &[Echo],
    side: Side,
) -> f64 {
    if tokens.is_empty() {
        return 0.0;
    }
    let mut spans: Vec<Span> = echoes
        .iter()
        .flat_map(|e| match e.level {
            EchoLevel::Phrase => vec![e.places[side].span],
            EchoLevel::Statement => e.matches.iter().map(|m| m[side]).collect(),
        })
        .collect();
    spans.sort();
    // a token counts when one of the (at most) 64 spans starting last at or before it holds
    // it: tokens come in order, so one sweep keeps those spans, as a queue of the ones whose
    // end no later span in the window passes (the front ends furthest)
    const WINDOW: usize = 64;
    let mut at = 0;
    let mut window: std::collections::VecDeque<usize> = std::collections::VecDeque::new();
    let mut covered = 0usize;
    for t in tokens {
        while let Some(s) = spans.get(at).filter(|s| s.start <= t.span.start) {
            while window
                .back()
                .and_then(|&b| spans.get(b))
                .is_some_and(|b| b.end <= s.end)
            {
                window.pop_back();
            }
            window.push_back(at);
            at += 1;
        }
        while window.front().is_some_and(|&f| f + WINDOW < at) {
            window.pop_front();
        }
        let furthest = window.front().and_then(|&f| spans.get(f));
        if furthest.is_some_and(|s| s.end >= t.span.end) {
            covered += 1;
        }
    }
    covered as f64 / tokens.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn documents(dir: &str) -> Pair<Document> {
        let read = |side: &str| {
            let path = format!("{}/{dir}/{side}.txt", env!("CARGO_MANIFEST_DIR"));
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
        };
        let mut vocab = Vocab::new();
        let mut docs = Document::new_pair(
            Pair::new(
                Text::new("left", read("left")),
                Text::new("right", read("right")),
            ),
            &mut vocab,
        );
        crate::document::prepare(&mut docs);
        docs
    }

    /// Without passages and rhetoric, and with the alignments dropped before their diffs (as
    /// a scan compares), the echoes and the summary are those of the full report.
    #[test]
    fn echoes_do_not_depend_on_passages_rhetoric_or_alignment_diffs() {
        let docs = documents("tests/cases/06-reused-passage");
        let full = compare_documents(&docs, &Options::default());
        assert!(!full.passages.is_empty() && !full.alignments.is_empty());
        assert_ne!(full.rhetoric, Rhetoric::default());
        let cut = compare_documents_selected(&docs, &Options::default().echoes_only(), |r| {
            r.alignments.clear()
        });
        assert!(cut.passages.is_empty() && cut.passage_diffs.is_empty());
        assert!(cut.rhetoric.distinctive.left.is_empty() && cut.rhetoric.repeated.right.is_empty());
        assert!(cut.alignments.is_empty());
        assert_eq!(cut.echoes, full.echoes);
        assert_eq!(cut.summary, full.summary);
    }

    /// Without string measures, every echo has `metrics: None` and is otherwise the echo of
    /// the full report, phrase and statement level alike; the rest of the report is the same.
    #[test]
    fn string_measures_change_only_the_metrics() {
        let docs = documents("data/declaration-vs-seneca-falls");
        let full = compare_documents(&docs, &Options::default());
        let levels = |r: &Report, level| r.echoes.iter().filter(|e| e.level == level).count();
        assert!(levels(&full, EchoLevel::Phrase) > 0 && levels(&full, EchoLevel::Statement) > 0);
        assert!(full.echoes.iter().all(|e| e.metrics.is_some()));
        let lean = Options {
            string_measures: false,
            ..Options::default()
        };
        let without = compare_documents(&docs, &lean);
        assert!(without.echoes.iter().all(|e| e.metrics.is_none()));
        let unmeasured: Vec<Echo> = full
            .echoes
            .iter()
            .map(|e| Echo {
                metrics: None,
                ..e.clone()
            })
            .collect();
        assert_eq!(without.echoes, unmeasured);
        assert_eq!(without.alignments, full.alignments);
        assert_eq!(without.passages, full.passages);
        assert_eq!(without.summary, full.summary);
    }

    fn link(left: usize, right: usize) -> Link {
        Link {
            statements: Pair::new(left, right),
            score: 0.0,
            shared: 0.0,
            echo: 0.0,
        }
    }

    #[test]
    fn a_link_stands_out_when_it_is_the_clear_best_of_one_of_its_sentences() {
        type Case = (&'static str, Vec<(usize, usize, Option<f64>)>, Vec<bool>);
        let cases: Vec<Case> = vec![
            ("a lone link", vec![(0, 0, Some(0.3))], vec![true]),
            (
                "best of its left sentence by the margin; the other is best of neither",
                vec![(0, 0, Some(0.5)), (0, 1, Some(0.3)), (1, 1, Some(0.35))],
                vec![true, false, true],
            ),
            (
                "four ties: nothing stands out",
                vec![
                    (0, 0, Some(0.4)),
                    (0, 1, Some(0.4)),
                    (1, 0, Some(0.4)),
                    (1, 1, Some(0.4)),
                ],
                vec![false; 4],
            ),
            (
                "best on both sides but within the margin on both",
                vec![(0, 0, Some(0.45)), (0, 1, Some(0.4)), (1, 0, Some(0.42))],
                vec![false, true, true],
            ),
            (
                "exactly the margin stands out; a link without a score never does",
                vec![
                    (0, 0, Some(0.5)),
                    (0, 1, Some(0.4)),
                    (1, 1, Some(0.6)),
                    (2, 2, None),
                ],
                vec![true, false, true, false],
            ),
        ];
        for (name, spec, want) in cases {
            let links: Vec<Link> = spec.iter().map(|&(l, r, _)| link(l, r)).collect();
            let scores: Vec<Option<f64>> = spec.iter().map(|&(_, _, s)| s).collect();
            assert_eq!(stands_out(&links, &scores, 1.25), want, "{name}");
        }
    }

    /// tests/cases/07-ambiguous-statements: each sentence shares one rare word with both
    /// sentences of the other side, and no pairing is reported; when one right sentence
    /// shares two words with one left sentence, that pairing alone is.
    #[test]
    fn only_a_pairing_that_stands_out_is_a_statement_echo() {
        let docs = documents("tests/cases/07-ambiguous-statements");
        let statement_echoes = |r: &Report| -> Vec<(usize, usize)> {
            r.echoes
                .iter()
                .filter(|e| e.level == EchoLevel::Statement)
                .map(|e| (e.places.left.statement, e.places.right.statement))
                .collect()
        };
        let ambiguous = compare_documents(&docs, &Options::default());
        assert_eq!(statement_echoes(&ambiguous), []);
        // with no margin, a pairing need only be the best of one of its sentences: three
        // of the four are, by a hair
        let no_margin = Options {
            score: ScoreParams {
                statement_margin: 0.0,
                ..ScoreParams::default()
            },
            ..Options::default()
        };
        assert_eq!(
            statement_echoes(&compare_documents(&docs, &no_margin)).len(),
            3
        );
        let mut vocab = Vocab::new();
        let mut clear = Document::new_pair(
            Pair::new(
                docs.left.text.clone(),
                Text::new(
                    "right",
                    "The heron ate a gourd while lichen grew nearby.\n\n\
                     An anvil, saffron and bellows sat in the weaver's shed.\n",
                ),
            ),
            &mut vocab,
        );
        crate::document::prepare(&mut clear);
        let report = compare_documents(&clear, &Options::default());
        assert_eq!(statement_echoes(&report), [(1, 1)]);
    }
}

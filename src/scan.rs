//! Echoes between many documents at once: every document of one collection against every
//! document of another, or a collection against itself.
//!
//! Method:
//! 1. **Tokenize** every document with one shared [`Vocab`], so matching keys agree across
//!    the collection (chunks in parallel with vocabularies of their own, then merged).
//! 2. **Index** word pairs ("bigrams") with their positions: consecutive content words (at
//!    most two function words between, as the echo finder's bigram seeds), content words
//!    one content word apart, and consecutive words of any class. The index is built by
//!    sorting `(bigram, document, position)` triples, not in a hash map (16 bytes an
//!    occurrence while building). Bigrams held by one document cannot link two and are
//!    dropped; bigrams held by more than `max_df` documents are skipped (stock phrases,
//!    boilerplate, "of the") and counted in [`ScanStats::skipped_ngrams`], like passim's
//!    maximum document frequency, so a boilerplate-heavy archive stays fast.
//! 3. **Candidates**: for each left document, the documents it may be paired with (later ones
//!    within one collection; the other collection's otherwise) that share a passage: at
//!    least `min_shared` indexed bigrams chained, each within 8 tokens of the previous one on
//!    both sides. Chance shared bigrams are scattered; an echo's are together, so this keeps
//!    the pairs to compare near-linear in the number of documents. The chain is built from
//!    the bigrams the two documents share (each posting keeps where the bigram's positions
//!    start in its document's list), not by merging their whole lists.
//! 4. **Compare** each candidate pair with the single-pair pipeline
//!    ([`compare_documents_selected`]), after the same preparation as in
//!    [`compare`](crate::report::compare) ([`crate::document::prepare`]: names, repeated-word
//!    discount), so a pair gets the echoes `echodiff LEFT RIGHT` would give it; without what
//!    a scan does not output (passages, rhetoric, the word diffs of aligned statements:
//!    [`Options::detect_passages`], [`Options::compare_rhetoric`]). Pairs with no echo are
//!    dropped.
//!
//! Work is split by left document and runs on the current rayon thread pool; results go to
//! the caller in a fixed order, by (left document index, right document index), whatever the
//! number of threads, through a reorder buffer holding at most a bounded window of left
//! documents, so memory does not grow with the number of results.
//!
//! Cost: tokenizing is linear in the words; the index is O(b log b) for b bigram
//! occurrences; candidate counting is the sum over indexed bigrams of df², bounded by
//! `max_df` per bigram; comparing is the candidate pairs times the pair cost (about 1 ms
//! for two 500-word documents). Memory: the documents' tokens (32 bytes a word) and the
//! index; results are not kept.
//! Ties: none; the order of results is the order of document indices.

pub mod jsonl;

use crate::document::Document;
use crate::report::{Options, Report, compare_documents_selected};
use crate::text::{Pair, Text};
use crate::tokenize::Vocab;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::mpsc;

/// A calendar date (`YYYY-MM-DD`), ordered by time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: u16,
    /// Month, 1 to 12.
    pub month: u8,
    /// Day, 1 to 31.
    pub day: u8,
}

impl Date {
    /// Parse a date that starts `s` as `YYYY-MM-DD` (a time may follow: `2019-10-05T12:00`).
    ///
    /// ```
    /// use echodiff::scan::Date;
    /// assert_eq!(Date::parse("2019-10-05").map(|d| d.to_string()), Some("2019-10-05".into()));
    /// assert_eq!(Date::parse("2019-13-05"), None);
    /// assert_eq!(Date::parse("2019-02-29"), None);
    /// ```
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        if b.get(10).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = s.get(r)?;
            if part.bytes().all(|c| c.is_ascii_digit()) {
                part.parse().ok()
            } else {
                None
            }
        };
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            1..=12 => 31,
            _ => return None,
        };
        if !(1..=days).contains(&day) {
            return None;
        }
        Some(Date {
            year: year as u16,
            month: month as u8,
            day: day as u8,
        })
    }

    /// The first `YYYY-MM-DD` date inside `s` (a file name such as `kcna-2019-10-05.txt`).
    ///
    /// ```
    /// use echodiff::scan::Date;
    /// assert_eq!(Date::find_in("dprk/kcna-2019-10-05.txt").map(|d| d.to_string()),
    ///            Some("2019-10-05".into()));
    /// ```
    pub fn find_in(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        (0..b.len().saturating_sub(9))
            .filter(|&i| i == 0 || !b[i - 1].is_ascii_digit())
            .find_map(|i| s.get(i..).and_then(Date::parse))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Which document of a pair said it first, by their dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// The left document is dated earlier: the right one echoes it.
    LeftFirst,
    /// The right document is dated earlier: the left one echoes it.
    RightFirst,
    /// Both are dated the same day.
    SameDay,
}

impl Direction {
    /// The direction given two dates, when both are known.
    pub fn of(left: Option<Date>, right: Option<Date>) -> Option<Direction> {
        let (l, r) = (left?, right?);
        Some(match l.cmp(&r) {
            std::cmp::Ordering::Less => Direction::LeftFirst,
            std::cmp::Ordering::Greater => Direction::RightFirst,
            std::cmp::Ordering::Equal => Direction::SameDay,
        })
    }
}

/// One document of a collection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanDoc {
    /// The text; its label is the document's id (a path or a JSONL `id`).
    pub text: Text,
    /// A title, if the input gave one.
    pub title: Option<String>,
    /// A date, if known.
    pub date: Option<Date>,
    /// Bytes before the text in its input as read (a stripped BOM), added to offsets.
    pub offset: usize,
}

impl ScanDoc {
    /// A document with no title, date or offset.
    pub fn new(text: Text) -> Self {
        ScanDoc {
            text,
            title: None,
            date: None,
            offset: 0,
        }
    }
}

/// Which pairs to compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// One collection against itself: each unordered pair of distinct documents once, the
    /// earlier index on the left.
    Within,
    /// The first `left` documents against the rest.
    Across {
        /// Number of documents in the left collection (they come first).
        left: usize,
    },
}

/// Settings of a scan.
#[derive(Debug, Clone, PartialEq)]
pub struct ScanOptions {
    /// Settings of each pair comparison. Default: [`Options::default`].
    pub compare: Options,
    /// Bigrams held by more documents than this are skipped. Default: 100.
    pub max_df: usize,
    /// A pair is compared when its documents share a passage of at least this many indexed
    /// bigrams, chained within 8 tokens on both sides. Default: 3.
    pub min_shared: usize,
}

impl Default for ScanOptions {
    fn default() -> Self {
        ScanOptions {
            compare: Options::default(),
            max_df: 100,
            min_shared: 3,
        }
    }
}

/// A document pair with at least one echo.
#[derive(Debug, Clone)]
pub struct PairResult {
    /// Indices of the two documents in the scanned collection.
    pub docs: Pair<usize>,
    /// The comparison (labels are the documents' ids): its echoes and summary. A scan does
    /// not look for passages or compare rhetoric, and drops the aligned statements before
    /// their diffs are made (the summary still counts them): none of these is in its output.
    pub report: Report,
    /// Which side said it first, when both documents are dated.
    pub direction: Option<Direction>,
}

/// Counts of a scan, for progress and the final summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ScanStats {
    /// Documents scanned.
    pub documents: usize,
    /// Distinct bigrams held by two or more documents.
    pub ngrams: usize,
    /// Of those, bigrams skipped because more than `max_df` documents hold them.
    pub skipped_ngrams: usize,
    /// Left documents whose candidates have been compared, out of `units`.
    pub units_done: usize,
    /// Left documents to process.
    pub units: usize,
    /// Pairs compared.
    pub pairs_compared: usize,
    /// Pairs with at least one echo.
    pub pairs_reported: usize,
    /// Echoes in reported pairs.
    pub echoes: usize,
}

/// What a scan tells its caller, in order.
#[derive(Debug)]
pub enum Event<'a> {
    /// `n` documents have been tokenized (sent now and then while tokenizing).
    Tokenized(usize),
    /// The index is built; the stats say how many bigrams were skipped.
    Indexed(&'a ScanStats),
    /// A pair with echoes, in (left index, right index) order.
    Pair(&'a PairResult),
    /// Progress after a left document's pairs were all delivered.
    Progress(&'a ScanStats),
}

/// How many left documents may be in flight ahead of the next one to deliver.
const WINDOW: usize = 256;

/// Scan `docs` for echoes between the pairs `mode` selects, calling `on_event` with each
/// pair that has echoes, in (left index, right index) order, and with progress.
///
/// Uses the current rayon thread pool. Output is the same whatever the number of threads.
///
/// ```
/// use echodiff::scan::{scan, Event, Mode, ScanDoc, ScanOptions};
/// use echodiff::Text;
/// let docs = vec![
///     ScanDoc::new(Text::new("a", "We seek the complete, verifiable and irreversible denuclearization of the peninsula.")),
///     ScanDoc::new(Text::new("b", "The weather was fine today in the capital.")),
///     ScanDoc::new(Text::new("c", "They demand complete, verifiable and irreversible denuclearization first.")),
/// ];
/// let mut found = Vec::new();
/// let stats = scan(docs, Mode::Within, &ScanOptions::default(), &mut |e| {
///     if let Event::Pair(p) = e { found.push((p.docs.left, p.docs.right)); }
/// });
/// assert_eq!(found, [(0, 2)]);
/// assert_eq!(stats.pairs_reported, 1);
/// ```
pub fn scan(
    docs: Vec<ScanDoc>,
    mode: Mode,
    opts: &ScanOptions,
    on_event: &mut dyn FnMut(Event<'_>),
) -> ScanStats {
    let meta: Vec<(Option<Date>, usize)> = docs.iter().map(|d| (d.date, d.offset)).collect();
    let documents = tokenize_all(docs, on_event);
    let index = Index::build(&documents, opts.max_df);
    let units: Vec<usize> = match mode {
        Mode::Within => (0..documents.len()).collect(),
        Mode::Across { left } => (0..left.min(documents.len())).collect(),
    };
    let mut stats = ScanStats {
        documents: documents.len(),
        ngrams: index.ngrams,
        skipped_ngrams: index.skipped,
        units: units.len(),
        ..ScanStats::default()
    };
    on_event(Event::Indexed(&stats));
    let ctx = Ctx {
        documents: &documents,
        meta: &meta,
        index: &index,
        mode,
        opts,
        compare: opts.compare.clone().echoes_only(),
    };
    run_ordered(
        &units,
        |i| ctx.unit(i),
        |(compared, results)| {
            stats.units_done += 1;
            stats.pairs_compared += compared;
            for r in &results {
                stats.pairs_reported += 1;
                stats.echoes += r.report.echoes.len();
                on_event(Event::Pair(r));
            }
            on_event(Event::Progress(&stats));
        },
    );
    stats
}

/// Tokenize every document with one vocabulary: chunks of documents in parallel, each with
/// a vocabulary of its own, merged in chunk order and the tokens remapped. The chunks do not
/// depend on the number of threads, so neither do the ids.
fn tokenize_all(docs: Vec<ScanDoc>, on_event: &mut dyn FnMut(Event<'_>)) -> Vec<Document> {
    use rayon::prelude::*;
    const CHUNKS: usize = 64;
    let n = docs.len();
    let size = n.div_ceil(CHUNKS).max(1);
    let mut chunks: Vec<Vec<ScanDoc>> = Vec::new();
    let mut it = docs.into_iter().peekable();
    while it.peek().is_some() {
        chunks.push(it.by_ref().take(size).collect());
    }
    let built: Vec<(Vocab, Vec<Document>)> = chunks
        .into_par_iter()
        .map(|chunk| {
            let mut vocab = Vocab::new();
            let docs = chunk
                .into_iter()
                .map(|d| Document::new(d.text, &mut vocab))
                .collect();
            (vocab, docs)
        })
        .collect();
    let mut vocab = Vocab::new();
    let mut out = Vec::with_capacity(n);
    for (local, docs) in built {
        let (forms, keys) = vocab.absorb(local);
        for mut doc in docs {
            // forms and keys alike
            crate::tokenize::remap(&mut doc.tokens, &forms, &keys);
            out.push(doc);
        }
        on_event(Event::Tokenized(out.len()));
    }
    out
}

/// Run `work` over `units` on the rayon pool and hand each result to `deliver` in the order
/// of `units`, keeping at most [`WINDOW`] units in flight.
fn run_ordered<T: Send>(
    units: &[usize],
    work: impl Fn(usize) -> T + Sync,
    mut deliver: impl FnMut(T),
) {
    let (tx, rx) = mpsc::channel::<(usize, T)>();
    let work = &work;
    rayon::in_place_scope(|s| {
        let mut pending: BTreeMap<usize, T> = BTreeMap::new();
        let (mut submitted, mut next) = (0usize, 0usize);
        while next < units.len() {
            while submitted < units.len() && submitted < next + WINDOW {
                let (k, unit, tx) = (submitted, units[submitted], tx.clone());
                // a send fails only when the receiver is gone, which it is not until the end
                s.spawn(move |_| drop(tx.send((k, work(unit)))));
                submitted += 1;
            }
            let Some((k, t)) = receive(&rx) else {
                break;
            };
            pending.insert(k, t);
            while let Some(t) = pending.remove(&next) {
                deliver(t);
                next += 1;
            }
        }
    });
}

/// The next result; on a pool thread, help run queued work instead of blocking, so a pool of
/// one thread cannot deadlock.
fn receive<T>(rx: &mpsc::Receiver<T>) -> Option<T> {
    if rayon::current_thread_index().is_none() {
        return rx.recv().ok();
    }
    loop {
        match rx.try_recv() {
            Ok(t) => return Some(t),
            Err(mpsc::TryRecvError::Disconnected) => return None,
            Err(mpsc::TryRecvError::Empty) => {
                if rayon::yield_now() != Some(rayon::Yield::Executed) {
                    std::thread::yield_now();
                }
            }
        }
    }
}

struct Ctx<'a> {
    documents: &'a [Document],
    meta: &'a [(Option<Date>, usize)],
    index: &'a Index,
    mode: Mode,
    opts: &'a ScanOptions,
    /// `opts.compare` without what a scan does not report (passages, rhetoric).
    compare: Options,
}

impl Ctx<'_> {
    /// Compare left document `i` with its candidates: (pairs compared, pairs with echoes).
    fn unit(&self, i: usize) -> (usize, Vec<PairResult>) {
        let first = match self.mode {
            Mode::Within => i + 1,
            Mode::Across { left } => left,
        };
        let candidates = self.index.candidates(i, first, self.opts.min_shared);
        let results = candidates
            .iter()
            .filter_map(|&j| self.compare(i, j))
            .collect();
        (candidates.len(), results)
    }

    fn compare(&self, i: usize, j: usize) -> Option<PairResult> {
        let mut docs = Pair::new(self.documents[i].clone(), self.documents[j].clone());
        // the same preparation as a single pair (names, repeated-word discount)
        crate::document::prepare(&mut docs);
        let mut report = compare_documents_selected(&docs, &self.compare, |r| r.alignments.clear());
        if report.echoes.is_empty() {
            return None;
        }
        report.input_offsets = Pair::new(self.meta[i].1, self.meta[j].1);
        Some(PairResult {
            docs: Pair::new(i, j),
            report,
            direction: Direction::of(self.meta[i].0, self.meta[j].0),
        })
    }
}

/// Content-word bigrams and skip-bigrams → postings, in compressed (CSR) form.
struct Index {
    /// For each document, `(bigram id, token position)` of its indexed bigrams, by id then
    /// position.
    doc_ngrams: Vec<Vec<(u32, u32)>>,
    /// Postings of bigram `g`: `postings[starts[g]..starts[g + 1]]`, ascending.
    starts: Vec<u32>,
    postings: Vec<u32>,
    /// For each posting, where the bigram's run starts in that document's `doc_ngrams`.
    runs: Vec<u32>,
    ngrams: usize,
    skipped: usize,
}

/// Two matched bigrams chain into one passage when they lie within this many tokens of
/// each other on both sides.
const CHAIN_WINDOW: u32 = 8;

impl Index {
    fn build(documents: &[Document], max_df: usize) -> Index {
        let mut occ: Vec<(u64, u32, u32)> = Vec::new();
        for (d, doc) in documents.iter().enumerate() {
            occ.extend(bigrams(doc).map(|(k, pos)| (k, d as u32, pos)));
        }
        // by bigram, then document, then position
        rayon::slice::ParallelSliceMut::par_sort_unstable(&mut occ[..]);
        let mut doc_ngrams: Vec<Vec<(u32, u32)>> = vec![Vec::new(); documents.len()];
        let mut starts = vec![0u32];
        let mut postings = Vec::new();
        let mut runs = Vec::new();
        let (mut ngrams, mut skipped) = (0, 0);
        for group in occ.chunk_by(|a, b| a.0 == b.0) {
            let df = group.chunk_by(|a, b| a.1 == b.1).count();
            if df < 2 {
                continue;
            }
            ngrams += 1;
            if df > max_df {
                skipped += 1;
                continue;
            }
            let id = (starts.len() - 1) as u32;
            for per_doc in group.chunk_by(|a, b| a.1 == b.1) {
                let d = per_doc[0].1;
                postings.push(d);
                runs.push(doc_ngrams[d as usize].len() as u32);
                doc_ngrams[d as usize].extend(per_doc.iter().map(|&(_, _, pos)| (id, pos)));
            }
            starts.push(postings.len() as u32);
        }
        Index {
            doc_ngrams,
            starts,
            postings,
            runs,
            ngrams,
            skipped,
        }
    }

    /// Documents at index `first` or later that share with document `i` a passage of at
    /// least `min_shared` indexed bigrams (chained within [`CHAIN_WINDOW`] tokens on both
    /// sides), ascending.
    ///
    /// Two passes over `i`'s bigrams and their postings: the first counts the distinct
    /// bigrams each document shares with `i`; the second lists, for the documents sharing
    /// enough, which bigrams those are and where they lie in its list, so a document's chain
    /// is built from the bigrams it shares, not by merging both documents' whole lists.
    fn candidates(&self, i: usize, first: usize, min_shared: usize) -> Vec<usize> {
        thread_local! {
            // shared-bigram counts by document, reused across calls on a thread; every
            // touched count is reset before returning
            static COUNTS: std::cell::RefCell<Vec<u32>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        let need = min_shared.max(1);
        let mine = &self.doc_ngrams[i];
        // where each run of one bigram starts in `mine` (sorted by id, then position)
        let my_runs: Vec<usize> = (0..mine.len())
            .filter(|&k| k == 0 || mine[k - 1].0 != mine[k].0)
            .collect();
        // the postings of bigram `g` from document `first` on, as a range of `postings`
        let postings = |g: u32| -> std::ops::Range<usize> {
            let (a, b) = (
                self.starts[g as usize] as usize,
                self.starts[g as usize + 1] as usize,
            );
            a + self.postings[a..b].partition_point(|&d| (d as usize) < first)..b
        };
        let ranges: Vec<std::ops::Range<usize>> =
            my_runs.iter().map(|&k| postings(mine[k].0)).collect();
        COUNTS.with_borrow_mut(|counts| {
            counts.resize(self.doc_ngrams.len(), 0);
            let mut touched: Vec<u32> = Vec::new();
            for range in &ranges {
                for &d in &self.postings[range.clone()] {
                    let c = &mut counts[d as usize];
                    if *c == 0 {
                        touched.push(d);
                    }
                    *c += 1;
                }
            }
            let enough = |d: u32| counts[d as usize] as usize >= need && d as usize != i;
            let mut out: Vec<usize> = Vec::new();
            if need == 1 {
                out.extend(touched.iter().filter(|&&d| enough(d)).map(|&d| d as usize));
            } else {
                // (document, run of `mine`, run of the document's list) for every bigram a
                // document sharing enough shares
                let mut shared: Vec<(u32, u32, u32)> = Vec::new();
                for (r, range) in ranges.iter().enumerate() {
                    for at in range.clone() {
                        let d = self.postings[at];
                        if enough(d) {
                            shared.push((d, r as u32, self.runs[at]));
                        }
                    }
                }
                shared.sort_unstable();
                let mut matches: Vec<(u32, u32)> = Vec::new();
                for group in shared.chunk_by(|a, b| a.0 == b.0) {
                    let d = group[0].0;
                    let theirs = &self.doc_ngrams[d as usize];
                    matches.clear();
                    for &(_, r, at) in group {
                        let k = my_runs[r as usize];
                        let g = mine[k].0;
                        let end = my_runs.get(r as usize + 1).copied().unwrap_or(mine.len());
                        let theirs = theirs.get(at as usize..).unwrap_or(&[]);
                        let run = &theirs[..theirs.iter().take_while(|p| p.0 == g).count()];
                        for pa in &mine[k..end] {
                            matches.extend(run.iter().map(|pb| (pa.1, pb.1)));
                        }
                    }
                    if longest_chain(&mut matches) >= need {
                        out.push(d as usize);
                    }
                }
            }
            for &d in &touched {
                counts[d as usize] = 0;
            }
            out.sort_unstable();
            out
        })
    }
}

/// The most matched bigrams (pairs of positions of one bigram on the two sides, in any
/// order) that chain, each within [`CHAIN_WINDOW`] tokens of the previous one on both
/// sides. Sorts `matches`.
fn longest_chain(matches: &mut [(u32, u32)]) -> usize {
    matches.sort_unstable();
    let mut chain = vec![1usize; matches.len()];
    for k in 0..matches.len() {
        let (pk, qk) = matches[k];
        for q in (0..k).rev() {
            let (pq, qq) = matches[q];
            if pk - pq > CHAIN_WINDOW {
                break;
            }
            if qk.abs_diff(qq) <= CHAIN_WINDOW && (pq, qq) != (pk, qk) {
                chain[k] = chain[k].max(chain[q] + 1);
            }
        }
    }
    chain.into_iter().max().unwrap_or(0)
}

/// Keys of word pairs with the position of their first word: consecutive content words (at
/// most two function words between, as in the echo finder's bigram seeds); content words
/// one content word apart (so a dropped or changed word still leaves a shared pair); and
/// consecutive words of any class (so a phrase of few content words, "the world laughs
/// with you", still has two; the common ones, "of the", are over `max_df` and skipped).
fn bigrams(doc: &Document) -> impl Iterator<Item = (u64, u32)> + '_ {
    // the kind is marked in the top two bits; keys are below 2^30 in any real vocabulary
    const SKIP: u64 = 1 << 63;
    const WORDS: u64 = 1 << 62;
    let content: Vec<usize> = (0..doc.tokens.len())
        .filter(|&i| doc.tokens[i].is_content())
        .collect();
    let key =
        move |a: usize, b: usize| ((doc.tokens[a].key as u64) << 32) | doc.tokens[b].key as u64;
    let content_pairs = (0..content.len()).flat_map(move |k| {
        let i = content[k];
        let next = content.get(k + 1).filter(|&&n| n - i <= 3);
        let skip = content
            .get(k + 2)
            .filter(|&&n| next.is_some() && n - i <= 6);
        let one = next.map(|&n| (key(i, n), i as u32));
        let two = skip.map(|&n| (key(i, n) | SKIP, i as u32));
        one.into_iter().chain(two)
    });
    let word_pairs = (1..doc.tokens.len()).map(move |i| (key(i - 1, i) | WORDS, i as u32 - 1));
    content_pairs.chain(word_pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs(texts: &[&str]) -> Vec<ScanDoc> {
        texts
            .iter()
            .enumerate()
            .map(|(k, t)| ScanDoc::new(Text::new(format!("d{k}"), *t)))
            .collect()
    }

    const A: &str =
        "The early comments do not reflect the content or the spirit of today's long discussion.";
    const B: &str =
        "The U.S. did not accurately reflect the content and spirit of the negotiations.";
    const C: &str = "Fishing boats returned to the harbour before the storm broke over the hills.";

    fn pairs(texts: &[&str], mode: Mode) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        scan(docs(texts), mode, &ScanOptions::default(), &mut |e| {
            if let Event::Pair(p) = e {
                out.push((p.docs.left, p.docs.right));
            }
        });
        out
    }

    #[test]
    fn one_vocabulary_for_forms_and_keys() {
        // each document is its own chunk, tokenized with a vocabulary of its own, then merged
        let documents = tokenize_all(
            docs(&[
                "A big house stood there.",
                "Yesterday, a rather large house stood there.",
            ]),
            &mut |_| {},
        );
        let word = |d: &Document, w: &str| {
            d.tokens
                .iter()
                .find(|t| d.text.slice(t.span) == w)
                .copied()
                .unwrap_or_else(|| panic!("no {w:?}"))
        };
        let (big, large) = (word(&documents[0], "big"), word(&documents[1], "large"));
        assert_ne!(big.key, large.key);
        assert_ne!(big.form, large.form);
        for w in ["house", "stood", "there"] {
            let (a, b) = (word(&documents[0], w), word(&documents[1], w));
            assert_eq!((a.form, a.key), (b.form, b.key), "{w}");
        }
    }

    /// The documents at index `first` or later that share with document `i` a chain of
    /// `need` word pairs, found the plain way: every position pair of every bigram the two
    /// share, looked up in their whole lists.
    fn chained_by_merging(index: &Index, i: usize, first: usize, need: usize) -> Vec<usize> {
        let a = &index.doc_ngrams[i];
        (first..index.doc_ngrams.len())
            .filter(|&d| d != i)
            .filter(|&d| {
                let b = &index.doc_ngrams[d];
                let mut matches: Vec<(u32, u32)> = Vec::new();
                for pa in a {
                    matches.extend(b.iter().filter(|pb| pb.0 == pa.0).map(|pb| (pa.1, pb.1)));
                }
                let mut ids: Vec<u32> = a
                    .iter()
                    .map(|p| p.0)
                    .filter(|g| b.iter().any(|q| q.0 == *g))
                    .collect();
                ids.dedup();
                ids.len() >= need.max(1) && (need <= 1 || longest_chain(&mut matches) >= need)
            })
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// The candidate filter (counts, then the shared bigrams' runs) finds the documents the
        /// whole-list merge finds, on texts of few words (so documents share many bigrams,
        /// repeated within each).
        #[test]
        fn candidate_filter_matches_merging_whole_lists(
            texts in proptest::collection::vec(
                proptest::collection::vec(0usize..12, 0..40), 2..7),
            need in 1usize..5,
            max_df in 2usize..8,
        ) {
            const WORDS: [&str; 12] = [
                "harbour", "storm", "boats", "the", "of", "returned", "hills", "and",
                "fishing", "broke", "over", "night",
            ];
            let texts: Vec<String> = texts
                .iter()
                .map(|t| t.iter().map(|&w| WORDS[w]).collect::<Vec<_>>().join(" "))
                .collect();
            let documents = tokenize_all(
                texts.iter().enumerate().map(|(k, t)| ScanDoc::new(Text::new(format!("d{k}"), t.as_str()))).collect(),
                &mut |_| {},
            );
            let index = Index::build(&documents, max_df);
            for i in 0..documents.len() {
                for first in [0, i + 1] {
                    proptest::prop_assert_eq!(
                        index.candidates(i, first, need),
                        chained_by_merging(&index, i, first, need),
                        "document {}, first {}", i, first
                    );
                }
            }
        }
    }

    #[test]
    fn within_reports_each_pair_once_and_never_a_document_with_itself() {
        assert_eq!(pairs(&[A, C, B, A], Mode::Within), [(0, 2), (0, 3), (2, 3)]);
    }

    #[test]
    fn across_pairs_only_left_with_right() {
        assert_eq!(
            pairs(&[A, B, C, B], Mode::Across { left: 2 }),
            [(0, 3), (1, 3)]
        );
    }

    #[test]
    fn skipped_bigrams_are_counted() {
        let opts = ScanOptions {
            max_df: 2,
            ..ScanOptions::default()
        };
        let stats = scan(docs(&[A, A, A, C]), Mode::Within, &opts, &mut |_| {});
        assert!(stats.skipped_ngrams > 0 && stats.skipped_ngrams == stats.ngrams);
        assert_eq!(stats.pairs_compared, 0);
    }

    #[test]
    fn dates() {
        for (s, want) in [
            ("2019-10-05", Some("2019-10-05")),
            ("2019-10-05T10:00Z", Some("2019-10-05")),
            ("2019-1-05", None),
            ("2019-10-051", None),
            ("2019-00-05", None),
            ("2019-02-29", None),
            ("2020-02-29", Some("2020-02-29")),
            ("1900-02-29", None),
            ("2000-02-29", Some("2000-02-29")),
            ("2019-04-31", None),
            ("2019-12-31", Some("2019-12-31")),
            ("2019-12-00", None),
            ("", None),
            ("x2019-10-05", None),
        ] {
            assert_eq!(
                Date::parse(s).map(|d| d.to_string()).as_deref(),
                want,
                "{s}"
            );
        }
        assert_eq!(
            Date::find_in("a/12019-10-05 b-2020-01-31.txt").map(|d| d.to_string()),
            Some("2020-01-31".into())
        );
        let d = Date::parse;
        assert_eq!(
            Direction::of(d("2019-01-01"), d("2019-01-02")),
            Some(Direction::LeftFirst)
        );
        assert_eq!(Direction::of(d("2019-01-01"), None), None);
    }
}

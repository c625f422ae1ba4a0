//! Detections by echodiff: its passages between the source (left) and the suspicious
//! document (right), as character ranges.
//!
//! Documents are read and decoded as the `echodiff` binary does (`echodiff::load::decode`
//! with the default limits: BOM stripped, UTF-16 decoded, invalid UTF-8 an error). Passage
//! spans are byte offsets into the decoded text; PAN counts characters (Unicode scalar
//! values) of the file as it is, so a byte offset becomes the number of characters before it,
//! plus one for a UTF-8 BOM. Nothing is normalised (the corpus has U+0019 and U+00A0).
//!
//! A document echodiff's loader refuses (the CLI's exit 2: NUL bytes, invalid UTF-8, over the
//! size limit) makes its pair [`Outcome::Refused`]: echodiff gives nothing for it, so it is
//! scored as no detections and reported. A file that cannot be read is an error.
//!
//! Pairs run in parallel on rayon; results come back in pair order, so the output does not
//! depend on the number of threads.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, Result, anyhow};
use echodiff::load::{LoadOptions, Loaded, decode};
use echodiff::passages::passages_between;
use echodiff::{Options, Span};
use rayon::prelude::*;

use crate::corpus::{Corpus, DocPair};
use crate::measure::{Chars, Reuse};

/// What echodiff gives for one pair.
#[derive(Debug, PartialEq)]
pub enum Outcome {
    /// Its passages, as character ranges.
    Passages(Vec<Reuse>),
    /// A document was refused by the loader, as the `echodiff` binary would refuse it.
    Refused(echodiff::Error),
}

/// A decoded document and the characters before its text in the file (1 for a UTF-8 BOM).
struct Document {
    loaded: Loaded,
    path: String,
}

impl Document {
    /// The document at `path`; `Ok(Err(_))` when the loader refuses its bytes.
    fn read(path: &Path) -> Result<Result<Document, echodiff::Error>> {
        let shown = path.display().to_string();
        let bytes = std::fs::read(path).with_context(|| format!("{shown}: cannot read"))?;
        Ok(
            decode(&shown, &bytes, &LoadOptions::default()).map(|loaded| Document {
                loaded,
                path: shown,
            }),
        )
    }

    /// The characters of byte span `span` of the decoded text, counted in the file.
    fn chars(&self, span: Span) -> Result<Chars> {
        let text = &self.loaded.text.original;
        let count = |byte: usize| {
            text.get(..byte).map(|s| s.chars().count()).ok_or_else(|| {
                anyhow!(
                    "{}: passage offset {byte} is not a character boundary (an echodiff bug)",
                    self.path
                )
            })
        };
        // a UTF-8 BOM is one character of the file, not of the decoded text
        let before = usize::from(self.loaded.offset > 0);
        Ok(Chars::new(
            before + count(span.start)?,
            before + count(span.end)?,
        ))
    }
}

/// echodiff's detections for one pair: its passages, source on the left.
///
/// # Errors
/// When a document cannot be read, or echodiff panics (the message names the pair).
pub fn detect(corpus: &Corpus, pair: &DocPair, options: &Options) -> Result<Outcome> {
    let (src, susp) = match (
        Document::read(&corpus.src_path(pair))?,
        Document::read(&corpus.susp_path(pair))?,
    ) {
        (Ok(src), Ok(susp)) => (src, susp),
        (Err(e), _) | (_, Err(e)) => return Ok(Outcome::Refused(e)),
    };
    let (left, right) = (src.loaded.text.clone(), susp.loaded.text.clone());
    let passages = catch_unwind(AssertUnwindSafe(|| passages_between(left, right, options)))
        .map_err(|_| anyhow!("echodiff panicked on {} {}", pair.susp, pair.src))?;
    let found = passages
        .iter()
        .map(|p| {
            Ok(Reuse {
                susp: susp.chars(p.spans.right)?,
                src: src.chars(p.spans.left)?,
            })
        })
        .collect::<Result<_>>()?;
    Ok(Outcome::Passages(found))
}

/// echodiff's detections for every pair of `corpus`, in [`Corpus::pairs`] order, on `threads`
/// worker threads (0: one per core). `progress` is called with the number of pairs done.
///
/// # Errors
/// The first failing pair's error, in pair order.
pub fn detect_all(
    corpus: &Corpus,
    options: &Options,
    threads: usize,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<Vec<Outcome>> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("cannot start worker threads")?;
    let pairs: Vec<&DocPair> = corpus.pairs().map(|(_, p)| p).collect();
    let done = AtomicUsize::new(0);
    pool.install(|| {
        pairs
            .par_iter()
            .map(|pair| {
                let found = detect(corpus, pair, options);
                progress(done.fetch_add(1, Ordering::Relaxed) + 1);
                found
            })
            // collect keeps pair order whatever the scheduling
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(bytes: &[u8]) -> Document {
        Document {
            loaded: decode("t", bytes, &LoadOptions::default()).expect("valid test input"),
            path: "t".into(),
        }
    }

    #[test]
    fn refused_documents_are_outcomes_and_missing_ones_errors() {
        let dir = tempfile::tempdir().expect("temp dir");
        let bin = dir.path().join("bin.txt");
        std::fs::write(&bin, b"a\0b").expect("write");
        let read = Document::read(&bin).expect("readable");
        assert!(matches!(
            read,
            Err(echodiff::Error::Binary { offset: 1, .. })
        ));
        assert!(Document::read(&dir.path().join("missing.txt")).is_err());
    }

    #[test]
    fn byte_spans_become_characters() {
        // "a\u{19}é\u{a0}b": bytes a=0, U+0019=1, é=2..4, U+00A0=4..6, b=6
        let d = doc("a\u{19}é\u{a0}b".as_bytes());
        assert_eq!(d.chars(Span::new(0, 7)).ok(), Some(Chars::new(0, 5)));
        assert_eq!(d.chars(Span::new(4, 6)).ok(), Some(Chars::new(3, 4)));
        assert_eq!(d.chars(Span::new(6, 7)).ok(), Some(Chars::new(4, 5)));
        assert!(d.chars(Span::new(3, 6)).is_err(), "inside é");
        assert!(d.chars(Span::new(0, 99)).is_err(), "past the end");
    }

    #[test]
    fn a_bom_is_one_character() {
        // the file's characters: U+FEFF=0, é=1, x=2
        let d = doc(b"\xEF\xBB\xBF\xC3\xA9x");
        assert_eq!(d.chars(Span::new(2, 3)).ok(), Some(Chars::new(2, 3)));
    }
}

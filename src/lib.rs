//! # echodiff
//!
//! Find where one text echoes another: the phrasing the right text mirrors from the left,
//! with scores, kinds and word diffs, and the two texts' statements aligned side by side.
//!
//! The pipeline, one module a stage:
//! 1. [`load`]: bytes to [`Text`] (BOM, UTF-16, invalid UTF-8, binary input);
//! 2. [`normalize`]: matching keys (NFKC, case folding, plain quotes and dashes);
//! 3. [`segment`]: sentences and quotations with byte spans;
//! 4. [`tokenize`]: words with spans, stems, function words, rarity weights ([`lexicon`]);
//! 5. [`echoes`]: candidate echoes, seeded from an index and chained within a window;
//! 6. [`score`]: score, metrics, kind and polarity of each echo;
//! 7. [`align`]: statement alignment, many-to-many;
//! 8. [`diff`]: word diffs of echoes and aligned statements;
//! 9. [`report`]: the [`Report`] every renderer reads, with the [`rhetoric`] of each side;
//!    [`render`] turns it into text, JSON, HTML or Markdown.
//!
//! [`synonyms`] tells which matching keys are WordNet synonyms ("buy", "purchase"); the
//! pipeline does not use it yet.
//!
//! [`check`] judges a report against a reference pair (expected and forbidden echoes, bounds,
//! ignore lists, baselines) for `echodiff check`.
//!
//! [`scan`] finds echoes between many documents at once: candidate pairs from an index, each
//! compared as above, for `echodiff scan`.
//!
//! ```
//! use echodiff::{compare, Options, Side, Text};
//! let us = Text::new("US", "We seek the complete, verifiable and irreversible denuclearization of the peninsula.");
//! let dprk = Text::new("DPRK", "Washington must completely and irreversibly withdraw its hostile policy.");
//! let report = compare(us, dprk, &Options::default());
//! let top = &report.echoes[0];
//! assert_eq!(report.slice(Side::Left, top.places.left.span), "complete, verifiable and irreversible");
//! assert_eq!(report.slice(Side::Right, top.places.right.span), "completely and irreversibly");
//! ```

#![deny(missing_docs)]
#![deny(clippy::print_stdout, clippy::print_stderr, clippy::dbg_macro)]
// Issue 6: no unwrap/expect that input can reach; unit tests may use them.
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used))]

pub mod align;
pub mod check;
pub mod diff;
pub mod document;
pub mod echoes;
pub mod error;
mod isf;
pub mod lexicon;
pub mod load;
pub mod normalize;
pub mod passages;
pub mod render;
pub mod report;
pub mod rhetoric;
pub mod scan;
pub mod score;
pub mod segment;
pub mod synonyms;
pub mod text;
mod textsim;
pub mod tokenize;

pub use error::{Error, Result};
pub use report::{Echo, EchoLevel, Options, Report, compare};
pub use text::{Pair, Side, Span, Text};

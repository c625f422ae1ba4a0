//! The library's error type.

use thiserror::Error;

/// Everything that can go wrong turning input bytes into a report.
#[derive(Debug, Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The input is not valid UTF-8.
    #[error("{label}: invalid UTF-8 at byte {offset}")]
    InvalidUtf8 {
        /// The text's label.
        label: String,
        /// Byte offset of the first invalid byte, in the input as read.
        offset: usize,
    },
    /// The input looks like binary data (it contains NUL bytes).
    #[error("{label}: looks binary (NUL byte at byte {offset}); echodiff compares text")]
    Binary {
        /// The text's label.
        label: String,
        /// Byte offset of the first NUL byte.
        offset: usize,
    },
    /// The input is larger than the configured limit.
    #[error("{label}: {size} bytes is over the limit of {limit} bytes (raise it with --max-bytes)")]
    TooLarge {
        /// The text's label.
        label: String,
        /// Size of the input in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// The input is UTF-16 and cannot be decoded (odd length or unpaired surrogate).
    #[error("{label}: invalid UTF-16 ({endian}) at byte {offset}")]
    InvalidUtf16 {
        /// The text's label.
        label: String,
        /// "LE" or "BE".
        endian: &'static str,
        /// Byte offset of the first bad code unit.
        offset: usize,
    },
    /// A line of a JSONL input is not a document.
    #[error("{label}:{line}: {problem}")]
    BadJsonlLine {
        /// The input's label.
        label: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        problem: crate::scan::jsonl::LineProblem,
    },
    /// A JSONL input names more than two sides.
    #[error(
        "{label}: {} side values ({}); a scan compares two sides, or one with itself",
        sides.len(),
        sides.iter().map(|s| format!("{s:?}")).collect::<Vec<_>>().join(", ")
    )]
    TooManySides {
        /// The input's label.
        label: String,
        /// The `side` values, in order of first appearance.
        sides: Vec<String>,
    },
}

/// Result alias for the library.
pub type Result<T> = std::result::Result<T, Error>;

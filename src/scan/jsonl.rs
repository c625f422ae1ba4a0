//! Documents from JSONL input (`echodiff scan --jsonl`): one JSON object a line with `id` and
//! `text` (strings) and optionally `side`, `date` and `title`; unknown fields are ignored and
//! blank lines skipped. Pure: the caller reads the bytes.
//!
//! Decoding: UTF-16 with a BOM is decoded as a whole; otherwise each line is checked as
//! UTF-8 on its own (after an optional UTF-8 BOM), without copying the input, so a bad byte
//! is reported with its line and can be skipped or replaced without losing the others. A NUL
//! byte anywhere means the input is not text (a compressed file, say). Cost: linear in the
//! input; memory: the documents' texts (the input is borrowed, not copied).

// Input path (issue 6): no indexing that input could push out of range.
#![cfg_attr(not(test), warn(clippy::indexing_slicing))]

use super::{Date, Mode, ScanDoc};
use crate::error::{Error, Result};
use crate::load::{LoadOptions, decode};
use crate::text::Text;
use serde::Deserialize;
use std::fmt;

/// How to read a JSONL input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JsonlOptions {
    /// Largest `text` accepted, in bytes (each document, not the input). Default: 256 MiB.
    pub max_bytes: usize,
    /// Replace invalid UTF-8 in a line with U+FFFD instead of refusing the line. Default: false.
    pub lossy: bool,
    /// Skip lines that are not documents instead of failing. Default: false.
    pub skip_bad: bool,
    /// Compare all documents with each other whatever their `side`. Default: false.
    pub within: bool,
}

impl Default for JsonlOptions {
    fn default() -> Self {
        JsonlOptions {
            max_bytes: LoadOptions::default().max_bytes,
            lossy: false,
            skip_bad: false,
            within: false,
        }
    }
}

/// Why a line of a JSONL input is not a document.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LineProblem {
    /// The line is not valid UTF-8.
    InvalidUtf8 {
        /// Byte offset of the first bad byte, in the input as read.
        offset: usize,
    },
    /// The line is not a JSON object.
    NotAnObject,
    /// The object is not a document: serde_json's message (with the column).
    Json(String),
    /// The `text` is larger than [`JsonlOptions::max_bytes`].
    TooLarge {
        /// Size of the text in bytes.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// The `date` is not a calendar date `YYYY-MM-DD`.
    BadDate(String),
}

impl fmt::Display for LineProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LineProblem::InvalidUtf8 { offset } => write!(f, "invalid UTF-8 at byte {offset}"),
            LineProblem::NotAnObject => {
                write!(
                    f,
                    "not a JSON object (one object a line, with \"id\" and \"text\")"
                )
            }
            LineProblem::Json(why) => write!(f, "{why}"),
            LineProblem::TooLarge { size, limit } => write!(
                f,
                "text of {size} bytes is over the limit of {limit} bytes (raise it with --max-bytes)"
            ),
            LineProblem::BadDate(d) => write!(f, "date {d:?} is not YYYY-MM-DD"),
        }
    }
}

/// The documents of a JSONL input, and what was skipped or repaired on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jsonl {
    /// The documents: the left side's first, each side in input order.
    pub docs: Vec<ScanDoc>,
    /// Which pairs to compare: two `side` values make two collections (the first seen is
    /// the left), one (or `within`) a collection against itself.
    pub mode: Mode,
    /// Lines skipped under [`JsonlOptions::skip_bad`]: (1-based line, why).
    pub skipped: Vec<(usize, LineProblem)>,
    /// Lines with invalid UTF-8 replaced under [`JsonlOptions::lossy`]: (1-based line,
    /// byte offset of the first bad byte).
    pub replaced: Vec<(usize, usize)>,
}

#[derive(Deserialize)]
struct Line {
    id: String,
    text: String,
    #[serde(default)]
    side: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    title: Option<String>,
}

/// Read the documents of a JSONL input labelled `label`.
///
/// # Errors
/// [`Error::Binary`] for a NUL byte, [`Error::InvalidUtf16`] for bad UTF-16,
/// [`Error::BadJsonlLine`] for the first line that is not a document (unless
/// `skip_bad`), [`Error::TooManySides`] for more than two `side` values (unless `within`).
///
/// ```
/// use echodiff::scan::jsonl::{read_jsonl, JsonlOptions};
/// use echodiff::scan::Mode;
/// let input = b"{\"id\": \"a\", \"text\": \"One.\", \"side\": \"us\"}\n\n{\"id\": \"b\", \"text\": \"Two.\", \"side\": \"them\"}\n";
/// let read = read_jsonl("docs.jsonl", input, &JsonlOptions::default()).unwrap();
/// assert_eq!(read.docs.len(), 2);
/// assert_eq!(read.mode, Mode::Across { left: 1 });
/// let bad = read_jsonl("docs.jsonl", b"{\"id\": \"a\"}", &JsonlOptions::default());
/// assert_eq!(bad.unwrap_err().to_string(), "docs.jsonl:1: missing field `text` at line 1 column 11");
/// ```
pub fn read_jsonl(label: &str, bytes: &[u8], opts: &JsonlOptions) -> Result<Jsonl> {
    let mut reader = Reader {
        label,
        opts,
        sides: Vec::new(),
        docs: Vec::new(),
        skipped: Vec::new(),
        replaced: Vec::new(),
    };
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        // the limit is per document, not for the input that holds them all
        let whole = LoadOptions {
            max_bytes: usize::MAX,
            lossy: opts.lossy,
        };
        let text = decode(label, bytes, &whole)?.text.original;
        for (k, line) in text.lines().enumerate() {
            reader.line(k + 1, Ok(line))?;
        }
    } else {
        if let Some(nul) = bytes.iter().position(|&b| b == 0) {
            return Err(Error::Binary {
                label: label.to_string(),
                offset: nul,
            });
        }
        let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
        let mut offset = bytes.len() - body.len();
        for (k, raw) in body.split(|&b| b == b'\n').enumerate() {
            let start = offset;
            offset += raw.len() + 1;
            let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
            let line = std::str::from_utf8(raw).map_err(|e| (raw, start + e.valid_up_to()));
            reader.line(k + 1, line)?;
        }
    }
    reader.finish()
}

struct Reader<'a> {
    label: &'a str,
    opts: &'a JsonlOptions,
    sides: Vec<String>,
    docs: Vec<(usize, ScanDoc)>,
    skipped: Vec<(usize, LineProblem)>,
    replaced: Vec<(usize, usize)>,
}

impl Reader<'_> {
    /// Read line `n`: its text, or its bytes and the offset of a bad byte in them.
    fn line(&mut self, n: usize, line: std::result::Result<&str, (&[u8], usize)>) -> Result<()> {
        let parsed = match line {
            Ok(text) if text.trim().is_empty() => return Ok(()),
            Ok(text) => parse_line(text, self.opts.max_bytes),
            Err((raw, offset)) if self.opts.lossy => {
                self.replaced.push((n, offset));
                parse_line(&String::from_utf8_lossy(raw), self.opts.max_bytes)
            }
            Err((_, offset)) => Err(LineProblem::InvalidUtf8 { offset }),
        };
        match parsed {
            Ok((side, doc)) => {
                let side = side.unwrap_or_default();
                let at = match self.sides.iter().position(|s| *s == side) {
                    Some(at) => at,
                    None => {
                        self.sides.push(side);
                        self.sides.len() - 1
                    }
                };
                self.docs.push((at, doc));
            }
            Err(problem) if self.opts.skip_bad => self.skipped.push((n, problem)),
            Err(problem) => {
                return Err(Error::BadJsonlLine {
                    label: self.label.to_string(),
                    line: n,
                    problem,
                });
            }
        }
        Ok(())
    }

    fn finish(self) -> Result<Jsonl> {
        let Reader {
            label,
            opts,
            sides,
            mut docs,
            skipped,
            replaced,
        } = self;
        let mode = if opts.within || sides.len() <= 1 {
            Mode::Within
        } else if sides.len() > 2 {
            return Err(Error::TooManySides {
                label: label.to_string(),
                sides,
            });
        } else {
            // left side first, each side in input order (the sort is stable)
            docs.sort_by_key(|(side, _)| *side);
            Mode::Across {
                left: docs.iter().filter(|(side, _)| *side == 0).count(),
            }
        };
        Ok(Jsonl {
            docs: docs.into_iter().map(|(_, d)| d).collect(),
            mode,
            skipped,
            replaced,
        })
    }
}

fn parse_line(
    line: &str,
    max_bytes: usize,
) -> std::result::Result<(Option<String>, ScanDoc), LineProblem> {
    // serde would read an array as a struct's fields in order: say what is expected instead
    if !line.trim_start().starts_with('{') {
        return Err(LineProblem::NotAnObject);
    }
    let l: Line = serde_json::from_str(line).map_err(|e| LineProblem::Json(e.to_string()))?;
    if l.text.len() > max_bytes {
        return Err(LineProblem::TooLarge {
            size: l.text.len(),
            limit: max_bytes,
        });
    }
    let date = match l.date {
        Some(d) => Some(Date::parse(&d).ok_or(LineProblem::BadDate(d))?),
        None => None,
    };
    let doc = ScanDoc {
        text: Text::new(l.id, l.text),
        title: l.title,
        date,
        offset: 0,
    };
    Ok((l.side, doc))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &str, opts: &JsonlOptions) -> Result<Jsonl> {
        read_jsonl("d", input.as_bytes(), opts)
    }

    #[test]
    fn sides_make_collections_in_input_order() {
        let input = "{\"id\":\"r1\",\"text\":\"x\",\"side\":\"r\"}\n\
                     {\"id\":\"l1\",\"text\":\"x\",\"side\":\"l\"}\n\
                     {\"id\":\"r2\",\"text\":\"x\",\"side\":\"r\"}\r\n";
        let got = read(input, &JsonlOptions::default()).expect("reads");
        let ids: Vec<&str> = got.docs.iter().map(|d| d.text.label.as_str()).collect();
        assert_eq!(ids, ["r1", "r2", "l1"], "the first side seen is the left");
        assert_eq!(got.mode, Mode::Across { left: 2 });
        let within = JsonlOptions {
            within: true,
            ..JsonlOptions::default()
        };
        assert_eq!(read(input, &within).map(|j| j.mode), Ok(Mode::Within));
    }

    #[test]
    fn problems_name_their_line() {
        let cases = [
            ("[1]", "d:2: not a JSON object"),
            (
                "{\"id\": 1, \"text\": \"t\"}",
                "d:2: invalid type: integer `1`",
            ),
            (
                "{\"id\": \"x\", \"text\": \"t\", \"date\": \"2019-02-30\"}",
                "d:2: date",
            ),
            (
                "{\"id\": \"x\", \"text\": \"too long\"}",
                "d:2: text of 8 bytes",
            ),
        ];
        let opts = JsonlOptions {
            max_bytes: 5,
            ..JsonlOptions::default()
        };
        for (bad, want) in cases {
            let input = format!("{{\"id\": \"a\", \"text\": \"t\"}}\n{bad}\n");
            let err = read(&input, &opts).expect_err(bad).to_string();
            assert!(err.starts_with(want), "{bad}: {err}");
            let skip = JsonlOptions {
                skip_bad: true,
                ..opts
            };
            let got = read(&input, &skip).expect("skips");
            assert_eq!((got.docs.len(), got.skipped.len()), (1, 1), "{bad}");
        }
    }

    #[test]
    fn invalid_utf8_is_per_line() {
        let input = b"{\"id\": \"a\", \"text\": \"t\"}\n{\"id\": \"b\", \"text\": \"\xFF\"}\n";
        let err = read_jsonl("d", input, &JsonlOptions::default()).expect_err("invalid");
        assert_eq!(err.to_string(), "d:2: invalid UTF-8 at byte 46");
        let lossy = JsonlOptions {
            lossy: true,
            ..JsonlOptions::default()
        };
        let got = read_jsonl("d", input, &lossy).expect("lossy");
        assert_eq!(got.replaced, [(2, 46)]);
        assert_eq!(
            got.docs.get(1).map(|d| d.text.original.as_str()),
            Some("\u{FFFD}")
        );
        let nul = read_jsonl("d", b"{}\n\0", &JsonlOptions::default());
        assert!(matches!(nul, Err(Error::Binary { offset: 3, .. })));
    }
}

//! Turning input bytes into a [`Text`]: BOM removal, UTF-16 decoding, UTF-8 validation and
//! binary detection. Pure: the caller reads the bytes (from a file or stdin).

// Input path (issue 6): no indexing that input could push out of range.
#![cfg_attr(not(test), warn(clippy::indexing_slicing))]

use crate::error::{Error, Result};
use crate::text::Text;

/// How to decode input bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadOptions {
    /// Largest input accepted, in bytes. Default: 256 MiB.
    pub max_bytes: usize,
    /// Replace invalid UTF-8 with U+FFFD instead of failing. Default: false.
    pub lossy: bool,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_bytes: 256 * 1024 * 1024,
            lossy: false,
        }
    }
}

/// A decoded input: the text, the number of bytes before it in the input as read (a UTF-8
/// BOM), and whether it was transcoded (UTF-16, or lossy), in which case offsets refer to
/// the UTF-8 text rather than the input bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    /// The text.
    pub text: Text,
    /// Bytes before the text in the input (3 for a UTF-8 BOM, else 0).
    pub offset: usize,
    /// What the input was decoded from, when it was not plain UTF-8.
    pub transcoded: Option<&'static str>,
}

/// Valid UTF-8 holding NUL bytes is text with stray NULs (seen in text extracted from web
/// pages and PDFs), not binary data, when at most one byte in this many is a control byte
/// other than a tab or line break.
pub const CONTROL_SHARE: usize = 20;

/// Decode `bytes` labelled `label`.
///
/// # Errors
/// [`Error::TooLarge`], [`Error::InvalidUtf16`], [`Error::Binary`] (NUL bytes in invalid UTF-8,
/// or among more control bytes than one in [`CONTROL_SHARE`]) or
/// [`Error::InvalidUtf8`] (with the byte offset of the first bad byte, in the input as read).
pub fn decode(label: &str, bytes: &[u8], opts: &LoadOptions) -> Result<Loaded> {
    if bytes.len() > opts.max_bytes {
        return Err(Error::TooLarge {
            label: label.to_string(),
            size: bytes.len(),
            limit: opts.max_bytes,
        });
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(label, rest, false);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(label, rest, true);
    }
    let (offset, body) = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => (3, rest),
        None => (0, bytes),
    };
    if let Some(nul) = body.iter().position(|&b| b == 0) {
        // text copied from the web or a PDF may hold stray NULs among a few other control
        // bytes; binary data is full of them, or is not UTF-8 at all
        let controls = body
            .iter()
            .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0B | 0x0C))
            .count();
        if controls.saturating_mul(CONTROL_SHARE) > body.len() || std::str::from_utf8(body).is_err()
        {
            return Err(Error::Binary {
                label: label.to_string(),
                offset: offset + nul,
            });
        }
    }
    match std::str::from_utf8(body) {
        Ok(s) => Ok(Loaded {
            text: Text::new(label, s),
            offset,
            transcoded: None,
        }),
        Err(e) if opts.lossy => {
            let _ = e;
            Ok(Loaded {
                text: Text::new(label, String::from_utf8_lossy(body).into_owned()),
                offset,
                transcoded: Some("invalid UTF-8, replaced"),
            })
        }
        Err(e) => Err(Error::InvalidUtf8 {
            label: label.to_string(),
            offset: offset + e.valid_up_to(),
        }),
    }
}

fn decode_utf16(label: &str, body: &[u8], big_endian: bool) -> Result<Loaded> {
    let endian = if big_endian { "BE" } else { "LE" };
    let bad = |offset: usize| Error::InvalidUtf16 {
        label: label.to_string(),
        endian,
        offset,
    };
    if !body.len().is_multiple_of(2) {
        return Err(bad(body.len() + 1));
    }
    // decoded as the bytes are read: no table of code units beside the text
    let units = body
        .chunks_exact(2)
        .filter_map(|c| <[u8; 2]>::try_from(c).ok())
        .map(|b| {
            if big_endian {
                u16::from_be_bytes(b)
            } else {
                u16::from_le_bytes(b)
            }
        });
    let mut s = String::with_capacity(body.len() / 2);
    // byte offset in the input as read (after the BOM); a char outside the BMP is 4 bytes
    let mut at = 2;
    for r in char::decode_utf16(units) {
        match r {
            Ok('\0') => {
                return Err(Error::Binary {
                    label: label.to_string(),
                    offset: at,
                });
            }
            Ok(c) => {
                s.push(c);
                at += 2 * c.len_utf16();
            }
            Err(_) => return Err(bad(at)),
        }
    }
    Ok(Loaded {
        text: Text::new(label, s),
        offset: 0,
        transcoded: Some(if big_endian { "UTF-16BE" } else { "UTF-16LE" }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let o = LoadOptions::default();
        assert_eq!(decode("a", b"hi", &o).map(|l| l.offset), Ok(0));
        assert_eq!(
            decode("a", b"\xEF\xBB\xBFhi", &o).map(|l| (l.offset, l.text.original)),
            Ok((3, "hi".into()))
        );
        assert_eq!(
            decode("a", b"ok \xFF", &o),
            Err(Error::InvalidUtf8 {
                label: "a".into(),
                offset: 3
            })
        );
        assert_eq!(
            decode("a", b"ab\0c", &o),
            Err(Error::Binary {
                label: "a".into(),
                offset: 2
            })
        );
        // a stray NUL in a long text is kept; one in invalid UTF-8 is binary
        let mut stray = "word ".repeat(400).into_bytes();
        stray[1000] = 0;
        assert_eq!(
            decode("a", &stray, &o).map(|l| l.text.original.len()),
            Ok(2000)
        );
        stray[1500] = 0xFF;
        assert_eq!(
            decode("a", &stray, &o),
            Err(Error::Binary {
                label: "a".into(),
                offset: 1000
            })
        );
        let utf16: Vec<u8> = [0xFF, 0xFE, b'h', 0, b'i', 0].to_vec();
        assert_eq!(
            decode("a", &utf16, &o).map(|l| l.text.original),
            Ok("hi".into())
        );
        // an unpaired surrogate after an emoji (two code units): the offset counts bytes
        let bad16: Vec<u8> = [0xFF, 0xFE, 0x3D, 0xD8, 0x4D, 0xDC, b'a', 0, 0x00, 0xD8].to_vec();
        assert_eq!(
            decode("a", &bad16, &o),
            Err(Error::InvalidUtf16 {
                label: "a".into(),
                endian: "LE",
                offset: 8
            })
        );
        let lossy = LoadOptions { lossy: true, ..o };
        assert_eq!(
            decode("a", b"ok \xFF", &lossy).map(|l| l.text.original),
            Ok("ok \u{FFFD}".into())
        );
        let small = LoadOptions { max_bytes: 1, ..o };
        assert!(matches!(
            decode("a", b"ab", &small),
            Err(Error::TooLarge { .. })
        ));
    }
}

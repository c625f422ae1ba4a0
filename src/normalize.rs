//! Matching keys: Unicode NFKC, case folding, and plain quotes and dashes.
//!
//! Normalization never changes the original text: it produces a separate key for each token,
//! and every span still points into the original. Cost: linear in the token's length.

// Input path (issue 6): no indexing that input could push out of range.
#![cfg_attr(not(test), warn(clippy::indexing_slicing))]

use unicode_normalization::UnicodeNormalization;

/// Characters that are dropped from matching keys: soft hyphen, zero-width space/joiners, BOM.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Map typographic punctuation to its plain ASCII counterpart.
fn plain(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' | '`'
        | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => '-',
        other => other,
    }
}

/// The matching form of a word: NFKC, case-folded, typographic quotes and dashes made plain,
/// invisible characters removed.
///
/// ```
/// assert_eq!(echodiff::normalize::normalize("DPRK\u{2019}s"), "dprk's");
/// assert_eq!(echodiff::normalize::normalize("ＵＳ"), "us");
/// ```
pub fn normalize(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    normalize_into(word, &mut out);
    out
}

/// [`normalize`] into a reused buffer (cleared first), to avoid an allocation per word.
pub fn normalize_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.extend(word.chars().map(|c| plain(c).to_ascii_lowercase()));
        return;
    }
    let nfkc: String = word
        .nfkc()
        .filter(|c| !is_invisible(*c))
        .map(plain)
        .collect();
    out.push_str(&caseless::default_case_fold_str(&nfkc));
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn table() {
        let cases = [
            ("Hello", "hello"),
            ("didn\u{2019}t", "didn't"),
            ("STRASSE", "strasse"),
            ("Straße", "strasse"),
            ("ﬁnal", "final"),
            ("Ｋｉｍ", "kim"),
            ("co\u{00AD}operate", "cooperate"),
            ("Ёлка", "ёлка"),
            ("북한", "북한"),
        ];
        for (input, want) in cases {
            assert_eq!(normalize(input), want, "case {input:?}");
        }
    }
}

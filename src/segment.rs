//! Statements: sentences, and quoted spans inside them, with byte spans.
//!
//! Method: a sentence ends at `.`, `!`, `?` or `…` (with any closing quotes and brackets after
//! it) when whitespace and then a capital, a digit, an opening quote or a non-cased letter
//! follow; at CJK full stops; and at paragraph breaks (a blank line) or a line that starts
//! with a list bullet. A single line break is a space, so hard-wrapped text stays whole. A
//! break after a known abbreviation ("Mr.", "U.S.", "Dec.", "e.g.") or a single-letter initial
//! ("John F. Kennedy") is not taken. Decimals and "8 1/2" never break (no whitespace follows
//! the period). Quoted spans are found inside each sentence by pairing opening and closing
//! quotation marks (curly, straight, guillemets, corner brackets). Cost: linear in the text.

// Input path (issue 6): no indexing that input could push out of range.
#![cfg_attr(not(test), warn(clippy::indexing_slicing))]

use crate::text::Span;
use serde::Serialize;

/// Whether a statement is a whole sentence or a quotation inside one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StatementKind {
    /// A sentence (or a heading, list item or line of verse).
    Sentence,
    /// A quoted span inside a sentence, without its quotation marks.
    Quote,
}

/// A statement of one text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Statement {
    /// Its bytes in the original text, trimmed of surrounding whitespace.
    pub span: Span,
    /// Sentence or quotation.
    pub kind: StatementKind,
    /// For a quotation, the index of its sentence.
    pub parent: Option<usize>,
}

/// Abbreviations after which a period does not end a sentence (lower case, without the
/// final period).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "sen", "rep", "gov", "pres", "amb",
    "lt", "col", "capt", "sgt", "adm", "rev", "hon", "messrs", "no", "nos", "vol", "vols", "art",
    "sec", "ch", "fig", "p", "pp", "ed", "eds", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "u.s",
    "u.k", "u.n", "e.u", "d.c", "e.g", "i.e", "cf", "vs", "v", "inc", "corp", "co", "ltd", "dept",
    "est", "approx", "a.m", "p.m", "u.s.a", "n.y", "l.a", "ft", "mt", "ave", "blvd", "univ",
    "assn", "bros", "op", "cit", "al",
];

/// Split `text` into statements: sentences in order, each followed by the quotations inside
/// it. Statements never overlap other sentences, lie on char boundaries and are trimmed.
///
/// ```
/// use echodiff::segment::{segment, StatementKind};
/// let text = "Mr. Kim met the U.S. team. They said \u{201C}no deal\u{201D} at 8.30 p.m. today.";
/// let s = segment(text);
/// let sentences: Vec<&str> = s.iter().filter(|s| s.kind == StatementKind::Sentence)
///     .map(|s| &text[s.span.range()]).collect();
/// assert_eq!(sentences, ["Mr. Kim met the U.S. team.", "They said \u{201C}no deal\u{201D} at 8.30 p.m. today."]);
/// assert_eq!(&text[s[2].span.range()], "no deal");
/// ```
pub fn segment(text: &str) -> Vec<Statement> {
    let mut out = Vec::new();
    for sentence in sentences(text) {
        let index = out.len();
        out.push(Statement {
            span: sentence,
            kind: StatementKind::Sentence,
            parent: None,
        });
        for quote in quotes(text, sentence) {
            out.push(Statement {
                span: quote,
                kind: StatementKind::Quote,
                parent: Some(index),
            });
        }
    }
    out
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '\u{201D}'
            | '\u{2019}'
            | '\u{00BB}'
            | ')'
            | ']'
            | '}'
            | '\u{300D}'
            | '\u{300F}'
    )
}

fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '\u{2026}' | '\u{203C}' | '\u{2047}' | '\u{2049}'
    )
}

fn is_cjk_terminal(c: char) -> bool {
    matches!(c, '\u{3002}' | '\u{FF01}' | '\u{FF1F}' | '\u{FF0E}')
}

/// Raw sentence spans (before trimming), as break positions.
#[allow(clippy::indexing_slicing)] // every chars[i] is guarded by i < chars.len()
fn sentences(text: &str) -> Vec<Span> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut breaks = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let (pos, c) = chars[k];
        if is_cjk_terminal(c) {
            let mut e = k + 1;
            while e < chars.len() && is_closing(chars[e].1) {
                e += 1;
            }
            breaks.push(chars.get(e).map_or(text.len(), |x| x.0));
            k = e;
            continue;
        }
        if c == '\n' && paragraph_break(&chars, k) {
            breaks.push(pos);
            k += 1;
            continue;
        }
        if is_terminal(c) {
            let mut e = k + 1;
            while e < chars.len() && (is_terminal(chars[e].1) || is_closing(chars[e].1)) {
                e += 1;
            }
            let end = chars.get(e).map_or(text.len(), |x| x.0);
            if sentence_follows(&chars, e) && !(c == '.' && is_abbreviation(text, pos)) {
                breaks.push(end);
            }
            k = e;
            continue;
        }
        k += 1;
    }
    let mut spans = Vec::new();
    let mut start = 0;
    for b in breaks.into_iter().chain(std::iter::once(text.len())) {
        if b > start {
            if let Some(span) = trim(text, Span::new(start, b)) {
                spans.push(span);
            }
            start = b;
        }
    }
    spans
}

/// A line break at `k` ends a statement when a blank line follows it, or when the next line
/// starts with a list bullet or a heading mark.
#[allow(clippy::indexing_slicing)] // chars[e] is guarded by e < chars.len()
fn paragraph_break(chars: &[(usize, char)], k: usize) -> bool {
    let mut e = k + 1;
    while e < chars.len() && chars[e].1 != '\n' && chars[e].1.is_whitespace() {
        e += 1;
    }
    match chars.get(e).map(|x| x.1) {
        None => false,
        Some('\n') => true,
        Some('\u{2022}' | '*' | '#' | '\u{25CF}' | '\u{25AA}' | '-' | '\u{2013}') => chars
            .get(e + 1)
            .is_some_and(|x| x.1.is_whitespace() || x.1 == '#'),
        Some(_) => false,
    }
}

/// After a terminal at `e` (the index after it and its closers): whitespace, then the start of
/// a new sentence (or the end of the text).
#[allow(clippy::indexing_slicing)] // chars[e] and chars[n] follow a bounds check
fn sentence_follows(chars: &[(usize, char)], e: usize) -> bool {
    if e >= chars.len() {
        return true;
    }
    if !chars[e].1.is_whitespace() {
        return false;
    }
    let mut n = e;
    while n < chars.len() && chars[n].1.is_whitespace() {
        n += 1;
    }
    match chars.get(n).map(|x| x.1) {
        None => true,
        Some(c) => {
            c.is_uppercase()
                || c.is_numeric()
                || (c.is_alphabetic() && !c.is_lowercase())
                || matches!(
                    c,
                    '"' | '\''
                        | '\u{201C}'
                        | '\u{2018}'
                        | '('
                        | '['
                        | '\u{00AB}'
                        | '\u{2022}'
                        | '-'
                        | '\u{2014}'
                        | '*'
                        | '#'
                )
        }
    }
}

/// Is the period at byte `dot` the end of an abbreviation or an initial?
fn is_abbreviation(text: &str, dot: usize) -> bool {
    let before = text.get(..dot).unwrap_or("");
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = before.get(word_start..).unwrap_or("");
    if word.is_empty() {
        return false;
    }
    let mut letters = word.chars();
    // a single capital letter: an initial ("John F. Kennedy")
    if let (Some(c), None) = (letters.next(), letters.next())
        && c.is_uppercase()
    {
        return true;
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

fn trim(text: &str, span: Span) -> Option<Span> {
    let s = text.get(span.range())?;
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if !trimmed.chars().any(char::is_alphanumeric) {
        return None;
    }
    let start = span.start + lead;
    Some(Span::new(start, start + trimmed.len()))
}

/// Quotation spans inside a sentence (without the marks), outermost first, in order.
#[allow(clippy::indexing_slicing)] // k and j range over 0..chars.len()
fn quotes(text: &str, sentence: Span) -> Vec<Span> {
    let Some(s) = text.get(sentence.range()) else {
        return Vec::new();
    };
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let (pos, c) = chars[k];
        let close: &[char] = match c {
            '\u{201C}' => &['\u{201D}'],
            '\u{00AB}' => &['\u{00BB}'],
            '\u{300C}' => &['\u{300D}'],
            '\u{300E}' => &['\u{300F}'],
            '"' => &['"'],
            '\u{2018}' if opens(&chars, k) => &['\u{2019}'],
            '\'' if opens(&chars, k) => &['\''],
            _ => {
                k += 1;
                continue;
            }
        };
        let single = matches!(c, '\u{2018}' | '\'');
        let found = (k + 1..chars.len())
            .find(|&j| close.contains(&chars[j].1) && (!single || closes(&chars, j)));
        match found {
            Some(j) => {
                let inner = Span::new(
                    sentence.start + pos + c.len_utf8(),
                    sentence.start + chars[j].0,
                );
                if let Some(span) = trim(text, inner) {
                    out.push(span);
                }
                k = j + 1;
            }
            None => k += 1,
        }
    }
    out
}

/// A single quote opens a quotation when it is not inside a word (not an apostrophe).
#[allow(clippy::indexing_slicing)] // k > 0 is checked, and callers pass k < chars.len()
fn opens(chars: &[(usize, char)], k: usize) -> bool {
    let prev_word = k > 0 && chars[k - 1].1.is_alphanumeric();
    let next_word = chars.get(k + 1).is_some_and(|x| x.1.is_alphanumeric());
    !prev_word && next_word
}

/// A single quote closes a quotation when a word does not continue after it.
fn closes(chars: &[(usize, char)], j: usize) -> bool {
    !chars.get(j + 1).is_some_and(|x| x.1.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str) -> Vec<&str> {
        segment(text)
            .iter()
            .filter(|s| s.kind == StatementKind::Sentence)
            .map(|s| &text[s.span.range()])
            .collect()
    }

    #[test]
    fn table() {
        let cases: &[(&str, &[&str])] = &[
            ("One. Two.", &["One.", "Two."]),
            (
                "The U.S. brought ideas. It left.",
                &["The U.S. brought ideas.", "It left."],
            ),
            (
                "Mr. Kim spoke. Then Dr. Lee.",
                &["Mr. Kim spoke.", "Then Dr. Lee."],
            ),
            ("On Dec. 5 they met.", &["On Dec. 5 they met."]),
            (
                "today's 8 1/2 hour talk. Next.",
                &["today's 8 1/2 hour talk.", "Next."],
            ),
            (
                "John F. Kennedy said it. Yes.",
                &["John F. Kennedy said it.", "Yes."],
            ),
            (
                "It grew 3.5 percent. Then fell.",
                &["It grew 3.5 percent.", "Then fell."],
            ),
            (
                "\u{201C}Stop.\u{201D} He left.",
                &["\u{201C}Stop.\u{201D}", "He left."],
            ),
            ("hard\nwrapped line. Next", &["hard\nwrapped line.", "Next"]),
            ("Heading\n\nBody text", &["Heading", "Body text"]),
            ("Why? Because! Fine", &["Why?", "Because!", "Fine"]),
            ("a. b. c.", &["a. b. c."]),
            (
                "북한은 말했다。 미국은 답했다。",
                &["북한은 말했다。", "미국은 답했다。"],
            ),
            ("", &[]),
            ("   \n  ", &[]),
            ("...", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(sents(text), *want, "case {text:?}");
        }
    }

    #[test]
    fn quotes_inside_sentences() {
        let text = "She said \u{201C}new calculation\u{201D} and 'go home' but don't care.";
        let s = segment(text);
        let q: Vec<&str> = s
            .iter()
            .filter(|s| s.kind == StatementKind::Quote)
            .map(|s| &text[s.span.range()])
            .collect();
        assert_eq!(q, ["new calculation", "go home"]);
        assert!(
            s.iter()
                .all(|x| x.kind == StatementKind::Sentence || x.parent == Some(0))
        );
    }
}

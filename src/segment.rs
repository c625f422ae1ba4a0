//! Statements: sentences, and quoted spans inside them, with byte spans.
//!
//! Method: a sentence ends at `.`, `!`, `?` or `…` (with any closing quotes and brackets after
//! it) when whitespace and then a capital, a digit, an opening quote or a non-cased letter
//! follow; at CJK full stops; and at paragraph breaks (a blank line) or a line that starts
//! with a list bullet. A single line break is a space, so hard-wrapped text stays whole. A
//! break after a known abbreviation ("Mr.", "U.S.", "Dec.", "e.g.") or a single-letter initial
//! ("John F. Kennedy") is not taken. Decimals and "8 1/2" never break (no whitespace follows
//! the period). A sentence of more than [`MAX_SENTENCE_WORDS`] words (a transcript or a list
//! without full stops) is cut into pieces of at most that many, at a line break, `;`, `:` or
//! `,` where there is one. Quoted spans are found inside each sentence by pairing opening and
//! closing quotation marks (curly, straight, guillemets, corner brackets). Cost: linear in the text
//! (an unmatched quotation mark is searched past once per kind of mark, not once per mark);
//! memory: the statements only, as the text is walked by byte position (issue 6: a 100 MB
//! line must not need a 16-byte entry per char).

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

/// The char starting at byte `pos` of `s` (`None` at the end, or off a char boundary).
fn char_at(s: &str, pos: usize) -> Option<char> {
    s.get(pos..).and_then(|rest| rest.chars().next())
}

/// The byte position of the first char at or after `from` that does not satisfy `pred`
/// (`s.len()` when they all do).
fn skip_while(s: &str, from: usize, pred: impl Fn(char) -> bool) -> usize {
    s.get(from..).map_or(s.len(), |rest| {
        from + rest.find(|c: char| !pred(c)).unwrap_or(rest.len())
    })
}

/// Raw sentence spans (before trimming), as break positions. Walks the text by byte
/// position (no per-char table, so a huge one-line input costs no more than its bytes).
fn sentences(text: &str) -> Vec<Span> {
    let mut breaks = Vec::new();
    let mut pos = 0;
    while let Some(c) = char_at(text, pos) {
        let next = pos + c.len_utf8();
        if is_cjk_terminal(c) {
            let end = skip_while(text, next, is_closing);
            breaks.push(end);
            pos = end;
            continue;
        }
        if c == '\n' && paragraph_break(text, next) {
            breaks.push(pos);
            pos = next;
            continue;
        }
        if is_terminal(c) {
            let end = skip_while(text, next, |c| is_terminal(c) || is_closing(c));
            if sentence_follows(text, end) && !(c == '.' && is_abbreviation(text, pos)) {
                breaks.push(end);
            }
            pos = end;
            continue;
        }
        pos = next;
    }
    let mut spans = Vec::new();
    let mut start = 0;
    for b in breaks.into_iter().chain(std::iter::once(text.len())) {
        if b > start {
            if let Some(span) = trim(text, Span::new(start, b)) {
                split_long(text, span, MAX_SENTENCE_WORDS, &mut spans);
            }
            start = b;
        }
    }
    spans
}

/// Words (whitespace-separated) after which a sentence is cut: text without sentence
/// punctuation (a transcript, a list, a table) would otherwise be one statement, aligned and
/// shown whole against every sentence it shares a word with. The longest sentences of the
/// bundled and development texts have 76 to 118 words.
pub const MAX_SENTENCE_WORDS: usize = 200;

/// Push `span` onto `out`, cut into pieces of at most `max` words. Each cut is made in the
/// second half of a piece's last `max` words, at the latest line break there, else after the
/// latest `;` or `:`, else after the latest `,` or dash, else before word `max + 1`. Linear in
/// the span.
fn split_long(text: &str, span: Span, max: usize, out: &mut Vec<Span>) {
    let Some(s) = text.get(span.range()) else {
        return;
    };
    // nearly every sentence is within the limit: say so without building the word list
    if s.split_whitespace().nth(max).is_none() {
        out.push(span);
        return;
    }
    // (start of each word, the whitespace before it holds a line break), from the second
    let mut gaps: Vec<(usize, bool)> = Vec::new();
    let mut prev_space: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            prev_space.get_or_insert(i);
        } else if let Some(ws) = prev_space.take() {
            let newline = s.get(ws..i).is_some_and(|g| g.contains('\n'));
            gaps.push((i, newline));
        }
    }
    let strength = |word: usize, newline: bool| -> u8 {
        if newline {
            return 3;
        }
        let before = s.get(..word).unwrap_or("").trim_end();
        match before.chars().next_back() {
            Some(';' | ':') => 2,
            Some(',' | '-' | '\u{2013}' | '\u{2014}') => 1,
            _ => 0,
        }
    };
    let mut start = 0; // byte offset in `s` of the piece at hand
    let mut first = 0; // index into `gaps` of the piece's second word
    while gaps.len() - first >= max {
        // the gap before word `max + 1` of the piece is `gaps[first + max - 1]`
        let last = first + max - 1;
        let lo = first + max / 2;
        // the strongest gap, the latest of equals (`max_by_key` keeps the last maximum)
        let cut = (lo..=last)
            .max_by_key(|&g| gaps.get(g).map_or(0, |&(w, nl)| strength(w, nl)))
            .unwrap_or(last);
        let word = gaps.get(cut).map_or(s.len(), |&(w, _)| w);
        if let Some(piece) = trim(text, Span::new(span.start + start, span.start + word)) {
            out.push(piece);
        }
        start = word;
        first = cut + 1;
    }
    if let Some(piece) = trim(text, Span::new(span.start + start, span.end)) {
        out.push(piece);
    }
}

/// A line break ending just before byte `after` ends a statement when a blank line follows
/// it, or when the next line starts with a list bullet or a heading mark.
fn paragraph_break(text: &str, after: usize) -> bool {
    let e = skip_while(text, after, |c| c != '\n' && c.is_whitespace());
    let mut rest = text.get(e..).unwrap_or("").chars();
    match rest.next() {
        None => false,
        Some('\n') => true,
        Some('\u{2022}' | '*' | '#' | '\u{25CF}' | '\u{25AA}' | '-' | '\u{2013}') => {
            rest.next().is_some_and(|c| c.is_whitespace() || c == '#')
        }
        Some(_) => false,
    }
}

/// After a terminal and its closers, ending before byte `e`: whitespace, then the start of a
/// new sentence (or the end of the text).
fn sentence_follows(text: &str, e: usize) -> bool {
    let rest = text.get(e..).unwrap_or("");
    match rest.chars().next() {
        None => return true,
        Some(c) if !c.is_whitespace() => return false,
        Some(_) => {}
    }
    match rest.trim_start().chars().next() {
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

/// Kinds of quotation marks: the marks that close each (a failed search for a closing mark
/// is remembered per kind, so unmatched marks cost linear time, not quadratic).
const CLOSERS: [&[char]; 7] = [
    &['\u{201D}'],
    &['\u{00BB}'],
    &['\u{300D}'],
    &['\u{300F}'],
    &['"'],
    &['\u{2019}'],
    &['\''],
];

/// The kind (index into [`CLOSERS`]) of an opening mark at byte `pos` of `s`, if it opens.
fn opening_kind(s: &str, pos: usize, c: char) -> Option<usize> {
    match c {
        '\u{201C}' => Some(0),
        '\u{00AB}' => Some(1),
        '\u{300C}' => Some(2),
        '\u{300E}' => Some(3),
        '"' => Some(4),
        '\u{2018}' if opens(s, pos, c) => Some(5),
        '\'' if opens(s, pos, c) => Some(6),
        _ => None,
    }
}

/// Quotation spans inside a sentence (without the marks), outermost first, in order.
fn quotes(text: &str, sentence: Span) -> Vec<Span> {
    let Some(s) = text.get(sentence.range()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    // for each kind, a byte position from which no closing mark follows
    let mut unclosed_from = [usize::MAX; CLOSERS.len()];
    let mut pos = 0;
    while let Some(c) = char_at(s, pos) {
        let next = pos + c.len_utf8();
        let Some(kind) = opening_kind(s, pos, c) else {
            pos = next;
            continue;
        };
        let found = if unclosed_from.get(kind).is_some_and(|&u| u <= next) {
            None
        } else {
            find_closing(s, next, kind)
        };
        match found {
            Some((j, close)) => {
                let inner = Span::new(sentence.start + next, sentence.start + j);
                if let Some(span) = trim(text, inner) {
                    out.push(span);
                }
                pos = j + close.len_utf8();
            }
            None => {
                if let Some(u) = unclosed_from.get_mut(kind) {
                    *u = (*u).min(next);
                }
                pos = next;
            }
        }
    }
    out
}

/// The first closing mark of `kind` at or after byte `from` of `s`: its position and char.
fn find_closing(s: &str, from: usize, kind: usize) -> Option<(usize, char)> {
    let close = CLOSERS.get(kind)?;
    // single quotes double as apostrophes: only one that ends a word closes
    let single = kind >= 5;
    s.get(from..)?
        .char_indices()
        .map(|(j, c)| (from + j, c))
        .find(|&(j, c)| close.contains(&c) && (!single || closes(s, j + c.len_utf8())))
}

/// A single quote `c` at byte `pos` opens a quotation when it is not inside a word (not an
/// apostrophe).
fn opens(s: &str, pos: usize, c: char) -> bool {
    let prev_word = s
        .get(..pos)
        .and_then(|before| before.chars().next_back())
        .is_some_and(char::is_alphanumeric);
    let next_word = char_at(s, pos + c.len_utf8()).is_some_and(char::is_alphanumeric);
    !prev_word && next_word
}

/// A single quote ending just before byte `after` closes a quotation when a word does not
/// continue after it.
fn closes(s: &str, after: usize) -> bool {
    !char_at(s, after).is_some_and(char::is_alphanumeric)
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
            (
                "It was late.\u{00a0}  A virus",
                &["It was late.", "A virus"],
            ),
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
        // unmatched marks of one kind do not hide a later quotation of another
        for (text, want) in [
            (
                "He said \u{201C}no and \u{2018}yes\u{2019} then 'maybe.",
                &["yes"][..],
            ),
            ("\u{201C}a \u{201C}b\u{201D} c \u{201C}d.", &["a \u{201C}b"]),
            ("'a 'b' \"c \"d\" 'e.", &["a 'b", "c"]),
        ] {
            let q: Vec<&str> = segment(text)
                .iter()
                .filter(|s| s.kind == StatementKind::Quote)
                .map(|s| &text[s.span.range()])
                .collect();
            assert_eq!(q, want, "case {text:?}");
        }
        assert!(
            s.iter()
                .all(|x| x.kind == StatementKind::Sentence || x.parent == Some(0))
        );
    }

    /// `n` words "w0 w1 ...", with `sep` after the words whose index `mark` gives.
    fn words(n: usize, mark: impl Fn(usize) -> Option<&'static str>) -> String {
        let mut out = String::new();
        for k in 0..n {
            out.push_str(&format!("w{k}"));
            out.push_str(mark(k).unwrap_or(" "));
        }
        out.trim_end().to_string()
    }

    #[test]
    fn an_overlong_sentence_is_cut_into_pieces_of_at_most_the_limit() {
        let text = words(1000, |_| None);
        let pieces = sents(&text);
        assert_eq!(pieces.len(), 5, "{pieces:?}");
        assert!(
            pieces
                .iter()
                .all(|p| p.split_whitespace().count() <= MAX_SENTENCE_WORDS)
        );
        // in order, every word once
        let joined: Vec<&str> = pieces.iter().flat_map(|p| p.split_whitespace()).collect();
        assert_eq!(joined, text.split_whitespace().collect::<Vec<_>>());
        // a sentence of the limit is whole
        let text = words(MAX_SENTENCE_WORDS, |_| None);
        assert_eq!(sents(&text), [text.as_str()]);
    }

    #[test]
    fn an_overlong_sentence_is_cut_at_its_strongest_break_in_the_second_half() {
        // a semicolon after word 150 and a comma after word 180: the semicolon wins
        let text = words(300, |k| match k {
            150 => Some("; "),
            180 => Some(", "),
            _ => None,
        });
        let pieces = sents(&text);
        assert!(pieces[0].ends_with("w150;"), "{pieces:?}");
        // a line break beats a semicolon; a comma beats nothing; a break in the first half
        // of the piece is not taken (the piece would be too short)
        let text = words(300, |k| match k {
            40 => Some("\n"),
            120 => Some("\n"),
            170 => Some("; "),
            _ => None,
        });
        assert!(sents(&text)[0].ends_with("w120"));
        let text = words(300, |k| (k == 130).then_some(", "));
        assert!(sents(&text)[0].ends_with("w130,"));
        let text = words(300, |k| (k == 40).then_some("; "));
        assert!(sents(&text)[0].ends_with("w199"));
    }
}

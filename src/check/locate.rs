//! Finding a phrase in a text the way echodiff matches text: as a sequence of normalized
//! words ([`crate::normalize`]: NFKC, case folding, plain quotes and dashes), so a reference
//! phrase survives curly quotes, case and spacing.
//!
//! Method: the text is tokenized once ([`crate::tokenize`]); a phrase is tokenized with the
//! same vocabulary and its word forms are searched for as a contiguous run. Cost: O(n·m) per
//! phrase for n words of text and m words of phrase (phrases are short).

use crate::text::Span;
use crate::tokenize::{FormId, Token, Vocab, tokenize};

/// A tokenized text in which phrases can be found.
#[derive(Debug)]
pub struct Locator {
    vocab: Vocab,
    tokens: Vec<Token>,
}

impl Locator {
    /// Tokenize `text` for searching.
    pub fn new(text: &str) -> Self {
        let mut vocab = Vocab::new();
        let tokens = tokenize(text, &mut vocab);
        Locator { vocab, tokens }
    }

    /// The words of the text.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// Byte spans (from the first word's start to the last word's end) of every occurrence of
    /// `phrase`, in text order. A phrase with no words occurs nowhere.
    ///
    /// ```
    /// use echodiff::check::Locator;
    /// let text = "The U.S. “Didn’t” reflect it; the u.s. did.";
    /// let at = Locator::new(text).find("the U.S. \"didn't\"");
    /// assert_eq!(at.len(), 1);
    /// assert_eq!(&text[at[0].range()], "The U.S. “Didn’t");
    /// ```
    pub fn find(&self, phrase: &str) -> Vec<Span> {
        let forms = self.forms_of(phrase);
        if forms.is_empty() || forms.len() > self.tokens.len() {
            return Vec::new();
        }
        self.tokens
            .windows(forms.len())
            .filter(|w| w.iter().zip(&forms).all(|(t, f)| Some(t.form) == *f))
            .map(|w| Span::new(w[0].span.start, w[w.len() - 1].span.end))
            .collect()
    }

    /// The form ids of the phrase's words; `None` for a word the text never uses (it cannot
    /// match). Interning into a copy keeps the text's vocabulary unchanged.
    fn forms_of(&self, phrase: &str) -> Vec<Option<FormId>> {
        let mut probe = Vocab::new();
        tokenize(phrase, &mut probe)
            .iter()
            .map(|t| self.vocab.form_id(probe.form(t.form)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::Locator;

    #[test]
    fn table() {
        // (text, phrase, expected matches as written in the text)
        let cases: &[(&str, &str, &[&str])] = &[
            ("a b c a b", "a b", &["a b", "a b"]),
            ("The U.S. said", "the u.s.", &["The U.S"]),
            ("didn’t go", "didn't", &["didn’t"]),
            ("Ｋｉｍ said", "kim", &["Ｋｉｍ"]),
            ("one,  two\nthree", "one two three", &["one,  two\nthree"]),
            ("abc", "abcd", &[]),
            ("abc", "", &[]),
            ("abc", "  ,. ", &[]),
            ("short", "short text longer than the text", &[]),
        ];
        for (text, phrase, want) in cases {
            let got: Vec<&str> = Locator::new(text)
                .find(phrase)
                .iter()
                .map(|s| &text[s.range()])
                .collect();
            assert_eq!(&got, want, "case {text:?} / {phrase:?}");
        }
    }
}

//! A [`Document`]: one input text with its statements and tokens, ready to compare.

use crate::segment::{Statement, StatementKind, segment};
use crate::text::Pair;
use crate::text::Text;
use crate::tokenize::{Token, Vocab, tokenize};

/// One side of a comparison after segmentation and tokenization.
#[derive(Debug, Clone)]
pub struct Document {
    /// The input.
    pub text: Text,
    /// Sentences and quotations, in order.
    pub statements: Vec<Statement>,
    /// Words, in order.
    pub tokens: Vec<Token>,
    /// For each token, the index (into `statements`) of its sentence.
    pub sentence_of: Vec<u32>,
    /// For each token, the index of the innermost quotation holding it, if any.
    pub quote_of: Vec<Option<u32>>,
}

impl Document {
    /// Segment and tokenize `text`, interning words in `vocab` (shared by both sides).
    pub fn new(text: Text, vocab: &mut Vocab) -> Self {
        let statements = segment(&text.original);
        let tokens = tokenize(&text.original, vocab);
        let mut sentence_of = Vec::with_capacity(tokens.len());
        let mut quote_of = Vec::with_capacity(tokens.len());
        let sentences: Vec<usize> = statements
            .iter()
            .enumerate()
            .filter(|(_, s)| s.kind == StatementKind::Sentence)
            .map(|(i, _)| i)
            .collect();
        let quotes: Vec<usize> = statements
            .iter()
            .enumerate()
            .filter(|(_, s)| s.kind == StatementKind::Quote)
            .map(|(i, _)| i)
            .collect();
        let (mut si, mut qi) = (0usize, 0usize);
        for tok in &tokens {
            // statements are in text order: advance past those that end before the token
            while si + 1 < sentences.len() && statements[sentences[si]].span.end <= tok.span.start {
                si += 1;
            }
            while qi < quotes.len() && statements[quotes[qi]].span.end <= tok.span.start {
                qi += 1;
            }
            sentence_of.push(sentences.get(si).copied().unwrap_or(0) as u32);
            let q = quotes[qi..]
                .iter()
                .take_while(|&&q| statements[q].span.start <= tok.span.start)
                .filter(|&&q| statements[q].span.contains(&tok.span))
                .last()
                .map(|&q| q as u32);
            quote_of.push(q);
        }
        Document {
            text,
            statements,
            tokens,
            sentence_of,
            quote_of,
        }
    }

    /// Number of word tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// True when the text has no words.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// Indices of the sentences (not quotations).
    pub fn sentence_ids(&self) -> impl Iterator<Item = usize> + '_ {
        self.statements
            .iter()
            .enumerate()
            .filter(|(_, s)| s.kind == StatementKind::Sentence)
            .map(|(i, _)| i)
    }
}

/// Prepare two documents tokenized with one [`Vocab`] for comparison: mark names (forms
/// capitalized and never lower case in either text) and discount words the two texts repeat
/// often ([`crate::tokenize::discount_repeated`]). [`crate::compare`] calls this; callers of
/// [`crate::report::compare_documents`] should too.
pub fn prepare(docs: &mut Pair<Document>) {
    let Pair { left, right } = docs;
    crate::tokenize::mark_names(&mut [
        (left.text.original.as_str(), &mut left.tokens),
        (right.text.original.as_str(), &mut right.tokens),
    ]);
    crate::tokenize::discount_repeated(&mut [&mut left.tokens, &mut right.tokens], 8);
}

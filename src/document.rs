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
    /// For each statement, how many tokens it is the innermost quotation of (0 for
    /// sentences), so that how much of a quotation a phrase covers is read, not counted.
    pub quote_words: Vec<u32>,
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
        let mut quote_words = vec![0u32; statements.len()];
        for q in quote_of.iter().flatten() {
            if let Some(n) = quote_words.get_mut(*q as usize) {
                *n += 1;
            }
        }
        Document {
            text,
            statements,
            tokens,
            sentence_of,
            quote_of,
            quote_words,
        }
    }

    /// Segment and tokenize two texts at once (on two threads when rayon has them), interning
    /// words in `vocab`: the same documents, ids included, as `Document::new` of `left` then
    /// of `right` with `vocab`. The right text is tokenized with a vocabulary of its own,
    /// which is then merged into `vocab` ([`Vocab::absorb`] gives ids to new words in order of
    /// first use, as interning them one after the other would) and its tokens remapped.
    pub fn new_pair(texts: Pair<Text>, vocab: &mut Vocab) -> Pair<Document> {
        let Pair { left, right } = texts;
        let (left, (right, local)) = rayon::join(
            || Document::new(left, vocab),
            || {
                let mut local = Vocab::new();
                let doc = Document::new(right, &mut local);
                (doc, local)
            },
        );
        let mut right = right;
        let (forms, keys) = vocab.absorb(local);
        crate::tokenize::remap(&mut right.tokens, &forms, &keys);
        Pair::new(left, right)
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
    crate::tokenize::discount_repeated(&mut [&mut left.tokens, &mut right.tokens], REPEATS_FREE);
}

/// How often a text may use a word before [`prepare`] discounts it. 4 since session 10 (8
/// before): a word said five or more times in a statement of a few hundred words is its
/// topic ("Tesla", "private", "tweets" in a story on Musk's tweets about taking Tesla
/// private), and echoes made of such words are the texts' shared subject, not a phrasing one
/// mirrors (`docs/scoring.md`, section 7).
pub const REPEATS_FREE: u32 = 4;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pair_built_at_once_is_the_pair_built_one_after_the_other() {
        let texts = [
            (
                "The early comments do not reflect the content or the spirit of the talks.",
                "The U.S. did not accurately reflect the content and spirit of the talks; \
                 we buy nothing, and purchase less. New words: zyxt, qwerty.",
            ),
            ("", "Only the right side has words."),
            ("Only the left side has words.", ""),
        ];
        for (l, r) in texts {
            let mut one = Vocab::new();
            let a = Document::new(Text::new("l", l), &mut one);
            let b = Document::new(Text::new("r", r), &mut one);
            let mut both = Vocab::new();
            let pair =
                Document::new_pair(Pair::new(Text::new("l", l), Text::new("r", r)), &mut both);
            assert_eq!(pair.left.tokens, a.tokens, "{l:?}");
            assert_eq!(pair.right.tokens, b.tokens, "{r:?}");
            assert_eq!(pair.right.sentence_of, b.sentence_of);
            assert_eq!(both.key_count(), one.key_count());
            for k in 0..one.key_count() as u32 {
                assert_eq!(both.key(k), one.key(k));
            }
        }
    }

    #[test]
    fn quote_words_counts_the_words_each_quotation_holds_innermost() {
        let mut vocab = Vocab::new();
        let text = "He said \u{201c}we will \u{2018}never\u{2019} give up\u{201d} and left. \
                    She said \"no more\".";
        let doc = Document::new(Text::new("t", text), &mut vocab);
        for (k, s) in doc.statements.iter().enumerate() {
            let counted = doc
                .quote_of
                .iter()
                .filter(|q| **q == Some(k as u32))
                .count();
            assert_eq!(doc.quote_words[k] as usize, counted, "{s:?}");
        }
        let quoted: Vec<u32> = doc
            .statements
            .iter()
            .zip(&doc.quote_words)
            .filter(|(s, _)| s.kind == StatementKind::Quote)
            .map(|(_, n)| *n)
            .collect();
        // "we will 'never' give up" (the single quotes are not read as a quotation) and "no
        // more"
        assert_eq!(quoted, [5, 2]);
    }
}

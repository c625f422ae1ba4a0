//! Scores, metrics, kinds and polarity of echoes.
//!
//! The score of an echo is `1 - exp(-evidence / scale)`, in [0, 1). Evidence adds, for each
//! matched pair of content words, the rarer-side weight (rarity from the background table;
//! names and titles count `name_factor` of it; a match by stem only counts `stem_factor`),
//! small credits for matched function words and negators, and a bonus when one side quotes the
//! other; it subtracts `gap_penalty` times the weight of unmatched content words inside the
//! two phrasings. An echo resting on one content word counts `single_factor` of its evidence
//! unless it is quoted back. See `docs/scoring.md`.

use crate::diff::{Change, DiffSegment};
use crate::document::Document;
use crate::echoes::Candidate;
use crate::text::{Pair, Side};
use crate::tokenize::WordClass;
use serde::Serialize;

/// Score parameters. The defaults are documented in `docs/scoring.md`.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreParams {
    /// Evidence that gives a score of `1 - 1/e` (about 0.63). Default: 1.38.
    pub scale: f64,
    /// Weight of an unmatched content word inside an echo, relative to a matched one.
    /// Default: 0.25.
    pub gap_penalty: f64,
    /// Credit for a pair matched by stem or lemma but not by form. Default: 0.85.
    pub stem_factor: f64,
    /// Weight of a name or title relative to other content words. Default: 0.3.
    pub name_factor: f64,
    /// Credit for each matched function word. Default: 0.04.
    pub function_credit: f64,
    /// Credit for each matched negator. Default: 0.15.
    pub negator_credit: f64,
    /// Evidence multiplier for an echo of a single content word not quoted back. Default: 0.45.
    pub single_factor: f64,
    /// Evidence added when one phrasing is (most of) a quotation on its side. Default: 0.5.
    pub quote_bonus: f64,
    /// Cosine (tf-isf) of two aligned statements that gives their statement-level echo a
    /// score of 0.5; the score rises linearly to 1 at cosine 1. Default: 0.1.
    pub statement_floor: f64,
    /// Credit for each pair of matched words adjacent on both sides. Default: 0.1.
    pub run_credit: f64,
    /// A statement-level echo must be the best aligned counterpart of one of its two
    /// sentences, by a tf-isf cosine at least this many times that of the sentence's next
    /// best (a ratio test; see `docs/scoring.md`). Default: 1.25.
    pub statement_margin: f64,
}

impl Default for ScoreParams {
    fn default() -> Self {
        ScoreParams {
            scale: 1.38,
            gap_penalty: 0.25,
            stem_factor: 0.85,
            name_factor: 0.3,
            function_credit: 0.04,
            negator_credit: 0.15,
            single_factor: 0.45,
            quote_bonus: 0.5,
            statement_floor: 0.04,
            run_credit: 0.1,
            statement_margin: 1.25,
        }
    }
}

/// How one phrasing was transformed into the other (the dominant transformation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EchoKind {
    /// The same words (case, punctuation and quotation marks aside).
    Verbatim,
    /// The same words in other forms ("complete" / "completely").
    Inflected,
    /// Function words changed, inserted or dropped ("or the" / "and").
    FunctionWord,
    /// The same content words in another order.
    Reordered,
    /// Content words changed or inserted as well.
    Paraphrase,
}

/// Whether the two phrasings agree in polarity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Polarity {
    /// Both affirm, or both deny.
    Same,
    /// The left phrasing is negated and the right is not.
    LeftNegated,
    /// The right phrasing is negated and the left is not.
    RightNegated,
}

/// String and token similarity of the two phrasings.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Metrics {
    /// strsim normalized Levenshtein over the normalized phrasings.
    pub levenshtein: f64,
    /// strsim Jaro-Winkler over the normalized phrasings.
    pub jaro_winkler: f64,
    /// strsim Sørensen-Dice (character bigrams) over the normalized phrasings.
    pub sorensen_dice: f64,
    /// Matched words * 2 / words on both sides.
    pub token_overlap: f64,
}

/// The evidence behind a score, for a reader who wants to check it.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Evidence {
    /// Matched content words.
    pub matched_content: usize,
    /// Matched function words.
    pub matched_function: usize,
    /// Weighted mass of the matched content words.
    pub matched_weight: f64,
    /// Weighted mass of unmatched content words inside the phrasings.
    pub gap_weight: f64,
    /// Whether one phrasing is quoted on its side.
    pub quoted: bool,
    /// The evidence total the score is computed from.
    pub total: f64,
}

/// Score a candidate echo.
pub fn score(docs: Pair<&Document>, cand: &Candidate, params: &ScoreParams) -> (f64, Evidence) {
    let mut ev = Evidence::default();
    let mut in_pairs_l = vec![false; cand.left.len()];
    let mut in_pairs_r = vec![false; cand.right.len()];
    let mut content_weight = 0.0;
    for &(i, j) in &cand.pairs {
        let (a, b) = (
            &docs.left.tokens[i as usize],
            &docs.right.tokens[j as usize],
        );
        if let Some(x) = in_pairs_l.get_mut(i as usize - cand.left.start) {
            *x = true;
        }
        if let Some(x) = in_pairs_r.get_mut(j as usize - cand.right.start) {
            *x = true;
        }
        if a.is_content() && b.is_content() {
            let mut w = f64::from(a.weight.min(b.weight));
            if a.name || b.name {
                w *= params.name_factor;
            }
            if a.form != b.form {
                w *= params.stem_factor;
            }
            ev.matched_content += 1;
            content_weight += w;
        } else if a.negator || b.negator {
            ev.matched_function += 1;
            content_weight += params.negator_credit;
        } else {
            ev.matched_function += 1;
            content_weight += params.function_credit;
        }
    }
    // a run of words matched in sequence on both sides is evidence beyond its words' rarity
    // (a long verbatim stretch is an echo even when every word in it is common)
    // (a run inside a multi-word name is one name, and counts as little as a name does)
    let name_at =
        |i: u32, j: u32| docs.left.tokens[i as usize].name || docs.right.tokens[j as usize].name;
    let links: f64 = cand
        .pairs
        .windows(2)
        .filter(|w| w[1].0 == w[0].0 + 1 && w[1].1 == w[0].1 + 1)
        .map(|w| {
            if name_at(w[0].0, w[0].1) && name_at(w[1].0, w[1].1) {
                params.name_factor
            } else {
                1.0
            }
        })
        .sum();
    content_weight += links * params.run_credit;
    // function words matched in order inside the echo (not already paired)
    let extra = inner_function_matches(docs, cand, &in_pairs_l, &in_pairs_r);
    ev.matched_function += extra;
    content_weight += extra as f64 * params.function_credit;
    ev.matched_weight = content_weight;
    for (side, range, used) in [
        (Side::Left, &cand.left, &in_pairs_l),
        (Side::Right, &cand.right, &in_pairs_r),
    ] {
        for (k, t) in docs[side].tokens[range.clone()].iter().enumerate() {
            if t.is_content() && !used[k] {
                let w = f64::from(t.weight) * if t.name { params.name_factor } else { 1.0 };
                ev.gap_weight += w;
            }
        }
    }
    ev.quoted = is_quoted(docs.left, &cand.left) || is_quoted(docs.right, &cand.right);
    let mut total = content_weight - params.gap_penalty * ev.gap_weight;
    if ev.matched_content <= 1 && !ev.quoted {
        total *= params.single_factor;
    }
    if ev.quoted && ev.matched_content >= 1 {
        total += params.quote_bonus;
    }
    ev.total = total.max(0.0);
    (1.0 - (-ev.total / params.scale).exp(), ev)
}

/// Function words equal in key and in order inside the echo, beyond the seeded pairs.
fn inner_function_matches(
    docs: Pair<&Document>,
    cand: &Candidate,
    used_l: &[bool],
    used_r: &[bool],
) -> usize {
    let lk: Vec<u32> = docs.left.tokens[cand.left.clone()]
        .iter()
        .zip(used_l)
        .filter(|(t, u)| !**u && t.class == WordClass::Function)
        .map(|(t, _)| t.key)
        .collect();
    let rk: Vec<u32> = docs.right.tokens[cand.right.clone()]
        .iter()
        .zip(used_r)
        .filter(|(t, u)| !**u && t.class == WordClass::Function)
        .map(|(t, _)| t.key)
        .collect();
    // what a Myers diff of the two keeps (its Equal runs), computed bit-parallel
    crate::textsim::common_subsequence(&lk, &rk)
}

/// Is the token range most of a quotation (at least 60% of its words)?
fn is_quoted(doc: &Document, range: &std::ops::Range<usize>) -> bool {
    let Some(Some(q)) = doc.quote_of.get(range.start) else {
        return false;
    };
    let inside = doc.quote_of[range.clone()]
        .iter()
        .filter(|x| **x == Some(*q))
        .count();
    let total = doc.quote_words.get(*q as usize).copied().unwrap_or(0) as usize;
    total > 0 && inside * 10 >= total * 6
}

/// The kind of an echo, from its word diff and its matched pairs.
pub fn classify(docs: Pair<&Document>, cand: &Candidate, diff: &[DiffSegment]) -> EchoKind {
    let content_pairs: Vec<(u32, u32)> = cand
        .pairs
        .iter()
        .copied()
        .filter(|&(i, _)| docs.left.tokens[i as usize].is_content())
        .collect();
    let crossed = content_pairs.windows(2).any(|w| w[1].1 < w[0].1);
    if crossed {
        return EchoKind::Reordered;
    }
    let mut content_edits = 0.0f64;
    let mut matched = 0.0f64;
    let mut function_edits = false;
    let mut inflected = false;
    for seg in diff {
        let words = |side: Side| -> Vec<&crate::tokenize::Token> {
            let r = if side == Side::Left {
                &seg.left_tokens
            } else {
                &seg.right_tokens
            };
            docs[side].tokens[r.clone()].iter().collect()
        };
        match seg.change {
            Change::Equal => {
                matched += words(Side::Left).iter().filter(|t| t.is_content()).count() as f64
            }
            Change::Inflected => {
                let l = words(Side::Left);
                matched += l.iter().filter(|t| t.is_content()).count() as f64;
                if l.iter().any(|t| t.is_content()) {
                    inflected = true;
                } else {
                    function_edits = true;
                }
            }
            Change::Deleted | Change::Inserted if coordinated_drop(docs, seg) => {
                // "complete, verifiable, and irreversible" -> "complete and irreversible":
                // dropping one item of a list is a change of construction, not of content
                function_edits = true;
            }
            Change::Deleted | Change::Inserted | Change::Replaced => {
                for side in Side::BOTH {
                    for t in words(side) {
                        if t.is_content() {
                            content_edits += 1.0;
                        } else {
                            function_edits = true;
                        }
                    }
                }
            }
        }
    }
    if content_edits > 0.0 && (content_edits > matched * 0.34 || !function_edits) {
        EchoKind::Paraphrase
    } else if function_edits {
        EchoKind::FunctionWord
    } else if inflected {
        EchoKind::Inflected
    } else {
        EchoKind::Verbatim
    }
}

/// Is this run a single content word dropped from (or added to) a list: preceded or followed
/// by a comma, "and" or "or" on its side?
fn coordinated_drop(docs: Pair<&Document>, seg: &DiffSegment) -> bool {
    let (side, range) = match seg.change {
        Change::Deleted => (Side::Left, &seg.left_tokens),
        Change::Inserted => (Side::Right, &seg.right_tokens),
        _ => return false,
    };
    let doc = docs[side];
    if range.len() != 1 || !doc.tokens[range.start].is_content() {
        return false;
    }
    let text = &doc.text.original;
    let k = range.start;
    let gap = |a: usize, b: usize| -> &str {
        match (doc.tokens.get(a), doc.tokens.get(b)) {
            (Some(x), Some(y)) => text.get(x.span.end..y.span.start).unwrap_or(""),
            _ => "",
        }
    };
    let is_conj = |i: Option<usize>| {
        i.and_then(|i| doc.tokens.get(i)).is_some_and(|t| {
            matches!(
                doc.text.slice(t.span).to_lowercase().as_str(),
                "and" | "or" | "&"
            )
        })
    };
    let before = k.checked_sub(1);
    before.is_some_and(|b| gap(b, k).contains(','))
        && (gap(k, k + 1).contains(',') || is_conj(Some(k + 1)))
        || is_conj(before) && gap(k, k + 1).contains(',')
}

/// Polarity: is exactly one phrasing negated? A phrasing is negated when a negator stands
/// inside it or up to three words before it in the same sentence ("failed to bring", "no new
/// package").
pub fn polarity(docs: Pair<&Document>, cand: &Candidate) -> Polarity {
    let negated = |doc: &Document, r: &std::ops::Range<usize>| -> bool {
        let sent = doc.sentence_of.get(r.start).copied();
        let from = r.start.saturating_sub(3);
        // a negator two or three words before reaches into the phrase only when the phrase
        // goes on with a content word ("did not accurately [reflect ...]", "no [return to]");
        // before a function word its scope has ended ("brought no new package [to the
        // talks]"). Right before the phrase it always does ("not [in the interest of]").
        let opens_with_content = doc.tokens.get(r.start).is_some_and(|t| t.is_content());
        let mut count = 0;
        for k in from..r.end {
            if k < r.start
                && (doc.sentence_of.get(k).copied() != sent
                    || (k + 1 < r.start && !opens_with_content))
            {
                continue;
            }
            if doc.tokens[k].negator {
                count += 1;
            }
        }
        // any negator counts: "no ideas and no initiatives" is negated, and true double
        // negation ("not without") is rarer in statements than repeated negation
        count > 0
    };
    match (
        negated(docs.left, &cand.left),
        negated(docs.right, &cand.right),
    ) {
        (true, false) => Polarity::LeftNegated,
        (false, true) => Polarity::RightNegated,
        _ => Polarity::Same,
    }
}

/// Longest prefix of a phrasing (in characters) that the strsim measures look at.
pub const METRIC_CHARS: usize = 1000;

/// strsim and token metrics of two phrasings (the strsim measures over at most the first
/// [`METRIC_CHARS`] characters of each).
pub fn metrics(docs: Pair<&Document>, cand: &Candidate) -> Metrics {
    let norm = |doc: &Document, r: &std::ops::Range<usize>| -> String {
        let mut s = String::new();
        let mut word = String::new();
        for t in &doc.tokens[r.clone()] {
            if s.len() > METRIC_CHARS * 4 {
                break;
            }
            if !s.is_empty() {
                s.push(' ');
            }
            crate::normalize::normalize_into(doc.text.slice(t.span), &mut word);
            s.push_str(&word);
        }
        s
    };
    // the strsim measures are quadratic: long phrasings (a reused passage, a text compared
    // with itself) are measured on their first METRIC_CHARS characters
    let cut = |s: String| -> String {
        match s.char_indices().nth(METRIC_CHARS) {
            Some((at, _)) => s[..at].to_string(),
            None => s,
        }
    };
    let (a, b) = (
        cut(norm(docs.left, &cand.left)),
        cut(norm(docs.right, &cand.right)),
    );
    let words = cand.left.len() + cand.right.len();
    Metrics {
        levenshtein: crate::textsim::normalized_levenshtein(&a, &b),
        jaro_winkler: crate::textsim::jaro_winkler(&a, &b),
        sorensen_dice: crate::textsim::sorensen_dice(&a, &b),
        token_overlap: if words == 0 {
            0.0
        } else {
            (2 * cand.pairs.len()) as f64 / words as f64
        },
    }
}

#[cfg(test)]
mod tests {
    use super::{EchoKind, Polarity};

    use crate::{Options, Side, Text, compare};

    /// (left, right, expected kind of the top echo, expected polarity)
    const CASES: &[(&str, &str, EchoKind, Polarity)] = &[
        (
            "The early comments do not reflect the content or the spirit of the discussion.",
            "They did not accurately reflect the content and spirit of the negotiations.",
            EchoKind::FunctionWord,
            Polarity::Same,
        ),
        (
            "We seek complete, verifiable, and irreversible denuclearization.",
            "It must completely and irreversibly withdraw its policy.",
            EchoKind::FunctionWord,
            Polarity::Same,
        ),
        (
            "There must be no hard border on the island of Ireland.",
            "We want no hard border on the island of Ireland either.",
            EchoKind::Verbatim,
            Polarity::Same,
        ),
        (
            "When a nuclear country fights to the bitter end, consequences follow.",
            "He threatened to fight to the bitter end.",
            EchoKind::Inflected,
            Polarity::Same,
        ),
        (
            "You are thinking of Europe as Germany and France.",
            "They see France and Germany as part of Europe.",
            EchoKind::Reordered,
            Polarity::Same,
        ),
        (
            "The delegation brought creative ideas and fresh initiatives to the table.",
            "The delegation brought no creative ideas and no initiatives to the table.",
            EchoKind::FunctionWord,
            Polarity::RightNegated,
        ),
        // a negator two words before the phrase reaches a phrase that opens with a content
        // word ...
        (
            "Their remarks did not accurately reflect the spirit of the negotiations.",
            "The new reports reflect the spirit of the negotiations.",
            EchoKind::Verbatim,
            Polarity::LeftNegated,
        ),
        // ... not one that opens with a function word: "no" governs "new package"
        (
            "The delegation brought creative ideas to the talks in Stockholm last week.",
            "The delegation brought no new package to the talks in Stockholm last week.",
            EchoKind::Verbatim,
            Polarity::Same,
        ),
    ];

    #[test]
    fn kinds_and_polarity() {
        for (left, right, kind, polarity) in CASES {
            let report = compare(
                Text::new("l", *left),
                Text::new("r", *right),
                &Options {
                    min_score: 0.0,
                    ..Options::default()
                },
            );
            let top = report
                .echoes
                .iter()
                .find(|e| e.level == crate::report::EchoLevel::Phrase)
                .unwrap_or_else(|| panic!("no echo: {left:?}"));
            let shown = format!(
                "{:?} / {:?}",
                report.slice(Side::Left, top.places.left.span),
                report.slice(Side::Right, top.places.right.span)
            );
            assert_eq!(top.kind, *kind, "kind of {shown}");
            assert_eq!(top.polarity, *polarity, "polarity of {shown}");
        }
    }
}

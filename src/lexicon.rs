//! Word knowledge for English: function words, negators, irregular verb lemmas and the
//! background word frequencies that weight content words by rarity.
//!
//! The background table is `data/background/en-zipf.tsv` (derived from wordfreq, CC BY-SA 4.0;
//! see `data/background/SOURCE.md`), embedded in the binary and parsed once on first use.

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// The embedded background table: `word<TAB>zipf` lines.
const BACKGROUND: &str = include_str!("../data/background/en-zipf.tsv");

/// Zipf value assumed for a word missing from the table (rarer than anything listed).
pub const UNKNOWN_ZIPF: f32 = 1.5;

/// English function words: articles, pronouns, prepositions, conjunctions, auxiliaries,
/// and the commonest adverbs and determiners. Matched, but they carry almost no weight.
const FUNCTION_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "either",
    "even",
    "ever",
    "every",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "let",
    "may",
    "me",
    "might",
    "mine",
    "more",
    "most",
    "must",
    "my",
    "myself",
    "neither",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "ought",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "shall",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "thus",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "would",
    "yet",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
    "'s",
    "s",
    "t",
    "it's",
    "that's",
    "there's",
    "what's",
    "he's",
    "she's",
    "let's",
    "i'm",
    "i've",
    "we've",
    "we're",
    "we'll",
    "i'll",
    "you're",
    "they're",
    "they've",
    "you've",
    "cannot",
    "because",
    "since",
    "unless",
    "among",
    "amongst",
    "across",
    "along",
    "around",
    "beyond",
    "toward",
    "towards",
    "via",
    "whereas",
    "therefore",
    "hence",
    "thereby",
    "herein",
    "thereof",
    "hereby",
    "whose",
    "many",
    "much",
    "several",
    "another",
    "onto",
    "per",
];

/// Words that negate what follows or deny the statement they are in.
const NEGATORS: &[&str] = &[
    "not", "no", "never", "nothing", "none", "nobody", "neither", "nor", "nowhere", "cannot",
    "without", "fail", "failed", "fails", "failing", "failure", "lack", "lacks", "lacked",
    "lacking", "refuse", "refused", "refuses", "deny", "denied", "denies", "reject", "rejected",
    "rejects", "nor", "hardly", "no-one",
];

/// Irregular English verb forms and their lemma (the Snowball stemmer leaves these apart).
const IRREGULAR: &[(&str, &str)] = &[
    ("am", "be"),
    ("is", "be"),
    ("are", "be"),
    ("was", "be"),
    ("were", "be"),
    ("been", "be"),
    ("being", "be"),
    ("did", "do"),
    ("does", "do"),
    ("done", "do"),
    ("doing", "do"),
    ("has", "have"),
    ("had", "have"),
    ("having", "have"),
    ("went", "go"),
    ("gone", "go"),
    ("goes", "go"),
    ("made", "make"),
    ("brought", "bring"),
    ("said", "say"),
    ("says", "say"),
    ("knew", "know"),
    ("known", "know"),
    ("told", "tell"),
    ("thought", "think"),
    ("found", "find"),
    ("gave", "give"),
    ("given", "give"),
    ("took", "take"),
    ("taken", "take"),
    ("came", "come"),
    ("began", "begin"),
    ("begun", "begin"),
    ("built", "build"),
    ("fought", "fight"),
    ("sought", "seek"),
    ("led", "lead"),
    ("felt", "feel"),
    ("kept", "keep"),
    ("held", "hold"),
    ("stood", "stand"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("wrote", "write"),
    ("written", "write"),
    ("broke", "break"),
    ("broken", "break"),
    ("chose", "choose"),
    ("chosen", "choose"),
    ("won", "win"),
    ("lost", "lose"),
    ("met", "meet"),
    ("paid", "pay"),
    ("sent", "send"),
    ("spent", "spend"),
    ("taught", "teach"),
    ("understood", "understand"),
    ("saw", "see"),
    ("seen", "see"),
    ("got", "get"),
    ("gotten", "get"),
    ("ran", "run"),
    ("rose", "rise"),
    ("risen", "rise"),
    ("fell", "fall"),
    ("fallen", "fall"),
    ("grew", "grow"),
    ("grown", "grow"),
    ("drew", "draw"),
    ("drawn", "draw"),
    ("threw", "throw"),
    ("thrown", "throw"),
    ("forgot", "forget"),
    ("forgotten", "forget"),
    ("forgave", "forgive"),
    ("forgiven", "forgive"),
    ("meant", "mean"),
    ("heard", "hear"),
    ("sold", "sell"),
    ("bought", "buy"),
    ("caught", "catch"),
    ("dealt", "deal"),
    ("laid", "lay"),
    ("struck", "strike"),
    ("swore", "swear"),
    ("sworn", "swear"),
    ("bore", "bear"),
    ("borne", "bear"),
    ("shook", "shake"),
    ("shaken", "shake"),
    ("woke", "wake"),
    ("became", "become"),
    ("overcame", "overcome"),
    ("undertook", "undertake"),
    ("men", "man"),
    ("women", "woman"),
    ("children", "child"),
    ("people", "people"),
    ("can't", "can"),
    ("won't", "will"),
    ("shan't", "shall"),
    ("n't", "not"),
];

/// Is `word` (a normalized form) an English function word?
pub fn is_function_word(word: &str) -> bool {
    tables().function.contains_key(word)
}

/// Does `word` (a normalized form) negate?
pub fn is_negator(word: &str) -> bool {
    tables().negators.contains_key(word) || word.ends_with("n't")
}

/// The lemma of an irregular form, if it has one.
pub fn irregular_lemma(word: &str) -> Option<&'static str> {
    tables().irregular.get(word).copied()
}

/// Does `word` (a lemma) match by itself rather than by its Snowball stem? The stemmer's
/// suffix rules would give it another word's key: the possessive "its" would become "it",
/// the pronoun ("its" / "it" reported as an inflection).
pub fn keeps_own_key(word: &str) -> bool {
    OWN_KEYS.contains(&word)
}

/// Lemmas that are their own matching key ([`keeps_own_key`]).
const OWN_KEYS: &[&str] = &["its"];

/// The background Zipf frequency of a normalized word (log10 of uses per billion words),
/// or [`UNKNOWN_ZIPF`] when the word is not in the table.
pub fn zipf(word: &str) -> f32 {
    tables().zipf.get(word).copied().unwrap_or(UNKNOWN_ZIPF)
}

/// Is the word in the background table at all?
pub fn is_known(word: &str) -> bool {
    tables().zipf.contains_key(word)
}

struct Tables {
    function: FxHashMap<&'static str, ()>,
    negators: FxHashMap<&'static str, ()>,
    irregular: FxHashMap<&'static str, &'static str>,
    zipf: FxHashMap<&'static str, f32>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| Tables {
        function: FUNCTION_WORDS.iter().map(|w| (*w, ())).collect(),
        negators: NEGATORS.iter().map(|w| (*w, ())).collect(),
        irregular: IRREGULAR.iter().copied().collect(),
        zipf: parse_background(BACKGROUND),
    })
}

/// Parse `word<TAB>zipf` lines; comments (`#`) and malformed lines are skipped. When a word is
/// listed twice, the first (most frequent) entry wins.
fn parse_background(table: &'static str) -> FxHashMap<&'static str, f32> {
    // Every run parses the table (40,000 lines) before its first word, so this is most of
    // the time of a short comparison: lines and fields are cut at byte positions (tab and
    // line feed are ASCII, so every cut is a char boundary), and the map is sized once.
    let cut = |s: &'static str, byte: u8| -> (&'static str, &'static str) {
        match s.as_bytes().iter().position(|&b| b == byte) {
            Some(i) => (s.get(..i).unwrap_or(""), s.get(i + 1..).unwrap_or("")),
            None => (s, ""),
        }
    };
    let lines = table.bytes().filter(|&b| b == b'\n').count() + 1;
    let mut map = FxHashMap::with_capacity_and_hasher(lines, Default::default());
    let mut rest = table;
    while !rest.is_empty() {
        let (line, next) = cut(rest, b'\n');
        rest = next;
        if line.starts_with('#') {
            continue;
        }
        let (word, fields) = cut(line, b'\t');
        let (z, _) = cut(fields, b'\t');
        if !fields.is_empty()
            && let Some(z) = parse_zipf(z)
        {
            map.entry(word).or_insert(z);
        }
    }
    map
}

/// A Zipf value as the table writes it, "7.73" (digits, a point, two digits), read as
/// `773 / 100`: one correctly rounded division of two exact values, so the same `f32` as
/// `str::parse` gives, without its general algorithm. Any other shape goes to `str::parse`.
fn parse_zipf(z: &str) -> Option<f32> {
    let z = z.trim();
    let b = z.as_bytes();
    let fast = b.len() >= 4
        && b.len() <= 6
        && b[b.len() - 3] == b'.'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == b.len() - 3 || c.is_ascii_digit());
    if fast {
        let hundredths = b
            .iter()
            .filter(|c| c.is_ascii_digit())
            .fold(0u32, |n, c| n * 10 + u32::from(c - b'0'));
        Some(hundredths as f32 / 100.0)
    } else {
        z.parse::<f32>().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn background_is_loaded_and_ordered_sensibly() {
        assert!(zipf("the") > 7.0);
        assert!(zipf("negotiation") < zipf("said"));
        assert!(zipf("irreversibly") < zipf("completely"));
        assert_eq!(zipf("qwzxv-not-a-word"), UNKNOWN_ZIPF);
    }

    #[test]
    fn zipf_values_read_as_str_parse_reads_them() {
        // every value of the table, and other shapes
        let values = BACKGROUND
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split('\t').nth(1));
        for z in values.chain([
            "0.00", "12.34", "7.7", "7", "-1.25", "1e2", " 3.10 ", "x.yz",
        ]) {
            assert_eq!(
                parse_zipf(z).map(f32::to_bits),
                z.trim().parse::<f32>().ok().map(f32::to_bits),
                "{z:?}"
            );
        }
    }

    #[test]
    fn word_classes() {
        assert!(is_function_word("the"));
        assert!(!is_function_word("spirit"));
        assert!(is_negator("didn't"));
        assert!(is_negator("never"));
        assert!(!is_negator("note"));
        assert_eq!(irregular_lemma("did"), Some("do"));
        assert_eq!(irregular_lemma("spirit"), None);
    }
}

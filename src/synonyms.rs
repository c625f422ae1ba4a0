//! Synonym groups of matching keys, from WordNet 3.0.
//!
//! The table is `data/synonyms/en-wordnet-groups.tsv` (WordNet licence; see
//! `data/synonyms/SOURCE.md`), embedded in the binary and parsed once on first use. It maps a
//! matching key, as [`crate::tokenize`] computes it (the irregular-form lemma, then the
//! Snowball English stem: "purchased" and "purchase" are both `purchas`), to the ids of its
//! synonym groups. A word's group, per part of speech, is its first (most frequent) WordNet
//! sense; two keys are synonyms when they share a group. The rule is strict, for precision:
//! "big" and "large" share their first adjective sense, "talk" and "speak" do not share theirs.
//! A key has at most four groups (noun, verb, adjective, adverb), and every group holds at
//! least two keys. `scripts/make-synonyms.py` builds the table and documents the rule.
//!
//! Cost: parsing the 20,658 lines takes 7-9 ms once (release build, `examples/synonyms.rs`)
//! and about 1.2 MB of memory; a lookup is one hash probe, and [`are_synonyms`] intersects
//! two sorted lists of at most four ids.
//!
//! echodiff's own pipeline does not read it: matching through these groups was measured for
//! passages (`docs/pan.md`) and for statement-level echoes (`docs/scoring.md`, section 7) and
//! lowered both. It stays a library lookup for callers who want it.

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// The embedded table: `key<TAB>group,group,...` lines after a `#` comment line.
const TABLE: &str = include_str!("../data/synonyms/en-wordnet-groups.tsv");

/// The synonym group ids of a matching key, ascending; empty when the key is in no group.
///
/// ```
/// use echodiff::synonyms::groups;
/// assert!(!groups("larg").is_empty()); // "large"
/// assert!(groups("qwzxv").is_empty());
/// ```
pub fn groups(key: &str) -> &'static [u32] {
    let table = table();
    table
        .index
        .get(key)
        .and_then(|&(start, len)| table.ids.get(start as usize..start as usize + len as usize))
        .unwrap_or(&[])
}

/// Are two different matching keys synonyms, that is, do they share a group?
///
/// False when the keys are equal: a key is not its own synonym here, since echodiff already
/// matches equal keys as the same word. False when either key is unknown.
///
/// ```
/// use echodiff::synonyms::are_synonyms;
/// assert!(are_synonyms("big", "larg")); // "big", "large"
/// assert!(!are_synonyms("big", "small"));
/// assert!(!are_synonyms("big", "big"));
/// ```
pub fn are_synonyms(a: &str, b: &str) -> bool {
    if a == b {
        return false;
    }
    let (a, b) = (groups(a), groups(b));
    // both sorted ascending: a merge walk
    let (mut i, mut j) = (0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// Number of keys in the table (for measurements and tests).
pub fn key_count() -> usize {
    table().index.len()
}

struct Table {
    /// key -> (start, length) of its ids in `ids`
    index: FxHashMap<&'static str, (u32, u8)>,
    /// the group ids of every key, one sorted run per key
    ids: Vec<u32>,
}

fn table() -> &'static Table {
    static TABLE_CELL: OnceLock<Table> = OnceLock::new();
    TABLE_CELL.get_or_init(|| parse(TABLE))
}

/// Parse the table. Comment lines (`#`) and blank lines are skipped, and so is a malformed
/// line (the table is ours and a test checks every line; a bad line loses one key, not all).
/// When a key is listed twice, the first line wins.
fn parse(text: &'static str) -> Table {
    let mut index = FxHashMap::default();
    let mut ids = Vec::new();
    for line in text.lines() {
        let Some((key, groups)) = parse_line(line) else {
            continue;
        };
        let (Ok(start), Ok(len)) = (u32::try_from(ids.len()), u8::try_from(groups.len())) else {
            continue;
        };
        if index.contains_key(key) {
            continue;
        }
        ids.extend_from_slice(&groups);
        index.insert(key, (start, len));
    }
    Table { index, ids }
}

/// One `key<TAB>id,id,...` line: the key and its ids, sorted and deduplicated; `None` for a
/// comment, a blank line or a malformed one.
fn parse_line(line: &str) -> Option<(&str, Vec<u32>)> {
    if line.is_empty() || line.starts_with('#') {
        return None;
    }
    let (key, list) = line.split_once('\t')?;
    if key.is_empty() {
        return None;
    }
    let mut groups = list
        .split(',')
        .map(|id| id.parse::<u32>().ok())
        .collect::<Option<Vec<u32>>>()?;
    groups.sort_unstable();
    groups.dedup();
    Some((key, groups))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::{Vocab, tokenize};

    /// echodiff's matching key of one word.
    fn key(word: &str) -> String {
        let mut vocab = Vocab::new();
        let tokens = tokenize(word, &mut vocab);
        assert_eq!(tokens.len(), 1, "{word:?} is one token");
        vocab.key(tokens[0].key).to_string()
    }

    #[test]
    fn synonyms_by_word() {
        // (word, word, synonyms?) through echodiff's own keys, inflected forms included
        let cases = [
            ("big", "large", true),
            ("begin", "start", true),
            ("began", "started", true), // irregular lemma, then stem
            ("buy", "purchase", true),
            ("bought", "purchased", true),
            ("car", "automobile", true),
            ("nation", "country", true),
            ("help", "assist", true),
            ("answer", "reply", true),
            ("big", "small", false),
            ("begin", "end", false),
            ("talk", "speak", false), // first senses differ: the rule is strict
            ("purchase", "purchases", false), // same key: not a synonym of itself
            ("qwzxv", "large", false),
        ];
        for (a, b, want) in cases {
            let (ka, kb) = (key(a), key(b));
            assert_eq!(are_synonyms(&ka, &kb), want, "{a}/{b} ({ka}/{kb})");
            assert_eq!(are_synonyms(&kb, &ka), want, "{b}/{a} symmetric");
        }
    }

    #[test]
    fn every_line_parses() {
        let mut lines = TABLE.lines();
        assert!(lines.next().is_some_and(|l| l.starts_with('#')), "header");
        let mut previous = "";
        let mut members: FxHashMap<u32, u32> = FxHashMap::default();
        let mut n = 0;
        for line in lines {
            let (key, ids) = parse_line(line).unwrap_or_else(|| panic!("bad line {line:?}"));
            assert!(
                key > previous,
                "keys sorted and unique: {previous:?}, {key:?}"
            );
            assert!((1..=4).contains(&ids.len()), "{line:?}");
            assert_eq!(
                line,
                format!(
                    "{key}\t{}",
                    ids.iter().map(u32::to_string).collect::<Vec<_>>().join(",")
                )
            );
            for id in ids {
                *members.entry(id).or_default() += 1;
            }
            previous = key;
            n += 1;
        }
        assert_eq!(key_count(), n);
        assert!(
            members.values().all(|&m| m >= 2),
            "every group has two keys"
        );
        let max = members.keys().max().copied().unwrap_or(0) as usize;
        assert_eq!(max + 1, members.len(), "group ids are dense");
    }

    #[test]
    fn parse_skips_malformed_lines() {
        let t = parse("# c\nbig\t3,1\n\nbad\nbad2\tx\n\tnokey\nbig\t9\nlarg\t1\n");
        assert_eq!(t.index.len(), 2);
        let Table { index, ids } = &t;
        assert_eq!(index.get("big"), Some(&(0, 2)));
        assert_eq!(ids[..2], [1, 3]);
    }

    #[test]
    fn keys_agree_with_the_script() {
        // data/synonyms/key-sample.tsv: words and the key scripts/make-synonyms.py gave them
        // (Python snowballstemmer and the irregular table read from lexicon.rs)
        let sample = include_str!("../data/synonyms/key-sample.tsv");
        let mut n = 0;
        for line in sample.lines().filter(|l| !l.starts_with('#')) {
            let (word, want) = line.split_once('\t').unwrap_or_else(|| panic!("{line:?}"));
            assert_eq!(key(word), want, "{word}");
            n += 1;
        }
        assert!(n > 3000, "{n} sample words");
    }
}

//! A PAN text alignment corpus on disk: `src/` and `susp/` documents, and sub-corpora
//! `NN-name/` each with a `pairs` file (`suspicious-documentX.txt source-documentY.txt` a line)
//! and one gold XML per pair (`suspicious-documentX-source-documentY.xml`).

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::measure::Reuse;
use crate::xml;

/// A corpus folder and its sub-corpora, sorted by name.
#[derive(Debug)]
pub struct Corpus {
    /// The folder as given.
    pub dir: PathBuf,
    /// Its sub-corpora.
    pub subsets: Vec<Subset>,
}

/// One sub-corpus (`01-no-plagiarism`, ...): its pairs in file-name order.
#[derive(Debug)]
pub struct Subset {
    /// The folder name.
    pub name: String,
    /// Its pairs, sorted by suspicious then source document name.
    pub pairs: Vec<DocPair>,
}

/// A suspicious and a source document, by file name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct DocPair {
    /// Name of the suspicious document (in `susp/`).
    pub susp: String,
    /// Name of the source document (in `src/`).
    pub src: String,
}

impl DocPair {
    /// File name of the pair's XML (gold or detections): `SUSP-SRC.xml` without `.txt`.
    pub fn xml_name(&self) -> String {
        let stem = |s: &str| s.strip_suffix(".txt").unwrap_or(s).to_string();
        format!("{}-{}.xml", stem(&self.susp), stem(&self.src))
    }
}

/// Whether a folder name looks like a sub-corpus: two digits and a dash (`01-...`).
fn is_subset_name(name: &str) -> bool {
    let b = name.as_bytes();
    b.len() > 3 && b[0].is_ascii_digit() && b[1].is_ascii_digit() && b[2] == b'-'
}

impl Corpus {
    /// Read the layout of the corpus at `dir` (not the documents).
    ///
    /// # Errors
    /// When `dir`, `src/` or `susp/` is missing, no sub-corpus has a `pairs` file, or a `pairs`
    /// file is unreadable or malformed (the message names the file and line).
    pub fn open(dir: &Path) -> Result<Corpus> {
        for sub in [dir.to_path_buf(), dir.join("src"), dir.join("susp")] {
            if !sub.is_dir() {
                bail!(
                    "{}: not a folder (a PAN corpus has src/, susp/ and 0N-*/pairs)",
                    sub.display()
                );
            }
        }
        let entries =
            fs::read_dir(dir).with_context(|| format!("{}: cannot list", dir.display()))?;
        let mut names = Vec::new();
        for entry in entries {
            let entry = entry.with_context(|| format!("{}: cannot list", dir.display()))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if is_subset_name(&name) && entry.path().join("pairs").is_file() {
                names.push(name);
            }
        }
        if names.is_empty() {
            bail!(
                "{}: no sub-corpus (a folder such as 02-no-obfuscation with a pairs file)",
                dir.display()
            );
        }
        names.sort();
        let subsets = names
            .into_iter()
            .map(|name| {
                let pairs = read_pairs(&dir.join(&name).join("pairs"))?;
                Ok(Subset { name, pairs })
            })
            .collect::<Result<_>>()?;
        Ok(Corpus {
            dir: dir.to_path_buf(),
            subsets,
        })
    }

    /// Keep `n` pairs of each sub-corpus (all when it has fewer): see [`sample`].
    pub fn sample(&mut self, n: usize) {
        for s in &mut self.subsets {
            s.pairs = sample(&s.pairs, n);
        }
    }

    /// Path of a source document.
    pub fn src_path(&self, pair: &DocPair) -> PathBuf {
        self.dir.join("src").join(&pair.src)
    }

    /// Path of a suspicious document.
    pub fn susp_path(&self, pair: &DocPair) -> PathBuf {
        self.dir.join("susp").join(&pair.susp)
    }

    /// The gold cases of `pair` in sub-corpus `subset`.
    ///
    /// # Errors
    /// When the gold XML is missing or malformed (the message names it).
    pub fn gold(&self, subset: &str, pair: &DocPair) -> Result<Vec<Reuse>> {
        let path = self.dir.join(subset).join(pair.xml_name());
        xml::read_features(&path, "plagiarism")
    }

    /// Every pair with its sub-corpus name, in sub-corpus then pair order.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &DocPair)> {
        self.subsets
            .iter()
            .flat_map(|s| s.pairs.iter().map(move |p| (s.name.as_str(), p)))
    }
}

/// `n` pairs evenly spread over `pairs` (sorted): those at positions `⌊i · len / n⌋` for
/// `i` in `0..n`, so the same `n` always picks the same pairs. All of them when `n >= len`.
pub fn sample(pairs: &[DocPair], n: usize) -> Vec<DocPair> {
    if n >= pairs.len() {
        return pairs.to_vec();
    }
    (0..n)
        .filter_map(|i| pairs.get(i * pairs.len() / n).cloned())
        .collect()
}

/// Read a `pairs` file: `SUSP SRC` a line, blank lines skipped. Sorted.
fn read_pairs(path: &Path) -> Result<Vec<DocPair>> {
    let text =
        fs::read_to_string(path).with_context(|| format!("{}: cannot read", path.display()))?;
    let mut pairs = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words[..] {
            [] => {}
            [susp, src] => pairs.push(DocPair {
                susp: susp.to_string(),
                src: src.to_string(),
            }),
            _ => bail!(
                "{}:{}: expected `suspicious-document.txt source-document.txt`, got {line:?}",
                path.display(),
                i + 1
            ),
        }
    }
    pairs.sort();
    Ok(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(n: usize) -> Vec<DocPair> {
        (0..n)
            .map(|i| DocPair {
                susp: format!("s{i:03}.txt"),
                src: "x.txt".into(),
            })
            .collect()
    }

    #[test]
    fn sample_is_evenly_spread_and_fixed() {
        let all = pairs(10);
        let picked: Vec<String> = sample(&all, 4).into_iter().map(|p| p.susp).collect();
        // positions 0, 10/4 = 2, 20/4 = 5, 30/4 = 7
        assert_eq!(picked, ["s000.txt", "s002.txt", "s005.txt", "s007.txt"]);
        assert_eq!(sample(&all, 10), all);
        assert_eq!(sample(&all, 50), all);
        assert!(sample(&all, 0).is_empty());
    }

    #[test]
    fn xml_name_drops_txt() {
        let p = DocPair {
            susp: "suspicious-document00005.txt".into(),
            src: "source-document01090.txt".into(),
        };
        assert_eq!(
            p.xml_name(),
            "suspicious-document00005-source-document01090.xml"
        );
    }

    #[test]
    fn subset_names() {
        assert!(is_subset_name("02-no-obfuscation"));
        assert!(!is_subset_name("src"));
        assert!(!is_subset_name("02-"));
        assert!(!is_subset_name("2-x"));
    }
}

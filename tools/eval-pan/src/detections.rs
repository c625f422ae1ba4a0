//! Detections saved to a file and read back (`--save-detections`, `--detections`), so the
//! measure can be compared with another scorer on identical detections, or another system
//! scored.
//!
//! Two forms are read:
//! - a JSON file, as `--save-detections` writes it: every pair scored, in order, with its
//!   detections in characters, named as in PAN's XML:
//!   ```json
//!   {"pairs": [{"subset": "02-no-obfuscation",
//!               "suspicious": "suspicious-document00005.txt",
//!               "source": "source-document01090.txt",
//!               "detections": [{"this_offset": 3593, "this_length": 698,
//!                               "source_offset": 1300, "source_length": 698}]}]}
//!   ```
//! - a folder of PAN detection XML, one `SUSP-SRC.xml` a pair, as `--xml-out` (or any PAN
//!   text alignment system) writes it.
//!
//! A pair of the corpus (after `--sample`) missing from the file has no detections. An entry
//! for a pair that is not in the corpus is an error, unless the corpus was sampled
//! (`extra_ok`), so a file for the whole corpus can be scored on a sample.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

use crate::corpus::{Corpus, DocPair};
use crate::measure::Reuse;
use crate::xml;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    pairs: Vec<PairEntry>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PairEntry {
    /// Informative: the sub-corpus the pair was scored in.
    #[serde(default)]
    subset: String,
    suspicious: String,
    source: String,
    detections: Vec<Feature>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Feature {
    this_offset: usize,
    this_length: usize,
    source_offset: usize,
    source_length: usize,
}

impl From<&Reuse> for Feature {
    fn from(r: &Reuse) -> Self {
        Feature {
            this_offset: r.susp.start,
            this_length: r.susp.len(),
            source_offset: r.src.start,
            source_length: r.src.len(),
        }
    }
}

impl From<&Feature> for Reuse {
    fn from(f: &Feature) -> Self {
        Reuse::from_lengths(
            (f.this_offset, f.this_length),
            (f.source_offset, f.source_length),
        )
    }
}

/// The JSON detections file for `detections` (one per pair, in [`Corpus::pairs`] order).
pub fn to_json(corpus: &Corpus, detections: &[Vec<Reuse>]) -> String {
    let pairs = corpus
        .pairs()
        .zip(detections)
        .map(|((subset, pair), dets)| PairEntry {
            subset: subset.to_string(),
            suspicious: pair.susp.clone(),
            source: pair.src.clone(),
            detections: dets.iter().map(Feature::from).collect(),
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&File { pairs })
        .expect("plain structs of strings and integers always serialize");
    s.push('\n');
    s
}

/// Detections for every pair of `corpus` (in [`Corpus::pairs`] order) read from `path`: a JSON
/// file or a folder of PAN XML (see the module docs).
///
/// # Errors
/// When `path` cannot be read or parsed, or names a pair the corpus does not have.
pub fn read(path: &Path, corpus: &Corpus, extra_ok: bool) -> Result<Vec<Vec<Reuse>>> {
    if path.is_dir() {
        return read_xml_dir(path, corpus);
    }
    let text =
        fs::read_to_string(path).with_context(|| format!("{}: cannot read", path.display()))?;
    let file: File = serde_json::from_str(&text).with_context(|| {
        format!(
            "{}: not an eval-pan detections file ({{\"pairs\": [...]}})",
            path.display()
        )
    })?;
    let mut by_pair: BTreeMap<DocPair, Vec<Reuse>> = BTreeMap::new();
    for entry in &file.pairs {
        let pair = DocPair {
            susp: entry.suspicious.clone(),
            src: entry.source.clone(),
        };
        by_pair
            .entry(pair)
            .or_default()
            .extend(entry.detections.iter().map(Reuse::from));
    }
    let mut out = Vec::new();
    for (_, pair) in corpus.pairs() {
        out.push(by_pair.remove(pair).unwrap_or_default());
    }
    if let Some(pair) = by_pair.keys().next().filter(|_| !extra_ok) {
        bail!(
            "{}: detections for {} {}, a pair that is not in the corpus",
            path.display(),
            pair.susp,
            pair.src
        );
    }
    Ok(out)
}

fn read_xml_dir(dir: &Path, corpus: &Corpus) -> Result<Vec<Vec<Reuse>>> {
    corpus
        .pairs()
        .map(|(_, pair)| {
            let path = dir.join(pair.xml_name());
            if path.exists() {
                xml::read_features(&path, "detected-plagiarism")
            } else {
                Ok(Vec::new())
            }
        })
        .collect()
}

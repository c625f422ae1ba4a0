//! Published results to print beside ours, from a tab-separated file (`published-results.tsv`
//! beside the corpus): `#` comment lines, then a header naming at least the columns `system`,
//! `year`, `corpus`, `subset`, `plagdet`, `recall`, `precision` and `granularity`; empty cells
//! are figures the source did not report.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde::Serialize;

/// One system's published figures on one subset.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Figures {
    /// plagdet.
    pub plagdet: Option<f64>,
    /// Precision.
    pub precision: Option<f64>,
    /// Recall.
    pub recall: Option<f64>,
    /// Granularity.
    pub granularity: Option<f64>,
}

/// One system's published figures on one corpus, by PAN subset name (`none`, `random`,
/// `translation`, `summary`, `entire`).
#[derive(Debug, Clone, PartialEq)]
pub struct Published {
    /// The system and year, as `Sanchez-Perez 2014`.
    pub label: String,
    /// Figures by subset name.
    pub subsets: BTreeMap<String, Figures>,
}

impl Published {
    /// The figures for a sub-corpus folder (`02-no-obfuscation`) or `entire`.
    pub fn get(&self, subset: &str) -> Option<&Figures> {
        self.subsets.get(subset_key(subset)?)
    }
}

/// The subset name published tables use for a sub-corpus folder: PAN's obfuscation names.
fn subset_key(folder: &str) -> Option<&'static str> {
    let name = folder.get(3..).unwrap_or(folder);
    Some(match (folder, name) {
        ("entire", _) => "entire",
        (_, "no-obfuscation") => "none",
        (_, "random-obfuscation") => "random",
        (_, "translation-obfuscation") => "translation",
        (_, "summary-obfuscation") => "summary",
        _ => return None,
    })
}

/// The rows of `system` on `corpus` in the file at `path`; `None` when it has none.
///
/// # Errors
/// When the file is unreadable, lacks a needed column, or has a figure that is not a number
/// (the message names the file and line).
pub fn read(path: &Path, system: &str, corpus: &str) -> Result<Option<Published>> {
    let text =
        fs::read_to_string(path).with_context(|| format!("{}: cannot read", path.display()))?;
    parse(&text, system, corpus).with_context(|| format!("{}", path.display()))
}

fn parse(text: &str, system: &str, corpus: &str) -> Result<Option<Published>> {
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty());
    let Some((_, header)) = lines.next() else {
        bail!("no header line");
    };
    let header: Vec<&str> = header.split('\t').collect();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h.trim() == name)
            .with_context(|| format!("no column {name:?} in the header"))
    };
    let [
        sys,
        year,
        corp,
        subset,
        plagdet,
        recall,
        precision,
        granularity,
    ] = [
        "system",
        "year",
        "corpus",
        "subset",
        "plagdet",
        "recall",
        "precision",
        "granularity",
    ]
    .map(column);
    let (sys, year, corp, subset) = (sys?, year?, corp?, subset?);
    let (plagdet, recall, precision, granularity) = (plagdet?, recall?, precision?, granularity?);
    let mut out: Option<Published> = None;
    for (i, line) in lines {
        let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
        let cell = |k: usize| cells.get(k).copied().unwrap_or("");
        if cell(sys) != system || cell(corp) != corpus {
            continue;
        }
        let number = |k: usize| -> Result<Option<f64>> {
            match cell(k) {
                "" => Ok(None),
                v => v
                    .parse()
                    .map(Some)
                    .with_context(|| format!("line {}: {v:?} is not a number", i + 1)),
            }
        };
        let figures = Figures {
            plagdet: number(plagdet)?,
            precision: number(precision)?,
            recall: number(recall)?,
            granularity: number(granularity)?,
        };
        out.get_or_insert_with(|| Published {
            label: format!("{system} {}", cell(year)),
            subsets: BTreeMap::new(),
        })
        .subsets
        .insert(cell(subset).to_string(), figures);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TSV: &str = "# comment\n\
        system\tyear\tcorpus\tsubset\tplagdet\trecall\tprecision\tgranularity\ttable\n\
        SP\t2014\ttraining\tnone\t0.89381\t0.97823\t0.82280\t1.00000\tT2\n\
        SP\t2014\ttraining\tentire\t0.87735\t0.87995\t0.87745\t1.00213\tT2\n\
        SP\t2014\ttest2\tnone\t0.9\t\t\t\tT2\n\
        K\t2013\ttraining\tnone\t0.8\t\t\t\tT3\n";

    #[test]
    fn rows_of_one_system_and_corpus() {
        let p = parse(TSV, "SP", "training").ok().flatten();
        let p = p.expect("rows for SP on training");
        assert_eq!(p.label, "SP 2014");
        let none = p.get("02-no-obfuscation").copied();
        assert_eq!(none.and_then(|f| f.recall), Some(0.97823));
        assert_eq!(p.get("entire").and_then(|f| f.plagdet), Some(0.87735));
        assert_eq!(p.get("01-no-plagiarism"), None);
        let k = parse(TSV, "K", "training").ok().flatten();
        assert_eq!(k.and_then(|p| p.subsets["none"].precision), None);
        assert_eq!(parse(TSV, "SP", "test9").ok(), Some(None));
    }

    #[test]
    fn bad_files() {
        assert!(parse("# only comments\n", "SP", "training").is_err());
        assert!(parse("system\tyear\n", "SP", "training").is_err());
        let bad = "system\tyear\tcorpus\tsubset\tplagdet\trecall\tprecision\tgranularity\n\
                   SP\t2014\ttraining\tnone\tx\t\t\t\n";
        let err = parse(bad, "SP", "training").err().map(|e| e.to_string());
        assert_eq!(err.as_deref(), Some("line 2: \"x\" is not a number"));
    }
}

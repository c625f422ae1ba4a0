//! The figures of a run, per sub-corpus and for the entire corpus, beside the published ones,
//! as a text table or JSON.

use std::fmt::Write as _;

use serde::Serialize;

use crate::corpus::Corpus;
use crate::measure::{Judged, Reuse, Scores, measure};
use crate::published::{Figures, Published};

/// One line of the table: a sub-corpus, or `entire`.
#[derive(Debug, Serialize)]
pub struct Row {
    /// Sub-corpus folder name, or `entire`.
    pub name: String,
    /// Pairs measured.
    pub pairs: usize,
    /// Our figures.
    #[serde(flatten)]
    pub scores: Scores,
    /// The published figures, when there are some for this row.
    pub published: Option<Figures>,
}

/// Everything a run reports.
#[derive(Debug, Serialize)]
pub struct Summary {
    /// The corpus folder as given.
    pub corpus: String,
    /// Pairs kept per sub-corpus (`--sample`), or none for all.
    pub sample: Option<usize>,
    /// `echodiff`, or the detections file scored.
    pub detections_from: String,
    /// Pairs with a document echodiff's loader refused (`SUSP SRC: reason`), scored as no
    /// detections.
    pub refused: Vec<String>,
    /// The published system beside ours (`Sanchez-Perez 2014`), if any.
    pub published_system: Option<String>,
    /// One row per sub-corpus.
    pub subsets: Vec<Row>,
    /// All sub-corpora pooled.
    pub entire: Row,
    /// Wall time of the run, in seconds.
    pub seconds: f64,
}

impl Summary {
    /// Score `detections` (one list per pair, in [`Corpus::pairs`] order) against `gold`
    /// (likewise).
    pub fn new(
        corpus: &Corpus,
        gold: &[Vec<Reuse>],
        detections: &[Vec<Reuse>],
        published: Option<&Published>,
    ) -> Summary {
        let judged: Vec<Judged> = gold
            .iter()
            .zip(detections)
            .map(|(cases, detections)| Judged { cases, detections })
            .collect();
        let row = |name: &str, judged: &[Judged]| Row {
            name: name.to_string(),
            pairs: judged.len(),
            scores: measure(judged.iter().copied()),
            published: published.and_then(|p| p.get(name)).copied(),
        };
        let mut subsets = Vec::new();
        let mut start = 0;
        for s in &corpus.subsets {
            let end = (start + s.pairs.len()).min(judged.len());
            subsets.push(row(&s.name, judged.get(start..end).unwrap_or_default()));
            start = end;
        }
        Summary {
            corpus: corpus.dir.display().to_string(),
            sample: None,
            detections_from: "echodiff".into(),
            refused: Vec::new(),
            published_system: published.map(|p| p.label.clone()),
            subsets,
            entire: row("entire", &judged),
            seconds: 0.0,
        }
    }

    /// The summary as a text table.
    pub fn table(&self) -> String {
        let mut out = String::new();
        let pairs = self.entire.pairs;
        let sample = match self.sample {
            Some(n) => format!(" (--sample {n} per sub-corpus)"),
            None => String::new(),
        };
        // writing to a String cannot fail
        let _ = writeln!(
            out,
            "eval-pan: {}, {pairs} pairs{sample}, detections from {}\n",
            self.corpus, self.detections_from
        );
        let theirs = match &self.published_system {
            Some(s) => format!(" {s} "),
            None => " no published figures ".into(),
        };
        let _ = writeln!(
            out,
            "{:28} {:>5} {:>5} {:>5}  {:-^35}  {theirs:-^35}",
            "", "", "", "", " ours "
        );
        let _ = writeln!(
            out,
            "{:28} {:>5} {:>5} {:>5}  {:>8} {:>8} {:>8} {:>8}  {:>8} {:>8} {:>8} {:>8}",
            "sub-corpus",
            "pairs",
            "cases",
            "dets",
            "plagdet",
            "prec",
            "recall",
            "gran",
            "plagdet",
            "prec",
            "recall",
            "gran"
        );
        for row in self.subsets.iter().chain([&self.entire]) {
            let s = &row.scores;
            let p = row.published.unwrap_or(Figures {
                plagdet: None,
                precision: None,
                recall: None,
                granularity: None,
            });
            let f = |x: Option<f64>| x.map_or("-".to_string(), |x| format!("{x:.5}"));
            let _ = writeln!(
                out,
                "{:28} {:>5} {:>5} {:>5}  {:8.5} {:8.5} {:8.5} {:8.5}  {:>8} {:>8} {:>8} {:>8}",
                row.name,
                row.pairs,
                s.cases,
                s.detections,
                s.plagdet,
                s.precision,
                s.recall,
                s.granularity,
                f(p.plagdet),
                f(p.precision),
                f(p.recall),
                f(p.granularity)
            );
        }
        if !self.refused.is_empty() {
            let n = self.refused.len();
            let _ = writeln!(
                out,
                "\n{n} {} scored as no detections: echodiff refuses a document of {}",
                if n == 1 { "pair" } else { "pairs" },
                if n == 1 { "it" } else { "each" }
            );
            const SHOWN: usize = 3;
            for why in self.refused.iter().take(SHOWN) {
                let _ = writeln!(out, "  {why}");
            }
            if self.refused.len() > SHOWN {
                let _ = writeln!(
                    out,
                    "  ... ({} more with --json)",
                    self.refused.len() - SHOWN
                );
            }
        }
        let _ = writeln!(out, "\ntime: {:.1} s", self.seconds);
        out
    }

    /// The summary as pretty JSON, ending with a newline.
    pub fn json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self)
            .expect("plain structs of strings and numbers always serialize");
        s.push('\n');
        s
    }
}

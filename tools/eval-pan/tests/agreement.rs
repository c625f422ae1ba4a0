//! eval-pan's measure agrees with the reference scorer `../shared/eval/score_pan.py` to five
//! decimals on identical detections, on a fixed sample of the PAN 2013 training corpus.
//!
//! Skipped, with a note, when the corpus (beside the repository, never in it) or python3 is
//! missing. The detections are echodiff's on the sample, saved by eval-pan, and a perturbed
//! copy of them (detections split in two, shifted, and a spurious one added to every pair) so
//! that granularity above 1, partial overlaps and false positives in every sub-corpus are
//! exercised whatever echodiff finds. `scripts/score-pan-detections.py` feeds each file to
//! score_pan.py's own `gold_cases` and `measure`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{eval_pan, json, repo_root, stderr};
use serde_json::{Value, json};

/// Pairs per sub-corpus: small, as the test build of echodiff is unoptimised.
const SAMPLE: &str = "3";

fn shared() -> PathBuf {
    repo_root().join("../shared/eval")
}

fn have_python() -> bool {
    Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// score_pan.py's figures for the detections in `file`.
fn reference(corpus: &Path, file: &Path) -> Value {
    let out = Command::new("python3")
        .arg(repo_root().join("scripts/score-pan-detections.py"))
        .arg(shared().join("score_pan.py"))
        .arg(corpus)
        .arg(file)
        .output()
        .expect("python3 runs");
    assert!(out.status.success(), "{}", stderr(&out));
    json(&out)
}

/// eval-pan's figures for the detections in `file`.
fn ours(corpus: &Path, file: &Path) -> Value {
    let out = eval_pan(&[
        corpus.to_str().expect("UTF-8 path"),
        "--sample",
        SAMPLE,
        "--json",
        "--detections",
        file.to_str().expect("UTF-8 path"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    json(&out)
}

/// Every figure of every row equal to five decimals.
fn assert_agree(what: &str, ours: &Value, theirs: &Value) {
    let rows = |v: &Value| -> Vec<Value> {
        let mut r = v["subsets"].as_array().cloned().unwrap_or_default();
        r.push(v["entire"].clone());
        r
    };
    let (a, b) = (rows(ours), rows(theirs));
    assert_eq!(a.len(), b.len(), "{what}: rows");
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(
            (&x["name"], &x["pairs"]),
            (&y["name"], &y["pairs"]),
            "{what}"
        );
        for k in ["precision", "recall", "granularity", "plagdet"] {
            let (p, q) = (x[k].as_f64(), y[k].as_f64());
            let close = matches!((p, q), (Some(p), Some(q)) if (p - q).abs() < 5e-6);
            assert!(
                close,
                "{what}: {} {k}: eval-pan {p:?}, score_pan.py {q:?}",
                x["name"]
            );
        }
        println!(
            "{what}: {:28} plagdet {:.5} = {:.5}",
            x["name"].as_str().unwrap_or(""),
            x["plagdet"].as_f64().unwrap_or(f64::NAN),
            y["plagdet"].as_f64().unwrap_or(f64::NAN)
        );
    }
}

/// A harder set of detections from `saved`: each split in two halves, every other one shifted
/// by 25 characters, and a spurious one at the start of every pair.
fn perturb(saved: &Value) -> Value {
    let mut pairs = saved["pairs"].as_array().cloned().unwrap_or_default();
    for p in &mut pairs {
        let n = |d: &Value, k: &str| d[k].as_u64().unwrap_or(0);
        let mut out = vec![json!({"this_offset": 0, "this_length": 40,
                                  "source_offset": 0, "source_length": 40})];
        for (i, d) in p["detections"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let shift = if i % 2 == 1 { 25 } else { 0 };
            let (t, tl, s, sl) = (
                n(d, "this_offset") + shift,
                n(d, "this_length"),
                n(d, "source_offset") + shift,
                n(d, "source_length"),
            );
            out.push(json!({"this_offset": t, "this_length": tl / 2,
                            "source_offset": s, "source_length": sl / 2}));
            out.push(
                json!({"this_offset": t + tl / 2, "this_length": tl - tl / 2,
                            "source_offset": s + sl / 2, "source_length": sl - sl / 2}),
            );
        }
        p["detections"] = Value::Array(out);
    }
    json!({ "pairs": pairs })
}

#[test]
fn measure_agrees_with_score_pan_py() {
    let corpus = shared().join("pan13/training");
    if !corpus.is_dir() || !shared().join("score_pan.py").is_file() || !have_python() {
        println!(
            "skipped: needs {} and python3 (the PAN corpus is never in the repository)",
            corpus.display()
        );
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let saved = dir.path().join("echodiff.json");
    let out = eval_pan(&[
        corpus.to_str().expect("UTF-8 path"),
        "--sample",
        SAMPLE,
        "--json",
        "--save-detections",
        saved.to_str().expect("UTF-8 path"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let run = json(&out);
    assert_agree("echodiff", &run, &reference(&corpus, &saved));
    assert_agree("echodiff, read back", &ours(&corpus, &saved), &run);

    let text = std::fs::read_to_string(&saved).expect("saved detections");
    let perturbed = perturb(&serde_json::from_str(&text).expect("saved detections are JSON"));
    let hard = dir.path().join("perturbed.json");
    std::fs::write(&hard, perturbed.to_string()).expect("write");
    let (a, b) = (ours(&corpus, &hard), reference(&corpus, &hard));
    if a["entire"]["detected"].as_u64() > Some(0) {
        assert!(a["entire"]["granularity"].as_f64() > Some(1.0), "{a}");
    }
    assert_agree("perturbed", &a, &b);
}

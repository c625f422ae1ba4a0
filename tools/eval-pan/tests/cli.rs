//! eval-pan end to end on small corpora written by the tests (never PAN data).

mod common;

use std::fs;

use common::{eval_pan, json, stderr, stdout, write_corpus};
use serde_json::Value;

fn path(p: &std::path::Path) -> &str {
    p.to_str().expect("temporary paths are UTF-8")
}

/// The four figures of a summary row.
fn figures(row: &Value) -> [f64; 4] {
    ["plagdet", "precision", "recall", "granularity"]
        .map(|k| row[k].as_f64().unwrap_or_else(|| panic!("no {k} in {row}")))
}

/// A detections file with the gold case as the one detection of the copy pair.
fn perfect_detections(case: (usize, usize, usize, usize)) -> String {
    serde_json::json!({"pairs": [
        {"subset": "01-none", "suspicious": "suspicious-document00002.txt",
         "source": "source-document00001.txt", "detections": []},
        {"subset": "02-copy", "suspicious": "suspicious-document00001.txt",
         "source": "source-document00001.txt", "detections": [
            {"this_offset": case.0, "this_length": case.1,
             "source_offset": case.2, "source_length": case.3}]}
    ]})
    .to_string()
}

#[test]
fn table_and_json_from_echodiff() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_corpus(dir.path());
    let out = eval_pan(&[path(dir.path())]);
    assert!(out.status.success(), "{}", stderr(&out));
    let table = stdout(&out);
    for want in ["01-none", "02-copy", "entire", "plagdet", "time:"] {
        assert!(table.contains(want), "no {want:?} in\n{table}");
    }
    let out = eval_pan(&[path(dir.path()), "--json"]);
    let v = json(&out);
    assert_eq!(v["entire"]["pairs"], 2);
    assert_eq!(v["entire"]["cases"], 1);
    assert_eq!(v["subsets"][0]["name"], "01-none");
    assert_eq!(v["detections_from"], "echodiff");
    // a verbatim copy of four sentences is found, wherever its bounds fall
    assert!(v["subsets"][1]["detected"] == 1, "{v}");
}

#[test]
fn saved_detections_score_the_same_and_threads_do_not_matter() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    write_corpus(&corpus);
    let (one, two) = (dir.path().join("t1.json"), dir.path().join("t2.json"));
    let run = |threads: &str, save: &std::path::Path| {
        let out = eval_pan(&[
            path(&corpus),
            "--json",
            "--threads",
            threads,
            "--save-detections",
            path(save),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        json(&out)
    };
    let first = run("1", &one);
    run("2", &two);
    assert_eq!(fs::read(&one).ok(), fs::read(&two).ok());
    let again = json(&eval_pan(&[
        path(&corpus),
        "--json",
        "--detections",
        path(&one),
    ]));
    assert_eq!(figures(&again["entire"]), figures(&first["entire"]));
    assert_eq!(again["detections_from"], path(&one));
}

#[test]
fn perfect_detections_score_one_and_the_floor_gates() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    let case = write_corpus(&corpus);
    let dets = dir.path().join("dets.json");
    fs::write(&dets, perfect_detections(case)).expect("write detections");
    let base = [path(&corpus), "--detections", path(&dets)];
    let v = json(&eval_pan(&[&base[..], &["--json"]].concat()));
    // 01-none: no cases and no detections -> 1; 02-copy: exact -> 1; pooled -> 1
    for row in [&v["subsets"][0], &v["subsets"][1], &v["entire"]] {
        assert_eq!(figures(row), [1.0; 4], "{row}");
    }
    let pass = eval_pan(&[&base[..], &["--min-plagdet", "0.99"]].concat());
    assert_eq!(pass.status.code(), Some(0), "{}", stderr(&pass));
    let fail = eval_pan(&[&base[..], &["--min-plagdet", "1.01"]].concat());
    assert_eq!(fail.status.code(), Some(1));
    assert!(stderr(&fail).contains("plagdet 1.00000 is below the floor 1.01000"));
}

#[test]
fn xml_out_is_pan_format_and_reads_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    let case = write_corpus(&corpus);
    let dets = dir.path().join("dets.json");
    fs::write(&dets, perfect_detections(case)).expect("write detections");
    let xml = dir.path().join("xml");
    let out = eval_pan(&[
        path(&corpus),
        "--detections",
        path(&dets),
        "--xml-out",
        path(&xml),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let copy = fs::read_to_string(xml.join("suspicious-document00001-source-document00001.xml"))
        .expect("one file a pair");
    assert_eq!(
        copy,
        format!(
            "<document reference=\"suspicious-document00001.txt\">\n\
             <feature name=\"detected-plagiarism\" this_offset=\"{}\" this_length=\"{}\" \
             source_reference=\"source-document00001.txt\" source_offset=\"{}\" \
             source_length=\"{}\"/>\n</document>\n",
            case.0, case.1, case.2, case.3
        )
    );
    let none = fs::read_to_string(xml.join("suspicious-document00002-source-document00001.xml"))
        .expect("a file for a pair without detections too");
    assert!(!none.contains("feature"));
    let v = json(&eval_pan(&[
        path(&corpus),
        "--json",
        "--detections",
        path(&xml),
    ]));
    assert_eq!(figures(&v["entire"]), [1.0; 4]);
}

#[test]
fn a_refused_document_is_no_detections_and_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_corpus(dir.path());
    fs::write(
        dir.path().join("susp/suspicious-document00001.txt"),
        b"x\0y",
    )
    .expect("write");
    let out = eval_pan(&[path(dir.path()), "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v["subsets"][1]["detections"], 0);
    let refused = v["refused"].to_string();
    assert!(refused.contains("looks binary"), "{refused}");
    let table = stdout(&eval_pan(&[path(dir.path())]));
    assert!(
        table.contains("1 pair scored as no detections: echodiff refuses a document of it"),
        "{table}"
    );
}

#[test]
fn sample_keeps_n_pairs_per_sub_corpus() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_corpus(dir.path());
    let v = json(&eval_pan(&[path(dir.path()), "--json", "--sample", "1"]));
    assert_eq!(v["sample"], 1);
    assert_eq!(v["entire"]["pairs"], 2);
    let zero = eval_pan(&[path(dir.path()), "--sample", "0"]);
    assert_eq!(zero.status.code(), Some(2));
}

/// Each error names the file at fault and exits with status 2.
#[test]
fn errors_name_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    let expect_error = |args: &[&str], want: &str| {
        let out = eval_pan(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(want),
            "{args:?}: want {want:?} in {}",
            stderr(&out)
        );
    };
    expect_error(&[path(&corpus)], "corpus: not a folder");
    fs::create_dir_all(corpus.join("src")).expect("mkdir");
    fs::create_dir_all(corpus.join("susp")).expect("mkdir");
    expect_error(&[path(&corpus)], "no sub-corpus");

    write_corpus(&corpus);
    fs::write(corpus.join("01-none/pairs"), "a.txt b.txt\nonly-one.txt\n").expect("write");
    expect_error(&[path(&corpus)], "01-none/pairs:2: expected");
    fs::write(corpus.join("01-none/pairs"), "a.txt b.txt\n").expect("write");
    expect_error(&[path(&corpus)], "01-none/a-b.xml: cannot read");

    write_corpus(&corpus);
    fs::write(
        corpus.join("02-copy/suspicious-document00001-source-document00001.xml"),
        "<document><feature name=\"plagiarism\" this_offset=\"x\"",
    )
    .expect("write");
    expect_error(
        &[path(&corpus)],
        "suspicious-document00001-source-document00001.xml: bad PAN XML",
    );

    write_corpus(&corpus);
    fs::remove_file(corpus.join("src/source-document00001.txt")).expect("remove");
    expect_error(&[path(&corpus)], "source-document00001.txt: cannot read");

    write_corpus(&corpus);
    let dets = dir.path().join("dets.json");
    fs::write(
        &dets,
        r#"{"pairs": [{"suspicious": "s9.txt", "source": "r9.txt", "detections": []}]}"#,
    )
    .expect("write");
    expect_error(
        &[path(&corpus), "--detections", path(&dets)],
        "dets.json: detections for s9.txt r9.txt, a pair that is not in the corpus",
    );
    fs::write(&dets, "[]").expect("write");
    expect_error(
        &[path(&corpus), "--detections", path(&dets)],
        "dets.json: not an eval-pan detections file",
    );
    let tsv = dir.path().join("published.tsv");
    expect_error(
        &[path(&corpus), "--published", path(&tsv)],
        "published.tsv: cannot read",
    );
}

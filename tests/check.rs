//! `echodiff check` against reference files (issue 4): passing, each kind of failing
//! expectation, ignore lists (also `--ignore` on the compare command), baselines, JUnit output,
//! and every error case with its exit status and message.

mod common;

use common::{bare_cmd, cmd, ruled};
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const US: &str = "data/stockholm-2019/us-state-department.txt";
const DPRK: &str = "data/stockholm-2019/dprk-mfa.txt";
const SEED_LEFT: &str = "do not reflect the content or the spirit of";
const SEED_RIGHT: &str = "did not accurately reflect the content and spirit of";

/// A temporary directory holding the Stockholm texts as left.txt / right.txt and a reference
/// file `ref.toml` with `body` after a `[[pair]]` header naming them.
struct Fixture {
    dir: TempDir,
}

impl Fixture {
    fn new(body: &str) -> Self {
        Self::with_file(&format!(
            "[[pair]]\nname = \"stockholm\"\nleft = \"left.txt\"\nright = \"right.txt\"\n{body}"
        ))
    }

    fn with_file(reference: &str) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::copy(common::path(US), dir.path().join("left.txt")).expect("copy left");
        fs::copy(common::path(DPRK), dir.path().join("right.txt")).expect("copy right");
        fs::write(dir.path().join("ref.toml"), reference).expect("write ref.toml");
        Fixture { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn reference(&self) -> String {
        self.path("ref.toml").display().to_string()
    }

    /// Run `echodiff check ref.toml ARGS`; (exit code, stdout, stderr).
    fn check(&self, args: &[&str]) -> (i32, String, String) {
        run(bare_cmd().arg("check").arg(self.reference()).args(args))
    }
}

fn run(cmd: &mut assert_cmd::Command) -> (i32, String, String) {
    let out = cmd.output().expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Assert the exit code, showing the output when it is not the one expected.
fn expect_code(got: &(i32, String, String), want: i32) {
    assert_eq!(
        got.0,
        want,
        "{}\n{}",
        ruled("stdout", &got.1),
        ruled("stderr", &got.2)
    );
}

#[test]
fn dogfood_reference_passes() {
    let got = run(bare_cmd().args(["check", "data/reference/pairs.toml"]));
    expect_code(&got, 0);
    let pass_lines = got.1.lines().filter(|l| l.starts_with("PASS ")).count();
    assert_eq!(pass_lines, 5, "{}", got.1);
    assert!(
        got.1.ends_with("5 pairs: 5 passed, 0 failed\n"),
        "{}",
        got.1
    );
}

#[test]
fn example_reference_passes() {
    let got = run(bare_cmd().args(["check", "data/reference/example.toml"]));
    expect_code(&got, 0);
}

#[test]
fn expect_met_despite_case_and_curly_quotes() {
    let f = Fixture::new(
        "expect = [{ left = \"DO NOT reflect the content\", right = \"did not “accurately” reflect\" }]\n",
    );
    let got = f.check(&[]);
    expect_code(&got, 0);
    assert!(got.1.starts_with("PASS stockholm (1 of 1"), "{}", got.1);
}

#[test]
fn expect_missing_fails_with_the_nearest_echo() {
    let f =
        Fixture::new("expect = [{ left = \"creative ideas\", right = \"creative solutions\" }]\n");
    let got = f.check(&[]);
    expect_code(&got, 1);
    assert!(got.1.starts_with("FAIL stockholm (0 of 1"), "{}", got.1);
    assert!(
        got.1.contains(&format!("{SEED_LEFT:?} / {SEED_RIGHT:?}\n")),
        "the nearest echo is named: {}",
        got.1
    );
    assert!(
        got.1.contains(
            "expect \"creative ideas\" / \"creative solutions\": no matching echo; nearest echo: 0."
        ),
        "{}",
        got.1
    );
}

#[test]
fn expect_below_min_score_and_missing_phrase_fail() {
    let f = Fixture::new(&format!(
        "expect = [{{ left = {SEED_LEFT:?}, min_score = 0.9 }}, {{ right = \"no such words\" }}]\n"
    ));
    let got = f.check(&[]);
    expect_code(&got, 1);
    assert!(
        got.1.contains("best matching echo scores too low: 0."),
        "{}",
        got.1
    );
    assert!(
        got.1
            .contains("the right phrase does not occur in the right text"),
        "{}",
        got.1
    );
}

#[test]
fn forbid_violated() {
    let f = Fixture::new("forbid = [{ right = \"accurately reflect\" }, { max_score = 0.6 }]\n");
    let got = f.check(&[]);
    expect_code(&got, 1);
    let failures: Vec<&str> = got
        .1
        .lines()
        .filter(|l| l.starts_with("  forbid"))
        .collect();
    assert_eq!(failures.len(), 2, "{}", got.1);
    assert!(failures[1].contains("(max_score 0.6): 1 forbidden echo(es), the highest: 0.7"));
}

#[test]
fn forbid_within_allows_a_longer_echo() {
    let f = Fixture::new(
        "forbid = [{ left = \"reflect\", right = \"reflect\", match = \"within\" }]\n",
    );
    expect_code(&f.check(&[]), 0);
}

#[test]
fn bounds_violated() {
    let f = Fixture::new(
        "bounds = { echoes = { max = 1 }, polarity_flips = { max = 0 }, mirrored.right = { min = 0.5 } }\n",
    );
    let got = f.check(&[]);
    expect_code(&got, 1);
    assert!(
        got.1.contains("  bound echoes <= 1: value is 2\n"),
        "{}",
        got.1
    );
    assert!(
        got.1.contains("  bound mirrored.right >= 0.5: value is 0."),
        "{}",
        got.1
    );
    assert!(!got.1.contains("polarity_flips <= 0:"), "{}", got.1);
}

#[test]
fn pair_level_ignore_leaves_echoes_out_of_results_and_figures() {
    let f = Fixture::new(
        "ignore = [{ right = \"completely and irreversibly\" }]\nbounds = { echoes = { max = 1 }, ignored = { min = 1, max = 1 } }\n",
    );
    let got = f.check(&[]);
    expect_code(&got, 0);
    assert!(got.1.contains("1 echoes, 1 ignored"), "{}", got.1);
}

#[test]
fn file_level_ignore_applies_to_every_pair() {
    let pair = |name: &str| {
        format!(
            "[[pair]]\nname = \"{name}\"\nleft = \"left.txt\"\nright = \"right.txt\"\nexpect = [{{ left = {SEED_LEFT:?} }}]\n"
        )
    };
    let f = Fixture::with_file(&format!(
        "ignore = [{{ left = {SEED_LEFT:?} }}]\n{}{}",
        pair("a"),
        pair("b")
    ));
    let got = f.check(&["--format=json"]);
    expect_code(&got, 1);
    let doc: serde_json::Value = serde_json::from_str(&got.1).expect("JSON");
    let pairs = doc["pairs"].as_array().expect("pairs");
    assert_eq!(pairs.len(), 2);
    for (p, name) in pairs.iter().zip(["a", "b"]) {
        assert_eq!(p["name"], name, "file order");
        assert_eq!(
            (p["echoes"].as_u64(), p["ignored"].as_u64()),
            (Some(1), Some(1))
        );
        assert_eq!(p["expectations"][0]["passed"], false);
    }
    assert_eq!(doc["passed"], false);
}

#[test]
fn ignore_on_the_compare_command() {
    let f = Fixture::with_file(
        "ignore = [\"completely and irreversibly\", { left = \"complete, verifiable, and irreversible\" }]\n",
    );
    let ignore = f.reference();
    // phrase echoes only: the rule names phrases, and the counts are those of the two echoes
    let phrases = "--no-statement-echoes";
    let plain = common::json_of(&[phrases, US, DPRK]);
    let doc = common::json_of(&[phrases, "--ignore", &ignore, US, DPRK]);
    assert_eq!(plain["summary"]["echoes"], 2);
    assert!(
        plain["summary"].get("ignored").is_none(),
        "absent when zero"
    );
    assert_eq!(doc["summary"]["echoes"], 1);
    assert_eq!(doc["summary"]["ignored"], 1);
    assert_eq!(doc["echoes"].as_array().map(Vec::len), Some(1));
    let text = common::stdout_of(cmd().args([phrases, "--ignore", &ignore, US, DPRK]));
    assert!(
        text.lines()
            .nth(1)
            .is_some_and(|l| l.ends_with(", 1 ignored")),
        "{text}"
    );
    for format in ["md", "html"] {
        let out = common::stdout_of(
            cmd().args([phrases, "--format", format, "--ignore", &ignore, US, DPRK]),
        );
        assert!(
            out.contains("aligned statement pairs, 1 ignored."),
            "{format}: {out}"
        );
    }
}

/// Passages come from sentence similarity, not from echoes: ignoring an echo inside a passage
/// leaves the passage (and its diff) where it is and only drops the echo from its list.
#[test]
fn ignore_keeps_passages_and_drops_the_echo_from_them() {
    let (l, r) = (
        "tests/cases/06-reused-passage/left.txt",
        "tests/cases/06-reused-passage/right.txt",
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let ignore = dir.path().join("ignore.toml");
    fs::write(
        &ignore,
        "ignore = [{ left = \"The Authority has reviewed the\" }]\n",
    )
    .expect("write ignore.toml");
    let ignore = ignore.to_string_lossy().into_owned();
    let plain = common::json_of(&[l, r]);
    let doc = common::json_of(&["--ignore", &ignore, l, r]);
    assert_eq!(doc["summary"]["ignored"], 1);
    let (p0, p1) = (&plain["passages"][0], &doc["passages"][0]);
    assert_eq!(p0["left"], p1["left"]);
    assert_eq!(p0["right"], p1["right"]);
    assert_eq!(p0["diff"], p1["diff"]);
    let count = |p: &serde_json::Value| p["echoes"].as_array().map_or(0, Vec::len);
    assert_eq!(count(p1) + 1, count(p0), "{p0} -> {p1}");
}

#[test]
fn ignore_file_errors() {
    let f = Fixture::with_file("ignore = [{ match = \"within\" }]\n");
    let got = run(cmd().args(["--ignore", &f.reference(), US, DPRK]));
    expect_code(&got, 2);
    assert!(
        got.2
            .contains("ref.toml:1:10: an ignore rule needs a left or a right phrase"),
        "{}",
        got.2
    );
    let got = run(cmd().args(["--ignore", "no/such.toml", US, DPRK]));
    expect_code(&got, 2);
    assert!(got.2.contains("no/such.toml: cannot read"), "{}", got.2);
}

fn baseline(f: &Fixture) -> serde_json::Value {
    let text = fs::read_to_string(f.path("base.json")).expect("baseline written");
    serde_json::from_str(&text).expect("baseline is JSON")
}

fn write_baseline(f: &Fixture, doc: &serde_json::Value) {
    let text = serde_json::to_string_pretty(doc).expect("JSON");
    fs::write(f.path("base.json"), text).expect("write baseline");
}

#[test]
fn update_baseline_writes_sorted_rounded_json() {
    let f = Fixture::new("");
    let base = f.path("base.json").display().to_string();
    expect_code(&f.check(&["--baseline", &base, "--update-baseline"]), 0);
    let first = fs::read_to_string(&base).expect("written");
    let doc = baseline(&f);
    let echoes = doc["pairs"][0]["echoes"].as_array().expect("echoes");
    assert_eq!(doc["pairs"][0]["name"], "stockholm");
    let lefts: Vec<&str> = echoes.iter().filter_map(|e| e["left"].as_str()).collect();
    let mut sorted = lefts.clone();
    sorted.sort();
    assert_eq!(lefts, sorted, "sorted by left text");
    for e in echoes {
        let score = e["score"].as_f64().expect("score");
        assert_eq!((score * 1000.0).round() / 1000.0, score, "three decimals");
    }
    // unchanged text: the check against it passes, and rewriting gives the same bytes
    expect_code(&f.check(&["--baseline", &base]), 0);
    expect_code(&f.check(&["--baseline", &base, "--update-baseline"]), 0);
    assert_eq!(fs::read_to_string(&base).expect("rewritten"), first);
}

#[test]
fn baseline_gain_loss_and_drift() {
    let f = Fixture::new("");
    let base = f.path("base.json").display().to_string();
    expect_code(&f.check(&["--baseline", &base, "--update-baseline"]), 0);
    let mut doc = baseline(&f);
    let echoes = doc["pairs"][0]["echoes"].as_array_mut().expect("echoes");
    // drop one echo (now gained), add a fake one (now lost), and move a score
    let dropped = echoes.remove(0);
    echoes.push(serde_json::json!({
        "left": "creative ideas", "right": "creative solutions",
        "left_start": 0, "right_start": 0, "score": 0.6
    }));
    echoes[0]["score"] = serde_json::json!(0.2);
    write_baseline(&f, &doc);
    let got = f.check(&["--baseline", &base]);
    expect_code(&got, 1);
    let out = &got.1;
    assert!(
        out.contains("baseline: 1 gained, 1 lost, 1 moved more than 0.05"),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "gained {:.3} {:?}",
            dropped["score"].as_f64().unwrap_or(0.0),
            dropped["left"].as_str().unwrap_or("")
        )),
        "{out}"
    );
    assert!(
        out.contains("lost   0.600 \"creative ideas\" / \"creative solutions\""),
        "{out}"
    );
    assert!(out.contains("moved  0.200 -> "), "{out}");
    // a wide tolerance hides the drift but not the gain and loss
    let got = f.check(&["--baseline", &base, "--tolerance", "0.9"]);
    expect_code(&got, 1);
    assert!(got.1.contains("1 gained, 1 lost, 0 moved"), "{}", got.1);
    // the JSON report carries the same differences
    let got = f.check(&["--baseline", &base, "--format=json"]);
    let doc: serde_json::Value = serde_json::from_str(&got.1).expect("JSON");
    let b = &doc["pairs"][0]["baseline"];
    assert_eq!(
        [&b["gained"], &b["lost"], &b["moved"]].map(|v| v.as_array().map(Vec::len)),
        [Some(1), Some(1), Some(1)]
    );
}

#[test]
fn pair_missing_from_baseline_fails() {
    let f = Fixture::new("");
    fs::write(
        f.path("base.json"),
        "{\"baseline_version\": 1, \"pairs\": []}\n",
    )
    .expect("write");
    let got = f.check(&["--baseline", &f.path("base.json").display().to_string()]);
    expect_code(&got, 1);
    assert!(
        got.1.contains("baseline (pair not in baseline): 2 gained"),
        "{}",
        got.1
    );
}

#[test]
fn junit_output_parses_as_xml() {
    let f = Fixture::new(
        "expect = [{ left = \"creative <ideas> & 'more'\" }, { left = \"complete, verifiable\" }]\nforbid = [{ max_score = 0.6 }]\nbounds = { echoes = { min = 1 } }\n",
    );
    let got = f.check(&["--format=junit"]);
    expect_code(&got, 1);
    let xml = roxmltree::Document::parse(&got.1)
        .unwrap_or_else(|e| panic!("invalid XML ({e})\n{}", ruled("stdout", &got.1)));
    let root = xml.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    assert_eq!(
        (root.attribute("tests"), root.attribute("failures")),
        (Some("4"), Some("2"))
    );
    let cases: Vec<_> = root
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 4, "one test case per expectation");
    assert_eq!(
        cases[0].attribute("name"),
        Some("expect \"creative <ideas> & 'more'\" / *"),
        "escaped and unescaped"
    );
    let failed: Vec<bool> = cases
        .iter()
        .map(|c| c.children().any(|n| n.has_tag_name("failure")))
        .collect();
    assert_eq!(failed, [true, false, true, false]);
}

/// Every error exits 2 with one line naming the file (and line:column for TOML errors).
#[test]
fn errors_exit_2_naming_the_file() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "syntax",
            "[[pair]\nname = \"x\"\n",
            "ref.toml:1:8: unclosed array table",
        ),
        (
            "bad value",
            "[[pair]]\nname = \"x\"\nleft = \"left.txt\"\nright = \"right.txt\"\nmin_score = 2\n",
            "ref.toml:5:13: score 2 is not between 0 and 1",
        ),
        (
            "unknown key",
            "[[pair]]\nname = \"x\"\nleft = \"left.txt\"\nright = \"right.txt\"\nexpct = []\n",
            "ref.toml:5:1: unknown field `expct`",
        ),
        (
            "missing key",
            "[[pair]]\nname = \"x\"\nleft = \"left.txt\"\n",
            "ref.toml:1:1: missing field `right`",
        ),
        (
            "empty expect",
            "[[pair]]\nname = \"x\"\nleft = \"left.txt\"\nright = \"right.txt\"\nexpect = [{}]\n",
            "ref.toml:5:10: an expect needs a left or a right phrase",
        ),
        (
            "bad bound",
            "[[pair]]\nname = \"x\"\nleft = \"left.txt\"\nright = \"right.txt\"\nbounds = { echoes = { min = 3, max = 1 } }\n",
            "ref.toml:5:21: min 3 is above max 1",
        ),
        (
            "duplicate name",
            "[[pair]]\nname = \"x\"\nleft = \"left.txt\"\nright = \"right.txt\"\n[[pair]]\nname = \"x\"\nleft = \"left.txt\"\nright = \"right.txt\"\n",
            "ref.toml: two pairs are named \"x\"",
        ),
        (
            "no pairs",
            "ignore = [\"x\"]\n",
            "ref.toml: no [[pair]] tables",
        ),
        (
            "missing text",
            "[[pair]]\nname = \"x\"\nleft = \"left.txt\"\nright = \"nope.txt\"\n",
            "ref.toml: pair \"x\": ",
        ),
    ];
    for (name, reference, want) in cases {
        let f = Fixture::with_file(reference);
        let got = f.check(&[]);
        assert_eq!(got.0, 2, "case {name}: {}", got.2);
        assert!(
            got.2.contains(want),
            "case {name}: want {want:?} in\n{}",
            got.2
        );
        assert!(got.1.is_empty(), "case {name}: nothing on stdout");
        assert_eq!(got.2.lines().count(), 1, "case {name}: one line\n{}", got.2);
    }
}

#[test]
fn missing_text_file_names_its_path() {
    let f = Fixture::new("");
    fs::remove_file(f.path("right.txt")).expect("remove");
    let got = f.check(&[]);
    expect_code(&got, 2);
    let want = Path::new(&f.reference()).with_file_name("right.txt");
    assert!(
        got.2.contains(&format!("{}: cannot read", want.display())),
        "{}",
        got.2
    );
}

#[test]
fn unreadable_reference_and_baseline() {
    let got = run(bare_cmd().args(["check", "no/such/ref.toml"]));
    expect_code(&got, 2);
    assert!(got.2.contains("no/such/ref.toml: cannot read"), "{}", got.2);
    let f = Fixture::new("");
    let got = f.check(&["--baseline", "no/such/base.json"]);
    expect_code(&got, 2);
    assert!(
        got.2.contains("no/such/base.json: cannot read"),
        "{}",
        got.2
    );
    fs::write(f.path("base.json"), "{\n  \"pairs\": oops\n}\n").expect("write");
    let got = f.check(&["--baseline", &f.path("base.json").display().to_string()]);
    expect_code(&got, 2);
    assert!(
        got.2.contains("base.json: not a baseline: ") && got.2.contains("line 2"),
        "{}",
        got.2
    );
}

#[test]
fn output_is_the_same_twice() {
    let once = run(bare_cmd().args(["check", "data/reference/pairs.toml", "--format=json"]));
    let twice = run(bare_cmd().args(["check", "data/reference/pairs.toml", "--format=json"]));
    expect_code(&once, 0);
    assert_eq!(once.1, twice.1);
}

/// `data/reference/pairs.toml` keeps up with the `expect.tsv` files: every pair with one is
/// listed, each `echo` line is an `expect` and each `boilerplate` line a `forbid` within.
#[test]
fn dogfood_reference_matches_expect_tsv() {
    use echodiff::check::{Match, Reference};
    let text = fs::read_to_string(common::path("data/reference/pairs.toml")).expect("pairs.toml");
    let reference: Reference = toml::from_str(&text).expect("pairs.toml parses");
    let mut dirs: Vec<String> = fs::read_dir(common::path("data"))
        .expect("data/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("expect.tsv").is_file())
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    dirs.sort();
    let mut names: Vec<String> = reference.pairs.iter().map(|p| p.name.clone()).collect();
    names.sort();
    assert_eq!(names, dirs, "one pair per data/ folder with an expect.tsv");
    for pair in &reference.pairs {
        let tsv = fs::read_to_string(common::path(&format!("data/{}/expect.tsv", pair.name)))
            .expect("expect.tsv");
        for line in tsv
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let fields: Vec<&str> = line.split('\t').collect();
            let [kind, left, right] = fields[..] else {
                panic!("{}: bad line {line:?}", pair.name)
            };
            let same = |p: &echodiff::check::Phrases| {
                p.left.as_deref() == Some(left) && p.right.as_deref() == Some(right)
            };
            let listed = match kind {
                "echo" => pair.expect.iter().any(|x| same(&x.phrases)),
                "boilerplate" => pair
                    .forbid
                    .iter()
                    .any(|f| same(&f.phrases) && f.mode == Match::Within),
                _ => true,
            };
            assert!(listed, "{}: {line:?} is not in pairs.toml", pair.name);
        }
    }
}

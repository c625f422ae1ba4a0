//! Output of `echodiff check`: a human summary, JSON, or JUnit XML. Each renderer writes the
//! pairs in the order given (the reference file's) to a writer; nothing here reads files.

use super::baseline::{BaselineDiff, BaselineEcho};
use super::{EchoRef, Outcome, Verdict};
use crate::render::Xml;
use crate::text::Pair;
use serde::Serialize;
use std::io::{self, Write};

/// Version of the check JSON output.
pub const SCHEMA_VERSION: u32 = 1;

/// The result of checking one pair.
#[derive(Debug, Clone, PartialEq)]
pub struct PairResult {
    /// The pair's name.
    pub name: String,
    /// The labels of its two texts.
    pub labels: Pair<String>,
    /// Its expectations' outcomes.
    pub verdict: Verdict,
    /// Differences from the baseline, when one was given.
    pub baseline: Option<BaselineDiff>,
}

impl PairResult {
    /// True when every expectation holds and nothing differs from the baseline.
    pub fn passed(&self) -> bool {
        self.verdict.passed() && self.baseline.as_ref().is_none_or(BaselineDiff::is_empty)
    }
}

/// Human summary: a PASS/FAIL line per pair, each failure indented below with the nearest
/// echo, then a total line.
///
/// # Errors
/// Any error writing to `out`.
pub fn text(results: &[PairResult], tolerance: f64, out: &mut dyn Write) -> io::Result<()> {
    for r in results {
        let v = &r.verdict;
        let status = if r.passed() { "PASS" } else { "FAIL" };
        writeln!(
            out,
            "{status} {} ({} of {} expectations hold; {} echoes, {} ignored)",
            r.name,
            v.outcomes.len() - v.failures(),
            v.outcomes.len(),
            v.echoes,
            v.ignored
        )?;
        for o in &v.outcomes {
            if let Some(f) = &o.failure {
                writeln!(out, "  {} {}: {f}", o.kind.name(), o.description)?;
            }
        }
        if let Some(d) = &r.baseline {
            baseline_text(d, tolerance, out)?;
        }
    }
    let failed = results.iter().filter(|r| !r.passed()).count();
    writeln!(
        out,
        "{} pairs: {} passed, {failed} failed",
        results.len(),
        results.len() - failed
    )
}

fn baseline_text(d: &BaselineDiff, tolerance: f64, out: &mut dyn Write) -> io::Result<()> {
    if d.is_empty() {
        return Ok(());
    }
    let new = if d.new_pair {
        " (pair not in baseline)"
    } else {
        ""
    };
    writeln!(
        out,
        "  baseline{new}: {} gained, {} lost, {} moved more than {tolerance}",
        d.gained.len(),
        d.lost.len(),
        d.moved.len()
    )?;
    let show = |e: &BaselineEcho| format!("{:?} / {:?}", e.left, e.right);
    for e in &d.gained {
        writeln!(out, "    gained {:.3} {}", e.score, show(e))?;
    }
    for e in &d.lost {
        writeln!(out, "    lost   {:.3} {}", e.score, show(e))?;
    }
    for m in &d.moved {
        writeln!(
            out,
            "    moved  {:.3} -> {:.3} {}",
            m.before.score,
            m.after.score,
            show(&m.after)
        )?;
    }
    Ok(())
}

#[derive(Serialize)]
struct Doc<'a> {
    schema_version: u32,
    passed: bool,
    pairs: Vec<WirePair<'a>>,
}

#[derive(Serialize)]
struct WirePair<'a> {
    name: &'a str,
    labels: &'a Pair<String>,
    passed: bool,
    echoes: usize,
    ignored: usize,
    expectations: Vec<WireOutcome<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<WireBaseline<'a>>,
}

#[derive(Serialize)]
struct WireOutcome<'a> {
    kind: &'static str,
    description: &'a str,
    passed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    failure: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    echo: Option<WireEcho<'a>>,
}

#[derive(Serialize)]
struct WireEcho<'a> {
    left: &'a str,
    right: &'a str,
    score: f64,
}

#[derive(Serialize)]
struct WireBaseline<'a> {
    new_pair: bool,
    gained: &'a [BaselineEcho],
    lost: &'a [BaselineEcho],
    moved: Vec<WireMoved<'a>>,
}

#[derive(Serialize)]
struct WireMoved<'a> {
    left: &'a str,
    right: &'a str,
    before: f64,
    after: f64,
}

fn wire_echo(e: &EchoRef) -> WireEcho<'_> {
    WireEcho {
        left: &e.text.left,
        right: &e.text.right,
        score: super::round3(e.score),
    }
}

fn wire_outcome(o: &Outcome) -> WireOutcome<'_> {
    // the echo shown: the match for a pass, else the one the failure names
    let echo = match &o.failure {
        None => o.echo.as_ref(),
        Some(super::Failure::NotFound { nearest }) => nearest.as_ref(),
        Some(super::Failure::BelowScore { best }) => Some(best),
        Some(super::Failure::Forbidden { worst, .. }) => Some(worst),
        Some(_) => None,
    };
    WireOutcome {
        kind: o.kind.name(),
        description: &o.description,
        passed: o.failure.is_none(),
        failure: o.failure.as_ref().map(ToString::to_string),
        echo: echo.map(wire_echo),
    }
}

/// JSON: one document (format in `docs/check.md`), pretty-printed, ending with a newline.
///
/// # Errors
/// Any error writing to `out`.
pub fn json(results: &[PairResult], out: &mut dyn Write) -> io::Result<()> {
    let doc = Doc {
        schema_version: SCHEMA_VERSION,
        passed: results.iter().all(PairResult::passed),
        pairs: results
            .iter()
            .map(|r| WirePair {
                name: &r.name,
                labels: &r.labels,
                passed: r.passed(),
                echoes: r.verdict.echoes,
                ignored: r.verdict.ignored,
                expectations: r.verdict.outcomes.iter().map(wire_outcome).collect(),
                baseline: r.baseline.as_ref().map(|d| WireBaseline {
                    new_pair: d.new_pair,
                    gained: &d.gained,
                    lost: &d.lost,
                    moved: d
                        .moved
                        .iter()
                        .map(|m| WireMoved {
                            left: &m.after.left,
                            right: &m.after.right,
                            before: m.before.score,
                            after: m.after.score,
                        })
                        .collect(),
                }),
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::other)?;
    writeln!(out)
}

/// One JUnit test case: an expectation, or the baseline comparison of a pair.
struct Case {
    name: String,
    failure: Option<String>,
}

fn cases(r: &PairResult, tolerance: f64) -> io::Result<Vec<Case>> {
    let mut cases: Vec<Case> = r
        .verdict
        .outcomes
        .iter()
        .map(|o| Case {
            name: format!("{} {}", o.kind.name(), o.description),
            failure: o.failure.as_ref().map(ToString::to_string),
        })
        .collect();
    if let Some(d) = &r.baseline {
        let mut detail = Vec::new();
        baseline_text(d, tolerance, &mut detail)?;
        cases.push(Case {
            name: "baseline".to_string(),
            failure: (!d.is_empty()).then(|| String::from_utf8_lossy(&detail).trim().to_string()),
        });
    }
    Ok(cases)
}

/// JUnit XML: a test suite per pair, a test case per expectation (and one for the baseline).
///
/// # Errors
/// Any error writing to `out`.
pub fn junit(results: &[PairResult], tolerance: f64, out: &mut dyn Write) -> io::Result<()> {
    let suites: Vec<(&PairResult, Vec<Case>)> = results
        .iter()
        .map(|r| Ok((r, cases(r, tolerance)?)))
        .collect::<io::Result<_>>()?;
    let total: usize = suites.iter().map(|(_, c)| c.len()).sum();
    let failures = |c: &[Case]| c.iter().filter(|c| c.failure.is_some()).count();
    let failed: usize = suites.iter().map(|(_, c)| failures(c)).sum();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="echodiff check" tests="{total}" failures="{failed}">"#
    )?;
    for (r, cases) in &suites {
        writeln!(
            out,
            r#"  <testsuite name="{}" tests="{}" failures="{}">"#,
            Xml(&r.name),
            cases.len(),
            failures(cases)
        )?;
        for c in cases {
            let open = format!(
                r#"    <testcase classname="{}" name="{}""#,
                Xml(&r.name),
                Xml(&c.name)
            );
            match &c.failure {
                None => writeln!(out, "{open}/>")?,
                Some(f) => {
                    writeln!(out, "{open}>")?;
                    writeln!(
                        out,
                        r#"      <failure message="{}">{}</failure>"#,
                        Xml(f),
                        Xml(f)
                    )?;
                    writeln!(out, "    </testcase>")?;
                }
            }
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}

#[cfg(test)]
mod tests {
    use super::Xml;

    #[test]
    fn xml_escape() {
        let cases = [
            ("a & b", "a &amp; b"),
            ("<x y='1'>\"", "&lt;x y=&apos;1&apos;&gt;&quot;"),
            ("tab\there", "tab&#9;here"),
            ("bell\u{7}", "bell\u{FFFD}"),
            ("é “q”", "é “q”"),
        ];
        for (input, want) in cases {
            assert_eq!(Xml(input).to_string(), want, "case {input:?}");
        }
    }
}

//! PAN's per-pair XML: gold cases (`<feature name="plagiarism" .../>`) and detections
//! (`<feature name="detected-plagiarism" .../>`), one `<document reference="SUSP">` a pair,
//! offsets and lengths in characters.

use echodiff::render::Xml;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::corpus::DocPair;
use crate::measure::Reuse;

/// The features named `name` in the XML file at `path`, in file order.
///
/// # Errors
/// When the file is unreadable, is not XML, or a feature lacks an offset or length (the
/// message names the file).
pub fn read_features(path: &Path, name: &str) -> Result<Vec<Reuse>> {
    let text =
        fs::read_to_string(path).with_context(|| format!("{}: cannot read", path.display()))?;
    parse_features(&text, name).with_context(|| format!("{}: bad PAN XML", path.display()))
}

fn parse_features(text: &str, name: &str) -> Result<Vec<Reuse>> {
    let doc = roxmltree::Document::parse(text)?;
    let mut out = Vec::new();
    for node in doc.descendants() {
        if !node.has_tag_name("feature") || node.attribute("name") != Some(name) {
            continue;
        }
        let number = |attr: &str| -> Result<usize> {
            let pos = doc.text_pos_at(node.range().start);
            let value = node
                .attribute(attr)
                .with_context(|| format!("line {}: feature without {attr}", pos.row))?;
            value
                .trim()
                .parse()
                .with_context(|| format!("line {}: {attr}={value:?} is not a count", pos.row))
        };
        out.push(Reuse::from_lengths(
            (number("this_offset")?, number("this_length")?),
            (number("source_offset")?, number("source_length")?),
        ));
    }
    Ok(out)
}

/// The PAN detection XML of `pair`: one `detected-plagiarism` feature per detection.
pub fn detections_xml(pair: &DocPair, detections: &[Reuse]) -> String {
    let mut out = format!("<document reference=\"{}\">\n", Xml(&pair.susp));
    for d in detections {
        // writing to a String cannot fail
        let _ = writeln!(
            out,
            "<feature name=\"detected-plagiarism\" this_offset=\"{}\" this_length=\"{}\" \
             source_reference=\"{}\" source_offset=\"{}\" source_length=\"{}\"/>",
            d.susp.start,
            d.susp.len(),
            Xml(&pair.src),
            d.src.start,
            d.src.len()
        );
    }
    out.push_str("</document>\n");
    out
}

/// Write the detection XML of every pair into `dir` (created if missing), one file a pair
/// named as the gold file.
///
/// # Errors
/// When the folder cannot be created or a file cannot be written (the message names it).
pub fn write_all<'a>(
    dir: &Path,
    pairs: impl IntoIterator<Item = (&'a DocPair, &'a [Reuse])>,
) -> Result<()> {
    fs::create_dir_all(dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    for (pair, detections) in pairs {
        let path = dir.join(pair.xml_name());
        if path.is_dir() {
            bail!("{}: is a folder", path.display());
        }
        fs::write(&path, detections_xml(pair, detections))
            .with_context(|| format!("{}: cannot write", path.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detections_read_back() {
        let pair = DocPair {
            susp: "suspicious-document00005.txt".into(),
            src: "source-document01090.txt".into(),
        };
        let dets = [
            Reuse::from_lengths((3593, 698), (1300, 698)),
            Reuse::from_lengths((10, 5), (0, 7)),
        ];
        let xml = detections_xml(&pair, &dets);
        assert_eq!(
            xml.lines().nth(1),
            Some(
                "<feature name=\"detected-plagiarism\" this_offset=\"3593\" this_length=\"698\" \
                 source_reference=\"source-document01090.txt\" source_offset=\"1300\" \
                 source_length=\"698\"/>"
            )
        );
        assert_eq!(
            parse_features(&xml, "detected-plagiarism").ok(),
            Some(dets.to_vec())
        );
        assert_eq!(parse_features(&xml, "plagiarism").ok(), Some(vec![]));
    }

    #[test]
    fn gold_features_and_errors() {
        let gold = r#"<document reference="s.txt">
<feature name="about" authors="x"/>
<feature name="plagiarism" obfuscation="none" source_length="698" source_offset="1300" source_reference="r.txt" this_length="690" this_offset="3593" type="artificial" />
</document>"#;
        assert_eq!(
            parse_features(gold, "plagiarism").ok(),
            Some(vec![Reuse::from_lengths((3593, 690), (1300, 698))])
        );
        let missing = r#"<document><feature name="plagiarism" this_offset="1"/></document>"#;
        let err = parse_features(missing, "plagiarism")
            .err()
            .map(|e| e.to_string());
        assert_eq!(err.as_deref(), Some("line 1: feature without this_length"));
        assert!(parse_features("<document", "plagiarism").is_err());
    }

    #[test]
    fn names_are_escaped() {
        let pair = DocPair {
            susp: "a&b\".txt".into(),
            src: "<c>.txt".into(),
        };
        let xml = detections_xml(&pair, &[Reuse::from_lengths((0, 1), (0, 1))]);
        assert!(xml.starts_with("<document reference=\"a&amp;b&quot;.txt\">"));
        assert!(xml.contains("source_reference=\"&lt;c&gt;.txt\""));
    }
}

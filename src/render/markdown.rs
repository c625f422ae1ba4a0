//! Markdown output (GitHub flavoured) for pull requests and notes: the summary, the ranked
//! echoes as a table, the reused passages (their heads, with changed words marked), the
//! aligned statements with changed words marked (~~dropped~~, **added**), and the rhetoric of
//! each side.
//!
//! Input text goes through [`Escape`]: Markdown punctuation is backslash-escaped, `<`, `>` and
//! `&` become entities, and line breaks become spaces, so a text holding `|`, `*`, `_`,
//! backticks or markup renders as itself, inside a table cell too.

// Input path (issue 6): no indexing that input could push out of range.
#![cfg_attr(not(test), warn(clippy::indexing_slicing))]

use super::pieces::{diff_brief, diff_pieces, excerpt, flat, name_of, words};
use crate::diff::{Change, DiffSegment};
use crate::report::{Echo, Report};
use crate::score::Polarity;
use crate::text::{Pair, Side, Span};
use std::fmt;
use std::io::{self, Write};

/// Text escaped for Markdown inline content (a paragraph, a list item or a table cell).
///
/// ```
/// use echodiff::render::markdown::Escape;
/// assert_eq!(Escape("a|b *c* <x>").to_string(), r"a\|b \*c\* &lt;x&gt;");
/// ```
pub struct Escape<'a>(pub &'a str);

impl fmt::Display for Escape<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut space = false;
        for c in self.0.chars() {
            if c.is_whitespace() {
                space = true;
                continue;
            }
            if space {
                f.write_str(" ")?;
                space = false;
            }
            match c {
                '<' => f.write_str("&lt;")?,
                '>' => f.write_str("&gt;")?,
                '&' => f.write_str("&amp;")?,
                // `@` too: GitHub turns `@name` into a mention
                // `.`, `-` and `+` too: they start a list at the start of a line
                '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '+' | '-' | '.' | '!' | '|' | '~'
                | '@' | '$' => write!(f, "\\{c}")?,
                _ => write!(f, "{c}")?,
            }
        }
        if space {
            f.write_str(" ")?;
        }
        Ok(())
    }
}

/// Render the report as Markdown.
///
/// # Errors
/// Any error writing to `out`.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    summary(report, out)?;
    echoes(report, out)?;
    passages(report, out)?;
    alignments(report, out)?;
    if report.options.compare_rhetoric {
        rhetoric(report, out)?;
    }
    Ok(())
}

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

fn summary(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let s = &report.summary;
    let (l, r) = (
        Escape(&report.texts.left.label),
        Escape(&report.texts.right.label),
    );
    writeln!(out, "## echodiff: {l} \u{2192} {r}\n")?;
    writeln!(
        out,
        "{} echoes (score \u{2265} {:.2}), {} polarity flips, {} aligned statement pairs{}.\n",
        s.echoes,
        report.options.min_score,
        s.polarity_flips,
        s.alignments,
        super::left_out_note(s)
    )?;
    writeln!(out, "| Side | Words | Sentences | Mirrored |")?;
    writeln!(out, "|---|---:|---:|---:|")?;
    writeln!(
        out,
        "| {l} | {} | {} | {} |",
        s.words.left,
        s.sentences.left,
        pct(s.mirrored.left)
    )?;
    writeln!(
        out,
        "| {r} | {} | {} | {} |\n",
        s.words.right,
        s.sentences.right,
        pct(s.mirrored.right)
    )
}

/// `span` of `side` with the words the diff changes on that side marked: ~~dropped~~ on the
/// left, **added** on the right.
fn marked(report: &Report, side: Side, span: Span, diff: &[DiffSegment]) -> String {
    let mut s = String::new();
    for (piece, change) in diff_pieces(diff, side, span) {
        let text = Escape(report.slice(side, piece)).to_string();
        let mark = if side == Side::Left { "~~" } else { "**" };
        match change {
            // markers must touch the words they wrap, or GitHub leaves them as text
            Some(_) if !text.trim().is_empty() => {
                let t = text.trim();
                let (lead, trail) = (
                    &text[..text.len() - text.trim_start().len()],
                    &text[text.trim_end().len()..],
                );
                s.push_str(&format!("{lead}{mark}{t}{mark}{trail}"));
            }
            _ => s.push_str(&text),
        }
    }
    s
}

fn edits(report: &Report, e: &Echo) -> String {
    let parts: Vec<String> = e
        .edits
        .iter()
        .filter_map(|edit| {
            let l = edit
                .left
                .map(|s| Escape(report.slice(Side::Left, s)).to_string());
            let r = edit
                .right
                .map(|s| Escape(report.slice(Side::Right, s)).to_string());
            Some(match (edit.change, l, r) {
                (Change::Inflected, Some(l), Some(r)) => format!("~~{l}~~ \u{2192} **{r}** (form)"),
                (_, Some(l), Some(r)) => format!("~~{l}~~ \u{2192} **{r}**"),
                (_, None, Some(r)) => format!("**{r}** added"),
                (_, Some(l), None) => format!("~~{l}~~ dropped"),
                (_, None, None) => return None,
            })
        })
        .collect();
    if parts.is_empty() {
        "no words changed".to_string()
    } else {
        parts.join("; ")
    }
}

fn echoes(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "### Echoes, ranked by score (phrases, then whole statements)\n"
    )?;
    if report.echoes.is_empty() {
        return writeln!(out, "No echoes at this threshold.\n");
    }
    writeln!(
        out,
        "| # | Score | Kind | {} | {} | What changed | Lev. / J-W / Dice |",
        Escape(&report.texts.left.label),
        Escape(&report.texts.right.label)
    )?;
    writeln!(out, "|---:|---:|---|---|---|---|---|")?;
    super::write_in_order(out, &report.echoes, |k, e, out| {
        let kind = match e.polarity {
            Polarity::Same => super::pieces::kind_label(e),
            p => format!("{}, polarity {}", super::pieces::kind_label(e), name_of(p)),
        };
        // a comparison run without string measures (`Options::string_measures`) shows a dash
        let measures = e.metrics.as_ref().map_or_else(
            || "\u{2013}".to_string(),
            |m| {
                format!(
                    "{:.2} / {:.2} / {:.2}",
                    m.levenshtein, m.jaro_winkler, m.sorensen_dice
                )
            },
        );
        writeln!(
            out,
            "| {} | {:.2} | {kind} | {} | {} | {} | {measures} |",
            k + 1,
            e.score,
            marked(report, Side::Left, e.places.left.span, &e.diff),
            marked(report, Side::Right, e.places.right.span, &e.diff),
            edits(report, e),
        )
    })?;
    writeln!(out)
}

/// Bytes of each side of a passage shown (about 60 words): Markdown is read in a pull request.
const PASSAGE_SHOWN: usize = 400;

fn passages(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    if report.passages.is_empty() {
        return Ok(());
    }
    writeln!(out, "### Reused passages\n")?;
    writeln!(
        out,
        "Stretches the right text reuses from the left as a unit, found from the similarity of \
         their sentences; long passages are cut after about {PASSAGE_SHOWN} characters a side.\n"
    )?;
    let labels = report.texts.as_ref().map(|t| Escape(&t.label).to_string());
    for (k, (p, diff)) in report.passages_with_diffs().enumerate() {
        let echoes = match p.echoes.len() {
            0 => "no single echo".to_string(),
            1 => "1 echo".to_string(),
            n => format!("{n} echoes"),
        };
        let place = |side: Side| {
            let base = report.input_offsets[side];
            format!(
                "{} bytes {}\u{2013}{} ({} words)",
                labels[side],
                base + p.spans[side].start,
                base + p.spans[side].end,
                words(report, side, p.spans[side])
            )
        };
        writeln!(
            out,
            "{}. Score {:.2}, {echoes}. {}; {}. Words: {}.",
            k + 1,
            p.score,
            place(Side::Left),
            place(Side::Right),
            diff_brief(diff)
        )?;
        let ex = excerpt(report, p.spans, diff, PASSAGE_SHOWN);
        // a nested list lines up with the item's text, whatever the number's width
        let indent = " ".repeat(format!("{}. ", k + 1).len());
        for side in Side::BOTH {
            let more = match ex.hidden[side] {
                0 => String::new(),
                1 => " \u{2026} *(and 1 more word)*".to_string(),
                n => format!(" \u{2026} *(and {n} more words)*"),
            };
            writeln!(
                out,
                "{indent}- {}: {}{more}",
                labels[side],
                marked(report, side, ex.shown[side], diff)
            )?;
        }
    }
    writeln!(out)
}

fn alignments(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "### Aligned statements\n")?;
    if report.alignments.is_empty() {
        return writeln!(out, "No statements align.\n");
    }
    super::write_alignments(out, report, |a, statements, out| {
        let Pair {
            left: ls,
            right: rs,
        } = statements;
        writeln!(
            out,
            "- left #{} \u{2194} right #{} (score {:.2})\n  - {}\n  - {}",
            a.statements.left + 1,
            a.statements.right + 1,
            a.score,
            marked(report, Side::Left, ls.span, &a.diff),
            marked(report, Side::Right, rs.span, &a.diff)
        )
    })?;
    writeln!(out)
}

fn rhetoric(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let rh = &report.rhetoric;
    writeln!(out, "### Rhetoric of each side\n")?;
    writeln!(
        out,
        "Distinctive words and phrases, by the log-odds ratio with an informative Dirichlet prior \
         (Monroe, Colaresi & Quinn, \u{201c}Fightin\u{2019} Words\u{201d}, 2008; \u{3b1}0 = {:.0}, floor {:.2}).\n",
        rh.prior_total, rh.prior_floor
    )?;
    for side in Side::BOTH {
        let label = Escape(&report.texts[side].label);
        writeln!(
            out,
            "**{label}**, {} {}.\n",
            pct(report.summary.mirrored[side]),
            super::pieces::mirrored_phrase(side)
        )?;
        if rh.distinctive[side].is_empty() {
            writeln!(out, "Distinctive: none.\n")?;
        } else {
            writeln!(
                out,
                "| Distinctive | Here | There | Log-odds | z |\n|---|---:|---:|---:|---:|"
            )?;
            for t in &rh.distinctive[side] {
                writeln!(
                    out,
                    "| {} | {} | {} | {:.2} | {:.2} |",
                    Escape(&flat(report.slice(side, t.span))),
                    t.counts[side],
                    t.counts[side.other()],
                    t.log_odds,
                    t.z
                )?;
            }
            writeln!(out)?;
        }
        let repeats: Vec<String> = rh.repeated[side]
            .iter()
            .map(|r| format!("{} (\u{d7}{})", Escape(report.slice(side, r.span)), r.count))
            .collect();
        let repeats = if repeats.is_empty() {
            "none".to_string()
        } else {
            repeats.join(", ")
        };
        writeln!(out, "Repeated: {repeats}.\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Options, Text, compare};

    #[test]
    fn escape_table() {
        let cases = [
            ("plain words", "plain words"),
            ("a | b", r"a \| b"),
            ("*bold* _it_ `code`", r"\*bold\* \_it\_ \`code\`"),
            (
                "<script>alert(1)</script>",
                r"&lt;script&gt;alert(1)&lt;/script&gt;",
            ),
            ("[link](x)", r"\[link\](x)"),
            ("two\nlines", "two lines"),
            ("@user", r"\@user"),
        ];
        for (input, want) in cases {
            assert_eq!(Escape(input).to_string(), want, "case {input:?}");
        }
    }

    #[test]
    fn hostile_input_stays_text() {
        let left = "We reject | the *new* `plan` <script>alert(1)</script> and \"><img src=x onerror=alert(1)> firmly.";
        let right = "They reject | the *new* `plan` <script>alert(1)</script> and \"><img src=x onerror=alert(1)> entirely.";
        let r = compare(
            Text::new("a|b", left),
            Text::new("c*d", right),
            &Options::default(),
        );
        let mut buf = Vec::new();
        render(&r, &mut buf).expect("writing to a Vec cannot fail");
        let md = String::from_utf8(buf).expect("UTF-8");
        assert!(!md.contains("<script>") && !md.contains("<img"), "{md}");
        assert!(!md.contains("`plan`") && !md.contains("*new*"), "{md}");
        // every table row keeps its column count: no unescaped | from the input
        for line in md.lines().filter(|l| l.starts_with("| ")) {
            let cells = line.replace(r"\|", "").matches('|').count();
            assert!(cells >= 3, "{line}");
        }
        assert!(md.contains(r"a\|b"));
    }

    fn markdown(left: &str, right: &str) -> String {
        let r = compare(
            Text::new("l|1", left),
            Text::new("r*2", right),
            &Options::default(),
        );
        assert!(!r.passages.is_empty(), "the test needs a passage");
        let mut buf = Vec::new();
        render(&r, &mut buf).expect("writing to a Vec cannot fail");
        String::from_utf8(buf).expect("UTF-8")
    }

    fn section(md: &str) -> &str {
        let a = md.find("### Reused passages").expect("a passage section");
        let b = a + md[a..].find("### Aligned").expect("alignments follow");
        &md[a..b]
    }

    #[test]
    fn hostile_text_in_a_passage_stays_text() {
        let inject = "| *x* `y` <script>alert(1)</script> [z](http://e) @who";
        let left = format!(
            "Our inspectors found that the mooring lines had been inspected on schedule and that the crew \
             followed every procedure {inject} laid down in the port manual. We reject any suggestion that the \
             staff acted carelessly, and we will publish the full findings of the inquiry."
        );
        let right = format!(
            "Our engineers found that the sea wall had been inspected on schedule and that the night crew \
             followed each procedure {inject} set down in the port manual. We firmly reject any claim that the \
             staff acted carelessly, and we shall publish the complete findings of the inquiry."
        );
        let md = markdown(&left, &right);
        let passages = section(&md);
        assert!(
            passages.contains(
                r"\| \*x\* \`y\` &lt;script&gt;alert(1)&lt;/script&gt; \[z\](http://e) \@who"
            ),
            "{passages}"
        );
        assert!(
            passages.contains(r"l\|1") && passages.contains(r"r\*2"),
            "{passages}"
        );
        assert!(!md.contains("<script>"), "{md}");
    }

    #[test]
    fn a_long_passage_is_cut() {
        let (l, r) = crate::render::pieces::tests::long_reuse(3000);
        let md = markdown(&l, &r);
        let passages = section(&md);
        assert!(passages.contains("more words)*"), "{passages}");
        assert!(passages.len() < 4 * PASSAGE_SHOWN, "{passages}");
        // every line of an item belongs to its list: the number, then the two indented sides
        let items: Vec<&str> = passages.lines().filter(|l| !l.is_empty()).skip(2).collect();
        assert_eq!(items.len(), 3, "{passages}");
        assert!(items[0].starts_with("1. Score "));
        assert!(items[1].starts_with("   - l") && items[2].starts_with("   - r"));
    }
}

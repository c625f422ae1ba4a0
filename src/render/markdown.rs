//! Markdown output (GitHub flavoured) for pull requests and notes: the summary, the ranked
//! echoes as a table, the aligned statements with changed words marked (~~dropped~~,
//! **added**), and the rhetoric of each side.
//!
//! Input text goes through [`Escape`]: Markdown punctuation is backslash-escaped, `<`, `>` and
//! `&` become entities, and line breaks become spaces, so a text holding `|`, `*`, `_`,
//! backticks or markup renders as itself, inside a table cell too.

// Input path (issue 6): no indexing that input could push out of range.
#![cfg_attr(not(test), warn(clippy::indexing_slicing))]

use super::pieces::{diff_pieces, flat, name_of};
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
    alignments(report, out)?;
    rhetoric(report, out)
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
        super::ignored_note(s.ignored)
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
    writeln!(out, "### Echoes, ranked by score\n")?;
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
    for (k, e) in report.echoes.iter().enumerate() {
        let kind = match e.polarity {
            Polarity::Same => name_of(e.kind),
            p => format!("{}, polarity {}", name_of(e.kind), name_of(p)),
        };
        let m = &e.metrics;
        writeln!(
            out,
            "| {} | {:.2} | {kind} | {} | {} | {} | {:.2} / {:.2} / {:.2} |",
            k + 1,
            e.score,
            marked(report, Side::Left, e.places.left.span, &e.diff),
            marked(report, Side::Right, e.places.right.span, &e.diff),
            edits(report, e),
            m.levenshtein,
            m.jaro_winkler,
            m.sorensen_dice
        )?;
    }
    writeln!(out)
}

fn alignments(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "### Aligned statements\n")?;
    if report.alignments.is_empty() {
        return writeln!(out, "No statements align.\n");
    }
    for (
        a,
        Pair {
            left: ls,
            right: rs,
        },
    ) in report.aligned_statements()
    {
        writeln!(
            out,
            "- left #{} \u{2194} right #{} (score {:.2})\n  - {}\n  - {}",
            a.statements.left + 1,
            a.statements.right + 1,
            a.score,
            marked(report, Side::Left, ls.span, &a.diff),
            marked(report, Side::Right, rs.span, &a.diff)
        )?;
    }
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
            "**{label}**, {} mirrors the other side.\n",
            pct(report.summary.mirrored[side])
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
}

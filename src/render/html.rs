//! HTML output: one self-contained page (stylesheet and script inline, nothing loaded from the
//! network) with the two texts side by side and every echo and reused passage highlighted in
//! both, the ranked echoes, the passages with their word diffs, the aligned statements with
//! word diffs, and the rhetoric of each side with an inline SVG chart.
//!
//! Every piece of input text (texts and labels) goes through [`Escape`], so a text holding
//! markup is shown as text. Classes are prefixed `ed-`. Echoes are linked by `data-echo` ids
//! (`e1` is the echo ranked first): a highlighted piece lists every echo covering it, since
//! echoes may overlap or nest on one side. Passages are linked by `data-passage` ids (`p1`)
//! and by plain anchors both ways: a passage's tag in each text (`#ed-p1-left`,
//! `#ed-p1-right`) leads to its entry in the passage section (`#ed-p1`), whose links lead
//! back. A long passage's entry is collapsed and shows only the head of its diff, so the page
//! does not hold a long passage twice over. The script adds hover/click linking and a score
//! threshold slider; without it the page is complete, only static.

// Input path (issue 6): no indexing that input could push out of range.
#![cfg_attr(not(test), warn(clippy::indexing_slicing))]

use super::pieces::{
    Excerpt, band, diff_brief, diff_pieces, excerpt, flat, mirrored_phrase, name_of, text_pieces,
    words,
};
use crate::diff::Change;
use crate::passages::Passage;
use crate::report::{Echo, Report};
use crate::rhetoric::{Repeat, Term};
use crate::score::Polarity;
use crate::text::{Pair, Side, Span};
use std::fmt;
use std::io::{self, Write};

const STYLE: &str = include_str!("html/style.css");
const SCRIPT: &str = include_str!("html/script.js");

/// Text escaped for HTML content and attribute values (`&`, `<`, `>`, `"`, `'`).
///
/// ```
/// use echodiff::render::html::Escape;
/// assert_eq!(Escape("\"><img onerror=x>").to_string(), "&quot;&gt;&lt;img onerror=x&gt;");
/// ```
pub struct Escape<'a>(pub &'a str);

impl fmt::Display for Escape<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut last = 0;
        for (i, c) in self.0.char_indices() {
            let rep = match c {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => continue,
            };
            f.write_str(&self.0[last..i])?;
            f.write_str(rep)?;
            last = i + c.len_utf8();
        }
        f.write_str(&self.0[last..])
    }
}

fn side_name(side: Side) -> &'static str {
    match side {
        Side::Left => "left",
        Side::Right => "right",
    }
}

/// Render the report as one HTML document.
///
/// # Errors
/// Any error writing to `out`.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let labels = report.texts.as_ref().map(|t| t.label.as_str());
    writeln!(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>")?;
    writeln!(out, "<meta charset=\"utf-8\">")?;
    // nothing may load from anywhere: the page is self-contained by construction
    writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
    )?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    writeln!(
        out,
        "<title>echodiff: {} \u{2192} {}</title>",
        Escape(labels.left),
        Escape(labels.right)
    )?;
    writeln!(
        out,
        "<style>\n{STYLE}</style>\n</head>\n<body class=\"ed-page\">"
    )?;
    header(report, out)?;
    writeln!(out, "<main>")?;
    texts(report, out)?;
    echo_table(report, out)?;
    passages(report, out)?;
    alignments(report, out)?;
    if report.options.compare_rhetoric {
        rhetoric(report, out)?;
    }
    writeln!(out, "</main>")?;
    writeln!(
        out,
        "<footer class=\"ed-footer\">echodiff {}</footer>",
        env!("CARGO_PKG_VERSION")
    )?;
    writeln!(out, "<script>\n{SCRIPT}</script>\n</body>\n</html>")
}

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

fn header(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let s = &report.summary;
    let labels = report.texts.as_ref().map(|t| t.label.as_str());
    writeln!(out, "<header class=\"ed-header\">")?;
    writeln!(
        out,
        "<h1><span class=\"ed-side-left\">{}</span> \u{2192} <span class=\"ed-side-right\">{}</span></h1>",
        Escape(labels.left),
        Escape(labels.right)
    )?;
    writeln!(
        out,
        "<p class=\"ed-summary\">{} echoes (score \u{2265} {:.2}), {} polarity flips, {} aligned statement pairs{}. \
         {}: {} words, {} {}. {}: {} words, {} {}.</p>",
        s.echoes,
        report.options.min_score,
        s.polarity_flips,
        s.alignments,
        super::left_out_note(s),
        Escape(labels.left),
        s.words.left,
        pct(s.mirrored.left),
        mirrored_phrase(Side::Left),
        Escape(labels.right),
        s.words.right,
        pct(s.mirrored.right),
        mirrored_phrase(Side::Right)
    )?;
    controls(report, out)?;
    legend(!report.passages.is_empty(), out)?;
    writeln!(out, "</header>")
}

fn controls(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let min = report.options.min_score;
    writeln!(out, "<div class=\"ed-controls\">")?;
    writeln!(
        out,
        "<label for=\"ed-threshold\">Show echoes scoring at least <output id=\"ed-threshold-value\" for=\"ed-threshold\">{min:.2}</output></label>"
    )?;
    writeln!(
        out,
        "<input type=\"range\" id=\"ed-threshold\" min=\"{min:.2}\" max=\"1\" step=\"0.01\" value=\"{min:.2}\">"
    )?;
    writeln!(
        out,
        "<span class=\"ed-count\"><span id=\"ed-visible\">{}</span> of {} shown</span>",
        report.echoes.len(),
        report.echoes.len()
    )?;
    writeln!(out, "</div>")
}

fn legend(with_passages: bool, out: &mut dyn Write) -> io::Result<()> {
    let passage = if with_passages {
        "<dt><span class=\"ed-ptag\">P1</span><span class=\"ed-psg\">passage</span><span class=\"ed-ptag ed-pend\">/P1</span></dt>\
         <dd>a reused passage (tinted, dotted overline) from P1 to /P1; click P1 for its word diff</dd>\n"
    } else {
        ""
    };
    writeln!(
        out,
        "<dl class=\"ed-legend\" aria-label=\"Legend\">\n\
         <dt><mark class=\"ed-echo ed-b1\">echo</mark> <mark class=\"ed-echo ed-b2\">0.6</mark> <mark class=\"ed-echo ed-b3\">0.7</mark> <mark class=\"ed-echo ed-b4\">0.8+</mark></dt>\
         <dd>an echo, underlined and shaded darker the higher its score; <span class=\"ed-tag\">1</span> marks where echo 1 starts</dd>\n\
         <dt><mark class=\"ed-echo ed-b2 ed-multi\">nested</mark></dt><dd>inside more than one echo (double underline)</dd>\n\
         <dt><mark class=\"ed-echo ed-b2 ed-flip\">flipped</mark></dt><dd>polarity flip: one side negated (wavy underline)</dd>\n\
         {passage}<dt><del class=\"ed-del\">dropped</del> <ins class=\"ed-ins\">added</ins> <del class=\"ed-del ed-infl\">form</del></dt>\
         <dd>words only on the left (struck through), only on the right (underlined), or in another form (dotted)</dd>\n\
         </dl>"
    )
}

fn texts(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "<section class=\"ed-texts\" id=\"ed-texts\" aria-label=\"The two texts\">"
    )?;
    for side in Side::BOTH {
        let name = side_name(side);
        writeln!(
            out,
            "<article class=\"ed-column ed-column-{name}\">\n<h2 class=\"ed-side-{name}\">{}</h2>",
            Escape(&report.texts[side].label)
        )?;
        write!(out, "<div class=\"ed-text\" id=\"ed-text-{name}\">")?;
        side_text(report, side, out)?;
        writeln!(out, "</div>\n</article>")?;
    }
    writeln!(out, "</section>")
}

fn ids_attr(ids: &[usize]) -> String {
    ids.iter()
        .map(|i| format!("e{}", i + 1))
        .collect::<Vec<_>>()
        .join(" ")
}

fn passage_ids(ids: &[usize]) -> String {
    ids.iter()
        .map(|i| format!("p{}", i + 1))
        .collect::<Vec<_>>()
        .join(" ")
}

/// One side's text: its pieces with their echo marks, inside one wrapper per run of pieces
/// in the same passages (a tag where a passage starts, another where it ends).
fn side_text(report: &Report, side: Side, out: &mut dyn Write) -> io::Result<()> {
    let name = side_name(side);
    let at = |k: usize| report.passages.get(k).map(|p| p.spans[side]);
    let mut open: Vec<usize> = Vec::new();
    let close = |open: &[usize], pos: usize, out: &mut dyn Write| -> io::Result<()> {
        if open.is_empty() {
            return Ok(());
        }
        write!(out, "</span>")?;
        for &k in open {
            if at(k).is_some_and(|s| s.end == pos) {
                write!(
                    out,
                    "<span class=\"ed-ptag ed-pend\" aria-hidden=\"true\">/P{}</span>",
                    k + 1
                )?;
            }
        }
        Ok(())
    };
    for piece in text_pieces(report, side) {
        if piece.passages != open {
            close(&open, piece.span.start, out)?;
            for &k in &piece.passages {
                if at(k).is_some_and(|s| s.start == piece.span.start) {
                    write!(
                        out,
                        "<a class=\"ed-ptag\" id=\"ed-p{0}-{name}\" href=\"#ed-p{0}\" data-passage=\"p{0}\" \
                         title=\"passage {0}: its word diff in Reused passages\">P{0}</a>",
                        k + 1
                    )?;
                }
            }
            if !piece.passages.is_empty() {
                write!(
                    out,
                    "<span class=\"ed-psg\" data-passage=\"{}\">",
                    passage_ids(&piece.passages)
                )?;
            }
            open = piece.passages;
        }
        text_piece(report, side, piece.span, &piece.echoes, out)?;
    }
    close(&open, report.texts[side].original.len(), out)
}

fn text_piece(
    report: &Report,
    side: Side,
    span: Span,
    ids: &[usize],
    out: &mut dyn Write,
) -> io::Result<()> {
    let text = Escape(report.slice(side, span));
    if ids.is_empty() {
        return write!(out, "{text}");
    }
    let echoes: Vec<&Echo> = ids.iter().filter_map(|&i| report.echoes.get(i)).collect();
    for &i in ids {
        if report
            .echoes
            .get(i)
            .is_some_and(|e| e.places[side].span.start == span.start)
        {
            write!(
                out,
                "<span class=\"ed-tag\" data-echo=\"e{0}\" aria-hidden=\"true\">{0}</span>",
                i + 1
            )?;
        }
    }
    let best = echoes.iter().map(|e| e.score).fold(0.0, f64::max);
    let mut class = format!("ed-echo ed-b{}", band(best));
    if ids.len() > 1 {
        class.push_str(" ed-multi");
    }
    if echoes.iter().any(|e| e.polarity != Polarity::Same) {
        class.push_str(" ed-flip");
    }
    let ranks: Vec<String> = ids.iter().map(|i| (i + 1).to_string()).collect();
    write!(
        out,
        "<mark class=\"{class}\" data-echo=\"{}\" tabindex=\"0\" title=\"echo {} (score {best:.2})\">{text}</mark>",
        ids_attr(ids),
        ranks.join(", ")
    )
}

/// `span` of `side` with the words the diff changes on that side marked.
fn marked(
    report: &Report,
    side: Side,
    span: Span,
    diff: &[crate::diff::DiffSegment],
    out: &mut dyn Write,
) -> io::Result<()> {
    for (piece, change) in diff_pieces(diff, side, span) {
        let text = Escape(report.slice(side, piece));
        let tag = if side == Side::Left { "del" } else { "ins" };
        match change {
            None => write!(out, "{text}")?,
            Some(Change::Inflected) => {
                write!(out, "<{tag} class=\"ed-{tag} ed-infl\">{text}</{tag}>")?
            }
            Some(_) => write!(out, "<{tag} class=\"ed-{tag}\">{text}</{tag}>")?,
        }
    }
    Ok(())
}

fn echo_table(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "<section class=\"ed-echoes\" id=\"ed-echoes\">\n<h2>Echoes, ranked by score (phrases, then whole statements)</h2>"
    )?;
    if report.echoes.is_empty() {
        return writeln!(out, "<p>No echoes at this threshold.</p>\n</section>");
    }
    let labels = report.texts.as_ref().map(|t| t.label.as_str());
    writeln!(
        out,
        "<div class=\"ed-scroll\"><table class=\"ed-table\">\n<thead><tr><th scope=\"col\">#</th><th scope=\"col\">Score</th><th scope=\"col\">Kind</th>\
         <th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">What changed</th><th scope=\"col\">Similarity</th></tr></thead>\n<tbody>",
        Escape(labels.left),
        Escape(labels.right)
    )?;
    super::write_in_order(out, &report.echoes, |k, e, out| echo_row(report, k, e, out))?;
    writeln!(out, "</tbody></table></div>\n</section>")
}

fn echo_row(report: &Report, k: usize, e: &Echo, out: &mut dyn Write) -> io::Result<()> {
    let flip = match e.polarity {
        Polarity::Same => String::new(),
        p => format!(
            "<br><span class=\"ed-flag\">polarity: {}</span>",
            name_of(p)
        ),
    };
    write!(
        out,
        "<tr class=\"ed-row\" data-echo=\"e{0}\" data-score=\"{1:.3}\" tabindex=\"0\"><td>{0}</td>\
         <td class=\"ed-num\"><span class=\"ed-bar\" style=\"width:{2:.0}%\"></span>{1:.2}</td><td class=\"ed-kind\">{3}{flip}</td>",
        k + 1,
        e.score,
        e.score * 100.0,
        super::pieces::kind_label(e)
    )?;
    for side in Side::BOTH {
        write!(out, "<td class=\"ed-phrase\">")?;
        marked(report, side, e.places[side].span, &e.diff, out)?;
        write!(out, "</td>")?;
    }
    write!(out, "<td>")?;
    edits(report, e, out)?;
    match &e.metrics {
        Some(m) => writeln!(
            out,
            "</td><td class=\"ed-metrics\">Levenshtein {:.2}<br>Jaro-Winkler {:.2}<br>S\u{f8}rensen-Dice {:.2}<br>word overlap {:.2}</td></tr>",
            m.levenshtein, m.jaro_winkler, m.sorensen_dice, m.token_overlap
        ),
        // a comparison run without string measures (`Options::string_measures`)
        None => writeln!(out, "</td><td class=\"ed-metrics\">\u{2013}</td></tr>"),
    }
}

fn edits(report: &Report, e: &Echo, out: &mut dyn Write) -> io::Result<()> {
    if e.edits.is_empty() {
        return write!(out, "no words changed");
    }
    write!(out, "<ul class=\"ed-edits\">")?;
    for edit in &e.edits {
        let l = edit.left.map(|s| flat(report.slice(Side::Left, s)));
        let r = edit.right.map(|s| flat(report.slice(Side::Right, s)));
        let (l, r) = (l.as_deref().map(Escape), r.as_deref().map(Escape));
        match (edit.change, l, r) {
            (Change::Inflected, Some(l), Some(r)) => write!(
                out,
                "<li><del class=\"ed-del ed-infl\">{l}</del> \u{2192} <ins class=\"ed-ins ed-infl\">{r}</ins> (form)</li>"
            )?,
            (_, Some(l), Some(r)) => write!(
                out,
                "<li><del class=\"ed-del\">{l}</del> \u{2192} <ins class=\"ed-ins\">{r}</ins></li>"
            )?,
            (_, None, Some(r)) => write!(out, "<li><ins class=\"ed-ins\">{r}</ins> added</li>")?,
            (_, Some(l), None) => write!(out, "<li><del class=\"ed-del\">{l}</del> dropped</li>")?,
            (_, None, None) => {}
        }
    }
    write!(out, "</ul>")
}

/// Passages whose sides are both at most this many bytes are shown open.
const PASSAGE_OPEN: usize = 700;
/// Bytes of each side of a passage shown in the passage section (about 400 words); the rest
/// is in the texts above, so a long passage does not double the page.
const PASSAGE_SHOWN: usize = 2400;
/// Echo ranks listed in a passage's heading before "and N more".
const PASSAGE_ECHOES_LISTED: usize = 12;

fn passages(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    if report.passages.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "<section class=\"ed-passages\" id=\"ed-passages\">\n<h2>Reused passages</h2>\n\
         <p class=\"ed-note\">Stretches the right text reuses from the left as a unit, found from \
         the similarity of their sentences, each with the word diff of its two sides. Long passages are \
         collapsed, and their diff is cut after about {PASSAGE_SHOWN} characters a side; the whole \
         passage is marked in the texts above.</p>"
    )?;
    for (k, (p, diff)) in report.passages_with_diffs().enumerate() {
        passage(report, k, p, diff, out)?;
    }
    writeln!(out, "</section>")
}

fn passage(
    report: &Report,
    k: usize,
    p: &Passage,
    diff: &[crate::diff::DiffSegment],
    out: &mut dyn Write,
) -> io::Result<()> {
    let n = k + 1;
    let open = if p.spans.left.len() <= PASSAGE_OPEN && p.spans.right.len() <= PASSAGE_OPEN {
        " open"
    } else {
        ""
    };
    let count = |side: Side| words(report, side, p.spans[side]);
    writeln!(
        out,
        "<details class=\"ed-passage\" id=\"ed-p{n}\" data-passage=\"p{n}\"{open}>\n\
         <summary><span class=\"ed-ptag\">P{n}</span> score {:.2} \u{b7} {} \u{b7} {} \u{2194} {} words</summary>",
        p.score,
        echo_list(&p.echoes),
        count(Side::Left),
        count(Side::Right)
    )?;
    let labels = report.texts.as_ref().map(|t| t.label.as_str());
    let place = |side: Side| {
        let base = report.input_offsets[side];
        format!(
            "<a class=\"ed-plink\" href=\"#ed-p{n}-{}\" data-passage=\"p{n}\">{}</a> bytes {}\u{2013}{}",
            side_name(side),
            Escape(labels[side]),
            base + p.spans[side].start,
            base + p.spans[side].end
        )
    };
    writeln!(
        out,
        "<p class=\"ed-plinks\">Show in the texts: {} \u{b7} {}</p>\n<div class=\"ed-pair-cols\">",
        place(Side::Left),
        place(Side::Right)
    )?;
    let ex = excerpt(report, p.spans, diff, PASSAGE_SHOWN);
    for side in Side::BOTH {
        write!(out, "<div class=\"ed-stmt ed-stmt-{}\">", side_name(side))?;
        marked(report, side, ex.shown[side], diff, out)?;
        more(&ex, side, out)?;
        writeln!(out, "</div>")?;
    }
    writeln!(
        out,
        "</div>\n<p class=\"ed-note\">Words: {}.</p>\n</details>",
        diff_brief(diff)
    )
}

/// "3 echoes (1, 4, 7)", the ranks cut after a dozen.
fn echo_list(echoes: &[usize]) -> String {
    match echoes.len() {
        0 => "no single echo".to_string(),
        1 => format!("echo {}", echoes.first().map_or(0, |e| e + 1)),
        n => {
            let mut ranks: Vec<String> = echoes
                .iter()
                .take(PASSAGE_ECHOES_LISTED)
                .map(|e| (e + 1).to_string())
                .collect();
            if n > PASSAGE_ECHOES_LISTED {
                ranks.push(format!("and {} more", n - PASSAGE_ECHOES_LISTED));
            }
            format!("{n} echoes ({})", ranks.join(", "))
        }
    }
}

/// "… and N more words" after a cut side.
fn more(ex: &Excerpt, side: Side, out: &mut dyn Write) -> io::Result<()> {
    if !ex.is_cut() {
        return Ok(());
    }
    match ex.hidden[side] {
        0 => Ok(()),
        n => write!(
            out,
            " <span class=\"ed-more\">\u{2026} and {n} more word{}</span>",
            if n == 1 { "" } else { "s" }
        ),
    }
}

fn alignments(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "<section class=\"ed-alignments\" id=\"ed-alignments\">\n<h2>Aligned statements</h2>"
    )?;
    if report.alignments.is_empty() {
        writeln!(out, "<p>No statements align.</p>")?;
    }
    super::write_alignments(out, report, |a, statements, out| {
        let Pair {
            left: ls,
            right: rs,
        } = statements;
        writeln!(
            out,
            "<div class=\"ed-pair\">\n<p class=\"ed-pair-head\">left #{} \u{2194} right #{} \u{b7} score {:.2}</p>\n<div class=\"ed-pair-cols\">",
            a.statements.left + 1,
            a.statements.right + 1,
            a.score
        )?;
        for (side, span) in [(Side::Left, ls.span), (Side::Right, rs.span)] {
            write!(out, "<div class=\"ed-stmt ed-stmt-{}\">", side_name(side))?;
            marked(report, side, span, &a.diff, out)?;
            writeln!(out, "</div>")?;
        }
        writeln!(out, "</div>\n</div>")
    })?;
    writeln!(out, "</section>")
}

fn rhetoric(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let rh = &report.rhetoric;
    writeln!(
        out,
        "<section class=\"ed-rhetoric\" id=\"ed-rhetoric\">\n<h2>Rhetoric of each side</h2>"
    )?;
    mirrored_chart(report, out)?;
    writeln!(
        out,
        "<h3>Distinctive words and phrases</h3>\n<p class=\"ed-note\">Ranked by the log-odds ratio with an informative Dirichlet prior \
         (Monroe, Colaresi &amp; Quinn, \u{201c}Fightin\u{2019} Words\u{201d}, 2008); the bar is the z-score. Prior: \u{3b1}0 = {:.0} from background word frequencies, floor {:.2}.</p>",
        rh.prior_total, rh.prior_floor
    )?;
    terms_chart(report, out)?;
    writeln!(out, "<div class=\"ed-pair-cols\">")?;
    for side in Side::BOTH {
        terms_table(report, side, &rh.distinctive[side], out)?;
    }
    writeln!(
        out,
        "</div>\n<h3>Phrases each side repeats</h3>\n<div class=\"ed-pair-cols\">"
    )?;
    for side in Side::BOTH {
        repeats_table(report, side, &rh.repeated[side], out)?;
    }
    writeln!(out, "</div>\n</section>")
}

fn mirrored_chart(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let m = report.summary.mirrored;
    writeln!(
        out,
        "<svg class=\"ed-chart\" role=\"img\" aria-labelledby=\"ed-mirror-title\" viewBox=\"0 0 640 64\" width=\"640\" height=\"64\">\n\
         <title id=\"ed-mirror-title\">Share of each side inside an echo</title>"
    )?;
    for (row, side) in Side::BOTH.into_iter().enumerate() {
        let y = 8 + row * 28;
        let w = (m[side].clamp(0.0, 1.0) * 400.0).round();
        let label = truncate(&report.texts[side].label, 24);
        writeln!(
            out,
            "<text x=\"0\" y=\"{}\" class=\"ed-svg-label\">{}</text><rect x=\"190\" y=\"{y}\" width=\"400\" height=\"18\" class=\"ed-svg-track\"/>\
             <rect x=\"190\" y=\"{y}\" width=\"{w}\" height=\"18\" class=\"ed-svg-{}\"/><text x=\"{}\" y=\"{}\" class=\"ed-svg-label\">{} mirrored</text>",
            y + 13,
            Escape(&label),
            side_name(side),
            196.0 + w,
            y + 13,
            pct(m[side])
        )?;
    }
    writeln!(out, "</svg>")
}

fn truncate(s: &str, max: usize) -> String {
    let s = flat(s);
    if s.chars().count() <= max {
        return s;
    }
    let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
    t.push('\u{2026}');
    t
}

/// A diverging bar chart: left terms grow leftwards from the centre, right terms rightwards.
fn terms_chart(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let d = &report.rhetoric.distinctive;
    let rows = d.left.len().max(d.right.len());
    if rows == 0 {
        return writeln!(
            out,
            "<p>No word or phrase is used often enough to tell the sides apart.</p>"
        );
    }
    let max_z = d
        .left
        .iter()
        .chain(&d.right)
        .map(|t| t.z)
        .fold(1.0, f64::max);
    let height = 30 + rows * 22;
    writeln!(
        out,
        "<svg class=\"ed-chart\" role=\"img\" aria-labelledby=\"ed-terms-title\" viewBox=\"0 0 760 {height}\" width=\"760\" height=\"{height}\">\n\
         <title id=\"ed-terms-title\">Words and phrases distinctive of each side, by z-score</title>\n\
         <text x=\"375\" y=\"14\" text-anchor=\"end\" class=\"ed-svg-head ed-svg-text-left\">\u{2190} {}</text>\
         <text x=\"385\" y=\"14\" class=\"ed-svg-head ed-svg-text-right\">{} \u{2192}</text>\n\
         <line x1=\"380\" x2=\"380\" y1=\"20\" y2=\"{height}\" class=\"ed-svg-axis\"/>",
        Escape(&truncate(&report.texts.left.label, 30)),
        Escape(&truncate(&report.texts.right.label, 30))
    )?;
    for side in Side::BOTH {
        for (row, t) in d[side].iter().enumerate() {
            let w = (t.z / max_z * 160.0).round().max(1.0);
            let y = 24 + row * 22;
            let (x, tx, anchor) = match side {
                Side::Left => (380.0 - w, 374.0 - w, "end"),
                Side::Right => (380.0, 386.0 + w, "start"),
            };
            let term = truncate(report.slice(side, t.span), 28);
            writeln!(
                out,
                "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"16\" class=\"ed-svg-{0}\"/><text x=\"{tx}\" y=\"{1}\" text-anchor=\"{anchor}\" class=\"ed-svg-label\">{2} <tspan class=\"ed-svg-dim\">z {3:.1}</tspan></text>",
                side_name(side),
                y + 12,
                Escape(&term),
                t.z
            )?;
        }
    }
    writeln!(out, "</svg>")
}

fn terms_table(report: &Report, side: Side, terms: &[Term], out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "<div><table class=\"ed-table ed-small\"><caption class=\"ed-side-{}\">{}</caption>\n\
         <thead><tr><th scope=\"col\">Term</th><th scope=\"col\">Here</th><th scope=\"col\">There</th><th scope=\"col\">Log-odds</th><th scope=\"col\">z</th></tr></thead><tbody>",
        side_name(side),
        Escape(&report.texts[side].label)
    )?;
    if terms.is_empty() {
        writeln!(out, "<tr><td colspan=\"5\">none</td></tr>")?;
    }
    for t in terms {
        writeln!(
            out,
            "<tr><td>{}</td><td class=\"ed-num\">{}</td><td class=\"ed-num\">{}</td><td class=\"ed-num\">{:.2}</td><td class=\"ed-num\">{:.2}</td></tr>",
            Escape(&flat(report.slice(side, t.span))),
            t.counts[side],
            t.counts[side.other()],
            t.log_odds,
            t.z
        )?;
    }
    writeln!(out, "</tbody></table></div>")
}

fn repeats_table(
    report: &Report,
    side: Side,
    repeats: &[Repeat],
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(
        out,
        "<div><table class=\"ed-table ed-small\"><caption class=\"ed-side-{}\">{}</caption>\n\
         <thead><tr><th scope=\"col\">Phrase</th><th scope=\"col\">Times</th><th scope=\"col\">Other side</th></tr></thead><tbody>",
        side_name(side),
        Escape(&report.texts[side].label)
    )?;
    if repeats.is_empty() {
        writeln!(out, "<tr><td colspan=\"3\">none</td></tr>")?;
    }
    for r in repeats {
        writeln!(
            out,
            "<tr><td>{}</td><td class=\"ed-num\">{}</td><td class=\"ed-num\">{}</td></tr>",
            Escape(&flat(report.slice(side, r.span))),
            r.count,
            r.other
        )?;
    }
    writeln!(out, "</tbody></table></div>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Options, Text, compare};

    fn html(left: &str, right: &str, labels: (&str, &str)) -> String {
        let r = compare(
            Text::new(labels.0, left),
            Text::new(labels.1, right),
            &Options::default(),
        );
        let mut buf = Vec::new();
        render(&r, &mut buf).expect("writing to a Vec cannot fail");
        String::from_utf8(buf).expect("the renderer writes UTF-8")
    }

    #[test]
    fn escape_table() {
        let cases = [
            ("plain", "plain"),
            (
                "<script>alert(1)</script>",
                "&lt;script&gt;alert(1)&lt;/script&gt;",
            ),
            ("a & b", "a &amp; b"),
            ("it's \"so\"", "it&#39;s &quot;so&quot;"),
            ("é<ü>", "é&lt;ü&gt;"),
        ];
        for (input, want) in cases {
            assert_eq!(Escape(input).to_string(), want, "case {input:?}");
        }
    }

    #[test]
    fn hostile_input_is_shown_as_text() {
        let hostile =
            "We reject <script>alert(1)</script> and \"><img src=x onerror=alert(1)> firmly today.";
        let page = html(
            hostile,
            &format!(
                "They reject <script>alert(1)</script> and \"><img src=x onerror=alert(1)> firmly. {hostile}"
            ),
            ("<b>left</b>", "\"><img src=x onerror=alert(2)>"),
        );
        assert!(!page.contains("<script>alert"), "raw script tag in output");
        assert!(!page.contains("<img"), "raw img tag in output");
        assert!(!page.contains("<b>left"), "raw label markup in output");
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(page.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
        // exactly the one script element of our own
        assert_eq!(page.matches("<script>").count(), 1);
    }

    #[test]
    fn self_contained() {
        let page = html(
            "The content and spirit of the talks.",
            "The content and spirit of talks.",
            ("l", "r"),
        );
        for remote in ["http://", "https://", "src=", "<link"] {
            assert!(!page.contains(remote), "page refers to {remote}");
        }
        assert!(page.contains("data-echo=\"e1\""));
    }

    /// A paragraph reused with edits (so its echoes merge into one passage), with `inject`
    /// in its middle on both sides.
    fn reused(inject: &str) -> (String, String) {
        (
            format!(
                "Our inspectors found that the mooring lines had been inspected on schedule and that the crew \
                 followed every procedure {inject} laid down in the port manual. We reject any suggestion that the \
                 staff acted carelessly, and we will publish the full findings of the inquiry."
            ),
            format!(
                "Our engineers found that the sea wall had been inspected on schedule and that the night crew \
                 followed each procedure {inject} set down in the port manual. We firmly reject any claim that the \
                 staff acted carelessly, and we shall publish the complete findings of the inquiry."
            ),
        )
    }

    fn section(page: &str) -> &str {
        let a = page
            .find("<section class=\"ed-passages\"")
            .expect("a passage section");
        let b = a + page[a..].find("</section>").expect("closed");
        &page[a..b]
    }

    #[test]
    fn hostile_text_in_a_passage_is_shown_as_text() {
        let (l, r) = reused("<script>alert(1)</script> \"><img src=x onerror=alert(1)> &amp;");
        let page = html(&l, &r, ("<i>a</i>", "b\"c"));
        let passages = section(&page);
        assert!(
            passages.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{passages}"
        );
        assert!(passages.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt; &amp;amp;"));
        assert!(passages.contains("&lt;i&gt;a&lt;/i&gt;") && passages.contains("b&quot;c"));
        assert!(
            !page.contains("<img") && !page.contains("<i>a"),
            "raw markup in output"
        );
        assert_eq!(page.matches("<script>").count(), 1);
    }

    #[test]
    fn a_long_passage_is_collapsed_and_cut() {
        let (l, r) = crate::render::pieces::tests::long_reuse(3000);
        let page = html(&l, &r, ("l", "r"));
        let passages = section(&page);
        assert!(
            passages.contains("<details class=\"ed-passage\" id=\"ed-p1\" data-passage=\"p1\">")
        );
        assert!(
            !passages.contains(" open>"),
            "a long passage starts collapsed"
        );
        assert!(passages.contains("more words</span>"));
        // the section holds the head of each side, not the whole passage again
        assert!(
            passages.len() < 4 * PASSAGE_SHOWN + 4000,
            "{} bytes for a {} byte text",
            passages.len(),
            l.len()
        );
        // the text columns still mark the whole passage, from its tag to its end tag
        for side in ["left", "right"] {
            assert!(page.contains(&format!("id=\"ed-p1-{side}\"")));
        }
        assert_eq!(
            page.matches("<span class=\"ed-ptag ed-pend\" aria-hidden=\"true\">/P1</span>")
                .count(),
            2
        );
    }

    #[test]
    fn a_passage_without_echoes_or_diff_still_renders() {
        let (l, r) = reused("");
        let mut report = compare(Text::new("l", &l), Text::new("r", &r), &Options::default());
        assert_eq!(report.passages.len(), 1);
        report.passages[0].echoes.clear();
        report.passage_diffs.clear();
        let mut buf = Vec::new();
        render(&report, &mut buf).expect("writing to a Vec cannot fail");
        let page = String::from_utf8(buf).expect("UTF-8");
        let passages = section(&page);
        assert!(passages.contains("no single echo"), "{passages}");
        assert!(passages.contains("Words: no words."), "{passages}");
    }

    #[test]
    fn passages_overlapping_on_one_side_nest_well() {
        let (l, r) = reused("");
        let mut report = compare(Text::new("l", &l), Text::new("r", &r), &Options::default());
        assert_eq!(report.passages.len(), 1);
        // a second passage from the middle of the first on the left to the end of the right
        let mut second = report.passages[0].clone();
        let first = second.spans;
        second.spans = Pair::new(
            Span::new(first.left.start + first.left.len() / 2, l.len()),
            Span::new(first.right.end - 10, first.right.end),
        );
        report.passages.push(second);
        report.passage_diffs.push(Vec::new());
        let mut buf = Vec::new();
        render(&report, &mut buf).expect("writing to a Vec cannot fail");
        let page = String::from_utf8(buf).expect("UTF-8");
        let a = page.find("<section class=\"ed-texts\"").expect("texts");
        let b = a + page[a..].find("</section>").expect("closed");
        let texts = &page[a..b];
        assert_eq!(
            texts.matches("<span").count(),
            texts.matches("</span>").count()
        );
        assert!(texts.contains("data-passage=\"p1 p2\""), "{texts}");
        for tag in ["ed-p1-left", "ed-p2-left", "ed-p1-right", "ed-p2-right"] {
            assert_eq!(texts.matches(&format!("id=\"{tag}\"")).count(), 1, "{tag}");
        }
        assert_eq!(texts.matches(">/P1</span>").count(), 2);
        assert_eq!(texts.matches(">/P2</span>").count(), 2);
    }
}

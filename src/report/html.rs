//! The report as one self-contained HTML page: inline CSS, inline SVG, no external asset, so
//! it can be mailed or printed as is. Printable on A4 (`@page`, table heads repeated on every
//! page, rows never split). The markup is also well-formed XML (every tag closed, attributes
//! quoted, only XML's five entities) so a plain XML parser can check it. Every text that
//! comes from the workspace files is escaped.

use super::md::{group_name, header_lines};
use super::period::format_date;
use super::{Figures, GroupReport, ReportOn};
use crate::i18n::report::{percent, text, ReportText};
use crate::i18n::Lang;
use std::fmt::Write as _;

const CSS: &str = r#"
@page { size: A4; margin: 14mm 12mm 14mm 12mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Times New Roman", "Liberation Serif", "DejaVu Serif", serif; font-size: 11pt;
  line-height: 1.35; color: #111; background: #fff; max-width: 200mm; margin: 0 auto; padding: 10mm 8mm; }
header { text-align: center; margin-bottom: 6mm; }
header .org { font-size: 11pt; text-transform: uppercase; font-weight: bold; margin: 0; }
header h1 { font-size: 15pt; margin: 3mm 0 2mm; text-transform: uppercase; }
header .meta { margin: 0; font-style: italic; }
h2 { font-size: 12.5pt; margin: 7mm 0 2mm; break-after: avoid; page-break-after: avoid; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 0.6pt solid #555; padding: 1.2mm 1.4mm; vertical-align: top; }
thead th { background: #e8e8e8; font-weight: bold; text-align: center; vertical-align: middle; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.rank { text-align: center; }
td.date { white-space: nowrap; }
td.id { white-space: nowrap; font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; }
tr.group th { background: #f3f3f3; text-align: left; font-style: italic; }
tr.subtotal td { font-weight: bold; background: #fafafa; }
tr.overall td { font-weight: bold; background: #e8e8e8; }
td.bad { color: #a00000; font-weight: bold; }
tr.zero td { color: #777; }
.chart { break-inside: avoid; page-break-inside: avoid; margin: 0 0 4mm; padding-top: 1.5mm; }
.chart h3 { font-size: 10.5pt; margin: 0.5mm 0 1mm; line-height: 1.6; font-style: italic; }
.chart svg.bars { width: 100%; height: auto; display: block; }
.legend { display: flex; flex-wrap: wrap; gap: 2mm 6mm; margin: 0 0 2mm; font-size: 9.5pt; }
.legend span { white-space: nowrap; }
.legend svg { vertical-align: middle; margin-right: 1mm; }
.notes { font-size: 9.5pt; margin: 2mm 0 0; padding-left: 5mm; }
.notes li { margin: 0.5mm 0; }
.empty { font-size: 12pt; font-weight: bold; border: 1pt solid #555; padding: 4mm; text-align: center; }
@media screen { body { box-shadow: 0 0 4mm #bbb; margin: 6mm auto; } }
@media print { body { max-width: none; padding: 0; margin: 0; } }
"#;

/// The four chart segments, left to right: (label, fill, pattern, text colour).
struct Segment {
    fill: &'static str,
    pattern: Option<&'static str>,
    ink: &'static str,
}

const SEGMENTS: [Segment; 4] = [
    // Done on time: solid dark green.
    Segment {
        fill: "#2e7d32",
        pattern: None,
        ink: "#ffffff",
    },
    // Done late: amber with dots, so it differs from on time in grey print too.
    Segment {
        fill: "#f2b233",
        pattern: Some("dots"),
        ink: "#000000",
    },
    // Within deadline: light blue, plain.
    Segment {
        fill: "#cfe3f7",
        pattern: None,
        ink: "#000000",
    },
    // Overdue: red with diagonal hatching.
    Segment {
        fill: "#c62828",
        pattern: Some("hatch"),
        ink: "#ffffff",
    },
];

/// The report inside the document frame of `[report]`: what an office signs.
pub fn render_document(
    report: &ReportOn,
    frame: &crate::model::ReportFrame,
    opts: &super::doc::DocOptions,
    lang: Lang,
) -> String {
    write_document(
        &super::doc::report_document(report, frame, opts, lang),
        lang,
    )
}

const DOC_CSS: &str = r#"
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
body { font-family: "Times New Roman", "Liberation Serif", serif; font-size: 14pt; line-height: 1.3;
  color: #000; background: #fff; max-width: 165mm; margin: 0 auto; padding: 8mm 0; }
table.frame { width: 100%; border-collapse: collapse; }
table.frame td { vertical-align: top; text-align: center; padding: 0; border: none; }
table.frame p { margin: 0; }
.b { font-weight: bold; } .i { font-style: italic; } .u { text-decoration: underline; }
h1 { font-size: 16pt; text-align: center; margin: 8mm 0 0; }
p.sub { text-align: center; font-weight: bold; margin: 0; }
p.under { text-align: center; font-style: italic; margin: 0; }
p.to { text-align: center; margin: 4mm 0; }
h2 { font-size: 14pt; margin: 4mm 0 2mm; text-indent: 10mm; }
p.body { text-indent: 10mm; text-align: justify; margin: 0 0 2mm; }
p.note { text-indent: 10mm; font-style: italic; font-size: 12pt; margin: 1mm 0 2mm; }
table.data { border-collapse: collapse; width: 100%; font-size: 11pt; margin: 1mm 0 3mm; }
table.data thead { display: table-header-group; }
table.data tr { break-inside: avoid; page-break-inside: avoid; }
table.data th, table.data td { border: 0.6pt solid #000; padding: 0.8mm 1mm; vertical-align: middle; }
table.data th { background: #ededed; }
td.c { text-align: center; } td.r { text-align: right; }
table.sign { width: 100%; margin-top: 6mm; border-collapse: collapse; }
table.sign td { vertical-align: top; width: 50%; border: none; padding: 0; }
table.sign p { margin: 0; }
td.recipients { font-size: 11pt; } td.signature { text-align: center; }
"#;

/// Any document (a report, a letter) as one self-contained, well-formed HTML page.
pub fn write_document(doc: &super::doc::Document, lang: Lang) -> String {
    use super::doc::{Align, Block};
    let e = |s: &str| esc(&super::doc::clean(s));
    let mut out = String::with_capacity(64 * 1024);
    let title = doc
        .subtitle
        .first()
        .or(doc.title.as_ref())
        .cloned()
        .unwrap_or_default();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>{}</title>\n<style>{DOC_CSS}</style>\n</head>\n<body>\n",
        e(&title)
    );
    out.push_str("<table class=\"frame\"><tr><td style=\"width:40%\">");
    if let Some(issuer) = &doc.issuer {
        let _ = write!(out, "<p>{}</p>", e(issuer));
    }
    if let Some(office) = &doc.office {
        let _ = write!(out, "<p class=\"b\">{}</p>", e(office));
    }
    if doc.issuer.is_some() || doc.office.is_some() {
        out.push_str("<p>*</p>");
    }
    if let Some(number) = &doc.number {
        let _ = write!(out, "<p class=\"number\">{}</p>", e(number));
    }
    if let Some(subject) = &doc.subject {
        let _ = write!(out, "<p class=\"i\">{}</p>", e(subject));
    }
    out.push_str("</td><td>");
    for (i, line) in doc.motto.iter().enumerate() {
        let class = if i + 1 == doc.motto.len() { "b u" } else { "b" };
        let _ = write!(out, "<p class=\"{class}\">{}</p>", e(line));
    }
    let _ = writeln!(
        out,
        "<p class=\"i date\" style=\"margin-top:3mm\">{}</p></td></tr></table>",
        e(&doc.date_line)
    );
    if let Some(t) = &doc.title {
        let _ = writeln!(out, "<h1>{}</h1>", e(t));
    }
    for line in &doc.subtitle {
        let _ = writeln!(out, "<p class=\"sub\">{}</p>", e(line));
    }
    for line in &doc.under_title {
        let _ = writeln!(out, "<p class=\"under\">{}</p>", e(line));
    }
    if let Some(to) = &doc.addressee {
        let _ = writeln!(out, "<p class=\"to\">{}</p>", e(to));
    }
    for block in &doc.blocks {
        match block {
            Block::Heading(h) => {
                let _ = writeln!(out, "<h2>{}</h2>", e(h));
            }
            Block::Paragraph(p) => {
                let _ = writeln!(out, "<p class=\"body\">{}</p>", e(p));
            }
            Block::Note(p) => {
                let _ = writeln!(out, "<p class=\"note\">{}</p>", e(p));
            }
            Block::Table(t) => {
                let total: u32 = t.widths.iter().sum::<u32>().max(1);
                out.push_str("<table class=\"data\"><colgroup>");
                for w in &t.widths {
                    let _ = write!(out, "<col style=\"width:{}%\"/>", w * 100 / total);
                }
                out.push_str("</colgroup>\n<thead>\n");
                let cells = |out: &mut String, row: &[super::doc::Cell], tag: &str| {
                    out.push_str("<tr>");
                    for c in row {
                        let class = match c.align {
                            Align::Center => " class=\"c\"",
                            Align::Right => " class=\"r\"",
                            Align::Left => "",
                        };
                        let mut attrs = String::new();
                        if c.colspan > 1 {
                            let _ = write!(attrs, " colspan=\"{}\"", c.colspan);
                        }
                        if c.rowspan > 1 {
                            let _ = write!(attrs, " rowspan=\"{}\"", c.rowspan);
                        }
                        let mut text = if c.bold && tag == "td" {
                            format!("<b>{}</b>", e(&c.text))
                        } else {
                            e(&c.text)
                        };
                        if let Some(sub) = &c.sub {
                            let _ = write!(text, "<br/><i>{}</i>", e(sub));
                        }
                        let _ = write!(out, "<{tag}{class}{attrs}>{text}</{tag}>");
                    }
                    out.push_str("</tr>\n");
                };
                for row in &t.head {
                    cells(&mut out, row, "th");
                }
                out.push_str("</thead>\n<tbody>\n");
                for row in &t.rows {
                    cells(&mut out, row, "td");
                }
                out.push_str("</tbody>\n</table>\n");
            }
        }
    }
    out.push_str("<table class=\"sign\"><tr><td class=\"recipients\">");
    let _ = write!(out, "<p class=\"b i\">{}</p>", e(&doc.recipients_label));
    for r in &doc.recipients {
        let _ = write!(out, "<p>- {},</p>", e(r));
    }
    out.push_str("</td><td class=\"signature\">");
    for line in &doc.signer_title {
        let _ = write!(out, "<p class=\"b\">{}</p>", e(line));
    }
    out.push_str("<p style=\"height:22mm\"></p>");
    if let Some(signer) = &doc.signer {
        let _ = write!(out, "<p class=\"b signer\">{}</p>", e(signer));
    }
    out.push_str("</td></tr></table>\n</body>\n</html>\n");
    out
}

pub fn render(report: &ReportOn, lang: Lang) -> String {
    let t = text(lang);
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\"/>\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n\
         <title>{} \u{2014} {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        esc(t.report_title),
        esc(&report.title),
    );

    let _ = write!(
        out,
        "<header>\n<p class=\"org\">{}</p>\n<h1>{}</h1>\n<p class=\"meta\">",
        esc(&report.title),
        esc(t.report_title)
    );
    for (i, (label, value)) in header_lines(report, lang).into_iter().enumerate() {
        if i > 0 {
            out.push_str(" \u{00b7} ");
        }
        let _ = write!(out, "{}: {}", esc(label), esc(&value));
    }
    out.push_str("</p>\n</header>\n");

    if report.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"empty\">{}</p>",
            esc(super::md::nothing_text(report, lang))
        );
        out.push_str("</body>\n</html>\n");
        return out;
    }

    summary_table(&mut out, report, t, lang);
    notes(&mut out, report, t);
    charts(&mut out, report, t, lang);
    overdue_table(&mut out, report, t, lang);
    out.push_str("</body>\n</html>\n");
    out
}

fn summary_table(out: &mut String, report: &ReportOn, t: &ReportText, lang: Lang) {
    let _ = writeln!(out, "<h2>1. {}</h2>", esc(t.summary_heading));
    out.push_str("<table class=\"summary\">\n<thead>\n<tr>");
    for (head, width) in [(t.rank, "5%"), (t.unit, "23%"), (t.total, "6%")] {
        let _ = write!(
            out,
            "<th rowspan=\"2\" style=\"width:{width}\">{}</th>",
            esc(head)
        );
    }
    let _ = write!(
        out,
        "<th colspan=\"2\">{}</th><th colspan=\"3\">{}</th>",
        esc(t.done_heading),
        esc(t.not_done_heading)
    );
    for head in [t.ongoing, t.cancelled, t.completion_rate, t.on_time_rate] {
        let _ = write!(out, "<th rowspan=\"2\">{}</th>", esc(head));
    }
    out.push_str("</tr>\n<tr>");
    for head in [
        t.col_on_time,
        t.col_late,
        t.col_within,
        t.col_due_soon,
        t.col_overdue,
    ] {
        let _ = write!(out, "<th>{}</th>", esc(head));
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    for group in &report.groups {
        let _ = writeln!(
            out,
            "<tr class=\"group\"><th colspan=\"12\">{}</th></tr>",
            esc(&group_name(&group.group, t))
        );
        for (i, unit) in group.units.iter().enumerate() {
            // Units with nothing in the period stay listed, in grey.
            out.push_str(if unit.figures.total == 0 {
                "<tr class=\"zero\">"
            } else {
                "<tr>"
            });
            let _ = write!(
                out,
                "<td class=\"rank\">{}</td><td>{}</td>",
                unit.rank.unwrap_or(i + 1),
                esc(&unit.name)
            );
            figure_cells(out, &unit.figures, lang, true);
            out.push_str("</tr>\n");
        }
        out.push_str("<tr class=\"subtotal\"><td></td>");
        let _ = write!(out, "<td>{}</td>", esc(t.group_total));
        figure_cells(out, &group.figures, lang, false);
        out.push_str("</tr>\n");
    }
    out.push_str("<tr class=\"overall\"><td></td>");
    let _ = write!(out, "<td>{}</td>", esc(t.overall));
    figure_cells(out, &report.overall, lang, false);
    out.push_str("</tr>\n</tbody>\n</table>\n");
}

fn figure_cells(out: &mut String, f: &Figures, lang: Lang, mark_overdue: bool) {
    for (i, n) in [
        f.total,
        f.on_time,
        f.late,
        f.within,
        f.due_soon,
        f.overdue,
        f.ongoing,
        f.cancelled,
    ]
    .into_iter()
    .enumerate()
    {
        // Overdue counts stand out (bold as well as red, for grey print).
        let class = if mark_overdue && i == 5 && n > 0 {
            "num bad"
        } else {
            "num"
        };
        let _ = write!(out, "<td class=\"{class}\">{n}</td>");
    }
    for rate in [f.completion_rate(), f.on_time_rate()] {
        let _ = write!(out, "<td class=\"num\">{}</td>", esc(&percent(rate, lang)));
    }
}

fn notes(out: &mut String, report: &ReportOn, t: &ReportText) {
    out.push_str("<ul class=\"notes\">\n");
    let mut lines = vec![t.completion_formula, t.on_time_formula, t.rates_note];
    if report.ranked {
        lines.push(t.ranking_note);
    }
    for line in lines {
        let _ = writeln!(out, "<li>{}</li>", esc(line));
    }
    out.push_str("</ul>\n");
}

fn charts(out: &mut String, report: &ReportOn, t: &ReportText, lang: Lang) {
    // The heading and legend go inside the first chart's box, so print never leaves them
    // alone at the foot of a page.
    let mut preamble = String::new();
    let _ = writeln!(preamble, "<h2>2. {}</h2>", esc(t.chart));
    let _ = writeln!(preamble, "<p class=\"notes\">{}</p>", esc(t.chart_note));
    preamble.push_str("<div class=\"legend\">");
    for (i, (segment, label)) in SEGMENTS
        .iter()
        .zip([t.on_time, t.late, t.within, t.overdue])
        .enumerate()
    {
        let _ = write!(
            preamble,
            "<span><svg width=\"22\" height=\"12\" viewBox=\"0 0 22 12\" role=\"img\" aria-hidden=\"true\">{}<rect x=\"0.5\" y=\"0.5\" width=\"21\" height=\"11\" fill=\"{}\" stroke=\"#333\" stroke-width=\"0.6\"/>{}</svg>{}</span>",
            pattern_defs(&format!("l{i}")),
            segment.fill,
            overlay(segment, &format!("l{i}"), 0.5, 0.5, 21.0, 11.0),
            esc(label)
        );
    }
    preamble.push_str("</div>\n");

    // One scale for every unit, so bars compare across groups.
    let widest = report
        .units()
        .map(|u| charted(&u.figures).iter().sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1);
    for (gi, group) in report.groups.iter().enumerate() {
        let preamble = if gi == 0 { preamble.as_str() } else { "" };
        group_chart(out, preamble, group, gi, widest, t, lang);
    }
}

fn charted(f: &Figures) -> [usize; 4] {
    [f.on_time, f.late, f.within, f.overdue]
}

fn group_chart(
    out: &mut String,
    preamble: &str,
    group: &GroupReport,
    gi: usize,
    widest: usize,
    t: &ReportText,
    lang: Lang,
) {
    const WIDTH: f64 = 720.0;
    const LABEL: f64 = 150.0;
    const RATE: f64 = 70.0;
    const ROW: f64 = 20.0;
    const BAR: f64 = 14.0;
    const TOP: f64 = 16.0;
    let bar_area = WIDTH - LABEL - RATE - 10.0;
    let scale = bar_area / widest as f64;
    let height = TOP + ROW * group.units.len() as f64 + 4.0;

    let _ = writeln!(
        out,
        "<div class=\"chart\">\n{preamble}<h3>{}</h3>",
        esc(&group_name(&group.group, t))
    );
    let _ = write!(
        out,
        "<svg class=\"bars\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" role=\"img\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"10\">"
    );
    let prefix = format!("g{gi}");
    out.push_str(&pattern_defs(&prefix));
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"11\" text-anchor=\"end\" font-weight=\"bold\">{}</text>",
        WIDTH - 2.0,
        esc(t.completion_rate)
    );
    for (i, unit) in group.units.iter().enumerate() {
        let y = TOP + ROW * i as f64;
        let mid = y + ROW / 2.0 + 3.5;
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{mid}\" text-anchor=\"end\">{}</text>",
            LABEL - 6.0,
            esc(&clip(&unit.short, 26))
        );
        let counts = charted(&unit.figures);
        let by = y + (ROW - BAR) / 2.0;
        let mut x = LABEL;
        if counts.iter().sum::<usize>() == 0 {
            let _ = write!(
                out,
                "<text x=\"{}\" y=\"{mid}\" fill=\"#555\">\u{2014}</text>",
                x + 2.0
            );
        }
        for (segment, n) in SEGMENTS.iter().zip(counts) {
            if n == 0 {
                continue;
            }
            let w = n as f64 * scale;
            let _ = write!(
                out,
                "<rect x=\"{x:.1}\" y=\"{by:.1}\" width=\"{w:.1}\" height=\"{BAR}\" fill=\"{}\" stroke=\"#333\" stroke-width=\"0.5\"/>",
                segment.fill
            );
            out.push_str(&overlay(segment, &prefix, x, by, w, BAR));
            // The count, when it fits; the table has every number anyway.
            let label = n.to_string();
            if w >= 7.0 * label.len() as f64 + 4.0 {
                let _ = write!(
                    out,
                    "<text x=\"{:.1}\" y=\"{mid}\" text-anchor=\"middle\" fill=\"{}\" font-weight=\"bold\" stroke=\"{}\" stroke-width=\"2.2\" paint-order=\"stroke\">{label}</text>",
                    x + w / 2.0,
                    segment.ink,
                    segment.fill
                );
            }
            x += w;
        }
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{mid}\" text-anchor=\"end\">{}</text>",
            WIDTH - 2.0,
            esc(&percent(unit.figures.completion_rate(), lang))
        );
    }
    out.push_str("</svg>\n</div>\n");
}

/// Patterns for the segments that must differ without colour; ids are unique per SVG.
fn pattern_defs(prefix: &str) -> String {
    format!(
        "<defs><pattern id=\"{prefix}-dots\" width=\"4\" height=\"4\" patternUnits=\"userSpaceOnUse\"><circle cx=\"2\" cy=\"2\" r=\"0.8\" fill=\"#000\" fill-opacity=\"0.45\"/></pattern>\
         <pattern id=\"{prefix}-hatch\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"1.6\" height=\"5\" fill=\"#fff\" fill-opacity=\"0.45\"/></pattern></defs>"
    )
}

fn overlay(segment: &Segment, prefix: &str, x: f64, y: f64, w: f64, h: f64) -> String {
    match segment.pattern {
        Some(p) => format!(
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" fill=\"url(#{prefix}-{p})\"/>"
        ),
        None => String::new(),
    }
}

fn overdue_table(out: &mut String, report: &ReportOn, t: &ReportText, lang: Lang) {
    let _ = writeln!(out, "<h2>3. {}</h2>", esc(t.overdue_list));
    if report.overdue.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", esc(t.no_overdue));
        return;
    }
    out.push_str("<table class=\"overdue\">\n<thead>\n<tr>");
    for (head, width) in [
        (t.rank, "4%"),
        (t.id, "12%"),
        (t.unit, "14%"),
        (t.content, "28%"),
        (t.deadline, "9%"),
        (t.days_overdue, "7%"),
        (t.extensions, "7%"),
        (t.note, "19%"),
    ] {
        let _ = write!(out, "<th style=\"width:{width}\">{}</th>", esc(head));
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    for (i, item) in report.overdue.iter().enumerate() {
        let _ = writeln!(
            out,
            "<tr><td class=\"rank\">{}</td><td class=\"id\">{}</td><td>{}</td><td>{}</td><td class=\"date\">{}</td><td class=\"num bad\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            i + 1,
            esc(&item.id),
            esc(&item.owner_name),
            esc(&item.text),
            esc(&format_date(item.deadline, lang)),
            item.days_overdue,
            item.extensions,
            esc(item.note.as_deref().unwrap_or("")),
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

/// At most `max` characters, with an ellipsis when cut (chart labels have a fixed width).
fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut cut: String = s.chars().take(max - 1).collect();
        cut.push('\u{2026}');
        cut
    }
}

/// HTML-escapes text (also safe in attribute values and in XML).
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Not allowed in XML (C0 but tab and line breaks), or obeyed by a terminal that
            // shows the page's source (C1, DEL): shown as a visible symbol instead.
            '\t' | '\n' | '\r' => out.push(c),
            c if matches!(c as u32, 0x00..=0x1F | 0x7F..=0x9F) => {
                out.push(crate::term_text::visible_char(c))
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod esc_tests {
    #[test]
    fn controls_do_not_reach_the_page() {
        let text = super::esc("a\u{1b}[2J\u{7}b\u{9b}c\u{0}d\te");
        assert!(
            !text
                .chars()
                .any(|c| matches!(c as u32, 0x00..=0x08 | 0x0B..=0x1F | 0x7F..=0x9F)),
            "{text:?}"
        );
        assert_eq!(text, "a␛[2J␇b¿c␀d\te");
    }
}

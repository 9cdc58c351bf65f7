//! The document an office signs: the frame of `[report]`, the title, the opening paragraph
//! generated from the figures, and the sections, as plain data that the HTML and docx
//! writers lay out the same way. Pure.
//!
//! Layout (Hướng dẫn 36-HD/VPTW for party documents; a state body's motto lines work too):
//! top left the issuer, the office and the number line ("Số    -BC/VPTU"), top right the
//! motto and the place-and-date line; the title; sections I, II, III…; then "Nơi nhận" on the
//! left and the signature block on the right.

use super::period::format_date;
use super::{md::scope_text, Figures, ReportOn};
use crate::i18n::report::{date_line, narrative, percent, status_word, text, ReportText};
use crate::i18n::Lang;
use crate::model::ReportFrame;
use chrono::NaiveDate;

/// Options of a printed document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocOptions {
    /// Overrides the generated title.
    pub title: Option<String>,
    /// An annex to a report instead of a standalone report.
    pub annex: bool,
    /// The date on the place-and-date line.
    pub today: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// One table cell; `colspan`/`rowspan` > 1 merge cells (a spanned-over cell is not listed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    /// A second line in italics (the notice under a directive's text).
    pub sub: Option<String>,
    pub colspan: usize,
    pub rowspan: usize,
    pub bold: bool,
    pub align: Align,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            sub: None,
            colspan: 1,
            rowspan: 1,
            bold: false,
            align: Align::Left,
        }
    }

    pub fn num(text: impl Into<String>) -> Cell {
        Cell {
            align: Align::Center,
            ..Cell::new(text)
        }
    }

    pub fn head(text: impl Into<String>) -> Cell {
        Cell {
            bold: true,
            align: Align::Center,
            ..Cell::new(text)
        }
    }

    pub fn span(mut self, cols: usize, rows: usize) -> Cell {
        self.colspan = cols;
        self.rowspan = rows;
        self
    }

    pub fn with_sub(mut self, line: String) -> Cell {
        self.sub = (!line.is_empty()).then_some(line);
        self
    }

    pub fn bold(mut self) -> Cell {
        self.bold = true;
        self
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Relative column widths (they add up to 100).
    pub widths: Vec<u32>,
    /// Header rows, repeated on each page.
    pub head: Vec<Vec<Cell>>,
    pub rows: Vec<Vec<Cell>>,
    /// Smaller type for wide tables.
    pub small: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// "I. KẾT QUẢ CHUNG"
    Heading(String),
    Paragraph(String),
    /// A paragraph in italics (notes under a table).
    Note(String),
    Table(Table),
}

/// A letter's or a report's document, ready to lay out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Top left: issuer (plain), office (bold), then the number line.
    pub issuer: Option<String>,
    pub office: Option<String>,
    pub number: Option<String>,
    /// Under the number line of a letter: "V/v …".
    pub subject: Option<String>,
    /// Top right: motto lines (bold), then the place-and-date line (italic).
    pub motto: Vec<String>,
    pub date_line: String,
    /// "BÁO CÁO" (bold, large), then the subtitle lines (bold).
    pub title: Option<String>,
    pub subtitle: Vec<String>,
    /// Italic lines under the title (the annex's reference, the as-of date).
    pub under_title: Vec<String>,
    /// "Kính gửi: …" of a letter.
    pub addressee: Option<String>,
    pub blocks: Vec<Block>,
    pub recipients_label: String,
    pub recipients: Vec<String>,
    pub signer_title: Vec<String>,
    pub signer: Option<String>,
}

/// "Số    -BC/VPTU": room for the number a clerk writes in.
pub fn number_line(suffix: Option<&str>, lang: Lang) -> Option<String> {
    suffix.map(|s| {
        format!(
            "{}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}{s}",
            text(lang).doc_number
        )
    })
}

/// The frame of `[report]` around `blocks`.
pub fn frame(
    frame: &ReportFrame,
    number_suffix: Option<&str>,
    today: NaiveDate,
    lang: Lang,
) -> Document {
    let t = text(lang);
    Document {
        issuer: frame.issuer.clone(),
        office: frame.office.clone(),
        number: number_line(number_suffix, lang),
        subject: None,
        motto: frame.motto.clone(),
        date_line: date_line(frame.place.as_deref(), today, lang),
        title: None,
        subtitle: Vec::new(),
        under_title: Vec::new(),
        addressee: None,
        blocks: Vec::new(),
        recipients_label: t.doc_recipients.to_string(),
        recipients: frame.recipients.clone(),
        signer_title: frame.signer_title.clone(),
        signer: frame.signer.clone(),
    }
}

const ROMAN: [&str; 6] = ["I", "II", "III", "IV", "V", "VI"];

/// The report as a document: frame, title, sections I (figures in words), II (by unit),
/// III (overdue), IV (quiet units).
pub fn report_document(
    report: &ReportOn,
    frame_of: &ReportFrame,
    opts: &DocOptions,
    lang: Lang,
) -> Document {
    let t = text(lang);
    let mut doc = frame(frame_of, frame_of.report_ref.as_deref(), opts.today, lang);
    let period = match (&report.period, &report.source) {
        (_, Some(source)) => source.title.clone(),
        (Some(p), None) => p.label(lang),
        (None, None) => match lang {
            Lang::Vi => format!("đến ngày {}", format_date(report.as_of, lang)),
            Lang::En => format!("as of {}", format_date(report.as_of, lang)),
        },
    };
    let subtitle = opts.title.clone().unwrap_or_else(|| match lang {
        Lang::Vi => format!("{} {}", t.doc_subject, period),
        Lang::En => format!("{}, {}", t.doc_subject, period),
    });
    if opts.annex {
        doc.number = None;
        doc.title = Some(t.doc_annex.to_string());
        doc.subtitle = vec![subtitle];
        let reference = frame_of.report_ref.as_deref().unwrap_or("");
        doc.under_title.push(match lang {
            Lang::Vi => format!(
                "{} \u{a0}\u{a0}\u{a0}\u{a0}\u{a0}{reference} ngày {})",
                t.doc_annex_of,
                format_date(opts.today, lang)
            ),
            Lang::En => format!(
                "{} \u{a0}\u{a0}\u{a0}\u{a0}\u{a0}{reference} of {})",
                t.doc_annex_of,
                format_date(opts.today, lang)
            ),
        });
    } else {
        doc.title = Some(t.doc_report.to_string());
        doc.subtitle = vec![subtitle];
    }
    doc.under_title.push(format!(
        "({} {}; {}: {})",
        t.as_of.to_lowercase_first(),
        format_date(report.as_of, lang),
        t.scope_label.to_lowercase_first(),
        scope_text(report, lang)
    ));

    let mut n = 0;
    let mut section = |title: &str| {
        n += 1;
        Block::Heading(format!("{}. {}", ROMAN[(n - 1).min(5)], title))
    };
    let b = &mut doc.blocks;
    b.push(section(t.doc_section_general));
    if report.is_empty() {
        b.push(Block::Paragraph(
            super::md::nothing_text(report, lang).to_string(),
        ));
    } else {
        b.push(Block::Paragraph(narrative(&report.overall, lang)));
        if let Some(prev) = &report.overall_previous {
            b.push(Block::Paragraph(format!(
                "{}: {}.",
                t.previous_rate,
                percent(prev.completion_rate(), lang)
            )));
        }
    }
    b.push(Block::Note(format!(
        "{} {}",
        t.completion_formula, t.rates_note
    )));

    b.push(section(t.doc_section_units));
    b.push(Block::Table(units_table(report, t, lang)));
    if report.ranked {
        b.push(Block::Note(t.ranking_note.to_string()));
    }

    b.push(section(t.doc_section_overdue));
    if report.overdue.is_empty() {
        b.push(Block::Paragraph(t.no_overdue.to_string()));
    } else {
        let f = &report.overall;
        b.push(Block::Paragraph(match lang {
            Lang::Vi => format!(
                "Có {:02} nhiệm vụ quá hạn, trong đó quá hạn trên 30 ngày: {}, trên 90 ngày: {}.",
                f.overdue, f.overdue_30, f.overdue_90
            ),
            Lang::En => format!(
                "{} directives are overdue, of which {} by more than 30 days and {} by more than 90 days.",
                f.overdue, f.overdue_30, f.overdue_90
            ),
        }));
        b.push(Block::Table(ageing_table(report, t)));
        b.push(Block::Table(overdue_table(report, t, lang)));
    }

    b.push(section(t.doc_section_quiet));
    if report.quiet.is_empty() {
        b.push(Block::Paragraph(t.no_quiet.to_string()));
    } else {
        b.push(Block::Paragraph(format!(
            "{} {}.",
            t.quiet_note, report.quiet_days
        )));
        for q in &report.quiet {
            let last = q
                .last_entry
                .map_or(t.never.to_string(), |d| format_date(d, lang));
            b.push(Block::Paragraph(format!(
                "- {}: {} {}; {}: {}.",
                q.name,
                q.open,
                t.not_done_count.to_lowercase_first(),
                t.last_update.to_lowercase_first(),
                last
            )));
        }
    }
    doc
}

fn units_table(report: &ReportOn, t: &ReportText, lang: Lang) -> Table {
    let compare = report.previous.is_some();
    let mut head1 = vec![
        Cell::head(t.rank).span(1, 2),
        Cell::head(t.unit).span(1, 2),
        Cell::head(t.total).span(1, 2),
        Cell::head(t.doc_done_total).span(2, 1),
        Cell::head(t.doc_not_done_total).span(4, 1),
        Cell::head(t.doc_cancelled).span(1, 2),
        Cell::head(t.completion_rate).span(1, 2),
    ];
    let mut widths = vec![5, 24, 7, 8, 8, 8, 8, 8, 7, 8, 9];
    if compare {
        head1.push(Cell::head(t.previous_rate).span(1, 2));
        widths = vec![5, 21, 6, 7, 7, 7, 7, 8, 7, 7, 9, 9];
    }
    if report.ranked {
        head1.push(Cell::head(t.rank_col).span(1, 2));
        widths[1] -= 6;
        widths.push(6);
    }
    let head2 = vec![
        Cell::head(t.col_on_time),
        Cell::head(t.col_late),
        Cell::head(t.doc_within_incl),
        Cell::head(t.col_due_soon),
        Cell::head(t.ongoing),
        Cell::head(t.col_overdue),
    ];
    let columns = widths.len();
    let row =
        |lead: Vec<Cell>, f: &Figures, prev: Option<&Figures>, rank: Option<usize>, bold: bool| {
            let mut cells = lead;
            for n in [
                f.total,
                f.on_time,
                f.late,
                f.within_with_ongoing(),
                f.due_soon,
                f.ongoing,
                f.overdue,
                f.cancelled,
            ] {
                cells.push(Cell::num(n.to_string()));
            }
            cells.push(Cell::num(percent(f.completion_rate(), lang)));
            if compare {
                cells.push(Cell::num(percent(
                    prev.and_then(|p| p.completion_rate()),
                    lang,
                )));
            }
            if report.ranked {
                cells.push(Cell::num(rank.map(|r| r.to_string()).unwrap_or_default()));
            }
            if bold {
                cells = cells.into_iter().map(Cell::bold).collect();
            }
            cells
        };
    let mut rows = Vec::new();
    for (g, group) in report.groups.iter().enumerate() {
        rows.push(vec![
            Cell::head(ROMAN.get(g).copied().unwrap_or("")),
            Cell::new(super::md::group_name(&group.group, t))
                .bold()
                .span(columns - 1, 1),
        ]);
        for (i, unit) in group.units.iter().enumerate() {
            rows.push(row(
                vec![Cell::num((i + 1).to_string()), Cell::new(&unit.name)],
                &unit.figures,
                unit.previous.as_ref(),
                unit.rank,
                false,
            ));
        }
        rows.push(row(
            vec![Cell::new(""), Cell::new(t.group_total)],
            &group.figures,
            group.previous.as_ref(),
            None,
            true,
        ));
    }
    rows.push(row(
        vec![Cell::new(""), Cell::new(t.overall)],
        &report.overall,
        report.overall_previous.as_ref(),
        None,
        true,
    ));
    Table {
        widths,
        head: vec![head1, head2],
        rows,
        small: true,
    }
}

fn ageing_table(report: &ReportOn, t: &ReportText) -> Table {
    let mut rows = Vec::new();
    for unit in report.units().filter(|u| u.figures.overdue > 0) {
        let f = &unit.figures;
        rows.push(vec![
            Cell::new(&unit.name),
            Cell::num(f.overdue.to_string()),
            Cell::num(f.overdue_30.to_string()),
            Cell::num(f.overdue_90.to_string()),
        ]);
    }
    Table {
        widths: vec![46, 18, 18, 18],
        head: vec![vec![
            Cell::head(t.unit),
            Cell::head(t.overdue),
            Cell::head(t.overdue_30),
            Cell::head(t.overdue_90),
        ]],
        rows,
        small: true,
    }
}

fn overdue_table(report: &ReportOn, t: &ReportText, lang: Lang) -> Table {
    let head = vec![
        Cell::head(t.rank),
        Cell::head(t.content),
        Cell::head(t.unit),
        Cell::head(t.status),
        Cell::head(t.deadline),
        Cell::head(t.days_overdue),
        Cell::head(t.extensions),
        Cell::head(t.reminders),
        Cell::head(t.note),
    ];
    let rows = report
        .overdue
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let notice = [
                o.source_ref.as_deref().map(str::to_string),
                o.source_date.map(|d| format_date(d, lang)),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
            let mut unit = o.owner_name.to_string();
            if !o.support_names.is_empty() {
                unit.push_str(&format!(
                    " ({}: {})",
                    t.support.to_lowercase_first(),
                    o.support_names.join(", ")
                ));
            }
            let mut deadline = format_date(o.deadline, lang);
            if let Some(first) = o.first_deadline.filter(|f| *f != o.deadline) {
                deadline.push_str(&format!(
                    " ({}: {})",
                    t.first_deadline.to_lowercase_first(),
                    format_date(first, lang)
                ));
            }
            let mut ext = o.extensions.to_string();
            if let Some(reason) = &o.reason {
                ext.push_str(&format!(": {reason}"));
            }
            let mut reminded = o.reminders.to_string();
            if let Some(last) = o.last_reminder {
                reminded.push_str(&format!(" ({})", format_date(last, lang)));
            }
            vec![
                Cell::num((i + 1).to_string()),
                Cell::new(&*o.text).with_sub(notice),
                Cell::new(unit),
                Cell::new(status_word(o.status, lang)),
                Cell::num(deadline),
                Cell::num(o.days_overdue.to_string()),
                Cell::new(ext),
                Cell::num(reminded),
                Cell::new(o.note.clone().unwrap_or_default()),
            ]
        })
        .collect();
    Table {
        widths: vec![5, 26, 14, 9, 13, 7, 8, 8, 13],
        head: vec![head],
        rows,
        small: true,
    }
}

/// Lower-cases the first letter, for a heading used inside a sentence.
trait LowerFirst {
    fn to_lowercase_first(&self) -> String;
}

impl LowerFirst for str {
    fn to_lowercase_first(&self) -> String {
        let mut chars = self.chars();
        match chars.next() {
            Some(c) => c.to_lowercase().chain(chars).collect(),
            None => String::new(),
        }
    }
}

/// Text from the files, fit for a document: no control characters (XML 1.0 forbids most of
/// them, and a terminal would obey them), one line.
pub fn clean(s: &str) -> String {
    s.chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .filter(|c| !c.is_control())
        .collect()
}

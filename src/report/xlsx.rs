//! The report as an Excel workbook (rust_xlsxwriter): sheet 1 the summary, sheet 2 the
//! overdue list. Counts are numbers, rates are numbers in a percent format (blank when
//! undefined), dates are Excel dates in a dd/mm/yyyy format; headers are bold; page set up
//! for A4 landscape, one page wide.
//!
//! Layout (fixed, so scripts and tests can find the cells; rows and columns 0-based):
//! - Summary: A1 workspace title, A2 report title, A3/C3 period, A4/C4 as-of date (a date
//!   cell); header at row [`SUMMARY_HEADER_ROW`]; then per group its units (worst first) and
//!   its total row, then the overall row. Columns: [`SUMMARY_COLUMNS`].
//! - Overdue: header at row 0, one directive per row from row 1, most overdue first.
//!   Columns: rank, id, unit, directive, deadline (date), days overdue, extensions, note,
//!   notice (number and date), status, first deadline (date), reason of the latest
//!   extension, reminders.

use super::md::{group_name, header_lines};
use super::{Figures, ReportOn};
use crate::i18n::report::text;
use crate::i18n::Lang;
use chrono::Datelike;
use rust_xlsxwriter::{
    ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

/// Row of the summary's header (0-based): four rows of title and dates, one blank row.
pub const SUMMARY_HEADER_ROW: u32 = 5;

/// What each summary column holds, by key (the keys of the JSON and CSV).
pub const SUMMARY_COLUMNS: [&str; 16] = [
    "group",
    "rank",
    "name",
    "owner",
    "total",
    "on_time",
    "late",
    "within",
    "due_soon",
    "overdue",
    "ongoing",
    "cancelled",
    "completion_rate",
    "on_time_rate",
    "overdue_30",
    "overdue_90",
];

struct Formats {
    title: Format,
    bold: Format,
    header: Format,
    text: Format,
    text_bold: Format,
    number: Format,
    number_bold: Format,
    percent: Format,
    percent_bold: Format,
    date: Format,
    date_plain: Format,
}

impl Formats {
    fn new() -> Formats {
        let cell = Format::new().set_border(FormatBorder::Thin);
        let bold = cell.clone().set_bold().set_background_color("#F2F2F2");
        Formats {
            title: Format::new().set_bold().set_font_size(14),
            bold: Format::new().set_bold(),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_border(FormatBorder::Thin)
                .set_background_color("#D9D9D9"),
            text: cell.clone().set_text_wrap().set_align(FormatAlign::Top),
            text_bold: bold.clone(),
            number: cell.clone(),
            number_bold: bold.clone(),
            percent: cell.clone().set_num_format("0.0%"),
            percent_bold: bold.set_num_format("0.0%"),
            date: cell.set_num_format("dd/mm/yyyy"),
            date_plain: Format::new()
                .set_num_format("dd/mm/yyyy")
                .set_align(FormatAlign::Left),
        }
    }
}

/// The workbook's bytes.
pub fn render(report: &ReportOn, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let t = text(lang);
    let f = Formats::new();
    let mut workbook = Workbook::new();

    let sheet = workbook.add_worksheet();
    sheet.set_name(t.summary_sheet)?;
    page_setup(sheet);
    sheet.write_string_with_format(0, 0, &report.title, &f.title)?;
    sheet.write_string_with_format(1, 0, t.report_title, &f.bold)?;
    let lines = header_lines(report, lang);
    let (period_label, period) = &lines[0];
    sheet.write_string_with_format(2, 0, *period_label, &f.bold)?;
    sheet.write_string(2, 2, period)?;
    sheet.write_string_with_format(3, 0, t.as_of, &f.bold)?;
    sheet.write_datetime_with_format(3, 2, excel_date(report.as_of)?, &f.date_plain)?;
    if let Some((label, source)) = lines.iter().find(|(l, _)| *l == t.source) {
        sheet.write_string_with_format(4, 0, *label, &f.bold)?;
        sheet.write_string(4, 2, source)?;
    }

    for (col, width) in [28, 5, 40, 14, 8, 11, 11, 12, 11, 9, 11, 8, 11, 11, 11, 11]
        .into_iter()
        .enumerate()
    {
        sheet.set_column_width(col as u16, width)?;
    }
    if report.is_empty() {
        sheet.write_string_with_format(
            SUMMARY_HEADER_ROW,
            0,
            super::md::nothing_text(report, lang),
            &f.bold,
        )?;
    } else {
        let headers = [
            t.group,
            t.rank,
            t.unit,
            t.id,
            t.total,
            t.on_time,
            t.late,
            t.within,
            t.due_soon,
            t.overdue,
            t.ongoing,
            t.cancelled,
            t.completion_rate,
            t.on_time_rate,
            t.overdue_30,
            t.overdue_90,
        ];
        for (col, h) in headers.into_iter().enumerate() {
            sheet.write_string_with_format(SUMMARY_HEADER_ROW, col as u16, h, &f.header)?;
        }
        sheet.set_row_height(SUMMARY_HEADER_ROW, 45)?;
        sheet.set_freeze_panes(SUMMARY_HEADER_ROW + 1, 3)?;
        sheet.set_repeat_rows(SUMMARY_HEADER_ROW, SUMMARY_HEADER_ROW)?;

        let mut row = SUMMARY_HEADER_ROW + 1;
        for group in &report.groups {
            let name = group_name(&group.group, t);
            for (i, unit) in group.units.iter().enumerate() {
                let leading = [
                    Some(name.as_str()),
                    None,
                    Some(unit.name.as_str()),
                    Some(unit.owner.as_str()),
                ];
                write_row(
                    sheet,
                    &f,
                    row,
                    leading,
                    Some(unit.rank.unwrap_or(i + 1)),
                    &unit.figures,
                    false,
                )?;
                row += 1;
            }
            let leading = [Some(name.as_str()), None, Some(t.group_total), None];
            write_row(sheet, &f, row, leading, None, &group.figures, true)?;
            row += 1;
        }
        let leading = [None, None, Some(t.overall), None];
        write_row(sheet, &f, row, leading, None, &report.overall, true)?;
        row += 2;
        let mut notes = vec![t.completion_formula, t.on_time_formula, t.rates_note];
        if report.ranked {
            notes.push(t.ranking_note);
        }
        let scope = format!("{}: {}", t.scope_label, super::md::scope_text(report, lang));
        for note in notes.into_iter().chain([scope.as_str()]) {
            sheet.write_string(row, 0, note)?;
            row += 1;
        }
    }

    let sheet = workbook.add_worksheet();
    sheet.set_name(t.overdue_sheet)?;
    page_setup(sheet);
    let headers = [
        t.rank,
        t.id,
        t.unit,
        t.content,
        t.deadline,
        t.days_overdue,
        t.extensions,
        t.note,
        t.notice,
        t.status,
        t.first_deadline,
        t.reason,
        t.reminders,
    ];
    for (col, (h, width)) in headers
        .into_iter()
        .zip([5, 15, 30, 50, 12, 10, 10, 45, 30, 14, 12, 35, 10])
        .enumerate()
    {
        sheet.write_string_with_format(0, col as u16, h, &f.header)?;
        sheet.set_column_width(col as u16, width)?;
    }
    sheet.set_row_height(0, 30)?;
    sheet.set_freeze_panes(1, 0)?;
    sheet.set_repeat_rows(0, 0)?;
    if report.overdue.is_empty() {
        let message = if report.is_empty() {
            super::md::nothing_text(report, lang)
        } else {
            t.no_overdue
        };
        sheet.write_string_with_format(1, 0, message, &f.bold)?;
    }
    for (i, item) in report.overdue.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_number_with_format(row, 0, (i + 1) as f64, &f.number)?;
        sheet.write_string_with_format(row, 1, &*item.id, &f.text)?;
        sheet.write_string_with_format(row, 2, &*item.owner_name, &f.text)?;
        sheet.write_string_with_format(row, 3, &*item.text, &f.text)?;
        sheet.write_datetime_with_format(row, 4, excel_date(item.deadline)?, &f.date)?;
        sheet.write_number_with_format(row, 5, item.days_overdue as f64, &f.number)?;
        sheet.write_number_with_format(row, 6, item.extensions as f64, &f.number)?;
        sheet.write_string_with_format(row, 7, item.note.as_deref().unwrap_or(""), &f.text)?;
        let notice = [
            item.source_ref.as_deref().map(str::to_string),
            item.source_date
                .map(|d| super::period::format_date(d, lang)),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
        sheet.write_string_with_format(row, 8, &notice, &f.text)?;
        let status = crate::i18n::report::status_word(item.status, lang);
        sheet.write_string_with_format(row, 9, status, &f.text)?;
        match item.first_deadline {
            Some(d) => sheet.write_datetime_with_format(row, 10, excel_date(d)?, &f.date)?,
            None => sheet.write_blank(row, 10, &f.date)?,
        };
        sheet.write_string_with_format(row, 11, item.reason.as_deref().unwrap_or(""), &f.text)?;
        sheet.write_number_with_format(row, 12, item.reminders as f64, &f.number)?;
    }

    workbook.save_to_buffer()
}

fn page_setup(sheet: &mut Worksheet) {
    sheet.set_paper_size(9); // A4
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
}

fn write_row(
    sheet: &mut Worksheet,
    f: &Formats,
    row: u32,
    leading: [Option<&str>; 4],
    rank: Option<usize>,
    figures: &Figures,
    bold: bool,
) -> Result<(), XlsxError> {
    let (text, number, percent) = if bold {
        (&f.text_bold, &f.number_bold, &f.percent_bold)
    } else {
        (&f.text, &f.number, &f.percent)
    };
    for (col, cell) in leading.into_iter().enumerate() {
        match (col, cell, rank) {
            (1, _, Some(rank)) => {
                sheet.write_number_with_format(row, 1, rank as f64, number)?;
            }
            (_, Some(s), _) => {
                sheet.write_string_with_format(row, col as u16, s, text)?;
            }
            _ => {
                sheet.write_blank(row, col as u16, text)?;
            }
        }
    }
    let counts = [
        figures.total,
        figures.on_time,
        figures.late,
        figures.within,
        figures.due_soon,
        figures.overdue,
        figures.ongoing,
        figures.cancelled,
    ];
    for (i, n) in counts.into_iter().enumerate() {
        sheet.write_number_with_format(row, 4 + i as u16, n as f64, number)?;
    }
    for (i, rate) in [figures.completion_rate(), figures.on_time_rate()]
        .into_iter()
        .enumerate()
    {
        let col = 12 + i as u16;
        match rate {
            Some(r) => sheet.write_number_with_format(row, col, r, percent)?,
            None => sheet.write_blank(row, col, percent)?,
        };
    }
    for (i, n) in [figures.overdue_30, figures.overdue_90]
        .into_iter()
        .enumerate()
    {
        sheet.write_number_with_format(row, 14 + i as u16, n as f64, number)?;
    }
    Ok(())
}

fn excel_date(date: chrono::NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(date.year() as u16, date.month() as u8, date.day() as u8)
}

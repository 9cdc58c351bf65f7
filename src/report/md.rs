//! The report as Markdown, for pasting into a message or a document: a title with the period
//! and the as-of date, one table per group (units worst first, then the group total), a table
//! of totals, the formulas, then the overdue list.

use super::period::format_date;
use super::{Figures, ReportOn};
use crate::i18n::report::{percent, text, ReportText};
use crate::i18n::Lang;
use std::fmt::Write as _;
use std::io;

pub fn render(report: &ReportOn, lang: Lang) -> String {
    let mut out = Vec::new();
    write(report, lang, &mut out).expect("writing to memory does not fail");
    String::from_utf8(out).expect("the report is text")
}

/// [`render`] written to `to` in pieces as it is made: the overdue list of a large report is
/// never held whole.
pub fn write(report: &ReportOn, lang: Lang, to: &mut dyn io::Write) -> io::Result<()> {
    const PIECE: usize = 64 * 1024;
    let t = text(lang);
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", inline(&report.title));
    let _ = writeln!(out, "## {}\n", t.report_title);
    for (label, value) in header_lines(report, lang) {
        let _ = writeln!(out, "- **{label}:** {}", inline(&value));
    }
    out.push('\n');

    if report.is_empty() {
        let _ = writeln!(out, "> {}", nothing_text(report, lang));
        return to.write_all(out.as_bytes());
    }

    let columns = figure_columns(t);
    for group in &report.groups {
        let _ = writeln!(out, "### {}\n", inline(&group_name(&group.group, t)));
        let mut heads = columns.to_vec();
        if report.previous.is_some() {
            heads.push(t.previous_rate);
        }
        table_head(&mut out, &[t.rank, t.unit], &heads);
        for (i, unit) in group.units.iter().enumerate() {
            figure_row_with(
                &mut out,
                &[unit.rank.unwrap_or(i + 1).to_string(), inline(&unit.name)],
                &unit.figures,
                unit.previous.as_ref(),
                lang,
                false,
            );
        }
        figure_row_with(
            &mut out,
            &[String::new(), t.group_total.to_string()],
            &group.figures,
            group.previous.as_ref(),
            lang,
            true,
        );
        out.push('\n');
    }

    let _ = writeln!(out, "### {}\n", t.overall);
    table_head(&mut out, &[t.group], &columns);
    for group in &report.groups {
        figure_row(
            &mut out,
            &[inline(&group_name(&group.group, t))],
            &group.figures,
            lang,
            false,
        );
    }
    figure_row(
        &mut out,
        &[t.overall.to_string()],
        &report.overall,
        lang,
        true,
    );
    out.push('\n');

    let _ = writeln!(out, "### {}\n", t.formulas_heading);
    let _ = writeln!(out, "- {}", t.completion_formula);
    let _ = writeln!(out, "- {}", t.on_time_formula);
    let _ = writeln!(out, "- {}", t.rates_note);
    if report.ranked {
        let _ = writeln!(out, "- {}", t.ranking_note);
    }
    out.push('\n');

    let _ = writeln!(out, "## {}\n", t.overdue_list);
    if report.overdue.is_empty() {
        let _ = writeln!(out, "{}", t.no_overdue);
        quiet(&mut out, report, lang);
        return to.write_all(out.as_bytes());
    }
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
        t.rank,
        t.id,
        t.unit,
        t.content,
        t.status,
        t.deadline,
        t.days_overdue,
        t.extensions,
        t.reminders,
        t.note
    );
    out.push_str("|---:|---|---|---|---|---|---:|---:|---:|---|\n");
    for (i, item) in report.overdue.iter().enumerate() {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            i + 1,
            inline(&item.id),
            inline(&item.owner_name),
            inline(&item.text),
            crate::i18n::report::status_word(item.status, lang),
            format_date(item.deadline, lang),
            item.days_overdue,
            item.extensions,
            item.reminders,
            inline(item.note.as_deref().unwrap_or("")),
        );
        if out.len() >= PIECE {
            to.write_all(out.as_bytes())?;
            out.clear();
        }
    }
    quiet(&mut out, report, lang);
    to.write_all(out.as_bytes())
}

fn quiet(out: &mut String, report: &ReportOn, lang: Lang) {
    let t = text(lang);
    let _ = writeln!(out, "\n## {}\n", t.quiet_heading);
    if report.quiet.is_empty() {
        let _ = writeln!(out, "{}", t.no_quiet);
        return;
    }
    let _ = writeln!(out, "{} {}\n", t.quiet_note, report.quiet_days);
    let _ = writeln!(
        out,
        "| {} | {} | {} |",
        t.unit, t.not_done_count, t.last_update
    );
    out.push_str("|---|---:|---|\n");
    for q in &report.quiet {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            inline(&q.name),
            q.open,
            q.last_entry
                .map_or(t.never.to_string(), |d| format_date(d, lang))
        );
    }
}

/// Period (or "all deadlines"), source when given, and the as-of date, labelled.
pub(super) fn header_lines(report: &ReportOn, lang: Lang) -> Vec<(&'static str, String)> {
    let t = text(lang);
    let mut lines = Vec::new();
    let period = match &report.period {
        Some(p) if p.kind == super::PeriodKind::Range => p.label(lang),
        Some(p) => format!(
            "{} ({} – {})",
            p.label(lang),
            format_date(p.from, lang),
            format_date(p.to, lang)
        ),
        None => t.all_deadlines.to_string(),
    };
    lines.push((t.period, period));
    if let Some(source) = &report.source {
        let mut s = source.title.clone();
        if let Some(date) = source.date {
            let _ = write!(s, " ({})", format_date(date, lang));
        }
        if s.is_empty() {
            s = source.path.clone();
        }
        lines.push((t.source, s));
    }
    lines.push((t.as_of, format_date(report.as_of, lang)));
    lines.push((t.scope_label, scope_text(report, lang).to_string()));
    lines
}

/// What an empty report says: nothing fell due, or nothing was given, by its scope.
pub fn nothing_text(report: &ReportOn, lang: Lang) -> &'static str {
    let t = text(lang);
    let by_source = match report.scope {
        super::Scope::Due => false,
        super::Scope::Cumulative => true,
        super::Scope::Assigned => report.period.is_some(),
    };
    if by_source {
        t.nothing_assigned
    } else {
        t.nothing_in_period
    }
}

/// The scope a report used, in one line.
pub fn scope_text(report: &ReportOn, lang: Lang) -> &'static str {
    let t = text(lang);
    match (report.scope, report.period) {
        (super::Scope::Cumulative, _) => t.scope_cumulative,
        (_, None) => t.scope_all,
        (super::Scope::Assigned, Some(_)) => t.scope_assigned,
        (super::Scope::Due, Some(_)) => t.scope_due,
    }
}

pub(super) fn group_name(group: &str, t: &ReportText) -> String {
    if group == super::UNKNOWN_GROUP {
        t.unknown_group.to_string()
    } else {
        group.to_string()
    }
}

fn figure_columns(t: &ReportText) -> [&'static str; 10] {
    [
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
    ]
}

fn table_head(out: &mut String, leading: &[&str], columns: &[&str]) {
    out.push('|');
    for h in leading.iter().chain(columns) {
        let _ = write!(out, " {h} |");
    }
    out.push_str("\n|");
    for (i, _) in leading.iter().enumerate() {
        // The rank column is numeric; names are left-aligned.
        out.push_str(if i == 0 && leading.len() > 1 {
            "---:|"
        } else {
            "---|"
        });
    }
    for _ in columns {
        out.push_str("---:|");
    }
    out.push('\n');
}

fn figure_row(out: &mut String, leading: &[String], f: &Figures, lang: Lang, bold: bool) {
    figure_row_with(out, leading, f, None, lang, bold)
}

/// A row of figures; `previous` adds the previous period's completion rate (`--compare`).
fn figure_row_with(
    out: &mut String,
    leading: &[String],
    f: &Figures,
    previous: Option<&Figures>,
    lang: Lang,
    bold: bool,
) {
    let cells = leading.iter().cloned().chain(
        [
            f.total,
            f.on_time,
            f.late,
            f.within,
            f.due_soon,
            f.overdue,
            f.ongoing,
            f.cancelled,
        ]
        .map(|n| n.to_string()),
    );
    let cells = cells
        .chain([
            percent(f.completion_rate(), lang),
            percent(f.on_time_rate(), lang),
        ])
        .chain(previous.map(|p| percent(p.completion_rate(), lang)));
    out.push('|');
    for cell in cells {
        if bold && !cell.is_empty() {
            let _ = write!(out, " **{cell}** |");
        } else {
            let _ = write!(out, " {cell} |");
        }
    }
    out.push('\n');
}

/// Text from the files, safe inside a table cell or a heading: one line, with the characters
/// Markdown would read as markup (emphasis, code, links, HTML, cell breaks) escaped, and no
/// control characters (the report goes to the terminal by default: an ESC would be obeyed).
pub(super) fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\r' | '\n' | '\t' => out.push(' '),
            c if c.is_control() => {}
            '\\' | '|' | '*' | '_' | '`' | '<' | '>' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

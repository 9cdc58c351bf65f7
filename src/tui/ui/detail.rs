//! Everything about the selected directive: wrapped text, source, units by name, deadline
//! and its changes, note, the whole log.

use super::text::{visible, wrap_lines};
use super::Theme;
use crate::i18n::tui::{self as t, tr, Text};
use crate::model::{Directive, LogEntry};
use crate::tui::app::{App, View};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let focused = app.view == View::Detail;
    let block = Block::bordered()
        .title(format!(" {} ", tr(app.lang, t::DETAIL)))
        .border_style(theme.border(focused));
    let Some(d) = app.selected() else {
        frame.render_widget(block, area);
        return;
    };
    let inner = block.inner(area);
    // Wrapped once per change of what it shows, not on every frame: a note of megabytes
    // would otherwise cost its whole length on each key.
    let context = format!(
        "{:?} {} {} {} {} {:?}",
        app.lang,
        app.today(),
        app.color,
        app.is_changed(&d.id),
        app.is_conflicted(d),
        app.git_status().and_then(|s| s.operation),
    );
    let key = (app.revision(), d.id.clone(), inner.width, context);
    let rows = app.detail_rows.get_or(key, || {
        wrap_lines(lines(app, d, theme), inner.width as usize)
    });
    // Only the full-screen detail scrolls; the side pane shows the top.
    let scroll = if focused { app.detail_scroll } else { 0 };
    let shown: Vec<Line> = rows
        .iter()
        .skip(scroll as usize)
        .take(inner.height as usize)
        .cloned()
        .collect();
    frame.render_widget(Paragraph::new(shown).block(block), area);
}

fn lines<'a>(app: &'a App, d: &'a Directive, theme: &Theme) -> Vec<Line<'a>> {
    let lang = app.lang;
    let ws = &app.ws();
    let tl = app.timeliness(d);
    let label = |text: Text| Span::styled(format!("{}: ", tr(lang, text)), theme.header());
    let value = |s: &str| Span::raw(visible(s).into_owned());
    // A text of several lines: its first line here, the others under it.
    let mut text = d.text.split('\n');
    let mut out = vec![
        Line::from(vec![
            Span::styled(visible(&d.id).into_owned(), theme.header()),
            Span::raw("  "),
            Span::styled(
                format!(
                    "{} {}",
                    t::timeliness_symbol(tl),
                    t::relative(lang, tl, d.deadline, app.today())
                ),
                theme.timeliness(tl),
            ),
        ]),
        Line::from(value(text.next().unwrap_or_default())),
        Line::default(),
    ];
    out.splice(2..2, text.map(|l| Line::from(value(l))));
    let file = ws.file_of(d);
    let mut source = visible(&file.source.title).into_owned();
    if let Some(date) = file.source.date {
        source.push_str(&format!(" ({})", t::date(lang, date)));
    }
    if let Some(r) = &file.source.reference {
        source.push_str(&format!(" · {}", visible(r)));
    }
    out.push(Line::from(vec![label(t::SOURCE), Span::raw(source)]));
    out.push(Line::from(vec![
        label(t::FILE),
        value(&format!("{}:{}", file.path, d.line)),
    ]));
    if app.is_changed(&d.id) {
        out.push(Line::from(Span::styled(
            tr(lang, t::CHANGED_BY_OTHERS),
            theme.warning(),
        )));
    }
    if let Some(reason) = &file.broken {
        out.push(Line::from(Span::styled(
            format!("{} {}", t::BROKEN_MARK, tr(lang, t::BROKEN_FILE)),
            theme.error(),
        )));
        // The first problem has the line and column; the reason alone when there is none.
        let why = ws
            .problems
            .iter()
            .find(|p| p.path == file.path)
            .map_or_else(|| t::problem_kind(lang, reason), |p| t::problem(lang, p));
        out.push(Line::from(value(&why)));
    }
    if app.is_conflicted(d) {
        let op = app.git_status().and_then(|s| s.operation);
        out.push(Line::from(Span::styled(
            t::conflict_help(lang, op, &file.path),
            theme.warning(),
        )));
    }
    if let Some(by) = d.issued_by.as_deref().or(file.source.issued_by.as_deref()) {
        out.push(Line::from(vec![label(t::ISSUED_BY), value(by)]));
    }
    out.push(Line::from(vec![
        label(t::LEAD),
        value(ws.owner_name(&d.owner)),
    ]));
    if !d.support.is_empty() {
        let names: Vec<&str> = d.support.iter().map(|s| ws.owner_name(s)).collect();
        out.push(Line::from(vec![
            label(t::SUPPORT),
            value(&names.join(", ")),
        ]));
    }
    let deadline = t::deadline_history(lang, d.first_deadline(), d.deadline, d.extensions());
    out.push(Line::from(vec![label(t::DEADLINE), Span::raw(deadline)]));
    out.push(Line::from(vec![
        label(t::STATUS),
        Span::styled(
            format!(
                "{} {}",
                t::status_symbol(d.status),
                t::status_label(lang, d.status)
            ),
            theme.status(d.status),
        ),
    ]));
    if let Some(done) = d.done_on {
        out.push(Line::from(vec![
            label(t::DONE_ON),
            Span::raw(t::date(lang, done)),
        ]));
    }
    out.push(Line::from(vec![
        label(t::TIMELINESS),
        Span::styled(
            format!(
                "{} {}",
                t::timeliness_symbol(tl),
                t::timeliness_label(lang, tl)
            ),
            theme.timeliness(tl),
        ),
    ]));
    if let Some(line) = reminded_line(app, d) {
        out.push(Line::from(Span::styled(line, theme.warning())));
    }
    if let Some(note) = &d.note {
        out.push(Line::from(vec![label(t::NOTE), value(note)]));
    }
    out.push(Line::default());
    out.push(Line::from(Span::styled(
        tr(lang, t::LOG_NEWEST_FIRST),
        theme.header(),
    )));
    if d.log.is_empty() {
        out.push(Line::from(Span::styled(tr(lang, t::NO_LOG), theme.dim())));
    }
    // Which entries extended the deadline, as reports count them.
    let mut extension = vec![false; d.log.len()];
    for c in d.deadline_changes() {
        extension[c.entry] = c.is_extension();
    }
    // Newest first: what happened last is what a clerk opens the detail for.
    for (entry, extension) in d.log.iter().zip(extension).rev() {
        out.push(log_line(app, entry, extension, theme));
    }
    out
}

/// `2023-09-15 09:30:00 +07:00  Nguyễn Văn A  status → in progress; note: …`. The time is shown
/// in the offset it was written with, so the log reads the same in every time zone.
fn log_line<'a>(app: &App, e: &'a LogEntry, extension: bool, theme: &Theme) -> Line<'a> {
    let lang = app.lang;
    let at = match e.at {
        Some(at) => t::date_time(lang, at),
        None => visible(e.at_text()).into_owned(),
    };
    let mut what = Vec::new();
    let ws = app.ws();
    if e.created {
        what.push(tr(lang, t::LOG_CREATED).to_string());
    }
    if e.undo {
        what.push(tr(lang, t::LOG_UNDO).to_string());
    }
    if let Some(text) = e.text() {
        // On the entry's line: a text of several lines with its breaks as spaces.
        let text = visible(&text.replace('\n', " ")).into_owned();
        what.push(format!("{}: “{text}”", tr(lang, t::FIELD_TEXT)));
    }
    if let Some(o) = e.owner() {
        what.push(format!(
            "{} → {}",
            tr(lang, t::LEAD),
            visible(ws.owner_name(o))
        ));
    }
    if let Some(list) = e.support() {
        let names: Vec<&str> = list.iter().map(|s| ws.owner_name(s)).collect();
        let names = if names.is_empty() {
            tr(lang, t::NO_DEADLINE).to_string()
        } else {
            names.join(", ")
        };
        what.push(format!("{} → {}", tr(lang, t::SUPPORT), visible(&names)));
    }
    if let Some(s) = e.status {
        what.push(format!(
            "{} {}",
            t::status_symbol(s),
            t::status_label(lang, s)
        ));
    }
    if let Some(dl) = e.deadline {
        what.push(format!(
            "{} → {}",
            t::deadline_change_label(lang, extension),
            t::date(lang, dl)
        ));
    }
    if let Some(done) = e.done_on {
        what.push(format!("{} {}", tr(lang, t::DONE_ON), t::date(lang, done)));
    }
    for c in e.cleared() {
        what.push(format!(
            "{} {}",
            tr(lang, t::CLEARED),
            visible(&t::field_name(lang, c))
        ));
    }
    if e.reminder {
        what.push(t::reminder_entry(
            lang,
            e.reference().map(visible).as_deref(),
        ));
    }
    if let Some(n) = &e.note {
        what.push(format!("“{}”", visible(n)));
    }
    let why = [
        (t::LOG_DONE_REF, e.done_ref()),
        (t::LOG_REASON, e.reason()),
        (t::LOG_REF, e.reference()),
        (t::LOG_APPROVED_BY, e.approved_by()),
    ];
    for (label, value) in why {
        if let Some(v) = value {
            what.push(format!("{}: {}", tr(lang, label), visible(v)));
        }
    }
    Line::from(vec![
        Span::styled(format!("{at}  "), theme.dim()),
        Span::styled(format!("{}  ", visible(&e.by)), Style::new()),
        Span::raw(what.join("; ")),
    ])
}

/// How many reminder letters the unit had about this directive by the as-of date, and the last.
fn reminded_line(app: &App, d: &Directive) -> Option<String> {
    let sent: Vec<&LogEntry> = d
        .reminders()
        .filter(|e| e.at.is_some_and(|at| at.date_naive() <= app.today()))
        .collect();
    let last = sent.iter().max_by_key(|e| e.at)?;
    let reference = last.reference().map(visible);
    Some(t::reminded(
        app.lang,
        sent.len(),
        last.at?.date_naive(),
        reference.as_deref(),
    ))
}

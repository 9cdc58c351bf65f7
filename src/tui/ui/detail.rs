//! Everything about the selected directive: wrapped text, source, units by name, deadline
//! and its changes, note, the whole log.

use super::text::visible;
use super::Theme;
use crate::i18n::tui::{self as t, tr, Text};
use crate::model::{Directive, LogEntry};
use crate::tui::app::{App, View};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
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
    let lines = lines(app, d, theme);
    // Only the full-screen detail scrolls; the side pane shows the top.
    let scroll = if focused { app.detail_scroll } else { 0 };
    let paragraph = Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0));
    frame.render_widget(paragraph, area);
}

fn lines<'a>(app: &'a App, d: &'a Directive, theme: &Theme) -> Vec<Line<'a>> {
    let lang = app.lang;
    let ws = &app.ws();
    let tl = app.timeliness(d);
    let label = |text: Text| Span::styled(format!("{}: ", tr(lang, text)), theme.header());
    let value = |s: &str| Span::raw(visible(s).into_owned());
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
        Line::from(value(&d.text)),
        Line::default(),
    ];
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
            .map_or_else(|| reason.clone(), |p| p.to_string());
        out.push(Line::from(value(&why)));
    }
    if app.is_conflicted(d) {
        let op = app.git_status().and_then(|s| s.operation);
        out.push(Line::from(Span::styled(
            t::conflict_help(lang, op, &file.path),
            theme.warning(),
        )));
    }
    if let Some(by) = &d.issued_by {
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
    // Newest first: what happened last is what a clerk opens the detail for.
    for entry in d.log.iter().rev() {
        out.push(log_line(app, entry, theme));
    }
    out
}

/// `2023-09-15 09:30 +07:00  Nguyễn Văn A  status → in progress; note: …`. The time is shown
/// in the offset it was written with, so the log reads the same in every time zone.
fn log_line<'a>(app: &App, e: &'a LogEntry, theme: &Theme) -> Line<'a> {
    let lang = app.lang;
    let at = match e.at {
        Some(at) => at.format("%Y-%m-%d %H:%M %:z").to_string(),
        None => visible(&e.at_text).into_owned(),
    };
    let mut what = Vec::new();
    if let Some(s) = e.status {
        what.push(format!(
            "{} {}",
            t::status_symbol(s),
            t::status_label(lang, s)
        ));
    }
    if let Some(dl) = e.deadline {
        what.push(format!("{} → {}", tr(lang, t::DEADLINE), t::date(lang, dl)));
    }
    if let Some(done) = e.done_on {
        what.push(format!("{} {}", tr(lang, t::DONE_ON), t::date(lang, done)));
    }
    for c in &e.cleared {
        what.push(format!("{} {}", tr(lang, t::CLEARED), visible(c)));
    }
    if let Some(n) = &e.note {
        what.push(format!("“{}”", visible(n)));
    }
    Line::from(vec![
        Span::styled(format!("{at}  "), theme.dim()),
        Span::styled(format!("{}  ", visible(&e.by)), Style::new()),
        Span::raw(what.join("; ")),
    ])
}

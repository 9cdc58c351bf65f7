//! The status line (the last action's result, or the search being typed) and the footer
//! (the keys of the current mode, from the keymap table).

use super::text::{fit, input_window, width};
use super::Theme;
use crate::i18n::tui::{self as t, tr};
use crate::tui::app::{App, Level, Pane, View};
use crate::tui::keymap;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::Frame;

pub fn render_status(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let w = area.width as usize;
    // The search, or the unit being found, as it is typed.
    let typing = match &app.owners.find {
        Some(find) => Some((t::FIND_UNIT, &find.line, !find.found)),
        None if app.list.searching => Some((t::SEARCH, &app.list.search_line, false)),
        None => None,
    };
    if let Some((label, input, none)) = typing {
        let prompt = format!("{}: /", tr(app.lang, label));
        let room = w.saturating_sub(width(&prompt) + 1);
        let (shown, at) = input_window(input.as_str(), input.cursor().1, room);
        let mut spans = vec![
            Span::styled(prompt.clone(), theme.key()),
            Span::raw(shown.clone()),
        ];
        if none {
            spans.push(Span::styled(
                format!("  ({})", tr(app.lang, t::FIND_NONE)),
                theme.warning(),
            ));
        }
        let line = Line::from(spans);
        frame
            .buffer_mut()
            .set_line(area.x, area.y, &line, area.width);
        let x = area.x + (width(&prompt) + at) as u16;
        frame.set_cursor_position((x.min(area.right().saturating_sub(1)), area.y));
        return;
    }
    if let Some(lines) = long_error(app, w) {
        let buf = frame.buffer_mut();
        let two_rows = Rect { height: 2, ..area };
        buf.set_style(two_rows.intersection(buf.area), theme.error());
        for (i, line) in lines.iter().take(2).enumerate() {
            let shown = if i == 1 && lines.len() > 2 {
                fit(&format!("{line} {}", lines[2..].join(" ")), w)
            } else {
                line.clone()
            };
            buf.set_stringn(area.x, area.y + i as u16, shown, w, theme.error());
        }
        return;
    }
    // A rebase or merge left stopped stays in view until resolved, when nothing newer is said.
    let stopped;
    let message = match &app.message {
        Some(m) => m,
        None => match app.git_status().and_then(|s| s.operation.map(|op| (op, s))) {
            Some((op, s)) => {
                stopped = crate::tui::app::Message {
                    level: Level::Warning,
                    text: t::operation_stopped(app.lang, op, &s.conflicted),
                };
                &stopped
            }
            None => return,
        },
    };
    let (prefix, style) = match message.level {
        Level::Info => (String::new(), ratatui::style::Style::new()),
        Level::Warning => ("! ".to_string(), theme.warning()),
        Level::Error => (
            format!("✗ {}: ", tr(app.lang, t::ERROR_MARK)),
            theme.error(),
        ),
    };
    let text = format!("{prefix}{}", message.text);
    let buf = frame.buffer_mut();
    if message.level == Level::Error {
        buf.set_style(area, style);
    }
    buf.set_stringn(area.x, area.y, fit(&text, w), w, style);
}

/// An error too long for the status line takes the footer's line too: what went wrong
/// matters more than the key hints just then.
fn long_error(app: &App, width_: usize) -> Option<Vec<String>> {
    let message = app.message.as_ref().filter(|m| m.level == Level::Error)?;
    if app.list.searching || app.owners.find.is_some() {
        return None;
    }
    let text = format!("✗ {}: {}", tr(app.lang, t::ERROR_MARK), message.text);
    (width(&text) > width_).then(|| super::text::wrap(&text, width_))
}

pub fn render_footer(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if long_error(app, area.width as usize).is_some() {
        return;
    }
    let mut spans = Vec::new();
    let mut used = 0;
    if !app.marked.is_empty() {
        let count = t::marked_count(app.lang, app.marked.len());
        used += width(&count) + 2;
        spans.push(Span::styled(format!("{count}  "), theme.key()));
    }
    // `?` and `q` always show, at the end: the others give way when the line is full.
    // In the units pane `/` finds a unit rather than searching the directives: said first.
    let units = app.focus == Pane::Owners && app.view == View::List;
    let context = if app.view == View::Detail {
        keymap::Context::Detail
    } else if units {
        keymap::Context::Units
    } else if !app.marked.is_empty() {
        keymap::Context::Marked
    } else if app.list.meeting.is_some() {
        keymap::Context::Meeting
    } else {
        keymap::Context::Directives
    };
    let mut hints = keymap::footer_in(app.mode(), context, app.lang);
    if let Some(i) = hints.iter().position(|(keys, _)| units && *keys == "/") {
        hints.remove(i);
        hints.insert(0, ("/", tr(app.lang, t::HINT_FIND_UNIT)));
    }
    let (always, others): (Vec<_>, Vec<_>) = hints
        .into_iter()
        .partition(|(keys, _)| matches!(*keys, "?" | "q"));
    let cost = |(keys, hint): &(&str, &str)| width(keys) + width(hint) + 3;
    let reserved: usize = always.iter().map(cost).sum();
    let room = (area.width as usize).saturating_sub(reserved);
    let mut shown = Vec::new();
    for hint in others {
        // Whole hints only, in their order; a shorter one further on may still fit. `?`
        // lists every key anyway.
        if used + cost(&hint) > room {
            continue;
        }
        used += cost(&hint);
        shown.push(hint);
    }
    for (keys, hint) in shown.into_iter().chain(always) {
        spans.push(Span::styled(keys, theme.key()));
        spans.push(Span::styled(format!(" {hint}  "), theme.dim()));
    }
    frame
        .buffer_mut()
        .set_line(area.x, area.y, &Line::from(spans), area.width);
}

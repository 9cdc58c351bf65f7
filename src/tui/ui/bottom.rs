//! The status line (the last action's result, or the search being typed) and the footer
//! (the keys of the current mode, from the keymap table).

use super::text::{fit, visible, width};
use super::Theme;
use crate::i18n::tui::{self as t, tr};
use crate::tui::app::{App, Level};
use crate::tui::keymap;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::Frame;

pub fn render_status(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let w = area.width as usize;
    if app.searching {
        let prompt = format!("{}: /", tr(app.lang, t::SEARCH));
        // Show the end of a long search: that is where the typing happens.
        let query = visible(&app.search);
        let room = w.saturating_sub(width(&prompt) + 1);
        let mut shown: String = query
            .chars()
            .rev()
            .scan(0, |used, c| {
                *used += width(&c.to_string());
                (*used <= room).then_some(c)
            })
            .collect();
        shown = shown.chars().rev().collect();
        let line = Line::from(vec![
            Span::styled(prompt.clone(), theme.key()),
            Span::raw(shown.clone()),
        ]);
        frame
            .buffer_mut()
            .set_line(area.x, area.y, &line, area.width);
        let x = area.x + (width(&prompt) + width(&shown)) as u16;
        frame.set_cursor_position((x.min(area.right().saturating_sub(1)), area.y));
        return;
    }
    let Some(message) = &app.message else {
        return;
    };
    let (prefix, style) = match message.level {
        Level::Info => (String::new(), ratatui::style::Style::new()),
        Level::Warning => ("! ".to_string(), theme.warning()),
        Level::Error => (
            format!("✗ {}: ", tr(app.lang, t::ERROR_MARK)),
            theme.error(),
        ),
    };
    let text = fit(&format!("{prefix}{}", message.text), w);
    let buf = frame.buffer_mut();
    if message.level == Level::Error {
        buf.set_style(area, style);
    }
    buf.set_stringn(area.x, area.y, text, w, style);
}

pub fn render_footer(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let mut spans = Vec::new();
    for (keys, hint) in keymap::footer(app.mode(), app.lang) {
        spans.push(Span::styled(keys, theme.key()));
        spans.push(Span::styled(format!(" {hint}  "), theme.dim()));
    }
    frame
        .buffer_mut()
        .set_line(area.x, area.y, &Line::from(spans), area.width);
}

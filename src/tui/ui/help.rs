//! The `?` screen: every key from the keymap table, and what the symbols mean.

use super::{centered, Theme};
use crate::i18n::tui::{self as t, tr};
use crate::model::{Status, Timeliness};
use crate::tui::app::App;
use crate::tui::keymap;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use ratatui::Frame;

pub fn render(frame: &mut Frame, app: &App, scroll: u16, theme: &Theme) {
    let lang = app.lang;
    let mut lines = Vec::new();
    for (section, entries) in keymap::help(lang) {
        lines.push(Line::from(Span::styled(section, theme.group())));
        for (keys, what) in entries {
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<16}"), theme.key()),
                Span::raw(what),
            ]));
        }
    }
    lines.push(Line::from(Span::styled(tr(lang, t::LEGEND), theme.group())));
    let timeliness: Vec<Span> = Timeliness::ALL
        .iter()
        .flat_map(|&tl| {
            [
                Span::styled(
                    format!("  {} ", t::timeliness_symbol(tl)),
                    theme.timeliness(tl),
                ),
                Span::raw(t::timeliness_label(lang, tl)),
            ]
        })
        .collect();
    lines.push(Line::from(timeliness));
    let status: Vec<Span> = Status::ALL
        .iter()
        .flat_map(|&s| {
            [
                Span::styled(format!("  {} ", t::status_symbol(s)), theme.status(s)),
                Span::raw(t::status_label(lang, s)),
            ]
        })
        .collect();
    lines.push(Line::from(status));
    lines.push(Line::from(format!(
        "  ↳ {}",
        tr(lang, t::SUPPORT_MARK).trim()
    )));
    // Over the panes, between the title bar and the status line.
    let area = frame.area();
    let body = Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(3),
    );
    let popup = centered(body, body.width.min(100), body.height);
    frame.render_widget(Clear, body);
    let block = Block::bordered()
        .title(format!(" {} ", tr(lang, t::HELP_TITLE)))
        .title_bottom(format!(" {} ", tr(lang, t::HELP_CLOSE)))
        .border_style(theme.border(true));
    let paragraph = Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0));
    frame.render_widget(paragraph, popup);
}

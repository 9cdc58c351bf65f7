//! The `?` screen: every key from the keymap table, and what the symbols mean, as the
//! keymap lays them out at this width (`keymap::help_rows`), so the scrolling stops at the end.

use super::{centered, Theme};
use crate::i18n::tui::{self as t, tr};
use crate::tui::app::App;
use crate::tui::keymap::{self, HelpRow, LegendItem};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear};
use ratatui::Frame;

pub fn render(frame: &mut Frame, app: &App, scroll: u16, theme: &Theme) {
    let lang = app.lang;
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
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let rows = keymap::help_rows(lang, inner.width as usize);
    let last = rows.len().saturating_sub(inner.height as usize);
    let buf = frame.buffer_mut();
    for (i, row) in rows
        .iter()
        .skip((scroll as usize).min(last))
        .take(inner.height as usize)
        .enumerate()
    {
        let line = match row {
            HelpRow::Heading(h) => Line::from(Span::styled(*h, theme.group())),
            HelpRow::Entry { keys, text } => Line::from(vec![
                Span::styled(keys.as_str(), theme.key()),
                Span::raw(text.as_str()),
            ]),
            HelpRow::Legend(items) => Line::from(
                items
                    .iter()
                    .flat_map(|item| {
                        let (symbol, label) = item.parts(lang);
                        let style = match *item {
                            LegendItem::Timeliness(tl) => theme.timeliness(tl),
                            LegendItem::Status(s) => theme.status(s),
                            LegendItem::Support => ratatui::style::Style::new(),
                        };
                        [Span::styled(symbol, style), Span::raw(label)]
                    })
                    .collect::<Vec<_>>(),
            ),
        };
        buf.set_line(inner.x, inner.y + i as u16, &line, inner.width);
    }
}

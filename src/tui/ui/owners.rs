//! The owners pane: "All units", then the units under their groups, with open and overdue
//! counts (overdue as "‼3": a symbol and a number, not a colour alone).

use super::text::{cell, fit};
use super::Theme;
use crate::i18n::tui::{self as t, tr};
use crate::tui::app::{App, Counts, OwnerRow, Pane};
use ratatui::layout::Rect;
use ratatui::widgets::Block;
use ratatui::Frame;

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let focused = app.focus == Pane::Owners;
    let block = Block::bordered()
        .title(format!(" {} ", tr(app.lang, t::UNITS)))
        .border_style(theme.border(focused));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = inner.height as usize;
    // The stored offset is for the current size; clamp anyway so the cursor is always shown.
    let mut offset = app.owners.offset;
    if app.owners.cursor >= offset + height {
        offset = app.owners.cursor + 1 - height;
    }
    let w = inner.width as usize;
    // The counts at the right of a row, " 123 ‼12", as wide as the largest (All units) needs.
    let digits = |n: usize| n.to_string().len();
    let open_width = digits(app.owners.all.open).max(3) + 1;
    let overdue_width = digits(app.owners.all.overdue).max(2) + 2;
    let counts_width = open_width + overdue_width;
    let buf = frame.buffer_mut();
    for (i, row) in app.owners.rows.iter().enumerate().skip(offset).take(height) {
        let y = inner.y + (i - offset) as u16;
        let (name, counts, indent) = match *row {
            OwnerRow::All => (
                tr(app.lang, t::ALL_UNITS).to_string(),
                Some(app.owners.all),
                "",
            ),
            OwnerRow::Group(g) => (app.ws().groups[g].clone(), None, ""),
            // Full names when the pane has the room (one pane at a time on narrow screens).
            OwnerRow::Owner(o) if w >= 60 => (
                app.ws().owners[o].name.clone(),
                Some(app.owners.counts[o]),
                " ",
            ),
            OwnerRow::Owner(o) => (
                app.ws().owners[o].short_name().to_string(),
                Some(app.owners.counts[o]),
                " ",
            ),
        };
        let Some(counts) = counts else {
            buf.set_stringn(inner.x, y, fit(&name, w), w, theme.group());
            // A group's row is selectable: every directive its units lead.
            if i == app.owners.cursor {
                buf.set_style(
                    Rect::new(inner.x, y, inner.width, 1),
                    theme.selected(focused),
                );
            }
            continue;
        };
        let name_width = w.saturating_sub(counts_width);
        buf.set_stringn(
            inner.x,
            y,
            cell(&format!("{indent}{name}"), name_width),
            name_width,
            ratatui::style::Style::new(),
        );
        let Counts { open, overdue } = counts;
        let x = inner.x + name_width as u16;
        buf.set_stringn(
            x,
            y,
            format!("{open:>open_width$}"),
            open_width,
            theme.dim(),
        );
        if overdue > 0 {
            let symbol = t::timeliness_symbol(crate::model::Timeliness::Overdue);
            let text = format!(" {symbol}{overdue:<width$}", width = overdue_width - 2);
            buf.set_stringn(
                x + open_width as u16,
                y,
                text,
                overdue_width,
                theme.overdue(),
            );
        }
        if i == app.owners.cursor {
            let row_area = Rect::new(inner.x, y, inner.width, 1);
            buf.set_style(row_area, theme.selected(focused));
        }
    }
}

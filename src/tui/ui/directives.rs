//! The directives pane: deadline (date and relative), timeliness symbol, status, id, lead
//! unit (when the list spans several units), text. Only the rows on screen are built. Columns
//! narrow with the width: the id goes first, then the relative deadline and the status words
//! (their symbols stay).

use super::text::{cell, fit, width};
use super::Theme;
use crate::i18n::tui::{self as t, tr};
use crate::i18n::Lang;
use crate::model::Status;
use crate::tui::app::{App, Pane, View};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;
use ratatui::Frame;

const DATE_WIDTH: usize = 10;

/// Which columns fit in a pane `inner` cells wide.
struct Columns {
    when: bool,
    /// Width of the status column, symbol and word; 0 shows the symbol alone.
    status: usize,
    id: usize,
    /// Width of the lead unit's short name; 0 when the list is one unit's.
    unit: usize,
}

/// Widest unit column: longer short names are cut with "…".
const UNIT_MAX_WIDTH: usize = 14;

impl Columns {
    fn for_width(inner: usize, lang: Lang, id_width: usize, unit_width: usize) -> Columns {
        let status_words = Status::ALL
            .iter()
            .map(|s| width(t::status_label(lang, *s)))
            .max()
            .unwrap_or(0)
            + 2;
        // Words wider than the English ones ("hoàn thành đúng hạn", "chưa thực hiện") leave
        // the text less room: the id gives way sooner.
        let wider = t::relative_width(lang).saturating_sub(14) + status_words.saturating_sub(13);
        Columns {
            when: inner >= 60,
            status: if inner >= 60 { status_words } else { 0 },
            id: if inner >= 84 + wider { id_width } else { 0 },
            // "All units" or a group: six rows reading "Speed up disbursement" must say whose.
            unit: if inner >= 70 {
                unit_width.min(if inner >= 100 { UNIT_MAX_WIDTH } else { 10 })
            } else {
                0
            },
        }
    }
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let lang = app.lang;
    // Every timeliness word fits, and "1006 days overdue".
    let when_width = t::relative_width(lang);
    let focused = app.focus == Pane::Directives && app.view == View::List;
    let block = Block::bordered()
        .title(pane_title(app))
        .border_style(theme.border(focused));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width < 10 {
        return;
    }
    let w = inner.width as usize;
    let unit_width = if app.selected_owner().is_none() {
        app.ws()
            .owners
            .iter()
            .map(|o| width(o.short_name()))
            .max()
            .unwrap_or(0)
            .max(width(tr(lang, t::COL_UNIT)))
    } else {
        0
    };
    let cols = Columns::for_width(w, lang, app.list.id_width, unit_width);
    let buf = frame.buffer_mut();

    // Header.
    // The mark column, while something is marked, shifts the header too.
    let lead = if app.marked.is_empty() { "  " } else { "   " };
    let mut header = vec![
        Span::raw(lead),
        Span::raw(cell(tr(lang, t::COL_DEADLINE), DATE_WIDTH + 1)),
    ];
    if cols.when {
        header.push(Span::raw(cell(tr(lang, t::COL_WHEN), when_width + 3)));
    } else {
        header.push(Span::raw("  "));
    }
    if cols.status > 0 {
        header.push(Span::raw(cell(tr(lang, t::COL_STATUS), cols.status + 1)));
    } else {
        header.push(Span::raw("  "));
    }
    if cols.id > 0 {
        header.push(Span::raw(cell(tr(lang, t::COL_ID), cols.id + 1)));
    }
    if cols.unit > 0 {
        header.push(Span::raw(cell(tr(lang, t::COL_UNIT), cols.unit + 1)));
    }
    header.push(Span::raw(tr(lang, t::COL_TEXT)));
    buf.set_line(
        inner.x,
        inner.y,
        &Line::from(header).style(theme.header()),
        inner.width,
    );

    let list_area = Rect {
        y: inner.y + 1,
        height: inner.height - 1,
        ..inner
    };
    let height = list_area.height as usize;
    if app.list.rows.is_empty() {
        let text = if app.list.search.is_empty() && app.list.filter.is_none() {
            tr(lang, t::NO_DIRECTIVES)
        } else {
            tr(lang, t::NO_MATCH)
        };
        buf.set_stringn(
            list_area.x + 2,
            list_area.y,
            fit(text, w.saturating_sub(2)),
            w,
            theme.dim(),
        );
        return;
    }
    let mut offset = app.list.offset;
    if app.list.cursor >= offset + height {
        offset = app.list.cursor + 1 - height;
    }
    for (i, row) in app.list.rows.iter().enumerate().skip(offset).take(height) {
        let d = app.directive(row);
        let tl = app.timeliness(d);
        let selected = i == app.list.cursor;
        let mut spans = Vec::with_capacity(12);
        spans.push(Span::raw(if selected { "›" } else { " " }));
        // The mark column shows only while something is marked.
        if !app.marked.is_empty() {
            let marked = app.marked.contains(&d.id);
            spans.push(Span::styled(if marked { "✓" } else { " " }, theme.key()));
        }
        spans.push(Span::raw(if row.support { "↳" } else { " " }));
        let date = d
            .deadline
            .map_or_else(|| "—".to_string(), |dl| t::date(lang, dl));
        spans.push(Span::raw(cell(&date, DATE_WIDTH)));
        spans.push(Span::raw(" "));
        // Symbol and words in one span: one style change per row is fewer bytes per frame.
        let when = if cols.when {
            format!(
                "{} {}",
                t::timeliness_symbol(tl),
                cell(&t::relative(lang, tl, d.deadline, app.today()), when_width)
            )
        } else {
            t::timeliness_symbol(tl).to_string()
        };
        spans.push(Span::styled(when, theme.timeliness(tl)));
        spans.push(Span::raw(" "));
        let status_style = theme.status(d.status);
        if cols.status > 0 {
            let status = format!(
                "{} {}",
                t::status_symbol(d.status),
                t::status_label(lang, d.status)
            );
            spans.push(Span::styled(cell(&status, cols.status), status_style));
        } else {
            spans.push(Span::styled(t::status_symbol(d.status), status_style));
        }
        spans.push(Span::raw(" "));
        if cols.id > 0 {
            spans.push(Span::styled(cell(&d.id, cols.id), theme.dim()));
            spans.push(Span::raw(" "));
        }
        if cols.unit > 0 {
            let unit = app
                .ws()
                .owner(&d.owner)
                .map_or(d.owner.as_str(), |o| o.short_name());
            spans.push(Span::raw(cell(unit, cols.unit)));
            spans.push(Span::raw(" "));
        }
        let used: usize = spans.iter().map(|s| width(&s.content)).sum();
        let room = w.saturating_sub(used);
        // Marks before the text: changed by others (not seen yet), in a broken file.
        let mut text = String::new();
        if app.is_changed(&d.id) {
            text.push_str(t::CHANGED_MARK);
        }
        if app.ws().file_of(d).broken.is_some() {
            text.push_str(t::BROKEN_MARK);
        }
        if row.support {
            text.push_str(tr(lang, t::SUPPORT_MARK));
        }
        text.push_str(&d.text);
        spans.push(Span::raw(cell(&text, room)));
        let y = list_area.y + (i - offset) as u16;
        buf.set_line(list_area.x, y, &Line::from(spans), list_area.width);
        if selected {
            // One uniform style over the row: a move redraws two rows in few bytes.
            buf.set_style(
                Rect::new(list_area.x, y, list_area.width, 1),
                theme.selected_row(focused),
            );
        }
    }
}

/// "Sở Tài chính · 12 of 40 · ‼ overdue · /giai ngan · most urgent first".
fn pane_title(app: &App) -> Line<'static> {
    let lang = app.lang;
    let meeting = app.list.meeting.as_ref().and_then(|path| {
        let file = app.ws().files.iter().find(|f| f.path == *path)?;
        Some(file.source.title.clone())
    });
    let owner = match (app.selected_owner(), &app.list.group, meeting) {
        (_, _, Some(title)) => title,
        (Some(i), _, _) => app.ws().owners[i].name.clone(),
        (None, Some(group), _) => group.clone(),
        (None, None, _) => tr(lang, t::ALL_UNITS).to_string(),
    };
    let total = app.list.rows.len();
    let mut parts = vec![fit(&owner, 40)];
    let filtered = app.list.filter.is_some() || !app.list.filters.is_empty();
    parts.push(if app.list.search.is_empty() && !filtered {
        total.to_string()
    } else {
        format!(
            "{} {}",
            tr(lang, t::FILTER),
            t::matches(lang, total, app.list.owner_total)
        )
    });
    if let Some(f) = app.list.filter {
        parts.push(f.label(lang));
    }
    if !app.list.filters.is_empty() {
        let labels: Vec<String> = app.list.filters.iter().map(|f| f.label(lang)).collect();
        parts.push(labels.join(" + "));
    }
    if !app.list.search.is_empty() {
        parts.push(format!("/{}", fit(&app.list.search, 24)));
    }
    parts.push(t::sort_label(lang, app.list.sort).to_string());
    if app.size.0 < crate::tui::layout::TWO_PANES_MIN_WIDTH {
        parts.push(tr(lang, t::TAB_TO_UNITS).to_string());
    }
    Line::from(format!(" {} ", parts.join(" · "))).style(Style::new())
}

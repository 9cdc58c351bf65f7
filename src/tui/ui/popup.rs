//! Popups over the lists: the status picker, the filter picker, the note and deadline prompts.

use super::text::{fit, input_window, width};
use super::{centered, Theme};
use crate::i18n::tui::{self as t, tr};
use crate::model::Status;
use crate::tui::app::{App, FilterChoice, Prompt, PromptKind, ViewFilter};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear};
use ratatui::Frame;

/// A bordered box centred on the screen, cleared; returns its inner area.
fn open_box(frame: &mut Frame, title: &str, width: u16, height: u16, theme: &Theme) -> Rect {
    let area = centered(frame.area(), width, height);
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .title(format!(
            " {} ",
            fit(title, width.saturating_sub(4) as usize)
        ))
        .border_style(theme.border(true));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

fn choice_rows(frame: &mut Frame, inner: Rect, rows: Vec<Line>, cursor: usize, theme: &Theme) {
    let buf = frame.buffer_mut();
    for (i, line) in rows.iter().enumerate().take(inner.height as usize) {
        let y = inner.y + i as u16;
        buf.set_line(inner.x, y, line, inner.width);
        if i == cursor {
            buf.set_style(Rect::new(inner.x, y, inner.width, 1), theme.selected(true));
        }
    }
}

pub fn status_picker(frame: &mut Frame, app: &App, cursor: usize, theme: &Theme) {
    let lang = app.lang;
    let Some(d) = app.selected() else { return };
    let rows: Vec<Line> = Status::ALL
        .iter()
        .enumerate()
        .map(|(i, &s)| {
            let current = if s == d.status {
                format!("  ({})", tr(lang, t::CURRENT))
            } else {
                String::new()
            };
            Line::from(vec![
                Span::styled(format!(" {} ", i + 1), theme.key()),
                Span::styled(
                    format!("{} {}", t::status_symbol(s), t::status_label(lang, s)),
                    theme.status(s),
                ),
                Span::raw(current),
            ])
        })
        .collect();
    let title = t::status_prompt_title(lang, &d.id);
    let inner = open_box(frame, &title, (width(&title) as u16 + 6).max(34), 7, theme);
    choice_rows(frame, inner, rows, cursor, theme);
}

/// The filter menu: each choice once under its heading (timeliness, status, unit group,
/// meeting), `•` on every choice in force, scrolled to keep the cursor in view.
pub fn filter_picker(frame: &mut Frame, app: &App, cursor: usize, theme: &Theme) {
    let lang = app.lang;
    let choices = app.filter_choices();
    let meetings = app.meetings();
    let mut rows: Vec<Line> = Vec::new();
    let mut cursor_row = 0;
    let mut heading = None;
    for (i, choice) in choices.iter().enumerate() {
        if choice.heading() != heading {
            heading = choice.heading();
            if let Some(h) = heading {
                rows.push(Line::from(Span::styled(tr(lang, h), theme.group())));
            }
        }
        let (label, style) = match choice {
            FilterChoice::None => (tr(lang, t::FILTER_NONE).to_string(), Style::new()),
            FilterChoice::Value(f) => (
                f.label(lang),
                match f {
                    ViewFilter::Timeliness(tl) => theme.timeliness(*tl),
                    ViewFilter::Status(s) => theme.status(*s),
                },
            ),
            FilterChoice::Group(g) => (
                app.ws().groups.get(*g).cloned().unwrap_or_default(),
                Style::new(),
            ),
            FilterChoice::Meeting(path) => (
                meetings
                    .iter()
                    .find(|m| m.path == *path)
                    .map(|m| t::meeting_row(lang, &m.title, m.date, m.number.as_deref(), m.count))
                    .unwrap_or_default(),
                Style::new(),
            ),
        };
        let marker = if app.filter_active(choice) {
            "•"
        } else {
            " "
        };
        if i == cursor {
            cursor_row = rows.len();
        }
        rows.push(Line::from(vec![
            Span::raw(format!(" {marker} ")),
            Span::styled(label, style),
        ]));
    }
    let widest = rows.iter().map(|l| l.width()).max().unwrap_or(0) as u16 + 3;
    let box_width = widest
        .clamp(34, 64)
        .min(frame.area().width.saturating_sub(2));
    let box_height = (rows.len() as u16 + 2).min(frame.area().height.saturating_sub(2));
    let inner = open_box(
        frame,
        tr(lang, t::FILTER_TITLE),
        box_width,
        box_height,
        theme,
    );
    // Keep the cursor in view, with its heading when it is the first of its kind.
    let room = (inner.height as usize).max(1);
    let first = cursor_row
        .saturating_sub(room - 1)
        .min(rows.len().saturating_sub(room));
    let rows: Vec<Line> = rows
        .into_iter()
        .skip(first)
        .map(|l| {
            let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            if width(&text) > inner.width as usize {
                let style = l.spans.last().map_or(Style::new(), |s| s.style);
                Line::from(Span::styled(fit(&text, inner.width as usize), style))
            } else {
                l
            }
        })
        .collect();
    let below = rows.len() > room;
    choice_rows(frame, inner, rows, cursor_row - first, theme);
    // More choices than room: arrows on the bottom border say which way they are.
    let arrows = match (first > 0, below) {
        (true, true) => "↑↓",
        (true, false) => "↑",
        (false, true) => "↓",
        (false, false) => "",
    };
    if !arrows.is_empty() && inner.width > 4 {
        frame.buffer_mut().set_string(
            inner.right().saturating_sub(3),
            inner.bottom(),
            format!(" {arrows}"),
            theme.border(true),
        );
    }
}

/// Rows of a directive's text shown in its prompt (`E`).
const TEXT_ROWS: usize = 4;

pub fn prompt(frame: &mut Frame, app: &App, prompt: &Prompt, theme: &Theme) {
    let lang = app.lang;
    let current = app.ws().directive(&prompt.id);
    let (title, hint) = match prompt.kind {
        PromptKind::Note { status } => {
            (t::note_prompt_title(lang, &prompt.id, status), t::NOTE_HINT)
        }
        PromptKind::Deadline => (
            t::deadline_prompt_title(lang, &prompt.id, current.and_then(|d| d.deadline)),
            t::DEADLINE_HINT,
        ),
        PromptKind::AsOf => (t::as_of_prompt_title(lang, app.today()), t::AS_OF_HINT),
        PromptKind::Text => (
            format!("{} {}", tr(lang, t::TEXT_PROMPT), prompt.id),
            t::TEXT_HINT,
        ),
    };
    let extras = prompt.kind.extras();
    // A text of several lines shows the lines around the cursor.
    let rows = if prompt.input.is_multi_line() {
        TEXT_ROWS
    } else {
        1
    };
    let box_width = frame.area().width.saturating_sub(4).min(86);
    let height = 4 + rows as u16 + extras.len() as u16;
    let inner = open_box(frame, &title, box_width, height, theme);
    let room = (inner.width as usize).saturating_sub(3);
    let (row, col) = prompt.input.cursor();
    let first = row.saturating_sub(rows - 1);
    let mut cursor = (inner.x + 2, inner.y + 1);
    let buf = frame.buffer_mut();
    for i in 0..rows {
        let r = first + i;
        let y = inner.y + 1 + i as u16;
        let Some(line) = prompt.input.rows().get(r) else {
            break;
        };
        let shown = if r == row {
            let (shown, at) = input_window(line, col, room);
            cursor = (inner.x + 2 + at as u16, y);
            shown
        } else {
            fit(line, room)
        };
        let lead = if r == 0 { "> " } else { "  " };
        buf.set_line(
            inner.x,
            y,
            &Line::from(vec![Span::styled(lead, theme.key()), Span::raw(shown)]),
            inner.width,
        );
    }
    let below = inner.y + 1 + rows as u16;
    // The optional fields, one a row: "reason: …".
    const LABEL: usize = 26;
    for (i, ((label, _), input)) in extras.iter().zip(&prompt.extra).enumerate() {
        let y = below + i as u16;
        let label = format!("  {:<w$}", fit(tr(lang, *label), LABEL - 3), w = LABEL - 2);
        let room = (inner.width as usize).saturating_sub(LABEL);
        let (shown, at) = input_window(input.as_str(), input.cursor().1, room);
        let style = if prompt.field == i + 1 {
            theme.key()
        } else {
            theme.dim()
        };
        buf.set_line(
            inner.x,
            y,
            &Line::from(vec![Span::styled(label, style), Span::raw(shown)]),
            inner.width,
        );
        if prompt.field == i + 1 {
            cursor = (inner.x + (LABEL + at) as u16, y);
        }
    }
    buf.set_stringn(
        inner.x,
        below + extras.len() as u16,
        fit(tr(lang, hint), inner.width as usize),
        inner.width as usize,
        theme.dim(),
    );
    if inner.height >= 2 {
        frame.set_cursor_position(cursor);
    }
}

/// The meetings, newest first, the chosen one highlighted.
pub fn meetings(frame: &mut Frame, app: &App, cursor: usize, theme: &Theme) {
    let lang = app.lang;
    let list = app.meetings();
    let width = frame.area().width.saturating_sub(4).min(100);
    let height = (list.len() as u16 + 2).min(frame.area().height.saturating_sub(2));
    let inner = open_box(frame, tr(lang, t::MEETINGS_TITLE), width, height, theme);
    let rows: Vec<Line> = list
        .iter()
        .map(|m| {
            // One line each: a title or number written on several lines is joined.
            let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
            let text = match &m.broken {
                Some(why) => t::broken_meeting_row(
                    lang,
                    &m.path,
                    &crate::i18n::store::problem_kind(lang, why),
                ),
                None => t::meeting_row(
                    lang,
                    &one_line(&m.title),
                    m.date,
                    m.number.as_deref().map(one_line).as_deref(),
                    m.count,
                ),
            };
            Line::from(format!(
                " {}",
                fit(&text, inner.width.saturating_sub(1) as usize)
            ))
        })
        .collect();
    // Keep the cursor in view in a long list.
    let room = inner.height as usize;
    let first = cursor.saturating_sub(room.saturating_sub(1));
    let rows: Vec<Line> = rows.into_iter().skip(first).collect();
    choice_rows(frame, inner, rows, cursor - first, theme);
}

/// The question before a delete, naming the directive.
pub fn confirm_delete(frame: &mut Frame, app: &App, id: &str, theme: &Theme) {
    let text = app.ws().directive(id).map_or("", |d| d.text.as_str());
    let width = frame.area().width.saturating_sub(4).min(86);
    let question = t::delete_question(app.lang, id, &fit(text, 50));
    let inner = open_box(frame, &format!("D · {id}"), width, 4, theme);
    frame.buffer_mut().set_stringn(
        inner.x + 1,
        inner.y + 1,
        fit(&question, inner.width.saturating_sub(2) as usize),
        inner.width.saturating_sub(2) as usize,
        theme.warning(),
    );
}

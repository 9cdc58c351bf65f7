//! The import (`I`): the path prompt, and the review of the drafts over the lists: each
//! draft's text, lead unit, coordinating units and deadline, what was recognised in the key
//! colour, what is missing flagged (`‼` no lead unit, `!` no deadline), then the paragraphs
//! that became no task; the split chooser and the write question over it.

use super::text::{fit, input_window, width};
use super::{centered, Theme};
use crate::i18n::import::{self as ti, tr};
use crate::import::review::Item;
use crate::import::{render, Flag};
use crate::tui::app::import::{Ask, Import, ReviewState};
use crate::tui::app::App;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear};
use ratatui::Frame;

pub fn render(frame: &mut Frame, app: &App, theme: &Theme) {
    match &app.import {
        Some(Import::Prompt { input }) => prompt(frame, app, input, theme),
        Some(Import::Review(r)) => {
            let full = frame.area();
            let body = Rect::new(
                full.x,
                full.y + 1,
                full.width,
                full.height.saturating_sub(3),
            );
            review(frame, body, app, r, theme);
            match &r.ask {
                Some(Ask::Split { cursor, points }) => split(frame, app, r, *cursor, points, theme),
                Some(Ask::Write { count, unassigned }) => {
                    let q = ti::confirm_write(
                        app.lang,
                        &r.review.rel,
                        *count,
                        *unassigned,
                        r.review.undecided(),
                    );
                    question(frame, &q, theme)
                }
                Some(Ask::Discard) => question(frame, tr(app.lang, ti::DISCARD), theme),
                None => {}
            }
        }
        None => {}
    }
}

/// A bordered box centred on the screen, cleared; its inner area.
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

fn prompt(frame: &mut Frame, app: &App, input: &crate::tui::app::Input, theme: &Theme) {
    let lang = app.lang;
    let box_width = frame.area().width.saturating_sub(4).min(86);
    let inner = open_box(frame, tr(lang, ti::PROMPT_TITLE), box_width, 6, theme);
    let label = format!("{}: ", tr(lang, ti::PROMPT_FILE));
    let room = (inner.width as usize).saturating_sub(width(&label) + 2);
    let (shown, at) = input_window(input.as_str(), input.cursor().1, room);
    let buf = frame.buffer_mut();
    buf.set_line(
        inner.x + 1,
        inner.y + 1,
        &Line::from(vec![
            Span::styled(label.clone(), theme.key()),
            Span::raw(shown),
        ]),
        inner.width.saturating_sub(1),
    );
    for (i, line) in super::text::wrap(tr(lang, ti::PROMPT_HINT), inner.width as usize - 2)
        .iter()
        .take(2)
        .enumerate()
    {
        buf.set_stringn(
            inner.x + 1,
            inner.y + 2 + i as u16,
            line,
            inner.width as usize - 2,
            theme.dim(),
        );
    }
    let x = inner.x + 1 + (width(&label) + at) as u16;
    frame.set_cursor_position((x.min(inner.right().saturating_sub(1)), inner.y + 1));
}

fn question(frame: &mut Frame, text: &str, theme: &Theme) {
    let box_width = frame.area().width.saturating_sub(4).min(86);
    let lines = super::text::wrap(text, box_width.saturating_sub(4) as usize);
    let inner = open_box(frame, "?", box_width, lines.len() as u16 + 2, theme);
    let buf = frame.buffer_mut();
    for (i, line) in lines.iter().enumerate().take(inner.height as usize) {
        buf.set_stringn(
            inner.x + 1,
            inner.y + i as u16,
            line,
            inner.width.saturating_sub(2) as usize,
            theme.warning(),
        );
    }
}

/// The choices of a split: after each line or sentence, then two copies.
fn split(
    frame: &mut Frame,
    app: &App,
    r: &ReviewState,
    cursor: usize,
    points: &[usize],
    theme: &Theme,
) {
    let Some(item) = r.draft().and_then(|i| r.review.items.get(i)) else {
        return;
    };
    let text = &item.draft.text;
    let box_width = frame.area().width.saturating_sub(4).min(100);
    let height = (points.len() as u16 + 3).min(frame.area().height.saturating_sub(2));
    let inner = open_box(
        frame,
        tr(app.lang, ti::SPLIT_TITLE),
        box_width,
        height,
        theme,
    );
    let w = inner.width.saturating_sub(2) as usize;
    let mut rows: Vec<String> = points
        .iter()
        .map(|p| {
            // The end of the first part: what comes just before the cut.
            let head = render::one_line(&text[..*p]);
            let tail: String = {
                let chars: Vec<char> = head.chars().collect();
                let from = chars.len().saturating_sub(w.saturating_sub(12));
                chars[from..].iter().collect()
            };
            format!("{} …{tail} ‖", tr(app.lang, ti::SPLIT_AFTER))
        })
        .collect();
    rows.push(tr(app.lang, ti::SPLIT_COPY).to_string());
    let room = inner.height as usize;
    let first = cursor.saturating_sub(room.saturating_sub(1));
    let buf = frame.buffer_mut();
    for (i, row) in rows.iter().enumerate().skip(first).take(room) {
        let y = inner.y + (i - first) as u16;
        let style = if i == cursor {
            theme.selected(true)
        } else {
            Style::new()
        };
        buf.set_stringn(inner.x + 1, y, fit(row, w), w, style);
        if i == cursor {
            buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
        }
    }
}

/// The short name of a unit of the registry, or the id.
fn unit(app: &App, id: &str) -> String {
    app.ws()
        .owner(id)
        .map_or_else(|| id.to_string(), |o| o.short_name().to_string())
}

fn review(frame: &mut Frame, area: Rect, app: &App, r: &ReviewState, theme: &Theme) {
    let lang = app.lang;
    frame.render_widget(Clear, area);
    let title = ti::review_title(lang, &r.review.origin, &r.review.rel, r.review.items.len());
    let block = Block::bordered()
        .title(format!(
            " {} ",
            fit(
                &render::one_line(&title),
                area.width.saturating_sub(4) as usize
            )
        ))
        .border_style(theme.border(true));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 3 || inner.width < 20 {
        return;
    }
    let w = inner.width as usize;
    let buf = frame.buffer_mut();
    // The source as recognised: title, number, date, issuer.
    let s = &r.review.source;
    let mut source: Vec<Span> = vec![Span::styled(
        format!("{}: ", tr(lang, ti::SOURCE)),
        theme.header(),
    )];
    let mut parts = vec![render::one_line(&s.title)];
    if let Some(n) = &s.reference {
        parts.push(render::one_line(n));
    }
    if let Some(d) = s.date {
        parts.push(crate::i18n::tui::date(lang, d));
    }
    if let Some(i) = &s.issued_by {
        parts.push(render::one_line(i));
    }
    source.push(Span::styled(parts.join(" · "), theme.key()));
    buf.set_line(inner.x, inner.y, &Line::from(source), inner.width);
    let counts = ti::review_counts(
        lang,
        r.review.accepted(),
        r.review.dropped(),
        r.review.undecided(),
    );
    buf.set_stringn(inner.x, inner.y + 1, fit(&counts, w), w, theme.dim());

    // The rows: two lines a draft, one a skipped paragraph; (line, row index).
    let mut lines: Vec<(Line, Option<usize>)> = Vec::new();
    if r.review.items.is_empty() {
        lines.push((Line::styled(tr(lang, ti::NO_TASKS), theme.warning()), None));
    }
    for (i, item) in r.review.items.iter().enumerate() {
        let (a, b) = draft_lines(app, i, item, w, theme);
        lines.push((a, Some(i)));
        lines.push((b, Some(i)));
    }
    if !r.review.skipped.is_empty() {
        let head = format!("── {} ", tr(lang, ti::SKIPPED));
        let fill = w.saturating_sub(width(&head));
        lines.push((
            Line::styled(fit(&format!("{head}{}", "─".repeat(fill)), w), theme.dim()),
            None,
        ));
        let base = r.review.items.len();
        for (k, sk) in r.review.skipped.iter().enumerate() {
            let label = format!(
                "  {} ({}): ",
                ti::line_no(lang, sk.line),
                crate::i18n::cli::import_skip_kind(lang, sk.kind)
            );
            let room = w.saturating_sub(width(&label));
            lines.push((
                Line::from(vec![
                    Span::styled(label, theme.dim()),
                    Span::raw(fit(&render::one_line(&sk.text), room)),
                ]),
                Some(base + k),
            ));
        }
    }
    let height = inner.height.saturating_sub(2) as usize;
    let first_of = lines.iter().position(|(_, row)| *row == Some(r.cursor));
    let last_of = lines.iter().rposition(|(_, row)| *row == Some(r.cursor));
    let offset = match (first_of, last_of) {
        (Some(first), Some(last)) if last >= height => (last + 1 - height).min(first),
        _ => 0,
    };
    for (k, (line, row)) in lines.iter().enumerate().skip(offset).take(height) {
        let y = inner.y + 2 + (k - offset) as u16;
        buf.set_line(inner.x, y, line, inner.width);
        if *row == Some(r.cursor) {
            buf.set_style(Rect::new(inner.x, y, inner.width, 1), theme.selected(true));
        }
    }
}

/// A draft's two lines: its state, number and text; then its units and deadline, with what
/// is missing flagged.
fn draft_lines(
    app: &App,
    i: usize,
    item: &Item,
    w: usize,
    theme: &Theme,
) -> (Line<'static>, Line<'static>) {
    let lang = app.lang;
    let d = &item.draft;
    let state = if item.dropped {
        "[✗]"
    } else if item.accepted {
        "[✓]"
    } else {
        "[ ]"
    };
    let edited = if item.edited { "✎" } else { " " };
    let head = format!("{state}{edited}{:>2}. ", i + 1);
    let room = w.saturating_sub(width(&head));
    let text = render::one_line(&d.text);
    let dropped = if item.dropped {
        theme.dim().add_modifier(Modifier::CROSSED_OUT)
    } else {
        Style::new()
    };
    let state_style = if item.accepted {
        theme.key()
    } else {
        Style::new()
    };
    let first = Line::from(vec![
        Span::styled(head.clone(), state_style),
        Span::styled(fit(&text, room), dropped),
    ]);
    let pad = " ".repeat(width(&head));
    let mut spans: Vec<Span> = vec![Span::raw(pad)];
    let found = if item.dropped {
        theme.dim()
    } else {
        theme.key()
    };
    match &d.owner {
        Some(o) => spans.push(Span::styled(
            format!("{} {}", tr(lang, ti::LEAD), unit(app, o)),
            found,
        )),
        None => spans.push(Span::styled(
            format!("‼ {}", tr(lang, ti::NO_LEAD)),
            theme.overdue(),
        )),
    }
    if !d.support.is_empty() {
        let names: Vec<String> = d.support.iter().map(|s| unit(app, s)).collect();
        spans.push(Span::raw(" · "));
        spans.push(Span::styled(
            format!("{} {}", tr(lang, ti::SUPPORT), names.join(", ")),
            found,
        ));
    }
    spans.push(Span::raw(" · "));
    match (d.deadline, d.ongoing) {
        (Some(date), _) => spans.push(Span::styled(crate::i18n::tui::date(lang, date), found)),
        (None, true) => spans.push(Span::styled(format!("∞ {}", tr(lang, ti::ONGOING)), found)),
        (None, false) => spans.push(Span::styled(
            format!("! {}", tr(lang, ti::NO_DEADLINE)),
            theme.warning(),
        )),
    }
    // What else needs a look (a unit name not in the registry, a date not understood).
    for f in &d.flags {
        if matches!(f, Flag::NoLead) {
            continue;
        }
        spans.push(Span::raw(" · "));
        spans.push(Span::styled(
            format!(
                "? {}",
                render::one_line(&crate::i18n::cli::import_flag(lang, f))
            ),
            theme.warning(),
        ));
    }
    if item.edited {
        spans.push(Span::styled(
            format!(" · ✎ {}", tr(lang, ti::EDITED)),
            theme.dim(),
        ));
    }
    // Made visible and cut to the width by cells, whatever the spans.
    let mut used = 0;
    let mut cut: Vec<Span<'static>> = Vec::new();
    for s in spans {
        let room = w.saturating_sub(used);
        if room == 0 {
            break;
        }
        let shown = fit(&s.content, room);
        used += width(&shown);
        cut.push(Span::styled(shown, s.style));
    }
    (first, Line::from(cut))
}

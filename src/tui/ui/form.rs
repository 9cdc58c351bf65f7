//! The forms over the lists: a new directive, a new meeting. One row per field (the text has
//! three), the focused unit picker's matches below, and the line that says what stops the
//! write (or the question before discarding).

use super::text::{fit, input_window, width};
use super::Theme;
use crate::i18n::tui::{self as t, tr, Text};
use crate::model::Workspace;
use crate::tui::app::{
    App, DirectiveField, DirectiveForm, Form, Input, MeetingField, MeetingForm, UnitPicker,
};
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear};
use ratatui::Frame;

const LABEL: usize = 17;
const TEXT_ROWS: usize = 3;

pub fn render(frame: &mut Frame, app: &App, form: &Form, theme: &Theme) {
    // Over the lists, between the title bar and the footer (which lists the form's keys).
    let area = frame.area();
    let outer = Rect::new(
        area.x,
        area.y + 1.min(area.height),
        area.width,
        area.height.saturating_sub(2),
    );
    let width = outer.width;
    let (title, file) = match form {
        Form::Directive(f) => (tr(app.lang, t::FORM_NEW_DIRECTIVE), Some(f.file.as_str())),
        Form::Meeting(_) => (tr(app.lang, t::FORM_NEW_MEETING), None),
        Form::Units(f) if f.support => (tr(app.lang, t::FORM_SUPPORT), Some(f.id.as_str())),
        Form::Units(f) => (tr(app.lang, t::FORM_OWNER), Some(f.id.as_str())),
    };
    let title = match file {
        Some(file) => format!(" {title} · {} ", fit(file, 60)),
        None => format!(" {title} "),
    };
    frame.render_widget(Clear, outer);
    let block = Block::bordered()
        .title(fit(&title, width.saturating_sub(4) as usize))
        .border_style(theme.border(true));
    let inner = block.inner(outer);
    frame.render_widget(block, outer);
    if inner.height < 3 || inner.width < 20 {
        return;
    }
    let mut w = Writer {
        frame,
        area: inner,
        y: inner.y,
        theme,
        cursor: None,
    };
    let problem = match form {
        Form::Directive(f) => directive(&mut w, app, f),
        Form::Meeting(f) => meeting(&mut w, app, f),
        Form::Units(f) => {
            let label = if f.support {
                t::FIELD_SUPPORT
            } else {
                t::FIELD_LEAD
            };
            w.picker(label, app, &f.picker, true);
            w.y += 1;
            w.matches(app, &f.picker);
            None
        }
    };
    let bottom = inner.bottom() - 1;
    let asking = form.asking_discard();
    let (text, style) = if asking {
        (tr(app.lang, t::DISCARD_FORM).to_string(), theme.warning())
    } else if let Some(p) = problem {
        (p, theme.error())
    } else if matches!(form, Form::Directive(f) if f.focus == DirectiveField::Text) {
        // How to break a line, where Enter would save.
        (tr(app.lang, t::FORM_TEXT_HINT).to_string(), theme.dim())
    } else {
        (String::new(), theme.dim())
    };
    let cursor = w.cursor;
    frame.buffer_mut().set_stringn(
        inner.x,
        bottom,
        fit(&text, inner.width as usize),
        inner.width as usize,
        style,
    );
    if let (Some(pos), false) = (cursor, asking) {
        frame.set_cursor_position(pos);
    }
}

/// Draws rows top-down inside the form.
struct Writer<'a, 'f> {
    frame: &'a mut Frame<'f>,
    area: Rect,
    y: u16,
    theme: &'a Theme,
    cursor: Option<Position>,
}

impl Writer<'_, '_> {
    fn room(&self) -> usize {
        (self.area.width as usize).saturating_sub(LABEL + 2)
    }

    /// Rows left above the message line.
    fn left(&self) -> usize {
        (self.area.bottom().saturating_sub(1)).saturating_sub(self.y) as usize
    }

    fn label(&mut self, label: &str, focused: bool) {
        let style = if focused {
            self.theme.key()
        } else {
            self.theme.dim()
        };
        let text = format!("{:<LABEL$}", fit(label, LABEL - 1));
        self.frame
            .buffer_mut()
            .set_stringn(self.area.x, self.y, text, LABEL, style);
    }

    fn spans(&mut self, x: usize, spans: Vec<Span>) {
        let x = self.area.x + x as u16;
        let max = self.area.right().saturating_sub(x);
        self.frame
            .buffer_mut()
            .set_line(x, self.y, &Line::from(spans), max);
    }

    /// A one-line field: its label, its text around the cursor, a dim hint after it.
    fn line(
        &mut self,
        label: Text,
        lang: crate::i18n::Lang,
        input: &Input,
        focused: bool,
        hint: Option<Text>,
    ) {
        if self.left() == 0 {
            return;
        }
        self.label(tr(lang, label), focused);
        let room = self.room();
        let (shown, at) = input_window(input.as_str(), input.cursor().1, room);
        let mut spans = vec![Span::raw(shown.clone())];
        if let Some(h) = hint.filter(|_| input.is_empty()) {
            spans.push(Span::styled(format!("({})", tr(lang, h)), self.theme.dim()));
        }
        self.spans(LABEL + 1, spans);
        if focused {
            self.cursor = Some(Position::new(self.area.x + (LABEL + 1 + at) as u16, self.y));
        }
        self.y += 1;
    }

    /// The text: up to three of its lines, those around the cursor.
    fn text(&mut self, label: Text, lang: crate::i18n::Lang, input: &Input, focused: bool) {
        let rows = input.rows();
        let (row, col) = input.cursor();
        let first = row.saturating_sub(TEXT_ROWS - 1);
        for i in 0..TEXT_ROWS {
            if self.left() == 0 {
                return;
            }
            if i == 0 {
                self.label(tr(lang, label), focused);
            }
            let room = self.room();
            let r = first + i;
            if let Some(line) = rows.get(r) {
                if r == row {
                    let (shown, at) = input_window(line, col, room);
                    self.spans(LABEL + 1, vec![Span::raw(shown)]);
                    if focused {
                        self.cursor =
                            Some(Position::new(self.area.x + (LABEL + 1 + at) as u16, self.y));
                    }
                } else {
                    self.spans(LABEL + 1, vec![Span::raw(fit(line, room))]);
                }
            }
            self.y += 1;
        }
    }

    /// A unit picker's field: the units taken, then what is typed.
    fn picker(&mut self, label: Text, app: &App, p: &UnitPicker, focused: bool) {
        if self.left() == 0 {
            return;
        }
        self.label(tr(app.lang, label), focused);
        let names: Vec<String> = p.chosen.iter().map(|id| unit_name(app.ws(), id)).collect();
        let room = self.room();
        let mut chosen = names.join(", ");
        if !chosen.is_empty() {
            chosen.push(' ');
        }
        let chosen = fit(&chosen, room.saturating_sub(12));
        let used = width(&chosen);
        let mut spans = vec![Span::styled(chosen, self.theme.key())];
        if focused || !p.query.is_empty() {
            let (shown, at) = input_window(
                p.query.as_str(),
                p.query.cursor().1,
                room.saturating_sub(used + 2),
            );
            spans.push(Span::raw(format!("> {shown}")));
            if focused {
                self.cursor = Some(Position::new(
                    self.area.x + (LABEL + 1 + used + 2 + at) as u16,
                    self.y,
                ));
            }
        }
        self.spans(LABEL + 1, spans);
        self.y += 1;
    }

    /// The focused picker's matches under their groups, the highlighted one reversed.
    fn matches(&mut self, app: &App, p: &UnitPicker) {
        let ws = app.ws();
        let rows = p.rows(ws);
        let highlighted = p.highlighted(ws);
        let room = self.left();
        if room == 0 {
            return;
        }
        // Keep the highlighted row in view.
        let at = highlighted
            .as_ref()
            .and_then(|h| rows.iter().position(|r| r == h))
            .unwrap_or(0);
        let first = at.saturating_sub(room.saturating_sub(1));
        for row in rows.iter().skip(first).take(room) {
            let taken = !row.takes.is_empty() && row.takes.iter().all(|id| p.chosen.contains(id));
            let mark = if taken { "✓ " } else { "  " };
            let text = if row.is_group {
                let whole = if row.takes.is_empty() {
                    String::new()
                } else {
                    format!("  [{} {}]", tr(app.lang, t::WHOLE_GROUP), row.takes.len())
                };
                format!("{mark}{}{whole}", row.label)
            } else {
                format!("{mark}    {}", row.label)
            };
            let style = if Some(row) == highlighted.as_ref() {
                self.theme.selected(true)
            } else if row.is_group {
                self.theme.group()
            } else {
                ratatui::style::Style::new()
            };
            let x = self.area.x + LABEL as u16 + 1;
            let max = (self.area.width as usize).saturating_sub(LABEL + 1);
            self.frame
                .buffer_mut()
                .set_stringn(x, self.y, fit(&text, max), max, style);
            self.y += 1;
        }
    }
}

fn unit_name(ws: &Workspace, id: &str) -> String {
    ws.owner(id)
        .map(|o| o.short.clone().unwrap_or_else(|| o.name.clone()))
        .unwrap_or_else(|| id.to_string())
}

fn directive(w: &mut Writer, app: &App, f: &DirectiveForm) -> Option<String> {
    use DirectiveField as F;
    let lang = app.lang;
    let focus = f.focus;
    w.text(t::FIELD_TEXT, lang, &f.text, focus == F::Text);
    w.picker(t::FIELD_LEAD, app, &f.lead, focus == F::Lead);
    w.picker(t::FIELD_SUPPORT, app, &f.support, focus == F::Support);
    w.line(
        t::FIELD_DEADLINE,
        lang,
        &f.deadline,
        focus == F::Deadline,
        Some(t::DEADLINE_EMPTY_HINT),
    );
    w.line(t::FIELD_ISSUER, lang, &f.issuer, focus == F::Issuer, None);
    w.line(t::FIELD_NOTE, lang, &f.note, focus == F::Note, None);
    // With several lead units the id is the number part: each unit's id is appended.
    let ids = f.ids();
    let id_hint = (ids.len() > 1).then(|| ids.join(", "));
    w.line(t::FIELD_ID, lang, &f.id, focus == F::Id, None);
    if let Some(h) = id_hint {
        if w.left() > 0 {
            let room = w.room();
            w.spans(
                LABEL + 1,
                vec![Span::styled(fit(&format!("→ {h}"), room), w.theme.dim())],
            );
            w.y += 1;
        }
    }
    match focus {
        F::Lead => {
            w.y += 1;
            w.matches(app, &f.lead)
        }
        F::Support => {
            w.y += 1;
            w.matches(app, &f.support)
        }
        _ => {}
    }
    f.problem(app.ws(), app.today(), lang)
}

fn meeting(w: &mut Writer, app: &App, f: &MeetingForm) -> Option<String> {
    use MeetingField as F;
    let lang = app.lang;
    w.line(t::FIELD_TITLE, lang, &f.title, f.focus == F::Title, None);
    w.line(t::FIELD_DATE, lang, &f.date, f.focus == F::Date, None);
    w.line(t::FIELD_NUMBER, lang, &f.number, f.focus == F::Number, None);
    w.line(
        t::FIELD_MEETING_ISSUER,
        lang,
        &f.issuer,
        f.focus == F::Issuer,
        None,
    );
    // Where the file will go.
    if let Ok((path, _)) = f.build(app.today(), lang) {
        if w.left() > 0 {
            w.label(tr(lang, t::FORM_FILE), false);
            let room = w.room();
            w.spans(
                LABEL + 1,
                vec![Span::styled(fit(&path, room), w.theme.dim())],
            );
            w.y += 1;
        }
    }
    None
}

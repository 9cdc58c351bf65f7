//! Drawing: `draw(frame, &App)`, one file per pane or popup. Nothing here changes state, and
//! only the rows on screen are built, so a frame costs the same for 36 or 20,000 directives.

pub mod bottom;
pub mod dashboard;
pub mod detail;
pub mod directives;
pub mod form;
pub mod help;
pub mod import;
pub mod letter;
pub mod owners;
pub mod popup;
pub mod text;
pub mod title;

use super::app::{App, Popup};
use crate::model::{Status, Timeliness};
use ratatui::style::{Color, Modifier, Style};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, app: &App) {
    let theme = Theme { color: app.color };
    let areas = crate::tui::layout::areas(frame.area(), app.focus, app.view);
    title::render(frame, areas.title, app, &theme);
    if let Some(area) = areas.owners {
        owners::render(frame, area, app, &theme);
    }
    if let Some(area) = areas.list {
        directives::render(frame, area, app, &theme);
    }
    if let Some(area) = areas.detail {
        detail::render(frame, area, app, &theme);
    }
    if let Some(area) = areas.dashboard {
        dashboard::render(frame, area, app, &theme);
    }
    if app.import.is_some() {
        import::render(frame, app, &theme);
    }
    bottom::render_status(frame, areas.status, app, &theme);
    bottom::render_footer(frame, areas.footer, app, &theme);
    match &app.popup {
        Some(Popup::Help { scroll }) => help::render(frame, app, *scroll, &theme),
        Some(Popup::StatusPicker { cursor }) => popup::status_picker(frame, app, *cursor, &theme),
        Some(Popup::FilterPicker { cursor }) => popup::filter_picker(frame, app, *cursor, &theme),
        Some(Popup::Meetings { cursor }) => popup::meetings(frame, app, *cursor, &theme),
        Some(Popup::ConfirmDelete { id }) => popup::confirm_delete(frame, app, id, &theme),
        Some(Popup::Prompt(prompt)) => popup::prompt(frame, app, prompt, &theme),
        Some(Popup::Form(form)) => form::render(frame, app, form, &theme),
        Some(Popup::Letter(preview)) => letter::render(frame, preview, app.lang, &theme),
        None => {}
    }
}

/// Styles, with and without colour. Without colour (NO_COLOR) only bold, reverse and
/// underline remain; every meaning is also in a symbol or a word.
pub struct Theme {
    pub color: bool,
}

impl Theme {
    fn pick(&self, colored: Style, plain: Style) -> Style {
        if self.color {
            colored
        } else {
            plain
        }
    }

    pub fn title(&self) -> Style {
        self.pick(
            Style::new()
                .fg(Color::White)
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        )
    }

    pub fn border(&self, focused: bool) -> Style {
        match (focused, self.color) {
            (true, true) => Style::new().fg(Color::Cyan),
            (true, false) => Style::new().add_modifier(Modifier::BOLD),
            (false, _) => Style::new(),
        }
    }

    /// The selected row: reverse video in the focused pane, bold elsewhere.
    pub fn selected(&self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    /// The selected row of a list, its own colours dropped: the symbols still tell the
    /// timeliness and status, and the row costs one style change to draw.
    pub fn selected_row(&self, focused: bool) -> Style {
        Style::reset().patch(self.selected(focused))
    }

    pub fn header(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn group(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        )
    }

    pub fn dim(&self) -> Style {
        self.pick(Style::new().fg(Color::DarkGray), Style::new())
    }

    pub fn overdue(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    pub fn timeliness(&self, t: Timeliness) -> Style {
        match t {
            Timeliness::Overdue => self.overdue(),
            Timeliness::DueSoon => self.pick(Style::new().fg(Color::Yellow), Style::new()),
            Timeliness::OnTime => self.pick(Style::new().fg(Color::Green), Style::new()),
            Timeliness::Late => self.pick(Style::new().fg(Color::Magenta), Style::new()),
            Timeliness::None => self.dim(),
            Timeliness::OnTrack | Timeliness::Ongoing => Style::new(),
        }
    }

    pub fn status(&self, s: Status) -> Style {
        match s {
            Status::Blocked => self.pick(
                Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
                Style::new().add_modifier(Modifier::BOLD),
            ),
            Status::Done => self.pick(Style::new().fg(Color::Green), Style::new()),
            Status::Cancelled => self.dim(),
            Status::Open | Status::InProgress => Style::new(),
        }
    }

    pub fn error(&self) -> Style {
        self.pick(
            Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        )
    }

    pub fn warning(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    pub fn key(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }
}

/// A rectangle of `width` × `height` centred in `area` (clipped to it).
pub fn centered(area: ratatui::layout::Rect, width: u16, height: u16) -> ratatui::layout::Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    ratatui::layout::Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

//! Where each pane goes for a terminal size, and how many rows each list shows. Pure; the
//! state uses it for page sizes and scrolling, the view (`ui/`) to draw.

use crate::tui::app::{Pane, View};
use ratatui::layout::Rect;

/// Below this width one pane shows at a time (the focused one); Tab switches.
pub const TWO_PANES_MIN_WIDTH: u16 = 100;
/// From this width the detail of the selected directive stays open beside the list.
pub const SIDE_DETAIL_MIN_WIDTH: u16 = 160;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub title: Rect,
    pub owners: Option<Rect>,
    /// The directives pane, borders included.
    pub list: Option<Rect>,
    pub detail: Option<Rect>,
    /// The whole body, when the dashboard shows.
    pub dashboard: Option<Rect>,
    pub status: Rect,
    pub footer: Rect,
}

pub fn areas(size: Rect, focus: Pane, view: View) -> Areas {
    let line = |y: u16| Rect::new(size.x, y, size.width, 1.min(size.height));
    let title = line(size.y);
    let footer = line(size.bottom().saturating_sub(1));
    let status = line(size.bottom().saturating_sub(2));
    let body = Rect::new(
        size.x,
        size.y + 1,
        size.width,
        size.height.saturating_sub(3),
    );
    let mut a = Areas {
        title,
        owners: None,
        list: None,
        detail: None,
        dashboard: None,
        status,
        footer,
    };
    if view == View::Dashboard {
        a.dashboard = Some(body);
        return a;
    }
    if view == View::Detail {
        a.detail = Some(body);
        return a;
    }
    if body.width < TWO_PANES_MIN_WIDTH {
        match focus {
            Pane::Owners => a.owners = Some(body),
            Pane::Directives => a.list = Some(body),
        }
        return a;
    }
    // Narrow below 140 columns: the directives' text needs the room more than unit names.
    let owners_width = if body.width >= 140 { 32 } else { 24 };
    a.owners = Some(Rect {
        width: owners_width,
        ..body
    });
    let rest = Rect {
        x: body.x + owners_width,
        width: body.width - owners_width,
        ..body
    };
    if body.width >= SIDE_DETAIL_MIN_WIDTH {
        let detail_width = rest.width * 2 / 5;
        a.list = Some(Rect {
            width: rest.width - detail_width,
            ..rest
        });
        a.detail = Some(Rect {
            x: rest.x + rest.width - detail_width,
            width: detail_width,
            ..rest
        });
    } else {
        a.list = Some(rest);
    }
    a
}

/// Directive rows inside the directives pane: minus the borders and the column header.
pub fn list_rows(list: Rect) -> u16 {
    list.height.saturating_sub(3)
}

/// Rows of units, headings and totals the dashboard's table shows in its area: minus the
/// borders, the legend, the column header and the overall line.
pub fn table_rows(area: Rect) -> u16 {
    area.height.saturating_sub(5)
}

fn screen((w, h): (u16, u16)) -> Rect {
    Rect::new(0, 0, w, h)
}

/// Rows of directives the list shows at this terminal size.
pub fn list_height(size: (u16, u16)) -> usize {
    areas(screen(size), Pane::Directives, View::List)
        .list
        .map_or(1, |r| list_rows(r) as usize)
        .max(1)
}

/// Rows of the units pane at this terminal size.
pub fn owners_height(size: (u16, u16)) -> usize {
    areas(screen(size), Pane::Owners, View::List)
        .owners
        // Borders and the header ("open · overdue").
        .map_or(1, |r| r.height.saturating_sub(3) as usize)
        .max(1)
}

/// Rows of the dashboard's table at this terminal size.
pub fn dashboard_height(size: (u16, u16)) -> usize {
    areas(screen(size), Pane::Directives, View::Dashboard)
        .dashboard
        .map_or(1, |r| table_rows(r) as usize)
        .max(1)
}

/// The inside of the help screen (`?`) at this terminal size, (width, height): over the
/// panes between the title bar and the status line, at most 100 columns, less its border.
pub fn help_inner(size: (u16, u16)) -> (usize, usize) {
    let (w, h) = size;
    let width = w.min(100).saturating_sub(2) as usize;
    let height = h.saturating_sub(3).saturating_sub(2) as usize;
    (width, height)
}

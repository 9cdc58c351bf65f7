//! Where each pane goes for a terminal size. Pure: the app uses it too, for page sizes.

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
    let owners_width = if body.width >= 140 { 32 } else { 28 };
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

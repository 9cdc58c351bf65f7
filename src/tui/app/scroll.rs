//! The one scrolling rule of every list on screen (directives, units, dashboard), and the one
//! rule of where a move key takes a cursor.

use crate::tui::action::Action;

/// The rows to keep on screen: the cursor's, with `top..=bottom` around it (its group's
/// heading above, a total below) when they fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub top: usize,
    pub cursor: usize,
    pub bottom: usize,
}

impl Span {
    /// Just the cursor's row.
    pub fn row(cursor: usize) -> Span {
        Span {
            top: cursor,
            cursor,
            bottom: cursor,
        }
    }
}

/// The new first visible row of a list of `len` rows shown `height` at a time, scrolled from
/// `offset` so that `span` is on screen. Stepping one row past an edge scrolls `jump` rows
/// further (the directives list uses half a page: every scroll redraws the whole list, so over
/// SSH one big jump every half page costs far less than a redraw on every key). No empty space
/// is left below the last row when the list shrank.
pub fn scroll(offset: usize, span: Span, len: usize, height: usize, jump: usize) -> usize {
    let height = height.max(1);
    let mut offset = offset;
    if span.top < offset {
        let jump = if offset - span.top == 1 { jump } else { 0 };
        offset = span.top.saturating_sub(jump);
    } else if span.bottom >= offset + height {
        let jump = if span.bottom == offset + height {
            jump
        } else {
            0
        };
        offset = (span.bottom + 1 + jump - height).min(span.cursor);
    }
    offset.min(len.saturating_sub(height))
}

/// Where a move action takes a cursor at `at` in a list of `last + 1` selectable rows.
pub fn step(at: usize, last: usize, page: usize, action: Action) -> usize {
    match action {
        Action::Down => (at + 1).min(last),
        Action::Up => at.saturating_sub(1),
        Action::Top => 0,
        Action::Bottom => last,
        Action::PageDown => (at + page).min(last),
        Action::PageUp => at.saturating_sub(page),
        _ => at,
    }
}

/// The rows a page key moves on a list `height` rows tall: one less, so a row stays in view.
pub fn page(height: usize) -> usize {
    height.saturating_sub(1).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stepping_past_an_edge_jumps_half_a_page() {
        // 10 rows shown of 100, cursor moves from row 9 to 10: the list jumps by 5.
        assert_eq!(scroll(0, Span::row(10), 100, 10, 5), 6);
        assert_eq!(scroll(6, Span::row(5), 100, 10, 5), 0);
        // A far move only brings the cursor on screen.
        assert_eq!(scroll(0, Span::row(50), 100, 10, 5), 41);
        assert_eq!(scroll(50, Span::row(20), 100, 10, 5), 20);
        // Never past the end.
        assert_eq!(scroll(0, Span::row(99), 100, 10, 5), 90);
        assert_eq!(scroll(95, Span::row(3), 4, 10, 5), 0);
    }

    #[test]
    fn a_heading_and_a_total_come_with_the_cursor() {
        let span = Span {
            top: 4,
            cursor: 5,
            bottom: 6,
        };
        assert_eq!(scroll(5, span, 20, 3, 0), 4);
        assert_eq!(scroll(0, span, 20, 3, 0), 4);
        // Too little room for the total: the cursor wins.
        assert_eq!(scroll(0, span, 20, 1, 0), 5);
    }
}

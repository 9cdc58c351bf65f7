//! The title bar: workspace title, as-of date, totals by timeliness.

use super::text::{fit, width};
use super::Theme;
use crate::i18n::tui::{self as t, tr};
use crate::model::Timeliness;
use crate::tui::app::App;
use ratatui::layout::Rect;
use ratatui::Frame;

/// Shown in the totals, in this order (cancelled directives are left out).
const SHOWN: [Timeliness; 6] = [
    Timeliness::Overdue,
    Timeliness::DueSoon,
    Timeliness::OnTrack,
    Timeliness::Ongoing,
    Timeliness::OnTime,
    Timeliness::Late,
];

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let lang = app.lang;
    let mut as_of = format!("{} {}", tr(lang, t::AS_OF), t::date(lang, app.today));
    if app.today != app.clock_today {
        // Set with `t` or `--today`: figures are not those of the calendar's date.
        as_of = t::as_of_label(lang, app.today, true);
    }
    let count = |tl: Timeliness| app.totals[tl as usize];
    let long: Vec<String> = SHOWN
        .iter()
        .map(|&tl| {
            format!(
                "{} {} {}",
                t::timeliness_symbol(tl),
                count(tl),
                t::timeliness_label(lang, tl)
            )
        })
        .collect();
    let medium: Vec<String> = SHOWN
        .iter()
        .map(|&tl| {
            format!(
                "{}{} {}",
                t::timeliness_symbol(tl),
                count(tl),
                t::timeliness_short(lang, tl)
            )
        })
        .collect();
    let short: Vec<String> = SHOWN
        .iter()
        .map(|&tl| format!("{}{}", t::timeliness_symbol(tl), count(tl)))
        .collect();
    let total_width = area.width as usize;
    // The longest form that leaves the title at least 20 cells.
    let candidates = [
        format!("{as_of} │ {} ", long.join("  ")),
        format!("{as_of} │ {} ", medium.join(" ")),
        format!("{as_of} │ {} ", short.join(" ")),
        format!("{} ", short.join(" ")),
    ];
    let right = candidates
        .iter()
        .find(|c| width(c) + 20 <= total_width)
        .cloned()
        .unwrap_or_default();
    // One blank cell between the title and the totals.
    let left_width = total_width.saturating_sub(width(&right) + 1);
    let left = fit(&format!(" {}", app.ws.title), left_width);
    let buf = frame.buffer_mut();
    buf.set_style(area, theme.title());
    buf.set_stringn(area.x, area.y, &left, left_width, theme.title());
    let x = area.x + (total_width - width(&right)) as u16;
    buf.set_stringn(x, area.y, &right, width(&right), theme.title());
}

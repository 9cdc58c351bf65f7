//! The title bar: workspace title, git status (when in a repository), as-of date, totals by
//! timeliness.

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
    let mut as_of = format!("{} {}", tr(lang, t::AS_OF), t::date(lang, app.today()));
    if app.today() != app.clock_today {
        // Set with `t` or `--today`: figures are not those of the calendar's date.
        as_of = t::as_of_label(lang, app.today(), true);
    }
    let count = |tl: Timeliness| app.owners.totals[tl as usize];
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
    // Git, long or short form, when the workspace is in a repository.
    let gits: Vec<String> = app
        .git_status()
        .map(|s| t::git_title(lang, s).map(|g| format!("[{g}] ")).to_vec())
        .unwrap_or_default();
    let candidates = [
        format!("{as_of} │ {} ", long.join("  ")),
        format!("{as_of} │ {} ", medium.join(" ")),
        format!("{as_of} │ {} ", short.join(" ")),
        format!("{} ", short.join(" ")),
    ];
    // The longest forms that leave the title at least 20 cells: totals and git, then the
    // totals alone when git does not fit at all.
    let no_git = String::new();
    let (git, right) = candidates
        .iter()
        .flat_map(|c| gits.iter().map(move |g| (g, c)))
        .chain(candidates.iter().map(|c| (&no_git, c)))
        .find(|(g, c)| width(c) + width(g) + 20 <= total_width)
        .map(|(g, c)| (g.clone(), c.clone()))
        .unwrap_or_default();
    let git_width = width(&git);
    // One blank cell between the title and the totals.
    let left_width = total_width.saturating_sub(width(&right) + 1 + git_width);
    let left = fit(&format!(" {}", app.ws().title), left_width);
    let buf = frame.buffer_mut();
    buf.set_style(area, theme.title());
    buf.set_stringn(area.x, area.y, &left, left_width, theme.title());
    if git_width > 0 {
        let x = area.x + (total_width - width(&right) - git_width) as u16;
        buf.set_stringn(x, area.y, &git, git_width, theme.title());
    }
    let x = area.x + (total_width - width(&right)) as u16;
    buf.set_stringn(x, area.y, &right, width(&right), theme.title());
}

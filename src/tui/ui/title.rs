//! The title bar: workspace title, git status (when in a repository), as-of date, totals by
//! timeliness.

use super::text::{fit, width};
use super::Theme;
use crate::i18n::tui as t;
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

/// Cells kept for the git state when the workspace is in a repository.
const GIT_SLOT: usize = 12;

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let lang = app.lang;
    // Always said the same way, whether `t` or `--today` set it or it is the calendar's.
    let as_of = t::as_of_short(lang, app.today());
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
    // Git, long or short form, when the workspace is in a repository. Its slot is reserved
    // even before git answers or while nothing is to send, so the bar keeps one shape.
    let in_repo = !matches!(app.git(), crate::tui::app::GitState::NotRepo);
    let gits: Vec<String> = app
        .git_status()
        .map(|s| t::git_title(lang, s).map(|g| format!("[{g}] ")).to_vec())
        .unwrap_or_default();
    let slot = if in_repo { GIT_SLOT } else { 0 };
    // (the right part, the title's least width), most words first. The totals keep their
    // words before the as-of date keeps its label and the title its length.
    let bare = t::as_of_bare(app.today());
    let candidates = [
        (format!("{as_of} │ {} ", long.join("  ")), 20),
        (format!("{as_of} │ {} ", medium.join(" ")), 20),
        (format!("{bare} │ {} ", medium.join(" ")), 10),
        // The workspace's title gives way to the totals' words (a clerk knows which
        // workspace is open; an unlabelled number says nothing), beside git's long form.
        (format!("{bare} │ {} ", medium.join(" ")), 0),
        (format!("{as_of} │ {} ", short.join(" ")), 20),
        (format!("{} ", short.join(" ")), 20),
    ];
    // The longest forms that leave the title its room: totals and git, then the totals alone
    // when git does not fit at all. Beside them: the git slot, and the git state once known
    // (a conflict must show: the totals shorten for it first).
    let room_beside = |c: &str, min: usize| total_width.saturating_sub(width(c) + min + 1);
    let fits = |(c, min): &&(String, usize)| {
        let room = room_beside(c, *min);
        // Without the title, only beside git's long form: its words count as much.
        let git_fits = match min {
            0 => gits.first().is_none_or(|g| width(g) <= room),
            _ => gits.is_empty() || gits.iter().any(|g| width(g) <= room),
        };
        width(c) + min <= total_width && room >= slot && git_fits
    };
    let (right, min) = candidates
        .iter()
        .find(fits)
        .or_else(|| {
            candidates
                .iter()
                .find(|(c, min)| width(c) + min <= total_width)
        })
        .cloned()
        .unwrap_or_default();
    // The git part in its slot (the long form when it fits), right before the as-of date.
    let room = room_beside(&right, min);
    let git = gits
        .iter()
        .find(|g| width(g) <= room)
        .cloned()
        .unwrap_or_default();
    let git_width = width(&git).max(slot.min(room));
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

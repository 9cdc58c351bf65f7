//! The directives pane: deadline (date, timeliness symbol and how far), status, id, lead
//! unit (when the list spans several units), text. Only the rows on screen are built. The
//! text keeps two thirds of the pane; the other columns come in while that holds.

use super::text::{cell, fit, width};
use super::Theme;
use crate::i18n::tui::{self as t, tr};
use crate::model::{Status, Timeliness};
use crate::tui::app::{App, Pane, RowFigures, View};
use chrono::NaiveDate;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;
use ratatui::Frame;

/// Which columns fit in a pane `inner` cells wide. The text is what tells two directives
/// apart, so it keeps most of the pane: the other columns come in only while that holds, in
/// this order: how far the deadline is, the lead unit, the first deadline of one that moved
/// and how often it was extended, the status word, the id. The date, the two symbols and a
/// moved deadline's `→` always show; `#` shows the id whatever the room.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Columns {
    date: usize,
    /// How far the deadline is, after its symbol; 0 shows the symbol alone.
    when: usize,
    /// The status word, after its symbol; 0 shows the symbol alone.
    status: usize,
    id: usize,
    /// The lead unit's short name; 0 when the list is one unit's.
    unit: usize,
    /// Before the date, for a deadline that moved: 0 when none on the list did, 1 for a
    /// marker (`→31/10`), 6 for the first deadline (`30/09→31/10`).
    moved: usize,
    /// After a moved date, how many times it was extended ("2 lần"); 0: not shown.
    times: usize,
}

/// Widest unit column: longer short names are cut with "…".
const UNIT_MAX_WIDTH: usize = 14;

/// The widths a column's content asks for.
struct Wants {
    date: usize,
    when: usize,
    status: usize,
    id: usize,
    unit: usize,
    /// Some deadline on the list moved from its first one.
    moved: bool,
    times: usize,
}

impl Columns {
    fn for_width(inner: usize, wants: &Wants, show_id: bool) -> Columns {
        // From 90 cells (a 120-column screen) the text keeps 64% of the pane, so at least
        // half the screen; narrower, 40 cells.
        let keep = if inner >= 90 {
            inner * 16 / 25
        } else {
            40.min(inner)
        };
        // Marker, date and space, the two symbols with their spaces.
        let mut used = 2 + wants.date + 1 + 2 + 2;
        let mut c = Columns {
            date: wants.date,
            when: 0,
            status: 0,
            id: 0,
            unit: 0,
            moved: 0,
            times: 0,
        };
        // A moved deadline is always marked; its first date and count come with the room.
        if wants.moved {
            c.moved = 1;
            used += 1;
        }
        if show_id && wants.id > 0 {
            c.id = wants.id;
            used += wants.id + 1;
        }
        let mut fits = |w: usize| {
            let ok = w > 1 && used + w + keep <= inner;
            if ok {
                used += w;
            }
            ok
        };
        if fits(wants.when + 1) {
            c.when = wants.when;
        }
        let cap = if inner >= 110 { UNIT_MAX_WIDTH } else { 9 };
        let unit = wants.unit.min(cap);
        if fits(unit + 1) {
            c.unit = unit;
        }
        if wants.moved && fits(5) {
            c.moved = 6;
            if wants.times > 0 && fits(wants.times + 1) {
                c.times = wants.times;
            }
        }
        if fits(wants.status + 1) {
            c.status = wants.status;
        }
        if !show_id && fits(wants.id + 1) {
            c.id = wants.id;
        }
        c
    }
}

/// The earliest and latest of some dates.
#[derive(Default)]
struct Ends(Option<(NaiveDate, NaiveDate)>);

impl Ends {
    fn add(&mut self, d: NaiveDate) {
        self.0 = Some(match self.0 {
            None => (d, d),
            Some((a, b)) => (a.min(d), b.max(d)),
        });
    }
    fn dates(&self) -> impl Iterator<Item = NaiveDate> {
        self.0.into_iter().flat_map(|(a, b)| [a, b])
    }
}

/// What the pane shows of all its rows, not only those on screen: the widest deadline and
/// distance ("15d late"), for columns that do not move while scrolling, and the number of
/// open directives. Found once per set of rows, day and language, and kept in the list: a key
/// that only moves the cursor must not look at 200,000 directives.
fn row_figures(app: &App, today: NaiveDate) -> RowFigures {
    let key = (app.list.rows_version, today, app.lang);
    match app.list.row_figures.get() {
        Some((k, figures)) if k == key => figures,
        _ => {
            let figures = count_rows(app, today);
            app.list.row_figures.set(Some((key, figures)));
            figures
        }
    }
}

/// [`row_figures`] counted. The widths grow with the distance from today (digits, a sign, a
/// year), so the widest are those of the earliest and latest deadline of each kind: only
/// those are formatted.
fn count_rows(app: &App, today: NaiveDate) -> RowFigures {
    let lang = app.lang;
    let facts = app.list.facts(app.ws(), today);
    let mut open = 0;
    let mut dates = Ends::default();
    let mut overdue = Ends::default();
    let mut ahead = Ends::default();
    let mut due_today = false;
    let mut moved = false;
    // The fewest and most extensions: "once" is narrower than "2 times", and from 2 on the
    // words widen with the number.
    let mut extensions: Option<(u16, u16)> = None;
    for row in &app.list.rows {
        let fact = &facts[row.index];
        open += usize::from(fact.open);
        if fact.moved {
            moved = true;
            let n = fact.extensions;
            extensions = Some(extensions.map_or((n, n), |(a, b)| (a.min(n), b.max(n))));
        }
        let Some(dl) = fact.deadline else { continue };
        dates.add(dl);
        match fact.timeliness {
            Timeliness::Overdue => overdue.add(dl),
            Timeliness::DueSoon | Timeliness::OnTrack => {
                ahead.add(dl);
                due_today |= dl == today;
            }
            _ => {}
        }
    }
    let times = extensions.map_or(0, |(fewest, most)| {
        [fewest, most]
            .map(|n| width(&t::extensions_short(lang, usize::from(n))))
            .into_iter()
            .max()
            .unwrap_or(0)
    });
    let date = dates
        .dates()
        .map(|dl| width(&t::short_date(dl, today)))
        .max()
        .unwrap_or(0);
    let when = |tl, dl| width(&t::relative_short(lang, tl, Some(dl), today));
    let mut widest = 0;
    for dl in overdue.dates() {
        widest = widest.max(when(Timeliness::Overdue, dl));
    }
    for dl in ahead.dates() {
        widest = widest.max(when(Timeliness::OnTrack, dl));
    }
    // Due today has words of its own.
    if due_today {
        widest = widest.max(when(Timeliness::OnTrack, today));
    }
    RowFigures {
        date,
        when: widest,
        open,
        moved,
        times,
    }
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let lang = app.lang;
    let focused = app.focus == Pane::Directives && app.view == View::List;
    let block = Block::bordered()
        .title(pane_title(app))
        .border_style(theme.border(focused));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width < 10 {
        return;
    }
    let w = inner.width as usize;
    let today = app.today();
    let unit_width = if app.selected_owner().is_none() {
        app.ws()
            .owners
            .iter()
            .map(|o| width(o.short_name()))
            .max()
            .unwrap_or(0)
            .max(width(tr(lang, t::COL_UNIT)))
    } else {
        0
    };
    // Columns must not move while scrolling: their widths are those of the widest row.
    let mut wants = Wants {
        date: 5,
        when: 0,
        status: Status::ALL
            .iter()
            .map(|s| width(t::status_short(lang, *s)))
            .max()
            .unwrap_or(0),
        id: app.list.id_width,
        unit: unit_width,
        moved: false,
        times: 0,
    };
    let figures = row_figures(app, today);
    wants.date = wants.date.max(figures.date);
    wants.when = wants.when.max(figures.when);
    wants.moved |= figures.moved;
    wants.times = wants.times.max(figures.times);
    if app.list.rows.is_empty() {
        // No row to line up with: the heading gets its width and a space, not run into the
        // next one ("DeadlineStatus").
        let heading = width(tr(lang, t::COL_DEADLINE_WHEN));
        wants.date = wants.date.max(heading.saturating_sub(2));
    }
    let cols = Columns::for_width(w, &wants, app.show_ids);
    let buf = frame.buffer_mut();

    // Header.
    // The mark column, while something is marked, shifts the header too.
    let lead = if app.marked.is_empty() { "  " } else { "   " };
    let times_cells = if cols.times > 0 { cols.times + 1 } else { 0 };
    let when_cells =
        cols.moved + cols.date + times_cells + 3 + if cols.when > 0 { cols.when + 1 } else { 0 };
    let mut header = vec![
        Span::raw(lead),
        Span::raw(cell(tr(lang, t::COL_DEADLINE_WHEN), when_cells)),
    ];
    if cols.status > 0 {
        header.push(Span::raw(cell(tr(lang, t::COL_STATUS), cols.status + 3)));
    } else {
        header.push(Span::raw("  "));
    }
    if cols.id > 0 {
        header.push(Span::raw(cell(tr(lang, t::COL_ID), cols.id + 1)));
    }
    if cols.unit > 0 {
        header.push(Span::raw(cell(tr(lang, t::COL_UNIT), cols.unit + 1)));
    }
    header.push(Span::raw(tr(lang, t::COL_TEXT)));
    if app.two_lines {
        // The text on top, the facts below: one heading says both.
        header = vec![Span::raw(format!(
            "    {} / {}",
            tr(lang, t::COL_TEXT),
            tr(lang, t::COL_DEADLINE_WHEN)
        ))];
    }
    buf.set_line(
        inner.x,
        inner.y,
        &Line::from(header).style(theme.header()),
        inner.width,
    );

    let list_area = Rect {
        y: inner.y + 1,
        height: inner.height - 1,
        ..inner
    };
    let height = list_area.height as usize;
    if app.list.rows.is_empty() {
        let text = if app.list.search.is_empty() && app.list.filter.is_none() {
            tr(lang, t::NO_DIRECTIVES)
        } else {
            tr(lang, t::NO_MATCH)
        };
        buf.set_stringn(
            list_area.x + 2,
            list_area.y,
            fit(text, w.saturating_sub(2)),
            w,
            theme.dim(),
        );
        return;
    }
    if app.two_lines {
        return two_lines(frame, list_area, app, theme, focused);
    }
    let mut offset = app.list.offset;
    if app.list.cursor >= offset + height {
        offset = app.list.cursor + 1 - height;
    }
    for (i, row) in app.list.rows.iter().enumerate().skip(offset).take(height) {
        let d = app.directive(row);
        let tl = app.timeliness(d);
        let selected = i == app.list.cursor;
        let mut spans = Vec::with_capacity(12);
        spans.push(Span::raw(if selected { "›" } else { " " }));
        // The mark column shows only while something is marked.
        if !app.marked.is_empty() {
            let marked = app.marked.contains(&d.id);
            spans.push(Span::styled(if marked { "✓" } else { " " }, theme.key()));
        }
        spans.push(Span::raw(if row.support { "↳" } else { " " }));
        let date = d
            .deadline
            .map_or_else(|| "—".to_string(), |dl| t::short_date(dl, today));
        let first = moved_from(d);
        // The first deadline beside the current one (or a marker), current dates aligned.
        let before = match (cols.moved, first) {
            (0, _) => String::new(),
            (1, Some(_)) => "→".to_string(),
            (_, Some(f)) => format!(
                "{}→",
                f.map_or_else(|| "—".to_string(), |f| t::short_date(f, today))
            ),
            (n, None) => " ".repeat(n),
        };
        // A first deadline of another year does not fit: the marker alone.
        let before = match before.as_str() {
            "" => before,
            _ if width(&before) > cols.moved => cell_right("→", cols.moved),
            _ => cell_right(&before, cols.moved),
        };
        spans.push(Span::raw(format!("{before}{}", cell(&date, cols.date))));
        // The selection covers the row's head (marker to deadline): a move rewrites two short
        // runs of cells, not two whole rows.
        let head: usize = spans.iter().map(|s| width(&s.content)).sum();
        if cols.times > 0 {
            let times = match first {
                Some(_) => t::extensions_short(lang, d.extensions()),
                None => String::new(),
            };
            spans.push(Span::raw(format!(" {}", cell(&times, cols.times))));
        }
        spans.push(Span::raw(" "));
        // Symbol and words in one span: one style change per row is fewer bytes per frame.
        let when = if cols.when > 0 {
            format!(
                "{} {}",
                t::timeliness_symbol(tl),
                cell(&t::relative_short(lang, tl, d.deadline, today), cols.when)
            )
        } else {
            t::timeliness_symbol(tl).to_string()
        };
        spans.push(Span::styled(when, theme.timeliness(tl)));
        spans.push(Span::raw(" "));
        let status_style = theme.status(d.status);
        if cols.status > 0 {
            let status = format!(
                "{} {}",
                t::status_symbol(d.status),
                t::status_short(lang, d.status)
            );
            spans.push(Span::styled(cell(&status, cols.status + 2), status_style));
        } else {
            spans.push(Span::styled(t::status_symbol(d.status), status_style));
        }
        spans.push(Span::raw(" "));
        if cols.id > 0 {
            spans.push(Span::styled(cell(&d.id, cols.id), theme.dim()));
            spans.push(Span::raw(" "));
        }
        if cols.unit > 0 {
            let unit = app
                .ws()
                .owner(&d.owner)
                .map_or(d.owner.as_str(), |o| o.short_name());
            spans.push(Span::raw(cell(unit, cols.unit)));
            spans.push(Span::raw(" "));
        }
        let used: usize = spans.iter().map(|s| width(&s.content)).sum();
        let room = w.saturating_sub(used);
        let mut text = text_marks(app, d, row);
        // A text of several lines on one row: its line breaks as spaces.
        text.extend(d.text.chars().map(|c| if c == '\n' { ' ' } else { c }));
        spans.push(Span::raw(cell(&text, room)));
        let y = list_area.y + (i - offset) as u16;
        buf.set_line(list_area.x, y, &Line::from(spans), list_area.width);
        if selected {
            buf.set_style(
                Rect::new(list_area.x, y, (head as u16).min(list_area.width), 1),
                theme.selected_row(focused),
            );
        }
    }
}

/// The marks before a directive's text: changed by others (not seen yet), in a broken file,
/// coordinated rather than led by the selected unit.
fn text_marks(app: &App, d: &crate::model::Directive, row: &crate::tui::app::Row) -> String {
    let mut marks = String::new();
    if app.is_changed(&d.id) {
        marks.push_str(t::CHANGED_MARK);
    }
    if app.ws().file_of(d).broken.is_some() {
        marks.push_str(t::BROKEN_MARK);
    }
    if row.support {
        marks.push_str(tr(app.lang, t::SUPPORT_MARK));
    }
    marks
}

/// `v`: each directive as its text on two rows (cut with "…" beyond) and its facts below:
/// deadline (the first one too when it moved), how far, status, lead unit, id.
fn two_lines(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, focused: bool) {
    use crate::tui::app::TWO_LINES_ROWS;
    let lang = app.lang;
    let today = app.today();
    let w = area.width as usize;
    let items = (area.height as usize / TWO_LINES_ROWS).max(1);
    let mut offset = app.list.offset;
    if app.list.cursor >= offset + items {
        offset = app.list.cursor + 1 - items;
    }
    let buf = frame.buffer_mut();
    for (i, row) in app.list.rows.iter().enumerate().skip(offset).take(items) {
        let d = app.directive(row);
        let tl = app.timeliness(d);
        let y = area.y + ((i - offset) * TWO_LINES_ROWS) as u16;
        if y >= area.bottom() {
            break;
        }
        let selected = i == app.list.cursor;
        let marked = app.marked.contains(&d.id);
        let lead = format!(
            "{}{}{}",
            if selected { "›" } else { " " },
            if marked { "✓" } else { " " },
            if row.support { "↳" } else { " " },
        );
        let mut text = text_marks(app, d, row);
        text.push_str(&d.text);
        let room = w.saturating_sub(4);
        let mut lines = super::text::wrap(&text, room);
        if lines.len() > 2 {
            let rest = lines[1..].join(" ");
            lines.truncate(1);
            lines.push(fit(&rest, room));
        }
        let facts_y = y + lines.len().max(1) as u16;
        for (k, line) in lines.iter().enumerate() {
            let prefix = if k == 0 { lead.as_str() } else { "   " };
            buf.set_stringn(
                area.x,
                y + k as u16,
                format!("{prefix} {line}"),
                w,
                Style::new(),
            );
        }
        // The facts, under the text.
        let date = d
            .deadline
            .map_or_else(|| "—".to_string(), |dl| t::short_date(dl, today));
        let date = match moved_from(d) {
            Some(first) => {
                let first = first.map_or_else(|| "—".to_string(), |f| t::short_date(f, today));
                let times = t::extensions_short(lang, d.extensions());
                let times = if times.is_empty() {
                    times
                } else {
                    format!(" ({times})")
                };
                format!("{first}→{date}{times}")
            }
            None => date,
        };
        let when = format!(
            "{} {}",
            t::timeliness_symbol(tl),
            t::relative_short(lang, tl, d.deadline, today)
        );
        let status = format!(
            "{} {}",
            t::status_symbol(d.status),
            t::status_label(lang, d.status)
        );
        let unit = app
            .ws()
            .owner(&d.owner)
            .map_or(d.owner.as_str(), |o| o.short_name());
        let facts = Line::from(vec![
            Span::raw(format!("    {date} ")),
            Span::styled(when.trim_end().to_string(), theme.timeliness(tl)),
            Span::raw("  "),
            Span::styled(status, theme.status(d.status)),
            Span::raw(format!("  {}  ", visible_name(unit))),
            Span::styled(d.id.clone(), theme.dim()),
        ]);
        if facts_y < area.bottom() {
            buf.set_line(area.x, facts_y, &facts, area.width);
        }
        if selected {
            let rows = (TWO_LINES_ROWS as u16).min(area.bottom() - y);
            buf.set_style(
                Rect::new(area.x, y, area.width, rows),
                theme.selected_row(focused),
            );
        }
    }
}

/// A unit's name as shown (control characters as symbols).
fn visible_name(name: &str) -> String {
    super::text::visible(name).into_owned()
}

/// The first deadline of a directive whose deadline moved from it (`None` inside: it had
/// none); `None` when it did not move or the log cannot tell.
fn moved_from(d: &crate::model::Directive) -> Option<Option<chrono::NaiveDate>> {
    d.first_deadline().filter(|first| *first != d.deadline)
}

/// `s` (no wider than `w`) right-aligned in `w` cells.
fn cell_right(s: &str, w: usize) -> String {
    format!("{}{s}", " ".repeat(w.saturating_sub(width(s))))
}

/// "Sở Tài chính · 12 of 40 · ‼ overdue · /giai ngan · most urgent first".
fn pane_title(app: &App) -> Line<'static> {
    let lang = app.lang;
    let meeting = app.list.meeting.as_ref().and_then(|path| {
        let file = app.ws().files.iter().find(|f| f.path == *path)?;
        Some(file.source.title.clone())
    });
    let owner = match (app.selected_owner(), &app.list.group, meeting) {
        (_, _, Some(title)) => title,
        (Some(i), _, _) => app.ws().owners[i].name.clone(),
        (None, Some(group), _) => group.clone(),
        (None, None, _) => tr(lang, t::ALL_UNITS).to_string(),
    };
    let total = app.list.rows.len();
    let mut parts = vec![fit(&owner, 40)];
    let filtered = app.list.filter.is_some() || !app.list.filters.is_empty();
    parts.push(if app.list.search.is_empty() && !filtered {
        let open = row_figures(app, app.today()).open;
        t::list_count(lang, open, total)
    } else {
        format!(
            "{} {}",
            tr(lang, t::FILTER),
            t::matches(lang, total, app.list.owner_total)
        )
    });
    if let Some(f) = app.list.filter {
        parts.push(f.label(lang));
    }
    if !app.list.filters.is_empty() {
        let labels: Vec<String> = app.list.filters.iter().map(|f| f.label(lang)).collect();
        parts.push(labels.join(" + "));
    }
    if !app.list.search.is_empty() {
        parts.push(format!("/{}", fit(&app.list.search, 24)));
    }
    parts.push(t::sort_label(lang, app.list.sort).to_string());
    if app.size.0 < crate::tui::layout::TWO_PANES_MIN_WIDTH {
        parts.push(tr(lang, t::TAB_TO_UNITS).to_string());
    }
    Line::from(format!(" {} ", parts.join(" · "))).style(Style::new())
}

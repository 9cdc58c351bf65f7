//! The dashboard: per unit, under its group and worst first, a bar of done on time / done late /
//! not done within the deadline / overdue, the counts and the rates; then each group's total
//! and, pinned at the bottom, the overall line. The figures are `report::compute`'s, as of the
//! UI's as-of date, so they are those of `dondoc report` for that date.
//!
//! Every bucket has its own fill character as well as its colour, so the bars read without
//! colour (NO_COLOR) too; the legend on the first line says which is which.

use super::text::{cell, fit, visible, width};
use super::Theme;
use crate::i18n::report::percent;
use crate::i18n::tui::{self as t, tr, Text};
use crate::i18n::Lang;
use crate::model::Timeliness;
use crate::report::{Figures, Report};
use crate::tui::app::{App, DashRow};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;
use ratatui::Frame;

/// The four official buckets, in the bar's order (left to right).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bucket {
    OnTime,
    Late,
    Within,
    Overdue,
}

impl Bucket {
    pub const ALL: [Bucket; 4] = [
        Bucket::OnTime,
        Bucket::Late,
        Bucket::Within,
        Bucket::Overdue,
    ];

    /// The bar's fill: shades from full to light, and the UI's overdue symbol.
    pub fn fill(self) -> char {
        match self {
            Bucket::OnTime => '█',
            Bucket::Late => '▓',
            Bucket::Within => '░',
            Bucket::Overdue => '‼',
        }
    }

    pub fn count(self, f: &Figures) -> usize {
        match self {
            Bucket::OnTime => f.on_time,
            Bucket::Late => f.late,
            Bucket::Within => f.within,
            Bucket::Overdue => f.overdue,
        }
    }

    fn label(self, lang: Lang) -> &'static str {
        match self {
            Bucket::OnTime => t::timeliness_label(lang, Timeliness::OnTime),
            Bucket::Late => t::timeliness_label(lang, Timeliness::Late),
            Bucket::Within => tr(lang, t::DASH_WITHIN),
            Bucket::Overdue => t::timeliness_label(lang, Timeliness::Overdue),
        }
    }

    fn style(self, theme: &Theme) -> Style {
        match self {
            Bucket::OnTime => theme.timeliness(Timeliness::OnTime),
            Bucket::Late => theme.timeliness(Timeliness::Late),
            Bucket::Within => theme.pick(Style::new().fg(Color::Cyan), Style::new()),
            Bucket::Overdue => theme.overdue(),
        }
    }
}

/// Cells of each bucket in a bar `bar` cells long for the unit with the most directives
/// (`widest`): one scale for every unit, so bars compare across units. A bucket with any
/// directive gets at least one cell, so an overdue directive is never rounded away.
pub fn bar_cells(f: &Figures, widest: usize, bar: usize) -> [usize; 4] {
    let counts = Bucket::ALL.map(|b| b.count(f));
    let sum: usize = counts.iter().sum();
    if sum == 0 || bar == 0 {
        return [0; 4];
    }
    let nonzero = counts.iter().filter(|&&n| n > 0).count();
    let widest = widest.max(sum);
    // Rounded to the nearest cell, but never shorter than one cell per bucket present.
    let length = ((sum * bar + widest / 2) / widest).max(nonzero).min(bar);
    let ideal = counts.map(|n| n as f64 * length as f64 / sum as f64);
    let mut cells = counts.map(|n| if n == 0 { 0 } else { 1 });
    for i in 0..4 {
        if counts[i] > 0 {
            cells[i] = (ideal[i].floor() as usize).max(1);
        }
    }
    // Fix the rounding: take from the segment furthest above its ideal (keeping one cell),
    // give to the one furthest below.
    while cells.iter().sum::<usize>() > length {
        let Some(i) = (0..4)
            .filter(|&i| cells[i] > 1)
            .max_by(|&a, &b| (cells[a] as f64 - ideal[a]).total_cmp(&(cells[b] as f64 - ideal[b])))
        else {
            break;
        };
        cells[i] -= 1;
    }
    while cells.iter().sum::<usize>() < length {
        let Some(i) = (0..4).filter(|&i| counts[i] > 0).max_by(|&a, &b| {
            (ideal[a] - cells[a] as f64)
                .total_cmp(&(ideal[b] - cells[b] as f64))
                .then(b.cmp(&a))
        }) else {
            break;
        };
        cells[i] += 1;
    }
    cells
}

/// A count column: its header, its figure, and its bucket (for the colour).
type CountColumn = (&'static str, fn(&Figures) -> usize, Option<Bucket>);

/// The table's columns for a width, and which optional ones fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Columns {
    name: usize,
    bar: usize,
    /// Width of each count column (right-aligned, one blank cell before).
    count: usize,
    total: bool,
    /// Ongoing and cancelled.
    others: bool,
    done_rate: usize,
    /// `None` when the on-time rate does not fit.
    on_time_rate: Option<usize>,
}

/// Bars narrower than this give their room to no optional column.
const BAR_MIN: usize = 24;
/// Wider bars read no better (the numbers then stay near the bars on very wide screens).
const BAR_MAX: usize = 64;

impl Columns {
    fn fit(w: usize, report: &Report, lang: Lang) -> Columns {
        let labels = [t::DASH_GROUP_TOTAL, t::DASH_OVERALL].map(|l| width(tr(lang, l)) + 1);
        let longest = report
            .units()
            .map(|u| width(&u.short) + 1)
            .chain(labels)
            .max()
            .unwrap_or(10);
        let name = longest.clamp(10, 24).min(w / 3);
        let count = report.overall.total.to_string().len().max(2) + 1;
        let rate = |l: Text| width(tr(lang, l)).max(6) + 1;
        let mut c = Columns {
            name,
            bar: 0,
            count,
            total: false,
            others: false,
            done_rate: rate(t::DASH_COMPLETION),
            on_time_rate: None,
        };
        let used = |c: &Columns| {
            let counts = 4 + c.total as usize + 2 * c.others as usize;
            c.name + 1 + counts * c.count + c.done_rate + c.on_time_rate.unwrap_or(0) + 1
        };
        // Optional columns, most useful first, each only if the bar keeps BAR_MIN cells.
        let steps: [fn(&mut Columns, Lang); 3] = [
            |c, lang| c.on_time_rate = Some(width(tr(lang, t::DASH_ON_TIME_RATE)).max(6) + 1),
            |c, _| c.total = true,
            |c, _| c.others = true,
        ];
        for step in steps {
            let mut wider = c;
            step(&mut wider, lang);
            if w.saturating_sub(used(&wider)) >= BAR_MIN {
                c = wider;
            }
        }
        c.bar = w.saturating_sub(used(&c)).min(BAR_MAX);
        c
    }

    /// The count columns, left to right, in the report's order.
    fn counts(&self) -> Vec<CountColumn> {
        let mut cols: Vec<CountColumn> = Vec::new();
        if self.total {
            cols.push(("Σ", |f| f.total, None));
        }
        cols.push(("█", |f| f.on_time, Some(Bucket::OnTime)));
        cols.push(("▓", |f| f.late, Some(Bucket::Late)));
        cols.push(("░", |f| f.within, Some(Bucket::Within)));
        cols.push(("‼", |f| f.overdue, Some(Bucket::Overdue)));
        if self.others {
            cols.push(("∞", |f| f.ongoing, None));
            cols.push(("–", |f| f.cancelled, None));
        }
        cols
    }
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let lang = app.lang;
    let title = format!(
        " {} · {} · {} · {} ",
        tr(lang, t::DASHBOARD),
        t::as_of_label(lang, app.today(), app.today() != app.clock_today),
        tr(lang, t::ALL_DIRECTIVES),
        tr(lang, t::WORST_FIRST)
    );
    let mut block = Block::bordered()
        .title(fit(&title, area.width.saturating_sub(2) as usize))
        .border_style(theme.border(true));
    if let Some(quiet) = app.report().and_then(|r| quiet_line(r, lang)) {
        let quiet = fit(&quiet, area.width.saturating_sub(4) as usize);
        block = block.title_bottom(Span::styled(format!(" {quiet} "), theme.warning()));
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(report) = app.report() else { return };
    if inner.height < 2 || inner.width < 20 {
        return;
    }
    let w = inner.width as usize;
    let cols = Columns::fit(w, report, lang);
    let buf = frame.buffer_mut();

    legend(buf, inner, &cols, lang, theme);
    header(
        buf,
        Rect {
            y: inner.y + 1,
            ..inner
        },
        &cols,
        lang,
        theme,
    );

    let widest = report
        .units()
        .map(|u| Bucket::ALL.iter().map(|b| b.count(&u.figures)).sum())
        .max()
        .unwrap_or(1);
    let height = crate::tui::layout::table_rows(area) as usize;
    let mut offset = app.dash.offset;
    if app.dash.cursor >= offset + height {
        offset = app.dash.cursor + 1 - height;
    }
    for (i, row) in app.dash.rows.iter().enumerate().skip(offset).take(height) {
        let y = inner.y + 2 + (i - offset) as u16;
        let line = Rect {
            y,
            height: 1,
            ..inner
        };
        match *row {
            DashRow::Group(g) => {
                buf.set_stringn(
                    inner.x,
                    y,
                    fit(&report.groups[g].group, w),
                    w,
                    theme.group(),
                );
            }
            DashRow::Unit(g, u) => {
                let unit = &report.groups[g].units[u];
                let dim = unit.figures.total == 0;
                let name_style = if dim { theme.dim() } else { Style::new() };
                let bar = Some((widest, &unit.figures));
                figures_row(
                    buf,
                    line,
                    &cols,
                    (&format!(" {}", unit.short), name_style),
                    &unit.figures,
                    bar,
                    lang,
                    theme,
                );
                if i == app.dash.cursor {
                    buf.set_style(line, theme.selected(true));
                }
            }
            DashRow::Total(g) => {
                let label = format!(" {}", tr(lang, t::DASH_GROUP_TOTAL));
                figures_row(
                    buf,
                    line,
                    &cols,
                    (&label, theme.header()),
                    &report.groups[g].figures,
                    None,
                    lang,
                    theme,
                );
                buf.set_style(line, Style::new().add_modifier(Modifier::BOLD));
            }
        }
    }
    let overall = Rect {
        y: inner.bottom() - 1,
        height: 1,
        ..inner
    };
    if inner.height >= 4 {
        figures_row(
            buf,
            overall,
            &cols,
            (tr(lang, t::DASH_OVERALL), theme.header()),
            &report.overall,
            None,
            lang,
            theme,
        );
        buf.set_style(overall, Style::new().add_modifier(Modifier::BOLD));
    }
}

/// "█ done on time  ▓ done late  ░ within deadline  ‼ overdue", then what the other columns
/// and the rate mean, as far as whole entries fit.
fn legend(buf: &mut Buffer, inner: Rect, cols: &Columns, lang: Lang, theme: &Theme) {
    let mut entries: Vec<Vec<Span>> = Bucket::ALL
        .iter()
        .map(|&b| {
            vec![
                Span::styled(b.fill().to_string(), b.style(theme)),
                Span::raw(format!(" {}", b.label(lang))),
            ]
        })
        .collect();
    if cols.total {
        entries.push(vec![Span::raw(format!("Σ {}", tr(lang, t::DASH_TOTAL)))]);
    }
    if cols.others {
        for tl in [Timeliness::Ongoing, Timeliness::None] {
            entries.push(vec![Span::raw(format!(
                "{} {}",
                t::timeliness_symbol(tl),
                t::timeliness_label(lang, tl)
            ))]);
        }
    }
    entries.push(vec![Span::styled(tr(lang, t::DASH_RATE_NOTE), theme.dim())]);
    let mut spans = Vec::new();
    let mut used = 0;
    for entry in entries {
        let w: usize = entry.iter().map(|s| width(&s.content)).sum();
        let gap = if spans.is_empty() { 0 } else { 2 };
        if used + gap + w > inner.width as usize {
            break;
        }
        if gap > 0 {
            spans.push(Span::raw("  "));
        }
        used += gap + w;
        spans.extend(entry);
    }
    buf.set_line(inner.x, inner.y, &Line::from(spans), inner.width);
}

fn header(buf: &mut Buffer, line: Rect, cols: &Columns, lang: Lang, theme: &Theme) {
    let mut x = line.x;
    buf.set_stringn(
        x,
        line.y,
        cell(tr(lang, t::DASH_UNIT), cols.name),
        cols.name,
        theme.header(),
    );
    x += (cols.name + 1 + cols.bar) as u16;
    for (head, _, bucket) in cols.counts() {
        let style = bucket.map_or(theme.header(), |b| b.style(theme));
        let text = format!("{head:>w$}", w = cols.count);
        buf.set_stringn(x, line.y, &text, cols.count, style);
        x += cols.count as u16;
    }
    let rates = [
        Some((t::DASH_COMPLETION, cols.done_rate)),
        cols.on_time_rate.map(|w| (t::DASH_ON_TIME_RATE, w)),
    ];
    for (head, w) in rates.into_iter().flatten() {
        let text = format!("{:>w$}", tr(lang, head));
        buf.set_stringn(x, line.y, &text, w, theme.header());
        x += w as u16;
    }
}

/// One line of figures: the name, the bar (units only: `(widest, figures)`), the counts, the
/// rates.
#[allow(clippy::too_many_arguments)]
fn figures_row(
    buf: &mut Buffer,
    line: Rect,
    cols: &Columns,
    (name, name_style): (&str, Style),
    f: &Figures,
    bar: Option<(usize, &Figures)>,
    lang: Lang,
    theme: &Theme,
) {
    let mut x = line.x;
    buf.set_stringn(x, line.y, cell(name, cols.name), cols.name, name_style);
    x += cols.name as u16 + 1;
    if let Some((widest, figures)) = bar {
        let cells = bar_cells(figures, widest, cols.bar);
        let mut bx = x;
        for (b, n) in Bucket::ALL.iter().zip(cells) {
            let fill: String = std::iter::repeat_n(b.fill(), n).collect();
            buf.set_stringn(bx, line.y, &fill, n, b.style(theme));
            bx += n as u16;
        }
    }
    x += cols.bar as u16;
    for (_, value, bucket) in cols.counts() {
        let n = value(f);
        let style = match bucket {
            _ if n == 0 => theme.dim(),
            Some(Bucket::Overdue) => theme.overdue(),
            _ => Style::new(),
        };
        let text = format!("{n:>w$}", w = cols.count);
        buf.set_stringn(x, line.y, &text, cols.count, style);
        x += cols.count as u16;
    }
    let rates = [
        Some((f.completion_rate(), cols.done_rate)),
        cols.on_time_rate.map(|w| (f.on_time_rate(), w)),
    ];
    for (rate, w) in rates.into_iter().flatten() {
        let text = format!("{:>w$}", percent(rate, lang));
        buf.set_stringn(x, line.y, &text, w, Style::new());
        x += w as u16;
    }
}

/// The units gone quiet (as `dondoc report --quiet-days`), by short name, in the bottom border.
fn quiet_line(report: &Report, lang: Lang) -> Option<String> {
    if report.quiet.is_empty() {
        return None;
    }
    let short = |id: &str| {
        report
            .units()
            .find(|u| u.owner == id)
            .map_or(id.to_string(), |u| u.short.clone())
    };
    let names: Vec<String> = report
        .quiet
        .iter()
        .map(|q| visible(&short(&q.owner)).into_owned())
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    Some(t::quiet_units(lang, report.quiet_days, &names))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(on_time: usize, late: usize, within: usize, overdue: usize) -> Figures {
        Figures {
            total: on_time + late + within + overdue,
            on_time,
            late,
            within,
            overdue,
            ..Figures::default()
        }
    }

    #[test]
    fn bars_share_one_scale_and_keep_every_bucket_visible() {
        // The widest unit fills the bar exactly.
        assert_eq!(bar_cells(&figures(2, 1, 3, 4), 10, 20), [4, 2, 6, 8]);
        // Half the directives, half the bar.
        assert_eq!(bar_cells(&figures(1, 0, 2, 2), 10, 20), [2, 0, 4, 4]);
        // One overdue among a hundred still shows.
        let cells = bar_cells(&figures(99, 0, 0, 1), 100, 10);
        assert_eq!(cells, [9, 0, 0, 1]);
        // A tiny unit on a big scale: one cell per bucket present.
        assert_eq!(bar_cells(&figures(0, 1, 0, 1), 1000, 30), [0, 1, 0, 1]);
        assert_eq!(bar_cells(&Figures::default(), 10, 20), [0; 4]);
        for (f, widest, bar) in [
            (figures(3, 3, 3, 3), 12, 7),
            (figures(5, 1, 1, 0), 9, 13),
            (figures(7, 0, 2, 5), 14, 31),
        ] {
            let cells = bar_cells(&f, widest, bar);
            let length = (Bucket::ALL.iter().map(|b| b.count(&f)).sum::<usize>() * bar
                + widest / 2)
                / widest;
            assert_eq!(cells.iter().sum::<usize>(), length, "{f:?}");
        }
    }
}

//! The summary as one CSV table (RFC 4180, UTF-8; `bom` adds the byte-order mark Excel needs
//! to read UTF-8). One row per unit, then its group's total row, group by group, then the
//! overall row; the `level` column says which (`unit`, `group`, `overall`). The header uses
//! the same keys as the JSON, in every language, so scripts can rely on it. Rates are fractions
//! (0 to 1, four decimals), empty when undefined; `scope` repeats the report's scope. The
//! overdue list is not in the CSV: it is in every other format (`--format xlsx` for a
//! spreadsheet). Written by the one CSV writer ([`crate::csv_out`]: formulas neutralised,
//! escapes shown).

use super::{Figures, ReportOn};
use crate::csv_out::push_row;

pub const HEADER: [&str; 17] = [
    "level",
    "group",
    "owner",
    "name",
    "total",
    "on_time",
    "late",
    "within",
    "due_soon",
    "overdue",
    "ongoing",
    "cancelled",
    "completion_rate",
    "on_time_rate",
    "overdue_30",
    "overdue_90",
    "scope",
];

pub fn render(report: &ReportOn, bom: bool) -> String {
    let mut out = String::new();
    if bom {
        out.push('\u{feff}');
    }
    push_row(&mut out, HEADER);
    for group in &report.groups {
        for unit in &group.units {
            row(
                &mut out,
                "unit",
                &group.group,
                &unit.owner,
                &unit.name,
                &unit.figures,
                report.scope.as_str(),
            );
        }
        row(
            &mut out,
            "group",
            &group.group,
            "",
            "",
            &group.figures,
            report.scope.as_str(),
        );
    }
    row(
        &mut out,
        "overall",
        "",
        "",
        "",
        &report.overall,
        report.scope.as_str(),
    );
    out
}

fn row(
    out: &mut String,
    level: &str,
    group: &str,
    owner: &str,
    name: &str,
    f: &Figures,
    scope: &str,
) {
    let rate = |r: Option<f64>| r.map(|r| format!("{r:.4}")).unwrap_or_default();
    let cells = [level, group, owner, name]
        .into_iter()
        .map(str::to_string)
        .chain(
            [
                f.total,
                f.on_time,
                f.late,
                f.within,
                f.due_soon,
                f.overdue,
                f.ongoing,
                f.cancelled,
            ]
            .map(|n| n.to_string()),
        )
        .chain([rate(f.completion_rate()), rate(f.on_time_rate())])
        .chain([
            f.overdue_30.to_string(),
            f.overdue_90.to_string(),
            scope.to_string(),
        ]);
    push_row(out, cells);
}

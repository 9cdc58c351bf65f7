//! The report as JSON, in the shape scripts rely on:
//! `{"as_of", "scope", "from", "to", "units": [...], "groups": [...], "overall": {...},
//! "overdue": [...]}`. `total` is on_time + late + within + overdue + ongoing; `cancelled` is
//! apart. `scope` is `assigned`, `cumulative` or `due`.
//! Dates are `YYYY-MM-DD`; rates are fractions from 0 to 1, or null when nothing has fallen due
//! (completion) or nothing is done (on time); `from`/`to` are null when there is no period.
//! An empty period gives the same shape with zeros (the CLI also says so on stderr).

use super::{Figures, Report};
use crate::model::Status;
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Serialize)]
struct Json<'a> {
    as_of: NaiveDate,
    scope: &'a str,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    units: Vec<Unit<'a>>,
    groups: Vec<Group<'a>>,
    overall: FiguresJson,
    overdue: Vec<Overdue<'a>>,
}

#[derive(Serialize)]
struct Unit<'a> {
    owner: &'a str,
    name: &'a str,
    group: &'a str,
    #[serde(flatten)]
    figures: FiguresJson,
}

#[derive(Serialize)]
struct Group<'a> {
    group: &'a str,
    #[serde(flatten)]
    figures: FiguresJson,
}

#[derive(Serialize)]
struct FiguresJson {
    total: usize,
    on_time: usize,
    late: usize,
    within: usize,
    due_soon: usize,
    overdue: usize,
    ongoing: usize,
    cancelled: usize,
    overdue_30: usize,
    overdue_90: usize,
    completion_rate: Option<f64>,
    on_time_rate: Option<f64>,
}

impl From<&Figures> for FiguresJson {
    fn from(f: &Figures) -> Self {
        FiguresJson {
            total: f.total,
            on_time: f.on_time,
            late: f.late,
            within: f.within,
            due_soon: f.due_soon,
            overdue: f.overdue,
            ongoing: f.ongoing,
            cancelled: f.cancelled,
            overdue_30: f.overdue_30,
            overdue_90: f.overdue_90,
            completion_rate: f.completion_rate(),
            on_time_rate: f.on_time_rate(),
        }
    }
}

#[derive(Serialize)]
struct Overdue<'a> {
    id: &'a str,
    owner: &'a str,
    deadline: NaiveDate,
    days_overdue: i64,
    extensions: usize,
    note: Option<&'a str>,
    source_ref: Option<&'a str>,
    source_date: Option<NaiveDate>,
    support: &'a [String],
    status: Status,
    first_deadline: Option<NaiveDate>,
    reason: Option<&'a str>,
    reminders: usize,
}

/// Pretty-printed JSON with a final newline.
pub fn render(report: &Report) -> String {
    let json = Json {
        as_of: report.as_of,
        scope: report.scope.as_str(),
        from: report.period.map(|p| p.from),
        to: report.period.map(|p| p.to),
        units: report
            .units()
            .map(|u| Unit {
                owner: &u.owner,
                name: &u.name,
                group: &u.group,
                figures: (&u.figures).into(),
            })
            .collect(),
        groups: report
            .groups
            .iter()
            .map(|g| Group {
                group: &g.group,
                figures: (&g.figures).into(),
            })
            .collect(),
        overall: (&report.overall).into(),
        overdue: report
            .overdue
            .iter()
            .map(|o| Overdue {
                id: &o.id,
                owner: &o.owner,
                deadline: o.deadline,
                days_overdue: o.days_overdue,
                extensions: o.extensions,
                note: o.note.as_deref(),
                source_ref: o.source_ref.as_deref(),
                source_date: o.source_date,
                support: &o.support,
                status: o.status,
                first_deadline: o.first_deadline,
                reason: o.reason.as_deref(),
                reminders: o.reminders,
            })
            .collect(),
    };
    let mut out = serde_json::to_string_pretty(&json).expect("report JSON is serializable");
    out.push('\n');
    out
}

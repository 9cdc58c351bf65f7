//! The report as JSON, in the shape scripts rely on:
//! `{"as_of", "scope", "from", "to", "units": [...], "groups": [...], "overall": {...},
//! "overdue": [...]}`. `total` is on_time + late + within + overdue + ongoing; `cancelled` is
//! apart. `scope` is `assigned`, `cumulative` or `due`.
//! Dates are `YYYY-MM-DD`; rates are fractions from 0 to 1, or null when nothing has fallen due
//! (completion) or nothing is done (on time); `from`/`to` are null when there is no period.
//! An empty period gives the same shape with zeros (the CLI also says so on stderr).

use super::{Figures, OverdueItem, ReportOn};
use crate::model::Status;
use chrono::NaiveDate;
use serde::Serialize;
use std::io::{self, Write};

/// The top level, written field by field as the report is read: no list is collected first,
/// so the overdue list (the bulk of a large report) costs no copy of its own.
struct Json<'a>(&'a ReportOn<'a>);

impl Serialize for Json<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let report = self.0;
        let mut json = s.serialize_struct("Json", 8)?;
        json.serialize_field("as_of", &report.as_of)?;
        json.serialize_field("scope", report.scope.as_str())?;
        json.serialize_field("from", &report.period.map(|p| p.from))?;
        json.serialize_field("to", &report.period.map(|p| p.to))?;
        json.serialize_field(
            "units",
            &Seq(|| {
                report.units().map(|u| Unit {
                    owner: &u.owner,
                    name: &u.name,
                    group: &u.group,
                    figures: (&u.figures).into(),
                })
            }),
        )?;
        json.serialize_field(
            "groups",
            &Seq(|| {
                report.groups.iter().map(|g| Group {
                    group: &g.group,
                    figures: (&g.figures).into(),
                })
            }),
        )?;
        json.serialize_field("overall", &FiguresJson::from(&report.overall))?;
        json.serialize_field("overdue", &Seq(|| report.overdue.iter().map(Overdue::from)))?;
        json.end()
    }
}

/// A JSON array of what the iterator `make` returns yields, serialized without a `Vec`.
struct Seq<F>(F);

impl<F, I> Serialize for Seq<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
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

impl<'a> From<&'a OverdueItem<'_>> for Overdue<'a> {
    fn from(o: &'a OverdueItem<'_>) -> Self {
        Overdue {
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
        }
    }
}

/// Pretty-printed JSON with a final newline.
pub fn render(report: &ReportOn) -> String {
    let mut out = Vec::new();
    write(report, &mut out).expect("writing to memory does not fail");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// [`render`] written to `out` as it is made (a large report is never held whole).
pub fn write(report: &ReportOn, out: &mut dyn Write) -> io::Result<()> {
    // A buffer of a known type: the serializer's many small writes are copies, not calls
    // through `dyn`.
    let mut out = io::BufWriter::with_capacity(64 * 1024, out);
    serde_json::to_writer_pretty(&mut out, &Json(report)).map_err(io::Error::from)?;
    out.write_all(b"\n")?;
    out.flush()
}

//! The checks of one directive file: `[source]`, each `[[directive]]` and its log. Pure: the
//! bytes come in, the directives and the problems found go out.

use super::parse::{self, get, kind, problem, valid_id, Ctx, Field};
use super::text;
use crate::model::*;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use std::collections::HashSet;
use toml::de::{DeTable, DeValue};

/// One directive file, parsed on its own.
#[derive(Debug)]
pub struct FileLoad {
    pub file: SourceFile,
    pub directives: Vec<Directive>,
}

/// Parses one directive file from its bytes (or the error reading them).
pub fn load_file(
    rel: &str,
    bytes: std::io::Result<Vec<u8>>,
    known_owners: Option<&HashSet<String>>,
) -> FileLoad {
    let mut file = SourceFile {
        path: rel.to_string(),
        ..Default::default()
    };
    let broken = |mut file: SourceFile, pos, kind: ProblemKind| {
        file.problems.push(problem(rel, pos, kind.clone()));
        file.broken = Some(kind);
        FileLoad {
            file,
            directives: vec![],
        }
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => return broken(file, (1, 1), ProblemKind::CannotRead(e.to_string())),
    };
    file.fingerprint = text::fingerprint(&bytes);
    let parsed = match parse::parse(&bytes) {
        Ok(p) => p,
        Err(e) => return broken(file, e.pos, e.kind),
    };
    let mut ctx = Ctx {
        path: rel,
        lines: &parsed.lines,
        problems: Vec::new(),
    };
    let table = parsed.table.get_ref();
    let directives = read_directive_file(&mut ctx, table, known_owners, &mut file);
    // Blank or only comments: every `.toml` below the root is a directive file, so one that
    // holds nothing is most likely a mistake (a half-written or wrongly placed file).
    if table.is_empty() {
        ctx.report_at((1, 1), ProblemKind::EmptyFile);
    }
    for (pos, kind) in &parsed.newer_syntax {
        ctx.report_at(*pos, kind.clone());
    }
    file.problems.extend(ctx.problems);
    FileLoad { file, directives }
}

const DIRECTIVE_KEYS: &[&str] = &[
    "id",
    "text",
    "owner",
    "support",
    "issued_by",
    "deadline",
    "status",
    "done_on",
    "note",
    "log",
    "first_deadline",
    "done_ref",
    "draft",
];
const LOG_KEYS: &[&str] = &[
    "at",
    "by",
    "status",
    "deadline",
    "done_on",
    "note",
    "cleared",
    "text",
    "owner",
    "support",
    "done_ref",
    "created",
    "undo",
    "reason",
    "ref",
    "approved_by",
    "reminder",
];

fn read_directive_file(
    ctx: &mut Ctx,
    root: &DeTable,
    known_owners: Option<&HashSet<String>>,
    file: &mut SourceFile,
) -> Vec<Directive> {
    ctx.unknown_keys(root, &["source", "directive"], Place::DirectiveFile);
    match get(root, "source") {
        Some(value) => {
            if let Some(source) = ctx.table(value, "[source]") {
                ctx.unknown_keys(
                    source,
                    &["title", "date", "ref", "issued_by"],
                    Place::Source,
                );
                file.source.title = match get(source, "title") {
                    Some(v) => ctx.string(v, "title").unwrap_or_default(),
                    None => {
                        ctx.report(value, ProblemKind::SourceWithoutTitle);
                        String::new()
                    }
                };
                file.source.date = match get(source, "date") {
                    Some(v) => ctx.date(v, "date"),
                    None => {
                        ctx.report(value, ProblemKind::SourceWithoutDate);
                        None
                    }
                };
                file.source.reference = get(source, "ref").and_then(|v| ctx.string(v, "ref"));
                file.source.issued_by =
                    get(source, "issued_by").and_then(|v| ctx.string(v, "issued_by"));
            }
        }
        None if get(root, "directive").is_some() => ctx.report_at((1, 1), ProblemKind::NoSource),
        None => {}
    }
    let Some(list) = get(root, "directive") else {
        return vec![];
    };
    let mut directives = Vec::new();
    for item in ctx.tables(list, "directive") {
        if let DeValue::Table(table) = item.get_ref() {
            if let Some(d) = read_directive(ctx, item, table, known_owners) {
                directives.push(d);
            }
        }
    }
    directives
}

/// One `[[directive]]`; `None` when it is unusable (no id, owner or status).
fn read_directive(
    ctx: &mut Ctx,
    item: &Field,
    t: &DeTable,
    known_owners: Option<&HashSet<String>>,
) -> Option<Directive> {
    let header_pos = ctx.pos(item.span().start);
    ctx.unknown_keys(t, DIRECTIVE_KEYS, Place::Directive);
    let Some(id_field) = get(t, "id") else {
        ctx.report_at(header_pos, ProblemKind::DirectiveWithoutId);
        return None;
    };
    let id = ctx.string(id_field, "id")?;
    if !valid_id(&id, &['.', '_', '-']) {
        ctx.report(id_field, ProblemKind::InvalidId(id));
        return None;
    }
    let id_pos = ctx.pos(id_field.span().start);
    let text = match get(t, "text") {
        Some(v) => ctx.string(v, "text").map(lf_lines).unwrap_or_default(),
        None => {
            ctx.report_at(header_pos, ProblemKind::NoText(id.clone()));
            String::new()
        }
    };
    let draft = get(t, "draft").is_some_and(|v| ctx.boolean(v, "draft"));
    let owner = match get(t, "owner") {
        Some(v) => ctx.string(v, "owner")?,
        // A draft (imported, not yet reviewed) may wait for its lead unit.
        None if draft => String::new(),
        None => {
            ctx.report_at(header_pos, ProblemKind::NoOwner(id));
            return None;
        }
    };
    if let (Some(known), Some(v)) = (known_owners, get(t, "owner")) {
        if !known.contains(&owner) {
            ctx.report(v, ProblemKind::UnknownOwner(owner.clone()));
        }
    }
    let mut support = Vec::new();
    if let Some(v) = get(t, "support") {
        support = ctx.owner_list(v, known_owners);
    }
    let issued_by = get(t, "issued_by").and_then(|v| ctx.string(v, "issued_by"));
    // A bad deadline, status or done_on makes the directive unusable; every problem in it is
    // still reported, so one pass of fixing is enough.
    let mut usable = true;
    let mut date_of = |ctx: &mut Ctx, key: &str| {
        let value = get(t, key)?;
        let date = ctx.date(value, key);
        usable &= date.is_some();
        date
    };
    let deadline = date_of(ctx, "deadline");
    let done_on = date_of(ctx, "done_on");
    let first_deadline = date_of(ctx, "first_deadline");
    let status = match get(t, "status") {
        Some(field) => ctx.status(field).map(|s| (s, field)),
        None => {
            ctx.report_at(header_pos, ProblemKind::NoStatus(id.clone()));
            None
        }
    };
    let (status, status_field) = status.filter(|_| usable)?;
    match (status, done_on, get(t, "done_on")) {
        (Status::Done, None, _) => {
            ctx.report(status_field, ProblemKind::DoneWithoutDate(id.clone()))
        }
        (s, Some(_), Some(v)) if s != Status::Done => ctx.report(
            v,
            ProblemKind::DoneOnNotDone {
                id: id.clone(),
                status: s,
            },
        ),
        _ => {}
    }
    let note = get(t, "note").and_then(|v| ctx.string(v, "note"));
    if let (Some(text), Some(v)) = (&note, get(t, "note")) {
        if text.contains('\n') || text.contains('\r') {
            ctx.report(v, ProblemKind::MultiLineNote(id.clone()));
        }
    }
    let done_ref = get(t, "done_ref").and_then(|v| ctx.string(v, "done_ref"));
    let mut log = Vec::new();
    if let Some(v) = get(t, "log") {
        for entry in ctx.tables(v, "directive.log") {
            if let DeValue::Table(e) = entry.get_ref() {
                log.push(read_log_entry(ctx, entry, e));
            }
        }
    }
    Some(Directive {
        id,
        text,
        owner: Name::shared(&owner),
        support: support.iter().map(|s| Name::shared(s)).collect(),
        issued_by: issued_by.as_deref().map(Name::shared),
        deadline,
        status,
        done_on,
        note,
        first_deadline,
        done_ref,
        draft,
        log,
        file: 0,
        line: header_pos.0,
        id_pos,
    })
}

fn read_log_entry(ctx: &mut Ctx, item: &Field, t: &DeTable) -> LogEntry {
    ctx.unknown_keys(t, LOG_KEYS, Place::LogEntry);
    let (at, at_text) = match get(t, "at") {
        Some(v) => match v.get_ref() {
            DeValue::Datetime(dt) => {
                let gap = match (dt.date, dt.time, dt.offset) {
                    (Some(_), Some(_), Some(_)) => None,
                    (Some(_), None, _) => Some(LogTimeGap::NoTime),
                    (Some(_), Some(_), None) => Some(LogTimeGap::NoOffset),
                    (None, ..) => Some(LogTimeGap::NoDate),
                };
                if let Some(gap) = gap {
                    ctx.report(v, ProblemKind::LogTimeIncomplete(gap));
                }
                // The text is kept only when the time cannot be read as one (shown as written).
                match log_time(dt, None) {
                    Some(at) => (Some(at), String::new()),
                    None => (None, dt.to_string()),
                }
            }
            other => {
                ctx.report(v, ProblemKind::LogTimeNotDateTime { found: kind(other) });
                (None, String::new())
            }
        },
        None => {
            ctx.report(item, ProblemKind::LogWithoutTime);
            (None, String::new())
        }
    };
    let string = |ctx: &mut Ctx, key: &str| get(t, key).and_then(|v| ctx.string(v, key));
    let flag = |ctx: &mut Ctx, key: &str| get(t, key).is_some_and(|v| ctx.boolean(v, key));
    // In the order of the format's fields: problems are reported in this order.
    let by = string(ctx, "by").unwrap_or_default();
    let text = string(ctx, "text").map(lf_lines);
    let owner = string(ctx, "owner");
    let support = get(t, "support").map(|v| ctx.owner_list(v, None));
    let done_ref = string(ctx, "done_ref");
    let created = flag(ctx, "created");
    let undo = flag(ctx, "undo");
    let reminder = flag(ctx, "reminder");
    let reason = string(ctx, "reason");
    let reference = string(ctx, "ref");
    let approved_by = string(ctx, "approved_by");
    let status = get(t, "status").and_then(|v| ctx.status(v));
    let deadline = get(t, "deadline").and_then(|v| ctx.date(v, "deadline"));
    let done_on = get(t, "done_on").and_then(|v| ctx.date(v, "done_on"));
    let note = get(t, "note").and_then(|v| ctx.string(v, "note"));
    let cleared = match get(t, "cleared") {
        Some(v) => match v.get_ref() {
            DeValue::Array(items) => items
                .iter()
                .filter_map(|i| ctx.string(i, "cleared"))
                .collect(),
            _ => {
                ctx.report(v, ProblemKind::ClearedNotAList);
                vec![]
            }
        },
        None => vec![],
    };
    let mut entry = LogEntry::new(None, "");
    entry.at = at;
    entry.by = Name::shared(&by);
    entry.created = created;
    entry.undo = undo;
    entry.reminder = reminder;
    entry.status = status;
    entry.deadline = deadline;
    entry.done_on = done_on;
    entry.note = note;
    entry.set_extra(LogExtra {
        at_text,
        cleared,
        text,
        owner,
        support,
        done_ref,
        reason,
        reference,
        approved_by,
    });
    entry
}

/// A log time with its offset. A time written without an offset gets `assume_offset`, or is
/// `None` when that is `None` too (the loader keeps its text for display); a bare date is
/// midnight.
pub fn log_time(
    dt: &toml::value::Datetime,
    assume_offset: Option<FixedOffset>,
) -> Option<DateTime<FixedOffset>> {
    let date = dt.date?;
    let date = NaiveDate::from_ymd_opt(date.year.into(), date.month.into(), date.day.into())?;
    let time = dt
        .time
        .and_then(|t| {
            NaiveTime::from_hms_nano_opt(
                t.hour.into(),
                t.minute.into(),
                t.second.unwrap_or(0).into(),
                t.nanosecond.unwrap_or(0),
            )
        })
        .unwrap_or(NaiveTime::MIN);
    let offset = match dt.offset {
        Some(toml::value::Offset::Z) => FixedOffset::east_opt(0)?,
        Some(toml::value::Offset::Custom { minutes }) => {
            FixedOffset::east_opt(i32::from(minutes) * 60)?
        }
        None => assume_offset?,
    };
    date.and_time(time).and_local_timezone(offset).single()
}

/// A directive's text with its line breaks as `\n`: a multi-line string in a CRLF file holds
/// them as `\r\n`, the same text as in an LF file.
fn lf_lines(text: String) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text
    }
}

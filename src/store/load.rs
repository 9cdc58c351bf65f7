//! Reading a workspace: `dondoc.toml`, then every directive file below the root, in parallel.
//! A broken file never stops the rest; every problem gets a `path:line:col`.

use super::text::{self, LineIndex};
use crate::fold::nfc;
use crate::model::*;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

pub const CONFIG_FILE: &str = "dondoc.toml";

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{0} is not a folder")]
    NotAFolder(PathBuf),
    #[error("{0} has no dondoc.toml: not a dondoc workspace (create one with `dondoc init {0}`)")]
    NoConfig(PathBuf),
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Loads the workspace at `root`. Errors only when there is no workspace to show at all.
pub fn load(root: &Path) -> Result<Workspace, LoadError> {
    if !root.is_dir() {
        return Err(if root.exists() {
            LoadError::NotAFolder(root.to_path_buf())
        } else {
            LoadError::NoConfig(root.to_path_buf())
        });
    }
    let config_path = root.join(CONFIG_FILE);
    let config_bytes = match std::fs::read(&config_path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(LoadError::NoConfig(root.to_path_buf()))
        }
        Err(e) => {
            return Err(LoadError::Io {
                path: config_path,
                source: e,
            })
        }
    };
    let mut ws = Workspace {
        root: root.to_path_buf(),
        ..Default::default()
    };
    let known_owners = parse_config(&config_bytes, &mut ws);

    let mut paths = Vec::new();
    collect_toml_files(root, root, &mut paths);
    paths.sort();
    let loaded: Vec<FileLoad> = paths
        .par_iter()
        .map(|rel| {
            let bytes = std::fs::read(root.join(rel));
            load_file(rel, bytes, known_owners.as_ref())
        })
        .collect();
    // One id map for the whole load: rebuilding it per file made loading quadratic.
    let mut known = KnownIds::new();
    for file in loaded {
        ws.add_file(file, &mut known);
    }
    ws.recheck();
    Ok(ws)
}

/// Directive id → (file index, line).
type KnownIds = HashMap<String, (usize, usize)>;

/// One directive file, parsed on its own.
#[derive(Debug)]
pub struct FileLoad {
    pub file: SourceFile,
    pub directives: Vec<Directive>,
}

impl Workspace {
    pub(super) fn known_ids(&self) -> KnownIds {
        self.directives
            .iter()
            .map(|d| (d.id.clone(), (d.file, d.line)))
            .collect()
    }

    pub(super) fn add_file(&mut self, load: FileLoad, known: &mut KnownIds) {
        let index = self.files.len();
        self.files.push(load.file);
        self.insert_directives(index, load.directives, known);
    }

    /// Adds a file's directives, leaving out ids already used elsewhere (each such is a
    /// problem); `known` must hold the workspace's ids and gets the new ones.
    pub(super) fn insert_directives(
        &mut self,
        file_index: usize,
        directives: Vec<Directive>,
        known: &mut KnownIds,
    ) {
        for mut d in directives {
            d.file = file_index;
            if let Some(&(other_file, other_line)) = known.get(&d.id) {
                let message = format!(
                    "duplicate id \"{}\": already used at {}:{}",
                    d.id, self.files[other_file].path, other_line
                );
                let (line, col) = d.id_pos;
                let path = self.files[file_index].path.clone();
                self.files[file_index].problems.push(Problem {
                    path,
                    line,
                    col,
                    message,
                });
                continue;
            }
            known.insert(d.id.clone(), (file_index, d.line));
            self.directives.push(d);
        }
    }

    /// Re-reads one directive file (after a write, or when it changed on disk); `rel` is
    /// relative to the root. A file that no longer exists is dropped. Returns false, having
    /// changed nothing, when the bytes on disk are the ones already loaded (dondoc's own
    /// write seen again by the watcher, a touch) or the file is absent from both.
    pub fn reload_file(&mut self, rel: &str) -> bool {
        let read = self.read_file(rel);
        self.put_file(read)
    }

    /// Gathers every problem: the config's and each file's, in path order.
    pub fn recheck(&mut self) {
        let mut problems = self.config_problems.clone();
        let mut files: Vec<&SourceFile> = self.files.iter().collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        for f in files {
            problems.extend(f.problems.iter().cloned());
        }
        self.problems = problems;
    }
}

fn collect_toml_files(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        // Symlinked folders are not followed: they could loop.
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            collect_toml_files(root, &path, out);
        } else if kind.is_file() || (kind.is_symlink() && path.is_file()) {
            // A symlink to a file is read; one to a folder is not followed.
            if let Ok(rel) = path.strip_prefix(root) {
                let rel = relative_path_string(rel);
                if super::files::is_directive_file(&rel) {
                    out.push(rel);
                }
            }
        }
    }
}

/// A relative path with `/` separators, as shown to users.
pub fn relative_path_string(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
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
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => {
            file.broken = Some(format!("cannot read: {e}"));
            file.problems
                .push(problem(rel, (1, 1), format!("cannot read: {e}")));
            return FileLoad {
                file,
                directives: vec![],
            };
        }
    };
    file.fingerprint = text::fingerprint(&bytes);
    let text = match text::decode_utf8(&bytes) {
        Ok(t) => t,
        Err(pos) => {
            let msg = "invalid UTF-8: save the file as UTF-8".to_string();
            file.broken = Some(msg.clone());
            file.problems.push(problem(rel, pos, msg));
            return FileLoad {
                file,
                directives: vec![],
            };
        }
    };
    let text = text.strip_prefix(text::BOM).unwrap_or(text);
    if let Some(pos) = second_bom(text) {
        let msg = "TOML syntax: a second byte-order mark at the start of the file".to_string();
        file.broken = Some(msg.clone());
        file.problems.push(problem(rel, pos, msg));
        return FileLoad {
            file,
            directives: vec![],
        };
    }
    if let Some(pos) = text::conflict_marker(text) {
        let msg = "git conflict marker: resolve the merge conflict in this file".to_string();
        file.broken = Some(msg.clone());
        file.problems.push(problem(rel, pos, msg));
        return FileLoad {
            file,
            directives: vec![],
        };
    }
    let lines = LineIndex::new(text);
    let table = match DeTable::parse(text) {
        Ok(t) => t,
        Err(e) => {
            let pos = e.span().map(|s| lines.position(s.start)).unwrap_or((1, 1));
            let msg = format!("TOML syntax: {}", e.message().trim());
            file.broken = Some(msg.clone());
            file.problems.push(problem(rel, pos, msg));
            return FileLoad {
                file,
                directives: vec![],
            };
        }
    };
    if let Some((offset, msg)) = bad_number(table.get_ref()) {
        let msg = format!("TOML syntax: {msg}");
        file.broken = Some(msg.clone());
        file.problems
            .push(problem(rel, lines.position(offset), msg));
        return FileLoad {
            file,
            directives: vec![],
        };
    }
    let mut ctx = Ctx {
        path: rel,
        lines: &lines,
        problems: Vec::new(),
    };
    let directives = read_directive_file(&mut ctx, table.get_ref(), known_owners, &mut file);
    // Blank or only comments: every `.toml` below the root is a directive file, so one that
    // holds nothing is most likely a mistake (a half-written or wrongly placed file).
    if table.get_ref().is_empty() {
        ctx.report_at(
            (1, 1),
            "empty file: a directive file needs [source] and [[directive]]",
        );
    }
    file.problems.extend(ctx.problems);
    FileLoad { file, directives }
}

/// A text that still starts with a byte-order mark once the one allowed was taken off.
fn second_bom(text: &str) -> Option<(usize, usize)> {
    text.starts_with(text::BOM).then_some((1, 1))
}

/// The first integer or float the parser let through without checking its digits (`0x`,
/// `1_0٠`, out of range): its offset and what is wrong. toml's `DeTable` reads numbers lazily.
fn bad_number(table: &DeTable) -> Option<(usize, String)> {
    fn value(v: &Field) -> Option<(usize, String)> {
        match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .is_err()
                .then(|| (v.span().start, format!("invalid integer {i}"))),
            DeValue::Float(f) => f
                .as_str()
                .parse::<f64>()
                .is_err()
                .then(|| (v.span().start, format!("invalid float {f}"))),
            DeValue::Array(items) => items.iter().find_map(value),
            DeValue::Table(t) => bad_number(t),
            _ => None,
        }
    }
    table.iter().find_map(|(_, v)| value(v))
}

fn problem(path: &str, (line, col): (usize, usize), message: String) -> Problem {
    Problem {
        path: path.to_string(),
        line,
        col,
        message,
    }
}

/// What one file's checks need: its path, positions and the problems found so far.
struct Ctx<'a> {
    path: &'a str,
    lines: &'a LineIndex<'a>,
    problems: Vec<Problem>,
}

type Field<'i> = Spanned<DeValue<'i>>;

impl Ctx<'_> {
    fn pos(&self, offset: usize) -> (usize, usize) {
        self.lines.position(offset)
    }

    fn report_at(&mut self, pos: (usize, usize), message: impl Into<String>) {
        self.problems.push(problem(self.path, pos, message.into()));
    }

    fn report(&mut self, at: &Field, message: impl Into<String>) {
        let pos = self.pos(at.span().start);
        self.report_at(pos, message);
    }

    fn string(&mut self, value: &Field, what: &str) -> Option<String> {
        match value.get_ref() {
            DeValue::String(s) => Some(nfc(s)),
            other => {
                self.report(
                    value,
                    format!("{what} must be a string, found {}", kind(other)),
                );
                None
            }
        }
    }

    fn date(&mut self, value: &Field, what: &str) -> Option<NaiveDate> {
        match value.get_ref() {
            DeValue::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(d), None, None) => {
                    let date = NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into());
                    if date.is_none() {
                        self.report(value, format!("{what}: impossible date {dt}"));
                    }
                    date
                }
                _ => {
                    self.report(
                        value,
                        format!("{what} must be a date like 2023-09-30, not a date-time ({dt})"),
                    );
                    None
                }
            },
            DeValue::String(s) => {
                let hint = if s.parse::<NaiveDate>().is_ok() {
                    format!(": write it without quotes, {what} = {s}")
                } else {
                    String::new()
                };
                self.report(
                    value,
                    format!("{what} must be a date like 2023-09-30, found a string{hint}"),
                );
                None
            }
            other => {
                self.report(
                    value,
                    format!(
                        "{what} must be a date like 2023-09-30, found {}",
                        kind(other)
                    ),
                );
                None
            }
        }
    }

    fn boolean(&mut self, value: &Field, what: &str) -> bool {
        match value.get_ref() {
            DeValue::Boolean(b) => *b,
            other => {
                self.report(
                    value,
                    format!("{what} must be true or false, found {}", kind(other)),
                );
                false
            }
        }
    }

    /// A list of strings (`motto`, `aliases`, `recipients`).
    fn strings(&mut self, value: &Field, what: &str) -> Vec<String> {
        match value.get_ref() {
            DeValue::Array(items) => items
                .iter()
                .filter_map(|item| self.string(item, what))
                .collect(),
            other => {
                self.report(
                    value,
                    format!("{what} must be a list of strings, found {}", kind(other)),
                );
                Vec::new()
            }
        }
    }

    /// A list of owner ids, each checked against the registry when it is known.
    fn owner_list(&mut self, value: &Field, known: Option<&HashSet<String>>) -> Vec<String> {
        let DeValue::Array(items) = value.get_ref() else {
            self.report(
                value,
                format!(
                    "support must be a list of owner ids, found {}",
                    kind(value.get_ref())
                ),
            );
            return Vec::new();
        };
        let mut ids = Vec::new();
        for item in items.iter() {
            if let Some(s) = self.string(item, "support") {
                if known.is_some_and(|k| !k.contains(&s)) {
                    self.report(
                        item,
                        format!("unknown support unit \"{s}\": not in dondoc.toml"),
                    );
                }
                ids.push(s);
            }
        }
        ids
    }

    fn status(&mut self, value: &Field) -> Option<Status> {
        let s = self.string(value, "status")?;
        let status = Status::parse(&s);
        if status.is_none() {
            self.report(
                value,
                format!("unknown status \"{s}\": expected open, in_progress, blocked, done or cancelled"),
            );
        }
        status
    }

    fn table<'t, 'i>(&mut self, value: &'t Field<'i>, what: &str) -> Option<&'t DeTable<'i>> {
        match value.get_ref() {
            DeValue::Table(t) => Some(t),
            other => {
                self.report(
                    value,
                    format!("{what} must be a table, found {}", kind(other)),
                );
                None
            }
        }
    }

    /// The tables of an array of tables (`[[x]]`), or a problem.
    fn tables<'t, 'i>(&mut self, value: &'t Field<'i>, what: &str) -> Vec<&'t Field<'i>> {
        match value.get_ref() {
            DeValue::Array(items) => items
                .iter()
                .filter(|item| {
                    let ok = matches!(item.get_ref(), DeValue::Table(_));
                    if !ok {
                        self.report(item, format!("each {what} must be a table"));
                    }
                    ok
                })
                .collect(),
            other => {
                self.report(
                    value,
                    format!("{what} must be written [[{what}]], found {}", kind(other)),
                );
                vec![]
            }
        }
    }

    fn unknown_keys(&mut self, table: &DeTable, allowed: &[&str], what: &str) {
        for (key, _) in table.iter() {
            if !allowed.contains(&key.get_ref().as_ref()) {
                let pos = self.pos(key.span().start);
                self.report_at(
                    pos,
                    format!(
                        "unknown key \"{}\" in {what} (expected one of: {})",
                        key.get_ref(),
                        allowed.join(", ")
                    ),
                );
            }
        }
    }
}

fn kind(v: &DeValue) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

fn get<'t, 'i>(table: &'t DeTable<'i>, key: &str) -> Option<&'t Field<'i>> {
    table.get(key)
}

fn valid_id(id: &str, extra: &[char]) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || extra.contains(&c))
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
    ctx.unknown_keys(root, &["source", "directive"], "a directive file");
    match get(root, "source") {
        Some(value) => {
            if let Some(source) = ctx.table(value, "[source]") {
                ctx.unknown_keys(source, &["title", "date", "ref", "issued_by"], "[source]");
                file.source.title = match get(source, "title") {
                    Some(v) => ctx.string(v, "title").unwrap_or_default(),
                    None => {
                        ctx.report(value, "[source] has no title");
                        String::new()
                    }
                };
                file.source.date = get(source, "date").and_then(|v| ctx.date(v, "date"));
                file.source.reference = get(source, "ref").and_then(|v| ctx.string(v, "ref"));
                file.source.issued_by =
                    get(source, "issued_by").and_then(|v| ctx.string(v, "issued_by"));
            }
        }
        None if get(root, "directive").is_some() => ctx.report_at(
            (1, 1),
            "no [source] table: say which meeting these directives come from",
        ),
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
    ctx.unknown_keys(t, DIRECTIVE_KEYS, "a directive");
    let Some(id_field) = get(t, "id") else {
        ctx.report_at(header_pos, "directive without an id");
        return None;
    };
    let id = ctx.string(id_field, "id")?;
    if !valid_id(&id, &['.', '_', '-']) {
        ctx.report(
            id_field,
            format!("invalid id \"{id}\": use letters, digits, '.', '_' and '-'"),
        );
        return None;
    }
    let id_pos = ctx.pos(id_field.span().start);
    let text = match get(t, "text") {
        Some(v) => ctx.string(v, "text").unwrap_or_default(),
        None => {
            ctx.report_at(header_pos, format!("directive \"{id}\" has no text"));
            String::new()
        }
    };
    let draft = get(t, "draft").is_some_and(|v| ctx.boolean(v, "draft"));
    let owner = match get(t, "owner") {
        Some(v) => ctx.string(v, "owner")?,
        // A draft (imported, not yet reviewed) may wait for its lead unit.
        None if draft => String::new(),
        None => {
            ctx.report_at(
                header_pos,
                format!("directive \"{id}\" has no owner (the lead unit)"),
            );
            return None;
        }
    };
    if let (Some(known), Some(v)) = (known_owners, get(t, "owner")) {
        if !known.contains(&owner) {
            ctx.report(v, format!("unknown owner \"{owner}\": not in dondoc.toml"));
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
            ctx.report_at(header_pos, format!("directive \"{id}\" has no status"));
            None
        }
    };
    let (status, status_field) = status.filter(|_| usable)?;
    match (status, done_on, get(t, "done_on")) {
        (Status::Done, None, _) => ctx.report(
            status_field,
            format!("directive \"{id}\" is done but has no done_on date"),
        ),
        (s, Some(_), Some(v)) if s != Status::Done => ctx.report(
            v,
            format!("directive \"{id}\" has done_on but its status is {s}, not done"),
        ),
        _ => {}
    }
    let note = get(t, "note").and_then(|v| ctx.string(v, "note"));
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
        owner,
        support,
        issued_by,
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
    ctx.unknown_keys(t, LOG_KEYS, "a log entry");
    let (at, at_text) = match get(t, "at") {
        Some(v) => match v.get_ref() {
            DeValue::Datetime(dt) => (log_time(dt, None), dt.to_string()),
            other => {
                ctx.report(v, format!("log time \"at\" must be a date-time like 2023-09-15T09:30:00+07:00, found {}", kind(other)));
                (None, String::new())
            }
        },
        None => {
            ctx.report(item, "log entry without \"at\" (when it happened)");
            (None, String::new())
        }
    };
    let string = |ctx: &mut Ctx, key: &str| get(t, key).and_then(|v| ctx.string(v, key));
    let flag = |ctx: &mut Ctx, key: &str| get(t, key).is_some_and(|v| ctx.boolean(v, key));
    LogEntry {
        at,
        at_text,
        by: string(ctx, "by").unwrap_or_default(),
        text: string(ctx, "text"),
        owner: string(ctx, "owner"),
        support: get(t, "support").map(|v| ctx.owner_list(v, None)),
        done_ref: string(ctx, "done_ref"),
        created: flag(ctx, "created"),
        undo: flag(ctx, "undo"),
        reminder: flag(ctx, "reminder"),
        reason: string(ctx, "reason"),
        reference: string(ctx, "ref"),
        approved_by: string(ctx, "approved_by"),
        status: get(t, "status").and_then(|v| ctx.status(v)),
        deadline: get(t, "deadline").and_then(|v| ctx.date(v, "deadline")),
        done_on: get(t, "done_on").and_then(|v| ctx.date(v, "done_on")),
        note: get(t, "note").and_then(|v| ctx.string(v, "note")),
        cleared: match get(t, "cleared") {
            Some(v) => match v.get_ref() {
                DeValue::Array(items) => items
                    .iter()
                    .filter_map(|i| ctx.string(i, "cleared"))
                    .collect(),
                _ => {
                    ctx.report(v, "cleared must be a list of field names");
                    vec![]
                }
            },
            None => vec![],
        },
    }
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

/// Reads `dondoc.toml` into the workspace; returns the owner ids to check references against,
/// or `None` when the file is broken (then references are not checked, to avoid noise).
fn parse_config(bytes: &[u8], ws: &mut Workspace) -> Option<HashSet<String>> {
    ws.title = "dondoc".to_string();
    ws.due_soon_days = 7;
    let path = CONFIG_FILE;
    let text = match text::decode_utf8(bytes) {
        Ok(t) => t,
        Err(pos) => {
            ws.config_broken = true;
            ws.config_problems.push(problem(
                path,
                pos,
                "invalid UTF-8: save the file as UTF-8".into(),
            ));
            return None;
        }
    };
    let text = text.strip_prefix(text::BOM).unwrap_or(text);
    if let Some(pos) = second_bom(text) {
        ws.config_broken = true;
        ws.config_problems.push(problem(
            path,
            pos,
            "TOML syntax: a second byte-order mark at the start of the file".into(),
        ));
        return None;
    }
    if let Some(pos) = text::conflict_marker(text) {
        ws.config_broken = true;
        ws.config_problems.push(problem(
            path,
            pos,
            "git conflict marker: resolve the merge conflict in this file".into(),
        ));
        return None;
    }
    let lines = LineIndex::new(text);
    let table = match DeTable::parse(text) {
        Ok(t) => t,
        Err(e) => {
            ws.config_broken = true;
            let pos = e.span().map(|s| lines.position(s.start)).unwrap_or((1, 1));
            ws.config_problems.push(problem(
                path,
                pos,
                format!("TOML syntax: {}", e.message().trim()),
            ));
            return None;
        }
    };
    if let Some((offset, msg)) = bad_number(table.get_ref()) {
        ws.config_broken = true;
        ws.config_problems.push(problem(
            path,
            lines.position(offset),
            format!("TOML syntax: {msg}"),
        ));
        return None;
    }
    let mut ctx = Ctx {
        path,
        lines: &lines,
        problems: Vec::new(),
    };
    let t = table.get_ref();
    ctx.unknown_keys(
        t,
        &[
            "title",
            "due_soon_days",
            "owner",
            "git",
            "lang",
            "version",
            "timezone",
            "report",
        ],
        "dondoc.toml",
    );
    if let Some(v) = get(t, "title") {
        if let Some(title) = ctx.string(v, "title") {
            ws.title = title;
        }
    }
    if let Some(v) = get(t, "due_soon_days") {
        match v.get_ref() {
            DeValue::Integer(i) => match i.as_str().replace('_', "").parse::<i64>() {
                Ok(n) if (0..=3650).contains(&n) => ws.due_soon_days = n,
                _ => ctx.report(v, "due_soon_days must be a number of days from 0 to 3650"),
            },
            other => ctx.report(
                v,
                format!("due_soon_days must be an integer, found {}", kind(other)),
            ),
        }
    }
    if let Some(v) = get(t, "timezone") {
        ws.timezone = ctx.string(v, "timezone");
    }
    if let Some(v) = get(t, "report") {
        if let Some(r) = ctx.table(v, "[report]") {
            read_report_frame(&mut ctx, r, &mut ws.report);
        }
    }
    if let Some(v) = get(t, "git") {
        if let Some(git) = ctx.table(v, "[git]") {
            ctx.unknown_keys(git, &["commit"], "[git]");
            if let Some(c) = get(git, "commit") {
                match c.get_ref() {
                    DeValue::Boolean(b) => ws.git.commit = *b,
                    other => ctx.report(
                        c,
                        format!("commit must be true or false, found {}", kind(other)),
                    ),
                }
            }
        }
    }
    let mut ids: HashMap<String, (usize, usize)> = HashMap::new();
    if let Some(v) = get(t, "owner") {
        for item in ctx.tables(v, "owner") {
            let DeValue::Table(o) = item.get_ref() else {
                continue;
            };
            ctx.unknown_keys(
                o,
                &["id", "name", "short", "group", "aliases", "addressee"],
                "an owner",
            );
            let Some(id_field) = get(o, "id") else {
                ctx.report(item, "owner without an id");
                continue;
            };
            let Some(id) = ctx.string(id_field, "id") else {
                continue;
            };
            if !valid_id(&id, &['-']) {
                ctx.report(
                    id_field,
                    format!("invalid owner id \"{id}\": use a-z, 0-9 and '-'"),
                );
            }
            let pos = ctx.pos(id_field.span().start);
            if let Some(first) = ids.get(&id) {
                ctx.report_at(
                    pos,
                    format!(
                        "duplicate owner id \"{id}\": already used at {path}:{}:{}",
                        first.0, first.1
                    ),
                );
                continue;
            }
            ids.insert(id.clone(), pos);
            let name = match get(o, "name") {
                Some(v) => ctx.string(v, "name").unwrap_or_else(|| id.clone()),
                None => {
                    ctx.report(item, format!("owner \"{id}\" has no name"));
                    id.clone()
                }
            };
            let short = get(o, "short").and_then(|v| ctx.string(v, "short"));
            let group = get(o, "group")
                .and_then(|v| ctx.string(v, "group"))
                .unwrap_or_default();
            if !ws.groups.contains(&group) {
                ws.groups.push(group.clone());
            }
            let aliases = get(o, "aliases")
                .map(|v| ctx.strings(v, "aliases"))
                .unwrap_or_default();
            let addressee = get(o, "addressee").and_then(|v| ctx.string(v, "addressee"));
            ws.owners.push(Owner {
                id,
                name,
                short,
                group,
                aliases,
                addressee,
            });
        }
    }
    ws.config_problems.extend(ctx.problems);
    Some(ids.into_keys().collect())
}

/// `[report]`: the frame of printed documents; every key optional.
fn read_report_frame(ctx: &mut Ctx, t: &DeTable, frame: &mut ReportFrame) {
    const ONE: &[&str] = &[
        "issuer",
        "office",
        "place",
        "report_ref",
        "letter_ref",
        "signer",
    ];
    const MANY: &[&str] = &["motto", "signer_title", "recipients"];
    let allowed: Vec<&str> = ONE.iter().chain(MANY).copied().collect();
    ctx.unknown_keys(t, &allowed, "[report]");
    let one = |ctx: &mut Ctx, key: &str| get(t, key).and_then(|v| ctx.string(v, key));
    frame.issuer = one(ctx, "issuer");
    frame.office = one(ctx, "office");
    frame.place = one(ctx, "place");
    frame.report_ref = one(ctx, "report_ref");
    frame.letter_ref = one(ctx, "letter_ref");
    frame.signer = one(ctx, "signer");
    // A single line may be written as a plain string.
    let many = |ctx: &mut Ctx, key: &str| match get(t, key) {
        Some(v) if matches!(v.get_ref(), DeValue::String(_)) => {
            ctx.string(v, key).into_iter().collect()
        }
        Some(v) => ctx.strings(v, key),
        None => Vec::new(),
    };
    frame.motto = many(ctx, "motto");
    frame.signer_title = many(ctx, "signer_title");
    frame.recipients = many(ctx, "recipients");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn directive_file(ids: &[&str]) -> String {
        let mut s = "[source]\ntitle = \"Giao ban\"\n".to_string();
        for id in ids {
            s.push_str(&format!(
                "\n[[directive]]\nid = \"{id}\"\ntext = \"Việc {id}\"\nowner = \"a\"\nstatus = \"open\"\n"
            ));
        }
        s
    }

    #[test]
    fn an_id_used_in_two_files_is_kept_once_and_reported_where_it_was_first() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            root,
            CONFIG_FILE,
            "title = \"T\"\n[[owner]]\nid = \"a\"\nname = \"A\"\ngroup = \"G\"\n",
        );
        write(root, "1.toml", &directive_file(&["x-1", "x-2"]));
        write(root, "2.toml", &directive_file(&["x-3", "x-1"]));
        let mut ws = load(root).unwrap();
        let ids: Vec<&str> = ws.directives.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["x-1", "x-2", "x-3"]);
        let problems: Vec<String> = ws.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            problems,
            ["2.toml:11:6: duplicate id \"x-1\": already used at 1.toml:4"]
        );
        // Reloading the second file finds the same duplicate against the first.
        ws.reload_file("2.toml");
        assert_eq!(ws.directives.len(), 3);
        assert_eq!(ws.problems.len(), 1);
        // A new file with a known id, seen by a reload.
        write(root, "3.toml", &directive_file(&["x-2", "x-4"]));
        ws.reload_file("3.toml");
        let ids: Vec<&str> = ws.directives.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["x-1", "x-2", "x-3", "x-4"]);
        assert_eq!(ws.problems.len(), 2);
    }

    #[test]
    fn format_1_1_keys_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            root,
            CONFIG_FILE,
            r#"title = "T"
timezone = "Asia/Ho_Chi_Minh"
[report]
issuer = "TỈNH ỦY BẮC KẠN"
motto = "ĐẢNG CỘNG SẢN VIỆT NAM"
signer_title = ["K/T CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]
[[owner]]
id = "a"
name = "Huyện ủy A"
group = "G"
aliases = ["UBND huyện A"]
addressee = "Ban Thường vụ Huyện ủy A"
"#,
        );
        write(
            root,
            "1.toml",
            r#"[source]
title = "Giao ban"
date = 2023-08-25
issued_by = "Thường trực Tỉnh ủy"

[[directive]]
id = "x-01"
text = "Việc"
owner = "a"
deadline = 2023-10-31
first_deadline = 2023-09-30
status = "done"
done_on = 2023-10-20
done_ref = "Báo cáo số 45/BC-UBND"

[[directive.log]]
at = 2023-08-25T09:00:00+07:00
by = "A"
created = true
text = "Việc"
owner = "a"
support = ["a"]
deadline = 2023-09-30

[[directive.log]]
at = 2023-09-20T09:00:00+07:00
by = "A"
deadline = 2023-10-31
reason = "Đơn vị đề nghị"
ref = "Công văn 12/UBND"
approved_by = "Phó Bí thư"

[[directive.log]]
at = 2023-10-01T09:00:00+07:00
by = "A"
reminder = true
ref = "Công văn 99-CV/VPTU"

[[directive]]
id = "x-02"
text = "Nháp"
draft = true
status = "open"
"#,
        );
        let ws = load(root).unwrap();
        assert_eq!(ws.problems, vec![]);
        assert_eq!(ws.timezone.as_deref(), Some("Asia/Ho_Chi_Minh"));
        assert_eq!(ws.report.motto, ["ĐẢNG CỘNG SẢN VIỆT NAM"]);
        assert_eq!(ws.report.signer_title.len(), 2);
        assert_eq!(ws.owners[0].aliases, ["UBND huyện A"]);
        assert_eq!(ws.owners[0].addressee(), "Ban Thường vụ Huyện ủy A");
        assert_eq!(
            ws.files[0].source.issued_by.as_deref(),
            Some("Thường trực Tỉnh ủy")
        );
        let d = &ws.directives[0];
        assert_eq!(d.done_ref.as_deref(), Some("Báo cáo số 45/BC-UBND"));
        assert!(d.log[0].created);
        assert_eq!(d.log[0].support.as_deref(), Some(&["a".to_string()][..]));
        assert_eq!(d.extensions(), 1);
        assert_eq!(
            d.latest_extension().unwrap().reason.as_deref(),
            Some("Đơn vị đề nghị")
        );
        assert_eq!(d.reminders().count(), 1);
        assert!(ws.directives[1].draft);
        assert_eq!(ws.directives[1].owner, "");
    }
}

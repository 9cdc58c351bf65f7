//! New things in the workspace: directives appended at the end of a meeting file, a new
//! meeting file, a new unit in `dondoc.toml`, and the id rule of the format. Pure: text in,
//! text out; `write` does the I/O.

use super::edit::{
    date_value, datetime_value, has_lone_lf, string_list, string_value, text_value, ApplyError,
};
use super::text;
use crate::fold::{fold, nfc};
use crate::model::{Owner, Source, Status, Workspace};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use std::collections::HashSet;
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value};

/// A directive to add to a meeting file: written with its status (`open` unless given) and a
/// `created = true` log entry listing these values.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewDirective {
    pub id: String,
    pub text: String,
    pub owner: String,
    pub support: Vec<String>,
    pub issued_by: Option<String>,
    pub deadline: Option<NaiveDate>,
    pub note: Option<String>,
    /// The status it starts with (imported from a tracking sheet); `None`: open.
    pub status: Option<Status>,
    /// With status done: the day it was done.
    pub done_on: Option<NaiveDate>,
    /// Imported and not yet reviewed: written with `draft = true`, and may have no owner.
    pub draft: bool,
}

impl NewDirective {
    /// Trimmed, NFC, empty optional values dropped, the lead unit out of its own support.
    pub fn normalized(&self) -> NewDirective {
        let clean = |s: &str| Some(nfc(s.trim())).filter(|s| !s.is_empty());
        let mut support: Vec<String> = Vec::new();
        for s in &self.support {
            let s = s.trim().to_string();
            if !s.is_empty() && s != self.owner.trim() && !support.contains(&s) {
                support.push(s);
            }
        }
        NewDirective {
            id: self.id.trim().to_string(),
            text: nfc(self.text.trim()),
            owner: self.owner.trim().to_string(),
            support,
            issued_by: self.issued_by.as_deref().and_then(clean),
            deadline: self.deadline,
            note: self.note.as_deref().and_then(clean),
            status: self.status,
            done_on: self.done_on.filter(|_| self.status == Some(Status::Done)),
            draft: self.draft,
        }
    }
}

/// Why a new directive, meeting file or unit is refused. The sentences are in
/// `i18n::store`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CreateError {
    UnknownOwner(String),
    /// `path` is where the id is used.
    DuplicateId {
        id: String,
        path: String,
    },
    /// The same id for two of the new directives.
    IdGivenTwice(String),
    InvalidId(String),
    InvalidOwnerId(String),
    EmptyText,
    EmptyName,
    EmptyTitle,
    Exists(String),
    NoSuchFile(String),
    BadPath(String),
    Apply(ApplyError),
}

impl std::fmt::Display for CreateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::store::create_error(
            crate::i18n::Lang::En,
            self,
        ))
    }
}

impl std::error::Error for CreateError {}

impl From<ApplyError> for CreateError {
    fn from(e: ApplyError) -> Self {
        CreateError::Apply(e)
    }
}

/// Checks new directives against the workspace: valid, unused ids (also among themselves),
/// known units, a text.
pub fn check_new(ws: &Workspace, new: &[NewDirective]) -> Result<(), CreateError> {
    let mut seen = HashSet::new();
    for d in new {
        if d.text.trim().is_empty() {
            return Err(CreateError::EmptyText);
        }
        let valid = !d.id.is_empty()
            && d.id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
        if !valid {
            return Err(CreateError::InvalidId(d.id.clone()));
        }
        if let Some(existing) = ws.directive(&d.id) {
            return Err(CreateError::DuplicateId {
                id: d.id.clone(),
                path: ws.file_of(existing).path.clone(),
            });
        }
        if !seen.insert(d.id.as_str()) {
            return Err(CreateError::IdGivenTwice(d.id.clone()));
        }
        // A draft may wait for its lead unit.
        let owner = Some(&d.owner).filter(|o| !(d.draft && o.is_empty()));
        for unit in owner.into_iter().chain(&d.support) {
            if ws.owner(unit).is_none() {
                return Err(CreateError::UnknownOwner(unit.clone()));
            }
        }
    }
    Ok(())
}

/// Parses a file for an edit and writes it back with its BOM and line endings.
pub(super) fn edit_document(
    original: &str,
    change: impl FnOnce(&mut DocumentMut) -> Result<(), ApplyError>,
) -> Result<String, ApplyError> {
    let (bom, body) = match original.strip_prefix(text::BOM) {
        Some(rest) => (text::BOM, rest),
        None => ("", original),
    };
    if text::conflict_marker(body).is_some() {
        return Err(ApplyError::Conflict);
    }
    let mut doc: DocumentMut = body
        .parse()
        .map_err(|e: toml_edit::TomlError| ApplyError::Parse(e.message().to_string()))?;
    change(&mut doc)?;
    let mut out = String::with_capacity(original.len() + 400);
    out.push_str(bom);
    out.push_str(&text::keep_spelling(body, &doc.to_string()));
    if body.contains("\r\n") {
        out = if has_lone_lf(body) {
            text::restore_line_endings(original, &out)
        } else {
            text::to_crlf(&out)
        };
    }
    Ok(out)
}

/// Appends `new` at the end of a directive file's text, each with a `created = true` entry.
pub fn append_directives(
    original: &str,
    new: &[NewDirective],
    by: &str,
    at: DateTime<FixedOffset>,
) -> Result<String, ApplyError> {
    edit_document(original, |doc| {
        let list = match doc.get_mut("directive") {
            None => {
                doc.insert("directive", Item::ArrayOfTables(ArrayOfTables::new()));
                doc.get_mut("directive")
                    .and_then(Item::as_array_of_tables_mut)
                    .expect("just inserted")
            }
            Some(Item::ArrayOfTables(list)) => list,
            Some(_) => {
                let id = new.first().map(|d| d.id.clone()).unwrap_or_default();
                return Err(ApplyError::Inline(id));
            }
        };
        for d in new {
            list.push(directive_table(d, by, at));
        }
        Ok(())
    })
}

fn directive_table(d: &NewDirective, by: &str, at: DateTime<FixedOffset>) -> Table {
    let mut t = Table::new();
    t.decor_mut().set_prefix("\n");
    t.insert("id", Item::Value(string_value(&d.id)));
    let mut entry = Table::new();
    entry.decor_mut().set_prefix("\n");
    entry.insert("at", Item::Value(datetime_value(at)));
    entry.insert("by", Item::Value(string_value(by)));
    entry.insert("created", Item::Value(Value::from(true)));
    let mut both = |key: &str, value: Value, log: bool| {
        if log {
            entry.insert(key, Item::Value(value.clone()));
        }
        t.insert(key, Item::Value(value));
    };
    both("text", text_value(&d.text), true);
    if !(d.draft && d.owner.is_empty()) {
        both("owner", string_value(&d.owner), true);
    }
    if !d.support.is_empty() {
        both("support", string_list(&d.support), true);
    }
    if let Some(i) = &d.issued_by {
        both("issued_by", string_value(i), false);
    }
    if let Some(deadline) = d.deadline {
        both("deadline", date_value(deadline), true);
    }
    let status = d.status.unwrap_or(Status::Open);
    both("status", Value::from(status.as_str()), true);
    if let Some(done) = d.done_on.filter(|_| status == Status::Done) {
        both("done_on", date_value(done), true);
    }
    if let Some(n) = &d.note {
        both("note", string_value(n), true);
    }
    if d.draft {
        t.insert("draft", Item::Value(Value::from(true)));
    }
    let mut log = ArrayOfTables::new();
    log.push(entry);
    t.insert("log", Item::ArrayOfTables(log));
    t
}

/// The text of a new meeting file: its `[source]` table, ready for directives.
pub fn source_file_text(source: &Source) -> String {
    let mut out = String::from("[source]\n");
    out.push_str(&format!("title = {}\n", string_value(source.title.trim())));
    if let Some(date) = source.date {
        out.push_str(&format!("date = {}\n", date_value(date)));
    }
    let optional = [("ref", &source.reference), ("issued_by", &source.issued_by)];
    for (key, value) in optional {
        if let Some(v) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            out.push_str(&format!("{key} = {}\n", string_value(v)));
        }
    }
    out
}

/// Lower-case ASCII words joined by `-`: "Giao ban tháng 8/2023" → `giao-ban-thang-8-2023`.
/// At most `max` bytes, cut at a `-`.
pub fn slug(s: &str, max: usize) -> String {
    let mut out = String::new();
    for c in fold(&nfc(s)).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut out = out.trim_end_matches('-').to_string();
    if out.len() > max {
        let cut = out[..=max].rfind('-').unwrap_or(max);
        out.truncate(cut);
    }
    out
}

/// Where a new meeting file goes: `<year>/<slug of the title, else the date>.toml`.
pub fn default_source_path(source: &Source) -> String {
    let date = source.date;
    let mut name = slug(&source.title, 48);
    if name.is_empty() {
        name = date.map_or_else(|| "meeting".to_string(), |d| d.to_string());
    }
    match date {
        Some(d) => format!("{}/{name}.toml", d.year()),
        None => format!("{name}.toml"),
    }
}

/// The number part of an id: `gb-2023-08-07` → (`gb-2023-08`, 7); an id written once per unit
/// (`gb-2023-08-38-ba-be`) gives its number too when `units` holds `ba-be`.
pub fn split_id<'a>(id: &'a str, units: &[&str]) -> Option<(&'a str, u32)> {
    let numbered = |s: &'a str| {
        let (prefix, n) = s.rsplit_once('-')?;
        if prefix.is_empty() || n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some((prefix, n.parse().ok()?))
    };
    numbered(id).or_else(|| {
        units.iter().find_map(|u| {
            let rest = id.strip_suffix(u)?.strip_suffix('-')?;
            numbered(rest)
        })
    })
}

/// The ids the format gives new directives in file `path`: the file's prefix (its ids up to
/// their last `-`; else the file's name) and the next free number, two digits at least. With
/// several lead units, one number and the unit's id appended to each.
pub fn propose_ids(ws: &Workspace, path: &str, owners: &[String]) -> Vec<String> {
    let units: Vec<&str> = ws.owners.iter().map(|o| o.id.as_str()).collect();
    let file = ws.files.iter().position(|f| f.path == path);
    let prefix = file
        .and_then(|i| {
            ws.directives
                .iter()
                .filter(|d| d.file == i)
                .filter_map(|d| split_id(&d.id, &units))
                .next_back()
                .map(|(p, _)| p.to_string())
        })
        .unwrap_or_else(|| {
            let name = path.rsplit('/').next().unwrap_or(path);
            let stem = name.strip_suffix(".toml").unwrap_or(name);
            let s = slug(stem, 64);
            if s.is_empty() {
                "d".to_string()
            } else {
                s
            }
        });
    let used = |n: u32| {
        let base = format!("{prefix}-{n:02}");
        ws.directive(&base).is_some()
            || owners
                .iter()
                .any(|o| ws.directive(&format!("{base}-{o}")).is_some())
    };
    let highest = ws
        .directives
        .iter()
        .filter_map(|d| split_id(&d.id, &units))
        .filter(|(p, _)| *p == prefix)
        .map(|(_, n)| n)
        .max()
        .unwrap_or(0);
    let mut n = highest + 1;
    while used(n) {
        n += 1;
    }
    let base = format!("{prefix}-{n:02}");
    match owners {
        [_] | [] => vec![base],
        many => many.iter().map(|o| format!("{base}-{o}")).collect(),
    }
}

/// The directives a form or `dondoc add` writes for `draft` given to `owners`: one per unit,
/// with the id typed (`id`; a unit's id appended when there are several) or the one the
/// format's rule proposes in file `path`. `draft.owner` and `draft.id` are replaced.
pub fn per_unit(
    ws: &Workspace,
    path: &str,
    draft: &NewDirective,
    owners: &[String],
    id: Option<&str>,
) -> Vec<NewDirective> {
    let ids = match id.map(str::trim).filter(|i| !i.is_empty()) {
        Some(id) if owners.len() == 1 => vec![id.to_string()],
        Some(id) => owners.iter().map(|o| format!("{id}-{o}")).collect(),
        None => propose_ids(ws, path, owners),
    };
    owners
        .iter()
        .zip(ids)
        .map(|(owner, id)| NewDirective {
            id,
            owner: owner.clone(),
            ..draft.clone()
        })
        .collect()
}

/// Checks a unit to add: a valid, unused id and a name.
pub fn check_owner(ws: &Workspace, owner: &Owner) -> Result<(), CreateError> {
    let valid = !owner.id.is_empty()
        && owner
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !valid {
        return Err(CreateError::InvalidOwnerId(owner.id.clone()));
    }
    if ws.owner(&owner.id).is_some() {
        return Err(CreateError::DuplicateId {
            id: owner.id.clone(),
            path: super::CONFIG_FILE.into(),
        });
    }
    if owner.name.trim().is_empty() {
        return Err(CreateError::EmptyName);
    }
    Ok(())
}

/// `dondoc.toml` with one more `[[owner]]`: after the last unit of its group (so groups stay
/// together), else after the last unit. Every other byte stays.
pub fn append_owner(config: &str, owner: &Owner) -> Result<String, ApplyError> {
    edit_document(config, |doc| {
        let mut t = Table::new();
        t.decor_mut().set_prefix("\n");
        t.insert("id", Item::Value(string_value(&owner.id)));
        t.insert("name", Item::Value(string_value(owner.name.trim())));
        if let Some(short) = owner.short.as_deref().filter(|s| !s.trim().is_empty()) {
            t.insert("short", Item::Value(string_value(short.trim())));
        }
        if !owner.group.trim().is_empty() {
            t.insert("group", Item::Value(string_value(owner.group.trim())));
        }
        if !owner.aliases.is_empty() {
            t.insert("aliases", Item::Value(string_list(&owner.aliases)));
        }
        if let Some(a) = owner.addressee.as_deref().filter(|s| !s.trim().is_empty()) {
            t.insert("addressee", Item::Value(string_value(a.trim())));
        }
        match doc.get_mut("owner") {
            None => {
                let mut list = ArrayOfTables::new();
                list.push(t);
                doc.insert("owner", Item::ArrayOfTables(list));
            }
            Some(Item::ArrayOfTables(list)) => {
                let group = fold(owner.group.trim());
                let last_of_group = list
                    .iter()
                    .enumerate()
                    .filter(|(_, o)| {
                        o.get("group")
                            .and_then(|g| g.as_str())
                            .is_some_and(|g| fold(g.trim()) == group)
                    })
                    .map(|(i, _)| i)
                    .last();
                match last_of_group {
                    // Without a position of its own, the table is written right after the
                    // one before it in the array.
                    Some(i) => list.insert(i + 1, t),
                    None => list.push(t),
                }
            }
            Some(_) => {
                return Err(ApplyError::Parse(
                    "the units are written as an inline array (owner = [{ ... }]): add this \
                     one by hand"
                        .into(),
                ))
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2023-10-15T09:30:00+07:00").unwrap()
    }

    #[test]
    fn slugs_are_ascii_words() {
        assert_eq!(slug("Giao ban tháng 8/2023", 48), "giao-ban-thang-8-2023");
        assert_eq!(slug("  Đắk Lắk -- ", 48), "dak-lak");
        assert_eq!(slug("một hai ba bốn", 8), "mot-hai");
        assert_eq!(slug("!!!", 48), "");
    }

    #[test]
    fn the_default_path_is_under_the_year() {
        let source = Source {
            title: "Giao ban tháng 11".into(),
            date: Some(NaiveDate::from_ymd_opt(2023, 11, 20).unwrap()),
            ..Default::default()
        };
        assert_eq!(default_source_path(&source), "2023/giao-ban-thang-11.toml");
        let untitled = Source {
            title: "—".into(),
            ..source
        };
        assert_eq!(default_source_path(&untitled), "2023/2023-11-20.toml");
    }

    #[test]
    fn ids_split_with_or_without_a_unit() {
        assert_eq!(split_id("gb-2023-08-07", &[]), Some(("gb-2023-08", 7)));
        assert_eq!(
            split_id("gb-2023-08-38-ba-be", &["ba-be"]),
            Some(("gb-2023-08", 38))
        );
        assert_eq!(split_id("gb-2023-08-38-ba-be", &[]), None);
        assert_eq!(split_id("12", &[]), None);
    }

    #[test]
    fn a_new_directive_is_appended_with_its_created_entry() {
        let original = "[source]\ntitle = \"T\" # kept\n\n[[directive]]\nid = \"a-01\"\ntext = \"x\"\nowner = \"o\"\nstatus = \"open\"\n";
        let new = NewDirective {
            id: "a-02".into(),
            text: "Đẩy nhanh \"giải ngân\"".into(),
            owner: "o".into(),
            support: vec!["p".into(), "q".into()],
            issued_by: Some("Thường trực Tỉnh ủy".into()),
            deadline: NaiveDate::from_ymd_opt(2023, 11, 30),
            note: None,
            ..Default::default()
        };
        let out = append_directives(original, &[new], "Nguyễn Văn A", at()).unwrap();
        assert_eq!(
            out,
            format!(
                "{original}\n[[directive]]\nid = \"a-02\"\ntext = 'Đẩy nhanh \"giải ngân\"'\nowner = \"o\"\n\
                 support = [\"p\", \"q\"]\nissued_by = \"Thường trực Tỉnh ủy\"\ndeadline = 2023-11-30\n\
                 status = \"open\"\n\n[[directive.log]]\nat = 2023-10-15T09:30:00+07:00\n\
                 by = \"Nguyễn Văn A\"\ncreated = true\ntext = 'Đẩy nhanh \"giải ngân\"'\nowner = \"o\"\n\
                 support = [\"p\", \"q\"]\ndeadline = 2023-11-30\nstatus = \"open\"\n"
            )
        );
    }

    #[test]
    fn a_crlf_file_gets_crlf_lines() {
        let original = "[source]\r\ntitle = \"T\"\r\n";
        let new = NewDirective {
            id: "a-01".into(),
            text: "x".into(),
            owner: "o".into(),
            ..Default::default()
        };
        let out = append_directives(original, &[new], "A", at()).unwrap();
        assert!(out.starts_with(original));
        assert!(!out.replace("\r\n", "").contains('\n'), "{out:?}");
    }

    #[test]
    fn a_new_unit_goes_after_the_last_of_its_group() {
        let config = "title = \"t\"\n\n# --- A ---\n[[owner]]\nid = \"a1\"\nname = \"A1\"\ngroup = \"Huyện\"\n\n# --- B ---\n[[owner]]\nid = \"b1\"\nname = \"B1\"\ngroup = \"Sở\"\n\n[report]\nsigner = \"X\"\n";
        let owner = Owner {
            id: "a2".into(),
            name: "A2".into(),
            short: Some("A 2".into()),
            group: "huyen".into(),
            aliases: vec!["UBND A2".into()],
            addressee: None,
        };
        let out = append_owner(config, &owner).unwrap();
        assert_eq!(
            out,
            config.replace(
                "group = \"Huyện\"\n",
                "group = \"Huyện\"\n\n[[owner]]\nid = \"a2\"\nname = \"A2\"\nshort = \"A 2\"\n\
                 group = \"huyen\"\naliases = [\"UBND A2\"]\n"
            )
        );
        let other = Owner {
            group: "Ban".into(),
            ..owner
        };
        let out = append_owner(config, &other).unwrap();
        assert!(
            out.contains("group = \"Sở\"\n\n[[owner]]\nid = \"a2\""),
            "{out}"
        );
        assert!(out.ends_with("aliases = [\"UBND A2\"]\n\n[report]\nsigner = \"X\"\n"));
    }

    #[test]
    fn a_source_file_has_its_source_table() {
        let source = Source {
            title: "Giao ban".into(),
            date: NaiveDate::from_ymd_opt(2023, 11, 20),
            reference: Some("Thông báo số 1-TB/TU".into()),
            issued_by: Some(" ".into()),
        };
        assert_eq!(
            source_file_text(&source),
            "[source]\ntitle = \"Giao ban\"\ndate = 2023-11-20\nref = \"Thông báo số 1-TB/TU\"\n"
        );
    }
}

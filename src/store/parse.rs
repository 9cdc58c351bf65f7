//! What every workspace file goes through before its own checks: bytes to UTF-8 text, one
//! byte-order mark, no conflict markers, TOML syntax, numbers with valid digits. Then `Ctx`,
//! the typed reads that report a `path:line:col` problem instead of failing.

use super::text::{self, LineIndex};
use crate::fold::nfc;
use crate::model::*;
use chrono::NaiveDate;
use std::collections::HashSet;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// A file that parsed as TOML: its table and the index that turns offsets into positions.
pub(super) struct Parsed<'a> {
    pub lines: LineIndex<'a>,
    pub table: Spanned<DeTable<'a>>,
    /// Warnings: where the text uses TOML 1.1 syntax that TOML 1.0 tools reject.
    pub newer_syntax: Vec<((usize, usize), ProblemKind)>,
}

/// Why a file could not be read as TOML at all, and where.
pub(super) struct Unparsable {
    pub pos: (usize, usize),
    pub kind: ProblemKind,
}

/// The shared preamble: decodes, strips the byte-order mark and parses `bytes`.
pub(super) fn parse(bytes: &[u8]) -> Result<Parsed<'_>, Unparsable> {
    let fail = |pos, kind| Unparsable { pos, kind };
    let text = text::decode_utf8(bytes).map_err(|pos| fail(pos, ProblemKind::InvalidUtf8))?;
    let text = text.strip_prefix(text::BOM).unwrap_or(text);
    // A text that still starts with a byte-order mark once the one allowed was taken off.
    if text.starts_with(text::BOM) {
        return Err(fail((1, 1), ProblemKind::SecondByteOrderMark));
    }
    // Every marker line holds one of these runs; most files hold none, and are not split.
    let may_conflict = ["<<<<<<<", "=======", ">>>>>>>", "|||||||"]
        .iter()
        .any(|m| text.contains(m));
    if let Some(pos) = may_conflict.then(|| text::conflict_marker(text)).flatten() {
        return Err(fail(pos, ProblemKind::ConflictMarker));
    }
    let lines = LineIndex::new(text);
    let table = DeTable::parse(text).map_err(|e| Unparsable {
        pos: e.span().map(|s| lines.position(s.start)).unwrap_or((1, 1)),
        kind: ProblemKind::TomlSyntax(e.message().trim().to_string()),
    })?;
    if let Some((offset, kind)) = bad_number(table.get_ref()) {
        return Err(Unparsable {
            pos: lines.position(offset),
            kind,
        });
    }
    let newer_syntax = super::compat::newer_syntax(text)
        .into_iter()
        .map(|(offset, k)| (lines.position(offset), ProblemKind::NewerToml(k)))
        .collect();
    Ok(Parsed {
        lines,
        table,
        newer_syntax,
    })
}

/// The first integer or float the parser let through without checking its digits (`0x`,
/// `1_0٠`, out of range): its offset and what is wrong. toml's `DeTable` reads numbers lazily.
fn bad_number(table: &DeTable) -> Option<(usize, ProblemKind)> {
    fn value(v: &Field) -> Option<(usize, ProblemKind)> {
        match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .is_err()
                .then(|| (v.span().start, ProblemKind::InvalidInteger(i.to_string()))),
            DeValue::Float(f) => f
                .as_str()
                .parse::<f64>()
                .is_err()
                .then(|| (v.span().start, ProblemKind::InvalidFloat(f.to_string()))),
            DeValue::Array(items) => items.iter().find_map(value),
            DeValue::Table(t) => bad_number(t),
            _ => None,
        }
    }
    table.iter().find_map(|(_, v)| value(v))
}

pub(super) fn problem(path: &str, (line, col): (usize, usize), kind: ProblemKind) -> Problem {
    Problem {
        path: path.to_string(),
        line,
        col,
        kind,
    }
}

/// What one file's checks need: its path, positions and the problems found so far.
pub(super) struct Ctx<'a> {
    pub path: &'a str,
    pub lines: &'a LineIndex<'a>,
    pub problems: Vec<Problem>,
}

pub(super) type Field<'i> = Spanned<DeValue<'i>>;

impl Ctx<'_> {
    pub(super) fn pos(&self, offset: usize) -> (usize, usize) {
        self.lines.position(offset)
    }

    pub(super) fn report_at(&mut self, pos: (usize, usize), kind: ProblemKind) {
        self.problems.push(problem(self.path, pos, kind));
    }

    pub(super) fn report(&mut self, at: &Field, kind: ProblemKind) {
        let pos = self.pos(at.span().start);
        self.report_at(pos, kind);
    }

    pub(super) fn string(&mut self, value: &Field, what: &str) -> Option<String> {
        match value.get_ref() {
            DeValue::String(s) if settled_nfc(s) => Some(s.to_string()),
            DeValue::String(s) => Some(nfc(s)),
            other => {
                self.report(
                    value,
                    ProblemKind::NotAString {
                        what: what.into(),
                        found: kind(other),
                    },
                );
                None
            }
        }
    }

    pub(super) fn date(&mut self, value: &Field, what: &str) -> Option<NaiveDate> {
        match value.get_ref() {
            DeValue::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(d), None, None) => {
                    let date = NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into());
                    if date.is_none() {
                        self.report(
                            value,
                            ProblemKind::ImpossibleDate {
                                what: what.into(),
                                date: dt.to_string(),
                            },
                        );
                    }
                    date
                }
                _ => {
                    self.report(
                        value,
                        ProblemKind::DateTimeNotDate {
                            what: what.into(),
                            value: dt.to_string(),
                        },
                    );
                    None
                }
            },
            DeValue::String(s) => {
                self.report(
                    value,
                    ProblemKind::DateAsString {
                        what: what.into(),
                        value: s.to_string(),
                        date_inside: s.parse::<NaiveDate>().is_ok(),
                    },
                );
                None
            }
            other => {
                self.report(
                    value,
                    ProblemKind::NotADate {
                        what: what.into(),
                        found: kind(other),
                    },
                );
                None
            }
        }
    }

    pub(super) fn boolean(&mut self, value: &Field, what: &str) -> bool {
        match value.get_ref() {
            DeValue::Boolean(b) => *b,
            other => {
                self.report(
                    value,
                    ProblemKind::NotABoolean {
                        what: what.into(),
                        found: kind(other),
                    },
                );
                false
            }
        }
    }

    /// A list of strings (`motto`, `aliases`, `recipients`).
    pub(super) fn strings(&mut self, value: &Field, what: &str) -> Vec<String> {
        match value.get_ref() {
            DeValue::Array(items) => items
                .iter()
                .filter_map(|item| self.string(item, what))
                .collect(),
            other => {
                self.report(
                    value,
                    ProblemKind::NotAStringList {
                        what: what.into(),
                        found: kind(other),
                    },
                );
                Vec::new()
            }
        }
    }

    /// A list of owner ids, each checked against the registry when it is known.
    pub(super) fn owner_list(
        &mut self,
        value: &Field,
        known: Option<&HashSet<String>>,
    ) -> Vec<String> {
        let DeValue::Array(items) = value.get_ref() else {
            self.report(
                value,
                ProblemKind::SupportNotAList {
                    found: kind(value.get_ref()),
                },
            );
            return Vec::new();
        };
        let mut ids = Vec::new();
        for item in items.iter() {
            if let Some(s) = self.string(item, "support") {
                if known.is_some_and(|k| !k.contains(&s)) {
                    self.report(item, ProblemKind::UnknownSupport(s.clone()));
                }
                ids.push(s);
            }
        }
        ids
    }

    pub(super) fn status(&mut self, value: &Field) -> Option<Status> {
        let s = self.string(value, "status")?;
        let status = Status::parse(&s);
        if status.is_none() {
            self.report(value, ProblemKind::UnknownStatus(s));
        }
        status
    }

    pub(super) fn table<'t, 'i>(
        &mut self,
        value: &'t Field<'i>,
        what: &str,
    ) -> Option<&'t DeTable<'i>> {
        match value.get_ref() {
            DeValue::Table(t) => Some(t),
            other => {
                self.report(
                    value,
                    ProblemKind::NotATable {
                        what: what.into(),
                        found: kind(other),
                    },
                );
                None
            }
        }
    }

    /// The tables of an array of tables (`[[x]]`), or a problem.
    pub(super) fn tables<'t, 'i>(
        &mut self,
        value: &'t Field<'i>,
        what: &str,
    ) -> Vec<&'t Field<'i>> {
        match value.get_ref() {
            DeValue::Array(items) => items
                .iter()
                .filter(|item| {
                    let ok = matches!(item.get_ref(), DeValue::Table(_));
                    if !ok {
                        self.report(item, ProblemKind::ItemNotATable { what: what.into() });
                    }
                    ok
                })
                .collect(),
            other => {
                self.report(
                    value,
                    ProblemKind::NotAnArrayOfTables {
                        what: what.into(),
                        found: kind(other),
                    },
                );
                vec![]
            }
        }
    }

    pub(super) fn unknown_keys(&mut self, table: &DeTable, allowed: &[&str], place: Place) {
        for (key, _) in table.iter() {
            if !allowed.contains(&key.get_ref().as_ref()) {
                let pos = self.pos(key.span().start);
                self.report_at(
                    pos,
                    ProblemKind::UnknownKey {
                        key: key.get_ref().to_string(),
                        place,
                        allowed: allowed.iter().map(|k| k.to_string()).collect(),
                    },
                );
            }
        }
    }
}

/// True for text that is NFC without looking it up: every character is below U+0300 (ASCII,
/// Latin-1, Latin Extended-A/B: all starters that stay as they are) or a precomposed
/// Vietnamese letter (U+1EA0–U+1EF9), as nearly all text in the files is. Anything else goes
/// through the full check.
fn settled_nfc(s: &str) -> bool {
    s.chars()
        .all(|c| (c as u32) < 0x300 || ('\u{1EA0}'..='\u{1EF9}').contains(&c))
}

pub(crate) fn kind(v: &DeValue) -> ValueKind {
    match v {
        DeValue::String(_) => ValueKind::String,
        DeValue::Integer(_) => ValueKind::Integer,
        DeValue::Float(_) => ValueKind::Float,
        DeValue::Boolean(_) => ValueKind::Boolean,
        DeValue::Datetime(_) => ValueKind::Date,
        DeValue::Array(_) => ValueKind::Array,
        DeValue::Table(_) => ValueKind::Table,
    }
}

pub(super) fn get<'t, 'i>(table: &'t DeTable<'i>, key: &str) -> Option<&'t Field<'i>> {
    table.get(key)
}

pub(super) fn valid_id(id: &str, extra: &[char]) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || extra.contains(&c))
}

#[cfg(test)]
mod tests {
    use unicode_normalization::char::canonical_combining_class;
    use unicode_normalization::{is_nfc_quick, IsNormalized};

    #[test]
    fn text_taken_as_nfc_without_a_lookup_is_nfc() {
        for c in (0..0x300u32)
            .chain(0x1EA0..=0x1EF9)
            .filter_map(char::from_u32)
        {
            assert!(super::settled_nfc(&c.to_string()));
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
        }
        assert!(super::settled_nfc("Giải ngân vốn đầu tư công, đúng hạn"));
        // A dash, a combining mark, a Kelvin sign: looked up.
        assert!(!super::settled_nfc("Giải ngân — đúng hạn"));
        assert!(!super::settled_nfc("Gia\u{309}i"));
        assert!(!super::settled_nfc("\u{212A}"));
    }
}

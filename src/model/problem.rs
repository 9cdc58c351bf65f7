//! Problems found while loading, as data: where ([`Problem`]), what ([`ProblemKind`]), and the
//! TOML value kinds and places they name.

use super::Status;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A problem found while loading, reported as `path:line:col: message`. What is wrong is
/// data ([`ProblemKind`]); `i18n::store` says it in either language, `Display` in English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub path: String,
    pub line: usize,
    pub col: usize,
    pub kind: ProblemKind,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.path, self.line, self.col, self.kind)
    }
}

/// What a log time written as a TOML date-time lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LogTimeGap {
    /// A date without a time.
    NoTime,
    /// A date-time without its UTC offset.
    NoOffset,
    /// A time without a date.
    NoDate,
}

/// TOML 1.1 syntax that TOML 1.0 tools (Python's `tomllib`, editors' plugins) reject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Toml11 {
    /// `\e` in a basic string.
    EscapeE,
    /// `\xHH` in a basic string.
    EscapeX,
    /// A time or date-time without seconds (`07:30`, `2023-08-25T07:30`).
    TimeWithoutSeconds,
    /// An inline table spanning lines.
    InlineTableNewline,
    /// A comma before the closing `}` of an inline table.
    InlineTableTrailingComma,
}

/// What a loaded file gets wrong. `what` and `key` name TOML keys or tables, as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProblemKind {
    /// The OS error reading the file.
    CannotRead(String),
    InvalidUtf8,
    SecondByteOrderMark,
    ConflictMarker,
    /// The TOML parser's own message.
    TomlSyntax(String),
    InvalidInteger(String),
    InvalidFloat(String),
    EmptyFile,
    NotAString {
        what: String,
        found: ValueKind,
    },
    ImpossibleDate {
        what: String,
        date: String,
    },
    DateTimeNotDate {
        what: String,
        value: String,
    },
    /// A date in quotes; `date_inside`: the string is a valid date, written without quotes.
    DateAsString {
        what: String,
        value: String,
        date_inside: bool,
    },
    NotADate {
        what: String,
        found: ValueKind,
    },
    NotABoolean {
        what: String,
        found: ValueKind,
    },
    NotAStringList {
        what: String,
        found: ValueKind,
    },
    SupportNotAList {
        found: ValueKind,
    },
    UnknownSupport(String),
    UnknownStatus(String),
    NotATable {
        what: String,
        found: ValueKind,
    },
    ItemNotATable {
        what: String,
    },
    NotAnArrayOfTables {
        what: String,
        found: ValueKind,
    },
    UnknownKey {
        key: String,
        place: Place,
        allowed: Vec<String>,
    },
    SourceWithoutTitle,
    /// `[source]` without `date`: the meeting's date is needed to check done dates.
    SourceWithoutDate,
    NoSource,
    DirectiveWithoutId,
    InvalidId(String),
    NoText(String),
    NoOwner(String),
    UnknownOwner(String),
    NoStatus(String),
    DoneWithoutDate(String),
    DoneOnNotDone {
        id: String,
        status: Status,
    },
    /// An id used again: where its first use is (the id's own line and column there; u32,
    /// so that the position costs no more than the line alone did: every write error holds
    /// a problem kind).
    DuplicateId {
        id: String,
        path: String,
        line: u32,
        col: u32,
    },
    LogTimeNotDateTime {
        found: ValueKind,
    },
    LogWithoutTime,
    /// A log time lacking part of a date-time with its UTC offset.
    LogTimeIncomplete(LogTimeGap),
    ClearedNotAList,
    DueSoonDaysOutOfRange,
    /// `timezone` is not an IANA zone name.
    UnknownTimeZone(String),
    DueSoonDaysNotAnInteger {
        found: ValueKind,
    },
    OwnerWithoutId,
    InvalidOwnerId(String),
    DuplicateOwnerId {
        id: String,
        path: String,
        line: usize,
        col: usize,
    },
    OwnerWithoutName(String),
    /// A warning: the directive's `note` spans lines; the format wants one line.
    MultiLineNote(String),
    /// A warning: TOML 1.1 syntax, which dondoc reads but TOML 1.0 tools reject.
    NewerToml(Toml11),
}

impl ProblemKind {
    /// A warning: the file is read and written as usual, but other tools or readers may
    /// stumble on it. `validate` lists it without failing.
    pub fn is_warning(&self) -> bool {
        matches!(
            self,
            ProblemKind::MultiLineNote(_) | ProblemKind::NewerToml(_)
        )
    }
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::i18n::store::problem_kind(
            crate::i18n::Lang::En,
            self,
        ))
    }
}

/// The type a TOML value was found to have, for "must be a date, found an integer".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ValueKind {
    String,
    Integer,
    Float,
    Boolean,
    Date,
    Array,
    Table,
}

/// Where an unknown key was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Place {
    DirectiveFile,
    Source,
    Directive,
    LogEntry,
    Config,
    Owner,
    Git,
    Report,
}

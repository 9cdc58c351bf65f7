//! Plain data of a workspace and the rules on it (timeliness). No I/O here.

mod compact;
mod directive;
mod name;
mod problem;
mod status;

pub use directive::{DeadlineChange, Directive, LogEntry, LogExtra};
pub use name::Name;
pub use problem::{LogTimeGap, Place, Problem, ProblemKind, Toml11, ValueKind};
pub use status::{timeliness, Status, Timeliness};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// A unit that carries directives out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Owner {
    pub id: String,
    pub name: String,
    pub short: Option<String>,
    pub group: String,
    /// Other names the unit goes by in documents ("UBND huyện Ba Bể"): for matching imports
    /// and the unit picker.
    pub aliases: Vec<String>,
    /// The "Kính gửi" line of a letter to the unit; the name when absent.
    pub addressee: Option<String>,
}

impl Owner {
    /// The name for narrow columns.
    pub fn short_name(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.name)
    }

    /// Whom a letter to this unit is addressed to.
    pub fn addressee(&self) -> &str {
        self.addressee.as_deref().unwrap_or(&self.name)
    }
}

/// The meeting or notice a directive file records.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub title: String,
    #[serde(with = "compact::opt_date")]
    pub date: Option<NaiveDate>,
    #[serde(rename = "ref")]
    pub reference: Option<String>,
    /// Default issuer of the file's directives ("Thường trực Tỉnh ủy").
    pub issued_by: Option<String>,
}

/// A directive file as loaded.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SourceFile {
    /// Relative to the workspace root, with `/` separators.
    pub path: String,
    pub source: Source,
    /// Why the file may not be written (parse error, conflict markers, invalid directives).
    pub broken: Option<ProblemKind>,
    /// Hash and length of the bytes read, for the stale check before a write.
    pub fingerprint: Fingerprint,
    /// Problems found in this file alone.
    pub problems: Vec<Problem>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    pub len: u64,
    pub hash: u64,
}

/// Git settings from `dondoc.toml` (`[git]`), overridable per user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GitSettings {
    pub commit: bool,
}

/// The frame of the documents dondoc prints (`[report]` in `dondoc.toml`); every key optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ReportFrame {
    pub issuer: Option<String>,
    pub office: Option<String>,
    pub motto: Vec<String>,
    pub place: Option<String>,
    pub report_ref: Option<String>,
    pub letter_ref: Option<String>,
    pub signer_title: Vec<String>,
    pub signer: Option<String>,
    pub recipients: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Workspace {
    pub root: PathBuf,
    pub title: String,
    pub due_soon_days: i64,
    pub owners: Vec<Owner>,
    /// Owner groups in order of first use.
    pub groups: Vec<String>,
    pub files: Vec<SourceFile>,
    pub directives: Vec<Directive>,
    /// Every problem: the config's, then each file's in path order.
    pub problems: Vec<Problem>,
    pub git: GitSettings,
    /// The office's time zone (an IANA name), when `dondoc.toml` sets one.
    pub timezone: Option<String>,
    /// The document frame of `[report]`.
    pub report: ReportFrame,
    /// Problems in `dondoc.toml` itself.
    pub config_problems: Vec<Problem>,
    /// `dondoc.toml` could not be read: owner references are not checked.
    pub config_broken: bool,
    /// What `dondoc.toml` held when read, to notice a change before writing it.
    pub config_fingerprint: Fingerprint,
}

impl Workspace {
    pub fn owner(&self, id: &str) -> Option<&Owner> {
        self.owners.iter().find(|o| o.id == id)
    }

    pub fn owner_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.owner(id).map(|o| o.name.as_str()).unwrap_or(id)
    }

    pub fn directive(&self, id: &str) -> Option<&Directive> {
        self.directives.iter().find(|d| d.id == id)
    }

    pub fn file_of(&self, d: &Directive) -> &SourceFile {
        &self.files[d.file]
    }

    pub fn timeliness(&self, d: &Directive, today: NaiveDate) -> Timeliness {
        d.timeliness(today, self.due_soon_days)
    }
}

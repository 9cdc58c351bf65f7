//! Why a write was refused or failed, and the conversions from the guard's and io errors.

use crate::model::{Directive, Problem, ProblemKind};
use crate::store::create::CreateError;
use crate::store::edit::ApplyError;
use crate::store::guard::{LockError, ReadError, ReplaceError};

/// Why a write was refused or failed. The sentences are in `i18n::store`.
#[derive(Debug)]
pub enum WriteError {
    UnknownId(String),
    Broken {
        path: String,
        reason: ProblemKind,
        /// Line and column of the problem, when the loader placed it.
        at: Option<(usize, usize)>,
    },
    /// The directive changed on disk since it was read; `by` is who changed it last, from
    /// its log, when the log says.
    Stale {
        path: String,
        id: String,
        by: Option<String>,
    },
    Gone {
        path: String,
        id: String,
    },
    ReadOnly {
        path: String,
    },
    NothingToChange {
        path: String,
        id: String,
    },
    FolderReadOnly {
        path: String,
    },
    Group {
        path: String,
        gid: u32,
    },
    Cut {
        path: String,
        missing: Vec<String>,
    },
    NewProblems {
        path: String,
        problem: Box<Problem>,
    },
    Unsettled {
        path: String,
    },
    Redirected {
        path: String,
    },
    Lock(LockError),
    Io {
        path: String,
        source: std::io::Error,
    },
    /// A git rebase or merge is stopped half-way (see `git::operation_in_progress`).
    GitOperation(crate::git::status::Operation),
    Apply {
        path: String,
        id: String,
        source: ApplyError,
    },
    /// A new directive, meeting file or unit refused (unknown unit, used id, existing file).
    New(CreateError),
    /// Several directives share the id (ids must be unique): the write could land on another
    /// one than the one meant. `places` are every use of the id, by path, line and column.
    DuplicateId {
        id: String,
        places: Vec<IdPlace>,
    },
}

/// Where a directive's id is written: `path:line:col` of its value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct IdPlace {
    pub path: String,
    pub line: usize,
    pub col: usize,
}

impl From<CreateError> for WriteError {
    fn from(e: CreateError) -> Self {
        WriteError::New(e)
    }
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::store::write_error(
            crate::i18n::Lang::En,
            self,
        ))
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WriteError::Io { source, .. } => Some(source),
            WriteError::Apply { source, .. } => Some(source),
            WriteError::New(source) => Some(source),
            _ => None,
        }
    }
}

impl From<LockError> for WriteError {
    fn from(e: LockError) -> Self {
        WriteError::Lock(e)
    }
}

impl WriteError {
    pub(super) fn io(path: &str, source: std::io::Error) -> Self {
        WriteError::Io {
            path: path.to_string(),
            source,
        }
    }
}

impl WriteError {
    /// The file to read again after this refusal: the disk differs from what the workspace
    /// holds, so the screen should show the file as it is now.
    pub fn reread_path(&self) -> Option<&str> {
        match self {
            WriteError::Stale { path, .. }
            | WriteError::Gone { path, .. }
            | WriteError::Cut { path, .. }
            | WriteError::NewProblems { path, .. }
            | WriteError::Broken { path, .. } => Some(path),
            _ => None,
        }
    }
}

pub(super) fn replace_error(rel: &str, e: ReplaceError) -> WriteError {
    match e {
        ReplaceError::FolderReadOnly => WriteError::FolderReadOnly {
            path: rel.to_string(),
        },
        ReplaceError::Group { gid } => WriteError::Group {
            path: rel.to_string(),
            gid,
        },
        ReplaceError::Io(e) => copy_io(rel, &e),
    }
}

pub(super) fn read_error(rel: &str, e: ReadError) -> WriteError {
    match e {
        ReadError::Io(e) => copy_io(rel, &e),
        ReadError::Unsettled => WriteError::Unsettled {
            path: rel.to_string(),
        },
    }
}

pub(super) fn copy_io(path: &str, e: &std::io::Error) -> WriteError {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => WriteError::ReadOnly {
            path: path.to_string(),
        },
        kind => WriteError::io(path, std::io::Error::new(kind, e.to_string())),
    }
}

/// The refusal for a directive someone else changed on disk.
pub(super) fn stale(path: &str, disk_version: &Directive) -> WriteError {
    let by = disk_version
        .last_author()
        .filter(|b| !b.is_empty())
        .map(str::to_string);
    WriteError::Stale {
        path: path.to_string(),
        id: disk_version.id.clone(),
        by,
    }
}

/// The refusal to write a broken file, at its problem's line and column when known.
pub(crate) fn broken(path: &str, reason: &ProblemKind, problems: &[Problem]) -> WriteError {
    let placed = problems
        .iter()
        .find(|p| p.kind == *reason)
        .or_else(|| problems.first());
    WriteError::Broken {
        path: path.to_string(),
        reason: reason.clone(),
        at: placed.map(|p| (p.line, p.col)),
    }
}

/// A copy of a whole-file refusal for the other edits of that file.
pub(super) fn reason_copy(rel: &str, e: Option<&WriteError>) -> WriteError {
    match e {
        Some(WriteError::Broken { path, reason, at }) => WriteError::Broken {
            path: path.clone(),
            reason: reason.clone(),
            at: *at,
        },
        Some(WriteError::Cut { path, missing }) => WriteError::Cut {
            path: path.clone(),
            missing: missing.clone(),
        },
        Some(WriteError::NewProblems { path, problem }) => WriteError::NewProblems {
            path: path.clone(),
            problem: problem.clone(),
        },
        Some(WriteError::Apply { path, source, .. }) => WriteError::Apply {
            path: path.clone(),
            id: String::new(),
            source: source.clone(),
        },
        Some(WriteError::Io { path, source }) => copy_io(path, source),
        Some(WriteError::GitOperation(op)) => WriteError::GitOperation(*op),
        Some(other) => WriteError::Io {
            path: rel.to_string(),
            source: std::io::Error::other(other.to_string()),
        },
        None => WriteError::Unsettled {
            path: rel.to_string(),
        },
    }
}

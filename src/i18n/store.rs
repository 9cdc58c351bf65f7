//! What the store refuses or fails to do, in English and Vietnamese: the errors of a write
//! and of applying an edit. The errors carry data; the sentences are here. Their `Display`
//! is the English form, for logs and for `{e}` in messages that are English anyway.

use super::terms;
use super::Lang;
use crate::model::Directive;
use crate::store::edit::{ApplyError, Change};
use crate::store::write::WriteError;
use chrono::NaiveDate;

/// A refused or failed write: `path: what happened`.
pub fn write_error(lang: Lang, e: &WriteError) -> String {
    match (lang, e) {
        (Lang::En, WriteError::UnknownId(id)) => format!("no directive with id \"{id}\""),
        (Lang::Vi, WriteError::UnknownId(id)) => format!("không có nhiệm vụ nào mã \"{id}\""),
        (Lang::En, WriteError::Broken { path, reason }) => {
            format!("{path}: not written, the file is broken ({reason}); fix it by hand first")
        }
        (Lang::Vi, WriteError::Broken { path, reason }) => {
            format!("{path}: không ghi, tệp bị lỗi ({reason}); hãy sửa tay trước")
        }
        (Lang::En, WriteError::Stale { path, id, by }) => {
            let by = by.as_ref().map(|b| format!(" by {b}")).unwrap_or_default();
            format!(
                "{path}: directive \"{id}\" was changed on disk{by} since it was read; not written (reload to see the new version)"
            )
        }
        (Lang::Vi, WriteError::Stale { path, id, by }) => {
            let by = by.as_ref().map(|b| format!(" bởi {b}")).unwrap_or_default();
            format!(
                "{path}: nhiệm vụ \"{id}\" đã bị sửa trên đĩa{by} sau khi đọc; không ghi (tải lại để xem bản mới)"
            )
        }
        (Lang::En, WriteError::Gone { path, id }) => {
            format!("{path}: directive \"{id}\" is no longer in the file on disk; not written")
        }
        (Lang::Vi, WriteError::Gone { path, id }) => {
            format!("{path}: nhiệm vụ \"{id}\" không còn trong tệp trên đĩa; không ghi")
        }
        (Lang::En, WriteError::ReadOnly { path }) => {
            format!("{path}: the file is read-only; nothing was written")
        }
        (Lang::Vi, WriteError::ReadOnly { path }) => {
            format!("{path}: tệp chỉ đọc; không ghi gì")
        }
        (Lang::En, WriteError::NothingToChange { path, id }) => {
            format!("{path}: nothing to change for directive \"{id}\"")
        }
        (Lang::Vi, WriteError::NothingToChange { path, id }) => {
            format!("{path}: nhiệm vụ \"{id}\" không có gì thay đổi")
        }
        (Lang::En, WriteError::Io { path, source }) => format!("{path}: cannot write: {source}"),
        (Lang::Vi, WriteError::Io { path, source }) => {
            format!("{path}: không ghi được: {source}")
        }
        (Lang::En, WriteError::Apply { path, id, source }) => format!(
            "{path}: edit of \"{id}\" failed: {}",
            apply_error(lang, source)
        ),
        (Lang::Vi, WriteError::Apply { path, id, source }) => format!(
            "{path}: không sửa được nhiệm vụ \"{id}\": {}",
            apply_error(lang, source)
        ),
    }
}

/// Why there is no workspace to show at all.
pub fn load_error(lang: Lang, e: &crate::store::LoadError) -> String {
    use crate::store::LoadError;
    match (lang, e) {
        (Lang::En, LoadError::NotAFolder(dir)) => format!("{} is not a folder", dir.display()),
        (Lang::Vi, LoadError::NotAFolder(dir)) => {
            format!("{} không phải là thư mục", dir.display())
        }
        (Lang::En, LoadError::NoConfig(dir)) => format!(
            "{0} has no dondoc.toml: not a dondoc workspace (create one with `dondoc init {0}`)",
            dir.display()
        ),
        (Lang::Vi, LoadError::NoConfig(dir)) => format!(
            "{0} không có dondoc.toml: không phải thư mục dữ liệu của dondoc (tạo bằng `dondoc init {0}`)",
            dir.display()
        ),
        (Lang::En, LoadError::Io { path, source }) => {
            format!("cannot read {}: {source}", path.display())
        }
        (Lang::Vi, LoadError::Io { path, source }) => {
            format!("không đọc được {}: {source}", path.display())
        }
    }
}

/// Why an edit could not be applied to a file's text.
pub fn apply_error(lang: Lang, e: &ApplyError) -> String {
    match (lang, e) {
        (Lang::En, ApplyError::Parse(why)) => format!("the file does not parse: {why}"),
        (Lang::Vi, ApplyError::Parse(why)) => format!("tệp không đọc được: {why}"),
        (Lang::En, ApplyError::NotFound(id)) => format!("directive \"{id}\" is not in the file"),
        (Lang::Vi, ApplyError::NotFound(id)) => {
            format!("nhiệm vụ \"{id}\" không có trong tệp")
        }
        (Lang::En, ApplyError::Conflict) => "the file holds git conflict markers".into(),
        (Lang::Vi, ApplyError::Conflict) => "tệp còn dấu xung đột git".into(),
        (Lang::En, ApplyError::Inline(id)) => format!(
            "directive \"{id}\" is written as an inline table (directive = [{{ ... }}]): dondoc edits \
             only [[directive]] tables; rewrite it as one to edit it"
        ),
        (Lang::Vi, ApplyError::Inline(id)) => format!(
            "nhiệm vụ \"{id}\" được viết dạng bảng trên một dòng (directive = [{{ ... }}]): dondoc \
             chỉ sửa các bảng [[directive]]; hãy viết lại thành bảng như vậy để sửa"
        ),
    }
}

/// What an edit did, in one line: `status in_progress → done, note` (the CLI's output and the
/// commit subjects); in Vietnamese with the glossary's words.
pub fn describe_change(lang: Lang, change: &Change, before: &Directive) -> String {
    let day = |d: Option<NaiveDate>| match (lang, d) {
        (Lang::En, None) => "none".to_string(),
        (Lang::En, Some(d)) => d.to_string(),
        (Lang::Vi, None) => terms::NONE.1.to_string(),
        (Lang::Vi, Some(d)) => terms::date(lang, d),
    };
    let mut parts = Vec::new();
    if let Some(s) = change.status {
        parts.push(format!(
            "{} {} → {}",
            super::cli::tr_status_word(lang),
            super::cli::status(lang, before.status),
            super::cli::status(lang, s)
        ));
    }
    if let Some(d) = change.deadline {
        let word = terms::deadline_change_word(lang, before.deadline, d);
        parts.push(format!("{word} {} → {}", day(before.deadline), day(d)));
    }
    if let Some(d) = change.done_on {
        if change.status.is_none() || d.is_some() {
            parts.push(format!(
                "{} → {}",
                lang.pick("done_on", terms::DONE_ON.1),
                day(d)
            ));
        }
    }
    if change.note.is_some() {
        parts.push(lang.pick("note", terms::NOTE.1).to_string());
    }
    parts.join(", ")
}

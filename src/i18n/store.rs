//! What the store refuses or fails to do, in English and Vietnamese: the errors of a write
//! and of applying an edit. The errors carry data; the sentences are here. Their `Display`
//! is the English form, for logs and for `{e}` in messages that are English anyway.

use super::terms;
use super::Lang;
use crate::model::{Directive, LogTimeGap, Place, Problem, ProblemKind, Toml11, ValueKind};
use crate::store::edit::{ApplyError, Change};
use crate::store::write::WriteError;
use chrono::NaiveDate;

/// `path:line:col` when the problem's place is known, else the path.
fn placed(path: &str, at: &Option<(usize, usize)>) -> String {
    match at {
        Some((line, col)) => format!("{path}:{line}:{col}"),
        None => path.to_string(),
    }
}

/// A refused or failed write: `path: what happened`.
pub fn write_error(lang: Lang, e: &WriteError) -> String {
    match (lang, e) {
        (Lang::En, WriteError::UnknownId(id)) => format!("no directive with id \"{id}\""),
        (Lang::Vi, WriteError::UnknownId(id)) => format!("không có nhiệm vụ nào mã \"{id}\""),
        (Lang::En, WriteError::Broken { path, reason, at }) => format!(
            "{}: not written, the file is broken ({}); fix it by hand first",
            placed(path, at),
            problem_kind(lang, reason)
        ),
        (Lang::Vi, WriteError::Broken { path, reason, at }) => format!(
            "{}: không ghi, tệp bị lỗi ({}); hãy sửa tay trước",
            placed(path, at),
            problem_kind(lang, reason)
        ),
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
        (Lang::En, WriteError::FolderReadOnly { path }) => format!(
            "{path}: the folder is read-only (no new version can be made beside the file); nothing was written"
        ),
        (Lang::Vi, WriteError::FolderReadOnly { path }) => format!(
            "{path}: thư mục chỉ đọc (không tạo được bản mới cạnh tệp); không ghi gì"
        ),
        (Lang::En, WriteError::Group { path, gid }) => format!(
            "{path}: not written: the file belongs to group {gid} and this account cannot give the new version that group (add the account to the group, or make the folder setgid)"
        ),
        (Lang::Vi, WriteError::Group { path, gid }) => format!(
            "{path}: không ghi: tệp thuộc nhóm {gid}, tài khoản này không gán được nhóm đó cho bản mới"
        ),
        (Lang::En, WriteError::Cut { path, missing }) => format!(
            "{path}: not written: on disk the file now lacks {} that dondoc read ({}); it may be half saved by another program — check it, then try again",
            if missing.len() == 1 {
                "1 directive".to_string()
            } else {
                format!("{} directives", missing.len())
            },
            missing.join(", ")
        ),
        (Lang::Vi, WriteError::Cut { path, missing }) => format!(
            "{path}: không ghi: trên đĩa tệp thiếu {} nhiệm vụ đã đọc ({}); có thể chương trình khác đang lưu dở — kiểm tra rồi thử lại",
            missing.len(),
            missing.join(", ")
        ),
        (Lang::En, WriteError::NewProblems { path, problem }) => format!(
            "{path}: not written: the file on disk has a new problem since it was read ({})",
            self::problem(lang, problem)
        ),
        (Lang::Vi, WriteError::NewProblems { path, problem }) => format!(
            "{path}: không ghi: tệp trên đĩa có lỗi mới từ khi đọc ({})",
            self::problem(lang, problem)
        ),
        (Lang::En, WriteError::Unsettled { path }) => {
            format!("{path}: not written: another program keeps changing the file; try again")
        }
        (Lang::Vi, WriteError::Unsettled { path }) => {
            format!("{path}: không ghi: chương trình khác đang liên tục sửa tệp; hãy thử lại")
        }
        (Lang::En, WriteError::Redirected { path }) => format!(
            "{path}: not written: the file was replaced by a link since it was read; dondoc does not write through it"
        ),
        (Lang::Vi, WriteError::Redirected { path }) => format!(
            "{path}: không ghi: tệp đã bị thay bằng liên kết từ khi đọc; dondoc không ghi qua liên kết"
        ),
        (Lang::Vi, WriteError::Lock(crate::store::write::LockError::Busy { path, secs })) => {
            format!(
                "{path}: một dondoc khác vẫn đang ghi (đã chờ {secs} giây); không ghi gì — thử lại, hoặc tắt dondoc kia"
            )
        }
        (Lang::Vi, WriteError::Lock(crate::store::write::LockError::Symlink { path })) => {
            format!("{path}: tệp khóa là liên kết tượng trưng; không theo liên kết, không ghi gì")
        }
        (Lang::Vi, WriteError::Lock(crate::store::write::LockError::Create { path, reason })) => {
            format!("{path}: không tạo được tệp khóa ({reason}); không ghi gì")
        }
        (Lang::En, WriteError::Lock(e)) => e.to_string(),
        (_, WriteError::New(e)) => create_error(lang, e),
        // The git module words it (with the command that gets out of the stopped operation).
        (_, WriteError::GitOperation(op)) => git_operation(lang, *op),
        (Lang::En, WriteError::DuplicateId { id, places }) => format!(
            "not written: id \"{id}\" is used by {} directives ({}); ids must be unique: fix the duplicate first, then try again",
            places.len(),
            id_places(places)
        ),
        (Lang::Vi, WriteError::DuplicateId { id, places }) => format!(
            "không ghi: mã \"{id}\" đang dùng cho {} nhiệm vụ ({}); mã phải là duy nhất: hãy sửa chỗ trùng mã trước rồi thử lại",
            places.len(),
            id_places(places)
        ),
    }
}

/// `path:line:col, path:line:col`
fn id_places(places: &[crate::store::write::IdPlace]) -> String {
    places
        .iter()
        .map(|p| format!("{}:{}:{}", p.path, p.line, p.col))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A deletion refused or failed (`D` on a directive entered by mistake).
pub fn delete_error(lang: Lang, e: &crate::store::delete::DeleteError) -> String {
    use crate::store::delete::DeleteError as E;
    let cancelled = || {
        format!(
            "“{}”",
            terms::tr(Lang::Vi, terms::status(crate::model::Status::Cancelled))
        )
    };
    match (lang, e) {
        (_, E::UnknownId(id)) => write_error(lang, &WriteError::UnknownId(id.clone())),
        (Lang::En, E::NotNew(id)) => format!(
            "\"{id}\" was not created today: it is not deleted; cancel it instead (status cancelled, with the reason)"
        ),
        (Lang::Vi, E::NotNew(id)) => format!(
            "nhiệm vụ \"{id}\" không phải nhập trong hôm nay nên không xóa; hãy chuyển trạng thái sang {} (ghi lý do)",
            cancelled()
        ),
        (Lang::En, E::ChangedByOthers { id, by }) => format!(
            "\"{id}\" was changed by {by}: it is not deleted; cancel it instead (status cancelled, with the reason)"
        ),
        (Lang::Vi, E::ChangedByOthers { id, by }) => format!(
            "nhiệm vụ \"{id}\" đã được {by} cập nhật nên không xóa; hãy chuyển trạng thái sang {} (ghi lý do)",
            cancelled()
        ),
        (Lang::En, E::Stale { path }) => format!(
            "{path}: changed on disk since it was read; nothing was deleted (reload to see the new version)"
        ),
        (Lang::Vi, E::Stale { path }) => format!(
            "{path}: tệp đã bị sửa trên đĩa sau khi đọc; không xóa gì (tải lại để xem bản mới)"
        ),
        (Lang::En, E::Broken { path, reason, at }) => format!(
            "{}: nothing was deleted, the file is broken ({}); fix it by hand first",
            placed(path, at),
            problem_kind(lang, reason)
        ),
        (Lang::Vi, E::Broken { path, reason, at }) => format!(
            "{}: không xóa, tệp bị lỗi ({}); hãy sửa tay trước",
            placed(path, at),
            problem_kind(lang, reason)
        ),
        (Lang::En, E::Apply { path, source }) => format!(
            "{path}: nothing was deleted: {}",
            apply_error(lang, source)
        ),
        (Lang::Vi, E::Apply { path, source }) => {
            format!("{path}: không xóa được: {}", apply_error(lang, source))
        }
        (_, E::GitOperation(op)) => git_operation(lang, *op),
        (_, E::Write(w)) => write_error(lang, w),
    }
}

/// A new directive, meeting file or unit refused.
pub fn create_error(lang: Lang, e: &crate::store::create::CreateError) -> String {
    use crate::store::create::CreateError as E;
    match (lang, e) {
        (Lang::En, E::UnknownOwner(u)) => {
            format!("unknown unit \"{u}\": not in dondoc.toml (add it with `dondoc owner add`)")
        }
        (Lang::En, E::DuplicateId { id, path }) => format!("id \"{id}\" is already used ({path})"),
        (Lang::En, E::IdGivenTwice(id)) => format!("id \"{id}\" is already used (given twice)"),
        (Lang::Vi, E::IdGivenTwice(id)) => format!("mã \"{id}\" bị trùng (ghi hai lần)"),
        (Lang::En, E::InvalidId(id)) => {
            format!("invalid id \"{id}\": use letters, digits, '.', '_' and '-'")
        }
        (Lang::En, E::InvalidOwnerId(id)) => {
            format!("invalid unit id \"{id}\": use lower-case letters, digits and '-'")
        }
        (Lang::En, E::EmptyText) => "a directive needs a text".into(),
        (Lang::En, E::EmptyName) => "a unit needs a name".into(),
        (Lang::En, E::EmptyTitle) => "a meeting needs a title".into(),
        (Lang::En, E::Exists(p)) => {
            format!("{p} already exists: choose another file name (--file)")
        }
        (Lang::En, E::NoSuchFile(p)) => format!("\"{p}\" is not a directive file of the workspace"),
        (Lang::En, E::BadPath(p)) => format!(
            "invalid file name \"{p}\": a .toml file inside the workspace, not dondoc.toml"
        ),
        (Lang::En, E::Apply(a)) => apply_error(lang, a),
        (Lang::Vi, E::UnknownOwner(u)) => format!(
            "không có đơn vị \"{u}\" trong dondoc.toml (thêm bằng `dondoc owner add`)"
        ),
        (Lang::Vi, E::DuplicateId { id, path }) => format!("mã \"{id}\" đã được dùng ({path})"),
        (Lang::Vi, E::InvalidId(id)) => {
            format!("mã \"{id}\" không hợp lệ: dùng chữ cái, chữ số, '.', '_' và '-'")
        }
        (Lang::Vi, E::InvalidOwnerId(id)) => {
            format!("mã đơn vị \"{id}\" không hợp lệ: dùng chữ thường, chữ số và '-'")
        }
        (Lang::Vi, E::EmptyText) => "nhiệm vụ cần có nội dung".into(),
        (Lang::Vi, E::EmptyName) => "đơn vị cần có tên".into(),
        (Lang::Vi, E::EmptyTitle) => "cuộc họp cần có tên".into(),
        (Lang::Vi, E::Exists(p)) => format!("{p} đã có: hãy chọn tên tệp khác (--file)"),
        (Lang::Vi, E::NoSuchFile(p)) => {
            format!("\"{p}\" không phải là tệp nhiệm vụ của thư mục dữ liệu")
        }
        (Lang::Vi, E::BadPath(p)) => format!(
            "tên tệp \"{p}\" không hợp lệ: cần một tệp .toml trong thư mục dữ liệu, không phải dondoc.toml"
        ),
        (Lang::Vi, E::Apply(a)) => apply_error(lang, a),
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
        (Lang::En, LoadError::Saving { path }) => {
            format!("{path}: the file was being saved by another program; try again")
        }
        (Lang::Vi, LoadError::Saving { path }) => {
            format!("{path}: tệp đang được chương trình khác lưu; hãy thử lại")
        }
    }
}

/// Why an edit could not be applied to a file's text.
pub fn apply_error(lang: Lang, e: &ApplyError) -> String {
    match (lang, e) {
        (Lang::En, ApplyError::Parse(why)) => format!("the file does not parse: {why}"),
        (Lang::Vi, ApplyError::Parse(why)) => format!("tệp không đọc được: {why}"),
        (Lang::En, ApplyError::Invalid(why)) => {
            format!("the file does not parse: {}", problem_kind(lang, why))
        }
        (Lang::Vi, ApplyError::Invalid(why)) => {
            format!("tệp không đọc được: {}", problem_kind(lang, why))
        }
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
    if change.text.is_some() {
        parts.push(lang.pick("text", "nội dung").to_string());
    }
    if let Some(o) = &change.owner {
        let word = lang.pick("owner", terms::LEAD_UNIT.1);
        parts.push(format!("{word} {} → {o}", before.owner));
    }
    if let Some(list) = &change.support {
        let list = if list.is_empty() {
            lang.pick("none", terms::NONE.1).to_string()
        } else {
            list.join(", ")
        };
        let word = lang.pick("support", terms::SUPPORT_UNITS.1);
        parts.push(format!("{word} → {list}"));
    }
    if change.done_ref.is_some() {
        parts.push(lang.pick("done_ref", "văn bản hoàn thành").to_string());
    }
    if change.undo {
        parts.push(lang.pick("(undo)", "(hoàn tác)").to_string());
    }
    parts.join(", ")
}

/// A loader's problem as `path:line:col: what is wrong`.
pub fn problem(lang: Lang, p: &Problem) -> String {
    let level = match (p.kind.is_warning(), lang) {
        (false, _) => "",
        (true, Lang::En) => "warning: ",
        (true, Lang::Vi) => "cảnh báo: ",
    };
    format!(
        "{}:{}:{}: {level}{}",
        p.path,
        p.line,
        p.col,
        problem_kind(lang, &p.kind)
    )
}

/// Why nothing is written while a git rebase or merge is stopped: what happened, what to run.
pub fn git_operation(lang: Lang, op: crate::git::status::Operation) -> String {
    let op = op.as_str();
    match lang {
        Lang::En => format!(
            "a git {op} is stopped half-way in this workspace's repository, and `git {op} --abort` would discard any edit made now; \
             finish it (`git {op} --continue`) or undo it (`git {op} --abort`) first"
        ),
        Lang::Vi => format!(
            "một lệnh git {op} đang dừng giữa chừng trong kho của thư mục dữ liệu này, và `git {op} --abort` sẽ xóa mọi sửa đổi ghi lúc này; \
             hãy hoàn tất (`git {op} --continue`) hoặc hủy (`git {op} --abort`) trước"
        ),
    }
}

/// A done date that cannot be true, refused: the UI's and the command line's sentence.
pub fn done_date_error(lang: Lang, e: &crate::store::edit::DoneDateError) -> String {
    use crate::store::edit::DoneDateError as E;
    match (lang, e) {
        (Lang::En, e) => e.to_string(),
        (Lang::Vi, E::AfterToday { done, today }) => format!(
            "ngày hoàn thành {} sau ngày chốt số liệu {}: không thể báo hoàn thành vào ngày chưa đến",
            terms::date(lang, *done),
            terms::date(lang, *today)
        ),
        (Lang::Vi, E::BeforeSource { done, given }) => format!(
            "ngày hoàn thành {} trước ngày {} của cuộc họp giao nhiệm vụ: không thể hoàn thành trước khi được giao",
            terms::date(lang, *done),
            terms::date(lang, *given)
        ),
    }
}

/// TOML 1.1 syntax: what it is, and how to write it for TOML 1.0.
fn newer_toml(lang: Lang, k: Toml11) -> String {
    let (what, fix) = match (k, lang) {
        (Toml11::EscapeE, Lang::En) => ("the escape \\e", "write \\u001b"),
        (Toml11::EscapeE, Lang::Vi) => ("ký tự thoát \\e", "hãy viết \\u001b"),
        (Toml11::EscapeX, Lang::En) => ("an escape \\xHH", "write \\u00HH"),
        (Toml11::EscapeX, Lang::Vi) => ("ký tự thoát \\xHH", "hãy viết \\u00HH"),
        (Toml11::TimeWithoutSeconds, Lang::En) => {
            ("a time without seconds", "add the seconds (07:30:00)")
        }
        (Toml11::TimeWithoutSeconds, Lang::Vi) => {
            ("giờ không có giây", "hãy ghi cả giây (07:30:00)")
        }
        (Toml11::InlineTableNewline, Lang::En) => (
            "an inline table { … } spanning lines",
            "keep it on one line, or make it a [table]",
        ),
        (Toml11::InlineTableNewline, Lang::Vi) => (
            "bảng nội dòng { … } viết trên nhiều dòng",
            "hãy viết trên một dòng, hoặc dùng bảng [..]",
        ),
        (Toml11::InlineTableTrailingComma, Lang::En) => {
            ("a comma before the } of an inline table", "remove it")
        }
        (Toml11::InlineTableTrailingComma, Lang::Vi) => (
            "dấu phẩy trước dấu } của bảng nội dòng",
            "hãy bỏ dấu phẩy đó",
        ),
    };
    match lang {
        Lang::En => format!(
            "{what} is TOML 1.1 syntax, which TOML 1.0 tools (Python's tomllib, editor plugins) reject: {fix}"
        ),
        Lang::Vi => format!(
            "{what} là cú pháp TOML 1.1, các công cụ chỉ đọc TOML 1.0 (tomllib của Python, phần mở rộng của trình soạn thảo) báo lỗi: {fix}"
        ),
    }
}

/// What a loaded file gets wrong. TOML keys and tables stay as they are written in the files.
pub fn problem_kind(lang: Lang, k: &ProblemKind) -> String {
    use ProblemKind as K;
    let vi = lang == Lang::Vi;
    let found = |v: &ValueKind| value_kind(lang, *v);
    match k {
        K::CannotRead(e) if vi => format!("không đọc được: {e}"),
        K::CannotRead(e) => format!("cannot read: {e}"),
        K::InvalidUtf8 if vi => "không phải UTF-8: hãy lưu tệp dạng UTF-8".into(),
        K::InvalidUtf8 => "invalid UTF-8: save the file as UTF-8".into(),
        K::SecondByteOrderMark if vi => "cú pháp TOML: dấu BOM thứ hai ở đầu tệp".into(),
        K::SecondByteOrderMark => {
            "TOML syntax: a second byte-order mark at the start of the file".into()
        }
        K::ConflictMarker if vi => {
            "dấu xung đột git: hãy giải quyết xung đột hợp nhất trong tệp này".into()
        }
        K::ConflictMarker => "git conflict marker: resolve the merge conflict in this file".into(),
        // The parser's words: English in both languages.
        K::TomlSyntax(m) if vi => format!("cú pháp TOML: {m}"),
        K::TomlSyntax(m) => format!("TOML syntax: {m}"),
        K::InvalidInteger(i) if vi => format!("cú pháp TOML: số nguyên không hợp lệ {i}"),
        K::InvalidInteger(i) => format!("TOML syntax: invalid integer {i}"),
        K::InvalidFloat(f) if vi => format!("cú pháp TOML: số thực không hợp lệ {f}"),
        K::InvalidFloat(f) => format!("TOML syntax: invalid float {f}"),
        K::EmptyFile if vi => "tệp rỗng: một tệp nhiệm vụ cần có [source] và [[directive]]".into(),
        K::EmptyFile => "empty file: a directive file needs [source] and [[directive]]".into(),
        K::NotAString { what, found: f } if vi => {
            format!("{what} phải là một chuỗi, nhưng lại là {}", found(f))
        }
        K::NotAString { what, found: f } => format!("{what} must be a string, found {}", found(f)),
        K::ImpossibleDate { what, date } if vi => format!("{what}: ngày {date} không tồn tại"),
        K::ImpossibleDate { what, date } => format!("{what}: impossible date {date}"),
        K::DateTimeNotDate { what, value } if vi => format!(
            "{what} phải là một ngày như 2023-09-30, không phải ngày giờ ({value})"
        ),
        K::DateTimeNotDate { what, value } => {
            format!("{what} must be a date like 2023-09-30, not a date-time ({value})")
        }
        K::DateAsString {
            what,
            value,
            date_inside,
        } => {
            let hint = match (lang, date_inside) {
                (_, false) => String::new(),
                (Lang::En, true) => format!(": write it without quotes, {what} = {value}"),
                (Lang::Vi, true) => format!(": hãy viết không có ngoặc kép, {what} = {value}"),
            };
            match lang {
                Lang::En => format!("{what} must be a date like 2023-09-30, found a string{hint}"),
                Lang::Vi => {
                    format!("{what} phải là một ngày như 2023-09-30, nhưng lại là một chuỗi{hint}")
                }
            }
        }
        K::NotADate { what, found: f } if vi => format!(
            "{what} phải là một ngày như 2023-09-30, nhưng lại là {}",
            found(f)
        ),
        K::NotADate { what, found: f } => {
            format!("{what} must be a date like 2023-09-30, found {}", found(f))
        }
        K::NotABoolean { what, found: f } if vi => {
            format!("{what} phải là true hoặc false, nhưng lại là {}", found(f))
        }
        K::NotABoolean { what, found: f } => {
            format!("{what} must be true or false, found {}", found(f))
        }
        K::NotAStringList { what, found: f } if vi => {
            format!("{what} phải là một danh sách chuỗi, nhưng lại là {}", found(f))
        }
        K::NotAStringList { what, found: f } => {
            format!("{what} must be a list of strings, found {}", found(f))
        }
        K::SupportNotAList { found: f } if vi => format!(
            "support phải là danh sách mã đơn vị phối hợp, nhưng lại là {}",
            found(f)
        ),
        K::SupportNotAList { found: f } => {
            format!("support must be a list of owner ids, found {}", found(f))
        }
        K::UnknownSupport(s) if vi => {
            format!("đơn vị phối hợp \"{s}\" không có trong dondoc.toml")
        }
        K::UnknownSupport(s) => format!("unknown support unit \"{s}\": not in dondoc.toml"),
        K::UnknownStatus(s) if vi => format!(
            "trạng thái \"{s}\" không hợp lệ: dùng open, in_progress, blocked, done hoặc cancelled"
        ),
        K::UnknownStatus(s) => format!(
            "unknown status \"{s}\": expected open, in_progress, blocked, done or cancelled"
        ),
        K::NotATable { what, found: f } if vi => {
            format!("{what} phải là một bảng, nhưng lại là {}", found(f))
        }
        K::NotATable { what, found: f } => format!("{what} must be a table, found {}", found(f)),
        K::ItemNotATable { what } if vi => format!("mỗi {what} phải là một bảng"),
        K::ItemNotATable { what } => format!("each {what} must be a table"),
        K::NotAnArrayOfTables { what, found: f } if vi => {
            format!("{what} phải viết dạng [[{what}]], nhưng lại là {}", found(f))
        }
        K::NotAnArrayOfTables { what, found: f } => {
            format!("{what} must be written [[{what}]], found {}", found(f))
        }
        K::UnknownKey {
            key,
            place,
            allowed,
        } => {
            let allowed = allowed.join(", ");
            let place = place_name(lang, *place);
            match lang {
                Lang::En => format!("unknown key \"{key}\" in {place} (expected one of: {allowed})"),
                Lang::Vi => format!(
                    "khóa \"{key}\" không hợp lệ trong {place} (các khóa dùng được: {allowed})"
                ),
            }
        }
        K::SourceWithoutTitle if vi => "[source] không có title (tên văn bản giao)".into(),
        K::SourceWithoutTitle => "[source] has no title".into(),
        K::SourceWithoutDate if vi => {
            "[source] không có date: hãy ghi ngày họp (date = 2023-08-25)".into()
        }
        K::SourceWithoutDate => {
            "[source] has no date: give the meeting's date (date = 2023-08-25)".into()
        }
        K::NoSource if vi => {
            "thiếu bảng [source]: hãy ghi các nhiệm vụ này từ cuộc họp hay văn bản nào".into()
        }
        K::NoSource => "no [source] table: say which meeting these directives come from".into(),
        K::DirectiveWithoutId if vi => "nhiệm vụ không có id (mã)".into(),
        K::DirectiveWithoutId => "directive without an id".into(),
        K::InvalidId(id) if vi => {
            format!("mã \"{id}\" không hợp lệ: dùng chữ cái, chữ số, '.', '_' và '-'")
        }
        K::InvalidId(id) => format!("invalid id \"{id}\": use letters, digits, '.', '_' and '-'"),
        K::NoText(id) if vi => format!("nhiệm vụ \"{id}\" không có text (nội dung)"),
        K::NoText(id) => format!("directive \"{id}\" has no text"),
        K::NoOwner(id) if vi => format!("nhiệm vụ \"{id}\" không có owner (đơn vị chủ trì)"),
        K::NoOwner(id) => format!("directive \"{id}\" has no owner (the lead unit)"),
        K::UnknownOwner(o) if vi => format!("đơn vị chủ trì \"{o}\" không có trong dondoc.toml"),
        K::UnknownOwner(o) => format!("unknown owner \"{o}\": not in dondoc.toml"),
        K::NoStatus(id) if vi => format!("nhiệm vụ \"{id}\" không có status (trạng thái)"),
        K::NoStatus(id) => format!("directive \"{id}\" has no status"),
        K::DoneWithoutDate(id) if vi => format!(
            "nhiệm vụ \"{id}\" đã hoàn thành nhưng không có done_on (ngày hoàn thành)"
        ),
        K::DoneWithoutDate(id) => format!("directive \"{id}\" is done but has no done_on date"),
        K::DoneOnNotDone { id, status } if vi => format!(
            "nhiệm vụ \"{id}\" có done_on (ngày hoàn thành) nhưng trạng thái là {}, không phải {}",
            terms::status(*status).1,
            terms::status(crate::model::Status::Done).1
        ),
        K::DoneOnNotDone { id, status } => {
            format!("directive \"{id}\" has done_on but its status is {status}, not done")
        }
        K::DuplicateId {
            id,
            path,
            line,
            col,
        } if vi => {
            format!("mã \"{id}\" bị trùng: đã dùng ở {path}:{line}:{col}")
        }
        K::DuplicateId {
            id,
            path,
            line,
            col,
        } => {
            format!("duplicate id \"{id}\": already used at {path}:{line}:{col}")
        }
        K::LogTimeNotDateTime { found: f } if vi => format!(
            "thời điểm \"at\" của nhật ký phải là ngày giờ như 2023-09-15T09:30:00+07:00, nhưng lại là {}",
            found(f)
        ),
        K::LogTimeNotDateTime { found: f } => format!(
            "log time \"at\" must be a date-time like 2023-09-15T09:30:00+07:00, found {}",
            found(f)
        ),
        K::LogWithoutTime if vi => "mục nhật ký không có \"at\" (thời điểm)".into(),
        K::LogWithoutTime => "log entry without \"at\" (when it happened)".into(),
        K::LogTimeIncomplete(gap) => {
            let gap = match gap {
                LogTimeGap::NoTime => lang.pick("a date without a time", "một ngày không có giờ"),
                LogTimeGap::NoOffset => lang.pick(
                    "a date-time without its UTC offset",
                    "ngày giờ không có độ lệch UTC",
                ),
                LogTimeGap::NoDate => lang.pick("a time without a date", "giờ không có ngày"),
            };
            match lang {
                Lang::En => format!("log time \"at\" must be a date-time with its UTC offset like 2023-09-15T09:30:00+07:00, found {gap}"),
                Lang::Vi => format!("thời điểm \"at\" của nhật ký phải là ngày giờ kèm độ lệch UTC như 2023-09-15T09:30:00+07:00, nhưng lại là {gap}"),
            }
        }
        K::ClearedNotAList if vi => "cleared phải là danh sách tên trường".into(),
        K::ClearedNotAList => "cleared must be a list of field names".into(),
        K::UnknownTimeZone(name) if vi => format!(
            "không có múi giờ \"{name}\": dùng tên IANA như \"Asia/Ho_Chi_Minh\""
        ),
        K::UnknownTimeZone(name) => {
            format!("unknown time zone \"{name}\": an IANA name such as \"Asia/Ho_Chi_Minh\"")
        }
        K::DueSoonDaysOutOfRange if vi => "due_soon_days phải là số ngày từ 0 đến 3650".into(),
        K::DueSoonDaysOutOfRange => "due_soon_days must be a number of days from 0 to 3650".into(),
        K::DueSoonDaysNotAnInteger { found: f } if vi => {
            format!("due_soon_days phải là số nguyên, nhưng lại là {}", found(f))
        }
        K::DueSoonDaysNotAnInteger { found: f } => {
            format!("due_soon_days must be an integer, found {}", found(f))
        }
        K::OwnerWithoutId if vi => "đơn vị không có id (mã)".into(),
        K::OwnerWithoutId => "owner without an id".into(),
        K::InvalidOwnerId(id) if vi => {
            format!("mã đơn vị \"{id}\" không hợp lệ: dùng a-z, 0-9 và '-'")
        }
        K::InvalidOwnerId(id) => format!("invalid owner id \"{id}\": use a-z, 0-9 and '-'"),
        K::DuplicateOwnerId { id, path, line, col } if vi => {
            format!("mã đơn vị \"{id}\" bị trùng: đã dùng ở {path}:{line}:{col}")
        }
        K::DuplicateOwnerId { id, path, line, col } => {
            format!("duplicate owner id \"{id}\": already used at {path}:{line}:{col}")
        }
        K::OwnerWithoutName(id) if vi => format!("đơn vị \"{id}\" không có name (tên)"),
        K::OwnerWithoutName(id) => format!("owner \"{id}\" has no name"),
        K::MultiLineNote(id) if vi => format!(
            "note của \"{id}\" có nhiều dòng; định dạng ghi note trên một dòng (tiến độ mới nhất)"
        ),
        K::MultiLineNote(id) => format!(
            "the note of \"{id}\" spans several lines; the format wants one line (the latest progress)"
        ),
        K::NewerToml(k) => newer_toml(lang, *k),
    }
}

fn value_kind(lang: Lang, v: ValueKind) -> &'static str {
    let (en, vi) = match v {
        ValueKind::String => ("a string", "một chuỗi"),
        ValueKind::Integer => ("an integer", "một số nguyên"),
        ValueKind::Float => ("a float", "một số thực"),
        ValueKind::Boolean => ("a boolean", "một giá trị true/false"),
        ValueKind::Date => ("a date", "một ngày"),
        ValueKind::Array => ("an array", "một mảng"),
        ValueKind::Table => ("a table", "một bảng"),
    };
    lang.pick(en, vi)
}

fn place_name(lang: Lang, p: Place) -> &'static str {
    let (en, vi) = match p {
        Place::DirectiveFile => ("a directive file", "tệp nhiệm vụ"),
        Place::Source => ("[source]", "[source]"),
        Place::Directive => ("a directive", "một nhiệm vụ"),
        Place::LogEntry => ("a log entry", "một mục nhật ký"),
        Place::Config => ("dondoc.toml", "dondoc.toml"),
        Place::Owner => ("an owner", "một đơn vị"),
        Place::Git => ("[git]", "[git]"),
        Place::Report => ("[report]", "[report]"),
    };
    lang.pick(en, vi)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;

    /// Every kind of problem, with arguments.
    fn every_kind() -> Vec<ProblemKind> {
        use ProblemKind as K;
        let s = || "x".to_string();
        vec![
            K::CannotRead(s()),
            K::InvalidUtf8,
            K::SecondByteOrderMark,
            K::ConflictMarker,
            K::TomlSyntax(s()),
            K::InvalidInteger(s()),
            K::InvalidFloat(s()),
            K::EmptyFile,
            K::NotAString {
                what: s(),
                found: ValueKind::Integer,
            },
            K::ImpossibleDate {
                what: s(),
                date: s(),
            },
            K::DateTimeNotDate {
                what: s(),
                value: s(),
            },
            K::DateAsString {
                what: s(),
                value: s(),
                date_inside: true,
            },
            K::NotADate {
                what: s(),
                found: ValueKind::Float,
            },
            K::NotABoolean {
                what: s(),
                found: ValueKind::String,
            },
            K::NotAStringList {
                what: s(),
                found: ValueKind::Table,
            },
            K::SupportNotAList {
                found: ValueKind::Boolean,
            },
            K::UnknownSupport(s()),
            K::UnknownStatus(s()),
            K::NotATable {
                what: s(),
                found: ValueKind::Array,
            },
            K::ItemNotATable { what: s() },
            K::NotAnArrayOfTables {
                what: s(),
                found: ValueKind::Date,
            },
            K::UnknownKey {
                key: s(),
                place: Place::Directive,
                allowed: vec![s()],
            },
            K::SourceWithoutTitle,
            K::SourceWithoutDate,
            K::NoSource,
            K::DirectiveWithoutId,
            K::InvalidId(s()),
            K::NoText(s()),
            K::NoOwner(s()),
            K::UnknownOwner(s()),
            K::NoStatus(s()),
            K::DoneWithoutDate(s()),
            K::DoneOnNotDone {
                id: s(),
                status: Status::Open,
            },
            K::DuplicateId {
                id: s(),
                path: s(),
                line: 1,
                col: 1,
            },
            K::LogTimeNotDateTime {
                found: ValueKind::String,
            },
            K::LogWithoutTime,
            K::LogTimeIncomplete(LogTimeGap::NoTime),
            K::LogTimeIncomplete(LogTimeGap::NoOffset),
            K::LogTimeIncomplete(LogTimeGap::NoDate),
            K::ClearedNotAList,
            K::DueSoonDaysOutOfRange,
            K::UnknownTimeZone(s()),
            K::DueSoonDaysNotAnInteger {
                found: ValueKind::String,
            },
            K::OwnerWithoutId,
            K::InvalidOwnerId(s()),
            K::DuplicateOwnerId {
                id: s(),
                path: s(),
                line: 1,
                col: 2,
            },
            K::OwnerWithoutName(s()),
            K::MultiLineNote(s()),
            K::NewerToml(Toml11::EscapeE),
            K::NewerToml(Toml11::EscapeX),
            K::NewerToml(Toml11::TimeWithoutSeconds),
            K::NewerToml(Toml11::InlineTableNewline),
            K::NewerToml(Toml11::InlineTableTrailingComma),
        ]
    }

    #[test]
    fn every_problem_is_said_in_both_languages() {
        for kind in every_kind() {
            let en = problem_kind(Lang::En, &kind);
            let vi = problem_kind(Lang::Vi, &kind);
            assert!(!en.is_empty() && !vi.is_empty(), "{kind:?}");
            assert_ne!(en, vi, "{kind:?} is not translated");
            assert_eq!(kind.to_string(), en, "Display is the English form");
        }
    }

    #[test]
    fn a_problem_keeps_its_position_in_both_languages() {
        let p = Problem {
            path: "2023/a.toml".into(),
            line: 7,
            col: 9,
            kind: ProblemKind::UnknownOwner("khong-co".into()),
        };
        assert_eq!(
            problem(Lang::En, &p),
            "2023/a.toml:7:9: unknown owner \"khong-co\": not in dondoc.toml"
        );
        assert_eq!(
            problem(Lang::Vi, &p),
            "2023/a.toml:7:9: đơn vị chủ trì \"khong-co\" không có trong dondoc.toml"
        );
    }

    #[test]
    fn every_delete_error_is_said_in_both_languages() {
        use crate::store::delete::DeleteError as E;
        use crate::store::write::WriteError;
        let path = || "2023/giao-ban.toml".to_string();
        let all = vec![
            E::UnknownId("x-1".into()),
            E::NotNew("x-1".into()),
            E::ChangedByOthers {
                id: "x-1".into(),
                by: "Người Khác".into(),
            },
            E::Stale { path: path() },
            E::Broken {
                path: path(),
                reason: ProblemKind::ConflictMarker,
                at: Some((3, 1)),
            },
            E::Apply {
                path: path(),
                source: ApplyError::Inline("x-1".into()),
            },
            E::GitOperation(crate::git::status::Operation::Rebase),
            E::Write(WriteError::ReadOnly { path: path() }),
        ];
        for e in &all {
            let en = delete_error(Lang::En, e);
            let vi = delete_error(Lang::Vi, e);
            assert_ne!(en, vi, "{e:?}");
            assert_eq!(e.to_string(), en, "Display is the English form");
            // No English sentence left in the Vietnamese one.
            for word in [" the ", " not ", " was ", "cancel", "file", "changed"] {
                assert!(!vi.contains(word), "{word:?} in {vi}");
            }
        }
        assert_eq!(
            delete_error(Lang::Vi, &all[2]),
            "nhiệm vụ \"x-1\" đã được Người Khác cập nhật nên không xóa; hãy chuyển trạng thái \
             sang “dừng thực hiện” (ghi lý do)"
        );
        assert_eq!(
            delete_error(Lang::Vi, &all[4]),
            "2023/giao-ban.toml:3:1: không xóa, tệp bị lỗi (dấu xung đột git: hãy giải quyết xung \
             đột hợp nhất trong tệp này); hãy sửa tay trước"
        );
        assert_eq!(
            delete_error(Lang::Vi, &all[7]),
            "2023/giao-ban.toml: tệp chỉ đọc; không ghi gì"
        );
    }
}

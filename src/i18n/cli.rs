//! Strings of the command line that people read: table headers, `show`, summaries, and the
//! errors and warnings of the commands.
//!
//! In English, `list` and `show` print statuses and timeliness as the files and `--status`
//! write them (`in_progress`, `on_time`), so what is read can be typed back; in Vietnamese
//! they are the glossary's words.

use super::terms::{self, head};
use super::Lang;
use crate::model::{LogEntry, Status, Timeliness};
use crate::store::edit::Change;
use chrono::NaiveDate;

/// Column headers of `list`: id, deadline, status, timeliness, owner, text.
pub fn list_headers(lang: Lang) -> [&'static str; 6] {
    match lang {
        Lang::En => ["id", "deadline", "status", "timeliness", "owner", "text"],
        Lang::Vi => [
            "mã",
            terms::DEADLINE.1,
            terms::STATUS.1,
            terms::TIMELINESS.1,
            terms::LEAD_UNIT.1,
            "nội dung",
        ],
    }
}

pub fn status(lang: Lang, s: Status) -> &'static str {
    match lang {
        Lang::En => s.as_str(),
        Lang::Vi => terms::status(s).1,
    }
}

pub fn timeliness(lang: Lang, t: Timeliness) -> &'static str {
    match lang {
        Lang::En => t.as_str(),
        Lang::Vi => terms::timeliness(t).1,
    }
}

/// A date in a table or in `show`: 2023-10-15, 15/10/2023.
pub fn date(lang: Lang, d: NaiveDate) -> String {
    terms::date(lang, d)
}

/// Labels of `show`, padded to one width by the caller.
pub struct ShowLabels {
    pub timeliness: &'static str,
    pub source: &'static str,
    pub file: &'static str,
    pub issued_by: &'static str,
    pub lead: &'static str,
    pub support: &'static str,
    pub deadline: &'static str,
    pub status: &'static str,
    pub done_on: &'static str,
    pub note: &'static str,
    pub log: &'static str,
    pub no_log: &'static str,
    pub none: &'static str,
}

pub fn show_labels(lang: Lang) -> ShowLabels {
    match lang {
        Lang::En => ShowLabels {
            no_log: "no log entries",
            ..labels(lang)
        },
        Lang::Vi => ShowLabels {
            no_log: "chưa có nhật ký",
            ..labels(lang)
        },
    }
}

fn labels(lang: Lang) -> ShowLabels {
    let h = |t: terms::Text| lang.pick(t.0, t.1);
    ShowLabels {
        timeliness: h(head::TIMELINESS),
        source: h(head::SOURCE),
        file: h(head::FILE),
        issued_by: h(head::ISSUED_BY),
        lead: h(head::LEAD_UNIT),
        support: h(head::SUPPORT_UNITS),
        deadline: h(head::DEADLINE),
        status: h(head::STATUS),
        done_on: h(head::DONE_ON),
        note: h(head::NOTE),
        log: h(head::LOG),
        no_log: "",
        none: "—",
    }
}

/// How far a deadline is, as of today: `days` = deadline − today (negative when past).
pub fn days_to_deadline(lang: Lang, days: i64) -> String {
    match (lang, days) {
        (Lang::En, 0) => "due today".into(),
        (Lang::En, 1) => "due tomorrow".into(),
        (Lang::En, d) if d > 0 => format!("in {d} days"),
        (Lang::Vi, 0) => "đến hạn hôm nay".into(),
        (Lang::Vi, d) if d > 0 => format!("còn {d} ngày"),
        (_, d) => terms::days_overdue(lang, -d),
    }
}

/// How a done directive met its deadline: `days` = done_on − deadline.
pub fn done_against_deadline(lang: Lang, days: i64) -> String {
    match (lang, days) {
        (Lang::En, 0) => "done on the deadline".into(),
        (Lang::En, d) if d > 0 => format!("done {d} day{} late", plural(d)),
        (Lang::En, d) => format!("done {} day{} early", -d, plural(-d)),
        (Lang::Vi, 0) => "hoàn thành đúng ngày hạn".into(),
        (Lang::Vi, d) if d > 0 => format!("hoàn thành quá hạn {d} ngày"),
        (Lang::Vi, d) => format!("hoàn thành trước hạn {} ngày", -d),
    }
}

pub fn extensions(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => format!("deadline moved {n} time{}", plural(n as i64)),
        Lang::Vi => format!("đã gia hạn {n} lần"),
    }
}

fn plural(n: i64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// `validate` with nothing to report.
pub fn validate_ok(lang: Lang, directives: usize, files: usize, units: usize) -> String {
    match lang {
        Lang::En => format!(
            "ok: {directives} directive{} in {files} file{}, {units} unit{}",
            plural(directives as i64),
            plural(files as i64),
            plural(units as i64)
        ),
        Lang::Vi => format!("ok: {directives} nhiệm vụ trong {files} tệp, {units} đơn vị"),
    }
}

/// `validate` after listing problems: "12 problems in 3 files".
pub fn validate_failed(lang: Lang, problems: usize, files: usize) -> String {
    match lang {
        Lang::En => format!(
            "{} in {}",
            count(problems, "problem", "problems"),
            count(files, "file", "files")
        ),
        Lang::Vi => format!("{problems} lỗi trong {files} tệp"),
    }
}

/// `validate`'s count of warnings: "1 warning", "3 warnings".
pub fn warnings(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => count(n, "warning", "warnings"),
        Lang::Vi => format!("{n} cảnh báo"),
    }
}

/// "1 problem", "3 problems".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// What to do after `init`: the files made (`example` is the example file's path), then the
/// next commands.
pub fn init_next_steps(lang: Lang, dir: &str, example: &str) -> String {
    let w = example.len().max(".gitattributes".len()) + 2;
    let (made, config, example_note, attributes, next, validate, list, share) = match lang {
        Lang::En => (
            "Created a dondoc workspace in",
            "settings and the units (edit the [[owner]] list)",
            "an example source with its directives (copy it for each meeting)",
            "lets git merge directive files with dondoc",
            "Next:",
            "check the files after editing them",
            "the directives by deadline",
            "to share it with other offices",
        ),
        Lang::Vi => (
            "Đã tạo không gian làm việc dondoc trong",
            "cài đặt và danh mục đơn vị (sửa danh sách [[owner]])",
            "một văn bản giao mẫu với các nhiệm vụ (chép ra cho mỗi cuộc họp)",
            "để git hợp nhất các tệp nhiệm vụ bằng dondoc",
            "Tiếp theo:",
            "kiểm tra các tệp sau khi sửa",
            "các nhiệm vụ theo thời hạn",
            "để chia sẻ với các cơ quan khác",
        ),
    };
    let validate_cmd = format!("dondoc --data {dir} validate");
    let list_cmd = format!("dondoc --data {dir} list");
    let share_cmd = format!("cd {dir} && git init && dondoc git-setup");
    let c = validate_cmd.len().max(share_cmd.len()) + 2;
    format!(
        "{made} {dir}:\n  {:<w$}{config}\n  {example:<w$}{example_note}\n  {:<w$}{attributes}\n\
         {next}\n  {validate_cmd:<c$}{validate}\n  {list_cmd:<c$}{list}\n  {share_cmd:<c$}{share}\n",
        "dondoc.toml", ".gitattributes"
    )
}

// `show`.

/// "Full name (id)", or the bare id when it is not registered.
pub fn unit(lang: Lang, id: &str, name: Option<&str>) -> String {
    match (lang, name) {
        (_, Some(name)) => format!("{name} ({id})"),
        (Lang::En, None) => format!("{id} (not in dondoc.toml)"),
        (Lang::Vi, None) => format!("{id} (không có trong dondoc.toml)"),
    }
}

pub fn not_writable(lang: Lang, reason: &str) -> String {
    match lang {
        Lang::En => format!("(file not writable until fixed: {reason})"),
        Lang::Vi => format!("(tệp không ghi được cho đến khi sửa: {reason})"),
    }
}

/// The time of a log entry, to the second: `2023-09-19 11:00:05 +07:00`, `19/09/2023 11:00:05`.
pub fn log_time(lang: Lang, e: &LogEntry) -> String {
    e.at.map_or_else(|| e.at_text().to_string(), |at| terms::date_time(lang, at))
}

/// What one log entry changed, one item per field. `extension`: the entry moved the deadline
/// later (in Vietnamese "gia hạn", else "điều chỉnh thời hạn").
pub fn log_changes(lang: Lang, e: &LogEntry, extension: bool) -> Vec<String> {
    let mut changes = Vec::new();
    if let Some(s) = e.status {
        changes.push(match lang {
            Lang::En => format!("status → {s}"),
            Lang::Vi => format!("{} → {}", terms::STATUS.1, status(lang, s)),
        });
    }
    if let Some(d) = e.deadline {
        changes.push(match lang {
            Lang::En => format!("deadline → {d}"),
            Lang::Vi => {
                let word = if extension {
                    terms::EXTENSION.1
                } else {
                    terms::DEADLINE_CHANGE.1
                };
                format!("{word} → {}", date(lang, d))
            }
        });
    }
    if let Some(d) = e.done_on {
        changes.push(match lang {
            Lang::En => format!("done_on → {d}"),
            Lang::Vi => format!("{} → {}", terms::DONE_ON.1, date(lang, d)),
        });
    }
    for field in e.cleared() {
        changes.push(match lang {
            Lang::En => format!("{field} removed"),
            Lang::Vi => format!("bỏ {}", terms::field_name(lang, field)),
        });
    }
    if let Some(n) = &e.note {
        changes.push(match lang {
            Lang::En => format!("note: {n}"),
            Lang::Vi => format!("{}: {n}", terms::NOTE.1),
        });
    }
    // Format 1.1: the entry's kind and the documents behind it, by their keys.
    if e.created {
        changes.push(lang.pick("created", "tạo mới").to_string());
    }
    if e.undo {
        changes.push(lang.pick("undo", "hoàn tác").to_string());
    }
    if e.reminder {
        changes.push(
            lang.pick("reminder sent", "đã gửi văn bản đôn đốc")
                .to_string(),
        );
    }
    for (key, value) in [
        (("reason", "lý do"), e.reason()),
        (("ref", "số văn bản"), e.reference()),
        (("approved_by", "người duyệt"), e.approved_by()),
    ] {
        if let Some(v) = value {
            changes.push(format!("{}: {v}", lang.pick(key.0, key.1)));
        }
    }
    changes
}

// Errors and warnings of the commands.

/// No directive has this id; `close` are ids that look like it, `broken` the files that could
/// not be read (it may be in one of them).
pub fn unknown_id(lang: Lang, id: &str, close: &[&str], broken: &[&str]) -> String {
    let hint = match (lang, close.is_empty()) {
        (_, true) => String::new(),
        (Lang::En, false) => format!(" (did you mean {}?)", close.join(", ")),
        (Lang::Vi, false) => format!(" (có phải {}?)", close.join(", ")),
    };
    let broken_hint = match (lang, broken) {
        (_, []) => String::new(),
        (Lang::En, [one]) => format!("; {one} could not be read: run dondoc validate"),
        (Lang::Vi, [one]) => format!("; không đọc được {one}: chạy dondoc validate"),
        (Lang::En, [first, ..]) => format!(
            "; {first} and {} more files could not be read: run dondoc validate",
            broken.len() - 1
        ),
        (Lang::Vi, [first, ..]) => format!(
            "; không đọc được {first} và {} tệp khác: chạy dondoc validate",
            broken.len() - 1
        ),
    };
    match lang {
        Lang::En => format!("no directive with id \"{id}\"{hint}{broken_hint}"),
        Lang::Vi => format!("không có nhiệm vụ nào mã \"{id}\"{hint}{broken_hint}"),
    }
}

/// `list` and `report` go on when some files have problems; they say so once.
pub fn problems_warning(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => format!(
            "warning: {}: run dondoc validate",
            count(n, "problem", "problems")
        ),
        Lang::Vi => format!("cảnh báo: có {n} lỗi trong các tệp: chạy dondoc validate"),
    }
}

/// One problem among the first ones, in `report`.
pub fn warning(lang: Lang, what: &str) -> String {
    match lang {
        Lang::En => format!("warning: {what}"),
        Lang::Vi => format!("cảnh báo: {what}"),
    }
}

pub fn more_problems(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => format!("warning: {n} more problems (see `dondoc validate`)"),
        Lang::Vi => format!("cảnh báo: còn {n} lỗi nữa (xem `dondoc validate`)"),
    }
}

pub fn invalid_status(lang: Lang, s: &str) -> String {
    let all = Status::ALL.map(Status::as_str).join(", ");
    match lang {
        Lang::En => format!("invalid status \"{s}\": use one of {all}"),
        Lang::Vi => format!("trạng thái \"{s}\" không hợp lệ: dùng một trong {all}"),
    }
}

pub fn invalid_timeliness(lang: Lang, s: &str) -> String {
    let all = Timeliness::ALL.map(Timeliness::as_str).join(", ");
    match lang {
        Lang::En => format!("invalid timeliness \"{s}\": use one of {all}"),
        Lang::Vi => format!("tình trạng thời hạn \"{s}\" không hợp lệ: dùng một trong {all}"),
    }
}

/// `--owner` names no unit; `by_name` is (name, id) of a unit whose name was given instead.
pub fn unknown_owner(lang: Lang, id: &str, by_name: Option<(&str, &str)>) -> String {
    match (lang, by_name) {
        (Lang::En, Some((name, oid))) => {
            format!("unknown owner \"{id}\" (the id of {name} is {oid})")
        }
        (Lang::En, None) => {
            format!("unknown owner \"{id}\" (see the [[owner]] ids in dondoc.toml)")
        }
        (Lang::Vi, Some((name, oid))) => {
            format!("không có đơn vị mã \"{id}\" (mã của {name} là {oid})")
        }
        (Lang::Vi, None) => {
            format!("không có đơn vị mã \"{id}\" (xem các mã [[owner]] trong dondoc.toml)")
        }
    }
}

pub fn unknown_group(lang: Lang, name: &str, groups: &[String]) -> String {
    let all = groups
        .iter()
        .map(|g| format!("\"{g}\""))
        .collect::<Vec<_>>()
        .join(", ");
    match lang {
        Lang::En => format!("unknown group \"{name}\": the groups are {all}"),
        Lang::Vi => format!("không có khối \"{name}\": các khối là {all}"),
    }
}

pub fn unknown_source(lang: Lang, source: &str, example: &str) -> String {
    match lang {
        Lang::En => format!(
            "no directive file matches --source \"{source}\" (give its path in the workspace, e.g. {example}, or its file name)"
        ),
        Lang::Vi => format!(
            "không có tệp nhiệm vụ nào khớp --source \"{source}\" (ghi đường dẫn trong thư mục dữ liệu, ví dụ {example}, hoặc tên tệp)"
        ),
    }
}

pub fn cannot_write_output(lang: Lang, e: &std::io::Error) -> String {
    match lang {
        Lang::En => format!("cannot write the output: {e}"),
        Lang::Vi => format!("không ghi ra được: {e}"),
    }
}

pub fn not_a_folder(lang: Lang, dir: &str) -> String {
    match lang {
        Lang::En => format!("{dir} is not a folder"),
        Lang::Vi => format!("{dir} không phải là thư mục"),
    }
}

// `set`.

pub fn nothing_to_set(lang: Lang) -> String {
    match lang {
        Lang::En => "nothing to set: give --status, --done-on, --deadline, --note or --done-ref \
             (--reason, --ref and --approved-by go with one of them)"
            .into(),
        Lang::Vi => "không có gì để đặt: hãy cho --status, --done-on, --deadline, --note hoặc \
             --done-ref (--reason, --ref và --approved-by đi kèm một trong số đó)"
            .into(),
    }
}

pub fn done_on_needs_done(lang: Lang, id: &str, s: Status) -> String {
    match lang {
        Lang::En => format!("--done-on needs --status done: \"{id}\" is {s}"),
        Lang::Vi => format!(
            "--done-on cần --status done: \"{id}\" đang ở trạng thái {}",
            status(lang, s)
        ),
    }
}

/// Asked for values a directive already has.
pub fn nothing_to_change(lang: Lang, id: &str, asked: &Change) -> String {
    let parts = asked_values(lang, asked);
    match lang {
        Lang::En => format!("nothing to change: \"{id}\" already has {parts}"),
        Lang::Vi => format!("không có gì thay đổi: \"{id}\" đã có {parts}"),
    }
}

/// `set` on several ids, none of which changes.
pub fn nothing_to_change_many(lang: Lang, ids: &[String], asked: &Change) -> String {
    let ids = ids.join(", ");
    let parts = asked_values(lang, asked);
    match lang {
        Lang::En => format!("nothing to change: {ids} already have {parts}"),
        Lang::Vi => format!("không có gì thay đổi: {ids} đã có {parts}"),
    }
}

/// `set` on several ids: one that already has the values asked for.
pub fn unchanged_one(lang: Lang, id: &str, asked: &Change) -> String {
    let parts = asked_values(lang, asked);
    match lang {
        Lang::En => format!("{id}: nothing to change, already {parts}"),
        Lang::Vi => format!("{id}: không có gì thay đổi, đã có {parts}"),
    }
}

pub fn done_fields_need_done(lang: Lang, id: &str, s: Status) -> String {
    match lang {
        Lang::En => format!("--done-on and --done-ref need --status done: \"{id}\" is {s}"),
        Lang::Vi => format!(
            "--done-on và --done-ref cần --status done: \"{id}\" đang ở trạng thái {}",
            status(lang, s)
        ),
    }
}

/// The values a `set` asked for: "status done, deadline 2023-10-31, that note" (also the
/// subject of its commit, in English).
pub fn asked_values(lang: Lang, asked: &Change) -> String {
    let none = |d: Option<NaiveDate>| {
        d.map_or_else(
            || lang.pick("none", terms::NONE.1).to_string(),
            |d| date(lang, d),
        )
    };
    let mut parts = Vec::new();
    if let Some(s) = asked.status {
        parts.push(format!("{} {}", tr_status_word(lang), status(lang, s)));
    }
    if let Some(d) = asked.deadline {
        parts.push(format!(
            "{} {}",
            lang.pick("deadline", terms::DEADLINE.1),
            none(d)
        ));
    }
    if let Some(d) = asked.done_on {
        parts.push(format!(
            "{} {}",
            lang.pick("done_on", terms::DONE_ON.1),
            none(d)
        ));
    }
    if asked.note.is_some() {
        parts.push(lang.pick("that note", "ghi chú đó").to_string());
    }
    if asked.done_ref.is_some() {
        parts.push(
            lang.pick("that done_ref", "văn bản hoàn thành đó")
                .to_string(),
        );
    }
    parts.join(", ")
}

pub(super) fn tr_status_word(lang: Lang) -> &'static str {
    lang.pick("status", terms::STATUS.1)
}

/// A refused or failed write of `set`.
pub fn not_changed(lang: Lang, id: &str, e: &crate::store::write::WriteError) -> String {
    let why = super::store::write_error(lang, e);
    match lang {
        Lang::En => format!("\"{id}\" not changed: {why}"),
        Lang::Vi => format!("\"{id}\" không được sửa: {why}"),
    }
}

/// Why a git step failed. git's own reason stays as git gave it (in English).
pub fn git_error(lang: Lang, e: &crate::git::GitError) -> String {
    use crate::git::GitError as G;
    match (lang, e) {
        (Lang::En, G::NotInstalled(why)) => format!("cannot run git ({why}): is git installed?"),
        (Lang::Vi, G::NotInstalled(why)) => {
            format!("không chạy được git ({why}): máy đã cài git chưa?")
        }
        (Lang::En, G::NotARepo(dir)) => format!("{} is not in a git repository", dir.display()),
        (Lang::Vi, G::NotARepo(dir)) => format!("{} không nằm trong kho git nào", dir.display()),
        (Lang::En, G::Timeout { args, secs }) => {
            format!("`git {args}` took longer than {secs} s and was stopped")
        }
        (Lang::Vi, G::Timeout { args, secs }) => {
            format!("`git {args}` chạy quá {secs} giây nên đã bị dừng")
        }
        (Lang::En, G::Failed { args, message }) => format!("`git {args}` failed: {message}"),
        (Lang::Vi, G::Failed { args, message }) => {
            format!("`git {args}` không thành công: {message}")
        }
        (Lang::En, G::NoOwnPath(why)) => {
            format!("cannot find the dondoc program's own path: {why}")
        }
        (Lang::Vi, G::NoOwnPath(why)) => {
            format!("không tìm được đường dẫn của chính chương trình dondoc: {why}")
        }
        (Lang::En, G::CannotWrite { path, reason }) => format!("cannot write {path}: {reason}"),
        (Lang::Vi, G::CannotWrite { path, reason }) => {
            format!("không ghi được {path}: {reason}")
        }
    }
}

/// Why a sync did not finish. git's own words (a reason, a conflict) stay as git gave them.
pub fn sync_problem(lang: Lang, p: &crate::git::sync::SyncProblem) -> String {
    use crate::git::sync::{NetworkCause as N, SyncFailure as F, SyncProblem as P};
    let vi = lang == Lang::Vi;
    match p {
        P::NotARepo if vi => "thư mục dữ liệu không nằm trong kho git: không có gì để đồng bộ (xem `git init` hoặc `git clone`)".into(),
        P::NotARepo => "the workspace is not in a git repository: nothing to sync (see `git init` or `git clone`)".into(),
        P::NoRemote if vi => "kho git chưa có kho chung để đồng bộ (thêm bằng `git remote add origin URL`)".into(),
        P::NoRemote => "the repository has no remote to sync with (add one with `git remote add origin URL`)".into(),
        P::Stopped { operation, files } => {
            let op = operation.as_str();
            match (lang, files.is_empty()) {
                (Lang::En, empty) => {
                    let list = if empty {
                        String::new()
                    } else {
                        format!(" (still conflicted: {})", files.join(", "))
                    };
                    format!(
                        "sync not started: a git {op} is stopped half-way in this repository{list}; \
                         finish it (fix each conflicted file, `git add` it, then `git {op} --continue`) \
                         or undo it with `git {op} --abort`, then sync again"
                    )
                }
                (Lang::Vi, empty) => {
                    let list = if empty {
                        String::new()
                    } else {
                        format!(" (còn xung đột: {})", files.join(", "))
                    };
                    format!(
                        "chưa đồng bộ: một lệnh git {op} đang dừng giữa chừng trong kho này{list}; \
                         hãy hoàn tất (sửa từng tệp xung đột, `git add` tệp đó, rồi `git {op} --continue`) \
                         hoặc hủy bằng `git {op} --abort`, rồi đồng bộ lại"
                    )
                }
            }
        }
        P::Network(n) => {
            let remote = &n.remote;
            let cause = match (&n.cause, vi) {
                (N::UnknownHost, false) => "the server's name is not known (no network?)".to_string(),
                (N::UnknownHost, true) => "không tìm thấy tên máy chủ (mất mạng?)".to_string(),
                (N::Refused, false) => "the server refused the connection".to_string(),
                (N::Refused, true) => "máy chủ từ chối kết nối".to_string(),
                (N::TimedOut, false) => "the connection timed out".to_string(),
                (N::TimedOut, true) => "kết nối quá thời gian chờ".to_string(),
                (N::AccessRefused, false) => {
                    "access was refused (check your key or password outside dondoc)".to_string()
                }
                (N::AccessRefused, true) => {
                    "bị từ chối truy cập (hãy kiểm tra khóa hoặc mật khẩu bên ngoài dondoc)".to_string()
                }
                (N::NoAnswer { secs }, false) => {
                    format!("no answer within {secs} s (network down?)")
                }
                (N::NoAnswer { secs }, true) => {
                    format!("không có phản hồi trong {secs} giây (mất mạng?)")
                }
                (N::RejectedTwice, false) => {
                    "the push was rejected twice: the remote keeps moving".to_string()
                }
                (N::RejectedTwice, true) => {
                    "bị từ chối hai lần: kho chung liên tục có thay đổi mới".to_string()
                }
                (N::Git(reason), _) => reason.clone(),
            };
            let head = match (n.push, vi) {
                (false, false) => format!("could not pull from {remote}"),
                (true, false) => format!("could not push to {remote}"),
                (false, true) => format!("không kéo về được từ {remote}"),
                (true, true) => format!("không đẩy lên được {remote}"),
            };
            let tail = match (n.committed_here, vi) {
                (false, false) => "nothing was changed",
                (true, false) => "your changes are committed here and go with the next sync",
                (false, true) => "chưa có gì thay đổi",
                (true, true) => {
                    "các thay đổi của bạn đã được commit ở máy này và sẽ gửi đi ở lần đồng bộ sau"
                }
            };
            format!("{head}: {cause}; {tail}")
        }
        P::Failed(f) => match (f, vi) {
            (F::Lock { path, reason }, false) => format!("cannot lock {path}: {reason}"),
            (F::Lock { path, reason }, true) => format!("không khóa được {path}: {reason}"),
            (F::Busy, false) => "another sync is running in this clone (another terminal, or the UI's S): nothing was changed; sync again when it has ended".into(),
            (F::Busy, true) => "một lần đồng bộ khác đang chạy trong bản sao này (terminal khác, hoặc phím S trong giao diện): chưa có gì thay đổi; hãy đồng bộ lại khi lần kia xong".into(),
            (F::StillConflicted(files), false) => format!(
                "sync not started: {} still conflicted from an earlier merge; fix it, then `git add` it (or `git checkout HEAD -- FILE` to take the committed version), and sync again",
                files.join(", ")
            ),
            (F::StillConflicted(files), true) => format!(
                "chưa đồng bộ: {} vẫn còn xung đột từ lần hợp nhất trước; hãy sửa, rồi `git add` (hoặc `git checkout HEAD -- FILE` để lấy bản đã commit), rồi đồng bộ lại",
                files.join(", ")
            ),
            (F::Status(reason), false) => format!("git status failed: {reason}"),
            (F::Status(reason), true) => format!("git status không thành công: {reason}"),
            (F::Broken { path, why }, false) => format!(
                "sync not started: {path}:{why}; finish the edit (or drop it with `git checkout -- {path}`), then sync again; nothing was changed"
            ),
            (F::Broken { path, why }, true) => format!(
                "chưa đồng bộ: {path}:{why}; hãy sửa xong tệp (hoặc bỏ sửa bằng `git checkout -- {path}`), rồi đồng bộ lại; chưa có gì thay đổi"
            ),
            (F::Undone(reason), false) => format!(
                "sync undone, the repository is exactly as it was before it (nothing lost): {reason}; fix what is named (or ask whoever pushed it to), then sync again"
            ),
            (F::Undone(reason), true) => format!(
                "đã hủy lần đồng bộ, kho git y như trước khi đồng bộ (không mất gì): {reason}; hãy sửa chỗ được nêu (hoặc nhờ người đã đẩy lên sửa), rồi đồng bộ lại"
            ),
            (F::Driver { configured }, false) => format!(
                "sync not started: git's merge driver for directive files {} and this program cannot stand in for it; run `dondoc git-setup` in the workspace, then sync again",
                if *configured { "does not run" } else { "is not set up" }
            ),
            (F::Driver { configured }, true) => format!(
                "chưa đồng bộ: bộ hợp nhất của git cho các tệp nhiệm vụ {} và chương trình này không thay thế được; hãy chạy `dondoc git-setup` trong thư mục dữ liệu, rồi đồng bộ lại",
                if *configured { "không chạy được" } else { "chưa được cài đặt" }
            ),
            (F::NoOwnPath(why), false) => {
                format!("cannot find the dondoc program's own path: {why}")
            }
            (F::NoOwnPath(why), true) => {
                format!("không tìm được đường dẫn của chính chương trình dondoc: {why}")
            }
            (F::Detached, false) => "not on a branch (detached HEAD): check out a branch first".into(),
            (F::Detached, true) => "không ở trên nhánh nào (detached HEAD): hãy chuyển sang một nhánh trước".into(),
            (F::Git(e), _) => git_error(lang, e),
        },
    }
}

/// `set` refusing a done date that cannot be true.
pub fn done_date_refused(lang: Lang, id: &str, e: &crate::store::edit::DoneDateError) -> String {
    let why = super::store::done_date_error(lang, e);
    match lang {
        Lang::En => format!("\"{id}\" not changed: {why}"),
        Lang::Vi => format!("\"{id}\" không được sửa: {why}"),
    }
}

pub fn rebased(lang: Lang, path: &str) -> String {
    match lang {
        Lang::En => {
            format!("{path} had changed on disk (other directives); the change was applied on top")
        }
        Lang::Vi => {
            format!("{path} đã đổi trên đĩa (các nhiệm vụ khác); thay đổi được áp dụng lên bản mới")
        }
    }
}

pub fn committed(lang: Lang, commit: &str) -> String {
    match lang {
        Lang::En => format!("committed {commit}"),
        Lang::Vi => format!("đã commit {commit}"),
    }
}

pub fn not_committed(lang: Lang, e: &str) -> String {
    match lang {
        Lang::En => format!("warning: saved but not committed: {e}"),
        Lang::Vi => format!("cảnh báo: đã lưu nhưng chưa commit được: {e}"),
    }
}

// `report`.

/// `format` is `xlsx` or `docx`: both write a binary file.
pub fn binary_needs_output(lang: Lang, format: &str) -> String {
    match lang {
        Lang::En => {
            format!("--format {format} writes a binary file: give it a name with --output FILE")
        }
        Lang::Vi => {
            format!("--format {format} ghi ra tệp nhị phân: hãy đặt tên tệp bằng --output TỆP")
        }
    }
}

pub fn building_workbook(lang: Lang) -> &'static str {
    lang.pick("building the workbook", "tạo tệp xlsx")
}

pub fn building_document(lang: Lang) -> &'static str {
    lang.pick("building the document", "tạo tệp docx")
}

pub fn compare_needs_period(lang: Lang) -> &'static str {
    lang.pick(
        "--compare needs a period (--month, --quarter or --from/--to)",
        "--compare cần một kỳ báo cáo (--month, --quarter hoặc --from/--to)",
    )
}

pub fn quiet_days_too_small(lang: Lang) -> &'static str {
    lang.pick(
        "--quiet-days must be at least 1",
        "--quiet-days phải từ 1 trở lên",
    )
}

pub fn cannot_write(lang: Lang, path: &str) -> String {
    match lang {
        Lang::En => format!("cannot write {path}"),
        Lang::Vi => format!("không ghi được {path}"),
    }
}

pub fn writing_report(lang: Lang) -> &'static str {
    lang.pick("writing the report", "ghi báo cáo")
}

// `sync` and `git-setup`.

/// A step of `sync`, on stderr while it runs.
pub fn sync_step(lang: Lang, step: &crate::git::sync::Step) -> String {
    match lang {
        Lang::En => step.to_string(),
        Lang::Vi => super::tui::sync_step(lang, step),
    }
}

/// The ids others changed, under the summary of `sync`.
pub fn sync_changed(lang: Lang, what: SyncChange, ids: &[String]) -> String {
    let word = match (lang, what) {
        (Lang::En, SyncChange::Updated) => "updated",
        (Lang::En, SyncChange::Added) => "added",
        (Lang::En, SyncChange::Removed) => "removed",
        (Lang::Vi, SyncChange::Updated) => "được cập nhật",
        (Lang::Vi, SyncChange::Added) => "được thêm",
        (Lang::Vi, SyncChange::Removed) => "bị xóa",
    };
    format!("  {word}: {}", ids.join(", "))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncChange {
    Updated,
    Added,
    Removed,
}

pub fn attributes_set(lang: Lang, path: &str, unchanged: bool) -> String {
    match (lang, unchanged) {
        (Lang::En, true) => format!("{path}: already routes *.toml to dondoc"),
        (Lang::En, false) => {
            format!("{path}: now routes *.toml to dondoc (commit it so every clone has it)")
        }
        (Lang::Vi, true) => format!("{path}: đã chuyển *.toml cho dondoc từ trước"),
        (Lang::Vi, false) => format!(
            "{path}: nay chuyển *.toml cho dondoc (hãy commit tệp này để mọi bản sao đều có)"
        ),
    }
}

pub fn driver_set(lang: Lang, driver: &str, repo: &str) -> String {
    match lang {
        Lang::En => format!("merge.dondoc.driver = {driver} (in {repo}/.git/config)"),
        Lang::Vi => format!("merge.dondoc.driver = {driver} (trong {repo}/.git/config)"),
    }
}

pub fn not_a_repo(lang: Lang, dir: &str) -> String {
    match lang {
        Lang::En => format!(
            "{dir} is not in a git repository: nothing to set up (run `git init` there, or clone the shared repository)"
        ),
        Lang::Vi => format!(
            "{dir} không nằm trong kho git: không có gì để cài (chạy `git init` ở đó, hoặc clone kho chung)"
        ),
    }
}

// `init` and `merge-driver`.

pub fn already_a_workspace(lang: Lang, dir: &str) -> String {
    match lang {
        Lang::En => {
            format!("{dir} already holds a dondoc.toml: not overwritten (use another folder)")
        }
        Lang::Vi => format!("{dir} đã có dondoc.toml: không ghi đè (hãy dùng thư mục khác)"),
    }
}

pub fn already_exists(lang: Lang, path: &str) -> String {
    match lang {
        Lang::En => format!("{path} already exists: not overwritten (use another folder)"),
        Lang::Vi => format!("{path} đã có: không ghi đè (hãy dùng thư mục khác)"),
    }
}

/// A time from the environment (`DONDOC_NOW`) that is not one.
pub fn not_a_time(lang: Lang, variable: &str, value: &str) -> String {
    match lang {
        Lang::En => format!("{variable}: \"{value}\" is not a time such as 2023-10-14T18:30:00Z"),
        Lang::Vi => {
            format!("{variable}: \"{value}\" không phải là thời điểm, ví dụ 2023-10-14T18:30:00Z")
        }
    }
}

pub fn cannot_create(lang: Lang, path: &str) -> String {
    match lang {
        Lang::En => format!("cannot create {path}"),
        Lang::Vi => format!("không tạo được {path}"),
    }
}

pub fn merge_unreadable(lang: Lang, path: &str) -> String {
    match lang {
        Lang::En => format!(
            "{path}: a version is not UTF-8 text, so it cannot be loaded; leaving git's conflict"
        ),
        Lang::Vi => format!(
            "{path}: có phiên bản không phải văn bản UTF-8 nên không đọc được; để nguyên xung đột của git"
        ),
    }
}

pub fn merge_refused(lang: Lang, path: &str, why: &str) -> String {
    match lang {
        Lang::En => {
            format!("{path}: {why}; leaving git's conflict")
        }
        Lang::Vi => {
            format!("{path}: {why}; để nguyên xung đột của git")
        }
    }
}

/// `dondoc new`, on stderr after the file's path: what to do next.
pub fn new_file_next(lang: Lang, path: &str) -> String {
    match lang {
        Lang::En => format!(
            "created {path}; add its directives with: dondoc add --source {path} --text … --owner …"
        ),
        Lang::Vi => format!(
            "đã tạo {path}; thêm nhiệm vụ bằng lệnh: dondoc add --source {path} --text … --owner …"
        ),
    }
}

/// `dondoc add`, on stderr after the ids: how many went where.
pub fn directives_added(lang: Lang, n: usize, path: &str) -> String {
    match lang {
        Lang::En => format!("{n} directive{} added to {path}", plural(n as i64)),
        Lang::Vi => format!("đã thêm {n} nhiệm vụ vào {path}"),
    }
}

/// `dondoc owner add`: the one line it prints.
pub fn owner_added(lang: Lang, id: &str, name: &str, group: &str) -> String {
    let group = if group.is_empty() { "—" } else { group };
    match lang {
        Lang::En => format!("{id}: unit \"{name}\" added to dondoc.toml ({group})"),
        Lang::Vi => format!("{id}: đã thêm đơn vị \"{name}\" vào dondoc.toml ({group})"),
    }
}

/// On stderr while a write waits for another dondoc's lock.
pub fn waiting_for_lock(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "dondoc: waiting for another dondoc to finish writing…",
        Lang::Vi => "dondoc: đang chờ một dondoc khác ghi xong…",
    }
}

/// `init` and `git-setup`: the `.gitignore` line.
pub fn gitignore_added(lang: Lang, path: &str) -> String {
    match lang {
        Lang::En => format!("{path}: now ignores dondoc's lock and temporary files"),
        Lang::Vi => format!("{path}: đã bỏ qua tệp khóa và tệp tạm của dondoc"),
    }
}

/// The summary of an import: "31 tasks; 28 with a lead unit, 3 to review; 22 with a deadline".
pub fn import_summary(lang: Lang, s: &crate::import::Summary) -> String {
    match lang {
        Lang::En => format!(
            "{} task{}; {} with a lead unit, {} to review; {} with a deadline",
            s.tasks,
            plural(s.tasks as i64),
            s.with_owner,
            s.to_review,
            s.with_deadline
        ),
        Lang::Vi => format!(
            "{} nhiệm vụ; {} có đơn vị chủ trì, {} cần xem lại; {} có thời hạn",
            s.tasks, s.with_owner, s.to_review, s.with_deadline
        ),
    }
}

/// Why an imported task needs a look.
pub fn import_flag(lang: Lang, f: &crate::import::Flag) -> String {
    use crate::import::Flag;
    match (lang, f) {
        (Lang::En, Flag::NoLead) => "no lead unit".into(),
        (Lang::Vi, Flag::NoLead) => "chưa có đơn vị chủ trì".into(),
        (Lang::En, Flag::UnknownLead(u)) => format!("unit not in the registry: {u}"),
        (Lang::Vi, Flag::UnknownLead(u)) => format!("đơn vị không có trong danh mục: {u}"),
        (Lang::En, Flag::UnknownSupport(u)) => {
            format!("coordinating unit not in the registry: {u}")
        }
        (Lang::Vi, Flag::UnknownSupport(u)) => {
            format!("đơn vị phối hợp không có trong danh mục: {u}")
        }
        (Lang::En, Flag::BadDeadline(d)) => format!("deadline not understood: {d}"),
        (Lang::Vi, Flag::BadDeadline(d)) => format!("không đọc được thời hạn: {d}"),
        (Lang::En, Flag::DoneWithoutDate) => {
            "done, with no date in the sheet: the import date is used".into()
        }
        (Lang::Vi, Flag::DoneWithoutDate) => {
            "đã hoàn thành nhưng không có ngày: lấy ngày nhập".into()
        }
    }
}

/// Labels of an import's review list.
pub fn import_review(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::En => (
            "To review",
            "Not made into tasks (check nothing is missing)",
        ),
        Lang::Vi => (
            "Cần xem lại",
            "Không thành nhiệm vụ (kiểm tra để không bỏ sót)",
        ),
    }
}

/// What a piece of a document that became no task was.
pub fn import_skip_kind(lang: Lang, k: crate::import::SkipKind) -> &'static str {
    use crate::import::SkipKind;
    match (lang, k) {
        (Lang::En, k) => k.as_str(),
        (Lang::Vi, SkipKind::Narrative) => "đánh giá, giới thiệu",
        (Lang::Vi, SkipKind::Heading) => "tiêu đề",
        (Lang::Vi, SkipKind::EmptyRow) => "dòng không có nội dung",
    }
}

pub fn done_ref_needs_done(lang: Lang, id: &str, s: Status) -> String {
    match lang {
        Lang::En => format!("--done-ref needs --status done: \"{id}\" is {s}"),
        Lang::Vi => format!(
            "--done-ref cần --status done: \"{id}\" đang ở trạng thái {}",
            status(lang, s)
        ),
    }
}

/// What a sync did besides the directives others changed: commits it sent, files that no
/// longer load (not "removed"), ids now held twice, what it set up by itself.
pub fn sync_extras(lang: Lang, o: &crate::git::sync::SyncOutcome) -> Vec<String> {
    let mut parts = Vec::new();
    if o.pushed_commits > 0 {
        parts.push(match lang {
            Lang::En => format!("{} commit(s) pushed", o.pushed_commits),
            Lang::Vi => format!("đã đẩy lên {} commit", o.pushed_commits),
        });
    }
    if !o.broken_files.is_empty() {
        let files = o.broken_files.join(", ");
        parts.push(match lang {
            Lang::En => format!("does not load now: {files}"),
            Lang::Vi => format!("tệp không đọc được sau khi đồng bộ: {files}"),
        });
    }
    if !o.duplicates.is_empty() {
        let dups = o.duplicates.join("; ");
        parts.push(match lang {
            Lang::En => format!("the same id twice, rename one (then `dondoc validate`): {dups}"),
            Lang::Vi => {
                format!("một mã dùng hai lần, hãy đổi một mã (rồi `dondoc validate`): {dups}")
            }
        });
    }
    if !o.restored.is_empty() {
        let ids = o.restored.join(", ");
        parts.push(match lang {
            Lang::En => {
                format!("kept although you deleted them, as others changed them meanwhile: {ids}")
            }
            Lang::Vi => format!("vẫn giữ dù bạn đã xóa, vì người khác vừa sửa: {ids}"),
        });
    }
    if o.driver_registered {
        parts.push(match lang {
            Lang::En => "git's merge driver for directive files was missing or did not run: this dondoc registered itself".to_string(),
            Lang::Vi => "bộ hợp nhất của git cho tệp nhiệm vụ chưa có hoặc không chạy được: đã đăng ký dondoc này".to_string(),
        });
    }
    parts
}

// `new`, `add`, `edit`, `owner add`.

pub fn needs_title(lang: Lang) -> &'static str {
    lang.pick(
        "--title: a meeting needs a title",
        "--title: cuộc họp cần có tên",
    )
}

pub fn needs_text(lang: Lang) -> &'static str {
    lang.pick(
        "--text: a directive needs a text",
        "--text: nhiệm vụ cần có nội dung",
    )
}

pub fn nothing_to_edit(lang: Lang) -> &'static str {
    lang.pick(
        "nothing to edit: give --text, --owner or --support",
        "không có gì để sửa: hãy cho --text, --owner hoặc --support",
    )
}

pub fn already_these_values(lang: Lang, id: &str) -> String {
    match lang {
        Lang::En => format!("nothing to change: \"{id}\" already has these values"),
        Lang::Vi => format!("không có gì thay đổi: \"{id}\" đã có đúng các giá trị này"),
    }
}

/// `edit --owner` named several units.
pub fn one_lead_unit(lang: Lang, value: &str, many: &[String]) -> String {
    let n = many.len();
    let ids = many.join(", ");
    match lang {
        Lang::En => format!(
            "--owner: one lead unit per directive, \"{value}\" names {n} ({ids}); \
             `dondoc add` writes a directive once per unit"
        ),
        Lang::Vi => format!(
            "--owner: mỗi nhiệm vụ một đơn vị chủ trì, \"{value}\" chỉ {n} đơn vị ({ids}); \
             `dondoc add` ghi mỗi đơn vị một nhiệm vụ"
        ),
    }
}

pub fn not_created(lang: Lang, e: &crate::store::write::WriteError) -> String {
    let why = super::store::write_error(lang, e);
    match lang {
        Lang::En => format!("not created: {why}"),
        Lang::Vi => format!("chưa tạo được: {why}"),
    }
}

pub fn not_added(lang: Lang, e: &crate::store::write::WriteError) -> String {
    let why = super::store::write_error(lang, e);
    match lang {
        Lang::En => format!("not added: {why}"),
        Lang::Vi => format!("chưa thêm được: {why}"),
    }
}

/// A unit named on the command line that is not registered.
pub fn unknown_unit(lang: Lang, option: &str, unknown: &str, id: &str, group: &str) -> String {
    match lang {
        Lang::En => format!(
            "{option}: unknown unit \"{unknown}\": not in dondoc.toml (give a unit id such as \
             {id}, or a group such as \"{group}\"; `dondoc owner add` adds a unit)"
        ),
        Lang::Vi => format!(
            "{option}: không có đơn vị \"{unknown}\" trong dondoc.toml (ghi mã đơn vị, ví dụ \
             {id}, hoặc tên khối, ví dụ \"{group}\"; `dondoc owner add` để thêm đơn vị)"
        ),
    }
}

pub fn several_sources(lang: Lang, value: &str, paths: &[&str]) -> String {
    let paths = paths.join(", ");
    match lang {
        Lang::En => format!(
            "--source \"{value}\" names several files ({paths}): give its path in the workspace"
        ),
        Lang::Vi => format!(
            "--source \"{value}\" khớp nhiều tệp ({paths}): hãy ghi đường dẫn trong thư mục dữ liệu"
        ),
    }
}

pub fn no_such_source(lang: Lang, value: &str) -> String {
    match lang {
        Lang::En => format!(
            "--source: no meeting file \"{value}\" in the workspace (create one with `dondoc new`)"
        ),
        Lang::Vi => format!(
            "--source: không có tệp cuộc họp \"{value}\" trong thư mục dữ liệu (tạo bằng `dondoc new`)"
        ),
    }
}

pub fn cannot_read_stdin(lang: Lang, e: &std::io::Error) -> String {
    match lang {
        Lang::En => format!("--text -: cannot read stdin: {e}"),
        Lang::Vi => format!("--text -: không đọc được đầu vào chuẩn (stdin): {e}"),
    }
}

// `dondoc remind`.

pub fn remind_whom(lang: Lang) -> &'static str {
    lang.pick(
        "say whom to remind: --owner ID, --group NAME or --all",
        "cần chỉ rõ đôn đốc đơn vị nào: --owner MÃ, --group TÊN_KHỐI hoặc --all",
    )
}

pub fn reply_by_before(lang: Lang, reply_by: NaiveDate, today: NaiveDate) -> String {
    match lang {
        Lang::En => format!("--reply-by {reply_by} is before the letter's date {today}"),
        Lang::Vi => format!(
            "--reply-by {} trước ngày của văn bản {}",
            date(lang, reply_by),
            date(lang, today)
        ),
    }
}

/// Nothing overdue or due soon for `who` (a unit or a group; `None`: any unit).
pub fn nothing_to_remind(lang: Lang, today: NaiveDate, who: Option<&str>) -> String {
    match lang {
        Lang::En => format!(
            "no directive is overdue or due soon on {today} for {}: no letter to send",
            who.unwrap_or("any unit")
        ),
        Lang::Vi => format!(
            "{} có nhiệm vụ quá hạn hoặc sắp đến hạn vào ngày {}: không có văn bản đôn đốc nào cần gửi",
            who.map_or("không đơn vị nào".to_string(), |w| format!("{w} không")),
            date(lang, today)
        ),
    }
}

/// "2 directives", "2 nhiệm vụ".
pub fn directives(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => count(n, terms::DIRECTIVE.0, terms::DIRECTIVES.0),
        Lang::Vi => format!("{n} {}", terms::DIRECTIVES.1),
    }
}

pub fn remind_dry_run(lang: Lang) -> &'static str {
    lang.pick(
        "dry run: no letter written, no log entry",
        "chạy thử: không ghi văn bản nào, không ghi nhật ký",
    )
}

pub fn building_letter(lang: Lang) -> &'static str {
    lang.pick("building the letter", "tạo văn bản đôn đốc")
}

/// The letter was written but its log entries were not.
pub fn reminder_not_logged(lang: Lang, path: &str, reason: &str) -> String {
    match lang {
        Lang::En => format!("{path} written, but the reminder was not logged: {reason}"),
        Lang::Vi => {
            format!("đã ghi {path}, nhưng chưa ghi được việc đôn đốc vào nhật ký: {reason}")
        }
    }
}

/// A user config file dondoc cannot use: where and what is wrong (`path:line:col: …`).
pub fn config_problem(lang: Lang, e: &crate::config::ConfigError) -> String {
    use crate::config::{ConfigError as E, ConfigProblem as P};
    use crate::model::ProblemKind as K;
    use std::io::ErrorKind;
    // What the workspace's files can get wrong too is said in the loader's words.
    let file = |k: K| super::store::problem_kind(lang, &k);
    match e {
        E::Unreadable {
            path,
            kind,
            message,
        } => {
            let why = match kind {
                ErrorKind::PermissionDenied => {
                    lang.pick("permission denied", "không có quyền đọc tệp")
                }
                ErrorKind::IsADirectory => lang.pick("it is a folder", "đây là một thư mục"),
                _ => message.as_str(),
            };
            match lang {
                Lang::En => format!("cannot read {}: {why}", path.display()),
                Lang::Vi => format!("không đọc được {}: {why}", path.display()),
            }
        }
        E::Invalid {
            path,
            line,
            col,
            problem,
        } => {
            let what = match problem {
                P::InvalidUtf8 => file(K::InvalidUtf8),
                P::Syntax(m) => file(K::TomlSyntax(m.clone())),
                P::NotAString { key, found } => file(K::NotAString {
                    what: key.to_string(),
                    found: *found,
                }),
                P::NotABoolean { key, found } => file(K::NotABoolean {
                    what: key.to_string(),
                    found: *found,
                }),
                P::NotATable { key, found } => file(K::NotATable {
                    what: key.to_string(),
                    found: *found,
                }),
                P::UnknownKey { key, allowed } => {
                    let allowed = allowed.join(", ");
                    match lang {
                        Lang::En => format!(
                            "unknown key \"{key}\" in the config file (expected one of: {allowed})"
                        ),
                        Lang::Vi => format!(
                            "khóa \"{key}\" không hợp lệ trong tệp cấu hình (các khóa dùng được: {allowed})"
                        ),
                    }
                }
                P::UnknownLang(l) => match lang {
                    Lang::En => format!("lang must be \"en\" or \"vi\", found \"{l}\""),
                    Lang::Vi => format!("lang phải là \"en\" hoặc \"vi\", nhưng lại là \"{l}\""),
                },
            };
            format!("{}:{line}:{col}: {what}", path.display())
        }
    }
}

/// A user config file dondoc cannot use, and what happens then: the run stops (nothing is
/// done), and without the file dondoc runs with its defaults.
pub fn config_error(lang: Lang, e: &crate::config::ConfigError) -> String {
    let problem = config_problem(lang, e);
    match lang {
        Lang::En => format!(
            "{problem}\nthe user config file is broken, so dondoc stops here: correct the file, or delete it to run with the defaults"
        ),
        Lang::Vi => format!(
            "{problem}\ntệp cấu hình của người dùng bị lỗi nên dondoc dừng tại đây: hãy sửa tệp, hoặc xóa tệp để chạy với thiết lập mặc định"
        ),
    }
}

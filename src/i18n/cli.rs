//! Strings of the command line that people read (table headers, `show` labels, summaries).
//! Error messages stay in English, like the core's, so they can be searched for.

use super::Lang;
use crate::model::{Status, Timeliness};

/// Column headers of `list`: id, deadline, status, timeliness, owner, text.
pub fn list_headers(lang: Lang) -> [&'static str; 6] {
    match lang {
        Lang::En => ["id", "deadline", "status", "timeliness", "owner", "text"],
        Lang::Vi => ["mã", "hạn", "trạng thái", "tiến độ", "chủ trì", "nội dung"],
    }
}

pub fn status(lang: Lang, s: Status) -> &'static str {
    match lang {
        Lang::En => s.as_str(),
        Lang::Vi => match s {
            Status::Open => "chưa làm",
            Status::InProgress => "đang làm",
            Status::Blocked => "vướng mắc",
            Status::Done => "hoàn thành",
            Status::Cancelled => "hủy",
        },
    }
}

pub fn timeliness(lang: Lang, t: Timeliness) -> &'static str {
    match lang {
        Lang::En => t.as_str(),
        Lang::Vi => match t {
            Timeliness::Overdue => "quá hạn",
            Timeliness::DueSoon => "sắp đến hạn",
            Timeliness::OnTrack => "trong hạn",
            Timeliness::Ongoing => "thường xuyên",
            Timeliness::OnTime => "đúng hạn",
            Timeliness::Late => "trễ hạn",
            Timeliness::None => "—",
        },
    }
}

/// Labels of `show`, padded to one width by the caller.
pub struct ShowLabels {
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
            source: "Source",
            file: "File",
            issued_by: "Issued by",
            lead: "Lead unit",
            support: "Support",
            deadline: "Deadline",
            status: "Status",
            done_on: "Done on",
            note: "Note",
            log: "Log",
            no_log: "no log entries",
            none: "—",
        },
        Lang::Vi => ShowLabels {
            source: "Nguồn",
            file: "Tệp",
            issued_by: "Người chỉ đạo",
            lead: "Chủ trì",
            support: "Phối hợp",
            deadline: "Thời hạn",
            status: "Trạng thái",
            done_on: "Ngày xong",
            note: "Ghi chú",
            log: "Nhật ký",
            no_log: "chưa có nhật ký",
            none: "—",
        },
    }
}

/// How far a deadline is, as of today: `days` = deadline − today (negative when past).
pub fn days_to_deadline(lang: Lang, days: i64) -> String {
    match (lang, days) {
        (Lang::En, 0) => "due today".into(),
        (Lang::En, 1) => "due tomorrow".into(),
        (Lang::En, d) if d > 0 => format!("in {d} days"),
        (Lang::En, -1) => "1 day overdue".into(),
        (Lang::En, d) => format!("{} days overdue", -d),
        (Lang::Vi, 0) => "đến hạn hôm nay".into(),
        (Lang::Vi, d) if d > 0 => format!("còn {d} ngày"),
        (Lang::Vi, d) => format!("quá hạn {} ngày", -d),
    }
}

/// How a done directive met its deadline: `days` = done_on − deadline.
pub fn done_against_deadline(lang: Lang, days: i64) -> String {
    match (lang, days) {
        (Lang::En, 0) => "done on the deadline".into(),
        (Lang::En, d) if d > 0 => format!("done {d} day{} late", plural(d)),
        (Lang::En, d) => format!("done {} day{} early", -d, plural(-d)),
        (Lang::Vi, 0) => "xong đúng ngày hạn".into(),
        (Lang::Vi, d) if d > 0 => format!("xong trễ {d} ngày"),
        (Lang::Vi, d) => format!("xong sớm {} ngày", -d),
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
        Lang::Vi => format!("ok: {directives} chỉ đạo trong {files} tệp, {units} đơn vị"),
    }
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
            "một nguồn mẫu với các chỉ đạo (chép ra cho mỗi cuộc họp)",
            "để git hợp nhất các tệp chỉ đạo bằng dondoc",
            "Tiếp theo:",
            "kiểm tra các tệp sau khi sửa",
            "các chỉ đạo theo thời hạn",
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
            Lang::Vi => "bộ hợp nhất của git cho tệp chỉ đạo chưa có hoặc không chạy được: đã đăng ký dondoc này".to_string(),
        });
    }
    parts
}

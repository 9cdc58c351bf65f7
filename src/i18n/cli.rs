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

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

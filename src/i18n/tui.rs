//! Every string of the terminal UI, in English and Vietnamese.
//!
//! A [`Text`] is an (English, Vietnamese) pair; [`tr`] picks one. Strings with numbers or
//! names are functions here, so word order can differ between the languages.

use super::Lang;
use crate::dates::DateError as DeadlineError;
use crate::model::{Status, Timeliness};
use crate::query::Sort;
use crate::store::write::WriteError;
use chrono::NaiveDate;

/// (English, Vietnamese).
pub type Text = (&'static str, &'static str);

pub fn tr(lang: Lang, text: Text) -> &'static str {
    lang.pick(text.0, text.1)
}

pub const ALL_UNITS: Text = ("All units", "Tất cả đơn vị");
pub const UNITS: Text = ("Units", "Đơn vị");
pub const DIRECTIVES: Text = ("Directives", "Chỉ đạo");
pub const AS_OF: Text = ("as of", "tính đến");
pub const NO_DIRECTIVES: Text = ("No directives here.", "Không có chỉ đạo nào.");
pub const NO_MATCH: Text = (
    "No directive matches. Esc clears the search and filter.",
    "Không có chỉ đạo nào khớp. Esc để bỏ tìm kiếm và bộ lọc.",
);
pub const SUPPORT_MARK: Text = ("(support) ", "(phối hợp) ");
pub const COL_DEADLINE: Text = ("Deadline", "Thời hạn");
pub const COL_WHEN: Text = ("Due", "Hạn");
pub const COL_STATUS: Text = ("Status", "Trạng thái");
pub const COL_ID: Text = ("Id", "Mã");
pub const COL_UNIT: Text = ("Lead unit", "Chủ trì");
pub const COL_TEXT: Text = ("Directive", "Nội dung chỉ đạo");
pub const NO_DEADLINE: Text = ("none", "không");
pub const TODAY: Text = ("today", "hôm nay");
pub const DONE_LATE: Text = ("done late", "xong trễ hạn");
pub const SEARCH: Text = ("Search", "Tìm");
pub const FILTER: Text = ("Filter", "Lọc");
pub const SORT: Text = ("Sort", "Sắp xếp");
pub const TAB_TO_UNITS: Text = ("Tab: units", "Tab: đơn vị");

// Detail.
pub const DETAIL: Text = ("Directive", "Chỉ đạo");
pub const SOURCE: Text = ("Source", "Nguồn");
pub const FILE: Text = ("File", "Tệp");
pub const ISSUED_BY: Text = ("Issued by", "Người chỉ đạo");
pub const LEAD: Text = ("Lead", "Chủ trì");
pub const SUPPORT: Text = ("Support", "Phối hợp");
pub const DEADLINE: Text = ("Deadline", "Thời hạn");
pub const STATUS: Text = ("Status", "Trạng thái");
pub const DONE_ON: Text = ("Done on", "Hoàn thành ngày");
pub const TIMELINESS: Text = ("Timeliness", "Tiến độ");
pub const NOTE: Text = ("Note", "Ghi chú");
pub const LOG: Text = ("Log", "Nhật ký");
pub const NO_LOG: Text = ("(no entries)", "(chưa có)");
pub const CLEARED: Text = ("removed", "bỏ");
pub const BROKEN_FILE: Text = (
    "This file is broken and will not be written",
    "Tệp này bị lỗi, dondoc sẽ không ghi vào",
);

// Popups and prompts.
pub const HELP_TITLE: Text = ("Keys", "Phím");
pub const HELP_CLOSE: Text = ("Esc, q or ? closes", "Esc, q hoặc ? để đóng");
pub const LEGEND: Text = ("Symbols", "Ký hiệu");
pub const CURRENT: Text = ("current", "hiện tại");
pub const FILTER_NONE: Text = ("No filter (show all)", "Không lọc (hiện tất cả)");
pub const FILTER_TITLE: Text = ("Show only", "Chỉ hiện");
pub const DEADLINE_HINT: Text = (
    "YYYY-MM-DD, DD/MM/YYYY, +N (days from the as-of date), or - for none",
    "YYYY-MM-DD, DD/MM/YYYY, +N (số ngày kể từ hôm nay), hoặc - nếu không có hạn",
);
pub const NOTE_HINT: Text = (
    "Enter saves (empty: no note), Ctrl-E opens $EDITOR, Esc cancels",
    "Enter để lưu (để trống: không ghi chú), Ctrl-E mở $EDITOR, Esc để hủy",
);
pub const NOTHING_TO_CHANGE: Text = ("Nothing to change.", "Không có gì thay đổi.");
pub const NOTHING_TO_UNDO: Text = ("Nothing to undo.", "Không có gì để hoàn tác.");
pub const CHOOSE_DIRECTIVE: Text = (
    "Choose a directive first (Tab or l moves to the list).",
    "Hãy chọn một chỉ đạo trước (Tab hoặc l để sang danh sách).",
);
pub const RELOADING_FAILED: Text = ("Reload failed", "Tải lại không được");
pub const EDITOR_FAILED: Text = ("The editor failed", "Trình soạn thảo bị lỗi");
pub const NOT_SAVED: Text = ("not saved", "chưa lưu");
pub const SAVED: Text = ("Saved", "Đã lưu");
pub const UNDONE: Text = ("Undone", "Đã hoàn tác");
pub const REBASED: Text = (
    "the file had changed on disk; the edit was applied on top",
    "tệp đã đổi trên đĩa; thay đổi được áp dụng lên bản mới",
);
pub const ERROR_MARK: Text = ("Error", "Lỗi");

/// Help sections, by the mode their keys work in.
pub const MODE_EVERYWHERE: Text = ("Everywhere", "Mọi nơi");
pub const MODE_LIST: Text = ("Lists", "Danh sách");
pub const MODE_DETAIL: Text = ("Detail", "Chi tiết");
pub const MODE_STATUS: Text = ("Status picker", "Chọn trạng thái");
pub const MODE_FILTER: Text = ("Filter picker", "Chọn bộ lọc");
pub const MODE_INPUT: Text = (
    "Typing (note, deadline, search)",
    "Khi gõ (ghi chú, thời hạn, tìm kiếm)",
);
pub const MODE_SEARCH: Text = ("Search", "Tìm kiếm");
pub const MODE_HELP: Text = ("This help", "Trợ giúp này");

pub fn status_label(lang: Lang, s: Status) -> &'static str {
    tr(
        lang,
        match s {
            Status::Open => ("open", "chưa làm"),
            Status::InProgress => ("in progress", "đang làm"),
            Status::Blocked => ("blocked", "vướng mắc"),
            Status::Done => ("done", "hoàn thành"),
            Status::Cancelled => ("cancelled", "đã hủy"),
        },
    )
}

/// One cell, so status reads without colour. From the WGL4 set, which Linux console fonts have.
pub fn status_symbol(s: Status) -> &'static str {
    match s {
        Status::Open => "○",
        Status::InProgress => "►",
        Status::Blocked => "■",
        Status::Done => "√",
        Status::Cancelled => "–",
    }
}

pub fn timeliness_label(lang: Lang, t: Timeliness) -> &'static str {
    tr(
        lang,
        match t {
            Timeliness::Overdue => ("overdue", "quá hạn"),
            Timeliness::DueSoon => ("due soon", "sắp đến hạn"),
            Timeliness::OnTrack => ("on track", "trong hạn"),
            Timeliness::Ongoing => ("ongoing", "thường xuyên"),
            Timeliness::OnTime => ("done on time", "xong đúng hạn"),
            Timeliness::Late => ("done late", "xong trễ hạn"),
            Timeliness::None => ("cancelled", "đã hủy"),
        },
    )
}

/// For the title bar's totals.
pub fn timeliness_short(lang: Lang, t: Timeliness) -> &'static str {
    match t {
        Timeliness::OnTime => tr(lang, ("on time", "đúng hạn")),
        Timeliness::Late => tr(lang, ("late", "trễ hạn")),
        Timeliness::DueSoon => tr(lang, ("due soon", "sắp hạn")),
        _ => timeliness_label(lang, t),
    }
}

/// One cell, so timeliness reads without colour.
pub fn timeliness_symbol(t: Timeliness) -> &'static str {
    match t {
        Timeliness::Overdue => "‼",
        Timeliness::DueSoon => "!",
        Timeliness::OnTrack => "·",
        Timeliness::Ongoing => "∞",
        Timeliness::OnTime => "√",
        Timeliness::Late => "×",
        Timeliness::None => "–",
    }
}

/// A date as people of that language write it.
pub fn date(lang: Lang, d: NaiveDate) -> String {
    match lang {
        Lang::En => d.format("%Y-%m-%d").to_string(),
        Lang::Vi => d.format("%d/%m/%Y").to_string(),
    }
}

/// The deadline relative to the as-of date: "in 3 days", "5 days late", "còn 3 ngày".
pub fn relative(
    lang: Lang,
    t: Timeliness,
    deadline: Option<NaiveDate>,
    today: NaiveDate,
) -> String {
    match (t, deadline) {
        (Timeliness::Overdue, Some(d)) => {
            let n = (today - d).num_days();
            match lang {
                Lang::En if n == 1 => "1 day late".to_string(),
                Lang::En => format!("{n} days late"),
                Lang::Vi => format!("trễ {n} ngày"),
            }
        }
        (Timeliness::DueSoon | Timeliness::OnTrack, Some(d)) => {
            let n = (d - today).num_days();
            match lang {
                _ if n == 0 => tr(lang, TODAY).to_string(),
                Lang::En if n == 1 => "in 1 day".to_string(),
                Lang::En => format!("in {n} days"),
                Lang::Vi => format!("còn {n} ngày"),
            }
        }
        (t, _) => timeliness_label(lang, t).to_string(),
    }
}

pub fn sort_label(lang: Lang, s: Sort) -> &'static str {
    tr(
        lang,
        match s {
            Sort::Urgency => ("most urgent first", "gấp nhất trước"),
            Sort::Deadline => ("by deadline", "theo thời hạn"),
            Sort::Owner => ("by lead unit", "theo đơn vị chủ trì"),
            Sort::Id => ("by id", "theo mã"),
        },
    )
}

pub fn sorted_message(lang: Lang, s: Sort) -> String {
    match lang {
        Lang::En => format!("Sorted {}.", sort_label(lang, s)),
        Lang::Vi => format!("Đã sắp xếp {}.", sort_label(lang, s)),
    }
}

/// "12 open, 3 overdue" in the owners pane header and the title bar.
pub fn open_count(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => format!("{n} open"),
        Lang::Vi => format!("{n} chưa xong"),
    }
}

pub fn matches(lang: Lang, shown: usize, total: usize) -> String {
    match lang {
        Lang::En => format!("{shown} of {total}"),
        Lang::Vi => format!("{shown}/{total}"),
    }
}

pub fn status_prompt_title(lang: Lang, id: &str) -> String {
    match lang {
        Lang::En => format!("Status of {id}"),
        Lang::Vi => format!("Trạng thái của {id}"),
    }
}

pub fn note_prompt_title(lang: Lang, id: &str, status: Option<Status>) -> String {
    match (lang, status) {
        (Lang::En, Some(s)) => format!("{id} → {}: note (optional)", status_label(lang, s)),
        (Lang::Vi, Some(s)) => {
            format!("{id} → {}: ghi chú (không bắt buộc)", status_label(lang, s))
        }
        (Lang::En, None) => format!("Progress note for {id}"),
        (Lang::Vi, None) => format!("Ghi chú tiến độ cho {id}"),
    }
}

pub fn deadline_prompt_title(lang: Lang, id: &str, current: Option<NaiveDate>) -> String {
    let now = current.map_or_else(|| tr(lang, NO_DEADLINE).to_string(), |d| date(lang, d));
    match lang {
        Lang::En => format!("New deadline for {id} (now: {now})"),
        Lang::Vi => format!("Thời hạn mới cho {id} (hiện: {now})"),
    }
}

/// "1 problem", "3 problems".
fn en_count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn reloaded(lang: Lang, directives: usize, problems: usize) -> String {
    match lang {
        Lang::En => format!(
            "Reloaded: {}, {}.",
            en_count(directives, "directive", "directives"),
            en_count(problems, "problem", "problems")
        ),
        Lang::Vi => format!("Đã tải lại: {directives} chỉ đạo, {problems} lỗi."),
    }
}

pub fn problems_on_load(lang: Lang, n: usize, first: &str) -> String {
    match lang {
        Lang::En => {
            format!(
                "{} in the files (dondoc validate lists them); first: {first}",
                en_count(n, "problem", "problems")
            )
        }
        Lang::Vi => {
            format!("Có {n} lỗi trong các tệp (dondoc validate liệt kê); đầu tiên: {first}")
        }
    }
}

pub fn deadline_error(lang: Lang, e: &DeadlineError) -> String {
    match (lang, e) {
        (Lang::En, DeadlineError::Empty) => "Type a date, +N days, or - for none.".into(),
        (Lang::Vi, DeadlineError::Empty) => {
            "Hãy gõ một ngày, +N ngày, hoặc - nếu không có hạn.".into()
        }
        (Lang::En, DeadlineError::NotADate(s)) => {
            format!("\"{s}\" is not a date: use YYYY-MM-DD, DD/MM/YYYY or +N")
        }
        (Lang::Vi, DeadlineError::NotADate(s)) => {
            format!("\"{s}\" không phải là ngày: dùng YYYY-MM-DD, DD/MM/YYYY hoặc +N")
        }
        (Lang::En, DeadlineError::NoSuchDay(s)) => format!("{s} does not exist in the calendar"),
        (Lang::Vi, DeadlineError::NoSuchDay(s)) => format!("Không có ngày {s} trong lịch"),
        (Lang::En, DeadlineError::OutOfRange(s)) => {
            format!("{s} is too far from today to be a deadline")
        }
        (Lang::Vi, DeadlineError::OutOfRange(s)) => format!("{s} quá xa để làm thời hạn"),
    }
}

/// A refused or failed write, naming the file and the directive.
pub fn write_error(lang: Lang, id: &str, e: &WriteError) -> String {
    let vi = lang == Lang::Vi;
    let detail = match e {
        WriteError::ReadOnly { path } if vi => format!("{path}: tệp chỉ đọc, không ghi gì"),
        WriteError::Stale { path, by, .. } if vi => format!(
            "{path}: chỉ đạo đã bị sửa trên đĩa{} sau khi đọc; không ghi (đã tải lại để xem bản mới)",
            by.replacen(" by ", " bởi ", 1)
        ),
        WriteError::Gone { path, .. } if vi => format!("{path}: chỉ đạo không còn trong tệp; không ghi"),
        WriteError::Broken { path, reason } if vi => {
            format!("{path}: tệp bị lỗi ({reason}); hãy sửa tay trước")
        }
        WriteError::Io { path, source } if vi => format!("{path}: không ghi được: {source}"),
        WriteError::FolderReadOnly { path } if vi => {
            format!("{path}: thư mục chỉ đọc (không tạo được bản mới cạnh tệp); không ghi gì")
        }
        WriteError::Group { path, gid } if vi => format!(
            "{path}: không ghi: tệp thuộc nhóm {gid}, tài khoản này không gán được nhóm đó cho bản mới"
        ),
        WriteError::Cut { path, missing } if vi => format!(
            "{path}: không ghi: trên đĩa tệp thiếu {} nhiệm vụ đã đọc ({}); có thể chương trình khác đang lưu dở — kiểm tra rồi thử lại",
            missing.len(),
            missing.join(", ")
        ),
        WriteError::NewProblems { path, problem } if vi => {
            format!("{path}: không ghi: tệp trên đĩa có lỗi mới từ khi đọc ({problem})")
        }
        WriteError::Unsettled { path } if vi => {
            format!("{path}: không ghi: chương trình khác đang liên tục sửa tệp; hãy thử lại")
        }
        WriteError::Redirected { path } if vi => format!(
            "{path}: không ghi: tệp đã bị thay bằng liên kết từ khi đọc; dondoc không ghi qua liên kết"
        ),
        WriteError::Lock(crate::store::write::LockError::Busy { path, secs }) if vi => format!(
            "{path}: một dondoc khác vẫn đang ghi (đã chờ {secs} giây); không ghi gì — thử lại, hoặc tắt dondoc kia"
        ),
        other => other.to_string(),
    };
    format!("{id} {}: {detail}", tr(lang, NOT_SAVED))
}

/// What a change did, for the status line: "status in progress → done, note".
pub fn describe_change(
    lang: Lang,
    change: &crate::store::edit::Change,
    before: &crate::model::Directive,
) -> String {
    let day = |d: Option<NaiveDate>| {
        d.map_or_else(|| tr(lang, NO_DEADLINE).to_string(), |d| date(lang, d))
    };
    let mut parts = Vec::new();
    if let Some(s) = change.status {
        parts.push(format!(
            "{} {} → {}",
            tr(lang, ("status", "trạng thái")),
            status_label(lang, before.status),
            status_label(lang, s)
        ));
    }
    if let Some(d) = change.deadline {
        parts.push(format!(
            "{} {} → {}",
            tr(lang, ("deadline", "thời hạn")),
            day(before.deadline),
            day(d)
        ));
    }
    if let Some(Some(d)) = change.done_on {
        parts.push(format!(
            "{} {}",
            tr(lang, ("done on", "xong ngày")),
            date(lang, d)
        ));
    }
    if let Some(note) = &change.note {
        parts.push(match note {
            Some(_) => tr(lang, ("note", "ghi chú")).to_string(),
            None => tr(lang, ("note removed", "bỏ ghi chú")).to_string(),
        });
    }
    parts.join(", ")
}

// The dashboard and the as-of date.
pub const DASHBOARD: Text = ("Dashboard", "Bảng tổng hợp");
pub const MODE_DASHBOARD: Text = ("Dashboard", "Bảng tổng hợp");
pub const WORST_FIRST: Text = ("worst first", "yếu nhất trước");
pub const ALL_DIRECTIVES: Text = ("all directives", "tất cả chỉ đạo");
/// After the as-of date in the title bar when it is not the calendar's date.
pub const AS_OF_SET: Text = ("(set)", "(đã đặt)");
pub const AS_OF_HINT: Text = (
    "YYYY-MM-DD, DD/MM/YYYY, +N/-N days from the as-of date, or today",
    "YYYY-MM-DD, DD/MM/YYYY, +N/-N ngày so với ngày đang tính, hoặc hôm nay",
);
pub const DASH_UNIT: Text = ("Unit", "Đơn vị");
pub const DASH_COMPLETION: Text = ("% done", "% xong");
pub const DASH_ON_TIME_RATE: Text = ("% on time", "% đúng hạn");
pub const DASH_GROUP_TOTAL: Text = ("Group total", "Cộng khối");
pub const DASH_OVERALL: Text = ("Overall", "Tổng cộng");
pub const DASH_WITHIN: Text = ("within deadline", "trong hạn");
pub const DASH_RATE_NOTE: Text = (
    "% done = done / (done + overdue)",
    "% xong = đã xong / (đã xong + quá hạn)",
);

/// "as of 2023-10-15", with "(set)" when it is not the calendar's date.
pub fn as_of_label(lang: Lang, as_of: NaiveDate, set: bool) -> String {
    let mut s = format!("{} {}", tr(lang, AS_OF), date(lang, as_of));
    if set {
        s.push(' ');
        s.push_str(tr(lang, AS_OF_SET));
    }
    s
}

pub fn as_of_prompt_title(lang: Lang, current: NaiveDate) -> String {
    match lang {
        Lang::En => format!("As-of date for every figure (now: {})", date(lang, current)),
        Lang::Vi => format!("Ngày tính mọi số liệu (hiện: {})", date(lang, current)),
    }
}

pub fn as_of_changed(lang: Lang, as_of: NaiveDate, overdue: usize) -> String {
    match lang {
        Lang::En => format!("Figures as of {}: {overdue} overdue.", date(lang, as_of)),
        Lang::Vi => format!("Số liệu tính đến {}: {overdue} quá hạn.", date(lang, as_of)),
    }
}

pub fn as_of_error(lang: Lang, e: &DeadlineError) -> String {
    match (lang, e) {
        (Lang::En, DeadlineError::Empty) => "Type a date, +N or -N days, or today.".into(),
        (Lang::Vi, DeadlineError::Empty) => {
            "Hãy gõ một ngày, +N hoặc -N ngày, hoặc hôm nay.".into()
        }
        (Lang::En, DeadlineError::NotADate(s)) => {
            format!("\"{s}\" is not a date: use YYYY-MM-DD, DD/MM/YYYY, +N, -N or today")
        }
        (Lang::Vi, DeadlineError::NotADate(s)) => {
            format!("\"{s}\" không phải là ngày: dùng YYYY-MM-DD, DD/MM/YYYY, +N, -N hoặc hôm nay")
        }
        (Lang::En, DeadlineError::OutOfRange(s)) => format!("{s} is too far to be an as-of date"),
        (Lang::Vi, DeadlineError::OutOfRange(s)) => format!("{s} quá xa để làm ngày tính"),
        (_, DeadlineError::NoSuchDay(_)) => deadline_error(lang, e),
    }
}

pub fn unit_not_registered(lang: Lang, id: &str) -> String {
    match lang {
        Lang::En => format!("\"{id}\" is not a unit in dondoc.toml: it has no list to show"),
        Lang::Vi => format!("\"{id}\" không có trong danh mục đơn vị (dondoc.toml)"),
    }
}

// Live reload and git.

pub const SYNC_RUNNING: Text = (
    "A sync is already running.",
    "Đang đồng bộ, hãy chờ lần này xong.",
);
pub const SYNC_NOT_A_REPO: Text = (
    "The workspace is not in a git repository: nothing to sync (see `git init` or `git clone`).",
    "Thư mục dữ liệu không nằm trong kho git: không có gì để đồng bộ (xem `git init` hoặc `git clone`).",
);
pub const SYNC_STARTED: Text = ("Syncing…", "Đang đồng bộ…");
pub const CHANGED_BY_OTHERS: Text = (
    "• Changed by someone else since you opened the screen",
    "• Người khác đã sửa từ khi bạn mở màn hình",
);

/// The mark in a row, before the text: changed by others (not seen yet), in a broken file.
pub const CHANGED_MARK: &str = "• ";
pub const BROKEN_MARK: &str = "✗ ";

pub fn watch_failed(lang: Lang, e: &str) -> String {
    match lang {
        Lang::En => format!("Changes on disk are not followed ({e}); r reloads by hand."),
        Lang::Vi => format!("Không theo dõi được thay đổi trên đĩa ({e}); bấm r để tải lại."),
    }
}

pub fn committed(lang: Lang, hash: &str) -> String {
    match lang {
        Lang::En => format!("committed {hash}"),
        Lang::Vi => format!("đã commit {hash}"),
    }
}

pub fn commit_failed(lang: Lang, id: &str, e: &str) -> String {
    match lang {
        Lang::En => format!("{id} is saved, but the git commit failed: {e}"),
        Lang::Vi => format!("{id} đã lưu, nhưng commit git không được: {e}"),
    }
}

pub fn sync_step(lang: Lang, step: &crate::git::sync::Step) -> String {
    use crate::git::sync::Step;
    match (lang, step) {
        (Lang::En, _) => format!("Sync: {step}"),
        (Lang::Vi, Step::Committing(n)) => format!("Đồng bộ: đang commit {n} tệp…"),
        (Lang::Vi, Step::Pulling) => "Đồng bộ: đang kéo về (pull)…".into(),
        (Lang::Vi, Step::Pushing) => "Đồng bộ: đang đẩy lên (push)…".into(),
        (Lang::Vi, Step::Retrying) => "Đồng bộ: kho chung vừa thay đổi, kéo về lần nữa…".into(),
    }
}

/// Up to three ids, then how many more.
fn some_ids(ids: &[String]) -> String {
    let mut text = ids.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
    if ids.len() > 3 {
        text.push_str(&format!(", … (+{})", ids.len() - 3));
    }
    text
}

/// "3 directives updated: gb-…, gb-…; 1 added: …" after files changed on disk.
pub fn reload_summary(lang: Lang, s: &crate::watch::ReloadSummary) -> String {
    let mut parts = Vec::new();
    for (ids, en, vi) in [
        (&s.updated, "updated", "được cập nhật"),
        (&s.added, "added", "được thêm"),
        (&s.removed, "removed", "bị xóa"),
    ] {
        if ids.is_empty() {
            continue;
        }
        let n = ids.len();
        parts.push(match lang {
            Lang::En if n == 1 => format!("1 directive {en}: {}", some_ids(ids)),
            Lang::En => format!("{n} directives {en}: {}", some_ids(ids)),
            Lang::Vi => format!("{n} chỉ đạo {vi}: {}", some_ids(ids)),
        });
    }
    if s.config_changed {
        parts.insert(
            0,
            tr(lang, ("dondoc.toml changed", "dondoc.toml đã thay đổi")).to_string(),
        );
    }
    parts.join("; ")
}

/// `why` is the first problem of the file (`path:line:col: message`).
pub fn file_broken(lang: Lang, why: &str) -> String {
    match lang {
        Lang::En => format!(
            "a file no longer parses ({why}): its last good contents stay, marked ✗, and are not written"
        ),
        Lang::Vi => format!(
            "một tệp không đọc được nữa ({why}): vẫn hiện nội dung tốt gần nhất, đánh dấu ✗, và không ghi vào"
        ),
    }
}

/// How to get out of a rebase or merge left stopped.
pub fn operation_stopped(
    lang: Lang,
    op: crate::git::status::Operation,
    conflicted: &[String],
) -> String {
    let op = op.as_str();
    let files = if conflicted.is_empty() {
        "FILE".to_string()
    } else {
        conflicted.join(" ")
    };
    match lang {
        Lang::En => format!(
            "git {op} stopped: fix {files} by hand, then `git add {files} && git {op} --continue`; or `git {op} --abort` to undo"
        ),
        Lang::Vi => format!(
            "git {op} đang dừng: sửa tay {files}, rồi `git add {files} && git {op} --continue`; hoặc `git {op} --abort` để hủy"
        ),
    }
}

/// The detail of a directive in a conflicted file: the command that resolves it.
pub fn conflict_help(lang: Lang, op: Option<crate::git::status::Operation>, path: &str) -> String {
    let next = match op {
        Some(op) => format!("git {} --continue", op.as_str()),
        None => "git commit".to_string(),
    };
    let abort = op.map(|op| format!("git {} --abort", op.as_str()));
    match (lang, abort) {
        (Lang::En, Some(abort)) => format!(
            "⚠ Git conflict in this file: remove the conflict markers, then `git add {path} && {next}`, or `{abort}` to undo the pull"
        ),
        (Lang::En, None) => format!(
            "⚠ Git conflict in this file: remove the conflict markers, then `git add {path} && {next}`"
        ),
        (Lang::Vi, Some(abort)) => format!(
            "⚠ Tệp này bị xung đột git: xóa các dấu xung đột, rồi `git add {path} && {next}`, hoặc `{abort}` để hủy lần kéo về"
        ),
        (Lang::Vi, None) => format!(
            "⚠ Tệp này bị xung đột git: xóa các dấu xung đột, rồi `git add {path} && {next}`"
        ),
    }
}

/// What a sync did, or why it stopped, in one line.
pub fn sync_summary(lang: Lang, o: &crate::git::sync::SyncOutcome) -> String {
    use crate::git::sync::SyncProblem;
    if lang == Lang::En {
        return o.summary();
    }
    if let Some(p) = &o.problem {
        return match p {
            SyncProblem::NotARepo => tr(lang, SYNC_NOT_A_REPO).to_string(),
            SyncProblem::NoRemote => {
                "Kho git chưa có kho chung để đồng bộ (thêm bằng `git remote add origin URL`)"
                    .to_string()
            }
            SyncProblem::Stopped { operation, files } => {
                format!(
                    "Đồng bộ dừng giữa chừng: {}",
                    operation_stopped(lang, *operation, files)
                )
            }
            // git's own words: one sentence in English.
            SyncProblem::Network(s) | SyncProblem::Failed(s) => {
                format!("Đồng bộ không được: {s}")
            }
        };
    }
    let mut parts = Vec::new();
    if !o.committed.is_empty() {
        parts.push(format!("đã commit {} tệp", o.committed.len()));
    }
    for (ids, what) in [
        (&o.updated_by_others, "được người khác cập nhật"),
        (&o.added_by_others, "được người khác thêm"),
        (&o.removed_by_others, "bị người khác xóa"),
    ] {
        if !ids.is_empty() {
            parts.push(format!("{} chỉ đạo {what}", ids.len()));
        }
    }
    if parts.is_empty() {
        parts.push("đã cập nhật, không có gì mới".to_string());
    }
    let mut line = format!("Đã đồng bộ: {}", parts.join(", "));
    if !o.skipped.is_empty() {
        line.push_str(&format!(
            "; chưa commit (tệp lỗi): {}",
            o.skipped.join(", ")
        ));
    }
    line
}

/// The title bar's git part: long ("main · 2 uncommitted · ↑2 ↓1 · ⚠ 1 conflicted · rebase
/// stopped") and short ("main ±2 ↑2 ↓1 ⚠1 rebase").
pub fn git_title(lang: Lang, s: &crate::git::status::GitStatus) -> [String; 2] {
    let branch = s
        .branch
        .clone()
        .unwrap_or_else(|| tr(lang, ("(no branch)", "(không nhánh)")).to_string());
    let mut long = vec![branch.clone()];
    let mut short = vec![branch];
    if s.changed_files > 0 {
        long.push(match lang {
            Lang::En => format!("{} uncommitted", s.changed_files),
            Lang::Vi => format!("{} tệp chưa commit", s.changed_files),
        });
        short.push(format!("±{}", s.changed_files));
    }
    if s.ahead > 0 || s.behind > 0 {
        let ab = match (s.ahead, s.behind) {
            (a, 0) => format!("↑{a}"),
            (0, b) => format!("↓{b}"),
            (a, b) => format!("↑{a} ↓{b}"),
        };
        long.push(ab.clone());
        short.push(ab);
    }
    if !s.conflicted.is_empty() {
        let n = s.conflicted.len();
        long.push(match lang {
            Lang::En => format!("⚠ {n} conflicted"),
            Lang::Vi => format!("⚠ {n} xung đột"),
        });
        short.push(format!("⚠{n}"));
    }
    if let Some(op) = s.operation {
        long.push(match lang {
            Lang::En => format!("{} stopped", op.as_str()),
            Lang::Vi => format!("{} đang dừng", op.as_str()),
        });
        short.push(op.as_str().to_string());
    }
    [long.join(" · "), short.join(" ")]
}

/// After a write that landed on a newer version of its file.
pub fn others_changed(lang: Lang, ids: &[String]) -> String {
    match lang {
        Lang::En => format!("changed by others meanwhile: {}", some_ids(ids)),
        Lang::Vi => format!("người khác vừa sửa: {}", some_ids(ids)),
    }
}

/// A prompt's edit refused: the directive changed on disk while the prompt was open.
pub fn changed_while_open(
    lang: Lang,
    id: &str,
    changed: &crate::store::changes::EditedSince,
) -> String {
    let fields = changed.fields.join(", ");
    match (lang, &changed.by) {
        (Lang::En, Some(by)) => format!(
            "{id} not saved: {by} changed it ({fields}) while the prompt was open; the new version shows — Enter saves your text over it"
        ),
        (Lang::En, None) => format!(
            "{id} not saved: it was changed on disk ({fields}) while the prompt was open; the new version shows — Enter saves your text over it"
        ),
        (Lang::Vi, Some(by)) => format!(
            "{id} chưa lưu: {by} đã sửa ({fields}) khi ô nhập đang mở; bản mới đang hiện — Enter để lưu nội dung của bạn đè lên"
        ),
        (Lang::Vi, None) => format!(
            "{id} chưa lưu: tệp đã bị sửa ({fields}) khi ô nhập đang mở; bản mới đang hiện — Enter để lưu nội dung của bạn đè lên"
        ),
    }
}

/// An undo refused: the field no longer holds what the undone edit wrote.
pub fn undo_moved(lang: Lang, moved: &crate::store::undo::Moved) -> String {
    let by = moved.by.as_deref();
    match (lang, by) {
        (Lang::En, Some(by)) => format!(
            "{}: not undone: {by} changed {} since; their change stays",
            moved.id, moved.field
        ),
        (Lang::En, None) => format!(
            "{}: not undone: {} was changed since; that change stays",
            moved.id, moved.field
        ),
        (Lang::Vi, Some(by)) => format!(
            "{}: không hoàn tác: {by} đã sửa {} sau đó; giữ thay đổi của họ",
            moved.id, moved.field
        ),
        (Lang::Vi, None) => format!(
            "{}: không hoàn tác: {} đã bị sửa sau đó; giữ thay đổi đó",
            moved.id, moved.field
        ),
    }
}

/// A done date that cannot be true, refused.
pub fn done_date_error(lang: Lang, e: &crate::store::edit::DoneDateError) -> String {
    use crate::store::edit::DoneDateError as E;
    match (lang, e) {
        (Lang::En, e) => e.to_string(),
        (Lang::Vi, E::AfterToday { done, today }) => format!(
            "ngày hoàn thành {} sau ngày chốt số liệu {}: không thể báo hoàn thành vào ngày chưa đến",
            date(lang, *done),
            date(lang, *today)
        ),
        (Lang::Vi, E::BeforeSource { done, given }) => format!(
            "ngày hoàn thành {} trước ngày {} của cuộc họp giao nhiệm vụ: không thể hoàn thành trước khi được giao",
            date(lang, *done),
            date(lang, *given)
        ),
    }
}

#[cfg(test)]
mod count_tests {
    use super::*;

    #[test]
    fn one_problem_is_one_problem() {
        assert_eq!(
            problems_on_load(Lang::En, 1, "a.toml:1:1: x"),
            "1 problem in the files (dondoc validate lists them); first: a.toml:1:1: x"
        );
        assert_eq!(
            reloaded(Lang::En, 1, 2),
            "Reloaded: 1 directive, 2 problems."
        );
    }
}

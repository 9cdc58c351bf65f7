//! Every string of the terminal UI, in English and Vietnamese.
//!
//! A [`Text`] is an (English, Vietnamese) pair; [`tr`] picks one. Strings with numbers or
//! names are functions here, so word order can differ between the languages.

use super::terms::{self, head};
use super::Lang;
use crate::dates::DateError as DeadlineError;
use crate::model::{Status, Timeliness};
use crate::query::Sort;
use crate::store::write::WriteError;
use chrono::NaiveDate;

pub use super::terms::Text;

pub fn tr(lang: Lang, text: Text) -> &'static str {
    lang.pick(text.0, text.1)
}

pub const ALL_UNITS: Text = ("All units", "Tất cả đơn vị");
pub const UNITS: Text = ("Units", "Đơn vị");
pub const DIRECTIVES: Text = head::DIRECTIVES;
pub const AS_OF: Text = ("as of", "tính đến");
pub const NO_DIRECTIVES: Text = ("No directives here.", "Không có nhiệm vụ nào.");
pub const NO_MATCH: Text = (
    "No directive matches. Esc clears the search and filter.",
    "Không có nhiệm vụ nào khớp. Esc để bỏ tìm kiếm và bộ lọc.",
);
pub const SUPPORT_MARK: Text = ("(support) ", "(phối hợp) ");
pub const COL_DEADLINE: Text = head::DEADLINE;
/// Over the timeliness in words; the Vietnamese label is as wide as its widest value.
pub const COL_WHEN: Text = ("Due", head::TIMELINESS.1);
pub const COL_STATUS: Text = head::STATUS;
pub const COL_ID: Text = ("Id", "Mã");
/// A narrow column: "Chủ trì" stands for "Đơn vị chủ trì".
pub const COL_UNIT: Text = ("Lead unit", "Chủ trì");
pub const COL_TEXT: Text = ("Directive", "Nội dung");
pub const NO_DEADLINE: Text = terms::NONE;
pub const TODAY: Text = terms::TODAY;
pub const SEARCH: Text = ("Search", "Tìm");
pub const FILTER: Text = ("Filter", "Lọc");
pub const SORT: Text = ("Sort", "Sắp xếp");
pub const TAB_TO_UNITS: Text = ("Tab: units", "Tab: đơn vị");

// Detail.
pub const DETAIL: Text = head::DIRECTIVE;
pub const SOURCE: Text = head::SOURCE;
pub const FILE: Text = head::FILE;
pub const ISSUED_BY: Text = head::ISSUED_BY;
pub const LEAD: Text = head::LEAD_UNIT;
pub const SUPPORT: Text = head::SUPPORT_UNITS;
pub const DEADLINE: Text = head::DEADLINE;
pub const STATUS: Text = head::STATUS;
pub const DONE_ON: Text = head::DONE_ON;
pub const TIMELINESS: Text = head::TIMELINESS;
pub const NOTE: Text = head::NOTE;
pub const LOG: Text = head::LOG;
pub const NO_LOG: Text = ("(no entries)", "(chưa có)");
pub const CLEARED: Text = ("removed", "bỏ");
pub const BROKEN_FILE: Text = (
    "This file is broken and will not be written",
    "Tệp này bị lỗi, dondoc sẽ không ghi vào",
);

// Popups and prompts.
pub const HELP_TITLE: Text = head::KEYS;
pub const HELP_CLOSE: Text = ("Esc, q or ? closes", "Esc, q hoặc ? để đóng");
pub const LEGEND: Text = ("Symbols", "Ký hiệu");
pub const CURRENT: Text = ("current", "hiện tại");
pub const FILTER_NONE: Text = ("No filter (show all)", "Không lọc (hiện tất cả)");
pub const FILTER_TITLE: Text = ("Show only", "Chỉ hiện");
pub const DEADLINE_HINT: Text = (
    "YYYY-MM-DD, DD/MM/YYYY, +N (days from the as-of date), or - for none",
    "YYYY-MM-DD, DD/MM/YYYY, +N (số ngày kể từ ngày chốt số liệu), hoặc - nếu không có hạn",
);
pub const NOTE_HINT: Text = (
    "Enter saves (empty: no note), Ctrl-E opens $EDITOR, Esc cancels",
    "Enter để lưu (để trống: không ghi chú), Ctrl-E mở $EDITOR, Esc để hủy",
);
pub const NOTHING_TO_CHANGE: Text = ("Nothing to change.", "Không có gì thay đổi.");
pub const NOTHING_TO_UNDO: Text = ("Nothing to undo.", "Không có gì để hoàn tác.");
pub const CHOOSE_DIRECTIVE: Text = (
    "Choose a directive first (Tab or l moves to the list).",
    "Hãy chọn một nhiệm vụ trước (Tab hoặc l để sang danh sách).",
);
pub const RELOADING_FAILED: Text = head::RELOAD_FAILED;
/// The terminal could not be put in the UI's mode.
pub fn cannot_set_up_terminal(lang: Lang) -> &'static str {
    lang.pick(
        "cannot set up the terminal",
        "không thiết lập được màn hình dòng lệnh",
    )
}

/// The note's editor ended with an error: its command and its exit code (none: a signal).
pub fn editor_exited(lang: Lang, command: &str, code: Option<i32>) -> String {
    match (lang, code) {
        (Lang::En, Some(c)) => format!("{command} exited with code {c}"),
        (Lang::En, None) => format!("{command} was stopped by a signal"),
        (Lang::Vi, Some(c)) => format!("{command} kết thúc với mã lỗi {c}"),
        (Lang::Vi, None) => format!("{command} bị dừng bởi tín hiệu"),
    }
}

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
    tr(lang, terms::status(s))
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
    tr(lang, terms::timeliness(t))
}

/// For the title bar's totals when the full words do not fit. Vietnamese has no shorter
/// word that an office would not misread ("quá hạn" alone is overdue), so it keeps the terms.
pub fn timeliness_short(lang: Lang, t: Timeliness) -> &'static str {
    match (lang, t) {
        (Lang::En, Timeliness::OnTrack) => "on track",
        (Lang::En, Timeliness::OnTime) => "on time",
        (Lang::En, Timeliness::Late) => "late",
        // "HT", as in the units pane's "chưa HT": done on time, done late.
        (Lang::Vi, Timeliness::OnTime) => "HT đúng hạn",
        (Lang::Vi, Timeliness::Late) => "HT quá hạn",
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
    terms::date(lang, d)
}

/// `dondoc` without a terminal (a pipe, a cron job).
pub fn needs_a_terminal(lang: Lang) -> &'static str {
    lang.pick(
        "the screen needs a terminal; for a list use `dondoc list`, for an edit `dondoc set`",
        "màn hình cần một terminal; để xem danh sách dùng `dondoc list`, để sửa dùng `dondoc set`",
    )
}

/// "Không tải lại được: …" when the workspace itself cannot be read.
pub fn reload_failed(lang: Lang, e: &crate::store::LoadError) -> String {
    format!(
        "{}: {}",
        tr(lang, RELOADING_FAILED),
        super::store::load_error(lang, e)
    )
}

/// A loader's problem: `path:line:col: what is wrong`.
pub fn problem(lang: Lang, p: &crate::model::Problem) -> String {
    super::store::problem(lang, p)
}

pub fn problem_kind(lang: Lang, k: &crate::model::ProblemKind) -> String {
    super::store::problem_kind(lang, k)
}

/// A log time, to the second.
pub fn date_time(lang: Lang, t: chrono::DateTime<chrono::FixedOffset>) -> String {
    terms::date_time(lang, t)
}

/// The widest [`relative`] a list column has to hold: the words of the timeliness shown as
/// words, and a deadline a thousand days away either side.
pub fn relative_width(lang: Lang) -> usize {
    use unicode_width::UnicodeWidthStr;
    let today = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap_or_default();
    let far = [
        (Timeliness::Overdue, today - chrono::Days::new(1006)),
        (Timeliness::OnTrack, today + chrono::Days::new(1006)),
    ]
    .map(|(t, d)| relative(lang, t, Some(d), today).width());
    [
        Timeliness::Ongoing,
        Timeliness::OnTime,
        Timeliness::Late,
        Timeliness::None,
    ]
    .iter()
    .map(|t| timeliness_label(lang, *t).width())
    .chain(far)
    .max()
    .unwrap_or(0)
}

/// The deadline relative to the as-of date: "in 3 days", "5 days late", "quá hạn 5 ngày".
pub fn relative(
    lang: Lang,
    t: Timeliness,
    deadline: Option<NaiveDate>,
    today: NaiveDate,
) -> String {
    match (t, deadline) {
        (Timeliness::Overdue, Some(d)) => match (lang, (today - d).num_days()) {
            // The list's column is narrow: English keeps its short form there.
            (Lang::En, 1) => "1 day late".to_string(),
            (Lang::En, n) => format!("{n} days late"),
            (Lang::Vi, n) => terms::days_overdue(lang, n),
        },
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
        Lang::Vi => format!("{n} chưa hoàn thành"),
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
        Lang::Vi => format!("Đã tải lại: {directives} nhiệm vụ, {problems} lỗi."),
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
        (Lang::Vi, DeadlineError::NoSuchDay(s)) => format!("Ngày {s} không tồn tại"),
        (Lang::En, DeadlineError::OutOfRange(s)) => {
            // Also the answer to --today, --as-of, --from: not only deadlines.
            format!("{s} is too far from today: use a date between the years 1900 and 2200")
        }
        (Lang::Vi, DeadlineError::OutOfRange(s)) => {
            format!("{s} quá xa so với hôm nay: dùng một ngày trong khoảng năm 1900 đến 2200")
        }
    }
}

/// A refused or failed write, naming the file and the directive.
pub fn write_error(lang: Lang, id: &str, e: &WriteError) -> String {
    format!(
        "{id} {}: {}",
        tr(lang, NOT_SAVED),
        super::store::write_error(lang, e)
    )
}

/// A field of a directive by its key in the file: "done_on" is "done on", "ngày hoàn thành".
pub fn field_name(lang: Lang, key: &str) -> String {
    terms::field_name(lang, key)
}

/// Before the new deadline in the log: "Deadline", or in Vietnamese "Gia hạn" for an
/// extension and "Điều chỉnh thời hạn" for another change.
pub fn deadline_change_label(lang: Lang, extension: bool) -> String {
    match (lang, extension) {
        (Lang::En, _) => head::DEADLINE.0.to_string(),
        (Lang::Vi, true) => terms::heading(terms::EXTENSION.1),
        (Lang::Vi, false) => terms::heading(terms::DEADLINE_CHANGE.1),
    }
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
            terms::deadline_change_word(lang, before.deadline, d),
            day(before.deadline),
            day(d)
        ));
    }
    if let Some(Some(d)) = change.done_on {
        parts.push(format!("{} {}", tr(lang, terms::DONE_ON), date(lang, d)));
    }
    if let Some(note) = &change.note {
        parts.push(match note {
            Some(_) => tr(lang, ("note", "ghi chú")).to_string(),
            None => tr(lang, ("note removed", "bỏ ghi chú")).to_string(),
        });
    }
    if change.text.is_some() {
        parts.push(tr(lang, ("text", "nội dung")).to_string());
    }
    if let Some(o) = &change.owner {
        parts.push(format!(
            "{} {} → {o}",
            tr(lang, ("lead unit", "đơn vị chủ trì")),
            before.owner
        ));
    }
    if let Some(list) = &change.support {
        let list = if list.is_empty() {
            tr(lang, ("none", "không")).to_string()
        } else {
            list.join(", ")
        };
        parts.push(format!(
            "{} → {list}",
            tr(lang, ("coordinating units", "đơn vị phối hợp"))
        ));
    }
    if let Some(Some(_)) = &change.done_ref {
        parts.push(tr(lang, ("report", "văn bản báo cáo")).to_string());
    }
    parts.join(", ")
}

// The dashboard and the as-of date.
pub const DASHBOARD: Text = ("Dashboard", "Bảng tổng hợp");
pub const MODE_DASHBOARD: Text = ("Dashboard", "Bảng tổng hợp");
pub const WORST_FIRST: Text = ("worst first", "yếu nhất trước");
pub const ALL_DIRECTIVES: Text = ("all directives", "tất cả nhiệm vụ");
/// After the as-of date in the title bar when it is not the calendar's date.
pub const AS_OF_SET: Text = ("(set)", "(đã đặt)");
pub const AS_OF_HINT: Text = (
    "YYYY-MM-DD, DD/MM/YYYY, +N/-N days from the as-of date, or today",
    "YYYY-MM-DD, DD/MM/YYYY, +N/-N ngày so với ngày chốt số liệu, hoặc hôm nay",
);
pub const DASH_UNIT: Text = head::UNIT;
/// The legend's entry for the total column (Σ).
pub const DASH_TOTAL: Text = ("total", "tổng số");
pub const DASH_COMPLETION: Text = ("% done", "% hoàn thành");
pub const DASH_ON_TIME_RATE: Text = ("% on time", "% đúng hạn");
pub const DASH_GROUP_TOTAL: Text = ("Group total", "Cộng khối");
pub const DASH_OVERALL: Text = ("Overall", "Tổng cộng");
pub const DASH_WITHIN: Text = terms::timeliness(Timeliness::OnTrack);
pub const DASH_RATE_NOTE: Text = (
    "% done = done / (done + overdue)",
    "% hoàn thành = đã hoàn thành / (đã hoàn thành + quá hạn)",
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
        Lang::Vi => format!("Ngày chốt số liệu (hiện: {})", date(lang, current)),
    }
}

pub fn as_of_changed(lang: Lang, as_of: NaiveDate, overdue: usize) -> String {
    match lang {
        Lang::En => format!("Figures as of {}: {overdue} overdue.", date(lang, as_of)),
        Lang::Vi => format!(
            "Số liệu tính đến {}: {overdue} nhiệm vụ quá hạn.",
            date(lang, as_of)
        ),
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
        (Lang::Vi, DeadlineError::OutOfRange(s)) => {
            format!("{s} quá xa để làm ngày chốt số liệu")
        }
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
    "Đang đồng bộ, hãy chờ lần đồng bộ này kết thúc.",
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
        Lang::Vi => format!("{id} đã lưu, nhưng không commit được vào git: {e}"),
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
            Lang::Vi => format!("{n} nhiệm vụ {vi}: {}", some_ids(ids)),
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
            SyncProblem::Network(_) | SyncProblem::Failed(_) => format!(
                "{}: {}",
                tr(lang, head::SYNC_FAILED),
                super::cli::sync_problem(lang, p)
            ),
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
            parts.push(format!("{} nhiệm vụ {what}", ids.len()));
        }
    }
    parts.extend(super::cli::sync_extras(lang, o));
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
            Lang::En if s.changed_files == 1 => "1 change not sent".to_string(),
            Lang::En => format!("{} changes not sent", s.changed_files),
            Lang::Vi => format!("{} thay đổi chưa gửi", s.changed_files),
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

pub const COPY_OFF: Text = (
    "Copying is off (osc52 = false in the config file)",
    "Đã tắt sao chép (osc52 = false trong tệp cấu hình)",
);

pub fn copied(lang: Lang, id: &str) -> String {
    let id = crate::term_text::one_line(id);
    match lang {
        Lang::En => format!("Copied {id} to the clipboard"),
        Lang::Vi => format!("Đã sao chép {id}"),
    }
}

/// A deadline in the list: "30/09", with the year only when it is not the as-of date's.
pub fn short_date(d: NaiveDate, as_of: NaiveDate) -> String {
    use chrono::Datelike;
    if d.year() == as_of.year() {
        d.format("%d/%m").to_string()
    } else {
        d.format("%d/%m/%Y").to_string()
    }
}

/// How far the deadline is, in few cells beside its date and symbol: "15d late", "in 3d",
/// "15 ngày" (overdue: the `‼` says so), "còn 3 ngày"; empty once done, cancelled or ongoing.
pub fn relative_short(
    lang: Lang,
    t: Timeliness,
    deadline: Option<NaiveDate>,
    today: NaiveDate,
) -> String {
    match (t, deadline) {
        (Timeliness::Overdue, Some(d)) => {
            let n = (today - d).num_days();
            match lang {
                Lang::En => format!("{n}d late"),
                Lang::Vi => format!("{n} ngày"),
            }
        }
        (Timeliness::DueSoon | Timeliness::OnTrack, Some(d)) => {
            let n = (d - today).num_days();
            match lang {
                _ if n == 0 => tr(lang, TODAY).to_string(),
                Lang::En => format!("in {n}d"),
                Lang::Vi => format!("còn {n} ngày"),
            }
        }
        // Ongoing: the `∞` and the missing date say it.
        _ => String::new(),
    }
}

/// The status in one short word, after its symbol.
pub fn status_short(lang: Lang, s: Status) -> &'static str {
    tr(
        lang,
        match s {
            Status::Open => ("open", "chưa làm"),
            Status::InProgress => ("doing", "đang làm"),
            Status::Blocked => ("blocked", "vướng"),
            Status::Done => ("done", "xong"),
            Status::Cancelled => ("dropped", "hủy"),
        },
    )
}

/// The list's column of deadlines and how far they are.
pub const COL_DEADLINE_WHEN: Text = ("Deadline", "Thời hạn");

/// What the list's title counts: "23 open of 36".
pub fn list_count(lang: Lang, open: usize, total: usize) -> String {
    match lang {
        Lang::En => format!("{open} open of {total}"),
        Lang::Vi => format!("{open} chưa HT / {total}"),
    }
}

/// "as of 15/10/2023": the date every figure on the screen counts at.
pub fn as_of_short(lang: Lang, as_of: NaiveDate) -> String {
    let date = as_of.format("%d/%m/%Y");
    match lang {
        Lang::En => format!("as of {date}"),
        Lang::Vi => format!("số liệu đến {date}"),
    }
}

/// The units pane's header: what each row's two numbers count.
pub const UNITS_HEADER: Text = ("open · overdue", "chưa HT · quá hạn");

/// The log's heading in the detail.
pub const LOG_NEWEST_FIRST: Text = ("Log, newest first", "Nhật ký, mới nhất trước");

/// The deadline with its history: "30/09/2023 → 31/10/2023, gia hạn 1 lần".
pub fn deadline_history(
    lang: Lang,
    first: Option<Option<NaiveDate>>,
    current: Option<NaiveDate>,
    extensions: usize,
) -> String {
    let show = |d: Option<NaiveDate>| {
        d.map_or_else(|| tr(lang, NO_DEADLINE).to_string(), |d| date(lang, d))
    };
    let mut s = match first {
        Some(first) if first != current => format!("{} → {}", show(first), show(current)),
        _ => show(current),
    };
    if extensions > 0 {
        s.push_str(&match lang {
            Lang::En if extensions == 1 => ", extended once".to_string(),
            Lang::En => format!(", extended {extensions} times"),
            Lang::Vi => format!(", gia hạn {extensions} lần"),
        });
    }
    s
}

// Entering and reshaping directives from the keyboard: the editor, the forms, marks.

pub const KEY_BACKSPACE: Text = (
    "delete the character before the cursor",
    "xóa ký tự trước con trỏ",
);
pub const KEY_DELETE: Text = (
    "delete the character under the cursor",
    "xóa ký tự tại con trỏ",
);
pub const KEY_DELETE_WORD: Text = ("delete the word before the cursor", "xóa từ trước con trỏ");
pub const KEY_LEFT: Text = ("cursor left", "con trỏ sang trái");
pub const KEY_RIGHT: Text = ("cursor right", "con trỏ sang phải");
pub const KEY_HOME: Text = ("start of the line", "về đầu dòng");
pub const KEY_END: Text = ("end of the line", "về cuối dòng");
pub const PASTE_IGNORED: Text = (
    "Pasted text ignored: open a prompt first (n note, d deadline, / search)",
    "Đã bỏ qua nội dung dán: hãy mở ô nhập trước (n ghi chú, d thời hạn, / tìm)",
);
pub const KEY_NEW_DIRECTIVE: Text = (
    "a new directive in this meeting",
    "thêm nhiệm vụ vào cuộc họp này",
);
pub const KEY_NEW_MEETING: Text = (
    "a new meeting: title, date, number, issuer",
    "tạo cuộc họp mới: tiêu đề, ngày, số văn bản, cơ quan ban hành",
);
pub const HINT_ADD: Text = ("add", "thêm");
pub const KEY_NEXT_FIELD: Text = ("next field", "ô tiếp theo");
pub const KEY_PREV_FIELD: Text = ("previous field", "ô trước");
pub const HINT_NEXT_FIELD: Text = ("next field", "ô sau");
pub const KEY_FORM_ENTER: Text = (
    "units: take or give back the highlighted row; elsewhere: save (Alt-Enter, Ctrl-J: a new line in the text)",
    "đơn vị: chọn hoặc bỏ dòng đang sáng; ô khác: lưu (Alt-Enter, Ctrl-J: xuống dòng trong nội dung)",
);
pub const HINT_FORM_ENTER: Text = ("choose/save", "chọn/lưu");
pub const KEY_SAVE_FORM: Text = ("save the form", "lưu biểu mẫu");
pub const HINT_SAVE: Text = ("save", "lưu");
pub const KEY_FORM_DOWN: Text = (
    "units: next match; text: next line",
    "đơn vị: dòng dưới; nội dung: dòng dưới",
);
pub const KEY_FORM_UP: Text = (
    "units: previous match; text: previous line",
    "đơn vị: dòng trên; nội dung: dòng trên",
);
pub const KEY_FORM_ESC: Text = (
    "close the form (asks first when something was typed)",
    "đóng biểu mẫu (hỏi lại nếu đã nhập)",
);
pub const HINT_CANCEL: Text = ("cancel", "hủy");
pub const KEY_YES: Text = ("yes", "đồng ý");
pub const KEY_NO: Text = ("no, back", "không, quay lại");
pub const HINT_YES: Text = ("yes", "có");
pub const HINT_NO: Text = ("no", "không");
pub const MODE_FORM: Text = (
    "Forms (new directive, new meeting)",
    "Biểu mẫu (nhiệm vụ mới, cuộc họp mới)",
);
pub const MODE_QUESTION: Text = ("Questions", "Câu hỏi");
pub const FORM_NEEDS_TEXT: Text = ("A directive needs a text", "Nhiệm vụ cần có nội dung");
pub const FORM_NEEDS_LEAD: Text = (
    "Choose the lead unit: type part of its name, then Enter",
    "Chọn đơn vị chủ trì: gõ một phần tên rồi nhấn Enter",
);
pub const FORM_NEEDS_TITLE: Text = ("A meeting needs a title", "Cuộc họp cần có tiêu đề");
pub const CHOOSE_MEETING: Text = (
    "Choose a directive of the meeting first, or create a meeting with N",
    "Hãy chọn một nhiệm vụ của cuộc họp, hoặc tạo cuộc họp mới bằng N",
);
pub const FORM_NEW_DIRECTIVE: Text = ("New directive", "Nhiệm vụ mới");
pub const FORM_NEW_MEETING: Text = ("New meeting", "Cuộc họp mới");
pub const FIELD_TEXT: Text = ("Text", "Nội dung");
pub const FIELD_LEAD: Text = ("Lead unit(s)", "Đơn vị chủ trì");
pub const FIELD_SUPPORT: Text = ("Coordinating", "Đơn vị phối hợp");
pub const FIELD_DEADLINE: Text = ("Deadline", "Thời hạn");
pub const FIELD_ISSUER: Text = ("Issued by", "Người chỉ đạo");
pub const FIELD_NOTE: Text = ("Note", "Ghi chú");
pub const FIELD_ID: Text = ("Id", "Mã");
pub const FIELD_TITLE: Text = ("Title", "Tiêu đề");
pub const FIELD_DATE: Text = ("Date", "Ngày họp");
pub const FIELD_NUMBER: Text = ("Document no.", "Số văn bản");
pub const FIELD_MEETING_ISSUER: Text = ("Issuer", "Cơ quan ban hành");
pub const DEADLINE_EMPTY_HINT: Text = ("empty: ongoing", "để trống: thường xuyên");
pub const WHOLE_GROUP: Text = ("all", "cả nhóm");
pub const DISCARD_FORM: Text = (
    "Discard what was typed? y: discard, n: back to the form",
    "Bỏ nội dung đã nhập? y: bỏ, n: quay lại biểu mẫu",
);
pub const FORM_FILE: Text = ("File", "Tệp");

/// The id typed is used already.
pub fn id_used(lang: Lang, id: &str, path: &str) -> String {
    match lang {
        Lang::En => format!("id \"{id}\" is already used ({path})"),
        Lang::Vi => format!("mã \"{id}\" đã được dùng ({path})"),
    }
}

/// After `a`: the ids written and the file.
pub fn created_directives(lang: Lang, ids: &[String], path: &str) -> String {
    match lang {
        Lang::En => format!("Added {} ({path})", some_ids(ids)),
        Lang::Vi => format!("Đã thêm {} ({path})", some_ids(ids)),
    }
}

/// After `N`.
pub fn meeting_created(lang: Lang, path: &str) -> String {
    match lang {
        Lang::En => format!("Created {path}: press a to add its directives"),
        Lang::Vi => format!("Đã tạo {path}: nhấn a để thêm nhiệm vụ"),
    }
}
pub const LOG_CREATED: Text = ("created", "tạo mới");
pub const LOG_UNDO: Text = ("undo", "hoàn tác");
pub const LOG_DONE_REF: Text = ("report", "văn bản báo cáo");
pub const LOG_REASON: Text = ("reason", "lý do");
pub const LOG_REF: Text = ("document", "văn bản");
pub const LOG_APPROVED_BY: Text = ("approved by", "người duyệt");
pub const FIELD_REQUEST_DOC: Text = ("document", "văn bản (đề nghị, quyết định)");
pub const FIELD_DONE_ON: Text = ("done on", "ngày hoàn thành");
pub const FIELD_DECIDED_BY: Text = ("decided by", "người quyết định");
pub const KEY_PROMPT_TAB: Text = (
    "the optional fields: why, document, approved by; done date and report",
    "các ô tùy chọn: lý do, văn bản, người duyệt; ngày hoàn thành, văn bản báo cáo",
);
pub const HINT_MORE: Text = ("more", "thêm");
pub const KEY_EDIT_TEXT: Text = (
    "edit the directive's text (logged)",
    "sửa nội dung nhiệm vụ (ghi nhật ký)",
);
pub const KEY_EDIT_OWNER: Text = (
    "change the lead unit (logged)",
    "đổi đơn vị chủ trì (ghi nhật ký)",
);
pub const KEY_EDIT_SUPPORT: Text = (
    "change the coordinating units (logged)",
    "đổi đơn vị phối hợp (ghi nhật ký)",
);
pub const FORM_OWNER: Text = ("Lead unit", "Đơn vị chủ trì");
pub const FORM_SUPPORT: Text = ("Coordinating units", "Đơn vị phối hợp");
pub const TEXT_PROMPT: Text = ("Text of", "Nội dung nhiệm vụ");
pub const ONE_LEAD: Text = (
    "One lead unit: choose a unit's row (several lead units: a new directive with a)",
    "Một đơn vị chủ trì: chọn dòng của một đơn vị (nhiều đơn vị chủ trì: tạo nhiệm vụ mới bằng a)",
);
pub const KEY_REDO: Text = (
    "redo the last undone edit (refused if changed since)",
    "làm lại thao tác vừa hoàn tác (từ chối nếu đã có thay đổi khác)",
);
pub const NOTHING_TO_REDO: Text = ("Nothing to redo", "Không có gì để làm lại");

/// An undo or redo refused: the field was changed since (by someone).
pub fn moved(lang: Lang, m: &crate::store::undo::Moved) -> String {
    let by =
        m.by.as_deref()
            .map(|b| format!(" ({b})"))
            .unwrap_or_default();
    match lang {
        Lang::En => format!("{}: {} was changed since{by}; left as it is", m.id, m.field),
        Lang::Vi => format!("{}: {} đã bị sửa sau đó{by}; giữ nguyên", m.id, m.field),
    }
}
pub const KEY_MARK: Text = (
    "mark or unmark the directive (status, deadline, note then apply to all marked)",
    "đánh dấu hoặc bỏ đánh dấu (trạng thái, thời hạn, ghi chú áp dụng cho mọi nhiệm vụ đã đánh dấu)",
);
pub const KEY_MARK_ALL: Text = (
    "mark all shown (again: unmark)",
    "đánh dấu tất cả đang hiện (nhấn lại: bỏ)",
);
pub const HINT_MARK: Text = ("mark", "đánh dấu");

/// The footer's count of marked directives; also the title of a prompt for them.
pub fn marked_count(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => format!("{n} marked"),
        Lang::Vi => format!("{n} nhiệm vụ đã đánh dấu"),
    }
}

/// After a change to the marked directives.
pub fn bulk_written(lang: Lang, written: usize, refused: &[(String, String)]) -> String {
    let mut text = match lang {
        Lang::En => format!("Saved {written} directives"),
        Lang::Vi => format!("Đã lưu {written} nhiệm vụ"),
    };
    if !refused.is_empty() {
        let ids: Vec<String> = refused.iter().map(|(id, _)| id.clone()).collect();
        text.push_str(&match lang {
            Lang::En => format!("; {} refused: {}", refused.len(), some_ids(&ids)),
            Lang::Vi => format!("; {} bị từ chối: {}", refused.len(), some_ids(&ids)),
        });
        if let Some((_, why)) = refused.first() {
            text.push_str(&format!(" ({why})"));
        }
    }
    text
}
pub const KEY_MEETINGS: Text = (
    "the meetings: choose one to see its directives in file order (Esc: back)",
    "danh sách cuộc họp: chọn một cuộc họp để xem nhiệm vụ theo thứ tự văn bản (Esc: quay lại)",
);
pub const HINT_MEETINGS: Text = ("meetings", "cuộc họp");
pub const MEETINGS_TITLE: Text = ("Meetings", "Các cuộc họp");

/// One row of the meetings list.
pub fn meeting_row(
    lang: Lang,
    title: &str,
    date: Option<NaiveDate>,
    number: Option<&str>,
    count: usize,
) -> String {
    let date = date.map(|d| self::date(lang, d)).unwrap_or_default();
    let number = number.map(|n| format!(" · {n}")).unwrap_or_default();
    match lang {
        Lang::En => format!("{date}{number} · {title} ({count})"),
        Lang::Vi => format!("{date}{number} · {title} ({count} nhiệm vụ)"),
    }
}
/// A meeting file that does not load, in the meetings list.
pub fn broken_meeting_row(lang: Lang, path: &str, why: &str) -> String {
    match lang {
        Lang::En => format!("✗ {path}: broken, not written until fixed ({why})"),
        Lang::Vi => format!("✗ {path}: tệp lỗi, không ghi cho đến khi sửa ({why})"),
    }
}

pub const KEY_FILTER_COMBINE: Text = (
    "add or remove this value: several at once (overdue + due soon; open + in progress + blocked)",
    "thêm hoặc bỏ giá trị này: lọc nhiều giá trị (quá hạn + sắp đến hạn; chưa làm + đang làm + vướng mắc)",
);
pub const HINT_COMBINE: Text = ("combine", "kết hợp");
pub const KEY_DELETE_DIRECTIVE: Text = (
    "delete a directive entered by mistake today (asks first; otherwise cancel it)",
    "xóa nhiệm vụ nhập nhầm trong hôm nay (hỏi lại trước; nhiệm vụ khác thì hủy)",
);

/// `D` on a directive with a history.
pub fn delete_refused(lang: Lang, id: &str) -> String {
    match lang {
        Lang::En => format!(
            "{id} was not entered today: it is not deleted; cancel it instead (5, with the reason)"
        ),
        Lang::Vi => format!(
            "{id} không phải nhập trong hôm nay nên không xóa được; hãy hủy (phím 5, ghi lý do)"
        ),
    }
}

/// The question before `D` deletes.
pub fn delete_question(lang: Lang, id: &str, text: &str) -> String {
    match lang {
        Lang::En => format!("Delete {id} “{text}”? y: delete, n: keep"),
        Lang::Vi => format!("Xóa nhiệm vụ {id} “{text}”? y: xóa, n: giữ lại"),
    }
}

/// After `D`.
pub fn deleted(lang: Lang, id: &str, path: &str) -> String {
    match lang {
        Lang::En => format!("Deleted {id} ({path})"),
        Lang::Vi => format!("Đã xóa {id} ({path})"),
    }
}

/// The detail's line on reminder letters: "Đã đôn đốc 2 lần, lần cuối 10/10/2023 (Công văn
/// số …)".
pub fn reminded(lang: Lang, times: usize, last: NaiveDate, reference: Option<&str>) -> String {
    let on = date(lang, last);
    let mut s = match lang {
        Lang::En => format!("Reminded {times}×, last on {on}"),
        Lang::Vi => format!("Đã đôn đốc {times} lần, lần cuối {on}"),
    };
    if let Some(r) = reference {
        s.push_str(&format!(" ({r})"));
    }
    s
}

/// The dashboard's bottom line: units with open directives and no log entry for `days` days.
pub fn quiet_units(lang: Lang, days: i64, names: &[&str]) -> String {
    match lang {
        Lang::En => format!("No update for {days} days: {}", names.join(", ")),
        Lang::Vi => format!("Chưa cập nhật tiến độ {days} ngày: {}", names.join(", ")),
    }
}

/// The title of the reminder letter's preview.
pub fn letter_title(lang: Lang, unit: &str) -> String {
    match lang {
        Lang::En => format!("Reminder letter to {unit}"),
        Lang::Vi => format!("Công văn đôn đốc gửi {unit}"),
    }
}

/// Under the preview: what Enter and Esc do.
pub fn letter_hint(lang: Lang, path: &str) -> String {
    match lang {
        Lang::En => {
            format!("j/k scroll · Enter: write {path} and log it · Esc: close, write nothing")
        }
        Lang::Vi => format!("j/k cuộn · Enter: ghi {path} và ghi nhật ký · Esc: đóng, không ghi"),
    }
}

pub fn letter_written(lang: Lang, path: &str, directives: usize) -> String {
    match lang {
        Lang::En => format!("Letter written: {path}; logged on {directives} directive(s)"),
        Lang::Vi => format!("Đã ghi công văn: {path}; đã ghi nhật ký {directives} nhiệm vụ"),
    }
}

pub fn letter_not_written(lang: Lang, path: &str, why: &str) -> String {
    match lang {
        Lang::En => format!("Letter not written ({path}): {why}; nothing logged"),
        Lang::Vi => format!("Không ghi được công văn ({path}): {why}; chưa ghi nhật ký"),
    }
}

pub fn letter_not_logged(lang: Lang, path: &str, why: &str) -> String {
    match lang {
        Lang::En => format!("Letter written ({path}) but not logged: {why}"),
        Lang::Vi => format!("Đã ghi công văn ({path}) nhưng chưa ghi được nhật ký: {why}"),
    }
}

/// A reminder letter in the detail's log.
pub fn reminder_entry(lang: Lang, reference: Option<&str>) -> String {
    let what = match lang {
        Lang::En => "reminder letter sent",
        Lang::Vi => "đã gửi công văn đôn đốc",
    };
    match reference {
        Some(r) => format!("{what} ({r})"),
        None => what.to_string(),
    }
}

/// A done date that cannot be true, refused (the same sentence as the command line's).
pub fn done_date_error(lang: Lang, e: &crate::store::edit::DoneDateError) -> String {
    super::store::done_date_error(lang, e)
}

pub const KEY_SEARCH_OR_FIND: Text = (
    "search as you type (no case, no diacritics); in the units pane: find a unit",
    "tìm khi gõ (không phân biệt hoa thường, dấu); ở khung đơn vị: tìm đơn vị",
);
pub const KEY_FIND_KEEP: Text = (
    "keep this unit and show its directives",
    "chọn đơn vị này và xem nhiệm vụ của đơn vị",
);
pub const HINT_FIND_KEEP: Text = ("choose", "chọn");
pub const KEY_FIND_BACK: Text = (
    "back to the unit selected before",
    "quay lại đơn vị đã chọn trước đó",
);
pub const KEY_FIND_NEXT: Text = ("next unit that matches", "đơn vị khớp tiếp theo");
pub const KEY_FIND_PREV: Text = ("previous unit that matches", "đơn vị khớp phía trước");
pub const HINT_FIND_NEXT: Text = ("next match", "đơn vị khác");
pub const MODE_FIND_UNIT: Text = (
    "Finding a unit (/ in the units pane)",
    "Tìm đơn vị (/ ở khung đơn vị)",
);
/// The footer's `/` hint while the units pane has the keys.
pub const HINT_FIND_UNIT: Text = ("find unit", "tìm đơn vị");
/// The status line while finding a unit: "Find a unit: /ba be".
pub const FIND_UNIT: Text = ("Find a unit", "Tìm đơn vị");
pub const FIND_NONE: Text = ("no unit matches", "không có đơn vị nào khớp");

pub const FILTER_HEAD_TIMELINESS: Text = head::TIMELINESS;
pub const FILTER_HEAD_STATUS: Text = head::STATUS;
pub const FILTER_HEAD_GROUP: Text = ("Unit group", "Nhóm đơn vị");
pub const FILTER_HEAD_MEETING: Text = ("Meeting", "Cuộc họp");

/// The as-of date alone, where the title bar has no room for its label.
pub fn as_of_bare(as_of: NaiveDate) -> String {
    as_of.format("%d/%m/%Y").to_string()
}

/// How often a deadline was extended, in the list beside "30/09→31/10"; empty for none.
pub fn extensions_short(lang: Lang, n: usize) -> String {
    match (lang, n) {
        (_, 0) => String::new(),
        (Lang::En, 1) => "once".to_string(),
        (Lang::En, n) => format!("{n} times"),
        (Lang::Vi, n) => format!("{n} lần"),
    }
}

pub const KEY_TWO_LINES: Text = (
    "the whole text on two rows, the facts below (again: one row)",
    "nội dung đầy đủ trên hai dòng, thông tin bên dưới (bấm lại: một dòng)",
);
// A directive's text of several lines (`E` and the form's text).
pub const KEY_NEWLINE: Text = (
    "a line break in the directive's text",
    "xuống dòng trong nội dung nhiệm vụ",
);
pub const HINT_NEWLINE: Text = ("new line", "xuống dòng");
pub const KEY_LINE_DOWN: Text = ("the next line of the text", "dòng dưới của nội dung");
pub const KEY_LINE_UP: Text = ("the previous line of the text", "dòng trên của nội dung");
pub const MODE_TEXT_INPUT: Text = (
    "Editing a directive's text (E; the form's text too)",
    "Sửa nội dung nhiệm vụ (E; cả ô nội dung của biểu mẫu)",
);
pub const TEXT_HINT: Text = (
    "Enter saves, Alt-Enter or Ctrl-J: new line, Esc cancels",
    "Enter để lưu, Alt-Enter hoặc Ctrl-J để xuống dòng, Esc để hủy",
);

pub const FORM_TEXT_HINT: Text = (
    "Alt-Enter/Ctrl-J: new line; Tab: the lead unit; Enter, Ctrl-S: save",
    "Alt-Enter/Ctrl-J: xuống dòng; Tab: đơn vị chủ trì; Enter, Ctrl-S: lưu",
);

/// A change of lead or coordinating units refused: the directive changed while the picker was
/// open (`save`: the key that saves the choice, Enter or Ctrl-S).
pub fn units_changed_while_open(
    lang: Lang,
    id: &str,
    changed: &crate::store::changes::EditedSince,
    save: &str,
) -> String {
    let fields = changed.fields.join(", ");
    let by = changed.by.as_deref();
    match (lang, by) {
        (Lang::En, Some(by)) => format!(
            "{id} not saved: {by} changed it ({fields}) while the picker was open; the new version shows — {save} saves your choice over it"
        ),
        (Lang::En, None) => format!(
            "{id} not saved: it was changed on disk ({fields}) while the picker was open; the new version shows — {save} saves your choice over it"
        ),
        (Lang::Vi, Some(by)) => format!(
            "{id} chưa lưu: {by} đã sửa ({fields}) khi danh sách đơn vị đang mở; bản mới đang hiện — {save} để lưu lựa chọn của bạn đè lên"
        ),
        (Lang::Vi, None) => format!(
            "{id} chưa lưu: tệp đã bị sửa ({fields}) khi danh sách đơn vị đang mở; bản mới đang hiện — {save} để lưu lựa chọn của bạn đè lên"
        ),
    }
}

/// The lead unit chosen among the coordinating units.
pub fn support_is_lead(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => format!(
            "{name} is the lead unit and cannot also coordinate: give it back (Enter on its row), or change the lead unit with O"
        ),
        Lang::Vi => format!(
            "{name} là đơn vị chủ trì, không thể đồng thời phối hợp: bỏ chọn (Enter trên dòng của đơn vị), hoặc đổi đơn vị chủ trì bằng O"
        ),
    }
}

/// `R` with marked directives: one letter per lead unit, `at` of `of`.
pub fn letter_title_of(lang: Lang, unit: &str, at: usize, of: usize) -> String {
    match lang {
        Lang::En => format!("Reminder letter {at} of {of} (marked directives) to {unit}"),
        Lang::Vi => format!("Công văn đôn đốc {at}/{of} (nhiệm vụ đã đánh dấu) gửi {unit}"),
    }
}

/// `R` with marked directives none of which a letter lists.
pub fn nothing_to_remind_marked(lang: Lang, marked: usize) -> String {
    match lang {
        Lang::En => format!(
            "None of the {marked} marked directive(s) is overdue or due soon: no letter to write"
        ),
        Lang::Vi => format!(
            "Không nhiệm vụ nào trong {marked} nhiệm vụ đã đánh dấu quá hạn hoặc sắp đến hạn: không có công văn để ghi"
        ),
    }
}

/// Esc on a letter of several: how many were not written.
pub fn letters_not_written(lang: Lang, left: usize) -> String {
    match lang {
        Lang::En => format!("{left} letter(s) not written"),
        Lang::Vi => format!("{left} công văn chưa ghi"),
    }
}

/// `u` on directives written together (marked): how many were taken back, and the refused.
pub fn bulk_undone(lang: Lang, undone: usize, refused: &[(String, String)]) -> String {
    let saved = bulk_written(lang, undone, refused);
    let (from, to) = match lang {
        Lang::En => ("Saved ", "Undone "),
        Lang::Vi => ("Đã lưu ", "Đã hoàn tác "),
    };
    saved.replacen(from, to, 1)
}

// Footer hints of the authoring keys: a word or two, the footer gives each its room.
pub const HINT_EDIT_TEXT: Text = ("text", "nội dung");
pub const HINT_EDIT_OWNER: Text = ("lead unit", "chủ trì");
pub const HINT_EDIT_SUPPORT: Text = ("support", "phối hợp");
pub const HINT_DELETE: Text = ("delete", "xóa");
pub const HINT_NEW_MEETING: Text = ("new meeting", "họp mới");
pub const HINT_MARK_ALL: Text = ("mark all", "chọn hết");
pub const HINT_REDO: Text = ("redo", "làm lại");
pub const HINT_REMIND: Text = ("letter", "công văn");
pub const HINT_IMPORT: Text = ("import", "nhập");

// The words of the keys of tui/keymap.rs not named above: the help screen's (KEY_) and the
// footer's (HINT_).
pub const KEY_QUIT: Text = ("quit", "thoát");
pub const KEY_NEXT_ROW: Text = ("next row", "dòng dưới");
pub const HINT_MOVE: Text = ("move", "di chuyển");
pub const KEY_PREV_ROW: Text = ("previous row", "dòng trên");
pub const KEY_FIRST_ROW: Text = ("first row", "dòng đầu");
pub const KEY_LAST_ROW: Text = ("last row", "dòng cuối");
pub const KEY_PAGE_DOWN: Text = ("page down", "trang sau");
pub const KEY_PAGE_UP: Text = ("page up", "trang trước");
pub const KEY_NEXT_PANE: Text = (
    "switch between units and directives",
    "chuyển giữa đơn vị và nhiệm vụ",
);
pub const HINT_PANE: Text = ("pane", "khung");
pub const KEY_DASHBOARD: Text = (
    "dashboard: figures by unit, as dondoc report",
    "bảng tổng hợp theo đơn vị, như dondoc report",
);
pub const HINT_DASHBOARD: Text = ("dashboard", "tổng hợp");
pub const KEY_AS_OF_EVERYWHERE: Text = (
    "change the as-of date of every figure",
    "đổi ngày chốt số liệu",
);
pub const KEY_FOCUS_UNITS: Text = ("go to the units", "sang danh sách đơn vị");
pub const KEY_FOCUS_DIRECTIVES: Text = ("go to the directives", "sang danh sách nhiệm vụ");
pub const KEY_OPEN_DETAIL: Text = ("open the directive's detail", "xem chi tiết nhiệm vụ");
pub const HINT_DETAIL: Text = ("detail", "chi tiết");
pub const KEY_CLEAR_SEARCH_AND_FILTER: Text =
    ("clear the search and filter", "bỏ tìm kiếm và bộ lọc");
pub const KEY_BACK_TO_LIST: Text = ("back to the list", "về danh sách");
pub const HINT_BACK: Text = ("back", "quay lại");
pub const KEY_DETAIL_DOWN: Text = ("scroll the detail down", "cuộn xuống");
pub const HINT_SCROLL: Text = ("scroll", "cuộn");
pub const KEY_DETAIL_UP: Text = ("scroll the detail up", "cuộn lên");
pub const KEY_STATUS: Text = ("change the status", "đổi trạng thái");
pub const HINT_STATUS: Text = ("status", "trạng thái");
pub const KEY_STATUS_OPEN: Text = ("status: open", "trạng thái: chưa thực hiện");
pub const KEY_STATUS_IN_PROGRESS: Text = ("status: in progress", "trạng thái: đang thực hiện");
pub const KEY_STATUS_BLOCKED: Text = ("status: blocked", "trạng thái: có vướng mắc");
pub const KEY_STATUS_DONE: Text = ("status: done", "trạng thái: đã hoàn thành");
pub const KEY_STATUS_CANCELLED: Text = ("status: cancelled", "trạng thái: dừng thực hiện");
pub const KEY_DEADLINE: Text = ("change the deadline", "đổi thời hạn");
pub const HINT_DEADLINE: Text = ("deadline", "thời hạn");
pub const KEY_NOTE: Text = ("add a progress note", "thêm ghi chú tiến độ");
pub const HINT_NOTE: Text = ("note", "ghi chú");
pub const KEY_NOTE_IN_EDITOR: Text = (
    "write a long note in $EDITOR",
    "viết ghi chú dài bằng $EDITOR",
);
pub const KEY_UNDO: Text = (
    "undo the last edit (a new logged change)",
    "hoàn tác lần sửa trước (ghi nhật ký)",
);
pub const HINT_UNDO: Text = ("undo", "hoàn tác");
pub const HINT_SEARCH: Text = ("search", "tìm");
pub const KEY_FILTER: Text = (
    "filter by timeliness or status",
    "lọc theo tình trạng thời hạn hoặc trạng thái",
);
pub const HINT_FILTER: Text = ("filter", "lọc");
pub const KEY_SORT: Text = ("change the sort order", "đổi cách sắp xếp");
pub const HINT_SORT: Text = ("sort", "sắp xếp");
pub const KEY_TOGGLE_IDS: Text = ("show or hide the id column", "hiện hoặc ẩn cột mã");
pub const KEY_COPY_ID: Text = (
    "copy the directive's id to the clipboard (OSC 52)",
    "sao chép mã nhiệm vụ (OSC 52)",
);
pub const KEY_REMIND: Text = (
    "reminder letter to the unit: preview, Enter writes it (docx) and logs it",
    "công văn đôn đốc đơn vị: xem trước, Enter ghi tệp (docx) và ghi nhật ký",
);
pub const KEY_RELOAD: Text = ("reload from disk", "tải lại từ đĩa");
pub const KEY_HELP: Text = ("all keys", "tất cả các phím");
pub const HINT_HELP: Text = ("help", "trợ giúp");
pub const HINT_QUIT: Text = ("quit", "thoát");
pub const KEY_NEXT_UNIT: Text = ("next unit", "đơn vị dưới");
pub const KEY_PREV_UNIT: Text = ("previous unit", "đơn vị trên");
pub const KEY_FIRST_UNIT: Text = ("first unit", "đơn vị đầu");
pub const KEY_LAST_UNIT: Text = ("last unit", "đơn vị cuối");
pub const KEY_UNIT_DIRECTIVES: Text = ("the unit's directives", "xem nhiệm vụ của đơn vị");
pub const HINT_DIRECTIVES: Text = ("directives", "nhiệm vụ");
pub const KEY_BACK_TO_LISTS: Text = ("back to the lists", "về danh sách");
pub const KEY_AS_OF: Text = ("change the as-of date", "đổi ngày chốt số liệu");
pub const HINT_AS_OF: Text = ("as-of date", "ngày chốt");
pub const KEY_SYNC: Text = (
    "sync with git: commit, pull, push (in the background)",
    "đồng bộ git: commit, kéo về, đẩy lên (chạy nền)",
);
pub const HINT_SYNC: Text = ("sync", "đồng bộ");
pub const KEY_NEXT_CHOICE: Text = ("next choice", "lựa chọn dưới");
pub const KEY_PREV_CHOICE: Text = ("previous choice", "lựa chọn trên");
pub const KEY_FIRST_CHOICE: Text = ("first choice", "lựa chọn đầu");
pub const KEY_LAST_CHOICE: Text = ("last choice", "lựa chọn cuối");
pub const KEY_CHOOSE: Text = ("choose", "chọn");
pub const HINT_CHOOSE: Text = ("choose", "chọn");
pub const KEY_CANCEL: Text = ("cancel", "hủy");
pub const KEY_SAVE: Text = ("save", "lưu");
pub const KEY_CLEAR_INPUT: Text = ("clear the input", "xóa hết ô nhập");
pub const KEY_CONTINUE_IN_EDITOR: Text = (
    "continue the note in $EDITOR",
    "viết tiếp ghi chú bằng $EDITOR",
);
pub const HINT_EDITOR: Text = ("editor", "trình soạn thảo");
pub const KEY_KEEP_SEARCH: Text = (
    "keep the search, back to the list",
    "giữ kết quả tìm, về danh sách",
);
pub const HINT_KEEP_SEARCH: Text = ("keep", "giữ");
pub const KEY_CLEAR_SEARCH: Text = ("clear the search", "bỏ tìm kiếm");
pub const HINT_CLEAR_SEARCH: Text = ("clear", "bỏ tìm");
pub const KEY_NEXT_DRAFT: Text = ("next draft", "nhiệm vụ dưới");
pub const KEY_PREV_DRAFT: Text = ("previous draft", "nhiệm vụ trên");
pub const KEY_FIRST_DRAFT: Text = ("first draft", "nhiệm vụ đầu");
pub const KEY_SCROLL_DOWN: Text = ("scroll down", "cuộn xuống");
pub const KEY_SCROLL_UP: Text = ("scroll up", "cuộn lên");
pub const HINT_PAGE: Text = ("page", "trang");
pub const KEY_TOP: Text = ("top", "đầu trang");
pub const KEY_BOTTOM: Text = ("end", "cuối trang");
pub const KEY_CLOSE: Text = ("close", "đóng");
pub const HINT_CLOSE: Text = ("close", "đóng");

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

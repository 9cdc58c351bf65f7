//! The glossary: one word for each thing dondoc names, in English and in the Vietnamese an
//! office writes. The UI's, the CLI's and the reports' tables take their words from here, so
//! the same thing reads the same on a screen, in `dondoc show` and in a printed report.
//!
//! Terms are written as they read inside a sentence or a table cell; [`heading`] gives the
//! form that starts a heading or a column.

use super::Lang;
use crate::model::{Status, Timeliness};
use chrono::{DateTime, FixedOffset, NaiveDate};

/// (English, Vietnamese).
pub type Text = (&'static str, &'static str);

/// The counted item. Both forms are plural-neutral in Vietnamese.
pub const DIRECTIVE: Text = ("directive", "nhiệm vụ");
pub const DIRECTIVES: Text = ("directives", "nhiệm vụ");
/// Done, as a state and as a verb ("hoàn thành", never "xong").
pub const DONE: Text = ("done", "hoàn thành");
pub const NOT_DONE: Text = ("not done", "chưa hoàn thành");
pub const STATUS: Text = ("status", "trạng thái");
/// The label of a directive's timeliness (not "Tiến độ", which is progress).
pub const TIMELINESS: Text = ("timeliness", "tình trạng thời hạn");
pub const DEADLINE: Text = ("deadline", "thời hạn");
/// The date every figure is computed at.
pub const AS_OF_DATE: Text = ("as-of date", "ngày chốt số liệu");
/// Any change of the deadline; an [`EXTENSION`] only when the new one is later.
pub const DEADLINE_CHANGE: Text = ("deadline change", "điều chỉnh thời hạn");
pub const EXTENSION: Text = ("extension", "gia hạn");
pub const LEAD_UNIT: Text = ("lead unit", "đơn vị chủ trì");
pub const SUPPORT_UNITS: Text = ("support", "đơn vị phối hợp");
pub const UNIT: Text = ("unit", "đơn vị");
/// The document that gave the directive (a meeting's conclusion notice).
pub const SOURCE: Text = ("source", "văn bản giao");
pub const DONE_ON: Text = ("done on", "ngày hoàn thành");
pub const ISSUED_BY: Text = ("issued by", "người chỉ đạo");
pub const NOTE: Text = ("note", "ghi chú");
pub const LOG: Text = ("log", "nhật ký");
pub const FILE: Text = ("file", "tệp");
/// The keys help.
pub const KEYS: Text = ("keys", "phím tắt");
pub const RELOAD_FAILED: Text = ("reload failed", "không tải lại được");
pub const SYNC_FAILED: Text = ("sync failed", "không đồng bộ được");
pub const PROBLEM: Text = ("problem", "lỗi");
pub const NONE: Text = ("none", "không");
pub const TODAY: Text = ("today", "hôm nay");

/// Every fixed term, for the test that each has both languages.
pub const ALL: &[Text] = &[
    DIRECTIVE,
    DIRECTIVES,
    DONE,
    NOT_DONE,
    STATUS,
    TIMELINESS,
    DEADLINE,
    AS_OF_DATE,
    DEADLINE_CHANGE,
    EXTENSION,
    LEAD_UNIT,
    SUPPORT_UNITS,
    UNIT,
    SOURCE,
    DONE_ON,
    ISSUED_BY,
    NOTE,
    LOG,
    FILE,
    KEYS,
    RELOAD_FAILED,
    SYNC_FAILED,
    PROBLEM,
    NONE,
    TODAY,
];

pub fn tr(lang: Lang, text: Text) -> &'static str {
    lang.pick(text.0, text.1)
}

pub const fn status(s: Status) -> Text {
    match s {
        Status::Open => ("open", "chưa thực hiện"),
        Status::InProgress => ("in progress", "đang thực hiện"),
        Status::Blocked => ("blocked", "có vướng mắc"),
        Status::Done => ("done", "đã hoàn thành"),
        Status::Cancelled => ("cancelled", "dừng thực hiện"),
    }
}

/// A cancelled directive has no timeliness: it reads as its status.
pub const fn timeliness(t: Timeliness) -> Text {
    match t {
        Timeliness::Overdue => ("overdue", "quá hạn"),
        Timeliness::DueSoon => ("due soon", "sắp đến hạn"),
        Timeliness::OnTrack => ("within deadline", "trong hạn"),
        Timeliness::Ongoing => ("ongoing", "thường xuyên"),
        Timeliness::OnTime => ("done on time", "hoàn thành đúng hạn"),
        Timeliness::Late => ("done late", "hoàn thành quá hạn"),
        Timeliness::None => status(Status::Cancelled),
    }
}

/// The forms that start a label, a heading or a column; each is its term with a capital
/// (the test checks it), written out so the tables can use them as constants.
pub mod head {
    use super::Text;
    use crate::model::{Status, Timeliness};

    pub const DIRECTIVE: Text = ("Directive", "Nhiệm vụ");
    pub const DIRECTIVES: Text = ("Directives", "Nhiệm vụ");
    pub const STATUS: Text = ("Status", "Trạng thái");
    pub const TIMELINESS: Text = ("Timeliness", "Tình trạng thời hạn");
    pub const DEADLINE: Text = ("Deadline", "Thời hạn");
    pub const AS_OF_DATE: Text = ("As-of date", "Ngày chốt số liệu");
    pub const LEAD_UNIT: Text = ("Lead unit", "Đơn vị chủ trì");
    pub const SUPPORT_UNITS: Text = ("Support", "Đơn vị phối hợp");
    pub const UNIT: Text = ("Unit", "Đơn vị");
    pub const SOURCE: Text = ("Source", "Văn bản giao");
    pub const DONE_ON: Text = ("Done on", "Ngày hoàn thành");
    pub const ISSUED_BY: Text = ("Issued by", "Người chỉ đạo");
    pub const NOTE: Text = ("Note", "Ghi chú");
    pub const LOG: Text = ("Log", "Nhật ký");
    pub const FILE: Text = ("File", "Tệp");
    pub const KEYS: Text = ("Keys", "Phím tắt");
    pub const RELOAD_FAILED: Text = ("Reload failed", "Không tải lại được");
    pub const SYNC_FAILED: Text = ("Sync failed", "Không đồng bộ được");

    /// (term, its heading) for the test.
    #[cfg(test)]
    pub(super) const PAIRS: &[(Text, Text)] = &[
        (super::DIRECTIVE, DIRECTIVE),
        (super::DIRECTIVES, DIRECTIVES),
        (super::STATUS, STATUS),
        (super::TIMELINESS, TIMELINESS),
        (super::DEADLINE, DEADLINE),
        (super::AS_OF_DATE, AS_OF_DATE),
        (super::LEAD_UNIT, LEAD_UNIT),
        (super::SUPPORT_UNITS, SUPPORT_UNITS),
        (super::UNIT, UNIT),
        (super::SOURCE, SOURCE),
        (super::DONE_ON, DONE_ON),
        (super::ISSUED_BY, ISSUED_BY),
        (super::NOTE, NOTE),
        (super::LOG, LOG),
        (super::FILE, FILE),
        (super::KEYS, KEYS),
        (super::RELOAD_FAILED, RELOAD_FAILED),
        (super::SYNC_FAILED, SYNC_FAILED),
    ];

    pub const fn status(s: Status) -> Text {
        match s {
            Status::Open => ("Open", "Chưa thực hiện"),
            Status::InProgress => ("In progress", "Đang thực hiện"),
            Status::Blocked => ("Blocked", "Có vướng mắc"),
            Status::Done => ("Done", "Đã hoàn thành"),
            Status::Cancelled => ("Cancelled", "Dừng thực hiện"),
        }
    }

    pub const fn timeliness(t: Timeliness) -> Text {
        match t {
            Timeliness::Overdue => ("Overdue", "Quá hạn"),
            Timeliness::DueSoon => ("Due soon", "Sắp đến hạn"),
            Timeliness::OnTrack => ("Within deadline", "Trong hạn"),
            Timeliness::Ongoing => ("Ongoing", "Thường xuyên"),
            Timeliness::OnTime => ("Done on time", "Hoàn thành đúng hạn"),
            Timeliness::Late => ("Done late", "Hoàn thành quá hạn"),
            Timeliness::None => status(Status::Cancelled),
        }
    }
}

/// "15 days overdue", "quá hạn 15 ngày".
pub fn days_overdue(lang: Lang, days: i64) -> String {
    match lang {
        Lang::En if days == 1 => "1 day overdue".to_string(),
        Lang::En => format!("{days} days overdue"),
        Lang::Vi => format!("quá hạn {days} ngày"),
    }
}

/// The word for a deadline change: in Vietnamese "gia hạn" when the new deadline is later,
/// else "điều chỉnh thời hạn"; in English "deadline" either way.
pub fn deadline_change_word(
    lang: Lang,
    before: Option<NaiveDate>,
    after: Option<NaiveDate>,
) -> &'static str {
    match (lang, before, after) {
        (Lang::En, _, _) => DEADLINE.0,
        (Lang::Vi, Some(b), Some(a)) if a > b => EXTENSION.1,
        (Lang::Vi, _, _) => DEADLINE_CHANGE.1,
    }
}

/// A field of a directive by its key in the file, as people call it.
pub fn field_name(lang: Lang, key: &str) -> String {
    let term = match key {
        "deadline" => DEADLINE,
        "done_on" => DONE_ON,
        "note" => NOTE,
        "status" => STATUS,
        "support" => SUPPORT_UNITS,
        "owner" => LEAD_UNIT,
        "issued_by" => ISSUED_BY,
        _ => return key.to_string(),
    };
    lang.pick(term.0, term.1).to_string()
}

/// The first letter in capitals, for a heading or a column: "Hoàn thành đúng hạn".
pub fn heading(term: &str) -> String {
    let mut chars = term.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A date as people of that language write it: 2023-10-15, 15/10/2023.
pub fn date(lang: Lang, d: NaiveDate) -> String {
    match lang {
        Lang::En => d.format("%Y-%m-%d").to_string(),
        Lang::Vi => d.format("%d/%m/%Y").to_string(),
    }
}

/// A log time to the second, in the offset it was written with (the log reads the same in
/// every time zone): `2023-09-19 11:00:05 +07:00`, `19/09/2023 11:00:05`.
pub fn date_time(lang: Lang, t: DateTime<FixedOffset>) -> String {
    match lang {
        Lang::En => t.format("%Y-%m-%d %H:%M:%S %:z").to_string(),
        Lang::Vi => t.format("%d/%m/%Y %H:%M:%S").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_term_has_both_languages() {
        let all = ALL
            .iter()
            .copied()
            .chain(Status::ALL.map(status))
            .chain(Timeliness::ALL.map(timeliness));
        for (en, vi) in all {
            assert!(
                !en.trim().is_empty() && !vi.trim().is_empty(),
                "{en:?} / {vi:?}"
            );
            assert_ne!(en, vi, "{en:?} is not translated");
        }
    }

    #[test]
    fn every_heading_is_its_term_with_a_capital() {
        let pairs = head::PAIRS
            .iter()
            .copied()
            .chain(Status::ALL.map(|s| (status(s), head::status(s))))
            .chain(Timeliness::ALL.map(|t| (timeliness(t), head::timeliness(t))));
        for (term, head) in pairs {
            assert_eq!(heading(term.0), head.0);
            assert_eq!(heading(term.1), head.1);
        }
    }

    #[test]
    fn the_office_words() {
        assert_eq!(tr(Lang::Vi, DIRECTIVE), "nhiệm vụ");
        assert_eq!(tr(Lang::Vi, TIMELINESS), "tình trạng thời hạn");
        assert_eq!(tr(Lang::Vi, AS_OF_DATE), "ngày chốt số liệu");
        assert_eq!(days_overdue(Lang::Vi, 15), "quá hạn 15 ngày");
        assert_eq!(days_overdue(Lang::En, 1), "1 day overdue");
        assert_eq!(heading("đơn vị chủ trì"), "Đơn vị chủ trì");
        let d = NaiveDate::from_ymd_opt(2023, 10, 15).unwrap();
        assert_eq!(date(Lang::Vi, d), "15/10/2023");
        let t = DateTime::parse_from_rfc3339("2023-09-19T11:00:05+07:00").unwrap();
        assert_eq!(date_time(Lang::Vi, t), "19/09/2023 11:00:05");
        assert_eq!(date_time(Lang::En, t), "2023-09-19 11:00:05 +07:00");
    }
}

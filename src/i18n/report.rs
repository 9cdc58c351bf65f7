//! Headings and sentences of reports, in English and Vietnamese.
//!
//! The four official buckets follow Vietnamese task-tracking practice: hoàn thành đúng hạn,
//! hoàn thành quá hạn, chưa hoàn thành trong hạn, quá hạn. The words for statuses, timeliness
//! and the things counted are the glossary's ([`super::terms`]).

use super::terms::{self, head};
use super::Lang;
use crate::model::Timeliness;

pub struct ReportText {
    pub report_title: &'static str,
    pub period: &'static str,
    pub all_deadlines: &'static str,
    pub as_of: &'static str,
    pub source: &'static str,
    pub unit: &'static str,
    pub group: &'static str,
    pub total: &'static str,
    pub on_time: &'static str,
    pub late: &'static str,
    pub within: &'static str,
    pub due_soon: &'static str,
    pub overdue: &'static str,
    pub ongoing: &'static str,
    pub cancelled: &'static str,
    pub completion_rate: &'static str,
    pub on_time_rate: &'static str,
    pub group_total: &'static str,
    pub overall: &'static str,
    pub formulas_heading: &'static str,
    pub completion_formula: &'static str,
    pub on_time_formula: &'static str,
    pub rates_note: &'static str,
    pub ranking_note: &'static str,
    pub scope_note: &'static str,
    pub overdue_list: &'static str,
    pub id: &'static str,
    pub content: &'static str,
    pub deadline: &'static str,
    pub days_overdue: &'static str,
    pub extensions: &'static str,
    pub note: &'static str,
    pub nothing_in_period: &'static str,
    pub no_overdue: &'static str,
    pub chart: &'static str,
    pub chart_note: &'static str,
    pub summary_sheet: &'static str,
    pub summary_heading: &'static str,
    pub overdue_sheet: &'static str,
    pub rank: &'static str,
    pub unknown_group: &'static str,
    /// Two-level table heads (HTML): "done" over on time / late, "not done" over within /
    /// due soon / overdue.
    pub done_heading: &'static str,
    pub not_done_heading: &'static str,
    pub col_on_time: &'static str,
    pub col_late: &'static str,
    pub col_within: &'static str,
    pub col_due_soon: &'static str,
    pub col_overdue: &'static str,
    pub scope_label: &'static str,
    pub scope_assigned: &'static str,
    pub scope_cumulative: &'static str,
    pub scope_due: &'static str,
    pub scope_all: &'static str,
    pub rank_col: &'static str,
    pub overdue_30: &'static str,
    pub overdue_90: &'static str,
    pub previous_rate: &'static str,
    pub notice: &'static str,
    pub support: &'static str,
    pub status: &'static str,
    pub first_deadline: &'static str,
    pub reason: &'static str,
    pub reminders: &'static str,
    pub status_open: &'static str,
    pub status_in_progress: &'static str,
    pub status_blocked: &'static str,
    pub quiet_heading: &'static str,
    pub quiet_note: &'static str,
    pub last_update: &'static str,
    pub not_done_count: &'static str,
    pub never: &'static str,
    pub no_quiet: &'static str,
    pub doc_report: &'static str,
    pub doc_subject: &'static str,
    pub doc_number: &'static str,
    pub doc_section_general: &'static str,
    pub doc_section_units: &'static str,
    pub doc_section_overdue: &'static str,
    pub doc_section_quiet: &'static str,
    pub doc_recipients: &'static str,
    pub doc_annex: &'static str,
    pub doc_annex_of: &'static str,
    pub doc_within_incl: &'static str,
    pub doc_cancelled: &'static str,
    pub doc_not_done_total: &'static str,
    pub doc_done_total: &'static str,
    pub letter_subject: &'static str,
    pub letter_to: &'static str,
    pub letter_days_overdue: &'static str,
    pub letter_times: &'static str,
    pub letter_due_soon: &'static str,
    pub nothing_assigned: &'static str,
}

pub fn text(lang: Lang) -> &'static ReportText {
    match lang {
        Lang::En => &EN,
        Lang::Vi => &VI,
    }
}

const EN: ReportText = ReportText {
    report_title: "Follow-up of directives by unit",
    period: "Period",
    all_deadlines: "all deadlines",
    as_of: "As of",
    source: head::SOURCE.0,
    unit: head::UNIT.0,
    group: "Group",
    total: "Total",
    on_time: head::timeliness(Timeliness::OnTime).0,
    late: head::timeliness(Timeliness::Late).0,
    within: "Not done, within deadline",
    due_soon: "of which due soon",
    overdue: head::timeliness(Timeliness::Overdue).0,
    ongoing: "Ongoing (no deadline)",
    cancelled: head::timeliness(Timeliness::None).0,
    completion_rate: "Completion rate",
    on_time_rate: "On-time rate",
    group_total: "Group total",
    overall: "Overall",
    formulas_heading: "How the rates are computed",
    completion_formula: "Completion rate = (done on time + done late) / (done on time + done late + overdue)",
    on_time_formula: "On-time rate = done on time / (done on time + done late)",
    rates_note: "A rate is shown as \u{2014} when its denominator is 0. Cancelled and ongoing directives are shown but not counted in the rates; \"within deadline\" includes those due soon.",
    ranking_note: "Within each group, units are ranked worst first: lowest completion rate first (so units with overdue directives come first), then more overdue, then lowest on-time rate; units with nothing fallen due come last.",
    scope_note: "Covered: directives whose deadline falls in the period, directives due earlier that are still overdue, and directives without a deadline from sources dated in the period.",
    overdue_list: "Overdue directives",
    id: "Id",
    content: "Directive",
    deadline: head::DEADLINE.0,
    days_overdue: "Days overdue",
    extensions: "Extensions",
    note: "Latest note",
    nothing_in_period: "Nothing in this period: no directive falls due in it and none is still overdue from before.",
    no_overdue: "No directive is overdue.",
    chart: "Chart by unit",
    chart_note: "Each bar shows, left to right: done on time, done late, not done within deadline, overdue; the number in each segment is its count.",
    summary_sheet: "Summary",
    summary_heading: "Summary by unit",
    overdue_sheet: "Overdue",
    rank: "No.",
    unknown_group: "Units not in dondoc.toml",
    done_heading: "Done",
    not_done_heading: "Not done",
    col_on_time: "On time",
    col_late: "Late",
    col_within: "Within deadline",
    col_due_soon: "of which due soon",
    col_overdue: "Overdue",
    scope_label: "Scope",
    scope_assigned: "directives given by the meetings and notices dated in the period",
    scope_cumulative: "directives given from the start of the year to the as-of date (cumulative)",
    scope_due: "directives due in the period, those due earlier and still overdue, and ongoing ones given in it",
    scope_all: "every directive",
    rank_col: "Rank",
    overdue_30: "Overdue over 30 days",
    overdue_90: "Overdue over 90 days",
    previous_rate: "Completion rate, previous period",
    notice: "Notice",
    support: "Coordinating units",
    status: "Status",
    first_deadline: "First deadline",
    reason: "Reason of the latest extension",
    reminders: "Reminders",
    status_open: "not started",
    status_in_progress: "in progress",
    status_blocked: "blocked",
    quiet_heading: "Units gone quiet",
    quiet_note: "Units with directives not done and no log entry for this many days or more:",
    last_update: "Latest update",
    not_done_count: "Not done",
    never: "none",
    no_quiet: "Every unit with directives not done has given news recently.",
    doc_report: "REPORT",
    doc_subject: "Implementation of the conclusions and directives",
    doc_number: "No.",
    doc_section_general: "GENERAL RESULTS",
    doc_section_units: "RESULTS BY UNIT",
    doc_section_overdue: "OVERDUE DIRECTIVES",
    doc_section_quiet: "UNITS GONE QUIET",
    doc_recipients: "Recipients:",
    doc_annex: "ANNEX",
    doc_annex_of: "(Attached to Report No.",
    doc_within_incl: "Within deadline (incl. ongoing)",
    doc_cancelled: "Discontinued",
    doc_not_done_total: "Not done",
    doc_done_total: "Done",
    letter_subject: "Reminder: directives overdue or soon due",
    letter_to: "To:",
    letter_days_overdue: "Days overdue",
    letter_times: "Times reminded",
    letter_due_soon: "due soon",
    nothing_assigned: "Nothing in this period: no meeting or notice in the scope gave directives.",
};

const VI: ReportText = ReportText {
    report_title: "Báo cáo kết quả thực hiện nhiệm vụ theo đơn vị",
    period: "Kỳ báo cáo",
    all_deadlines: "toàn bộ",
    as_of: head::AS_OF_DATE.1,
    source: head::SOURCE.1,
    unit: head::UNIT.1,
    group: "Khối",
    total: "Tổng số",
    on_time: head::timeliness(Timeliness::OnTime).1,
    late: head::timeliness(Timeliness::Late).1,
    within: "Chưa hoàn thành, trong hạn",
    due_soon: "trong đó sắp đến hạn",
    overdue: head::timeliness(Timeliness::Overdue).1,
    ongoing: head::timeliness(Timeliness::Ongoing).1,
    cancelled: head::timeliness(Timeliness::None).1,
    completion_rate: "Tỷ lệ hoàn thành",
    on_time_rate: "Tỷ lệ đúng hạn",
    group_total: "Cộng khối",
    overall: "Tổng cộng",
    formulas_heading: "Cách tính tỷ lệ",
    completion_formula: "Tỷ lệ hoàn thành = (hoàn thành đúng hạn + hoàn thành quá hạn) / (hoàn thành đúng hạn + hoàn thành quá hạn + quá hạn)",
    on_time_formula: "Tỷ lệ đúng hạn = hoàn thành đúng hạn / (hoàn thành đúng hạn + hoàn thành quá hạn)",
    rates_note: "Tỷ lệ ghi \u{2014} khi mẫu số bằng 0. Nhiệm vụ dừng thực hiện và nhiệm vụ thường xuyên được thống kê nhưng không tính vào tỷ lệ; \"trong hạn\" gồm cả nhiệm vụ sắp đến hạn.",
    ranking_note: "Trong mỗi khối, đơn vị được xếp từ thấp đến cao: tỷ lệ hoàn thành thấp nhất trước (đơn vị có nhiệm vụ quá hạn đứng đầu), tiếp đến số nhiệm vụ quá hạn nhiều hơn, rồi tỷ lệ đúng hạn thấp hơn; đơn vị chưa có nhiệm vụ đến hạn xếp cuối.",
    scope_note: "Phạm vi: nhiệm vụ có thời hạn trong kỳ, nhiệm vụ đến hạn từ trước vẫn còn quá hạn, và nhiệm vụ thường xuyên (không có thời hạn) thuộc văn bản ban hành trong kỳ.",
    overdue_list: "Danh sách nhiệm vụ quá hạn",
    id: "Mã",
    content: "Nội dung",
    deadline: head::DEADLINE.1,
    days_overdue: "Số ngày quá hạn",
    extensions: "Số lần gia hạn",
    note: "Ghi chú gần nhất",
    nothing_in_period: "Không có nhiệm vụ nào trong kỳ báo cáo: không có nhiệm vụ đến hạn trong kỳ và không còn nhiệm vụ quá hạn từ trước.",
    no_overdue: "Không có nhiệm vụ quá hạn.",
    chart: "Biểu đồ theo đơn vị",
    chart_note: "Mỗi thanh gồm, từ trái sang phải: hoàn thành đúng hạn, hoàn thành quá hạn, chưa hoàn thành trong hạn, quá hạn; số trong mỗi đoạn là số nhiệm vụ.",
    summary_sheet: "Tổng hợp",
    summary_heading: "Tổng hợp theo đơn vị",
    overdue_sheet: "Quá hạn",
    rank: "TT",
    unknown_group: "Đơn vị chưa có trong dondoc.toml",
    done_heading: "Đã hoàn thành",
    not_done_heading: "Chưa hoàn thành",
    col_on_time: "Đúng hạn",
    col_late: "Quá hạn",
    col_within: "Trong hạn",
    col_due_soon: "Trong đó sắp đến hạn",
    col_overdue: "Quá hạn",
    scope_label: "Phạm vi",
    scope_assigned: "nhiệm vụ giao tại các hội nghị, văn bản ban hành trong kỳ",
    scope_cumulative: "lũy kế nhiệm vụ giao từ đầu năm đến ngày chốt số liệu",
    scope_due: "nhiệm vụ có thời hạn trong kỳ, nhiệm vụ đến hạn từ trước còn quá hạn và nhiệm vụ thường xuyên giao trong kỳ",
    scope_all: "toàn bộ nhiệm vụ",
    rank_col: "Xếp hạng",
    overdue_30: "Quá hạn trên 30 ngày",
    overdue_90: "Quá hạn trên 90 ngày",
    previous_rate: "Tỷ lệ hoàn thành kỳ trước",
    notice: "Văn bản giao",
    support: "Đơn vị phối hợp",
    status: "Tình trạng",
    first_deadline: "Thời hạn ban đầu",
    reason: "Lý do gia hạn gần nhất",
    reminders: "Số lần đôn đốc",
    status_open: "chưa triển khai",
    status_in_progress: "đang thực hiện",
    status_blocked: "có vướng mắc",
    quiet_heading: "Đơn vị chưa cập nhật tiến độ",
    quiet_note: "Đơn vị có nhiệm vụ chưa hoàn thành và không cập nhật tiến độ trong số ngày sau trở lên:",
    last_update: "Cập nhật gần nhất",
    not_done_count: "Chưa hoàn thành",
    never: "chưa có",
    no_quiet: "Các đơn vị có nhiệm vụ chưa hoàn thành đều đã cập nhật tiến độ.",
    doc_report: "BÁO CÁO",
    doc_subject: "Tình hình thực hiện kết luận, chỉ đạo",
    doc_number: "Số",
    doc_section_general: "KẾT QUẢ CHUNG",
    doc_section_units: "KẾT QUẢ THỰC HIỆN THEO ĐƠN VỊ",
    doc_section_overdue: "NHIỆM VỤ QUÁ HẠN",
    doc_section_quiet: "ĐƠN VỊ CHƯA CẬP NHẬT TIẾN ĐỘ",
    doc_recipients: "Nơi nhận:",
    doc_annex: "PHỤ LỤC",
    doc_annex_of: "(Kèm theo Báo cáo số",
    doc_within_incl: "Trong hạn",
    doc_cancelled: "Dừng thực hiện",
    doc_not_done_total: "Chưa hoàn thành",
    doc_done_total: "Đã hoàn thành",
    letter_subject: "V/v đôn đốc thực hiện nhiệm vụ quá hạn, sắp đến hạn",
    letter_to: "Kính gửi:",
    letter_days_overdue: "Số ngày quá hạn",
    letter_times: "Số lần đã đôn đốc",
    letter_due_soon: "sắp đến hạn",
    nothing_assigned: "Không có nhiệm vụ nào trong kỳ báo cáo: không có hội nghị, văn bản nào trong phạm vi giao nhiệm vụ.",
};

/// A rate as people read it: "66,7%" in Vietnamese, "66.7%" in English, "—" when undefined.
pub fn percent(rate: Option<f64>, lang: Lang) -> String {
    let Some(rate) = rate else {
        return "\u{2014}".to_string();
    };
    // Never round a shortfall up to 100% nor a start down to 0%.
    let mut tenths = (rate * 1000.0).round() as i64;
    if rate < 1.0 {
        tenths = tenths.min(999);
    }
    if rate > 0.0 {
        tenths = tenths.max(1);
    }
    let s = if tenths % 10 == 0 {
        format!("{}%", tenths / 10)
    } else {
        format!("{}.{}%", tenths / 10, tenths % 10)
    };
    match lang {
        Lang::Vi => s.replace('.', ","),
        Lang::En => s,
    }
}

/// "Bắc Kạn, ngày 15 tháng 10 năm 2023" (the place left out when not set); in English
/// "Bắc Kạn, 15 October 2023".
pub fn date_line(place: Option<&str>, date: chrono::NaiveDate, lang: Lang) -> String {
    use chrono::Datelike;
    let when = match lang {
        // Days below 10 and the months January and February take a leading zero (the rule
        // for the dates of official documents).
        Lang::Vi => format!(
            "ngày {:02} tháng {} năm {}",
            date.day(),
            if date.month() <= 2 {
                format!("{:02}", date.month())
            } else {
                date.month().to_string()
            },
            date.year()
        ),
        Lang::En => date.format("%-d %B %Y").to_string(),
    };
    match place {
        Some(place) if !place.is_empty() => format!("{place}, {when}"),
        _ => match lang {
            Lang::Vi => format!("N{}", &when[1..]),
            Lang::En => when,
        },
    }
}

/// A count as an office writes it before "nhiệm vụ": two digits at least ("01 nhiệm vụ").
fn tasks(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{n:02} nhiệm vụ"),
        Lang::En if n == 1 => "1 directive".to_string(),
        Lang::En => format!("{n} directives"),
    }
}

/// The opening figures in one sentence, in the office's style: "Tổng số 36 nhiệm vụ; đã hoàn
/// thành 12 nhiệm vụ (đúng hạn 8, quá hạn 4), đạt 63,2%; chưa hoàn thành 23 nhiệm vụ (trong
/// hạn 16, trong đó thường xuyên 3; quá hạn 7); dừng thực hiện 01 nhiệm vụ."
pub fn narrative(f: &crate::report::Figures, lang: Lang) -> String {
    let rate = f
        .completion_rate()
        .map(|r| percent(Some(r), lang))
        .unwrap_or_else(|| "\u{2014}".to_string());
    let mut s = match lang {
        Lang::Vi => format!(
            "Tổng số {}; đã hoàn thành {} (đúng hạn {}, quá hạn {}), đạt {}; chưa hoàn thành {} (trong hạn {}, trong đó sắp đến hạn {}, thường xuyên {}; quá hạn {})",
            tasks(f.total, lang),
            tasks(f.done(), lang),
            f.on_time,
            f.late,
            rate,
            tasks(f.not_done(), lang),
            f.within_with_ongoing(),
            f.due_soon,
            f.ongoing,
            f.overdue,
        ),
        Lang::En => format!(
            "In total {}; {} done ({} on time, {} late), a completion rate of {}; {} not done ({} within the deadline, of which {} due soon and {} ongoing; {} overdue)",
            tasks(f.total, lang),
            f.done(),
            f.on_time,
            f.late,
            rate,
            f.not_done(),
            f.within_with_ongoing(),
            f.due_soon,
            f.ongoing,
            f.overdue,
        ),
    };
    if f.cancelled > 0 {
        match lang {
            Lang::Vi => s.push_str(&format!("; dừng thực hiện {}", tasks(f.cancelled, lang))),
            Lang::En => s.push_str(&format!("; {} discontinued", f.cancelled)),
        }
    }
    s.push('.');
    s
}

/// A status as the overdue list words it.
pub fn status_word(status: crate::model::Status, lang: Lang) -> &'static str {
    use crate::model::Status;
    let t = text(lang);
    match status {
        Status::Open => t.status_open,
        Status::InProgress => t.status_in_progress,
        Status::Blocked => t.status_blocked,
        Status::Done => t.done_heading,
        Status::Cancelled => t.doc_cancelled,
    }
}

/// The opening of a reminder letter.
pub fn letter_opening(source: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "Thực hiện các kết luận, chỉ đạo tại {source}, qua theo dõi, tổng hợp, đến nay đơn vị còn các nhiệm vụ quá hạn hoặc sắp đến hạn chưa hoàn thành như sau:"
        ),
        Lang::En => format!(
            "Following the directives given at {source}, our follow-up shows that your unit still has the following directives overdue or soon due and not done:"
        ),
    }
}

/// The request that closes a reminder letter.
pub fn letter_request(reply_by: chrono::NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "Đề nghị đơn vị khẩn trương chỉ đạo thực hiện, hoàn thành các nhiệm vụ trên; báo cáo kết quả thực hiện (nêu rõ khó khăn, vướng mắc, đề xuất nếu có) về Văn phòng trước ngày {} để tổng hợp, báo cáo.",
            reply_by.format("%d/%m/%Y")
        ),
        Lang::En => format!(
            "Please complete these directives promptly and report the results (with any difficulty and proposal) to the Office before {}.",
            reply_by.format("%Y-%m-%d")
        ),
    }
}

/// A period that cannot be, for `report --from/--to/--month/--quarter`.
pub fn period_error(lang: Lang, e: &crate::report::period::PeriodError) -> String {
    use crate::report::period::PeriodError as E;
    match (lang, e) {
        (Lang::En, E::Reversed { from, to }) => format!(
            "the period starts ({from}) after it ends ({to}): --from must not be later than --to"
        ),
        (Lang::Vi, E::Reversed { from, to }) => format!(
            "kỳ báo cáo bắt đầu ({}) sau khi kết thúc ({}): --from không được sau --to",
            terms::date(lang, *from),
            terms::date(lang, *to)
        ),
        (Lang::En, E::NotAMonth(s)) => format!("\"{s}\" is not a month: use YYYY-MM, e.g. 2023-09"),
        (Lang::Vi, E::NotAMonth(s)) => {
            format!("\"{s}\" không phải là tháng: dùng YYYY-MM hoặc M/YYYY, ví dụ 2023-09, 9/2023")
        }
        (Lang::En, E::NotAQuarter(s)) => {
            format!("\"{s}\" is not a quarter: use YYYY-QN, e.g. 2023-Q3")
        }
        (Lang::Vi, E::NotAQuarter(s)) => {
            format!("\"{s}\" không phải là quý: dùng YYYY-QN, ví dụ 2023-Q3")
        }
    }
}

/// A report filter that names nothing in the workspace.
pub fn filter_error(lang: Lang, e: &crate::report::FilterError) -> String {
    use crate::report::FilterError as E;
    match (lang, e) {
        (Lang::En, E::UnknownUnit(u)) => {
            format!("unknown unit \"{u}\": not an owner id in dondoc.toml")
        }
        (Lang::Vi, E::UnknownUnit(u)) => {
            format!("không có đơn vị \"{u}\": không phải mã đơn vị trong dondoc.toml")
        }
        (_, E::UnknownGroup { group, groups }) => super::cli::unknown_group(lang, group, groups),
        (Lang::En, E::UnknownSource(s)) => format!(
            "no directive file matches \"{s}\": give its path in the workspace or its file name"
        ),
        (Lang::Vi, E::UnknownSource(s)) => format!(
            "không có tệp nhiệm vụ nào khớp \"{s}\": ghi đường dẫn trong thư mục dữ liệu hoặc tên tệp"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_rounds_to_a_tenth_and_uses_the_local_decimal_mark() {
        assert_eq!(percent(Some(2.0 / 3.0), Lang::En), "66.7%");
        assert_eq!(percent(Some(2.0 / 3.0), Lang::Vi), "66,7%");
        assert_eq!(percent(Some(0.5), Lang::Vi), "50%");
        assert_eq!(percent(Some(1.0), Lang::En), "100%");
        assert_eq!(percent(Some(0.0), Lang::En), "0%");
        assert_eq!(percent(None, Lang::En), "\u{2014}");
        assert_eq!(percent(Some(1999.0 / 2000.0), Lang::En), "99.9%");
        assert_eq!(percent(Some(1.0 / 2000.0), Lang::En), "0.1%");
    }

    #[test]
    fn the_date_line_as_offices_write_it() {
        let d = chrono::NaiveDate::from_ymd_opt(2023, 10, 5).unwrap();
        assert_eq!(
            date_line(Some("Bắc Kạn"), d, Lang::Vi),
            "Bắc Kạn, ngày 05 tháng 10 năm 2023"
        );
        assert_eq!(date_line(None, d, Lang::Vi), "Ngày 05 tháng 10 năm 2023");
        let feb = chrono::NaiveDate::from_ymd_opt(2024, 2, 1).unwrap();
        assert_eq!(date_line(None, feb, Lang::Vi), "Ngày 01 tháng 02 năm 2024");
        let sep = chrono::NaiveDate::from_ymd_opt(2023, 9, 30).unwrap();
        assert_eq!(date_line(None, sep, Lang::Vi), "Ngày 30 tháng 9 năm 2023");
        assert_eq!(
            date_line(Some("Bắc Kạn"), d, Lang::En),
            "Bắc Kạn, 5 October 2023"
        );
    }
}

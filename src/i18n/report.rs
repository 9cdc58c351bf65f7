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
}

//! Deadlines and dates as notices write them: "trước ngày 30/9/2023", "trước 30/9", "trong
//! tháng 10/2023", "trong quý IV/2023", "trước ngày 15 tháng 12 năm 2023", "năm 2023",
//! "thường xuyên". Pure.

use crate::fold::fold;
use chrono::{Datelike, NaiveDate};

/// What a text says about when a task is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    By(NaiveDate),
    /// "thường xuyên": no deadline, on purpose.
    Ongoing,
}

/// Words after which a date is a deadline.
const MARKERS: &[&str] = &[
    "truoc ngay",
    "truoc",
    "cham nhat ngay",
    "cham nhat la ngay",
    "cham nhat",
    "han chot",
    "thoi han",
    "han:",
    "den ngay",
    "xong trong",
    "hoan thanh trong",
    "trong",
    "ngay hoan thanh",
    "thoi gian hoan thanh",
    "thoi gian:",
];

/// The deadline a sentence gives, if any. `year` completes dates written without one
/// ("trước 30/9"), moved to the next year when that falls before `after`.
pub fn find_due(text: &str, year: i32, after: Option<NaiveDate>) -> Option<Due> {
    let f = fold(text);
    let mut best: Option<(usize, Due)> = None;
    for marker in MARKERS {
        let mut from = 0;
        while let Some(p) = f[from..].find(marker) {
            let at = from + p;
            from = at + marker.len();
            // Whole words only.
            if at > 0 && f[..at].chars().last().is_some_and(|c| c.is_alphanumeric()) {
                continue;
            }
            let rest = f[at + marker.len()..].trim_start_matches([' ', ':', ',']);
            if let Some(due) = parse_due_at(rest, year, after, false) {
                if best.as_ref().is_none_or(|(b, _)| at < *b) {
                    best = Some((at, due));
                }
            }
        }
    }
    if let Some((_, due)) = best {
        return Some(due);
    }
    if f.contains("thuong xuyen") {
        return Some(Due::Ongoing);
    }
    None
}

/// A whole cell or field given as a deadline ("30/9/2023", "Quý IV/2023", "Thường xuyên").
pub fn parse_due_cell(text: &str, year: i32, after: Option<NaiveDate>) -> Option<Due> {
    let f = fold(text);
    let f = f.trim();
    if f.is_empty() {
        return None;
    }
    if let Some(d) = parse_due_at(f, year, after, true) {
        return Some(d);
    }
    find_due(text, year, after)
}

/// A date expression at the start of folded text `s`.
fn parse_due_at(s: &str, year: i32, after: Option<NaiveDate>, bare_year: bool) -> Option<Due> {
    let s = s.trim_start();
    let s = s.strip_prefix("ngay ").unwrap_or(s).trim_start();
    if let Some(rest) = s.strip_prefix("thang ") {
        // "tháng 10/2023", "tháng 10 năm 2023", "tháng 10"
        let (m, rest) = number(rest)?;
        let y = year_after(rest).unwrap_or(year);
        return month_end(y, m).map(Due::By);
    }
    if let Some(rest) = s.strip_prefix("quy ") {
        let (q, rest) = roman_or_number(rest)?;
        if !(1..=4).contains(&q) {
            return None;
        }
        let y = year_after(rest).unwrap_or(year);
        return month_end(y, q * 3).map(Due::By);
    }
    if let Some(rest) = s.strip_prefix("nam ") {
        let (y, _) = number(rest)?;
        return (1900..=2200)
            .contains(&y)
            .then(|| NaiveDate::from_ymd_opt(y as i32, 12, 31))
            .flatten()
            .map(Due::By);
    }
    if let Some(rest) = s.strip_prefix("6 thang dau nam ") {
        let (y, _) = number(rest)?;
        return NaiveDate::from_ymd_opt(y as i32, 6, 30).map(Due::By);
    }
    if let Some(rest) = s.strip_prefix("cuoi nam") {
        let y = year_after(rest).unwrap_or(year);
        return NaiveDate::from_ymd_opt(y, 12, 31).map(Due::By);
    }
    if s.starts_with("thuong xuyen") {
        return Some(Due::Ongoing);
    }
    let (d, rest) = number(s)?;
    if bare_year && (1900..=2200).contains(&d) && rest.trim().is_empty() {
        return NaiveDate::from_ymd_opt(d as i32, 12, 31).map(Due::By);
    }
    // "15 tháng 12 năm 2023"
    if let Some(r) = rest.trim_start().strip_prefix("thang ") {
        let (m, r) = number(r)?;
        let y = year_after(r).map(|y| y as u32);
        return full_date(d, m, y, year, after).map(Due::By);
    }
    // "30/9/2023", "30/9", "30-9-2023", "30.9.2023"
    let sep = rest.chars().next()?;
    if !matches!(sep, '/' | '-' | '.') {
        return None;
    }
    let (m, r) = number(&rest[1..])?;
    let y = r
        .strip_prefix(sep)
        .and_then(number)
        .map(|(y, _)| if y < 100 { 2000 + y } else { y });
    full_date(d, m, y, year, after).map(Due::By)
}

fn full_date(
    d: u32,
    m: u32,
    y: Option<u32>,
    year: i32,
    after: Option<NaiveDate>,
) -> Option<NaiveDate> {
    match y {
        Some(y) => NaiveDate::from_ymd_opt(y as i32, m, d),
        None => {
            let date = NaiveDate::from_ymd_opt(year, m, d)?;
            match after {
                Some(a) if date < a => NaiveDate::from_ymd_opt(year + 1, m, d),
                _ => Some(date),
            }
        }
    }
}

/// "/2023", " năm 2023", "-2023" after a month or quarter.
fn year_after(rest: &str) -> Option<i32> {
    let r = rest.trim_start();
    let r = r
        .strip_prefix('/')
        .or_else(|| r.strip_prefix('-'))
        .or_else(|| r.strip_prefix("nam "))
        .map(str::trim_start)?;
    let (y, _) = number(r)?;
    (1900..=2200).contains(&y).then_some(y as i32)
}

fn number(s: &str) -> Option<(u32, &str)> {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    if end == 0 || end > 4 {
        return None;
    }
    Some((s[..end].parse().ok()?, &s[end..]))
}

fn roman_or_number(s: &str) -> Option<(u32, &str)> {
    if let Some(n) = number(s) {
        return Some(n);
    }
    let end = s
        .find(|c: char| !matches!(c, 'i' | 'v' | 'x'))
        .unwrap_or(s.len());
    let n = roman(&s[..end])?;
    Some((n, &s[end..]))
}

/// A small roman numeral, folded to lower case ("iv" → 4).
pub fn roman(s: &str) -> Option<u32> {
    const R: [&str; 20] = [
        "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv",
        "xv", "xvi", "xvii", "xviii", "xix", "xx",
    ];
    R.iter().position(|r| *r == s).map(|p| p as u32 + 1)
}

pub fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
}

/// The date of a document from its place-and-date line ("Bắc Kạn, ngày 28 tháng 8 năm 2023")
/// or a plain date ("28/8/2023").
pub fn document_date(line: &str) -> Option<NaiveDate> {
    let f = fold(line);
    let p = f.find("ngay ")?;
    match parse_due_at(&f[p..], 1970, None, false)? {
        Due::By(d) if d.year() > 1970 => Some(d),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<Due> {
        Some(Due::By(s.parse().unwrap()))
    }

    #[test]
    fn notices_deadlines() {
        let after = NaiveDate::from_ymd_opt(2023, 8, 28);
        let f = |s| find_due(s, 2023, after);
        assert_eq!(f("hoàn thành trước ngày 30/9/2023."), d("2023-09-30"));
        assert_eq!(f("báo cáo trước 30/9"), d("2023-09-30"));
        assert_eq!(f("báo cáo trước 15/01"), d("2024-01-15"));
        assert_eq!(f("thực hiện trong tháng 10/2023"), d("2023-10-31"));
        assert_eq!(f("hoàn thành trong quý IV/2023"), d("2023-12-31"));
        assert_eq!(f("xong trong Quý 3 năm 2023"), d("2023-09-30"));
        assert_eq!(f("trước ngày 15 tháng 12 năm 2023"), d("2023-12-15"));
        assert_eq!(f("hoàn thành trong năm 2023"), d("2023-12-31"));
        assert_eq!(f("(Thời hạn: 20/10/2023)"), d("2023-10-20"));
        assert_eq!(f("thực hiện thường xuyên"), Some(Due::Ongoing));
        assert_eq!(f("chào mừng Quốc khánh 02/9"), None);
    }

    #[test]
    fn cells() {
        assert_eq!(parse_due_cell("30/9/2023", 2023, None), d("2023-09-30"));
        assert_eq!(parse_due_cell("Quý IV/2023", 2023, None), d("2023-12-31"));
        assert_eq!(parse_due_cell("Năm 2024", 2023, None), d("2024-12-31"));
        assert_eq!(parse_due_cell("2024", 2023, None), d("2024-12-31"));
        assert_eq!(
            parse_due_cell("Thường xuyên", 2023, None),
            Some(Due::Ongoing)
        );
        assert_eq!(parse_due_cell("", 2023, None), None);
    }

    #[test]
    fn document_dates() {
        assert_eq!(
            document_date("Bắc Kạn, ngày 28 tháng 8 năm 2023"),
            NaiveDate::from_ymd_opt(2023, 8, 28)
        );
    }
}

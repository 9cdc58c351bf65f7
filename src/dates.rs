//! Dates as people type them, for the UI's prompts and the command line alike: `2023-11-30`,
//! `30/11/2023` (also `30-11-2023`, `1/2/2024`), `+N` days, and for an as-of date `-N` and
//! `today`/`hôm nay`. Pure; errors are data, worded by `i18n`.

use chrono::{Days, NaiveDate};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    Empty,
    /// Not in a form we know.
    NotADate(String),
    /// A well-formed date that the calendar does not have, e.g. 31/02/2024.
    NoSuchDay(String),
    /// Year outside 1900..=2200, or ±N beyond 100 years: surely a typo.
    OutOfRange(String),
}

/// A new deadline: `YYYY-MM-DD`, `DD/MM/YYYY` (also `D/M/YYYY` and `DD-MM-YYYY`), `+N` days from
/// `from` (the as-of date), or `-`/`none`/`không` to remove it. `Ok(None)` removes the deadline.
pub fn parse_deadline(input: &str, from: NaiveDate) -> Result<Option<NaiveDate>, DateError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(DateError::Empty);
    }
    if matches!(s.to_lowercase().as_str(), "-" | "none" | "không" | "khong") {
        return Ok(None);
    }
    let not_a_date = || DateError::NotADate(s.to_string());
    if let Some(days) = s.strip_prefix('+') {
        let days = days.trim().trim_end_matches(['d', 'D']);
        let n: u64 = days.parse().map_err(|_| not_a_date())?;
        if n > 36_500 {
            return Err(DateError::OutOfRange(s.to_string()));
        }
        return from
            .checked_add_days(Days::new(n))
            .map(Some)
            .ok_or_else(|| DateError::OutOfRange(s.to_string()));
    }
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    let [a, b, c] = parts[..] else {
        return Err(not_a_date());
    };
    if !(all_digits(a) && all_digits(b) && all_digits(c)) {
        return Err(not_a_date());
    }
    // Year first only in the ISO form; otherwise day/month/year as written in Vietnam.
    let (year, month, day) = if a.len() == 4 && s.contains('-') && !s.contains('/') {
        (num(a), num(b), num(c))
    } else if c.len() == 4 && a.len() <= 2 && b.len() <= 2 {
        (num(c), num(b), num(a))
    } else {
        return Err(not_a_date());
    };
    if !(1900..=2200).contains(&year) {
        return Err(DateError::OutOfRange(s.to_string()));
    }
    NaiveDate::from_ymd_opt(year as i32, month, day)
        .map(Some)
        .ok_or_else(|| DateError::NoSuchDay(s.to_string()))
}

/// A date that must be there (`--done-on`, a period's bounds): the deadline forms without the
/// ones that remove it.
pub fn parse_date(input: &str, from: NaiveDate) -> Result<NaiveDate, DateError> {
    match parse_deadline(input, from)? {
        Some(date) => Ok(date),
        None => Err(DateError::NotADate(input.trim().to_string())),
    }
}

/// A new as-of date: the deadline forms (`YYYY-MM-DD`, `DD/MM/YYYY`, `+N`), plus `-N` days
/// back, both counted from the `current` as-of date (to step through the weeks before a
/// meeting), and `today`/`hôm nay` for the clock's date. Never "no date".
pub fn parse_as_of(
    input: &str,
    current: NaiveDate,
    clock_today: NaiveDate,
) -> Result<NaiveDate, DateError> {
    let s = input.trim();
    if matches!(
        s.to_lowercase().as_str(),
        "today" | "hôm nay" | "hom nay" | "nay"
    ) {
        return Ok(clock_today);
    }
    if let Some(days) = s.strip_prefix('-').filter(|d| !d.trim().is_empty()) {
        let days = days.trim().trim_end_matches(['d', 'D']);
        let n: u64 = days
            .parse()
            .map_err(|_| DateError::NotADate(s.to_string()))?;
        if n > 36_500 {
            return Err(DateError::OutOfRange(s.to_string()));
        }
        return current
            .checked_sub_days(Days::new(n))
            .ok_or_else(|| DateError::OutOfRange(s.to_string()));
    }
    // "-", "none": a deadline can be removed, the as-of date cannot.
    parse_date(s, current)
}

/// A calendar month as (year, month): `2023-09`, `9/2023`, `09/2023` or `9-2023`. `None` when
/// it is none of these or the month is not 1 to 12.
pub fn parse_month(input: &str) -> Option<(i32, u32)> {
    let s = input.trim();
    let (a, b) = s.split_once(['-', '/', '.'])?;
    if !(all_digits(a) && all_digits(b)) {
        return None;
    }
    let (year, month) = if a.len() == 4 && b.len() <= 2 && s.contains('-') {
        (num(a), num(b))
    } else if b.len() == 4 && a.len() <= 2 {
        (num(b), num(a))
    } else {
        return None;
    };
    ((1..=12).contains(&month) && (1900..=2200).contains(&year)).then_some((year as i32, month))
}

fn all_digits(p: &str) -> bool {
    !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit())
}

fn num(p: &str) -> u32 {
    p.parse().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2023, 10, 15).unwrap()
    }

    fn ok(s: &str) -> Option<NaiveDate> {
        parse_deadline(s, today()).unwrap()
    }

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn accepts_the_three_forms() {
        assert_eq!(ok("2023-11-30"), day(2023, 11, 30));
        assert_eq!(ok(" 30/11/2023 "), day(2023, 11, 30));
        assert_eq!(ok("1/2/2024"), day(2024, 2, 1));
        assert_eq!(ok("29/02/2024"), day(2024, 2, 29));
        assert_eq!(ok("30-11-2023"), day(2023, 11, 30));
        assert_eq!(ok("+0"), day(2023, 10, 15));
        assert_eq!(ok("+30"), day(2023, 11, 14));
        assert_eq!(ok("+7d"), day(2023, 10, 22));
    }

    #[test]
    fn removing_the_deadline() {
        for s in ["-", "none", "None", "không", "khong"] {
            assert_eq!(ok(s), None, "{s}");
        }
    }

    #[test]
    fn refuses_impossible_dates_with_the_reason() {
        let err = |s: &str| parse_deadline(s, today()).unwrap_err();
        assert_eq!(err("31/02/2024"), DateError::NoSuchDay("31/02/2024".into()));
        assert_eq!(err("2023-02-29"), DateError::NoSuchDay("2023-02-29".into()));
        assert_eq!(err("2023-13-01"), DateError::NoSuchDay("2023-13-01".into()));
        assert_eq!(err("0/10/2023"), DateError::NoSuchDay("0/10/2023".into()));
        assert_eq!(err(""), DateError::Empty);
        assert_eq!(err("tomorrow"), DateError::NotADate("tomorrow".into()));
        assert_eq!(err("30/11"), DateError::NotADate("30/11".into()));
        assert_eq!(err("30/11/23"), DateError::NotADate("30/11/23".into()));
        assert_eq!(err("2023/11/30"), DateError::NotADate("2023/11/30".into()));
        assert_eq!(err("+x"), DateError::NotADate("+x".into()));
        assert_eq!(err("+-3"), DateError::NotADate("+-3".into()));
        assert_eq!(
            err("30/11/1023"),
            DateError::OutOfRange("30/11/1023".into())
        );
        assert_eq!(err("+99999"), DateError::OutOfRange("+99999".into()));
    }

    #[test]
    fn as_of_dates_step_from_the_current_one() {
        let clock = day(2024, 5, 20).unwrap();
        let as_of = |s: &str| parse_as_of(s, today(), clock);
        assert_eq!(as_of("2023-09-30"), Ok(day(2023, 9, 30).unwrap()));
        assert_eq!(as_of("1/10/2023"), Ok(day(2023, 10, 1).unwrap()));
        assert_eq!(as_of("+7"), Ok(day(2023, 10, 22).unwrap()));
        assert_eq!(as_of("-15"), Ok(day(2023, 9, 30).unwrap()));
        assert_eq!(as_of(" -1d "), Ok(day(2023, 10, 14).unwrap()));
        assert_eq!(as_of("today"), Ok(clock));
        assert_eq!(as_of("Hôm nay"), Ok(clock));
        assert_eq!(as_of("-"), Err(DateError::NotADate("-".into())));
        assert_eq!(as_of("none"), Err(DateError::NotADate("none".into())));
        assert_eq!(as_of("-x"), Err(DateError::NotADate("-x".into())));
        assert_eq!(as_of(""), Err(DateError::Empty));
        assert_eq!(
            as_of("31/02/2024"),
            Err(DateError::NoSuchDay("31/02/2024".into()))
        );
        assert_eq!(as_of("-99999"), Err(DateError::OutOfRange("-99999".into())));
    }

    #[test]
    fn dates_that_must_be_there_and_months() {
        assert_eq!(
            parse_date("15/10/2023", today()),
            Ok(day(2023, 10, 15).unwrap())
        );
        assert_eq!(parse_date("+1", today()), Ok(day(2023, 10, 16).unwrap()));
        assert_eq!(
            parse_date("none", today()),
            Err(DateError::NotADate("none".into()))
        );
        assert_eq!(parse_month("2023-09"), Some((2023, 9)));
        assert_eq!(parse_month("9/2023"), Some((2023, 9)));
        assert_eq!(parse_month(" 09/2023 "), Some((2023, 9)));
        assert_eq!(parse_month("12-2023"), Some((2023, 12)));
        for bad in [
            "13/2023", "0/2023", "2023/09", "2023-9-1", "9/23", "sept", "", "/2023",
        ] {
            assert_eq!(parse_month(bad), None, "{bad}");
        }
    }
}

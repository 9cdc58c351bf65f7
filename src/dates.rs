//! Parsing dates as people type them (deadlines, the as-of date). Pure, so every accepted and
//! refused form is tested.

use chrono::{Days, NaiveDate};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeadlineError {
    Empty,
    /// Not in a form we know.
    NotADate(String),
    /// A well-formed date that the calendar does not have, e.g. 31/02/2024.
    NoSuchDay(String),
    /// Year outside 1900..=2200, or +N beyond 100 years: surely a typo.
    OutOfRange(String),
}

/// A new deadline: `YYYY-MM-DD`, `DD/MM/YYYY` (also `D/M/YYYY` and `DD-MM-YYYY`), `+N` days from
/// `today`, or `-`/`none`/`không` to remove it. `Ok(None)` removes the deadline.
pub fn parse_deadline(input: &str, today: NaiveDate) -> Result<Option<NaiveDate>, DeadlineError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(DeadlineError::Empty);
    }
    if matches!(s.to_lowercase().as_str(), "-" | "none" | "không" | "khong") {
        return Ok(None);
    }
    let not_a_date = || DeadlineError::NotADate(s.to_string());
    if let Some(days) = s.strip_prefix('+') {
        let days = days.trim().trim_end_matches(['d', 'D']);
        let n: u64 = days.parse().map_err(|_| not_a_date())?;
        if n > 36_500 {
            return Err(DeadlineError::OutOfRange(s.to_string()));
        }
        return today
            .checked_add_days(Days::new(n))
            .map(Some)
            .ok_or_else(|| DeadlineError::OutOfRange(s.to_string()));
    }
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    let [a, b, c] = parts[..] else {
        return Err(not_a_date());
    };
    let all_digits =
        |p: &str| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit());
    if !(all_digits(a) && all_digits(b) && all_digits(c)) {
        return Err(not_a_date());
    }
    let num = |p: &str| p.parse::<u32>().unwrap_or(0);
    // Year first only in the ISO form; otherwise day/month/year as written in Vietnam.
    let (year, month, day) = if a.len() == 4 && s.contains('-') && !s.contains('/') {
        (num(a), num(b), num(c))
    } else if c.len() == 4 && a.len() <= 2 && b.len() <= 2 {
        (num(c), num(b), num(a))
    } else {
        return Err(not_a_date());
    };
    if !(1900..=2200).contains(&year) {
        return Err(DeadlineError::OutOfRange(s.to_string()));
    }
    NaiveDate::from_ymd_opt(year as i32, month, day)
        .map(Some)
        .ok_or_else(|| DeadlineError::NoSuchDay(s.to_string()))
}

/// A new as-of date for the whole UI: the deadline forms (`YYYY-MM-DD`, `DD/MM/YYYY`, `+N`),
/// plus `-N` days back, both counted from the `current` as-of date (to step through the
/// weeks before a meeting), and `today`/`hôm nay` for the clock's date. Never "no date".
pub fn parse_as_of(
    input: &str,
    current: NaiveDate,
    clock_today: NaiveDate,
) -> Result<NaiveDate, DeadlineError> {
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
            .map_err(|_| DeadlineError::NotADate(s.to_string()))?;
        if n > 36_500 {
            return Err(DeadlineError::OutOfRange(s.to_string()));
        }
        return current
            .checked_sub_days(Days::new(n))
            .ok_or_else(|| DeadlineError::OutOfRange(s.to_string()));
    }
    match parse_deadline(s, current)? {
        Some(date) => Ok(date),
        // "-", "none": a deadline can be removed, the as-of date cannot.
        None => Err(DeadlineError::NotADate(s.to_string())),
    }
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
        assert_eq!(
            err("31/02/2024"),
            DeadlineError::NoSuchDay("31/02/2024".into())
        );
        assert_eq!(
            err("2023-02-29"),
            DeadlineError::NoSuchDay("2023-02-29".into())
        );
        assert_eq!(
            err("2023-13-01"),
            DeadlineError::NoSuchDay("2023-13-01".into())
        );
        assert_eq!(
            err("0/10/2023"),
            DeadlineError::NoSuchDay("0/10/2023".into())
        );
        assert_eq!(err(""), DeadlineError::Empty);
        assert_eq!(err("tomorrow"), DeadlineError::NotADate("tomorrow".into()));
        assert_eq!(err("30/11"), DeadlineError::NotADate("30/11".into()));
        assert_eq!(err("30/11/23"), DeadlineError::NotADate("30/11/23".into()));
        assert_eq!(
            err("2023/11/30"),
            DeadlineError::NotADate("2023/11/30".into())
        );
        assert_eq!(err("+x"), DeadlineError::NotADate("+x".into()));
        assert_eq!(err("+-3"), DeadlineError::NotADate("+-3".into()));
        assert_eq!(
            err("30/11/1023"),
            DeadlineError::OutOfRange("30/11/1023".into())
        );
        assert_eq!(err("+99999"), DeadlineError::OutOfRange("+99999".into()));
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
        assert_eq!(as_of("-"), Err(DeadlineError::NotADate("-".into())));
        assert_eq!(as_of("none"), Err(DeadlineError::NotADate("none".into())));
        assert_eq!(as_of("-x"), Err(DeadlineError::NotADate("-x".into())));
        assert_eq!(as_of(""), Err(DeadlineError::Empty));
        assert_eq!(
            as_of("31/02/2024"),
            Err(DeadlineError::NoSuchDay("31/02/2024".into()))
        );
        assert_eq!(
            as_of("-99999"),
            Err(DeadlineError::OutOfRange("-99999".into()))
        );
    }
}

//! Which directives a report covers. Pure: no clock, no I/O.
//!
//! A period is a closed range of dates. A report on it covers
//! - the directives whose deadline falls in the period (whatever their status),
//! - plus those due before the period that are still not done and overdue as of the as-of
//!   date (the backlog a meeting must still chase),
//! - plus the directives with no deadline (ongoing, "thường xuyên") whose source is dated
//!   within the period: they have no deadline to place them, so the meeting that gave them
//!   places them. A source with no date places them in no period.
//!
//! With no period at all, every directive is covered.

use crate::i18n::Lang;
use chrono::{Datelike, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodKind {
    /// `--from DATE --to DATE`
    Range,
    /// `--month YYYY-MM`
    Month,
    /// `--quarter YYYY-QN`
    Quarter,
}

/// A closed range of dates: `from` and `to` are both in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub kind: PeriodKind,
}

/// A period that cannot be. The sentences are in `i18n::report`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeriodError {
    /// `--from` is later than `--to`.
    Reversed {
        from: NaiveDate,
        to: NaiveDate,
    },
    NotAMonth(String),
    NotAQuarter(String),
}

impl std::fmt::Display for PeriodError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::report::period_error(
            crate::i18n::Lang::En,
            self,
        ))
    }
}

impl std::error::Error for PeriodError {}

impl Period {
    pub fn range(from: NaiveDate, to: NaiveDate) -> Result<Period, PeriodError> {
        if from > to {
            return Err(PeriodError::Reversed { from, to });
        }
        Ok(Period {
            from,
            to,
            kind: PeriodKind::Range,
        })
    }

    /// `2023-09`: the first to the last day of that month.
    pub fn month(s: &str) -> Result<Period, PeriodError> {
        let bad = || PeriodError::NotAMonth(s.to_string());
        let (year, month) = s.trim().split_once('-').ok_or_else(bad)?;
        let year: i32 = parse_digits(year, 4).ok_or_else(bad)?;
        let month: u32 = parse_digits(month, 2).ok_or_else(bad)?;
        let (from, to) = month_bounds(year, month).ok_or_else(bad)?;
        Ok(Period {
            from,
            to,
            kind: PeriodKind::Month,
        })
    }

    /// `2023-Q3` (or `2023-q3`): July 1 to September 30.
    pub fn quarter(s: &str) -> Result<Period, PeriodError> {
        let bad = || PeriodError::NotAQuarter(s.to_string());
        let (year, q) = s.trim().split_once('-').ok_or_else(bad)?;
        let year: i32 = parse_digits(year, 4).ok_or_else(bad)?;
        let q = q.strip_prefix(['Q', 'q']).ok_or_else(bad)?;
        let q: u32 = parse_digits(q, 1).ok_or_else(bad)?;
        if !(1..=4).contains(&q) {
            return Err(bad());
        }
        let (from, _) = month_bounds(year, 3 * q - 2).ok_or_else(bad)?;
        let (_, to) = month_bounds(year, 3 * q).ok_or_else(bad)?;
        Ok(Period {
            from,
            to,
            kind: PeriodKind::Quarter,
        })
    }

    /// The period of the same length just before: the previous month or quarter, or as many
    /// days before a range.
    pub fn previous(&self) -> Period {
        match self.kind {
            PeriodKind::Month | PeriodKind::Quarter => {
                let months = if self.kind == PeriodKind::Month { 1 } else { 3 };
                let from = self
                    .from
                    .checked_sub_months(chrono::Months::new(months))
                    .unwrap_or(self.from);
                Period {
                    from,
                    to: self.from.pred_opt().unwrap_or(self.from),
                    kind: self.kind,
                }
            }
            PeriodKind::Range => {
                let days = (self.to - self.from).num_days() + 1;
                let to = self.from.pred_opt().unwrap_or(self.from);
                Period {
                    from: to - chrono::Duration::days(days - 1),
                    to,
                    kind: self.kind,
                }
            }
        }
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }

    /// "tháng 9/2023", "quý III/2023", "01/09/2023 – 30/09/2023"; or in English "September
    /// 2023", "Q3 2023", "2023-09-01 – 2023-09-30".
    pub fn label(&self, lang: Lang) -> String {
        match (self.kind, lang) {
            (PeriodKind::Month, Lang::Vi) => {
                format!("tháng {}/{}", self.from.month(), self.from.year())
            }
            (PeriodKind::Month, Lang::En) => self.from.format("%B %Y").to_string(),
            (PeriodKind::Quarter, Lang::Vi) => format!(
                "quý {}/{}",
                ["I", "II", "III", "IV"][self.from.month0() as usize / 3],
                self.from.year()
            ),
            (PeriodKind::Quarter, Lang::En) => {
                format!("Q{} {}", self.from.month0() / 3 + 1, self.from.year())
            }
            (PeriodKind::Range, _) => format!(
                "{} – {}",
                format_date(self.from, lang),
                format_date(self.to, lang)
            ),
        }
    }
}

/// Dates as people in each language write them: 15/10/2023 in Vietnamese, ISO in English.
pub fn format_date(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Vi => date.format("%d/%m/%Y").to_string(),
        Lang::En => date.format("%Y-%m-%d").to_string(),
    }
}

fn parse_digits<T: std::str::FromStr>(s: &str, len: usize) -> Option<T> {
    (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn month_bounds(year: i32, month: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    Some((first, next.pred_opt()?))
}

/// Why a directive is in a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inclusion {
    /// No period: everything is in.
    Everything,
    /// Its deadline falls in the period.
    DueInPeriod,
    /// Due before the period, still not done, overdue as of the as-of date.
    OverdueFromBefore,
    /// No deadline, and its source is dated within the period.
    OngoingFromPeriod,
}

/// Whether a directive with this deadline and state on `as_of` (from a source dated
/// `source_date`) belongs in a report on `period` by the due-date rule, and why; `None` when
/// it does not.
pub fn inclusion(
    period: Option<&Period>,
    deadline: Option<NaiveDate>,
    not_done: bool,
    source_date: Option<NaiveDate>,
    as_of: NaiveDate,
) -> Option<Inclusion> {
    let Some(period) = period else {
        return Some(Inclusion::Everything);
    };
    match deadline {
        Some(deadline) if period.contains(deadline) => Some(Inclusion::DueInPeriod),
        Some(deadline) if deadline < period.from && not_done && as_of > deadline => {
            Some(Inclusion::OverdueFromBefore)
        }
        Some(_) => None,
        None => source_date
            .is_some_and(|date| period.contains(date))
            .then_some(Inclusion::OngoingFromPeriod),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn months_and_quarters_have_their_calendar_bounds() {
        let feb = Period::month("2024-02").unwrap();
        assert_eq!((feb.from, feb.to), (date("2024-02-01"), date("2024-02-29")));
        let dec = Period::month("2023-12").unwrap();
        assert_eq!((dec.from, dec.to), (date("2023-12-01"), date("2023-12-31")));
        let q3 = Period::quarter("2023-Q3").unwrap();
        assert_eq!((q3.from, q3.to), (date("2023-07-01"), date("2023-09-30")));
        let q4 = Period::quarter("2023-q4").unwrap();
        assert_eq!((q4.from, q4.to), (date("2023-10-01"), date("2023-12-31")));
    }

    #[test]
    fn malformed_periods_are_refused_with_the_expected_shape() {
        for bad in ["2023-13", "2023-9", "23-09", "2023/09", "", "2023-00"] {
            let e = Period::month(bad).unwrap_err();
            assert!(e.to_string().contains("YYYY-MM"), "{bad}: {e}");
        }
        for bad in ["2023-Q5", "2023-Q0", "2023-3", "2023Q3", "2023-Q10"] {
            let e = Period::quarter(bad).unwrap_err();
            assert!(e.to_string().contains("YYYY-QN"), "{bad}: {e}");
        }
        assert!(Period::range(date("2023-10-02"), date("2023-10-01")).is_err());
        assert!(Period::range(date("2023-10-01"), date("2023-10-01")).is_ok());
    }

    #[test]
    fn labels_in_both_languages() {
        let q = Period::quarter("2023-Q3").unwrap();
        assert_eq!(q.label(Lang::Vi), "quý III/2023");
        assert_eq!(q.label(Lang::En), "Q3 2023");
        let m = Period::month("2023-09").unwrap();
        assert_eq!(m.label(Lang::Vi), "tháng 9/2023");
        assert_eq!(m.label(Lang::En), "September 2023");
        let r = Period::range(date("2023-09-01"), date("2023-09-15")).unwrap();
        assert_eq!(r.label(Lang::Vi), "01/09/2023 – 15/09/2023");
    }
}

//! The statuses and the timeliness table of docs/FORMAT.md: status, deadline and "today" give a
//! directive's timeliness.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The five statuses of docs/FORMAT.md, in the order the UI offers them (keys 1–5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Open,
    InProgress,
    Blocked,
    Done,
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Open,
        Status::InProgress,
        Status::Blocked,
        Status::Done,
        Status::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::InProgress => "in_progress",
            Status::Blocked => "blocked",
            Status::Done => "done",
            Status::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// Still to be done: counts as "open" work for a unit.
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Done | Status::Cancelled)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Derived from status, deadline and "today" (docs/FORMAT.md's table); never stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Timeliness {
    Overdue,
    DueSoon,
    OnTrack,
    Ongoing,
    OnTime,
    Late,
    /// Cancelled directives have no timeliness.
    None,
}

impl Timeliness {
    pub const ALL: [Timeliness; 7] = [
        Timeliness::Overdue,
        Timeliness::DueSoon,
        Timeliness::OnTrack,
        Timeliness::Ongoing,
        Timeliness::OnTime,
        Timeliness::Late,
        Timeliness::None,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Timeliness::Overdue => "overdue",
            Timeliness::DueSoon => "due_soon",
            Timeliness::OnTrack => "on_track",
            Timeliness::Ongoing => "ongoing",
            Timeliness::OnTime => "on_time",
            Timeliness::Late => "late",
            Timeliness::None => "none",
        }
    }

    pub fn parse(s: &str) -> Option<Timeliness> {
        let s = s.replace('-', "_");
        Timeliness::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

impl fmt::Display for Timeliness {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// docs/FORMAT.md's timeliness table.
pub fn timeliness(
    status: Status,
    deadline: Option<NaiveDate>,
    done_on: Option<NaiveDate>,
    today: NaiveDate,
    due_soon_days: i64,
) -> Timeliness {
    match status {
        Status::Cancelled => Timeliness::None,
        Status::Done => match (deadline, done_on) {
            (Some(deadline), Some(done)) if done > deadline => Timeliness::Late,
            _ => Timeliness::OnTime,
        },
        _ => match deadline {
            None => Timeliness::Ongoing,
            Some(deadline) if today > deadline => Timeliness::Overdue,
            Some(deadline) if (deadline - today).num_days() <= due_soon_days => Timeliness::DueSoon,
            Some(_) => Timeliness::OnTrack,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn timeliness_table() {
        let today = date("2023-10-15");
        let t = |st, dl: Option<&str>, done: Option<&str>| {
            timeliness(st, dl.map(date), done.map(date), today, 7)
        };
        use Status::*;
        assert_eq!(t(Done, None, Some("2023-10-01")), Timeliness::OnTime);
        assert_eq!(
            t(Done, Some("2023-10-01"), Some("2023-10-01")),
            Timeliness::OnTime
        );
        assert_eq!(
            t(Done, Some("2023-10-01"), Some("2023-10-02")),
            Timeliness::Late
        );
        assert_eq!(t(Cancelled, Some("2023-09-01"), None), Timeliness::None);
        assert_eq!(t(Open, None, None), Timeliness::Ongoing);
        assert_eq!(t(Blocked, None, None), Timeliness::Ongoing);
        assert_eq!(t(InProgress, Some("2023-10-14"), None), Timeliness::Overdue);
        // Deadline today is not yet overdue: it is due soon.
        assert_eq!(t(Open, Some("2023-10-15"), None), Timeliness::DueSoon);
        // Exactly due_soon_days ahead is still due soon; one more day is on track.
        assert_eq!(t(Open, Some("2023-10-22"), None), Timeliness::DueSoon);
        assert_eq!(t(Open, Some("2023-10-23"), None), Timeliness::OnTrack);
        assert_eq!(t(Blocked, Some("2023-10-14"), None), Timeliness::Overdue);
    }

    #[test]
    fn due_soon_days_zero_means_only_today() {
        let today = date("2023-10-15");
        assert_eq!(
            timeliness(Status::Open, Some(today), None, today, 0),
            Timeliness::DueSoon
        );
        assert_eq!(
            timeliness(Status::Open, Some(date("2023-10-16")), None, today, 0),
            Timeliness::OnTrack
        );
    }
}

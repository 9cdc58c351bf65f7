//! The state of a directive on a past date, from its log (format 1.1, "The state on a past
//! date"). Pure: every report, the dashboard and `list --as-of` count what [`state_on`] gives,
//! so "as of D" means the figures as they stood that day, not today's state seen on D's clock.

use crate::model::{timeliness, Directive, LogEntry, Status, Timeliness, Workspace};
use chrono::NaiveDate;

/// A directive as it stood on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StateOn {
    /// `Done` or `Cancelled` when it was; otherwise the latest status set on or before the
    /// date (open, in progress, blocked).
    pub status: Status,
    /// When it was done (only when `status` is `Done`).
    pub done_on: Option<NaiveDate>,
    /// The deadline in force that day.
    pub deadline: Option<NaiveDate>,
    pub timeliness: Timeliness,
}

/// The date of an entry, in its own offset; a time written without an offset still has a date.
pub fn entry_date(e: &LogEntry) -> Option<NaiveDate> {
    e.date()
        .or_else(|| e.at_text().get(..10).and_then(|s| s.parse().ok()))
}

fn on_or_before(e: &LogEntry, date: NaiveDate) -> bool {
    entry_date(e).is_some_and(|d| d <= date)
}

/// The state of `d` on `date`, or `None` when it did not exist yet (its `created` entry is
/// later). A log that records nothing after `date` gives the file's current state (the file is
/// the truth of today, even where a hand edit was not logged), except that a directive done
/// after `date` was not done on it.
pub fn state_on(d: &Directive, date: NaiveDate, due_soon_days: i64) -> Option<StateOn> {
    if d.log
        .iter()
        .find(|e| e.created)
        .and_then(entry_date)
        .is_some_and(|created| created > date)
    {
        return None;
    }
    let before: Vec<&LogEntry> = d.log.iter().filter(|e| on_or_before(e, date)).collect();
    let nothing_after = d
        .log
        .iter()
        .all(|e| entry_date(e).is_none_or(|x| x <= date));

    let deadline = if nothing_after {
        d.deadline
    } else if let Some(e) = before.iter().rev().find(|e| e.touches_deadline()) {
        e.deadline
    } else if let Some(created) = before.iter().find(|e| e.created) {
        created.deadline
    } else {
        d.first_deadline.or(d.deadline)
    };

    let latest_status = before.iter().rev().find_map(|e| e.status.map(|s| (*e, s)));
    let (status, done_on) = if d.status == Status::Done && d.done_on.is_some_and(|x| x <= date) {
        (Status::Done, d.done_on)
    } else if let Some((e, s)) = latest_status {
        if s == Status::Done {
            (
                Status::Done,
                e.done_on.or(d.done_on).or_else(|| entry_date(e)),
            )
        } else {
            (s, None)
        }
    } else if d.status == Status::Cancelled && !d.log.iter().any(|e| e.status.is_some()) {
        (Status::Cancelled, None)
    } else if d.status == Status::Done {
        // Done after the date, with no status logged before it.
        (Status::Open, None)
    } else if nothing_after || !d.log.iter().any(|e| e.status.is_some()) {
        (d.status, None)
    } else {
        (Status::Open, None)
    };
    let timeliness = timeliness(status, deadline, done_on, date, due_soon_days);
    Some(StateOn {
        status,
        done_on,
        deadline,
        timeliness,
    })
}

/// The workspace as it stood on `date`: each directive with its status, deadline and done
/// date on that day, without those that did not exist yet. For `list --as-of`, which then
/// lists and filters it as of `date`.
pub fn workspace_on(ws: &Workspace, date: NaiveDate) -> Workspace {
    let mut out = ws.clone();
    out.directives = ws
        .directives
        .iter()
        .filter_map(|d| {
            let s = state_on(d, date, ws.due_soon_days)?;
            Some(Directive {
                status: s.status,
                deadline: s.deadline,
                done_on: s.done_on,
                ..d.clone()
            })
        })
        .collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, FixedOffset};

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn at(s: &str) -> Option<DateTime<FixedOffset>> {
        Some(DateTime::parse_from_rfc3339(&format!("{s}T09:00:00+07:00")).unwrap())
    }

    fn entry(on: &str) -> LogEntry {
        LogEntry::new(at(on), "Nguyễn Văn A")
    }

    fn directive(status: Status, deadline: Option<&str>, log: Vec<LogEntry>) -> Directive {
        Directive {
            id: "x-01".into(),
            text: "t".into(),
            owner: "o".into(),
            support: vec![],
            issued_by: None,
            deadline: deadline.map(date),
            status,
            done_on: None,
            note: None,
            first_deadline: None,
            done_ref: None,
            draft: false,
            log,
            file: 0,
            line: 1,
            id_pos: (1, 1),
        }
    }

    fn state(
        d: &Directive,
        on: &str,
    ) -> Option<(Status, Option<NaiveDate>, Option<NaiveDate>, Timeliness)> {
        state_on(d, date(on), 7).map(|s| (s.status, s.done_on, s.deadline, s.timeliness))
    }

    #[test]
    fn done_late_and_recorded_later() {
        // Deadline 30/09, done on 05/10 but logged only on 12/10.
        let mut done = entry("2023-10-12");
        done.status = Some(Status::Done);
        done.done_on = Some(date("2023-10-05"));
        let mut started = entry("2023-09-10");
        started.status = Some(Status::InProgress);
        let mut d = directive(Status::Done, Some("2023-09-30"), vec![started, done]);
        d.done_on = Some(date("2023-10-05"));
        let dl = Some(date("2023-09-30"));
        assert_eq!(
            state(&d, "2023-09-01"),
            Some((Status::Open, None, dl, Timeliness::OnTrack))
        );
        assert_eq!(
            state(&d, "2023-09-25"),
            Some((Status::InProgress, None, dl, Timeliness::DueSoon))
        );
        assert_eq!(
            state(&d, "2023-10-04"),
            Some((Status::InProgress, None, dl, Timeliness::Overdue))
        );
        // Done on 05/10 by its done date, though nobody knew until 12/10.
        assert_eq!(
            state(&d, "2023-10-05"),
            Some((Status::Done, Some(date("2023-10-05")), dl, Timeliness::Late))
        );
        assert_eq!(
            state(&d, "2023-11-01"),
            Some((Status::Done, Some(date("2023-10-05")), dl, Timeliness::Late))
        );
    }

    #[test]
    fn reopened() {
        // Done 20/09, reopened 25/09 (the report was not accepted), done again 08/10.
        let mut done1 = entry("2023-09-20");
        done1.status = Some(Status::Done);
        done1.done_on = Some(date("2023-09-20"));
        let mut reopen = entry("2023-09-25");
        reopen.status = Some(Status::InProgress);
        reopen.extra_mut().cleared = vec!["done_on".into()];
        let mut done2 = entry("2023-10-08");
        done2.status = Some(Status::Done);
        done2.done_on = Some(date("2023-10-08"));
        let mut d = directive(Status::Done, Some("2023-09-30"), vec![done1, reopen, done2]);
        d.done_on = Some(date("2023-10-08"));
        let dl = Some(date("2023-09-30"));
        assert_eq!(
            state(&d, "2023-09-22"),
            Some((
                Status::Done,
                Some(date("2023-09-20")),
                dl,
                Timeliness::OnTime
            ))
        );
        assert_eq!(
            state(&d, "2023-09-26"),
            Some((Status::InProgress, None, dl, Timeliness::DueSoon))
        );
        assert_eq!(
            state(&d, "2023-10-01"),
            Some((Status::InProgress, None, dl, Timeliness::Overdue))
        );
        assert_eq!(
            state(&d, "2023-10-09"),
            Some((Status::Done, Some(date("2023-10-08")), dl, Timeliness::Late))
        );
    }

    #[test]
    fn extended_twice_then_undone_once() {
        // First deadline 30/09; extended to 31/10 on 25/09, to 30/11 on 20/10; that second
        // extension undone on 22/10 (back to 31/10).
        let mut ext1 = entry("2023-09-25");
        ext1.deadline = Some(date("2023-10-31"));
        let mut ext2 = entry("2023-10-20");
        ext2.deadline = Some(date("2023-11-30"));
        let mut undo = entry("2023-10-22");
        undo.deadline = Some(date("2023-10-31"));
        undo.undo = true;
        let mut d = directive(
            Status::InProgress,
            Some("2023-10-31"),
            vec![ext1, ext2, undo],
        );
        d.first_deadline = Some(date("2023-09-30"));
        let deadline = |on: &str| state(&d, on).unwrap().2;
        assert_eq!(deadline("2023-09-24"), Some(date("2023-09-30")));
        assert_eq!(deadline("2023-09-25"), Some(date("2023-10-31")));
        assert_eq!(deadline("2023-10-21"), Some(date("2023-11-30")));
        assert_eq!(deadline("2023-10-22"), Some(date("2023-10-31")));
        assert_eq!(d.extensions(), 1);
        // On 24/09 it was due soon (deadline 30/09); the extension of 25/09 is not
        // back-dated: on 01/10 it counts against 31/10.
        assert_eq!(state(&d, "2023-09-24").unwrap().3, Timeliness::DueSoon);
        assert_eq!(state(&d, "2023-10-01").unwrap().3, Timeliness::OnTrack);
        // The status was never logged: the current one holds throughout.
        assert_eq!(state(&d, "2023-09-01").unwrap().0, Status::InProgress);
    }

    #[test]
    fn created_after_the_date_did_not_exist() {
        let mut created = entry("2023-10-02");
        created.created = true;
        created.status = Some(Status::Open);
        created.deadline = Some(date("2023-10-31"));
        let d = directive(Status::Open, Some("2023-10-31"), vec![created]);
        assert_eq!(state(&d, "2023-10-01"), None);
        assert_eq!(
            state(&d, "2023-10-02"),
            Some((
                Status::Open,
                None,
                Some(date("2023-10-31")),
                Timeliness::OnTrack
            ))
        );
    }

    #[test]
    fn cancelled_with_no_status_logged_is_cancelled_throughout_and_otherwise_from_its_entry() {
        let d = directive(Status::Cancelled, Some("2023-09-30"), vec![]);
        assert_eq!(state(&d, "2023-09-01").unwrap().3, Timeliness::None);
        let mut cancel = entry("2023-09-20");
        cancel.status = Some(Status::Cancelled);
        let d = directive(Status::Cancelled, Some("2023-09-30"), vec![cancel]);
        assert_eq!(state(&d, "2023-09-19").unwrap().0, Status::Open);
        assert_eq!(state(&d, "2023-09-20").unwrap().0, Status::Cancelled);
    }

    #[test]
    fn the_workspace_on_a_date_has_each_directive_as_it_stood() {
        let mut created = entry("2023-10-02");
        created.created = true;
        let later = directive(Status::Open, Some("2023-10-31"), vec![created]);
        let mut done = entry("2023-09-28");
        done.status = Some(Status::Done);
        done.done_on = Some(date("2023-09-28"));
        let mut was_done = directive(Status::Done, Some("2023-09-30"), vec![done]);
        was_done.id = "x-02".into();
        was_done.done_on = Some(date("2023-09-28"));
        let ws = Workspace {
            due_soon_days: 7,
            directives: vec![later, was_done],
            ..Workspace::default()
        };
        let on = workspace_on(&ws, date("2023-09-25"));
        assert_eq!(on.directives.len(), 1);
        let d = &on.directives[0];
        assert_eq!(
            (d.id.as_str(), d.status, d.done_on),
            ("x-02", Status::Open, None)
        );
        assert_eq!(on.timeliness(d, date("2023-09-25")), Timeliness::DueSoon);
    }

    #[test]
    fn a_cleared_deadline_was_ongoing_from_that_day() {
        let mut clear = entry("2023-09-10");
        clear.extra_mut().cleared = vec!["deadline".into()];
        let mut later = entry("2023-10-01");
        later.note = Some("tiến độ".into());
        let mut d = directive(Status::InProgress, None, vec![clear, later]);
        d.first_deadline = Some(date("2023-09-05"));
        assert_eq!(state(&d, "2023-09-09").unwrap().3, Timeliness::Overdue);
        assert_eq!(state(&d, "2023-09-10").unwrap().3, Timeliness::Ongoing);
    }
}

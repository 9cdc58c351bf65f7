//! The figures of a unit, a group or the whole report, their rates, and the ranking of
//! units worst first.

use crate::model::Timeliness;
use std::cmp::Ordering;

/// Counts of directives in each bucket. See the module documentation for the definitions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Figures {
    /// Done plus not done; cancelled directives are not in it.
    pub total: usize,
    pub on_time: usize,
    pub late: usize,
    /// Not done, deadline not passed; includes `due_soon`.
    pub within: usize,
    pub due_soon: usize,
    pub overdue: usize,
    /// No deadline, not done.
    pub ongoing: usize,
    pub cancelled: usize,
    /// Overdue by more than 30 days (a part of `overdue`).
    pub overdue_30: usize,
    /// Overdue by more than 90 days (a part of `overdue_30`).
    pub overdue_90: usize,
}

impl Figures {
    pub fn count(&mut self, t: Timeliness) {
        if t != Timeliness::None {
            self.total += 1;
        }
        match t {
            Timeliness::OnTime => self.on_time += 1,
            Timeliness::Late => self.late += 1,
            Timeliness::DueSoon => {
                self.within += 1;
                self.due_soon += 1;
            }
            Timeliness::OnTrack => self.within += 1,
            Timeliness::Overdue => self.overdue += 1,
            Timeliness::Ongoing => self.ongoing += 1,
            Timeliness::None => self.cancelled += 1,
        }
    }

    /// Counts a directive overdue by `days` in the ageing columns.
    pub(super) fn count_age(&mut self, days: i64) {
        if days > 30 {
            self.overdue_30 += 1;
        }
        if days > 90 {
            self.overdue_90 += 1;
        }
    }

    pub fn add(&mut self, other: &Figures) {
        self.total += other.total;
        self.on_time += other.on_time;
        self.late += other.late;
        self.within += other.within;
        self.due_soon += other.due_soon;
        self.overdue += other.overdue;
        self.ongoing += other.ongoing;
        self.cancelled += other.cancelled;
        self.overdue_30 += other.overdue_30;
        self.overdue_90 += other.overdue_90;
    }

    pub fn done(&self) -> usize {
        self.on_time + self.late
    }

    /// Not done: within (with due soon), ongoing and overdue (chưa hoàn thành).
    pub fn not_done(&self) -> usize {
        self.within + self.ongoing + self.overdue
    }

    /// Not done and not overdue: what documents call "trong hạn" (ongoing ones included).
    pub fn within_with_ongoing(&self) -> usize {
        self.within + self.ongoing
    }

    /// Done, or should have been: the completion rate's denominator.
    pub fn fallen_due(&self) -> usize {
        self.done() + self.overdue
    }

    /// (on_time + late) / (on_time + late + overdue); `None` when nothing has fallen due.
    pub fn completion_rate(&self) -> Option<f64> {
        ratio(self.done(), self.fallen_due())
    }

    /// on_time / (on_time + late); `None` when nothing is done.
    pub fn on_time_rate(&self) -> Option<f64> {
        ratio(self.on_time, self.done())
    }
}

fn ratio(num: usize, den: usize) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

/// The ranking within a group, worst first: lowest completion rate first (a unit with an
/// overdue directive is below 100%, so it comes before every unit without one), then more
/// overdue, then lowest on-time rate, then more done late. Units with nothing fallen due
/// (completion rate `None`) come last. Ties keep the registry order (the caller's tie-break).
pub fn worse_first(a: &Figures, b: &Figures) -> Ordering {
    rate_ascending_none_last(a.completion_rate(), b.completion_rate())
        .then(b.overdue.cmp(&a.overdue))
        .then(rate_ascending_none_last(a.on_time_rate(), b.on_time_rate()))
        .then(b.late.cmp(&a.late))
}

fn rate_ascending_none_last(a: Option<f64>, b: Option<f64>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(on_time: usize, late: usize, overdue: usize) -> Figures {
        Figures {
            total: on_time + late + overdue,
            on_time,
            late,
            overdue,
            ..Figures::default()
        }
    }

    #[test]
    fn rates_follow_the_formulas_and_are_none_on_zero_denominators() {
        let f = figures(2, 1, 1);
        assert_eq!(f.completion_rate(), Some(0.75));
        assert_eq!(f.on_time_rate(), Some(2.0 / 3.0));
        let only_overdue = figures(0, 0, 3);
        assert_eq!(only_overdue.completion_rate(), Some(0.0));
        assert_eq!(only_overdue.on_time_rate(), None);
        assert_eq!(Figures::default().completion_rate(), None);
    }

    #[test]
    fn ranking_puts_overdue_units_first_and_nothing_due_last() {
        let mut list = [
            ("nothing", Figures::default()),
            ("all-done-late", figures(0, 2, 0)),
            ("half", figures(1, 0, 1)),
            ("all-on-time", figures(3, 0, 0)),
            ("none-done", figures(0, 0, 1)),
            ("none-done-more", figures(0, 0, 4)),
        ];
        list.sort_by(|a, b| worse_first(&a.1, &b.1));
        let order: Vec<&str> = list.iter().map(|(n, _)| *n).collect();
        assert_eq!(
            order,
            [
                "none-done-more",
                "none-done",
                "half",
                "all-done-late",
                "all-on-time",
                "nothing"
            ]
        );
    }
}

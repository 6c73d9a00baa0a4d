//! The annual figures Social Sundhed publishes, as plain functions over
//! what storage reads: brobygninger and volunteer hours by programme and
//! month, who was an active brobygger at some time in the year, who
//! finished the preparation course in it.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::Code;
use super::brobygning::{History, Programme, status_on};
use super::volunteer::VolunteerStatus;

/// One group of brobygninger as storage sums them: a day, a programme,
/// whether briefing and debriefing took place, how many, their minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted {
    pub done_on: NaiveDate,
    pub programme: Programme,
    pub briefing: bool,
    pub debriefing: bool,
    pub count: i64,
    pub minutes: i64,
}

/// Brobygninger summed: how many per programme (in `Programme::ALL`'s
/// order), minutes, briefings and debriefings held.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub count: i64,
    pub minutes: i64,
    /// (programme, count) for every programme, zeros included.
    pub by_programme: Vec<(Programme, i64)>,
    pub briefings: i64,
    pub debriefings: i64,
}

impl Totals {
    pub fn of<'a>(groups: impl IntoIterator<Item = &'a Counted>) -> Totals {
        let mut t = Totals {
            by_programme: Programme::ALL.iter().map(|p| (*p, 0)).collect(),
            ..Totals::default()
        };
        for g in groups {
            t.count += g.count;
            t.minutes += g.minutes;
            if g.briefing {
                t.briefings += g.count;
            }
            if g.debriefing {
                t.debriefings += g.count;
            }
            if let Some(slot) = t.by_programme.iter_mut().find(|(p, _)| *p == g.programme) {
                slot.1 += g.count;
            }
        }
        t
    }

    /// How many of one programme.
    pub fn of_programme(&self, programme: Programme) -> i64 {
        self.by_programme
            .iter()
            .find(|(p, _)| *p == programme)
            .map(|(_, n)| *n)
            .unwrap_or(0)
    }
}

/// The year's twelve months, each with its totals.
pub fn by_month(year: i32, groups: &[Counted]) -> Vec<Totals> {
    (1..=12)
        .map(|m| {
            Totals::of(
                groups
                    .iter()
                    .filter(|g| g.done_on.year() == year && g.done_on.month() == m),
            )
        })
        .collect()
}

/// Whether someone was an active brobygger at some time in `[from, to]`
/// (Copenhagen days): active at the start, or made active during it.
pub fn active_in(changes: &History, from: NaiveDate, to: NaiveDate) -> bool {
    let before = from.pred_opt().unwrap_or(from);
    status_on(changes, before) == Some(VolunteerStatus::Active)
        || changes
            .iter()
            .any(|(on, _, s)| *s == VolunteerStatus::Active && *on >= from && *on <= to)
}

/// Whether someone finished the preparation course and was activated in
/// `[from, to]`: a change to active from approved or in training (not a
/// return from a pause, not an import of someone trained before Brobyg).
pub fn trained_in(changes: &History, from: NaiveDate, to: NaiveDate) -> bool {
    changes.iter().any(|(on, before, s)| {
        *s == VolunteerStatus::Active
            && matches!(
                before,
                Some(VolunteerStatus::Approved | VolunteerStatus::InTraining)
            )
            && *on >= from
            && *on <= to
    })
}

/// Minutes as hours, rounded to whole hours for the published figure.
pub fn whole_hours(minutes: i64) -> i64 {
    (minutes + 30) / 60
}

#[cfg(test)]
mod tests {
    use super::*;
    use VolunteerStatus::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn counted(day: &str, programme: Programme, briefing: bool, count: i64) -> Counted {
        Counted {
            done_on: d(day),
            programme,
            briefing,
            debriefing: !briefing,
            count,
            minutes: count * 240,
        }
    }

    #[test]
    fn totals_add_up_by_programme_and_by_month() {
        let groups = [
            counted("2025-01-10", Programme::Health, true, 2),
            counted("2025-01-11", Programme::Social, false, 1),
            counted("2025-03-01", Programme::Health, true, 3),
        ];
        let t = Totals::of(&groups);
        assert_eq!(t.count, 6);
        assert_eq!(t.minutes, 6 * 240);
        assert_eq!(t.of_programme(Programme::Health), 5);
        assert_eq!(t.of_programme(Programme::Association), 0);
        assert_eq!(t.by_programme.len(), 3);
        assert_eq!((t.briefings, t.debriefings), (5, 1));
        let months = by_month(2025, &groups);
        assert_eq!(months.len(), 12);
        assert_eq!(months[0].count, 3);
        assert_eq!(months[1].count, 0);
        assert_eq!(months[2].count, 3);
    }

    #[test]
    fn active_at_some_time_in_the_year() {
        let from = d("2025-01-01");
        let to = d("2025-12-31");
        let since_before = [(d("2024-05-01"), Some(InTraining), Active)];
        assert!(active_in(&since_before, from, to));
        let left_before = [
            (d("2024-05-01"), Some(InTraining), Active),
            (d("2024-12-01"), Some(Active), Alumni),
        ];
        assert!(!active_in(&left_before, from, to));
        let in_year = [(d("2025-11-01"), Some(InTraining), Active)];
        assert!(active_in(&in_year, from, to));
        let next_year = [(d("2026-01-01"), Some(InTraining), Active)];
        assert!(!active_in(&next_year, from, to));
        let paused_all_year = [
            (d("2024-05-01"), Some(InTraining), Active),
            (d("2024-12-01"), Some(Active), Paused),
        ];
        assert!(!active_in(&paused_all_year, from, to));
    }

    #[test]
    fn trained_means_activated_after_the_course_in_the_year() {
        let from = d("2025-01-01");
        let to = d("2025-12-31");
        assert!(trained_in(
            &[(d("2025-03-01"), Some(InTraining), Active)],
            from,
            to
        ));
        assert!(!trained_in(
            &[(d("2025-03-01"), Some(Paused), Active)],
            from,
            to
        ));
        assert!(!trained_in(&[(d("2025-03-01"), None, Active)], from, to));
        assert!(!trained_in(
            &[(d("2024-03-01"), Some(Approved), Active)],
            from,
            to
        ));
        assert_eq!(whole_hours(12_976 * 60 + 29), 12_976);
    }
}

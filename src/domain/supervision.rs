//! Supervision: the rolling window within which an active brobygger must
//! have attended supervision, the formats of a supervision session, and
//! requests for individual supervision. Plain rules over dates; the
//! database side is `db::supervision`.

use crate::domain::Code;
use chrono::{Months, NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::validation::Invalid;
use super::volunteer::VolunteerStatus;

/// The window when a branch has not chosen one.
pub const DEFAULT_WINDOW_MONTHS: i32 = 3;
/// The longest window a branch may choose.
pub const MAX_WINDOW_MONTHS: i32 = 24;
/// A volunteer is reminded this many days before they become overdue.
pub const DUE_SOON_DAYS: i64 = 14;
/// Coordinators answer a request for individual supervision within this
/// many days (an accompaniment that went badly should not wait long).
pub const REQUEST_RESPONSE_DAYS: i64 = 3;

/// Group supervision is planned for many and volunteers sign up; individual
/// supervision is planned for one volunteer, usually after a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Group,
    Individual,
}

impl Code for Format {
    const ALL: &'static [Format] = &[Format::Group, Format::Individual];

    fn as_str(self) -> &'static str {
        match self {
            Format::Group => "group",
            Format::Individual => "individual",
        }
    }
}

/// Who supervises: one of the branch's staff, or an external supervisor
/// (a psychologist, say).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SupervisorKind {
    Staff,
    External,
}

impl Code for SupervisorKind {
    const ALL: &'static [SupervisorKind] = &[SupervisorKind::Staff, SupervisorKind::External];

    fn as_str(self) -> &'static str {
        match self {
            SupervisorKind::Staff => "staff",
            SupervisorKind::External => "external",
        }
    }
}

/// How a request for individual supervision stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    Open,
    /// An individual session was planned for the volunteer.
    Scheduled,
    /// Answered another way, e.g. a phone call.
    Handled,
}

impl Code for RequestStatus {
    const ALL: &'static [RequestStatus] = &[
        RequestStatus::Open,
        RequestStatus::Scheduled,
        RequestStatus::Handled,
    ];

    fn as_str(self) -> &'static str {
        match self {
            RequestStatus::Open => "open",
            RequestStatus::Scheduled => "scheduled",
            RequestStatus::Handled => "handled",
        }
    }
}

/// A branch's window in months, as typed on the settings page.
pub fn window_months(input: &str) -> Result<i32, Invalid> {
    let v = input.trim();
    if v.is_empty() {
        return Err(Invalid("error-required"));
    }
    match v.parse::<i32>() {
        Ok(n) if (1..=MAX_WINDOW_MONTHS).contains(&n) => Ok(n),
        _ => Err(Invalid("error-supervision-window")),
    }
}

/// A stretch of days on pause: from `start` up to but not including `end`
/// (`None`: still on pause).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pause {
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
}

/// The pauses in a volunteer's status history: each change to paused up to
/// the next change away from it. `changes` are (date, from, to) in the order
/// they happened.
pub fn pauses(changes: &[(NaiveDate, Option<VolunteerStatus>, VolunteerStatus)]) -> Vec<Pause> {
    let mut out: Vec<Pause> = Vec::new();
    for (on, from, to) in changes {
        if *to == VolunteerStatus::Paused {
            out.push(Pause {
                start: *on,
                end: None,
            });
        } else if *from == Some(VolunteerStatus::Paused)
            && let Some(open) = out.last_mut().filter(|p| p.end.is_none())
        {
            open.end = Some(*on);
        }
    }
    out
}

/// Days on pause from `since` up to `today`, counting each day once.
pub fn paused_days(pauses: &[Pause], since: NaiveDate, today: NaiveDate) -> i64 {
    pauses
        .iter()
        .map(|p| {
            let from = p.start.max(since);
            let to = p.end.unwrap_or(today).min(today);
            (to - from).num_days().max(0)
        })
        .sum()
}

/// When supervision is next due: the start (the last supervision attended,
/// or activation if never) plus the window, pushed back by every day spent
/// on pause since the start.
pub fn due_on(
    start: NaiveDate,
    window_months: i32,
    pauses: &[Pause],
    today: NaiveDate,
) -> NaiveDate {
    let months = Months::new(u32::try_from(window_months.max(1)).unwrap_or(3));
    let base = start.checked_add_months(months).unwrap_or(start);
    base + chrono::Duration::days(paused_days(pauses, start, today))
}

/// Where a volunteer stands against the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Comfortably within the window.
    Ok,
    /// Due within `DUE_SOON_DAYS`.
    DueSoon,
    Overdue,
    /// On pause: exempt while it lasts.
    Paused,
}

impl Code for Standing {
    const ALL: &'static [Standing] = &[
        Standing::Overdue,
        Standing::DueSoon,
        Standing::Ok,
        Standing::Paused,
    ];

    fn as_str(self) -> &'static str {
        match self {
            Standing::Ok => "ok",
            Standing::DueSoon => "due_soon",
            Standing::Overdue => "overdue",
            Standing::Paused => "paused",
        }
    }
}

/// What the rule says about one volunteer today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Status {
    pub standing: Standing,
    pub due_on: NaiveDate,
    /// Days until the due date; negative when overdue.
    pub days_left: i64,
}

/// The facts the rule needs about one volunteer.
#[derive(Debug, Clone)]
pub struct Record {
    pub paused_now: bool,
    /// The last supervision attended, if any.
    pub last_attended: Option<NaiveDate>,
    /// When they last became active (not counting coming back from a pause).
    pub activated_on: NaiveDate,
    pub pauses: Vec<Pause>,
}

pub fn status(record: &Record, window_months: i32, today: NaiveDate) -> Status {
    let start = record.last_attended.unwrap_or(record.activated_on);
    let due = due_on(start, window_months, &record.pauses, today);
    let days_left = (due - today).num_days();
    let standing = if record.paused_now {
        Standing::Paused
    } else if days_left < 0 {
        Standing::Overdue
    } else if days_left <= DUE_SOON_DAYS {
        Standing::DueSoon
    } else {
        Standing::Ok
    };
    Status {
        standing,
        due_on: due,
        days_left,
    }
}

/// The due date kept on the volunteer's record, for the overview to sort
/// and count on: `status`'s due date, except that an ongoing pause counts
/// only up to its start. So the stored date holds still from day to day;
/// it changes only with the rule's inputs (supervision attended, a status
/// change, the branch's window), which store it again.
pub fn stored_due_on(record: &Record, window_months: i32, today: NaiveDate) -> NaiveDate {
    let start = record.last_attended.unwrap_or(record.activated_on);
    let as_of = match record.pauses.last() {
        Some(p) if record.paused_now && p.end.is_none() => p.start.min(today),
        _ => today,
    };
    due_on(start, window_months, &record.pauses, as_of)
}

/// The stored due dates that put an active volunteer in each standing on
/// `today` (the same lines as `status`): overdue before the first date,
/// due soon from it up to and including the second, in good time after.
pub fn due_bounds(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    (today, today + chrono::Duration::days(DUE_SOON_DAYS))
}

/// The overview's order: overdue first (the longest overdue at the top),
/// then by the days left; those on pause last, whatever their dates (the
/// page lists them by name).
pub fn overview_order(a: &Status, b: &Status) -> std::cmp::Ordering {
    let paused = |s: &Status| s.standing == Standing::Paused;
    match (paused(a), paused(b)) {
        (false, false) => a.days_left.cmp(&b.days_left),
        (pa, pb) => pa.cmp(&pb),
    }
}

/// The time by which coordinators answer a request made at `at`.
pub fn respond_by(at: NaiveDateTime) -> NaiveDateTime {
    at + chrono::Duration::days(REQUEST_RESPONSE_DAYS)
}

/// How a branch's active and paused brobyggere stand against the
/// supervision window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Compliance {
    /// Every standing with how many are in it, in `Standing::ALL` order.
    pub counts: Vec<(Standing, i64)>,
    /// Active brobyggere (those on pause are exempt and left out).
    pub active: i64,
    /// Share of the active who are within the window (ok or due soon).
    pub within_percent: Option<i64>,
}

pub fn compliance(standings: impl IntoIterator<Item = Standing>) -> Compliance {
    let mut counts: Vec<(Standing, i64)> = Standing::ALL.iter().map(|&s| (s, 0)).collect();
    for standing in standings {
        if let Some(c) = counts.iter_mut().find(|(s, _)| *s == standing) {
            c.1 += 1;
        }
    }
    let get = |s: Standing| counts.iter().find(|(c, _)| *c == s).map_or(0, |(_, n)| *n);
    let within = get(Standing::Ok) + get(Standing::DueSoon);
    let active = within + get(Standing::Overdue);
    Compliance {
        within_percent: (active > 0)
            .then(|| ((within * 100) as f64 / active as f64).round() as i64),
        active,
        counts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compliance_counts_the_active_within_the_window() {
        let c = compliance([
            Standing::Ok,
            Standing::DueSoon,
            Standing::Overdue,
            Standing::Overdue,
            Standing::Paused,
        ]);
        assert_eq!(c.active, 4, "paused volunteers are exempt");
        assert_eq!(c.within_percent, Some(50));
        assert_eq!(c.counts.len(), Standing::ALL.len());
        assert!(c.counts.contains(&(Standing::Overdue, 2)));
        assert_eq!(compliance([Standing::Paused]).within_percent, None);
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn record(last: Option<&str>, activated: &str, pauses: Vec<Pause>, now: bool) -> Record {
        Record {
            paused_now: now,
            last_attended: last.map(d),
            activated_on: d(activated),
            pauses,
        }
    }

    #[test]
    fn due_three_months_after_the_last_supervision() {
        let r = record(Some("2026-08-20"), "2025-01-01", vec![], false);
        let s = status(&r, 3, d("2026-10-01"));
        assert_eq!(s.due_on, d("2026-11-20"));
        assert_eq!(s.days_left, 50);
        assert_eq!(s.standing, Standing::Ok);
    }

    #[test]
    fn never_supervised_counts_from_activation() {
        let r = record(None, "2026-09-01", vec![], false);
        assert_eq!(status(&r, 3, d("2026-09-02")).due_on, d("2026-12-01"));
        assert_eq!(status(&r, 6, d("2026-09-02")).due_on, d("2027-03-01"));
    }

    #[test]
    fn due_soon_within_fourteen_days_and_overdue_after() {
        let r = record(Some("2026-08-20"), "2025-01-01", vec![], false);
        assert_eq!(status(&r, 3, d("2026-11-05")).standing, Standing::Ok);
        assert_eq!(status(&r, 3, d("2026-11-06")).standing, Standing::DueSoon);
        assert_eq!(status(&r, 3, d("2026-11-20")).standing, Standing::DueSoon);
        let late = status(&r, 3, d("2026-11-21"));
        assert_eq!(late.standing, Standing::Overdue);
        assert_eq!(late.days_left, -1);
    }

    #[test]
    fn month_ends_are_clamped() {
        let r = record(Some("2026-11-30"), "2025-01-01", vec![], false);
        assert_eq!(status(&r, 3, d("2026-12-01")).due_on, d("2027-02-28"));
    }

    #[test]
    fn days_on_pause_since_the_start_do_not_count() {
        // Ten days of pause after the last supervision push the date back.
        let pause = Pause {
            start: d("2026-09-01"),
            end: Some(d("2026-09-11")),
        };
        let r = record(Some("2026-08-20"), "2025-01-01", vec![pause], false);
        let s = status(&r, 3, d("2026-11-25"));
        assert_eq!(s.due_on, d("2026-11-30"));
        assert_eq!(s.standing, Standing::DueSoon);
    }

    #[test]
    fn pauses_before_the_start_do_not_count() {
        let pause = Pause {
            start: d("2026-06-01"),
            end: Some(d("2026-07-01")),
        };
        let r = record(Some("2026-08-20"), "2025-01-01", vec![pause], false);
        assert_eq!(status(&r, 3, d("2026-10-01")).due_on, d("2026-11-20"));
        // A pause that began before the start counts only from the start.
        let across = Pause {
            start: d("2026-08-10"),
            end: Some(d("2026-08-25")),
        };
        let r = record(Some("2026-08-20"), "2025-01-01", vec![across], false);
        assert_eq!(status(&r, 3, d("2026-10-01")).due_on, d("2026-11-25"));
    }

    #[test]
    fn never_overdue_while_on_pause() {
        let pause = Pause {
            start: d("2026-10-01"),
            end: None,
        };
        let r = record(Some("2026-05-01"), "2025-01-01", vec![pause], true);
        let s = status(&r, 3, d("2026-12-01"));
        assert_eq!(s.standing, Standing::Paused);
        // The date moves on with the pause, so coming back is not a
        // surprise: the days before the pause still count.
        assert_eq!(s.due_on, d("2026-08-01") + chrono::Duration::days(61));
    }

    #[test]
    fn pauses_come_from_the_status_history() {
        let history = [
            (
                d("2026-01-01"),
                Some(VolunteerStatus::InTraining),
                VolunteerStatus::Active,
            ),
            (
                d("2026-03-01"),
                Some(VolunteerStatus::Active),
                VolunteerStatus::Paused,
            ),
            (
                d("2026-03-15"),
                Some(VolunteerStatus::Paused),
                VolunteerStatus::Active,
            ),
            (
                d("2026-06-01"),
                Some(VolunteerStatus::Active),
                VolunteerStatus::Paused,
            ),
        ];
        assert_eq!(
            pauses(&history),
            vec![
                Pause {
                    start: d("2026-03-01"),
                    end: Some(d("2026-03-15"))
                },
                Pause {
                    start: d("2026-06-01"),
                    end: None
                },
            ]
        );
        // Leaving a pause to become alumne also ends it.
        let retired = [
            (
                d("2026-03-01"),
                Some(VolunteerStatus::Active),
                VolunteerStatus::Paused,
            ),
            (
                d("2026-04-01"),
                Some(VolunteerStatus::Paused),
                VolunteerStatus::Alumni,
            ),
        ];
        assert_eq!(pauses(&retired)[0].end, Some(d("2026-04-01")));
    }

    #[test]
    fn overdue_first_then_by_days_left_paused_last() {
        let at = |standing, days_left| Status {
            standing,
            due_on: d("2026-11-24"),
            days_left,
        };
        let mut list = [
            at(Standing::Ok, 40),
            at(Standing::Paused, -90),
            at(Standing::Overdue, -3),
            at(Standing::DueSoon, 5),
            at(Standing::Overdue, -30),
        ];
        list.sort_by(overview_order);
        let days: Vec<i64> = list.iter().map(|s| s.days_left).collect();
        assert_eq!(days, vec![-30, -3, 5, 40, -90]);
    }

    #[test]
    fn the_stored_due_date_gives_the_standing_of_the_rule() {
        let window = 3;
        let cases = [
            record(Some("2026-08-01"), "2025-01-10", vec![], false),
            record(None, "2026-10-20", vec![], false),
            record(Some("2026-05-01"), "2025-01-10", vec![], false),
            // A pause that is over pushes the date back for good.
            record(
                Some("2026-06-01"),
                "2025-01-10",
                vec![Pause {
                    start: d("2026-07-01"),
                    end: Some(d("2026-08-15")),
                }],
                false,
            ),
        ];
        for today in ["2026-09-01", "2026-10-25", "2026-11-30", "2027-02-01"] {
            let today = d(today);
            let (overdue_before, soon_until) = due_bounds(today);
            for r in &cases {
                let live = status(r, window, today);
                let stored = stored_due_on(r, window, today);
                assert_eq!(stored, live.due_on, "{r:?} on {today}");
                let from_stored = if stored < overdue_before {
                    Standing::Overdue
                } else if stored <= soon_until {
                    Standing::DueSoon
                } else {
                    Standing::Ok
                };
                assert_eq!(from_stored, live.standing, "{r:?} on {today}");
            }
        }
    }

    #[test]
    fn an_ongoing_pause_is_stored_as_it_began_and_added_when_it_ends() {
        let pause_start = d("2026-09-01");
        let paused = record(
            Some("2026-07-01"),
            "2025-01-10",
            vec![Pause {
                start: pause_start,
                end: None,
            }],
            true,
        );
        let stored = stored_due_on(&paused, 3, d("2026-09-20"));
        assert_eq!(stored, d("2026-10-01"), "as it stood when the pause began");
        assert_eq!(
            stored_due_on(&paused, 3, d("2026-12-20")),
            stored,
            "the stored date holds still during the pause"
        );
        // Resumed on 1 December: the 91 days of pause are added.
        let resumed = record(
            Some("2026-07-01"),
            "2025-01-10",
            vec![Pause {
                start: pause_start,
                end: Some(d("2026-12-01")),
            }],
            false,
        );
        let today = d("2026-12-20");
        assert_eq!(stored_due_on(&resumed, 3, today), d("2026-12-31"));
        assert_eq!(
            stored_due_on(&resumed, 3, today),
            status(&resumed, 3, today).due_on
        );
    }

    #[test]
    fn window_is_a_number_of_months() {
        assert_eq!(window_months(" 3 "), Ok(3));
        assert_eq!(window_months("24"), Ok(24));
        assert_eq!(window_months("0"), Err(Invalid("error-supervision-window")));
        assert_eq!(
            window_months("25"),
            Err(Invalid("error-supervision-window"))
        );
        assert_eq!(
            window_months("tre"),
            Err(Invalid("error-supervision-window"))
        );
        assert_eq!(window_months(""), Err(Invalid("error-required")));
    }

    #[test]
    fn codes_round_trip() {
        for f in Format::ALL {
            assert_eq!(Format::parse(f.as_str()), Some(f).copied());
        }
        for k in SupervisorKind::ALL {
            assert_eq!(SupervisorKind::parse(k.as_str()), Some(k).copied());
        }
        for s in Standing::ALL {
            assert_eq!(Standing::parse(s.as_str()), Some(s).copied());
        }
    }
}

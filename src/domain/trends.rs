//! A branch's trends by month: the calendar months of the last year in
//! Copenhagen, which month a stored UTC instant falls in, which branch a
//! volunteer belonged to at an instant (their moves), and supervision
//! compliance at the end of a month by the rule of `domain::supervision`,
//! worked out from the status history and attendance as they stood then.

use chrono::{Datelike, Months, NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;

use super::supervision::{self, Record, Standing};
use super::time::{local, local_to_utc};
use super::volunteer::{VolunteerStatus, is_activation};

/// How many months the trends show, this month included.
pub const MONTHS: usize = 12;

/// A calendar month in Copenhagen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Month {
    pub year: i32,
    /// 1–12.
    pub month: u32,
}

impl Month {
    pub fn of_date(d: NaiveDate) -> Month {
        Month {
            year: d.year(),
            month: d.month(),
        }
    }

    /// The month a stored UTC instant falls in, in Copenhagen.
    pub fn of(utc: NaiveDateTime) -> Month {
        Month::of_date(local(utc).date_naive())
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or_default()
    }

    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().unwrap_or_default()
    }

    /// Midnight at the start of the month in Copenhagen, as UTC.
    pub fn start_utc(self) -> NaiveDateTime {
        // Midnight always exists in Copenhagen (clocks change at 02:00).
        local_to_utc(self.first_day(), NaiveTime::MIN).unwrap_or_default()
    }

    /// The start of the next month, as UTC: the month is `start_utc()`
    /// up to but not including this.
    pub fn end_utc(self) -> NaiveDateTime {
        self.next().start_utc()
    }
}

/// The `n` months up to and including the month of `today`, oldest first.
pub fn last_months(today: NaiveDate, n: usize) -> Vec<Month> {
    let this = Month::of_date(today).first_day();
    (0..n)
        .rev()
        .map(|back| {
            let first = this
                .checked_sub_months(Months::new(back as u32))
                .unwrap_or(this);
            Month::of_date(first)
        })
        .collect()
}

/// How many of `times` (UTC) fall in each of `months` (Copenhagen); times
/// outside them are left out.
pub fn per_month(months: &[Month], times: impl IntoIterator<Item = NaiveDateTime>) -> Vec<i64> {
    per_month_weighted(months, times.into_iter().map(|t| (t, 1)))
}

/// The sum of the weights of `items` (a UTC time and a number) per month.
pub fn per_month_weighted(
    months: &[Month],
    items: impl IntoIterator<Item = (NaiveDateTime, i64)>,
) -> Vec<i64> {
    let mut out = vec![0; months.len()];
    for (t, n) in items {
        let m = Month::of(t);
        if let Some(i) = months.iter().position(|x| *x == m) {
            out[i] += n;
        }
    }
    out
}

/// A move from one branch to another at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Move {
    pub at: NaiveDateTime,
    pub from: i64,
    pub to: i64,
}

/// The branch a volunteer belonged to at `at`: the branch they left in the
/// first move after `at`, else the branch they are in now.
pub fn branch_at(now_in: i64, moves: &[Move], at: NaiveDateTime) -> i64 {
    moves
        .iter()
        .filter(|m| m.at > at)
        .min_by_key(|m| m.at)
        .map_or(now_in, |m| m.from)
}

/// One change in a volunteer's status history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    pub at: NaiveDateTime,
    pub from: Option<VolunteerStatus>,
    pub to: VolunteerStatus,
}

/// Whether a change is an application received: a new volunteer record,
/// or a declined applicant applying again.
pub fn is_application(change: &Change) -> bool {
    change.to == VolunteerStatus::Applicant
}

/// How many of the changes `which` picks happened in each of `months`
/// while the volunteer was `branch`'s (a move takes their past with the
/// branch they left).
pub fn changes_per_month(
    people: &[History],
    branch: i64,
    months: &[Month],
    which: impl Fn(&Change) -> bool,
) -> Vec<i64> {
    per_month(
        months,
        people.iter().flat_map(|h| {
            h.changes
                .iter()
                .filter(|c| which(c) && branch_at(h.branch_now, &h.moves, c.at) == branch)
                .map(|c| c.at)
        }),
    )
}

/// Whether a change is an activation (becoming active, not back from a
/// pause), as `changes_per_month` takes it.
pub fn is_activation_change(change: &Change) -> bool {
    is_activation(change.from, change.to)
}

/// What is known about one volunteer (for the trends).
#[derive(Debug, Clone, Default)]
pub struct History {
    pub branch_now: i64,
    /// Their moves, in any order.
    pub moves: Vec<Move>,
    /// Their status changes in the order they happened.
    pub changes: Vec<Change>,
    /// Starts of the supervision meetings they attended (present or in
    /// part), wherever held; at least the last one before the months shown.
    pub supervised: Vec<NaiveDateTime>,
    /// The last supervision before Brobyg, for those imported with one.
    pub supervised_before_brobyg: Option<NaiveDateTime>,
}

/// How one volunteer stood at an instant: `None` unless they were an
/// active brobygger of `branch` then (those on pause are exempt, as in the
/// overview), else whether they were within the window (ok or due soon).
/// `day` is the Copenhagen date the rule is applied on (the month's last
/// day, or today for this month); `at` the instant everything before
/// counts (the month's end, or now).
pub fn within_at(
    h: &History,
    branch: i64,
    window_months: i32,
    at: NaiveDateTime,
    day: NaiveDate,
) -> Option<bool> {
    if branch_at(h.branch_now, &h.moves, at) != branch {
        return None;
    }
    let before: Vec<&Change> = h.changes.iter().filter(|c| c.at < at).collect();
    if before.last().map(|c| c.to) != Some(VolunteerStatus::Active) {
        return None;
    }
    let activated = before
        .iter()
        .rev()
        .find(|c| is_activation(c.from, c.to))
        .or(before.first())
        .map(|c| c.at)?;
    let last_attended = h
        .supervised
        .iter()
        .copied()
        .filter(|t| *t < at)
        .max()
        .max(h.supervised_before_brobyg.filter(|t| *t < at));
    let dated: Vec<(NaiveDate, Option<VolunteerStatus>, VolunteerStatus)> = before
        .iter()
        .map(|c| (local(c.at).date_naive(), c.from, c.to))
        .collect();
    let record = Record {
        paused_now: false,
        last_attended: last_attended.map(|t| local(t).date_naive()),
        activated_on: local(activated).date_naive(),
        pauses: supervision::pauses(&dated),
    };
    let standing = supervision::status(&record, window_months, day).standing;
    Some(standing != Standing::Overdue)
}

/// Supervision compliance in one month: how many active brobyggere were
/// counted and how many of them were within the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MonthCompliance {
    pub active: i64,
    pub within: i64,
    /// `within` of `active` in whole percent; `None` with nobody active.
    pub percent: Option<i64>,
}

/// Compliance at the end of each of `months` (for the month of `now`: at
/// `now`, on today's date).
pub fn compliance_by_month(
    people: &[History],
    branch: i64,
    window_months: i32,
    months: &[Month],
    now: NaiveDateTime,
) -> Vec<MonthCompliance> {
    let today = local(now).date_naive();
    months
        .iter()
        .map(|m| {
            let (at, day) = if m.end_utc() > now {
                (now, today)
            } else {
                (m.end_utc(), m.last_day())
            };
            let mut active = 0;
            let mut within = 0;
            for h in people {
                match within_at(h, branch, window_months, at, day) {
                    Some(true) => {
                        active += 1;
                        within += 1;
                    }
                    Some(false) => active += 1,
                    None => {}
                }
            }
            MonthCompliance {
                active,
                within,
                percent: percent(within, active),
            }
        })
        .collect()
}

/// `part` of `whole` in whole percent, rounded half up; `None` of nothing.
pub fn percent(part: i64, whole: i64) -> Option<i64> {
    if whole <= 0 {
        return None;
    }
    Some((part * 200 + whole) / (2 * whole))
}

#[cfg(test)]
mod tests {
    use super::*;
    use VolunteerStatus::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn utc(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        day(y, m, d).and_hms_opt(h, 0, 0).unwrap_or_default()
    }

    fn month(year: i32, month: u32) -> Month {
        Month { year, month }
    }

    #[test]
    fn the_last_twelve_months_end_with_this_one_across_a_new_year() {
        let months = last_months(day(2026, 12, 3), MONTHS);
        assert_eq!(months.len(), 12);
        assert_eq!(months[0], month(2026, 1));
        assert_eq!(months[11], month(2026, 12));
        let months = last_months(day(2027, 2, 28), 4);
        assert_eq!(
            months,
            vec![
                month(2026, 11),
                month(2026, 12),
                month(2027, 1),
                month(2027, 2)
            ]
        );
    }

    #[test]
    fn months_begin_at_midnight_in_copenhagen() {
        // Winter time: midnight is 23:00 UTC the day before.
        assert_eq!(month(2026, 12).start_utc(), utc(2026, 11, 30, 23));
        // Summer time: 22:00 UTC.
        assert_eq!(month(2026, 7).start_utc(), utc(2026, 6, 30, 22));
        assert_eq!(month(2026, 12).end_utc(), utc(2026, 12, 31, 23));
        assert_eq!(month(2026, 2).last_day(), day(2026, 2, 28));
        assert_eq!(month(2028, 2).last_day(), day(2028, 2, 29));
    }

    #[test]
    fn an_instant_counts_in_its_copenhagen_month() {
        // 23:30 UTC on 30 November is 00:30 on 1 December in Copenhagen.
        let late = utc(2026, 11, 30, 23) + chrono::Duration::minutes(30);
        assert_eq!(Month::of(late), month(2026, 12));
        assert_eq!(Month::of(utc(2026, 11, 30, 22)), month(2026, 11));
        let months = [month(2026, 11), month(2026, 12)];
        let counts = per_month(
            &months,
            [
                late,
                utc(2026, 11, 30, 22),
                utc(2026, 11, 2, 10),
                utc(2025, 11, 2, 10),
            ],
        );
        assert_eq!(counts, vec![2, 1], "a year earlier is left out");
        let weighted = per_month_weighted(&months, [(late, 7), (utc(2026, 12, 9, 9), 3)]);
        assert_eq!(weighted, vec![0, 10]);
    }

    #[test]
    fn a_volunteer_belonged_to_the_branch_they_left_after() {
        let moves = [
            Move {
                at: utc(2026, 9, 1, 12),
                from: 2,
                to: 3,
            },
            Move {
                at: utc(2026, 3, 1, 12),
                from: 1,
                to: 2,
            },
        ];
        assert_eq!(branch_at(3, &moves, utc(2026, 1, 1, 0)), 1);
        assert_eq!(branch_at(3, &moves, utc(2026, 5, 1, 0)), 2);
        assert_eq!(branch_at(3, &moves, utc(2026, 10, 1, 0)), 3);
        assert_eq!(branch_at(5, &[], utc(2026, 10, 1, 0)), 5);
    }

    #[test]
    fn applications_are_new_records_and_second_applications() {
        let at = utc(2026, 1, 1, 0);
        let c = |from, to| Change { at, from, to };
        assert!(is_application(&c(None, Applicant)));
        assert!(is_application(&c(Some(Rejected), Applicant)));
        assert!(!is_application(&c(Some(Applicant), Approved)));
    }

    #[test]
    fn changes_count_in_the_branch_they_happened_in() {
        let months = [month(2026, 3), month(2026, 4)];
        let moved = History {
            branch_now: 2,
            moves: vec![Move {
                at: utc(2026, 4, 10, 12),
                from: 1,
                to: 2,
            }],
            changes: vec![
                Change {
                    at: utc(2026, 3, 5, 12),
                    from: None,
                    to: Applicant,
                },
                Change {
                    at: utc(2026, 4, 2, 12),
                    from: Some(InTraining),
                    to: Active,
                },
                Change {
                    at: utc(2026, 4, 12, 12),
                    from: Some(Active),
                    to: Paused,
                },
                Change {
                    at: utc(2026, 4, 20, 12),
                    from: Some(Paused),
                    to: Active,
                },
            ],
            ..History::default()
        };
        let people = [moved];
        assert_eq!(
            changes_per_month(&people, 1, &months, is_application),
            vec![1, 0]
        );
        assert_eq!(
            changes_per_month(&people, 1, &months, is_activation_change),
            vec![0, 1],
            "activated before the move"
        );
        assert_eq!(
            changes_per_month(&people, 2, &months, is_activation_change),
            vec![0, 0],
            "back from a pause is no activation"
        );
    }

    fn active_since(at: NaiveDateTime) -> History {
        History {
            branch_now: 1,
            changes: vec![
                Change {
                    at: at - chrono::Duration::days(60),
                    from: None,
                    to: Applicant,
                },
                Change {
                    at,
                    from: Some(InTraining),
                    to: Active,
                },
            ],
            ..History::default()
        }
    }

    #[test]
    fn compliance_follows_the_rule_as_it_stood_at_each_month_end() {
        // Active since 10 January, supervised 20 April; window 3 months.
        let mut h = active_since(utc(2026, 1, 10, 12));
        h.supervised = vec![utc(2026, 4, 20, 16)];
        let at = |m: Month| (m.end_utc(), m.last_day());
        let check = |m: Month| {
            let (t, d) = at(m);
            within_at(&h, 1, 3, t, d)
        };
        assert_eq!(check(month(2025, 12)), None, "not active yet");
        assert_eq!(check(month(2026, 3)), Some(true), "due 10 April");
        assert_eq!(check(month(2026, 4)), Some(true), "supervised in time");
        assert_eq!(check(month(2026, 6)), Some(true), "due 20 July");
        assert_eq!(check(month(2026, 7)), Some(false), "overdue by 31 July");
        // Another branch's active brobyggere are not counted here.
        let (t, d) = at(month(2026, 4));
        assert_eq!(within_at(&h, 2, 3, t, d), None);
        // A supervision after the month's end does not count for it.
        let mut late = active_since(utc(2026, 1, 10, 12));
        late.supervised = vec![utc(2026, 5, 2, 16)];
        let (t, d) = at(month(2026, 4));
        assert_eq!(within_at(&late, 1, 3, t, d), Some(false));
    }

    #[test]
    fn a_pause_exempts_and_then_pushes_the_due_date_back() {
        let mut h = active_since(utc(2026, 1, 10, 12));
        h.changes.push(Change {
            at: utc(2026, 3, 1, 12),
            from: Some(Active),
            to: Paused,
        });
        h.changes.push(Change {
            at: utc(2026, 5, 1, 12),
            from: Some(Paused),
            to: Active,
        });
        let m = month(2026, 3);
        assert_eq!(within_at(&h, 1, 3, m.end_utc(), m.last_day()), None);
        // Due 10 April plus 61 days on pause: 10 June.
        let m = month(2026, 5);
        assert_eq!(within_at(&h, 1, 3, m.end_utc(), m.last_day()), Some(true));
        let m = month(2026, 6);
        assert_eq!(within_at(&h, 1, 3, m.end_utc(), m.last_day()), Some(false));
    }

    #[test]
    fn supervision_before_brobyg_counts() {
        let mut h = active_since(utc(2026, 1, 10, 12));
        h.supervised_before_brobyg = Some(utc(2026, 3, 20, 12));
        let m = month(2026, 5);
        assert_eq!(within_at(&h, 1, 3, m.end_utc(), m.last_day()), Some(true));
    }

    #[test]
    fn monthly_compliance_counts_the_active_and_rounds_the_share() {
        let fine = active_since(utc(2026, 3, 10, 12));
        let mut late = active_since(utc(2025, 1, 10, 12));
        late.supervised = vec![utc(2025, 2, 1, 12)];
        let third = active_since(utc(2026, 3, 20, 12));
        let months = [month(2026, 2), month(2026, 3), month(2026, 4)];
        // "Now" is 15 April: April is measured today.
        let now = utc(2026, 4, 15, 10);
        let c = compliance_by_month(&[fine, late, third], 1, 3, &months, now);
        assert_eq!(
            c[0],
            MonthCompliance {
                active: 1,
                within: 0,
                percent: Some(0)
            }
        );
        assert_eq!(c[1].active, 3);
        assert_eq!(c[1].within, 2);
        assert_eq!(c[1].percent, Some(67));
        assert_eq!(c[2].active, 3);
        assert_eq!(
            compliance_by_month(&[], 1, 3, &months, now)[0].percent,
            None
        );
    }

    #[test]
    fn percentages_round_half_up() {
        assert_eq!(percent(1, 2), Some(50));
        assert_eq!(percent(1, 3), Some(33));
        assert_eq!(percent(2, 3), Some(67));
        assert_eq!(percent(1, 8), Some(13));
        assert_eq!(percent(0, 0), None);
    }
}

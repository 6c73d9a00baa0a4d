//! Sessions: anything with seats and meetings that people sign up for.

use crate::domain::Code;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::validation::Invalid;

/// The kinds of session the one enrolment engine serves. Each kind has its
/// own page (`path`) and its own detail table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    /// A GenLær course session (open or booked by an organisation).
    Genlaer,
    /// A cohort (hold) of the 20-hour preparation course.
    Cohort,
    Supervision,
    /// A brobyggeraften, or a public info evening.
    Evening,
    /// A vagt: a duty slot of the branch's rota on one date (`domain::duty`).
    Duty,
}

impl Code for SessionKind {
    const ALL: &'static [SessionKind] = &[
        SessionKind::Genlaer,
        SessionKind::Cohort,
        SessionKind::Supervision,
        SessionKind::Evening,
        SessionKind::Duty,
    ];

    fn as_str(self) -> &'static str {
        match self {
            SessionKind::Genlaer => "genlaer",
            SessionKind::Cohort => "cohort",
            SessionKind::Supervision => "supervision",
            SessionKind::Evening => "evening",
            SessionKind::Duty => "duty",
        }
    }
}

impl SessionKind {
    /// The page of a session of this kind, as linked from emails, calendar
    /// entries and personal schedules.
    pub fn path(self, session_id: i64) -> String {
        match self {
            SessionKind::Genlaer => format!("/genlaer/hold/{session_id}"),
            SessionKind::Cohort => format!("/forberedelse/hold/{session_id}"),
            SessionKind::Supervision => format!("/supervision/{session_id}"),
            SessionKind::Evening => format!("/aftener/{session_id}"),
            SessionKind::Duty => format!("/vagter/{session_id}"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionStatus {
    Open,
    Cancelled,
    /// It took place; attendance can be registered and certificates issued.
    Held,
}

impl Code for SessionStatus {
    const ALL: &'static [SessionStatus] = &[
        SessionStatus::Open,
        SessionStatus::Cancelled,
        SessionStatus::Held,
    ];

    fn as_str(self) -> &'static str {
        match self {
            SessionStatus::Open => "open",
            SessionStatus::Cancelled => "cancelled",
            SessionStatus::Held => "held",
        }
    }
}

/// What a visitor sees: open with seats, full (waiting list), closed for
/// enrolment, cancelled or held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Availability {
    Open,
    Full,
    Closed,
    Cancelled,
    Held,
}

/// Seats in a session: a positive number, or none for no limit.
pub const MAX_CAPACITY: i32 = 2000;

pub fn capacity(input: &str) -> Result<Option<i32>, Invalid> {
    let v = input.trim();
    if v.is_empty() {
        return Ok(None);
    }
    match v.parse::<i32>() {
        Ok(n) if (1..=MAX_CAPACITY).contains(&n) => Ok(Some(n)),
        _ => Err(Invalid("error-capacity")),
    }
}

pub fn seats_left(capacity: Option<i32>, confirmed: i32) -> Option<i32> {
    capacity.map(|c| (c - confirmed).max(0))
}

pub fn availability(
    status: SessionStatus,
    capacity: Option<i32>,
    confirmed: i32,
    enrol_deadline: Option<NaiveDateTime>,
    starts_at: NaiveDateTime,
    now: NaiveDateTime,
) -> Availability {
    match status {
        SessionStatus::Cancelled => Availability::Cancelled,
        SessionStatus::Held => Availability::Held,
        SessionStatus::Open => {
            let closes = enrol_deadline.unwrap_or(starts_at);
            if now >= closes {
                Availability::Closed
            } else if seats_left(capacity, confirmed) == Some(0) {
                Availability::Full
            } else {
                Availability::Open
            }
        }
    }
}

/// A session can be marked as held once it has begun, and only while open.
pub fn can_mark_held(status: SessionStatus, starts_at: NaiveDateTime, now: NaiveDateTime) -> bool {
    status == SessionStatus::Open && now >= starts_at
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(day: u32, hour: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 3, day)
            .and_then(|d| d.and_hms_opt(hour, 0, 0))
            .expect("date")
    }

    #[test]
    fn capacity_is_a_positive_number_or_unlimited() {
        assert_eq!(capacity(""), Ok(None));
        assert_eq!(capacity(" 12 "), Ok(Some(12)));
        assert_eq!(capacity("0"), Err(Invalid("error-capacity")));
        assert_eq!(capacity("-3"), Err(Invalid("error-capacity")));
        assert_eq!(capacity("ti"), Err(Invalid("error-capacity")));
        assert_eq!(capacity("2001"), Err(Invalid("error-capacity")));
    }

    #[test]
    fn availability_follows_status_deadline_and_seats() {
        let start = at(10, 9);
        let open = SessionStatus::Open;
        assert_eq!(
            availability(open, Some(10), 9, None, start, at(1, 9)),
            Availability::Open
        );
        assert_eq!(
            availability(open, Some(10), 10, None, start, at(1, 9)),
            Availability::Full
        );
        assert_eq!(
            availability(open, None, 500, None, start, at(1, 9)),
            Availability::Open
        );
        assert_eq!(
            availability(open, Some(10), 1, Some(at(5, 12)), start, at(5, 12)),
            Availability::Closed,
            "the deadline has passed"
        );
        assert_eq!(
            availability(open, Some(10), 1, None, start, at(10, 9)),
            Availability::Closed
        );
        assert_eq!(
            availability(SessionStatus::Cancelled, Some(10), 1, None, start, at(1, 9)),
            Availability::Cancelled
        );
        assert_eq!(
            availability(SessionStatus::Held, Some(10), 1, None, start, at(11, 9)),
            Availability::Held
        );
    }

    #[test]
    fn only_a_begun_open_session_can_be_marked_held() {
        assert!(!can_mark_held(SessionStatus::Open, at(10, 9), at(9, 9)));
        assert!(can_mark_held(SessionStatus::Open, at(10, 9), at(10, 9)));
        assert!(!can_mark_held(
            SessionStatus::Cancelled,
            at(10, 9),
            at(11, 9)
        ));
        assert!(!can_mark_held(SessionStatus::Held, at(10, 9), at(11, 9)));
    }

    #[test]
    fn kinds_have_stable_codes_and_pages() {
        for kind in SessionKind::ALL {
            assert_eq!(SessionKind::parse(kind.as_str()), Some(kind).copied());
        }
        assert_eq!(SessionKind::Genlaer.path(7), "/genlaer/hold/7");
    }
}

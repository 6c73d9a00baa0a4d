//! The rules of the enrolment engine: who gets a seat, who waits, who may
//! cancel when, and who is promoted when a seat frees. Used by every kind of
//! session. `db::enrolments` applies them inside one transaction.

use crate::domain::Code;
use chrono::NaiveDateTime;
use serde::Serialize;

use super::session::SessionStatus;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EnrolmentStatus {
    Confirmed,
    Waitlisted,
    /// Cancelled by the participant, a coordinator, or with the session.
    Cancelled,
    /// Left the waiting list before getting a seat.
    Withdrawn,
}

impl Code for EnrolmentStatus {
    const ALL: &'static [EnrolmentStatus] = &[
        EnrolmentStatus::Confirmed,
        EnrolmentStatus::Waitlisted,
        EnrolmentStatus::Cancelled,
        EnrolmentStatus::Withdrawn,
    ];

    fn as_str(self) -> &'static str {
        match self {
            EnrolmentStatus::Confirmed => "confirmed",
            EnrolmentStatus::Waitlisted => "waitlisted",
            EnrolmentStatus::Cancelled => "cancelled",
            EnrolmentStatus::Withdrawn => "withdrawn",
        }
    }
}

impl EnrolmentStatus {
    /// Holding a seat or a place in the queue.
    pub fn is_active(self) -> bool {
        matches!(
            self,
            EnrolmentStatus::Confirmed | EnrolmentStatus::Waitlisted
        )
    }
}

/// Why an enrolment was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    SessionCancelled,
    SessionHeld,
    DeadlinePassed,
    AlreadyEnrolled,
    /// Only a coordinator may cancel after the cancellation deadline.
    CancelDeadlinePassed,
    NotEnrolled,
}

impl Refusal {
    /// The translation key of the explanation shown to the user.
    pub fn message_key(self) -> &'static str {
        match self {
            Refusal::SessionCancelled => "enrol-refused-cancelled",
            Refusal::SessionHeld => "enrol-refused-held",
            Refusal::DeadlinePassed => "enrol-refused-deadline",
            Refusal::AlreadyEnrolled => "enrol-refused-already",
            Refusal::CancelDeadlinePassed => "enrol-refused-cancel-deadline",
            Refusal::NotEnrolled => "enrol-refused-not-enrolled",
        }
    }
}

/// The facts about a session the rules need.
#[derive(Debug, Clone, Copy)]
pub struct SessionFacts {
    pub status: SessionStatus,
    pub capacity: Option<i32>,
    pub confirmed: i32,
    pub enrol_deadline: Option<NaiveDateTime>,
    pub cancel_deadline: Option<NaiveDateTime>,
    pub starts_at: NaiveDateTime,
}

/// Where a new enrolment lands: a seat if one is free and nobody is waiting
/// for it, else the end of the waiting list. `by_coordinator` lets staff
/// enrol people after the deadline (not into a cancelled or held session).
pub fn place(
    session: &SessionFacts,
    current: Option<EnrolmentStatus>,
    now: NaiveDateTime,
    by_coordinator: bool,
) -> Result<EnrolmentStatus, Refusal> {
    match session.status {
        SessionStatus::Cancelled => return Err(Refusal::SessionCancelled),
        SessionStatus::Held => return Err(Refusal::SessionHeld),
        SessionStatus::Open => {}
    }
    if current.is_some_and(EnrolmentStatus::is_active) {
        return Err(Refusal::AlreadyEnrolled);
    }
    let deadline = session.enrol_deadline.unwrap_or(session.starts_at);
    if now >= deadline && !by_coordinator {
        return Err(Refusal::DeadlinePassed);
    }
    let free = session.capacity.is_none_or(|c| session.confirmed < c);
    Ok(if free {
        EnrolmentStatus::Confirmed
    } else {
        EnrolmentStatus::Waitlisted
    })
}

/// Whether a cancellation is late (after the cancellation deadline). Late
/// cancellations are for coordinators only; participants are refused.
pub fn cancellation(
    session: &SessionFacts,
    current: Option<EnrolmentStatus>,
    now: NaiveDateTime,
    by_coordinator: bool,
) -> Result<bool, Refusal> {
    if !current.is_some_and(EnrolmentStatus::is_active) {
        return Err(Refusal::NotEnrolled);
    }
    // Leaving the waiting list is always allowed and never late.
    if current == Some(EnrolmentStatus::Waitlisted) {
        return Ok(false);
    }
    let deadline = session.cancel_deadline.unwrap_or(session.starts_at);
    let late = now >= deadline;
    if late && !by_coordinator {
        return Err(Refusal::CancelDeadlinePassed);
    }
    Ok(late)
}

/// How many people to move from the waiting list to seats.
pub fn promotions(capacity: Option<i32>, confirmed: i32, waiting: i32) -> i32 {
    match capacity {
        None => waiting,
        Some(c) => (c - confirmed).clamp(0, waiting.max(0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(day: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 3, day)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .expect("date")
    }

    fn session(capacity: Option<i32>, confirmed: i32) -> SessionFacts {
        SessionFacts {
            status: SessionStatus::Open,
            capacity,
            confirmed,
            enrol_deadline: Some(at(8)),
            cancel_deadline: Some(at(6)),
            starts_at: at(10),
        }
    }

    type Case = (
        Option<i32>,
        i32,
        Option<EnrolmentStatus>,
        u32,
        bool,
        Result<EnrolmentStatus, Refusal>,
    );

    #[test]
    fn placement_table() {
        use EnrolmentStatus::*;
        let cases: &[Case] = &[
            (Some(10), 0, None, 1, false, Ok(Confirmed)),
            (Some(10), 9, None, 1, false, Ok(Confirmed)),
            (Some(10), 10, None, 1, false, Ok(Waitlisted)),
            (None, 1000, None, 1, false, Ok(Confirmed)),
            (
                Some(10),
                1,
                Some(Confirmed),
                1,
                false,
                Err(Refusal::AlreadyEnrolled),
            ),
            (
                Some(10),
                10,
                Some(Waitlisted),
                1,
                false,
                Err(Refusal::AlreadyEnrolled),
            ),
            (Some(10), 1, Some(Cancelled), 1, false, Ok(Confirmed)),
            (Some(10), 1, Some(Withdrawn), 1, false, Ok(Confirmed)),
            (Some(10), 1, None, 8, false, Err(Refusal::DeadlinePassed)),
            (Some(10), 1, None, 9, true, Ok(Confirmed)),
        ];
        for (capacity, confirmed, current, day, staff, want) in cases {
            let got = place(&session(*capacity, *confirmed), *current, at(*day), *staff);
            assert_eq!(
                got, *want,
                "capacity {capacity:?}, {confirmed} confirmed, {current:?}, day {day}"
            );
        }
    }

    #[test]
    fn cancelled_and_held_sessions_take_nobody() {
        let mut s = session(Some(10), 0);
        s.status = SessionStatus::Cancelled;
        assert_eq!(place(&s, None, at(1), true), Err(Refusal::SessionCancelled));
        s.status = SessionStatus::Held;
        assert_eq!(place(&s, None, at(1), true), Err(Refusal::SessionHeld));
    }

    #[test]
    fn without_an_enrolment_deadline_enrolment_closes_at_the_start() {
        let mut s = session(Some(10), 0);
        s.enrol_deadline = None;
        assert!(place(&s, None, at(9), false).is_ok());
        assert_eq!(place(&s, None, at(10), false), Err(Refusal::DeadlinePassed));
    }

    #[test]
    fn cancellation_table() {
        use EnrolmentStatus::*;
        let s = session(Some(10), 5);
        assert_eq!(cancellation(&s, Some(Confirmed), at(5), false), Ok(false));
        assert_eq!(
            cancellation(&s, Some(Confirmed), at(6), false),
            Err(Refusal::CancelDeadlinePassed)
        );
        assert_eq!(
            cancellation(&s, Some(Confirmed), at(7), true),
            Ok(true),
            "late, by a coordinator"
        );
        assert_eq!(
            cancellation(&s, Some(Waitlisted), at(9), false),
            Ok(false),
            "the queue can always be left"
        );
        assert_eq!(
            cancellation(&s, Some(Cancelled), at(1), false),
            Err(Refusal::NotEnrolled)
        );
        assert_eq!(
            cancellation(&s, None, at(1), true),
            Err(Refusal::NotEnrolled)
        );
    }

    #[test]
    fn promotions_fill_free_seats_from_the_queue() {
        assert_eq!(promotions(Some(10), 9, 3), 1);
        assert_eq!(promotions(Some(10), 10, 3), 0);
        assert_eq!(promotions(Some(12), 8, 3), 3);
        assert_eq!(
            promotions(Some(10), 12, 3),
            0,
            "over capacity after a reduction"
        );
        assert_eq!(promotions(None, 50, 7), 7);
        assert_eq!(promotions(Some(10), 5, 0), 0);
    }
}

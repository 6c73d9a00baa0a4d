//! Vagter as stored: the branch's duty slots and days off, each vagt (an
//! engine session of kind `duty` with its `duty_shifts` row), open offers
//! of vagter given away, the branch's target and opening hours, and the
//! counts the rota, the monthly statistics and the annual figures read
//! (`counts`).

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

mod counts;

pub use counts::{Coverage, YearOfVagter, coverage, held_in_year, taken_counts, taken_counts_at};

use super::schema::{
    branch_volunteer_settings as settings, duty_days_off, duty_offers, duty_shifts, duty_slots,
    enrolments, meetings, sessions as sessions_t, users, volunteers,
};
use super::sessions::{self, MeetingTimes, NewSession, Session};
use super::{DbConnection, now};
use crate::db::Direct;
use crate::db::columns_of;
use crate::db::id_list::in_list;
use crate::domain::brobygning::Programme;
use crate::domain::duty::{self as rules, Slot, Target};
use crate::domain::enrolment::EnrolmentStatus;
use crate::domain::session::{SessionKind, SessionStatus};
use crate::domain::volunteer::VolunteerStatus;

/// A branch's rota settings: the monthly target and the phone's hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Settings {
    pub target: Target,
    pub opens: i32,
    pub closes: i32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            target: rules::DEFAULT_TARGET,
            opens: rules::DEFAULT_OPENS,
            closes: rules::DEFAULT_CLOSES,
        }
    }
}

/// The branch's rota settings (the defaults without a settings row).
pub fn settings(conn: &mut DbConnection, branch_id: i64) -> QueryResult<Settings> {
    let row: Option<(i32, i32, i32, i32)> = settings::table
        .find(branch_id)
        .select((
            settings::duty_target_min,
            settings::duty_target_max,
            settings::phone_opens_minute,
            settings::phone_closes_minute,
        ))
        .first_direct(conn)
        .optional()?;
    Ok(
        row.map_or_else(Settings::default, |(min, max, opens, closes)| Settings {
            target: Target { min, max },
            opens,
            closes,
        }),
    )
}

/// Saves the branch's monthly target and phone hours, keeping its other
/// settings (a row with the defaults is made if there is none).
pub fn save_settings(
    conn: &mut DbConnection,
    branch_id: i64,
    s: &Settings,
    by: i64,
) -> QueryResult<()> {
    let at = now();
    let values = (
        settings::duty_target_min.eq(s.target.min),
        settings::duty_target_max.eq(s.target.max),
        settings::phone_opens_minute.eq(s.opens),
        settings::phone_closes_minute.eq(s.closes),
        settings::updated_by.eq(by),
        settings::updated_at.eq(at),
    );
    let n = diesel::update(settings::table.find(branch_id))
        .set(values)
        .execute_direct(conn)?;
    if n == 0 {
        let window = super::supervision::window(conn, branch_id)?;
        diesel::insert_into(settings::table)
            .values((
                settings::branch_id.eq(branch_id),
                settings::auto_activate.eq(false),
                settings::child_certificate.eq(false),
                settings::supervision_window_months.eq(window),
                values,
            ))
            .execute_direct(conn)?;
    }
    Ok(())
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = duty_slots)]
pub struct SlotRow {
    pub id: i64,
    pub branch_id: i64,
    pub weekday: i32,
    pub start_minute: i32,
    pub end_minute: i32,
    pub programme: Programme,
    pub wanted: i32,
    pub valid_from: NaiveDate,
    pub valid_to: NaiveDate,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub created_at: NaiveDateTime,
    #[diesel(deserialize_as = crate::db::MaybeStamp)]
    pub ended_at: Option<NaiveDateTime>,
}

pub fn insert_slot(conn: &mut DbConnection, branch_id: i64, s: &Slot) -> QueryResult<i64> {
    crate::db::insert_returning_id!(
        conn,
        duty_slots,
        (
            duty_slots::branch_id.eq(branch_id),
            duty_slots::weekday.eq(s.weekday),
            duty_slots::start_minute.eq(s.start_minute),
            duty_slots::end_minute.eq(s.end_minute),
            duty_slots::programme.eq(s.programme),
            duty_slots::wanted.eq(s.wanted),
            duty_slots::valid_from.eq(s.from),
            duty_slots::valid_to.eq(s.to),
            duty_slots::created_at.eq(now()),
        )
    )
}

pub fn slot(conn: &mut DbConnection, id: i64) -> QueryResult<SlotRow> {
    duty_slots::table
        .find(id)
        .select(columns_of::<SlotRow>())
        .first_direct(conn)
}

/// The branch's slots still running on or after `from`, by weekday and
/// time.
pub fn slots(
    conn: &mut DbConnection,
    branch_id: i64,
    from: NaiveDate,
) -> QueryResult<Vec<SlotRow>> {
    duty_slots::table
        .filter(duty_slots::branch_id.eq(branch_id))
        .filter(duty_slots::ended_at.is_null())
        .filter(duty_slots::valid_to.ge(from))
        .order((
            duty_slots::weekday,
            duty_slots::start_minute,
            duty_slots::id,
        ))
        .select(columns_of::<SlotRow>())
        .load_direct(conn)
}

/// Slots of the branch running on `day` (its weekday within the period).
pub fn slots_on(
    conn: &mut DbConnection,
    branch_id: i64,
    day: NaiveDate,
) -> QueryResult<Vec<SlotRow>> {
    duty_slots::table
        .filter(duty_slots::branch_id.eq(branch_id))
        .filter(duty_slots::ended_at.is_null())
        .filter(duty_slots::valid_from.le(day))
        .filter(duty_slots::valid_to.ge(day))
        .filter(duty_slots::weekday.eq(rules::weekday_number(day)))
        .select(columns_of::<SlotRow>())
        .load_direct(conn)
}

/// Marks a slot removed; `false` if it already was.
pub fn end_slot(conn: &mut DbConnection, id: i64) -> QueryResult<bool> {
    let n = diesel::update(
        duty_slots::table
            .find(id)
            .filter(duty_slots::ended_at.is_null()),
    )
    .set(duty_slots::ended_at.eq(now()))
    .execute_direct(conn)?;
    Ok(n > 0)
}

/// The branch's days off from `from` on, soonest first.
pub fn days_off(
    conn: &mut DbConnection,
    branch_id: i64,
    from: NaiveDate,
) -> QueryResult<Vec<NaiveDate>> {
    duty_days_off::table
        .filter(duty_days_off::branch_id.eq(branch_id))
        .filter(duty_days_off::day.ge(from))
        .order(duty_days_off::day)
        .select(duty_days_off::day)
        .load_direct(conn)
}

/// Adds a day off; `false` if the day already was one.
pub fn add_day_off(conn: &mut DbConnection, branch_id: i64, day: NaiveDate) -> QueryResult<bool> {
    let exists = duty_days_off::table
        .find((branch_id, day))
        .count()
        .get_result_direct::<i64>(conn)?;
    if exists > 0 {
        return Ok(false);
    }
    diesel::insert_into(duty_days_off::table)
        .values((
            duty_days_off::branch_id.eq(branch_id),
            duty_days_off::day.eq(day),
            duty_days_off::created_at.eq(now()),
        ))
        .execute_direct(conn)?;
    Ok(true)
}

/// Undoes a day off; `false` if it was none.
pub fn remove_day_off(
    conn: &mut DbConnection,
    branch_id: i64,
    day: NaiveDate,
) -> QueryResult<bool> {
    let n = diesel::delete(duty_days_off::table.find((branch_id, day))).execute_direct(conn)?;
    Ok(n > 0)
}

/// Makes the vagt of `slot` on `day`: an engine session of kind `duty`
/// (seats: the brobyggere wanted; no deadline but its start) with its
/// shift row. `None` when the slot already has a vagt that day (then its
/// session id is returned by `shift_of`) or the time does not exist.
pub fn create_vagt(
    conn: &mut DbConnection,
    slot: &SlotRow,
    day: NaiveDate,
    title: &str,
    location: &str,
) -> QueryResult<Option<i64>> {
    if shift_of(conn, slot.id, day)?.is_some() {
        return Ok(None);
    }
    let Some((starts_at, ends_at)) = rules::span(day, slot.start_minute, slot.end_minute) else {
        return Ok(None);
    };
    let id = sessions::create(
        conn,
        &NewSession {
            kind: SessionKind::Duty,
            branch_id: Some(slot.branch_id),
            title,
            location,
            online_url: None,
            capacity: Some(slot.wanted),
            enrol_deadline: None,
            cancel_deadline: Some(rules::give_away_until(starts_at)),
        },
        &[MeetingTimes {
            starts_at,
            ends_at,
            location: None,
            online_url: None,
        }],
    )?;
    diesel::insert_into(duty_shifts::table)
        .values((
            duty_shifts::session_id.eq(id),
            duty_shifts::slot_id.eq(slot.id),
            duty_shifts::branch_id.eq(slot.branch_id),
            duty_shifts::day.eq(day),
            duty_shifts::programme.eq(slot.programme),
        ))
        .execute_direct(conn)?;
    Ok(Some(id))
}

/// The session of a slot's vagt on a day, if one was made.
pub fn shift_of(conn: &mut DbConnection, slot_id: i64, day: NaiveDate) -> QueryResult<Option<i64>> {
    duty_shifts::table
        .filter(duty_shifts::slot_id.eq(slot_id))
        .filter(duty_shifts::day.eq(day))
        .select(duty_shifts::session_id)
        .first_direct(conn)
        .optional()
}

/// Open vagter of the branch on a day (for a day off to cancel).
pub fn open_on(conn: &mut DbConnection, branch_id: i64, day: NaiveDate) -> QueryResult<Vec<i64>> {
    duty_shifts::table
        .inner_join(sessions_t::table)
        .filter(duty_shifts::branch_id.eq(branch_id))
        .filter(duty_shifts::day.eq(day))
        .filter(sessions_t::status.eq(SessionStatus::Open))
        .select(duty_shifts::session_id)
        .load_direct(conn)
}

/// Open vagter of a slot from `day` on (for removing the slot).
pub fn open_of_slot(
    conn: &mut DbConnection,
    slot_id: i64,
    day: NaiveDate,
) -> QueryResult<Vec<i64>> {
    duty_shifts::table
        .inner_join(sessions_t::table)
        .filter(duty_shifts::slot_id.eq(slot_id))
        .filter(duty_shifts::day.ge(day))
        .filter(sessions_t::status.eq(SessionStatus::Open))
        .select(duty_shifts::session_id)
        .load_direct(conn)
}

/// A cancelled vagt opened again (a day off undone): open, with no one on
/// it, its meeting's SEQUENCE raised so calendars take it as new.
pub fn reopen(conn: &mut DbConnection, session_id: i64) -> QueryResult<()> {
    diesel::update(sessions_t::table.find(session_id))
        .set((
            sessions_t::status.eq(SessionStatus::Open),
            sessions_t::cancel_reason.eq(None::<String>),
            sessions_t::updated_at.eq(now()),
        ))
        .execute_direct(conn)?;
    diesel::update(meetings::table.filter(meetings::session_id.eq(session_id)))
        .set((
            meetings::cancelled_at.eq(None::<NaiveDateTime>),
            meetings::sequence.eq(meetings::sequence + 1),
        ))
        .execute_direct(conn)?;
    super::enrolments::set_counts(conn, session_id)?;
    Ok(())
}

/// One vagt: its session, date and programme.
#[derive(Debug, Clone, Serialize)]
pub struct Vagt {
    pub session: Session,
    pub slot_id: i64,
    pub day: NaiveDate,
    pub programme: Programme,
}

/// The vagter of these branches from `from` to `to` (Copenhagen dates,
/// both included), cancelled ones left out, in time order. One query.
pub fn vagter(
    conn: &mut DbConnection,
    branch_ids: &[i64],
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<Vec<Vagt>> {
    let rows: Vec<(Session, i64, NaiveDate, Programme)> = duty_shifts::table
        .inner_join(sessions_t::table)
        .filter(in_list(duty_shifts::branch_id, branch_ids.iter().copied()))
        .filter(duty_shifts::day.between(from, to))
        .filter(sessions_t::status.ne(SessionStatus::Cancelled))
        .order((sessions_t::starts_at, sessions_t::id))
        .select((
            columns_of::<Session>(),
            duty_shifts::slot_id,
            duty_shifts::day,
            duty_shifts::programme,
        ))
        .load_direct(conn)?;
    Ok(rows
        .into_iter()
        .map(|(session, slot_id, day, programme)| Vagt {
            session,
            slot_id,
            day,
            programme,
        })
        .collect())
}

/// One vagt; `NotFound` for any other session.
pub fn find(conn: &mut DbConnection, session_id: i64) -> QueryResult<Vagt> {
    let (session, slot_id, day, programme) = duty_shifts::table
        .inner_join(sessions_t::table)
        .filter(duty_shifts::session_id.eq(session_id))
        .select((
            columns_of::<Session>(),
            duty_shifts::slot_id,
            duty_shifts::day,
            duty_shifts::programme,
        ))
        .first_direct(conn)?;
    Ok(Vagt {
        session,
        slot_id,
        day,
        programme,
    })
}

/// Who is on these vagter (confirmed), by session: user id and name.
pub fn takers(
    conn: &mut DbConnection,
    session_ids: &[i64],
) -> QueryResult<HashMap<i64, Vec<(i64, String)>>> {
    let rows: Vec<(i64, i64, String)> = enrolments::table
        .inner_join(users::table)
        .filter(in_list(enrolments::session_id, session_ids.iter().copied()))
        .filter(enrolments::status.eq(EnrolmentStatus::Confirmed))
        .order((
            enrolments::session_id,
            enrolments::confirmed_at,
            enrolments::id,
        ))
        .select((enrolments::session_id, users::id, users::name))
        .load_direct(conn)?;
    let mut out: HashMap<i64, Vec<(i64, String)>> = HashMap::new();
    for (session, user, name) in rows {
        out.entry(session).or_default().push((user, name));
    }
    Ok(out)
}

/// Open offers on these vagter, by session: giver and until when, oldest
/// first.
pub fn offers(
    conn: &mut DbConnection,
    session_ids: &[i64],
) -> QueryResult<HashMap<i64, Vec<(i64, NaiveDateTime)>>> {
    let rows: Vec<(i64, i64, NaiveDateTime)> = duty_offers::table
        .filter(in_list(
            duty_offers::session_id,
            session_ids.iter().copied(),
        ))
        .order((duty_offers::session_id, duty_offers::offered_at))
        .select((
            duty_offers::session_id,
            duty_offers::user_id,
            duty_offers::open_until,
        ))
        .load_direct(conn)?;
    let mut out: HashMap<i64, Vec<(i64, NaiveDateTime)>> = HashMap::new();
    for (session, user, until) in rows {
        out.entry(session).or_default().push((user, until));
    }
    Ok(out)
}

pub fn insert_offer(
    conn: &mut DbConnection,
    session_id: i64,
    user_id: i64,
    open_until: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(duty_offers::table)
        .values((
            duty_offers::session_id.eq(session_id),
            duty_offers::user_id.eq(user_id),
            duty_offers::offered_at.eq(now()),
            duty_offers::open_until.eq(open_until),
        ))
        .execute_direct(conn)?;
    Ok(())
}

/// Withdraws an offer (taken, released or withdrawn); `false` if none.
pub fn delete_offer(conn: &mut DbConnection, session_id: i64, user_id: i64) -> QueryResult<bool> {
    let n = diesel::delete(duty_offers::table.find((session_id, user_id))).execute_direct(conn)?;
    Ok(n > 0)
}

/// The vagter a person holds that have not begun (for a pause to release).
pub fn held_from(
    conn: &mut DbConnection,
    user_id: i64,
    at: NaiveDateTime,
) -> QueryResult<Vec<i64>> {
    enrolments::table
        .inner_join(sessions_t::table)
        .filter(enrolments::user_id.eq(user_id))
        .filter(enrolments::status.eq(EnrolmentStatus::Confirmed))
        .filter(sessions_t::kind.eq(SessionKind::Duty))
        .filter(sessions_t::status.eq(SessionStatus::Open))
        .filter(sessions_t::starts_at.gt(at))
        .order(sessions_t::starts_at)
        .select(sessions_t::id)
        .load_direct(conn)
}

/// The active brobyggere of a branch (id and name), by name.
pub fn active_people(conn: &mut DbConnection, branch_id: i64) -> QueryResult<Vec<(i64, String)>> {
    // The name copied beside the branch, and the closed accounts left out
    // without a join: read in the branch index's order.
    volunteers::table
        .filter(volunteers::branch_id.eq(branch_id))
        .filter(volunteers::status.eq(VolunteerStatus::Active))
        .filter(super::volunteers::account_open())
        .order((volunteers::user_name, volunteers::user_id))
        .select((volunteers::user_id, volunteers::user_name))
        .load_direct(conn)
}

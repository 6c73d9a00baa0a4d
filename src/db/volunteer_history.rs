//! Every change of a volunteer's status, with who (none: automatic), when
//! and why. Status changes go through `change`, which writes the new status
//! and its history row together, and only if the status is still the one
//! the change starts from.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use super::id_list::in_list;
use super::schema::{users, volunteer_status_changes as changes, volunteers};
use super::{DbConnection, now};
use crate::db::{Direct, columns_of};
use crate::domain::volunteer::{StatusChange, VolunteerStatus};

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = changes)]
pub struct StatusChangeRow {
    pub id: i64,
    pub user_id: i64,
    pub from_status: Option<VolunteerStatus>,
    pub to_status: VolunteerStatus,
    pub reason: Option<String>,
    pub until: Option<NaiveDate>,
    pub cohort_id: Option<i64>,
    pub changed_by: Option<i64>,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub created_at: NaiveDateTime,
}

pub struct Change<'a> {
    pub user_id: i64,
    pub change: StatusChange,
    pub note: Note<'a>,
}

/// What the history row says besides the statuses.
#[derive(Debug, Clone, Copy, Default)]
pub struct Note<'a> {
    /// Who made the change; `None` when it happened automatically.
    pub by: Option<i64>,
    pub reason: Option<&'a str>,
    /// The last day of a pause.
    pub until: Option<NaiveDate>,
    /// The cohort trained in, on activation.
    pub cohort_id: Option<i64>,
}

fn insert(
    conn: &mut DbConnection,
    user_id: i64,
    from: Option<VolunteerStatus>,
    to: VolunteerStatus,
    c: &Note<'_>,
) -> QueryResult<()> {
    diesel::insert_into(changes::table)
        .values((
            changes::user_id.eq(user_id),
            changes::from_status.eq(from),
            changes::to_status.eq(to),
            changes::reason.eq(c.reason),
            changes::until.eq(c.until),
            changes::cohort_id.eq(c.cohort_id),
            changes::changed_by.eq(c.by),
            changes::created_at.eq(now()),
        ))
        .execute_direct(conn)?;
    Ok(())
}

/// What `volunteers.pause_until` holds after a change to `to`: the pause's
/// last day while paused (the history row of the pause has it too), else
/// nothing.
fn pause_until(to: VolunteerStatus, note: &Note<'_>) -> Option<NaiveDate> {
    (to == VolunteerStatus::Paused)
        .then_some(note.until)
        .flatten()
}

/// Gives the paused volunteers without a stored last day their current
/// pause's, from its history row (`pause_ends`' rule: the latest pause
/// decides): those paused before `volunteers.pause_until` existed, and
/// those an older binary pauses during a rolling upgrade. Run at
/// start-up; only the rows that get a day are written. Returns how many
/// there were.
pub fn fill_pause_ends(conn: &mut DbConnection) -> QueryResult<usize> {
    let latest_end = || {
        changes::table
            .filter(changes::user_id.eq(volunteers::user_id))
            .filter(changes::to_status.eq(VolunteerStatus::Paused))
            .order(changes::id.desc())
            .select(changes::until)
            .limit(1)
            .single_value()
    };
    diesel::update(
        volunteers::table
            .filter(volunteers::status.eq(VolunteerStatus::Paused))
            .filter(volunteers::pause_until.is_null())
            .filter(latest_end().is_not_null()),
    )
    .set(volunteers::pause_until.eq(latest_end()))
    .execute_direct(conn)
}

/// Logs the start of the path: the record was created as an applicant.
pub fn record_start(conn: &mut DbConnection, user_id: i64, by: Option<i64>) -> QueryResult<()> {
    let note = Note {
        by,
        ..Note::default()
    };
    insert(conn, user_id, None, VolunteerStatus::Applicant, &note)
}

/// Records a status an import gives: the volunteer record made with it
/// (`from` `None`) or set to it, and its history row by the importing
/// administrator (`by` `None`: the command line). An import states what
/// was true before Brobyg, so it does not follow the path's steps.
pub fn record_import(
    conn: &mut DbConnection,
    user_id: i64,
    branch_id: i64,
    from: Option<VolunteerStatus>,
    to: VolunteerStatus,
    note: &Note<'_>,
) -> QueryResult<()> {
    if from.is_none() {
        super::volunteers::create(conn, user_id, branch_id, to)?;
    }
    diesel::update(volunteers::table.find(user_id))
        .set((
            volunteers::branch_id.eq(branch_id),
            volunteers::status.eq(to),
            volunteers::pause_until.eq(pause_until(to, note)),
            volunteers::updated_at.eq(now()),
        ))
        .execute_direct(conn)?;
    if from != Some(to) {
        insert(conn, user_id, from, to, note)?;
    }
    super::supervision::store_due_of(conn, user_id)?;
    Ok(())
}

/// Opens a declined applicant's record again for a new application (to
/// `branch_id`, which may be another branch): applicant again, logged.
/// Only from declined; returns whether it did.
pub fn reopen(
    conn: &mut DbConnection,
    user_id: i64,
    branch_id: i64,
    by: Option<i64>,
) -> QueryResult<bool> {
    let n = diesel::update(
        volunteers::table
            .find(user_id)
            .filter(volunteers::status.eq(VolunteerStatus::Rejected)),
    )
    .set((
        volunteers::status.eq(VolunteerStatus::Applicant),
        volunteers::branch_id.eq(branch_id),
        volunteers::pause_until.eq(None::<NaiveDate>),
        volunteers::updated_at.eq(now()),
    ))
    .execute_direct(conn)?;
    if n == 0 {
        return Ok(false);
    }
    let note = Note {
        by,
        ..Note::default()
    };
    insert(
        conn,
        user_id,
        Some(VolunteerStatus::Rejected),
        VolunteerStatus::Applicant,
        &note,
    )?;
    Ok(true)
}

/// When this person was last declined.
pub fn declined_at(conn: &mut DbConnection, user_id: i64) -> QueryResult<Option<NaiveDateTime>> {
    changes::table
        .filter(changes::user_id.eq(user_id))
        .filter(changes::to_status.eq(VolunteerStatus::Rejected))
        .order(changes::id.desc())
        .select(changes::created_at)
        .first_direct(conn)
        .optional()
}

/// Applies a change if the current status allows it. Returns the status
/// it came from, or the status that refused it.
pub fn change(
    conn: &mut DbConnection,
    c: &Change<'_>,
) -> QueryResult<Result<(VolunteerStatus, VolunteerStatus), VolunteerStatus>> {
    let from: VolunteerStatus = volunteers::table
        .find(c.user_id)
        .select(volunteers::status)
        .first_direct(conn)?;
    let Some(to) = c.change.apply(from) else {
        return Ok(Err(from));
    };
    // Conditional on the status read above, so that two coordinators
    // acting at once cannot both apply a change.
    let n = diesel::update(
        volunteers::table
            .find(c.user_id)
            .filter(volunteers::status.eq(from)),
    )
    .set((
        volunteers::status.eq(to),
        volunteers::pause_until.eq(pause_until(to, &c.note)),
        volunteers::updated_at.eq(now()),
    ))
    .execute_direct(conn)?;
    if n == 0 {
        return Ok(Err(from));
    }
    insert(conn, c.user_id, Some(from), to, &c.note)?;
    // Becoming active starts the window; a pause holds it still.
    let standing = [VolunteerStatus::Active, VolunteerStatus::Paused];
    if standing.contains(&from) || standing.contains(&to) {
        super::supervision::store_due_of(conn, c.user_id)?;
    }
    Ok(Ok((from, to)))
}

/// A history row as the pages show it.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryEntry {
    #[serde(flatten)]
    pub row: StatusChangeRow,
    /// Who made the change (`None`: automatic).
    pub by_name: Option<String>,
    /// `until` at noon UTC, for the date filters.
    pub until_at: Option<NaiveDateTime>,
}

/// A volunteer's history, newest first, with the names of who changed it.
pub fn of_user(conn: &mut DbConnection, user_id: i64) -> QueryResult<Vec<HistoryEntry>> {
    let rows: Vec<(StatusChangeRow, Option<String>)> = changes::table
        .left_join(users::table.on(changes::changed_by.eq(users::id.nullable())))
        .filter(changes::user_id.eq(user_id))
        .order(changes::id.desc())
        .select((columns_of::<StatusChangeRow>(), users::name.nullable()))
        .load_direct(conn)?;
    Ok(rows
        .into_iter()
        .map(|(row, by_name)| HistoryEntry {
            until_at: row.until.and_then(|d| d.and_hms_opt(12, 0, 0)),
            row,
            by_name,
        })
        .collect())
}

/// The last day of the current pause of each of these people who are
/// paused: the day kept with their latest change to paused
/// (`volunteers.pause_until`), so a pause recorded without an end leaves
/// them out even after an earlier one that had one. Read from the
/// volunteers' own rows, not their history.
pub fn pause_ends(
    conn: &mut DbConnection,
    user_ids: &[i64],
) -> QueryResult<HashMap<i64, NaiveDate>> {
    let rows: Vec<(i64, NaiveDate)> = volunteers::table
        .filter(in_list(volunteers::user_id, user_ids.iter().copied()))
        .filter(volunteers::status.eq(VolunteerStatus::Paused))
        .filter(volunteers::pause_until.is_not_null())
        .select((
            volunteers::user_id,
            volunteers::pause_until.assume_not_null(),
        ))
        .load_direct(conn)?;
    Ok(rows.into_iter().collect())
}

/// The last day of the current pause in a history read newest first
/// (`of_user`): the same rule as `pause_ends`.
pub fn pause_end(history: &[HistoryEntry]) -> Option<NaiveDate> {
    history
        .iter()
        .find(|h| h.row.to_status == VolunteerStatus::Paused)
        .and_then(|h| h.row.until)
}

/// What `paused` and `paused_one` give for a volunteer: who, their branch,
/// and the last day of their pause.
const PAUSED_ROW: (
    volunteers::user_id,
    volunteers::branch_id,
    volunteers::pause_until,
) = (
    volunteers::user_id,
    volunteers::branch_id,
    volunteers::pause_until,
);

/// Every paused volunteer with their branch and the last day of their
/// current pause (`None`: a pause recorded without one), in one query.
pub fn paused(conn: &mut DbConnection) -> QueryResult<Vec<(i64, i64, Option<NaiveDate>)>> {
    volunteers::table
        .filter(volunteers::status.eq(VolunteerStatus::Paused))
        .order(volunteers::user_id)
        .select(PAUSED_ROW)
        .load_direct(conn)
}

/// One volunteer as `paused` lists them, if they are paused.
pub fn paused_one(
    conn: &mut DbConnection,
    user_id: i64,
) -> QueryResult<Option<(i64, i64, Option<NaiveDate>)>> {
    volunteers::table
        .find(user_id)
        .filter(volunteers::status.eq(VolunteerStatus::Paused))
        .select(PAUSED_ROW)
        .first_direct(conn)
        .optional()
}

/// When each of these people last became active, in one query.
pub fn activated_at(
    conn: &mut DbConnection,
    user_ids: &[i64],
) -> QueryResult<HashMap<i64, NaiveDateTime>> {
    let rows: Vec<(i64, NaiveDateTime)> = changes::table
        .filter(changes::user_id.eq_any(user_ids))
        .filter(changes::to_status.eq(VolunteerStatus::Active))
        .filter(
            changes::from_status
                .ne(VolunteerStatus::Paused)
                .or(changes::from_status.is_null()),
        )
        .order(changes::id)
        .select((changes::user_id, changes::created_at))
        .load_direct(conn)?;
    Ok(rows.into_iter().collect())
}

/// Who became active in a cohort (the graduation evening's list): user id,
/// name and when, in one query.
pub fn activated_in_cohort(
    conn: &mut DbConnection,
    cohort_id: i64,
) -> QueryResult<Vec<(i64, String, NaiveDateTime)>> {
    changes::table
        .inner_join(users::table.on(users::id.eq(changes::user_id)))
        .filter(changes::cohort_id.eq(cohort_id))
        .filter(changes::to_status.eq(VolunteerStatus::Active))
        .order(users::name)
        .select((users::id, users::name, changes::created_at))
        .load_direct(conn)
}

/// Moves a person's newest history row to `at`. For demo content, whose
/// path happened "in the past" but is written now.
#[doc(hidden)]
pub fn backdate_latest(
    conn: &mut DbConnection,
    user_id: i64,
    at: NaiveDateTime,
) -> QueryResult<()> {
    let newest: Option<i64> = changes::table
        .filter(changes::user_id.eq(user_id))
        .order(changes::id.desc())
        .select(changes::id)
        .first_direct(conn)
        .optional()?;
    if let Some(id) = newest {
        diesel::update(changes::table.find(id))
            .set(changes::created_at.eq(at))
            .execute_direct(conn)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(id: i64, to: VolunteerStatus, until: Option<NaiveDate>) -> HistoryEntry {
        let row = StatusChangeRow {
            id,
            user_id: 7,
            from_status: None,
            to_status: to,
            reason: None,
            until,
            cohort_id: None,
            changed_by: None,
            created_at: NaiveDate::from_ymd_opt(2026, 1, 1)
                .and_then(|d| d.and_hms_opt(12, 0, 0))
                .expect("a date"),
        };
        HistoryEntry {
            row,
            by_name: None,
            until_at: None,
        }
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).expect("a date")
    }

    #[test]
    fn the_latest_pause_gives_the_end_even_without_one() {
        use VolunteerStatus::{Active, Paused};
        // Newest first, as `of_user` reads it.
        let history = [
            change(4, Paused, Some(day(20))),
            change(3, Active, None),
            change(2, Paused, Some(day(10))),
        ];
        assert_eq!(pause_end(&history), Some(day(20)));
        let open_ended = [change(5, Paused, None), change(2, Paused, Some(day(10)))];
        assert_eq!(pause_end(&open_ended), None);
        assert_eq!(pause_end(&[change(1, Active, None)]), None);
    }
}

//! Each branch's settings for activating volunteers (extra requirements,
//! automatic or confirmed activation), the extra checks coordinators
//! have recorded for volunteers, and the grace periods of volunteers who
//! were already active when a requirement was added.

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::prelude::*;

use super::id_list::{in_ids, in_list};
use super::schema::{
    branch_volunteer_settings as settings, requirement_grace as grace, volunteer_checks as checks,
};
use super::{DbConnection, now};
use crate::db::Direct;
use crate::domain::Code;
use crate::domain::activation::{BranchRequirements, DECLARATION_GRACE, ExtraCheck, Grace};
use crate::domain::application::DEFAULT_REAPPLY_MONTHS;

/// The settings of these branches; a branch without a row has the
/// defaults. One query.
pub fn of_branches(
    conn: &mut DbConnection,
    branch_ids: &[i64],
) -> QueryResult<HashMap<i64, BranchRequirements>> {
    let rows: Vec<(i64, bool, bool)> = settings::table
        .filter(in_list(settings::branch_id, branch_ids.iter().copied()))
        .select((
            settings::branch_id,
            settings::auto_activate,
            settings::child_certificate,
        ))
        .load_direct(conn)?;
    let mut out: HashMap<i64, BranchRequirements> = branch_ids
        .iter()
        .map(|b| (*b, BranchRequirements::default()))
        .collect();
    for (branch, auto_activate, child_certificate) in rows {
        out.insert(
            branch,
            BranchRequirements {
                child_certificate,
                auto_activate,
            },
        );
    }
    Ok(out)
}

pub fn of_branch(conn: &mut DbConnection, branch_id: i64) -> QueryResult<BranchRequirements> {
    Ok(of_branches(conn, &[branch_id])?
        .remove(&branch_id)
        .unwrap_or_default())
}

pub fn save(
    conn: &mut DbConnection,
    branch_id: i64,
    s: &BranchRequirements,
    by: i64,
) -> QueryResult<()> {
    // Delete-then-insert: a portable upsert inside the caller's transaction.
    // The supervision window is kept as it was (`db::supervision::set_window`).
    // So is the waiting period of declined applicants.
    let window = super::supervision::window(conn, branch_id)?;
    let reapply = reapply_months(conn, branch_id)?;
    // So are the rota's target and the phone's hours.
    let duty = super::duty::settings(conn, branch_id)?;
    diesel::delete(settings::table.find(branch_id)).execute_direct(conn)?;
    diesel::insert_into(settings::table)
        .values((
            settings::branch_id.eq(branch_id),
            settings::auto_activate.eq(s.auto_activate),
            settings::child_certificate.eq(s.child_certificate),
            settings::supervision_window_months.eq(window),
            settings::reapply_months.eq(reapply),
            settings::duty_target_min.eq(duty.target.min),
            settings::duty_target_max.eq(duty.target.max),
            settings::phone_opens_minute.eq(duty.opens),
            settings::phone_closes_minute.eq(duty.closes),
            settings::updated_by.eq(by),
            settings::updated_at.eq(now()),
        ))
        .execute_direct(conn)?;
    Ok(())
}

/// How many months a declined applicant of the branch waits before
/// applying again (the default without a settings row).
pub fn reapply_months(conn: &mut DbConnection, branch_id: i64) -> QueryResult<i32> {
    Ok(settings::table
        .find(branch_id)
        .select(settings::reapply_months)
        .first_direct(conn)
        .optional()?
        .unwrap_or(DEFAULT_REAPPLY_MONTHS))
}

/// Sets the branch's waiting period, keeping its other settings.
pub fn set_reapply_months(
    conn: &mut DbConnection,
    branch_id: i64,
    months: i32,
    by: i64,
) -> QueryResult<()> {
    let at = now();
    let n = diesel::update(settings::table.find(branch_id))
        .set((
            settings::reapply_months.eq(months),
            settings::updated_by.eq(by),
            settings::updated_at.eq(at),
        ))
        .execute_direct(conn)?;
    if n == 0 {
        let window = super::supervision::window(conn, branch_id)?;
        diesel::insert_into(settings::table)
            .values((
                settings::branch_id.eq(branch_id),
                settings::auto_activate.eq(false),
                settings::child_certificate.eq(false),
                settings::supervision_window_months.eq(window),
                settings::reapply_months.eq(months),
                settings::updated_by.eq(by),
                settings::updated_at.eq(at),
            ))
            .execute_direct(conn)?;
    }
    Ok(())
}

/// Records that a coordinator has seen a check (e.g. a børneattest) on a
/// date. Only the date is kept.
pub fn record_check(
    conn: &mut DbConnection,
    user_id: i64,
    check: ExtraCheck,
    on: NaiveDate,
    by: i64,
) -> QueryResult<()> {
    diesel::delete(
        checks::table
            .filter(checks::user_id.eq(user_id))
            .filter(checks::kind.eq(check)),
    )
    .execute_direct(conn)?;
    diesel::insert_into(checks::table)
        .values((
            checks::user_id.eq(user_id),
            checks::kind.eq(check),
            checks::checked_on.eq(on),
            checks::recorded_by.eq(by),
            checks::recorded_at.eq(now()),
        ))
        .execute_direct(conn)?;
    Ok(())
}

/// The checks recorded for these people, with their dates, in one query.
pub fn checks_of_many(
    conn: &mut DbConnection,
    user_ids: &[i64],
) -> QueryResult<HashMap<i64, Vec<(ExtraCheck, NaiveDate)>>> {
    let rows: Vec<(i64, ExtraCheck, NaiveDate)> = checks::table
        .filter(in_ids(checks::user_id, user_ids))
        .select((checks::user_id, checks::kind, checks::checked_on))
        .load_direct(conn)?;
    let mut out: HashMap<i64, Vec<(ExtraCheck, NaiveDate)>> = HashMap::new();
    for (user, check, on) in rows {
        out.entry(user).or_default().push((check, on));
    }
    Ok(out)
}

/// Gives these volunteers grace for `check` until `until`, replacing any
/// they had for it.
pub fn grant_grace(
    conn: &mut DbConnection,
    user_ids: &[i64],
    check: ExtraCheck,
    until: NaiveDate,
    by: i64,
) -> QueryResult<()> {
    replace_grace(
        conn,
        user_ids,
        crate::domain::Code::as_str(check),
        until,
        by,
    )
}

/// Replaces these volunteers' grace of one kind (a check, or the
/// declaration) with one until `until`.
fn replace_grace(
    conn: &mut DbConnection,
    user_ids: &[i64],
    kind: &str,
    until: NaiveDate,
    by: i64,
) -> QueryResult<()> {
    if user_ids.is_empty() {
        return Ok(());
    }
    diesel::delete(
        grace::table
            .filter(in_list(grace::user_id, user_ids.iter().copied()))
            .filter(grace::kind.eq(kind)),
    )
    .execute_direct(conn)?;
    let at = now();
    for u in user_ids {
        diesel::insert_into(grace::table)
            .values((
                grace::user_id.eq(*u),
                grace::kind.eq(kind),
                grace::deadline.eq(until),
                grace::granted_by.eq(Some(by)),
                grace::granted_at.eq(at),
            ))
            .execute_direct(conn)?;
    }
    Ok(())
}

/// The grace periods of these people for extra checks, running or not, in
/// one query.
pub fn grace_of_many(
    conn: &mut DbConnection,
    user_ids: &[i64],
) -> QueryResult<HashMap<i64, Vec<Grace>>> {
    all_grace_of_many(conn, user_ids).map(|(checks, _)| checks)
}

/// Gives these volunteers until `until` to sign the declaration version
/// just required, replacing any such grace they had.
pub fn grant_declaration_grace(
    conn: &mut DbConnection,
    user_ids: &[i64],
    until: NaiveDate,
    by: i64,
) -> QueryResult<()> {
    replace_grace(conn, user_ids, DECLARATION_GRACE, until, by)
}

/// People's graces: for extra checks, and the last day of their grace for
/// signing the declaration.
pub type Graces = (HashMap<i64, Vec<Grace>>, HashMap<i64, NaiveDate>);

/// Each person's graces, running or not, in one query.
pub fn all_grace_of_many(conn: &mut DbConnection, user_ids: &[i64]) -> QueryResult<Graces> {
    let rows: Vec<(i64, String, NaiveDate)> = grace::table
        .filter(in_ids(grace::user_id, user_ids))
        .select((grace::user_id, grace::kind, grace::deadline))
        .load_direct(conn)?;
    let mut checks: HashMap<i64, Vec<Grace>> = HashMap::new();
    let mut declaration = HashMap::new();
    for (user, kind, until) in rows {
        if kind == DECLARATION_GRACE {
            declaration.insert(user, until);
        } else {
            // Strict like every stored code (`db::mapping`): an unknown
            // kind is an error, not a grace quietly left out.
            let check = ExtraCheck::parse(&kind).ok_or_else(|| {
                diesel::result::Error::DeserializationError(
                    format!("unknown grace kind {kind:?} in the database").into(),
                )
            })?;
            checks.entry(user).or_default().push(Grace { check, until });
        }
    }
    Ok((checks, declaration))
}

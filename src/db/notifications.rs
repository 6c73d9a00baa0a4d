//! What reaches staff by email about their tasks: each one's choice of
//! digest and immediate emails, who is told of something new in a branch,
//! and the digests sent (one per person and period).

use std::collections::HashSet;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::schema::{
    branches, coordinator_branches, coordinator_regions, staff_notification_settings as settings,
    task_digests, user_roles, users,
};
use crate::db::Direct;
use crate::domain::events::Recipient;
use crate::domain::tasks::DigestFrequency;
use crate::domain::{Lang, Role};

/// A staff member's choice; without a row, the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    pub digest: DigestFrequency,
    pub immediate: bool,
}

impl Default for Choice {
    fn default() -> Self {
        Choice {
            digest: DigestFrequency::Weekly,
            immediate: true,
        }
    }
}

pub fn choice_of(conn: &mut DbConnection, user_id: i64) -> QueryResult<Choice> {
    let row: Option<(DigestFrequency, bool)> = settings::table
        .find(user_id)
        .select((settings::digest, settings::immediate))
        .first_direct(conn)
        .optional()?;
    Ok(
        row.map_or_else(Choice::default, |(digest, immediate)| Choice {
            digest,
            immediate,
        }),
    )
}

pub fn save_choice(
    conn: &mut DbConnection,
    user_id: i64,
    choice: Choice,
    at: NaiveDateTime,
) -> QueryResult<()> {
    let insert = diesel::insert_into(settings::table)
        .values((
            settings::user_id.eq(user_id),
            settings::digest.eq(choice.digest),
            settings::immediate.eq(choice.immediate),
            settings::updated_at.eq(at),
        ))
        .on_conflict(settings::user_id)
        .do_update()
        .set((
            settings::digest.eq(choice.digest),
            settings::immediate.eq(choice.immediate),
            settings::updated_at.eq(at),
        ));
    crate::db::direct!(conn, |c| insert.execute(c))?;
    Ok(())
}

/// A coordinator or administrator with their choice.
#[derive(Debug, Clone)]
pub struct StaffMember {
    pub to: Recipient,
    pub admin: bool,
    pub choice: Choice,
}

/// Every active coordinator and administrator, in two queries.
pub fn staff(conn: &mut DbConnection) -> QueryResult<Vec<StaffMember>> {
    type Row = (
        i64,
        String,
        String,
        Lang,
        Role,
        Option<DigestFrequency>,
        Option<bool>,
    );
    let rows: Vec<Row> = users::table
        .inner_join(user_roles::table)
        .left_join(settings::table)
        .filter(user_roles::role.eq_any([Role::Admin, Role::Coordinator]))
        .filter(users::deactivated_at.is_null())
        .filter(users::erased_at.is_null())
        .order(users::id)
        .select((
            users::id,
            users::email,
            users::name,
            users::language,
            user_roles::role,
            settings::digest.nullable(),
            settings::immediate.nullable(),
        ))
        .load_direct(conn)?;
    let mut out: Vec<StaffMember> = Vec::new();
    for (id, email, name, language, role, digest, immediate) in rows {
        let admin = role == Role::Admin;
        if let Some(last) = out.last_mut().filter(|m| m.to.user_id == Some(id)) {
            last.admin |= admin;
            continue;
        }
        let default = Choice::default();
        out.push(StaffMember {
            to: Recipient::from((id, email, name, language)),
            admin,
            choice: Choice {
                digest: digest.unwrap_or(default.digest),
                immediate: immediate.unwrap_or(default.immediate),
            },
        });
    }
    Ok(out)
}

/// Who is told at once of something new: the coordinators of the branch,
/// or the administrators for a national matter (`None`), leaving out those
/// who chose the digest only.
pub fn told_at_once(
    conn: &mut DbConnection,
    branch_id: Option<i64>,
) -> QueryResult<Vec<Recipient>> {
    let rows: Vec<(i64, String, String, Lang)> = crate::db::direct!(conn, |c| {
        let base = users::table
            .left_join(settings::table)
            .filter(users::deactivated_at.is_null())
            .filter(users::erased_at.is_null())
            .filter(
                settings::immediate
                    .is_null()
                    .or(settings::immediate.eq(true)),
            )
            .order(users::id)
            .select((users::id, users::email, users::name, users::language))
            .into_boxed();
        match branch_id {
            // The branch's own coordinators and those of its region.
            Some(branch) => base
                .filter(
                    users::id
                        .eq_any(
                            coordinator_branches::table
                                .filter(coordinator_branches::branch_id.eq(branch))
                                .select(coordinator_branches::user_id),
                        )
                        .or(users::id.eq_any(
                            coordinator_regions::table
                                .inner_join(
                                    branches::table
                                        .on(branches::region_id.eq(coordinator_regions::region_id)),
                                )
                                .filter(branches::id.eq(branch))
                                .select(coordinator_regions::user_id),
                        )),
                )
                .load(c)?,
            None => base
                .filter(
                    users::id.eq_any(
                        user_roles::table
                            .filter(user_roles::role.eq(Role::Admin))
                            .select(user_roles::user_id),
                    ),
                )
                .load(c)?,
        }
    });
    Ok(rows.into_iter().map(Recipient::from).collect())
}

/// The (person, period) pairs already handled among these periods.
pub fn digests_done(
    conn: &mut DbConnection,
    periods: &[String],
) -> QueryResult<HashSet<(i64, String)>> {
    let rows: Vec<(i64, String)> = task_digests::table
        .filter(task_digests::period.eq_any(periods))
        .select((task_digests::user_id, task_digests::period))
        .load_direct(conn)?;
    Ok(rows.into_iter().collect())
}

/// Takes the person's digest for a period: true for the one caller whose
/// row went in, false for any other (another instance got there first).
pub fn claim_digest(
    conn: &mut DbConnection,
    user_id: i64,
    period: &str,
    tasks: i32,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    let insert = diesel::insert_into(task_digests::table)
        .values((
            task_digests::user_id.eq(user_id),
            task_digests::period.eq(period),
            task_digests::tasks.eq(tasks),
            task_digests::sent_at.eq(at),
        ))
        .on_conflict((task_digests::user_id, task_digests::period))
        .do_nothing();
    let inserted = crate::db::direct!(conn, |c| insert.execute(c))?;
    Ok(inserted == 1)
}

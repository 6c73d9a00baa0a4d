//! The due dates kept on `volunteers.supervision_due_on`: stored in the
//! transaction of every change to the rule's inputs, and read by the
//! overview to count, sort and page a branch on an index instead of
//! working out everyone's standing.

use super::standing::standings;
use super::*;
use crate::db::Direct;
use crate::db::id_list::in_list;
use crate::domain::Code;

/// Stores the due date of these volunteers (active or paused; others keep
/// none) in `volunteers.supervision_due_on`, which the overview sorts,
/// filters and counts on. In the transaction of every change to the rule's
/// inputs: supervision attended (`refresh_last_attended`, an import's
/// date), a status change to or from active or paused, a branch move, the
/// branch's window. One update per distinct date.
pub fn store_due(conn: &mut DbConnection, whose: Whose) -> QueryResult<()> {
    let rows = standings(conn, whose, now())?;
    // Those who have left active and paused, or whose account is
    // deactivated, keep no date: the overview counts the dates alone.
    let kept: Vec<i64> = crate::db::direct!(conn, |c| {
        let kept = volunteers::table
            .filter(volunteers::supervision_due_on.is_not_null())
            .select(volunteers::user_id)
            .into_boxed();
        match whose {
            Whose::These(ids) => kept.filter(in_list(volunteers::user_id, ids.iter().copied())),
            Whose::Branch(branch) => kept.filter(volunteers::branch_id.eq(branch)),
            Whose::Branches(branches) => {
                kept.filter(in_list(volunteers::branch_id, branches.iter().copied()))
            }
            Whose::Everyone => kept,
        }
        .load(c)
    })?;
    let standing: std::collections::HashSet<i64> = rows.iter().map(|r| r.user_id).collect();
    let gone: Vec<i64> = kept
        .into_iter()
        .filter(|id| !standing.contains(id))
        .collect();
    for chunk in gone.chunks(10_000) {
        diesel::update(volunteers::table.filter(volunteers::user_id.eq_any(chunk)))
            .set(volunteers::supervision_due_on.eq(None::<NaiveDate>))
            .execute_direct(conn)?;
    }
    let mut same: HashMap<NaiveDate, Vec<i64>> = HashMap::new();
    for row in rows {
        same.entry(row.stored_due).or_default().push(row.user_id);
    }
    for (due, ids) in same {
        for chunk in ids.chunks(10_000) {
            diesel::update(volunteers::table.filter(volunteers::user_id.eq_any(chunk)))
                .set(volunteers::supervision_due_on.eq(Some(due)))
                .execute_direct(conn)?;
        }
    }
    Ok(())
}

/// `store_due` for one person, after a change to them alone.
pub fn store_due_of(conn: &mut DbConnection, user_id: i64) -> QueryResult<()> {
    store_due(conn, Whose::These(&[user_id]))
}

/// Active or paused volunteers without a stored due date: rows from
/// before it was stored, or written past the use cases (filled at
/// start-up).
pub fn due_never_stored(conn: &mut DbConnection) -> QueryResult<Vec<i64>> {
    volunteers::table
        .inner_join(users::table)
        .filter(in_list(
            volunteers::status,
            [VolunteerStatus::Active, VolunteerStatus::Paused],
        ))
        .filter(volunteers::supervision_due_on.is_null())
        .filter(users::deactivated_at.is_null())
        .select(volunteers::user_id)
        .load_direct(conn)
}

/// How many of a branch's volunteers are in each standing on `today`,
/// counted on the stored due dates (deactivated accounts keep no date):
/// four counts on the index alone, in one statement. The active are
/// counted as three ranges of dates that do not overlap, so each entry of
/// the index is stepped over once. Each count is a subquery of its own,
/// a range SQLite counts in the index: the same four as one step with
/// `count(…) FILTER (WHERE …)` took six times the instructions there. On
/// PostgreSQL, one statement is one round trip instead of four.
pub fn stored_counts(
    conn: &mut DbConnection,
    branch_id: i64,
    today: NaiveDate,
) -> QueryResult<Vec<(Standing, i64)>> {
    let (overdue_before, soon_until) = rules::due_bounds(today);
    let in_branch = |status: VolunteerStatus| {
        volunteers::table
            .filter(volunteers::branch_id.eq(branch_id))
            .filter(volunteers::status.eq(status))
            .filter(volunteers::supervision_due_on.is_not_null())
    };
    let active = || in_branch(VolunteerStatus::Active);
    let due = volunteers::supervision_due_on;
    let counts: (Option<i64>, Option<i64>, Option<i64>, Option<i64>) = diesel::select((
        in_branch(VolunteerStatus::Paused).count().single_value(),
        active()
            .filter(due.lt(overdue_before))
            .count()
            .single_value(),
        active()
            .filter(due.ge(overdue_before))
            .filter(due.le(soon_until))
            .count()
            .single_value(),
        active().filter(due.gt(soon_until)).count().single_value(),
    ))
    .get_result_direct(conn)?;
    let (paused, overdue, soon, ok) = counts;
    Ok(Standing::ALL
        .iter()
        .map(|&s| {
            let n = match s {
                Standing::Overdue => overdue,
                Standing::DueSoon => soon,
                Standing::Ok => ok,
                Standing::Paused => paused,
            };
            (s, n.unwrap_or_default())
        })
        .collect())
}

/// One page of a branch's overview, in the overview's order, read by the
/// stored due dates: the ids of the rows `offset..offset + limit`, the
/// active by due date (read in the index's order, so the page stops after
/// its rows), then those on pause by name. `only` keeps one standing;
/// `active` is how many active rows that filter lets through (from
/// `stored_counts`), where the paused part begins.
pub fn stored_page(
    conn: &mut DbConnection,
    branch_id: i64,
    today: NaiveDate,
    only: Option<Standing>,
    active: i64,
    offset: i64,
    limit: i64,
) -> QueryResult<Vec<i64>> {
    let (overdue_before, soon_until) = rules::due_bounds(today);
    let mut ids = Vec::new();
    if only != Some(Standing::Paused) && offset < active {
        // Boxed for the standing kept, and so typed for one backend: built
        // and run on each.
        ids = crate::db::direct!(conn, |c| {
            let mut q = volunteers::table
                .filter(volunteers::branch_id.eq(branch_id))
                .filter(volunteers::status.eq(VolunteerStatus::Active))
                .filter(volunteers::supervision_due_on.is_not_null())
                .select(volunteers::user_id)
                .into_boxed();
            q = match only {
                Some(Standing::Overdue) => {
                    q.filter(volunteers::supervision_due_on.lt(overdue_before))
                }
                Some(Standing::DueSoon) => q
                    .filter(volunteers::supervision_due_on.ge(overdue_before))
                    .filter(volunteers::supervision_due_on.le(soon_until)),
                Some(Standing::Ok) => q.filter(volunteers::supervision_due_on.gt(soon_until)),
                _ => q,
            };
            q.order((
                volunteers::supervision_due_on.asc(),
                volunteers::user_id.asc(),
            ))
            .offset(offset)
            .limit(limit)
            .load(c)
        })?;
    }
    let left = limit - ids.len() as i64;
    if left > 0 && matches!(only, None | Some(Standing::Paused)) {
        ids.extend(
            volunteers::table
                .inner_join(users::table)
                .filter(volunteers::branch_id.eq(branch_id))
                .filter(volunteers::status.eq(VolunteerStatus::Paused))
                .filter(volunteers::supervision_due_on.is_not_null())
                .order((users::name.asc(), users::id.asc()))
                .select(volunteers::user_id)
                .offset((offset - active).max(0))
                .limit(left)
                .load_direct::<i64>(conn)?,
        );
    }
    Ok(ids)
}

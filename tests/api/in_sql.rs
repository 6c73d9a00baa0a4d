//! Values written into a statement's SQL instead of bound
//! (`db::Keep::limit_in_sql` and `page_in_sql`, `db::in_first`,
//! `db::bool_in_sql`, `db::code_in_sql`, `db::day_in_sql`,
//! `db::branch_in_sql`): each selects
//! what diesel's bound form selects, on both databases, and
//! on PostgreSQL lets it keep one plan for the statement instead of
//! planning it on every call.

use brobyg::db::schema::{users, volunteers};
use brobyg::db::{DbConnection, Keep, bool_in_sql, code_in_sql, day_in_sql, in_first};
use brobyg::domain::Lang;
use brobyg::domain::volunteer::VolunteerStatus;
use chrono::NaiveDate;
use diesel::prelude::*;

use crate::helpers::{add_many_users, kept_plans, spawn_app};

#[tokio::test]
async fn values_in_the_sql_select_what_bound_values_select() {
    let app = spawn_app().await;
    let branch = app.create_branch("Skrevet");
    let ids: Vec<i64> = ["a@example.dk", "b@example.dk", "c@example.dk"]
        .iter()
        .map(|email| {
            app.create_user(email, &[brobyg::domain::Role::Volunteer], Some(branch))
                .id
        })
        .collect();
    let mut conn = app.db.conn().expect("connection");
    let conn: &mut DbConnection = &mut conn;
    diesel::update(users::table.find(ids[1]))
        .set(users::language.eq(Lang::En))
        .execute(conn)
        .expect("language");
    diesel::update(volunteers::table.find(ids[2]))
        .set(volunteers::ready.eq(true))
        .execute(conn)
        .expect("ready");

    for n in [0, 1, 2, 5] {
        let written: Vec<i64> = users::table
            .order(users::id.desc())
            .select(users::id)
            .limit_in_sql(n)
            .load(conn)
            .expect("limit in the SQL");
        let bound: Vec<i64> = users::table
            .order(users::id.desc())
            .select(users::id)
            .limit(n)
            .load(conn)
            .expect("bound limit");
        assert_eq!(written, bound, "limit {n}");
        assert_eq!(written.len(), (n as usize).min(ids.len()), "limit {n}");
        for offset in [0, 1, 3] {
            let page: Vec<i64> = users::table
                .order(users::id.desc())
                .select(users::id)
                .page_in_sql(n, offset)
                .load(conn)
                .expect("page in the SQL");
            let bound: Vec<i64> = users::table
                .order(users::id.desc())
                .select(users::id)
                .limit(n)
                .offset(offset)
                .load(conn)
                .expect("bound page");
            assert_eq!(page, bound, "limit {n} offset {offset}");
        }

        let picked = diesel::alias!(users as picked);
        let first = || {
            picked
                .order(picked.field(users::id).desc())
                .select(picked.field(users::id))
        };
        let written: Vec<i64> = users::table
            .filter(in_first(users::id, first(), n))
            .order(users::id)
            .select(users::id)
            .load(conn)
            .expect("subquery's limit in the SQL");
        let mut newest: Vec<i64> = bound.clone();
        newest.sort_unstable();
        assert_eq!(written, newest, "first {n}");
    }

    for lang in [Lang::Da, Lang::En] {
        let written: Vec<i64> = users::table
            .filter(users::language.eq(code_in_sql(lang)))
            .order(users::id)
            .select(users::id)
            .load(conn)
            .expect("code in the SQL");
        let bound: Vec<i64> = users::table
            .filter(users::language.eq(lang))
            .order(users::id)
            .select(users::id)
            .load(conn)
            .expect("bound code");
        assert_eq!(written, bound, "{lang:?}");
    }
    let english: Vec<i64> = users::table
        .filter(users::language.eq(code_in_sql(Lang::En)))
        .select(users::id)
        .load(conn)
        .expect("english");
    assert_eq!(english, [ids[1]]);

    for ready in [true, false] {
        let written: Vec<i64> = volunteers::table
            .filter(volunteers::ready.eq(bool_in_sql(ready)))
            .order(volunteers::user_id)
            .select(volunteers::user_id)
            .load(conn)
            .expect("flag in the SQL");
        let bound: Vec<i64> = volunteers::table
            .filter(volunteers::ready.eq(ready))
            .order(volunteers::user_id)
            .select(volunteers::user_id)
            .load(conn)
            .expect("bound flag");
        assert_eq!(written, bound, "ready {ready}");
    }
    let ready: Vec<i64> = volunteers::table
        .filter(volunteers::ready.eq(bool_in_sql(true)))
        .select(volunteers::user_id)
        .load(conn)
        .expect("ready");
    assert_eq!(ready, [ids[2]]);

    // Pauses ending on three days: a day in the SQL keeps the same ones as
    // a bound day, before, on and after each end, and at the ends of the
    // years it writes (years 0 and 10,000 are bound instead).
    let day = |d: u32| NaiveDate::from_ymd_opt(2026, 12, d).expect("day");
    for (id, end) in ids.iter().zip([day(10), day(12), day(14)]) {
        diesel::update(volunteers::table.find(id))
            .set(volunteers::pause_until.eq(Some(end)))
            .execute(conn)
            .expect("pause");
    }
    let far = [0, 1, 9999, 10_000].map(|y| NaiveDate::from_ymd_opt(y, 1, 1).expect("year"));
    for horizon in (9..=15).map(day).chain(far) {
        let written: Vec<i64> = volunteers::table
            .filter(volunteers::pause_until.le(day_in_sql(horizon).nullable()))
            .order(volunteers::user_id)
            .select(volunteers::user_id)
            .load(conn)
            .expect("day in the SQL");
        let bound: Vec<i64> = volunteers::table
            .filter(volunteers::pause_until.le(horizon))
            .order(volunteers::user_id)
            .select(volunteers::user_id)
            .load(conn)
            .expect("bound day");
        assert_eq!(written, bound, "{horizon}");
    }
    let by_the_12th: Vec<i64> = volunteers::table
        .filter(volunteers::pause_until.le(day_in_sql(day(12)).nullable()))
        .order(volunteers::user_id)
        .select(volunteers::user_id)
        .load(conn)
        .expect("by the 12th");
    assert_eq!(by_the_12th, ids[..2]);
}

/// PostgreSQL plans the first five calls of a prepared statement for
/// their values, then keeps one plan for any values if it looks no
/// dearer. Bound, a limit was assumed to keep a tenth of the rows, a
/// flag and a kind the commoner half, so the plan for any values never
/// looked as cheap and every call was planned again (the start page
/// spent 1.5 ms per view planning, BENCHMARKS.md). SQLite plans a
/// statement once, when it prepares it: nothing to see there.
#[tokio::test]
async fn postgres_keeps_one_plan_for_values_in_the_sql() {
    let app = spawn_app().await;
    if !app.is_postgres() {
        return;
    }
    let branch = app.create_branch("Planer");
    let mut conn = app.db.conn().expect("connection");
    let conn: &mut DbConnection = &mut conn;
    // Tables of a real size, skewed as a branch is: few active among
    // those in training, few of those ready.
    add_many_users(conn, 20_000);
    diesel::sql_query(format!(
        "INSERT INTO volunteers (user_id, branch_id, status, created_at, updated_at, \
         done_minutes, ready, user_name) \
         SELECT id, {branch}, \
           CASE WHEN id % 2000 = 1 THEN 'active' ELSE 'in_training' END, \
           now(), now(), 0, id % 2000 = 0, name \
         FROM users WHERE email LIKE 'many%'"
    ))
    .execute(conn)
    .expect("volunteers");
    diesel::sql_query("ANALYZE volunteers")
        .execute(conn)
        .expect("analyze volunteers");

    for _ in 0..8 {
        let first: Vec<i64> = users::table
            .order(users::id)
            .select(users::id)
            .limit_in_sql(2)
            .load(conn)
            .expect("limit in the SQL");
        assert_eq!(first.len(), 2);
        let picked = diesel::alias!(users as picked);
        let first: Vec<i64> = users::table
            .filter(in_first(
                users::id,
                picked
                    .order(picked.field(users::id))
                    .select(picked.field(users::id)),
                2,
            ))
            .select(users::id)
            .load(conn)
            .expect("subquery's limit in the SQL");
        assert_eq!(first.len(), 2);
        let active: i64 = volunteers::table
            .filter(volunteers::branch_id.eq(branch))
            .filter(volunteers::status.eq(code_in_sql(VolunteerStatus::Active)))
            .count()
            .get_result(conn)
            .expect("code in the SQL");
        assert_eq!(active, 10);
        let ready: i64 = volunteers::table
            .filter(volunteers::branch_id.eq(branch))
            .filter(volunteers::status.eq(code_in_sql(VolunteerStatus::InTraining)))
            .filter(volunteers::ready.eq(bool_in_sql(true)))
            .count()
            .get_result(conn)
            .expect("flag in the SQL");
        assert_eq!(ready, 10);
    }
    // Of a branch's paused people, whose pause ends by a day: the start
    // page's pauses ending soon (bound, planned again on every call).
    diesel::sql_query(format!(
        "UPDATE volunteers SET status = 'paused', pause_until = DATE '2026-12-01' + (user_id % 400)::int \
         WHERE branch_id = {branch} AND user_id % 10 = 3"
    ))
    .execute(conn)
    .expect("paused");
    diesel::sql_query("ANALYZE volunteers")
        .execute(conn)
        .expect("analyze volunteers");
    let paused: i64 = volunteers::table
        .filter(volunteers::status.eq(VolunteerStatus::Paused))
        .count()
        .get_result(conn)
        .expect("paused");
    let horizon = NaiveDate::from_ymd_opt(2026, 12, 15).expect("day");
    for _ in 0..8 {
        let ending: i64 = volunteers::table
            .filter(volunteers::branch_id.eq(branch))
            .filter(volunteers::status.eq(code_in_sql(VolunteerStatus::Paused)))
            .filter(volunteers::pause_until.le(day_in_sql(horizon).nullable()))
            .count()
            .get_result(conn)
            .expect("day in the SQL");
        assert!(
            ending > 0 && ending < paused,
            "{ending} of {paused} pauses ending"
        );
    }
    // The pipeline's page of those not ready (`db::volunteers::in_pipeline`):
    // with its branch, statuses and day bound, planned on every view.
    let today = NaiveDate::from_ymd_opt(2026, 12, 7).expect("day");
    for _ in 0..8 {
        let training = brobyg::db::volunteers::in_pipeline(conn, branch, false, today, 50)
            .expect("the pipeline's page");
        assert_eq!(training.len(), 50);
    }
    let plans = kept_plans(
        conn,
        &[
            "%LIMIT 2%",
            "%= 'active'%",
            "%= TRUE%",
            "%<= '2026-12-15'%",
            "%< '2026-12-07'%",
        ],
    );
    assert_eq!(plans.len(), 6, "one statement kept for each");
    for (statement, generic) in plans {
        assert!(generic > 0, "planned again on every call: {statement}");
    }
}

/// A person's seats of one kind (`db::enrolments::of_user`, read for the
/// volunteer's cohorts, their supervision and their GenLær courses) are
/// found by the seat's own copy of its session's kind, written into the
/// SQL. Bound, the kind was assumed to be the commoner half of a
/// person's seats, so PostgreSQL planned the statement on every call
/// (0.4 ms of the volunteer's page); read from the session, each of a
/// brobygger's hundred evening seats was joined to its session before
/// the one cohort was kept.
#[tokio::test]
async fn a_persons_seats_of_one_kind_are_theirs_and_keep_one_plan() {
    use brobyg::db::enrolments::of_user;
    use brobyg::domain::session::SessionKind;

    let app = spawn_app().await;
    let branch = app.create_branch("Pladser");
    let me = app.create_user(
        "pladser@example.dk",
        &[brobyg::domain::Role::Volunteer],
        Some(branch),
    );
    let other = app.create_user(
        "andre@example.dk",
        &[brobyg::domain::Role::Volunteer],
        Some(branch),
    );
    let evenings: Vec<i64> = (1..=3)
        .map(|days| app.create_session(SessionKind::Evening, Some(branch), Some(50), days))
        .collect();
    let cohort = app.create_session(SessionKind::Cohort, Some(branch), Some(20), 10);
    let someone_elses = app.create_session(SessionKind::Cohort, Some(branch), Some(20), 20);
    for &session in &evenings {
        app.enrol(session, me.id);
    }
    app.enrol(cohort, me.id);
    app.enrol(someone_elses, other.id);

    let mut conn = app.db.conn().expect("connection");
    let conn: &mut DbConnection = &mut conn;
    let ids = |seats: Vec<brobyg::db::enrolments::MyEnrolment>| -> Vec<i64> {
        seats.iter().map(|s| s.session.id).collect()
    };
    assert_eq!(
        ids(of_user(conn, me.id, Some(SessionKind::Cohort)).expect("cohorts")),
        vec![cohort]
    );
    // Newest session first.
    let mut newest_first = evenings.clone();
    newest_first.reverse();
    assert_eq!(
        ids(of_user(conn, me.id, Some(SessionKind::Evening)).expect("evenings")),
        newest_first
    );
    assert!(
        of_user(conn, me.id, Some(SessionKind::Supervision))
            .expect("supervision")
            .is_empty()
    );
    app.assert_enrolment_kinds_are_copied();

    if !app.is_postgres() {
        return;
    }
    // Seats skewed as a brobygger's are: thirty evenings each, no cohort.
    let crowded: Vec<i64> = (1..=30)
        .map(|days| app.create_session(SessionKind::Evening, Some(branch), None, days))
        .collect();
    add_many_users(conn, 2_000);
    diesel::sql_query(format!(
        "INSERT INTO enrolments (session_id, user_id, status, queued_at, confirmed_at, \
         created_at, updated_at, session_ends_at, session_kind) \
         SELECT s.id, u.id, 'confirmed', now(), now(), now(), now(), now(), 'evening' \
         FROM users u CROSS JOIN (SELECT id FROM sessions WHERE id IN ({})) s \
         WHERE u.email LIKE 'many%'",
        crowded
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    ))
    .execute(conn)
    .expect("seats");
    diesel::sql_query("ANALYZE enrolments")
        .execute(conn)
        .expect("analyze enrolments");
    for _ in 0..8 {
        let mine = of_user(conn, me.id, Some(SessionKind::Cohort)).expect("cohorts");
        assert_eq!(ids(mine), vec![cohort]);
    }
    let plans = kept_plans(conn, &["%\"session_kind\" = 'cohort'%"]);
    assert_eq!(plans.len(), 1, "one statement kept: {plans:?}");
    for (statement, generic) in plans {
        assert!(generic > 0, "planned again on every call: {statement}");
    }
}

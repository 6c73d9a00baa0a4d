//! `db::id_list::in_ids` keeps a list of ids in one bound value so that
//! SQLite keeps the statement prepared, and `in_list` keeps `eq_any`'s own
//! statement prepared: each must select what `eq_any` does, for no value,
//! one, several, values that match nothing, and (`in_list`) a list longer
//! than it keeps, on both databases.

use brobyg::db::DbConnection;
use brobyg::db::id_list::{KEPT_UP_TO, in_ids, in_list};
use brobyg::db::schema::users;
use diesel::prelude::*;

use crate::helpers::{add_many_users, kept_plans, spawn_app};

#[tokio::test]
async fn a_list_of_ids_selects_what_eq_any_selects() {
    let app = spawn_app().await;
    let ids: Vec<i64> = ["a@example.dk", "b@example.dk", "c@example.dk"]
        .iter()
        .map(|email| app.create_user(email, &[], None).id)
        .collect();
    let missing = ids.iter().max().expect("three users") + 1_000;
    let mut conn = app.db.conn().expect("connection");
    for wanted in lists_to_ask(&ids, missing) {
        let mut expected: Vec<i64> = wanted.iter().copied().filter(|id| *id != missing).collect();
        expected.sort_unstable();
        selects_as_eq_any(&mut conn, &wanted, &expected, |conn| {
            users::table
                .filter(in_ids(users::id, &wanted))
                .order(users::id)
                .select(users::id)
                .load(conn)
                .expect("query")
        });
    }
}

#[tokio::test]
async fn a_kept_list_selects_what_eq_any_selects() {
    let app = spawn_app().await;
    let emails = ["a@example.dk", "b@example.dk", "c@example.dk"];
    let ids: Vec<i64> = emails
        .iter()
        .map(|email| app.create_user(email, &[], None).id)
        .collect();
    let missing = ids.iter().max().expect("three users") + 1_000;
    // Longer than the lists kept prepared: parsed each time, same answer.
    let long: Vec<i64> = (0..=KEPT_UP_TO as i64)
        .map(|n| missing + n)
        .chain([ids[1]])
        .collect();
    let mut conn = app.db.conn().expect("connection");
    for wanted in lists_to_ask(&ids, missing).into_iter().chain([long]) {
        let mut expected: Vec<i64> = wanted
            .iter()
            .copied()
            .filter(|id| ids.contains(id))
            .collect();
        expected.sort_unstable();
        selects_as_eq_any(&mut conn, &wanted, &expected, |conn| {
            users::table
                .filter(in_list(users::id, wanted.iter().copied()))
                .order(users::id)
                .select(users::id)
                .load(conn)
                .expect("query")
        });
    }
    // A text column, and the same statement asked with other values.
    for wanted in [
        vec!["b@example.dk", "nobody@example.dk"],
        vec!["c@example.dk", "a@example.dk"],
    ] {
        let found: Vec<String> = users::table
            .filter(in_list(users::email, wanted.iter().map(|e| e.to_string())))
            .order(users::email)
            .select(users::email)
            .load(&mut *conn)
            .expect("query");
        let mut expected: Vec<String> = wanted
            .iter()
            .filter(|e| emails.contains(e))
            .map(|e| e.to_string())
            .collect();
        expected.sort();
        assert_eq!(found, expected);
    }
}

/// `found` selects the `expected` users, as `eq_any` does with `wanted`;
/// asked twice, the second time from the statement kept by the first.
fn selects_as_eq_any(
    conn: &mut DbConnection,
    wanted: &[i64],
    expected: &[i64],
    found: impl Fn(&mut DbConnection) -> Vec<i64>,
) {
    for _ in 0..2 {
        let by_eq_any: Vec<i64> = users::table
            .filter(users::id.eq_any(wanted))
            .order(users::id)
            .select(users::id)
            .load(conn)
            .expect("query");
        let got = found(conn);
        assert_eq!(got, expected, "{} ids", wanted.len());
        assert_eq!(got, by_eq_any, "{} ids", wanted.len());
    }
}

/// No id, one, several, and ids that match nothing.
fn lists_to_ask(ids: &[i64], missing: i64) -> Vec<Vec<i64>> {
    vec![
        vec![],
        vec![ids[1]],
        vec![ids[0], ids[2]],
        vec![ids[2], missing, ids[0], ids[1]],
        vec![missing],
    ]
}

/// On PostgreSQL a short kept list has a placeholder per value, so that
/// PostgreSQL keeps one plan for its statement after the first calls (a
/// generic plan) instead of planning it again on every call, as it did
/// while the list was one array: it guessed ten values for a
/// coordinator's two branches, and a plan for any ten never looked as
/// cheap as one for the two given. SQLite plans a statement once, when it
/// prepares it, so there is nothing to see there.
#[tokio::test]
async fn postgres_keeps_one_plan_for_a_short_list() {
    let app = spawn_app().await;
    if !app.is_postgres() {
        return;
    }
    let ids: Vec<i64> = ["a@example.dk", "b@example.dk", "c@example.dk"]
        .iter()
        .map(|email| app.create_user(email, &[], None).id)
        .collect();
    let mut conn = app.db.conn().expect("connection");
    let conn: &mut DbConnection = &mut conn;
    // A table of a real size: over three rows, a plan for any ten values
    // costs no more than one for the two given.
    add_many_users(conn, 20_000);
    // PostgreSQL plans the first five calls for their values, then
    // weighs a plan for any values against them.
    for pair in [[ids[0], ids[2]], [ids[1], ids[2]]].iter().cycle().take(8) {
        let found: Vec<i64> = users::table
            .filter(in_list(users::id, pair.iter().copied()))
            .order(users::id)
            .select(users::id)
            .load(conn)
            .expect("query");
        assert_eq!(found, pair.to_vec());
    }
    // `in_ids` with one id (a person's own page), likewise.
    for id in ids.iter().cycle().take(8) {
        let found: Vec<i64> = users::table
            .filter(in_ids(users::id, &[*id]))
            .select(users::id)
            .load(conn)
            .expect("query");
        assert_eq!(found, [*id]);
    }
    let plans = kept_plans(conn, &["%FROM \"users\" WHERE%"]);
    assert_eq!(plans.len(), 2, "one statement kept for each");
    assert!(
        plans.iter().all(|(_, generic)| *generic > 0),
        "planned again on every call"
    );
}

//! `db::id_list::in_ids` keeps a list of ids in one bound value so that
//! SQLite keeps the statement prepared: it must select what `eq_any` does,
//! for no id, one, several, and ids that match nothing, on both databases.

use brobyg::db::id_list::in_ids;
use brobyg::db::schema::users;
use diesel::prelude::*;

use crate::helpers::spawn_app;

#[tokio::test]
async fn a_list_of_ids_selects_what_eq_any_selects() {
    let app = spawn_app().await;
    let ids: Vec<i64> = ["a@example.dk", "b@example.dk", "c@example.dk"]
        .iter()
        .map(|email| app.create_user(email, &[], None).id)
        .collect();
    let missing = ids.iter().max().expect("three users") + 1_000;
    let mut conn = app.db.conn().expect("connection");
    for wanted in [
        vec![],
        vec![ids[1]],
        vec![ids[0], ids[2]],
        vec![ids[2], missing, ids[0], ids[1]],
        vec![missing],
    ] {
        let mut expected: Vec<i64> = wanted.iter().copied().filter(|id| *id != missing).collect();
        expected.sort_unstable();
        // Twice: the second run takes the statement kept from the first.
        for _ in 0..2 {
            let found: Vec<i64> = users::table
                .filter(in_ids(users::id, &wanted))
                .order(users::id)
                .select(users::id)
                .load(&mut *conn)
                .expect("query");
            let by_eq_any: Vec<i64> = users::table
                .filter(users::id.eq_any(&wanted))
                .order(users::id)
                .select(users::id)
                .load(&mut *conn)
                .expect("query");
            assert_eq!(found, expected, "{wanted:?}");
            assert_eq!(found, by_eq_any, "{wanted:?}");
        }
    }
}

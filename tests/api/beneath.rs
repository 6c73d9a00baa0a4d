//! Statements run on the connection beneath the multi-backend one
//! (`db::Direct`, `db::columns_of`, `db::direct!`) read what diesel's own
//! path reads: a struct selected by its columns and read back in field
//! order is the struct `as_select` reads by name, on both databases. And
//! every statement is storage's, run beneath.

use brobyg::db::DbConnection;
use brobyg::db::enrolments::{self, Enrolment};
use brobyg::db::schema::{enrolments as enrolments_t, sessions as sessions_t, users};
use brobyg::db::sessions::{self, Session};
use brobyg::db::users::User;
use brobyg::domain::Role;
use brobyg::domain::session::SessionKind;
use diesel::prelude::*;

use crate::helpers::{files_under, spawn_app};

#[tokio::test]
async fn a_row_read_beneath_is_the_row_the_multi_backend_connection_reads() {
    let app = spawn_app().await;
    let branch = app.create_branch("Nedenunder");
    let person = app.create_user("under@example.dk", &[Role::Volunteer], Some(branch));
    let cohort = app.create_session(SessionKind::Cohort, Some(branch), Some(12), 5);
    app.enrol(cohort, person.id);
    let mut pooled = app.db.conn().expect("connection");
    let conn: &mut DbConnection = &mut pooled;

    let user = brobyg::db::users::find(conn, person.id).expect("user beneath");
    let by_name: User = users::table
        .find(person.id)
        .select(User::as_select())
        .first(conn)
        .expect("user by name");
    assert_eq!(format!("{user:?}"), format!("{by_name:?}"));

    let session = sessions::find(conn, cohort).expect("session beneath");
    let by_name: Session = sessions_t::table
        .find(cohort)
        .select(Session::as_select())
        .first(conn)
        .expect("session by name");
    assert_eq!(format!("{session:?}"), format!("{by_name:?}"));
    assert_eq!(session.confirmed_count, 1, "the seat is counted");

    // A join of two structs, from a boxed statement built once per backend.
    let seats = enrolments::of_user(conn, person.id, Some(SessionKind::Cohort)).expect("seats");
    let by_name: Vec<(Enrolment, Session)> = enrolments_t::table
        .inner_join(sessions_t::table)
        .filter(enrolments_t::user_id.eq(person.id))
        .select((Enrolment::as_select(), Session::as_select()))
        .load(conn)
        .expect("seats by name");
    assert_eq!(seats.len(), 1);
    assert_eq!(
        format!("{:?}", (&seats[0].enrolment, &seats[0].session)),
        format!("{:?}", (&by_name[0].0, &by_name[0].1))
    );
}

/// The storage layer runs no statement through the multi-backend
/// connection, which writes a statement's SQL on every pass diesel makes:
/// a `.load(conn)` there compiles and works, only slower, so nothing else
/// would notice one. Unit tests (after `#[cfg(test)]`) and the connection's
/// own module (pool checks, migrations) are left out.
#[test]
fn storage_runs_its_statements_beneath_the_multi_backend_connection() {
    const CALLS: [&str; 5] = [".load", ".first", ".get_result", ".get_results", ".execute"];
    let mut found = Vec::new();
    for file in files_under("src/db", "rs") {
        if file.ends_with("connection.rs") {
            continue;
        }
        let source = std::fs::read_to_string(&file).expect("source");
        let code = source.split("#[cfg(test)]").next().unwrap_or_default();
        // rustfmt may break `.load::<(A, B)>(\n conn,\n)` over lines.
        let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
        for call in CALLS {
            let mut rest = code.as_str();
            while let Some(at) = rest.find(call) {
                let after = &rest[at + call.len()..];
                let args = after.strip_prefix("::<").map_or(Some(after), |typed| {
                    typed.find(">(").map(|end| &typed[end + 1..])
                });
                if args.is_some_and(|a| a.starts_with("(conn)")) {
                    found.push(format!("{file}: {call}(conn)"));
                }
                rest = after;
            }
        }
    }
    assert!(
        found.is_empty(),
        "run these with `db::Direct` (`load_direct`…) or `db::direct!`: {found:#?}"
    );
}

/// Statements belong to storage: the application and web layers name no
/// table, so the scan above sees every statement a request runs.
#[test]
fn the_application_and_web_layers_name_no_table() {
    let naming: Vec<String> = ["src/app", "src/web"]
        .into_iter()
        .flat_map(|dir| files_under(dir, ".rs"))
        .filter(|file| {
            std::fs::read_to_string(file)
                .expect("source")
                .contains("db::schema")
        })
        .collect();
    assert!(
        naming.is_empty(),
        "move these statements into src/db: {naming:?}"
    );
}

/// A timestamp reads back as it was written, to the microsecond, and one
/// that the database holds in another layout (written by hand in SQL:
/// SQLite keeps text, so `T` between date and time is possible there)
/// still reads, through `db::Stamp`'s quick reading and diesel's.
#[tokio::test]
async fn a_timestamp_reads_back_as_written_in_any_layout() {
    use brobyg::db::schema::sessions as sessions_t;
    use chrono::NaiveDateTime;
    let app = spawn_app().await;
    let branch = app.create_branch("Tidspunkter");
    let cohort = app.create_session(SessionKind::Cohort, Some(branch), Some(12), 5);
    let mut pooled = app.db.conn().expect("connection");
    let conn: &mut DbConnection = &mut pooled;
    let at = |text: &str| NaiveDateTime::parse_from_str(text, "%F %T%.f").expect("time");

    for written in ["2026-03-03 16:00:00", "2026-06-03 16:05:00.123456"] {
        diesel::update(sessions_t::table.find(cohort))
            .set(sessions_t::enrol_deadline.eq(Some(at(written))))
            .execute(conn)
            .expect("written");
        let read = sessions::find(conn, cohort).expect("session");
        assert_eq!(read.enrol_deadline, Some(at(written)), "{written}");
    }
    diesel::sql_query(format!(
        "UPDATE sessions SET enrol_deadline = '2026-03-03T16:00:00' WHERE id = {cohort}"
    ))
    .execute(conn)
    .expect("written by hand");
    let read = sessions::find(conn, cohort).expect("session");
    assert_eq!(read.enrol_deadline, Some(at("2026-03-03 16:00:00")));
    diesel::update(sessions_t::table.find(cohort))
        .set(sessions_t::enrol_deadline.eq(None::<NaiveDateTime>))
        .execute(conn)
        .expect("cleared");
    assert_eq!(
        sessions::find(conn, cohort)
            .expect("session")
            .enrol_deadline,
        None
    );
}

/// Every row struct reads its timestamps with `db::Stamp` (`MaybeStamp`
/// for an `Option`): diesel's own reading of an SQLite timestamp tries
/// chrono's format patterns, 2,500 instructions a value (ARCHITECTURE.md).
#[test]
fn row_structs_read_their_timestamps_with_stamp() {
    let mut found = Vec::new();
    for file in files_under("src/db", "rs") {
        let source = std::fs::read_to_string(&file).expect("source");
        let mut in_row = false;
        let mut previous = "";
        for line in source.lines() {
            let line = line.trim();
            if line.starts_with("#[derive(") {
                in_row = line.contains("Queryable");
            } else if line == "}" {
                in_row = false;
            }
            let timestamp = line.starts_with("pub ")
                && (line.ends_with(": NaiveDateTime,")
                    || line.ends_with(": Option<NaiveDateTime>,"));
            if in_row && timestamp && !previous.contains("deserialize_as") {
                found.push(format!("{file}: {line}"));
            }
            previous = line;
        }
    }
    assert!(
        found.is_empty(),
        "add #[diesel(deserialize_as = crate::db::Stamp)] (MaybeStamp for an Option): {found:#?}"
    );
}

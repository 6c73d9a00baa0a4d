//! Shared setup of the mail and calendar tests: people with names that
//! need encoding, a branch with contact details, sessions of every kind.

use brobyg::config::SmtpSecurity;
use brobyg::db::DbConnection;
use brobyg::db::branches;
use brobyg::db::schema::users;
use brobyg::db::sessions::{self, MeetingTimes, NewSession};
use brobyg::domain::Role;
use brobyg::domain::session::SessionKind;
use chrono::{Duration, NaiveDateTime, Utc};
use diesel::prelude::*;

use crate::helpers::{TestApp, TestUser, spawn_app_with};
use crate::smtp::TestSmtp;

pub fn in_hours(hours: i64) -> NaiveDateTime {
    let t = (Utc::now() + Duration::hours(hours)).naive_utc();
    // Whole minutes, as coordinators enter them.
    t - Duration::seconds(i64::from(chrono::Timelike::second(&t)))
        - Duration::nanoseconds(i64::from(chrono::Timelike::nanosecond(&t)))
}

/// The site with its mail going to `smtp` (no TLS on loopback).
/// The site's address in the mail tests' emails.
pub const BASE: &str = "http://brobyg.test";

pub async fn app_with_smtp(port: u16) -> TestApp {
    spawn_app_with(|s| {
        s.base_url = BASE.into();
        s.smtp_host = Some("127.0.0.1".into());
        s.smtp_port = Some(port);
        s.smtp_security = SmtpSecurity::None;
    })
    .await
}

pub async fn app_and_smtp() -> (TestApp, TestSmtp) {
    let smtp = TestSmtp::start();
    (app_with_smtp(smtp.port).await, smtp)
}

pub fn tx<T>(app: &TestApp, f: impl FnOnce(&mut DbConnection) -> QueryResult<T>) -> T {
    let mut conn = app.db.conn().expect("connection");
    let conn: &mut DbConnection = &mut conn;
    conn.transaction(f).expect("transaction")
}

/// A professional with a real name and a language.
pub fn person(app: &TestApp, email: &str, name: &str, language: &str) -> TestUser {
    let user = app.create_user(email, &[Role::Professional], None);
    tx(app, |c| {
        diesel::update(users::table.find(user.id))
            .set((users::name.eq(name), users::language.eq(language)))
            .execute(c)
    });
    user
}

/// A branch with an address and phone for the signature.
pub fn branch(app: &TestApp, name: &str) -> i64 {
    let slug = brobyg::domain::names::slugify(name);
    tx(app, |c| {
        let region =
            branches::create_region(c, &format!("Region {name}"), &format!("region-{slug}"))?;
        branches::create(
            c,
            &branches::BranchFields {
                region_id: region,
                name,
                slug: &slug,
                is_head_office: false,
                email: "aarhus@brobyg.test",
                phone: "70 70 20 25",
                address: "Åboulevarden 1, 8000 Aarhus C",
            },
        )
    })
}

pub fn session_at(
    app: &TestApp,
    kind: SessionKind,
    branch_id: Option<i64>,
    capacity: Option<i32>,
    starts: &[NaiveDateTime],
) -> i64 {
    let times: Vec<MeetingTimes> = starts
        .iter()
        .map(|s| MeetingTimes {
            starts_at: *s,
            ends_at: *s + Duration::hours(3),
            location: None,
            online_url: None,
        })
        .collect();
    tx(app, |c| {
        sessions::create(
            c,
            &NewSession {
                kind,
                branch_id,
                title: "Sårbarhed og sundhed – på tværs",
                location: "Social Sundhed, Åboulevarden 1, 8000 Aarhus C",
                online_url: None,
                capacity,
                enrol_deadline: None,
                cancel_deadline: None,
            },
            &times,
        )
    })
}

pub fn enrol(app: &TestApp, session_id: i64, user: &TestUser) {
    tx(app, |c| {
        brobyg::app::engine::enrol(c, session_id, user.id, true)
    })
    .expect("placed");
}

pub fn meeting_ids(app: &TestApp, session_id: i64) -> Vec<i64> {
    tx(app, |c| sessions::meetings(c, session_id))
        .into_iter()
        .map(|m| m.id)
        .collect()
}

//! A pause ends on its date: the mail worker's pass makes the volunteer
//! active again (a status change by the system), once, whatever the number
//! of workers, and tells the volunteer and the branch's coordinators.

use brobyg::domain::Code;
use brobyg::domain::Role;
use brobyg::domain::events::Message;
use brobyg::mail::worker;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use reqwest::StatusCode;

use super::support::pause_until;
use crate::helpers::{PASSWORD, TestApp, TestUser, spawn_app};

fn status_of(app: &TestApp, user: &TestUser) -> String {
    let mut conn = app.db.conn().expect("connection");
    brobyg::db::volunteers::find(&mut conn, user.id)
        .expect("query")
        .expect("volunteer")
        .status
        .as_str()
        .to_string()
}

fn today() -> NaiveDate {
    brobyg::domain::time::local(brobyg::db::now()).date_naive()
}

/// Noon UTC of a date: the same date in Copenhagen all year.
fn noon(date: NaiveDate) -> NaiveDateTime {
    date.and_hms_opt(12, 0, 0).expect("noon")
}

fn kinds_to(app: &TestApp, email: &str) -> Vec<String> {
    app.outbox()
        .into_iter()
        .filter(|r| r.to_email == email)
        .map(|r| r.kind)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pause_ends_on_its_date_once_whatever_the_number_of_workers() {
    let app = spawn_app().await;
    let branch = app.create_branch("Aarhus");
    let coordinator = app.create_user("k@example.dk", &[Role::Coordinator], Some(branch));
    let sara = app.qualified_volunteer("sara@example.dk", branch);
    let me = app.browser();
    me.login(&sara.email, PASSWORD).await;
    let until = today() + Duration::days(10);
    let response = pause_until(&me, until).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(status_of(&app, &sara), "paused");

    // On the last day the pause still holds.
    let mailer = app.mailer();
    let pass = app.deliver_at(&mailer, noon(until)).await;
    assert_eq!(pass.pauses, 0);
    assert_eq!(status_of(&app, &sara), "paused");

    // The day after, three workers at once end it once.
    let after = noon(until + Duration::days(1));
    let (a, b, c) = (app.mailer(), app.mailer(), app.mailer());
    let (pa, pb, pc) = tokio::join!(
        worker::run_once(&a, after),
        worker::run_once(&b, after),
        worker::run_once(&c, after)
    );
    let ended: usize = [pa, pb, pc]
        .into_iter()
        .map(|p| p.expect("pass").pauses)
        .sum();
    assert_eq!(ended, 1);
    assert_eq!(status_of(&app, &sara), "active");
    assert_eq!(app.deliver_at(&mailer, after).await.pauses, 0, "idempotent");

    // Logged as a change by the system.
    let newest = {
        let mut conn = app.db.conn().expect("connection");
        brobyg::db::volunteer_history::of_user(&mut conn, sara.id)
            .expect("history")
            .remove(0)
    };
    assert_eq!(newest.row.to_status.as_str(), "active");
    assert_eq!(newest.row.from_status.map(|s| s.as_str()), Some("paused"));
    assert_eq!(newest.row.changed_by, None);

    // Told once each.
    assert_eq!(
        kinds_to(&app, &sara.email)
            .iter()
            .filter(|k| *k == "pause_ended")
            .count(),
        1
    );
    assert!(matches!(
        app.last_message_to(&sara.email),
        Message::PauseEnded { may_work: true, .. }
    ));
    assert_eq!(
        kinds_to(&app, &coordinator.email)
            .iter()
            .filter(|k| *k == "volunteer_pause_ended")
            .count(),
        1
    );
    let Message::VolunteerPauseEnded {
        volunteer, link, ..
    } = app.last_message_but_digest_to(&coordinator.email)
    else {
        panic!("expected the coordinators' notice");
    };
    assert_eq!(volunteer, format!("Test {}", sara.email));
    assert_eq!(link, format!("/koordinator/brobyggere/{}", sara.id));
    assert_eq!(me.get("/frivillig/aktiv").await.status(), StatusCode::OK);
    super::support::assert_volunteer_counts_are_live(&app);
}

/// A requirement that came during the pause does not keep the volunteer
/// paused (and exempt from supervision) for ever: they are active again,
/// the gate refuses what needs it with the checklist, and both emails say
/// something is missing.
#[tokio::test]
async fn a_pause_ends_even_with_something_missing_and_says_so() {
    let app = spawn_app().await;
    let branch = app.create_branch("Aarhus");
    let coordinator = app.create_user("k@example.dk", &[Role::Coordinator], Some(branch));
    let sara = app.qualified_volunteer("sara@example.dk", branch);
    let me = app.browser();
    me.login(&sara.email, PASSWORD).await;
    let until = today() + Duration::days(3);
    me.post_form(
        "/frivillig/pause",
        &[("until", &until.format("%Y-%m-%d").to_string())],
    )
    .await;
    let (admin, _) = app.signed_in(Role::Admin).await;
    let deadline = (today() + Duration::days(30))
        .format("%Y-%m-%d")
        .to_string();
    let response = admin
        .post_form(
            "/admin/tavshedserklaering",
            &[("version", "2"), ("deadline", &deadline)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    // Her time to sign the new version is over.
    {
        use brobyg::db::schema::requirement_grace as g;
        use diesel::prelude::*;
        let mut conn = app.db.conn().expect("connection");
        diesel::update(g::table.filter(g::user_id.eq(sara.id)))
            .set(g::deadline.eq(today() - Duration::days(1)))
            .execute(&mut conn)
            .expect("deadline moved");
    }

    let mailer = app.mailer();
    let pass = app
        .deliver_at(&mailer, noon(until + Duration::days(1)))
        .await;
    assert_eq!(pass.pauses, 1);
    assert_eq!(status_of(&app, &sara), "active");
    assert!(matches!(
        app.last_message_to(&sara.email),
        Message::PauseEnded {
            may_work: false,
            ..
        }
    ));
    assert!(matches!(
        app.last_message_but_digest_to(&coordinator.email),
        Message::VolunteerPauseEnded {
            may_work: false,
            ..
        }
    ));
    assert_eq!(
        me.get("/frivillig/aktiv").await.status(),
        StatusCode::FORBIDDEN
    );
}

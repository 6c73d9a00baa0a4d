//! Reminders two days before each meeting: once per person and meeting,
//! whatever the restarts and however many workers.

use brobyg::db::{now, reminders};
use brobyg::domain::events::Message;
use brobyg::domain::session::SessionKind;
use brobyg::mail::worker;
use chrono::Duration;

use crate::helpers::start;
use crate::mail_support::*;
use crate::smtp::parse;

fn reminders_to(app: &crate::helpers::TestApp, email: &str) -> Vec<i64> {
    app.outbox()
        .into_iter()
        .filter(|r| r.to_email == email)
        .filter_map(|r| match r.message().expect("message") {
            Message::Reminder { meeting_id, .. } => Some(meeting_id),
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn each_person_is_reminded_of_each_meeting_once_two_days_before() {
    let (app, smtp) = app_and_smtp().await;
    let mailer = app.mailer();
    let aase = person(&app, "aase@example.dk", "Åse Ørum", "da");
    let bo = person(&app, "bo@example.dk", "Bo Æbelø", "en");
    let waiting = person(&app, "venter@example.dk", "Vera Venter", "da");
    let gone = person(&app, "afmeldt@example.dk", "Anders Afmeldt", "da");
    // A supervision with two meetings: in 36 hours and in ten days.
    let soon = in_hours(36);
    let later = in_hours(24 * 10);
    let session = session_at(
        &app,
        SessionKind::Supervision,
        None,
        Some(3),
        &[soon, later],
    );
    for p in [&aase, &bo, &gone, &waiting] {
        enrol(&app, session, p);
    }
    tx(&app, |c| {
        brobyg::app::engine::cancel(c, session, gone.id, None)
    })
    .expect("cancelled");
    let [first, second] = meeting_ids(&app, session)[..] else {
        panic!("two meetings");
    };
    // Three seats: Vera waited, and got Anders's seat when he cancelled.

    let t0 = now();
    let pass = app.deliver_at(&mailer, t0).await;
    assert_eq!(pass.reminders, 3, "{pass:?}");
    assert_eq!(reminders_to(&app, "aase@example.dk"), [first]);
    assert_eq!(reminders_to(&app, "bo@example.dk"), [first]);
    assert_eq!(reminders_to(&app, "venter@example.dk"), [first]);
    assert!(reminders_to(&app, "afmeldt@example.dk").is_empty());
    assert_eq!(
        app.deliver_at(&mailer, t0).await.reminders,
        0,
        "never twice"
    );

    let mail = parse(&smtp.to("aase@example.dk").last().expect("sent").data);
    assert_eq!(mail.subject, "Påmindelse: Sårbarhed og sundhed – på tværs");
    assert!(mail.calendar.is_none());
    let local = brobyg::i18n::format::datetime(brobyg::domain::Lang::Da, soon);
    assert!(mail.text.contains(&local), "{local} in {}", mail.text);
    let english = parse(&smtp.to("bo@example.dk").last().expect("sent").data);
    assert_eq!(english.subject, "Reminder: Sårbarhed og sundhed – på tværs");

    // After a restart, nothing is sent again; the second meeting's turn
    // comes two days before it.
    let settings = (*app.state.settings).clone();
    let database = app.stop();
    let app = start(settings, database);
    let mailer = app.mailer();
    assert_eq!(
        app.deliver_at(&mailer, t0 + Duration::hours(1))
            .await
            .reminders,
        0
    );
    let pass = app.deliver_at(&mailer, later - Duration::hours(47)).await;
    assert_eq!(pass.reminders, 3);
    assert_eq!(reminders_to(&app, "aase@example.dk"), [first, second]);
    let mut conn = app.db.conn().expect("connection");
    assert!(reminders::sent(&mut conn, second, aase.id).expect("query"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn several_workers_at_once_send_one_reminder_each() {
    let (app, _smtp) = app_and_smtp().await;
    let session = session_at(&app, SessionKind::Evening, None, None, &[in_hours(30)]);
    for i in 0..12 {
        let p = person(
            &app,
            &format!("p{i}@example.dk"),
            &format!("Deltager {i}"),
            "da",
        );
        enrol(&app, session, &p);
    }
    let (a, b, c) = (app.mailer(), app.mailer(), app.mailer());
    let at = now();
    let (pa, pb, pc) = tokio::join!(
        worker::run_once(&a, at),
        worker::run_once(&b, at),
        worker::run_once(&c, at)
    );
    let total: usize = [pa, pb, pc]
        .into_iter()
        .map(|p| p.expect("pass").reminders)
        .sum();
    assert_eq!(total, 12);
    let reminders = app
        .outbox()
        .into_iter()
        .filter(|r| r.kind == "reminder")
        .count();
    assert_eq!(reminders, 12);
}

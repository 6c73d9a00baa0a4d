//! The enrolment engine shared by every kind of session: capacity under
//! concurrency, the waiting list, cancellations and promotions, changes and
//! cancellations of whole sessions. Driven through the storage layer; the
//! pages of each kind drive it over HTTP in their own tests.

use std::sync::{Arc, Barrier};

use brobyg::db::sessions::{self, MeetingTimes, NewSession};
use brobyg::db::{DbConnection, enrolments};
use brobyg::domain::Role;
use brobyg::domain::enrolment::{EnrolmentStatus, Refusal};
use brobyg::domain::events::Message;
use brobyg::domain::session::SessionKind;
use chrono::{Duration, NaiveDateTime, Utc};
use diesel::Connection;

use crate::helpers::{TestApp, TestUser, spawn_app, spawn_app_with};

fn in_days(days: i64) -> NaiveDateTime {
    (Utc::now() + Duration::days(days)).naive_utc()
}

fn session(app: &TestApp, capacity: Option<i32>, cancel_deadline: Option<NaiveDateTime>) -> i64 {
    let mut conn = app.db.conn().expect("connection");
    sessions::create(
        &mut conn,
        &NewSession {
            kind: SessionKind::Genlaer,
            branch_id: None,
            title: "Sundhedskompetence og kommunikation",
            location: "Aarhus",
            online_url: None,
            capacity,
            enrol_deadline: None,
            cancel_deadline,
        },
        &[MeetingTimes {
            starts_at: in_days(10),
            ends_at: in_days(10) + Duration::hours(3),
            location: None,
            online_url: None,
        }],
    )
    .expect("session")
}

fn people(app: &TestApp, n: usize) -> Vec<TestUser> {
    (0..n)
        .map(|i| {
            app.create_user(
                &format!("deltager{i}@example.dk"),
                &[Role::Professional],
                None,
            )
        })
        .collect()
}

fn tx<T>(app: &TestApp, f: impl FnOnce(&mut DbConnection) -> diesel::QueryResult<T>) -> T {
    let mut conn = app.db.conn().expect("connection");
    let conn: &mut DbConnection = &mut conn;
    conn.transaction(f).expect("transaction")
}

fn enrol(app: &TestApp, session_id: i64, user: &TestUser) -> brobyg::app::engine::Placed {
    tx(app, |c| {
        brobyg::app::engine::enrol(c, session_id, user.id, false)
    })
    .expect("placed")
}

fn counts(app: &TestApp, session_id: i64) -> (i32, i32) {
    let s = tx(app, |c| sessions::find(c, session_id));
    (s.confirmed_count, s.waitlist_count)
}

fn kinds_to(app: &TestApp, email: &str) -> Vec<String> {
    app.outbox()
        .into_iter()
        .filter(|r| r.to_email == email)
        .map(|r| r.kind)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_simultaneous_enrolments_fill_ten_seats_and_queue_the_rest_in_arrival_order() {
    // As many connections as a production instance has: the threads queue
    // for them and then for the session's lock.
    let app = spawn_app_with(|s| s.database_pool_size = 8).await;
    let session_id = session(&app, Some(10), None);
    let users = people(&app, 50);
    let barrier = Arc::new(Barrier::new(users.len()));
    let handles: Vec<_> = users
        .iter()
        .map(|u| {
            let db = app.db.clone();
            let barrier = barrier.clone();
            let user_id = u.id;
            std::thread::spawn(move || {
                barrier.wait();
                let mut pooled = db.conn().expect("connection");
                let conn: &mut DbConnection = &mut pooled;
                conn.transaction(|c| brobyg::app::engine::enrol(c, session_id, user_id, false))
                    .expect("no database error under contention")
                    .expect("placed")
            })
        })
        .collect();
    let placed: Vec<brobyg::app::engine::Placed> = handles
        .into_iter()
        .map(|h| h.join().expect("thread"))
        .collect();

    let confirmed = placed
        .iter()
        .filter(|p| p.status == EnrolmentStatus::Confirmed)
        .count();
    assert_eq!(confirmed, 10);
    assert_eq!(counts(&app, session_id), (10, 40));
    let mut positions: Vec<i64> = placed.iter().filter_map(|p| p.position).collect();
    positions.sort_unstable();
    assert_eq!(
        positions,
        (1..=40).collect::<Vec<_>>(),
        "every queue place once"
    );

    // The queue is in arrival order: the order the engine admitted them.
    let (seated, waiting) = tx(&app, |c| enrolments::participants(c, session_id));
    assert_eq!(seated.len(), 10);
    let arrivals: Vec<(NaiveDateTime, i64)> = waiting
        .iter()
        .map(|p| (p.enrolment.queued_at, p.enrolment.id))
        .collect();
    let mut sorted = arrivals.clone();
    sorted.sort();
    assert_eq!(arrivals, sorted);
    let last_seat = seated
        .iter()
        .map(|p| (p.enrolment.queued_at, p.enrolment.id))
        .max()
        .expect("seats");
    assert!(
        last_seat < sorted[0],
        "every seat went to someone who arrived before the queue"
    );
    for p in &waiting {
        let told = placed
            .iter()
            .find(|x| x.enrolment_id == p.enrolment.id)
            .and_then(|x| x.position);
        assert_eq!(told, p.position, "the position told is the position held");
    }
    assert_eq!(
        app.outbox().iter().filter(|r| r.kind == "enrolled").count(),
        10
    );
    assert_eq!(
        app.outbox()
            .iter()
            .filter(|r| r.kind == "waitlisted")
            .count(),
        40
    );
}

#[tokio::test]
async fn a_cancellation_gives_the_seat_to_the_first_in_the_queue() {
    let app = spawn_app().await;
    let session_id = session(&app, Some(2), None);
    let u = people(&app, 4);
    for p in &u {
        enrol(&app, session_id, p);
    }
    assert_eq!(counts(&app, session_id), (2, 2));

    let result = tx(&app, |c| {
        brobyg::app::engine::cancel(c, session_id, u[0].id, None)
    })
    .expect("cancelled");
    assert!(!result.late);
    assert_eq!(counts(&app, session_id), (2, 1));
    assert_eq!(
        kinds_to(&app, &u[0].email),
        vec!["enrolled", "enrolment_cancelled"]
    );
    assert_eq!(
        kinds_to(&app, &u[2].email),
        vec!["waitlisted", "promoted"],
        "first in line"
    );
    assert_eq!(
        kinds_to(&app, &u[3].email),
        vec!["waitlisted"],
        "still waiting"
    );
    let Message::Promoted { session } = app.last_message_to(&u[2].email) else {
        panic!("expected promotion");
    };
    // Stored as a path; the email makes it absolute with the site's address.
    assert_eq!(session.url, format!("/genlaer/hold/{session_id}"));

    // The one left waiting is now first.
    let (_, waiting) = tx(&app, |c| enrolments::participants(c, session_id));
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].enrolment.user_id, u[3].id);
    assert_eq!(waiting[0].position, Some(1));
}

#[tokio::test]
async fn leaving_the_queue_and_coming_back_goes_to_the_end() {
    let app = spawn_app().await;
    let session_id = session(&app, Some(1), None);
    let u = people(&app, 4);
    for p in &u {
        enrol(&app, session_id, p);
    }
    tx(&app, |c| {
        brobyg::app::engine::cancel(c, session_id, u[1].id, None)
    })
    .expect("left");
    assert_eq!(
        kinds_to(&app, &u[1].email),
        vec!["waitlisted", "left_waitlist"]
    );
    assert_eq!(counts(&app, session_id), (1, 2));
    let again = enrol(&app, session_id, &u[1]);
    assert_eq!(again.status, EnrolmentStatus::Waitlisted);
    assert_eq!(again.position, Some(3));
    // The earlier enrolment is taken up again and counted once.
    assert!(again.reused);
    assert_eq!(counts(&app, session_id), (1, 3));
    let twice = tx(&app, |c| {
        brobyg::app::engine::enrol(c, session_id, u[1].id, false)
    });
    assert_eq!(twice, Err(Refusal::AlreadyEnrolled));
}

#[tokio::test]
async fn a_seat_given_up_and_taken_again_is_counted_once() {
    let app = spawn_app().await;
    let session_id = session(&app, Some(2), None);
    let u = people(&app, 1);
    assert_eq!(
        enrol(&app, session_id, &u[0]).status,
        EnrolmentStatus::Confirmed
    );
    assert_eq!(counts(&app, session_id), (1, 0));
    tx(&app, |c| {
        brobyg::app::engine::cancel(c, session_id, u[0].id, None)
    })
    .expect("cancelled");
    assert_eq!(counts(&app, session_id), (0, 0));
    let again = enrol(&app, session_id, &u[0]);
    assert_eq!(
        (again.status, again.reused),
        (EnrolmentStatus::Confirmed, true)
    );
    assert_eq!(counts(&app, session_id), (1, 0));
}

#[tokio::test]
async fn only_staff_cancel_late_and_a_refilled_seat_is_recorded() {
    let app = spawn_app().await;
    let staff = app.create_user("koordinator@example.dk", &[Role::Admin], None);
    // The cancellation deadline has passed; the session is still ahead.
    let session_id = session(&app, Some(1), Some(in_days(-1)));
    let u = people(&app, 3);
    for p in &u {
        enrol(&app, session_id, p);
    }
    let refused = tx(&app, |c| {
        brobyg::app::engine::cancel(c, session_id, u[0].id, None)
    });
    assert_eq!(refused, Err(Refusal::CancelDeadlinePassed));
    assert_eq!(counts(&app, session_id), (1, 2), "nothing changed");

    let done = tx(&app, |c| {
        brobyg::app::engine::cancel(c, session_id, u[0].id, Some(staff.id))
    })
    .expect("staff");
    assert!(done.late);
    assert!(done.refilled, "the queue took the seat");
    let row = tx(&app, |c| enrolments::find(c, session_id, u[0].id)).expect("row");
    assert!(row.late_cancellation && row.refilled);
    assert_eq!(row.cancelled_by, Some(staff.id));

    // Leaving the queue late is always allowed, and never late.
    let left = tx(&app, |c| {
        brobyg::app::engine::cancel(c, session_id, u[2].id, None)
    })
    .expect("left");
    assert!(!left.late);

    // A late cancellation nobody takes over is not refilled.
    let done = tx(&app, |c| {
        brobyg::app::engine::cancel(c, session_id, u[1].id, Some(staff.id))
    })
    .expect("staff");
    assert_eq!((done.late, done.refilled), (true, false));
}

#[tokio::test]
async fn more_seats_go_to_the_queue_at_once() {
    let app = spawn_app().await;
    let session_id = session(&app, Some(1), None);
    let u = people(&app, 4);
    for p in &u {
        enrol(&app, session_id, p);
    }
    tx(&app, |c| {
        brobyg::app::engine::update_session(
            c,
            session_id,
            &sessions::SessionChanges {
                title: "Sundhedskompetence og kommunikation",
                location: "Aarhus",
                online_url: None,
                capacity: Some(3),
                enrol_deadline: None,
                cancel_deadline: None,
            },
        )
    });
    assert_eq!(counts(&app, session_id), (3, 1));
    assert_eq!(kinds_to(&app, &u[1].email), vec!["waitlisted", "promoted"]);
    assert_eq!(kinds_to(&app, &u[2].email), vec!["waitlisted", "promoted"]);
    assert_eq!(kinds_to(&app, &u[3].email), vec!["waitlisted"]);
}

#[tokio::test]
async fn a_moved_meeting_raises_its_sequence_and_tells_those_with_a_seat() {
    let app = spawn_app().await;
    let session_id = session(&app, Some(1), None);
    let u = people(&app, 2);
    enrol(&app, session_id, &u[0]);
    enrol(&app, session_id, &u[1]);
    let meeting = tx(&app, |c| sessions::meetings(c, session_id))[0].clone();
    let later = MeetingTimes {
        starts_at: meeting.starts_at + Duration::hours(1),
        ends_at: meeting.ends_at + Duration::hours(1),
        location: Some("Randers".into()),
        online_url: None,
    };
    tx(&app, |c| {
        brobyg::app::engine::reschedule_meeting(c, meeting.id, &later)
    });
    let Message::SessionChanged { session } = app.last_message_to(&u[0].email) else {
        panic!("expected an update");
    };
    assert_eq!(session.meetings[0].sequence, 1);
    assert_eq!(session.meetings[0].location, "Randers");
    assert_eq!(session.meetings[0].starts_at, later.starts_at);
    assert_eq!(
        kinds_to(&app, &u[1].email),
        vec!["waitlisted"],
        "the queue has no calendar entry"
    );
    assert_eq!(
        tx(&app, |c| sessions::find(c, session_id)).starts_at,
        later.starts_at
    );
}

#[tokio::test]
async fn a_cancelled_session_releases_everyone_and_tells_them() {
    let app = spawn_app().await;
    let staff = app.create_user("k@example.dk", &[Role::Admin], None);
    let session_id = session(&app, Some(1), None);
    let u = people(&app, 2);
    enrol(&app, session_id, &u[0]);
    enrol(&app, session_id, &u[1]);
    tx(&app, |c| {
        brobyg::app::engine::cancel_session(c, session_id, Some("Underviseren er syg"), staff.id)
    });
    assert_eq!(counts(&app, session_id), (0, 0));
    let Message::SessionCancelled {
        had_seat, reason, ..
    } = app.last_message_to(&u[0].email)
    else {
        panic!("expected a cancellation");
    };
    assert!(had_seat);
    assert_eq!(reason.as_deref(), Some("Underviseren er syg"));
    let Message::SessionCancelled { had_seat, .. } = app.last_message_to(&u[1].email) else {
        panic!("expected a cancellation");
    };
    assert!(!had_seat);
    let late = tx(&app, |c| {
        brobyg::app::engine::enrol(c, session_id, u[0].id, true)
    });
    assert_eq!(late, Err(Refusal::SessionCancelled));
}

#[tokio::test]
async fn a_participant_is_moved_to_another_session_and_their_old_seat_refilled() {
    let app = spawn_app().await;
    let staff = app.create_user("k@example.dk", &[Role::Admin], None);
    let from = session(&app, Some(1), None);
    let to = session(&app, Some(5), None);
    let u = people(&app, 2);
    enrol(&app, from, &u[0]);
    enrol(&app, from, &u[1]);
    let placed = tx(&app, |c| {
        brobyg::app::engine::move_participant(
            c,
            brobyg::app::engine::Move {
                from_session: from,
                to_session: to,
                user_id: u[0].id,
                by: staff.id,
            },
        )
    })
    .expect("moved");
    assert_eq!(placed.status, EnrolmentStatus::Confirmed);
    assert_eq!(counts(&app, from), (1, 0));
    assert_eq!(counts(&app, to), (1, 0));
    assert_eq!(
        kinds_to(&app, &u[0].email),
        vec!["enrolled", "enrolment_cancelled", "enrolled"]
    );
    assert_eq!(kinds_to(&app, &u[1].email), vec!["waitlisted", "promoted"]);
}

/// Diesel prepares raw SQL and every `UPDATE` afresh on each call; the
/// enrolment path's are kept prepared on their connection, which
/// PostgreSQL lists (SQLite keeps no such list).
#[tokio::test]
async fn the_enrolment_path_keeps_its_statements_prepared() {
    #[derive(diesel::QueryableByName)]
    struct Kept {
        #[diesel(sql_type = diesel::sql_types::Text)]
        statement: String,
    }
    let app = spawn_app().await;
    if !app.is_postgres() {
        return;
    }
    let session_id = session(&app, Some(1), None);
    let u = people(&app, 3);
    let mut conn = app.db.conn().expect("connection");
    let conn: &mut DbConnection = &mut conn;
    for p in &u {
        conn.transaction(|c| brobyg::app::engine::enrol(c, session_id, p.id, false))
            .expect("transaction")
            .expect("placed");
    }
    let kept: Vec<String> = diesel::RunQueryDsl::load::<Kept>(
        diesel::sql_query("SELECT statement FROM pg_prepared_statements"),
        conn,
    )
    .expect("prepared statements")
    .into_iter()
    .map(|k| k.statement)
    .collect();
    // The new enrolment with its count (raw SQL), and the session's lock.
    assert!(
        kept.iter()
            .any(|s| s.contains("waitlist_count = waitlist_count + $")),
        "{kept:#?}"
    );
    assert!(kept.iter().any(|s| s.contains("FOR UPDATE")), "{kept:#?}");
    assert_eq!(counts(&app, session_id), (1, 2));
}

//! Capacity holds over HTTP, whatever the concurrency: 50 people, each in
//! a browser of their own, send the public form at the same moment.

use brobyg::db::enrolments;
use brobyg::domain::events::Message;
use futures_util::future::join_all;
use reqwest::StatusCode;

use super::{course, enrol_fields, session};
use crate::helpers::{csrf_in, spawn_app_with};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_simultaneous_enrolments_over_http_fill_ten_seats_and_queue_the_rest_in_order() {
    let app = spawn_app_with(|s| {
        s.workers = 4;
        s.database_pool_size = 8;
    })
    .await;
    let c = course(&app, "lgbt", "LGBT+ venlig praksis", None);
    let s = session(&app, c, None, Some(10), 10, None);
    let path = format!("/genlaer/hold/{s}/tilmeld");

    // Every browser opens the form first (its own session and CSRF token).
    let mut prepared = Vec::new();
    for i in 0..50 {
        let browser = app.browser();
        let html = browser.get_html(&path).await;
        prepared.push((browser, csrf_in(&html), format!("person{i:02}@example.dk")));
    }
    let requests = prepared.iter().map(|(browser, token, email)| {
        let mut fields = vec![("csrf", token.as_str())];
        fields.extend(enrol_fields("Deltager", email));
        browser.client.post(browser.url(&path)).form(&fields).send()
    });
    let responses = join_all(requests).await;
    for r in responses {
        let r = r.expect("response");
        assert_eq!(
            r.status(),
            StatusCode::SEE_OTHER,
            "every request is answered"
        );
    }

    let (seated, waiting) = {
        let mut conn = app.db.conn().expect("connection");
        enrolments::participants(&mut conn, s).expect("participants")
    };
    assert_eq!(seated.len(), 10, "exactly the capacity");
    assert_eq!(waiting.len(), 40, "the rest wait");
    let session = {
        let mut conn = app.db.conn().expect("connection");
        brobyg::db::sessions::find(&mut conn, s).expect("session")
    };
    assert_eq!((session.confirmed_count, session.waitlist_count), (10, 40));
    app.assert_enrolment_kinds_are_copied();
    // Arrival order: every seat went to someone admitted before anyone in
    // the queue, and the queue is in the order people were admitted.
    let key = |p: &enrolments::Participant| (p.enrolment.queued_at, p.enrolment.id);
    let last_seat = seated.iter().map(key).max().expect("seats");
    let queue: Vec<_> = waiting.iter().map(key).collect();
    let mut sorted = queue.clone();
    sorted.sort();
    assert_eq!(queue, sorted);
    assert!(last_seat < queue[0]);
    let positions: Vec<i64> = waiting.iter().filter_map(|p| p.position).collect();
    assert_eq!(positions, (1..=40).collect::<Vec<_>>());
    // Each was told what they got, and the position told is the one held.
    let outbox = app.outbox();
    assert_eq!(outbox.iter().filter(|r| r.kind == "enrolled").count(), 10);
    // One message each: the new account's password link rides along.
    assert_eq!(
        outbox
            .iter()
            .filter(|r| r.kind == "account_created")
            .count(),
        0
    );
    let with_link = outbox
        .iter()
        .filter_map(|r| r.message().ok())
        .filter(|m| match m {
            Message::Enrolled { receipt, .. } | Message::Waitlisted { receipt, .. } => {
                receipt.as_ref().is_some_and(|r| r.account_link.is_some())
            }
            _ => false,
        })
        .count();
    assert_eq!(with_link, 50);
    for p in &waiting {
        let told = outbox
            .iter()
            .find(|r| r.kind == "waitlisted" && r.to_email == p.email)
            .and_then(|r| r.message().ok());
        let Some(brobyg::domain::events::Message::Waitlisted { position, .. }) = told else {
            panic!("{} was not told", p.email);
        };
        assert_eq!(Some(position), p.position);
    }
}

/// Someone without an account enrols in several sessions at once (several
/// tabs, or a colleague enrolling them): one account is made, and every
/// enrolment lands.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn simultaneous_first_enrolments_of_one_new_address_all_succeed() {
    let app = spawn_app_with(|s| {
        s.workers = 4;
        s.database_pool_size = 8;
    })
    .await;
    let c = course(&app, "samtidig", "Samtidig", None);
    let sessions: Vec<i64> = (0..6)
        .map(|i| session(&app, c, None, Some(10), 10 + i, None))
        .collect();
    let email = "ny.person@example.dk";
    let mut prepared = Vec::new();
    for s in &sessions {
        let browser = app.browser();
        let path = format!("/genlaer/hold/{s}/tilmeld");
        let html = browser.get_html(&path).await;
        prepared.push((browser, csrf_in(&html), path));
    }
    let requests = prepared.iter().map(|(browser, token, path)| {
        let mut fields = vec![("csrf", token.as_str())];
        fields.extend(enrol_fields("Ny Person", email));
        browser.client.post(browser.url(path)).form(&fields).send()
    });
    for r in join_all(requests).await {
        assert_eq!(r.expect("response").status(), StatusCode::SEE_OTHER);
    }
    let mut conn = app.db.conn().expect("connection");
    let user = brobyg::db::users::find_by_email(&mut conn, email)
        .expect("query")
        .expect("one account");
    for s in &sessions {
        let enrolment = enrolments::find(&mut conn, *s, user.id).expect("query");
        assert!(enrolment.is_some(), "enrolled in session {s}");
    }
}

/// An enrolment that waited for a session's lock describes the session as
/// the holder left it. A coordinator moves the only meeting while holding
/// the lock (nobody is enrolled, so nobody is told), and a visitor's
/// enrolment waits for it: its confirmation must carry the new time, or
/// that visitor comes on the wrong day with no email to correct it.
/// PostgreSQL only: it reads a statement's rows as they were when the
/// statement began, so the summary must be read by a statement after the
/// lock's. SQLite's writer takes the database's write lock before it
/// reads anything, so it never reads what a writer before it changed.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_enrolment_that_waited_for_a_meeting_move_confirms_the_new_time() {
    let app = spawn_app_with(|s| s.workers = 2).await;
    if !app.is_postgres() {
        return;
    }
    let c = course(&app, "lgbt", "LGBT+ venlig praksis", None);
    let s = session(&app, c, None, Some(10), 10, None);
    let (meeting, moved_to) = {
        let mut conn = app.db.conn().expect("connection");
        let m = brobyg::db::sessions::meetings(&mut conn, s).expect("meetings")[0].clone();
        let later =
            chrono::Timelike::with_nanosecond(&(m.starts_at + chrono::Duration::days(2)), 0)
                .expect("a time");
        (m.id, later)
    };
    let browser = app.browser();
    let path = format!("/genlaer/hold/{s}/tilmeld");
    let token = csrf_in(&browser.get_html(&path).await);

    // The coordinator's transaction: it moves the meeting and holds the
    // lock until told to commit.
    let (locked_tx, locked_rx) = std::sync::mpsc::channel();
    let (commit_tx, commit_rx) = std::sync::mpsc::channel::<()>();
    let db = app.db.clone();
    let holder = std::thread::spawn(move || {
        let mut conn = db.conn().expect("connection");
        diesel::Connection::transaction(&mut *conn, |c| {
            let times = brobyg::db::sessions::MeetingTimes {
                starts_at: moved_to,
                ends_at: moved_to + chrono::Duration::hours(3),
                location: None,
                online_url: None,
            };
            let told = brobyg::app::engine::reschedule_meeting(c, meeting, &times)?;
            locked_tx.send(told).expect("the test listens");
            commit_rx.recv().expect("the test answers");
            diesel::QueryResult::Ok(())
        })
        .expect("the move commits");
    });
    let told = tokio::task::spawn_blocking(move || locked_rx.recv().expect("moved"))
        .await
        .expect("joined");
    assert_eq!(told, Some(0), "moved, and nobody to tell yet");

    // The visitor's enrolment, sent while the lock is held: it waits.
    let mut fields = vec![("csrf", token.as_str())];
    fields.extend(enrol_fields("Åse Ørum", "aase@example.dk"));
    let request = browser.client.post(browser.url(&path)).form(&fields).send();
    let enrolment = tokio::spawn(request);
    #[derive(diesel::QueryableByName)]
    struct Waiting {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        count: i64,
    }
    // Until PostgreSQL shows a statement waiting for a row lock: only the
    // enrolment can be (the test's own connections hold or ask for none).
    let mut watcher = app.db.conn().expect("connection");
    let mut polls = 0;
    loop {
        let waiting: Waiting = diesel::RunQueryDsl::get_result(
            diesel::sql_query(
                "SELECT COUNT(*) AS count FROM pg_stat_activity \
                 WHERE wait_event_type = 'Lock' AND datname = current_database()",
            ),
            &mut *watcher,
        )
        .expect("pg_stat_activity");
        if waiting.count > 0 {
            break;
        }
        polls += 1;
        assert!(polls < 10_000, "the enrolment never waited for the lock");
        tokio::task::yield_now().await;
    }
    drop(watcher);
    commit_tx.send(()).expect("the holder listens");
    tokio::task::spawn_blocking(move || holder.join().expect("the holder"))
        .await
        .expect("joined");
    let response = enrolment.await.expect("joined").expect("response");
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    let confirmed: Vec<_> = app
        .outbox()
        .into_iter()
        .filter(|r| r.to_email == "aase@example.dk")
        .map(|r| match r.message().expect("valid message") {
            Message::Enrolled { session, .. } => session
                .meetings
                .iter()
                .map(|m| (m.starts_at, m.sequence))
                .collect::<Vec<_>>(),
            other => panic!("not a confirmation: {other:?}"),
        })
        .collect();
    assert_eq!(confirmed.len(), 1, "one confirmation");
    assert_eq!(
        confirmed[0].iter().map(|(at, _)| *at).collect::<Vec<_>>(),
        [moved_to],
        "the time the coordinator moved the meeting to"
    );
    assert!(confirmed[0][0].1 > 0, "the raised sequence, too");
}

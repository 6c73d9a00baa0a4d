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

//! A volunteer asks for individual supervision after a hard task; the
//! branch's coordinators are told, with a time to answer by, and the
//! request shows until one of them answers.

use brobyg::domain::Role;
use brobyg::domain::events::Message;
use reqwest::StatusCode;

use super::support::{branch, signed_in};
use crate::helpers::texts;
use crate::volunteers::support::{date_in, post, post_refused};

fn schedule_fields(date: &str, location: &str) -> Vec<(String, String)> {
    [
        ("title", "Individuel supervision"),
        ("supervisor_name", "Mette Rådgiver"),
        ("supervisor_kind", "staff"),
        ("date", date),
        ("start", "10:00"),
        ("end", "11:00"),
        ("location", location),
        ("online_url", ""),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

#[tokio::test]
async fn a_request_reaches_the_coordinators_and_is_answered() {
    let b = branch().await;
    let app = &b.app;
    let second = app.create_user("mette@example.dk", &[Role::Coordinator], Some(b.id));
    let sofie = app.qualified_volunteer("sofie@example.dk", b.id);
    let me = signed_in(app, &sofie).await;

    let response = me.post_form("/supervision/anmod", &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    for coordinator in [&b.coordinator.email, &second.email] {
        match app.last_message_to(coordinator) {
            Message::SupervisionRequestReceived {
                volunteer,
                branch,
                respond_by,
                ..
            } => {
                assert_eq!(volunteer, "Test sofie@example.dk");
                assert_eq!(branch, "Aarhus");
                assert!(respond_by > brobyg::db::now());
            }
            other => panic!("expected the request, got {other:?}"),
        }
    }
    // Asking again while it is open sends nothing more.
    let before = app.outbox().len();
    me.post_form("/supervision/anmod", &[]).await;
    assert_eq!(app.outbox().len(), before);
    assert_eq!(
        texts(&me.get_html("/supervision").await, "#open-request").len(),
        1
    );

    let list = b
        .staff
        .get_html("/koordinator/supervision/anmodninger")
        .await;
    let open = texts(&list, "section.panel");
    assert_eq!(open.len(), 1);
    assert!(open[0].contains("Svar senest"));
    let id: i64 = list
        .split("/koordinator/supervision/anmodninger/")
        .nth(1)
        .and_then(|rest| {
            rest.split(|c: char| !c.is_ascii_digit())
                .next()
                .and_then(|n| n.parse().ok())
        })
        .expect("the request's form");
    let action = format!("/koordinator/supervision/anmodninger/{id}/planlaeg");

    // Coordinators of another branch cannot answer it.
    let randers = app.create_branch("Randers");
    let outsider = app.create_user("outsider@example.dk", &[Role::Coordinator], Some(randers));
    let outsider = signed_in(app, &outsider).await;
    let response = post(
        &outsider,
        &action,
        &schedule_fields(&date_in(2), "Kontoret"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(
        texts(
            &outsider
                .get_html("/koordinator/supervision/anmodninger")
                .await,
            "section.panel"
        )
        .is_empty()
    );

    // A mistake: shown beside the field, nothing planned, still open.
    let response = post(&b.staff, &action, &schedule_fields("i morgen", "")).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(texts(&html, "#f-date-error").len(), 1);
    assert!(html.contains(r#"value="i morgen""#));
    assert_eq!(app.outbox().len(), before);

    let response = post(
        &b.staff,
        &action,
        &schedule_fields(&date_in(2), "Kontoret, 1. sal"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let to_sofie: Vec<Message> = app
        .outbox()
        .into_iter()
        .filter(|r| r.to_email == "sofie@example.dk")
        .map(|r| r.message().expect("message"))
        .collect();
    let n = to_sofie.len();
    assert!(
        matches!(&to_sofie[n - 2], Message::Enrolled { session, .. } if session.title == "Individuel supervision")
    );
    match &to_sofie[n - 1] {
        Message::SupervisionRequestAnswered {
            session: Some(session),
            ..
        } => assert_eq!(session.location, "Kontoret, 1. sal"),
        other => panic!("expected the answer, got {other:?}"),
    }
    let mine = me.get_html("/supervision").await;
    assert!(texts(&mine, "#open-request").is_empty(), "no longer open");
    assert!(texts(&mine, "#my-sessions li")[0].contains("Individuel supervision"));
    let list = b
        .staff
        .get_html("/koordinator/supervision/anmodninger")
        .await;
    assert!(texts(&list, "section.panel")[0].contains("Planlagt"));

    // A second answer (another coordinator, a double click) does nothing.
    let before = app.outbox().len();
    let response = b
        .staff
        .post_refused(
            &format!("/koordinator/supervision/anmodninger/{id}/besvaret"),
            &[],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = post_refused(&b.staff, &action, &schedule_fields(&date_in(3), "Kontoret")).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.outbox().len(), before);
}

#[tokio::test]
async fn a_request_can_be_answered_another_way() {
    let b = branch().await;
    let app = &b.app;
    let sofie = app.qualified_volunteer("sofie@example.dk", b.id);
    let me = signed_in(app, &sofie).await;
    me.post_form("/supervision/anmod", &[]).await;
    let list = b
        .staff
        .get_html("/koordinator/supervision/anmodninger")
        .await;
    let id: i64 = list
        .split("/koordinator/supervision/anmodninger/")
        .nth(1)
        .and_then(|rest| {
            rest.split(|c: char| !c.is_ascii_digit())
                .next()
                .and_then(|n| n.parse().ok())
        })
        .expect("the request's form");
    let response = b
        .staff
        .post_form(
            &format!("/koordinator/supervision/anmodninger/{id}/besvaret"),
            &[],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(matches!(
        app.last_message_to("sofie@example.dk"),
        Message::SupervisionRequestAnswered { session: None, .. }
    ));
    // Now a new request may be made.
    me.post_form("/supervision/anmod", &[]).await;
    assert!(matches!(
        app.last_message_to(&b.coordinator.email),
        Message::SupervisionRequestReceived { .. }
    ));
}

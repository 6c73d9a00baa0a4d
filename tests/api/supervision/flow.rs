//! A coordinator plans supervision, active brobyggere sign up or are
//! assigned, attendance is registered on the generic page, and the
//! volunteer's page lists it with their other meetings. Anyone who may not
//! is refused.

use brobyg::domain::Role;
use brobyg::domain::events::Message;
use reqwest::StatusCode;

use super::support::{branch, overview_rows, signed_in};
use crate::helpers::{location, texts};
use crate::volunteers::support::{accepted_volunteer, date_in, meetings, register};

fn plan_fields(branch: i64, date: &str, capacity: &str) -> Vec<(String, String)> {
    [
        ("branch", branch.to_string()),
        ("format", "group".into()),
        ("title", "Gruppesupervision".into()),
        ("supervisor_name", "Hanne Supervisor".into()),
        ("supervisor_kind", "external".into()),
        ("date", date.into()),
        ("start", "16:00".into()),
        ("end", "18:00".into()),
        ("location", "Åboulevarden 1, Aarhus".into()),
        ("online_url", String::new()),
        ("capacity", capacity.into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

async fn plan(b: &super::support::Branch, date: &str, capacity: &str) -> i64 {
    let fields = plan_fields(b.id, date, capacity);
    let response =
        crate::volunteers::support::post(&b.staff, "/koordinator/supervision", &fields).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "planned");
    location(&response)
        .rsplit('/')
        .next()
        .and_then(|id| id.parse().ok())
        .expect("the new session's page")
}

#[tokio::test]
async fn a_mistake_in_the_plan_is_shown_beside_the_field() {
    let b = branch().await;
    let mut fields = plan_fields(b.id, "31.02.2027", "12");
    fields.retain(|(k, _)| k != "location");
    fields.push(("location".into(), String::new()));
    fields.retain(|(k, _)| k != "supervisor_name");
    fields.push(("supervisor_name".into(), "  ".into()));
    let response =
        crate::volunteers::support::post(&b.staff, "/koordinator/supervision", &fields).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(
        texts(&html, "#f-date-error"),
        vec!["Skriv en dato, fx 30.03.2026."]
    );
    assert_eq!(texts(&html, "#f-supervisor_name-error").len(), 1);
    assert_eq!(
        texts(&html, "#f-location-error"),
        vec!["Skriv et sted eller et link til et online-møde."]
    );
    assert!(html.contains(r#"value="31.02.2027""#), "input kept");
    let html = b.staff.get_html("/koordinator/supervision").await;
    assert!(html.contains("Ingen."), "nothing was planned");
}

#[tokio::test]
async fn active_volunteers_sign_up_and_attendance_counts() {
    let b = branch().await;
    let app = &b.app;
    let id = plan(&b, &date_in(7), "1").await;
    let sofie = app.qualified_volunteer("sofie@example.dk", b.id);
    let jens = app.qualified_volunteer("jens@example.dk", b.id);
    let me = signed_in(app, &sofie).await;

    let list = me.get_html("/supervision").await;
    assert!(
        list.contains(&format!("/supervision/{id}")),
        "listed for the branch"
    );
    let response = me
        .post_form(&format!("/supervision/{id}/tilmeld"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    match app.last_message_to("sofie@example.dk") {
        Message::Enrolled { session, .. } => {
            assert_eq!(
                session.kind,
                brobyg::domain::session::SessionKind::Supervision
            );
            assert!(session.url.ends_with(&format!("/supervision/{id}")));
        }
        other => panic!("expected the invitation, got {other:?}"),
    }
    // One seat: the next goes on the waiting list.
    let other = signed_in(app, &jens).await;
    other
        .post_form(&format!("/supervision/{id}/tilmeld"), &[])
        .await;
    assert!(matches!(
        app.last_message_to("jens@example.dk"),
        Message::Waitlisted { position: 1, .. }
    ));
    assert!(
        other
            .get_html(&format!("/supervision/{id}"))
            .await
            .contains("nummer 1 på ventelisten")
    );

    // The overview shows the booking; the volunteer's page lists it with
    // the course they took.
    let html = b
        .staff
        .get_html(&format!(
            "/koordinator/supervision/oversigt?afdeling={}",
            b.id
        ))
        .await;
    assert_eq!(overview_rows(&html).len(), 2);
    let agenda = me.get_html("/frivillig").await;
    let upcoming = texts(&agenda, "#agenda-upcoming li");
    assert_eq!(upcoming.len(), 1);
    assert!(upcoming[0].contains("Supervision") && upcoming[0].contains("Gruppesupervision"));
    let past = texts(&agenda, "#agenda-past li");
    assert!(
        past.iter()
            .any(|l| l.contains("Forberedelseskursus") && l.contains("Mødt")),
        "{past:?}"
    );

    // Supervision held yesterday: the coordinator assigns and registers.
    let held = plan(&b, &date_in(-1), "").await;
    let response = b
        .staff
        .post_form(
            &format!("/koordinator/supervision/{held}/tildel"),
            &[("user_id", &sofie.id.to_string())],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let meeting = meetings(app, held)[0];
    let response = register(&b.staff, held, meeting, &[(sofie.id, "present", "")]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let page = me.get_html("/supervision").await;
    assert_eq!(
        texts(&page, "#supervision-standing dd")
            .get(1)
            .map(String::as_str),
        Some(
            brobyg::i18n::format::short_date(
                brobyg::domain::Lang::Da,
                (chrono::Utc::now() - chrono::Duration::days(1)).naive_utc()
            )
            .as_str()
        ),
        "the last supervision is yesterday's"
    );
    app.assert_attendance_kinds_are_copied();
    app.assert_enrolment_kinds_are_copied();
    let staff_page = b
        .staff
        .get_html(&format!("/koordinator/supervision/{held}"))
        .await;
    assert!(texts(&staff_page, "#participants li")[0].contains("Mødt"));
}

#[tokio::test]
async fn only_active_volunteers_of_the_branch_take_part() {
    let b = branch().await;
    let app = &b.app;
    let id = plan(&b, &date_in(7), "").await;
    // Accepted but not trained: refused with the checklist.
    let trainee = accepted_volunteer(app, "trainee@example.dk", b.id, b.coordinator.id);
    let browser = signed_in(app, &trainee).await;
    let response = browser
        .post_form(&format!("/supervision/{id}/tilmeld"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let html = response.text().await.expect("body");
    assert!(
        !texts(&html, ".checklist-list li").is_empty(),
        "the reasons are listed"
    );
    let response = browser.post_form("/supervision/anmod", &[]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    // Nor can a coordinator assign them, by list or by email.
    let response = b
        .staff
        .post_refused(
            &format!("/koordinator/supervision/{id}/tildel"),
            &[("user_id", &trainee.id.to_string())],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = b
        .staff
        .post_refused(
            &format!("/koordinator/hold/{id}/tilmeld"),
            &[("email", "trainee@example.dk")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let html = b
        .staff
        .get_html(&format!("/koordinator/supervision/{id}"))
        .await;
    assert_eq!(
        texts(&html, "#participants li"),
        vec!["Ingen tilmeldte endnu."]
    );

    // A brobygger of another branch neither sees nor joins it.
    let elsewhere = app.create_branch("Randers");
    let stranger = app.qualified_volunteer("randers@example.dk", elsewhere);
    let other = signed_in(app, &stranger).await;
    assert_eq!(
        other.get(&format!("/supervision/{id}")).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        other
            .post_form(&format!("/supervision/{id}/tilmeld"), &[])
            .await
            .status(),
        StatusCode::FORBIDDEN
    );

    // Coordinators of another branch are refused everywhere.
    let outsider = app.create_user("outsider@example.dk", &[Role::Coordinator], Some(elsewhere));
    let outsider = signed_in(app, &outsider).await;
    for path in [
        format!("/koordinator/supervision/{id}"),
        format!("/koordinator/supervision/oversigt?afdeling={}", b.id),
        format!("/koordinator/supervision/oversigt.csv?afdeling={}", b.id),
    ] {
        assert_eq!(
            outsider.get(&path).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    let response = outsider
        .post_form(
            &format!("/koordinator/supervision/{id}/tildel"),
            &[("user_id", &stranger.id.to_string())],
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let mut fields = plan_fields(b.id, &date_in(3), "");
    fields.retain(|(k, _)| k != "branch");
    fields.push(("branch".into(), b.id.to_string()));
    let response =
        crate::volunteers::support::post(&outsider, "/koordinator/supervision", &fields).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);

    // Volunteers do not reach the coordinators' pages; visitors log in.
    assert_eq!(
        other.get("/koordinator/supervision").await.status(),
        StatusCode::FORBIDDEN
    );
    let anonymous = app.browser();
    for path in ["/supervision", "/koordinator/supervision"] {
        let response = anonymous.get(path).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{path}");
        assert!(location(&response).starts_with("/log-ind"));
    }
}

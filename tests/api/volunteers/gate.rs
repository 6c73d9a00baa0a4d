//! The activation gate over HTTP: refusals with reasons, branch settings
//! (børneattest, automatic activation), pause and back, a new declaration
//! version required of everyone, and what activation unlocks.

use brobyg::domain::Code;
use brobyg::domain::Role;
use reqwest::StatusCode;

use super::support::{
    accepted_volunteer, checklist, complete_course, date_in, is_clear, module_lines, status_tag,
};
use crate::helpers::{PASSWORD, TestApp, TestUser, input_value, spawn_app, texts};

struct Branch {
    app: TestApp,
    id: i64,
    coordinator: TestUser,
    staff: crate::helpers::Browser,
}

async fn branch() -> Branch {
    let app = spawn_app().await;
    let id = app.create_branch("Aarhus");
    let coordinator = app.create_user("k@example.dk", &[Role::Coordinator], Some(id));
    let staff = app.browser();
    staff.login(&coordinator.email, PASSWORD).await;
    Branch {
        app,
        id,
        coordinator,
        staff,
    }
}

async fn log_in(app: &TestApp, user: &TestUser) -> crate::helpers::Browser {
    let b = app.browser();
    b.login(&user.email, PASSWORD).await;
    b
}

fn status_of(app: &TestApp, user: &TestUser) -> String {
    let mut conn = app.db.conn().expect("connection");
    brobyg::db::volunteers::find(&mut conn, user.id)
        .expect("query")
        .expect("volunteer")
        .status
        .as_str()
        .to_string()
}

#[tokio::test]
async fn activation_is_refused_with_the_reasons() {
    let b = branch().await;
    let anna = accepted_volunteer(&b.app, "anna@example.dk", b.id, b.coordinator.id);
    let path = format!("/koordinator/brobyggere/{}", anna.id);
    let response = b.staff.post_form(&format!("{path}/aktiver"), &[]).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let html = response.text().await.expect("body");
    assert_eq!(
        texts(&html, "#f-activate"),
        vec!["Brobyggeren kan ikke aktiveres endnu: tjeklisten viser, hvad der mangler."]
    );
    let mut expected = module_lines(&(1..=10).collect::<Vec<_>>());
    expected.push("Tavshedserklæring (version 1) er ikke underskrevet".into());
    assert_eq!(checklist(&html), expected);
    assert_eq!(status_of(&b.app, &anna), "approved", "nothing changed");
    assert!(
        !b.app
            .outbox()
            .iter()
            .any(|r| r.kind == "volunteer_activated")
    );

    // An applicant cannot be activated whatever the list says.
    let (_, fresh) = super::support::apply_and_log_in(&b.app, "Ny", "ny@example.dk", b.id).await;
    let response = b
        .staff
        .post_form(
            &format!("/koordinator/brobyggere/{}/aktiver", fresh.id),
            &[],
        )
        .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert_eq!(status_of(&b.app, &fresh), "applicant");
}

#[tokio::test]
async fn a_branch_can_require_a_child_certificate_and_activate_automatically() {
    let b = branch().await;
    let anna = accepted_volunteer(&b.app, "anna@example.dk", b.id, b.coordinator.id);
    let settings = format!("/koordinator/afdelinger/{}/indstillinger", b.id);
    let html = b.staff.get_html(&settings).await;
    assert!(!html.contains("checked"), "both off by default");
    let response = b
        .staff
        .post_form(
            &settings,
            &[("child_certificate", "on"), ("auto_activate", "on")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    complete_course(&b.app, &b.staff, &anna, b.id, false).await;
    let me = log_in(&b.app, &anna).await;
    let html = me.get_html("/frivillig").await;
    assert_eq!(
        checklist(&html),
        vec![
            "Tavshedserklæring (version 1) er ikke underskrevet",
            "Børneattest er ikke registreret"
        ]
    );
    assert!(html.contains("Du bliver aktiveret automatisk, når listen er tom."));

    // A date in the future is refused beside the field; nothing is kept.
    let path = format!("/koordinator/brobyggere/{}", anna.id);
    let response = b
        .staff
        .post_form(
            &format!("{path}/boerneattest"),
            &[("checked_on", &date_in(3))],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(input_value(&html, "checked_on"), Some(date_in(3)));
    assert_eq!(
        texts(&html, "#f-checked_on-error"),
        vec!["Datoen må ikke ligge i fremtiden."]
    );
    let response = b
        .staff
        .post_form(
            &format!("{path}/boerneattest"),
            &[("checked_on", &date_in(-1))],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        checklist(&me.get_html("/frivillig").await),
        vec!["Tavshedserklæring (version 1) er ikke underskrevet"]
    );

    // The last requirement met activates, without a coordinator.
    me.post_form(
        "/frivillig/tavshedserklaering",
        &[("name", "Test anna@example.dk"), ("confirm", "yes")],
    )
    .await;
    let html = me.get_html("/frivillig").await;
    assert_eq!(status_tag(&html), "Aktiv");
    assert!(is_clear(&html));
    assert_eq!(
        texts(&html, ".history li")
            .first()
            .map(|h| h.contains("automatisk")),
        Some(true),
        "logged as automatic"
    );
    assert_eq!(
        b.app.last_message_to(&anna.email).kind(),
        "volunteer_activated"
    );
    let roster = b
        .staff
        .get_html(&format!("/koordinator/afdelinger/{}/aktive", b.id))
        .await;
    assert!(roster.contains("anna@example.dk"));
}

#[tokio::test]
async fn a_volunteer_pauses_around_exams_and_comes_back() {
    let b = branch().await;
    let sara = b.app.qualified_volunteer("sara@example.dk", b.id);
    let me = log_in(&b.app, &sara).await;
    assert_eq!(me.get("/frivillig/aktiv").await.status(), StatusCode::OK);

    let response = me
        .post_form(
            "/frivillig/pause",
            &[("until", &date_in(0)), ("reason", "Eksamen")],
        )
        .await;
    assert_eq!(
        response.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "the end must be ahead"
    );
    let html = response.text().await.expect("body");
    assert_eq!(input_value(&html, "until"), Some(date_in(0)));
    assert!(html.contains("Eksamen"), "the note is kept");
    assert_eq!(status_of(&b.app, &sara), "active");

    let response = me
        .post_form(
            "/frivillig/pause",
            &[("until", &date_in(40)), ("reason", "Eksamen")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        b.app.last_message_to(&sara.email).kind(),
        "volunteer_paused"
    );
    let html = me.get_html("/frivillig").await;
    assert_eq!(status_tag(&html), "Pause");
    assert_eq!(
        me.get("/frivillig/aktiv").await.status(),
        StatusCode::FORBIDDEN,
        "a break pauses what activation unlocks"
    );
    let pipeline = b
        .staff
        .get_html(&format!("/koordinator/afdelinger/{}/brobyggere", b.id))
        .await;
    assert!(
        texts(&pipeline, "section")
            .iter()
            .any(|s| s.contains("På pause (1)") && s.contains("til og med"))
    );

    let response = me.post_form("/frivillig/tilbage", &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        b.app.last_message_to(&sara.email).kind(),
        "volunteer_resumed"
    );
    assert_eq!(status_tag(&me.get_html("/frivillig").await), "Aktiv");

    // A coordinator can do the same, and end as alumne.
    let path = format!("/koordinator/brobyggere/{}", sara.id);
    b.staff
        .post_form(
            &format!("{path}/pause"),
            &[("until", &date_in(10)), ("reason", "")],
        )
        .await;
    assert_eq!(status_of(&b.app, &sara), "paused");
    assert!(matches!(
        b.app.last_message_to(&sara.email),
        brobyg::domain::events::Message::VolunteerPaused { by_staff: true, .. }
    ));
    b.staff.post_form(&format!("{path}/tilbage"), &[]).await;
    assert_eq!(status_of(&b.app, &sara), "active");
    b.staff
        .post_form(&format!("{path}/alumne"), &[("reason", "Færdiguddannet")])
        .await;
    assert_eq!(status_of(&b.app, &sara), "alumni");
    let history: Vec<String> = texts(&me.get_html("/frivillig").await, ".history li strong");
    assert_eq!(
        history,
        vec![
            "Alumne", "Aktiv", "Pause", "Aktiv", "Pause", "Aktiv", "Godkendt", "Ansøger"
        ]
    );
}

#[tokio::test]
async fn a_new_declaration_version_is_required_of_everyone() {
    let b = branch().await;
    let sara = b.app.qualified_volunteer("sara@example.dk", b.id);
    let emil = b.app.qualified_volunteer("emil@example.dk", b.id);
    let me = log_in(&b.app, &sara).await;
    let (admin, _) = b.app.signed_in(Role::Admin).await;
    assert_eq!(
        b.staff.get("/admin/tavshedserklaering").await.status(),
        StatusCode::FORBIDDEN,
        "a national decision"
    );
    let deadline = date_in(30);
    let require = [("version", "2"), ("deadline", deadline.as_str())];
    assert_eq!(
        b.staff
            .post_form("/admin/tavshedserklaering", &require)
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let response = admin.post_form("/admin/tavshedserklaering", &require).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(
        admin
            .get_html("/admin/tavshedserklaering")
            .await
            .contains("Alle skal have underskrevet version 2.")
    );
    // Active volunteers work until the deadline (`site_content.rs` tests
    // that); past it, the new version stops them.
    assert_eq!(me.get("/frivillig/aktiv").await.status(), StatusCode::OK);
    {
        use brobyg::db::schema::requirement_grace as g;
        use diesel::prelude::*;
        let mut conn = b.app.db.conn().expect("connection");
        diesel::update(g::table)
            .set(g::deadline.eq(chrono::Utc::now().date_naive() - chrono::Duration::days(2)))
            .execute(&mut conn)
            .expect("deadline moved");
    }

    let line = "Tavshedserklæring (version 2) er ikke underskrevet";
    let html = me.get_html("/frivillig").await;
    assert_eq!(checklist(&html), vec![line]);
    assert_eq!(
        status_tag(&html),
        "Aktiv",
        "still active, but asked to sign"
    );
    let refused = me.get("/frivillig/aktiv").await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let refused = refused.text().await.expect("body");
    assert_eq!(
        checklist(&refused),
        vec![line],
        "the refusal shows the checklist"
    );
    let roster = b
        .staff
        .get_html(&format!("/koordinator/afdelinger/{}/aktive", b.id))
        .await;
    assert_eq!(
        texts(&roster, "#roster .tag-warn").len(),
        2,
        "both need to sign"
    );

    let form = me.get_html("/frivillig/tavshedserklaering").await;
    assert!(form.contains("Version 2"));
    assert!(form.contains("Du underskrev version 1"));
    me.post_form(
        "/frivillig/tavshedserklaering",
        &[("name", "Test sara@example.dk"), ("confirm", "yes")],
    )
    .await;
    assert!(is_clear(&me.get_html("/frivillig").await));
    assert_eq!(me.get("/frivillig/aktiv").await.status(), StatusCode::OK);

    // Coming back from a pause needs the new signature too.
    let emil_browser = log_in(&b.app, &emil).await;
    let _ = emil_browser
        .post_form("/frivillig/pause", &[("until", &date_in(5))])
        .await;
    assert_eq!(status_of(&b.app, &emil), "paused");
    let response = b
        .staff
        .post_form(&format!("/koordinator/brobyggere/{}/tilbage", emil.id), &[])
        .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert_eq!(status_of(&b.app, &emil), "paused");
    let response = emil_browser.post_form("/frivillig/tilbage", &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        status_of(&b.app, &emil),
        "paused",
        "refused with the reason"
    );
}

#[tokio::test]
async fn the_declaration_needs_the_confirmation() {
    let b = branch().await;
    let anna = accepted_volunteer(&b.app, "anna@example.dk", b.id, b.coordinator.id);
    let me = log_in(&b.app, &anna).await;
    let response = me
        .post_form(
            "/frivillig/tavshedserklaering",
            &[("name", "Test anna@example.dk")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert!(texts(&html, "#f-confirm-error")[0].starts_with("Sæt kryds"));
    assert_eq!(
        input_value(&html, "name").as_deref(),
        Some("Test anna@example.dk")
    );
    let mut conn = b.app.db.conn().expect("connection");
    let signed = brobyg::db::declarations::of_many(&mut conn, &[anna.id]).expect("query");
    assert!(signed.is_empty(), "nothing signed");
}

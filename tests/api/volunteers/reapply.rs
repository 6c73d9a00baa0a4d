//! A declined applicant may apply again after the period their branch
//! sets (6 months unless it says otherwise); before that, their page says
//! from when.

use brobyg::db::schema::volunteer_status_changes as changes;
use brobyg::domain::Role;
use diesel::prelude::*;
use reqwest::StatusCode;

use super::support::{application_fields, apply_and_log_in, post, status_tag};
use crate::helpers::{PASSWORD, TestApp, location, spawn_app, texts};

fn applications_of(app: &TestApp, user: i64) -> usize {
    use brobyg::db::schema::volunteer_applications as apps;
    let mut conn = app.db.conn().expect("connection");
    let n: i64 = apps::table
        .filter(apps::user_id.eq(user))
        .count()
        .get_result(&mut conn)
        .expect("count");
    usize::try_from(n).expect("a count")
}

/// Moves the decline `days` back in time (tests cannot wait months).
fn declined_days_ago(app: &TestApp, user: i64, days: i64) {
    let at = (chrono::Utc::now() - chrono::Duration::days(days)).naive_utc();
    let mut conn = app.db.conn().expect("connection");
    diesel::update(
        changes::table
            .filter(changes::user_id.eq(user))
            .filter(changes::to_status.eq("rejected")),
    )
    .set(changes::created_at.eq(at))
    .execute(&mut conn)
    .expect("backdate");
}

/// The form's fields for someone signed in (no account fields).
fn signed_in_fields(branch: i64) -> Vec<(String, String)> {
    application_fields("", "", branch)
        .into_iter()
        .filter(|(k, _)| !["name", "email", "password", "password_confirm"].contains(&k.as_str()))
        .collect()
}

#[tokio::test]
async fn a_declined_applicant_applies_again_after_the_branch_s_period_and_not_before() {
    let app = spawn_app().await;
    let aarhus = app.create_branch("Aarhus");
    let randers = app.create_branch("Randers");
    let coordinator = app.create_user("k@example.dk", &[Role::Coordinator], Some(aarhus));
    let (me, user) = apply_and_log_in(&app, "Jonas Bak", "jonas@example.dk", aarhus).await;
    let staff = app.browser();
    staff.login(&coordinator.email, PASSWORD).await;
    let application = {
        let mut conn = app.db.conn().expect("connection");
        brobyg::db::applications::latest_of(&mut conn, user.id)
            .expect("query")
            .expect("application")
            .id
    };
    let response = staff
        .post_form(
            &format!("/koordinator/ansoegninger/{application}/afvis"),
            &[("reason", "Vi har ikke plads i dette semester.")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    // Before the period: the page says from when, the form is closed.
    let page = me.get_html("/frivillig").await;
    assert_eq!(status_tag(&page), "Afvist");
    let told = texts(&page, "#reapply");
    assert_eq!(told.len(), 1);
    assert!(
        told[0].starts_with("Du kan søge om at blive brobygger igen fra "),
        "{told:?}"
    );
    assert_eq!(location(&me.get("/bliv-brobygger").await), "/frivillig");
    let response = post(&me, "/bliv-brobygger", &signed_in_fields(randers)).await;
    assert_eq!(location(&response), "/frivillig");
    assert_eq!(applications_of(&app, user.id), 1, "refused");

    // Ten weeks later: still before the default six months.
    declined_days_ago(&app, user.id, 70);
    let response = post(&me, "/bliv-brobygger", &signed_in_fields(randers)).await;
    assert_eq!(location(&response), "/frivillig");
    assert_eq!(applications_of(&app, user.id), 1, "refused");

    // The branch that declined sets two months: out of range first, then
    // accepted.
    let settings = format!("/koordinator/afdelinger/{aarhus}/indstillinger");
    let html = staff.get_html(&settings).await;
    assert_eq!(
        crate::helpers::input_value(&html, "reapply_months").as_deref(),
        Some("6"),
        "six months by default"
    );
    let response = staff
        .post_form(
            &settings,
            &[("supervision_window_months", "3"), ("reapply_months", "25")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(
        texts(&html, "#f-reapply_months-error"),
        vec!["Skriv et helt antal måneder fra 1 til 24."]
    );
    assert_eq!(
        crate::helpers::input_value(&html, "reapply_months").as_deref(),
        Some("25"),
        "what was typed is kept"
    );
    let response = staff
        .post_form(
            &settings,
            &[("supervision_window_months", "3"), ("reapply_months", "2")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    // Now the form is open, and applying again makes them an applicant of
    // the branch they chose, with the same record.
    let page = me.get_html("/frivillig").await;
    assert_eq!(
        crate::helpers::attr(&page, "#reapply a", "href"),
        "/bliv-brobygger"
    );
    assert_eq!(me.get("/bliv-brobygger").await.status(), StatusCode::OK);
    let response = post(&me, "/bliv-brobygger", &signed_in_fields(randers)).await;
    assert_eq!(location(&response), "/frivillig");
    assert_eq!(applications_of(&app, user.id), 2, "applied again");
    let page = me.get_html("/frivillig").await;
    assert_eq!(status_tag(&page), "Ansøger");
    assert!(texts(&page, "#reapply").is_empty());
    let mut conn = app.db.conn().expect("connection");
    let volunteer = brobyg::db::volunteers::find(&mut conn, user.id)
        .expect("query")
        .expect("volunteer");
    assert_eq!(volunteer.branch_id, randers);
    // Once is enough: a pending application closes the form again.
    assert_eq!(location(&me.get("/bliv-brobygger").await), "/frivillig");
}

//! Public info evenings: anyone signs up by name and email; an account is
//! made or reused, and the page never tells which.

use brobyg::domain::Role;
use reqwest::StatusCode;

use super::{branch, enrolment_status, evening_fields, kinds_to, plan};
use crate::helpers::{input_value, location, texts};

fn info_fields(branch: i64) -> Vec<(&'static str, String)> {
    let mut f = evening_fields(branch, "");
    f[0].1 = "info".into();
    f[2].1 = "Infoaften: Bliv brobygger".into();
    f[3].1 = String::new();
    f
}

fn user_id(app: &crate::helpers::TestApp, email: &str) -> Option<i64> {
    let mut conn = app.db.conn().expect("connection");
    brobyg::db::users::find_by_email(&mut conn, email)
        .expect("query")
        .map(|u| u.id)
}

#[tokio::test]
async fn anyone_signs_up_for_an_info_evening_by_email() {
    let b = branch().await;
    let volunteer = b.app.qualified_volunteer("sara@example.dk", b.id);
    let evening = plan(&b.staff, &info_fields(b.id)).await;
    // A public evening invites nobody by email.
    assert!(!kinds_to(&b.app, &volunteer.email).contains(&"evening_invitation".to_string()));

    let visitor = b.app.browser();
    let list = visitor.get_html("/aftener").await;
    assert_eq!(
        texts(&list, "#evening-list li a"),
        vec!["Infoaften: Bliv brobygger"]
    );
    let users_before = b.app.user_count();
    let path = format!("/aftener/{evening}/tilmeld");
    let r = visitor
        .post_form(
            &path,
            &[("name", "Maja Friis"), ("email", "maja@example.dk")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let thanks = location(&r);
    assert_eq!(thanks, format!("/aftener/{evening}/tak"));
    assert_eq!(b.app.user_count(), users_before + 1);
    let maja = user_id(&b.app, "maja@example.dk").expect("an account");
    assert_eq!(
        enrolment_status(&b.app, evening, maja).as_deref(),
        Some("confirmed")
    );
    assert_eq!(
        kinds_to(&b.app, "maja@example.dk"),
        vec!["account_created", "enrolled"]
    );

    // The same email again, and an existing account's email: the same
    // answer, no new account; the owner hears by email.
    let again = b.app.browser();
    let r = again
        .post_form(&path, &[("name", "Maja F."), ("email", "maja@example.dk")])
        .await;
    assert_eq!(location(&r), thanks);
    let r = again
        .post_form(&path, &[("name", "Nogen"), ("email", &volunteer.email)])
        .await;
    assert_eq!(location(&r), thanks);
    assert_eq!(b.app.user_count(), users_before + 1);
    assert_eq!(
        enrolment_status(&b.app, evening, volunteer.id).as_deref(),
        Some("confirmed")
    );
    assert_eq!(
        kinds_to(&b.app, &volunteer.email)
            .last()
            .map(String::as_str),
        Some("enrolled")
    );
    assert_eq!(visitor.get(&thanks).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_mistyped_sign_up_is_sent_back_with_the_input_kept() {
    let b = branch().await;
    let evening = plan(&b.staff, &info_fields(b.id)).await;
    let visitor = b.app.browser();
    let users_before = b.app.user_count();
    let r = visitor
        .post_form(
            &format!("/aftener/{evening}/tilmeld"),
            &[("name", "Oliver Dam"), ("email", "oliver@")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.expect("body");
    assert_eq!(
        texts(&html, "#f-email-error"),
        vec!["Skriv en gyldig e-mailadresse, fx navn@eksempel.dk."]
    );
    assert_eq!(input_value(&html, "name").as_deref(), Some("Oliver Dam"));
    assert_eq!(input_value(&html, "email").as_deref(), Some("oliver@"));
    assert_eq!(b.app.user_count(), users_before, "nothing written");
}

#[tokio::test]
async fn a_signed_in_person_signs_up_with_one_click_and_can_cancel() {
    let b = branch().await;
    let evening = plan(&b.staff, &info_fields(b.id)).await;
    let (me, user) = b.app.signed_in(Role::Professional).await;
    let r = me
        .post_form(&format!("/aftener/{evening}/tilmeld"), &[])
        .await;
    assert_eq!(location(&r), format!("/aftener/{evening}"));
    assert_eq!(
        enrolment_status(&b.app, evening, user.id).as_deref(),
        Some("confirmed")
    );
    let page = me.get_html(&format!("/aftener/{evening}")).await;
    assert_eq!(
        texts(&page, "#my-reply"),
        vec!["Du har svaret ja og har en plads."]
    );
    me.post_form(&format!("/aftener/{evening}/afmeld"), &[])
        .await;
    assert_eq!(
        enrolment_status(&b.app, evening, user.id).as_deref(),
        Some("cancelled")
    );
    // Info evenings take sign-ups, not yes/no answers; brobyggeraftener
    // take no anonymous sign-ups.
    let local = plan(&b.staff, &evening_fields(b.id, "")).await;
    let r = b
        .app
        .browser()
        .post_form(
            &format!("/aftener/{local}/tilmeld"),
            &[("name", "Maja Friis"), ("email", "maja@example.dk")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(user_id(&b.app, "maja@example.dk"), None);
}

//! Editing one's own name, phone and language at `/konto/oplysninger`.

use brobyg::domain::{Lang, Role};
use reqwest::StatusCode;

use crate::helpers::{TestApp, input_value, location, spawn_app, texts};

fn stored(app: &TestApp, id: i64) -> brobyg::db::users::User {
    let mut conn = app.db.conn().expect("connection");
    brobyg::db::users::find(&mut conn, id).expect("user")
}

#[tokio::test]
async fn a_person_edits_their_name_phone_and_language() {
    let app = spawn_app().await;
    let (browser, user) = app.signed_in(Role::Professional).await;
    let html = browser.get_html("/konto").await;
    assert!(html.contains("href=\"/konto/oplysninger\""));
    let html = browser.get_html("/konto/oplysninger").await;
    assert_eq!(input_value(&html, "phone").as_deref(), Some(""));

    let response = browser
        .post_form(
            "/konto/oplysninger",
            &[
                ("name", "  Søren Ærø Østergaard "),
                ("phone", "+45 20 30 40 50"),
                ("language", "en"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/konto");
    let html = browser.get_html("/konto").await;
    assert!(
        html.contains("<html lang=\"en\">"),
        "the new language at once"
    );
    assert!(html.contains("Your details have been saved."));
    assert!(html.contains("Søren Ærø Østergaard"));
    assert!(html.contains("+45 20 30 40 50"));
    let u = stored(&app, user.id);
    assert_eq!(u.name, "Søren Ærø Østergaard");
    assert_eq!(u.phone.as_deref(), Some("+45 20 30 40 50"));
    assert_eq!(u.language, Lang::En);
    assert_eq!(u.email, user.email, "the address is not changed here");

    // An empty phone removes it.
    let response = browser
        .post_form(
            "/konto/oplysninger",
            &[("name", "Søren Ø"), ("phone", ""), ("language", "da")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let u = stored(&app, user.id);
    assert_eq!(u.phone, None);
    assert_eq!(u.language, Lang::Da);
}

#[tokio::test]
async fn mistakes_come_back_with_what_was_typed_and_nothing_is_saved() {
    let app = spawn_app().await;
    let (browser, user) = app.signed_in(Role::Volunteer).await;
    let before = stored(&app, user.id);
    // (the form as sent, the fields it must mark as wrong)
    type Case<'a> = (&'a [(&'a str, &'a str)], &'a [&'a str]);
    let cases: &[Case] = &[
        (
            &[("name", ""), ("phone", "12"), ("language", "xx")],
            &["name", "phone", "language"],
        ),
        // A CPR number in the phone field is refused, never stored.
        (
            &[
                ("name", "Ida"),
                ("phone", "010190-1234"),
                ("language", "da"),
            ],
            &["phone"],
        ),
        // No fields at all: a form error, not a 500.
        (&[], &["name", "language"]),
    ];
    for (fields, invalid) in cases {
        let response = browser.post_form("/konto/oplysninger", fields).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{fields:?}"
        );
        let html = response.text().await.expect("body");
        for field in *invalid {
            assert!(
                html.contains(&format!("id=\"f-{field}-error\"")),
                "{field} in {fields:?}"
            );
        }
        assert_eq!(texts(&html, ".error-summary li").len(), invalid.len());
        for (name, value) in *fields {
            if *name != "language" {
                assert_eq!(input_value(&html, name).as_deref(), Some(*value));
            }
        }
    }
    let after = stored(&app, user.id);
    assert_eq!(
        (after.name, after.phone, after.language),
        (before.name, before.phone, before.language)
    );
}

#[tokio::test]
async fn only_a_signed_in_person_edits_and_only_themselves() {
    let app = spawn_app().await;
    let response = app.browser().get("/konto/oplysninger").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(location(&response).starts_with("/log-ind"));
    // The form names no account: it always edits the one signed in.
    let (browser, me) = app.signed_in(Role::Professional).await;
    let other = app.create_user("anden@example.dk", &[Role::Professional], None);
    browser
        .post_form(
            "/konto/oplysninger",
            &[
                ("name", "Ny"),
                ("language", "da"),
                ("id", &other.id.to_string()),
            ],
        )
        .await;
    assert_eq!(stored(&app, me.id).name, "Ny");
    assert_ne!(stored(&app, other.id).name, "Ny");
}

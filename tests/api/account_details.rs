//! Editing one's own name, phone and language at `/konto/oplysninger`, and
//! changing one's address, confirmed from the new address.

use brobyg::domain::events::Message;
use brobyg::domain::{Lang, Role};
use reqwest::StatusCode;

use crate::helpers::{PASSWORD, TestApp, input_value, location, path_of, spawn_app, texts};

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

fn messages_to(app: &TestApp, email: &str) -> usize {
    app.outbox().iter().filter(|r| r.to_email == email).count()
}

fn confirm_link(app: &TestApp, email: &str) -> String {
    match app.last_message_to(email) {
        Message::ConfirmNewEmail { link } => path_of(&link),
        other => panic!("expected a confirmation link, got {other:?}"),
    }
}

#[tokio::test]
async fn a_new_address_counts_only_once_confirmed_from_it_and_the_old_one_is_told() {
    let app = spawn_app().await;
    let (browser, user) = app.signed_in(Role::Professional).await;
    let response = browser
        .post_form("/konto/e-mail", &[("new_email", " Ny.Adresse@Example.DK ")])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/konto");
    assert!(
        browser
            .get_html("/konto")
            .await
            .contains("Hvis den nye adresse kan bruges")
    );
    // Nothing changes until the link is opened.
    assert_eq!(stored(&app, user.id).email, user.email);
    let first = confirm_link(&app, "ny.adresse@example.dk");

    // Asking again replaces the first link.
    browser
        .post_form("/konto/e-mail", &[("new_email", "endnu.en@example.dk")])
        .await;
    let second = confirm_link(&app, "endnu.en@example.dk");
    let response = app.browser().get(&first).await;
    assert_eq!(response.status(), StatusCode::GONE, "the replaced link");
    assert_eq!(stored(&app, user.id).email, user.email);

    // Opened on another device, signed out: the token is the proof.
    let response = app.browser().get(&second).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/log-ind");
    let u = stored(&app, user.id);
    assert_eq!(u.email, "endnu.en@example.dk");
    assert!(u.email_verified_at.is_some());
    match app.last_message_to(&user.email) {
        Message::EmailChanged { new_email } => assert_eq!(new_email, "endnu.en@example.dk"),
        other => panic!("the old address is told, got {other:?}"),
    }
    // Used once only; and the new address logs in.
    assert_eq!(app.browser().get(&second).await.status(), StatusCode::GONE);
    let fresh = app.browser();
    let response = fresh.login("endnu.en@example.dk", PASSWORD).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(
        fresh
            .get_html("/konto")
            .await
            .contains("endnu.en@example.dk")
    );
}

#[tokio::test]
async fn a_wrong_or_unchanged_address_comes_back_and_a_taken_one_gets_no_link() {
    let app = spawn_app().await;
    let (browser, user) = app.signed_in(Role::Professional).await;
    for (typed, error) in [
        ("ikke-en-adresse", "Skriv en gyldig e-mailadresse"),
        ("", "Udfyld feltet."),
        (user.email.as_str(), "Det er allerede din e-mailadresse."),
    ] {
        let response = browser
            .post_form("/konto/e-mail", &[("new_email", typed)])
            .await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{typed}"
        );
        let html = response.text().await.expect("body");
        assert_eq!(input_value(&html, "new_email").as_deref(), Some(typed));
        assert!(html.contains("id=\"f-new_email-error\""), "{typed}");
        assert!(html.contains(error), "{typed}: {error}");
        // The details form above is filled from the account, untouched.
        assert!(input_value(&html, "name").is_some_and(|n| !n.is_empty()));
    }

    // Another account's address: the same answer, and no link to it.
    let other = app.create_user("optaget@example.dk", &[Role::Professional], None);
    let before = messages_to(&app, &other.email);
    let response = browser
        .post_form("/konto/e-mail", &[("new_email", &other.email)])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(messages_to(&app, &other.email), before);
    assert_eq!(stored(&app, user.id).email, user.email);

    // A made-up link is a page, not an error.
    let response = app.browser().get("/konto/ny-email/findes-ikke").await;
    assert_eq!(response.status(), StatusCode::GONE);
}

#[tokio::test]
async fn changing_the_address_asks_who_one_is_when_the_login_is_old() {
    use brobyg::db::schema::login_sessions;
    use diesel::prelude::*;
    let app = spawn_app().await;
    let (browser, user) = app.signed_in(Role::Professional).await;
    {
        // The login was proved an hour ago: a session left open somewhere.
        let mut conn = app.db.conn().expect("connection");
        let hour_ago = brobyg::db::now() - chrono::Duration::hours(1);
        diesel::update(login_sessions::table.filter(login_sessions::user_id.eq(user.id)))
            .set(login_sessions::proved_at.eq(hour_ago))
            .execute(&mut *conn)
            .expect("aged");
    }
    let response = browser
        .post_form("/konto/e-mail", &[("new_email", "ny@example.dk")])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(location(&response).starts_with("/konto/bekraeft-identitet"));
    assert_eq!(messages_to(&app, "ny@example.dk"), 0);
    // Name, phone and language need no new proof.
    let response = browser
        .post_form(
            "/konto/oplysninger",
            &[("name", "Stadig Mig"), ("language", "da")],
        )
        .await;
    assert_eq!(location(&response), "/konto");
}

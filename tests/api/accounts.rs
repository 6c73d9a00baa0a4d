//! Sign-up with email verification, login with throttling, logout, password
//! reset and change.

use brobyg::domain::Role;
use brobyg::domain::events::Message;
use reqwest::StatusCode;

use crate::helpers::{PASSWORD, input_value, location, path_of, spawn_app, texts};

const NEW_PASSWORD: &str = "mit-nye-lange-kodeord";

fn verify_link(message: Message) -> String {
    match message {
        Message::VerifyEmail { link } => path_of(&link),
        other => panic!("expected a verification email, got {other:?}"),
    }
}

#[tokio::test]
async fn sign_up_verify_and_log_in() {
    let app = spawn_app().await;
    let browser = app.browser();
    let response = browser
        .post_form(
            "/konto/opret",
            &[
                ("name", "Birgitte Ålund"),
                ("email", "Birgitte@Region.dk"),
                ("password", NEW_PASSWORD),
                ("password_confirm", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/konto/tjek-din-email");

    // Not yet verified: the right password is not enough, and a new link is sent.
    let response = browser.login("birgitte@region.dk", NEW_PASSWORD).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let html = response.text().await.expect("body");
    assert!(html.contains("bekræfte din e-mailadresse"));
    let verifications = app
        .outbox()
        .iter()
        .filter(|r| r.to_email == "birgitte@region.dk" && r.kind == "verify_email")
        .count();
    assert_eq!(verifications, 2);

    let link = verify_link(app.last_message_to("birgitte@region.dk"));
    let response = browser.get(&link).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/log-ind");
    // A link works once.
    assert_eq!(browser.get(&link).await.status(), StatusCode::GONE);

    let response = browser.login("BIRGITTE@region.dk", NEW_PASSWORD).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let html = browser.get_html("/konto").await;
    assert!(html.contains("Birgitte Ålund"));
    assert!(
        html.contains("Fagperson"),
        "a new account is a professional's"
    );
}

#[tokio::test]
async fn sign_up_mistakes_are_shown_beside_the_fields_with_the_input_kept() {
    let app = spawn_app().await;
    let response = app
        .browser()
        .post_form(
            "/konto/opret",
            &[
                ("name", "Jens Ærø"),
                ("email", "jens@ikke-en-adresse"),
                ("password", "kort"),
                ("password_confirm", "kort"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(input_value(&html, "name").as_deref(), Some("Jens Ærø"));
    assert_eq!(
        input_value(&html, "email").as_deref(),
        Some("jens@ikke-en-adresse")
    );
    assert_eq!(
        texts(&html, "#f-email-error"),
        vec!["Skriv en gyldig e-mailadresse, fx navn@eksempel.dk."]
    );
    assert_eq!(
        texts(&html, "#f-password-error"),
        vec!["Adgangskoden skal være på mindst 10 tegn."]
    );
    assert!(html.contains("aria-invalid=\"true\""));
    assert_eq!(app.user_count(), 0, "nothing half-written");
    assert!(app.outbox().is_empty());
}

#[tokio::test]
async fn signing_up_with_a_taken_address_reveals_nothing_and_tells_the_owner() {
    let app = spawn_app().await;
    let owner = app.create_user("ejer@example.dk", &[Role::Professional], None);
    let response = app
        .browser()
        .post_form(
            "/konto/opret",
            &[
                ("name", "En Anden"),
                ("email", &owner.email),
                ("password", NEW_PASSWORD),
                ("password_confirm", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&response),
        "/konto/tjek-din-email",
        "same answer as for a new address"
    );
    assert_eq!(app.user_count(), 1);
    assert!(matches!(
        app.last_message_to(&owner.email),
        Message::AccountExists { .. }
    ));
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_address_get_the_same_answer() {
    let app = spawn_app().await;
    let user = app.create_user("kendt@example.dk", &[Role::Professional], None);
    let wrong = app.browser().login(&user.email, "forkert-kodeord").await;
    let unknown = app
        .browser()
        .login("ukendt@example.dk", "forkert-kodeord")
        .await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED);
    let a = texts(&wrong.text().await.expect("body"), ".error-summary");
    let b = texts(&unknown.text().await.expect("body"), ".error-summary");
    assert_eq!(a, vec!["Forkert e-mail eller adgangskode."]);
    assert_eq!(a, b);
}

#[tokio::test]
async fn login_returns_to_the_page_that_asked_for_it_but_never_off_site() {
    let app = spawn_app().await;
    let user = app.create_user("tilbage@example.dk", &[Role::Professional], None);
    let browser = app.browser();
    let response = browser.get("/konto").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/log-ind?next=%2Fkonto");
    let response = browser
        .post_form(
            "/log-ind",
            &[
                ("email", &user.email),
                ("password", PASSWORD),
                ("next", "/konto"),
            ],
        )
        .await;
    assert_eq!(location(&response), "/konto");

    let evil = app.browser();
    let response = evil
        .post_form(
            "/log-ind",
            &[
                ("email", &user.email),
                ("password", PASSWORD),
                ("next", "//evil.example"),
            ],
        )
        .await;
    assert_eq!(location(&response), "/");
}

/// Paths that browsers turn into another site (they drop tabs and
/// newlines, and resolve dot segments), or that could not be a header.
const OFF_SITE: [&str; 6] = [
    "/\t/evil.example/x",
    "/\n/evil.example",
    "/ /x",
    "/.//x",
    "/%2e//x",
    "\\/evil.example",
];

#[tokio::test]
async fn no_next_address_leads_off_site_from_login_or_the_language_switch() {
    let app = spawn_app().await;
    let user = app.create_user("naeste@example.dk", &[Role::Professional], None);
    for evil in OFF_SITE {
        let browser = app.browser();
        let response = browser
            .post_form(
                "/log-ind",
                &[
                    ("email", &user.email),
                    ("password", PASSWORD),
                    ("next", evil),
                ],
            )
            .await;
        assert_eq!(location(&response), "/", "login with next={evil:?}");
        // Signed in, the login page sends the visitor on at once.
        let query = serde_urlencoded::to_string([("next", evil)]).expect("query");
        let response = browser.get(&format!("/log-ind?{query}")).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{evil:?}");
        assert_eq!(location(&response), "/", "login page with next={evil:?}");
        let response = browser
            .post_form("/sprog", &[("lang", "en"), ("next", evil)])
            .await;
        assert_eq!(
            location(&response),
            "/",
            "language switch with next={evil:?}"
        );
        let response = browser.get(&format!("/sprog?lang=en&{query}")).await;
        assert_eq!(location(&response), "/", "language link with next={evil:?}");
    }
}

#[tokio::test]
async fn logging_out_ends_the_session() {
    let app = spawn_app().await;
    let (browser, _) = app.signed_in(Role::Professional).await;
    assert_eq!(browser.get("/konto").await.status(), StatusCode::OK);
    let response = browser.post_form("/log-ud", &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(browser.get("/konto").await.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_forgotten_password_is_reset_by_an_emailed_link() {
    let app = spawn_app().await;
    let user = app.create_user("glemsom@example.dk", &[Role::Professional], None);
    let browser = app.browser();
    let response = browser
        .post_form("/konto/glemt-adgangskode", &[("email", &user.email)])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let sent_page = texts(&response.text().await.expect("body"), "h1");

    // An unknown address gets the same page and no email.
    let response = browser
        .post_form("/konto/glemt-adgangskode", &[("email", "ingen@example.dk")])
        .await;
    assert_eq!(
        texts(&response.text().await.expect("body"), "h1"),
        sent_page
    );
    assert_eq!(app.outbox().len(), 1);

    let Message::ResetPassword { link } = app.last_message_to(&user.email) else {
        panic!("expected a reset email");
    };
    let path = path_of(&link);
    assert_eq!(browser.get(&path).await.status(), StatusCode::OK);
    let response = browser
        .post_form(
            &path,
            &[
                ("password", NEW_PASSWORD),
                ("password_confirm", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        browser.get("/konto").await.status(),
        StatusCode::OK,
        "signed in"
    );
    assert_eq!(
        browser.get(&path).await.status(),
        StatusCode::GONE,
        "used once"
    );

    assert_eq!(
        app.browser().login(&user.email, PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.browser()
            .login(&user.email, NEW_PASSWORD)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn changing_the_password_checks_the_old_one_and_ends_other_sessions() {
    let app = spawn_app().await;
    let (browser, user) = app.signed_in(Role::Professional).await;
    let other_device = app.browser();
    other_device.login(&user.email, PASSWORD).await;
    assert_eq!(other_device.get("/konto").await.status(), StatusCode::OK);

    let response = browser
        .post_form(
            "/konto/adgangskode",
            &[
                ("current", "forkert"),
                ("password", NEW_PASSWORD),
                ("password_confirm", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        texts(&response.text().await.expect("body"), "#f-current-error"),
        vec!["Den nuværende adgangskode er forkert."]
    );

    let response = browser
        .post_form(
            "/konto/adgangskode",
            &[
                ("current", PASSWORD),
                ("password", NEW_PASSWORD),
                ("password_confirm", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        browser.get("/konto").await.status(),
        StatusCode::OK,
        "this session goes on"
    );
    assert_eq!(
        other_device.get("/konto").await.status(),
        StatusCode::SEE_OTHER,
        "the other session ended"
    );
}

/// The reset form sent an email for every request (40 requests, 40
/// emails). A few per address per hour, and a ceiling per client; the page
/// says the same whatever happened.
#[tokio::test]
async fn reset_links_are_limited_per_address_and_per_client() {
    let app = spawn_app().await;
    let user = app.create_user("glemsom@example.dk", &[Role::Professional], None);
    let browser = app.browser();
    for _ in 0..10 {
        let response = browser
            .post_form("/konto/glemt-adgangskode", &[("email", &user.email)])
            .await;
        assert_eq!(response.status(), StatusCode::OK);
    }
    let resets = |app: &crate::helpers::TestApp, email: &str| {
        app.outbox()
            .into_iter()
            .filter(|r| r.to_email == email && r.kind == "reset_password")
            .count()
    };
    assert_eq!(resets(&app, &user.email), 3, "three per address and hour");

    // One client asking for many addresses is stopped too.
    let other = app.create_user("anden@example.dk", &[Role::Professional], None);
    for i in 0..20 {
        browser
            .post_form(
                "/konto/glemt-adgangskode",
                &[("email", &format!("ukendt{i}@example.dk"))],
            )
            .await;
    }
    let response = browser
        .post_form("/konto/glemt-adgangskode", &[("email", &other.email)])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(resets(&app, &other.email), 0, "the client's ceiling");
}

/// An account without a phone number says so with a dash rather than an
/// empty field. (Tera 2's `default` leaves a null as it is; the template
/// uses `or`.)
#[tokio::test]
async fn the_account_page_marks_a_missing_phone_number() {
    let app = spawn_app().await;
    let user = app.create_user("uden-telefon@example.dk", &[Role::Professional], None);
    let browser = app.browser();
    browser.login(&user.email, PASSWORD).await;
    let page = browser.get("/konto").await.text().await.expect("body");
    let terms = texts(&page, ".details dt");
    let details = texts(&page, ".details dd");
    let phone = terms
        .iter()
        .position(|t| t == "Telefon")
        .and_then(|at| details.get(at));
    assert_eq!(phone.map(String::as_str), Some("–"));
}

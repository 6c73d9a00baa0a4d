use brobyg::domain::Role;
use reqwest::StatusCode;
use reqwest::header::{COOKIE, SET_COOKIE};

use crate::helpers::{PASSWORD, location, spawn_app, spawn_app_with, texts};

/// The session cookie a login response sets, as `name=value`.
fn session_cookie(response: &reqwest::Response) -> String {
    response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or_default().to_string())
        .find(|c| c.starts_with("brobyg="))
        .expect("a session cookie")
}

#[tokio::test]
async fn a_cookie_saved_before_logging_out_opens_nothing_afterwards() {
    let app = spawn_app().await;
    let user = app.create_user("ud@example.dk", &[Role::Professional], None);
    let browser = app.browser();
    let login = browser.login(&user.email, PASSWORD).await;
    assert_eq!(login.status(), StatusCode::SEE_OTHER);
    let saved = session_cookie(&login);
    // The saved cookie works while the session lives.
    let thief = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let before = thief
        .get(browser.url("/konto"))
        .header(COOKIE, &saved)
        .send()
        .await
        .expect("GET");
    assert_eq!(before.status(), StatusCode::OK);

    let out = browser.post_form("/log-ud", &[]).await;
    assert_eq!(out.status(), StatusCode::SEE_OTHER);

    let after = thief
        .get(browser.url("/konto"))
        .header(COOKIE, &saved)
        .send()
        .await
        .expect("GET");
    assert_eq!(after.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&after), "/log-ind?next=%2Fkonto");
}

#[tokio::test]
async fn the_account_page_lists_ones_sessions_and_ends_another() {
    let app = spawn_app_with(|s| s.trust_proxy = true).await;
    let user = app.create_user("enheder@example.dk", &[Role::Professional], None);
    let laptop = app.browser_at(
        "10.1.1.1",
        "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
    );
    let phone = app.browser_at(
        "10.2.2.2",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
    );
    laptop.login(&user.email, PASSWORD).await;
    phone.login(&user.email, PASSWORD).await;

    let html = laptop.get_html("/konto").await;
    let rows = texts(&html, "#sessioner tbody tr td:first-child");
    assert_eq!(
        rows,
        vec!["Firefox, Linux (10.1.1.1)", "Safari, iPhone (10.2.2.2)"],
        "this device first"
    );
    assert_eq!(
        texts(&html, "#sessioner tbody tr:first-child td:nth-child(2)"),
        vec!["Denne enhed (nu)"]
    );

    // The laptop ends the phone's session.
    let doc = scraper::Html::parse_document(&html);
    let form =
        scraper::Selector::parse("#sessioner form[action^='/konto/sessioner/']").expect("selector");
    let action = doc
        .select(&form)
        .next()
        .and_then(|f| f.value().attr("action"))
        .expect("an end button for the other session")
        .to_string();
    let response = laptop.post_form(&action, &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(phone.get("/konto").await.status(), StatusCode::SEE_OTHER);
    assert_eq!(laptop.get("/konto").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn nobody_ends_someone_elses_session() {
    let app = spawn_app().await;
    let victim = app.create_user("offer@example.dk", &[Role::Professional], None);
    let victims_browser = app.browser();
    victims_browser.login(&victim.email, PASSWORD).await;
    let (attacker, _) = app.signed_in(Role::Professional).await;
    // Session ids are small numbers: try them all.
    for id in 1..=5 {
        let response = attacker
            .post_form(&format!("/konto/sessioner/{id}/log-ud"), &[])
            .await;
        assert_ne!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    }
    assert_eq!(
        victims_browser.get("/konto").await.status(),
        StatusCode::OK,
        "the victim is still signed in"
    );
}

#[tokio::test]
async fn log_out_everywhere_ends_every_session() {
    let app = spawn_app().await;
    let user = app.create_user("overalt@example.dk", &[Role::Professional], None);
    let one = app.browser();
    let two = app.browser();
    one.login(&user.email, PASSWORD).await;
    two.login(&user.email, PASSWORD).await;
    let response = one.post_form("/konto/log-ud-overalt", &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(one.get("/konto").await.status(), StatusCode::SEE_OTHER);
    assert_eq!(two.get("/konto").await.status(), StatusCode::SEE_OTHER);
    // Logging in again works.
    let again = app.browser();
    assert_eq!(
        again.login(&user.email, PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(again.get("/konto").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn changing_the_password_ends_the_other_sessions_only() {
    let app = spawn_app().await;
    let user = app.create_user("skift@example.dk", &[Role::Professional], None);
    let here = app.browser();
    let there = app.browser();
    here.login(&user.email, PASSWORD).await;
    there.login(&user.email, PASSWORD).await;
    let response = here
        .post_form(
            "/konto/adgangskode",
            &[
                ("current", PASSWORD),
                ("password", "et-helt-nyt-kodeord-2026"),
                ("password_confirm", "et-helt-nyt-kodeord-2026"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(here.get("/konto").await.status(), StatusCode::OK);
    assert_eq!(there.get("/konto").await.status(), StatusCode::SEE_OTHER);
    let html = here.get_html("/konto").await;
    assert_eq!(texts(&html, "#sessioner tbody tr").len(), 1);
}

/// Behind a proxy the address comes from the `X-Forwarded-For` the proxy
/// sets. A `Forwarded` header is passed through by the proxy untouched, so
/// a client could name any address in it and spread its guesses over the
/// throttle's addresses or write a false one into the audit log.
#[tokio::test]
async fn a_forwarded_header_from_the_client_is_not_believed() {
    let app = spawn_app_with(|s| s.trust_proxy = true).await;
    let user = app.create_user("forklædt@example.dk", &[Role::Professional], None);
    let browser = app.browser_with_headers(
        &[
            ("forwarded", "for=198.51.100.66"),
            ("x-forwarded-for", "10.3.3.3"),
        ],
        "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
    );
    browser.login(&user.email, PASSWORD).await;
    let html = browser.get_html("/konto").await;
    assert_eq!(
        texts(&html, "#sessioner tbody tr td:first-child"),
        vec!["Firefox, Linux (10.3.3.3)"]
    );
}

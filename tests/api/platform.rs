//! What every page relies on: health, security headers, assets, CSRF,
//! cookies and error pages.

use reqwest::StatusCode;

use crate::helpers::{spawn_app, spawn_app_with, texts};

#[tokio::test]
async fn health_is_ok_while_the_database_answers() {
    let app = spawn_app().await;
    let response = app.browser().get("/healthz").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.text().await.expect("body"), "ok");
}

#[tokio::test]
async fn health_is_503_when_the_database_is_gone() {
    let mut app = spawn_app().await;
    if !app.is_postgres() {
        // An open SQLite file cannot be taken away from a running process;
        // CI runs this test on PostgreSQL.
        eprintln!("skipped on SQLite: needs TEST_DATABASE_URL (PostgreSQL)");
        return;
    }
    app.drop_database();
    let response = app.browser().get("/healthz").await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
}

/// A PostgreSQL restart ends every pooled connection. A connection that has
/// lain idle is checked before a request gets it, so the first page asked
/// for afterwards is served on a new one rather than failing.
#[tokio::test]
async fn a_page_after_the_database_ended_its_connections_is_served() {
    let app = spawn_app().await;
    if !app.is_postgres() {
        eprintln!("skipped on SQLite: needs TEST_DATABASE_URL (PostgreSQL)");
        return;
    }
    let (browser, _) = app.signed_in(brobyg::domain::Role::Professional).await;
    assert_eq!(browser.get("/konto").await.status(), StatusCode::OK);
    app.end_connections();
    // Longer than `CHECK_AFTER_IDLE`: the pool's connections count as idle.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_eq!(browser.get("/konto").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn pages_carry_security_headers_and_use_only_local_assets() {
    let app = spawn_app().await;
    let response = app.browser().get("/").await;
    let headers = response.headers().clone();
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["x-frame-options"], "DENY");
    assert!(
        headers["content-security-policy"]
            .to_str()
            .expect("ascii")
            .contains("default-src 'self'")
    );
    let html = response.text().await.expect("body");
    assert!(
        !html.contains("src=\"http"),
        "no external scripts or images"
    );
    assert!(
        !html.contains("href=\"http"),
        "no external stylesheets or links"
    );
    let stylesheet = html
        .split("href=\"")
        .map(|s| s.split('"').next().unwrap_or(""))
        .find(|h| h.starts_with("/assets/style.css"))
        .expect("a local stylesheet")
        .to_string();
    let css = app.browser().get(&stylesheet).await;
    assert_eq!(css.status(), StatusCode::OK);
    assert_eq!(css.headers()["content-type"], "text/css; charset=utf-8");
    assert!(css.text().await.expect("css").contains(":focus-visible"));
}

#[tokio::test]
async fn a_post_without_a_valid_csrf_token_is_refused() {
    let app = spawn_app().await;
    let browser = app.browser();
    // No token at all.
    let response = browser
        .client
        .post(browser.url("/konto/opret"))
        .form(&[
            ("name", "Uden Token"),
            ("email", "uden@example.dk"),
            ("password", "et-langt-kodeord"),
            ("password_confirm", "et-langt-kodeord"),
        ])
        .send()
        .await
        .expect("POST");
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let html = response.text().await.expect("body");
    assert_eq!(texts(&html, "h1"), vec!["Formularen er udløbet"]);
    // A token from another session.
    let other = app.browser().csrf().await;
    browser.csrf().await;
    let response = browser
        .client
        .post(browser.url("/konto/opret"))
        .form(&[
            ("csrf", other.as_str()),
            ("name", "Fremmed Token"),
            ("email", "fremmed@example.dk"),
            ("password", "et-langt-kodeord"),
            ("password_confirm", "et-langt-kodeord"),
        ])
        .send()
        .await
        .expect("POST");
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.user_count(), 0, "nothing was created");
}

#[tokio::test]
async fn the_session_cookie_is_http_only_and_lax() {
    let app = spawn_app().await;
    let response = app.browser().get("/log-ind").await;
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .expect("ascii")
        .to_string();
    assert!(cookie.starts_with("brobyg="), "{cookie}");
    assert!(cookie.contains("HttpOnly"));
    assert!(cookie.contains("SameSite=Lax"));
    assert!(!cookie.contains("Secure"), "plain http in development");
    assert!(
        response
            .headers()
            .get("strict-transport-security")
            .is_none(),
        "no HSTS over plain http"
    );
}

#[tokio::test]
async fn the_session_cookie_is_secure_behind_https() {
    let app = spawn_app_with(|s| s.base_url = "https://brobyg.example".into()).await;
    let response = app.browser().get("/log-ind").await;
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .expect("ascii")
        .to_string();
    assert!(cookie.starts_with("__Host-brobyg="), "{cookie}");
    assert!(cookie.contains("Secure"), "{cookie}");
    assert!(cookie.contains("Path=/"), "{cookie}");
    assert!(!cookie.to_lowercase().contains("domain="), "{cookie}");
    assert_eq!(
        response.headers()["strict-transport-security"],
        "max-age=31536000; includeSubDomains"
    );
}

#[tokio::test]
async fn unknown_pages_get_a_translated_404_page() {
    let app = spawn_app().await;
    let response = app.browser().get("/findes-ikke").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let html = response.text().await.expect("body");
    assert!(html.contains("<html lang=\"da\">"));
    assert_eq!(texts(&html, "h1"), vec!["Siden findes ikke"]);
    let english = app
        .browser()
        .client
        .get(app.browser().url("/findes-ikke"))
        .header("accept-language", "en")
        .send()
        .await
        .expect("GET");
    assert_eq!(english.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        texts(&english.text().await.expect("body"), "h1"),
        vec!["Page not found"]
    );
}

#[tokio::test]
async fn a_bad_id_in_a_path_is_a_404_not_a_crash() {
    let app = spawn_app().await;
    let (browser, _) = app.signed_in(brobyg::domain::Role::Admin).await;
    let response = browser.get("/admin/brugere/ikke-et-tal").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let response = browser.get("/admin/brugere/999999").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        texts(&response.text().await.expect("body"), "h1"),
        vec!["Siden findes ikke"]
    );
}

#[tokio::test]
async fn an_oversized_form_gets_the_sites_own_page_in_danish() {
    let app = spawn_app().await;
    let browser = app.browser();
    let long = "x".repeat(300 * 1024);
    let response = browser
        .post_form("/bliv-brobygger", &[("motivation", &long)])
        .await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .expect("ascii")
            .starts_with("text/html")
    );
    let html = response.text().await.expect("body");
    assert_eq!(texts(&html, "h1"), vec!["Det sendte er for stort"]);
}

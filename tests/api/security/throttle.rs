use brobyg::domain::Role;
use brobyg::domain::throttle::FREE_ATTEMPTS;
use reqwest::StatusCode;

use crate::helpers::{PASSWORD, spawn_app_with};

const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

#[tokio::test]
async fn a_guesser_elsewhere_does_not_lock_out_the_owner() {
    let app = spawn_app_with(|s| s.trust_proxy = true).await;
    let user = app.create_user("ejer@example.dk", &[Role::Professional], None);
    let guesser = app.browser_at("203.0.113.9", FIREFOX);
    for _ in 0..FREE_ATTEMPTS {
        let r = guesser.login(&user.email, "gaet-et-kodeord").await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    // The guesser now waits, even with the right password...
    let r = guesser.login(&user.email, PASSWORD).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    let html = r.text().await.expect("body");
    assert!(html.contains("For mange mislykkede forsøg"));
    // ...and keeps failing without being let through.
    for _ in 0..10 {
        let r = guesser.login(&user.email, "gaet-igen").await;
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    }
    // The owner, from the hospital, is not affected.
    let owner = app.browser_at("198.51.100.20", FIREFOX);
    assert_eq!(
        owner.login(&user.email, PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn colleagues_behind_one_address_are_not_locked_out_by_each_others_typos() {
    let app = spawn_app_with(|s| s.trust_proxy = true).await;
    let clumsy = app.create_user("kluntet@example.dk", &[Role::Professional], None);
    let careful = app.create_user("omhyggelig@example.dk", &[Role::Professional], None);
    let nat = "192.0.2.44";
    for _ in 0..FREE_ATTEMPTS + 2 {
        app.browser_at(nat, FIREFOX)
            .login(&clumsy.email, "forkert")
            .await;
    }
    assert_eq!(
        app.browser_at(nat, FIREFOX)
            .login(&careful.email, PASSWORD)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn the_wait_passes_and_the_right_password_then_gets_in() {
    use brobyg::db::schema::login_failures;
    use diesel::{ExpressionMethods, RunQueryDsl};

    let app = spawn_app_with(|s| s.trust_proxy = true).await;
    let user = app.create_user("vent@example.dk", &[Role::Professional], None);
    let browser = app.browser_at("203.0.113.10", FIREFOX);
    for _ in 0..FREE_ATTEMPTS {
        browser.login(&user.email, "forkert").await;
    }
    assert_eq!(
        browser.login(&user.email, PASSWORD).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    // Half a minute later (the first wait).
    let mut conn = app.db.conn().expect("connection");
    diesel::update(login_failures::table)
        .set(
            login_failures::failed_at
                .eq(chrono::Utc::now().naive_utc() - chrono::Duration::seconds(31)),
        )
        .execute(&mut conn)
        .expect("backdate");
    assert_eq!(
        browser.login(&user.email, PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );
}

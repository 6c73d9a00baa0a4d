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

#[tokio::test]
async fn the_owners_own_browser_gets_in_even_when_its_address_is_at_the_ceiling() {
    use brobyg::domain::throttle::MAX_FAILURES_PER_IP;

    let app = spawn_app_with(|s| s.trust_proxy = true).await;
    let user = app.create_user("hospital@example.dk", &[Role::Professional], None);
    let nat = "192.0.2.80";
    // The owner has logged in from this browser before.
    let owners = app.browser_at(nat, FIREFOX);
    assert_eq!(
        owners.login(&user.email, PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );
    owners.post_form("/log-ud", &[]).await;

    // Behind the same address, someone guesses at the owner's password and
    // tries many other accounts, up to the ceiling.
    let stranger = app.browser_at(nat, FIREFOX);
    for _ in 0..FREE_ATTEMPTS {
        stranger.login(&user.email, "gaet").await;
    }
    let others = MAX_FAILURES_PER_IP - FREE_ATTEMPTS;
    for i in 0..others {
        stranger
            .login(&format!("nogen{i}@example.dk"), "gaet")
            .await;
    }
    let someone = app.create_user("kollega@example.dk", &[Role::Professional], None);
    assert_eq!(
        app.browser_at(nat, FIREFOX)
            .login(&someone.email, PASSWORD)
            .await
            .status(),
        StatusCode::TOO_MANY_REQUESTS,
        "a new client behind the address meets the ceiling"
    );

    // The owner's browser has not failed: it gets in.
    assert_eq!(
        owners.login(&user.email, PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );
}

use brobyg::config::{Environment, MailDelivery};
use brobyg::domain::Role;
use brobyg::domain::second_factor::code_at;
use reqwest::StatusCode;

use crate::helpers::{Browser, PASSWORD, TestApp, location, spawn_app, spawn_app_with, texts};

fn unix_now() -> u64 {
    u64::try_from(chrono::Utc::now().timestamp()).expect("after 1970")
}

/// A code for a later time step than any used so far: each step's code
/// works once, and set-up and login in one test come within seconds.
fn code(secret: &str, steps_ahead: u64) -> String {
    code_at(secret, unix_now() + 30 * steps_ahead).expect("code")
}

/// Sets up a second factor for the signed-in browser; its secret and the
/// recovery codes.
pub async fn set_up(browser: &Browser) -> (String, Vec<String>) {
    let html = browser.get_html("/konto/totrinslogin").await;
    assert!(html.contains("<svg"), "a QR code drawn by the site");
    assert!(!html.contains("https://chart") && !html.contains("api.qrserver"));
    let secret: String = texts(&html, "#totp-secret")
        .concat()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let wrong = browser
        .post_form("/konto/totrinslogin", &[("code", "000000")])
        .await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let response = browser
        .post_form("/konto/totrinslogin", &[("code", &code(&secret, 0))])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.expect("body");
    let codes = texts(&html, ".recovery-codes li");
    assert_eq!(codes.len(), 10);
    (secret, codes)
}

async fn password_step(app: &TestApp, email: &str) -> Browser {
    let browser = app.browser();
    let response = browser.login(email, PASSWORD).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(location(&response).starts_with("/log-ind/kode"));
    browser
}

#[tokio::test]
async fn a_second_factor_is_set_up_and_then_asked_for_at_every_login() {
    let app = spawn_app().await;
    let (browser, user) = app.signed_in(Role::Volunteer).await;
    let (secret, _) = set_up(&browser).await;
    assert!(
        browser
            .get_html("/konto/totrinslogin")
            .await
            .contains("Totrinslogin er slået til")
    );

    let next = password_step(&app, &user.email).await;
    // The password alone signs nobody in.
    assert_eq!(next.get("/konto").await.status(), StatusCode::SEE_OTHER);
    let wrong = next.post_form("/log-ind/kode", &[("code", "123456")]).await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let right = next
        .post_form("/log-ind/kode", &[("code", &code(&secret, 1))])
        .await;
    assert_eq!(right.status(), StatusCode::SEE_OTHER);
    assert_eq!(next.get("/konto").await.status(), StatusCode::OK);

    // The same code a second time is refused (RFC 6238, 5.2).
    let replay = password_step(&app, &user.email).await;
    let again = replay
        .post_form("/log-ind/kode", &[("code", &code(&secret, 1))])
        .await;
    assert_eq!(again.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn setting_up_a_second_factor_ends_sessions_opened_with_the_password_alone() {
    let app = spawn_app().await;
    let (browser, user) = app.signed_in(Role::Professional).await;
    let elsewhere = app.browser();
    elsewhere.login(&user.email, PASSWORD).await;
    set_up(&browser).await;
    assert_eq!(
        elsewhere.get("/konto").await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(browser.get("/konto").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_recovery_code_works_once() {
    let app = spawn_app().await;
    let (browser, user) = app.signed_in(Role::Professional).await;
    let (_, codes) = set_up(&browser).await;
    let first = password_step(&app, &user.email).await;
    // Typed loosely: upper case, no dash.
    let typed = codes[0].replace('-', "").to_uppercase();
    let response = first.post_form("/log-ind/kode", &[("code", &typed)]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(first.get("/konto").await.status(), StatusCode::OK);
    assert!(
        first
            .get_html("/konto/totrinslogin")
            .await
            .contains("9 ubrugte gendannelseskoder")
    );

    let second = password_step(&app, &user.email).await;
    let response = second
        .post_form("/log-ind/kode", &[("code", &codes[0])])
        .await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn wrong_codes_are_throttled_like_passwords() {
    let app = spawn_app().await;
    let (browser, user) = app.signed_in(Role::Professional).await;
    let (secret, _) = set_up(&browser).await;
    let guesser = password_step(&app, &user.email).await;
    for _ in 0..brobyg::domain::throttle::FREE_ATTEMPTS {
        let r = guesser
            .post_form("/log-ind/kode", &[("code", "000001")])
            .await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    let r = guesser
        .post_form("/log-ind/kode", &[("code", &code(&secret, 1))])
        .await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    // Starting over with the right password does not reset the wait: the
    // password step waits too.
    let again = app.browser();
    let r = again.login(&user.email, PASSWORD).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn the_code_page_without_a_password_first_sends_to_login() {
    let app = spawn_app().await;
    let browser = app.browser();
    let response = browser.get("/log-ind/kode").await;
    assert_eq!(location(&response), "/log-ind");
    let response = browser
        .post_form("/log-ind/kode", &[("code", "123456")])
        .await;
    assert_eq!(location(&response), "/log-ind");
}

#[tokio::test]
async fn a_reset_link_from_the_inbox_does_not_skip_the_second_factor() {
    let app = spawn_app().await;
    let (browser, user) = app.signed_in(Role::Professional).await;
    set_up(&browser).await;
    let anyone = app.browser();
    anyone
        .post_form("/konto/glemt-adgangskode", &[("email", &user.email)])
        .await;
    let brobyg::domain::events::Message::ResetPassword { link } = app.last_message_to(&user.email)
    else {
        panic!("expected a reset email");
    };
    let link = crate::helpers::path_of(&link);
    let response = anyone
        .post_form(
            &link,
            &[
                ("password", "nyt-kodeord-efter-nulstilling"),
                ("password_confirm", "nyt-kodeord-efter-nulstilling"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/log-ind");
    assert_eq!(anyone.get("/konto").await.status(), StatusCode::SEE_OTHER);
    // And the old sessions ended with the old password.
    assert_eq!(browser.get("/konto").await.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn in_production_staff_must_set_up_a_second_factor_before_staff_pages() {
    let app = spawn_app_with(|s| {
        s.environment = Environment::Production;
        s.mail_delivery = Some(MailDelivery::Files);
        s.secret_key = "a-test-secret-that-is-not-the-development-default-0123456789abcdef".into();
    })
    .await;
    for role in [Role::Coordinator, Role::Admin] {
        let (browser, _) = app.signed_in(role).await;
        let home = if role == Role::Admin {
            "/admin"
        } else {
            "/koordinator"
        };
        let response = browser.get(home).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{role:?}");
        assert_eq!(
            location(&response),
            format!("/konto/totrinslogin?next=%2F{}", &home[1..])
        );
        let html = browser
            .get_html(&format!("/konto/totrinslogin?next={home}"))
            .await;
        assert!(html.contains("skal du slå totrinslogin til"));
        assert!(!html.contains("Slå totrinslogin fra"));
        set_up(&browser).await;
        assert_eq!(browser.get(home).await.status(), StatusCode::OK, "{role:?}");
    }
    // Everyone else is not asked.
    let (volunteer, _) = app.signed_in(Role::Volunteer).await;
    assert_eq!(volunteer.get("/frivillig").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn in_development_staff_log_in_with_the_password_and_see_a_banner() {
    let app = spawn_app().await;
    let (browser, _) = app.signed_in(Role::Coordinator).await;
    let html = browser.get_html("/koordinator").await;
    assert!(html.contains("i produktion skal koordinatorer og administratorer"));
    set_up(&browser).await;
    let html = browser.get_html("/koordinator").await;
    assert!(!html.contains("i produktion skal koordinatorer og administratorer"));
    // Volunteers are not told.
    let (volunteer, _) = app.signed_in(Role::Volunteer).await;
    assert!(
        !volunteer
            .get_html("/frivillig")
            .await
            .contains("i produktion skal")
    );
}

#[tokio::test]
async fn staff_cannot_turn_off_a_required_second_factor_but_others_can() {
    let app = spawn_app_with(|s| {
        s.environment = Environment::Production;
        s.mail_delivery = Some(MailDelivery::Files);
        s.secret_key = "a-test-secret-that-is-not-the-development-default-0123456789abcdef".into();
    })
    .await;
    let (coordinator, _) = app.signed_in(Role::Coordinator).await;
    set_up(&coordinator).await;
    coordinator
        .post_form("/konto/totrinslogin/fjern", &[])
        .await;
    assert!(
        coordinator
            .get_html("/konto/totrinslogin")
            .await
            .contains("Totrinslogin er slået til")
    );
    let (professional, _) = app.signed_in(Role::Professional).await;
    set_up(&professional).await;
    professional
        .post_form("/konto/totrinslogin/fjern", &[])
        .await;
    assert!(
        !professional
            .get_html("/konto/totrinslogin")
            .await
            .contains("Totrinslogin er slået til")
    );
}

#[tokio::test]
async fn an_administrator_resets_a_lost_second_factor() {
    let app = spawn_app().await;
    let (user_browser, user) = app.signed_in(Role::Professional).await;
    set_up(&user_browser).await;
    let (coordinator, _) = app.signed_in(Role::Coordinator).await;
    let path = format!("/admin/brugere/{}/totrinslogin/nulstil", user.id);
    assert_eq!(
        coordinator.post_form(&path, &[]).await.status(),
        StatusCode::FORBIDDEN
    );
    let (admin, _) = app.signed_in(Role::Admin).await;
    let page = admin.get_html(&format!("/admin/brugere/{}", user.id)).await;
    assert!(page.contains("Nulstil totrinslogin"));
    let response = admin.post_form(&path, &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    // Their sessions ended; the password alone now signs them in.
    assert_eq!(
        user_browser.get("/konto").await.status(),
        StatusCode::SEE_OTHER
    );
    let fresh = app.browser();
    let login = fresh.login(&user.email, PASSWORD).await;
    assert_eq!(location(&login), "/");
}

//! Who may open what. Every kind of protected route is tried by every role:
//! anonymous visitors are sent to log in, the wrong role gets 403.

use brobyg::domain::Code;
use brobyg::domain::Role;
use reqwest::StatusCode;

use crate::helpers::{Browser, TestApp, location, spawn_app};

const OK: u16 = 200;
const FORBIDDEN: u16 = 403;

/// Route → expected status for admin, coordinator, volunteer, professional.
const MATRIX: &[(&str, [u16; 4])] = &[
    ("/admin", [OK, FORBIDDEN, FORBIDDEN, FORBIDDEN]),
    ("/admin/brugere", [OK, FORBIDDEN, FORBIDDEN, FORBIDDEN]),
    ("/admin/afdelinger", [OK, FORBIDDEN, FORBIDDEN, FORBIDDEN]),
    ("/admin/beskeder", [OK, FORBIDDEN, FORBIDDEN, FORBIDDEN]),
    ("/koordinator", [OK, OK, FORBIDDEN, FORBIDDEN]),
    ("/frivillig", [FORBIDDEN, FORBIDDEN, OK, FORBIDDEN]),
    ("/konto", [OK, OK, OK, OK]),
];

const ROLES: [Role; 4] = [
    Role::Admin,
    Role::Coordinator,
    Role::Volunteer,
    Role::Professional,
];

async fn browsers(app: &TestApp) -> Vec<(Role, Browser)> {
    let mut all = Vec::new();
    for role in ROLES {
        let (browser, _) = app.signed_in(role).await;
        all.push((role, browser));
    }
    all
}

#[tokio::test]
async fn every_role_is_admitted_or_refused_as_the_matrix_says() {
    let app = spawn_app().await;
    let browsers = browsers(&app).await;
    for (path, expected) in MATRIX {
        for ((role, browser), want) in browsers.iter().zip(expected) {
            let got = browser.get(path).await.status().as_u16();
            assert_eq!(got, *want, "{role:?} on {path}");
        }
    }
}

#[tokio::test]
async fn anonymous_visitors_are_sent_to_log_in_and_back() {
    let app = spawn_app().await;
    let anonymous = app.browser();
    for (path, _) in MATRIX {
        let response = anonymous.get(path).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{path}");
        assert!(location(&response).starts_with("/log-ind?next="), "{path}");
    }
}

#[tokio::test]
async fn a_refusal_is_a_translated_page() {
    let app = spawn_app().await;
    let (browser, _) = app.signed_in(Role::Professional).await;
    let response = browser.get("/admin").await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let html = response.text().await.expect("body");
    assert!(html.contains("Du har ikke adgang til siden"));
}

#[tokio::test]
async fn a_coordinator_sees_only_their_own_branches() {
    let app = spawn_app().await;
    let aarhus = app.create_branch("Aarhus");
    let odense = app.create_branch("Odense");
    let coordinator = app.create_user("k@example.dk", &[Role::Coordinator], Some(aarhus));
    app.create_user(
        "frivillig-odense@example.dk",
        &[Role::Volunteer],
        Some(odense),
    );
    let browser = app.browser();
    browser
        .login(&coordinator.email, crate::helpers::PASSWORD)
        .await;

    assert_eq!(
        browser
            .get(&format!("/koordinator/afdelinger/{aarhus}"))
            .await
            .status(),
        StatusCode::OK
    );
    let response = browser
        .get(&format!("/koordinator/afdelinger/{odense}"))
        .await;
    assert_eq!(
        response.status(),
        StatusCode::FORBIDDEN,
        "another branch is refused"
    );
    let overview = browser.get_html("/koordinator").await;
    assert!(overview.contains("Aarhus"));
    assert!(!overview.contains("Odense"));

    // National administrators oversee every branch.
    let (admin, _) = app.signed_in(Role::Admin).await;
    let html = admin
        .get_html(&format!("/koordinator/afdelinger/{odense}"))
        .await;
    assert!(html.contains("frivillig-odense@example.dk"));
}

#[tokio::test]
async fn non_administrators_cannot_change_administration_data() {
    let app = spawn_app().await;
    for role in [Role::Coordinator, Role::Volunteer, Role::Professional] {
        let (browser, _) = app.signed_in(role).await;
        let response = browser
            .post_form("/admin/regioner", &[("name", "Forbudt Region")])
            .await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{role:?}");
        let target = app.create_user(&format!("offer-{}@example.dk", role.as_str()), &[], None);
        let response = browser
            .post_form(
                &format!("/admin/brugere/{}/roller", target.id),
                &[("admin", "on")],
            )
            .await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{role:?}");
    }
    let (admin, _) = app.signed_in(Role::Admin).await;
    let html = admin.get_html("/admin/regioner").await;
    assert!(!html.contains("Forbudt Region"), "nothing was created");
}

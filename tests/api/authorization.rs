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
    ("/admin/statistik", [OK, FORBIDDEN, FORBIDDEN, FORBIDDEN]),
    (
        "/admin/statistik.csv",
        [OK, FORBIDDEN, FORBIDDEN, FORBIDDEN],
    ),
    ("/koordinator", [OK, OK, FORBIDDEN, FORBIDDEN]),
    ("/koordinator/statistik", [OK, OK, FORBIDDEN, FORBIDDEN]),
    ("/frivillig", [FORBIDDEN, FORBIDDEN, OK, FORBIDDEN]),
    // Active brobyggere only: this volunteer has not taken the course.
    (
        "/frivillig/brobygninger",
        [FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN],
    ),
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

/// Ids typed into forms are checked: a branch that does not exist was left
/// to the foreign key, a 500. Administrators may use every branch, so this
/// is tried as one.
#[tokio::test]
async fn a_branch_that_does_not_exist_is_refused_not_a_fault() {
    let app = spawn_app().await;
    let (admin, _) = app.signed_in(Role::Admin).await;
    let nowhere = "987654";

    let course = crate::genlaer::course(&app, "falsk", "Falsk afdeling", None);
    let r = admin
        .post_form(
            &format!("/koordinator/genlaer/kurser/{course}/nyt-hold"),
            &[
                ("branch", nowhere),
                ("title", "Falsk afdeling"),
                ("location", "Et sted"),
                ("capacity", "10"),
                ("date_1", "2030-03-04"),
                ("start_1", "09:00"),
                ("end_1", "12:00"),
            ],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "GenLær session"
    );
    let html = r.text().await.expect("body");
    assert_eq!(crate::helpers::texts(&html, "#f-branch-error").len(), 1);

    let evening: Vec<(&str, String)> = crate::evenings::evening_fields(987654, "10");
    let borrowed: Vec<(&str, &str)> = evening.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = admin.post_form("/koordinator/aftener/ny", &borrowed).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "evening");

    let date = crate::evenings::date_in(10);
    let r = admin
        .post_form(
            "/koordinator/supervision",
            &[
                ("branch", nowhere),
                ("format", "group"),
                ("title", "Gruppesupervision"),
                ("supervisor_name", "Hanne Supervisor"),
                ("supervisor_kind", "external"),
                ("date", &date),
                ("start", "16:00"),
                ("end", "18:00"),
                ("location", "Et sted"),
                ("capacity", "8"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "supervision");
}

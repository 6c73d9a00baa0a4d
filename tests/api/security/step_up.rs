use brobyg::domain::Role;
use reqwest::StatusCode;
use reqwest::header::REFERER;

use crate::helpers::{PASSWORD, TestApp, location, spawn_app};

/// Makes every session's last proof older than the quarter of an hour that
/// sensitive actions accept.
fn age_proofs(app: &TestApp) {
    use brobyg::db::schema::login_sessions;
    use diesel::{ExpressionMethods, RunQueryDsl};
    let mut conn = app.db.conn().expect("connection");
    diesel::update(login_sessions::table)
        .set(
            login_sessions::proved_at
                .eq(chrono::Utc::now().naive_utc() - chrono::Duration::minutes(16)),
        )
        .execute(&mut conn)
        .expect("age proofs");
}

#[tokio::test]
async fn an_export_asks_for_the_password_again_after_a_quarter_of_an_hour() {
    let app = spawn_app().await;
    let branch = app.create_branch("Afdeling Eksport");
    let user = app.create_user("eksport@example.dk", &[Role::Coordinator], Some(branch));
    let browser = app.browser();
    browser.login(&user.email, PASSWORD).await;
    let csv = format!("/koordinator/afdelinger/{branch}/aktive.csv");
    assert_eq!(
        browser.get(&csv).await.status(),
        StatusCode::OK,
        "just proved"
    );

    age_proofs(&app);
    let response = browser.get(&csv).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let ask = location(&response);
    assert_eq!(
        ask,
        format!(
            "/konto/bekraeft-identitet?next=%2Fkoordinator%2Fafdelinger%2F{branch}%2Faktive.csv"
        )
    );
    browser.get_html(&ask).await;
    let wrong = browser
        .post_form(
            "/konto/bekraeft-identitet",
            &[("answer", "forkert"), ("next", &csv)],
        )
        .await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(browser.get(&csv).await.status(), StatusCode::SEE_OTHER);
    let right = browser
        .post_form(
            "/konto/bekraeft-identitet",
            &[("answer", PASSWORD), ("next", &csv)],
        )
        .await;
    assert_eq!(right.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&right), csv);
    assert_eq!(browser.get(&csv).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_role_change_with_an_old_proof_changes_nothing_until_proved_again() {
    let app = spawn_app().await;
    let (admin, _) = app.signed_in(Role::Admin).await;
    let target = app.create_user("rolle@example.dk", &[Role::Professional], None);
    let page = format!("/admin/brugere/{}", target.id);
    let html = admin.get_html(&page).await;
    age_proofs(&app);
    let csrf = crate::helpers::csrf_in(&html);
    let response = admin
        .client
        .post(admin.url(&format!("{page}/roller")))
        .header(REFERER, admin.url(&page))
        .form(&[("csrf", csrf.as_str()), ("admin", "on")])
        .send()
        .await
        .expect("POST");
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&response),
        format!(
            "/konto/bekraeft-identitet?next=%2Fadmin%2Fbrugere%2F{}",
            target.id
        )
    );
    let html = admin.get_html(&page).await;
    assert!(
        !html.contains(r#"name="admin" checked"#),
        "not an administrator yet"
    );

    admin
        .post_form(
            "/konto/bekraeft-identitet",
            &[("answer", PASSWORD), ("next", &page)],
        )
        .await;
    let response = admin
        .post_form(&format!("{page}/roller"), &[("admin", "on")])
        .await;
    assert_eq!(location(&response), page);
    assert!(
        admin
            .get_html(&page)
            .await
            .contains(r#"name="admin" checked"#)
    );
}

#[tokio::test]
async fn a_referer_from_another_site_is_not_followed_back() {
    let app = spawn_app().await;
    let (admin, _) = app.signed_in(Role::Admin).await;
    let target = app.create_user("fremmed@example.dk", &[Role::Professional], None);
    let page = format!("/admin/brugere/{}", target.id);
    let html = admin.get_html(&page).await;
    age_proofs(&app);
    let csrf = crate::helpers::csrf_in(&html);
    let response = admin
        .client
        .post(admin.url(&format!("{page}/roller")))
        .header(REFERER, "https://evil.example/admin/brugere/1")
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .expect("POST");
    assert_eq!(location(&response), "/konto/bekraeft-identitet?next=%2F");
}

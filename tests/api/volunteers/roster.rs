//! What activation unlocks for coordinators: the branch's roster of active
//! brobyggere as a page and a CSV file, and the branch's settings; and who
//! is refused on every brobygger route.

use brobyg::domain::Role;
use reqwest::StatusCode;

use crate::helpers::{PASSWORD, spawn_app, texts};

#[tokio::test]
async fn the_roster_lists_active_brobyggere_for_the_branchs_coordinators_only() {
    let app = spawn_app().await;
    let aarhus = app.create_branch("Aarhus");
    let odense = app.create_branch("Odense");
    let coordinator = app.create_user("k@example.dk", &[Role::Coordinator], Some(aarhus));
    app.qualified_volunteer("søren@example.dk", aarhus);
    app.qualified_volunteer("odense@example.dk", odense);
    super::support::accepted_volunteer(&app, "anna@example.dk", aarhus, coordinator.id);
    let staff = app.browser();
    staff.login(&coordinator.email, PASSWORD).await;

    let page = format!("/koordinator/afdelinger/{aarhus}/aktive");
    let html = staff.get_html(&page).await;
    let names = texts(&html, "#roster tbody td a");
    assert_eq!(
        names,
        vec!["Test søren@example.dk"],
        "only active, only Aarhus"
    );
    let response = staff.get(&format!("{page}.csv")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    let bytes = response.bytes().await.expect("body");
    let text = String::from_utf8(bytes[3..].to_vec()).expect("utf-8");
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "Navn;E-mail;Telefon;Uddannelse;Uddannelsessted;Aktiv siden;Tavshedserklæring (version)"
    );
    assert!(lines[1].starts_with(
        "Test søren@example.dk;søren@example.dk;20 30 40 50;Medicin;Aarhus Universitet;"
    ));
    assert!(lines[1].ends_with(";1"));
    assert_eq!(lines.len(), 3, "one row and the final line end");

    let (other, _) = app.signed_in(Role::Coordinator).await;
    let (volunteer, _) = app.signed_in(Role::Volunteer).await;
    let (professional, _) = app.signed_in(Role::Professional).await;
    for browser in [&other, &volunteer, &professional] {
        for path in [page.clone(), format!("{page}.csv")] {
            assert_eq!(
                browser.get(&path).await.status(),
                StatusCode::FORBIDDEN,
                "{path}"
            );
        }
    }
    assert_eq!(
        staff
            .get(&format!("/koordinator/afdelinger/{odense}/aktive.csv"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let (admin, _) = app.signed_in(Role::Admin).await;
    assert!(
        admin
            .get_html(&format!("/koordinator/afdelinger/{odense}/aktive"))
            .await
            .contains("odense@example.dk")
    );
}

#[tokio::test]
async fn every_brobygger_route_refuses_the_wrong_people() {
    let app = spawn_app().await;
    let aarhus = app.create_branch("Aarhus");
    let coordinator = app.create_user("k@example.dk", &[Role::Coordinator], Some(aarhus));
    let anna = super::support::accepted_volunteer(&app, "anna@example.dk", aarhus, coordinator.id);
    let staff = app.browser();
    staff.login(&coordinator.email, PASSWORD).await;
    let (other, _) = app.signed_in(Role::Coordinator).await;
    let (volunteer, other_volunteer) = app.signed_in(Role::Volunteer).await;
    let (professional, _) = app.signed_in(Role::Professional).await;
    let me = app.browser();
    me.login(&anna.email, PASSWORD).await;

    // Coordinator pages of Aarhus: its coordinators only.
    let coordinator_pages = [
        format!("/koordinator/afdelinger/{aarhus}/brobyggere"),
        format!("/koordinator/afdelinger/{aarhus}/indstillinger"),
        format!("/koordinator/afdelinger/{aarhus}/hold"),
        format!("/koordinator/brobyggere/{}", anna.id),
    ];
    for path in &coordinator_pages {
        assert_eq!(staff.get(path).await.status(), StatusCode::OK, "{path}");
        for browser in [&other, &volunteer, &professional, &me] {
            assert_eq!(
                browser.get(path).await.status(),
                StatusCode::FORBIDDEN,
                "{path}"
            );
        }
    }
    for action in ["aktiver", "pause", "tilbage", "alumne", "boerneattest"] {
        let path = format!("/koordinator/brobyggere/{}/{action}", anna.id);
        for browser in [&other, &me] {
            let response = browser
                .post_form(
                    &path,
                    &[("until", "2030-01-01"), ("checked_on", "2026-01-01")],
                )
                .await;
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "{action}");
        }
    }
    let response = other
        .post_form(
            &format!("/koordinator/afdelinger/{aarhus}/indstillinger"),
            &[("auto_activate", "on")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(
        !staff
            .get_html(&format!("/koordinator/afdelinger/{aarhus}/indstillinger"))
            .await
            .contains("checked"),
        "nothing changed"
    );
    let mut conn = app.db.conn().expect("connection");
    let status = brobyg::db::volunteers::find(&mut conn, anna.id)
        .expect("query")
        .expect("volunteer")
        .status;
    assert_eq!(status, "approved", "untouched");

    // A volunteer's own pages: volunteers only; each sees their own.
    for path in [
        "/frivillig",
        "/frivillig/tavshedserklaering",
        "/frivillig/aktiv",
    ] {
        for browser in [&staff, &professional] {
            assert_eq!(
                browser.get(path).await.status(),
                StatusCode::FORBIDDEN,
                "{path}"
            );
        }
    }
    assert_eq!(
        professional.get("/frivillig/materiale").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        staff.get("/frivillig/materiale").await.status(),
        StatusCode::OK,
        "staff teach it"
    );
    let own = me.get_html("/frivillig").await;
    assert!(!own.contains(&other_volunteer.email));
    for path in ["/admin/tavshedserklaering"] {
        for browser in [&staff, &me, &professional] {
            assert_eq!(
                browser.get(path).await.status(),
                StatusCode::FORBIDDEN,
                "{path}"
            );
        }
    }
    let anonymous = app.browser();
    for path in [
        "/frivillig",
        "/frivillig/materiale",
        "/koordinator/brobyggere/1",
    ] {
        assert_eq!(
            anonymous.get(path).await.status(),
            StatusCode::SEE_OTHER,
            "{path}"
        );
    }
    assert_eq!(
        anonymous.get("/bliv-brobygger").await.status(),
        StatusCode::OK
    );
}

//! The pipeline reads each volunteer's readiness as stored (course minutes,
//! nothing unmet, until when), worked out in the same transaction as every
//! change to what the gate reads. After each kind of change, over HTTP, the
//! stored answer is the gate's live one and the pipeline lists the
//! volunteer where the gate would.

use brobyg::domain::Role;
use reqwest::StatusCode;

use super::support::{
    accepted_volunteer, assert_stored_readiness_is_live, complete_course, date_in,
};
use crate::helpers::{Browser, PASSWORD, TestApp, TestUser, spawn_app, texts};

/// Whether the pipeline of `branch` lists `who` as ready to activate, as
/// in training, or neither.
async fn listed(staff: &Browser, branch: i64, who: &TestUser) -> &'static str {
    let html = staff
        .get_html(&format!("/koordinator/afdelinger/{branch}/brobyggere"))
        .await;
    let name = format!("Test {}", who.email);
    let training = texts(
        &html,
        "section[aria-labelledby=training] tbody td:first-child a",
    );
    match (
        texts(&html, "#ready-list a").contains(&name),
        training.contains(&name),
    ) {
        (true, false) => "ready",
        (false, true) => "training",
        (false, false) => "neither",
        (true, true) => "both",
    }
}

/// The course minutes stored for the pipeline.
fn stored_minutes(app: &TestApp, user_id: i64) -> i32 {
    use brobyg::db::schema::volunteers;
    use diesel::prelude::*;
    let mut conn = app.db.conn().expect("connection");
    volunteers::table
        .find(user_id)
        .select(volunteers::done_minutes)
        .first(&mut conn)
        .expect("stored")
}

#[tokio::test]
async fn the_stored_readiness_follows_every_change_the_gate_reads() {
    let app = spawn_app().await;
    let aarhus = app.create_branch("Aarhus");
    let randers = app.create_branch("Randers");
    let coordinator = app.create_user("k@example.dk", &[Role::Coordinator], Some(aarhus));
    let k_randers = app.create_user("k-r@example.dk", &[Role::Coordinator], Some(randers));
    let staff = app.browser();
    staff.login(&coordinator.email, PASSWORD).await;
    let staff_randers = app.browser();
    staff_randers.login(&k_randers.email, PASSWORD).await;
    let (admin, _) = app.signed_in(Role::Admin).await;
    let anna = accepted_volunteer(&app, "anna@example.dk", aarhus, coordinator.id);
    assert_stored_readiness_is_live(&app, anna.id);
    assert_eq!(listed(&staff, aarhus, &anna).await, "training");

    // Attendance: the whole course.
    complete_course(&app, &staff, &anna, aarhus, false).await;
    assert_stored_readiness_is_live(&app, anna.id);
    let html = staff
        .get_html(&format!("/koordinator/afdelinger/{aarhus}/brobyggere"))
        .await;
    assert!(
        texts(&html, "section[aria-labelledby=training] tbody tr")
            .iter()
            .any(|row| row.contains("Test anna@example.dk") && row.contains("20")),
        "the hours are read from the stored minutes"
    );
    assert_eq!(listed(&staff, aarhus, &anna).await, "training");

    // The declaration, signed.
    let me = app.browser();
    me.login(&anna.email, PASSWORD).await;
    let response = me
        .post_form(
            "/frivillig/tavshedserklaering",
            &[("name", "Test anna@example.dk"), ("confirm", "yes")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_stored_readiness_is_live(&app, anna.id);
    assert_eq!(listed(&staff, aarhus, &anna).await, "ready");

    // The branch starts requiring a børneattest: no grace in training.
    let response = staff
        .post_form(
            &format!("/koordinator/afdelinger/{aarhus}/indstillinger"),
            &[
                ("child_certificate", "on"),
                ("supervision_window_months", "6"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_stored_readiness_is_live(&app, anna.id);
    assert_eq!(listed(&staff, aarhus, &anna).await, "training");

    // Moved to a branch that does not require one: ready there.
    let response = staff
        .post_form(
            &format!("/koordinator/brobyggere/{}/flyt", anna.id),
            &[("branch", &randers.to_string())],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_stored_readiness_is_live(&app, anna.id);
    assert_eq!(listed(&staff_randers, randers, &anna).await, "ready");
    // And back: not ready again until the check is recorded.
    let response = staff_randers
        .post_form(
            &format!("/koordinator/brobyggere/{}/flyt", anna.id),
            &[("branch", &aarhus.to_string())],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_stored_readiness_is_live(&app, anna.id);
    assert_eq!(listed(&staff, aarhus, &anna).await, "training");

    // The børneattest, recorded by the coordinator.
    let response = staff
        .post_form(
            &format!("/koordinator/brobyggere/{}/boerneattest", anna.id),
            &[("checked_on", &date_in(0))],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_stored_readiness_is_live(&app, anna.id);
    assert_eq!(listed(&staff, aarhus, &anna).await, "ready");

    // A module takes longer now: being present completed it whatever its
    // hours, so the hours done rise with it (the stored minutes too).
    let material = brobyg::content::preparation::load().expect("material");
    let first = &material.modules()[0];
    let module = format!("/admin/forberedelseskursus/{}", first.module.id);
    let edit = |hours: &'static str| {
        vec![
            ("title", first.module.title.clone()),
            ("hours", hours.to_string()),
            ("body", first.markdown.clone()),
            ("action", "save".to_string()),
        ]
    };
    let post = |fields: Vec<(&'static str, String)>| {
        let admin = &admin;
        let module = module.clone();
        async move {
            let borrowed: Vec<(&str, &str)> =
                fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            admin.post_form(&module, &borrowed).await
        }
    };
    assert_eq!(post(edit("3")).await.status(), StatusCode::SEE_OTHER);
    assert_stored_readiness_is_live(&app, anna.id);
    assert_eq!(stored_minutes(&app, anna.id), 21 * 60);
    assert_eq!(listed(&staff, aarhus, &anna).await, "ready");
    assert_eq!(post(edit("2")).await.status(), StatusCode::SEE_OTHER);
    assert_stored_readiness_is_live(&app, anna.id);
    assert_eq!(stored_minutes(&app, anna.id), 20 * 60);
    assert_eq!(listed(&staff, aarhus, &anna).await, "ready");

    // A new declaration version, required of everyone.
    let response = admin
        .post_form(
            "/admin/tavshedserklaering/ny",
            &[
                ("title", "Tavshedserklæring 2027"),
                ("body", "Ny tekst om **fortrolighed**."),
                ("require", "on"),
                ("deadline", &date_in(20)),
                ("action", "publish"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_stored_readiness_is_live(&app, anna.id);
    assert_eq!(listed(&staff, aarhus, &anna).await, "training");

    // Activated: out of the pipeline's lists.
    me.post_form(
        "/frivillig/tavshedserklaering",
        &[("name", "Test anna@example.dk"), ("confirm", "yes")],
    )
    .await;
    assert_eq!(listed(&staff, aarhus, &anna).await, "ready");
    let response = staff
        .post_form(&format!("/koordinator/brobyggere/{}/aktiver", anna.id), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(listed(&staff, aarhus, &anna).await, "neither");
}

/// A cohort's meetings are its attendees' course hours: removing one, or
/// cancelling the cohort, changes what is stored for everyone who attended.
#[tokio::test]
async fn the_stored_readiness_follows_a_cohorts_meetings() {
    use super::support::{cohort, has_happened, meetings, register};
    let app = spawn_app().await;
    let aarhus = app.create_branch("Aarhus");
    let coordinator = app.create_user("k@example.dk", &[Role::Coordinator], Some(aarhus));
    let staff = app.browser();
    staff.login(&coordinator.email, PASSWORD).await;
    let bo = accepted_volunteer(&app, "bo@example.dk", aarhus, coordinator.id);
    let c = cohort(
        &app,
        aarhus,
        "Kurset",
        &[(3, 10, &[1, 2, 3, 4, 5]), (4, 10, &[6, 7, 8, 9, 10])],
    );
    app.enrol(c, bo.id);
    has_happened(&app, c);
    let ids = meetings(&app, c);
    for m in &ids {
        let response = register(&staff, c, *m, &[(bo.id, "present", "")]).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
    }
    assert_stored_readiness_is_live(&app, bo.id);

    let response = staff
        .post_form(
            &format!("/koordinator/hold/{c}/moeder/{}/fjern", ids[1]),
            &[],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_stored_readiness_is_live(&app, bo.id);

    let response = staff
        .post_form(&format!("/koordinator/hold/{c}/aflys"), &[("reason", "")])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_stored_readiness_is_live(&app, bo.id);
}

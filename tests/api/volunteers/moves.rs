//! Moving a volunteer to another branch (a student moves city): their
//! history, hours, declaration and supervision go with them, both
//! branches' coordinators are told, and only a coordinator of the
//! volunteer's branch may do it.

use brobyg::domain::Role;
use brobyg::domain::attendance::AttendanceStatus;
use brobyg::domain::events::Message;
use brobyg::domain::session::SessionKind;
use reqwest::StatusCode;

use super::support::status_tag;
use crate::helpers::{PASSWORD, TestApp, location, spawn_app, texts};
use crate::supervision::support::{
    activated_days_ago, held_supervision, overview_rows, signed_in, standing_on_page,
};

fn branch_of(app: &TestApp, user: i64) -> i64 {
    let mut conn = app.db.conn().expect("connection");
    brobyg::db::volunteers::find(&mut conn, user)
        .expect("query")
        .expect("volunteer")
        .branch_id
}

#[tokio::test]
async fn a_moved_active_volunteer_keeps_their_standing_and_both_branches_are_told() {
    let app = spawn_app().await;
    let aarhus = app.create_branch("Aarhus");
    let randers = app.create_branch("Randers");
    let k_aarhus = app.create_user("k-aarhus@example.dk", &[Role::Coordinator], Some(aarhus));
    let k_randers = app.create_user("k-randers@example.dk", &[Role::Coordinator], Some(randers));
    let sofie = app.qualified_volunteer("sofie@example.dk", aarhus);
    // Active for half a year, with supervision three weeks ago: without
    // that supervision she would be overdue (the window is 3 months).
    activated_days_ago(&app, sofie.id, 180);
    held_supervision(&app, aarhus, 21, &[(sofie.id, AttendanceStatus::Present)]);
    // Booked on next month's supervision in Aarhus.
    let coming = app.create_session(SessionKind::Supervision, Some(aarhus), Some(10), 30);
    app.enrol(coming, sofie.id);

    let staff = app.browser();
    staff.login(&k_aarhus.email, PASSWORD).await;
    let path = format!("/koordinator/brobyggere/{}", sofie.id);
    let page = staff.get_html(&path).await;
    assert!(
        texts(&page, "#f-branch option").contains(&"Randers".to_string()),
        "the other branches are offered"
    );
    let response = staff
        .post_form(&format!("{path}/flyt"), &[("branch", &randers.to_string())])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), path);
    assert_eq!(branch_of(&app, sofie.id), randers);

    // Told: the volunteer, and the coordinators of both branches.
    let Message::BranchMoved { from, to, kept, .. } = app.last_message_to(&sofie.email) else {
        panic!("the volunteer is told");
    };
    assert_eq!((from.as_str(), to.as_str(), kept), ("Aarhus", "Randers", 1));
    for coordinator in [&k_aarhus, &k_randers] {
        let Message::VolunteerMoved {
            volunteer,
            from,
            to,
            ..
        } = app.last_message_to(&coordinator.email)
        else {
            panic!("{} is told", coordinator.email);
        };
        assert_eq!(volunteer, "Test sofie@example.dk");
        assert_eq!((from.as_str(), to.as_str()), ("Aarhus", "Randers"));
    }

    // Her new branch's coordinator has her, active, with the move and the
    // session she kept in Aarhus; the old branch's coordinator no longer.
    let randers_staff = app.browser();
    randers_staff.login(&k_randers.email, PASSWORD).await;
    let page = randers_staff.get_html(&path).await;
    assert_eq!(status_tag(&page), "Aktiv");
    assert_eq!(
        texts(&page, "#move-history li strong"),
        vec!["Flyttet fra Aarhus til Randers"]
    );
    assert_eq!(texts(&page, "#kept-sessions li").len(), 1);
    assert_eq!(staff.get(&path).await.status(), StatusCode::FORBIDDEN);

    // Each branch's list counts her where she is now (the counts are kept
    // beside the volunteers, not counted on each view).
    let active = |html: &str| texts(html, "#status-filter a[data-status=active]");
    let randers_list = randers_staff
        .get_html(&format!("/koordinator/afdelinger/{randers}"))
        .await;
    assert_eq!(active(&randers_list), vec!["Aktiv (1)"]);
    let aarhus_list = staff
        .get_html(&format!("/koordinator/afdelinger/{aarhus}"))
        .await;
    assert_eq!(
        active(&aarhus_list),
        Vec::<String>::new(),
        "nobody active left"
    );
    super::support::assert_volunteer_counts_are_live(&app);
    super::support::assert_pending_application_counts_are_live(&app);

    // Her supervision went with her: in good time on Randers' overview and
    // on her own page, and she may still do what active brobyggere do.
    let overview = randers_staff
        .get_html(&format!(
            "/koordinator/supervision/oversigt?afdeling={randers}"
        ))
        .await;
    assert_eq!(
        overview_rows(&overview),
        vec![("Test sofie@example.dk".to_string(), "ok".to_string())]
    );
    let me = signed_in(&app, &sofie).await;
    let page = me.get_html("/supervision").await;
    assert_eq!(standing_on_page(&page), "I orden");
    let page = me.get_html("/frivillig").await;
    assert_eq!(status_tag(&page), "Aktiv");
    assert!(super::support::is_clear(&page), "nothing missing");
}

#[tokio::test]
async fn only_a_coordinator_of_the_volunteer_s_branch_moves_them() {
    let app = spawn_app().await;
    let aarhus = app.create_branch("Aarhus");
    let randers = app.create_branch("Randers");
    let odense = app.create_branch("Odense");
    let k_aarhus = app.create_user("k-aarhus@example.dk", &[Role::Coordinator], Some(aarhus));
    app.create_user("k-odense@example.dk", &[Role::Coordinator], Some(odense));
    // A coordinator of the branch they would move to has no say either.
    app.create_user("k-randers@example.dk", &[Role::Coordinator], Some(randers));
    let volunteer = app.create_user("v@example.dk", &[Role::Volunteer], Some(aarhus));
    let path = format!("/koordinator/brobyggere/{}/flyt", volunteer.id);
    let target = randers.to_string();

    for email in ["k-odense@example.dk", "k-randers@example.dk"] {
        let other = app.browser();
        other.login(email, PASSWORD).await;
        let response = other.post_form(&path, &[("branch", &target)]).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{email}");
        // Nor with a form that does not parse.
        let response = other.post_form(&path, &[("branch", "Randers")]).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{email}");
    }
    let me = app.browser();
    me.login(&volunteer.email, PASSWORD).await;
    let response = me.post_form(&path, &[("branch", &target)]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN, "the volunteer");
    assert_eq!(branch_of(&app, volunteer.id), aarhus, "not moved");

    // Their own coordinator: a branch that is not one is a mistake on the
    // form, their own branch is refused with the reason.
    let staff = app.browser();
    staff.login(&k_aarhus.email, PASSWORD).await;
    let response = staff.post_form(&path, &[("branch", "")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(
        texts(&html, "#f-branch-error"),
        vec!["Vælg den afdeling, brobyggeren flytter til."]
    );
    let response = staff
        .post_form(&path, &[("branch", &aarhus.to_string())])
        .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let html = response.text().await.expect("body");
    assert_eq!(
        texts(&html, "#f-branch-error"),
        vec!["Brobyggeren er allerede i den afdeling."]
    );
    let response = staff.post_form(&path, &[("branch", "999999")]).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(branch_of(&app, volunteer.id), aarhus, "not moved");
}

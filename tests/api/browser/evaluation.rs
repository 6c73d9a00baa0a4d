//! A course evaluation as a participant answers it (phone and desktop,
//! mouse and keyboard, axe-core on every page) and as the coordinator reads
//! the results.

use brobyg::domain::Role;
use brobyg::domain::attendance::AttendanceStatus;

use super::harness::{Tab, button, css};
use super::steps::log_in;
use crate::genlaer::{course, session};
use crate::helpers::TestApp;

pub async fn participant_evaluates_a_held_course(app: &TestApp, tab: &mut Tab) {
    let aarhus = app.create_branch("Aarhus");
    let staff = app.create_user("k@example.dk", &[Role::Coordinator], Some(aarhus));
    let c = course(app, "traumebevidst-praksis", "Traumebevidst praksis", None);
    let s = session(app, c, Some(aarhus), Some(12), -2, None);
    let me = app.create_user("sygeplejerske@example.dk", &[Role::Professional], None);
    app.enrol(s, me.id);
    let token = {
        let mut conn = app.db.conn().expect("connection");
        let m = brobyg::db::sessions::meetings(&mut conn, s).expect("meetings")[0].clone();
        brobyg::db::attendance::record(
            &mut conn,
            m.id,
            me.id,
            AttendanceStatus::Present,
            m.minutes(),
            staff.id,
        )
        .expect("attendance");
        brobyg::db::sessions::mark_held(&mut conn, s).expect("held");
        brobyg::app::evaluations::invite_attendees(&mut conn, s)
            .expect("links")
            .pop()
            .expect("a link")
            .1
    };

    tab.open(&format!("/evaluering/{token}")).await;
    tab.screenshot("evaluation-form").await;
    // Sent without a choice for the first question.
    tab.tick(css("#f-teachers-5")).await;
    tab.tick(css("#f-transfer-3")).await;
    tab.follow(button("Send evaluering")).await;
    assert_eq!(tab.focused().await, "error-summary", "focus on the summary");
    tab.screenshot("evaluation-errors").await;
    tab.tick(css("#f-relevance-4")).await;
    tab.fill(css("#f-comment"), "Gode cases fra praksis.").await;
    tab.follow(button("Send evaluering")).await;
    tab.see(css("h1"), "Tak for din evaluering").await;
    tab.screenshot("evaluation-thanks").await;

    log_in(tab, &staff.email).await;
    tab.open(&format!("/koordinator/genlaer/hold/{s}/evaluering"))
        .await;
    tab.see(css("#evaluation-response"), "1 svar af 1 inviterede")
        .await;
    tab.see(css("#comments"), "Gode cases fra praksis.").await;
    tab.screenshot("evaluation-results").await;
    tab.open(&format!("/koordinator/genlaer/kurser/{c}/evaluering"))
        .await;
    tab.screenshot("evaluation-course").await;
}

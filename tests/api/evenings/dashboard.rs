//! The branch dashboard: the numbers that matter and the charts.

use brobyg::db::sessions;
use brobyg::domain::Role;
use brobyg::domain::session::SessionKind;
use diesel::prelude::*;

use super::{answer, branch, evening_fields, log_in, plan};
use crate::helpers::texts;

fn set_status(app: &crate::helpers::TestApp, user: i64, status: &str) {
    use brobyg::db::schema::volunteers;
    let mut conn = app.db.conn().expect("connection");
    diesel::update(volunteers::table.find(user))
        .set(volunteers::status.eq(status))
        .execute(&mut conn)
        .expect("status");
}

#[tokio::test]
async fn the_dashboard_counts_volunteers_and_evenings() {
    let b = branch().await;
    let mut people = Vec::new();
    for (i, status) in ["applicant", "applicant", "in_training", "paused"]
        .iter()
        .enumerate()
    {
        let u = b
            .app
            .create_user(&format!("v{i}@example.dk"), &[Role::Volunteer], Some(b.id));
        set_status(&b.app, u.id, status);
        people.push(u);
    }
    let sara = b.app.qualified_volunteer("sara@example.dk", b.id);
    let nadia = b.app.qualified_volunteer("nadia@example.dk", b.id);
    // Another branch's volunteers count there, not here.
    let randers = b.app.create_branch("Randers");
    b.app.qualified_volunteer("randers@example.dk", randers);

    // An evening held this year: two said yes, one came.
    let evening = plan(&b.staff, &evening_fields(b.id, "")).await;
    for v in [&sara, &nadia] {
        answer(&log_in(&b.app, v).await, evening, "yes").await;
    }
    {
        use brobyg::db::schema::meetings;
        let mut conn = b.app.db.conn().expect("connection");
        // Moved to the start of this year, then held.
        let at = brobyg::db::now() - chrono::Duration::minutes(10);
        diesel::update(meetings::table.filter(meetings::session_id.eq(evening)))
            .set((
                meetings::starts_at.eq(at - chrono::Duration::hours(2)),
                meetings::ends_at.eq(at),
            ))
            .execute(&mut conn)
            .expect("move");
        sessions::refresh_span(&mut conn, evening).expect("the session's span");
    }
    // Held and attendance registered on the generic session pages.
    let r = b
        .staff
        .post_form(&format!("/koordinator/hold/{evening}/afholdt"), &[])
        .await;
    assert_eq!(r.status(), reqwest::StatusCode::SEE_OTHER);
    let meeting = {
        let mut conn = b.app.db.conn().expect("connection");
        sessions::meetings(&mut conn, evening).expect("meetings")[0].id
    };
    let (s_sara, s_nadia) = (
        format!("status-{}", sara.id),
        format!("status-{}", nadia.id),
    );
    let r = b
        .staff
        .post_form(
            &format!("/koordinator/hold/{evening}/moeder/{meeting}/fremmoede"),
            &[(s_sara.as_str(), "present"), (s_nadia.as_str(), "absent")],
        )
        .await;
    assert_eq!(r.status(), reqwest::StatusCode::SEE_OTHER);
    // A planned one, and a cancelled one that does not count.
    plan(&b.staff, &evening_fields(b.id, "")).await;
    let cancelled = b
        .app
        .create_session(SessionKind::Evening, Some(b.id), None, 20);
    {
        let mut conn = b.app.db.conn().expect("connection");
        brobyg::app::engine::cancel_session(&mut conn, cancelled, None, b.coordinator.id)
            .expect("cancel");
    }

    let html = b
        .staff
        .get_html(&format!("/koordinator/afdelinger/{}/oversigt", b.id))
        .await;
    let figure = |css: &str| texts(&html, &format!("{css} dt"));
    assert_eq!(
        figure("#volunteer-numbers [data-status=applicant]"),
        vec!["2"]
    );
    assert_eq!(
        figure("#volunteer-numbers [data-status=in_training]"),
        vec!["1"]
    );
    assert_eq!(figure("#volunteer-numbers [data-status=active]"), vec!["2"]);
    assert_eq!(figure("#volunteer-numbers [data-status=paused]"), vec!["1"]);
    assert_eq!(figure("#evening-numbers [data-figure=held]"), vec!["1"]);
    assert_eq!(figure("#evening-numbers [data-figure=planned]"), vec!["1"]);
    assert_eq!(figure("#evening-numbers [data-figure=present]"), vec!["1"]);
    assert_eq!(figure("#evening-numbers [data-figure=rate]"), vec!["50 %"]);
    // The charts are tables drawn by the site, with a caption and their
    // numbers in text; the held evening is labelled in full.
    assert_eq!(texts(&html, "table.chart-table").len(), 6);
    assert!(!html.contains("<figure"));
    assert_eq!(
        texts(&html, "#chart-statuses caption"),
        vec!["Brobyggere efter status"]
    );
    assert_eq!(
        texts(&html, "#chart-evenings thead th"),
        vec!["Aften", "tilmeldt", "mødt"]
    );
    let evening_rows = texts(&html, "#chart-evenings tbody th");
    assert_eq!(evening_rows.len(), 1);
    assert!(
        evening_rows[0].ends_with("Brobyggeraften: Tolkning"),
        "{evening_rows:?}"
    );
    assert_eq!(texts(&html, "#chart-evenings tbody td"), vec!["2", "1"]);
    assert!(!html.contains("<script"));
    // Supervision: both active brobyggere became active today, so both are
    // within the rule; the paused one is exempt.
    let standing = |s: &str| figure(&format!("#supervision-numbers [data-standing={s}]"));
    assert_eq!(standing("ok"), vec!["2"]);
    assert_eq!(standing("paused"), vec!["1"]);
}

//! The rolling window on stored records: the last supervision attended (or
//! activation), the branch's window, and days on pause that do not count.

use brobyg::domain::attendance::AttendanceStatus;
use chrono::Months;
use reqwest::StatusCode;

use super::support::{
    activated_days_ago, branch, held_supervision, local_day, overview_rows, paused, signed_in,
    standing_on_page,
};
use crate::helpers::texts;

/// Days from today to the date `months` after the day `days_ago`.
fn days_left(days_ago: i64, months: u32) -> i64 {
    let due = local_day(days_ago)
        .checked_add_months(Months::new(months))
        .expect("date");
    (due - local_day(0)).num_days()
}

#[tokio::test]
async fn overdue_come_first_and_a_pause_moves_the_due_date() {
    let b = branch().await;
    let app = &b.app;
    // Attended 100 days ago: a three-month window has run out.
    let late = app.qualified_volunteer("anna@example.dk", b.id);
    // Attended on the same day, but paused for 20 days since.
    let rested = app.qualified_volunteer("bo@example.dk", b.id);
    // Became active ten days ago and has not had supervision yet.
    let new = app.qualified_volunteer("cecilie@example.dk", b.id);
    // On pause now, long since supervised: exempt.
    let away = app.qualified_volunteer("dorte@example.dk", b.id);
    for u in [&late, &rested, &away] {
        activated_days_ago(app, u.id, 400);
    }
    activated_days_ago(app, new.id, 10);
    held_supervision(
        app,
        b.id,
        100,
        &[
            (late.id, AttendanceStatus::Present),
            (rested.id, AttendanceStatus::Partial),
            (away.id, AttendanceStatus::Present),
        ],
    );
    // Absent does not count as attended.
    held_supervision(app, b.id, 30, &[(late.id, AttendanceStatus::Absent)]);
    paused(app, rested.id, 60, Some(40));
    paused(app, away.id, 20, None);

    let expected_late = days_left(100, 3);
    assert!(expected_late < 0, "the three months have passed");
    assert!(
        (0..=14).contains(&(expected_late + 20)),
        "20 days of pause make it due soon"
    );

    let html = b
        .staff
        .get_html(&format!(
            "/koordinator/supervision/oversigt?afdeling={}",
            b.id
        ))
        .await;
    let rows = overview_rows(&html);
    let names: Vec<&str> = rows.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "Test anna@example.dk",
            "Test bo@example.dk",
            "Test cecilie@example.dk",
            "Test dorte@example.dk"
        ],
        "overdue first, then by days left, those on pause last"
    );
    let standings: Vec<&str> = rows.iter().map(|(_, s)| s.as_str()).collect();
    assert_eq!(standings, vec!["overdue", "due_soon", "ok", "paused"]);
    assert!(
        html.contains(&format!("{} dage over", -expected_late)),
        "days overdue are shown"
    );
    assert!(
        html.contains(&format!("{} dage tilbage", expected_late + 20)),
        "the pause pushed the date back by its 20 days"
    );

    // Filtered to the overdue, and the same as CSV.
    let only = b
        .staff
        .get_html(&format!(
            "/koordinator/supervision/oversigt?afdeling={}&vis=overdue",
            b.id
        ))
        .await;
    assert_eq!(overview_rows(&only).len(), 1);
    let csv = b
        .staff
        .get(&format!(
            "/koordinator/supervision/oversigt.csv?afdeling={}&vis=overdue",
            b.id
        ))
        .await;
    assert_eq!(csv.status(), StatusCode::OK);
    let body = csv.text().await.expect("body");
    assert!(body.contains("anna@example.dk"));
    assert!(!body.contains("bo@example.dk"));
    assert!(body.contains("Overskredet"));

    // The volunteer sees the same on their own page.
    let anna = signed_in(app, &late).await;
    let page = anna.get_html("/supervision").await;
    assert_eq!(standing_on_page(&page), "Overskredet");
    let dorte = signed_in(app, &away).await;
    assert_eq!(
        standing_on_page(&dorte.get_html("/supervision").await),
        "Pause (undtaget)"
    );
}

#[tokio::test]
async fn the_window_is_a_branch_setting() {
    let b = branch().await;
    let app = &b.app;
    let anna = app.qualified_volunteer("anna@example.dk", b.id);
    activated_days_ago(app, anna.id, 400);
    held_supervision(app, b.id, 100, &[(anna.id, AttendanceStatus::Present)]);
    let overview = format!("/koordinator/supervision/oversigt?afdeling={}", b.id);
    let settings = format!("/koordinator/afdelinger/{}/indstillinger", b.id);
    assert_eq!(
        overview_rows(&b.staff.get_html(&overview).await)[0].1,
        "overdue"
    );

    // A mistake is shown beside the field, with what was typed, and
    // nothing changes.
    let response = b
        .staff
        .post_form(
            &settings,
            &[("auto_activate", "on"), ("supervision_window_months", "0")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(
        texts(&html, "#f-supervision_window_months-error"),
        vec!["Skriv et helt antal måneder fra 1 til 24."]
    );
    assert!(html.contains(r#"value="0""#));
    assert!(!b.staff.get_html(&settings).await.contains("checked"));

    let response = b
        .staff
        .post_form(&settings, &[("supervision_window_months", "6")])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(b.staff.get_html(&settings).await.contains(r#"value="6""#));
    let html = b.staff.get_html(&overview).await;
    assert_eq!(
        overview_rows(&html)[0].1,
        "ok",
        "six months have not passed"
    );
    assert!(html.contains("inden for 6 måneder"));
    // A page without rows reads the window itself (the rows carry it).
    let html = b.staff.get_html(&format!("{overview}&vis=overdue")).await;
    assert!(overview_rows(&html).is_empty());
    assert!(html.contains("inden for 6 måneder"));
    // Saving the other settings keeps the window.
    b.staff
        .post_form(&settings, &[("child_certificate", "on")])
        .await;
    assert!(b.staff.get_html(&settings).await.contains(r#"value="6""#));
}

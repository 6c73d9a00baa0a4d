//! The branch dashboard's supervision figures follow the overview's rule.

use brobyg::domain::attendance::AttendanceStatus;
use reqwest::StatusCode;

use super::support::{activated_days_ago, branch, held_supervision, paused, signed_in};
use crate::helpers::texts;

#[tokio::test]
async fn the_dashboard_counts_brobyggere_by_supervision_standing() {
    let b = branch().await;
    let app = &b.app;
    // Last supervised 200 days ago: overdue.
    let late = app.qualified_volunteer("anna@example.dk", b.id);
    // Supervised ten days ago: fine.
    let fine = app.qualified_volunteer("bo@example.dk", b.id);
    // Long since supervised but on pause: exempt.
    let away = app.qualified_volunteer("dorte@example.dk", b.id);
    for u in [&late, &fine, &away] {
        activated_days_ago(app, u.id, 400);
    }
    held_supervision(
        app,
        b.id,
        200,
        &[
            (late.id, AttendanceStatus::Present),
            (away.id, AttendanceStatus::Present),
        ],
    );
    held_supervision(app, b.id, 10, &[(fine.id, AttendanceStatus::Present)]);
    paused(app, away.id, 20, None);
    // Another branch's overdue brobygger counts there, not here.
    let randers = app.create_branch("Randers");
    let other = app.qualified_volunteer("randers@example.dk", randers);
    activated_days_ago(app, other.id, 400);

    let html = b
        .staff
        .get_html(&format!("/koordinator/afdelinger/{}/oversigt", b.id))
        .await;
    let figure = |s: &str| {
        texts(
            &html,
            &format!("#supervision-numbers [data-standing={s}] dt"),
        )
    };
    assert_eq!(figure("ok"), vec!["1"]);
    assert_eq!(figure("due_soon"), vec!["0"]);
    assert_eq!(figure("overdue"), vec!["1"]);
    assert_eq!(figure("paused"), vec!["1"]);
    // One of the two active brobyggere is within the rule.
    assert_eq!(figure("within"), vec!["50 %"]);
    assert_eq!(
        texts(&html, "#chart-supervision tbody th"),
        vec!["Overskredet", "Snart tid", "I orden", "Pause (undtaget)"]
    );
    assert_eq!(
        texts(&html, "#chart-supervision tbody td"),
        vec!["1", "0", "1", "1"]
    );
    let overview = format!("/koordinator/supervision/oversigt?afdeling={}", b.id);
    assert!(
        html.contains(&format!("href=\"{overview}\"")),
        "links to the overview"
    );
    // The overview agrees.
    let rows = super::support::overview_rows(&b.staff.get_html(&overview).await);
    let standings: Vec<&str> = rows.iter().map(|(_, s)| s.as_str()).collect();
    assert_eq!(standings, vec!["overdue", "ok", "paused"]);

    // Volunteers and coordinators of other branches are refused.
    let r = signed_in(app, &fine)
        .await
        .get(&format!("/koordinator/afdelinger/{}/oversigt", b.id))
        .await;
    assert_ne!(r.status(), StatusCode::OK);
}

/// Years of history: the agenda shows the latest 20 past meetings, newest
/// first, and what is coming.
#[tokio::test]
async fn the_agenda_shows_the_latest_past_meetings_newest_first() {
    use brobyg::domain::attendance::AttendanceStatus;
    let b = super::support::branch().await;
    let app = &b.app;
    let me = app.qualified_volunteer("lang.historik@example.dk", b.id);
    for days_ago in 1..=25 {
        super::support::held_supervision(
            app,
            b.id,
            days_ago * 7,
            &[(me.id, AttendanceStatus::Present)],
        );
    }
    let browser = super::support::signed_in(app, &me).await;
    let html = browser.get_html("/frivillig").await;
    let past = crate::helpers::texts(&html, "#agenda-past li");
    assert_eq!(past.len(), 20, "the latest 20: {past:?}");
    let day = |days_ago| {
        brobyg::i18n::format::short_date(brobyg::domain::Lang::Da, super::support::ago(days_ago))
    };
    assert!(past[0].starts_with(&day(7)), "newest first: {past:?}");
    assert!(
        !past.iter().any(|l| l.starts_with(&day(175))),
        "the oldest left out: {past:?}"
    );
}

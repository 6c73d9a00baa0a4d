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

//! The mail worker's pass reminds volunteers before they become overdue and
//! tells them when they are, once per due date, however many passes (or
//! instances) run.

use brobyg::domain::attendance::AttendanceStatus;
use brobyg::domain::events::Message;

use super::support::{activated_days_ago, branch, held_supervision, paused};

fn notices(app: &crate::helpers::TestApp) -> Vec<(String, String)> {
    app.outbox()
        .into_iter()
        .filter(|r| r.kind.starts_with("supervision_"))
        .map(|r| (r.to_email, r.kind))
        .collect()
}

#[tokio::test]
async fn due_soon_and_overdue_are_sent_once() {
    let b = branch().await;
    let app = &b.app;
    let late = app.qualified_volunteer("late@example.dk", b.id);
    let soon = app.qualified_volunteer("soon@example.dk", b.id);
    let fine = app.qualified_volunteer("fine@example.dk", b.id);
    let away = app.qualified_volunteer("away@example.dk", b.id);
    for u in [&late, &soon, &fine, &away] {
        activated_days_ago(app, u.id, 400);
    }
    held_supervision(app, b.id, 100, &[(late.id, AttendanceStatus::Present)]);
    held_supervision(app, b.id, 85, &[(soon.id, AttendanceStatus::Present)]);
    held_supervision(app, b.id, 20, &[(fine.id, AttendanceStatus::Present)]);
    held_supervision(app, b.id, 100, &[(away.id, AttendanceStatus::Present)]);
    paused(app, away.id, 10, None);

    let mailer = app.mailer();
    let pass = app.deliver(&mailer).await;
    assert_eq!(pass.supervision, 2);
    let mut sent = notices(app);
    sent.sort();
    assert_eq!(
        sent,
        vec![
            (
                "late@example.dk".to_string(),
                "supervision_overdue".to_string()
            ),
            (
                "soon@example.dk".to_string(),
                "supervision_due_soon".to_string()
            ),
        ]
    );
    match app.last_message_to("late@example.dk") {
        Message::SupervisionOverdue { link, .. } => assert!(link.ends_with("/supervision")),
        other => panic!("expected the overdue notice, got {other:?}"),
    }

    // Another pass, and another instance's pass: nothing new.
    assert_eq!(app.deliver(&mailer).await.supervision, 0);
    let mut conn = app.db.conn().expect("connection");
    assert_eq!(
        brobyg::app::supervision::notices::enqueue(&mut conn, brobyg::db::now()).expect("pass"),
        0
    );
    assert_eq!(notices(app).len(), 2);

    // Supervision attended: a new due date, and nothing is due now.
    held_supervision(app, b.id, 1, &[(late.id, AttendanceStatus::Present)]);
    assert_eq!(app.deliver(&mailer).await.supervision, 0);
}

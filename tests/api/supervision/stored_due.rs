//! The overview sorts, filters and counts on each volunteer's stored due
//! date (`volunteers.supervision_due_on`), worked out in the same
//! transaction as every change to what the rule reads. After each kind of
//! change, over HTTP, the stored date is what the rule says, and the
//! overview counts the volunteer where the rule would.

use brobyg::db::DbConnection;
use brobyg::domain::Role;
use brobyg::domain::attendance::AttendanceStatus;
use reqwest::StatusCode;

use super::support::{held_supervision, overview_rows};
use crate::helpers::{PASSWORD, TestApp, texts};
use crate::volunteers::support::{accepted_volunteer, complete_course, date_in};

/// The stored due date is the rule's (for someone on pause: as it stood
/// when the pause began), and nobody outside active and paused keeps one.
fn assert_stored_due_is_live(app: &TestApp, user_id: i64) {
    use brobyg::db::schema::volunteers;
    use brobyg::db::supervision::{Whose, standings};
    use diesel::prelude::*;
    let mut pooled = app.db.conn().expect("connection");
    let conn: &mut DbConnection = &mut pooled;
    let stored: Option<chrono::NaiveDate> = volunteers::table
        .find(user_id)
        .select(volunteers::supervision_due_on)
        .first(conn)
        .expect("the volunteer's row");
    let live = standings(conn, Whose::These(&[user_id]), brobyg::db::now())
        .expect("standing")
        .pop();
    match live {
        Some(row) => {
            assert_eq!(
                stored,
                Some(row.stored_due),
                "the stored due date of {user_id}"
            );
            if !row.paused {
                assert_eq!(row.stored_due, row.due_date, "active: the date shown");
            }
        }
        None => assert_eq!(stored, None, "{user_id} is neither active nor paused"),
    }
}

/// The overview's count for a standing, as its filter shows it.
async fn counted(staff: &crate::helpers::Browser, branch: i64, label: &str) -> String {
    let html = staff
        .get_html(&format!(
            "/koordinator/supervision/oversigt?afdeling={branch}"
        ))
        .await;
    texts(&html, "#f-vis option")
        .into_iter()
        .find(|o| o.starts_with(label))
        .unwrap_or_default()
}

#[tokio::test]
async fn the_stored_due_date_follows_every_change_the_rule_reads() {
    let app = crate::helpers::spawn_app().await;
    let aarhus = app.create_branch("Aarhus");
    let randers = app.create_branch("Randers");
    let coordinator = app.create_user("k@example.dk", &[Role::Coordinator], Some(aarhus));
    app.create_user("k-r@example.dk", &[Role::Coordinator], Some(randers));
    let staff = app.browser();
    staff.login(&coordinator.email, PASSWORD).await;
    let anna = accepted_volunteer(&app, "anna@example.dk", aarhus, coordinator.id);
    complete_course(&app, &staff, &anna, aarhus, true).await;
    assert_stored_due_is_live(&app, anna.id);
    let person = format!("/koordinator/brobyggere/{}", anna.id);

    // Activated: the window starts.
    let response = staff.post_form(&format!("{person}/aktiver"), &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_stored_due_is_live(&app, anna.id);
    assert_eq!(counted(&staff, aarhus, "I orden").await, "I orden (1)");

    // Supervision attended long ago: overdue.
    held_supervision(&app, aarhus, 200, &[(anna.id, AttendanceStatus::Present)]);
    assert_stored_due_is_live(&app, anna.id);
    assert_eq!(
        counted(&staff, aarhus, "Overskredet").await,
        "Overskredet (1)"
    );
    let overview = format!("/koordinator/supervision/oversigt?afdeling={aarhus}");
    assert_eq!(
        overview_rows(&staff.get_html(&overview).await),
        vec![("Test anna@example.dk".to_string(), "overdue".to_string())]
    );

    // A longer window: due soon, then in good time.
    let settings = format!("/koordinator/afdelinger/{aarhus}/indstillinger");
    let response = staff
        .post_form(&settings, &[("supervision_window_months", "7")])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_stored_due_is_live(&app, anna.id);
    let response = staff
        .post_form(&settings, &[("supervision_window_months", "12")])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_stored_due_is_live(&app, anna.id);
    assert_eq!(counted(&staff, aarhus, "I orden").await, "I orden (1)");

    // On pause, and back.
    let response = staff
        .post_form(
            &format!("{person}/pause"),
            &[("until", &date_in(30)), ("reason", "Eksamen")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_stored_due_is_live(&app, anna.id);
    assert_eq!(
        counted(&staff, aarhus, "Pause").await,
        "Pause (undtaget) (1)"
    );
    assert_eq!(counted(&staff, aarhus, "I orden").await, "I orden (0)");
    let response = staff.post_form(&format!("{person}/tilbage"), &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_stored_due_is_live(&app, anna.id);
    assert_eq!(counted(&staff, aarhus, "I orden").await, "I orden (1)");

    // Supervision again, recently: the date moves on.
    held_supervision(&app, aarhus, 3, &[(anna.id, AttendanceStatus::Present)]);
    assert_stored_due_is_live(&app, anna.id);

    // A deactivated account leaves the counts, and comes back with it.
    let (admin, _) = app.signed_in(Role::Admin).await;
    let status = format!("/admin/brugere/{}/status", anna.id);
    let response = admin.post_form(&status, &[("active", "0")]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_stored_due_is_live(&app, anna.id);
    assert_eq!(counted(&staff, aarhus, "I orden").await, "I orden (0)");
    let response = admin.post_form(&status, &[("active", "1")]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_stored_due_is_live(&app, anna.id);
    assert_eq!(counted(&staff, aarhus, "I orden").await, "I orden (1)");

    // Moved to a branch with the default window of three months.
    let response = staff
        .post_form(
            &format!("{person}/flyt"),
            &[("branch", &randers.to_string())],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_stored_due_is_live(&app, anna.id);
    assert_eq!(counted(&staff, aarhus, "I orden").await, "I orden (0)");

    // Retired: no due date is kept.
    let k_randers = app.browser();
    k_randers.login("k-r@example.dk", PASSWORD).await;
    let response = k_randers.post_form(&format!("{person}/alumne"), &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_stored_due_is_live(&app, anna.id);
}

//! `brobyg generate`: the benchmark dataset. Run at the tiny scale on the
//! test database, so the generator cannot rot unnoticed: the numbers it
//! promises, counters that agree with the rows, no session over capacity,
//! and a site that works on the result.

use brobyg::generate::{self, Scale};
use diesel::prelude::*;
use reqwest::StatusCode;

use crate::helpers::spawn_app;

#[tokio::test]
async fn the_generated_dataset_is_consistent_and_usable() {
    let app = spawn_app().await;
    let summary = generate::run(&app.db, Scale::Tiny, 7).expect("generate");
    let size = Scale::Tiny.size();
    assert_eq!(summary.users, size.users as i64);
    let kinds: Vec<&str> = summary
        .sessions_by_kind
        .iter()
        .map(|(k, _)| k.as_str())
        .collect();
    assert_eq!(kinds, ["cohort", "evening", "genlaer", "supervision"]);
    assert!(summary.enrolments > 500, "{summary}");
    // Supervision and evenings carry their detail rows, so their pages
    // can show every generated session.
    for (kind, details) in [
        ("supervision", "supervision_details"),
        ("evening", "evening_details"),
    ] {
        let missing = app.scalar(&format!(
            "SELECT COUNT(*) AS n FROM sessions s WHERE s.kind = '{kind}' \
                 AND NOT EXISTS (SELECT 1 FROM {details} d WHERE d.session_id = s.id)"
        ));
        assert_eq!(missing, 0, "{kind} sessions without {details}");
    }
    assert!(summary.attendance > 500, "{summary}");
    assert_eq!(
        app.scalar("SELECT COUNT(*) AS n FROM enrolments"),
        summary.enrolments
    );

    // The engine's counters agree with the enrolments, and no session has
    // more confirmed seats than it has seats.
    let mismatched = app.scalar(
        "SELECT COUNT(*) AS n FROM sessions s WHERE \
         s.confirmed_count <> (SELECT COUNT(*) FROM enrolments e \
            WHERE e.session_id = s.id AND e.status = 'confirmed') \
         OR s.waitlist_count <> (SELECT COUNT(*) FROM enrolments e \
            WHERE e.session_id = s.id AND e.status = 'waitlisted')",
    );
    assert_eq!(mismatched, 0);
    let overbooked = app.scalar(
        "SELECT COUNT(*) AS n FROM sessions \
         WHERE capacity IS NOT NULL AND confirmed_count > capacity",
    );
    assert_eq!(overbooked, 0);
    // So do the counts of volunteers per branch and status.
    crate::volunteers::support::assert_volunteer_counts_are_live(&app);
    crate::volunteers::support::assert_pending_application_counts_are_live(&app);
    crate::brobygninger::assert_month_sums_are_live(&app);
    app.assert_attendance_kinds_are_copied();
    app.assert_enrolment_kinds_are_copied();
    // Somebody waits somewhere: the data has full sessions.
    assert!(
        app.scalar("SELECT CAST(COALESCE(SUM(waitlist_count), 0) AS BIGINT) AS n FROM sessions")
            > 0
    );
    // Attendance only for people with a seat.
    let stray = app.scalar(
        "SELECT COUNT(*) AS n FROM attendance a JOIN meetings m ON m.id = a.meeting_id \
         WHERE NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.session_id = m.session_id \
            AND e.user_id = a.user_id AND e.status = 'confirmed')",
    );
    assert_eq!(stray, 0);
    // A meeting is marked as registered exactly when it has attendance,
    // as registering it through the site would leave it (the start page's
    // "attendance missing" reads the mark).
    let marked_wrong = app.scalar(
        "SELECT COUNT(*) AS n FROM meetings m WHERE (m.attendance_recorded_at IS NULL) = \
            EXISTS (SELECT 1 FROM attendance a WHERE a.meeting_id = m.id)",
    );
    assert_eq!(marked_wrong, 0);
    assert!(
        app.scalar("SELECT COUNT(*) AS n FROM meetings WHERE attendance_recorded_at IS NOT NULL")
            > 0
    );

    // Every pause is still running, as the mail worker leaves a branch
    // (it ends each on its day), so the start page's "pauses ending"
    // lists what a real branch would, not years of pauses that are over.
    assert!(app.scalar("SELECT COUNT(*) AS n FROM volunteers WHERE status = 'paused'") > 0);
    let today = chrono::Utc::now().date_naive();
    let over = app.scalar(&format!(
        "SELECT COUNT(*) AS n FROM volunteers WHERE status = 'paused' \
         AND (pause_until IS NULL OR pause_until < '{today}')"
    ));
    assert_eq!(over, 0, "paused volunteers whose pause is over");

    // Brobygninger by trained brobyggere only, about four hours each, in
    // quarter hours.
    let brobygninger = app.scalar("SELECT COUNT(*) AS n FROM brobygninger");
    assert!(brobygninger > 0, "no brobygninger");
    let untrained = app.scalar(
        "SELECT COUNT(*) AS n FROM brobygninger b JOIN volunteers v ON v.user_id = b.user_id \
         WHERE v.status NOT IN ('active', 'paused', 'alumni')",
    );
    assert_eq!(untrained, 0);
    let odd = app.scalar(
        "SELECT COUNT(*) AS n FROM brobygninger WHERE minutes % 15 <> 0 \
         OR minutes < 180 OR minutes > 300",
    );
    assert_eq!(odd, 0);

    // The pipeline's stored readiness is filled in for everyone in
    // training, and is what the gate says live.
    {
        use brobyg::db::gate;
        use brobyg::db::schema::volunteers as v;
        let mut pooled = app.db.conn().expect("connection");
        let conn: &mut brobyg::db::DbConnection = &mut pooled;
        let curriculum = brobyg::app::site_content::curriculum(conn).expect("curriculum");
        let ids = gate::in_pipeline(conn, None).expect("in the pipeline");
        assert!(!ids.is_empty(), "somebody is in training");
        type Stored = (i64, i32, bool, Option<chrono::NaiveDate>);
        let stored: std::collections::HashMap<i64, (i32, bool, Option<chrono::NaiveDate>)> =
            v::table
                .filter(v::user_id.eq_any(&ids))
                .filter(v::readiness_at.is_not_null())
                .select((v::user_id, v::done_minutes, v::ready, v::ready_until))
                .load::<Stored>(conn)
                .expect("stored")
                .into_iter()
                .map(|(u, d, r, until)| (u, (d, r, until)))
                .collect();
        assert_eq!(stored.len(), ids.len(), "every one worked out");
        for g in gate::gates(conn, &curriculum, &ids).expect("gates") {
            let r = g.readiness;
            assert_eq!(stored[&g.user_id], (r.done_minutes, r.ready, r.until));
        }
    }

    // A second run refuses a database with users.
    assert!(generate::run(&app.db, Scale::Tiny, 7).is_err());

    // The site works on it: the catalogue lists upcoming sessions, and the
    // named volunteer signs in with the shared password and is active.
    let browser = app.browser();
    let catalogue = browser.get_html("/genlaer").await;
    assert!(catalogue.contains("/genlaer/hold/"));
    let login = browser
        .login("frivillig@brobyg.test", generate::PASSWORD)
        .await;
    assert_eq!(login.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        browser.get("/frivillig/aktiv").await.status(),
        StatusCode::OK
    );
    let coordinator = app.browser();
    coordinator
        .login("koordinator@brobyg.test", generate::PASSWORD)
        .await;
    assert_eq!(
        coordinator.get("/koordinator").await.status(),
        StatusCode::OK
    );
    // The generated supervision sessions and evenings show on their pages.
    let supervision = coordinator.get_html("/koordinator/supervision").await;
    assert!(supervision.contains("Psykolog fra Social Sundhed"));
    assert_eq!(
        coordinator
            .get("/koordinator/supervision/oversigt")
            .await
            .status(),
        StatusCode::OK
    );
    let evenings = coordinator.get_html("/koordinator/aftener").await;
    let links_an_evening = evenings
        .match_indices("/koordinator/aftener/")
        .any(|(i, m)| evenings[i + m.len()..].starts_with(|c: char| c.is_ascii_digit()));
    assert!(links_an_evening, "no generated evening listed");
}

#[tokio::test]
async fn the_same_seed_gives_the_same_data() {
    let one = spawn_app().await;
    let two = spawn_app().await;
    generate::run(&one.db, Scale::Tiny, 11).expect("generate");
    generate::run(&two.db, Scale::Tiny, 11).expect("generate");
    let fingerprint = |app: &crate::helpers::TestApp| {
        (
            app.scalar(
                "SELECT CAST(COALESCE(SUM(user_id * (id % 97)), 0) AS BIGINT) AS n FROM enrolments",
            ),
            app.scalar(
                "SELECT CAST(COALESCE(SUM(confirmed_count * id), 0) AS BIGINT) AS n FROM sessions",
            ),
        )
    };
    assert_eq!(fingerprint(&one), fingerprint(&two));
}

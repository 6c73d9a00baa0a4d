//! The overview of a large branch: one page at a time with the overdue
//! first, the count in each standing, and the whole list as CSV; and the
//! stored last supervision that keeps it quick, set again when attendance
//! is corrected.

use brobyg::domain::attendance::AttendanceStatus;
use brobyg::domain::volunteer::VolunteerStatus;
use diesel::prelude::*;
use reqwest::StatusCode;

use super::support::{ago, branch, held_supervision, overview_rows};
use crate::helpers::{attr, texts};

#[tokio::test]
async fn a_large_branch_is_paged_with_the_overdue_first() {
    let b = branch().await;
    let app = &b.app;
    let people = app.many_volunteers(b.id, VolunteerStatus::Active, "frivillig", 60);
    // The last three by name became active long ago and were never
    // supervised: overdue, so they head the first page.
    {
        use brobyg::db::schema::volunteers as v;
        let late: Vec<i64> = people[57..].iter().map(|u| u.id).collect();
        let mut conn = app.db.conn().expect("connection");
        diesel::update(v::table.filter(v::user_id.eq_any(&late)))
            .set(v::created_at.eq(ago(200)))
            .execute(&mut conn)
            .expect("backdate");
        for id in late {
            crate::helpers::store_due(&mut conn, id);
        }
    }
    let overview = format!("/koordinator/supervision/oversigt?afdeling={}", b.id);

    let first = b.staff.get_html(&overview).await;
    let rows = overview_rows(&first);
    assert_eq!(rows.len(), 50, "one page");
    let top: Vec<&str> = rows[..4].iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        top,
        vec![
            "Test frivillig58@example.dk",
            "Test frivillig59@example.dk",
            "Test frivillig60@example.dk",
            "Test frivillig01@example.dk",
        ]
    );
    assert_eq!(rows[2].1, "overdue");
    assert_eq!(rows[3].1, "ok");
    assert!(first.contains("1–50 af 60"));
    let options = texts(&first, "#f-vis option");
    assert!(
        options.contains(&"Overskredet (3)".to_string()),
        "{options:?}"
    );
    assert!(options.contains(&"I orden (57)".to_string()), "{options:?}");

    let second = b
        .staff
        .get_html(&attr(&first, ".pager a[rel=next]", "href"))
        .await;
    let rest = overview_rows(&second);
    assert_eq!(rest.len(), 10);
    assert_eq!(rest[9].0, "Test frivillig57@example.dk");
    assert!(rest.iter().all(|(_, s)| s == "ok"));

    // The filter keeps to its standing; the CSV file has every row.
    let overdue = b.staff.get_html(&format!("{overview}&vis=overdue")).await;
    assert_eq!(overview_rows(&overdue).len(), 3);
    assert!(!overdue.contains("class=\"pager\""));
    let csv = b
        .staff
        .get(&format!(
            "/koordinator/supervision/oversigt.csv?afdeling={}",
            b.id
        ))
        .await;
    assert_eq!(csv.status(), StatusCode::OK);
    let body = csv.text().await.expect("body");
    assert_eq!(
        body.trim_end().split("\r\n").count(),
        61,
        "header and 60 rows"
    );
}

#[tokio::test]
async fn correcting_attendance_moves_the_last_supervision_back() {
    let b = branch().await;
    let app = &b.app;
    let anna = app
        .many_volunteers(b.id, VolunteerStatus::Active, "anna", 1)
        .remove(0);
    held_supervision(app, b.id, 50, &[(anna.id, AttendanceStatus::Present)]);
    let recent = held_supervision(app, b.id, 5, &[(anna.id, AttendanceStatus::Present)]);
    let last_shown = |html: &str| texts(html, "#overview tbody tr td:nth-child(3)");
    let overview = format!("/koordinator/supervision/oversigt?afdeling={}", b.id);
    let before = last_shown(&b.staff.get_html(&overview).await);

    // The coordinator corrects the recent one to absent.
    {
        let mut conn = app.db.conn().expect("connection");
        let meeting = brobyg::db::sessions::meetings(&mut conn, recent).expect("meetings")[0].id;
        brobyg::app::sessions::record_one(
            &mut conn,
            meeting,
            brobyg::app::sessions::Presence {
                user_id: anna.id,
                status: AttendanceStatus::Absent,
                minutes: 0,
            },
            b.coordinator.id,
        )
        .expect("record");
    }
    let after = last_shown(&b.staff.get_html(&overview).await);
    assert_ne!(before, after, "the absent one no longer counts");
    let fifty_days_ago = brobyg::i18n::format::short_date(brobyg::domain::Lang::Da, ago(50));
    assert_eq!(after, vec![fifty_days_ago], "the one before counts again");
}

/// Every statement the overview sends is counted by the pool, the look-up
/// of the signed-in coordinator included: the session with the account and
/// its regions, the branches it coordinates (their rows, so that the page's
/// branch and the branches to choose among need no statement), the four
/// counts in one, the page's ids, its people, the branch's window, their
/// status history and their next supervision. Until 7 December it sent
/// fifteen: the regions on their own, the counts as four, and the branch
/// and the window each twice. A larger branch must not add any.
#[tokio::test]
async fn the_overview_sends_a_fixed_number_of_statements() {
    let b = branch().await;
    let app = &b.app;
    // PostgreSQL adds the pool's `SELECT 1` on a check-out after a pause.
    let budget = 9 + u64::from(app.is_postgres());
    app.many_volunteers(b.id, VolunteerStatus::Active, "frivillig", 5);
    app.many_volunteers(b.id, VolunteerStatus::Paused, "pause", 2);
    let overview = format!("/koordinator/supervision/oversigt?afdeling={}", b.id);
    let view = || async {
        let before = app.db.statements();
        let html = b.staff.get_html(&overview).await;
        (app.db.statements() - before, html)
    };
    let (sent, html) = view().await;
    eprintln!("the overview of a branch of seven: {sent} statements");
    assert!(sent <= budget, "{sent} statements, budget {budget}");
    assert!(html.contains("Aarhus"), "the branch's name");
    let options = texts(&html, "#f-vis option");
    assert!(options.contains(&"I orden (5)".to_string()), "{options:?}");
    assert!(
        options.contains(&"Pause (undtaget) (2)".to_string()),
        "{options:?}"
    );

    app.many_volunteers(b.id, VolunteerStatus::Active, "flere", 60);
    view().await;
    let (more, html) = view().await;
    assert!(
        more <= sent,
        "{more} statements with sixty more, {sent} before"
    );
    assert_eq!(overview_rows(&html).len(), 50);
}

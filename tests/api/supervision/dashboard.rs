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

/// A session long over whose meeting is moved to the coming weeks is back
/// on the person's agenda and in the overview's "next booked", however
/// much they have attended since: both read a person's seats by their
/// session's last moment, which must follow the session's meetings.
#[tokio::test]
async fn a_session_moved_from_the_past_is_on_the_agenda_and_the_overview() {
    use brobyg::domain::attendance::AttendanceStatus::Present;
    use brobyg::domain::time;
    use diesel::Connection;
    let b = branch().await;
    let app = &b.app;
    let me = app.qualified_volunteer("tilbage@example.dk", b.id);
    // Booked long ago, never held.
    let old = held_supervision(app, b.id, 300, &[]);
    app.db
        .conn()
        .expect("connection")
        .transaction(|c| brobyg::app::engine::enrol(c, old, me.id, true))
        .expect("enrolled")
        .expect("a seat");
    // More sessions since than the agenda's past holds.
    for weeks in 1..=22 {
        held_supervision(app, b.id, weeks * 7, &[(me.id, Present)]);
    }
    let meeting = {
        let mut c = app.db.conn().expect("connection");
        brobyg::db::sessions::meetings(&mut c, old).expect("meetings")[0].id
    };
    let day = time::local(brobyg::db::now()).date_naive() + chrono::Duration::days(10);
    let r = b
        .staff
        .post_form(
            &format!("/koordinator/hold/{old}/moeder/{meeting}"),
            &[
                ("date", &day.format("%Y-%m-%d").to_string()),
                ("start", "10:00"),
                ("end", "12:00"),
                ("location", ""),
                ("online_url", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let at = time::local_to_utc(
        day,
        chrono::NaiveTime::from_hms_opt(10, 0, 0).expect("time"),
    )
    .expect("a Copenhagen time");
    let when = brobyg::i18n::format::short_date(brobyg::domain::Lang::Da, at);

    let html = signed_in(app, &me).await.get_html("/frivillig").await;
    let upcoming = texts(&html, "#agenda-upcoming li");
    assert!(
        upcoming.iter().any(|l| l.contains(&when)),
        "the moved meeting is coming: {upcoming:?}"
    );

    let rows = overview_rows(&b).await;
    let mine: Vec<&String> = rows.iter().filter(|r| r.contains("tilbage")).collect();
    assert_eq!(mine.len(), 1, "{rows:?}");
    assert!(mine[0].contains(&when), "booked next: {mine:?}");
}

/// A seat written by an older binary during a rolling upgrade knows nothing
/// of its session's last moment: the next start fills it in, and the seat
/// is on the agenda again.
#[tokio::test]
async fn a_seat_from_an_older_binary_is_filled_in_at_the_next_start() {
    use brobyg::db::schema::enrolments;
    use diesel::prelude::*;
    let b = branch().await;
    let me = b.app.qualified_volunteer("rullende@example.dk", b.id);
    // Five days ahead, booked.
    let coming = held_supervision(&b.app, b.id, -5, &[]);
    let seat = |app: &crate::helpers::TestApp| {
        enrolments::table
            .filter(enrolments::session_id.eq(coming))
            .filter(enrolments::user_id.eq(me.id))
            .select(enrolments::session_ends_at)
            .first::<Option<chrono::NaiveDateTime>>(&mut app.db.conn().expect("connection"))
            .expect("the seat")
    };
    b.app
        .db
        .conn()
        .expect("connection")
        .transaction(|c| brobyg::app::engine::enrol(c, coming, me.id, true))
        .expect("enrolled")
        .expect("a seat");
    let ends = seat(&b.app).expect("written with the seat");
    diesel::update(enrolments::table.filter(enrolments::session_id.eq(coming)))
        .set(enrolments::session_ends_at.eq(None::<chrono::NaiveDateTime>))
        .execute(&mut b.app.db.conn().expect("connection"))
        .expect("as an older binary writes it");

    let database = b.app.stop();
    let app = crate::helpers::start(crate::helpers::test_settings(&database), database);
    assert_eq!(seat(&app), Some(ends));
    let html = signed_in(&app, &me).await.get_html("/frivillig").await;
    assert_eq!(texts(&html, "#agenda-upcoming li").len(), 1, "{html}");
}

/// A seat written by an older binary during a rolling upgrade leaves out
/// its session's kind: the database fills it in at once, so the overview,
/// which tells seats at supervision by that copy, still shows the meeting
/// the brobygger booked next.
#[tokio::test]
async fn a_seat_from_an_older_binary_is_booked_next_in_the_overview() {
    use brobyg::db::schema::{enrolments, sessions};
    use brobyg::domain::enrolment::EnrolmentStatus;
    use diesel::prelude::*;
    let b = branch().await;
    let me = b.app.qualified_volunteer("rullende@example.dk", b.id);
    activated_days_ago(&b.app, me.id, 30);
    // Five days ahead.
    let coming = held_supervision(&b.app, b.id, -5, &[]);
    let mut c = b.app.db.conn().expect("connection");
    let (starts, ends): (chrono::NaiveDateTime, chrono::NaiveDateTime) = sessions::table
        .find(coming)
        .select((sessions::starts_at, sessions::ends_at))
        .first(&mut c)
        .expect("the session");
    let at = brobyg::db::now();
    // The columns the binary before this one wrote, the kind left out.
    diesel::insert_into(enrolments::table)
        .values((
            enrolments::session_id.eq(coming),
            enrolments::user_id.eq(me.id),
            enrolments::status.eq(EnrolmentStatus::Confirmed),
            enrolments::queued_at.eq(at),
            enrolments::confirmed_at.eq(Some(at)),
            enrolments::late_cancellation.eq(false),
            enrolments::refilled.eq(false),
            enrolments::created_at.eq(at),
            enrolments::updated_at.eq(at),
            enrolments::session_ends_at.eq(Some(ends)),
        ))
        .execute(&mut c)
        .expect("as an older binary writes it");
    let kind: Option<String> = enrolments::table
        .filter(enrolments::session_id.eq(coming))
        .select(enrolments::session_kind)
        .first(&mut c)
        .expect("the seat");
    drop(c);
    assert_eq!(kind.as_deref(), Some("supervision"));

    let when = brobyg::i18n::format::short_date(brobyg::domain::Lang::Da, starts);
    let rows = overview_rows(&b).await;
    let name = format!("Test {}", me.email);
    let mine: Vec<&String> = rows.iter().filter(|r| r.contains(&name)).collect();
    assert_eq!(mine.len(), 1, "{rows:?}");
    assert!(mine[0].contains(&when), "booked next: {mine:?}");
}

/// The rows of the branch's supervision overview, as its coordinator sees
/// them.
async fn overview_rows(b: &super::support::Branch) -> Vec<String> {
    let overview = b
        .staff
        .get_html(&format!(
            "/koordinator/supervision/oversigt?afdeling={}",
            b.id
        ))
        .await;
    texts(&overview, "#overview tbody tr[data-standing]")
}

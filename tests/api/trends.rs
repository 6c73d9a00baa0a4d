//! The branch dashboard's trends: applications, activations, GenLær
//! participants and supervision compliance for each of the last twelve
//! months, counted in Copenhagen months and in the branch they happened in.

use brobyg::domain::Lang;
use brobyg::domain::attendance::AttendanceStatus;
use brobyg::domain::session::SessionKind;
use brobyg::domain::trends::{MONTHS, Month, last_months};
use chrono::{NaiveDateTime, NaiveTime, Utc};
use diesel::prelude::*;

use crate::helpers::{TestApp, texts};
use crate::supervision::support::{branch, held_supervision};

/// The months the dashboard shows, oldest first.
fn months() -> Vec<Month> {
    let today = brobyg::domain::time::local(Utc::now().naive_utc()).date_naive();
    last_months(today, MONTHS)
}

/// Noon in Copenhagen on `day` of the month `back` months ago, as UTC.
fn on(back: usize, day: u32) -> NaiveDateTime {
    let m = months()[MONTHS - 1 - back];
    let date = m.first_day() + chrono::Duration::days(i64::from(day) - 1);
    brobyg::domain::time::local_to_utc(date, NaiveTime::from_hms_opt(12, 0, 0).expect("noon"))
        .expect("a real time")
}

/// Whole days from `at` until now.
fn days_since(at: NaiveDateTime) -> i64 {
    (Utc::now().naive_utc() - at).num_days()
}

fn conn(app: &TestApp) -> r2d2::PooledConnection<brobyg::db::ConnectionManager> {
    app.db.conn().expect("connection")
}

/// Moves a volunteer's history back: the change to active to `active`,
/// every other change to `applied`.
fn backdate(app: &TestApp, user: i64, applied: NaiveDateTime, active: NaiveDateTime) {
    use brobyg::db::schema::volunteer_status_changes as changes;
    let mut c = conn(app);
    diesel::update(changes::table.filter(changes::user_id.eq(user)))
        .set(changes::created_at.eq(applied))
        .execute(&mut c)
        .expect("backdate");
    diesel::update(
        changes::table
            .filter(changes::user_id.eq(user))
            .filter(changes::to_status.eq("active")),
    )
    .set(changes::created_at.eq(active))
    .execute(&mut c)
    .expect("backdate");
}

/// An applicant's record with the status history given: (from, to, when).
fn applicant(
    app: &TestApp,
    email: &str,
    branch: i64,
    status: &str,
    history: &[(Option<&str>, &str, NaiveDateTime)],
) {
    use brobyg::db::schema::{volunteer_status_changes as changes, volunteers};
    let user = app.create_user(email, &[], None);
    let mut c = conn(app);
    diesel::insert_into(volunteers::table)
        .values((
            volunteers::user_id.eq(user.id),
            volunteers::branch_id.eq(branch),
            volunteers::status.eq(status),
            volunteers::created_at.eq(history[0].2),
            volunteers::updated_at.eq(history[0].2),
        ))
        .execute(&mut c)
        .expect("volunteer");
    for (from, to, at) in history {
        diesel::insert_into(changes::table)
            .values((
                changes::user_id.eq(user.id),
                changes::from_status.eq(*from),
                changes::to_status.eq(*to),
                changes::created_at.eq(*at),
            ))
            .execute(&mut c)
            .expect("history");
    }
}

/// A GenLær session of `branch` that began at `at`, with `seats` people
/// enrolled.
fn genlaer_session(app: &TestApp, branch: Option<i64>, at: NaiveDateTime, seats: usize) -> i64 {
    let id = app.create_session(SessionKind::Genlaer, branch, Some(30), 1);
    {
        use brobyg::db::schema::{meetings, sessions};
        let mut c = conn(app);
        diesel::update(sessions::table.find(id))
            .set((sessions::starts_at.eq(at), sessions::ends_at.eq(at)))
            .execute(&mut c)
            .expect("move");
        diesel::update(meetings::table.filter(meetings::session_id.eq(id)))
            .set((meetings::starts_at.eq(at), meetings::ends_at.eq(at)))
            .execute(&mut c)
            .expect("move");
    }
    for i in 0..seats {
        let p = app.create_user(&format!("deltager-{id}-{i}@example.dk"), &[], None);
        app.enrol(id, p.id);
    }
    id
}

/// The rows of a trend table: month label and its cells' texts.
fn rows(html: &str, id: &str) -> Vec<(String, Vec<String>)> {
    let labels = texts(html, &format!("#{id} tbody th"));
    let cells = texts(html, &format!("#{id} tbody td"));
    let per_row = cells.len() / labels.len().max(1);
    labels
        .into_iter()
        .zip(cells.chunks(per_row.max(1)).map(<[String]>::to_vec))
        .collect()
}

/// The cells of the month `back` months ago, found by its label.
fn month_cells(table: &[(String, Vec<String>)], back: usize) -> Vec<String> {
    let m = months()[MONTHS - 1 - back];
    let label = brobyg::i18n::format::month(Lang::Da, m.year, m.month);
    table
        .iter()
        .find(|(l, _)| *l == label)
        .map(|(_, c)| c.clone())
        .unwrap_or_else(|| panic!("no row {label} in {table:?}"))
}

#[tokio::test]
async fn the_dashboard_shows_each_months_numbers() {
    let b = branch().await;
    let app = &b.app;
    let randers = app.create_branch("Randers");

    // Anna applied on the 15th five months ago, became active four months
    // ago and was supervised three months ago.
    let anna = app.qualified_volunteer("anna@example.dk", b.id);
    backdate(app, anna.id, on(5, 15), on(4, 15));
    // Bo applied on the 5th five months ago, was active from the 20th and
    // has never been supervised: with the default window of three months he
    // is overdue from the 20th two months ago.
    let bo = app.qualified_volunteer("bo@example.dk", b.id);
    backdate(app, bo.id, on(5, 5), on(5, 20));
    held_supervision(
        app,
        b.id,
        days_since(on(3, 15)),
        &[(anna.id, AttendanceStatus::Present)],
    );
    // Cille applied two months ago, was declined and applied again last
    // month: two applications.
    applicant(
        app,
        "cille@example.dk",
        b.id,
        "applicant",
        &[
            (None, "applicant", on(2, 10)),
            (Some("applicant"), "rejected", on(2, 12)),
            (Some("rejected"), "applicant", on(1, 10)),
        ],
    );
    // Another branch's applications and activations count there.
    let other = app.qualified_volunteer("randers@example.dk", randers);
    backdate(app, other.id, on(5, 10), on(4, 10));
    // Dorte applied and became active in Randers six months ago and moved
    // to Aarhus on the 1st two months ago, where she was supervised on the
    // 5th: her past stays with Randers.
    let dorte = app.qualified_volunteer("dorte@example.dk", randers);
    backdate(app, dorte.id, on(6, 10), on(6, 20));
    {
        use brobyg::db::schema::volunteer_moves as moves;
        let mut c = conn(app);
        assert!(
            brobyg::db::volunteer_moves::record(&mut c, dorte.id, randers, b.id, None)
                .expect("move")
        );
        diesel::update(moves::table.filter(moves::user_id.eq(dorte.id)))
            .set(moves::created_at.eq(on(2, 1)))
            .execute(&mut c)
            .expect("backdate");
    }
    held_supervision(
        app,
        b.id,
        days_since(on(2, 5)),
        &[(dorte.id, AttendanceStatus::Present)],
    );
    // GenLær: three seats three months ago, two last month; a cancelled
    // session, another branch's and a national one do not count here.
    genlaer_session(app, Some(b.id), on(3, 14), 3);
    genlaer_session(app, Some(b.id), on(1, 14), 2);
    let cancelled = genlaer_session(app, Some(b.id), on(1, 16), 4);
    {
        use brobyg::db::schema::sessions;
        diesel::update(sessions::table.find(cancelled))
            .set(sessions::status.eq("cancelled"))
            .execute(&mut conn(app))
            .expect("cancel");
    }
    genlaer_session(app, Some(randers), on(3, 14), 5);
    genlaer_session(app, None, on(3, 14), 6);
    // One that has not begun yet is a plan, not participants (this month's
    // or, at the very end of a month, outside the twelve).
    genlaer_session(
        app,
        Some(b.id),
        Utc::now().naive_utc() + chrono::Duration::minutes(1),
        2,
    );

    let html = b
        .staff
        .get_html(&format!("/koordinator/afdelinger/{}/oversigt", b.id))
        .await;

    // Twelve months, oldest first, ending with this one.
    let labels = texts(&html, "#trend-people tbody th");
    let expected: Vec<String> = months()
        .iter()
        .map(|m| brobyg::i18n::format::month(Lang::Da, m.year, m.month))
        .collect();
    assert_eq!(labels, expected);
    assert_eq!(
        texts(&html, "#trend-people thead th"),
        vec!["Måned", "ansøgninger", "blev aktive"]
    );

    let people = rows(&html, "trend-people");
    let both = |back| month_cells(&people, back);
    assert_eq!(both(6), vec!["0", "0"], "Dorte was in Randers");
    assert_eq!(both(5), vec!["2", "1"], "Anna and Bo applied, Bo active");
    assert_eq!(both(4), vec!["0", "1"], "Anna active");
    assert_eq!(both(3), vec!["0", "0"]);
    assert_eq!(both(2), vec!["1", "0"], "Cille");
    assert_eq!(both(1), vec!["1", "0"], "Cille again");
    assert_eq!(both(0), vec!["0", "0"]);

    let genlaer = rows(&html, "trend-genlaer");
    assert_eq!(month_cells(&genlaer, 3), vec!["3"]);
    assert_eq!(month_cells(&genlaer, 2), vec!["0"]);
    assert_eq!(month_cells(&genlaer, 1), vec!["2"]);
    assert_eq!(month_cells(&genlaer, 0), vec!["0"]);

    let compliance = rows(&html, "trend-compliance");
    let share = |back| month_cells(&compliance, back);
    assert_eq!(
        texts(&html, "#trend-compliance thead th"),
        vec!["Måned", "inden for reglen", "aktive"]
    );
    assert_eq!(share(6), vec!["–", "0"]);
    assert_eq!(share(5), vec!["100 %", "1"], "Bo");
    assert_eq!(share(4), vec!["100 %", "2"]);
    assert_eq!(share(3), vec!["100 %", "2"]);
    assert_eq!(
        share(2),
        vec!["67 %", "3"],
        "Bo overdue, Dorte moved here and was supervised"
    );
    assert_eq!(share(1), vec!["67 %", "3"]);
    assert_eq!(
        texts(&html, "#compliance-trend-hint"),
        vec![
            "Andelen af de brobyggere, der var aktive ved månedens udgang (i denne måned: i dag; \
             pause undtaget), som havde været til supervision inden for afdelingens nuværende \
             interval på 3 måneder."
        ]
    );
    // The bars say nothing the text does not; a month with nobody active
    // has none, and the number active is text alone.
    assert_eq!(
        texts(&html, "#trend-compliance svg[aria-hidden=true]").len(),
        5 + usize::from(share(0)[0].contains('%'))
    );
    assert!(!html.contains("style="));

    // The other branch's dashboard counts its own.
    let (admin, _) = app.signed_in(brobyg::domain::Role::Admin).await;
    let theirs = admin
        .get_html(&format!("/koordinator/afdelinger/{randers}/oversigt"))
        .await;
    let people = rows(&theirs, "trend-people");
    assert_eq!(month_cells(&people, 6), vec!["1", "1"], "Dorte");
    assert_eq!(month_cells(&people, 5), vec!["1", "0"]);
    assert_eq!(month_cells(&people, 4), vec!["0", "1"]);
    assert_eq!(month_cells(&rows(&theirs, "trend-genlaer"), 3), vec!["5"]);
    let compliance = rows(&theirs, "trend-compliance");
    let share = |back| month_cells(&compliance, back);
    assert_eq!(share(6), vec!["100 %", "1"]);
    assert_eq!(share(4), vec!["100 %", "2"]);
    assert_eq!(share(3), vec!["50 %", "2"], "Dorte overdue");
    assert_eq!(share(2), vec!["100 %", "1"], "Dorte has moved");
}

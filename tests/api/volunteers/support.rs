//! Shared steps for the brobygger tests: applying, cohorts with meetings,
//! attendance, and reading the checklist off a page.

use brobyg::app::volunteers::applications::{self, Decision};
use brobyg::content::preparation;
use brobyg::db::applications::NewApplication;
use brobyg::db::cohorts::{self, NewCohort};
use brobyg::db::sessions::{self, MeetingTimes};
use brobyg::db::{DbConnection, declarations};
use chrono::{Duration, NaiveDate, Utc};
use diesel::Connection;
use reqwest::StatusCode;

use crate::helpers::{Browser, PASSWORD, TestApp, TestUser, location, path_of, texts};

/// The lines of the activation checklist on a page.
pub fn checklist(html: &str) -> Vec<String> {
    texts(html, ".checklist-list li")
}

pub fn is_clear(html: &str) -> bool {
    !texts(html, ".checklist-clear").is_empty()
}

/// "Mangler 2 timer: modul 5 (Tavshedspligt og etik)" for every module
/// from `orders`.
pub fn module_lines(orders: &[i32]) -> Vec<String> {
    let material = preparation::load().expect("material");
    orders
        .iter()
        .map(|o| {
            let m = material
                .curriculum
                .modules()
                .iter()
                .find(|m| m.order == *o)
                .expect("module");
            format!("Mangler 2 timer: modul {o} ({})", m.title)
        })
        .collect()
}

pub fn module_id(order: i32) -> String {
    preparation::load()
        .expect("material")
        .curriculum
        .modules()
        .iter()
        .find(|m| m.order == order)
        .expect("module")
        .id
        .clone()
}

/// A Copenhagen date `days` from today, as a date field sends it.
pub fn date_in(days: i64) -> String {
    brobyg::domain::time::local((Utc::now() + Duration::days(days)).naive_utc())
        .format("%Y-%m-%d")
        .to_string()
}

pub fn status_tag(html: &str) -> String {
    texts(html, "#volunteer-status")
        .into_iter()
        .next()
        .unwrap_or_default()
}

/// The application form's fields for a new applicant in `branch`.
pub fn application_fields(name: &str, email: &str, branch: i64) -> Vec<(String, String)> {
    [
        ("name", name.to_string()),
        ("email", email.to_string()),
        ("phone", "20 30 40 50".to_string()),
        ("birth_year", "2001".to_string()),
        ("study_programme", "Sygeplejerske".to_string()),
        ("institution", "VIA University College".to_string()),
        ("semester", "4. semester".to_string()),
        ("branch", branch.to_string()),
        (
            "motivation",
            "Jeg vil lære, hvad der står i vejen for, at folk får hjælp.".to_string(),
        ),
        (
            "availability",
            "Tirsdage og torsdage efter kl. 15".to_string(),
        ),
        ("heard_from", "En medstuderende".to_string()),
        ("password", PASSWORD.to_string()),
        ("password_confirm", PASSWORD.to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

/// The signed-in volunteer pauses themselves until `until`, for exams.
pub async fn pause_until(me: &Browser, until: NaiveDate) -> reqwest::Response {
    me.post_form(
        "/frivillig/pause",
        &[
            ("until", &until.format("%Y-%m-%d").to_string()),
            ("reason", "Eksamen"),
        ],
    )
    .await
}

pub async fn post(browser: &Browser, path: &str, fields: &[(String, String)]) -> reqwest::Response {
    let borrowed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    browser.post_form(path, &borrowed).await
}

/// `post` for a form the site refuses on purpose (see `Browser::post_refused`).
pub async fn post_refused(
    browser: &Browser,
    path: &str,
    fields: &[(String, String)],
) -> reqwest::Response {
    let borrowed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    browser.post_refused(path, &borrowed).await
}

/// Applies through the public form, confirms the address from the receipt
/// and logs in. Returns the signed-in browser and the new user.
pub async fn apply_and_log_in(
    app: &TestApp,
    name: &str,
    email: &str,
    branch: i64,
) -> (Browser, TestUser) {
    let browser = app.browser();
    let response = post(
        &browser,
        "/bliv-brobygger",
        &application_fields(name, email, branch),
    )
    .await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "the application is taken"
    );
    assert_eq!(location(&response), "/bliv-brobygger/tak");
    let link = match app.last_message_to(email) {
        brobyg::domain::events::Message::ApplicationReceived {
            verify_link: Some(link),
            ..
        } => link,
        other => panic!("expected the receipt with a link, got {other:?}"),
    };
    browser.get(&path_of(&link)).await;
    let response = browser.login(email, PASSWORD).await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "logs in after confirming"
    );
    let id = {
        let mut conn = app.db.conn().expect("connection");
        brobyg::db::users::find_by_email(&mut conn, email)
            .expect("query")
            .expect("user")
            .id
    };
    (
        browser,
        TestUser {
            id,
            email: email.to_string(),
        },
    )
}

/// A cohort in `branch` whose meetings (days from now, hours long) teach
/// the given modules (by order).
pub fn cohort(app: &TestApp, branch: i64, title: &str, plan: &[(i64, i64, &[i32])]) -> i64 {
    let material = preparation::load().expect("material");
    let id_of = |o: &i32| {
        material
            .curriculum
            .modules()
            .iter()
            .find(|m| m.order == *o)
            .expect("module")
            .id
            .clone()
    };
    let plan: Vec<(MeetingTimes, Vec<String>)> = plan
        .iter()
        .map(|(days, hours, orders)| {
            let start = (Utc::now() + Duration::days(*days)).naive_utc();
            (
                MeetingTimes {
                    starts_at: start,
                    ends_at: start + Duration::hours(*hours),
                    location: None,
                    online_url: None,
                },
                orders.iter().map(id_of).collect(),
            )
        })
        .collect();
    let mut pooled = app.db.conn().expect("connection");
    let conn: &mut DbConnection = &mut pooled;
    conn.transaction(|c| {
        cohorts::create(
            c,
            &NewCohort {
                branch_id: branch,
                title,
                location: "Søndergade 1",
                capacity: Some(12),
                enrol_deadline: None,
            },
            &plan,
        )
    })
    .expect("cohort")
}

pub fn meetings(app: &TestApp, cohort: i64) -> Vec<i64> {
    let mut conn = app.db.conn().expect("connection");
    sessions::meetings(&mut conn, cohort)
        .expect("meetings")
        .into_iter()
        .map(|m| m.id)
        .collect()
}

/// Moves a session's meetings back in time, spacing kept, so that the last
/// one ended an hour ago: attendance is registered only for meetings that
/// have begun, and a journey enrols before the meetings and registers
/// after them.
pub fn has_happened(app: &TestApp, session: i64) {
    use brobyg::db::schema::meetings;
    use diesel::prelude::*;
    let mut conn = app.db.conn().expect("connection");
    let last_end: chrono::NaiveDateTime = meetings::table
        .filter(meetings::session_id.eq(session))
        .select(diesel::dsl::max(meetings::ends_at))
        .first::<Option<chrono::NaiveDateTime>>(&mut conn)
        .expect("meetings")
        .expect("a meeting");
    let back = last_end - (Utc::now().naive_utc() - Duration::hours(1));
    let rows: Vec<(i64, chrono::NaiveDateTime, chrono::NaiveDateTime)> = meetings::table
        .filter(meetings::session_id.eq(session))
        .select((meetings::id, meetings::starts_at, meetings::ends_at))
        .load(&mut conn)
        .expect("meetings");
    for (id, starts_at, ends_at) in rows {
        diesel::update(meetings::table.find(id))
            .set((
                meetings::starts_at.eq(starts_at - back),
                meetings::ends_at.eq(ends_at - back),
            ))
            .execute(&mut conn)
            .expect("move the meeting");
    }
    // The session's span and its seats follow, as when a coordinator
    // moves a meeting.
    brobyg::db::sessions::refresh_span(&mut conn, session).expect("the session's span");
}

/// Registers attendance on the generic page as `coordinator` would.
pub async fn register(
    coordinator: &Browser,
    cohort: i64,
    meeting: i64,
    rows: &[(i64, &str, &str)],
) -> reqwest::Response {
    let mut fields: Vec<(String, String)> = Vec::new();
    for (uid, status, hours) in rows {
        fields.push((format!("status-{uid}"), status.to_string()));
        fields.push((format!("hours-{uid}"), hours.to_string()));
    }
    post(
        coordinator,
        &format!("/koordinator/hold/{cohort}/moeder/{meeting}/fremmoede"),
        &fields,
    )
    .await
}

/// An accepted volunteer, created directly in storage (the path itself is
/// tested over HTTP elsewhere).
pub fn accepted_volunteer(app: &TestApp, email: &str, branch: i64, coordinator: i64) -> TestUser {
    let user = app.create_user(email, &[], None);
    let mut pooled = app.db.conn().expect("connection");
    let conn: &mut DbConnection = &mut pooled;
    conn.transaction(|c| {
        let id = applications::record(
            c,
            user.id,
            &NewApplication {
                branch_id: branch,
                study_programme: "Medicin".into(),
                institution: "Aarhus Universitet".into(),
                semester: "7. semester".into(),
                motivation: "Lære".into(),
                availability: "Onsdage".into(),
                heard_from: None,
                birth_year: None,
            },
            "20 30 40 50",
            None,
        )?;
        applications::record_decision(c, id, &Decision::Accept(None), coordinator)?
            .map_err(|_| diesel::result::Error::RollbackTransaction)?;
        // Past the use case: the pipeline's stored readiness, as it would.
        brobyg::app::volunteers::readiness::refresh(c, &[user.id])
            .map_err(|_| diesel::result::Error::RollbackTransaction)
    })
    .expect("accepted");
    user
}

/// Gives a volunteer every module (one held meeting teaching them all) and,
/// if `sign`, the declaration.
pub async fn complete_course(
    app: &TestApp,
    coordinator: &Browser,
    user: &TestUser,
    branch: i64,
    sign: bool,
) {
    let all: Vec<i32> = (1..=10).collect();
    let c = cohort(app, branch, "Hele kurset", &[(-3, 20, &all)]);
    app.enrol(c, user.id);
    let meeting = meetings(app, c)[0];
    let response = register(coordinator, c, meeting, &[(user.id, "present", "")]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    if sign {
        let mut conn = app.db.conn().expect("connection");
        declarations::sign(&mut conn, user.id, 1, "Signed").expect("sign");
        brobyg::app::volunteers::readiness::refresh(&mut conn, &[user.id]).expect("readiness");
    }
}

/// The readiness the pipeline stored for a volunteer (`volunteers.ready`
/// and friends) is what the gate says live, and was worked out at all.
/// Called after every kind of change that feeds the gate.
pub fn assert_stored_readiness_is_live(app: &TestApp, user_id: i64) {
    use brobyg::db::schema::volunteers;
    use brobyg::domain::activation::Readiness;
    use diesel::prelude::*;
    let mut pooled = app.db.conn().expect("connection");
    let conn: &mut DbConnection = &mut pooled;
    let curriculum = brobyg::app::site_content::curriculum(conn).expect("curriculum");
    let live = brobyg::db::gate::volunteer_gate(conn, &curriculum, user_id).expect("gate");
    type Stored = (
        i32,
        bool,
        Option<chrono::NaiveDate>,
        Option<chrono::NaiveDateTime>,
    );
    let (done_minutes, ready, until, at): Stored = volunteers::table
        .find(user_id)
        .select((
            volunteers::done_minutes,
            volunteers::ready,
            volunteers::ready_until,
            volunteers::readiness_at,
        ))
        .first(conn)
        .expect("the volunteer's row");
    assert!(at.is_some(), "the readiness of {user_id} was worked out");
    assert_eq!(
        Readiness {
            done_minutes,
            ready,
            until
        },
        live.readiness,
        "the stored readiness of {user_id} is the gate's"
    );
    assert_eq!(live.readiness.ready, live.is_clear());
    assert_eq!(live.readiness.done_minutes, live.progress.done_minutes);
}

/// Every branch's stored count of volunteers in each status
/// (`volunteer_counts`, kept by triggers) equals the volunteers counted
/// now, and no count is missing or below zero. Called after each kind of
/// write that adds, moves, changes or removes a volunteer.
pub fn assert_volunteer_counts_are_live(app: &TestApp) {
    let wrong = app.scalar(
        "SELECT (SELECT COUNT(*) FROM volunteer_counts c WHERE c.people <> \
            (SELECT COUNT(*) FROM volunteers v \
             WHERE v.branch_id = c.branch_id AND v.status = c.status)) \
         + (SELECT COUNT(*) FROM (SELECT DISTINCT branch_id, status FROM volunteers) v \
            WHERE NOT EXISTS (SELECT 1 FROM volunteer_counts c \
              WHERE c.branch_id = v.branch_id AND c.status = v.status)) AS n",
    );
    assert_eq!(
        wrong, 0,
        "stored counts per branch and status that differ from the rows"
    );
    let counted = app.scalar("SELECT COUNT(*) AS n FROM volunteer_counts WHERE people > 0");
    assert!(counted > 0, "some volunteer is counted");
}

/// Every branch's stored count of pending applications, and of those with
/// their intro conversation held (`pending_application_counts`, kept by
/// triggers), equals the applications counted now, and no branch with one
/// lacks its row. Called after each kind of write that adds, decides,
/// moves or removes an application.
pub fn assert_pending_application_counts_are_live(app: &TestApp) {
    let wrong = app.scalar(
        "SELECT (SELECT COUNT(*) FROM pending_application_counts c \
            WHERE c.pending <> (SELECT COUNT(*) FROM volunteer_applications a \
                WHERE a.branch_id = c.branch_id AND a.status = 'pending') \
            OR c.after_intro <> (SELECT COUNT(a.intro_on) FROM volunteer_applications a \
                WHERE a.branch_id = c.branch_id AND a.status = 'pending')) \
         + (SELECT COUNT(*) FROM (SELECT DISTINCT branch_id FROM volunteer_applications \
              WHERE status = 'pending') a \
            WHERE NOT EXISTS (SELECT 1 FROM pending_application_counts c \
              WHERE c.branch_id = a.branch_id)) AS n",
    );
    assert_eq!(
        wrong, 0,
        "stored counts of pending applications that differ from the rows"
    );
}

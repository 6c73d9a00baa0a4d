//! Retention that runs by itself (`app::retention`): each rule deletes or
//! clears what is just past its cut-off and keeps what is just before it,
//! runs once per Copenhagen day, and keeps the days administrators set at
//! `/admin/privatliv` (within each rule's range, by administrators alone).

use brobyg::app::volunteers::applications::{self, Decision};
use brobyg::db::DbConnection;
use brobyg::db::schema::{
    attendance, enrolments, genlaer_enrolments, outbox as outbox_table, retention_runs,
    retention_settings, sessions, supervision_notices, users as users_table,
    volunteer_applications, volunteer_checks, volunteer_status_changes,
    volunteers as volunteers_table,
};
use brobyg::db::{attendance as attendance_rows, outbox, users, volunteer_settings};
use brobyg::domain::activation::ExtraCheck;
use brobyg::domain::attendance::AttendanceStatus;
use brobyg::domain::events::{Message, Recipient};
use brobyg::domain::invoice::InvoiceKind;
use brobyg::domain::retention::Rule;
use brobyg::domain::session::SessionKind;
use brobyg::domain::volunteer::VolunteerStatus;
use brobyg::domain::{Code, Lang, Role};
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use reqwest::StatusCode;

use crate::helpers::{TestApp, TestUser, input_value, spawn_app, spawn_app_with, texts};

/// A moment well inside a Copenhagen day (noon there), so that "a minute
/// later" and "an hour later" stay on the same day.
fn noon_today() -> NaiveDateTime {
    let today = brobyg::domain::time::local(brobyg::db::now()).date_naive();
    today.and_hms_opt(11, 0, 0).expect("a time")
}

fn conn(app: &TestApp) -> impl std::ops::DerefMut<Target = DbConnection> {
    app.db.conn().expect("connection")
}

/// Every rule's field at its default, with `changes` applied.
fn retention_form(changes: &[(Rule, &str)]) -> Vec<(&'static str, String)> {
    Rule::ALL
        .iter()
        .map(|r| {
            let value = changes
                .iter()
                .find(|(c, _)| c == r)
                .map(|(_, v)| (*v).to_string())
                .unwrap_or_else(|| r.default_days().to_string());
            (r.as_str(), value)
        })
        .collect()
}

fn pairs<'a>(form: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    form.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

fn exists_user(app: &TestApp, id: i64) -> bool {
    users_table::table
        .find(id)
        .count()
        .get_result::<i64>(&mut *conn(app))
        .expect("count")
        == 1
}

// --- 1. Declined applications ------------------------------------------------

fn declined_application(app: &TestApp, email: &str, branch: i64, decided_at: NaiveDateTime) -> i64 {
    let user = app.create_user(email, &[], None);
    let id = conn(app)
        .transaction(|c| {
            let id = applications::record(
                c,
                user.id,
                &brobyg::db::applications::NewApplication {
                    branch_id: branch,
                    study_programme: "Medicin".into(),
                    institution: "Aarhus Universitet".into(),
                    semester: "3. semester".into(),
                    motivation: "At lære".into(),
                    availability: "Onsdage".into(),
                    heard_from: None,
                    birth_year: None,
                },
                "20 30 40 50",
                None,
            )?;
            applications::record_decision(c, id, &Decision::Decline("Ikke nu".into()), user.id)?
                .map_err(|_| diesel::result::Error::RollbackTransaction)?;
            Ok::<_, diesel::result::Error>(id)
        })
        .expect("a declined application");
    diesel::update(volunteer_applications::table.find(id))
        .set(volunteer_applications::decided_at.eq(Some(decided_at)))
        .execute(&mut *conn(app))
        .expect("backdated");
    id
}

fn application_exists(app: &TestApp, id: i64) -> bool {
    volunteer_applications::table
        .find(id)
        .count()
        .get_result::<i64>(&mut *conn(app))
        .expect("count")
        == 1
}

#[tokio::test]
async fn declined_applications_go_183_days_after_the_decision() {
    let app = spawn_app().await;
    let branch = app.create_branch("Aarhus");
    let now = noon_today();
    let cutoff = now - Duration::days(183);
    let past = declined_application(
        &app,
        "gammel@example.dk",
        branch,
        cutoff - Duration::minutes(1),
    );
    let before = declined_application(
        &app,
        "nyere@example.dk",
        branch,
        cutoff + Duration::minutes(1),
    );
    let pass = app.deliver_at(&app.mailer(), now).await;
    assert_eq!(pass.retention, 1);
    assert!(
        !application_exists(&app, past),
        "just past the cut-off: gone"
    );
    assert!(application_exists(&app, before), "just before it: kept");
}

// --- 2. Unconfirmed accounts -------------------------------------------------

fn account(app: &TestApp, email: &str, verified: bool, created_at: NaiveDateTime) -> i64 {
    let mut c = conn(app);
    let id = users::create(
        &mut c,
        &users::NewUser {
            email,
            name: "Uden Bekræftelse",
            phone: None,
            password_hash: None,
            verified,
            language: Lang::Da,
        },
    )
    .expect("account");
    diesel::update(users_table::table.find(id))
        .set(users_table::created_at.eq(created_at))
        .execute(&mut *c)
        .expect("backdated");
    id
}

#[tokio::test]
async fn unconfirmed_accounts_that_hold_nothing_go_30_days_after_they_were_made() {
    let app = spawn_app().await;
    let now = noon_today();
    let cutoff = now - Duration::days(30);
    let old = cutoff - Duration::minutes(1);
    let past = account(&app, "glemt@example.dk", false, old);
    let before = account(&app, "ny@example.dk", false, cutoff + Duration::minutes(1));
    let confirmed = account(&app, "bekraeftet@example.dk", true, old);
    let with_role = account(&app, "fagperson@example.dk", false, old);
    users::grant_role(&mut conn(&app), with_role, Role::Professional).expect("role");
    let enrolled = account(&app, "tilmeldt@example.dk", false, old);
    let session = app.create_session(SessionKind::Genlaer, None, None, 10);
    app.enrol(session, enrolled);
    // A message to the forgotten account goes with it: its envelope is
    // kept with the account.
    outbox::enqueue(
        &mut conn(&app),
        &Recipient {
            user_id: Some(past),
            email: "glemt@example.dk".into(),
            name: "Uden Bekræftelse".into(),
            language: Lang::Da,
        },
        &Message::VerifyEmail {
            link: "/konto/bekraeft/x".into(),
        },
    )
    .expect("queued");

    let pass = app.deliver_at(&app.mailer(), now).await;

    assert_eq!(pass.retention, 1);
    assert!(!exists_user(&app, past), "just past the cut-off: gone");
    assert!(
        app.outbox()
            .iter()
            .all(|r| r.to_email != "glemt@example.dk")
    );
    for (id, why) in [
        (before, "just before the cut-off"),
        (confirmed, "confirmed"),
        (with_role, "has a role"),
        (enrolled, "has an enrolment"),
    ] {
        assert!(exists_user(&app, id), "kept: {why}");
    }
}

// --- 3. Needs -----------------------------------------------------------------

/// A GenLær participant with `needs` in a session that ended at `ended`;
/// returns the enrolment id.
fn participant_with_needs(app: &TestApp, email: &str, ended: NaiveDateTime) -> i64 {
    let session = app.create_session(SessionKind::Genlaer, None, None, 5);
    let user = app.create_user(email, &[Role::Professional], None);
    app.enrol(session, user.id);
    let mut c = conn(app);
    diesel::update(sessions::table.find(session))
        .set((
            sessions::starts_at.eq(ended - Duration::hours(3)),
            sessions::ends_at.eq(ended),
        ))
        .execute(&mut *c)
        .expect("moved");
    let enrolment: i64 = enrolments::table
        .filter(enrolments::session_id.eq(session))
        .filter(enrolments::user_id.eq(user.id))
        .select(enrolments::id)
        .first(&mut *c)
        .expect("enrolment");
    diesel::insert_into(genlaer_enrolments::table)
        .values((
            genlaer_enrolments::enrolment_id.eq(enrolment),
            genlaer_enrolments::name.eq("Hanne Dal"),
            genlaer_enrolments::workplace.eq("Regionshospitalet"),
            genlaer_enrolments::job_title.eq("Sygeplejerske"),
            genlaer_enrolments::needs.eq(Some("Glutenfri frokost")),
            genlaer_enrolments::invoice_kind.eq(InvoiceKind::Ean),
            genlaer_enrolments::created_at.eq(ended - Duration::days(20)),
        ))
        .execute(&mut *c)
        .expect("details");
    enrolment
}

fn needs_of(app: &TestApp, enrolment: i64) -> Option<String> {
    genlaer_enrolments::table
        .find(enrolment)
        .select(genlaer_enrolments::needs)
        .first(&mut *conn(app))
        .expect("details")
}

#[tokio::test]
async fn needs_are_cleared_30_days_after_the_session_and_the_rest_stays() {
    let app = spawn_app().await;
    let now = noon_today();
    let cutoff = now - Duration::days(30);
    let past = participant_with_needs(&app, "a@example.dk", cutoff - Duration::minutes(1));
    let before = participant_with_needs(&app, "b@example.dk", cutoff + Duration::minutes(1));
    let pass = app.deliver_at(&app.mailer(), now).await;
    assert_eq!(pass.retention, 1);
    assert_eq!(needs_of(&app, past), None, "just past the cut-off: cleared");
    assert_eq!(needs_of(&app, before).as_deref(), Some("Glutenfri frokost"));
    let name: String = genlaer_enrolments::table
        .find(past)
        .select(genlaer_enrolments::name)
        .first(&mut *conn(&app))
        .expect("details");
    assert_eq!(name, "Hanne Dal", "only the needs are cleared");
}

// --- 4. Email bodies ------------------------------------------------------------

fn sent_message(app: &TestApp, email: &str, sent_at: NaiveDateTime) -> (i64, String) {
    let to = Recipient {
        user_id: None,
        email: email.into(),
        name: "Åse Ørum".into(),
        language: Lang::Da,
    };
    let message = Message::ResetPassword {
        link: "/nulstil/abc".into(),
    };
    let mut c = conn(app);
    let id = outbox::enqueue(&mut c, &to, &message).expect("queued");
    outbox::mark_sent(&mut c, id, sent_at).expect("sent");
    let subject = brobyg::mail::render::subject(&to, &message).expect("a subject");
    (id, subject)
}

#[tokio::test]
async fn email_bodies_are_cleared_90_days_after_delivery_and_the_subject_stays() {
    let app = spawn_app().await;
    let now = noon_today();
    let cutoff = now - Duration::days(90);
    let (past, subject) = sent_message(&app, "aase@example.dk", cutoff - Duration::minutes(1));
    let (before, _) = sent_message(&app, "bo@example.dk", cutoff + Duration::minutes(1));

    let pass = app.deliver_at(&app.mailer(), now).await;

    assert_eq!(pass.retention, 1);
    let mut c = conn(&app);
    let cleared = outbox::find(&mut c, past).expect("row");
    assert!(cleared.body_cleared(), "just past the cut-off: body gone");
    assert_eq!(cleared.subject.as_deref(), Some(subject.as_str()));
    assert_eq!(cleared.to_email, "aase@example.dk");
    assert_eq!(cleared.status, outbox::Status::Sent);
    let kept = outbox::find(&mut c, before).expect("row");
    assert!(!kept.body_cleared());
    assert!(kept.message().is_ok(), "just before it: body kept");
    drop(c);

    let (browser, _) = app.signed_in(Role::Admin).await;
    let html = browser.get_html(&format!("/admin/beskeder/{past}")).await;
    assert_eq!(texts(&html, "h1"), vec![subject.clone()]);
    assert_eq!(texts(&html, ".message-cleared").len(), 1);
    let list = browser.get_html("/admin/beskeder").await;
    assert!(texts(&list, ".message-subject").contains(&subject));
}

// --- 5 and 6. People who left -----------------------------------------------

/// A brobygger of `branch` who became alumne at `left` (in the history;
/// the volunteer row says later, and the history wins).
fn leaver(app: &TestApp, email: &str, branch: i64, left: NaiveDateTime) -> TestUser {
    let user = app.create_user(email, &[Role::Volunteer], Some(branch));
    let mut c = conn(app);
    diesel::update(volunteers_table::table.find(user.id))
        .set((
            volunteers_table::status.eq(VolunteerStatus::Alumni),
            volunteers_table::updated_at.eq(brobyg::db::now()),
        ))
        .execute(&mut *c)
        .expect("alumne");
    diesel::insert_into(volunteer_status_changes::table)
        .values((
            volunteer_status_changes::user_id.eq(user.id),
            volunteer_status_changes::from_status.eq(Some(VolunteerStatus::Active.as_str())),
            volunteer_status_changes::to_status.eq(VolunteerStatus::Alumni.as_str()),
            volunteer_status_changes::created_at.eq(left),
        ))
        .execute(&mut *c)
        .expect("history");
    user
}

/// Attendance at a supervision meeting long ago, a notice and the date of
/// the last supervision, for each of `people`.
fn supervision_record(app: &TestApp, branch: i64, people: &[i64]) {
    let session = app.create_session(SessionKind::Supervision, Some(branch), None, -1000);
    let mut c = conn(app);
    let meeting = &brobyg::db::sessions::meetings(&mut c, session).expect("meetings")[0];
    for &id in people {
        attendance_rows::record(
            &mut c,
            meeting.id,
            id,
            AttendanceStatus::Present,
            meeting.minutes(),
            id,
        )
        .expect("attendance");
        brobyg::db::supervision::record_notice(
            &mut c,
            id,
            brobyg::domain::supervision::Standing::Overdue,
            meeting.starts_at.date(),
            meeting.starts_at,
        )
        .expect("notice");
        diesel::update(volunteers_table::table.find(id))
            .set(volunteers_table::last_supervision_at.eq(Some(meeting.starts_at)))
            .execute(&mut *c)
            .expect("last supervision");
    }
}

fn supervision_rows(app: &TestApp, id: i64) -> (i64, i64, Option<NaiveDateTime>) {
    let mut c = conn(app);
    let attended = attendance::table
        .filter(attendance::user_id.eq(id))
        .count()
        .get_result(&mut *c)
        .expect("count");
    let notices = supervision_notices::table
        .filter(supervision_notices::user_id.eq(id))
        .count()
        .get_result(&mut *c)
        .expect("count");
    let last = volunteers_table::table
        .find(id)
        .select(volunteers_table::last_supervision_at)
        .first(&mut *c)
        .expect("volunteer");
    (attended, notices, last)
}

#[tokio::test]
async fn supervision_of_people_who_left_goes_730_days_after_they_left() {
    let app = spawn_app().await;
    let branch = app.create_branch("Aarhus");
    let now = noon_today();
    let cutoff = now - Duration::days(730);
    let past = leaver(
        &app,
        "gik@example.dk",
        branch,
        cutoff - Duration::minutes(1),
    );
    let before = leaver(
        &app,
        "gik-senere@example.dk",
        branch,
        cutoff + Duration::minutes(1),
    );
    let active = app.create_user("aktiv@example.dk", &[Role::Volunteer], Some(branch));
    supervision_record(&app, branch, &[past.id, before.id, active.id]);

    let pass = app.deliver_at(&app.mailer(), now).await;

    // Attendance, notice and the date of the last supervision.
    assert_eq!(pass.retention, 3);
    assert_eq!(supervision_rows(&app, past.id), (0, 0, None), "gone");
    for (user, why) in [(&before, "just before the cut-off"), (&active, "active")] {
        let (attended, notices, last) = supervision_rows(&app, user.id);
        // The pass may add a notice of its own (the active one is overdue).
        assert!(attended == 1 && notices >= 1, "kept: {why}");
        assert!(last.is_some(), "kept: {why}");
    }
    assert!(
        exists_user(&app, past.id),
        "only the supervision record goes"
    );
}

fn checks_of(app: &TestApp, id: i64) -> i64 {
    volunteer_checks::table
        .filter(volunteer_checks::user_id.eq(id))
        .count()
        .get_result(&mut *conn(app))
        .expect("count")
}

#[tokio::test]
async fn a_child_certificate_date_goes_when_the_volunteer_leaves() {
    let app = spawn_app().await;
    let branch = app.create_branch("Randers");
    let now = noon_today();
    let left = leaver(
        &app,
        "stoppet@example.dk",
        branch,
        now - Duration::minutes(1),
    );
    let active = app.create_user("aktiv@example.dk", &[Role::Volunteer], Some(branch));
    for user in [&left, &active] {
        volunteer_settings::record_check(
            &mut conn(&app),
            user.id,
            ExtraCheck::ChildCertificate,
            now.date() - Duration::days(100),
            active.id,
        )
        .expect("check");
    }
    let pass = app.deliver_at(&app.mailer(), now).await;
    assert_eq!(pass.retention, 1);
    assert_eq!(checks_of(&app, left.id), 0, "left: the date is gone");
    assert_eq!(checks_of(&app, active.id), 1, "active: kept");
}

// --- Once a day, settings, the report ----------------------------------------

fn runs_on(app: &TestApp, now: NaiveDateTime) -> Vec<(String, i32)> {
    retention_runs::table
        .filter(retention_runs::day.eq(brobyg::domain::retention::day(now)))
        .select((retention_runs::rule, retention_runs::deleted))
        .order(retention_runs::rule)
        .load(&mut *conn(app))
        .expect("runs")
}

#[tokio::test]
async fn each_rule_runs_once_a_day_whatever_the_passes() {
    let app = spawn_app().await;
    let now = noon_today();
    let mailer = app.mailer();
    let first = app.deliver_at(&mailer, now).await;
    assert_eq!(first.retention, 0, "nothing to delete yet");
    assert_eq!(runs_on(&app, now).len(), Rule::ALL.len(), "every rule ran");

    // Due since the first pass, but today's runs are done.
    let forgotten = account(&app, "glemt@example.dk", false, now - Duration::days(31));
    let second = app.deliver_at(&mailer, now + Duration::hours(1)).await;
    assert_eq!(second.retention, 0);
    assert!(
        exists_user(&app, forgotten),
        "the second pass the same day did nothing"
    );
    assert_eq!(runs_on(&app, now).len(), Rule::ALL.len());

    // Two instances the next day: one of them runs each rule.
    let tomorrow = now + Duration::days(1);
    let other = app.mailer();
    let (a, b) = tokio::join!(
        brobyg::mail::worker::run_once(&mailer, tomorrow),
        brobyg::mail::worker::run_once(&other, tomorrow)
    );
    let (a, b) = (a.expect("a pass"), b.expect("a pass"));
    assert_eq!(a.retention + b.retention, 1);
    assert!(!exists_user(&app, forgotten));
    let runs = runs_on(&app, tomorrow);
    assert_eq!(runs.len(), Rule::ALL.len());
    assert!(runs.contains(&(Rule::UnconfirmedAccounts.as_str().to_string(), 1)));
}

#[tokio::test]
async fn a_shorter_period_set_by_an_administrator_moves_the_cut_off() {
    let app = spawn_app().await;
    let now = noon_today();
    let recent = participant_with_needs(&app, "a@example.dk", now - Duration::days(15));
    let (browser, admin) = app.signed_in(Role::Admin).await;
    let before = app.audit_count();
    let form = retention_form(&[(Rule::Needs, "10")]);
    let response = browser
        .post_form("/admin/privatliv/opbevaring", &pairs(&form))
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.audit_count(),
        before + 1,
        "one rule changed, one audit row"
    );
    let (days, by): (i32, Option<i64>) = retention_settings::table
        .find(Rule::Needs)
        .select((retention_settings::days, retention_settings::updated_by))
        .first(&mut *conn(&app))
        .expect("stored");
    assert_eq!((days, by), (10, Some(admin.id)));
    let html = browser.get_html("/admin/privatliv").await;
    assert_eq!(input_value(&html, "needs").as_deref(), Some("10"));
    // The public notice states the period in force, not the default.
    let notice = app.browser().get_html("/privatliv").await;
    let needs = texts(&notice, "#retention-periods li[data-rule=\"needs\"]");
    assert_eq!(needs.len(), 1);
    assert!(needs[0].ends_with("efter 10 dage"), "{needs:?}");
    let declined = texts(
        &notice,
        "#retention-periods li[data-rule=\"declined_applications\"]",
    );
    assert!(declined[0].ends_with("efter 183 dage"), "{declined:?}");

    let pass = app.deliver_at(&app.mailer(), now).await;
    assert_eq!(pass.retention, 1, "15 days after the course, past 10 days");
    assert_eq!(needs_of(&app, recent), None);

    // The report: today's runs, with the count per rule.
    let html = browser.get_html("/admin/privatliv").await;
    let cells = texts(&html, "#retention-report td[data-rule=\"needs\"]");
    assert_eq!(cells.first().map(String::as_str), Some("1"));
    let last = texts(&html, "tr[data-rule=\"needs\"] .retention-last-run");
    assert!(last[0].starts_with("1 række slettet"), "{last:?}");
}

#[tokio::test]
async fn a_period_outside_the_legal_range_is_refused_with_what_was_typed() {
    let app = spawn_app().await;
    let (browser, _) = app.signed_in(Role::Admin).await;
    let form = retention_form(&[(Rule::UnconfirmedAccounts, "5"), (Rule::Needs, "12")]);
    let response = browser
        .post_refused("/admin/privatliv/opbevaring", &pairs(&form))
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(
        input_value(&html, "unconfirmed_accounts").as_deref(),
        Some("5")
    );
    assert_eq!(
        input_value(&html, "needs").as_deref(),
        Some("12"),
        "kept too"
    );
    let errors = texts(&html, "#f-unconfirmed_accounts-error");
    assert_eq!(errors.len(), 1);
    assert!(errors[0].contains("7–90"), "{errors:?}");
    assert!(texts(&html, "#f-needs-error").is_empty());
    let stored: i64 = retention_settings::table
        .count()
        .get_result(&mut *conn(&app))
        .expect("count");
    assert_eq!(stored, 0, "nothing saved, not even the valid field");

    for bad in ["", "tredive", "-1", "99999999999"] {
        let form = retention_form(&[(Rule::MessageBodies, bad)]);
        let response = browser
            .post_refused("/admin/privatliv/opbevaring", &pairs(&form))
            .await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{bad:?}"
        );
    }
}

#[tokio::test]
async fn a_coordinator_cannot_change_retention() {
    let app = spawn_app().await;
    let (browser, _) = app.signed_in(Role::Coordinator).await;
    let form = retention_form(&[(Rule::Needs, "10")]);
    let response = browser
        .post_refused("/admin/privatliv/opbevaring", &pairs(&form))
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let stored: i64 = retention_settings::table
        .count()
        .get_result(&mut *conn(&app))
        .expect("count");
    assert_eq!(stored, 0);
}

#[tokio::test]
async fn the_demo_shows_yesterdays_runs_and_its_first_pass_deletes_nothing() {
    let app = spawn_app_with(|s| s.demo = Some(true)).await;
    let browser = app.browser();
    browser
        .login("admin@brobyg.test", brobyg::demo::PASSWORD)
        .await;
    let html = browser.get_html("/admin/privatliv").await;
    assert_eq!(texts(&html, "#retention-report tbody tr").len(), 1);
    let needs_before: i64 = genlaer_enrolments::table
        .filter(genlaer_enrolments::needs.is_not_null())
        .count()
        .get_result(&mut *conn(&app))
        .expect("count");
    let pass = app.deliver(&app.mailer()).await;
    assert_eq!(pass.retention, 0, "the demo holds nothing past its time");
    let needs_after: i64 = genlaer_enrolments::table
        .filter(genlaer_enrolments::needs.is_not_null())
        .count()
        .get_result(&mut *conn(&app))
        .expect("count");
    assert_eq!(needs_after, needs_before);
    let messages: i64 = outbox_table::table
        .filter(outbox_table::payload.eq(""))
        .count()
        .get_result(&mut *conn(&app))
        .expect("count");
    assert_eq!(messages, 0);
}

// --- 7. Accounts unused for years -----------------------------------------------

#[tokio::test]
async fn accounts_unused_for_three_years_are_erased_by_the_pass() {
    let app = spawn_app().await;
    let now = noon_today();
    let cutoff = now - Duration::days(1095);
    let unused = app.create_user("gammel.kursist@example.dk", &[Role::Professional], None);
    let lately = app.create_user("ny.kursist@example.dk", &[Role::Professional], None);
    for (user, at) in [
        (&unused, cutoff - Duration::days(1)),
        (&lately, cutoff + Duration::days(1)),
    ] {
        diesel::update(users_table::table.find(user.id))
            .set((
                users_table::created_at.eq(at),
                users_table::updated_at.eq(at),
            ))
            .execute(&mut *conn(&app))
            .expect("backdate");
    }
    let pass = app.deliver_at(&app.mailer(), now).await;
    assert_eq!(pass.retention, 1);
    let erased = |id: i64| -> (String, Option<NaiveDateTime>) {
        users_table::table
            .find(id)
            .select((users_table::name, users_table::erased_at))
            .first(&mut *conn(&app))
            .expect("the account row stays")
    };
    let (name, at) = erased(unused.id);
    assert_eq!(name, "Slettet person");
    assert!(at.is_some());
    assert_eq!(erased(lately.id).1, None, "used within three years: kept");
    assert!(runs_on(&app, now).contains(&(Rule::InactiveAccounts.as_str().to_string(), 1)));
    // The log says the system did it, because the time ran out.
    let (admin, _) = app.signed_in(Role::Admin).await;
    let log = admin.get_html("/admin/revision?handling=erasure").await;
    assert_eq!(
        texts(&log, ".audit-detail"),
        vec!["Opbevaringsperioden udløb"]
    );
}

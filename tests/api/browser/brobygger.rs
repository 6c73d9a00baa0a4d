//! The brobygger's path through the pages: apply, be accepted, enrol in a
//! cohort, have attendance registered, sign the declaration, be active.

use brobyg::content::preparation;
use brobyg::db::sessions::MeetingTimes;
use brobyg::db::{DbConnection, cohorts, users, volunteer_settings};
use brobyg::domain::Role;
use brobyg::domain::activation::BranchRequirements;
use brobyg::domain::events::Message;
use chrono::{Duration, Utc};
use diesel::Connection;

use super::harness::{Tab, button, css, link};
use super::steps::{log_in, log_out};
use crate::helpers::{PASSWORD, TestApp, path_of};

const NAME: &str = "Sara Nielsen";
const EMAIL: &str = "sara@example.dk";
const COHORT: &str = "Forberedelseskursus efterår";

/// A cohort in `branch` with one 20-hour meeting in three days that
/// teaches every module.
fn cohort_teaching_everything(app: &TestApp, branch: i64) -> i64 {
    let material = preparation::load().expect("course material");
    let modules: Vec<String> = material
        .curriculum
        .modules()
        .iter()
        .map(|m| m.id.clone())
        .collect();
    let start = (Utc::now() + Duration::days(3)).naive_utc();
    let mut pooled = app.db.conn().expect("connection");
    let conn: &mut DbConnection = &mut pooled;
    conn.transaction(|c| {
        cohorts::create(
            c,
            &cohorts::NewCohort {
                branch_id: branch,
                title: COHORT,
                location: "Åboulevarden 1",
                capacity: Some(12),
                enrol_deadline: None,
            },
            &[(
                MeetingTimes {
                    starts_at: start,
                    ends_at: start + Duration::hours(20),
                    location: None,
                    online_url: None,
                },
                modules,
            )],
        )
    })
    .expect("cohort")
}

pub async fn applicant_becomes_an_active_brobygger(app: &TestApp, tab: &mut Tab) {
    let aarhus = app.create_branch("Aarhus");
    let coordinator = app.create_user("koordinator@example.dk", &[Role::Coordinator], Some(aarhus));
    {
        let mut conn = app.db.conn().expect("connection");
        volunteer_settings::save(
            &mut conn,
            aarhus,
            &BranchRequirements {
                child_certificate: false,
                auto_activate: true,
            },
            coordinator.id,
        )
        .expect("settings");
    }
    let cohort = cohort_teaching_everything(app, aarhus);

    // 1. The application, from the front page.
    tab.open("/").await;
    tab.follow(link("Bliv brobygger")).await;
    tab.screenshot("brobygger-apply").await;
    tab.fill(css("#f-name"), NAME).await;
    tab.fill(css("#f-email"), EMAIL).await;
    tab.fill(css("#f-phone"), "20 30 40 50").await;
    tab.fill(css("#f-study_programme"), "Sygeplejerske").await;
    tab.fill(css("#f-institution"), "VIA University College")
        .await;
    tab.fill(css("#f-semester"), "4. semester").await;
    tab.choose(css("#f-branch"), "Aarhus").await;
    tab.fill(
        css("#f-motivation"),
        "Jeg vil lære, hvad der står i vejen for, at folk får hjælp.",
    )
    .await;
    tab.fill(css("#f-availability"), "Tirsdage efter kl. 15")
        .await;
    tab.fill(css("#f-password"), PASSWORD).await;
    tab.fill(css("#f-password_confirm"), PASSWORD).await;
    tab.follow(button("Send ansøgning")).await;
    tab.see(css("h1"), "Tak for din ansøgning").await;

    // The receipt's link confirms the address.
    let Message::ApplicationReceived {
        verify_link: Some(verify),
        ..
    } = app.last_message_to(EMAIL)
    else {
        panic!("the receipt has a link to confirm the address");
    };
    tab.open(&path_of(&verify)).await;
    log_in(tab, EMAIL).await;
    tab.follow(link("Mit brobyggerforløb")).await;
    tab.see(css("#volunteer-status"), "Ansøger").await;
    log_out(tab).await;

    // 2. The coordinator accepts.
    log_in(tab, &coordinator.email).await;
    tab.follow(link("Koordinator")).await;
    tab.follow(css(&format!(
        "a[href='/koordinator/afdelinger/{aarhus}/brobyggere']"
    )))
    .await;
    tab.screenshot("coordinator-pipeline").await;
    tab.follow(link(NAME)).await;
    tab.screenshot("coordinator-application").await;
    tab.follow(button("Godkend ansøgningen")).await;
    tab.see(css(".flash"), "Ansøgningen er godkendt").await;
    log_out(tab).await;

    // 3. The volunteer enrols in the branch's cohort.
    log_in(tab, EMAIL).await;
    tab.follow(link("Mit brobyggerforløb")).await;
    tab.see(css("#volunteer-status"), "Godkendt").await;
    tab.follow(link(COHORT)).await;
    tab.follow(button("Tilmeld mig holdet")).await;
    tab.see(css(".flash"), "Du er tilmeldt holdet").await;
    log_out(tab).await;

    // 4. The cohort takes place; the coordinator registers attendance.
    crate::volunteers::support::has_happened(app, cohort);
    let user_id = {
        let mut conn = app.db.conn().expect("connection");
        users::find_by_email(&mut conn, EMAIL)
            .expect("query")
            .expect("the applicant's account")
            .id
    };
    log_in(tab, &coordinator.email).await;
    tab.follow(link("Koordinator")).await;
    tab.follow(link("Hold på forberedelseskurset")).await;
    tab.follow(link(COHORT)).await;
    tab.follow(link("Registrér fremmøde")).await;
    tab.screenshot("coordinator-attendance").await;
    tab.tick(css(&format!("#s-{user_id}-present"))).await;
    tab.follow(button("Gem fremmøde")).await;
    tab.see(css(".flash"), "Fremmødet er gemt").await;
    log_out(tab).await;

    // 5. The volunteer signs the declaration and is active.
    log_in(tab, EMAIL).await;
    tab.follow(link("Mit brobyggerforløb")).await;
    tab.see(css("#progress-hours"), "20 af 20 timer").await;
    tab.follow(link("Læs og underskriv")).await;
    tab.screenshot("brobygger-declaration").await;
    tab.fill(css("#f-name"), NAME).await;
    tab.tick(css("#f-confirm")).await;
    tab.follow(button("Underskriv tavshedserklæringen")).await;
    tab.see(css(".flash"), "Du har underskrevet tavshedserklæringen")
        .await;
    tab.see(css("#volunteer-status"), "Aktiv").await;
    tab.screenshot("brobygger-volunteer").await;
    assert_eq!(app.last_message_to(EMAIL).kind(), "volunteer_activated");
}

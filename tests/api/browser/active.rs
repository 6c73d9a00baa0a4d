//! An active brobygger's own pages: signing up for group supervision and
//! answering yes to a brobyggeraften, then finding both on their agenda;
//! and what the coordinator sees of it.

use brobyg::app::evenings::staff::announce;
use brobyg::db::DbConnection;
use brobyg::db::evenings::NewEvening;
use brobyg::db::sessions::MeetingTimes;
use brobyg::db::supervision::{self, NewSupervision};
use brobyg::domain::Role;
use brobyg::domain::evening::EveningKind;
use brobyg::domain::supervision::{Format, SupervisorKind};
use chrono::{Duration, Utc};
use diesel::Connection;

use super::harness::{Tab, button, css, link};
use super::steps::{log_in, log_out};
use crate::helpers::TestApp;

const EMAIL: &str = "sara@example.dk";
const SUPERVISION: &str = "Gruppesupervision i Aarhus";
const EVENING: &str = "Brobyggeraften: Tolkning";

/// A group supervision and a brobyggeraften planned in `branch`, in two
/// and three weeks.
fn plan_both(app: &TestApp, branch: i64) {
    let at = |days: i64| {
        let start = (Utc::now() + Duration::days(days)).naive_utc();
        MeetingTimes {
            starts_at: start,
            ends_at: start + Duration::hours(2),
            location: None,
            online_url: None,
        }
    };
    let mut pooled = app.db.conn().expect("connection");
    let conn: &mut DbConnection = &mut pooled;
    conn.transaction(|c| {
        supervision::create(
            c,
            &NewSupervision {
                branch_id: branch,
                format: Format::Group,
                title: SUPERVISION,
                supervisor_name: "Hanne Supervisor",
                supervisor_kind: SupervisorKind::External,
                location: "Åboulevarden 1",
                online_url: None,
                capacity: Some(8),
                times: at(14),
            },
        )?;
        announce(
            c,
            &NewEvening {
                kind: EveningKind::Branch,
                branch_id: Some(branch),
                title: EVENING,
                topic: "Tolkning i sundhedsvæsenet",
                speaker: "Hanne Lauridsen",
                location: "Åboulevarden 1, Aarhus",
                capacity: Some(30),
                open_to_other_branches: false,
            },
            &at(21),
        )?;
        Ok::<_, diesel::result::Error>(())
    })
    .expect("supervision and evening");
}

pub async fn active_volunteer_signs_up_for_supervision_and_an_evening(
    app: &TestApp,
    tab: &mut Tab,
) {
    let aarhus = app.create_branch("Aarhus");
    let coordinator = app.create_user("koordinator@example.dk", &[Role::Coordinator], Some(aarhus));
    app.qualified_volunteer(EMAIL, aarhus);
    plan_both(app, aarhus);

    // 1. Supervision, from the volunteer's own page.
    tab.open("/").await;
    log_in(tab, EMAIL).await;
    tab.open("/frivillig").await;
    tab.follow(css("#supervision-link")).await;
    tab.see(css("#open-sessions"), SUPERVISION).await;
    tab.follow(link(SUPERVISION)).await;
    tab.follow(button("Tilmeld mig")).await;
    tab.see(css(".flash"), "Du er tilmeldt supervisionen").await;
    tab.see(css("#my-place"), "Du er tilmeldt").await;
    tab.follow(link("Supervision")).await;
    tab.see(css("#my-sessions"), SUPERVISION).await;
    tab.screenshot("active-supervision").await;

    // 2. The brobyggeraften, from the menu.
    tab.follow(css("header a[href='/aftener']")).await;
    tab.see(css("#evening-list"), EVENING).await;
    tab.follow(link(EVENING)).await;
    tab.see(css("#my-reply"), "Du har ikke svaret endnu").await;
    tab.follow(button("Ja, jeg kommer")).await;
    tab.see(css("#my-reply"), "Du har svaret ja og har en plads")
        .await;
    tab.follow(link("Brobyggeraftener")).await;
    tab.see(css("#evening-list .reply"), "Du har svaret ja")
        .await;
    tab.screenshot("active-evenings").await;

    // 3. Both on the agenda.
    tab.open("/frivillig").await;
    tab.see(css("#agenda-upcoming"), SUPERVISION).await;
    tab.see(css("#agenda-upcoming"), EVENING).await;
    log_out(tab).await;

    // 4. The coordinator's overview and the branch dashboard.
    log_in(tab, &coordinator.email).await;
    tab.open(&format!(
        "/koordinator/supervision/oversigt?afdeling={aarhus}"
    ))
    .await;
    tab.see(css("#overview"), EMAIL).await;
    tab.screenshot("coordinator-supervision-overview").await;
    tab.open(&format!("/koordinator/afdelinger/{aarhus}/oversigt"))
        .await;
    tab.see(css("#supervision-numbers [data-standing=ok]"), "1")
        .await;
    tab.screenshot("coordinator-dashboard").await;
    tab.open(&format!("/koordinator/afdelinger/{aarhus}/aktive"))
        .await;
    tab.see(css("#roster"), EMAIL).await;
    tab.screenshot("coordinator-roster").await;
}

//! The site in a phone's hands (390 px wide): a brobygger in training finds
//! what is missing and where it is taught next, and takes it there, without
//! the page panning sideways.

use brobyg::domain::Role;

use super::harness::{Tab, css, link};
use super::steps::log_in;
use crate::helpers::TestApp;
use crate::volunteers::support::{accepted_volunteer, cohort, module_id};

pub async fn trainee_chooses_a_make_up_session_on_a_phone(app: &TestApp, tab: &mut Tab) {
    let aarhus = app.create_branch("Aarhus");
    let coordinator = app.create_user("koordinator@example.dk", &[Role::Coordinator], Some(aarhus));
    let sara = accepted_volunteer(app, "sara@example.dk", aarhus, coordinator.id);
    cohort(app, aarhus, "Forberedelseskursus forår", &[(4, 4, &[1, 2])]);
    let evening = cohort(app, aarhus, "Aftenhold om tavshedspligt", &[(6, 2, &[3])]);
    let module = module_id(3);

    tab.open("/").await;
    tab.set_width(390).await;
    log_in(tab, &sara.email).await;
    tab.open_menu().await;
    tab.follow(link("Mit brobyggerforløb")).await;
    assert!(
        !tab.pans_sideways().await,
        "the volunteer's page fits a phone"
    );
    tab.screenshot("brobygger-training").await;

    // The checklist's line for module 3 leads to the module's card, where
    // the evening cohort that teaches it is offered.
    let row = format!("module-{module}");
    assert_eq!(
        tab.jump(css(&format!(".checklist a[href='/frivillig#{row}']")))
            .await,
        row
    );
    tab.see(css(&format!("#{row}")), "Aftenhold om tavshedspligt")
        .await;
    tab.follow(css(&format!(
        "#{row} form[action='/forberedelse/hold/{evening}/indhent'] button"
    )))
    .await;
    tab.see(css("#my-status"), "indhentning").await;
    assert!(!tab.pans_sideways().await, "the cohort's page fits a phone");

    tab.open_menu().await;
    tab.follow(link("Mit brobyggerforløb")).await;
    tab.see(css(&format!("#{row}")), "Du er tilmeldt").await;
    tab.see(css("#cohorts + ul"), "indhentning af modul 3")
        .await;
}

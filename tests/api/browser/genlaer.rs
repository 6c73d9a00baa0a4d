//! GenLær as a welfare professional uses it: find a course, enrol, cancel;
//! and the waiting list of a full session.

use brobyg::domain::Role;

use super::harness::{Tab, button, css, link};
use super::steps::{log_in, log_out};
use crate::genlaer::{VALID_EAN, course, enrolment_status, session};
use crate::helpers::TestApp;

/// Fills in the enrolment form of a signed-in person (name and email come
/// from the account) with an EAN number for the invoice.
async fn fill_enrolment(tab: &mut Tab) {
    tab.fill(css("#f-workplace"), "Aarhus Universitetshospital")
        .await;
    tab.fill(css("#f-job_title"), "Sygeplejerske").await;
    tab.tick(css("#f-invoice-ean")).await;
    tab.fill(css("#f-ean"), VALID_EAN).await;
}

pub async fn professional_enrols_and_cancels(app: &TestApp, tab: &mut Tab) {
    let aarhus = app.create_branch("Aarhus");
    let wanted = course(app, "traumebevidst-praksis", "Traumebevidst praksis", None);
    let other = course(app, "sundhed-for-nyankomne", "Sundhed for nyankomne", None);
    let seat = session(app, wanted, Some(aarhus), Some(12), 20, None);
    session(app, other, Some(aarhus), Some(12), 25, None);
    let me = app.create_user("sygeplejerske@example.dk", &[Role::Professional], None);

    tab.open("/").await;
    tab.screenshot("home").await;
    log_in(tab, &me.email).await;

    // Finds the course by searching the catalogue.
    tab.follow(link("GenLær-kurser")).await;
    assert_eq!(tab.texts(".course-entry h2").await.len(), 2);
    tab.fill(css("#f-q"), "traume").await;
    tab.follow(button("Vis kurser")).await;
    assert_eq!(
        tab.texts(".course-entry h2").await,
        vec!["Traumebevidst praksis"],
        "the search finds the one course"
    );
    tab.screenshot("genlaer-catalogue").await;
    tab.follow(link("Traumebevidst praksis")).await;
    tab.see(css("h1"), "Traumebevidst praksis").await;
    tab.screenshot("genlaer-course").await;

    // The session's page, then the form.
    tab.follow(css(&format!(
        ".session-list a[href='/genlaer/hold/{seat}']"
    )))
    .await;
    tab.screenshot("genlaer-session").await;
    tab.follow(link("Tilmeld")).await;
    tab.screenshot("genlaer-enrol").await;

    // A mistyped EAN number is explained beside the field, the rest kept.
    fill_enrolment(tab).await;
    tab.fill(css("#f-ean"), "5798000416605").await;
    tab.follow(button("Tilmeld")).await;
    tab.see(css(".error-summary"), "Formularen er ikke udfyldt korrekt")
        .await;
    tab.see(css("#f-ean-error"), "kontrolcifferet passer ikke")
        .await;
    assert_eq!(
        tab.value(css("#f-workplace")).await,
        "Aarhus Universitetshospital"
    );
    tab.screenshot("genlaer-enrol-error").await;
    assert_eq!(enrolment_status(app, seat, &me.email), None);
    tab.fill(css("#f-ean"), VALID_EAN).await;
    tab.follow(button("Tilmeld")).await;

    // Mine kurser shows the seat; cancelling frees it.
    tab.see(css(".flash"), "Du er tilmeldt.").await;
    tab.see(css("h1"), "Mine kurser").await;
    tab.see(css("#upcoming + ul"), "Hold til test").await;
    assert_eq!(
        enrolment_status(app, seat, &me.email).as_deref(),
        Some("confirmed")
    );
    tab.screenshot("genlaer-mine-kurser").await;
    tab.follow(button("Afmeld")).await;
    tab.see(css(".flash"), "Du er afmeldt").await;
    tab.see(css("main"), "Du er ikke tilmeldt nogen kommende hold")
        .await;
    assert_eq!(
        enrolment_status(app, seat, &me.email).as_deref(),
        Some("cancelled")
    );
}

pub async fn waiting_list_moves_up_after_a_cancellation(app: &TestApp, tab: &mut Tab) {
    let aarhus = app.create_branch("Aarhus");
    let wanted = course(app, "motiverende-samtale", "Motiverende samtale", None);
    let full = session(app, wanted, Some(aarhus), Some(1), 20, None);
    let first = app.create_user("forste@example.dk", &[Role::Professional], None);
    let second = app.create_user("anden@example.dk", &[Role::Professional], None);
    app.enrol(full, first.id);

    // The second person finds the session full and joins the waiting list.
    tab.open("/genlaer").await;
    log_in(tab, &second.email).await;
    tab.follow(link("GenLær-kurser")).await;
    tab.follow(link("Motiverende samtale")).await;
    tab.follow(css(&format!(
        ".session-list a[href='/genlaer/hold/{full}']"
    )))
    .await;
    tab.see(css("main"), "Fuldt – venteliste").await;
    tab.follow(link("Skriv mig på ventelisten")).await;
    fill_enrolment(tab).await;
    tab.follow(button("Skriv mig på ventelisten")).await;
    tab.see(css(".flash"), "du står på ventelisten").await;
    tab.see(css("#waiting + ul"), "nummer 1 på ventelisten")
        .await;
    tab.screenshot("genlaer-waiting-list").await;
    log_out(tab).await;

    // The first person cancels their seat...
    log_in(tab, &first.email).await;
    tab.follow(link("Mine kurser")).await;
    tab.follow(button("Afmeld")).await;
    tab.see(css(".flash"), "Du er afmeldt").await;
    log_out(tab).await;

    // ...and the seat is the second person's at once.
    log_in(tab, &second.email).await;
    tab.follow(link("Mine kurser")).await;
    tab.see(css("#upcoming + ul"), "Hold til test").await;
    tab.see(css("main"), "Du står ikke på nogen venteliste")
        .await;
    assert_eq!(
        enrolment_status(app, full, &second.email).as_deref(),
        Some("confirmed")
    );
    assert_eq!(app.last_message_to(&second.email).kind(), "promoted");
}

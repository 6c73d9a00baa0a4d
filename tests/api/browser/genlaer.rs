//! GenLær as a welfare professional uses it: find a course, enrol, cancel;
//! and the waiting list of a full session.

use brobyg::domain::Role;

use super::harness::{Tab, button, css, link};
use super::steps::{log_in, log_out};
use crate::genlaer::{VALID_CVR, VALID_EAN, course, enrolment_status, in_days, session};
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
    // A seat whose cancellation deadline has passed: Mine kurser says whom
    // to contact instead.
    let late = session(app, other, Some(aarhus), Some(12), 30, Some(in_days(-1)));
    app.enrol(late, me.id);

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

    // The confirmation says what was booked.
    tab.see(css("h1"), "Du har fået en plads").await;
    tab.see(css(".receipt"), VALID_EAN).await;
    tab.screenshot("genlaer-enrol-thanks").await;
    tab.follow(link("Afmeld under Mine kurser")).await;

    // Mine kurser shows the seat; cancelling frees it.
    tab.see(css("h1"), "Mine kurser").await;
    tab.see(css(".organiser-contact"), "aarhus@brobyg.test")
        .await;
    tab.see(css("#upcoming + ul"), "Hold til test").await;
    assert_eq!(
        enrolment_status(app, seat, &me.email).as_deref(),
        Some("confirmed")
    );
    tab.screenshot("genlaer-mine-kurser").await;
    tab.follow(button("Afmeld")).await;
    tab.see(css(".flash"), "Du er afmeldt").await;
    assert_eq!(tab.texts("#upcoming + ul > li").await.len(), 1);
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
    tab.see(css("h1"), "Du står på ventelisten").await;
    tab.see(css(".lead"), "Du er nummer 1 på ventelisten").await;
    tab.screenshot("genlaer-enrol-thanks-waiting-list").await;
    tab.follow(link("Forlad ventelisten under Mine kurser"))
        .await;
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

/// A visitor (not signed in) sends the form half filled in: the page opens
/// on the summary, with the focus there, and each line leads to its field;
/// corrected, the enrolment is confirmed on the page.
pub async fn visitor_corrects_a_failed_enrolment(app: &TestApp, tab: &mut Tab) {
    let aarhus = app.create_branch("Aarhus");
    let wanted = course(app, "traumebevidst-praksis", "Traumebevidst praksis", None);
    let seat = session(app, wanted, Some(aarhus), Some(12), 20, None);

    tab.open(&format!("/genlaer/hold/{seat}/tilmeld")).await;
    // A private workplace: only its invoice fields are shown.
    tab.tick(css("#f-invoice-cvr")).await;
    assert!(
        !tab.is_shown("#f-ean").await,
        "no EAN for a private workplace"
    );
    assert!(tab.is_shown("#f-cvr").await);
    tab.fill(css("#f-name"), "Åse Ørum").await;
    tab.fill(css("#f-cvr"), "123").await;
    tab.follow(button("Tilmeld")).await;

    assert_eq!(tab.focused().await, "error-summary", "focus on the summary");
    let lines = tab.texts(".error-summary li").await;
    assert_eq!(
        lines.first().map(String::as_str),
        Some("E-mail: udfyld feltet."),
        "{lines:?}"
    );
    assert_eq!(lines.len(), 5, "{lines:?}");
    tab.screenshot("genlaer-enrol-errors").await;
    let mut reached = Vec::new();
    for line in &lines {
        tab.return_to(".error-summary").await;
        reached.push(tab.jump(link(line)).await);
    }
    assert_eq!(
        reached,
        [
            "f-email",
            "f-workplace",
            "f-job_title",
            "f-cvr",
            "f-invoice_address"
        ],
        "every line reaches its field, in the order of the form"
    );

    tab.fill(css("#f-email"), "aase@example.dk").await;
    tab.fill(css("#f-workplace"), "Klinik Ørum ApS").await;
    tab.fill(css("#f-job_title"), "Psykolog").await;
    tab.fill(css("#f-cvr"), VALID_CVR).await;
    tab.fill(css("#f-invoice_address"), "Vestergade 1, 8000 Aarhus C")
        .await;
    tab.follow(button("Tilmeld")).await;
    tab.see(css("h1"), "Du har fået en plads").await;
    tab.see(css(".receipt"), VALID_CVR).await;
    assert_eq!(
        enrolment_status(app, seat, "aase@example.dk").as_deref(),
        Some("confirmed")
    );
    let kinds: Vec<String> = app
        .outbox()
        .into_iter()
        .filter(|r| r.to_email == "aase@example.dk")
        .map(|r| r.kind)
        .collect();
    assert_eq!(kinds, ["enrolled"], "one email");
}

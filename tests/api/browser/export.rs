//! A coordinator downloads a GenLær session's participant list for Excel.

use brobyg::domain::Role;
use reqwest::StatusCode;

use super::harness::{Tab, css, link};
use super::steps::{log_in, log_out};
use crate::genlaer::{VALID_EAN, course, enrol_fields, session};
use crate::helpers::TestApp;

pub async fn coordinator_downloads_the_participant_list(app: &TestApp, tab: &mut Tab) {
    let aarhus = app.create_branch("Aarhus");
    let coordinator = app.create_user("koordinator@example.dk", &[Role::Coordinator], Some(aarhus));
    let region_course = course(app, "demens-i-praksis", "Demens i praksis", None);
    let id = session(app, region_course, Some(aarhus), Some(20), 14, None);
    for (name, email) in [
        ("Søren Ærø", "soeren@example.dk"),
        ("Maja Holm", "maja@example.dk"),
    ] {
        let response = app
            .browser()
            .post_form(
                &format!("/genlaer/hold/{id}/tilmeld"),
                &enrol_fields(name, email),
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{name} enrols");
    }

    tab.open("/").await;
    log_in(tab, &coordinator.email).await;
    tab.follow(link("Koordinator")).await;
    tab.screenshot("coordinator").await;
    tab.follow(link("GenLær-kurser, hold og bestillinger"))
        .await;
    tab.screenshot("coordinator-genlaer").await;
    tab.follow(css(&format!("a[href='/koordinator/genlaer/hold/{id}']")))
        .await;
    let (name, bytes) = tab.download(link("Hent deltagerliste")).await;
    assert_eq!(name, format!("genlaer-deltagere-{id}.csv"));
    check_csv(&bytes);

    // The participants' page: on a phone each participant is a card with
    // its actions inside it.
    tab.open(&format!("/koordinator/hold/{id}")).await;
    tab.see(css("#seated + .table-scroll"), "Maja Holm").await;
    tab.screenshot("coordinator-session-participants").await;
    log_out(tab).await;

    // The administrators' outbox lists both confirmations by subject and
    // recipient.
    let admin = app.create_user("admin@example.dk", &[Role::Admin], None);
    log_in(tab, &admin.email).await;
    tab.open("/admin/beskeder").await;
    tab.see(css("table.messages"), "soeren@example.dk").await;
    tab.see(css("table.messages"), "maja@example.dk").await;
    tab.screenshot("admin-outbox").await;
}

/// The participant list as a spreadsheet opens it: UTF-8 with a BOM,
/// semicolons, a column per field.
fn check_csv(bytes: &[u8]) {
    let text = String::from_utf8(bytes.to_vec()).expect("UTF-8");
    let body = text
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark, so Excel reads UTF-8");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(body.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    let column = |title: &str| {
        header
            .iter()
            .position(|h| h == title)
            .unwrap_or_else(|| panic!("a column {title} in {header:?}"))
    };
    let (name_col, email_col, ean_col) = (column("Navn"), column("E-mail"), column("EAN"));
    let mut rows: Vec<(String, String, String)> = reader
        .records()
        .map(|r| {
            let r = r.expect("a row");
            (
                r[name_col].to_string(),
                r[email_col].to_string(),
                r[ean_col].to_string(),
            )
        })
        .collect();
    rows.sort();
    assert_eq!(
        rows,
        vec![
            (
                "Maja Holm".to_string(),
                "maja@example.dk".to_string(),
                VALID_EAN.to_string()
            ),
            (
                "Søren Ærø".to_string(),
                "soeren@example.dk".to_string(),
                VALID_EAN.to_string()
            ),
        ]
    );
}

//! The application form and the coordinator's handling of applications:
//! validation (422, input kept, nothing written), no CPR numbers, existing
//! accounts, declining with a reason, and who may see what.

use brobyg::domain::Role;
use brobyg::domain::events::Message;
use reqwest::StatusCode;

use super::support::{application_fields, apply_and_log_in, post, status_tag};
use crate::helpers::{PASSWORD, input_value, location, spawn_app, texts};

#[tokio::test]
async fn mistakes_are_shown_beside_the_fields_and_nothing_is_written() {
    let app = spawn_app().await;
    let aarhus = app.create_branch("Aarhus");
    let browser = app.browser();
    let mut fields = application_fields("Freja Holm", "freja@", aarhus);
    for (k, v) in fields.iter_mut() {
        match k.as_str() {
            "phone" => *v = "12".into(),
            "birth_year" => *v = "1. maj 2001".into(),
            "motivation" => *v = "Mit CPR-nummer er 010190-1234, hvis I skal bruge det.".into(),
            "branch" => *v = "".into(),
            "availability" => *v = "   ".into(),
            _ => {}
        }
    }
    let response = post(&browser, "/bliv-brobygger", &fields).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    let error = |f: &str| {
        texts(&html, &format!("#f-{f}-error"))
            .pop()
            .unwrap_or_default()
    };
    assert_eq!(
        error("email"),
        "Skriv en gyldig e-mailadresse, fx navn@eksempel.dk."
    );
    assert!(error("phone").starts_with("Skriv et telefonnummer"));
    assert_eq!(error("birth_year"), "Skriv kun fødselsåret, fx 2001.");
    assert_eq!(
        error("motivation"),
        "Skriv ikke CPR-numre. Vi har ikke brug for dem."
    );
    assert_eq!(error("availability"), "Udfyld feltet.");
    assert_eq!(
        error("branch"),
        "Vælg den afdeling, du vil være brobygger i."
    );
    assert_eq!(input_value(&html, "name").as_deref(), Some("Freja Holm"));
    assert_eq!(
        input_value(&html, "institution").as_deref(),
        Some("VIA University College")
    );
    assert!(
        html.contains("Mit CPR-nummer er 010190-1234"),
        "the text is kept to correct"
    );
    assert_eq!(
        input_value(&html, "password"),
        Some(String::new()),
        "never echoed"
    );
    assert_eq!(app.user_count(), 0, "nothing written");
    assert!(app.outbox().is_empty());
}

#[tokio::test]
async fn the_form_is_labelled_and_asks_for_a_birth_year_at_most() {
    let app = spawn_app().await;
    app.create_branch("Aarhus");
    let html = app.browser().get_html("/bliv-brobygger").await;
    let doc = scraper::Html::parse_document(&html);
    let inputs =
        scraper::Selector::parse("input:not([type=hidden]), select, textarea").expect("css");
    for input in doc.select(&inputs) {
        let id = input.value().attr("id").expect("fields have ids");
        let label = scraper::Selector::parse(&format!("label[for=\"{id}\"]")).expect("css");
        assert!(doc.select(&label).next().is_some(), "{id} has a label");
    }
    assert!(!html.to_lowercase().contains("name=\"cpr"), "no CPR field");
    assert!(html.contains("name=\"birth_year\""));
    assert_eq!(texts(&html, "#f-branch optgroup option"), vec!["Aarhus"]);
}

#[tokio::test]
async fn an_address_with_an_account_learns_nothing_and_its_owner_is_told() {
    let app = spawn_app().await;
    let aarhus = app.create_branch("Aarhus");
    let existing = app.create_user("sara@example.dk", &[Role::Professional], None);
    let response = post(
        &app.browser(),
        "/bliv-brobygger",
        &application_fields("Sara", &existing.email, aarhus),
    )
    .await;
    assert_eq!(
        location(&response),
        "/bliv-brobygger/tak",
        "the same answer"
    );
    assert_eq!(
        app.last_message_to(&existing.email).kind(),
        "account_exists"
    );
    assert_eq!(app.user_count(), 1);

    // Signed in, the same person applies with their account.
    let browser = app.browser();
    browser.login(&existing.email, PASSWORD).await;
    let form = browser.get_html("/bliv-brobygger").await;
    assert!(input_value(&form, "email").is_none(), "no account fields");
    let fields: Vec<(String, String)> = application_fields("", "", aarhus)
        .into_iter()
        .filter(|(k, _)| !["name", "email", "password", "password_confirm"].contains(&k.as_str()))
        .collect();
    let response = post(&browser, "/bliv-brobygger", &fields).await;
    assert_eq!(location(&response), "/frivillig");
    let html = browser.get_html("/frivillig").await;
    assert_eq!(status_tag(&html), "Ansøger");
    assert!(matches!(
        app.last_message_to(&existing.email),
        Message::ApplicationReceived {
            verify_link: None,
            ..
        }
    ));
    assert_eq!(
        location(&browser.get("/bliv-brobygger").await),
        "/frivillig",
        "one application at a time"
    );
}

#[tokio::test]
async fn a_declined_applicant_is_told_why_and_sees_it() {
    let app = spawn_app().await;
    let aarhus = app.create_branch("Aarhus");
    let coordinator = app.create_user("k@example.dk", &[Role::Coordinator], Some(aarhus));
    let (me, user) = apply_and_log_in(&app, "Jonas Bak", "jonas@example.dk", aarhus).await;
    let staff = app.browser();
    staff.login(&coordinator.email, PASSWORD).await;
    let application = {
        let mut conn = app.db.conn().expect("connection");
        brobyg::db::applications::latest_of(&mut conn, user.id)
            .expect("query")
            .expect("application")
            .id
    };
    let path = format!("/koordinator/ansoegninger/{application}");
    let pipeline = format!("/koordinator/afdelinger/{aarhus}/brobyggere");
    let waiting = |html: &str| texts(html, "#new-applications");
    assert_eq!(
        waiting(&staff.get_html(&pipeline).await),
        vec!["Nye ansøgninger (1)"]
    );
    super::support::assert_pending_application_counts_are_live(&app);

    let response = staff
        .post_form(&format!("{path}/afvis"), &[("reason", "  ")])
        .await;
    assert_eq!(
        response.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a reason is needed"
    );
    let response = staff
        .post_form(
            &format!("{path}/samtale"),
            &[("intro_on", "i går"), ("intro_outcome", "Fin")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(input_value(&html, "intro_on").as_deref(), Some("i går"));
    assert_eq!(
        texts(&html, "#f-intro_on-error"),
        vec!["Skriv en dato, fx 30.03.2026."]
    );
    assert_eq!(
        status_tag(&me.get_html("/frivillig").await),
        "Ansøger",
        "nothing decided"
    );

    let reason = "Vi har ikke plads på holdene i dette semester.";
    let response = staff
        .post_form(&format!("{path}/afvis"), &[("reason", reason)])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let Message::ApplicationDeclined { reason: told, .. } = app.last_message_to(&user.email) else {
        panic!("the applicant is told");
    };
    assert_eq!(
        waiting(&staff.get_html(&pipeline).await),
        vec!["Nye ansøgninger (0)"],
        "decided: no longer waiting"
    );
    super::support::assert_pending_application_counts_are_live(&app);
    assert_eq!(told, reason);
    let html = me.get_html("/frivillig").await;
    assert_eq!(status_tag(&html), "Afvist");
    assert!(html.contains(reason));
    assert_eq!(
        staff
            .post_refused(&format!("{path}/godkend"), &[])
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        status_tag(&me.get_html("/frivillig").await),
        "Afvist",
        "decided once"
    );
    assert_eq!(
        me.get("/frivillig/materiale").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        me.get("/frivillig/tavshedserklaering").await.status(),
        StatusCode::FORBIDDEN
    );
    // The branch's list counts the declined, not an applicant any more.
    let list = staff
        .get_html(&format!("/koordinator/afdelinger/{aarhus}"))
        .await;
    assert_eq!(
        texts(&list, "#status-filter a[data-status=rejected]"),
        vec!["Afvist (1)"]
    );
    assert_eq!(
        texts(&list, "#status-filter a[data-status=applicant]"),
        Vec::<String>::new(),
        "no applicant left to filter by"
    );
    super::support::assert_volunteer_counts_are_live(&app);
}

#[tokio::test]
async fn applications_are_seen_only_by_their_branchs_coordinators() {
    let app = spawn_app().await;
    let aarhus = app.create_branch("Aarhus");
    let odense = app.create_branch("Odense");
    app.create_user("k-odense@example.dk", &[Role::Coordinator], Some(odense));
    let (me, user) = apply_and_log_in(&app, "Freja Holm", "freja@example.dk", aarhus).await;
    let (other_applicant, _) = apply_and_log_in(&app, "Bo Berg", "bo@example.dk", aarhus).await;
    let application = {
        let mut conn = app.db.conn().expect("connection");
        brobyg::db::applications::latest_of(&mut conn, user.id)
            .expect("query")
            .expect("application")
            .id
    };
    let path = format!("/koordinator/ansoegninger/{application}");
    let odense_staff = app.browser();
    odense_staff.login("k-odense@example.dk", PASSWORD).await;
    for browser in [&me, &other_applicant, &odense_staff] {
        assert_eq!(browser.get(&path).await.status(), StatusCode::FORBIDDEN);
        for action in ["godkend", "afvis", "samtale"] {
            let response = browser
                .post_form(
                    &format!("{path}/{action}"),
                    &[
                        ("reason", "Nej"),
                        ("intro_on", "2026-11-01"),
                        ("intro_outcome", "x"),
                    ],
                )
                .await;
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "{action}");
        }
    }
    assert_eq!(
        odense_staff
            .get(&format!("/koordinator/afdelinger/{aarhus}/brobyggere"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        status_tag(&me.get_html("/frivillig").await),
        "Ansøger",
        "untouched"
    );
    let (admin, _) = app.signed_in(Role::Admin).await;
    assert!(
        admin.get_html(&path).await.contains("Freja Holm"),
        "administrators oversee all"
    );
    let anonymous = app.browser().get(&path).await;
    assert_eq!(anonymous.status(), StatusCode::SEE_OTHER);
}

/// A byte that is not UTF-8 (`%FF`) was stored as U+FFFD. It is refused
/// beside the field with a 422, the rest of what was typed kept, and nothing
/// is written.
#[tokio::test]
async fn bytes_that_are_not_utf8_are_refused_beside_the_field() {
    let app = spawn_app().await;
    let branch = app.create_branch("Aarhus");
    let browser = app.browser();
    let users_before = app.user_count();
    let fields: Vec<(String, String)> = application_fields("", "ffff@example.dk", branch)
        .into_iter()
        .filter(|(k, _)| k != "name" && k != "motivation")
        .collect();
    let borrowed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let response = browser
        .post_form_raw(
            "/bliv-brobygger",
            &borrowed,
            "name=Anna%20%FFBerg&motivation=Jeg%20vil%20hj%C3%A6lpe%FE",
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    for field in ["name", "motivation"] {
        assert_eq!(
            texts(&html, &format!("#f-{field}-error")),
            vec![
                "Teksten indeholder tegn, der ikke kunne læses (ugyldig UTF-8), vist som \u{FFFD}. Skriv den igen."
            ],
            "{field}"
        );
    }
    assert_eq!(
        input_value(&html, "name").as_deref(),
        Some("Anna \u{FFFD}Berg"),
        "input kept"
    );
    assert_eq!(
        input_value(&html, "email").as_deref(),
        Some("ffff@example.dk")
    );
    assert_eq!(app.user_count(), users_before, "nothing written");
}

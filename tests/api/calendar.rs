//! The personal calendar feed and the "add to calendar" download: what
//! they hold, and that they reveal nothing to anyone else.

use brobyg::domain::Role;
use brobyg::domain::session::SessionKind;
use reqwest::StatusCode;

use crate::helpers::{Browser, PASSWORD, TestApp, TestUser, input_value, location, spawn_app};
use crate::mail_support::*;
use crate::smtp::{ics_values, keep_ics_sample};

async fn signed_in_as(app: &TestApp, user: &TestUser) -> Browser {
    let browser = app.browser();
    let response = browser.login(&user.email, PASSWORD).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    browser
}

/// The feed's path as the account page shows it.
async fn feed_path(browser: &Browser) -> String {
    let html = browser.get_html("/konto").await;
    let url = input_value(&html, "feed").unwrap_or_else(|| {
        let doc = scraper::Html::parse_document(&html);
        let css = scraper::Selector::parse("#f-feed").expect("css");
        doc.select(&css)
            .next()
            .and_then(|e| e.value().attr("value"))
            .expect("the feed address is shown")
            .to_string()
    });
    crate::helpers::path_of(&url)
}

#[tokio::test]
async fn the_feed_holds_every_upcoming_meeting_with_a_seat_and_nothing_else() {
    let app = spawn_app().await;
    let aase = person(&app, "aase@example.dk", "Åse Ørum", "da");
    let other = person(&app, "bo@example.dk", "Bo Æbelø", "da");
    let branch = branch(&app, "Aarhus");
    let course = session_at(
        &app,
        SessionKind::Genlaer,
        Some(branch),
        None,
        &[in_hours(24 * 5)],
    );
    let cohort = session_at(
        &app,
        SessionKind::Cohort,
        Some(branch),
        None,
        &[in_hours(24 * 7), in_hours(24 * 14)],
    );
    let full = session_at(
        &app,
        SessionKind::Evening,
        None,
        Some(1),
        &[in_hours(24 * 3)],
    );
    let left = session_at(
        &app,
        SessionKind::Supervision,
        None,
        None,
        &[in_hours(24 * 4)],
    );
    enrol(&app, course, &aase);
    enrol(&app, cohort, &aase);
    enrol(&app, full, &other);
    enrol(&app, full, &aase); // waiting list only
    enrol(&app, left, &aase);
    tx(&app, |c| {
        brobyg::app::engine::cancel(c, left, aase.id, None)
    })
    .expect("cancelled");
    enrol(&app, left, &other);

    let browser = signed_in_as(&app, &aase).await;
    let path = feed_path(&browser).await;
    assert!(
        path.starts_with("/kalender/") && path.ends_with(".ics"),
        "{path}"
    );
    assert_eq!(
        feed_path(&browser).await,
        path,
        "the address stays the same"
    );
    let page = browser.get_html("/konto").await;
    assert!(page.contains("Outlook") && page.contains("Google") && page.contains("Apple"));
    let doc = scraper::Html::parse_document(&page);
    let webcal = scraper::Selector::parse("a[href^=\"webcal://\"]").expect("css");
    assert!(doc.select(&webcal).next().is_some(), "a webcal:// link");

    // A calendar client: no cookies.
    let response = app.browser().get(&path).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .expect("header")
            .starts_with("text/calendar")
    );
    let feed = response.text().await.expect("body");
    keep_ics_sample("feed", &feed);
    assert!(feed.contains("\r\nMETHOD:PUBLISH\r\n"));
    let mut uids = ics_values(&feed, "UID");
    uids.sort();
    let mut expected: Vec<String> = [course, cohort]
        .iter()
        .flat_map(|s| meeting_ids(&app, *s))
        .map(|m| format!("meeting-{m}-user-{}@brobyg.socialsundhed.dk", aase.id))
        .collect();
    expected.sort();
    assert_eq!(uids, expected, "the same UIDs as the invitations");
    assert!(
        ics_values(&feed, "ATTENDEE")
            .iter()
            .all(|a| a == "mailto:aase@example.dk")
    );
    assert_eq!(ics_values(&feed, "X-WR-CALNAME"), ["Brobyg – Åse Ørum"]);

    // Bo's feed shows Bo's meetings, none of Åse's.
    let bo_browser = signed_in_as(&app, &other).await;
    let bo_feed = app.browser().get_html(&feed_path(&bo_browser).await).await;
    assert!(!bo_feed.contains("aase@example.dk"));
    assert!(!bo_feed.contains(&format!("user-{}@", aase.id)));
    assert_eq!(ics_values(&bo_feed, "UID").len(), 2, "{bo_feed}");
}

/// The account page makes the feed's address the first time it is shown;
/// after that, looking at it writes nothing (every write on an instance
/// also empties its caches of public pages).
#[tokio::test]
async fn the_feed_address_is_made_once_and_looking_again_writes_nothing() {
    let app = spawn_app().await;
    let aase = person(&app, "aase@example.dk", "Åse Ørum", "da");
    let browser = signed_in_as(&app, &aase).await;
    let before = app.db.generation();
    let first = feed_path(&browser).await;
    assert!(app.db.generation() > before, "made on first view");
    let before = app.db.generation();
    assert_eq!(feed_path(&browser).await, first);
    assert_eq!(app.db.generation(), before, "nothing written");
    assert_eq!(app.browser().get(&first).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_wrong_token_finds_nothing_and_a_renewed_one_replaces_the_old_at_once() {
    let app = spawn_app().await;
    let aase = person(&app, "aase@example.dk", "Åse Ørum", "da");
    let browser = signed_in_as(&app, &aase).await;
    let old = feed_path(&browser).await;
    assert_eq!(app.browser().get(&old).await.status(), StatusCode::OK);
    let wrong = format!("/kalender/{}.ics", "A".repeat(43));
    for path in [
        wrong.as_str(),
        "/kalender/kort.ics",
        "/kalender/..%2F..%2Fx.ics",
    ] {
        assert_eq!(
            app.browser().get(path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }

    // Renewing is a form like any other: without the CSRF token, refused.
    let refused = browser
        .client
        .post(browser.url("/konto/kalender/forny"))
        .send()
        .await
        .expect("POST");
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.browser().get(&old).await.status(), StatusCode::OK);

    let response = browser.post_form("/konto/kalender/forny", &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/konto#kalender");
    let new = feed_path(&browser).await;
    assert_ne!(new, old);
    assert_eq!(
        app.browser().get(&old).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.browser().get(&new).await.status(), StatusCode::OK);

    // Anonymous visitors cannot renew anyone's.
    let anonymous = app.browser().post_form("/konto/kalender/forny", &[]).await;
    assert_eq!(anonymous.status(), StatusCode::SEE_OTHER);
    assert!(location(&anonymous).starts_with("/log-ind"));
    assert_eq!(app.browser().get(&new).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn add_to_calendar_is_public_for_genlaer_and_private_for_the_rest() {
    let app = spawn_app().await;
    let branch = branch(&app, "Aarhus");
    let aase = person(&app, "aase@example.dk", "Åse Ørum", "da");
    let stranger = person(&app, "fremmed@example.dk", "Frede Fremmed", "da");
    let course = session_at(
        &app,
        SessionKind::Genlaer,
        Some(branch),
        None,
        &[in_hours(24 * 5)],
    );
    let cohort = session_at(
        &app,
        SessionKind::Cohort,
        Some(branch),
        None,
        &[in_hours(24 * 6)],
    );
    enrol(&app, cohort, &aase);

    let path = brobyg::web::routes::calendar::download_path(course);
    let response = app.browser().get(&path).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .expect("header")
            .starts_with("attachment")
    );
    let public = response.text().await.expect("body");
    keep_ics_sample("download-public", &public);
    let meeting = meeting_ids(&app, course)[0];
    assert_eq!(
        ics_values(&public, "UID"),
        [format!("meeting-{meeting}@brobyg.socialsundhed.dk")]
    );
    assert_eq!(
        ics_values(&public, "ORGANIZER"),
        ["mailto:aarhus@brobyg.test"]
    );
    assert!(ics_values(&public, "ATTENDEE").is_empty());

    let private = brobyg::web::routes::calendar::download_path(cohort);
    let anonymous = app.browser().get(&private).await;
    assert_eq!(anonymous.status(), StatusCode::SEE_OTHER);
    assert!(location(&anonymous).starts_with("/log-ind"));
    let outsider = signed_in_as(&app, &stranger).await;
    assert_eq!(outsider.get(&private).await.status(), StatusCode::FORBIDDEN);

    let participant = signed_in_as(&app, &aase).await;
    let own = participant.get_html(&private).await;
    keep_ics_sample("download-participant", &own);
    let meeting = meeting_ids(&app, cohort)[0];
    assert_eq!(
        ics_values(&own, "UID"),
        [format!(
            "meeting-{meeting}-user-{}@brobyg.socialsundhed.dk",
            aase.id
        )],
        "the participant's own entry"
    );
    let (coordinator_browser, _) = {
        let user = app.create_user("koord@example.dk", &[Role::Coordinator], Some(branch));
        (signed_in_as(&app, &user).await, user)
    };
    assert_eq!(
        coordinator_browser.get(&private).await.status(),
        StatusCode::OK
    );
    let (other_coordinator, _) = app.signed_in(Role::Coordinator).await;
    assert_eq!(
        other_coordinator.get(&private).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.browser()
            .get("/kalender/hold/999999.ics")
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

use brobyg::domain::Role;
use brobyg::domain::events::Message;
use reqwest::StatusCode;

use super::{VALID_CVR, course, enrol_fields, enrolment_status, in_days, kinds_to, session};
use crate::helpers::{PASSWORD, input_value, location, spawn_app, texts};

#[tokio::test]
async fn a_visitor_enrols_gets_an_account_and_the_details_are_kept() {
    let app = spawn_app().await;
    let c = course(&app, "lgbt", "LGBT+ venlig praksis", None);
    let s = session(&app, c, None, Some(10), 10, None);
    let browser = app.browser();
    let form = browser
        .get_html(&format!("/genlaer/hold/{s}/tilmeld"))
        .await;
    assert!(
        form.contains("Gratis afmelding indtil fristen."),
        "terms before enrolling"
    );
    let response = browser
        .post_form(
            &format!("/genlaer/hold/{s}/tilmeld"),
            &enrol_fields("Åse Ørum", "Aase@Example.dk"),
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), format!("/genlaer/hold/{s}/tak"));
    assert_eq!(
        enrolment_status(&app, s, "aase@example.dk").as_deref(),
        Some("confirmed")
    );
    // One email: the seat and the new account's password link together.
    assert_eq!(kinds_to(&app, "aase@example.dk"), vec!["enrolled"]);
    // The thank-you page says what was booked, as the email does.
    let thanks = browser.get_html(&format!("/genlaer/hold/{s}/tak")).await;
    assert!(thanks.contains("Du har fået en plads"), "seat said plainly");
    for shown in [
        "Hold til test",
        "Søndergade 1, Aarhus",
        super::VALID_EAN,
        "PO-1",
        "Afmeldingsfrist",
    ] {
        assert!(thanks.contains(shown), "the thank-you page shows {shown}");
    }
    let links: Vec<String> = {
        let doc = scraper::Html::parse_document(&thanks);
        let a = scraper::Selector::parse(".receipt-actions a").expect("selector");
        doc.select(&a)
            .filter_map(|e| e.value().attr("href").map(String::from))
            .collect()
    };
    assert_eq!(
        links,
        [
            format!("/kalender/hold/{s}.ics"),
            "/genlaer/mine-kurser".into()
        ],
        "add to calendar and cancel"
    );
    // Another browser sees no one's enrolment there.
    let stranger = app
        .browser()
        .get_html(&format!("/genlaer/hold/{s}/tak"))
        .await;
    assert!(!stranger.contains(super::VALID_EAN));
    // The email says the same.
    let row = app
        .outbox()
        .into_iter()
        .find(|r| r.kind == "enrolled")
        .expect("the confirmation");
    let to = brobyg::domain::events::Recipient {
        user_id: row.user_id,
        email: row.to_email.clone(),
        name: row.to_name.clone(),
        language: row.language,
    };
    let mail =
        brobyg::mail::render::render(&app.state.templates, &to, &row.message().expect("message"))
            .expect("rendered");
    for said in [
        super::VALID_EAN,
        "PO-1",
        "Afmeldingsfrist",
        "Vælg adgangskode",
    ] {
        assert!(mail.html.contains(said), "the email shows {said}");
    }
    for said in [super::VALID_EAN, "PO-1", "Afmeldingsfrist", ".ics"] {
        assert!(mail.text.contains(said), "the text email shows {said}");
    }
    let details = {
        let mut conn = app.db.conn().expect("connection");
        brobyg::db::genlaer::details_of_session(&mut conn, s).expect("details")
    };
    assert_eq!(details.len(), 1);
    assert_eq!(details[0].1.workplace, "Aarhus Universitetshospital");
    assert_eq!(details[0].1.ean.as_deref(), Some(super::VALID_EAN));
    assert_eq!(details[0].1.reference.as_deref(), Some("PO-1"));

    // The welcome link sets a password and signs in.
    let brobyg::domain::events::Message::Enrolled {
        receipt: Some(receipt),
        ..
    } = app
        .outbox()
        .into_iter()
        .find(|r| r.kind == "enrolled")
        .expect("the confirmation")
        .message()
        .expect("message")
    else {
        panic!("expected a confirmation with a receipt");
    };
    let link = receipt.account_link.expect("the new account's link");
    let path = crate::helpers::path_of(&link);
    let fresh = app.browser();
    assert_eq!(fresh.get(&path).await.status(), StatusCode::OK);
    let done = fresh
        .post_form(
            &path,
            &[("password", PASSWORD), ("password_confirm", PASSWORD)],
        )
        .await;
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    let mine = fresh.get_html("/genlaer/mine-kurser").await;
    assert!(
        mine.contains(&format!("/genlaer/hold/{s}\"")),
        "Mine kurser lists it"
    );
}

#[tokio::test]
async fn an_existing_accounts_email_is_used_without_revealing_anything() {
    let app = spawn_app().await;
    let c = course(&app, "lgbt", "LGBT+ venlig praksis", None);
    let s = session(&app, c, None, Some(10), 10, None);
    let owner = app.create_user("ejer@example.dk", &[Role::Professional], None);
    let before = app.user_count();
    let browser = app.browser();
    let first = browser
        .post_form(
            &format!("/genlaer/hold/{s}/tilmeld"),
            &enrol_fields("Nogen", "ejer@example.dk"),
        )
        .await;
    let again = browser
        .post_form(
            &format!("/genlaer/hold/{s}/tilmeld"),
            &enrol_fields("Nogen", "ejer@example.dk"),
        )
        .await;
    // The same answer whether the address had an account, or was enrolled.
    assert_eq!(location(&first), format!("/genlaer/hold/{s}/tak"));
    assert_eq!(location(&again), format!("/genlaer/hold/{s}/tak"));
    assert_eq!(app.user_count(), before, "no second account");
    assert_eq!(
        kinds_to(&app, &owner.email),
        vec!["enrolled"],
        "the owner is told"
    );
    let thanks = browser.get_html(&format!("/genlaer/hold/{s}/tak")).await;
    assert!(!thanks.contains("ejer@example.dk") && !thanks.contains("Test ejer"));
}

#[tokio::test]
async fn invalid_ean_and_cvr_are_refused_beside_the_field_and_nothing_is_written() {
    let app = spawn_app().await;
    let c = course(&app, "lgbt", "LGBT+ venlig praksis", None);
    let s = session(&app, c, None, Some(10), 10, None);
    let browser = app.browser();
    let users_before = app.user_count();
    let mut fields = enrol_fields("Åse Ørum", "aase@example.dk");
    fields.retain(|(k, _)| *k != "ean");
    fields.push(("ean", "5798000416605"));
    let response = browser
        .post_form(&format!("/genlaer/hold/{s}/tilmeld"), &fields)
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(
        texts(&html, "#f-ean-error"),
        vec![
            "EAN-nummeret er ikke gyldigt (kontrolcifferet passer ikke). Tjek, at det er skrevet rigtigt."
        ]
    );
    assert!(html.contains("aria-describedby=\"f-ean-hint f-ean-error\""));
    assert_eq!(
        input_value(&html, "name").as_deref(),
        Some("Åse Ørum"),
        "input kept"
    );
    assert_eq!(input_value(&html, "ean").as_deref(), Some("5798000416605"));

    let mut fields = enrol_fields("Åse Ørum", "aase@example.dk");
    fields.retain(|(k, _)| !["invoice_kind", "cvr", "invoice_address"].contains(k));
    fields.extend([
        ("invoice_kind", "cvr"),
        ("cvr", "29189405"),
        ("invoice_address", ""),
    ]);
    let response = browser
        .post_form(&format!("/genlaer/hold/{s}/tilmeld"), &fields)
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(
        texts(&html, "#f-cvr-error"),
        vec!["CVR-nummeret er ikke gyldigt. Tjek, at det er skrevet rigtigt."]
    );
    assert_eq!(
        texts(&html, "#f-invoice_address-error"),
        vec!["Udfyld feltet."]
    );
    assert_eq!(app.user_count(), users_before, "no account made");
    assert!(app.outbox().is_empty(), "no message");
    assert_eq!(enrolment_status(&app, s, "aase@example.dk"), None);

    // A valid CVR with an address goes through.
    let mut fields = enrol_fields("Åse Ørum", "aase@example.dk");
    fields.retain(|(k, _)| !["invoice_kind", "cvr", "invoice_address"].contains(k));
    fields.extend([
        ("invoice_kind", "cvr"),
        ("cvr", VALID_CVR),
        ("invoice_address", "Vestergade 1, 8000 Aarhus C"),
    ]);
    let response = browser
        .post_form(&format!("/genlaer/hold/{s}/tilmeld"), &fields)
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_full_session_queues_promotes_on_cancel_and_lets_people_leave_the_queue() {
    let app = spawn_app().await;
    let c = course(&app, "lgbt", "LGBT+ venlig praksis", None);
    let s = session(&app, c, None, Some(1), 10, None);
    let (anna, a) = app.signed_in(Role::Professional).await;
    let (bo, b) = app.signed_in(Role::Professional).await;
    let (cai, cu) = app.signed_in(Role::Professional).await;
    for browser in [&anna, &bo, &cai] {
        let r = browser
            .post_form(
                &format!("/genlaer/hold/{s}/tilmeld"),
                &enrol_fields("Navn", "ignoreret@example.dk"),
            )
            .await;
        assert_eq!(location(&r), format!("/genlaer/hold/{s}/tak"));
    }
    let thanks = bo.get_html(&format!("/genlaer/hold/{s}/tak")).await;
    assert!(thanks.contains("Du står på ventelisten"), "{thanks}");
    assert!(thanks.contains("Du er nummer 1 på ventelisten"));
    assert_eq!(
        enrolment_status(&app, s, &a.email).as_deref(),
        Some("confirmed")
    );
    assert_eq!(
        enrolment_status(&app, s, &b.email).as_deref(),
        Some("waitlisted")
    );
    let mine = bo.get_html("/genlaer/mine-kurser").await;
    assert!(mine.contains("nummer 1 på ventelisten"));
    let page = cai.get_html(&format!("/genlaer/hold/{s}")).await;
    assert!(
        page.contains("nummer 2"),
        "the session page tells the place"
    );

    anna.post_form(&format!("/genlaer/hold/{s}/afmeld"), &[])
        .await;
    assert_eq!(
        enrolment_status(&app, s, &a.email).as_deref(),
        Some("cancelled")
    );
    assert_eq!(
        enrolment_status(&app, s, &b.email).as_deref(),
        Some("confirmed")
    );
    assert_eq!(kinds_to(&app, &b.email), vec!["waitlisted", "promoted"]);

    cai.post_form(&format!("/genlaer/hold/{s}/afmeld"), &[])
        .await;
    assert_eq!(
        enrolment_status(&app, s, &cu.email).as_deref(),
        Some("withdrawn")
    );
    assert_eq!(
        kinds_to(&app, &cu.email),
        vec!["waitlisted", "left_waitlist"]
    );
    let history = cai.get_html("/genlaer/mine-kurser").await;
    assert!(history.contains("Forlod ventelisten"));
}

#[tokio::test]
async fn participants_cancel_before_the_deadline_and_coordinators_after_it() {
    let app = spawn_app().await;
    let branch = app.create_branch("Aarhus");
    let coordinator = app.create_user("k@example.dk", &[Role::Coordinator], Some(branch));
    let c = course(&app, "lgbt", "LGBT+ venlig praksis", None);
    let open = session(&app, c, Some(branch), Some(5), 10, Some(in_days(5)));
    let late = session(&app, c, Some(branch), Some(1), 10, Some(in_days(-1)));
    let (anna, a) = app.signed_in(Role::Professional).await;
    let (bo, b) = app.signed_in(Role::Professional).await;
    let (_, w) = app.signed_in(Role::Professional).await;
    app.enrol(open, a.id);
    app.enrol(late, a.id);
    app.enrol(late, w.id);
    app.enrol(late, b.id);

    let ok = anna
        .post_form(&format!("/genlaer/hold/{open}/afmeld"), &[])
        .await;
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        enrolment_status(&app, open, &a.email).as_deref(),
        Some("cancelled")
    );

    anna.post_form(&format!("/genlaer/hold/{late}/afmeld"), &[])
        .await;
    let page = anna.get_html("/genlaer/mine-kurser").await;
    assert!(page.contains("Afmeldingsfristen er overskredet"));
    assert_eq!(
        enrolment_status(&app, late, &a.email).as_deref(),
        Some("confirmed"),
        "refused"
    );

    // A coordinator cancels late; the seat goes to the queue: refilled.
    let staff = app.browser();
    staff.login(&coordinator.email, PASSWORD).await;
    staff
        .post_form(&format!("/koordinator/hold/{late}/afmeld/{}", a.id), &[])
        .await;
    let row = |user: i64| {
        let mut conn = app.db.conn().expect("connection");
        brobyg::db::enrolments::find(&mut conn, late, user)
            .expect("q")
            .expect("row")
    };
    let first = row(a.id);
    assert!(first.late_cancellation && first.refilled);
    assert_eq!(first.cancelled_by, Some(coordinator.id));
    assert_eq!(
        enrolment_status(&app, late, &w.email).as_deref(),
        Some("confirmed")
    );
    // Again with someone still waiting (bo), then with nobody: not refilled.
    staff
        .post_form(&format!("/koordinator/hold/{late}/afmeld/{}", w.id), &[])
        .await;
    assert!(row(w.id).refilled);
    staff
        .post_form(&format!("/koordinator/hold/{late}/afmeld/{}", b.id), &[])
        .await;
    let last = row(b.id);
    assert!(last.late_cancellation && !last.refilled);
    let _ = bo;
}

/// A NUL byte gave a 500 on PostgreSQL, and on SQLite it was stored, after
/// which no email to the person could be built. Control characters are
/// refused beside the field, with what was typed kept.
#[tokio::test]
async fn control_characters_are_refused_beside_the_field_and_nothing_is_written() {
    let app = spawn_app().await;
    let c = course(&app, "styretegn", "Styretegn", None);
    let s = session(&app, c, None, Some(10), 10, None);
    let browser = app.browser();
    let users_before = app.user_count();
    let mut fields = enrol_fields("Åse\u{0}Ørum", "styretegn@example.dk");
    fields.retain(|(k, _)| *k != "workplace");
    fields.push(("workplace", "Hospital\u{1b}[31m"));
    let response = browser
        .post_form(&format!("/genlaer/hold/{s}/tilmeld"), &fields)
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    for field in ["name", "workplace"] {
        assert_eq!(
            texts(&html, &format!("#f-{field}-error")),
            vec![
                "Teksten indeholder usynlige styretegn, som ikke kan gemmes. Skriv den igen uden dem."
            ],
            "{field}"
        );
    }
    assert!(
        input_value(&html, "name").is_some_and(|v| v.starts_with("Åse")),
        "input kept"
    );
    assert_eq!(app.user_count(), users_before, "nothing written");
}

/// The application form refused a CPR number in the motivation only; the
/// enrolment form had no check. Every free-text field refuses one, however
/// it is written.
#[tokio::test]
async fn a_cpr_number_is_refused_in_every_field_however_it_is_written() {
    let app = spawn_app().await;
    let c = course(&app, "cpr", "CPR", None);
    let s = session(&app, c, None, Some(10), 10, None);
    let browser = app.browser();
    let users_before = app.user_count();
    for (field, value) in [
        ("name", "Åse 01.02.03-1234"),
        ("job_title", "CPR: 010203 - 1234"),
        ("needs", "010203\u{2013}1234"),
        (
            "reference",
            "\u{ff10}\u{ff11}\u{ff10}\u{ff12}\u{ff10}\u{ff13}/1234",
        ),
    ] {
        let mut fields = enrol_fields("Åse Ørum", "cpr@example.dk");
        fields.retain(|(k, _)| *k != field);
        fields.push((field, value));
        let response = browser
            .post_form(&format!("/genlaer/hold/{s}/tilmeld"), &fields)
            .await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}"
        );
        let html = response.text().await.expect("body");
        assert_eq!(
            texts(&html, &format!("#f-{field}-error")),
            vec!["Skriv ikke CPR-numre. Vi har ikke brug for dem."],
            "{field}"
        );
    }
    assert_eq!(app.user_count(), users_before, "nothing written");
}

/// A byte that is not UTF-8 in a GenLær enrolment was stored as U+FFFD. It
/// is refused beside the field (422), with the input kept.
#[tokio::test]
async fn bytes_that_are_not_utf8_are_refused_in_an_enrolment() {
    let app = spawn_app().await;
    let c = course(&app, "utf8", "UTF-8", None);
    let s = session(&app, c, None, Some(10), 10, None);
    let browser = app.browser();
    let users_before = app.user_count();
    let mut fields = enrol_fields("", "utf8@example.dk");
    fields.retain(|(k, _)| *k != "name" && *k != "workplace" && *k != "email");
    let response = browser
        .post_form_raw(
            &format!("/genlaer/hold/{s}/tilmeld"),
            &fields,
            "name=%C3%85se%FF&workplace=Hospital%C0%AF&email=a%FF%40example.dk",
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    for field in ["name", "workplace", "email"] {
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
        Some("Åse\u{FFFD}"),
        "input kept"
    );
    assert_eq!(app.user_count(), users_before, "nothing written");
}

#[tokio::test]
async fn a_failed_enrolment_opens_with_a_summary_naming_each_field_in_form_order() {
    let app = spawn_app().await;
    let c = course(&app, "lgbt", "LGBT+ venlig praksis", None);
    let s = session(&app, c, None, Some(10), 10, None);
    let browser = app.browser();
    let response = browser
        .post_form(
            &format!("/genlaer/hold/{s}/tilmeld"),
            &[("invoice_kind", "cvr"), ("cvr", "123")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    let doc = scraper::Html::parse_document(&html);
    let select = |css: &str| scraper::Selector::parse(css).expect("selector");
    let title: String = doc
        .select(&select("title"))
        .flat_map(|t| t.text())
        .collect();
    assert!(title.starts_with("Fejl: "), "{title}");
    // First in the page's content, before the heading and the session.
    let first = doc
        .select(&select("main .wrap > *"))
        .next()
        .expect("content");
    assert_eq!(first.value().attr("class"), Some("error-summary"));
    assert!(first.value().attr("autofocus").is_some());
    let lines: Vec<(String, String)> = doc
        .select(&select(".error-summary li a"))
        .map(|a| {
            let href = a.value().attr("href").unwrap_or_default().to_string();
            (href, a.text().collect())
        })
        .collect();
    let hrefs: Vec<&str> = lines.iter().map(|(h, _)| h.as_str()).collect();
    assert_eq!(
        hrefs,
        [
            "#f-name",
            "#f-email",
            "#f-workplace",
            "#f-job_title",
            "#f-cvr",
            "#f-invoice_address"
        ],
        "in the order of the form"
    );
    assert_eq!(lines[0].1, "Fulde navn: udfyld feltet.");
    assert!(lines[4].1.starts_with("CVR-nummer: "), "{}", lines[4].1);
    for (href, _) in &lines {
        let id = href.trim_start_matches('#');
        assert_eq!(
            doc.select(&select(&format!("[id=\"{id}\"]"))).count(),
            1,
            "{href} reaches its field"
        );
    }
    // The invoice fields of the chosen kind are never "(valgfrit)".
    let optional: Vec<String> = doc
        .select(&select(".invoice-cvr .optional, .invoice-ean .optional"))
        .map(|e| e.text().collect())
        .collect();
    assert!(optional.is_empty(), "{optional:?}");
    assert_eq!(
        doc.select(&select(
            "#f-cvr[inputmode=numeric], #f-ean[inputmode=numeric]"
        ))
        .count(),
        2
    );
}

/// The confirmation and the cancellation describe the session as it
/// stands: its organiser, and its meetings in time order, each at its own
/// place or else the session's, a removed one marked. (On PostgreSQL the
/// enrolment's lock also reads the session's detail and price; what the
/// emails show is read after it, see `concurrency.rs`.)
#[tokio::test]
async fn the_emails_list_every_meeting_in_order_with_its_place() {
    let app = spawn_app().await;
    let c = course(&app, "lgbt", "LGBT+ venlig praksis", None);
    let branch = app.create_branch("Aalborg");
    // Whole seconds, as both databases keep them.
    let day =
        |days: i64| chrono::Timelike::with_nanosecond(&in_days(days), 0).expect("a time of day");
    let at = |days: i64, place: Option<&str>| brobyg::db::sessions::MeetingTimes {
        starts_at: day(days),
        ends_at: day(days) + chrono::Duration::hours(3),
        location: place.map(String::from),
        online_url: None,
    };
    let (s, removed) = {
        let mut conn = app.db.conn().expect("connection");
        // Made out of order: the emails list them by time.
        let s = brobyg::db::genlaer::create(
            &mut conn,
            &brobyg::db::genlaer::new_session(
                Some(branch),
                "Hold med tre mødegange",
                "Søndergade 1, Aarhus",
                None,
                Some(10),
                None,
                None,
            ),
            &[
                at(20, Some("Boulevarden 3, Aalborg")),
                at(10, None),
                at(15, None),
            ],
            c,
            "Underviser Ursula",
            None,
        )
        .expect("session");
        let meetings = brobyg::db::sessions::meetings(&mut conn, s).expect("meetings");
        let removed = meetings[1].id;
        diesel::Connection::transaction(&mut *conn, |c| {
            brobyg::app::engine::remove_meeting(c, removed)
        })
        .expect("removed")
        .expect("not the last meeting");
        (s, removed)
    };
    let response = app
        .browser()
        .post_form(
            &format!("/genlaer/hold/{s}/tilmeld"),
            &enrol_fields("Åse Ørum", "aase@example.dk"),
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let user = {
        let mut conn = app.db.conn().expect("connection");
        let user = brobyg::db::users::find_by_email(&mut conn, "aase@example.dk")
            .expect("query")
            .expect("the new account");
        diesel::Connection::transaction(&mut *conn, |c| {
            brobyg::app::engine::cancel(c, s, user.id, None)
        })
        .expect("transaction")
        .expect("cancelled");
        user
    };
    let described: Vec<_> = app
        .outbox()
        .into_iter()
        .filter(|r| r.user_id == Some(user.id))
        .map(|r| match r.message().expect("valid message") {
            Message::Enrolled { session, .. } => ("enrolled", session),
            Message::EnrolmentCancelled { session, .. } => ("cancelled", session),
            other => panic!("unexpected message: {other:?}"),
        })
        .collect();
    assert_eq!(
        described.iter().map(|(kind, _)| *kind).collect::<Vec<_>>(),
        ["enrolled", "cancelled"]
    );
    for (kind, session) in &described {
        let meetings: Vec<_> = session
            .meetings
            .iter()
            .map(|m| {
                (
                    m.starts_at.date(),
                    m.location.as_str(),
                    m.cancelled,
                    m.id == removed,
                )
            })
            .collect();
        assert_eq!(
            meetings,
            [
                (day(10).date(), "Søndergade 1, Aarhus", false, false),
                (day(15).date(), "Søndergade 1, Aarhus", true, true),
                (day(20).date(), "Boulevarden 3, Aalborg", false, false),
            ],
            "{kind}"
        );
        assert_eq!(
            session.organizer.as_ref().map(|o| o.name.as_str()),
            Some("Aalborg"),
            "{kind}"
        );
        assert_eq!(session.title, "Hold med tre mødegange", "{kind}");
    }
}

/// The statements one enrolment sends (BEGIN and COMMIT included), counted
/// by the pool: issue 20 asks for every one that is not needed to go. The
/// budget is what the path needs today; a new statement on it fails here
/// and has to be argued for. The benchmark reports the same figure under
/// load (`db_statements_total` on `/metrics`).
#[tokio::test]
async fn an_enrolment_sends_no_statement_it_does_not_need() {
    let app = spawn_app().await;
    // PostgreSQL adds the pool's `SELECT 1` on check-out (a server restart
    // breaks connections); the two enrolments run a second apart at most.
    let pg = u64::from(app.is_postgres());
    let c = course(&app, "lgbt", "LGBT+ venlig praksis", None);
    let first = session(&app, c, None, Some(10), 10, None);
    let second = session(&app, c, None, Some(10), 12, None);
    let browser = app.browser();
    let token = browser.csrf().await;
    let enrol = |s: i64| {
        let (app, browser, token) = (&app, &browser, &token);
        async move {
            let before = app.db.statements();
            let response = browser
                .post_with_token(
                    token,
                    &format!("/genlaer/hold/{s}/tilmeld"),
                    &enrol_fields("Åse Ørum", "aase@example.dk"),
                )
                .await;
            assert_eq!(response.status(), StatusCode::SEE_OTHER);
            app.db.statements() - before
        }
    };
    // A new address: BEGIN, the session's lock (which returns the row),
    // its GenLær detail with the course's price, the address looked up,
    // the account, its role and its welcome link, the enrolment, the
    // counters, the organiser and meetings for the email, the email, the
    // details typed, COMMIT. Nobody looks for an earlier enrolment of an
    // account made a moment ago, or reads back the address just typed.
    // PostgreSQL locks the row and reads the detail and the price with it
    // in one statement, looks up or makes the account with its role and
    // link in one, and writes the enrolment with its count in one.
    let budget = |sqlite: u64, postgres: u64| if pg == 1 { postgres + 1 } else { sqlite };
    let sent = enrol(first).await;
    eprintln!("a new participant's enrolment: {sent} statements");
    assert!(
        sent <= budget(13, 8),
        "{sent} statements, budget {}",
        budget(13, 8)
    );
    // The same address again, in another session: the account is found,
    // and its earlier enrolment in this session looked for instead.
    let sent = enrol(second).await;
    eprintln!("a known participant's enrolment: {sent} statements");
    assert!(
        sent <= budget(11, 9),
        "{sent} statements, budget {}",
        budget(11, 9)
    );
    for s in [first, second] {
        assert_eq!(
            enrolment_status(&app, s, "aase@example.dk").as_deref(),
            Some("confirmed")
        );
    }
    // The waiting list of a branch's session: its contact details and
    // meetings for the email come in one statement, and the place in the
    // queue from the counter read under the lock. Two were here first.
    let branch = app.create_branch("Aarhus");
    let full = session(&app, c, Some(branch), Some(1), 14, None);
    for (name, email) in [("Bo Berg", "bo@example.dk"), ("Cai Cold", "cai@example.dk")] {
        let response = browser
            .post_with_token(
                &token,
                &format!("/genlaer/hold/{full}/tilmeld"),
                &enrol_fields(name, email),
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
    }
    let sent = {
        let before = app.db.statements();
        let response = browser
            .post_with_token(
                &token,
                &format!("/genlaer/hold/{full}/tilmeld"),
                &enrol_fields("Dan Dahl", "dan@example.dk"),
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        app.db.statements() - before
    };
    eprintln!("a new participant on a branch's waiting list: {sent} statements");
    assert!(
        sent <= budget(13, 8),
        "{sent} statements, budget {}",
        budget(13, 8)
    );
    let told = |email: &str| {
        app.outbox()
            .into_iter()
            .filter(|r| r.to_email == email)
            .map(|r| match r.message().expect("valid message") {
                Message::Waitlisted {
                    position, session, ..
                } => (position, session.organizer.map(|o| o.name)),
                other => panic!("not a place in the queue: {other:?}"),
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(told("cai@example.dk"), [(1, Some("Aarhus".to_string()))]);
    assert_eq!(told("dan@example.dk"), [(2, Some("Aarhus".to_string()))]);
    // Each confirmation went to the account's owner, the first with the
    // link to choose a password.
    let mails: Vec<_> = app
        .outbox()
        .into_iter()
        .filter(|r| r.to_email == "aase@example.dk")
        .collect();
    let links: Vec<bool> = mails
        .iter()
        .map(|r| match r.message().expect("valid message") {
            Message::Enrolled {
                receipt: Some(receipt),
                ..
            } => receipt.account_link.is_some(),
            other => panic!("not a GenLær confirmation: {other:?}"),
        })
        .collect();
    assert_eq!(links, [true, false]);
}

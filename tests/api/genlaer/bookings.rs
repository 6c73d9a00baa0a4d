use brobyg::domain::Role;
use brobyg::domain::events::Message;
use reqwest::StatusCode;

use super::{VALID_EAN, course, enrolment_status, kinds_to};
use crate::helpers::{PASSWORD, TestApp, location, path_of, spawn_app, texts};

fn booking_fields<'a>(course: &'a str, branch: &'a str, email: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("course", course),
        ("organisation", "Præhospitalet Region Midtjylland"),
        ("organisation_kind", "region"),
        ("branch", branch),
        ("wished_from", "2027-03-01"),
        ("wished_to", "2027-04-30"),
        ("participants", "2"),
        ("place", "Olof Palmes Allé 34, Aarhus N"),
        ("contact_name", "Birgitte Dahl"),
        ("contact_email", email),
        ("contact_phone", ""),
        ("invoice_kind", "ean"),
        ("ean", VALID_EAN),
        ("cvr", ""),
        ("invoice_address", ""),
        ("reference", "Kursus 2027"),
        ("message", ""),
    ]
}

fn booking_id(app: &TestApp) -> i64 {
    let mut conn = app.db.conn().expect("connection");
    brobyg::db::bookings::for_branches(&mut conn, None).expect("bookings")[0]
        .booking
        .id
}

#[tokio::test]
async fn a_booking_is_accepted_and_staff_enrol_through_the_link_up_to_the_booked_seats() {
    let app = spawn_app().await;
    let branch = app.create_branch("Aarhus");
    let coordinator = app.create_user("k@example.dk", &[Role::Coordinator], Some(branch));
    let c = course(&app, "visitatorer", "Social ulighed for visitatorer", None);
    let (booker, requester) = app.signed_in(Role::Professional).await;
    let (cs, bs) = (c.to_string(), branch.to_string());

    // Invalid invoice details are refused like everywhere else.
    let mut bad = booking_fields(&cs, &bs, &requester.email);
    bad.retain(|(k, _)| *k != "ean");
    bad.push(("ean", "123"));
    let r = booker.post_form("/genlaer/bestil", &bad).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        texts(&r.text().await.expect("body"), "#f-ean-error"),
        vec!["Et EAN-nummer har 13 cifre."]
    );

    let r = booker
        .post_form(
            "/genlaer/bestil",
            &booking_fields(&cs, &bs, &requester.email),
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let id = booking_id(&app);
    assert_eq!(location(&r), format!("/genlaer/bestillinger/{id}"));
    assert_eq!(kinds_to(&app, &requester.email), vec!["booking_received"]);
    let status = booker
        .get_html(&format!("/genlaer/bestillinger/{id}"))
        .await;
    assert_eq!(
        texts(&status, "#booking-status"),
        vec!["Modtaget – afventer svar"]
    );

    // Someone else may not see it; another branch's coordinator neither.
    let (stranger, _) = app.signed_in(Role::Professional).await;
    assert_eq!(
        stranger
            .get(&format!("/genlaer/bestillinger/{id}"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let (other, _) = app.signed_in(Role::Coordinator).await;
    assert_eq!(
        other
            .get(&format!("/koordinator/genlaer/bestillinger/{id}"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let r = other
        .post_form(
            &format!("/koordinator/genlaer/bestillinger/{id}/afvis"),
            &[("reason", "nej")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    let staff = app.browser();
    staff.login(&coordinator.email, PASSWORD).await;
    let list = staff.get_html("/koordinator/genlaer/bestillinger").await;
    assert!(list.contains("Præhospitalet Region Midtjylland"));
    let date = (chrono::Utc::now() + chrono::Duration::days(30))
        .format("%Y-%m-%d")
        .to_string();
    let r = staff
        .post_form(
            &format!("/koordinator/genlaer/bestillinger/{id}/accepter"),
            &[
                ("date", &date),
                ("start", "09:00"),
                ("end", "15:00"),
                ("location", "Olof Palmes Allé 34"),
                ("seats", "2"),
                ("teachers", "Mads"),
                ("enrol_deadline", ""),
                ("price", "2.500,00"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let Message::BookingAccepted {
        enrol_link,
        session,
        ..
    } = app.last_message_to(&requester.email)
    else {
        panic!("expected acceptance");
    };
    let session_id = session.id;
    let status = booker
        .get_html(&format!("/genlaer/bestillinger/{id}"))
        .await;
    assert_eq!(texts(&status, "#booking-status"), vec!["Accepteret"]);
    assert_eq!(
        texts(&status, "#agreed-price"),
        vec!["2.500,00 kr."],
        "the requester sees the agreed price"
    );
    assert_eq!(
        texts(&status, "#private-link"),
        vec![app.state.links.absolute(&enrol_link)],
        "the page shows the link too"
    );

    // Closed: not in the catalogue, no public enrolment.
    assert!(
        !app.browser()
            .get_html("/genlaer")
            .await
            .contains(&format!("/genlaer/hold/{session_id}\""))
    );
    assert_eq!(
        app.browser()
            .get(&format!("/genlaer/hold/{session_id}/tilmeld"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    // The public form's POST, sent anyway, is refused the same way and
    // makes neither an account nor an email.
    let outsider = app.browser();
    let mut fields = vec![("csrf".to_string(), outsider.csrf().await)];
    fields.extend(
        super::enrol_fields("Udefra", "udefra@example.dk")
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string())),
    );
    let r = outsider
        .client
        .post(outsider.url(&format!("/genlaer/hold/{session_id}/tilmeld")))
        .form(&fields)
        .send()
        .await
        .expect("response");
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(kinds_to(&app, "udefra@example.dk"), Vec::<String>::new());
    {
        let mut conn = app.db.conn().expect("connection");
        assert!(
            brobyg::db::users::find_by_email(&mut conn, "udefra@example.dk")
                .expect("look-up")
                .is_none()
        );
    }
    // Its participants follow the links in their emails: someone not
    // signed in is asked to sign in and brought back; a stranger who is
    // signed in finds nothing.
    let r = app
        .browser()
        .get(&format!("/genlaer/hold/{session_id}"))
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&r),
        format!("/log-ind?next=%2Fgenlaer%2Fhold%2F{session_id}")
    );
    assert_eq!(
        stranger
            .get(&format!("/genlaer/hold/{session_id}"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let r = booker.get(&format!("/genlaer/hold/{session_id}")).await;
    assert_eq!(r.status(), StatusCode::OK, "the booker sees it");
    assert_eq!(
        app.browser()
            .get("/genlaer/tilmelding/forkert")
            .await
            .status(),
        StatusCode::NOT_FOUND
    );

    let link = path_of(&enrol_link);
    let staff_fields = |name: &'static str, email: &'static str| {
        vec![
            ("name", name),
            ("email", email),
            ("workplace", "Præhospitalet"),
            ("job_title", "Visitator"),
            ("needs", ""),
        ]
    };
    for (name, email) in [
        ("Birgitte Dahl", "birgitte@example.dk"),
        ("Henrik Vad", "henrik@example.dk"),
    ] {
        let b = app.browser();
        assert!(
            b.get_html(&link)
                .await
                .contains("Betales via jeres organisations bestilling")
        );
        let r = b.post_form(&link, &staff_fields(name, email)).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{email}");
        assert_eq!(
            enrolment_status(&app, session_id, email).as_deref(),
            Some("confirmed")
        );
    }
    let r = app
        .browser()
        .post_form(&link, &staff_fields("Tredje", "tredje@example.dk"))
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT, "only the booked seats");
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("Alle de bestilte pladser er taget")
    );
    assert_eq!(
        enrolment_status(&app, session_id, "tredje@example.dk"),
        None
    );

    // The booker swaps Henrik for a colleague.
    let henrik = {
        let mut conn = app.db.conn().expect("connection");
        brobyg::db::users::find_by_email(&mut conn, "henrik@example.dk")
            .expect("q")
            .expect("user")
            .id
    };
    let status = booker
        .get_html(&format!("/genlaer/bestillinger/{id}"))
        .await;
    assert!(texts(&status, ".participant").contains(&"Henrik Vad".to_string()));
    let r = booker
        .post_form(
            &format!("/genlaer/bestillinger/{id}/byt/{henrik}"),
            &[
                ("name", "Karen Mikkelsen"),
                ("email", "karen@example.dk"),
                ("workplace", "Præhospitalet"),
                ("job_title", "Visitator"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        enrolment_status(&app, session_id, "henrik@example.dk").as_deref(),
        Some("cancelled")
    );
    assert_eq!(
        enrolment_status(&app, session_id, "karen@example.dk").as_deref(),
        Some("confirmed")
    );
    assert!(kinds_to(&app, "henrik@example.dk").contains(&"enrolment_cancelled".to_string()));
    let r = stranger
        .post_form(
            &format!("/genlaer/bestillinger/{id}/byt/{henrik}"),
            &[
                ("name", "X"),
                ("email", "x@example.dk"),
                ("workplace", "X"),
                ("job_title", "X"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_declined_booking_tells_the_requester_why() {
    let app = spawn_app().await;
    let c = course(&app, "ledelse", "Ledelse og lighed", None);
    let cs = c.to_string();
    // An anonymous request to the national secretariat: an account is made.
    let r = app
        .browser()
        .post_form(
            "/genlaer/bestil",
            &booking_fields(&cs, "", "bestiller@example.dk"),
        )
        .await;
    assert_eq!(location(&r), "/genlaer/bestil/tak");
    assert_eq!(
        kinds_to(&app, "bestiller@example.dk"),
        vec!["account_created", "booking_received"]
    );
    let id = booking_id(&app);
    // National requests are the administrators'.
    let (coordinator, _) = app.signed_in(Role::Coordinator).await;
    assert_eq!(
        coordinator
            .get(&format!("/koordinator/genlaer/bestillinger/{id}"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let (admin, _) = app.signed_in(Role::Admin).await;
    let r = admin
        .post_form(
            &format!("/koordinator/genlaer/bestillinger/{id}/afvis"),
            &[("reason", "")],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a reason is needed"
    );
    admin
        .post_form(
            &format!("/koordinator/genlaer/bestillinger/{id}/afvis"),
            &[("reason", "Ingen undervisere i perioden")],
        )
        .await;
    let Message::BookingDeclined { reason, booking } = app.last_message_to("bestiller@example.dk")
    else {
        panic!("expected a decline");
    };
    assert_eq!(reason.as_deref(), Some("Ingen undervisere i perioden"));
    assert_eq!(booking.course_title, "Ledelse og lighed");
    // Deciding twice does nothing.
    admin
        .post_refused(
            &format!("/koordinator/genlaer/bestillinger/{id}/afvis"),
            &[("reason", "igen")],
        )
        .await;
    assert_eq!(
        app.outbox()
            .iter()
            .filter(|m| m.kind == "booking_declined")
            .count(),
        1
    );
}

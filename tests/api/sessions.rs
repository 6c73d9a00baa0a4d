//! Coordinators' pages for any session: lists, enrolling and cancelling,
//! moving, attendance, CSV, cancelling and marking held.

use brobyg::domain::Role;
use brobyg::domain::session::SessionKind;
use reqwest::StatusCode;

use crate::helpers::{PASSWORD, TestApp, TestUser, location, spawn_app, texts};

struct Setup {
    app: TestApp,
    branch: i64,
    coordinator: TestUser,
}

async fn setup() -> Setup {
    let app = spawn_app().await;
    let branch = app.create_branch("Aarhus");
    let coordinator = app.create_user("koordinator@example.dk", &[Role::Coordinator], Some(branch));
    Setup {
        app,
        branch,
        coordinator,
    }
}

#[tokio::test]
async fn only_the_branchs_coordinators_and_administrators_manage_a_session() {
    let s = setup().await;
    let session = s
        .app
        .create_session(SessionKind::Cohort, Some(s.branch), Some(10), 7);
    let national = s
        .app
        .create_session(SessionKind::Genlaer, None, Some(10), 7);
    let path = format!("/koordinator/hold/{session}");

    let own = s.app.browser();
    own.login(&s.coordinator.email, PASSWORD).await;
    assert_eq!(own.get(&path).await.status(), StatusCode::OK);
    assert_eq!(
        own.get(&format!("/koordinator/hold/{national}"))
            .await
            .status(),
        StatusCode::FORBIDDEN,
        "national sessions are the secretariat's"
    );
    let (other, _) = s.app.signed_in(Role::Coordinator).await;
    assert_eq!(other.get(&path).await.status(), StatusCode::FORBIDDEN);
    let response = other
        .post_form(&format!("{path}/aflys"), &[("reason", "nej")])
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    for role in [Role::Volunteer, Role::Professional] {
        let (b, _) = s.app.signed_in(role).await;
        assert_eq!(
            b.get(&path).await.status(),
            StatusCode::FORBIDDEN,
            "{role:?}"
        );
        assert_eq!(
            b.get(&format!("{path}/deltagere.csv")).await.status(),
            StatusCode::FORBIDDEN
        );
    }
    let (admin, _) = s.app.signed_in(Role::Admin).await;
    assert_eq!(
        admin
            .get(&format!("/koordinator/hold/{national}"))
            .await
            .status(),
        StatusCode::OK
    );
    // The session still stands: the refused cancellation did nothing.
    assert!(own.get_html(&path).await.contains("Åben"));
}

#[tokio::test]
async fn a_coordinator_enrols_cancels_and_the_queue_moves_up() {
    let s = setup().await;
    let session = s
        .app
        .create_session(SessionKind::Evening, Some(s.branch), Some(1), 7);
    let anna = s
        .app
        .create_user("anna@example.dk", &[Role::Professional], None);
    let bo = s
        .app
        .create_user("bo@example.dk", &[Role::Professional], None);
    let browser = s.app.browser();
    browser.login(&s.coordinator.email, PASSWORD).await;
    let path = format!("/koordinator/hold/{session}");

    browser
        .post_form(&format!("{path}/tilmeld"), &[("email", &anna.email)])
        .await;
    browser
        .post_form(&format!("{path}/tilmeld"), &[("email", "BO@example.dk")])
        .await;
    let response = browser
        .post_refused(&format!("{path}/tilmeld"), &[("email", "ingen@example.dk")])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let html = browser.get_html(&path).await;
    assert!(html.contains("Der er ingen konto med den e-mailadresse."));
    assert_eq!(texts(&html, "h2#seated"), vec!["Deltagere (1)"]);
    assert_eq!(texts(&html, "h2#waiting"), vec!["Venteliste (1)"]);

    browser
        .post_form(&format!("{path}/afmeld/{}", anna.id), &[])
        .await;
    let html = browser.get_html(&path).await;
    assert!(html.contains("bo@example.dk"));
    assert_eq!(texts(&html, "h2#seated"), vec!["Deltagere (1)"]);
    assert_eq!(texts(&html, "h2#waiting"), vec!["Venteliste (0)"]);
    let kinds: Vec<String> = s
        .app
        .outbox()
        .into_iter()
        .filter(|r| r.to_email == bo.email)
        .map(|r| r.kind)
        .collect();
    assert_eq!(kinds, vec!["waitlisted", "promoted"]);
}

#[tokio::test]
async fn attendance_is_saved_for_the_whole_meeting_or_not_at_all() {
    let s = setup().await;
    let session = s
        .app
        .create_session(SessionKind::Cohort, Some(s.branch), Some(10), -1);
    let anna = s
        .app
        .create_user("anna@example.dk", &[Role::Volunteer], Some(s.branch));
    let bo = s
        .app
        .create_user("bo@example.dk", &[Role::Volunteer], Some(s.branch));
    s.app.enrol(session, anna.id);
    s.app.enrol(session, bo.id);
    let meeting = {
        let mut conn = s.app.db.conn().expect("connection");
        brobyg::db::sessions::meetings(&mut conn, session).expect("meetings")[0].id
    };
    let browser = s.app.browser();
    browser.login(&s.coordinator.email, PASSWORD).await;
    let path = format!("/koordinator/hold/{session}/moeder/{meeting}/fremmoede");
    let html = browser.get_html(&path).await;
    assert_eq!(texts(&html, "legend").len(), 2);

    let (a, b) = (format!("status-{}", anna.id), format!("status-{}", bo.id));
    let (ah, bh) = (format!("hours-{}", anna.id), format!("hours-{}", bo.id));
    let response = browser
        .post_form(&path, &[(&a, "present"), (&b, "partial"), (&bh, "7")])
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(
        texts(&html, &format!("#err-{}", bo.id)),
        vec!["Delvist fremmøde skal være mere end 0 timer og mindre end hele mødet."]
    );
    assert!(html.contains(&format!(
        "id=\"s-{}-present\" name=\"{a}\" value=\"present\" checked",
        anna.id
    )));
    assert_eq!(
        crate::helpers::input_value(&html, &bh).as_deref(),
        Some("7")
    );
    let recorded = {
        let mut conn = s.app.db.conn().expect("connection");
        brobyg::db::attendance::for_session(&mut conn, session).expect("attendance")
    };
    assert!(recorded.is_empty(), "nothing saved");

    let response = browser
        .post_form(
            &path,
            &[(&a, "present"), (&ah, ""), (&b, "partial"), (&bh, "1,5")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let html = browser
        .get_html(&format!("/koordinator/hold/{session}"))
        .await;
    let cells = texts(&html, "#seated + .table-scroll td");
    assert!(
        cells
            .windows(3)
            .any(|w| w[0].contains("anna") && w[1] == "3"),
        "{cells:?}"
    );
    assert!(
        cells
            .windows(3)
            .any(|w| w[0].contains("bo") && w[1] == "1,5"),
        "{cells:?}"
    );
}

#[tokio::test]
async fn the_participant_list_opens_in_danish_excel() {
    let s = setup().await;
    let session = s
        .app
        .create_session(SessionKind::Genlaer, Some(s.branch), Some(1), 7);
    let soeren = s
        .app
        .create_user("soeren@example.dk", &[Role::Professional], None);
    let aase = s
        .app
        .create_user("aase@example.dk", &[Role::Professional], None);
    s.app.enrol(session, soeren.id);
    s.app.enrol(session, aase.id);
    let browser = s.app.browser();
    browser.login(&s.coordinator.email, PASSWORD).await;
    let response = browser
        .get(&format!("/koordinator/hold/{session}/deltagere.csv"))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    let bytes = response.bytes().await.expect("body");
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "a byte order mark for Excel");
    let text = String::from_utf8(bytes[3..].to_vec()).expect("utf-8");
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "Navn;E-mail;Telefon;Status;Tilmeldt den;Timer deltaget"
    );
    assert!(lines[1].starts_with("Test soeren@example.dk;soeren@example.dk;;Tilmeldt;"));
    assert!(lines[2].starts_with("Test aase@example.dk;aase@example.dk;;Venteliste nr. 1;"));
    let date = lines[1].split(';').nth(4).expect("date");
    assert_eq!(date.len(), "30-03-2026 09:00".len());
    assert_eq!(&date[2..3], "-");
}

#[tokio::test]
async fn a_session_is_marked_held_only_once_it_has_begun() {
    let s = setup().await;
    let future = s
        .app
        .create_session(SessionKind::Evening, Some(s.branch), None, 3);
    let past = s
        .app
        .create_session(SessionKind::Evening, Some(s.branch), None, -1);
    let browser = s.app.browser();
    browser.login(&s.coordinator.email, PASSWORD).await;
    browser
        .post_refused(&format!("/koordinator/hold/{future}/afholdt"), &[])
        .await;
    assert!(
        browser
            .get_html(&format!("/koordinator/hold/{future}"))
            .await
            .contains("først markeres som afholdt")
    );
    browser
        .post_form(&format!("/koordinator/hold/{past}/afholdt"), &[])
        .await;
    let html = browser.get_html(&format!("/koordinator/hold/{past}")).await;
    assert!(html.contains("Holdet er markeret som afholdt."));
    assert!(html.contains(">Afholdt<"));
}

#[tokio::test]
async fn cancelling_a_session_tells_everyone() {
    let s = setup().await;
    let session = s
        .app
        .create_session(SessionKind::Supervision, Some(s.branch), Some(1), 7);
    let anna = s
        .app
        .create_user("anna@example.dk", &[Role::Volunteer], Some(s.branch));
    let bo = s
        .app
        .create_user("bo@example.dk", &[Role::Volunteer], Some(s.branch));
    s.app.enrol(session, anna.id);
    s.app.enrol(session, bo.id);
    let browser = s.app.browser();
    browser.login(&s.coordinator.email, PASSWORD).await;
    browser
        .post_form(
            &format!("/koordinator/hold/{session}/aflys"),
            &[("reason", "Supervisor er syg")],
        )
        .await;
    for who in [&anna, &bo] {
        assert_eq!(
            s.app.last_message_to(&who.email).kind(),
            "session_cancelled"
        );
    }
    let html = browser
        .get_html(&format!("/koordinator/hold/{session}"))
        .await;
    assert!(html.contains("Supervisor er syg"));
}

#[tokio::test]
async fn a_participant_is_moved_to_another_session_of_the_same_kind() {
    let s = setup().await;
    let from = s
        .app
        .create_session(SessionKind::Cohort, Some(s.branch), Some(5), 7);
    let to = s
        .app
        .create_session(SessionKind::Cohort, Some(s.branch), Some(5), 14);
    let anna = s
        .app
        .create_user("anna@example.dk", &[Role::Volunteer], Some(s.branch));
    s.app.enrol(from, anna.id);
    let browser = s.app.browser();
    browser.login(&s.coordinator.email, PASSWORD).await;
    let to_id = to.to_string();
    browser
        .post_form(
            &format!("/koordinator/hold/{from}/flyt/{}", anna.id),
            &[("to", &to_id)],
        )
        .await;
    assert!(
        !browser
            .get_html(&format!("/koordinator/hold/{from}"))
            .await
            .contains("anna@example.dk")
    );
    assert!(
        browser
            .get_html(&format!("/koordinator/hold/{to}"))
            .await
            .contains("anna@example.dk")
    );
}

/// Attendance credits hours and can activate a volunteer: a meeting weeks
/// ahead could be marked attended today. Only meetings that have begun.
#[tokio::test]
async fn attendance_waits_until_the_meeting_has_begun() {
    let s = setup().await;
    let session = s
        .app
        .create_session(SessionKind::Cohort, Some(s.branch), Some(10), 14);
    let anna = s
        .app
        .create_user("anna@example.dk", &[Role::Volunteer], Some(s.branch));
    s.app.enrol(session, anna.id);
    let meeting = {
        let mut conn = s.app.db.conn().expect("connection");
        brobyg::db::sessions::meetings(&mut conn, session).expect("meetings")[0].id
    };
    let browser = s.app.browser();
    browser.login(&s.coordinator.email, PASSWORD).await;
    let path = format!("/koordinator/hold/{session}/moeder/{meeting}/fremmoede");
    let html = browser.get_html(&path).await;
    assert!(html.contains("Fremmøde registreres, når mødet er begyndt."));
    assert!(texts(&html, "legend").is_empty(), "no form to fill in");

    let status = format!("status-{}", anna.id);
    let r = browser
        .post_refused(&path, &[(status.as_str(), "present")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = browser.get_html(&location(&r)).await;
    assert!(page.contains("Fremmøde registreres, når mødet er begyndt."));
    let mut conn = s.app.db.conn().expect("connection");
    let recorded = brobyg::db::attendance::for_meeting(&mut conn, meeting).expect("attendance");
    assert!(recorded.is_empty(), "nothing recorded");
}

/// A move gives up the old seat before asking for the new one; when the new
/// session refused (here: already enrolled there), the old seat was gone
/// anyway. Now nothing changes.
#[tokio::test]
async fn a_refused_move_keeps_the_participant_where_they_were() {
    let s = setup().await;
    let from = s
        .app
        .create_session(SessionKind::Cohort, Some(s.branch), Some(5), 7);
    let to = s
        .app
        .create_session(SessionKind::Cohort, Some(s.branch), Some(5), 14);
    let anna = s
        .app
        .create_user("anna@example.dk", &[Role::Volunteer], Some(s.branch));
    s.app.enrol(from, anna.id);
    s.app.enrol(to, anna.id);
    let browser = s.app.browser();
    browser.login(&s.coordinator.email, PASSWORD).await;
    let to_id = to.to_string();
    let r = browser
        .post_refused(
            &format!("/koordinator/hold/{from}/flyt/{}", anna.id),
            &[("to", &to_id)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let mut conn = s.app.db.conn().expect("connection");
    let kept = brobyg::db::enrolments::find(&mut conn, from, anna.id)
        .expect("query")
        .expect("the old enrolment");
    assert!(kept.status.is_active(), "still holds the old seat");
}

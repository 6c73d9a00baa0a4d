//! Cohorts of the preparation course: creating one (validation, branch
//! scope), partial attendance shared over a meeting's modules, who may
//! enrol where, make-ups, the public page and the graduation evening.

use brobyg::domain::Role;
use reqwest::StatusCode;

use super::support::{
    accepted_volunteer, checklist, cohort, date_in, meetings, module_id, post, register, status_tag,
};
use crate::helpers::{PASSWORD, attr, input_value, spawn_app, texts};

#[tokio::test]
async fn creating_a_cohort_checks_every_meeting_and_keeps_what_was_typed() {
    let app = spawn_app().await;
    let aarhus = app.create_branch("Aarhus");
    let odense = app.create_branch("Odense");
    let coordinator = app.create_user("k@example.dk", &[Role::Coordinator], Some(aarhus));
    let staff = app.browser();
    staff.login(&coordinator.email, PASSWORD).await;
    let path = format!("/koordinator/afdelinger/{aarhus}/hold");

    let response = post(
        &staff,
        &path,
        &[
            ("title".into(), "Efterår".into()),
            ("location".into(), "".into()),
            ("capacity".into(), "0".into()),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(texts(&html, "#f-location-error"), vec!["Udfyld feltet."]);
    assert!(texts(&html, "#f-capacity-error")[0].starts_with("Skriv et helt antal pladser"));
    assert!(html.contains("Udfyld mindst én mødegang"));

    let response = post(
        &staff,
        &path,
        &[
            ("title".into(), "Efterår".into()),
            ("location".into(), "Åboulevarden 1".into()),
            ("capacity".into(), "".into()),
            ("date-1".into(), date_in(5)),
            ("start-1".into(), "17:00".into()),
            ("end-1".into(), "19:00".into()),
            ("date-2".into(), date_in(12)),
            ("start-2".into(), "19:00".into()),
            ("end-2".into(), "17:00".into()),
            ("modules-2".into(), module_id(2)),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(
        texts(&html, "#row-1-error"),
        vec!["Vælg mindst ét modul for mødegangen."]
    );
    assert_eq!(
        texts(&html, "#row-2-error"),
        vec!["Sluttidspunktet skal ligge efter starttidspunktet."]
    );
    assert_eq!(input_value(&html, "date-2"), Some(date_in(12)));
    assert!(html.contains(&format!("value=\"{}\" checked", module_id(2))));
    assert_eq!(input_value(&html, "title").as_deref(), Some("Efterår"));
    assert!(
        texts(&staff.get_html(&path).await, "#cohort-list li").is_empty(),
        "nothing written"
    );

    let (other, _) = app.signed_in(Role::Coordinator).await;
    assert_eq!(other.get(&path).await.status(), StatusCode::FORBIDDEN);
    let fields = vec![
        ("title".to_string(), "Forbudt".to_string()),
        ("location".to_string(), "X".to_string()),
        ("date-1".to_string(), date_in(5)),
        ("start-1".to_string(), "17".to_string()),
        ("end-1".to_string(), "19".to_string()),
        ("modules-1".to_string(), module_id(1)),
    ];
    assert_eq!(
        post(&other, &path, &fields).await.status(),
        StatusCode::FORBIDDEN
    );
    let (volunteer, _) = app.signed_in(Role::Volunteer).await;
    assert_eq!(volunteer.get(&path).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        staff
            .get(&format!("/koordinator/afdelinger/{odense}/hold"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let response = post(&staff, &path, &fields).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        texts(&staff.get_html(&path).await, "#cohort-list a"),
        vec!["Forbudt"]
    );
}

#[tokio::test]
async fn partial_attendance_is_shared_over_the_meetings_modules() {
    let app = spawn_app().await;
    let aarhus = app.create_branch("Aarhus");
    let coordinator = app.create_user("k@example.dk", &[Role::Coordinator], Some(aarhus));
    let staff = app.browser();
    staff.login(&coordinator.email, PASSWORD).await;
    let anna = accepted_volunteer(&app, "anna@example.dk", aarhus, coordinator.id);
    let c = cohort(&app, aarhus, "Hold", &[(-1, 4, &[1, 2])]);
    app.enrol(c, anna.id);
    let meeting = meetings(&app, c)[0];

    let response = register(&staff, c, meeting, &[(anna.id, "partial", "2")]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let me = app.browser();
    me.login(&anna.email, PASSWORD).await;
    let html = me.get_html("/frivillig").await;
    let lines = checklist(&html);
    assert!(
        lines[0].starts_with("Mangler 1 time: modul 1 ("),
        "{lines:?}"
    );
    assert!(
        lines[1].starts_with("Mangler 1 time: modul 2 ("),
        "{lines:?}"
    );
    assert!(html.contains("2 af 20 timer"));
    app.assert_attendance_kinds_are_copied();
    app.assert_enrolment_kinds_are_copied();
    let brobyg::domain::events::Message::AttendanceMissing { missing, .. } =
        app.last_message_to(&anna.email)
    else {
        panic!("told about the missing hour");
    };
    assert_eq!(missing.len(), 2);
    assert_eq!(
        status_tag(&html),
        "I uddannelse",
        "attending starts the training"
    );

    // Correcting to present completes both; re-saving sends no new email.
    register(&staff, c, meeting, &[(anna.id, "present", "")]).await;
    let messages = app.outbox().len();
    register(&staff, c, meeting, &[(anna.id, "present", "")]).await;
    assert_eq!(
        app.outbox().len(),
        messages,
        "nothing changed, nothing sent"
    );
    let html = me.get_html("/frivillig").await;
    assert!(html.contains("4 af 20 timer"));
    assert!(!checklist(&html).iter().any(|l| l.contains("modul 1 ")));
}

#[tokio::test]
async fn volunteers_enrol_in_their_own_branch_and_make_up_anywhere() {
    let app = spawn_app().await;
    let aarhus = app.create_branch("Aarhus");
    let randers = app.create_branch("Randers");
    let coordinator = app.create_user("k@example.dk", &[Role::Coordinator], Some(aarhus));
    let anna = accepted_volunteer(&app, "anna@example.dk", aarhus, coordinator.id);
    let home = cohort(&app, aarhus, "Aarhus", &[(5, 4, &[1, 2])]);
    let away = cohort(&app, randers, "Randers", &[(-10, 4, &[1, 2]), (6, 2, &[3])]);
    let me = app.browser();
    me.login(&anna.email, PASSWORD).await;
    // On the way to active, her page offers her branch's open cohorts.
    let html = me.get_html("/frivillig").await;
    assert!(html.contains("Hold i Aarhus, som du kan tilmelde dig"));
    assert_eq!(
        texts(&html, "#open-cohorts li").len(),
        1,
        "Randers' is not hers"
    );
    assert_eq!(
        attr(&html, "#open-cohorts a", "href"),
        format!("/forberedelse/hold/{home}")
    );

    let response = me
        .post_form(&format!("/forberedelse/hold/{away}/tilmeld"), &[])
        .await;
    assert_eq!(
        response.status(),
        StatusCode::FORBIDDEN,
        "home cohorts are in one's branch"
    );
    let response = me
        .post_form(
            &format!("/forberedelse/hold/{away}/indhent"),
            &[("module", &module_id(1))],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let page = me.get_html(&format!("/forberedelse/hold/{away}")).await;
    assert!(
        page.contains("Holdet underviser ikke i det modul på en kommende mødegang."),
        "module 1 was taught there before today"
    );
    let response = me
        .post_form(
            &format!("/forberedelse/hold/{away}/indhent"),
            &[("module", &module_id(3))],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let page = me.get_html(&format!("/forberedelse/hold/{away}")).await;
    assert!(texts(&page, "#my-status")[0].contains("indhentning"));
    let response = me
        .post_form(&format!("/forberedelse/hold/{home}/tilmeld"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let html = me.get_html("/frivillig").await;
    let mine = texts(&html, "#cohorts + ul li");
    assert_eq!(mine.len(), 2, "{mine:?}");
    assert!(
        mine.iter()
            .any(|l| l.contains("Randers") && l.contains("indhentning af modul 3"))
    );

    // An applicant not yet accepted cannot enrol.
    let (newcomer, _) = super::support::apply_and_log_in(&app, "Ny", "ny@example.dk", aarhus).await;
    newcomer
        .post_form(&format!("/forberedelse/hold/{home}/tilmeld"), &[])
        .await;
    let page = newcomer
        .get_html(&format!("/forberedelse/hold/{home}"))
        .await;
    assert!(page.contains("Du kan tilmelde dig et hold, når din ansøgning er godkendt."));
    // Anyone may look at a cohort's page.
    let public = app
        .browser()
        .get_html(&format!("/forberedelse/hold/{home}"))
        .await;
    assert!(public.contains("Social Sundhed og brobyggerens rolle"));
    assert!(!public.contains("anna@example.dk"));
}

#[tokio::test]
async fn a_cohort_ends_with_a_graduation_evening() {
    let app = spawn_app().await;
    let aarhus = app.create_branch("Aarhus");
    let coordinator = app.create_user("k@example.dk", &[Role::Coordinator], Some(aarhus));
    let staff = app.browser();
    staff.login(&coordinator.email, PASSWORD).await;
    let c = cohort(&app, aarhus, "Hold", &[(-1, 2, &[1])]);
    let path = format!("/koordinator/forberedelse/{c}");
    let response = staff
        .post_form(
            &format!("{path}/dimission"),
            &[("date", "snart"), ("time", "18:00")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        input_value(&response.text().await.expect("body"), "date").as_deref(),
        Some("snart")
    );
    let response = staff
        .post_form(
            &format!("{path}/dimission"),
            &[
                ("date", &date_in(7)),
                ("time", "18:00"),
                ("location", "Kantinen"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let html = staff.get_html(&path).await;
    assert!(html.contains("Dimissionsaften"));
    assert!(html.contains("Kantinen"));
    let (other, _) = app.signed_in(Role::Coordinator).await;
    assert_eq!(other.get(&path).await.status(), StatusCode::FORBIDDEN);
    let response = other
        .post_form(
            &format!("{path}/dimission"),
            &[("date", &date_in(7)), ("time", "18:00")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

/// A make-up held a seat in the whole cohort: the volunteer got reminders
/// and calendar entries for every meeting of the other branch's cohort.
#[tokio::test]
async fn a_make_up_holds_only_the_meetings_that_teach_the_module() {
    use brobyg::db::{agenda, calendar, reminders};
    use brobyg::domain::events::Message;

    let app = spawn_app().await;
    let aarhus = app.create_branch("Aarhus");
    let randers = app.create_branch("Randers");
    let coordinator = app.create_user("k@example.dk", &[Role::Coordinator], Some(aarhus));
    let randers_staff = app.create_user("r@example.dk", &[Role::Coordinator], Some(randers));
    let anna = accepted_volunteer(&app, "anna@example.dk", aarhus, coordinator.id);
    let away = cohort(
        &app,
        randers,
        "Randers",
        &[(-10, 4, &[1, 2]), (6, 2, &[3]), (7, 2, &[4])],
    );
    let [_, teaches_three, teaches_four] = meetings(&app, away)[..] else {
        panic!("three meetings");
    };
    let me = app.browser();
    me.login(&anna.email, PASSWORD).await;
    let response = me
        .post_form(
            &format!("/forberedelse/hold/{away}/indhent"),
            &[("module", &module_id(3))],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    // The confirmation invites to the one meeting.
    let Message::Enrolled { session, .. } = app.last_message_to(&anna.email) else {
        panic!("a confirmation");
    };
    let invited: Vec<i64> = session.meetings.iter().map(|m| m.id).collect();
    assert_eq!(invited, vec![teaches_three]);

    let mut conn = app.db.conn().expect("connection");
    let now = chrono::Utc::now().naive_utc();
    // Her agenda and calendar feed hold that meeting only.
    let (upcoming, _) = agenda::of_user(&mut conn, anna.id, now).expect("agenda");
    let mine: Vec<i64> = upcoming
        .iter()
        .filter(|m| m.session_id == away)
        .map(|m| m.meeting_id)
        .collect();
    assert_eq!(mine, vec![teaches_three]);
    let feed = calendar::feed_sessions(&mut conn, anna.id, now).expect("feed");
    let entries: Vec<i64> = feed
        .iter()
        .filter(|s| s.id == away)
        .flat_map(|s| s.meetings.iter().map(|m| m.id))
        .collect();
    assert_eq!(entries, vec![teaches_three]);
    // When both meetings are near, she is reminded of hers only.
    let later = now + chrono::Duration::days(5) + chrono::Duration::hours(12);
    let due: Vec<i64> = reminders::due(&mut conn, later)
        .expect("due")
        .into_iter()
        .filter(|d| d.to.user_id == Some(anna.id))
        .map(|d| d.meeting_id)
        .collect();
    assert_eq!(due, vec![teaches_three]);
    drop(conn);

    // Once held, Randers' attendance sheets list her at that meeting only.
    super::support::has_happened(&app, away);
    let staff = app.browser();
    staff.login(&randers_staff.email, PASSWORD).await;
    let sheet = |meeting: i64| format!("/koordinator/hold/{away}/moeder/{meeting}/fremmoede");
    let three = staff.get_html(&sheet(teaches_three)).await;
    let four = staff.get_html(&sheet(teaches_four)).await;
    let name = "Test anna@example.dk";
    assert!(three.contains(name), "{three}");
    assert!(!four.contains(name), "{four}");
}

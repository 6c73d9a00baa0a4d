//! Active brobyggere answer yes or no (and change their mind); a yes is a
//! seat through the engine, so capacity holds; who may see which evening.

use brobyg::domain::Role;
use reqwest::StatusCode;

use super::{answer, branch, enrolment_status, evening_fields, kinds_to, log_in, plan};
use crate::helpers::{location, texts};

#[tokio::test]
async fn a_volunteer_answers_yes_then_no_then_yes_again() {
    let b = branch().await;
    let sara = b.app.qualified_volunteer("sara@example.dk", b.id);
    let evening = plan(&b.staff, &evening_fields(b.id, "")).await;
    // Announcing the evening invites the branch's active brobyggere.
    assert_eq!(
        kinds_to(&b.app, &sara.email).last().map(String::as_str),
        Some("evening_invitation")
    );
    let me = log_in(&b.app, &sara).await;
    let list = me.get_html("/aftener").await;
    assert_eq!(
        texts(&list, "#evening-list li a"),
        vec!["Brobyggeraften: Tolkning"]
    );
    let page = me.get_html(&format!("/aftener/{evening}")).await;
    assert_eq!(texts(&page, "#my-reply"), vec!["Du har ikke svaret endnu."]);

    let r = answer(&me, evening, "yes").await;
    assert_eq!(location(&r), format!("/aftener/{evening}"));
    assert_eq!(
        enrolment_status(&b.app, evening, sara.id).as_deref(),
        Some("confirmed")
    );
    assert_eq!(
        kinds_to(&b.app, &sara.email).last().map(String::as_str),
        Some("enrolled")
    );
    let page = me.get_html(&format!("/aftener/{evening}")).await;
    assert_eq!(
        texts(&page, "#my-reply"),
        vec!["Du har svaret ja og har en plads."]
    );
    let staff = b
        .staff
        .get_html(&format!("/koordinator/aftener/{evening}"))
        .await;
    assert_eq!(texts(&staff, "#coming li").len(), 1);
    assert!(texts(&staff, "#coming li")[0].starts_with("Test sara@example.dk"));

    // Changing one's mind gives the seat back, with the calendar removal.
    answer(&me, evening, "no").await;
    assert_eq!(
        enrolment_status(&b.app, evening, sara.id).as_deref(),
        Some("cancelled")
    );
    assert_eq!(
        kinds_to(&b.app, &sara.email).last().map(String::as_str),
        Some("enrolment_cancelled")
    );
    let page = me.get_html(&format!("/aftener/{evening}")).await;
    assert_eq!(texts(&page, "#my-reply"), vec!["Du har svaret nej."]);
    let staff = b
        .staff
        .get_html(&format!("/koordinator/aftener/{evening}"))
        .await;
    assert!(texts(&staff, "#coming li").is_empty());
    assert_eq!(texts(&staff, "#not-coming li").len(), 1);
    assert!(texts(&staff, "#not-answered li").is_empty());

    // And back again.
    answer(&me, evening, "yes").await;
    assert_eq!(
        enrolment_status(&b.app, evening, sara.id).as_deref(),
        Some("confirmed")
    );
    let staff = b
        .staff
        .get_html(&format!("/koordinator/aftener/{evening}"))
        .await;
    assert_eq!(texts(&staff, "#coming li").len(), 1);
    assert!(texts(&staff, "#not-coming li").is_empty());
}

#[tokio::test]
async fn a_no_is_recorded_without_a_seat_and_silence_is_counted() {
    let b = branch().await;
    let sara = b.app.qualified_volunteer("sara@example.dk", b.id);
    let _quiet = b.app.qualified_volunteer("quiet@example.dk", b.id);
    let evening = plan(&b.staff, &evening_fields(b.id, "")).await;
    let me = log_in(&b.app, &sara).await;
    answer(&me, evening, "no").await;
    assert_eq!(
        enrolment_status(&b.app, evening, sara.id),
        None,
        "no seat taken"
    );
    let list = b.staff.get_html("/koordinator/aftener").await;
    let row = format!("tr[data-id=\"{evening}\"]");
    assert_eq!(texts(&list, &format!("{row} .count-yes")), vec!["0"]);
    assert_eq!(texts(&list, &format!("{row} .count-no")), vec!["1"]);
    assert_eq!(
        texts(&list, &format!("{row} .count-not-answered")),
        vec!["1"]
    );
    let staff = b
        .staff
        .get_html(&format!("/koordinator/aftener/{evening}"))
        .await;
    let quiet = texts(&staff, "#not-answered li");
    assert_eq!(quiet.len(), 1);
    assert!(quiet[0].contains("quiet@example.dk"));
}

#[tokio::test]
async fn capacity_holds_and_a_no_gives_the_seat_to_the_next_in_line() {
    let b = branch().await;
    let first = b.app.qualified_volunteer("first@example.dk", b.id);
    let second = b.app.qualified_volunteer("second@example.dk", b.id);
    let evening = plan(&b.staff, &evening_fields(b.id, "1")).await;
    let one = log_in(&b.app, &first).await;
    let two = log_in(&b.app, &second).await;
    answer(&one, evening, "yes").await;
    answer(&two, evening, "yes").await;
    assert_eq!(
        enrolment_status(&b.app, evening, first.id).as_deref(),
        Some("confirmed")
    );
    assert_eq!(
        enrolment_status(&b.app, evening, second.id).as_deref(),
        Some("waitlisted")
    );
    let page = two.get_html(&format!("/aftener/{evening}")).await;
    assert_eq!(
        texts(&page, "#my-reply"),
        vec!["Du har svaret ja og står på ventelisten."]
    );
    answer(&one, evening, "no").await;
    assert_eq!(
        enrolment_status(&b.app, evening, second.id).as_deref(),
        Some("confirmed")
    );
    assert_eq!(
        kinds_to(&b.app, &second.email).last().map(String::as_str),
        Some("promoted")
    );
}

#[tokio::test]
async fn a_branch_evening_is_for_its_branch_and_a_national_one_for_all() {
    let b = branch().await;
    let other_branch = b.app.create_branch("Randers");
    let outsider = b
        .app
        .qualified_volunteer("randers@example.dk", other_branch);
    let local = plan(&b.staff, &evening_fields(b.id, "")).await;
    let mut open = evening_fields(b.id, "");
    open[2].1 = "Landsdækkende aften".into();
    open.push(("open", "1".into()));
    let national = plan(&b.staff, &open).await;
    // Only the national one reached Randers.
    let invitations = kinds_to(&b.app, &outsider.email)
        .into_iter()
        .filter(|k| k == "evening_invitation")
        .count();
    assert_eq!(invitations, 1);

    let me = log_in(&b.app, &outsider).await;
    let list = me.get_html("/aftener").await;
    assert_eq!(
        texts(&list, "#evening-list li a"),
        vec!["Landsdækkende aften"]
    );
    assert_eq!(
        me.get(&format!("/aftener/{local}")).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        answer(&me, local, "yes").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(enrolment_status(&b.app, local, outsider.id), None);

    answer(&me, national, "yes").await;
    assert_eq!(
        enrolment_status(&b.app, national, outsider.id).as_deref(),
        Some("confirmed")
    );
    // The home branch's coordinator sees where the guest comes from.
    let staff = b
        .staff
        .get_html(&format!("/koordinator/aftener/{national}"))
        .await;
    let coming = texts(&staff, "#coming li");
    assert_eq!(coming.len(), 1);
    assert!(coming[0].ends_with("Randers"), "{coming:?}");
}

#[tokio::test]
async fn volunteers_who_are_not_active_are_refused_with_their_checklist() {
    let b = branch().await;
    // A volunteer on the roster who has not done the course.
    let untrained = b
        .app
        .create_user("ny@example.dk", &[Role::Volunteer], Some(b.id));
    let evening = plan(&b.staff, &evening_fields(b.id, "")).await;
    let me = log_in(&b.app, &untrained).await;
    let refused = me.get(&format!("/aftener/{evening}")).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let html = refused.text().await.expect("body");
    let lines = texts(&html, ".checklist-list li");
    assert!(
        lines
            .iter()
            .any(|l| l == "Tavshedserklæring (version 1) er ikke underskrevet"),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("Mangler 2 timer: modul 1"))
    );
    let refused = answer(&me, evening, "yes").await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(enrolment_status(&b.app, evening, untrained.id), None);
    // The list tells them why they see no brobyggeraftener.
    let list = me.get_html("/aftener").await;
    assert!(texts(&list, "#evening-list li a").is_empty());
    assert_eq!(texts(&list, "p.hint a"), vec!["Mit brobyggerforløb"]);

    // Anonymous visitors are asked to log in; professionals are refused.
    let anonymous = b.app.browser();
    let r = anonymous.get(&format!("/aftener/{evening}")).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(location(&r).starts_with("/log-ind"));
    let (professional, _) = b.app.signed_in(Role::Professional).await;
    assert_eq!(
        professional
            .get(&format!("/aftener/{evening}"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn answers_are_refused_once_the_evening_is_cancelled() {
    let b = branch().await;
    let sara = b.app.qualified_volunteer("sara@example.dk", b.id);
    let evening = plan(&b.staff, &evening_fields(b.id, "")).await;
    let me = log_in(&b.app, &sara).await;
    answer(&me, evening, "yes").await;
    let r = b
        .staff
        .post_form(
            &format!("/koordinator/hold/{evening}/aflys"),
            &[("reason", "Oplægsholderen er syg")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        kinds_to(&b.app, &sara.email).last().map(String::as_str),
        Some("session_cancelled")
    );
    answer(&me, evening, "no").await;
    assert_eq!(
        enrolment_status(&b.app, evening, sara.id).as_deref(),
        Some("cancelled")
    );
    let page = me.get_html(&format!("/aftener/{evening}")).await;
    assert!(
        texts(&page, ".flash-error")
            .iter()
            .any(|t| t == "Holdet er aflyst.")
    );
    // The refused answer left no trace.
    let stored: String = {
        use brobyg::db::schema::evening_answers;
        use diesel::prelude::*;
        let mut conn = b.app.db.conn().expect("connection");
        evening_answers::table
            .find((evening, sara.id))
            .select(evening_answers::answer)
            .first(&mut conn)
            .expect("the answer")
    };
    assert_eq!(stored, "yes");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn simultaneous_yes_answers_never_overfill_the_evening() {
    let app = crate::helpers::spawn_app_with(|s| {
        s.workers = 4;
        s.database_pool_size = 8;
    })
    .await;
    let id = app.create_branch("Aarhus");
    let coordinator = app.create_user("k@example.dk", &[Role::Coordinator], Some(id));
    let staff = log_in(&app, &coordinator).await;
    let evening = plan(&staff, &evening_fields(id, "5")).await;
    let path = format!("/aftener/{evening}/svar");
    // Every volunteer opens the evening's page first (their own session
    // and CSRF token), then all answer at the same moment.
    let mut prepared = Vec::new();
    for i in 0..12 {
        let v = app.qualified_volunteer(&format!("v{i}@example.dk"), id);
        let me = log_in(&app, &v).await;
        let html = me.get_html(&format!("/aftener/{evening}")).await;
        prepared.push((me, crate::helpers::csrf_in(&html)));
    }
    let requests = prepared.iter().map(|(me, token)| {
        me.client
            .post(me.url(&path))
            .form(&[("csrf", token.as_str()), ("answer", "yes")])
            .send()
    });
    for r in futures_util::future::join_all(requests).await {
        assert_eq!(r.expect("response").status(), StatusCode::SEE_OTHER);
    }
    let mut conn = app.db.conn().expect("connection");
    let (seated, waiting) =
        brobyg::db::enrolments::participants(&mut conn, evening).expect("participants");
    assert_eq!(seated.len(), 5, "exactly the capacity");
    assert_eq!(waiting.len(), 7, "the rest wait");
    let session = brobyg::db::sessions::find(&mut conn, evening).expect("session");
    assert_eq!((session.confirmed_count, session.waitlist_count), (5, 7));
}
